/* td-user-store.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-api-client.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_USER_STORE (td_user_store_get_type ())

G_DECLARE_FINAL_TYPE (TdUserStore, td_user_store, TD, USER_STORE, GObject)

/* The proxy users of one proxy type of one account, as a GListModel of
 * TdProxyUser in the server's order, with the account's quota.  Every
 * page reads the same store (td_account_get_user_store()), so the Create
 * page knows the quota without the Users page being shown.
 *
 * Properties (read-only but "client" and "proxy-type", construct-only):
 *   "loaded"     a list has been read at least once; the items are it
 *   "loading"    a read is in flight
 *   "remaining"  users that can still be created, -1 when unknown
 *   "limit"      users allowed on the account, -1 when unknown
 *   "user-count" users on the account, -1 when unknown
 *
 * A refresh that returns the same users in the same order replaces only
 * the items that changed, so that a list view keeps its scroll position,
 * selection and focus. */
TdUserStore *td_user_store_new             (TdApiClient          *client,
                                            TdProxyType           proxy_type);

TdApiClient *td_user_store_get_client      (TdUserStore          *self);
TdProxyType  td_user_store_get_proxy_type  (TdUserStore          *self);
gboolean     td_user_store_get_loaded      (TdUserStore          *self);
gboolean     td_user_store_get_loading     (TdUserStore          *self);
gint64       td_user_store_get_remaining   (TdUserStore          *self);
gint64       td_user_store_get_limit       (TdUserStore          *self);
gint64       td_user_store_get_user_count  (TdUserStore          *self);

/* Reads the list again.  A newer refresh cancels the read in flight (its
 * callback then gets G_IO_ERROR_CANCELLED).  On error the items and the
 * quota stay as they were. */
void         td_user_store_refresh_async   (TdUserStore          *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean     td_user_store_refresh_finish  (TdUserStore          *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* The user named @username (borrowed), or NULL. */
TdProxyUser *td_user_store_lookup          (TdUserStore          *self,
                                            const char           *username);

/* After the server confirmed a create: appends @user (its proxy type must
 * be the store's) and counts it against the quota.  Before the first read
 * nothing is added (that read will list the user); a user of the same
 * name already listed is replaced. */
void         td_user_store_add             (TdUserStore          *self,
                                            TdProxyUser          *user);
/* After the server confirmed a delete: removes the user named @username
 * and gives its place back to the quota.  FALSE when it was not listed. */
gboolean     td_user_store_remove          (TdUserStore          *self,
                                            const char           *username);
/* After the server confirmed a change: puts @user in the place of the
 * user of the same name.  FALSE when none is listed. */
gboolean     td_user_store_replace         (TdUserStore          *self,
                                            TdProxyUser          *user);

G_END_DECLS
