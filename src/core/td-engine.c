/* td-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass builds the context every rule shares (who is credited with
 * each sale, which sales are eligible, each partner's tier); then each
 * rule runs on its own over the period's sales, in (date, sale_id) order,
 * keeping per-partner state for caps and loyalty. Nothing inside the
 * loops looks anything up by string.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-engine.h"
#include "td-error.h"
#include "td-program-writer.h"

#define NO_VALUE G_MININT64
#define DATE_MIN G_MININT32
#define DATE_MAX G_MAXINT32

/* Day → bucket over the simulated period, for one kind of bucket. */
typedef struct
{
  guint   n_buckets;
  TdDate *start;        /* clipped to the period */
  TdDate *end;
  guint16 *of_day;      /* day - from → bucket */
} Buckets;

typedef struct
{
  const TdProgram *program;
  const TdDataset *dataset;
  const TdSimulateOptions *options;
  TdResult *result;
  guint     n_tiers;
  guint     n_rules;
  TdDate    from, to;
  guint     lo, hi;           /* the period's sales */
  guint     base;             /* first sale with a credited/eligible entry */
  gint32   *credited;         /* [i - base]: partner or -1 */
  guint8   *ineligible;       /* [i - base]: TdIneligibleReason bits */
  gint32   *override_of;      /* partner → index in program->overrides, -1 */
  Buckets   buckets[TD_N_PERIODS];
  gboolean  overflow;
  GError   *error;
  struct _RuleOutput *output; /* where the rule being run writes */
} Context;

/* What one rule paid, kept between runs while neither the rule (with the
 * overrides of its values) nor the context changes. */
typedef struct _RuleOutput
{
  TdMoney     *partner_payout;   /* [partner] */
  TdRuleTotals totals;
  GArray      *lines;            /* TdLine, when lines were asked for */
  gboolean     overflow;
} RuleOutput;

typedef struct
{
  const TdRule *rule;
  guint   index;
  guint8 *product_ok;         /* product → matches categories and skus */
  int     renewal;            /* -1: either */
  gboolean channel_ok[TD_N_CHANNELS];
  TdDate  active_from, active_to;
  gint64 *tier_value;         /* [tier]: rate or amount, NO_VALUE when absent */
  gint64 *unit_amount;        /* per_unit: [tier × n_products], NO_VALUE */
  GArray **tier_steps;        /* rebate: [tier] → TdStep, NULL when absent */
  gint64 *tier_target;        /* bonus: [tier], NO_VALUE */
  gint64 *override_value;     /* [partner]: NO_VALUE when not overridden */
  TdLoyaltyStep *loyalty;     /* sorted by min_prior, highest first */
  guint   n_loyalty;
  gint64  window_days;
} RulePlan;

static void
add_money (Context *ctx,
           TdMoney *total,
           TdMoney  amount)
{
  if (__builtin_add_overflow (*total, amount, total))
    ctx->overflow = TRUE;
}

/* exact = numerator / denominator with numerator = a × b × c, rounded
 * once, half away from zero (FORMAT.md §1). All factors are ≥ 0. */
static TdMoney
round_product (Context *ctx,
               gint64   a,
               gint64   b,
               gint64   c,
               gint64   denominator)
{
  gint64 small;
  __int128 product;
  TdMoney out = 0;

  if (c == 1 && !__builtin_mul_overflow (a, b, &small) && small <= G_MAXINT64 - denominator / 2)
    return (small + denominator / 2) / denominator;
  if (__builtin_mul_overflow ((__int128) a, (__int128) b, &product) ||
      __builtin_mul_overflow (product, (__int128) c, &product) ||
      !td_round_quotient (product, denominator, &out))
    ctx->overflow = TRUE;
  return out;
}

/* ---- buckets ---- */

static const TdBucket bucket_kind[] = { TD_BUCKET_MONTH, TD_BUCKET_QUARTER, TD_BUCKET_YEAR };

static Buckets *
buckets_for (Context  *ctx,
             TdPeriod  period)
{
  Buckets *buckets = &ctx->buckets[period];
  guint days = (guint) (ctx->to - ctx->from + 1);
  GArray *starts, *ends;

  if (buckets->of_day != NULL)
    return buckets;

  starts = g_array_new (FALSE, FALSE, sizeof (TdDate));
  ends = g_array_new (FALSE, FALSE, sizeof (TdDate));
  buckets->of_day = g_new (guint16, days);
  if (period == TD_PERIOD_PERIOD)
    {
      g_array_append_val (starts, ctx->from);
      g_array_append_val (ends, ctx->to);
      memset (buckets->of_day, 0, sizeof (guint16) * days);
    }
  else
    for (TdDate day = ctx->from; day <= ctx->to;)
      {
        TdDate end = MIN (td_date_bucket_end (day, bucket_kind[period]), ctx->to);
        guint16 index = (guint16) starts->len;

        g_array_append_val (starts, day);
        g_array_append_val (ends, end);
        for (TdDate d = day; d <= end; d++)
          buckets->of_day[d - ctx->from] = index;
        day = end + 1;
      }
  buckets->n_buckets = starts->len;
  buckets->start = (TdDate *) (gpointer) g_array_free (starts, FALSE);
  buckets->end = (TdDate *) (gpointer) g_array_free (ends, FALSE);
  return buckets;
}

/* ---- per-partner cap state ---- */

typedef struct
{
  TdMoney cap;
  Buckets *buckets;
  gint32 *bucket;    /* [partner]: the cap bucket of the last line, -1 */
  TdMoney *used;
} Cap;

static void
cap_init (Cap           *cap,
          Context       *ctx,
          const TdRule  *rule)
{
  memset (cap, 0, sizeof *cap);
  if (!rule->has_cap)
    return;
  cap->cap = rule->cap;
  cap->buckets = buckets_for (ctx, rule->cap_period);
  cap->bucket = g_new (gint32, MAX (ctx->dataset->n_partners, 1));
  cap->used = g_new0 (TdMoney, MAX (ctx->dataset->n_partners, 1));
  for (guint p = 0; p < ctx->dataset->n_partners; p++)
    cap->bucket[p] = -1;
}

static void
cap_clear (Cap *cap)
{
  g_free (cap->bucket);
  g_free (cap->used);
}

/* The line that reaches the cap is cut to what is left; later lines of
 * the same cap bucket pay nothing. */
static TdMoney
cap_apply (Cap     *cap,
           Context *ctx,
           gint32   partner,
           TdDate   date,
           TdMoney  amount)
{
  gint32 bucket;
  TdMoney left;

  if (cap->bucket == NULL)
    return amount;
  bucket = cap->buckets->of_day[date - ctx->from];
  if (cap->bucket[partner] != bucket)
    {
      cap->bucket[partner] = bucket;
      cap->used[partner] = 0;
    }
  left = cap->cap - cap->used[partner];
  if (amount > left)
    amount = left;
  cap->used[partner] += amount;
  return amount;
}

