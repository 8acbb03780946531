/* test-import-preview.c — what an import would bring, read before it runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folders are written by the test. Every expected value was worked out
 * by hand from their text: byte counts by adding up the lines (60 bytes
 * for the seven-column sales header, 31 for "S1,2024-01-10,P1,C1,K-100,1,10"
 * and its newline…), day numbers with `date -u -d DAY +%s` / 86400. The
 * counts are also checked against what td_workspace_import_dir() records
 * for the same folder, which is the point of the preview.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "td-import-preview.h"
#include "td-workspace-data.h"
#include "test-common.h"

typedef struct
{
  const char *partners;
  const char *products;
  const char *sales;
  const char *certifications;
  const char *deals;
} Folder;

/* Folder A of test-workspace-data.c: every file, nothing wrong. */
#define A_PARTNERS                                                    \
  "partner_id,name,country,joined_on,tier,employees,certified\n"      \
  "P2,Beta GmbH,DE,2023-03-15,silver,12.5,yes\n"                      \
  "P1,\"Alpha, Inc\",US,2022-01-01,gold,40,no\n"                      \
  "P3,Gamma,,,,-1.23456,\n"
#define A_PRODUCTS                                                    \
  "sku,name,category,list_price\n"                                    \
  "K-100,Desk phone,hardware,199.99\n"                                \
  "L-200,\"Licence \"\"Pro\"\"\",software,1500\n"
#define A_SALES                                                       \
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount,"      \
  "channel,distributor,invoice_ref,license_key,renewal\n"             \
  "S2,2024-01-10,P1,C1,K-100,2,399.98,,Ingram,INV-1,,0\n"             \
  "S1,2024-01-10,P2,C2,L-200,1,1500.5,partner,,,LIC-1,true\n"         \
  "S3,2024-02-29,,C1,L-200,3,4500,online,,INV-2,LIC-2,1\n"            \
  "S4,2024-03-01,P3,\"C3, Ltd\",K-100,1,0.1,,Ingram,,,\n"
#define A_CERTIFICATIONS                                              \
  "partner_id,person,certification,earned_on,left_on\n"               \
  "P1,Ann,Sales,2023-05-02,\n"                                        \
  "P2,Bob,Tech,2023-06-01,2024-01-31\n"
#define A_DEALS                                                       \
  "deal_id,partner_id,customer_id,registered_on,status,closed_on\n"   \
  "D1,P1,C1,2023-12-01,won,2024-01-05\n"                              \
  "D2,P2,C9,2024-02-01,,\n"

static const Folder folder_a = { A_PARTNERS, A_PRODUCTS, A_SALES, A_CERTIFICATIONS, A_DEALS };

/* Rows with problems: S2 has two (a date in no form, quantity 0), S3
 * one (a partner that is not listed). S1 and S4 are valid; S3's
 * 2024-01-31 is the latest date but not a valid row's. */
#define D_SALES                                                       \
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"     \
  "S1,2024-01-10,P1,C1,K-100,1,10\n"                                  \
  "S2,yesterday,P1,C2,K-100,0,20\n"                                   \
  "S3,2024-01-31,P9,C3,L-200,1,30\n"                                  \
  "S4,2024-01-20,P2,C4,L-200,2,40\n"

static const Folder folder_d = { A_PARTNERS, A_PRODUCTS, D_SALES, NULL, NULL };

/* Folder C of test-workspace-data.c: partner P2 is rejected (February
 * 30th), and every row that names it with it. */
#define C_PARTNERS                                                    \
  "partner_id,name,country,joined_on\n"                               \
  "P1,\"Alpha, Inc\",US,2022-01-01\n"                                 \
  "P2,Beta,DE,2023-02-30\n"
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

static const Folder folder_c = { C_PARTNERS, A_PRODUCTS, C_SALES, C_CERTIFICATIONS, C_DEALS };

/* No products.csv and an empty certifications.csv: nothing can be
 * imported, valid rows or not. */
#define M_PARTNERS "partner_id,name\nQ1,Quartz\n"
#define M_SALES                                                       \
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"     \
  "T1,2024-05-01,Q1,K1,X,1,5\n"                                       \
  "T2,2024-04-30,Q1,K2,X,2,10\n"

static const Folder folder_m = { M_PARTNERS, NULL, M_SALES, "", NULL };

/* A header a spreadsheet would run as a formula, and a negative amount. */
#define F_PRODUCTS                                                    \
  "sku,name,category,list_price,=HYPERLINK(x)\n"                      \
  "K-100,Desk phone,hardware,199.99,\n"
#define F_SALES                                                       \
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"     \
  "S1,2024-01-10,P1,C1,K-100,1,-5\n"

