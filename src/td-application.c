/* td-application.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-account.h"
#include "td-account-list.h"
#include "td-api-address.h"
#include "td-api-client.h"
#include "td-accessible.h"
#include "td-application.h"
#include "td-clipboard.h"
#include "td-credentials.h"
#include "td-preferences-window.h"
#include "td-sandbox.h"
#include "td-window.h"

/* The most example users --sandbox-users adds: their list (about 7 MB)
 * stays under the client's cap on an answer's size. */
#define MAX_EXAMPLE_USERS 50000

struct _TdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TdApiClient    *client;
  TdCredentials  *credentials;
  TdSandbox      *sandbox;
  /* What the window's pages work on: the client, credentials and
   * settings above; replaced by app.switch-account. */
  TdAccount      *account;
  GCancellable   *switch_cancellable;

  /* Cancelled at shutdown: a help viewer that is still starting then
   * reports nothing to a window that is gone. */
  GCancellable   *cancellable;

  /* From the command line, for this run only. */
  char           *api_url_override;
  gboolean        sandbox_mode;
};

G_DEFINE_FINAL_TYPE (TdApplication, td_application, ADW_TYPE_APPLICATION)

static int
td_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  TdApplication *self = TD_APPLICATION (application);
  const char *api_url = NULL;
  int n_example_users = 0;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("thordesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "api-url", "&s", &api_url))
    {
      g_autoptr(GError) error = NULL;

      if (!td_api_address_check (api_url, NULL, &error))
        {
          /* Translators: %s says why the address given with --api-url is refused */
          g_printerr (_("--api-url: %s\n"), error->message);
          return 2;
        }
      self->api_url_override = g_strdup (api_url);
    }

  self->sandbox_mode = g_variant_dict_contains (options, "sandbox");

  if (self->sandbox_mode && self->api_url_override != NULL)
    {
      g_printerr ("%s\n", _("--sandbox and --api-url cannot be used together."));
      return 2;
    }

  if (g_variant_dict_lookup (options, "sandbox-users", "i", &n_example_users))
    {
      if (!self->sandbox_mode)
        {
          g_printerr ("%s\n", _("--sandbox-users is only for --sandbox."));
          return 2;
        }
      if (n_example_users < 0 || n_example_users > MAX_EXAMPLE_USERS)
        {
          /* Translators: %d is the largest number of example users */
          g_printerr (_("--sandbox-users takes a number from 0 to %d.\n"), MAX_EXAMPLE_USERS);
          return 2;
        }
    }

  /* Started here, so that a sandbox that cannot start ends the run
   * instead of leaving a window that would talk to Thordata. */
  if (self->sandbox_mode)
    {
      g_autoptr(GError) error = NULL;

      self->sandbox = td_sandbox_new ();
      if (!td_sandbox_start (self->sandbox, &error))
        {
          /* Translators: %s says why the sandbox server could not start */
          g_printerr (_("The sandbox could not start: %s\n"), error->message);
          g_clear_object (&self->sandbox);
          return 1;
        }

      /* Room to create more. */
      td_sandbox_set_quota (self->sandbox, TD_SANDBOX_DEFAULT_QUOTA + n_example_users);
      /* Like the real server, it says 10011 when pushed (the import slows down). */
      td_sandbox_set_create_rate_limit (self->sandbox, TD_SANDBOX_APP_MAX_CREATES,
                                        TD_SANDBOX_APP_WINDOW_MS);
      td_sandbox_add_example_users (self->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "example",
                                    n_example_users);
    }

  /* A run with its own server must not hand its window to an instance
   * that talks to another one. */
  if (self->sandbox_mode || self->api_url_override != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static gboolean
encoding_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  g_value_set_enum (value, g_strcmp0 (g_variant_get_string (variant, NULL), "form") == 0
                             ? TD_REQUEST_ENCODING_FORM : TD_REQUEST_ENCODING_JSON);
  return TRUE;
}

/* The client of account @id: its own, so that nothing of one account is
 * ever sent with another's token, following that account's address and
 * encoding (td_account_list_dup_settings). */
static TdApiClient *
new_client (TdApplication *self,
            const char    *id)
{
  TdApiClient *client = td_api_client_new (TD_DEFAULT_API_URL);
  g_autoptr(GSettings) settings = td_account_list_dup_settings (self->settings, id);

  /* An id that cannot name settings is not in the list: the default
   * account's settings, as td_account_list_dup_current() reads it. */
  if (settings == NULL)
    settings = g_object_ref (self->settings);

  g_settings_bind_with_mapping (settings, "request-encoding",
                                client, "encoding",
                                G_SETTINGS_BIND_GET,
                                encoding_get_mapping, NULL, NULL, NULL);

  if (self->sandbox != NULL)
    td_api_client_set_base_url (client, td_sandbox_get_base_url (self->sandbox));
  else if (self->api_url_override != NULL)
    td_api_client_set_base_url (client, self->api_url_override);
  else
    g_settings_bind (settings, "api-base-url", client, "base-url", G_SETTINGS_BIND_GET);

  return client;
}

static void
sync_client_credentials (TdCredentials *credentials,
                         GParamSpec    *pspec,
                         TdApiClient   *client)
{
  td_api_client_set_credentials (client,
                                 td_credentials_get_token (credentials),
                                 td_credentials_get_key (credentials));
}

/* Hands the account to every window: each page then shows it, and
 * nothing of the account before is sent with its token. */
static void
set_account_on_windows (TdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      td_window_set_account (TD_WINDOW (l->data), self->account);
    else if (TD_IS_PREFERENCES_WINDOW (l->data))
      td_preferences_window_set_account (TD_PREFERENCES_WINDOW (l->data), self->account);
}

typedef struct
{
  TdApplication *self;
  char          *id;
  TdApiClient   *client;
} SwitchData;

static void
switch_data_free (SwitchData *data)
{
  g_object_unref (data->self);
  g_free (data->id);
  g_object_unref (data->client);
  g_free (data);
}

static void
finish_switch (TdApplication *self,
               const char    *id,
               TdApiClient   *client,
               TdCredentials *credentials)
{
  GAction *action;

  sync_client_credentials (credentials, NULL, client);
  g_signal_connect_object (credentials, "notify::token",
                           G_CALLBACK (sync_client_credentials), client, 0);
  g_signal_connect_object (credentials, "notify::key",
                           G_CALLBACK (sync_client_credentials), client, 0);

  g_clear_object (&self->account);
  self->account = td_account_new_for_id (id, client, credentials, self->settings,
                                         self->sandbox != NULL);

  td_account_list_set_current (self->settings, id);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "switch-account");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (id));

  set_account_on_windows (self);
}

