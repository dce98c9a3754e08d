/* test-endpoints-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Endpoints page in a plain window under Xvfb, against one loopback
 * SoupServer that is both the API (user list, locations) and a stand-in
 * gateway: it answers an IP check forwarded to it as a proxy only with
 * the right Proxy-Authorization.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "td-accessible.h"
#include "td-endpoints-page.h"
#include "td-page.h"
#include "td-sandbox.h"
#include "td-test-ui.h"

typedef struct
{
  SoupServer      *server;
  guint16          port;
  TdApiClient     *client;
  TdCredentials   *credentials;
  TdAccount       *account;
  GtkWindow       *window;
  TdEndpointsPage *page;
  guint            n_checks;
  char            *last_login;
} Fixture;

static void
api_cb (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  const char *data = "[]";
  g_autofree char *body = NULL;

  if (g_str_has_suffix (path, "/proxy-users/user-list"))
    data = "{\"limit\":100,\"remaining_limit\":98,\"user_count\":2,\"list\":["
           "{\"username\":\"bobby2026\",\"password\":\"Other123\",\"status\":true,\"traffic_limit\":0,\"usage_traffic\":0},"
           "{\"username\":\"alice2026\",\"password\":\"Secret99\",\"status\":true,\"traffic_limit\":0,\"usage_traffic\":0}]}";
  else if (g_str_has_suffix (path, "/locations/countries"))
    data = "[{\"country_code\":\"US\",\"country_name\":\"United States\"},"
           "{\"country_code\":\"DE\",\"country_name\":\"Germany\"}]";
  else if (g_str_has_suffix (path, "/locations/states"))
    data = "[{\"state_code\":\"california\",\"state_name\":\"California\"}]";
  else if (g_str_has_suffix (path, "/locations/cities"))
    data = "[{\"city_name\":\"Los Angeles\"}]";
  else if (g_str_has_suffix (path, "/locations/asn"))
    data = "[{\"asn_code\":\"AS7922\",\"asn_name\":\"Comcast\"}]";

  body = g_strdup_printf ("{\"code\":200,\"msg\":\"ok\",\"data\":%s}", data);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* The gateway: the IP check forwarded to it (an absolute URI). */
static void
check_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (request, "Proxy-Authorization");
  static const char json[] = "{\"ip\":\"203.0.113.9\",\"country\":\"US\",\"city\":\"Los Angeles\"}";
  g_autofree char *decoded = NULL;
  gsize length;

  f->n_checks++;

  if (authorization != NULL && g_str_has_prefix (authorization, "Basic "))
    {
      decoded = (char *) g_base64_decode (authorization + 6, &length);
      decoded = g_realloc (decoded, length + 1);
      decoded[length] = '\0';
      g_free (f->last_login);
      f->last_login = g_strdup (decoded);
    }

  if (decoded == NULL || !g_str_has_prefix (decoded, "td-customer-alice2026") ||
      !g_str_has_suffix (decoded, ":Secret99"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Proxy-Authenticate", "Basic realm=\"gateway\"");
      soup_server_message_set_status (msg, 407, NULL);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, json, strlen (json));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/api", api_cb, f, NULL);
  soup_server_add_handler (f->server, "/ipcheck", check_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  base = g_strdup_printf ("http://127.0.0.1:%u/api", f->port);
  f->client = td_api_client_new (base);
  td_api_client_set_credentials (f->client, "test-token", "test-key");
  f->credentials = td_credentials_new ();
  f->account = td_account_new (f->client, f->credentials, NULL, FALSE);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 700);
  f->page = TD_ENDPOINTS_PAGE (td_endpoints_page_new (f->account));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  td_test_ui_flush ();
  /* Requests in flight hold the page until they are done (the locations
   * cache is written before they return): it goes once all are. */
  WAIT_UNTIL (f->page == NULL);
  g_clear_object (&f->account);
  g_clear_object (&f->credentials);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
  g_free (f->last_login);
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return td_test_ui_child (f->page, TD_TYPE_ENDPOINTS_PAGE, name);
}

