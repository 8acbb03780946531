/* test-comparison.c — a result against a baseline whose tiers and rules
 * differ, every figure computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "td-comparison.h"
#include "td-dataset-loader.h"
#include "td-program-reader.h"
#include "td-report.h"
#include "td-validator.h"
#include "test-common.h"

/* Tiers by revenue over the period. The current program has bronze ≥ 100,
 * silver ≥ 1000, gold ≥ 3000; margin 2 / 5 / 8 % of net; units 1.00 per
 * unit for gold. The baseline has silver ≥ 500, platinum ≥ 2500; margin
 * 4 / 10 %; legacy 2.00 per unit for silver. */
static const char current_json[] =
  "{\"format\": \"tierdesk.program\", \"format_version\": 1, \"id\": \"new\", \"name\": \"New\","
  " \"version\": 2, \"currency\": \"EUR\","
  " \"tiers\": ["
  "  {\"id\": \"bronze\", \"name\": \"Bronze\", \"requirements\": [{\"id\": \"rev\", \"label\": \"Rev\", \"kind\": \"revenue\", \"min\": \"100.00\"}]},"
  "  {\"id\": \"silver\", \"name\": \"Silver\", \"requirements\": [{\"id\": \"rev\", \"label\": \"Rev\", \"kind\": \"revenue\", \"min\": \"1000.00\"}]},"
  "  {\"id\": \"gold\", \"name\": \"Gold\", \"requirements\": [{\"id\": \"rev\", \"label\": \"Rev\", \"kind\": \"revenue\", \"min\": \"3000.00\"}]}],"
  " \"qualification\": {\"mode\": \"qualify\", \"window\": \"period\"},"
  " \"rules\": ["
  "  {\"id\": \"margin\", \"name\": \"Margin\", \"kind\": \"percent\", \"base\": \"net\", \"rates\": {\"bronze\": 2, \"silver\": 5, \"gold\": 8}},"
  "  {\"id\": \"units\", \"name\": \"Units\", \"kind\": \"per_unit\", \"amounts\": {\"gold\": {\"*\": \"1.00\"}}}]}";

static const char baseline_json[] =
  "{\"format\": \"tierdesk.program\", \"format_version\": 1, \"id\": \"old\", \"name\": \"Old\","
  " \"version\": 1, \"currency\": \"EUR\","
  " \"tiers\": ["
  "  {\"id\": \"silver\", \"name\": \"Old silver\", \"requirements\": [{\"id\": \"rev\", \"label\": \"Rev\", \"kind\": \"revenue\", \"min\": \"500.00\"}]},"
  "  {\"id\": \"platinum\", \"name\": \"Platinum\", \"requirements\": [{\"id\": \"rev\", \"label\": \"Rev\", \"kind\": \"revenue\", \"min\": \"2500.00\"}]}],"
  " \"qualification\": {\"mode\": \"qualify\", \"window\": \"period\"},"
  " \"rules\": ["
  "  {\"id\": \"margin\", \"name\": \"Old margin\", \"kind\": \"percent\", \"base\": \"net\", \"rates\": {\"silver\": 4, \"platinum\": 10}},"
  "  {\"id\": \"legacy\", \"name\": \"Legacy\", \"kind\": \"per_unit\", \"amounts\": {\"silver\": {\"*\": \"2.00\"}}}]}";

/* Revenue P1 50, P2 200, P3 600 (2 units), P4 1500 (3), P5 2800, P6 4000
 * (4), P7 none, P8 200. Partners are indexed 0 to 7 in this order. */
static const char partners_csv[] =
  "partner_id,name\nP1,One\nP2,Two\nP3,Three\nP4,Four\nP5,Five\nP6,Six\nP7,Seven\nP8,Eight\n";
static const char products_csv[] = "sku,name,category,list_price\nSW1,Software,sw,100.00\n";
static const char sales_csv[] =
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"
  "S1,2024-03-01,P1,C1,SW1,1,50.00\n"
  "S2,2024-03-02,P2,C2,SW1,1,200.00\n"
  "S3,2024-03-03,P3,C3,SW1,2,600.00\n"
  "S4,2024-03-04,P4,C4,SW1,3,1500.00\n"
  "S5,2024-03-05,P5,C5,SW1,1,2800.00\n"
  "S6,2024-03-06,P6,C6,SW1,4,4000.00\n"
  "S8,2024-03-08,P8,C8,SW1,1,200.00\n";

