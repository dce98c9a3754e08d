/* test-payload.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>

#include "td-payload.h"
#include "td-sandbox-fields.h"
#include "td-proxy-user.h"

#define FORM_TYPE "application/x-www-form-urlencoded"
#define JSON_TYPE "application/json"

static void
assert_bytes_equal (GBytes     *bytes,
                    const char *expected)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_strndup (data, size);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (size, ==, strlen (expected));
}

static TdProxyUser *
make_user (gboolean enabled)
{
  TdProxyUser *user = td_proxy_user_new_full (TD_PROXY_TYPE_UNLIMITED, "alice123",
                                              "Secret99", 2048, enabled);

  return user;
}

static void
test_member_types (void)
{
  static const char * const order[] = {
    "proxy_type", "username", "password", "traffic_limit", "status",
  };

  for (guint enabled = 0; enabled <= 1; enabled++)
    {
      g_autoptr(TdProxyUser) user = make_user (enabled);
      g_autoptr(JsonObject) payload = td_payload_new_create (user);
      g_autoptr(GList) members = json_object_get_members (payload);
      JsonNode *node;
      guint i = 0;

      g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (order));
      for (const GList *l = members; l != NULL; l = l->next)
        g_assert_cmpstr (l->data, ==, order[i++]);

      node = json_object_get_member (payload, "proxy_type");
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (node), ==, 2);

      node = json_object_get_member (payload, "username");
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (node), ==, "alice123");

      node = json_object_get_member (payload, "password");
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (node), ==, "Secret99");

      node = json_object_get_member (payload, "traffic_limit");
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (node), ==, 2048);

      /* The create call wants the string, not a JSON boolean. */
      node = json_object_get_member (payload, "status");
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (node), ==, enabled ? "true" : "false");
    }
}

static void
test_member_types_empty_user (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  g_autoptr(JsonObject) payload = td_payload_new_create (user);

  /* Unset text fields are sent as empty strings, never as null. */
  g_assert_cmpstr (json_object_get_string_member (payload, "username"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (payload, "password"), ==, "");
  g_assert_cmpint (json_object_get_int_member (payload, "proxy_type"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (payload, "traffic_limit"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (payload, "status"), ==, "true");
}

static void
test_encode_user (void)
{
  g_autoptr(TdProxyUser) user = make_user (FALSE);
  g_autoptr(JsonObject) payload = td_payload_new_create (user);
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) form = NULL;
  const char *json_type = NULL;
  const char *json_type_again = NULL;
  const char *form_type = NULL;

  json = td_payload_encode (payload, TD_REQUEST_ENCODING_JSON, &json_type);
  assert_bytes_equal (json, "{\"proxy_type\":2,\"username\":\"alice123\",\"password\":\"Secret99\","
                            "\"traffic_limit\":2048,\"status\":\"false\"}");
  g_assert_cmpstr (json_type, ==, JSON_TYPE);

  form = td_payload_encode (payload, TD_REQUEST_ENCODING_FORM, &form_type);
  assert_bytes_equal (form, "proxy_type=2&username=alice123&password=Secret99"
                            "&traffic_limit=2048&status=false");
  g_assert_cmpstr (form_type, ==, FORM_TYPE);

  /* A static string: the same pointer every time. */
  g_clear_pointer (&json, g_bytes_unref);
  json = td_payload_encode (payload, TD_REQUEST_ENCODING_JSON, &json_type_again);
  g_assert_true (json_type == json_type_again);

  /* The content type is optional. */
  g_clear_pointer (&form, g_bytes_unref);
  form = td_payload_encode (payload, TD_REQUEST_ENCODING_FORM, NULL);
  g_assert_nonnull (form);
}

static JsonObject *
make_mixed_object (void)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "text", "a b+c&d=e/f?g%h");
  json_object_set_string_member (object, "utf8", "jösé 中");
  json_object_set_string_member (object, "empty", "");
  json_object_set_int_member (object, "int", -42);
  json_object_set_int_member (object, "big", G_MAXINT64);
  json_object_set_boolean_member (object, "yes", TRUE);
  json_object_set_boolean_member (object, "no", FALSE);
  json_object_set_double_member (object, "half", 0.5);
  json_object_set_null_member (object, "nothing");
  json_object_set_string_member (object, "a key&=", "unreserved-._~");

  return object;
}

