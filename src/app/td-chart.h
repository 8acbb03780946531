/* td-chart.h — one chart of a simulation's figures, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Horizontal bars, a row per category (payout by tier or by rule, the
 * partners in each tier; deltas against a baseline, negatives to the left
 * of zero in the destructive colour), or columns over ordered categories
 * (payout per month) on a y axis of 3 to 5 round gridlines. Figures are
 * exact beside the bars, in the tooltips and in the accessible
 * description, compact on the axis. The items take the keyboard focus
 * (arrows move between them) and are activated by a click or Enter: the
 * page decides what that opens.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_CHART (td_chart_get_type ())
G_DECLARE_FINAL_TYPE (TdChart, td_chart, TD, CHART, GtkWidget)

typedef enum
{
  TD_CHART_BARS,      /* horizontal, label at the left, value at the end */
  TD_CHART_COLUMNS,   /* vertical, labels under, a y axis */
} TdChartKind;

typedef enum
{
  TD_CHART_MONEY,     /* cents of the currency */
  TD_CHART_COUNT,     /* whole numbers: partners, sales */
  TD_CHART_PERCENT,   /* 1/100 of a percent: 1250 is 12.5 % */
} TdChartUnit;

/* Signals:
 *   "activated" (guint index): an item was clicked, or chosen with the
 *                              arrows and Enter or Space.
 */

TdChart    *td_chart_new             (TdChartKind         kind);
/* A chart titled @title, stretched across the card it is put in: the
 * pages' frame for charts, which is returned in @card. */
TdChart    *td_chart_new_in_card     (TdChartKind         kind,
                                      const char         *title,
                                      GtkWidget         **card);
TdChartKind td_chart_get_kind        (TdChart            *self);
/* Drawn above the chart, and its accessible name; NULL: none. */
void        td_chart_set_title       (TdChart            *self,
                                      const char         *title);
const char *td_chart_get_title       (TdChart            *self);
/* @n items, in the order drawn (top to bottom, left to right); copied.
 * @currency (an ISO 4217 code) is for TD_CHART_MONEY only. When any value
 * is negative, positive ones are written with a "+". The keyboard's item
 * and the highlight stay where they were when still in range. */
void        td_chart_set_data        (TdChart            *self,
                                      const char *const  *labels,
                                      const gint64       *values,
                                      guint               n,
                                      TdChartUnit         unit,
                                      const char         *currency);
guint       td_chart_get_n_items     (TdChart            *self);
/* One item drawn stronger (and the others paler): the tier a partner is
 * in, the month chosen. -1: none. */
void        td_chart_set_highlight   (TdChart            *self,
                                      int                 index);
int         td_chart_get_highlight   (TdChart            *self);
/* The item the arrows are on; -1 before the chart was focused. */
int         td_chart_get_cursor      (TdChart            *self);

/* An item's value as written beside its bar: "+1,250.00 €". */
char       *td_chart_format_value    (TdChart            *self,
                                      guint               index);
/* The accessible description: "Gold: 1,250.00 €. Silver: …", or
 * "No data.". */
char       *td_chart_get_description (TdChart            *self);
/* Columns: the y axis's gridlines' labels, from the bottom up ("0 €",
 * "250 k €", …); bars: an empty list. */
char      **td_chart_get_tick_labels (TdChart            *self);

/* For tests and the page: the item whose row (bars) or slot (columns) is
 * under @x, @y in widget coordinates, or -1. */
int         td_chart_get_item_at     (TdChart            *self,
                                      double              x,
                                      double              y);
/* Where @index's bar or column is drawn (an empty one has no width or
 * height); FALSE when it is not drawn. */
gboolean    td_chart_get_item_bounds (TdChart            *self,
                                      guint               index,
                                      graphene_rect_t    *bounds);

G_END_DECLS
