/* td-workspace-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "td-csv.h"
#include "td-workspace-data.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static const char *const file_names[] = {
  "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv", NULL
};
enum { F_PARTNERS, F_PRODUCTS, F_SALES, F_CERTIFICATIONS, F_DEALS, N_FILES };

/* Rows between cancellation checks and progress reports while writing. */
#define WRITE_CHUNK 65536

void
td_import_file_free (TdImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->sha256);
  g_free (file);
}

/* ---- SQL helpers ------------------------------------------------------ */

static gboolean
sql_exec (TdWorkspace *workspace,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (td_workspace_get_connection (workspace), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
sql_prepare (TdWorkspace *workspace,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *statement = NULL;
  int rc = sqlite3_prepare_v3 (td_workspace_get_connection (workspace), sql, -1,
                               SQLITE_PREPARE_PERSISTENT, &statement, NULL);

  if (rc != SQLITE_OK)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return NULL;
    }
  return statement;
}

/* Steps an INSERT/DELETE to its end and resets it. */
static gboolean
sql_run (TdWorkspace  *workspace,
         sqlite3_stmt *statement,
         GError      **error)
{
  int rc = sqlite3_step (statement);

  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (TdWorkspace *workspace)
{
  sqlite3 *db = td_workspace_get_connection (workspace);

  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text_or_null (sqlite3_stmt *statement,
                   int           column,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (statement, column);
  else
    sqlite3_bind_text (statement, column, text, -1, SQLITE_STATIC);
}

static void
bind_date_or_null (sqlite3_stmt *statement,
                   int           column,
                   TdDate        date)
{
  if (date == TD_DATE_NONE)
    sqlite3_bind_null (statement, column);
  else
    sqlite3_bind_int64 (statement, column, date);
}

static TdDate
column_date (sqlite3_stmt *statement,
             int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return TD_DATE_NONE;
  return (TdDate) sqlite3_column_int64 (statement, column);
}

static const char *
column_text (sqlite3_stmt *statement,
             int           column,
             gsize        *length)
{
  const char *text = (const char *) sqlite3_column_text (statement, column);

  *length = (gsize) sqlite3_column_bytes (statement, column);
  return text;
}

/* ---- import ----------------------------------------------------------- */

/* What the reject callback collects: the rejects CSV and a count per file. */
typedef struct
{
  const TdLoadOptions *caller;
  GString *csv;
  guint64  rejected[N_FILES];
  GArray  *deal_lines;        /* guint: lines of deals.csv rejected */
} Rejects;

static int
file_index (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  for (int i = 0; i < N_FILES; i++)
    if (strcmp (base, file_names[i]) == 0)
      return i;
  return -1;
}

static void
csv_quote (GString    *out,
           const char *text,
           gsize       length)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '"');
}

static void
collect_reject (const char *file,
                guint       line,
                const char *record,
                gsize       length,
                const char *reason,
                gpointer    user_data)
{
  Rejects *rejects = user_data;
  g_autofree char *base = g_path_get_basename (file);
  int index = file_index (file);

  if (index >= 0)
    rejects->rejected[index]++;
  if (index == F_DEALS)
    g_array_append_val (rejects->deal_lines, line);
  /* Without its line break: the record is one quoted field. */
  while (length > 0 && (record[length - 1] == '\n' || record[length - 1] == '\r'))
    length--;
  g_string_append_printf (rejects->csv, "%s,%u,", base, line);
  csv_quote (rejects->csv, reason != NULL ? reason : "", reason != NULL ? strlen (reason) : 0);
  g_string_append_c (rejects->csv, ',');
  csv_quote (rejects->csv, record, length);
  g_string_append_c (rejects->csv, '\n');
  if (rejects->caller != NULL && rejects->caller->reject != NULL)
    rejects->caller->reject (file, line, record, length, reason, rejects->caller->reject_data);
}

typedef struct
{
  gboolean present;
  guint64  size;
  char    *sha256;
} FileDigest;

/* Bytes hashed between looks at @stop. */
#define DIGEST_STEP (4 << 20)

/* FALSE with no error when @stop was set. */
static gboolean
digest_file (const char *dir,
             const char *name,
             FileDigest *digest,
             const gint *stop,
             GError    **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GChecksum) checksum = NULL;

  memset (digest, 0, sizeof *digest);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return FALSE;
  digest->size = g_mapped_file_get_length (mapped);
  /* A zero-byte file counts as absent, as for the loader. */
  if (digest->size == 0)
    return TRUE;
  digest->present = TRUE;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint64 at = 0; at < digest->size; at += DIGEST_STEP)
    {
      if (g_atomic_int_get (stop))
        return FALSE;
      g_checksum_update (checksum, (const guchar *) g_mapped_file_get_contents (mapped) + at,
                         (gssize) MIN (DIGEST_STEP, digest->size - at));
    }
  digest->sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

/* The files' sizes and SHA-256, on a thread of their own while the rows
 * are written: hashing 100 MB takes a third of a second, and the write
 * keeps only one core busy. */
typedef struct
{
  char       *dir;
  FileDigest  files[N_FILES];
  GError     *error;
  GThread    *thread;
  gint        stop;              /* the import failed: no need to finish */
} Digests;

static gpointer
digest_files (gpointer user_data)
{
  Digests *digests = user_data;

  for (int f = 0; f < N_FILES; f++)
    if (!digest_file (digests->dir, file_names[f], &digests->files[f], &digests->stop, &digests->error))
      break;
  return NULL;
}

static void
digests_start (Digests    *digests,
               const char *dir)
{
  digests->dir = g_strdup (dir);
  digests->thread = g_thread_try_new ("td-import-digest", digest_files, digests, NULL);
  if (digests->thread == NULL)
    digest_files (digests);
}

/* Waits for the digests; FALSE if a file could not be read. */
static gboolean
digests_finish (Digests *digests,
                GError **error)
{
  if (digests->thread != NULL)
    g_thread_join (g_steal_pointer (&digests->thread));
  if (digests->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&digests->error));
      return FALSE;
    }
  return TRUE;
}

static void
digests_clear (Digests *digests)
{
  if (digests->dir == NULL)
    return;
  g_atomic_int_set (&digests->stop, 1);
  digests_finish (digests, NULL);
  for (int f = 0; f < N_FILES; f++)
    g_free (digests->files[f].sha256);
  g_free (digests->dir);
}

static inline gboolean
is_space (char c)
{
  return (guchar) c <= ' ' && g_ascii_isspace (c);
}

/* The deal_id of each imported deal, in file order. The loader interns
 * the id of a rejected row too, so with rejected rows deals.csv is read
 * again for the ids of the rows that were kept. */
