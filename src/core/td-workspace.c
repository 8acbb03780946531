/* td-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "td-program-reader.h"
#include "td-program-writer.h"
#include "td-validator.h"
#include "td-workspace.h"
#include "td-workspace-data.h"

G_DEFINE_QUARK (tierdesk-workspace-error-quark, td_workspace_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

struct _TdWorkspace
{
  sqlite3   *db;
  char      *path;            /* as given, for the file system */
  char      *display;         /* for messages */
  gboolean   writable;
  GDateTime *now;             /* NULL: the system clock */
};

/* Migration step N creates schema version N + 1 from version N; a file at
 * version V runs steps V… in one transaction. Append steps, never edit one
 * that has shipped: files in the wild were made by it. */
static const char *const migrations[] = {
  /* 0 → 1: programs, their immutable versions, drafts. */
  "CREATE TABLE program ("
  "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) BETWEEN 1 AND 64)"
  ") STRICT;"

  "CREATE TABLE program_version ("
  "  program_id TEXT NOT NULL REFERENCES program (id),"
  "  number INTEGER NOT NULL CHECK (number >= 1),"
  "  canonical_json TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  vendor TEXT,"
  "  currency TEXT NOT NULL,"
  "  note TEXT,"
  "  author TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  PRIMARY KEY (program_id, number)"
  ") STRICT;"

  /* The file protects its own history, also against other tools. */
  "CREATE TRIGGER program_version_numbered BEFORE INSERT ON program_version"
  " WHEN NEW.number IS NOT (SELECT coalesce (max (number), 0) + 1 FROM program_version"
  "                         WHERE program_id = NEW.program_id)"
  " BEGIN SELECT RAISE (ABORT, 'program versions are numbered 1, 2, 3 without gaps'); END;"
  "CREATE TRIGGER program_version_no_update BEFORE UPDATE ON program_version"
  " BEGIN SELECT RAISE (ABORT, 'program versions are immutable'); END;"
  "CREATE TRIGGER program_version_no_delete BEFORE DELETE ON program_version"
  " BEGIN SELECT RAISE (ABORT, 'program versions are immutable'); END;"

  /* No foreign key: a draft may be of a program never saved. */
  "CREATE TABLE draft ("
  "  program_id TEXT PRIMARY KEY NOT NULL,"
  "  base_version INTEGER CHECK (base_version >= 1),"
  "  json TEXT NOT NULL,"
  "  saved_at TEXT NOT NULL"
  ") STRICT;",

  /* 1 → 2: imported data sets (docs/workspace.md, "Schema version 2").
   * Every data row names its batch; the data set in use is the latest
   * batch's. Dates are day numbers (TdDate), amounts cents. */
  "CREATE TABLE import_batch ("
  "  id INTEGER PRIMARY KEY,"
  "  kinds TEXT NOT NULL,"
  "  source TEXT NOT NULL,"
  "  skip_invalid INTEGER NOT NULL CHECK (skip_invalid IN (0, 1)),"
  "  author TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ") STRICT;"

  "CREATE TABLE import_file ("
  "  batch INTEGER NOT NULL REFERENCES import_batch (id),"
  "  name TEXT NOT NULL,"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  rows INTEGER NOT NULL CHECK (rows >= 0),"
  "  rejected INTEGER NOT NULL CHECK (rejected >= 0),"
  "  PRIMARY KEY (batch, name)"
  ") STRICT;"

  "CREATE TABLE partner ("
  "  batch INTEGER NOT NULL REFERENCES import_batch (id),"
  "  id TEXT NOT NULL CHECK (length (id) >= 1),"
  "  name TEXT NOT NULL,"
  "  country TEXT NOT NULL,"
  "  joined_on INTEGER,"
  "  tier TEXT,"
  "  line INTEGER NOT NULL,"
  "  PRIMARY KEY (batch, id)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE attribute ("
  "  batch INTEGER NOT NULL REFERENCES import_batch (id),"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (batch, position),"
  "  UNIQUE (batch, name)"
  ") STRICT;"

  "CREATE TABLE partner_attribute ("
  "  batch INTEGER NOT NULL,"
  "  partner TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  value INTEGER NOT NULL,"
  "  PRIMARY KEY (batch, partner, name),"
  "  FOREIGN KEY (batch, partner) REFERENCES partner (batch, id),"
  "  FOREIGN KEY (batch, name) REFERENCES attribute (batch, name)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE product ("
  "  batch INTEGER NOT NULL REFERENCES import_batch (id),"
  "  position INTEGER NOT NULL,"
  "  sku TEXT NOT NULL CHECK (length (sku) >= 1),"
  "  name TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  list_price INTEGER NOT NULL CHECK (list_price >= 0),"
  "  PRIMARY KEY (batch, position),"
  "  UNIQUE (batch, sku)"
  ") STRICT;"

  "CREATE TABLE sale ("
  "  batch INTEGER NOT NULL REFERENCES import_batch (id),"
  "  position INTEGER NOT NULL,"
  "  sale_id TEXT NOT NULL CHECK (length (sale_id) >= 1),"
  "  date INTEGER NOT NULL,"
  "  partner TEXT,"
  "  customer TEXT NOT NULL,"
  "  sku TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL CHECK (quantity >= 1),"
  "  net_amount INTEGER NOT NULL CHECK (net_amount >= 0),"
  "  distributor TEXT,"
  "  license_key TEXT,"
  "  flags INTEGER NOT NULL CHECK (flags BETWEEN 0 AND 7),"
  "  PRIMARY KEY (batch, position),"
  "  UNIQUE (batch, sale_id),"
  "  FOREIGN KEY (batch, partner) REFERENCES partner (batch, id),"
  "  FOREIGN KEY (batch, sku) REFERENCES product (batch, sku)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE certification ("
  "  batch INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  partner TEXT NOT NULL,"
  "  person TEXT NOT NULL,"
  "  certification TEXT NOT NULL,"
  "  earned_on INTEGER NOT NULL,"
  "  left_on INTEGER,"
  "  PRIMARY KEY (batch, position),"
  "  FOREIGN KEY (batch, partner) REFERENCES partner (batch, id)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE deal ("
  "  batch INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  deal_id TEXT NOT NULL CHECK (length (deal_id) >= 1),"
  "  partner TEXT NOT NULL,"
  "  customer TEXT NOT NULL,"
  "  registered_on INTEGER NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),"
  "  closed_on INTEGER,"
  "  PRIMARY KEY (batch, position),"
  "  UNIQUE (batch, deal_id),"
  "  FOREIGN KEY (batch, partner) REFERENCES partner (batch, id)"
  ") STRICT, WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TD_WORKSPACE_SCHEMA_VERSION);

