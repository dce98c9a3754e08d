/* test-import.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "td-api-client.h"
#include "td-csv.h"
#include "td-error.h"
#include "td-import-creator.h"
#include "td-import.h"
#include "td-import-paced.h"
#include "td-payload.h"
#include "td-sandbox-fields.h"
#include "td-sandbox.h"
#include "td-test-fault-server.h"

#define WAIT_SECONDS 20

/* Main loop helpers */

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static TdImport *
load_text (const char *text,
           GError    **error)
{
  g_autoptr(TdImport) import = td_import_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GAsyncResult) result = NULL;

  td_import_load_async (import, bytes, 0, NULL, store_result_cb, &result);
  wait_for_result (&result);
  if (!td_import_load_finish (import, result, error))
    return NULL;

  return g_steal_pointer (&import);
}

static TdImportRow *
row_at (TdImport *import,
        guint     position)
{
  g_autoptr(TdImportRow) row = g_list_model_get_item (G_LIST_MODEL (import), position);

  g_assert_nonnull (row);
  return row;  /* the model keeps it alive */
}

/* Reading and checking */

static void
test_header_any_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImport) import = NULL;
  TdImportRow *row;
  TdProxyUser *user;

  import = load_text ("\xEF\xBB\xBF" "Proxy Type;Enabled;Traffic Limit (GB);PASSWORD;UserName\r\n"
                      "mobile;no;2;Secret12;alice01\r\n"
                      "1;yes;500 MB;Secret34;bob0002\r\n"
                      ";;;;carol03\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (td_import_get_has_header (import));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (import)), ==, 3);
  g_assert_cmpint (td_import_get_column_field (import, 4), ==, TD_IMPORT_FIELD_USERNAME);
  g_assert_cmpint (td_import_get_column_field (import, 0), ==, TD_IMPORT_FIELD_PROXY_TYPE);
  g_assert_cmpstr (td_import_get_column_title (import, 2), ==, "Traffic Limit (GB)");

  row = row_at (import, 0);
  g_assert_cmpuint (td_import_row_get_line (row), ==, 2);
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_READY);
  user = td_import_row_get_user (row);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "alice01");
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, "Secret12");
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 2048);
  g_assert_false (td_proxy_user_get_enabled (user));
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_MOBILE);

  /* A suffix in the cell wins over the header's unit. */
  user = td_import_row_get_user (row_at (import, 1));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 500);
  g_assert_true (td_proxy_user_get_enabled (user));
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_RESIDENTIAL);

  /* Missing cells: the defaults, and a password as Generate makes it. */
  row = row_at (import, 2);
  user = td_import_row_get_user (row);
  g_assert_nonnull (user);
  g_assert_true (td_import_row_get_password_generated (row));
  g_assert_cmpuint (strlen (td_proxy_user_get_password (user)), ==, TD_IMPORT_PASSWORD_LENGTH);
  g_assert_null (td_validate_password (td_proxy_user_get_password (user)));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 0);
  g_assert_true (td_proxy_user_get_enabled (user));

  td_import_set_defaults (import, TD_PROXY_TYPE_UNLIMITED, 1024, FALSE);
  user = td_import_row_get_user (row_at (import, 2));
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_UNLIMITED);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 1024);
  g_assert_false (td_proxy_user_get_enabled (user));
}

