/* td-program.h — the program definition of FORMAT.md §2, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain structures: the reader fills them, the validator checks them, the
 * writer prints them canonically and the engine compiles them into a plan.
 * Values keep the units of td-money.h / td-rate.h; maps keep their keys as
 * written (a key naming no tier is the validator's business, not ours).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "td-date.h"
#include "td-money.h"
#include "td-rate.h"

G_BEGIN_DECLS

#define TD_PROGRAM_FORMAT "tierdesk.program"
#define TD_PROGRAM_FORMAT_VERSION 1
#define TD_TIER_UNQUALIFIED "unqualified"

typedef enum
{
  TD_REQUIREMENT_REVENUE,
  TD_REQUIREMENT_UNITS,
  TD_REQUIREMENT_ATTRIBUTE,
  TD_REQUIREMENT_CERTIFIED_PEOPLE,
  TD_REQUIREMENT_MANUAL,
  TD_N_REQUIREMENT_KINDS,
} TdRequirementKind;

typedef enum
{
  TD_RULE_PERCENT,
  TD_RULE_PER_UNIT,
  TD_RULE_NEW_CUSTOMER,
  TD_RULE_REBATE,
  TD_RULE_BONUS,
  TD_RULE_WELCOME,
  TD_N_RULE_KINDS,
} TdRuleKind;

typedef enum
{
  TD_PERIOD_MONTH,
  TD_PERIOD_QUARTER,
  TD_PERIOD_YEAR,
  TD_PERIOD_PERIOD,   /* the whole simulated period; only for cap_period */
  TD_N_PERIODS,
} TdPeriod;

typedef enum
{
  TD_BASE_LIST,
  TD_BASE_NET,
  TD_N_BASES,
} TdBase;

typedef enum
{
  TD_REBATE_RETROACTIVE,
  TD_REBATE_MARGINAL,
  TD_N_REBATE_MODES,
} TdRebateMode;

typedef enum
{
  TD_METRIC_REVENUE,
  TD_METRIC_UNITS,
  TD_METRIC_NEW_CUSTOMERS,
  TD_METRIC_REGISTERED_DEALS,
  TD_METRIC_WON_DEALS,
  TD_N_BONUS_METRICS,
} TdBonusMetric;

typedef enum
{
  TD_OBJECTIVE_REVENUE,
  TD_OBJECTIVE_PAYOUT,
  TD_OBJECTIVE_PAYOUT_RATIO,
  TD_OBJECTIVE_NEW_CUSTOMERS,
  TD_OBJECTIVE_PARTNERS_IN_TIER,
  TD_N_OBJECTIVE_METRICS,
} TdObjectiveMetric;

typedef enum
{
  TD_QUALIFICATION_RECORDED,
  TD_QUALIFICATION_QUALIFY,
  TD_N_QUALIFICATION_MODES,
} TdQualificationMode;

typedef enum
{
  TD_WINDOW_PREVIOUS_YEAR,
  TD_WINDOW_PERIOD,
  TD_N_WINDOWS,
} TdWindow;

typedef enum
{
  TD_ATTRIBUTION_NONE,
  TD_ATTRIBUTION_ORIGINAL_RESELLER,
  TD_N_ATTRIBUTIONS,
} TdAttribution;

typedef enum
{
  TD_CHANNEL_PARTNER,
  TD_CHANNEL_ONLINE,
  TD_N_CHANNELS,
} TdChannel;

typedef enum
{
  TD_BENEFIT_BOOLEAN,
  TD_BENEFIT_NUMBER,
  TD_BENEFIT_TEXT,
} TdBenefitKind;

/* What a map value means: how to read, write and check it. */
typedef enum
{
  TD_UNIT_MONEY,      /* cents, written "12.50" */
  TD_UNIT_RATE,       /* 1/10,000 %, written 12.5 */
  TD_UNIT_COUNT,      /* a plain integer */
} TdUnit;

/* One key → value pair of a JSON map, in the order it was written. */
typedef struct
{
  char  *key;
  gint64 value;
} TdEntry;

typedef struct
{
  TdMoney from;
  TdRate  rate;
  JsonObject *extras;
} TdStep;

typedef struct
{
  gint64 min_prior;
  TdRate multiplier;
  JsonObject *extras;
} TdLoyaltyStep;

