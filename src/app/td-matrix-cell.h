/* td-matrix-cell.h — one editable cell of the designer's matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Behaves like a spreadsheet cell: type, Enter (or leaving the cell)
 * commits, Escape puts the value back. A refused value stays in the cell,
 * marked, with the reason as its tooltip, until it is corrected.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_MATRIX_CELL (td_matrix_cell_get_type ())
G_DECLARE_FINAL_TYPE (TdMatrixCell, td_matrix_cell, TD, MATRIX_CELL, GtkWidget)

/* @accessible_label names the cell for screen readers ("Certified, Reward
 * on TING appliance sales"). */
GtkWidget  *td_matrix_cell_new          (const char   *text,
                                         const char   *accessible_label);
/* The value shown when not being edited ("30 %", "—"). */
void        td_matrix_cell_set_text     (TdMatrixCell *cell,
                                         const char   *text);
const char *td_matrix_cell_get_text     (TdMatrixCell *cell);
/* Marks the cell as refused with @message; NULL clears the mark. */
void        td_matrix_cell_set_error    (TdMatrixCell *cell,
                                         const char   *message);
gboolean    td_matrix_cell_has_error    (TdMatrixCell *cell);
/* Types @text and commits it, as a person would (tests). */
void        td_matrix_cell_enter        (TdMatrixCell *cell,
                                         const char   *text);
void        td_matrix_cell_grab_focus   (TdMatrixCell *cell);

G_END_DECLS
