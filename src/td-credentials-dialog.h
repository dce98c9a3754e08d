/* td-credentials-dialog.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-credentials.h"

G_BEGIN_DECLS

#define TD_TYPE_CREDENTIALS_DIALOG (td_credentials_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdCredentialsDialog, td_credentials_dialog, TD, CREDENTIALS_DIALOG, AdwWindow)

/* Asks for the account token and the optional key and stores them in the
 * keyring.  When the keyring cannot be used, it says why and offers to
 * use them for this session only.  Emits "saved" (gboolean session_only)
 * before closing. */
TdCredentialsDialog *td_credentials_dialog_new (GtkWindow     *parent,
                                                TdCredentials *credentials);

G_END_DECLS
