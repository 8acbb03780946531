/* td-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "td-chart.h"
#include "td-draw.h"
#include "td-format.h"

/* Around everything, so that the focus ring is inside the widget. */
#define SIDE            4.0
#define TITLE_HEIGHT    30.0
/* Bars. */
#define ROW_HEIGHT      28.0
#define ROW_PADDING     8.0
#define BAR_INSET       6.0
#define LABEL_GAP       12.0
#define VALUE_GAP       6.0
/* Long labels are ellipsized to this much of what the values leave, and
 * no wider than LABEL_MAX: the bars are the chart. */
#define LABEL_SHARE     0.4
#define LABEL_MAX       280.0
#define BARS_NATURAL    240.0
#define LABELS_NATURAL  240.0
/* Columns. */
#define COLUMNS_HEIGHT  220
#define COLUMNS_MIN     160
#define COLUMN_SHARE    0.7
#define COLUMN_MAX      48.0
#define COLUMN_NATURAL  28
#define COLUMN_MIN      6
#define AXIS_GAP        8.0
#define BUBBLE_PADDING  5.0
#define TICK_SCALE      0.85
#define LABEL_SCALE     0.9
/* The most gridlines' intervals on the y axis (and most often the least
 * is 3: the steps grow by at most 2.5). */
#define MAX_INTERVALS   5
#define BAR_RADIUS      3.0

/* Where things are at the widget's current size. */
typedef struct
{
  double width;
  double height;
  double top;              /* below the title */
  /* Bars. */
  double label_x;
  double label_width;
  double zero_x;
  double scale;            /* pixels per unit of value */
  /* Columns. */
  double plot_x0;
  double plot_x1;
  double plot_y0;
  double plot_y1;
  double slot;
  double label_y;          /* the middle of the categories' labels */
  guint  label_every;
} Geometry;

struct _TdChart
{
  GtkWidget parent_instance;

  TdChartKind kind;
  char       *title;
  GPtrArray  *labels;        /* char * */
  GArray     *values;        /* gint64 */
  GPtrArray  *value_texts;   /* exact, as beside a bar */
  TdChartUnit unit;
  char       *currency;
  gboolean    has_negative;
  int         highlight;
  int         cursor;
  int         hover;

  /* The y axis of columns, in values: -below … above steps. */
  guint64     step;
  guint       steps_above;
  guint       steps_below;
};

