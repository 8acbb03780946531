/* bench-workspace.c — loading the data set from a workspace against
 * parsing the CSV folder it was imported from, in process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-workspace DATA_DIR WORKSPACE [RUNS]
 * WORKSPACE must hold DATA_DIR as its latest import. Prints key=value
 * lines for build-aux/benchmark.sh.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "td-dataset-loader.h"
#include "td-workspace-data.h"

/* Enough of the data set to tell that both ways read the same thing. */
static gint64
checksum (const TdDataset *dataset)
{
  gint64 sum = dataset->n_sales;

  for (guint i = 0; i < dataset->n_sales; i++)
    sum += dataset->sale_net[i] * (i % 7 + 1) + dataset->sale_date[i] + dataset->sale_partner[i] +
           dataset->sale_product[i] + dataset->sale_customer[i] + dataset->sale_flags[i];
  return sum;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 3 ? (guint) atoi (argv[3]) : 3;
  g_autofree double *csv_times = NULL;
  g_autofree double *open_times = NULL;
  g_autofree double *load_times = NULL;
  gint64 csv_sum = 0, workspace_sum = 0;
  guint n_sales = 0;

  if (argc < 3 || runs == 0)
    {
      g_printerr ("usage: bench-workspace DATA_DIR WORKSPACE [RUNS]\n");
      return 2;
    }
  csv_times = g_new (double, runs);
  open_times = g_new (double, runs);
  load_times = g_new (double, runs);

  /* Interleaved, so that both see the same state of the machine. */
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(TdProblems) problems = td_problems_new ();
      g_autoptr(TdDataset) from_csv = NULL;
      g_autoptr(TdDataset) from_workspace = NULL;
      g_autoptr(TdWorkspace) workspace = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;

      from_csv = bench_load_dir (argv[1], &csv_times[run]);
      if (from_csv == NULL)
        {
          g_printerr ("bench-workspace: cannot load %s\n", argv[1]);
          return 1;
        }
      csv_sum = checksum (from_csv);
      n_sales = from_csv->n_sales;
      g_clear_pointer (&from_csv, td_dataset_free);

      /* Opening runs PRAGMA quick_check, which reads the whole file:
       * timed apart from the load itself. */
      start = g_get_monotonic_time ();
      workspace = td_workspace_open (argv[2], FALSE, &error);
      open_times[run] = (g_get_monotonic_time () - start) / 1e6;
      start = g_get_monotonic_time ();
      from_workspace = workspace != NULL ? td_workspace_load_dataset (workspace, problems, &error) : NULL;
      load_times[run] = (g_get_monotonic_time () - start) / 1e6;
      if (from_workspace == NULL)
        {
          g_printerr ("bench-workspace: %s\n", error->message);
          return 1;
        }
      workspace_sum = checksum (from_workspace);
      if (workspace_sum != csv_sum || from_workspace->n_sales != n_sales)
        {
          g_printerr ("bench-workspace: the workspace does not hold the data of %s\n", argv[1]);
          return 1;
        }
    }
  printf ("sales=%u\n", n_sales);
  printf ("csv_load_seconds=%.3f\n", bench_median (csv_times, runs));
  printf ("workspace_open_seconds=%.3f\n", bench_median (open_times, runs));
  printf ("workspace_load_seconds=%.3f\n", bench_median (load_times, runs));
  printf ("checksum=%" G_GINT64_FORMAT "\n", workspace_sum);
  return 0;
}
