/* td-program-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canonical form (docs/format.md): fixed member order, defaults
 * written out, maps keyed by tier in the program's tier order and by rule
 * in rule order, other maps and x- members sorted byte-wise, 2-space
 * indent and a trailing newline. Reading it back and writing again gives
 * the same bytes.
 */
#include "config.h"

#include <string.h>

#include "td-json.h"
#include "td-program-writer.h"

typedef void (*WriteValueFunc) (TdJsonWriter *writer, gint64 value);

static void
write_count (TdJsonWriter *writer,
             gint64        value)
{
  td_json_writer_int (writer, value);
}

static WriteValueFunc
value_writer (TdUnit unit)
{
  return unit == TD_UNIT_MONEY ? td_json_writer_money :
         unit == TD_UNIT_RATE ? td_json_writer_rate : write_count;
}

static void
write_strv (TdJsonWriter *writer,
            const char   *member,
            GStrv         values)
{
  if (values == NULL)
    return;
  td_json_writer_member (writer, member);
  td_json_writer_begin_array (writer);
  for (guint i = 0; values[i] != NULL; i++)
    td_json_writer_string (writer, values[i]);
  td_json_writer_end_array (writer);
}

static void
write_optional_string (TdJsonWriter *writer,
                       const char   *member,
                       const char   *value)
{
  if (value == NULL)
    return;
  td_json_writer_member (writer, member);
  td_json_writer_string (writer, value);
}

/* The order in which a map's keys are written: the position of the key in
 * @order (tier or rule ids) first, then the keys @order does not know,
 * byte-wise. */
typedef struct
{
  const char *key;
  guint       position;
  guint       index;
} KeyOrder;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const KeyOrder *x = a, *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return strcmp (x->key, y->key);
}

static guint
position_in (const GPtrArray *items,
             gsize            id_offset,
             const char      *key)
{
  if (items != NULL)
    for (guint i = 0; i < items->len; i++)
      if (g_strcmp0 (G_STRUCT_MEMBER (const char *, items->pdata[i], id_offset), key) == 0)
        return i;
  return G_MAXUINT;
}

/* @keys: @n strings spaced @stride bytes apart from @first_key. */
static GArray *
sorted_keys (const GPtrArray *order,
             gsize            id_offset,
             const char      *first_key,
             gsize            stride,
             guint            n)
{
  GArray *keys = g_array_sized_new (FALSE, FALSE, sizeof (KeyOrder), n);

  for (guint i = 0; i < n; i++)
    {
      const char *key = *(const char *const *) (first_key + (gsize) i * stride);
      KeyOrder item = { key, position_in (order, id_offset, key), i };
      g_array_append_val (keys, item);
    }
  g_array_sort (keys, compare_keys);
  return keys;
}

#define TIER_ORDER(program) (program)->tiers, G_STRUCT_OFFSET (TdTier, id)
#define RULE_ORDER(program) (program)->rules, G_STRUCT_OFFSET (TdRule, id)
#define BYTE_ORDER_ONLY NULL, 0

static void
write_entries (TdJsonWriter    *writer,
               const char      *member,
               GArray          *entries,
               const GPtrArray *order,
               gsize            id_offset,
               TdUnit           unit)
{
  g_autoptr(GArray) keys = NULL;
  WriteValueFunc write_value = value_writer (unit);

  if (entries == NULL)
    return;
  keys = sorted_keys (order, id_offset, entries->len ? (const char *) &g_array_index (entries, TdEntry, 0).key : NULL,
                      sizeof (TdEntry), entries->len);
  if (member != NULL)
    td_json_writer_member (writer, member);
  td_json_writer_begin_object (writer);
  for (guint i = 0; i < keys->len; i++)
    {
      const TdEntry *entry = &g_array_index (entries, TdEntry, g_array_index (keys, KeyOrder, i).index);
      td_json_writer_member (writer, entry->key);
      write_value (writer, entry->value);
    }
  td_json_writer_end_object (writer);
}

