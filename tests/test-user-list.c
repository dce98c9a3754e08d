/* test-user-list.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "td-error.h"
#include "td-proxy-user.h"
#include "td-user-list.h"

/* A password that no error message may repeat. */
#define LISTED_PASSWORD "Sekr3tListed"

/* Parses @json (the envelope's `data`) as a Residential list. */
static TdUserList *
parse (const char  *json,
       GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &parse_error);

  g_assert_no_error (parse_error);
  g_assert_nonnull (node);

  return td_user_list_parse (node, TD_PROXY_TYPE_RESIDENTIAL, error);
}

/* Asserts that @json is refused with a readable message that contains
 * @needle (when not NULL) and no password. */
static void
assert_refused (const char *json,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = parse (json, &error);

  g_test_message ("refused? %s", json);
  g_assert_null (list);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, LISTED_PASSWORD));
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

/* A list with one user whose @member is @value (verbatim JSON), or
 * without @member when @value is NULL. */
static char *
one_user_with (const char *member,
               const char *value)
{
  static const char * const members[] = { "created_time", "username", "password", "status",
                                          "traffic_limit", "usage_traffic" };
  static const char * const values[] = { "\"2024-03-05 14:07:09\"", "\"alice001\"",
                                         "\"" LISTED_PASSWORD "\"", "true", "2048", "12.5" };
  GString *json = g_string_new ("{\"limit\":10,\"remaining_limit\":9,\"user_count\":1,\"list\":[{");
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *v = values[i];

      if (g_str_equal (members[i], member))
        v = value;
      if (v == NULL)
        continue;

      g_string_append_printf (json, "%s\"%s\":%s", first ? "" : ",", members[i], v);
      first = FALSE;
    }

  g_string_append (json, "}]}");

  return g_string_free (json, FALSE);
}

static TdProxyUser *
get_user (TdUserList *list,
          guint       position)
{
  TdProxyUser *user;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), >, position);
  user = g_list_model_get_item (G_LIST_MODEL (list->users), position);
  /* The store keeps its own reference. */
  g_object_unref (user);

  return user;
}

static TdProxyUser *
parse_one_user_with (const char *member,
                     const char *value)
{
  g_autofree char *json = one_user_with (member, value);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = parse (json, &error);

  g_test_message ("accepted? %s", json);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), ==, 1);

  return g_object_ref (get_user (list, 0));
}

static void
assert_one_user_refused (const char *member,
                         const char *value)
{
  g_autofree char *json = one_user_with (member, value);

  assert_refused (json, member);
}

/*
 * Tests
 */

static void
test_parse_good (void)
{
  static const char json[] =
    "{\"limit\":100,\"remaining_limit\":97,\"user_count\":3,\"list\":["
    "{\"created_time\":\"2024-03-05 14:07:09\",\"username\":\"alice001\","
    "\"password\":\"" LISTED_PASSWORD "\",\"status\":true,\"traffic_limit\":2048,"
    "\"usage_traffic\":12.5},"
    "{\"created_time\":\"2023-12-31 23:59:59\",\"username\":\"bob00002\",\"password\":\"Bpass22\","
    "\"status\":false,\"traffic_limit\":0,\"usage_traffic\":0},"
    "{\"created_time\":\"2024-01-01 00:00:00\",\"username\":\"carol003\",\"password\":\"Cpass33\","
    "\"status\":\"true\",\"traffic_limit\":100,\"usage_traffic\":100000}"
    "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_local (2024, 3, 5, 14, 7, 9);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(TdUserList) list = NULL;
  TdProxyUser *user;

  list = td_user_list_parse (node, TD_PROXY_TYPE_MOBILE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);

  g_assert_cmpint (list->limit, ==, 100);
  g_assert_cmpint (list->remaining_limit, ==, 97);
  g_assert_cmpint (list->user_count, ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list->users)) == TD_TYPE_PROXY_USER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), ==, 3);

  /* The server's order, every field, the type asked for. */
  user = get_user (list, 0);
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "alice001");
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, LISTED_PASSWORD);
  g_assert_true (td_proxy_user_get_enabled (user));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 2048);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, 12.5);
  g_assert_nonnull (td_proxy_user_get_created_time (user));
  g_assert_true (g_date_time_equal (td_proxy_user_get_created_time (user), expected));

  user = get_user (list, 1);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "bob00002");
  g_assert_false (td_proxy_user_get_enabled (user));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 0);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, 0.0);

  user = get_user (list, 2);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "carol003");
  g_assert_true (td_proxy_user_get_enabled (user));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 100);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, 100000.0);
  g_assert_cmpint (g_date_time_get_year (td_proxy_user_get_created_time (user)), ==, 2024);
  g_assert_cmpint (g_date_time_get_hour (td_proxy_user_get_created_time (user)), ==, 0);
}

