/* td-simulate-page.h — what the draft would have paid: figures, charts, partners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-simulation.h"

G_BEGIN_DECLS

#define TD_TYPE_SIMULATE_PAGE (td_simulate_page_get_type ())
G_DECLARE_FINAL_TYPE (TdSimulatePage, td_simulate_page, TD, SIMULATE_PAGE, AdwBin)

/* Shows @simulation's CURRENT results and sets its period. */
void        td_simulate_page_set_simulation (TdSimulatePage *page,
                                             TdSimulation   *simulation);
/* The period preset (TdPeriodPreset) or custom dates, as the user would. */
void        td_simulate_page_set_preset     (TdSimulatePage *page,
                                             guint           preset);
gboolean    td_simulate_page_set_custom     (TdSimulatePage *page,
                                             const char     *from,
                                             const char     *to);
/* For tests: the text of a summary card ("payout", "eligible-revenue",
 * "ratio", "partners-paid", "new-customers", "ineligible",
 * "unattributed") and the partner table as shown, as CSV. */
const char *td_simulate_page_get_card_text  (TdSimulatePage *page,
                                             const char     *card);
char       *td_simulate_page_table_csv      (TdSimulatePage *page);
guint       td_simulate_page_get_n_shown    (TdSimulatePage *page);
/* The "Payout by tier" chart: activating a tier's bar filters the table. */
GtkWidget  *td_simulate_page_get_tier_chart (TdSimulatePage *page);
void        td_simulate_page_set_filter     (TdSimulatePage *page,
                                             const char     *tier_id,
                                             const char     *search);

G_END_DECLS
