/* test-workspace.c — the workspace file: pragmas, refused opens, versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "td-program-writer.h"
#include "td-validator.h"
#include "td-workspace.h"
#include "test-common.h"

typedef TcTempDir Fixture;

static TdProgram *
load_example (const char *id)
{
  g_autofree char *file = g_strconcat (id, ".json", NULL);

  return tc_load_example (file);
}

static const char *const example_ids[] = { "kaspersky", "microsoft-pai", "s-mart", "smart-soft", "snom" };

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The file holds @before and nothing was created beside it (no journal
 * left behind). */
static void
assert_unchanged (const Fixture *fixture,
                  GBytes        *before)
{
  g_autoptr(GBytes) after = file_bytes (fixture->path);
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_true (g_bytes_equal (before, after));
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "test.tierdesk");
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The message of a statement that must fail. */
static char *
raw_exec_fails (sqlite3    *db,
                const char *sql)
{
  char *message = NULL;
  char *copy;

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), !=, SQLITE_OK);
  copy = g_strdup (message);
  sqlite3_free (message);
  return copy;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *statement = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  return text;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autofree char *text = query_text (db, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static TdWorkspace *
create_workspace (const Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TdWorkspace *workspace = td_workspace_create (fixture->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

static guint
save (TdWorkspace     *workspace,
      const TdProgram *program,
      const char      *note)
{
  g_autoptr(GError) error = NULL;
  guint number = 0;

  td_workspace_save_version (workspace, program, note, &number, &error);
  g_assert_no_error (error);
  return number;
}

/* Makes a workspace holding the five examples and closes it. */
static void
make_example_workspace (const Fixture *fixture)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (example_ids); i++)
    {
      g_autoptr(TdProgram) program = load_example (example_ids[i]);
      g_assert_cmpuint (save (workspace, program, NULL), ==, 1);
    }
}

static void
assert_open_fails (const Fixture *fixture,
                   gboolean       writable,
                   int            code,
                   const char    *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = td_workspace_open (fixture->path, writable, &error);

  g_assert_null (workspace);
  g_assert_error (error, TD_WORKSPACE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_pragmas (TdWorkspace *workspace,
                gboolean     writing)
{
  sqlite3 *db = td_workspace_get_connection (workspace);
  g_autofree char *journal_mode = query_text (db, "PRAGMA journal_mode");

  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, 1413763915);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, TD_WORKSPACE_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpstr (journal_mode, ==, "delete");
  if (writing)
    g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);   /* FULL */
}

static void
test_create_pragmas (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(GBytes) header = NULL;
  const guint8 *bytes;
  sqlite3 *db;

  g_assert_cmpstr (td_workspace_get_path (workspace), ==, fixture->path);
  g_assert_true (td_workspace_is_writable (workspace));
  assert_pragmas (workspace, TRUE);

  /* Every table is STRICT, and there are exactly these. */
  db = td_workspace_get_connection (workspace);
  {
    g_autofree char *tables = query_text (db,
                                          "SELECT group_concat (name || ':' || strict, ' ') FROM"
                                          " (SELECT name, strict FROM pragma_table_list"
                                          "  WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name)");
    g_autofree char *triggers = query_text (db,
                                            "SELECT group_concat (name, ' ') FROM"
                                            " (SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name)");
    g_assert_cmpstr (tables, ==, "attribute:1 certification:1 deal:1 draft:1 import_batch:1 import_file:1 partner:1 partner_attribute:1 product:1 program:1 program_version:1 sale:1");
    g_assert_cmpstr (triggers, ==, "program_version_no_delete program_version_no_update program_version_numbered");
  }
  g_clear_pointer (&workspace, td_workspace_close);

  /* The file tells what it is in its header, where file(1) reads it:
   * application id at offset 68, user version at 60, big-endian. */
  header = file_bytes (fixture->path);
  bytes = g_bytes_get_data (header, NULL);
  g_assert_cmpmem (bytes, 16, "SQLite format 3", 16);
  g_assert_cmpmem (bytes + 68, 4, "TDSK", 4);
  g_assert_cmpmem (bytes + 60, 4, "\0\0\0\2", 4);

  workspace = td_workspace_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  assert_pragmas (workspace, TRUE);
  g_clear_pointer (&workspace, td_workspace_close);

  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (td_workspace_is_writable (workspace));
  assert_pragmas (workspace, FALSE);
}

static void
test_create_exists (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "precious", -1, NULL));
  before = file_bytes (fixture->path);
  workspace = td_workspace_create (fixture->path, &error);
  g_assert_null (workspace);
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_EXISTS);
  expected = g_strdup_printf ("Cannot create workspace “%s”: the file already exists", fixture->path);
  g_assert_cmpstr (error->message, ==, expected);
  assert_unchanged (fixture, before);
}

static void
test_create_no_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "test.tierdesk", NULL);
  g_autoptr(TdWorkspace) workspace = td_workspace_create (path, &error);
  g_autofree char *expected = g_strdup_printf ("Cannot create workspace “%s”: No such file or directory", path);

  g_assert_null (workspace);
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_open_not_found (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” does not exist", fixture->path);

  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_NOT_FOUND, expected);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NOT_FOUND, expected);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_open_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("“%s” is not a Tierdesk workspace: it is not a file", fixture->path);

  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_NOT_DATABASE, expected);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NOT_DATABASE, expected);
  g_assert_cmpint (g_rmdir (fixture->path), ==, 0);
}

