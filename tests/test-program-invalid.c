/* test-program-invalid.c — each broken program gets its exact message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case starts from a valid program (tests/programs/base.json or
 * minimal.json), changes one thing at a JSON path, and expects exactly the
 * listed error lines: the path and the message, and nothing else.
 */
#include "config.h"

#include <string.h>

#include "td-program-reader.h"
#include "test-common.h"
#include "td-validator.h"

#define DELETE NULL

typedef struct
{
  const char *base;       /* "base" or "minimal" */
  const char *path;       /* $.a.b[2].c; an index one past the end appends */
  const char *value;      /* JSON text, or DELETE */
  const char *expected;   /* the one error, as "$.path: message" */
} Case;

static const Case cases[] = {
  { "base", "$.name", DELETE, "$.name: required member is missing" },
  { "base", "$.name", "\"  \"", "$.name: must not be empty" },
  { "base", "$.id", "\"Base\"", "$.id: “Base” is not a valid id: use 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit" },
  { "base", "$.id", "\"-base\"", "$.id: “-base” is not a valid id: use 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit" },
  { "base", "$.id", "\"a2345678901234567890123456789012345678901234567890123456789012345\"", "$.id: “a2345678901234567890123456789012345678901234567890123456789012345” is not a valid id: use 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit" },
  { "base", "$.version", "0", "$.version: must be a whole number ≥ 1" },
  { "base", "$.version", "1.5", "$.version: must be a whole number, not a fraction" },
  { "base", "$.version", "\"1\"", "$.version: must be a whole number, not a string" },
  { "base", "$.format", "\"something\"", "$.format: must be “tierdesk.program”: this file is not a Tierdesk program" },
  { "base", "$.format_version", "2", "$.format_version: format version 2 is not supported: this Tierdesk reads version 1" },
  { "base", "$.currency", "\"eur\"", "$.currency: “eur” is not an ISO 4217 currency code such as EUR, RUB or USD" },
  { "base", "$.currency", "\"ZZZ\"", "$.currency: “ZZZ” is not an ISO 4217 currency code such as EUR, RUB or USD" },
  { "minimal", "$.tiers", "[]", "$.tiers: a program needs at least one tier" },
  { "minimal", "$.tiers", DELETE, "$.tiers: required member is missing" },
  { "minimal", "$.tiers[0].id", "\"unqualified\"", "$.tiers[0].id: “unqualified” is reserved for partners without a tier; choose another id" },
  { "base", "$.tiers[2]", "{\"id\": \"gold\", \"name\": \"Gold again\"}", "$.tiers[2].id: the id “gold” is already used at $.tiers[1]" },
  { "base", "$.colour", "\"red\"", "$.colour: unknown member (only names starting with “x-” may be added)" },
  { "base", "$.rules[0].rate", "{\"gold\": 1}", "$.rules[0].rate: unknown member (only names starting with “x-” may be added)" },
  { "base", "$.rules[1].rates", "{\"gold\": 1}", "$.rules[1].rates: unknown member (only names starting with “x-” may be added)" },
  { "base", "$.rules[0].rates.gold", "12.34567", "$.rules[0].rates.gold: has more than 4 decimals" },
  { "base", "$.rules[0].rates.gold", "-1", "$.rules[0].rates.gold: must be a number ≥ 0" },
  { "base", "$.rules[0].rates.gold", "\"15\"", "$.rules[0].rates.gold: must be a number, not a string" },
  { "base", "$.rules[0].rates.platinum", "20", "$.rules[0].rates.platinum: “platinum” is not a tier of the program" },
  { "base", "$.rules[0].base", "\"gross\"", "$.rules[0].base: “gross” is not one of: list, net" },
  { "base", "$.rules[0].base", DELETE, "$.rules[0].base: required member is missing" },
  { "base", "$.rules[0].kind", "\"percentage\"", "$.rules[0].kind: “percentage” is not one of: percent, per_unit, new_customer, rebate, bonus, welcome" },
  { "base", "$.rules[1].amounts.gold.D785", "\"1.234\"", "$.rules[1].amounts.gold.D785: “1.234” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”" },
  { "base", "$.rules[1].amounts.gold.D785", "18", "$.rules[1].amounts.gold.D785: must be an amount of money written as a string, e.g. \"1500.00\", not a number" },
  { "base", "$.rules[1].amounts.gold.D785", "\"1e3\"", "$.rules[1].amounts.gold.D785: “1e3” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”" },
  { "base", "$.rules[1].amounts.gold.D785", "\"-3.07\"", "$.rules[1].amounts.gold.D785: “-3.07” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”" },
  { "base", "$.rules[1].amounts.gold.D785", "\"1,000.00\"", "$.rules[1].amounts.gold.D785: “1,000.00” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”" },
  { "base", "$.rules[1].amounts.gold.D785", "\"99999999999999999999\"", "$.rules[1].amounts.gold.D785: “99999999999999999999” is too large an amount of money" },
  { "base", "$.rules[1].amounts.gold", "\"6.00\"", "$.rules[1].amounts.gold: must be an object, not a string" },
  { "base", "$.rules[2].rates", "{\"gold\": 5}", "$.rules[2]: a new_customer rule has either “amounts” or “rates”, not both" },
  { "base", "$.rules[2].amounts", DELETE, "$.rules[2]: a new_customer rule needs “amounts” or “rates”" },
  { "base", "$.rules[2].loyalty.steps[1].min_prior", "0", "$.rules[2].loyalty.steps[1].min_prior: another step already has min_prior 0" },
  { "base", "$.rules[2].loyalty.steps", "[]", "$.rules[2].loyalty.steps: needs at least one step" },
  { "base", "$.rules[2].loyalty.steps[0].multiplier", "1.00001", "$.rules[2].loyalty.steps[0].multiplier: has more than 4 decimals" },
  { "base", "$.rules[2].lookback_days", "-1", "$.rules[2].lookback_days: must be a whole number ≥ 0" },
  { "base", "$.rules[3].steps.gold[1].from", "\"0.00\"", "$.rules[3].steps.gold[1].from: steps need strictly ascending “from”: 0.00 is not above the previous step's 0.00" },
  { "base", "$.rules[3].steps.gold", "[]", "$.rules[3].steps.gold: needs at least one step" },
  { "base", "$.rules[3].mode", "\"progressive\"", "$.rules[3].mode: “progressive” is not one of: retroactive, marginal" },
  { "base", "$.rules[3].period", "\"week\"", "$.rules[3].period: “week” is not one of: month, quarter, year" },
  { "base", "$.rules[3].period", "\"period\"", "$.rules[3].period: “period” is not one of: month, quarter, year" },
  { "base", "$.rules[3].cap", DELETE, "$.rules[3].cap_period: is allowed only together with “cap”" },
  { "base", "$.rules[3].cap_period", "\"decade\"", "$.rules[3].cap_period: “decade” is not one of: month, quarter, year, period" },
  { "base", "$.rules[4].match", "{\"categories\": [\"sw\"]}", "$.rules[4].match: a bonus on deals counts deals, not sales: it takes no “match”" },
  { "base", "$.rules[5].match", "{\"renewal\": true}", "$.rules[5].match: a welcome rule pays per partner, not per sale: it takes no “match”" },
  { "base", "$.rules[4].targets.gold", "0", "$.rules[4].targets.gold: must be a whole number ≥ 1" },
  { "base", "$.rules[4].metric", "\"revenue\"", "$.rules[4].targets.gold: must be an amount of money written as a string, e.g. \"1500.00\", not a number" },
  { "base", "$.rules[4].metric", "\"sales\"", "$.rules[4].metric: “sales” is not one of: revenue, units, new_customers, registered_deals, won_deals" },
  { "base", "$.rules[4].lookback_days", "30", "$.rules[4].lookback_days: is allowed only on a bonus whose metric is new_customers" },
  { "base", "$.rules[6].active", "{\"from\": \"2024-05-01\", \"to\": \"2024-04-30\"}", "$.rules[6].active.to: the promotion ends before it starts (“to” is before “from”)" },
  { "base", "$.rules[6].active", "{}", "$.rules[6].active: needs “from”, “to” or both" },
  { "base", "$.rules[6].active.from", "\"2023-02-29\"", "$.rules[6].active.from: “2023-02-29” is not a date in the calendar" },
  { "base", "$.rules[6].active.from", "\"1/3/2024\"", "$.rules[6].active.from: “1/3/2024” is not a date of the form YYYY-MM-DD" },
  { "base", "$.rules[6].active.until", "\"2024-06-30\"", "$.rules[6].active.until: unknown member (only names starting with “x-” may be added)" },
  { "base", "$.rules[0].match.categories", "[]", "$.rules[0].match.categories: must list at least one category (leave the member out to mean all)" },
  { "base", "$.rules[0].match.categories", "[\"firmware\"]", "$.rules[0].match.categories[0]: “firmware” is not a category declared in $.categories" },
  { "base", "$.rules[0].match.channels", "[\"shop\"]", "$.rules[0].match.channels[0]: “shop” is not one of: partner, online" },
  { "base", "$.rules[0].match.skus", "[]", "$.rules[0].match.skus: must list at least one SKU (leave the member out to mean all)" },
  { "base", "$.rules[0].match.renewal", "1", "$.rules[0].match.renewal: must be true or false, not a number" },
  { "base", "$.rules[0].match.product", "\"x\"", "$.rules[0].match.product: unknown member (only names starting with “x-” may be added)" },
  { "base", "$.rules[6].id", "\"margin\"", "$.rules[6].id: the id “margin” is already used at $.rules[0]" },
  { "base", "$.rules[6].id", DELETE, "$.rules[6].id: required member is missing" },
  { "base", "$.rules[6]", "\"spring\"", "$.rules[6]: must be an object, not a string" },
  { "base", "$.tiers[0].requirements[0].kind", "\"sales\"", "$.tiers[0].requirements[0].kind: “sales” is not one of: revenue, units, attribute, certified_people, manual" },
  { "base", "$.tiers[0].requirements[0].certification", "\"x\"", "$.tiers[0].requirements[0].certification: unknown member (only names starting with “x-” may be added)" },
  { "base", "$.tiers[1].requirements[1].attribute", "\"country\"", "$.tiers[1].requirements[1].attribute: “country” is a column of partners.csv, not an attribute: name one of its extra columns" },
  { "base", "$.tiers[1].requirements[0].valid_months", "0", "$.tiers[1].requirements[0].valid_months: must be a whole number ≥ 1" },
  { "base", "$.tiers[1].requirements[0].min", "-1", "$.tiers[1].requirements[0].min: must be a whole number ≥ 0" },
  { "base", "$.tiers[0].requirements[0].categories", "[\"x\"]", "$.tiers[0].requirements[0].categories[0]: “x” is not a category declared in $.categories" },
  { "base", "$.tiers[0].requirements[1]", "{\"id\": \"rev\", \"label\": \"Again\", \"kind\": \"manual\"}", "$.tiers[0].requirements[1].id: the id “rev” is already used at $.tiers[0].requirements[0]" },
  { "base", "$.tiers[0].requirements[0].min", "1000", "$.tiers[0].requirements[0].min: must be an amount of money written as a string, e.g. \"1500.00\", not a number" },
  { "base", "$.benefits[0].values.bronze", "true", "$.benefits[0].values.bronze: “bronze” is not a tier of the program" },
  { "base", "$.benefits[0].values.gold", "null", "$.benefits[0].values.gold: must be true, false, a number or a text, not null" },
  { "base", "$.benefits[0].group", DELETE, "$.benefits[0].group: required member is missing" },
  { "base", "$.benefits[0]", "\"nfr\"", "$.benefits[0]: must be an object, not a string" },
  { "base", "$.objectives[0].metric", "\"cost\"", "$.objectives[0].metric: “cost” is not an objective metric: use revenue, payout, payout_ratio, new_customers or partners_in_tier:<tier id>" },
  { "base", "$.objectives[1].metric", "\"partners_in_tier:bronze\"", "$.objectives[1].metric: “bronze” is not a tier of the program" },
  { "base", "$.objectives[0].metric", "\"payout\"", "$.objectives[0].target: must be an amount of money written as a string, e.g. \"1500.00\", not a number" },
  { "base", "$.objectives[1].target", "-3", "$.objectives[1].target: must be a whole number ≥ 0" },
  { "base", "$.objectives[2]", "{\"id\": \"cost\", \"name\": \"Again\", \"metric\": \"revenue\", \"target\": \"1.00\"}", "$.objectives[2].id: the id “cost” is already used at $.objectives[0]" },
  { "base", "$.overrides[1]", "{\"partner\": \"P1\", \"reason\": \"again\"}", "$.overrides[1].partner: partner “P1” already has an override at $.overrides[0]; give one override per partner" },
  { "base", "$.overrides[0].rates", "{\"phones\": 5}", "$.overrides[0].rates.phones: rule “phones” pays amounts, not rates: put its value in “amounts”" },
  { "base", "$.overrides[0].amounts", "{\"margin\": \"5.00\"}", "$.overrides[0].amounts.margin: rule “margin” pays rates, not amounts: put its value in “rates”" },
  { "base", "$.overrides[0].rates", "{\"nosuch\": 5}", "$.overrides[0].rates.nosuch: “nosuch” is not a rule of the program" },
  { "base", "$.overrides[0].tier", "\"bronze\"", "$.overrides[0].tier: “bronze” is not a tier of the program" },
  { "base", "$.overrides[0].reason", DELETE, "$.overrides[0].reason: required member is missing" },
  { "base", "$.eligibility.distributors", "[]", "$.eligibility.distributors: must list at least one distributor (leave the member out to accept every distributor)" },
  { "base", "$.eligibility.require_invoice", "\"yes\"", "$.eligibility.require_invoice: must be true or false, not a string" },
  { "base", "$.attribution.online_renewals", "\"always\"", "$.attribution.online_renewals: “always” is not one of: none, original_reseller" },
  { "base", "$.qualification.mode", "\"auto\"", "$.qualification.mode: “auto” is not one of: recorded, qualify" },
  { "base", "$.qualification.window", "\"last_year\"", "$.qualification.window: “last_year” is not one of: previous_year, period" },
  { "base", "$.categories[2]", "{\"id\": \"sw\", \"name\": \"Again\"}", "$.categories[2].id: the id “sw” is already used at $.categories[0]" },
  { "base", "$.categories[0].name", "5", "$.categories[0].name: must be a string, not a number" },
  { "base", "$.benefits", "{}", "$.benefits: must be an array, not an object" },
};