#define CENTS(units) ((TdMoney) (units) * 100)

typedef struct
{
  TdDataset  *dataset;
  TdProgram  *current_program;
  TdProgram  *baseline_program;
  TdResult   *current;
  TdResult   *baseline;
  TdComparison *comparison;
} Fixture;

static TdProgram *
read_program (const char *json)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_read_data (json, strlen (json), problems);

  g_assert_nonnull (program);
  td_program_validate (program, problems);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
  return g_steal_pointer (&program);
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

  g_assert_true (td_date_parse (from, &options.from, NULL));
  g_assert_true (td_date_parse (to, &options.to, NULL));
  result = td_simulate (program, dataset, &options, &error);
  g_assert_no_error (error);
  return result;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dataset = tc_load_csv_texts (partners_csv, products_csv, sales_csv);
  g_assert_cmpuint (fixture->dataset->n_partners, ==, 8);
  fixture->current_program = read_program (current_json);
  fixture->baseline_program = read_program (baseline_json);
  fixture->current = simulate (fixture->current_program, fixture->dataset, "2024-01-01", "2024-12-31");
  fixture->baseline = simulate (fixture->baseline_program, fixture->dataset, "2024-01-01", "2024-12-31");
  fixture->comparison = td_comparison_new (fixture->current, fixture->baseline);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  td_comparison_free (fixture->comparison);
  td_result_free (fixture->current);
  td_result_free (fixture->baseline);
  td_program_free (fixture->current_program);
  td_program_free (fixture->baseline_program);
  td_dataset_free (fixture->dataset);
}

/* Current: P2 bronze 2 % × 200 = 4.00; P3 bronze 2 % × 600 = 12.00; P4
 * silver 5 % × 1500 = 75.00; P5 silver 5 % × 2800 = 140.00; P6 gold 8 % ×
 * 4000 = 320.00 + 4 units × 1.00 = 4.00; P8 bronze 4.00; P1 (50) and P7
 * (nothing) unqualified. Total 559.00.
 * Baseline: P3 silver 4 % × 600 = 24.00 + 2 × 2.00 = 4.00; P4 silver
 * 4 % × 1500 = 60.00 + 3 × 2.00 = 6.00; P5 platinum 10 % × 2800 = 280.00;
 * P6 platinum 400.00; P1, P2, P7, P8 unqualified. Total 774.00. */
static void
test_totals (Fixture       *fixture,
             gconstpointer  data)
{
  g_assert_cmpint (fixture->current->payout, ==, CENTS (559));
  g_assert_cmpint (fixture->baseline->payout, ==, CENTS (774));
  g_assert_cmpint (fixture->comparison->delta_payout, ==, -CENTS (215));
}

