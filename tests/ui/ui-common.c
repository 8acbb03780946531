/* ui-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "td-demo-workspace.h"
#include "td-screenshot.h"
#include "ui-common.h"

static char *demo_dir;
static char *demo_path;

gboolean
ui_test_init (int    *argc,
              char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return FALSE;
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

void
ui_demo_create (const char *tmp_template,
                guint       n_partners,
                guint       n_sales)
{
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;

  demo_dir = g_dir_make_tmp (tmp_template, &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (demo_dir, "demo.tierdesk", NULL);
  td_demo_options_init (&options);
  if (n_partners > 0)
    options.n_partners = n_partners;
  if (n_sales > 0)
    options.n_sales = n_sales;
  g_assert_true (td_demo_workspace_create (demo_path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

void
ui_demo_remove (void)
{
  g_unlink (demo_path);
  g_rmdir (demo_dir);
  g_clear_pointer (&demo_path, g_free);
  g_clear_pointer (&demo_dir, g_free);
}

const char *
ui_demo_dir (void)
{
  return demo_dir;
}

/* Each test changes a copy of its own: the tests do not depend on each
 * other's order. */
char *
ui_copy_of_demo (const char *name)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *path = g_build_filename (demo_dir, name, NULL);

  g_assert_true (g_file_get_contents (demo_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return path;
}

void
ui_flag_cb (gpointer instance,
            gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
ui_wait_for (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
ui_spin (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add_once (milliseconds, timeout_cb, &done);
  ui_wait_for (&done);
}

TdWorkspaceWindow *
ui_open_window (const char *path)
{
  TdWorkspaceWindow *window = td_workspace_window_new (NULL);
  gboolean ready = FALSE;
  gulong handler = g_signal_connect (window, "ready", G_CALLBACK (ui_flag_cb), &ready);

  gtk_window_present (GTK_WINDOW (window));
  td_workspace_window_open_workspace (window, path);
  ui_wait_for (&ready);
  g_signal_handler_disconnect (window, handler);
  return window;
}

GtkWindow *
ui_find_toplevel (GType    type,
                  gboolean visible)
{
  /* Owned by GTK. */
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && (!visible || gtk_widget_get_visible (GTK_WIDGET (window))))
        return GTK_WINDOW (window);
    }
  return NULL;
}

GtkEventController *
ui_find_controller (GtkWidget *widget,
                    GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

AdwMessageDialog *
ui_find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, TRUE));
}

void
ui_screenshot_saved_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_screenshot_save_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

void
ui_write_png (GtkWidget  *widget,
              const char *name)
{
  const char *dir = g_getenv ("TIERDESK_SCREENSHOT_DIR");
  const char *build = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : build != NULL ? build : ".", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  png = td_screenshot_render_png (widget, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

void
ui_save_png (GtkWidget  *widget,
             const char *name)
{
  /* Without a window manager the window never has the focus, and would
   * be drawn in its greyed-out look. */
  gtk_widget_unset_state_flags (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW), GTK_STATE_FLAG_BACKDROP);
  gtk_test_widget_wait_for_draw (widget);
  ui_write_png (widget, name);
}
