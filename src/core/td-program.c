/* td-program.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-program.h"

const char *const td_requirement_kind_names[TD_N_REQUIREMENT_KINDS] = {
  "revenue", "units", "attribute", "certified_people", "manual",
};
const char *const td_rule_kind_names[TD_N_RULE_KINDS] = {
  "percent", "per_unit", "new_customer", "rebate", "bonus", "welcome",
};
const char *const td_period_names[TD_N_PERIODS] = {
  "month", "quarter", "year", "period",
};
const char *const td_base_names[TD_N_BASES] = { "list", "net" };
const char *const td_rebate_mode_names[TD_N_REBATE_MODES] = { "retroactive", "marginal" };
const char *const td_bonus_metric_names[TD_N_BONUS_METRICS] = {
  "revenue", "units", "new_customers", "registered_deals", "won_deals",
};
const char *const td_objective_metric_names[TD_N_OBJECTIVE_METRICS] = {
  "revenue", "payout", "payout_ratio", "new_customers", "partners_in_tier",
};
const char *const td_qualification_mode_names[TD_N_QUALIFICATION_MODES] = { "recorded", "qualify" };
const char *const td_window_names[TD_N_WINDOWS] = { "previous_year", "period" };
const char *const td_attribution_names[TD_N_ATTRIBUTIONS] = { "none", "original_reseller" };
const char *const td_channel_names[TD_N_CHANNELS] = { "partner", "online" };

const char *td_requirement_kind_to_string (TdRequirementKind v) { return td_requirement_kind_names[v]; }
const char *td_rule_kind_to_string (TdRuleKind v) { return td_rule_kind_names[v]; }
const char *td_period_to_string (TdPeriod v) { return td_period_names[v]; }
const char *td_base_to_string (TdBase v) { return td_base_names[v]; }
const char *td_rebate_mode_to_string (TdRebateMode v) { return td_rebate_mode_names[v]; }
const char *td_bonus_metric_to_string (TdBonusMetric v) { return td_bonus_metric_names[v]; }
const char *td_objective_metric_to_string (TdObjectiveMetric v) { return td_objective_metric_names[v]; }
const char *td_qualification_mode_to_string (TdQualificationMode v) { return td_qualification_mode_names[v]; }
const char *td_window_to_string (TdWindow v) { return td_window_names[v]; }
const char *td_attribution_to_string (TdAttribution v) { return td_attribution_names[v]; }
const char *td_channel_to_string (TdChannel v) { return td_channel_names[v]; }

int
td_enum_from_string (const char *const *names,
                     int                n_names,
                     const char        *text)
{
  for (int i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], text) == 0)
      return i;
  return -1;
}

static void
entry_clear (gpointer data)
{
  g_free (((TdEntry *) data)->key);
}

GArray *
td_entries_new (void)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (TdEntry));

  g_array_set_clear_func (entries, entry_clear);
  return entries;
}

void
td_entries_add (GArray     *entries,
                const char *key,
                gint64      value)
{
  TdEntry entry = { g_strdup (key), value };

  g_array_append_val (entries, entry);
}

const TdEntry *
td_entries_find (GArray     *entries,
                 const char *key)
{
  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    if (strcmp (g_array_index (entries, TdEntry, i).key, key) == 0)
      return &g_array_index (entries, TdEntry, i);
  return NULL;
}

static void
clear_extras (JsonObject **extras)
{
  g_clear_pointer (extras, json_object_unref);
}

static void
step_clear (gpointer data)
{
  clear_extras (&((TdStep *) data)->extras);
}

static void
loyalty_step_clear (gpointer data)
{
  clear_extras (&((TdLoyaltyStep *) data)->extras);
}

GArray *
td_steps_new (void)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (TdStep));

  g_array_set_clear_func (steps, step_clear);
  return steps;
}

GArray *
td_loyalty_steps_new (void)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (TdLoyaltyStep));

  g_array_set_clear_func (steps, loyalty_step_clear);
  return steps;
}

TdProgram *
td_program_new (void)
{
  TdProgram *program = g_new0 (TdProgram, 1);

  program->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) td_category_free);
  program->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tier_free);
  program->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) td_rule_free);
  program->benefits = g_ptr_array_new_with_free_func ((GDestroyNotify) td_benefit_free);
  program->objectives = g_ptr_array_new_with_free_func ((GDestroyNotify) td_objective_free);
  program->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) td_override_free);
  program->qualification_mode = TD_QUALIFICATION_RECORDED;
  program->qualification_window = TD_WINDOW_PREVIOUS_YEAR;
  program->online_renewals = TD_ATTRIBUTION_NONE;
  return program;
}

void
td_program_free (TdProgram *program)
{
  if (program == NULL)
    return;
  g_free (program->id);
  g_free (program->name);
  g_free (program->vendor);
  g_free (program->description);
  g_free (program->currency);
  g_ptr_array_unref (program->categories);
  g_ptr_array_unref (program->tiers);
  g_ptr_array_unref (program->rules);
  g_ptr_array_unref (program->benefits);
  g_ptr_array_unref (program->objectives);
  g_ptr_array_unref (program->overrides);
  g_strfreev (program->distributors);
  clear_extras (&program->qualification_extras);
  clear_extras (&program->eligibility_extras);
  clear_extras (&program->attribution_extras);
  clear_extras (&program->extras);
  g_free (program);
}

TdTier *
td_tier_new (void)
{
  TdTier *tier = g_new0 (TdTier, 1);

  tier->requirements = g_ptr_array_new_with_free_func ((GDestroyNotify) td_requirement_free);
  return tier;
}

void
td_tier_free (TdTier *tier)
{
  g_free (tier->id);
  g_free (tier->name);
  g_ptr_array_unref (tier->requirements);
  clear_extras (&tier->extras);
  g_free (tier);
}

TdRequirement *
td_requirement_new (void)
{
  return g_new0 (TdRequirement, 1);
}

void
td_requirement_free (TdRequirement *requirement)
{
  g_free (requirement->id);
  g_free (requirement->label);
  g_strfreev (requirement->categories);
  g_free (requirement->attribute);
  g_free (requirement->certification);
  clear_extras (&requirement->extras);
  g_free (requirement);
}

TdCategory *
td_category_new (void)
{
  return g_new0 (TdCategory, 1);
}

void
td_category_free (TdCategory *category)
{
  g_free (category->id);
  g_free (category->name);
  clear_extras (&category->extras);
  g_free (category);
}

TdMatch *
td_match_new (void)
{
  return g_new0 (TdMatch, 1);
}

void
td_match_free (TdMatch *match)
{
  g_strfreev (match->categories);
  g_strfreev (match->skus);
  clear_extras (&match->extras);
  g_free (match);
}

TdLoyalty *
td_loyalty_new (void)
{
  TdLoyalty *loyalty = g_new0 (TdLoyalty, 1);

  loyalty->steps = td_loyalty_steps_new ();
  return loyalty;
}

void
td_loyalty_free (TdLoyalty *loyalty)
{
  g_array_unref (loyalty->steps);
  clear_extras (&loyalty->extras);
  g_free (loyalty);
}

TdUnitAmounts *
td_unit_amounts_new (const char *tier)
{
  TdUnitAmounts *unit_amounts = g_new0 (TdUnitAmounts, 1);

  unit_amounts->tier = g_strdup (tier);
  unit_amounts->amounts = td_entries_new ();
  return unit_amounts;
}

void
td_unit_amounts_free (TdUnitAmounts *unit_amounts)
{
  g_free (unit_amounts->tier);
  g_array_unref (unit_amounts->amounts);
  g_free (unit_amounts);
}

TdTierSteps *
td_tier_steps_new (const char *tier)
{
  TdTierSteps *tier_steps = g_new0 (TdTierSteps, 1);

  tier_steps->tier = g_strdup (tier);
  tier_steps->steps = td_steps_new ();
  return tier_steps;
}

void
td_tier_steps_free (TdTierSteps *tier_steps)
{
  g_free (tier_steps->tier);
  g_array_unref (tier_steps->steps);
  g_free (tier_steps);
}

TdRule *
td_rule_new (void)
{
  TdRule *rule = g_new0 (TdRule, 1);

  rule->cap_period = TD_PERIOD_PERIOD;
  rule->lookback_days = 365;
  return rule;
}

void
td_rule_free (TdRule *rule)
{
  g_free (rule->id);
  g_free (rule->name);
  g_clear_pointer (&rule->match, td_match_free);
  g_clear_pointer (&rule->rates, g_array_unref);
  g_clear_pointer (&rule->amounts, g_array_unref);
  g_clear_pointer (&rule->unit_amounts, g_ptr_array_unref);
  g_clear_pointer (&rule->steps, g_ptr_array_unref);
  g_clear_pointer (&rule->targets, g_array_unref);
  g_clear_pointer (&rule->loyalty, td_loyalty_free);
  clear_extras (&rule->active_extras);
  clear_extras (&rule->extras);
  g_free (rule);
}

static void
benefit_value_clear (gpointer data)
{
  TdBenefitValue *value = data;

  g_free (value->tier);
  g_free (value->text);
}

TdBenefit *
td_benefit_new (void)
{
  TdBenefit *benefit = g_new0 (TdBenefit, 1);

  benefit->values = g_array_new (FALSE, TRUE, sizeof (TdBenefitValue));
  g_array_set_clear_func (benefit->values, benefit_value_clear);
  return benefit;
}

void
td_benefit_free (TdBenefit *benefit)
{
  g_free (benefit->id);
  g_free (benefit->name);
  g_free (benefit->group);
  g_array_unref (benefit->values);
  clear_extras (&benefit->extras);
  g_free (benefit);
}

TdObjective *
td_objective_new (void)
{
  return g_new0 (TdObjective, 1);
}

void
td_objective_free (TdObjective *objective)
{
  g_free (objective->id);
  g_free (objective->name);
  g_free (objective->metric_tier);
  clear_extras (&objective->extras);
  g_free (objective);
}

TdOverride *
td_override_new (void)
{
  return g_new0 (TdOverride, 1);
}

void
td_override_free (TdOverride *override)
{
  g_free (override->partner);
  g_free (override->reason);
  g_free (override->tier);
  g_clear_pointer (&override->rates, g_array_unref);
  g_clear_pointer (&override->amounts, g_array_unref);
  clear_extras (&override->extras);
  g_free (override);
}

int
td_program_find_tier (const TdProgram *program,
                      const char      *tier_id)
{
  for (guint i = 0; i < program->tiers->len; i++)
    if (g_strcmp0 (((TdTier *) program->tiers->pdata[i])->id, tier_id) == 0)
      return (int) i;
  return -1;
}

int
td_program_find_rule (const TdProgram *program,
                      const char      *rule_id)
{
  for (guint i = 0; i < program->rules->len; i++)
    if (g_strcmp0 (((TdRule *) program->rules->pdata[i])->id, rule_id) == 0)
      return (int) i;
  return -1;
}

int
td_program_find_category (const TdProgram *program,
                          const char      *category_id)
{
  for (guint i = 0; i < program->categories->len; i++)
    if (g_strcmp0 (((TdCategory *) program->categories->pdata[i])->id, category_id) == 0)
      return (int) i;
  return -1;
}

/* FORMAT.md §2.5: whose values an override may replace with a rate. */
gboolean
td_rule_kind_has_rates (const TdRule *rule)
{
  return rule->kind == TD_RULE_PERCENT || rule->kind == TD_RULE_REBATE ||
         (rule->kind == TD_RULE_NEW_CUSTOMER && rule->rates != NULL);
}