static TdWorkspace *
workspace_new (const char *path,
               gboolean    writable)
{
  TdWorkspace *workspace = g_new0 (TdWorkspace, 1);

  workspace->path = g_strdup (path);
  workspace->display = g_filename_display_name (path);
  workspace->writable = writable;
  return workspace;
}

void
td_workspace_close (TdWorkspace *workspace)
{
  if (workspace == NULL)
    return;
  /* Every statement is finalized by now, so this closes the file. */
  sqlite3_close_v2 (workspace->db);
  g_clear_pointer (&workspace->now, g_date_time_unref);
  g_free (workspace->path);
  g_free (workspace->display);
  g_free (workspace);
}

const char *
td_workspace_get_path (TdWorkspace *workspace)
{
  g_return_val_if_fail (workspace != NULL, NULL);
  return workspace->path;
}

gboolean
td_workspace_is_writable (TdWorkspace *workspace)
{
  g_return_val_if_fail (workspace != NULL, FALSE);
  return workspace->writable;
}

const char *
td_workspace_get_display_name (TdWorkspace *workspace)
{
  g_return_val_if_fail (workspace != NULL, NULL);
  return workspace->display;
}

sqlite3 *
td_workspace_get_connection (TdWorkspace *workspace)
{
  g_return_val_if_fail (workspace != NULL, NULL);
  return workspace->db;
}

void
td_workspace_set_now (TdWorkspace *workspace,
                      GDateTime   *now)
{
  g_return_if_fail (workspace != NULL);
  g_clear_pointer (&workspace->now, g_date_time_unref);
  if (now != NULL)
    workspace->now = g_date_time_ref (now);
}

static char *
timestamp_now (TdWorkspace *workspace)
{
  g_autoptr(GDateTime) utc = NULL;

  if (workspace->now != NULL)
    utc = g_date_time_to_utc (workspace->now);
  else
    utc = g_date_time_new_now_utc ();
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The GError for a failed SQLite call: the codes a user can act on get a
 * sentence of their own, the rest SQLite's own message. */
static void
set_sqlite_error (TdWorkspace *workspace,
                  int          rc,
                  GError     **error)
{
  const char *detail = workspace->db != NULL ? sqlite3_errmsg (workspace->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_BUSY,
                   _("Workspace “%s” is being changed by another program; try again when it has finished"),
                   workspace->display);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Tierdesk workspace: it is not an SQLite database"),
                   workspace->display);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT,
                   _("Workspace “%s” is damaged: %s"), workspace->display, detail);
      break;
    case SQLITE_READONLY:
      /* A journal of an interrupted change lies beside the file (a crash,
       * or a copy taken mid-change): only a writer can roll it back. */
      if (rc == SQLITE_READONLY_ROLLBACK)
        {
          g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NEEDS_RECOVERY,
                       _("Workspace “%s” holds a change that was interrupted: open it for writing once to undo it"),
                       workspace->display);
          break;
        }
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY,
                   _("Workspace “%s” cannot be changed: %s"), workspace->display, detail);
      break;
    default:
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_FAILED,
                   _("Workspace “%s”: %s"), workspace->display, detail);
      break;
    }
}

