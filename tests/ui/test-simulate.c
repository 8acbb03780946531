/* test-simulate.c — the Simulate and Compare pages against tierdesk-cli,
 * and "Why this amount?", under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "td-compare-page.h"
#include "td-explanation-window.h"
#include "td-format.h"
#include "td-screenshot.h"
#include "td-simulate-page.h"
#include "td-workspace-window.h"
#include "ui-common.h"

/* Until the data set is loaded and every run asked for is in. */
static void
wait_idle (TdWorkspaceWindow *window)
{
  TdSimulation *simulation = td_workspace_window_get_simulation (window);

  while (td_simulation_is_busy (simulation) || td_simulation_get_result (simulation, TD_SIMULATION_CURRENT) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* `tierdesk-cli simulate PROGRAM --workspace WS …` as parsed JSON. */
static JsonObject *
cli_simulate (const char *workspace,
              const char *program_json,
              const char *baseline_json,
              const char *from,
              const char *to)
{
  g_autofree char *program_path = g_build_filename (ui_demo_dir (), "program.json", NULL);
  g_autofree char *baseline_path = g_build_filename (ui_demo_dir (), "baseline.json", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = -1;

  g_assert_true (g_file_set_contents (program_path, program_json, -1, NULL));
  g_ptr_array_add (argv, (gpointer) g_getenv ("TIERDESK_CLI"));
  g_ptr_array_add (argv, "simulate");
  g_ptr_array_add (argv, program_path);
  g_ptr_array_add (argv, "--workspace");
  g_ptr_array_add (argv, (gpointer) workspace);
  g_ptr_array_add (argv, "--from");
  g_ptr_array_add (argv, (gpointer) from);
  g_ptr_array_add (argv, "--to");
  g_ptr_array_add (argv, (gpointer) to);
  g_ptr_array_add (argv, "--format");
  g_ptr_array_add (argv, "json");
  if (baseline_json != NULL)
    {
      g_assert_true (g_file_set_contents (baseline_path, baseline_json, -1, NULL));
      g_ptr_array_add (argv, "--baseline");
      g_ptr_array_add (argv, baseline_path);
    }
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_unlink (program_path);
  g_unlink (baseline_path);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
money_text (JsonObject *totals,
            const char *member,
            const char *currency)
{
  TdMoney cents = 0;

  g_assert_true (td_money_parse (json_object_get_string_member (totals, member), &cents, NULL));
  return td_format_money (cents, currency);
}

static void
assert_cards_match (TdSimulatePage *page,
                    JsonObject     *report)
{
  JsonObject *totals = json_object_get_object_member (report, "totals");
  const char *currency = json_object_get_string_member (report, "currency");
  g_autofree char *payout = money_text (totals, "payout", currency);
  g_autofree char *eligible = money_text (totals, "eligible_revenue", currency);
  g_autofree char *unattributed = money_text (totals, "unattributed_revenue", currency);
  g_autofree char *paid = td_format_count ((guint64) json_object_get_int_member (totals, "partners_paid"));
  g_autofree char *customers = td_format_count ((guint64) json_object_get_int_member (totals, "new_customers"));

  g_assert_cmpstr (td_simulate_page_get_card_text (page, "payout"), ==, payout);
  g_assert_cmpstr (td_simulate_page_get_card_text (page, "eligible-revenue"), ==, eligible);
  g_assert_cmpstr (td_simulate_page_get_card_text (page, "unattributed"), ==, unattributed);
  g_assert_cmpstr (td_simulate_page_get_card_text (page, "partners-paid"), ==, paid);
  g_assert_cmpstr (td_simulate_page_get_card_text (page, "new-customers"), ==, customers);
}

/* Issue 7: Smart-Soft over 2024 shows `tierdesk-cli simulate`'s totals; a
 * rate changed in the draft updates them to the CLI's for the edited
 * program. */
static void
test_totals_follow_edits (void)
{
  g_autofree char *path = ui_copy_of_demo ("totals.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  TdSimulatePage *page;
  TdEditor *editor;
  g_autoptr(JsonObject) before = NULL, after = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gint64 since;

  g_assert_true (td_workspace_window_select_program (window, "smart-soft", NULL));
  g_assert_true (td_workspace_window_set_page (window, "simulate", NULL));
  page = TD_SIMULATE_PAGE (td_workspace_window_get_page_widget (window, "simulate"));
  editor = td_workspace_window_get_editor (window);
  wait_idle (window);
  g_assert_true (td_simulate_page_set_custom (page, "2024-01-01", "2024-12-31"));
  wait_idle (window);
  json = td_editor_to_json (editor);
  before = cli_simulate (path, json, NULL, "2024-01-01", "2024-12-31");
  assert_cards_match (page, before);

  /* The Authorized software rate 25 % → 27 %: every 2024 partner is
   * Authorized (nobody qualified in 2023, before the data). */
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "authorized", 270000, &error));
  g_assert_no_error (error);
  since = g_get_monotonic_time ();
  wait_idle (window);
  g_test_message ("live what-if: %" G_GINT64_FORMAT " ms from the edit to the page",
                  (g_get_monotonic_time () - since) / 1000);
  g_free (json);
  json = td_editor_to_json (editor);
  after = cli_simulate (path, json, NULL, "2024-01-01", "2024-12-31");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (before, "totals"), "payout"), !=,
                   json_object_get_string_member (json_object_get_object_member (after, "totals"), "payout"));
  assert_cards_match (page, after);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The migration matrix equals the CLI's tier_changes against the same
 * baseline: the draft raises the Certified minimum, so partners move. */
static void
test_compare_matches_cli (void)
{
  g_autofree char *path = ui_copy_of_demo ("compare.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  TdComparePage *page;
  TdEditor *editor;
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *json = NULL, *baseline = NULL, *shown = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  JsonArray *changes;

  g_assert_true (td_workspace_window_select_program (window, "smart-soft", NULL));
  g_assert_true (td_workspace_window_set_page (window, "compare", NULL));
  page = TD_COMPARE_PAGE (td_workspace_window_get_page_widget (window, "compare"));
  editor = td_workspace_window_get_editor (window);
  wait_idle (window);
  /* 2025: tiers qualified on 2024's sales. */
  g_assert_true (td_simulate_page_set_custom (TD_SIMULATE_PAGE (td_workspace_window_get_page_widget (window, "simulate")),
                                              "2025-01-01", "2025-12-31"));
  g_assert_true (td_editor_set_requirement_min (editor, "certified", "min-sales", 40000000, &error));
  g_assert_no_error (error);
  g_assert_true (td_editor_set_requirement_min (editor, "privileged", "min-sales", 80000000, &error));
  g_assert_no_error (error);
  wait_idle (window);
  td_compare_page_set_baseline (page, 2);
  wait_idle (window);

  workspace = td_workspace_open (path, FALSE, &error);
  g_assert_no_error (error);
  baseline = td_workspace_get_version_json (workspace, "smart-soft", 2, &error);
  g_assert_no_error (error);
  json = td_editor_to_json (editor);
  report = cli_simulate (path, json, baseline, "2025-01-01", "2025-12-31");
  changes = json_object_get_array_member (json_object_get_object_member (report, "baseline"), "tier_changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_string_append_printf (expected, "%s → %s: %" G_GINT64_FORMAT "\n", json_object_get_string_member (change, "from"),
                              json_object_get_string_member (change, "to"), json_object_get_int_member (change, "partners"));
    }
  shown = td_compare_page_get_changes_text (page);
  g_test_message ("tier changes:\n%s", shown);
  g_assert_cmpuint (json_array_get_length (changes), >, 0);
  g_assert_cmpstr (shown, ==, expected->str);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* "Why this amount?": the lines of the partner paid most sum to its
 * payout; a line's details name the sale, the rate and the payout. */
static void
test_explanation (void)
{
  g_autofree char *path = ui_copy_of_demo ("explain.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  const TdResult *result;
  TdExplanationWindow *explanation;
  g_autofree char *detail = NULL;
  /* build-aux/screenshots.sh pictures other programs too. */
  const char *program_id = g_getenv ("TIERDESK_SCREENSHOT_PROGRAM") != NULL ? g_getenv ("TIERDESK_SCREENSHOT_PROGRAM")
                                                                          : "smart-soft";
  guint top = 0;

  g_assert_true (td_workspace_window_select_program (window, program_id, NULL));
  g_assert_true (td_workspace_window_set_page (window, "simulate", NULL));
  wait_idle (window);
  result = td_simulation_get_result (td_workspace_window_get_simulation (window), TD_SIMULATION_CURRENT);
  for (guint p = 1; p < result->dataset->n_partners; p++)
    if (result->partner_payout[p] > result->partner_payout[top])
      top = p;
  g_assert_cmpint (result->partner_payout[top], >, 0);

  explanation = td_explanation_window_new (GTK_WINDOW (window), result, top);
  gtk_window_present (GTK_WINDOW (explanation));
  g_assert_cmpint (td_explanation_window_get_payout (explanation), ==, result->partner_payout[top]);
  g_assert_cmpint (td_explanation_window_get_total (explanation), ==, result->partner_payout[top]);
  g_assert_cmpuint (td_explanation_window_get_n_rules (explanation), >, 0);
  g_assert_true (td_explanation_window_show_line (explanation, 0, 0));
  detail = td_explanation_window_get_detail_text (explanation);
  g_test_message ("%s", detail);
  g_assert_nonnull (strstr (detail, "Explanation: "));
  g_assert_nonnull (strstr (detail, "Payout: "));
  g_assert_false (td_explanation_window_show_line (explanation, 99, 0));

  /* With TIERDESK_SCREENSHOT_DIR, the window as docs/ shows it
   * (build-aux/screenshots.sh). */
  if (g_getenv ("TIERDESK_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png_path = g_build_filename (g_getenv ("TIERDESK_SCREENSHOT_DIR"), "explanation.png", NULL);
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GError) error = NULL;

      gtk_window_set_default_size (GTK_WINDOW (explanation), 760, 900);
      for (int frame = 0; frame < 20; frame++)
        g_main_context_iteration (NULL, FALSE);
      png = td_screenshot_render_png (GTK_WIDGET (explanation), &error);
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (png_path, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), NULL));
    }

  gtk_window_destroy (GTK_WINDOW (explanation));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The partner table exported as shown: the filter's rows, in the
 * table's order, numbers as numbers. */
static void
test_table_export (void)
{
  g_autofree char *path = ui_copy_of_demo ("table.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  TdSimulatePage *page;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint shown;

  g_assert_true (td_workspace_window_select_program (window, "smart-soft", NULL));
  page = TD_SIMULATE_PAGE (td_workspace_window_get_page_widget (window, "simulate"));
  wait_idle (window);
  td_simulate_page_set_filter (page, "Privileged", NULL);
  shown = td_simulate_page_get_n_shown (page);
  g_assert_cmpuint (shown, >, 0);
  csv = td_simulate_page_table_csv (page);
  lines = g_strsplit (csv, "\n", -1);
  /* Header, the rows, and the empty text after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, shown + 2);
  g_assert_cmpstr (lines[0], ==, "partner_id,name,tier,revenue,payout,rules");
  for (guint i = 1; i <= shown; i++)
    g_assert_nonnull (strstr (lines[i], ",Privileged,"));
  /* Activating Privileged's bar (the third tier) filters the same rows. */
  td_simulate_page_set_filter (page, NULL, NULL);
  g_assert_cmpuint (td_simulate_page_get_n_shown (page), ==, 6000);
  g_signal_emit_by_name (td_simulate_page_get_tier_chart (page), "activated", 2);
  g_assert_cmpuint (td_simulate_page_get_n_shown (page), ==, shown);
  td_simulate_page_set_filter (page, NULL, "P0000");
  g_assert_cmpuint (td_simulate_page_get_n_shown (page), ==, 9);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;
  g_assert_nonnull (g_getenv ("TIERDESK_CLI"));
  if (g_strcmp0 (g_getenv ("TIERDESK_SCREENSHOT_SCHEME"), "dark") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  ui_demo_create ("tierdesk-simulate-XXXXXX", 0, 0);

  g_test_add_func ("/ui/simulate/totals-follow-edits", test_totals_follow_edits);
  g_test_add_func ("/ui/simulate/compare-matches-cli", test_compare_matches_cli);
  g_test_add_func ("/ui/simulate/explanation", test_explanation);
  g_test_add_func ("/ui/simulate/table-export", test_table_export);
  status = g_test_run ();

  ui_demo_remove ();
  return status;
}