static GPtrArray *
deal_ids (const char      *dir,
          const TdDataset *dataset,
          const Rejects   *rejects,
          GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(TdCsvReader) reader = NULL;
  g_autoptr(GHashTable) rejected = NULL;
  const TdCsvField *fields;
  const char *message;
  guint n_fields, line, bad_field;
  int column = -1;

  if (rejects->deal_lines->len == 0)
    {
      for (guint i = 0; i < dataset->n_deals; i++)
        g_ptr_array_add (ids, g_strdup (td_intern_get (dataset->deal_ids, (gint32) i)));
      return g_steal_pointer (&ids);
    }
  rejected = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < rejects->deal_lines->len; i++)
    g_hash_table_add (rejected, GUINT_TO_POINTER (g_array_index (rejects->deal_lines, guint, i)));
  path = g_build_filename (dir, "deals.csv", NULL);
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  reader = td_csv_reader_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  if (!td_csv_reader_next (reader, &fields, &n_fields, &line, &message, &bad_field))
    n_fields = 0;
  for (guint f = 0; f < n_fields; f++)
    {
      TdCsvField field = fields[f];

      while (field.length > 0 && is_space (*field.text))
        field.text++, field.length--;
      while (field.length > 0 && is_space (field.text[field.length - 1]))
        field.length--;
      if (field.length == 7 && memcmp (field.text, "deal_id", 7) == 0)
        column = (int) f;
    }
  while (column >= 0 && td_csv_reader_next (reader, &fields, &n_fields, &line, &message, &bad_field))
    {
      TdCsvField field;

      if (g_hash_table_contains (rejected, GUINT_TO_POINTER (line)) || (guint) column >= n_fields)
        continue;
      field = fields[column];
      while (field.length > 0 && is_space (*field.text))
        field.text++, field.length--;
      while (field.length > 0 && is_space (field.text[field.length - 1]))
        field.length--;
      g_ptr_array_add (ids, g_strndup (field.text, field.length));
    }
  if (ids->len != dataset->n_deals)
    {
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_FAILED,
                   _("deals.csv changed while it was imported"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

typedef struct
{
  TdWorkspace         *workspace;
  const TdLoadOptions *options;
  guint64              done, total;
} Writer;

static gboolean
writer_tick (Writer  *writer,
             GError **error)
{
  writer->done++;
  if (writer->done % WRITE_CHUNK != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (writer->options->cancellable, error))
    return FALSE;
  if (writer->options->progress != NULL)
    writer->options->progress (0.5 + 0.5 * (double) writer->done / (double) MAX (writer->total, 1),
                               writer->options->progress_data);
  return TRUE;
}

static void
scaled_progress (double   fraction,
                 gpointer user_data)
{
  const TdLoadOptions *caller = user_data;

  /* Reading is the first half, writing the second. */
  if (fraction < 1.0)
    caller->progress (0.5 * fraction, caller->progress_data);
}

/* Sales are inserted this many to a statement: each run of an INSERT
 * opens a statement journal and starts its program, which cost about as
 * much as the row (writing 1 M sales one to a statement took 2.5 s). */
#define SALES_PER_INSERT 64
#define SALE_COLUMNS 12

static char *
sales_insert_sql (guint rows)
{
  GString *sql = g_string_new ("INSERT INTO sale (batch, position, sale_id, date, partner, customer, sku,"
                               " quantity, net_amount, distributor, license_key, flags) VALUES ");

  for (guint r = 0; r < rows; r++)
    g_string_append (sql, r == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?)" : ", (?,?,?,?,?,?,?,?,?,?,?,?)");
  return g_string_free (sql, FALSE);
}

/* Sale @i of @data as the row of parameters @base + 1 … @base + 12. */
static void
bind_sale (sqlite3_stmt    *statement,
           int              base,
           gint64           batch,
           guint            position,
           const TdDataset *data,
           guint            i)
{
  sqlite3_bind_int64 (statement, base + 1, batch);
  sqlite3_bind_int64 (statement, base + 2, position);
  sqlite3_bind_text (statement, base + 3, td_intern_get (data->sale_ids, data->sale_id[i]), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, base + 4, data->sale_date[i]);
  bind_text_or_null (statement, base + 5,
                     data->sale_partner[i] >= 0 ? td_intern_get (data->partner_ids, data->sale_partner[i]) : NULL);
  sqlite3_bind_text (statement, base + 6, td_intern_get (data->customers, data->sale_customer[i]), -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, base + 7, td_intern_get (data->skus, data->sale_product[i]), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, base + 8, data->sale_quantity[i]);
  sqlite3_bind_int64 (statement, base + 9, data->sale_net[i]);
  bind_text_or_null (statement, base + 10,
                     data->sale_distributor[i] >= 0 ? td_intern_get (data->distributors, data->sale_distributor[i]) : NULL);
  bind_text_or_null (statement, base + 11,
                     data->sale_license[i] >= 0 ? td_intern_get (data->licenses, data->sale_license[i]) : NULL);
  sqlite3_bind_int64 (statement, base + 12, data->sale_flags[i]);
}

static gboolean
write_dataset (Writer          *writer,
               gint64           batch,
               const TdDataset *data,
               GPtrArray       *deal_id_list,
               GError         **error)
{
  TdWorkspace *workspace = writer->workspace;
  g_autoptr(sqlite3_stmt) partner = NULL, attribute = NULL, value = NULL, product = NULL;
  g_autoptr(sqlite3_stmt) sale = NULL, sales = NULL, certification = NULL, deal = NULL;
  g_autofree char *sales_sql_1 = sales_insert_sql (1), *sales_sql_n = sales_insert_sql (SALES_PER_INSERT);
  guint pending[SALES_PER_INSERT], n_pending = 0;
  g_autofree guint *order = NULL;
  guint n_ids;
  static const char *const status_names[] = { "open", "won", "lost" };

  partner = sql_prepare (workspace, "INSERT INTO partner (batch, id, name, country, joined_on, tier, line)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  attribute = partner ? sql_prepare (workspace, "INSERT INTO attribute (batch, position, name) VALUES (?1, ?2, ?3)", error) : NULL;
  value = attribute ? sql_prepare (workspace, "INSERT INTO partner_attribute (batch, partner, name, value)"
                                              " VALUES (?1, ?2, ?3, ?4)", error) : NULL;
  product = value ? sql_prepare (workspace, "INSERT INTO product (batch, position, sku, name, category, list_price)"
                                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error) : NULL;
  sale = product ? sql_prepare (workspace, sales_sql_1, error) : NULL;
  sales = sale ? sql_prepare (workspace, sales_sql_n, error) : NULL;
  certification = sales ? sql_prepare (workspace, "INSERT INTO certification (batch, position, partner, person,"
                                                 " certification, earned_on, left_on)"
                                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error) : NULL;
  deal = certification ? sql_prepare (workspace, "INSERT INTO deal (batch, position, deal_id, partner, customer,"
                                                 " registered_on, status, closed_on)"
                                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error) : NULL;
  if (deal == NULL)
    return FALSE;

  for (guint a = 0; a < data->n_attributes; a++)
    {
      sqlite3_bind_int64 (attribute, 1, batch);
      sqlite3_bind_int64 (attribute, 2, a);
      sqlite3_bind_text (attribute, 3, data->attribute_names[a], -1, SQLITE_STATIC);
      if (!sql_run (workspace, attribute, error))
        return FALSE;
    }
  for (guint p = 0; p < data->n_partners; p++)
    {
      const char *id = td_intern_get (data->partner_ids, (gint32) p);

      sqlite3_bind_int64 (partner, 1, batch);
      sqlite3_bind_text (partner, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (partner, 3, data->partner_name[p], -1, SQLITE_STATIC);
      sqlite3_bind_text (partner, 4, data->partner_country[p], -1, SQLITE_STATIC);
      bind_date_or_null (partner, 5, data->partner_joined[p]);
      bind_text_or_null (partner, 6, data->partner_tier[p]);
      sqlite3_bind_int64 (partner, 7, data->partner_line[p]);
      if (!sql_run (workspace, partner, error) || !writer_tick (writer, error))
        return FALSE;
      for (guint a = 0; a < data->n_attributes; a++)
        {
          sqlite3_bind_int64 (value, 1, batch);
          sqlite3_bind_text (value, 2, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (value, 3, data->attribute_names[a], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (value, 4, data->attribute_values[(gsize) p * data->n_attributes + a]);
          if (!sql_run (workspace, value, error))
            return FALSE;
        }
    }
  for (guint i = 0; i < data->n_products; i++)
    {
      sqlite3_bind_int64 (product, 1, batch);
      sqlite3_bind_int64 (product, 2, i);
      sqlite3_bind_text (product, 3, td_intern_get (data->skus, (gint32) i), -1, SQLITE_STATIC);
      sqlite3_bind_text (product, 4, data->product_name[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (product, 5, td_intern_get (data->categories, data->product_category[i]), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (product, 6, data->product_list_price[i]);
      if (!sql_run (workspace, product, error) || !writer_tick (writer, error))
        return FALSE;
    }

  /* Sales in file order, which is the order of their ids in sale_ids:
   * the order the customers, distributors and licences were numbered in. */
  n_ids = td_intern_size (data->sale_ids);
  order = g_new (guint, MAX (n_ids, 1));
  for (guint i = 0; i < n_ids; i++)
    order[i] = G_MAXUINT;
  for (guint i = 0; i < data->n_sales; i++)
    order[data->sale_id[i]] = i;
  for (guint k = 0, position = 0; k < n_ids; k++)
    {
      if (order[k] == G_MAXUINT)
        continue;           /* the id of a rejected row */
      pending[n_pending++] = order[k];
      if (n_pending == SALES_PER_INSERT)
        {
          for (guint r = 0; r < n_pending; r++)
            bind_sale (sales, r * SALE_COLUMNS, batch, position + r, data, pending[r]);
          if (!sql_run (workspace, sales, error))
            return FALSE;
          position += n_pending;
          n_pending = 0;
        }
      if (!writer_tick (writer, error))
        return FALSE;
    }
  for (guint r = 0, position = data->n_sales - n_pending; r < n_pending; r++)
    {
      bind_sale (sale, 0, batch, position + r, data, pending[r]);
      if (!sql_run (workspace, sale, error))
        return FALSE;
    }
  for (guint i = 0; i < data->n_certifications; i++)
    {
      sqlite3_bind_int64 (certification, 1, batch);
      sqlite3_bind_int64 (certification, 2, i);
      sqlite3_bind_text (certification, 3, td_intern_get (data->partner_ids, data->certification_partner[i]), -1, SQLITE_STATIC);
      sqlite3_bind_text (certification, 4, td_intern_get (data->persons, data->certification_person[i]), -1, SQLITE_STATIC);
      sqlite3_bind_text (certification, 5, td_intern_get (data->certification_names, data->certification_name[i]), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (certification, 6, data->certification_earned[i]);
      bind_date_or_null (certification, 7, data->certification_left[i]);
      if (!sql_run (workspace, certification, error) || !writer_tick (writer, error))
        return FALSE;
    }
  for (guint i = 0; i < data->n_deals; i++)
    {
      sqlite3_bind_int64 (deal, 1, batch);
      sqlite3_bind_int64 (deal, 2, i);
      sqlite3_bind_text (deal, 3, deal_id_list->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (deal, 4, td_intern_get (data->partner_ids, data->deal_partner[i]), -1, SQLITE_STATIC);
      sqlite3_bind_text (deal, 5, td_intern_get (data->customers, data->deal_customer[i]), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (deal, 6, data->deal_registered[i]);
      sqlite3_bind_text (deal, 7, status_names[data->deal_status[i]], -1, SQLITE_STATIC);
      bind_date_or_null (deal, 8, data->deal_closed[i]);
      if (!sql_run (workspace, deal, error) || !writer_tick (writer, error))
        return FALSE;
    }
  return TRUE;
}

char *
td_workspace_rejects_path (TdWorkspace *workspace,
                           guint64      batch)
{
  g_return_val_if_fail (workspace != NULL, NULL);
  return g_strdup_printf ("%s-rejects-%" G_GUINT64_FORMAT ".csv", td_workspace_get_path (workspace), batch);
}

/* Whether @name is "BASE-rejects-N.csv.tmp" or, *partial, the temporary
 * file of g_file_set_contents() writing it ("….csv.tmp.XXXXXX"); N in
 * @batch. */
static gboolean
is_rejects_temporary (const char *name,
                      const char *prefix,
                      guint64    *batch,
                      gboolean   *partial)
{
  const char *digits = name + strlen (prefix);
  char *end = NULL;

  if (!g_str_has_prefix (name, prefix) || !g_ascii_isdigit (*digits))
    return FALSE;
  *batch = g_ascii_strtoull (digits, &end, 10);
  if (!g_str_has_prefix (end, ".csv.tmp"))
    return FALSE;
  end += strlen (".csv.tmp");
  *partial = *end == '.';
  return *end == '\0' || *partial;
}

void
td_workspace_recover_rejects (TdWorkspace *workspace)
{
  const char *path = td_workspace_get_path (workspace);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, "-rejects-", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_if_fail (workspace != NULL);

  /* A folder that cannot be listed only keeps its clutter. */
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  if (names->len == 0)
    return;
  exists = sql_prepare (workspace, "SELECT 1 FROM import_batch WHERE id = ?1", NULL);
  if (exists == NULL)
    return;

  /* Under the write lock, no import is between writing its temporary file
   * and its COMMIT, and each removed every file under its number before
   * writing its own: a complete temporary file of a batch that exists is
   * that batch's list, its import killed before the rename; any other is
   * left by an import that never committed. */
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (folder, names->pdata[i], NULL);
      guint64 batch;
      gboolean partial;
      int rc;

      if (!is_rejects_temporary (names->pdata[i], prefix, &batch, &partial))
        continue;
      sqlite3_bind_int64 (exists, 1, (gint64) batch);
      rc = sqlite3_step (exists);
      sqlite3_reset (exists);
      if (rc == SQLITE_ROW && !partial)
        {
          g_autofree char *rejects_path = td_workspace_rejects_path (workspace, batch);
          g_rename (child, rejects_path);
        }
      else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        g_unlink (child);
    }
}

gboolean
td_workspace_import_dir (TdWorkspace         *workspace,
                         const char          *dir,
                         const TdLoadOptions *options,
                         TdProblems          *problems,
                         guint64             *batch_out,
                         GError             **error)
{
  static const TdLoadOptions defaults = { 0 };
  TdLoadOptions load_options;
  Rejects rejects = { 0 };
  g_autoptr(TdProblems) own_problems = NULL;
  g_autoptr(TdDataset) data = NULL;
  g_autoptr(GPtrArray) deal_id_list = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) batch_row = NULL, file_row = NULL;
  g_autofree char *now = NULL, *rejects_path = NULL, *temporary = NULL;
  Digests digests = { 0 };
  guint64 rows[N_FILES];
  guint64 last_batch = 0;
  gboolean foreign_keys_off = FALSE;
  guint errors_before;
  gint64 batch = 0;
  Writer writer = { workspace, NULL, 0, 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (workspace != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (problems == NULL)
    problems = own_problems = td_problems_new ();
  if (!td_workspace_require_writable (workspace, error))
    return FALSE;

  /* 1. Read and check, with the reader of simulate --data. */
  rejects.caller = options;
  rejects.csv = g_string_new ("file,line,reason,record\n");
  rejects.deal_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  load_options = *options;
  load_options.reject = collect_reject;
  load_options.reject_data = &rejects;
  if (options->progress != NULL)
    {
      load_options.progress = scaled_progress;
      load_options.progress_data = (gpointer) options;
    }
  errors_before = td_problems_count (problems, TD_SEVERITY_ERROR);
  data = td_dataset_load_dir (dir, &load_options, problems);
  if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
    goto out;
  if (data == NULL)
    {
      guint n = td_problems_count (problems, TD_SEVERITY_ERROR) - errors_before;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE, "Cannot import “%s”: it has %u error; nothing imported",
                                "Cannot import “%s”: it has %u errors; nothing imported", n),
                   display, n);
      goto out;
    }
  digests_start (&digests, dir);
  deal_id_list = deal_ids (dir, data, &rejects, error);
  if (deal_id_list == NULL)
    goto out;
  rows[F_PARTNERS] = data->n_partners;
  rows[F_PRODUCTS] = data->n_products;
  rows[F_SALES] = data->n_sales;
  rows[F_CERTIFICATIONS] = data->n_certifications;
  rows[F_DEALS] = data->n_deals;

  /* 2. Write it all in one transaction. The foreign keys are not checked
   * on the way: every reference written is to a row of the same batch,
   * written from the same data set (the loader resolved them), and the
   * checks took 0.5 s of the 1.9 s that writing 1 M sales took with them.
   * (The batch row, written last, relies on it too.) The setting cannot
   * change inside a transaction, so it is switched around it. */
  writer.options = options;
  writer.total = data->n_partners + data->n_products + data->n_sales + data->n_certifications + data->n_deals;
  now = td_workspace_timestamp_now (workspace);
  if (!sql_exec (workspace, "PRAGMA foreign_keys = OFF", error))
    goto out;
  foreign_keys_off = TRUE;
  if (!sql_exec (workspace, "BEGIN IMMEDIATE", error))
    goto out;
  /* The id SQLite would give the batch row, which is written last (it
   * names the files, and they are hashed meanwhile). */
  if (!td_workspace_current_batch (workspace, &last_batch, error))
    goto out;
  batch = (gint64) last_batch + 1;
  if (!write_dataset (&writer, batch, data, deal_id_list, error))
    goto out;
  if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
    goto out;
  if (!digests_finish (&digests, error))
    goto out;
  for (int f = 0; f < N_FILES; f++)
    if (digests.files[f].present)
      g_string_append_printf (kinds, "%s%.*s", kinds->len > 0 ? "," : "",
                              (int) (strchr (file_names[f], '.') - file_names[f]), file_names[f]);
  batch_row = sql_prepare (workspace, "INSERT INTO import_batch (id, kinds, source, skip_invalid, author, created_at)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (batch_row == NULL)
    goto out;
  sqlite3_bind_int64 (batch_row, 1, batch);
  sqlite3_bind_text (batch_row, 2, kinds->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (batch_row, 3, dir, -1, SQLITE_STATIC);
  sqlite3_bind_int (batch_row, 4, options->skip_invalid ? 1 : 0);
  sqlite3_bind_text (batch_row, 5, g_get_user_name (), -1, SQLITE_STATIC);
  sqlite3_bind_text (batch_row, 6, now, -1, SQLITE_STATIC);
  if (!sql_run (workspace, batch_row, error))
    goto out;
  file_row = sql_prepare (workspace, "INSERT INTO import_file (batch, name, size, sha256, rows, rejected)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (file_row == NULL)
    goto out;
  for (int f = 0; f < N_FILES; f++)
    {
      if (!digests.files[f].present)
        continue;
      sqlite3_bind_int64 (file_row, 1, batch);
      sqlite3_bind_text (file_row, 2, file_names[f], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (file_row, 3, (gint64) digests.files[f].size);
      sqlite3_bind_text (file_row, 4, digests.files[f].sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (file_row, 5, (gint64) rows[f]);
      sqlite3_bind_int64 (file_row, 6, (gint64) rejects.rejected[f]);
      if (!sql_run (workspace, file_row, error))
        goto out;
    }

  /* The rejects file is written aside before the commit and renamed
   * after it (or, if the import is killed in between, by the next
   * writable open): it exists exactly when its batch does. Files already
   * under this number are stale, an earlier batch's whose undo was killed
   * before it removed them. */
  rejects_path = td_workspace_rejects_path (workspace, (guint64) batch);
  temporary = g_strconcat (rejects_path, ".tmp", NULL);
  g_unlink (rejects_path);
  g_unlink (temporary);
  if (rejects.csv->len > strlen ("file,line,reason,record\n"))
    {
      if (!g_file_set_contents (temporary, rejects.csv->str, (gssize) rejects.csv->len, error))
        goto out;
    }
  else
    g_clear_pointer (&temporary, g_free);
  if (!sql_exec (workspace, "COMMIT", error))
    goto out;
  /* ENOENT with the file in place: another program's writable open
   * renamed it first (td_workspace_recover_rejects). */
  if (temporary != NULL && g_rename (temporary, rejects_path) != 0
      && !(errno == ENOENT && g_file_test (rejects_path, G_FILE_TEST_EXISTS)))
    {
      /* The import stands; only the list of rejects is missing. */
      g_warning ("cannot rename %s: %s", temporary, g_strerror (errno));
    }
  g_clear_pointer (&temporary, g_free);
  if (options->progress != NULL)
    options->progress (1.0, options->progress_data);
  if (batch_out != NULL)
    *batch_out = (guint64) batch;
  ok = TRUE;

out:
  if (!ok)
    {
      rollback (workspace);
      if (temporary != NULL)
        g_unlink (temporary);
    }
  if (foreign_keys_off)
    sql_exec (workspace, "PRAGMA foreign_keys = ON", NULL);
  digests_clear (&digests);
  g_string_free (rejects.csv, TRUE);
  g_array_unref (rejects.deal_lines);
  return ok;
}

/* ---- batches ---------------------------------------------------------- */

/* The batch whose data set is in use: the latest (0 when none). One
 * definition for every query that reads "the data set". */
#define CURRENT_BATCH_SQL "(SELECT coalesce (max (id), 0) FROM import_batch)"

gboolean
td_workspace_current_batch (TdWorkspace *workspace,
                            guint64     *batch_out,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = sql_prepare (workspace, "SELECT " CURRENT_BATCH_SQL, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return FALSE;
    }
  *batch_out = (guint64) sqlite3_column_int64 (statement, 0);
  return TRUE;
}

static void
set_no_batch_error (TdWorkspace *workspace,
                    guint64      batch,
                    GError     **error)
{
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_BATCH,
               _("Workspace “%s” has no import batch %" PRIu64),
               td_workspace_get_display_name (workspace), batch);
}

GPtrArray *
td_workspace_list_import_files (TdWorkspace *workspace,
                                guint64      batch,
                                GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) td_import_file_free);
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;
  int rc;

  g_return_val_if_fail (workspace != NULL, NULL);
  exists = sql_prepare (workspace, "SELECT 1 FROM import_batch WHERE id = ?1", error);
  if (exists == NULL)
    return NULL;
  sqlite3_bind_int64 (exists, 1, (gint64) batch);
  if (sqlite3_step (exists) != SQLITE_ROW)
    {
      set_no_batch_error (workspace, batch, error);
      return NULL;
    }
  statement = sql_prepare (workspace, "SELECT name, size, sha256, rows, rejected FROM import_file"
                                      " WHERE batch = ?1 ORDER BY name", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, (gint64) batch);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      TdImportFile *file = g_new0 (TdImportFile, 1);

      file->name = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      file->size = (guint64) sqlite3_column_int64 (statement, 1);
      file->sha256 = g_strdup ((const char *) sqlite3_column_text (statement, 2));
      file->rows = (guint64) sqlite3_column_int64 (statement, 3);
      file->rejected = (guint64) sqlite3_column_int64 (statement, 4);
      g_ptr_array_add (files, file);
    }
  if (rc != SQLITE_DONE)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return NULL;
    }
  return g_steal_pointer (&files);
}

gboolean
td_workspace_undo_import (TdWorkspace *workspace,
                          guint64      batch,
                          GError     **error)
{
  /* Children first: the foreign keys are checked at each statement. */
  static const char *const deletes[] = {
    "DELETE FROM deal WHERE batch = ?1",
    "DELETE FROM certification WHERE batch = ?1",
    "DELETE FROM sale WHERE batch = ?1",
    "DELETE FROM product WHERE batch = ?1",
    "DELETE FROM partner_attribute WHERE batch = ?1",
    "DELETE FROM attribute WHERE batch = ?1",
    "DELETE FROM partner WHERE batch = ?1",
    "DELETE FROM import_file WHERE batch = ?1",
    "DELETE FROM import_batch WHERE id = ?1",
  };

  g_return_val_if_fail (workspace != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!td_workspace_require_writable (workspace, error))
    return FALSE;
  if (!sql_exec (workspace, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(sqlite3_stmt) statement = sql_prepare (workspace, deletes[i], error);

      if (statement == NULL)
        goto failed;
      sqlite3_bind_int64 (statement, 1, (gint64) batch);
      if (!sql_run (workspace, statement, error))
        goto failed;
      if (i == G_N_ELEMENTS (deletes) - 1 && sqlite3_changes (td_workspace_get_connection (workspace)) == 0)
        {
          set_no_batch_error (workspace, batch, error);
          goto failed;
        }
    }
  if (!sql_exec (workspace, "COMMIT", error))
    goto failed;
  {
    g_autofree char *path = td_workspace_rejects_path (workspace, batch);
    g_unlink (path);
  }
  return TRUE;

failed:
  rollback (workspace);
  return FALSE;
}

void
td_import_batch_free (TdImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->kinds);
  g_free (batch->source);
  g_free (batch->author);
  g_free (batch->created_at);
  g_free (batch);
}

GPtrArray *
td_workspace_list_batches (TdWorkspace *workspace,
                           GError     **error)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) td_import_batch_free);
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = sql_prepare (workspace,
                           "SELECT b.id, b.kinds, b.source, b.skip_invalid, b.author, b.created_at,"
                           "       coalesce (sum (f.rows), 0), coalesce (sum (f.rejected), 0)"
                           " FROM import_batch AS b LEFT JOIN import_file AS f ON f.batch = b.id"
                           " GROUP BY b.id ORDER BY b.id",
                           error);
  if (statement == NULL)
    return NULL;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      TdImportBatch *batch = g_new0 (TdImportBatch, 1);

      batch->id = (guint64) sqlite3_column_int64 (statement, 0);
      batch->kinds = g_strdup ((const char *) sqlite3_column_text (statement, 1));
      batch->source = g_strdup ((const char *) sqlite3_column_text (statement, 2));
      batch->skip_invalid = sqlite3_column_int (statement, 3) != 0;
      batch->author = g_strdup ((const char *) sqlite3_column_text (statement, 4));
      batch->created_at = g_strdup ((const char *) sqlite3_column_text (statement, 5));
      batch->rows = (guint64) sqlite3_column_int64 (statement, 6);
      batch->rejected = (guint64) sqlite3_column_int64 (statement, 7);
      g_ptr_array_add (batches, batch);
    }
  if (rc != SQLITE_DONE)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return NULL;
    }
  return g_steal_pointer (&batches);
}

void
td_data_summary_clear (TdDataSummary *summary)
{
  g_clear_pointer (&summary->imported_at, g_free);
}

gboolean
td_workspace_get_data_summary (TdWorkspace   *workspace,
                               TdDataSummary *summary,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc;

  g_return_val_if_fail (workspace != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  /* One statement: one snapshot of the file. */
  statement = sql_prepare (workspace,
                           "WITH b AS (SELECT " CURRENT_BATCH_SQL " AS id)"
                           " SELECT b.id, (SELECT created_at FROM import_batch WHERE id = b.id),"
                           "  (SELECT count (*) FROM partner WHERE batch = b.id),"
                           "  (SELECT count (*) FROM product WHERE batch = b.id),"
                           "  (SELECT count (*) FROM sale WHERE batch = b.id),"
                           "  (SELECT min (date) FROM sale WHERE batch = b.id),"
                           "  (SELECT max (date) FROM sale WHERE batch = b.id)"
                           " FROM b",
                           error);
  if (statement == NULL)
    return FALSE;
  rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return FALSE;
    }
  summary->batch = (guint64) sqlite3_column_int64 (statement, 0);
  summary->imported_at = g_strdup ((const char *) sqlite3_column_text (statement, 1));
  summary->n_partners = (guint64) sqlite3_column_int64 (statement, 2);
  summary->n_products = (guint64) sqlite3_column_int64 (statement, 3);
  summary->n_sales = (guint64) sqlite3_column_int64 (statement, 4);
  summary->first_sale = (TdDate) sqlite3_column_int64 (statement, 5);
  summary->last_sale = (TdDate) sqlite3_column_int64 (statement, 6);
  return TRUE;
}

GPtrArray *
td_workspace_list_partners (TdWorkspace *workspace,
                            GError     **error)
{
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(sqlite3_stmt) statement = NULL;
  int rc;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = sql_prepare (workspace,
                           "SELECT id, name FROM partner"
                           " WHERE batch = " CURRENT_BATCH_SQL " ORDER BY id",
                           error);
  if (statement == NULL)
    return NULL;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      char **pair = g_new0 (char *, 3);

      pair[0] = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      pair[1] = g_strdup ((const char *) sqlite3_column_text (statement, 1));
      g_ptr_array_add (partners, pair);
    }
  if (rc != SQLITE_DONE)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return NULL;
    }
  return g_steal_pointer (&partners);
}

/* ---- loading ---------------------------------------------------------- */

#define PERMUTE(type, field)                                  \
  G_STMT_START {                                              \
    type *sorted = g_new (type, MAX (n, 1));                  \
    for (guint i = 0; i < n; i++)                             \
      sorted[i] = data->field[permutation[i]];                \
    g_free (data->field);                                     \
    data->field = sorted;                                     \
  } G_STMT_END

/* The sales sorted by (date, sale_id), as the loader sorts them. */
static void
sort_sales (TdDataset *data)
{
  guint n = data->n_sales;
  g_autofree guint *permutation = td_sales_sort_order (data->sale_date, data->sale_id, data->sale_ids, n);

  if (permutation == NULL)
    return;
  PERMUTE (TdDate, sale_date);
  PERMUTE (gint32, sale_partner);
  PERMUTE (gint32, sale_customer);
  PERMUTE (gint32, sale_product);
  PERMUTE (gint32, sale_quantity);
  PERMUTE (TdMoney, sale_net);
  PERMUTE (gint32, sale_distributor);
  PERMUTE (gint32, sale_license);
  PERMUTE (guint8, sale_flags);
  PERMUTE (gint32, sale_id);
}

static gint64
count_rows (TdWorkspace *workspace,
            const char  *table,
            gint64       batch,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s WHERE batch = ?1", table);
  g_autoptr(sqlite3_stmt) statement = sql_prepare (workspace, sql, error);
  int rc;

  if (statement == NULL)
    return -1;
  sqlite3_bind_int64 (statement, 1, batch);
  rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (statement, 0);
}

/* A stored reference the schema should have refused (the file was edited
 * by another tool). */
static gboolean
lookup_or_fail (TdWorkspace    *workspace,
                const TdIntern *intern,
                const char     *text,
                gsize           length,
                const char     *what,
                gint32         *out,
                GError        **error)
{
  *out = td_intern_lookup (intern, text, length);
  if (*out >= 0)
    return TRUE;
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT,
               _("Workspace “%s” is damaged: a row names the unknown %s “%.*s”"),
               td_workspace_get_display_name (workspace), what, (int) length, text);
  return FALSE;
}

/* A key that the schema makes unique, found twice. PRAGMA quick_check
 * does not look at the order of the keys of a b-tree, so an edited or
 * crafted file can hold a partner or a SKU twice; the engine takes the
 * interned id of each for its index. */
static gboolean
add_unique_or_fail (TdWorkspace *workspace,
                    TdIntern    *intern,
                    const char  *text,
                    gsize        length,
                    const char  *what,
                    GError     **error)
{
  gboolean added = FALSE;

  td_intern_add (intern, text, length, &added);
  if (added)
    return TRUE;
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT,
               _("Workspace “%s” is damaged: the %s “%.*s” is there twice"),
               td_workspace_get_display_name (workspace), what, (int) length, text);
  return FALSE;
}

#define STEP_ROWS(statement, rc) ((rc = sqlite3_step (statement)) == SQLITE_ROW)

/* Rows missing from a table: the connection has no error to tell, so
 * SQLite's own words for a damaged file. */
static void
set_missing_rows_error (TdWorkspace *workspace,
                        GError     **error)
{
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT, _("Workspace “%s” is damaged: %s"),
               td_workspace_get_display_name (workspace), sqlite3_errstr (SQLITE_CORRUPT));
}

