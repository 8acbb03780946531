/* td-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-error.h"
#include "td-format.h"

char *
td_format_group_digits (const char *text,
                        const char *separator)
{
  const char *digits = text[0] == '-' ? text + 1 : text;
  gsize whole = strspn (digits, "0123456789");
  GString *out = g_string_new (text[0] == '-' ? "-" : "");

  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, digits + whole);
  return g_string_free (out, FALSE);
}

/* The locale's marks; the C locale has no thousands separator, and
 * "6000000" is what this module exists to avoid. */
static const char *
thousands_separator (void)
{
  const char *separator = localeconv ()->thousands_sep;

  return separator != NULL && separator[0] != '\0' ? separator : ",";
}

static const char *
decimal_mark (void)
{
  const char *mark = localeconv ()->decimal_point;

  return mark != NULL && mark[0] != '\0' ? mark : ".";
}

char *
td_format_number_with_marks (const char *text,
                             const char *thousands,
                             const char *mark)
{
  const char *dot = strchr (text, '.');
  g_autofree char *whole = dot != NULL ? g_strndup (text, (gsize) (dot - text)) : g_strdup (text);
  g_autofree char *grouped = td_format_group_digits (whole, thousands);

  /* Group the whole part only: with "." as the grouping mark, the decimal
   * point must not be mistaken for one. */
  if (dot == NULL)
    return g_steal_pointer (&grouped);
  return g_strconcat (grouped, mark, dot + 1, NULL);
}

/* "1234567.50" written with the locale's marks. */
static char *
localise_decimal (const char *text)
{
  return td_format_number_with_marks (text, thousands_separator (), decimal_mark ());
}

char *
td_format_count (guint64 count)
{
  char digits[24];

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, count);
  return td_format_group_digits (digits, thousands_separator ());
}

char *
td_format_ratio (gboolean has_value,
                 gint64   hundredths)
{
  return has_value ? td_format_rate (hundredths * 100) : g_strdup ("—");
}

char *
td_format_objective (const TdObjective *objective,
                     const char        *currency,
                     gint64             value,
                     gboolean           is_target)
{
  switch (objective->metric)
    {
    case TD_OBJECTIVE_REVENUE:
    case TD_OBJECTIVE_PAYOUT:
      return td_format_money (value, currency);
    case TD_OBJECTIVE_PAYOUT_RATIO:
      return is_target ? td_format_rate (value) : td_format_ratio (TRUE, value);
    case TD_OBJECTIVE_NEW_CUSTOMERS:
    case TD_OBJECTIVE_PARTNERS_IN_TIER:
    case TD_N_OBJECTIVE_METRICS:
    default:
      return td_format_count ((guint64) MAX (value, 0));
    }
}

const char *
td_format_currency_symbol (const char *currency)
{
  static const struct { const char *code, *symbol; } symbols[] = {
    { "EUR", "€" }, { "RUB", "₽" }, { "USD", "$" }, { "GBP", "£" }, { "JPY", "¥" },
    { "CNY", "¥" }, { "INR", "₹" }, { "PLN", "zł" }, { "UAH", "₴" }, { "KZT", "₸" },
    { "TRY", "₺" }, { "ILS", "₪" }, { "KRW", "₩" }, { "BRL", "R$" }, { "CZK", "Kč" },
  };

  if (currency == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (strcmp (symbols[i].code, currency) == 0)
      return symbols[i].symbol;
  return currency;
}

char *
td_format_money (TdMoney     cents,
                 const char *currency)
{
  char buf[TD_MONEY_BUF];
  g_autofree char *amount = localise_decimal (td_money_format_buf (cents, buf));

  return g_strdup_printf ("%s %s", amount, td_format_currency_symbol (currency));
}

char *
td_format_money_compact (TdMoney     cents,
                         const char *currency)
{
  /* The suffixes are of units, not of cents: 10⁵ cents is 1 k. */
  static const guint64 scales[] = { 100, 100000, 100000000, G_GUINT64_CONSTANT (100000000000),
                                    G_GUINT64_CONSTANT (100000000000000) };
  const char *suffixes[] = {
    NULL,
    /* TRANSLATORS: thousands in a compact amount on a chart's axis: "350 k €" */
    C_("compact", "k"),
    /* TRANSLATORS: millions in a compact amount: "12.4 M €" */
    C_("compact", "M"),
    /* TRANSLATORS: billions (10⁹) in a compact amount: "1.5 B €" */
    C_("compact", "B"),
    /* TRANSLATORS: trillions (10¹²) in a compact amount: "2 T €" */
    C_("compact", "T"),
  };
  guint64 magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;
  guint64 unit = 1, rounded, scale;
  guint s = 0;
  char number[48];
  int len;
  g_autofree char *localised = NULL;

  /* Three significant digits: the smallest power of ten that leaves fewer
   * than 1,000 of it once rounded. The magnitude is at most 2⁶³ and the
   * power at most 10¹⁶, so the sums stay under 2⁶⁴. */
  while ((magnitude + unit / 2) / unit >= 1000)
    unit *= 10;
  rounded = (magnitude + unit / 2) / unit * unit;
  while (s + 1 < G_N_ELEMENTS (scales) && rounded >= scales[s + 1])
    s++;
  scale = scales[s];
  /* The fraction's digits are those of the scale's (5 for k: 10⁵ cents),
   * the zeros at its end dropped. */
  if (rounded % scale == 0)
    len = g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, rounded / scale);
  else
    {
      int digits = 0;

      for (guint64 d = scale; d > 1; d /= 10)
        digits++;
      len = g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                        rounded / scale, digits, rounded % scale);
      while (number[len - 1] == '0')
        number[--len] = '\0';
    }
  localised = localise_decimal (number);
  if (suffixes[s] == NULL)
    return g_strdup_printf ("%s%s %s", cents < 0 ? "-" : "", localised, td_format_currency_symbol (currency));
  return g_strdup_printf ("%s%s %s %s", cents < 0 ? "-" : "", localised, suffixes[s],
                          td_format_currency_symbol (currency));
}

