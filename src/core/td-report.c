/* td-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-comparison.h"
#include "td-format.h"
#include "td-json.h"
#include "td-report.h"

static const char *
tier_id (const TdResult *result,
         gint32          tier)
{
  return td_result_tier_id (result, tier);
}

static const char *
tier_name (const TdResult *result,
           gint32          tier)
{
  if (tier < 0)
    return _("unqualified");
  return ((TdTier *) result->program->tiers->pdata[tier])->name;
}

static void
write_ratio (TdJsonWriter *writer,
             gboolean      has_value,
             gint64        hundredths)
{
  char buf[48];

  if (!has_value)
    {
      td_json_writer_null (writer);
      return;
    }
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT ".%02d", hundredths / 100, (int) (hundredths % 100));
  td_json_writer_raw (writer, buf);
}

static void
write_program (TdJsonWriter   *writer,
               const TdResult *result)
{
  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "id");
  td_json_writer_string (writer, result->program->id);
  td_json_writer_member (writer, "version");
  td_json_writer_int (writer, result->program->version);
  td_json_writer_member (writer, "name");
  td_json_writer_string (writer, result->program->name);
  td_json_writer_end_object (writer);
}

static void
write_totals (TdJsonWriter   *writer,
              const TdResult *result)
{
  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "payout");
  td_json_writer_money (writer, result->payout);
  td_json_writer_member (writer, "eligible_revenue");
  td_json_writer_money (writer, result->eligible_revenue);
  td_json_writer_member (writer, "ineligible_revenue");
  td_json_writer_money (writer, result->ineligible_revenue);
  td_json_writer_member (writer, "unattributed_revenue");
  td_json_writer_money (writer, result->unattributed_revenue);
  td_json_writer_member (writer, "payout_ratio");
  write_ratio (writer, result->has_payout_ratio, result->payout_ratio);
  td_json_writer_member (writer, "partners");
  td_json_writer_int (writer, result->dataset->n_partners);
  td_json_writer_member (writer, "partners_paid");
  td_json_writer_int (writer, result->partners_paid);
  td_json_writer_member (writer, "new_customers");
  td_json_writer_int (writer, result->new_customers);
  td_json_writer_end_object (writer);
}

char *
td_report_to_json (const TdResult *result,
                   const TdResult *baseline)
{
  const TdProgram *program = result->program;
  const TdDataset *dataset = result->dataset;
  guint n_rules = program->rules->len;
  guint n_tiers = program->tiers->len;
  TdJsonWriter *writer = td_json_writer_new ();
  char from[TD_DATE_BUF], to[TD_DATE_BUF];

  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "program");
  write_program (writer, result);
  td_json_writer_member (writer, "currency");
  td_json_writer_string (writer, program->currency);
  td_json_writer_member (writer, "period");
  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "from");
  td_json_writer_string (writer, td_date_format_buf (result->from, from));
  td_json_writer_member (writer, "to");
  td_json_writer_string (writer, td_date_format_buf (result->to, to));
  td_json_writer_end_object (writer);
  td_json_writer_member (writer, "totals");
  write_totals (writer, result);

  td_json_writer_member (writer, "tiers");
  td_json_writer_begin_array (writer);
  for (guint t = 0; t <= n_tiers; t++)
    {
      if (t == n_tiers && result->tiers[t].partners == 0)
        break;
      td_json_writer_begin_object (writer);
      td_json_writer_member (writer, "tier");
      td_json_writer_string (writer, tier_id (result, t == n_tiers ? TD_UNQUALIFIED : (gint32) t));
      td_json_writer_member (writer, "partners");
      td_json_writer_int (writer, result->tiers[t].partners);
      td_json_writer_member (writer, "revenue");
      td_json_writer_money (writer, result->tiers[t].revenue);
      td_json_writer_member (writer, "payout");
      td_json_writer_money (writer, result->tiers[t].payout);
      td_json_writer_end_object (writer);
    }
  td_json_writer_end_array (writer);

  td_json_writer_member (writer, "rules");
  td_json_writer_begin_array (writer);
  for (guint r = 0; r < n_rules; r++)
    {
      td_json_writer_begin_object (writer);
      td_json_writer_member (writer, "rule");
      td_json_writer_string (writer, ((TdRule *) program->rules->pdata[r])->id);
      td_json_writer_member (writer, "payout");
      td_json_writer_money (writer, result->rules[r].payout);
      td_json_writer_member (writer, "lines");
      td_json_writer_int (writer, result->rules[r].lines);
      td_json_writer_end_object (writer);
    }
  td_json_writer_end_array (writer);

  td_json_writer_member (writer, "partners");
  td_json_writer_begin_array (writer);
  for (guint p = 0; p < dataset->n_partners; p++)
    {
      td_json_writer_begin_object (writer);
      td_json_writer_member (writer, "partner_id");
      td_json_writer_string (writer, td_intern_get (dataset->partner_ids, (gint32) p));
      td_json_writer_member (writer, "tier");
      td_json_writer_string (writer, tier_id (result, result->partner_tier[p]));
      td_json_writer_member (writer, "revenue");
      td_json_writer_money (writer, result->partner_revenue[p]);
      td_json_writer_member (writer, "payout");
      td_json_writer_money (writer, result->partner_payout[p]);
      td_json_writer_member (writer, "rules");
      td_json_writer_begin_object (writer);
      for (guint r = 0; r < n_rules; r++)
        {
          TdMoney amount = result->partner_rule_payout[(gsize) p * n_rules + r];
          if (amount == 0)
            continue;
          td_json_writer_member (writer, ((TdRule *) program->rules->pdata[r])->id);
          td_json_writer_money (writer, amount);
        }
      td_json_writer_end_object (writer);
      td_json_writer_end_object (writer);
    }
  td_json_writer_end_array (writer);

  td_json_writer_member (writer, "objectives");
  td_json_writer_begin_array (writer);
  for (guint o = 0; o < program->objectives->len; o++)
    {
      const TdObjective *objective = program->objectives->pdata[o];
      const TdObjectiveResult *outcome = &result->objectives[o];

      td_json_writer_begin_object (writer);
      td_json_writer_member (writer, "objective");
      td_json_writer_string (writer, objective->id);
      td_json_writer_member (writer, "value");
      switch (objective->metric)
        {
        case TD_OBJECTIVE_REVENUE:
        case TD_OBJECTIVE_PAYOUT:
          td_json_writer_money (writer, outcome->value);
          td_json_writer_member (writer, "target");
          td_json_writer_money (writer, objective->target);
          break;
        case TD_OBJECTIVE_PAYOUT_RATIO:
          write_ratio (writer, outcome->has_value, outcome->value);
          td_json_writer_member (writer, "target");
          td_json_writer_rate (writer, objective->target);
          break;
        default:
          td_json_writer_int (writer, outcome->value);
          td_json_writer_member (writer, "target");
          td_json_writer_int (writer, objective->target);
          break;
        }
      td_json_writer_member (writer, "met");
      td_json_writer_bool (writer, outcome->met);
      td_json_writer_end_object (writer);
    }
  td_json_writer_end_array (writer);

  if (baseline != NULL)
    {
      g_autoptr(TdComparison) comparison = td_comparison_new (result, baseline);
      g_autoptr(GArray) changes = td_comparison_tier_changes (comparison);

      td_json_writer_member (writer, "baseline");
      td_json_writer_begin_object (writer);
      td_json_writer_member (writer, "program");
      write_program (writer, baseline);
      td_json_writer_member (writer, "totals");
      write_totals (writer, baseline);
      td_json_writer_member (writer, "delta_payout");
      td_json_writer_money (writer, comparison->delta_payout);
      td_json_writer_member (writer, "tier_changes");
      td_json_writer_begin_array (writer);
      for (guint c = 0; c < changes->len; c++)
        {
          const TdTierChange *change = &g_array_index (changes, TdTierChange, c);
          td_json_writer_begin_object (writer);
          td_json_writer_member (writer, "from");
          td_json_writer_string (writer, change->from);
          td_json_writer_member (writer, "to");
          td_json_writer_string (writer, change->to);
          td_json_writer_member (writer, "partners");
          td_json_writer_int (writer, change->partners);
          td_json_writer_end_object (writer);
        }
      td_json_writer_end_array (writer);
      td_json_writer_end_object (writer);
    }

  td_json_writer_end_object (writer);
  return td_json_writer_free_to_string (writer);
}

void
td_csv_append_text (GString    *out,
                    const char *text)
{
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                     text[0] == '\t' || text[0] == '\r';
  gboolean quote = formula || strpbrk (text, ",\"\n\r") != NULL;

  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_money (GString *out,
              TdMoney  cents)
{
  char buf[TD_MONEY_BUF];

  g_string_append (out, td_money_format_buf (cents, buf));
}

char *
td_report_partners_csv (const TdResult *result)
{
  const TdProgram *program = result->program;
  const TdDataset *dataset = result->dataset;
  guint n_rules = program->rules->len;
  GString *out = g_string_new ("partner_id,name,tier,revenue,payout");

  for (guint r = 0; r < n_rules; r++)
    {
      g_string_append_c (out, ',');
      td_csv_append_text (out, ((TdRule *) program->rules->pdata[r])->id);
    }
  g_string_append_c (out, '\n');
  for (guint p = 0; p < dataset->n_partners; p++)
    {
      td_csv_append_text (out, td_intern_get (dataset->partner_ids, (gint32) p));
      g_string_append_c (out, ',');
      td_csv_append_text (out, dataset->partner_name[p]);
      g_string_append_c (out, ',');
      td_csv_append_text (out, tier_id (result, result->partner_tier[p]));
      g_string_append_c (out, ',');
      append_money (out, result->partner_revenue[p]);
      g_string_append_c (out, ',');
      append_money (out, result->partner_payout[p]);
      for (guint r = 0; r < n_rules; r++)
        {
          g_string_append_c (out, ',');
          append_money (out, result->partner_rule_payout[(gsize) p * n_rules + r]);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* "12,431,220.00": what a person reads in a terminal, whatever the
 * locale (the report's layout is fixed). */
