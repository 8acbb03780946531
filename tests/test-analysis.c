/* test-analysis.c — payout per month, tier distribution and a partner's
 * payout explained, every figure computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "td-analysis.h"
#include "td-dataset-loader.h"
#include "td-program-reader.h"
#include "td-validator.h"
#include "test-common.h"

/* Recorded tier a. pct 10 % of net; reb 1 % of the quarter's net
 * (retroactive, from 0); wel 25.00; bon 7.00 for a month of ≥ 2 units. */
static const char month_program[] =
  "{\"format\": \"tierdesk.program\", \"format_version\": 1, \"id\": \"m\", \"name\": \"M\","
  " \"version\": 1, \"currency\": \"EUR\", \"tiers\": [{\"id\": \"a\", \"name\": \"A\"}],"
  " \"rules\": ["
  "  {\"id\": \"pct\", \"name\": \"Percent\", \"kind\": \"percent\", \"base\": \"net\", \"rates\": {\"a\": 10}},"
  "  {\"id\": \"reb\", \"name\": \"Rebate\", \"kind\": \"rebate\", \"period\": \"quarter\", \"base\": \"net\","
  "   \"mode\": \"retroactive\", \"steps\": {\"a\": [{\"from\": \"0.00\", \"rate\": 1}]}},"
  "  {\"id\": \"wel\", \"name\": \"Welcome\", \"kind\": \"welcome\", \"amounts\": {\"a\": \"25.00\"}},"
  "  {\"id\": \"bon\", \"name\": \"Bonus\", \"kind\": \"bonus\", \"period\": \"month\", \"metric\": \"units\","
  "   \"targets\": {\"a\": 2}, \"amounts\": {\"a\": \"7.00\"}}]}";

static const char month_partners[] =
  "partner_id,name,joined_on,tier\nP1,One,2024-04-20,a\nP2,Two,2024-02-14,a\n";
static const char month_products[] = "sku,name,category,list_price\nSW1,Software,sw,100.00\n";
/* S0 and S6 fall outside the period 2024-02-15 to 2024-05-10. */
static const char month_sales[] =
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"
  "S0,2024-02-10,P1,C0,SW1,1,100.00\n"
  "S1,2024-02-15,P1,C1,SW1,1,100.00\n"
  "S2,2024-02-29,P2,C2,SW1,2,300.00\n"
  "S3,2024-03-31,P1,C3,SW1,1,200.00\n"
  "S4,2024-04-01,P2,C4,SW1,1,400.00\n"
  "S5,2024-05-10,P1,C5,SW1,3,500.00\n"
  "S6,2024-05-11,P1,C6,SW1,1,1000.00\n";

#define CENTS(units) ((TdMoney) (units) * 100)

static TdDate
date (const char *text)
{
  TdDate out = 0;

  g_assert_true (td_date_parse (text, &out, NULL));
  return out;
}

static TdResult *
simulate (const TdProgram *program,
          const TdDataset *dataset,
          const char      *from,
          const char      *to)
{
  TdSimulateOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  TdResult *result;

  options.from = date (from);
  options.to = date (to);
  options.want_lines = TRUE;
  result = td_simulate (program, dataset, &options, &error);
  g_assert_no_error (error);
  return result;
}

typedef struct
{
  TdDataset *dataset;
  TdProgram *program;
} MonthData;

static void
month_data_set_up (MonthData     *data,
                   gconstpointer  user_data)
{
  g_autoptr(TdProblems) problems = td_problems_new ();

  data->dataset = tc_load_csv_texts (month_partners, month_products, month_sales);
  data->program = td_program_read_data (month_program, strlen (month_program), problems);
  g_assert_nonnull (data->program);
  td_program_validate (data->program, problems);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
}

static void
month_data_tear_down (MonthData     *data,
                      gconstpointer  user_data)
{
  td_program_free (data->program);
  td_dataset_free (data->dataset);
}