/* Reading the sales. Decoding the rows is SQLite's work, interning their
 * strings (cache misses in large hash tables) ours; on one thread the two
 * take longer than the CSV loader takes for everything. So two threads
 * read the table at once, on two connections, each some of the columns
 * and the tables they fill: the calling thread the sale ids, dates,
 * partners, products, quantities, amounts and flags; the other the
 * customers, distributors and licences (about the same work). Each table
 * is filled in file order by one thread, so the ids are those of one
 * pass, as in the loader. Without a second connection, the calling
 * thread reads both in turn. */

/* Rows whose strings are interned together: td_intern_add_batch() fetches
 * ahead, which one td_intern_add() per row cannot. */
#define INTERN_RUN 1024

/* One column's strings, copied aside (SQLite's are gone at the next row)
 * until a run is full. */
typedef struct
{
  TdIntern   *intern;
  gint32     *ids;                 /* the data set's column */
  guint       n;
  guint       rows[INTERN_RUN];
  TdInternKey keys[INTERN_RUN];
  gint32      found[INTERN_RUN];
  char       *text;
  gsize       used, size;
} InternRun;

static void
intern_run_init (InternRun *run,
                 TdIntern  *intern,
                 gint32    *ids)
{
  run->intern = intern;
  run->ids = ids;
  run->n = 0;
  run->size = INTERN_RUN * 16;
  run->text = g_malloc (run->size);
  run->used = 0;
}

