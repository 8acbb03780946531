/* bench-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "bench-common.h"
#include "td-dataset-loader.h"

TdDataset *
bench_load_dir (const char *dir,
                double     *seconds)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  gint64 start = g_get_monotonic_time ();
  TdDataset *dataset = td_dataset_load_dir (dir, NULL, problems);

  *seconds = (g_get_monotonic_time () - start) / 1e6;
  return dataset;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
