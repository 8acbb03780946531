/* bench-live.c — the live what-if of the app, measured without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-live WORKSPACE PROGRAM-ID RULE-ID TIER-ID RUNS: the app's own
 * TdSimulation on the workspace's data set, over the last full year of
 * the data; RUNS edits of one rate, each timed from the edit to the
 * result delivered to the pages (the "updated" signal). Prints shell
 * assignments for build-aux/benchmark.sh. Not a test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "td-program-reader.h"
#include "td-simulation.h"
#include "td-workspace-data.h"

static guint updates;

static void
updated_cb (TdSimulation *simulation,
            guint         slot,
            gpointer      user_data)
{
  if (slot == TD_SIMULATION_CURRENT)
    updates++;
}

static void
wait_for_update (TdSimulation *simulation,
                 guint         count)
{
  while (updates < count || td_simulation_is_busy (simulation))
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdEditor) editor = NULL;
  g_autoptr(TdSimulation) simulation = NULL;
  g_autofree char *json = NULL;
  g_autofree gint64 *latency = NULL;
  const TdDataset *data;
  TdDate from, to;
  gint64 load_start, first_start, first_ms;
  int runs;

  if (argc != 6)
    {
      fprintf (stderr, "usage: bench-live WORKSPACE PROGRAM-ID RULE-ID TIER-ID RUNS\n");
      return 2;
    }
  runs = atoi (argv[5]);
  workspace = td_workspace_open (argv[1], FALSE, &error);
  if (workspace != NULL)
    json = td_workspace_get_version_json (workspace, argv[2], 0, &error);
  if (json == NULL)
    {
      fprintf (stderr, "bench-live: %s\n", error->message);
      return 1;
    }
  program = td_program_read_data (json, strlen (json), problems);
  editor = td_editor_new (program, 1);

  simulation = td_simulation_new ();
  g_signal_connect (simulation, "updated", G_CALLBACK (updated_cb), NULL);
  load_start = g_get_monotonic_time ();
  td_simulation_load (simulation, argv[1]);
  while (td_simulation_get_dataset (simulation) == NULL)
    {
      if (td_simulation_get_error (simulation) != NULL)
        {
          fprintf (stderr, "bench-live: %s\n", td_simulation_get_error (simulation));
          return 1;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  printf ("live_load_seconds=%.3f\n", (double) (g_get_monotonic_time () - load_start) / 1e6);
  data = td_simulation_get_dataset (simulation);
  td_date_preset_period (TD_PRESET_LAST_FULL_YEAR, data->sale_date[0], data->sale_date[data->n_sales - 1], &from, &to);
  td_simulation_set_period (simulation, from, to);
  first_start = g_get_monotonic_time ();
  td_simulation_set_editor (simulation, editor);
  wait_for_update (simulation, 1);
  first_ms = (g_get_monotonic_time () - first_start) / 1000;

  latency = g_new0 (gint64, MAX (runs, 1));
  for (int i = 0; i < runs; i++)
    {
      /* 30 % and 31 % in turn: each edit changes one rule's payouts. */
      if (!td_editor_set_rule_rate (editor, argv[3], argv[4], 300000 + (i % 2 == 0 ? 10000 : 0), &error))
        {
          fprintf (stderr, "bench-live: %s\n", error->message);
          return 1;
        }
      wait_for_update (simulation, (guint) i + 2);
      latency[i] = td_simulation_get_latency (simulation, TD_SIMULATION_CURRENT);
    }
  qsort (latency, (gsize) runs, sizeof (gint64), compare_gint64);
  printf ("live_first_ms=%" G_GINT64_FORMAT "\n", first_ms);
  printf ("live_median_ms=%.1f\n", (double) latency[runs / 2] / 1000.0);
  printf ("live_max_ms=%.1f\n", (double) latency[runs - 1] / 1000.0);
  return 0;
}
