/* test-promotion-timeline.c — the promotions timeline of the Design page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run under `xvfb-run -a meson test --suite ui`. Also
 * writes timeline-light.png and timeline-dark.png (docs/screenshots) to
 * $TIERDESK_SCREENSHOT_DIR, or the build directory.
 */
#include "config.h"

#include <adwaita.h>

#include "td-promotion-timeline.h"
#include "td-screenshot.h"
#include "ui-common.h"
#include "td-validator.h"
#include "test-common.h"

#define D(y, m, d) td_date_from_ymd ((y), (m), (d))
#define SPRING "Spring 2025 TING promotion: extra 5 % of list price"
#define TING "TING appliances (Traffic Inspector Next Generation)"

typedef struct
{
  GtkWidget           *window;
  TdPromotionTimeline *timeline;
  TdProgram           *program;

  guint  n_changed;
  guint  n_added;
  guint  n_activated;
  char  *rule_id;
  int    from;
  int    to;
} Fixture;

static void
add_promotion (TdProgram  *program,
               const char *id,
               const char *name,
               const char *categories,
               TdDate      from,
               TdDate      to)
{
  TdRule *promotion = td_rule_new ();

  promotion->id = g_strdup (id);
  promotion->name = g_strdup (name);
  promotion->kind = TD_RULE_PERCENT;
  promotion->rates = td_entries_new ();
  promotion->match = td_match_new ();
  promotion->match->categories = g_strsplit (categories, "|", -1);
  promotion->has_active = promotion->has_active_from = promotion->has_active_to = TRUE;
  promotion->active_from = from;
  promotion->active_to = to;
  g_ptr_array_add (program->rules, promotion);
}

/* Smart-Soft with three more promotions: a TING one that overlaps the
 * spring one from 2025-04-15 to 2025-05-31, and two that overlap
 * nothing (DEPO is another category; the renewals are not new
 * licences, which the spring one is for). */
static TdProgram *
load_busy_year (void)
{
  TdProgram *program = tc_load_example ("smart-soft.json");
  TdRule *renewals;

  add_promotion (program, "ting-summer", "TING summer push", "ting", D (2025, 4, 15), D (2025, 7, 31));
  add_promotion (program, "depo-autumn", "DEPO autumn bundle", "depo", D (2025, 9, 1), D (2025, 10, 31));
  add_promotion (program, "year-end-renewals", "Year-end renewals", "ti-software|ting|depo",
                 D (2025, 11, 1), D (2025, 12, 31));
  renewals = program->rules->pdata[program->rules->len - 1];
  renewals->match->has_renewal = TRUE;
  renewals->match->renewal = TRUE;
  return program;
}

static void
changed_cb (TdPromotionTimeline *timeline,
            const char          *rule_id,
            int                  from,
            int                  to,
            Fixture             *fixture)
{
  fixture->n_changed++;
  g_free (fixture->rule_id);
  fixture->rule_id = g_strdup (rule_id);
  fixture->from = from;
  fixture->to = to;
}

static void
added_cb (TdPromotionTimeline *timeline,
          int                  from,
          int                  to,
          Fixture             *fixture)
{
  fixture->n_added++;
  fixture->from = from;
  fixture->to = to;
}

static void
activated_cb (TdPromotionTimeline *timeline,
              const char          *rule_id,
              Fixture             *fixture)
{
  fixture->n_activated++;
  g_free (fixture->rule_id);
  fixture->rule_id = g_strdup (rule_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->program = tc_load_example ("smart-soft.json");
  fixture->timeline = td_promotion_timeline_new ();
  /* A year that holds no promotion is outside the default range. */
  td_promotion_timeline_set_today (fixture->timeline, D (2025, 4, 15));
  td_promotion_timeline_set_program (fixture->timeline, fixture->program);
  g_signal_connect (fixture->timeline, "promotion-changed", G_CALLBACK (changed_cb), fixture);
  g_signal_connect (fixture->timeline, "promotion-added", G_CALLBACK (added_cb), fixture);
  g_signal_connect (fixture->timeline, "promotion-activated", G_CALLBACK (activated_cb), fixture);

  /* The page's background, with room around, as in the screenshots. */
  gtk_widget_add_css_class (box, "background");
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->timeline), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->timeline), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->timeline), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->timeline), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->timeline));
  fixture->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->program, td_program_free);
  g_free (fixture->rule_id);
}

