/* test-ip-check.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live test through a real proxy: Debian's tinyproxy, started here on
 * a free loopback port with a config of our own (BasicAuth), in front of
 * a loopback HTTPS server standing in for the IP check, whose certificate
 * (made by openssl for this run) the test trusts.  The gateway's error headers come from a SoupServer
 * standing in for the gateway.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "td-ip-check.h"

/* A certificate for 127.0.0.1 (with the IP in subjectAltName, which
 * GnuTLS needs), made once per run by openssl; its PEM files. */
static char *cert_dir;
static char *cert_path;
static char *key_path;

static void
make_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) openssl = NULL;

  cert_dir = g_dir_make_tmp ("td-ip-check-cert-XXXXXX", &error);
  g_assert_no_error (error);
  cert_path = g_build_filename (cert_dir, "cert.pem", NULL);
  key_path = g_build_filename (cert_dir, "key.pem", NULL);

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error,
                              "openssl", "req", "-x509", "-newkey", "ec",
                              "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                              "-keyout", key_path, "-out", cert_path, "-days", "2",
                              "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));
  g_assert_no_error (error);
}

static void
remove_certificate (void)
{
  g_remove (cert_path);
  g_remove (key_path);
  g_rmdir (cert_dir);
  g_free (cert_path);
  g_free (key_path);
  g_free (cert_dir);
}

#define PROXY_USER     "td-customer-alice2026"
#define PROXY_PASSWORD "Secret99"

typedef enum
{
  ANSWER_JSON,
  ANSWER_HTML,
  ANSWER_HANG,
  ANSWER_TEXT_IP,
} Answer;

typedef struct
{
  char          *dir;
  /* the IP check */
  SoupServer    *check;
  char          *check_url;
  GTlsDatabase  *trust;
  Answer         answer;
  guint          n_checks;
  GSList        *paused;
  /* tinyproxy */
  GSubprocess   *tinyproxy;
  guint16        proxy_port;
  /* a gateway that answers with X-thor-error headers */
  SoupServer    *gateway;
  guint16        gateway_port;
  guint          n_gateway;

  TdIpCheck     *ip_check;
  /* the result */
  gboolean         done;
  TdIpCheckResult *result;
  GError          *error;
} Fixture;

static guint16
server_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint16 port = g_uri_get_port (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

static void
check_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *f = user_data;
  static const char json[] =
    "{\"ip\":\"203.0.113.7\",\"country\":\"US\",\"region\":\"California\","
    "\"city\":\"Los Angeles\",\"org\":\"AS7922 Comcast\"}";
  static const char html[] = "<html><body>Hello</body></html>";

  f->n_checks++;

  switch (f->answer)
    {
    case ANSWER_JSON:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, json, strlen (json));
      break;
    case ANSWER_TEXT_IP:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "198.51.100.4\n", 13);
      break;
    case ANSWER_HTML:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      break;
    case ANSWER_HANG:
      soup_server_message_pause (msg);
      f->paused = g_slist_prepend (f->paused, g_object_ref (msg));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The stand-in gateway: every request (GET with an absolute URI, or
 * CONNECT) gets a 502 with Thordata's error headers. */
