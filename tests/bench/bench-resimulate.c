/* bench-resimulate.c — live what-if speed: re-simulation after one rate
 * changes, on a data set already in memory, against a plain scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-resimulate PROGRAM.json DATA_DIR FROM TO [RUNS]
 * Prints key=value lines for build-aux/benchmark.sh.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "td-dataset-loader.h"
#include "td-engine.h"
#include "td-validator.h"

/* The floor: one pass over the columns a simulation must at least read. */
static gint64
plain_scan (const TdDataset *dataset,
            guint            lo,
            guint            hi)
{
  gint64 sum = 0;

  for (guint i = lo; i < hi; i++)
    sum += dataset->sale_net[i] + dataset->sale_partner[i] + dataset->sale_product[i] + dataset->sale_flags[i] +
           dataset->sale_date[i] + dataset->sale_quantity[i];
  return sum;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdSimulator) simulator = NULL;
  TdSimulateOptions options = { 0 };
  guint runs = argc > 5 ? (guint) atoi (argv[5]) : 20;
  g_autofree double *times = NULL;
  g_autofree double *scans = NULL;
  TdRule *rule = NULL;
  TdEntry *entry;
  gint64 start, sink = 0;
  double load_seconds = 0;
  guint lo, hi;

  if (argc < 5)
    {
      g_printerr ("usage: bench-resimulate PROGRAM.json DATA_DIR FROM TO [RUNS]\n");
      return 2;
    }
  program = td_program_load (argv[1], problems);
  dataset = bench_load_dir (argv[2], &load_seconds);
  if (program == NULL || dataset == NULL || !td_date_parse (argv[3], &options.from, NULL) ||
      !td_date_parse (argv[4], &options.to, NULL))
    {
      g_printerr ("bench-resimulate: cannot load the program or the data\n");
      return 1;
    }
  printf ("load_seconds=%.3f\n", load_seconds);
  printf ("sales=%u\n", dataset->n_sales);

  for (guint r = 0; r < program->rules->len && rule == NULL; r++)
    if (((TdRule *) program->rules->pdata[r])->rates != NULL &&
        ((TdRule *) program->rules->pdata[r])->rates->len > 0)
      rule = program->rules->pdata[r];
  g_assert_nonnull (rule);
  entry = &g_array_index (rule->rates, TdEntry, 0);

  /* The app keeps one simulator per data set; the first run builds its
   * context, as opening the Simulate page does. */
  simulator = td_simulator_new (dataset);
  start = g_get_monotonic_time ();
  {
    g_autoptr(TdResult) first = td_simulator_run (simulator, program, &options, NULL);
    g_assert_nonnull (first);
  }
  printf ("first_simulation_ms=%.2f\n", (g_get_monotonic_time () - start) / 1e3);

  times = g_new (double, runs);
  scans = g_new (double, runs);
  /* The floor scans every sale, as the benchmark's definition says. */
  lo = 0;
  hi = dataset->n_sales;
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(TdResult) result = NULL;

      /* One rate changes, as when a channel manager types in a cell. */
      entry->value += TD_RATE_SCALE;
      start = g_get_monotonic_time ();
      result = td_simulator_run (simulator, program, &options, NULL);
      times[run] = (g_get_monotonic_time () - start) / 1e3;
      g_assert_nonnull (result);
      sink += result->payout;

      start = g_get_monotonic_time ();
      sink += plain_scan (dataset, lo, hi);
      scans[run] = (g_get_monotonic_time () - start) / 1e3;
    }
  printf ("period_sales=%u\n", td_dataset_first_sale_on_or_after (dataset, options.to + 1) -
                               td_dataset_first_sale_on_or_after (dataset, options.from));
  printf ("resimulate_median_ms=%.2f\n", bench_median (times, runs));
  printf ("scan_median_ms=%.2f\n", bench_median (scans, runs));
  printf ("checksum=%" G_GINT64_FORMAT "\n", sink);
  return 0;
}
