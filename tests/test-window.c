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

#include "td-accessible.h"
#include "td-account-list.h"
#include "td-api-client.h"
#include "td-create-page.h"
#include "td-credentials.h"
#include "td-endpoints-page.h"
#include "td-gateway-login.h"
#include "td-page.h"
#include "td-payload.h"
#include "td-result-card.h"
#include "td-sandbox.h"
#include "td-test-ui.h"
#include "td-user-edit-dialog.h"
#include "td-user-store.h"
#include "td-window.h"
#include "td-window-private.h"

#define TD_WINDOW_OF(fixture) (TD_WINDOW ((fixture)->window))
#define CREATE_PAGE(fixture) (td_test_window_page ((fixture), "create"))

typedef TdTestWindow Fixture;

/* A child of the Create page. */
static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return td_test_page_child (td_test_window_page (fixture, "create"), name);
}

/* A child of the window's own template (its chrome). */
static GtkWidget *
window_child (Fixture    *fixture,
              const char *name)
{
  return td_test_ui_child (fixture->window, TD_TYPE_WINDOW, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  td_test_window_set_up (fixture, NULL, TD_SANDBOX_DEFAULT_TOKEN, NULL, TRUE);
  td_test_window_open (fixture, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  td_test_window_tear_down (fixture);
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
  /* The password field hides its text from gtk_editable_get_text(). */
  return td_accessible_get_secret (child (fixture, name));
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
  g_assert_true (gtk_widget_get_visible (window_child (fixture, "sandbox_revealer")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (window_child (fixture, "sandbox_revealer"))));
}

/* The pages of the window's page table, or NULL for the ones not built. */
static GtkWidget *
built_page (Fixture    *fixture,
            const char *name)
{
  GtkWidget *bin = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (window_child (fixture, "view_stack")),
                                                     name);

  g_assert_true (ADW_IS_BIN (bin));
  return adw_bin_get_child (ADW_BIN (bin));
}

/* Pages are built when first shown (the users page is a good part of the
 * start-up): nothing of it before, a view reading the list after. */
static void
test_window_users_page_on_first_show (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *view;

  g_assert_true (TD_IS_CREATE_PAGE (built_page (fixture, "create")));
  g_assert_null (built_page (fixture, "users"));

  /* F5 on the Create page has nothing to refresh, and builds nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_null (built_page (fixture, "users"));
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "users");
  view = built_page (fixture, "users");
  g_assert_true (TD_IS_USERS_PAGE (view));
  g_assert_true (td_window_get_users_view (TD_WINDOW_OF (fixture)) == TD_USERS_PAGE (view));
  WAIT_UNTIL (td_sandbox_get_requests (fixture->sandbox)->len == 1 &&
              !td_page_get_busy (TD_PAGE (view)));
  g_assert_true (g_str_has_suffix (((TdSandboxRequest *) g_ptr_array_index (td_sandbox_get_requests (fixture->sandbox), 0))->path,
                                   "/proxy-users/user-list"));

  /* Back and forth: the same view; Alt+1 shows the form, focused. */
  g_assert_true (td_test_ui_press_shortcut (GTK_WIDGET (fixture->window), "<Alt>1"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (window_child (fixture, "view_stack"))),
                   ==, "create");
  WAIT_UNTIL (gtk_widget_has_focus (child (fixture, "proxy_type_row")));
  g_assert_true (td_test_ui_press_shortcut (GTK_WIDGET (fixture->window), "<Alt>2"));
  g_assert_true (built_page (fixture, "users") == view);
}

/* Window shortcuts act on the visible page only: with the Users page
 * shown, Ctrl+Enter does not create a user from the hidden form, and
 * Escape does not stop the create in flight there. */
static void
test_window_shortcuts_visible_page_only (Fixture       *fixture,
                                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  set_text (fixture, "username_entry", "hidden2026");
  set_text (fixture, "password_entry", "Secret123");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  g_assert_true (create_enabled (fixture));

  gtk_widget_activate_action (window, "win.show-page", "s", "users");
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (td_window_get_users_view (TD_WINDOW_OF (fixture)))));
  td_test_ui_flush ();

  td_test_ui_press_shortcut (window, "<Control>Return");
  td_test_ui_press_shortcut (window, "<Control>KP_Enter");
  td_test_ui_flush ();
  g_assert_false (td_window_get_busy (TD_WINDOW_OF (fixture)));
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "hidden2026"));

  /* On the Create page, the same key creates. */
  gtk_widget_activate_action (window, "win.show-page", "s", "create");
  g_assert_true (td_test_ui_press_shortcut (window, "<Control>Return"));
  g_assert_true (td_window_get_busy (TD_WINDOW_OF (fixture)));

  /* In flight, Users shown: Escape leaves the create alone. */
  gtk_widget_activate_action (window, "win.show-page", "s", "users");
  td_test_ui_press_shortcut (window, "Escape");
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW_OF (fixture)));
  g_assert_false (gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "hidden2026"));
}

