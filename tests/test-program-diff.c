/* test-program-diff.c — the changes between two programs, in words and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-program-diff.h"
#include "td-validator.h"

static TdProgram *
load_base (void)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "programs", "base.json", NULL);
  TdProgram *program = td_program_load (file, problems);

  g_assert_nonnull (program);
  return program;
}

/* The sentences of the changes from @a to @b are @expected (NULL-ended). */
static void
assert_changes (const TdProgram    *a,
                const TdProgram    *b,
                const char *const  *expected)
{
  g_autoptr(GPtrArray) changes = td_program_diff (a, b);
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < changes->len; i++)
    g_test_message ("got: %s", ((TdChange *) changes->pdata[i])->text);
  for (guint i = 0; i < MIN (n, changes->len); i++)
    g_assert_cmpstr (((TdChange *) changes->pdata[i])->text, ==, expected[i]);
  g_assert_cmpuint (changes->len, ==, n);
}

#define EXPECT(...) ((const char *const[]) { __VA_ARGS__, NULL })

static void
replace (char      **slot,
         const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static TdRule *
rule (TdProgram  *program,
      const char *id)
{
  int i = td_program_find_rule (program, id);

  g_assert_cmpint (i, >=, 0);
  return program->rules->pdata[i];
}

static TdTier *
tier (TdProgram  *program,
      const char *id)
{
  int i = td_program_find_tier (program, id);

  g_assert_cmpint (i, >=, 0);
  return program->tiers->pdata[i];
}

static void
set_entry (GArray     *entries,
           const char *key,
           gint64      value)
{
  for (guint i = 0; i < entries->len; i++)
    if (strcmp (g_array_index (entries, TdEntry, i).key, key) == 0)
      {
        g_array_index (entries, TdEntry, i).value = value;
        return;
      }
  td_entries_add (entries, key, value);
}

static void
remove_entry (GArray     *entries,
              const char *key)
{
  for (guint i = 0; i < entries->len; i++)
    if (strcmp (g_array_index (entries, TdEntry, i).key, key) == 0)
      {
        g_array_remove_index (entries, i);
        return;
      }
  g_assert_not_reached ();
}

static void
test_identical (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *json = NULL;

  b->version = 7;   /* the version number is not a change */
  changes = td_program_diff (a, b);
  g_assert_cmpuint (changes->len, ==, 0);
  json = td_program_diff_to_json (changes);
  g_assert_cmpstr (json, ==, "[]\n");
}

static void
test_examples_identical (void)
{
  const char *dir = g_getenv ("TIERDESK_EXAMPLES");
  g_autoptr(GDir) examples = NULL;
  const char *name;
  guint n = 0;

  if (dir == NULL)
    {
      g_test_skip ("TIERDESK_EXAMPLES is not set");
      return;
    }
  examples = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (examples);
  while ((name = g_dir_read_name (examples)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autoptr(TdProblems) problems = td_problems_new ();
      g_autoptr(TdProgram) a = td_program_load (file, problems);
      g_autoptr(TdProgram) b = td_program_load (file, problems);
      g_autoptr(GPtrArray) changes = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_nonnull (a);
      changes = td_program_diff (a, b);
      g_assert_cmpuint (changes->len, ==, 0);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_program_members (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();

  replace (&b->name, "Base 2025");
  replace (&b->vendor, "Acme");
  replace (&b->currency, "CHF");
  replace (&b->description, "For resellers");
  assert_changes (a, b, EXPECT ("Program name “Base” → “Base 2025”",
                                "Vendor set to “Acme”",
                                "Currency EUR → CHF",
                                "Description set to “For resellers”"));
}

static void
test_tiers (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  TdTier *platinum = td_tier_new ();
  TdRequirement *req;
  TdTier *gold = tier (b, "gold");

  replace (&gold->name, "Gold partner");
  platinum->id = g_strdup ("platinum");
  platinum->name = g_strdup ("Platinum");
  g_ptr_array_add (b->tiers, platinum);
  /* gold: cert removed, att changed and relabelled, units added */
  g_ptr_array_remove_index (gold->requirements, 0);
  req = gold->requirements->pdata[0];
  req->min = 80000;
  replace (&req->label, "Employees");
  req = td_requirement_new ();
  req->id = g_strdup ("units");
  req->label = g_strdup ("Units");
  req->kind = TD_REQUIREMENT_UNITS;
  req->min = 50;
  g_ptr_array_add (gold->requirements, req);
  ((TdRequirement *) tier (b, "silver")->requirements->pdata[0])->min = 200000;
  assert_changes (a, b, EXPECT ("Tier silver: requirement rev revenue at least 1000.00 EUR in sw → revenue at least 2000.00 EUR in sw",
                                "Tier gold renamed “Gold” → “Gold partner”",
                                "Tier gold: requirement att renamed “Staff” → “Employees”",
                                "Tier gold: requirement att attribute staff at least 5 → attribute staff at least 8",
                                "Tier gold: requirement units added (at least 50 units)",
                                "Tier gold: requirement cert removed",
                                "Tier platinum added (“Platinum”)"));
}

static void
test_tier_order (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  gpointer first = g_ptr_array_steal_index (b->tiers, 0);

  g_ptr_array_add (b->tiers, first);
  g_ptr_array_remove_index (a->categories, 1);
  replace (&((TdCategory *) b->categories->pdata[0])->name, "Apps");
  assert_changes (a, b, EXPECT ("Category sw renamed “Software” → “Apps”",
                                "Category hw added (“Hardware”)",
                                "Tier order silver, gold → gold, silver"));
}

static void
test_settings (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  const char *const distributors[] = { "Komsa", NULL };

  b->qualification_mode = TD_QUALIFICATION_RECORDED;
  b->qualification_window = TD_WINDOW_PERIOD;
  g_strfreev (b->distributors);
  b->distributors = g_strdupv ((char **) distributors);
  b->require_invoice = FALSE;
  b->online_renewals = TD_ATTRIBUTION_NONE;
  assert_changes (a, b, EXPECT ("Qualification mode qualify → recorded",
                                "Qualification window previous_year → period",
                                "Eligibility: distributor “Komsa” added",
                                "Eligibility: distributor “Allnet” removed",
                                "Eligibility: invoice required yes → no",
                                "Attribution of online renewals original_reseller → none"));
  g_clear_pointer (&b->distributors, g_strfreev);
  assert_changes (a, b, EXPECT ("Qualification mode qualify → recorded",
                                "Qualification window previous_year → period",
                                "Eligibility: distributors Allnet → any distributor",
                                "Eligibility: invoice required yes → no",
                                "Attribution of online renewals original_reseller → none"));
}

static void
test_rules (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  TdRule *promo = td_rule_new ();
  TdRule *r;
  TdTierSteps *steps;
  TdStep step = { 2000000, 70000, NULL };

  r = rule (b, "margin");
  replace (&r->name, "Software margin");
  r->base = TD_BASE_NET;
  set_entry (r->rates, "gold", 160000);
  remove_entry (r->rates, "silver");
  g_strfreev (r->match->categories);
  r->match->categories = g_strsplit ("sw,hw", ",", -1);
  r->match->has_renewal = TRUE;
  r->match->renewal = FALSE;
  r->has_cap = TRUE;
  r->cap = 100000;
  r->cap_period = TD_PERIOD_MONTH;

  r = rule (b, "phones");
  set_entry (((TdUnitAmounts *) r->unit_amounts->pdata[1])->amounts, "D785", 2000);
  r = rule (b, "newcust");
  r->lookback_days = 365;
  r->requires_deal_registration = FALSE;
  g_array_index (r->loyalty->steps, TdLoyaltyStep, 1).multiplier = 15000;
  r = rule (b, "rebate");
  r->mode = TD_REBATE_RETROACTIVE;
  r->period = TD_PERIOD_YEAR;
  steps = r->steps->pdata[0];
  g_array_append_val (steps->steps, step);
  r->has_cap = FALSE;
  r = rule (b, "deals");
  set_entry (r->targets, "gold", 6);
  r->metric = TD_METRIC_WON_DEALS;
  r = rule (b, "spring");
  r->active_to = td_date_from_ymd (2024, 5, 31);

  promo->id = g_strdup ("spring-promo");
  promo->name = g_strdup ("Spring promotion");
  promo->kind = TD_RULE_PERCENT;
  promo->rates = td_entries_new ();
  td_entries_add (promo->rates, "gold", 20000);
  promo->has_active = promo->has_active_from = promo->has_active_to = TRUE;
  promo->active_from = td_date_from_ymd (2024, 3, 1);
  promo->active_to = td_date_from_ymd (2024, 4, 30);
  g_ptr_array_add (b->rules, promo);
  g_ptr_array_remove_index (b->rules, td_program_find_rule (b, "welcome"));

  assert_changes (a, b, EXPECT ("Rule margin renamed “Margin” → “Software margin”",
                                "Rule margin: base list → net",
                                "Rule margin: applies to categories sw → categories sw, hw; new sales only",
                                "Tier gold: rate of rule margin 15 % → 16 %",
                                "Tier silver: rate of rule margin removed (was 10 %)",
                                "Rule margin: cap none → 1000.00 EUR per month",
                                "Tier gold: amount per unit of D785 in rule phones 18.00 EUR → 20.00 EUR",
                                "Rule newcust: lookback 183 days → 365 days",
                                "Rule newcust: deal registration required yes → no",
                                "Rule newcust: loyalty within 365 days: 0 prior ×1, 3 prior ×1.25 → within 365 days: 0 prior ×1, 3 prior ×1.5",
                                "Rule rebate: period quarter → year",
                                "Rule rebate: mode marginal → retroactive",
                                "Tier gold: steps of rule rebate from 0.00 EUR: 2 %, from 10000.00 EUR: 5 % → from 0.00 EUR: 2 %, from 10000.00 EUR: 5 %, from 20000.00 EUR: 7 %",
                                "Rule rebate: cap 5000.00 EUR per year → none",
                                "Rule deals: metric registered_deals → won_deals",
                                "Tier gold: target of rule deals 5 → 6",
                                "Rule spring: active 2024-03-01 to 2024-04-30 → 2024-03-01 to 2024-05-31",
                                "Rule spring-promo added (percent), active 2024-03-01 to 2024-04-30",
                                "Rule welcome removed"));
}

static void
test_rule_kind_and_order (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  gpointer first = g_ptr_array_steal_index (b->rules, 0);
  TdRule *welcome = rule (b, "welcome");

  g_ptr_array_add (b->rules, first);
  welcome->kind = TD_RULE_BONUS;
  welcome->period = TD_PERIOD_MONTH;
  welcome->metric = TD_METRIC_REVENUE;
  welcome->targets = td_entries_new ();
  td_entries_add (welcome->targets, "silver", 500000);
  assert_changes (a, b, EXPECT ("Rule order margin, phones, newcust, rebate, deals, welcome, spring → phones, newcust, rebate, deals, welcome, spring, margin",
                                "Rule welcome: kind welcome → bonus",
                                "Rule welcome: period set to month",
                                "Rule welcome: metric set to revenue",
                                "Tier silver: target of rule welcome set to 5000.00 EUR"));
}

static void
test_benefits_objectives_overrides (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  TdBenefit *nfr = b->benefits->pdata[0];
  TdObjective *cost = b->objectives->pdata[0];
  TdOverride *p1 = b->overrides->pdata[0];
  TdOverride *p2 = td_override_new ();

  g_array_index (nfr->values, TdBenefitValue, 1).number = 30000;
  replace (&nfr->group, "Sales");
  cost->target = 150000;
  replace (&((TdObjective *) b->objectives->pdata[1])->name, "Gold partners");
  replace (&p1->tier, "silver");
  set_entry (p1->rates, "margin", 250000);
  remove_entry (p1->amounts, "phones");
  p2->partner = g_strdup ("P00042");
  p2->reason = g_strdup ("Pilot");
  g_ptr_array_insert (b->overrides, 0, p2);
  assert_changes (a, b, EXPECT ("Benefit nfr: group “Support” → “Sales”",
                                "Tier gold: benefit nfr 2 → 3",
                                "Objective cost: target 12 % → 15 %",
                                "Objective golds renamed “Golds” → “Gold partners”",
                                "Override for partner P00042 added (“Pilot”)",
                                "Override for partner P1: tier gold → silver",
                                "Override for partner P1: rate of rule margin 20 % → 25 %",
                                "Override for partner P1: amount of rule phones removed (was 10.00 EUR)"));
}

static void
test_extras_and_json (void)
{
  g_autoptr(TdProgram) a = load_base ();
  g_autoptr(TdProgram) b = load_base ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *json = NULL;
  TdTier *gold = tier (b, "gold");

  b->extras = json_object_new ();
  json_object_set_int_member (b->extras, "x-build", 2);
  gold->extras = json_object_new ();
  json_object_set_string_member (gold->extras, "x-colour", "gold");
  a->extras = json_object_new ();
  json_object_set_boolean_member (a->extras, "x-draft", TRUE);
  json_object_set_int_member (a->extras, "x-build", 1);
  assert_changes (a, b, EXPECT ("Tier gold: member x-colour set to \"gold\"",
                                "Member x-build 1 → 2",
                                "Member x-draft removed (was true)"));
  changes = td_program_diff (a, b);
  json = td_program_diff_to_json (changes);
  g_assert_cmpstr (json, ==,
                   "[\n"
                   "  {\n"
                   "    \"change\": \"added\",\n"
                   "    \"subject\": \"tiers.gold.x-colour\",\n"
                   "    \"from\": null,\n"
                   "    \"to\": \"\\\"gold\\\"\",\n"
                   "    \"text\": \"Tier gold: member x-colour set to \\\"gold\\\"\"\n"
                   "  },\n"
                   "  {\n"
                   "    \"change\": \"changed\",\n"
                   "    \"subject\": \"x-build\",\n"
                   "    \"from\": \"1\",\n"
                   "    \"to\": \"2\",\n"
                   "    \"text\": \"Member x-build 1 → 2\"\n"
                   "  },\n"
                   "  {\n"
                   "    \"change\": \"removed\",\n"
                   "    \"subject\": \"x-draft\",\n"
                   "    \"from\": \"true\",\n"
                   "    \"to\": null,\n"
                   "    \"text\": \"Member x-draft removed (was true)\"\n"
                   "  }\n"
                   "]\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diff/identical", test_identical);
  g_test_add_func ("/diff/examples-identical", test_examples_identical);
  g_test_add_func ("/diff/program", test_program_members);
  g_test_add_func ("/diff/tiers", test_tiers);
  g_test_add_func ("/diff/tier-order", test_tier_order);
  g_test_add_func ("/diff/settings", test_settings);
  g_test_add_func ("/diff/rules", test_rules);
  g_test_add_func ("/diff/rule-kind-and-order", test_rule_kind_and_order);
  g_test_add_func ("/diff/benefits-objectives-overrides", test_benefits_objectives_overrides);
  g_test_add_func ("/diff/extras-and-json", test_extras_and_json);
  return g_test_run ();
}