static void
test_encode_mixed (void)
{
  g_autoptr(JsonObject) object = make_mixed_object ();
  g_autoptr(GBytes) form = NULL;
  g_autoptr(GBytes) json = NULL;

  form = td_payload_encode (object, TD_REQUEST_ENCODING_FORM, NULL);
  assert_bytes_equal (form,
                      "text=a%20b%2Bc%26d%3De%2Ff%3Fg%25h"
                      "&utf8=j%C3%B6s%C3%A9%20%E4%B8%AD"
                      "&empty="
                      "&int=-42"
                      "&big=9223372036854775807"
                      "&yes=true"
                      "&no=false"
                      "&half=0.5"
                      "&nothing="
                      "&a%20key%26%3D=unreserved-._~");

  json = td_payload_encode (object, TD_REQUEST_ENCODING_JSON, NULL);
  assert_bytes_equal (json,
                      "{\"text\":\"a b+c&d=e/f?g%h\",\"utf8\":\"jösé 中\",\"empty\":\"\","
                      "\"int\":-42,\"big\":9223372036854775807,\"yes\":true,\"no\":false,"
                      "\"half\":0.5,\"nothing\":null,\"a key&=\":\"unreserved-._~\"}");
}

static void
test_encode_empty (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GBytes) form = td_payload_encode (object, TD_REQUEST_ENCODING_FORM, NULL);
  g_autoptr(GBytes) json = td_payload_encode (object, TD_REQUEST_ENCODING_JSON, NULL);

  assert_bytes_equal (form, "");
  assert_bytes_equal (json, "{}");
}

static JsonObject *
decode_text (const char  *text,
             const char  *content_type,
             GError     **error)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  return td_sandbox_fields_decode (body, content_type, error);
}

static void
test_round_trip_form (void)
{
  g_autoptr(JsonObject) object = make_mixed_object ();
  g_autoptr(GBytes) form = td_payload_encode (object, TD_REQUEST_ENCODING_FORM, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) decoded = td_sandbox_fields_decode (form, FORM_TYPE, &error);
  g_autoptr(GList) members = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (decoded);
  g_assert_cmpuint (json_object_get_size (decoded), ==, json_object_get_size (object));

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (decoded, name);
      g_autofree char *expected = td_sandbox_fields_dup_string (object, name);

      /* Every value comes back as a string. */
      g_assert_nonnull (node);
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      if (expected == NULL) /* null */
        g_assert_cmpstr (json_node_get_string (node), ==, "");
      else
        g_assert_cmpstr (json_node_get_string (node), ==, expected);
    }

  g_assert_cmpstr (json_object_get_string_member (decoded, "text"), ==, "a b+c&d=e/f?g%h");
  g_assert_cmpstr (json_object_get_string_member (decoded, "utf8"), ==, "jösé 中");
}

static void
test_round_trip_json (void)
{
  g_autoptr(JsonObject) object = make_mixed_object ();
  g_autoptr(GBytes) json = td_payload_encode (object, TD_REQUEST_ENCODING_JSON, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) decoded = td_sandbox_fields_decode (json, JSON_TYPE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (decoded);
  g_assert_true (json_object_equal (decoded, object));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (decoded, "int")), ==,
                   G_TYPE_INT64);
}

