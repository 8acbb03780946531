/* td-editor.h — one program being edited: its command stack and problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The designer holds one TdEditor per open program and makes every change
 * through it, so that every kind of edit can be undone and redone. Each
 * edit function below is the td-program-edit.h operation of the same name
 * (same checks, same refusals, same TD_EDIT_ERROR messages) recorded as one
 * command with a translated label ("Change rate of Certified in Reward on
 * Traffic Inspector software sales"). An edit that changes nothing (the
 * value it already had) records nothing and emits nothing. docs/editing.md
 * describes the model and its limits.
 *
 * Signals and properties:
 * - "changed" (TdEditor *editor, guint flags): after every change of the
 *   program — an edit, td_editor_apply(), an undo or a redo — with
 *   TdEditorChange flags. Pointers obtained from td_editor_get_program()
 *   or td_editor_get_problems() before it are invalid.
 * - notify::modified, notify::can-undo, notify::can-redo,
 *   notify::undo-label, notify::redo-label, notify::base-version: when the
 *   value changes.
 *
 * The program's "version" member is the editor's, not the edits': it keeps
 * the value the program came with until td_editor_mark_saved() sets it to
 * the saved version's number, and nothing else changes it (a program given
 * to td_editor_apply() takes the editor's). Undo, redo and
 * td_editor_is_modified() ignore it.
 */
#pragma once

#include <glib-object.h>

#include "td-problems.h"
#include "td-program-edit.h"

G_BEGIN_DECLS

/* The oldest commands are forgotten beyond this many. */
#define TD_EDITOR_MAX_COMMANDS 1000

typedef enum
{
  TD_EDITOR_CHANGE_EDIT      = 0,
  TD_EDITOR_CHANGE_UNDO      = 1 << 0,
  TD_EDITOR_CHANGE_REDO      = 1 << 1,
  /* The ids or the order of the categories, tiers, requirements, rules,
   * benefits, objectives or overrides changed (rows or columns of the
   * designer appear, go or move), not only values. */
  TD_EDITOR_CHANGE_STRUCTURE = 1 << 2,
} TdEditorChange;

#define TD_TYPE_EDITOR (td_editor_get_type ())
G_DECLARE_FINAL_TYPE (TdEditor, td_editor, TD, EDITOR, GObject)

/* @program is copied; it must read back without reader errors (a program
 * from td_program_load() or a workspace version), else NULL with a
 * critical warning. @base_version: the workspace version it comes from,
 * 0 for none. The program as given is the saved state. */
TdEditor        *td_editor_new               (const TdProgram *program,
                                              guint            base_version);
/* A version's or a draft's text. Validation errors are fine (they are the
 * problems to show); a text the reader cannot make a program of is refused
 * with TD_EDIT_ERROR_UNREADABLE, whose message lists the reader's errors,
 * one per line. The text is the saved state: to restore a draft over its
 * version, open the version and td_editor_apply_json() the draft. */
TdEditor        *td_editor_new_from_json     (const char      *json,
                                              guint            base_version,
                                              GError         **error);

/* The current state, owned by the editor: read only, valid until the next
 * "changed". */
const TdProgram *td_editor_get_program       (TdEditor        *self);
/* Its canonical JSON, with the program's "version": the text to keep as a
 * draft. After td_editor_mark_saved() it is the saved version's text. */
char            *td_editor_to_json           (TdEditor        *self);
guint            td_editor_get_base_version  (TdEditor        *self);
/* Whether the program differs from the state last loaded or saved (its
 * canonical JSON apart from "version"); an undo back to that state makes
 * it FALSE again. */
gboolean         td_editor_is_modified       (TdEditor        *self);
/* The current state was saved as workspace version @version: it becomes
 * the saved state, the base version and the program's "version". The
 * command stack stays (undo past a save is allowed). */
void             td_editor_mark_saved        (TdEditor        *self,
                                              guint            version);

/* Errors and warnings of td_program_validate() on the current state, with
 * their JSON paths; owned by the editor, valid until the next "changed". */
