/* td-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-analysis.h"
#include "td-report.h"

/* ---- breakdowns ---- */

static int
month_number (TdDate date)
{
  int year, month, day;

  td_date_to_ymd (date, &year, &month, &day);
  return year * 12 + (month - 1);
}

GArray *
td_result_payout_by_month (const TdResult *result)
{
  GArray *months;
  int first, last;

  g_return_val_if_fail (result != NULL && result->lines != NULL, NULL);

  first = month_number (result->from);
  last = month_number (result->to);
  months = g_array_sized_new (FALSE, TRUE, sizeof (TdMonthPayout), (guint) (last - first + 1));
  for (int m = first; m <= last; m++)
    {
      TdMonthPayout month = { 0 };
      int year = m / 12, number = m % 12 + 1;

      month.year = year;
      month.month = number;
      month.start = MAX (td_date_from_ymd (year, number, 1), result->from);
      month.end = MIN (td_date_from_ymd (year, number, td_date_days_in_month (year, number)), result->to);
      g_array_append_val (months, month);
    }
  for (guint i = 0; i < result->lines->len; i++)
    {
      const TdLine *line = &g_array_index (result->lines, TdLine, i);
      TdMonthPayout *month;

      /* Every line is dated within the period; a stray one would be a bug
       * of the engine, not a month to invent. */
      g_return_val_if_fail (line->date >= result->from && line->date <= result->to, months);
      month = &g_array_index (months, TdMonthPayout, month_number (line->date) - first);
      month->payout += line->payout;
      month->lines++;
    }
  return months;
}

const char *
td_result_tier_name (const TdResult *result,
                     gint32          tier)
{
  if (tier < 0 || (guint) tier >= result->program->tiers->len)
    return _("Unqualified");
  return ((TdTier *) result->program->tiers->pdata[tier])->name;
}

GArray *
td_result_tier_distribution (const TdResult *result)
{
  guint n_tiers = result->program->tiers->len;
  GArray *shares = g_array_sized_new (FALSE, TRUE, sizeof (TdTierShare), n_tiers + 1);

  for (guint t = 0; t <= n_tiers; t++)
    {
      TdTierShare share;

      share.tier = t < n_tiers ? (gint32) t : TD_UNQUALIFIED;
      share.id = td_result_tier_id (result, share.tier);
      share.name = td_result_tier_name (result, share.tier);
      share.partners = result->tiers[t].partners;
      share.revenue = result->tiers[t].revenue;
      share.payout = result->tiers[t].payout;
      g_array_append_val (shares, share);
    }
  return shares;
}

/* ---- why this amount? ---- */

static void
explained_line_clear (gpointer data)
{
  TdExplainedLine *line = data;

  g_free (line->text);
}

static void
rule_explanation_free (gpointer data)
{
  TdRuleExplanation *rule = data;

  g_array_unref (rule->lines);
  g_free (rule);
}

/* The requirements of @tier with the partner's values: in
 * result->requirement_value they follow the program's order, tier by
 * tier, one row of n_requirements per partner. */
static GArray *
requirement_checks (const TdResult *result,
                    guint           partner,
                    gint32          tier)
{
  const TdProgram *program = result->program;
  GArray *checks = g_array_new (FALSE, TRUE, sizeof (TdRequirementCheck));
  guint offset = 0;
  const TdTier *reached;

  if (tier < 0 || result->requirement_value == NULL)
    return checks;
  for (gint32 t = 0; t < tier; t++)
    offset += ((TdTier *) program->tiers->pdata[t])->requirements->len;
  reached = program->tiers->pdata[tier];
  for (guint q = 0; q < reached->requirements->len; q++)
    {
      gsize cell = (gsize) partner * result->n_requirements + offset + q;
      TdRequirementCheck check;

      check.requirement = reached->requirements->pdata[q];
      check.value = result->requirement_value[cell];
      check.met = result->requirement_met[cell] != 0;
      g_array_append_val (checks, check);
    }
  return checks;
}

/* As the engine reads overrides: the last one naming the partner, its
 * name trimmed. */