/* ---- compiling a rule ---- */

static void
compile_match (RulePlan        *plan,
               const TdProgram *program,
               const TdDataset *dataset,
               const TdMatch   *match)
{
  plan->product_ok = g_new (guint8, MAX (dataset->n_products, 1));
  plan->renewal = -1;
  plan->channel_ok[TD_CHANNEL_PARTNER] = plan->channel_ok[TD_CHANNEL_ONLINE] = TRUE;

  for (guint product = 0; product < dataset->n_products; product++)
    {
      const char *category = td_intern_get (dataset->categories, dataset->product_category[product]);
      const char *sku = td_intern_get (dataset->skus, (gint32) product);
      gboolean ok = TRUE;

      if (match != NULL && match->categories != NULL)
        ok = g_strv_contains ((const char *const *) match->categories, category);
      if (ok && match != NULL && match->skus != NULL)
        ok = g_strv_contains ((const char *const *) match->skus, sku);
      plan->product_ok[product] = ok;
    }
  if (match != NULL && match->has_renewal)
    plan->renewal = match->renewal ? 1 : 0;
  if (match != NULL && match->has_channels)
    for (int c = 0; c < TD_N_CHANNELS; c++)
      plan->channel_ok[c] = match->channels[c];
}

static gint64 *
tier_values (const TdProgram *program,
             GArray          *entries)
{
  gint64 *values = g_new (gint64, MAX (program->tiers->len, 1));

  for (guint t = 0; t < program->tiers->len; t++)
    {
      const TdEntry *entry = td_entries_find (entries, ((TdTier *) program->tiers->pdata[t])->id);
      values[t] = entry != NULL ? entry->value : NO_VALUE;
    }
  return values;
}

static void
compile_rule (RulePlan      *plan,
              Context       *ctx,
              guint          index)
{
  const TdProgram *program = ctx->program;
  const TdDataset *dataset = ctx->dataset;
  const TdRule *rule = program->rules->pdata[index];
  guint n_tiers = program->tiers->len;

  memset (plan, 0, sizeof *plan);
  plan->rule = rule;
  plan->index = index;
  compile_match (plan, program, dataset, rule->match);
  plan->active_from = rule->has_active_from ? rule->active_from : DATE_MIN;
  plan->active_to = rule->has_active_to ? rule->active_to : DATE_MAX;

  switch (rule->kind)
    {
    case TD_RULE_PERCENT:
      plan->tier_value = tier_values (program, rule->rates);
      break;
    case TD_RULE_NEW_CUSTOMER:
      plan->tier_value = tier_values (program, rule->rates != NULL ? rule->rates : rule->amounts);
      break;
    case TD_RULE_WELCOME:
    case TD_RULE_BONUS:
      plan->tier_value = tier_values (program, rule->amounts);
      break;
    case TD_RULE_PER_UNIT:
      /* amount = map[sku], else map[category], else map["*"] */
      plan->unit_amount = g_new (gint64, MAX ((gsize) n_tiers * dataset->n_products, 1));
      for (guint t = 0; t < n_tiers; t++)
        {
          GArray *map = NULL;
          const char *tier = ((TdTier *) program->tiers->pdata[t])->id;

          for (guint k = 0; rule->unit_amounts != NULL && k < rule->unit_amounts->len; k++)
            if (strcmp (((TdUnitAmounts *) rule->unit_amounts->pdata[k])->tier, tier) == 0)
              map = ((TdUnitAmounts *) rule->unit_amounts->pdata[k])->amounts;
          for (guint product = 0; product < dataset->n_products; product++)
            {
              const TdEntry *entry = NULL;
              if (map != NULL)
                {
                  entry = td_entries_find (map, td_intern_get (dataset->skus, (gint32) product));
                  if (entry == NULL)
                    entry = td_entries_find (map, td_intern_get (dataset->categories, dataset->product_category[product]));
                  if (entry == NULL)
                    entry = td_entries_find (map, "*");
                }
              plan->unit_amount[(gsize) t * dataset->n_products + product] = entry != NULL ? entry->value : NO_VALUE;
            }
        }
      break;
    case TD_RULE_REBATE:
      plan->tier_steps = g_new0 (GArray *, MAX (n_tiers, 1));
      for (guint k = 0; rule->steps != NULL && k < rule->steps->len; k++)
        {
          const TdTierSteps *tier_steps = rule->steps->pdata[k];
          int t = td_program_find_tier (program, tier_steps->tier);
          if (t >= 0)
            plan->tier_steps[t] = tier_steps->steps;
        }
      break;
    default:
      break;
    }
  if (rule->kind == TD_RULE_BONUS)
    plan->tier_target = tier_values (program, rule->targets);

  /* Overrides that replace this rule's value for one partner. */
  for (guint p = 0; p < dataset->n_partners; p++)
    {
      gint32 o = ctx->override_of[p];
      const TdOverride *override;
      GArray *entries;
      const TdEntry *entry;

      if (o < 0)
        continue;
      override = program->overrides->pdata[o];
      entries = td_rule_kind_has_rates (rule) ? override->rates : override->amounts;
      entry = td_entries_find (entries, rule->id);
      if (entry == NULL)
        continue;
      if (plan->override_value == NULL)
        {
          plan->override_value = g_new (gint64, dataset->n_partners);
          for (guint q = 0; q < dataset->n_partners; q++)
            plan->override_value[q] = NO_VALUE;
        }
      plan->override_value[p] = entry->value;
    }

  if (rule->loyalty != NULL)
    {
      plan->n_loyalty = rule->loyalty->steps->len;
      plan->loyalty = g_new (TdLoyaltyStep, MAX (plan->n_loyalty, 1));
      memcpy (plan->loyalty, rule->loyalty->steps->data, sizeof (TdLoyaltyStep) * plan->n_loyalty);
      for (guint i = 0; i < plan->n_loyalty; i++)
        for (guint j = i + 1; j < plan->n_loyalty; j++)
          if (plan->loyalty[j].min_prior > plan->loyalty[i].min_prior)
            {
              TdLoyaltyStep swap = plan->loyalty[i];
              plan->loyalty[i] = plan->loyalty[j];
              plan->loyalty[j] = swap;
            }
      plan->window_days = rule->loyalty->window_days;
    }
}

