/* td-sandbox-http.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-sandbox.h"
#include "td-sandbox-http.h"

gboolean
td_sandbox_http_secret_equal (const char *given,
                              const char *expected)
{
  gsize given_len;
  gsize expected_len;
  guint8 diff;

  if (given == NULL || expected == NULL)
    return FALSE;

  given_len = strlen (given);
  expected_len = strlen (expected);
  diff = given_len != expected_len;

  for (gsize i = 0; i < expected_len; i++)
    diff |= (guint8) expected[i] ^ (guint8) (i < given_len ? given[i] : 0);

  return diff == 0;
}

gboolean
td_sandbox_http_host_is_local (SoupServerMessage *message)
{
  GSocketAddress *local = soup_server_message_get_local_address (message);
  const char *host;
  g_autofree char *numeric = NULL;
  g_autofree char *named = NULL;
  guint port = 0;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (message), FALSE);

  host = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                       "Host");
  if (host == NULL)
    return FALSE;

  if (G_IS_INET_SOCKET_ADDRESS (local))
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  numeric = g_strdup_printf ("127.0.0.1:%u", port);
  named = g_strdup_printf ("localhost:%u", port);

  return g_str_equal (host, numeric) || g_ascii_strcasecmp (host, named) == 0;
}

void
td_sandbox_http_early_check (SoupServer        *server,
                             SoupServerMessage *message,
                             const char        *path,
                             GHashTable        *query,
                             gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  if (!td_sandbox_http_host_is_local (message))
    soup_server_message_set_status (message, SOUP_STATUS_MISDIRECTED_REQUEST,
                                    "Misdirected Request");
  else if (soup_message_headers_get_content_length (headers) > TD_SANDBOX_MAX_REQUEST_BYTES)
    soup_server_message_set_status (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
}

void
td_sandbox_http_send_envelope (SoupServerMessage *message,
                               int                code,
                               const char        *msg,
                               JsonNode          *data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (message));
  g_return_if_fail (msg != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "data");
  if (data != NULL)
    json_builder_add_value (builder, json_node_ref (data));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "msg");
  json_builder_add_string_value (builder, msg);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, text, length);
}
