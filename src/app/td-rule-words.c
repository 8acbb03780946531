/* td-rule-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-rule-words.h"

const char *
td_rule_words_period (TdPeriod period)
{
  switch (period)
    {
    case TD_PERIOD_MONTH:
      return _("each month");
    case TD_PERIOD_QUARTER:
      return _("each quarter");
    case TD_PERIOD_YEAR:
      return _("each year");
    case TD_PERIOD_PERIOD:
    case TD_N_PERIODS:
    default:
      return _("over the period");
    }
}

const char *
td_rule_words_metric (TdBonusMetric metric)
{
  switch (metric)
    {
    case TD_METRIC_REVENUE:
      return _("revenue");
    case TD_METRIC_UNITS:
      return _("units sold");
    case TD_METRIC_NEW_CUSTOMERS:
      return _("new customers");
    case TD_METRIC_REGISTERED_DEALS:
      return _("registered deals");
    case TD_METRIC_WON_DEALS:
    case TD_N_BONUS_METRICS:
    default:
      return _("won deals");
    }
}
