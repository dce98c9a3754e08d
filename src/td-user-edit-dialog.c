/* td-user-edit-dialog.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-busy-indicator.h"
#include "td-error.h"
#include "td-user-edit-dialog.h"

/* Changes one proxy user.  The update endpoint resets what it is not
 * sent (an omitted limit becomes "unlimited"), so the request always
 * starts from a copy of the user as listed, with the admin's edits on
 * top: every field goes, changed or not. */

struct _TdUserEditDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *save_stack;
  GtkWidget      *save_button;
  TdBusyIndicator *spinner;
  GtkWidget      *form_list;
  AdwEntryRow    *username_row;
  GtkWidget      *username_error_row;
  GtkLabel       *username_error;
  AdwEntryRow    *password_row;
  GtkWidget      *password_error_row;
  GtkLabel       *password_error;
  AdwEntryRow    *limit_row;
  GtkDropDown    *unit_dropdown;
  GtkWidget      *limit_error_row;
  GtkLabel       *limit_error;
  GtkSwitch      *unlimited_switch;
  GtkSwitch      *enabled_switch;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;

  TdApiClient    *client;
  /* The user as the list showed it. */
  TdProxyUser    *current;
  GCancellable   *cancellable;

  guint           saving : 1;
  guint           username_touched : 1;
  guint           password_touched : 1;
  guint           limit_touched : 1;
};

G_DEFINE_FINAL_TYPE (TdUserEditDialog, td_user_edit_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static TdTrafficUnit
get_selected_unit (TdUserEditDialog *self)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  return gtk_drop_down_get_selected (self->unit_dropdown) == 0 ? TD_TRAFFIC_UNIT_MB
                                                                 : TD_TRAFFIC_UNIT_GB;
}

static char *
check_limit (TdUserEditDialog *self,
             gint64           *out_mb)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  if (gtk_switch_get_active (self->unlimited_switch))
    {
      *out_mb = 0;
      return NULL;
    }

  return td_parse_traffic_limit (gtk_editable_get_text (GTK_EDITABLE (self->limit_row)),
                                 get_selected_unit (self),
                                 out_mb);
}

static char *
check_password (TdUserEditDialog *self)
{
  const char *password;

  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  /* Empty keeps the current password. */
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  return password[0] != '\0' ? td_validate_password (password) : NULL;
}

/* Validates every field, shows the messages of the fields already edited,
 * and allows Save when the form is valid and differs from the user. */
static gboolean
update_validity (TdUserEditDialog *self)
{
  g_autofree char *username_message = NULL;
  g_autofree char *password_message = NULL;
  g_autofree char *limit_message = NULL;
  const char *username;
  const char *password;
  gint64 limit_mb = -1;
  gboolean valid, changed;

  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  username_message = td_validate_username (username);
  password_message = check_password (self);
  limit_message = check_limit (self, &limit_mb);

  td_accessible_set_field_message (GTK_WIDGET (self->username_row), self->username_error_row,
                                   self->username_error, self->username_touched ? username_message : NULL);
  td_accessible_set_field_message (GTK_WIDGET (self->password_row), self->password_error_row,
                                   self->password_error, self->password_touched ? password_message : NULL);
  td_accessible_set_field_message (GTK_WIDGET (self->limit_row), self->limit_error_row,
                                   self->limit_error, self->limit_touched ? limit_message : NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_row),
                            !gtk_switch_get_active (self->unlimited_switch));

  valid = username_message == NULL && password_message == NULL && limit_message == NULL;
  changed = g_strcmp0 (username, td_proxy_user_get_username (self->current)) != 0 ||
            password[0] != '\0' ||
            limit_mb != td_proxy_user_get_traffic_limit (self->current) ||
            gtk_switch_get_active (self->enabled_switch) != td_proxy_user_get_enabled (self->current);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.save",
                                 valid && changed && !self->saving);

  return valid;
}

static void
hide_error (TdUserEditDialog *self)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  td_accessible_set_error_card (self->error_revealer, self->error_label, NULL);
}

static void
show_error (TdUserEditDialog *self,
            const char       *message)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));
  g_assert (message != NULL);

  td_accessible_set_error_card (self->error_revealer, self->error_label, message);
}

static void
set_saving (TdUserEditDialog *self,
            gboolean          saving)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  self->saving = saving;
  gtk_widget_set_sensitive (self->form_list, !saving);
  gtk_stack_set_visible_child_name (self->save_stack, saving ? "busy" : "idle");
  td_busy_indicator_set_spinning (self->spinner, saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.generate-password", !saving);
  update_validity (self);
}

static void
on_username_changed (TdUserEditDialog *self)
{
  self->username_touched = TRUE;
  update_validity (self);
}

static void
on_password_changed (TdUserEditDialog *self)
{
  self->password_touched = TRUE;
  update_validity (self);
}

static void
on_limit_changed (TdUserEditDialog *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->limit_row))[0] != '\0')
    self->limit_touched = TRUE;

  update_validity (self);
}

static void
on_enabled_changed (TdUserEditDialog *self)
{
  update_validity (self);
}

static void
on_entry_activated (TdUserEditDialog *self)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  self->username_touched = self->password_touched = self->limit_touched = TRUE;
  if (update_validity (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "edit.save", NULL);
}