static void
switch_load_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdCredentials *credentials = TD_CREDENTIALS (object);
  SwitchData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_credentials_load_finish (credentials, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          switch_data_free (data);
          return;
        }
      /* Switched anyway: the pages say there is no token, and the
       * credentials dialog can store one.  The message holds no secret. */
      g_message ("Keyring: %s", error->message);
    }

  finish_switch (data->self, data->id, data->client, credentials);
  switch_data_free (data);
}

static void
switch_account_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TdApplication *self = TD_APPLICATION (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL;
  g_autoptr(TdCredentials) credentials = NULL;
  g_autoptr(TdApiClient) client = NULL;
  SwitchData *data;

  name = td_account_list_dup_name (self->settings, id);
  if (name == NULL)
    return;

  g_cancellable_cancel (self->switch_cancellable);
  g_clear_object (&self->switch_cancellable);

  credentials = td_credentials_new_for_account (id);
  client = new_client (self, id);

  if (self->sandbox != NULL)
    {
      /* Nothing from the keyring: the sandbox accepts its own token. */
      td_credentials_use_for_session (credentials, TD_SANDBOX_DEFAULT_TOKEN, NULL);
      finish_switch (self, id, client, credentials);
      return;
    }

  self->switch_cancellable = g_cancellable_new ();

  data = g_new0 (SwitchData, 1);
  data->self = g_object_ref (self);
  data->id = g_strdup (id);
  data->client = g_steal_pointer (&client);

  td_credentials_load_async (credentials, self->switch_cancellable, switch_load_cb, data);
}

TdAccount *
td_application_get_account (TdApplication *self)
{
  g_return_val_if_fail (TD_IS_APPLICATION (self), NULL);

  return self->account;
}