static void
write_requirement (TdJsonWriter        *writer,
                   const TdRequirement *requirement)
{
  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "id");
  td_json_writer_string (writer, requirement->id);
  td_json_writer_member (writer, "label");
  td_json_writer_string (writer, requirement->label);
  td_json_writer_member (writer, "kind");
  td_json_writer_string (writer, td_requirement_kind_to_string (requirement->kind));
  switch (requirement->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      td_json_writer_member (writer, "min");
      td_json_writer_money (writer, requirement->min);
      write_strv (writer, "categories", requirement->categories);
      break;
    case TD_REQUIREMENT_UNITS:
      td_json_writer_member (writer, "min");
      td_json_writer_int (writer, requirement->min);
      write_strv (writer, "categories", requirement->categories);
      break;
    case TD_REQUIREMENT_ATTRIBUTE:
      td_json_writer_member (writer, "attribute");
      td_json_writer_string (writer, requirement->attribute);
      td_json_writer_member (writer, "min");
      td_json_writer_rate (writer, requirement->min);
      break;
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
      td_json_writer_member (writer, "certification");
      td_json_writer_string (writer, requirement->certification);
      td_json_writer_member (writer, "valid_months");
      td_json_writer_int (writer, requirement->valid_months);
      td_json_writer_member (writer, "min");
      td_json_writer_int (writer, requirement->min);
      break;
    case TD_REQUIREMENT_MANUAL:
    default:
      break;
    }
  td_json_writer_extras (writer, requirement->extras);
  td_json_writer_end_object (writer);
}

static void
write_id_name (TdJsonWriter *writer,
               const char   *id,
               const char   *name)
{
  td_json_writer_member (writer, "id");
  td_json_writer_string (writer, id);
  td_json_writer_member (writer, "name");
  td_json_writer_string (writer, name);
}

static void
write_tier (TdJsonWriter *writer,
            const TdTier *tier)
{
  td_json_writer_begin_object (writer);
  write_id_name (writer, tier->id, tier->name);
  td_json_writer_member (writer, "requirements");
  td_json_writer_begin_array (writer);
  for (guint i = 0; i < tier->requirements->len; i++)
    write_requirement (writer, tier->requirements->pdata[i]);
  td_json_writer_end_array (writer);
  td_json_writer_extras (writer, tier->extras);
  td_json_writer_end_object (writer);
}

static void
write_match (TdJsonWriter  *writer,
             const TdMatch *match)
{
  td_json_writer_member (writer, "match");
  td_json_writer_begin_object (writer);
  write_strv (writer, "categories", match->categories);
  write_strv (writer, "skus", match->skus);
  if (match->has_renewal)
    {
      td_json_writer_member (writer, "renewal");
      td_json_writer_bool (writer, match->renewal);
    }
  if (match->has_channels)
    {
      td_json_writer_member (writer, "channels");
      td_json_writer_begin_array (writer);
      for (int c = 0; c < TD_N_CHANNELS; c++)
        if (match->channels[c])
          td_json_writer_string (writer, td_channel_to_string (c));
      td_json_writer_end_array (writer);
    }
  td_json_writer_extras (writer, match->extras);
  td_json_writer_end_object (writer);
}

static void
write_active (TdJsonWriter *writer,
              const TdRule *rule)
{
  char buf[TD_DATE_BUF];

  td_json_writer_member (writer, "active");
  td_json_writer_begin_object (writer);
  if (rule->has_active_from)
    {
      td_json_writer_member (writer, "from");
      td_json_writer_string (writer, td_date_format_buf (rule->active_from, buf));
    }
  if (rule->has_active_to)
    {
      td_json_writer_member (writer, "to");
      td_json_writer_string (writer, td_date_format_buf (rule->active_to, buf));
    }
  td_json_writer_extras (writer, rule->active_extras);
  td_json_writer_end_object (writer);
}