static void
test_parse_quota (void)
{
  static const struct { const char *json; gint64 limit; gint64 remaining; gint64 count; } good[] = {
    { "{\"limit\":5,\"remaining_limit\":0,\"user_count\":5,\"list\":[]}", 5, 0, 5 },
    { "{\"limit\":\"50\",\"remaining_limit\":\" 7 \",\"user_count\":\"43\",\"list\":[]}", 50, 7, 43 },
    { "{\"limit\":50.0,\"remaining_limit\":1e1,\"user_count\":40,\"list\":[]}", 50, 10, 40 },
    { "{\"list\":[]}", -1, -1, -1 },
    { "{\"limit\":null,\"remaining_limit\":3,\"list\":[]}", -1, 3, -1 },
    { "{\"limit\":2147483647,\"remaining_limit\":0,\"user_count\":0}", G_MAXINT32, 0, 0 },
  };
  static const char * const bad[] = {
    "{\"limit\":-1,\"list\":[]}",
    "{\"limit\":2.5,\"list\":[]}",
    "{\"limit\":\"many\",\"list\":[]}",
    "{\"limit\":\"\",\"list\":[]}",
    "{\"limit\":\"-3\",\"list\":[]}",
    "{\"limit\":true,\"list\":[]}",
    "{\"limit\":[],\"list\":[]}",
    "{\"limit\":{},\"list\":[]}",
    "{\"remaining_limit\":1e300,\"list\":[]}",
    "{\"user_count\":99999999999999999999,\"list\":[]}",
    "{\"user_count\":\"99999999999999999999\",\"list\":[]}",
    "{\"user_count\":2147483648,\"list\":[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdUserList) list = parse (good[i].json, &error);

      g_test_message ("%s", good[i].json);
      g_assert_no_error (error);
      g_assert_cmpint (list->limit, ==, good[i].limit);
      g_assert_cmpint (list->remaining_limit, ==, good[i].remaining);
      g_assert_cmpint (list->user_count, ==, good[i].count);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i], NULL);

  /* The message names the member. */
  assert_refused ("{\"remaining_limit\":\"lots\",\"list\":[]}", "remaining_limit");
}