static void
test_same_rules_as_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImport) import = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *short_name = td_validate_username ("abc");
  g_autofree char *bad_password = td_validate_password ("1secret");
  g_autofree char *small_limit = NULL;
  gint64 mb = 0;
  TdImportRow *row;
  const char *message;

  small_limit = td_parse_traffic_limit ("50", TD_TRAFFIC_UNIT_MB, &mb);
  g_assert_nonnull (small_limit);

  import = load_text ("username,password,traffic_limit,status,proxy_type\n"
                      "abc,Secret12,,,\n"
                      "dave0004,1secret,50,maybe,7\n"
                      "erin0005,Secret12,,,\n"
                      "erin0005,Secret99,,,\n"
                      "frank06,,,,\n", &error);
  g_assert_no_error (error);

  row = row_at (import, 0);
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_INVALID);
  g_assert_nonnull (strstr (td_import_row_get_message (row), short_name));

  row = row_at (import, 1);
  message = td_import_row_get_message (row);
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_INVALID);
  g_assert_nonnull (strstr (message, bad_password));
  g_assert_nonnull (strstr (message, small_limit));
  g_assert_nonnull (strstr (message, "Status"));
  g_assert_nonnull (strstr (message, "Proxy type"));
  g_assert_null (td_import_row_get_user (row));

  /* The second of two equal usernames names the first one's line. */
  g_assert_cmpint (td_import_row_get_state (row_at (import, 2)), ==, TD_IMPORT_ROW_READY);
  row = row_at (import, 3);
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_DUPLICATE);
  g_assert_nonnull (strstr (td_import_row_get_message (row), "row 4"));

  summary = td_import_dup_summary (import);
  g_assert_cmpstr (summary, ==, "2 will be created, 0 skipped, 3 invalid");

  /* Existing users are skipped; the quota is compared. */
  td_import_set_existing (import, TD_PROXY_TYPE_RESIDENTIAL, (const char *[]) { "frank06", NULL });
  g_assert_cmpint (td_import_row_get_state (row_at (import, 4)), ==, TD_IMPORT_ROW_EXISTS);
  g_assert_cmpuint (td_import_get_n_skipped (import), ==, 1);
  g_assert_cmpuint (td_import_get_n_ready (import), ==, 1);
  td_import_set_remaining (import, 0);
  g_assert_cmpuint (td_import_get_over_quota (import), ==, 1);
  td_import_set_remaining (import, 5);
  g_assert_cmpuint (td_import_get_over_quota (import), ==, 0);

  /* Existing only for another type: not the same user. */
  td_import_set_existing (import, TD_PROXY_TYPE_RESIDENTIAL, NULL);
  td_import_set_existing (import, TD_PROXY_TYPE_MOBILE, (const char *[]) { "frank06", NULL });
  g_assert_cmpint (td_import_row_get_state (row_at (import, 4)), ==, TD_IMPORT_ROW_READY);

  /* Fixing in place, dropping a row. */
  td_import_set_cell (import, row_at (import, 0), TD_IMPORT_FIELD_USERNAME, "abcdef");
  g_assert_cmpint (td_import_row_get_state (row_at (import, 0)), ==, TD_IMPORT_ROW_READY);
  td_import_set_cell (import, row_at (import, 3), TD_IMPORT_FIELD_USERNAME, "erin0099");
  g_assert_cmpint (td_import_row_get_state (row_at (import, 3)), ==, TD_IMPORT_ROW_READY);
  td_import_remove (import, 1);
  g_clear_pointer (&summary, g_free);
  summary = td_import_dup_summary (import);
  g_assert_cmpstr (summary, ==, "4 will be created, 0 skipped, 0 invalid");
}