static void
gateway_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  f->n_gateway++;
  soup_message_headers_replace (headers, "X-thor-error-code", "Resource_201");
  soup_message_headers_replace (headers, "X-thor-error-msg", "IP Allocation Failed");
  soup_server_message_set_status (msg, 502, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no ip", 5);
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_accepts (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_tinyproxy (Fixture *f)
{
  g_autofree char *conf_path = g_build_filename (f->dir, "tinyproxy.conf", NULL);
  g_autofree char *conf = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocessLauncher *launcher;
  gint64 deadline;

  if (g_find_program_in_path ("tinyproxy") == NULL)
    return;

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      f->proxy_port = free_port ();
      conf = g_strdup_printf ("Port %u\n"
                              "Listen 127.0.0.1\n"
                              "Timeout 30\n"
                              "MaxClients 20\n"
                              "BasicAuth " PROXY_USER " " PROXY_PASSWORD "\n"
                              "LogLevel Critical\n",
                              f->proxy_port);
      g_assert_true (g_file_set_contents (conf_path, conf, -1, NULL));
      g_clear_pointer (&conf, g_free);

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      /* Dies with the test, even when an assertion aborts it. */
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      f->tinyproxy = g_subprocess_launcher_spawn (launcher, &error,
                                                  "tinyproxy", "-d", "-c", conf_path, NULL);
      g_clear_object (&launcher);
      g_assert_no_error (error);

      deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      while (g_get_monotonic_time () < deadline)
        {
          if (port_accepts (f->proxy_port))
            return;
          if (g_subprocess_get_identifier (f->tinyproxy) == NULL)
            break;
          g_usleep (20 * 1000);
        }

      /* The port was taken in between: another one. */
      g_subprocess_force_exit (f->tinyproxy);
      g_subprocess_wait (f->tinyproxy, NULL, NULL);
      g_clear_object (&f->tinyproxy);
    }

  g_error ("tinyproxy did not start");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("td-ip-check-XXXXXX", &error);
  g_assert_no_error (error);

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  f->check = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (f->check, NULL, check_cb, f, NULL);
  soup_server_listen_local (f->check, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  f->check_url = g_strdup_printf ("https://127.0.0.1:%u/json", server_port (f->check));

  /* Only this test's certificate is trusted. */
  f->trust = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);

  f->gateway = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->gateway, NULL, gateway_cb, f, NULL);
  soup_server_listen_local (f->gateway, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  f->gateway_port = server_port (f->gateway);

  start_tinyproxy (f);

  f->ip_check = td_ip_check_new ();
  td_ip_check_set_url (f->ip_check, f->check_url);
  g_object_set (f->ip_check, "tls-database", f->trust, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *conf = g_build_filename (f->dir, "tinyproxy.conf", NULL);

  if (f->tinyproxy != NULL)
    {
      /* tinyproxy may wait for a connection that is still open (a check
       * left hanging) before it quits: 2 s, then it is killed. */
      gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      g_subprocess_send_signal (f->tinyproxy, SIGTERM);
      while (g_subprocess_get_identifier (f->tinyproxy) != NULL && g_get_monotonic_time () < deadline)
        g_usleep (20 * 1000);
      if (g_subprocess_get_identifier (f->tinyproxy) != NULL)
        g_subprocess_force_exit (f->tinyproxy);
      g_subprocess_wait (f->tinyproxy, NULL, NULL);
      g_clear_object (&f->tinyproxy);
    }
  for (GSList *l = f->paused; l != NULL; l = l->next)
    soup_server_message_unpause (l->data);
  g_slist_free_full (f->paused, g_object_unref);
  g_clear_object (&f->ip_check);
  g_clear_object (&f->check);
  g_clear_object (&f->gateway);
  g_clear_object (&f->trust);
  g_remove (conf);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->check_url);
  g_clear_pointer (&f->result, td_ip_check_result_free);
  g_clear_error (&f->error);
}

static TdGatewayLogin *
login_via (guint16     port,
           const char *password)
{
  TdGatewayLogin *login = td_gateway_login_new ();

  td_gateway_login_set (&login->host, "127.0.0.1");
  login->port = port;
  td_gateway_login_set (&login->username, "alice2026");
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
     TdGatewayLogin *login,
     GCancellable   *cancellable)
{
  g_clear_pointer (&f->result, td_ip_check_result_free);
  g_clear_error (&f->error);
  f->done = FALSE;

  td_ip_check_run_async (f->ip_check, login, cancellable, on_run, f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
need_tinyproxy (Fixture *f)
{
  if (f->tinyproxy != NULL)
    return TRUE;
  g_test_skip ("tinyproxy is not installed (tests/dev.sh installs it)");
  return FALSE;
}

static void
test_good_login (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = NULL;

  if (!need_tinyproxy (f))
    return;

  login = login_via (f->proxy_port, PROXY_PASSWORD);
  run (f, login, NULL);

  g_assert_no_error (f->error);
  g_assert_nonnull (f->result);
  g_assert_cmpstr (f->result->ip, ==, "203.0.113.7");
  g_assert_cmpstr (f->result->country, ==, "US");
  g_assert_cmpstr (f->result->region, ==, "California");
  g_assert_cmpstr (f->result->city, ==, "Los Angeles");
  g_assert_cmpstr (f->result->organization, ==, "AS7922 Comcast");
  g_assert_cmpfloat (f->result->seconds, >, 0.0);
  g_assert_cmpfloat (f->result->seconds, <, 20.0);
  g_assert_cmpuint (f->n_checks, ==, 1);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = NULL;

  if (!need_tinyproxy (f))
    return;

  login = login_via (f->proxy_port, "Wrong123");
  run (f, login, NULL);
  g_assert_null (f->result);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);
  g_assert_nonnull (strstr (f->error->message, "407"));
  g_assert_nonnull (strstr (f->error->message, "disabled or out of traffic"));
  g_assert_cmpuint (f->n_checks, ==, 0);

  /* A targeting segment changes the username the proxy sees: refused too. */
  td_gateway_login_set (&login->password, PROXY_PASSWORD);
  td_gateway_login_set (&login->country, "us");
  run (f, login, NULL);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_LOGIN);
}

static void
test_proxy_down (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_via (free_port (), PROXY_PASSWORD);

  run (f, login, NULL);
  g_assert_null (f->result);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_REFUSED);
  g_assert_nonnull (strstr (f->error->message, "127.0.0.1:"));
}

