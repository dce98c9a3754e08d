/* test-client.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-error.h"
#include "td-payload.h"
#include "td-sandbox-fields.h"
#include "td-proxy-user.h"
#include "td-sandbox.h"
#include "td-test-fault-server.h"

/* Distinctive credentials: no error message and no log line may contain
 * them. */
#define TEST_TOKEN    "TokSecret7Q2w"
#define TEST_KEY      "KeySecret4Z9x"
#define TEST_PASSWORD "PwSecret5Jk"
#define TEST_USERNAME "alice2024"

/* Upper bound for anything a test waits for. */
#define WAIT_SECONDS 30

/* The self-signed certificate is td_test_certificate_pem, shared with the
 * fault server. */


/* One request as the test server received it. */
typedef struct
{
  char   *method;
  char   *path;
  char   *query;
  char   *content_type;
  char   *token;
  char   *key;
  GBytes *body;
} SeenRequest;

static void
seen_request_free (SeenRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->content_type);
  g_free (request->token);
  g_free (request->key);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

typedef struct
{
  SoupServer   *server;
  guint         port;
  char         *origin;
  GPtrArray    *requests;
  GPtrArray    *paused;
  TdApiClient  *client;
  GAsyncResult *result;
  /* Where the "redirect-to" mode points. */
  char         *redirect_to;
} Fixture;

/* Every line logged by the process, debug included. */
static GString *log_text;
static GLogFunc default_log_handler;

static void
capture_log_handler (const char     *log_domain,
                     GLogLevelFlags  log_level,
                     const char     *message,
                     gpointer        user_data)
{
  g_string_append (log_text, message);
  g_string_append_c (log_text, '\n');

  if ((log_level & G_LOG_LEVEL_DEBUG) == 0)
    default_log_handler (log_domain, log_level, message, user_data);
}

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        {
          if (fields[i].length < 0)
            g_string_append (log_text, fields[i].value);
          else
            g_string_append_len (log_text, fields[i].value, fields[i].length);
          g_string_append_c (log_text, '\n');
        }
    }

  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_filled (SoupServerMessage *message,
                gsize              size,
                gboolean           chunked)
{
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  const char *envelope = "{\"code\":200,\"data\":{},\"msg\":\"ok\"}";
  gsize envelope_len = strlen (envelope);
  char *padding;

  g_assert (size > envelope_len);

  /* A readable envelope followed by white space: only its size is wrong. */
  padding = g_malloc (size - envelope_len);
  memset (padding, ' ', size - envelope_len);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (message),
                                         "application/json", NULL);
  if (chunked)
    soup_message_headers_set_encoding (soup_server_message_get_response_headers (message),
                                       SOUP_ENCODING_CHUNKED);

  soup_message_body_append (body, SOUP_MEMORY_COPY, envelope, envelope_len);
  soup_message_body_append (body, SOUP_MEMORY_TAKE, padding, size - envelope_len);
  soup_message_body_complete (body);
}

static void
redirect (Fixture           *fixture,
          SoupServerMessage *message,
          guint              status,
          const char        *host,
          const char        *rest)
{
  g_autofree char *location = g_strdup_printf ("http://%s:%u/target%s",
                                               host, fixture->port, rest);

  soup_server_message_set_redirect (message, status, location);
}

/* The first segment of the path picks the server's behaviour, so that a
 * client whose base URL is "<origin>/<mode>" meets it on every call. */
static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SeenRequest *request = g_new0 (SeenRequest, 1);
  g_autofree char *mode = NULL;
  const char *rest;

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  request->token = g_strdup (soup_message_headers_get_one (headers, "token"));
  request->key = g_strdup (soup_message_headers_get_one (headers, "key"));
  request->body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_ptr_array_add (fixture->requests, request);

  rest = strchr (path + 1, '/');
  if (rest == NULL)
    rest = "";
  mode = g_strndup (path + 1, strlen (path + 1) - strlen (rest));

  if (g_str_equal (mode, "ok") || g_str_equal (mode, "target"))
    respond (message, 200, "application/json",
             "{\"code\":200,\"data\":{\"answer\":42},\"msg\":\"ok\"}");
  else if (g_str_equal (mode, "no-data"))
    respond (message, 200, "application/json", "{\"code\":200,\"msg\":\"ok\"}");
  else if (g_str_equal (mode, "taken"))
    respond (message, 200, "application/json",
             "{\"code\":10018,\"data\":null,\"msg\":\"username exists\"}");
  else if (g_str_equal (mode, "unknown-code"))
    respond (message, 200, "application/json",
             "{\"code\":12345,\"data\":{},\"msg\":\"Zebra quota exceeded\"}");
  else if (g_str_equal (mode, "html-500"))
    respond (message, 500, "text/html",
             "<html><body><h1>500 Internal Server Error</h1></body></html>");
  else if (g_str_equal (mode, "not-found"))
    respond (message, 404, "text/plain", "nothing here");
  else if (g_str_equal (mode, "envelope-400"))
    respond (message, 400, "application/json",
             "{\"code\":10016,\"data\":null,\"msg\":\"password error\"}");
  else if (g_str_equal (mode, "envelope-500-ok"))
    respond (message, 500, "application/json", "{\"code\":200,\"data\":[1],\"msg\":\"ok\"}");
  else if (g_str_equal (mode, "not-json"))
    respond (message, 200, "text/html", "<html><body>Welcome</body></html>");
  else if (g_str_equal (mode, "array"))
    respond (message, 200, "application/json", "[{\"code\":200}]");
  else if (g_str_equal (mode, "string-code"))
    respond (message, 200, "application/json", "{\"code\":\"200\",\"data\":{},\"msg\":\"ok\"}");
  else if (g_str_equal (mode, "no-code"))
    respond (message, 200, "application/json", "{\"data\":{},\"msg\":\"ok\"}");
  else if (g_str_equal (mode, "bad-msg"))
    respond (message, 200, "application/json", "{\"code\":10018,\"data\":{},\"msg\":42}");
  else if (g_str_equal (mode, "deep"))
    {
      gsize depth = 100000;
      char *text = g_malloc (2 * depth);

      memset (text, '[', depth);
      memset (text + depth, ']', depth);
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json",
                                        SOUP_MEMORY_TAKE, text, 2 * depth);
    }
  else if (g_str_equal (mode, "too-large"))
    respond_filled (message, TD_MAX_RESPONSE_BYTES + 1, FALSE);
  else if (g_str_equal (mode, "too-large-chunked"))
    respond_filled (message, TD_MAX_RESPONSE_BYTES + 1, TRUE);
  else if (g_str_equal (mode, "exact-cap"))
    respond_filled (message, TD_MAX_RESPONSE_BYTES, TRUE);
  else if (g_str_equal (mode, "hang"))
    {
      /* Accepted, never answered. */
      soup_server_message_pause (message);
      g_ptr_array_add (fixture->paused, g_object_ref (message));
    }
  else if (g_str_equal (mode, "redirect-to"))
    {
      g_autofree char *location = g_strconcat (fixture->redirect_to, rest, NULL);

      soup_server_message_set_redirect (message, 302, location);
    }
  else if (g_str_equal (mode, "redirect-307"))
    redirect (fixture, message, 307, "127.0.0.1", rest);
  else if (g_str_equal (mode, "redirect-308"))
    redirect (fixture, message, 308, "127.0.0.1", rest);
  else if (g_str_equal (mode, "auth"))
    {
      /* Basic authentication: the first attempt is refused, libsoup sends
       * the request again with the user and password of the URL. */
      if (soup_message_headers_get_one (headers, "Authorization") == NULL)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                        "WWW-Authenticate", "Basic realm=\"thordesk-test\"");
          respond (message, 401, "text/plain", "who are you?");
        }
      else
        respond (message, 200, "application/json", "{\"code\":200,\"data\":{},\"msg\":\"ok\"}");
    }
  else if (g_str_equal (mode, "redirect-301"))
    redirect (fixture, message, 301, "127.0.0.1", rest);
  else if (g_str_equal (mode, "redirect-302"))
    redirect (fixture, message, 302, "127.0.0.1", rest);
  else if (g_str_equal (mode, "redirect-303"))
    redirect (fixture, message, 303, "127.0.0.1", rest);
  else if (g_str_equal (mode, "redirect-other-host"))
    redirect (fixture, message, 307, "localhost", rest);
  else
    respond (message, 500, "text/plain", "unknown test mode");
}

