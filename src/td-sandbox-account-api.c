/* td-sandbox-account-api.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The account and whitelist endpoints of the sandbox (--sandbox).  As in
 * td-sandbox.c, `msg` is the server's fixed English text, never shown to
 * the user as is. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "td-sandbox-fields.h"
#include "td-sandbox-http.h"
#include "td-sandbox.h"
#include "td-sandbox-account-api.h"
#include "td-whitelist.h"

#define TRAFFIC_MB        51200
#define EXPIRATION_DAYS   45
#define WALLET_BALANCE    125.5
#define MAX_RANGE_DAYS    180

typedef struct
{
  char *const *token;
  char *const *key;
  /* whitelist type (1, 2, 9) -> GPtrArray of "ip\tcreated" strings */
  GHashTable  *whitelists;
} AccountApi;

static void
account_api_free (gpointer data)
{
  AccountApi *api = data;

  g_hash_table_unref (api->whitelists);
  g_free (api);
}

static void
send_envelope (SoupServerMessage *message,
               int                code,
               JsonNode          *data)
{
  const char *msg;

  switch (code)
    {
    case 200: msg = "ok"; break;
    case 10010: msg = "IP does not exist"; break;
    case 10013: msg = "token invalid"; break;
    case 10014: msg = "key invalid"; break;
    case 10019: msg = "Exceeding the maximum quantity"; break;
    case 10021: msg = "The query date cannot exceed 180 days"; break;
    default: msg = "parameter error"; break;
    }

  td_sandbox_http_send_envelope (message, code, msg, data);
}

static JsonNode *
parse_json (const char *text)
{
  return json_from_string (text, NULL);
}

static GDate
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return date;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

static gboolean
read_date (JsonObject *fields,
           const char *member,
           GDate      *out)
{
  g_autofree char *text = td_sandbox_fields_dup_string (fields, member);
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static int
handle_usage (JsonObject  *fields,
              JsonNode   **out_data)
{
  g_autoptr(GString) json = g_string_new ("{\"data\":[");
  GDate from, to;
  double total = 0;
  guint n;

  if (!read_date (fields, "from_date", &from) || !read_date (fields, "to_date", &to) ||
      g_date_compare (&from, &to) > 0)
    return 10000;

  n = g_date_days_between (&from, &to) + 1;
  if (n > MAX_RANGE_DAYS)
    return 10021;

  for (guint i = 0; i < n; i++)
    {
      GDate day = from;
      g_autofree char *text = NULL;
      double kb;

      g_date_add_days (&day, i);
      text = format_date (&day);
      /* Between 0.5 and 3 GB a day, the same for the same date. */
      kb = 524288 + (g_date_get_julian (&day) * 2654435761u % 2621440);
      total += kb;
      g_string_append_printf (json, "%s{\"date\":\"%s\",\"usage_traffic\":%.0f}",
                              i > 0 ? "," : "", text, kb);
    }

  g_string_append_printf (json, "],\"total_usage_traffic\":%.0f,\"traffic_balance\":%d,"
                          "\"query_days\":%u,\"range_usage_traffic\":%.0f}",
                          total, TRAFFIC_MB * 1024, n, total);
  *out_data = parse_json (json->str);

  return 200;
}

static GPtrArray *
get_whitelist (AccountApi *api,
               JsonObject *fields)
{
  gint64 type = 0;
  GPtrArray *list;

  if (!td_sandbox_fields_get_int (fields, "proxy_type", &type) ||
      !td_whitelist_type_to_proxy_type ((int) type, NULL))
    return NULL;

  list = g_hash_table_lookup (api->whitelists, GINT_TO_POINTER ((int) type));
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (api->whitelists, GINT_TO_POINTER ((int) type), list);
    }

  return list;
}

static int
find_address (GPtrArray  *list,
              const char *address)
{
  gsize length = strlen (address);

  for (guint i = 0; i < list->len; i++)
    {
      const char *entry = list->pdata[i];

      if (strncmp (entry, address, length) == 0 && entry[length] == '\t')
        return (int) i;
    }

  return -1;
}

