/* td-dataset-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-csv.h"
#include "td-dataset-loader.h"

/* One file being read: its columns, the row at hand and where problems go. */
typedef struct
{
  const TdLoadOptions *options;
  TdProblems   *problems;
  char         *path;
  GMappedFile  *mapped;
  TdCsvReader  *reader;
  const char  **names;        /* the known columns of this file, NULL-terminated */
  int          *column_of;    /* known column → field index, or -1 */
  GPtrArray    *header;       /* field index → header name */
  GArray       *extra;        /* field indexes of unknown columns (partners: attributes) */
  const TdCsvField *fields;
  guint         n_fields;
  guint         line;
  const char   *first_reason; /* of the row at hand */
  gboolean      row_bad;
  gboolean      header_bad;   /* reported; the known columns are still read */
  guint         n_bad_rows;
  guint         n_rows;
} CsvFile;

static void
csv_file_clear (CsvFile *file)
{
  g_clear_pointer (&file->reader, td_csv_reader_free);
  g_clear_pointer (&file->mapped, g_mapped_file_unref);
  g_clear_pointer (&file->path, g_free);
  g_clear_pointer (&file->column_of, g_free);
  g_clear_pointer (&file->header, g_ptr_array_unref);
  g_clear_pointer (&file->extra, g_array_unref);
}

static void G_GNUC_PRINTF (3, 4)
cell_error (CsvFile    *file,
            const char *column,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  td_problems_add_cell (file->problems, TD_SEVERITY_ERROR, file->path, file->line, column, "%s", message);
  if (!file->row_bad)
    {
      const TdProblem *last = td_problems_get (file->problems, td_problems_get_n (file->problems) - 1);
      file->first_reason = last->message;
    }
  file->row_bad = TRUE;
}

static void G_GNUC_PRINTF (2, 3)
file_error (CsvFile    *file,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  td_problems_add_cell (file->problems, TD_SEVERITY_ERROR, file->path, 0, NULL, "%s", message);
}

/* Opens @name in @dir. FALSE with nothing reported when it is absent (or
 * zero bytes, which counts as absent) and not @required. */
static gboolean
csv_file_open (CsvFile             *file,
               const char          *dir,
               const char          *name,
               const char         **names,
               gboolean             required,
               gboolean             extra_allowed,
               const TdLoadOptions *options,
               TdProblems          *problems)
{
  g_autoptr(GError) error = NULL;
  const TdCsvField *fields;
  const char *message;
  guint n_fields, line, bad_field;
  guint n_names = g_strv_length ((char **) names);

  memset (file, 0, sizeof *file);
  file->options = options;
  file->problems = problems;
  file->names = names;
  file->path = g_build_filename (dir, name, NULL);

  if (!g_file_test (file->path, G_FILE_TEST_EXISTS))
    {
      if (required)
        file_error (file, _("the file is missing: partners.csv, products.csv and sales.csv are required"));
      return FALSE;
    }
  file->mapped = g_mapped_file_new (file->path, FALSE, &error);
  if (file->mapped == NULL)
    {
      file_error (file, "%s", error->message);
      return FALSE;
    }
  if (g_mapped_file_get_length (file->mapped) == 0)
    {
      if (required)
        file_error (file, _("the file is empty, which counts as missing: partners.csv, products.csv and sales.csv are required"));
      return FALSE;
    }
  if (!g_utf8_validate_len (g_mapped_file_get_contents (file->mapped), g_mapped_file_get_length (file->mapped), NULL))
    {
      file_error (file, _("the file is not UTF-8 text: save it as UTF-8 and import it again"));
      return FALSE;
    }

  file->reader = td_csv_reader_new (g_mapped_file_get_contents (file->mapped),
                                    g_mapped_file_get_length (file->mapped));
  if (!td_csv_reader_next (file->reader, &fields, &n_fields, &line, &message, &bad_field))
    {
      if (required)
        file_error (file, _("the file is empty: it needs at least a header row"));
      return FALSE;
    }
  file->line = line;
  if (message != NULL)
    {
      cell_error (file, "1", "%s", message);
      return FALSE;
    }

  file->column_of = g_new (int, n_names);
  for (guint i = 0; i < n_names; i++)
    file->column_of[i] = -1;
  file->header = g_ptr_array_new_with_free_func (g_free);
  file->extra = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint f = 0; f < n_fields; f++)
    {
      const char *start = fields[f].text, *end = fields[f].text + fields[f].length;
      char *column;
      int known = -1;

      while (start < end && g_ascii_isspace (*start))
        start++;
      while (end > start && g_ascii_isspace (end[-1]))
        end--;
      column = g_strndup (start, (gsize) (end - start));
      g_ptr_array_add (file->header, column);

      for (guint i = 0; i < n_names; i++)
        if (strcmp (names[i], column) == 0)
          known = (int) i;

      if (column[0] == '\0')
        cell_error (file, column, _("a column has no name in the header"));
      else if (known >= 0 && file->column_of[known] >= 0)
        cell_error (file, column, _("the column “%s” appears twice in the header"), column);
      else if (known >= 0)
        file->column_of[known] = (int) f;
      else if (extra_allowed)
        {
          for (guint e = 0; e < file->extra->len; e++)
            if (strcmp (file->header->pdata[g_array_index (file->extra, guint, e)], column) == 0)
              cell_error (file, column, _("the column “%s” appears twice in the header"), column);
          g_array_append_val (file->extra, f);
        }
      else
        {
          g_autofree char *list = g_strjoinv (", ", (char **) names);
          cell_error (file, column, _("unknown column “%s”: this file has the columns %s"), column, list);
        }
    }
  /* Reading on lets the rows' own problems be reported too. */
  file->header_bad = file->row_bad;
  file->row_bad = FALSE;
  return TRUE;
}

