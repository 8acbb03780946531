/* td-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-format.h"
#include "td-import-dialog.h"
#include "td-problem-list.h"
#include "td-workspace-data.h"

/* The names the loader reads (FORMAT.md §3), in its order. */
static const char *const file_names[TD_IMPORT_N_FILES] = {
  "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv"
};

/* How often the progress bar follows the worker thread. */
#define PROGRESS_INTERVAL_MS 50

G_DEFINE_ENUM_TYPE (TdImportStep, td_import_step,
                    G_DEFINE_ENUM_VALUE (TD_IMPORT_STEP_CHOOSE, "choose"),
                    G_DEFINE_ENUM_VALUE (TD_IMPORT_STEP_READING, "reading"),
                    G_DEFINE_ENUM_VALUE (TD_IMPORT_STEP_PREVIEW, "preview"),
                    G_DEFINE_ENUM_VALUE (TD_IMPORT_STEP_IMPORTING, "importing"),
                    G_DEFINE_ENUM_VALUE (TD_IMPORT_STEP_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (TD_IMPORT_STEP_FAILED, "failed"))

/* What a worker thread is given and gives back; the task owns it. */
typedef struct
{
  char       *dir;
  char       *workspace_path;
  gboolean    skip_invalid;
  int         permille;        /* progress, written by the thread (atomic) */
  guint64     batch;
  GPtrArray  *files;           /* TdImportFile of the batch */
  guint64     n_sales;         /* of the batch, and the period they cover */
  TdDate      first_sale;
  TdDate      last_sale;
  char       *rejects_path;    /* NULL when no row was rejected */
} Job;

static void
job_free (Job *job)
{
  g_free (job->dir);
  g_free (job->workspace_path);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_free (job->rejects_path);
  g_free (job);
}

struct _TdImportDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *import_button;
  GtkWidget           *close_button;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkLabel            *choose_error;
  AdwStatusPage       *reading_page;
  GtkProgressBar      *reading_progress;
  GtkLabel            *summary_label;
  GtkLabel            *folder_label;
  GtkGrid             *files_grid;
  GtkLabel            *period_label;
  GtkWidget           *problems_box;
  GtkLabel            *problems_heading;
  GtkSearchEntry      *search_entry;
  GtkColumnView       *problems_view;
  GtkWidget           *no_problems_box;
  GtkWidget           *choice_group;
  AdwActionRow        *nothing_row;
  AdwActionRow        *valid_row;
  GtkCheckButton      *nothing_check;
  GtkCheckButton      *valid_check;
  GtkProgressBar      *import_progress;
  AdwStatusPage       *done_page;
  GtkGrid             *done_grid;
  GtkWidget           *rejects_box;
  GtkLabel            *rejects_heading;
  GtkLabel            *rejects_label;
  AdwStatusPage       *failed_page;

  char                *workspace_path;
  char                *dir;              /* the folder read */
  char                *temp_dir;         /* links to the files chosen; removed at the end */
  TdImportStep         step;
  TdImportPreview     *preview;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  char                *search;           /* casefolded */
  GtkNativeDialog     *chooser;          /* open file chooser */

  /* The reading or the import under way. */
  GTask               *task;
  Job                 *job;              /* the task's data */
  GCancellable        *cancellable;
  guint                progress_source;
  double               progress;
  gboolean             close_when_done;
  gboolean             disposed;

  guint64              batch;
  char                *rejects_path;
  char                *failure;
};

