/* td-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-error.h"
#include "td-money.h"

typedef enum
{
  PARSE_OK,
  PARSE_INVALID,
  PARSE_OVERFLOW,
} ParseResult;

/* FORMAT.md §1: ^[0-9]+(\.[0-9]{1,2})?$, no sign, exponent, space or
 * thousands separator; anything beyond 2^63-1 cents is an error. */
static ParseResult
parse_money (const char *p,
             const char *end,
             TdMoney    *out)
{
  guint64 units = 0;
  guint64 cents = 0;
  int decimals = 0;

  if (p == end || !g_ascii_isdigit (*p))
    return PARSE_INVALID;

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      /* units stays below 2^63 / 100, so units * 10 + 9 cannot wrap. */
      units = units * 10 + (guint64) (*p - '0');
      if (units > (guint64) G_MAXINT64 / 100)
        {
          for (; p < end && (g_ascii_isdigit (*p) || *p == '.'); p++)
            ;
          return p == end ? PARSE_OVERFLOW : PARSE_INVALID;
        }
    }

  if (p < end && *p == '.')
    {
      p++;
      for (; p < end && g_ascii_isdigit (*p) && decimals < 3; p++, decimals++)
        cents = cents * 10 + (guint64) (*p - '0');
      if (decimals == 0 || decimals > 2)
        return PARSE_INVALID;
      if (decimals == 1)
        cents *= 10;
    }

  if (p != end)
    return PARSE_INVALID;
  if (units * 100 > (guint64) G_MAXINT64 - cents)
    return PARSE_OVERFLOW;

  *out = (TdMoney) (units * 100 + cents);
  return PARSE_OK;
}

gboolean
td_money_parse_n (const char *text,
                  gsize       length,
                  TdMoney    *out)
{
  return parse_money (text, text + length, out) == PARSE_OK;
}

gboolean
td_money_parse (const char *text,
                TdMoney    *out,
                GError    **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  switch (parse_money (text, text + strlen (text), out))
    {
    case PARSE_OK:
      return TRUE;
    case PARSE_OVERFLOW:
      goto overflow;
    case PARSE_INVALID:
    default:
      goto invalid;
    }

invalid:
  g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
               _("“%s” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”"),
               text);
  return FALSE;

overflow:
  g_set_error (error, TD_ERROR, TD_ERROR_OVERFLOW,
               _("“%s” is too large an amount of money"), text);
  return FALSE;
}

char *
td_money_format_buf (TdMoney cents,
                     char    buf[TD_MONEY_BUF])
{
  /* Negating G_MININT64 would overflow, so work in unsigned. */
  guint64 magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;

  g_snprintf (buf, TD_MONEY_BUF, "%s%" G_GUINT64_FORMAT ".%02u",
              cents < 0 ? "-" : "", magnitude / 100, (guint) (magnitude % 100));
  return buf;
}

char *
td_money_format (TdMoney cents)
{
  char buf[TD_MONEY_BUF];

  return g_strdup (td_money_format_buf (cents, buf));
}

/* For deltas: an explicit sign on both sides of zero. */
char *
td_money_format_signed (TdMoney cents)
{
  char buf[TD_MONEY_BUF];

  td_money_format_buf (cents, buf);
  return cents > 0 ? g_strconcat ("+", buf, NULL) : g_strdup (buf);
}

gboolean
td_money_add (TdMoney  a,
              TdMoney  b,
              TdMoney *out)
{
  return !__builtin_add_overflow (a, b, out);
}

/* The one rounding rule of FORMAT.md §1: the exact quotient rounded once,
 * half away from zero, to a whole number of cents. FALSE when the result
 * does not fit in 64 bits. */
gboolean
td_round_quotient (__int128  numerator,
                   __int128  denominator,
                   TdMoney  *out)
{
  gboolean negative;
  unsigned __int128 n, d, q, r;

  g_return_val_if_fail (denominator != 0, FALSE);

  negative = (numerator < 0) != (denominator < 0);
  n = numerator < 0 ? (unsigned __int128) 0 - (unsigned __int128) numerator : (unsigned __int128) numerator;
  d = denominator < 0 ? (unsigned __int128) 0 - (unsigned __int128) denominator : (unsigned __int128) denominator;
  q = n / d;
  r = n % d;
  if (r >= d - r)
    q++;

  if (q > (unsigned __int128) G_MAXINT64)
    return FALSE;

  *out = negative ? -(TdMoney) q : (TdMoney) q;
  return TRUE;
}
