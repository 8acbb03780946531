/* test-simulator.c — a re-simulation that reuses its cache gives the
 * same report as a fresh one, edit after edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-dataset-loader.h"
#include "td-engine.h"
#include "td-report.h"
#include "td-validator.h"
#include "test-common.h"

typedef void (*EditFunc) (TdProgram *program);

static void
raise_every_rate (TdProgram *program)
{
  for (guint r = 0; r < program->rules->len; r++)
    {
      TdRule *rule = program->rules->pdata[r];
      for (guint i = 0; rule->rates != NULL && i < rule->rates->len; i++)
        g_array_index (rule->rates, TdEntry, i).value += 12500;
    }
}

static void
drop_last_rule (TdProgram *program)
{
  if (program->rules->len > 0)
    g_ptr_array_remove_index (program->rules, program->rules->len - 1);
}

static void
reverse_rules (TdProgram *program)
{
  for (guint i = 0, j = program->rules->len; i + 1 < j; i++, j--)
    {
      gpointer swap = program->rules->pdata[i];
      program->rules->pdata[i] = program->rules->pdata[j - 1];
      program->rules->pdata[j - 1] = swap;
    }
}

static void
switch_qualification (TdProgram *program)
{
  program->qualification_mode = program->qualification_mode == TD_QUALIFICATION_QUALIFY ?
                                TD_QUALIFICATION_RECORDED : TD_QUALIFICATION_QUALIFY;
  program->require_invoice = !program->require_invoice;
}

static char *
fresh_report (const TdProgram         *program,
              const TdDataset         *dataset,
              const TdSimulateOptions *options,
              gboolean                *ok)
{
  g_autoptr(TdResult) result = td_simulate (program, dataset, options, NULL);

  *ok = result != NULL;
  return result != NULL ? td_report_to_json (result, NULL) : NULL;
}

static void
test_case (gconstpointer data)
{
  const char *dir = data;
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdSimulator) simulator = NULL;
  EditFunc edits[] = { NULL, raise_every_rate, NULL, drop_last_rule, reverse_rules, switch_qualification, raise_every_rate };
  TdSimulateOptions options = { 0 };

  if (!tc_load_engine_case (dir, &program, &dataset, &options))
    return;

  simulator = td_simulator_new (dataset);
  for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
    {
      g_autoptr(TdResult) reused = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;
      gboolean ok;

      if (edits[e] != NULL)
        edits[e] (program);
      options.want_lines = e % 2 == 0;
      expected = fresh_report (program, dataset, &options, &ok);
      reused = td_simulator_run (simulator, program, &options, NULL);
      g_assert_cmpint (ok, ==, reused != NULL);
      if (reused == NULL)
        continue;
      actual = td_report_to_json (reused, NULL);
      g_assert_cmpstr (actual, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tc_add_engine_cases ("/simulator/reuse", test_case);
  return g_test_run ();
}