static const char *
text (Fixture    *f,
      const char *name)
{
  /* The password field hides its text from gtk_editable_get_text(). */
  return td_accessible_get_secret (child (f, name));
}

static void
set_text (Fixture    *f,
          const char *name,
          const char *value)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, name)), value);
}

static const char *
output (Fixture    *f,
        const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (f, name)));
}

static void
choose (Fixture    *f,
        const char *chooser_name,
        const char *label)
{
  GtkDropDown *chooser = GTK_DROP_DOWN (child (f, chooser_name));
  GListModel *model;

  WAIT_UNTIL (gtk_widget_get_sensitive (GTK_WIDGET (chooser)));
  model = gtk_drop_down_get_model (chooser);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (chooser, i);
          return;
        }
    }
  g_error ("no “%s” in %s", label, chooser_name);
}

static void
select_alice (Fixture *f)
{
  td_endpoints_page_select_user (f->page, TD_PROXY_TYPE_RESIDENTIAL, "alice2026");
  WAIT_UNTIL (g_str_equal (text (f, "password_entry"), "Secret99"));
}

static void
test_generate (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpstr (output (f, "url_row"), ==, "Not ready");
  g_assert_false (gtk_widget_get_visible (child (f, "login_error_row")));

  select_alice (f);
  /* The password is masked on screen until revealed. */
  g_assert_cmpstr (output (f, "url_row"), ==,
                   "http://td-customer-alice2026:••••••••@t.pr.thordata.net:9999");
  g_assert_null (strstr (output (f, "curl_row"), "Secret99"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "endpoints.reveal-passwords", NULL);
  g_assert_cmpstr (output (f, "url_row"), ==,
                   "http://td-customer-alice2026:Secret99@t.pr.thordata.net:9999");

  /* A country from the searchable list, then a city of it. */
  choose (f, "country_chooser", "United States (us)");
  g_assert_cmpstr (text (f, "country_entry"), ==, "us");
  choose (f, "city_chooser", "Los Angeles (los_angeles)");
  g_assert_cmpstr (output (f, "colon_row"), ==,
                   "t.pr.thordata.net:9999:td-customer-alice2026-country-us-city-los_angeles:Secret99");

  /* A city without a country: refused next to the field, nothing lost. */
  set_text (f, "country_entry", "");
  g_assert_true (gtk_widget_get_visible (child (f, "targeting_error_row")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "targeting_error"))), ==,
                   "A city needs a country: choose the country too.");
  g_assert_true (gtk_widget_has_css_class (child (f, "city_entry"), "error"));
  g_assert_cmpstr (output (f, "url_row"), ==, "Not ready");
  g_assert_cmpstr (text (f, "city_entry"), ==, "los_angeles");
  g_assert_false (gtk_widget_is_sensitive (child (f, "test_button")));

  /* Typed by hand (offline), validated the same way. */
  set_text (f, "country_entry", "de");
  g_assert_false (gtk_widget_get_visible (child (f, "targeting_error_row")));
  set_text (f, "city_entry", "");

  /* Sticky: an ID is made, and is in every output. */
  gtk_switch_set_active (GTK_SWITCH (child (f, "sticky_switch")), TRUE);
  id = g_strdup (text (f, "session_id_entry"));
  g_assert_cmpuint (strlen (id), ==, 12);
  expected = g_strdup_printf ("td-customer-alice2026-country-de-sessid-%s-sesstime-10:Secret99@t.pr.thordata.net:9999",
                              id);
  g_assert_cmpstr (output (f, "at_row"), ==, expected);

  /* New ID */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "endpoints.new-session-id", NULL);
  g_assert_cmpstr (text (f, "session_id_entry"), !=, id);

  /* SOCKS5 on residential: the caveat is shown. */
  g_assert_false (gtk_widget_get_visible (child (f, "caveat_label")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "protocol_row")), 2);
  g_assert_true (gtk_widget_get_visible (child (f, "caveat_label")));
  g_assert_true (g_str_has_prefix (output (f, "url_row"), "socks5h://td-customer-alice2026-country-de-sessid-"));

  /* Mobile: its own host and port. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "product_row")), 2);
  g_assert_true (g_str_has_suffix (output (f, "url_row"), "@m.pr.thordata.net:5555"));
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *copied = NULL;

  select_alice (f);
  set_text (f, "country_entry", "us");
  /* Masked on screen, whole in the clipboard. */
  g_assert_null (strstr (output (f, "curl_row"), "Secret99"));
  g_assert_nonnull (strstr (output (f, "curl_row"), ":••••••••@"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "endpoints.copy", "i", 3);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->page)), NULL,
                                 on_clipboard_text, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==,
                   "curl -x 'http://td-customer-alice2026-country-us:Secret99@t.pr.thordata.net:9999' "
                   "'https://ipinfo.thordata.com'");
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/ipcheck", f->port);
  GtkLabel *result = GTK_LABEL (child (f, "test_result"));

  select_alice (f);
  set_text (f, "host_entry", "127.0.0.1");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "port_spin")), f->port);
  set_text (f, "country_entry", "us");
  gtk_switch_set_active (GTK_SWITCH (child (f, "sticky_switch")), TRUE);
  td_endpoints_page_set_ip_check_url (f->page, url);

  td_page_activate_primary (TD_PAGE (f->page));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (f->page)) && f->n_checks > 0);
  g_test_message ("result: %s (login %s)", gtk_label_get_text (result), f->last_login);
  g_assert_nonnull (strstr (gtk_label_get_text (result), "The endpoint works. Exit IP: 203.0.113.9"));
  g_assert_nonnull (strstr (gtk_label_get_text (result), "Los Angeles"));
  g_assert_true (g_str_has_prefix (f->last_login, "td-customer-alice2026-country-us-sessid-"));

  /* A wrong password: 407 in words. */
  set_text (f, "password_entry", "Wrong123");
  td_page_activate_primary (TD_PAGE (f->page));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (f->page)) &&
              strstr (gtk_label_get_text (result), "407") != NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (result), "The endpoint does not work"));

  /* An IP-check address Preferences would refuse (saved another way):
   * nothing is sent, and the page says why. */
  set_text (f, "password_entry", "Secret99");
  f->n_checks = 0;
  td_endpoints_page_set_ip_check_url (f->page, "http://me:pw@127.0.0.1/ipcheck");
  td_page_activate_primary (TD_PAGE (f->page));
  g_assert_false (td_page_get_busy (TD_PAGE (f->page)));
  g_assert_nonnull (strstr (gtk_label_get_text (result), "Nothing was sent"));
  g_assert_nonnull (strstr (gtk_label_get_text (result), "“@”"));
  td_test_ui_flush ();
  g_assert_cmpuint (f->n_checks, ==, 0);
}

