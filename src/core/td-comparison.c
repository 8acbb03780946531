/* td-comparison.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-comparison.h"

static const TdTier *
tier_at (const TdResult *result,
         guint           index)
{
  return result->program->tiers->pdata[index];
}

static const TdRule *
rule_at (const TdResult *result,
         guint           index)
{
  return result->program->rules->pdata[index];
}

static void
compare_tiers (TdComparison *comparison)
{
  const TdResult *current = comparison->current;
  const TdResult *baseline = comparison->baseline;
  guint n_current = current->program->tiers->len;
  guint n_baseline = baseline->program->tiers->len;
  GArray *tiers = g_array_new (FALSE, TRUE, sizeof (TdTierComparison));
  TdTierComparison row;

  for (guint t = 0; t < n_current; t++)
    {
      const TdTier *tier = tier_at (current, t);

      memset (&row, 0, sizeof row);
      row.id = tier->id;
      row.name = tier->name;
      row.current_index = (gint32) t;
      row.baseline_index = td_program_find_tier (baseline->program, tier->id);
      g_array_append_val (tiers, row);
    }
  for (guint t = 0; t < n_baseline; t++)
    {
      const TdTier *tier = tier_at (baseline, t);

      if (td_program_find_tier (current->program, tier->id) >= 0)
        continue;
      memset (&row, 0, sizeof row);
      row.id = tier->id;
      row.name = tier->name;
      row.current_index = -1;
      row.baseline_index = (gint32) t;
      g_array_append_val (tiers, row);
    }
  memset (&row, 0, sizeof row);
  row.id = TD_TIER_UNQUALIFIED;
  row.name = _("Unqualified");
  row.current_index = (gint32) n_current;
  row.baseline_index = (gint32) n_baseline;
  g_array_append_val (tiers, row);

  for (guint k = 0; k < tiers->len; k++)
    {
      TdTierComparison *tier = &g_array_index (tiers, TdTierComparison, k);

      if (tier->current_index >= 0)
        tier->current = current->tiers[tier->current_index];
      if (tier->baseline_index >= 0)
        tier->baseline = baseline->tiers[tier->baseline_index];
      tier->delta_partners = tier->current.partners - tier->baseline.partners;
      tier->delta_revenue = tier->current.revenue - tier->baseline.revenue;
      tier->delta_payout = tier->current.payout - tier->baseline.payout;
    }
  comparison->n_tiers = tiers->len;
  comparison->tiers = (TdTierComparison *) (gpointer) g_array_free (tiers, FALSE);
}

static void
compare_rules (TdComparison *comparison)
{
  const TdResult *current = comparison->current;
  const TdResult *baseline = comparison->baseline;
  GArray *rules = g_array_new (FALSE, TRUE, sizeof (TdRuleComparison));
  TdRuleComparison row;

  for (guint r = 0; r < current->program->rules->len; r++)
    {
      const TdRule *rule = rule_at (current, r);

      memset (&row, 0, sizeof row);
      row.id = rule->id;
      row.name = rule->name;
      row.current_index = (gint32) r;
      row.baseline_index = td_program_find_rule (baseline->program, rule->id);
      g_array_append_val (rules, row);
    }
  for (guint r = 0; r < baseline->program->rules->len; r++)
    {
      const TdRule *rule = rule_at (baseline, r);

      if (td_program_find_rule (current->program, rule->id) >= 0)
        continue;
      memset (&row, 0, sizeof row);
      row.id = rule->id;
      row.name = rule->name;
      row.current_index = -1;
      row.baseline_index = (gint32) r;
      g_array_append_val (rules, row);
    }

  for (guint k = 0; k < rules->len; k++)
    {
      TdRuleComparison *rule = &g_array_index (rules, TdRuleComparison, k);

      if (rule->current_index >= 0)
        rule->current = current->rules[rule->current_index];
      if (rule->baseline_index >= 0)
        rule->baseline = baseline->rules[rule->baseline_index];
      rule->delta_payout = rule->current.payout - rule->baseline.payout;
    }
  comparison->n_rules = rules->len;
  comparison->rules = (TdRuleComparison *) (gpointer) g_array_free (rules, FALSE);
}

/* The matrix cell of a partner: its tier index, unqualified last. */
static guint
row_of (const TdComparison *comparison,
        guint               partner)
{
  gint32 tier = comparison->baseline->partner_tier[partner];

  return tier >= 0 ? (guint) tier : comparison->n_rows - 1;
}