char *
td_format_rate (TdRate rate)
{
  char buf[TD_RATE_BUF];
  g_autofree char *number = localise_decimal (td_rate_format_buf (rate, buf));

  return g_strdup_printf ("%s %%", number);
}

/* The C locale's date format is the American "%m/%d/%y": nobody's choice. */
static gboolean
locale_has_dates (void)
{
  return strcmp (nl_langinfo (D_FMT), "%m/%d/%y") != 0;
}

char *
td_format_date (TdDate date)
{
  int year, month, day;
  g_autoptr(GDateTime) time = NULL;

  td_date_to_ymd (date, &year, &month, &day);
  if (!locale_has_dates ())
    return td_date_format (date);
  time = g_date_time_new_utc (year, month, day, 0, 0, 0);
  return g_date_time_format (time, "%x");
}

char *
td_format_timestamp (const char *stored)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (stored, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (stored);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, locale_has_dates () ? "%x %H:%M" : "%Y-%m-%d %H:%M");
}

/* Grouping stands before exactly three digits: "500,000" but not "500,00",
 * which is someone else's decimal comma and must not become 50,000. */
static gboolean
groups_three_digits (const char *after)
{
  return g_ascii_isdigit (after[0]) && g_ascii_isdigit (after[1]) && g_ascii_isdigit (after[2])
         && !g_ascii_isdigit (after[3]);
}

/* @text without blanks, the currency and "%", grouping removed and the
 * decimal mark made a dot: what td_money_parse and td_rate_parse read.
 * The locale's decimal mark wins; with a dot as decimal mark, a comma can
 * only be grouping, and the other way round. A misplaced grouping mark is
 * kept, so that the parse fails. */
static char *
normalise_number (const char *text,
                  const char *currency)
{
  const char *mark = decimal_mark ();
  const char *grouping = strcmp (mark, ",") == 0 ? "." : ",";
  const char *separator = thousands_separator ();
  const char *symbol = td_format_currency_symbol (currency);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == '%')
        ;
      else if (currency != NULL && currency[0] != '\0' && g_str_has_prefix (p, currency))
        next = p + strlen (currency);
      else if (symbol[0] != '\0' && g_str_has_prefix (p, symbol))
        next = p + strlen (symbol);
      else if (g_str_has_prefix (p, mark))
        {
          g_string_append_c (out, '.');
          next = p + strlen (mark);
        }
      else if (g_str_has_prefix (p, grouping) && groups_three_digits (p + strlen (grouping)))
        next = p + strlen (grouping);
      else if (separator[0] != '\0' && g_str_has_prefix (p, separator)
               && groups_three_digits (p + strlen (separator)))
        next = p + strlen (separator);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* How td_money_parse(), td_rate_parse() and count_parse() read a number. */
typedef gboolean (*NumberParser) (const char *number,
                                  gint64     *out,
                                  GError    **error);

static gboolean
count_parse (const char *number,
             gint64     *out,
             GError    **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (number, 10, 0, G_MAXINT64, &value, error))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

/* @text read by @parse once normalised: a number as people write it. */
static gboolean
parse_number (const char   *text,
              const char   *currency,
              NumberParser  parse,
              gint64       *out)
{
  g_autofree char *number = normalise_number (text, currency);

  return number[0] != '\0' && parse (number, out, NULL);
}

gboolean
td_format_parse_money (const char *text,
                       const char *currency,
                       TdMoney    *out,
                       GError    **error)
{
  g_autofree char *example = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  if (parse_number (text, currency, td_money_parse, out))
    return TRUE;
  example = td_format_money (125050, currency);
  g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
               /* TRANSLATORS: “TEXT” is not an amount: write it like “1,250.50 €” */
               _("“%s” is not an amount: write it like “%s”"), text, example);
  return FALSE;
}

gboolean
td_format_parse_rate (const char *text,
                      TdRate     *out,
                      GError    **error)
{
  g_autofree char *example = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  if (parse_number (text, NULL, td_rate_parse, out))
    return TRUE;
  example = td_format_rate (125000);
  g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
               /* TRANSLATORS: “TEXT” is not a percentage: write it like “12.5 %” */
               _("“%s” is not a percentage: write it like “%s”"), text, example);
  return FALSE;
}

gboolean
td_format_parse_count (const char *text,
                       gint64     *out,
                       GError    **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  if (parse_number (text, NULL, count_parse, out))
    return TRUE;
  g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
               /* TRANSLATORS: “TEXT” is not a whole number such as “12” */
               _("“%s” is not a whole number such as “12”"), text);
  return FALSE;
}