static void
test_open_not_sqlite (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("“%s” is not a Tierdesk workspace: it is not an SQLite database", fixture->path);
  g_autofree char *text = g_strnfill (5000, 'x');
  /* Shorter and longer than SQLite's 100-byte header. */
  const char *const contents[] = { "precious", text };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GBytes) before = NULL;

      g_assert_true (g_file_set_contents (fixture->path, contents[i], -1, NULL));
      before = file_bytes (fixture->path);
      assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_NOT_DATABASE, expected);
      assert_unchanged (fixture, before);
      assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NOT_DATABASE, expected);
      assert_unchanged (fixture, before);
    }
}

/* SQLite takes an empty file for an empty database: it has no application
 * id, and must not become a workspace by being opened. */
static void
test_open_empty_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s” is an SQLite database but not a Tierdesk workspace (its application id is 0, not 1413763915)", fixture->path);

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  before = file_bytes (fixture->path);
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_NOT_WORKSPACE, expected);
  assert_unchanged (fixture, before);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NOT_WORKSPACE, expected);
  assert_unchanged (fixture, before);
  g_assert_cmpuint (g_bytes_get_size (before), ==, 0);
}

static void
test_open_other_application (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s” is an SQLite database but not a Tierdesk workspace (its application id is 42, not 1413763915)", fixture->path);
  sqlite3 *db = raw_open (fixture->path);

  raw_exec (db, "PRAGMA application_id = 42; PRAGMA user_version = 1; CREATE TABLE program (id TEXT)");
  sqlite3_close (db);
  before = file_bytes (fixture->path);
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_NOT_WORKSPACE, expected);
  assert_unchanged (fixture, before);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NOT_WORKSPACE, expected);
  assert_unchanged (fixture, before);
}

static void
test_open_too_new (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” was written by a newer Tierdesk (schema version 3; this version reads up to 2): update Tierdesk to open it", fixture->path);
  sqlite3 *db;

  make_example_workspace (fixture);
  db = raw_open (fixture->path);
  raw_exec (db, "PRAGMA user_version = 3");
  sqlite3_close (db);
  before = file_bytes (fixture->path);
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_TOO_NEW, expected);
  assert_unchanged (fixture, before);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_TOO_NEW, expected);
  assert_unchanged (fixture, before);
}

static void
test_open_read_only_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autofree char *expected = g_strdup_printf ("Cannot open workspace “%s” for writing: the file is read-only", fixture->path);

  make_example_workspace (fixture);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  before = file_bytes (fixture->path);
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_READ_ONLY, expected);
  assert_unchanged (fixture, before);

  /* Reading it is fine. */
  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  programs = td_workspace_list_programs (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programs->len, ==, 5);
  g_clear_pointer (&workspace, td_workspace_close);
  assert_unchanged (fixture, before);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
}

/* access(2) lets root write anywhere, so only another user can see this. */
static void
test_open_read_only_folder (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *expected = g_strdup_printf ("Cannot open workspace “%s” for writing: its folder is read-only", fixture->path);

  if (getuid () == 0)
    {
      g_test_skip ("root may write in a read-only folder");
      return;
    }
  make_example_workspace (fixture);
  before = file_bytes (fixture->path);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_READ_ONLY, expected);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  assert_unchanged (fixture, before);
}

static void
test_open_corrupt (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *finding = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autofree guint8 *contents = NULL;
  gsize length;
  gint64 page;
  sqlite3 *db;

  make_example_workspace (fixture);
  db = raw_open (fixture->path);
  page = query_int (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'draft'");
  g_assert_cmpint (query_int (db, "PRAGMA page_size"), ==, 4096);
  sqlite3_close (db);

  /* An invalid b-tree page type in the (empty) draft table's root: the
   * header, the schema and every program stay readable. */
  g_file_get_contents (fixture->path, (char **) &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, page * 4096);
  g_assert_cmpuint (contents[(page - 1) * 4096], ==, 0x0d);   /* a table leaf */
  contents[(page - 1) * 4096] = 0x42;
  g_file_set_contents (fixture->path, (char *) contents, length, &error);
  g_assert_no_error (error);

  before = file_bytes (fixture->path);
  expected = g_strdup_printf ("Workspace “%s” is damaged: Page %" G_GINT64_FORMAT ": btreeInitPage() returns error code 11",
                              fixture->path, page);
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_CORRUPT, expected);
  assert_unchanged (fixture, before);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_CORRUPT, expected);
  assert_unchanged (fixture, before);

  /* Opened for a check, it lists what is wrong. */
  workspace = td_workspace_open_for_check (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (td_workspace_is_writable (workspace));
  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  finding = g_strdup_printf ("Page %" G_GINT64_FORMAT ": btreeInitPage() returns error code 11", page);
  g_assert_cmpuint (check->integrity->len, ==, 2);
  g_assert_cmpstr (check->integrity->pdata[0], ==, finding);
  g_assert_cmpstr (check->integrity->pdata[1], ==, "the check stopped early: database disk image is malformed");
  g_assert_cmpint (check->schema_version, ==, 2);
  g_assert_cmpuint (check->n_programs, ==, 0);
  g_assert_false (td_workspace_check_passed (check));
  g_clear_pointer (&workspace, td_workspace_close);
  assert_unchanged (fixture, before);
}

static void
test_open_busy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” is being changed by another program; try again when it has finished", fixture->path);
  sqlite3 *other;
  gint64 start;

  make_example_workspace (fixture);
  before = file_bytes (fixture->path);

  /* Another program is in a write transaction: no second writer, but
   * readers are welcome. SQLite's locks work between connections of one
   * process as between processes. */
  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE");
  start = g_get_monotonic_time ();
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_BUSY, expected);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, TD_WORKSPACE_BUSY_TIMEOUT_MS * 1000 * 9 / 10);
  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&workspace, td_workspace_close);
  raw_exec (other, "ROLLBACK");

  /* Another program is committing: not even reading. */
  raw_exec (other, "BEGIN EXCLUSIVE");
  assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_BUSY, expected);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_BUSY, expected);
  raw_exec (other, "ROLLBACK");
  sqlite3_close (other);
  assert_unchanged (fixture, before);

  workspace = td_workspace_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
}