static void
td_application_startup (GApplication *application)
{
  TdApplication *self = TD_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  g_autofree char *current = NULL;
  g_autoptr(GSimpleAction) action = NULL;

  G_APPLICATION_CLASS (td_application_parent_class)->startup (application);

  td_accessible_install_icon_button_fix ();

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  /* What GtkApplication would set if the shortcuts window were at
   * gtk/help-overlay.ui (see show_help_overlay_action()). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

  self->settings = g_settings_new (APP_ID);
  current = td_account_list_dup_current (self->settings);
  self->credentials = td_credentials_new_for_account (current);
  self->client = new_client (self, current);

  if (self->sandbox != NULL)
    {
      /* Nothing from the keyring: the sandbox accepts its own token. */
      td_credentials_use_for_session (self->credentials, TD_SANDBOX_DEFAULT_TOKEN, NULL);
    }

  /* The window loads these credentials and sets them on the client. */
  self->account = td_account_new_for_id (current, self->client, self->credentials,
                                         self->settings, self->sandbox != NULL);

  action = g_simple_action_new_stateful ("switch-account", G_VARIANT_TYPE_STRING,
                                         g_variant_new_string (current));
  g_signal_connect_object (action, "activate", G_CALLBACK (switch_account_action), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

static void
td_application_activate (GApplication *application)
{
  TdApplication *self = TD_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->account == NULL)
    self->account = td_account_new_for_id (td_credentials_get_account (self->credentials),
                                           self->client, self->credentials, self->settings,
                                           self->sandbox != NULL);

  if (window == NULL)
    window = GTK_WINDOW (td_window_new (ADW_APPLICATION (self), self->account));

  gtk_window_present (window);
}

static void
td_application_shutdown (GApplication *application)
{
  TdApplication *self = TD_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);

  /* Before GtkApplication's shutdown, which offers the clipboard to a
   * clipboard manager: a copied password must not outlive the run. */
  td_clipboard_clear_secrets ();

  G_APPLICATION_CLASS (td_application_parent_class)->shutdown (application);

  g_cancellable_cancel (self->switch_cancellable);
  g_clear_object (&self->switch_cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_object (&self->sandbox);
}

static void
td_application_finalize (GObject *object)
{
  TdApplication *self = TD_APPLICATION (object);

  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_object (&self->credentials);
  g_clear_object (&self->switch_cancellable);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->api_url_override, g_free);

  G_OBJECT_CLASS (td_application_parent_class)->finalize (object);
}

static void
td_application_class_init (TdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = td_application_finalize;

  app_class->handle_local_options = td_application_handle_local_options;
  app_class->startup = td_application_startup;
  app_class->activate = td_application_activate;
  app_class->shutdown = td_application_shutdown;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TdApplication *self = TD_APPLICATION (user_data);
  static const char *developers[] = { "The Thordesk authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Thordesk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Thordesk authors"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "website", "https://github.com/thordesk/thordesk",
                        "issue-url", "https://github.com/thordesk/thordesk/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Thordesk authors",
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Create and manage the proxy users of your Thordata account."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TdApplication *self = TD_APPLICATION (user_data);
  TdPreferencesWindow *preferences;

  preferences = td_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                           self->settings,
                                           td_account_get_credentials (self->account),
                                           self->api_url_override,
                                           self->sandbox != NULL);
  /* The account in use, not the one Thordesk started with. */
  td_preferences_window_set_account (preferences, self->account);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The window the help was asked from is kept alive by the call's user
 * data and released here. */
static void
show_help_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_assert (GTK_IS_WINDOW (window));

  if (gtk_show_uri_full_finish (window, result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s says why, e.g. that no application opens help pages */
  body = g_strdup_printf (_("Could not open the help: %s\nThe guide is shown by the Help "
                            "application (package yelp)."),
                          error->message);
  dialog = adw_message_dialog_new (window, _("The Help Could Not Be Opened"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdApplication *self = TD_APPLICATION (user_data);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    return;

  gtk_show_uri_full (window, "help:thordesk", GDK_CURRENT_TIME, self->cancellable,
                     show_help_cb, g_object_ref (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TdApplication *self = TD_APPLICATION (user_data);
  GList *windows;

  /* Closing the windows saves their size and cancels what is in flight. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
td_application_init (TdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use URL as the API address for this run (not saved)"), N_("URL") },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Create users in a sandbox inside Thordesk: nothing is sent to Thordata"), NULL },
    { "sandbox-users", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("Start the sandbox with N example residential users, to try a large account"), N_("N") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Create and manage the proxy users of your "
                                              "Thordata account."));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
}

TdApplication *
td_application_new (void)
{
  return g_object_new (TD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/thordesk/Thordesk",
                       NULL);
}