/* Period 2024-02-15 to 2024-05-10.
 * pct: S1 10.00 (Feb), S2 30.00 (Feb), S3 20.00 (Mar), S4 40.00 (Apr),
 *      S5 50.00 (May).
 * reb: Q1 clipped to 02-15..03-31, dated 03-31 (Mar): P1 1 % × (100 +
 *      200) = 3.00, P2 1 % × 300 = 3.00; Q2 clipped to 04-01..05-10, dated
 *      05-10 (May): P1 5.00, P2 4.00. By the bucket's start Q1 would have
 *      fallen in February.
 * wel: P1 joined 04-20 → 25.00 (Apr); P2 joined 02-14, before the period.
 * bon: P2 2 units in Feb (dated 02-29), P1 3 units in May (dated 05-10):
 *      7.00 each.
 * Feb 10 + 30 + 7 = 47.00 (3 lines); Mar 20 + 3 + 3 = 26.00 (3); Apr
 * 40 + 25 = 65.00 (2); May 50 + 5 + 4 + 7 = 66.00 (4). Total 204.00. */
static void
test_payout_by_month (MonthData     *data,
                      gconstpointer  user_data)
{
  const struct { int year, month; const char *start, *end; TdMoney payout; guint lines; } expected[] = {
    { 2024, 2, "2024-02-15", "2024-02-29", CENTS (47), 3 },
    { 2024, 3, "2024-03-01", "2024-03-31", CENTS (26), 3 },
    { 2024, 4, "2024-04-01", "2024-04-30", CENTS (65), 2 },
    { 2024, 5, "2024-05-01", "2024-05-10", CENTS (66), 4 },
  };
  g_autoptr(TdResult) result = simulate (data->program, data->dataset, "2024-02-15", "2024-05-10");
  g_autoptr(GArray) months = td_result_payout_by_month (result);

  g_assert_cmpint (result->payout, ==, CENTS (204));
  g_assert_cmpuint (months->len, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      const TdMonthPayout *month = &g_array_index (months, TdMonthPayout, k);

      g_assert_cmpint (month->year, ==, expected[k].year);
      g_assert_cmpint (month->month, ==, expected[k].month);
      g_assert_cmpint (month->start, ==, date (expected[k].start));
      g_assert_cmpint (month->end, ==, date (expected[k].end));
      g_assert_cmpint (month->payout, ==, expected[k].payout);
      g_assert_cmpuint (month->lines, ==, expected[k].lines);
    }
}

/* Months without a line are listed, across a year's end. */
static void
test_payout_by_month_empty (MonthData     *data,
                            gconstpointer  user_data)
{
  g_autoptr(TdResult) result = simulate (data->program, data->dataset, "2023-12-20", "2024-01-05");
  g_autoptr(GArray) months = td_result_payout_by_month (result);
  const TdMonthPayout *december, *january;

  g_assert_cmpuint (months->len, ==, 2);
  december = &g_array_index (months, TdMonthPayout, 0);
  january = &g_array_index (months, TdMonthPayout, 1);
  g_assert_cmpint (december->year, ==, 2023);
  g_assert_cmpint (december->month, ==, 12);
  g_assert_cmpint (december->start, ==, date ("2023-12-20"));
  g_assert_cmpint (december->end, ==, date ("2023-12-31"));
  g_assert_cmpint (december->payout, ==, 0);
  g_assert_cmpuint (december->lines, ==, 0);
  g_assert_cmpint (january->year, ==, 2024);
  g_assert_cmpint (january->month, ==, 1);
  g_assert_cmpint (january->start, ==, date ("2024-01-01"));
  g_assert_cmpint (january->end, ==, date ("2024-01-05"));
  g_assert_cmpint (january->payout, ==, 0);
}

