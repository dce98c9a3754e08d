/* test-envelope.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-envelope.h"
#include "td-error.h"
#include "td-json.h"

/* td_envelope_parse() on a NUL-terminated body. */
static JsonNode *
parse (const char  *body,
       guint        http_status,
       GError     **error)
{
  return td_envelope_parse (body, strlen (body), http_status, error);
}

/* Asserts that @body with @http_status fails with @domain and @code. */
static void
assert_fails (const char *body,
              gsize       length,
              guint       http_status,
              GQuark      domain,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = td_envelope_parse (body, length, http_status, &error);
  g_assert_null (node);
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
assert_invalid (const char *body)
{
  assert_fails (body, strlen (body), 200, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
}

/* A body of @depth nested arrays around a valid envelope's data. */
static char *
dup_nested_envelope (guint depth)
{
  g_autoptr(GString) text = g_string_new ("{\"code\":200,\"data\":");

  /* The envelope object itself is one level. */
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append (text, "1");
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_envelope_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  node = parse ("{\"code\":200,\"msg\":\"ok\",\"data\":{\"username\":\"alice2024\",\"n\":3}}",
                200, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  /* The node outlives the parser that made it. */
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "username"), ==, "alice2024");
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, 3);
}

static void
test_envelope_data_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) absent = NULL;
  g_autoptr(JsonNode) null = NULL;
  g_autoptr(JsonNode) array = NULL;
  g_autoptr(JsonNode) scalar = NULL;

  /* No data at all, and no msg: a null node, not a failure. */
  absent = parse ("{\"code\":200}", 200, &error);
  g_assert_no_error (error);
  g_assert_nonnull (absent);
  g_assert_true (JSON_NODE_HOLDS_NULL (absent));

  null = parse ("{\"code\":200,\"msg\":null,\"data\":null}", 200, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (null));

  array = parse (" \n{\"data\":[1,2,3],\"code\":200}\n", 200, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (array)), ==, 3);

  scalar = parse ("{\"code\":200,\"data\":\"done\"}", 200, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (scalar), ==, "done");
}

static void
test_envelope_server_error (void)
{
  g_autoptr(GError) known = NULL;
  g_autoptr(GError) unknown = NULL;
  g_autoptr(GError) no_msg = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* A code from the table: its sentence, whatever msg says. */
  node = parse ("{\"code\":10018,\"msg\":\"user exists\",\"data\":null}", 200, &known);
  g_assert_null (node);
  g_assert_error (known, TD_SERVER_ERROR, 10018);
  g_assert_nonnull (strstr (known->message, td_server_error_lookup (10018)));
  g_assert_nonnull (strstr (known->message, "10018"));

  /* Another code: the server's msg. */
  node = parse ("{\"code\":12345,\"msg\":\"Something odd\"}", 200, &unknown);
  g_assert_null (node);
  g_assert_error (unknown, TD_SERVER_ERROR, 12345);
  g_assert_nonnull (strstr (unknown->message, "Something odd"));

  /* Negative codes and a null msg are read too. */
  node = parse ("{\"code\":-7,\"msg\":null}", 200, &no_msg);
  g_assert_null (node);
  g_assert_error (no_msg, TD_SERVER_ERROR, -7);
}

static void
test_envelope_wins_over_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) server_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) none = NULL;

  /* The API sends its errors with HTTP 200, but an envelope on another
   * status is read as well: it says more than the status. */
  node = parse ("{\"code\":200,\"data\":{}}", 500, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  none = parse ("{\"code\":10013,\"msg\":\"bad token\"}", 401, &server_error);
  g_assert_null (none);
  g_assert_error (server_error, TD_SERVER_ERROR, 10013);
}