static void
rule_plan_clear (RulePlan *plan)
{
  g_free (plan->product_ok);
  g_free (plan->tier_value);
  g_free (plan->unit_amount);
  g_free (plan->tier_steps);
  g_free (plan->tier_target);
  g_free (plan->override_value);
  g_free (plan->loyalty);
}

/* Does the sale pass the rule's match and active window? */
static inline gboolean
sale_matches (const RulePlan  *plan,
              const TdDataset *dataset,
              guint            i)
{
  guint8 flags = dataset->sale_flags[i];
  TdDate date = dataset->sale_date[i];

  if (date < plan->active_from || date > plan->active_to)
    return FALSE;
  if (!plan->product_ok[dataset->sale_product[i]])
    return FALSE;
  if (plan->renewal >= 0 && ((flags & TD_SALE_RENEWAL) != 0) != plan->renewal)
    return FALSE;
  if (!plan->channel_ok[(flags & TD_SALE_ONLINE) ? TD_CHANNEL_ONLINE : TD_CHANNEL_PARTNER])
    return FALSE;
  return TRUE;
}

static void
emit (Context      *ctx,
      const TdLine *line)
{
  RuleOutput *output = ctx->output;

  if (line->payout == 0)
    return;
  add_money (ctx, &output->partner_payout[line->partner], line->payout);
  add_money (ctx, &output->totals.payout, line->payout);
  output->totals.lines++;
  if (output->lines != NULL)
    g_array_append_val (output->lines, *line);
}

/* The sale's credited partner when it counts for rules: attributed,
 * eligible, with a tier. -1 otherwise. */
static inline gint32
paying_partner (const Context *ctx,
                guint          i)
{
  gint32 partner = ctx->credited[i - ctx->base];

  if (partner < 0 || ctx->ineligible[i - ctx->base] != 0 || ctx->result->partner_tier[partner] < 0)
    return -1;
  return partner;
}

/* Loyalty: how many lines this rule gave the partner within the window
 * before this one (dates only grow, so a queue per partner suffices). */
typedef struct
{
  GArray **dates;     /* [partner] */
  guint   *head;
} LoyaltyState;

static gint32
loyalty_count (LoyaltyState *state,
               gint32        partner,
               TdDate        since)
{
  GArray *dates = state->dates[partner];

  if (dates == NULL)
    return 0;
  while (state->head[partner] < dates->len && g_array_index (dates, TdDate, state->head[partner]) < since)
    state->head[partner]++;
  return (gint32) (dates->len - state->head[partner]);
}

static void
loyalty_add (LoyaltyState *state,
             gint32        partner,
             TdDate        date)
{
  if (state->dates[partner] == NULL)
    state->dates[partner] = g_array_new (FALSE, FALSE, sizeof (TdDate));
  g_array_append_val (state->dates[partner], date);
}

static gboolean
customer_is_new (const TdDataset *dataset,
                 guint            i,
                 gint64           lookback_days)
{
  TdDate previous = dataset->sale_previous_customer_date[i];

  return previous == TD_DATE_NONE || (gint64) previous < (gint64) dataset->sale_date[i] - lookback_days;
}

/* percent, per_unit and new_customer: a line per matching sale. */
static void
run_sale_rule (Context        *ctx,
               const RulePlan *plan)
{
  const TdDataset *dataset = ctx->dataset;
  const TdRule *rule = plan->rule;
  const gint32 *tier_of = ctx->result->partner_tier;
  LoyaltyState loyalty = { NULL, NULL };
  Cap cap;

  cap_init (&cap, ctx, rule);
  if (plan->loyalty != NULL)
    {
      loyalty.dates = g_new0 (GArray *, MAX (dataset->n_partners, 1));
      loyalty.head = g_new0 (guint, MAX (dataset->n_partners, 1));
    }

  for (guint i = ctx->lo; i < ctx->hi; i++)
    {
      gint32 partner = paying_partner (ctx, i);
      TdLine line;
      gint32 tier;
      gint64 value;

      if (partner < 0 || !sale_matches (plan, dataset, i))
        continue;
      tier = tier_of[partner];

      memset (&line, 0, sizeof line);
      line.sale = (gint32) i;
      line.partner = partner;
      line.rule = (gint32) plan->index;
      line.tier = tier;
      line.date = dataset->sale_date[i];
      line.multiplier = TD_RATE_SCALE;

      switch (rule->kind)
        {
        case TD_RULE_PERCENT:
          value = plan->override_value != NULL && plan->override_value[partner] != NO_VALUE ?
                  (line.overridden = TRUE, plan->override_value[partner]) : plan->tier_value[tier];
          if (value == NO_VALUE)
            continue;
          if (rule->base == TD_BASE_LIST)
            {
              if (__builtin_mul_overflow (dataset->product_list_price[dataset->sale_product[i]],
                                          (gint64) dataset->sale_quantity[i], &line.base))
                {
                  ctx->overflow = TRUE;
                  continue;
                }
            }
          else
            line.base = dataset->sale_net[i];
          line.value = value;
          line.uncapped = round_product (ctx, line.base, value, 1, 100 * TD_RATE_SCALE);
          break;

        case TD_RULE_PER_UNIT:
          if (plan->override_value != NULL && plan->override_value[partner] != NO_VALUE)
            {
              value = plan->override_value[partner];
              line.overridden = TRUE;
            }
          else
            value = plan->unit_amount[(gsize) tier * dataset->n_products + (gsize) dataset->sale_product[i]];
          if (value == NO_VALUE)
            continue;
          line.value = value;
          line.base = value;
          line.metric = dataset->sale_quantity[i];
          if (__builtin_mul_overflow (value, (gint64) dataset->sale_quantity[i], &line.uncapped))
            ctx->overflow = TRUE;
          break;

        case TD_RULE_NEW_CUSTOMER:
          value = plan->override_value != NULL && plan->override_value[partner] != NO_VALUE ?
                  (line.overridden = TRUE, plan->override_value[partner]) : plan->tier_value[tier];
          if (value == NO_VALUE || !customer_is_new (dataset, i, rule->lookback_days))
            continue;
          if (rule->requires_deal_registration)
            {
              TdDate first = td_dataset_first_deal (dataset, partner, dataset->sale_customer[i]);
              if (first == TD_DATE_NONE || first > line.date)
                continue;
            }
          if (plan->loyalty != NULL)
            {
              line.prior = loyalty_count (&loyalty, partner, (TdDate) MAX ((gint64) line.date - plan->window_days, DATE_MIN));
              for (guint s = 0; s < plan->n_loyalty; s++)
                if (plan->loyalty[s].min_prior <= line.prior)
                  {
                    line.multiplier = plan->loyalty[s].multiplier;
                    break;
                  }
              loyalty_add (&loyalty, partner, line.date);
            }
          line.value = value;
          if (rule->rates != NULL)
            {
              line.base = dataset->sale_net[i];
              line.uncapped = round_product (ctx, line.base, value, line.multiplier,
                                             (gint64) 100 * TD_RATE_SCALE * TD_RATE_SCALE);
            }
          else
            line.uncapped = round_product (ctx, value, line.multiplier, 1, TD_RATE_SCALE);
          break;

        default:
          g_assert_not_reached ();
        }

      line.payout = cap_apply (&cap, ctx, partner, line.date, line.uncapped);
      emit (ctx, &line);
    }

  if (loyalty.dates != NULL)
    {
      for (guint p = 0; p < dataset->n_partners; p++)
        if (loyalty.dates[p] != NULL)
          g_array_unref (loyalty.dates[p]);
      g_free (loyalty.dates);
      g_free (loyalty.head);
    }
  cap_clear (&cap);
}