G_DEFINE_FINAL_TYPE (TdImportDialog, td_import_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STEP,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const step_pages[] = { "choose", "reading", "preview", "importing", "done", "failed" };

/* ---- state ------------------------------------------------------------ */

static gboolean
busy (TdImportDialog *self)
{
  return self->task != NULL;
}

static gboolean
can_import (TdImportDialog *self)
{
  if (self->step != TD_IMPORT_STEP_PREVIEW || self->preview == NULL)
    return FALSE;
  if (self->preview->n_errors == 0)
    return TRUE;
  return self->preview->valid_rows_importable && gtk_check_button_get_active (self->valid_check);
}

static void
update_actions (TdImportDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = !busy (self);

  gtk_widget_action_set_enabled (widget, "import.start", can_import (self));
  gtk_widget_action_set_enabled (widget, "import.stop", !idle);
  gtk_widget_action_set_enabled (widget, "import.choose-folder", idle);
  gtk_widget_action_set_enabled (widget, "import.choose-files", idle);
  gtk_widget_action_set_enabled (widget, "import.choose-again", idle);
  gtk_widget_action_set_enabled (widget, "import.check-again", idle && self->dir != NULL);
  gtk_widget_action_set_enabled (widget, "import.save-problems",
                                 self->preview != NULL && td_problems_get_n (self->preview->problems) > 0);
  gtk_widget_action_set_enabled (widget, "import.show-rejects", self->rejects_path != NULL);
}

static void
set_step (TdImportDialog *self,
          TdImportStep    step)
{
  gboolean finished = step == TD_IMPORT_STEP_DONE || step == TD_IMPORT_STEP_FAILED;

  gtk_stack_set_visible_child_name (self->stack, step_pages[step]);
  gtk_widget_set_visible (self->cancel_button, !finished);
  gtk_widget_set_visible (self->import_button, step == TD_IMPORT_STEP_PREVIEW);
  gtk_widget_set_visible (self->close_button, finished);
  if (self->step != step)
    {
      self->step = step;
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
    }
  else
    update_actions (self);
}

static void
show_progress (TdImportDialog *self,
               double          fraction)
{
  int percent = (int) (fraction * 100.0);
  g_autofree char *text = NULL;

  if (self->step == TD_IMPORT_STEP_IMPORTING)
    {
      /* td_workspace_import_dir reads and checks in its first half,
       * writes in its second. */
      text = fraction < 0.5
             /* TRANSLATORS: the import's progress bar; %d %% is the percentage */
             ? g_strdup_printf (_("Checking the files: %d %%"), percent)
             /* TRANSLATORS: the import's progress bar; %d %% is the percentage */
             : g_strdup_printf (_("Writing to the workspace: %d %%"), percent);
      gtk_progress_bar_set_fraction (self->import_progress, fraction);
      gtk_progress_bar_set_text (self->import_progress, text);
    }
  else
    {
      /* TRANSLATORS: the reading's progress bar; %d %% is the percentage */
      text = g_strdup_printf (_("%d %%"), percent);
      gtk_progress_bar_set_fraction (self->reading_progress, fraction);
      gtk_progress_bar_set_text (self->reading_progress, text);
    }
  if (self->progress != fraction)
    {
      self->progress = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static gboolean
poll_progress_cb (gpointer user_data)
{
  TdImportDialog *self = user_data;

  if (self->job != NULL)
    show_progress (self, g_atomic_int_get (&self->job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

/* Called on the worker thread: the bar follows in poll_progress_cb. */
static void
job_progress (double   fraction,
              gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000.0));
}

static GTask *
start_task (TdImportDialog      *self,
            Job                 *job,
            GAsyncReadyCallback  callback,
            GTaskThreadFunc      thread_func)
{
  GTask *task;

  g_assert (!busy (self));
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, callback, NULL);
  g_task_set_source_tag (task, start_task);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->task = task;
  self->job = job;
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, poll_progress_cb, self);
  g_task_run_in_thread (task, thread_func);
  return task;
}

/* The task has returned: the dialog no longer follows it. */
static void
task_finished (TdImportDialog *self)
{
  /* The last fraction the thread reached, 1 when it finished. */
  if (self->job != NULL && !self->disposed)
    poll_progress_cb (self);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->job = NULL;
  g_clear_object (&self->task);
}

/* ---- the files chosen ------------------------------------------------- */

static int
file_index (const char *name)
{
  for (int i = 0; i < TD_IMPORT_N_FILES; i++)
    if (strcmp (name, file_names[i]) == 0)
      return i;
  return -1;
}

/* Removes a folder made by td_import_dialog_set_files() and its links. */
static void
remove_links (const char *dir)
{
  for (int i = 0; i < TD_IMPORT_N_FILES; i++)
    {
      g_autofree char *link = g_build_filename (dir, file_names[i], NULL);

      g_unlink (link);
    }
  g_rmdir (dir);
}

static void
remove_temp_dir (TdImportDialog *self)
{
  if (self->temp_dir == NULL)
    return;
  remove_links (self->temp_dir);
  g_clear_pointer (&self->temp_dir, g_free);
}

/* ---- preview ---------------------------------------------------------- */

static void
grid_clear (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
grid_cell (GtkGrid    *grid,
           const char *text,
           int         column,
           int         row,
           gboolean    number,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0f : 0.0f);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

static void
grid_header (GtkGrid           *grid,
             const char *const *titles,
             guint              n_numbers)
{
  guint n = g_strv_length ((char **) titles);

  for (guint i = 0; i < n; i++)
    grid_cell (grid, titles[i], (int) i, 0, i >= n - n_numbers, "heading");
}

/* What is wrong with a file that has problems but no row with one: the
 * whole file (line 0) or its header. */
static const char *
file_problem_kind (const TdImportPreview *preview,
                   const char            *name)
{
  for (guint i = 0; i < td_problems_get_n (preview->problems); i++)
    {
      const TdProblem *problem = td_problems_get (preview->problems, i);
      g_autofree char *base = problem->file != NULL ? g_path_get_basename (problem->file) : NULL;

      if (g_strcmp0 (base, name) == 0)
        /* TRANSLATORS: what is wrong with a file, in the files table */
        return problem->line == 0 ? _("The whole file") : _("The header");
    }
  return "";
}

static void
fill_files_grid (TdImportDialog *self)
{
  const TdImportPreview *preview = self->preview;
  const char *titles[] = {
    /* TRANSLATORS: headings of the files table */
    _("File"), _("Size"), _("Rows"), _("With Problems"), NULL
  };

  grid_clear (self->files_grid);
  grid_header (self->files_grid, titles, 3);
  for (int f = 0; f < TD_IMPORT_N_FILES; f++)
    {
      const TdImportPreviewFile *file = &preview->files[f];
      int row = f + 1;

      grid_cell (self->files_grid, file->name, 0, row, FALSE, NULL);
      if (!file->present)
        {
          grid_cell (self->files_grid, "—", 1, row, TRUE, "dim-label");
          grid_cell (self->files_grid, "—", 2, row, TRUE, "dim-label");
          if (file->required)
            /* TRANSLATORS: a required file that is not in the folder */
            grid_cell (self->files_grid, _("Missing: it is required"), 3, row, TRUE, "error");
          else
            /* TRANSLATORS: an optional file that is not in the folder */
            grid_cell (self->files_grid, _("Not included"), 3, row, TRUE, "dim-label");
          continue;
        }
      {
        g_autofree char *size = g_format_size (file->bytes);
        g_autofree char *rows = td_format_count (file->rows);

        grid_cell (self->files_grid, size, 1, row, TRUE, NULL);
        grid_cell (self->files_grid, rows, 2, row, TRUE, NULL);
      }
      if (file->problem_rows > 0)
        {
          g_autofree char *count = td_format_count (file->problem_rows);
          /* TRANSLATORS: rows with problems in a file: "3 rows" */
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                                                (gulong) file->problem_rows), count);

          grid_cell (self->files_grid, text, 3, row, TRUE, "error");
        }
      else if (file->n_problems > 0)
        grid_cell (self->files_grid, file_problem_kind (preview, file->name), 3, row, TRUE, "error");
      else
        /* TRANSLATORS: a file without problems, in the files table */
        grid_cell (self->files_grid, _("None"), 3, row, TRUE, "dim-label");
    }
}

static guint64
total_rows (const TdImportPreview *preview,
            gboolean               problems_only)
{
  guint64 n = 0;

  for (int f = 0; f < TD_IMPORT_N_FILES; f++)
    n += problems_only ? preview->files[f].problem_rows : preview->files[f].rows;
  return n;
}

static void
update_problems_heading (TdImportDialog *self)
{
  guint total = self->preview != NULL ? td_problems_get_n (self->preview->problems) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (self->search != NULL && self->search[0] != '\0')
    /* TRANSLATORS: the problems list's heading while searching */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u Problem", "%u of %u Problems", total),
                            shown, total);
  else
    /* TRANSLATORS: the problems list's heading */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", total), total);
  gtk_label_set_text (self->problems_heading, text);
}

