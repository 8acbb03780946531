/* td-validator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-json.h"
#include "td-program-reader.h"
#include "td-validator.h"

typedef struct
{
  const TdProgram *program;
  TdProblems      *problems;
} Validator;

static void G_GNUC_PRINTF (3, 4)
error_at (Validator  *v,
          const char *path,
          const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  td_problems_add (v->problems, TD_SEVERITY_ERROR, path, "%s", message);
}

static void G_GNUC_PRINTF (3, 4)
warning_at (Validator  *v,
            const char *path,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  td_problems_add (v->problems, TD_SEVERITY_WARNING, path, "%s", message);
}

static char *
path_member (const char *parent,
             const char *member)
{
  return td_json_path_member (parent, member);
}

static char *
path_index (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
check_text (Validator  *v,
            const char *parent,
            const char *member,
            const char *text)
{
  if (text != NULL && is_blank (text))
    {
      g_autofree char *where = path_member (parent, member);
      error_at (v, where, _("must not be empty"));
    }
}

/* Checks the id's form and that no earlier item of the same list (whose
 * ids are in @seen, id → path) has it. */
static void
check_id (Validator  *v,
          GHashTable *seen,
          const char *item_path,
          const char *id)
{
  g_autofree char *where = path_member (item_path, "id");
  const char *first;

  if (id == NULL)
    return;
  if (!td_id_is_valid (id))
    {
      error_at (v, where,
                _("“%s” is not a valid id: use 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit"),
                id);
      return;
    }
  first = g_hash_table_lookup (seen, id);
  if (first != NULL)
    error_at (v, where, _("the id “%s” is already used at %s"), id, first);
  else
    g_hash_table_insert (seen, (gpointer) id, g_strdup (item_path));
}

