/* main.c — the tierdesk desktop app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdApplication) application = NULL;
  const char *localedir = g_getenv ("TIERDESK_LOCALEDIR");

  /* The build tree's catalogues when run uninstalled (build-aux/run.sh). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = td_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