static gboolean
csv_file_require (CsvFile    *file,
                  const char *const *required)
{
  gboolean ok = TRUE;

  for (guint i = 0; required[i] != NULL; i++)
    for (guint k = 0; file->names[k] != NULL; k++)
      if (strcmp (file->names[k], required[i]) == 0 && file->column_of[k] < 0)
        {
          file->line = 1;
          cell_error (file, required[i], _("the required column “%s” is missing from the header"), required[i]);
          file->row_bad = FALSE;
          file->header_bad = TRUE;
          ok = FALSE;
        }
  return ok;
}

/* The next row, its field count checked; FALSE at the end. */
static gboolean
csv_file_next (CsvFile *file)
{
  const char *message;
  guint bad_field;

  for (;;)
    {
      if (!td_csv_reader_next (file->reader, &file->fields, &file->n_fields, &file->line, &message, &bad_field))
        return FALSE;
      file->row_bad = FALSE;
      file->first_reason = NULL;
      file->n_rows++;
      if (message != NULL)
        {
          cell_error (file, bad_field < file->header->len ? (const char *) file->header->pdata[bad_field] : "?",
                      "%s", message);
          return TRUE;
        }
      if (file->n_fields != file->header->len)
        {
          g_autofree char *number = g_strdup_printf ("%u", MIN (file->n_fields, file->header->len) + 1);
          cell_error (file, file->n_fields < file->header->len ? (const char *) file->header->pdata[file->n_fields] : number,
                      _("the row has %u fields, the header has %u"), file->n_fields, file->header->len);
        }
      return TRUE;
    }
}

/* The trimmed text of a known column; empty when the column is absent. */
static TdCsvField
cell (const CsvFile *file,
      int            column)
{
  TdCsvField field = { "", 0 };
  int index = file->column_of[column];

  if (index < 0 || (guint) index >= file->n_fields)
    return field;
  field = file->fields[index];
  while (field.length > 0 && g_ascii_isspace (*field.text))
    field.text++, field.length--;
  while (field.length > 0 && g_ascii_isspace (field.text[field.length - 1]))
    field.length--;
  return field;
}

static char *
cell_strdup (const CsvFile *file,
             int            column)
{
  TdCsvField field = cell (file, column);

  return g_strndup (field.text, field.length);
}

/* Reports the row and tells the caller to drop it; without skip_invalid
 * the whole load fails later anyway. */
static void
finish_row (CsvFile *file)
{
  if (!file->row_bad)
    return;
  file->n_bad_rows++;
  if (file->options->skip_invalid && file->options->reject != NULL)
    {
      const char *record;
      gsize length;

      td_csv_reader_raw_record (file->reader, &record, &length);
      file->options->reject (file->path, file->line, record, length,
                             file->first_reason, file->options->reject_data);
    }
}

static gboolean
cancelled (const TdLoadOptions *options)
{
  return options->cancellable != NULL && g_cancellable_is_cancelled (options->cancellable);
}

static void
report_progress (const TdLoadOptions *options,
                 CsvFile             *file,
                 double               start,
                 double               share)
{
  if (options->progress != NULL && (file->n_rows & 0xffff) == 0)
    options->progress (start + share * (double) td_csv_reader_offset (file->reader) /
                               (double) MAX (g_mapped_file_get_length (file->mapped), 1),
                       options->progress_data);
}

static gboolean
read_date_cell (CsvFile    *file,
                int         column,
                const char *name,
                gboolean    required,
                TdDate     *out)
{
  TdCsvField field = cell (file, column);

  *out = TD_DATE_NONE;
  if (field.length == 0)
    {
      if (required)
        cell_error (file, name, _("a date is required here"));
      return !required;
    }
  switch (td_date_parse_n (field.text, field.length, out))
    {
    case 0:
      return TRUE;
    case 2:
      cell_error (file, name, _("“%.*s” is not a date in the calendar"), (int) field.length, field.text);
      return FALSE;
    default:
      cell_error (file, name, _("“%.*s” is not a date of the form YYYY-MM-DD"), (int) field.length, field.text);
      return FALSE;
    }
}