/* In --sandbox, Test goes through the sandbox's stand-in gateway with
 * the sandbox's users: a page of its own on a real TdSandbox. */
static void
test_sandbox_live (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TdSandbox) sandbox = td_sandbox_new ();
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (TD_PROXY_TYPE_RESIDENTIAL, "sandy2026",
                                                        "Sandy2026", 0, TRUE);
  g_autoptr(TdApiClient) client = NULL;
  g_autoptr(TdAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  TdSandboxGateway *gateway;
  TdEndpointsPage *page;
  GtkWindow *window;
  GtkLabel *result;
  AdwPreferencesGroup *group;
  guint before;

  g_assert_true (td_sandbox_start (sandbox, &error));
  g_assert_no_error (error);
  td_sandbox_add_user (sandbox, user);
  gateway = td_sandbox_get_gateway (sandbox);

  client = td_api_client_new (td_sandbox_get_base_url (sandbox));
  td_api_client_set_credentials (client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  account = td_account_new (client, f->credentials, NULL, TRUE);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 360, 700);
  page = TD_ENDPOINTS_PAGE (td_endpoints_page_new (account));
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));

  /* The page says where Test goes. */
  group = ADW_PREFERENCES_GROUP (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "test_group"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group), "stand-in"));

  td_endpoints_page_select_user (page, TD_PROXY_TYPE_RESIDENTIAL, "sandy2026");
  WAIT_UNTIL (g_str_equal (td_accessible_get_secret (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "password_entry")),
                           "Sandy2026"));
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "country_entry")), "jp");
  gtk_switch_set_active (GTK_SWITCH (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "sticky_switch")), TRUE);
  result = GTK_LABEL (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "test_result"));

  before = td_sandbox_gateway_get_n_requests (gateway);
  td_page_activate_primary (TD_PAGE (page));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (page)) &&
              td_sandbox_gateway_get_n_requests (gateway) > before);
  g_test_message ("result: %s", gtk_label_get_text (result));
  g_assert_nonnull (strstr (gtk_label_get_text (result), "The endpoint works. Exit IP: 203.0.113."));
  g_assert_nonnull (strstr (gtk_label_get_text (result), "JP"));
  first = g_strdup (gtk_label_get_text (result));

  /* Sticky: the same exit again. */
  td_page_activate_primary (TD_PAGE (page));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (page)) &&
              td_sandbox_gateway_get_n_requests (gateway) > before + 1);
  g_assert_cmpint (strncmp (gtk_label_get_text (result), first, strcspn (first, "\n")), ==, 0);

  /* A country the sandbox does not have: the gateway's error, in words. */
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "country_entry")), "fr");
  td_page_activate_primary (TD_PAGE (page));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (page)) &&
              strstr (gtk_label_get_text (result), "client_101") != NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (result), "The endpoint does not work"));

  /* A wrong password: 407, in words. */
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "country_entry")), "");
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_child (page, TD_TYPE_ENDPOINTS_PAGE, "password_entry")), "Wrong2026");
  td_page_activate_primary (TD_PAGE (page));
  WAIT_UNTIL (!td_page_get_busy (TD_PAGE (page)) &&
              strstr (gtk_label_get_text (result), "407") != NULL);

  /* Nothing went to the fixture's server, which is no gateway here. */
  g_assert_cmpuint (f->n_checks, ==, 0);

  gtk_window_destroy (window);
  td_test_ui_flush ();
  WAIT_UNTIL (page == NULL);
}