static void
test_parse_status (void)
{
  static const struct { const char *value; gboolean enabled; } good[] = {
    { "true", TRUE }, { "false", FALSE }, { "\"true\"", TRUE }, { "\"false\"", FALSE },
    { "\"TRUE\"", TRUE }, { "\" False \"", FALSE }, { "\"1\"", TRUE }, { "\"0\"", FALSE },
    { "1", TRUE }, { "0", FALSE },
  };
  static const char * const bad[] = {
    "\"yes\"", "\"\"", "2", "-1", "0.5", "[]", "{}", "\"truex\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(TdProxyUser) user = parse_one_user_with ("status", good[i].value);

      g_assert_cmpint (td_proxy_user_get_enabled (user), ==, good[i].enabled);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_one_user_refused ("status", bad[i]);
}

static void
test_parse_numbers_as_strings (void)
{
  static const struct { const char *value; gint64 mb; } limits[] = {
    { "\"1024\"", 1024 }, { "\" 500 \"", 500 }, { "\"0\"", 0 }, { "100.0", 100 },
    { "\"2147483647\"", TD_TRAFFIC_LIMIT_MAX_MB },
  };
  static const char * const bad_limits[] = {
    "\"1024MB\"", "\"1,024\"", "\"-5\"", "-5", "\"\"", "\"12.5\"", "12.5", "\"0x10\"",
    "\"2147483648\"", "1e30", "\"nan\"", "true",
  };
  static const struct { const char *value; double mb; } usages[] = {
    { "\"12.5\"", 12.5 }, { "\"1e3\"", 1000 }, { "\" 7 \"", 7 }, { "\"0\"", 0 }, { "\"-0\"", 0 },
    { "3", 3 }, { "\".5\"", 0.5 }, { "null", -1 },
  };
  static const char * const bad_usages[] = {
    "\"nan\"", "\"NaN\"", "\"inf\"", "\"-inf\"", "\"infinity\"", "\"0x1p4\"", "\"12 MB\"",
    "\"\"", "\".\"", "\"1e\"", "\"-1\"", "-0.5", "\"1e999\"", "false", "[1]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autoptr(TdProxyUser) user = parse_one_user_with ("traffic_limit", limits[i].value);

      g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, limits[i].mb);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_limits); i++)
    assert_one_user_refused ("traffic_limit", bad_limits[i]);

  for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
    {
      g_autoptr(TdProxyUser) user = parse_one_user_with ("usage_traffic", usages[i].value);

      g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, usages[i].mb);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_usages); i++)
    assert_one_user_refused ("usage_traffic", bad_usages[i]);
}

static void
test_parse_created_time (void)
{
  static const struct { const char *value; int y, mo, d, h, mi, s; } local[] = {
    { "\"2024-03-05 14:07:09\"", 2024, 3, 5, 14, 7, 9 },
    { "\"1999-12-31 23:59:59\"", 1999, 12, 31, 23, 59, 59 },
    { "\"2024-02-29 00:00:00\"", 2024, 2, 29, 0, 0, 0 },
    { "\"2024-03-05\"", 2024, 3, 5, 0, 0, 0 },
  };
  /* Text that is not a date is shown as unknown, not refused. */
  static const char * const unknown[] = {
    "\"yesterday\"", "\"\"", "\"2023-02-29 10:00:00\"", "\"2024-13-01 10:00:00\"",
    "\"2024-03-05 24:00:00\"", "\"2024-03-05 14:07\"", "\"2024-3-5 14:07:09\"",
    "\"0000-01-01 00:00:00\"", "\"2024-03-05 14:07:09 extra\"", "null", "-5", "1e300",
  };
  static const char * const bad[] = { "true", "[]", "{}" };

  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    {
      g_autoptr(TdProxyUser) user = parse_one_user_with ("created_time", local[i].value);
      g_autoptr(GDateTime) expected = g_date_time_new_local (local[i].y, local[i].mo, local[i].d,
                                                             local[i].h, local[i].mi, local[i].s);
      GDateTime *created = td_proxy_user_get_created_time (user);

      g_assert_nonnull (created);
      g_assert_true (g_date_time_equal (created, expected));
      /* In the local time zone, as the dashboard shows it. */
      g_assert_cmpint (g_date_time_get_utc_offset (created), ==,
                       g_date_time_get_utc_offset (expected));
    }

  /* ISO 8601 with a zone, and Unix time in seconds and milliseconds. */
  {
    g_autoptr(TdProxyUser) iso = parse_one_user_with ("created_time", "\"2024-03-05T14:07:09Z\"");
    g_autoptr(TdProxyUser) seconds = parse_one_user_with ("created_time", "1700000000");
    g_autoptr(TdProxyUser) millis = parse_one_user_with ("created_time", "1700000000123");
    g_autoptr(TdProxyUser) missing = parse_one_user_with ("created_time", NULL);

    g_assert_nonnull (td_proxy_user_get_created_time (iso));
    g_assert_cmpint (g_date_time_to_unix (td_proxy_user_get_created_time (iso)), ==, 1709647629);
    g_assert_cmpint (g_date_time_to_unix (td_proxy_user_get_created_time (seconds)), ==,
                     1700000000);
    g_assert_cmpint (g_date_time_to_unix (td_proxy_user_get_created_time (millis)), ==,
                     1700000000);
    g_assert_null (td_proxy_user_get_created_time (missing));
  }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(TdProxyUser) user = parse_one_user_with ("created_time", unknown[i]);

      g_assert_null (td_proxy_user_get_created_time (user));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_one_user_refused ("created_time", bad[i]);
}

