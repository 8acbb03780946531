/* td-import-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "td-csv.h"
#include "td-import-preview.h"

static const char *const file_names[TD_IMPORT_N_FILES] = {
  "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv"
};

/* Records between cancellation checks while counting. */
#define COUNT_CHUNK 65536

static int
file_index (const char *path)
{
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;

  for (int i = 0; base != NULL && i < TD_IMPORT_N_FILES; i++)
    if (strcmp (base, file_names[i]) == 0)
      return i;
  return -1;
}

static void
count_reject (const char *file,
              guint       line,
              const char *record,
              gsize       length,
              const char *reason,
              gpointer    user_data)
{
  TdImportPreview *preview = user_data;
  int index = file_index (file);

  if (index >= 0)
    preview->files[index].problem_rows++;
}

/* The records after the header of @path, counted by the loader's CSV
 * reader: only when the loader gave up on the folder and has no counts. */
static gboolean
count_records (const char   *path,
               GCancellable *cancellable,
               guint64      *rows)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(TdCsvReader) reader = NULL;
  const TdCsvField *fields;
  const char *message;
  guint n_fields, line, bad_field;
  guint64 n = 0;

  *rows = 0;
  if (mapped == NULL)
    return TRUE;
  reader = td_csv_reader_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  if (!td_csv_reader_next (reader, &fields, &n_fields, &line, &message, &bad_field))
    return TRUE;
  while (td_csv_reader_next (reader, &fields, &n_fields, &line, &message, &bad_field))
    if (++n % COUNT_CHUNK == 0 && g_cancellable_is_cancelled (cancellable))
      return FALSE;
  *rows = n;
  return TRUE;
}

/* The loader's progress without its final 1.0: the preview reports that
 * once it has counted everything. */
static void
load_progress (double   fraction,
               gpointer user_data)
{
  const TdLoadOptions *caller = user_data;

  if (fraction < 1.0)
    caller->progress (fraction, caller->progress_data);
}

static void
preview_clear (TdImportPreview *preview)
{
  g_free (preview->dir);
  td_problems_free (preview->problems);
}

TdImportPreview *
td_import_preview_ref (TdImportPreview *preview)
{
  g_return_val_if_fail (preview != NULL, NULL);
  return g_atomic_rc_box_acquire (preview);
}

void
td_import_preview_unref (TdImportPreview *preview)
{
  if (preview != NULL)
    g_atomic_rc_box_release_full (preview, (GDestroyNotify) preview_clear);
}

TdImportPreview *
td_import_preview_dir (const char           *dir,
                       const TdLoadOptions  *options,
                       GError              **error)
{
  static const TdLoadOptions defaults = { 0 };
  g_autoptr(TdImportPreview) preview = NULL;
  g_autoptr(TdDataset) data = NULL;
  TdLoadOptions load_options = { 0 };
  GCancellable *cancellable;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  cancellable = options->cancellable;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("“%s” is not a folder"), display);
      return NULL;
    }

  preview = g_atomic_rc_box_new0 (TdImportPreview);
  preview->dir = g_strdup (dir);
  preview->problems = td_problems_new ();
  for (int f = 0; f < TD_IMPORT_N_FILES; f++)
    {
      g_autofree char *path = g_build_filename (dir, file_names[f], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                     NULL, NULL);

      preview->files[f].name = file_names[f];
      preview->files[f].required = f <= 2;
      preview->files[f].bytes = info != NULL ? (guint64) g_file_info_get_size (info) : 0;
      preview->files[f].present = info != NULL && preview->files[f].bytes > 0;
    }

  /* Read as an import of the valid rows reads: every problem is reported
   * either way, and the valid rows are counted too. */
  load_options.skip_invalid = TRUE;
  load_options.reject = count_reject;
  load_options.reject_data = preview;
  if (options->progress != NULL)
    {
      load_options.progress = load_progress;
      load_options.progress_data = (gpointer) options;
    }
  load_options.cancellable = cancellable;
  data = td_dataset_load_dir (dir, &load_options, preview->problems);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (data != NULL)
    {
      guint64 valid[TD_IMPORT_N_FILES] = { data->n_partners, data->n_products, data->n_sales,
                                          data->n_certifications, data->n_deals };

      for (int f = 0; f < TD_IMPORT_N_FILES; f++)
        preview->files[f].rows = valid[f] + preview->files[f].problem_rows;
      if (data->n_sales > 0)
        {
          preview->first_sale = data->sale_date[0];
          preview->last_sale = data->sale_date[data->n_sales - 1];
        }
      preview->valid_rows_importable = TRUE;
    }
  else
    for (int f = 0; f < TD_IMPORT_N_FILES; f++)
      {
        g_autofree char *path = g_build_filename (dir, file_names[f], NULL);

        if (preview->files[f].present && !count_records (path, cancellable, &preview->files[f].rows))
          {
            g_cancellable_set_error_if_cancelled (cancellable, error);
            return NULL;
          }
      }

  for (guint i = 0; i < td_problems_get_n (preview->problems); i++)
    {
      int index = file_index (td_problems_get (preview->problems, i)->file);

      if (index >= 0)
        preview->files[index].n_problems++;
    }
  preview->n_errors = td_problems_count (preview->problems, TD_SEVERITY_ERROR);
  if (options->progress != NULL)
    options->progress (1.0, options->progress_data);
  return g_steal_pointer (&preview);
}

guint64
td_import_preview_rows_to_import (const TdImportPreview *preview,
                                  gboolean               skip_invalid)
{
  guint64 rows = 0;

  g_return_val_if_fail (preview != NULL, 0);

  if (skip_invalid ? !preview->valid_rows_importable : preview->n_errors > 0)
    return 0;
  for (int f = 0; f < TD_IMPORT_N_FILES; f++)
    rows += preview->files[f].rows - preview->files[f].problem_rows;
  return rows;
}

/* RFC 4180, quoted only when needed; a text that a spreadsheet would run
 * as a formula is made plain text by an apostrophe. */
static void
append_cell (GString    *out,
             const char *text)
{
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'
                     || text[0] == '\t' || text[0] == '\r';
  g_autofree char *cell = formula ? g_strconcat ("'", text, NULL) : g_strdup (text);

  if (strpbrk (cell, ",\"\r\n") == NULL)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
td_import_preview_problems_to_csv (const TdImportPreview *preview)
{
  GString *out = g_string_new ("file,line,column,message\n");

  g_return_val_if_fail (preview != NULL, NULL);

  for (guint i = 0; i < td_problems_get_n (preview->problems); i++)
    {
      const TdProblem *problem = td_problems_get (preview->problems, i);
      g_autofree char *base = problem->file != NULL ? g_path_get_basename (problem->file) : g_strdup ("");

      append_cell (out, base);
      if (problem->line > 0)
        g_string_append_printf (out, ",%u,", problem->line);
      else
        g_string_append (out, ",,");
      append_cell (out, problem->column_name != NULL ? problem->column_name : "");
      g_string_append_c (out, ',');
      append_cell (out, problem->message);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