G_DEFINE_FINAL_TYPE (TdChart, td_chart, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_items (TdChart *self)
{
  return self->values->len;
}

static gint64
value_at (TdChart *self,
          guint    index)
{
  return g_array_index (self->values, gint64, index);
}

static const char *
label_at (TdChart *self,
          guint    index)
{
  return self->labels->pdata[index];
}

/* Words. */

static char *
format_value (TdChart *self,
              gint64   value,
              gboolean compact,
              gboolean sign)
{
  g_autofree char *text = NULL;

  switch (self->unit)
    {
    case TD_CHART_MONEY:
      text = compact ? td_format_money_compact (value, self->currency) : td_format_money (value, self->currency);
      break;
    case TD_CHART_COUNT:
      {
        guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
        g_autofree char *digits = td_format_count (magnitude);

        text = value < 0 ? g_strconcat ("-", digits, NULL) : g_steal_pointer (&digits);
      }
      break;
    case TD_CHART_PERCENT:
    default:
      /* To TdRate's 1/10,000 %; no chart shows 10¹⁵ %. */
      text = td_format_rate (CLAMP (value, G_MININT64 / 100, G_MAXINT64 / 100) * 100);
      break;
    }
  /* A delta says which way it goes. */
  if (sign && value > 0)
    return g_strconcat ("+", text, NULL);
  return g_steal_pointer (&text);
}

static char *
describe_item (TdChart *self,
               guint    index)
{
  /* TRANSLATORS: a chart's item and its value: "Gold: 1,250.00 €" */
  return g_strdup_printf (_("%s: %s"), label_at (self, index), (const char *) self->value_texts->pdata[index]);
}

char *
td_chart_get_description (TdChart *self)
{
  GString *text;

  g_return_val_if_fail (TD_IS_CHART (self), NULL);

  if (n_items (self) == 0)
    return g_strdup (_("No data."));
  text = g_string_new (NULL);
  for (guint i = 0; i < n_items (self); i++)
    {
      g_autofree char *item = describe_item (self, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      /* TRANSLATORS: one item of a chart's accessible description, a
       * sentence */
      g_string_append_printf (text, _("%s."), item);
    }
  return g_string_free (text, FALSE);
}

static void
update_accessible (TdChart *self)
{
  g_autofree char *description = td_chart_get_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The y axis: the smallest round step (1, 2, 2.5, 5 × 10ⁿ, in the
 * values' own units, so that no tick falls between two cents) that
 * covers the values in at most MAX_INTERVALS steps, zero on a gridline. */
static void
compute_axis (TdChart *self)
{
  guint64 up = 0, down = 0;

  for (guint i = 0; i < n_items (self); i++)
    {
      gint64 value = value_at (self, i);

      if (value >= 0)
        up = MAX (up, (guint64) value);
      else
        down = MAX (down, (guint64) 0 - (guint64) value);
    }
  /* Nothing but zeros: an axis of 0 to 5 of something. */
  if (up == 0 && down == 0)
    up = self->unit == TD_CHART_COUNT ? 5 : 500;

  for (guint64 power = 1; ; power *= 10)
    {
      const guint64 candidates[] = { power, 2 * power, power >= 10 ? power / 2 * 5 : 0, 5 * power };

      for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
        {
          guint64 step = candidates[c];
          guint64 above, below;

          if (step == 0)
            continue;
          above = up / step + (up % step != 0);
          below = down / step + (down % step != 0);
          /* 5 × 10¹⁸ covers any gint64 in 2 steps: the loop ends there. */
          if (above + below <= MAX_INTERVALS)
            {
              self->step = step;
              self->steps_above = (guint) above;
              self->steps_below = (guint) below;
              return;
            }
        }
    }
}

static gint64
tick_value (TdChart *self,
            int      k)
{
  guint64 magnitude = (guint64) ABS (k) * self->step;

  /* Only a gint64's extremes round past its range. */
  if (k >= 0)
    return magnitude > (guint64) G_MAXINT64 ? G_MAXINT64 : (gint64) magnitude;
  return magnitude > (guint64) G_MAXINT64 ? G_MININT64 : -(gint64) magnitude;
}

char **
td_chart_get_tick_labels (TdChart *self)
{
  GStrvBuilder *builder;
  char **labels;

  g_return_val_if_fail (TD_IS_CHART (self), NULL);

  builder = g_strv_builder_new ();
  if (self->kind == TD_CHART_COLUMNS && n_items (self) > 0)
    for (int k = -(int) self->steps_below; k <= (int) self->steps_above; k++)
      {
        g_autofree char *label = format_value (self, tick_value (self, k), TRUE, FALSE);

        g_strv_builder_add (builder, label);
      }
  labels = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return labels;
}

/* Geometry. */

static void
measure_values (TdChart *self,
                double  *positive,
                double  *negative)
{
  *positive = *negative = 0;
  for (guint i = 0; i < n_items (self); i++)
    {
      /* Bold, as when highlighted, so that nothing moves when the
       * highlight does. */
      double width = td_draw_text_width (GTK_WIDGET (self), self->value_texts->pdata[i], 1.0,
                                         TD_TEXT_FIGURES | TD_TEXT_BOLD);

      if (value_at (self, i) < 0)
        *negative = MAX (*negative, width);
      else
        *positive = MAX (*positive, width);
    }
}

static double
widest_label (TdChart  *self,
              double    scale,
              TdTextStyle style)
{
  double widest = 0;

  for (guint i = 0; i < n_items (self); i++)
    widest = MAX (widest, td_draw_text_width (GTK_WIDGET (self), label_at (self, i), scale, style));
  return widest;
}

static double
widest_tick (TdChart *self)
{
  g_auto(GStrv) ticks = td_chart_get_tick_labels (self);
  double widest = 0;

  for (guint i = 0; ticks[i] != NULL; i++)
    widest = MAX (widest, td_draw_text_width (GTK_WIDGET (self), ticks[i], TICK_SCALE, TD_TEXT_FIGURES));
  return widest;
}

static double
title_height (TdChart *self)
{
  return self->title != NULL && self->title[0] != '\0' ? TITLE_HEIGHT : 0;
}

/* Room for a value's bubble over the columns. */
static double
bubble_height (TdChart *self)
{
  return td_draw_text_height (GTK_WIDGET (self), 1.0) + 2 * BUBBLE_PADDING;
}

static void
compute_bars (TdChart  *self,
              Geometry *g)
{
  double label_natural = widest_label (self, 1.0, TD_TEXT_BOLD);
  double positive_width, negative_width, negative_room, rest, bars_width;
  double most_positive = 0, most_negative = 0;

  measure_values (self, &positive_width, &negative_width);
  /* The values are never cut: their room is taken first. */
  negative_room = negative_width > 0 ? negative_width + VALUE_GAP : 0;
  rest = g->width - 2 * (SIDE + ROW_PADDING) - LABEL_GAP - negative_room - positive_width - VALUE_GAP;
  g->label_x = SIDE + ROW_PADDING;
  g->label_width = MAX (0, MIN (label_natural, MIN (rest * LABEL_SHARE, LABEL_MAX)));
  bars_width = MAX (0, rest - g->label_width);
  for (guint i = 0; i < n_items (self); i++)
    {
      double value = (double) value_at (self, i);

      most_positive = MAX (most_positive, value);
      most_negative = MAX (most_negative, -value);
    }
  g->scale = most_positive + most_negative > 0 ? bars_width / (most_positive + most_negative) : 0;
  g->zero_x = round (g->label_x + g->label_width + LABEL_GAP + negative_room + most_negative * g->scale);
}

static void
compute_columns (TdChart  *self,
                 Geometry *g)
{
  double tick_height = td_draw_text_height (GTK_WIDGET (self), TICK_SCALE);
  double label_height = td_draw_text_height (GTK_WIDGET (self), LABEL_SCALE);
  double label_natural = widest_label (self, LABEL_SCALE, TD_TEXT_PLAIN);
  static const guint every[] = { 1, 2, 3, 4, 6, 12 };

  g->plot_x0 = round (SIDE + widest_tick (self) + AXIS_GAP);
  g->plot_x1 = g->width - SIDE;
  g->plot_y0 = round (g->top + bubble_height (self) + 4);
  /* The bottom tick's label is centred on the last gridline: the
   * categories' labels start below it. */
  g->label_y = g->height - SIDE - label_height / 2;
  g->plot_y1 = round (MAX (g->plot_y0 + 1, g->label_y - label_height / 2 - tick_height / 2 - 2));
  g->slot = (g->plot_x1 - g->plot_x0) / MAX (n_items (self), 1);
  /* Every label when they fit, else one in 2, 3, 4, 6, 12 (months:
   * quarters, half years, years), 24… */
  g->label_every = 0;
  for (guint i = 0; i < G_N_ELEMENTS (every) && g->label_every == 0; i++)
    if (label_natural + 8 <= every[i] * g->slot)
      g->label_every = every[i];
  if (g->label_every == 0)
    g->label_every = 12 * (guint) ceil ((label_natural + 8) / (12 * MAX (g->slot, 0.1)));
}

static void
compute_geometry (TdChart  *self,
                  Geometry *g)
{
  memset (g, 0, sizeof *g);
  g->width = gtk_widget_get_width (GTK_WIDGET (self));
  g->height = gtk_widget_get_height (GTK_WIDGET (self));
  g->top = title_height (self);
  if (n_items (self) == 0)
    return;
  if (self->kind == TD_CHART_BARS)
    compute_bars (self, g);
  else
    compute_columns (self, g);
}

static double
row_y (const Geometry *g,
       guint           index)
{
  return g->top + index * ROW_HEIGHT;
}

/* Columns: the y of a value. */
static double
value_y (TdChart        *self,
         const Geometry *g,
         gint64          value)
{
  double low = -(double) self->steps_below * (double) self->step;
  double high = (double) self->steps_above * (double) self->step;

  return g->plot_y1 - ((double) value - low) / (high - low) * (g->plot_y1 - g->plot_y0);
}

static void
column_extent (TdChart         *self,
               const Geometry  *g,
               guint            index,
               graphene_rect_t *rect)
{
  double width = MAX (1, MIN (g->slot * COLUMN_SHARE, COLUMN_MAX));
  double x = round (g->plot_x0 + index * g->slot + (g->slot - width) / 2);
  double zero = round (value_y (self, g, 0));
  double end = round (value_y (self, g, value_at (self, index)));

  graphene_rect_init (rect, (float) x, (float) MIN (zero, end), (float) round (width), (float) fabs (end - zero));
}

static void
bar_extent (TdChart         *self,
            const Geometry  *g,
            guint            index,
            graphene_rect_t *rect)
{
  double length = round ((double) value_at (self, index) * g->scale);
  double top = row_y (g, index) + BAR_INSET;

  graphene_rect_init (rect, (float) (length < 0 ? g->zero_x + length : g->zero_x), (float) top,
                      (float) fabs (length), (float) (ROW_HEIGHT - 2 * BAR_INSET));
}

/* What a click on the item takes: its row, or its column's slot. */
static void
item_area (TdChart         *self,
           const Geometry  *g,
           guint            index,
           graphene_rect_t *rect)
{
  if (self->kind == TD_CHART_BARS)
    graphene_rect_init (rect, (float) SIDE, (float) row_y (g, index), (float) (g->width - 2 * SIDE), (float) ROW_HEIGHT);
  else
    graphene_rect_init (rect, (float) (g->plot_x0 + index * g->slot), (float) g->top,
                        (float) g->slot, (float) (g->height - g->top));
}

static int
item_at (TdChart        *self,
         const Geometry *g,
         double          x,
         double          y)
{
  double position;

  if (n_items (self) == 0)
    return -1;
  if (self->kind == TD_CHART_BARS)
    {
      if (x < SIDE || x >= g->width - SIDE || y < g->top)
        return -1;
      position = floor ((y - g->top) / ROW_HEIGHT);
    }
  else
    {
      if (y < g->top || y >= g->height || x < g->plot_x0 || g->slot <= 0)
        return -1;
      position = floor ((x - g->plot_x0) / g->slot);
    }
  return position >= 0 && position < n_items (self) ? (int) position : -1;
}

int
td_chart_get_item_at (TdChart *self,
                      double   x,
                      double   y)
{
  Geometry g;

  g_return_val_if_fail (TD_IS_CHART (self), -1);

  compute_geometry (self, &g);
  return item_at (self, &g, x, y);
}

gboolean
td_chart_get_item_bounds (TdChart         *self,
                          guint            index,
                          graphene_rect_t *bounds)
{
  Geometry g;

  g_return_val_if_fail (TD_IS_CHART (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (index >= n_items (self) || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;
  compute_geometry (self, &g);
  if (self->kind == TD_CHART_BARS)
    bar_extent (self, &g, index, bounds);
  else
    column_extent (self, &g, index, bounds);
  return TRUE;
}

/* Drawing. */

/* A bar or column square on the zero line and rounded at its far end:
 * @direction is where the far end is (0 right, 1 up, 2 left, 3 down). */
static void
bar_path (cairo_t               *cr,
          const graphene_rect_t *rect,
          int                    direction)
{
  double x = rect->origin.x, y = rect->origin.y, w = rect->size.width, h = rect->size.height;
  double r = MIN (BAR_RADIUS, MIN (w, h) / 2);

  cairo_new_sub_path (cr);
  switch (direction)
    {
    case 0:
      cairo_move_to (cr, x, y);
      cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
      cairo_line_to (cr, x, y + h);
      break;
    case 1:
      cairo_move_to (cr, x, y + h);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
      cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
      cairo_line_to (cr, x + w, y + h);
      break;
    case 2:
      cairo_move_to (cr, x + w, y + h);
      cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
      cairo_line_to (cr, x + w, y);
      break;
    case 3:
    default:
      cairo_move_to (cr, x + w, y);
      cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
      cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
      cairo_line_to (cr, x, y);
      break;
    }
  cairo_close_path (cr);
}

/* The item's fill: the accent, or the destructive colour under zero;
 * paler beside a highlighted one. */
static void
set_item_color (TdChart      *self,
                cairo_t      *cr,
                const TdColors *colors,
                guint         index)
{
  gboolean faded = self->highlight >= 0 && (int) index != self->highlight;

  td_draw_set_color (cr, value_at (self, index) < 0 ? &colors->destructive_bg : &colors->accent_bg, faded ? 0.45 : 1.0);
}

/* The keyboard's item, in libadwaita's focus ring colour. */
static void
draw_focus (cairo_t               *cr,
            const TdColors        *colors,
            const graphene_rect_t *area)
{
  td_draw_rounded_rectangle (cr, area->origin.x + 1, area->origin.y + 1, area->size.width - 2, area->size.height - 2,
                             6);
  td_draw_set_color (cr, &colors->accent, 0.5);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static gboolean
shows_cursor (TdChart *self)
{
  return gtk_widget_has_focus (GTK_WIDGET (self)) && self->cursor >= 0 && (guint) self->cursor < n_items (self);
}

static void
draw_bars (TdChart        *self,
           cairo_t        *cr,
           const TdColors *colors,
           const Geometry *g)
{
  graphene_rect_t area;

  if (self->hover >= 0)
    {
      item_area (self, g, (guint) self->hover, &area);
      td_draw_rounded_rectangle (cr, area.origin.x, area.origin.y, area.size.width, area.size.height, 6);
      td_draw_set_color (cr, &colors->fg, 0.05);
      cairo_fill (cr);
    }

  for (guint i = 0; i < n_items (self); i++)
    {
      gint64 value = value_at (self, i);
      double middle = row_y (g, i) + ROW_HEIGHT / 2;
      const char *value_text = self->value_texts->pdata[i];
      TdTextStyle label_style = (int) i == self->highlight ? TD_TEXT_BOLD : TD_TEXT_PLAIN;
      graphene_rect_t bar;

      td_draw_text (GTK_WIDGET (self), cr, label_at (self, i), g->label_x, middle, g->label_width, TD_TEXT_START,
                    1.0, label_style, &colors->fg, 1.0);
      bar_extent (self, g, i, &bar);
      if (bar.size.width > 0)
        {
          bar_path (cr, &bar, value < 0 ? 2 : 0);
          set_item_color (self, cr, colors, i);
          cairo_fill (cr);
        }
      if (value < 0)
        td_draw_text (GTK_WIDGET (self), cr, value_text, bar.origin.x - VALUE_GAP, middle, -1, TD_TEXT_END,
                      1.0, TD_TEXT_FIGURES | label_style, &colors->destructive, 1.0);
      else
        td_draw_text (GTK_WIDGET (self), cr, value_text, bar.origin.x + bar.size.width + VALUE_GAP, middle, -1,
                      TD_TEXT_START,
                      1.0, TD_TEXT_FIGURES | label_style, &colors->fg, 1.0);
    }

  /* The zero line, over the bars' square ends. */
  td_draw_set_color (cr, &colors->fg, 0.35);
  cairo_rectangle (cr, g->zero_x - 0.5, g->top + 2, 1, n_items (self) * ROW_HEIGHT - 4);
  cairo_fill (cr);

  if (shows_cursor (self))
    {
      item_area (self, g, (guint) self->cursor, &area);
      draw_focus (cr, colors, &area);
    }
}

/* The value of a column, over it, like a tooltip. */
static void
draw_bubble (TdChart        *self,
             cairo_t        *cr,
             const TdColors *colors,
             const Geometry *g,
             guint           index)
{
  g_autofree char *text = describe_item (self, index);
  double height = bubble_height (self);
  double width = td_draw_text_width (GTK_WIDGET (self), text, 1.0, TD_TEXT_FIGURES) + 2 * BUBBLE_PADDING + 4;
  graphene_rect_t column;
  double x, y;

  column_extent (self, g, index, &column);
  /* Over the plot, not over the axis's labels. */
  x = CLAMP (column.origin.x + column.size.width / 2 - width / 2, g->plot_x0, MAX (g->plot_x0, g->width - SIDE - width));
  y = MAX (g->top, round (value_y (self, g, MAX (value_at (self, index), 0))) - height - 4);
  td_draw_rounded_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1, 6);
  td_draw_set_color (cr, &colors->popover_bg, 1.0);
  cairo_fill_preserve (cr);
  td_draw_set_color (cr, &colors->fg, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  td_draw_text (GTK_WIDGET (self), cr, text, x + width / 2, y + height / 2, -1, TD_TEXT_CENTER, 1.0, TD_TEXT_FIGURES,
                &colors->popover_fg, 1.0);
}

static void
draw_columns (TdChart        *self,
              cairo_t        *cr,
              const TdColors *colors,
              const Geometry *g)
{
  g_auto(GStrv) ticks = td_chart_get_tick_labels (self);
  gboolean values_fit = !self->has_negative;
  g_autoptr(GPtrArray) compact = g_ptr_array_new_with_free_func (g_free);
  graphene_rect_t area;
  int bubble = -1;

  if (self->hover >= 0)
    {
      item_area (self, g, (guint) self->hover, &area);
      td_draw_rounded_rectangle (cr, area.origin.x, g->plot_y0 - 2, area.size.width, g->plot_y1 - g->plot_y0 + 4, 4);
      td_draw_set_color (cr, &colors->fg, 0.05);
      cairo_fill (cr);
    }

  /* Gridlines and their labels; zero stronger. */
  for (int k = -(int) self->steps_below; k <= (int) self->steps_above; k++)
    {
      double y = round (value_y (self, g, tick_value (self, k)));

      td_draw_set_color (cr, &colors->fg, k == 0 ? 0.35 : 0.1);
      cairo_rectangle (cr, g->plot_x0, y - 0.5, g->plot_x1 - g->plot_x0, 1);
      cairo_fill (cr);
      td_draw_text (GTK_WIDGET (self), cr, ticks[k + (int) self->steps_below], g->plot_x0 - AXIS_GAP, y, -1,
                    TD_TEXT_END,
                    TICK_SCALE, TD_TEXT_FIGURES, &colors->fg, 0.7);
    }

  /* The compact values over the columns, when every one fits in its
   * slot; else the one hovered, chosen or highlighted in a bubble. */
  for (guint i = 0; i < n_items (self) && values_fit; i++)
    {
      char *text = format_value (self, value_at (self, i), TRUE, FALSE);

      g_ptr_array_add (compact, text);
      values_fit = td_draw_text_width (GTK_WIDGET (self), text, TICK_SCALE, TD_TEXT_FIGURES) + 4 <= g->slot;
    }

  for (guint i = 0; i < n_items (self); i++)
    {
      gint64 value = value_at (self, i);
      graphene_rect_t column;
      double center;

      column_extent (self, g, i, &column);
      center = column.origin.x + column.size.width / 2;
      if (column.size.height > 0)
        {
          bar_path (cr, &column, value < 0 ? 3 : 1);
          set_item_color (self, cr, colors, i);
          cairo_fill (cr);
        }
      if (values_fit)
        td_draw_text (GTK_WIDGET (self), cr, compact->pdata[i], center,
                      column.origin.y - 3 - td_draw_text_height (GTK_WIDGET (self), TICK_SCALE) / 2,
                      -1, TD_TEXT_CENTER, TICK_SCALE,
                      TD_TEXT_FIGURES | ((int) i == self->highlight ? TD_TEXT_BOLD : TD_TEXT_PLAIN), &colors->fg, 0.8);
      if (i % g->label_every == 0)
        {
          double room = g->label_every * g->slot - 8;
          double left = CLAMP (center - room / 2, SIDE, MAX (SIDE, g->width - SIDE - room));

          td_draw_text (GTK_WIDGET (self), cr, label_at (self, i), left, g->label_y, room, TD_TEXT_CENTER, LABEL_SCALE,
                        (int) i == self->highlight ? TD_TEXT_BOLD : TD_TEXT_PLAIN, &colors->fg, 0.8);
        }
    }

  if (shows_cursor (self))
    {
      item_area (self, g, (guint) self->cursor, &area);
      draw_focus (cr, colors, &area);
    }

  if (self->hover >= 0)
    bubble = self->hover;
  else if (shows_cursor (self))
    bubble = self->cursor;
  else if (self->highlight >= 0 && !values_fit)
    bubble = self->highlight;
  if (bubble >= 0)
    draw_bubble (self, cr, colors, g, (guint) bubble);
}

static void
td_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  TdChart *self = TD_CHART (widget);
  Geometry g;
  TdColors colors;
  cairo_t *cr;

  compute_geometry (self, &g);
  if (g.width <= 0 || g.height <= 0)
    return;
  td_draw_lookup_colors (GTK_WIDGET (self), &colors);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) g.width, (float) g.height));

  if (g.top > 0)
    td_draw_text (GTK_WIDGET (self), cr, self->title, SIDE + ROW_PADDING, TITLE_HEIGHT / 2,
                  g.width - 2 * (SIDE + ROW_PADDING),
                  TD_TEXT_START, 1.0, TD_TEXT_BOLD, &colors.fg, 1.0);
  if (n_items (self) == 0)
    /* TRANSLATORS: a chart with nothing to show */
    td_draw_text (GTK_WIDGET (self), cr, _("No data"), SIDE, (g.top + g.height) / 2, g.width - 2 * SIDE, TD_TEXT_CENTER,
                  1.0, TD_TEXT_PLAIN, &colors.fg, 0.55);
  else if (self->kind == TD_CHART_BARS)
    draw_bars (self, cr, &colors, &g);
  else
    draw_columns (self, cr, &colors, &g);
  cairo_destroy (cr);
}

static void
td_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  TdChart *self = TD_CHART (widget);
  double top = title_height (self);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      if (self->kind == TD_CHART_BARS || n_items (self) == 0)
        *minimum = *natural = (int) (top + MAX (n_items (self), 2) * ROW_HEIGHT + SIDE);
      else
        {
          *minimum = COLUMNS_MIN;
          *natural = COLUMNS_HEIGHT;
        }
      return;
    }

  if (n_items (self) == 0)
    {
      *minimum = (int) (td_draw_text_width (GTK_WIDGET (self), _("No data"), 1.0, TD_TEXT_PLAIN) + 2 * SIDE);
      *natural = *minimum + (int) BARS_NATURAL;
    }
  else if (self->kind == TD_CHART_BARS)
    {
      double positive, negative, fixed;

      measure_values (self, &positive, &negative);
      fixed = 2 * (SIDE + ROW_PADDING) + LABEL_GAP + (negative > 0 ? negative + VALUE_GAP : 0) + positive + VALUE_GAP;
      /* The values whole, something of the labels, short bars. */
      *minimum = (int) ceil (fixed + 40 + 40);
      *natural = (int) ceil (fixed + MIN (widest_label (self, 1.0, TD_TEXT_BOLD), LABELS_NATURAL) + BARS_NATURAL);
    }
  else
    {
      double axis = ceil (SIDE + widest_tick (self) + AXIS_GAP + SIDE);

      *minimum = (int) axis + (int) n_items (self) * COLUMN_MIN;
      *natural = (int) axis + MAX ((int) n_items (self) * COLUMN_NATURAL, (int) BARS_NATURAL);
    }
}

static void
td_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (td_chart_parent_class)->css_changed (widget, change);
  /* The named colours (light or dark) are read when drawing; the font
   * decides the room the labels and values take. */
  gtk_widget_queue_resize (widget);
}

static gboolean
td_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  TdChart *self = TD_CHART (widget);
  Geometry g;
  g_autofree char *text = NULL;
  graphene_rect_t area;
  int index;

  compute_geometry (self, &g);
  index = keyboard_mode ? self->cursor : item_at (self, &g, x, y);
  if (index < 0 || (guint) index >= n_items (self))
    return FALSE;
  text = describe_item (self, (guint) index);
  gtk_tooltip_set_text (tooltip, text);
  item_area (self, &g, (guint) index, &area);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                                                       (int) area.size.width, (int) area.size.height });
  return TRUE;
}