/* A copy taken in the middle of a change: the file and its hot journal.
 * Reading it would need the journal rolled back, so it is refused
 * unchanged; opening it for writing undoes the unfinished change. */
static void
test_open_interrupted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->dir, "source.tierdesk", NULL);
  g_autofree char *source_journal = g_strconcat (source, "-journal", NULL);
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” holds a change that was interrupted: open it for writing once to undo it", fixture->path);
  g_autofree char *big = g_strnfill (200000, 'x');
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) journal_before = NULL;
  g_autoptr(GBytes) journal_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autofree char *insert = g_strdup_printf ("INSERT INTO draft (program_id, json, saved_at) VALUES ('x', '%s', 'now')", big);
  sqlite3 *db;

  make_example_workspace (fixture);
  g_assert_cmpint (g_rename (fixture->path, source), ==, 0);
  db = raw_open (source);
  /* A one-page cache makes SQLite write the change into the file before
   * the commit, with the old pages in the journal. */
  raw_exec (db, "PRAGMA cache_size = 1; BEGIN; DELETE FROM program");
  raw_exec (db, insert);
  g_assert_true (g_file_test (source_journal, G_FILE_TEST_EXISTS));
  before = file_bytes (source);
  journal_before = file_bytes (source_journal);
  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);
  g_assert_cmpint (g_unlink (source), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, g_bytes_get_data (before, NULL), g_bytes_get_size (before), NULL));
  g_assert_true (g_file_set_contents (journal, g_bytes_get_data (journal_before, NULL), g_bytes_get_size (journal_before), NULL));

  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NEEDS_RECOVERY, expected);
  journal_after = file_bytes (journal);
  g_assert_true (g_bytes_equal (journal_before, journal_after));
  g_assert_cmpint (g_unlink (journal), ==, 0);
  assert_unchanged (fixture, before);
  g_assert_true (g_file_set_contents (journal, g_bytes_get_data (journal_before, NULL), g_bytes_get_size (journal_before), NULL));

  workspace = td_workspace_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->n_programs, ==, 5);
  g_assert_cmpuint (check->n_versions, ==, 5);
  g_assert_cmpuint (check->n_drafts, ==, 0);
  g_assert_true (td_workspace_check_passed (check));
}

/* Objects the migrations do not make, each with what SQLite would run: a
 * view that never ends in place of a table, a trigger at each save. */
static void
test_open_foreign_schema (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct { const char *sql, *name; } edits[] = {
    { "DROP TABLE program_version;"
      "CREATE VIEW program_version AS WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c)"
      " SELECT 'x' AS program_id, n AS number, '{}' AS canonical_json, 'n' AS name, NULL AS vendor,"
      " 'EUR' AS currency, NULL AS note, 'a' AS author, 't' AS created_at FROM c", "program_version" },
    { "CREATE TRIGGER loop BEFORE INSERT ON program BEGIN SELECT 1; END", "loop" },
    { "CREATE INDEX mine ON sale (date)", "mine" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      sqlite3 *db;

      g_unlink (fixture->path);
      make_example_workspace (fixture);
      db = raw_open (fixture->path);
      raw_exec (db, edits[i].sql);
      sqlite3_close (db);
      before = file_bytes (fixture->path);
      expected = g_strdup_printf ("Workspace “%s” is damaged: its schema holds “%s”, which Tierdesk did not create",
                                  fixture->path, edits[i].name);
      assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_CORRUPT, expected);
      assert_open_fails (fixture, TRUE, TD_WORKSPACE_ERROR_CORRUPT, expected);
      g_assert_null (td_workspace_open_for_check (fixture->path, &error));
      g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT);
      assert_unchanged (fixture, before);
    }
}

/* The migration framework on the one step there is: a file at schema
 * version 0 (a workspace identity and no tables) is upgraded when opened
 * for writing, and refused, unchanged, when opened for reading. */
static void
test_migrate_from_0 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdProgram) program = load_example ("snom");
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” was written by an older Tierdesk (schema version 0) and must be upgraded to version 2: open it for writing once", fixture->path);
  g_autofree char *tables = NULL;
  sqlite3 *db = raw_open (fixture->path);

  raw_exec (db, "PRAGMA application_id = 1413763915");
  sqlite3_close (db);
  before = file_bytes (fixture->path);
  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NEEDS_UPGRADE, expected);
  assert_unchanged (fixture, before);

  workspace = td_workspace_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  assert_pragmas (workspace, TRUE);
  tables = query_text (td_workspace_get_connection (workspace),
                       "SELECT group_concat (name, ' ') FROM (SELECT name FROM sqlite_schema"
                       " WHERE type = 'table' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "attribute certification deal draft import_batch import_file partner partner_attribute product program program_version sale");
  g_assert_cmpuint (save (workspace, program, NULL), ==, 1);
}