static void
test_check_hangs (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = NULL;
  gint64 started;

  if (!need_tinyproxy (f))
    return;

  login = login_via (f->proxy_port, PROXY_PASSWORD);
  f->answer = ANSWER_HANG;
  td_ip_check_set_timeout (f->ip_check, 1);

  started = g_get_monotonic_time ();
  run (f, login, NULL);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_TIMEOUT);
  g_assert_cmpstr (f->error->message, ==, "No answer within 1 seconds.");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->n_checks, ==, 1);
}

static void
test_not_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = NULL;

  if (!need_tinyproxy (f))
    return;

  login = login_via (f->proxy_port, PROXY_PASSWORD);
  f->answer = ANSWER_HTML;
  run (f, login, NULL);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_NOT_JSON);
  g_assert_nonnull (strstr (f->error->message, "text/html"));
}

static void
test_untrusted_certificate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = NULL;

  if (!need_tinyproxy (f))
    return;

  login = login_via (f->proxy_port, PROXY_PASSWORD);
  g_object_set (f->ip_check, "tls-database", NULL, NULL);
  run (f, login, NULL);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_TLS);
}

static void
test_gateway_headers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_via (f->gateway_port, PROXY_PASSWORD);
  g_autofree char *plain = g_strdup_printf ("http://127.0.0.1:%u/", server_port (f->check));

  /* Plain http: the gateway answers the forwarded GET itself. */
  td_ip_check_set_url (f->ip_check, plain);
  run (f, login, NULL);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_GATEWAY);
  g_assert_cmpstr (f->error->message, ==,
                   "No IP could be allocated: choose a wider region, or try again later. "
                   "(gateway error Resource_201)");
  g_assert_cmpuint (f->n_gateway, ==, 1);
  g_assert_cmpuint (f->n_checks, ==, 0);

  /* https: the gateway refuses the CONNECT with the same headers. */
  td_ip_check_set_url (f->ip_check, f->check_url);
  run (f, login, NULL);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_GATEWAY);
  g_assert_cmpuint (f->n_gateway, ==, 2);
  g_assert_cmpuint (f->n_checks, ==, 0);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  if (!need_tinyproxy (f))
    return;

  login = login_via (f->proxy_port, PROXY_PASSWORD);
  f->answer = ANSWER_HANG;
  g_timeout_add (200, cancel_soon, cancellable);
  run (f, login, cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_invalid_login (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TdGatewayLogin) login = login_via (f->gateway_port, PROXY_PASSWORD);

  td_gateway_login_set (&login->city, "paris");
  run (f, login, NULL);
  g_assert_error (f->error, TD_IP_CHECK_ERROR, TD_IP_CHECK_ERROR_INVALID);
  g_assert_cmpstr (f->error->message, ==, "A city needs a country: choose the country too.");
  g_assert_cmpuint (f->n_gateway, ==, 0);
}

static void
test_parse (void)
{
  static const struct { const char *body; const char *ip; const char *country; } cases[] = {
    { "{\"origin\":\"1.2.3.4\"}", "1.2.3.4", NULL },
    { "{\"query\":\"2001:db8::1\",\"countryCode\":\"DE\"}", "2001:db8::1", "DE" },
    { "  10.0.0.1 \r\n", "10.0.0.1", NULL },
    { "{\"ip\":\"\"}", NULL, NULL },
    { "[\"1.2.3.4\"]", NULL, NULL },
    { "not an ip", NULL, NULL },
    { "", NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TdIpCheckResult) result = td_ip_check_parse (cases[i].body, strlen (cases[i].body));

      if (cases[i].ip == NULL)
        g_assert_null (result);
      else
        {
          g_assert_nonnull (result);
          g_assert_cmpstr (result->ip, ==, cases[i].ip);
          g_assert_cmpstr (result->country, ==, cases[i].country);
        }
    }

  g_assert_nonnull (td_ip_check_lookup_gateway_error ("client_101"));
  g_assert_nonnull (td_ip_check_lookup_gateway_error ("resource_203"));
  g_assert_null (td_ip_check_lookup_gateway_error ("client_999"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/ip-check/parse", test_parse);
  ADD ("/ip-check/good-login", test_good_login);
  ADD ("/ip-check/wrong-password", test_wrong_password);
  ADD ("/ip-check/proxy-down", test_proxy_down);
  ADD ("/ip-check/check-hangs", test_check_hangs);
  ADD ("/ip-check/not-json", test_not_json);
  ADD ("/ip-check/untrusted-certificate", test_untrusted_certificate);
  ADD ("/ip-check/gateway-headers", test_gateway_headers);
  ADD ("/ip-check/cancel", test_cancel);
  ADD ("/ip-check/invalid-login", test_invalid_login);

  make_certificate ();
  status = g_test_run ();
  remove_certificate ();

  return status;
}
