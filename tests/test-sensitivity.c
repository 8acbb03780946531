/* test-sensitivity.c — rewards scaled by a percent: which values, how
 * rounded, and what the program then pays, computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-dataset-loader.h"
#include "td-error.h"
#include "td-program-reader.h"
#include "td-program-writer.h"
#include "td-sensitivity.h"
#include "td-validator.h"

/* Every kind of reward, and every value that is not one (requirement,
 * step thresholds, bonus target, cap, loyalty multiplier, objective
 * target, benefit) so that the test sees them unchanged. The @NAME@
 * placeholders are the rewards. */
static const char template_json[] =
  "{\"format\": \"tierdesk.program\", \"format_version\": 1, \"id\": \"all\", \"name\": \"All\","
  " \"version\": 1, \"currency\": \"EUR\","
  " \"tiers\": [{\"id\": \"a\", \"name\": \"A\", \"requirements\": ["
  "   {\"id\": \"rev\", \"label\": \"Rev\", \"kind\": \"revenue\", \"min\": \"1000.00\"}]}],"
  " \"qualification\": {\"mode\": \"qualify\", \"window\": \"previous_year\"},"
  " \"rules\": ["
  "  {\"id\": \"pct\", \"name\": \"P\", \"kind\": \"percent\", \"base\": \"list\", \"rates\": {\"a\": @PCT@}},"
  "  {\"id\": \"nc-rate\", \"name\": \"N\", \"kind\": \"new_customer\", \"rates\": {\"a\": @NCR@},"
  "   \"loyalty\": {\"window_days\": 90, \"steps\": [{\"min_prior\": 1, \"multiplier\": 1.5}]}},"
  "  {\"id\": \"nc-amount\", \"name\": \"M\", \"kind\": \"new_customer\", \"amounts\": {\"a\": \"@NCA@\"}},"
  "  {\"id\": \"welcome\", \"name\": \"W\", \"kind\": \"welcome\", \"amounts\": {\"a\": \"@WEL@\"}},"
  "  {\"id\": \"bonus\", \"name\": \"B\", \"kind\": \"bonus\", \"period\": \"quarter\", \"metric\": \"revenue\","
  "   \"targets\": {\"a\": \"1000.00\"}, \"amounts\": {\"a\": \"@BON@\"}},"
  "  {\"id\": \"units\", \"name\": \"U\", \"kind\": \"per_unit\", \"amounts\": {\"a\": {\"SW1\": \"@PU1@\", \"*\": \"@PU2@\"}}},"
  "  {\"id\": \"rebate\", \"name\": \"R\", \"kind\": \"rebate\", \"period\": \"year\", \"base\": \"net\", \"mode\": \"marginal\","
  "   \"steps\": {\"a\": [{\"from\": \"0.00\", \"rate\": @RB1@}, {\"from\": \"10000.00\", \"rate\": @RB2@}]},"
  "   \"cap\": \"500.00\", \"cap_period\": \"year\"}],"
  " \"benefits\": [{\"id\": \"mdf\", \"name\": \"MDF\", \"group\": \"g\", \"values\": {\"a\": 2.5}}],"
  " \"objectives\": [{\"id\": \"cost\", \"name\": \"Cost\", \"metric\": \"payout\", \"target\": \"1000.00\"}],"
  " \"overrides\": [{\"partner\": \"X\", \"reason\": \"r\", \"rates\": {\"pct\": @OVR@}, \"amounts\": {\"welcome\": \"@OVA@\"}}]}";

static const char *const placeholders[] = {
  "@PCT@", "@NCR@", "@NCA@", "@WEL@", "@BON@", "@PU1@", "@PU2@", "@RB1@", "@RB2@", "@OVR@", "@OVA@",
};

static const char *const original[] = {
  "12.3457", "0.0005", "0.15", "100.05", "50.00", "0.05", "3.33", "1", "2.5", "7", "0.25",
};

static char *
canonical (const char *const values[])
{
  g_autoptr(GString) json = g_string_new (template_json);
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (placeholders); k++)
    g_assert_cmpuint (g_string_replace (json, placeholders[k], values[k], 0), ==, 1);
  program = td_program_read_data (json->str, json->len, problems);
  g_assert_nonnull (program);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
  return td_program_to_json (program);
}

static TdProgram *
read_canonical (const char *json)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  TdProgram *program = td_program_read_data (json, strlen (json), problems);

  g_assert_nonnull (program);
  return program;
}

static void
assert_scaled (int                percent,
               const char *const  expected[])
{
  g_autofree char *source = canonical (original);
  g_autofree char *wanted = canonical (expected);
  g_autoptr(TdProgram) program = read_canonical (source);
  g_autoptr(TdProgram) scaled = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *untouched = NULL;
  g_autoptr(GError) error = NULL;

  scaled = td_program_scale_rewards (program, percent, &error);
  g_assert_no_error (error);
  actual = td_program_to_json (scaled);
  g_assert_cmpstr (actual, ==, wanted);
  untouched = td_program_to_json (program);
  g_assert_cmpstr (untouched, ==, source);
}