static gboolean
tier_from_override (const TdResult *result,
                    const char     *partner_id)
{
  const TdProgram *program = result->program;
  gboolean found = FALSE;

  for (guint o = 0; o < program->overrides->len; o++)
    {
      const TdOverride *override = program->overrides->pdata[o];
      g_autofree char *id = g_strstrip (g_strdup (override->partner));

      if (strcmp (id, partner_id) == 0)
        found = override->tier != NULL;
    }
  return found;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const TdExplainedLine *x = a, *y = b;

  if (x->line.date != y->line.date)
    return x->line.date < y->line.date ? -1 : 1;
  return x->line.sale < y->line.sale ? -1 : x->line.sale > y->line.sale;
}

static gboolean
value_is_rate (const TdRule *rule)
{
  return rule->kind == TD_RULE_PERCENT || rule->kind == TD_RULE_REBATE ||
         (rule->kind == TD_RULE_NEW_CUSTOMER && rule->rates != NULL);
}

TdPartnerExplanation *
td_partner_explanation (const TdResult *result,
                        guint           partner)
{
  const TdProgram *program = result->program;
  const TdDataset *dataset = result->dataset;
  guint n_rules = program->rules->len;
  g_autofree GArray **by_rule = NULL;
  TdPartnerExplanation *explanation;

  g_return_val_if_fail (result->lines != NULL, NULL);
  g_return_val_if_fail (partner < dataset->n_partners, NULL);

  explanation = g_new0 (TdPartnerExplanation, 1);
  explanation->partner = partner;
  explanation->partner_id = td_intern_get (dataset->partner_ids, (gint32) partner);
  explanation->partner_name = dataset->partner_name[partner];
  explanation->tier = result->partner_tier[partner];
  explanation->tier_id = td_result_tier_id (result, explanation->tier);
  explanation->tier_name = td_result_tier_name (result, explanation->tier);
  explanation->tier_from_override = tier_from_override (result, explanation->partner_id);
  explanation->qualified = program->qualification_mode == TD_QUALIFICATION_QUALIFY &&
                           result->requirement_value != NULL;
  explanation->next_tier = -1;
  if (explanation->qualified && explanation->tier + 1 < (gint32) program->tiers->len)
    explanation->next_tier = explanation->tier + 1;
  explanation->requirements = requirement_checks (result, partner, explanation->qualified ? explanation->tier : -1);
  explanation->next_requirements = requirement_checks (result, partner, explanation->next_tier);
  explanation->revenue = result->partner_revenue[partner];
  explanation->payout = result->partner_payout[partner];
  explanation->rules = g_ptr_array_new_with_free_func (rule_explanation_free);

  by_rule = g_new0 (GArray *, MAX (n_rules, 1));
  for (guint i = 0; i < result->lines->len; i++)
    {
      const TdLine *line = &g_array_index (result->lines, TdLine, i);
      const TdRule *rule;
      TdExplainedLine explained;

      if (line->partner != (gint32) partner)
        continue;
      rule = program->rules->pdata[line->rule];
      if (by_rule[line->rule] == NULL)
        {
          by_rule[line->rule] = g_array_new (FALSE, TRUE, sizeof (TdExplainedLine));
          g_array_set_clear_func (by_rule[line->rule], explained_line_clear);
        }
      explained.line = *line;
      explained.text = td_line_explain (result, line);
      explained.sale_id = line->sale >= 0 ? td_intern_get (dataset->sale_ids, dataset->sale_id[line->sale]) : NULL;
      explained.is_rate = value_is_rate (rule);
      explained.capped = line->payout != line->uncapped;
      g_array_append_val (by_rule[line->rule], explained);
    }
  for (guint r = 0; r < n_rules; r++)
    {
      const TdRule *rule = program->rules->pdata[r];
      TdRuleExplanation *group;

      if (by_rule[r] == NULL)
        continue;
      group = g_new0 (TdRuleExplanation, 1);
      group->rule = (gint32) r;
      group->rule_id = rule->id;
      group->rule_name = rule->name;
      group->lines = by_rule[r];
      g_array_sort (group->lines, compare_lines);
      for (guint i = 0; i < group->lines->len; i++)
        group->subtotal += g_array_index (group->lines, TdExplainedLine, i).line.payout;
      g_ptr_array_add (explanation->rules, group);
    }
  return explanation;
}

void
td_partner_explanation_free (TdPartnerExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_array_unref (explanation->requirements);
  g_array_unref (explanation->next_requirements);
  g_ptr_array_unref (explanation->rules);
  g_free (explanation);
}
