/* td-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-csv.h"

/* A quoted field with "" in it: its unescaped text is in scratch, whose
 * storage moves while the record is read, so the pointer is set at the
 * end. */
typedef struct
{
  guint field;
  gsize offset;
} Escaped;

struct _TdCsvReader
{
  const char *data;
  const char *end;
  const char *position;
  const char *record_start;
  guint       line;          /* of the next unread byte */
  TdCsvField *fields;
  guint       n_fields;
  guint       fields_size;
  GArray     *escaped;       /* Escaped */
  GString    *scratch;       /* unescaped quoted fields with "" in them */
};

/* The bytes that end an unquoted field, or make it malformed. */
static const guint8 field_stop[256] = { [','] = 1, ['\n'] = 1, ['"'] = 1 };

#if defined(__GNUC__) && G_BYTE_ORDER == G_LITTLE_ENDIAN
#define SCAN_16
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* 16 bytes in the compiler's vectors: SSE2 or NEON, or plain words. */
typedef guchar Bytes16 __attribute__ ((vector_size (16)));

static inline Bytes16
load_16 (const char *p)
{
  Bytes16 bytes;

  memcpy (&bytes, p, 16);
  return bytes;
}

/* Bit i set where byte i of @hits (each 0 or 0xff) is set. */
static inline guint
mask_16 (Bytes16 hits)
{
#ifdef __SSE2__
  return (guint) _mm_movemask_epi8 ((__m128i) hits);
#else
  guint64 low, high;

  memcpy (&low, &hits, 8);
  memcpy (&high, (const char *) &hits + 8, 8);
  /* Gathers the top bit of every byte into the top byte. */
  return (guint) (((low & 0x8080808080808080ULL) * 0x0002040810204081ULL) >> 56) |
         (guint) (((high & 0x8080808080808080ULL) * 0x0002040810204081ULL) >> 56) << 8;
#endif
}
#endif

/* The first of @p…@end that ends an unquoted field, or @end. Fields are
 * short and each would cost a mispredicted branch in a byte loop, so 16
 * bytes are compared at once. */
static inline const char *
find_field_stop (const char *p,
                 const char *end)
{
#ifdef SCAN_16
  for (; end - p >= 16; p += 16)
    {
      Bytes16 chunk = load_16 (p);
      guint stops = mask_16 ((Bytes16) ((chunk == ',') | (chunk == '\n') | (chunk == '"')));

      if (stops != 0)
        return p + __builtin_ctz (stops);
    }
#endif
  while (p < end && !field_stop[(guchar) *p])
    p++;
  return p;
}

TdCsvReader *
td_csv_reader_new (const char *data,
                   gsize       length)
{
  TdCsvReader *reader = g_new0 (TdCsvReader, 1);

  reader->data = data;
  reader->end = data + length;
  reader->position = data;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader->position += 3;
  reader->line = 1;
  reader->fields_size = 16;
  reader->fields = g_new (TdCsvField, reader->fields_size);
  reader->escaped = g_array_new (FALSE, FALSE, sizeof (Escaped));
  reader->scratch = g_string_new (NULL);
  return reader;
}

void
td_csv_reader_free (TdCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->fields);
  g_array_unref (reader->escaped);
  g_string_free (reader->scratch, TRUE);
  g_free (reader);
}

void
td_csv_reader_seek (TdCsvReader *reader,
                    gsize        offset,
                    guint        line)
{
  g_return_if_fail (reader->data + offset <= reader->end);

  reader->position = reader->data + offset;
  reader->line = line;
}

static inline void
add_field (TdCsvReader *reader,
           const char  *text,
           gsize        length)
{
  if (G_UNLIKELY (reader->n_fields == reader->fields_size))
    {
      reader->fields_size *= 2;
      reader->fields = g_renew (TdCsvField, reader->fields, reader->fields_size);
    }
  reader->fields[reader->n_fields].text = text;
  reader->fields[reader->n_fields].length = length;
  reader->n_fields++;
}

#ifdef SCAN_16
/* The usual record: a line with neither quotes nor carriage returns, cut
 * at the commas of a bit mask 16 bytes at a time rather than a field at
 * a time. FALSE, with no field read, for anything else (and near the end
 * of the data), which the general loop reads. */
static gboolean
read_plain_record (TdCsvReader *reader,
                   const char  *p)
{
  const char *start = p;

  for (; reader->end - p >= 16; p += 16)
    {
      Bytes16 chunk = load_16 (p);
      guint commas = mask_16 ((Bytes16) (chunk == ','));
      guint newlines = mask_16 ((Bytes16) (chunk == '\n'));
      guint others = mask_16 ((Bytes16) ((chunk == '"') | (chunk == '\r')));

      if (newlines != 0)
        {
          /* Only what comes before the end of the line counts. */
          guint before = (1u << __builtin_ctz (newlines)) - 1;

          commas &= before;
          others &= before;
        }
      if (others != 0)
        break;
      for (; commas != 0; commas &= commas - 1)
        {
          const char *comma = p + __builtin_ctz (commas);

          add_field (reader, start, (gsize) (comma - start));
          start = comma + 1;
        }
      if (newlines != 0)
        {
          const char *newline = p + __builtin_ctz (newlines);

          add_field (reader, start, (gsize) (newline - start));
          reader->position = newline + 1;
          reader->line++;
          return TRUE;
        }
    }
  reader->n_fields = 0;
  return FALSE;
}
#endif