typedef struct
{
  char   *tier;
  GArray *amounts;   /* TdEntry: sku / category / "*" → money */
} TdUnitAmounts;

typedef struct
{
  char   *tier;
  GArray *steps;     /* TdStep */
} TdTierSteps;

typedef struct
{
  char      *id;
  char      *label;
  TdRequirementKind kind;
  /* revenue: money; units and certified_people: a count; attribute: a
   * number in 1/10,000 (signed). */
  gint64     min;
  GStrv      categories;      /* NULL when absent */
  char      *attribute;
  char      *certification;
  gint64     valid_months;
  JsonObject *extras;         /* x- members, NULL when none */
} TdRequirement;

typedef struct
{
  char      *id;
  char      *name;
  GPtrArray *requirements;    /* TdRequirement */
  JsonObject *extras;
} TdTier;

typedef struct
{
  char *id;
  char *name;
  JsonObject *extras;
} TdCategory;

typedef struct
{
  GStrv    categories;        /* NULL when absent */
  GStrv    skus;
  gboolean has_renewal;
  gboolean renewal;
  gboolean has_channels;
  gboolean channels[TD_N_CHANNELS];
  JsonObject *extras;
} TdMatch;

typedef struct
{
  gint64 window_days;
  GArray *steps;              /* TdLoyaltyStep */
  JsonObject *extras;
} TdLoyalty;

typedef struct
{
  char      *id;
  char      *name;
  TdRuleKind kind;
  gboolean   kind_unknown;    /* reported by the reader; skip kind checks */

  TdMatch   *match;           /* NULL when absent */
  gboolean   has_active_from;
  gboolean   has_active_to;
  gboolean   has_active;
  TdDate     active_from;
  TdDate     active_to;
  JsonObject *active_extras;
  gboolean   has_cap;
  TdMoney    cap;
  TdPeriod   cap_period;

  TdBase     base;            /* percent, rebate */
  TdPeriod   period;          /* rebate, bonus: month, quarter or year */
  TdRebateMode mode;          /* rebate */
  TdBonusMetric metric;       /* bonus */
  gint64     lookback_days;   /* new_customer; bonus on new_customers */
  gboolean   requires_deal_registration;

  GArray    *rates;           /* TdEntry tier → rate: percent, new_customer */
  GArray    *amounts;         /* TdEntry tier → money: welcome, bonus, new_customer */
  GPtrArray *unit_amounts;    /* TdUnitAmounts: per_unit */
  GPtrArray *steps;           /* TdTierSteps: rebate */
  GArray    *targets;         /* TdEntry tier → money (revenue) or count */
  TdLoyalty *loyalty;         /* new_customer, NULL when absent */

  JsonObject *extras;
} TdRule;

typedef struct
{
  char         *tier;
  TdBenefitKind kind;
  gint64        number;       /* boolean 0/1, or a number in 1/10,000 */
  char         *text;
} TdBenefitValue;

typedef struct
{
  char   *id;
  char   *name;
  char   *group;
  GArray *values;             /* TdBenefitValue */
  JsonObject *extras;
} TdBenefit;

typedef struct
{
  char     *id;
  char     *name;
  TdObjectiveMetric metric;
  char     *metric_tier;      /* partners_in_tier:<tier> */
  /* revenue, payout: money; payout_ratio: rate; others: count */
  gint64    target;
  JsonObject *extras;
} TdObjective;

typedef struct
{
  char   *partner;
  char   *reason;
  char   *tier;               /* NULL when absent */
  GArray *rates;              /* TdEntry rule → rate, NULL when absent */
  GArray *amounts;            /* TdEntry rule → money, NULL when absent */
  JsonObject *extras;
} TdOverride;

typedef struct
{
  char *id;
  char *name;
  char *vendor;               /* NULL when absent */
  char *description;
  gint64 version;
  char *currency;

  GPtrArray *categories;      /* TdCategory */
  GPtrArray *tiers;           /* TdTier, lowest first */

  TdQualificationMode qualification_mode;
  TdWindow   qualification_window;
  JsonObject *qualification_extras;

  GStrv      distributors;    /* NULL when absent */
  gboolean   require_invoice;
  JsonObject *eligibility_extras;

  TdAttribution online_renewals;
  JsonObject *attribution_extras;

  GPtrArray *rules;           /* TdRule */
  GPtrArray *benefits;        /* TdBenefit */
  GPtrArray *objectives;      /* TdObjective */
  GPtrArray *overrides;       /* TdOverride */

  JsonObject *extras;
} TdProgram;

