/* cli-import.c — tierdesk-cli import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-table.h"
#include "td-workspace-data.h"

static void
print_progress (double   fraction,
                gpointer user_data)
{
  int *last = user_data;
  int percent = (int) (fraction * 100.0);

  if (percent == *last)
    return;
  *last = percent;
  g_printerr ("\r%3d %%", percent);
  if (percent >= 100)
    g_printerr ("\n");
}

int
cli_import (int    argc,
            char **argv)
{
  g_autofree char *data_dir = NULL;
  gboolean skip_invalid = FALSE;
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Import the CSV files of DIR"), N_("DIR") },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, N_("Import the valid rows, list the others in a rejects file"), NULL },
    { NULL }
  };
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  TdLoadOptions options = { 0 };
  guint64 batch = 0, rejected = 0;
  int last = -1;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE"),
                          _("Import a folder of CSV files as the data set of a workspace (creating it if missing).\n"
                            "Exit status: 0 success, 1 invalid input, 2 usage error."),
                          entries))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error ("import", _("give exactly one workspace"));
  if (data_dir == NULL)
    return cli_usage_error ("import", _("--data DIR is required"));

  workspace = cli_open_workspace_creating (argv[1], &error);
  if (workspace == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CLI_EXIT_INVALID;
    }

  options.skip_invalid = skip_invalid;
  /* Progress only where someone watches it. */
  if (isatty (STDERR_FILENO))
    {
      options.progress = print_progress;
      options.progress_data = &last;
    }
  if (!td_workspace_import_dir (workspace, data_dir, &options, problems, &batch, &error))
    {
      cli_print_problems (problems, data_dir);
      g_printerr ("%s\n", error->message);
      return CLI_EXIT_INVALID;
    }
  cli_print_problems (problems, data_dir);
  files = td_workspace_list_import_files (workspace, batch, &error);
  if (files == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CLI_EXIT_INVALID;
    }
  g_print (_("Imported batch %" PRIu64 "\n"), batch);
  for (guint i = 0; i < files->len; i++)
    {
      const TdImportFile *file = files->pdata[i];

      g_print ("  %-20s %10" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " rejected\n",
               file->name, file->rows, file->rejected);
      rejected += file->rejected;
    }
  if (rejected > 0)
    {
      g_autofree char *path = td_workspace_rejects_path (workspace, batch);
      g_print (_("Rejected rows: %s\n"), path);
    }
  return cli_finish_output ();
}

int
cli_batches (int    argc,
             char **argv)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) table = cli_table_new ();
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE"),
                          _("List the import batches of a workspace, oldest first; the last\n"
                            "is the data set in use.\n"
                            "Exit status: 0 success, 1 the workspace cannot be read, 2 usage error."),
                          NULL))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error ("batches", _("give exactly one workspace"));

  workspace = td_workspace_open (argv[1], FALSE, &error);
  if (workspace != NULL)
    batches = td_workspace_list_batches (workspace, &error);
  if (batches == NULL)
    return cli_fail ("batches", error);
  if (batches->len == 0)
    {
      g_print (_("No data imported into %s yet\n"), argv[1]);
      return cli_finish_output ();
    }

  /* TRANSLATORS: column headers of "tierdesk-cli batches" */
  cli_table_add (table, g_strdup (_("BATCH")), g_strdup (_("IMPORTED AT")), g_strdup (_("AUTHOR")),
                 g_strdup (_("FILES")), g_strdup (_("ROWS")), g_strdup (_("REJECTED")),
                 g_strdup (_("FOLDER")), NULL);
  for (guint i = 0; i < batches->len; i++)
    {
      const TdImportBatch *batch = batches->pdata[i];

      cli_table_add (table, g_strdup_printf ("%" G_GUINT64_FORMAT, batch->id), cli_cell (batch->created_at),
                     cli_cell (batch->author), cli_cell (batch->kinds),
                     g_strdup_printf ("%" G_GUINT64_FORMAT, batch->rows),
                     g_strdup_printf ("%" G_GUINT64_FORMAT, batch->rejected), cli_cell (batch->source), NULL);
    }
  cli_table_print (table);
  return cli_finish_output ();
}

int
cli_undo_import (int    argc,
                 char **argv)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  guint64 batch = 0, current = 0;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE BATCH"),
                          _("Remove an import batch and its rows; when it was the data set in use,\n"
                            "the batch before it is in use again.\n"
                            "Exit status: 0 success, 1 no such batch or the workspace cannot be\n"
                            "written, 2 usage error."),
                          NULL))
    return CLI_EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error ("undo-import", _("give a workspace and a batch number"));
  if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &batch, NULL))
    return cli_usage_error ("undo-import", _("the batch must be a number as “tierdesk-cli batches” lists it, not “%s”"),
                            argv[2]);

  workspace = td_workspace_open (argv[1], TRUE, &error);
  if (workspace == NULL
      || !td_workspace_undo_import (workspace, batch, &error)
      || !td_workspace_current_batch (workspace, &current, &error))
    return cli_fail ("undo-import", error);
  g_print (_("Removed import batch %" PRIu64 "\n"), batch);
  if (current == 0)
    g_print (_("No data set is in use now\n"));
  else
    g_print (_("Data set in use: batch %" PRIu64 "\n"), current);
  return cli_finish_output ();
}
