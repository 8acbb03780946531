/* test-window.c — the workspace window, driven under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "td-history-page.h"
#include "td-screenshot.h"
#include "td-workspace-window.h"
#include "ui-common.h"

static void
test_open (void)
{
  g_autofree char *path = ui_copy_of_demo ("open.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (td_workspace_window_get_n_programs (window), ==, 5);
  /* The first program (by id) is shown. */
  g_assert_cmpstr (td_workspace_window_get_program_id (window), ==, "kaspersky");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Kaspersky tailored partner program v2 — open.tierdesk");

  g_assert_true (td_workspace_window_select_program (window, "smart-soft", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_workspace_window_get_program_id (window), ==, "smart-soft");
  g_assert_false (td_workspace_window_select_program (window, "nope", &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_PROGRAM);
  g_clear_error (&error);
  g_assert_false (td_workspace_window_set_page (window, "sales", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_history (void)
{
  g_autofree char *path = ui_copy_of_demo ("history.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  TdHistoryPage *page;
  g_autofree char *latest = NULL, *chosen = NULL;

  g_assert_true (td_workspace_window_select_program (window, "snom", NULL));
  g_assert_true (td_workspace_window_set_page (window, "history", NULL));
  page = TD_HISTORY_PAGE (td_workspace_window_get_page_widget (window, "history"));
  /* The latest version is selected, with what it changed. */
  g_assert_cmpuint (td_history_page_get_selected_version (page), ==, 2);
  latest = td_history_page_get_diff_text (page);
  g_assert_cmpstr (latest, ==, "Rule dect-autumn-2025 added (per_unit), active 2025-10-01 to 2025-12-31\n");
  /* The other way round, the same words as tierdesk-cli diff snom 2 1. */
  td_history_page_compare (page, 2, 1);
  chosen = td_history_page_get_diff_text (page);
  g_assert_cmpstr (chosen, ==, "Rule dect-autumn-2025 removed\n");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The screenshot mode writes a PNG of the window's size. */
static void
test_screenshot (void)
{
  g_autofree char *path = ui_copy_of_demo ("shot.tierdesk");
  g_autofree char *png = g_build_filename (ui_demo_dir (), "shot.png", NULL);
  TdWorkspaceWindow *window = ui_open_window (path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  td_screenshot_save_async (GTK_WIDGET (window), png, NULL, ui_screenshot_saved_cb, &done);
  ui_wait_for (&done);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (GTK_WIDGET (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (png), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;
  ui_demo_create ("tierdesk-ui-XXXXXX", 300, 6000);

  g_test_add_func ("/ui/window/open", test_open);
  g_test_add_func ("/ui/window/history", test_history);
  g_test_add_func ("/ui/window/screenshot", test_screenshot);
  status = g_test_run ();

  ui_demo_remove ();
  return status;
}
