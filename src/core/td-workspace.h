/* td-workspace.h — the workspace: one SQLite file of programs and their versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace holds each program as a list of immutable versions, stored as
 * canonical JSON, and the drafts of unsaved edits. docs/workspace.md
 * describes the file: schema, pragmas, migrations and the decisions taken.
 *
 * A TdWorkspace is one connection to the file; use it from one thread at a
 * time. Every function that fails leaves the file as it was.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "td-program.h"

G_BEGIN_DECLS

/* PRAGMA application_id of every workspace: the bytes "TDSK" read as a
 * big-endian integer, so that file(1) and Tierdesk can tell a workspace
 * from any other SQLite database. */
#define TD_WORKSPACE_APPLICATION_ID 0x5444534B

/* PRAGMA user_version written by this build: the number of migration steps
 * it knows (docs/workspace.md, "Migrations"). */
#define TD_WORKSPACE_SCHEMA_VERSION 2

/* How long to wait for another program's write to finish before giving up
 * with TD_WORKSPACE_ERROR_BUSY: short, since a user is waiting. */
#define TD_WORKSPACE_BUSY_TIMEOUT_MS 1000

#define TD_WORKSPACE_ERROR (td_workspace_error_quark ())

typedef enum
{
  TD_WORKSPACE_ERROR_NOT_FOUND,       /* the file does not exist */
  TD_WORKSPACE_ERROR_EXISTS,          /* create: the file already exists */
  TD_WORKSPACE_ERROR_NOT_DATABASE,    /* not an SQLite database */
  TD_WORKSPACE_ERROR_NOT_WORKSPACE,   /* an SQLite database of another application */
  TD_WORKSPACE_ERROR_TOO_NEW,         /* written by a newer Tierdesk */
  TD_WORKSPACE_ERROR_NEEDS_UPGRADE,   /* older schema, opened read-only */
  TD_WORKSPACE_ERROR_NEEDS_RECOVERY,  /* an interrupted change, opened read-only */
  TD_WORKSPACE_ERROR_READ_ONLY,       /* opened for writing, cannot write */
  TD_WORKSPACE_ERROR_CORRUPT,         /* damaged file */
  TD_WORKSPACE_ERROR_BUSY,            /* another program is writing to it */
  TD_WORKSPACE_ERROR_INVALID_PROGRAM, /* save: the program has errors */
  TD_WORKSPACE_ERROR_UNCHANGED,       /* save: same as the latest version */
  TD_WORKSPACE_ERROR_NO_PROGRAM,      /* no program with that id */
  TD_WORKSPACE_ERROR_NO_VERSION,      /* the program has no such version */
  TD_WORKSPACE_ERROR_FAILED,          /* any other SQLite or system error */
  TD_WORKSPACE_ERROR_INVALID_DATA,    /* import: the CSV folder has errors */
  TD_WORKSPACE_ERROR_NO_DATA,         /* no data set imported yet */
  TD_WORKSPACE_ERROR_NO_BATCH,        /* undo: no such import batch */
} TdWorkspaceError;

GQuark td_workspace_error_quark (void);

typedef struct _TdWorkspace TdWorkspace;

/* One row of td_workspace_list_programs(): a program as of its latest
 * version. */
typedef struct
{
  char  *id;
  char  *name;
  char  *vendor;              /* NULL when the program has none */
  char  *currency;
  guint  latest_version;
  char  *saved_at;            /* of the latest version, "2024-05-01T09:30:00Z" */
} TdProgramSummary;

/* One row of td_workspace_list_versions(). */
typedef struct
{
  char  *program_id;
  guint  number;
  char  *saved_at;            /* UTC, "2024-05-01T09:30:00Z" */
  char  *author;
  char  *note;                /* NULL when none was given */
} TdVersionInfo;

/* The unsaved state of a program being edited (td_workspace_save_draft). */
typedef struct
{
  char  *program_id;
  guint  base_version;        /* the version the edit started from; 0: none */
  char  *json;                /* the program as edited: may be invalid */
  char  *saved_at;            /* UTC, "2024-05-01T09:30:00Z" */
} TdDraft;

/* What td_workspace_check() found. The file is sound when every GPtrArray
 * is empty. */
typedef struct
{
  int        schema_version;
  guint      n_programs;
  guint      n_versions;
  guint      n_drafts;
  guint      n_batches;       /* import batches kept */
  guint64    current_batch;   /* the data set in use; 0: none */
  guint64    n_partners;      /* rows of the data set in use */
  guint64    n_products;
  guint64    n_sales;
  guint64    n_certifications;
  guint64    n_deals;
  GPtrArray *integrity;       /* char *: PRAGMA integrity_check messages */
  GPtrArray *foreign_keys;    /* char *: PRAGMA foreign_key_check rows */
  GPtrArray *versions;        /* char *: stored JSON that contradicts its row */
  GPtrArray *batches;         /* char *: import_file counts that contradict the rows */
} TdWorkspaceCheck;