static SoupServer *
start_server (Fixture  *fixture,
              gboolean  https,
              guint    *out_port)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (https)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;

      certificate = g_tls_certificate_new_from_pem (td_test_certificate_pem, -1, &error);
      g_assert_no_error (error);
      server = soup_server_new ("tls-certificate", certificate, NULL);
    }
  else
    server = soup_server_new (NULL, NULL);

  soup_server_add_handler (server, NULL, server_callback, fixture, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *out_port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&server);
}

static void
use_mode (Fixture    *fixture,
          const char *mode)
{
  g_autofree char *base_url = g_strdup_printf ("%s/%s", fixture->origin, mode);

  td_api_client_set_base_url (fixture->client, base_url);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_request_free);
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server = start_server (fixture, FALSE, &fixture->port);
  fixture->origin = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);

  fixture->client = td_api_client_new (NULL);
  use_mode (fixture, "ok");
  td_api_client_set_credentials (fixture->client, TEST_TOKEN, TEST_KEY);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->result);
  g_clear_pointer (&fixture->redirect_to, g_free);
  g_assert_finalize_object (fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_pointer (&fixture->paused, g_ptr_array_unref);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_clear_pointer (&fixture->origin, g_free);
}

static SeenRequest *
get_request (Fixture *fixture,
             guint    index)
{
  g_assert_cmpuint (fixture->requests->len, >, index);

  return g_ptr_array_index (fixture->requests, index);
}

static gboolean
set_flag (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;

  return G_SOURCE_REMOVE;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

/* Iterates the main context until the call has finished or the server
 * holds @n_paused requests, within WAIT_SECONDS. */
static void
wait_until (Fixture *fixture,
            guint    n_paused)
{
  gboolean timed_out = FALSE;
  guint source_id = g_timeout_add_seconds (WAIT_SECONDS, set_flag, &timed_out);

  while (fixture->result == NULL && fixture->paused->len < n_paused && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (source_id);
}

static void
wait_for_result (Fixture *fixture)
{
  wait_until (fixture, G_MAXUINT);
  g_assert_nonnull (fixture->result);
}

static JsonNode *
run_call (Fixture     *fixture,
          const char  *method,
          const char  *path,
          JsonObject  *fields,
          GError     **error)
{
  g_clear_object (&fixture->result);
  td_api_client_call_async (fixture->client, method, path, fields, NULL,
                            store_result_cb, fixture);
  wait_for_result (fixture);

  return td_api_client_call_finish (fixture->client, fixture->result, error);
}

static TdProxyUser *
new_test_user (void)
{
  TdProxyUser *user = td_proxy_user_new_full (TD_PROXY_TYPE_MOBILE, TEST_USERNAME,
                                              TEST_PASSWORD, 2048, TRUE);

  return user;
}

static gboolean
run_create (Fixture  *fixture,
            GError  **error)
{
  g_autoptr(TdProxyUser) user = new_test_user ();

  g_clear_object (&fixture->result);
  td_api_client_create_user_async (fixture->client, user, NULL, store_result_cb, fixture);
  wait_for_result (fixture);

  return td_api_client_create_user_finish (fixture->client, fixture->result, error);
}

static void
assert_no_secret (const char *text)
{
  g_assert_nonnull (text);
  g_assert_null (strstr (text, TEST_TOKEN));
  g_assert_null (strstr (text, TEST_KEY));
  g_assert_null (strstr (text, TEST_PASSWORD));
  g_assert_null (strstr (text, "token="));
}

/* Tests */

static void
test_client_properties (void)
{
  g_autoptr(TdApiClient) client = td_api_client_new (NULL);
  g_autoptr(TdApiClient) other = NULL;
  guint timeout = 0;

  g_assert_cmpstr (td_api_client_get_base_url (client), ==, TD_DEFAULT_API_URL);
  g_assert_cmpuint (td_api_client_get_timeout (client), ==, TD_DEFAULT_TIMEOUT_SECONDS);
  g_assert_cmpint (td_api_client_get_encoding (client), ==, TD_REQUEST_ENCODING_JSON);
  g_assert_false (td_api_client_has_token (client));

  td_api_client_set_credentials (client, "", NULL);
  g_assert_false (td_api_client_has_token (client));
  td_api_client_set_credentials (client, "abc", NULL);
  g_assert_true (td_api_client_has_token (client));
  td_api_client_set_credentials (client, NULL, NULL);
  g_assert_false (td_api_client_has_token (client));

  other = g_object_new (TD_TYPE_API_CLIENT,
                        "base-url", "http://127.0.0.1:1/api",
                        "timeout", 7,
                        "encoding", TD_REQUEST_ENCODING_FORM,
                        NULL);
  g_object_get (other, "timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 7);
  g_assert_cmpint (td_api_client_get_encoding (other), ==, TD_REQUEST_ENCODING_FORM);
  g_assert_cmpstr (td_api_client_get_base_url (other), ==, "http://127.0.0.1:1/api");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_client_notify (void)
{
  g_autoptr(TdApiClient) client = td_api_client_new ("https://example.com/api");
  guint count = 0;

  g_signal_connect (client, "notify", G_CALLBACK (count_notify_cb), &count);

  td_api_client_set_base_url (client, "https://example.com/api");
  td_api_client_set_timeout (client, TD_DEFAULT_TIMEOUT_SECONDS);
  td_api_client_set_encoding (client, TD_REQUEST_ENCODING_JSON);
  g_assert_cmpuint (count, ==, 0);

  td_api_client_set_base_url (client, "https://example.org/api");
  td_api_client_set_timeout (client, 5);
  td_api_client_set_encoding (client, TD_REQUEST_ENCODING_FORM);
  g_assert_cmpuint (count, ==, 3);
}

static void
test_client_build_url (void)
{
  static const struct {
    const char *base;
    const char *path;
    const char *expected;
  } cases[] = {
    { "https://openapi.thordata.com/api", "/proxy-users/create-user",
      "https://openapi.thordata.com/api/proxy-users/create-user" },
    { "https://openapi.thordata.com/api/", "proxy-users/create-user",
      "https://openapi.thordata.com/api/proxy-users/create-user" },
    { "https://openapi.thordata.com/api///", "///proxy-users/user-list",
      "https://openapi.thordata.com/api/proxy-users/user-list" },
    { "http://127.0.0.1:8080", "/x", "http://127.0.0.1:8080/x" },
    { "http://127.0.0.1:8080/", "", "http://127.0.0.1:8080/" },
    { "HTTPS://Example.com/api", "/x", "HTTPS://Example.com/api/x" },
    { "http://[::1]:9000/api", "x", "http://[::1]:9000/api/x" },
    { "ftp://openapi.thordata.com/api", "/x", NULL },
    { "file:///etc/passwd", "/x", NULL },
    { "http:///api", "/x", NULL },
    { "https://", "/x", NULL },
    { "openapi.thordata.com/api", "/x", NULL },
    { "not a url", "/x", NULL },
    { "", "/x", NULL },
    { "https://openapi.thordata.com/api?x=1", "/x", NULL },
    { "https://openapi.thordata.com/api#top", "/x", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TdApiClient) client = td_api_client_new (cases[i].base);
      g_autofree char *url = td_api_client_build_url (client, cases[i].path);

      g_test_message ("base “%s”, path “%s”", cases[i].base, cases[i].path);
      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static void
test_client_invalid_url (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  td_api_client_set_base_url (fixture->client, "ftp://127.0.0.1/secret-path");
  node = run_call (fixture, "GET", "/ok", NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "secret-path"));
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_client_create_json (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean created;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SeenRequest *request;
  JsonObject *body;
  g_autoptr(GList) members = NULL;

  created = run_create (fixture, &error);
  g_assert_no_error (error);
  g_assert_true (created);

  g_assert_cmpuint (fixture->requests->len, ==, 1);
  request = get_request (fixture, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/ok/proxy-users/create-user");
  g_assert_null (request->query);
  g_assert_cmpstr (request->token, ==, TEST_TOKEN);
  g_assert_cmpstr (request->key, ==, TEST_KEY);
  g_assert_cmpstr (request->content_type, ==, "application/json");

  json_parser_load_from_data (parser,
                              g_bytes_get_data (request->body, NULL),
                              g_bytes_get_size (request->body),
                              &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  body = json_node_get_object (json_parser_get_root (parser));

  members = json_object_get_members (body);
  g_assert_cmpuint (g_list_length (members), ==, 5);

  g_assert_cmpint (json_node_get_value_type (json_object_get_member (body, "proxy_type")),
                   ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (body, "proxy_type"), ==, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (body, "traffic_limit")),
                   ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (body, "traffic_limit"), ==, 2048);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (body, "username")),
                   ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (body, "username"), ==, TEST_USERNAME);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (body, "password")),
                   ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (body, "password"), ==, TEST_PASSWORD);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (body, "status")),
                   ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (body, "status"), ==, "true");
}

static void
test_client_create_no_key (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char *keys[] = { NULL, "" };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean created;
      SeenRequest *request;

      td_api_client_set_credentials (fixture->client, TEST_TOKEN, keys[i]);
      created = run_create (fixture, &error);
      g_assert_no_error (error);
      g_assert_true (created);

      g_assert_cmpuint (fixture->requests->len, ==, i + 1);
      request = get_request (fixture, i);
      g_assert_cmpstr (request->token, ==, TEST_TOKEN);
      g_assert_null (request->key);
    }
}

