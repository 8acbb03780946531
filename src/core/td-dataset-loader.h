/* td-dataset-loader.h — the CSV files of FORMAT.md §3 into a data set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "td-dataset.h"
#include "td-problems.h"

G_BEGIN_DECLS

typedef void (*TdProgressFunc) (double   fraction,
                                gpointer user_data);

/* A row left out with --skip-invalid: its file, line, verbatim text and
 * the first reason. */
typedef void (*TdRejectFunc) (const char *file,
                              guint       line,
                              const char *record,
                              gsize       length,
                              const char *reason,
                              gpointer    user_data);

typedef struct
{
  gboolean       skip_invalid;
  TdRejectFunc   reject;
  gpointer       reject_data;
  TdProgressFunc progress;
  gpointer       progress_data;
  GCancellable  *cancellable;
} TdLoadOptions;

/* Reads partners.csv, products.csv and sales.csv (required) and
 * certifications.csv and deals.csv (optional) from @dir. Every problem
 * goes to @problems as FILE:LINE:COLUMN. Without skip_invalid, any error
 * returns NULL: nothing half-loaded. */
TdDataset *td_dataset_load_dir (const char          *dir,
                                const TdLoadOptions *options,
                                TdProblems          *problems);

G_END_DECLS