static void
assert_line (const TdExplainedLine *explained,
             const char            *sale_id,
             const char            *line_date,
             TdMoney                uncapped,
             TdMoney                payout,
             const char            *text)
{
  g_assert_cmpstr (explained->sale_id, ==, sale_id);
  g_assert_cmpint (explained->line.date, ==, date (line_date));
  g_assert_cmpint (explained->line.uncapped, ==, uncapped);
  g_assert_cmpint (explained->line.payout, ==, payout);
  g_assert_true (explained->capped == (uncapped != payout));
  g_assert_cmpstr (explained->text, ==, text);
}

static const TdExplainedLine *
line_at (const TdPartnerExplanation *explanation,
         guint                       group,
         guint                       index)
{
  const TdRuleExplanation *rule = explanation->rules->pdata[group];

  return &g_array_index (rule->lines, TdExplainedLine, index);
}

static void
assert_group (const TdPartnerExplanation *explanation,
              guint                       group,
              const char                 *rule_id,
              TdMoney                     subtotal,
              guint                       n_lines)
{
  const TdRuleExplanation *rule = explanation->rules->pdata[group];

  g_assert_cmpstr (rule->rule_id, ==, rule_id);
  g_assert_cmpint (rule->subtotal, ==, subtotal);
  g_assert_cmpuint (rule->lines->len, ==, n_lines);
}

/* P1 of the month data: pct S1 10.00, S3 20.00, S5 50.00; reb 3.00 (Q1)
 * and 5.00 (Q2), sale-less, dated on the clipped buckets' ends; wel
 * 25.00 on 04-20; bon 7.00 in May. 80 + 8 + 25 + 7 = 120.00. */
static void
test_explain_period_lines (MonthData     *data,
                           gconstpointer  user_data)
{
  g_autoptr(TdResult) result = simulate (data->program, data->dataset, "2024-02-15", "2024-05-10");
  g_autoptr(TdPartnerExplanation) explanation = td_partner_explanation (result, 0);
  const TdExplainedLine *line;

  g_assert_cmpstr (explanation->partner_id, ==, "P1");
  g_assert_cmpstr (explanation->partner_name, ==, "One");
  g_assert_cmpstr (explanation->tier_id, ==, "a");
  g_assert_false (explanation->qualified);
  g_assert_false (explanation->tier_from_override);
  g_assert_cmpuint (explanation->requirements->len, ==, 0);
  g_assert_cmpint (explanation->next_tier, ==, -1);
  g_assert_cmpint (explanation->payout, ==, CENTS (120));
  g_assert_cmpint (explanation->revenue, ==, CENTS (800));
  g_assert_cmpuint (explanation->rules->len, ==, 4);

  assert_group (explanation, 0, "pct", CENTS (80), 3);
  line = line_at (explanation, 0, 0);
  assert_line (line, "S1", "2024-02-15", CENTS (10), CENTS (10),
               "Sale S1 of 1 × SW1 on 2024-02-15: 10 % of net amount 100.00 for tier A = 10.00");
  g_assert_true (line->is_rate);
  g_assert_cmpint (line->line.base, ==, CENTS (100));
  g_assert_cmpint (line->line.value, ==, 100000);
  g_assert_cmpint (line->line.multiplier, ==, 10000);
  assert_line (line_at (explanation, 0, 1), "S3", "2024-03-31", CENTS (20), CENTS (20),
               "Sale S3 of 1 × SW1 on 2024-03-31: 10 % of net amount 200.00 for tier A = 20.00");
  assert_line (line_at (explanation, 0, 2), "S5", "2024-05-10", CENTS (50), CENTS (50),
               "Sale S5 of 3 × SW1 on 2024-05-10: 10 % of net amount 500.00 for tier A = 50.00");

  assert_group (explanation, 1, "reb", CENTS (8), 2);
  line = line_at (explanation, 1, 0);
  assert_line (line, NULL, "2024-03-31", CENTS (3), CENTS (3),
               "2024-02-15 to 2024-03-31: net base 300.00 reached the step of 1 %, paid on the whole base (retroactive) for tier A = 3.00");
  g_assert_cmpint (line->line.bucket_start, ==, date ("2024-02-15"));
  g_assert_cmpint (line->line.base, ==, CENTS (300));
  g_assert_true (line->is_rate);
  line = line_at (explanation, 1, 1);
  assert_line (line, NULL, "2024-05-10", CENTS (5), CENTS (5),
               "2024-04-01 to 2024-05-10: net base 500.00 reached the step of 1 %, paid on the whole base (retroactive) for tier A = 5.00");

  assert_group (explanation, 2, "wel", CENTS (25), 1);
  line = line_at (explanation, 2, 0);
  assert_line (line, NULL, "2024-04-20", CENTS (25), CENTS (25), "Joined on 2024-04-20: welcome amount for tier A = 25.00");
  g_assert_false (line->is_rate);

  assert_group (explanation, 3, "bon", CENTS (7), 1);
  line = line_at (explanation, 3, 0);
  assert_line (line, NULL, "2024-05-10", CENTS (7), CENTS (7),
               "2024-05-01 to 2024-05-10: units 3 reached the target of 2 for tier A: bonus 7.00");
  g_assert_cmpint (line->line.metric, ==, 3);
  g_assert_cmpint (line->line.target, ==, 2);
}

