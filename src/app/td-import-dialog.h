/* td-import-dialog.h — importing a folder of CSV files into a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choose a folder (or the files), see what it holds and every problem,
 * then import it with a progress bar and a way out. The reading and the
 * import run on worker threads, the import on a connection of its own to
 * the workspace file; a cancelled or failed import changes nothing.
 */
#pragma once

#include <adwaita.h>

#include "td-import-preview.h"

G_BEGIN_DECLS

typedef enum
{
  TD_IMPORT_STEP_CHOOSE,     /* nothing chosen yet */
  TD_IMPORT_STEP_READING,    /* the preview is being read */
  TD_IMPORT_STEP_PREVIEW,    /* what would be imported, and the problems */
  TD_IMPORT_STEP_IMPORTING,
  TD_IMPORT_STEP_DONE,       /* imported: a new batch is in use */
  TD_IMPORT_STEP_FAILED,     /* cancelled or failed: the workspace is unchanged */
} TdImportStep;

#define TD_TYPE_IMPORT_STEP (td_import_step_get_type ())
GType td_import_step_get_type (void);

#define TD_TYPE_IMPORT_DIALOG (td_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TdImportDialog, td_import_dialog, TD, IMPORT_DIALOG, AdwWindow)

/* A modal dialog over @parent (may be NULL) that imports into the
 * workspace file at @workspace_path. */
TdImportDialog        *td_import_dialog_new                (GtkWindow      *parent,
                                                            const char     *workspace_path);

/* What the user does, for tests and for callers that already know the
 * folder. Each reads the folder on a thread: wait for the "step" to be
 * PREVIEW (or CHOOSE again, when cancelled). */
void                   td_import_dialog_set_folder         (TdImportDialog *dialog,
                                                            const char     *dir);
/* Files named as in FORMAT.md §3, from one folder or several; FALSE (and
 * nothing read) for any other name or a name chosen twice. */
gboolean               td_import_dialog_set_files          (TdImportDialog *dialog,
                                                            const char *const *paths,
                                                            GError        **error);
/* The choice when there are problems: FALSE (the default) imports nothing
 * until the files are corrected, TRUE imports the valid rows. */
void                   td_import_dialog_set_import_valid_rows (TdImportDialog *dialog,
                                                            gboolean        valid_rows);
/* Starts the import as the Import button does; FALSE when it is not
 * offered (no preview, or problems and "import nothing" chosen). */
gboolean               td_import_dialog_start_import       (TdImportDialog *dialog);
/* Stops the reading or the import under way, as its Cancel button. */
void                   td_import_dialog_cancel             (TdImportDialog *dialog);
void                   td_import_dialog_set_search_text    (TdImportDialog *dialog,
                                                            const char     *text);
/* Writes the problems as CSV to @path, as Save List… does. */
gboolean               td_import_dialog_save_problems      (TdImportDialog *dialog,
                                                            const char     *path,
                                                            GError        **error);

TdImportStep           td_import_dialog_get_step           (TdImportDialog *dialog);
/* The progress bar of the reading or the import, 0 to 1. */
double                 td_import_dialog_get_progress       (TdImportDialog *dialog);
const TdImportPreview *td_import_dialog_get_preview        (TdImportDialog *dialog);
/* The problems shown, TdProblemItem, filtered by the search. */
GListModel            *td_import_dialog_get_problem_model  (TdImportDialog *dialog);
/* The folder read: the one chosen, or a temporary one that links the
 * files chosen. */
const char            *td_import_dialog_get_folder         (TdImportDialog *dialog);
/* After DONE: the batch imported, and the rejects file shown, NULL when
 * no row was rejected. */
guint64                td_import_dialog_get_batch          (TdImportDialog *dialog);
const char            *td_import_dialog_get_rejects_path   (TdImportDialog *dialog);
/* After FAILED: what the dialog says happened. */
const char            *td_import_dialog_get_failure        (TdImportDialog *dialog);

G_END_DECLS
