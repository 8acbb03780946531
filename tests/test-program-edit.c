/* test-program-edit.c — each edit changes exactly what it says, or refuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected programs are not produced by the code under test: they are
 * the example file with the listed JSON changes made by json-glib (or by
 * a text replacement whose count is checked), then written canonically.
 */
#include "config.h"

#include <string.h>

#include "td-program-edit.h"
#include "td-program-reader.h"
#include "td-program-writer.h"
#include "test-common.h"
#include "td-validator.h"

#define DELETE NULL


static char *
example_path (const char *name)
{
  const char *dir = g_getenv ("TIERDESK_EXAMPLES");
  g_autofree char *file = g_strconcat (name, ".json", NULL);

  if (g_str_equal (name, "base") || g_str_equal (name, "minimal"))
    return g_test_build_filename (G_TEST_DIST, "programs", file, NULL);
  g_assert_nonnull (dir);
  return g_build_filename (dir, file, NULL);
}

/* An example of data/examples, or base / minimal of tests/programs. */
static TdProgram *
load (const char *name)
{
  g_autofree char *path = example_path (name);
  g_autoptr(TdProblems) problems = td_problems_new ();
  TdProgram *program = td_program_load (path, problems);

  g_assert_nonnull (program);
  return program;
}

static char *
canonical_of_text (const char *text)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_read_data (text, strlen (text), problems);

  g_assert_nonnull (program);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
  return td_program_to_json (program);
}



/* The canonical JSON of example @name after the changes @changes: pairs
 * of path and value, NULL-terminated by a NULL path. */
static char *
expected_after (const char        *name,
                const char *const *changes)
{
  g_autofree char *path = example_path (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  for (guint i = 0; changes[i] != NULL; i += 2)
    tc_json_mutate (root, changes[i], changes[i + 1]);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return canonical_of_text (text);
}

#define CHANGES(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* @text with each @from replaced by @to, which must occur @count times. */
static char *
replaced (const char *text,
          const char *from,
          const char *to,
          guint       count)
{
  GString *result = g_string_new (text);

  g_assert_cmpuint (g_string_replace (result, from, to, 0), ==, count);
  return g_string_free (result, FALSE);
}

static void
assert_json (const TdProgram *program,
             const char      *expected)
{
  g_autofree char *json = td_program_to_json (program);

  g_assert_cmpstr (json, ==, expected);
}

/* @call (which uses `error`) must refuse with @code_ and @message_ and
 * leave the program as it was, to the pointer. */
#define ASSERT_REFUSED(program, code_, message_, call) G_STMT_START {         \
    g_autofree char *before_ = td_program_to_json (program);                  \
    g_autofree char *after_ = NULL;                                           \
    g_autoptr(GError) error_ = NULL;                                          \
    gpointer tiers_ = (program)->tiers, rules_ = (program)->rules;            \
    GError **error = &error_;                                                 \
    g_assert_false (call);                                                    \
    g_assert_error (error_, TD_EDIT_ERROR, code_);                            \
    g_assert_cmpstr (error_->message, ==, message_);                          \
    after_ = td_program_to_json (program);                                    \
    g_assert_cmpstr (after_, ==, before_);                                    \
    g_assert_true ((program)->tiers == tiers_ && (program)->rules == rules_); \
  } G_STMT_END

#define ASSERT_DONE(call) G_STMT_START {                                      \
    g_autoptr(GError) error_ = NULL;                                          \
    GError **error = &error_;                                                 \
    gboolean done_ = call;                                                    \
    g_assert_no_error (error_);                                               \
    g_assert_true (done_);                                                    \
  } G_STMT_END

static const TdEntry *
entry (GArray     *entries,
       const char *key)
{
  return td_entries_find (entries, key);
}

static TdRule *
rule_of (const TdProgram *program,
         const char      *id)
{
  int index = td_program_find_rule (program, id);

  g_assert_cmpint (index, >=, 0);
  return program->rules->pdata[index];
}

/* ---- copies ---- */

