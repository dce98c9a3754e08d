/* test-sandbox.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-error.h"
#include "td-payload.h"
#include "td-sandbox-fields.h"
#include "td-proxy-user.h"
#include "td-sandbox.h"

#define WAIT_SECONDS 20
#define TOKEN        TD_SANDBOX_DEFAULT_TOKEN

/* Debug lines, captured by the log writer installed in main(). */
static GString *debug_log;

typedef struct
{
  TdSandbox   *sandbox;
  SoupSession *session;
} Fixture;

typedef struct
{
  guint       status;
  char       *content_type;
  char       *server;    /* the Server header */
  char       *allow;     /* the Allow header */
  GBytes     *body;
  JsonNode   *root;      /* NULL when the body is not JSON */
  JsonObject *envelope;  /* borrowed from root when it is an object */
} Reply;

static void
reply_free (Reply *reply)
{
  g_free (reply->content_type);
  g_free (reply->server);
  g_free (reply->allow);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/*
 * Main loop helpers
 */

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the default main context until *@flag is set. */
static void
wait_for_flag (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (WAIT_SECONDS, timeout_cb, &timed_out);
  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

/*
 * HTTP helpers
 */

typedef struct
{
  GBytes   *body;
  GError   *error;
  gboolean  done;
} Pending;

static void
send_and_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Pending *pending = user_data;

  pending->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                     &pending->error);
  pending->done = TRUE;
}

static Reply *
request_url (Fixture    *fixture,
             const char *method,
             const char *url,
             const char *content_type,
             const char *body,
             const char *token,
             const char *key)
{
  g_autoptr (SoupMessage) message = NULL;
  SoupMessageHeaders *headers;
  Pending pending = { 0 };
  Reply *reply;
  gsize size;
  const char *data;

  message = soup_message_new (method, url);
  g_assert_nonnull (message);

  headers = soup_message_get_request_headers (message);
  if (token != NULL)
    soup_message_headers_append (headers, "token", token);
  if (key != NULL)
    soup_message_headers_append (headers, "key", key);

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }

  soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT,
                                    NULL, send_and_read_cb, &pending);
  wait_for_flag (&pending.done);
  g_assert_no_error (pending.error);

  reply = g_new0 (Reply, 1);
  reply->status = soup_message_get_status (message);
  reply->content_type =
    g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (message),
                                                     NULL));
  reply->server = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                          "Server"));
  reply->allow = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                         "Allow"));
  reply->body = pending.body;

  data = g_bytes_get_data (reply->body, &size);
  if (size > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, data, size, NULL))
        {
          reply->root = json_node_ref (json_parser_get_root (parser));
          if (JSON_NODE_HOLDS_OBJECT (reply->root))
            reply->envelope = json_node_get_object (reply->root);
        }
    }

  return reply;
}

/* @path is relative to the base URL ("/proxy-users/create-user"). */
static Reply *
request (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *content_type,
         const char *body,
         const char *token,
         const char *key)
{
  g_autofree char *url = NULL;

  url = g_strconcat (td_sandbox_get_base_url (fixture->sandbox), path, NULL);

  return request_url (fixture, method, url, content_type, body, token, key);
}

static Reply *
post_json (Fixture    *fixture,
           const char *path,
           const char *body)
{
  return request (fixture, "POST", path, "application/json", body, TOKEN, NULL);
}

static Reply *
post_form (Fixture    *fixture,
           const char *path,
           const char *body)
{
  return request (fixture, "POST", path, "application/x-www-form-urlencoded", body, TOKEN, NULL);
}

static Reply *
list_users (Fixture     *fixture,
            TdProxyType  proxy_type)
{
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/proxy-users/user-list?proxy_type=%d&token=%s", proxy_type, TOKEN);

  return request (fixture, "GET", path, NULL, NULL, NULL, NULL);
}

/* Checks the envelope's shape and returns its code. */
static gint64
envelope_code (Reply *reply)
{
  JsonNode *node;

  g_assert_nonnull (reply->envelope);
  g_assert_cmpstr (reply->content_type, ==, "application/json");
  g_assert_cmpuint (json_object_get_size (reply->envelope), ==, 3);

  node = json_object_get_member (reply->envelope, "code");
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);

  node = json_object_get_member (reply->envelope, "msg");
  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), !=, "");

  g_assert_true (json_object_has_member (reply->envelope, "data"));

  return json_object_get_int_member (reply->envelope, "code");
}

/* An answer with HTTP 200 and body code @code. */
static void
assert_code (Reply  *reply,
             gint64  code)
{
  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (envelope_code (reply), ==, code);
}

static JsonObject *
envelope_data_object (Reply *reply)
{
  JsonNode *data;

  assert_code (reply, 200);
  data = json_object_get_member (reply->envelope, "data");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (data));

  return json_node_get_object (data);
}

/* POSTs a JSON create-user and returns the envelope code. */
static gint64
create_json (Fixture    *fixture,
             const char *body)
{
  g_autoptr (Reply) reply = post_json (fixture, "/proxy-users/create-user", body);

  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_OK);

  return envelope_code (reply);
}

static gint64
create_user (Fixture     *fixture,
             TdProxyType  proxy_type,
             const char  *username,
             const char  *password)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"proxy_type\":%d,\"username\":\"%s\",\"password\":\"%s\","
                          "\"traffic_limit\":0,\"status\":\"true\"}",
                          proxy_type, username, password);

  return create_json (fixture, body);
}

static TdProxyUser *
make_user (TdProxyType  proxy_type,
           const char  *username,
           const char  *password,
           gint64       traffic_limit,
           gboolean     enabled)
{
  TdProxyUser *user = td_proxy_user_new_full (proxy_type, username,
                                              password, traffic_limit, enabled);

  return user;
}

static void
assert_user (TdProxyUser *user,
             TdProxyType  proxy_type,
             const char  *username,
             const char  *password,
             gint64       traffic_limit,
             gboolean     enabled)
{
  g_assert_nonnull (user);
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, proxy_type);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, username);
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, password);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, traffic_limit);
  g_assert_cmpint (td_proxy_user_get_enabled (user), ==, enabled);
}

/*
 * Fixture
 */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->sandbox = td_sandbox_new ();
  g_assert_null (td_sandbox_get_base_url (fixture->sandbox));
  g_assert_true (td_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (td_sandbox_get_base_url (fixture->sandbox),
                                   "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (td_sandbox_get_base_url (fixture->sandbox), "/api"));

  fixture->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                    "timeout", WAIT_SECONDS,
                                                    NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->session);
  /* Nothing may keep the sandbox alive. */
  g_assert_finalize_object (fixture->sandbox);
}

/*
 * Tests
 */

static void
test_create_json (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (Reply) reply = NULL;
  JsonObject *data;

  reply = post_json (fixture, "/proxy-users/create-user",
                     "{\"proxy_type\":1,\"username\":\"alice01\",\"password\":\"Secret1\","
                     "\"traffic_limit\":500,\"status\":\"true\"}");
  data = envelope_data_object (reply);
  g_assert_cmpuint (json_object_get_size (data), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (reply->envelope, "msg"), ==, "ok");

  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice01"),
               TD_PROXY_TYPE_RESIDENTIAL, "alice01", "Secret1", 500, TRUE);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "alice01"));
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 1);

  /* JSON booleans, numbers as strings, and the "false" string. */
  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":3,\"username\":\"bob0001\",\"password\":\"Passw0rd\","
                                "\"traffic_limit\":\"250\",\"status\":false}"), ==, 200);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "bob0001"),
               TD_PROXY_TYPE_MOBILE, "bob0001", "Passw0rd", 250, FALSE);

  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":\"2\",\"username\":\"carol01\",\"password\":\"abcDEF9\","
                                "\"traffic_limit\":0,\"status\":\"false\"}"), ==, 200);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_UNLIMITED, "carol01"),
               TD_PROXY_TYPE_UNLIMITED, "carol01", "abcDEF9", 0, FALSE);

  /* Status defaults to enabled. */
  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":1,\"username\":\"dave001\",\"password\":\"abcDEF9\","
                                "\"traffic_limit\":100}"), ==, 200);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "dave001"),
               TD_PROXY_TYPE_RESIDENTIAL, "dave001", "abcDEF9", 100, TRUE);

  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 4);
}

