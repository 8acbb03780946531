/* test-workspace-crash.c — an import killed with SIGKILL is all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child `tierdesk-cli import` of 200,000 sales is killed at points spread
 * over its parse, its write transaction and its COMMIT. Each time the
 * workspace must reopen, pass integrity_check and foreign_key_check, and
 * hold either the state before the import or the whole import; the earlier
 * batch and the saved program version must survive either way, and no
 * rejects file or temporary file may be left for a batch that does not
 * exist. docs/workspace.md, "Crash safety", has the results.
 *
 * SIGKILL stops the process, not the machine: what the kernel was given
 * still reaches the disk. This tests SQLite's rollback journal as the
 * workspace layer uses it (one transaction per import, the rejects file
 * renamed after COMMIT), not the durability of fsync.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "td-validator.h"
#include "td-workspace.h"
#include "td-workspace-data.h"
#include "test-common.h"

/* The sizes of the two demo folders, and the seed of the kill delays. */
#define BIG_SALES      200000
#define BIG_PARTNERS   6000     /* demo-data's default */
#define SMALL_SALES    2000
#define SMALL_PARTNERS 200
#define DELAY_SEED     20240501

/* Rows appended to the big sales.csv, so that the import runs with
 * --skip-invalid and writes a rejects file: lines 200002 to 200004 (line 1
 * is the header). Each is refused for another reason. */
static const char *const bad_sales[] = {
  "S9000001,2024-13-01,P00001,C000001,SNOM-D315,1,10.00,partner,,,,0",     /* no such date */
  "S9000002,2024-02-01,P00001,C000001,NO-SUCH-SKU,1,10.00,partner,,,,0",   /* unknown product */
  "S0000001,2024-02-01,P00001,C000001,SNOM-D315,1,10.00,partner,,,,0",     /* duplicate sale id */
};

/* The kill runs, by stratum of the import's time line as the uninterrupted
 * import showed it (the journal appears when the write transaction
 * begins at W, the temporary rejects file appears at R, just before
 * COMMIT, the journal goes at C, when COMMIT is done; the process exits at
 * T). */
#define N_EARLY  3              /* [0, W): parsing the CSV files, before BEGIN */
#define N_MIDDLE 5              /* [W, R): inside the write transaction */
#define N_AFTER  2              /* [T, 1.1 T): at or after the end */
#define N_LATE   5              /* R + [0, 2 (C − R)): COMMIT, the rename, the exit */
#define N_RUNS   (N_EARLY + N_MIDDLE + N_AFTER + N_LATE)

static const char *const csv_names[] = {
  "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv"
};
enum { F_PARTNERS, F_PRODUCTS, F_SALES, F_CERTIFICATIONS, F_DEALS, N_FILES };

static const char *const tables[] = {
  "import_batch", "import_file", "partner", "attribute", "partner_attribute",
  "product", "sale", "certification", "deal"
};
enum { T_BATCH, T_FILE, T_PARTNER, T_ATTRIBUTE, T_PARTNER_ATTRIBUTE,
       T_PRODUCT, T_SALE, T_CERTIFICATION, T_DEAL, N_TABLES };

/* What a batch of a folder must hold, worked out from the CSV text alone. */
typedef struct
{
  char    *dir;
  gint64   rows[N_TABLES];      /* rows of the batch in each table */
  guint64  size[N_FILES];
  char    *sha256[N_FILES];
  guint64  imported[N_FILES];   /* import_file.rows */
  guint64  rejected[N_FILES];   /* import_file.rejected */
} Folder;

typedef struct
{
  const char *stratum;
  gint64      delay;            /* µs after the spawn, or after the anchor */
  gboolean    anchored;         /* the delay ran from the temporary rejects file */
  gint64      signalled;        /* µs from the spawn to the signal */
  gboolean    writing;          /* the journal existed when the signal went */
  gboolean    hot;              /* a hot journal was left */
  gboolean    temporary;        /* so was the temporary rejects file */
  gboolean    killed;           /* died of the signal, rather than finished */
  gboolean    all;              /* the outcome: the whole import */
} Run;