static const Folder folder_f = { A_PARTNERS, F_PRODUCTS, F_SALES, NULL, NULL };

static char *test_dir;

static char *
write_folder (const char   *name,
              const Folder *folder)
{
  char *dir = g_build_filename (test_dir, name, NULL);
  const char *texts[] = { folder->partners, folder->products, folder->sales, folder->certifications, folder->deals };
  const char *names[] = { "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv" };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      tc_write_file (dir, names[i], texts[i]);
  return dir;
}

/* Each file as "name present bytes rows problem_rows n_problems". */
static char *
files_text (const TdImportPreview *preview)
{
  GString *out = g_string_new (NULL);

  for (guint f = 0; f < TD_IMPORT_N_FILES; f++)
    {
      const TdImportPreviewFile *file = &preview->files[f];

      g_string_append_printf (out, "%s %s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %u\n",
                              file->name, file->present ? "yes" : "no", file->bytes, file->rows,
                              file->problem_rows, file->n_problems);
    }
  return g_string_free (out, FALSE);
}

/* Every problem with the folder left out: "NAME:LINE:COLUMN: message". */
static char *
problems_text (const TdImportPreview *preview)
{
  GString *out = g_string_new (NULL);
  g_autofree char *prefix = g_strconcat (preview->dir, G_DIR_SEPARATOR_S, NULL);

  for (guint i = 0; i < td_problems_get_n (preview->problems); i++)
    {
      g_autofree char *line = td_problem_to_string (td_problems_get (preview->problems, i), "?");

      g_assert_true (g_str_has_prefix (line, prefix));
      g_string_append_printf (out, "%s\n", line + strlen (prefix));
    }
  return g_string_free (out, FALSE);
}

