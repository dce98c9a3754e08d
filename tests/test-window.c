/* test-window.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real window, under Xvfb, filled in as a user would and sent to the
 * in-process sandbox (or to a server that never answers). */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-credentials.h"
#include "td-payload.h"
#include "td-result-card.h"
#include "td-sandbox.h"
#include "td-test-ui.h"
#include "td-window.h"

typedef struct
{
  TdSandbox     *sandbox;
  TdApiClient   *client;
  TdCredentials *credentials;
  GSettings     *settings;
  TdWindow      *window;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_ui_child (fixture->window, TD_TYPE_WINDOW, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = td_sandbox_new ();
  td_sandbox_start (fixture->sandbox, &error);
  g_assert_no_error (error);

  fixture->client = td_api_client_new (td_sandbox_get_base_url (fixture->sandbox));
  fixture->credentials = td_credentials_new ();
  td_credentials_use_for_session (fixture->credentials, TD_SANDBOX_DEFAULT_TOKEN, NULL);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "proxy-type");
  g_settings_reset (fixture->settings, "traffic-unit");

  fixture->window = td_window_new (NULL, fixture->client, fixture->credentials,
                                   fixture->settings, TRUE);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->credentials);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
set_text (Fixture    *fixture,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, name)), text);
}

static const char *
get_text (Fixture    *fixture,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (fixture, name)));
}

static gboolean
create_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (child (fixture, "create_button"));
}

static void
test_window_starts_empty (Fixture       *fixture,
                          gconstpointer  data)
{
  /* Nothing typed yet: no message shouts at the user, and nothing to send. */
  g_assert_false (gtk_widget_get_visible (child (fixture, "username_error_row")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "password_error_row")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "limit_error_row")));
  g_assert_false (create_enabled (fixture));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (fixture, "enabled_switch"))));

  /* The sandbox says so plainly. */
  g_assert_true (gtk_widget_get_visible (child (fixture, "sandbox_revealer")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (fixture, "sandbox_revealer"))));
}

/* The users page is built when first shown (it is a good part of the
 * start-up): nothing of it before, a view reading the list after. */
static void
test_window_users_page_on_first_show (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *users_bin = child (fixture, "users_bin");
  GtkWidget *view;

  g_assert_null (adw_bin_get_child (ADW_BIN (users_bin)));

  /* F5 on the Create page has nothing to refresh yet, and builds nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_null (adw_bin_get_child (ADW_BIN (users_bin)));
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "users");
  view = adw_bin_get_child (ADW_BIN (users_bin));
  g_assert_true (TD_IS_USERS_PAGE (view));
  g_assert_true (td_window_get_users_view (fixture->window) == TD_USERS_PAGE (view));
  WAIT_UNTIL (td_sandbox_get_requests (fixture->sandbox)->len == 1 &&
              !td_page_get_busy (TD_PAGE (TD_USERS_PAGE (view))));
  g_assert_true (g_str_has_suffix (((TdSandboxRequest *) g_ptr_array_index (td_sandbox_get_requests (fixture->sandbox), 0))->path,
                                   "/proxy-users/user-list"));

  /* Back and forth: the same view. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "create");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "users");
  g_assert_true (adw_bin_get_child (ADW_BIN (users_bin)) == view);
}

static void
test_window_invalid_input (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkLabel *message;

  set_text (fixture, "username_row", "abc");
  set_text (fixture, "password_row", "Secret123");
  set_text (fixture, "limit_row", "500");

  g_assert_true (gtk_widget_get_visible (child (fixture, "username_error_row")));
  message = GTK_LABEL (child (fixture, "username_error"));
  g_assert_cmpstr (gtk_label_get_label (message), !=, "");
  g_assert_false (create_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "username_row"), "error"));

  /* Activating the action anyway sends nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 0);

  /* A password that starts with a digit. */
  set_text (fixture, "username_row", "alice2026");
  set_text (fixture, "password_row", "1secret");
  g_assert_false (gtk_widget_get_visible (child (fixture, "username_error_row")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "password_error_row")));
  g_assert_false (create_enabled (fixture));

  /* A limit under the minimum. */
  set_text (fixture, "password_row", "Secret123");
  set_text (fixture, "limit_row", "50");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown")), 0);
  g_assert_true (gtk_widget_get_visible (child (fixture, "limit_error_row")));
  g_assert_false (create_enabled (fixture));

  /* An absurd one. */
  set_text (fixture, "limit_row", "99999999999999999999999");
  g_assert_true (gtk_widget_get_visible (child (fixture, "limit_error_row")));
  g_assert_false (create_enabled (fixture));

  /* Unlimited makes the limit irrelevant. */
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  g_assert_false (gtk_widget_get_visible (child (fixture, "limit_error_row")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "limit_row")));
  g_assert_true (create_enabled (fixture));

  /* Nothing the user typed was lost along the way. */
  g_assert_cmpstr (get_text (fixture, "username_row"), ==, "alice2026");
  g_assert_cmpstr (get_text (fixture, "limit_row"), ==, "99999999999999999999999");
}