static void
test_no_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImport) import = NULL;
  TdProxyUser *user;

  import = load_text ("Secret12\talice01\n", &error);
  g_assert_no_error (error);
  g_assert_false (td_import_get_has_header (import));
  g_assert_cmpuint (td_import_get_n_columns (import), ==, 2);
  g_assert_cmpuint (td_import_row_get_line (row_at (import, 0)), ==, 1);
  /* By position first: "Secret12" is a fine username, "alice01" a password. */
  g_assert_cmpint (td_import_row_get_state (row_at (import, 0)), ==, TD_IMPORT_ROW_READY);

  td_import_set_column_field (import, 1, TD_IMPORT_FIELD_USERNAME);
  td_import_set_column_field (import, 0, TD_IMPORT_FIELD_PASSWORD);
  user = td_import_row_get_user (row_at (import, 0));
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "alice01");
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, "Secret12");
  g_assert_cmpint (td_import_get_column_field (import, 1), ==, TD_IMPORT_FIELD_USERNAME);
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImport) import = td_import_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("user\0name", 9);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  td_import_load_async (import, bytes, 0, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (td_import_load_finish (import, result, &error));
  g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_BINARY);
  g_clear_object (&result);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  td_import_load_async (import, bytes, 0, cancellable, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (td_import_load_finish (import, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* 10,000 rows, half without a password: read and checked well under a
 * second, most of it off the main loop. */
static void
test_ten_thousand_rows (void)
{
  g_autoptr(GString) text = g_string_new ("username,password,traffic_limit,status\n");
  g_autoptr(TdImport) import = td_import_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, finish_start, end;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text, "member%05u,%s,%u GB,enabled\n", i, i % 2 ? "Secret12" : "", 1 + i % 50);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  start = g_get_monotonic_time ();
  td_import_load_async (import, bytes, 0, NULL, store_result_cb, &result);
  wait_for_result (&result);
  finish_start = g_get_monotonic_time ();
  g_assert_true (td_import_load_finish (import, result, &error));
  g_assert_no_error (error);
  end = g_get_monotonic_time ();

  g_test_message ("10,000 rows: %.0f ms in all, %.0f ms of it on the main loop",
                  (end - start) / 1000.0, (end - finish_start) / 1000.0);
  g_assert_cmpuint (td_import_get_n_ready (import), ==, 10000);
  g_assert_cmpint (end - start, <, 2 * G_USEC_PER_SEC);

  /* Checking every row again, as each fixed cell does. */
  start = g_get_monotonic_time ();
  td_import_revalidate (import);
  g_test_message ("10,000 rows checked again: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static void
test_parse_cells (void)
{
  gint64 mb = -1;
  gboolean enabled = FALSE;
  TdProxyType type = 0;
  char *message;

  g_assert_null (td_import_parse_limit (" 2 GB ", TD_TRAFFIC_UNIT_MB, &mb));
  g_assert_cmpint (mb, ==, 2048);
  g_assert_null (td_import_parse_limit ("300mb", TD_TRAFFIC_UNIT_GB, &mb));
  g_assert_cmpint (mb, ==, 300);
  g_assert_null (td_import_parse_limit ("Unlimited", TD_TRAFFIC_UNIT_GB, &mb));
  g_assert_cmpint (mb, ==, 0);
  message = td_import_parse_limit ("1,5 GB", TD_TRAFFIC_UNIT_MB, &mb);
  g_assert_cmpstr (message, ==, "Enter a whole number, like 500.");
  g_free (message);

  g_assert_true (td_import_parse_enabled ("TRUE", &enabled) && enabled);
  g_assert_true (td_import_parse_enabled (" off", &enabled) && !enabled);
  g_assert_false (td_import_parse_enabled ("sometimes", &enabled));

  g_assert_true (td_import_parse_proxy_type ("3", &type) && type == TD_PROXY_TYPE_MOBILE);
  g_assert_true (td_import_parse_proxy_type ("Unlimited", &type) && type == TD_PROXY_TYPE_UNLIMITED);
  g_assert_false (td_import_parse_proxy_type ("4", &type));
}

/* Creating, against a server that does what each username says:
 * "throttle…" answers 10011 the first time; "lost…" is stored but
 * answered with an HTML 500; "boom…" is not stored, HTML 500; "hang…"
 * never answered; "taken…" answers 10018; the others are created.  Each
 * answer comes after delay_ms, so that requests overlap and the most
 * open at once can be measured here, at the server. */

typedef struct
{
  SoupServer *server;
  char       *base_url;
  GHashTable *stored;    /* username → NULL */
  GHashTable *attempts;  /* username → count */
  guint       open;
  guint       max_open;
  guint       n_creates;
  guint       delay_ms;
} Script;

typedef struct
{
  Script            *script;
  SoupServerMessage *msg;
  char              *username;
} Pending;

static void
answer_json (SoupServerMessage *msg,
             const char        *json)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static gboolean
answer_create_cb (gpointer user_data)
{
  Pending *pending = user_data;
  Script *script = pending->script;
  const char *name = pending->username;
  guint attempts = GPOINTER_TO_UINT (g_hash_table_lookup (script->attempts, name));

  if (g_str_has_prefix (name, "throttle") && attempts == 1)
    answer_json (pending->msg, "{\"code\":10011,\"msg\":\"too frequent\"}");
  else if (g_str_has_prefix (name, "taken"))
    answer_json (pending->msg, "{\"code\":10018,\"msg\":\"exists\"}");
  else if (g_str_has_prefix (name, "lost") || g_str_has_prefix (name, "boom"))
    {
      static const char html[] = "<html><body>Internal Server Error</body></html>";

      if (g_str_has_prefix (name, "lost"))
        g_hash_table_add (script->stored, g_strdup (name));
      soup_server_message_set_status (pending->msg, 500, NULL);
      soup_server_message_set_response (pending->msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
    }
  else
    {
      g_hash_table_add (script->stored, g_strdup (name));
      answer_json (pending->msg, "{\"code\":200,\"data\":{},\"msg\":\"ok\"}");
    }

  script->open--;
  soup_server_message_unpause (pending->msg);
  g_object_unref (pending->msg);
  g_free (pending->username);
  g_free (pending);

  return G_SOURCE_REMOVE;
}

static void
script_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Script *script = user_data;

  if (g_str_has_suffix (path, "/proxy-users/user-list"))
    {
      g_autoptr(GString) json = g_string_new ("{\"code\":200,\"msg\":\"ok\",\"data\":{\"list\":[");
      GHashTableIter iter;
      gpointer key;
      gboolean first = TRUE;

      g_hash_table_iter_init (&iter, script->stored);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_string_append_printf (json, "%s{\"username\":\"%s\",\"traffic_limit\":0,\"status\":true}",
                                  first ? "" : ",", (const char *) key);
          first = FALSE;
        }
      g_string_append (json, "]}}");
      answer_json (msg, json->str);
      return;
    }

  if (g_str_has_suffix (path, "/proxy-users/create-user"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      g_autoptr(JsonObject) fields = td_sandbox_fields_decode (bytes, soup_message_headers_get_content_type (headers, NULL), NULL);
      Pending *pending = g_new0 (Pending, 1);
      guint attempts;

      g_assert_nonnull (fields);
      pending->script = script;
      pending->msg = g_object_ref (msg);
      pending->username = g_strdup (json_object_get_string_member (fields, "username"));
      attempts = GPOINTER_TO_UINT (g_hash_table_lookup (script->attempts, pending->username)) + 1;
      g_hash_table_insert (script->attempts, g_strdup (pending->username), GUINT_TO_POINTER (attempts));

      script->n_creates++;
      script->open++;
      script->max_open = MAX (script->max_open, script->open);
      soup_server_message_pause (msg);

      if (g_str_has_prefix (pending->username, "hang"))
        {
          /* Never answered; let go with the server. */
          g_object_set_data_full (G_OBJECT (server), pending->username, pending->msg, g_object_unref);
          g_free (pending->username);
          g_free (pending);
          script->open--;
          return;
        }

      g_timeout_add (script->delay_ms, answer_create_cb, pending);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static Script *
script_new (guint delay_ms)
{
  Script *script = g_new0 (Script, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  script->server = soup_server_new (NULL, NULL);
  script->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  script->attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  script->delay_ms = delay_ms;
  soup_server_add_handler (script->server, NULL, script_handler, script, NULL);
  soup_server_listen_local (script->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (script->server);
  script->base_url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return script;
}

static void
script_free (Script *script)
{
  soup_server_disconnect (script->server);
  g_object_unref (script->server);
  g_hash_table_unref (script->stored);
  g_hash_table_unref (script->attempts);
  g_free (script->base_url);
  g_free (script);
}

static TdApiClient *
client_for (const char *base_url)
{
  TdApiClient *client = td_api_client_new (base_url);

  td_api_client_set_credentials (client, TD_SANDBOX_DEFAULT_TOKEN, NULL);
  return client;
}

static TdImport *
import_usernames (const char * const *names)
{
  g_autoptr(GString) text = g_string_new ("username\n");
  g_autoptr(GError) error = NULL;
  TdImport *import;

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", names[i]);

  import = load_text (text->str, &error);
  g_assert_no_error (error);
  return import;
}

static TdImportRow *
find_row (TdImport   *import,
          const char *username)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (import)); i++)
    {
      TdImportRow *row = row_at (import, i);

      if (g_strcmp0 (td_import_row_get_cell (row, TD_IMPORT_FIELD_USERNAME), username) == 0)
        return row;
    }

  g_assert_not_reached ();
}

static void
run_creator (TdImportCreator *creator,
             GCancellable    *stop)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  td_import_creator_run_async (creator, stop, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (td_import_creator_run_finish (creator, result, &error));
  g_assert_no_error (error);
}

static void
test_create_outcomes (void)
{
  static const char * const names[] = {
    "plain001", "throttle1", "plain002", "lost0001", "boom0001", "taken001",
    "plain003", "hang0001", "plain004", "plain005", "plain006", "plain007", NULL
  };
  Script *script = script_new (30);
  g_autoptr(TdApiClient) client = client_for (script->base_url);
  g_autoptr(TdImport) import = import_usernames (names);
  g_autoptr(GPtrArray) rows = td_import_dup_rows_to_create (import);
  g_autoptr(TdImportCreator) creator = NULL;
  TdImportRow *row;

  td_api_client_set_timeout (client, 1);
  g_assert_cmpuint (rows->len, ==, 12);
  creator = td_import_creator_new (client, rows, TD_IMPORT_DEFAULT_CONCURRENCY);
  run_creator (creator, NULL);

  /* Bounded, and the bound was reached. */
  g_assert_cmpuint (script->max_open, <=, TD_IMPORT_DEFAULT_CONCURRENCY);
  g_assert_cmpuint (script->max_open, >=, 2);
  g_assert_cmpuint (td_import_creator_get_max_in_flight (creator), <=, TD_IMPORT_DEFAULT_CONCURRENCY);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "plain"))
        g_assert_cmpint (td_import_row_get_state (find_row (import, names[i])), ==, TD_IMPORT_ROW_CREATED);
    }

  /* 10011: sent again, created, never a failure. */
  row = find_row (import, "throttle1");
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_CREATED);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (script->attempts, "throttle1")), ==, 2);

  /* Answer lost but done: created, sent once. */
  row = find_row (import, "lost0001");
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_CREATED);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (script->attempts, "lost0001")), ==, 1);

  /* Answer lost and not done: "not created", sent once. */
  row = find_row (import, "boom0001");
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_FAILED);
  g_assert_nonnull (strstr (td_import_row_get_message (row), "Not created"));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (script->attempts, "boom0001")), ==, 1);

  /* Hung: timed out, settled by the list as not created. */
  row = find_row (import, "hang0001");
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_FAILED);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (script->attempts, "hang0001")), ==, 1);

  /* The server's words with the code, on the right row. */
  row = find_row (import, "taken001");
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_EXISTS);
  g_assert_nonnull (strstr (td_import_row_get_message (row), "10018"));

  g_assert_cmpuint (td_import_creator_get_n_done (creator), ==, 12);
  g_assert_cmpuint (td_import_creator_get_n_created (creator), ==, 9);
  g_assert_cmpuint (td_import_creator_get_n_failed (creator), ==, 2);
  g_assert_cmpuint (script->n_creates, ==, 13);

  g_clear_object (&creator);
  script_free (script);
}