static struct
{
  const char *cli;
  char       *tmp;
  Folder      small, big;
  char       *base;             /* the workspace every run starts from */
  char       *complete;         /* a copy after the whole import, rejects file beside it */
  GBytes     *base_bytes;
  char       *version_json;     /* smart-soft version 1 as stored */
  gint64      t_write;          /* W: µs from spawn to the journal's creation */
  gint64      t_rejects;        /* R: to the temporary rejects file: COMMIT next */
  gint64      t_commit;         /* C: to the journal's removal: COMMIT done */
  gint64      t_total;          /* T: to the process's exit */
  GRand      *rand;
  Run         runs[N_RUNS];
  guint       n_runs;
  gboolean    prepared;
} crash;

/* ---- files ------------------------------------------------------------ */

static guint64
count_lines (const char *text,
             gsize       length)
{
  guint64 n = 0;

  for (const char *p = text; (p = memchr (p, '\n', length - (gsize) (p - text))) != NULL; p++)
    n++;
  return n;
}

static void
run_cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) crash.cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("%s", err);
  g_assert_no_error (error);
}

/* Reads @folder's CSV files as text: their line counts are the rows a
 * complete import of them must hold. The demo files have no line breaks
 * inside quoted fields, so one line is one record. */
static void
read_folder (Folder *folder,
             guint64 bad_rows)
{
  g_autofree char *partners_header = NULL;
  g_auto(GStrv) columns = NULL;
  guint64 data_rows[N_FILES];
  gint64 n_attributes;

  for (int f = 0; f < N_FILES; f++)
    {
      g_autofree char *path = g_build_filename (folder->dir, csv_names[f], NULL);
      g_autofree char *text = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &text, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 0);
      g_assert_cmpint (text[length - 1], ==, '\n');
      data_rows[f] = count_lines (text, length) - 1;
      folder->size[f] = length;
      folder->sha256[f] = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
      folder->imported[f] = data_rows[f] - (f == F_SALES ? bad_rows : 0);
      folder->rejected[f] = f == F_SALES ? bad_rows : 0;
      if (f == F_PARTNERS)
        partners_header = g_strndup (text, (gsize) (strchr (text, '\n') - text));
    }

  /* The columns after the five that partners.csv names are attributes
   * (docs/data.md): one attribute row each, one value per partner. */
  g_assert_true (g_str_has_prefix (partners_header, "partner_id,name,country,joined_on,tier,"));
  columns = g_strsplit (partners_header, ",", -1);
  n_attributes = (gint64) g_strv_length (columns) - 5;
  g_assert_cmpint (n_attributes, >=, 1);

  folder->rows[T_BATCH] = 1;
  folder->rows[T_FILE] = N_FILES;
  folder->rows[T_PARTNER] = (gint64) folder->imported[F_PARTNERS];
  folder->rows[T_ATTRIBUTE] = n_attributes;
  folder->rows[T_PARTNER_ATTRIBUTE] = (gint64) folder->imported[F_PARTNERS] * n_attributes;
  folder->rows[T_PRODUCT] = (gint64) folder->imported[F_PRODUCTS];
  folder->rows[T_SALE] = (gint64) folder->imported[F_SALES];
  folder->rows[T_CERTIFICATION] = (gint64) folder->imported[F_CERTIFICATIONS];
  folder->rows[T_DEAL] = (gint64) folder->imported[F_DEALS];
}

static void
folder_clear (Folder *folder)
{
  g_free (folder->dir);
  for (int f = 0; f < N_FILES; f++)
    g_free (folder->sha256[f]);
}

/* ---- the state of a workspace ----------------------------------------- */

/* Rows of @table, of @batch or (0) of all batches. */
static gint64
count_rows (sqlite3    *db,
            const char *table,
            gint64      batch)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s%s%s", table,
                                          batch > 0 ? " WHERE " : "",
                                          batch > 0 ? (strcmp (table, "import_batch") == 0 ? "id = ?1" : "batch = ?1") : "");
  sqlite3_stmt *statement = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (batch > 0)
    sqlite3_bind_int64 (statement, 1, batch);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  return n;
}

