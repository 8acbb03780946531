/* test-import-dialog.c — importing data from the app, driven under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog is driven by its entry points (the folder chosen, the
 * choice, Import, Cancel) and what it did is checked through the core:
 * the batch's rows, and the tables byte for byte when nothing may change.
 * Also writes import-preview-errors.png and import-done.png, in light and
 * dark (docs/screenshots), to $TIERDESK_SCREENSHOT_DIR or the build
 * directory.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "td-demo-data.h"
#include "td-format.h"
#include "td-import-dialog.h"
#include "td-problem-list.h"
#include "td-screenshot.h"
#include "td-workspace-data.h"
#include "td-workspace-window.h"
#include "test-common.h"
#include "ui-common.h"

static char *test_dir;

/* ---- folders and workspaces ------------------------------------------- */

static char *
demo_folder (const char *name,
             guint       n_partners,
             guint       n_sales)
{
  char *dir = g_build_filename (test_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;

  td_demo_options_init (&options);
  options.n_partners = n_partners;
  options.n_sales = n_sales;
  g_assert_true (td_demo_data_write (dir, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return dir;
}

static char *
empty_workspace (const char *name)
{
  char *path = g_build_filename (test_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  TdWorkspace *workspace = td_workspace_create (path, &error);

  g_assert_no_error (error);
  td_workspace_close (workspace);
  return path;
}

static TdWorkspace *
open_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  TdWorkspace *workspace = td_workspace_open (path, FALSE, &error);

  g_assert_no_error (error);
  return workspace;
}

/* The data rows of a CSV file without quoted line breaks: its lines, less
 * the header. Counted here, not by the loader. */
static guint64
data_lines (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = tc_read_file (path);
  guint64 n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n - 1;
}

/* What the tests compare before and after: the workspace's whole content. */
static char *
dump_tables (const char *path)
{
  g_autoptr(TdWorkspace) workspace = open_workspace (path);

  return tc_dump_tables (td_workspace_get_connection (workspace));
}

/* The import_file rows of @batch as "name rows rejected", by name. */
static char *
import_files_text (const char *path,
                   guint64     batch)
{
  g_autoptr(TdWorkspace) workspace = open_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = td_workspace_list_import_files (workspace, batch, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      const TdImportFile *file = files->pdata[i];

      g_string_append_printf (out, "%s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
                              file->name, file->rows, file->rejected);
    }
  return g_string_free (out, FALSE);
}

/* ---- driving the dialog ----------------------------------------------- */

typedef struct
{
  guint   n_imported;
  guint64 batch;
} Imported;

static void
imported_cb (TdImportDialog *dialog,
             guint64         batch,
             Imported       *imported)
{
  imported->n_imported++;
  imported->batch = batch;
}

static TdImportDialog *
new_dialog (const char *workspace_path,
            Imported   *imported)
{
  TdImportDialog *dialog = td_import_dialog_new (NULL, workspace_path);

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), imported);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
wait_while (TdImportDialog *dialog,
            TdImportStep    step)
{
  while (td_import_dialog_get_step (dialog) == step)
    g_main_context_iteration (NULL, TRUE);
}

static void
read_folder (TdImportDialog *dialog,
             const char     *dir)
{
  td_import_dialog_set_folder (dialog, dir);
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_READING);
  wait_while (dialog, TD_IMPORT_STEP_READING);
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_PREVIEW);
}

static void
import_and_wait (TdImportDialog *dialog)
{
  g_assert_true (td_import_dialog_start_import (dialog));
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_IMPORTING);
  wait_while (dialog, TD_IMPORT_STEP_IMPORTING);
}

/* The problems shown, "file:line:column: message" a line each. */
static char *
shown_problems (TdImportDialog *dialog)
{
  GListModel *model = td_import_dialog_get_problem_model (dialog);
  GString *out = g_string_new (NULL);

  while (gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdProblemItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s:%u:%s: %s\n", td_problem_item_get_file (item), td_problem_item_get_line (item),
                              td_problem_item_get_column (item), td_problem_item_get_message (item));
    }
  return g_string_free (out, FALSE);
}

