/* test-usage.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "td-error.h"
#include "td-usage.h"

static void
set_date (GDate *date,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* Parses @json for the range @from_day..@to_day of January 2026. */
static TdUsage *
parse_january (const char  *json,
               int          from_day,
               int          to_day,
               GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &parse_error);
  GDate from;
  GDate to;

  g_assert_no_error (parse_error);
  set_date (&from, 2026, 1, from_day);
  set_date (&to, 2026, 1, to_day);

  return td_usage_parse (node, &from, &to, error);
}

static void
assert_refused (const char *json,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = parse_january (json, 1, 7, &error);

  g_test_message ("refused? %s", json);
  g_assert_null (usage);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (strlen (error->message), >, 10);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static TdUsageDay *
get_day (TdUsage *usage,
         guint    index)
{
  g_assert_cmpuint (usage->days->len, >, index);

  return &g_array_index (usage->days, TdUsageDay, index);
}

/* Every day of the range is there, in order, starting at January @from_day. */
static void
assert_days (TdUsage *usage,
             int      from_day,
             guint    n_days)
{
  GDate expected;

  g_assert_cmpuint (usage->days->len, ==, n_days);
  set_date (&expected, 2026, 1, from_day);

  for (guint i = 0; i < n_days; i++)
    {
      g_assert_cmpint (g_date_compare (&get_day (usage, i)->date, &expected), ==, 0);
      g_date_add_days (&expected, 1);
    }
}

/*
 * Parsing
 */

static void
test_parse_object (void)
{
  static const char json[] =
    "{\"traffic_limit\":10485760,\"total_usage_traffic\":3145728,\"traffic_balance\":7340032,"
    "\"query_days\":7,\"range_usage_traffic\":4608,"
    "\"data\":[{\"date\":\"2026-01-02\",\"usage_traffic\":1024},"
    "{\"date\":\"2026-01-05\",\"usage_traffic\":3584}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = parse_january (json, 1, 7, &error);

  g_assert_no_error (error);
  g_assert_nonnull (usage);

  /* Amounts stay in KB, as sent. */
  g_assert_cmpfloat (usage->traffic_limit_kb, ==, 10485760);
  g_assert_cmpfloat (usage->total_usage_kb, ==, 3145728);
  g_assert_cmpfloat (usage->traffic_balance_kb, ==, 7340032);
  g_assert_cmpfloat (usage->range_usage_kb, ==, 4608);
  g_assert_cmpint (usage->query_days, ==, 7);

  assert_days (usage, 1, 7);
  g_assert_cmpfloat (get_day (usage, 0)->usage_kb, ==, 0);
  g_assert_cmpfloat (get_day (usage, 1)->usage_kb, ==, 1024);
  g_assert_cmpfloat (get_day (usage, 2)->usage_kb, ==, 0);
  g_assert_cmpfloat (get_day (usage, 3)->usage_kb, ==, 0);
  g_assert_cmpfloat (get_day (usage, 4)->usage_kb, ==, 3584);
  g_assert_cmpfloat (get_day (usage, 5)->usage_kb, ==, 0);
  g_assert_cmpfloat (get_day (usage, 6)->usage_kb, ==, 0);
}

static void
test_parse_array (void)
{
  static const char json[] =
    "[{\"date\":\"2026-01-03\",\"usage_traffic\":\"2.5\"},"
    "{\"date\":\"2026-01-01\",\"usage_traffic\":7}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = parse_january (json, 1, 3, &error);

  g_assert_no_error (error);

  /* The bare array has no summary. */
  g_assert_cmpfloat (usage->traffic_limit_kb, ==, -1);
  g_assert_cmpfloat (usage->total_usage_kb, ==, -1);
  g_assert_cmpfloat (usage->traffic_balance_kb, ==, -1);
  g_assert_cmpfloat (usage->range_usage_kb, ==, -1);
  g_assert_cmpint (usage->query_days, ==, -1);

  assert_days (usage, 1, 3);
  g_assert_cmpfloat (get_day (usage, 0)->usage_kb, ==, 7);
  g_assert_cmpfloat (get_day (usage, 1)->usage_kb, ==, 0);
  g_assert_cmpfloat (get_day (usage, 2)->usage_kb, ==, 2.5);
}

static void
test_parse_units (void)
{
  static const char json[] =
    "{\"traffic_limit\":\"1048576\",\"total_usage_traffic\":1536.5,\"traffic_balance\":\"1e3\","
    "\"query_days\":\"2\",\"range_usage_traffic\":\" 0.25 \","
    "\"data\":[{\"date\":\"2026-01-01\",\"usage_traffic\":\"0.25\"},"
    "{\"date\":\"2026-01-02\",\"usage_traffic\":0}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = parse_january (json, 1, 2, &error);
  g_autoptr(TdUsage) negative_balance = NULL;
  g_autoptr(TdUsage) nulls = NULL;

  g_assert_no_error (error);
  g_assert_cmpfloat (usage->traffic_limit_kb, ==, 1048576);
  g_assert_cmpfloat (usage->total_usage_kb, ==, 1536.5);
  g_assert_cmpfloat (usage->traffic_balance_kb, ==, 1000);
  g_assert_cmpfloat (usage->range_usage_kb, ==, 0.25);
  g_assert_cmpint (usage->query_days, ==, 2);
  g_assert_cmpfloat (get_day (usage, 0)->usage_kb, ==, 0.25);

  /* More used than allowed: nothing is left. */
  negative_balance = parse_january ("{\"traffic_balance\":-20,\"data\":[]}", 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (negative_balance->traffic_balance_kb, ==, 0);

  nulls = parse_january ("{\"traffic_limit\":null,\"query_days\":null,\"data\":null}", 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (nulls->traffic_limit_kb, ==, -1);
  g_assert_cmpint (nulls->query_days, ==, -1);
  assert_days (nulls, 1, 2);
}

static void
test_parse_gaps_and_sorting (void)
{
  /* Unsorted, a day twice (hours add up), times of day, days outside the
   * range (ignored). */
  static const char json[] =
    "{\"data\":["
    "{\"date\":\"2026-01-09\",\"usage_traffic\":9},"
    "{\"date\":\"2026-01-06 13\",\"usage_traffic\":1},"
    "{\"date\":\"2026-01-04\",\"usage_traffic\":4},"
    "{\"date\":\"2026-01-06T05:00:00Z\",\"usage_traffic\":2},"
    "{\"date\":\"2025-12-31\",\"usage_traffic\":100},"
    "{\"date\":\"2026-01-11\",\"usage_traffic\":100},"
    "{\"date\":\"2026-01-10 23:59:59\",\"usage_traffic\":10}"
    "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = parse_january (json, 3, 10, &error);
  double expected[] = { 0, 4, 0, 3, 0, 0, 9, 10 };

  g_assert_no_error (error);
  assert_days (usage, 3, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpfloat (get_day (usage, i)->usage_kb, ==, expected[i]);

  /* Empty data: every day at 0. */
  {
    g_autoptr(TdUsage) empty = parse_january ("{\"data\":[]}", 1, 31, &error);

    g_assert_no_error (error);
    assert_days (empty, 1, 31);
    for (guint i = 0; i < 31; i++)
      g_assert_cmpfloat (get_day (empty, i)->usage_kb, ==, 0);
  }

  /* One day, across a year's end. */
  {
    g_autoptr(JsonNode) node = json_from_string ("[{\"date\":\"2025-12-31\",\"usage_traffic\":5},"
                                                 "{\"date\":\"2026-01-01\",\"usage_traffic\":6}]",
                                                 NULL);
    g_autoptr(TdUsage) year_end = NULL;
    GDate from;
    GDate to;

    set_date (&from, 2025, 12, 31);
    set_date (&to, 2026, 1, 1);
    year_end = td_usage_parse (node, &from, &to, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (year_end->days->len, ==, 2);
    g_assert_cmpint (g_date_get_year (&get_day (year_end, 0)->date), ==, 2025);
    g_assert_cmpfloat (get_day (year_end, 0)->usage_kb, ==, 5);
    g_assert_cmpfloat (get_day (year_end, 1)->usage_kb, ==, 6);
  }
}

static void
test_parse_bad_dates (void)
{
  static const char * const dates[] = {
    "\"2026-13-01\"", "\"2026-02-30\"", "\"2026-00-10\"", "\"2026-01-00\"", "\"01/02/2026\"",
    "\"2026/01/02\"", "\"2026-1-2\"", "\"\"", "\"2026-01-02X\"", "\"2026-01\"", "\"yesterday\"",
    "20260102", "null", "true", "[]", "{}", "\"0000-01-01\"", "\"+026-01-01\"",
    "\"2026-01-02 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"data\":[{\"date\":\"2026-01-01\","
                                               "\"usage_traffic\":1},"
                                               "{\"date\":%s,\"usage_traffic\":1}]}",
                                               dates[i]);

      assert_refused (json, "Day 2 ");
    }

  assert_refused ("{\"data\":[{\"usage_traffic\":1}]}", "date");
}

static void
test_parse_bad_values (void)
{
  static const char * const amounts[] = {
    "-1", "\"-1\"", "\"nan\"", "\"NaN\"", "\"inf\"", "\"Infinity\"", "\"0x10\"", "\"12 KB\"",
    "\"\"", "true", "null", "[]", "{}", "\"1e999\"",
  };
  static const char * const summaries[] = {
    "{\"traffic_limit\":-1,\"data\":[]}",
    "{\"total_usage_traffic\":\"lots\",\"data\":[]}",
    "{\"range_usage_traffic\":-0.5,\"data\":[]}",
    "{\"traffic_balance\":\"nan\",\"data\":[]}",
    "{\"traffic_limit\":[],\"data\":[]}",
    "{\"traffic_limit\":{},\"data\":[]}",
    "{\"query_days\":2.5,\"data\":[]}",
    "{\"query_days\":-3,\"data\":[]}",
    "{\"query_days\":1e12,\"data\":[]}",
    "{\"query_days\":true,\"data\":[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{\"date\":\"2026-01-01\",\"usage_traffic\":%s}]",
                                               amounts[i]);

      assert_refused (json, "usage_traffic");
    }

  assert_refused ("[{\"date\":\"2026-01-01\"}]", "usage_traffic");

  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    assert_refused (summaries[i], NULL);

  assert_refused ("{\"total_usage_traffic\":\"lots\",\"data\":[]}", "total_usage_traffic");
}

static void
test_parse_shapes (void)
{
  static const char * const shapes[] = {
    "null", "\"data\"", "42", "true", "{\"data\":{}}", "{\"data\":\"none\"}", "{\"data\":3}",
    "[null]", "[1]", "[[]]", "[\"2026-01-01\"]", "{\"data\":[{\"date\":\"2026-01-01\","
    "\"usage_traffic\":1},7]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) no_data = NULL;
  GDate day;

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    assert_refused (shapes[i], NULL);

  /* A summary without days. */
  no_data = parse_january ("{\"traffic_limit\":0,\"total_usage_traffic\":12}", 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (no_data->traffic_limit_kb, ==, 0);
  g_assert_cmpfloat (no_data->total_usage_kb, ==, 12);
  assert_days (no_data, 1, 2);

  /* A NULL node is an unreadable answer too. */
  set_date (&day, 2026, 1, 1);
  g_assert_null (td_usage_parse (NULL, &day, &day, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);

  /* td_usage_new() alone: nothing known. */
  {
    g_autoptr(TdUsage) fresh = td_usage_new ();

    g_assert_cmpfloat (fresh->total_usage_kb, ==, -1);
    g_assert_cmpint (fresh->query_days, ==, -1);
    g_assert_cmpuint (fresh->days->len, ==, 0);
    td_usage_free (NULL);
  }
}

static JsonNode *
build_days (guint n_items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GDate date;

  set_date (&date, 2026, 1, 1);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&date),
                  g_date_get_month (&date), g_date_get_day (&date));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "usage_traffic");
      json_builder_add_int_value (builder, i);
      json_builder_end_object (builder);
      g_date_add_days (&date, 1);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static void
test_parse_huge (void)
{
  g_autoptr(JsonNode) at_cap = build_days (400);
  g_autoptr(JsonNode) over = build_days (401);
  g_autoptr(JsonNode) very_large = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = NULL;
  GDate from;
  GDate to;

  set_date (&from, 2026, 1, 1);
  to = from;
  g_date_add_days (&to, 399);

  /* 400 days, 400 entries: read. */
  usage = td_usage_parse (at_cap, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usage->days->len, ==, 400);
  g_assert_cmpfloat (get_day (usage, 399)->usage_kb, ==, 399);
  g_clear_pointer (&usage, td_usage_free);

  /* 401 entries: refused, whatever the range. */
  usage = td_usage_parse (over, &from, &to, &error);
  g_assert_null (usage);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "400"));
  g_clear_error (&error);

  /* A range of 401 days: refused before reading. */
  g_date_add_days (&to, 1);
  usage = td_usage_parse (at_cap, &from, &to, &error);
  g_assert_null (usage);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* A million entries are refused without being read. */
  {
    JsonArray *array = json_array_sized_new (1000000);

    for (guint i = 0; i < 1000000; i++)
      json_array_add_null_element (array);
    very_large = json_node_new (JSON_NODE_ARRAY);
    json_node_take_array (very_large, array);
  }
  usage = td_usage_parse (very_large, &from, &from, &error);
  g_assert_null (usage);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE);
}

/* Found by tests/fuzz/fuzz-usage.c (corpus/usage/sum-overflows): two
 * entries of the largest double for one day added up to infinity. */
static void
test_parse_sum_overflow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = NULL;

  usage = parse_january ("[{\"date\":\"2026-01-02\",\"usage_traffic\":1.7976931348623157e308},"
                         " {\"date\":\"2026-01-02 13\",\"usage_traffic\":1.7976931348623157e308},"
                         " {\"date\":\"2026-01-03\",\"usage_traffic\":1}]",
                         1, 3, &error);
  g_assert_no_error (error);
  assert_days (usage, 1, 3);
  g_assert_cmpfloat (get_day (usage, 0)->usage_kb, ==, 0);
  g_assert_true (isfinite (get_day (usage, 1)->usage_kb));
  g_assert_cmpfloat (get_day (usage, 1)->usage_kb, ==, G_MAXDOUBLE);
  g_assert_cmpfloat (get_day (usage, 2)->usage_kb, ==, 1);
}

