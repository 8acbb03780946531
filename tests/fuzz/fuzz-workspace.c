/* fuzz-workspace.c — libFuzzer target: the workspace reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a workspace file. It is opened read-only and everything a
 * reader of a shared file does is done to it: the programs, their versions
 * and stored JSON, the import batch and its files, the data set; then the
 * same bytes go through td_workspace_check(), as in `tierdesk-cli check`.
 * Random bytes rarely make an SQLite file, so build-aux/test.sh starts
 * from the workspaces of tests/fuzz/corpus-workspace.
 *
 * No progress handler or sqlite3_limit() here: the reader itself must end
 * on any file. An input that runs for seconds is a bug to fix in the
 * reader, and libFuzzer's -timeout reports it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "td-program-reader.h"
#include "td-validator.h"
#include "td-workspace.h"
#include "td-workspace-data.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *dir;
static char *path;
/* Beside the file: SQLite's, left by a crafted header (WAL mode) or by a
 * run that died; each input must start from its own bytes alone. */
static char *companions[3];

static void
remove_files (void)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    g_unlink (companions[i]);
}

static void
cleanup (void)
{
  remove_files ();
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  /* A g_return_if_fail() the reader trips over is a bug as much as a
   * crash: the tests run with G_DEBUG=fatal-warnings too. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  dir = g_dir_make_tmp ("tierdesk-fuzz-workspace-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "fuzz.tierdesk", NULL);
  companions[0] = g_strconcat (path, "-journal", NULL);
  companions[1] = g_strconcat (path, "-wal", NULL);
  companions[2] = g_strconcat (path, "-shm", NULL);
  atexit (cleanup);
  return 0;
}

static void
read_versions (TdWorkspace *workspace,
               const char  *program_id)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  versions = td_workspace_list_versions (workspace, program_id, &error);
  if (versions == NULL)
    {
      g_assert_nonnull (error);
      return;
    }
  for (guint v = 0; v < versions->len; v++)
    {
      const TdVersionInfo *info = versions->pdata[v];
      g_autoptr(GError) json_error = NULL;
      g_autofree char *json = NULL;
      g_autoptr(TdProblems) problems = td_problems_new ();
      g_autoptr(TdProgram) program = NULL;

      json = td_workspace_get_version_json (workspace, program_id, info->number, &json_error);
      g_assert_true ((json == NULL) != (json_error == NULL));
      if (json == NULL)
        continue;
      program = td_program_read_data (json, strlen (json), problems);
      if (program != NULL)
        td_program_validate (program, problems);
    }
}

/* What the engine takes for granted of a data set (td-dataset.h): the
 * CSV loader makes sure of it, and so must a file of any origin. */
static void
check_dataset (const TdDataset *data)
{
  guint n_customers = td_intern_size (data->customers);

  g_assert_cmpuint (td_intern_size (data->partner_ids), ==, data->n_partners);
  g_assert_cmpuint (td_intern_size (data->skus), ==, data->n_products);
  for (guint i = 0; i < data->n_products; i++)
    g_assert_cmpuint ((guint) data->product_category[i], <, td_intern_size (data->categories));
  for (guint i = 0; i < data->n_sales; i++)
    {
      g_assert_cmpuint ((guint) data->sale_id[i], <, td_intern_size (data->sale_ids));
      g_assert_cmpint (data->sale_partner[i], >=, -1);
      g_assert_cmpint (data->sale_partner[i], <, (gint64) data->n_partners);
      g_assert_cmpuint ((guint) data->sale_product[i], <, data->n_products);
      g_assert_cmpuint ((guint) data->sale_customer[i], <, n_customers);
      g_assert_cmpint (data->sale_distributor[i], <, (gint64) td_intern_size (data->distributors));
      g_assert_cmpint (data->sale_license[i], <, (gint64) td_intern_size (data->licenses));
      /* Sorted by date, as the engine's binary searches need. */
      if (i > 0)
        g_assert_cmpint (data->sale_date[i - 1], <=, data->sale_date[i]);
    }
  for (guint i = 0; i < data->n_certifications; i++)
    g_assert_cmpuint ((guint) data->certification_partner[i], <, data->n_partners);
  for (guint i = 0; i < data->n_deals; i++)
    {
      g_assert_cmpuint ((guint) data->deal_partner[i], <, data->n_partners);
      g_assert_cmpuint ((guint) data->deal_customer[i], <, n_customers);
    }
}

static void
read_workspace (void)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(GError) error = NULL;
  guint64 batch = 0;

  workspace = td_workspace_open (path, FALSE, &error);
  if (workspace == NULL)
    {
      g_assert_nonnull (error);
      return;
    }

  programs = td_workspace_list_programs (workspace, &error);
  g_assert_true ((programs == NULL) != (error == NULL));
  g_clear_error (&error);
  for (guint p = 0; programs != NULL && p < programs->len; p++)
    read_versions (workspace, ((TdProgramSummary *) programs->pdata[p])->id);

  if (td_workspace_current_batch (workspace, &batch, &error))
    {
      files = td_workspace_list_import_files (workspace, batch, &error);
      g_assert_true ((files == NULL) != (error == NULL));
    }
  g_clear_error (&error);

  dataset = td_workspace_load_dataset (workspace, problems, &error);
  g_assert_true ((dataset == NULL) != (error == NULL));
  if (dataset != NULL)
    check_dataset (dataset);
}

static void
check_workspace (void)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  workspace = td_workspace_open_for_check (path, &error);
  if (workspace == NULL)
    {
      g_assert_nonnull (error);
      return;
    }
  check = td_workspace_check (workspace, &error);
  g_assert_true ((check == NULL) != (error == NULL));
  if (check != NULL)
    (void) td_workspace_check_passed (check);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  remove_files ();
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  read_workspace ();
  check_workspace ();
  return 0;
}