static void
test_parse_missing_members (void)
{
  g_autoptr(TdProxyUser) no_password = parse_one_user_with ("password", NULL);
  g_autoptr(TdProxyUser) null_password = parse_one_user_with ("password", "null");
  g_autoptr(TdProxyUser) no_usage = parse_one_user_with ("usage_traffic", NULL);
  g_autoptr(TdUserList) no_list = NULL;
  g_autoptr(TdUserList) null_list = NULL;
  g_autoptr(GError) error = NULL;

  /* Informative members may be missing. */
  g_assert_null (td_proxy_user_get_password (no_password));
  g_assert_cmpstr (td_proxy_user_get_username (no_password), ==, "alice001");
  g_assert_null (td_proxy_user_get_password (null_password));
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (no_usage), ==, -1.0);

  /* What an edit sends back may not: a guessed limit of 0 would make the
   * user unlimited. */
  assert_one_user_refused ("username", NULL);
  assert_one_user_refused ("username", "null");
  assert_one_user_refused ("traffic_limit", NULL);
  assert_one_user_refused ("traffic_limit", "null");
  assert_one_user_refused ("status", NULL);
  assert_one_user_refused ("status", "null");
  assert_refused ("{\"list\":[{\"username\":\"alice001\",\"status\":true,\"traffic_limit\":0},"
                  "{\"username\":\"bob00002\",\"status\":true}]}",
                  "User 2");
  assert_refused ("{\"list\":[{}]}", "User 1");

  /* An account without users may get no list at all. */
  no_list = parse ("{\"limit\":10,\"remaining_limit\":10,\"user_count\":0}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (no_list->users)), ==, 0);
  g_assert_cmpint (no_list->limit, ==, 10);
  null_list = parse ("{\"list\":null}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (null_list->users)), ==, 0);
}

static void
test_parse_wrong_types (void)
{
  static const char * const shapes[] = {
    "null", "[]", "[{\"username\":\"alice001\"}]", "\"list\"", "42", "true",
    "{\"list\":{}}", "{\"list\":\"alice001\"}", "{\"list\":7}", "{\"list\":true}",
    "{\"list\":[null]}", "{\"list\":[7]}", "{\"list\":[\"alice001\"]}", "{\"list\":[[]]}",
  };
  g_autofree char *long_name = NULL;
  g_autofree char *long_name_json = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    assert_refused (shapes[i], NULL);

  assert_one_user_refused ("username", "42");
  assert_one_user_refused ("username", "\"\"");
  assert_one_user_refused ("username", "[\"alice001\"]");
  assert_one_user_refused ("username", "\"ali\\u0007ce01\"");
  assert_one_user_refused ("username", "\"ali\\nce01\"");
  assert_one_user_refused ("password", "123456");
  assert_one_user_refused ("password", "true");
  assert_one_user_refused ("password", "{}");
  assert_one_user_refused ("traffic_limit", "{}");
  assert_one_user_refused ("usage_traffic", "{}");

  long_name = g_strnfill (300, 'a');
  long_name_json = g_strdup_printf ("\"%s\"", long_name);
  assert_one_user_refused ("username", long_name_json);

  /* No half result: the first bad user refuses the whole answer. */
  assert_refused ("{\"list\":[{\"username\":\"alice001\",\"status\":true,\"traffic_limit\":0},"
                  "{\"username\":\"bob00002\",\"status\":true,\"traffic_limit\":\"x\"}]}",
                  "User 2");
}

static void
test_parse_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = parse ("{\"limit\":100,\"remaining_limit\":100,\"user_count\":0,"
                                      "\"list\":[]}",
                                      &error);
  g_autoptr(TdUserList) bare = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_nonnull (list->users);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), ==, 0);
  g_assert_cmpint (list->limit, ==, 100);
  g_assert_cmpint (list->remaining_limit, ==, 100);
  g_assert_cmpint (list->user_count, ==, 0);

  bare = parse ("{}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bare->limit, ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bare->users)), ==, 0);

  /* td_user_list_new() alone is an empty, unknown list. */
  {
    g_autoptr(TdUserList) fresh = td_user_list_new ();

    g_assert_cmpint (fresh->limit, ==, -1);
    g_assert_cmpint (fresh->remaining_limit, ==, -1);
    g_assert_cmpint (fresh->user_count, ==, -1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh->users)), ==, 0);
    td_user_list_free (NULL);
  }
}

