/* cli-workspace.c — save, programs, versions, export and check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli-commands.h"
#include "cli-table.h"
#include "td-validator.h"
#include "td-workspace.h"

TdWorkspace *
cli_open_workspace_creating (const char  *path,
                             GError     **error)
{
  GError *local_error = NULL;
  TdWorkspace *workspace = td_workspace_open (path, TRUE, &local_error);

  if (g_error_matches (local_error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NOT_FOUND))
    {
      g_clear_error (&local_error);
      workspace = td_workspace_create (path, &local_error);
      /* A typo in the name makes a new workspace: say so. */
      if (workspace != NULL)
        printf (_("Created workspace %s\n"), path);
      /* Another program created it in the meantime: use that one. */
      else if (g_error_matches (local_error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_EXISTS))
        {
          g_clear_error (&local_error);
          workspace = td_workspace_open (path, TRUE, &local_error);
        }
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return workspace;
}

int
cli_save (int    argc,
          char **argv)
{
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Describe the change in the version history"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  guint number;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE PROGRAM.json"),
                          _("Save a valid program file as the next version of its program in a\n"
                            "workspace, creating the workspace file if it does not exist.\n"
                            "Saving a program unchanged since its latest version saves nothing.\n"
                            "Exit status: 0 saved or unchanged, 1 invalid input, 2 usage error."),
                          entries))
    return CLI_EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error ("save", _("give a workspace and one program file"));

  program = td_program_load (argv[2], problems);
  cli_print_problems (problems, argv[2]);
  if (program == NULL)
    return CLI_EXIT_INVALID;

  workspace = cli_open_workspace_creating (argv[1], &error);
  if (workspace == NULL)
    return cli_fail ("save", error);

  if (!td_workspace_save_version (workspace, program, note, &number, &error))
    {
      /* Saving again what is saved is not an error: scripts may save
       * every time. */
      if (g_error_matches (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_UNCHANGED))
        {
          printf ("%s\n", error->message);
          return cli_finish_output ();
        }
      return cli_fail ("save", error);
    }
  /* TRANSLATORS: Saved PROGRAM-ID version N */
  printf (_("Saved %s version %u\n"), program->id, number);
  return cli_finish_output ();
}

int
cli_programs (int    argc,
              char **argv)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GPtrArray) table = cli_table_new ();
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE"),
                          _("List the programs of a workspace with their latest version."),
                          NULL))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error ("programs", _("give exactly one workspace"));

  workspace = td_workspace_open (argv[1], FALSE, &error);
  if (workspace == NULL)
    return cli_fail ("programs", error);
  programs = td_workspace_list_programs (workspace, &error);
  if (programs == NULL)
    return cli_fail ("programs", error);
  if (programs->len == 0)
    {
      printf (_("No programs saved in %s yet\n"), argv[1]);
      return cli_finish_output ();
    }

  /* TRANSLATORS: column headers of "tierdesk-cli programs" */
  cli_table_add (table, g_strdup (_("ID")), g_strdup (_("NAME")), g_strdup (_("VENDOR")),
                 g_strdup (_("CURRENCY")), g_strdup (_("VERSION")), g_strdup (_("SAVED AT")), NULL);
  for (guint i = 0; i < programs->len; i++)
    {
      const TdProgramSummary *summary = programs->pdata[i];

      cli_table_add (table, cli_cell (summary->id), cli_cell (summary->name),
                     cli_cell (summary->vendor != NULL ? summary->vendor : "-"), cli_cell (summary->currency),
                     g_strdup_printf ("%u", summary->latest_version), cli_cell (summary->saved_at), NULL);
    }
  cli_table_print (table);
  return cli_finish_output ();
}

int
cli_versions (int    argc,
              char **argv)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) table = cli_table_new ();
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE PROGRAM-ID"),
                          _("List the saved versions of a program, oldest first."),
                          NULL))
    return CLI_EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error ("versions", _("give a workspace and one program id"));

  workspace = td_workspace_open (argv[1], FALSE, &error);
  if (workspace == NULL)
    return cli_fail ("versions", error);
  versions = td_workspace_list_versions (workspace, argv[2], &error);
  if (versions == NULL)
    return cli_fail ("versions", error);

  /* TRANSLATORS: column headers of "tierdesk-cli versions" */
  cli_table_add (table, g_strdup (_("VERSION")), g_strdup (_("SAVED AT")), g_strdup (_("AUTHOR")),
                 g_strdup (_("NOTE")), NULL);
  for (guint i = 0; i < versions->len; i++)
    {
      const TdVersionInfo *info = versions->pdata[i];

      cli_table_add (table, g_strdup_printf ("%u", info->number), cli_cell (info->saved_at),
                     cli_cell (info->author), cli_cell (info->note), NULL);
    }
  cli_table_print (table);
  return cli_finish_output ();
}

