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
#include "td-memory.h"

/* What the UTF-8 check counts on its way, for cutting sales.csv in two
 * and sizing arrays: the newlines and quotes before @middle (a character
 * boundary near the middle of the file) and from there on. */
typedef struct
{
  gsize middle;
  gsize newlines[2];
  gsize quotes[2];
} TextCounts;

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
  /* Read on a parser thread: a problem only marks the row bad, and the
   * row is read again where problems can be reported. */
  gboolean      quiet;
  TextCounts    counts;
  char          last_date_text[10];   /* the last date read, YYYY-MM-DD */
  TdDate        last_date;
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

  if (file->quiet)
    {
      file->row_bad = TRUE;
      return;
    }
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

/* Above this size a file is checked and sales.csv parsed on two threads.
 * TIERDESK_PARALLEL_MIN_BYTES sets it, so that tests and fuzzers can
 * check that the result does not depend on it. */
static gsize
parallel_min_bytes (void)
{
  static gsize min_bytes = 0;

  if (g_once_init_enter (&min_bytes))
    {
      const char *text = g_getenv ("TIERDESK_PARALLEL_MIN_BYTES");
      guint64 value = text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;

      if (value == 0)
        value = g_get_num_processors () < 2 ? G_MAXSIZE : 4 << 20;
      g_once_init_leave (&min_bytes, (gsize) value);
    }
  return min_bytes;
}

/* Runs @here_func in this thread and @there_func in another one (or
 * after @here_func, when no thread can be started). */
static void
run_pair (GThreadFunc here_func,
          gpointer    here,
          GThreadFunc there_func,
          gpointer    there)
{
  GThread *thread = g_thread_try_new ("td-csv-load", there_func, there, NULL);

  here_func (here);
  if (thread != NULL)
    g_thread_join (thread);
  else
    there_func (there);
}

/* One half of the file for the UTF-8 check. */
typedef struct
{
  const char *text;
  gsize       length;
  gsize       newlines;
  gsize       quotes;
  gboolean    valid;
} TextScan;

/* Nearly every file is plain ASCII, which a vectorised pass confirms far
 * faster than g_utf8_validate_len(); a block with anything else (or a
 * NUL, which g_utf8_validate_len() refuses too) is left to it. The same
 * pass counts, since it reads every byte anyway. */
static gboolean
scan_ascii_block (TextScan     *scan,
                  const guchar *text,
                  gsize         length)
{
  guchar all = 0, nul = 0;

  /* Byte-wide counts over 255 bytes at most vectorise far better than
   * wide ones. */
  for (gsize start = 0; start < length; start += 255)
    {
      gsize end = MIN (start + 255, length);
      guchar newlines = 0, quotes = 0;

      for (gsize i = start; i < end; i++)
        {
          all |= text[i];
          nul |= text[i] == 0;
          newlines += text[i] == '\n';
          quotes += text[i] == '"';
        }
      scan->newlines += newlines;
      scan->quotes += quotes;
    }
  return all < 0x80 && !nul;
}

static gpointer
scan_text (gpointer data)
{
  TextScan *scan = data;
  const char *p = scan->text, *end = scan->text + scan->length;

  scan->valid = TRUE;
  while (p < end)
    {
      const char *block_end = p + MIN ((gsize) (end - p), 16384);

      if (scan_ascii_block (scan, (const guchar *) p, (gsize) (block_end - p)))
        {
          p = block_end;
          continue;
        }
      /* Blocks end before a character's first byte, never inside one. */
      for (; block_end < end && ((guchar) *block_end & 0xC0) == 0x80; block_end++)
        ;
      if (!g_utf8_validate_len (p, (gsize) (block_end - p), NULL))
        {
          scan->valid = FALSE;
          break;
        }
      /* The continuation bytes just added are neither. */
      p = block_end;
    }
  return NULL;
}

/* g_utf8_validate_len() on the whole text, in two halves at once when it
 * is large, with @counts. */