static void
test_save_numbering (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(TdProgram) smart = load_example ("smart-soft");
  g_autoptr(TdProgram) snom = load_example ("snom");

  g_assert_cmpuint (save (workspace, smart, "first"), ==, 1);
  g_assert_cmpuint (save (workspace, snom, NULL), ==, 1);
  g_free (smart->name);
  smart->name = g_strdup ("Smart-Soft partner program, second draft");
  g_assert_cmpuint (save (workspace, smart, NULL), ==, 2);
  g_free (smart->description);
  smart->description = g_strdup ("Shorter.");
  g_assert_cmpuint (save (workspace, smart, NULL), ==, 3);
  g_free (snom->currency);
  snom->currency = g_strdup ("CHF");
  g_assert_cmpuint (save (workspace, snom, NULL), ==, 2);

  /* The caller's program keeps its own version member. */
  g_assert_cmpint (smart->version, ==, 1);
  g_assert_cmpint (snom->version, ==, 1);
}

/* The stored bytes are td_program_to_json() of the program with its
 * version member set to the version's number, and come back exactly. */
static void
test_save_export_bytes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (example_ids); i++)
    {
      g_autoptr(TdProgram) program = load_example (example_ids[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *latest = NULL;
      g_autofree char *expected_first = NULL;
      g_autofree char *expected_second = NULL;
      g_autofree char *file = NULL;

      /* Whatever version the program says, it is saved as 1, then 2. */
      program->version = 7;
      g_assert_cmpuint (save (workspace, program, NULL), ==, 1);
      g_free (program->name);
      program->name = g_strdup ("Renamed");
      g_assert_cmpuint (save (workspace, program, NULL), ==, 2);
      g_assert_cmpint (program->version, ==, 7);

      first = td_workspace_get_version_json (workspace, example_ids[i], 1, &error);
      g_assert_no_error (error);
      second = td_workspace_get_version_json (workspace, example_ids[i], 2, &error);
      g_assert_no_error (error);
      latest = td_workspace_get_version_json (workspace, example_ids[i], 0, &error);
      g_assert_no_error (error);

      program->version = 2;
      expected_second = td_program_to_json (program);
      g_assert_cmpstr (second, ==, expected_second);
      g_assert_cmpstr (latest, ==, expected_second);
      g_assert_true (strstr (second, "\n  \"version\": 2,\n") != NULL);

      /* Version 1 of an example is the example file, byte for byte. */
      g_clear_pointer (&program, td_program_free);
      program = load_example (example_ids[i]);
      expected_first = td_program_to_json (program);
      g_assert_cmpstr (first, ==, expected_first);
      file = g_strconcat (g_getenv ("TIERDESK_EXAMPLES"), "/", example_ids[i], ".json", NULL);
      {
        g_autoptr(GBytes) bytes = file_bytes (file);
        g_assert_cmpmem (first, strlen (first), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      }
    }
}

/* Decision: saving what the latest version already holds is refused
 * (UNCHANGED) and writes nothing, whatever the program's version member
 * and the note say. */
static void
test_save_unchanged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(TdProgram) program = load_example ("s-mart");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  guint number = 42;

  g_assert_cmpuint (save (workspace, program, NULL), ==, 1);
  g_free (program->name);
  program->name = g_strdup ("S-Mart 2");
  g_assert_cmpuint (save (workspace, program, NULL), ==, 2);
  before = file_bytes (fixture->path);

  program->version = 9;
  g_assert_false (td_workspace_save_version (workspace, program, "again", &number, &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_UNCHANGED);
  g_assert_cmpstr (error->message, ==, "Program “s-mart” is unchanged since version 2: nothing saved");
  g_assert_cmpuint (number, ==, 42);
  assert_unchanged (fixture, before);

  /* Going back to version 1's content is a change. */
  g_clear_error (&error);
  g_free (program->name);
  program->name = g_strdup ("S-Mart Quick Heal reseller program");
  g_assert_cmpuint (save (workspace, program, NULL), ==, 3);
}

static void
test_save_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(TdProgram) program = load_example ("snom");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autofree char *expected = NULL;
  guint number = 42;

  before = file_bytes (fixture->path);
  g_free (program->currency);
  program->currency = g_strdup ("euro");
  g_assert_false (td_workspace_save_version (workspace, program, NULL, &number, &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_INVALID_PROGRAM);
  expected = g_strdup_printf ("Cannot save program “snom” in “%s”: it has 1 error: $.currency: “euro” is not an ISO 4217 currency code such as EUR, RUB or USD",
                              fixture->path);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (number, ==, 42);
  assert_unchanged (fixture, before);

  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);
  g_free (program->id);
  program->id = g_strdup ("Snom");
  g_assert_false (td_workspace_save_version (workspace, program, NULL, NULL, &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_INVALID_PROGRAM);
  expected = g_strdup_printf ("Cannot save program “Snom” in “%s”: it has 2 errors, the first: $.id: “Snom” is not a valid id: use 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit",
                              fixture->path);
  g_assert_cmpstr (error->message, ==, expected);
  assert_unchanged (fixture, before);

  g_clear_error (&error);
  programs = td_workspace_list_programs (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programs->len, ==, 0);
}

static void
test_save_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdProgram) program = load_example ("snom");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” was opened read-only", fixture->path);

  make_example_workspace (fixture);
  before = file_bytes (fixture->path);
  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_free (program->name);
  program->name = g_strdup ("Changed");
  g_assert_false (td_workspace_save_version (workspace, program, NULL, NULL, &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, expected);
  assert_unchanged (fixture, before);
}

static void
test_save_busy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdProgram) program = load_example ("snom");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” is being changed by another program; try again when it has finished", fixture->path);
  sqlite3 *other;

  make_example_workspace (fixture);
  workspace = td_workspace_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  before = file_bytes (fixture->path);
  g_free (program->name);
  program->name = g_strdup ("Changed");

  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE");
  g_assert_false (td_workspace_save_version (workspace, program, NULL, NULL, &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, expected);
  raw_exec (other, "ROLLBACK");
  sqlite3_close (other);
  assert_unchanged (fixture, before);

  g_clear_error (&error);
  g_assert_cmpuint (save (workspace, program, NULL), ==, 2);
}