/* × 1.1, half away from zero on the unit (1/10,000 % or the cent):
 * 123457 × 1.1 = 135802.7 → 13.5803 %; 5 → 5.5 → 0.0006 %; 15 → 16.5 →
 * 0.17; 10005 → 11005.5 → 110.06; 5000 → 55.00; 5 → 5.5 → 0.06; 333 →
 * 366.3 → 3.66; steps 1 → 1.1 %, 2.5 → 2.75 %; override 7 → 7.7 %, 25 →
 * 27.5 → 0.28. */
static void
test_scale_up (void)
{
  const char *const expected[] = {
    "13.5803", "0.0006", "0.17", "110.06", "55.00", "0.06", "3.66", "1.1", "2.75", "7.7", "0.28",
  };

  assert_scaled (10, expected);
}

/* × 0.9: 123457 → 111111.3 → 11.1111 %; 5 → 4.5 → 0.0005 % (half away
 * from zero); 15 → 13.5 → 0.14; 10005 → 9004.5 → 90.05; 45.00; 5 → 4.5
 * → 0.05; 333 → 299.7 → 3.00; 0.9 % and 2.25 %; 6.3 %, 25 → 22.5 → 0.23. */
static void
test_scale_down (void)
{
  const char *const expected[] = {
    "11.1111", "0.0005", "0.14", "90.05", "45.00", "0.05", "3.00", "0.9", "2.25", "6.3", "0.23",
  };

  assert_scaled (-10, expected);
}

/* × 1.5: 123457 → 185185.5 → 18.5186 %; 5 → 7.5 → 0.0008 %; 15 → 22.5
 * → 0.23; 10005 → 15007.5 → 150.08; 75.00; 5 → 7.5 → 0.08; 333 → 499.5
 * → 5.00; 1.5 %, 3.75 %; 10.5 %, 25 → 37.5 → 0.38. */
static void
test_scale_half (void)
{
  const char *const expected[] = {
    "18.5186", "0.0008", "0.23", "150.08", "75.00", "0.08", "5.00", "1.5", "3.75", "10.5", "0.38",
  };

  assert_scaled (50, expected);
}

static void
test_scale_zero_and_minus_100 (void)
{
  const char *const zero[] = {
    "0", "0", "0.00", "0.00", "0.00", "0.00", "0.00", "0", "0", "0", "0.00",
  };

  assert_scaled (0, original);
  assert_scaled (-100, zero);
}

static void
test_scale_refused (void)
{
  g_autofree char *source = canonical (original);
  g_autoptr(TdProgram) program = read_canonical (source);
  g_autoptr(GError) negative = NULL;
  g_autoptr(GError) overflow = NULL;
  g_autoptr(TdProgram) huge = NULL;
  g_autoptr(GString) json = g_string_new (source);

  g_assert_null (td_program_scale_rewards (program, -101, &negative));
  g_assert_error (negative, TD_ERROR, TD_ERROR_INVALID);

  /* The largest amount the format holds, 92233720368547758.07, cannot
   * grow by 1 %. */
  g_assert_cmpuint (g_string_replace (json, "\"100.05\"", "\"92233720368547758.07\"", 0), ==, 1);
  huge = read_canonical (json->str);
  g_assert_null (td_program_scale_rewards (huge, 1, &overflow));
  g_assert_error (overflow, TD_ERROR, TD_ERROR_OVERFLOW);
}

static TdDataset *
load_case (const char  *name,
           TdProgram  **program)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "engine", name, NULL);
  g_autofree char *path = g_build_filename (dir, "program.json", NULL);
  g_autoptr(TdProblems) problems = td_problems_new ();
  TdDataset *dataset;

  *program = td_program_load (path, problems);
  g_assert_nonnull (*program);
  dataset = td_dataset_load_dir (dir, NULL, problems);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
record_progress (double   fraction,
                 gpointer data)
{
  GArray *fractions = data;

  g_array_append_val (fractions, fraction);
}

/* tests/engine/39: pct gold 10 %, P2's override 7 %, pu gold SW1 5.00,
 * P3's override 2.00 per unit (P4's overrides never pay: unqualified).
 * Unscaled: P2 7 % × 1000 = 70.00; P3 5 units × 2.00 = 10.00; P5 10 % ×
 * 5000 = 500.00 + 1 × 5.00. Total 585.00 on 7500.00 of revenue.
 *  −20 %: 5.6 % × 1000 = 56.00; 5 × 1.60 = 8.00; 8 % × 5000 = 400.00;
 *         4.00 → 468.00, 468 / 7500 = 6.24 %
 *  −10 %: 63.00 + 9.00 + 450.00 + 4.50 = 526.50 → 7.02 %
 *    0 %: 585.00 → 7.80 %
 *  +10 %: 77.00 + 11.00 + 550.00 + 5.50 = 643.50 → 8.58 %
 *  +20 %: 84.00 + 12.00 + 600.00 + 6.00 = 702.00 → 9.36 % */