/* The rebate of one bucket: FORMAT.md §2.3. */
static TdMoney
rebate_amount (Context      *ctx,
               const TdRule *rule,
               GArray       *steps,
               TdMoney       base,
               gint64        override_rate,
               gint64       *rate_out)
{
  __int128 numerator = 0;
  TdMoney out = 0;
  gint reached = -1;

  for (guint s = 0; s < steps->len; s++)
    if (base >= g_array_index (steps, TdStep, s).from)
      reached = (gint) s;
  *rate_out = 0;
  if (reached < 0)
    return 0;

  if (rule->mode == TD_REBATE_RETROACTIVE)
    {
      gint64 rate = override_rate != NO_VALUE ? override_rate : g_array_index (steps, TdStep, reached).rate;
      *rate_out = rate;
      return round_product (ctx, base, rate, 1, 100 * TD_RATE_SCALE);
    }

  for (guint s = 0; s <= (guint) reached; s++)
    {
      const TdStep *step = &g_array_index (steps, TdStep, s);
      TdMoney upper = s + 1 < steps->len ? MIN (base, g_array_index (steps, TdStep, s + 1).from) : base;
      gint64 rate = override_rate != NO_VALUE ? override_rate : step->rate;

      numerator += (__int128) (upper - step->from) * rate;
    }
  *rate_out = override_rate != NO_VALUE ? override_rate : g_array_index (steps, TdStep, reached).rate;
  if (!td_round_quotient (numerator, 100 * TD_RATE_SCALE, &out))
    ctx->overflow = TRUE;
  return out;
}

/* rebate and bonus: a line per partner and bucket. */
static void
run_period_rule (Context        *ctx,
                 const RulePlan *plan)
{
  const TdDataset *dataset = ctx->dataset;
  const TdRule *rule = plan->rule;
  const gint32 *tier_of = ctx->result->partner_tier;
  Buckets *buckets = buckets_for (ctx, rule->period);
  guint n_buckets = buckets->n_buckets;
  g_autofree gint64 *metric = g_new0 (gint64, MAX ((gsize) dataset->n_partners * n_buckets, 1));
  Cap cap;

  /* A partner takes part when its tier has steps / a target. */
#define TAKES_PART(p) (tier_of[p] >= 0 && (rule->kind == TD_RULE_REBATE ? plan->tier_steps[tier_of[p]] != NULL \
                                                                       : plan->tier_target[tier_of[p]] != NO_VALUE))

  if (rule->kind == TD_RULE_REBATE || rule->metric == TD_METRIC_REVENUE || rule->metric == TD_METRIC_UNITS ||
      rule->metric == TD_METRIC_NEW_CUSTOMERS)
    for (guint i = ctx->lo; i < ctx->hi; i++)
      {
        gint32 partner = paying_partner (ctx, i);
        gint64 *cell;

        if (partner < 0 || !TAKES_PART (partner) || !sale_matches (plan, dataset, i))
          continue;
        cell = &metric[(gsize) partner * n_buckets + buckets->of_day[dataset->sale_date[i] - ctx->from]];
        if (rule->kind == TD_RULE_REBATE)
          {
            gint64 base = dataset->sale_net[i];
            if (rule->base == TD_BASE_LIST &&
                __builtin_mul_overflow (dataset->product_list_price[dataset->sale_product[i]],
                                        (gint64) dataset->sale_quantity[i], &base))
              ctx->overflow = TRUE;
            add_money (ctx, cell, base);
          }
        else if (rule->metric == TD_METRIC_REVENUE)
          add_money (ctx, cell, dataset->sale_net[i]);
        else if (rule->metric == TD_METRIC_UNITS)
          *cell += dataset->sale_quantity[i];
        else if (customer_is_new (dataset, i, rule->lookback_days))
          *cell += 1;
      }
  else
    /* Deals: eligibility does not apply; the partner needs a tier. */
    for (guint d = 0; d < dataset->n_deals; d++)
      {
        gint32 partner = dataset->deal_partner[d];
        TdDate date = rule->metric == TD_METRIC_REGISTERED_DEALS ? dataset->deal_registered[d] : dataset->deal_closed[d];

        if (rule->metric == TD_METRIC_WON_DEALS && dataset->deal_status[d] != TD_DEAL_WON)
          continue;
        if (date == TD_DATE_NONE || date < ctx->from || date > ctx->to ||
            date < plan->active_from || date > plan->active_to || !TAKES_PART (partner))
          continue;
        metric[(gsize) partner * n_buckets + buckets->of_day[date - ctx->from]] += 1;
      }

  cap_init (&cap, ctx, rule);
  for (guint p = 0; p < dataset->n_partners; p++)
    {
      gint32 tier = tier_of[p];
      gint64 override = plan->override_value != NULL ? plan->override_value[p] : NO_VALUE;

      if (!TAKES_PART (p))
        continue;
      for (guint b = 0; b < n_buckets; b++)
        {
          gint64 value = metric[(gsize) p * n_buckets + b];
          TdLine line;

          memset (&line, 0, sizeof line);
          line.sale = -1;
          line.partner = (gint32) p;
          line.rule = (gint32) plan->index;
          line.tier = tier;
          line.date = buckets->end[b];
          line.bucket_start = buckets->start[b];
          line.multiplier = TD_RATE_SCALE;
          line.overridden = override != NO_VALUE;

          if (rule->kind == TD_RULE_REBATE)
            {
              line.base = value;
              line.uncapped = rebate_amount (ctx, rule, plan->tier_steps[tier], value, override, &line.value);
            }
          else
            {
              gint64 amount = override != NO_VALUE ? override : plan->tier_value[tier];
              line.metric = value;
              line.target = plan->tier_target[tier];
              if (amount == NO_VALUE || value < line.target)
                continue;
              line.value = amount;
              line.uncapped = amount;
            }
          line.payout = cap_apply (&cap, ctx, (gint32) p, line.date, line.uncapped);
          emit (ctx, &line);
        }
    }
  cap_clear (&cap);