static void
count_done_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  GCancellable *stop = user_data;

  if (td_import_creator_get_n_done (TD_IMPORT_CREATOR (object)) >= 3)
    g_cancellable_cancel (stop);
}

static void
test_create_stop_and_rerun (void)
{
  static const char * const names[] = {
    "user0001", "user0002", "user0003", "user0004", "user0005",
    "user0006", "user0007", "user0008", "user0009", "user0010", NULL
  };
  Script *script = script_new (40);
  g_autoptr(TdApiClient) client = client_for (script->base_url);
  g_autoptr(TdImport) import = import_usernames (names);
  g_autoptr(GPtrArray) rows = td_import_dup_rows_to_create (import);
  g_autoptr(TdImportCreator) creator = td_import_creator_new (client, rows, 2);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  guint n_created = 0;
  guint n_ready = 0;

  g_signal_connect (creator, "notify::n-done", G_CALLBACK (count_done_cb), stop);
  run_creator (creator, stop);
  g_assert_true (td_import_creator_get_stopped (creator));
  g_assert_cmpuint (script->max_open, <=, 2);

  /* Every row is in a final state that says whether it was created. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      TdImportRow *row = find_row (import, names[i]);

      if (td_import_row_get_state (row) == TD_IMPORT_ROW_CREATED)
        {
          g_assert_true (g_hash_table_contains (script->stored, names[i]));
          n_created++;
        }
      else
        {
          g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_READY);
          g_assert_false (g_hash_table_contains (script->attempts, names[i]));
          n_ready++;
        }
    }
  g_assert_cmpuint (n_created, >=, 3);
  g_assert_cmpuint (n_created, <=, 4);
  g_assert_cmpuint (n_created + n_ready, ==, 10);
  g_assert_cmpuint (script->n_creates, ==, n_created);

  /* Again: only what is missing is sent. */
  td_import_revalidate (import);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = td_import_dup_rows_to_create (import);
  g_assert_cmpuint (rows->len, ==, n_ready);
  g_clear_object (&creator);
  creator = td_import_creator_new (client, rows, 2);
  run_creator (creator, NULL);
  g_assert_cmpuint (g_hash_table_size (script->stored), ==, 10);
  g_assert_cmpuint (script->n_creates, ==, 10);

  g_clear_object (&creator);
  script_free (script);
}