int
cli_export (int    argc,
            char **argv)
{
  g_autofree char *version_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_STRING, &version_text, N_("Export version N (default: the latest)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint64 number = 0;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE PROGRAM-ID"),
                          _("Write a saved version of a program: the bytes that were saved,\n"
                            "canonical JSON with \"version\" set to the version's number."),
                          entries))
    return CLI_EXIT_USAGE;
  if (argc != 3)
    return cli_usage_error ("export", _("give a workspace and one program id"));
  if (version_text != NULL
      && !g_ascii_string_to_unsigned (version_text, 10, 1, G_MAXUINT, &number, NULL))
    return cli_usage_error ("export", _("--version must be a version number (1, 2, 3…), not “%s”"), version_text);

  workspace = td_workspace_open (argv[1], FALSE, &error);
  if (workspace == NULL)
    return cli_fail ("export", error);
  json = td_workspace_get_version_json (workspace, argv[2], (guint) number, &error);
  if (json == NULL)
    return cli_fail ("export", error);

  return cli_write_output ("export", output, json);
}

/* Prints one check's result; TRUE when it passed. */
static gboolean
print_check (const char      *label,
             const GPtrArray *problems)
{
  if (problems->len == 0)
    {
      /* TRANSLATORS: CHECK: ok */
      printf (_("%s: ok\n"), label);
      return TRUE;
    }
  /* TRANSLATORS: CHECK: failed */
  printf (_("%s: failed\n"), label);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = cli_cell (problems->pdata[i]);
      printf ("  %s\n", line);
    }
  return FALSE;
}

int
cli_check (int    argc,
           char **argv)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  gboolean passed = TRUE;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE"),
                          _("Check a workspace without changing it: SQLite's integrity and\n"
                            "foreign key checks, that each stored version is the program its\n"
                            "row names, and that each import batch holds the rows it imported.\n"
                            "Exit status: 0 sound, 1 a check failed or the file cannot be read,\n"
                            "2 usage error."),
                          NULL))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error ("check", _("give exactly one workspace"));

  /* Without the quick check at opening, so that every finding about a
   * damaged file is listed. */
  workspace = td_workspace_open_for_check (argv[1], &error);
  if (workspace == NULL)
    return cli_fail ("check", error);
  check = td_workspace_check (workspace, &error);
  if (check == NULL)
    return cli_fail ("check", error);

  printf (_("Workspace: %s\n"), argv[1]);
  printf (_("Schema version: %d\n"), check->schema_version);
  passed &= print_check (_("Integrity check"), check->integrity);
  /* A damaged file is checked no further (td_workspace_check). */
  if (check->integrity->len == 0)
    {
      printf (_("Programs: %u\n"), check->n_programs);
      printf (_("Versions: %u\n"), check->n_versions);
      printf (_("Drafts: %u\n"), check->n_drafts);
      printf (_("Import batches: %u\n"), check->n_batches);
      if (check->current_batch == 0)
        printf (_("Data set: none imported\n"));
      else
        printf (_("Data set: batch %" PRIu64 ", %" PRIu64 " partners, %" PRIu64 " products, %" PRIu64 " sales, "
                  "%" PRIu64 " certifications, %" PRIu64 " deals\n"),
                check->current_batch, check->n_partners, check->n_products, check->n_sales,
                check->n_certifications, check->n_deals);
      passed &= print_check (_("Foreign key check"), check->foreign_keys);
      passed &= print_check (_("Version check"), check->versions);
      passed &= print_check (_("Import batch check"), check->batches);
    }
  if (cli_finish_output () != CLI_EXIT_OK)
    return CLI_EXIT_INVALID;
  return passed ? CLI_EXIT_OK : CLI_EXIT_INVALID;
}