static void
test_create_form (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (Reply) reply = NULL;
  g_autoptr (Reply) reply2 = NULL;

  reply = post_form (fixture, "/proxy-users/create-user",
                     "proxy_type=2&username=formUser1&password=Abc12345&traffic_limit=2048&status=false");
  g_assert_cmpuint (json_object_get_size (envelope_data_object (reply)), ==, 0);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_UNLIMITED, "formUser1"),
               TD_PROXY_TYPE_UNLIMITED, "formUser1", "Abc12345", 2048, FALSE);

  reply2 = post_form (fixture, "/proxy-users/create-user",
                      "proxy_type=1&username=formUser2&password=Abc12345&traffic_limit=0&status=true");
  assert_code (reply2, 200);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "formUser2"),
               TD_PROXY_TYPE_RESIDENTIAL, "formUser2", "Abc12345", 0, TRUE);

  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 2);
}

static void
test_create_username_rules (Fixture       *fixture,
                            gconstpointer  user_data)
{
  /* 5 and 16 characters, non-ASCII, punctuation, missing. */
  g_assert_cmpint (create_user (fixture, 1, "abcd5", "Secret1"), ==, 10015);
  g_assert_cmpint (create_user (fixture, 1, "abcdefghij123456", "Secret1"), ==, 10015);
  g_assert_cmpint (create_user (fixture, 1, "abcd\xc3\xa9" "f1", "Secret1"), ==, 10015);
  g_assert_cmpint (create_user (fixture, 1, "abc_def1", "Secret1"), ==, 10015);
  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":1,\"password\":\"Secret1\",\"traffic_limit\":0}"),
                   ==, 10015);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);

  /* The limits themselves are fine. */
  g_assert_cmpint (create_user (fixture, 1, "abcde6", "Secret1"), ==, 200);
  g_assert_cmpint (create_user (fixture, 1, "abcdefghij12345", "Secret1"), ==, 200);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 2);
}

static void
test_create_password_rules (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_assert_cmpint (create_user (fixture, 1, "user0001", "1Secret"), ==, 10016);
  g_assert_cmpint (create_user (fixture, 1, "user0001", "Sec1"), ==, 10016);
  g_assert_cmpint (create_user (fixture, 1, "user0001", "Secret1234567890"), ==, 10016);
  g_assert_cmpint (create_user (fixture, 1, "user0001", "Secret-1"), ==, 10016);
  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":1,\"username\":\"user0001\",\"traffic_limit\":0}"),
                   ==, 10016);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);

  g_assert_cmpint (create_user (fixture, 1, "user0001", "S12345"), ==, 200);
}

static void
test_create_traffic_limit (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const char * const bad[] = { "-1", "1", "50", "99", "1.5", "\"abc\"", "\"-100\"",
                                      "[]", "{}", "99999999999" };
  static const struct { const char *json; gint64 mb; } good[] = {
    { "0", 0 }, { "100", 100 }, { "\"4096\"", 4096 }, { "2147483647", G_MAXINT32 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *body = NULL;

      body = g_strdup_printf ("{\"proxy_type\":1,\"username\":\"limit%03u\",\"password\":\"Secret1\","
                              "\"traffic_limit\":%s}", i, bad[i]);
      g_test_message ("traffic_limit %s", bad[i]);
      g_assert_cmpint (create_json (fixture, body), ==, 10000);
    }
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *username = g_strdup_printf ("good%03u", i);

      body = g_strdup_printf ("{\"proxy_type\":1,\"username\":\"%s\",\"password\":\"Secret1\","
                              "\"traffic_limit\":%s}", username, good[i].json);
      g_assert_cmpint (create_json (fixture, body), ==, 200);
      g_assert_cmpint (td_proxy_user_get_traffic_limit (td_sandbox_lookup_user (fixture->sandbox, 1,
                                                                                username)),
                       ==, good[i].mb);
    }
}

static void
test_create_proxy_type (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char * const bad[] = { "0", "4", "-1", "\"x\"", "null", "1.5" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *body = NULL;

      body = g_strdup_printf ("{\"proxy_type\":%s,\"username\":\"type0001\",\"password\":\"Secret1\","
                              "\"traffic_limit\":0}", bad[i]);
      g_assert_cmpint (create_json (fixture, body), ==, 10000);
    }

  g_assert_cmpint (create_json (fixture,
                                "{\"username\":\"type0001\",\"password\":\"Secret1\",\"traffic_limit\":0}"),
                   ==, 10000);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);

  /* An unreadable status is a parameter error too. */
  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":1,\"username\":\"type0001\",\"password\":\"Secret1\","
                                "\"traffic_limit\":0,\"status\":\"maybe\"}"), ==, 10000);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);

  for (int type = 1; type <= 3; type++)
    {
      g_assert_cmpint (create_user (fixture, type, "type0001", "Secret1"), ==, 200);
      g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, type, "type0001"));
    }
}

static void
test_bad_bodies (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char * const bodies[] = { "", "{", "[1,2]", "null", "\"text\"", "{\"proxy_type\":{}}" };
  g_autoptr (Reply) plain = NULL;
  g_autoptr (Reply) nobody = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (Reply) reply = post_json (fixture, "/proxy-users/create-user", bodies[i]);

      assert_code (reply, 10000);
      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (reply->envelope, "data")));
    }

  plain = request (fixture, "POST", "/proxy-users/create-user", "text/plain",
                   "proxy_type=1&username=plain001&password=Secret1", TOKEN, NULL);
  assert_code (plain, 10000);
  g_assert_cmpstr (json_object_get_string_member (plain->envelope, "msg"), ==, "parameter error");

  nobody = request (fixture, "POST", "/proxy-users/delete-user", NULL, NULL, TOKEN, NULL);
  assert_code (nobody, 10000);

  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);
}

static void
test_token (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char body[] = "{\"proxy_type\":1,\"username\":\"tokenuser\",\"password\":\"Secret1\"}";
  g_autoptr (Reply) missing = NULL;
  g_autoptr (Reply) wrong = NULL;
  g_autoptr (Reply) prefix = NULL;
  g_autoptr (Reply) get_missing = NULL;
  g_autoptr (Reply) get_wrong = NULL;
  g_autoptr (Reply) header_on_get = NULL;
  g_autoptr (Reply) right = NULL;
  g_autofree char *url = NULL;

  missing = request (fixture, "POST", "/proxy-users/create-user", "application/json", body, NULL, NULL);
  assert_code (missing, 10013);
  g_assert_true (strstr (json_object_get_string_member (missing->envelope, "msg"), "token") != NULL);

  wrong = request (fixture, "POST", "/proxy-users/create-user", "application/json", body, "nope", NULL);
  assert_code (wrong, 10013);

  prefix = request (fixture, "POST", "/proxy-users/create-user", "application/json", body,
                    "sandbox-toke", NULL);
  assert_code (prefix, 10013);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);

  /* GET reads the token from the query string, not from headers. */
  get_missing = request (fixture, "GET", "/proxy-users/user-list?proxy_type=1", NULL, NULL, NULL, NULL);
  assert_code (get_missing, 10013);
  get_wrong = request (fixture, "GET", "/proxy-users/user-list?proxy_type=1&token=nope",
                       NULL, NULL, NULL, NULL);
  assert_code (get_wrong, 10013);
  header_on_get = request (fixture, "GET", "/proxy-users/user-list?proxy_type=1",
                           NULL, NULL, TOKEN, NULL);
  assert_code (header_on_get, 10013);

  /* A custom token replaces the default. */
  td_sandbox_set_credentials (fixture->sandbox, "other-token", NULL);
  g_clear_pointer (&wrong, reply_free);
  wrong = request (fixture, "POST", "/proxy-users/create-user", "application/json", body, TOKEN, NULL);
  assert_code (wrong, 10013);
  right = request (fixture, "POST", "/proxy-users/create-user", "application/json", body,
                   "other-token", NULL);
  assert_code (right, 200);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 1);
}