static void
update_choice (TdImportDialog *self)
{
  gboolean valid = self->preview != NULL && self->preview->n_errors > 0
                   && gtk_check_button_get_active (self->valid_check);

  gtk_button_set_label (GTK_BUTTON (self->import_button), valid ? _("_Import Valid Rows") : _("_Import"));
  gtk_widget_set_tooltip_text (self->import_button,
                               can_import (self) ? NULL
                                                 : _("Nothing is imported while “Import nothing” is chosen"));
  update_actions (self);
}

static void
choice_toggled_cb (TdImportDialog *self)
{
  update_choice (self);
}

static void
show_preview (TdImportDialog  *self,
              TdImportPreview *preview)
{
  g_autoptr(TdProblemList) list = td_problem_list_new (preview);
  g_autofree char *display = g_filename_display_name (preview->dir);
  g_autofree char *from = NULL, *summary = NULL, *period = NULL, *valid_text = NULL;
  guint64 rows = total_rows (preview, FALSE), bad_rows = total_rows (preview, TRUE);
  guint n_problems = td_problems_get_n (preview->problems);

  g_clear_pointer (&self->preview, td_import_preview_unref);
  self->preview = preview;
  g_free (self->search);
  self->search = NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (list));

  if (preview->n_errors == 0)
    {
      g_autofree char *count = td_format_count (rows);

      /* TRANSLATORS: the preview's headline without problems */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row, all valid, ready to import",
                                              "%s rows, all valid, ready to import", (gulong) rows), count);
    }
  else if (preview->valid_rows_importable)
    {
      g_autofree char *bad = td_format_count (bad_rows), *all = td_format_count (rows);

      /* TRANSLATORS: the preview's headline: "3 of 12,000 rows have problems" */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s rows has problems",
                                              "%s of %s rows have problems", (gulong) bad_rows), bad, all);
    }
  else
    /* TRANSLATORS: the preview's headline when a file is missing or a header is wrong */
    summary = g_strdup (_("These files cannot be imported as they are"));
  gtk_label_set_text (self->summary_label, summary);
  /* TRANSLATORS: the folder read, under the preview's headline */
  from = g_strdup_printf (_("From %s"), display);
  gtk_label_set_text (self->folder_label, from);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_label), display);

  fill_files_grid (self);

  if (!preview->valid_rows_importable)
    period = g_strdup (_("The period the sales cover is known once the files can be read."));
  else if (preview->files[2].rows == preview->files[2].problem_rows)
    period = g_strdup (_("There are no valid sales."));
  else
    {
      g_autofree char *first = td_format_date (preview->first_sale);
      g_autofree char *last = td_format_date (preview->last_sale);

      period = preview->n_errors == 0
               /* TRANSLATORS: the period of the sales: FIRST DAY, LAST DAY */
               ? g_strdup_printf (_("The sales cover %s to %s."), first, last)
               /* TRANSLATORS: the period of the sales without the rows with problems */
               : g_strdup_printf (_("The valid sales cover %s to %s."), first, last);
    }
  gtk_label_set_text (self->period_label, period);

  gtk_widget_set_visible (self->problems_box, n_problems > 0);
  gtk_widget_set_visible (self->no_problems_box, n_problems == 0);
  update_problems_heading (self);

  gtk_widget_set_visible (self->choice_group, preview->n_errors > 0);
  gtk_check_button_set_active (self->nothing_check, TRUE);
  adw_action_row_set_subtitle (self->nothing_row,
                               _("The workspace stays as it is. Save the list of problems for whoever corrects the files, then check them again."));
  if (preview->valid_rows_importable)
    {
      g_autofree char *good = td_format_count (rows - bad_rows), *bad = td_format_count (bad_rows);

      /* TRANSLATORS: "12,000 rows will be imported; the 3 with problems are left out…" */
      valid_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s rows will be imported; the %s with problems is left out and listed, with its reason, in a file beside the workspace.",
                                                 "%s rows will be imported; the %s with problems are left out and listed, with their reasons, in a file beside the workspace.",
                                                 (gulong) bad_rows),
                                    good, bad);
    }
  else
    valid_text = g_strdup (_("Not possible with these files: a required file is missing, or a header is wrong, which affects every row."));
  adw_action_row_set_subtitle (self->valid_row, valid_text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->valid_row), preview->valid_rows_importable);

  set_step (self, TD_IMPORT_STEP_PREVIEW);
  update_choice (self);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  TdLoadOptions options = { 0 };
  GError *error = NULL;
  TdImportPreview *preview;

  options.progress = job_progress;
  options.progress_data = job;
  options.cancellable = cancellable;
  preview = td_import_preview_dir (job->dir, &options, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) td_import_preview_unref);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImportPreview) preview = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    return;
  task_finished (self);
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (preview != NULL)
    {
      show_preview (self, g_steal_pointer (&preview));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->choose_error), !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  gtk_label_set_text (self->choose_error, error->message);
  set_step (self, TD_IMPORT_STEP_CHOOSE);
}