/* Creates a new workspace file; refuses to replace an existing file. */
TdWorkspace  *td_workspace_create         (const char      *path,
                                           GError         **error);
/* Opens an existing workspace. Opening for writing upgrades an older
 * schema (in one transaction) and fails with TD_WORKSPACE_ERROR_BUSY while
 * another program is writing to the file. */
TdWorkspace  *td_workspace_open           (const char      *path,
                                           gboolean         writable,
                                           GError         **error);
/* Opens read-only without PRAGMA quick_check, so that td_workspace_check()
 * can report everything wrong with a damaged file. */
TdWorkspace  *td_workspace_open_for_check (const char      *path,
                                           GError         **error);
void          td_workspace_close          (TdWorkspace     *workspace);

const char   *td_workspace_get_path       (TdWorkspace     *workspace);
gboolean      td_workspace_is_writable    (TdWorkspace     *workspace);

/* TRUE when opened for writing; else FALSE with READ_ONLY ("Workspace “F”
 * was opened read-only"), for every function that writes. */
gboolean      td_workspace_require_writable (TdWorkspace   *workspace,
                                           GError         **error);

/* The connection, for the other parts of the workspace layer (imports)
 * and tests; valid until td_workspace_close(). */
sqlite3      *td_workspace_get_connection (TdWorkspace     *workspace);
/* The file's name for messages. */
const char   *td_workspace_get_display_name (TdWorkspace   *workspace);
/* "2024-05-01T09:30:00Z" of td_workspace_set_now() or the clock. */
char         *td_workspace_timestamp_now  (TdWorkspace     *workspace);
/* The TD_WORKSPACE_ERROR for a failed SQLite call on the connection. */
void          td_workspace_set_sqlite_error (TdWorkspace   *workspace,
                                           int              rc,
                                           GError         **error);

/* The time stamps written from now on (NULL: the system clock again); for
 * tests and reproducible demo workspaces. */
void          td_workspace_set_now        (TdWorkspace     *workspace,
                                           GDateTime       *now);

/* Saves @program as its next version (1, 2, 3… per program id). The stored
 * canonical JSON has its "version" member set to that number, whatever
 * @program->version is. Refuses a program with validation errors
 * (INVALID_PROGRAM) and one whose canonical JSON is the latest version's
 * apart from "version" (UNCHANGED). @note may be NULL. */
gboolean      td_workspace_save_version   (TdWorkspace     *workspace,
                                           const TdProgram *program,
                                           const char      *note,
                                           guint           *number_out,
                                           GError         **error);

/* TdProgramSummary, sorted by program id. */
GPtrArray    *td_workspace_list_programs  (TdWorkspace     *workspace,
                                           GError         **error);
/* TdVersionInfo, oldest first; NO_PROGRAM for an unknown id. */
GPtrArray    *td_workspace_list_versions  (TdWorkspace     *workspace,
                                           const char      *program_id,
                                           GError         **error);
/* The stored bytes of a version (@number 0: the latest). */
char         *td_workspace_get_version_json (TdWorkspace   *workspace,
                                           const char      *program_id,
                                           guint            number,
                                           GError         **error);

/* Keeps @json as the draft of @program_id, replacing the one before; the
 * text is stored as given (an edit may be invalid). Saving a version does
 * not remove the draft: the caller discards it once the version holds its
 * content, so that a version saved by another program never takes away
 * someone's unsaved edits. */
gboolean      td_workspace_save_draft     (TdWorkspace     *workspace,
                                           const char      *program_id,
                                           guint            base_version,
                                           const char      *json,
                                           GError         **error);
/* The draft of @program_id, or NULL without an error when there is none. */
TdDraft      *td_workspace_get_draft      (TdWorkspace     *workspace,
                                           const char      *program_id,
                                           GError         **error);
/* TdDraft, sorted by program id. */
GPtrArray    *td_workspace_list_drafts    (TdWorkspace     *workspace,
                                           GError         **error);
/* Removes the draft of @program_id; no draft is not an error. */
gboolean      td_workspace_discard_draft  (TdWorkspace     *workspace,
                                           const char      *program_id,
                                           GError         **error);

/* PRAGMA integrity_check and foreign_key_check, the schema version, the
 * counts, whether each stored version holds the program id and
 * version number of its row, and whether each import batch holds the rows
 * its import_file rows count; past a failed integrity check only that is
 * reported (the counts stay 0). Returns NULL only when the checks could
 * not run. */
TdWorkspaceCheck *td_workspace_check      (TdWorkspace     *workspace,
                                           GError         **error);

void          td_program_summary_free     (TdProgramSummary *summary);
void          td_version_info_free        (TdVersionInfo    *info);
void          td_draft_free               (TdDraft          *draft);
void          td_workspace_check_free     (TdWorkspaceCheck *check);
gboolean      td_workspace_check_passed   (const TdWorkspaceCheck *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdWorkspace, td_workspace_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdProgramSummary, td_program_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdVersionInfo, td_version_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDraft, td_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdWorkspaceCheck, td_workspace_check_free)

G_END_DECLS
