/* test-chart.c — the charts of the Simulate and Compare pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run under `xvfb-run -a meson test --suite ui`. Also
 * writes chart-{tiers,months,deltas}-{light,dark}.png (docs/screenshots)
 * to $TIERDESK_SCREENSHOT_DIR, or the build directory.
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "td-chart.h"
#include "td-screenshot.h"
#include "ui-common.h"

#define LONG_RULE "Volume bonus for Gold and Platinum partners, paid quarterly on licences and renewals"

typedef struct
{
  GtkWidget *window;
  GtkWidget *box;
  TdChart   *chart;

  guint n_activated;
  guint index;
} Fixture;

/* Payout by tier, in roubles. */
static const char *const tier_labels[] = { "Gold", "Silver", "Registered" };
static const gint64 tier_values[] = { 123456789, 45000000, 780050 };

/* Payout by rule against the baseline, in euros. */
static const char *const rule_labels[] = {
  "Base rebate on licences", LONG_RULE, "New customer bonus", "Spring TING promotion", "Renewal rebate",
};
static const gint64 rule_values[] = { 1234567, -875050, 300000, -120000, 0 };

/* Payout per month over 2023 and 2024, in euros: autumn and December
 * higher, August low. */
static const gint64 month_euros[] = {
  142300, 131800, 165400, 158200, 171900, 188400, 149600, 121300, 176800, 192500, 214700, 268900,
  151200, 144900, 179300, 183600, 190100, 205800, 163400, 132700, 198200, 221400, 239600, 301500,
};

static void
activated_cb (TdChart *chart,
              guint    index,
              Fixture *fixture)
{
  fixture->n_activated++;
  fixture->index = index;
}

static void
destroy_window (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = fixture->box = NULL;
  fixture->chart = NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_window (fixture);
}

/* A chart of @kind, @width wide, alone in the window. */
static TdChart *
add_chart (Fixture     *fixture,
           TdChartKind  kind,
           int          width)
{
  TdChart *chart = td_chart_new (kind);
  GtkWidget *widget = GTK_WIDGET (chart);

  /* A window of its own, as large as the chart asks. */
  destroy_window (fixture);
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* The page's background, with room around, as in the screenshots. */
  gtk_widget_add_css_class (fixture->box, "background");
  fixture->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->box);
  fixture->chart = chart;
  fixture->n_activated = 0;
  g_signal_connect (chart, "activated", G_CALLBACK (activated_cb), fixture);
  gtk_widget_set_size_request (widget, width, -1);
  gtk_widget_set_margin_top (widget, 12);
  gtk_widget_set_margin_bottom (widget, 12);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_box_append (GTK_BOX (fixture->box), widget);
  return chart;
}

/* Once the chart has its data: a shown window does not grow to a larger
 * natural size. */
static void
show (Fixture *fixture)
{
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
set_tiers (TdChart *chart)
{
  td_chart_set_title (chart, "Payout by tier");
  td_chart_set_data (chart, tier_labels, tier_values, G_N_ELEMENTS (tier_values), TD_CHART_MONEY, "RUB");
}

static void
set_rules (TdChart *chart)
{
  td_chart_set_title (chart, "Payout by rule, against version 3");
  td_chart_set_data (chart, rule_labels, rule_values, G_N_ELEMENTS (rule_values), TD_CHART_MONEY, "EUR");
}

static void
set_months (TdChart *chart)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 cents[G_N_ELEMENTS (month_euros)];

  for (guint i = 0; i < G_N_ELEMENTS (month_euros); i++)
    {
      g_autoptr(GDateTime) month = g_date_time_new_utc (2023 + (int) i / 12, (int) i % 12 + 1, 1, 0, 0, 0);

      g_ptr_array_add (labels, g_date_time_format (month, "%b %Y"));
      /* Some cents, so that the exact figures show them. */
      cents[i] = month_euros[i] * 100 + (gint64) (i * 37 % 100);
    }
  td_chart_set_title (chart, "Payout per month");
  td_chart_set_data (chart, (const char *const *) labels->pdata, cents, labels->len, TD_CHART_MONEY, "EUR");
}

