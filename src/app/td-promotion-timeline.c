/* td-promotion-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "td-draw.h"
#include "td-format.h"
#include "td-promotion-timeline.h"
#include "td-promotions.h"

#define NAME_WIDTH          220.0
#define END_PADDING         12.0
#define YEAR_HEIGHT         20.0
#define HEADER_HEIGHT       46.0
#define ROW_HEIGHT          34.0
#define BOTTOM_PADDING      6.0
#define BAR_INSET           6.0
#define BAR_RADIUS          6.0
#define EDGE_GRAB           6.0
#define MIN_BAR_WIDTH       8.0
#define MONTH_WIDTH_MIN     36
#define MONTH_WIDTH_NATURAL 72
/* Pixels before a press becomes a drag, so that a click only selects. */
#define DRAG_THRESHOLD      4.0
/* Past the edge of the months shown, so that an open end or a bar that
 * continues looks cut off rather than rounded. */
#define OFF_EDGE            (BAR_RADIUS + 4.0)

typedef enum
{
  DRAG_NONE,
  DRAG_PROMOTION,
  DRAG_NEW,
} DragKind;

typedef enum
{
  HIT_NONE,
  HIT_BAR,
  HIT_NEW,
} Hit;

struct _TdPromotionTimeline
{
  GtkWidget parent_instance;

  /* Copies of the promotions (only what is drawn and what overlaps are
   * computed from) and the categories, so that the page may free or edit
   * its program; rows are in this order. */
  TdProgram *promotions;
  GPtrArray *overlaps;        /* TdPromotionOverlap on promotions->rules */
  TdDate     first_day;       /* of the first month shown */
  guint      n_months;
  gboolean   range_set;       /* by set_range rather than by the promotions */
  TdDate     today;           /* TD_DATE_NONE: the local date */
  int        selected;        /* a row (the last one adds), or -1 */
  int        hover_row;

  /* The drag in progress: a promotion's row shows its would-be dates
   * (and overlaps) until the button is released. */
  DragKind        drag_kind;
  int             drag_row;
  TdPromotionEdge drag_edge;
  double          drag_start_x;
  double          drag_x;
  gboolean        drag_started;
  TdDate          drag_from;  /* the promotion's dates before, or the new one's */
  TdDate          drag_to;
  GtkGesture     *drag_gesture;   /* owned by the widget */
};

G_DEFINE_FINAL_TYPE (TdPromotionTimeline, td_promotion_timeline, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_PROMOTION_CHANGED,
  SIGNAL_PROMOTION_ADDED,
  SIGNAL_PROMOTION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_promotions (TdPromotionTimeline *self)
{
  return self->promotions->rules->len;
}

static TdRule *
promotion_at (TdPromotionTimeline *self,
              int                  row)
{
  g_assert (row >= 0 && (guint) row < n_promotions (self));
  return self->promotions->rules->pdata[row];
}

static int
find_row (TdPromotionTimeline *self,
          const char          *rule_id)
{
  return rule_id != NULL ? td_program_find_rule (self->promotions, rule_id) : -1;
}

static TdDate
rule_from (const TdRule *rule)
{
  return rule->has_active_from ? rule->active_from : TD_DATE_NONE;
}

static TdDate
rule_to (const TdRule *rule)
{
  return rule->has_active_to ? rule->active_to : TD_DATE_NONE;
}

static void
set_rule_dates (TdRule *rule,
                TdDate  from,
                TdDate  to)
{
  rule->has_active_from = from != TD_DATE_NONE;
  rule->active_from = from != TD_DATE_NONE ? from : 0;
  rule->has_active_to = to != TD_DATE_NONE;
  rule->active_to = to != TD_DATE_NONE ? to : 0;
}

static TdDate
effective_today (TdPromotionTimeline *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->today != TD_DATE_NONE)
    return self->today;
  now = g_date_time_new_now_local ();
  return td_date_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
}

static TdDate
range_end (TdPromotionTimeline *self)
{
  return td_date_add_months (self->first_day, (int) self->n_months);
}

/* Geometry. Months are of equal width, so a day is wider in February
 * than in March: positions go through the month. */

static double
timeline_width (TdPromotionTimeline *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - NAME_WIDTH - END_PADDING);
}

static double
month_width (TdPromotionTimeline *self)
{
  return timeline_width (self) / MAX (self->n_months, 1);
}

static int
month_index (TdPromotionTimeline *self,
             int                  year,
             int                  month)
{
  int year0, month0, day0;

  td_date_to_ymd (self->first_day, &year0, &month0, &day0);
  return (year * 12 + month - 1) - (year0 * 12 + month0 - 1);
}

/* The left edge of @date's day. */
static double
x_of_day (TdPromotionTimeline *self,
          TdDate               date)
{
  int year, month, day;

  td_date_to_ymd (date, &year, &month, &day);
  return NAME_WIDTH + (month_index (self, year, month) + (day - 1) / (double) td_date_days_in_month (year, month))
                      * month_width (self);
}

/* The day under @x with its fraction: 20148.5 is the middle of
 * 2025-03-01. */
static double
day_position (TdPromotionTimeline *self,
              double               x)
{
  double position = (x - NAME_WIDTH) / month_width (self);
  /* A pointer dragged far away must still give a date of the calendar. */
  double index = CLAMP (floor (position), -1200.0, 1200.0);
  TdDate month = td_date_add_months (self->first_day, (int) index);
  int year, month_number, day;

  td_date_to_ymd (month, &year, &month_number, &day);
  return month + (CLAMP (position, -1200.0, 1201.0) - index) * td_date_days_in_month (year, month_number);
}

static int
round_days (double days)
{
  return (int) floor (days + 0.5);
}

static double
row_y (int row)
{
  return HEADER_HEIGHT + row * ROW_HEIGHT;
}

static int
row_at (TdPromotionTimeline *self,
        double               y)
{
  int row;

  if (y < HEADER_HEIGHT)
    return -1;
  row = (int) floor ((y - HEADER_HEIGHT) / ROW_HEIGHT);
  return row <= (int) n_promotions (self) ? row : -1;
}

/* The horizontal extent of a window, open ends past the months shown;
 * FALSE when none of it is shown. */