static void
test_key (Fixture       *fixture,
          gconstpointer  user_data)
{
  static const char body[] = "{\"proxy_type\":1,\"username\":\"keyuser1\",\"password\":\"Secret1\"}";
  g_autoptr (Reply) no_key = NULL;
  g_autoptr (Reply) wrong_key = NULL;
  g_autoptr (Reply) wrong_token = NULL;
  g_autoptr (Reply) right = NULL;
  g_autoptr (Reply) get_wrong = NULL;
  g_autoptr (Reply) get_right = NULL;

  /* Without a configured key, a key sent by the client is ignored. */
  right = request (fixture, "POST", "/proxy-users/create-user", "application/json", body, TOKEN, "any");
  assert_code (right, 200);
  g_clear_pointer (&right, reply_free);

  td_sandbox_set_credentials (fixture->sandbox, "tok", "the-key");

  no_key = request (fixture, "POST", "/proxy-users/delete-user", "application/json",
                    "{\"proxy_type\":1,\"username\":\"keyuser1\"}", "tok", NULL);
  assert_code (no_key, 10014);
  wrong_key = request (fixture, "POST", "/proxy-users/delete-user", "application/json",
                       "{\"proxy_type\":1,\"username\":\"keyuser1\"}", "tok", "the-kez");
  assert_code (wrong_key, 10014);
  g_assert_true (strstr (json_object_get_string_member (wrong_key->envelope, "msg"), "key") != NULL);
  /* The token is checked first. */
  wrong_token = request (fixture, "POST", "/proxy-users/delete-user", "application/json",
                         "{\"proxy_type\":1,\"username\":\"keyuser1\"}", "tik", "the-key");
  assert_code (wrong_token, 10013);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 1);

  get_wrong = request (fixture, "GET", "/proxy-users/user-list?proxy_type=1&token=tok&key=bad",
                       NULL, NULL, NULL, NULL);
  assert_code (get_wrong, 10014);
  get_right = request (fixture, "GET", "/proxy-users/user-list?proxy_type=1&token=tok&key=the-key",
                       NULL, NULL, NULL, NULL);
  assert_code (get_right, 200);

  right = request (fixture, "POST", "/proxy-users/delete-user", "application/json",
                   "{\"proxy_type\":1,\"username\":\"keyuser1\"}", "tok", "the-key");
  assert_code (right, 200);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_assert_cmpint (create_user (fixture, 1, "twin0001", "Secret1"), ==, 200);
  g_assert_cmpint (create_user (fixture, 1, "twin0001", "Other22"), ==, 10018);
  /* The first user is untouched. */
  g_assert_cmpstr (td_proxy_user_get_password (td_sandbox_lookup_user (fixture->sandbox, 1,
                                                                        "twin0001")),
                   ==, "Secret1");

  /* The same name in another proxy type is another user. */
  g_assert_cmpint (create_user (fixture, 2, "twin0001", "Other22"), ==, 200);
  g_assert_cmpint (create_user (fixture, 3, "twin0001", "Other33"), ==, 200);
  g_assert_cmpint (create_user (fixture, 3, "twin0001", "Other33"), ==, 10018);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 3);
}

static void
test_quota (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr (Reply) list = NULL;
  JsonObject *data;

  td_sandbox_set_quota (fixture->sandbox, 2);

  g_assert_cmpint (create_user (fixture, 1, "quota001", "Secret1"), ==, 200);
  g_assert_cmpint (create_user (fixture, 3, "quota002", "Secret1"), ==, 200);
  /* The quota counts users of every type. */
  g_assert_cmpint (create_user (fixture, 2, "quota003", "Secret1"), ==, 10019);
  g_assert_cmpint (create_user (fixture, 1, "quota003", "Secret1"), ==, 10019);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 2);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, 2, "quota003"));

  list = list_users (fixture, TD_PROXY_TYPE_UNLIMITED);
  data = envelope_data_object (list);
  g_assert_cmpint (json_object_get_int_member (data, "limit"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (data, "remaining_limit"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (data, "user_count"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "list")), ==, 0);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const char * const members[] = { "created_time", "username", "password", "status",
                                          "traffic_limit", "usage_traffic" };
  g_autoptr (Reply) list = NULL;
  g_autoptr (Reply) bad = NULL;
  g_autoptr (Reply) post = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  JsonObject *data;
  JsonArray *array;
  JsonObject *item;
  int year, month, day, hour, minute, second;

  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":1,\"username\":\"first001\",\"password\":\"Secret1\","
                                "\"traffic_limit\":1024,\"status\":\"false\"}"), ==, 200);
  g_assert_cmpint (create_user (fixture, 2, "other001", "Secret1"), ==, 200);
  g_assert_cmpint (create_user (fixture, 1, "second01", "Secret2"), ==, 200);
  g_assert_cmpint (create_user (fixture, 1, "third001", "Secret3"), ==, 200);

  list = list_users (fixture, TD_PROXY_TYPE_RESIDENTIAL);
  data = envelope_data_object (list);
  g_assert_cmpuint (json_object_get_size (data), ==, 4);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (data, "limit")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (data, "limit"), ==, TD_SANDBOX_DEFAULT_QUOTA);
  g_assert_cmpint (json_object_get_int_member (data, "remaining_limit"), ==,
                   TD_SANDBOX_DEFAULT_QUOTA - 4);
  g_assert_cmpint (json_object_get_int_member (data, "user_count"), ==, 4);

  array = json_object_get_array_member (data, "list");
  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);

  /* Creation order, only this type. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "username"),
                   ==, "first001");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "username"),
                   ==, "second01");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "username"),
                   ==, "third001");

  item = json_array_get_object_element (array, 0);
  g_assert_cmpuint (json_object_get_size (item), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (item, members[i]));

  g_assert_cmpstr (json_object_get_string_member (item, "password"), ==, "Secret1");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "status")), ==, G_TYPE_BOOLEAN);
  g_assert_false (json_object_get_boolean_member (item, "status"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 1), "status"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "traffic_limit")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (item, "traffic_limit"), ==, 1024);
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (item, "usage_traffic")));
  g_assert_cmpfloat (json_object_get_double_member (item, "usage_traffic"), ==, 0.0);

  /* "YYYY-MM-DD HH:MM:SS", local time, about now. */
  {
    const char *created = json_object_get_string_member (item, "created_time");
    g_autoptr (GDateTime) when = NULL;

    g_assert_cmpuint (strlen (created), ==, 19);
    g_assert_cmpint (sscanf (created, "%4d-%2d-%2d %2d:%2d:%2d",
                             &year, &month, &day, &hour, &minute, &second), ==, 6);
    g_assert_cmpint (created[4], ==, '-');
    g_assert_cmpint (created[10], ==, ' ');
    when = g_date_time_new_local (year, month, day, hour, minute, second);
    g_assert_nonnull (when);
    g_assert_cmpint (ABS (g_date_time_difference (now, when)), <, 120 * G_TIME_SPAN_SECOND);
  }

  bad = request (fixture, "GET", "/proxy-users/user-list?proxy_type=7&token=" TOKEN,
                 NULL, NULL, NULL, NULL);
  assert_code (bad, 10000);

  post = post_json (fixture, "/proxy-users/user-list", "{\"proxy_type\":1}");
  g_assert_cmpuint (post->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_cmpint (envelope_code (post), ==, 10000);
  g_assert_cmpstr (post->allow, ==, "GET");
}

