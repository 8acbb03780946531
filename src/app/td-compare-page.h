/* td-compare-page.h — the draft against a saved version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-simulation.h"
#include "td-workspace.h"

G_BEGIN_DECLS

#define TD_TYPE_COMPARE_PAGE (td_compare_page_get_type ())
G_DECLARE_FINAL_TYPE (TdComparePage, td_compare_page, TD, COMPARE_PAGE, AdwBin)

void   td_compare_page_set_simulation   (TdComparePage *page,
                                         TdSimulation  *simulation);
/* The versions of @program_id in @workspace (which must outlive the
 * page's use) are the baselines offered; the latest is chosen. */
void   td_compare_page_set_program      (TdComparePage *page,
                                         TdWorkspace   *workspace,
                                         const char    *program_id);
/* Chooses version @number as the baseline (tests, and the dropdown). */
void   td_compare_page_set_baseline     (TdComparePage *page,
                                         guint          number);
/* For tests: the tier changes shown ("from → to: N" per line, as
 * `simulate --baseline` lists them) and the partners of a matrix cell. */
char  *td_compare_page_get_changes_text (TdComparePage *page);
char  *td_compare_page_get_cell_text    (TdComparePage *page,
                                         const char    *from,
                                         const char    *to);

G_END_DECLS