static void
test_window_invalid_input (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkLabel *message;

  set_text (fixture, "username_entry", "abc");
  set_text (fixture, "password_entry", "Secret123");
  set_text (fixture, "limit_entry", "500");

  g_assert_true (gtk_widget_get_visible (child (fixture, "username_error_row")));
  message = GTK_LABEL (child (fixture, "username_error"));
  g_assert_cmpstr (gtk_label_get_label (message), !=, "");
  g_assert_false (create_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "username_entry"), "error"));

  /* Activating the action anyway sends nothing. */
  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 0);

  /* A password that starts with a digit. */
  set_text (fixture, "username_entry", "alice2026");
  set_text (fixture, "password_entry", "1secret");
  g_assert_false (gtk_widget_get_visible (child (fixture, "username_error_row")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "password_error_row")));
  g_assert_false (create_enabled (fixture));

  /* A limit under the minimum. */
  set_text (fixture, "password_entry", "Secret123");
  set_text (fixture, "limit_entry", "50");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown")), 0);
  g_assert_true (gtk_widget_get_visible (child (fixture, "limit_error_row")));
  g_assert_false (create_enabled (fixture));

  /* An absurd one. */
  set_text (fixture, "limit_entry", "99999999999999999999999");
  g_assert_true (gtk_widget_get_visible (child (fixture, "limit_error_row")));
  g_assert_false (create_enabled (fixture));

  /* Unlimited makes the limit irrelevant. */
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  g_assert_false (gtk_widget_get_visible (child (fixture, "limit_error_row")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "limit_row")));
  g_assert_true (create_enabled (fixture));

  /* Nothing the user typed was lost along the way. */
  g_assert_cmpstr (get_text (fixture, "username_entry"), ==, "alice2026");
  g_assert_cmpstr (get_text (fixture, "limit_entry"), ==, "99999999999999999999999");
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
  set_text (fixture, "username_entry", "alice2026");
  set_text (fixture, "password_entry", "Secret123");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "unit_dropdown")), 1);
  set_text (fixture, "limit_entry", "5");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "enabled_switch")), FALSE);
  g_assert_true (create_enabled (fixture));

  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);

  /* Locked but visible while in flight. */
  g_assert_true (td_window_get_busy (TD_WINDOW_OF (fixture)));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "form_list")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "form_list")));

  card = child (fixture, "result_card");
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW_OF (fixture)));
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
  g_assert_cmpstr (get_text (fixture, "username_entry"), ==, "");
  g_assert_cmpstr (get_text (fixture, "password_entry"), ==, "");
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

  set_text (fixture, "username_entry", "bob12345");
  set_text (fixture, "password_entry", "Passw0rd");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW_OF (fixture)));

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

  set_text (fixture, "username_entry", "carol2026");
  set_text (fixture, "password_entry", "Secret123");
  set_text (fixture, "limit_entry", "200");
  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW_OF (fixture)));

  /* Said in words, with the code, next to the field and in the message. */
  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "10018"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "username_error_row")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "result_card")));

  /* Everything typed is still there, and Create works again. */
  g_assert_cmpstr (get_text (fixture, "username_entry"), ==, "carol2026");
  g_assert_cmpstr (get_text (fixture, "password_entry"), ==, "Secret123");
  g_assert_cmpstr (get_text (fixture, "limit_entry"), ==, "200");
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form_list")));
  g_assert_true (create_enabled (fixture));
}