static GHashTable *
new_seen (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static void
check_tier_key (Validator  *v,
                const char *map_path,
                const char *tier)
{
  if (td_program_find_tier (v->program, tier) < 0)
    {
      g_autofree char *where = path_member (map_path, tier);
      error_at (v, where, _("“%s” is not a tier of the program"), tier);
    }
}

static void
check_category_list (Validator  *v,
                     const char *parent,
                     const char *member,
                     GStrv       categories)
{
  g_autofree char *where = path_member (parent, member);

  if (categories == NULL)
    return;
  if (categories[0] == NULL)
    {
      error_at (v, where, _("must list at least one category (leave the member out to mean all)"));
      return;
    }
  for (guint i = 0; categories[i] != NULL; i++)
    if (td_program_find_category (v->program, categories[i]) < 0)
      {
        g_autofree char *item = path_index (where, i);
        error_at (v, item, _("“%s” is not a category declared in $.categories"), categories[i]);
      }
}

static void
check_requirement (Validator           *v,
                   const TdRequirement *requirement,
                   const char          *path)
{
  static const char *const reserved[] = { "partner_id", "name", "country", "joined_on", "tier", NULL };
  check_text (v, path, "label", requirement->label);
  switch (requirement->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      check_category_list (v, path, "categories", requirement->categories);
      break;
    case TD_REQUIREMENT_UNITS:
      check_category_list (v, path, "categories", requirement->categories);
      break;
    case TD_REQUIREMENT_ATTRIBUTE:
      if (requirement->attribute != NULL && g_strv_contains (reserved, requirement->attribute))
        {
          g_autofree char *where = path_member (path, "attribute");
          error_at (v, where,
                    _("“%s” is a column of partners.csv, not an attribute: name one of its extra columns"),
                    requirement->attribute);
        }
      else
        check_text (v, path, "attribute", requirement->attribute);
      break;
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
      check_text (v, path, "certification", requirement->certification);
      break;
    case TD_REQUIREMENT_MANUAL:
    default:
      break;
    }
}

static void
check_tiers (Validator *v)
{
  g_autoptr(GHashTable) seen = new_seen ();

  for (guint i = 0; i < v->program->tiers->len; i++)
    {
      const TdTier *tier = v->program->tiers->pdata[i];
      g_autofree char *path = path_index ("$.tiers", i);
      g_autofree char *list_path = path_member (path, "requirements");
      g_autoptr(GHashTable) seen_requirements = new_seen ();

      if (g_strcmp0 (tier->id, TD_TIER_UNQUALIFIED) == 0)
        {
          g_autofree char *where = path_member (path, "id");
          error_at (v, where, _("“unqualified” is reserved for partners without a tier; choose another id"));
        }
      else
        check_id (v, seen, path, tier->id);
      check_text (v, path, "name", tier->name);

      for (guint j = 0; j < tier->requirements->len; j++)
        {
          const TdRequirement *requirement = tier->requirements->pdata[j];
          g_autofree char *item_path = path_index (list_path, j);

          check_id (v, seen_requirements, item_path, requirement->id);
          check_requirement (v, requirement, item_path);
        }
    }
}

static void
check_match (Validator    *v,
             const TdRule *rule,
             const char   *path)
{
  g_autofree char *where = path_member (path, "match");
  const TdMatch *match = rule->match;

  if (match == NULL)
    return;
  if (!rule->kind_unknown && (rule->kind == TD_RULE_WELCOME || td_rule_is_on_deals (rule)))
    {
      error_at (v, where, rule->kind == TD_RULE_WELCOME ?
                _("a welcome rule pays per partner, not per sale: it takes no “match”") :
                _("a bonus on deals counts deals, not sales: it takes no “match”"));
      return;
    }
  check_category_list (v, where, "categories", match->categories);
  if (match->skus != NULL)
    {
      g_autofree char *skus = path_member (where, "skus");

      if (match->skus[0] == NULL)
        error_at (v, skus, _("must list at least one SKU (leave the member out to mean all)"));
      for (guint i = 0; match->skus[i] != NULL; i++)
        if (is_blank (match->skus[i]))
          {
            g_autofree char *item = path_index (skus, i);
            error_at (v, item, _("must not be empty"));
          }
    }
}

static void
check_tier_entries (Validator  *v,
                    GArray     *entries,
                    const char *path,
                    const char *member)
{
  g_autofree char *where = path_member (path, member);

  if (entries == NULL)
    return;
  for (guint i = 0; i < entries->len; i++)
    check_tier_key (v, where, g_array_index (entries, TdEntry, i).key);
}

static void
warn_large_rates (Validator  *v,
                  GArray     *rates,
                  const char *path,
                  const char *member)
{
  g_autofree char *where = path_member (path, member);

  if (rates == NULL)
    return;
  for (guint i = 0; i < rates->len; i++)
    {
      const TdEntry *entry = &g_array_index (rates, TdEntry, i);
      if (entry->value > 100 * TD_RATE_SCALE)
        {
          g_autofree char *item = path_member (where, entry->key);
          warning_at (v, item, _("a rate above 100 %% pays more than the base it applies to"));
        }
    }
}

static void
check_rebate_steps (Validator    *v,
                    const TdRule *rule,
                    const char   *path)
{
  g_autofree char *where = path_member (path, "steps");

  if (rule->steps == NULL)
    return;
  for (guint i = 0; i < rule->steps->len; i++)
    {
      const TdTierSteps *tier_steps = rule->steps->pdata[i];
      g_autofree char *tier_path = path_member (where, tier_steps->tier);

      check_tier_key (v, where, tier_steps->tier);
      if (tier_steps->steps->len == 0)
        error_at (v, tier_path, _("needs at least one step"));
      for (guint j = 0; j < tier_steps->steps->len; j++)
        if (g_array_index (tier_steps->steps, TdStep, j).rate > 100 * TD_RATE_SCALE)
          {
            g_autofree char *step_path = path_index (tier_path, j);
            g_autofree char *rate_path = path_member (step_path, "rate");
            warning_at (v, rate_path, _("a rate above 100 %% pays more than the base it applies to"));
          }
      for (guint j = 1; j < tier_steps->steps->len; j++)
        {
          const TdStep *previous = &g_array_index (tier_steps->steps, TdStep, j - 1);
          const TdStep *step = &g_array_index (tier_steps->steps, TdStep, j);

          if (step->from <= previous->from)
            {
              g_autofree char *step_path = path_index (tier_path, j);
              g_autofree char *from_path = path_member (step_path, "from");
              char a[TD_MONEY_BUF], b[TD_MONEY_BUF];

              error_at (v, from_path,
                        _("steps need strictly ascending “from”: %s is not above the previous step's %s"),
                        td_money_format_buf (step->from, a), td_money_format_buf (previous->from, b));
            }
        }
    }
}

static void
check_loyalty (Validator       *v,
               const TdLoyalty *loyalty,
               const char      *path)
{
  g_autofree char *where = path_member (path, "loyalty");
  g_autofree char *steps_path = path_member (where, "steps");

  if (loyalty->steps->len == 0)
    error_at (v, steps_path, _("needs at least one step"));
  for (guint i = 0; i < loyalty->steps->len; i++)
    {
      const TdLoyaltyStep *step = &g_array_index (loyalty->steps, TdLoyaltyStep, i);
      g_autofree char *step_path = path_index (steps_path, i);
      g_autofree char *prior_path = path_member (step_path, "min_prior");

      for (guint j = 0; j < i; j++)
        if (g_array_index (loyalty->steps, TdLoyaltyStep, j).min_prior == step->min_prior)
          {
            error_at (v, prior_path, _("another step already has min_prior %" PRId64),
                      step->min_prior);
            break;
          }
    }
}

static void
check_bonus (Validator    *v,
             const TdRule *rule,
             const char   *path)
{
  g_autofree char *targets_path = path_member (path, "targets");

  if (rule->targets == NULL)
    return;
  for (guint i = 0; i < rule->targets->len; i++)
    {
      const TdEntry *entry = &g_array_index (rule->targets, TdEntry, i);
      g_autofree char *where = path_member (targets_path, entry->key);

      if (rule->metric == TD_METRIC_REVENUE && entry->value <= 0)
        error_at (v, where, _("a revenue target must be more than 0.00"));
      else if (rule->metric != TD_METRIC_REVENUE && entry->value < 1)
        error_at (v, where, _("must be a whole number ≥ 1"));
      if (rule->amounts != NULL && td_entries_find (rule->amounts, entry->key) == NULL &&
          td_program_find_tier (v->program, entry->key) >= 0)
        warning_at (v, where, _("tier “%s” has a target but no amount: it earns nothing from this bonus"),
                    entry->key);
    }
}

static void
check_rule (Validator    *v,
            const TdRule *rule,
            const char   *path)
{
  check_text (v, path, "name", rule->name);
  check_match (v, rule, path);

  if (rule->has_active_from && rule->has_active_to && rule->active_from > rule->active_to)
    {
      g_autofree char *active = path_member (path, "active");
      g_autofree char *where = path_member (active, "to");
      error_at (v, where, _("the promotion ends before it starts (“to” is before “from”)"));
    }

  if (rule->kind_unknown)
    return;

  check_tier_entries (v, rule->rates, path, "rates");
  warn_large_rates (v, rule->rates, path, "rates");
  check_tier_entries (v, rule->amounts, path, "amounts");
  check_tier_entries (v, rule->targets, path, "targets");
  if (rule->unit_amounts != NULL)
    {
      g_autofree char *where = path_member (path, "amounts");
      for (guint i = 0; i < rule->unit_amounts->len; i++)
        {
          const TdUnitAmounts *unit_amounts = rule->unit_amounts->pdata[i];
          check_tier_key (v, where, unit_amounts->tier);
          for (guint j = 0; j < unit_amounts->amounts->len; j++)
            if (is_blank (g_array_index (unit_amounts->amounts, TdEntry, j).key))
              {
                g_autofree char *tier_path = path_member (where, unit_amounts->tier);
                g_autofree char *key_path = path_member (tier_path, g_array_index (unit_amounts->amounts, TdEntry, j).key);
                error_at (v, key_path, _("a SKU, a category id or “*” is needed here, not an empty name"));
              }
          if (unit_amounts->amounts->len == 0)
            {
              g_autofree char *tier_path = path_member (where, unit_amounts->tier);
              warning_at (v, tier_path, _("no SKU, category or “*” amount: this tier earns nothing from the rule"));
            }
        }
    }
  check_rebate_steps (v, rule, path);

  if (rule->loyalty != NULL)
    check_loyalty (v, rule->loyalty, path);
  if (rule->kind == TD_RULE_BONUS)
    check_bonus (v, rule, path);
}

/* Could one sale match both rules? Only lists given on both sides can
 * tell them apart; a category and a SKU list cannot (SKUs are classified
 * by the data, not the program). */
static gboolean
strv_intersect (GStrv a,
                GStrv b)
{
  if (a == NULL || b == NULL)
    return TRUE;
  for (guint i = 0; a[i] != NULL; i++)
    if (g_strv_contains ((const char *const *) b, a[i]))
      return TRUE;
  return FALSE;
}

static gboolean
matches_overlap (const TdMatch *a,
                 const TdMatch *b)
{
  if (a == NULL || b == NULL)
    return TRUE;
  if (!strv_intersect (a->categories, b->categories) || !strv_intersect (a->skus, b->skus))
    return FALSE;
  if (a->has_renewal && b->has_renewal && a->renewal != b->renewal)
    return FALSE;
  if (a->has_channels && b->has_channels &&
      !(a->channels[TD_CHANNEL_PARTNER] && b->channels[TD_CHANNEL_PARTNER]) &&
      !(a->channels[TD_CHANNEL_ONLINE] && b->channels[TD_CHANNEL_ONLINE]))
    return FALSE;
  return TRUE;
}

static gboolean
pays_on_sales (const TdRule *rule)
{
  return !rule->kind_unknown && rule->kind != TD_RULE_WELCOME && !td_rule_is_on_deals (rule);
}

static void
warn_overlapping_promotions (Validator *v)
{
  const GPtrArray *rules = v->program->rules;

  for (guint j = 0; j < rules->len; j++)
    for (guint i = 0; i < j; i++)
      {
        const TdRule *a = rules->pdata[i], *b = rules->pdata[j];
        TdDate a_from = a->has_active_from ? a->active_from : G_MININT32;
        TdDate a_to = a->has_active_to ? a->active_to : G_MAXINT32;
        TdDate b_from = b->has_active_from ? b->active_from : G_MININT32;
        TdDate b_to = b->has_active_to ? b->active_to : G_MAXINT32;

        if (!a->has_active || !b->has_active || !pays_on_sales (a) || !pays_on_sales (b))
          continue;
        if (MAX (a_from, b_from) <= MIN (a_to, b_to) && matches_overlap (a->match, b->match))
          {
            g_autofree char *path = path_index ("$.rules", j);
            g_autofree char *where = path_member (path, "active");
            warning_at (v, where,
                        _("promotions “%s” and “%s” pay on the same products in overlapping windows"),
                        a->id != NULL ? a->id : "?", b->id != NULL ? b->id : "?");
          }
      }
}

static gboolean
rule_pays_tier (const TdRule *rule,
                const char   *tier)
{
  if (td_entries_find (rule->rates, tier) != NULL || td_entries_find (rule->amounts, tier) != NULL)
    return TRUE;
  for (guint i = 0; rule->unit_amounts != NULL && i < rule->unit_amounts->len; i++)
    if (strcmp (((TdUnitAmounts *) rule->unit_amounts->pdata[i])->tier, tier) == 0)
      return TRUE;
  for (guint i = 0; rule->steps != NULL && i < rule->steps->len; i++)
    if (strcmp (((TdTierSteps *) rule->steps->pdata[i])->tier, tier) == 0)
      return TRUE;
  return FALSE;
}

static void
warn_unpaid_tiers (Validator *v)
{
  for (guint i = 0; i < v->program->tiers->len; i++)
    {
      const TdTier *tier = v->program->tiers->pdata[i];
      gboolean paid = FALSE;

      if (tier->id == NULL)
        continue;
      for (guint j = 0; j < v->program->rules->len && !paid; j++)
        paid = rule_pays_tier (v->program->rules->pdata[j], tier->id);
      if (!paid)
        {
          g_autofree char *path = path_index ("$.tiers", i);
          warning_at (v, path, _("no rule pays tier “%s”"), tier->id);
        }
    }
}

static void
check_rules (Validator *v)
{
  g_autoptr(GHashTable) seen = new_seen ();

  for (guint i = 0; i < v->program->rules->len; i++)
    {
      const TdRule *rule = v->program->rules->pdata[i];
      g_autofree char *path = path_index ("$.rules", i);

      check_id (v, seen, path, rule->id);
      check_rule (v, rule, path);
    }
  warn_overlapping_promotions (v);
}

static void
check_categories (Validator *v)
{
  g_autoptr(GHashTable) seen = new_seen ();

  for (guint i = 0; i < v->program->categories->len; i++)
    {
      const TdCategory *category = v->program->categories->pdata[i];
      g_autofree char *path = path_index ("$.categories", i);

      check_id (v, seen, path, category->id);
      check_text (v, path, "name", category->name);
    }
}

static void
check_benefits (Validator *v)
{
  g_autoptr(GHashTable) seen = new_seen ();

  for (guint i = 0; i < v->program->benefits->len; i++)
    {
      const TdBenefit *benefit = v->program->benefits->pdata[i];
      g_autofree char *path = path_index ("$.benefits", i);
      g_autofree char *values = path_member (path, "values");

      check_id (v, seen, path, benefit->id);
      check_text (v, path, "name", benefit->name);
      for (guint j = 0; j < benefit->values->len; j++)
        check_tier_key (v, values, g_array_index (benefit->values, TdBenefitValue, j).tier);
    }
}

static void
check_objectives (Validator *v)
{
  g_autoptr(GHashTable) seen = new_seen ();

  for (guint i = 0; i < v->program->objectives->len; i++)
    {
      const TdObjective *objective = v->program->objectives->pdata[i];
      g_autofree char *path = path_index ("$.objectives", i);

      check_id (v, seen, path, objective->id);
      check_text (v, path, "name", objective->name);
      if (objective->metric_tier != NULL && td_program_find_tier (v->program, objective->metric_tier) < 0)
        {
          g_autofree char *where = path_member (path, "metric");
          error_at (v, where, _("“%s” is not a tier of the program"), objective->metric_tier);
        }
      if ((objective->metric == TD_OBJECTIVE_NEW_CUSTOMERS ||
           objective->metric == TD_OBJECTIVE_PARTNERS_IN_TIER) && objective->target < 0)
        {
          g_autofree char *where = path_member (path, "target");
          error_at (v, where, _("must be a whole number ≥ 0"));
        }
    }
}

static void
check_override_values (Validator        *v,
                       const TdOverride *override,
                       GArray           *entries,
                       const char       *path,
                       gboolean          rates)
{
  g_autofree char *where = path_member (path, rates ? "rates" : "amounts");

  if (entries == NULL)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      const char *rule_id = g_array_index (entries, TdEntry, i).key;
      g_autofree char *item = path_member (where, rule_id);
      int index = td_program_find_rule (v->program, rule_id);
      const TdRule *rule;

      if (index < 0)
        {
          error_at (v, item, _("“%s” is not a rule of the program"), rule_id);
          continue;
        }
      rule = v->program->rules->pdata[index];
      if (rule->kind_unknown)
        continue;
      if (rates && !td_rule_kind_has_rates (rule))
        error_at (v, item, _("rule “%s” pays amounts, not rates: put its value in “amounts”"), rule_id);
      else if (!rates && !td_rule_kind_has_amounts (rule))
        error_at (v, item, _("rule “%s” pays rates, not amounts: put its value in “rates”"), rule_id);
    }
}