static TdImportPreview *
preview_ok (const char *dir)
{
  g_autoptr(GError) error = NULL;
  TdImportPreview *preview = td_import_preview_dir (dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_assert_cmpstr (preview->dir, ==, dir);
  return preview;
}

static void
test_valid (void)
{
  g_autofree char *dir = write_folder ("a", &folder_a);
  g_autoptr(TdImportPreview) preview = preview_ok (dir);
  g_autofree char *files = files_text (preview);

  /* 165, 100, 109 and 119 bytes as test-workspace-data.c worked out; the
   * sales 112 (the twelve-column header) + 52 + 56 + 53 + 50 = 323. */
  g_assert_cmpstr (files, ==,
                   "partners.csv yes 165 3 0 0\n"
                   "products.csv yes 100 2 0 0\n"
                   "sales.csv yes 323 4 0 0\n"
                   "certifications.csv yes 109 2 0 0\n"
                   "deals.csv yes 119 2 0 0\n");
  g_assert_true (preview->files[0].required && preview->files[1].required && preview->files[2].required);
  g_assert_false (preview->files[3].required || preview->files[4].required);
  /* 2024-01-10 and 2024-03-01 */
  g_assert_cmpint (preview->first_sale, ==, 19732);
  g_assert_cmpint (preview->last_sale, ==, 19783);
  g_assert_cmpuint (preview->n_errors, ==, 0);
  g_assert_cmpuint (td_problems_get_n (preview->problems), ==, 0);
  g_assert_true (preview->valid_rows_importable);
  /* 3 + 2 + 4 + 2 + 2 */
  g_assert_cmpuint (td_import_preview_rows_to_import (preview, FALSE), ==, 13);
  g_assert_cmpuint (td_import_preview_rows_to_import (preview, TRUE), ==, 13);
  tc_remove_tree (dir);
}

static void
test_row_problems (void)
{
  g_autofree char *dir = write_folder ("d", &folder_d);
  g_autoptr(TdImportPreview) preview = preview_ok (dir);
  g_autofree char *files = files_text (preview);
  g_autofree char *problems = problems_text (preview);
  g_autofree char *csv = td_import_preview_problems_to_csv (preview);

  /* Sales: 60 + 31 + 30 + 31 + 31 bytes. Two rows with problems, three
   * problems; absent files count nothing. */
  g_assert_cmpstr (files, ==,
                   "partners.csv yes 165 3 0 0\n"
                   "products.csv yes 100 2 0 0\n"
                   "sales.csv yes 183 4 2 3\n"
                   "certifications.csv no 0 0 0 0\n"
                   "deals.csv no 0 0 0 0\n");
  g_assert_cmpstr (problems, ==,
                   "sales.csv:3:date: “yesterday” is not a date of the form YYYY-MM-DD\n"
                   "sales.csv:3:quantity: “0” is not a quantity: write a whole number ≥ 1\n"
                   "sales.csv:4:partner_id: “P9” is not a partner of partners.csv\n");
  g_assert_cmpuint (preview->n_errors, ==, 3);
  /* The valid sales S1 (2024-01-10) and S4 (2024-01-20); S3's 01-31 is
   * left out with its row. */
  g_assert_cmpint (preview->first_sale, ==, 19732);
  g_assert_cmpint (preview->last_sale, ==, 19742);
  g_assert_true (preview->valid_rows_importable);
  /* 3 partners + 2 products + 2 sales; nothing without skip_invalid. */
  g_assert_cmpuint (td_import_preview_rows_to_import (preview, TRUE), ==, 7);
  g_assert_cmpuint (td_import_preview_rows_to_import (preview, FALSE), ==, 0);
  g_assert_cmpstr (csv, ==,
                   "file,line,column,message\n"
                   "sales.csv,3,date,“yesterday” is not a date of the form YYYY-MM-DD\n"
                   "sales.csv,3,quantity,“0” is not a quantity: write a whole number ≥ 1\n"
                   "sales.csv,4,partner_id,“P9” is not a partner of partners.csv\n");
  tc_remove_tree (dir);
}

/* The preview's counts are what the import then records, and its
 * problems the import's. */
static void
test_agrees_with_import (void)
{
  g_autofree char *dir = write_folder ("c", &folder_c);
  g_autofree char *path = g_build_filename (test_dir, "c.tierdesk", NULL);
  g_autofree char *rejects = NULL;
  g_autoptr(TdImportPreview) preview = preview_ok (dir);
  g_autofree char *files = files_text (preview);
  g_autofree char *problems = problems_text (preview);
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(TdProblems) import_problems = td_problems_new ();
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  TdLoadOptions options = { 0 };
  guint64 batch = 0;

  /* Partners 34 + 30 + 22 bytes, sales 60 + 31 + 31 + 46 + 31,
   * certifications 42 + 23 + 24, deals 62 + 22 + 36. */
  g_assert_cmpstr (files, ==,
                   "partners.csv yes 86 2 1 1\n"
                   "products.csv yes 100 2 0 0\n"
                   "sales.csv yes 199 4 2 2\n"
                   "certifications.csv yes 89 2 1 1\n"
                   "deals.csv yes 120 2 1 1\n");
  g_assert_cmpstr (problems, ==,
                   "partners.csv:3:joined_on: “2023-02-30” is not a date in the calendar\n"
                   "sales.csv:3:partner_id: “P2” is not a partner of partners.csv\n"
                   "sales.csv:4:date: “2024-02-30” is not a date in the calendar\n"
                   "certifications.csv:2:partner_id: “P2” is not a partner of partners.csv\n"
                   "deals.csv:2:partner_id: “P2” is not a partner of partners.csv\n");
  /* S1 2024-01-10, S4 2024-01-12 */
  g_assert_cmpint (preview->first_sale, ==, 19732);
  g_assert_cmpint (preview->last_sale, ==, 19734);
  g_assert_cmpuint (td_import_preview_rows_to_import (preview, TRUE), ==, 1 + 2 + 2 + 1 + 1);

  workspace = td_workspace_create (path, &error);
  g_assert_no_error (error);
  options.skip_invalid = TRUE;
  g_assert_true (td_workspace_import_dir (workspace, dir, &options, import_problems, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch, ==, 1);
  g_assert_cmpuint (td_problems_get_n (import_problems), ==, td_problems_get_n (preview->problems));
  for (guint i = 0; i < td_problems_get_n (import_problems); i++)
    {
      g_autofree char *want = td_problem_to_string (td_problems_get (preview->problems, i), "?");
      g_autofree char *got = td_problem_to_string (td_problems_get (import_problems, i), "?");

      g_assert_cmpstr (got, ==, want);
    }
  imported = td_workspace_list_import_files (workspace, batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 5);
  for (guint i = 0; i < imported->len; i++)
    {
      const TdImportFile *file = imported->pdata[i];
      const TdImportPreviewFile *seen = NULL;

      for (guint f = 0; f < TD_IMPORT_N_FILES; f++)
        if (strcmp (preview->files[f].name, file->name) == 0)
          seen = &preview->files[f];
      g_assert_nonnull (seen);
      g_assert_cmpuint (file->size, ==, seen->bytes);
      g_assert_cmpuint (file->rows, ==, seen->rows - seen->problem_rows);
      g_assert_cmpuint (file->rejected, ==, seen->problem_rows);
    }

  rejects = td_workspace_rejects_path (workspace, batch);
  g_clear_pointer (&workspace, td_workspace_close);
  g_assert_cmpint (g_unlink (rejects), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  tc_remove_tree (dir);
}

/* A missing file fails any import; the rows are still counted, and the
 * rows that name the missing products are problems of their own. */
static void
test_missing_file (void)
{
  g_autofree char *dir = write_folder ("m", &folder_m);
  g_autoptr(TdImportPreview) preview = preview_ok (dir);
  g_autofree char *files = files_text (preview);
  g_autofree char *problems = problems_text (preview);
  g_autofree char *csv = td_import_preview_problems_to_csv (preview);

  /* Partners 16 + 10 bytes; sales 60 + 26 + 27. The empty
   * certifications.csv counts as absent. */
  g_assert_cmpstr (files, ==,
                   "partners.csv yes 26 1 0 0\n"
                   "products.csv no 0 0 0 1\n"
                   "sales.csv yes 113 2 2 2\n"
                   "certifications.csv no 0 0 0 0\n"
                   "deals.csv no 0 0 0 0\n");
  g_assert_cmpstr (problems, ==,
                   "products.csv: the file is missing: partners.csv, products.csv and sales.csv are required\n"
                   "sales.csv:2:sku: “X” is not a product of products.csv\n"
                   "sales.csv:3:sku: “X” is not a product of products.csv\n");
  g_assert_false (preview->valid_rows_importable);
  g_assert_cmpint (preview->first_sale, ==, 0);
  g_assert_cmpint (preview->last_sale, ==, 0);
  g_assert_cmpuint (td_import_preview_rows_to_import (preview, TRUE), ==, 0);
  g_assert_cmpstr (csv, ==,
                   "file,line,column,message\n"
                   "products.csv,,,\"the file is missing: partners.csv, products.csv and sales.csv are required\"\n"
                   "sales.csv,2,sku,“X” is not a product of products.csv\n"
                   "sales.csv,3,sku,“X” is not a product of products.csv\n");
  tc_remove_tree (dir);
}

/* An unknown column fails any import (docs/data.md); its name, which a
 * spreadsheet would run, is saved as text. */
static void
test_header_and_formula (void)
{
  g_autofree char *dir = write_folder ("f", &folder_f);
  g_autoptr(TdImportPreview) preview = preview_ok (dir);
  g_autofree char *files = files_text (preview);
  g_autofree char *csv = td_import_preview_problems_to_csv (preview);

  /* Products 43 + 34 bytes, sales 60 + 31. */
  g_assert_cmpstr (files, ==,
                   "partners.csv yes 165 3 0 0\n"
                   "products.csv yes 77 1 0 1\n"
                   "sales.csv yes 91 1 1 1\n"
                   "certifications.csv no 0 0 0 0\n"
                   "deals.csv no 0 0 0 0\n");
  g_assert_false (preview->valid_rows_importable);
  g_assert_cmpuint (preview->n_errors, ==, 2);
  g_assert_cmpstr (csv, ==,
                   "file,line,column,message\n"
                   "products.csv,1,'=HYPERLINK(x),\"unknown column “=HYPERLINK(x)”: this file has the columns"
                   " sku, name, category, list_price\"\n"
                   "sales.csv,2,net_amount,“-5” is negative: returns and credit notes are not part of format version 1\n");
  tc_remove_tree (dir);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

static void
test_progress_and_cancel (void)
{
  g_autofree char *dir = write_folder ("p", &folder_a);
  g_autofree char *not_dir = g_build_filename (dir, "sales.csv", NULL);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TdImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  TdLoadOptions options = { 0 };

  options.progress = record_progress;
  options.progress_data = fractions;
  preview = td_import_preview_dir (dir, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  /* Never backwards, and 1 exactly once, at the end. */
  g_assert_cmpuint (fractions->len, >=, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  for (guint i = 0; i + 1 < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), <, 1.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_clear_pointer (&preview, td_import_preview_unref);

  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  preview = td_import_preview_dir (dir, &options, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (preview);
  g_clear_error (&error);

  preview = td_import_preview_dir (not_dir, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_null (preview);
  tc_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("tierdesk-import-preview-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import-preview/valid", test_valid);
  g_test_add_func ("/import-preview/row-problems", test_row_problems);
  g_test_add_func ("/import-preview/agrees-with-import", test_agrees_with_import);
  g_test_add_func ("/import-preview/missing-file", test_missing_file);
  g_test_add_func ("/import-preview/header-and-formula", test_header_and_formula);
  g_test_add_func ("/import-preview/progress-and-cancel", test_progress_and_cancel);
  status = g_test_run ();

  g_rmdir (test_dir);
  g_free (test_dir);
  return status;
}