static void
assert_description (TdChart    *chart,
                    const char *expected)
{
  g_autofree char *description = td_chart_get_description (chart);
  g_autofree char *problem = NULL;

  g_assert_cmpstr (description, ==, expected);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (problem);
}

static void
assert_label (TdChart    *chart,
              const char *expected)
{
  g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  g_assert_null (problem);
}

static void
assert_ticks (TdChart           *chart,
              const char *const *expected)
{
  g_auto(GStrv) ticks = td_chart_get_tick_labels (chart);

  g_assert_cmpstrv (ticks, expected);
}

static void
test_description (Fixture       *fixture,
                  gconstpointer  data)
{
  TdChart *chart = add_chart (fixture, TD_CHART_BARS, 640);

  assert_label (chart, "Chart");
  assert_description (chart, "No data.");
  set_tiers (chart);
  assert_label (chart, "Payout by tier");
  /* 123,456,789 cents, 45,000,000 and 780,050. */
  assert_description (chart, "Gold: 1,234,567.89 ₽. Silver: 450,000.00 ₽. Registered: 7,800.50 ₽.");

  /* Deltas: with a negative among them, the positive ones have their
   * sign, zero none. */
  set_rules (chart);
  assert_label (chart, "Payout by rule, against version 3");
  assert_description (chart,
                      "Base rebate on licences: +12,345.67 €. "
                      LONG_RULE ": -8,750.50 €. "
                      "New customer bonus: +3,000.00 €. "
                      "Spring TING promotion: -1,200.00 €. "
                      "Renewal rebate: 0.00 €.");
  {
    g_autofree char *value = td_chart_format_value (chart, 1);
    g_assert_cmpstr (value, ==, "-8,750.50 €");
  }

  /* Counts and percentages (1/100 %). */
  {
    static const char *const labels[] = { "Gold", "Silver" };
    static const gint64 partners[] = { 1200, 35 };
    static const gint64 shares[] = { 1250, -5 };

    td_chart_set_data (chart, labels, partners, 2, TD_CHART_COUNT, NULL);
    assert_description (chart, "Gold: 1,200. Silver: 35.");
    td_chart_set_data (chart, labels, shares, 2, TD_CHART_PERCENT, NULL);
    assert_description (chart, "Gold: +12.5 %. Silver: -0.05 %.");
  }

  td_chart_set_data (chart, NULL, NULL, 0, TD_CHART_MONEY, "EUR");
  assert_description (chart, "No data.");
  td_chart_set_title (chart, NULL);
  assert_label (chart, "Chart");
}

static void
test_ticks (Fixture       *fixture,
            gconstpointer  data)
{
  TdChart *chart = add_chart (fixture, TD_CHART_COLUMNS, 720);
  static const char *const labels[] = { "a", "b", "c", "d" };

  /* 301,500.xx € at most: steps of 50 k € would be 7, of 100 k € 4. */
  set_months (chart);
  assert_ticks (chart, (const char *const[]) { "0 €", "100 k €", "200 k €", "300 k €", "400 k €", NULL });

  /* 1,234,000 €: 200 k € would take 7 steps, 250 k € takes 5. */
  {
    static const gint64 values[] = { 123400000, 50000000 };

    td_chart_set_data (chart, labels, values, 2, TD_CHART_MONEY, "EUR");
    assert_ticks (chart, (const char *const[]) { "0 €", "250 k €", "500 k €", "750 k €", "1 M €", "1.25 M €", NULL });
  }
  /* 7 up and 3 down: steps of 2 would be 4 + 2, of 5 are 2 + 1; zero
   * on a gridline. */
  {
    static const gint64 values[] = { 7, -3, 0, 4 };

    td_chart_set_data (chart, labels, values, 4, TD_CHART_COUNT, NULL);
    assert_ticks (chart, (const char *const[]) { "-5", "0", "5", "10", NULL });
  }
  /* 12.5 % at most (1250 hundredths): steps of 2 % would be 7, 2.5 %
   * makes 5. */
  {
    static const gint64 values[] = { 1250, 300 };

    td_chart_set_data (chart, labels, values, 2, TD_CHART_PERCENT, NULL);
    assert_ticks (chart, (const char *const[]) { "0 %", "2.5 %", "5 %", "7.5 %", "10 %", "12.5 %", NULL });
  }
  /* Nothing but zeros: 0 to 5 €, a euro a step. */
  {
    static const gint64 values[] = { 0, 0 };

    td_chart_set_data (chart, labels, values, 2, TD_CHART_MONEY, "EUR");
    assert_ticks (chart, (const char *const[]) { "0 €", "1 €", "2 €", "3 €", "4 €", "5 €", NULL });
  }
  /* Bars have no axis. */
  chart = add_chart (fixture, TD_CHART_BARS, 640);
  set_tiers (chart);
  assert_ticks (chart, (const char *const[]) { NULL });
}