static gboolean
bar_extent (TdPromotionTimeline *self,
            TdDate               from,
            TdDate               to,
            double              *x0,
            double              *x1)
{
  double left = NAME_WIDTH, right = NAME_WIDTH + timeline_width (self);

  if (from != TD_DATE_NONE && to != TD_DATE_NONE && from > to)
    return FALSE;
  *x0 = from != TD_DATE_NONE ? x_of_day (self, from) : left - OFF_EDGE;
  *x1 = to != TD_DATE_NONE ? x_of_day (self, to + 1) : right + OFF_EDGE;
  /* A day is 2 pixels wide on a wide range: a one-day promotion must
   * still be seen and grabbed. */
  if (*x1 - *x0 < MIN_BAR_WIDTH)
    {
      double middle = (*x0 + *x1) / 2;

      *x0 = middle - MIN_BAR_WIDTH / 2;
      *x1 = middle + MIN_BAR_WIDTH / 2;
    }
  return *x1 > left && *x0 < right;
}

static Hit
pick (TdPromotionTimeline *self,
      double               x,
      double               y,
      int                 *row_out,
      TdPromotionEdge     *edge_out)
{
  int row = row_at (self, y);
  double x0, x1;
  gboolean inside;
  TdRule *rule;

  *row_out = row;
  *edge_out = TD_PROMOTION_EDGE_BOTH;
  if (row < 0 || x < NAME_WIDTH || x > NAME_WIDTH + timeline_width (self))
    return HIT_NONE;
  if ((guint) row == n_promotions (self))
    return HIT_NEW;
  rule = promotion_at (self, row);
  if (!bar_extent (self, rule_from (rule), rule_to (rule), &x0, &x1))
    return HIT_NONE;
  /* The edges are grabbed on either side of them; a bar too narrow for
   * that is moved from anywhere on it, and resized from just outside. */
  inside = x >= x0 && x <= x1;
  if (x1 - x0 < 3 * EDGE_GRAB && inside)
    return HIT_BAR;
  if (rule->has_active_from && x >= x0 - EDGE_GRAB && x <= x0 + EDGE_GRAB && x < x1)
    *edge_out = TD_PROMOTION_EDGE_FROM;
  else if (rule->has_active_to && x >= x1 - EDGE_GRAB && x <= x1 + EDGE_GRAB)
    *edge_out = TD_PROMOTION_EDGE_TO;
  else if (!inside)
    return HIT_NONE;
  return HIT_BAR;
}

/* Words. */

static char *
format_window (TdDate from,
               TdDate to)
{
  g_autofree char *first = from != TD_DATE_NONE ? td_format_date (from) : NULL;
  g_autofree char *last = to != TD_DATE_NONE ? td_format_date (to) : NULL;

  if (first != NULL && last != NULL)
    /* TRANSLATORS: a promotion's window, with two dates */
    return g_strdup_printf (_("from %s to %s"), first, last);
  if (first != NULL)
    /* TRANSLATORS: a promotion's window that has no end */
    return g_strdup_printf (_("from %s, with no end"), first);
  if (last != NULL)
    /* TRANSLATORS: a promotion's window that has no start */
    return g_strdup_printf (_("until %s"), last);
  return g_strdup (_("at all times"));
}

static char *
format_short_day (TdDate date)
{
  int year, month, day;
  g_autoptr(GDateTime) time = NULL;

  td_date_to_ymd (date, &year, &month, &day);
  time = g_date_time_new_utc (year, month, day, 0, 0, 0);
  /* TRANSLATORS: a g_date_time_format() format for a day in a bar, short,
   * without the year: "1 Mar" or "Mar 1" */
  return g_date_time_format (time, _("%-d %b"));
}

static char *
category_names (TdPromotionTimeline *self,
                char               **ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int c = td_program_find_category (self->promotions, ids[i]);
      const TdCategory *category = c >= 0 ? self->promotions->categories->pdata[c] : NULL;

      g_ptr_array_add (names, category != NULL && category->name != NULL ? category->name : ids[i]);
    }
  g_ptr_array_add (names, NULL);
  /* TRANSLATORS: between the names of categories or SKUs */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

/* The products a sale paid by both promotions may be. */
static char *
format_products (TdPromotionTimeline      *self,
                 const TdPromotionOverlap *overlap)
{
  g_autofree char *categories = overlap->categories != NULL ? category_names (self, overlap->categories) : NULL;
  g_autofree char *skus = NULL;

  if (overlap->skus != NULL)
    {
      g_autofree char *list = g_strjoinv (_(", "), overlap->skus);

      skus = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "SKU %s", "SKUs %s", g_strv_length (overlap->skus)), list);
    }
  if (skus != NULL && categories != NULL)
    /* TRANSLATORS: SKUs, in categories: "SKU TING-X500 in TING appliances" */
    return g_strdup_printf (_("%s in %s"), skus, categories);
  if (skus != NULL)
    return g_steal_pointer (&skus);
  if (categories != NULL)
    return g_steal_pointer (&categories);
  return g_strdup (_("all products"));
}

/* "Overlaps Spring TING promotion on TING appliances from 2025-03-01 to
 * 2025-04-30", seen from @row. */
static char *
format_overlap (TdPromotionTimeline      *self,
                const TdPromotionOverlap *overlap,
                int                       row)
{
  const TdRule *other = promotion_at (self, (int) overlap->first == row ? (int) overlap->second : (int) overlap->first);
  g_autofree char *products = format_products (self, overlap);
  g_autofree char *window = format_window (overlap->from, overlap->to);

  /* TRANSLATORS: the other promotion's name, the products, then a window
   * ("from 2025-03-01 to 2025-04-30") */
  return g_strdup_printf (_("Overlaps “%s” on %s %s"), other->name, products, window);
}

static gboolean
row_overlaps (TdPromotionTimeline *self,
              int                  row)
{
  for (guint i = 0; i < self->overlaps->len; i++)
    {
      const TdPromotionOverlap *overlap = self->overlaps->pdata[i];

      if ((int) overlap->first == row || (int) overlap->second == row)
        return TRUE;
    }
  return FALSE;
}

