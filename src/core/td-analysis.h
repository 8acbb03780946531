/* td-analysis.h — a result broken down for charts, and one partner's
 * payout explained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here reads a TdResult and borrows from it (and from its
 * program and data set): they must outlive what these functions return.
 */
#pragma once

#include "td-engine.h"

G_BEGIN_DECLS

/* The name of tier index @tier of @result's program, or "Unqualified"
 * (translated) for TD_UNQUALIFIED: what a person reads, where
 * td_result_tier_id() gives the id. */
const char *td_result_tier_name     (const TdResult *result,
                                     gint32          tier);

/* ---- breakdowns ---- */

typedef struct
{
  int     year;
  int     month;       /* 1 to 12 */
  TdDate  start;       /* the month's first day, or the period's when later */
  TdDate  end;         /* the month's last day, or the period's when earlier */
  TdMoney payout;
  guint   lines;
} TdMonthPayout;

/* TdMonthPayout for every calendar month the period touches, in order,
 * months without a line included. Each line counts in the month of its
 * date: a sale's date; for a rebate or bonus line the last day of its
 * bucket as clipped to the period (the date FORMAT.md §2.6 gives it, when
 * the bucket's figure is known and the amount is due); for a welcome
 * line joined_on. The payouts add up to result->payout. @result must have
 * been simulated with want_lines. */
GArray *td_result_payout_by_month   (const TdResult *result);

typedef struct
{
  gint32      tier;      /* tier index, or TD_UNQUALIFIED */
  const char *id;        /* tier id, or TD_TIER_UNQUALIFIED */
  const char *name;      /* the tier's name, or "unqualified" translated */
  gint64      partners;
  TdMoney     revenue;
  TdMoney     payout;
} TdTierShare;

/* TdTierShare of every tier in program order, then unqualified (always,
 * perhaps with no partner). The partners add up to the data set's. */
GArray *td_result_tier_distribution (const TdResult *result);

/* ---- why this amount? ---- */

typedef struct
{
  const TdRequirement *requirement;  /* borrowed from the program */
  gint64   value;                    /* in the requirement's unit, as its min */
  gboolean met;                      /* a manual requirement is always met */
} TdRequirementCheck;

typedef struct
{
  TdLine      line;      /* line.uncapped > line.payout when the cap cut it */
  char       *text;      /* td_line_explain() */
  const char *sale_id;   /* NULL for a rebate, bonus or welcome line */
  gboolean    is_rate;   /* line.value is a rate (1/10,000 %), else money */
  gboolean    capped;
} TdExplainedLine;

typedef struct
{
  gint32      rule;      /* index into the program's rules */
  const char *rule_id;
  const char *rule_name;
  TdMoney     subtotal;  /* the sum of the lines' payouts */
  GArray     *lines;     /* TdExplainedLine, by date then sale */
} TdRuleExplanation;

typedef struct
{
  guint        partner;
  const char  *partner_id;
  const char  *partner_name;
  gint32       tier;              /* tier index, or TD_UNQUALIFIED */
  const char  *tier_id;
  const char  *tier_name;
  /* An override's tier decided (it wins over qualification and over the
   * recorded column). */
  gboolean     tier_from_override;
  /* The program qualifies tiers (qualify mode): the requirements below
   * were evaluated. In recorded mode both arrays are empty and next_tier
   * is -1. */
  gboolean     qualified;
  /* TdRequirementCheck of the tier reached (empty when unqualified). */
  GArray      *requirements;
  /* The tier just above (the lowest when unqualified), -1 when none, and
   * its TdRequirementCheck: what is missing to move up. */
  gint32       next_tier;
  GArray      *next_requirements;
  TdMoney      revenue;
  TdMoney      payout;            /* = the sum of the rules' subtotals */
  /* TdRuleExplanation of every rule that paid the partner, in program
   * order. */
  GPtrArray   *rules;
} TdPartnerExplanation;

/* @result must have been simulated with want_lines. */
TdPartnerExplanation *td_partner_explanation      (const TdResult       *result,
                                                   guint                 partner);
void                  td_partner_explanation_free (TdPartnerExplanation *explanation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPartnerExplanation, td_partner_explanation_free)

G_END_DECLS
