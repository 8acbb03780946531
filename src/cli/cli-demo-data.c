/* cli-demo-data.c — demo-data and demo: the demo history, the demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cli-commands.h"
#include "td-demo-workspace.h"

/* Progress is worth showing only for large sets. */
#define PROGRESS_MIN_SALES 1000000

typedef struct
{
  const char    *command;     /* "demo-data" or "demo" */
  gboolean       workspace;   /* demo: a workspace, not a folder */
  char          *outdir;
  TdDemoOptions  options;
  gboolean       show_progress;
  gboolean       tty;
  int            shown;       /* last percentage shown, -1 for none */
  GMainLoop     *loop;
  gboolean       ok;
  GError        *error;
} Job;

/* Called from the worker thread; only this thread writes to stderr then. */
static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Job *job = user_data;
  int percent = (int) (fraction * 100);

  if (!job->show_progress)
    return;
  /* On a terminal one line is rewritten; in a log, a line every 10 %. */
  if (job->tty ? percent == job->shown : percent / 10 == job->shown / 10)
    return;
  job->shown = percent;
  if (job->tty)
    {
      g_printerr ("\r");
      /* TRANSLATORS: COMMAND: PERCENT % */
      g_printerr (_("%s: %d %%"), job->command, percent);
    }
  else
    {
      g_printerr (_("%s: %d %%"), job->command, percent / 10 * 10);
      g_printerr ("\n");
    }
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  gboolean ok;

  if (job->workspace)
    ok = td_demo_workspace_create (job->outdir, &job->options, progress_cb, job, cancellable, &error);
  else
    ok = td_demo_data_write (job->outdir, &job->options, progress_cb, job, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
written_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = user_data;

  job->ok = g_task_propagate_boolean (G_TASK (result), &job->error);
  g_main_loop_quit (job->loop);
}

static gboolean
signal_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

/* A count from 1 to @max; FALSE (with the usage error printed) otherwise. */
static gboolean
parse_count (const char *command,
             const char *option,
             const char *text,
             guint       max,
             guint      *out)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    {
      /* TRANSLATORS: OPTION must be a whole number from 1 to MAX, not “TEXT” */
      cli_usage_error (command, _("%s must be a whole number from 1 to %u, not “%s”"),
                       option, max, text);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* demo-data and demo: the same options, the work in a thread so that
 * Ctrl+C cancels cleanly (the temporary files go, nothing is left half
 * made). */
static int
run_demo (Job         *job,
          int          argc,
          char       **argv,
          const char  *parameter,
          const char  *summary)
{
  g_autofree char *partners = NULL;
  g_autofree char *sales = NULL;
  g_autofree char *seed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sigint_id, sigterm_id;
  GOptionEntry entries[] = {
    { "partners", 0, 0, G_OPTION_ARG_STRING, &partners, N_("Number of partners (default 6000)"), N_("N") },
    { "sales", 0, 0, G_OPTION_ARG_STRING, &sales, N_("Number of sales (default 240000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Seed of the random generator (default 1)"), N_("S") },
    { NULL }
  };

  if (!cli_parse_options (&argc, &argv, parameter, summary, entries))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_usage_error (job->command, job->workspace ? _("give exactly one workspace")
                                                         : _("give exactly one folder"));

  td_demo_options_init (&job->options);
  if (!parse_count (job->command, "--partners", partners, TD_DEMO_MAX_PARTNERS, &job->options.n_partners) ||
      !parse_count (job->command, "--sales", sales, G_MAXUINT, &job->options.n_sales))
    return CLI_EXIT_USAGE;
  if (seed != NULL && !g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &job->options.seed, NULL))
    {
      /* TRANSLATORS: --seed must be a whole number from 0 to MAX, not “TEXT” */
      return cli_usage_error (job->command, _("--seed must be a whole number from 0 to %" PRIu64 ", not “%s”"),
                              (guint64) G_MAXUINT64, seed);
    }

  job->outdir = argv[1];
  job->show_progress = job->workspace || job->options.n_sales > PROGRESS_MIN_SALES;
  job->tty = isatty (STDERR_FILENO);
  job->shown = -1;

  loop = g_main_loop_new (NULL, FALSE);
  job->loop = loop;
  sigint_id = g_unix_signal_add (SIGINT, signal_cb, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, signal_cb, cancellable);
  task = g_task_new (NULL, cancellable, written_cb, job);
  g_task_set_source_tag (task, run_demo);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, write_in_thread);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (job->show_progress && job->tty && job->shown >= 0)
    g_printerr ("\n");
  if (!job->ok)
    {
      int status = cli_fail (job->command, job->error);

      g_clear_error (&job->error);
      return status;
    }
  return CLI_EXIT_OK;
}

int
cli_demo_data (int    argc,
               char **argv)
{
  Job job = { .command = "demo-data" };
  int status = run_demo (&job, argc, argv, _("OUTDIR"),
                         _("Write a synthetic sales history for the five example programs:\n"
                           "partners.csv, products.csv, sales.csv, certifications.csv and\n"
                           "deals.csv, covering 2024-01-01 to 2025-12-31. The same options\n"
                           "always give the same files. Existing files are replaced only\n"
                           "when the whole set has been written.\n"
                           "Exit status: 0 written, 1 could not write, 2 usage error."));

  if (status != CLI_EXIT_OK)
    return status;
  /* TRANSLATORS: FOLDER: N partners, N sales (seed S) */
  printf (_("%s: %u partners, %u sales (seed %" PRIu64 ")\n"),
          job.outdir, job.options.n_partners, job.options.n_sales, job.options.seed);
  return cli_finish_output ();
}

int
cli_demo (int    argc,
          char **argv)
{
  Job job = { .command = "demo", .workspace = TRUE };
  int status = run_demo (&job, argc, argv, _("WORKSPACE"),
                         _("Create a demo workspace: the five example programs, earlier versions\n"
                           "of three of them, and the synthetic sales history of demo-data as\n"
                           "its data set. Refuses to replace an existing file; leaves nothing\n"
                           "behind when it fails or is interrupted.\n"
                           "Exit status: 0 created, 1 could not create, 2 usage error."));

  if (status != CLI_EXIT_OK)
    return status;
  /* TRANSLATORS: Created demo workspace FILE: N partners, N sales (seed S) */
  printf (_("Created demo workspace %s: %u partners, %u sales (seed %" PRIu64 ")\n"),
          job.outdir, job.options.n_partners, job.options.n_sales, job.options.seed);
  return cli_finish_output ();
}
