/* td-promotion-timeline.h — a program's promotions as bars on the months
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PROMOTIONS strip of the Design page: one row per rule with an
 * `active` window, overlaps on the same products in the warning colour
 * (td-promotions.h), a today marker. Bars are moved and resized with the
 * mouse or the keyboard, and drawn on the last row; the widget only says
 * so through its signals, and the page answers with set_program.
 */
#pragma once

#include <gtk/gtk.h>

#include "td-program.h"

G_BEGIN_DECLS

#define TD_TYPE_PROMOTION_TIMELINE (td_promotion_timeline_get_type ())
G_DECLARE_FINAL_TYPE (TdPromotionTimeline, td_promotion_timeline, TD, PROMOTION_TIMELINE, GtkWidget)

/* What a drag takes hold of. */
typedef enum
{
  TD_PROMOTION_EDGE_BOTH,   /* the bar's body: both dates move */
  TD_PROMOTION_EDGE_FROM,   /* its left edge: the first day */
  TD_PROMOTION_EDGE_TO,     /* its right edge: the last day */
} TdPromotionEdge;

/* Signals (dates are TdDate day numbers; TD_DATE_NONE for an open end):
 *   "promotion-changed"   (const char *rule_id, int from, int to)
 *   "promotion-added"     (int from, int to)
 *   "promotion-activated" (const char *rule_id)
 */

TdPromotionTimeline *td_promotion_timeline_new          (void);
/* Shows the rules of @program (NULL: none) that have an active window;
 * keeps what it needs, not @program. */
void        td_promotion_timeline_set_program   (TdPromotionTimeline *self,
                                                 const TdProgram     *program);
/* Shows @n_months months from the month of @first_month_day; 0 months:
 * back to the default, the calendar years of the promotions (the current
 * year when there are none). */
void        td_promotion_timeline_set_range     (TdPromotionTimeline *self,
                                                 TdDate               first_month_day,
                                                 guint                n_months);
TdDate      td_promotion_timeline_get_first_day (TdPromotionTimeline *self);
guint       td_promotion_timeline_get_n_months  (TdPromotionTimeline *self);
/* Where the today marker is drawn; TD_DATE_NONE: the local date (the
 * default). For tests and screenshots. */
void        td_promotion_timeline_set_today     (TdPromotionTimeline *self,
                                                 TdDate               today);

/* The selected promotion's rule id; NULL when none (or the last row). */
const char *td_promotion_timeline_get_selected  (TdPromotionTimeline *self);
gboolean    td_promotion_timeline_select        (TdPromotionTimeline *self,
                                                 const char          *rule_id);

/* What the mouse gestures and the keyboard end in, callable by tests:
 * moves an edge (or both) of @rule_id's window by @days, keeping the
 * first day ≤ the last, and emits "promotion-changed". FALSE (and no
 * signal) when nothing changes. */
gboolean    td_promotion_timeline_drag          (TdPromotionTimeline *self,
                                                 const char          *rule_id,
                                                 TdPromotionEdge      edge,
                                                 int                  days);
/* The day under @x (widget coordinates), whether or not in the range. */
TdDate      td_promotion_timeline_get_day_at    (TdPromotionTimeline *self,
                                                 double               x);
/* Where @rule_id's bar is drawn (clipped to the months shown); FALSE when
 * it is not drawn. */
gboolean    td_promotion_timeline_get_bar_bounds (TdPromotionTimeline *self,
                                                  const char          *rule_id,
                                                  graphene_rect_t     *bounds);
/* The accessible description: every promotion, its dates and overlaps. */
char       *td_promotion_timeline_get_summary   (TdPromotionTimeline *self);

G_END_DECLS
