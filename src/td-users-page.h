/* td-users-page.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-account.h"
#include "td-page.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_USERS_PAGE (td_users_page_get_type ())

G_DECLARE_FINAL_TYPE (TdUsersPage, td_users_page, TD, USERS_PAGE, GtkWidget)

/* The Users page (a TdPage): the proxy users of one type, with the
 * account's quota: search, sort, switch users on and off, edit, delete,
 * copy their login and proxy URL, and see their usage.
 *
 * It shows the account's user store of the type chosen
 * (td_account_get_user_store()), reads it when first shown, on refresh
 * and after every change, and again when the account's token changes.
 *
 * Properties: "account" (TdAccount, construct-only, from TdPage), "busy"
 * (boolean, read-only: the page's read is in flight), "proxy-type" (int,
 * the TdProxyType listed), "compact" (boolean: fewer columns, for narrow
 * windows), and, read-only, "remaining", "limit" and "user-count" (gint64,
 * those of the store shown; -1 unknown).
 *
 * TdPage: refresh reads the list again, find moves the focus to the
 * search, cancel stops the read in flight, focus_first focuses the
 * proxy type. */
GtkWidget   *td_users_page_new            (TdAccount   *account);

TdProxyType  td_users_page_get_proxy_type (TdUsersPage *self);
void         td_users_page_set_proxy_type (TdUsersPage *self,
                                           TdProxyType  proxy_type);
gboolean     td_users_page_get_compact    (TdUsersPage *self);
void         td_users_page_set_compact    (TdUsersPage *self,
                                           gboolean     compact);

/* Reads the list again (a read in flight is restarted). */
void         td_users_page_refresh        (TdUsersPage *self);
/* Reads the list again if it has been read before: the account changed
 * (a user was created elsewhere in the app). */
void         td_users_page_invalidate     (TdUsersPage *self);

gint64       td_users_page_get_remaining  (TdUsersPage *self);
gint64       td_users_page_get_limit      (TdUsersPage *self);
gint64       td_users_page_get_user_count (TdUsersPage *self);

/* Saves the users of the type shown (only those the search shows when
 * @only_shown), in the order shown, as a CSV file the Import page reads
 * back; with their passwords only when @passwords, and then with mode
 * 0600 (td_import_export_save_async()).  The action users.export asks
 * for the file and these two choices. */
void         td_users_page_export_async   (TdUsersPage         *self,
                                           GFile               *file,
                                           gboolean             only_shown,
                                           gboolean             passwords,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     td_users_page_export_finish  (TdUsersPage         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