static TdResult *
simulate_case (const char  *name,
               TdProgram  **program,
               TdDataset  **dataset)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "engine", name, NULL);
  g_autofree char *path = g_build_filename (dir, "program.json", NULL);
  g_autoptr(TdProblems) problems = td_problems_new ();

  *program = td_program_load (path, problems);
  g_assert_nonnull (*program);
  *dataset = td_dataset_load_dir (dir, NULL, problems);
  g_assert_nonnull (*dataset);
  return simulate (*program, *dataset, "2024-01-01", "2024-12-31");
}

/* tests/engine/23: January S1 30.00, S10 10.00, S9 30.00 cut to 10.00 by
 * the cap of 50.00 a month, S2 cut to nothing (no line); February S3
 * 10.00. Lines in (date, sale_id) order: S10 before S9. */
static void
test_explain_cap (void)
{
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdResult) result = simulate_case ("23-cap-month-line-cut-and-byte-order", &program, &dataset);
  g_autoptr(TdPartnerExplanation) explanation = td_partner_explanation (result, 0);

  g_assert_cmpstr (explanation->tier_id, ==, "gold");
  g_assert_cmpstr (explanation->tier_name, ==, "Gold");
  g_assert_false (explanation->qualified);
  g_assert_cmpint (explanation->payout, ==, CENTS (60));
  g_assert_cmpuint (explanation->rules->len, ==, 1);
  assert_group (explanation, 0, "pct", CENTS (60), 4);
  assert_line (line_at (explanation, 0, 0), "S1", "2024-01-05", CENTS (30), CENTS (30),
               "Sale S1 of 1 × SW1 on 2024-01-05: 10 % of net amount 300.00 for tier Gold = 30.00");
  assert_line (line_at (explanation, 0, 1), "S10", "2024-01-10", CENTS (10), CENTS (10),
               "Sale S10 of 1 × SW1 on 2024-01-10: 10 % of net amount 100.00 for tier Gold = 10.00");
  assert_line (line_at (explanation, 0, 2), "S9", "2024-01-10", CENTS (30), CENTS (10),
               "Sale S9 of 1 × SW1 on 2024-01-10: 10 % of net amount 300.00 for tier Gold = 30.00; "
               "cut by the cap of 50.00 per month to 10.00");
  assert_line (line_at (explanation, 0, 3), "S3", "2024-02-01", CENTS (10), CENTS (10),
               "Sale S3 of 1 × SW1 on 2024-02-01: 10 % of net amount 100.00 for tier Gold = 10.00");
}

static void
assert_check (GArray     *checks,
              guint       index,
              const char *requirement_id,
              gint64      value,
              gboolean    met)
{
  const TdRequirementCheck *check = &g_array_index (checks, TdRequirementCheck, index);

  g_assert_cmpstr (check->requirement->id, ==, requirement_id);
  g_assert_cmpint (check->value, ==, value);
  g_assert_cmpint (check->met, ==, met);
}