static void
test_client_create_form (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean created;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *text = NULL;
  SeenRequest *request;

  td_api_client_set_encoding (fixture->client, TD_REQUEST_ENCODING_FORM);
  created = run_create (fixture, &error);
  g_assert_no_error (error);
  g_assert_true (created);

  request = get_request (fixture, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->content_type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (request->token, ==, TEST_TOKEN);

  text = g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
  form = soup_form_decode (text);
  g_assert_cmpuint (g_hash_table_size (form), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (form, "proxy_type"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (form, "username"), ==, TEST_USERNAME);
  g_assert_cmpstr (g_hash_table_lookup (form, "password"), ==, TEST_PASSWORD);
  g_assert_cmpstr (g_hash_table_lookup (form, "traffic_limit"), ==, "2048");
  g_assert_cmpstr (g_hash_table_lookup (form, "status"), ==, "true");
}

static void
test_client_get (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) query = NULL;
  SeenRequest *request;

  td_api_client_set_credentials (fixture->client, "tok en&=/?", TEST_KEY);
  json_object_set_int_member (fields, "proxy_type", 1);
  json_object_set_string_member (fields, "username", "a b&c=d");

  use_mode (fixture, "ok");
  node = run_call (fixture, "GET", "/proxy-users/user-list", fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "answer"), ==, 42);

  request = get_request (fixture, 0);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/ok/proxy-users/user-list");
  g_assert_null (request->token);
  g_assert_null (request->key);
  g_assert_cmpuint (g_bytes_get_size (request->body), ==, 0);

  g_assert_nonnull (request->query);
  query = soup_form_decode (request->query);
  g_assert_cmpuint (g_hash_table_size (query), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (query, "proxy_type"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (query, "username"), ==, "a b&c=d");
  g_assert_cmpstr (g_hash_table_lookup (query, "token"), ==, "tok en&=/?");
  g_assert_cmpstr (g_hash_table_lookup (query, "key"), ==, TEST_KEY);
}

static void
test_client_get_no_fields (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  SeenRequest *request;

  td_api_client_set_credentials (fixture->client, TEST_TOKEN, NULL);
  use_mode (fixture, "no-data");
  node = run_call (fixture, "GET", "/account/traffic-balance", NULL, &error);
  g_assert_no_error (error);

  /* No `data` member: a JSON null. */
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_NULL (node));

  request = get_request (fixture, 0);
  g_assert_cmpstr (request->query, ==, "token=" TEST_TOKEN);
}

static void
test_client_no_token (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *tokens[] = { NULL, "" };

  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(GError) error = NULL;

      td_api_client_set_credentials (fixture->client, tokens[i], TEST_KEY);
      g_assert_false (run_create (fixture, &error));
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_NO_TOKEN);
      g_assert_nonnull (strstr (error->message, "token"));
    }

  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_client_server_error (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = td_server_error_new (10018, NULL);

  use_mode (fixture, "taken");
  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_SERVER_ERROR, 10018);
  g_assert_cmpstr (error->message, ==, expected->message);
  g_assert_nonnull (strstr (error->message, td_server_error_lookup (10018)));
  g_assert_nonnull (strstr (error->message, "10018"));
  g_assert_false (td_error_is_ambiguous (error));
}

static void
test_client_unknown_code (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  use_mode (fixture, "unknown-code");
  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_SERVER_ERROR, 12345);
  g_assert_nonnull (strstr (error->message, "Zebra quota exceeded"));
  g_assert_nonnull (strstr (error->message, "12345"));
}

static void
test_client_http_500 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  use_mode (fixture, "html-500");
  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_null (strstr (error->message, "<html>"));
  g_assert_true (td_error_is_ambiguous (error));
}

static void
test_client_http_404 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  use_mode (fixture, "not-found");
  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_nonnull (strstr (error->message, "Not Found"));
  g_assert_null (strstr (error->message, "nothing here"));
  g_assert_false (td_error_is_ambiguous (error));
}

static void
test_client_envelope_wins (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  use_mode (fixture, "envelope-400");
  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_SERVER_ERROR, 10016);
  g_clear_error (&error);

  /* Even a success envelope on a 5xx status is a success. */
  use_mode (fixture, "envelope-500-ok");
  node = run_call (fixture, "POST", "/x", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
}

static void
test_client_invalid_response (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const char *modes[] = {
    "not-json", "array", "string-code", "no-code", "bad-msg", "deep",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("mode %s", modes[i]);
      use_mode (fixture, modes[i]);
      g_assert_false (run_create (fixture, &error));
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
      g_assert_false (td_error_is_ambiguous (error));
    }

  g_assert_cmpuint (fixture->requests->len, ==, G_N_ELEMENTS (modes));
}

