/* td-csv.h — RFC 4180 records from a buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *text;   /* not NUL-terminated */
  gsize       length;
} TdCsvField;

typedef struct _TdCsvReader TdCsvReader;

/* @data must stay alive while the reader is used. A UTF-8 BOM is
 * skipped. */
TdCsvReader *td_csv_reader_new        (const char  *data,
                                       gsize        length);
void         td_csv_reader_free       (TdCsvReader *reader);

/* The next record, or FALSE at the end of the data. Blank lines are
 * skipped. Fields stay valid until the next call. On a malformed record
 * (an unclosed quote, text after a closing quote) returns TRUE with
 * *@error_message set (and the record's fields as far as they go); the
 * reader then continues at the next line. */
gboolean     td_csv_reader_next       (TdCsvReader       *reader,
                                       const TdCsvField **fields,
                                       guint             *n_fields,
                                       guint             *line,
                                       const char       **error_message,
                                       guint             *error_field);
/* The record just read, verbatim (for rejects files). */
void         td_csv_reader_raw_record (TdCsvReader       *reader,
                                       const char       **start,
                                       gsize             *length);
/* Continues at @offset, which must be where a record starts (as one
 * returned before did) or a blank line, counting lines from @line. */
void         td_csv_reader_seek       (TdCsvReader       *reader,
                                       gsize              offset,
                                       guint              line);
/* Where the record just read starts, from the start of the data. */
gsize        td_csv_reader_record_offset (TdCsvReader *reader);
/* Bytes consumed so far, for progress. */
gsize        td_csv_reader_offset     (TdCsvReader       *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsvReader, td_csv_reader_free)

G_END_DECLS
