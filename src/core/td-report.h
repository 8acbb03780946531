/* td-report.h — simulation results as JSON, CSV, text and explanations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "td-engine.h"

G_BEGIN_DECLS

/* FORMAT.md §4.1; @baseline may be NULL. */
char *td_report_to_json         (const TdResult *result,
                                 const TdResult *baseline);
/* The partners table: partner_id, name, tier, revenue, payout, then one
 * column per rule. */
char *td_report_partners_csv    (const TdResult *result);
char *td_report_to_text         (const TdResult *result,
                                 const TdResult *baseline);
/* Every payout line of a result simulated with want_lines. */
gboolean td_report_write_lines  (const TdResult *result,
                                 FILE           *out);
char *td_line_explain           (const TdResult *result,
                                 const TdLine   *line);
void  td_result_sort_lines      (TdResult       *result);

/* A CSV cell: quoted when needed, and text that a spreadsheet would read
 * as a formula (= + - @ tab CR first) neutralised with a leading '. */
void  td_csv_append_text        (GString        *out,
                                 const char     *text);

char *td_money_format_grouped   (TdMoney         cents);

G_END_DECLS
