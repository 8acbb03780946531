/* td-engine.h — what a program would have paid over a period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program is compiled into a plan (ids resolved to indexes, values
 * in small arrays by tier), then run over the data set's columns. The
 * semantics are FORMAT.md §2.2–2.7; docs/format.md restates them.
 */
#pragma once

#include <gio/gio.h>

#include "td-dataset.h"
#include "td-dataset-loader.h"
#include "td-program.h"

G_BEGIN_DECLS

#define TD_UNQUALIFIED (-1)

typedef enum
{
  TD_INELIGIBLE_DISTRIBUTOR = 1 << 0,
  TD_INELIGIBLE_INVOICE     = 1 << 1,
} TdIneligibleReason;

/* One payout line, after rounding and the cap. */
typedef struct
{
  gint32  sale;          /* index into the data set's sales, -1 for a period line */
  gint32  partner;
  gint32  rule;
  gint32  tier;          /* TD_UNQUALIFIED never pays, so always ≥ 0 */
  TdDate  date;
  TdDate  bucket_start;  /* period lines: the bucket, clipped to the period */
  TdMoney base;          /* percent/rebate: the base; per_unit: the amount per unit */
  gint64  value;         /* the rate (1/10,000 %) or the amount (cents) applied */
  gint64  metric;        /* bonus: the metric reached; per_unit: the quantity */
  gint64  target;        /* bonus: the target */
  TdRate  multiplier;    /* 10000 = ×1 */
  gint32  prior;         /* new_customer with loyalty: earlier lines counted */
  gboolean overridden;   /* the value comes from the partner's override */
  TdMoney uncapped;      /* the rounded line before the cap */
  TdMoney payout;
} TdLine;

typedef struct
{
  gint64  partners;
  TdMoney revenue;
  TdMoney payout;
} TdTierTotals;

typedef struct
{
  TdMoney payout;
  guint   lines;
} TdRuleTotals;

typedef struct
{
  gboolean has_value;    /* FALSE: payout_ratio with no revenue (null) */
  gint64   value;        /* money, ratio in 1/100 %, or a count */
  gboolean met;
} TdObjectiveResult;

typedef struct
{
  const TdProgram *program;        /* borrowed: must outlive the result */
  const TdDataset *dataset;        /* borrowed */
  TdDate  from;
  TdDate  to;

  TdMoney payout;
  TdMoney eligible_revenue;
  TdMoney ineligible_revenue;
  TdMoney unattributed_revenue;
  guint   ineligible_sales[2];     /* by reason: distributor, invoice */
  TdMoney ineligible_by_reason[2];
  guint   unattributed_sales;
  gint64  partners_paid;
  gint64  new_customers;
  gboolean has_payout_ratio;
  gint64  payout_ratio;            /* in 1/100 of a percent: 1230 = 12.30 % */

  /* Per partner (data set order = partner_id order). */
  gint32  *partner_tier;           /* tier index or TD_UNQUALIFIED */
  TdMoney *partner_revenue;
  TdMoney *partner_payout;
  TdMoney *partner_rule_payout;    /* n_partners × n_rules */
  /* qualify mode: each requirement's value per partner, for "why this
   * tier?" (n_partners × n_requirements, requirements in program order). */
  guint    n_requirements;
  gint64  *requirement_value;
  guint8  *requirement_met;

  TdTierTotals  *tiers;            /* n_tiers + 1: the last is unqualified */
  TdRuleTotals  *rules;
  TdObjectiveResult *objectives;

  GArray  *lines;                  /* TdLine, when asked for; NULL otherwise */
} TdResult;

typedef struct
{
  TdDate         from;
  TdDate         to;
  gboolean       want_lines;
  TdProgressFunc progress;
  gpointer       progress_data;
  GCancellable  *cancellable;
} TdSimulateOptions;

/* Keeps what a re-simulation can reuse (the context of tiers, eligibility
 * and attribution; each rule's payouts) between runs on one data set:
 * after an edit, only what the edit changed is computed again. The data
 * set must outlive it. Not thread-safe: one run at a time. */
typedef struct _TdSimulator TdSimulator;

TdSimulator *td_simulator_new   (const TdDataset         *dataset);
void      td_simulator_free     (TdSimulator             *simulator);
TdResult *td_simulator_run      (TdSimulator             *simulator,
                                 const TdProgram         *program,
                                 const TdSimulateOptions *options,
                                 GError                 **error);

TdResult *td_simulate           (const TdProgram         *program,
                                 const TdDataset         *dataset,
                                 const TdSimulateOptions *options,
                                 GError                 **error);
void      td_result_free        (TdResult *result);
const char *td_result_tier_id   (const TdResult *result,
                                 gint32          tier);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdResult, td_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSimulator, td_simulator_free)

G_END_DECLS
