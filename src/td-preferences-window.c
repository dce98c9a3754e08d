/* td-preferences-window.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-account-list.h"
#include "td-api-address.h"
#include "td-ip-check.h"
#include "td-api-client.h"
#include "td-credentials-dialog.h"
#include "td-preferences-window.h"
#include "td-toast.h"

struct _TdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwPreferencesGroup *account_group;
  AdwActionRow  *token_row;
  GtkWidget     *forget_button;
  GtkWidget     *replace_button;
  AdwPreferencesGroup *connection_group;
  GtkWidget     *api_url_entry;
  GtkWidget     *ip_check_url_entry;
  AdwActionRow  *ip_check_error_row;
  AdwActionRow  *api_host_row;
  AdwComboRow   *encoding_row;
  GtkWidget     *residential_host_entry;
  GtkWidget     *unlimited_host_entry;
  GtkWidget     *mobile_host_entry;
  GtkWidget     *residential_host_message_row;
  GtkWidget     *unlimited_host_message_row;
  GtkWidget     *mobile_host_message_row;
  GtkLabel      *residential_host_message;
  GtkLabel      *unlimited_host_message;
  GtkLabel      *mobile_host_message;

  /* The app's settings (the IP-check address) and the current account's
   * (td_account_list_dup_settings: its address, encoding and hosts). */
  GSettings     *settings;
  GSettings     *account_settings;
  TdCredentials *credentials;
  TdApiClient   *client;
  GCancellable  *cancellable;
  gboolean       sandbox_mode;
  char          *api_url_override;
};

G_DEFINE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_toast (TdPreferencesWindow *self,
            const char          *title)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), td_toast_new_text (title));
}

static void
update_token_row (TdPreferencesWindow *self)
{
  const char *state;
  gboolean has_token;

  g_assert (TD_IS_PREFERENCES_WINDOW (self));

  has_token = td_credentials_get_token (self->credentials) != NULL;

  if (self->sandbox_mode)
    state = _("The sandbox needs no token");
  else if (!has_token)
    state = _("Not set");
  else if (td_credentials_get_session_only (self->credentials))
    state = _("Used for this session only");
  else if (td_credentials_get_key (self->credentials) != NULL)
    state = _("Token and key stored in the keyring");
  else
    state = _("Stored in the keyring");

  adw_action_row_set_subtitle (self->token_row, state);
  gtk_button_set_label (GTK_BUTTON (self->replace_button), has_token ? _("Re_place…") : _("A_dd…"));
  /* Setting the label resets the accessible name to it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->replace_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  has_token ? _("Replace the token") : _("Add a token"),
                                  -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.replace-token", !self->sandbox_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.forget-token",
                                 has_token && !self->sandbox_mode);
}

/* Under the address: the host the token really goes to, said plainly
 * when it is not Thordata's own, or why the address is refused.  Row
 * titles and subtitles are markup: everything is escaped. */
static void
show_api_host (TdPreferencesWindow *self,
               const char          *refusal)
{
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = GTK_WIDGET (self->api_host_row);

  g_assert (TD_IS_PREFERENCES_WINDOW (self));

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_remove_css_class (row, "warning");

  if (refusal != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Address refused"));
      escaped = g_markup_escape_text (refusal, -1);
      adw_action_row_set_subtitle (self->api_host_row, escaped);
      gtk_widget_add_css_class (row, "error");
      return;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Server contacted"));

  if (self->sandbox_mode)
    {
      adw_action_row_set_subtitle (self->api_host_row,
                                   _("127.0.0.1: the sandbox inside Thordesk"));
      return;
    }

  if (self->api_url_override != NULL)
    url = g_strdup (self->api_url_override);
  else
    url = g_settings_get_string (self->account_settings, "api-base-url");

  if (!td_api_address_check (url, &host, &error))
    {
      /* Translators: %s says why the saved API address is refused */
      subtitle = g_strdup_printf (_("None: the saved address is refused. %s"), error->message);
      gtk_widget_add_css_class (row, "error");
    }
  else if (!td_api_address_is_official (host))
    {
      /* Translators: %s is a host name; openapi.thordata.com is Thordata's own server */
      subtitle = g_strdup_printf (_("%s — not Thordata’s own server (openapi.thordata.com). "
                                    "The account token is sent there."),
                                  host);
      gtk_widget_add_css_class (row, "warning");
    }
  else
    {
      /* Translators: %s is openapi.thordata.com */
      subtitle = g_strdup_printf (_("%s, Thordata’s own server"), host);
    }

  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (self->api_host_row, escaped);
}

static void
on_api_url_changed (TdPreferencesWindow *self)
{
  show_api_host (self, NULL);
}

static void
on_api_url_apply (TdPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TD_IS_PREFERENCES_WINDOW (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_url_entry))));

  if (!td_api_address_check (text, NULL, &error))
    {
      gtk_widget_add_css_class (self->api_url_entry, "error");
      show_api_host (self, error->message);
      /* Shown in the row under it; heard with the field. */
      td_accessible_set_field_message (self->api_url_entry, NULL, NULL, error->message);
      return;
    }

  gtk_widget_remove_css_class (self->api_url_entry, "error");
  td_accessible_set_field_message (self->api_url_entry, NULL, NULL, NULL);
  g_settings_set_string (self->account_settings, "api-base-url", text);
  show_toast (self, _("API address saved"));
}