const TdProblems *td_editor_get_problems     (TdEditor        *self);

/* ---- the command stack ---- */

gboolean         td_editor_can_undo          (TdEditor        *self);
gboolean         td_editor_can_redo          (TdEditor        *self);
/* The label of the command undo (redo) would revert (repeat), or NULL. */
const char      *td_editor_get_undo_label    (TdEditor        *self);
const char      *td_editor_get_redo_label    (TdEditor        *self);
/* How many commands td_editor_undo() can revert (at most
 * TD_EDITOR_MAX_COMMANDS). */
guint            td_editor_get_n_undo        (TdEditor        *self);
/* FALSE when there is nothing to undo (redo). Not while a group is open. */
gboolean         td_editor_undo              (TdEditor        *self);
gboolean         td_editor_redo              (TdEditor        *self);
/* Makes the edits until the matching td_editor_end_group() one command,
 * labelled @label (a form applied field by field, a drag): each edit still
 * emits "changed"; the command exists once the outermost group ends, and
 * only if the program then differs from where the group began. Groups
 * nest; the outermost label counts. */
void             td_editor_begin_group       (TdEditor        *self,
                                              const char      *label);
void             td_editor_end_group         (TdEditor        *self);
/* Bytes the command stack holds (labels and the changed parts of the
 * states), for diagnostics. */
gsize            td_editor_get_history_size  (TdEditor        *self);

/* ---- edits ---- */

/* Makes @new_state (taken, whatever happens) the current state as one
 * command: for a version restored as a draft, or a form that built a
 * whole program (from td_program_copy (td_editor_get_program ())).
 * Validation errors are fine; a program that does not read back from its
 * canonical JSON is refused (UNREADABLE) and the editor is unchanged. */
gboolean         td_editor_apply             (TdEditor        *self,
                                              const char      *label,
                                              TdProgram       *new_state,
                                              GError         **error);
/* The same with a program's text (a draft, a version). */
gboolean         td_editor_apply_json        (TdEditor        *self,
                                              const char      *label,
                                              const char      *json,
                                              GError         **error);

gboolean td_editor_add_tier             (TdEditor *self, const char *id, const char *name,
                                         guint position, GError **error);
gboolean td_editor_set_tier_name        (TdEditor *self, const char *tier_id, const char *name,
                                         GError **error);
gboolean td_editor_set_tier_id          (TdEditor *self, const char *tier_id, const char *new_id,
                                         GError **error);
gboolean td_editor_move_tier            (TdEditor *self, const char *tier_id, guint position,
                                         GError **error);
gboolean td_editor_remove_tier          (TdEditor *self, const char *tier_id, GError **error);

gboolean td_editor_add_requirement      (TdEditor *self, const char *tier_id,
                                         const TdRequirement *requirement, guint position,
                                         GError **error);
gboolean td_editor_replace_requirement  (TdEditor *self, const char *tier_id,
                                         const char *requirement_id,
                                         const TdRequirement *requirement, GError **error);
gboolean td_editor_move_requirement     (TdEditor *self, const char *tier_id,
                                         const char *requirement_id, guint position,
                                         GError **error);
gboolean td_editor_remove_requirement   (TdEditor *self, const char *tier_id,
                                         const char *requirement_id, GError **error);
gboolean td_editor_set_requirement_min  (TdEditor *self, const char *tier_id,
                                         const char *requirement_id, gint64 min,
                                         GError **error);

gboolean td_editor_set_rule_rate        (TdEditor *self, const char *rule_id, const char *tier_id,
                                         TdRate rate, GError **error);
gboolean td_editor_clear_rule_rate      (TdEditor *self, const char *rule_id, const char *tier_id,
                                         GError **error);
gboolean td_editor_set_rule_amount      (TdEditor *self, const char *rule_id, const char *tier_id,
                                         TdMoney amount, GError **error);
gboolean td_editor_clear_rule_amount    (TdEditor *self, const char *rule_id, const char *tier_id,
                                         GError **error);