static guint
column_of (const TdComparison *comparison,
           guint               partner)
{
  gint32 tier = comparison->current->partner_tier[partner];

  return tier >= 0 ? (guint) tier : comparison->n_columns - 1;
}

TdComparison *
td_comparison_new (const TdResult *current,
                   const TdResult *baseline)
{
  TdComparison *comparison;
  guint n_partners;

  g_return_val_if_fail (current != NULL && baseline != NULL, NULL);
  g_return_val_if_fail (current->dataset->n_partners == baseline->dataset->n_partners, NULL);

  n_partners = current->dataset->n_partners;
  comparison = g_new0 (TdComparison, 1);
  comparison->current = current;
  comparison->baseline = baseline;
  comparison->delta_payout = current->payout - baseline->payout;
  compare_tiers (comparison);
  compare_rules (comparison);

  comparison->n_rows = baseline->program->tiers->len + 1;
  comparison->n_columns = current->program->tiers->len + 1;
  comparison->migration = g_new0 (gint64, (gsize) comparison->n_rows * comparison->n_columns);
  for (guint p = 0; p < n_partners; p++)
    comparison->migration[(gsize) row_of (comparison, p) * comparison->n_columns + column_of (comparison, p)]++;
  return comparison;
}

void
td_comparison_free (TdComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_free (comparison->tiers);
  g_free (comparison->rules);
  g_free (comparison->migration);
  g_free (comparison);
}

const char *
td_comparison_row_id (const TdComparison *comparison,
                      guint               row)
{
  g_return_val_if_fail (row < comparison->n_rows, NULL);
  return td_result_tier_id (comparison->baseline, (gint32) row);
}

const char *
td_comparison_column_id (const TdComparison *comparison,
                         guint               column)
{
  g_return_val_if_fail (column < comparison->n_columns, NULL);
  return td_result_tier_id (comparison->current, (gint32) column);
}

gint64
td_comparison_migration (const TdComparison *comparison,
                         guint               row,
                         guint               column)
{
  g_return_val_if_fail (row < comparison->n_rows && column < comparison->n_columns, 0);
  return comparison->migration[(gsize) row * comparison->n_columns + column];
}

GArray *
td_comparison_cell_partners (const TdComparison *comparison,
                             guint               row,
                             guint               column)
{
  GArray *partners;

  g_return_val_if_fail (row < comparison->n_rows && column < comparison->n_columns, NULL);

  partners = g_array_sized_new (FALSE, FALSE, sizeof (guint), (guint) td_comparison_migration (comparison, row, column));
  for (guint p = 0; p < comparison->current->dataset->n_partners; p++)
    if (row_of (comparison, p) == row && column_of (comparison, p) == column)
      g_array_append_val (partners, p);
  return partners;
}

static int
compare_changes (const void *a,
                 const void *b)
{
  const TdTierChange *x = a, *y = b;
  int c = strcmp (x->from, y->from);

  return c != 0 ? c : strcmp (x->to, y->to);
}

GArray *
td_comparison_tier_changes (const TdComparison *comparison)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (TdTierChange));

  /* Ids are unique in a program and "unqualified" is no tier's, so each
   * cell is one (from, to) pair of ids and the pairs that differ are the
   * cells off the diagonal of equal ids. */
  for (guint row = 0; row < comparison->n_rows; row++)
    for (guint column = 0; column < comparison->n_columns; column++)
      {
        TdTierChange change;

        change.partners = td_comparison_migration (comparison, row, column);
        change.from = td_comparison_row_id (comparison, row);
        change.to = td_comparison_column_id (comparison, column);
        if (change.partners > 0 && strcmp (change.from, change.to) != 0)
          g_array_append_val (changes, change);
      }
  qsort (changes->data, changes->len, sizeof (TdTierChange), compare_changes);
  return changes;
}