static gboolean
read_money_cell (CsvFile    *file,
                 int         column,
                 const char *name,
                 TdMoney    *out)
{
  TdCsvField field = cell (file, column);

  if (td_money_parse_n (field.text, field.length, out))
    return TRUE;
  if (field.length == 0)
    cell_error (file, name, _("an amount is required here"));
  else if (field.text[0] == '-')
    cell_error (file, name, _("“%.*s” is negative: returns and credit notes are not part of format version 1"),
                (int) field.length, field.text);
  else
    cell_error (file, name, _("“%.*s” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”"),
                (int) field.length, field.text);
  return FALSE;
}

static gboolean
read_required_text (CsvFile    *file,
                    int         column,
                    const char *name,
                    TdCsvField *out)
{
  *out = cell (file, column);
  if (out->length > 0)
    return TRUE;
  cell_error (file, name, _("this cell must not be empty"));
  return FALSE;
}

/* yes/true → 1, no/false → 0, empty → 0, else -?[0-9]+(\.[0-9]+)?, kept
 * as floor (value × 10,000). */
static gboolean
parse_attribute (const char *text,
                 gsize       length,
                 gint64     *out)
{
  gboolean negative = FALSE;
  gint64 whole = 0, fraction = 0;
  gsize i = 0, decimals = 0;
  gboolean inexact = FALSE;

  if (length == 0 || (length == 2 && g_ascii_strncasecmp (text, "no", 2) == 0) ||
      (length == 5 && g_ascii_strncasecmp (text, "false", 5) == 0))
    {
      *out = 0;
      return TRUE;
    }
  if ((length == 3 && g_ascii_strncasecmp (text, "yes", 3) == 0) ||
      (length == 4 && g_ascii_strncasecmp (text, "true", 4) == 0))
    {
      *out = 10000;
      return TRUE;
    }
  if (text[0] == '-')
    negative = TRUE, i = 1;
  if (i == length || !g_ascii_isdigit (text[i]))
    return FALSE;
  for (; i < length && g_ascii_isdigit (text[i]); i++)
    {
      whole = whole * 10 + (text[i] - '0');
      if (whole > G_MAXINT64 / 100000)
        return FALSE;
    }
  if (i < length)
    {
      if (text[i] != '.' || i + 1 == length)
        return FALSE;
      for (i++; i < length; i++, decimals++)
        {
          if (!g_ascii_isdigit (text[i]))
            return FALSE;
          if (decimals < 4)
            fraction = fraction * 10 + (text[i] - '0');
          else if (text[i] != '0')
            inexact = TRUE;
        }
    }
  for (; decimals < 4; decimals++)
    fraction *= 10;
  *out = whole * 10000 + fraction;
  /* floor: −1.23456 is below −1.2345 */
  if (negative)
    *out = -*out - (inexact ? 1 : 0);
  return TRUE;
}

enum { P_ID, P_NAME, P_COUNTRY, P_JOINED, P_TIER };
static const char *partner_columns[] = { "partner_id", "name", "country", "joined_on", "tier", NULL };
static const char *const partner_required[] = { "partner_id", "name", NULL };

enum { R_SKU, R_NAME, R_CATEGORY, R_PRICE };
static const char *product_columns[] = { "sku", "name", "category", "list_price", NULL };

enum { S_ID, S_DATE, S_PARTNER, S_CUSTOMER, S_SKU, S_QUANTITY, S_NET, S_CHANNEL, S_DISTRIBUTOR,
       S_INVOICE, S_LICENSE, S_RENEWAL };
static const char *sale_columns[] = { "sale_id", "date", "partner_id", "customer_id", "sku", "quantity",
                                      "net_amount", "channel", "distributor", "invoice_ref", "license_key",
                                      "renewal", NULL };
static const char *const sale_required[] = { "sale_id", "date", "partner_id", "customer_id", "sku",
                                             "quantity", "net_amount", NULL };

enum { C_PARTNER, C_PERSON, C_CERTIFICATION, C_EARNED, C_LEFT };
static const char *certification_columns[] = { "partner_id", "person", "certification", "earned_on", "left_on", NULL };
static const char *const certification_required[] = { "partner_id", "person", "certification", "earned_on", NULL };

enum { D_ID, D_PARTNER, D_CUSTOMER, D_REGISTERED, D_STATUS, D_CLOSED };
static const char *deal_columns[] = { "deal_id", "partner_id", "customer_id", "registered_on", "status", "closed_on", NULL };
static const char *const deal_required[] = { "deal_id", "partner_id", "customer_id", "registered_on", NULL };

/* Partners in file order, before they are sorted by id. */
typedef struct
{
  GPtrArray *ids, *names, *countries, *tiers;
  GArray    *joined, *lines, *attributes;   /* attributes: row-major */
} PartnerRows;

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  GPtrArray *ids = user_data;

  return strcmp (ids->pdata[*(const guint *) a], ids->pdata[*(const guint *) b]);
}

