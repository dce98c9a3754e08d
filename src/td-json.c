/* td-json.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "td-json.h"

static inline gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Whether the number token at @data (@length bytes) is one JSON allows,
 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, that json-glib reads
 * exactly: json-glib also takes ".5", "1." and "010" (octal 8), wraps
 * integers beyond gint64 and reads numbers beyond double as infinities. */
static gboolean
number_is_safe (const char *data,
                gsize       length)
{
  const char *limit = "9223372036854775807";
  const char *digits;
  gsize n_digits = 0;
  gsize i = 0;
  gboolean is_integer = TRUE;

  g_assert (data != NULL);

  if (i < length && data[i] == '-')
    i++;

  digits = data + i;
  if (i >= length || !g_ascii_isdigit (data[i]))
    return FALSE;
  if (data[i] == '0' && i + 1 < length && g_ascii_isdigit (data[i + 1]))
    return FALSE;
  while (i < length && g_ascii_isdigit (data[i]))
    i++, n_digits++;

  if (i < length && data[i] == '.')
    {
      is_integer = FALSE;
      i++;
      if (i >= length || !g_ascii_isdigit (data[i]))
        return FALSE;
      while (i < length && g_ascii_isdigit (data[i]))
        i++;
    }

  if (i < length && (data[i] == 'e' || data[i] == 'E'))
    {
      is_integer = FALSE;
      i++;
      if (i < length && (data[i] == '+' || data[i] == '-'))
        i++;
      if (i >= length || !g_ascii_isdigit (data[i]))
        return FALSE;
      while (i < length && g_ascii_isdigit (data[i]))
        i++;
    }

  if (i != length)
    return FALSE;

  if (!is_integer)
    {
      g_autofree char *text = g_strndup (data, length);

      return isfinite (g_ascii_strtod (text, NULL));
    }

  if (data[0] == '-')
    limit = "9223372036854775808";

  return n_digits < strlen (limit) ||
         (n_digits == strlen (limit) && memcmp (digits, limit, n_digits) <= 0);
}