static gboolean
exec (TdWorkspace *workspace,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (workspace->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (workspace, rc, error);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (TdWorkspace *workspace,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *statement = NULL;
  int rc = sqlite3_prepare_v2 (workspace->db, sql, -1, &statement, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (workspace, rc, error);
      return NULL;
    }
  return statement;
}

/* sqlite3_step() that turns a failure into @error: SQLITE_ROW, SQLITE_DONE,
 * or -1 on error. */
static int
step (TdWorkspace  *workspace,
      sqlite3_stmt *statement,
      GError      **error)
{
  int rc = sqlite3_step (statement);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  set_sqlite_error (workspace, rc, error);
  return -1;
}

static gboolean
query_int (TdWorkspace *workspace,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (workspace, sql, error);

  if (statement == NULL)
    return FALSE;
  switch (step (workspace, statement, error))
    {
    case SQLITE_ROW:
      *value = sqlite3_column_int64 (statement, 0);
      return TRUE;
    case SQLITE_DONE:
      *value = 0;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Ends the open transaction, if any, without keeping its changes. */
static void
rollback (TdWorkspace *workspace)
{
  if (workspace->db != NULL && !sqlite3_get_autocommit (workspace->db))
    sqlite3_exec (workspace->db, "ROLLBACK", NULL, NULL, NULL);
}

static char *
column_dup (sqlite3_stmt *statement,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (statement, column);

  return text != NULL ? g_strndup ((const char *) text, sqlite3_column_bytes (statement, column)) : NULL;
}

/* Settings of the connection, not of the file: every open repeats them. */
static gboolean
configure_connection (TdWorkspace *workspace,
                      GError     **error)
{
  sqlite3_extended_result_codes (workspace->db, 1);
  sqlite3_busy_timeout (workspace->db, TD_WORKSPACE_BUSY_TIMEOUT_MS);
  /* Workspaces come from shares and e-mail: a crafted file must not reach
   * functions through its schema, nor be able to rewrite the schema. */
  sqlite3_db_config (workspace->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (workspace->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  return exec (workspace, "PRAGMA foreign_keys = ON", error);
}

/* The rollback journal, and a sync at each commit: users copy workspace
 * files and keep them on network shares, where WAL's shared memory does
 * not work and a copy without its -wal file loses data. Only for a
 * connection that writes, after the file is known to be a workspace. */
static gboolean
configure_writing (TdWorkspace *workspace,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (workspace, "PRAGMA journal_mode = DELETE", error);

  if (statement == NULL || step (workspace, statement, error) < 0)
    return FALSE;
  return exec (workspace, "PRAGMA synchronous = FULL", error);
}

static gboolean
open_connection (TdWorkspace *workspace,
                 int          flags,
                 GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (workspace->path, NULL);
  int rc;

  /* An absolute name never starts with "file:", so SQLite never reads it
   * as a URI, whatever its build options. */
  rc = sqlite3_open_v2 (absolute, &workspace->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (workspace, rc, error);
      return FALSE;
    }
  return configure_connection (workspace, error);
}

/* Runs the migration steps from @from to TD_WORKSPACE_SCHEMA_VERSION inside
 * the caller's transaction. */
static gboolean
migrate (TdWorkspace *workspace,
         gint64       from,
         GError     **error)
{
  for (gint64 version = from; version < TD_WORKSPACE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %" PRId64, version + 1);

      if (!exec (workspace, migrations[version], error) || !exec (workspace, set_version, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether the process may write @path: access(2) for everyone, and for
 * root (whom access() always lets write) the file's mode, so that a file
 * marked read-only stays unchanged whoever opens it. */
static gboolean
file_is_writable (const char    *path,
                  const GStatBuf *status)
{
  if (g_access (path, W_OK) != 0)
    return FALSE;
  return (status->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
}

TdWorkspace *
td_workspace_create (const char *path,
                     GError    **error)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autofree char *application_id = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  workspace = workspace_new (path, TRUE);
  /* O_EXCL: of two programs creating the same file, one gets it; and an
   * existing file is never touched. */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_EXISTS,
                     _("Cannot create workspace “%s”: the file already exists"), workspace->display);
      else
        g_set_error (error, TD_WORKSPACE_ERROR,
                     saved_errno == EACCES || saved_errno == EROFS ? TD_WORKSPACE_ERROR_READ_ONLY : TD_WORKSPACE_ERROR_FAILED,
                     _("Cannot create workspace “%s”: %s"), workspace->display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  application_id = g_strdup_printf ("PRAGMA application_id = %d", TD_WORKSPACE_APPLICATION_ID);
  /* The identity and the whole schema in one transaction: the file is a
   * complete workspace or, after a failure, removed. */
  if (!open_connection (workspace, SQLITE_OPEN_READWRITE, error)
      || !configure_writing (workspace, error)
      || !exec (workspace, "BEGIN IMMEDIATE", error)
      || !exec (workspace, application_id, error)
      || !migrate (workspace, 0, error)
      || !exec (workspace, "COMMIT", error))
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      rollback (workspace);
      g_clear_pointer (&workspace, td_workspace_close);
      g_unlink (journal);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&workspace);
}

/* A row of PRAGMA quick_check or integrity_check, without the line naming
 * the schema that SQLite puts before the first. */
static const char *
check_finding (const char *row)
{
  const char *prefix = "*** in database main ***\n";

  if (row == NULL)
    return "";
  return g_str_has_prefix (row, prefix) ? row + strlen (prefix) : row;
}

/* One row of sqlite_schema as a name and the rest in one string, so that
 * two schemas compare with a hash table. */
#define SCHEMA_ROWS \
  "SELECT name, type || char (10) || tbl_name || char (10) || coalesce (sql, '') FROM sqlite_schema"

/* The objects of @db's schema, by name. */
static GHashTable *
schema_objects (sqlite3 *db)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc = sqlite3_prepare_v2 (db, SCHEMA_ROWS, -1, &statement, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      g_hash_table_insert (objects, column_dup (statement, 0), column_dup (statement, 1));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    g_error ("cannot read the schema of a database in memory: %s", sqlite3_errmsg (db));
  return objects;
}

/* The schema objects that the migration steps before each version
 * create, by name; built once. The steps run on an empty database in
 * memory: SQLite keeps the text of each CREATE as it was written, so a
 * file made by them holds the same. Only a lack of memory makes this
 * fail, and GLib aborts on that too. */
static GHashTable *const *
expected_schemas (void)
{
  static GHashTable *schemas[TD_WORKSPACE_SCHEMA_VERSION + 1];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      sqlite3 *memory = NULL;

      if (sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        g_error ("cannot open a database in memory");
      for (guint version = 0; version <= TD_WORKSPACE_SCHEMA_VERSION; version++)
        {
          if (version > 0 && sqlite3_exec (memory, migrations[version - 1], NULL, NULL, NULL) != SQLITE_OK)
            g_error ("migration step %u fails: %s", version - 1, sqlite3_errmsg (memory));
          schemas[version] = schema_objects (memory);
        }
      sqlite3_close (memory);
      g_once_init_leave (&built, 1);
    }
  return schemas;
}

/* Whether the schema is what the migrations made. A shared file may come
 * from anyone, and its schema is code that SQLite runs: a view in place
 * of a table can be an endless recursive query, a trigger can run one at
 * each save, and a table without its NOT NULL columns hands the readers
 * values they never expect. With the tables as made, quick_check holds
 * every row to their NOT NULL, CHECK and type constraints (not to UNIQUE:
 * it does not compare keys). Anything added is refused, even an index or
 * ANALYZE's tables; a missing object is let through: the queries on it
 * fail, and check reports what a missing trigger let in. */
static gboolean
check_schema (TdWorkspace *workspace,
              gint64       version,
              GError     **error)
{
  GHashTable *expected = expected_schemas ()[version];
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc;

  statement = prepare (workspace, SCHEMA_ROWS, error);
  if (statement == NULL)
    return FALSE;
  while ((rc = step (workspace, statement, error)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (statement, 0);
      const char *object = (const char *) sqlite3_column_text (statement, 1);
      const char *made = name != NULL ? g_hash_table_lookup (expected, name) : NULL;

      if (made == NULL || g_strcmp0 (made, object) != 0)
        {
          g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT,
                       _("Workspace “%s” is damaged: its schema holds “%s”, which Tierdesk did not create"),
                       workspace->display, name != NULL ? name : "");
          return FALSE;
        }
    }
  return rc == SQLITE_DONE;
}

/* The checks that need nothing but reading: is this a workspace this build
 * can read, and is it sound. Runs in a read transaction, so it writes
 * nothing, whatever it finds. */
static gboolean
check_identity (TdWorkspace *workspace,
                gboolean     quick_check,
                gint64      *version,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  gint64 application_id;
  const char *first;

  if (!exec (workspace, "BEGIN", error)
      || !query_int (workspace, "PRAGMA application_id", &application_id, error))
    return FALSE;
  if (application_id != TD_WORKSPACE_APPLICATION_ID)
    {
      /* TRANSLATORS: the numbers are PRAGMA application_id values */
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("“%s” is an SQLite database but not a Tierdesk workspace (its application id is %" PRId64 ", not %d)"),
                   workspace->display, application_id, TD_WORKSPACE_APPLICATION_ID);
      return FALSE;
    }
  if (!query_int (workspace, "PRAGMA user_version", version, error))
    return FALSE;
  if (*version > TD_WORKSPACE_SCHEMA_VERSION || *version < 0)
    {
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_TOO_NEW,
                   _("Workspace “%s” was written by a newer Tierdesk (schema version %" PRId64 "; this version reads up to %d): update Tierdesk to open it"),
                   workspace->display, *version, TD_WORKSPACE_SCHEMA_VERSION);
      return FALSE;
    }
  if (!check_schema (workspace, *version, error))
    return FALSE;

  if (!quick_check)
    return exec (workspace, "COMMIT", error);

  /* quick_check reads every page: O(size), but it catches a damaged copy
   * before the user works on it. */
  statement = prepare (workspace, "PRAGMA quick_check (1)", error);
  if (statement == NULL || step (workspace, statement, error) != SQLITE_ROW)
    return FALSE;
  first = (const char *) sqlite3_column_text (statement, 0);
  if (g_strcmp0 (first, "ok") != 0)
    {
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT,
                   _("Workspace “%s” is damaged: %s"), workspace->display, check_finding (first));
      return FALSE;
    }
  g_clear_pointer (&statement, sqlite3_finalize);
  return exec (workspace, "COMMIT", error);
}

static TdWorkspace *
open_workspace (const char *path,
                gboolean    writable,
                gboolean    quick_check,
                GError    **error)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  GStatBuf status;
  gint64 version;

  workspace = workspace_new (path, writable);
  if (g_stat (path, &status) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NOT_FOUND,
                     _("Workspace “%s” does not exist"), workspace->display);
      else
        g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_FAILED,
                     _("Cannot open workspace “%s”: %s"), workspace->display, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (status.st_mode))
    {
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Tierdesk workspace: it is not a file"), workspace->display);
      return NULL;
    }
  if (g_access (path, R_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_FAILED,
                   _("Cannot open workspace “%s”: %s"), workspace->display, g_strerror (saved_errno));
      return NULL;
    }
  if (writable)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (!file_is_writable (path, &status))
        {
          g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY,
                       _("Cannot open workspace “%s” for writing: the file is read-only"), workspace->display);
          return NULL;
        }
      /* The rollback journal is a file beside the workspace. */
      if (g_access (folder, W_OK) != 0)
        {
          g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY,
                       _("Cannot open workspace “%s” for writing: its folder is read-only"), workspace->display);
          return NULL;
        }
    }

  if (!open_connection (workspace, writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, error)
      || !check_identity (workspace, quick_check, &version, error))
    {
      rollback (workspace);
      return NULL;
    }
  if (!writable)
    {
      if (version < TD_WORKSPACE_SCHEMA_VERSION)
        {
          g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NEEDS_UPGRADE,
                       _("Workspace “%s” was written by an older Tierdesk (schema version %" PRId64 ") and must be upgraded to version %d: open it for writing once"),
                       workspace->display, version, TD_WORKSPACE_SCHEMA_VERSION);
          return NULL;
        }
      return g_steal_pointer (&workspace);
    }

  /* BEGIN IMMEDIATE takes the write lock now, so that a file another
   * program is writing to is refused at once rather than at the first
   * save. The version is read again under the lock: another Tierdesk may
   * have upgraded the file since. The first read rolled back the journal
   * of an interrupted import; under the lock its rejects file is put
   * right too. */
  if (!configure_writing (workspace, error)
      || !exec (workspace, "BEGIN IMMEDIATE", error)
      || !query_int (workspace, "PRAGMA user_version", &version, error)
      || (version < TD_WORKSPACE_SCHEMA_VERSION && !migrate (workspace, version, error)))
    {
      rollback (workspace);
      return NULL;
    }
  td_workspace_recover_rejects (workspace);
  if (!exec (workspace, "COMMIT", error))
    {
      rollback (workspace);
      return NULL;
    }
  return g_steal_pointer (&workspace);
}