/* The real sandbox: values sent as read, an existing user refused on its
 * own row, the same file again creating nothing. */
static void
test_create_sandbox (void)
{
  g_autoptr(TdSandbox) sandbox = td_sandbox_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdApiClient) client = NULL;
  g_autoptr(TdImport) import = NULL;
  g_autoptr(TdImport) again = NULL;
  g_autoptr(TdProxyUser) bob = td_proxy_user_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TdImportCreator) creator = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  static const char file[] = "Username;Traffic Limit (GB);Status;proxy_type\r\n"
                             "alice01;2;enabled;residential\r\n"
                             "bob0002;1;disabled;1\r\n"
                             "carol03;;;\r\n"
                             "dave004;3;off;Mobile\r\n";
  TdProxyUser *stored;
  TdImportRow *row;

  g_assert_true (td_sandbox_start (sandbox, &error));
  td_proxy_user_set_username (bob, "bob0002");
  td_proxy_user_set_password (bob, "Other123");
  td_sandbox_add_user (sandbox, bob);
  client = client_for (td_sandbox_get_base_url (sandbox));

  import = load_text (file, &error);
  g_assert_no_error (error);
  rows = td_import_dup_rows_to_create (import);
  creator = td_import_creator_new (client, rows, TD_IMPORT_DEFAULT_CONCURRENCY);
  run_creator (creator, NULL);

  stored = td_sandbox_lookup_user (sandbox, TD_PROXY_TYPE_RESIDENTIAL, "alice01");
  g_assert_nonnull (stored);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (stored), ==, 2048);
  g_assert_true (td_proxy_user_get_enabled (stored));

  row = find_row (import, "carol03");
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_CREATED);
  stored = td_sandbox_lookup_user (sandbox, TD_PROXY_TYPE_RESIDENTIAL, "carol03");
  g_assert_cmpstr (td_proxy_user_get_password (stored), ==,
                   td_import_row_get_cell (row, TD_IMPORT_FIELD_PASSWORD));

  stored = td_sandbox_lookup_user (sandbox, TD_PROXY_TYPE_MOBILE, "dave004");
  g_assert_nonnull (stored);
  g_assert_false (td_proxy_user_get_enabled (stored));

  row = find_row (import, "bob0002");
  g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_EXISTS);
  g_assert_nonnull (strstr (td_import_row_get_message (row), "10018"));
  g_assert_cmpstr (td_proxy_user_get_password (td_sandbox_lookup_user (sandbox, TD_PROXY_TYPE_RESIDENTIAL, "bob0002")),
                   ==, "Other123");

  /* The same file again, told what the account has: nothing to create. */
  td_api_client_list_users_async (client, TD_PROXY_TYPE_RESIDENTIAL, NULL, store_result_cb, &result);
  wait_for_result (&result);
  list = td_api_client_list_users_finish (client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list->users)); i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (list->users), i);

      g_ptr_array_add (names, (gpointer) g_intern_string (td_proxy_user_get_username (user)));
    }
  g_ptr_array_add (names, NULL);

  again = load_text (file, &error);
  g_assert_no_error (error);
  td_import_set_existing (again, TD_PROXY_TYPE_RESIDENTIAL, (const char * const *) names->pdata);
  td_import_set_existing (again, TD_PROXY_TYPE_MOBILE, (const char *[]) { "dave004", NULL });
  g_assert_cmpuint (td_import_get_n_ready (again), ==, 0);
  g_assert_cmpuint (td_import_get_n_skipped (again), ==, 4);
}