/* The value of the \uXXXX escape at @data, or -1. */
static int
read_unicode_escape (const char *data,
                     gsize       length)
{
  int value = 0;

  g_assert (data != NULL);

  if (length < 6 || data[0] != '\\' || data[1] != 'u')
    return -1;

  for (guint i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (data[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* The length of the escape sequence at @data (which starts with a
 * backslash) when it is one JSON allows, or 0.  A \uXXXX escape of a
 * surrogate must be a high one followed by a low one: json-glib 1.6 turns
 * a lone high surrogate into bytes that are not UTF-8, and leaks memory
 * on some other lone ones.  \u0000 is refused too: json-glib cuts the
 * string there, silently. */
static gsize
escape_is_safe (const char *data,
                gsize       length)
{
  int value;

  g_assert (data != NULL && length > 0 && data[0] == '\\');

  if (length < 2)
    return 0;

  if (strchr ("\"\\/bfnrt", data[1]) != NULL && data[1] != '\0')
    return 2;

  value = read_unicode_escape (data, length);
  if (value <= 0 || (value >= 0xdc00 && value <= 0xdfff))
    return 0;

  if (value >= 0xd800 && value <= 0xdbff)
    {
      int low = read_unicode_escape (data + 6, length - 6);

      if (low < 0xdc00 || low > 0xdfff)
        return 0;
      return 12;
    }

  return 6;
}

/* Whether @data is made of standard JSON tokens only, with no array or
 * object nested deeper than TD_JSON_MAX_DEPTH and numbers that
 * number_is_safe() accepts.  json-glib's scanner also reads comments,
 * 'single-quoted strings', hex, octal and binary numbers and other
 * identifiers; those are refused here, as they could hide brackets from
 * this count (['"', [[[...]]], '"'] once crashed it) or change a value.
 * The grammar is left to the parser. */
static gboolean
tokens_are_safe (const char *data,
                 gsize       length)
{
  guint depth = 0;

  g_assert (data != NULL || length == 0);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      switch (c)
        {
        case '"':
          /* Skip the string, checking its escapes. */
          for (i++; i < length && data[i] != '"'; i++)
            {
              if (data[i] == '\\')
                {
                  gsize escape_length = escape_is_safe (data + i, length - i);

                  if (escape_length == 0)
                    return FALSE;
                  i += escape_length - 1;
                }
            }
          if (i >= length)
            return FALSE;
          break;

        case '[':
        case '{':
          if (++depth > TD_JSON_MAX_DEPTH)
            return FALSE;
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        case ',':
        case ':':
        case ' ':
        case '\t':
        case '\r':
        case '\n':
          break;

        default:
          if (c == '-' || g_ascii_isdigit (c))
            {
              gsize end = i + 1;

              while (end < length && is_number_char (data[end]))
                end++;
              if (!number_is_safe (data + i, end - i))
                return FALSE;
              i = end - 1;
            }
          else if (g_ascii_isalpha (c))
            {
              gsize end = i + 1;

              while (end < length && (g_ascii_isalnum (data[end]) ||
                                      data[end] == '_' || data[end] == '-'))
                end++;
              if (!((end - i == 4 && memcmp (data + i, "true", 4) == 0) ||
                    (end - i == 5 && memcmp (data + i, "false", 5) == 0) ||
                    (end - i == 4 && memcmp (data + i, "null", 4) == 0)))
                return FALSE;
              i = end - 1;
            }
          else
            return FALSE;
        }
    }

  return TRUE;
}

/* Whether every string and member name under @node is UTF-8.  Recursive:
 * only called on trees no deeper than TD_JSON_MAX_DEPTH. */
static gboolean
strings_are_utf8 (JsonNode *node)
{
  g_assert (node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL) || !strings_are_utf8 (member))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        for (guint i = 0; i < length; i++)
          {
            if (!strings_are_utf8 (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

JsonNode *
td_json_load (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The JSON text is empty");
      return NULL;
    }

  if (length > G_MAXSSIZE || !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The JSON text is not UTF-8 or holds a NUL byte");
      return NULL;
    }

  if (!tokens_are_safe (data, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The text is not standard JSON, is nested deeper than %d levels or "
                   "holds a number out of range", TD_JSON_MAX_DEPTH);
      return NULL;
    }

  /* json-glib's own message quotes the text it did not understand. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The text is not valid JSON");
      return NULL;
    }

  if (!strings_are_utf8 (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The JSON text escapes a string that is not UTF-8");
      return NULL;
    }

  return json_node_ref (root);
}

void
td_json_object_wipe_string (JsonObject *object,
                            const char *member)
{
  JsonNode *node;
  char *text;

  g_return_if_fail (object != NULL);
  g_return_if_fail (member != NULL);

  node = json_object_get_member (object, member);
  if (!td_json_node_holds (node, G_TYPE_STRING))
    return;

  text = (char *) json_node_get_string (node);
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

gboolean
td_json_node_holds (JsonNode *node,
                    GType     type)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type;
}

gboolean
td_json_node_is_missing (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
td_json_node_get_number (JsonNode *node,
                         double   *out_value)
{
  double value;

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (td_json_node_holds (node, G_TYPE_INT64))
    {
      value = (double) json_node_get_int (node);
    }
  else if (td_json_node_holds (node, G_TYPE_DOUBLE))
    {
      value = json_node_get_double (node);
    }
  else if (td_json_node_holds (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);
      const char *p;
      char *end = NULL;
      gboolean digits = FALSE;

      if (text == NULL)
        return FALSE;

      while (g_ascii_isspace (*text))
        text++;

      /* The shape of a decimal number, checked before strtod, which would
       * also take "nan", "infinity" and "0x1p4". */
      p = text;
      if (*p == '+' || *p == '-')
        p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
      if (*p == '.')
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++, digits = TRUE;
        }
      if (!digits)
        return FALSE;
      if (*p == 'e' || *p == 'E')
        {
          p++;
          if (*p == '+' || *p == '-')
            p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
        }
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '\0')
        return FALSE;

      value = g_ascii_strtod (text, &end);
      if (end == text)
        return FALSE;
    }
  else
    {
      return FALSE;
    }

  if (!isfinite (value))
    return FALSE;

  /* "-0" is zero. */
  *out_value = value == 0 ? 0.0 : value;

  return TRUE;
}

int
td_json_read_digits (const char *text,
                     guint       length)
{
  int value = 0;

  g_return_val_if_fail (text != NULL, -1);
  g_return_val_if_fail (length <= 9, -1);

  for (guint i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }

  return value;
}