TdWorkspace *
td_workspace_open (const char *path,
                   gboolean    writable,
                   GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_workspace (path, writable, TRUE, error);
}

TdWorkspace *
td_workspace_open_for_check (const char *path,
                             GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_workspace (path, FALSE, FALSE, error);
}

gboolean
td_workspace_require_writable (TdWorkspace *workspace,
                               GError     **error)
{
  g_return_val_if_fail (workspace != NULL, FALSE);

  if (workspace->writable)
    return TRUE;
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY,
               _("Workspace “%s” was opened read-only"), workspace->display);
  return FALSE;
}

/* The program as it will be stored: read back from its canonical JSON, so
 * that the copy is exactly what the file will hold and its version can be
 * set without touching the caller's program. Problems go to @problems. */
static TdProgram *
storage_copy (const TdProgram *program,
              TdProblems      *problems)
{
  g_autofree char *json = td_program_to_json (program);
  g_autoptr(TdProgram) copy = td_program_read_data (json, strlen (json), problems);

  if (copy == NULL || td_problems_count (problems, TD_SEVERITY_ERROR) > 0)
    return NULL;
  return g_steal_pointer (&copy);
}

static void
set_invalid_program_error (TdWorkspace      *workspace,
                           const TdProgram  *program,
                           const TdProblems *problems,
                           GError          **error)
{
  guint n_errors = td_problems_count (problems, TD_SEVERITY_ERROR);
  const TdProblem *first = NULL;
  g_autofree char *where = NULL;

  for (guint i = 0; i < td_problems_get_n (problems) && first == NULL; i++)
    if (td_problems_get (problems, i)->severity == TD_SEVERITY_ERROR)
      first = td_problems_get (problems, i);
  g_assert (first != NULL);
  where = first->path != NULL ? g_strdup_printf ("%s: %s", first->path, first->message) : g_strdup (first->message);
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_INVALID_PROGRAM,
               g_dngettext (GETTEXT_PACKAGE,
                            "Cannot save program “%s” in “%s”: it has %u error: %s",
                            "Cannot save program “%s” in “%s”: it has %u errors, the first: %s",
                            n_errors),
               program->id != NULL ? program->id : "", workspace->display, n_errors, where);
}

