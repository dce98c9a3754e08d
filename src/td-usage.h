/* td-usage.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GDate   date;
  /* Traffic used that day, in KB as the API sends it. */
  double  usage_kb;
} TdUsageDay;

/* The answer of GET /proxy-users/usage-statistics, every amount in KB as
 * the API documents it; -1 for an amount the answer did not carry. */
typedef struct
{
  double  traffic_limit_kb;
  double  total_usage_kb;
  double  traffic_balance_kb;
  double  range_usage_kb;
  gint64  query_days;
  /* TdUsageDay, sorted by date, one per day of the range (days the
   * answer did not list count as 0). */
  GArray *days;
} TdUsage;

TdUsage *td_usage_new   (void);
void     td_usage_free  (TdUsage      *usage);

/* Reads the envelope's `data` member of a usage-statistics answer for the
 * range @from..@to (inclusive).  Accepts both shapes seen in the docs and
 * SDKs (a `data` array of {date, usage_traffic} inside the object, or the
 * array itself), numbers as JSON numbers or strings, dates as
 * "yyyy-mm-dd" (also with a time part).  Untrusted input gives
 * TD_API_ERROR_INVALID_RESPONSE, never a crash. */
TdUsage *td_usage_parse (JsonNode     *data,
                         const GDate  *from,
                         const GDate  *to,
                         GError      **error);

/* "1.5 GB", "320 MB", "12 KB": an amount in KB in the locale's format,
 * with its unit (1 MB = 1024 KB, as the dashboard counts). */
char    *td_format_kb   (double        kb);
/* The same for amounts in MB (traffic limits and list usage). */
char    *td_format_mb   (double        mb);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdUsage, td_usage_free)

G_END_DECLS