/* tests/engine/36: bronze revenue ≥ 1000; silver staff ≥ 5; gold staff ≥
 * 5, units ≥ 10, contract (manual). Attribute values are in 1/10,000. */
static void
test_explain_requirements (void)
{
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdResult) result = simulate_case ("36-qualify-last-tier-whose-requirements-are-met", &program, &dataset);
  g_autoptr(TdPartnerExplanation) p1 = td_partner_explanation (result, 0);
  g_autoptr(TdPartnerExplanation) p2 = td_partner_explanation (result, 1);
  g_autoptr(TdPartnerExplanation) p3 = td_partner_explanation (result, 2);
  g_autoptr(TdPartnerExplanation) p4 = td_partner_explanation (result, 3);

  /* P1: staff 7, units 3 → silver; gold misses units. 2 % × 500 = 10.00. */
  g_assert_true (p1->qualified);
  g_assert_cmpstr (p1->tier_id, ==, "silver");
  g_assert_cmpuint (p1->requirements->len, ==, 1);
  assert_check (p1->requirements, 0, "staff", 70000, TRUE);
  g_assert_cmpint (p1->next_tier, ==, 2);
  g_assert_cmpuint (p1->next_requirements->len, ==, 3);
  assert_check (p1->next_requirements, 0, "staff", 70000, TRUE);
  assert_check (p1->next_requirements, 1, "units", 3, FALSE);
  assert_check (p1->next_requirements, 2, "contract", 0, TRUE);
  assert_group (p1, 0, "pct", CENTS (10), 1);
  assert_line (line_at (p1, 0, 0), "S1", "2024-03-01", CENTS (10), CENTS (10),
               "Sale S1 of 3 × SW1 on 2024-03-01: 2 % of net amount 500.00 for tier Silver = 10.00");

  /* P2: revenue 1500 → bronze; silver misses staff (2). */
  g_assert_cmpstr (p2->tier_id, ==, "bronze");
  g_assert_cmpuint (p2->requirements->len, ==, 1);
  assert_check (p2->requirements, 0, "rev", CENTS (1500), TRUE);
  g_assert_cmpint (p2->next_tier, ==, 1);
  g_assert_cmpuint (p2->next_requirements->len, ==, 1);
  assert_check (p2->next_requirements, 0, "staff", 20000, FALSE);
  g_assert_cmpint (p2->payout, ==, CENTS (15));

  /* P3: gold although bronze is not met; no tier above. */
  g_assert_cmpstr (p3->tier_id, ==, "gold");
  g_assert_cmpuint (p3->requirements->len, ==, 3);
  assert_check (p3->requirements, 0, "staff", 50000, TRUE);
  assert_check (p3->requirements, 1, "units", 10, TRUE);
  assert_check (p3->requirements, 2, "contract", 0, TRUE);
  g_assert_cmpint (p3->next_tier, ==, -1);
  g_assert_cmpuint (p3->next_requirements->len, ==, 0);

  /* P4: unqualified; the lowest tier is the next one up. */
  g_assert_cmpint (p4->tier, ==, TD_UNQUALIFIED);
  g_assert_cmpstr (p4->tier_id, ==, "unqualified");
  g_assert_cmpuint (p4->requirements->len, ==, 0);
  g_assert_cmpint (p4->next_tier, ==, 0);
  g_assert_cmpuint (p4->next_requirements->len, ==, 1);
  assert_check (p4->next_requirements, 0, "rev", 0, FALSE);
  g_assert_cmpuint (p4->rules->len, ==, 0);
  g_assert_cmpint (p4->payout, ==, 0);
}

/* tests/engine/39: P1 gold by its override (no sales, gold's revenue
 * requirement unmet); P2 silver with its own rate 7 %; P3 silver with
 * 2.00 per unit on every product; P5 gold, two rules in program order. */
