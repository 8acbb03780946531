/* td-problems.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-problems.h"

struct _TdProblems
{
  GArray *items;
};

static void
problem_clear (gpointer data)
{
  TdProblem *problem = data;

  g_clear_pointer (&problem->path, g_free);
  g_clear_pointer (&problem->file, g_free);
  g_clear_pointer (&problem->column_name, g_free);
  g_clear_pointer (&problem->message, g_free);
}

TdProblems *
td_problems_new (void)
{
  TdProblems *problems = g_new0 (TdProblems, 1);

  problems->items = g_array_new (FALSE, TRUE, sizeof (TdProblem));
  g_array_set_clear_func (problems->items, problem_clear);
  return problems;
}

void
td_problems_free (TdProblems *problems)
{
  if (problems == NULL)
    return;
  g_array_unref (problems->items);
  g_free (problems);
}

/* Takes @problem's strings and formats its message. */
static void G_GNUC_PRINTF (3, 0)
append (TdProblems *problems,
        TdProblem  *problem,
        const char *format,
        va_list     args)
{
  problem->message = g_strdup_vprintf (format, args);
  g_array_append_val (problems->items, *problem);
}

void
td_problems_add (TdProblems *problems,
                 TdSeverity  severity,
                 const char *path,
                 const char *format,
                 ...)
{
  TdProblem problem = { severity, g_strdup (path), 0, 0, NULL, NULL, NULL };
  va_list args;

  va_start (args, format);
  append (problems, &problem, format, args);
  va_end (args);
}

void
td_problems_add_at (TdProblems *problems,
                    TdSeverity  severity,
                    guint       line,
                    guint       column,
                    const char *format,
                    ...)
{
  TdProblem problem = { severity, NULL, line, column, NULL, NULL, NULL };
  va_list args;

  va_start (args, format);
  append (problems, &problem, format, args);
  va_end (args);
}

void
td_problems_add_cell (TdProblems *problems,
                      TdSeverity  severity,
                      const char *file,
                      guint       line,
                      const char *column_name,
                      const char *format,
                      ...)
{
  TdProblem problem = { severity, NULL, line, 0, g_strdup (file), g_strdup (column_name), NULL };
  va_list args;

  va_start (args, format);
  append (problems, &problem, format, args);
  va_end (args);
}

void
td_problems_add_all (TdProblems       *problems,
                     const TdProblems *more)
{
  for (guint i = 0; i < more->items->len; i++)
    {
      const TdProblem *from = &g_array_index (more->items, TdProblem, i);
      TdProblem copy = { from->severity, g_strdup (from->path), from->line, from->column,
                         g_strdup (from->file), g_strdup (from->column_name), g_strdup (from->message) };
      g_array_append_val (problems->items, copy);
    }
}

guint
td_problems_get_n (const TdProblems *problems)
{
  return problems->items->len;
}

const TdProblem *
td_problems_get (const TdProblems *problems,
                 guint             index)
{
  g_return_val_if_fail (index < problems->items->len, NULL);
  return &g_array_index (problems->items, TdProblem, index);
}

guint
td_problems_count (const TdProblems *problems,
                   TdSeverity        severity)
{
  guint n = 0;

  for (guint i = 0; i < problems->items->len; i++)
    if (g_array_index (problems->items, TdProblem, i).severity == severity)
      n++;
  return n;
}

/* "FILE: $.rules[2].rates.gold: message" for a JSON path,
 * "FILE:LINE:COLUMN: message" for a position in the text, where a CSV
 * cell's COLUMN is its header name. */
char *
td_problem_to_string (const TdProblem *problem,
                      const char      *file)
{
  const char *prefix = problem->severity == TD_SEVERITY_WARNING ? _("warning: ") : "";

  if (problem->file != NULL)
    file = problem->file;
  if (problem->column_name != NULL)
    return g_strdup_printf ("%s:%u:%s: %s%s", file, problem->line, problem->column_name, prefix, problem->message);

  if (problem->path != NULL)
    return g_strdup_printf ("%s: %s: %s%s", file, problem->path, prefix, problem->message);
  if (problem->line > 0)
    return g_strdup_printf ("%s:%u:%u: %s%s", file, problem->line, problem->column, prefix, problem->message);
  return g_strdup_printf ("%s: %s%s", file, prefix, problem->message);
}