void
td_import_dialog_set_folder (TdImportDialog *self,
                             const char     *dir)
{
  g_autofree char *display = NULL;
  Job *job;

  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (dir != NULL);
  g_return_if_fail (!busy (self));

  if (self->temp_dir != NULL && strcmp (dir, self->temp_dir) != 0)
    remove_temp_dir (self);
  if (self->dir != dir)
    {
      g_free (self->dir);
      self->dir = g_strdup (dir);
    }
  display = g_filename_display_name (dir);
  adw_status_page_set_description (self->reading_page, display);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_error), FALSE);

  job = g_new0 (Job, 1);
  job->dir = g_strdup (dir);
  start_task (self, job, read_done_cb, read_in_thread);
  set_step (self, TD_IMPORT_STEP_READING);
  show_progress (self, 0.0);
}

gboolean
td_import_dialog_set_files (TdImportDialog     *self,
                            const char *const  *paths,
                            GError            **error)
{
  const char *chosen[TD_IMPORT_N_FILES] = { NULL };
  g_autofree char *folder = NULL, *temp = NULL;
  gboolean one_folder = TRUE;
  guint n = 0;

  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (!busy (self), FALSE);

  /* The loader knows a file by its name; a file renamed after a guess
   * from its header would be read by a second set of rules. */
  for (; paths[n] != NULL; n++)
    {
      g_autofree char *base = g_path_get_basename (paths[n]);
      g_autofree char *parent = g_path_get_dirname (paths[n]);
      g_autofree char *display = g_filename_display_name (base);
      int index = file_index (base);

      if (index < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                       _("“%s” is not one of the files Tierdesk reads: name the files partners.csv, products.csv, sales.csv, certifications.csv and deals.csv, or choose their folder"),
                       display);
          return FALSE;
        }
      if (chosen[index] != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Two files named “%s” were chosen: choose one of them"), display);
          return FALSE;
        }
      chosen[index] = paths[n];
      if (folder == NULL)
        folder = g_steal_pointer (&parent);
      else if (strcmp (folder, parent) != 0)
        one_folder = FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No file was chosen"));
      return FALSE;
    }

  /* Files of one folder that leave none of its other files out are that
   * folder, which the import then records as its source. */
  for (int i = 0; one_folder && i < TD_IMPORT_N_FILES; i++)
    if (chosen[i] == NULL)
      {
        g_autofree char *other = g_build_filename (folder, file_names[i], NULL);
        GStatBuf buf;

        if (g_stat (other, &buf) == 0 && buf.st_size > 0)
          one_folder = FALSE;
      }
  if (one_folder)
    {
      td_import_dialog_set_folder (self, folder);
      return TRUE;
    }

  temp = g_dir_make_tmp ("tierdesk-import-XXXXXX", error);
  if (temp == NULL)
    return FALSE;
  for (int i = 0; i < TD_IMPORT_N_FILES; i++)
    if (chosen[i] != NULL)
      {
        g_autofree char *target = g_canonicalize_filename (chosen[i], NULL);
        g_autofree char *path = g_build_filename (temp, file_names[i], NULL);
        g_autoptr(GFile) link = g_file_new_for_path (path);

        if (!g_file_make_symbolic_link (link, target, NULL, error))
          {
            remove_links (temp);
            return FALSE;
          }
      }
  remove_temp_dir (self);
  self->temp_dir = g_strdup (temp);
  td_import_dialog_set_folder (self, temp);
  return TRUE;
}