static void
test_explain_overrides (void)
{
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdResult) result = simulate_case ("39-overrides-tier-rate-per-unit-map", &program, &dataset);
  g_autoptr(TdPartnerExplanation) p1 = td_partner_explanation (result, 0);
  g_autoptr(TdPartnerExplanation) p2 = td_partner_explanation (result, 1);
  g_autoptr(TdPartnerExplanation) p3 = td_partner_explanation (result, 2);
  g_autoptr(TdPartnerExplanation) p5 = td_partner_explanation (result, 4);
  const TdExplainedLine *line;

  g_assert_cmpstr (p1->tier_id, ==, "gold");
  g_assert_true (p1->tier_from_override);
  g_assert_cmpuint (p1->requirements->len, ==, 1);
  assert_check (p1->requirements, 0, "rev", 0, FALSE);
  g_assert_cmpint (p1->next_tier, ==, -1);

  g_assert_cmpstr (p2->tier_id, ==, "silver");
  g_assert_false (p2->tier_from_override);
  assert_check (p2->requirements, 0, "rev", CENTS (1000), TRUE);
  assert_check (p2->next_requirements, 0, "rev", CENTS (1000), FALSE);
  assert_group (p2, 0, "pct", CENTS (70), 1);
  line = line_at (p2, 0, 0);
  g_assert_true (line->line.overridden);
  g_assert_cmpint (line->line.value, ==, 70000);
  assert_line (line, "S1", "2024-02-01", CENTS (70), CENTS (70),
               "Sale S1 of 10 × SW1 on 2024-02-01: 7 % of net amount 1000.00 for the override of partner P2 = 70.00");

  /* S2: 3 × SW2, S3: 2 × HW1, 2.00 each. */
  assert_group (p3, 0, "pu", CENTS (10), 2);
  line = line_at (p3, 0, 0);
  g_assert_false (line->is_rate);
  g_assert_cmpint (line->line.value, ==, 200);
  g_assert_cmpint (line->line.metric, ==, 3);
  assert_line (line, "S2", "2024-02-02", CENTS (6), CENTS (6),
               "Sale S2 of 3 × SW2 on 2024-02-02: 3 × 2.00 per unit for the override of partner P3 = 6.00");
  assert_line (line_at (p3, 0, 1), "S3", "2024-02-03", CENTS (4), CENTS (4),
               "Sale S3 of 2 × HW1 on 2024-02-03: 2 × 2.00 per unit for the override of partner P3 = 4.00");

  g_assert_cmpuint (p5->rules->len, ==, 2);
  assert_group (p5, 0, "pct", CENTS (500), 1);
  assert_group (p5, 1, "pu", CENTS (5), 1);
  g_assert_cmpint (p5->payout, ==, CENTS (505));
}

static void
test_tier_distribution (void)
{
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdResult) result = simulate_case ("42-report-partner-order-and-zero-rules", &program, &dataset);
  g_autoptr(GArray) shares = td_result_tier_distribution (result);
  g_autoptr(TdProgram) capped_program = NULL;
  g_autoptr(TdDataset) capped_dataset = NULL;
  g_autoptr(TdResult) capped = simulate_case ("23-cap-month-line-cut-and-byte-order", &capped_program, &capped_dataset);
  g_autoptr(GArray) all_gold = td_result_tier_distribution (capped);
  const TdTierShare *share;

  /* std: P10, P9, p2 (100 + 0 + 30, 10.00 + 3.00); PB unqualified. */
  g_assert_cmpuint (shares->len, ==, 2);
  share = &g_array_index (shares, TdTierShare, 0);
  g_assert_cmpint (share->tier, ==, 0);
  g_assert_cmpstr (share->id, ==, "std");
  g_assert_cmpstr (share->name, ==, "Std");
  g_assert_cmpint (share->partners, ==, 3);
  g_assert_cmpint (share->revenue, ==, CENTS (130));
  g_assert_cmpint (share->payout, ==, CENTS (13));
  share = &g_array_index (shares, TdTierShare, 1);
  g_assert_cmpint (share->tier, ==, TD_UNQUALIFIED);
  g_assert_cmpstr (share->id, ==, "unqualified");
  g_assert_cmpint (share->partners, ==, 1);
  g_assert_cmpint (share->revenue, ==, CENTS (50));
  g_assert_cmpint (share->payout, ==, 0);

  /* The unqualified row is there with no partner. */
  g_assert_cmpuint (all_gold->len, ==, 2);
  g_assert_cmpint (g_array_index (all_gold, TdTierShare, 0).partners, ==, 1);
  g_assert_cmpint (g_array_index (all_gold, TdTierShare, 1).partners, ==, 0);
}