static JsonNode *
build_list (guint n_users)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, 20000);
  json_builder_set_member_name (builder, "remaining_limit");
  json_builder_add_int_value (builder, 20000 - n_users);
  json_builder_set_member_name (builder, "user_count");
  json_builder_add_int_value (builder, n_users);
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_users; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%05u", i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "created_time");
      json_builder_add_string_value (builder, "2024-01-02 03:04:05");
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, "Secret1");
      json_builder_set_member_name (builder, "status");
      json_builder_add_boolean_value (builder, i % 3 != 0);
      json_builder_set_member_name (builder, "traffic_limit");
      json_builder_add_int_value (builder, i % 2 ? 0 : 100 + i);
      json_builder_set_member_name (builder, "usage_traffic");
      json_builder_add_double_value (builder, i / 4.0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
test_parse_large (void)
{
  g_autoptr(JsonNode) node = build_list (10000);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = td_user_list_parse (node, TD_PROXY_TYPE_UNLIMITED, &error);
  TdProxyUser *user;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list->users)), ==, 10000);
  g_assert_cmpint (list->user_count, ==, 10000);
  g_assert_cmpint (list->remaining_limit, ==, 10000);

  g_assert_cmpstr (td_proxy_user_get_username (get_user (list, 0)), ==, "user00000");
  g_assert_cmpstr (td_proxy_user_get_username (get_user (list, 9999)), ==, "user09999");
  user = get_user (list, 4242);
  g_assert_cmpstr (td_proxy_user_get_username (user), ==, "user04242");
  g_assert_cmpint (td_proxy_user_get_proxy_type (user), ==, TD_PROXY_TYPE_UNLIMITED);
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 4342);
  g_assert_false (td_proxy_user_get_enabled (user));
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, 1060.5);
  g_assert_true (td_proxy_user_get_enabled (get_user (list, 4243)));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (get_user (list, 4243)), ==, 0);
}

/* An array of @n_items copies of @item. */
static JsonNode *
build_array_list (guint       n_items,
                  const char *item)
{
  g_autoptr(JsonNode) element = json_from_string (item, NULL);
  JsonArray *array = json_array_sized_new (n_items);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < n_items; i++)
    json_array_add_element (array, json_node_copy (element));

  json_object_set_array_member (object, "list", array);
  json_node_take_object (node, object);

  return node;
}