static void
test_window_create (Fixture       *fixture,
                    gconstpointer  data)
{
  const TdSandboxRequest *request;
  TdProxyUser *stored;
  JsonNode *node;
  GtkWidget *card;

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row")), 2);
  set_text (fixture, "username_row", "alice2026");
  set_text (fixture, "password_row", "Secret123");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown")), 1);
  set_text (fixture, "limit_row", "5");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "enabled_switch")), FALSE);
  g_assert_true (create_enabled (fixture));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);

  /* Locked but visible while in flight. */
  g_assert_true (td_window_get_busy (fixture->window));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "form_list")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "form_list")));

  card = child (fixture, "result_card");
  WAIT_UNTIL (!td_window_get_busy (fixture->window));
  g_assert_true (gtk_widget_get_visible (card));

  /* The request, as the server saw it. */
  request = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_nonnull (request);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/api/proxy-users/create-user");
  g_assert_cmpstr (request->token, ==, TD_SANDBOX_DEFAULT_TOKEN);
  g_assert_null (request->key);
  g_assert_true (g_str_has_prefix (request->content_type, "application/json"));

  node = json_object_get_member (request->fields, "proxy_type");
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, 3);
  node = json_object_get_member (request->fields, "traffic_limit");
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, 5 * 1024);
  g_assert_cmpstr (json_object_get_string_member (request->fields, "username"), ==, "alice2026");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "password"), ==, "Secret123");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "status"), ==, "false");

  stored = td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "alice2026");
  g_assert_nonnull (stored);
  g_assert_false (td_proxy_user_get_enabled (stored));

  /* The result: the gateway login and a proxy URL for a mobile user. */
  g_assert_cmpstr (td_result_card_get_login (TD_RESULT_CARD (card)), ==, "td-customer-alice2026");

  /* The form is ready for the next user, keeping the proxy type. */
  g_assert_cmpstr (get_text (fixture, "username_row"), ==, "");
  g_assert_cmpstr (get_text (fixture, "password_row"), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row"))), ==, 2);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "proxy-type"), ==, 3);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (fixture, "enabled_switch"))));
  g_assert_false (gtk_widget_get_visible (child (fixture, "username_error_row")));
  g_assert_false (create_enabled (fixture));
}

static void
test_window_create_form_encoding (Fixture       *fixture,
                                  gconstpointer  data)
{
  const TdSandboxRequest *request;

  td_api_client_set_encoding (fixture->client, TD_REQUEST_ENCODING_FORM);

  set_text (fixture, "username_row", "bob12345");
  set_text (fixture, "password_row", "Passw0rd");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->window));

  request = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_nonnull (request);
  g_assert_true (g_str_has_prefix (request->content_type, "application/x-www-form-urlencoded"));
  g_assert_cmpstr (json_object_get_string_member (request->fields, "proxy_type"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "traffic_limit"), ==, "0");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "status"), ==, "true");
  g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "bob12345"));
}

