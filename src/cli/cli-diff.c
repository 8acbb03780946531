/* cli-diff.c — what changed between two saved versions of a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cli-commands.h"
#include "td-program-diff.h"
#include "td-program-reader.h"
#include "td-workspace.h"

static gboolean
parse_version (const char *text,
               guint      *number)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return FALSE;
  *number = (guint) value;
  return TRUE;
}

/* The program of a stored version; NULL after printing why not. */
static TdProgram *
load_version (TdWorkspace *workspace,
              const char  *program_id,
              guint        number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autofree char *json = td_workspace_get_version_json (workspace, program_id, number, &error);
  g_autofree char *label = NULL;
  TdProgram *program;

  if (json == NULL)
    {
      cli_fail ("diff", error);
      return NULL;
    }
  /* TRANSLATORS: names a stored version in problem messages: PROGRAM-ID version N */
  label = g_strdup_printf (_("%s version %u"), program_id, number);
  program = td_program_read_data (json, strlen (json), problems);
  cli_print_problems (problems, label);
  if (program != NULL && td_problems_count (problems, TD_SEVERITY_ERROR) > 0)
    g_clear_pointer (&program, td_program_free);
  return program;
}

int
cli_diff (int    argc,
          char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default) or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdProgram) a = NULL;
  g_autoptr(TdProgram) b = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint first, second;

  if (!cli_parse_options (&argc, &argv, _("WORKSPACE PROGRAM-ID A B"),
                          _("List what changed from version A to version B of a saved program,\n"
                            "one sentence per change.\n"
                            "Exit status: 0 success, 1 invalid input, 2 usage error."),
                          entries))
    return CLI_EXIT_USAGE;
  if (argc != 5)
    return cli_usage_error ("diff", _("give a workspace, a program id and two version numbers"));
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    return cli_usage_error ("diff", _("--format must be text or json, not “%s”"), format);
  if (!parse_version (argv[3], &first))
    return cli_usage_error ("diff", _("A must be a version number (1, 2, 3…), not “%s”"), argv[3]);
  if (!parse_version (argv[4], &second))
    return cli_usage_error ("diff", _("B must be a version number (1, 2, 3…), not “%s”"), argv[4]);

  workspace = td_workspace_open (argv[1], FALSE, &error);
  if (workspace == NULL)
    {
      return cli_fail ("diff", error);
    }
  a = load_version (workspace, argv[2], first);
  if (a == NULL)
    return CLI_EXIT_INVALID;
  b = load_version (workspace, argv[2], second);
  if (b == NULL)
    return CLI_EXIT_INVALID;

  changes = td_program_diff (a, b);
  if (format != NULL && strcmp (format, "json") == 0)
    {
      g_autofree char *json = td_program_diff_to_json (changes);
      return cli_write_output ("diff", NULL, json);
    }
  if (changes->len == 0)
    /* TRANSLATORS: No change between versions A and B. */
    printf (_("No change between versions %u and %u.\n"), first, second);
  for (guint i = 0; i < changes->len; i++)
    {
      const TdChange *change = changes->pdata[i];
      printf ("%s\n", change->text);
    }
  return cli_finish_output ();
}