static void
test_client_too_large (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *modes[] = { "too-large", "too-large-chunked" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_test_message ("mode %s", modes[i]);
      use_mode (fixture, modes[i]);
      g_assert_false (run_create (fixture, &local_error));
      g_assert_error (local_error, TD_API_ERROR, TD_API_ERROR_TOO_LARGE);
    }

  /* Exactly at the cap is still read. */
  use_mode (fixture, "exact-cap");
  node = run_call (fixture, "POST", "/x", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
}

static void
test_client_connection_refused (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(SoupServer) closed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  guint port = 0;

  /* A port that was free a moment ago and has nobody listening now. */
  closed = start_server (fixture, FALSE, &port);
  soup_server_disconnect (closed);
  g_clear_object (&closed);

  base_url = g_strdup_printf ("http://127.0.0.1:%u/api", port);
  td_api_client_set_base_url (fixture->client, base_url);

  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (strstr (error->message, base_url));
}

static void
test_client_host_not_found (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TdProxyUser) user = new_test_user ();
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  guint source_id;

  /* ".invalid" never resolves (RFC 6761); offline, the resolver says so
   * at once.  A resolver that hangs instead says nothing about the client. */
  td_api_client_set_base_url (fixture->client, "https://thordesk-test.invalid/api");
  td_api_client_create_user_async (fixture->client, user, cancellable,
                                   store_result_cb, fixture);

  source_id = g_timeout_add_seconds (20, set_flag, &timed_out);
  while (fixture->result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (fixture->result == NULL)
    {
      g_cancellable_cancel (cancellable);
      wait_for_result (fixture);
      g_test_skip ("The DNS resolver did not answer within 20 seconds for a .invalid name");
      return;
    }
  g_source_remove (source_id);

  g_assert_false (td_api_client_create_user_finish (fixture->client, fixture->result, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_HOST_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "thordesk-test.invalid"));
}

static void
test_client_timeout (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  td_api_client_set_timeout (fixture->client, 1);
  use_mode (fixture, "hang");
  g_assert_false (run_create (fixture, &error));

  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_TIMEOUT);
  g_assert_true (td_error_is_ambiguous (error));
  g_assert_nonnull (strstr (error->message, "1 second"));
  g_assert_nonnull (strstr (error->message, "may have reached"));
  /* The server did receive it: that is why the error is ambiguous. */
  g_assert_cmpuint (fixture->requests->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC / 2);
}