static void
test_tiers (Fixture       *fixture,
            gconstpointer  data)
{
  /* id, current index, baseline index; partners, revenue, payout of each
   * side. */
  const struct
  {
    const char *id;
    const char *name;
    gint32 current_index, baseline_index;
    gint64 current_partners; TdMoney current_revenue, current_payout;
    gint64 baseline_partners; TdMoney baseline_revenue, baseline_payout;
  } expected[] = {
    /* P2, P3, P8 | none */
    { "bronze", "Bronze", 0, -1, 3, CENTS (1000), CENTS (20), 0, 0, 0 },
    /* P4, P5: 1500 + 2800, 75 + 140 | P3, P4: 600 + 1500, 28 + 66 */
    { "silver", "Silver", 1, 0, 2, CENTS (4300), CENTS (215), 2, CENTS (2100), CENTS (94) },
    /* P6 | none */
    { "gold", "Gold", 2, -1, 1, CENTS (4000), CENTS (324), 0, 0, 0 },
    /* none | P5, P6: 2800 + 4000, 280 + 400 */
    { "platinum", "Platinum", -1, 1, 0, 0, 0, 2, CENTS (6800), CENTS (680) },
    /* P1, P7 | P1, P2, P7, P8: 50 + 200 + 200 */
    { "unqualified", "Unqualified", 3, 2, 2, CENTS (50), 0, 4, CENTS (450), 0 },
  };
  TdMoney sum = 0;

  g_assert_cmpuint (fixture->comparison->n_tiers, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      const TdTierComparison *tier = &fixture->comparison->tiers[k];

      g_assert_cmpstr (tier->id, ==, expected[k].id);
      g_assert_cmpstr (tier->name, ==, expected[k].name);
      g_assert_cmpint (tier->current_index, ==, expected[k].current_index);
      g_assert_cmpint (tier->baseline_index, ==, expected[k].baseline_index);
      g_assert_cmpint (tier->current.partners, ==, expected[k].current_partners);
      g_assert_cmpint (tier->current.revenue, ==, expected[k].current_revenue);
      g_assert_cmpint (tier->current.payout, ==, expected[k].current_payout);
      g_assert_cmpint (tier->baseline.partners, ==, expected[k].baseline_partners);
      g_assert_cmpint (tier->baseline.revenue, ==, expected[k].baseline_revenue);
      g_assert_cmpint (tier->baseline.payout, ==, expected[k].baseline_payout);
      g_assert_cmpint (tier->delta_partners, ==, expected[k].current_partners - expected[k].baseline_partners);
      g_assert_cmpint (tier->delta_revenue, ==, expected[k].current_revenue - expected[k].baseline_revenue);
      g_assert_cmpint (tier->delta_payout, ==, expected[k].current_payout - expected[k].baseline_payout);
      sum += tier->delta_payout;
    }
  g_assert_cmpint (sum, ==, -CENTS (215));
}

static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  const TdRuleComparison *rules = fixture->comparison->rules;

  g_assert_cmpuint (fixture->comparison->n_rules, ==, 3);
  /* margin: 4 + 12 + 75 + 140 + 320 + 4 = 555.00 in 6 lines against
   * 24 + 60 + 280 + 400 = 764.00 in 4. */
  g_assert_cmpstr (rules[0].id, ==, "margin");
  g_assert_cmpstr (rules[0].name, ==, "Margin");
  g_assert_cmpint (rules[0].current_index, ==, 0);
  g_assert_cmpint (rules[0].baseline_index, ==, 0);
  g_assert_cmpint (rules[0].current.payout, ==, CENTS (555));
  g_assert_cmpuint (rules[0].current.lines, ==, 6);
  g_assert_cmpint (rules[0].baseline.payout, ==, CENTS (764));
  g_assert_cmpuint (rules[0].baseline.lines, ==, 4);
  g_assert_cmpint (rules[0].delta_payout, ==, -CENTS (209));
  /* units: only the current program's, P6 4.00. */
  g_assert_cmpstr (rules[1].id, ==, "units");
  g_assert_cmpint (rules[1].current_index, ==, 1);
  g_assert_cmpint (rules[1].baseline_index, ==, -1);
  g_assert_cmpint (rules[1].current.payout, ==, CENTS (4));
  g_assert_cmpuint (rules[1].current.lines, ==, 1);
  g_assert_cmpint (rules[1].baseline.payout, ==, 0);
  g_assert_cmpint (rules[1].delta_payout, ==, CENTS (4));
  /* legacy: only the baseline's, 4.00 + 6.00. */
  g_assert_cmpstr (rules[2].id, ==, "legacy");
  g_assert_cmpstr (rules[2].name, ==, "Legacy");
  g_assert_cmpint (rules[2].current_index, ==, -1);
  g_assert_cmpint (rules[2].baseline_index, ==, 1);
  g_assert_cmpint (rules[2].baseline.payout, ==, CENTS (10));
  g_assert_cmpuint (rules[2].baseline.lines, ==, 2);
  g_assert_cmpint (rules[2].delta_payout, ==, -CENTS (10));
}

static void
assert_partners (GArray      *partners,
                 const guint *expected,
                 guint        n)
{
  g_assert_cmpuint (partners->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (partners, guint, i), ==, expected[i]);
}

