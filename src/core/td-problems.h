/* td-problems.h — every problem found in an input, not just the first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TD_SEVERITY_ERROR,
  TD_SEVERITY_WARNING,
} TdSeverity;

typedef struct
{
  TdSeverity severity;
  /* Where: a JSON path ("$.rules[2].rates.gold"), or NULL with line/column
   * for a syntax error or a CSV cell. */
  char *path;
  guint line;
  guint column;
  /* A CSV cell: its file and its column's header name (or number). */
  char *file;
  char *column_name;
  char *message;
} TdProblem;

typedef struct _TdProblems TdProblems;

TdProblems      *td_problems_new            (void);
void             td_problems_free           (TdProblems *problems);
void             td_problems_add            (TdProblems *problems,
                                             TdSeverity  severity,
                                             const char *path,
                                             const char *format,
                                             ...) G_GNUC_PRINTF (4, 5);
void             td_problems_add_at         (TdProblems *problems,
                                             TdSeverity  severity,
                                             guint       line,
                                             guint       column,
                                             const char *format,
                                             ...) G_GNUC_PRINTF (5, 6);
void             td_problems_add_cell       (TdProblems *problems,
                                             TdSeverity  severity,
                                             const char *file,
                                             guint       line,
                                             const char *column_name,
                                             const char *format,
                                             ...) G_GNUC_PRINTF (6, 7);
void             td_problems_add_all        (TdProblems       *problems,
                                             const TdProblems *more);
guint            td_problems_get_n          (const TdProblems *problems);
const TdProblem *td_problems_get            (const TdProblems *problems,
                                             guint             index);
guint            td_problems_count          (const TdProblems *problems,
                                             TdSeverity        severity);
char            *td_problem_to_string       (const TdProblem  *problem,
                                             const char       *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdProblems, td_problems_free)

G_END_DECLS
