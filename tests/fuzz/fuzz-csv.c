/* fuzz-csv.c — libFuzzer target: the CSV files of a data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is split at NUL bytes into partners.csv, products.csv,
 * sales.csv, certifications.csv and deals.csv (missing parts: no file).
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "td-dataset-loader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char *const names[] = { "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv" };

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *dir = NULL;
  const char *start = (const char *) data, *end = start + size;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdDataset) dataset = NULL;
  TdLoadOptions options = { 0 };

  if (dir == NULL)
    dir = g_dir_make_tmp ("tierdesk-fuzz-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      const char *stop = start < end ? memchr (start, '\0', (size_t) (end - start)) : NULL;

      if (stop == NULL)
        stop = end;
      if (start < end || i == 0)
        g_file_set_contents (path, start, stop - start, NULL);
      else
        g_unlink (path);
      start = stop < end ? stop + 1 : end;
    }
  dataset = td_dataset_load_dir (dir, &options, problems);
  options.skip_invalid = TRUE;
  if (dataset == NULL)
    {
      g_autoptr(TdProblems) more = td_problems_new ();
      g_autoptr(TdDataset) partial = td_dataset_load_dir (dir, &options, more);
      (void) partial;
    }
  return 0;
}