static void
reset (Fixture *fixture)
{
  td_promotion_timeline_set_program (fixture->timeline, fixture->program);
  fixture->n_changed = fixture->n_added = fixture->n_activated = 0;
}

static void
assert_changed (Fixture    *fixture,
                const char *rule_id,
                TdDate      from,
                TdDate      to)
{
  g_autofree char *got_from = td_date_format (fixture->from), *got_to = td_date_format (fixture->to);
  g_autofree char *want_from = td_date_format (from), *want_to = td_date_format (to);

  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpstr (fixture->rule_id, ==, rule_id);
  g_assert_cmpstr (got_from, ==, want_from);
  g_assert_cmpstr (got_to, ==, want_to);
  fixture->n_changed = 0;
}

static void
test_range (Fixture       *fixture,
            gconstpointer  data)
{
  /* Smart-Soft's promotion is in 2025: January to December 2025. */
  g_assert_cmpint (td_promotion_timeline_get_first_day (fixture->timeline), ==, D (2025, 1, 1));
  g_assert_cmpuint (td_promotion_timeline_get_n_months (fixture->timeline), ==, 12);
  /* The data period of the demo history: the bar is outside it. */
  td_promotion_timeline_set_range (fixture->timeline, D (2023, 1, 1), 24);
  g_assert_cmpint (td_promotion_timeline_get_first_day (fixture->timeline), ==, D (2023, 1, 1));
  g_assert_cmpuint (td_promotion_timeline_get_n_months (fixture->timeline), ==, 24);
  /* A day in a month: its month. */
  td_promotion_timeline_set_range (fixture->timeline, D (2025, 4, 10), 2);
  g_assert_cmpint (td_promotion_timeline_get_first_day (fixture->timeline), ==, D (2025, 4, 1));
  td_promotion_timeline_set_range (fixture->timeline, 0, 0);
  g_assert_cmpint (td_promotion_timeline_get_first_day (fixture->timeline), ==, D (2025, 1, 1));
  g_assert_cmpuint (td_promotion_timeline_get_n_months (fixture->timeline), ==, 12);
  /* No promotions: the year of today. */
  td_promotion_timeline_set_program (fixture->timeline, NULL);
  g_assert_cmpint (td_promotion_timeline_get_first_day (fixture->timeline), ==, D (2025, 1, 1));
  td_promotion_timeline_set_today (fixture->timeline, D (2027, 6, 30));
  g_assert_cmpint (td_promotion_timeline_get_first_day (fixture->timeline), ==, D (2027, 1, 1));
  g_assert_cmpuint (td_promotion_timeline_get_n_months (fixture->timeline), ==, 12);
}