static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  const TdComparison *comparison = fixture->comparison;
  /* Rows silver, platinum, unqualified (baseline); columns bronze,
   * silver, gold, unqualified (current).
   * P3 silver → bronze, P4 silver → silver, P5 platinum → silver,
   * P6 platinum → gold, P2 and P8 unqualified → bronze, P1 and P7 stay
   * unqualified. */
  const gint64 expected[3][4] = {
    { 1, 1, 0, 0 },
    { 0, 1, 1, 0 },
    { 2, 0, 0, 2 },
  };
  const char *rows[] = { "silver", "platinum", "unqualified" };
  const char *columns[] = { "bronze", "silver", "gold", "unqualified" };
  const guint unqualified_to_bronze[] = { 1, 7 };
  const guint stay_unqualified[] = { 0, 6 };
  const guint silver_to_silver[] = { 3 };
  g_autoptr(GArray) cell = NULL;
  g_autoptr(GArray) empty = NULL;
  g_autoptr(GArray) stay = NULL;
  g_autoptr(GArray) same = NULL;

  g_assert_cmpuint (comparison->n_rows, ==, 3);
  g_assert_cmpuint (comparison->n_columns, ==, 4);
  for (guint r = 0; r < 3; r++)
    {
      g_assert_cmpstr (td_comparison_row_id (comparison, r), ==, rows[r]);
      for (guint c = 0; c < 4; c++)
        {
          g_autoptr(GArray) partners = td_comparison_cell_partners (comparison, r, c);

          g_assert_cmpstr (td_comparison_column_id (comparison, c), ==, columns[c]);
          g_assert_cmpint (td_comparison_migration (comparison, r, c), ==, expected[r][c]);
          g_assert_cmpuint (partners->len, ==, expected[r][c]);
        }
    }
  cell = td_comparison_cell_partners (comparison, 2, 0);
  assert_partners (cell, unqualified_to_bronze, G_N_ELEMENTS (unqualified_to_bronze));
  stay = td_comparison_cell_partners (comparison, 2, 3);
  assert_partners (stay, stay_unqualified, G_N_ELEMENTS (stay_unqualified));
  same = td_comparison_cell_partners (comparison, 0, 1);
  assert_partners (same, silver_to_silver, G_N_ELEMENTS (silver_to_silver));
  empty = td_comparison_cell_partners (comparison, 1, 0);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_tier_changes (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The off-diagonal cells, by from then to, byte-wise. silver → silver
   * (P4) and unqualified → unqualified are not changes. */
  const struct { const char *from, *to; gint64 partners; } expected[] = {
    { "platinum", "gold", 1 },
    { "platinum", "silver", 1 },
    { "silver", "bronze", 1 },
    { "unqualified", "bronze", 2 },
  };
  g_autoptr(GArray) changes = td_comparison_tier_changes (fixture->comparison);
  g_autofree char *json = td_report_to_json (fixture->current, fixture->baseline);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *baseline;
  JsonArray *listed;

  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      const TdTierChange *change = &g_array_index (changes, TdTierChange, k);

      g_assert_cmpstr (change->from, ==, expected[k].from);
      g_assert_cmpstr (change->to, ==, expected[k].to);
      g_assert_cmpint (change->partners, ==, expected[k].partners);
    }

  /* The report lists the same, with the signed delta. */
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  baseline = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "baseline");
  g_assert_cmpstr (json_object_get_string_member (baseline, "delta_payout"), ==, "-215.00");
  listed = json_object_get_array_member (baseline, "tier_changes");
  g_assert_cmpuint (json_array_get_length (listed), ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      JsonObject *change = json_array_get_object_element (listed, k);

      g_assert_cmpstr (json_object_get_string_member (change, "from"), ==, expected[k].from);
      g_assert_cmpstr (json_object_get_string_member (change, "to"), ==, expected[k].to);
      g_assert_cmpint (json_object_get_int_member (change, "partners"), ==, expected[k].partners);
    }
}

static void
assert_rule_delta (const TdComparison *comparison,
                   const TdPartnerChange *change,
                   guint               k,
                   const char         *rule_id,
                   TdMoney             current,
                   TdMoney             baseline)
{
  const TdRuleDelta *delta = &g_array_index (change->rules, TdRuleDelta, k);

  g_assert_cmpstr (comparison->rules[delta->rule].id, ==, rule_id);
  g_assert_cmpint (delta->current, ==, current);
  g_assert_cmpint (delta->baseline, ==, baseline);
  g_assert_cmpint (delta->delta, ==, current - baseline);
}