static gboolean
load_partners (const char          *dir,
               const TdLoadOptions *options,
               TdProblems          *problems,
               TdDataset           *dataset,
               GHashTable         **file_index_out)
{
  CsvFile file;
  PartnerRows rows = { 0 };
  g_autoptr(GHashTable) lines_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *order = NULL;
  guint n, n_attributes;
  gboolean ok;

  ok = csv_file_open (&file, dir, "partners.csv", partner_columns, TRUE, TRUE, options, problems);
  if (!ok || !csv_file_require (&file, partner_required))
    {
      csv_file_clear (&file);
      return FALSE;
    }

  n_attributes = file.extra->len;
  rows.ids = g_ptr_array_new_with_free_func (g_free);
  rows.names = g_ptr_array_new_with_free_func (g_free);
  rows.countries = g_ptr_array_new_with_free_func (g_free);
  rows.tiers = g_ptr_array_new_with_free_func (g_free);
  rows.joined = g_array_new (FALSE, FALSE, sizeof (TdDate));
  rows.lines = g_array_new (FALSE, FALSE, sizeof (guint));
  rows.attributes = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (csv_file_next (&file))
    {
      TdCsvField id, name, tier;
      TdDate joined = TD_DATE_NONE;
      g_autofree gint64 *values = g_new0 (gint64, MAX (n_attributes, 1));

      if (!file.row_bad)
        {
          if (read_required_text (&file, P_ID, "partner_id", &id))
            {
              g_autofree char *key = g_strndup (id.text, id.length);
              gpointer first = g_hash_table_lookup (lines_by_id, key);
              if (first != NULL)
                cell_error (&file, "partner_id", _("the partner “%s” is already listed on line %u"),
                            key, GPOINTER_TO_UINT (first));
            }
          read_required_text (&file, P_NAME, "name", &name);
          read_date_cell (&file, P_JOINED, "joined_on", FALSE, &joined);
          for (guint a = 0; a < n_attributes; a++)
            {
              guint index = g_array_index (file.extra, guint, a);
              TdCsvField field = file.fields[index];
              while (field.length > 0 && g_ascii_isspace (*field.text))
                field.text++, field.length--;
              while (field.length > 0 && g_ascii_isspace (field.text[field.length - 1]))
                field.length--;
              if (!parse_attribute (field.text, field.length, &values[a]))
                cell_error (&file, file.header->pdata[index],
                            _("“%.*s” is not an attribute value: use a number, yes/no, true/false or leave it empty"),
                            (int) field.length, field.text);
            }
        }
      finish_row (&file);
      if (file.row_bad)
        continue;

      g_hash_table_insert (lines_by_id, g_strndup (id.text, id.length), GUINT_TO_POINTER (file.line));
      g_ptr_array_add (rows.ids, g_strndup (id.text, id.length));
      g_ptr_array_add (rows.names, cell_strdup (&file, P_NAME));
      g_ptr_array_add (rows.countries, cell_strdup (&file, P_COUNTRY));
      tier = cell (&file, P_TIER);
      g_ptr_array_add (rows.tiers, tier.length > 0 ? g_strndup (tier.text, tier.length) : NULL);
      g_array_append_val (rows.joined, joined);
      g_array_append_val (rows.lines, file.line);
      g_array_append_vals (rows.attributes, values, n_attributes);
    }
  ok = !file.header_bad && (file.n_bad_rows == 0 || options->skip_invalid);

  /* Number partners in partner_id order, the order of every report. */
  n = rows.ids->len;
  order = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_ids, rows.ids);

  dataset->n_partners = n;
  dataset->partner_name = g_new0 (char *, MAX (n, 1));
  dataset->partner_country = g_new0 (char *, MAX (n, 1));
  dataset->partner_tier = g_new0 (char *, MAX (n, 1));
  dataset->partner_joined = g_new (TdDate, MAX (n, 1));
  dataset->partner_line = g_new (guint, MAX (n, 1));
  dataset->n_attributes = n_attributes;
  dataset->attribute_names = g_new0 (char *, MAX (n_attributes, 1));
  dataset->attribute_values = g_new0 (gint64, MAX ((gsize) n * n_attributes, 1));
  for (guint a = 0; a < n_attributes; a++)
    dataset->attribute_names[a] = g_strdup (file.header->pdata[g_array_index (file.extra, guint, a)]);

  *file_index_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      guint from = order[i];
      const char *id = rows.ids->pdata[from];

      td_intern_add (dataset->partner_ids, id, strlen (id), NULL);
      dataset->partner_name[i] = g_steal_pointer (&rows.names->pdata[from]);
      dataset->partner_country[i] = g_steal_pointer (&rows.countries->pdata[from]);
      dataset->partner_tier[i] = g_steal_pointer (&rows.tiers->pdata[from]);
      dataset->partner_joined[i] = g_array_index (rows.joined, TdDate, from);
      dataset->partner_line[i] = g_array_index (rows.lines, guint, from);
      if (n_attributes > 0)
        memcpy (&dataset->attribute_values[(gsize) i * n_attributes],
                &g_array_index (rows.attributes, gint64, (gsize) from * n_attributes),
                sizeof (gint64) * n_attributes);
    }

  g_ptr_array_unref (rows.ids);
  g_ptr_array_unref (rows.names);
  g_ptr_array_unref (rows.countries);
  g_ptr_array_unref (rows.tiers);
  g_array_unref (rows.joined);
  g_array_unref (rows.lines);
  g_array_unref (rows.attributes);
  csv_file_clear (&file);
  return ok;
}