gboolean td_editor_set_rule_unit_amount (TdEditor *self, const char *rule_id, const char *tier_id,
                                         const char *key, TdMoney amount, GError **error);
gboolean td_editor_clear_rule_unit_amount (TdEditor *self, const char *rule_id, const char *tier_id,
                                         const char *key, GError **error);
gboolean td_editor_set_rule_target      (TdEditor *self, const char *rule_id, const char *tier_id,
                                         gint64 target, GError **error);
gboolean td_editor_clear_rule_target    (TdEditor *self, const char *rule_id, const char *tier_id,
                                         GError **error);
gboolean td_editor_set_rule_steps       (TdEditor *self, const char *rule_id, const char *tier_id,
                                         const TdStep *steps, guint n_steps, GError **error);
gboolean td_editor_clear_rule_steps     (TdEditor *self, const char *rule_id, const char *tier_id,
                                         GError **error);
gboolean td_editor_add_rule             (TdEditor *self, const TdRule *rule, guint position,
                                         GError **error);
gboolean td_editor_replace_rule         (TdEditor *self, const char *rule_id, const TdRule *rule,
                                         GError **error);
gboolean td_editor_remove_rule          (TdEditor *self, const char *rule_id, GError **error);
gboolean td_editor_move_rule            (TdEditor *self, const char *rule_id, guint position,
                                         GError **error);
gboolean td_editor_set_rule_active      (TdEditor *self, const char *rule_id, TdDate from,
                                         TdDate to, GError **error);
gboolean td_editor_set_rule_name        (TdEditor *self, const char *rule_id, const char *name,
                                         GError **error);

gboolean td_editor_set_benefit_value    (TdEditor *self, const char *benefit_id,
                                         const char *tier_id, TdBenefitKind kind, gint64 number,
                                         const char *text, GError **error);
gboolean td_editor_clear_benefit_value  (TdEditor *self, const char *benefit_id,
                                         const char *tier_id, GError **error);
gboolean td_editor_add_benefit          (TdEditor *self, const TdBenefit *benefit, guint position,
                                         GError **error);
gboolean td_editor_replace_benefit      (TdEditor *self, const char *benefit_id,
                                         const TdBenefit *benefit, GError **error);
gboolean td_editor_remove_benefit       (TdEditor *self, const char *benefit_id, GError **error);
gboolean td_editor_add_objective        (TdEditor *self, const TdObjective *objective,
                                         guint position, GError **error);
gboolean td_editor_replace_objective    (TdEditor *self, const char *objective_id,
                                         const TdObjective *objective, GError **error);
gboolean td_editor_remove_objective     (TdEditor *self, const char *objective_id, GError **error);
gboolean td_editor_set_objective_target (TdEditor *self, const char *objective_id, gint64 target,
                                         GError **error);

gboolean td_editor_set_name             (TdEditor *self, const char *name, GError **error);
gboolean td_editor_set_vendor           (TdEditor *self, const char *vendor, GError **error);
gboolean td_editor_set_description      (TdEditor *self, const char *description, GError **error);
gboolean td_editor_set_currency         (TdEditor *self, const char *currency, GError **error);
gboolean td_editor_set_qualification_mode (TdEditor *self, TdQualificationMode mode,
                                         GError **error);
gboolean td_editor_set_qualification_window (TdEditor *self, TdWindow window, GError **error);
gboolean td_editor_set_distributors     (TdEditor *self, const char *const *distributors,
                                         GError **error);
gboolean td_editor_set_require_invoice  (TdEditor *self, gboolean require_invoice,
                                         GError **error);
gboolean td_editor_set_online_renewals  (TdEditor *self, TdAttribution attribution,
                                         GError **error);

gboolean td_editor_add_override         (TdEditor *self, const TdOverride *override,
                                         GError **error);
gboolean td_editor_replace_override     (TdEditor *self, const char *partner,
                                         const TdOverride *override, GError **error);
gboolean td_editor_remove_override      (TdEditor *self, const char *partner, GError **error);

G_END_DECLS