static void
test_list_large (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (Reply) list = NULL;
  JsonObject *data;
  JsonArray *array;

  td_sandbox_set_quota (fixture->sandbox, 20000);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%05u", i);
      g_autoptr (TdProxyUser) user = make_user (TD_PROXY_TYPE_RESIDENTIAL, name, "Secret1",
                                                i % 2 ? 0 : 100 + i, i % 3 != 0);

      td_sandbox_add_user (fixture->sandbox, user);
    }
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 10000);

  list = list_users (fixture, TD_PROXY_TYPE_RESIDENTIAL);
  data = envelope_data_object (list);
  g_assert_cmpint (json_object_get_int_member (data, "user_count"), ==, 10000);
  g_assert_cmpint (json_object_get_int_member (data, "remaining_limit"), ==, 10000);
  array = json_object_get_array_member (data, "list");
  g_assert_cmpuint (json_array_get_length (array), ==, 10000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "username"),
                   ==, "user00000");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 9999), "username"),
                   ==, "user09999");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 4242), "traffic_limit"),
                   ==, 4342);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 4243), "status"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 4242), "status"));
}

static void
test_add_user (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (TdProxyUser) user = make_user (TD_PROXY_TYPE_MOBILE, "direct01", "Secret9", 300, FALSE);
  g_autoptr (Reply) list = NULL;
  JsonArray *array;

  td_sandbox_add_user (fixture->sandbox, user);
  /* Stored as a copy: later changes to the caller's object do not leak in. */
  td_proxy_user_set_username (user, "changed1");

  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "direct01"),
               TD_PROXY_TYPE_MOBILE, "direct01", "Secret9", 300, FALSE);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "changed1"));

  list = list_users (fixture, TD_PROXY_TYPE_MOBILE);
  array = json_object_get_array_member (envelope_data_object (list), "list");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "username"),
                   ==, "direct01");

  /* And it counts for duplicates. */
  g_assert_cmpint (create_user (fixture, 3, "direct01", "Secret1"), ==, 10018);
}

/* The example users of --sandbox-users: valid users, varied, listed. */
static void
test_add_example_users (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (TdProxyUser) taken = make_user (TD_PROXY_TYPE_RESIDENTIAL, "example000002", "Secret9",
                                             300, TRUE);
  g_autoptr (Reply) list = NULL;
  JsonArray *array;
  TdProxyUser *user;

  td_sandbox_set_quota (fixture->sandbox, 1000);
  td_sandbox_add_user (fixture->sandbox, taken);
  td_sandbox_add_example_users (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "example", 500);

  /* A name already there is kept as it was, not added twice. */
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 500);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "example000002"),
               TD_PROXY_TYPE_RESIDENTIAL, "example000002", "Secret9", 300, TRUE);

  user = td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "example000499");
  g_assert_nonnull (user);
  g_assert_true (td_proxy_user_is_valid (user));
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_RESIDENTIAL, "example000500"));
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, "example000001"));

  /* Unlimited, limited, disabled: some of each. */
  g_assert_cmpint (td_proxy_user_get_traffic_limit (td_sandbox_lookup_user (fixture->sandbox,
                   TD_PROXY_TYPE_RESIDENTIAL, "example000004")), ==, 0);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (td_sandbox_lookup_user (fixture->sandbox,
                   TD_PROXY_TYPE_RESIDENTIAL, "example000005")), ==, 6 * 1024);
  g_assert_false (td_proxy_user_get_enabled (td_sandbox_lookup_user (fixture->sandbox,
                  TD_PROXY_TYPE_RESIDENTIAL, "example000007")));
  g_assert_true (td_proxy_user_get_enabled (td_sandbox_lookup_user (fixture->sandbox,
                 TD_PROXY_TYPE_RESIDENTIAL, "example000008")));

  list = list_users (fixture, TD_PROXY_TYPE_RESIDENTIAL);
  array = json_object_get_array_member (envelope_data_object (list), "list");
  g_assert_cmpuint (json_array_get_length (array), ==, 500);
  g_assert_cmpint (json_object_get_int_member (envelope_data_object (list), "remaining_limit"), ==, 500);
}

static void
test_update_trap (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (Reply) reply = NULL;
  g_autoptr (Reply) form = NULL;

  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":1,\"username\":\"trap0001\",\"password\":\"Secret1\","
                                "\"traffic_limit\":500,\"status\":\"false\"}"), ==, 200);

  /* Only a new password: the documented server behaviour resets the
   * limit to 0 (unlimited) and the status to enabled. */
  reply = post_json (fixture, "/proxy-users/update-user",
                     "{\"proxy_type\":1,\"username\":\"trap0001\",\"new_password\":\"Newpass1\"}");
  assert_code (reply, 200);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, 1, "trap0001"),
               TD_PROXY_TYPE_RESIDENTIAL, "trap0001", "Newpass1", 0, TRUE);

  /* Every field given: every field kept as given; empty form values
   * count as missing. */
  form = post_form (fixture, "/proxy-users/update-user",
                    "proxy_type=1&username=trap0001&new_username=&new_password="
                    "&new_traffic_limit=700&new_status=false");
  assert_code (form, 200);
  assert_user (td_sandbox_lookup_user (fixture->sandbox, 1, "trap0001"),
               TD_PROXY_TYPE_RESIDENTIAL, "trap0001", "Newpass1", 700, FALSE);
}

