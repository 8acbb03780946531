/* td-application.h — the Tierdesk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_APPLICATION (td_application_get_type ())
G_DECLARE_FINAL_TYPE (TdApplication, td_application, TD, APPLICATION, AdwApplication)

TdApplication *td_application_new                (void);
/* The settings of the app, or NULL when its schema is not installed
 * (running from a build tree without GSETTINGS_SCHEMA_DIR). */
GSettings     *td_application_get_settings       (TdApplication *application);
/* Where the demo workspace lives: the user's data folder. */
char          *td_application_get_demo_path      (void);
/* Records @path as the last and most recent workspace. */
void           td_application_remember_workspace (TdApplication *application,
                                                  const char    *path);

G_END_DECLS
