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
#include "td-busy-indicator.h"
#include "td-credentials-dialog.h"
#include "td-error.h"
#include "td-proxy-user.h"
#include "td-user-list.h"

#define TD_DASHBOARD_URL "https://dashboard.thordata.com"

struct _TdCredentialsDialog
{
  AdwWindow      parent_instance;

  GtkWidget     *cancel_button;
  GtkWidget     *save_button;
  GtkWidget     *done_button;
  GtkWidget     *check_box;
  TdBusyIndicator *check_indicator;
  GtkImage      *check_icon;
  GtkLabel      *check_label;
  GtkLabel      *explanation_label;
  GtkWidget     *token_row;
  GtkWidget     *token_entry;
  GtkWidget     *token_peek;
  GtkWidget     *key_row;
  GtkWidget     *key_entry;
  GtkWidget     *key_peek;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  GtkWidget     *session_button;

  TdCredentials *credentials;
  TdApiClient   *client;
  GCancellable  *cancellable;
  gboolean       saving;

  /* While a token is checked, then stored: what was typed (wiped when
   * dropped), where it goes, and what the check found. */
  char          *pending_token;
  char          *pending_key;
  gboolean       pending_session_only;
  char          *check_message;
  gboolean       checked;
};

G_DEFINE_FINAL_TYPE (TdCredentialsDialog, td_credentials_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The text of an entry without the white space a paste often brings. */
static char *
dup_stripped_text (GtkWidget *entry)
{
  g_assert (GTK_IS_EDITABLE (entry));

  return g_strstrip (g_strdup (td_accessible_get_secret (entry)));
}

static void
update_actions (TdCredentialsDialog *self)
{
  char *token;
  gboolean has_token;

  g_assert (TD_IS_CREDENTIALS_DIALOG (self));

  token = dup_stripped_text (self->token_entry);
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
  td_accessible_note_secret_length (self->token_entry);
  td_accessible_note_secret_length (self->key_entry);
  update_actions (self);
}

static void
on_peek_clicked (TdCredentialsDialog *self,
                 GtkButton           *button)
{
  if (GTK_WIDGET (button) == self->token_peek)
    td_accessible_toggle_peek_button (self->token_entry, button, _("Show the token"), _("Hide the token"));
  else
    td_accessible_toggle_peek_button (self->key_entry, button, _("Show the key"), _("Hide the key"));
}

static void
on_entry_activated (TdCredentialsDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "credentials.save", NULL);
}

static void
clear_pending (TdCredentialsDialog *self)
{
  g_assert (TD_IS_CREDENTIALS_DIALOG (self));

  g_clear_pointer (&self->pending_token, td_secret_free);
  g_clear_pointer (&self->pending_key, td_secret_free);
}

static void
set_fields_sensitive (TdCredentialsDialog *self,
                      gboolean             sensitive)
{
  g_assert (TD_IS_CREDENTIALS_DIALOG (self));

  gtk_widget_set_sensitive (self->token_row, sensitive);
  gtk_widget_set_sensitive (self->token_entry, sensitive);
  gtk_widget_set_sensitive (self->key_row, sensitive);
  gtk_widget_set_sensitive (self->key_entry, sensitive);
}

/* The line under the fields that says how the check goes: busy while it
 * runs, then an icon and the outcome. */
static void
show_check_state (TdCredentialsDialog *self,
                  gboolean             busy,
                  const char          *icon_name,
                  const char          *message)
{
  g_assert (TD_IS_CREDENTIALS_DIALOG (self));

  td_busy_indicator_set_spinning (self->check_indicator, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->check_indicator), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->check_icon), icon_name != NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->check_icon, icon_name);
  gtk_label_set_label (self->check_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->check_box, message != NULL);
}

/* Stored (or in use for the session) after a check: the outcome stays on
 * screen, Done closes. */