static void
reset_api_url_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (widget);
  g_autofree char *url = NULL;

  g_settings_reset (self->account_settings, "api-base-url");
  url = g_settings_get_string (self->account_settings, "api-base-url");
  gtk_editable_set_text (GTK_EDITABLE (self->api_url_entry), url);
  gtk_widget_remove_css_class (self->api_url_entry, "error");
  td_accessible_set_field_message (self->api_url_entry, NULL, NULL, NULL);
  show_api_host (self, NULL);
}

/* The IP-check address: checked by its own rules (td-ip-check.h), the
 * reason said under the field, the text kept until it is good. */
static void
show_ip_check_error (TdPreferencesWindow *self,
                     const char          *message)
{
  g_assert (TD_IS_PREFERENCES_WINDOW (self));

  if (message != NULL)
    gtk_widget_add_css_class (self->ip_check_url_entry, "error");
  else
    gtk_widget_remove_css_class (self->ip_check_url_entry, "error");

  adw_action_row_set_subtitle (self->ip_check_error_row, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->ip_check_error_row), message != NULL);
  /* Heard with the field when it has the focus. */
  td_accessible_set_field_message (self->ip_check_url_entry, NULL, NULL, message);
}

static void
on_ip_check_url_apply (TdPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TD_IS_PREFERENCES_WINDOW (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ip_check_url_entry))));

  if (!td_ip_check_address_check (text, &error))
    {
      show_ip_check_error (self, error->message);
      return;
    }

  show_ip_check_error (self, NULL);
  g_settings_set_string (self->settings, "ip-check-url", text);
  show_toast (self, _("IP check address saved"));
}

static void
reset_ip_check_url_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (widget);
  g_autofree char *url = NULL;

  g_settings_reset (self->settings, "ip-check-url");
  url = g_settings_get_string (self->settings, "ip-check-url");
  gtk_editable_set_text (GTK_EDITABLE (self->ip_check_url_entry), url);
  show_ip_check_error (self, NULL);
}

static void
on_host_apply (TdPreferencesWindow *self,
               GtkWidget           *entry)
{
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  const char *key;
  GtkWidget *message_row;
  GtkLabel *message_label;

  g_assert (TD_IS_PREFERENCES_WINDOW (self));

  if (entry == self->unlimited_host_entry)
    {
      key = "unlimited-host";
      message_row = self->unlimited_host_message_row;
      message_label = self->unlimited_host_message;
    }
  else if (entry == self->mobile_host_entry)
    {
      key = "mobile-host";
      message_row = self->mobile_host_message_row;
      message_label = self->mobile_host_message;
    }
  else
    {
      key = "residential-host";
      message_row = self->residential_host_message_row;
      message_label = self->residential_host_message;
    }

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  /* A host name, not a URL: no scheme, path, port or spaces. */
  if (text[0] == '\0' || strpbrk (text, "/:@ \t?#") != NULL || !g_utf8_validate (text, -1, NULL))
    {
      gtk_widget_add_css_class (entry, "error");
      td_accessible_set_field_message (entry, message_row, message_label,
                                       _("Enter a host name only, like t.pr.thordata.net"));
      return;
    }

  gtk_widget_remove_css_class (entry, "error");
  td_accessible_set_field_message (entry, message_row, message_label, NULL);
  saved = g_settings_get_string (self->account_settings, key);
  if (g_strcmp0 (saved, text) == 0)
    return;
  g_settings_set_string (self->account_settings, key, text);
  show_toast (self, _("Proxy host saved"));
}