static void
test_client_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TdProxyUser) user = new_test_user ();
  g_autoptr(GError) error = NULL;

  use_mode (fixture, "hang");
  td_api_client_create_user_async (fixture->client, user, cancellable,
                                   store_result_cb, fixture);

  /* In flight: the server holds the request. */
  wait_until (fixture, 1);
  g_assert_cmpuint (fixture->paused->len, ==, 1);
  g_assert_null (fixture->result);

  g_cancellable_cancel (cancellable);
  wait_for_result (fixture);

  g_assert_false (td_api_client_create_user_finish (fixture->client, fixture->result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_client_cancel_before (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TdProxyUser) user = new_test_user ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  use_mode (fixture, "ok");
  td_api_client_create_user_async (fixture->client, user, cancellable,
                                   store_result_cb, fixture);
  wait_for_result (fixture);

  g_assert_false (td_api_client_create_user_finish (fixture->client, fixture->result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_client_redirect_post (Fixture       *fixture,
                           gconstpointer  user_data)
{
  /* libsoup would turn a POST into a GET without its body on 301, 302 and
   * 303, and would send the credentials to another host: a POST follows
   * no redirect at all, and says so. */
  const char *modes[] = {
    "redirect-301", "redirect-302", "redirect-303", "redirect-307", "redirect-308",
    "redirect-other-host",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("mode %s", modes[i]);
      g_ptr_array_set_size (fixture->requests, 0);
      use_mode (fixture, modes[i]);
      g_assert_false (run_create (fixture, &error));
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_REDIRECT);
      g_assert_nonnull (strstr (error->message, "redirected"));
      g_assert_false (td_error_is_ambiguous (error));

      /* Nothing reached the target, least of all a GET. */
      g_assert_cmpuint (fixture->requests->len, ==, 1);
      g_assert_cmpstr (get_request (fixture, 0)->method, ==, "POST");
    }
}

static void
test_client_refuses_user_info (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  gboolean created;

  /* User information in the address would make libsoup answer an
   * authentication challenge and send the POST again; the address check
   * refuses it, so nothing is sent at all. */
  base_url = g_strdup_printf ("http://someone:pass@127.0.0.1:%u/auth", fixture->port);
  td_api_client_set_base_url (fixture->client, base_url);
  created = run_create (fixture, &error);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_URL);
  g_assert_false (created);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_client_redirect_elsewhere (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(SoupServer) other = NULL;
  g_autoptr(SoupServer) secure = NULL;
  guint other_port = 0;
  guint secure_port = 0;
  g_autofree char *to_port = NULL;
  g_autofree char *to_https = NULL;
  g_autofree char *to_host = NULL;
  g_autofree char *to_scheme = NULL;

  /* Both servers record into fixture->requests: whatever reaches the
   * second one shows up there. */
  other = start_server (fixture, FALSE, &other_port);
  secure = start_server (fixture, TRUE, &secure_port);

  to_port = g_strdup_printf ("http://127.0.0.1:%u", other_port);
  to_https = g_strdup_printf ("https://127.0.0.1:%u", secure_port);
  to_host = g_strdup_printf ("http://localhost:%u", fixture->port);
  /* The same host and port, another scheme: refused on the scheme alone.
   * (An https origin redirecting to http is the same comparison; the
   * client trusts no test certificate, so it cannot be the origin here.) */
  to_scheme = g_strdup_printf ("https://127.0.0.1:%u", fixture->port);

  const char *targets[] = { to_port, to_https, to_host, to_scheme };

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    for (guint get = 0; get <= 1; get++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) node = NULL;
        SeenRequest *request;

        g_test_message ("%s to %s", get ? "GET" : "POST", targets[i]);
        g_ptr_array_set_size (fixture->requests, 0);
        g_free (fixture->redirect_to);
        fixture->redirect_to = g_strconcat (targets[i], "/target", NULL);
        use_mode (fixture, "redirect-to");

        if (get)
          {
            node = run_call (fixture, "GET", "/proxy-users/user-list", NULL, &error);
            g_assert_null (node);
          }
        else
          g_assert_false (run_create (fixture, &error));

        g_assert_error (error, TD_API_ERROR, TD_API_ERROR_REDIRECT);
        g_assert_false (td_error_is_ambiguous (error));
        g_assert_nonnull (strstr (error->message, "redirected"));
        if (get)
          {
            /* Where it pointed, and that nothing went there. */
            g_assert_nonnull (strstr (error->message, targets[i]));
            g_assert_nonnull (strstr (error->message, "nothing was sent there"));
          }
        assert_no_secret (error->message);

        /* Only the first server saw a request; the token went nowhere
         * else. */
        g_assert_cmpuint (fixture->requests->len, ==, 1);
        request = get_request (fixture, 0);
        g_assert_true (g_str_has_prefix (request->path, "/redirect-to/"));
      }

  soup_server_disconnect (other);
  soup_server_disconnect (secure);
}

static void
test_client_redirect_get (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  SeenRequest *request;

  /* A GET has no body to lose: it follows the redirect. */
  use_mode (fixture, "redirect-302");
  node = run_call (fixture, "GET", "/proxy-users/user-list", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  g_assert_cmpuint (fixture->requests->len, ==, 2);
  request = get_request (fixture, 1);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/target/proxy-users/user-list");
}

static void
test_client_tls_untrusted (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(SoupServer) https_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  guint port = 0;

  https_server = start_server (fixture, TRUE, &port);
  base_url = g_strdup_printf ("https://127.0.0.1:%u/ok", port);
  td_api_client_set_base_url (fixture->client, base_url);

  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_nonnull (strstr (error->message, "not trusted"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));

  /* The request was never handed to the server. */
  g_assert_cmpuint (fixture->requests->len, ==, 0);

  soup_server_disconnect (https_server);
}

static gboolean
answer_plain_text_cb (GSocketService     *service,
                      GSocketConnection  *connection,
                      GObject            *source_object,
                      gpointer            user_data)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (output, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_client_tls_not_tls (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;

  /* https:// to a server that answers in plain text at once. */
  g_signal_connect (service, "incoming", G_CALLBACK (answer_plain_text_cb), NULL);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  g_socket_service_start (service);

  base_url = g_strdup_printf ("https://127.0.0.1:%u/api",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  td_api_client_set_base_url (fixture->client, base_url);

  g_assert_false (run_create (fixture, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "secure"));

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_client_loopback_no_proxy (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* A proxy that accepts nothing: a loopback request that used it would
   * fail. */
  g_setenv ("http_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("HTTP_PROXY", "http://127.0.0.1:9", TRUE);
  g_unsetenv ("no_proxy");
  g_unsetenv ("NO_PROXY");

  fixture_set_up (&fixture, NULL);
  node = run_call (&fixture, "POST", "/x", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (fixture.requests->len, ==, 1);
  fixture_tear_down (&fixture, NULL);
}

/* Runs a create with the distinctive credentials against every failure
 * and checks that neither the messages nor the log repeat a secret. */
static void
test_client_no_secrets (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *modes[] = {
    "taken", "unknown-code", "html-500", "not-found", "envelope-400", "not-json", "array",
    "string-code", "bad-msg", "too-large", "redirect-307", "redirect-302", "redirect-other-host",
    "hang",
  };
  g_autoptr(SoupServer) https_server = NULL;
  g_autoptr(SoupServer) closed = NULL;
  GPtrArray *bases = g_ptr_array_new_with_free_func (g_free);
  guint https_port = 0;
  guint closed_port = 0;
  guint n_errors = 0;

  g_string_truncate (log_text, 0);
  td_api_client_set_timeout (fixture->client, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    g_ptr_array_add (bases, g_strdup_printf ("%s/%s", fixture->origin, modes[i]));

  https_server = start_server (fixture, TRUE, &https_port);
  g_ptr_array_add (bases, g_strdup_printf ("https://127.0.0.1:%u/ok", https_port));
  closed = start_server (fixture, FALSE, &closed_port);
  soup_server_disconnect (closed);
  g_ptr_array_add (bases, g_strdup_printf ("http://127.0.0.1:%u/ok", closed_port));
  g_ptr_array_add (bases, g_strdup ("https://thordesk-test.invalid/api"));
  g_ptr_array_add (bases, g_strdup ("ftp://127.0.0.1/api"));

  for (guint i = 0; i < bases->len; i++)
    {
      const char *base = g_ptr_array_index (bases, i);

      for (guint get = 0; get <= 1; get++)
        {
          g_autoptr(GError) error = NULL;

          g_test_message ("%s %s", get ? "GET" : "create", base);
          td_api_client_set_base_url (fixture->client, base);

          if (get)
            {
              g_autoptr(JsonObject) fields = json_object_new ();
              g_autoptr(JsonNode) node = NULL;

              json_object_set_string_member (fields, "username", TEST_USERNAME);
              node = run_call (fixture, "GET", "/proxy-users/user-list", fields, &error);

              /* A GET may follow any redirect: it carries no body, and its
               * credentials stay in the URL it was first sent to. */
              if (node != NULL && g_str_has_prefix (base + strlen (fixture->origin), "/redirect-"))
                continue;
              g_assert_null (node);
            }
          else
            g_assert_false (run_create (fixture, &error));

          g_assert_nonnull (error);
          assert_no_secret (error->message);
          n_errors++;
        }
    }

  g_assert_cmpuint (n_errors, >=, bases->len * 2 - 3);

  /* The client's own lines were captured, and no secret is in them. */
  g_assert_nonnull (strstr (log_text->str, "POST /proxy-users/create-user"));
  assert_no_secret (log_text->str);

  soup_server_disconnect (https_server);
  g_ptr_array_unref (bases);
}

/*
 * Users: list, find, update, delete and usage against the sandbox
 */

typedef struct
{
  TdSandbox    *sandbox;
  TdApiClient  *client;
  GAsyncResult *result;
} UsersFixture;

static void
users_fixture_set_up (UsersFixture  *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = td_sandbox_new ();
  td_sandbox_set_credentials (fixture->sandbox, TEST_TOKEN, TEST_KEY);
  g_assert_true (td_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);

  fixture->client = td_api_client_new (td_sandbox_get_base_url (fixture->sandbox));
  td_api_client_set_credentials (fixture->client, TEST_TOKEN, TEST_KEY);
}

static void
users_fixture_tear_down (UsersFixture  *fixture,
                         gconstpointer  user_data)
{
  g_clear_object (&fixture->result);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->sandbox);
}

static void
users_store_result_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  UsersFixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

/* Iterates the main context until the pending call has finished. */
static void
users_wait (UsersFixture *fixture)
{
  gboolean timed_out = FALSE;
  guint source_id = g_timeout_add_seconds (WAIT_SECONDS, set_flag, &timed_out);

  while (fixture->result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (source_id);
}

static TdProxyUser *
add_sandbox_user (UsersFixture *fixture,
                  TdProxyType   proxy_type,
                  const char   *username,
                  const char   *password,
                  gint64        traffic_limit,
                  gboolean      enabled)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new_full (proxy_type, username,
                                                        password, traffic_limit, enabled);
  td_sandbox_add_user (fixture->sandbox, user);

  return td_sandbox_lookup_user (fixture->sandbox, proxy_type, username);
}

static TdUserList *
run_list (UsersFixture  *fixture,
          TdProxyType    proxy_type,
          GError       **error)
{
  g_clear_object (&fixture->result);
  td_api_client_list_users_async (fixture->client, proxy_type, NULL,
                                  users_store_result_cb, fixture);
  users_wait (fixture);

  return td_api_client_list_users_finish (fixture->client, fixture->result, error);
}

static TdProxyUser *
run_find (UsersFixture  *fixture,
          TdProxyType    proxy_type,
          const char    *username,
          GError       **error)
{
  g_clear_object (&fixture->result);
  td_api_client_find_user_async (fixture->client, proxy_type, username, NULL,
                                 users_store_result_cb, fixture);
  users_wait (fixture);

  return td_api_client_find_user_finish (fixture->client, fixture->result, error);
}

static gboolean
run_update (UsersFixture  *fixture,
            TdProxyUser   *current,
            TdProxyUser   *changed,
            GError       **error)
{
  g_clear_object (&fixture->result);
  td_api_client_update_user_async (fixture->client, current, changed, NULL,
                                   users_store_result_cb, fixture);
  users_wait (fixture);

  return td_api_client_update_user_finish (fixture->client, fixture->result, error);
}

static gboolean
run_delete (UsersFixture  *fixture,
            TdProxyType    proxy_type,
            const char    *username,
            GError       **error)
{
  g_clear_object (&fixture->result);
  td_api_client_delete_user_async (fixture->client, proxy_type, username, NULL,
                                   users_store_result_cb, fixture);
  users_wait (fixture);

  return td_api_client_delete_user_finish (fixture->client, fixture->result, error);
}

static TdUsage *
run_usage (UsersFixture  *fixture,
           TdProxyType    proxy_type,
           const char    *username,
           const GDate   *from,
           const GDate   *to,
           GError       **error)
{
  g_clear_object (&fixture->result);
  td_api_client_get_usage_async (fixture->client, proxy_type, username, from, to, NULL,
                                 users_store_result_cb, fixture);
  users_wait (fixture);

  return td_api_client_get_usage_finish (fixture->client, fixture->result, error);
}

static void
assert_stored (TdProxyUser *user,
               const char  *username,
               const char  *password,
               gint64       traffic_limit,
               gboolean     enabled)
{
  g_assert_nonnull (user);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, username);
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, password);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, traffic_limit);
  g_assert_cmpint (td_proxy_user_get_enabled (user), ==, enabled);
}

static TdProxyUser *
list_item (TdUserList *list,
           guint       position)
{
  g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (list->users), position);

  g_assert_nonnull (user);

  /* The store keeps a reference. */
  return user;
}

static void
test_users_list (UsersFixture  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const TdSandboxRequest *request;
  TdProxyUser *user;
  GDate day;

  td_sandbox_set_quota (fixture->sandbox, 5);
  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "listed01", TEST_PASSWORD, 2048, TRUE);
  add_sandbox_user (fixture, TD_PROXY_TYPE_MOBILE, "mobile01", "Mobile11", 0, TRUE);
  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "listed02", "Second22", 0, FALSE);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 2, 2026);
  td_sandbox_add_usage (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "listed01", &day, 1536);

  list = run_list (fixture, TD_PROXY_TYPE_RESIDENTIAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);

  /* The account's quota: every type counts. */
  g_assert_cmpint (list->limit, ==, 5);
  g_assert_cmpint (list->remaining_limit, ==, 2);
  g_assert_cmpint (list->user_count, ==, 3);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), ==, 2);
  user = list_item (list, 0);
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_RESIDENTIAL);
  assert_stored (user, "listed01", TEST_PASSWORD, 2048, TRUE);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, 1.5);
  g_assert_nonnull (td_proxy_user_get_created_time (user));
  g_assert_cmpint (ABS (g_date_time_difference (now, td_proxy_user_get_created_time (user))), <,
                   120 * G_TIME_SPAN_SECOND);
  user = list_item (list, 1);
  assert_stored (user, "listed02", "Second22", 0, FALSE);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, 0);

  /* A GET with the credentials in the query, and the type asked for. */
  request = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/api/proxy-users/user-list");
  g_assert_cmpstr (request->token, ==, TEST_TOKEN);
  g_assert_cmpstr (request->key, ==, TEST_KEY);
  g_assert_cmpstr (json_object_get_string_member (request->fields, "proxy_type"), ==, "1");
}