/*
 * Formatting
 */

static void
test_format_kb (void)
{
  static const struct { double kb; const char *text; } cases[] = {
    { 0, "0 MB" },
    { 12, "12.0 KB" },
    { 0.25, "0.2 KB" },
    { 1023, "1023.0 KB" },
    { 1023.96, "1.0 MB" },
    { 1024, "1.0 MB" },
    { 1536, "1.5 MB" },
    { 320 * 1024, "320.0 MB" },
    { 1.5 * 1024 * 1024, "1.5 GB" },
    { 1024.0 * 1024 * 1024, "1.0 TB" },
    { 5.25 * 1024 * 1024 * 1024, "5.2 TB" },
    /* TB is the largest unit. */
    { 2048.0 * 1024 * 1024 * 1024, "2048.0 TB" },
    { -1, "Unknown" },
    { -0.001, "Unknown" },
    { NAN, "Unknown" },
    { INFINITY, "Unknown" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = td_format_kb (cases[i].kb);

      g_test_message ("%g KB", cases[i].kb);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_mb (void)
{
  static const struct { double mb; const char *text; } cases[] = {
    { 0, "0 MB" },
    { 0.5, "512.0 KB" },
    { 1, "1.0 MB" },
    { 100, "100.0 MB" },
    { 1023.99, "1.0 GB" },
    { 1536, "1.5 GB" },
    { 2147483647, "2048.0 TB" },
    { -1, "Unknown" },
    { NAN, "Unknown" },
    /* Absurd, but still an amount in the largest unit. */
    { 1e308, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = td_format_mb (cases[i].mb);

      g_test_message ("%g MB", cases[i].mb);
      g_assert_nonnull (text);
      if (cases[i].text != NULL)
        g_assert_cmpstr (text, ==, cases[i].text);
      else
        g_assert_true (g_str_has_suffix (text, " TB"));
    }
}

static void
test_format_locale (void)
{
  static const char * const locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                          "fr_FR.utf8", "nl_NL.UTF-8", "es_ES.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *chosen = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && chosen == NULL; i++)
    chosen = setlocale (LC_NUMERIC, locales[i]);

  if (chosen == NULL)
    {
      g_test_skip ("No locale with a decimal comma is installed");
      return;
    }

  {
    g_autofree char *kb = td_format_kb (1536);
    g_autofree char *mb = td_format_mb (0.5);
    g_autofree char *zero = td_format_kb (0);

    setlocale (LC_NUMERIC, saved);

    /* The locale's decimal separator, not a hard-coded point. */
    g_assert_cmpstr (kb, ==, "1,5 MB");
    g_assert_cmpstr (mb, ==, "512,0 KB");
    g_assert_cmpstr (zero, ==, "0 MB");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/usage/parse/object", test_parse_object);
  g_test_add_func ("/usage/parse/array", test_parse_array);
  g_test_add_func ("/usage/parse/units", test_parse_units);
  g_test_add_func ("/usage/parse/gaps-and-sorting", test_parse_gaps_and_sorting);
  g_test_add_func ("/usage/parse/bad-dates", test_parse_bad_dates);
  g_test_add_func ("/usage/parse/bad-values", test_parse_bad_values);
  g_test_add_func ("/usage/parse/shapes", test_parse_shapes);
  g_test_add_func ("/usage/parse/huge", test_parse_huge);
  g_test_add_func ("/usage/parse/sum-overflow", test_parse_sum_overflow);
  g_test_add_func ("/usage/format/kb", test_format_kb);
  g_test_add_func ("/usage/format/mb", test_format_mb);
  g_test_add_func ("/usage/format/locale", test_format_locale);

  return g_test_run ();
}