/* Per-tier items that live behind pointers (unit amounts, steps), in the
 * program's tier order. */
static GArray *
sorted_tier_items (const TdProgram *program,
                   const GPtrArray *items,
                   gsize            tier_offset)
{
  GArray *keys = g_array_sized_new (FALSE, FALSE, sizeof (KeyOrder), items->len);

  for (guint i = 0; i < items->len; i++)
    {
      const char *tier = G_STRUCT_MEMBER (const char *, items->pdata[i], tier_offset);
      KeyOrder item = { tier, position_in (TIER_ORDER (program), tier), i };
      g_array_append_val (keys, item);
    }
  g_array_sort (keys, compare_keys);
  return keys;
}

static void
write_unit_amounts (TdJsonWriter    *writer,
                    const TdProgram *program,
                    const TdRule    *rule)
{
  g_autoptr(GArray) keys = sorted_tier_items (program, rule->unit_amounts,
                                              G_STRUCT_OFFSET (TdUnitAmounts, tier));

  td_json_writer_member (writer, "amounts");
  td_json_writer_begin_object (writer);
  for (guint i = 0; i < keys->len; i++)
    {
      const TdUnitAmounts *unit_amounts = rule->unit_amounts->pdata[g_array_index (keys, KeyOrder, i).index];
      td_json_writer_member (writer, unit_amounts->tier);
      write_entries (writer, NULL, unit_amounts->amounts, BYTE_ORDER_ONLY, TD_UNIT_MONEY);
    }
  td_json_writer_end_object (writer);
}

static void
write_steps (TdJsonWriter    *writer,
             const TdProgram *program,
             const TdRule    *rule)
{
  g_autoptr(GArray) keys = sorted_tier_items (program, rule->steps,
                                              G_STRUCT_OFFSET (TdTierSteps, tier));

  td_json_writer_member (writer, "steps");
  td_json_writer_begin_object (writer);
  for (guint i = 0; i < keys->len; i++)
    {
      const TdTierSteps *tier_steps = rule->steps->pdata[g_array_index (keys, KeyOrder, i).index];

      td_json_writer_member (writer, tier_steps->tier);
      td_json_writer_begin_array (writer);
      for (guint j = 0; j < tier_steps->steps->len; j++)
        {
          const TdStep *step = &g_array_index (tier_steps->steps, TdStep, j);

          td_json_writer_begin_object (writer);
          td_json_writer_member (writer, "from");
          td_json_writer_money (writer, step->from);
          td_json_writer_member (writer, "rate");
          td_json_writer_rate (writer, step->rate);
          td_json_writer_extras (writer, step->extras);
          td_json_writer_end_object (writer);
        }
      td_json_writer_end_array (writer);
    }
  td_json_writer_end_object (writer);
}

static void
write_loyalty (TdJsonWriter    *writer,
               const TdLoyalty *loyalty)
{
  td_json_writer_member (writer, "loyalty");
  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "window_days");
  td_json_writer_int (writer, loyalty->window_days);
  td_json_writer_member (writer, "steps");
  td_json_writer_begin_array (writer);
  for (guint i = 0; i < loyalty->steps->len; i++)
    {
      const TdLoyaltyStep *step = &g_array_index (loyalty->steps, TdLoyaltyStep, i);

      td_json_writer_begin_object (writer);
      td_json_writer_member (writer, "min_prior");
      td_json_writer_int (writer, step->min_prior);
      td_json_writer_member (writer, "multiplier");
      td_json_writer_rate (writer, step->multiplier);
      td_json_writer_extras (writer, step->extras);
      td_json_writer_end_object (writer);
    }
  td_json_writer_end_array (writer);
  td_json_writer_extras (writer, loyalty->extras);
  td_json_writer_end_object (writer);
}

static void
write_enum (TdJsonWriter *writer,
            const char   *member,
            const char   *value)
{
  td_json_writer_member (writer, member);
  td_json_writer_string (writer, value);
}