/* The number of the latest version of @program_id, 0 when none. */
static gboolean
latest_number (TdWorkspace *workspace,
               const char  *program_id,
               guint       *number,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (workspace,
                                               "SELECT max (number) FROM program_version WHERE program_id = ?1",
                                               error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, program_id, -1, SQLITE_STATIC);
  if (step (workspace, statement, error) != SQLITE_ROW)
    return FALSE;
  *number = (guint) sqlite3_column_int64 (statement, 0);
  return TRUE;
}

static char *
stored_json (TdWorkspace *workspace,
             const char  *program_id,
             guint        number,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (workspace,
                                               "SELECT canonical_json FROM program_version"
                                               " WHERE program_id = ?1 AND number = ?2",
                                               error);

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, program_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 2, number);
  switch (step (workspace, statement, error))
    {
    case SQLITE_ROW:
      return column_dup (statement, 0);
    case SQLITE_DONE:
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_VERSION,
                   _("Program “%s” in workspace “%s” has no version %u"), program_id, workspace->display, number);
      return NULL;
    default:
      return NULL;
    }
}

static gboolean
insert_version (TdWorkspace     *workspace,
                const TdProgram *copy,
                const char      *json,
                const char      *note,
                GError         **error)
{
  g_autoptr(sqlite3_stmt) program_row = NULL;
  g_autoptr(sqlite3_stmt) version_row = NULL;
  g_autofree char *now = timestamp_now (workspace);

  program_row = prepare (workspace, "INSERT INTO program (id) VALUES (?1) ON CONFLICT DO NOTHING", error);
  if (program_row == NULL)
    return FALSE;
  sqlite3_bind_text (program_row, 1, copy->id, -1, SQLITE_STATIC);
  if (step (workspace, program_row, error) < 0)
    return FALSE;

  version_row = prepare (workspace,
                         "INSERT INTO program_version (program_id, number, canonical_json, name, vendor,"
                         "                             currency, note, author, created_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                         error);
  if (version_row == NULL)
    return FALSE;
  sqlite3_bind_text (version_row, 1, copy->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (version_row, 2, copy->version);
  sqlite3_bind_text (version_row, 3, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (version_row, 4, copy->name, -1, SQLITE_STATIC);
  /* Unbound parameters are NULL: no vendor, no note. */
  if (copy->vendor != NULL)
    sqlite3_bind_text (version_row, 5, copy->vendor, -1, SQLITE_STATIC);
  sqlite3_bind_text (version_row, 6, copy->currency, -1, SQLITE_STATIC);
  if (note != NULL && note[0] != '\0')
    sqlite3_bind_text (version_row, 7, note, -1, SQLITE_STATIC);
  sqlite3_bind_text (version_row, 8, g_get_user_name (), -1, SQLITE_STATIC);
  sqlite3_bind_text (version_row, 9, now, -1, SQLITE_STATIC);
  return step (workspace, version_row, error) == SQLITE_DONE;
}

gboolean
td_workspace_save_version (TdWorkspace     *workspace,
                           const TdProgram *program,
                           const char      *note,
                           guint           *number_out,
                           GError         **error)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) copy = NULL;
  g_autofree char *json = NULL;
  guint latest;

  g_return_val_if_fail (workspace != NULL, FALSE);
  g_return_val_if_fail (program != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!td_workspace_require_writable (workspace, error))
    return FALSE;
  td_program_validate (program, problems);
  if (td_problems_count (problems, TD_SEVERITY_ERROR) == 0)
    copy = storage_copy (program, problems);
  if (copy == NULL)
    {
      set_invalid_program_error (workspace, program, problems, error);
      return FALSE;
    }

  if (!exec (workspace, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!latest_number (workspace, copy->id, &latest, error))
    goto failed;
  if (latest > 0)
    {
      g_autofree char *latest_json = stored_json (workspace, copy->id, latest, error);
      g_autofree char *as_latest = NULL;

      if (latest_json == NULL)
        goto failed;
      /* Written with the latest version's number, the program is the same
       * bytes exactly when nothing but "version" differs. */
      copy->version = latest;
      as_latest = td_program_to_json (copy);
      if (strcmp (as_latest, latest_json) == 0)
        {
          g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_UNCHANGED,
                       _("Program “%s” is unchanged since version %u: nothing saved"), copy->id, latest);
          goto failed;
        }
    }
  copy->version = (gint64) latest + 1;
  json = td_program_to_json (copy);
  if (!insert_version (workspace, copy, json, note, error)
      || !exec (workspace, "COMMIT", error))
    goto failed;

  if (number_out != NULL)
    *number_out = latest + 1;
  return TRUE;

failed:
  rollback (workspace);
  return FALSE;
}

void
td_program_summary_free (TdProgramSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->id);
  g_free (summary->name);
  g_free (summary->vendor);
  g_free (summary->currency);
  g_free (summary->saved_at);
  g_free (summary);
}

