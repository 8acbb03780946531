/* test-window.c — the workspace window, driven under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "td-demo-workspace.h"
#include "td-history-page.h"
#include "td-screenshot.h"
#include "td-workspace-window.h"

static char *demo_dir;
static char *demo_path;

/* One small demo workspace for the whole run; each test opens a copy. */
static char *
copy_of_demo (const char *name)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *path = g_build_filename (demo_dir, name, NULL);

  g_assert_true (g_file_get_contents (demo_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return path;
}

static void
ready_cb (TdWorkspaceWindow *window,
          gpointer           user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
wait_for (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static TdWorkspaceWindow *
open_window (const char *path)
{
  TdWorkspaceWindow *window = td_workspace_window_new (NULL);
  gboolean ready = FALSE;

  g_signal_connect (window, "ready", G_CALLBACK (ready_cb), &ready);
  gtk_window_present (GTK_WINDOW (window));
  td_workspace_window_open_workspace (window, path);
  wait_for (&ready);
  g_signal_handlers_disconnect_by_func (window, ready_cb, &ready);
  return window;
}

static void
test_open (void)
{
  g_autofree char *path = copy_of_demo ("open.tierdesk");
  TdWorkspaceWindow *window = open_window (path);
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
  g_autofree char *path = copy_of_demo ("history.tierdesk");
  TdWorkspaceWindow *window = open_window (path);
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

static void
shot_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_screenshot_save_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The screenshot mode writes a PNG of the window's size. */
static void
test_screenshot (void)
{
  g_autofree char *path = copy_of_demo ("shot.tierdesk");
  g_autofree char *png = g_build_filename (demo_dir, "shot.png", NULL);
  TdWorkspaceWindow *window = open_window (path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  td_screenshot_save_async (GTK_WIDGET (window), png, NULL, shot_cb, &done);
  wait_for (&done);
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
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  demo_dir = g_dir_make_tmp ("tierdesk-ui-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (demo_dir, "demo.tierdesk", NULL);
  td_demo_options_init (&options);
  options.n_partners = 300;
  options.n_sales = 6000;
  g_assert_true (td_demo_workspace_create (demo_path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/open", test_open);
  g_test_add_func ("/ui/window/history", test_history);
  g_test_add_func ("/ui/window/screenshot", test_screenshot);
  status = g_test_run ();

  g_unlink (demo_path);
  g_rmdir (demo_dir);
  g_free (demo_path);
  g_free (demo_dir);
  return status;
}
