/* cli-simulate.c — tierdesk-cli simulate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli-commands.h"
#include "td-dataset-loader.h"
#include "td-engine.h"
#include "td-report.h"
#include "td-validator.h"
#include "td-workspace-data.h"

static gboolean
parse_date_option (const char *name,
                   const char *text,
                   TdDate     *out)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      cli_usage_error ("simulate", _("%s is required"), name);
      return FALSE;
    }
  if (!td_date_parse (text, out, &error))
    {
      cli_usage_error ("simulate", "%s: %s", name, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Loading a large history takes seconds: say how far it is, on a
 * terminal only (scripts read standard error as problems). */
static void
show_progress_cb (double   fraction,
                  gpointer user_data)
{
  g_autofree char *text = g_strdup_printf (_("Reading the data: %3d %%"), (int) (fraction * 100));

  g_printerr ("\r%s", text);
  if (fraction >= 1.0)
    g_printerr ("\r%*s\r", 40, "");
}

int
cli_simulate (int    argc,
              char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *baseline_path = NULL;
  g_autofree char *format = NULL;
  g_autofree char *lines_path = NULL;
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Read the CSV files of DIR"), N_("DIR") },
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace, N_("Read the data of a Tierdesk workspace"), N_("WORKSPACE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the period (YYYY-MM-DD)"), N_("DATE") },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline_path, N_("Compare with another program"), N_("OTHER.json") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json (default), csv (the partners table) or text"), N_("FORMAT") },
    { "lines", 0, 0, G_OPTION_ARG_FILENAME, &lines_path, N_("Write every payout line to FILE"), N_("FILE.csv") },
    { NULL }
  };
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProblems) baseline_problems = td_problems_new ();
  g_autoptr(TdProblems) data_problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdProgram) baseline_program = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdResult) result = NULL;
  g_autoptr(TdResult) baseline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  TdSimulateOptions options = { 0 };
  TdLoadOptions load_options = { 0 };

  if (!cli_parse_options (&argc, &argv, _("PROGRAM.json"),
                          _("Simulate what a program would have paid over a period of sales history.\n"
                            "Exit status: 0 success, 1 invalid input, 2 usage error."),
                          entries))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error ("simulate", _("give exactly one program file"));
  if ((data_dir == NULL) == (workspace == NULL))
    return cli_usage_error ("simulate", _("give either --data DIR or --workspace WORKSPACE"));
  if (!parse_date_option ("--from", from_text, &options.from) ||
      !parse_date_option ("--to", to_text, &options.to))
    return CLI_EXIT_USAGE;
  if (options.from > options.to)
    return cli_usage_error ("simulate", _("--from %s is after --to %s"), from_text, to_text);
  if (format == NULL)
    format = g_strdup ("json");
  if (strcmp (format, "json") != 0 && strcmp (format, "csv") != 0 && strcmp (format, "text") != 0)
    return cli_usage_error ("simulate", _("--format must be json, csv or text, not “%s”"), format);

  program = td_program_load (argv[1], problems);
  cli_print_problems (problems, argv[1]);
  if (baseline_path != NULL)
    {
      baseline_program = td_program_load (baseline_path, baseline_problems);
      cli_print_problems (baseline_problems, baseline_path);
    }
  if (program == NULL || (baseline_path != NULL && baseline_program == NULL))
    return CLI_EXIT_INVALID;

  if (isatty (STDERR_FILENO))
    load_options.progress = show_progress_cb;
  if (workspace != NULL)
    {
      g_autoptr(TdWorkspace) ws = td_workspace_open (workspace, FALSE, &error);

      if (ws != NULL)
        dataset = td_workspace_load_dataset (ws, data_problems, &error);
      if (dataset == NULL)
        {
          g_printerr ("%s\n", error->message);
          return CLI_EXIT_INVALID;
        }
      g_clear_error (&error);
    }
  else
    {
      dataset = td_dataset_load_dir (data_dir, &load_options, data_problems);
      cli_print_problems (data_problems, data_dir);
      if (dataset == NULL)
        return CLI_EXIT_INVALID;
    }

  options.want_lines = lines_path != NULL;
  result = td_simulate (program, dataset, &options, &error);
  if (result == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return CLI_EXIT_INVALID;
    }
  if (baseline_program != NULL)
    {
      TdSimulateOptions baseline_options = options;

      baseline_options.want_lines = FALSE;
      baseline = td_simulate (baseline_program, dataset, &baseline_options, &error);
      if (baseline == NULL)
        {
          g_printerr ("%s: %s\n", baseline_path, error->message);
          return CLI_EXIT_INVALID;
        }
    }

  if (lines_path != NULL)
    {
      g_autofree char *temporary = g_strconcat (lines_path, ".tmp", NULL);
      FILE *out = fopen (temporary, "w");
      gboolean ok;

      td_result_sort_lines (result);
      ok = out != NULL && td_report_write_lines (result, out);
      if (out != NULL && fclose (out) != 0)
        ok = FALSE;
      /* Written aside and renamed: never a half-written lines file. */
      if (!ok || g_rename (temporary, lines_path) != 0)
        {
          g_printerr (_("tierdesk-cli simulate: cannot write %s: %s\n"), lines_path, g_strerror (errno));
          g_unlink (temporary);
          return CLI_EXIT_INVALID;
        }
    }

  if (strcmp (format, "json") == 0)
    output = td_report_to_json (result, baseline);
  else if (strcmp (format, "csv") == 0)
    output = td_report_partners_csv (result);
  else
    output = td_report_to_text (result, baseline);
  fputs (output, stdout);
  return cli_finish_output ();
}
