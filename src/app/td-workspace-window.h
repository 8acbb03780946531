/* td-workspace-window.h — a workspace's window: programs in a sidebar, pages of one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-application.h"
#include "td-editor.h"
#include "td-simulation.h"

G_BEGIN_DECLS

#define TD_TYPE_WORKSPACE_WINDOW (td_workspace_window_get_type ())
G_DECLARE_FINAL_TYPE (TdWorkspaceWindow, td_workspace_window, TD, WORKSPACE_WINDOW, AdwApplicationWindow)

TdWorkspaceWindow   *td_workspace_window_new             (TdApplication *application);
/* Opens @path in this window (the demo workspace is made first when @path
 * is the demo's and does not exist yet). Emits "ready" when the workspace
 * is shown, or shows why it cannot be opened. */
void        td_workspace_window_open_workspace  (TdWorkspaceWindow      *window,
                                       const char    *path);
const char *td_workspace_window_get_path        (TdWorkspaceWindow      *window);
gboolean    td_workspace_window_select_program  (TdWorkspaceWindow      *window,
                                       const char    *program_id,
                                       GError       **error);
/* "design", "simulate", "compare" or "history". */
gboolean    td_workspace_window_set_page        (TdWorkspaceWindow      *window,
                                       const char    *page,
                                       GError       **error);

/* For tests: the pages and the program shown. */
GtkWidget  *td_workspace_window_get_page_widget (TdWorkspaceWindow *window,
                                                 const char        *page);
const char *td_workspace_window_get_program_id  (TdWorkspaceWindow *window);
guint       td_workspace_window_get_n_programs  (TdWorkspaceWindow *window);
/* The saved version the Compare page compares the draft with. */
void        td_workspace_window_set_baseline    (TdWorkspaceWindow *window,
                                                 guint              number);
/* TRUE while the data set loads or a simulation runs (screenshots wait). */
gboolean    td_workspace_window_is_busy         (TdWorkspaceWindow *window);
/* The data set and the live runs of the window. */
TdSimulation *td_workspace_window_get_simulation (TdWorkspaceWindow *window);
/* The editor of the program shown; NULL for none. */
TdEditor   *td_workspace_window_get_editor      (TdWorkspaceWindow *window);

G_END_DECLS
