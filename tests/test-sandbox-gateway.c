/* test-sandbox-gateway.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox's stand-in gateway, reached as the page reaches it: a real
 * TdSandbox started on loopback, its users added through the sandbox, and
 * the live test (TdIpCheck, libsoup through the stand-in as its proxy)
 * with logins made by the builder.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "td-ip-check.h"
#include "td-sandbox.h"

typedef struct
{
  TdSandbox        *sandbox;
  TdSandboxGateway *gateway;
  TdIpCheck        *ip_check;
  TdIpCheckResult  *result;
  GError           *error;
  gboolean          done;
} Fixture;

static void
add_user (Fixture     *f,
          TdProxyType  proxy_type,
          const char  *username,
          gint64       limit_mb,
          gboolean     enabled)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (proxy_type, username, "Secret2026",
                                                        limit_mb, enabled);

  td_sandbox_add_user (f->sandbox, user);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = td_sandbox_new ();
  g_assert_true (td_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  f->gateway = td_sandbox_get_gateway (f->sandbox);
  g_assert_nonnull (f->gateway);

  add_user (f, TD_PROXY_TYPE_RESIDENTIAL, "alice2026", 0, TRUE);
  add_user (f, TD_PROXY_TYPE_RESIDENTIAL, "bobby2026", 1024, FALSE);
  add_user (f, TD_PROXY_TYPE_RESIDENTIAL, "carol2026", 100, TRUE);
  add_user (f, TD_PROXY_TYPE_MOBILE, "mobile2026", 0, TRUE);

  f->ip_check = td_ip_check_new ();
  td_ip_check_set_url (f->ip_check, TD_SANDBOX_GATEWAY_IP_CHECK_URL);
  td_ip_check_set_timeout (f->ip_check, 5);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->result, td_ip_check_result_free);
  g_clear_error (&f->error);
  g_clear_object (&f->ip_check);
  g_clear_object (&f->sandbox);
}

static TdGatewayLogin *
login_for (Fixture     *f,
           TdProxyType  proxy_type,
           const char  *username,
           const char  *password)
{
  TdGatewayLogin *login = td_gateway_login_new ();

  login->proxy_type = proxy_type;
  td_gateway_login_set (&login->host, TD_SANDBOX_GATEWAY_HOST);
  login->port = td_sandbox_gateway_get_port (f->gateway, proxy_type);
  g_assert_cmpuint (login->port, >, 0);
  td_gateway_login_set (&login->username, username);
  td_gateway_login_set (&login->password, password);

  return login;
}

static void
on_run (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = td_ip_check_run_finish (TD_IP_CHECK (source), result, &f->error);
  f->done = TRUE;
}

static void
run (Fixture        *f,
     TdGatewayLogin *login)
{
  g_clear_pointer (&f->result, td_ip_check_result_free);
  g_clear_error (&f->error);
  f->done = FALSE;

  td_ip_check_run_async (f->ip_check, login, NULL, on_run, f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_good_login (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_for (f, TD_PROXY_TYPE_RESIDENTIAL,
                                               "alice2026", "Secret2026");
  guint before = td_sandbox_gateway_get_n_requests (f->gateway);

  td_gateway_login_set (&login->country, "US");
  td_gateway_login_set (&login->city, "Los Angeles");
  run (f, login);

  g_assert_no_error (f->error);
  g_assert_nonnull (f->result);
  g_assert_true (g_str_has_prefix (f->result->ip, "203.0.113."));
  g_assert_cmpstr (f->result->country, ==, "US");
  g_assert_cmpstr (f->result->city, ==, "Los Angeles");
  /* The city's state, as a real answer would have it. */
  g_assert_cmpstr (f->result->region, ==, "California");
  g_assert_cmpuint (td_sandbox_gateway_get_n_requests (f->gateway), ==, before + 1);

  /* An ASN of that country: its network is named. */
  td_gateway_login_set (&login->city, NULL);
  td_gateway_login_set (&login->asn, "as7922");
  run (f, login);
  g_assert_no_error (f->error);
  g_assert_true (g_str_has_prefix (f->result->organization, "AS7922 "));
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_for (f, TD_PROXY_TYPE_RESIDENTIAL,
                                               "alice2026", "Wrong2026");

  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);
  g_assert_null (f->result);

  /* A user the sandbox does not have. */
  td_gateway_login_set (&login->username, "nobody2026");
  td_gateway_login_set (&login->password, "Secret2026");
  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);

  /* The right login on another product's gateway: users are per product. */
  g_clear_pointer (&login, td_gateway_login_free);
  login = login_for (f, TD_PROXY_TYPE_RESIDENTIAL, "mobile2026", "Secret2026");
  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);

  g_clear_pointer (&login, td_gateway_login_free);
  login = login_for (f, TD_PROXY_TYPE_MOBILE, "mobile2026", "Secret2026");
  run (f, login);
  g_assert_no_error (f->error);
}