static void
assert_batch (TdWorkspace  *workspace,
              guint64       batch,
              const Folder *folder)
{
  sqlite3 *db = td_workspace_get_connection (workspace);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  for (int t = 0; t < N_TABLES; t++)
    {
      gint64 n = count_rows (db, tables[t], (gint64) batch);

      if (n != folder->rows[t])
        g_error ("batch %" G_GUINT64_FORMAT ": %s has %" G_GINT64_FORMAT " rows, not %" G_GINT64_FORMAT,
                 batch, tables[t], n, folder->rows[t]);
    }
  files = td_workspace_list_import_files (workspace, batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, N_FILES);
  for (guint i = 0; i < files->len; i++)
    {
      const TdImportFile *file = files->pdata[i];
      int f;

      for (f = 0; f < N_FILES && strcmp (file->name, csv_names[f]) != 0; f++)
        ;
      g_assert_cmpint (f, <, N_FILES);
      g_assert_cmpuint (file->size, ==, folder->size[f]);
      g_assert_cmpstr (file->sha256, ==, folder->sha256[f]);
      g_assert_cmpuint (file->rows, ==, folder->imported[f]);
      g_assert_cmpuint (file->rejected, ==, folder->rejected[f]);
    }
}

/* The rejects file of the big import: the header and the bad rows, each
 * with its line, a reason and the record verbatim. */
static void
assert_rejects_file (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (bad_sales) + 1);
  g_assert_cmpstr (lines[0], ==, "file,line,reason,record");
  for (guint i = 0; i < G_N_ELEMENTS (bad_sales); i++)
    {
      g_autofree char *start = g_strdup_printf ("sales.csv,%u,\"", BIG_SALES + 2 + i);
      g_autofree char *end = g_strdup_printf (",\"%s\"", bad_sales[i]);

      g_assert_true (g_str_has_prefix (lines[1 + i], start));
      g_assert_true (g_str_has_suffix (lines[1 + i], end));
    }
  g_assert_cmpstr (lines[1 + G_N_ELEMENTS (bad_sales)], ==, "");
}

static gboolean
journal_is_hot (const char *journal)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  /* SQLite rolls back a journal that is not empty and whose header is not
   * zeroed (nobody holds the lock after a kill). */
  if (!g_file_get_contents (journal, &text, &length, NULL))
    return FALSE;
  return length > 0 && text[0] != '\0';
}

/* Reopens @path as the app would and checks it is sound and either
 * exactly before the big import (returns FALSE) or exactly after it
 * (TRUE). @hot: a hot journal lies beside it. */