static JsonNode *
load_base (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "programs", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}



static GPtrArray *
errors_of (const char *text)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_read_data (text, strlen (text), problems);
  GPtrArray *errors = g_ptr_array_new_with_free_func (g_free);

  if (program != NULL)
    td_program_validate (program, problems);
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    {
      const TdProblem *problem = td_problems_get (problems, i);
      if (problem->severity == TD_SEVERITY_ERROR)
        g_ptr_array_add (errors, td_problem_to_string (problem, "p.json"));
    }
  return errors;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(JsonNode) root = load_base (c->base);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strconcat ("p.json: ", c->expected, NULL);
  g_autoptr(GPtrArray) errors = NULL;

  tc_json_mutate (root, c->path, c->value);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  errors = errors_of (text);

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("got: %s", (char *) errors->pdata[i]);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (errors->pdata[0], ==, expected);
}

static void
test_bases_are_valid (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) root = load_base (i == 0 ? "base" : "minimal");
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) errors = NULL;

      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      errors = errors_of (text);
      g_assert_cmpuint (errors->len, ==, 0);
    }
}

/* Errors of the text itself: line and column, no JSON path. */
static void
test_syntax (void)
{
  static const struct { const char *text; const char *expected; } syntax[] = {
    { "{\"a\": 1,\n  \"b\": [1, 2,]}", "p.json:2:13: JSON syntax error: a comma before a closing bracket: remove it" },
    { "{\"a\" 1}", "p.json:1:4: JSON syntax error: a colon is missing after a member name" },
    { "{\"a\": 1 \"b\": 2}", "p.json:1:7: JSON syntax error: a comma is missing between two values" },
    { "{\"a\": yes}", "p.json:1:9: JSON syntax error: a word that is not a value: text needs double quotes, and the only bare words are true, false and null" },
    { "{\"a\": }", "p.json:1:7: JSON syntax error: unexpected “}”: a value, a comma or a closing bracket is missing" },
    { "  \n\t ", "p.json: the file is empty: it holds no JSON value" },
    { "", "p.json: the file is empty: it holds no JSON value" },
    { "{\"id\": \"a\",\n \"id\": \"b\"}", "p.json:2:10: the member “id” appears twice in one object" },
    { "{\"version\": 123456789012345678901}", "p.json:1:33: the number 123456789012345678901 is too large" },
    { "{\"a\": \"\xff\"}", "p.json:1:8: the file is not valid UTF-8 text" },
    { "[1, 2]", "p.json: $: a program is a JSON object, not an array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (syntax); i++)
    {
      g_autoptr(GPtrArray) errors = errors_of (syntax[i].text);

      g_assert_cmpuint (errors->len, >=, 1);
      g_assert_cmpstr (errors->pdata[0], ==, syntax[i].expected);
    }
}

static void
test_nesting_limit (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GPtrArray) errors = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  errors = errors_of (deep->str);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (errors->pdata[0], ==, "p.json:1:65: arrays and objects are nested more than 64 deep");
}

/* Every problem at once: three unrelated mistakes, three lines. */
static void
test_all_problems_at_once (void)
{
  g_autoptr(JsonNode) root = load_base ("base");
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) errors = NULL;

  tc_json_mutate (root, "$.currency", "\"euro\"");
  tc_json_mutate (root, "$.rules[0].rates.gold", "1.23456");
  tc_json_mutate (root, "$.overrides[0].tier", "\"bronze\"");
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  errors = errors_of (text);
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_cmpstr (errors->pdata[0], ==, "p.json: $.rules[0].rates.gold: has more than 4 decimals");
  g_assert_cmpstr (errors->pdata[1], ==, "p.json: $.currency: “euro” is not an ISO 4217 currency code such as EUR, RUB or USD");
  g_assert_cmpstr (errors->pdata[2], ==, "p.json: $.overrides[0].tier: “bronze” is not a tier of the program");
}