static void
test_copy (void)
{
  static const char *const names[] = { "kaspersky", "microsoft-pai", "s-mart", "smart-soft", "snom", "base", "minimal" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TdProgram) program = load (names[i]);
      g_autoptr(TdProgram) copy = td_program_copy (program);
      g_autofree char *json = td_program_to_json (program);

      g_assert_nonnull (copy);
      assert_json (copy, json);
      /* Independent: changing the copy leaves the original alone. */
      g_free (((TdTier *) copy->tiers->pdata[0])->name);
      ((TdTier *) copy->tiers->pdata[0])->name = g_strdup ("Changed");
      assert_json (program, json);
    }
}

/* ---- rates: the issue's own example ---- */

static void
test_rate (void)
{
  g_autoptr(TdProgram) program = load ("smart-soft");
  g_autofree char *original = td_program_to_json (program);
  g_autofree char *expected = NULL;
  g_autofree char *cleared = NULL;
  const char *rule = strstr (original, "\"id\": \"ti-software-reward\"");
  const char *cell;
  GString *text;

  /* 30 % → 32 % in the first "certified" of that rule's rates. */
  g_assert_nonnull (rule);
  cell = strstr (rule, "\"certified\": 30,");
  g_assert_nonnull (cell);
  text = g_string_new_len (original, cell - original);
  g_string_append (text, "\"certified\": 32,");
  g_string_append (text, cell + strlen ("\"certified\": 30,"));
  expected = g_string_free (text, FALSE);

  ASSERT_DONE (td_program_set_rule_rate (program, "ti-software-reward", "certified", 320000, error));
  assert_json (program, expected);
  g_assert_cmpint (entry (rule_of (program, "ti-software-reward")->rates, "certified")->value, ==, 320000);

  cleared = expected_after ("smart-soft", CHANGES ("$.rules[0].rates.certified", DELETE));
  ASSERT_DONE (td_program_clear_rule_rate (program, "ti-software-reward", "certified", error));
  assert_json (program, cleared);
  /* Clearing again changes nothing; setting 30 % again restores the
   * original bytes: the map is written in tier order, not in the order
   * of the edits. */
  ASSERT_DONE (td_program_clear_rule_rate (program, "ti-software-reward", "certified", error));
  assert_json (program, cleared);
  ASSERT_DONE (td_program_set_rule_rate (program, "ti-software-reward", "certified", 300000, error));
  assert_json (program, original);
}