static void
test_users_list_empty (UsersFixture  *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = run_list (fixture, TD_PROXY_TYPE_UNLIMITED, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), ==, 0);
  g_assert_cmpint (list->limit, ==, TD_SANDBOX_DEFAULT_QUOTA);
  g_assert_cmpint (list->remaining_limit, ==, TD_SANDBOX_DEFAULT_QUOTA);
  g_assert_cmpint (list->user_count, ==, 0);
}

static void
test_users_list_large (UsersFixture  *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = NULL;

  td_sandbox_set_quota (fixture->sandbox, 10000);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("bulk%05u", i);

      add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, name, "Secret1",
                        i % 2 ? 0 : 100 + i, i % 3 != 0);
    }

  list = run_list (fixture, TD_PROXY_TYPE_RESIDENTIAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), ==, 10000);
  g_assert_cmpint (list->user_count, ==, 10000);
  g_assert_cmpint (list->remaining_limit, ==, 0);

  for (guint i = 0; i < 10000; i += 1111)
    {
      g_autofree char *name = g_strdup_printf ("bulk%05u", i);

      assert_stored (list_item (list, i), name, "Secret1", i % 2 ? 0 : 100 + i, i % 3 != 0);
    }
  assert_stored (list_item (list, 9999), "bulk09999", "Secret1", 0, FALSE);
}

static void
test_users_find (UsersFixture  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdProxyUser) found = NULL;
  g_autoptr(TdProxyUser) missing = NULL;
  g_autoptr(TdProxyUser) other_type = NULL;

  add_sandbox_user (fixture, TD_PROXY_TYPE_MOBILE, "first001", "Secret1", 0, TRUE);
  add_sandbox_user (fixture, TD_PROXY_TYPE_MOBILE, "findme01", "Secret2", 700, FALSE);

  found = run_find (fixture, TD_PROXY_TYPE_MOBILE, "findme01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (td_proxy_user_get_proxy_type (found), ==, TD_PROXY_TYPE_MOBILE);
  assert_stored (found, "findme01", "Secret2", 700, FALSE);

  /* Not there: NULL, and no error. */
  missing = run_find (fixture, TD_PROXY_TYPE_MOBILE, "findme0", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  other_type = run_find (fixture, TD_PROXY_TYPE_RESIDENTIAL, "findme01", &error);
  g_assert_no_error (error);
  g_assert_null (other_type);

  /* A failing list is an error, not "does not exist". */
  td_api_client_set_credentials (fixture->client, "wrong-token", NULL);
  g_assert_null (run_find (fixture, TD_PROXY_TYPE_MOBILE, "findme01", &error));
  g_assert_error (error, TD_SERVER_ERROR, 10013);
}

/* THE TRAP: an edit of the password alone must leave the limit and the
 * status as they were, so every new_* field is sent. */
static void
test_users_update_password_only (UsersFixture  *fixture,
                                 gconstpointer  user_data)
{
  static const TdRequestEncoding encodings[] = { TD_REQUEST_ENCODING_JSON,
                                                 TD_REQUEST_ENCODING_FORM };

  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "trapped1", "OldPass1", 2048, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdProxyUser) current = NULL;
      g_autoptr(TdProxyUser) changed = NULL;
      const char *new_password = i == 0 ? "NewPass22" : "NewPass33";
      const TdSandboxRequest *request;
      JsonObject *fields;
      gint64 limit;

      td_api_client_set_encoding (fixture->client, encodings[i]);

      current = run_find (fixture, TD_PROXY_TYPE_RESIDENTIAL, "trapped1", &error);
      g_assert_no_error (error);
      g_assert_nonnull (current);

      changed = td_proxy_user_copy (current);
      td_proxy_user_set_password (changed, new_password);

      g_assert_true (run_update (fixture, current, changed, &error));
      g_assert_no_error (error);

      assert_stored (td_sandbox_lookup_user (fixture->sandbox, 1, "trapped1"),
                     "trapped1", new_password, 2048, FALSE);

      /* Every member, with the current values. */
      request = td_sandbox_get_last_request (fixture->sandbox);
      g_assert_cmpstr (request->method, ==, "POST");
      g_assert_cmpstr (request->path, ==, "/api/proxy-users/update-user");
      g_assert_cmpstr (request->token, ==, TEST_TOKEN);
      fields = request->fields;
      g_assert_cmpuint (json_object_get_size (fields), ==, 6);
      g_assert_cmpstr (json_object_get_string_member (fields, "username"), ==, "trapped1");
      g_assert_cmpstr (json_object_get_string_member (fields, "new_username"), ==, "trapped1");
      g_assert_cmpstr (json_object_get_string_member (fields, "new_password"), ==, new_password);
      g_assert_cmpstr (json_object_get_string_member (fields, "new_status"), ==, "false");
      g_assert_true (td_sandbox_fields_get_int (fields, "new_traffic_limit", &limit));
      g_assert_cmpint (limit, ==, 2048);
      g_assert_true (td_sandbox_fields_get_int (fields, "proxy_type", &limit));
      g_assert_cmpint (limit, ==, 1);

      if (encodings[i] == TD_REQUEST_ENCODING_JSON)
        {
          /* Numbers as numbers, the status as a string. */
          g_assert_cmpint (json_node_get_value_type (json_object_get_member (fields, "proxy_type")),
                           ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_value_type (json_object_get_member (fields,
                                                                             "new_traffic_limit")),
                           ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_value_type (json_object_get_member (fields, "new_status")),
                           ==, G_TYPE_STRING);
        }
    }

  /* No password in the edit: the current one is sent, and kept. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdProxyUser) current = run_find (fixture, TD_PROXY_TYPE_RESIDENTIAL, "trapped1",
                                               &error);
    g_autoptr(TdProxyUser) changed = td_proxy_user_copy (current);

    td_proxy_user_set_password (changed, NULL);
    td_proxy_user_set_traffic_limit (changed, 4096);
    g_assert_true (run_update (fixture, current, changed, &error));
    g_assert_no_error (error);
    assert_stored (td_sandbox_lookup_user (fixture->sandbox, 1, "trapped1"),
                   "trapped1", "NewPass33", 4096, FALSE);
    g_assert_cmpstr (json_object_get_string_member (td_sandbox_get_last_request (fixture->sandbox)->fields,
                                                    "new_password"),
                     ==, "NewPass33");
  }
}

static void
test_users_rename (UsersFixture  *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdProxyUser) current = NULL;
  g_autoptr(TdProxyUser) changed = NULL;
  g_autoptr(TdProxyUser) clash = NULL;

  add_sandbox_user (fixture, TD_PROXY_TYPE_MOBILE, "before01", "Secret1", 300, TRUE);
  add_sandbox_user (fixture, TD_PROXY_TYPE_MOBILE, "taken001", "Secret2", 0, TRUE);

  current = run_find (fixture, TD_PROXY_TYPE_MOBILE, "before01", &error);
  g_assert_no_error (error);
  changed = td_proxy_user_copy (current);
  td_proxy_user_set_username (changed, "after001");

  g_assert_true (run_update (fixture, current, changed, &error));
  g_assert_no_error (error);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "before01"));
  assert_stored (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "after001"),
                 "after001", "Secret1", 300, TRUE);
  g_assert_cmpstr (json_object_get_string_member (td_sandbox_get_last_request (fixture->sandbox)->fields,
                                                  "username"),
                   ==, "before01");

  /* A name in use is refused by the server, and nothing changes. */
  clash = td_proxy_user_copy (changed);
  td_proxy_user_set_username (clash, "taken001");
  td_proxy_user_set_traffic_limit (clash, 0);
  g_assert_false (run_update (fixture, changed, clash, &error));
  g_assert_error (error, TD_SERVER_ERROR, 10018);
  assert_stored (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "after001"),
                 "after001", "Secret1", 300, TRUE);
}