static void
check_overrides (Validator *v)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < v->program->overrides->len; i++)
    {
      const TdOverride *override = v->program->overrides->pdata[i];
      g_autofree char *path = path_index ("$.overrides", i);
      g_autofree char *partner_path = path_member (path, "partner");
      /* Partner ids are compared as partners.csv's are: trimmed. */
      g_autofree char *partner = override->partner != NULL ? g_strstrip (g_strdup (override->partner)) : NULL;

      if (partner != NULL)
        {
          const char *first = g_hash_table_lookup (seen, partner);

          if (is_blank (override->partner))
            error_at (v, partner_path, _("must not be empty"));
          else if (first != NULL)
            error_at (v, partner_path, _("partner “%s” already has an override at %s; give one override per partner"),
                      override->partner, first);
          else
            g_hash_table_insert (seen, g_steal_pointer (&partner), g_strdup (path));
        }
      if (override->tier != NULL && td_program_find_tier (v->program, override->tier) < 0)
        {
          g_autofree char *where = path_member (path, "tier");
          error_at (v, where, _("“%s” is not a tier of the program"), override->tier);
        }
      check_override_values (v, override, override->rates, path, TRUE);
      check_override_values (v, override, override->amounts, path, FALSE);
      warn_large_rates (v, override->rates, path, "rates");
    }
}