static void
test_refusals (void)
{
  g_autoptr(TdProgram) program = load ("smart-soft");
  g_autoptr(TdProgram) minimal = load ("minimal");
  static const TdStep descending[] = { { 10000, 50000, NULL }, { 0, 60000, NULL } };
  static const char *const no_distributor[] = { NULL };
  static const char *const blank_distributor[] = { "Allnet", " ", NULL };

  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "must be a number ≥ 0",
                  td_program_set_rule_rate (program, "ti-software-reward", "certified", -1, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "is too large (at most 1000000000)",
                  td_program_set_rule_rate (program, "ti-software-reward", "certified", TD_RATE_MAX + 1, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_NOT_FOUND, "There is no tier “gold”",
                  td_program_set_rule_rate (program, "ti-software-reward", "gold", 10000, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_NOT_FOUND, "There is no rule “margin”",
                  td_program_set_rule_rate (program, "margin", "certified", 10000, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_WRONG_KIND,
                  "The rule “5 % rebate on quarterly sales (Privileged)” does not pay a rate per tier",
                  td_program_set_rule_rate (program, "quarterly-rebate", "privileged", 60000, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_WRONG_KIND,
                  "The rule “Reward on TING appliance sales” has no targets: only a bonus has",
                  td_program_set_rule_target (program, "ting-reward", "privileged", 1, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "a revenue target must be more than 0.00",
                  td_program_set_rule_target (program, "annual-spif", "privileged", 0, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE,
                  "“-1.00” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”",
                  td_program_set_rule_amount (program, "annual-spif", "privileged", -100, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_DUPLICATE_ID, "A tier with id “certified” already exists",
                  td_program_add_tier (program, "certified", "Certified again", 0, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE,
                  "id: “Gold” is not a valid id: use 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit",
                  td_program_add_tier (program, "Gold", "Gold", 3, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE,
                  "“unqualified” is reserved for partners without a tier; choose another id",
                  td_program_set_tier_id (program, "authorized", "unqualified", error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_DUPLICATE_ID, "A tier with id “privileged” already exists",
                  td_program_set_tier_id (program, "authorized", "privileged", error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "must not be empty",
                  td_program_set_tier_name (program, "certified", "  ", error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "the promotion ends before it starts (“to” is before “from”)",
                  td_program_set_rule_active (program, "ting-spring-2025", td_date_from_ymd (2025, 3, 1),
                                              td_date_from_ymd (2025, 2, 28), error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE,
                  "steps need strictly ascending “from”: 0.00 is not above the previous step's 100.00",
                  td_program_set_rule_steps (program, "quarterly-rebate", "privileged", descending, 2, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "needs at least one step",
                  td_program_set_rule_steps (program, "quarterly-rebate", "privileged", NULL, 0, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "“eur” is not an ISO 4217 currency code such as EUR, RUB or USD",
                  td_program_set_currency (program, "eur", error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE,
                  "must list at least one distributor (leave the member out to accept every distributor)",
                  td_program_set_distributors (program, no_distributor, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "must not be empty",
                  td_program_set_distributors (program, blank_distributor, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "must not be empty",
                  td_program_set_name (program, "", error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_WRONG_KIND, "The requirement “Partner agreement negotiated and signed” is checked by hand: it has no minimum",
                  td_program_set_requirement_min (program, "certified", "contract", 1, error));
  ASSERT_REFUSED (program, TD_EDIT_ERROR_NOT_FOUND, "Tier Certified has no requirement “co-promotion”",
                  td_program_remove_requirement (program, "certified", "co-promotion", error));
  ASSERT_REFUSED (minimal, TD_EDIT_ERROR_LAST_TIER,
                  "The program needs at least one tier: add another before removing this one",
                  td_program_remove_tier (minimal, "only", error));
}

/* ---- tiers ---- */

static void
test_tier_id (void)
{
  g_autoptr(TdProgram) program = load ("smart-soft");
  g_autoptr(TdProgram) base = load ("base");
  g_autofree char *original = td_program_to_json (program);
  g_autofree char *base_original = td_program_to_json (base);
  g_autofree char *expected = NULL;
  g_autofree char *step = NULL;
  g_autofree char *base_expected = NULL;

  /* The tier's id, the rates of the five percent rules and the values of
   * the 30 benefits: 1 + 5 + 30 quoted "certified", nothing else. */
  expected = replaced (original, "\"certified\"", "\"cert\"", 36);
  ASSERT_DONE (td_program_set_tier_id (program, "certified", "cert", error));
  assert_json (program, expected);
  ASSERT_DONE (td_program_set_tier_id (program, "cert", "certified", error));
  assert_json (program, original);

  /* base.json's gold is in every kind of map: rates, per_unit amounts,
   * new_customer amounts, rebate steps, bonus targets and amounts, a
   * benefit, an objective's metric and an override's tier. */
  step = replaced (base_original, "\"gold\"", "\"premium\"", 10);
  base_expected = replaced (step, "\"partners_in_tier:gold\"", "\"partners_in_tier:premium\"", 1);
  ASSERT_DONE (td_program_set_tier_id (base, "gold", "premium", error));
  assert_json (base, base_expected);
}

static void
test_remove_tier (void)
{
  g_autoptr(TdProgram) base = load ("base");
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.tiers[1]", DELETE,
    "$.rules[0].rates.gold", DELETE,
    "$.rules[1].amounts.gold", DELETE,
    "$.rules[2].amounts.gold", DELETE,
    "$.rules[3].steps.gold", DELETE,
    "$.rules[4].targets.gold", DELETE,
    "$.rules[4].amounts.gold", DELETE,
    "$.rules[6].rates.gold", DELETE,
    "$.benefits[0].values.gold", DELETE,
    "$.objectives[1]", DELETE,
    "$.overrides[0].tier", DELETE));

  ASSERT_DONE (td_program_remove_tier (base, "gold", error));
  assert_json (base, expected);
  g_assert_cmpuint (base->tiers->len, ==, 1);
  g_assert_cmpuint (base->objectives->len, ==, 1);
  g_assert_cmpuint (base->overrides->len, ==, 1);
}

static void
test_add_move_tier (void)
{
  g_autoptr(TdProgram) program = load ("smart-soft");
  g_autoptr(TdProgram) base = load ("base");
  g_autofree char *json = NULL;
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.tiers[1]", "+{\"id\": \"bronze\", \"name\": \"Bronze\", \"requirements\": []}"));

  ASSERT_DONE (td_program_add_tier (base, "bronze", "Bronze", 1, error));
  assert_json (base, expected);

  ASSERT_DONE (td_program_move_tier (program, "privileged", 0, error));
  g_assert_cmpstr (((TdTier *) program->tiers->pdata[0])->id, ==, "privileged");
  g_assert_cmpstr (((TdTier *) program->tiers->pdata[1])->id, ==, "authorized");
  g_assert_cmpstr (((TdTier *) program->tiers->pdata[2])->id, ==, "certified");
  /* Maps follow the tier order. */
  json = td_program_to_json (program);
  g_assert_nonnull (strstr (json, "      \"rates\": {\n"
                                  "        \"privileged\": 35,\n"
                                  "        \"authorized\": 25,\n"
                                  "        \"certified\": 30\n"
                                  "      },\n"));
  ASSERT_DONE (td_program_move_tier (program, "privileged", 99, error));
  g_assert_cmpstr (((TdTier *) program->tiers->pdata[2])->id, ==, "privileged");
  g_assert_cmpstr (((TdTier *) program->tiers->pdata[0])->id, ==, "authorized");
}

/* ---- requirements ---- */

static void
test_requirements (void)
{
  g_autoptr(TdProgram) base = load ("base");
  g_autoptr(TdRequirement) deals = td_requirement_new ();
  g_autoptr(TdRequirement) blank = td_requirement_new ();
  g_autoptr(TdRequirement) reserved = td_requirement_new ();
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.tiers[0].requirements[0]", "+{\"id\": \"deals\", \"label\": \"Deals\", \"kind\": \"manual\"}",
    "$.tiers[1].requirements[0].min", "3",
    "$.tiers[1].requirements[1]", DELETE));

  deals->id = g_strdup ("deals");
  deals->label = g_strdup ("Deals");
  deals->kind = TD_REQUIREMENT_MANUAL;
  ASSERT_DONE (td_program_add_requirement (base, "silver", deals, 0, error));
  ASSERT_DONE (td_program_set_requirement_min (base, "gold", "cert", 3, error));
  ASSERT_DONE (td_program_remove_requirement (base, "gold", "att", error));
  assert_json (base, expected);

  ASSERT_REFUSED (base, TD_EDIT_ERROR_DUPLICATE_ID, "Tier Silver already has a requirement with id “rev”",
                  td_program_replace_requirement (base, "silver", "deals",
                                                  ((TdTier *) base->tiers->pdata[0])->requirements->pdata[1], error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "must be a whole number ≥ 0",
                  td_program_set_requirement_min (base, "gold", "cert", -1, error));
  blank->id = g_strdup ("blank");
  blank->label = g_strdup (" ");
  blank->kind = TD_REQUIREMENT_MANUAL;
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "label: must not be empty",
                  td_program_add_requirement (base, "gold", blank, 5, error));
  reserved->id = g_strdup ("tier");
  reserved->label = g_strdup ("Tier");
  reserved->kind = TD_REQUIREMENT_ATTRIBUTE;
  reserved->attribute = g_strdup ("tier");
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE,
                  "attribute: “tier” is a column of partners.csv, not an attribute: name one of its extra columns",
                  td_program_replace_requirement (base, "silver", "deals", reserved, error));
}

/* ---- rule values ---- */

static void
test_rule_values (void)
{
  g_autoptr(TdProgram) base = load ("base");
  static const TdStep steps[] = { { 0, 10000, NULL }, { 500000, 30000, NULL } };
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.rules[5].amounts.gold", "\"75.00\"",
    "$.rules[1].amounts.gold.*", "\"5.00\"",
    "$.rules[1].amounts.silver", DELETE,
    "$.rules[4].targets.gold", "7",
    "$.rules[3].steps.silver", "[{\"from\": \"0.00\", \"rate\": 1}, {\"from\": \"5000.00\", \"rate\": 3}]",
    "$.rules[3].steps.gold", DELETE,
    "$.rules[6].active", "{\"from\": \"2024-03-01\"}",
    "$.rules[0].name", "\"Margin on software\""));

  ASSERT_DONE (td_program_set_rule_amount (base, "welcome", "gold", 7500, error));
  ASSERT_DONE (td_program_set_rule_unit_amount (base, "phones", "gold", "*", 500, error));
  ASSERT_DONE (td_program_clear_rule_unit_amount (base, "phones", "silver", "*", error));
  ASSERT_DONE (td_program_set_rule_target (base, "deals", "gold", 7, error));
  ASSERT_DONE (td_program_set_rule_steps (base, "rebate", "silver", steps, 2, error));
  ASSERT_DONE (td_program_clear_rule_steps (base, "rebate", "gold", error));
  ASSERT_DONE (td_program_set_rule_active (base, "spring", td_date_from_ymd (2024, 3, 1), TD_DATE_NONE, error));
  ASSERT_DONE (td_program_set_rule_name (base, "margin", "Margin on software", error));
  /* The "*" key of per-unit amounts is written in the bracket form. */
  g_assert_cmpint (entry (((TdUnitAmounts *) rule_of (base, "phones")->unit_amounts->pdata[0])->amounts, "*")->value, ==, 500);
  assert_json (base, expected);

  ASSERT_REFUSED (base, TD_EDIT_ERROR_WRONG_KIND, "The rule “Margin on software” does not pay an amount per tier",
                  td_program_set_rule_amount (base, "margin", "gold", 100, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_WRONG_KIND, "The rule “New customers” does not pay a rate per tier",
                  td_program_set_rule_rate (base, "newcust", "gold", 10000, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_WRONG_KIND, "The rule “Welcome” does not pay an amount per unit",
                  td_program_set_rule_unit_amount (base, "welcome", "gold", "*", 100, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "a SKU, a category id or “*” is needed here, not an empty name",
                  td_program_set_rule_unit_amount (base, "phones", "gold", " ", 100, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "must be a whole number ≥ 1",
                  td_program_set_rule_target (base, "deals", "gold", 0, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "must not be empty",
                  td_program_set_rule_name (base, "margin", "", error));

  /* Both ends open: the rule is always active. */
  ASSERT_DONE (td_program_set_rule_active (base, "spring", TD_DATE_NONE, TD_DATE_NONE, error));
  g_assert_false (rule_of (base, "spring")->has_active);
}

/* ---- rules as a whole ---- */

static void
test_rules (void)
{
  g_autoptr(TdProgram) program = load ("kaspersky");
  g_autoptr(TdProgram) source = load ("kaspersky");
  g_autofree char *original = td_program_to_json (program);
  g_autofree char *renamed = replaced (original, "\"licence-margin\"", "\"lm\"", 3);
  g_autofree char *removed = expected_after ("kaspersky", CHANGES (
    "$.rules[2]", DELETE,
    "$.overrides[1].amounts", DELETE,
    "$.overrides[4].amounts", DELETE));
  TdRule *copy = rule_of (source, "licence-margin");
  TdRule *amounts_rule = rule_of (source, "renewal-margin");

  ASSERT_REFUSED (program, TD_EDIT_ERROR_DUPLICATE_ID, "A rule with id “licence-margin” already exists",
                  td_program_add_rule (program, copy, 1, error));

  /* The id changes: the overrides' rates follow (P00007 and P00150). */
  g_free (copy->id);
  copy->id = g_strdup ("lm");
  ASSERT_DONE (td_program_replace_rule (program, "licence-margin", copy, error));
  assert_json (program, renamed);
  g_free (copy->id);
  copy->id = g_strdup ("licence-margin");
  ASSERT_DONE (td_program_replace_rule (program, "lm", copy, error));
  assert_json (program, original);

  /* A copy under a new id, second in the list. */
  g_free (copy->id);
  copy->id = g_strdup ("extra");
  ASSERT_DONE (td_program_add_rule (program, copy, 1, error));
  g_assert_cmpstr (((TdRule *) program->rules->pdata[1])->id, ==, "extra");
  g_assert_cmpuint (program->rules->len, ==, 5);
  ASSERT_DONE (td_program_move_rule (program, "extra", 99, error));
  g_assert_cmpstr (((TdRule *) program->rules->pdata[4])->id, ==, "extra");
  ASSERT_DONE (td_program_remove_rule (program, "extra", error));
  assert_json (program, original);

  /* What the reader refuses and what the validator refuses. */
  amounts_rule->amounts = td_entries_new ();
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE,
                  "amounts: unknown member (only names starting with “x-” may be added)",
                  td_program_replace_rule (program, "renewal-margin", amounts_rule, error));
  g_clear_pointer (&amounts_rule->amounts, g_array_unref);
  g_free (amounts_rule->name);
  amounts_rule->name = g_strdup ("");
  ASSERT_REFUSED (program, TD_EDIT_ERROR_INVALID_VALUE, "name: must not be empty",
                  td_program_replace_rule (program, "renewal-margin", amounts_rule, error));

  /* The overrides lose their values for the rule; P00042's amounts and
   * P00150's become empty and go, P00150 keeps its rates. */
  ASSERT_DONE (td_program_remove_rule (program, "registered-deals-q", error));
  assert_json (program, removed);
}

/* ---- benefits and objectives ---- */

static void
test_benefits_objectives (void)
{
  g_autoptr(TdProgram) base = load ("base");
  g_autoptr(TdBenefit) benefit = td_benefit_new ();
  g_autoptr(TdObjective) objective = td_objective_new ();
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.benefits[0].values.gold", "3.5",
    "$.benefits[0].values.silver", DELETE,
    "$.benefits[1]", "{\"id\": \"portal\", \"name\": \"Portal\", \"group\": \"Sales\", \"values\": {\"silver\": \"Read\", \"gold\": true}}",
    "$.objectives[0].target", "10",
    "$.objectives[1]", DELETE));

  ASSERT_DONE (td_program_set_benefit_value (base, "nfr", "gold", TD_BENEFIT_NUMBER, 35000, NULL, error));
  ASSERT_DONE (td_program_clear_benefit_value (base, "nfr", "silver", error));
  benefit->id = g_strdup ("portal");
  benefit->name = g_strdup ("Portal");
  benefit->group = g_strdup ("Sales");
  ASSERT_DONE (td_program_add_benefit (base, benefit, 5, error));
  ASSERT_DONE (td_program_set_benefit_value (base, "portal", "gold", TD_BENEFIT_BOOLEAN, 1, NULL, error));
  ASSERT_DONE (td_program_set_benefit_value (base, "portal", "silver", TD_BENEFIT_TEXT, 0, "Read", error));
  ASSERT_DONE (td_program_set_objective_target (base, "cost", 100000, error));
  ASSERT_DONE (td_program_remove_objective (base, "golds", error));
  assert_json (base, expected);

  ASSERT_REFUSED (base, TD_EDIT_ERROR_DUPLICATE_ID, "A benefit with id “portal” already exists",
                  td_program_add_benefit (base, benefit, 0, error));
  g_free (benefit->id);
  benefit->id = g_strdup ("nfr");
  ASSERT_REFUSED (base, TD_EDIT_ERROR_DUPLICATE_ID, "A benefit with id “nfr” already exists",
                  td_program_replace_benefit (base, "portal", benefit, error));

  objective->id = g_strdup ("platinums");
  objective->name = g_strdup ("Platinums");
  objective->metric = TD_OBJECTIVE_PARTNERS_IN_TIER;
  objective->metric_tier = g_strdup ("platinum");
  objective->target = 3;
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "metric: “platinum” is not a tier of the program",
                  td_program_add_objective (base, objective, 0, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "must be a number ≥ 0",
                  td_program_set_objective_target (base, "cost", -10000, error));
  g_free (objective->metric_tier);
  objective->metric_tier = g_strdup ("gold");
  ASSERT_DONE (td_program_add_objective (base, objective, 0, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "must be a whole number ≥ 0",
                  td_program_set_objective_target (base, "platinums", -1, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_NOT_FOUND, "There is no objective “golds”",
                  td_program_remove_objective (base, "golds", error));
}

/* ---- settings ---- */

static void
test_settings (void)
{
  g_autoptr(TdProgram) base = load ("base");
  static const char *const distributors[] = { "Allnet", "ALSO", NULL };
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.name", "\"Base 2\"",
    "$.vendor", "\"Vendor\"",
    "$.description", "\"Text\"",
    "$.currency", "\"RUB\"",
    "$.qualification", "{\"mode\": \"recorded\", \"window\": \"period\"}",
    "$.eligibility", "{\"distributors\": [\"Allnet\", \"ALSO\"], \"require_invoice\": false}",
    "$.attribution", "{\"online_renewals\": \"none\"}"));
  g_autofree char *cleared = expected_after ("base", CHANGES (
    "$.name", "\"Base 2\"",
    "$.currency", "\"RUB\"",
    "$.qualification", "{\"mode\": \"recorded\", \"window\": \"period\"}",
    "$.eligibility", "{\"require_invoice\": false}",
    "$.attribution", "{\"online_renewals\": \"none\"}"));

  ASSERT_DONE (td_program_set_name (base, "Base 2", error));
  ASSERT_DONE (td_program_set_vendor (base, "Vendor", error));
  ASSERT_DONE (td_program_set_description (base, "Text", error));
  ASSERT_DONE (td_program_set_currency (base, "RUB", error));
  ASSERT_DONE (td_program_set_qualification_mode (base, TD_QUALIFICATION_RECORDED, error));
  ASSERT_DONE (td_program_set_qualification_window (base, TD_WINDOW_PERIOD, error));
  ASSERT_DONE (td_program_set_distributors (base, distributors, error));
  ASSERT_DONE (td_program_set_require_invoice (base, FALSE, error));
  ASSERT_DONE (td_program_set_online_renewals (base, TD_ATTRIBUTION_NONE, error));
  assert_json (base, expected);

  ASSERT_DONE (td_program_set_vendor (base, "", error));
  ASSERT_DONE (td_program_set_description (base, NULL, error));
  ASSERT_DONE (td_program_set_distributors (base, NULL, error));
  assert_json (base, cleared);
}

/* ---- overrides ---- */

static void
test_overrides (void)
{
  g_autoptr(TdProgram) base = load ("base");
  g_autoptr(TdOverride) override = td_override_new ();
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.overrides[0]", DELETE,
    "$.overrides[0]", "{\"partner\": \"P2\", \"reason\": \"Pilot\", \"tier\": \"silver\", \"rates\": {\"margin\": 12}}"));

  override->partner = g_strdup (" P1 ");
  override->reason = g_strdup ("Again");
  ASSERT_REFUSED (base, TD_EDIT_ERROR_DUPLICATE_ID, "Partner “ P1 ” already has an override",
                  td_program_add_override (base, override, error));

  g_free (override->partner);
  override->partner = g_strdup ("P2");
  override->tier = g_strdup ("platinum");
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE, "tier: “platinum” is not a tier of the program",
                  td_program_add_override (base, override, error));
  g_free (override->tier);
  override->tier = g_strdup ("silver");
  override->rates = td_entries_new ();
  td_entries_add (override->rates, "phones", 50000);
  ASSERT_REFUSED (base, TD_EDIT_ERROR_INVALID_VALUE,
                  "rates.phones: rule “phones” pays amounts, not rates: put its value in “amounts”",
                  td_program_add_override (base, override, error));
  g_array_set_size (override->rates, 0);
  td_entries_add (override->rates, "margin", 120000);
  g_free (override->reason);
  override->reason = g_strdup ("Pilot");
  ASSERT_DONE (td_program_add_override (base, override, error));
  ASSERT_REFUSED (base, TD_EDIT_ERROR_DUPLICATE_ID, "Partner “P2” already has an override",
                  td_program_replace_override (base, "P1", override, error));
  ASSERT_DONE (td_program_remove_override (base, "P1", error));
  assert_json (base, expected);
  ASSERT_DONE (td_program_replace_override (base, "P2", override, error));
  assert_json (base, expected);
  ASSERT_REFUSED (base, TD_EDIT_ERROR_NOT_FOUND, "There is no override for partner “P1”",
                  td_program_remove_override (base, "P1", error));
}

/* ---- the rest: moves, clears and replacements ---- */

static void
test_more (void)
{
  g_autoptr(TdProgram) base = load ("base");
  g_autoptr(TdObjective) objective = td_objective_new ();
  g_autoptr(TdBenefit) benefit = td_benefit_new ();
  TdBenefitValue value = { g_strdup ("gold"), TD_BENEFIT_TEXT, 0, g_strdup ("24/7") };
  g_autofree char *expected = expected_after ("base", CHANGES (
    "$.tiers[1].requirements", "[{\"id\": \"att\", \"label\": \"Staff\", \"kind\": \"attribute\", \"attribute\": \"staff\", \"min\": 5},"
                                " {\"id\": \"cert\", \"label\": \"Certified\", \"kind\": \"certified_people\", \"certification\": \"tech\", \"valid_months\": 24, \"min\": 1}]",
    "$.rules[5].amounts.silver", DELETE,
    "$.rules[4].targets.gold", DELETE,
    "$.objectives[0]", "{\"id\": \"cost2\", \"name\": \"Cost\", \"metric\": \"payout\", \"target\": \"5000.00\"}",
    "$.benefits[0]", "{\"id\": \"support\", \"name\": \"Support\", \"group\": \"Support\", \"values\": {\"gold\": \"24/7\"}}"));

  ASSERT_DONE (td_program_move_requirement (base, "gold", "cert", 99, error));
  ASSERT_DONE (td_program_clear_rule_amount (base, "welcome", "silver", error));
  ASSERT_DONE (td_program_clear_rule_target (base, "deals", "gold", error));
  objective->id = g_strdup ("cost2");
  objective->name = g_strdup ("Cost");
  objective->metric = TD_OBJECTIVE_PAYOUT;
  objective->target = 500000;
  ASSERT_DONE (td_program_replace_objective (base, "cost", objective, error));
  benefit->id = g_strdup ("support");
  benefit->name = g_strdup ("Support");
  benefit->group = g_strdup ("Support");
  g_array_append_val (benefit->values, value);
  ASSERT_DONE (td_program_replace_benefit (base, "nfr", benefit, error));
  assert_json (base, expected);

  ASSERT_DONE (td_program_remove_benefit (base, "support", error));
  g_assert_cmpuint (base->benefits->len, ==, 0);
  ASSERT_REFUSED (base, TD_EDIT_ERROR_NOT_FOUND, "There is no benefit “support”",
                  td_program_remove_benefit (base, "support", error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/program-edit/copy", test_copy);
  g_test_add_func ("/program-edit/rate", test_rate);
  g_test_add_func ("/program-edit/refusals", test_refusals);
  g_test_add_func ("/program-edit/tier-id", test_tier_id);
  g_test_add_func ("/program-edit/remove-tier", test_remove_tier);
  g_test_add_func ("/program-edit/add-move-tier", test_add_move_tier);
  g_test_add_func ("/program-edit/requirements", test_requirements);
  g_test_add_func ("/program-edit/rule-values", test_rule_values);
  g_test_add_func ("/program-edit/rules", test_rules);
  g_test_add_func ("/program-edit/benefits-objectives", test_benefits_objectives);
  g_test_add_func ("/program-edit/settings", test_settings);
  g_test_add_func ("/program-edit/overrides", test_overrides);
  g_test_add_func ("/program-edit/more", test_more);
  return g_test_run ();
}