static void
intern_run_flush (InternRun *run)
{
  gsize at = 0;

  /* The keys point into the text only now: it may have moved. */
  for (guint k = 0; k < run->n; k++)
    {
      gsize length = run->keys[k].length;

      run->keys[k].text = run->text + at;
      at += length;
    }
  if (run->n > 0)
    td_intern_add_batch (run->intern, run->keys, run->n, run->found, NULL);
  for (guint k = 0; k < run->n; k++)
    run->ids[run->rows[k]] = run->found[k];
  run->n = 0;
  run->used = 0;
}

/* Row @row's value, interned (-1 for NULL). */
static void
intern_run_add (InternRun     *run,
                guint          row,
                sqlite3_value *value)
{
  /* The blob accessor gives the bytes as stored; sqlite3_value_text()
   * may have to copy them to add a NUL. */
  const char *text = sqlite3_value_blob (value);
  gsize length = (gsize) sqlite3_value_bytes (value);

  if (text == NULL && sqlite3_value_type (value) == SQLITE_NULL)
    {
      run->ids[row] = -1;
      return;
    }
  if (run->used + length > run->size)
    {
      run->size = MAX (run->size * 2, run->used + length);
      run->text = g_realloc (run->text, run->size);
    }
  if (length > 0)
    memcpy (run->text + run->used, text, length);
  run->used += length;
  run->rows[run->n] = row;
  run->keys[run->n++].length = length;
  if (run->n == INTERN_RUN)
    intern_run_flush (run);
}

