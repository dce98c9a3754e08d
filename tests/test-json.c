/* test-json.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-json.h"
#include "td-payload.h"
#include "td-sandbox-fields.h"

static JsonNode *
load (const char  *text,
      GError     **error)
{
  return td_json_load (text, strlen (text), error);
}

static void
assert_refused (const char *text,
                gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = td_json_load (text, length, &error);

  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* @depth nested arrays. */
static char *
dup_nested (gsize depth)
{
  char *text = g_malloc (2 * depth + 1);

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  text[2 * depth] = '\0';

  return text;
}

static void
test_json_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) scalar = NULL;
  JsonObject *object;

  node = load (" {\"s\":\"caf\\u00e9 \\ud83d\\ude00\",\"n\":-12,\"d\":1.5,\"b\":true,"
               "\"z\":null,\"a\":[1,{}]} ", &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "café 😀");
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, -12);
  g_assert_cmpfloat (json_object_get_double_member (object, "d"), ==, 1.5);
  g_assert_true (json_object_get_boolean_member (object, "b"));
  g_assert_true (json_object_get_null_member (object, "z"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "a")), ==, 2);

  /* Any root, and the tree stays mutable for callers that wipe members. */
  scalar = load ("\"text\"", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (scalar), ==, "text");
  g_assert_false (json_node_is_immutable (scalar));
}

static void
test_json_not_json (void)
{
  static const char * const texts[] = {
    "", " ", "\n\t", "{", "}", "{\"a\":}", "[1,]", "tru", "nulll", "{\"a\":1}}", "[1 2]",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("text: “%s”", texts[i]);
      assert_refused (texts[i], strlen (texts[i]));
    }

  assert_refused (NULL, 0);
}