/* Keyboard and pointer. */

static void
set_cursor (TdChart *self,
            int      index)
{
  if (index == self->cursor)
    return;
  self->cursor = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Where the arrows start, once focused: the highlighted item, or the
 * first. */
static void
place_cursor (TdChart *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->cursor < 0 && n_items (self) > 0)
    self->cursor = self->highlight >= 0 ? self->highlight : 0;
}

int
td_chart_get_cursor (TdChart *self)
{
  g_return_val_if_fail (TD_IS_CHART (self), -1);
  return self->cursor;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdChart *self = TD_CHART (widget);
  gint64 target;

  if (n_items (self) == 0)
    return;
  /* From nothing, either way: the first. */
  if (self->cursor < 0)
    target = 0;
  else
    target = (gint64) self->cursor + g_variant_get_int32 (parameter);
  set_cursor (self, (int) CLAMP (target, 0, (gint64) n_items (self) - 1));
}

static void
activate_item (TdChart *self,
               int      index)
{
  if (index < 0 || (guint) index >= n_items (self))
    return;
  g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0, (guint) index);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TdChart *self = TD_CHART (widget);

  activate_item (self, self->cursor);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TdChart         *self)
{
  int index;

  if (n_press != 1)
    return;
  index = td_chart_get_item_at (self, x, y);
  if (index < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_cursor (self, index);
  activate_item (self, index);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TdChart                  *self)
{
  int index = td_chart_get_item_at (self, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), index >= 0 ? "pointer" : NULL);
  if (index != self->hover)
    {
      self->hover = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          TdChart                  *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* has-focus rather than a focus controller: it follows the focus
 * widget even while the window is not the active one. */
static void
has_focus_cb (TdChart    *self,
              GParamSpec *pspec)
{
  place_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The API. */

TdChart *
td_chart_new (TdChartKind kind)
{
  TdChart *self = g_object_new (TD_TYPE_CHART, NULL);

  self->kind = kind;
  gtk_widget_add_css_class (GTK_WIDGET (self), kind == TD_CHART_BARS ? "bars" : "columns");
  return self;
}

TdChart *
td_chart_new_in_card (TdChartKind   kind,
                      const char   *title,
                      GtkWidget   **card)
{
  TdChart *chart = td_chart_new (kind);

  g_return_val_if_fail (card != NULL, chart);

  td_chart_set_title (chart, title);
  gtk_widget_set_hexpand (GTK_WIDGET (chart), TRUE);
  *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (*card, "card");
  gtk_widget_add_css_class (*card, "chart-card");
  gtk_box_append (GTK_BOX (*card), GTK_WIDGET (chart));
  return chart;
}

TdChartKind
td_chart_get_kind (TdChart *self)
{
  g_return_val_if_fail (TD_IS_CHART (self), TD_CHART_BARS);
  return self->kind;
}

void
td_chart_set_title (TdChart    *self,
                    const char *title)
{
  g_return_if_fail (TD_IS_CHART (self));

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
td_chart_get_title (TdChart *self)
{
  g_return_val_if_fail (TD_IS_CHART (self), NULL);
  return self->title;
}

void
td_chart_set_data (TdChart           *self,
                   const char *const *labels,
                   const gint64      *values,
                   guint              n,
                   TdChartUnit        unit,
                   const char        *currency)
{
  g_return_if_fail (TD_IS_CHART (self));
  g_return_if_fail (n == 0 || (labels != NULL && values != NULL));
  g_return_if_fail (n <= G_MAXINT);

  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->value_texts, 0);
  g_array_set_size (self->values, 0);
  g_free (self->currency);
  self->currency = g_strdup (currency);
  self->unit = unit;
  self->has_negative = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->labels, g_strdup (labels[i] != NULL ? labels[i] : ""));
      g_array_append_val (self->values, values[i]);
      self->has_negative |= values[i] < 0;
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->value_texts, format_value (self, values[i], FALSE, self->has_negative));
  compute_axis (self);
  if (self->highlight >= (int) n)
    self->highlight = -1;
  if (self->cursor >= (int) n)
    self->cursor = n > 0 ? (int) n - 1 : -1;
  self->hover = -1;
  place_cursor (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
td_chart_get_n_items (TdChart *self)
{
  g_return_val_if_fail (TD_IS_CHART (self), 0);
  return n_items (self);
}

void
td_chart_set_highlight (TdChart *self,
                        int      index)
{
  g_return_if_fail (TD_IS_CHART (self));

  if (index < 0 || (guint) index >= n_items (self))
    index = -1;
  if (index == self->highlight)
    return;
  self->highlight = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
td_chart_get_highlight (TdChart *self)
{
  g_return_val_if_fail (TD_IS_CHART (self), -1);
  return self->highlight;
}

char *
td_chart_format_value (TdChart *self,
                       guint    index)
{
  g_return_val_if_fail (TD_IS_CHART (self), NULL);
  g_return_val_if_fail (index < n_items (self), NULL);
  return g_strdup (self->value_texts->pdata[index]);
}

static void
td_chart_finalize (GObject *object)
{
  TdChart *self = TD_CHART (object);

  g_free (self->title);
  g_free (self->currency);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->value_texts, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  G_OBJECT_CLASS (td_chart_parent_class)->finalize (object);
}

static void
td_chart_class_init (TdChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; int step; } moves[] = {
    { GDK_KEY_Left, -1 }, { GDK_KEY_KP_Left, -1 }, { GDK_KEY_Up, -1 }, { GDK_KEY_KP_Up, -1 },
    { GDK_KEY_Right, 1 }, { GDK_KEY_KP_Right, 1 }, { GDK_KEY_Down, 1 }, { GDK_KEY_KP_Down, 1 },
    { GDK_KEY_Home, G_MININT32 }, { GDK_KEY_KP_Home, G_MININT32 },
    { GDK_KEY_End, G_MAXINT32 }, { GDK_KEY_KP_End, G_MAXINT32 },
  };

  object_class->finalize = td_chart_finalize;
  widget_class->snapshot = td_chart_snapshot;
  widget_class->measure = td_chart_measure;
  widget_class->css_changed = td_chart_css_changed;
  widget_class->query_tooltip = td_chart_query_tooltip;

  /* The user clicked an item, or chose it with the keyboard. */
  signals[SIGNAL_ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /* By so many items; from none, to the first. */
  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, "chart.move", "i", moves[i].step);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "chart.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
td_chart_init (TdChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->value_texts = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->highlight = self->cursor = self->hover = -1;
  compute_axis (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (self, "notify::has-focus", G_CALLBACK (has_focus_cb), NULL);

  update_accessible (self);
}