static void
intern_run_clear (InternRun *run)
{
  g_clear_pointer (&run->text, g_free);
}

/* What the SQL functions td_read_sales_a() and td_read_sales_b() fill. */
typedef struct
{
  TdDataset *data;
  guint      n;                    /* rows read */
  gint64     position;             /* the last row's */
  gboolean   disordered;
  char      *unknown;              /* the first reference not found */
  const char *unknown_what;
  InternRun  runs[3];
} SaleReader;

/* The calls of the aggregates' steps: one sqlite3_step() reads every row,
 * and the values come as arguments. Read as columns of a result row, the
 * connection's mutex is taken at each sqlite3_column_*() call, which made
 * a row by row read almost twice as slow. Each checks that the rows come in
 * primary key order, as written: any other order would number the ids
 * differently from the loader. */
static gboolean
sale_reader_next (SaleReader      *reader,
                  sqlite3_context *context,
                  sqlite3_value   *position_value)
{
  gint64 position = sqlite3_value_int64 (position_value);

  if (reader->n >= reader->data->n_sales || (reader->n > 0 && position <= reader->position))
    {
      reader->disordered = TRUE;
      sqlite3_result_error_code (context, SQLITE_CORRUPT);
      return FALSE;
    }
  reader->position = position;
  return TRUE;
}