/* ---- import ----------------------------------------------------------- */

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autofree char *rejects = NULL;
  TdLoadOptions options = { 0 };
  TdDataSummary summary;
  GError *error = NULL;

  /* A connection of its own: a TdWorkspace is used by one thread, and the
   * window keeps its connection on the main one. */
  workspace = td_workspace_open (job->workspace_path, TRUE, &error);
  if (workspace == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  options.skip_invalid = job->skip_invalid;
  options.progress = job_progress;
  options.progress_data = job;
  options.cancellable = cancellable;
  if (!td_workspace_import_dir (workspace, job->dir, &options, NULL, &job->batch, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The import stands whatever follows: a list that cannot be read only
   * leaves the table of files empty. */
  job->files = td_workspace_list_import_files (workspace, job->batch, NULL);
  if (td_workspace_get_data_summary (workspace, &summary, NULL))
    {
      job->n_sales = summary.n_sales;
      job->first_sale = summary.first_sale;
      job->last_sale = summary.last_sale;
      td_data_summary_clear (&summary);
    }
  rejects = td_workspace_rejects_path (workspace, job->batch);
  if (g_file_test (rejects, G_FILE_TEST_EXISTS))
    job->rejects_path = g_steal_pointer (&rejects);
  g_task_return_boolean (task, TRUE);
}

static void
fill_done_grid (TdImportDialog *self,
                GPtrArray      *files)
{
  const char *titles[] = {
    /* TRANSLATORS: headings of the table of an import's files */
    _("File"), _("Rows Imported"), _("Rows Rejected"), NULL
  };
  int row = 1;

  grid_clear (self->done_grid);
  grid_header (self->done_grid, titles, 2);
  for (int f = 0; files != NULL && f < TD_IMPORT_N_FILES; f++)
    for (guint i = 0; i < files->len; i++)
      {
        const TdImportFile *file = files->pdata[i];
        g_autofree char *rows = NULL, *rejected = NULL;

        if (strcmp (file->name, file_names[f]) != 0)
          continue;
        rows = td_format_count (file->rows);
        rejected = td_format_count (file->rejected);
        grid_cell (self->done_grid, file->name, 0, row, FALSE, NULL);
        grid_cell (self->done_grid, rows, 1, row, TRUE, NULL);
        grid_cell (self->done_grid, file->rejected > 0 ? rejected : "—", 2, row, TRUE,
                   file->rejected > 0 ? "error" : "dim-label");
        row++;
      }
}

static void
show_done (TdImportDialog *self,
           Job            *job)
{
  g_autofree char *description = NULL;
  guint64 rejected = 0;

  self->batch = job->batch;
  g_free (self->rejects_path);
  self->rejects_path = g_strdup (job->rejects_path);
  if (job->n_sales > 0)
    {
      g_autofree char *sales = td_format_count (job->n_sales);
      g_autofree char *first = td_format_date (job->first_sale), *last = td_format_date (job->last_sale);

      /* TRANSLATORS: after an import: the import batch (as in the sidebar), the sales and their period */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Import %" PRIu64 " is the data set in use now: %s sale from %s to %s.",
                                                  "Import %" PRIu64 " is the data set in use now: %s sales from %s to %s.",
                                                  (gulong) job->n_sales),
                                     job->batch, sales, first, last);
    }
  else
    /* TRANSLATORS: after an import; the number is the import batch, as in the sidebar */
    description = g_strdup_printf (_("Import %" PRIu64 " is the data set in use now."), job->batch);
  adw_status_page_set_description (self->done_page, description);
  fill_done_grid (self, job->files);
  for (guint i = 0; job->files != NULL && i < job->files->len; i++)
    rejected += ((TdImportFile *) job->files->pdata[i])->rejected;
  gtk_widget_set_visible (self->rejects_box, self->rejects_path != NULL);
  if (self->rejects_path != NULL)
    {
      g_autofree char *count = td_format_count (rejected);
      g_autofree char *heading = NULL, *display = g_filename_display_name (self->rejects_path);

      /* TRANSLATORS: above the path of the rejects file */
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The %s rejected row is listed, with its reason, in this file:",
                                              "The %s rejected rows are listed, with their reasons, in this file:",
                                              (gulong) rejected),
                                 count);
      gtk_label_set_text (self->rejects_heading, heading);
      gtk_label_set_text (self->rejects_label, display);
    }
  set_step (self, TD_IMPORT_STEP_DONE);
}

