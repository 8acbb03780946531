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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdImportFile, td_import_file_free)

G_END_DECLS