static void
write_rule (TdJsonWriter    *writer,
            const TdProgram *program,
            const TdRule    *rule)
{
  TdRuleKind kind = rule->kind;

  td_json_writer_begin_object (writer);
  write_id_name (writer, rule->id, rule->name);
  write_enum (writer, "kind", td_rule_kind_to_string (kind));
  if (kind == TD_RULE_PERCENT || kind == TD_RULE_REBATE)
    write_enum (writer, "base", td_base_to_string (rule->base));
  if (kind == TD_RULE_REBATE || kind == TD_RULE_BONUS)
    write_enum (writer, "period", td_period_to_string (rule->period));
  if (kind == TD_RULE_BONUS)
    write_enum (writer, "metric", td_bonus_metric_to_string (rule->metric));
  if (kind == TD_RULE_REBATE)
    write_enum (writer, "mode", td_rebate_mode_to_string (rule->mode));
  if (kind == TD_RULE_NEW_CUSTOMER || (kind == TD_RULE_BONUS && rule->metric == TD_METRIC_NEW_CUSTOMERS))
    {
      td_json_writer_member (writer, "lookback_days");
      td_json_writer_int (writer, rule->lookback_days);
    }
  if (kind == TD_RULE_NEW_CUSTOMER)
    {
      td_json_writer_member (writer, "requires_deal_registration");
      td_json_writer_bool (writer, rule->requires_deal_registration);
    }
  if (rule->match != NULL)
    write_match (writer, rule->match);
  if (rule->has_active)
    write_active (writer, rule);
  write_entries (writer, "rates", rule->rates, TIER_ORDER (program), TD_UNIT_RATE);
  if (rule->unit_amounts != NULL)
    write_unit_amounts (writer, program, rule);
  else
    write_entries (writer, "amounts", rule->amounts, TIER_ORDER (program), TD_UNIT_MONEY);
  if (rule->steps != NULL)
    write_steps (writer, program, rule);
  write_entries (writer, "targets", rule->targets, TIER_ORDER (program),
                 rule->metric == TD_METRIC_REVENUE ? TD_UNIT_MONEY : TD_UNIT_COUNT);
  if (rule->loyalty != NULL)
    write_loyalty (writer, rule->loyalty);
  if (rule->has_cap)
    {
      td_json_writer_member (writer, "cap");
      td_json_writer_money (writer, rule->cap);
      write_enum (writer, "cap_period", td_period_to_string (rule->cap_period));
    }
  td_json_writer_extras (writer, rule->extras);
  td_json_writer_end_object (writer);
}

static void
write_benefit (TdJsonWriter    *writer,
               const TdProgram *program,
               const TdBenefit *benefit)
{
  g_autoptr(GArray) keys = NULL;

  td_json_writer_begin_object (writer);
  write_id_name (writer, benefit->id, benefit->name);
  td_json_writer_member (writer, "group");
  td_json_writer_string (writer, benefit->group);
  td_json_writer_member (writer, "values");
  keys = sorted_keys (TIER_ORDER (program),
                      benefit->values->len ? (const char *) &g_array_index (benefit->values, TdBenefitValue, 0).tier : NULL,
                      sizeof (TdBenefitValue), benefit->values->len);
  td_json_writer_begin_object (writer);
  for (guint i = 0; i < keys->len; i++)
    {
      const TdBenefitValue *value = &g_array_index (benefit->values, TdBenefitValue,
                                                    g_array_index (keys, KeyOrder, i).index);
      td_json_writer_member (writer, value->tier);
      switch (value->kind)
        {
        case TD_BENEFIT_BOOLEAN:
          td_json_writer_bool (writer, value->number != 0);
          break;
        case TD_BENEFIT_NUMBER:
          td_json_writer_rate (writer, value->number);
          break;
        case TD_BENEFIT_TEXT:
        default:
          td_json_writer_string (writer, value->text);
          break;
        }
    }
  td_json_writer_end_object (writer);
  td_json_writer_extras (writer, benefit->extras);
  td_json_writer_end_object (writer);
}