/* The key's binding, run as GTK runs it when the key is pressed (a test
 * cannot make key events). */
static void
press (TdChart *chart,
       guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           GTK_WIDGET (chart), gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_assert_not_reached ();
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  TdChart *chart = add_chart (fixture, TD_CHART_BARS, 640);

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  show (fixture);
  /* The window gave it the focus when shown; arrows work without. */
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  /* Nothing to move to, nothing to activate. */
  press (chart, GDK_KEY_Down);
  press (chart, GDK_KEY_Return);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, -1);
  g_assert_cmpuint (fixture->n_activated, ==, 0);

  set_tiers (chart);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, -1);
  /* From none, to the first; then the next; not past the last. */
  press (chart, GDK_KEY_Down);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 0);
  press (chart, GDK_KEY_Right);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 1);
  press (chart, GDK_KEY_Down);
  press (chart, GDK_KEY_Down);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 2);
  press (chart, GDK_KEY_Return);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpuint (fixture->index, ==, 2);
  press (chart, GDK_KEY_Up);
  press (chart, GDK_KEY_Left);
  press (chart, GDK_KEY_Left);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 0);
  press (chart, GDK_KEY_End);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 2);
  press (chart, GDK_KEY_Home);
  press (chart, GDK_KEY_KP_Right);
  press (chart, GDK_KEY_space);
  g_assert_cmpuint (fixture->n_activated, ==, 2);
  g_assert_cmpuint (fixture->index, ==, 1);

  /* Fewer items: the cursor on the last that is left. */
  td_chart_set_data (chart, tier_labels, tier_values, 1, TD_CHART_MONEY, "RUB");
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 0);
  press (chart, GDK_KEY_KP_Enter);
  g_assert_cmpuint (fixture->n_activated, ==, 3);
  g_assert_cmpuint (fixture->index, ==, 0);

  /* Focus comes to the highlighted item (the window gave the chart the
   * focus when it was shown, before it had any). */
  chart = add_chart (fixture, TD_CHART_COLUMNS, 720);
  show (fixture);
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  set_months (chart);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, -1);
  td_chart_set_highlight (chart, 13);
  g_assert_cmpint (td_chart_get_highlight (chart), ==, 13);
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 13);
  press (chart, GDK_KEY_Right);
  press (chart, GDK_KEY_Return);
  g_assert_cmpuint (fixture->index, ==, 14);
  /* Out of range: no highlight. */
  td_chart_set_highlight (chart, 24);
  g_assert_cmpint (td_chart_get_highlight (chart), ==, -1);
}

static GtkGesture *
click_gesture (GtkWidget *widget)
{
  return GTK_GESTURE (ui_find_controller (widget, GTK_TYPE_GESTURE_CLICK));
}

/* GTK cannot make pointer events in a test: the gesture's signal, emitted
 * by hand, runs the widget's handler. */
static void
click (TdChart *chart,
       double   x,
       double   y)
{
  g_signal_emit_by_name (click_gesture (GTK_WIDGET (chart)), "pressed", 1, x, y);
}

static void
assert_close (double a,
              double b)
{
  /* Pixel edges are rounded. */
  g_assert_cmpfloat (fabs (a - b), <=, 1.0);
}