static char *
describe_row (TdPromotionTimeline *self,
              int                  row,
              const char          *separator)
{
  const TdRule *rule = promotion_at (self, row);
  g_autofree char *window = format_window (rule_from (rule), rule_to (rule));
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: a promotion's name and window */
  g_string_append_printf (text, _("%s, %s."), rule->name, window);
  for (guint i = 0; i < self->overlaps->len; i++)
    {
      const TdPromotionOverlap *overlap = self->overlaps->pdata[i];

      if ((int) overlap->first == row || (int) overlap->second == row)
        {
          g_autofree char *sentence = format_overlap (self, overlap, row);

          g_string_append_printf (text, "%s%s.", separator, sentence);
        }
    }
  return g_string_free (text, FALSE);
}

char *
td_promotion_timeline_get_summary (TdPromotionTimeline *self)
{
  guint n;
  GString *text;

  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), NULL);

  n = n_promotions (self);
  if (n == 0)
    return g_strdup (_("No promotions."));
  text = g_string_new (NULL);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u promotion.", "%u promotions.", n), n);
  for (guint row = 0; row < n; row++)
    {
      g_autofree char *sentence = describe_row (self, (int) row, " ");

      g_string_append_printf (text, " %s", sentence);
    }
  return g_string_free (text, FALSE);
}

static void
update_accessible (TdPromotionTimeline *self)
{
  g_autofree char *summary = td_promotion_timeline_get_summary (self);
  g_autofree char *label = NULL;

  if (self->selected >= 0 && (guint) self->selected < n_promotions (self))
    /* TRANSLATORS: the timeline's accessible name, with the selected promotion */
    label = g_strdup_printf (_("Promotions timeline, %s selected"), promotion_at (self, self->selected)->name);
  else if (self->selected >= 0)
    label = g_strdup (_("Promotions timeline, new promotion selected"));
  else
    label = g_strdup (_("Promotions timeline"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
recompute_overlaps (TdPromotionTimeline *self)
{
  g_clear_pointer (&self->overlaps, g_ptr_array_unref);
  self->overlaps = td_promotions_find_overlaps (self->promotions);
}

static void
set_default_range (TdPromotionTimeline *self)
{
  int first_year = G_MAXINT, last_year = G_MININT;

  for (guint i = 0; i < n_promotions (self); i++)
    {
      const TdRule *rule = promotion_at (self, (int) i);
      TdDate ends[] = { rule_from (rule), rule_to (rule) };

      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        {
          int year, month, day;

          if (ends[e] == TD_DATE_NONE)
            continue;
          td_date_to_ymd (ends[e], &year, &month, &day);
          first_year = MIN (first_year, year);
          last_year = MAX (last_year, year);
        }
    }
  if (first_year > last_year)
    {
      int month, day;

      td_date_to_ymd (effective_today (self), &first_year, &month, &day);
      last_year = first_year;
    }
  self->first_day = td_date_from_ymd (first_year, 1, 1);
  self->n_months = 12 * (guint) (last_year - first_year + 1);
}

/* Sets @row's dates and says so; FALSE when they are the same. */
static gboolean
change_dates (TdPromotionTimeline *self,
              int                  row,
              TdDate               from,
              TdDate               to)
{
  TdRule *rule = promotion_at (self, row);
  g_autofree char *rule_id = NULL;

  if (from == rule_from (rule) && to == rule_to (rule))
    return FALSE;
  /* The bar stays where it was put until the page answers with
   * set_program, which may also undo it. */
  set_rule_dates (rule, from, to);
  recompute_overlaps (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* A handler may call set_program, which frees the rule. */
  rule_id = g_strdup (rule->id);
  g_signal_emit (self, signals[SIGNAL_PROMOTION_CHANGED], 0, rule_id, (int) from, (int) to);
  return TRUE;
}

static gboolean
apply_edge (TdDate         *from,
            TdDate         *to,
            TdPromotionEdge edge,
            int             days)
{
  switch (edge)
    {
    case TD_PROMOTION_EDGE_BOTH:
      td_promotion_move (from, to, days, 0);
      return TRUE;
    case TD_PROMOTION_EDGE_FROM:
      if (*from == TD_DATE_NONE)
        return FALSE;
      *from += days;
      if (*to != TD_DATE_NONE && *from > *to)
        *from = *to;
      return TRUE;
    case TD_PROMOTION_EDGE_TO:
      if (*to == TD_DATE_NONE)
        return FALSE;
      *to += days;
      if (*from != TD_DATE_NONE && *to < *from)
        *to = *from;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
td_promotion_timeline_drag (TdPromotionTimeline *self,
                            const char          *rule_id,
                            TdPromotionEdge      edge,
                            int                  days)
{
  int row;
  TdDate from, to;

  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), FALSE);
  g_return_val_if_fail (rule_id != NULL, FALSE);

  row = find_row (self, rule_id);
  if (row < 0 || days == 0)
    return FALSE;
  from = rule_from (promotion_at (self, row));
  to = rule_to (promotion_at (self, row));
  if (!apply_edge (&from, &to, edge, days))
    return FALSE;
  return change_dates (self, row, from, to);
}

TdDate
td_promotion_timeline_get_day_at (TdPromotionTimeline *self,
                                  double               x)
{
  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), TD_DATE_NONE);
  return (TdDate) floor (day_position (self, x));
}

gboolean
td_promotion_timeline_get_bar_bounds (TdPromotionTimeline *self,
                                      const char          *rule_id,
                                      graphene_rect_t     *bounds)
{
  int row;
  double x0, x1;
  const TdRule *rule;

  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  row = find_row (self, rule_id);
  if (row < 0)
    return FALSE;
  rule = promotion_at (self, row);
  if (!bar_extent (self, rule_from (rule), rule_to (rule), &x0, &x1))
    return FALSE;
  x0 = MAX (x0, NAME_WIDTH);
  x1 = MIN (x1, NAME_WIDTH + timeline_width (self));
  graphene_rect_init (bounds, (float) x0, (float) (row_y (row) + BAR_INSET),
                      (float) (x1 - x0), (float) (ROW_HEIGHT - 2 * BAR_INSET));
  return TRUE;
}

static void
emit_added (TdPromotionTimeline *self,
            TdDate               from,
            TdDate               to)
{
  g_signal_emit (self, signals[SIGNAL_PROMOTION_ADDED], 0, (int) from, (int) to);
}

/* From the keyboard: the month of today when it is shown, else the first
 * month shown. */
static void
add_promotion_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);
  TdDate today = effective_today (self);
  TdDate month = today >= self->first_day && today < range_end (self)
                 ? td_date_bucket_start (today, TD_BUCKET_MONTH) : self->first_day;

  emit_added (self, month, td_date_bucket_end (month, TD_BUCKET_MONTH));
}

