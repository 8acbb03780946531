/* ui-common.h — what the UI tests share: a demo workspace made once per
 * run, the workspace window opened on a copy of it, the main loop run
 * until something happens, toplevels found, pictures written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-workspace-window.h"

G_BEGIN_DECLS

/* gtk_test_init() and adw_init(); FALSE, the whole program reported as
 * skipped (TAP), without a display to run on. */
gboolean            ui_test_init           (int          *argc,
                                            char       ***argv);

/* A demo workspace in a new temporary folder made from @tmp_template
 * ("tierdesk-ui-XXXXXX"), for the whole run; @n_partners and @n_sales 0:
 * the demo's own sizes. */
void                ui_demo_create         (const char   *tmp_template,
                                            guint         n_partners,
                                            guint         n_sales);
/* Removes the demo workspace and its folder, which the tests emptied. */
void                ui_demo_remove         (void);
/* The temporary folder, for the tests' own files too. */
const char         *ui_demo_dir            (void);
/* A copy of the demo workspace named @name, for one test to change. */
char               *ui_copy_of_demo        (const char   *name);

/* A handler of a signal without arguments: sets the gboolean @user_data. */
void                ui_flag_cb             (gpointer      instance,
                                            gpointer      user_data);
void                ui_wait_for            (gboolean     *flag);
/* Runs the main loop for @milliseconds. */
void                ui_spin                (guint         milliseconds);
/* A workspace window on @path, once it is ready. */
TdWorkspaceWindow  *ui_open_window         (const char   *path);
/* The first toplevel of @type (that is visible, with @visible), or NULL. */
GtkWindow          *ui_find_toplevel       (GType         type,
                                            gboolean      visible);
/* The first event controller of @type that @widget has; asserts there is
 * one. */
GtkEventController *ui_find_controller     (GtkWidget    *widget,
                                            GType         type);
/* The AdwMessageDialog shown, or NULL. */
AdwMessageDialog   *ui_find_dialog         (void);

/* For td_screenshot_save_async(): asserts the picture was written and
 * sets the gboolean @user_data. */
void                ui_screenshot_saved_cb (GObject      *source,
                                            GAsyncResult *result,
                                            gpointer      user_data);
/* Renders @widget now into the PNG file @name in $TIERDESK_SCREENSHOT_DIR,
 * or else the tests' build directory. */
void                ui_write_png           (GtkWidget    *widget,
                                            const char   *name);
/* ui_write_png() once @widget is drawn, its window in its focused look. */
void                ui_save_png            (GtkWidget    *widget,
                                            const char   *name);

G_END_DECLS