static gint32
lookup_partner (CsvFile         *file,
                const TdDataset *dataset,
                TdCsvField       id)
{
  gint32 partner = td_intern_lookup (dataset->partner_ids, id.text, id.length);

  if (partner < 0)
    cell_error (file, "partner_id", _("“%.*s” is not a partner of partners.csv"), (int) id.length, id.text);
  return partner;
}

static gboolean
load_products (const char          *dir,
               const TdLoadOptions *options,
               TdProblems          *problems,
               TdDataset           *dataset)
{
  CsvFile file;
  g_autoptr(GArray) categories = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (TdMoney));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean ok;

  ok = csv_file_open (&file, dir, "products.csv", product_columns, TRUE, FALSE, options, problems);
  if (!ok || !csv_file_require (&file, product_columns))
    {
      csv_file_clear (&file);
      return FALSE;
    }

  while (csv_file_next (&file))
    {
      TdCsvField sku, name, category;
      TdMoney price = 0;

      if (!file.row_bad)
        {
          if (read_required_text (&file, R_SKU, "sku", &sku))
            {
              gint32 existing = td_intern_lookup (dataset->skus, sku.text, sku.length);
              if (existing >= 0)
                cell_error (&file, "sku", _("the product “%.*s” is already listed on line %u"),
                            (int) sku.length, sku.text, g_array_index (lines, guint, existing));
            }
          read_required_text (&file, R_NAME, "name", &name);
          read_required_text (&file, R_CATEGORY, "category", &category);
          read_money_cell (&file, R_PRICE, "list_price", &price);
        }
      finish_row (&file);
      if (file.row_bad)
        continue;

      {
        gint32 category_id = td_intern_add (dataset->categories, category.text, category.length, NULL);
        td_intern_add (dataset->skus, sku.text, sku.length, NULL);
        g_array_append_val (categories, category_id);
        g_array_append_val (prices, price);
        g_ptr_array_add (names, g_strndup (name.text, name.length));
        g_array_append_val (lines, file.line);
      }
    }
  ok = !file.header_bad && (file.n_bad_rows == 0 || options->skip_invalid);

  dataset->n_products = names->len;
  dataset->product_category = (gint32 *) g_array_steal (categories, NULL);
  dataset->product_list_price = (TdMoney *) g_array_steal (prices, NULL);
  dataset->product_name = (char **) g_ptr_array_steal (names, NULL);
  csv_file_clear (&file);
  return ok;
}

/* Sales as read, in file order. */
typedef struct
{
  GArray *date, *partner, *customer, *product, *quantity, *net, *distributor, *license, *flags, *id;
} SaleColumns;

static void
sale_columns_init (SaleColumns *columns)
{
  columns->date = g_array_new (FALSE, FALSE, sizeof (TdDate));
  columns->partner = g_array_new (FALSE, FALSE, sizeof (gint32));
  columns->customer = g_array_new (FALSE, FALSE, sizeof (gint32));
  columns->product = g_array_new (FALSE, FALSE, sizeof (gint32));
  columns->quantity = g_array_new (FALSE, FALSE, sizeof (gint32));
  columns->net = g_array_new (FALSE, FALSE, sizeof (TdMoney));
  columns->distributor = g_array_new (FALSE, FALSE, sizeof (gint32));
  columns->license = g_array_new (FALSE, FALSE, sizeof (gint32));
  columns->flags = g_array_new (FALSE, FALSE, sizeof (guint8));
  columns->id = g_array_new (FALSE, FALSE, sizeof (gint32));
}

static void
sale_columns_clear (SaleColumns *columns)
{
  g_array_unref (columns->date);
  g_array_unref (columns->partner);
  g_array_unref (columns->customer);
  g_array_unref (columns->product);
  g_array_unref (columns->quantity);
  g_array_unref (columns->net);
  g_array_unref (columns->distributor);
  g_array_unref (columns->license);
  g_array_unref (columns->flags);
  g_array_unref (columns->id);
}

static gboolean
parse_quantity (TdCsvField field,
                gint32    *out)
{
  gint64 value = 0;

  if (field.length == 0 || field.length > 10)
    return FALSE;
  for (gsize i = 0; i < field.length; i++)
    {
      if (!g_ascii_isdigit (field.text[i]))
        return FALSE;
      value = value * 10 + (field.text[i] - '0');
    }
  if (value < 1 || value > G_MAXINT32)
    return FALSE;
  *out = (gint32) value;
  return TRUE;
}

