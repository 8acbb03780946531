/* td-sensitivity.h — what the program pays with its rewards scaled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/simulation.md, "Sensitivity", says which values are scaled and why.
 */
#pragma once

#include "td-engine.h"

G_BEGIN_DECLS

/* A copy of @program whose rewards are multiplied by (100 + @percent) /
 * 100: the rates of percent and new_customer rules, the amounts of
 * new_customer, welcome and bonus rules, per_unit amounts, the rates of
 * rebate steps, and the overrides' rates and amounts. Requirements, step
 * thresholds, bonus targets, caps, loyalty multipliers, objectives and
 * benefits stay as they are. Each value is rounded once, half away from
 * zero: money to the cent, rates to 1/10,000 %.
 *
 * TD_ERROR_INVALID when @percent is below −100 (negative rewards) or when
 * @program does not read back without errors (td_program_copy());
 * TD_ERROR_OVERFLOW when a scaled value is beyond the largest amount or
 * rate the format holds. The copy is for simulating: a rate may now be
 * above 100 %, which the validator only warns about. */
TdProgram *td_program_scale_rewards (const TdProgram *program,
                                     int              percent,
                                     GError         **error);

typedef struct
{
  int      percent;
  TdMoney  payout;
  TdMoney  eligible_revenue;  /* the same for every percent: scaling moves no tier */
  gboolean has_payout_ratio;  /* FALSE when the eligible revenue is 0 */
  gint64   payout_ratio;      /* 1/100 %, as TdResult's */
} TdSensitivityPoint;

/* Simulates @program scaled by each of @percents (as
 * td_program_scale_rewards()) over @options' period and fills @points
 * (@n_percents of them) in the same order. @options->want_lines is
 * ignored; its progress goes from 0 to 1 over the whole run and its
 * cancellable is checked between and within the runs.
 *
 * @simulator must be on the data set to simulate and used by nothing else
 * meanwhile; the runs share its context (tiers, eligibility, attribution
 * are the same for every percent) but replace its cached rule payouts,
 * so a simulator of its own avoids slowing down the next re-simulation of
 * the unscaled program. On error nothing in @points is meaningful. */
gboolean   td_sensitivity_run       (TdSimulator             *simulator,
                                     const TdProgram         *program,
                                     const TdSimulateOptions *options,
                                     const int               *percents,
                                     guint                    n_percents,
                                     TdSensitivityPoint      *points,
                                     GError                 **error);

G_END_DECLS