static void
test_parse_huge (void)
{
  g_autoptr(JsonNode) over = build_array_list (100001, "0");
  g_autoptr(JsonNode) at_cap = build_array_list (100000, "0");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = NULL;

  /* Over the cap: refused before any user is read. */
  list = td_user_list_parse (over, TD_PROXY_TYPE_RESIDENTIAL, &error);
  g_assert_null (list);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "100000"));
  g_clear_error (&error);

  /* At the cap the users are read, and the first bad one is reported. */
  list = td_user_list_parse (at_cap, TD_PROXY_TYPE_RESIDENTIAL, &error);
  g_assert_null (list);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "User 1 "));
}

/* Every member of a good answer replaced by every odd value: each parse
 * either succeeds or fails with INVALID_RESPONSE, never both, never a
 * crash. */
static void
test_parse_mutations (void)
{
  static const char * const members[] = { "created_time", "username", "password", "status",
                                          "traffic_limit", "usage_traffic" };
  static const char * const values[] = {
    NULL, "null", "true", "false", "0", "-1", "1", "2.5", "-2.5", "1e308", "-1e308",
    "9223372036854775807", "-9223372036854775808", "18446744073709551616", "\"\"", "\" \"",
    "\"x\"", "\"NaN\"", "\"-Infinity\"", "\"1e-400\"", "\"007\"", "\"true\"", "[]", "{}",
    "[null]", "{\"a\":1}", "\"\\u00e9t\\u00e9\"", "\"\\ud83d\\ude00\"",
  };
  guint n_ok = 0;
  guint n_refused = 0;

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        {
          g_autofree char *json = one_user_with (members[m], values[v]);
          g_autoptr(GError) error = NULL;
          g_autoptr(TdUserList) list = parse (json, &error);

          g_assert_true ((list == NULL) != (error == NULL));
          if (list != NULL)
            n_ok++;
          else
            {
              g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
              n_refused++;
            }
        }
    }

  g_assert_cmpuint (n_ok, >, 0);
  g_assert_cmpuint (n_refused, >, 0);
}

/*
 * The proxy user's list properties and copy
 */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_proxy_user_properties (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  g_autoptr(GDateTime) when = g_date_time_new_local (2024, 3, 5, 14, 7, 9);
  g_autoptr(GDateTime) same = g_date_time_new_local (2024, 3, 5, 14, 7, 9);
  g_autoptr(GDateTime) read_back = NULL;
  guint n_created = 0;
  guint n_usage = 0;
  double usage = 0;

  g_assert_null (td_proxy_user_get_created_time (user));
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, -1.0);

  g_signal_connect (user, "notify::created-time", G_CALLBACK (count_notify_cb), &n_created);
  g_signal_connect (user, "notify::usage-traffic", G_CALLBACK (count_notify_cb), &n_usage);

  td_proxy_user_set_created_time (user, when);
  g_assert_true (td_proxy_user_get_created_time (user) == when);
  g_assert_cmpuint (n_created, ==, 1);
  /* An equal time is no change. */
  td_proxy_user_set_created_time (user, same);
  g_assert_cmpuint (n_created, ==, 1);
  g_object_get (user, "created-time", &read_back, NULL);
  g_assert_true (g_date_time_equal (read_back, when));
  td_proxy_user_set_created_time (user, NULL);
  g_assert_null (td_proxy_user_get_created_time (user));
  g_assert_cmpuint (n_created, ==, 2);

  td_proxy_user_set_usage_traffic (user, 12.5);
  g_assert_cmpuint (n_usage, ==, 1);
  td_proxy_user_set_usage_traffic (user, 12.5);
  g_assert_cmpuint (n_usage, ==, 1);
  g_object_get (user, "usage-traffic", &usage, NULL);
  g_assert_cmpfloat (usage, ==, 12.5);
  /* Anything negative or not a number means unknown. */
  td_proxy_user_set_usage_traffic (user, -7);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, -1.0);
  g_assert_cmpuint (n_usage, ==, 2);
  td_proxy_user_set_usage_traffic (user, NAN);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, -1.0);
  g_assert_cmpuint (n_usage, ==, 2);
  g_object_set (user, "usage-traffic", 3.0, NULL);
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (user), ==, 3.0);
  g_assert_cmpuint (n_usage, ==, 3);
}

