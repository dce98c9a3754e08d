/* td-account-page-accounts.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Accounts group of the Account page: the list of accounts, switching,
 * adding one (its token and key into the keyring) and removing one. */

#include "config.h"

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-account-list.h"
#include "td-account-page-private.h"
#include "td-credentials.h"

static GSettings *
get_settings (TdAccountPage *self)
{
  return self->account != NULL ? td_account_get_settings (self->account) : NULL;
}

static void on_remove_account_clicked (GtkButton *button, TdAccountPage *self);

void
_td_account_page_rebuild_accounts (TdAccountPage *self)
{
  GSettings *settings = get_settings (self);
  g_auto(GStrv) ids = NULL;
  g_autofree char *current = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);

  if (settings == NULL)
    return;

  ids = td_account_list_dup_ids (settings);
  current = td_account_list_dup_current (settings);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = td_account_list_dup_name (settings, ids[i]);
      g_autofree char *switch_label = NULL;
      g_autofree char *remove_label = NULL;
      gboolean is_current = g_str_equal (ids[i], current);
      GtkWidget *row = adw_action_row_new ();

      _td_account_page_set_row_title (ADW_PREFERENCES_ROW (row), name);
      if (is_current)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("In use"));

      if (!is_current)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Switch"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.switch-account");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", ids[i]);
          /* Translators: %s is the name of an account */
          switch_label = g_strdup_printf (_("Switch to %s"), name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label,
                                          -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }

      if (ids[i][0] != '\0' && !is_current)
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, _("Remove"));
          /* Translators: %s is the name of an account */
          remove_label = g_strdup_printf (_("Remove %s"), name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                          -1);
          g_object_set_data_full (G_OBJECT (button), "account-id", g_strdup (ids[i]), g_free);
          g_object_set_data_full (G_OBJECT (button), "account-name", g_strdup (name), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (on_remove_account_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }

      gtk_list_box_append (self->accounts_list, row);
    }
}

static void
set_account_message (TdAccountPage *self,
                     GtkWidget     *field,
                     const char    *message)
{
  td_accessible_set_field_message (field, self->account_message_row, self->account_message,
                                   message);
}

void
_td_account_page_on_account_peek_clicked (TdAccountPage *self,
                                          GtkButton     *button)
{
  if (GTK_WIDGET (button) == self->account_token_peek)
    td_accessible_toggle_peek_button (self->account_token_entry, button, _("Show the token"), _("Hide the token"));
  else
    td_accessible_toggle_peek_button (self->account_key_entry, button, _("Show the key"), _("Hide the key"));
}

void
_td_account_page_on_account_form_changed (TdAccountPage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->account_name_entry));
  const char *token = td_accessible_get_secret (self->account_token_entry);
  GSettings *settings = get_settings (self);
  g_autofree char *message = NULL;

  if (settings != NULL && name[0] != '\0')
    message = td_account_list_check_name (settings, name);

  td_accessible_note_secret_length (self->account_token_entry);
  td_accessible_note_secret_length (self->account_key_entry);
  /* A message for the token (none typed, the keyring's refusal) goes
   * with what is typed next. */
  td_accessible_set_field_message (self->account_token_entry, NULL, NULL, NULL);
  set_account_message (self, GTK_WIDGET (self->account_name_entry), message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_account_button),
                            settings != NULL && message == NULL && name[0] != '\0' &&
                            token[0] != '\0');
}

static void
store_account_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ItemData *data = user_data;
  TdAccountPage *self = data->self;
  g_autoptr(GError) error = NULL;

  td_credentials_store_finish (TD_CREDENTIALS (object), result, &error);
  _td_account_page_set_pending (self, -1);

  if (error != NULL)
    {
      GSettings *settings = get_settings (self);

      /* No account without its token: the name goes, what was typed stays. */
      if (settings != NULL)
        td_account_list_remove (settings, data->text);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_account_message (self, GTK_WIDGET (self->account_token_entry), error->message);
      _td_account_page_item_data_free (data);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->account_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->account_token_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->account_key_entry), "");
  _td_account_page_item_data_free (data);
}

void
_td_account_page_on_add_account_clicked (TdAccountPage *self)
{
  GSettings *settings = get_settings (self);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->account_name_entry));
  const char *token = td_accessible_get_secret (self->account_token_entry);
  const char *key = td_accessible_get_secret (self->account_key_entry);
  g_autoptr(TdCredentials) credentials = NULL;
  g_autofree char *message = NULL;
  ItemData *data;

  if (settings == NULL)
    return;

  message = td_account_list_check_name (settings, name);
  if (message != NULL)
    {
      set_account_message (self, GTK_WIDGET (self->account_name_entry), message);
      return;
    }
  if (token[0] == '\0')
    {
      set_account_message (self, GTK_WIDGET (self->account_token_entry),
                           _("Enter the account token from the Thordata dashboard."));
      return;
    }

  data = g_new0 (ItemData, 1);
  data->self = g_object_ref (self);
  data->text = td_account_list_add (settings, name);

  credentials = td_credentials_new_for_account (data->text);
  _td_account_page_set_pending (self, +1);
  td_credentials_store_async (credentials, token, key, self->cancellable, store_account_cb, data);
}

static void
forget_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ItemData *data = user_data;
  TdAccountPage *self = data->self;
  GSettings *settings = get_settings (self);
  g_autoptr(GError) error = NULL;

  _td_account_page_set_pending (self, -1);

  if (!td_credentials_forget_finish (TD_CREDENTIALS (object), result, &error))
    {
      /* Kept in the list: its items are still in the keyring. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_account_message (self, GTK_WIDGET (self->accounts_list), error->message);
      _td_account_page_item_data_free (data);
      return;
    }

  if (settings != NULL)
    td_account_list_remove (settings, data->text);
  _td_account_page_item_data_free (data);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ItemData      *data)
{
  g_autoptr(TdCredentials) credentials = NULL;
  ItemData *copy;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  copy = g_new0 (ItemData, 1);
  copy->self = g_object_ref (data->self);
  copy->text = g_strdup (data->text);

  credentials = td_credentials_new_for_account (copy->text);
  _td_account_page_set_pending (copy->self, +1);
  td_credentials_forget_async (credentials, copy->self->cancellable, forget_account_cb, copy);
}

static void
on_remove_account_clicked (GtkButton     *button,
                           TdAccountPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "account-id");
  const char *name = g_object_get_data (G_OBJECT (button), "account-name");
  g_autofree char *heading = NULL;
  ItemData *data;

  /* Translators: %s is the name of an account */
  heading = g_strdup_printf (_("Remove the account “%s”?"), name);
  data = g_new0 (ItemData, 1);
  data->self = g_object_ref (self);
  data->text = g_strdup (id);
  _td_account_page_confirm (self, heading,
           _("Its token and key are deleted from the keyring. The Thordata account itself is "
             "not changed."),
           "remove", _("_Remove"), ADW_RESPONSE_DESTRUCTIVE,
           G_CALLBACK (remove_response_cb), data, _td_account_page_item_data_notify);
}

/* TdPage */

