/* cli-commands.h — the subcommands of tierdesk-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each returns the process exit status: 0 success, 1 invalid input,
 * 2 usage error (FORMAT.md §4).
 */
#pragma once

#include <glib.h>

#include "td-problems.h"
#include "td-workspace.h"

G_BEGIN_DECLS

enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_INVALID = 1,
  CLI_EXIT_USAGE = 2,
};

int cli_validate (int argc, char **argv);
int cli_fmt      (int argc, char **argv);
int cli_simulate (int argc, char **argv);
int cli_demo_data (int argc, char **argv);
int cli_demo     (int argc, char **argv);
int cli_save     (int argc, char **argv);
int cli_programs (int argc, char **argv);
int cli_versions (int argc, char **argv);
int cli_export   (int argc, char **argv);
int cli_check    (int argc, char **argv);
int cli_diff     (int argc, char **argv);
int cli_import   (int argc, char **argv);
int cli_batches  (int argc, char **argv);
int cli_undo_import (int argc, char **argv);

/* Parses @entries from argv; on a usage error prints it and returns FALSE. */
gboolean cli_parse_options (int           *argc,
                            char        ***argv,
                            const char    *parameter,
                            const char    *summary,
                            GOptionEntry  *entries);
void     cli_print_problems (const TdProblems *problems,
                             const char       *file);
int      cli_write_output  (const char       *command,
                             const char       *path,
                             const char       *text);
int      cli_fail          (const char       *command,
                             const GError     *error);
int      cli_finish_output (void);
int      cli_usage_error   (const char    *command,
                            const char    *format,
                            ...) G_GNUC_PRINTF (2, 3);

/* Opens the workspace at @path for writing, creating it (and saying so on
 * standard output) when there is none. */
TdWorkspace *cli_open_workspace_creating (const char  *path,
                                          GError     **error);

G_END_DECLS