static void
test_users_toggle (UsersFixture  *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdProxyUser) current = NULL;
  g_autoptr(TdProxyUser) off = NULL;
  g_autoptr(TdProxyUser) on = NULL;

  add_sandbox_user (fixture, TD_PROXY_TYPE_UNLIMITED, "toggle01", "Secret1", 5000, TRUE);

  current = run_find (fixture, TD_PROXY_TYPE_UNLIMITED, "toggle01", &error);
  g_assert_no_error (error);

  off = td_proxy_user_copy (current);
  td_proxy_user_set_enabled (off, FALSE);
  g_assert_true (run_update (fixture, current, off, &error));
  g_assert_no_error (error);
  assert_stored (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_UNLIMITED, "toggle01"),
                 "toggle01", "Secret1", 5000, FALSE);
  g_assert_cmpstr (json_object_get_string_member (td_sandbox_get_last_request (fixture->sandbox)->fields,
                                                  "new_status"),
                   ==, "false");

  on = td_proxy_user_copy (off);
  td_proxy_user_set_enabled (on, TRUE);
  g_assert_true (run_update (fixture, off, on, &error));
  g_assert_no_error (error);
  assert_stored (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_UNLIMITED, "toggle01"),
                 "toggle01", "Secret1", 5000, TRUE);
  g_assert_cmpstr (json_object_get_string_member (td_sandbox_get_last_request (fixture->sandbox)->fields,
                                                  "new_status"),
                   ==, "true");
}

static void
test_users_delete (UsersFixture  *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const TdSandboxRequest *request;

  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "delete01", "Secret1", 0, TRUE);
  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "keeper01", "Secret1", 0, TRUE);

  g_assert_true (run_delete (fixture, TD_PROXY_TYPE_RESIDENTIAL, "delete01", &error));
  g_assert_no_error (error);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "delete01"));
  g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "keeper01"));

  request = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/api/proxy-users/delete-user");
  g_assert_cmpstr (request->token, ==, TEST_TOKEN);
  g_assert_cmpuint (json_object_get_size (request->fields), ==, 2);

  /* Refused: the user is not there (any more). */
  g_assert_false (run_delete (fixture, TD_PROXY_TYPE_RESIDENTIAL, "delete01", &error));
  g_assert_error (error, TD_SERVER_ERROR, 10020);
  g_assert_nonnull (strstr (error->message, "10020"));
  g_clear_error (&error);
  g_assert_false (run_delete (fixture, TD_PROXY_TYPE_MOBILE, "keeper01", &error));
  g_assert_error (error, TD_SERVER_ERROR, 10020);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 1);
}

static void
test_users_usage (UsersFixture  *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = NULL;
  const TdSandboxRequest *request;
  GDate from;
  GDate to;
  GDate day;

  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "usage001", "Secret1", 1024, TRUE);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 28, 2, 2026);
  td_sandbox_add_usage (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "usage001", &day, 100);
  g_date_set_dmy (&day, 2, 3, 2026);
  td_sandbox_add_usage (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "usage001", &day, 1536);
  g_date_set_dmy (&day, 1, 1, 2026);
  td_sandbox_add_usage (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "usage001", &day, 64);

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 27, 2, 2026);
  g_date_clear (&to, 1);
  g_date_set_dmy (&to, 3, 3, 2026);

  usage = run_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "usage001", &from, &to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (usage);

  g_assert_cmpfloat (usage->traffic_limit_kb, ==, 1024 * 1024);
  g_assert_cmpfloat (usage->total_usage_kb, ==, 1700);
  g_assert_cmpfloat (usage->traffic_balance_kb, ==, 1024 * 1024 - 1700);
  g_assert_cmpfloat (usage->range_usage_kb, ==, 1636);
  g_assert_cmpint (usage->query_days, ==, 5);

  /* One day each, the ones without traffic at 0. */
  g_assert_cmpuint (usage->days->len, ==, 5);
  g_assert_cmpint (g_date_get_day (&g_array_index (usage->days, TdUsageDay, 0).date), ==, 27);
  g_assert_cmpfloat (g_array_index (usage->days, TdUsageDay, 0).usage_kb, ==, 0);
  g_assert_cmpfloat (g_array_index (usage->days, TdUsageDay, 1).usage_kb, ==, 100);
  g_assert_cmpfloat (g_array_index (usage->days, TdUsageDay, 2).usage_kb, ==, 0);
  g_assert_cmpfloat (g_array_index (usage->days, TdUsageDay, 3).usage_kb, ==, 1536);
  g_assert_cmpint (g_date_get_month (&g_array_index (usage->days, TdUsageDay, 3).date), ==, 3);
  g_assert_cmpfloat (g_array_index (usage->days, TdUsageDay, 4).usage_kb, ==, 0);

  request = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/api/proxy-users/usage-statistics");
  g_assert_cmpstr (request->token, ==, TEST_TOKEN);
  g_assert_cmpstr (json_object_get_string_member (request->fields, "from_date"), ==, "2026-02-27");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "to_date"), ==, "2026-03-03");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "username"), ==, "usage001");
  g_assert_cmpstr (json_object_get_string_member (request->fields, "proxy_type"), ==, "1");

  /* An unknown user is the server's 10020. */
  g_clear_pointer (&usage, td_usage_free);
  usage = run_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "nobody01", &from, &to, &error);
  g_assert_null (usage);
  g_assert_error (error, TD_SERVER_ERROR, 10020);
}