#undef TAKES_PART
}

/* welcome: once per partner whose joined_on is in the period. */
static void
run_welcome_rule (Context        *ctx,
                  const RulePlan *plan)
{
  const TdDataset *dataset = ctx->dataset;
  Cap cap;

  cap_init (&cap, ctx, plan->rule);
  for (guint p = 0; p < dataset->n_partners; p++)
    {
      TdDate joined = dataset->partner_joined[p];
      gint32 tier = ctx->result->partner_tier[p];
      TdLine line;
      gint64 value;

      if (tier < 0 || joined == TD_DATE_NONE || joined < ctx->from || joined > ctx->to ||
          joined < plan->active_from || joined > plan->active_to)
        continue;
      memset (&line, 0, sizeof line);
      value = plan->override_value != NULL && plan->override_value[p] != NO_VALUE ?
              (line.overridden = TRUE, plan->override_value[p]) : plan->tier_value[tier];
      if (value == NO_VALUE)
        continue;
      line.sale = -1;
      line.partner = (gint32) p;
      line.rule = (gint32) plan->index;
      line.tier = tier;
      line.date = joined;
      line.bucket_start = joined;
      line.value = value;
      line.multiplier = TD_RATE_SCALE;
      line.uncapped = value;
      line.payout = cap_apply (&cap, ctx, (gint32) p, joined, value);
      emit (ctx, &line);
    }
  cap_clear (&cap);
}

/* ---- the shared context ---- */

/* Who is credited with each sale and whether it is eligible (§2.4), for
 * every sale the simulation or the qualification window looks at. */
static void
credit_sales (Context *ctx,
              guint    first)
{
  const TdProgram *program = ctx->program;
  const TdDataset *dataset = ctx->dataset;
  guint n_distributors = td_intern_size (dataset->distributors);
  g_autofree guint8 *distributor_ok = g_new (guint8, MAX (n_distributors, 1));
  gboolean original_reseller = program->online_renewals == TD_ATTRIBUTION_ORIGINAL_RESELLER;

  if (program->distributors != NULL)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; program->distributors[k] != NULL; k++)
        g_ptr_array_add (keys, td_distributor_key (program->distributors[k], -1));
      for (guint d = 0; d < n_distributors; d++)
        {
          distributor_ok[d] = FALSE;
          for (guint k = 0; k < keys->len; k++)
            if (strcmp (keys->pdata[k], dataset->distributor_key[d]) == 0)
              distributor_ok[d] = TRUE;
        }
    }

  ctx->base = first;
  ctx->credited = g_new (gint32, MAX (ctx->hi - first, 1));
  ctx->ineligible = g_new (guint8, MAX (ctx->hi - first, 1));
  for (guint i = first; i < ctx->hi; i++)
    {
      guint8 flags = dataset->sale_flags[i];
      gint32 partner = dataset->sale_partner[i];
      guint8 reasons = 0;

      if (partner < 0 && original_reseller && (flags & TD_SALE_ONLINE) && (flags & TD_SALE_RENEWAL))
        partner = dataset->sale_key_owner[i];
      if (!(flags & TD_SALE_ONLINE))
        {
          gint32 distributor = dataset->sale_distributor[i];
          if (program->distributors != NULL && (distributor < 0 || !distributor_ok[distributor]))
            reasons |= TD_INELIGIBLE_DISTRIBUTOR;
          if (program->require_invoice && !(flags & TD_SALE_HAS_INVOICE))
            reasons |= TD_INELIGIBLE_INVOICE;
        }
      ctx->credited[i - first] = partner;
      ctx->ineligible[i - first] = reasons;
    }
}

static gboolean
qualify_window (Context *ctx,
                TdDate  *start,
                TdDate  *end)
{
  if (ctx->program->qualification_mode != TD_QUALIFICATION_QUALIFY)
    return FALSE;
  if (ctx->program->qualification_window == TD_WINDOW_PERIOD)
    {
      *start = ctx->from;
      *end = ctx->to;
    }
  else
    {
      *start = td_date_minus_one_year (ctx->from);
      *end = ctx->from - 1;
    }
  return TRUE;
}

/* certified_people: distinct persons holding the certification on the
 * evaluation date (§2.1, §2.6). */
static void
count_certified (Context             *ctx,
                 const TdRequirement *requirement,
                 gint64              *count)
{
  const TdDataset *dataset = ctx->dataset;
  gint32 name = td_intern_lookup (dataset->certification_names, requirement->certification,
                                  strlen (requirement->certification));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  TdDate evaluation = ctx->from;

  if (name < 0)
    return;
  for (guint c = 0; c < dataset->n_certifications; c++)
    {
      gint64 key;

      if (dataset->certification_name[c] != name)
        continue;
      if (!(dataset->certification_earned[c] <= evaluation &&
            evaluation < td_date_add_months (dataset->certification_earned[c], (int) requirement->valid_months)))
        continue;
      if (dataset->certification_left[c] != TD_DATE_NONE && dataset->certification_left[c] <= evaluation)
        continue;
      key = ((gint64) dataset->certification_partner[c] << 32) | (guint32) dataset->certification_person[c];
      g_array_append_val (keys, key);
    }
  for (guint k = 0; k < keys->len; k++)
    {
      gint64 *key = &g_array_index (keys, gint64, k);
      if (!g_hash_table_contains (seen, key))
        {
          g_hash_table_add (seen, key);
          count[*key >> 32]++;
        }
    }
}