char *
td_money_format_grouped (TdMoney cents)
{
  char buf[TD_MONEY_BUF];

  return td_format_group_digits (td_money_format_buf (cents, buf), ",");
}

static char *
rate_text (gint64 rate)
{
  char buf[TD_RATE_BUF];

  return g_strdup (td_rate_format_buf (rate, buf));
}

char *
td_line_explain (const TdResult *result,
                 const TdLine   *line)
{
  const TdProgram *program = result->program;
  const TdDataset *dataset = result->dataset;
  const TdRule *rule = program->rules->pdata[line->rule];
  const char *tier = tier_name (result, line->tier);
  g_autofree char *who = line->overridden ?
    g_strdup_printf (_("the override of partner %s"), td_intern_get (dataset->partner_ids, line->partner)) :
    g_strdup_printf (_("tier %s"), tier);
  g_autofree char *payout = td_money_format (line->uncapped);
  g_autofree char *base = td_money_format (line->base);
  g_autofree char *value_money = td_money_format (line->value);
  g_autofree char *rate = rate_text (line->value);
  g_autofree char *multiplier = rate_text (line->multiplier);
  g_autofree char *text = NULL;
  char date[TD_DATE_BUF], start[TD_DATE_BUF];

  td_date_format_buf (line->date, date);
  td_date_format_buf (line->bucket_start, start);

  if (line->sale >= 0)
    {
      const char *sale = td_intern_get (dataset->sale_ids, dataset->sale_id[line->sale]);
      const char *sku = td_intern_get (dataset->skus, dataset->sale_product[line->sale]);
      gint32 quantity = dataset->sale_quantity[line->sale];

      switch (rule->kind)
        {
        case TD_RULE_PERCENT:
          text = rule->base == TD_BASE_LIST ?
            /* TRANSLATORS: Sale S1 of 3 × SKU on DATE: 30 % of list price 900.00 for tier Certified = 270.00 */
            g_strdup_printf (_("Sale %s of %d × %s on %s: %s %% of list price %s for %s = %s"),
                             sale, quantity, sku, date, rate, base, who, payout) :
            g_strdup_printf (_("Sale %s of %d × %s on %s: %s %% of net amount %s for %s = %s"),
                             sale, quantity, sku, date, rate, base, who, payout);
          break;
        case TD_RULE_PER_UNIT:
          text = g_strdup_printf (_("Sale %s of %d × %s on %s: %d × %s per unit for %s = %s"),
                                  sale, quantity, sku, date, quantity, value_money, who, payout);
          break;
        case TD_RULE_NEW_CUSTOMER:
          {
            const char *customer = td_intern_get (dataset->customers, dataset->sale_customer[line->sale]);
            g_autofree char *amount = rule->rates != NULL ?
              g_strdup_printf (_("%s %% of net amount %s"), rate, base) : g_strdup (value_money);
            g_autofree char *loyalty = rule->loyalty != NULL ?
              g_strdup_printf (_(" × %s (loyalty: %d earlier incentives within %" PRId64 " days)"),
                               multiplier, line->prior, rule->loyalty->window_days) :
              g_strdup ("");

            text = g_strdup_printf (_("Sale %s on %s to new customer %s (no purchase in the %" PRId64 " days before): %s for %s%s = %s"),
                                    sale, date, customer, rule->lookback_days, amount, who, loyalty, payout);
          }
          break;
        default:
          text = g_strdup ("");
          break;
        }
    }
  else if (rule->kind == TD_RULE_REBATE)
    {
      text = g_strdup_printf (rule->mode == TD_REBATE_RETROACTIVE ?
                              _("%s to %s: %s base %s reached the step of %s %%, paid on the whole base (retroactive) for %s = %s") :
                              _("%s to %s: %s base %s, each step's rate on the part above its threshold (marginal, up to %s %%) for %s = %s"),
                              start, date, rule->base == TD_BASE_LIST ? _("list") : _("net"), base, rate, who, payout);
    }
  else if (rule->kind == TD_RULE_BONUS)
    {
      g_autofree char *reached = rule->metric == TD_METRIC_REVENUE ? td_money_format (line->metric)
                                                                    : g_strdup_printf ("%" G_GINT64_FORMAT, line->metric);
      g_autofree char *target = rule->metric == TD_METRIC_REVENUE ? td_money_format (line->target)
                                                                   : g_strdup_printf ("%" G_GINT64_FORMAT, line->target);
      text = g_strdup_printf (_("%s to %s: %s %s reached the target of %s for %s: bonus %s"),
                              start, date, td_bonus_metric_to_string (rule->metric), reached, target, who, payout);
    }
  else
    text = g_strdup_printf (_("Joined on %s: welcome amount for %s = %s"), date, who, payout);

  if (line->payout != line->uncapped)
    {
      g_autofree char *cap = td_money_format (rule->cap);
      g_autofree char *paid = td_money_format (line->payout);
      g_autofree char *capped = g_strdup_printf (_("%s; cut by the cap of %s per %s to %s"),
                                                 text, cap, td_period_to_string (rule->cap_period), paid);
      return g_steal_pointer (&capped);
    }
  return g_steal_pointer (&text);
}