static void
test_users_usage_range (UsersFixture  *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = NULL;
  g_autoptr(GError) expected = td_server_error_new (10021, NULL);
  GDate from;
  GDate to;

  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, "range001", "Secret1", 0, TRUE);

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, 1, 2026);
  to = from;
  g_date_add_days (&to, 180);

  /* 181 days: refused here, nothing sent. */
  usage = run_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "range001", &from, &to, &error);
  g_assert_null (usage);
  g_assert_error (error, TD_SERVER_ERROR, 10021);
  g_assert_cmpstr (error->message, ==, expected->message);
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 0);
  g_clear_error (&error);

  /* 180 days: sent, and answered. */
  g_date_subtract_days (&to, 1);
  usage = run_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "range001", &from, &to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (usage);
  g_assert_cmpuint (usage->days->len, ==, 180);
  g_assert_cmpint (usage->query_days, ==, 180);
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 1);
}

/* The GET calls carry the token in their URL: no debug line may. */
static void
test_users_no_secret_in_log (UsersFixture  *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(TdProxyUser) current = NULL;
  g_autoptr(TdProxyUser) changed = NULL;
  g_autoptr(TdUsage) usage = NULL;
  GDate from;
  GDate to;

  add_sandbox_user (fixture, TD_PROXY_TYPE_RESIDENTIAL, TEST_USERNAME, TEST_PASSWORD, 0, TRUE);
  g_string_truncate (log_text, 0);

  list = run_list (fixture, TD_PROXY_TYPE_RESIDENTIAL, &error);
  g_assert_no_error (error);
  current = run_find (fixture, TD_PROXY_TYPE_RESIDENTIAL, TEST_USERNAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (td_proxy_user_get_password (current), ==, TEST_PASSWORD);

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, 1, 2026);
  to = from;
  g_date_add_days (&to, 6);
  usage = run_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, TEST_USERNAME, &from, &to, &error);
  g_assert_no_error (error);

  changed = td_proxy_user_copy (current);
  td_proxy_user_set_traffic_limit (changed, 500);
  g_assert_true (run_update (fixture, current, changed, &error));
  g_assert_no_error (error);

  /* Failures too. */
  g_assert_false (run_delete (fixture, TD_PROXY_TYPE_MOBILE, TEST_USERNAME, &error));
  g_assert_nonnull (error);
  assert_no_secret (error->message);
  g_clear_error (&error);
  td_api_client_set_credentials (fixture->client, TEST_TOKEN, "wrong-key");
  g_assert_null (run_list (fixture, TD_PROXY_TYPE_RESIDENTIAL, &error));
  g_assert_error (error, TD_SERVER_ERROR, 10014);
  assert_no_secret (error->message);
  g_clear_error (&error);

  g_assert_true (run_delete (fixture, TD_PROXY_TYPE_RESIDENTIAL, TEST_USERNAME, &error) == FALSE);
  g_clear_error (&error);

  /* The lines were captured, and no secret is in them. */
  g_assert_nonnull (strstr (log_text->str, "GET /proxy-users/user-list"));
  g_assert_nonnull (strstr (log_text->str, "GET /proxy-users/usage-statistics"));
  g_assert_nonnull (strstr (log_text->str, "POST /proxy-users/update-user"));
  assert_no_secret (log_text->str);
}

static void
test_client_valid_base_url (void)
{
  static const struct {
    const char *url;
    gboolean    valid;
  } cases[] = {
    { "https://openapi.thordata.com/api", TRUE },
    { "http://127.0.0.1:8080/api/", TRUE },
    { "HTTPS://api.thordata.com", TRUE },
    { "ftp://openapi.thordata.com/api", FALSE },
    { "openapi.thordata.com/api", FALSE },
    { "https:///api", FALSE },
    { "https://openapi.thordata.com/api?x=1", FALSE },
    { "https://openapi.thordata.com/api#top", FALSE },
    { "http://openapi.thordata.com/api", FALSE },
    { "https://openapi.thordata.com@evil.example/api", FALSE },
    { "https://openapi.thordata.com./api", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (td_api_client_is_valid_base_url (cases[i].url), ==, cases[i].valid);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The tests that leave the loopback interface (an unknown host) must not
   * depend on the caller's proxy. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");

  /* Messages logged with g_log() go through the default handler,
   * structured ones through the writer. */
  log_text = g_string_new (NULL);
  default_log_handler = g_log_set_default_handler (capture_log_handler, NULL);
  g_log_set_writer_func (capture_log_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

  g_test_add_func ("/client/properties", test_client_properties);
  g_test_add_func ("/client/notify", test_client_notify);
  g_test_add_func ("/client/build-url", test_client_build_url);
  g_test_add_func ("/client/valid-base-url", test_client_valid_base_url);
  g_test_add_func ("/client/loopback-no-proxy", test_client_loopback_no_proxy);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/client/invalid-url", test_client_invalid_url);
  ADD ("/client/create/json", test_client_create_json);
  ADD ("/client/create/no-key", test_client_create_no_key);
  ADD ("/client/create/form", test_client_create_form);
  ADD ("/client/get", test_client_get);
  ADD ("/client/get/no-fields", test_client_get_no_fields);
  ADD ("/client/no-token", test_client_no_token);
  ADD ("/client/error/server-code", test_client_server_error);
  ADD ("/client/error/unknown-code", test_client_unknown_code);
  ADD ("/client/error/http-500", test_client_http_500);
  ADD ("/client/error/http-404", test_client_http_404);
  ADD ("/client/error/envelope-wins", test_client_envelope_wins);
  ADD ("/client/error/invalid-response", test_client_invalid_response);
  ADD ("/client/error/too-large", test_client_too_large);
  ADD ("/client/error/connection-refused", test_client_connection_refused);
  ADD ("/client/error/host-not-found", test_client_host_not_found);
  ADD ("/client/error/timeout", test_client_timeout);
  ADD ("/client/cancel/in-flight", test_client_cancel);
  ADD ("/client/cancel/before", test_client_cancel_before);
  ADD ("/client/redirect/post", test_client_redirect_post);
  ADD ("/client/redirect/get", test_client_redirect_get);
  ADD ("/client/redirect/elsewhere", test_client_redirect_elsewhere);
  ADD ("/client/refuses-user-info", test_client_refuses_user_info);
  ADD ("/client/tls/untrusted", test_client_tls_untrusted);
  ADD ("/client/tls/not-tls", test_client_tls_not_tls);
  ADD ("/client/no-secrets", test_client_no_secrets);

#undef ADD

#define ADD_USERS(path, func) \
  g_test_add (path, UsersFixture, NULL, users_fixture_set_up, func, users_fixture_tear_down)

  ADD_USERS ("/client/users/list", test_users_list);
  ADD_USERS ("/client/users/list-empty", test_users_list_empty);
  ADD_USERS ("/client/users/list-large", test_users_list_large);
  ADD_USERS ("/client/users/find", test_users_find);
  ADD_USERS ("/client/users/update-password-only", test_users_update_password_only);
  ADD_USERS ("/client/users/rename", test_users_rename);
  ADD_USERS ("/client/users/toggle", test_users_toggle);
  ADD_USERS ("/client/users/delete", test_users_delete);
  ADD_USERS ("/client/users/usage", test_users_usage);
  ADD_USERS ("/client/users/usage-range", test_users_usage_range);
  ADD_USERS ("/client/users/no-secret-in-log", test_users_no_secret_in_log);

#undef ADD_USERS

  return g_test_run ();
}