/* The sandbox pushed past its rate limit (as --sandbox is): the creator
 * slows down on 10011 and every row ends created, each user once, none
 * counted as a failure. */
static void
test_create_sandbox_rate_limit (void)
{
  static const char * const names[] = {
    "rate0001", "rate0002", "rate0003", "rate0004", "rate0005", "rate0006",
    "rate0007", "rate0008", "rate0009", "rate0010", "rate0011", "rate0012", NULL
  };
  g_autoptr(TdSandbox) sandbox = td_sandbox_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdApiClient) client = NULL;
  g_autoptr(TdImport) import = import_usernames (names);
  g_autoptr(GPtrArray) rows = td_import_dup_rows_to_create (import);
  g_autoptr(TdImportCreator) creator = NULL;

  g_assert_true (td_sandbox_start (sandbox, &error));
  /* Three a second: the first burst of four already meets it. */
  td_sandbox_set_create_rate_limit (sandbox, 3, 1000);
  client = client_for (td_sandbox_get_base_url (sandbox));

  creator = td_import_creator_new (client, rows, TD_IMPORT_DEFAULT_CONCURRENCY);
  run_creator (creator, NULL);

  g_assert_cmpuint (td_import_creator_get_n_created (creator), ==, 12);
  g_assert_cmpuint (td_import_creator_get_n_failed (creator), ==, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_assert_cmpint (td_import_row_get_state (find_row (import, names[i])), ==, TD_IMPORT_ROW_CREATED);
      g_assert_nonnull (td_sandbox_lookup_user (sandbox, TD_PROXY_TYPE_RESIDENTIAL, names[i]));
    }
  g_assert_cmpuint (td_sandbox_get_n_users (sandbox), ==, 12);
  /* Some were told to slow down, and sent again. */
  g_assert_cmpuint (td_sandbox_count_requests (sandbox, "/create-user"), >, 12);
}

