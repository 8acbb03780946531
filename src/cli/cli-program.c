/* cli-program.c — validate and fmt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "cli-commands.h"
#include "td-program-writer.h"
#include "td-validator.h"

int
cli_validate (int    argc,
              char **argv)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;

  if (!cli_parse_options (&argc, &argv, _("PROGRAM.json"),
                          _("Check a program file against the format and its rules.\n"
                            "Every problem is listed on standard error with its JSON path.\n"
                            "Exit status: 0 valid, 1 invalid, 2 usage error."),
                          NULL))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error ("validate", _("give exactly one program file"));

  program = td_program_load (argv[1], problems);
  cli_print_problems (problems, argv[1]);
  if (program == NULL)
    return CLI_EXIT_INVALID;

  /* TRANSLATORS: FILE: valid — NAME version N (CURRENCY): counts */
  printf (_("%s: valid — %s, version %" PRId64 " (%s): %u tiers, %u rules, %u benefits, %u objectives, %u overrides, %u warnings\n"),
          argv[1], program->name, program->version, program->currency,
          program->tiers->len, program->rules->len, program->benefits->len,
          program->objectives->len, program->overrides->len,
          td_problems_count (problems, TD_SEVERITY_WARNING));
  return CLI_EXIT_OK;
}

int
cli_fmt (int    argc,
         char **argv)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;
  g_autofree char *output = NULL;
  g_autofree char *json = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!cli_parse_options (&argc, &argv, _("PROGRAM.json"),
                          _("Write a valid program in canonical form: fixed member order,\n"
                            "2-space indent, money with 2 decimals, rates as the shortest decimal."),
                          entries))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error ("fmt", _("give exactly one program file"));

  program = td_program_load (argv[1], problems);
  cli_print_problems (problems, argv[1]);
  if (program == NULL)
    return CLI_EXIT_INVALID;

  json = td_program_to_json (program);
  return cli_write_output ("fmt", output, json);
}