static void
test_window_wrong_token (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *message;

  td_credentials_use_for_session (fixture->credentials, "not-the-token", NULL);

  set_text (fixture, "username_entry", "dave2026");
  set_text (fixture, "password_entry", "Secret123");
  set_text (fixture, "limit_entry", "0");
  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW_OF (fixture)));

  g_assert_cmpstr (td_sandbox_get_last_request (fixture->sandbox)->token, ==, "not-the-token");
  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "10013"));
  g_assert_null (strstr (message, "not-the-token"));
  g_assert_cmpstr (get_text (fixture, "username_entry"), ==, "dave2026");
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

  set_text (fixture, "username_entry", "erin2026");
  set_text (fixture, "password_entry", "Secret123");
  set_text (fixture, "limit_entry", "300");

  /* Cancel while in flight. */
  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  WAIT_UNTIL (count == 1);
  g_assert_true (td_window_get_busy (TD_WINDOW_OF (fixture)));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "cancel_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL);
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW_OF (fixture)));

  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "error_revealer")));
  g_assert_cmpstr (message, !=, "");
  g_assert_cmpstr (get_text (fixture, "username_entry"), ==, "erin2026");
  g_assert_true (create_enabled (fixture));

  /* A timeout says the user may exist, and nothing is retried. */
  td_api_client_set_timeout (fixture->client, 1);
  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  WAIT_UNTIL (!td_window_get_busy (TD_WINDOW_OF (fixture)));

  message = gtk_label_get_label (GTK_LABEL (child (fixture, "error_label")));
  g_assert_nonnull (strstr (message, "may have been created"));
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (get_text (fixture, "password_entry"), ==, "Secret123");
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "form_list")));
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_user_store_refresh_finish (TD_USER_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* "Can I create?" comes from the account's user store, read by anyone:
 * the Users page need not have been shown. */
static void
test_window_quota_from_store (Fixture       *fixture,
                              gconstpointer  data)
{
  TdUserStore *store = td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL);
  gboolean done = FALSE;

  td_sandbox_set_quota (fixture->sandbox, 1);
  td_user_store_refresh_async (store, NULL, refreshed_cb, &done);
  WAIT_UNTIL (done);
  g_assert_cmpint (td_user_store_get_remaining (store), ==, 1);

  set_text (fixture, "username_entry", "grace2026");
  set_text (fixture, "password_entry", "Secret123");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  g_assert_true (create_enabled (fixture));
  g_assert_false (gtk_widget_get_visible (child (fixture, "quota_label")));

  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  WAIT_UNTIL (gtk_widget_get_visible (child (fixture, "result_card")));

  /* The user went into the store, which has none left: Create says so. */
  g_assert_nonnull (td_user_store_lookup (store, "grace2026"));
  g_assert_cmpint (td_user_store_get_remaining (store), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (fixture, "quota_label")));
  set_text (fixture, "username_entry", "heidi2026");
  set_text (fixture, "password_entry", "Secret123");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  g_assert_false (create_enabled (fixture));

  /* Another proxy type has its own quota, unknown yet: Create works. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row")), 2);
  g_assert_false (gtk_widget_get_visible (child (fixture, "quota_label")));
  g_assert_true (create_enabled (fixture));

  g_assert_null (built_page (fixture, "users"));
}

/* The window's account can change: every page built so far works on the
 * new one, and so does every page built later. */
static void
test_window_account_change (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TdSandbox) other = td_sandbox_new ();
  g_autoptr(TdApiClient) client = NULL;
  g_autoptr(TdCredentials) credentials = td_credentials_new ();
  g_autoptr(TdAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *create;

  td_sandbox_start (other, &error);
  g_assert_no_error (error);
  client = td_api_client_new (td_sandbox_get_base_url (other));
  td_credentials_use_for_session (credentials, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  account = td_account_new (client, credentials, fixture->settings, TRUE);

  create = td_test_window_page (fixture, "create");
  g_object_set (fixture->window, "account", account, NULL);
  g_assert_true (td_window_get_account (TD_WINDOW_OF (fixture)) == account);
  g_assert_true (td_page_get_account (TD_PAGE (create)) == account);
  g_assert_true (td_page_get_account (TD_PAGE (td_test_window_page (fixture, "users"))) == account);

  /* A user created now goes to the new account's server. */
  set_text (fixture, "username_entry", "ivan20266");
  set_text (fixture, "password_entry", "Secret123");
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "unlimited_switch")), TRUE);
  gtk_widget_activate_action (create, "create.create", NULL);
  WAIT_UNTIL (gtk_widget_get_visible (child (fixture, "result_card")));
  g_assert_nonnull (td_sandbox_lookup_user (other, TD_PROXY_TYPE_RESIDENTIAL, "ivan20266"));
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "ivan20266"));
}

/* A message the edit dialog moves the focus to is focused once on screen,
 * not before: focused before, its whole text ended up selected. */
