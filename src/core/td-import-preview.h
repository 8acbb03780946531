/* td-import-preview.h — what an import of a folder would bring, before it runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder is read by td_dataset_load_dir() exactly as
 * td_workspace_import_dir() reads it, so the preview's counts and problems
 * are the import's: rows per file, rows with problems (which an import of
 * the valid rows leaves out), the period of the valid sales and every
 * problem.
 */
#pragma once

#include "td-dataset-loader.h"
#include "td-problems.h"

G_BEGIN_DECLS

/* partners, products, sales, certifications, deals: the loader's order. */
#define TD_IMPORT_N_FILES 5

typedef struct
{
  const char *name;           /* "sales.csv" */
  gboolean    required;
  gboolean    present;        /* there and not empty: a zero-byte file counts as absent */
  guint64     bytes;
  guint64     rows;           /* rows read, the header not counted */
  guint64     problem_rows;   /* rows with at least one problem */
  guint       n_problems;     /* problems in this file, header and rows */
} TdImportPreviewFile;

typedef struct
{
  char               *dir;
  TdImportPreviewFile files[TD_IMPORT_N_FILES];
  /* The first and last date of the valid sales; 0 when there are none. */
  TdDate              first_sale;
  TdDate              last_sale;
  /* Every problem, as the loader reports them (FILE is DIR/NAME). */
  TdProblems         *problems;
  guint               n_errors;
  /* Whether an import of the valid rows (skip_invalid) would succeed: not
   * with a missing file or a wrong header, which fail any import. */
  gboolean            valid_rows_importable;
} TdImportPreview;

/* Reads @dir. Only @options' progress and cancellable are used; the
 * progress goes from 0 to 1. NULL with G_IO_ERROR_CANCELLED when
 * cancelled, or G_IO_ERROR_NOT_DIRECTORY when @dir is not a folder. */
TdImportPreview *td_import_preview_dir           (const char            *dir,
                                                  const TdLoadOptions   *options,
                                                  GError               **error);
TdImportPreview *td_import_preview_ref           (TdImportPreview       *preview);
void             td_import_preview_unref         (TdImportPreview       *preview);

/* Rows an import would write: of every file, with skip_invalid the valid
 * ones, without it all of them (or none, when there is any error). */
guint64          td_import_preview_rows_to_import (const TdImportPreview *preview,
                                                   gboolean               skip_invalid);
/* The problems as CSV, "file,line,column,message" with the file's name
 * only; a text cell that a spreadsheet would read as a formula (=, +, -,
 * @, tab, CR first) gets a leading apostrophe. */
char            *td_import_preview_problems_to_csv (const TdImportPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdImportPreview, td_import_preview_unref)

G_END_DECLS
