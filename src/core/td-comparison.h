/* td-comparison.h — a result against a baseline result on the same data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two programs may have different tiers and rules: tiers and rules
 * are matched by id. Every figure is exact (cents, counts); both results
 * are borrowed and must outlive the comparison. Payouts and revenues are
 * never negative, so no difference here can overflow.
 */
#pragma once

#include "td-engine.h"

G_BEGIN_DECLS

/* One tier id of either program, or "unqualified". The indexes are into
 * each result's tiers[] (the program's tier index, its number of tiers
 * for unqualified); -1 when that program has no tier with this id, whose
 * totals are then zero. */
typedef struct
{
  const char  *id;               /* a tier id, or TD_TIER_UNQUALIFIED */
  const char  *name;             /* the current program's name, else the baseline's */
  gint32       current_index;
  gint32       baseline_index;
  TdTierTotals current;
  TdTierTotals baseline;
  gint64       delta_partners;   /* current − baseline */
  TdMoney      delta_revenue;
  TdMoney      delta_payout;
} TdTierComparison;

/* One rule id of either program; the indexes are into each program's
 * rules, -1 when that program has no rule with this id. */
typedef struct
{
  const char  *id;
  const char  *name;             /* the current program's name, else the baseline's */
  gint32       current_index;
  gint32       baseline_index;
  TdRuleTotals current;
  TdRuleTotals baseline;
  TdMoney      delta_payout;
} TdRuleComparison;

/* A (baseline tier, current tier) pair whose ids differ, as FORMAT.md
 * §4.1 baseline.tier_changes lists them. The ids are borrowed. */
typedef struct
{
  const char *from;
  const char *to;
  gint64      partners;
} TdTierChange;

/* What one rule changed for one partner. */
typedef struct
{
  guint   rule;                  /* index into TdComparison.rules */
  TdMoney current;
  TdMoney baseline;
  TdMoney delta;
} TdRuleDelta;

typedef struct
{
  guint   partner;               /* index into the data set's partners */
  gint32  current_tier;          /* tier index or TD_UNQUALIFIED */
  gint32  baseline_tier;
  TdMoney current;
  TdMoney baseline;
  TdMoney delta;
  /* TdRuleDelta of every rule whose payout to the partner changed, the
   * largest contribution in the direction of the change first (a gain:
   * the largest increase first; a loss: the largest decrease first),
   * then in the order of TdComparison.rules. */
  GArray *rules;
} TdPartnerChange;

typedef struct
{
  const TdResult *current;       /* borrowed */
  const TdResult *baseline;      /* borrowed */
  TdMoney delta_payout;          /* current − baseline */

  /* The current program's tiers in its order, then the baseline's tiers
   * that the current program lacks in the baseline's order, then
   * unqualified (always, even with no partner on either side). */
  guint             n_tiers;
  TdTierComparison *tiers;
  /* The current program's rules in its order, then the baseline's
   * others in its order. */
  guint             n_rules;
  TdRuleComparison *rules;

  /* The tier migration matrix: partner counts, rows the baseline's tiers
   * in program order then unqualified, columns the current program's
   * likewise: migration[row × n_columns + column]. Row r is tier index r
   * of the baseline program (n_rows − 1: unqualified), column c tier
   * index c of the current one. */
  guint   n_rows;
  guint   n_columns;
  gint64 *migration;
} TdComparison;

/* Both results must come from the same data set (same partners, same
 * order) and their programs may differ in anything. */
TdComparison    *td_comparison_new            (const TdResult     *current,
                                               const TdResult     *baseline);
void             td_comparison_free           (TdComparison       *comparison);

/* The tier id of a row (baseline) or column (current) of the matrix:
 * a tier id or TD_TIER_UNQUALIFIED. */
const char      *td_comparison_row_id         (const TdComparison *comparison,
                                               guint               row);
const char      *td_comparison_column_id      (const TdComparison *comparison,
                                               guint               column);
gint64           td_comparison_migration      (const TdComparison *comparison,
                                               guint               row,
                                               guint               column);
/* The partners of one cell (guint indexes into the data set's partners,
 * in partner_id order). */
GArray          *td_comparison_cell_partners  (const TdComparison *comparison,
                                               guint               row,
                                               guint               column);

/* TdTierChange: the off-diagonal cells that hold partners, sorted by
 * from then to, byte-wise. */
GArray          *td_comparison_tier_changes   (const TdComparison *comparison);

TdPartnerChange *td_comparison_partner        (const TdComparison *comparison,
                                               guint               partner);
/* TdPartnerChange: the @n partners whose payout grew the most (winners)
 * or fell the most (losers), largest change first, ties in partner_id
 * order. A partner whose payout did not change is neither. */
GPtrArray       *td_comparison_winners        (const TdComparison *comparison,
                                               guint               n);
GPtrArray       *td_comparison_losers         (const TdComparison *comparison,
                                               guint               n);
void             td_partner_change_free       (TdPartnerChange    *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdComparison, td_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPartnerChange, td_partner_change_free)

G_END_DECLS