static void
write_objective (TdJsonWriter      *writer,
                 const TdObjective *objective)
{
  td_json_writer_begin_object (writer);
  write_id_name (writer, objective->id, objective->name);
  td_json_writer_member (writer, "metric");
  if (objective->metric == TD_OBJECTIVE_PARTNERS_IN_TIER)
    {
      g_autofree char *metric = g_strconcat ("partners_in_tier:", objective->metric_tier, NULL);
      td_json_writer_string (writer, metric);
    }
  else
    td_json_writer_string (writer, td_objective_metric_to_string (objective->metric));
  td_json_writer_member (writer, "target");
  switch (objective->metric)
    {
    case TD_OBJECTIVE_REVENUE:
    case TD_OBJECTIVE_PAYOUT:
      td_json_writer_money (writer, objective->target);
      break;
    case TD_OBJECTIVE_PAYOUT_RATIO:
      td_json_writer_rate (writer, objective->target);
      break;
    default:
      td_json_writer_int (writer, objective->target);
      break;
    }
  td_json_writer_extras (writer, objective->extras);
  td_json_writer_end_object (writer);
}

static void
write_override (TdJsonWriter     *writer,
                const TdProgram  *program,
                const TdOverride *override)
{
  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "partner");
  td_json_writer_string (writer, override->partner);
  td_json_writer_member (writer, "reason");
  td_json_writer_string (writer, override->reason);
  write_optional_string (writer, "tier", override->tier);
  write_entries (writer, "rates", override->rates, RULE_ORDER (program), TD_UNIT_RATE);
  write_entries (writer, "amounts", override->amounts, RULE_ORDER (program), TD_UNIT_MONEY);
  td_json_writer_extras (writer, override->extras);
  td_json_writer_end_object (writer);
}

typedef void (*WriteItemFunc) (TdJsonWriter *, const TdProgram *, gconstpointer);

static void
write_list (TdJsonWriter    *writer,
            const TdProgram *program,
            const char      *member,
            const GPtrArray *items,
            WriteItemFunc    write_item)
{
  td_json_writer_member (writer, member);
  td_json_writer_begin_array (writer);
  for (guint i = 0; i < items->len; i++)
    write_item (writer, program, items->pdata[i]);
  td_json_writer_end_array (writer);
}

static void
write_category_item (TdJsonWriter *w, const TdProgram *p, gconstpointer item)
{
  const TdCategory *category = item;

  td_json_writer_begin_object (w);
  write_id_name (w, category->id, category->name);
  td_json_writer_extras (w, category->extras);
  td_json_writer_end_object (w);
}

static void write_tier_item (TdJsonWriter *w, const TdProgram *p, gconstpointer item) { write_tier (w, item); }
static void write_rule_item (TdJsonWriter *w, const TdProgram *p, gconstpointer item) { write_rule (w, p, item); }
static void write_benefit_item (TdJsonWriter *w, const TdProgram *p, gconstpointer item) { write_benefit (w, p, item); }
static void write_objective_item (TdJsonWriter *w, const TdProgram *p, gconstpointer item) { write_objective (w, item); }
static void write_override_item (TdJsonWriter *w, const TdProgram *p, gconstpointer item) { write_override (w, p, item); }