static void
test_bars_geometry (Fixture       *fixture,
                    gconstpointer  data)
{
  TdChart *chart = add_chart (fixture, TD_CHART_BARS, 640);
  graphene_rect_t gold, silver, registered, base, volume, renewal;
  int height;

  set_tiers (chart);
  show (fixture);
  /* The title's 30 pixels, 28 a row and 4 under. */
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  g_assert_cmpint (height, ==, 30 + 3 * 28 + 4);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), ==, 640);

  g_assert_true (td_chart_get_item_bounds (chart, 0, &gold));
  g_assert_true (td_chart_get_item_bounds (chart, 1, &silver));
  g_assert_true (td_chart_get_item_bounds (chart, 2, &registered));
  g_assert_false (td_chart_get_item_bounds (chart, 3, &gold));
  /* From the same zero, a row apart, as long as their values. */
  g_assert_cmpfloat (gold.origin.x, ==, silver.origin.x);
  g_assert_cmpfloat (silver.origin.y - gold.origin.y, ==, 28);
  assert_close (silver.size.width, gold.size.width * 45000000.0 / 123456789.0);
  assert_close (registered.size.width, gold.size.width * 780050.0 / 123456789.0);
  /* Gold's value, the widest, fits after its bar. */
  g_assert_cmpfloat (gold.origin.x + gold.size.width, <, 640 - 100);

  /* The hit-test: anywhere in the row, the label too. */
  g_assert_cmpint (td_chart_get_item_at (chart, gold.origin.x + 1, gold.origin.y + 1), ==, 0);
  g_assert_cmpint (td_chart_get_item_at (chart, 10, silver.origin.y + silver.size.height / 2), ==, 1);
  g_assert_cmpint (td_chart_get_item_at (chart, 630, registered.origin.y), ==, 2);
  /* The title, under the rows, outside the widget. */
  g_assert_cmpint (td_chart_get_item_at (chart, 100, 15), ==, -1);
  g_assert_cmpint (td_chart_get_item_at (chart, 100, 30 + 3 * 28 + 1), ==, -1);
  g_assert_cmpint (td_chart_get_item_at (chart, -1, silver.origin.y), ==, -1);

  /* A click activates the item under it. */
  click (chart, 10, silver.origin.y + 2);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpuint (fixture->index, ==, 1);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 1);
  click (chart, 100, 15);
  g_assert_cmpuint (fixture->n_activated, ==, 1);

  /* Deltas: the negative ones end where the positive ones start. */
  set_rules (chart);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_true (td_chart_get_item_bounds (chart, 0, &base));
  g_assert_true (td_chart_get_item_bounds (chart, 1, &volume));
  g_assert_true (td_chart_get_item_bounds (chart, 4, &renewal));
  g_assert_cmpfloat (volume.origin.x + volume.size.width, ==, base.origin.x);
  g_assert_cmpfloat (renewal.origin.x, ==, base.origin.x);
  g_assert_cmpfloat (renewal.size.width, ==, 0);
  assert_close (volume.size.width, base.size.width * 875050.0 / 1234567.0);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart)), ==, 30 + 5 * 28 + 4);
  click (chart, volume.origin.x + 2, volume.origin.y + 2);
  g_assert_cmpuint (fixture->index, ==, 1);

  /* No data: nothing to hit. */
  td_chart_set_data (chart, NULL, NULL, 0, TD_CHART_MONEY, "EUR");
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_cmpint (td_chart_get_item_at (chart, 100, 50), ==, -1);
  g_assert_false (td_chart_get_item_bounds (chart, 0, &base));
}

