/* td-draw.h — what the widgets that draw themselves with cairo share:
 * theme colours, shapes and text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  TD_TEXT_START,
  TD_TEXT_CENTER,
  TD_TEXT_END,
} TdTextAlign;

typedef enum
{
  TD_TEXT_PLAIN   = 0,
  TD_TEXT_BOLD    = 1 << 0,
  TD_TEXT_FIGURES = 1 << 1,   /* tabular, so that amounts line up */
} TdTextStyle;

/* The theme's colours that the drawn widgets use: libadwaita's named
 * colours, and the widget's text colour. */
typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent_bg;
  GdkRGBA accent_fg;
  GdkRGBA accent;
  GdkRGBA warning_bg;
  GdkRGBA warning_fg;
  GdkRGBA warning;
  GdkRGBA destructive_bg;
  GdkRGBA destructive_fg;
  GdkRGBA destructive;
  GdkRGBA popover_bg;
  GdkRGBA popover_fg;
} TdColors;

void   td_draw_lookup_colors     (GtkWidget          *widget,
                                  TdColors           *colors);
/* @color with its alpha multiplied by @alpha. */
void   td_draw_set_color         (cairo_t            *cr,
                                  const GdkRGBA      *color,
                                  double              alpha);
void   td_draw_rounded_rectangle (cairo_t            *cr,
                                  double              x,
                                  double              y,
                                  double              width,
                                  double              height,
                                  double              radius);
/* In the widget's font, at @scale of its size. */
double td_draw_text_width        (GtkWidget          *widget,
                                  const char         *text,
                                  double              scale,
                                  TdTextStyle         style);
/* The height of a line. */
double td_draw_text_height       (GtkWidget          *widget,
                                  double              scale);
/* Draws @text vertically centred on @center_y, within @width (ellipsized;
 * -1: as wide as it is) from @x, or around or before @x when there is no
 * width; returns the width drawn. */
double td_draw_text              (GtkWidget          *widget,
                                  cairo_t            *cr,
                                  const char         *text,
                                  double              x,
                                  double              center_y,
                                  double              width,
                                  TdTextAlign         align,
                                  double              scale,
                                  TdTextStyle         style,
                                  const GdkRGBA      *color,
                                  double              alpha);

G_END_DECLS
