/* td-usage-chart.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-usage.h"

G_BEGIN_DECLS

#define TD_TYPE_USAGE_CHART (td_usage_chart_get_type ())

G_DECLARE_FINAL_TYPE (TdUsageChart, td_usage_chart, TD, USAGE_CHART, GtkWidget)

TdUsageChart *td_usage_chart_new         (void);
/* Draws one bar per day of @usage (the days are copied); NULL clears the
 * chart.  The accessible description summarises the data. */
void          td_usage_chart_set_usage   (TdUsageChart  *self,
                                          const TdUsage *usage);
/* The summary given to assistive technologies ("Daily traffic over 30
 * days, highest 1.2 GB on 05/03/26"). */
const char   *td_usage_chart_get_summary (TdUsageChart  *self);

G_END_DECLS