static void
test_envelope_http_status (void)
{
  const char *html = "<html><body>502 Bad Gateway TokSecret7Q2w</body></html>";
  g_autoptr(GError) unavailable = NULL;
  g_autoptr(GError) not_found = NULL;
  g_autoptr(GError) redirect = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = parse (html, 502, &unavailable);
  g_assert_null (node);
  g_assert_error (unavailable, TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE);
  g_assert_nonnull (strstr (unavailable->message, "502"));
  /* Nothing of the body reaches the message. */
  g_assert_null (strstr (unavailable->message, "TokSecret"));
  g_assert_null (strstr (unavailable->message, "html"));
  g_assert_true (td_error_is_ambiguous (unavailable));

  node = parse ("", 404, &not_found);
  g_assert_null (node);
  g_assert_error (not_found, TD_API_ERROR, TD_API_ERROR_HTTP);
  g_assert_nonnull (strstr (not_found->message, "404"));
  g_assert_nonnull (strstr (not_found->message, "Not Found"));
  g_assert_false (td_error_is_ambiguous (not_found));

  /* A readable envelope with the wrong shape on an error status is the
   * status's error, not an invalid answer. */
  node = parse ("{\"code\":\"200\"}", 302, &redirect);
  g_assert_null (node);
  g_assert_error (redirect, TD_API_ERROR, TD_API_ERROR_HTTP);
  g_assert_nonnull (strstr (redirect->message, "302"));

  /* Statuses nobody defined still give a message. */
  assert_fails ("", 0, 0, TD_API_ERROR, TD_API_ERROR_HTTP);
  assert_fails ("", 0, 999, TD_API_ERROR, TD_API_ERROR_HTTP);
  assert_fails ("", 0, G_MAXUINT, TD_API_ERROR, TD_API_ERROR_HTTP);
  assert_fails ("x", 1, 599, TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE);
  assert_fails ("x", 1, 600, TD_API_ERROR, TD_API_ERROR_HTTP);
  /* Every 2xx is a success status: no envelope there is an invalid answer. */
  assert_fails ("x", 1, 204, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
}

static void
test_envelope_invalid_shapes (void)
{
  static const char * const bodies[] = {
    "",
    " ",
    "null",
    "200",
    "\"code\"",
    "[{\"code\":200}]",
    "{}",
    "{\"msg\":\"ok\",\"data\":{}}",
    "{\"code\":\"200\",\"data\":{}}",
    "{\"code\":200.0,\"data\":{}}",
    "{\"code\":2e2,\"data\":{}}",
    "{\"code\":true,\"data\":{}}",
    "{\"code\":null,\"data\":{}}",
    "{\"code\":{},\"data\":{}}",
    "{\"code\":[200],\"data\":{}}",
    "{\"code\":2147483648,\"data\":{}}",
    "{\"code\":-2147483649,\"data\":{}}",
    "{\"code\":99999999999999999999999,\"data\":{}}",
    "{\"code\":200,\"msg\":5,\"data\":{}}",
    "{\"code\":200,\"msg\":{},\"data\":{}}",
    "{\"code\":200,\"msg\":[\"ok\"],\"data\":{}}",
    "{\"code\":200,\"msg\":false,\"data\":{}}",
    "{\"code\":10018,\"msg\":1}",
    "{\"code\":200,\"data\":{}",
    "{\"code\":200,\"data\":{}}}",
    "{\"code\":200,\"data\":{}} trailing",
    "{\"code\":200,\"data\":{\"a\":\"unterminated}}",
    "<html>200</html>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_test_message ("body: %s", bodies[i]);
      assert_invalid (bodies[i]);
    }
}

static void
test_envelope_code_limits (void)
{
  g_autoptr(GError) max = NULL;
  g_autoptr(GError) min = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = parse ("{\"code\":2147483647}", 200, &max);
  g_assert_null (node);
  g_assert_error (max, TD_SERVER_ERROR, G_MAXINT);

  node = parse ("{\"code\":-2147483648}", 200, &min);
  g_assert_null (node);
  g_assert_error (min, TD_SERVER_ERROR, G_MININT);
}

static void
test_envelope_bytes (void)
{
  static const char nul_inside[] = "{\"code\":200,\"data\":\"a\0b\"}";
  static const char nul_after[] = "{\"code\":200,\"data\":1}\0garbage";
  static const char latin1[] = "{\"code\":12345,\"msg\":\"caf\xe9\"}";
  static const char overlong[] = "{\"code\":200,\"data\":\"\xc0\xaf\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *unterminated = NULL;
  const char *body = "{\"code\":200,\"data\":7}";

  /* NUL bytes are not UTF-8 text a server sends. */
  assert_fails (nul_inside, sizeof nul_inside - 1, 200,
                TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  assert_fails (nul_after, sizeof nul_after - 1, 200,
                TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  assert_fails (latin1, sizeof latin1 - 1, 200, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  assert_fails (overlong, sizeof overlong - 1, 200, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);

  /* Only @length bytes are read: the body need not be NUL-terminated. */
  unterminated = g_malloc (strlen (body));
  memcpy (unterminated, body, strlen (body));
  node = td_envelope_parse (unterminated, strlen (body), 200, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (node), ==, 7);

  /* NULL with a zero length is an empty body. */
  assert_fails (NULL, 0, 200, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
}

static void
test_envelope_depth (void)
{
  g_autofree char *deepest = dup_nested_envelope (TD_JSON_MAX_DEPTH);
  g_autofree char *too_deep = dup_nested_envelope (TD_JSON_MAX_DEPTH + 1);
  g_autofree char *huge = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) bracketed = NULL;
  gsize depth = 200000;

  node = parse (deepest, 200, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  assert_invalid (too_deep);

  /* Deep enough to overflow json-glib's recursion if it ever saw it. */
  huge = g_malloc (2 * depth + 1);
  memset (huge, '[', depth);
  memset (huge + depth, ']', depth);
  huge[2 * depth] = '\0';
  assert_invalid (huge);
  assert_fails (huge, 2 * depth, 503, TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE);

  /* Brackets inside strings, escaped quotes included, are not nesting. */
  {
    g_autoptr(GString) text = g_string_new ("{\"code\":200,\"data\":\"\\\"");

    for (guint i = 0; i < 10 * TD_JSON_MAX_DEPTH; i++)
      g_string_append (text, "[{");
    g_string_append (text, "\\\\\",\"msg\":\"ok\"}");

    bracketed = parse (text->str, 200, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (json_node_get_string (bracketed), "\"[{[{"));
  }
}

static void
test_envelope_integer_range (void)
{
  static const char * const refused[] = {
    "{\"code\":200,\"data\":9223372036854775808}",
    "{\"code\":200,\"data\":-9223372036854775809}",
    "{\"code\":200,\"data\":18446744073709551615}",
    "{\"code\":200,\"data\":{\"limit\":18446744073709551616}}",
    "{\"code\":200,\"data\":[1,2,99999999999999999999999]}",
    "{\"code\":200,\"data\":00000000000000000000009223372036854775808}",
  };
  static const struct {
    const char *body;
    gint64      value;
  } accepted[] = {
    { "{\"code\":200,\"data\":9223372036854775807}", G_MAXINT64 },
    { "{\"code\":200,\"data\":-9223372036854775808}", G_MININT64 },
    { "{\"code\":200,\"data\":-0}", 0 },
    /* Inside a string, digits are text. */
    { "{\"code\":200,\"msg\":\"99999999999999999999999\",\"data\":1}", 1 },
  };

  /* json-glib 1.6 would read these as -1 or a wrapped value: a code
   * 99999999999999999999999 became "unknown error (code -1)". */
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("body: %s", refused[i]);
      assert_invalid (refused[i]);
    }
  assert_fails (refused[0], strlen (refused[0]), 500,
                TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE);

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (accepted[i].body, 200, &error);

      g_assert_no_error (error);
      g_assert_cmpint (json_node_get_int (node), ==, accepted[i].value);
    }

  /* Large numbers with a fraction or an exponent are doubles, which
   * json-glib reads without wrapping. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = parse ("{\"code\":200,\"data\":1e30}", 200, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (json_node_get_double (node), ==, 1e30);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/envelope/data", test_envelope_data);
  g_test_add_func ("/envelope/data-shapes", test_envelope_data_shapes);
  g_test_add_func ("/envelope/server-error", test_envelope_server_error);
  g_test_add_func ("/envelope/wins-over-status", test_envelope_wins_over_status);
  g_test_add_func ("/envelope/http-status", test_envelope_http_status);
  g_test_add_func ("/envelope/invalid-shapes", test_envelope_invalid_shapes);
  g_test_add_func ("/envelope/code-limits", test_envelope_code_limits);
  g_test_add_func ("/envelope/bytes", test_envelope_bytes);
  g_test_add_func ("/envelope/depth", test_envelope_depth);
  g_test_add_func ("/envelope/integer-range", test_envelope_integer_range);

  return g_test_run ();
}