static void
test_drag (Fixture       *fixture,
           gconstpointer  data)
{
  TdPromotionTimeline *timeline = fixture->timeline;

  /* The body, 3 days later: 03-01 + 3 = 03-04; 05-31 + 3 = 06-03. */
  g_assert_true (td_promotion_timeline_drag (timeline, "ting-spring-2025", TD_PROMOTION_EDGE_BOTH, 3));
  assert_changed (fixture, "ting-spring-2025", D (2025, 3, 4), D (2025, 6, 3));
  /* The bar stays there until the page answers: a second drag starts
   * from it (03-05 … 06-04). */
  g_assert_true (td_promotion_timeline_drag (timeline, "ting-spring-2025", TD_PROMOTION_EDGE_BOTH, 1));
  assert_changed (fixture, "ting-spring-2025", D (2025, 3, 5), D (2025, 6, 4));

  /* The left edge 10 days earlier: February has 28 days, 03-01 − 10 =
   * 02-19; the last day stays. */
  reset (fixture);
  g_assert_true (td_promotion_timeline_drag (timeline, "ting-spring-2025", TD_PROMOTION_EDGE_FROM, -10));
  assert_changed (fixture, "ting-spring-2025", D (2025, 2, 19), D (2025, 5, 31));
  /* The right edge 30 days later: the whole of June. */
  reset (fixture);
  g_assert_true (td_promotion_timeline_drag (timeline, "ting-spring-2025", TD_PROMOTION_EDGE_TO, 30));
  assert_changed (fixture, "ting-spring-2025", D (2025, 3, 1), D (2025, 6, 30));
  /* An edge dragged past the other stops on it: one day. */
  reset (fixture);
  g_assert_true (td_promotion_timeline_drag (timeline, "ting-spring-2025", TD_PROMOTION_EDGE_FROM, 200));
  assert_changed (fixture, "ting-spring-2025", D (2025, 5, 31), D (2025, 5, 31));
  reset (fixture);
  g_assert_true (td_promotion_timeline_drag (timeline, "ting-spring-2025", TD_PROMOTION_EDGE_TO, -200));
  assert_changed (fixture, "ting-spring-2025", D (2025, 3, 1), D (2025, 3, 1));

  /* Nothing moves, nothing said. */
  reset (fixture);
  g_assert_false (td_promotion_timeline_drag (timeline, "ting-spring-2025", TD_PROMOTION_EDGE_BOTH, 0));
  g_assert_false (td_promotion_timeline_drag (timeline, "ting-reward", TD_PROMOTION_EDGE_BOTH, 5));
  g_assert_false (td_promotion_timeline_drag (timeline, "no-such-rule", TD_PROMOTION_EDGE_TO, 5));
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);

  g_assert_true (gtk_widget_get_focusable (widget));
  g_assert_null (td_promotion_timeline_get_selected (fixture->timeline));
  /* Down from nothing: the first promotion. */
  gtk_widget_activate_action (widget, "timeline.select-next", NULL);
  g_assert_cmpstr (td_promotion_timeline_get_selected (fixture->timeline), ==, "ting-spring-2025");

  /* Shift+Right: a month later, May's last day staying the last. */
  gtk_widget_activate_action (widget, "timeline.move", "(ii)", 0, 1);
  assert_changed (fixture, "ting-spring-2025", D (2025, 4, 1), D (2025, 6, 30));
  gtk_widget_activate_action (widget, "timeline.move", "(ii)", 0, -1);
  assert_changed (fixture, "ting-spring-2025", D (2025, 3, 1), D (2025, 5, 31));
  /* Left: a day earlier. */
  gtk_widget_activate_action (widget, "timeline.move", "(ii)", -1, 0);
  assert_changed (fixture, "ting-spring-2025", D (2025, 2, 28), D (2025, 5, 30));

  /* Enter opens the rule. */
  gtk_widget_activate_action (widget, "timeline.activate", NULL);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpstr (fixture->rule_id, ==, "ting-spring-2025");

  /* Down again: the new-promotion row; Enter adds one on the month of
   * today (2025-04-15): April. */
  gtk_widget_activate_action (widget, "timeline.select-next", NULL);
  gtk_widget_activate_action (widget, "timeline.select-next", NULL);
  g_assert_null (td_promotion_timeline_get_selected (fixture->timeline));
  gtk_widget_activate_action (widget, "timeline.activate", NULL);
  g_assert_cmpuint (fixture->n_added, ==, 1);
  g_assert_cmpint (fixture->from, ==, D (2025, 4, 1));
  g_assert_cmpint (fixture->to, ==, D (2025, 4, 30));
  /* Today outside the months shown: the first month (Insert). */
  td_promotion_timeline_set_range (fixture->timeline, D (2023, 1, 1), 24);
  gtk_widget_activate_action (widget, "timeline.add-promotion", NULL);
  g_assert_cmpuint (fixture->n_added, ==, 2);
  g_assert_cmpint (fixture->from, ==, D (2023, 1, 1));
  g_assert_cmpint (fixture->to, ==, D (2023, 1, 31));
  /* The moves did not touch the new-promotion row. */
  gtk_widget_activate_action (widget, "timeline.move", "(ii)", 1, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  gtk_widget_activate_action (widget, "timeline.select-previous", NULL);
  g_assert_cmpstr (td_promotion_timeline_get_selected (fixture->timeline), ==, "ting-spring-2025");
  /* The page's answer keeps the selection. */
  reset (fixture);
  g_assert_cmpstr (td_promotion_timeline_get_selected (fixture->timeline), ==, "ting-spring-2025");
}

