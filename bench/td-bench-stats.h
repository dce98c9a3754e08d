/* td-bench-stats.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Order statistics of a GArray of doubles (the array is sorted in place).
 * @q is in 0..1 (0.5 the median, 1 the maximum), with linear
 * interpolation between neighbours.  NAN for an empty array. */
double td_bench_quantile (GArray *values,
                          double  q);
double td_bench_median   (GArray *values);
double td_bench_max      (GArray *values);

G_END_DECLS
