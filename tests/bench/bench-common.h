/* bench-common.h — what the benchmarks share: loading a data set, timed,
 * and the median of the runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-dataset.h"

G_BEGIN_DECLS

/* The data set of the CSV folder @dir, and the seconds it took to load in
 * @seconds; NULL when it cannot be loaded. */
TdDataset *bench_load_dir (const char *dir,
                           double     *seconds);
/* Sorts @values. */
double     bench_median   (double     *values,
                           guint       n);

G_END_DECLS