static void
test_update_rename (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const struct { const char *body; gint64 code; } failures[] = {
    { "{\"proxy_type\":1,\"username\":\"nobody01\",\"new_password\":\"Secret5\"}", 10020 },
    { "{\"proxy_type\":1,\"new_password\":\"Secret5\"}", 10020 },
    { "{\"proxy_type\":2,\"username\":\"rename01\",\"new_password\":\"Secret5\"}", 10020 },
    { "{\"proxy_type\":9,\"username\":\"rename01\",\"new_password\":\"Secret5\"}", 10000 },
    { "{\"proxy_type\":1,\"username\":\"rename01\",\"new_username\":\"bad\"}", 10015 },
    { "{\"proxy_type\":1,\"username\":\"rename01\",\"new_username\":{}}", 10015 },
    { "{\"proxy_type\":1,\"username\":\"rename01\",\"new_password\":\"9Secret\"}", 10016 },
    { "{\"proxy_type\":1,\"username\":\"rename01\",\"new_traffic_limit\":42}", 10000 },
    { "{\"proxy_type\":1,\"username\":\"rename01\",\"new_status\":\"sometimes\"}", 10000 },
    { "{\"proxy_type\":1,\"username\":\"rename01\",\"new_username\":\"taken001\"}", 10018 },
  };
  g_autoptr (Reply) rename = NULL;
  g_autoptr (Reply) same = NULL;
  g_autoptr (Reply) list = NULL;
  JsonArray *array;

  g_assert_cmpint (create_json (fixture,
                                "{\"proxy_type\":1,\"username\":\"rename01\",\"password\":\"Secret1\","
                                "\"traffic_limit\":300,\"status\":\"false\"}"), ==, 200);
  g_assert_cmpint (create_user (fixture, 1, "taken001", "Secret2"), ==, 200);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr (Reply) reply = post_json (fixture, "/proxy-users/update-user", failures[i].body);

      g_test_message ("update %s", failures[i].body);
      assert_code (reply, failures[i].code);
      /* A refused update changes nothing. */
      assert_user (td_sandbox_lookup_user (fixture->sandbox, 1, "rename01"),
                   TD_PROXY_TYPE_RESIDENTIAL, "rename01", "Secret1", 300, FALSE);
    }

  rename = post_json (fixture, "/proxy-users/update-user",
                      "{\"proxy_type\":1,\"username\":\"rename01\",\"new_username\":\"renamed2\","
                      "\"new_traffic_limit\":300,\"new_status\":false}");
  assert_code (rename, 200);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, 1, "rename01"));
  assert_user (td_sandbox_lookup_user (fixture->sandbox, 1, "renamed2"),
               TD_PROXY_TYPE_RESIDENTIAL, "renamed2", "Secret1", 300, FALSE);
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 2);

  /* Renaming to the current name is no conflict. */
  same = post_json (fixture, "/proxy-users/update-user",
                    "{\"proxy_type\":1,\"username\":\"renamed2\",\"new_username\":\"renamed2\","
                    "\"new_traffic_limit\":\"300\",\"new_status\":\"false\"}");
  assert_code (same, 200);

  /* The renamed user keeps its place in the list. */
  list = list_users (fixture, TD_PROXY_TYPE_RESIDENTIAL);
  array = json_object_get_array_member (envelope_data_object (list), "list");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "username"),
                   ==, "renamed2");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "username"),
                   ==, "taken001");

  /* The old name is free again. */
  g_assert_cmpint (create_user (fixture, 1, "rename01", "Secret1"), ==, 200);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (Reply) deleted = NULL;
  g_autoptr (Reply) again = NULL;
  g_autoptr (Reply) missing = NULL;
  g_autoptr (Reply) other_type = NULL;
  g_autoptr (Reply) list = NULL;
  JsonObject *data;

  g_assert_cmpint (create_user (fixture, 1, "gone0001", "Secret1"), ==, 200);
  g_assert_cmpint (create_user (fixture, 1, "stay0001", "Secret1"), ==, 200);
  g_assert_cmpint (create_user (fixture, 2, "gone0001", "Secret1"), ==, 200);

  other_type = post_form (fixture, "/proxy-users/delete-user", "proxy_type=3&username=gone0001");
  assert_code (other_type, 10020);

  deleted = post_form (fixture, "/proxy-users/delete-user", "proxy_type=1&username=gone0001");
  g_assert_cmpuint (json_object_get_size (envelope_data_object (deleted)), ==, 0);
  g_assert_null (td_sandbox_lookup_user (fixture->sandbox, 1, "gone0001"));
  g_assert_nonnull (td_sandbox_lookup_user (fixture->sandbox, 2, "gone0001"));
  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 2);

  again = post_json (fixture, "/proxy-users/delete-user", "{\"proxy_type\":1,\"username\":\"gone0001\"}");
  assert_code (again, 10020);
  missing = post_json (fixture, "/proxy-users/delete-user", "{\"proxy_type\":1}");
  assert_code (missing, 10020);

  list = list_users (fixture, TD_PROXY_TYPE_RESIDENTIAL);
  data = envelope_data_object (list);
  g_assert_cmpint (json_object_get_int_member (data, "remaining_limit"), ==, TD_SANDBOX_DEFAULT_QUOTA - 2);
  g_assert_cmpint (json_object_get_int_member (data, "user_count"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "list")), ==, 1);

  /* The name can be used again. */
  g_assert_cmpint (create_user (fixture, 1, "gone0001", "Secret1"), ==, 200);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char * const paths[] = { "/proxy-users/nothing", "/proxy-users/create-user/",
                                        "/proxy-users", "/proxy-users/usage-statistics-hour" };
  const char *base = td_sandbox_get_base_url (fixture->sandbox);
  g_autofree char *root = g_strndup (base, strlen (base) - strlen ("/api"));
  g_autofree char *outside = g_strconcat (root, "/index.html", NULL);
  g_autoptr (Reply) reply = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (Reply) not_found = request (fixture, "POST", paths[i], "application/json",
                                             "{}", TOKEN, NULL);

      g_assert_cmpuint (not_found->status, ==, SOUP_STATUS_NOT_FOUND);
      g_assert_null (not_found->root);
      g_assert_cmpstr (not_found->content_type, ==, "text/html");
      g_assert_cmpstr (not_found->server, ==, "Thordesk-Sandbox");
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (not_found->body, NULL),
                                      g_bytes_get_size (not_found->body), "404 Not Found"));
    }

  reply = request_url (fixture, "GET", outside, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_null (reply->root);

  /* Recorded anyway. */
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, G_N_ELEMENTS (paths) + 1);
  g_assert_cmpstr (td_sandbox_get_last_request (fixture->sandbox)->path, ==, "/index.html");
}

static void
test_method_not_allowed (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char * const posts[] = { "/proxy-users/create-user", "/proxy-users/update-user",
                                        "/proxy-users/delete-user" };

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autofree char *path = g_strconcat (posts[i], "?proxy_type=1&token=" TOKEN
                                           "&username=abcdef1&password=Secret1", NULL);
      g_autoptr (Reply) reply = request (fixture, "GET", path, NULL, NULL, NULL, NULL);

      g_assert_cmpuint (reply->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
      g_assert_cmpint (envelope_code (reply), ==, 10000);
      g_assert_cmpstr (reply->allow, ==, "POST");
      g_assert_cmpstr (reply->server, ==, "Thordesk-Sandbox");
    }

  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 0);
}