static void
test_winners_losers (Fixture       *fixture,
                     gconstpointer  data)
{
  const TdComparison *comparison = fixture->comparison;
  g_autoptr(GPtrArray) winners = td_comparison_winners (comparison, 10);
  g_autoptr(GPtrArray) top = td_comparison_winners (comparison, 2);
  g_autoptr(GPtrArray) losers = td_comparison_losers (comparison, 10);
  g_autoptr(GPtrArray) none = td_comparison_losers (comparison, 0);
  g_autoptr(TdPartnerChange) unchanged = td_comparison_partner (comparison, 0);
  const TdPartnerChange *change;

  /* Deltas: P1 0, P2 +4.00, P3 −16.00, P4 +9.00, P5 −140.00, P6 −76.00,
   * P7 0, P8 +4.00. Winners P4, then P2 and P8 (a tie, partner_id
   * order); P1 and P7 are neither. */
  g_assert_cmpuint (winners->len, ==, 3);
  change = winners->pdata[0];
  g_assert_cmpuint (change->partner, ==, 3);
  g_assert_cmpint (change->current, ==, CENTS (75));
  g_assert_cmpint (change->baseline, ==, CENTS (66));
  g_assert_cmpint (change->delta, ==, CENTS (9));
  g_assert_cmpint (change->current_tier, ==, 1);   /* silver of the current program */
  g_assert_cmpint (change->baseline_tier, ==, 0);  /* silver of the baseline */
  /* margin 5 % × 1500 = 75.00 against 4 % = 60.00; legacy 0 against 6.00:
   * the gain first. */
  g_assert_cmpuint (change->rules->len, ==, 2);
  assert_rule_delta (comparison, change, 0, "margin", CENTS (75), CENTS (60));
  assert_rule_delta (comparison, change, 1, "legacy", 0, CENTS (6));
  change = winners->pdata[1];
  g_assert_cmpuint (change->partner, ==, 1);
  g_assert_cmpint (change->delta, ==, CENTS (4));
  g_assert_cmpint (change->baseline_tier, ==, TD_UNQUALIFIED);
  g_assert_cmpuint (change->rules->len, ==, 1);
  assert_rule_delta (comparison, change, 0, "margin", CENTS (4), 0);
  change = winners->pdata[2];
  g_assert_cmpuint (change->partner, ==, 7);
  g_assert_cmpint (change->delta, ==, CENTS (4));

  g_assert_cmpuint (top->len, ==, 2);
  g_assert_cmpuint (((TdPartnerChange *) top->pdata[0])->partner, ==, 3);
  g_assert_cmpuint (((TdPartnerChange *) top->pdata[1])->partner, ==, 1);

  /* Losers P5 −140.00, P6 −76.00, P3 −16.00. */
  g_assert_cmpuint (losers->len, ==, 3);
  change = losers->pdata[0];
  g_assert_cmpuint (change->partner, ==, 4);
  g_assert_cmpint (change->delta, ==, -CENTS (140));
  g_assert_cmpuint (change->rules->len, ==, 1);
  assert_rule_delta (comparison, change, 0, "margin", CENTS (140), CENTS (280));
  /* P6: margin 320.00 against 400.00 first (the loss), then units +4.00. */
  change = losers->pdata[1];
  g_assert_cmpuint (change->partner, ==, 5);
  g_assert_cmpint (change->delta, ==, -CENTS (76));
  g_assert_cmpint (change->current_tier, ==, 2);
  g_assert_cmpint (change->baseline_tier, ==, 1);
  g_assert_cmpuint (change->rules->len, ==, 2);
  assert_rule_delta (comparison, change, 0, "margin", CENTS (320), CENTS (400));
  assert_rule_delta (comparison, change, 1, "units", CENTS (4), 0);
  /* P3: margin 12.00 against 24.00, legacy 0 against 4.00. */
  change = losers->pdata[2];
  g_assert_cmpuint (change->partner, ==, 2);
  g_assert_cmpint (change->delta, ==, -CENTS (16));
  g_assert_cmpuint (change->rules->len, ==, 2);
  assert_rule_delta (comparison, change, 0, "margin", CENTS (12), CENTS (24));
  assert_rule_delta (comparison, change, 1, "legacy", 0, CENTS (4));

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (unchanged->delta, ==, 0);
  g_assert_cmpuint (unchanged->rules->len, ==, 0);
}

