/* td-test-account-server.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "td-sandbox-fields.h"
#include "td-test-account-server.h"

typedef struct
{
  char       *path;
  char       *content_type;
  GHashTable *params;  /* name -> value, token included */
} Request;

struct _TdTestAccountServer
{
  SoupServer *server;
  char       *base_url;
  char       *ip_check_url;
  char       *token;
  int         days_left;
  GHashTable *bodies;      /* path suffix -> body */
  GHashTable *whitelists;  /* GINT_TO_POINTER (type) -> GPtrArray of char* */
  GPtrArray  *requests;
  gboolean    form_only;
  guint       fail_status;
};

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request->content_type);
  g_hash_table_unref (request->params);
  g_free (request);
}

static GPtrArray *
get_whitelist (TdTestAccountServer *self,
               int                  type)
{
  GPtrArray *list = g_hash_table_lookup (self->whitelists, GINT_TO_POINTER (type));

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->whitelists, GINT_TO_POINTER (type), list);
    }

  return list;
}

static void
respond (SoupServerMessage *message,
         const char        *body)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
respond_code (SoupServerMessage *message,
              int                code,
              const char        *msg)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":%d,\"data\":null,\"msg\":\"%s\"}", code, msg);

  respond (message, body);
}

static gboolean
read_date (const char *text,
           GDate      *date)
{
  guint y, m, d;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);

  return TRUE;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TdTestAccountServer *self = user_data;
  const char *method = soup_server_message_get_method (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  Request *request;
  const char *token;
  const char *proxy_type_text;
  int proxy_type;
  GHashTableIter iter;
  gpointer key, value;

  request = g_new0 (Request, 1);
  request->path = g_strdup (path);
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  request->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (self->requests, request);

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (request->params, g_strdup (key), g_strdup (value));
    }

  if (g_str_equal (method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (message);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autoptr(JsonObject) payload = NULL;

      payload = td_sandbox_fields_decode (bytes, request->content_type, NULL);
      if (payload != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (payload);

          for (GList *l = members; l != NULL; l = l->next)
            g_hash_table_insert (request->params, g_strdup (l->data),
                                 td_sandbox_fields_dup_string (payload, l->data));
        }

      if (soup_message_headers_get_one (headers, "token") != NULL)
        g_hash_table_insert (request->params, g_strdup ("token"),
                             g_strdup (soup_message_headers_get_one (headers, "token")));
    }

  if (self->fail_status != 0)
    {
      soup_server_message_set_status (message, self->fail_status, NULL);
      self->fail_status = 0;
      return;
    }

  /* Like a server that reads form fields only: nothing is done. */
  if (self->form_only && g_str_equal (method, "POST") &&
      g_strcmp0 (request->content_type, "application/json") == 0)
    {
      respond_code (message, 10000, "Parameter error");
      return;
    }

  if (g_str_equal (path, "/ip"))
    {
      respond (message, "{\"ip\":\"" TD_TEST_PUBLIC_ADDRESS "\",\"country\":\"US\"}");
      return;
    }

  /* Overridden bodies first. */
  g_hash_table_iter_init (&iter, self->bodies);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_has_suffix (path, key))
        {
          respond (message, value);
          return;
        }
    }

  token = g_hash_table_lookup (request->params, "token");
  if (g_strcmp0 (token, self->token) != 0)
    {
      respond_code (message, 10013, "sign error");
      return;
    }

  if (g_str_equal (path, "/api/account/traffic-balance"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) then = g_date_time_add_days (now, self->days_left);
      g_autofree char *date = g_date_time_format (then, "%Y-%m-%d");
      g_autofree char *body = NULL;

      body = g_strdup_printf ("{\"code\":200,\"data\":{\"expiration_time\":\"%s\","
                              "\"traffic_balance\":10000},\"msg\":\"ok\"}", date);
      respond (message, body);
      return;
    }

  if (g_str_equal (path, "/api/account/wallet-balance"))
    {
      respond (message, "{\"code\":200,\"data\":{\"wallet_balance\":800},\"msg\":\"ok\"}");
      return;
    }

  if (g_str_equal (path, "/api/account/usage-statistics"))
    {
      GDate from, to;
      g_autoptr(GString) body = g_string_new (NULL);
      guint n;

      if (!read_date (g_hash_table_lookup (request->params, "from_date"), &from) ||
          !read_date (g_hash_table_lookup (request->params, "to_date"), &to))
        {
          respond_code (message, 10000, "Parameter error");
          return;
        }

      n = g_date_days_between (&from, &to) + 1;
      g_string_append_printf (body, "{\"code\":200,\"data\":{\"total_usage_traffic\":%u,"
                              "\"traffic_balance\":10240000,\"query_days\":%u,"
                              "\"range_usage_traffic\":%u,\"data\":[",
                              n * 2048, n, n * 2048);
      for (guint i = 0; i < n; i++)
        {
          GDate day = from;
          char text[16];

          g_date_add_days (&day, i);
          g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
          g_string_append_printf (body, "%s{\"date\":\"%s\",\"usage_traffic\":2048}",
                                  i > 0 ? "," : "", text);
        }
      g_string_append (body, "]},\"msg\":\"ok\"}");
      respond (message, body->str);
      return;
    }

  proxy_type_text = g_hash_table_lookup (request->params, "proxy_type");
  proxy_type = proxy_type_text != NULL ? atoi (proxy_type_text) : 0;

  if (g_str_equal (path, "/api/proxy-users/create-user"))
    {
      if (proxy_type == 0 || g_hash_table_lookup (request->params, "username") == NULL ||
          !g_str_equal (method, "POST"))
        respond_code (message, 10000, "Parameter error");
      else
        respond (message, "{\"code\":200,\"data\":null,\"msg\":\"ok\"}");
      return;
    }

  if (g_str_equal (path, "/api/whitelisted-ips/ip-list"))
    {
      GPtrArray *list;
      g_autoptr(GString) body = g_string_new (NULL);

      if (proxy_type == 0)
        {
          respond_code (message, 10000, "Parameter error");
          return;
        }

      list = get_whitelist (self, proxy_type);
      g_string_append_printf (body, "{\"code\":200,\"data\":{\"ip_count\":%u,\"limit\":5,"
                              "\"remaining_limit\":%d,\"lists\":[",
                              list->len, 5 - (int) list->len);
      for (guint i = 0; i < list->len; i++)
        g_string_append_printf (body, "%s{\"created_time\":\"2026-11-0%u\",\"ip\":\"%s\","
                                "\"status\":true}",
                                i > 0 ? "," : "", 1 + i % 9, (char *) list->pdata[i]);
      g_string_append (body, "]},\"msg\":\"ok\"}");
      respond (message, body->str);
      return;
    }

  if (g_str_equal (path, "/api/whitelisted-ips/add-ip") ||
      g_str_equal (path, "/api/whitelisted-ips/delete-ip"))
    {
      const char *ip = g_hash_table_lookup (request->params, "ip");
      GPtrArray *list;
      guint index;

      if (proxy_type == 0 || ip == NULL || !g_str_equal (method, "POST"))
        {
          respond_code (message, 10000, "Parameter error");
          return;
        }

      list = get_whitelist (self, proxy_type);
      if (g_str_has_suffix (path, "add-ip"))
        {
          if (list->len >= 5)
            {
              respond_code (message, 10019, "Exceeding the maximum quantity");
              return;
            }
          g_ptr_array_add (list, g_strdup (ip));
        }
      else
        {
          if (!g_ptr_array_find_with_equal_func (list, ip, g_str_equal, &index))
            {
              respond_code (message, 10010, "IP does not exist");
              return;
            }
          g_ptr_array_remove_index (list, index);
        }

      respond (message, "{\"code\":200,\"data\":{},\"msg\":\"ok\"}");
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

TdTestAccountServer *
td_test_account_server_new (void)
{
  TdTestAccountServer *self = g_new0 (TdTestAccountServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint port;

  self->days_left = 30;
  self->token = g_strdup ("");
  self->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->whitelists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->base_url = g_strdup_printf ("http://127.0.0.1:%u/api", port);
  self->ip_check_url = g_strdup_printf ("http://127.0.0.1:%u/ip", port);

  return self;
}

void
td_test_account_server_free (TdTestAccountServer *self)
{
  if (self == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_free (self->base_url);
  g_free (self->ip_check_url);
  g_free (self->token);
  g_hash_table_unref (self->bodies);
  g_hash_table_unref (self->whitelists);
  g_ptr_array_unref (self->requests);
  g_free (self);
}

const char *
td_test_account_server_get_base_url (TdTestAccountServer *self)
{
  return self->base_url;
}

const char *
td_test_account_server_get_ip_check_url (TdTestAccountServer *self)
{
  return self->ip_check_url;
}

void
td_test_account_server_set_token (TdTestAccountServer *self,
                                  const char          *token)
{
  g_free (self->token);
  self->token = g_strdup (token);
}

void
td_test_account_server_set_days_left (TdTestAccountServer *self,
                                      int                  days)
{
  self->days_left = days;
}

void
td_test_account_server_set_body (TdTestAccountServer *self,
                                 const char          *path_suffix,
                                 const char          *body)
{
  if (body == NULL)
    g_hash_table_remove (self->bodies, path_suffix);
  else
    g_hash_table_insert (self->bodies, g_strdup (path_suffix), g_strdup (body));
}

void
td_test_account_server_add_address (TdTestAccountServer *self,
                                    int                  whitelist_type,
                                    const char          *address)
{
  g_ptr_array_add (get_whitelist (self, whitelist_type), g_strdup (address));
}

guint
td_test_account_server_count_addresses (TdTestAccountServer *self,
                                        int                  whitelist_type)
{
  return get_whitelist (self, whitelist_type)->len;
}

guint
td_test_account_server_count_requests (TdTestAccountServer *self,
                                       const char          *path_suffix)
{
  guint n = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      Request *request = self->requests->pdata[i];

      if (g_str_has_suffix (request->path, path_suffix))
        n++;
    }

  return n;
}

static Request *
find_last (TdTestAccountServer *self,
           const char          *path_suffix)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      Request *request = self->requests->pdata[i - 1];

      if (g_str_has_suffix (request->path, path_suffix))
        return request;
    }

  return NULL;
}

const char *
td_test_account_server_get_param (TdTestAccountServer *self,
                                  const char          *path_suffix,
                                  const char          *name)
{
  Request *request = find_last (self, path_suffix);

  return request != NULL ? g_hash_table_lookup (request->params, name) : NULL;
}

const char *
td_test_account_server_get_content_type (TdTestAccountServer *self,
                                         const char          *path_suffix)
{
  Request *request = find_last (self, path_suffix);

  return request != NULL ? request->content_type : NULL;
}

void
td_test_account_server_set_form_only (TdTestAccountServer *self,
                                      gboolean             form_only)
{
  self->form_only = form_only;
}

void
td_test_account_server_fail_next (TdTestAccountServer *self,
                                  guint                status)
{
  self->fail_status = status;
}
