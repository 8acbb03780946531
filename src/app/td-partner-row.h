/* td-partner-row.h — one partner of a simulation, as a row of the table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TD_TYPE_PARTNER_ROW (td_partner_row_get_type ())
G_DECLARE_FINAL_TYPE (TdPartnerRow, td_partner_row, TD, PARTNER_ROW, GObject)

/* @rules: the names of the rules that paid it, comma-separated. Figures
 * are kept as numbers (cents) to sort by, and as the text shown. */
TdPartnerRow *td_partner_row_new (guint       index,
                                  const char *id,
                                  const char *name,
                                  const char *tier,
                                  gint64      revenue,
                                  gint64      payout,
                                  const char *currency,
                                  const char *rules);

guint       td_partner_row_get_index        (TdPartnerRow *row);
const char *td_partner_row_get_id           (TdPartnerRow *row);
const char *td_partner_row_get_name         (TdPartnerRow *row);
const char *td_partner_row_get_tier         (TdPartnerRow *row);
gint64      td_partner_row_get_revenue      (TdPartnerRow *row);
gint64      td_partner_row_get_payout       (TdPartnerRow *row);
const char *td_partner_row_get_revenue_text (TdPartnerRow *row);
const char *td_partner_row_get_payout_text  (TdPartnerRow *row);
const char *td_partner_row_get_rules        (TdPartnerRow *row);

G_END_DECLS
