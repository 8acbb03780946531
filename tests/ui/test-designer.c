/* test-designer.c — the Design page driven as a channel manager would,
 * under Xvfb; the saved version is checked through the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "td-design-page.h"
#include "td-program-diff.h"
#include "td-program-reader.h"
#include "td-promotion-timeline.h"
#include "td-workspace.h"
#include "td-workspace-window.h"
#include "ui-common.h"

static gint64
rate_of (const TdProgram *program,
         const char      *rule_id,
         const char      *tier)
{
  for (guint r = 0; r < program->rules->len; r++)
    {
      const TdRule *rule = program->rules->pdata[r];

      if (g_strcmp0 (rule->id, rule_id) != 0)
        continue;
      for (guint i = 0; rule->rates != NULL && i < rule->rates->len; i++)
        if (g_strcmp0 (g_array_index (rule->rates, TdEntry, i).key, tier) == 0)
          return g_array_index (rule->rates, TdEntry, i).value;
    }
  return -1;
}

static TdProgram *
stored (const char *path,
        const char *id,
        guint       number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = td_workspace_open (path, FALSE, &error);
  g_autofree char *json = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();

  g_assert_no_error (error);
  json = td_workspace_get_version_json (workspace, id, number, &error);
  g_assert_no_error (error);
  return td_program_read_data (json, strlen (json), problems);
}

/* Issue 6's walk through: change a rate in the matrix, no problems, undo,
 * redo, add a promotion, save a version with a note; version 3 holds
 * exactly those changes. */
