/* td-usage.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-error.h"
#include "td-json.h"
#include "td-usage.h"

/* The server answers at most 180 days (10021); past this many days or
 * entries the answer is refused rather than read. */
#define MAX_USAGE_DAYS 400

/* Longest date text read, in bytes ("2026-11-27 13:00:00" and variants). */
#define MAX_DATE_BYTES 40

TdUsage *
td_usage_new (void)
{
  TdUsage *usage = g_new0 (TdUsage, 1);

  usage->traffic_limit_kb = -1;
  usage->total_usage_kb = -1;
  usage->traffic_balance_kb = -1;
  usage->range_usage_kb = -1;
  usage->query_days = -1;
  usage->days = g_array_new (FALSE, TRUE, sizeof (TdUsageDay));

  return usage;
}

void
td_usage_free (TdUsage *usage)
{
  if (usage == NULL)
    return;

  g_clear_pointer (&usage->days, g_array_unref);
  g_free (usage);
}

static GError *
new_shape_error (void)
{
  return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                              _("The usage statistics Thordata sent are not in the expected "
                                "form."));
}

static GError *
new_bad_member_error (const char *member)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %s is the name of a field of the API, such as
                       * usage_traffic, which is not translated */
                      _("The usage statistics Thordata sent have an unreadable “%s” value."),
                      member);
}

static GError *
new_bad_day_error (guint       position,
                   const char *member)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %u is the position of a day in the statistics (1, 2,
                       * ...), %s the name of a field of the API, such as usage_traffic,
                       * which is not translated */
                      _("Day %u of the usage statistics Thordata sent has no readable “%s” "
                        "value."),
                      position, member);
}

static GError *
new_too_many_days_error (void)
{
  return g_error_new (TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                      /* Translators: %u is a number of days, such as 400 */
                      ngettext ("Usage statistics of more than %u day cannot be shown at once.",
                                "Usage statistics of more than %u days cannot be shown at once.",
                                MAX_USAGE_DAYS),
                      (guint) MAX_USAGE_DAYS);
}

/* An amount in KB of the summary: absent or null is -1.  A negative
 * balance (more used than allowed) reads as nothing left; any other
 * negative amount is refused. */
static gboolean
read_summary_amount (JsonObject  *object,
                     const char  *member,
                     double      *out_value,
                     GError     **error)
{
  JsonNode *node;
  double value;

  g_assert (object != NULL);
  g_assert (member != NULL);
  g_assert (out_value != NULL);

  node = json_object_get_member (object, member);
  if (td_json_node_is_missing (node))
    {
      *out_value = -1;
      return TRUE;
    }

  if (!td_json_node_get_number (node, &value) ||
      (value < 0 && !g_str_equal (member, "traffic_balance")))
    {
      g_propagate_error (error, new_bad_member_error (member));
      return FALSE;
    }

  *out_value = MAX (value, 0);

  return TRUE;
}

/* `query_days`: a whole number of days; absent or null is -1. */
static gboolean
read_query_days (JsonObject  *object,
                 gint64      *out_value,
                 GError     **error)
{
  JsonNode *node;
  double value;

  g_assert (object != NULL);
  g_assert (out_value != NULL);

  node = json_object_get_member (object, "query_days");
  if (td_json_node_is_missing (node))
    {
      *out_value = -1;
      return TRUE;
    }

  if (!td_json_node_get_number (node, &value) || value < 0 || value > G_MAXINT32 ||
      (double) (gint64) value != value)
    {
      g_propagate_error (error, new_bad_member_error ("query_days"));
      return FALSE;
    }

  *out_value = (gint64) value;

  return TRUE;
}

/* "yyyy-mm-dd", alone or followed by a time part after a space or a 'T'
 * ("2026-11-27 13", "2026-11-27T13:00:00Z"), which is ignored. */
static gboolean
parse_day (const char *text,
           GDate      *out_date)
{
  gsize length;
  int year, month, day;

  g_assert (out_date != NULL);

  if (text == NULL)
    return FALSE;

  length = strlen (text);
  if (length < 10 || length > MAX_DATE_BYTES)
    return FALSE;

  if (text[4] != '-' || text[7] != '-')
    return FALSE;
  if (length > 10 && text[10] != ' ' && text[10] != 'T')
    return FALSE;

  year = td_json_read_digits (text, 4);
  month = td_json_read_digits (text + 5, 2);
  day = td_json_read_digits (text + 8, 2);

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);

  return TRUE;
}