static void
test_request_log (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char json_body[] =
    "{\"proxy_type\":1,\"username\":\"logged01\",\"password\":\"Secret1\",\"traffic_limit\":200,"
    "\"status\":\"true\"}";
  g_autoptr (Reply) created = NULL;
  g_autoptr (Reply) form = NULL;
  g_autoptr (Reply) list = NULL;
  const TdSandboxRequest *request_log;
  GPtrArray *requests;
  gint64 value;

  g_assert_null (td_sandbox_get_last_request (fixture->sandbox));
  g_assert_cmpuint (td_sandbox_get_requests (fixture->sandbox)->len, ==, 0);

  created = request (fixture, "POST", "/proxy-users/create-user", "application/json", json_body,
                     TOKEN, "client-key");
  assert_code (created, 200);

  request_log = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_nonnull (request_log);
  g_assert_cmpstr (request_log->method, ==, "POST");
  g_assert_cmpstr (request_log->path, ==, "/api/proxy-users/create-user");
  g_assert_cmpstr (request_log->content_type, ==, "application/json");
  g_assert_cmpstr (request_log->token, ==, TOKEN);
  g_assert_cmpstr (request_log->key, ==, "client-key");
  g_assert_cmpmem (g_bytes_get_data (request_log->body, NULL), g_bytes_get_size (request_log->body),
                   json_body, strlen (json_body));
  g_assert_nonnull (request_log->fields);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (request_log->fields, "proxy_type")),
                   ==, G_TYPE_INT64);
  g_assert_cmpstr (json_object_get_string_member (request_log->fields, "username"), ==, "logged01");
  g_assert_cmpstr (json_object_get_string_member (request_log->fields, "password"), ==, "Secret1");

  form = post_form (fixture, "/proxy-users/delete-user", "proxy_type=1&username=logged01");
  assert_code (form, 200);
  request_log = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_cmpstr (request_log->content_type, ==, "application/x-www-form-urlencoded");
  g_assert_null (request_log->key);
  /* Form values come as strings. */
  g_assert_cmpstr (json_object_get_string_member (request_log->fields, "proxy_type"), ==, "1");
  g_assert_true (td_sandbox_fields_get_int (request_log->fields, "proxy_type", &value));
  g_assert_cmpint (value, ==, 1);

  list = request (fixture, "GET", "/proxy-users/user-list?proxy_type=2&token=" TOKEN "&key=k%20y",
                  NULL, NULL, "header-token", NULL);
  assert_code (list, 200);
  request_log = td_sandbox_get_last_request (fixture->sandbox);
  g_assert_cmpstr (request_log->method, ==, "GET");
  g_assert_cmpstr (request_log->path, ==, "/api/proxy-users/user-list");
  g_assert_null (request_log->content_type);
  /* GET credentials come from the query string only. */
  g_assert_cmpstr (request_log->token, ==, TOKEN);
  g_assert_cmpstr (request_log->key, ==, "k y");
  g_assert_nonnull (request_log->body);
  g_assert_cmpuint (g_bytes_get_size (request_log->body), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (request_log->fields, "proxy_type"), ==, "2");
  g_assert_false (json_object_has_member (request_log->fields, "token"));
  g_assert_false (json_object_has_member (request_log->fields, "key"));

  requests = td_sandbox_get_requests (fixture->sandbox);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_true (g_ptr_array_index (requests, 2) == request_log);
  g_assert_cmpstr (((TdSandboxRequest *) g_ptr_array_index (requests, 0))->path,
                   ==, "/api/proxy-users/create-user");
  g_assert_cmpstr (((TdSandboxRequest *) g_ptr_array_index (requests, 1))->path,
                   ==, "/api/proxy-users/delete-user");
}

typedef struct
{
  TdSandbox              *sandbox;
  guint                   count;
  const TdSandboxRequest *last;
  guint                   users_at_emission;
} SignalData;

static void
request_received_cb (TdSandbox        *sandbox,
                     TdSandboxRequest *request_log,
                     SignalData       *data)
{
  g_assert_true (sandbox == data->sandbox);
  g_assert_true (td_sandbox_get_last_request (sandbox) == request_log);

  data->count++;
  data->last = request_log;
  data->users_at_emission = td_sandbox_get_n_users (sandbox);
}

static void
test_signal (Fixture       *fixture,
             gconstpointer  user_data)
{
  SignalData data = { fixture->sandbox, 0, NULL, 0 };
  g_autoptr (Reply) created = NULL;
  g_autoptr (Reply) not_found = NULL;
  g_autoptr (Reply) refused = NULL;
  gulong handler;

  handler = g_signal_connect (fixture->sandbox, "request-received",
                              G_CALLBACK (request_received_cb), &data);

  created = post_json (fixture, "/proxy-users/create-user",
                       "{\"proxy_type\":1,\"username\":\"signal01\",\"password\":\"Secret1\"}");
  assert_code (created, 200);
  g_assert_cmpuint (data.count, ==, 1);
  /* Emitted after the request was handled. */
  g_assert_cmpuint (data.users_at_emission, ==, 1);
  g_assert_cmpstr (data.last->path, ==, "/api/proxy-users/create-user");

  not_found = request (fixture, "GET", "/nowhere", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (not_found->status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (data.count, ==, 2);

  refused = request (fixture, "POST", "/proxy-users/delete-user", "application/json",
                     "{\"proxy_type\":1,\"username\":\"signal01\"}", "bad", NULL);
  assert_code (refused, 10013);
  g_assert_cmpuint (data.count, ==, 3);
  g_assert_cmpstr (data.last->token, ==, "bad");
  g_assert_cmpuint (data.users_at_emission, ==, 1);

  g_signal_handler_disconnect (fixture->sandbox, handler);
}

static void
test_debug_log (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (Reply) created = NULL;
  g_autoptr (Reply) list = NULL;

  td_sandbox_set_credentials (fixture->sandbox, "tok3n-SECRET", "k3y-SECRET");
  g_string_truncate (debug_log, 0);

  created = request (fixture, "POST", "/proxy-users/create-user", "application/json",
                     "{\"proxy_type\":1,\"username\":\"debug001\",\"password\":\"Pa55wordXYZ\"}",
                     "tok3n-SECRET", "k3y-SECRET");
  assert_code (created, 200);
  list = request (fixture, "GET",
                  "/proxy-users/user-list?proxy_type=1&token=tok3n-SECRET&key=k3y-SECRET",
                  NULL, NULL, NULL, NULL);
  assert_code (list, 200);

  g_assert_nonnull (strstr (debug_log->str, "sandbox: POST /api/proxy-users/create-user -> 200"));
  g_assert_nonnull (strstr (debug_log->str, "sandbox: GET /api/proxy-users/user-list -> 200"));
  g_assert_null (strstr (debug_log->str, "SECRET"));
  g_assert_null (strstr (debug_log->str, "Pa55wordXYZ"));
  g_assert_null (strstr (debug_log->str, "proxy_type="));
}

/* usage-statistics */

static Reply *
get_usage (Fixture    *fixture,
           int         proxy_type,
           const char *usernames,
           const char *from_date,
           const char *to_date)
{
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/proxy-users/usage-statistics?proxy_type=%d&username=%s"
                          "&from_date=%s&to_date=%s&token=%s",
                          proxy_type, usernames, from_date, to_date, TOKEN);

  return request (fixture, "GET", path, NULL, NULL, NULL, NULL);
}

static void
add_usage (Fixture     *fixture,
           TdProxyType  proxy_type,
           const char  *username,
           int          year,
           int          month,
           int          day,
           double       usage_kb)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  td_sandbox_add_usage (fixture->sandbox, proxy_type, username, &date, usage_kb);
}

/* The `usage_traffic` of @username in the list of @proxy_type, in MB. */
static double
listed_usage (Fixture     *fixture,
              TdProxyType  proxy_type,
              const char  *username)
{
  g_autoptr (Reply) list = list_users (fixture, proxy_type);
  JsonArray *array = json_object_get_array_member (envelope_data_object (list), "list");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (item, "username"), username) == 0)
        return json_object_get_double_member (item, "usage_traffic");
    }

  g_assert_not_reached ();
}

static gint64
int_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);

  return json_node_get_int (node);
}