static void
test_proxy_user_copy (void)
{
  g_autoptr(TdProxyUser) user = td_proxy_user_new ();
  g_autoptr(TdProxyUser) copy = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2024, 3, 5, 14, 7, 9);

  td_proxy_user_set_proxy_type (user, TD_PROXY_TYPE_MOBILE);
  td_proxy_user_set_username (user, "copied01");
  td_proxy_user_set_password (user, "Secret77");
  td_proxy_user_set_traffic_limit (user, 4096);
  td_proxy_user_set_enabled (user, FALSE);
  td_proxy_user_set_created_time (user, when);
  td_proxy_user_set_usage_traffic (user, 99.5);

  copy = td_proxy_user_copy (user);
  g_assert_true (copy != user);
  g_assert_cmpint (td_proxy_user_get_proxy_type (copy), ==, TD_PROXY_TYPE_MOBILE);
  g_assert_cmpstr (td_proxy_user_get_username (copy), ==, "copied01");
  g_assert_cmpstr (td_proxy_user_get_password (copy), ==, "Secret77");
  g_assert_true (td_proxy_user_get_password (copy) != td_proxy_user_get_password (user));
  g_assert_cmpint (td_proxy_user_get_traffic_limit (copy), ==, 4096);
  g_assert_false (td_proxy_user_get_enabled (copy));
  g_assert_true (g_date_time_equal (td_proxy_user_get_created_time (copy), when));
  g_assert_cmpfloat (td_proxy_user_get_usage_traffic (copy), ==, 99.5);

  /* Independent afterwards. */
  td_proxy_user_set_password (copy, "Other123");
  td_proxy_user_set_traffic_limit (copy, 0);
  td_proxy_user_set_enabled (copy, TRUE);
  g_assert_cmpstr (td_proxy_user_get_password (user), ==, "Secret77");
  g_assert_cmpint (td_proxy_user_get_traffic_limit (user), ==, 4096);
  g_assert_false (td_proxy_user_get_enabled (user));

  /* A bare user copies as a bare user. */
  {
    g_autoptr(TdProxyUser) bare = td_proxy_user_new ();
    g_autoptr(TdProxyUser) bare_copy = td_proxy_user_copy (bare);

    g_assert_null (td_proxy_user_get_username (bare_copy));
    g_assert_null (td_proxy_user_get_password (bare_copy));
    g_assert_null (td_proxy_user_get_created_time (bare_copy));
    g_assert_cmpfloat (td_proxy_user_get_usage_traffic (bare_copy), ==, -1.0);
    g_assert_true (td_proxy_user_get_enabled (bare_copy));
  }

  g_assert_finalize_object (g_steal_pointer (&copy));
}

/* Printable ASCII only: nothing that reorders, hides or imitates text. */
static void
assert_plain_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true (*p > 0x20 && *p < 0x7f);
}

/* Issue 15, item 5: names that lie are kept as the server has them (to
 * act on them), shown escaped and flagged. */