void
td_version_info_free (TdVersionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->program_id);
  g_free (info->saved_at);
  g_free (info->author);
  g_free (info->note);
  g_free (info);
}

GPtrArray *
td_workspace_list_programs (TdWorkspace *workspace,
                            GError     **error)
{
  g_autoptr(GPtrArray) programs = g_ptr_array_new_with_free_func ((GDestroyNotify) td_program_summary_free);
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = prepare (workspace,
                       "SELECT v.program_id, v.name, v.vendor, v.currency, v.number, v.created_at"
                       " FROM program_version AS v"
                       " JOIN (SELECT program_id, max (number) AS number FROM program_version"
                       "       GROUP BY program_id) AS latest USING (program_id, number)"
                       " ORDER BY v.program_id",
                       error);
  if (statement == NULL)
    return NULL;
  while ((rc = step (workspace, statement, error)) == SQLITE_ROW)
    {
      TdProgramSummary *summary = g_new0 (TdProgramSummary, 1);

      summary->id = column_dup (statement, 0);
      summary->name = column_dup (statement, 1);
      summary->vendor = column_dup (statement, 2);
      summary->currency = column_dup (statement, 3);
      summary->latest_version = (guint) sqlite3_column_int64 (statement, 4);
      summary->saved_at = column_dup (statement, 5);
      g_ptr_array_add (programs, summary);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&programs) : NULL;
}

static void
set_no_program_error (TdWorkspace *workspace,
                      const char  *program_id,
                      GError     **error)
{
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_PROGRAM,
               _("Workspace “%s” has no program “%s”"), workspace->display, program_id);
}

GPtrArray *
td_workspace_list_versions (TdWorkspace *workspace,
                            const char  *program_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) td_version_info_free);
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (program_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = prepare (workspace,
                       "SELECT number, created_at, author, note FROM program_version"
                       " WHERE program_id = ?1 ORDER BY number",
                       error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, program_id, -1, SQLITE_STATIC);
  while ((rc = step (workspace, statement, error)) == SQLITE_ROW)
    {
      TdVersionInfo *info = g_new0 (TdVersionInfo, 1);

      info->program_id = g_strdup (program_id);
      info->number = (guint) sqlite3_column_int64 (statement, 0);
      info->saved_at = column_dup (statement, 1);
      info->author = column_dup (statement, 2);
      info->note = column_dup (statement, 3);
      g_ptr_array_add (versions, info);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  /* Every program has a version 1, so no rows means no program. */
  if (versions->len == 0)
    {
      set_no_program_error (workspace, program_id, error);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

char *
td_workspace_get_version_json (TdWorkspace *workspace,
                               const char  *program_id,
                               guint        number,
                               GError     **error)
{
  guint latest;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (program_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Versions are never removed, so the latest number read here is still
   * there when the row is read. */
  if (!latest_number (workspace, program_id, &latest, error))
    return NULL;
  if (latest == 0)
    {
      set_no_program_error (workspace, program_id, error);
      return NULL;
    }
  if (number > latest)
    {
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_VERSION,
                   _("Program “%s” in workspace “%s” has no version %u (the latest is %u)"),
                   program_id, workspace->display, number, latest);
      return NULL;
    }
  return stored_json (workspace, program_id, number != 0 ? number : latest, error);
}

/* ---- drafts ----------------------------------------------------------- */

void
td_draft_free (TdDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->program_id);
  g_free (draft->json);
  g_free (draft->saved_at);
  g_free (draft);
}

gboolean
td_workspace_save_draft (TdWorkspace *workspace,
                         const char  *program_id,
                         guint        base_version,
                         const char  *json,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (workspace != NULL, FALSE);
  g_return_val_if_fail (program_id != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!td_workspace_require_writable (workspace, error))
    return FALSE;
  statement = prepare (workspace,
                       "INSERT INTO draft (program_id, base_version, json, saved_at) VALUES (?1, ?2, ?3, ?4)"
                       " ON CONFLICT (program_id) DO UPDATE SET base_version = excluded.base_version,"
                       " json = excluded.json, saved_at = excluded.saved_at",
                       error);
  if (statement == NULL)
    return FALSE;
  now = timestamp_now (workspace);
  sqlite3_bind_text (statement, 1, program_id, -1, SQLITE_STATIC);
  if (base_version > 0)
    sqlite3_bind_int64 (statement, 2, base_version);
  sqlite3_bind_text (statement, 3, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, now, -1, SQLITE_STATIC);
  /* One statement is its own transaction: the draft before is replaced
   * whole or kept. */
  return step (workspace, statement, error) == SQLITE_DONE;
}

static TdDraft *
draft_from_row (sqlite3_stmt *statement)
{
  TdDraft *draft = g_new0 (TdDraft, 1);

  draft->program_id = column_dup (statement, 0);
  draft->base_version = (guint) sqlite3_column_int64 (statement, 1);
  draft->json = column_dup (statement, 2);
  draft->saved_at = column_dup (statement, 3);
  return draft;
}

TdDraft *
td_workspace_get_draft (TdWorkspace *workspace,
                        const char  *program_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (program_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = prepare (workspace,
                       "SELECT program_id, base_version, json, saved_at FROM draft WHERE program_id = ?1",
                       error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, program_id, -1, SQLITE_STATIC);
  if (step (workspace, statement, error) != SQLITE_ROW)
    return NULL;
  return draft_from_row (statement);
}

GPtrArray *
td_workspace_list_drafts (TdWorkspace *workspace,
                          GError     **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) td_draft_free);
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = prepare (workspace,
                       "SELECT program_id, base_version, json, saved_at FROM draft ORDER BY program_id",
                       error);
  if (statement == NULL)
    return NULL;
  while ((rc = step (workspace, statement, error)) == SQLITE_ROW)
    g_ptr_array_add (drafts, draft_from_row (statement));
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&drafts);
}

