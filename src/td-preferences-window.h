/* td-preferences-window.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"
#include "td-api-client.h"
#include "td-credentials.h"

G_BEGIN_DECLS

#define TD_TYPE_PREFERENCES_WINDOW (td_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, TD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @api_url_override is the --api-url of this run, or NULL. */
TdPreferencesWindow *td_preferences_window_new (GtkWindow     *parent,
                                                GSettings     *settings,
                                                TdCredentials *credentials,
                                                const char    *api_url_override,
                                                gboolean       sandbox_mode);

/* The client a new token is checked against (td-credentials-dialog.h);
 * without one, a token is stored unchecked. */
void td_preferences_window_set_client (TdPreferencesWindow *self,
                                       TdApiClient         *client);

/* Edits @account's token, API address, request encoding and proxy hosts
 * (td_account_get_account_settings()) and says which account it is; the
 * IP-check address stays the app's.  Called again after a switch. */
void td_preferences_window_set_account (TdPreferencesWindow *self,
                                        TdAccount           *account);

G_END_DECLS
