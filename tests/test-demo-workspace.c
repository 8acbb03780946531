/* test-demo-workspace.c — the workspace a new user starts from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "td-demo-workspace.h"
#include "td-program-diff.h"
#include "td-program-reader.h"
#include "td-program-writer.h"
#include "td-workspace-data.h"

static const char *const example_ids[] = { "kaspersky", "microsoft-pai", "s-mart", "smart-soft", "snom" };

/* The built-in examples are the files of data/examples, byte for byte. */
static void
test_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (example_ids); i++)
    {
      g_autofree char *name = g_strconcat (example_ids[i], ".json", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("TIERDESK_EXAMPLES"), name, NULL);
      g_autofree char *shipped = NULL;
      g_autofree char *built_in = NULL;
      g_autoptr(TdProgram) program = td_demo_example_load (example_ids[i]);

      g_assert_nonnull (program);
      g_assert_true (g_file_get_contents (path, &shipped, NULL, NULL));
      built_in = td_program_to_json (program);
      g_assert_cmpstr (built_in, ==, shipped);
    }
  g_assert_null (td_demo_example_load ("no-such-example"));
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  /* Progress never goes back. */
  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static char *
version_diff (TdWorkspace *workspace,
              const char  *id)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autofree char *a_json = td_workspace_get_version_json (workspace, id, 1, NULL);
  g_autofree char *b_json = td_workspace_get_version_json (workspace, id, 2, NULL);
  g_autoptr(TdProgram) a = td_program_read_data (a_json, strlen (a_json), problems);
  g_autoptr(TdProgram) b = td_program_read_data (b_json, strlen (b_json), problems);
  g_autoptr(GPtrArray) changes = td_program_diff (a, b);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    g_string_append_printf (text, "%s\n", ((TdChange *) changes->pdata[i])->text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tierdesk-demo-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.tierdesk", NULL);
  g_autofree char *smart_soft = NULL, *snom = NULL, *kaspersky = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_auto(GStrv) lines = NULL;
  TdDemoOptions options;
  double last = 0.0;
  static const guint latest[] = { 2, 1, 1, 2, 2 };

  td_demo_options_init (&options);
  options.n_partners = 40;
  options.n_sales = 1000;
  g_assert_true (td_demo_workspace_create (path, &options, count_progress, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  workspace = td_workspace_open (path, FALSE, &error);
  g_assert_no_error (error);
  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (td_workspace_check_passed (check));
  g_assert_cmpuint (check->n_programs, ==, 5);
  g_assert_cmpuint (check->n_versions, ==, 8);
  g_assert_cmpuint (check->n_drafts, ==, 0);
  g_assert_cmpuint (check->n_batches, ==, 1);
  g_assert_cmpuint (check->n_partners, ==, 40);
  g_assert_cmpuint (check->n_sales, ==, 1000);

  programs = td_workspace_list_programs (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programs->len, ==, 5);
  for (guint i = 0; i < programs->len; i++)
    {
      const TdProgramSummary *summary = programs->pdata[i];

      g_assert_cmpstr (summary->id, ==, example_ids[i]);
      g_assert_cmpuint (summary->latest_version, ==, latest[i]);
    }

  versions = td_workspace_list_versions (workspace, "smart-soft", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (((TdVersionInfo *) versions->pdata[0])->saved_at, ==, "2024-12-02T09:00:00Z");
  g_assert_cmpstr (((TdVersionInfo *) versions->pdata[0])->note, ==, "Programme as published in the Smart-Soft partner guide");
  g_assert_cmpstr (((TdVersionInfo *) versions->pdata[1])->saved_at, ==, "2025-02-17T14:30:00Z");
  g_assert_cmpstr (((TdVersionInfo *) versions->pdata[1])->author, ==, g_get_user_name ());

  /* Each history is one change a channel manager makes. */
  smart_soft = version_diff (workspace, "smart-soft");
  g_assert_cmpstr (smart_soft, ==, "Rule ting-spring-2025 added (percent), active 2025-03-01 to 2025-05-31\n");
  snom = version_diff (workspace, "snom");
  g_assert_cmpstr (snom, ==, "Rule dect-autumn-2025 added (per_unit), active 2025-10-01 to 2025-12-31\n");
  kaspersky = version_diff (workspace, "kaspersky");
  lines = g_strsplit (kaspersky, "\n", -1);
  /* Five overrides, each a line, and the empty text after the last. */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (kaspersky, "Override for partner P00007 added"));

  batches = td_workspace_list_batches (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpstr (((TdImportBatch *) batches->pdata[0])->kinds, ==, "partners,products,sales,certifications,deals");

  g_clear_pointer (&workspace, td_workspace_close);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_refuses_existing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tierdesk-demo-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.tierdesk", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "someone's work", -1, NULL));
  g_assert_false (td_demo_workspace_create (path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "someone's work");
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
  double        at;
} Cancel;

static void
cancel_at (double   fraction,
           gpointer user_data)
{
  const Cancel *cancel = user_data;

  if (fraction >= cancel->at)
    g_cancellable_cancel (cancel->cancellable);
}

/* The temporary data folders of demos in the temporary folder. */
static guint
count_demo_folders (void)
{
  g_autoptr(GDir) listing = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "tierdesk-demo-") && !g_str_has_prefix (name, "tierdesk-demo-test-"))
      n++;
  return n;
}

/* A cancelled demo leaves nothing: no workspace, no journal, no data
 * folder. @data: the progress at which to cancel (0.25: the data written,
 * before the import; 0.95: imported, before the versions are saved). */
static void
test_cancelled (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = g_dir_make_tmp ("tierdesk-demo-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.tierdesk", NULL);
  g_autoptr(GDir) listing = NULL;
  Cancel cancel = { cancellable, *(const double *) data };
  guint folders_before = count_demo_folders ();
  TdDemoOptions options;

  td_demo_options_init (&options);
  options.n_partners = 40;
  options.n_sales = 2000;
  g_assert_false (td_demo_workspace_create (path, &options, cancel_at, &cancel, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_cmpuint (count_demo_folders (), ==, folders_before);
}

static const double cancel_before_import = 0.25;
static const double cancel_before_versions = 0.95;

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("TIERDESK_EXAMPLES"));

  g_test_add_func ("/demo-workspace/examples", test_examples);
  g_test_add_func ("/demo-workspace/create", test_create);
  g_test_add_func ("/demo-workspace/refuses-existing", test_refuses_existing);
  g_test_add_data_func ("/demo-workspace/cancelled/before-import", &cancel_before_import, test_cancelled);
  g_test_add_data_func ("/demo-workspace/cancelled/before-versions", &cancel_before_versions, test_cancelled);
  return g_test_run ();
}
