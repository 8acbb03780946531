/* td-program-writer.h — canonical program JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-program.h"

G_BEGIN_DECLS

char *td_program_to_json       (const TdProgram *program);

/* Canonical texts of the parts a simulation depends on, so that a
 * re-simulation can tell what an edit changed: everything that decides
 * tiers, eligibility and attribution; and one rule with the overrides of
 * its values. */
char *td_program_context_key   (const TdProgram *program);
char *td_program_rule_key      (const TdProgram *program,
                                guint            rule_index);

G_END_DECLS