static gboolean
field_is (TdCsvField  field,
          const char *word)
{
  return field.length == strlen (word) && g_ascii_strncasecmp (field.text, word, field.length) == 0;
}

static gboolean
load_sales (const char          *dir,
            const TdLoadOptions *options,
            TdProblems          *problems,
            TdDataset           *dataset,
            SaleColumns         *columns)
{
  CsvFile file;
  g_autoptr(GArray) id_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean ok;

  ok = csv_file_open (&file, dir, "sales.csv", sale_columns, TRUE, FALSE, options, problems);
  if (!ok || !csv_file_require (&file, sale_required))
    {
      csv_file_clear (&file);
      return FALSE;
    }

  while (csv_file_next (&file))
    {
      TdCsvField id, partner_id, customer, sku, channel, renewal, distributor, license;
      gint32 partner = -1, product = -1, quantity = 0, id_index = -1;
      TdDate date = 0;
      TdMoney net = 0;
      guint8 flags = 0;
      gboolean added = FALSE;

      report_progress (options, &file, 0.1, 0.8);
      if ((file.n_rows & 0xffff) == 0 && cancelled (options))
        break;
      if (file.row_bad)
        {
          finish_row (&file);
          continue;
        }

      if (read_required_text (&file, S_ID, "sale_id", &id))
        {
          id_index = td_intern_add (dataset->sale_ids, id.text, id.length, &added);
          if (!added)
            cell_error (&file, "sale_id", _("the sale “%.*s” is already listed on line %u"),
                        (int) id.length, id.text, g_array_index (id_lines, guint, id_index));
        }
      read_date_cell (&file, S_DATE, "date", TRUE, &date);

      channel = cell (&file, S_CHANNEL);
      if (field_is (channel, "online"))
        flags |= TD_SALE_ONLINE;
      else if (channel.length > 0 && !field_is (channel, "partner"))
        cell_error (&file, "channel", _("“%.*s” is not a channel: use partner, online or leave it empty"),
                    (int) channel.length, channel.text);

      partner_id = cell (&file, S_PARTNER);
      if (partner_id.length > 0)
        partner = lookup_partner (&file, dataset, partner_id);
      else if (!(flags & TD_SALE_ONLINE))
        cell_error (&file, "partner_id", _("the partner may be left empty only for an online sale"));

      read_required_text (&file, S_CUSTOMER, "customer_id", &customer);
      if (read_required_text (&file, S_SKU, "sku", &sku))
        {
          product = td_intern_lookup (dataset->skus, sku.text, sku.length);
          if (product < 0)
            cell_error (&file, "sku", _("“%.*s” is not a product of products.csv"), (int) sku.length, sku.text);
        }
      if (!parse_quantity (cell (&file, S_QUANTITY), &quantity))
        {
          TdCsvField field = cell (&file, S_QUANTITY);
          cell_error (&file, "quantity", _("“%.*s” is not a quantity: write a whole number ≥ 1"),
                      (int) field.length, field.text);
        }
      read_money_cell (&file, S_NET, "net_amount", &net);

      renewal = cell (&file, S_RENEWAL);
      if (field_is (renewal, "1") || field_is (renewal, "true"))
        flags |= TD_SALE_RENEWAL;
      else if (renewal.length > 0 && !field_is (renewal, "0") && !field_is (renewal, "false"))
        cell_error (&file, "renewal", _("“%.*s” is not a renewal flag: use 0, 1, true, false or leave it empty"),
                    (int) renewal.length, renewal.text);
      if (cell (&file, S_INVOICE).length > 0)
        flags |= TD_SALE_HAS_INVOICE;

      if (added)
        g_array_append_val (id_lines, file.line);
      finish_row (&file);
      if (file.row_bad)
        continue;

      distributor = cell (&file, S_DISTRIBUTOR);
      license = cell (&file, S_LICENSE);
      {
        gint32 customer_id = td_intern_add (dataset->customers, customer.text, customer.length, NULL);
        gint32 distributor_id = distributor.length > 0 ?
                                td_intern_add (dataset->distributors, distributor.text, distributor.length, NULL) : -1;
        gint32 license_id = license.length > 0 ?
                            td_intern_add (dataset->licenses, license.text, license.length, NULL) : -1;

        g_array_append_val (columns->date, date);
        g_array_append_val (columns->partner, partner);
        g_array_append_val (columns->customer, customer_id);
        g_array_append_val (columns->product, product);
        g_array_append_val (columns->quantity, quantity);
        g_array_append_val (columns->net, net);
        g_array_append_val (columns->distributor, distributor_id);
        g_array_append_val (columns->license, license_id);
        g_array_append_val (columns->flags, flags);
        g_array_append_val (columns->id, id_index);
      }
    }
  ok = !file.header_bad && (file.n_bad_rows == 0 || options->skip_invalid) && !cancelled (options);
  csv_file_clear (&file);
  return ok;
}

typedef struct
{
  const TdDate *date;
  const gint32 *id;
  const TdIntern *ids;
} SaleOrder;

