/* td-rule-editor.h — the full editor of one rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a matrix cell cannot hold: the rule's kind, base, what it matches,
 * per-SKU amounts, rebate steps, bonus targets, the new-customer settings,
 * the active window and the cap. The window edits a private copy of the
 * rule; Apply gives it to td_editor_replace_rule() (one undo step), Cancel
 * or Escape close it without a change.
 */
#pragma once

#include <adwaita.h>

#include "td-editor.h"

G_BEGIN_DECLS

#define TD_TYPE_RULE_EDITOR (td_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (TdRuleEditor, td_rule_editor, TD, RULE_EDITOR, AdwWindow)

/* A modal window over @parent (may be NULL) editing the rule @rule_id of
 * @editor's program; the caller presents it. NULL with a critical
 * warning when there is no such rule. */
TdRuleEditor *td_rule_editor_new            (GtkWindow    *parent,
                                             TdEditor     *editor,
                                             const char   *rule_id);

/* For tests. The input that edits a member of the rule, by its JSON path
 * relative to the rule ("name", "kind", "rates.certified",
 * "steps.privileged[1].from", "amounts.gold[\"*\"]", "loyalty.steps[0].multiplier",
 * "cap"): an AdwEntryRow, GtkEntry, AdwComboRow, GtkSwitch or
 * GtkCheckButton; NULL when the chosen kind has no such member. */
GtkWidget    *td_rule_editor_get_field      (TdRuleEditor *self,
                                             const char   *path);
/* Whether Apply is enabled: every field reads and the rule is valid. */
gboolean      td_rule_editor_can_apply      (TdRuleEditor *self);
/* The message shown at the top ("Certified, rate: “x” is not a
 * percentage…"), or NULL. */
const char   *td_rule_editor_get_error_text (TdRuleEditor *self);
/* What the Apply button does: replaces the rule and closes the window
 * (which destroys it), or FALSE with the reason and stays open. */
gboolean      td_rule_editor_apply          (TdRuleEditor *self,
                                             GError      **error);

G_END_DECLS