/* Leaving a field applies it, as Enter does. */
static void
on_entry_focus_leave (GtkEventControllerFocus *controller,
                      TdPreferencesWindow     *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  g_autofree char *saved = NULL;

  if (entry == self->api_url_entry)
    {
      saved = g_settings_get_string (self->account_settings, "api-base-url");
      if (g_strcmp0 (saved, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
        on_api_url_apply (self);
    }
  else if (entry == self->ip_check_url_entry)
    {
      saved = g_settings_get_string (self->settings, "ip-check-url");
      if (g_strcmp0 (saved, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
        on_ip_check_url_apply (self);
    }
  else
    {
      on_host_apply (self, entry);
    }
}

static void
replace_token_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (widget);
  TdCredentialsDialog *dialog;

  dialog = td_credentials_dialog_new (GTK_WINDOW (self), self->credentials);
  /* The new token is checked against the address in use. */
  td_credentials_dialog_set_client (dialog, self->client);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdPreferencesWindow) self = TD_PREFERENCES_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!td_credentials_forget_finish (TD_CREDENTIALS (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("The token and key were removed from the keyring"));
}

static void
forget_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    TdPreferencesWindow *self)
{
  if (g_strcmp0 (response, "forget") != 0)
    return;

  td_credentials_forget_async (self->credentials,
                               self->cancellable,
                               forget_cb,
                               g_object_ref (self));
}

static void
forget_token_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Forget the Account Token?"),
                                   _("The token and the key are removed from the keyring. Thordesk "
                                     "cannot create users until you add them again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "forget", _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
encoding_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "form") == 0 ? 1 : 0);
  return TRUE;
}

static GVariant *
encoding_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "form" : "json");
}

static void
td_preferences_window_dispose (GObject *object)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->dispose (object);
}

static void
td_preferences_window_finalize (GObject *object)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->account_settings);
  g_clear_object (&self->credentials);
  g_clear_object (&self->client);
  g_clear_pointer (&self->api_url_override, g_free);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->finalize (object);
}

static void
td_preferences_window_class_init (TdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_preferences_window_dispose;
  object_class->finalize = td_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, replace_button);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, connection_group);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, api_url_entry);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, ip_check_url_entry);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, ip_check_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, api_host_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, residential_host_entry);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, residential_host_message_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, residential_host_message);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, unlimited_host_entry);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, unlimited_host_message_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, unlimited_host_message);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, mobile_host_entry);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, mobile_host_message_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, mobile_host_message);
  gtk_widget_class_bind_template_callback (widget_class, on_api_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_ip_check_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_host_apply);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_entry_mnemonic_activate",
                                                G_CALLBACK (td_accessible_focus_without_selecting));

  gtk_widget_class_install_action (widget_class, "prefs.replace-token", NULL, replace_token_action);
  gtk_widget_class_install_action (widget_class, "prefs.forget-token", NULL, forget_token_action);
  gtk_widget_class_install_action (widget_class, "prefs.reset-api-url", NULL, reset_api_url_action);
  gtk_widget_class_install_action (widget_class, "prefs.reset-ip-check-url", NULL,
                                   reset_ip_check_url_action);
}

/* GTK 4.8 puts each page of a stack in the accessible tree named after
 * its class ("GtkStackPage panel"): libadwaita's stacks inside this
 * window are named after the window instead. */
static void
name_stack_pages (GtkWidget  *widget,
                  const char *name)
{
  if (GTK_IS_STACK (widget))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(GObject) page = g_list_model_get_item (pages, i);

          if (GTK_IS_ACCESSIBLE (page))
            gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                            -1);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_stack_pages (child, name);
}

static void
td_preferences_window_init (TdPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkWidget *entries[] = { self->api_url_entry, self->ip_check_url_entry,
                             self->residential_host_entry, self->unlimited_host_entry,
                             self->mobile_host_entry };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_focus_leave), self, 0);
        gtk_widget_add_controller (entries[i], focus);
      }
  }

  td_accessible_keep_button_label (GTK_BUTTON (self->replace_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->forget_button));
  td_accessible_name_choice_parts (GTK_WIDGET (self->encoding_row), _("Request encoding"));
  td_accessible_name_preferences_search (ADW_PREFERENCES_WINDOW (self),
                                         _("Search preferences"), _("Search results"));
  if (gtk_window_get_title (GTK_WINDOW (self)) != NULL)
    name_stack_pages (GTK_WIDGET (self), gtk_window_get_title (GTK_WINDOW (self)));
}

static void
set_row_text_from_setting (TdPreferencesWindow *self,
                           GSettings           *settings,
                           GtkWidget           *entry,
                           const char          *key)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  gtk_editable_set_text (GTK_EDITABLE (entry), value);
  gtk_widget_remove_css_class (entry, "error");
}