static void
test_usage_shape (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char * const members[] = { "traffic_limit", "total_usage_traffic",
                                          "traffic_balance", "query_days",
                                          "range_usage_traffic", "data" };
  g_autoptr (TdProxyUser) metered = make_user (TD_PROXY_TYPE_RESIDENTIAL, "metered1", "Secret1",
                                               100, TRUE);
  g_autoptr (TdProxyUser) open = make_user (TD_PROXY_TYPE_RESIDENTIAL, "unmeter1", "Secret1",
                                            0, TRUE);
  g_autoptr (Reply) reply = NULL;
  g_autoptr (Reply) both = NULL;
  g_autoptr (Reply) quiet = NULL;
  JsonObject *data;
  JsonArray *days;

  td_sandbox_add_user (fixture->sandbox, metered);
  td_sandbox_add_user (fixture->sandbox, open);

  g_assert_cmpfloat (listed_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1"), ==, 0.0);

  add_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1", 2026, 1, 5, 512);
  add_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1", 2026, 1, 2, 1024);
  /* A second record for a day adds up. */
  add_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1", 2026, 1, 5, 512);
  /* Outside the range asked for below. */
  add_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1", 2025, 12, 31, 2048);
  add_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "unmeter1", 2026, 1, 5, 10);

  reply = get_usage (fixture, 1, "metered1", "2026-01-01", "2026-01-07");
  data = envelope_data_object (reply);
  g_assert_cmpuint (json_object_get_size (data), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (data, members[i]));

  /* Every amount in KB. */
  g_assert_cmpint (int_member (data, "traffic_limit"), ==, 100 * 1024);
  g_assert_cmpint (int_member (data, "total_usage_traffic"), ==, 4096);
  g_assert_cmpint (int_member (data, "traffic_balance"), ==, 100 * 1024 - 4096);
  g_assert_cmpint (int_member (data, "query_days"), ==, 7);
  g_assert_cmpint (int_member (data, "range_usage_traffic"), ==, 2048);

  /* Only the days with traffic, in order. */
  days = json_object_get_array_member (data, "data");
  g_assert_cmpuint (json_array_get_length (days), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 0), "date"),
                   ==, "2026-01-02");
  g_assert_cmpint (int_member (json_array_get_object_element (days, 0), "usage_traffic"), ==, 1024);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 1), "date"),
                   ==, "2026-01-05");
  g_assert_cmpint (int_member (json_array_get_object_element (days, 1), "usage_traffic"), ==, 1024);

  /* The list shows the recorded total in MB. */
  g_assert_cmpfloat (listed_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1"), ==, 4.0);
  add_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1", 2026, 1, 6, 512);
  g_assert_cmpfloat (listed_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1"), ==, 4.5);
  add_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1", 2026, 1, 6, 0.5);
  g_assert_cmpfloat (listed_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "metered1"), ==,
                     (4608 + 0.5) / 1024);
  g_assert_cmpfloat (listed_usage (fixture, TD_PROXY_TYPE_RESIDENTIAL, "unmeter1"), ==,
                     10.0 / 1024);

  /* Several users, comma-separated: summed, and unlimited wins. */
  both = get_usage (fixture, 1, "metered1,unmeter1", "2026-01-05", "2026-01-06");
  data = envelope_data_object (both);
  g_assert_cmpint (int_member (data, "traffic_limit"), ==, 0);
  g_assert_cmpint (int_member (data, "query_days"), ==, 2);
  days = json_object_get_array_member (data, "data");
  g_assert_cmpuint (json_array_get_length (days), ==, 2);
  g_assert_cmpint (int_member (json_array_get_object_element (days, 0), "usage_traffic"), ==,
                   1024 + 10);
  /* Fractions of a KB come as doubles. */
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (days, 1),
                                                    "usage_traffic"), ==, 512.5);
  g_assert_cmpfloat (json_object_get_double_member (data, "range_usage_traffic"), ==,
                     1024 + 10 + 512.5);

  /* A user without traffic: an empty list of days, zero totals. */
  quiet = get_usage (fixture, 1, "unmeter1", "2026-02-01", "2026-02-01");
  data = envelope_data_object (quiet);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "data")), ==, 0);
  g_assert_cmpint (int_member (data, "range_usage_traffic"), ==, 0);
  g_assert_cmpint (int_member (data, "query_days"), ==, 1);
  g_assert_cmpint (int_member (data, "traffic_balance"), ==, 0);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const struct { int type; const char *users; const char *from; const char *to; gint64 code; } cases[] = {
    { 1, "nobody01", "2026-01-01", "2026-01-07", 10020 },
    { 1, "usage001,nobody01", "2026-01-01", "2026-01-07", 10020 },
    { 2, "usage001", "2026-01-01", "2026-01-07", 10020 },
    { 9, "usage001", "2026-01-01", "2026-01-07", 10000 },
    { 1, "", "2026-01-01", "2026-01-07", 10000 },
    { 1, "usage001,", "2026-01-01", "2026-01-07", 10000 },
    /* 181 days, inclusive. */
    { 1, "usage001", "2026-01-01", "2026-06-30", 10021 },
    { 1, "usage001", "2025-01-01", "2026-01-01", 10021 },
    { 1, "usage001", "2026-02-30", "2026-03-01", 10000 },
    { 1, "usage001", "2026/01/01", "2026-01-07", 10000 },
    { 1, "usage001", "20260101", "2026-01-07", 10000 },
    { 1, "usage001", "2026-1-1", "2026-01-07", 10000 },
    { 1, "usage001", "2026-01-01 00", "2026-01-07", 10000 },
    { 1, "usage001", "", "2026-01-07", 10000 },
    { 1, "usage001", "2026-01-07", "2026-01-01", 10000 },
    /* 180 days, inclusive. */
    { 1, "usage001", "2026-01-01", "2026-06-29", 200 },
    { 1, " usage001 ", "2026-01-01", "2026-01-01", 200 },
  };
  g_autoptr (TdProxyUser) user = make_user (TD_PROXY_TYPE_RESIDENTIAL, "usage001", "Secret1",
                                            0, TRUE);
  g_autoptr (Reply) missing = NULL;
  g_autoptr (Reply) post = NULL;
  g_autoptr (Reply) bad_token = NULL;

  td_sandbox_add_user (fixture->sandbox, user);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (Reply) reply = get_usage (fixture, cases[i].type, cases[i].users,
                                           cases[i].from, cases[i].to);

      g_test_message ("usage %d %s %s..%s", cases[i].type, cases[i].users,
                      cases[i].from, cases[i].to);
      assert_code (reply, cases[i].code);
    }

  missing = request (fixture, "GET",
                     "/proxy-users/usage-statistics?proxy_type=1&username=usage001"
                     "&to_date=2026-01-07&token=" TOKEN,
                     NULL, NULL, NULL, NULL);
  assert_code (missing, 10000);

  post = post_json (fixture, "/proxy-users/usage-statistics",
                    "{\"proxy_type\":1,\"username\":\"usage001\",\"from_date\":\"2026-01-01\","
                    "\"to_date\":\"2026-01-02\"}");
  g_assert_cmpuint (post->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (post->allow, ==, "GET");

  bad_token = request (fixture, "GET",
                       "/proxy-users/usage-statistics?proxy_type=1&username=usage001"
                       "&from_date=2026-01-01&to_date=2026-01-02&token=wrong",
                       NULL, NULL, NULL, NULL);
  assert_code (bad_token, 10013);
}

