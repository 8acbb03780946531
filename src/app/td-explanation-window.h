/* td-explanation-window.h — "Why this amount?": a partner's payout, line by line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-engine.h"

G_BEGIN_DECLS

#define TD_TYPE_EXPLANATION_WINDOW (td_explanation_window_get_type ())
G_DECLARE_FINAL_TYPE (TdExplanationWindow, td_explanation_window, TD, EXPLANATION_WINDOW, AdwWindow)

/* Explains partner @partner of @result; the window keeps what it shows, so
 * @result may go after this call. */
TdExplanationWindow *td_explanation_window_new        (GtkWindow      *parent,
                                                       const TdResult *result,
                                                       guint           partner);
/* For tests: the number of rules shown, the sum of their subtotals, and
 * showing the details of line @index of rule @rule (in the order shown). */
guint                td_explanation_window_get_n_rules (TdExplanationWindow *window);
TdMoney              td_explanation_window_get_total   (TdExplanationWindow *window);
TdMoney              td_explanation_window_get_payout  (TdExplanationWindow *window);
gboolean             td_explanation_window_show_line   (TdExplanationWindow *window,
                                                        guint                rule,
                                                        guint                index);
/* The details shown, one "title: value" per line. */
char                *td_explanation_window_get_detail_text (TdExplanationWindow *window);

G_END_DECLS