static void
test_window_server_error_keeps_form (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(TdProxyUser) existing = td_proxy_user_new ();
  const char *message;

  td_proxy_user_set_username (existing, "carol2026");
  td_proxy_user_set_password (existing, "Another1");
  td_sandbox_add_user (fixture->sandbox, existing);

  set_text (fixture, "username_row", "carol2026");
  set_text (fixture, "password_row", "Secret123");
  set_text (fixture, "limit_row", "200");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->window));

  /* Said in words, with the code, next to the field and in the message. */
  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "10018"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "username_error_row")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "result_card")));

  /* Everything typed is still there, and Create works again. */
  g_assert_cmpstr (get_text (fixture, "username_row"), ==, "carol2026");
  g_assert_cmpstr (get_text (fixture, "password_row"), ==, "Secret123");
  g_assert_cmpstr (get_text (fixture, "limit_row"), ==, "200");
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form_list")));
  g_assert_true (create_enabled (fixture));
}

static void
test_window_wrong_token (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *message;

  td_credentials_use_for_session (fixture->credentials, "not-the-token", NULL);

  set_text (fixture, "username_row", "dave2026");
  set_text (fixture, "password_row", "Secret123");
  set_text (fixture, "limit_row", "0");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->window));

  g_assert_cmpstr (td_sandbox_get_last_request (fixture->sandbox)->token, ==, "not-the-token");
  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "10013"));
  g_assert_null (strstr (message, "not-the-token"));
  g_assert_cmpstr (get_text (fixture, "username_row"), ==, "dave2026");
}

/* A server that accepts the request and never answers. */
static void
silent_handler (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  guint *count = user_data;

  (*count)++;
  soup_server_message_pause (message);
}

static void
test_window_cancel_and_timeout (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;
  const char *message;
  guint count = 0;

  soup_server_add_handler (server, NULL, silent_handler, &count, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  td_api_client_set_base_url (fixture->client, base);

  set_text (fixture, "username_row", "erin2026");
  set_text (fixture, "password_row", "Secret123");
  set_text (fixture, "limit_row", "300");

  /* Cancel while in flight. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);
  WAIT_UNTIL (count == 1);
  g_assert_true (td_window_get_busy (fixture->window));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "cancel_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->window));

  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_assert_cmpstr (message, !=, "");
  g_assert_cmpstr (get_text (fixture, "username_row"), ==, "erin2026");
  g_assert_true (create_enabled (fixture));

  /* A timeout says the user may exist, and nothing is retried. */
  td_api_client_set_timeout (fixture->client, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (fixture->window));

  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "may have been created"));
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (get_text (fixture, "password_row"), ==, "Secret123");
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form_list")));
}

static void
test_window_generate_password (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *password;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.generate-password", NULL);
  password = get_text (fixture, "password_row");
  g_assert_cmpuint (strlen (password), >=, 6);
  g_assert_cmpuint (strlen (password), <=, 15);
  g_assert_true (g_ascii_isalpha (password[0]));
  g_assert_false (gtk_widget_get_visible (child (fixture, "password_error_row")));
}

static void
test_window_accessible_names (Fixture       *fixture,
                              gconstpointer  data)
{
  static const struct {
    const char *widget;
    const char *name;
  } expected[] = {
    { "proxy_type_row", "Proxy type" },
    { "username_row", "Username" },
    { "password_row", "Password" },
    { "limit_row", "Traffic limit" },
    { "enabled_row", "Enabled" },
  };

  /* The visible labels, without their mnemonic underscores. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *title = NULL;
      GString *plain;

      g_object_get (child (fixture, expected[i].widget), "title", &title, NULL);
      plain = g_string_new (title);
      g_string_replace (plain, "_", "", 0);
      g_assert_cmpstr (plain->str, ==, expected[i].name);
      g_assert_true (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (child (fixture, expected[i].widget))));
      g_string_free (plain, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  td_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window/starts-empty", test_window_starts_empty);
  ADD ("/window/users-page-on-first-show", test_window_users_page_on_first_show);
  ADD ("/window/invalid-input", test_window_invalid_input);
  ADD ("/window/create", test_window_create);
  ADD ("/window/create-form-encoding", test_window_create_form_encoding);
  ADD ("/window/server-error-keeps-form", test_window_server_error_keeps_form);
  ADD ("/window/wrong-token", test_window_wrong_token);
  ADD ("/window/cancel-and-timeout", test_window_cancel_and_timeout);
  ADD ("/window/generate-password", test_window_generate_password);
  ADD ("/window/accessible-names", test_window_accessible_names);

#undef ADD

  return g_test_run ();
}