/* Skips to the start of the next line after an error. */
static void
skip_line (TdCsvReader *reader)
{
  const char *p = memchr (reader->position, '\n', (gsize) (reader->end - reader->position));

  if (p == NULL)
    reader->position = reader->end;
  else
    {
      reader->position = p + 1;
      reader->line++;
    }
}

gboolean
td_csv_reader_next (TdCsvReader       *reader,
                    const TdCsvField **fields,
                    guint             *n_fields,
                    guint             *line,
                    const char       **error_message,
                    guint             *error_field)
{
  const char *p = reader->position;
  const char *end = reader->end;

  *error_message = NULL;
  *error_field = 0;

  /* Blank lines carry no record. */
  while (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n') || (*p == '\r' && p + 1 == end)))
    {
      if (*p == '\r')
        p++;
      if (p < end && *p == '\n')
        reader->line++;
      p++;
    }
  reader->position = p;
  if (p >= end)
    return FALSE;

  reader->n_fields = 0;
  if (reader->escaped->len > 0)
    {
      g_array_set_size (reader->escaped, 0);
      g_string_truncate (reader->scratch, 0);
    }
  reader->record_start = p;
  *line = reader->line;
#ifdef SCAN_16
  if (read_plain_record (reader, p))
    {
      *fields = reader->fields;
      *n_fields = reader->n_fields;
      return TRUE;
    }
#endif

  for (;;)
    {
      if (p < end && *p == '"')
        {
          /* Quoted: runs to the closing quote; "" is one quote. */
          const char *start = ++p;
          gboolean escaped = FALSE;
          guint open_line = reader->line;

          for (;;)
            {
              const char *quote = memchr (p, '"', (gsize) (end - p));
              if (quote == NULL)
                {
                  for (; p < end; p++)
                    if (*p == '\n')
                      reader->line++;
                  reader->position = end;
                  *error_field = reader->n_fields;
                  *error_message = _("a quoted field is not closed: a double quote is missing");
                  *line = open_line;
                  *fields = reader->fields;
                  *n_fields = reader->n_fields;
                  return TRUE;
                }
              for (; p < quote; p++)
                if (*p == '\n')
                  reader->line++;
              if (quote + 1 < end && quote[1] == '"')
                {
                  escaped = TRUE;
                  p = quote + 2;
                  continue;
                }
              p = quote + 1;
              break;
            }

          if (!escaped)
            add_field (reader, start, (gsize) (p - 1 - start));
          else
            {
              Escaped entry = { reader->n_fields, reader->scratch->len };
              for (const char *q = start; q < p - 1; q++)
                {
                  g_string_append_c (reader->scratch, *q);
                  if (*q == '"')
                    q++;
                }
              g_array_append_val (reader->escaped, entry);
              add_field (reader, NULL, reader->scratch->len - entry.offset);
            }

          if (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && (p + 1 == end || p[1] == '\n')))
            {
              *error_field = reader->n_fields - 1;
              *error_message = _("text after the closing quote of a quoted field");
              reader->position = p;
              skip_line (reader);
              *fields = reader->fields;
              *n_fields = reader->n_fields;
              return TRUE;
            }
        }
      else
        {
          const char *start = p;

          p = find_field_stop (p, end);
          if (p < end && *p == '"')
            {
              add_field (reader, start, (gsize) (p - start));
              *error_field = reader->n_fields - 1;
              *error_message = _("a double quote inside a field that does not start with one: quote the whole field and double the quote");
              reader->position = p;
              skip_line (reader);
              *fields = reader->fields;
              *n_fields = reader->n_fields;
              return TRUE;
            }
          {
            gsize length = (gsize) (p - start);
            /* CRLF: the CR belongs to the line end, not the field. */
            if (length > 0 && start[length - 1] == '\r' && (p == end || *p == '\n'))
              length--;
            add_field (reader, start, length);
          }
        }

      if (p < end && *p == '\r')
        p++;
      if (p >= end)
        break;
      if (*p == ',')
        {
          p++;
          if (p >= end)
            {
              add_field (reader, p, 0);
              break;
            }
          continue;
        }
      /* *p == '\n' */
      p++;
      reader->line++;
      break;
    }

  reader->position = p;
  for (guint i = 0; i < reader->escaped->len; i++)
    {
      const Escaped *entry = &g_array_index (reader->escaped, Escaped, i);
      reader->fields[entry->field].text = reader->scratch->str + entry->offset;
    }
  *fields = reader->fields;
  *n_fields = reader->n_fields;
  return TRUE;
}

void
td_csv_reader_raw_record (TdCsvReader *reader,
                          const char **start,
                          gsize       *length)
{
  const char *end = reader->position;

  *start = reader->record_start;
  while (end > *start && (end[-1] == '\n' || end[-1] == '\r'))
    end--;
  *length = (gsize) (end - *start);
}

gsize
td_csv_reader_record_offset (TdCsvReader *reader)
{
  return (gsize) (reader->record_start - reader->data);
}

gsize
td_csv_reader_offset (TdCsvReader *reader)
{
  return (gsize) (reader->position - reader->data);
}