static int
compare_lines (const void *a,
               const void *b)
{
  const TdLine *x = a, *y = b;

  if (x->partner != y->partner)
    return x->partner < y->partner ? -1 : 1;
  if (x->rule != y->rule)
    return x->rule < y->rule ? -1 : 1;
  if (x->date != y->date)
    return x->date < y->date ? -1 : 1;
  return x->sale < y->sale ? -1 : x->sale > y->sale;
}

/* By partner (partner_id order), then rule (program order), then date
 * and sale. */
void
td_result_sort_lines (TdResult *result)
{
  if (result->lines != NULL)
    qsort (result->lines->data, result->lines->len, sizeof (TdLine), compare_lines);
}

gboolean
td_report_write_lines (const TdResult *result,
                       FILE           *out)
{
  const TdDataset *dataset = result->dataset;
  const TdProgram *program = result->program;
  g_autoptr(GString) row = g_string_new (NULL);

  fputs ("sale_id,partner_id,rule,tier,base,rate_or_amount,multiplier,payout,explanation\n", out);
  for (guint i = 0; result->lines != NULL && i < result->lines->len; i++)
    {
      const TdLine *line = &g_array_index (result->lines, TdLine, i);
      const TdRule *rule = program->rules->pdata[line->rule];
      g_autofree char *explanation = td_line_explain (result, line);
      gboolean is_rate = rule->kind == TD_RULE_PERCENT || rule->kind == TD_RULE_REBATE ||
                         (rule->kind == TD_RULE_NEW_CUSTOMER && rule->rates != NULL);
      char buf[TD_RATE_BUF];

      g_string_truncate (row, 0);
      if (line->sale >= 0)
        td_csv_append_text (row, td_intern_get (dataset->sale_ids, dataset->sale_id[line->sale]));
      g_string_append_c (row, ',');
      td_csv_append_text (row, td_intern_get (dataset->partner_ids, line->partner));
      g_string_append_c (row, ',');
      td_csv_append_text (row, rule->id);
      g_string_append_c (row, ',');
      td_csv_append_text (row, tier_id (result, line->tier));
      g_string_append_c (row, ',');
      switch (rule->kind)
        {
        case TD_RULE_PER_UNIT:
          g_string_append_printf (row, "%" G_GINT64_FORMAT, line->metric);
          break;
        case TD_RULE_BONUS:
          if (rule->metric == TD_METRIC_REVENUE)
            append_money (row, line->metric);
          else
            g_string_append_printf (row, "%" G_GINT64_FORMAT, line->metric);
          break;
        case TD_RULE_WELCOME:
          break;
        case TD_RULE_NEW_CUSTOMER:
          if (rule->rates != NULL)
            append_money (row, line->base);
          break;
        default:
          append_money (row, line->base);
          break;
        }
      g_string_append_c (row, ',');
      if (is_rate)
        g_string_append (row, td_rate_format_buf (line->value, buf));
      else
        append_money (row, line->value);
      g_string_append_c (row, ',');
      g_string_append (row, td_rate_format_buf (line->multiplier, buf));
      g_string_append_c (row, ',');
      append_money (row, line->payout);
      g_string_append_c (row, ',');
      td_csv_append_text (row, explanation);
      g_string_append_c (row, '\n');
      if (fwrite (row->str, 1, row->len, out) != row->len)
        return FALSE;
    }
  return fflush (out) == 0;
}

