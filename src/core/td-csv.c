/* td-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-csv.h"

struct _TdCsvReader
{
  const char *data;
  const char *end;
  const char *position;
  const char *record_start;
  guint       line;          /* of the next unread byte */
  GArray     *fields;        /* TdCsvField */
  GArray     *scratch_index; /* field index → offset in scratch, or -1 */
  GString    *scratch;       /* unescaped quoted fields with "" in them */
};

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
  reader->fields = g_array_new (FALSE, FALSE, sizeof (TdCsvField));
  reader->scratch_index = g_array_new (FALSE, FALSE, sizeof (gssize));
  reader->scratch = g_string_new (NULL);
  return reader;
}

void
td_csv_reader_free (TdCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_array_unref (reader->fields);
  g_array_unref (reader->scratch_index);
  g_string_free (reader->scratch, TRUE);
  g_free (reader);
}

static void
add_field (TdCsvReader *reader,
           const char  *text,
           gsize        length,
           gssize       scratch_offset)
{
  TdCsvField field = { text, length };

  g_array_append_val (reader->fields, field);
  g_array_append_val (reader->scratch_index, scratch_offset);
}

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

  g_array_set_size (reader->fields, 0);
  g_array_set_size (reader->scratch_index, 0);
  g_string_truncate (reader->scratch, 0);
  reader->record_start = p;
  *line = reader->line;

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
                  *error_field = reader->fields->len;
                  *error_message = _("a quoted field is not closed: a double quote is missing");
                  *line = open_line;
                  *fields = (const TdCsvField *) (gpointer) reader->fields->data;
                  *n_fields = reader->fields->len;
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
            add_field (reader, start, (gsize) (p - 1 - start), -1);
          else
            {
              gssize offset = (gssize) reader->scratch->len;
              for (const char *q = start; q < p - 1; q++)
                {
                  g_string_append_c (reader->scratch, *q);
                  if (*q == '"')
                    q++;
                }
              add_field (reader, NULL, reader->scratch->len - (gsize) offset, offset);
            }

          if (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && (p + 1 == end || p[1] == '\n')))
            {
              *error_field = reader->fields->len - 1;
              *error_message = _("text after the closing quote of a quoted field");
              reader->position = p;
              skip_line (reader);
              *fields = (const TdCsvField *) (gpointer) reader->fields->data;
              *n_fields = reader->fields->len;
              return TRUE;
            }
        }
      else
        {
          const char *start = p;

          while (p < end && *p != ',' && *p != '\n' && *p != '"')
            p++;
          if (p < end && *p == '"')
            {
              add_field (reader, start, (gsize) (p - start), -1);
              *error_field = reader->fields->len - 1;
              *error_message = _("a double quote inside a field that does not start with one: quote the whole field and double the quote");
              reader->position = p;
              skip_line (reader);
              *fields = (const TdCsvField *) (gpointer) reader->fields->data;
              *n_fields = reader->fields->len;
              return TRUE;
            }
          {
            gsize length = (gsize) (p - start);
            /* CRLF: the CR belongs to the line end, not the field. */
            if (length > 0 && start[length - 1] == '\r' && (p == end || *p == '\n'))
              length--;
            add_field (reader, start, length, -1);
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
              add_field (reader, p, 0, -1);
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
  for (guint i = 0; i < reader->fields->len; i++)
    {
      gssize offset = g_array_index (reader->scratch_index, gssize, i);
      if (offset >= 0)
        g_array_index (reader->fields, TdCsvField, i).text = reader->scratch->str + offset;
    }
  *fields = (const TdCsvField *) (gpointer) reader->fields->data;
  *n_fields = reader->fields->len;
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
td_csv_reader_offset (TdCsvReader *reader)
{
  return (gsize) (reader->position - reader->data);
}
