/* td-program-edit.h — the edits a designer makes to a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation changes a TdProgram in place or refuses. A refusal
 * returns FALSE with a TD_EDIT_ERROR whose message is translated and fit
 * to show beside the cell that was edited, and leaves the program exactly
 * as it was: same content, same pointers.
 *
 * How an operation works, so that the rules of the format are checked in
 * one place only: it changes a copy, writes the copy's canonical JSON and
 * reads it back, runs td_program_validate() on the result, and refuses
 * when the reader or the validator reports an error at or under the JSON
 * path of what was edited ("$.rules[0].rates.gold", "$.tiers[2]"). The
 * messages are therefore the reader's and the validator's own; a message
 * about a part of an added or replaced item starts with that part's path
 * relative to the item ("steps.gold[1].from: …"). Errors elsewhere, which
 * the edit did not cause or which only the whole program can settle (an
 * override naming a rule whose kind changed), do not refuse the edit: they
 * are left to the problems list (td_editor_get_problems()). Warnings never
 * refuse. On success the program has been read back from its canonical
 * JSON, so every pointer into it obtained before is invalid, and its maps
 * are in canonical order. An edit that changes nothing (a value set to
 * what it was, a value cleared that was not there) succeeds and leaves the
 * program untouched.
 *
 * The program must read back without reader errors: one from
 * td_program_load(), a workspace version or td_editor_get_program(). Ids
 * are compared exactly; override partners after trimming white space, as
 * the validator compares them.
 *
 * Positions: 0 is the first (for tiers, the lowest); a position at or past
 * the end appends (add) or moves to the end (move).
 */
#pragma once

#include "td-program.h"

G_BEGIN_DECLS

#define TD_EDIT_ERROR (td_edit_error_quark ())

typedef enum
{
  TD_EDIT_ERROR_INVALID_VALUE,  /* the reader or the validator refuses the new value */
  TD_EDIT_ERROR_NOT_FOUND,      /* no tier, rule, requirement, … with that id */
  TD_EDIT_ERROR_DUPLICATE_ID,   /* the id (or partner) is already taken */
  TD_EDIT_ERROR_WRONG_KIND,     /* the rule or requirement has no such value */
  TD_EDIT_ERROR_LAST_TIER,      /* a program keeps at least one tier */
  TD_EDIT_ERROR_UNREADABLE,     /* a text or a program that does not read as a program */
} TdEditError;

GQuark      td_edit_error_quark             (void);

/* A deep copy, through the canonical JSON (x- members included); NULL
 * when @program does not read back without errors. */
TdProgram  *td_program_copy                 (const TdProgram *program);

/* ---- tiers ---- */

gboolean    td_program_add_tier             (TdProgram       *program,
                                             const char      *id,
                                             const char      *name,
                                             guint            position,
                                             GError         **error);
gboolean    td_program_set_tier_name        (TdProgram       *program,
                                             const char      *tier_id,
                                             const char      *name,
                                             GError         **error);
/* Also renames every reference to the tier: the keys of the rules'
 * rates, amounts (per_unit ones included), targets and steps, the
 * benefits' values, partners_in_tier:<id> objectives and the overrides'
 * tier. Refused when some value is already keyed by @new_id. */
gboolean    td_program_set_tier_id          (TdProgram       *program,
                                             const char      *tier_id,
                                             const char      *new_id,
                                             GError         **error);
gboolean    td_program_move_tier            (TdProgram       *program,
                                             const char      *tier_id,
                                             guint            position,
                                             GError         **error);
/* Removes the tier and everything that only means something with it:
 * - its entry in every rule's rates, amounts, targets, per_unit amounts
 *   and rebate steps (the maps stay, perhaps empty);
 * - its value in every benefit;
 * - every objective partners_in_tier:<id>;
 * - the "tier" of every override that names it (the override stays).
 * Refused for the program's only tier (LAST_TIER). */
gboolean    td_program_remove_tier          (TdProgram       *program,
                                             const char      *tier_id,
                                             GError         **error);

/* ---- requirements of a tier ---- */

/* Adds a copy of @requirement; its id must be new in the tier. */
gboolean    td_program_add_requirement      (TdProgram           *program,
                                             const char          *tier_id,
                                             const TdRequirement *requirement,
                                             guint                position,
                                             GError             **error);
/* Replaces the requirement with a copy of @requirement, whose id may differ. */
gboolean    td_program_replace_requirement  (TdProgram           *program,
                                             const char          *tier_id,
                                             const char          *requirement_id,
                                             const TdRequirement *requirement,
                                             GError             **error);
gboolean    td_program_move_requirement     (TdProgram           *program,
                                             const char          *tier_id,
                                             const char          *requirement_id,
                                             guint                position,
                                             GError             **error);
gboolean    td_program_remove_requirement   (TdProgram           *program,
                                             const char          *tier_id,
                                             const char          *requirement_id,
                                             GError             **error);
/* @min in the requirement's unit: cents (revenue), a count (units,
 * certified_people), 1/10,000 (attribute). WRONG_KIND for a manual one. */
gboolean    td_program_set_requirement_min  (TdProgram           *program,
                                             const char          *tier_id,
                                             const char          *requirement_id,
                                             gint64               min,
                                             GError             **error);

/* ---- rules ---- */

/* percent, and new_customer paying rates. */
gboolean    td_program_set_rule_rate        (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             TdRate           rate,
                                             GError         **error);
gboolean    td_program_clear_rule_rate      (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             GError         **error);
/* welcome, bonus, and new_customer paying amounts. */
gboolean    td_program_set_rule_amount      (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             TdMoney          amount,
                                             GError         **error);
gboolean    td_program_clear_rule_amount    (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             GError         **error);
/* per_unit: the amount of @key (a SKU, a category id or "*") for a tier.
 * Clearing a tier's last key removes the tier from the rule. */