static void
test_window_edit_dialog_error_focus (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  TdUserEditDialog *dialog;
  GtkWidget *label;
  int start = 0, end = 0;

  td_proxy_user_set_username (user, "frank2026");
  td_proxy_user_set_password (user, "Secret123");
  td_sandbox_add_user (fixture->sandbox, user);

  /* A refused token: an error about no field of the form. */
  td_credentials_use_for_session (fixture->credentials, "not-the-token", NULL);

  dialog = td_user_edit_dialog_new (fixture->window, fixture->client, user);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  label = td_test_page_child (dialog, "error_label");
  g_assert_false (gtk_widget_get_mapped (label));
  gtk_editable_set_text (GTK_EDITABLE (td_test_page_child (dialog, "password_entry")), "Changed456");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "edit.save", NULL);

  WAIT_UNTIL (gtk_widget_get_mapped (label) && gtk_root_get_focus (GTK_ROOT (dialog)) == label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "10013"));
  td_test_ui_flush ();
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (label), &start, &end));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_window_generate_password (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *password;

  gtk_widget_activate_action (child (fixture, "form"), "form.generate-password", NULL);
  password = get_text (fixture, "password_entry");
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

static const char *
visible_page_name (Fixture *fixture)
{
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (window_child (fixture, "view_stack")));
}

/* The proxy type and username the Endpoints page has chosen. */
static void
assert_endpoints_user (Fixture     *fixture,
                       TdProxyType  proxy_type,
                       const char  *username)
{
  GtkWidget *page = td_test_window_page (fixture, "endpoints");
  TdGatewayLogin *login = td_endpoints_page_dup_login (TD_ENDPOINTS_PAGE (page));

  g_assert_cmpint (login->proxy_type, ==, proxy_type);
  g_assert_cmpstr (login->username, ==, username);
  td_gateway_login_free (login);
}

/* "win.show-endpoints": from the window, from the result of a create and
 * from a user's row menu, the Endpoints page shows with that user. */
static void
test_window_show_endpoints (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TdProxyUser) bob = NULL;
  GtkWidget *endpoints;
  GtkWidget *users;

  g_assert_cmpstr (visible_page_name (fixture), ==, "create");

  /* A proxy type that does not exist changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-endpoints", "(is)",
                              7, "nobody");
  g_assert_cmpstr (visible_page_name (fixture), ==, "create");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-endpoints", "(is)",
                              (int) TD_PROXY_TYPE_UNLIMITED, "carol2026");
  g_assert_cmpstr (visible_page_name (fixture), ==, "endpoints");
  assert_endpoints_user (fixture, TD_PROXY_TYPE_UNLIMITED, "carol2026");

  /* After a create: the card's button, the password filled in from the list. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "create");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "proxy_type_row")), 2);
  set_text (fixture, "username_entry", "alice2026");
  set_text (fixture, "password_entry", "Secret123");
  set_text (fixture, "limit_entry", "5");
  g_assert_true (create_enabled (fixture));
  gtk_widget_activate_action (CREATE_PAGE (fixture), "create.create", NULL);
  WAIT_UNTIL (gtk_widget_get_visible (child (fixture, "result_card")));
  g_assert_true (gtk_widget_get_visible (td_test_ui_child (child (fixture, "result_card"),
                                                           TD_TYPE_RESULT_CARD,
                                                           "endpoints_button")));

  gtk_widget_activate_action (child (fixture, "result_card"), "card.endpoints", NULL);
  g_assert_cmpstr (visible_page_name (fixture), ==, "endpoints");
  assert_endpoints_user (fixture, TD_PROXY_TYPE_MOBILE, "alice2026");
  endpoints = td_test_window_page (fixture, "endpoints");
  WAIT_UNTIL (g_strcmp0 (td_accessible_get_secret (td_test_page_child (endpoints, "password_entry")),
                         "Secret123") == 0);

  /* From the users page's row menu ("users.endpoints"), with the page's proxy type. */
  bob = td_proxy_user_new_full (TD_PROXY_TYPE_RESIDENTIAL, "bob20266", "Secret456", 0, TRUE);
  td_sandbox_add_user (fixture->sandbox, bob);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "users");
  users = td_test_window_page (fixture, "users");
  td_users_page_set_proxy_type (TD_USERS_PAGE (users), TD_PROXY_TYPE_RESIDENTIAL);
  WAIT_UNTIL (td_user_store_lookup (td_account_get_user_store (fixture->account, TD_PROXY_TYPE_RESIDENTIAL),
                                    "bob20266") != NULL);
  gtk_widget_activate_action (users, "users.endpoints", "s", "bob20266");
  g_assert_cmpstr (visible_page_name (fixture), ==, "endpoints");
  assert_endpoints_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "bob20266");

  /* A user the list does not hold: nothing moves. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "users");
  gtk_widget_activate_action (users, "users.endpoints", "s", "nobody123");
  g_assert_cmpstr (visible_page_name (fixture), ==, "users");
}

/* The buttons under @widget that show the page @name. */
static void
collect_page_buttons (GtkWidget  *widget,
                      const char *name,
                      GPtrArray  *found)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.show-page") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), name) == 0)
        g_ptr_array_add (found, widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_page_buttons (child, name, found);
}

