/* td-history-page.h — a program's versions and what changed between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-workspace.h"

G_BEGIN_DECLS

#define TD_TYPE_HISTORY_PAGE (td_history_page_get_type ())
G_DECLARE_FINAL_TYPE (TdHistoryPage, td_history_page, TD, HISTORY_PAGE, AdwBin)

/* Lists the versions of @program_id (NULL: none) read from @workspace,
 * which must outlive the page's use of it. */
void   td_history_page_set_program          (TdHistoryPage *page,
                                             TdWorkspace   *workspace,
                                             const char    *program_id);
/* The version selected in the list; 0 when none. */
guint  td_history_page_get_selected_version (TdHistoryPage *page);
/* Shows the changes from version @from to version @to. */
void   td_history_page_compare              (TdHistoryPage *page,
                                             guint          from,
                                             guint          to);
/* The sentences shown, one per line (for tests). */
char  *td_history_page_get_diff_text        (TdHistoryPage *page);

G_END_DECLS