static void
test_round_trip_user (void)
{
  g_autoptr(TdProxyUser) user = make_user (TRUE);
  g_autoptr(JsonObject) payload = td_payload_new_create (user);

  for (guint encoding = TD_REQUEST_ENCODING_JSON; encoding <= TD_REQUEST_ENCODING_FORM; encoding++)
    {
      const char *content_type = NULL;
      g_autoptr(GBytes) body = td_payload_encode (payload, encoding, &content_type);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) decoded = td_sandbox_fields_decode (body, content_type, &error);
      g_autofree char *username = NULL;
      g_autofree char *password = NULL;
      gint64 proxy_type = 0;
      gint64 traffic_limit = 0;
      gboolean status = FALSE;

      g_assert_no_error (error);

      /* What the sandbox reads, whatever the encoding. */
      g_assert_true (td_sandbox_fields_get_int (decoded, "proxy_type", &proxy_type));
      g_assert_cmpint (proxy_type, ==, 2);
      g_assert_true (td_sandbox_fields_get_int (decoded, "traffic_limit", &traffic_limit));
      g_assert_cmpint (traffic_limit, ==, 2048);
      username = td_sandbox_fields_dup_string (decoded, "username");
      g_assert_cmpstr (username, ==, "alice123");
      password = td_sandbox_fields_dup_string (decoded, "password");
      g_assert_cmpstr (password, ==, "Secret99");
      g_assert_true (td_sandbox_fields_get_bool (decoded, "status", &status));
      g_assert_true (status);
    }
}