static void
show_failed (TdImportDialog *self,
             const GError   *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_free (self->failure);
  if (cancelled)
    self->failure = g_strdup (_("Nothing was imported: the workspace is exactly as it was."));
  else if (g_str_has_suffix (error->message, "."))
    /* TRANSLATORS: why an import failed (a sentence), then what it means */
    self->failure = g_strdup_printf (_("%s\nThe workspace is exactly as it was."), error->message);
  else
    /* TRANSLATORS: why an import failed (no full stop), then what it means */
    self->failure = g_strdup_printf (_("%s.\nThe workspace is exactly as it was."), error->message);
  adw_status_page_set_title (self->failed_page, cancelled ? _("Import Cancelled") : _("Nothing Was Imported"));
  adw_status_page_set_description (self->failed_page, self->failure);
  set_step (self, TD_IMPORT_STEP_FAILED);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Once committed, an import stands even if the dialog is gone or was
   * closed meanwhile: the window must still show it. */
  if (self->disposed || self->close_when_done)
    {
      if (ok)
        g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, job->batch);
      if (!self->disposed)
        {
          task_finished (self);
          gtk_window_destroy (GTK_WINDOW (self));
        }
      return;
    }
  task_finished (self);
  if (!ok)
    {
      show_failed (self, error);
      return;
    }
  show_done (self, job);
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, self->batch);
}

gboolean
td_import_dialog_start_import (TdImportDialog *self)
{
  Job *job;

  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), FALSE);

  if (busy (self) || !can_import (self))
    return FALSE;
  job = g_new0 (Job, 1);
  job->dir = g_strdup (self->preview->dir);
  job->workspace_path = g_strdup (self->workspace_path);
  /* Without problems the import is the strict one: a file changed since
   * the preview is refused rather than half imported. */
  job->skip_invalid = self->preview->n_errors > 0;
  start_task (self, job, import_done_cb, import_in_thread);
  set_step (self, TD_IMPORT_STEP_IMPORTING);
  show_progress (self, 0.0);
  return TRUE;
}

