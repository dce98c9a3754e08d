/* td-payload.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "td-json.h"
#include "td-payload.h"

#define CONTENT_TYPE_JSON "application/json"
#define CONTENT_TYPE_FORM "application/x-www-form-urlencoded"

/* The text form of a scalar node, as used in a form body: numbers in
 * decimal, booleans as "true"/"false", strings as they are, null as "".
 * Arrays and objects (never part of a flat payload) become JSON text. */
char *
td_payload_node_to_text (JsonNode *node)
{
  g_assert (node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      return g_strdup ("");

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return g_strdup (json_node_get_string (node));
        else if (type == G_TYPE_INT64)
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_BOOLEAN)
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_DOUBLE)
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
          }
        else
          return g_strdup ("");
      }

    case JSON_NODE_ARRAY:
    case JSON_NODE_OBJECT:
    default:
      return json_to_string (node, FALSE);
    }
}

static void
append_form_escaped (GString    *out,
                     const char *text)
{
  g_autofree char *escaped = NULL;

  g_assert (out != NULL);
  g_assert (text != NULL);

  /* Only the unreserved characters stay as they are; a space becomes
   * %20, never '+'. */
  escaped = g_uri_escape_string (text, NULL, FALSE);
  g_string_append (out, escaped);
}

static GBytes *
encode_form (JsonObject *payload)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (payload);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *value = td_payload_node_to_text (json_object_get_member (payload, name));

      if (out->len > 0)
        g_string_append_c (out, '&');
      append_form_escaped (out, name);
      g_string_append_c (out, '=');
      append_form_escaped (out, value);
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
encode_json (JsonObject *payload)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  char *data;
  gsize length = 0;

  json_node_set_object (root, payload);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

GBytes *
td_payload_encode (JsonObject         *payload,
                   TdRequestEncoding   encoding,
                   const char        **content_type)
{
  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (encoding == TD_REQUEST_ENCODING_JSON ||
                        encoding == TD_REQUEST_ENCODING_FORM, NULL);

  if (encoding == TD_REQUEST_ENCODING_FORM)
    {
      if (content_type != NULL)
        *content_type = CONTENT_TYPE_FORM;
      return encode_form (payload);
    }

  if (content_type != NULL)
    *content_type = CONTENT_TYPE_JSON;
  return encode_json (payload);
}

JsonObject *
td_payload_new_create (TdProxyUser *user)
{
  JsonObject *payload;
  const char *username;
  const char *password;

  g_return_val_if_fail (TD_IS_PROXY_USER (user), NULL);

  username = td_proxy_user_get_username (user);
  password = td_proxy_user_get_password (user);

  payload = json_object_new ();
  json_object_set_int_member (payload, "proxy_type", td_proxy_user_get_proxy_type (user));
  json_object_set_string_member (payload, "username", username != NULL ? username : "");
  json_object_set_string_member (payload, "password", password != NULL ? password : "");
  json_object_set_int_member (payload, "traffic_limit", td_proxy_user_get_traffic_limit (user));
  json_object_set_string_member (payload, "status",
                                 td_proxy_user_get_enabled (user) ? "true" : "false");

  return payload;
}

JsonObject *
td_payload_new_list (TdProxyType proxy_type)
{
  JsonObject *payload = json_object_new ();

  json_object_set_int_member (payload, "proxy_type", proxy_type);

  return payload;
}

JsonObject *
td_payload_new_update (TdProxyUser *current,
                       TdProxyUser *changed)
{
  JsonObject *payload;
  const char *new_username;
  const char *new_password;

  g_return_val_if_fail (TD_IS_PROXY_USER (current), NULL);
  g_return_val_if_fail (TD_IS_PROXY_USER (changed), NULL);

  new_username = td_proxy_user_get_username (changed);
  if (new_username == NULL)
    new_username = td_proxy_user_get_username (current);

  new_password = td_proxy_user_get_password (changed);
  if (new_password == NULL)
    new_password = td_proxy_user_get_password (current);

  /* Every new_* member, always: the server turns an omitted limit into
   * "unlimited" and an omitted status into "enabled". */
  payload = json_object_new ();
  json_object_set_int_member (payload, "proxy_type", td_proxy_user_get_proxy_type (current));
  json_object_set_string_member (payload, "username", td_proxy_user_get_username (current));
  json_object_set_string_member (payload, "new_username", new_username);
  json_object_set_string_member (payload, "new_password", new_password != NULL ? new_password : "");
  json_object_set_int_member (payload, "new_traffic_limit",
                              td_proxy_user_get_traffic_limit (changed));
  json_object_set_string_member (payload, "new_status",
                                 td_proxy_user_get_enabled (changed) ? "true" : "false");

  return payload;
}

JsonObject *
td_payload_new_delete (TdProxyType  proxy_type,
                       const char  *username)
{
  JsonObject *payload;

  g_return_val_if_fail (username != NULL, NULL);

  payload = json_object_new ();
  json_object_set_int_member (payload, "proxy_type", proxy_type);
  json_object_set_string_member (payload, "username", username);

  return payload;
}

static char *
format_api_date (const GDate *date)
{
  g_assert (date != NULL && g_date_valid (date));

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

JsonObject *
td_payload_new_usage (TdProxyType  proxy_type,
                      const char  *username,
                      const GDate *from,
                      const GDate *to)
{
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  JsonObject *payload;

  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  from_date = format_api_date (from);
  to_date = format_api_date (to);

  payload = json_object_new ();
  json_object_set_int_member (payload, "proxy_type", proxy_type);
  json_object_set_string_member (payload, "username", username);
  json_object_set_string_member (payload, "from_date", from_date);
  json_object_set_string_member (payload, "to_date", to_date);

  return payload;
}

JsonObject *
td_payload_new_account_usage (const GDate *from,
                              const GDate *to)
{
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  JsonObject *payload;

  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  from_date = format_api_date (from);
  to_date = format_api_date (to);

  payload = json_object_new ();
  json_object_set_string_member (payload, "from_date", from_date);
  json_object_set_string_member (payload, "to_date", to_date);

  return payload;
}