static void
test_json_bytes (void)
{
  static const char nul[] = "{\"a\":\"x\0y\"}";
  static const char latin1[] = "\"caf\xe9\"";
  static const char surrogate_bytes[] = "\"\xed\xa0\x80\"";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *text = "[1,2]garbage";

  assert_refused (nul, sizeof nul - 1);
  assert_refused (latin1, sizeof latin1 - 1);
  assert_refused (surrogate_bytes, sizeof surrogate_bytes - 1);

  /* Only @length bytes are read. */
  node = td_json_load (text, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
}

/* json-glib 1.6 turns a high surrogate escape followed by anything but a
 * low one into bytes that are not UTF-8; such strings would reach labels
 * and the keyring. */
static void
test_json_lone_surrogate (void)
{
  static const char * const texts[] = {
    "\"\\ud800x\"",
    "{\"username\":\"\\ud83dabc\"}",
    "{\"\\udbffkey\":1}",
    "[1,[2,{\"a\":[\"ok\",\"\\ud800\\u0020\"]}]]",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pair = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("text: %s", texts[i]);
      assert_refused (texts[i], strlen (texts[i]));
    }

  /* Escapes JSON does not have, and a NUL that json-glib would cut the
   * string at. */
  {
    static const char * const escapes[] = {
      "\"\\x41\"", "\"\\101\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"\\\"", "\"a\\u0000b\"",
      "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800\\ud800\"", "\"\\ud800\\\"",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (escapes); i++)
      {
        g_test_message ("text: %s", escapes[i]);
        assert_refused (escapes[i], strlen (escapes[i]));
      }
  }

  /* A proper pair is one character. */
  pair = load ("\"\\udbff\\udfff\"", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (pair), ==, "\xf4\x8f\xbf\xbf");
}

static void
test_json_depth (void)
{
  g_autofree char *deepest = dup_nested (TD_JSON_MAX_DEPTH);
  g_autofree char *too_deep = dup_nested (TD_JSON_MAX_DEPTH + 1);
  g_autofree char *huge = dup_nested (150000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) flat = NULL;
  g_autoptr(GString) wide = g_string_new ("[");

  node = load (deepest, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  assert_refused (too_deep, strlen (too_deep));
  /* json-glib alone overflows the stack on this (measured: 100,000 levels
   * crash a plain build). */
  assert_refused (huge, strlen (huge));

  /* Depth, not size: many siblings are fine. */
  for (guint i = 0; i < 10000; i++)
    g_string_append (wide, "[],");
  g_string_append (wide, "{}]");
  flat = load (wide->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (flat)), ==, 10001);
}

static void
test_json_integers (void)
{
  static const char * const refused[] = {
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "[0,99999999999999999999]",
    "{\"a\":{\"b\":12345678901234567890123}}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) max = NULL;
  g_autoptr(JsonNode) min = NULL;
  g_autoptr(JsonNode) in_string = NULL;
  g_autoptr(JsonNode) big_double = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("text: %s", refused[i]);
      assert_refused (refused[i], strlen (refused[i]));
    }

  max = load ("9223372036854775807", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (max), ==, G_MAXINT64);

  min = load ("-9223372036854775808", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (min), ==, G_MININT64);

  in_string = load ("\"99999999999999999999999\"", &error);
  g_assert_no_error (error);

  big_double = load ("1.8e19", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_node_get_double (big_double), ==, 1.8e19);

  /* Beyond double: an infinity, which JsonGenerator writes as "inf". */
  assert_refused ("1e309", 5);
  assert_refused ("[-92233720368542e300]", 21);
  g_clear_pointer (&big_double, json_node_unref);
  big_double = load ("[1.7976931348623157e308,1e-400]", &error);
  g_assert_no_error (error);
}

/* json-glib reads more than JSON; what it reads beyond could change a
 * value or hide nesting from the depth check. */
static void
test_json_nonstandard (void)
{
  static const char * const texts[] = {
    "{'a':1}", "'text'", "[1]//c", "/* c */ [1]", "[1 /* ] */]", "0x10", "$ff", "0b11",
    "010", "-01", "[00]", "-.03e105", ".5", "1.", "[1.e5]", "1e", "1e+", "--1", "-", "[1-2]",
    "+1", "0.e1", "{\"a\":NaN}", "Infinity", "[undefined]", "[True]", "\f[1]",
    "[1]\x0b", "\"unterminated",
  };
  static const char * const accepted[] = {
    "0", "-0", "0.5", "-0.0e-3", "10", "1E+2", "-12.5e007", "[true,false,null]", "{\"a\":[]}\r\n\t ",
    "\"'/*$0x\"", "\"\\\"[[[\\\\\"", "\"\\/\\b\\f\\n\\r\\t\\u0001\\uFFFF\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("text: “%s”", texts[i]);
      assert_refused (texts[i], strlen (texts[i]));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = load (accepted[i], &error);

      g_test_message ("text: “%s”", accepted[i]);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

/* A quote the depth check took for the start of a string, while json-glib
 * read a 'single-quoted string': the nesting after it went uncounted and
 * json-glib overflowed the stack (found while writing the fuzz targets;
 * tests/fuzz/corpus/{envelope,payload}/crash-single-quote-nesting). */
static void
test_json_hidden_nesting (void)
{
  static const char * const openers[] = { "['\"',", "[/*\"*/", "[\"\\\\\",'\"'," };
  gsize depth = 150000;

  for (gsize i = 0; i < G_N_ELEMENTS (openers); i++)
    {
      g_autoptr(GString) text = g_string_new (openers[i]);

      for (gsize j = 0; j < depth; j++)
        g_string_append_c (text, '[');
      for (gsize j = 0; j < depth; j++)
        g_string_append_c (text, ']');
      g_string_append (text, ",'\"']");

      assert_refused (text->str, text->len);
    }
}

/* No message quotes the text, which may hold a password. */
static void
test_json_messages (void)
{
  static const char * const texts[] = {
    "{\"password\":\"PwSecret5Jk\"",
    "{\"password\":\"PwSecret5Jk\\ud800\"}",
    "{\"password\":PwSecret5Jk}",
    "{\"password\":\"PwSecret5Jk\",\"n\":99999999999999999999}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = load (texts[i], &error);

      g_assert_null (node);
      g_assert_nonnull (error);
      g_assert_null (strstr (error->message, "PwSecret"));
    }
}

/* The sandbox decodes request bodies with td_sandbox_fields_decode(): a body of
 * nested brackets used to crash it, and a lone surrogate got through. */
static void
test_json_payload_body (void)
{
  g_autofree char *huge = dup_nested (150000);
  g_autoptr(GBytes) deep = g_bytes_new (huge, strlen (huge));
  g_autoptr(GBytes) surrogate = NULL;
  g_autoptr(GError) deep_error = NULL;
  g_autoptr(GError) surrogate_error = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *text = "{\"username\":\"\\ud800abcdef\",\"password\":\"PwSecret5Jk\"}";

  object = td_sandbox_fields_decode (deep, "application/json", &deep_error);
  g_assert_null (object);
  g_assert_error (deep_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  surrogate = g_bytes_new (text, strlen (text));
  object = td_sandbox_fields_decode (surrogate, "application/json", &surrogate_error);
  g_assert_null (object);
  g_assert_error (surrogate_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (strstr (surrogate_error->message, "PwSecret"));
}

/* The digits of a date, as read by the list and usage answers. */
static void
test_json_read_digits (void)
{
  g_assert_cmpint (td_json_read_digits ("2026-11-27", 4), ==, 2026);
  g_assert_cmpint (td_json_read_digits ("2026-11-27" + 5, 2), ==, 11);
  g_assert_cmpint (td_json_read_digits ("07", 2), ==, 7);
  g_assert_cmpint (td_json_read_digits ("0", 0), ==, 0);
  g_assert_cmpint (td_json_read_digits ("2a26", 4), ==, -1);
  g_assert_cmpint (td_json_read_digits ("-1", 2), ==, -1);
  g_assert_cmpint (td_json_read_digits (" 1", 2), ==, -1);
  /* Not a digit in any locale's sense but ASCII. */
  g_assert_cmpint (td_json_read_digits ("\xd9\xa3", 2), ==, -1);
  /* Stops at @length: what follows is not read. */
  g_assert_cmpint (td_json_read_digits ("12x", 2), ==, 12);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/values", test_json_values);
  g_test_add_func ("/json/not-json", test_json_not_json);
  g_test_add_func ("/json/bytes", test_json_bytes);
  g_test_add_func ("/json/lone-surrogate", test_json_lone_surrogate);
  g_test_add_func ("/json/nonstandard", test_json_nonstandard);
  g_test_add_func ("/json/hidden-nesting", test_json_hidden_nesting);
  g_test_add_func ("/json/depth", test_json_depth);
  g_test_add_func ("/json/integers", test_json_integers);
  g_test_add_func ("/json/messages", test_json_messages);
  g_test_add_func ("/json/payload-body", test_json_payload_body);
  g_test_add_func ("/json/read-digits", test_json_read_digits);

  return g_test_run ();
}
