/* td-money.h — exact money in integer cents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Minor units (cents) of the program's currency. Never a double. */
typedef gint64 TdMoney;

/* The longest text td_money_format() writes, with its NUL. */
#define TD_MONEY_BUF 32

gboolean td_money_parse          (const char *text,
                                  TdMoney    *out,
                                  GError    **error);
gboolean td_money_parse_n        (const char *text,
                                  gsize       length,
                                  TdMoney    *out);
char    *td_money_format_buf     (TdMoney     cents,
                                  char        buf[TD_MONEY_BUF]);
char    *td_money_format         (TdMoney     cents);
char    *td_money_format_signed  (TdMoney     cents);
gboolean td_money_add            (TdMoney     a,
                                  TdMoney     b,
                                  TdMoney    *out);
gboolean td_round_quotient       (__int128    numerator,
                                  __int128    denominator,
                                  TdMoney    *out);

G_END_DECLS
