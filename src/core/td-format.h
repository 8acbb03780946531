/* td-format.h — figures as a person reads them in the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The locale's thousands separator and decimal mark, with "," and "." when
 * the locale has none (the C locale): a channel manager never sees
 * "6000000" for six million. Exact: money stays in cents, rates in
 * 1/10,000 %, no floating point.
 */
#pragma once

#include "td-date.h"
#include "td-program.h"
#include "td-money.h"
#include "td-rate.h"

G_BEGIN_DECLS

/* @text ("-1234567.5") with @separator between groups of three digits
 * of its whole part ("-1,234,567.5"). */
char       *td_format_group_digits (const char *text,
                                    const char *separator);
/* @text ("-1234567.50", C marks) with @thousands between groups of its
 * whole part and @mark for its decimal point: "-1.234.567,50". */
char       *td_format_number_with_marks (const char *text,
                                    const char *thousands,
                                    const char *mark);
/* "6,000" */
char       *td_format_count        (guint64     count);
/* "500,000.00 ₽": cents in the currency's symbol, or its code. */
char       *td_format_money        (TdMoney     cents,
                                    const char *currency);
/* For a chart's axis: three significant digits, rounded half away from
 * zero, with k, M, B, T for 10³, 10⁶, 10⁹, 10¹²: "12.4 M ₽", "350 k €",
 * "2.5 M €", "950 €", "0.05 €". */
char       *td_format_money_compact (TdMoney    cents,
                                     const char *currency);
/* "30 %", "32.5 %" */
char       *td_format_rate         (TdRate      rate);
/* A payout ratio as the engine computes it, in 1/100 % ("12.30 %");
 * "—" without @has_value (no eligible revenue). */
char       *td_format_ratio        (gboolean    has_value,
                                    gint64      hundredths);
/* An objective's target (@is_target) or the value the simulation
 * reached, in the unit of its metric: money, a count, or a payout ratio,
 * whose target is a rate (1/10,000 %) but whose value is in 1/100 %. */
char       *td_format_objective    (const TdObjective *objective,
                                    const char *currency,
                                    gint64      value,
                                    gboolean    is_target);
/* The symbol of an ISO 4217 code ("EUR" → "€"), or the code itself. */
const char *td_format_currency_symbol (const char *currency);
/* The date in the locale's short form; ISO 8601 in the C locale. */
char       *td_format_date         (TdDate      date);
/* A stored UTC time stamp ("2025-02-17T14:30:00Z") in local time, in the
 * locale's short form; ISO-like in the C locale; @stored when unreadable. */
char       *td_format_timestamp    (const char *stored);

/* What a person types into a cell, in the locale's marks or the C ones,
 * with or without grouping, currency or "%": "1,250.50 €", "1250.5",
 * "30 %", "30". Errors are TD_ERROR with a message that shows the form
 * expected. */
gboolean    td_format_parse_money  (const char *text,
                                    const char *currency,
                                    TdMoney    *out,
                                    GError    **error);
gboolean    td_format_parse_rate   (const char *text,
                                    TdRate     *out,
                                    GError    **error);
gboolean    td_format_parse_count  (const char *text,
                                    gint64     *out,
                                    GError    **error);

G_END_DECLS