static void
test_decode_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  object = decode_text ("a=1+2&b=%C3%A9%2b&c&&d=&e=x=y&%41%62=z&f=%e4%b8%ad", FORM_TYPE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (object), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "1 2");
  g_assert_cmpstr (json_object_get_string_member (object, "b"), ==, "é+");
  g_assert_cmpstr (json_object_get_string_member (object, "c"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (object, "d"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (object, "e"), ==, "x=y");
  g_assert_cmpstr (json_object_get_string_member (object, "Ab"), ==, "z");
  g_assert_cmpstr (json_object_get_string_member (object, "f"), ==, "中");
  g_clear_pointer (&object, json_object_unref);

  /* An empty body, or none, is an empty form. */
  object = decode_text ("", FORM_TYPE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (object), ==, 0);
  g_clear_pointer (&object, json_object_unref);

  object = td_sandbox_fields_decode (NULL, FORM_TYPE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (object), ==, 0);
}

static void
test_decode_form_bad (void)
{
  static const char * const bodies[] = {
    "a=%zz",
    "a=%4",
    "a=%",
    "a=%00",        /* an escaped NUL */
    "a=%ff",        /* not UTF-8 */
    "a=%C3",        /* truncated UTF-8 */
    "%ff=1",
    "a=\xff",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = decode_text (bodies[i], FORM_TYPE, &error);

      g_test_message ("body %" G_GSIZE_FORMAT, i);
      g_assert_null (object);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  {
    g_autoptr(GBytes) body = g_bytes_new ("a=1\0b=2", 7);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = td_sandbox_fields_decode (body, FORM_TYPE, &error);

    g_assert_null (object);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_decode_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  object = decode_text ("{\"n\":7,\"s\":\"x\",\"b\":false}", JSON_TYPE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "x");
  g_assert_false (json_object_get_boolean_member (object, "b"));
  /* JSON values keep their types. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "n")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "b")), ==,
                   G_TYPE_BOOLEAN);
}

static void
test_decode_json_bad (void)
{
  static const char * const not_objects[] = {
    "[1,2]", "\"text\"", "42", "null", "true", "",
  };
  static const char * const not_json[] = {
    "{", "{\"a\":}", "proxy_type=1", "{\"a\":1}}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (not_objects); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = decode_text (not_objects[i], JSON_TYPE, &error);

      g_test_message ("body “%s”", not_objects[i]);
      g_assert_null (object);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = decode_text (not_json[i], JSON_TYPE, &error);

      g_test_message ("body “%s”", not_json[i]);
      g_assert_null (object);
      g_assert_nonnull (error);
    }
}

static void
test_decode_content_types (void)
{
  static const struct {
    const char *content_type;
    const char *body;
    gboolean    ok;
  } cases[] = {
    { "application/json", "{\"k\":\"v\"}", TRUE },
    { "application/json; charset=utf-8", "{\"k\":\"v\"}", TRUE },
    { "Application/JSON;charset=UTF-8", "{\"k\":\"v\"}", TRUE },
    { "  application/json  ", "{\"k\":\"v\"}", TRUE },
    { "application/x-www-form-urlencoded", "k=v", TRUE },
    { "application/x-www-form-urlencoded; charset=utf-8", "k=v", TRUE },
    { "APPLICATION/X-WWW-FORM-URLENCODED ; charset=UTF-8", "k=v", TRUE },
    { "text/plain", "k=v", FALSE },
    { "multipart/form-data; boundary=x", "k=v", FALSE },
    { "application/jsonx", "{\"k\":\"v\"}", FALSE },
    { "", "k=v", FALSE },
    { NULL, "k=v", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = decode_text (cases[i].body, cases[i].content_type, &error);

      g_test_message ("content type “%s”", cases[i].content_type ? cases[i].content_type : "(null)");
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (json_object_get_string_member (object, "k"), ==, "v");
        }
      else
        {
          g_assert_null (object);
          g_assert_nonnull (error);
        }
    }
}

static JsonObject *
make_getter_object (void)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  object = decode_text ("{"
                        "\"int\":42,"
                        "\"neg\":-7,"
                        "\"str_int\":\"1234\","
                        "\"str_neg\":\"-1234\","
                        "\"str_max\":\"9223372036854775807\","
                        "\"str_min\":\"-9223372036854775808\","
                        "\"str_over\":\"9223372036854775808\","
                        "\"str_under\":\"-9223372036854775809\","
                        "\"str_huge\":\"99999999999999999999999\","
                        "\"str_plus\":\"+5\","
                        "\"str_space\":\" 5\","
                        "\"str_trail\":\"5 \","
                        "\"str_minus\":\"-\","
                        "\"str_empty\":\"\","
                        "\"str_frac\":\"1.5\","
                        "\"str_exp\":\"1e3\","
                        "\"str_hex\":\"0x10\","
                        "\"str_word\":\"abc\","
                        "\"dbl_int\":3.0,"
                        "\"dbl_frac\":3.5,"
                        "\"dbl_huge\":1e300,"
                        "\"dbl_2p63\":9223372036854775808.0,"
                        "\"t\":true,"
                        "\"f\":false,"
                        "\"s_true\":\"true\","
                        "\"s_false\":\"false\","
                        "\"s_one\":\"1\","
                        "\"s_zero\":\"0\","
                        "\"s_yes\":\"yes\","
                        "\"s_True\":\"True\","
                        "\"one\":1,"
                        "\"zero\":0,"
                        "\"two\":2,"
                        "\"nul\":null,"
                        "\"arr\":[1],"
                        "\"obj\":{\"a\":1}"
                        "}", JSON_TYPE, &error);
  g_assert_no_error (error);

  return object;
}

static void
test_get_int (void)
{
  static const struct {
    const char *member;
    gboolean    ok;
    gint64      value;
  } cases[] = {
    { "int", TRUE, 42 },
    { "neg", TRUE, -7 },
    { "str_int", TRUE, 1234 },
    { "str_neg", TRUE, -1234 },
    { "str_max", TRUE, G_MAXINT64 },
    { "str_min", TRUE, G_MININT64 },
    { "str_over", FALSE, 0 },
    { "str_under", FALSE, 0 },
    { "str_huge", FALSE, 0 },
    { "str_plus", FALSE, 0 },
    { "str_space", FALSE, 0 },
    { "str_trail", FALSE, 0 },
    { "str_minus", FALSE, 0 },
    { "str_empty", FALSE, 0 },
    { "str_frac", FALSE, 0 },
    { "str_exp", FALSE, 0 },
    { "str_hex", FALSE, 0 },
    { "str_word", FALSE, 0 },
    { "dbl_int", TRUE, 3 },
    { "dbl_frac", FALSE, 0 },
    { "dbl_huge", FALSE, 0 },
    { "dbl_2p63", FALSE, 0 },
    { "t", FALSE, 0 },
    { "nul", FALSE, 0 },
    { "arr", FALSE, 0 },
    { "obj", FALSE, 0 },
    { "missing", FALSE, 0 },
  };
  g_autoptr(JsonObject) object = make_getter_object ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = 4711;

      g_test_message ("member %s", cases[i].member);
      g_assert_cmpint (td_sandbox_fields_get_int (object, cases[i].member, &value), ==, cases[i].ok);
      g_assert_cmpint (value, ==, cases[i].ok ? cases[i].value : 4711);
    }

  /* The output is optional. */
  g_assert_true (td_sandbox_fields_get_int (object, "int", NULL));
}

static void
test_dup_string (void)
{
  static const struct {
    const char *member;
    const char *value;
  } cases[] = {
    { "str_int", "1234" },
    { "str_empty", "" },
    { "str_word", "abc" },
    { "int", "42" },
    { "neg", "-7" },
    { "dbl_frac", "3.5" },
    { "t", "true" },
    { "f", "false" },
    { "nul", NULL },
    { "arr", NULL },
    { "obj", NULL },
    { "missing", NULL },
  };
  g_autoptr(JsonObject) object = make_getter_object ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = td_sandbox_fields_dup_string (object, cases[i].member);

      g_test_message ("member %s", cases[i].member);
      g_assert_cmpstr (value, ==, cases[i].value);
    }
}

static void
test_get_bool (void)
{
  static const struct {
    const char *member;
    gboolean    ok;
    gboolean    value;
  } cases[] = {
    { "t", TRUE, TRUE },
    { "f", TRUE, FALSE },
    { "s_true", TRUE, TRUE },
    { "s_false", TRUE, FALSE },
    { "s_one", TRUE, TRUE },
    { "s_zero", TRUE, FALSE },
    { "one", TRUE, TRUE },
    { "zero", TRUE, FALSE },
    { "s_yes", FALSE, FALSE },
    { "s_True", FALSE, FALSE },
    { "str_empty", FALSE, FALSE },
    { "two", FALSE, FALSE },
    { "dbl_int", FALSE, FALSE },
    { "nul", FALSE, FALSE },
    { "arr", FALSE, FALSE },
    { "obj", FALSE, FALSE },
    { "missing", FALSE, FALSE },
  };
  g_autoptr(JsonObject) object = make_getter_object ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean value = 77;

      g_test_message ("member %s", cases[i].member);
      g_assert_cmpint (td_sandbox_fields_get_bool (object, cases[i].member, &value), ==, cases[i].ok);
      g_assert_cmpint (value, ==, cases[i].ok ? cases[i].value : 77);
    }
}

static void
test_getters_on_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = decode_text ("proxy_type=3&traffic_limit=-0&status=false"
                                              "&bad=12a&big=99999999999999999999",
                                              FORM_TYPE, &error);
  gint64 value = 0;
  gboolean flag = TRUE;

  g_assert_no_error (error);
  g_assert_true (td_sandbox_fields_get_int (object, "proxy_type", &value));
  g_assert_cmpint (value, ==, 3);
  g_assert_true (td_sandbox_fields_get_int (object, "traffic_limit", &value));
  g_assert_cmpint (value, ==, 0);
  g_assert_false (td_sandbox_fields_get_int (object, "bad", &value));
  g_assert_false (td_sandbox_fields_get_int (object, "big", &value));
  g_assert_true (td_sandbox_fields_get_bool (object, "status", &flag));
  g_assert_false (flag);
  g_assert_false (td_sandbox_fields_get_bool (object, "proxy_type", &flag));
}

