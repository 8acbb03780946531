/* test-values.c — money, rates, dates and the rounding rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "td-date.h"
#include "td-error.h"
#include "td-money.h"
#include "td-rate.h"

static void
test_money_parse_accepts (void)
{
  static const struct { const char *text; TdMoney cents; } cases[] = {
    { "15", 1500 },
    { "15.5", 1550 },
    { "15.05", 1505 },
    { "0", 0 },
    { "0.00", 0 },
    { "007.10", 710 },
    { "10000.00", 1000000 },
    { "92233720368547758.07", G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TdMoney cents = -1;

      g_assert_true (td_money_parse (cases[i].text, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, cases[i].cents);
    }
}

static void
test_money_parse_refuses (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "1.234", TD_ERROR_INVALID },
    { "1e3", TD_ERROR_INVALID },
    { "-3.07", TD_ERROR_INVALID },
    { "+5", TD_ERROR_INVALID },
    { " 5", TD_ERROR_INVALID },
    { "5 ", TD_ERROR_INVALID },
    { "1,000.00", TD_ERROR_INVALID },
    { "1.", TD_ERROR_INVALID },
    { ".5", TD_ERROR_INVALID },
    { "", TD_ERROR_INVALID },
    { "12a", TD_ERROR_INVALID },
    { "0x10", TD_ERROR_INVALID },
    { "92233720368547758.08", TD_ERROR_OVERFLOW },
    { "99999999999999999999999", TD_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TdMoney cents = 42;

      g_assert_false (td_money_parse (cases[i].text, &cents, &error));
      g_assert_error (error, TD_ERROR, cases[i].code);
      g_assert_cmpint (cents, ==, 42);
    }
}

static void
test_money_parse_message (void)
{
  g_autoptr(GError) error = NULL;
  TdMoney cents;

  td_money_parse ("1.234", &cents, &error);
  g_assert_cmpstr (error->message, ==,
                   "“1.234” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”");
}

static void
test_money_format (void)
{
  char buf[TD_MONEY_BUF];
  g_autofree char *plus = td_money_format_signed (123456);
  g_autofree char *minus = td_money_format_signed (-5);
  g_autofree char *zero = td_money_format_signed (0);

  g_assert_cmpstr (td_money_format_buf (0, buf), ==, "0.00");
  g_assert_cmpstr (td_money_format_buf (5, buf), ==, "0.05");
  g_assert_cmpstr (td_money_format_buf (1550, buf), ==, "15.50");
  g_assert_cmpstr (td_money_format_buf (-307, buf), ==, "-3.07");
  g_assert_cmpstr (td_money_format_buf (G_MAXINT64, buf), ==, "92233720368547758.07");
  g_assert_cmpstr (td_money_format_buf (G_MININT64, buf), ==, "-92233720368547758.08");
  g_assert_cmpstr (plus, ==, "+1234.56");
  g_assert_cmpstr (minus, ==, "-0.05");
  g_assert_cmpstr (zero, ==, "0.00");
}

static void
test_money_add (void)
{
  TdMoney sum;

  g_assert_true (td_money_add (100, 250, &sum));
  g_assert_cmpint (sum, ==, 350);
  g_assert_false (td_money_add (G_MAXINT64, 1, &sum));
  g_assert_false (td_money_add (G_MININT64, -1, &sum));
}

static void
test_rounding (void)
{
  static const struct { gint64 numerator; gint64 denominator; TdMoney expected; } cases[] = {
    /* 30 % of 900.00 = 270.00 exactly */
    { 90000LL * 300000, 1000000, 27000 },
    /* 12.5 % of 0.04 = 0.005 → 0.01 (half away from zero) */
    { 4LL * 125000, 1000000, 1 },
    /* 12.5 % of 0.03 = 0.00375 → 0.00 */
    { 3LL * 125000, 1000000, 0 },
    /* 0.00499… stays 0.00 */
    { 499, 100000, 0 },
    { 5, 10, 1 },
    { 15, 10, 2 },
    { 25, 10, 3 },
    { -5, 10, -1 },
    { -15, 10, -2 },
    { -14, 10, -1 },
    { 5, -10, -1 },
    { 0, 7, 0 },
    { 2, 3, 1 },
    { 1, 3, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TdMoney out = 12345;

      g_assert_true (td_round_quotient (cases[i].numerator, cases[i].denominator, &out));
      g_assert_cmpint (out, ==, cases[i].expected);
    }
}

static void
test_rounding_overflow (void)
{
  TdMoney out;
  __int128 huge = (__int128) G_MAXINT64 * 1000;

  g_assert_false (td_round_quotient (huge, 1, &out));
  g_assert_true (td_round_quotient (huge, 1000, &out));
  g_assert_cmpint (out, ==, G_MAXINT64);
  /* A product of a large base and a large rate does not wrap in 128 bits. */
  g_assert_true (td_round_quotient ((__int128) 100000000000000LL * 250000, 1000000, &out));
  g_assert_cmpint (out, ==, 25000000000000LL);
}

