/* td-user-form.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_USER_FORM (td_user_form_get_type ())

G_DECLARE_FINAL_TYPE (TdUserForm, td_user_form, TD, USER_FORM, AdwBin)

/* The form of one proxy user: proxy type, username, password (with
 * Generate), traffic limit and its unit (or unlimited), enabled.  Each
 * field is checked against the server's rules as it is typed; its message
 * shows next to it once the field was edited (or after
 * td_user_form_validate() with @touch_all).  A server error about a field
 * (td_error_get_field()) is shown next to that field.
 *
 * Property "editing" (boolean, construct-only): the form edits an existing
 * user: no proxy type, and an empty new password keeps the current one.
 *
 * Signals: "changed" (any field changed, also by code), "activated"
 * (Enter in a field).  Action: "form.generate-password". */
GtkWidget     *td_user_form_new                 (gboolean      editing);

gboolean       td_user_form_get_editing         (TdUserForm   *self);

TdProxyType    td_user_form_get_proxy_type      (TdUserForm   *self);
void           td_user_form_set_proxy_type      (TdUserForm   *self,
                                                 TdProxyType   proxy_type);
TdTrafficUnit  td_user_form_get_unit            (TdUserForm   *self);
void           td_user_form_set_unit            (TdUserForm   *self,
                                                 TdTrafficUnit unit);

/* Fills the form from @user (editing), as not yet edited. */
void           td_user_form_set_user            (TdUserForm   *self,
                                                 TdProxyUser  *user);
/* Writes the form's values into @user (the password only when one was
 * typed).  The form must be valid. */
void           td_user_form_apply               (TdUserForm   *self,
                                                 TdProxyUser  *user);
/* Whether the form's values differ from @user's. */
gboolean       td_user_form_differs             (TdUserForm   *self,
                                                 TdProxyUser  *user);

/* Empties the fields but the proxy type and the unit, as not yet edited. */
void           td_user_form_clear               (TdUserForm   *self);

/* Checks every field, shows the messages of the edited ones (of all with
 * @touch_all) and returns whether all are valid. */
gboolean       td_user_form_validate            (TdUserForm   *self,
                                                 gboolean      touch_all);
/* Moves the focus to the first field whose value is not valid. */
void           td_user_form_focus_invalid       (TdUserForm   *self);
void           td_user_form_focus_first         (TdUserForm   *self);

/* While busy, the form stays visible but cannot be changed. */
void           td_user_form_set_busy            (TdUserForm   *self,
                                                 gboolean      busy);

/* Shows @error next to the field it concerns and focuses that field;
 * FALSE when it concerns no field. */
gboolean       td_user_form_show_server_error   (TdUserForm   *self,
                                                 const GError *error);

G_END_DECLS