char *
td_program_to_json (const TdProgram *program)
{
  TdJsonWriter *writer = td_json_writer_new ();

  td_json_writer_begin_object (writer);
  td_json_writer_member (writer, "format");
  td_json_writer_string (writer, TD_PROGRAM_FORMAT);
  td_json_writer_member (writer, "format_version");
  td_json_writer_int (writer, TD_PROGRAM_FORMAT_VERSION);
  write_id_name (writer, program->id, program->name);
  write_optional_string (writer, "vendor", program->vendor);
  td_json_writer_member (writer, "version");
  td_json_writer_int (writer, program->version);
  td_json_writer_member (writer, "currency");
  td_json_writer_string (writer, program->currency);
  write_optional_string (writer, "description", program->description);

  write_list (writer, program, "categories", program->categories, write_category_item);
  write_list (writer, program, "tiers", program->tiers, write_tier_item);

  td_json_writer_member (writer, "qualification");
  td_json_writer_begin_object (writer);
  write_enum (writer, "mode", td_qualification_mode_to_string (program->qualification_mode));
  write_enum (writer, "window", td_window_to_string (program->qualification_window));
  td_json_writer_extras (writer, program->qualification_extras);
  td_json_writer_end_object (writer);

  td_json_writer_member (writer, "eligibility");
  td_json_writer_begin_object (writer);
  write_strv (writer, "distributors", program->distributors);
  td_json_writer_member (writer, "require_invoice");
  td_json_writer_bool (writer, program->require_invoice);
  td_json_writer_extras (writer, program->eligibility_extras);
  td_json_writer_end_object (writer);

  td_json_writer_member (writer, "attribution");
  td_json_writer_begin_object (writer);
  write_enum (writer, "online_renewals", td_attribution_to_string (program->online_renewals));
  td_json_writer_extras (writer, program->attribution_extras);
  td_json_writer_end_object (writer);

  write_list (writer, program, "rules", program->rules, write_rule_item);
  write_list (writer, program, "benefits", program->benefits, write_benefit_item);
  write_list (writer, program, "objectives", program->objectives, write_objective_item);
  write_list (writer, program, "overrides", program->overrides, write_override_item);
  td_json_writer_extras (writer, program->extras);
  td_json_writer_end_object (writer);

  return td_json_writer_free_to_string (writer);
}

char *
td_program_context_key (const TdProgram *program)
{
  TdJsonWriter *writer = td_json_writer_new ();

  td_json_writer_begin_object (writer);
  write_list (writer, program, "tiers", program->tiers, write_tier_item);
  write_enum (writer, "mode", td_qualification_mode_to_string (program->qualification_mode));
  write_enum (writer, "window", td_window_to_string (program->qualification_window));
  write_strv (writer, "distributors", program->distributors);
  td_json_writer_member (writer, "require_invoice");
  td_json_writer_bool (writer, program->require_invoice);
  write_enum (writer, "online_renewals", td_attribution_to_string (program->online_renewals));
  td_json_writer_member (writer, "override_tiers");
  td_json_writer_begin_array (writer);
  for (guint i = 0; i < program->overrides->len; i++)
    {
      const TdOverride *override = program->overrides->pdata[i];
      td_json_writer_string (writer, override->partner);
      td_json_writer_string (writer, override->tier != NULL ? override->tier : "");
    }
  td_json_writer_end_array (writer);
  td_json_writer_end_object (writer);
  return td_json_writer_free_to_string (writer);
}

char *
td_program_rule_key (const TdProgram *program,
                     guint            rule_index)
{
  const TdRule *rule = program->rules->pdata[rule_index];
  TdJsonWriter *writer = td_json_writer_new ();

  td_json_writer_begin_array (writer);
  write_rule (writer, program, rule);
  for (guint i = 0; i < program->overrides->len; i++)
    {
      const TdOverride *override = program->overrides->pdata[i];
      const TdEntry *rate = td_entries_find (override->rates, rule->id);
      const TdEntry *amount = td_entries_find (override->amounts, rule->id);

      if (rate == NULL && amount == NULL)
        continue;
      td_json_writer_string (writer, override->partner);
      td_json_writer_int (writer, rate != NULL ? rate->value : -1);
      td_json_writer_int (writer, amount != NULL ? amount->value : -1);
    }
  td_json_writer_end_array (writer);
  return td_json_writer_free_to_string (writer);
}
