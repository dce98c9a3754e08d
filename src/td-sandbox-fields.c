/* td-sandbox-fields.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sandbox's request readers: a body in either encoding back into a
 * flat object, and its members read the lenient way the real server
 * reads them.  The app itself never reads a request. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "td-json.h"
#include "td-payload.h"
#include "td-sandbox-fields.h"

#define CONTENT_TYPE_JSON "application/json"
#define CONTENT_TYPE_FORM "application/x-www-form-urlencoded"

/* The media type of a Content-Type value, without parameters such as
 * "; charset=utf-8", in lower case. */
static char *
dup_media_type (const char *content_type)
{
  const char *semicolon;
  g_autofree char *media_type = NULL;

  g_assert (content_type != NULL);

  semicolon = strchr (content_type, ';');
  if (semicolon != NULL)
    media_type = g_strndup (content_type, semicolon - content_type);
  else
    media_type = g_strdup (content_type);

  g_strstrip (media_type);

  return g_ascii_strdown (media_type, -1);
}

static char *
form_unescape (const char *start,
               const char *end)
{
  g_autofree char *plus_free = g_strndup (start, end - start);
  char *unescaped;

  g_assert (start != NULL);
  g_assert (end != NULL && end >= start);

  for (char *p = plus_free; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = ' ';
    }

  /* NULL on a bad escape and on an escaped NUL. */
  unescaped = g_uri_unescape_string (plus_free, NULL);
  if (unescaped != NULL && !g_utf8_validate (unescaped, -1, NULL))
    g_clear_pointer (&unescaped, g_free);

  return unescaped;
}

static JsonObject *
decode_form (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  const char *end = data + length;
  const char *p = data;

  g_assert (data != NULL || length == 0);

  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The form body contains a NUL byte");
      return NULL;
    }

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *pair_end = amp != NULL ? amp : end;
      const char *eq;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (pair_end == p)
        {
          p = pair_end + 1;
          continue;
        }

      eq = memchr (p, '=', pair_end - p);
      name = form_unescape (p, eq != NULL ? eq : pair_end);
      value = eq != NULL ? form_unescape (eq + 1, pair_end) : g_strdup ("");

      if (name == NULL || value == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The form body has a malformed escape or is not UTF-8");
          return NULL;
        }

      json_object_set_string_member (object, name, value);
      p = pair_end + 1;
    }

  return g_steal_pointer (&object);
}

/* Through td_json_load(): the sandbox parses whatever a client posts, and
 * json-glib alone overflows the stack on deep nesting and quotes the body
 * (passwords included) in its error messages. */
static JsonObject *
decode_json (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  root = td_json_load (data, length, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The JSON body is not an object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

JsonObject *
td_sandbox_fields_decode (GBytes      *body,
                   const char  *content_type,
                   GError     **error)
{
  g_autofree char *media_type = NULL;
  const char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (body != NULL)
    data = g_bytes_get_data (body, &length);
  if (data == NULL)
    {
      data = "";
      length = 0;
    }

  if (content_type == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The request has no content type");
      return NULL;
    }

  media_type = dup_media_type (content_type);

  if (g_str_equal (media_type, CONTENT_TYPE_JSON))
    return decode_json (data, length, error);
  else if (g_str_equal (media_type, CONTENT_TYPE_FORM))
    return decode_form (data, length, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "Unsupported content type “%s”", media_type);
  return NULL;
}

/* An optional '-' and at least one ASCII digit, nothing else, within
 * the range of gint64. */
static gboolean
parse_decimal (const char *text,
               gint64     *out_value)
{
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  guint64 limit;
  const char *p = text;

  g_assert (text != NULL);
  g_assert (out_value != NULL);

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (*p == '\0')
    return FALSE;

  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  for (; *p != '\0'; p++)
    {
      guint digit;

      if (!g_ascii_isdigit (*p))
        return FALSE;

      digit = *p - '0';
      if (magnitude > (limit - digit) / 10)
        return FALSE;
      magnitude = magnitude * 10 + digit;
    }

  if (negative)
    *out_value = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
  else
    *out_value = (gint64) magnitude;

  return TRUE;
}

static JsonNode *
get_value_node (JsonObject *payload,
                const char *member)
{
  JsonNode *node;

  g_assert (payload != NULL);
  g_assert (member != NULL);

  node = json_object_get_member (payload, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  return node;
}

gboolean
td_sandbox_fields_get_int (JsonObject *payload,
                    const char *member,
                    gint64     *out_value)
{
  JsonNode *node;
  GType type;
  gint64 value;

  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  node = get_value_node (payload, member);
  if (node == NULL)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      value = json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 2^63 is exactly representable; anything at or above it is not a
       * gint64.  The comparison also refuses NaN and infinities. */
      if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        return FALSE;
      value = (gint64) d;
      if ((double) value != d)
        return FALSE;
    }
  else if (type == G_TYPE_STRING)
    {
      if (!parse_decimal (json_node_get_string (node), &value))
        return FALSE;
    }
  else
    {
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = value;

  return TRUE;
}

char *
td_sandbox_fields_dup_string (JsonObject *payload,
                       const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);

  node = get_value_node (payload, member);
  if (node == NULL)
    return NULL;

  return td_payload_node_to_text (node);
}

gboolean
td_sandbox_fields_get_bool (JsonObject *payload,
                     const char *member,
                     gboolean   *out_value)
{
  JsonNode *node;
  GType type;
  gboolean value;

  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  node = get_value_node (payload, member);
  if (node == NULL)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      value = json_node_get_boolean (node);
    }
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_str_equal (text, "true") || g_str_equal (text, "1"))
        value = TRUE;
      else if (g_str_equal (text, "false") || g_str_equal (text, "0"))
        value = FALSE;
      else
        return FALSE;
    }
  else if (type == G_TYPE_INT64 &&
           (json_node_get_int (node) == 0 || json_node_get_int (node) == 1))
    {
      /* Some endpoints send flags as numbers. */
      value = json_node_get_int (node) == 1;
    }
  else
    {
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = value;

  return TRUE;
}
