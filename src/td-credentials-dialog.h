/* td-credentials-dialog.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-api-client.h"
#include "td-credentials.h"

G_BEGIN_DECLS

#define TD_TYPE_CREDENTIALS_DIALOG (td_credentials_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdCredentialsDialog, td_credentials_dialog, TD, CREDENTIALS_DIALOG, AdwWindow)

/* Asks for the account token and the optional key and stores them in the
 * keyring.  When the keyring cannot be used, it says why and offers to
 * use them for this session only.  Emits "saved" (gboolean session_only)
 * once they are stored (or in use for the session).
 *
 * With a client (td_credentials_dialog_set_client), the token is checked
 * first with one list read at the client's address, and the dialog stays
 * open to say what came of it:
 *   - accepted: stored, "Connected: N proxy users on this account";
 *   - refused by Thordata (10013 token, 10014 key): nothing is stored,
 *     the dialog says so with the code, and what was typed stays;
 *   - not answered (offline, DNS, TLS, timeout, another server error):
 *     stored anyway, and the dialog says it was not checked, and why.
 * Cancel (or closing the dialog) during the check stores nothing.
 * Without a client, the token is stored unchecked and the dialog closes. */
TdCredentialsDialog *td_credentials_dialog_new        (GtkWindow           *parent,
                                                       TdCredentials       *credentials);

/* The client whose address (and timeout) the check uses; the check runs
 * on a client of its own, with the token typed.  @client may be NULL. */
void                 td_credentials_dialog_set_client (TdCredentialsDialog *self,
                                                       TdApiClient         *client);

G_END_DECLS
