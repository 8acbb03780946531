/* td-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "td-draw.h"

void
td_draw_lookup_colors (GtkWidget *widget,
                       TdColors  *colors)
{
  static const struct
  {
    const char *name;
    gsize       offset;
    const char *fallback;   /* libadwaita 1.2's light value */
  } named[] = {
    { "accent_bg_color", G_STRUCT_OFFSET (TdColors, accent_bg), "#3584e4" },
    { "accent_fg_color", G_STRUCT_OFFSET (TdColors, accent_fg), "#ffffff" },
    { "accent_color", G_STRUCT_OFFSET (TdColors, accent), "#1c71d8" },
    { "warning_bg_color", G_STRUCT_OFFSET (TdColors, warning_bg), "#e5a50a" },
    { "warning_fg_color", G_STRUCT_OFFSET (TdColors, warning_fg), "rgba(0,0,0,0.8)" },
    { "warning_color", G_STRUCT_OFFSET (TdColors, warning), "#9c6e03" },
    { "destructive_bg_color", G_STRUCT_OFFSET (TdColors, destructive_bg), "#e01b24" },
    { "destructive_fg_color", G_STRUCT_OFFSET (TdColors, destructive_fg), "#ffffff" },
    { "destructive_color", G_STRUCT_OFFSET (TdColors, destructive), "#c01c28" },
    { "popover_bg_color", G_STRUCT_OFFSET (TdColors, popover_bg), "#ffffff" },
    { "popover_fg_color", G_STRUCT_OFFSET (TdColors, popover_fg), "rgba(0,0,0,0.8)" },
  };
  /* The style context: GTK 4.8 (Debian 12) has no other way to the
   * theme's named colours. */
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, &colors->fg);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GdkRGBA *slot = G_STRUCT_MEMBER_P (colors, named[i].offset);

      if (!gtk_style_context_lookup_color (context, named[i].name, slot))
        gdk_rgba_parse (slot, named[i].fallback);
    }
}

void
td_draw_set_color (cairo_t       *cr,
                   const GdkRGBA *color,
                   double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
td_draw_rounded_rectangle (cairo_t *cr,
                           double   x,
                           double   y,
                           double   width,
                           double   height,
                           double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static PangoLayout *
create_layout (GtkWidget   *widget,
               const char  *text,
               double       scale,
               TdTextStyle  style)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attributes = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attributes, pango_attr_scale_new (scale));
  if (style & TD_TEXT_BOLD)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (style & TD_TEXT_FIGURES)
    pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

double
td_draw_text_width (GtkWidget   *widget,
                    const char  *text,
                    double       scale,
                    TdTextStyle  style)
{
  g_autoptr(PangoLayout) layout = create_layout (widget, text, scale, style);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

double
td_draw_text_height (GtkWidget *widget,
                     double     scale)
{
  g_autoptr(PangoLayout) layout = create_layout (widget, "0", scale, TD_TEXT_PLAIN);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return height;
}

double
td_draw_text (GtkWidget     *widget,
              cairo_t       *cr,
              const char    *text,
              double         x,
              double         center_y,
              double         width,
              TdTextAlign    align,
              double         scale,
              TdTextStyle    style,
              const GdkRGBA *color,
              double         alpha)
{
  g_autoptr(PangoLayout) layout = create_layout (widget, text, scale, style);
  int text_w, text_h;
  double left = x;

  if (width >= 0)
    {
      pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  if (width >= 0 && align == TD_TEXT_CENTER)
    left = x + (width - text_w) / 2;
  else if (width >= 0 && align == TD_TEXT_END)
    left = x + width - text_w;
  else if (align == TD_TEXT_CENTER)
    left = x - text_w / 2.0;
  else if (align == TD_TEXT_END)
    left = x - text_w;
  td_draw_set_color (cr, color, alpha);
  cairo_move_to (cr, round (left), round (center_y - text_h / 2.0));
  pango_cairo_show_layout (cr, layout);
  return text_w;
}
