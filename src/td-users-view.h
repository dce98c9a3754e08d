/* td-users-view.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-api-client.h"
#include "td-credentials.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_USERS_VIEW (td_users_view_get_type ())

G_DECLARE_FINAL_TYPE (TdUsersView, td_users_view, TD, USERS_VIEW, GtkWidget)

/* The proxy users of one type, with the account's quota: search, sort,
 * switch users on and off, edit, delete, copy their login and proxy URL,
 * and see their usage.
 *
 * Properties: "client" (TdApiClient), "credentials" (TdCredentials: the
 * list is read again when the token changes), "settings" (GSettings of the
 * app's schema, for the gateway hosts; may be NULL), "proxy-type" (int,
 * the TdProxyType listed), "compact" (boolean: fewer columns, for narrow
 * windows), and, read-only, "loading" (boolean), "remaining",
 * "limit" and "user-count" (gint64, from the last list; -1 unknown).
 *
 * The list is first read when the view is shown, then on
 * td_users_view_refresh() and after every change. */
TdUsersView *td_users_view_new              (void);

TdApiClient *td_users_view_get_client       (TdUsersView   *self);
void         td_users_view_set_client       (TdUsersView   *self,
                                             TdApiClient   *client);
void         td_users_view_set_credentials  (TdUsersView   *self,
                                             TdCredentials *credentials);
void         td_users_view_set_settings     (TdUsersView   *self,
                                             GSettings     *settings);
TdProxyType  td_users_view_get_proxy_type   (TdUsersView   *self);
void         td_users_view_set_proxy_type   (TdUsersView   *self,
                                             TdProxyType    proxy_type);
gboolean     td_users_view_get_compact      (TdUsersView   *self);
void         td_users_view_set_compact      (TdUsersView   *self,
                                             gboolean       compact);

/* Reads the list again (a read in flight is restarted). */
void         td_users_view_refresh          (TdUsersView   *self);
/* Reads the list again if it has been read before: the account changed
 * (a user was created elsewhere in the app). */
void         td_users_view_invalidate       (TdUsersView   *self);
/* Moves the keyboard focus to the search field. */
void         td_users_view_focus_search     (TdUsersView   *self);

gboolean     td_users_view_get_loading      (TdUsersView   *self);
gint64       td_users_view_get_remaining    (TdUsersView   *self);
gint64       td_users_view_get_limit        (TdUsersView   *self);
gint64       td_users_view_get_user_count   (TdUsersView   *self);

G_END_DECLS