static void
test_geometry (Fixture       *fixture,
               gconstpointer  data)
{
  graphene_rect_t bar;
  float x0, x1;

  g_assert_true (td_promotion_timeline_get_bar_bounds (fixture->timeline, "ting-spring-2025", &bar));
  x0 = bar.origin.x;
  x1 = bar.origin.x + bar.size.width;
  /* The bar covers March to May, day for day. */
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, x0 + 0.5), ==, D (2025, 3, 1));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, x0 - 0.5), ==, D (2025, 2, 28));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, x1 - 0.5), ==, D (2025, 5, 31));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, x1 + 0.5), ==, D (2025, 6, 1));
  /* Months are of equal width: 3 of the 12, and the first two before. */
  {
    float month = bar.size.width / 3;
    float start = x0 - 2 * month;

    g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, start + 0.5), ==, D (2025, 1, 1));
    g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, start + 12 * month - 0.5), ==, D (2025, 12, 31));
  }

  /* Clipped to April and May. */
  td_promotion_timeline_set_range (fixture->timeline, D (2025, 4, 1), 2);
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_true (td_promotion_timeline_get_bar_bounds (fixture->timeline, "ting-spring-2025", &bar));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, bar.origin.x + 0.5), ==, D (2025, 4, 1));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, bar.origin.x + bar.size.width - 0.5), ==, D (2025, 5, 31));
  /* Not shown at all in 2023–2024. */
  td_promotion_timeline_set_range (fixture->timeline, D (2023, 1, 1), 24);
  g_assert_false (td_promotion_timeline_get_bar_bounds (fixture->timeline, "ting-spring-2025", &bar));
  g_assert_false (td_promotion_timeline_get_bar_bounds (fixture->timeline, "ting-reward", &bar));

  /* Height: the header, a row per promotion and the new-promotion row. */
  {
    int one = gtk_widget_get_height (GTK_WIDGET (fixture->timeline));
    g_autoptr(TdProgram) busy = load_busy_year ();

    td_promotion_timeline_set_program (fixture->timeline, busy);
    gtk_test_widget_wait_for_draw (fixture->window);
    /* 3 more rows of 34 pixels. */
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->timeline)), ==, one + 3 * 34);
  }
}

