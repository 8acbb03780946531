/* tierdesk-cli.c — command-line entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cli-commands.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "validate", cli_validate, N_("Check a program file and list every problem") },
  { "fmt", cli_fmt, N_("Write a program file in canonical form") },
  { "simulate", cli_simulate, N_("Simulate what a program would have paid over a period") },
  { "demo-data", cli_demo_data, N_("Write a synthetic sales history for the example programs") },
  { "demo", cli_demo, N_("Create a demo workspace with the example programs and data") },
  { "save", cli_save, N_("Save a program file as its next version in a workspace") },
  { "programs", cli_programs, N_("List the programs saved in a workspace") },
  { "versions", cli_versions, N_("List the saved versions of a program") },
  { "export", cli_export, N_("Write a saved version of a program as JSON") },
  { "diff", cli_diff, N_("List what changed between two saved versions of a program") },
  { "check", cli_check, N_("Check a workspace file for damage") },
  { "import", cli_import, N_("Import a folder of CSV files into a workspace") },
  { "batches", cli_batches, N_("List the import batches of a workspace") },
  { "undo-import", cli_undo_import, N_("Remove an import batch from a workspace") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: tierdesk-cli COMMAND [OPTION…]"));
  fprintf (out, "\n%s\n", _("Design, check and simulate partner programs."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “tierdesk-cli COMMAND --help” for the options of a command."));
}

gboolean
cli_parse_options (int           *argc,
                   char        ***argv,
                   const char    *parameter,
                   const char    *summary,
                   GOptionEntry  *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("tierdesk-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Every problem on standard error, one per line. */
void
cli_print_problems (const TdProblems *problems,
                    const char       *file)
{
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    {
      g_autofree char *line = td_problem_to_string (td_problems_get (problems, i), file);
      g_printerr ("%s\n", line);
    }
}

/* Reports a failure of @command; the exit status for invalid input. */
int
cli_fail (const char   *command,
          const GError *error)
{
  g_printerr ("tierdesk-cli %s: %s\n", command, error->message);
  return CLI_EXIT_INVALID;
}

/* Standard output flushed: a full disk or a closed pipe is a failure. */
int
cli_finish_output (void)
{
  return fflush (stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_INVALID;
}

/* @text to standard output when @path is NULL; to a regular file through
 * a temporary file renamed over it (never half-written); straight into a
 * device or pipe (/dev/null, /dev/stdout), which a rename would replace. */
int
cli_write_output (const char *command,
                  const char *path,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize length = strlen (text);
  FILE *out;
  gboolean written;

  if (path == NULL)
    {
      written = fwrite (text, 1, length, stdout) == length;
      return written ? cli_finish_output () : CLI_EXIT_INVALID;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (g_file_set_contents (path, text, (gssize) length, &error))
        return CLI_EXIT_OK;
      return cli_fail (command, error);
    }
  out = fopen (path, "wb");
  written = out != NULL && fwrite (text, 1, length, out) == length;
  if (out == NULL || fclose (out) != 0 || !written)
    {
      g_printerr (_("tierdesk-cli %s: cannot write %s: %s\n"), command, path, g_strerror (errno));
      return CLI_EXIT_INVALID;
    }
  return CLI_EXIT_OK;
}

int
cli_usage_error (const char *command,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("tierdesk-cli %s: %s\n", command, message);
  g_printerr (_("Run “tierdesk-cli %s --help” for usage.\n"), command);
  return CLI_EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Run from the build tree (tests, build-aux/run.sh), the catalogues are
   * not installed yet. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TIERDESK_LOCALEDIR") != NULL ? g_getenv ("TIERDESK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("tierdesk-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("tierdesk-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return CLI_EXIT_USAGE;
}
