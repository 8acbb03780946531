/* td-summary-card.h — one figure of a page's summary: heading, value, detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_SUMMARY_CARD (td_summary_card_get_type ())
G_DECLARE_FINAL_TYPE (TdSummaryCard, td_summary_card, TD, SUMMARY_CARD, GtkBox)

/* Shows "—" as its value until td_summary_card_set_value(). */
GtkWidget     *td_summary_card_new                    (const char    *title);
void           td_summary_card_set_value              (TdSummaryCard *card,
                                                       const char    *text);
const char    *td_summary_card_get_value              (TdSummaryCard *card);
/* The small line under the value; NULL clears it. */
void           td_summary_card_set_detail             (TdSummaryCard *card,
                                                       const char    *text);
/* The narrowest the detail may make the card, in characters. */
void           td_summary_card_set_detail_width_chars (TdSummaryCard *card,
                                                       int            n_chars);

/* The pages keep their cards in a GtkFlowBox, each card named (its widget
 * name) for the figure it shows: "payout", "delta"… */
TdSummaryCard *td_summary_card_append                 (GtkFlowBox    *cards,
                                                       const char    *name,
                                                       const char    *title);
/* NULL when @cards has no card @name. */
TdSummaryCard *td_summary_card_find                   (GtkFlowBox    *cards,
                                                       const char    *name);
/* The value and the detail (or NULL) of the card @name. */
void           td_summary_card_update                 (GtkFlowBox    *cards,
                                                       const char    *name,
                                                       const char    *value,
                                                       const char    *detail);

G_END_DECLS