static void
test_edit_and_save (void)
{
  g_autofree char *path = ui_copy_of_demo ("edit.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  TdDesignPage *page;
  TdMatrixCell *cell;
  TdEditor *editor;
  AdwMessageDialog *dialog;
  g_autoptr(TdProgram) before = NULL, after = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  const TdRule *promotion;
  TdPromotionTimeline *timeline;

  g_assert_true (td_workspace_window_select_program (window, "smart-soft", NULL));
  g_assert_true (td_workspace_window_set_page (window, "design", NULL));
  page = TD_DESIGN_PAGE (td_workspace_window_get_page_widget (window, "design"));
  editor = td_workspace_window_get_editor (window);
  g_assert_nonnull (editor);
  g_assert_cmpuint (td_problems_get_n (td_editor_get_problems (editor)), ==, 0);
  g_assert_false (td_editor_is_modified (editor));

  /* Certified, Traffic Inspector software: 30 % → 32 %. */
  cell = td_design_page_get_cell (page, "rule:ti-software-reward", "certified");
  g_assert_nonnull (cell);
  g_assert_cmpstr (td_matrix_cell_get_text (cell), ==, "30 %");
  td_matrix_cell_enter (cell, "32");
  g_assert_false (td_matrix_cell_has_error (cell));
  g_assert_cmpint (rate_of (td_editor_get_program (editor), "ti-software-reward", "certified"), ==, 320000);
  g_assert_cmpstr (td_matrix_cell_get_text (cell), ==, "32 %");
  g_assert_cmpuint (td_problems_get_n (td_editor_get_problems (editor)), ==, 0);
  g_assert_true (td_editor_is_modified (editor));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  /* A value the validator refuses stays in the cell with the reason. */
  cell = td_design_page_get_cell (page, "rule:ti-software-reward", "privileged");
  td_matrix_cell_enter (cell, "thirty");
  g_assert_true (td_matrix_cell_has_error (cell));
  g_assert_cmpint (rate_of (td_editor_get_program (editor), "ti-software-reward", "privileged"), ==, 350000);

  /* Undo and redo through the window's actions (Ctrl+Z, Ctrl+Shift+Z). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (rate_of (td_editor_get_program (editor), "ti-software-reward", "certified"), ==, 300000);
  cell = td_design_page_get_cell (page, "rule:ti-software-reward", "certified");
  g_assert_cmpstr (td_matrix_cell_get_text (cell), ==, "30 %");
  g_assert_false (td_editor_is_modified (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (rate_of (td_editor_get_program (editor), "ti-software-reward", "certified"), ==, 320000);
  g_assert_cmpstr (td_matrix_cell_get_text (td_design_page_get_cell (page, "rule:ti-software-reward", "certified")), ==, "32 %");

  /* A promotion, made on the timeline (Insert) in the month shown first
   * (today is set outside the range), then its end dragged 10 days on. */
  timeline = TD_PROMOTION_TIMELINE (td_design_page_get_timeline (page));
  td_promotion_timeline_set_today (timeline, td_date_from_ymd (2000, 1, 1));
  td_promotion_timeline_set_range (timeline, td_date_from_ymd (2025, 1, 1), 12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.add-promotion", NULL));
  g_assert_cmpuint (td_editor_get_program (editor)->rules->len, ==, 8);
  promotion = td_editor_get_program (editor)->rules->pdata[7];
  g_assert_cmpstr (promotion->id, ==, "promotion-1");
  g_assert_true (promotion->has_active);
  g_assert_cmpint (promotion->active_from, ==, td_date_from_ymd (2025, 1, 1));
  g_assert_cmpint (promotion->active_to, ==, td_date_from_ymd (2025, 1, 31));
  g_assert_true (td_promotion_timeline_drag (timeline, "promotion-1", TD_PROMOTION_EDGE_TO, 10));
  promotion = td_editor_get_program (editor)->rules->pdata[7];
  g_assert_cmpint (promotion->active_to, ==, td_date_from_ymd (2025, 2, 10));

  /* Save Version… with a note. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-version", NULL));
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Certified software 32 %, a promotion");
  adw_message_dialog_response (dialog, "save");
  g_assert_false (td_editor_is_modified (editor));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Through the core: version 3, with the note, differs from version 2
   * by exactly the two edits. */
  workspace = td_workspace_open (path, FALSE, &error);
  g_assert_no_error (error);
  versions = td_workspace_list_versions (workspace, "smart-soft", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((TdVersionInfo *) versions->pdata[2])->note, ==, "Certified software 32 %, a promotion");
  before = stored (path, "smart-soft", 2);
  after = stored (path, "smart-soft", 3);
  changes = td_program_diff (before, after);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (((TdChange *) changes->pdata[0])->text, ==,
                   "Tier certified: rate of rule ti-software-reward 30 % → 32 %");
  g_assert_cmpstr (((TdChange *) changes->pdata[1])->text, ==,
                   "Rule promotion-1 added (percent), active 2025-01-01 to 2025-02-10");
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The child of the crash test: an edit, then wait to be killed once the
 * draft is in the workspace. */
static int
crash_child (const char *path,
             const char *ready_file)
{
  TdWorkspaceWindow *window = ui_open_window (path);
  TdDesignPage *page;

  g_assert_true (td_workspace_window_select_program (window, "smart-soft", NULL));
  page = TD_DESIGN_PAGE (td_workspace_window_get_page_widget (window, "design"));
  td_matrix_cell_enter (td_design_page_get_cell (page, "rule:ting-reward", "privileged"), "27.5");
  /* The draft is written a few seconds after the last edit. */
  ui_spin (4500);
  g_assert_true (g_file_set_contents (ready_file, "ready", -1, NULL));
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
test_crash_recovery (gconstpointer data)
{
  const char *self_path = data;
  g_autofree char *path = ui_copy_of_demo ("crash.tierdesk");
  g_autofree char *ready = g_build_filename (ui_demo_dir (), "crash.ready", NULL);
  const char *argv[] = { self_path, "--crash-child", path, ready, NULL };
  g_autoptr(GError) error = NULL;
  TdWorkspaceWindow *window;
  AdwMessageDialog *dialog;
  TdEditor *editor;
  GPid pid;
  int waited = 0;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  while (!g_file_test (ready, G_FILE_TEST_EXISTS) && waited++ < 600)
    g_usleep (100000);
  g_assert_true (g_file_test (ready, G_FILE_TEST_EXISTS));
  /* A crash: no chance to ask or to clean up. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_spawn_close_pid (pid);

  window = ui_open_window (path);
  g_assert_true (td_workspace_window_select_program (window, "smart-soft", NULL));
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore Unsaved Edits?");
  adw_message_dialog_response (dialog, "restore");
  editor = td_workspace_window_get_editor (window);
  g_assert_cmpint (rate_of (td_editor_get_program (editor), "ting-reward", "privileged"), ==, 275000);
  g_assert_true (td_editor_is_modified (editor));
  /* The restore is one step that can be undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (rate_of (td_editor_get_program (editor), "ting-reward", "privileged"), ==, 250000);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (ready);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;
  if (argc == 4 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2], argv[3]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  ui_demo_create ("tierdesk-designer-XXXXXX", 300, 6000);

  g_test_add_func ("/ui/designer/edit-and-save", test_edit_and_save);
  g_test_add_data_func ("/ui/designer/crash-recovery", self_path, test_crash_recovery);
  status = g_test_run ();

  ui_demo_remove ();
  return status;
}