static gboolean
text_is_utf8 (const char *text,
              gsize       length,
              TextCounts *counts)
{
  TextScan first = { text, length, 0, 0, FALSE }, second = { text + length, 0, 0, 0, TRUE };

  if (length >= parallel_min_bytes ())
    {
      gsize middle = length / 2;

      while (middle < length && ((guchar) text[middle] & 0xC0) == 0x80)
        middle++;
      first.length = middle;
      second.text = text + middle;
      second.length = length - middle;
      run_pair (scan_text, &first, scan_text, &second);
    }
  else
    scan_text (&first);
  counts->middle = first.length;
  counts->newlines[0] = first.newlines;
  counts->newlines[1] = second.newlines;
  counts->quotes[0] = first.quotes;
  counts->quotes[1] = second.quotes;
  return first.valid && second.valid;
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
  if (!text_is_utf8 (g_mapped_file_get_contents (file->mapped), g_mapped_file_get_length (file->mapped), &file->counts))
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

/* Reads the next record as the row at hand and reports what is wrong
 * with the record itself; FALSE at the end. */
static gboolean
csv_file_read (CsvFile *file)
{
  const char *message;
  guint bad_field;

  if (!td_csv_reader_next (file->reader, &file->fields, &file->n_fields, &file->line, &message, &bad_field))
    return FALSE;
  file->row_bad = FALSE;
  file->first_reason = NULL;
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

/* The next row, its field count checked; FALSE at the end. */
static gboolean
csv_file_next (CsvFile *file)
{
  if (!csv_file_read (file))
    return FALSE;
  file->n_rows++;
  return TRUE;
}

/* Makes the record at @offset, on @line, the row at hand again. */
static void
csv_file_reread (CsvFile *file,
                 gsize    offset,
                 guint    line)
{
  td_csv_reader_seek (file->reader, offset, line);
  csv_file_read (file);
}

/* g_ascii_isspace(), decided by one comparison for the usual letters and
 * digits. */
static inline gboolean
is_space (char c)
{
  return (guchar) c <= ' ' && g_ascii_isspace (c);
}

/* The trimmed text of a known column; empty when the column is absent. */
static inline TdCsvField
cell (const CsvFile *file,
      int            column)
{
  TdCsvField field = { "", 0 };
  int index = file->column_of[column];

  if (index < 0 || (guint) index >= file->n_fields)
    return field;
  field = file->fields[index];
  while (field.length > 0 && is_space (*field.text))
    field.text++, field.length--;
  while (field.length > 0 && is_space (field.text[field.length - 1]))
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
  /* Rows sorted by date repeat the date of the row before. */
  if (field.length == sizeof file->last_date_text && memcmp (field.text, file->last_date_text, field.length) == 0)
    {
      *out = file->last_date;
      return TRUE;
    }
  switch (td_date_parse_n (field.text, field.length, out))
    {
    case 0:
      if (field.length == sizeof file->last_date_text)
        {
          memcpy (file->last_date_text, field.text, field.length);
          file->last_date = *out;
        }
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
               TdDataset           *dataset)
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

/* Sales in file order: as many as there are good rows (n), in arrays with
 * a slot for every row that the file could hold (size). The parser
 * threads fill the slots of their rows; the store then moves each good
 * row up to its place, over the bad ones. */
typedef struct
{
  guint    n;
  guint    size;
  TdDate  *date;
  gint32  *partner;
  gint32  *customer;
  gint32  *product;
  gint32  *quantity;
  TdMoney *net;
  gint32  *distributor;
  gint32  *license;
  guint8  *flags;
  gint32  *id;
} SaleColumns;

static void
sale_columns_clear (SaleColumns *columns)
{
  g_clear_pointer (&columns->date, g_free);
  g_clear_pointer (&columns->partner, g_free);
  g_clear_pointer (&columns->customer, g_free);
  g_clear_pointer (&columns->product, g_free);
  g_clear_pointer (&columns->quantity, g_free);
  g_clear_pointer (&columns->net, g_free);
  g_clear_pointer (&columns->distributor, g_free);
  g_clear_pointer (&columns->license, g_free);
  g_clear_pointer (&columns->flags, g_free);
  g_clear_pointer (&columns->id, g_free);
  columns->n = columns->size = 0;
}

/* A new array of @n elements of @size bytes, on huge pages if large. */
static gpointer
new_array (gsize n,
           gsize size)
{
  return td_huge_alloc_n (MAX (n, 1), size);
}

static void
sale_columns_init (SaleColumns *columns,
                   guint        size)
{
  sale_columns_clear (columns);
  columns->size = size;
  columns->date = new_array (size, sizeof (TdDate));
  columns->partner = new_array (size, sizeof (gint32));
  columns->customer = new_array (size, sizeof (gint32));
  columns->product = new_array (size, sizeof (gint32));
  columns->quantity = new_array (size, sizeof (gint32));
  columns->net = new_array (size, sizeof (TdMoney));
  columns->distributor = new_array (size, sizeof (gint32));
  columns->license = new_array (size, sizeof (gint32));
  columns->flags = new_array (size, sizeof (guint8));
  columns->id = new_array (size, sizeof (gint32));
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

/* Whether @field is @word (lower case) in any ASCII case: what
 * g_ascii_strncasecmp() says, without a call for every cell. */
static inline gboolean
field_is (TdCsvField  field,
          const char *word)
{
  gsize i;

  for (i = 0; i < field.length; i++)
    {
      char c = field.text[i];

      if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
      if (word[i] == '\0' || c != word[i])
        return FALSE;
    }
  return word[i] == '\0';
}

/* Sale ids so far, with the line of each, for duplicates. */
typedef struct
{
  TdIntern *intern;
  guint    *lines;   /* id → line */
} SaleIds;

/* One sales row, read and checked. */
typedef struct
{
  TdCsvField id, customer, distributor, license;
  TdDate     date;
  gint32     partner, product, quantity;
  TdMoney    net;
  guint8     flags;
  gint32     id_index;   /* -1: not interned */
  gboolean   added;      /* the id was new */
} Sale;

/* Reads every cell of the row at hand, in column order so that the
 * problems come in that order. Whether the sale_id is new depends on
 * every row before, so only with @ids is it interned and checked. */
static void
read_sale (CsvFile         *file,
           const TdDataset *dataset,
           SaleIds         *ids,
           Sale            *sale)
{
  TdCsvField channel, partner_id, sku, renewal;

  sale->partner = sale->product = sale->id_index = -1;
  sale->quantity = 0;
  sale->net = 0;
  sale->flags = 0;
  sale->added = FALSE;

  if (read_required_text (file, S_ID, "sale_id", &sale->id) && ids != NULL)
    {
      sale->id_index = td_intern_add (ids->intern, sale->id.text, sale->id.length, &sale->added);
      if (!sale->added)
        cell_error (file, "sale_id", _("the sale “%.*s” is already listed on line %u"),
                    (int) sale->id.length, sale->id.text, ids->lines[sale->id_index]);
    }
  read_date_cell (file, S_DATE, "date", TRUE, &sale->date);

  channel = cell (file, S_CHANNEL);
  if (field_is (channel, "online"))
    sale->flags |= TD_SALE_ONLINE;
  else if (channel.length > 0 && !field_is (channel, "partner"))
    cell_error (file, "channel", _("“%.*s” is not a channel: use partner, online or leave it empty"),
                (int) channel.length, channel.text);

  partner_id = cell (file, S_PARTNER);
  if (partner_id.length > 0)
    sale->partner = lookup_partner (file, dataset, partner_id);
  else if (!(sale->flags & TD_SALE_ONLINE))
    cell_error (file, "partner_id", _("the partner may be left empty only for an online sale"));

  read_required_text (file, S_CUSTOMER, "customer_id", &sale->customer);
  if (read_required_text (file, S_SKU, "sku", &sku))
    {
      sale->product = td_intern_lookup (dataset->skus, sku.text, sku.length);
      if (sale->product < 0)
        cell_error (file, "sku", _("“%.*s” is not a product of products.csv"), (int) sku.length, sku.text);
    }
  if (!parse_quantity (cell (file, S_QUANTITY), &sale->quantity))
    {
      TdCsvField field = cell (file, S_QUANTITY);
      cell_error (file, "quantity", _("“%.*s” is not a quantity: write a whole number ≥ 1"),
                  (int) field.length, field.text);
    }
  read_money_cell (file, S_NET, "net_amount", &sale->net);

  renewal = cell (file, S_RENEWAL);
  if (field_is (renewal, "1") || field_is (renewal, "true"))
    sale->flags |= TD_SALE_RENEWAL;
  else if (renewal.length > 0 && !field_is (renewal, "0") && !field_is (renewal, "false"))
    cell_error (file, "renewal", _("“%.*s” is not a renewal flag: use 0, 1, true, false or leave it empty"),
                (int) renewal.length, renewal.text);
  if (cell (file, S_INVOICE).length > 0)
    sale->flags |= TD_SALE_HAS_INVOICE;

  sale->distributor = cell (file, S_DISTRIBUTOR);
  sale->license = cell (file, S_LICENSE);
}

static void
sale_columns_append (SaleColumns *columns,
                     const Sale  *sale,
                     gint32       customer,
                     gint32       distributor,
                     gint32       license)
{
  guint i = columns->n++;

  g_assert (i < columns->size);
  columns->date[i] = sale->date;
  columns->partner[i] = sale->partner;
  columns->customer[i] = customer;
  columns->product[i] = sale->product;
  columns->quantity[i] = sale->quantity;
  columns->net[i] = sale->net;
  columns->distributor[i] = distributor;
  columns->license[i] = license;
  columns->flags[i] = sale->flags;
  columns->id[i] = sale->id_index;
}

/* A field of a parsed row by its place in the record. */
typedef struct
{
  guint16 at;
  guint16 length;
} FieldRef;

/* A sales row as a parser thread leaves it, then as the check decides,
 * in 32 bytes. A "fast" row is clean, its fields are all in the file, and
 * its other cells are already in the columns, at the row's slot; every
 * other row is read again, by the code that reports problems. */
typedef struct
{
  gsize    offset;       /* of the record in the file */
  guint    line;         /* counted from the part's first line */
  FieldRef id, customer, distributor, license;
  guint8   fast;
  guint8   good;         /* from the check */
} SaleRow;

/* @field as a FieldRef into the record at @record; FALSE when its text is
 * not in the file (a quoted field with "" in it) or too far out for 16
 * bits. */
static gboolean
field_ref (const char *record,
           const char *end,
           TdCsvField  field,
           FieldRef   *ref)
{
  guintptr text = (guintptr) field.text;

  ref->at = ref->length = 0;
  if (field.length == 0)
    return TRUE;
  if (text < (guintptr) record || text + field.length > (guintptr) end ||
      text - (guintptr) record > G_MAXUINT16 || field.length > G_MAXUINT16)
    return FALSE;
  ref->at = (guint16) (text - (guintptr) record);
  ref->length = (guint16) field.length;
  return TRUE;
}

/* A stretch of sales.csv, parsed on a thread of its own. Its rows have
 * the slots from @base in the columns, as many as it can have records. */
typedef struct
{
  CsvFile          file;          /* quiet, with its own reader */
  const TdDataset *dataset;
  SaleColumns     *columns;
  guint            base;
  guint            slots;
  gboolean         first;         /* on the calling thread: reports progress */
  gsize            stop;          /* the first part's end, where the second starts; 0: none */
  gint            *abandoned;     /* the second part's rows will not be used */
  gboolean         handed_over;   /* the first part met a record at exactly stop… */
  guint            stop_line;     /* …on this line */
  SaleRow         *rows;
  guint            n_rows;
  guint            rows_size;
  guint            n_fast;        /* rows, each with a sale id… */
  gsize            id_bytes;
  guint            n_licenses;    /* …and some with a licence key */
  gsize            license_bytes;
} SalePart;

/* Where to cut sales.csv in two, and *@newlines, the newlines from @from
 * to there: the start of a line near the middle, outside quotes going by
 * the parity of the quotes before it, and not blank, so that the first
 * part reads on to a record starting exactly there. 0 when there is none.
 * A malformed record can defeat the parity; the first part then finds no
 * record there and reads on alone. */
static gsize
find_split (const char       *text,
            gsize             length,
            gsize             from,
            gsize             newlines_before_from,
            const TextCounts *counts,
            gsize            *newlines)
{
  gsize quotes = counts->quotes[0];

  if (counts->middle <= from)
    return 0;
  *newlines = counts->newlines[0] - newlines_before_from;
  for (gsize i = counts->middle; i + 1 < length; i++)
    {
      if (text[i] == '"')
        quotes++;
      else if (text[i] == '\n')
        {
          ++*newlines;
          if (quotes % 2 == 0 && text[i + 1] != '\n' && text[i + 1] != '\r')
            return i + 1;
        }
    }
  return 0;
}

static void
report_fraction (const TdLoadOptions *options,
                 double               fraction)
{
  if (options->progress != NULL)
    options->progress (fraction, options->progress_data);
}

static gpointer
parse_sales_part (gpointer data)
{
  SalePart *part = data;
  CsvFile *file = &part->file;
  SaleColumns *columns = part->columns;
  const TdLoadOptions *options = file->options;
  const char *contents = g_mapped_file_get_contents (file->mapped);
  gsize length = g_mapped_file_get_length (file->mapped);

  part->rows_size = MAX (part->slots, 1);
  part->rows = new_array (part->rows_size, sizeof (SaleRow));
  while (csv_file_next (file))
    {
      gsize offset = td_csv_reader_record_offset (file->reader);
      const char *record = contents + offset;
      guint slot = part->base + part->n_rows;
      SaleRow *row;
      Sale sale;

      if (part->stop > 0 && offset >= part->stop)
        {
          if (offset == part->stop)
            {
              part->handed_over = TRUE;
              part->stop_line = file->line;
              break;
            }
          /* A record ran over the cut: the second part started inside it. */
          g_atomic_int_set (part->abandoned, TRUE);
          part->stop = 0;
        }
      if ((file->n_rows & 0xffff) == 0)
        {
          if (part->first)
            report_fraction (options, 0.1 + 0.4 * (double) offset / (double) (part->stop > 0 ? part->stop : length));
          if (cancelled (options))
            break;
        }
      if (!part->first && (file->n_rows & 0xfff) == 0 && g_atomic_int_get (part->abandoned))
        break;

      if (part->n_rows == part->rows_size)
        {
          /* Only when the first part reads on past the cut. */
          part->rows_size *= 2;
          part->rows = g_renew (SaleRow, part->rows, part->rows_size);
        }
      row = &part->rows[part->n_rows++];
      row->offset = offset;
      row->line = file->line;
      row->fast = FALSE;
      row->good = FALSE;
      if (file->row_bad)
        continue;

      read_sale (file, part->dataset, NULL, &sale);
      /* Past its slots (reading on past the cut), the second part may
       * still be writing: those rows are read again. */
      if (file->row_bad || part->n_rows > part->slots ||
          !field_ref (record, contents + length, sale.id, &row->id) ||
          !field_ref (record, contents + length, sale.customer, &row->customer) ||
          !field_ref (record, contents + length, sale.distributor, &row->distributor) ||
          !field_ref (record, contents + length, sale.license, &row->license))
        continue;
      row->fast = TRUE;
      columns->date[slot] = sale.date;
      columns->partner[slot] = sale.partner;
      columns->product[slot] = sale.product;
      columns->quantity[slot] = sale.quantity;
      columns->net[slot] = sale.net;
      columns->flags[slot] = sale.flags;
      part->n_fast++;
      part->id_bytes += sale.id.length;
      part->n_licenses += sale.license.length > 0;
      part->license_bytes += sale.license.length;
    }
  return NULL;
}

/* The parsed rows in file order: those of the first part, then those of
 * the second when the first handed over to it. */
typedef struct
{
  SalePart *parts[2];
  guint     first_lines[2];
  guint     n_parts;
  guint     n_rows;
} SaleRows;

/* How far the check has got, for the store that follows it. */
typedef struct
{
  GMutex   mutex;
  GCond    cond;
  guint    checked;   /* rows, in file order */
  guint    wanted;    /* the store sleeps until this many are */
  gboolean done;      /* no more will be: all checked, or cancelled */
} Watermark;

static void
watermark_advance (Watermark *mark,
                   guint      checked,
                   gboolean   done)
{
  g_mutex_lock (&mark->mutex);
  mark->checked = checked;
  mark->done = done;
  if (done || checked >= mark->wanted)
    g_cond_signal (&mark->cond);
  g_mutex_unlock (&mark->mutex);
}

/* The rows checked, @want or more unless the check is done. */
static guint
watermark_wait (Watermark *mark,
                guint      want)
{
  guint checked;

  g_mutex_lock (&mark->mutex);
  mark->wanted = want;
  while (mark->checked < want && !mark->done)
    g_cond_wait (&mark->cond, &mark->mutex);
  checked = mark->checked;
  g_mutex_unlock (&mark->mutex);
  return checked;
}

/* Rows are interned this many at a time, so that td_intern_add_batch()
 * can fetch ahead. */
#define SALE_RUN 256

/* Two passes over the parsed rows, in file order. The check (on the
 * calling thread) reports every problem, interns the sale ids and, for
 * the rows it finds good, the licence keys; the store (on another
 * thread, right behind it) interns the customers and distributors of the
 * good rows and moves them up in the columns, over the bad ones. Each
 * table is filled in file order by one pass, so the ids are the same as
 * one pass would give. */
typedef struct
{
  SaleRows    *rows;
  CsvFile     *file;       /* the check's: reports problems; n_rows counts the rows passed */
  CsvFile      quiet;      /* the store's: reads slow rows again */
  TdDataset   *dataset;
  SaleIds      ids;
  SaleColumns *columns;
  const char  *contents;
  Watermark    mark;
} SaleStore;

static TdInternKey
key_of (const SaleStore *store,
        const SaleRow   *row,
        FieldRef         ref)
{
  TdInternKey key = { store->contents + row->offset + ref.at, ref.length };

  return key;
}

/* Interns whichever of @refs are not empty into @ids, -1 for the rest. */
static void
intern_optional (TdIntern        *intern,
                 const SaleStore *store,
                 SaleRow *const  *rows,
                 const FieldRef  *refs,
                 guint            n,
                 gint32          *ids)
{
  TdInternKey keys[SALE_RUN];
  gint32 found[SALE_RUN];
  guint n_keys = 0;

  for (guint i = 0; i < n; i++)
    if (refs[i].length > 0)
      keys[n_keys++] = key_of (store, rows[i], refs[i]);
  if (n_keys == 0)
    {
      for (guint i = 0; i < n; i++)
        ids[i] = -1;
      return;
    }
  td_intern_add_batch (intern, keys, n_keys, found, NULL);
  n_keys = 0;
  for (guint i = 0; i < n; i++)
    ids[i] = refs[i].length > 0 ? found[n_keys++] : -1;
}

/* The row at hand, through the code that reports its problems: what the
 * check does with a row that is not fast. */
static void
check_sale_row (SaleStore *store,
                SaleRow   *row,
                guint      slot)
{
  CsvFile *file = store->file;
  Sale sale;

  if (file->row_bad)
    {
      finish_row (file);
      return;
    }
  read_sale (file, store->dataset, &store->ids, &sale);
  if (sale.added)
    store->ids.lines[sale.id_index] = file->line;
  finish_row (file);
  if (file->row_bad)
    return;

  row->good = TRUE;
  store->columns->id[slot] = sale.id_index;
  store->columns->license[slot] = sale.license.length > 0 ?
                                  td_intern_add (store->dataset->licenses, sale.license.text,
                                                 sale.license.length, NULL) : -1;
}

/* @n fast rows from @slot on: what check_sale_row() does, a table at a
 * time. */
static void
check_fast_rows (SaleStore *store,
                 SaleRow   *rows,
                 guint      n,
                 guint      first_line,
                 guint      slot)
{
  SaleColumns *columns = store->columns;
  TdInternKey keys[SALE_RUN];
  SaleRow *good[SALE_RUN];
  FieldRef licenses[SALE_RUN];
  gint32 ids[SALE_RUN], license_ids[SALE_RUN];
  gboolean added[SALE_RUN];
  guint good_slots[SALE_RUN];
  guint n_good = 0;

  g_assert (n <= SALE_RUN);
  for (guint k = 0; k < n; k++)
    keys[k] = key_of (store, &rows[k], rows[k].id);
  td_intern_add_batch (store->ids.intern, keys, n, ids, added);
  for (guint k = 0; k < n; k++)
    {
      guint line = first_line + rows[k].line - 1;

      if (added[k])
        {
          store->ids.lines[ids[k]] = line;
          columns->id[slot + k] = ids[k];
          licenses[n_good] = rows[k].license;
          good_slots[n_good] = slot + k;
          good[n_good++] = &rows[k];
        }
      else
        {
          /* Listed before: the problem is reported like any other, and
           * always makes the row bad, so the licence keys below still
           * come in file order. */
          csv_file_reread (store->file, rows[k].offset, line);
          check_sale_row (store, &rows[k], slot + k);
          g_assert (!rows[k].good);
        }
    }

  intern_optional (store->dataset->licenses, store, good, licenses, n_good, license_ids);
  for (guint g = 0; g < n_good; g++)
    {
      columns->license[good_slots[g]] = license_ids[g];
      good[g]->good = TRUE;
    }
}

/* The check, on the calling thread. */
static gpointer
check_sales (gpointer data)
{
  SaleStore *store = data;
  CsvFile *file = store->file;
  gsize length = g_mapped_file_get_length (file->mapped);
  guint checked = 0;

  for (guint p = 0; p < store->rows->n_parts; p++)
    {
      SalePart *part = store->rows->parts[p];
      guint first_line = store->rows->first_lines[p];

      for (guint i = 0; i < part->n_rows;)
        {
          SaleRow *row = &part->rows[i];
          guint n = 1;

          /* As the single loop did, every 65536 rows. */
          if (((file->n_rows + 1) & 0xffff) == 0)
            {
              report_fraction (file->options, 0.5 + 0.4 * (double) row->offset / (double) length);
              if (cancelled (file->options))
                {
                  watermark_advance (&store->mark, checked, TRUE);
                  return NULL;
                }
            }
          if (row->fast)
            {
              /* A run ends before the next row that checks for cancelling. */
              while (i + n < part->n_rows && n < SALE_RUN && part->rows[i + n].fast &&
                     ((file->n_rows + n + 1) & 0xffff) != 0)
                n++;
              check_fast_rows (store, row, n, first_line, part->base + i);
            }
          else
            {
              csv_file_reread (file, row->offset, first_line + row->line - 1);
              check_sale_row (store, row, part->base + i);
            }
          file->n_rows += n;
          i += n;
          checked += n;
          watermark_advance (&store->mark, checked, FALSE);
        }
    }
  watermark_advance (&store->mark, checked, TRUE);
  return NULL;
}

/* Copies the cells of slot @from to slot @to. */
static void
sale_columns_move (SaleColumns *columns,
                   guint        from,
                   guint        to)
{
  columns->date[to] = columns->date[from];
  columns->partner[to] = columns->partner[from];
  columns->product[to] = columns->product[from];
  columns->quantity[to] = columns->quantity[from];
  columns->net[to] = columns->net[from];
  columns->license[to] = columns->license[from];
  columns->flags[to] = columns->flags[from];
  columns->id[to] = columns->id[from];
}

/* @n good fast rows at @slots: their customers and distributors, at the
 * end of the sales so far. */
static void
store_fast_rows (SaleStore      *store,
                 SaleRow *const *rows,
                 const guint    *slots,
                 guint           n)
{
  SaleColumns *columns = store->columns;
  TdInternKey keys[SALE_RUN];
  FieldRef distributors[SALE_RUN];
  gint32 customer_ids[SALE_RUN], distributor_ids[SALE_RUN];

  if (n == 0)
    return;
  for (guint k = 0; k < n; k++)
    {
      keys[k] = key_of (store, rows[k], rows[k]->customer);
      distributors[k] = rows[k]->distributor;
    }
  td_intern_add_batch (store->dataset->customers, keys, n, customer_ids, NULL);
  intern_optional (store->dataset->distributors, store, rows, distributors, n, distributor_ids);

  for (guint k = 0; k < n; k++)
    {
      guint i = columns->n++;

      if (slots[k] != i)
        sale_columns_move (columns, slots[k], i);
      columns->customer[i] = customer_ids[k];
      columns->distributor[i] = distributor_ids[k];
    }
}

/* A good row that is not fast, read again (quietly: the check has
 * reported whatever there was) for its cells. */
static void
store_slow_row (SaleStore     *store,
                const SaleRow *row,
                guint          slot,
                guint          line)
{
  TdDataset *dataset = store->dataset;
  SaleColumns *columns = store->columns;
  Sale sale;

  csv_file_reread (&store->quiet, row->offset, line);
  read_sale (&store->quiet, dataset, NULL, &sale);
  sale.id_index = columns->id[slot];
  sale_columns_append (columns, &sale,
                       td_intern_add (dataset->customers, sale.customer.text, sale.customer.length, NULL),
                       sale.distributor.length > 0 ?
                       td_intern_add (dataset->distributors, sale.distributor.text, sale.distributor.length, NULL) : -1,
                       columns->license[slot]);
}

/* The store, on another thread, never ahead of the check. */
static gpointer
store_sales_rows (gpointer data)
{
  SaleStore *store = data;
  guint checked = 0, passed = 0;

  for (guint p = 0; p < store->rows->n_parts; p++)
    {
      SalePart *part = store->rows->parts[p];
      guint first_line = store->rows->first_lines[p];

      for (guint i = 0; i < part->n_rows;)
        {
          SaleRow *run[SALE_RUN];
          guint slots[SALE_RUN];
          guint n = 0;

          /* Waking up for every run would cost more than the run. */
          if (passed == checked)
            {
              checked = watermark_wait (&store->mark, MIN (passed + 16 * SALE_RUN, store->rows->n_rows));
              if (passed == checked)
                return NULL;
            }
          for (; i < part->n_rows && passed < checked && n < SALE_RUN; i++, passed++)
            {
              SaleRow *row = &part->rows[i];

              if (!row->good)
                continue;
              if (!row->fast)
                {
                  store_fast_rows (store, run, slots, n);
                  n = 0;
                  store_slow_row (store, row, part->base + i, first_line + row->line - 1);
                  continue;
                }
              slots[n] = part->base + i;
              run[n++] = row;
            }
          store_fast_rows (store, run, slots, n);
        }
    }
  return NULL;
}

/* sales.csv in two steps: the rows are parsed and checked on two threads
 * (one on a small file), each on its half; then the check and the store
 * go through them in file order, so that ids, lines and problems are the
 * same whatever the threads. */
static gboolean
load_sales (const char          *dir,
            const TdLoadOptions *options,
            TdProblems          *problems,
            TdDataset           *dataset,
            SaleColumns         *columns)
{
  CsvFile file;
  SalePart parts[2];
  SaleRows rows = { { &parts[0], &parts[1] }, { 1, 0 }, 1, 0 };
  SaleStore store = { .rows = &rows, .file = &file, .dataset = dataset, .ids = { dataset->sale_ids, NULL },
                      .columns = columns };
  gint abandoned = FALSE;
  gboolean ok, parallel;
  const char *contents;
  gsize length, from, newlines = 0, newlines_before_from = 0, newlines_before_split = 0, split = 0;

  ok = csv_file_open (&file, dir, "sales.csv", sale_columns, TRUE, FALSE, options, problems);
  if (!ok || !csv_file_require (&file, sale_required))
    {
      csv_file_clear (&file);
      return FALSE;
    }
  contents = g_mapped_file_get_contents (file.mapped);
  length = g_mapped_file_get_length (file.mapped);
  from = td_csv_reader_offset (file.reader);
  for (gsize i = 0; i < from; i++)
    newlines_before_from += contents[i] == '\n';
  newlines = file.counts.newlines[0] + file.counts.newlines[1] - newlines_before_from;
  parallel = length >= parallel_min_bytes ();
  if (parallel)
    split = find_split (contents, length, from, newlines_before_from, &file.counts, &newlines_before_split);

  /* The first part reads on from the header with the file's reader. A
   * record takes a line at least: so many slots are enough. */
  memset (parts, 0, sizeof parts);
  for (guint p = 0; p < 2; p++)
    {
      parts[p].file = file;
      parts[p].file.quiet = TRUE;
      parts[p].file.reader = p == 0 ? file.reader : td_csv_reader_new (contents, length);
      parts[p].dataset = dataset;
      parts[p].columns = columns;
      parts[p].abandoned = &abandoned;
    }
  parts[0].first = TRUE;
  parts[0].stop = split;
  if (split > 0)
    {
      parts[0].slots = (guint) MIN (newlines_before_split + 1, G_MAXUINT / 2);
      parts[1].base = parts[0].slots;
      parts[1].slots = (guint) MIN (newlines - newlines_before_split + 1, G_MAXUINT / 2);
      sale_columns_init (columns, parts[0].slots + parts[1].slots);
      td_csv_reader_seek (parts[1].file.reader, split, 1);
      run_pair (parse_sales_part, &parts[0], parse_sales_part, &parts[1]);
    }
  else
    {
      parts[0].slots = (guint) MIN (newlines + 1, G_MAXUINT);
      sale_columns_init (columns, parts[0].slots);
      parse_sales_part (&parts[0]);
    }

  rows.n_rows = parts[0].n_rows;
  if (parts[0].handed_over)
    {
      rows.n_parts = 2;
      rows.first_lines[1] = parts[0].stop_line;
      rows.n_rows += parts[1].n_rows;
    }
  store.ids.lines = new_array (rows.n_rows, sizeof (guint));
  store.contents = contents;
  store.quiet = parts[1].file;
  g_mutex_init (&store.mark.mutex);
  g_cond_init (&store.mark.cond);
  /* Sale ids and licence keys are mostly unique: room for all saves
   * growing the tables on the way. */
  {
    guint n_ids = 0, n_licenses = 0;
    gsize id_bytes = 0, license_bytes = 0;

    for (guint p = 0; p < rows.n_parts; p++)
      {
        n_ids += parts[p].n_fast;
        id_bytes += parts[p].id_bytes;
        n_licenses += parts[p].n_licenses;
        license_bytes += parts[p].license_bytes;
      }
    td_intern_reserve (dataset->sale_ids, n_ids, id_bytes);
    td_intern_reserve (dataset->licenses, n_licenses, license_bytes);
  }

  if (parallel)
    run_pair (check_sales, &store, store_sales_rows, &store);
  else
    {
      check_sales (&store);
      store_sales_rows (&store);
    }

  g_mutex_clear (&store.mark.mutex);
  g_cond_clear (&store.mark.cond);
  td_csv_reader_free (parts[1].file.reader);
  g_free (parts[0].rows);
  g_free (parts[1].rows);
  g_free (store.ids.lines);
  ok = !file.header_bad && (file.n_bad_rows == 0 || options->skip_invalid) && !cancelled (options);
  csv_file_clear (&file);
  return ok;
}

/* A column in the sorted order: the column itself when that is file
 * order. */
#define PERMUTE(type, field, source)                                   \
  G_STMT_START {                                                       \
    if (permutation == NULL)                                           \
      dataset->field = g_renew (type, g_steal_pointer (&source), MAX (n, 1)); \
    else                                                               \
      {                                                                \
        dataset->field = new_array (n, sizeof (type));                 \
        for (guint i = 0; i < n; i++)                                  \
          dataset->field[i] = source[permutation[i]];                  \
      }                                                                \
  } G_STMT_END

/* Sorts the sales by (date, sale_id) once. Files are usually written in
 * that order already, which a single pass confirms. */
static void
store_sales (TdDataset   *dataset,
             SaleColumns *columns)
{
  guint n = columns->n;
  g_autofree guint *permutation = td_sales_sort_order (columns->date, columns->id, dataset->sale_ids, n);

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
  SaleColumns columns = { 0 };
  guint errors_before = td_problems_count (problems, TD_SEVERITY_ERROR);
  gboolean ok;

  if (options == NULL)
    options = &defaults;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      td_problems_add_cell (problems, TD_SEVERITY_ERROR, dir, 0, NULL, _("not a folder of CSV files"));
      return NULL;
    }

  sale_columns_init (&columns, 0);
  ok = load_partners (dir, options, problems, dataset);
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
