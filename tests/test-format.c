/* test-format.c — figures as the app shows them (C locale: "," and ".")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "td-format.h"

static void
test_group_digits (void)
{
  static const char *const cases[][3] = {
    { "0", ",", "0" },
    { "999", ",", "999" },
    { "1000", ",", "1,000" },
    { "-1234567.50", ",", "-1,234,567.50" },
    { "12345", "\u202f", "12\u202f345" },
    { "100000.0001", ".", "100.000.0001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = td_format_group_digits (cases[i][0], cases[i][1]);
      g_assert_cmpstr (text, ==, cases[i][2]);
    }
}

/* Other locales' marks, which this machine may not have installed. */
static void
test_marks (void)
{
  static const char *const cases[][4] = {
    { "15014571.79", ".", ",", "15.014.571,79" },
    { "15000", ".", ",", "15.000" },
    { "-1234.5", "\u202f", ",", "-1\u202f234,5" },
    { "999.99", ".", ",", "999,99" },
    { "1234567.50", ",", ".", "1,234,567.50" },
    { "0.0001", "'", ".", "0.0001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = td_format_number_with_marks (cases[i][0], cases[i][1], cases[i][2]);
      g_assert_cmpstr (text, ==, cases[i][3]);
    }
}

static void
test_c_locale (void)
{
  g_autofree char *count = td_format_count (6000000);
  g_autofree char *zero = td_format_count (0);
  g_autofree char *rub = td_format_money (50000000, "RUB");
  g_autofree char *negative = td_format_money (-123456, "EUR");
  g_autofree char *other = td_format_money (5, "SEK");
  g_autofree char *rate = td_format_rate (325000);
  g_autofree char *small = td_format_rate (1);
  g_autofree char *date = td_format_date (td_date_from_ymd (2025, 2, 17));
  g_autofree char *stamp = td_format_timestamp ("2025-02-17T14:30:00Z");
  g_autofree char *bad = td_format_timestamp ("yesterday");

  g_assert_cmpstr (count, ==, "6,000,000");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (rub, ==, "500,000.00 ₽");
  g_assert_cmpstr (negative, ==, "-1,234.56 €");
  g_assert_cmpstr (other, ==, "0.05 SEK");
  /* 325,000 / 10,000 = 32.5 */
  g_assert_cmpstr (rate, ==, "32.5 %");
  g_assert_cmpstr (small, ==, "0.0001 %");
  g_assert_cmpstr (date, ==, "2025-02-17");
  /* TZ=UTC in the test environment. */
  g_assert_cmpstr (stamp, ==, "2025-02-17 14:30");
  g_assert_cmpstr (bad, ==, "yesterday");
}

static void
test_money_compact (void)
{
  static const struct { TdMoney cents; const char *currency; const char *text; } cases[] = {
    { 0, "EUR", "0 €" },
    { 5, "EUR", "0.05 €" },
    { 95000, "EUR", "950 €" },                      /* 950.00 */
    { 99949, "EUR", "999 €" },                      /* 999.49: down */
    { 99950, "EUR", "1 k €" },                      /* 999.50: half up, into thousands */
    { 123456, "EUR", "1.23 k €" },                  /* 1,234.56 */
    { 150000, "SEK", "1.5 k SEK" },                 /* 1,500 */
    { 1235000, "EUR", "12.4 k €" },                 /* 12,350: half up */
    { 35000000, "EUR", "350 k €" },                 /* 350,000 */
    { 99999999, "EUR", "1 M €" },                   /* 999,999.99 */
    { 250000000, "EUR", "2.5 M €" },                /* 2,500,000 */
    { 1236000000, "RUB", "12.4 M ₽" },              /* 12,360,000 */
    { -123456789, "EUR", "-1.23 M €" },             /* -1,234,567.89 */
    { G_GINT64_CONSTANT (150000000000), "EUR", "1.5 B €" },        /* 1.5 × 10⁹ */
    { G_GINT64_CONSTANT (500000000000000), "EUR", "5 T €" },       /* 5 × 10¹² */
    /* 92,233,720,368,547,758.07: 92,233.7 T, three digits 92,200 T. */
    { G_MAXINT64, "EUR", "92,200 T €" },
    { G_MININT64, "EUR", "-92,200 T €" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = td_format_money_compact (cases[i].cents, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_parse (void)
{
  static const struct { const char *text; const char *currency; gboolean ok; TdMoney cents; } money[] = {
    { "1250.50", "EUR", TRUE, 125050 },
    { "1,250.50 €", "EUR", TRUE, 125050 },
    { "€1,250.5", "EUR", TRUE, 125050 },
    { "500 000,00", "RUB", FALSE, 0 },       /* the C locale's decimal mark is the dot */
    { "500,000.00 ₽", "RUB", TRUE, 50000000 },
    { "500000 RUB", "RUB", TRUE, 50000000 },
    { "-12", "EUR", FALSE, 0 },               /* amounts in a program are never negative */
    { "12.345", "EUR", FALSE, 0 },
    { "", "EUR", FALSE, 0 },
    { "abc", "EUR", FALSE, 0 },
  };
  static const struct { const char *text; gboolean ok; TdRate rate; } rates[] = {
    { "30", TRUE, 300000 },
    { "32.5 %", TRUE, 325000 },
    { "0.0001%", TRUE, 1 },
    { "1,000", TRUE, 10000000 },
    { "-5", FALSE, 0 },
    { "5 %%", TRUE, 50000 },
    { "x", FALSE, 0 },
  };
  g_autoptr(GError) error = NULL;
  gint64 count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      TdMoney cents = 0;
      gboolean ok = td_format_parse_money (money[i].text, money[i].currency, &cents, NULL);

      if (ok != money[i].ok) g_test_message ("money case %u: %s", i, money[i].text);
      g_assert_cmpint (ok, ==, money[i].ok);
      if (ok)
        g_assert_cmpint (cents, ==, money[i].cents);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      TdRate rate = 0;
      gboolean ok = td_format_parse_rate (rates[i].text, &rate, NULL);

      g_assert_cmpint (ok, ==, rates[i].ok);
      if (ok)
        g_assert_cmpint (rate, ==, rates[i].rate);
    }

  g_assert_false (td_format_parse_money ("abc", "RUB", NULL, &error));
  g_assert_cmpstr (error->message, ==, "“abc” is not an amount: write it like “1,250.50 ₽”");
  g_clear_error (&error);
  g_assert_false (td_format_parse_rate ("thirty", NULL, &error));
  g_assert_cmpstr (error->message, ==, "“thirty” is not a percentage: write it like “12.5 %”");
  g_clear_error (&error);
  g_assert_true (td_format_parse_count ("1,200", &count, NULL));
  g_assert_cmpint (count, ==, 1200);
  g_assert_false (td_format_parse_count ("1.5", &count, &error));
  g_assert_cmpstr (error->message, ==, "“1.5” is not a whole number such as “12”");
}

/* A payout-ratio objective: its target is a rate (1/10,000 %), the
 * value reached a ratio in 1/100 %; both read "8 %" for eight percent. */
static void
test_objective (void)
{
  TdObjective ratio = { .metric = TD_OBJECTIVE_PAYOUT_RATIO };
  TdObjective payout = { .metric = TD_OBJECTIVE_PAYOUT };
  TdObjective customers = { .metric = TD_OBJECTIVE_NEW_CUSTOMERS };
  g_autofree char *target = td_format_objective (&ratio, "EUR", 80000, TRUE);
  g_autofree char *reached = td_format_objective (&ratio, "EUR", 812, FALSE);
  g_autofree char *money = td_format_objective (&payout, "EUR", 60000000, TRUE);
  g_autofree char *count = td_format_objective (&customers, "EUR", 1200, FALSE);
  g_autofree char *none = td_format_ratio (FALSE, 0);
  g_autofree char *ratio_text = td_format_ratio (TRUE, 1230);

  g_assert_cmpstr (target, ==, "8 %");
  g_assert_cmpstr (reached, ==, "8.12 %");
  g_assert_cmpstr (money, ==, "600,000.00 €");
  g_assert_cmpstr (count, ==, "1,200");
  g_assert_cmpstr (none, ==, "—");
  g_assert_cmpstr (ratio_text, ==, "12.3 %");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/group-digits", test_group_digits);
  g_test_add_func ("/format/c-locale", test_c_locale);
  g_test_add_func ("/format/marks", test_marks);
  g_test_add_func ("/format/objective", test_objective);
  g_test_add_func ("/format/money-compact", test_money_compact);
  g_test_add_func ("/format/parse", test_parse);
  return g_test_run ();
}