static void
qualify_partners (Context *ctx,
                  TdDate   window_start,
                  TdDate   window_end)
{
  const TdProgram *program = ctx->program;
  const TdDataset *dataset = ctx->dataset;
  TdResult *result = ctx->result;
  guint n_partners = dataset->n_partners;
  guint first = td_dataset_first_sale_on_or_after (dataset, window_start);
  guint last = td_dataset_first_sale_on_or_after (dataset, window_end + 1);
  guint r = 0;

  for (guint t = 0; t < program->tiers->len; t++)
    result->n_requirements += ((TdTier *) program->tiers->pdata[t])->requirements->len;
  result->requirement_value = g_new0 (gint64, MAX ((gsize) n_partners * result->n_requirements, 1));
  result->requirement_met = g_new0 (guint8, MAX ((gsize) n_partners * result->n_requirements, 1));

  for (guint t = 0; t < program->tiers->len; t++)
    {
      const TdTier *tier = program->tiers->pdata[t];

      for (guint q = 0; q < tier->requirements->len; q++, r++)
        {
          const TdRequirement *requirement = tier->requirements->pdata[q];
          g_autofree gint64 *value = g_new0 (gint64, MAX (n_partners, 1));
          g_autofree guint8 *category_ok = NULL;

          switch (requirement->kind)
            {
            case TD_REQUIREMENT_REVENUE:
            case TD_REQUIREMENT_UNITS:
              category_ok = g_new (guint8, MAX (dataset->n_products, 1));
              for (guint product = 0; product < dataset->n_products; product++)
                category_ok[product] = requirement->categories == NULL ||
                  g_strv_contains ((const char *const *) requirement->categories,
                                   td_intern_get (dataset->categories, dataset->product_category[product]));
              for (guint i = first; i < last; i++)
                {
                  gint32 partner = ctx->credited[i - ctx->base];
                  if (partner < 0 || ctx->ineligible[i - ctx->base] != 0 || !category_ok[dataset->sale_product[i]])
                    continue;
                  if (requirement->kind == TD_REQUIREMENT_REVENUE)
                    add_money (ctx, &value[partner], dataset->sale_net[i]);
                  else
                    value[partner] += dataset->sale_quantity[i];
                }
              break;
            case TD_REQUIREMENT_ATTRIBUTE:
              for (guint a = 0; a < dataset->n_attributes; a++)
                if (strcmp (dataset->attribute_names[a], requirement->attribute) == 0)
                  for (guint p = 0; p < n_partners; p++)
                    value[p] = dataset->attribute_values[(gsize) p * dataset->n_attributes + a];
              break;
            case TD_REQUIREMENT_CERTIFIED_PEOPLE:
              count_certified (ctx, requirement, value);
              break;
            case TD_REQUIREMENT_MANUAL:
            default:
              break;
            }

          for (guint p = 0; p < n_partners; p++)
            {
              gsize cell = (gsize) p * result->n_requirements + r;
              result->requirement_value[cell] = value[p];
              result->requirement_met[cell] = requirement->kind == TD_REQUIREMENT_MANUAL || value[p] >= requirement->min;
            }
        }
    }

  /* The last tier, in program order, all of whose own requirements are met. */
  for (guint p = 0; p < n_partners; p++)
    {
      guint offset = 0;

      result->partner_tier[p] = TD_UNQUALIFIED;
      for (guint t = 0; t < program->tiers->len; t++)
        {
          const TdTier *tier = program->tiers->pdata[t];
          gboolean met = TRUE;

          for (guint q = 0; q < tier->requirements->len; q++)
            met = met && result->requirement_met[(gsize) p * result->n_requirements + offset + q];
          offset += tier->requirements->len;
          if (met)
            result->partner_tier[p] = (gint32) t;
        }
    }
}

static gboolean
assign_tiers (Context *ctx)
{
  const TdProgram *program = ctx->program;
  const TdDataset *dataset = ctx->dataset;
  TdResult *result = ctx->result;
  TdDate window_start, window_end;

  if (qualify_window (ctx, &window_start, &window_end))
    qualify_partners (ctx, window_start, window_end);
  else
    for (guint p = 0; p < dataset->n_partners; p++)
      {
        const char *tier = dataset->partner_tier[p];
        int index;

        result->partner_tier[p] = TD_UNQUALIFIED;
        if (tier == NULL)
          continue;
        index = td_program_find_tier (program, tier);
        if (index < 0)
          {
            g_set_error (&ctx->error, TD_ERROR, TD_ERROR_INVALID,
                         _("partners.csv:%u:tier: “%s” is not a tier of the program “%s” (its tiers are read from this column in “recorded” mode)"),
                         dataset->partner_line[p], tier, program->id);
            return FALSE;
          }
        result->partner_tier[p] = index;
      }

  /* An override's tier wins over both modes. */
  for (guint p = 0; p < dataset->n_partners; p++)
    if (ctx->override_of[p] >= 0)
      {
        const TdOverride *override = program->overrides->pdata[ctx->override_of[p]];
        if (override->tier != NULL)
          result->partner_tier[p] = td_program_find_tier (program, override->tier);
      }
  return TRUE;
}

static void
sum_period (Context *ctx)
{
  const TdDataset *dataset = ctx->dataset;
  TdResult *result = ctx->result;

  for (guint i = ctx->lo; i < ctx->hi; i++)
    {
      gint32 partner = ctx->credited[i - ctx->base];
      guint8 reasons = ctx->ineligible[i - ctx->base];
      TdMoney net = dataset->sale_net[i];

      if (dataset->sale_previous_customer_date[i] == TD_DATE_NONE)
        result->new_customers++;
      if (partner < 0)
        {
          add_money (ctx, &result->unattributed_revenue, net);
          result->unattributed_sales++;
        }
      else if (reasons != 0)
        {
          add_money (ctx, &result->ineligible_revenue, net);
          for (guint r = 0; r < 2; r++)
            if (reasons & (1 << r))
              {
                result->ineligible_sales[r]++;
                add_money (ctx, &result->ineligible_by_reason[r], net);
              }
        }
      else
        {
          add_money (ctx, &result->eligible_revenue, net);
          add_money (ctx, &result->partner_revenue[partner], net);
        }
    }
}

/* payout × 100 / revenue in 1/100 %, rounded half away from zero. */
static gboolean
ratio (TdMoney  payout,
       TdMoney  revenue,
       gint64  *out)
{
  if (revenue == 0)
    return FALSE;
  return td_round_quotient ((__int128) payout * 10000, revenue, out);
}

