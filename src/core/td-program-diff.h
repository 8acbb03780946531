/* td-program-diff.h — what changed between two versions of a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * td_program_diff() compares two programs member by member and lists the
 * changes in a channel manager's words, in a fixed order: the program's
 * members in canonical order (docs/format.md; "version" is not compared,
 * it is the version number itself); within a list, items matched by id
 * (overrides by partner) in the order of the newer program, then the
 * removed ones in the order of the older one; map keys in the newer
 * program's tier or rule order, then byte-wise.
 */
#pragma once

#include <glib.h>

#include "td-program.h"

G_BEGIN_DECLS

typedef enum
{
  TD_CHANGE_ADDED,
  TD_CHANGE_REMOVED,
  TD_CHANGE_CHANGED,
} TdChangeKind;

typedef struct
{
  TdChangeKind kind;
  char *subject;     /* a path of ids: "tiers.gold.name", "rules.margin.rates.gold" */
  char *old_value;   /* display text; NULL for an addition */
  char *new_value;   /* display text; NULL for a removal */
  char *text;        /* the translated sentence */
} TdChange;

void        td_change_free            (TdChange     *change);
const char *td_change_kind_to_string  (TdChangeKind  kind);

/* The changes from @a to @b (TdChange, owned by the array); empty when
 * the programs are the same. */
GPtrArray  *td_program_diff           (const TdProgram *a,
                                       const TdProgram *b);

/* [{"change": "changed", "subject": …, "from": …, "to": …, "text": …}]
 * with null for an absent side, 2-space indent and a trailing newline. */
char       *td_program_diff_to_json   (GPtrArray       *changes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdChange, td_change_free)

G_END_DECLS
