/* fuzz-usage.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer of GET /proxy-users/usage-statistics, from the response body
 * on: td_envelope_parse(), then td_usage_parse() on its data for two
 * ranges (two weeks across a leap day, and one day), then the formatting
 * the usage dialog applies.  Checked for every input: exactly one of a
 * result and an error; a result has one day per day of the range, in
 * order, with amounts that are numbers.
 */

#include "config.h"

#include <math.h>

#include "td-envelope.h"
#include "td-error.h"
#include "td-fuzz.h"
#include "td-usage.h"

static void
check_amount (double kb)
{
  g_autofree char *text = NULL;

  g_assert_true (kb == -1 || (isfinite (kb) && kb >= 0));

  text = td_format_kb (kb);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
parse_range (JsonNode    *node,
             const GDate *from,
             const GDate *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdUsage) usage = NULL;
  guint n_days;

  usage = td_usage_parse (node, from, to, &error);
  g_assert_true ((usage == NULL) != (error == NULL));

  if (usage == NULL)
    {
      td_fuzz_check_error (error);
      g_assert_true (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE));
      return;
    }

  check_amount (usage->traffic_limit_kb);
  check_amount (usage->total_usage_kb);
  check_amount (usage->traffic_balance_kb);
  check_amount (usage->range_usage_kb);
  g_assert_true (usage->query_days == -1 ||
                 (usage->query_days >= 0 && usage->query_days <= G_MAXINT32));

  n_days = g_date_days_between (from, to) + 1;
  g_assert_nonnull (usage->days);
  g_assert_cmpuint (usage->days->len, ==, n_days);

  for (guint i = 0; i < usage->days->len; i++)
    {
      const TdUsageDay *day = &g_array_index (usage->days, TdUsageDay, i);

      g_assert_true (g_date_valid (&day->date));
      g_assert_cmpint (g_date_days_between (from, &day->date), ==, i);
      g_assert_true (isfinite (day->usage_kb) && day->usage_kb >= 0);
      check_amount (day->usage_kb);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GDate from;
  GDate to;
  GDate day;

  td_fuzz_init ();

  node = td_envelope_parse ((const char *) data, size, 200, &error);
  if (node == NULL)
    {
      td_fuzz_check_error (error);
      return 0;
    }

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 20, G_DATE_FEBRUARY, 2024);
  g_date_set_dmy (&to, 5, G_DATE_MARCH, 2024);
  parse_range (node, &from, &to);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 31, G_DATE_DECEMBER, 2024);
  parse_range (node, &day, &day);

  return 0;
}