static GDateTime *
utc (int hour,
     int minute)
{
  return g_date_time_new_utc (2024, 5, 1, hour, minute, 0);
}

static void
test_list_programs (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *id, *name, *vendor, *currency;
    guint latest;
    const char *saved_at;
  } expected[] = {
    { "kaspersky", "Kaspersky tailored partner program", "Kaspersky", "EUR", 1, "2024-05-01T09:00:00Z" },
    { "microsoft-pai", "Microsoft Partner Acceleration Incentive (Italy)", "Microsoft", "EUR", 1, "2024-05-01T09:01:00Z" },
    { "s-mart", "S-Mart Quick Heal reseller program", "S-Mart", "EUR", 1, "2024-05-01T09:02:00Z" },
    { "smart-soft", "Smart-Soft, second version", NULL, "USD", 2, "2024-05-01T10:30:00Z" },
    { "snom", "Snom partner program", "Snom", "EUR", 1, "2024-05-01T09:04:00Z" },
  };
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(TdProgram) smart = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GError) error = NULL;

  /* Saved out of order: the list is sorted by id. */
  for (guint i = G_N_ELEMENTS (example_ids); i-- > 0;)
    {
      g_autoptr(TdProgram) program = load_example (example_ids[i]);
      g_autoptr(GDateTime) now = utc (9, i);

      td_workspace_set_now (workspace, now);
      save (workspace, program, NULL);
    }
  {
    /* A time zone other than UTC is written in UTC. */
    g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
    g_autoptr(GDateTime) now = g_date_time_new (zone, 2024, 5, 1, 12, 30, 0);

    td_workspace_set_now (workspace, now);
  }
  smart = load_example ("smart-soft");
  g_free (smart->name);
  smart->name = g_strdup ("Smart-Soft, second version");
  g_clear_pointer (&smart->vendor, g_free);
  g_free (smart->currency);
  smart->currency = g_strdup ("USD");
  g_assert_cmpuint (save (workspace, smart, NULL), ==, 2);

  programs = td_workspace_list_programs (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < programs->len; i++)
    {
      const TdProgramSummary *summary = programs->pdata[i];

      g_assert_cmpstr (summary->id, ==, expected[i].id);
      g_assert_cmpstr (summary->name, ==, expected[i].name);
      g_assert_cmpstr (summary->vendor, ==, expected[i].vendor);
      g_assert_cmpstr (summary->currency, ==, expected[i].currency);
      g_assert_cmpuint (summary->latest_version, ==, expected[i].latest);
      g_assert_cmpstr (summary->saved_at, ==, expected[i].saved_at);
    }
}

static void
test_list_versions (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(TdProgram) program = load_example ("kaspersky");
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first = utc (8, 15);
  g_autoptr(GDateTime) second = utc (17, 45);
  g_autoptr(GRegex) iso = g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", 0, 0, NULL);
  const TdVersionInfo *info;

  td_workspace_set_now (workspace, first);
  save (workspace, program, "Imported from the article");
  td_workspace_set_now (workspace, second);
  program->require_invoice = !program->require_invoice;
  save (workspace, program, "");
  td_workspace_set_now (workspace, NULL);
  program->require_invoice = !program->require_invoice;
  save (workspace, program, NULL);

  versions = td_workspace_list_versions (workspace, "kaspersky", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  info = versions->pdata[0];
  g_assert_cmpstr (info->program_id, ==, "kaspersky");
  g_assert_cmpuint (info->number, ==, 1);
  g_assert_cmpstr (info->saved_at, ==, "2024-05-01T08:15:00Z");
  g_assert_cmpstr (info->author, ==, g_get_user_name ());
  g_assert_cmpstr (info->note, ==, "Imported from the article");
  info = versions->pdata[1];
  g_assert_cmpuint (info->number, ==, 2);
  g_assert_cmpstr (info->saved_at, ==, "2024-05-01T17:45:00Z");
  g_assert_cmpstr (info->note, ==, NULL);
  info = versions->pdata[2];
  g_assert_cmpuint (info->number, ==, 3);
  g_assert_true (g_regex_match (iso, info->saved_at, 0, NULL));
  g_assert_cmpstr (info->note, ==, NULL);
}

static void
test_get_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;

  make_example_workspace (fixture);
  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);

  expected = g_strdup_printf ("Workspace “%s” has no program “acme”", fixture->path);
  json = td_workspace_get_version_json (workspace, "acme", 0, &error);
  g_assert_null (json);
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_PROGRAM);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  versions = td_workspace_list_versions (workspace, "acme", &error);
  g_assert_null (versions);
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_PROGRAM);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Program “snom” in workspace “%s” has no version 2 (the latest is 1)", fixture->path);
  json = td_workspace_get_version_json (workspace, "snom", 2, &error);
  g_assert_null (json);
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_VERSION);
  g_assert_cmpstr (error->message, ==, expected);
}