static gboolean
assert_state (const char *path,
              gboolean    hot)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(TdDataset) dataset = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *json = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *rejects = NULL;
  g_autoptr(GDir) listing = NULL;
  const Folder *data;
  sqlite3 *db;
  guint64 batch = 0;
  gboolean all;
  const char *name;

  /* Read-only, the interrupted change is refused, not read half-done. */
  if (hot)
    {
      workspace = td_workspace_open (path, FALSE, &error);
      g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NEEDS_RECOVERY);
      g_assert_null (workspace);
      g_clear_error (&error);
      g_assert_true (journal_is_hot (journal));
    }

  /* Writable, the first read rolls the journal back. */
  workspace = td_workspace_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (journal_is_hot (journal));

  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < check->integrity->len; i++)
    g_test_message ("integrity_check: %s", (const char *) check->integrity->pdata[i]);
  for (guint i = 0; i < check->foreign_keys->len; i++)
    g_test_message ("foreign_key_check: %s", (const char *) check->foreign_keys->pdata[i]);
  g_assert_cmpuint (check->integrity->len, ==, 0);
  g_assert_cmpuint (check->foreign_keys->len, ==, 0);
  g_assert_cmpuint (check->versions->len, ==, 0);
  g_assert_true (td_workspace_check_passed (check));
  g_assert_cmpint (check->schema_version, ==, TD_WORKSPACE_SCHEMA_VERSION);
  g_assert_cmpuint (check->n_programs, ==, 1);
  g_assert_cmpuint (check->n_versions, ==, 1);
  g_assert_cmpuint (check->n_drafts, ==, 0);

  /* The version saved before the import, byte for byte. */
  versions = td_workspace_list_versions (workspace, "smart-soft", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  json = td_workspace_get_version_json (workspace, "smart-soft", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, crash.version_json);

  /* Batch 1 is the small import; INTEGER PRIMARY KEY numbers the next 2. */
  td_workspace_current_batch (workspace, &batch, &error);
  g_assert_no_error (error);
  if (batch != 1 && batch != 2)
    g_error ("%s: the batch in use is %" G_GUINT64_FORMAT ", neither the old 1 nor the new 2", path, batch);
  all = batch == 2;
  db = td_workspace_get_connection (workspace);
  assert_batch (workspace, 1, &crash.small);
  if (all)
    assert_batch (workspace, 2, &crash.big);
  /* No row of any other batch: nothing half-written under another id. */
  for (int t = 0; t < N_TABLES; t++)
    g_assert_cmpint (count_rows (db, tables[t], 0), ==, crash.small.rows[t] + (all ? crash.big.rows[t] : 0));

  /* What simulate --workspace reads. */
  data = all ? &crash.big : &crash.small;
  dataset = td_workspace_load_dataset (workspace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset->n_sales, ==, data->rows[T_SALE]);
  g_assert_cmpint (dataset->n_partners, ==, data->rows[T_PARTNER]);
  g_assert_cmpint (dataset->n_products, ==, data->rows[T_PRODUCT]);
  g_assert_cmpint (dataset->n_certifications, ==, data->rows[T_CERTIFICATION]);
  g_assert_cmpint (dataset->n_deals, ==, data->rows[T_DEAL]);
  g_assert_cmpint (dataset->n_attributes, ==, data->rows[T_ATTRIBUTE]);

  /* Beside the workspace: the rejects file of batch 2 exactly when batch 2
   * exists, and nothing else (no temporary rejects file, no journal). */
  rejects = td_workspace_rejects_path (workspace, 2);
  g_clear_pointer (&workspace, td_workspace_close);
  if (all)
    assert_rejects_file (rejects);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (strcmp (name, base) == 0 || (all && strcmp (child, rejects) == 0))
        continue;
      /* A journal killed before its first sync has a zeroed header (with
       * synchronous = FULL, SQLite writes the magic number only when it
       * syncs, before it changes the file): not hot, so SQLite ignores it
       * and the next write transaction reuses it. The file was not
       * touched, as the checks above show. */
      if (strcmp (child, journal) == 0)
        {
          g_test_message ("%s: a journal with a zeroed header is left (not hot, ignored by SQLite)", child);
          continue;
        }
      g_error ("%s: a stray file is left beside the workspace (batch in use %" G_GUINT64_FORMAT ")",
               child, batch);
    }
  return all;
}

/* ---- the child -------------------------------------------------------- */