static int
compare_sales (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SaleOrder *order = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (order->date[x] != order->date[y])
    return order->date[x] < order->date[y] ? -1 : 1;
  return strcmp (td_intern_get (order->ids, order->id[x]), td_intern_get (order->ids, order->id[y]));
}

#define PERMUTE(type, field, source)                                   \
  G_STMT_START {                                                       \
    const type *from = (const type *) (gpointer) (source)->data;       \
    dataset->field = g_new (type, MAX (n, 1));                         \
    for (guint i = 0; i < n; i++)                                      \
      dataset->field[i] = from[permutation[i]];                        \
  } G_STMT_END

/* Sorts the sales by (date, sale_id) once. Files are usually written in
 * that order already, which a single pass confirms. */
static void
store_sales (TdDataset   *dataset,
             SaleColumns *columns)
{
  guint n = columns->date->len;
  SaleOrder order = { (const TdDate *) (gpointer) columns->date->data,
                      (const gint32 *) (gpointer) columns->id->data, dataset->sale_ids };
  g_autofree guint *permutation = g_new (guint, MAX (n, 1));
  gboolean sorted = TRUE;

  for (guint i = 0; i < n; i++)
    {
      permutation[i] = i;
      if (i > 0 && sorted && compare_sales (&permutation[i - 1], &permutation[i], &order) > 0)
        sorted = FALSE;
    }
  if (!sorted)
    g_qsort_with_data (permutation, (gint) n, sizeof (guint), compare_sales, &order);

  dataset->n_sales = n;
  PERMUTE (TdDate, sale_date, columns->date);
  PERMUTE (gint32, sale_partner, columns->partner);
  PERMUTE (gint32, sale_customer, columns->customer);
  PERMUTE (gint32, sale_product, columns->product);
  PERMUTE (gint32, sale_quantity, columns->quantity);
  PERMUTE (TdMoney, sale_net, columns->net);
  PERMUTE (gint32, sale_distributor, columns->distributor);
  PERMUTE (gint32, sale_license, columns->license);
  PERMUTE (guint8, sale_flags, columns->flags);
  PERMUTE (gint32, sale_id, columns->id);
}

static gboolean
load_certifications (const char          *dir,
                     const TdLoadOptions *options,
                     TdProblems          *problems,
                     TdDataset           *dataset)
{
  CsvFile file;
  g_autoptr(GArray) partner = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) person = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) name = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) earned = g_array_new (FALSE, FALSE, sizeof (TdDate));
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (TdDate));
  guint errors_before = td_problems_count (problems, TD_SEVERITY_ERROR);
  gboolean ok;

  if (csv_file_open (&file, dir, "certifications.csv", certification_columns, FALSE, FALSE, options, problems) &&
      csv_file_require (&file, certification_required))
    while (csv_file_next (&file))
      {
        TdCsvField partner_id, who, what;
        gint32 p = -1;
        TdDate e = 0, l = TD_DATE_NONE;

        if (!file.row_bad)
          {
            if (read_required_text (&file, C_PARTNER, "partner_id", &partner_id))
              p = lookup_partner (&file, dataset, partner_id);
            read_required_text (&file, C_PERSON, "person", &who);
            read_required_text (&file, C_CERTIFICATION, "certification", &what);
            read_date_cell (&file, C_EARNED, "earned_on", TRUE, &e);
            read_date_cell (&file, C_LEFT, "left_on", FALSE, &l);
          }
        finish_row (&file);
        if (file.row_bad)
          continue;
        {
          gint32 person_id = td_intern_add (dataset->persons, who.text, who.length, NULL);
          gint32 name_id = td_intern_add (dataset->certification_names, what.text, what.length, NULL);
          g_array_append_val (partner, p);
          g_array_append_val (person, person_id);
          g_array_append_val (name, name_id);
          g_array_append_val (earned, e);
          g_array_append_val (left, l);
        }
      }
  /* Row problems are dropped rows under --skip-invalid; any other problem
   * (the header, the file itself) fails the load. */
  ok = td_problems_count (problems, TD_SEVERITY_ERROR) == errors_before ||
       (options->skip_invalid && file.n_bad_rows > 0 && !file.header_bad);

  dataset->n_certifications = partner->len;
  dataset->certification_partner = (gint32 *) g_array_steal (partner, NULL);
  dataset->certification_person = (gint32 *) g_array_steal (person, NULL);
  dataset->certification_name = (gint32 *) g_array_steal (name, NULL);
  dataset->certification_earned = (TdDate *) g_array_steal (earned, NULL);
  dataset->certification_left = (TdDate *) g_array_steal (left, NULL);
  csv_file_clear (&file);
  return ok;
}

