/* td-user-edit-dialog.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-api-client.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_USER_EDIT_DIALOG (td_user_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdUserEditDialog, td_user_edit_dialog, TD, USER_EDIT_DIALOG, AdwWindow)

/* Edits the name, password, traffic limit and status of @user (a copy is
 * kept) and sends update-user with every field, the unchanged ones from
 * the user's current values.  Emits "saved" (TdProxyUser *, the user as
 * changed) once the server accepted the change, then closes; on an error
 * it keeps everything typed and says what went wrong. */
TdUserEditDialog *td_user_edit_dialog_new (GtkWindow   *parent,
                                           TdApiClient *client,
                                           TdProxyUser *user);

G_END_DECLS