static void
assert_summary (Fixture    *fixture,
                const char *expected)
{
  g_autofree char *summary = td_promotion_timeline_get_summary (fixture->timeline);
  g_autofree char *problem = NULL;

  g_assert_cmpstr (summary, ==, expected);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->timeline),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (problem);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TdProgram) busy = load_busy_year ();
  g_autofree char *problem = NULL;

  assert_summary (fixture, "1 promotion. " SPRING ", from 2025-03-01 to 2025-05-31.");
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->timeline),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "Promotions timeline");
  g_assert_null (problem);
  td_promotion_timeline_select (fixture->timeline, "ting-spring-2025");
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->timeline),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Promotions timeline, " SPRING " selected");
  g_assert_null (problem);

  /* The spring promotion and the summer push are both on new TING
   * licences (the push says nothing of renewals) from 04-15, when the
   * push starts, to 05-31, when the spring one ends. */
  td_promotion_timeline_set_program (fixture->timeline, busy);
  assert_summary (fixture,
                  "4 promotions. "
                  SPRING ", from 2025-03-01 to 2025-05-31. "
                  "Overlaps “TING summer push” on " TING " from 2025-04-15 to 2025-05-31. "
                  "TING summer push, from 2025-04-15 to 2025-07-31. "
                  "Overlaps “" SPRING "” on " TING " from 2025-04-15 to 2025-05-31. "
                  "DEPO autumn bundle, from 2025-09-01 to 2025-10-31. "
                  "Year-end renewals, from 2025-11-01 to 2025-12-31.");

  /* Its left edge dragged 47 days later (04-15 + 15 = 04-30, + 31 =
   * 05-31, + 1 = 06-01): no overlap left. */
  g_assert_true (td_promotion_timeline_drag (fixture->timeline, "ting-summer", TD_PROMOTION_EDGE_FROM, 47));
  assert_changed (fixture, "ting-summer", D (2025, 6, 1), D (2025, 7, 31));
  assert_summary (fixture,
                  "4 promotions. "
                  SPRING ", from 2025-03-01 to 2025-05-31. "
                  "TING summer push, from 2025-06-01 to 2025-07-31. "
                  "DEPO autumn bundle, from 2025-09-01 to 2025-10-31. "
                  "Year-end renewals, from 2025-11-01 to 2025-12-31.");

  td_promotion_timeline_set_program (fixture->timeline, NULL);
  assert_summary (fixture, "No promotions.");
}

static void
test_snom (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TdProgram) snom = tc_load_example ("snom.json");
  graphene_rect_t bar;

  td_promotion_timeline_set_program (fixture->timeline, snom);
  g_assert_cmpint (td_promotion_timeline_get_first_day (fixture->timeline), ==, D (2025, 1, 1));
  assert_summary (fixture, "1 promotion. Autumn 2025 DECT promotion: extra bonus per DECT device, from 2025-10-01 to 2025-12-31.");
  gtk_test_widget_wait_for_draw (fixture->window);
  g_assert_true (td_promotion_timeline_get_bar_bounds (fixture->timeline, "dect-autumn-2025", &bar));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, bar.origin.x + 0.5), ==, D (2025, 10, 1));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, bar.origin.x + bar.size.width - 0.5), ==, D (2025, 12, 31));
  /* The right edge a day later: into 2026. */
  g_assert_true (td_promotion_timeline_drag (fixture->timeline, "dect-autumn-2025", TD_PROMOTION_EDGE_TO, 1));
  assert_changed (fixture, "dect-autumn-2025", D (2025, 10, 1), D (2026, 1, 1));
}

static GtkGesture *
drag_gesture (GtkWidget *widget)
{
  return GTK_GESTURE (ui_find_controller (widget, GTK_TYPE_GESTURE_DRAG));
}

/* GTK cannot make pointer events in a test; the gesture's own signals,
 * emitted by hand, run the widget's handlers with these coordinates. */
static void
drag (GtkGesture *gesture,
      double      x,
      double      y,
      double      offset_x,
      gboolean    release)
{
  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-update", offset_x, 0.0);
  if (release)
    g_signal_emit_by_name (gesture, "drag-end", offset_x, 0.0);
}