static gboolean
load_deals (const char          *dir,
            const TdLoadOptions *options,
            TdProblems          *problems,
            TdDataset           *dataset)
{
  CsvFile file;
  g_autoptr(GArray) partner = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) customer = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) registered = g_array_new (FALSE, FALSE, sizeof (TdDate));
  g_autoptr(GArray) closed = g_array_new (FALSE, FALSE, sizeof (TdDate));
  g_autoptr(GArray) status = g_array_new (FALSE, FALSE, sizeof (guint8));
  g_autoptr(GArray) id_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  guint errors_before = td_problems_count (problems, TD_SEVERITY_ERROR);
  gboolean ok;

  if (csv_file_open (&file, dir, "deals.csv", deal_columns, FALSE, FALSE, options, problems) &&
      csv_file_require (&file, deal_required))
    while (csv_file_next (&file))
      {
        TdCsvField id, partner_id, customer_id, state;
        gint32 p = -1;
        TdDate r = 0, c = TD_DATE_NONE;
        guint8 s = TD_DEAL_OPEN;
        gboolean added = FALSE;

        if (!file.row_bad)
          {
            if (read_required_text (&file, D_ID, "deal_id", &id))
              {
                gint32 index = td_intern_add (dataset->deal_ids, id.text, id.length, &added);
                if (!added)
                  cell_error (&file, "deal_id", _("the deal “%.*s” is already listed on line %u"),
                              (int) id.length, id.text, g_array_index (id_lines, guint, index));
                else
                  g_array_append_val (id_lines, file.line);
              }
            if (read_required_text (&file, D_PARTNER, "partner_id", &partner_id))
              p = lookup_partner (&file, dataset, partner_id);
            read_required_text (&file, D_CUSTOMER, "customer_id", &customer_id);
            read_date_cell (&file, D_REGISTERED, "registered_on", TRUE, &r);
            read_date_cell (&file, D_CLOSED, "closed_on", FALSE, &c);
            state = cell (&file, D_STATUS);
            if (field_is (state, "won"))
              s = TD_DEAL_WON;
            else if (field_is (state, "lost"))
              s = TD_DEAL_LOST;
            else if (state.length > 0 && !field_is (state, "open"))
              cell_error (&file, "status", _("“%.*s” is not a deal status: use open, won, lost or leave it empty"),
                          (int) state.length, state.text);
            if ((s == TD_DEAL_WON || s == TD_DEAL_LOST) && cell (&file, D_CLOSED).length == 0)
              cell_error (&file, "closed_on", _("a won or lost deal needs the date it was closed"));
          }
        finish_row (&file);
        if (file.row_bad)
          continue;
        {
          gint32 customer_index = td_intern_add (dataset->customers, customer_id.text, customer_id.length, NULL);
          g_array_append_val (partner, p);
          g_array_append_val (customer, customer_index);
          g_array_append_val (registered, r);
          g_array_append_val (closed, c);
          g_array_append_val (status, s);
        }
      }
  ok = td_problems_count (problems, TD_SEVERITY_ERROR) == errors_before ||
       (options->skip_invalid && file.n_bad_rows > 0 && !file.header_bad);

  dataset->n_deals = partner->len;
  dataset->deal_partner = (gint32 *) g_array_steal (partner, NULL);
  dataset->deal_customer = (gint32 *) g_array_steal (customer, NULL);
  dataset->deal_registered = (TdDate *) g_array_steal (registered, NULL);
  dataset->deal_closed = (TdDate *) g_array_steal (closed, NULL);
  dataset->deal_status = (guint8 *) g_array_steal (status, NULL);
  csv_file_clear (&file);
  return ok;
}

TdDataset *
td_dataset_load_dir (const char          *dir,
                     const TdLoadOptions *options,
                     TdProblems          *problems)
{
  static const TdLoadOptions defaults = { 0 };
  g_autoptr(TdDataset) dataset = td_dataset_new ();
  g_autoptr(GHashTable) partner_index = NULL;
  SaleColumns columns;
  guint errors_before = td_problems_count (problems, TD_SEVERITY_ERROR);
  gboolean ok;

  if (options == NULL)
    options = &defaults;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      td_problems_add_cell (problems, TD_SEVERITY_ERROR, dir, 0, NULL, _("not a folder of CSV files"));
      return NULL;
    }

  sale_columns_init (&columns);
  ok = load_partners (dir, options, problems, dataset, &partner_index);
  ok = load_products (dir, options, problems, dataset) && ok;
  /* Sales, certifications and deals name partners and products: read them
   * even after a problem above, so that every problem is reported. */
  ok = load_sales (dir, options, problems, dataset, &columns) && ok;
  ok = load_certifications (dir, options, problems, dataset) && ok;
  ok = load_deals (dir, options, problems, dataset) && ok;
  if (!options->skip_invalid && td_problems_count (problems, TD_SEVERITY_ERROR) > errors_before)
    ok = FALSE;
  if (!ok || cancelled (options))
    {
      sale_columns_clear (&columns);
      return NULL;
    }

  store_sales (dataset, &columns);
  sale_columns_clear (&columns);
  td_dataset_build_indexes (dataset);
  if (options->progress != NULL)
    options->progress (1.0, options->progress_data);
  return g_steal_pointer (&dataset);
}