gboolean    td_program_set_rule_unit_amount (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             const char      *key,
                                             TdMoney          amount,
                                             GError         **error);
gboolean    td_program_clear_rule_unit_amount (TdProgram     *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             const char      *key,
                                             GError         **error);
/* bonus: money for metric revenue, else a count. */
gboolean    td_program_set_rule_target      (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             gint64           target,
                                             GError         **error);
gboolean    td_program_clear_rule_target    (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             GError         **error);
/* rebate: a tier's steps (copied, x- members included). */
gboolean    td_program_set_rule_steps       (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             const TdStep    *steps,
                                             guint            n_steps,
                                             GError         **error);
gboolean    td_program_clear_rule_steps     (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *tier_id,
                                             GError         **error);
/* Adds a copy of @rule; its id must be new. */
gboolean    td_program_add_rule             (TdProgram       *program,
                                             const TdRule    *rule,
                                             guint            position,
                                             GError         **error);
/* Replaces the rule with a copy of @rule (the full rule editor's result).
 * When the id changes, the overrides' rates and amounts keyed by the old
 * id follow it. */
gboolean    td_program_replace_rule         (TdProgram       *program,
                                             const char      *rule_id,
                                             const TdRule    *rule,
                                             GError         **error);
/* Also removes the overrides' rates and amounts keyed by the rule; an
 * override map left empty is dropped (the override stays). */
gboolean    td_program_remove_rule          (TdProgram       *program,
                                             const char      *rule_id,
                                             GError         **error);
gboolean    td_program_move_rule            (TdProgram       *program,
                                             const char      *rule_id,
                                             guint            position,
                                             GError         **error);
/* The promotion window; TD_DATE_NONE leaves that end open, and both
 * TD_DATE_NONE make the rule always active. Refused when @to < @from. */
gboolean    td_program_set_rule_active      (TdProgram       *program,
                                             const char      *rule_id,
                                             TdDate           from,
                                             TdDate           to,
                                             GError         **error);
gboolean    td_program_set_rule_name        (TdProgram       *program,
                                             const char      *rule_id,
                                             const char      *name,
                                             GError         **error);

/* ---- benefits and objectives ---- */

/* @number: 0 or 1 for TD_BENEFIT_BOOLEAN, 1/10,000 for TD_BENEFIT_NUMBER;
 * @text for TD_BENEFIT_TEXT. */
gboolean    td_program_set_benefit_value    (TdProgram       *program,
                                             const char      *benefit_id,
                                             const char      *tier_id,
                                             TdBenefitKind    kind,
                                             gint64           number,
                                             const char      *text,
                                             GError         **error);
gboolean    td_program_clear_benefit_value  (TdProgram       *program,
                                             const char      *benefit_id,
                                             const char      *tier_id,
                                             GError         **error);
gboolean    td_program_add_benefit          (TdProgram       *program,
                                             const TdBenefit *benefit,
                                             guint            position,
                                             GError         **error);
gboolean    td_program_replace_benefit      (TdProgram       *program,
                                             const char      *benefit_id,
                                             const TdBenefit *benefit,
                                             GError         **error);
gboolean    td_program_remove_benefit       (TdProgram       *program,
                                             const char      *benefit_id,
                                             GError         **error);
gboolean    td_program_add_objective        (TdProgram         *program,
                                             const TdObjective *objective,
                                             guint              position,
                                             GError           **error);
gboolean    td_program_replace_objective    (TdProgram         *program,
                                             const char        *objective_id,
                                             const TdObjective *objective,
                                             GError           **error);
gboolean    td_program_remove_objective     (TdProgram         *program,
                                             const char        *objective_id,
                                             GError           **error);
/* In the metric's unit: cents (revenue, payout), 1/10,000 % (payout_ratio),
 * a count (new_customers, partners_in_tier). */
gboolean    td_program_set_objective_target (TdProgram         *program,
                                             const char        *objective_id,
                                             gint64             target,
                                             GError           **error);

/* ---- program settings ---- */

gboolean    td_program_set_name             (TdProgram       *program,
                                             const char      *name,
                                             GError         **error);
/* NULL or "" removes the member. */
gboolean    td_program_set_vendor           (TdProgram       *program,
                                             const char      *vendor,
                                             GError         **error);
gboolean    td_program_set_description      (TdProgram       *program,
                                             const char      *description,
                                             GError         **error);
gboolean    td_program_set_currency         (TdProgram       *program,
                                             const char      *currency,
                                             GError         **error);
gboolean    td_program_set_qualification_mode (TdProgram         *program,
                                             TdQualificationMode mode,
                                             GError           **error);
gboolean    td_program_set_qualification_window (TdProgram       *program,
                                             TdWindow         window,
                                             GError         **error);
/* NULL: every distributor is accepted; otherwise a non-empty list. */
gboolean    td_program_set_distributors     (TdProgram         *program,
                                             const char *const *distributors,
                                             GError           **error);
gboolean    td_program_set_require_invoice  (TdProgram       *program,
                                             gboolean         require_invoice,
                                             GError         **error);
gboolean    td_program_set_online_renewals  (TdProgram       *program,
                                             TdAttribution    attribution,
                                             GError         **error);

/* ---- overrides, found by partner ---- */

/* Appends a copy of @override; its partner must have no override yet. */
gboolean    td_program_add_override         (TdProgram        *program,
                                             const TdOverride *override,
                                             GError          **error);
gboolean    td_program_replace_override     (TdProgram        *program,
                                             const char       *partner,
                                             const TdOverride *override,
                                             GError          **error);
gboolean    td_program_remove_override      (TdProgram        *program,
                                             const char       *partner,
                                             GError          **error);

G_END_DECLS