static gint32
look_up (SaleReader     *reader,
         const TdIntern *intern,
         sqlite3_value  *value,
         const char     *what)
{
  const char *text = sqlite3_value_blob (value);
  gsize length = (gsize) sqlite3_value_bytes (value);
  gint32 id;

  if (text == NULL && sqlite3_value_type (value) == SQLITE_NULL)
    return -1;
  id = td_intern_lookup (intern, text != NULL ? text : "", length);
  if (id < 0 && reader->unknown == NULL)
    {
      reader->unknown = g_strndup (text != NULL ? text : "", length);
      reader->unknown_what = what;
    }
  return id;
}

/* td_read_sales_a (position, sale_id, date, partner, sku, quantity,
 * net_amount, flags) */
static void
read_sale_a (sqlite3_context *context,
             int              n_values,
             sqlite3_value  **values)
{
  SaleReader *reader = sqlite3_user_data (context);
  TdDataset *data = reader->data;
  guint i = reader->n;

  if (!sale_reader_next (reader, context, values[0]))
    return;
  intern_run_add (&reader->runs[0], i, values[1]);
  data->sale_date[i] = (TdDate) sqlite3_value_int64 (values[2]);
  data->sale_partner[i] = look_up (reader, data->partner_ids, values[3], "partner");
  data->sale_product[i] = look_up (reader, data->skus, values[4], "product");
  data->sale_quantity[i] = (gint32) sqlite3_value_int64 (values[5]);
  data->sale_net[i] = sqlite3_value_int64 (values[6]);
  data->sale_flags[i] = (guint8) sqlite3_value_int64 (values[7]);
  reader->n++;
}

/* td_read_sales_b (position, customer, distributor, license_key) */
static void
read_sale_b (sqlite3_context *context,
             int              n_values,
             sqlite3_value  **values)
{
  SaleReader *reader = sqlite3_user_data (context);
  guint i = reader->n;

  if (!sale_reader_next (reader, context, values[0]))
    return;
  intern_run_add (&reader->runs[0], i, values[1]);
  intern_run_add (&reader->runs[1], i, values[2]);
  intern_run_add (&reader->runs[2], i, values[3]);
  reader->n++;
}

static void
read_sales_end (sqlite3_context *context)
{
  SaleReader *reader = sqlite3_user_data (context);

  sqlite3_result_int64 (context, reader->n);
}

/* One half of the columns, read on @db. */
typedef struct
{
  TdWorkspace *workspace;
  sqlite3     *db;
  gboolean     second;             /* the other half */
  gint64       batch;
  SaleReader   reader;
  int          rc;                 /* SQLITE_ROW: read */
  GError      *error;              /* set when @db is the workspace's */
} SaleHalf;

static void
sale_half_init (SaleHalf    *half,
                TdWorkspace *workspace,
                TdDataset   *data,
                gint64       batch,
                gboolean     second)
{
  memset (half, 0, sizeof *half);
  half->workspace = workspace;
  half->db = td_workspace_get_connection (workspace);
  half->second = second;
  half->batch = batch;
  half->reader.data = data;
  half->reader.position = -1;
  if (second)
    {
      intern_run_init (&half->reader.runs[0], data->customers, data->sale_customer);
      intern_run_init (&half->reader.runs[1], data->distributors, data->sale_distributor);
      intern_run_init (&half->reader.runs[2], data->licenses, data->sale_license);
    }
  else
    intern_run_init (&half->reader.runs[0], data->sale_ids, data->sale_id);
}

static void
sale_half_clear (SaleHalf *half)
{
  for (guint r = 0; r < G_N_ELEMENTS (half->reader.runs); r++)
    intern_run_clear (&half->reader.runs[r]);
  g_free (half->reader.unknown);
  g_clear_error (&half->error);
}