/* Adaptive down to 360 px: the page asks for no more. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;

  select_alice (f);
  choose (f, "country_chooser", "United States (us)");
  choose (f, "city_chooser", "Los Angeles (los_angeles)");
  gtk_switch_set_active (GTK_SWITCH (child (f, "sticky_switch")), TRUE);
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  static const char *choosers[] = { "user_chooser", "country_chooser", "state_chooser",
                                    "city_chooser", "asn_chooser" };

  for (gsize i = 0; i < G_N_ELEMENTS (choosers); i++)
    {
      GtkWidget *chooser = child (f, choosers[i]);

      g_assert_nonnull (gtk_widget_get_tooltip_text (chooser));
      g_assert_true (gtk_widget_get_focusable (chooser) || gtk_widget_get_first_child (chooser) != NULL);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("td-endpoints-page-XXXXXX", NULL);
  int status;

  /* The locations cache of this run only. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  setlocale (LC_ALL, "");
  td_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/endpoints-page/generate", test_generate);
  ADD ("/endpoints-page/copy", test_copy);
  ADD ("/endpoints-page/live", test_live);
  ADD ("/endpoints-page/sandbox-live", test_sandbox_live);
  ADD ("/endpoints-page/accessible-names", test_accessible_names);
  ADD ("/endpoints-page/narrow", test_narrow);

  status = g_test_run ();

  /* The cache folder of this run (locations, and Mesa's shaders). */
  remove_tree (cache);

  return status;
}