static int
handle_whitelist (AccountApi  *api,
                  const char  *path,
                  JsonObject  *fields,
                  JsonNode   **out_data)
{
  GPtrArray *list = get_whitelist (api, fields);
  g_autofree char *ip = NULL;
  g_autofree char *address = NULL;

  if (list == NULL)
    return 10000;

  if (g_str_equal (path, "/api/whitelisted-ips/ip-list"))
    {
      g_autoptr(GString) json = g_string_new (NULL);

      g_string_append_printf (json, "{\"ip_count\":%u,\"limit\":%d,\"remaining_limit\":%d,"
                              "\"lists\":[", list->len, TD_SANDBOX_WHITELIST_QUOTA,
                              TD_SANDBOX_WHITELIST_QUOTA - (int) list->len);
      for (guint i = 0; i < list->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (list->pdata[i], "\t", 2);

          g_string_append_printf (json, "%s{\"created_time\":\"%s\",\"ip\":\"%s\","
                                  "\"status\":true}", i > 0 ? "," : "", parts[1], parts[0]);
        }
      g_string_append (json, "]}");
      *out_data = parse_json (json->str);
      return 200;
    }

  ip = td_sandbox_fields_dup_string (fields, "ip");
  if (ip == NULL)
    return 10000;

  if (g_str_equal (path, "/api/whitelisted-ips/delete-ip"))
    {
      int index = find_address (list, ip);

      if (index < 0)
        return 10010;
      g_ptr_array_remove_index (list, index);
      *out_data = parse_json ("{}");
      return 200;
    }

  /* add-ip */
  if (td_whitelist_check_address (ip, &address, NULL) != TD_ADDRESS_CHECK_VALID)
    return 10000;
  if (find_address (list, address) < 0)
    {
      GDate date = today ();
      g_autofree char *created = format_date (&date);

      if (list->len >= TD_SANDBOX_WHITELIST_QUOTA)
        return 10019;
      g_ptr_array_add (list, g_strdup_printf ("%s\t%s", address, created));
    }
  *out_data = parse_json ("{}");

  return 200;
}

static void
account_api_callback (SoupServer        *server,
                      SoupServerMessage *message,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  AccountApi *api = user_data;
  const char *method = soup_server_message_get_method (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonNode) data = NULL;
  const char *token = NULL;
  const char *key = NULL;
  gboolean is_post = g_str_equal (method, SOUP_METHOD_POST);
  gboolean wants_post;
  int code;

  wants_post = g_str_equal (path, "/api/whitelisted-ips/add-ip") ||
               g_str_equal (path, "/api/whitelisted-ips/delete-ip");

  if (!g_str_equal (path, "/api/account/traffic-balance") &&
      !g_str_equal (path, "/api/account/wallet-balance") &&
      !g_str_equal (path, "/api/account/usage-statistics") &&
      !g_str_equal (path, "/api/whitelisted-ips/ip-list") && !wants_post)
    {
      static const char body[] = "<html><head><title>404 Not Found</title></head>"
                                 "<body><h1>404 Not Found</h1></body></html>\r\n";

      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      return;
    }

  if (is_post != wants_post)
    {
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "Allow", wants_post ? "POST" : "GET");
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (is_post)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (message);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      fields = td_sandbox_fields_decode (bytes, soup_message_headers_get_content_type (headers, NULL),
                                  NULL);
      token = soup_message_headers_get_one (headers, "token");
      key = soup_message_headers_get_one (headers, "key");
    }
  else
    {
      GHashTableIter iter;
      gpointer name, value;

      fields = json_object_new ();
      if (query != NULL)
        {
          g_hash_table_iter_init (&iter, query);
          while (g_hash_table_iter_next (&iter, &name, &value))
            json_object_set_string_member (fields, name, value);
          token = g_hash_table_lookup (query, "token");
          key = g_hash_table_lookup (query, "key");
        }
    }

  if (!td_sandbox_http_secret_equal (token, *api->token))
    code = 10013;
  else if (*api->key != NULL && !td_sandbox_http_secret_equal (key, *api->key))
    code = 10014;
  else if (fields == NULL)
    code = 10000;
  else if (g_str_equal (path, "/api/account/traffic-balance"))
    {
      GDate date = today ();
      g_autofree char *expiration = NULL;
      g_autofree char *json = NULL;

      g_date_add_days (&date, EXPIRATION_DAYS);
      expiration = format_date (&date);
      json = g_strdup_printf ("{\"expiration_time\":\"%s\",\"traffic_balance\":%d}",
                              expiration, TRAFFIC_MB);
      data = parse_json (json);
      code = 200;
    }
  else if (g_str_equal (path, "/api/account/wallet-balance"))
    {
      data = parse_json ("{\"wallet_balance\":" G_STRINGIFY (WALLET_BALANCE) "}");
      code = 200;
    }
  else if (g_str_equal (path, "/api/account/usage-statistics"))
    code = handle_usage (fields, &data);
  else
    code = handle_whitelist (api, path, fields, &data);

  send_envelope (message, code, code == 200 ? data : NULL);
  g_debug ("sandbox: %s %s -> %d", method, path, code);
}

void
td_sandbox_account_api_attach (SoupServer  *server,
                               char *const *token,
                               char *const *key)
{
  AccountApi *api;

  g_return_if_fail (SOUP_IS_SERVER (server));
  g_return_if_fail (token != NULL && key != NULL);

  api = g_new0 (AccountApi, 1);
  api->token = token;
  api->key = key;
  api->whitelists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  soup_server_add_early_handler (server, "/api/account", td_sandbox_http_early_check, NULL, NULL);
  soup_server_add_early_handler (server, "/api/whitelisted-ips", td_sandbox_http_early_check,
                                 NULL, NULL);
  /* One AccountApi for both paths, freed with the server's second handler. */
  soup_server_add_handler (server, "/api/account", account_api_callback, api, NULL);
  soup_server_add_handler (server, "/api/whitelisted-ips", account_api_callback, api,
                           account_api_free);
}
