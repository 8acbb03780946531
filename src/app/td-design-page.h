/* td-design-page.h — the designer: the tier matrix and the program's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-editor.h"
#include "td-matrix-cell.h"

G_BEGIN_DECLS

#define TD_TYPE_DESIGN_PAGE (td_design_page_get_type ())
G_DECLARE_FINAL_TYPE (TdDesignPage, td_design_page, TD, DESIGN_PAGE, AdwBin)

/* Shows and edits @editor's program (NULL: none). @partners (GStrv pairs
 * {id, name} of the data set, NULL when none) feed the override search. */
void          td_design_page_set_editor  (TdDesignPage *page,
                                          TdEditor     *editor,
                                          GPtrArray    *partners);
/* Moves the focus to the field of a problem's JSON path ("$.rules[2].rates.gold"),
 * or the nearest one shown. */
void          td_design_page_focus_path  (TdDesignPage *page,
                                          const char   *path);
/* The cell of a row and tier, for tests: @row "rule:ID", "requirement:ID",
 * "benefit:ID", "objective:ID"; @tier_id NULL for a row's only cell. */
TdMatrixCell *td_design_page_get_cell    (TdDesignPage *page,
                                          const char   *row,
                                          const char   *tier_id);

/* The months the promotions timeline shows: those of the data set's sales
 * (0, 0: the timeline's own choice). */
void          td_design_page_set_period  (TdDesignPage *page,
                                          TdDate        first,
                                          TdDate        last);
/* The promotions timeline, for tests. */
GtkWidget    *td_design_page_get_timeline (TdDesignPage *page);

G_END_DECLS
