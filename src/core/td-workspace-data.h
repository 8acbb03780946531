/* td-workspace-data.h — imported data sets in a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import reads a folder of CSV files (FORMAT.md §3) with the reader of
 * `simulate --data` and writes it as one batch, in one transaction. The
 * data set in use is the latest batch's; undoing a batch brings back the
 * one before. docs/workspace.md, "Schema version 2", has the decisions.
 */
#pragma once

#include "td-dataset-loader.h"
#include "td-problems.h"
#include "td-workspace.h"

G_BEGIN_DECLS

/* One row of import_file. */
typedef struct
{
  char    *name;             /* "sales.csv" */
  guint64  size;             /* bytes */
  char    *sha256;           /* 64 lower-case hex digits */
  guint64  rows;             /* rows imported */
  guint64  rejected;         /* rows left out (skip_invalid) */
} TdImportFile;

/* One row of import_batch, with its files' totals. */
typedef struct
{
  guint64   id;
  char     *kinds;            /* the files imported: "partners,products,sales" */
  char     *source;           /* the folder imported */
  gboolean  skip_invalid;
  char     *author;
  char     *created_at;       /* UTC, "2024-05-01T09:30:00Z" */
  guint64   rows;             /* rows imported, all files */
  guint64   rejected;         /* rows left out, all files */
} TdImportBatch;

/* The data set in use at a glance (the app's sidebar). */
typedef struct
{
  guint64 batch;              /* 0: nothing imported */
  char   *imported_at;        /* of the batch, UTC; NULL when none */
  guint64 n_partners;
  guint64 n_products;
  guint64 n_sales;
  TdDate  first_sale;         /* the period the sales cover; 0 when none */
  TdDate  last_sale;
} TdDataSummary;

/* Imports @dir as a new batch that replaces the data set in use. Without
 * skip_invalid any problem imports nothing (INVALID_DATA, the problems in
 * @problems); with it, rejected rows go to td_workspace_rejects_path().
 * A failed or cancelled import (G_IO_ERROR_CANCELLED) changes nothing. */
gboolean   td_workspace_import_dir       (TdWorkspace         *workspace,
                                          const char          *dir,
                                          const TdLoadOptions *options,
                                          TdProblems          *problems,
                                          guint64             *batch_out,
                                          GError             **error);
/* Where the rejected rows of @batch are written: beside the workspace,
 * "NAME.tierdesk-rejects-BATCH.csv". */
char      *td_workspace_rejects_path     (TdWorkspace         *workspace,
                                          guint64              batch);
/* Finishes what an import killed around its COMMIT left of its rejects
 * file: renames the temporary file of a batch that exists, removes those
 * of batches that do not. Call only with the write lock held
 * (td_workspace_open() does, after rolling back the journal). */
void       td_workspace_recover_rejects  (TdWorkspace         *workspace);
/* TdImportFile of @batch, by name; NO_BATCH for an unknown one. */
GPtrArray *td_workspace_list_import_files (TdWorkspace        *workspace,
                                          guint64              batch,
                                          GError             **error);
/* TdImportBatch, oldest first; the last is the one in use. */
GPtrArray *td_workspace_list_batches     (TdWorkspace         *workspace,
                                          GError             **error);
/* Fills @summary (free its members with td_data_summary_clear). */
gboolean   td_workspace_get_data_summary (TdWorkspace         *workspace,
                                          TdDataSummary       *summary,
                                          GError             **error);
void       td_data_summary_clear         (TdDataSummary       *summary);
/* The partners of the data set in use as GStrv pairs {id, name}, by id:
 * what the override editor searches. Empty when nothing was imported. */
GPtrArray *td_workspace_list_partners    (TdWorkspace         *workspace,
                                          GError             **error);
/* The batch in use (0: none). */
gboolean   td_workspace_current_batch    (TdWorkspace         *workspace,
                                          guint64             *batch_out,
                                          GError             **error);
/* Removes @batch and its rows; when it was the latest, the batch before
 * it is in use again. */
gboolean   td_workspace_undo_import      (TdWorkspace         *workspace,
                                          guint64              batch,
                                          GError             **error);
/* The data set in use, as td_dataset_load_dir() builds it from the
 * folder imported; NO_DATA when nothing was imported. */
TdDataset *td_workspace_load_dataset     (TdWorkspace         *workspace,
                                          TdProblems          *problems,
                                          GError             **error);

void       td_import_file_free           (TdImportFile        *file);
void       td_import_batch_free          (TdImportBatch       *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdImportFile, td_import_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdImportBatch, td_import_batch_free)

G_END_DECLS