static void
evaluate_objectives (Context *ctx)
{
  const TdProgram *program = ctx->program;
  TdResult *result = ctx->result;

  result->objectives = g_new0 (TdObjectiveResult, MAX (program->objectives->len, 1));
  for (guint o = 0; o < program->objectives->len; o++)
    {
      const TdObjective *objective = program->objectives->pdata[o];
      TdObjectiveResult *out = &result->objectives[o];

      out->has_value = TRUE;
      switch (objective->metric)
        {
        case TD_OBJECTIVE_REVENUE:
          out->value = result->eligible_revenue;
          out->met = out->value >= objective->target;
          break;
        case TD_OBJECTIVE_PAYOUT:
          out->value = result->payout;
          out->met = out->value <= objective->target;
          break;
        case TD_OBJECTIVE_PAYOUT_RATIO:
          /* The rounded ratio (1/100 %) against the target (1/10,000 %). */
          out->has_value = result->has_payout_ratio;
          out->value = result->payout_ratio;
          out->met = out->has_value && out->value * 100 <= objective->target;
          break;
        case TD_OBJECTIVE_NEW_CUSTOMERS:
          out->value = result->new_customers;
          out->met = out->value >= objective->target;
          break;
        case TD_OBJECTIVE_PARTNERS_IN_TIER:
          {
            int tier = td_program_find_tier (program, objective->metric_tier);
            out->value = tier >= 0 ? result->tiers[tier].partners : 0;
            out->met = out->value >= objective->target;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
progress (const TdSimulateOptions *options,
          double                   fraction)
{
  if (options->progress != NULL)
    options->progress (fraction, options->progress_data);
}

struct _TdSimulator
{
  const TdDataset *dataset;
  char       *context_key;      /* NULL: no context yet */
  Context     ctx;              /* credited sales, eligibility, buckets */
  TdResult   *base;             /* tiers, requirements and period sums */
  GHashTable *rules;            /* rule key → RuleOutput */
};

static void
rule_output_free (gpointer data)
{
  RuleOutput *output = data;

  g_free (output->partner_payout);
  g_clear_pointer (&output->lines, g_array_unref);
  g_free (output);
}

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->credited, g_free);
  g_clear_pointer (&ctx->ineligible, g_free);
  g_clear_pointer (&ctx->override_of, g_free);
  for (guint k = 0; k < TD_N_PERIODS; k++)
    {
      g_clear_pointer (&ctx->buckets[k].start, g_free);
      g_clear_pointer (&ctx->buckets[k].end, g_free);
      g_clear_pointer (&ctx->buckets[k].of_day, g_free);
    }
  g_clear_error (&ctx->error);
  memset (ctx, 0, sizeof *ctx);
}

TdSimulator *
td_simulator_new (const TdDataset *dataset)
{
  TdSimulator *simulator = g_new0 (TdSimulator, 1);

  simulator->dataset = dataset;
  simulator->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rule_output_free);
  return simulator;
}

void
td_simulator_free (TdSimulator *simulator)
{
  if (simulator == NULL)
    return;
  context_clear (&simulator->ctx);
  g_clear_pointer (&simulator->base, td_result_free);
  g_free (simulator->context_key);
  g_hash_table_unref (simulator->rules);
  g_free (simulator);
}

/* Who is credited, what is eligible, each partner's tier and the period's
 * sums: shared by every rule, rebuilt only when what decides them changes. */
static gboolean
build_context (TdSimulator             *simulator,
               const TdProgram         *program,
               const TdSimulateOptions *options,
               GError                 **error)
{
  const TdDataset *dataset = simulator->dataset;
  Context *ctx = &simulator->ctx;
  TdResult *base;
  guint n_partners = dataset->n_partners;
  TdDate window_start, window_end;
  guint first;

  context_clear (ctx);
  g_clear_pointer (&simulator->base, td_result_free);
  g_hash_table_remove_all (simulator->rules);

  base = simulator->base = g_new0 (TdResult, 1);
  base->partner_tier = g_new (gint32, MAX (n_partners, 1));
  base->partner_revenue = g_new0 (TdMoney, MAX (n_partners, 1));

  ctx->program = program;
  ctx->dataset = dataset;
  ctx->options = options;
  ctx->result = base;
  ctx->n_tiers = program->tiers->len;
  ctx->from = options->from;
  ctx->to = options->to;
  ctx->lo = td_dataset_first_sale_on_or_after (dataset, options->from);
  ctx->hi = td_dataset_first_sale_on_or_after (dataset, options->to + 1);

  /* Overrides of partners absent from the data are ignored. */
  ctx->override_of = g_new (gint32, MAX (n_partners, 1));
  for (guint p = 0; p < n_partners; p++)
    ctx->override_of[p] = -1;
  for (guint o = 0; o < program->overrides->len; o++)
    {
      const TdOverride *override = program->overrides->pdata[o];
      g_autofree char *id = g_strstrip (g_strdup (override->partner));
      gint32 partner = td_intern_lookup (dataset->partner_ids, id, strlen (id));
      if (partner >= 0)
        ctx->override_of[partner] = (gint32) o;
    }

  first = ctx->lo;
  if (qualify_window (ctx, &window_start, &window_end))
    first = MIN (first, td_dataset_first_sale_on_or_after (dataset, window_start));
  credit_sales (ctx, first);
  progress (options, 0.1);

  if (!assign_tiers (ctx))
    {
      g_propagate_error (error, g_steal_pointer (&ctx->error));
      context_clear (ctx);
      g_clear_pointer (&simulator->base, td_result_free);
      return FALSE;
    }
  sum_period (ctx);
  if (ctx->overflow)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_OVERFLOW,
                   _("an amount or a total is larger than 92233720368547758.07, the largest this format holds"));
      context_clear (ctx);
      g_clear_pointer (&simulator->base, td_result_free);
      return FALSE;
    }
  progress (options, 0.2);
  return TRUE;
}

static RuleOutput *
run_rule (TdSimulator             *simulator,
          const TdProgram         *program,
          guint                    index,
          const TdSimulateOptions *options)
{
  Context *ctx = &simulator->ctx;
  RuleOutput *output = g_new0 (RuleOutput, 1);
  RulePlan plan;

  output->partner_payout = g_new0 (TdMoney, MAX (simulator->dataset->n_partners, 1));
  if (options->want_lines)
    output->lines = g_array_new (FALSE, FALSE, sizeof (TdLine));
  ctx->program = program;
  ctx->options = options;
  ctx->output = output;
  ctx->overflow = FALSE;

  compile_rule (&plan, ctx, index);
  switch (plan.rule->kind)
    {
    case TD_RULE_PERCENT:
    case TD_RULE_PER_UNIT:
    case TD_RULE_NEW_CUSTOMER:
      run_sale_rule (ctx, &plan);
      break;
    case TD_RULE_REBATE:
    case TD_RULE_BONUS:
      run_period_rule (ctx, &plan);
      break;
    case TD_RULE_WELCOME:
      run_welcome_rule (ctx, &plan);
      break;
    default:
      g_assert_not_reached ();
    }
  rule_plan_clear (&plan);
  output->overflow = ctx->overflow;
  ctx->output = NULL;
  return output;
}

static gpointer
copy_array (gconstpointer data,
            gsize         size)
{
  return g_memdup2 (data, MAX (size, 1));
}