void
td_import_dialog_cancel (TdImportDialog *self)
{
  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- search and the list of problems ---------------------------------- */

static gboolean
problem_matches_cb (gpointer item,
                    gpointer user_data)
{
  TdImportDialog *self = user_data;

  return td_problem_item_matches (item, self->search);
}

static void
search_changed_cb (TdImportDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (g_strcmp0 (folded, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_problems_heading (self);
}

static void
filtered_changed_cb (TdImportDialog *self)
{
  update_problems_heading (self);
}

void
td_import_dialog_set_search_text (TdImportDialog *self,
                                  const char     *text)
{
  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Now, not after the entry's typing delay. */
  search_changed_cb (self);
}

gboolean
td_import_dialog_save_problems (TdImportDialog *self,
                                const char     *path,
                                GError        **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->preview != NULL, FALSE);

  csv = td_import_preview_problems_to_csv (self->preview);
  /* Written aside and renamed: never half a list. */
  return g_file_set_contents (path, csv, -1, error);
}

/* ---- actions ---------------------------------------------------------- */

static void
close_chooser (TdImportDialog *self)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
}

static GtkNativeDialog *
new_chooser (TdImportDialog       *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             GCallback             response_cb)
{
  close_chooser (self);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", response_cb, self, G_CONNECT_SWAPPED);
  return self->chooser;
}

static void
folder_chosen_cb (TdImportDialog  *self,
                  int              response,
                  GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && !busy (self))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        td_import_dialog_set_folder (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);
  GtkNativeDialog *chooser = new_chooser (self, _("Choose the Folder to Import"),
                                          GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                          G_CALLBACK (folder_chosen_cb));

  if (self->dir != NULL && self->temp_dir == NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (self->dir);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_native_dialog_show (chooser);
}

static void
files_chosen_cb (TdImportDialog  *self,
                 int              response,
                 GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && !busy (self))
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (!td_import_dialog_set_files (self, (const char *const *) paths->pdata, &error))
        {
          gtk_label_set_text (self->choose_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->choose_error), TRUE);
          set_step (self, TD_IMPORT_STEP_CHOOSE);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_files_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);
  GtkNativeDialog *chooser = new_chooser (self, _("Choose the Files to Import"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                          _("_Choose"), G_CALLBACK (files_chosen_cb));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_show (chooser);
}

static void
choose_again_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->choose_error), FALSE);
  set_step (self, TD_IMPORT_STEP_CHOOSE);
}

static void
check_again_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);

  if (self->dir != NULL && !busy (self))
    td_import_dialog_set_folder (self, self->dir);
}

static void
start_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  td_import_dialog_start_import (TD_IMPORT_DIALOG (widget));
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  td_import_dialog_cancel (TD_IMPORT_DIALOG (widget));
}

static void
problems_chosen_cb (TdImportDialog  *self,
                    int              response,
                    GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->preview != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !td_import_dialog_save_problems (self, path, &error))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (error != NULL ? error->message : _("The list cannot be saved there")));
      else
        {
          g_autofree char *display = g_filename_display_name (path);
          /* TRANSLATORS: toast after saving the list of problems */
          g_autofree char *text = g_strdup_printf (_("Saved the list of problems to %s"), display);
          AdwToast *toast = adw_toast_new (text);

          adw_toast_set_timeout (toast, 8);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }
  g_clear_object (&self->chooser);
}

static void
save_problems_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);
  GtkNativeDialog *chooser;
  g_autofree char *base = NULL, *name = NULL;

  if (self->preview == NULL)
    return;
  chooser = new_chooser (self, _("Save the List of Problems"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                         G_CALLBACK (problems_chosen_cb));
  base = g_path_get_basename (self->temp_dir != NULL ? "import" : self->preview->dir);
  /* TRANSLATORS: the file name offered for the list of problems; %s is the folder's name */
  name = g_strdup_printf (_("%s-problems.csv"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_show (chooser);
}

static void
show_rejects_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);
  g_autofree char *folder = NULL, *uri = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->rejects_path == NULL)
    return;
  folder = g_path_get_dirname (self->rejects_path);
  file = g_file_new_for_path (folder);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* ---- lifecycle -------------------------------------------------------- */