/* What is edited: @account_settings (address, encoding, hosts) and
 * @credentials, those of the account in use; the window follows them
 * from here on and forgets the ones before. */
static void
use_account (TdPreferencesWindow *self,
             GSettings           *account_settings,
             TdCredentials       *credentials)
{
  if (self->account_settings != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->account_settings, self);
      g_settings_unbind (self->encoding_row, "selected");
    }
  if (self->credentials != NULL)
    g_signal_handlers_disconnect_by_data (self->credentials, self);

  g_set_object (&self->account_settings, account_settings);
  g_set_object (&self->credentials, credentials);

  set_row_text_from_setting (self, account_settings, self->api_url_entry, "api-base-url");
  set_row_text_from_setting (self, account_settings, self->residential_host_entry,
                             "residential-host");
  set_row_text_from_setting (self, account_settings, self->unlimited_host_entry, "unlimited-host");
  set_row_text_from_setting (self, account_settings, self->mobile_host_entry, "mobile-host");
  /* The other account's messages go with its values. */
  td_accessible_set_field_message (self->api_url_entry, NULL, NULL, NULL);
  td_accessible_set_field_message (self->residential_host_entry,
                                   self->residential_host_message_row,
                                   self->residential_host_message, NULL);
  td_accessible_set_field_message (self->unlimited_host_entry,
                                   self->unlimited_host_message_row,
                                   self->unlimited_host_message, NULL);
  td_accessible_set_field_message (self->mobile_host_entry,
                                   self->mobile_host_message_row,
                                   self->mobile_host_message, NULL);

  g_settings_bind_with_mapping (account_settings, "request-encoding",
                                self->encoding_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                encoding_get_mapping, encoding_set_mapping,
                                NULL, NULL);

  g_signal_connect_object (credentials, "notify::token",
                           G_CALLBACK (update_token_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (credentials, "notify::key",
                           G_CALLBACK (update_token_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (credentials, "notify::session-only",
                           G_CALLBACK (update_token_row), self, G_CONNECT_SWAPPED);
  update_token_row (self);

  g_signal_connect_object (account_settings, "changed::api-base-url",
                           G_CALLBACK (on_api_url_changed), self, G_CONNECT_SWAPPED);
  show_api_host (self, NULL);
}

TdPreferencesWindow *
td_preferences_window_new (GtkWindow     *parent,
                           GSettings     *settings,
                           TdCredentials *credentials,
                           const char    *api_url_override,
                           gboolean       sandbox_mode)
{
  TdPreferencesWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (TD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);
  self->sandbox_mode = sandbox_mode;
  self->api_url_override = g_strdup (api_url_override);

  set_row_text_from_setting (self, settings, self->ip_check_url_entry, "ip-check-url");

  if (sandbox_mode)
    {
      adw_preferences_group_set_description (self->connection_group,
                                             _("This run uses the sandbox inside Thordesk. The "
                                               "settings below apply the next time Thordesk "
                                               "starts without --sandbox."));
    }
  else if (api_url_override != NULL)
    {
      /* A group's description is Pango markup: the address is escaped. */
      g_autofree char *description = NULL;

      /* Translators: %s is an address given on the command line */
      description = g_markup_printf_escaped (_("This run uses %s, given with --api-url. The "
                                               "address below applies the next time Thordesk "
                                               "starts without it."),
                                             api_url_override);
      adw_preferences_group_set_description (self->connection_group, description);
    }

  /* The default account's, until td_preferences_window_set_account(). */
  use_account (self, settings, credentials);

  return self;
}

void
td_preferences_window_set_account (TdPreferencesWindow *self,
                                   TdAccount           *account)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  GSettings *account_settings;

  g_return_if_fail (TD_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (TD_IS_ACCOUNT (account));

  account_settings = td_account_get_account_settings (account);
  use_account (self, account_settings != NULL ? account_settings : self->settings,
               td_account_get_credentials (account));
  td_preferences_window_set_client (self, td_account_get_client (account));

  /* Said even with one account: what is edited here is that account's. */
  name = td_account_list_dup_name (self->settings, td_account_get_id (account));
  if (name != NULL)
    /* Translators: %s is the name of an account, like “Agency” */
    description = g_markup_printf_escaped (_("The token, the connection and the proxy hosts "
                                             "below are those of the account “%s”."),
                                           name);
  adw_preferences_group_set_description (self->account_group, description);
}

void
td_preferences_window_set_client (TdPreferencesWindow *self,
                                  TdApiClient         *client)
{
  g_return_if_fail (TD_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (client == NULL || TD_IS_API_CLIENT (client));

  g_set_object (&self->client, client);
}