static GPid
spawn_import (const char *workspace,
              gboolean    quiet)
{
  const char *argv[] = { crash.cli, "import", workspace, "--data", crash.big.dir, "--skip-invalid", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  /* Reaped with waitpid(): no main loop, no child watch. */
  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | (quiet ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static char *
prepare_copy (const char *name)
{
  g_autofree char *dir = g_build_filename (crash.tmp, name, NULL);
  char *path = g_build_filename (dir, "ws.tierdesk", NULL);
  g_autoptr(GError) error = NULL;

  /* A folder per run: every file the run leaves beside it is its own. */
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_file_set_contents (path, g_bytes_get_data (crash.base_bytes, NULL), (gssize) g_bytes_get_size (crash.base_bytes), &error);
  g_assert_no_error (error);
  return path;
}

/* ---- the tests -------------------------------------------------------- */

static void
test_prepare (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autofree char *example = NULL, *sales = NULL, *sales_text = NULL;
  g_autoptr(GString) appended = g_string_new (NULL);
  g_autofree char *big_sales = g_strdup_printf ("%d", BIG_SALES), *small_sales = g_strdup_printf ("%d", SMALL_SALES);
  g_autofree char *small_partners = g_strdup_printf ("%d", SMALL_PARTNERS);
  guint64 batch = 0;
  guint number = 0;
  gint64 start, now;
  int status;
  gsize length;

  crash.cli = g_getenv ("TIERDESK_CLI");
  if (crash.cli == NULL)
    {
      g_test_skip ("TIERDESK_CLI is not set");
      return;
    }
  crash.tmp = g_dir_make_tmp ("tierdesk-crash-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_message ("working in %s", crash.tmp);

  /* The big folder, with the bad rows appended; the small one, the
   * "previous" import, from another seed. */
  crash.big.dir = g_build_filename (crash.tmp, "big", NULL);
  crash.small.dir = g_build_filename (crash.tmp, "small", NULL);
  run_cli ((const char *[]) { "demo-data", crash.big.dir, "--sales", big_sales, "--seed", "1", NULL });
  run_cli ((const char *[]) { "demo-data", crash.small.dir, "--sales", small_sales,
                              "--partners", small_partners, "--seed", "2", NULL });
  sales = g_build_filename (crash.big.dir, "sales.csv", NULL);
  g_file_get_contents (sales, &sales_text, &length, &error);
  g_assert_no_error (error);
  g_string_append_len (appended, sales_text, (gssize) length);
  for (guint i = 0; i < G_N_ELEMENTS (bad_sales); i++)
    g_string_append_printf (appended, "%s\n", bad_sales[i]);
  g_file_set_contents (sales, appended->str, (gssize) appended->len, &error);
  g_assert_no_error (error);
  read_folder (&crash.big, G_N_ELEMENTS (bad_sales));
  read_folder (&crash.small, 0);
  g_assert_cmpint (crash.big.rows[T_SALE], ==, BIG_SALES);
  g_assert_cmpint (crash.big.rows[T_PARTNER], ==, BIG_PARTNERS);
  g_assert_cmpint (crash.small.rows[T_SALE], ==, SMALL_SALES);
  g_assert_cmpint (crash.small.rows[T_PARTNER], ==, SMALL_PARTNERS);
  g_test_message ("big folder: %" G_GINT64_FORMAT " partners, %" G_GINT64_FORMAT " products, %" G_GINT64_FORMAT
                  " sales (+%u bad), %" G_GINT64_FORMAT " certifications, %" G_GINT64_FORMAT " deals",
                  crash.big.rows[T_PARTNER], crash.big.rows[T_PRODUCT], crash.big.rows[T_SALE],
                  (guint) G_N_ELEMENTS (bad_sales), crash.big.rows[T_CERTIFICATION], crash.big.rows[T_DEAL]);

  /* The workspace before the import: batch 1 and a saved version. */
  /* In a folder of its own, like each run's copy: assert_state() lists it. */
  crash.base = g_build_filename (crash.tmp, "base", "ws.tierdesk", NULL);
  {
    g_autofree char *dir = g_path_get_dirname (crash.base);
    g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  }
  workspace = td_workspace_create (crash.base, &error);
  g_assert_no_error (error);
  td_workspace_import_dir (workspace, crash.small.dir, NULL, problems, &batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch, ==, 1);
  example = g_build_filename (g_getenv ("TIERDESK_EXAMPLES"), "smart-soft.json", NULL);
  program = td_program_load (example, problems);
  g_assert_nonnull (program);
  td_workspace_save_version (workspace, program, "before the big import", &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 1);
  crash.version_json = td_workspace_get_version_json (workspace, "smart-soft", 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&workspace, td_workspace_close);
  {
    char *contents = NULL;

    g_file_get_contents (crash.base, &contents, &length, &error);
    g_assert_no_error (error);
    crash.base_bytes = g_bytes_new_take (contents, length);
  }
  g_assert_false (assert_state (crash.base, FALSE));

  /* Two whole imports, timed by polling every 0.2 ms: when the journal
   * appears (the write transaction begins), when the temporary rejects file
   * appears (the rows are written, COMMIT is next), when the journal goes
   * (COMMIT is done), when the process ends. The faster one sets the time
   * line: a run is slowed by whatever else the machine does, never sped. */
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *name = g_strdup_printf ("calibration-%d", k);
      g_autofree char *copy = prepare_copy (name);
      g_autofree char *dir = g_path_get_dirname (copy);
      g_autofree char *journal = g_strconcat (copy, "-journal", NULL);
      g_autofree char *rejects_tmp = g_strconcat (copy, "-rejects-2.csv.tmp", NULL);
      gint64 t_write = 0, t_rejects = 0, t_commit = 0, t_total;
      GPid pid = spawn_import (copy, FALSE);
      pid_t done;

      start = g_get_monotonic_time ();
      while ((done = waitpid (pid, &status, WNOHANG)) == 0)
        {
          now = g_get_monotonic_time () - start;
          if (g_file_test (journal, G_FILE_TEST_EXISTS))
            {
              if (t_write == 0)
                t_write = now;
            }
          else if (t_write != 0 && t_commit == 0)
            t_commit = now;
          if (t_rejects == 0 && g_file_test (rejects_tmp, G_FILE_TEST_EXISTS))
            t_rejects = now;
          g_usleep (200);
        }
      g_assert_cmpint (done, ==, pid);
      t_total = g_get_monotonic_time () - start;
      g_spawn_close_pid (pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_assert_cmpint (t_write, >, 0);
      g_test_message ("uninterrupted import %d: %.1f ms", k + 1, t_total / 1e3);
      g_assert_true (assert_state (copy, FALSE));
      if (crash.complete == NULL)
        crash.complete = g_steal_pointer (&copy);
      else
        tc_remove_tree (dir);
      if (crash.t_total == 0 || t_total < crash.t_total)
        {
          crash.t_total = t_total;
          crash.t_write = t_write;
          crash.t_rejects = t_rejects != 0 ? t_rejects : t_total;
          crash.t_commit = t_commit != 0 ? t_commit : t_total;
        }
    }
  g_test_message ("uninterrupted import: T = %.1f ms; journal from W = %.1f ms, temporary rejects file from R = %.1f ms,"
                  " journal gone at %.1f ms",
                  crash.t_total / 1e3, crash.t_write / 1e3, crash.t_rejects / 1e3, crash.t_commit / 1e3);

  crash.prepared = TRUE;
}

static gint64
uniform (gint64 from,
         gint64 to)
{
  return from + (gint64) (g_rand_double (crash.rand) * (double) MAX (to - from, 1));
}

/* The delay of run @i, in its stratum of the time line measured above.
 * The late runs wait for the temporary rejects file, then for the delay:
 * COMMIT with synchronous = FULL lasts 20 to 40 ms, less than delays from
 * the spawn vary from run to run on a busy machine (a tenth of T and
 * more), so they would rarely hit it. */
static gint64
plan_delay (guint        i,
            const char **stratum,
            gboolean    *anchored)
{
  gint64 t = crash.t_total, w = crash.t_write, r = MAX (crash.t_rejects, w + 1);
  /* As long again after C: the rename, and the exit (slow under ASan). */
  gint64 span = 2 * MAX (crash.t_commit - r, 1000);

  *anchored = FALSE;
  if (i < N_EARLY)
    {
      *stratum = "early";
      return uniform (w * i / N_EARLY, w * (i + 1) / N_EARLY);
    }
  i -= N_EARLY;
  if (i < N_MIDDLE)
    {
      *stratum = "middle";
      return uniform (w + (r - w) * i / N_MIDDLE, w + (r - w) * (i + 1) / N_MIDDLE);
    }
  i -= N_MIDDLE;
  if (i < N_AFTER)
    {
      *stratum = "after";
      return uniform (t + t / 10 * i / N_AFTER, t + t / 10 * (i + 1) / N_AFTER);
    }
  i -= N_AFTER;
  *stratum = "late";
  *anchored = TRUE;
  return uniform (span * i / N_LATE, span * (i + 1) / N_LATE);
}

static void
test_kill (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  Run *run = &crash.runs[i];
  g_autofree char *name = g_strdup_printf ("run-%02u", i + 1);
  g_autofree char *path = NULL, *journal = NULL, *rejects_tmp = NULL, *dir = NULL;
  GPid pid;
  gint64 start, anchor = 0;
  gboolean reaped = FALSE;
  int status = 0;

  if (!crash.prepared)
    {
      g_test_skip ("the preparation failed");
      return;
    }
  g_assert_cmpuint (crash.n_runs, ==, i);
  run->delay = plan_delay (i, &run->stratum, &run->anchored);

  path = prepare_copy (name);
  journal = g_strconcat (path, "-journal", NULL);
  rejects_tmp = g_strconcat (path, "-rejects-2.csv.tmp", NULL);
  dir = g_path_get_dirname (path);
  pid = spawn_import (path, TRUE);
  start = g_get_monotonic_time ();
  if (run->anchored)
    {
      /* Stop polling if the import ends first (the file came and went
       * between two looks): then there is nothing left to kill. */
      while (!g_file_test (rejects_tmp, G_FILE_TEST_EXISTS) && !reaped)
        {
          pid_t done = waitpid (pid, &status, WNOHANG);

          g_assert_cmpint (done, >=, 0);
          reaped = done == pid;
          if (!reaped)
            g_usleep (100);
        }
      anchor = g_get_monotonic_time () - start;
    }
  if (!reaped)
    {
      g_usleep ((gulong) run->delay);
      run->writing = g_file_test (journal, G_FILE_TEST_EXISTS);
      /* A zombie (exited, not reaped yet) takes the signal and keeps its
       * exit status; its pid cannot have been reused. */
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      run->signalled = g_get_monotonic_time () - start;
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    }
  g_spawn_close_pid (pid);
  /* Killed, or finished (successfully) before the signal came. */
  run->killed = WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
  if (!run->killed)
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  run->hot = journal_is_hot (journal);
  run->temporary = g_file_test (rejects_tmp, G_FILE_TEST_EXISTS);
  run->all = assert_state (path, run->hot);
  crash.n_runs++;
  if (run->anchored)
    g_test_message ("run %2u %-6s rejects file at %6.1f ms, + %5.1f ms, signal at %6.1f ms: %s, %s%s%s; outcome %s",
                    i + 1, run->stratum, anchor / 1e3, run->delay / 1e3, run->signalled / 1e3,
                    run->killed ? "killed" : "had finished",
                    run->writing ? "journal present" : "no journal",
                    run->hot ? ", hot journal rolled back" : "",
                    !run->temporary ? "" : run->all ? ", temporary rejects file renamed" : ", temporary rejects file removed",
                    run->all ? "ALL" : "NONE");
  else
    g_test_message ("run %2u %-6s delay %6.1f ms (%.2f T), signal at %6.1f ms: %s, %s%s%s; outcome %s",
                    i + 1, run->stratum, run->delay / 1e3, (double) run->delay / (double) crash.t_total,
                    run->signalled / 1e3,
                    run->killed ? "killed" : "had finished",
                    run->writing ? "journal present" : "no journal",
                    run->hot ? ", hot journal rolled back" : "",
                    !run->temporary ? "" : run->all ? ", temporary rejects file renamed" : ", temporary rejects file removed",
                    run->all ? "ALL" : "NONE");
  /* 22 MB a run: keep only the prepared files. */
  tc_remove_tree (dir);
}

static gboolean
exists_in (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The rejects files as a kill can leave them, whatever the timing of the
 * runs above hit: a writable open renames the temporary file of a batch
 * that exists (killed between COMMIT and the rename) and removes those of
 * batches that do not; an import removes a stale file under its number. */
static void
test_recover_rejects (void)
{
  g_autofree char *dir = NULL, *path = NULL, *rejects = NULL, *temporary = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  guint64 batch = 0;

  if (!crash.prepared)
    {
      g_test_skip ("the preparation failed");
      return;
    }
  dir = g_path_get_dirname (crash.complete);
  path = g_strdup (crash.complete);
  rejects = g_strconcat (path, "-rejects-2.csv", NULL);
  temporary = g_strconcat (rejects, ".tmp", NULL);
  g_assert_cmpint (g_rename (rejects, temporary), ==, 0);
  tc_write_file (dir, "ws.tierdesk-rejects-2.csv.tmp.AB12CD", "file,li");     /* g_file_set_contents() killed */
  tc_write_file (dir, "ws.tierdesk-rejects-3.csv.tmp", "file,line,reason,record\n");
  tc_write_file (dir, "ws.tierdesk-rejects-3.csv.tmp.EF34GH", "");
  /* Not ours: another workspace's, and names that only look alike. */
  tc_write_file (dir, "other.tierdesk-rejects-3.csv.tmp", "");
  tc_write_file (dir, "ws.tierdesk-rejects-3.csv.tmpfile", "");
  tc_write_file (dir, "ws.tierdesk-rejects-x.csv.tmp", "");

  /* Reading writes nothing. */
  workspace = td_workspace_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&workspace, td_workspace_close);
  g_assert_true (exists_in (dir, "ws.tierdesk-rejects-2.csv.tmp"));
  g_assert_false (exists_in (dir, "ws.tierdesk-rejects-2.csv"));
  g_assert_true (exists_in (dir, "ws.tierdesk-rejects-3.csv.tmp"));

  workspace = td_workspace_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&workspace, td_workspace_close);
  assert_rejects_file (rejects);
  g_assert_false (exists_in (dir, "ws.tierdesk-rejects-2.csv.tmp"));
  g_assert_false (exists_in (dir, "ws.tierdesk-rejects-2.csv.tmp.AB12CD"));
  g_assert_false (exists_in (dir, "ws.tierdesk-rejects-3.csv.tmp"));
  g_assert_false (exists_in (dir, "ws.tierdesk-rejects-3.csv.tmp.EF34GH"));
  g_assert_true (exists_in (dir, "other.tierdesk-rejects-3.csv.tmp"));
  g_assert_true (exists_in (dir, "ws.tierdesk-rejects-3.csv.tmpfile"));
  g_assert_true (exists_in (dir, "ws.tierdesk-rejects-x.csv.tmp"));

  /* An undo of batch 3 killed before it removed its file: the next batch
   * 3, which rejects nothing, must not appear to have that list. */
  tc_write_file (dir, "ws.tierdesk-rejects-3.csv", "file,line,reason,record\nsales.csv,2,\"stale\",\"x\"\n");
  workspace = td_workspace_open (path, TRUE, &error);
  g_assert_no_error (error);
  td_workspace_import_dir (workspace, crash.small.dir, NULL, NULL, &batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch, ==, 3);
  g_clear_pointer (&workspace, td_workspace_close);
  g_assert_false (exists_in (dir, "ws.tierdesk-rejects-3.csv"));
  assert_rejects_file (rejects);

  tc_remove_tree (dir);
  g_clear_pointer (&crash.complete, g_free);
}

static void
test_report (void)
{
  guint parse = 0, writing = 0, hot = 0, removed = 0, renamed = 0, after_commit = 0, finished = 0;

  if (!crash.prepared)
    {
      g_test_skip ("the preparation failed");
      return;
    }
  g_assert_cmpuint (crash.n_runs, ==, N_RUNS);
  for (guint i = 0; i < crash.n_runs; i++)
    {
      const Run *run = &crash.runs[i];

      if (!run->all && !run->writing)
        parse++;
      else if (!run->all)
        writing++;
      else if (run->killed)
        after_commit++;
      else
        finished++;
      hot += run->hot;
      removed += run->temporary && !run->all;
      renamed += run->temporary && run->all;
    }
  g_test_message ("seed %u, %u runs: %u NONE (%u killed before the write transaction, %u inside it: %u hot journals"
                  " rolled back, %u temporary rejects files removed), %u ALL (%u killed after COMMIT: %u temporary"
                  " rejects files renamed; %u had finished)",
                  DELAY_SEED, crash.n_runs, parse + writing, parse, writing, hot, removed,
                  after_commit + finished, after_commit, renamed, finished);
}

static void
test_clean_up (void)
{
  if (crash.tmp != NULL)
    tc_remove_tree (crash.tmp);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  crash.rand = g_rand_new_with_seed (DELAY_SEED);

  /* One suite, run in this order: each run plans its delay from the
   * outcomes before it. */
  g_test_add_func ("/workspace-crash/0-prepare", test_prepare);
  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autofree char *name = g_strdup_printf ("/workspace-crash/1-kill-%02u", i + 1);
      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_kill);
    }
  g_test_add_func ("/workspace-crash/2-recover-rejects", test_recover_rejects);
  g_test_add_func ("/workspace-crash/3-report", test_report);
  g_test_add_func ("/workspace-crash/4-clean-up", test_clean_up);
  status = g_test_run ();

  g_rand_free (crash.rand);
  folder_clear (&crash.big);
  folder_clear (&crash.small);
  g_free (crash.base);
  g_free (crash.complete);
  g_clear_pointer (&crash.base_bytes, g_bytes_unref);
  g_free (crash.version_json);
  g_free (crash.tmp);
  return status;
}
