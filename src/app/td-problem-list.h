/* td-problem-list.h — the problems of an import preview as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder with a million bad rows has a million problems: the items are
 * made when a view asks for them, never all kept.
 */
#pragma once

#include <gio/gio.h>

#include "td-import-preview.h"

G_BEGIN_DECLS

#define TD_TYPE_PROBLEM_ITEM (td_problem_item_get_type ())
G_DECLARE_FINAL_TYPE (TdProblemItem, td_problem_item, TD, PROBLEM_ITEM, GObject)

#define TD_TYPE_PROBLEM_LIST (td_problem_list_get_type ())
G_DECLARE_FINAL_TYPE (TdProblemList, td_problem_list, TD, PROBLEM_LIST, GObject)

/* The file's name (not its folder), "" when the problem is the folder's. */
const char    *td_problem_item_get_file    (TdProblemItem   *item);
/* 0 when the problem is the whole file's. */
guint          td_problem_item_get_line    (TdProblemItem   *item);
/* The column's header name, "" when none. */
const char    *td_problem_item_get_column  (TdProblemItem   *item);
const char    *td_problem_item_get_message (TdProblemItem   *item);
/* Whether every word of @casefolded_words (g_utf8_casefold, separated by
 * spaces) is in the file name, line, column or message. */
gboolean       td_problem_item_matches     (TdProblemItem   *item,
                                            const char      *casefolded_words);

TdProblemList *td_problem_list_new         (TdImportPreview *preview);

G_END_DECLS