static gboolean
td_import_dialog_close_request (GtkWindow *window)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (window);

  /* A worker still reads the folder or writes the workspace: it is
   * stopped, and the dialog goes once it has. */
  if (busy (self))
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (td_import_dialog_parent_class)->close_request (window);
}

static void
td_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_import_dialog_dispose (GObject *object)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (object);

  /* The task keeps the dialog alive until its thread returns; from now
   * on its callback only reports a committed import. */
  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  task_finished (self);
  close_chooser (self);
  if (self->filtered != NULL)
    gtk_filter_list_model_set_model (self->filtered, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (td_import_dialog_parent_class)->dispose (object);
}

static void
td_import_dialog_finalize (GObject *object)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (object);

  remove_temp_dir (self);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preview, td_import_preview_unref);
  g_free (self->workspace_path);
  g_free (self->dir);
  g_free (self->search);
  g_free (self->rejects_path);
  g_free (self->failure);
  G_OBJECT_CLASS (td_import_dialog_parent_class)->finalize (object);
}

static void
td_import_dialog_class_init (TdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = td_import_dialog_get_property;
  object_class->dispose = td_import_dialog_dispose;
  object_class->finalize = td_import_dialog_finalize;
  window_class->close_request = td_import_dialog_close_request;

  properties[PROP_STEP] = g_param_spec_enum ("step", NULL, NULL, TD_TYPE_IMPORT_STEP, TD_IMPORT_STEP_CHOOSE,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A batch was imported and is the data set in use now. */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  g_type_ensure (TD_TYPE_PROBLEM_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, choose_error);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, reading_page);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, reading_progress);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, files_grid);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, period_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, problems_box);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, no_problems_box);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, choice_group);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, nothing_row);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, valid_row);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, nothing_check);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, valid_check);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, import_progress);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, done_grid);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, rejects_box);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, rejects_heading);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, rejects_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);

  gtk_widget_class_install_action (widget_class, "import.choose-folder", NULL, choose_folder_activated);
  gtk_widget_class_install_action (widget_class, "import.choose-files", NULL, choose_files_activated);
  gtk_widget_class_install_action (widget_class, "import.choose-again", NULL, choose_again_activated);
  gtk_widget_class_install_action (widget_class, "import.check-again", NULL, check_again_activated);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_activated);
  gtk_widget_class_install_action (widget_class, "import.save-problems", NULL, save_problems_activated);
  gtk_widget_class_install_action (widget_class, "import.show-rejects", NULL, show_rejects_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_import_dialog_init (TdImportDialog *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (problem_matches_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  /* A million problems are filtered a slice at a time, the list usable
   * meanwhile. */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));
  set_step (self, TD_IMPORT_STEP_CHOOSE);
}

TdImportDialog *
td_import_dialog_new (GtkWindow  *parent,
                      const char *workspace_path)
{
  TdImportDialog *self;
  g_autofree char *base = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (workspace_path != NULL, NULL);

  self = g_object_new (TD_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->workspace_path = g_strdup (workspace_path);
  base = g_path_get_basename (workspace_path);
  /* TRANSLATORS: the import dialog's subtitle: "into FILE.tierdesk" */
  {
    g_autofree char *subtitle = g_strdup_printf (_("Into %s"), base);

    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
  return self;
}

TdImportStep
td_import_dialog_get_step (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), TD_IMPORT_STEP_CHOOSE);
  return self->step;
}

double
td_import_dialog_get_progress (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), 0.0);
  return self->progress;
}

const TdImportPreview *
td_import_dialog_get_preview (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), NULL);
  return self->preview;
}

GListModel *
td_import_dialog_get_problem_model (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

const char *
td_import_dialog_get_folder (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), NULL);
  return self->dir;
}

void
td_import_dialog_set_import_valid_rows (TdImportDialog *self,
                                        gboolean        valid_rows)
{
  g_return_if_fail (TD_IS_IMPORT_DIALOG (self));

  gtk_check_button_set_active (valid_rows ? self->valid_check : self->nothing_check, TRUE);
  update_choice (self);
}

guint64
td_import_dialog_get_batch (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), 0);
  return self->batch;
}

const char *
td_import_dialog_get_rejects_path (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), NULL);
  if (self->step != TD_IMPORT_STEP_DONE || !gtk_widget_get_visible (self->rejects_box))
    return NULL;
  return gtk_label_get_text (self->rejects_label);
}

const char *
td_import_dialog_get_failure (TdImportDialog *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_DIALOG (self), NULL);
  return self->step == TD_IMPORT_STEP_FAILED ? self->failure : NULL;
}