/* The file defends its history against other tools too. */
static void
test_versions_immutable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *update = NULL;
  g_autofree char *delete = NULL;
  g_autofree char *gap = NULL;
  g_autofree char *orphan = NULL;
  sqlite3 *db;

  make_example_workspace (fixture);
  before = file_bytes (fixture->path);
  db = raw_open (fixture->path);
  raw_exec (db, "PRAGMA foreign_keys = ON");
  update = raw_exec_fails (db, "UPDATE program_version SET note = 'x' WHERE program_id = 'snom'");
  delete = raw_exec_fails (db, "DELETE FROM program_version WHERE program_id = 'snom'");
  gap = raw_exec_fails (db, "INSERT INTO program_version SELECT program_id, 3, canonical_json, name, vendor,"
                            " currency, note, author, created_at FROM program_version WHERE program_id = 'snom'");
  orphan = raw_exec_fails (db, "INSERT INTO program_version SELECT 'ghost', 1, canonical_json, name, vendor,"
                               " currency, note, author, created_at FROM program_version WHERE program_id = 'snom'");
  sqlite3_close (db);
  g_assert_cmpstr (update, ==, "program versions are immutable");
  g_assert_cmpstr (delete, ==, "program versions are immutable");
  g_assert_cmpstr (gap, ==, "program versions are numbered 1, 2, 3 without gaps");
  g_assert_cmpstr (orphan, ==, "FOREIGN KEY constraint failed");
  assert_unchanged (fixture, before);
}

static void
test_check_sound (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(TdProgram) program = load_example ("snom");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  make_example_workspace (fixture);
  workspace = td_workspace_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  program->require_invoice = !program->require_invoice;
  g_assert_cmpuint (save (workspace, program, NULL), ==, 2);
  raw_exec (td_workspace_get_connection (workspace),
            "INSERT INTO draft (program_id, base_version, json, saved_at)"
            " VALUES ('snom', 2, '{}', '2024-05-01T09:00:00Z')");
  g_clear_pointer (&workspace, td_workspace_close);

  before = file_bytes (fixture->path);
  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->schema_version, ==, 2);
  g_assert_cmpuint (check->n_programs, ==, 5);
  g_assert_cmpuint (check->n_versions, ==, 6);
  g_assert_cmpuint (check->n_drafts, ==, 1);
  g_assert_cmpuint (check->integrity->len, ==, 0);
  g_assert_cmpuint (check->foreign_keys->len, ==, 0);
  g_assert_cmpuint (check->versions->len, ==, 0);
  g_assert_true (td_workspace_check_passed (check));
  assert_unchanged (fixture, before);
}

/* What a hand edit without foreign keys or triggers can do, and check
 * finds. */
static void
test_check_tampered (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  make_example_workspace (fixture);
  db = raw_open (fixture->path);
  raw_exec (db,
            "DROP TRIGGER program_version_numbered;"
            "INSERT INTO program_version SELECT 'ghost', 1, canonical_json, name, vendor, currency,"
            "  note, author, created_at FROM program_version WHERE program_id = 'snom';"
            "INSERT INTO program_version SELECT 'snom', 2, canonical_json, name, vendor, currency,"
            "  note, author, created_at FROM program_version WHERE program_id = 'snom';"
            "INSERT INTO program_version SELECT 's-mart', 2,"
            "  replace (replace (canonical_json, '\"version\": 1,', '\"version\": 2,'),"
            "           '\"vendor\": \"S-Mart\"', '\"vendor\": \"Other\"'),"
            "  name, vendor, currency, note, author, created_at FROM program_version WHERE program_id = 's-mart';"
            "INSERT INTO program_version SELECT 'kaspersky', 3, '[1]', name, vendor, currency,"
            "  note, author, created_at FROM program_version WHERE program_id = 'kaspersky';"
            "INSERT INTO program (id) VALUES ('empty');");
  sqlite3_close (db);

  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->n_programs, ==, 6);
  g_assert_cmpuint (check->n_versions, ==, 9);
  g_assert_cmpuint (check->integrity->len, ==, 0);
  g_assert_cmpuint (check->foreign_keys->len, ==, 1);
  g_assert_cmpstr (check->foreign_keys->pdata[0], ==, "program_version row 6 refers to a row missing from program");
  g_assert_cmpuint (check->versions->len, ==, 6);
  g_assert_cmpstr (check->versions->pdata[0], ==, "ghost version 1: the stored program has id “snom”");
  g_assert_cmpstr (check->versions->pdata[1], ==, "kaspersky version 3: the stored JSON is not a readable program");
  g_assert_cmpstr (check->versions->pdata[2], ==, "s-mart version 2: the name, vendor or currency columns differ from the stored program");
  g_assert_cmpstr (check->versions->pdata[3], ==, "snom version 2: the stored program has version 1");
  g_assert_cmpstr (check->versions->pdata[4], ==, "program “empty” has no version");
  g_assert_cmpstr (check->versions->pdata[5], ==, "program “kaspersky” has 2 versions but its latest is number 3");
  g_assert_false (td_workspace_check_passed (check));
}

/* tests/workspaces/schema-1.tierdesk was written by tierdesk-cli at commit
 * c6fb925~1, the last with schema version 1 (see its README): programs
 * minimal (1 version) and snom (2), one draft. Upgrading keeps every byte
 * of what it held and adds the data tables. */