static void
test_columns_geometry (Fixture       *fixture,
                       gconstpointer  data)
{
  TdChart *chart = add_chart (fixture, TD_CHART_COLUMNS, 720);
  graphene_rect_t first, second, december;
  static const char *const labels[] = { "Jan", "Feb", "Mar" };
  static const gint64 values[] = { 30000, 0, 15000 };

  set_months (chart);
  show (fixture);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart)), ==, 220);
  g_assert_true (td_chart_get_item_bounds (chart, 0, &first));
  g_assert_true (td_chart_get_item_bounds (chart, 1, &second));
  g_assert_true (td_chart_get_item_bounds (chart, 23, &december));
  /* On the same zero line, evenly spaced, as high as their values. */
  g_assert_cmpfloat (first.origin.y + first.size.height, ==, december.origin.y + december.size.height);
  assert_close (december.origin.x - first.origin.x, 23 * (second.origin.x - first.origin.x));
  assert_close (first.size.height, december.size.height * 14230000.0 / 30150023.0);
  /* The axis goes to 400 k € over December's 301,500.23 €, under the
   * title (30 pixels) and the room for a value's bubble above it. */
  {
    double zero = first.origin.y + first.size.height;
    double axis = december.size.height * 400000 / 301500.23;

    g_assert_cmpfloat (axis, <, zero - 30 - 20);
    g_assert_cmpfloat (axis, >, zero - 30 - 40);
  }

  /* The hit-test: the column's slot, from the title down. */
  g_assert_cmpint (td_chart_get_item_at (chart, first.origin.x + 1, first.origin.y + 1), ==, 0);
  g_assert_cmpint (td_chart_get_item_at (chart, december.origin.x + december.size.width / 2, 40), ==, 23);
  g_assert_cmpint (td_chart_get_item_at (chart, second.origin.x + 1, 219), ==, 1);
  /* The axis's labels, the title. */
  g_assert_cmpint (td_chart_get_item_at (chart, 5, first.origin.y + 1), ==, -1);
  g_assert_cmpint (td_chart_get_item_at (chart, first.origin.x + 1, 10), ==, -1);
  click (chart, december.origin.x + 1, december.origin.y + 1);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpuint (fixture->index, ==, 23);

  /* An empty column is still there to click, in its slot. */
  td_chart_set_data (chart, labels, values, 3, TD_CHART_COUNT, NULL);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_true (td_chart_get_item_bounds (chart, 0, &first));
  g_assert_true (td_chart_get_item_bounds (chart, 1, &second));
  g_assert_cmpfloat (second.size.height, ==, 0);
  g_assert_cmpfloat (second.origin.y, ==, first.origin.y + first.size.height);
  click (chart, second.origin.x + second.size.width / 2, second.origin.y - 20);
  g_assert_cmpuint (fixture->n_activated, ==, 2);
  g_assert_cmpuint (fixture->index, ==, 1);
}

static void
save_both (Fixture    *fixture,
           const char *name,
           gboolean    focused)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("chart-%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("chart-%s-dark.png", name);

  show (fixture);
  /* At rest, unless asked: the window gave the chart the focus. */
  if (!focused)
    gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_save_png (fixture->box, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  ui_save_png (fixture->box, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  TdChart *chart;

  chart = add_chart (fixture, TD_CHART_BARS, 640);
  set_tiers (chart);
  /* The tier of the partner the page is on. */
  td_chart_set_highlight (chart, 1);
  save_both (fixture, "tiers", FALSE);

  chart = add_chart (fixture, TD_CHART_COLUMNS, 720);
  set_months (chart);
  save_both (fixture, "months", FALSE);
  /* The keyboard on November 2024: its value in a bubble. */
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move", "i", 22);
  g_assert_cmpint (td_chart_get_cursor (chart), ==, 22);
  save_both (fixture, "months-focus", TRUE);

  chart = add_chart (fixture, TD_CHART_BARS, 640);
  set_rules (chart);
  save_both (fixture, "deltas", FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move", "i", 1);
  save_both (fixture, "deltas-focus", TRUE);

  chart = add_chart (fixture, TD_CHART_BARS, 640);
  td_chart_set_title (chart, "Partners by tier");
  td_chart_set_data (chart, NULL, NULL, 0, TD_CHART_COUNT, NULL);
  save_both (fixture, "empty", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/chart/description", test_description);
  ADD ("/chart/ticks", test_ticks);
  ADD ("/chart/keyboard", test_keyboard);
  ADD ("/chart/bars-geometry", test_bars_geometry);
  ADD ("/chart/columns-geometry", test_columns_geometry);
  ADD ("/chart/screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