static void
test_usage_follows_user (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (TdProxyUser) user = make_user (TD_PROXY_TYPE_MOBILE, "follow01", "Secret1", 500, TRUE);
  g_autoptr (Reply) renamed = NULL;
  g_autoptr (Reply) after_rename = NULL;
  g_autoptr (Reply) deleted = NULL;
  g_autoptr (Reply) after_delete = NULL;
  g_autoptr (Reply) fresh = NULL;

  td_sandbox_add_user (fixture->sandbox, user);
  add_usage (fixture, TD_PROXY_TYPE_MOBILE, "follow01", 2026, 3, 1, 2048);

  renamed = post_json (fixture, "/proxy-users/update-user",
                       "{\"proxy_type\":3,\"username\":\"follow01\",\"new_username\":\"follow02\","
                       "\"new_traffic_limit\":500,\"new_status\":\"true\"}");
  assert_code (renamed, 200);
  g_assert_cmpfloat (listed_usage (fixture, TD_PROXY_TYPE_MOBILE, "follow02"), ==, 2.0);
  after_rename = get_usage (fixture, 3, "follow02", "2026-03-01", "2026-03-01");
  g_assert_cmpint (int_member (envelope_data_object (after_rename), "range_usage_traffic"), ==, 2048);

  deleted = post_json (fixture, "/proxy-users/delete-user",
                       "{\"proxy_type\":3,\"username\":\"follow02\"}");
  assert_code (deleted, 200);
  after_delete = get_usage (fixture, 3, "follow02", "2026-03-01", "2026-03-01");
  assert_code (after_delete, 10020);

  /* A user created again under the name starts from nothing. */
  g_assert_cmpint (create_user (fixture, 3, "follow02", "Secret1"), ==, 200);
  fresh = get_usage (fixture, 3, "follow02", "2026-03-01", "2026-03-01");
  g_assert_cmpint (int_member (envelope_data_object (fresh), "total_usage_traffic"), ==, 0);
  g_assert_cmpfloat (listed_usage (fixture, TD_PROXY_TYPE_MOBILE, "follow02"), ==, 0.0);
}

/* 10,000 users with usage, listed in one answer. */
static void
test_list_large_usage (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (Reply) list = NULL;
  JsonArray *array;

  td_sandbox_set_quota (fixture->sandbox, 10000);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("heavy%05u", i);
      g_autoptr (TdProxyUser) user = make_user (TD_PROXY_TYPE_UNLIMITED, name, "Secret1", 0, TRUE);

      td_sandbox_add_user (fixture->sandbox, user);
      add_usage (fixture, TD_PROXY_TYPE_UNLIMITED, name, 2026, 1, 1 + i % 28, i * 1024.0);
    }

  list = list_users (fixture, TD_PROXY_TYPE_UNLIMITED);
  array = json_object_get_array_member (envelope_data_object (list), "list");
  g_assert_cmpuint (json_array_get_length (array), ==, 10000);
  g_assert_cmpint (json_object_get_int_member (envelope_data_object (list), "remaining_limit"), ==, 0);
  for (guint i = 0; i < 10000; i += 997)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      g_autofree char *name = g_strdup_printf ("heavy%05u", i);

      g_assert_cmpstr (json_object_get_string_member (item, "username"), ==, name);
      g_assert_cmpfloat (json_object_get_double_member (item, "usage_traffic"), ==, i);
    }
}

/* create-user through the real client, in both encodings. */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} CreateData;

static void
client_create_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CreateData *data = user_data;

  data->ok = td_api_client_create_user_finish (TD_API_CLIENT (source), result, &data->error);
  data->done = TRUE;
}

static void
test_api_client (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const struct { TdRequestEncoding encoding; const char *content_type; const char *name; } cases[] = {
    { TD_REQUEST_ENCODING_JSON, "application/json", "client01" },
    { TD_REQUEST_ENCODING_FORM, "application/x-www-form-urlencoded", "client02" },
  };
  g_autoptr (TdApiClient) client = td_api_client_new (td_sandbox_get_base_url (fixture->sandbox));

  td_sandbox_set_credentials (fixture->sandbox, "client-token", "client-key");
  td_api_client_set_credentials (client, "client-token", "client-key");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TdProxyUser) user = make_user (TD_PROXY_TYPE_MOBILE, cases[i].name, "Secret7",
                                                1000 + i, i == 0);
      CreateData data = { 0 };
      const TdSandboxRequest *request_log;

      td_api_client_set_encoding (client, cases[i].encoding);
      td_api_client_create_user_async (client, user, NULL, client_create_cb, &data);
      wait_for_flag (&data.done);
      g_assert_no_error (data.error);
      g_assert_true (data.ok);

      assert_user (td_sandbox_lookup_user (fixture->sandbox, TD_PROXY_TYPE_MOBILE, cases[i].name),
                   TD_PROXY_TYPE_MOBILE, cases[i].name, "Secret7", 1000 + i, i == 0);

      request_log = td_sandbox_get_last_request (fixture->sandbox);
      g_assert_cmpstr (request_log->method, ==, "POST");
      g_assert_cmpstr (request_log->path, ==, "/api/proxy-users/create-user");
      g_assert_cmpstr (request_log->content_type, ==, cases[i].content_type);
      g_assert_cmpstr (request_log->token, ==, "client-token");
      g_assert_cmpstr (request_log->key, ==, "client-key");
    }

  /* A server error comes back as a GError with the server's code. */
  {
    g_autoptr (TdProxyUser) again = make_user (TD_PROXY_TYPE_MOBILE, "client01", "Secret7", 0, TRUE);
    CreateData data = { 0 };

    td_api_client_create_user_async (client, again, NULL, client_create_cb, &data);
    wait_for_flag (&data.done);
    g_assert_false (data.ok);
    g_assert_error (data.error, TD_SERVER_ERROR, 10018);
    g_clear_error (&data.error);
  }

  g_assert_cmpuint (td_sandbox_get_n_users (fixture->sandbox), ==, 2);
}

/*
 * Main
 */

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_DEBUG) == 0)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  /* Debug lines are kept for test_debug_log, not printed (TAP). */
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        {
          if (fields[i].length < 0)
            g_string_append (debug_log, fields[i].value);
          else
            g_string_append_len (debug_log, fields[i].value, fields[i].length);
          g_string_append_c (debug_log, '\n');
        }
    }

  return G_LOG_WRITER_HANDLED;
}

int
main (int   argc,
      char *argv[])
{
  debug_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD_TEST ("/sandbox/create/json", test_create_json);
  ADD_TEST ("/sandbox/create/form", test_create_form);
  ADD_TEST ("/sandbox/create/username-rules", test_create_username_rules);
  ADD_TEST ("/sandbox/create/password-rules", test_create_password_rules);
  ADD_TEST ("/sandbox/create/traffic-limit", test_create_traffic_limit);
  ADD_TEST ("/sandbox/create/proxy-type", test_create_proxy_type);
  ADD_TEST ("/sandbox/create/bad-bodies", test_bad_bodies);
  ADD_TEST ("/sandbox/create/duplicate", test_duplicate);
  ADD_TEST ("/sandbox/create/quota", test_quota);
  ADD_TEST ("/sandbox/auth/token", test_token);
  ADD_TEST ("/sandbox/auth/key", test_key);
  ADD_TEST ("/sandbox/list/shape", test_list);
  ADD_TEST ("/sandbox/list/large", test_list_large);
  ADD_TEST ("/sandbox/add-user", test_add_user);
  ADD_TEST ("/sandbox/add-example-users", test_add_example_users);
  ADD_TEST ("/sandbox/update/trap", test_update_trap);
  ADD_TEST ("/sandbox/update/rename", test_update_rename);
  ADD_TEST ("/sandbox/delete", test_delete);
  ADD_TEST ("/sandbox/http/not-found", test_not_found);
  ADD_TEST ("/sandbox/http/method-not-allowed", test_method_not_allowed);
  ADD_TEST ("/sandbox/requests/log", test_request_log);
  ADD_TEST ("/sandbox/requests/signal", test_signal);
  ADD_TEST ("/sandbox/requests/debug-log", test_debug_log);
  ADD_TEST ("/sandbox/api-client/create", test_api_client);
  ADD_TEST ("/sandbox/usage/shape", test_usage_shape);
  ADD_TEST ("/sandbox/usage/errors", test_usage_errors);
  ADD_TEST ("/sandbox/usage/follows-user", test_usage_follows_user);
  ADD_TEST ("/sandbox/list/large-usage", test_list_large_usage);

#undef ADD_TEST

  return g_test_run ();
}
