/* td-sensitivity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-error.h"
#include "td-program-edit.h"
#include "td-sensitivity.h"

typedef struct
{
  gint64   factor;      /* 100 + percent */
  gboolean overflow;
} Scale;

/* value × factor / 100, half away from zero: values are never negative,
 * and the same division rounds cents and 1/10,000 % alike. */
static gint64
scale_value (Scale  *scale,
             gint64  value,
             gint64  limit)
{
  TdMoney out = 0;

  if (!td_round_quotient ((__int128) value * scale->factor, 100, &out) || out > limit)
    {
      scale->overflow = TRUE;
      return value;
    }
  return out;
}

static void
scale_entries (Scale  *scale,
               GArray *entries,
               gint64  limit)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      TdEntry *entry = &g_array_index (entries, TdEntry, i);
      entry->value = scale_value (scale, entry->value, limit);
    }
}

static void
scale_rule (Scale  *scale,
            TdRule *rule)
{
  /* rates: percent and new_customer with rates; amounts: new_customer
   * with amounts, welcome and bonus. Bonus targets are a separate map. */
  scale_entries (scale, rule->rates, TD_RATE_MAX);
  scale_entries (scale, rule->amounts, G_MAXINT64);
  for (guint k = 0; rule->unit_amounts != NULL && k < rule->unit_amounts->len; k++)
    scale_entries (scale, ((TdUnitAmounts *) rule->unit_amounts->pdata[k])->amounts, G_MAXINT64);
  for (guint k = 0; rule->steps != NULL && k < rule->steps->len; k++)
    {
      GArray *steps = ((TdTierSteps *) rule->steps->pdata[k])->steps;

      for (guint s = 0; s < steps->len; s++)
        {
          TdStep *step = &g_array_index (steps, TdStep, s);
          step->rate = scale_value (scale, step->rate, TD_RATE_MAX);
        }
    }
}

TdProgram *
td_program_scale_rewards (const TdProgram *program,
                          int              percent,
                          GError         **error)
{
  g_autoptr(TdProgram) copy = NULL;
  Scale scale = { 0 };

  g_return_val_if_fail (program != NULL, NULL);

  if (percent < -100)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("Rates and amounts cannot be scaled by %d %%: below −100 %% they would be negative"), percent);
      return NULL;
    }
  copy = td_program_copy (program);
  if (copy == NULL)
    {
      g_set_error_literal (error, TD_ERROR, TD_ERROR_INVALID,
                           _("The program has errors that keep it from being simulated"));
      return NULL;
    }

  scale.factor = 100 + (gint64) percent;
  for (guint r = 0; r < copy->rules->len; r++)
    scale_rule (&scale, copy->rules->pdata[r]);
  for (guint o = 0; o < copy->overrides->len; o++)
    {
      TdOverride *override = copy->overrides->pdata[o];

      scale_entries (&scale, override->rates, TD_RATE_MAX);
      scale_entries (&scale, override->amounts, G_MAXINT64);
    }
  if (scale.overflow)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_OVERFLOW,
                   _("Scaled by %+d %%, a rate or an amount is larger than this format holds"), percent);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

typedef struct
{
  const TdSimulateOptions *options;
  guint                    run;
  guint                    n_runs;
} Progress;

static void
run_progress (double   fraction,
              gpointer data)
{
  Progress *progress = data;

  progress->options->progress ((progress->run + fraction) / progress->n_runs, progress->options->progress_data);
}

gboolean
td_sensitivity_run (TdSimulator             *simulator,
                    const TdProgram         *program,
                    const TdSimulateOptions *options,
                    const int               *percents,
                    guint                    n_percents,
                    TdSensitivityPoint      *points,
                    GError                 **error)
{
  TdSimulateOptions run_options = *options;
  Progress progress = { options, 0, n_percents };

  g_return_val_if_fail (simulator != NULL && program != NULL && options != NULL, FALSE);
  g_return_val_if_fail (n_percents == 0 || (percents != NULL && points != NULL), FALSE);

  run_options.want_lines = FALSE;
  if (options->progress != NULL)
    {
      run_options.progress = run_progress;
      run_options.progress_data = &progress;
    }

  for (guint k = 0; k < n_percents; k++)
    {
      g_autoptr(TdProgram) scaled = NULL;
      g_autoptr(TdResult) result = NULL;

      if (options->cancellable != NULL && g_cancellable_set_error_if_cancelled (options->cancellable, error))
        return FALSE;
      scaled = td_program_scale_rewards (program, percents[k], error);
      if (scaled == NULL)
        return FALSE;
      progress.run = k;
      result = td_simulator_run (simulator, scaled, &run_options, error);
      if (result == NULL)
        return FALSE;
      points[k].percent = percents[k];
      points[k].payout = result->payout;
      points[k].eligible_revenue = result->eligible_revenue;
      points[k].has_payout_ratio = result->has_payout_ratio;
      points[k].payout_ratio = result->payout_ratio;
    }
  return TRUE;
}