/* Reads @half's columns with one sqlite3_step(). */
static gpointer
read_sale_half (gpointer user_data)
{
  SaleHalf *half = user_data;
  const char *name = half->second ? "td_read_sales_b" : "td_read_sales_a";
  const char *sql = half->second
    ? "SELECT td_read_sales_b (position, customer, distributor, license_key)"
      " FROM sale WHERE batch = ?1"
    : "SELECT td_read_sales_a (position, sale_id, date, partner, sku, quantity, net_amount, flags)"
      " FROM sale WHERE batch = ?1";
  sqlite3_stmt *statement = NULL;

  /* DIRECTONLY: the file's own schema (views, triggers) cannot call it. */
  half->rc = sqlite3_create_function_v2 (half->db, name, half->second ? 4 : 8, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                         &half->reader, NULL, half->second ? read_sale_b : read_sale_a,
                                         read_sales_end, NULL);
  if (half->rc == SQLITE_OK)
    half->rc = sqlite3_prepare_v2 (half->db, sql, -1, &statement, NULL);
  if (half->rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (statement, 1, half->batch);
      half->rc = sqlite3_step (statement);
    }
  /* Before finalizing, which may change the connection's message. */
  if (half->rc != SQLITE_ROW && half->db == td_workspace_get_connection (half->workspace))
    td_workspace_set_sqlite_error (half->workspace, half->reader.disordered ? SQLITE_CORRUPT : half->rc,
                                   &half->error);
  sqlite3_finalize (statement);
  sqlite3_create_function_v2 (half->db, name, half->second ? 4 : 8, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
  if (half->rc == SQLITE_ROW)
    {
      for (guint r = 0; r < G_N_ELEMENTS (half->reader.runs); r++)
        if (half->reader.runs[r].intern != NULL)
          intern_run_flush (&half->reader.runs[r]);
    }
  return NULL;
}

/* A second connection to the workspace in a read transaction that sees
 * @batch as the first one does, or NULL. The first holds its read lock, so
 * no commit can happen meanwhile (rollback journal); the check is for a
 * file replaced under the same name, or changed in another journal mode:
 * the batch's time and sales.csv digest. Batches never change, only come
 * and go, so the same batch with the same sales.csv has the same rows. */
static sqlite3 *
open_second_reader (TdWorkspace *workspace,
                    gint64       batch)
{
  static const char sql[] = "SELECT b.created_at, f.sha256 FROM import_batch AS b"
                            " JOIN import_file AS f ON f.batch = b.id AND f.name = 'sales.csv'"
                            " WHERE b.id = ?1";
  sqlite3 *db = td_workspace_get_connection (workspace);
  const char *filename = sqlite3_db_filename (db, "main");
  sqlite3 *second = NULL;
  sqlite3_stmt *mine = NULL, *theirs = NULL;
  gboolean same = FALSE;

  if (filename == NULL || filename[0] == '\0' ||
      sqlite3_open_v2 (filename, &second, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  sqlite3_busy_timeout (second, TD_WORKSPACE_BUSY_TIMEOUT_MS);
  sqlite3_db_config (second, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (second, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if (sqlite3_exec (second, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, sql, -1, &mine, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (second, sql, -1, &theirs, NULL) != SQLITE_OK)
    goto out;
  sqlite3_bind_int64 (mine, 1, batch);
  sqlite3_bind_int64 (theirs, 1, batch);
  if (sqlite3_step (mine) == SQLITE_ROW && sqlite3_step (theirs) == SQLITE_ROW)
    same = g_strcmp0 ((const char *) sqlite3_column_text (mine, 0), (const char *) sqlite3_column_text (theirs, 0)) == 0 &&
           g_strcmp0 ((const char *) sqlite3_column_text (mine, 1), (const char *) sqlite3_column_text (theirs, 1)) == 0;

out:
  sqlite3_finalize (mine);
  sqlite3_finalize (theirs);
  if (!same && second != NULL)
    {
      sqlite3_close_v2 (second);
      second = NULL;
    }
  return second;
}

/* The number of rows of @name that @batch imported (0: no such file). */
static gint64
imported_rows (TdWorkspace *workspace,
               gint64       batch,
               const char  *name,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = sql_prepare (workspace, "SELECT rows FROM import_file"
                                                              " WHERE batch = ?1 AND name = ?2", error);
  int rc;

  if (statement == NULL)
    return -1;
  sqlite3_bind_int64 (statement, 1, batch);
  sqlite3_bind_text (statement, 2, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_DONE)
    return 0;
  if (rc != SQLITE_ROW)
    {
      td_workspace_set_sqlite_error (workspace, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (statement, 0);
}

static gboolean
load_sales (TdWorkspace *workspace,
            TdDataset   *data,
            gint64       batch,
            GError     **error)
{
  SaleHalf halves[2];
  sqlite3 *second = NULL;
  GThread *thread = NULL;
  gboolean ok = TRUE;
  gint64 n;

  /* The count import_file keeps: counting the rows would read the whole
   * table once more. The read checks it. */
  if ((n = imported_rows (workspace, batch, "sales.csv", error)) < 0)
    return FALSE;
  if (n > G_MAXINT32)
    {
      set_missing_rows_error (workspace, error);
      return FALSE;
    }
  data->n_sales = (guint) n;
  data->sale_id = g_new (gint32, MAX (n, 1));
  data->sale_date = g_new (TdDate, MAX (n, 1));
  data->sale_partner = g_new (gint32, MAX (n, 1));
  data->sale_customer = g_new (gint32, MAX (n, 1));
  data->sale_product = g_new (gint32, MAX (n, 1));
  data->sale_quantity = g_new (gint32, MAX (n, 1));
  data->sale_net = g_new (TdMoney, MAX (n, 1));
  data->sale_distributor = g_new (gint32, MAX (n, 1));
  data->sale_license = g_new (gint32, MAX (n, 1));
  data->sale_flags = g_new (guint8, MAX (n, 1));
  /* Every sale has an id of its own: room for them all at once. */
  td_intern_reserve (data->sale_ids, data->n_sales, (gsize) data->n_sales * 8);

  sale_half_init (&halves[0], workspace, data, batch, FALSE);
  sale_half_init (&halves[1], workspace, data, batch, TRUE);
  /* Two threads on two connections need SQLite built thread-safe. */
  if (n > 0 && sqlite3_threadsafe () != 0)
    second = open_second_reader (workspace, batch);
  if (second != NULL)
    {
      halves[1].db = second;
      thread = g_thread_try_new ("td-workspace-load", read_sale_half, &halves[1], NULL);
    }
  read_sale_half (&halves[0]);
  if (thread != NULL)
    g_thread_join (thread);
  if (thread == NULL || halves[1].rc != SQLITE_ROW)
    {
      /* Again on the workspace's connection, for its error message or
       * because there was no other. The rows read before were interned
       * in file order, so reading them again gives them the same ids. */
      sale_half_clear (&halves[1]);
      sale_half_init (&halves[1], workspace, data, batch, TRUE);
      if (halves[0].rc == SQLITE_ROW)
        read_sale_half (&halves[1]);
    }
  if (second != NULL)
    sqlite3_close_v2 (second);

  for (int h = 0; h < 2 && ok; h++)
    {
      SaleReader *reader = &halves[h].reader;

      ok = FALSE;
      if (halves[h].rc != SQLITE_ROW)
        g_propagate_error (error, g_steal_pointer (&halves[h].error));
      /* Fewer rows than imported: the file was changed by another tool. */
      else if (reader->n < data->n_sales)
        set_missing_rows_error (workspace, error);
      else if (reader->unknown != NULL)
        g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_CORRUPT,
                     _("Workspace “%s” is damaged: a row names the unknown %s “%.*s”"),
                     td_workspace_get_display_name (workspace), reader->unknown_what,
                     (int) strlen (reader->unknown), reader->unknown);
      else
        ok = TRUE;
    }
  sale_half_clear (&halves[0]);
  sale_half_clear (&halves[1]);
  return ok;
}

static gboolean
load_rows (TdWorkspace *workspace,
           TdDataset   *data,
           gint64       batch,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) s = NULL;
  gint64 n;
  guint i;
  int rc;
  const char *text;
  gsize length;

  /* Partners, by id: the byte order of the loader (BINARY is memcmp). */
  if ((n = count_rows (workspace, "partner", batch, error)) < 0)
    return FALSE;
  data->n_partners = (guint) n;
  data->partner_name = g_new0 (char *, MAX (n, 1));
  data->partner_country = g_new0 (char *, MAX (n, 1));
  data->partner_tier = g_new0 (char *, MAX (n, 1));
  data->partner_joined = g_new (TdDate, MAX (n, 1));
  data->partner_line = g_new (guint, MAX (n, 1));
  s = sql_prepare (workspace, "SELECT id, name, country, joined_on, tier, line FROM partner"
                              " WHERE batch = ?1 ORDER BY id", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, batch);
  for (i = 0; i < data->n_partners && STEP_ROWS (s, rc); i++)
    {
      text = column_text (s, 0, &length);
      if (!add_unique_or_fail (workspace, data->partner_ids, text, length, "partner", error))
        return FALSE;
      data->partner_name[i] = g_strdup ((const char *) sqlite3_column_text (s, 1));
      data->partner_country[i] = g_strdup ((const char *) sqlite3_column_text (s, 2));
      data->partner_joined[i] = column_date (s, 3);
      data->partner_tier[i] = g_strdup ((const char *) sqlite3_column_text (s, 4));
      data->partner_line[i] = (guint) sqlite3_column_int64 (s, 5);
    }
  if (i < data->n_partners)
    goto failed;
  g_clear_pointer (&s, sqlite3_finalize);

  if ((n = count_rows (workspace, "attribute", batch, error)) < 0)
    return FALSE;
  data->n_attributes = (guint) n;
  data->attribute_names = g_new0 (char *, MAX (n, 1));
  data->attribute_values = g_new0 (gint64, MAX ((gsize) data->n_partners * data->n_attributes, 1));
  s = sql_prepare (workspace, "SELECT name FROM attribute WHERE batch = ?1 ORDER BY position", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, batch);
  for (i = 0; i < data->n_attributes && STEP_ROWS (s, rc); i++)
    data->attribute_names[i] = g_strdup ((const char *) sqlite3_column_text (s, 0));
  if (i < data->n_attributes)
    goto failed;
  g_clear_pointer (&s, sqlite3_finalize);
  if (data->n_attributes > 0)
    {
      gsize expected = (gsize) data->n_partners * data->n_attributes, k = 0;

      s = sql_prepare (workspace, "SELECT v.value FROM partner_attribute AS v"
                                  " JOIN attribute AS a ON a.batch = v.batch AND a.name = v.name"
                                  " WHERE v.batch = ?1 ORDER BY v.partner, a.position", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, batch);
      for (; k < expected && STEP_ROWS (s, rc); k++)
        data->attribute_values[k] = sqlite3_column_int64 (s, 0);
      if (k < expected)
        goto failed;
      g_clear_pointer (&s, sqlite3_finalize);
    }

  /* Products, in file order. */
  if ((n = count_rows (workspace, "product", batch, error)) < 0)
    return FALSE;
  data->n_products = (guint) n;
  data->product_name = g_new0 (char *, MAX (n, 1));
  data->product_category = g_new (gint32, MAX (n, 1));
  data->product_list_price = g_new (TdMoney, MAX (n, 1));
  s = sql_prepare (workspace, "SELECT sku, name, category, list_price FROM product"
                              " WHERE batch = ?1 ORDER BY position", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, batch);
  for (i = 0; i < data->n_products && STEP_ROWS (s, rc); i++)
    {
      text = column_text (s, 0, &length);
      if (!add_unique_or_fail (workspace, data->skus, text, length, "product", error))
        return FALSE;
      data->product_name[i] = g_strdup ((const char *) sqlite3_column_text (s, 1));
      text = column_text (s, 2, &length);
      data->product_category[i] = td_intern_add (data->categories, text, length, NULL);
      data->product_list_price[i] = sqlite3_column_int64 (s, 3);
    }
  if (i < data->n_products)
    goto failed;
  g_clear_pointer (&s, sqlite3_finalize);

  /* Sales, in file order: ids, customers, distributors and licences are
   * numbered as the loader numbers them; then sorted as it sorts. */
  if (!load_sales (workspace, data, batch, error))
    return FALSE;
  sort_sales (data);

  /* Certifications and deals, in file order. */
  if ((n = count_rows (workspace, "certification", batch, error)) < 0)
    return FALSE;
  data->n_certifications = (guint) n;
  data->certification_partner = g_new (gint32, MAX (n, 1));
  data->certification_person = g_new (gint32, MAX (n, 1));
  data->certification_name = g_new (gint32, MAX (n, 1));
  data->certification_earned = g_new (TdDate, MAX (n, 1));
  data->certification_left = g_new (TdDate, MAX (n, 1));
  s = sql_prepare (workspace, "SELECT partner, person, certification, earned_on, left_on FROM certification"
                              " WHERE batch = ?1 ORDER BY position", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, batch);
  for (i = 0; i < data->n_certifications && STEP_ROWS (s, rc); i++)
    {
      text = column_text (s, 0, &length);
      if (!lookup_or_fail (workspace, data->partner_ids, text, length, "partner", &data->certification_partner[i], error))
        return FALSE;
      text = column_text (s, 1, &length);
      data->certification_person[i] = td_intern_add (data->persons, text, length, NULL);
      text = column_text (s, 2, &length);
      data->certification_name[i] = td_intern_add (data->certification_names, text, length, NULL);
      data->certification_earned[i] = (TdDate) sqlite3_column_int64 (s, 3);
      data->certification_left[i] = column_date (s, 4);
    }
  if (i < data->n_certifications)
    goto failed;
  g_clear_pointer (&s, sqlite3_finalize);

  if ((n = count_rows (workspace, "deal", batch, error)) < 0)
    return FALSE;
  data->n_deals = (guint) n;
  data->deal_partner = g_new (gint32, MAX (n, 1));
  data->deal_customer = g_new (gint32, MAX (n, 1));
  data->deal_registered = g_new (TdDate, MAX (n, 1));
  data->deal_closed = g_new (TdDate, MAX (n, 1));
  data->deal_status = g_new (guint8, MAX (n, 1));
  s = sql_prepare (workspace, "SELECT deal_id, partner, customer, registered_on, status, closed_on FROM deal"
                              " WHERE batch = ?1 ORDER BY position", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, batch);
  for (i = 0; i < data->n_deals && STEP_ROWS (s, rc); i++)
    {
      const char *status;

      text = column_text (s, 0, &length);
      td_intern_add (data->deal_ids, text, length, NULL);
      text = column_text (s, 1, &length);
      if (!lookup_or_fail (workspace, data->partner_ids, text, length, "partner", &data->deal_partner[i], error))
        return FALSE;
      text = column_text (s, 2, &length);
      data->deal_customer[i] = td_intern_add (data->customers, text, length, NULL);
      data->deal_registered[i] = (TdDate) sqlite3_column_int64 (s, 3);
      status = (const char *) sqlite3_column_text (s, 4);
      data->deal_status[i] = g_strcmp0 (status, "won") == 0 ? TD_DEAL_WON
                             : g_strcmp0 (status, "lost") == 0 ? TD_DEAL_LOST : TD_DEAL_OPEN;
      data->deal_closed[i] = column_date (s, 5);
    }
  if (i < data->n_deals)
    goto failed;
  return TRUE;

failed:
  /* Fewer rows than counted: an SQLite error in the read transaction. */
  if (rc == SQLITE_DONE)
    set_missing_rows_error (workspace, error);
  else
    td_workspace_set_sqlite_error (workspace, rc, error);
  return FALSE;
}

TdDataset *
td_workspace_load_dataset (TdWorkspace *workspace,
                           TdProblems  *problems,
                           GError     **error)
{
  g_autoptr(TdDataset) data = td_dataset_new ();
  guint64 batch = 0;
  gboolean ok;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  (void) problems;  /* the stored data was checked on import */

  /* One read transaction: the batch and its rows are one state. */
  if (!sql_exec (workspace, "BEGIN", error))
    return NULL;
  ok = td_workspace_current_batch (workspace, &batch, error);
  if (ok && batch == 0)
    {
      g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_DATA,
                   _("Workspace “%s” holds no data yet: import a folder of CSV files with tierdesk-cli import"),
                   td_workspace_get_display_name (workspace));
      ok = FALSE;
    }
  ok = ok && load_rows (workspace, data, (gint64) batch, error);
  rollback (workspace);
  if (!ok)
    return NULL;
  td_dataset_build_indexes (data);
  return g_steal_pointer (&data);
}