static void
test_rate_from_double (void)
{
  static const struct { double value; TdRate rate; } ok[] = {
    { 25, 250000 }, { 12.5, 125000 }, { 1.25e1, 125000 }, { 0, 0 },
    { 1.2345, 12345 }, { 0.0001, 1 }, { 33.3333, 333333 }, { 100, 1000000 },
    { 1.1, 11000 }, { 0.3, 3000 },
  };
  static const double refused[] = { 12.34567, 0.00001, -1, -0.5, 1.00005 };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      TdRate rate = -1;

      g_assert_true (td_rate_from_double (ok[i].value, &rate, &error));
      g_assert_cmpint (rate, ==, ok[i].rate);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      TdRate rate = 7;

      g_assert_false (td_rate_from_double (refused[i], &rate, &error));
      g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
      g_assert_cmpint (rate, ==, 7);
    }
  {
    g_autoptr(GError) error = NULL;
    TdRate rate;

    g_assert_false (td_rate_from_double (1e300, &rate, &error));
    g_assert_error (error, TD_ERROR, TD_ERROR_OVERFLOW);
  }
  {
    g_autoptr(GError) error = NULL;
    TdRate rate;

    g_assert_false (td_rate_from_double (NAN, &rate, &error));
    g_assert_error (error, TD_ERROR, TD_ERROR_INVALID);
  }
}

static void
test_rate_parse_and_format (void)
{
  static const struct { const char *text; TdRate rate; const char *canonical; } cases[] = {
    { "25", 250000, "25" },
    { "12.5", 125000, "12.5" },
    { "12.50", 125000, "12.5" },
    { "0.0001", 1, "0.0001" },
    { "1.2345", 12345, "1.2345" },
    { "0", 0, "0" },
    { "100.0000", 1000000, "100" },
  };
  static const char *const refused[] = { "12.34567", "-1", "+1", "1e2", "", "1.", ".5", "1,5", " 1" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char buf[TD_RATE_BUF];
      TdRate rate = -1;

      g_assert_true (td_rate_parse (cases[i].text, &rate, &error));
      g_assert_cmpint (rate, ==, cases[i].rate);
      g_assert_cmpstr (td_rate_format_buf (rate, buf), ==, cases[i].canonical);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      TdRate rate;

      g_assert_false (td_rate_parse (refused[i], &rate, &error));
      g_assert_nonnull (error);
    }
}

