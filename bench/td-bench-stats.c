/* td-bench-stats.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "td-bench-stats.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
td_bench_quantile (GArray *values,
                   double  q)
{
  double position;
  guint below;
  double fraction;

  g_return_val_if_fail (values != NULL, NAN);
  g_return_val_if_fail (q >= 0 && q <= 1, NAN);

  if (values->len == 0)
    return NAN;

  g_array_sort (values, compare_doubles);

  position = q * (values->len - 1);
  below = (guint) floor (position);
  fraction = position - below;

  if (below + 1 >= values->len)
    return g_array_index (values, double, values->len - 1);

  return g_array_index (values, double, below) * (1 - fraction) +
         g_array_index (values, double, below + 1) * fraction;
}

double
td_bench_median (GArray *values)
{
  return td_bench_quantile (values, 0.5);
}

double
td_bench_max (GArray *values)
{
  return td_bench_quantile (values, 1.0);
}