static void
update_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdUserEditDialog) self = TD_USER_EDIT_DIALOG (user_data);
  TdProxyUser *changed = g_object_get_data (G_OBJECT (self), "td-changed");
  g_autoptr(GError) error = NULL;

  if (!td_api_client_update_user_finish (TD_API_CLIENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_saving (self, FALSE);

      if (td_error_is_ambiguous (error))
        /* Translators: %s says why the request failed */
        message = g_strdup_printf (_("%s\nThe change may have been applied anyway. Read the list "
                                     "again before saving a second time."),
                                   error->message);
      else
        message = g_strdup (error->message);
      show_error (self, message);

      /* Point at the field the server complained about; keep what was typed. */
      if (g_error_matches (error, TD_SERVER_ERROR, 10015) ||
          g_error_matches (error, TD_SERVER_ERROR, 10018))
        {
          td_accessible_set_field_message (GTK_WIDGET (self->username_row), self->username_error_row,
                                           self->username_error, td_server_error_lookup (error->code));
          gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
        }
      else if (g_error_matches (error, TD_SERVER_ERROR, 10016))
        {
          td_accessible_set_field_message (GTK_WIDGET (self->password_row), self->password_error_row,
                                           self->password_error, td_server_error_lookup (error->code));
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      else
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->error_label));
        }
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, changed);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdUserEditDialog *self = TD_USER_EDIT_DIALOG (widget);
  g_autoptr(TdProxyUser) changed = NULL;
  g_autofree char *limit_message = NULL;
  const char *password;
  gint64 limit_mb = 0;

  if (self->saving)
    return;

  self->username_touched = self->password_touched = self->limit_touched = TRUE;
  if (!update_validity (self))
    return;

  limit_message = check_limit (self, &limit_mb);
  g_assert (limit_message == NULL);

  /* Everything the admin did not touch keeps its current value. */
  changed = td_proxy_user_copy (self->current);
  td_proxy_user_set_username (changed, gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (password[0] != '\0')
    td_proxy_user_set_password (changed, password);
  td_proxy_user_set_traffic_limit (changed, limit_mb);
  td_proxy_user_set_enabled (changed, gtk_switch_get_active (self->enabled_switch));

  g_object_set_data_full (G_OBJECT (self), "td-changed", g_object_ref (changed), g_object_unref);

  hide_error (self);
  set_saving (self, TRUE);

  td_api_client_update_user_async (self->client,
                                   self->current,
                                   changed,
                                   self->cancellable,
                                   update_user_cb,
                                   g_object_ref (self));
}

static void
generate_password_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TdUserEditDialog *self = TD_USER_EDIT_DIALOG (widget);
  char *password = td_generate_password (12);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  td_secret_free (password);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/* Fills the form from the user as listed. */
static void
load_user (TdUserEditDialog *self)
{
  gint64 limit_mb;

  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  adw_window_title_set_subtitle (self->window_title, td_proxy_user_get_display_name (self->current));
  gtk_editable_set_text (GTK_EDITABLE (self->username_row),
                         td_proxy_user_get_username (self->current));

  limit_mb = td_proxy_user_get_traffic_limit (self->current);
  if (limit_mb == 0)
    {
      gtk_switch_set_active (self->unlimited_switch, TRUE);
      gtk_drop_down_set_selected (self->unit_dropdown, 1);
    }
  else
    {
      g_autofree char *text = NULL;
      gboolean whole_gb = limit_mb % 1024 == 0;

      text = g_strdup_printf ("%" G_GINT64_FORMAT, whole_gb ? limit_mb / 1024 : limit_mb);
      gtk_drop_down_set_selected (self->unit_dropdown, whole_gb ? 1 : 0);
      gtk_editable_set_text (GTK_EDITABLE (self->limit_row), text);
    }

  gtk_switch_set_active (self->enabled_switch, td_proxy_user_get_enabled (self->current));

  /* Filling the form is not editing it. */
  self->username_touched = self->password_touched = self->limit_touched = FALSE;
  update_validity (self);
}

static void
td_user_edit_dialog_dispose (GObject *object)
{
  TdUserEditDialog *self = TD_USER_EDIT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_USER_EDIT_DIALOG);

  G_OBJECT_CLASS (td_user_edit_dialog_parent_class)->dispose (object);
}

static void
td_user_edit_dialog_finalize (GObject *object)
{
  TdUserEditDialog *self = TD_USER_EDIT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (td_user_edit_dialog_parent_class)->finalize (object);
}

static void
td_user_edit_dialog_class_init (TdUserEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_user_edit_dialog_dispose;
  object_class->finalize = td_user_edit_dialog_finalize;

  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TD_TYPE_PROXY_USER);

  g_type_ensure (TD_TYPE_BUSY_INDICATOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-user-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, save_stack);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, form_list);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, username_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, username_error);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, password_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, password_error);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, limit_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, limit_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, limit_error);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, unlimited_switch);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_username_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_limit_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_enabled_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "edit.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "edit.generate-password", NULL,
                                   generate_password_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "edit.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "edit.save", NULL);
}

static void
td_user_edit_dialog_init (TdUserEditDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  td_accessible_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->password_row),
                                  _("Show the password"), _("Hide the password"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->unit_dropdown), _("Traffic limit unit"));
  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), FALSE);
}

TdUserEditDialog *
td_user_edit_dialog_new (GtkWindow   *parent,
                         TdApiClient *client,
                         TdProxyUser *user)
{
  TdUserEditDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_PROXY_USER (user), NULL);

  self = g_object_new (TD_TYPE_USER_EDIT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->client = g_object_ref (client);
  self->current = td_proxy_user_copy (user);
  load_user (self);

  return self;
}
