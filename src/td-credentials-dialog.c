/* td-credentials-dialog.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-credentials-dialog.h"
#include "td-proxy-user.h"

#define TD_DASHBOARD_URL "https://dashboard.thordata.com"

struct _TdCredentialsDialog
{
  AdwWindow      parent_instance;

  GtkWidget     *cancel_button;
  GtkWidget     *save_button;
  GtkLabel      *explanation_label;
  AdwEntryRow   *token_row;
  AdwEntryRow   *key_row;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  GtkWidget     *session_button;

  TdCredentials *credentials;
  GCancellable  *cancellable;
  gboolean       saving;
};

G_DEFINE_FINAL_TYPE (TdCredentialsDialog, td_credentials_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The text of an entry without the white space a paste often brings. */
static char *
dup_stripped_text (AdwEntryRow *row)
{
  g_assert (ADW_IS_ENTRY_ROW (row));

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
update_actions (TdCredentialsDialog *self)
{
  char *token;
  gboolean has_token;

  g_assert (TD_IS_CREDENTIALS_DIALOG (self));

  token = dup_stripped_text (self->token_row);
  has_token = token[0] != '\0';
  td_secret_free (token);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credentials.save",
                                 has_token && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credentials.use-for-session",
                                 has_token && !self->saving);
}

static void
on_changed (TdCredentialsDialog *self)
{
  update_actions (self);
}

static void
on_entry_activated (TdCredentialsDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "credentials.save", NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdCredentialsDialog) self = TD_CREDENTIALS_DIALOG (user_data);
  g_autoptr(GError) error = NULL;

  if (!td_credentials_store_finish (TD_CREDENTIALS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->saving = FALSE;
      update_actions (self);

      /* Keep what was typed, say why, and offer the way out. */
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (self->session_button,
                              g_error_matches (error, TD_CREDENTIALS_ERROR,
                                               TD_CREDENTIALS_ERROR_NO_KEYRING) ||
                              g_error_matches (error, TD_CREDENTIALS_ERROR,
                                               TD_CREDENTIALS_ERROR_LOCKED) ||
                              g_error_matches (error, TD_CREDENTIALS_ERROR,
                                               TD_CREDENTIALS_ERROR_FAILED));
      gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), TRUE);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      gtk_widget_grab_focus (self->session_button);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdCredentialsDialog *self = TD_CREDENTIALS_DIALOG (widget);
  char *token = dup_stripped_text (self->token_row);
  char *key = dup_stripped_text (self->key_row);

  if (token[0] != '\0')
    {
      self->saving = TRUE;
      update_actions (self);
      td_credentials_store_async (self->credentials,
                                  token,
                                  key[0] != '\0' ? key : NULL,
                                  self->cancellable,
                                  store_cb,
                                  g_object_ref (self));
    }

  td_secret_free (token);
  td_secret_free (key);
}

static void
use_for_session_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  TdCredentialsDialog *self = TD_CREDENTIALS_DIALOG (widget);
  char *token = dup_stripped_text (self->token_row);
  char *key = dup_stripped_text (self->key_row);

  if (token[0] != '\0')
    {
      td_credentials_use_for_session (self->credentials, token, key[0] != '\0' ? key : NULL);
      g_signal_emit (self, signals [SAVED], 0, TRUE);
      gtk_window_destroy (GTK_WINDOW (self));
    }

  td_secret_free (token);
  td_secret_free (key);
}

static void
td_credentials_dialog_dispose (GObject *object)
{
  TdCredentialsDialog *self = TD_CREDENTIALS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CREDENTIALS_DIALOG);

  G_OBJECT_CLASS (td_credentials_dialog_parent_class)->dispose (object);
}

static void
td_credentials_dialog_finalize (GObject *object)
{
  TdCredentialsDialog *self = TD_CREDENTIALS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (td_credentials_dialog_parent_class)->finalize (object);
}

static void
td_credentials_dialog_class_init (TdCredentialsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_credentials_dialog_dispose;
  object_class->finalize = td_credentials_dialog_finalize;

  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-credentials-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, session_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "credentials.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "credentials.use-for-session", NULL,
                                   use_for_session_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_credentials_dialog_init (TdCredentialsDialog *self)
{
  g_autofree char *link = NULL;
  g_autofree char *explanation = NULL;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  td_accessible_keep_button_label (GTK_BUTTON (self->cancel_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->save_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->session_button));
  td_accessible_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->token_row),
                                  _("Show the token"), _("Hide the token"));
  td_accessible_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->key_row),
                                  _("Show the key"), _("Hide the key"));

  link = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", TD_DASHBOARD_URL,
                                  /* Translators: the name of the Thordata web dashboard */
                                  _("Thordata dashboard"));
  /* Translators: %s is a link labelled "Thordata dashboard"; "My Account" is the
   * name of the dashboard's page, as the dashboard shows it */
  explanation = g_strdup_printf (_("Thordesk creates users with your account token. Find it in the "
                                   "%s, under Menu → My Account."), link);
  gtk_label_set_markup (self->explanation_label, explanation);

  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), FALSE);
  update_actions (self);
}

TdCredentialsDialog *
td_credentials_dialog_new (GtkWindow     *parent,
                           TdCredentials *credentials)
{
  TdCredentialsDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (TD_TYPE_CREDENTIALS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->credentials = g_object_ref (credentials);

  return self;
}
