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
#include "td-error-help.h"
#include "td-window.h"
#include "td-user-edit-dialog.h"
#include "td-user-form.h"

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
  TdBusyIndicator *busy_indicator;
  TdUserForm     *form;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;

  TdApiClient    *client;
  /* The user as the list showed it. */
  TdProxyUser    *current;
  GCancellable   *cancellable;
  /* A change Thordata refused as JSON (code 10000): sent again as form
   * fields when the admin asks. */
  TdProxyUser    *form_fields_user;
  /* The change being sent. */
  TdProxyUser    *sending;

  guint           saving : 1;
};

G_DEFINE_FINAL_TYPE (TdUserEditDialog, td_user_edit_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Checks the form, and allows Save when it is valid and differs from
 * the user.  Returns whether the form is valid. */
static gboolean
update_validity (TdUserEditDialog *self,
                 gboolean          touch_all)
{
  gboolean valid;

  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  valid = td_user_form_validate (self->form, touch_all);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.save",
                                 valid && !self->saving &&
                                 td_user_form_differs (self->form, self->current));

  return valid;
}

static void
hide_error (TdUserEditDialog *self)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  td_accessible_set_error_card (self->error_revealer, self->error_label, NULL);
}

static void
set_saving (TdUserEditDialog *self,
            gboolean          saving)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  self->saving = saving;
  td_user_form_set_busy (self->form, saving);
  gtk_stack_set_visible_child_name (self->save_stack, saving ? "busy" : "idle");
  td_busy_indicator_set_spinning (self->busy_indicator, saving);
  update_validity (self, FALSE);
}

static void
on_form_changed (TdUserEditDialog *self)
{
  update_validity (self, FALSE);
}

static void
on_form_activated (TdUserEditDialog *self)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  if (update_validity (self, TRUE))
    gtk_widget_activate_action (GTK_WIDGET (self), "edit.save", NULL);
}

/* The account of the window the dialog belongs to, when the dialog's
 * client is that account's: what it sends goes with that account only. */
static TdAccount *
get_account (TdUserEditDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  TdAccount *account;

  if (!TD_IS_WINDOW (parent))
    return NULL;

  account = td_window_get_account (TD_WINDOW (parent));
  if (account == NULL || td_account_get_client (account) != self->client)
    return NULL;

  return account;
}

static void
update_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdUserEditDialog) self = TD_USER_EDIT_DIALOG (user_data);
  TdProxyUser *changed = self->sending;
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
      /* With a link to the guide found from the error itself. */
      td_accessible_set_error_card_for_error (self->error_revealer, self->error_label, message, error);

      /* Next to the field the server complained about, keeping what was
       * typed; otherwise on the message, once it is on screen (focused
       * before, the whole message is selected). */
      if (!td_user_form_show_server_error (self->form, error))
        td_accessible_focus_error_when_shown (self->error_label);

      /* Nothing was done: the same change may be sent as form fields. */
      if (td_error_offers_form_fields (error) && get_account (self) != NULL)
        {
          g_set_object (&self->form_fields_user, changed);
          td_error_help_set_form_offer (self->error_label, "edit.send-as-form-fields");
        }
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, changed);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Sends @changed (the user as it is to be), the form made busy. */
static void
send_update (TdUserEditDialog *self,
             TdProxyUser      *changed)
{
  g_set_object (&self->sending, changed);
  td_error_help_set_form_offer (self->error_label, NULL);
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
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdUserEditDialog *self = TD_USER_EDIT_DIALOG (widget);
  g_autoptr(TdProxyUser) changed = NULL;

  if (self->saving)
    return;

  if (!update_validity (self, TRUE))
    return;

  /* Everything the admin did not touch keeps its current value. */
  changed = td_proxy_user_copy (self->current);
  td_user_form_apply (self->form, changed);

  g_clear_object (&self->form_fields_user);
  send_update (self, changed);
}

/* The admin's answer to a change Thordata refused as JSON: the same
 * change, once, as form fields, which the account keeps from now on. */
static void
send_as_form_fields_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TdUserEditDialog *self = TD_USER_EDIT_DIALOG (widget);
  g_autoptr(TdProxyUser) changed = g_steal_pointer (&self->form_fields_user);
  TdAccount *account = get_account (self);

  if (changed == NULL || account == NULL || self->saving)
    return;

  td_account_use_form_fields (account);
  send_update (self, changed);
}

/* Fills the form from the user as listed. */
static void
load_user (TdUserEditDialog *self)
{
  g_assert (TD_IS_USER_EDIT_DIALOG (self));

  adw_window_title_set_subtitle (self->window_title, td_proxy_user_get_display_name (self->current));
  td_user_form_set_user (self->form, self->current);
  update_validity (self, FALSE);
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
  g_clear_object (&self->form_fields_user);
  g_clear_object (&self->sending);

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
  g_type_ensure (TD_TYPE_USER_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-user-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, save_stack);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, busy_indicator);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, form);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdUserEditDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_form_activated);

  gtk_widget_class_install_action (widget_class, "edit.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "edit.send-as-form-fields", NULL,
                                   send_as_form_fields_action);

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