static void
test_migrate_from_1 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "workspaces", "schema-1.tierdesk", NULL);
  g_autofree char *expected = g_strdup_printf ("Workspace “%s” was written by an older Tierdesk (schema version 1) and must be upgraded to version 2: open it for writing once", fixture->path);
  g_autofree char *old_versions = NULL, *old_drafts = NULL, *new_versions = NULL, *new_drafts = NULL;
  g_autofree char *tables = NULL, *stored = NULL;
  g_autoptr(GBytes) contents = file_bytes (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(TdDraft) draft = NULL;
  g_autoptr(TdProgram) program = load_example ("snom");
  static const char versions_sql[] =
    "SELECT program_id, number, canonical_json, name, vendor, currency, note, author, created_at"
    " FROM program_version ORDER BY program_id, number";
  static const char drafts_sql[] = "SELECT * FROM draft ORDER BY program_id";
  sqlite3 *db;

  g_assert_true (g_file_set_contents (fixture->path, g_bytes_get_data (contents, NULL),
                                      (gssize) g_bytes_get_size (contents), NULL));
  db = raw_open (fixture->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 1);
  old_versions = tc_query_rows (db, versions_sql);
  old_drafts = tc_query_rows (db, drafts_sql);
  sqlite3_close (db);
  g_assert_cmpstr (old_drafts, ==, "snom|2|{\"format\": \"tierdesk.program\"|2026-11-23T10:00:00Z\n");

  assert_open_fails (fixture, FALSE, TD_WORKSPACE_ERROR_NEEDS_UPGRADE, expected);
  assert_unchanged (fixture, contents);

  workspace = td_workspace_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  assert_pragmas (workspace, TRUE);
  db = td_workspace_get_connection (workspace);
  tables = query_text (db, "SELECT group_concat (name, ' ') FROM (SELECT name FROM sqlite_schema"
                           " WHERE type = 'table' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "attribute certification deal draft import_batch import_file partner partner_attribute product program program_version sale");
  new_versions = tc_query_rows (db, versions_sql);
  new_drafts = tc_query_rows (db, drafts_sql);
  g_assert_cmpstr (new_versions, ==, old_versions);
  g_assert_cmpstr (new_drafts, ==, old_drafts);

  draft = td_workspace_get_draft (workspace, "snom", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (draft->base_version, ==, 2);
  stored = td_workspace_get_version_json (workspace, "snom", 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (stored, "\"name\": \"Snom partner program 2026\""));

  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (td_workspace_check_passed (check));
  g_assert_cmpint (check->schema_version, ==, 2);
  g_assert_cmpuint (check->n_programs, ==, 2);
  g_assert_cmpuint (check->n_versions, ==, 3);
  g_assert_cmpuint (check->n_drafts, ==, 1);
  g_assert_cmpuint (check->n_batches, ==, 0);
  g_assert_cmpuint (check->current_batch, ==, 0);

  /* Numbering goes on from the old versions. */
  g_assert_cmpuint (save (workspace, program, "after the upgrade"), ==, 3);
  g_clear_pointer (&workspace, td_workspace_close);

  /* Upgraded once, it opens read-only like any current file. */
  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
}

static void
test_drafts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2024, 5, 1, 9, 30, 0);
  g_autoptr(GDateTime) second = g_date_time_new_utc (2024, 5, 1, 9, 30, 7);
  g_autoptr(TdDraft) draft = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  /* None yet: NULL without an error. */
  draft = td_workspace_get_draft (workspace, "snom", &error);
  g_assert_no_error (error);
  g_assert_null (draft);

  /* A draft may be invalid JSON, of a program never saved. */
  td_workspace_set_now (workspace, first);
  g_assert_true (td_workspace_save_draft (workspace, "snom", 0, "{\"id\": \"snom\",", &error));
  g_assert_no_error (error);
  g_assert_true (td_workspace_save_draft (workspace, "a-first", 3, "{}", &error));
  g_assert_no_error (error);
  draft = td_workspace_get_draft (workspace, "snom", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->program_id, ==, "snom");
  g_assert_cmpuint (draft->base_version, ==, 0);
  g_assert_cmpstr (draft->json, ==, "{\"id\": \"snom\",");
  g_assert_cmpstr (draft->saved_at, ==, "2024-05-01T09:30:00Z");
  g_clear_pointer (&draft, td_draft_free);
  g_assert_cmpint (query_int (td_workspace_get_connection (workspace),
                              "SELECT base_version IS NULL FROM draft WHERE program_id = 'snom'"), ==, 1);

  /* Saving again replaces the draft of that program only. */
  td_workspace_set_now (workspace, second);
  g_assert_true (td_workspace_save_draft (workspace, "snom", 2, "{\"id\": \"snom\"}", &error));
  g_assert_no_error (error);
  drafts = td_workspace_list_drafts (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpstr (((TdDraft *) drafts->pdata[0])->program_id, ==, "a-first");
  g_assert_cmpuint (((TdDraft *) drafts->pdata[0])->base_version, ==, 3);
  g_assert_cmpstr (((TdDraft *) drafts->pdata[0])->saved_at, ==, "2024-05-01T09:30:00Z");
  g_assert_cmpstr (((TdDraft *) drafts->pdata[1])->program_id, ==, "snom");
  g_assert_cmpuint (((TdDraft *) drafts->pdata[1])->base_version, ==, 2);
  g_assert_cmpstr (((TdDraft *) drafts->pdata[1])->json, ==, "{\"id\": \"snom\"}");
  g_assert_cmpstr (((TdDraft *) drafts->pdata[1])->saved_at, ==, "2024-05-01T09:30:07Z");

  g_assert_true (td_workspace_discard_draft (workspace, "a-first", &error));
  g_assert_no_error (error);
  /* Discarding what is not there is not an error. */
  g_assert_true (td_workspace_discard_draft (workspace, "a-first", &error));
  g_assert_no_error (error);
  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->n_drafts, ==, 1);
  g_clear_pointer (&workspace, td_workspace_close);

  /* Read-only: drafts can be read, not written. */
  before = file_bytes (fixture->path);
  workspace = td_workspace_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  draft = td_workspace_get_draft (workspace, "snom", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->json, ==, "{\"id\": \"snom\"}");
  g_assert_false (td_workspace_save_draft (workspace, "snom", 2, "{}", &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (td_workspace_discard_draft (workspace, "snom", &error));
  g_assert_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY);
  g_clear_pointer (&workspace, td_workspace_close);
  assert_unchanged (fixture, before);
}

/* Batches written by hand (another tool) whose rows disagree with what
 * their import recorded. */
static void
test_check_batches (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TdWorkspace) workspace = create_workspace (fixture);
  g_autoptr(TdWorkspaceCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  static const char sha[] = "0000000000000000000000000000000000000000000000000000000000000000";
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO import_batch VALUES (1, 'partners,products,sales', 'a', 0, 'x', '2024-01-01T00:00:00Z');"
    "INSERT INTO import_batch VALUES (2, 'partners,products,sales', 'b', 0, 'x', '2024-01-02T00:00:00Z');"
    "INSERT INTO import_file VALUES (1, 'partners.csv', 10, '%s', 1, 0);"
    "INSERT INTO import_file VALUES (1, 'products.csv', 10, '%s', 0, 0);"
    "INSERT INTO import_file VALUES (1, 'sales.csv', 10, '%s', 0, 0);"
    "INSERT INTO import_file VALUES (2, 'partners.csv', 10, '%s', 3, 0);"
    "INSERT INTO import_file VALUES (2, 'products.csv', 10, '%s', 0, 0);"
    "INSERT INTO import_file VALUES (2, 'sales.csv', 10, '%s', 0, 0);"
    "INSERT INTO partner VALUES (1, 'P1', 'One', 'IT', NULL, NULL, 2);"
    "INSERT INTO partner VALUES (2, 'P1', 'One', 'IT', NULL, NULL, 2);"
    "INSERT INTO partner VALUES (2, 'P2', 'Two', 'IT', NULL, NULL, 3);",
    sha, sha, sha, sha, sha, sha);

  raw_exec (td_workspace_get_connection (workspace), sql);
  check = td_workspace_check (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->n_batches, ==, 2);
  g_assert_cmpuint (check->current_batch, ==, 2);
  g_assert_cmpuint (check->n_partners, ==, 2);
  g_assert_cmpuint (check->n_sales, ==, 0);
  g_assert_cmpuint (check->batches->len, ==, 1);
  g_assert_cmpstr (check->batches->pdata[0], ==, "import batch 2: partners.csv imported 3 rows, the workspace holds 2");
  g_assert_false (td_workspace_check_passed (check));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("TIERDESK_EXAMPLES"));

  tc_add_temp_dir_test ("/workspace/create/pragmas", NULL, test_create_pragmas);
  tc_add_temp_dir_test ("/workspace/create/exists", NULL, test_create_exists);
  tc_add_temp_dir_test ("/workspace/create/no-folder", NULL, test_create_no_folder);
  tc_add_temp_dir_test ("/workspace/open/not-found", NULL, test_open_not_found);
  tc_add_temp_dir_test ("/workspace/open/folder", NULL, test_open_folder);
  tc_add_temp_dir_test ("/workspace/open/not-sqlite", NULL, test_open_not_sqlite);
  tc_add_temp_dir_test ("/workspace/open/empty-file", NULL, test_open_empty_file);
  tc_add_temp_dir_test ("/workspace/open/other-application", NULL, test_open_other_application);
  tc_add_temp_dir_test ("/workspace/open/too-new", NULL, test_open_too_new);
  tc_add_temp_dir_test ("/workspace/open/read-only-file", NULL, test_open_read_only_file);
  tc_add_temp_dir_test ("/workspace/open/read-only-folder", NULL, test_open_read_only_folder);
  tc_add_temp_dir_test ("/workspace/open/corrupt", NULL, test_open_corrupt);
  tc_add_temp_dir_test ("/workspace/open/foreign-schema", NULL, test_open_foreign_schema);
  tc_add_temp_dir_test ("/workspace/open/busy", NULL, test_open_busy);
  tc_add_temp_dir_test ("/workspace/open/interrupted", NULL, test_open_interrupted);
  tc_add_temp_dir_test ("/workspace/migrate/from-0", NULL, test_migrate_from_0);
  tc_add_temp_dir_test ("/workspace/migrate/from-1", NULL, test_migrate_from_1);
  tc_add_temp_dir_test ("/workspace/drafts", NULL, test_drafts);
  tc_add_temp_dir_test ("/workspace/save/numbering", NULL, test_save_numbering);
  tc_add_temp_dir_test ("/workspace/save/export-bytes", NULL, test_save_export_bytes);
  tc_add_temp_dir_test ("/workspace/save/unchanged", NULL, test_save_unchanged);
  tc_add_temp_dir_test ("/workspace/save/invalid", NULL, test_save_invalid);
  tc_add_temp_dir_test ("/workspace/save/read-only", NULL, test_save_read_only);
  tc_add_temp_dir_test ("/workspace/save/busy", NULL, test_save_busy);
  tc_add_temp_dir_test ("/workspace/list/programs", NULL, test_list_programs);
  tc_add_temp_dir_test ("/workspace/list/versions", NULL, test_list_versions);
  tc_add_temp_dir_test ("/workspace/get/errors", NULL, test_get_errors);
  tc_add_temp_dir_test ("/workspace/versions-immutable", NULL, test_versions_immutable);
  tc_add_temp_dir_test ("/workspace/check/sound", NULL, test_check_sound);
  tc_add_temp_dir_test ("/workspace/check/tampered", NULL, test_check_tampered);
  tc_add_temp_dir_test ("/workspace/check/batches", NULL, test_check_batches);
  return g_test_run ();
}