static void
check_top (Validator *v)
{
  const TdProgram *program = v->program;

  if (program->id != NULL && !td_id_is_valid (program->id))
    error_at (v, "$.id",
              _("“%s” is not a valid id: use 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit"),
              program->id);
  check_text (v, "$", "name", program->name);
  if (program->currency != NULL && !td_currency_is_valid (program->currency))
    error_at (v, "$.currency", _("“%s” is not an ISO 4217 currency code such as EUR, RUB or USD"),
              program->currency);
  if (program->distributors != NULL)
    {
      if (program->distributors[0] == NULL)
        error_at (v, "$.eligibility.distributors",
                  _("must list at least one distributor (leave the member out to accept every distributor)"));
      for (guint i = 0; program->distributors[i] != NULL; i++)
        if (is_blank (program->distributors[i]))
          {
            g_autofree char *where = path_index ("$.eligibility.distributors", i);
            error_at (v, where, _("must not be empty"));
          }
    }
}

void
td_program_validate (const TdProgram *program,
                     TdProblems      *problems)
{
  Validator v = { program, problems };

  check_top (&v);
  check_categories (&v);
  check_tiers (&v);
  check_rules (&v);
  check_benefits (&v);
  check_objectives (&v);
  check_overrides (&v);
  warn_unpaid_tiers (&v);
}

TdProgram *
td_program_load (const char *path,
                 TdProblems *problems)
{
  g_autoptr(TdProgram) program = td_program_read_file (path, problems);

  if (program == NULL)
    return NULL;
  td_program_validate (program, problems);
  if (td_problems_count (problems, TD_SEVERITY_ERROR) > 0)
    return NULL;
  return g_steal_pointer (&program);
}