TdProgram     *td_program_new              (void);
void           td_program_free             (TdProgram *program);

TdTier        *td_tier_new                 (void);
void           td_tier_free                (TdTier *tier);
TdRequirement *td_requirement_new          (void);
void           td_requirement_free         (TdRequirement *requirement);
TdCategory    *td_category_new             (void);
void           td_category_free            (TdCategory *category);
TdRule        *td_rule_new                 (void);
void           td_rule_free                (TdRule *rule);
TdMatch       *td_match_new                (void);
void           td_match_free               (TdMatch *match);
TdLoyalty     *td_loyalty_new              (void);
void           td_loyalty_free             (TdLoyalty *loyalty);
TdUnitAmounts *td_unit_amounts_new         (const char *tier);
void           td_unit_amounts_free        (TdUnitAmounts *unit_amounts);
TdTierSteps   *td_tier_steps_new           (const char *tier);
void           td_tier_steps_free          (TdTierSteps *tier_steps);
TdBenefit     *td_benefit_new              (void);
void           td_benefit_free             (TdBenefit *benefit);
TdObjective   *td_objective_new            (void);
void           td_objective_free           (TdObjective *objective);
TdOverride    *td_override_new             (void);
void           td_override_free            (TdOverride *override);

GArray        *td_steps_new                (void);
GArray        *td_loyalty_steps_new        (void);
GArray        *td_entries_new              (void);
void           td_entries_add              (GArray     *entries,
                                            const char *key,
                                            gint64      value);
const TdEntry *td_entries_find             (GArray     *entries,
                                            const char *key);

int            td_program_find_tier        (const TdProgram *program,
                                            const char      *tier_id);
int            td_program_find_rule        (const TdProgram *program,
                                            const char      *rule_id);
int            td_program_find_category    (const TdProgram *program,
                                            const char      *category_id);

gboolean       td_rule_kind_has_rates      (const TdRule *rule);
gboolean       td_rule_kind_has_amounts    (const TdRule *rule);
gboolean       td_rule_is_on_deals         (const TdRule *rule);

/* The JSON spelling of each enum value, and back. */
const char    *td_requirement_kind_to_string (TdRequirementKind kind);
const char    *td_rule_kind_to_string        (TdRuleKind kind);
const char    *td_period_to_string           (TdPeriod period);
const char    *td_base_to_string             (TdBase base);
const char    *td_rebate_mode_to_string      (TdRebateMode mode);
const char    *td_bonus_metric_to_string     (TdBonusMetric metric);
const char    *td_objective_metric_to_string (TdObjectiveMetric metric);
const char    *td_qualification_mode_to_string (TdQualificationMode mode);
const char    *td_window_to_string           (TdWindow window);
const char    *td_attribution_to_string      (TdAttribution attribution);
const char    *td_channel_to_string          (TdChannel channel);
int            td_enum_from_string           (const char *const *names,
                                              int                n_names,
                                              const char        *text);

extern const char *const td_requirement_kind_names[TD_N_REQUIREMENT_KINDS];
extern const char *const td_rule_kind_names[TD_N_RULE_KINDS];
extern const char *const td_period_names[TD_N_PERIODS];
extern const char *const td_base_names[TD_N_BASES];
extern const char *const td_rebate_mode_names[TD_N_REBATE_MODES];
extern const char *const td_bonus_metric_names[TD_N_BONUS_METRICS];
extern const char *const td_objective_metric_names[TD_N_OBJECTIVE_METRICS];
extern const char *const td_qualification_mode_names[TD_N_QUALIFICATION_MODES];
extern const char *const td_window_names[TD_N_WINDOWS];
extern const char *const td_attribution_names[TD_N_ATTRIBUTIONS];
extern const char *const td_channel_names[TD_N_CHANNELS];

gboolean       td_id_is_valid              (const char *id);
gboolean       td_currency_is_valid        (const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdProgram, td_program_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRule, td_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdOverride, td_override_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRequirement, td_requirement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdBenefit, td_benefit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdObjective, td_objective_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdMatch, td_match_free)

G_END_DECLS
