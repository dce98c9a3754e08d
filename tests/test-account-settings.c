/* test-account-settings.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The settings that belong to an account (API address, request encoding,
 * proxy hosts) are that account's: two accounts in the real keyring, each
 * with its own loopback server, token and encoding; the default account
 * keeps the app's keys of old; Preferences edits the account in use. */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "td-account-list.h"
#include "td-application.h"
#include "td-credentials.h"
#include "td-preferences-window.h"
#include "td-test-account-server.h"
#include "td-test-ui.h"
#include "td-whitelist.h"

#define MAIN_TOKEN   "TokMain3Ka7"
#define AGENCY_TOKEN "TokAgency9Wq"
#define ADD_IP       "/add-ip"

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
store_token (const char *id,
             const char *token)
{
  g_autoptr(TdCredentials) credentials = td_credentials_new_for_account (id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  td_credentials_store_async (credentials, token, NULL, NULL, store_result, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (td_credentials_store_finish (credentials, result, &error));
  g_assert_no_error (error);
}

static void
reset_settings (GSettings *settings)
{
  g_auto(GStrv) ids = td_account_list_dup_ids (settings);

  for (guint i = 0; ids[i] != NULL; i++)
    if (ids[i][0] != '\0')
      td_account_list_remove (settings, ids[i]);
  for (guint i = 0; TD_ACCOUNT_LIST_KEYS[i] != NULL; i++)
    g_settings_reset (settings, TD_ACCOUNT_LIST_KEYS[i]);
  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "current-account");
}

static void
assert_string (GSettings  *settings,
               const char *key,
               const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

/* Adds an address through the current account's client and waits. */
static void
add_address (TdApplication *app,
             const char    *address)
{
  TdApiClient *client = td_account_get_client (td_application_get_account (app));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  td_whitelist_add_async (client, TD_PROXY_TYPE_RESIDENTIAL, address, TRUE, NULL,
                          store_result, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (td_whitelist_add_finish (client, result, &error));
  g_assert_no_error (error);
}

static void
switch_to (TdApplication *app,
           const char    *id)
{
  TdAccount *before = g_object_ref (td_application_get_account (app));

  g_action_group_activate_action (G_ACTION_GROUP (app), "switch-account",
                                  g_variant_new_string (id));
  WAIT_UNTIL (td_application_get_account (app) != before);
  g_object_unref (before);
  g_assert_cmpstr (td_account_get_id (td_application_get_account (app)), ==, id);
  WAIT_UNTIL (td_api_client_has_token (td_account_get_client (td_application_get_account (app))));
}

/* After a switch, requests go to that account's server, with its token,
 * in its encoding; and back again. */
static void
test_switch (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettings) agency_settings = NULL;
  g_autoptr(TdTestAccountServer) main_server = td_test_account_server_new ();
  g_autoptr(TdTestAccountServer) agency_server = td_test_account_server_new ();
  g_autoptr(TdApplication) app = td_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  reset_settings (settings);
  td_test_account_server_set_token (main_server, MAIN_TOKEN);
  td_test_account_server_set_token (agency_server, AGENCY_TOKEN);

  /* The default account: the app's keys, as before accounts existed. */
  g_settings_set_string (settings, "api-base-url",
                         td_test_account_server_get_base_url (main_server));
  store_token ("", MAIN_TOKEN);

  id = td_account_list_add (settings, "Agency");
  agency_settings = td_account_list_dup_settings (settings, id);
  g_assert_nonnull (agency_settings);
  g_assert_true (agency_settings != settings);
  g_settings_set_string (agency_settings, "api-base-url",
                         td_test_account_server_get_base_url (agency_server));
  g_settings_set_string (agency_settings, "request-encoding", "form");
  store_token (id, AGENCY_TOKEN);

  /* Setting the agency's did not touch the default account's. */
  assert_string (settings, "request-encoding", "json");
  assert_string (settings, "api-base-url", td_test_account_server_get_base_url (main_server));

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_account_get_id (td_application_get_account (app)), ==, "");

  switch_to (app, id);
  add_address (app, "93.184.216.34");
  g_assert_cmpuint (td_test_account_server_count_requests (agency_server, ADD_IP), ==, 1);
  g_assert_cmpuint (td_test_account_server_count_requests (main_server, ""), ==, 0);
  g_assert_cmpstr (td_test_account_server_get_param (agency_server, ADD_IP, "token"), ==,
                   AGENCY_TOKEN);
  g_assert_cmpstr (td_test_account_server_get_content_type (agency_server, ADD_IP), ==,
                   "application/x-www-form-urlencoded");

  switch_to (app, "");
  add_address (app, "93.184.216.35");
  g_assert_cmpuint (td_test_account_server_count_requests (main_server, ADD_IP), ==, 1);
  g_assert_cmpuint (td_test_account_server_count_requests (agency_server, ""), ==, 1);
  g_assert_cmpstr (td_test_account_server_get_param (main_server, ADD_IP, "token"), ==,
                   MAIN_TOKEN);
  g_assert_cmpstr (td_test_account_server_get_content_type (main_server, ADD_IP), ==,
                   "application/json");

  /* An address changed while the account is in use is followed. */
  switch_to (app, id);
  g_settings_set_string (agency_settings, "api-base-url",
                         td_test_account_server_get_base_url (main_server));
  g_assert_cmpstr (td_api_client_get_base_url (td_account_get_client (td_application_get_account (app))),
                   ==, td_test_account_server_get_base_url (main_server));

  reset_settings (settings);
}

/* "Send as Form Fields" on one account leaves the other in JSON; the
 * proxy hosts are each account's; the default one reads the app's keys. */
static void
test_form_fields_and_hosts (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettings) agency_settings = NULL;
  g_autoptr(TdApiClient) main_client = td_api_client_new (TD_DEFAULT_API_URL);
  g_autoptr(TdApiClient) agency_client = td_api_client_new (TD_DEFAULT_API_URL);
  g_autoptr(TdCredentials) main_credentials = td_credentials_new ();
  g_autoptr(TdCredentials) agency_credentials = NULL;
  g_autoptr(TdAccount) main_account = NULL;
  g_autoptr(TdAccount) agency = NULL;
  g_autofree char *id = NULL;
  g_autofree char *host = NULL;

  reset_settings (settings);
  id = td_account_list_add (settings, "Client B");
  agency_credentials = td_credentials_new_for_account (id);
  main_account = td_account_new_for_id ("", main_client, main_credentials, settings, FALSE);
  agency = td_account_new_for_id (id, agency_client, agency_credentials, settings, FALSE);
  agency_settings = g_object_ref (td_account_get_account_settings (agency));
  g_assert_true (td_account_get_account_settings (main_account) == settings);

  td_account_use_form_fields (agency);
  assert_string (agency_settings, "request-encoding", "form");
  assert_string (settings, "request-encoding", "json");
  g_assert_cmpint (td_api_client_get_encoding (agency_client), ==, TD_REQUEST_ENCODING_FORM);
  g_assert_cmpint (td_api_client_get_encoding (main_client), ==, TD_REQUEST_ENCODING_JSON);

  /* The default account: the old global keys, read and written. */
  g_settings_set_string (settings, "residential-host", "own.example.net");
  host = td_account_dup_proxy_host (main_account, TD_PROXY_TYPE_RESIDENTIAL);
  g_assert_cmpstr (host, ==, "own.example.net");
  g_clear_pointer (&host, g_free);
  host = td_account_dup_proxy_host (agency, TD_PROXY_TYPE_RESIDENTIAL);
  g_assert_cmpstr (host, ==, "t.pr.thordata.net");
  g_clear_pointer (&host, g_free);

  g_settings_set_string (agency_settings, "mobile-host", "m.agency.example");
  host = td_account_dup_proxy_host (agency, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpstr (host, ==, "m.agency.example");
  g_clear_pointer (&host, g_free);
  host = td_account_dup_proxy_host (main_account, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpstr (host, ==, "m.pr.thordata.net");
  g_clear_pointer (&host, g_free);

  td_account_use_form_fields (main_account);
  assert_string (settings, "request-encoding", "form");

  /* Removing the account resets its settings: an account added later
   * under the same path starts from the defaults. */
  g_assert_true (td_account_list_remove (settings, id));
  assert_string (agency_settings, "request-encoding", "json");
  assert_string (agency_settings, "mobile-host", "m.pr.thordata.net");
  assert_string (settings, "request-encoding", "form");

  /* An id that cannot name a settings path names no settings. */
  g_assert_null (td_account_list_dup_settings (settings, "../x/"));

  reset_settings (settings);
}

/* Preferences edits the account in use, says which it is, and follows a
 * switch. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettings) agency_settings = NULL;
  g_autoptr(TdApiClient) main_client = td_api_client_new (TD_DEFAULT_API_URL);
  g_autoptr(TdApiClient) agency_client = td_api_client_new (TD_DEFAULT_API_URL);
  g_autoptr(TdCredentials) main_credentials = td_credentials_new ();
  g_autoptr(TdCredentials) agency_credentials = NULL;
  g_autoptr(TdAccount) main_account = NULL;
  g_autoptr(TdAccount) agency = NULL;
  g_autofree char *id = NULL;
  TdPreferencesWindow *window;
  GtkWidget *url_entry;
  GtkWidget *host_entry;
  GtkWidget *encoding_row;
  GtkWidget *group;

  reset_settings (settings);
  id = td_account_list_add (settings, "Agency");
  agency_credentials = td_credentials_new_for_account (id);
  main_account = td_account_new_for_id ("", main_client, main_credentials, settings, FALSE);
  agency = td_account_new_for_id (id, agency_client, agency_credentials, settings, FALSE);
  agency_settings = g_object_ref (td_account_get_account_settings (agency));
  g_settings_set_string (agency_settings, "api-base-url", "https://agency.example/api");

  window = td_preferences_window_new (NULL, settings, agency_credentials, NULL, FALSE);
  td_preferences_window_set_account (window, agency);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  url_entry = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "api_url_entry");
  host_entry = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "mobile_host_entry");
  encoding_row = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "encoding_row");
  group = td_test_ui_child (window, TD_TYPE_PREFERENCES_WINDOW, "account_group");

  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "“Agency”"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_entry)), ==,
                   "https://agency.example/api");

  /* What is applied is the agency's. */
  gtk_editable_set_text (GTK_EDITABLE (url_entry), "https://api.agency.example/api");
  g_signal_emit_by_name (url_entry, "activate");
  assert_string (agency_settings, "api-base-url", "https://api.agency.example/api");
  assert_string (settings, "api-base-url", "https://openapi.thordata.com/api");
  gtk_editable_set_text (GTK_EDITABLE (host_entry), "m.agency.example");
  g_signal_emit_by_name (host_entry, "activate");
  assert_string (agency_settings, "mobile-host", "m.agency.example");
  assert_string (settings, "mobile-host", "m.pr.thordata.net");
  adw_combo_row_set_selected (ADW_COMBO_ROW (encoding_row), 1);
  assert_string (agency_settings, "request-encoding", "form");
  assert_string (settings, "request-encoding", "json");

  /* Switched: the default account's values, and its name. */
  td_preferences_window_set_account (window, main_account);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "“Main account”"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_entry)), ==,
                   "https://openapi.thordata.com/api");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (host_entry)), ==, "m.pr.thordata.net");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (encoding_row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (encoding_row), 1);
  assert_string (settings, "request-encoding", "form");
  adw_combo_row_set_selected (ADW_COMBO_ROW (encoding_row), 0);
  assert_string (settings, "request-encoding", "json");
  assert_string (agency_settings, "request-encoding", "form");

  /* The agency's settings changed elsewhere no longer reach the fields. */
  g_settings_set_string (agency_settings, "api-base-url", "https://other.example/api");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_entry)), ==,
                   "https://openapi.thordata.com/api");

  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_flush ();
  reset_settings (settings);
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

  g_test_add_func ("/account-settings/switch", test_switch);
  g_test_add_func ("/account-settings/form-fields-and-hosts", test_form_fields_and_hosts);
  g_test_add_func ("/account-settings/preferences", test_preferences);

  return g_test_run ();
}