gboolean
td_workspace_discard_draft (TdWorkspace *workspace,
                            const char  *program_id,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;

  g_return_val_if_fail (workspace != NULL, FALSE);
  g_return_val_if_fail (program_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!td_workspace_require_writable (workspace, error))
    return FALSE;
  statement = prepare (workspace, "DELETE FROM draft WHERE program_id = ?1", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, program_id, -1, SQLITE_STATIC);
  return step (workspace, statement, error) == SQLITE_DONE;
}

/* ---- check ------------------------------------------------------------ */

void
td_workspace_check_free (TdWorkspaceCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->integrity, g_ptr_array_unref);
  g_clear_pointer (&check->foreign_keys, g_ptr_array_unref);
  g_clear_pointer (&check->versions, g_ptr_array_unref);
  g_clear_pointer (&check->batches, g_ptr_array_unref);
  g_free (check);
}

gboolean
td_workspace_check_passed (const TdWorkspaceCheck *check)
{
  g_return_val_if_fail (check != NULL, FALSE);
  return check->integrity->len == 0 && check->foreign_keys->len == 0 && check->versions->len == 0
         && check->batches->len == 0;
}

static gboolean
check_integrity (TdWorkspace      *workspace,
                 TdWorkspaceCheck *check,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (workspace, "PRAGMA integrity_check", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (statement, 0);

      g_auto(GStrv) lines = NULL;

      if (g_strcmp0 (row, "ok") == 0)
        continue;
      /* A row may hold several findings, a line each. */
      lines = g_strsplit (check_finding (row), "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_ptr_array_add (check->integrity, g_strdup (lines[i]));
    }
  /* Damage that stops the check is one more finding, not a failure to
   * check. */
  if ((rc & 0xff) == SQLITE_CORRUPT)
    g_ptr_array_add (check->integrity,
                     g_strdup_printf (_("the check stopped early: %s"), sqlite3_errmsg (workspace->db)));
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (workspace, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_foreign_keys (TdWorkspace      *workspace,
                    TdWorkspaceCheck *check,
                    GError          **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (workspace, "PRAGMA foreign_key_check", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  while ((rc = step (workspace, statement, error)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (statement, 0);
      const char *parent = (const char *) sqlite3_column_text (statement, 2);

      /* The data tables are WITHOUT ROWID: no number to give. */
      if (sqlite3_column_type (statement, 1) == SQLITE_NULL)
        /* TRANSLATORS: a row of TABLE refers to a row missing from TABLE */
        g_ptr_array_add (check->foreign_keys,
                         g_strdup_printf (_("a row of %s refers to a row missing from %s"), table, parent));
      else
        /* TRANSLATORS: TABLE row ROWID refers to a row missing from TABLE */
        g_ptr_array_add (check->foreign_keys,
                         g_strdup_printf (_("%s row %" PRId64 " refers to a row missing from %s"),
                                          table, (gint64) sqlite3_column_int64 (statement, 1), parent));
    }
  return rc == SQLITE_DONE;
}

/* Each stored program is readable and says what its row says: the other
 * columns are copies of it, and the file may have been edited by hand. */
static gboolean
check_versions (TdWorkspace      *workspace,
                TdWorkspaceCheck *check,
                GError          **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autoptr(sqlite3_stmt) numbering = NULL;
  int rc;

  statement = prepare (workspace,
                       "SELECT program_id, number, canonical_json, name, vendor, currency"
                       " FROM program_version ORDER BY program_id, number",
                       error);
  if (statement == NULL)
    return FALSE;
  while ((rc = step (workspace, statement, error)) == SQLITE_ROW)
    {
      const char *program_id = (const char *) sqlite3_column_text (statement, 0);
      guint number = (guint) sqlite3_column_int64 (statement, 1);
      const char *json = (const char *) sqlite3_column_text (statement, 2);
      g_autoptr(TdProblems) problems = td_problems_new ();
      g_autoptr(TdProgram) program = NULL;

      if (json != NULL)
        program = td_program_read_data (json, sqlite3_column_bytes (statement, 2), problems);
      if (program == NULL || td_problems_count (problems, TD_SEVERITY_ERROR) > 0)
        g_ptr_array_add (check->versions,
                         g_strdup_printf (_("%s version %u: the stored JSON is not a readable program"),
                                          program_id, number));
      else if (g_strcmp0 (program->id, program_id) != 0)
        g_ptr_array_add (check->versions,
                         g_strdup_printf (_("%s version %u: the stored program has id “%s”"),
                                          program_id, number, program->id));
      else if (program->version != number)
        g_ptr_array_add (check->versions,
                         g_strdup_printf (_("%s version %u: the stored program has version %" PRId64),
                                          program_id, number, program->version));
      else if (g_strcmp0 (program->name, (const char *) sqlite3_column_text (statement, 3)) != 0
               || g_strcmp0 (program->vendor, (const char *) sqlite3_column_text (statement, 4)) != 0
               || g_strcmp0 (program->currency, (const char *) sqlite3_column_text (statement, 5)) != 0)
        g_ptr_array_add (check->versions,
                         g_strdup_printf (_("%s version %u: the name, vendor or currency columns differ from the stored program"),
                                          program_id, number));
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  numbering = prepare (workspace,
                       "SELECT p.id, count (v.number), coalesce (max (v.number), 0)"
                       " FROM program AS p LEFT JOIN program_version AS v ON v.program_id = p.id"
                       " GROUP BY p.id HAVING count (v.number) = 0 OR count (v.number) <> max (v.number)"
                       " ORDER BY p.id",
                       error);
  if (numbering == NULL)
    return FALSE;
  while ((rc = step (workspace, numbering, error)) == SQLITE_ROW)
    {
      const char *program_id = (const char *) sqlite3_column_text (numbering, 0);
      guint count = (guint) sqlite3_column_int64 (numbering, 1);
      guint latest = (guint) sqlite3_column_int64 (numbering, 2);

      if (count == 0)
        g_ptr_array_add (check->versions,
                         g_strdup_printf (_("program “%s” has no version"), program_id));
      else
        g_ptr_array_add (check->versions,
                         g_strdup_printf (_("program “%s” has %u versions but its latest is number %u"),
                                          program_id, count, latest));
    }
  return rc == SQLITE_DONE;
}

/* The table each imported file fills, in the order of FORMAT.md §3. */
static const struct
{
  const char *file;
  const char *table;
} imported_tables[] = {
  { "partners.csv", "partner" },
  { "products.csv", "product" },
  { "sales.csv", "sale" },
  { "certifications.csv", "certification" },
  { "deals.csv", "deal" },
};

/* The rows of the data set in use, and for every batch that its tables
 * hold as many rows as the import recorded: an import writes both in one
 * transaction, so a difference means the file was changed by another
 * tool. */
static gboolean
check_batches (TdWorkspace      *workspace,
               TdWorkspaceCheck *check,
               GError          **error)
{
  guint64 *counts[G_N_ELEMENTS (imported_tables)] = {
    &check->n_partners, &check->n_products, &check->n_sales, &check->n_certifications, &check->n_deals
  };
  gint64 value;

  if (!query_int (workspace, "SELECT count (*) FROM import_batch", &value, error))
    return FALSE;
  check->n_batches = (guint) value;
  if (!td_workspace_current_batch (workspace, &check->current_batch, error))
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (imported_tables); t++)
    {
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) statement = NULL;
      int rc;

      /* Table names come from the list above, never from the file. */
      sql = g_strdup_printf ("SELECT b.id, coalesce (f.rows, 0),"
                             "       (SELECT count (*) FROM %s AS r WHERE r.batch = b.id)"
                             " FROM import_batch AS b"
                             " LEFT JOIN import_file AS f ON f.batch = b.id AND f.name = ?1"
                             " ORDER BY b.id",
                             imported_tables[t].table);
      statement = prepare (workspace, sql, error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_text (statement, 1, imported_tables[t].file, -1, SQLITE_STATIC);
      while ((rc = step (workspace, statement, error)) == SQLITE_ROW)
        {
          guint64 batch = (guint64) sqlite3_column_int64 (statement, 0);
          gint64 recorded = sqlite3_column_int64 (statement, 1);
          gint64 stored = sqlite3_column_int64 (statement, 2);

          if (batch == check->current_batch)
            *counts[t] = (guint64) stored;
          if (recorded != stored)
            /* TRANSLATORS: import batch 3: sales.csv imported 200 rows, the workspace holds 199 */
            g_ptr_array_add (check->batches,
                             g_strdup_printf (_("import batch %" PRIu64 ": %s imported %" PRId64 " rows, the workspace holds %" PRId64),
                                              batch, imported_tables[t].file, recorded, stored));
        }
      if (rc != SQLITE_DONE)
        return FALSE;
    }
  return TRUE;
}

TdWorkspaceCheck *
td_workspace_check (TdWorkspace *workspace,
                    GError     **error)
{
  g_autoptr(TdWorkspaceCheck) check = g_new0 (TdWorkspaceCheck, 1);
  gint64 value;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  check->integrity = g_ptr_array_new_with_free_func (g_free);
  check->foreign_keys = g_ptr_array_new_with_free_func (g_free);
  check->versions = g_ptr_array_new_with_free_func (g_free);
  check->batches = g_ptr_array_new_with_free_func (g_free);

  /* One read transaction: every figure describes the same state. */
  if (!exec (workspace, "BEGIN", error)
      || !query_int (workspace, "PRAGMA user_version", &value, error))
    goto failed;
  check->schema_version = (int) value;
  if (!check_integrity (workspace, check, error))
    goto failed;
  /* Past a damaged b-tree the queries below would only fail on it. */
  if (check->integrity->len == 0)
    {
      if (!check_foreign_keys (workspace, check, error)
          || !query_int (workspace, "SELECT count (*) FROM program", &value, error))
        goto failed;
      check->n_programs = (guint) value;
      if (!query_int (workspace, "SELECT count (*) FROM program_version", &value, error))
        goto failed;
      check->n_versions = (guint) value;
      if (!query_int (workspace, "SELECT count (*) FROM draft", &value, error))
        goto failed;
      check->n_drafts = (guint) value;
      if (!check_versions (workspace, check, error)
          || !check_batches (workspace, check, error))
        goto failed;
    }
  /* Nothing was written, and after damage SQLite may refuse a COMMIT. */
  rollback (workspace);
  return g_steal_pointer (&check);

failed:
  rollback (workspace);
  return NULL;
}

char *
td_workspace_timestamp_now (TdWorkspace *workspace)
{
  g_return_val_if_fail (workspace != NULL, NULL);
  return timestamp_now (workspace);
}

void
td_workspace_set_sqlite_error (TdWorkspace *workspace,
                               int          rc,
                               GError     **error)
{
  g_return_if_fail (workspace != NULL);
  set_sqlite_error (workspace, rc, error);
}