static void
select_row (TdPromotionTimeline *self,
            int                  row)
{
  if (row == self->selected)
    return;
  self->selected = row;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
td_promotion_timeline_get_selected (TdPromotionTimeline *self)
{
  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), NULL);

  if (self->selected < 0 || (guint) self->selected >= n_promotions (self))
    return NULL;
  return promotion_at (self, self->selected)->id;
}

gboolean
td_promotion_timeline_select (TdPromotionTimeline *self,
                              const char          *rule_id)
{
  int row;

  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), FALSE);

  row = find_row (self, rule_id);
  select_row (self, row);
  return row >= 0;
}

static void
select_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);

  select_row (self, MAX (self->selected - 1, 0));
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);

  select_row (self, MIN (self->selected + 1, (int) n_promotions (self)));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);
  int days, months;
  TdDate from, to;

  if (self->selected < 0 || (guint) self->selected >= n_promotions (self) || self->drag_kind != DRAG_NONE)
    return;
  g_variant_get (parameter, "(ii)", &days, &months);
  from = rule_from (promotion_at (self, self->selected));
  to = rule_to (promotion_at (self, self->selected));
  td_promotion_move (&from, &to, days, months);
  change_dates (self, self->selected, from, to);
}

static void
activate_row (TdPromotionTimeline *self,
              int                  row)
{
  g_autofree char *rule_id = NULL;

  if (row < 0)
    return;
  if ((guint) row == n_promotions (self))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "timeline.add-promotion", NULL);
      return;
    }
  rule_id = g_strdup (promotion_at (self, row)->id);
  g_signal_emit (self, signals[SIGNAL_PROMOTION_ACTIVATED], 0, rule_id);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);

  activate_row (self, self->selected);
}

/* Pointer. */