static void
test_disabled_user (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_for (f, TD_PROXY_TYPE_RESIDENTIAL,
                                               "bobby2026", "Secret2026");
  GDate today;

  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);

  /* Out of traffic: 100 MB used of 100. */
  g_clear_pointer (&login, td_gateway_login_free);
  login = login_for (f, TD_PROXY_TYPE_RESIDENTIAL, "carol2026", "Secret2026");
  run (f, login);
  g_assert_no_error (f->error);

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  td_sandbox_add_usage (f->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "carol2026", &today, 100 * 1024);
  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);
}

static void
test_unknown_place (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_for (f, TD_PROXY_TYPE_RESIDENTIAL,
                                               "alice2026", "Secret2026");

  /* A valid code, but not one of the sandbox's countries. */
  td_gateway_login_set (&login->country, "fr");
  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_GATEWAY);
  g_assert_nonnull (strstr (f->error->message, "client_101"));

  /* A city of another country. */
  td_gateway_login_set (&login->country, "de");
  td_gateway_login_set (&login->city, "Tokyo");
  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_GATEWAY);
  g_assert_nonnull (strstr (f->error->message, "Resource_202"));

  /* A bad login is refused before its targeting is looked at. */
  td_gateway_login_set (&login->password, "Wrong2026");
  run (f, login);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);
}

static void
test_sticky_session (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_for (f, TD_PROXY_TYPE_RESIDENTIAL,
                                               "alice2026", "Secret2026");
  g_autoptr(GHashTable) ips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *first = NULL;

  login->sticky = TRUE;
  td_gateway_login_set (&login->session_id, "abc123def456");
  login->session_minutes = 30;

  run (f, login);
  g_assert_no_error (f->error);
  first = g_strdup (f->result->ip);

  for (guint i = 0; i < 3; i++)
    {
      run (f, login);
      g_assert_no_error (f->error);
      g_assert_cmpstr (f->result->ip, ==, first);
    }

  /* Other sessions get other exits (not all the same one). */
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("session%u", i);

      td_gateway_login_set (&login->session_id, id);
      run (f, login);
      g_assert_no_error (f->error);
      g_hash_table_add (ips, g_strdup (f->result->ip));
    }
  g_assert_cmpuint (g_hash_table_size (ips), >, 1);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **bytes = user_data;
  g_autoptr(GError) error = NULL;

  *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/* What a client other than ours meets: no login, a malformed one, a
 * tunnel. */
static void
test_raw_requests (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  struct { const char *login; guint status; const char *code; } cases[] = {
    { NULL, SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED, NULL },
    { "alice2026", SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED, NULL },
    { "td-customer-alice2026-planet-mars", SOUP_STATUS_BAD_REQUEST, "client_101" },
    { "td-customer-alice2026-country", SOUP_STATUS_BAD_REQUEST, "client_101" },
    { "td-customer-alice2026-sessid-abc", SOUP_STATUS_BAD_REQUEST, "client_101" },
    { "td-customer-alice2026-state-texas", SOUP_STATUS_BAD_REQUEST, "client_101" },
    { "td-customer-alice2026-country-jp", SOUP_STATUS_OK, NULL },
  };
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u/",
                                           td_sandbox_gateway_get_port (f->gateway,
                                                                        TD_PROXY_TYPE_RESIDENTIAL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, base);
      g_autoptr(GBytes) body = NULL;
      SoupMessageHeaders *headers = soup_message_get_request_headers (message);

      if (cases[i].login != NULL)
        {
          g_autofree char *pair = g_strdup_printf ("%s:Secret2026", cases[i].login);
          g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
          g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

          soup_message_headers_replace (headers, "Proxy-Authorization", header);
        }

      /* The server answers on this thread's main context. */
      soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                        on_sent, &body);
      while (body == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (soup_message_get_status (message), ==, cases[i].status);
      g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                     "X-thor-error-code"), ==, cases[i].code);
      if (cases[i].status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
        g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                        "Proxy-Authenticate"));
    }
}

static void
test_registry (Fixture       *f,
               gconstpointer  data)
{
  const char *url = td_sandbox_get_base_url (f->sandbox);

  g_assert_true (td_sandbox_gateway_lookup (url) == f->gateway);
  g_assert_null (td_sandbox_gateway_lookup ("http://127.0.0.1:1/api"));

  g_clear_object (&f->sandbox);
  g_assert_null (td_sandbox_gateway_lookup (url));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sandbox-gateway/good-login", test_good_login);
  ADD ("/sandbox-gateway/wrong-password", test_wrong_password);
  ADD ("/sandbox-gateway/disabled-user", test_disabled_user);
  ADD ("/sandbox-gateway/unknown-place", test_unknown_place);
  ADD ("/sandbox-gateway/sticky-session", test_sticky_session);
  ADD ("/sandbox-gateway/raw-requests", test_raw_requests);
  ADD ("/sandbox-gateway/registry", test_registry);

  return g_test_run ();
}