/* Every create answered with an HTML 500 by the fault server, which
 * lists no user: every row ends "not created", each sent once. */
static void
test_create_fault_server (void)
{
  static const char * const names[] = { "alice01", "bob0002", "carol03", NULL };
  g_autoptr(TdTestFaultServer) server = td_test_fault_server_new (FALSE);
  g_autoptr(TdApiClient) client = client_for (td_test_fault_server_get_base_url (server));
  g_autoptr(TdImport) import = import_usernames (names);
  g_autoptr(GPtrArray) rows = td_import_dup_rows_to_create (import);
  g_autoptr(TdImportCreator) creator = td_import_creator_new (client, rows, 2);

  td_test_fault_server_set_fault (server, TD_TEST_FAULT_HTML_500);
  run_creator (creator, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      TdImportRow *row = find_row (import, names[i]);

      g_assert_cmpint (td_import_row_get_state (row), ==, TD_IMPORT_ROW_FAILED);
      g_assert_nonnull (strstr (td_import_row_get_message (row), "Not created"));
    }
  g_assert_cmpuint (td_test_fault_server_count_requests (server, "/create-user"), ==, 3);
  g_assert_cmpuint (td_test_fault_server_count_requests (server, "/user-list"), ==, 1);
}

/* The table's model: a prefix of the rows, the many added a few at a
 * time from idles, a few passed on as they are. */
