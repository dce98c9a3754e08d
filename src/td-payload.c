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