/* The members of a body, in order, as the encoder sends them. */
static char *
form_of (JsonObject *payload)
{
  g_autoptr(GBytes) bytes = td_payload_encode (payload, TD_REQUEST_ENCODING_FORM, NULL);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_other_bodies (void)
{
  g_autoptr(TdProxyUser) current = td_proxy_user_new ();
  g_autoptr(TdProxyUser) changed = NULL;
  g_autoptr(JsonObject) list = td_payload_new_list (TD_PROXY_TYPE_MOBILE);
  g_autoptr(JsonObject) update = NULL;
  g_autoptr(JsonObject) update_kept = NULL;
  g_autoptr(JsonObject) delete = td_payload_new_delete (TD_PROXY_TYPE_UNLIMITED, "bob12345");
  g_autoptr(JsonObject) usage = NULL;
  g_autofree char *text = NULL;
  GDate from;
  GDate to;

  text = form_of (list);
  g_assert_cmpstr (text, ==, "proxy_type=3");
  g_clear_pointer (&text, g_free);

  text = form_of (delete);
  g_assert_cmpstr (text, ==, "proxy_type=2&username=bob12345");
  g_clear_pointer (&text, g_free);

  td_proxy_user_set_proxy_type (current, TD_PROXY_TYPE_RESIDENTIAL);
  td_proxy_user_set_username (current, "alice2024");
  td_proxy_user_set_password (current, "Old12345");
  td_proxy_user_set_traffic_limit (current, 2048);
  td_proxy_user_set_enabled (current, TRUE);

  /* Every new_* member, the unchanged ones with the current values. */
  changed = td_proxy_user_copy (current);
  td_proxy_user_set_enabled (changed, FALSE);
  update = td_payload_new_update (current, changed);
  text = form_of (update);
  g_assert_cmpstr (text, ==, "proxy_type=1&username=alice2024&new_username=alice2024"
                             "&new_password=Old12345&new_traffic_limit=2048&new_status=false");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (update, "new_traffic_limit")),
                   ==, G_TYPE_INT64);
  g_clear_pointer (&text, g_free);

  /* A NULL password in @changed sends the current one. */
  td_proxy_user_set_password (changed, NULL);
  td_proxy_user_set_username (changed, "alice2025");
  update_kept = td_payload_new_update (current, changed);
  g_assert_cmpstr (json_object_get_string_member (update_kept, "new_password"), ==, "Old12345");
  g_assert_cmpstr (json_object_get_string_member (update_kept, "new_username"), ==, "alice2025");
  g_assert_cmpstr (json_object_get_string_member (update_kept, "username"), ==, "alice2024");

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 3, G_DATE_FEBRUARY, 2026);
  g_date_set_dmy (&to, 28, G_DATE_FEBRUARY, 2026);
  usage = td_payload_new_usage (TD_PROXY_TYPE_RESIDENTIAL, "alice2024", &from, &to);
  text = form_of (usage);
  g_assert_cmpstr (text, ==, "proxy_type=1&username=alice2024&from_date=2026-02-03"
                             "&to_date=2026-02-28");

  /* The account's usage: the same dates, no user. */
  {
    g_autoptr(JsonObject) account_usage = td_payload_new_account_usage (&from, &to);
    g_autofree char *account_text = form_of (account_usage);

    g_assert_cmpstr (account_text, ==, "from_date=2026-02-03&to_date=2026-02-28");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payload/member-types", test_member_types);
  g_test_add_func ("/payload/member-types-empty-user", test_member_types_empty_user);
  g_test_add_func ("/payload/encode-user", test_encode_user);
  g_test_add_func ("/payload/encode-mixed", test_encode_mixed);
  g_test_add_func ("/payload/encode-empty", test_encode_empty);
  g_test_add_func ("/payload/round-trip-form", test_round_trip_form);
  g_test_add_func ("/payload/round-trip-json", test_round_trip_json);
  g_test_add_func ("/payload/round-trip-user", test_round_trip_user);
  g_test_add_func ("/payload/decode-form", test_decode_form);
  g_test_add_func ("/payload/decode-form-bad", test_decode_form_bad);
  g_test_add_func ("/payload/decode-json", test_decode_json);
  g_test_add_func ("/payload/decode-json-bad", test_decode_json_bad);
  g_test_add_func ("/payload/decode-content-types", test_decode_content_types);
  g_test_add_func ("/payload/get-int", test_get_int);
  g_test_add_func ("/payload/dup-string", test_dup_string);
  g_test_add_func ("/payload/get-bool", test_get_bool);
  g_test_add_func ("/payload/getters-on-form", test_getters_on_form);
  g_test_add_func ("/payload/other-bodies", test_other_bodies);

  return g_test_run ();
}