/* Every engine case that simulates, every partner: the groups' subtotals
 * sum to the partner's payout, each group to the partner's payout from
 * that rule, each group's lines to its subtotal, in (date, sale) order. */
static void
test_explain_every_case (gconstpointer data)
{
  const char *dir = data;
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdResult) result = NULL;
  g_autoptr(GArray) months = NULL;
  TdSimulateOptions options = { 0 };
  TdMoney by_month = 0;

  if (!tc_load_engine_case (dir, &program, &dataset, &options))
    return;
  options.want_lines = TRUE;
  result = td_simulate (program, dataset, &options, NULL);
  if (result == NULL)
    {
      g_test_skip ("the simulation refuses the case");
      return;
    }

  for (guint p = 0; p < dataset->n_partners; p++)
    {
      g_autoptr(TdPartnerExplanation) explanation = td_partner_explanation (result, p);
      TdMoney sum = 0;

      g_assert_cmpint (explanation->payout, ==, result->partner_payout[p]);
      for (guint g = 0; g < explanation->rules->len; g++)
        {
          const TdRuleExplanation *group = explanation->rules->pdata[g];
          TdMoney lines = 0;

          g_assert_cmpint (group->subtotal, ==,
                           result->partner_rule_payout[(gsize) p * program->rules->len + (guint) group->rule]);
          g_assert_cmpint (group->subtotal, !=, 0);
          for (guint i = 0; i < group->lines->len; i++)
            {
              const TdExplainedLine *line = &g_array_index (group->lines, TdExplainedLine, i);

              g_assert_cmpint (line->line.partner, ==, (gint32) p);
              g_assert_cmpint (line->line.rule, ==, group->rule);
              g_assert_true (line->text != NULL && line->text[0] != '\0');
              if (i > 0)
                {
                  const TdLine *previous = &g_array_index (group->lines, TdExplainedLine, i - 1).line;
                  g_assert_true (previous->date < line->line.date ||
                                 (previous->date == line->line.date && previous->sale < line->line.sale));
                }
              lines += line->line.payout;
            }
          g_assert_cmpint (lines, ==, group->subtotal);
          sum += group->subtotal;
        }
      g_assert_cmpint (sum, ==, result->partner_payout[p]);
    }

  months = td_result_payout_by_month (result);
  for (guint k = 0; k < months->len; k++)
    by_month += g_array_index (months, TdMonthPayout, k).payout;
  g_assert_cmpint (by_month, ==, result->payout);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/analysis/payout-by-month", MonthData, NULL, month_data_set_up, test_payout_by_month, month_data_tear_down);
  g_test_add ("/analysis/payout-by-month-empty", MonthData, NULL, month_data_set_up, test_payout_by_month_empty,
              month_data_tear_down);
  g_test_add ("/analysis/explain/period-lines", MonthData, NULL, month_data_set_up, test_explain_period_lines,
              month_data_tear_down);
  g_test_add_func ("/analysis/explain/cap", test_explain_cap);
  g_test_add_func ("/analysis/explain/requirements", test_explain_requirements);
  g_test_add_func ("/analysis/explain/overrides", test_explain_overrides);
  g_test_add_func ("/analysis/tier-distribution", test_tier_distribution);

  tc_add_engine_cases ("/analysis/explain/every-case", test_explain_every_case);
  return g_test_run ();
}