static GPtrArray *
warnings_after (const char *path,
                const char *value)
{
  g_autoptr(JsonNode) root = load_base ("base");
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;
  g_autofree char *text = NULL;
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  tc_json_mutate (root, path, value);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  program = td_program_read_data (text, strlen (text), problems);
  td_program_validate (program, problems);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    if (td_problems_get (problems, i)->severity == TD_SEVERITY_WARNING)
      g_ptr_array_add (warnings, td_problem_to_string (td_problems_get (problems, i), "p.json"));
  return warnings;
}

static void
test_warnings (void)
{
  g_autoptr(GPtrArray) none = warnings_after ("$.x-note", "\"fine\"");
  g_autoptr(GPtrArray) unpaid = warnings_after ("$.tiers[2]", "{\"id\": \"platinum\", \"name\": \"Platinum\"}");
  g_autoptr(GPtrArray) overlap = warnings_after ("$.rules[7]",
    "{\"id\": \"summer\", \"name\": \"Summer\", \"kind\": \"per_unit\", \"match\": {\"categories\": [\"hw\", \"sw\"]},"
    " \"active\": {\"from\": \"2024-04-15\"}, \"amounts\": {\"gold\": {\"*\": \"1.00\"}}}");
  g_autoptr(GPtrArray) apart = warnings_after ("$.rules[7]",
    "{\"id\": \"summer\", \"name\": \"Summer\", \"kind\": \"per_unit\", \"match\": {\"categories\": [\"hw\"]},"
    " \"active\": {\"from\": \"2024-05-01\"}, \"amounts\": {\"gold\": {\"*\": \"1.00\"}}}");
  g_autoptr(GPtrArray) other_products = warnings_after ("$.rules[7]",
    "{\"id\": \"summer\", \"name\": \"Summer\", \"kind\": \"per_unit\", \"match\": {\"categories\": [\"sw\"]},"
    " \"active\": {\"to\": \"2024-12-31\"}, \"amounts\": {\"gold\": {\"*\": \"1.00\"}}}");
  g_autoptr(GPtrArray) large = warnings_after ("$.rules[0].rates.gold", "150");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (unpaid->len, ==, 1);
  g_assert_cmpstr (unpaid->pdata[0], ==, "p.json: $.tiers[2]: warning: no rule pays tier “platinum”");
  g_assert_cmpuint (overlap->len, ==, 1);
  g_assert_cmpstr (overlap->pdata[0], ==,
                   "p.json: $.rules[7].active: warning: promotions “spring” and “summer” pay on the same products in overlapping windows");
  g_assert_cmpuint (apart->len, ==, 0);
  g_assert_cmpuint (other_products->len, ==, 0);
  g_assert_cmpuint (large->len, ==, 1);
  g_assert_cmpstr (large->pdata[0], ==, "p.json: $.rules[0].rates.gold: warning: a rate above 100 % pays more than the base it applies to");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/program/bases-are-valid", test_bases_are_valid);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/program/invalid/%02u %s", i, cases[i].path);
      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/program/syntax", test_syntax);
  g_test_add_func ("/program/nesting-limit", test_nesting_limit);
  g_test_add_func ("/program/all-problems-at-once", test_all_problems_at_once);
  g_test_add_func ("/program/warnings", test_warnings);
  return g_test_run ();
}
