/* td-rate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "td-error.h"
#include "td-rate.h"

/* JSON numbers reach us as doubles (json-glib), so "12.5" and "1.25e1" are
 * the same value. FORMAT.md allows rounding the double to the nearest
 * 0.0001; a value further from a 4-decimal number than the double's own
 * error can explain had a 5th decimal. */
gboolean
td_rate_from_double (double  value,
                     TdRate *out,
                     GError **error)
{
  double scaled, nearest, tolerance;

  if (!isfinite (value) || value < 0)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("must be a number ≥ 0"));
      return FALSE;
    }

  scaled = value * TD_RATE_SCALE;
  if (scaled > (double) TD_RATE_MAX)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_OVERFLOW,
                   _("is too large (at most 1000000000)"));
      return FALSE;
    }

  nearest = round (scaled);
  /* The product's own rounding error is below a few ulps of @scaled; a
   * 5th decimal moves it by at least 0.1. */
  tolerance = 1e-9 + fabs (scaled) * 1e-15;
  if (fabs (scaled - nearest) > tolerance)
    {
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("has more than 4 decimals"));
      return FALSE;
    }

  *out = (TdRate) nearest;
  return TRUE;
}

/* A plain decimal written by a person: digits, optionally a dot and up to
 * 4 decimals. */
gboolean
td_rate_parse (const char *text,
               TdRate     *out,
               GError    **error)
{
  const char *p = text;
  gint64 whole = 0, fraction = 0;
  int decimals = 0;

  if (!g_ascii_isdigit (*p))
    goto invalid;
  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > TD_RATE_MAX / TD_RATE_SCALE)
        {
          g_set_error (error, TD_ERROR, TD_ERROR_OVERFLOW,
                       _("is too large (at most 1000000000)"));
          return FALSE;
        }
    }
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, decimals++)
        {
          if (decimals == 4)
            {
              g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                           _("has more than 4 decimals"));
              return FALSE;
            }
          fraction = fraction * 10 + (*p - '0');
        }
      if (decimals == 0)
        goto invalid;
    }
  if (*p != '\0')
    goto invalid;

  for (; decimals < 4; decimals++)
    fraction *= 10;
  *out = whole * TD_RATE_SCALE + fraction;
  return TRUE;

invalid:
  g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
               _("“%s” is not a number ≥ 0 with at most 4 decimals"), text);
  return FALSE;
}

/* The shortest exact decimal: 250000 → "25", 125000 → "12.5". */
char *
td_rate_format_buf (TdRate rate,
                    char   buf[TD_RATE_BUF])
{
  /* Signed decimals (attribute thresholds, benefit numbers) share this. */
  guint64 magnitude = rate < 0 ? (guint64) 0 - (guint64) rate : (guint64) rate;
  guint64 whole = magnitude / TD_RATE_SCALE;
  guint fraction = (guint) (magnitude % TD_RATE_SCALE);
  const char *sign = rate < 0 ? "-" : "";
  int len;

  if (fraction == 0)
    {
      g_snprintf (buf, TD_RATE_BUF, "%s%" G_GUINT64_FORMAT, sign, whole);
      return buf;
    }

  len = g_snprintf (buf, TD_RATE_BUF, "%s%" G_GUINT64_FORMAT ".%04u", sign, whole, fraction);
  while (buf[len - 1] == '0')
    buf[--len] = '\0';
  return buf;
}

char *
td_rate_format (TdRate rate)
{
  char buf[TD_RATE_BUF];

  return g_strdup (td_rate_format_buf (rate, buf));
}
