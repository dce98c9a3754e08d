/* td-envelope.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-envelope.h"
#include "td-error.h"

static inline gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Whether the number token at @data (@length bytes) is an integer that
 * gint64 cannot hold.  json-glib 1.6 wraps those silently (2^63 becomes
 * G_MININT64, 2^64 and beyond -1), which would turn a code or an amount
 * into another one. */
static gboolean
integer_overflows (const char *data,
                   gsize       length)
{
  const char *limit = "9223372036854775807";
  gsize n_digits;

  g_assert (data != NULL);

  if (memchr (data, '.', length) != NULL ||
      memchr (data, 'e', length) != NULL ||
      memchr (data, 'E', length) != NULL)
    return FALSE;

  if (length > 0 && data[0] == '-')
    {
      limit = "9223372036854775808";
      data++;
      length--;
    }

  while (length > 1 && data[0] == '0')
    {
      data++;
      length--;
    }

  n_digits = strlen (limit);

  return length > n_digits || (length == n_digits && memcmp (data, limit, n_digits) > 0);
}

/* Whether @data holds no array or object nested deeper than
 * TD_ENVELOPE_MAX_DEPTH and no integer outside the range of gint64, so
 * that json-glib parses it safely and exactly. */
static gboolean
json_is_safe (const char *data,
              gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  g_assert (data != NULL || length == 0);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > TD_ENVELOPE_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = i + 1;

          while (end < length && is_number_char (data[end]))
            end++;

          if (integer_overflows (data + i, end - i))
            return FALSE;

          i = end - 1;
        }
    }

  return TRUE;
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type;
}

/* Parses the body as the API's envelope.  Returns its root object, owned
 * by @parser, when it is a JSON object with an integer `code` and a `msg`
 * that is a string, null or absent; otherwise NULL. */
static JsonObject *
read_envelope (JsonParser *parser,
               const char *body,
               gsize       length,
               int        *out_code)
{
  JsonNode *root;
  JsonObject *object;
  JsonNode *code_node;
  JsonNode *msg_node;
  gint64 code;

  g_assert (JSON_IS_PARSER (parser));
  g_assert (body != NULL || length == 0);
  g_assert (out_code != NULL);

  if (length == 0 ||
      length > G_MAXSSIZE ||
      !g_utf8_validate (body, length, NULL) ||
      !json_is_safe (body, length))
    return NULL;

  if (!json_parser_load_from_data (parser, body, length, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);

  code_node = json_object_get_member (object, "code");
  if (!node_holds (code_node, G_TYPE_INT64))
    return NULL;

  code = json_node_get_int (code_node);
  if (code < G_MININT || code > G_MAXINT)
    return NULL;

  msg_node = json_object_get_member (object, "msg");
  if (msg_node != NULL && !JSON_NODE_HOLDS_NULL (msg_node) && !node_holds (msg_node, G_TYPE_STRING))
    return NULL;

  *out_code = (int) code;

  return object;
}

static GError *
new_http_status_error (guint http_status)
{
  /* Throttling has nothing to do with the address: say what helps. */
  if (http_status == 429)
    {
      return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_HTTP,
                                  _("Thordata is receiving too many requests. Wait a moment "
                                    "and try again."));
    }

  if (http_status >= 500 && http_status <= 599)
    {
      return g_error_new (TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE,
                          /* Translators: %u is an HTTP status number such as 502 */
                          _("Thordata’s server had a problem (HTTP %u). The request may have "
                            "reached Thordata."),
                          http_status);
    }

  return g_error_new (TD_API_ERROR, TD_API_ERROR_HTTP,
                      /* Translators: %u is an HTTP status number such as 404, %s its standard
                       * English name such as "Not Found" */
                      _("Thordata answered with the unexpected HTTP status %u (%s). Check the "
                        "API address in Preferences."),
                      http_status, soup_status_get_phrase (http_status));
}

JsonNode *
td_envelope_parse (const char  *body,
                   gsize        length,
                   guint        http_status,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *envelope;
  JsonNode *msg_node;
  const char *msg = NULL;
  int code = 0;

  g_return_val_if_fail (body != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  envelope = read_envelope (parser, body, length, &code);

  if (envelope == NULL)
    {
      if (!SOUP_STATUS_IS_SUCCESSFUL (http_status))
        g_propagate_error (error, new_http_status_error (http_status));
      else
        g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                             _("Thordata sent an answer Thordesk cannot read."));
      return NULL;
    }

  if (code == 200)
    {
      JsonNode *node = json_object_get_member (envelope, "data");

      return node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
    }

  msg_node = json_object_get_member (envelope, "msg");
  if (node_holds (msg_node, G_TYPE_STRING))
    msg = json_node_get_string (msg_node);

  g_propagate_error (error, td_server_error_new (code, msg));

  return NULL;
}