static void
test_run_percent_and_per_unit (void)
{
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = load_case ("39-overrides-tier-rate-per-unit-map", &program);
  g_autoptr(TdSimulator) simulator = td_simulator_new (dataset);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const int percents[] = { -20, -10, 0, 10, 20 };
  const TdMoney payouts[] = { 46800, 52650, 58500, 64350, 70200 };
  const gint64 ratios[] = { 624, 702, 780, 858, 936 };
  TdSensitivityPoint points[G_N_ELEMENTS (percents)];
  TdSimulateOptions options = { 0 };

  options.from = td_date_from_ymd (2024, 1, 1);
  options.to = td_date_from_ymd (2024, 12, 31);
  options.want_lines = TRUE;
  options.progress = record_progress;
  options.progress_data = fractions;
  g_assert_true (td_sensitivity_run (simulator, program, &options, percents, G_N_ELEMENTS (percents), points, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (percents); k++)
    {
      g_assert_cmpint (points[k].percent, ==, percents[k]);
      g_assert_cmpint (points[k].payout, ==, payouts[k]);
      g_assert_cmpint (points[k].eligible_revenue, ==, 750000);
      g_assert_true (points[k].has_payout_ratio);
      g_assert_cmpint (points[k].payout_ratio, ==, ratios[k]);
    }
  /* One progress from 0 to 1 over the five runs. */
  g_assert_cmpuint (fractions->len, >, 0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* tests/engine/23: 10 % of net, cap 50.00 per month, which is not scaled.
 * January S1 300, S10 100, S9 300, S2 100; February S3 100 (revenue 900).
 *  +10 %, 11 %: S1 33.00, S10 11.00 (44.00), S9 33.00 cut to 6.00, S2
 *          0; S3 11.00 → 61.00; 6100 × 100 / 90000 = 6.777… → 6.78 %
 *  −20 %, 8 %: S1 24.00, S10 8.00 (32.00), S9 24.00 cut to 18.00, S2
 *          0; S3 8.00 → 58.00; 6.444… → 6.44 %
 *  −100 %: nothing, 0.00 %. */
static void
test_run_caps_stay (void)
{
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = load_case ("23-cap-month-line-cut-and-byte-order", &program);
  g_autoptr(TdSimulator) simulator = td_simulator_new (dataset);
  g_autoptr(GError) error = NULL;
  const int percents[] = { 10, -20, -100 };
  TdSensitivityPoint points[G_N_ELEMENTS (percents)];
  TdSimulateOptions options = { 0 };

  options.from = td_date_from_ymd (2024, 1, 1);
  options.to = td_date_from_ymd (2024, 12, 31);
  g_assert_true (td_sensitivity_run (simulator, program, &options, percents, G_N_ELEMENTS (percents), points, &error));
  g_assert_no_error (error);
  g_assert_cmpint (points[0].payout, ==, 6100);
  g_assert_cmpint (points[0].payout_ratio, ==, 678);
  g_assert_cmpint (points[1].payout, ==, 5800);
  g_assert_cmpint (points[1].payout_ratio, ==, 644);
  g_assert_cmpint (points[2].payout, ==, 0);
  g_assert_true (points[2].has_payout_ratio);
  g_assert_cmpint (points[2].payout_ratio, ==, 0);
}

static void
test_run_refused (void)
{
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDataset) dataset = load_case ("23-cap-month-line-cut-and-byte-order", &program);
  g_autoptr(TdSimulator) simulator = td_simulator_new (dataset);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) cancelled = NULL;
  g_autoptr(GError) invalid = NULL;
  const int percents[] = { 10, -120 };
  TdSensitivityPoint points[G_N_ELEMENTS (percents)];
  TdSimulateOptions options = { 0 };

  options.from = td_date_from_ymd (2024, 1, 1);
  options.to = td_date_from_ymd (2024, 12, 31);
  g_assert_false (td_sensitivity_run (simulator, program, &options, percents, G_N_ELEMENTS (percents), points, &invalid));
  g_assert_error (invalid, TD_ERROR, TD_ERROR_INVALID);

  options.cancellable = cancellable;
  g_cancellable_cancel (cancellable);
  g_assert_false (td_sensitivity_run (simulator, program, &options, percents, 1, points, &cancelled));
  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sensitivity/scale/up", test_scale_up);
  g_test_add_func ("/sensitivity/scale/down", test_scale_down);
  g_test_add_func ("/sensitivity/scale/half", test_scale_half);
  g_test_add_func ("/sensitivity/scale/zero-and-minus-100", test_scale_zero_and_minus_100);
  g_test_add_func ("/sensitivity/scale/refused", test_scale_refused);
  g_test_add_func ("/sensitivity/run/percent-and-per-unit", test_run_percent_and_per_unit);
  g_test_add_func ("/sensitivity/run/caps-stay", test_run_caps_stay);
  g_test_add_func ("/sensitivity/run/refused", test_run_refused);
  return g_test_run ();
}