static void
show_done (TdCredentialsDialog *self)
{
  g_assert (TD_IS_CREDENTIALS_DIALOG (self));

  clear_pending (self);
  self->saving = FALSE;
  show_check_state (self, FALSE,
                    self->checked ? "emblem-ok-symbolic" : "dialog-warning-symbolic",
                    self->check_message);
  set_fields_sensitive (self, FALSE);
  td_accessible_set_error_card (self->error_revealer, self->error_label, NULL);

  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->save_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  /* Read with the button that takes the focus. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->done_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->check_label, NULL,
                                  -1);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  gtk_widget_grab_focus (self->done_button);
}

static void store_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data);

/* Stores what was checked, or uses it for the session. */
static void
keep_pending (TdCredentialsDialog *self)
{
  g_assert (TD_IS_CREDENTIALS_DIALOG (self));
  g_assert (self->pending_token != NULL);

  if (self->pending_session_only)
    {
      td_credentials_use_for_session (self->credentials, self->pending_token, self->pending_key);
      g_signal_emit (self, signals [SAVED], 0, TRUE);
      show_done (self);
      return;
    }

  td_credentials_store_async (self->credentials,
                              self->pending_token,
                              self->pending_key,
                              self->cancellable,
                              store_cb,
                              g_object_ref (self));
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

      /* Not stored: the check's outcome would mislead.  What was typed
       * stays, to try again or use for the session. */
      clear_pending (self);
      g_clear_pointer (&self->check_message, g_free);
      show_check_state (self, FALSE, NULL, NULL);
      set_fields_sensitive (self, TRUE);
      self->saving = FALSE;
      update_actions (self);

      /* Keep what was typed, say why, and offer the way out. */
      gtk_widget_set_visible (self->session_button,
                              g_error_matches (error, TD_CREDENTIALS_ERROR,
                                               TD_CREDENTIALS_ERROR_NO_KEYRING) ||
                              g_error_matches (error, TD_CREDENTIALS_ERROR,
                                               TD_CREDENTIALS_ERROR_LOCKED) ||
                              g_error_matches (error, TD_CREDENTIALS_ERROR,
                                               TD_CREDENTIALS_ERROR_FAILED));
      td_accessible_set_error_card_for_error (self->error_revealer, self->error_label, NULL, error);
      gtk_widget_grab_focus (self->session_button);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, FALSE);

  if (self->check_message != NULL)
    show_done (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Thordata refused the token or the key: nothing is kept, what was typed
 * stays, and the field says why. */
static void
show_refused (TdCredentialsDialog *self,
              const GError        *error)
{
  g_autofree char *message = NULL;
  GtkWidget *field;

  g_assert (TD_IS_CREDENTIALS_DIALOG (self));

  if (error->code == 10014)
    {
      /* Translators: %d is Thordata's error code */
      message = g_strdup_printf (_("Thordata refused this key (code %d). Nothing was saved."),
                                 error->code);
      field = self->key_entry;
    }
  else
    {
      /* Translators: %d is Thordata's error code */
      message = g_strdup_printf (_("Thordata refused this token (code %d). Nothing was saved."),
                                 error->code);
      field = self->token_entry;
    }

  clear_pending (self);
  self->saving = FALSE;
  show_check_state (self, FALSE, NULL, NULL);
  set_fields_sensitive (self, TRUE);
  update_actions (self);

  gtk_widget_set_visible (self->session_button, FALSE);
  td_accessible_set_error_card_for_error (self->error_revealer, self->error_label, message, error);
  /* The message is in the error card; the field is described by it. */
  td_accessible_set_field_message (field, NULL, NULL, message);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
  gtk_widget_grab_focus (field);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdCredentialsDialog) self = TD_CREDENTIALS_DIALOG (user_data);
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GError) error = NULL;

  list = td_api_client_list_users_finish (TD_API_CLIENT (object), result, &error);

  /* Closed meanwhile: nothing is kept, whatever the answer was. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Token check closed, then ended with: %s", error->message);
      clear_pending (self);
      return;
    }

  g_clear_pointer (&self->check_message, g_free);

  if (list != NULL)
    {
      /* The account's count when the answer gives it, else the list's. */
      gint64 count = list->user_count >= 0
                       ? list->user_count
                       : (gint64) g_list_model_get_n_items (G_LIST_MODEL (list->users));
      int n_users = (int) CLAMP (count, 0, G_MAXINT);

      self->checked = TRUE;
      self->check_message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: said when a token was checked and saved */
                                      "Connected: %d proxy user on this account",
                                      "Connected: %d proxy users on this account",
                                      n_users),
                         n_users);
    }
  else if (error->domain == TD_SERVER_ERROR && (error->code == 10013 || error->code == 10014))
    {
      show_refused (self, error);
      return;
    }
  else
    {
      /* Offline, no DNS, TLS, a timeout, or another answer: the token may
       * well be right, so it is kept, with the reason it is unchecked. */
      self->checked = FALSE;
      /* Translators: %s says why Thordata could not be asked */
      self->check_message = g_strdup_printf (_("Saved, but not checked: %s"), error->message);
    }

  /* Still busy while the keyring stores it; show_done() tells. */
  keep_pending (self);
}

/* Checks @token and @key with one list read, then keeps them (stored or
 * for the session); both are taken and wiped later. */
