/* td-rate.h — rates and multipliers as exact integers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A rate in 1/10,000 of a percent (25 % is 250000) or a multiplier in
 * 1/10,000 (1.25 is 12500): the exact decimal with at most 4 decimals. */
typedef gint64 TdRate;

#define TD_RATE_SCALE 10000
/* Larger values are refused: no rate or multiplier is meant to be this big,
 * and the bound keeps every product with money inside 128 bits. */
#define TD_RATE_MAX ((TdRate) 1000000000 * TD_RATE_SCALE)

#define TD_RATE_BUF 32

gboolean td_rate_from_double (double      value,
                              TdRate     *out,
                              GError    **error);
gboolean td_rate_parse       (const char *text,
                              TdRate     *out,
                              GError    **error);
char    *td_rate_format_buf  (TdRate      rate,
                              char        buf[TD_RATE_BUF]);
char    *td_rate_format      (TdRate      rate);

G_END_DECLS