static void
test_gestures (Fixture       *fixture,
               gconstpointer  data)
{
  GtkGesture *gesture = drag_gesture (GTK_WIDGET (fixture->timeline));
  graphene_rect_t bar, during;
  double month, middle_y;

  g_assert_true (td_promotion_timeline_get_bar_bounds (fixture->timeline, "ting-spring-2025", &bar));
  /* March to May: three months. */
  month = bar.size.width / 3.0;
  middle_y = bar.origin.y + bar.size.height / 2;

  /* From the middle of the bar (mid-April: 30 days to a month), 3 days'
   * width to the right: the whole window 3 days later. */
  drag (gesture, bar.origin.x + 1.5 * month, middle_y, 3 * month / 30, FALSE);
  /* While dragging, the bar is drawn on its would-be days and nothing is
   * said yet. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_true (td_promotion_timeline_get_bar_bounds (fixture->timeline, "ting-spring-2025", &during));
  g_assert_cmpint (td_promotion_timeline_get_day_at (fixture->timeline, during.origin.x + 0.5), ==, D (2025, 3, 4));
  g_signal_emit_by_name (gesture, "drag-end", 3 * month / 30, 0.0);
  assert_changed (fixture, "ting-spring-2025", D (2025, 3, 4), D (2025, 6, 3));
  g_assert_cmpstr (td_promotion_timeline_get_selected (fixture->timeline), ==, "ting-spring-2025");

  /* The left edge, 10 of February's 28 days to the left: 02-19. */
  reset (fixture);
  drag (gesture, bar.origin.x + 1, middle_y, -10 * month / 28, TRUE);
  assert_changed (fixture, "ting-spring-2025", D (2025, 2, 19), D (2025, 5, 31));
  /* The right edge, 30 of June's 30 days to the right: 06-30. */
  reset (fixture);
  drag (gesture, bar.origin.x + bar.size.width - 1, middle_y, 30 * month / 30, TRUE);
  assert_changed (fixture, "ting-spring-2025", D (2025, 3, 1), D (2025, 6, 30));

  /* Less than the drag threshold: a click, which only selects. */
  reset (fixture);
  drag (gesture, bar.origin.x + 1.5 * month, middle_y, 2, TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* On the new-promotion row (the next one), from the middle of July 31
   * back over 30 of July's 31 days, to the middle of July 1: July. */
  drag (gesture, bar.origin.x + 5 * month - 0.5 * month / 31, middle_y + 34, -30 * month / 31, TRUE);
  g_assert_cmpuint (fixture->n_added, ==, 1);
  g_assert_cmpint (fixture->from, ==, D (2025, 7, 1));
  g_assert_cmpint (fixture->to, ==, D (2025, 7, 31));
  g_assert_null (td_promotion_timeline_get_selected (fixture->timeline));

  /* Off any bar (January on the promotion's row): nothing. */
  drag (gesture, bar.origin.x - 1.5 * month, middle_y, month, TRUE);
  g_assert_cmpuint (fixture->n_changed + fixture->n_added, ==, 1);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TdProgram) busy = load_busy_year ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *page = gtk_widget_get_parent (GTK_WIDGET (fixture->timeline));

  /* Mid-June, with the summer push running. */
  td_promotion_timeline_set_today (fixture->timeline, D (2025, 6, 16));
  td_promotion_timeline_set_program (fixture->timeline, busy);
  gtk_test_widget_wait_for_draw (fixture->window);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_save_png (page, "timeline-light.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  ui_save_png (page, "timeline-dark.png");

  /* Dragging the summer push's right edge into August, by keyboard
   * selection first so that the selected look shows too. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  {
    GtkGesture *gesture = drag_gesture (GTK_WIDGET (fixture->timeline));
    graphene_rect_t bar;

    g_assert_true (td_promotion_timeline_get_bar_bounds (fixture->timeline, "ting-summer", &bar));
    drag (gesture, bar.origin.x + bar.size.width - 1, bar.origin.y + bar.size.height / 2,
          bar.size.width / 3.5 * 0.5, FALSE);
    ui_save_png (page, "timeline-drag-light.png");
    g_signal_emit_by_name (gesture, "drag-end", bar.size.width / 3.5 * 0.5, 0.0);
    g_assert_cmpuint (fixture->n_changed, ==, 1);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/timeline/range", test_range);
  ADD ("/timeline/drag", test_drag);
  ADD ("/timeline/keyboard", test_keyboard);
  ADD ("/timeline/geometry", test_geometry);
  ADD ("/timeline/gestures", test_gestures);
  ADD ("/timeline/summary", test_summary);
  ADD ("/timeline/snom", test_snom);
  ADD ("/timeline/screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