/* ---- text ---- */

static void
append_padded (GString    *out,
               const char *text,
               int         width,
               gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);
  int pad = width > length ? (int) (width - length) : 0;

  if (right)
    g_string_append_printf (out, "%*s%s", pad, "", text);
  else
    g_string_append_printf (out, "%s%*s", text, pad, "");
}

static char *
ratio_text (gboolean has_value,
            gint64   hundredths)
{
  if (!has_value)
    return g_strdup ("—");
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d %%", hundredths / 100, (int) (hundredths % 100));
}

static void
append_total (GString    *out,
              const char *label,
              const char *value)
{
  g_string_append (out, "  ");
  append_padded (out, label, 40, FALSE);
  append_padded (out, value, 22, TRUE);
  g_string_append_c (out, '\n');
}

static int
compare_payout_desc (const void *a,
                     const void *b,
                     void       *data)
{
  const TdMoney *payout = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (payout[x] != payout[y])
    return payout[x] > payout[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

char *
td_report_to_text (const TdResult *result,
                   const TdResult *baseline)
{
  const TdProgram *program = result->program;
  const TdDataset *dataset = result->dataset;
  GString *out = g_string_new (NULL);
  char from[TD_DATE_BUF], to[TD_DATE_BUF];
  g_autofree char *payout = td_money_format_grouped (result->payout);
  g_autofree char *eligible = td_money_format_grouped (result->eligible_revenue);
  g_autofree char *ineligible = td_money_format_grouped (result->ineligible_revenue);
  g_autofree char *unattributed = td_money_format_grouped (result->unattributed_revenue);
  g_autofree char *ratio_value = ratio_text (result->has_payout_ratio, result->payout_ratio);
  g_autofree char *paid = g_strdup_printf ("%" G_GINT64_FORMAT " / %u", result->partners_paid, dataset->n_partners);
  g_autofree char *new_customers = g_strdup_printf ("%" G_GINT64_FORMAT, result->new_customers);
  g_autofree guint *order = g_new (guint, MAX (dataset->n_partners, 1));
  guint n_top = MIN (dataset->n_partners, 10);

  g_string_append_printf (out, _("%s (%s, version %" PRId64 ")\n"), program->name, program->id, program->version);
  g_string_append_printf (out, _("Period %s to %s, amounts in %s\n\n"),
                          td_date_format_buf (result->from, from), td_date_format_buf (result->to, to),
                          program->currency);

  g_string_append_printf (out, "%s\n", _("Totals"));
  append_total (out, _("Payout"), payout);
  append_total (out, _("Eligible revenue"), eligible);
  append_total (out, _("Payout ratio"), ratio_value);
  append_total (out, _("Partners paid"), paid);
  append_total (out, _("New customers"), new_customers);
  append_total (out, _("Ineligible revenue"), ineligible);
  for (guint r = 0; r < 2; r++)
    if (result->ineligible_sales[r] > 0)
      {
        g_autofree char *amount = td_money_format_grouped (result->ineligible_by_reason[r]);
        g_autofree char *label = g_strdup_printf (r == 0 ? _("  distributor not authorised (%u sales)")
                                                         : _("  no invoice (%u sales)"),
                                                  result->ineligible_sales[r]);
        append_total (out, label, amount);
      }
  append_total (out, _("Unattributed (direct) revenue"), unattributed);

  g_string_append_printf (out, "\n%s\n  ", _("Tiers"));
  append_padded (out, _("Tier"), 24, FALSE);
  append_padded (out, _("Partners"), 10, TRUE);
  append_padded (out, _("Revenue"), 22, TRUE);
  append_padded (out, _("Payout"), 20, TRUE);
  g_string_append_c (out, '\n');
  for (guint t = 0; t <= program->tiers->len; t++)
    {
      const TdTierTotals *totals = &result->tiers[t];
      gint32 tier = t == program->tiers->len ? TD_UNQUALIFIED : (gint32) t;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, totals->partners);
      g_autofree char *revenue = td_money_format_grouped (totals->revenue);
      g_autofree char *tier_payout = td_money_format_grouped (totals->payout);

      if (tier == TD_UNQUALIFIED && totals->partners == 0)
        break;
      g_string_append (out, "  ");
      append_padded (out, tier_name (result, tier), 24, FALSE);
      append_padded (out, count, 10, TRUE);
      append_padded (out, revenue, 22, TRUE);
      append_padded (out, tier_payout, 20, TRUE);
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "\n%s\n  ", _("Rules"));
  append_padded (out, _("Rule"), 34, FALSE);
  append_padded (out, _("Lines"), 10, TRUE);
  append_padded (out, _("Payout"), 20, TRUE);
  g_string_append_c (out, '\n');
  for (guint r = 0; r < program->rules->len; r++)
    {
      g_autofree char *lines = g_strdup_printf ("%u", result->rules[r].lines);
      g_autofree char *rule_payout = td_money_format_grouped (result->rules[r].payout);

      g_string_append (out, "  ");
      append_padded (out, ((TdRule *) program->rules->pdata[r])->name, 34, FALSE);
      append_padded (out, lines, 10, TRUE);
      append_padded (out, rule_payout, 20, TRUE);
      g_string_append_c (out, '\n');
    }

  if (program->objectives->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Objectives"));
      for (guint o = 0; o < program->objectives->len; o++)
        {
          const TdObjective *objective = program->objectives->pdata[o];
          const TdObjectiveResult *outcome = &result->objectives[o];
          g_autofree char *value = NULL;

          switch (objective->metric)
            {
            case TD_OBJECTIVE_REVENUE:
            case TD_OBJECTIVE_PAYOUT:
              value = td_money_format_grouped (outcome->value);
              break;
            case TD_OBJECTIVE_PAYOUT_RATIO:
              value = ratio_text (outcome->has_value, outcome->value);
              break;
            default:
              value = g_strdup_printf ("%" G_GINT64_FORMAT, outcome->value);
              break;
            }
          g_string_append_printf (out, "  %s %s (%s)\n", outcome->met ? "✓" : "✗", objective->name, value);
        }
    }

  for (guint p = 0; p < dataset->n_partners; p++)
    order[p] = p;
  g_qsort_with_data (order, (gint) dataset->n_partners, sizeof (guint), compare_payout_desc, result->partner_payout);
  g_string_append_printf (out, "\n%s\n  ", _("Top partners"));
  append_padded (out, _("Partner"), 10, FALSE);
  append_padded (out, _("Name"), 30, FALSE);
  append_padded (out, _("Tier"), 16, FALSE);
  append_padded (out, _("Revenue"), 20, TRUE);
  append_padded (out, _("Payout"), 18, TRUE);
  g_string_append_c (out, '\n');
  for (guint k = 0; k < n_top; k++)
    {
      guint p = order[k];
      g_autofree char *name = g_utf8_substring (dataset->partner_name[p], 0,
                                                MIN (g_utf8_strlen (dataset->partner_name[p], -1), 28));
      g_autofree char *revenue = td_money_format_grouped (result->partner_revenue[p]);
      g_autofree char *partner_payout = td_money_format_grouped (result->partner_payout[p]);

      g_string_append (out, "  ");
      append_padded (out, td_intern_get (dataset->partner_ids, (gint32) p), 10, FALSE);
      append_padded (out, name, 30, FALSE);
      append_padded (out, tier_name (result, result->partner_tier[p]), 16, FALSE);
      append_padded (out, revenue, 20, TRUE);
      append_padded (out, partner_payout, 18, TRUE);
      g_string_append_c (out, '\n');
    }

  if (baseline != NULL)
    {
      g_autoptr(TdComparison) comparison = td_comparison_new (result, baseline);
      g_autoptr(GArray) changes = td_comparison_tier_changes (comparison);
      g_autofree char *base_payout = td_money_format_grouped (baseline->payout);
      g_autofree char *base_ratio = ratio_text (baseline->has_payout_ratio, baseline->payout_ratio);
      g_autofree char *delta = NULL;
      TdMoney difference = comparison->delta_payout;

      delta = td_money_format_grouped (difference);
      if (difference > 0)
        {
          char *signed_delta = g_strconcat ("+", delta, NULL);
          g_free (delta);
          delta = signed_delta;
        }
      g_string_append_printf (out, _("\nAgainst the baseline %s (version %" PRId64 ")\n"),
                              baseline->program->id, baseline->program->version);
      append_total (out, _("Baseline payout"), base_payout);
      append_total (out, _("Baseline payout ratio"), base_ratio);
      append_total (out, _("Change in payout"), delta);
      if (changes->len == 0)
        g_string_append_printf (out, "  %s\n", _("No partner changes tier."));
      else
        {
          g_string_append_printf (out, "  %s\n", _("Tier changes:"));
          for (guint c = 0; c < changes->len; c++)
            {
              const TdTierChange *change = &g_array_index (changes, TdTierChange, c);
              g_string_append_printf (out, "    %s → %s: %" G_GINT64_FORMAT "\n", change->from, change->to, change->partners);
            }
        }
    }
  return g_string_free (out, FALSE);
}