gboolean
td_rule_kind_has_amounts (const TdRule *rule)
{
  return rule->kind == TD_RULE_PER_UNIT || rule->kind == TD_RULE_WELCOME ||
         rule->kind == TD_RULE_BONUS ||
         (rule->kind == TD_RULE_NEW_CUSTOMER && rule->amounts != NULL);
}

gboolean
td_rule_is_on_deals (const TdRule *rule)
{
  return rule->kind == TD_RULE_BONUS &&
         (rule->metric == TD_METRIC_REGISTERED_DEALS || rule->metric == TD_METRIC_WON_DEALS);
}

gboolean
td_id_is_valid (const char *id)
{
  gsize len = strlen (id);

  if (len < 1 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = id[i];
      gboolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* ISO 4217 codes as listed by Debian's iso-codes 4.15 (kept sorted; the
 * JSON Schema's enum is checked against this list by a test). */
static const char iso4217[][4] = {
  "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM",
  "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD",
  "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP",
  "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP",
  "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP",
  "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS",
  "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF",
  "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
  "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
  "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR",
  "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB",
  "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS",
  "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP",
  "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW",
  "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB",
  "XBC", "XBD", "XCD", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA",
  "XXX", "YER", "ZAR", "ZMW", "ZWL",
};

static int
compare_code (const void *key,
              const void *element)
{
  return strcmp (key, element);
}

gboolean
td_currency_is_valid (const char *code)
{
  return strlen (code) == 3 &&
         bsearch (code, iso4217, G_N_ELEMENTS (iso4217), sizeof iso4217[0], compare_code) != NULL;
}