static void
check_then_keep (TdCredentialsDialog *self,
                 char                *token,
                 char                *key,
                 gboolean             session_only)
{
  g_autoptr(TdApiClient) check_client = NULL;

  g_assert (TD_IS_CREDENTIALS_DIALOG (self));
  g_assert (token != NULL && token[0] != '\0');

  clear_pending (self);
  self->pending_token = token;
  self->pending_key = key;
  self->pending_session_only = session_only;
  g_clear_pointer (&self->check_message, g_free);

  self->saving = TRUE;
  update_actions (self);
  /* Off the fields before they turn insensitive (GTK 4.8 loses track of
   * a focused entry made insensitive): Cancel is what can be done now. */
  gtk_widget_grab_focus (self->cancel_button);
  set_fields_sensitive (self, FALSE);
  td_accessible_set_field_message (self->token_entry, NULL, NULL, NULL);
  td_accessible_set_field_message (self->key_entry, NULL, NULL, NULL);
  td_accessible_set_error_card (self->error_revealer, self->error_label, NULL);
  show_check_state (self, TRUE, NULL, _("Checking the token with Thordata…"));

  /* A client of its own: the app's keeps its credentials for the
   * requests it may have in flight. */
  check_client = td_api_client_new (td_api_client_get_base_url (self->client));
  td_api_client_set_timeout (check_client, td_api_client_get_timeout (self->client));
  td_api_client_set_encoding (check_client, td_api_client_get_encoding (self->client));
  td_api_client_set_credentials (check_client, self->pending_token, self->pending_key);

  td_api_client_list_users_async (check_client,
                                  TD_PROXY_TYPE_RESIDENTIAL,
                                  self->cancellable,
                                  check_cb,
                                  g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdCredentialsDialog *self = TD_CREDENTIALS_DIALOG (widget);
  char *token = dup_stripped_text (self->token_entry);
  char *key = dup_stripped_text (self->key_entry);

  if (token[0] != '\0' && self->client != NULL)
    {
      check_then_keep (self, token, key[0] != '\0' ? key : NULL, FALSE);
      if (key[0] == '\0')
        td_secret_free (key);
      return;
    }

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
  char *token = dup_stripped_text (self->token_entry);
  char *key = dup_stripped_text (self->key_entry);

  if (token[0] != '\0' && self->client != NULL)
    {
      check_then_keep (self, token, key[0] != '\0' ? key : NULL, TRUE);
      if (key[0] == '\0')
        td_secret_free (key);
      return;
    }

  if (token[0] != '\0')
    {
      td_credentials_use_for_session (self->credentials, token, key[0] != '\0' ? key : NULL);
      g_signal_emit (self, signals [SAVED], 0, TRUE);
      gtk_window_destroy (GTK_WINDOW (self));
    }

  td_secret_free (token);
  td_secret_free (key);
}

/* A window that is closed is only disposed once the last reference goes,
 * and a check or a store in flight holds one: what it does is cancelled
 * as soon as the dialog leaves the screen (Cancel, Escape, its parent
 * closing), so that nothing is stored after the admin said no. */
static void
td_credentials_dialog_unmap (GtkWidget *widget)
{
  TdCredentialsDialog *self = TD_CREDENTIALS_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (td_credentials_dialog_parent_class)->unmap (widget);
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
  g_clear_object (&self->client);
  clear_pending (self);
  g_clear_pointer (&self->check_message, g_free);

  G_OBJECT_CLASS (td_credentials_dialog_parent_class)->finalize (object);
}

static void
td_credentials_dialog_class_init (TdCredentialsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_credentials_dialog_dispose;
  object_class->finalize = td_credentials_dialog_finalize;
  widget_class->unmap = td_credentials_dialog_unmap;

  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (TD_TYPE_BUSY_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-credentials-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, check_box);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, check_indicator);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, check_icon);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, check_label);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, token_entry);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, token_peek);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, key_entry);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, key_peek);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdCredentialsDialog, session_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_peek_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_entry_mnemonic_activate",
                                                G_CALLBACK (td_accessible_focus_without_selecting));

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

  /* Their characters never reach assistive technology: only their length. */
  td_accessible_guard_secret (self->token_entry);
  td_accessible_guard_secret (self->key_entry);

  td_accessible_keep_button_label (GTK_BUTTON (self->cancel_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->save_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->done_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->session_button));

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

void
td_credentials_dialog_set_client (TdCredentialsDialog *self,
                                  TdApiClient         *client)
{
  g_return_if_fail (TD_IS_CREDENTIALS_DIALOG (self));
  g_return_if_fail (client == NULL || TD_IS_API_CLIENT (client));

  g_set_object (&self->client, client);
}