/* tests/engine/44: the same tiers on both sides, different thresholds;
 * the case's own computation: silver → gold P1 and P6, unqualified →
 * silver P3, delta 560.00 − 415.00. */
static void
test_engine_case_44 (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "engine", "44-baseline-tier-changes", NULL);
  g_autofree char *program_path = g_build_filename (dir, "program.json", NULL);
  g_autofree char *baseline_path = g_build_filename (dir, "baseline.json", NULL);
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_load (program_path, problems);
  g_autoptr(TdProgram) baseline_program = td_program_load (baseline_path, problems);
  g_autoptr(TdDataset) dataset = td_dataset_load_dir (dir, NULL, problems);
  g_autoptr(TdResult) current = NULL;
  g_autoptr(TdResult) baseline = NULL;
  g_autoptr(TdComparison) comparison = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GArray) movers = NULL;
  const guint silver_to_gold[] = { 0, 5 };

  g_assert_nonnull (program);
  g_assert_nonnull (baseline_program);
  g_assert_nonnull (dataset);
  current = simulate (program, dataset, "2024-01-01", "2024-12-31");
  baseline = simulate (baseline_program, dataset, "2024-01-01", "2024-12-31");
  comparison = td_comparison_new (current, baseline);

  g_assert_cmpint (comparison->delta_payout, ==, CENTS (145));
  changes = td_comparison_tier_changes (comparison);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (g_array_index (changes, TdTierChange, 0).from, ==, "silver");
  g_assert_cmpstr (g_array_index (changes, TdTierChange, 0).to, ==, "gold");
  g_assert_cmpint (g_array_index (changes, TdTierChange, 0).partners, ==, 2);
  g_assert_cmpstr (g_array_index (changes, TdTierChange, 1).from, ==, "unqualified");
  g_assert_cmpstr (g_array_index (changes, TdTierChange, 1).to, ==, "silver");
  g_assert_cmpint (g_array_index (changes, TdTierChange, 1).partners, ==, 1);
  movers = td_comparison_cell_partners (comparison, 0, 1);
  assert_partners (movers, silver_to_gold, G_N_ELEMENTS (silver_to_gold));

  /* Tiers: silver P2, P3 (600 + 200, 30 + 10) against P1, P2, P6 (1500 +
   * 600 + 1200, 75 + 30 + 60); gold P1, P5, P6 (5200, 520) against P5
   * (2500, 250); unqualified P4 (50) against P3, P4 (250). */
  g_assert_cmpuint (comparison->n_tiers, ==, 3);
  g_assert_cmpint (comparison->tiers[0].delta_partners, ==, -1);
  g_assert_cmpint (comparison->tiers[0].delta_revenue, ==, CENTS (800) - CENTS (3300));
  g_assert_cmpint (comparison->tiers[0].delta_payout, ==, CENTS (40) - CENTS (165));
  g_assert_cmpint (comparison->tiers[1].delta_partners, ==, 2);
  g_assert_cmpint (comparison->tiers[1].delta_revenue, ==, CENTS (5200) - CENTS (2500));
  g_assert_cmpint (comparison->tiers[1].delta_payout, ==, CENTS (520) - CENTS (250));
  g_assert_cmpint (comparison->tiers[2].delta_partners, ==, -1);
  g_assert_cmpint (comparison->tiers[2].delta_revenue, ==, CENTS (50) - CENTS (250));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/comparison/totals", Fixture, NULL, fixture_set_up, test_totals, fixture_tear_down);
  g_test_add ("/comparison/tiers", Fixture, NULL, fixture_set_up, test_tiers, fixture_tear_down);
  g_test_add ("/comparison/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);
  g_test_add ("/comparison/migration", Fixture, NULL, fixture_set_up, test_migration, fixture_tear_down);
  g_test_add ("/comparison/tier-changes", Fixture, NULL, fixture_set_up, test_tier_changes, fixture_tear_down);
  g_test_add ("/comparison/winners-losers", Fixture, NULL, fixture_set_up, test_winners_losers, fixture_tear_down);
  g_test_add_func ("/comparison/engine-case-44", test_engine_case_44);
  return g_test_run ();
}
