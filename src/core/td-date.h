/* td-date.h — calendar dates as day numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Days since 1970-01-01 (negative before). Years 0001 to 9999 only. */
typedef gint32 TdDate;

/* An empty date cell. */
#define TD_DATE_NONE G_MININT32

#define TD_DATE_BUF 11

typedef enum
{
  TD_BUCKET_MONTH,
  TD_BUCKET_QUARTER,
  TD_BUCKET_YEAR,
} TdBucket;

gboolean td_date_is_valid_ymd      (int         year,
                                    int         month,
                                    int         day);
int      td_date_days_in_month     (int         year,
                                    int         month);
TdDate   td_date_from_ymd          (int         year,
                                    int         month,
                                    int         day);
void     td_date_to_ymd            (TdDate      date,
                                    int        *year,
                                    int        *month,
                                    int        *day);
gboolean td_date_parse             (const char *text,
                                    TdDate     *out,
                                    GError    **error);
/* 0: a date; 1: not of the form YYYY-MM-DD; 2: not in the calendar. */
int      td_date_parse_n           (const char *text,
                                    gsize       length,
                                    TdDate     *out);
char    *td_date_format_buf        (TdDate      date,
                                    char        buf[TD_DATE_BUF]);
char    *td_date_format            (TdDate      date);
TdDate   td_date_add_months        (TdDate      date,
                                    int         months);
TdDate   td_date_minus_one_year    (TdDate      date);
TdDate   td_date_bucket_start      (TdDate      date,
                                    TdBucket    bucket);
TdDate   td_date_bucket_end        (TdDate      date,
                                    TdBucket    bucket);

/* The periods the Simulate page offers, relative to the data: the sales
 * run from @first to @last. */
typedef enum
{
  TD_PRESET_LAST_FULL_YEAR,   /* the latest calendar year that ends by @last */
  TD_PRESET_LAST_QUARTER,     /* the latest calendar quarter that ends by @last */
  TD_PRESET_YEAR_TO_DATE,     /* January 1 of @last's year to @last */
  TD_PRESET_ALL,              /* @first to @last */
} TdPeriodPreset;

void     td_date_preset_period     (TdPeriodPreset preset,
                                    TdDate      first,
                                    TdDate      last,
                                    TdDate     *from,
                                    TdDate     *to);

G_END_DECLS