static void
test_lying_usernames (void)
{
  static const struct {
    const char *json;     /* as the server sends it */
    const char *raw;      /* as parsed */
    const char *shown;
    gboolean    flagged;
  } names[] = {
    { "bob\\u202egnp.exe", "bob\xe2\x80\xaegnp.exe", "bob\\u202Egnp.exe", TRUE },
    { "ali\\u200bce2026", "ali\xe2\x80\x8b" "ce2026", "ali\\u200Bce2026", TRUE },
    { "\\u2066admin01\\u2069", "\xe2\x81\xa6" "admin01\xe2\x81\xa9", "\\u2066admin01\\u2069", TRUE },
    { "\\u0430lice2026", "\xd0\xb0lice2026", "\\u0430lice2026", TRUE },
    { "carol 2026", "carol 2026", "carol\\u00202026", TRUE },
    { "alice2026", "alice2026", "alice2026", FALSE },
  };
  g_autoptr(GString) json = g_string_new ("{\"limit\":10,\"remaining_limit\":4,\"user_count\":6,\"list\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUserList) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (json, "%s{\"username\":\"%s\",\"password\":\"Pass1234\",\"status\":true,"
                            "\"traffic_limit\":0,\"usage_traffic\":0}",
                            i > 0 ? "," : "", names[i].json);
  g_string_append (json, "]}");

  list = parse (json->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      TdProxyUser *user = get_user (list, i);

      g_test_message ("%s", names[i].shown);
      g_assert_cmpstr (td_proxy_user_get_username (user), ==, names[i].raw);
      g_assert_cmpstr (td_proxy_user_get_display_name (user), ==, names[i].shown);
      g_assert_cmpint (td_proxy_user_is_name_flagged (user), ==, names[i].flagged);
      assert_plain_ascii (td_proxy_user_get_display_name (user));
    }
}

static void
test_username_display (void)
{
  static const struct {
    const char *raw;
    const char *shown;
  } cases[] = {
    { "", "" },
    { "back\\slash", "back\\\\slash" },
    { "not\\u202E", "not\\\\u202E" },
    { "tab\there", "tab\\u0009here" },
    { "nul\x7f", "nul\\u007F" },
    { "bad\xff" "byte", "bad\\xFFbyte" },
    { "cut\xe2\x80", "cut\\xE2\\x80" },
    { "emoji\xf0\x9f\x98\x80", "emoji\\U0001F600" },
    { "zwj\xe2\x80\x8d" "x", "zwj\\u200Dx" },
  };
  g_autofree char *from_null = td_username_dup_display (NULL);

  g_assert_cmpstr (from_null, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = td_username_dup_display (cases[i].raw);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      assert_plain_ascii (shown);
    }

  g_assert_true (td_username_is_conforming ("abc123"));
  g_assert_true (td_username_is_conforming ("ABCdef123456789"));
  g_assert_false (td_username_is_conforming ("abc12"));
  g_assert_false (td_username_is_conforming ("ABCdef1234567890"));
  g_assert_false (td_username_is_conforming ("abc_123"));
  g_assert_false (td_username_is_conforming ("abc\xc3\xa9" "123"));
  g_assert_false (td_username_is_conforming (""));
  g_assert_false (td_username_is_conforming (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/user-list/parse/good", test_parse_good);
  g_test_add_func ("/user-list/parse/quota", test_parse_quota);
  g_test_add_func ("/user-list/parse/status", test_parse_status);
  g_test_add_func ("/user-list/parse/numbers-as-strings", test_parse_numbers_as_strings);
  g_test_add_func ("/user-list/parse/created-time", test_parse_created_time);
  g_test_add_func ("/user-list/parse/missing-members", test_parse_missing_members);
  g_test_add_func ("/user-list/parse/wrong-types", test_parse_wrong_types);
  g_test_add_func ("/user-list/parse/empty", test_parse_empty);
  g_test_add_func ("/user-list/parse/large", test_parse_large);
  g_test_add_func ("/user-list/parse/huge", test_parse_huge);
  g_test_add_func ("/user-list/parse/mutations", test_parse_mutations);
  g_test_add_func ("/user-list/proxy-user/properties", test_proxy_user_properties);
  g_test_add_func ("/user-list/proxy-user/copy", test_proxy_user_copy);

  g_test_add_func ("/user-list/lying-usernames", test_lying_usernames);
  g_test_add_func ("/user-list/username-display", test_username_display);

  return g_test_run ();
}
