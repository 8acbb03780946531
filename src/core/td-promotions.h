/* td-promotions.h — rules with an `active` window, and where they overlap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two promotions that can both pay on one sale pay twice: the designer
 * shows where that can happen (docs/designer.md, "Overlapping
 * promotions"). Only the program is read: which category a SKU belongs to
 * is known to products.csv, not to the program.
 */
#pragma once

#include "td-program.h"

G_BEGIN_DECLS

typedef struct
{
  guint  first;        /* index in program->rules, first < second */
  guint  second;
  TdDate from;         /* first shared day; TD_DATE_NONE: both open at the start */
  TdDate to;           /* last shared day; TD_DATE_NONE: both open at the end */
  GStrv  categories;   /* categories a sale paid by both may have; NULL: any */
  GStrv  skus;         /* SKUs a sale paid by both may have; NULL: any */
} TdPromotionOverlap;

/* A rule with an `active` window (from, to or both). */
gboolean   td_rule_is_promotion          (const TdRule *rule);
/* Whether the rule pays on sales, so that `match` applies (not welcome,
 * not bonuses on deals). */
gboolean   td_rule_pays_on_sales         (const TdRule *rule);

/* Whether the two windows share a day (an absent end is open); the shared
 * days in @from and @to (TD_DATE_NONE when open). A window whose from is
 * after its to holds no day. */
gboolean   td_active_windows_overlap     (const TdRule *a,
                                          const TdRule *b,
                                          TdDate       *from,
                                          TdDate       *to);
/* Whether the program can tell that no sale satisfies both matches
 * (NULL matches everything): FALSE then. Otherwise TRUE, with the
 * categories and SKUs such a sale may have (NULL: any), in the order of
 * @a's lists. */
gboolean   td_matches_intersect          (const TdMatch *a,
                                          const TdMatch *b,
                                          GStrv         *categories,
                                          GStrv         *skus);
/* Every pair of promotions that pay on sales, share a day and whose
 * matches intersect, ordered by first then second rule. */
GPtrArray *td_promotions_find_overlaps   (const TdProgram *program);
void       td_promotion_overlap_free     (TdPromotionOverlap *overlap);

/* Moves a window by @days, then by @months: a day keeps its number
 * (clamped to a shorter month) except the last day of a month, which
 * stays the last day, so that March–May moves to April–June. An open end
 * (TD_DATE_NONE) stays open. */
void       td_promotion_move             (TdDate *from,
                                          TdDate *to,
                                          int     days,
                                          int     months);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPromotionOverlap, td_promotion_overlap_free)

G_END_DECLS
