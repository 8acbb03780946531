/* td-rule-words.h — the words the designer and the rule editor both use to
 * describe a rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-program.h"

G_BEGIN_DECLS

/* "each month", "each quarter", "each year"; "over the period" for the
 * whole simulated period. Translated. */
const char *td_rule_words_period (TdPeriod      period);
/* What a bonus counts: "revenue", "units sold", "new customers"… Translated. */
const char *td_rule_words_metric (TdBonusMetric metric);

G_END_DECLS