static guint paced_emissions;

static void
paced_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *max_added)
{
  /* Where GTK builds rows, never more than a few at once. */
  if (position < TD_IMPORT_PACED_BUILT_ROWS)
    g_assert_cmpuint (added, <=, TD_IMPORT_PACED_CHUNK);
  *max_added = MAX (*max_added, added);
  paced_emissions++;
}

static void
check_prefix (TdImportPaced *paced,
              GListModel    *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (paced));

  g_assert_cmpuint (n, <=, g_list_model_get_n_items (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (paced), i);
      g_autoptr(GObject) b = g_list_model_get_item (store, i);

      g_assert_true (a == b);
    }
}

static void
test_paced_model (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(TdImportPaced) paced = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint max_added = 0;
  guint iterations = 0;

  paced = td_import_paced_new (G_LIST_MODEL (store));
  g_signal_connect (paced, "items-changed", G_CALLBACK (paced_changed_cb), &max_added);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));

  /* 1,000 at once: a few now, the rest from idles. */
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, TD_IMPORT_PACED_CHUNK);
  g_assert_false (td_import_paced_is_complete (paced));
  check_prefix (paced, G_LIST_MODEL (store));
  while (!td_import_paced_is_complete (paced))
    {
      g_main_context_iteration (NULL, TRUE);
      check_prefix (paced, G_LIST_MODEL (store));
      iterations++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 1000);
  /* A few at a time where GTK builds rows, more past them. */
  g_assert_cmpuint (max_added, <=, 1000 - TD_IMPORT_PACED_BUILT_ROWS);
  /* Not one change per step of 2: ~128 below the built rows, a few past. */
  g_assert_cmpuint (paced_emissions, <=, TD_IMPORT_PACED_BUILT_ROWS / TD_IMPORT_PACED_CHUNK + 10);
  g_assert_cmpuint (iterations, >=, 1);

  /* One removed in the middle, one added: as they are, at once. */
  g_list_store_remove (store, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 999);
  g_list_store_insert (store, 10, items->pdata[0]);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 1000);
  check_prefix (paced, G_LIST_MODEL (store));

  /* Everything replaced while growing: still a prefix, then all. */
  g_list_store_splice (store, 0, 1000, items->pdata, 600);
  g_list_store_splice (store, 0, 0, items->pdata, 300);
  check_prefix (paced, G_LIST_MODEL (store));
  while (!td_import_paced_is_complete (paced))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 900);
  check_prefix (paced, G_LIST_MODEL (store));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/header-any-order", test_header_any_order);
  g_test_add_func ("/import/same-rules-as-form", test_same_rules_as_form);
  g_test_add_func ("/import/no-header", test_no_header);
  g_test_add_func ("/import/load-errors", test_load_errors);
  g_test_add_func ("/import/parse-cells", test_parse_cells);
  g_test_add_func ("/import/ten-thousand-rows", test_ten_thousand_rows);
  g_test_add_func ("/import/paced-model", test_paced_model);
  g_test_add_func ("/import/create-outcomes", test_create_outcomes);
  g_test_add_func ("/import/create-stop-and-rerun", test_create_stop_and_rerun);
  g_test_add_func ("/import/create-sandbox", test_create_sandbox);
  g_test_add_func ("/import/create-sandbox-rate-limit", test_create_sandbox_rate_limit);
  g_test_add_func ("/import/create-fault-server", test_create_fault_server);

  return g_test_run ();
}