/* The Users page offers the Import page: in its toolbar always, and
 * next to "Create a User" while the account has no users. */
static void
test_window_users_page_offers_import (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *users;
  guint n_shown = 0;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "users");
  users = td_test_window_page (fixture, "users");
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (users)));
  td_test_ui_flush ();

  collect_page_buttons (users, "import", buttons);
  g_assert_cmpuint (buttons->len, ==, 2);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_is_drawable (button))
        n_shown++;
      g_assert_true (gtk_widget_get_focusable (button));
    }
  /* An empty account: both are on screen. */
  g_assert_cmpuint (n_shown, ==, 2);

  /* As the keyboard would (the button is clicked after its short press). */
  g_assert_true (gtk_widget_activate (g_ptr_array_index (buttons, 0)));
  WAIT_UNTIL (g_strcmp0 (visible_page_name (fixture), "import") == 0);
}

/* Whether the drop-down @chooser of the Endpoints page offers @label. */
static gboolean
chooser_offers (GtkWidget  *page,
                const char *chooser,
                const char *label)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (td_test_page_child (page, chooser)));

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (item) &&
          g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), label) == 0)
        return TRUE;
    }

  return FALSE;
}

/* In the sandbox the Endpoints page has its places from the sandbox's
 * Locations API, and tests through the sandbox's stand-in gateway (and
 * says so): Ctrl+Return tests the login against the sandbox's users. */
static void
test_window_endpoints_in_sandbox (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(TdProxyUser) alice = td_proxy_user_new_full (TD_PROXY_TYPE_RESIDENTIAL, "alice2026",
                                                         "Secret123", 0, TRUE);
  GtkWidget *page;
  const char *description;

  td_sandbox_add_user (fixture->sandbox, alice);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-endpoints", "(is)",
                              (int) TD_PROXY_TYPE_RESIDENTIAL, "alice2026");
  page = td_test_window_page (fixture, "endpoints");

  WAIT_UNTIL (chooser_offers (page, "country_chooser", "United States (us)"));
  g_assert_true (chooser_offers (page, "country_chooser", "Germany (de)"));

  /* A complete login: the outputs are there, and Test. */
  WAIT_UNTIL (g_strcmp0 (td_accessible_get_secret (td_test_page_child (page, "password_entry")),
                         "Secret123") == 0);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (td_test_page_child (page, "url_row"))),
                                   "http://td-customer-alice2026:••••••••@"));
  g_assert_true (gtk_widget_get_sensitive (td_test_page_child (page, "test_button")));
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (td_test_page_child (page, "test_group")));
  g_assert_nonnull (strstr (description, "stand-in"));

  /* Ctrl+Return (the page's primary action): through the stand-in. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.primary", NULL);
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (page)) &&
              gtk_widget_get_visible (td_test_page_child (page, "test_result")) &&
              strstr (gtk_label_get_text (GTK_LABEL (td_test_page_child (page, "test_result"))),
                      "203.0.113.") != NULL);
}

/* The header's account switcher: offered, with its menu, only once there
 * is another account to switch to. */
/* The shortcuts window lists each page of the page table with its
 * Alt+N, in the table's order, before "Preferences", lined up with the
 * entries written in its .ui (the same size groups). */