TdUsage *
td_usage_parse (JsonNode     *data,
                const GDate  *from,
                const GDate  *to,
                GError      **error)
{
  g_autoptr(TdUsage) usage = NULL;
  JsonArray *items = NULL;
  guint n_days;
  guint length;

  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);
  g_return_val_if_fail (g_date_compare (from, to) <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_days = g_date_days_between (from, to) + 1;
  if (n_days > MAX_USAGE_DAYS)
    {
      g_propagate_error (error, new_too_many_days_error ());
      return NULL;
    }

  usage = td_usage_new ();

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_node_get_object (data);
      JsonNode *node;

      if (!read_summary_amount (object, "traffic_limit", &usage->traffic_limit_kb, error) ||
          !read_summary_amount (object, "total_usage_traffic", &usage->total_usage_kb, error) ||
          !read_summary_amount (object, "traffic_balance", &usage->traffic_balance_kb, error) ||
          !read_summary_amount (object, "range_usage_traffic", &usage->range_usage_kb, error) ||
          !read_query_days (object, &usage->query_days, error))
        return NULL;

      node = json_object_get_member (object, "data");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        items = json_node_get_array (node);
      else if (!td_json_node_is_missing (node))
        {
          g_propagate_error (error, new_shape_error ());
          return NULL;
        }
    }
  else if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
    {
      items = json_node_get_array (data);
    }
  else
    {
      g_propagate_error (error, new_shape_error ());
      return NULL;
    }

  length = items != NULL ? json_array_get_length (items) : 0;
  if (length > MAX_USAGE_DAYS)
    {
      g_propagate_error (error, new_too_many_days_error ());
      return NULL;
    }

  /* One entry per day of the range, in order; days the answer leaves
   * out stay at 0. */
  g_array_set_size (usage->days, n_days);
  for (guint i = 0; i < n_days; i++)
    {
      TdUsageDay *day = &g_array_index (usage->days, TdUsageDay, i);

      day->date = *from;
      g_date_add_days (&day->date, i);
      day->usage_kb = 0;
    }

  for (guint i = 0; i < length; i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *object;
      JsonNode *node;
      GDate date;
      double amount;
      double *day_kb;

      if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
        {
          g_propagate_error (error, new_shape_error ());
          return NULL;
        }

      object = json_node_get_object (item);

      node = json_object_get_member (object, "date");
      if (!td_json_node_holds (node, G_TYPE_STRING) || !parse_day (json_node_get_string (node), &date))
        {
          g_propagate_error (error, new_bad_day_error (i + 1, "date"));
          return NULL;
        }

      node = json_object_get_member (object, "usage_traffic");
      if (!td_json_node_get_number (node, &amount) || amount < 0)
        {
          g_propagate_error (error, new_bad_day_error (i + 1, "usage_traffic"));
          return NULL;
        }

      /* A day outside the range (the server's time zone may differ) is
       * not part of the chart; several entries for one day (hours) add
       * up, to the largest double at most: an infinite day would make
       * the chart divide infinity by infinity. */
      if (g_date_compare (&date, from) < 0 || g_date_compare (&date, to) > 0)
        continue;

      day_kb = &g_array_index (usage->days, TdUsageDay, g_date_days_between (from, &date)).usage_kb;
      *day_kb = MIN (*day_kb + amount, G_MAXDOUBLE);
    }

  return g_steal_pointer (&usage);
}

char *
td_format_kb (double kb)
{
  double value = kb;
  guint unit = 0;

  if (!isfinite (kb) || kb < 0)
    {
      /* Translators: shown instead of an amount of traffic the server did
       * not report */
      return g_strdup (C_("amount of traffic", "Unknown"));
    }

  if (kb == 0)
    {
      /* Translators: no data traffic at all */
      return g_strdup (_("0 MB"));
    }

  /* The next unit as soon as the number would be written as 1024.0. */
  while (unit < 3 && value >= 1023.95)
    {
      value /= 1024;
      unit++;
    }

  switch (unit)
    {
    case 0:
      /* Translators: an amount of data traffic; %.1f is a number such as
       * 1.5, in the locale's format.  1 MB is 1024 KB, as the Thordata
       * dashboard counts, so these are not SI units */
      return g_strdup_printf (_("%.1f KB"), value);

    case 1:
      /* Translators: an amount of data traffic; %.1f is a number such as 1.5 */
      return g_strdup_printf (_("%.1f MB"), value);

    case 2:
      /* Translators: an amount of data traffic; %.1f is a number such as 1.5 */
      return g_strdup_printf (_("%.1f GB"), value);

    default:
      /* Translators: an amount of data traffic; %.1f is a number such as 1.5 */
      return g_strdup_printf (_("%.1f TB"), value);
    }
}

char *
td_format_mb (double mb)
{
  if (!isfinite (mb) || mb < 0)
    return td_format_kb (-1);

  return td_format_kb (MIN (mb, G_MAXDOUBLE / 1024) * 1024);
}