static TdMoney
partner_rule_payout (const TdResult *result,
                     guint           partner,
                     gint32          rule)
{
  if (rule < 0)
    return 0;
  return result->partner_rule_payout[(gsize) partner * result->program->rules->len + (guint) rule];
}

static int
compare_rule_deltas (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  const TdRuleDelta *x = a, *y = b;
  gboolean loss = *(const gboolean *) data;

  if (x->delta != y->delta)
    return (x->delta > y->delta) != loss ? -1 : 1;
  return x->rule < y->rule ? -1 : x->rule > y->rule;
}

TdPartnerChange *
td_comparison_partner (const TdComparison *comparison,
                       guint               partner)
{
  const TdResult *current = comparison->current;
  const TdResult *baseline = comparison->baseline;
  TdPartnerChange *change;
  gboolean loss;

  g_return_val_if_fail (partner < current->dataset->n_partners, NULL);

  change = g_new0 (TdPartnerChange, 1);
  change->partner = partner;
  change->current_tier = current->partner_tier[partner];
  change->baseline_tier = baseline->partner_tier[partner];
  change->current = current->partner_payout[partner];
  change->baseline = baseline->partner_payout[partner];
  change->delta = change->current - change->baseline;
  change->rules = g_array_new (FALSE, FALSE, sizeof (TdRuleDelta));
  for (guint k = 0; k < comparison->n_rules; k++)
    {
      const TdRuleComparison *rule = &comparison->rules[k];
      TdRuleDelta delta;

      delta.rule = k;
      delta.current = partner_rule_payout (current, partner, rule->current_index);
      delta.baseline = partner_rule_payout (baseline, partner, rule->baseline_index);
      delta.delta = delta.current - delta.baseline;
      if (delta.delta != 0)
        g_array_append_val (change->rules, delta);
    }
  loss = change->delta < 0;
  g_array_sort_with_data (change->rules, compare_rule_deltas, &loss);
  return change;
}

typedef struct
{
  const TdComparison *comparison;
  gboolean            loss;
} PartnerOrder;

static TdMoney
partner_delta (const TdComparison *comparison,
               guint               partner)
{
  return comparison->current->partner_payout[partner] - comparison->baseline->partner_payout[partner];
}

static int
compare_partners (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const PartnerOrder *order = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  TdMoney dx = partner_delta (order->comparison, x);
  TdMoney dy = partner_delta (order->comparison, y);

  if (dx != dy)
    return (dx > dy) != order->loss ? -1 : 1;
  return x < y ? -1 : x > y;
}

static GPtrArray *
largest_changes (const TdComparison *comparison,
                 guint               n,
                 gboolean            loss)
{
  g_autoptr(GArray) partners = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_partner_change_free);
  PartnerOrder order = { comparison, loss };

  for (guint p = 0; p < comparison->current->dataset->n_partners; p++)
    {
      TdMoney delta = partner_delta (comparison, p);
      if (loss ? delta < 0 : delta > 0)
        g_array_append_val (partners, p);
    }
  g_array_sort_with_data (partners, compare_partners, &order);
  for (guint k = 0; k < MIN (n, partners->len); k++)
    g_ptr_array_add (changes, td_comparison_partner (comparison, g_array_index (partners, guint, k)));
  return changes;
}

GPtrArray *
td_comparison_winners (const TdComparison *comparison,
                       guint               n)
{
  return largest_changes (comparison, n, FALSE);
}

GPtrArray *
td_comparison_losers (const TdComparison *comparison,
                      guint               n)
{
  return largest_changes (comparison, n, TRUE);
}

void
td_partner_change_free (TdPartnerChange *change)
{
  if (change == NULL)
    return;
  g_array_unref (change->rules);
  g_free (change);
}
