/* cli-table.c — the plain-text tables of tierdesk-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "cli-table.h"

/* A cell shows one line: a note may hold newlines and tabs. */
char *
cli_cell (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *c = copy; *c != '\0'; c++)
    if (*c == '\n' || *c == '\r' || *c == '\t')
      *c = ' ';
  return copy;
}

/* Prints @rows (GStrv, the first the headers) as columns padded to their
 * widest cell in characters, two spaces apart, no trailing blanks. */
void
cli_table_print (GPtrArray *rows)
{
  guint n_columns = g_strv_length (rows->pdata[0]);
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < n_columns)
            for (glong pad = g_utf8_strlen (row[c], -1); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      printf ("%s\n", line->str);
    }
}

GPtrArray *
cli_table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* Adds a row of the cells given, NULL-terminated; takes each string. */
void
cli_table_add (GPtrArray *table,
           char      *first,
           ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (char *text = first; text != NULL; text = va_arg (args, char *))
    {
      g_strv_builder_add (builder, text);
      g_free (text);
    }
  va_end (args);
  g_ptr_array_add (table, g_strv_builder_end (builder));
}