static void
cancel_drag (TdPromotionTimeline *self)
{
  if (self->drag_kind == DRAG_PROMOTION && self->drag_started)
    {
      set_rule_dates (promotion_at (self, self->drag_row), self->drag_from, self->drag_to);
      recompute_overlaps (self);
    }
  self->drag_kind = DRAG_NONE;
  self->drag_started = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The days the pointer moved @edge of the dragged promotion by. */
static int
drag_days (TdPromotionTimeline *self,
           double               offset_x)
{
  switch (self->drag_edge)
    {
    case TD_PROMOTION_EDGE_FROM:
      return round_days (day_position (self, x_of_day (self, self->drag_from) + offset_x)) - self->drag_from;
    case TD_PROMOTION_EDGE_TO:
      return round_days (day_position (self, x_of_day (self, self->drag_to + 1) + offset_x)) - 1 - self->drag_to;
    case TD_PROMOTION_EDGE_BOTH:
    default:
      return round_days (day_position (self, self->drag_start_x + offset_x) - day_position (self, self->drag_start_x));
    }
}

static void
drag_begin_cb (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               TdPromotionTimeline *self)
{
  int row;
  TdPromotionEdge edge;
  Hit hit = pick (self, x, y, &row, &edge);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (row >= 0)
    select_row (self, row);
  self->drag_kind = hit == HIT_BAR ? DRAG_PROMOTION : hit == HIT_NEW ? DRAG_NEW : DRAG_NONE;
  self->drag_row = row;
  self->drag_edge = edge;
  self->drag_start_x = self->drag_x = x;
  self->drag_started = FALSE;
  if (hit == HIT_BAR)
    {
      self->drag_from = rule_from (promotion_at (self, row));
      self->drag_to = rule_to (promotion_at (self, row));
    }
  else if (hit == HIT_NEW)
    self->drag_from = self->drag_to = td_promotion_timeline_get_day_at (self, x);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (GtkGestureDrag      *gesture,
                double               offset_x,
                double               offset_y,
                TdPromotionTimeline *self)
{
  if (self->drag_kind == DRAG_NONE)
    return;
  if (!self->drag_started)
    {
      if (fabs (offset_x) < DRAG_THRESHOLD)
        return;
      self->drag_started = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  self->drag_x = self->drag_start_x + offset_x;
  if (self->drag_kind == DRAG_PROMOTION)
    {
      TdDate from = self->drag_from, to = self->drag_to;

      /* The rule shows the would-be dates, and their overlaps, live. */
      apply_edge (&from, &to, self->drag_edge, drag_days (self, offset_x));
      set_rule_dates (promotion_at (self, self->drag_row), from, to);
      recompute_overlaps (self);
    }
  else
    {
      TdDate a = td_promotion_timeline_get_day_at (self, self->drag_start_x);
      TdDate b = td_promotion_timeline_get_day_at (self, self->drag_x);

      self->drag_from = MIN (a, b);
      self->drag_to = MAX (a, b);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag      *gesture,
             double               offset_x,
             double               offset_y,
             TdPromotionTimeline *self)
{
  DragKind kind = self->drag_kind;
  gboolean started = self->drag_started;
  int days = kind == DRAG_PROMOTION ? drag_days (self, offset_x) : 0;
  TdDate from = self->drag_from, to = self->drag_to;
  g_autofree char *rule_id = kind == DRAG_PROMOTION ? g_strdup (promotion_at (self, self->drag_row)->id) : NULL;
  TdPromotionEdge edge = self->drag_edge;

  /* Back to the dates before, so that the change goes through the same
   * path as the keyboard's and the tests'. */
  cancel_drag (self);
  if (!started)
    return;
  if (kind == DRAG_PROMOTION)
    td_promotion_timeline_drag (self, rule_id, edge, days);
  else if (kind == DRAG_NEW)
    emit_added (self, from, to);
}

static void
drag_cancel_cb (GtkGesture          *gesture,
                GdkEventSequence    *sequence,
                TdPromotionTimeline *self)
{
  cancel_drag (self);
}

static void
pressed_cb (GtkGestureClick     *gesture,
            int                  n_press,
            double               x,
            double               y,
            TdPromotionTimeline *self)
{
  int row;
  TdPromotionEdge edge;
  Hit hit;

  if (n_press != 2)
    return;
  hit = pick (self, x, y, &row, &edge);
  if (hit == HIT_BAR || (row >= 0 && x < NAME_WIDTH))
    activate_row (self, row);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TdPromotionTimeline      *self)
{
  int row;
  TdPromotionEdge edge;
  Hit hit = pick (self, x, y, &row, &edge);
  const char *cursor = NULL;

  if (self->drag_kind != DRAG_NONE)
    return;
  if (hit == HIT_NEW)
    cursor = "crosshair";
  else if (hit == HIT_BAR)
    cursor = edge == TD_PROMOTION_EDGE_BOTH ? "grab" : "ew-resize";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
  if (row != self->hover_row)
    {
      self->hover_row = row;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          TdPromotionTimeline      *self)
{
  self->hover_row = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
td_promotion_timeline_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard_mode,
                                     GtkTooltip *tooltip)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);
  int row = keyboard_mode ? self->selected : row_at (self, y);
  g_autofree char *text = NULL;

  if (self->drag_kind != DRAG_NONE)
    return FALSE;
  if (row < 0)
    {
      TdDate today = effective_today (self);
      double today_x;

      if (keyboard_mode || y >= HEADER_HEIGHT || today < self->first_day || today >= range_end (self))
        return FALSE;
      today_x = x_of_day (self, today);
      if (fabs (x - today_x) > 8)
        return FALSE;
      {
        g_autofree char *day = td_format_date (today);

        text = g_strdup_printf (_("Today, %s"), day);
      }
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if ((guint) row == n_promotions (self))
    gtk_tooltip_set_text (tooltip, _("Drag across the months to draw a new promotion, or press Insert"));
  else
    {
      text = describe_row (self, row, "\n");
      gtk_tooltip_set_text (tooltip, text);
    }
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { 0, (int) row_y (row), gtk_widget_get_width (widget), (int) ROW_HEIGHT });
  return TRUE;
}

/* Drawing. */

static void
draw_header (TdPromotionTimeline *self,
             cairo_t             *cr,
             const TdColors      *colors,
             double               bottom)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double mw = month_width (self);
  g_autofree char *title = g_utf8_strup (_("Promotions"), -1);

  for (guint i = 0; i < self->n_months; i++)
    {
      TdDate month = td_date_add_months (self->first_day, (int) i);
      double x = NAME_WIDTH + i * mw;
      int year, month_number, day;
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *name = NULL;

      td_date_to_ymd (month, &year, &month_number, &day);
      time = g_date_time_new_utc (year, month_number, 1, 0, 0, 0);
      /* Every other month shaded, so that a bar's months can be counted. */
      if (i % 2 == 1)
        {
          td_draw_set_color (cr, &colors->fg, 0.035);
          cairo_rectangle (cr, x, YEAR_HEIGHT, mw, bottom - YEAR_HEIGHT);
          cairo_fill (cr);
        }
      td_draw_set_color (cr, &colors->fg, month_number == 1 ? 0.3 : 0.1);
      cairo_rectangle (cr, round (x), month_number == 1 || i == 0 ? 0 : YEAR_HEIGHT, 1, bottom);
      cairo_fill (cr);
      name = g_date_time_format (time, "%b");
      td_draw_text (GTK_WIDGET (self), cr, name, x + 2, (YEAR_HEIGHT + HEADER_HEIGHT) / 2, mw - 4, TD_TEXT_CENTER,
                    0.9, TD_TEXT_PLAIN, &colors->fg, 0.7);
      if (i == 0 || month_number == 1)
        {
          g_autofree char *year_text = g_date_time_format (time, "%Y");

          td_draw_text (GTK_WIDGET (self), cr, year_text, x + 6, YEAR_HEIGHT / 2 + 2, -1, TD_TEXT_START, 0.9,
                        TD_TEXT_BOLD, &colors->fg, 0.9);
        }
    }
  /* The end of the last month. */
  td_draw_set_color (cr, &colors->fg, 0.1);
  cairo_rectangle (cr, round (NAME_WIDTH + timeline_width (self)), YEAR_HEIGHT, 1, bottom - YEAR_HEIGHT);
  cairo_fill (cr);

  td_draw_text (GTK_WIDGET (self), cr, title, 12, (YEAR_HEIGHT + HEADER_HEIGHT) / 2, NAME_WIDTH - 24, TD_TEXT_START,
                0.85, TD_TEXT_BOLD, &colors->fg, 0.55);
  td_draw_set_color (cr, &colors->fg, 0.15);
  cairo_rectangle (cr, 0, HEADER_HEIGHT - 1, width, 1);
  cairo_fill (cr);
}

/* Diagonal stripes over the days two promotions share, inside the bar. */
static void
draw_hatching (cairo_t       *cr,
               double         bar_x0,
               double         bar_x1,
               double         x0,
               double         x1,
               double         top,
               double         height,
               const GdkRGBA *color)
{
  cairo_save (cr);
  td_draw_rounded_rectangle (cr, bar_x0, top, bar_x1 - bar_x0, height, BAR_RADIUS);
  cairo_clip (cr);
  cairo_rectangle (cr, x0, top, x1 - x0, height);
  cairo_clip (cr);
  td_draw_set_color (cr, color, 0.18);
  cairo_paint (cr);
  td_draw_set_color (cr, color, 0.5);
  cairo_set_line_width (cr, 2);
  for (double s = floor (x0 / 8) * 8 - height; s < x1; s += 8)
    {
      cairo_move_to (cr, s, top + height);
      cairo_line_to (cr, s + height, top);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_promotion (TdPromotionTimeline *self,
                cairo_t             *cr,
                const TdColors      *colors,
                int                  row)
{
  const TdRule *rule = promotion_at (self, row);
  double y = row_y (row), top = y + BAR_INSET, height = ROW_HEIGHT - 2 * BAR_INSET;
  double left = NAME_WIDTH, right = NAME_WIDTH + timeline_width (self);
  TdDate from = rule_from (rule), to = rule_to (rule);
  gboolean warn = row_overlaps (self, row);
  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (self)) && self->selected == row;
  const GdkRGBA *fill = warn ? &colors->warning_bg : &colors->accent_bg;
  const GdkRGBA *ink = warn ? &colors->warning_fg : &colors->accent_fg;
  double x0, x1, name_width = NAME_WIDTH - 24 - (warn ? 22 : 0);

  td_draw_text (GTK_WIDGET (self), cr, rule->name, 12, y + ROW_HEIGHT / 2, name_width, TD_TEXT_START, 1.0,
                TD_TEXT_PLAIN, &colors->fg, 1.0);
  if (warn)
    td_draw_text (GTK_WIDGET (self), cr, "⚠", NAME_WIDTH - 12, y + ROW_HEIGHT / 2, -1, TD_TEXT_END, 1.0, TD_TEXT_PLAIN,
                  &colors->warning, 1.0);

  cairo_save (cr);
  cairo_rectangle (cr, left, y, right - left, ROW_HEIGHT);
  cairo_clip (cr);

  if (self->drag_kind == DRAG_PROMOTION && self->drag_started && self->drag_row == row
      && bar_extent (self, self->drag_from, self->drag_to, &x0, &x1))
    {
      /* Where it was. */
      static const double dashes[] = { 4, 3 };

      td_draw_rounded_rectangle (cr, x0 + 0.5, top + 0.5, x1 - x0 - 1, height - 1, BAR_RADIUS);
      td_draw_set_color (cr, &colors->fg, 0.4);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (!bar_extent (self, from, to, &x0, &x1))
    {
      g_autofree char *window = format_window (from, to);
      g_autofree char *text = NULL;
      gboolean before = to != TD_DATE_NONE && to < self->first_day;

      /* Out of the months shown (or a window that ends before it
       * starts): the dates, on the side where they are. */
      if (from != TD_DATE_NONE && to != TD_DATE_NONE && from > to)
        /* TRANSLATORS: a promotion whose last day is before its first */
        text = g_strdup_printf (_("Ends before it starts: %s"), window);
      else
        text = g_strdup_printf (before ? "◂ %s" : "%s ▸", window);
      td_draw_text (GTK_WIDGET (self), cr, text, left + 8, y + ROW_HEIGHT / 2, right - left - 16,
                    before ? TD_TEXT_START : TD_TEXT_END,
                    0.9, TD_TEXT_PLAIN, &colors->fg, 0.6);
      cairo_restore (cr);
      return;
    }

  td_draw_rounded_rectangle (cr, x0, top, x1 - x0, height, BAR_RADIUS);
  td_draw_set_color (cr, fill, 1.0);
  cairo_fill (cr);

  for (guint i = 0; i < self->overlaps->len; i++)
    {
      const TdPromotionOverlap *overlap = self->overlaps->pdata[i];
      double o0 = overlap->from != TD_DATE_NONE ? x_of_day (self, overlap->from) : left - OFF_EDGE;
      double o1 = overlap->to != TD_DATE_NONE ? x_of_day (self, overlap->to + 1) : right + OFF_EDGE;

      if ((int) overlap->first == row || (int) overlap->second == row)
        draw_hatching (cr, x0, x1, o0, o1, top, height, ink);
    }

  /* The dates inside the bar, when they fit. */
  if (from != TD_DATE_NONE || to != TD_DATE_NONE)
    {
      g_autofree char *first = from != TD_DATE_NONE ? format_short_day (from) : NULL;
      g_autofree char *last = to != TD_DATE_NONE ? format_short_day (to) : NULL;
      g_autofree char *dates = g_strdup_printf ("%s – %s", first != NULL ? first : "…", last != NULL ? last : "…");
      double visible0 = MAX (x0, left), visible1 = MIN (x1, right);

      double dates_width = td_draw_text_width (GTK_WIDGET (self), dates, 0.85, TD_TEXT_PLAIN);

      if (dates_width + 16 <= visible1 - visible0)
        {
          /* On the bar's colour, so that hatching does not cross it. */
          td_draw_rounded_rectangle (cr, visible0 + 4, top + 3, dates_width + 8, height - 6, BAR_RADIUS - 2);
          td_draw_set_color (cr, fill, 1.0);
          cairo_fill (cr);
          td_draw_text (GTK_WIDGET (self), cr, dates, visible0 + 8, top + height / 2, -1, TD_TEXT_START, 0.85,
                        TD_TEXT_BOLD, ink, 1.0);
        }
    }

  if (focused)
    {
      td_draw_rounded_rectangle (cr, x0 - 2, top - 2, x1 - x0 + 4, height + 4, BAR_RADIUS + 2);
      td_draw_set_color (cr, &colors->accent, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  /* Which ones it overlaps, beside the bar where there is room; all of
   * it in the tooltip and the accessible description. */
  if (warn)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL, *text = NULL;
      double room_after = right - x1 - 16, room_before = x0 - left - 16;

      for (guint i = 0; i < self->overlaps->len; i++)
        {
          const TdPromotionOverlap *overlap = self->overlaps->pdata[i];

          if ((int) overlap->first == row || (int) overlap->second == row)
            {
              int other = (int) overlap->first == row ? (int) overlap->second : (int) overlap->first;

              /* TRANSLATORS: a promotion's name in quotes */
              g_ptr_array_add (names, g_strdup_printf (_("“%s”"), promotion_at (self, other)->name));
            }
        }
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (_(", "), (char **) names->pdata);
      /* TRANSLATORS: beside a bar: the promotions it overlaps, quoted */
      text = g_strdup_printf (_("⚠ Overlaps %s"), list);
      if (room_after >= 90 || (room_after >= room_before && room_after >= 40))
        td_draw_text (GTK_WIDGET (self), cr, text, x1 + 8, y + ROW_HEIGHT / 2, room_after, TD_TEXT_START, 0.85,
                      TD_TEXT_BOLD, &colors->warning, 1.0);
      else if (room_before >= 40)
        td_draw_text (GTK_WIDGET (self), cr, text, left + 8, y + ROW_HEIGHT / 2, room_before, TD_TEXT_END, 0.85,
                      TD_TEXT_BOLD, &colors->warning, 1.0);
    }
  cairo_restore (cr);
}

static void
draw_new_row (TdPromotionTimeline *self,
              cairo_t             *cr,
              const TdColors      *colors)
{
  static const double dashes[] = { 5, 4 };
  int row = (int) n_promotions (self);
  double y = row_y (row), top = y + BAR_INSET, height = ROW_HEIGHT - 2 * BAR_INSET;
  double left = NAME_WIDTH, right = NAME_WIDTH + timeline_width (self);
  double x0, x1;

  /* TRANSLATORS: the last row of the promotions timeline */
  td_draw_text (GTK_WIDGET (self), cr, _("New promotion"), 12, y + ROW_HEIGHT / 2, NAME_WIDTH - 24, TD_TEXT_START,
                1.0, TD_TEXT_PLAIN, &colors->fg, 0.55);
  td_draw_rounded_rectangle (cr, left + 4.5, top + 0.5, right - left - 9, height - 1, BAR_RADIUS);
  td_draw_set_color (cr, &colors->fg, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (self->drag_kind == DRAG_NEW && self->drag_started
      && bar_extent (self, self->drag_from, self->drag_to, &x0, &x1))
    {
      cairo_save (cr);
      cairo_rectangle (cr, left, y, right - left, ROW_HEIGHT);
      cairo_clip (cr);
      td_draw_rounded_rectangle (cr, x0, top, x1 - x0, height, BAR_RADIUS);
      td_draw_set_color (cr, &colors->accent_bg, 0.6);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  else
    td_draw_text (GTK_WIDGET (self), cr, _("Drag across the months to add a promotion"), left + 8, top + height / 2,
                  right - left - 16, TD_TEXT_CENTER, 0.85, TD_TEXT_PLAIN, &colors->fg, 0.55);
}

static void
draw_today (TdPromotionTimeline *self,
            cairo_t             *cr,
            const TdColors      *colors)
{
  TdDate today = effective_today (self);
  double left = NAME_WIDTH, right = NAME_WIDTH + timeline_width (self);
  double x, pill_width, pill_x;
  int year, month, day;

  if (today < self->first_day || today >= range_end (self))
    return;
  td_date_to_ymd (today, &year, &month, &day);
  /* The middle of today. */
  x = round (x_of_day (self, today) + month_width (self) / td_date_days_in_month (year, month) / 2);
  td_draw_set_color (cr, &colors->destructive_bg, 1.0);
  /* Below the month's name, through the promotions, not across the
   * new-promotion row's hint. */
  cairo_rectangle (cr, x - 1, HEADER_HEIGHT - 4, 2, row_y ((int) n_promotions (self)) - HEADER_HEIGHT + 4);
  cairo_fill (cr);

  pill_width = td_draw_text_width (GTK_WIDGET (self), _("Today"), 0.75, TD_TEXT_PLAIN) + 10;
  pill_x = CLAMP (x - pill_width / 2, left, right - pill_width);
  td_draw_rounded_rectangle (cr, pill_x, 2, pill_width, YEAR_HEIGHT - 4, (YEAR_HEIGHT - 4) / 2);
  cairo_fill (cr);
  /* TRANSLATORS: the marker of today's date on the promotions timeline */
  td_draw_text (GTK_WIDGET (self), cr, _("Today"), pill_x + pill_width / 2, YEAR_HEIGHT / 2, -1, TD_TEXT_CENTER,
                0.75, TD_TEXT_BOLD, &colors->destructive_fg, 1.0);
}

/* The dates a drag would give, over the row, like a tooltip. */
static void
draw_drag_bubble (TdPromotionTimeline *self,
                  cairo_t             *cr,
                  const TdColors      *colors)
{
  TdDate from, to;
  g_autofree char *text = NULL;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double bubble_width, bubble_height = 24, x, y;

  if (self->drag_kind == DRAG_NONE || !self->drag_started)
    return;
  if (self->drag_kind == DRAG_PROMOTION)
    {
      from = rule_from (promotion_at (self, self->drag_row));
      to = rule_to (promotion_at (self, self->drag_row));
    }
  else
    {
      from = self->drag_from;
      to = self->drag_to;
    }
  if (from != TD_DATE_NONE && to != TD_DATE_NONE)
    {
      guint days = (guint) (to - from + 1);
      g_autofree char *first = td_format_date (from), *last = td_format_date (to);

      /* TRANSLATORS: while dragging a bar: its first and last days, and
       * how many days that is */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s · %u day", "%s – %s · %u days", days),
                              first, last, days);
    }
  else
    text = format_window (from, to);
  bubble_width = td_draw_text_width (GTK_WIDGET (self), text, 0.9, TD_TEXT_PLAIN) + 16;
  x = CLAMP (self->drag_x - bubble_width / 2, 2, MAX (2, width - bubble_width - 2));
  y = MAX (2, row_y (self->drag_row) - bubble_height - 2);

  td_draw_rounded_rectangle (cr, x, y, bubble_width, bubble_height, 6);
  td_draw_set_color (cr, &colors->popover_bg, 1.0);
  cairo_fill_preserve (cr);
  td_draw_set_color (cr, &colors->fg, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  td_draw_text (GTK_WIDGET (self), cr, text, x + 8, y + bubble_height / 2, -1, TD_TEXT_START, 0.9, TD_TEXT_PLAIN,
                &colors->popover_fg, 1.0);
}

static void
td_promotion_timeline_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double bottom = row_y ((int) n_promotions (self) + 1);
  cairo_t *cr;
  TdColors colors;

  if (width <= 0 || height <= 0)
    return;
  td_draw_lookup_colors (GTK_WIDGET (self), &colors);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));

  /* Row backgrounds under the grid. */
  for (int row = 0; row <= (int) n_promotions (self); row++)
    {
      if (row == self->selected)
        td_draw_set_color (cr, &colors.accent_bg, gtk_widget_has_focus (widget) ? 0.16 : 0.08);
      else if (row == self->hover_row)
        td_draw_set_color (cr, &colors.fg, 0.04);
      else
        continue;
      cairo_rectangle (cr, 0, row_y (row), width, ROW_HEIGHT);
      cairo_fill (cr);
    }
  draw_header (self, cr, &colors, bottom);
  for (int row = 0; row < (int) n_promotions (self); row++)
    {
      td_draw_set_color (cr, &colors.fg, 0.07);
      cairo_rectangle (cr, 0, row_y (row + 1) - 1, width, 1);
      cairo_fill (cr);
      draw_promotion (self, cr, &colors, row);
    }
  draw_new_row (self, cr, &colors);
  draw_today (self, cr, &colors);
  draw_drag_bubble (self, cr, &colors);
  cairo_destroy (cr);
}

static void
td_promotion_timeline_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (NAME_WIDTH + END_PADDING) + (int) self->n_months * MONTH_WIDTH_MIN;
      *natural = (int) (NAME_WIDTH + END_PADDING) + (int) self->n_months * MONTH_WIDTH_NATURAL;
    }
  else
    *minimum = *natural = (int) (row_y ((int) n_promotions (self) + 1) + BOTTOM_PADDING);
}

static void
td_promotion_timeline_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (td_promotion_timeline_parent_class)->css_changed (widget, change);
  /* The named colours (light or dark style) are read when drawing. */
  gtk_widget_queue_draw (widget);
}

static void
td_promotion_timeline_focus_changed (TdPromotionTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static TdRule *
copy_promotion (const TdRule *rule)
{
  TdRule *copy = td_rule_new ();

  copy->id = g_strdup (rule->id);
  copy->name = g_strdup (rule->name != NULL && rule->name[0] != '\0' ? rule->name : rule->id);
  copy->kind = rule->kind;
  copy->metric = rule->metric;
  copy->has_active = TRUE;
  set_rule_dates (copy, rule_from (rule), rule_to (rule));
  if (rule->match != NULL)
    {
      copy->match = td_match_new ();
      copy->match->categories = g_strdupv (rule->match->categories);
      copy->match->skus = g_strdupv (rule->match->skus);
      copy->match->has_renewal = rule->match->has_renewal;
      copy->match->renewal = rule->match->renewal;
      copy->match->has_channels = rule->match->has_channels;
      memcpy (copy->match->channels, rule->match->channels, sizeof copy->match->channels);
    }
  return copy;
}

void
td_promotion_timeline_set_program (TdPromotionTimeline *self,
                                   const TdProgram     *program)
{
  g_autofree char *selected = NULL;

  g_return_if_fail (TD_IS_PROMOTION_TIMELINE (self));

  if (self->drag_kind != DRAG_NONE)
    {
      cancel_drag (self);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
    }
  selected = g_strdup (td_promotion_timeline_get_selected (self));
  if (selected == NULL && self->selected >= 0)
    selected = g_strdup ("");   /* the new-promotion row */
  g_clear_pointer (&self->promotions, td_program_free);
  self->promotions = td_program_new ();
  for (guint i = 0; program != NULL && i < program->categories->len; i++)
    {
      const TdCategory *category = program->categories->pdata[i];
      TdCategory *copy = td_category_new ();

      copy->id = g_strdup (category->id);
      copy->name = g_strdup (category->name);
      g_ptr_array_add (self->promotions->categories, copy);
    }
  for (guint i = 0; program != NULL && i < program->rules->len; i++)
    if (td_rule_is_promotion (program->rules->pdata[i]))
      g_ptr_array_add (self->promotions->rules, copy_promotion (program->rules->pdata[i]));
  recompute_overlaps (self);
  if (!self->range_set)
    set_default_range (self);
  if (selected != NULL && selected[0] == '\0')
    self->selected = (int) n_promotions (self);
  else
    self->selected = find_row (self, selected);
  self->hover_row = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
td_promotion_timeline_set_range (TdPromotionTimeline *self,
                                 TdDate               first_month_day,
                                 guint                n_months)
{
  g_return_if_fail (TD_IS_PROMOTION_TIMELINE (self));

  self->range_set = n_months > 0;
  if (n_months > 0)
    {
      self->first_day = td_date_bucket_start (first_month_day, TD_BUCKET_MONTH);
      self->n_months = n_months;
    }
  else
    set_default_range (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

TdDate
td_promotion_timeline_get_first_day (TdPromotionTimeline *self)
{
  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), TD_DATE_NONE);
  return self->first_day;
}

guint
td_promotion_timeline_get_n_months (TdPromotionTimeline *self)
{
  g_return_val_if_fail (TD_IS_PROMOTION_TIMELINE (self), 0);
  return self->n_months;
}

void
td_promotion_timeline_set_today (TdPromotionTimeline *self,
                                 TdDate               today)
{
  g_return_if_fail (TD_IS_PROMOTION_TIMELINE (self));

  self->today = today;
  if (!self->range_set)
    set_default_range (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

TdPromotionTimeline *
td_promotion_timeline_new (void)
{
  return g_object_new (TD_TYPE_PROMOTION_TIMELINE, NULL);
}

static void
td_promotion_timeline_finalize (GObject *object)
{
  TdPromotionTimeline *self = TD_PROMOTION_TIMELINE (object);

  g_clear_pointer (&self->promotions, td_program_free);
  g_clear_pointer (&self->overlaps, g_ptr_array_unref);
  G_OBJECT_CLASS (td_promotion_timeline_parent_class)->finalize (object);
}

static void
td_promotion_timeline_class_init (TdPromotionTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = td_promotion_timeline_finalize;
  widget_class->snapshot = td_promotion_timeline_snapshot;
  widget_class->measure = td_promotion_timeline_measure;
  widget_class->css_changed = td_promotion_timeline_css_changed;
  widget_class->query_tooltip = td_promotion_timeline_query_tooltip;

  /* The user moved a promotion's window, or one end of it, to these
   * dates (TD_DATE_NONE: an open end). */
  signals[SIGNAL_PROMOTION_CHANGED] =
    g_signal_new ("promotion-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT);
  /* The user drew a new promotion on these days. */
  signals[SIGNAL_PROMOTION_ADDED] =
    g_signal_new ("promotion-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  /* The user asked to open the promotion's rule. */
  signals[SIGNAL_PROMOTION_ACTIVATED] =
    g_signal_new ("promotion-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "timeline.select-previous", NULL, select_previous_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-next", NULL, select_next_action);
  /* (days, months) */
  gtk_widget_class_install_action (widget_class, "timeline.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "timeline.add-promotion", NULL, add_promotion_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "timeline.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "timeline.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "timeline.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "timeline.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "timeline.move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.move", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "timeline.move", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.move", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.move", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "timeline.add-promotion", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Insert, 0, "timeline.add-promotion", NULL);

  gtk_widget_class_set_css_name (widget_class, "promotion-timeline");
}

static void
td_promotion_timeline_init (TdPromotionTimeline *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->promotions = td_program_new ();
  self->overlaps = g_ptr_array_new_with_free_func ((GDestroyNotify) td_promotion_overlap_free);
  self->today = TD_DATE_NONE;
  self->selected = -1;
  self->hover_row = -1;
  set_default_range (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  self->drag_gesture = drag;
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (td_promotion_timeline_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (td_promotion_timeline_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  update_accessible (self);
}
