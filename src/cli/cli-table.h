/* cli-table.h — the plain-text tables of tierdesk-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table is a GPtrArray of rows (GStrv), the first the headers, printed
 * as columns padded to their widest cell: what `programs`, `versions` and
 * `batches` print.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text on one line: a note may hold newlines and tabs. NULL gives "". */
char      *cli_cell        (const char *text);
GPtrArray *cli_table_new   (void);
/* Adds a row of the cells given, NULL-terminated; takes each string. */
void       cli_table_add   (GPtrArray  *table,
                            char       *first,
                            ...) G_GNUC_NULL_TERMINATED;
void       cli_table_print (GPtrArray  *rows);

G_END_DECLS
