/* td-window.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-api-client.h"
#include "td-credentials.h"
#include "td-users-page.h"

G_BEGIN_DECLS

#define TD_TYPE_WINDOW (td_window_get_type ())

G_DECLARE_FINAL_TYPE (TdWindow, td_window, TD, WINDOW, AdwApplicationWindow)

/* Construct-only properties: "client" (TdApiClient), "credentials"
 * (TdCredentials), "settings" (GSettings of the app's schema) and
 * "sandbox-mode" (boolean: the window says plainly that nothing goes to
 * Thordata, and does not read the keyring). */
TdWindow *td_window_new                  (AdwApplication *application,
                                          TdApiClient    *client,
                                          TdCredentials  *credentials,
                                          GSettings      *settings,
                                          gboolean        sandbox_mode);

/* Opens the dialog that asks for the account token and key. */
void      td_window_ask_for_credentials  (TdWindow       *self);

/* TRUE while a request is in flight. */
gboolean  td_window_get_busy             (TdWindow       *self);

/* The view of the users page, made when the page is first shown or when
 * this is called first (it reads the list once it is on screen). */
TdUsersPage *td_window_get_users_view    (TdWindow       *self);

G_END_DECLS