TdResult *
td_simulator_run (TdSimulator             *simulator,
                  const TdProgram         *program,
                  const TdSimulateOptions *options,
                  GError                 **error)
{
  const TdDataset *dataset = simulator->dataset;
  g_autoptr(TdResult) result = NULL;
  g_autoptr(GHashTable) used = NULL;
  g_autofree char *context_key = NULL;
  guint n_partners = dataset->n_partners;
  guint n_tiers = program->tiers->len;
  guint n_rules = program->rules->len;
  const TdResult *base;
  gboolean overflow = FALSE;

  g_return_val_if_fail (options->from <= options->to, NULL);

  context_key = td_program_context_key (program);
  {
    char dates[2 * TD_DATE_BUF + 1];
    char *keyed;

    td_date_format_buf (options->from, dates);
    dates[TD_DATE_BUF - 1] = ' ';
    td_date_format_buf (options->to, dates + TD_DATE_BUF);
    keyed = g_strconcat (dates, context_key, NULL);
    g_free (context_key);
    context_key = keyed;
  }
  if (simulator->context_key == NULL || strcmp (simulator->context_key, context_key) != 0)
    {
      g_clear_pointer (&simulator->context_key, g_free);
      if (!build_context (simulator, program, options, error))
        return NULL;
      simulator->context_key = g_strdup (context_key);
    }
  else
    progress (options, 0.2);
  base = simulator->base;

  result = g_new0 (TdResult, 1);
  result->program = program;
  result->dataset = dataset;
  result->from = options->from;
  result->to = options->to;
  result->partner_tier = copy_array (base->partner_tier, sizeof (gint32) * n_partners);
  result->partner_revenue = copy_array (base->partner_revenue, sizeof (TdMoney) * n_partners);
  result->n_requirements = base->n_requirements;
  if (base->requirement_value != NULL)
    {
      result->requirement_value = copy_array (base->requirement_value, sizeof (gint64) * n_partners * base->n_requirements);
      result->requirement_met = copy_array (base->requirement_met, (gsize) n_partners * base->n_requirements);
    }
  result->eligible_revenue = base->eligible_revenue;
  result->ineligible_revenue = base->ineligible_revenue;
  result->unattributed_revenue = base->unattributed_revenue;
  memcpy (result->ineligible_sales, base->ineligible_sales, sizeof base->ineligible_sales);
  memcpy (result->ineligible_by_reason, base->ineligible_by_reason, sizeof base->ineligible_by_reason);
  result->unattributed_sales = base->unattributed_sales;
  result->new_customers = base->new_customers;
  result->partner_payout = g_new0 (TdMoney, MAX (n_partners, 1));
  result->partner_rule_payout = g_new0 (TdMoney, MAX ((gsize) n_partners * n_rules, 1));
  result->tiers = g_new0 (TdTierTotals, n_tiers + 1);
  result->rules = g_new0 (TdRuleTotals, MAX (n_rules, 1));
  if (options->want_lines)
    result->lines = g_array_new (FALSE, FALSE, sizeof (TdLine));

  /* Each rule: reused when it and the overrides of its values are as they
   * were, run again otherwise. */
  used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rule_output_free);
  for (guint r = 0; r < n_rules; r++)
    {
      g_autofree char *key = td_program_rule_key (program, r);
      g_autofree char *full_key = g_strconcat (options->want_lines ? "lines " : "", key, NULL);
      gpointer stolen_key = NULL, stolen_output = NULL;
      RuleOutput *output;

      if (options->cancellable != NULL && g_cancellable_set_error_if_cancelled (options->cancellable, error))
        return NULL;
      /* Rule ids are unique, so keys are too. */
      if (g_hash_table_steal_extended (simulator->rules, full_key, &stolen_key, &stolen_output))
        {
          g_free (stolen_key);
          output = stolen_output;
        }
      else
        output = run_rule (simulator, program, r, options);

      overflow |= output->overflow;
      result->rules[r] = output->totals;
      for (guint p = 0; p < n_partners; p++)
        result->partner_rule_payout[(gsize) p * n_rules + r] = output->partner_payout[p];
      if (result->lines != NULL && output->lines != NULL)
        for (guint i = 0; i < output->lines->len; i++)
          {
            TdLine line = g_array_index (output->lines, TdLine, i);
            line.rule = (gint32) r;
            g_array_append_val (result->lines, line);
          }
      g_hash_table_insert (used, g_steal_pointer (&full_key), output);
      progress (options, 0.2 + 0.75 * (r + 1) / MAX (n_rules, 1));
    }
  /* Only what this run used is kept: the cache never outgrows the program. */
  g_hash_table_unref (simulator->rules);
  simulator->rules = g_steal_pointer (&used);

  {
    Context totals_ctx = { 0 };

    for (guint p = 0; p < n_partners; p++)
      {
        gint32 tier = result->partner_tier[p];
        TdTierTotals *totals = &result->tiers[tier >= 0 ? (guint) tier : n_tiers];

        for (guint r = 0; r < n_rules; r++)
          add_money (&totals_ctx, &result->partner_payout[p], result->partner_rule_payout[(gsize) p * n_rules + r]);
        add_money (&totals_ctx, &result->payout, result->partner_payout[p]);
        totals->partners++;
        add_money (&totals_ctx, &totals->revenue, result->partner_revenue[p]);
        add_money (&totals_ctx, &totals->payout, result->partner_payout[p]);
        if (result->partner_payout[p] > 0)
          result->partners_paid++;
      }
    overflow |= totals_ctx.overflow;
    totals_ctx.result = result;
    totals_ctx.program = program;
    result->has_payout_ratio = ratio (result->payout, result->eligible_revenue, &result->payout_ratio);
    evaluate_objectives (&totals_ctx);
  }

  if (overflow)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_OVERFLOW,
                   _("an amount or a total is larger than 92233720368547758.07, the largest this format holds"));
      return NULL;
    }
  progress (options, 1.0);
  return g_steal_pointer (&result);
}

TdResult *
td_simulate (const TdProgram         *program,
             const TdDataset         *dataset,
             const TdSimulateOptions *options,
             GError                 **error)
{
  TdSimulator *simulator = td_simulator_new (dataset);
  TdResult *result = td_simulator_run (simulator, program, options, error);

  td_simulator_free (simulator);
  return result;
}

void
td_result_free (TdResult *result)
{
  if (result == NULL)
    return;
  g_free (result->partner_tier);
  g_free (result->partner_revenue);
  g_free (result->partner_payout);
  g_free (result->partner_rule_payout);
  g_free (result->requirement_value);
  g_free (result->requirement_met);
  g_free (result->tiers);
  g_free (result->rules);
  g_free (result->objectives);
  g_clear_pointer (&result->lines, g_array_unref);
  g_free (result);
}

const char *
td_result_tier_id (const TdResult *result,
                   gint32          tier)
{
  if (tier < 0 || (guint) tier >= result->program->tiers->len)
    return TD_TIER_UNQUALIFIED;
  return ((TdTier *) result->program->tiers->pdata[tier])->id;
}
