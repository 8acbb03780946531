/* td-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-date.h"
#include "td-error.h"

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
td_date_days_in_month (int year,
                       int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);
  return month == 2 && is_leap_year (year) ? 29 : days[month - 1];
}

gboolean
td_date_is_valid_ymd (int year,
                      int month,
                      int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
         day >= 1 && day <= td_date_days_in_month (year, month);
}

/* Proleptic Gregorian day count (the "days from civil" construction,
 * shifting the year to start in March so Feb 29 is the last day). */
TdDate
td_date_from_ymd (int year,
                  int month,
                  int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
td_date_to_ymd (TdDate date,
                int   *year,
                int   *month,
                int   *day)
{
  int z = date + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;

  *year = yoe + era * 400 + (m <= 2);
  *month = m;
  *day = d;
}

int
td_date_parse_n (const char *text,
                 gsize       length,
                 TdDate     *out)
{
  static const char shape[] = "dddd-dd-dd";
  int year, month, day;

  if (length != sizeof shape - 1)
    return 1;
  for (guint i = 0; i < sizeof shape - 1; i++)
    {
      gboolean want_digit = shape[i] == 'd';
      if (want_digit ? !g_ascii_isdigit (text[i]) : text[i] != '-')
        return 1;
    }

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');
  if (!td_date_is_valid_ymd (year, month, day))
    return 2;

  *out = td_date_from_ymd (year, month, day);
  return 0;
}

gboolean
td_date_parse (const char *text,
               TdDate     *out,
               GError    **error)
{
  switch (td_date_parse_n (text, strlen (text), out))
    {
    case 0:
      return TRUE;
    case 2:
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("“%s” is not a date in the calendar"), text);
      return FALSE;
    default:
      g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                   _("“%s” is not a date of the form YYYY-MM-DD"), text);
      return FALSE;
    }
}

char *
td_date_format_buf (TdDate date,
                    char   buf[TD_DATE_BUF])
{
  int y, m, d;

  td_date_to_ymd (date, &y, &m, &d);
  g_snprintf (buf, TD_DATE_BUF, "%04d-%02d-%02d", y, m, d);
  return buf;
}

char *
td_date_format (TdDate date)
{
  char buf[TD_DATE_BUF];

  return g_strdup (td_date_format_buf (date, buf));
}

/* Calendar months with the day clamped to the month's end:
 * 2024-01-31 + 1 month = 2024-02-29. */
TdDate
td_date_add_months (TdDate date,
                    int    months)
{
  int y, m, d, index;

  td_date_to_ymd (date, &y, &m, &d);
  index = y * 12 + (m - 1) + months;
  y = index / 12;
  m = index % 12 + 1;
  d = MIN (d, td_date_days_in_month (y, m));
  return td_date_from_ymd (y, m, d);
}

/* Same month and day a year earlier; Feb 29 becomes Feb 28. */
TdDate
td_date_minus_one_year (TdDate date)
{
  return td_date_add_months (date, -12);
}

TdDate
td_date_bucket_start (TdDate   date,
                      TdBucket bucket)
{
  int y, m, d;

  td_date_to_ymd (date, &y, &m, &d);
  switch (bucket)
    {
    case TD_BUCKET_MONTH:
      return td_date_from_ymd (y, m, 1);
    case TD_BUCKET_QUARTER:
      return td_date_from_ymd (y, ((m - 1) / 3) * 3 + 1, 1);
    case TD_BUCKET_YEAR:
      return td_date_from_ymd (y, 1, 1);
    default:
      g_return_val_if_reached (date);
    }
}

TdDate
td_date_bucket_end (TdDate   date,
                    TdBucket bucket)
{
  TdDate start = td_date_bucket_start (date, bucket);
  int months = bucket == TD_BUCKET_MONTH ? 1 : bucket == TD_BUCKET_QUARTER ? 3 : 12;

  return td_date_add_months (start, months) - 1;
}

void
td_date_preset_period (TdPeriodPreset preset,
                       TdDate         first,
                       TdDate         last,
                       TdDate        *from,
                       TdDate        *to)
{
  /* The day after @last starts the bucket @last would complete. */
  TdDate next = last + 1;

  switch (preset)
    {
    case TD_PRESET_LAST_FULL_YEAR:
      *to = td_date_bucket_start (next, TD_BUCKET_YEAR) - 1;
      *from = td_date_bucket_start (*to, TD_BUCKET_YEAR);
      break;
    case TD_PRESET_LAST_QUARTER:
      *to = td_date_bucket_start (next, TD_BUCKET_QUARTER) - 1;
      *from = td_date_bucket_start (*to, TD_BUCKET_QUARTER);
      break;
    case TD_PRESET_YEAR_TO_DATE:
      *from = td_date_bucket_start (last, TD_BUCKET_YEAR);
      *to = last;
      break;
    case TD_PRESET_ALL:
    default:
      *from = first;
      *to = last;
      break;
    }
}