static void
test_date_parse (void)
{
  static const char *const valid[] = { "2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01", "9999-12-31", "1970-01-01" };
  static const char *const not_in_calendar[] = { "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01" };
  static const char *const malformed[] = { "2024-2-29", "2024/02/29", "20240229", "2024-02-29 ", " 2024-02-29", "2024-02-29T00:00", "", "24-02-29", "2024-0a-01" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      char buf[TD_DATE_BUF];
      TdDate date;

      g_assert_true (td_date_parse (valid[i], &date, &error));
      g_assert_cmpstr (td_date_format_buf (date, buf), ==, valid[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_in_calendar); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("“%s” is not a date in the calendar", not_in_calendar[i]);
      TdDate date;

      g_assert_false (td_date_parse (not_in_calendar[i], &date, &error));
      g_assert_cmpstr (error->message, ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("“%s” is not a date of the form YYYY-MM-DD", malformed[i]);
      TdDate date;

      g_assert_false (td_date_parse (malformed[i], &date, &error));
      g_assert_cmpstr (error->message, ==, expected);
    }
}

static void
test_date_arithmetic (void)
{
  char buf[TD_DATE_BUF];

  g_assert_cmpint (td_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (td_date_from_ymd (2024, 3, 1) - td_date_from_ymd (2024, 2, 28), ==, 2);
  g_assert_cmpint (td_date_from_ymd (2023, 3, 1) - td_date_from_ymd (2023, 2, 28), ==, 1);
  g_assert_cmpint (td_date_from_ymd (2000, 1, 1), ==, 10957);

  /* A year back: Feb 29 becomes Feb 28. */
  g_assert_cmpstr (td_date_format_buf (td_date_minus_one_year (td_date_from_ymd (2024, 2, 29)), buf), ==, "2023-02-28");
  g_assert_cmpstr (td_date_format_buf (td_date_minus_one_year (td_date_from_ymd (2025, 3, 1)), buf), ==, "2024-03-01");
  /* The window 2024-03-01 - 1 year ... 2024-02-29 holds Feb 29: 366 days. */
  g_assert_cmpint (td_date_from_ymd (2024, 3, 1) - td_date_minus_one_year (td_date_from_ymd (2024, 3, 1)), ==, 366);

  /* Calendar months, clamped to the month's end. */
  g_assert_cmpstr (td_date_format_buf (td_date_add_months (td_date_from_ymd (2024, 1, 31), 1), buf), ==, "2024-02-29");
  g_assert_cmpstr (td_date_format_buf (td_date_add_months (td_date_from_ymd (2022, 8, 31), 24), buf), ==, "2024-08-31");
  g_assert_cmpstr (td_date_format_buf (td_date_add_months (td_date_from_ymd (2022, 2, 28), 24), buf), ==, "2024-02-28");
  g_assert_cmpstr (td_date_format_buf (td_date_add_months (td_date_from_ymd (2023, 11, 30), 3), buf), ==, "2024-02-29");

  /* Buckets. */
  g_assert_cmpstr (td_date_format_buf (td_date_bucket_start (td_date_from_ymd (2024, 5, 17), TD_BUCKET_QUARTER), buf), ==, "2024-04-01");
  g_assert_cmpstr (td_date_format_buf (td_date_bucket_end (td_date_from_ymd (2024, 5, 17), TD_BUCKET_QUARTER), buf), ==, "2024-06-30");
  g_assert_cmpstr (td_date_format_buf (td_date_bucket_end (td_date_from_ymd (2024, 2, 3), TD_BUCKET_MONTH), buf), ==, "2024-02-29");
  g_assert_cmpstr (td_date_format_buf (td_date_bucket_start (td_date_from_ymd (2024, 12, 31), TD_BUCKET_YEAR), buf), ==, "2024-01-01");
  g_assert_cmpstr (td_date_format_buf (td_date_bucket_end (td_date_from_ymd (2024, 1, 1), TD_BUCKET_YEAR), buf), ==, "2024-12-31");
}

static void
test_date_round_trip_every_day (void)
{
  /* Every day from 1600 to 2400 converts both ways. */
  TdDate first = td_date_from_ymd (1600, 1, 1), last = td_date_from_ymd (2400, 12, 31);
  int y0, m0, d0;

  td_date_to_ymd (first, &y0, &m0, &d0);
  for (TdDate date = first; date <= last; date++)
    {
      int y, m, d;

      td_date_to_ymd (date, &y, &m, &d);
      g_assert_true (td_date_is_valid_ymd (y, m, d));
      g_assert_cmpint (td_date_from_ymd (y, m, d), ==, date);
    }
  g_assert_cmpint (last - first + 1, ==, 801 * 365 + 195);
}

static void
test_date_presets (void)
{
  static const struct
  {
    TdPeriodPreset preset;
    const char *first, *last, *from, *to;
  } cases[] = {
    /* Data to the end of a year: that year, its last quarter. */
    { TD_PRESET_LAST_FULL_YEAR, "2024-01-01", "2025-12-31", "2025-01-01", "2025-12-31" },
    { TD_PRESET_LAST_QUARTER, "2024-01-01", "2025-12-31", "2025-10-01", "2025-12-31" },
    { TD_PRESET_YEAR_TO_DATE, "2024-01-01", "2025-12-31", "2025-01-01", "2025-12-31" },
    { TD_PRESET_ALL, "2024-01-01", "2025-12-31", "2024-01-01", "2025-12-31" },
    /* Data to mid-November: the year and quarter before are the full ones. */
    { TD_PRESET_LAST_FULL_YEAR, "2024-01-01", "2026-11-15", "2025-01-01", "2025-12-31" },
    { TD_PRESET_LAST_QUARTER, "2024-01-01", "2026-11-15", "2026-07-01", "2026-09-30" },
    { TD_PRESET_YEAR_TO_DATE, "2024-01-01", "2026-11-15", "2026-01-01", "2026-11-15" },
    /* A quarter's last day completes it. */
    { TD_PRESET_LAST_QUARTER, "2024-01-01", "2026-03-31", "2026-01-01", "2026-03-31" },
    { TD_PRESET_LAST_QUARTER, "2024-01-01", "2026-03-30", "2025-10-01", "2025-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TdDate first, last, from = 0, to = 0;
      char buf[TD_DATE_BUF];

      g_assert_true (td_date_parse (cases[i].first, &first, NULL));
      g_assert_true (td_date_parse (cases[i].last, &last, NULL));
      td_date_preset_period (cases[i].preset, first, last, &from, &to);
      g_assert_cmpstr (td_date_format_buf (from, buf), ==, cases[i].from);
      g_assert_cmpstr (td_date_format_buf (to, buf), ==, cases[i].to);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/money/parse/accepts", test_money_parse_accepts);
  g_test_add_func ("/money/parse/refuses", test_money_parse_refuses);
  g_test_add_func ("/money/parse/message", test_money_parse_message);
  g_test_add_func ("/money/format", test_money_format);
  g_test_add_func ("/money/add", test_money_add);
  g_test_add_func ("/money/rounding", test_rounding);
  g_test_add_func ("/money/rounding-overflow", test_rounding_overflow);
  g_test_add_func ("/rate/from-double", test_rate_from_double);
  g_test_add_func ("/rate/parse-format", test_rate_parse_and_format);
  g_test_add_func ("/date/parse", test_date_parse);
  g_test_add_func ("/date/arithmetic", test_date_arithmetic);
  g_test_add_func ("/date/round-trip", test_date_round_trip_every_day);
  g_test_add_func ("/values/date/presets", test_date_presets);
  return g_test_run ();
}