static void
destroy_dialog (TdImportDialog *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (weak != NULL)
    g_main_context_iteration (NULL, FALSE);
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  /* The pages cross-fade: past the transition. */
  ui_spin (400);
  /* Without a window manager the window never has the focus, and would
   * be drawn in its greyed-out look. */
  for (guint i = 0; i < 4; i++)
    {
      gtk_widget_unset_state_flags (widget, GTK_STATE_FLAG_BACKDROP);
      gtk_widget_queue_draw (widget);
      gtk_test_widget_wait_for_draw (widget);
    }
  ui_write_png (widget, name);
}

static void
save_pngs (GtkWidget  *widget,
           const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  save_png (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  save_png (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* ---- the tests -------------------------------------------------------- */

/* The demo data into an empty workspace: the batch holds every row of
 * every file, counted here from the files' lines. */
static void
test_demo (void)
{
  g_autofree char *dir = demo_folder ("demo", 200, 2000);
  g_autofree char *path = empty_workspace ("demo.tierdesk");
  g_autofree char *files = NULL, *expected = NULL;
  Imported imported = { 0 };
  TdImportDialog *dialog = new_dialog (path, &imported);
  const TdImportPreview *preview;
  TdDataSummary summary;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_CHOOSE);
  save_png (GTK_WIDGET (dialog), "import-choose.png");
  /* Nothing to import before a folder is read. */
  g_assert_false (td_import_dialog_start_import (dialog));
  read_folder (dialog, dir);
  preview = td_import_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_errors, ==, 0);
  g_assert_cmpuint (preview->files[0].rows, ==, 200);
  g_assert_cmpuint (preview->files[2].rows, ==, 2000);
  g_assert_cmpuint (preview->files[1].rows, ==, data_lines (dir, "products.csv"));
  g_assert_cmpuint (preview->files[3].rows, ==, data_lines (dir, "certifications.csv"));
  g_assert_cmpuint (preview->files[4].rows, ==, data_lines (dir, "deals.csv"));
  g_assert_cmpuint (g_list_model_get_n_items (td_import_dialog_get_problem_model (dialog)), ==, 0);
  save_png (GTK_WIDGET (dialog), "import-preview-valid.png");

  import_and_wait (dialog);
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_DONE);
  g_assert_cmpuint (imported.n_imported, ==, 1);
  g_assert_cmpuint (imported.batch, ==, 1);
  g_assert_cmpuint (td_import_dialog_get_batch (dialog), ==, 1);
  g_assert_null (td_import_dialog_get_rejects_path (dialog));
  g_assert_cmpfloat (td_import_dialog_get_progress (dialog), ==, 1.0);

  files = import_files_text (path, 1);
  expected = g_strdup_printf ("certifications.csv %" G_GUINT64_FORMAT " 0\n"
                              "deals.csv %" G_GUINT64_FORMAT " 0\n"
                              "partners.csv 200 0\n"
                              "products.csv %" G_GUINT64_FORMAT " 0\n"
                              "sales.csv 2000 0\n",
                              data_lines (dir, "certifications.csv"), data_lines (dir, "deals.csv"),
                              data_lines (dir, "products.csv"));
  g_assert_cmpstr (files, ==, expected);
  workspace = open_workspace (path);
  g_assert_true (td_workspace_get_data_summary (workspace, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.batch, ==, 1);
  g_assert_cmpuint (summary.n_partners, ==, 200);
  g_assert_cmpuint (summary.n_sales, ==, 2000);
  /* The period the preview showed is the data set's. */
  g_assert_cmpint (summary.first_sale, ==, preview->first_sale);
  g_assert_cmpint (summary.last_sale, ==, preview->last_sale);
  td_data_summary_clear (&summary);
  g_clear_pointer (&workspace, td_workspace_close);

  destroy_dialog (dialog);
  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (dir);
}

/* Folder C of test-workspace-data.c: partner P2 has February 30th, so
 * every row that names it is a problem too. */
#define C_PARTNERS                                                    \
  "partner_id,name,country,joined_on\n"                               \
  "P1,\"Alpha, Inc\",US,2022-01-01\n"                                 \
  "P2,Beta,DE,2023-02-30\n"
#define C_PRODUCTS                                                    \
  "sku,name,category,list_price\n"                                    \
  "K-100,Desk phone,hardware,199.99\n"                                \
  "L-200,\"Licence \"\"Pro\"\"\",software,1500\n"
#define C_SALES                                                       \
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"     \
  "S1,2024-01-10,P1,C1,K-100,1,10\n"                                  \
  "S2,2024-01-11,P2,C2,K-100,1,20\n"                                  \
  "S3,2024-02-30,P1,\"C3, \"\"Big\"\" Ltd\",K-100,1,30\n"             \
  "S4,2024-01-12,P1,C4,L-200,2,40\n"
#define C_CERTIFICATIONS                                              \
  "partner_id,person,certification,earned_on\n"                       \
  "P2,Bob,Tech,2023-06-01\n"                                          \
  "P1,Ann,Sales,2023-05-02\n"
#define C_DEALS                                                       \
  "deal_id,partner_id,customer_id,registered_on,status,closed_on\n"   \
  "D1,P2,C2,2024-01-01,,\n"                                           \
  "D2,P1,C1,2024-01-02,lost,2024-01-20\n"

static char *
folder_c (const char *name)
{
  char *dir = g_build_filename (test_dir, name, NULL);

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  tc_write_file (dir, "partners.csv", C_PARTNERS);
  tc_write_file (dir, "products.csv", C_PRODUCTS);
  tc_write_file (dir, "sales.csv", C_SALES);
  tc_write_file (dir, "certifications.csv", C_CERTIFICATIONS);
  tc_write_file (dir, "deals.csv", C_DEALS);
  return dir;
}

/* A workspace that already holds the demo data as batch 1, so that "the
 * workspace is unchanged" says something. */
static char *
workspace_with_batch (const char *name,
                      const char *dir)
{
  char *path = empty_workspace (name);
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  guint64 batch = 0;

  workspace = td_workspace_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (td_workspace_import_dir (workspace, dir, NULL, NULL, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch, ==, 1);
  return path;
}

static void
test_bad_rows (void)
{
  g_autofree char *good = demo_folder ("good", 50, 300);
  g_autofree char *dir = folder_c ("c");
  g_autofree char *path = workspace_with_batch ("bad.tierdesk", good);
  g_autofree char *before = dump_tables (path);
  g_autofree char *after = NULL, *problems = NULL, *saved = NULL, *csv = NULL, *files = NULL;
  g_autofree char *rejects = NULL;
  g_autofree char *list_path = g_build_filename (test_dir, "problems.csv", NULL);
  Imported imported = { 0 };
  TdImportDialog *dialog = new_dialog (path, &imported);
  const TdImportPreview *preview;
  g_autoptr(GError) error = NULL;

  read_folder (dialog, dir);
  preview = td_import_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_errors, ==, 5);
  g_assert_true (preview->valid_rows_importable);

  /* Every problem, in the loader's order of files and lines. */
  problems = shown_problems (dialog);
  g_assert_cmpstr (problems, ==,
                   "partners.csv:3:joined_on: “2023-02-30” is not a date in the calendar\n"
                   "sales.csv:3:partner_id: “P2” is not a partner of partners.csv\n"
                   "sales.csv:4:date: “2024-02-30” is not a date in the calendar\n"
                   "certifications.csv:2:partner_id: “P2” is not a partner of partners.csv\n"
                   "deals.csv:2:partner_id: “P2” is not a partner of partners.csv\n");

  /* Searched: every word, in any case, anywhere in the row. */
  td_import_dialog_set_search_text (dialog, "SALES p2");
  g_clear_pointer (&problems, g_free);
  problems = shown_problems (dialog);
  g_assert_cmpstr (problems, ==, "sales.csv:3:partner_id: “P2” is not a partner of partners.csv\n");
  td_import_dialog_set_search_text (dialog, "calendar");
  g_clear_pointer (&problems, g_free);
  problems = shown_problems (dialog);
  g_assert_cmpstr (problems, ==,
                   "partners.csv:3:joined_on: “2023-02-30” is not a date in the calendar\n"
                   "sales.csv:4:date: “2024-02-30” is not a date in the calendar\n");
  td_import_dialog_set_search_text (dialog, "sales.csv:4");
  g_clear_pointer (&problems, g_free);
  problems = shown_problems (dialog);
  g_assert_cmpstr (problems, ==, "sales.csv:4:date: “2024-02-30” is not a date in the calendar\n");
  td_import_dialog_set_search_text (dialog, "");

  /* Saved: the whole list, whatever the search. */
  td_import_dialog_set_search_text (dialog, "deals");
  g_assert_true (td_import_dialog_save_problems (dialog, list_path, &error));
  g_assert_no_error (error);
  saved = tc_read_file (list_path);
  g_assert_cmpstr (saved, ==,
                   "file,line,column,message\n"
                   "partners.csv,3,joined_on,“2023-02-30” is not a date in the calendar\n"
                   "sales.csv,3,partner_id,“P2” is not a partner of partners.csv\n"
                   "sales.csv,4,date,“2024-02-30” is not a date in the calendar\n"
                   "certifications.csv,2,partner_id,“P2” is not a partner of partners.csv\n"
                   "deals.csv,2,partner_id,“P2” is not a partner of partners.csv\n");
  td_import_dialog_set_search_text (dialog, "");

  /* "Import nothing" is the default: Import is not offered, and nothing
   * changes. */
  g_assert_false (td_import_dialog_start_import (dialog));
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_PREVIEW);
  after = dump_tables (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (imported.n_imported, ==, 0);

  /* The valid rows: batch 2, the rejected rows' file shown. */
  td_import_dialog_set_import_valid_rows (dialog, TRUE);
  import_and_wait (dialog);
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_DONE);
  g_assert_cmpuint (imported.n_imported, ==, 1);
  g_assert_cmpuint (imported.batch, ==, 2);
  files = import_files_text (path, 2);
  g_assert_cmpstr (files, ==,
                   "certifications.csv 1 1\n"
                   "deals.csv 1 1\n"
                   "partners.csv 1 1\n"
                   "products.csv 2 0\n"
                   "sales.csv 2 2\n");
  rejects = g_strconcat (path, "-rejects-2.csv", NULL);
  g_assert_cmpstr (td_import_dialog_get_rejects_path (dialog), ==, rejects);
  csv = tc_read_file (rejects);
  g_assert_true (g_str_has_prefix (csv, "file,line,reason,record\n"
                                        "partners.csv,3,\"“2023-02-30” is not a date in the calendar\","));

  destroy_dialog (dialog);
  g_assert_cmpint (g_unlink (rejects), ==, 0);
  g_assert_cmpint (g_unlink (list_path), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (dir);
  tc_remove_tree (good);
}

/* A large import cancelled once it writes: nothing changes, not even a
 * rejects file. */
static void
progress_cb (TdImportDialog *dialog,
             GParamSpec     *pspec,
             gpointer        user_data)
{
  /* Past one half the import writes its rows (td-workspace-data.c). */
  if (td_import_dialog_get_step (dialog) == TD_IMPORT_STEP_IMPORTING && td_import_dialog_get_progress (dialog) > 0.5)
    {
      *(double *) user_data = td_import_dialog_get_progress (dialog);
      td_import_dialog_cancel (dialog);
    }
}

static void
test_cancel (void)
{
  g_autofree char *small = demo_folder ("small", 50, 300);
  g_autofree char *large = demo_folder ("large", 2000, 200000);
  g_autofree char *path = workspace_with_batch ("cancel.tierdesk", small);
  g_autofree char *before = dump_tables (path);
  g_autofree char *after = NULL;
  Imported imported = { 0 };
  TdImportDialog *dialog = new_dialog (path, &imported);
  double cancelled_at = 0.0;

  read_folder (dialog, large);
  g_assert_cmpuint (td_import_dialog_get_preview (dialog)->files[2].rows, ==, 200000);
  g_signal_connect (dialog, "notify::progress", G_CALLBACK (progress_cb), &cancelled_at);
  import_and_wait (dialog);
  g_test_message ("cancelled at %.3f", cancelled_at);
  g_assert_cmpfloat (cancelled_at, >, 0.5);
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_FAILED);
  g_assert_cmpstr (td_import_dialog_get_failure (dialog), ==,
                   "Nothing was imported: the workspace is exactly as it was.");
  g_assert_cmpuint (imported.n_imported, ==, 0);
  save_png (GTK_WIDGET (dialog), "import-cancelled.png");
  after = dump_tables (path);
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *rejects = g_strconcat (path, "-rejects-2.csv", NULL);
    g_autofree char *temporary = g_strconcat (rejects, ".tmp", NULL);

    g_assert_false (g_file_test (rejects, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (temporary, G_FILE_TEST_EXISTS));
  }

  /* Closing the dialog while it imports stops the import too; the dialog
   * goes once its thread has returned. */
  g_signal_handlers_disconnect_by_func (dialog, progress_cb, &cancelled_at);
  td_import_dialog_set_folder (dialog, large);
  wait_while (dialog, TD_IMPORT_STEP_READING);
  g_assert_true (td_import_dialog_start_import (dialog));
  {
    gpointer weak = dialog;

    g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
    gtk_window_close (GTK_WINDOW (dialog));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
    while (weak != NULL)
      g_main_context_iteration (NULL, TRUE);
  }
  g_clear_pointer (&after, g_free);
  after = dump_tables (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (imported.n_imported, ==, 0);

  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (small);
  tc_remove_tree (large);
}

/* Files chosen one by one: only FORMAT.md's names; from one folder that
 * they leave nothing of, that folder; else links in a folder of their own. */
static void
test_files (void)
{
  g_autofree char *dir = folder_c ("files");
  g_autofree char *other = g_build_filename (test_dir, "other", NULL);
  g_autofree char *partners = g_build_filename (dir, "partners.csv", NULL);
  g_autofree char *products = g_build_filename (dir, "products.csv", NULL);
  g_autofree char *sales = g_build_filename (dir, "sales.csv", NULL);
  g_autofree char *certifications = g_build_filename (dir, "certifications.csv", NULL);
  g_autofree char *deals = g_build_filename (dir, "deals.csv", NULL);
  g_autofree char *other_sales = g_build_filename (other, "sales.csv", NULL);
  g_autofree char *renamed = g_build_filename (other, "Sales 2024.csv", NULL);
  g_autofree char *temp = NULL;
  g_autofree char *path = empty_workspace ("files.tierdesk");
  Imported imported = { 0 };
  TdImportDialog *dialog = new_dialog (path, &imported);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  /* C's sales without S2 and S3, the rows with problems. */
  tc_write_file (other, "sales.csv",
                 "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"
                 "S1,2024-01-10,P1,C1,K-100,1,10\n"
                 "S4,2024-01-12,P1,C4,L-200,2,40\n");
  tc_write_file (other, "Sales 2024.csv", "");

  {
    const char *paths[] = { partners, renamed, NULL };
    g_assert_false (td_import_dialog_set_files (dialog, paths, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
    g_assert_cmpstr (error->message, ==,
                     "“Sales 2024.csv” is not one of the files Tierdesk reads: name the files partners.csv,"
                     " products.csv, sales.csv, certifications.csv and deals.csv, or choose their folder");
    g_clear_error (&error);
  }
  {
    const char *paths[] = { sales, partners, other_sales, NULL };
    g_assert_false (td_import_dialog_set_files (dialog, paths, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_assert_cmpstr (error->message, ==, "Two files named “sales.csv” were chosen: choose one of them");
    g_clear_error (&error);
  }
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_CHOOSE);

  /* All five of one folder: the folder itself. */
  {
    const char *paths[] = { deals, sales, partners, products, certifications, NULL };
    g_assert_true (td_import_dialog_set_files (dialog, paths, &error));
    g_assert_no_error (error);
    wait_while (dialog, TD_IMPORT_STEP_READING);
    g_assert_cmpstr (td_import_dialog_get_folder (dialog), ==, dir);
  }
  /* Three of them with another folder's sales: a folder of links holding
   * just those, so that C's certifications and deals are left out. */
  {
    const char *paths[] = { partners, products, other_sales, NULL };
    g_assert_true (td_import_dialog_set_files (dialog, paths, &error));
    g_assert_no_error (error);
    wait_while (dialog, TD_IMPORT_STEP_READING);
    temp = g_strdup (td_import_dialog_get_folder (dialog));
    g_assert_cmpstr (temp, !=, dir);
    g_assert_cmpstr (temp, !=, other);
    g_assert_true (g_file_test (temp, G_FILE_TEST_IS_DIR));
  }
  /* Only P2's row is wrong now; the preview and the import read the
   * files chosen. */
  {
    const TdImportPreview *preview = td_import_dialog_get_preview (dialog);
    g_autofree char *problems = shown_problems (dialog);
    g_autofree char *files = NULL;

    g_assert_cmpstr (problems, ==, "partners.csv:3:joined_on: “2023-02-30” is not a date in the calendar\n");
    g_assert_false (preview->files[3].present);
    g_assert_false (preview->files[4].present);
    g_assert_cmpuint (preview->files[2].rows, ==, 2);
    td_import_dialog_set_import_valid_rows (dialog, TRUE);
    import_and_wait (dialog);
    g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_DONE);
    files = import_files_text (path, 1);
    g_assert_cmpstr (files, ==,
                     "partners.csv 1 1\n"
                     "products.csv 2 0\n"
                     "sales.csv 2 0\n");
  }

  /* The folder of links goes with the dialog. */
  destroy_dialog (dialog);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  {
    g_autofree char *rejects = g_strconcat (path, "-rejects-1.csv", NULL);
    g_assert_cmpint (g_unlink (rejects), ==, 0);
  }
  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (dir);
  tc_remove_tree (other);
}

/* Without products.csv nothing can be imported, not even the valid
 * rows; the sales that name products are problems of their own. */
static void
test_blocked (void)
{
  g_autofree char *dir = folder_c ("blocked");
  g_autofree char *products = g_build_filename (dir, "products.csv", NULL);
  g_autofree char *path = empty_workspace ("blocked.tierdesk");
  g_autofree char *before = dump_tables (path);
  g_autofree char *after = NULL, *problems = NULL;
  Imported imported = { 0 };
  TdImportDialog *dialog = new_dialog (path, &imported);

  g_assert_cmpint (g_unlink (products), ==, 0);
  read_folder (dialog, dir);
  g_assert_false (td_import_dialog_get_preview (dialog)->valid_rows_importable);
  problems = shown_problems (dialog);
  g_assert_cmpstr (problems, ==,
                   "partners.csv:3:joined_on: “2023-02-30” is not a date in the calendar\n"
                   "products.csv:0:: the file is missing: partners.csv, products.csv and sales.csv are required\n"
                   "sales.csv:2:sku: “K-100” is not a product of products.csv\n"
                   "sales.csv:3:partner_id: “P2” is not a partner of partners.csv\n"
                   "sales.csv:3:sku: “K-100” is not a product of products.csv\n"
                   "sales.csv:4:date: “2024-02-30” is not a date in the calendar\n"
                   "sales.csv:4:sku: “K-100” is not a product of products.csv\n"
                   "sales.csv:5:sku: “L-200” is not a product of products.csv\n"
                   "certifications.csv:2:partner_id: “P2” is not a partner of partners.csv\n"
                   "deals.csv:2:partner_id: “P2” is not a partner of partners.csv\n");
  td_import_dialog_set_import_valid_rows (dialog, TRUE);
  g_assert_false (td_import_dialog_start_import (dialog));
  td_import_dialog_set_import_valid_rows (dialog, FALSE);
  g_assert_false (td_import_dialog_start_import (dialog));
  save_png (GTK_WIDGET (dialog), "import-preview-blocked.png");
  after = dump_tables (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (imported.n_imported, ==, 0);

  destroy_dialog (dialog);
  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (dir);
}

/* ---- the window ------------------------------------------------------- */

static TdImportDialog *
find_dialog (void)
{
  return TD_IMPORT_DIALOG (ui_find_toplevel (TD_TYPE_IMPORT_DIALOG, FALSE));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* Import Data… in the window's sidebar: its figures follow the import. */
static void
test_window (void)
{
  g_autofree char *dir = demo_folder ("window", 120, 900);
  g_autofree char *path = empty_workspace ("window.tierdesk");
  TdWorkspaceWindow *window = ui_open_window (path);
  TdImportDialog *dialog;
  Imported imported = { 0 };

  g_assert_true (has_label (GTK_WIDGET (window), "No data imported yet"));

  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-data", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);
  read_folder (dialog, dir);
  import_and_wait (dialog);
  g_assert_cmpuint (imported.batch, ==, 1);
  /* "120 partners\n…", the sidebar's first line, in the C locale. */
  g_assert_true (has_label (GTK_WIDGET (window), "120 partners\n"));
  g_assert_false (has_label (GTK_WIDGET (window), "No data imported yet"));

  destroy_dialog (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (dir);
}

/* ---- pictures --------------------------------------------------------- */

/* One field of a line without quotes replaced. */
static char *
with_field (const char *line,
            guint       field,
            const char *value)
{
  g_auto(GStrv) fields = g_strsplit (line, ",", -1);

  g_assert_null (strchr (line, '"'));
  g_assert_cmpuint (field, <, g_strv_length (fields));
  g_free (fields[field]);
  fields[field] = g_strdup (value);
  return g_strjoinv (",", fields);
}

/* The demo's sales with five rows spoiled, as a channel manager's export
 * might be: the pictures of the preview with problems and of the import
 * of the valid rows. */
static void
test_screenshots (void)
{
  g_autofree char *dir = demo_folder ("exports-2025-12", 400, 6000);
  g_autofree char *sales_path = g_build_filename (dir, "sales.csv", NULL);
  g_autofree char *text = tc_read_file (sales_path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *joined = NULL, *problems = NULL, *expected = NULL;
  g_autofree char *path = empty_workspace ("Channel programs.tierdesk");
  g_autofree char *rejects = NULL;
  Imported imported = { 0 };
  TdImportDialog *dialog;
  g_autofree char *first = NULL, *last = NULL;
  char *spoiled;
  TdDate low = G_MAXINT32, high = 0;

  /* Lines (1-based) and fields (0-based: sale_id, date, partner_id,
   * customer_id, sku, quantity, net_amount…). */
  spoiled = with_field (lines[11], 1, "2025-02-29");
  g_free (lines[11]);
  lines[11] = spoiled;
  spoiled = with_field (lines[339], 6, "-129.90");
  g_free (lines[339]);
  lines[339] = spoiled;
  spoiled = with_field (lines[2046], 5, "two");
  g_free (lines[2046]);
  lines[2046] = spoiled;
  spoiled = with_field (lines[3999], 2, "P09999");
  g_free (lines[3999]);
  lines[3999] = spoiled;
  spoiled = with_field (lines[5120], 4, "SNOM-D999");
  g_free (lines[5120]);
  lines[5120] = spoiled;
  joined = g_strjoinv ("\n", lines);
  tc_write_file (dir, "sales.csv", joined);
  /* The period of the rows left valid, read here from the text. */
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    if (i != 11 && i != 339 && i != 2046 && i != 3999 && i != 5120)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], ",", 3);
        TdDate date;

        g_assert_cmpint (td_date_parse_n (fields[1], strlen (fields[1]), &date), ==, 0);
        low = MIN (low, date);
        high = MAX (high, date);
      }

  dialog = new_dialog (path, &imported);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 780);
  read_folder (dialog, dir);
  problems = shown_problems (dialog);
  expected = g_strdup ("sales.csv:12:date: “2025-02-29” is not a date in the calendar\n"
                       "sales.csv:340:net_amount: “-129.90” is negative: returns and credit notes are not part of format version 1\n"
                       "sales.csv:2047:quantity: “two” is not a quantity: write a whole number ≥ 1\n"
                       "sales.csv:4000:partner_id: “P09999” is not a partner of partners.csv\n"
                       "sales.csv:5121:sku: “SNOM-D999” is not a product of products.csv\n");
  g_assert_cmpstr (problems, ==, expected);
  g_assert_cmpint (td_import_dialog_get_preview (dialog)->first_sale, ==, low);
  g_assert_cmpint (td_import_dialog_get_preview (dialog)->last_sale, ==, high);
  first = td_format_date (low);
  last = td_format_date (high);
  g_test_message ("valid sales from %s to %s", first, last);

  td_import_dialog_set_import_valid_rows (dialog, TRUE);
  save_pngs (GTK_WIDGET (dialog), "import-preview-errors");
  import_and_wait (dialog);
  g_assert_cmpint (td_import_dialog_get_step (dialog), ==, TD_IMPORT_STEP_DONE);
  rejects = g_strconcat (path, "-rejects-1.csv", NULL);
  g_assert_cmpstr (td_import_dialog_get_rejects_path (dialog), ==, rejects);
  save_pngs (GTK_WIDGET (dialog), "import-done");

  destroy_dialog (dialog);
  g_assert_cmpint (g_unlink (rejects), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;
  test_dir = g_dir_make_tmp ("tierdesk-ui-import-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import-dialog/demo", test_demo);
  g_test_add_func ("/import-dialog/bad-rows", test_bad_rows);
  g_test_add_func ("/import-dialog/cancel", test_cancel);
  g_test_add_func ("/import-dialog/files", test_files);
  g_test_add_func ("/import-dialog/blocked", test_blocked);
  g_test_add_func ("/import-dialog/window", test_window);
  g_test_add_func ("/import-dialog/screenshots", test_screenshots);
  status = g_test_run ();

  g_rmdir (test_dir);
  g_free (test_dir);
  return status;
}