static void
test_window_shortcuts_window_pages (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  GtkShortcutsWindow *overlay;
  GtkWidget *group = NULL;
  GtkSizeGroup *accel_group = NULL;
  guint preferences = G_MAXUINT;
  GLogLevelFlags fatal;

  /* GTK 4.8's shortcuts window measures one of its own labels at -3 px
   * when shown (a warning, the same without the page entries): not fatal
   * here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (overlay);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (overlay)));

  /* The group holding "Preferences", in order. */
  for (GtkWidget *w = GTK_WIDGET (overlay); w != NULL; )
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (w))
        {
          g_autofree char *title = NULL;

          g_object_get (w, "title", &title, NULL);
          if (g_strcmp0 (title, "Preferences") == 0)
            group = gtk_widget_get_parent (w);
        }
      /* Depth first. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = w == GTK_WIDGET (overlay) ? NULL : gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (group);

  for (GtkWidget *w = gtk_widget_get_first_child (group); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_SHORTCUTS_SHORTCUT (w))
      {
        g_autofree char *title = NULL;

        g_object_get (w, "title", &title, NULL);
        if (g_strcmp0 (title, "Preferences") == 0)
          {
            preferences = shortcuts->len;
            g_object_get (w, "accel-size-group", &accel_group, NULL);
          }
        g_ptr_array_add (shortcuts, w);
      }

  g_assert_cmpuint (preferences, ==, _td_window_n_pages);
  for (guint i = 0; i < _td_window_n_pages; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      GtkSizeGroup *size_group = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i),
                    "title", &title, "accelerator", &accelerator,
                    "accel-size-group", &size_group, NULL);
      g_assert_cmpstr (title, ==, _td_window_pages[i].shortcut_title);
      g_assert_cmpstr (accelerator, ==, _td_window_pages[i].accel);
      g_assert_true (size_group == accel_group);
      g_clear_object (&size_group);
    }
  g_clear_object (&accel_group);

  gtk_window_destroy (GTK_WINDOW (overlay));
  td_test_ui_flush ();
  g_log_set_always_fatal (fatal);
}

static void
test_window_account_switcher (void)
{
  TdTestWindow fixture = { 0 };
  g_autofree char *id = NULL;
  GtkWidget *button;
  GtkWidget *main_menu;

  td_test_window_set_up (&fixture, NULL, TD_SANDBOX_DEFAULT_TOKEN, NULL, FALSE);
  g_settings_reset (fixture.settings, "accounts");
  td_test_window_open (&fixture, TRUE);
  button = td_test_ui_child (fixture.window, TD_TYPE_WINDOW, "accounts_button");

  /* One account: no switcher, and no menu made for it. */
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));

  /* Nor for the main menu until it is opened (F10 does it as a click does). */
  main_menu = td_test_ui_child (fixture.window, TD_TYPE_WINDOW, "primary_menu_button");
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (main_menu)));
  g_assert_true (td_test_ui_press_shortcut (GTK_WIDGET (fixture.window), "F10") ||
                 gtk_widget_activate (main_menu));
  WAIT_UNTIL (gtk_menu_button_get_popover (GTK_MENU_BUTTON (main_menu)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (main_menu)))));
  g_assert_true (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (main_menu))) > 0);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (main_menu));

  id = td_account_list_add (fixture.settings, "Client B");
  g_assert_nonnull (id);
  WAIT_UNTIL (gtk_widget_get_visible (button));
  /* Its menu (and popover) is made when it is first opened. */
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)))));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button))),
                   ==, 2);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  g_assert_true (td_account_list_remove (fixture.settings, id));
  WAIT_UNTIL (!gtk_widget_get_visible (button));

  g_settings_reset (fixture.settings, "accounts");
  td_test_window_tear_down (&fixture);
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
  ADD ("/window/shortcuts-visible-page-only", test_window_shortcuts_visible_page_only);
  ADD ("/window/invalid-input", test_window_invalid_input);
  ADD ("/window/create", test_window_create);
  ADD ("/window/create-form-encoding", test_window_create_form_encoding);
  ADD ("/window/server-error-keeps-form", test_window_server_error_keeps_form);
  ADD ("/window/wrong-token", test_window_wrong_token);
  ADD ("/window/cancel-and-timeout", test_window_cancel_and_timeout);
  ADD ("/window/quota-from-store", test_window_quota_from_store);
  ADD ("/window/account-change", test_window_account_change);
  ADD ("/window/edit-dialog-error-focus", test_window_edit_dialog_error_focus);
  ADD ("/window/generate-password", test_window_generate_password);
  ADD ("/window/accessible-names", test_window_accessible_names);
  ADD ("/window/show-endpoints", test_window_show_endpoints);
  ADD ("/window/users-page-offers-import", test_window_users_page_offers_import);
  ADD ("/window/endpoints-in-sandbox", test_window_endpoints_in_sandbox);
  ADD ("/window/shortcuts-window-pages", test_window_shortcuts_window_pages);
  g_test_add_func ("/window/account-switcher", test_window_account_switcher);

#undef ADD

  return g_test_run ();
}
