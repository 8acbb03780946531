/* td-program-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every operation follows one pattern: check what only the edit knows
 * (the item exists, the id is free, the rule's kind has such a value),
 * change a copy, then commit(): write the copy's canonical JSON, read it
 * back and validate it, and take the result only when nothing at or under
 * the edited path is an error. The reader and the validator stay the one
 * place where the format's rules live.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-json.h"
#include "td-program-edit.h"
#include "td-program-reader.h"
#include "td-program-writer.h"
#include "td-validator.h"

G_DEFINE_QUARK (tierdesk-edit-error-quark, td_edit_error)

TdProgram *
td_program_copy (const TdProgram *program)
{
  g_autofree char *json = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) copy = NULL;

  g_return_val_if_fail (program != NULL, NULL);

  json = td_program_to_json (program);
  copy = td_program_read_data (json, strlen (json), problems);
  if (copy == NULL || td_problems_count (problems, TD_SEVERITY_ERROR) > 0)
    return NULL;
  return g_steal_pointer (&copy);
}

/* ---- paths and problems ---- */

static gboolean G_GNUC_PRINTF (3, 4)
refuse (GError    **error,
        TdEditError code,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (TD_EDIT_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* "$.rules[2]" followed by the members given, NULL-terminated:
 * item_path ("$.rules", 2, "rates", "gold", NULL) is "$.rules[2].rates.gold". */
static char * G_GNUC_NULL_TERMINATED
item_path (const char *list,
           guint       index,
           ...)
{
  char *path = g_strdup_printf ("%s[%u]", list, index);
  const char *member;
  va_list args;

  va_start (args, index);
  while ((member = va_arg (args, const char *)) != NULL)
    {
      char *longer = td_json_path_member (path, member);
      g_free (path);
      path = longer;
    }
  va_end (args);
  return path;
}

static gboolean
path_is_under (const char *path,
               const char *prefix)
{
  gsize n = strlen (prefix);

  return path != NULL && strncmp (path, prefix, n) == 0 &&
         (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

static const TdProblem *
first_error (const TdProblems *problems,
             const char       *under)
{
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    {
      const TdProblem *problem = td_problems_get (problems, i);

      if (problem->severity == TD_SEVERITY_ERROR && (under == NULL || path_is_under (problem->path, under)))
        return problem;
    }
  return NULL;
}

/* A refusal with @problem's message. For an added or replaced item
 * (@whole_item, at @path) a problem inside the item names its place
 * relative to it; a problem outside @path (only the reader's) names its
 * full path. */
static gboolean
refuse_with (const TdProblem *problem,
             const char      *path,
             gboolean         whole_item,
             GError         **error)
{
  const char *where = problem->path;

  if (where != NULL && path != NULL && path_is_under (where, path))
    {
      where += strlen (path);
      if (*where == '.')
        where++;
      if (!whole_item || *where == '\0')
        where = NULL;
    }
  if (where != NULL)
    g_set_error (error, TD_EDIT_ERROR, TD_EDIT_ERROR_INVALID_VALUE, "%s: %s", where, problem->message);
  else
    g_set_error_literal (error, TD_EDIT_ERROR, TD_EDIT_ERROR_INVALID_VALUE, problem->message);
  return FALSE;
}

/* Makes @json the content of @program when it reads back without errors
 * and the validator finds none at or under @path (NULL: no validation,
 * for removals and moves, which cannot make a value wrong). */
static gboolean
commit_json (TdProgram  *program,
             const char *json,
             const char *path,
             gboolean    whole_item,
             GError    **error)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) result = NULL;
  g_autofree char *current = td_program_to_json (program);
  const TdProblem *problem;
  TdProgram swap;

  /* Nothing changes: the program keeps its pointers. */
  if (strcmp (current, json) == 0)
    return TRUE;
  result = td_program_read_data (json, strlen (json), problems);
  problem = first_error (problems, NULL);

  /* The program read back before the edit, so any reader error is the
   * edit's, wherever the reader puts it. */
  if (problem != NULL)
    return refuse_with (problem, path, whole_item, error);
  g_assert (result != NULL);

  if (path != NULL)
    {
      g_autoptr(TdProblems) semantic = td_problems_new ();

      td_program_validate (result, semantic);
      problem = first_error (semantic, path);
      if (problem != NULL)
        return refuse_with (problem, path, whole_item, error);
    }

  swap = *program;
  *program = *result;
  *result = swap;
  return TRUE;
}

/* Takes @draft, a td_program_copy() of @program: NULL when @program
 * does not read back, which the caller was told to avoid. */
static gboolean
commit (TdProgram  *program,
        TdProgram  *draft,
        const char *path,
        GError    **error)
{
  g_autoptr(TdProgram) owned = draft;
  g_autofree char *json = NULL;

  if (owned == NULL)
    return refuse (error, TD_EDIT_ERROR_UNREADABLE, _("The program has errors that keep it from being edited"));
  json = td_program_to_json (owned);
  return commit_json (program, json, path, FALSE, error);
}

/* The canonical JSON of @program with @item at @index of @list, inserted
 * or in place of the item there; @list is as it was afterwards and @item
 * still the caller's. */
static char *
json_with_item (const TdProgram *program,
                GPtrArray       *list,
                guint            index,
                gconstpointer    item,
                gboolean         insert)
{
  gpointer old = NULL;
  char *json;

  if (insert)
    g_ptr_array_insert (list, (gint) index, (gpointer) item);
  else
    {
      old = list->pdata[index];
      list->pdata[index] = (gpointer) item;
    }
  json = td_program_to_json (program);
  if (insert)
    g_ptr_array_steal_index (list, index);
  else
    list->pdata[index] = old;
  return json;
}

/* Commits @program with @item put at @index of @list (@list is a member
 * of @program or of a draft of it: @owner). */
static gboolean
commit_item (TdProgram       *program,
             const TdProgram *owner,
             GPtrArray       *list,
             guint            index,
             gconstpointer    item,
             gboolean         insert,
             const char      *path,
             GError         **error)
{
  g_autofree char *json = json_with_item (owner, list, index, item, insert);

  return commit_json (program, json, path, TRUE, error);
}

/* ---- finding things ---- */

static int
find_tier (const TdProgram *program,
           const char      *tier_id,
           GError         **error)
{
  int index = td_program_find_tier (program, tier_id);

  if (index < 0)
    refuse (error, TD_EDIT_ERROR_NOT_FOUND, _("There is no tier “%s”"), tier_id);
  return index;
}

static int
find_rule (const TdProgram *program,
           const char      *rule_id,
           GError         **error)
{
  int index = td_program_find_rule (program, rule_id);

  if (index < 0)
    refuse (error, TD_EDIT_ERROR_NOT_FOUND, _("There is no rule “%s”"), rule_id);
  return index;
}

static int
find_requirement (const TdTier *tier,
                  const char   *requirement_id,
                  GError      **error)
{
  for (guint i = 0; i < tier->requirements->len; i++)
    if (g_strcmp0 (((TdRequirement *) tier->requirements->pdata[i])->id, requirement_id) == 0)
      return (int) i;
  refuse (error, TD_EDIT_ERROR_NOT_FOUND, _("Tier %s has no requirement “%s”"), tier->name, requirement_id);
  return -1;
}

/* The index of the item of @list (of structures starting with their id)
 * whose id is @id, or -1. */
static int
find_id (const GPtrArray *list,
         const char      *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (*(char **) list->pdata[i], id) == 0)
      return (int) i;
  return -1;
}

static int
find_benefit (const TdProgram *program,
              const char      *benefit_id,
              GError         **error)
{
  int index = find_id (program->benefits, benefit_id);

  if (index < 0)
    refuse (error, TD_EDIT_ERROR_NOT_FOUND, _("There is no benefit “%s”"), benefit_id);
  return index;
}

static int
find_objective (const TdProgram *program,
                const char      *objective_id,
                GError         **error)
{
  int index = find_id (program->objectives, objective_id);

  if (index < 0)
    refuse (error, TD_EDIT_ERROR_NOT_FOUND, _("There is no objective “%s”"), objective_id);
  return index;
}

/* Partners compare trimmed, as in the validator and partners.csv. */
static gboolean
same_partner (const char *a,
              const char *b)
{
  g_autofree char *x = g_strstrip (g_strdup (a));
  g_autofree char *y = g_strstrip (g_strdup (b));

  return strcmp (x, y) == 0;
}

static int
find_override (const TdProgram *program,
               const char      *partner,
               GError         **error)
{
  for (guint i = 0; i < program->overrides->len; i++)
    if (same_partner (((TdOverride *) program->overrides->pdata[i])->partner, partner))
      return (int) i;
  refuse (error, TD_EDIT_ERROR_NOT_FOUND, _("There is no override for partner “%s”"), partner);
  return -1;
}

static guint
clamp_position (guint position,
                guint length)
{
  return MIN (position, length);
}

/* ---- maps ---- */

static void
entries_set (GArray    **entries,
             const char *key,
             gint64      value)
{
  TdEntry *entry;

  if (*entries == NULL)
    *entries = td_entries_new ();
  entry = (TdEntry *) td_entries_find (*entries, key);
  if (entry != NULL)
    entry->value = value;
  else
    td_entries_add (*entries, key, value);
}

static void
entries_remove (GArray     *entries,
                const char *key)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (strcmp (g_array_index (entries, TdEntry, i).key, key) == 0)
      {
        g_array_remove_index (entries, i);
        return;
      }
}

static void
entries_rename (GArray     *entries,
                const char *from,
                const char *to)
{
  TdEntry *entry = (TdEntry *) td_entries_find (entries, from);

  if (entry != NULL)
    {
      g_free (entry->key);
      entry->key = g_strdup (to);
    }
}

/* Removing a key from an optional map: an empty map is dropped. */
static void
entries_remove_optional (GArray    **entries,
                         const char *key)
{
  entries_remove (*entries, key);
  if (*entries != NULL && (*entries)->len == 0)
    g_clear_pointer (entries, g_array_unref);
}

static void
replace_string (char      **slot,
                const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/* The per-tier items of per_unit amounts and rebate steps: structures
 * that start with their tier id. */
static int
find_tier_item (const GPtrArray *items,
                const char      *tier_id)
{
  return items != NULL ? find_id (items, tier_id) : -1;
}

static void
remove_tier_item (GPtrArray  *items,
                  const char *tier_id)
{
  int index = find_tier_item (items, tier_id);

  if (index >= 0)
    g_ptr_array_remove_index (items, (guint) index);
}

static void
rename_tier_item (GPtrArray  *items,
                  const char *from,
                  const char *to)
{
  int index = find_tier_item (items, from);

  if (index >= 0)
    replace_string ((char **) items->pdata[index], to);
}

/* ---- tiers ---- */

gboolean
td_program_add_tier (TdProgram  *program,
                     const char *id,
                     const char *name,
                     guint       position,
                     GError    **error)
{
  g_autofree char *path = NULL;
  TdTier *tier;
  gboolean done;

  g_return_val_if_fail (program != NULL && id != NULL && name != NULL, FALSE);

  if (td_program_find_tier (program, id) >= 0)
    return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID, _("A tier with id “%s” already exists"), id);
  tier = td_tier_new ();
  tier->id = g_strdup (id);
  tier->name = g_strdup (name);
  position = clamp_position (position, program->tiers->len);
  path = item_path ("$.tiers", position, NULL);
  done = commit_item (program, program, program->tiers, position, tier, TRUE, path, error);
  td_tier_free (tier);
  return done;
}

gboolean
td_program_set_tier_name (TdProgram  *program,
                          const char *tier_id,
                          const char *name,
                          GError    **error)
{
  TdProgram *draft;
  g_autofree char *path = NULL;
  int t;

  g_return_val_if_fail (program != NULL && tier_id != NULL && name != NULL, FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0)
    return FALSE;
  draft = td_program_copy (program);
  replace_string (&((TdTier *) draft->tiers->pdata[t])->name, name);
  path = item_path ("$.tiers", t, "name", NULL);
  return commit (program, draft, path, error);
}

static gboolean
benefit_has_value (const TdBenefit *benefit,
                   const char      *tier_id)
{
  for (guint i = 0; i < benefit->values->len; i++)
    if (strcmp (g_array_index (benefit->values, TdBenefitValue, i).tier, tier_id) == 0)
      return TRUE;
  return FALSE;
}

/* All the tier's values, not only the first: the array does not forbid two. */
static void
benefit_remove_value (TdBenefit  *benefit,
                      const char *tier_id)
{
  for (guint i = benefit->values->len; i-- > 0;)
    if (strcmp (g_array_index (benefit->values, TdBenefitValue, i).tier, tier_id) == 0)
      g_array_remove_index (benefit->values, i);
}

static gboolean
entries_have_both (GArray     *entries,
                   const char *a,
                   const char *b)
{
  return td_entries_find (entries, a) != NULL && td_entries_find (entries, b) != NULL;
}

static gboolean
items_have_both (const GPtrArray *items,
                 const char      *a,
                 const char      *b)
{
  return find_tier_item (items, a) >= 0 && find_tier_item (items, b) >= 0;
}

/* Where one map holds values for both @from and @to, which renaming tier
 * @from to @to would merge (only a program with errors keys a value by a
 * tier it does not have); NULL when no map does. */
static char *
find_tier_collision (const TdProgram *program,
                     const char      *from,
                     const char      *to)
{
  for (guint i = 0; i < program->rules->len; i++)
    {
      const TdRule *rule = program->rules->pdata[i];

      if (entries_have_both (rule->rates, from, to))
        return item_path ("$.rules", i, "rates", to, NULL);
      if (entries_have_both (rule->amounts, from, to) || items_have_both (rule->unit_amounts, from, to))
        return item_path ("$.rules", i, "amounts", to, NULL);
      if (entries_have_both (rule->targets, from, to))
        return item_path ("$.rules", i, "targets", to, NULL);
      if (items_have_both (rule->steps, from, to))
        return item_path ("$.rules", i, "steps", to, NULL);
    }
  for (guint i = 0; i < program->benefits->len; i++)
    {
      const TdBenefit *benefit = program->benefits->pdata[i];

      if (benefit_has_value (benefit, from) && benefit_has_value (benefit, to))
        return item_path ("$.benefits", i, "values", to, NULL);
    }
  return NULL;
}

static void
rename_tier_references (TdProgram  *program,
                        const char *from,
                        const char *to)
{
  for (guint i = 0; i < program->rules->len; i++)
    {
      TdRule *rule = program->rules->pdata[i];

      entries_rename (rule->rates, from, to);
      entries_rename (rule->amounts, from, to);
      entries_rename (rule->targets, from, to);
      rename_tier_item (rule->unit_amounts, from, to);
      rename_tier_item (rule->steps, from, to);
    }
  for (guint i = 0; i < program->benefits->len; i++)
    {
      TdBenefit *benefit = program->benefits->pdata[i];

      for (guint j = 0; j < benefit->values->len; j++)
        {
          TdBenefitValue *value = &g_array_index (benefit->values, TdBenefitValue, j);
          if (strcmp (value->tier, from) == 0)
            replace_string (&value->tier, to);
        }
    }
  for (guint i = 0; i < program->objectives->len; i++)
    {
      TdObjective *objective = program->objectives->pdata[i];
      if (g_strcmp0 (objective->metric_tier, from) == 0)
        replace_string (&objective->metric_tier, to);
    }
  for (guint i = 0; i < program->overrides->len; i++)
    {
      TdOverride *override = program->overrides->pdata[i];
      if (g_strcmp0 (override->tier, from) == 0)
        replace_string (&override->tier, to);
    }
}

gboolean
td_program_set_tier_id (TdProgram  *program,
                        const char *tier_id,
                        const char *new_id,
                        GError    **error)
{
  TdProgram *draft;
  g_autofree char *path = NULL;
  g_autofree char *used = NULL;
  int t;

  g_return_val_if_fail (program != NULL && tier_id != NULL && new_id != NULL, FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0)
    return FALSE;
  if (strcmp (tier_id, new_id) == 0)
    return TRUE;
  if (td_program_find_tier (program, new_id) >= 0)
    return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID, _("A tier with id “%s” already exists"), new_id);
  used = find_tier_collision (program, tier_id, new_id);
  if (used != NULL)
    return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID,
                   _("Renaming would put “%s” twice in %s: remove one of the two values first"), new_id, used);

  draft = td_program_copy (program);
  replace_string (&((TdTier *) draft->tiers->pdata[t])->id, new_id);
  rename_tier_references (draft, tier_id, new_id);
  path = item_path ("$.tiers", t, "id", NULL);
  return commit (program, draft, path, error);
}

/* Moves the item at @from of @list to @position (clamped). */
static void
move_item (GPtrArray *list,
           guint      from,
           guint      position)
{
  gpointer item = g_ptr_array_steal_index (list, from);

  g_ptr_array_insert (list, (gint) clamp_position (position, list->len), item);
}

/* A draft of @program with the item at @index of its list at @list (a
 * G_STRUCT_OFFSET in TdProgram) moved to @position (clamped); NULL when
 * @program does not read back. */
static TdProgram *
draft_moving (const TdProgram *program,
              gsize            list,
              int              index,
              guint            position)
{
  TdProgram *draft = td_program_copy (program);

  if (draft != NULL)
    move_item (G_STRUCT_MEMBER (GPtrArray *, draft, list), (guint) index, position);
  return draft;
}

/* A draft of @program without the item at @index of its list at @list;
 * NULL when @program does not read back. */
static TdProgram *
draft_removing (const TdProgram *program,
                gsize            list,
                int              index)
{
  TdProgram *draft = td_program_copy (program);

  if (draft != NULL)
    g_ptr_array_remove_index (G_STRUCT_MEMBER (GPtrArray *, draft, list), (guint) index);
  return draft;
}

gboolean
td_program_move_tier (TdProgram  *program,
                      const char *tier_id,
                      guint       position,
                      GError    **error)
{
  int t;

  g_return_val_if_fail (program != NULL && tier_id != NULL, FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0)
    return FALSE;
  return commit (program, draft_moving (program, G_STRUCT_OFFSET (TdProgram, tiers), t, position), NULL, error);
}

gboolean
td_program_remove_tier (TdProgram  *program,
                        const char *tier_id,
                        GError    **error)
{
  TdProgram *draft;
  int t;

  g_return_val_if_fail (program != NULL && tier_id != NULL, FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0)
    return FALSE;
  if (program->tiers->len == 1)
    return refuse (error, TD_EDIT_ERROR_LAST_TIER,
                   _("The program needs at least one tier: add another before removing this one"));

  draft = draft_removing (program, G_STRUCT_OFFSET (TdProgram, tiers), t);
  for (guint i = 0; i < draft->rules->len; i++)
    {
      TdRule *rule = draft->rules->pdata[i];

      entries_remove (rule->rates, tier_id);
      entries_remove (rule->amounts, tier_id);
      entries_remove (rule->targets, tier_id);
      remove_tier_item (rule->unit_amounts, tier_id);
      remove_tier_item (rule->steps, tier_id);
    }
  for (guint i = 0; i < draft->benefits->len; i++)
    benefit_remove_value (draft->benefits->pdata[i], tier_id);
  for (guint i = draft->objectives->len; i-- > 0;)
    if (g_strcmp0 (((TdObjective *) draft->objectives->pdata[i])->metric_tier, tier_id) == 0)
      g_ptr_array_remove_index (draft->objectives, i);
  for (guint i = 0; i < draft->overrides->len; i++)
    {
      TdOverride *override = draft->overrides->pdata[i];
      if (g_strcmp0 (override->tier, tier_id) == 0)
        g_clear_pointer (&override->tier, g_free);
    }
  return commit (program, draft, NULL, error);
}

/* ---- requirements ---- */

static gboolean
requirement_is_writable (const TdRequirement *requirement)
{
  return requirement->id != NULL && requirement->label != NULL &&
         (requirement->kind != TD_REQUIREMENT_ATTRIBUTE || requirement->attribute != NULL) &&
         (requirement->kind != TD_REQUIREMENT_CERTIFIED_PEOPLE || requirement->certification != NULL) &&
         requirement->kind < TD_N_REQUIREMENT_KINDS;
}

static gboolean
refuse_duplicate_requirement (const TdTier *tier,
                              const char   *id,
                              GError      **error)
{
  return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID,
                 _("Tier %s already has a requirement with id “%s”"), tier->name, id);
}

gboolean
td_program_add_requirement (TdProgram           *program,
                            const char          *tier_id,
                            const TdRequirement *requirement,
                            guint                position,
                            GError             **error)
{
  g_autofree char *path = NULL;
  TdTier *tier;
  int t;

  g_return_val_if_fail (program != NULL && tier_id != NULL, FALSE);
  g_return_val_if_fail (requirement != NULL && requirement_is_writable (requirement), FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0)
    return FALSE;
  tier = program->tiers->pdata[t];
  if (find_id (tier->requirements, requirement->id) >= 0)
    return refuse_duplicate_requirement (tier, requirement->id, error);
  position = clamp_position (position, tier->requirements->len);
  path = g_strdup_printf ("$.tiers[%d].requirements[%u]", t, position);
  return commit_item (program, program, tier->requirements, position, requirement, TRUE, path, error);
}

gboolean
td_program_replace_requirement (TdProgram           *program,
                                const char          *tier_id,
                                const char          *requirement_id,
                                const TdRequirement *requirement,
                                GError             **error)
{
  g_autofree char *path = NULL;
  TdTier *tier;
  int t, r, other;

  g_return_val_if_fail (program != NULL && tier_id != NULL && requirement_id != NULL, FALSE);
  g_return_val_if_fail (requirement != NULL && requirement_is_writable (requirement), FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0)
    return FALSE;
  tier = program->tiers->pdata[t];
  if ((r = find_requirement (tier, requirement_id, error)) < 0)
    return FALSE;
  other = find_id (tier->requirements, requirement->id);
  if (other >= 0 && other != r)
    return refuse_duplicate_requirement (tier, requirement->id, error);
  path = g_strdup_printf ("$.tiers[%d].requirements[%d]", t, r);
  return commit_item (program, program, tier->requirements, (guint) r, requirement, FALSE, path, error);
}

gboolean
td_program_move_requirement (TdProgram  *program,
                             const char *tier_id,
                             const char *requirement_id,
                             guint       position,
                             GError    **error)
{
  TdProgram *draft;
  int t, r;

  g_return_val_if_fail (program != NULL && tier_id != NULL && requirement_id != NULL, FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0 ||
      (r = find_requirement (program->tiers->pdata[t], requirement_id, error)) < 0)
    return FALSE;
  draft = td_program_copy (program);
  move_item (((TdTier *) draft->tiers->pdata[t])->requirements, (guint) r, position);
  return commit (program, draft, NULL, error);
}

gboolean
td_program_remove_requirement (TdProgram  *program,
                               const char *tier_id,
                               const char *requirement_id,
                               GError    **error)
{
  TdProgram *draft;
  int t, r;

  g_return_val_if_fail (program != NULL && tier_id != NULL && requirement_id != NULL, FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0 ||
      (r = find_requirement (program->tiers->pdata[t], requirement_id, error)) < 0)
    return FALSE;
  draft = td_program_copy (program);
  g_ptr_array_remove_index (((TdTier *) draft->tiers->pdata[t])->requirements, (guint) r);
  return commit (program, draft, NULL, error);
}

gboolean
td_program_set_requirement_min (TdProgram  *program,
                                const char *tier_id,
                                const char *requirement_id,
                                gint64      min,
                                GError    **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  TdTier *tier;
  TdRequirement *requirement;
  int t, r;

  g_return_val_if_fail (program != NULL && tier_id != NULL && requirement_id != NULL, FALSE);

  if ((t = find_tier (program, tier_id, error)) < 0 ||
      (r = find_requirement (program->tiers->pdata[t], requirement_id, error)) < 0)
    return FALSE;
  tier = program->tiers->pdata[t];
  requirement = tier->requirements->pdata[r];
  if (requirement->kind == TD_REQUIREMENT_MANUAL)
    return refuse (error, TD_EDIT_ERROR_WRONG_KIND,
                   _("The requirement “%s” is checked by hand: it has no minimum"), requirement->label);
  draft = td_program_copy (program);
  tier = draft->tiers->pdata[t];
  ((TdRequirement *) tier->requirements->pdata[r])->min = min;
  path = g_strdup_printf ("$.tiers[%d].requirements[%d].min", t, r);
  return commit (program, draft, path, error);
}

/* ---- rules: values per tier ---- */

typedef enum
{
  MAP_RATES,
  MAP_AMOUNTS,
  MAP_TARGETS,
} RuleMap;

static const char *const map_members[] = { "rates", "amounts", "targets" };

static GArray **
rule_map (TdRule *rule,
          RuleMap map)
{
  switch (map)
    {
    case MAP_RATES: return &rule->rates;
    case MAP_AMOUNTS: return &rule->amounts;
    case MAP_TARGETS:
    default: return &rule->targets;
    }
}

/* Whether the rule's kind pays (or counts) @map per tier. */
static gboolean
rule_has_map (const TdRule *rule,
              RuleMap       map)
{
  switch (map)
    {
    case MAP_RATES:
      return rule->kind == TD_RULE_PERCENT || (rule->kind == TD_RULE_NEW_CUSTOMER && rule->rates != NULL);
    case MAP_AMOUNTS:
      return rule->kind == TD_RULE_WELCOME || rule->kind == TD_RULE_BONUS ||
             (rule->kind == TD_RULE_NEW_CUSTOMER && rule->amounts != NULL);
    case MAP_TARGETS:
    default:
      return rule->kind == TD_RULE_BONUS;
    }
}

static gboolean
refuse_map (const TdRule *rule,
            RuleMap       map,
            GError      **error)
{
  switch (map)
    {
    case MAP_RATES:
      return refuse (error, TD_EDIT_ERROR_WRONG_KIND, _("The rule “%s” does not pay a rate per tier"), rule->name);
    case MAP_AMOUNTS:
      return refuse (error, TD_EDIT_ERROR_WRONG_KIND, _("The rule “%s” does not pay an amount per tier"), rule->name);
    case MAP_TARGETS:
    default:
      return refuse (error, TD_EDIT_ERROR_WRONG_KIND, _("The rule “%s” has no targets: only a bonus has"), rule->name);
    }
}

/* Finds the rule (its index in @rule_index) and checks the tier exists. */
static gboolean
find_rule_tier (const TdProgram *program,
                const char      *rule_id,
                const char      *tier_id,
                int             *rule_index,
                GError         **error)
{
  *rule_index = find_rule (program, rule_id, error);
  return *rule_index >= 0 && find_tier (program, tier_id, error) >= 0;
}

static gboolean
set_rule_value (TdProgram  *program,
                const char *rule_id,
                const char *tier_id,
                RuleMap     map,
                gboolean    clear,
                gint64      value,
                GError    **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  TdRule *rule;
  int r;

  g_return_val_if_fail (program != NULL && rule_id != NULL && tier_id != NULL, FALSE);

  if (!find_rule_tier (program, rule_id, tier_id, &r, error))
    return FALSE;
  rule = program->rules->pdata[r];
  if (!rule_has_map (rule, map))
    return refuse_map (rule, map, error);
  if (clear && td_entries_find (*rule_map (rule, map), tier_id) == NULL)
    return TRUE;

  draft = td_program_copy (program);
  rule = draft->rules->pdata[r];
  if (clear)
    entries_remove (*rule_map (rule, map), tier_id);
  else
    {
      entries_set (rule_map (rule, map), tier_id, value);
      path = item_path ("$.rules", r, map_members[map], tier_id, NULL);
    }
  return commit (program, draft, path, error);
}

gboolean
td_program_set_rule_rate (TdProgram  *program,
                          const char *rule_id,
                          const char *tier_id,
                          TdRate      rate,
                          GError    **error)
{
  return set_rule_value (program, rule_id, tier_id, MAP_RATES, FALSE, rate, error);
}

gboolean
td_program_clear_rule_rate (TdProgram  *program,
                            const char *rule_id,
                            const char *tier_id,
                            GError    **error)
{
  return set_rule_value (program, rule_id, tier_id, MAP_RATES, TRUE, 0, error);
}

gboolean
td_program_set_rule_amount (TdProgram  *program,
                            const char *rule_id,
                            const char *tier_id,
                            TdMoney     amount,
                            GError    **error)
{
  return set_rule_value (program, rule_id, tier_id, MAP_AMOUNTS, FALSE, amount, error);
}

gboolean
td_program_clear_rule_amount (TdProgram  *program,
                              const char *rule_id,
                              const char *tier_id,
                              GError    **error)
{
  return set_rule_value (program, rule_id, tier_id, MAP_AMOUNTS, TRUE, 0, error);
}

gboolean
td_program_set_rule_target (TdProgram  *program,
                            const char *rule_id,
                            const char *tier_id,
                            gint64      target,
                            GError    **error)
{
  return set_rule_value (program, rule_id, tier_id, MAP_TARGETS, FALSE, target, error);
}

gboolean
td_program_clear_rule_target (TdProgram  *program,
                              const char *rule_id,
                              const char *tier_id,
                              GError    **error)
{
  return set_rule_value (program, rule_id, tier_id, MAP_TARGETS, TRUE, 0, error);
}

/* find_rule_tier() for the edits that only a rule of @kind takes. */
static gboolean
find_rule_tier_of_kind (const TdProgram *program,
                        const char      *rule_id,
                        const char      *tier_id,
                        TdRuleKind       kind,
                        int             *rule_index,
                        GError         **error)
{
  const TdRule *rule;

  if (!find_rule_tier (program, rule_id, tier_id, rule_index, error))
    return FALSE;
  rule = program->rules->pdata[*rule_index];
  if (rule->kind == kind)
    return TRUE;
  if (kind == TD_RULE_PER_UNIT)
    return refuse (error, TD_EDIT_ERROR_WRONG_KIND, _("The rule “%s” does not pay an amount per unit"), rule->name);
  return refuse (error, TD_EDIT_ERROR_WRONG_KIND, _("The rule “%s” has no steps: only a rebate has"), rule->name);
}

gboolean
td_program_set_rule_unit_amount (TdProgram  *program,
                                 const char *rule_id,
                                 const char *tier_id,
                                 const char *key,
                                 TdMoney     amount,
                                 GError    **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  TdRule *rule;
  TdUnitAmounts *unit_amounts;
  int r, index;

  g_return_val_if_fail (program != NULL && rule_id != NULL && tier_id != NULL && key != NULL, FALSE);

  if (!find_rule_tier_of_kind (program, rule_id, tier_id, TD_RULE_PER_UNIT, &r, error))
    return FALSE;

  draft = td_program_copy (program);
  rule = draft->rules->pdata[r];
  index = find_tier_item (rule->unit_amounts, tier_id);
  if (index >= 0)
    unit_amounts = rule->unit_amounts->pdata[index];
  else
    {
      unit_amounts = td_unit_amounts_new (tier_id);
      g_ptr_array_add (rule->unit_amounts, unit_amounts);
    }
  entries_set (&unit_amounts->amounts, key, amount);
  path = item_path ("$.rules", r, "amounts", tier_id, NULL);
  return commit (program, draft, path, error);
}

gboolean
td_program_clear_rule_unit_amount (TdProgram  *program,
                                   const char *rule_id,
                                   const char *tier_id,
                                   const char *key,
                                   GError    **error)
{
  TdProgram *draft;
  TdRule *rule;
  TdUnitAmounts *unit_amounts;
  int r, index;

  g_return_val_if_fail (program != NULL && rule_id != NULL && tier_id != NULL && key != NULL, FALSE);

  if (!find_rule_tier_of_kind (program, rule_id, tier_id, TD_RULE_PER_UNIT, &r, error))
    return FALSE;
  rule = program->rules->pdata[r];
  index = find_tier_item (rule->unit_amounts, tier_id);
  if (index < 0 || td_entries_find (((TdUnitAmounts *) rule->unit_amounts->pdata[index])->amounts, key) == NULL)
    return TRUE;

  draft = td_program_copy (program);
  rule = draft->rules->pdata[r];
  unit_amounts = rule->unit_amounts->pdata[index];
  entries_remove (unit_amounts->amounts, key);
  if (unit_amounts->amounts->len == 0)
    g_ptr_array_remove_index (rule->unit_amounts, (guint) index);
  return commit (program, draft, NULL, error);
}

gboolean
td_program_set_rule_steps (TdProgram    *program,
                           const char   *rule_id,
                           const char   *tier_id,
                           const TdStep *steps,
                           guint         n_steps,
                           GError      **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  TdRule *rule;
  TdTierSteps *tier_steps;
  int r, index;

  g_return_val_if_fail (program != NULL && rule_id != NULL && tier_id != NULL, FALSE);
  g_return_val_if_fail (steps != NULL || n_steps == 0, FALSE);

  if (!find_rule_tier_of_kind (program, rule_id, tier_id, TD_RULE_REBATE, &r, error))
    return FALSE;

  draft = td_program_copy (program);
  rule = draft->rules->pdata[r];
  tier_steps = td_tier_steps_new (tier_id);
  for (guint i = 0; i < n_steps; i++)
    {
      TdStep step = steps[i];

      /* The draft is only written out, so sharing the x- members is safe. */
      if (step.extras != NULL)
        json_object_ref (step.extras);
      g_array_append_val (tier_steps->steps, step);
    }
  index = find_tier_item (rule->steps, tier_id);
  if (index >= 0)
    g_ptr_array_remove_index (rule->steps, (guint) index);
  g_ptr_array_add (rule->steps, tier_steps);
  path = item_path ("$.rules", r, "steps", tier_id, NULL);
  return commit (program, draft, path, error);
}

gboolean
td_program_clear_rule_steps (TdProgram  *program,
                             const char *rule_id,
                             const char *tier_id,
                             GError    **error)
{
  TdProgram *draft;
  int r, index;

  g_return_val_if_fail (program != NULL && rule_id != NULL && tier_id != NULL, FALSE);

  if (!find_rule_tier_of_kind (program, rule_id, tier_id, TD_RULE_REBATE, &r, error))
    return FALSE;
  index = find_tier_item (((TdRule *) program->rules->pdata[r])->steps, tier_id);
  if (index < 0)
    return TRUE;
  draft = td_program_copy (program);
  g_ptr_array_remove_index (((TdRule *) draft->rules->pdata[r])->steps, (guint) index);
  return commit (program, draft, NULL, error);
}

/* ---- rules as a whole ---- */

static gboolean
rule_is_writable (const TdRule *rule)
{
  return rule->id != NULL && rule->name != NULL && rule->kind < TD_N_RULE_KINDS;
}

/* Where an override has values for both rules @from and @to, which
 * renaming rule @from to @to would merge; NULL when none does. */
static char *
find_rule_collision (const TdProgram *program,
                     const char      *from,
                     const char      *to)
{
  for (guint i = 0; i < program->overrides->len; i++)
    {
      const TdOverride *override = program->overrides->pdata[i];

      if (entries_have_both (override->rates, from, to))
        return item_path ("$.overrides", i, "rates", to, NULL);
      if (entries_have_both (override->amounts, from, to))
        return item_path ("$.overrides", i, "amounts", to, NULL);
    }
  return NULL;
}

static gboolean
check_new_rule (const TdRule *rule,
                GError      **error)
{
  if (rule->kind_unknown)
    return refuse (error, TD_EDIT_ERROR_INVALID_VALUE, _("The rule “%s” has a kind this Tierdesk does not know"),
                   rule->id);
  return TRUE;
}

gboolean
td_program_add_rule (TdProgram    *program,
                     const TdRule *rule,
                     guint         position,
                     GError      **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (program != NULL && rule != NULL && rule_is_writable (rule), FALSE);

  if (!check_new_rule (rule, error))
    return FALSE;
  if (td_program_find_rule (program, rule->id) >= 0)
    return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID, _("A rule with id “%s” already exists"), rule->id);
  position = clamp_position (position, program->rules->len);
  path = item_path ("$.rules", position, NULL);
  return commit_item (program, program, program->rules, position, rule, TRUE, path, error);
}

gboolean
td_program_replace_rule (TdProgram    *program,
                         const char   *rule_id,
                         const TdRule *rule,
                         GError      **error)
{
  g_autoptr(TdProgram) draft = NULL;
  g_autofree char *path = NULL;
  g_autofree char *used = NULL;
  int r;

  g_return_val_if_fail (program != NULL && rule_id != NULL, FALSE);
  g_return_val_if_fail (rule != NULL && rule_is_writable (rule), FALSE);

  if ((r = find_rule (program, rule_id, error)) < 0 || !check_new_rule (rule, error))
    return FALSE;
  path = item_path ("$.rules", r, NULL);
  if (strcmp (rule_id, rule->id) == 0)
    return commit_item (program, program, program->rules, (guint) r, rule, FALSE, path, error);

  if (td_program_find_rule (program, rule->id) >= 0)
    return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID, _("A rule with id “%s” already exists"), rule->id);
  used = find_rule_collision (program, rule_id, rule->id);
  if (used != NULL)
    return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID,
                   _("Renaming would put “%s” twice in %s: remove one of the two values first"), rule->id, used);
  draft = td_program_copy (program);
  for (guint i = 0; i < draft->overrides->len; i++)
    {
      TdOverride *override = draft->overrides->pdata[i];

      entries_rename (override->rates, rule_id, rule->id);
      entries_rename (override->amounts, rule_id, rule->id);
    }
  return commit_item (program, draft, draft->rules, (guint) r, rule, FALSE, path, error);
}

gboolean
td_program_remove_rule (TdProgram  *program,
                        const char *rule_id,
                        GError    **error)
{
  TdProgram *draft;
  int r;

  g_return_val_if_fail (program != NULL && rule_id != NULL, FALSE);

  if ((r = find_rule (program, rule_id, error)) < 0)
    return FALSE;
  draft = draft_removing (program, G_STRUCT_OFFSET (TdProgram, rules), r);
  for (guint i = 0; i < draft->overrides->len; i++)
    {
      TdOverride *override = draft->overrides->pdata[i];

      entries_remove_optional (&override->rates, rule_id);
      entries_remove_optional (&override->amounts, rule_id);
    }
  return commit (program, draft, NULL, error);
}

gboolean
td_program_move_rule (TdProgram  *program,
                      const char *rule_id,
                      guint       position,
                      GError    **error)
{
  int r;

  g_return_val_if_fail (program != NULL && rule_id != NULL, FALSE);

  if ((r = find_rule (program, rule_id, error)) < 0)
    return FALSE;
  return commit (program, draft_moving (program, G_STRUCT_OFFSET (TdProgram, rules), r, position), NULL, error);
}

gboolean
td_program_set_rule_active (TdProgram  *program,
                            const char *rule_id,
                            TdDate      from,
                            TdDate      to,
                            GError    **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  TdRule *rule;
  int r;

  g_return_val_if_fail (program != NULL && rule_id != NULL, FALSE);

  if ((r = find_rule (program, rule_id, error)) < 0)
    return FALSE;
  draft = td_program_copy (program);
  rule = draft->rules->pdata[r];
  rule->has_active_from = from != TD_DATE_NONE;
  rule->has_active_to = to != TD_DATE_NONE;
  rule->active_from = rule->has_active_from ? from : 0;
  rule->active_to = rule->has_active_to ? to : 0;
  rule->has_active = rule->has_active_from || rule->has_active_to;
  if (!rule->has_active)
    g_clear_pointer (&rule->active_extras, json_object_unref);
  path = item_path ("$.rules", r, "active", NULL);
  return commit (program, draft, path, error);
}

gboolean
td_program_set_rule_name (TdProgram  *program,
                          const char *rule_id,
                          const char *name,
                          GError    **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  int r;

  g_return_val_if_fail (program != NULL && rule_id != NULL && name != NULL, FALSE);

  if ((r = find_rule (program, rule_id, error)) < 0)
    return FALSE;
  draft = td_program_copy (program);
  replace_string (&((TdRule *) draft->rules->pdata[r])->name, name);
  path = item_path ("$.rules", r, "name", NULL);
  return commit (program, draft, path, error);
}

/* ---- benefits ---- */

static gboolean
benefit_is_writable (const TdBenefit *benefit)
{
  if (benefit->id == NULL || benefit->name == NULL || benefit->group == NULL)
    return FALSE;
  for (guint i = 0; i < benefit->values->len; i++)
    {
      const TdBenefitValue *value = &g_array_index (benefit->values, TdBenefitValue, i);
      if (value->tier == NULL || (value->kind == TD_BENEFIT_TEXT && value->text == NULL))
        return FALSE;
    }
  return TRUE;
}

gboolean
td_program_set_benefit_value (TdProgram    *program,
                              const char   *benefit_id,
                              const char   *tier_id,
                              TdBenefitKind kind,
                              gint64        number,
                              const char   *text,
                              GError      **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  TdBenefit *benefit;
  TdBenefitValue value = { NULL, kind, 0, NULL };
  int b;

  g_return_val_if_fail (program != NULL && benefit_id != NULL && tier_id != NULL, FALSE);
  g_return_val_if_fail (kind != TD_BENEFIT_TEXT || text != NULL, FALSE);

  if ((b = find_benefit (program, benefit_id, error)) < 0 || find_tier (program, tier_id, error) < 0)
    return FALSE;

  draft = td_program_copy (program);
  benefit = draft->benefits->pdata[b];
  benefit_remove_value (benefit, tier_id);
  value.tier = g_strdup (tier_id);
  if (kind == TD_BENEFIT_TEXT)
    value.text = g_strdup (text);
  else
    value.number = kind == TD_BENEFIT_BOOLEAN ? number != 0 : number;
  g_array_append_val (benefit->values, value);
  path = item_path ("$.benefits", b, "values", tier_id, NULL);
  return commit (program, draft, path, error);
}

gboolean
td_program_clear_benefit_value (TdProgram  *program,
                                const char *benefit_id,
                                const char *tier_id,
                                GError    **error)
{
  TdProgram *draft;
  TdBenefit *benefit;
  int b;

  g_return_val_if_fail (program != NULL && benefit_id != NULL && tier_id != NULL, FALSE);

  if ((b = find_benefit (program, benefit_id, error)) < 0 || find_tier (program, tier_id, error) < 0)
    return FALSE;
  draft = td_program_copy (program);
  benefit = draft->benefits->pdata[b];
  benefit_remove_value (benefit, tier_id);
  return commit (program, draft, NULL, error);
}

/* Adding or replacing an item of a list whose structures start with
 * their id (benefits, objectives): @index -1 adds at @position. */
static gboolean
put_item (TdProgram     *program,
          GPtrArray     *list,
          const char    *list_path,
          int            index,
          guint          position,
          const char    *id,
          gconstpointer  item,
          GError       **error)
{
  g_autofree char *path = NULL;
  int other = find_id (list, id);

  if (other >= 0 && other != index)
    return list == program->benefits ?
           refuse (error, TD_EDIT_ERROR_DUPLICATE_ID, _("A benefit with id “%s” already exists"), id) :
           refuse (error, TD_EDIT_ERROR_DUPLICATE_ID, _("An objective with id “%s” already exists"), id);
  if (index < 0)
    position = clamp_position (position, list->len);
  else
    position = (guint) index;
  path = item_path (list_path, position, NULL);
  return commit_item (program, program, list, position, item, index < 0, path, error);
}

gboolean
td_program_add_benefit (TdProgram       *program,
                        const TdBenefit *benefit,
                        guint            position,
                        GError         **error)
{
  g_return_val_if_fail (program != NULL && benefit != NULL && benefit_is_writable (benefit), FALSE);

  return put_item (program, program->benefits, "$.benefits", -1, position, benefit->id, benefit, error);
}

gboolean
td_program_replace_benefit (TdProgram       *program,
                            const char      *benefit_id,
                            const TdBenefit *benefit,
                            GError         **error)
{
  int b;

  g_return_val_if_fail (program != NULL && benefit_id != NULL, FALSE);
  g_return_val_if_fail (benefit != NULL && benefit_is_writable (benefit), FALSE);

  if ((b = find_benefit (program, benefit_id, error)) < 0)
    return FALSE;
  return put_item (program, program->benefits, "$.benefits", b, 0, benefit->id, benefit, error);
}

gboolean
td_program_remove_benefit (TdProgram  *program,
                           const char *benefit_id,
                           GError    **error)
{
  int b;

  g_return_val_if_fail (program != NULL && benefit_id != NULL, FALSE);

  if ((b = find_benefit (program, benefit_id, error)) < 0)
    return FALSE;
  return commit (program, draft_removing (program, G_STRUCT_OFFSET (TdProgram, benefits), b), NULL, error);
}

/* ---- objectives ---- */

static gboolean
objective_is_writable (const TdObjective *objective)
{
  return objective->id != NULL && objective->name != NULL && objective->metric < TD_N_OBJECTIVE_METRICS &&
         (objective->metric != TD_OBJECTIVE_PARTNERS_IN_TIER || objective->metric_tier != NULL);
}

gboolean
td_program_add_objective (TdProgram         *program,
                          const TdObjective *objective,
                          guint              position,
                          GError           **error)
{
  g_return_val_if_fail (program != NULL && objective != NULL && objective_is_writable (objective), FALSE);

  return put_item (program, program->objectives, "$.objectives", -1, position, objective->id, objective, error);
}

gboolean
td_program_replace_objective (TdProgram         *program,
                              const char        *objective_id,
                              const TdObjective *objective,
                              GError           **error)
{
  int o;

  g_return_val_if_fail (program != NULL && objective_id != NULL, FALSE);
  g_return_val_if_fail (objective != NULL && objective_is_writable (objective), FALSE);

  if ((o = find_objective (program, objective_id, error)) < 0)
    return FALSE;
  return put_item (program, program->objectives, "$.objectives", o, 0, objective->id, objective, error);
}

gboolean
td_program_remove_objective (TdProgram  *program,
                             const char *objective_id,
                             GError    **error)
{
  int o;

  g_return_val_if_fail (program != NULL && objective_id != NULL, FALSE);

  if ((o = find_objective (program, objective_id, error)) < 0)
    return FALSE;
  return commit (program, draft_removing (program, G_STRUCT_OFFSET (TdProgram, objectives), o), NULL, error);
}

gboolean
td_program_set_objective_target (TdProgram  *program,
                                 const char *objective_id,
                                 gint64      target,
                                 GError    **error)
{
  g_autofree char *path = NULL;
  TdProgram *draft;
  int o;

  g_return_val_if_fail (program != NULL && objective_id != NULL, FALSE);

  if ((o = find_objective (program, objective_id, error)) < 0)
    return FALSE;
  draft = td_program_copy (program);
  ((TdObjective *) draft->objectives->pdata[o])->target = target;
  path = item_path ("$.objectives", o, "target", NULL);
  return commit (program, draft, path, error);
}

/* ---- program settings ---- */

/* Sets the string member @offset of the program (NULL allowed). */
static gboolean
set_program_string (TdProgram  *program,
                    gsize       offset,
                    const char *value,
                    const char *path,
                    GError    **error)
{
  TdProgram *draft = td_program_copy (program);

  replace_string (&G_STRUCT_MEMBER (char *, draft, offset), value);
  return commit (program, draft, path, error);
}

gboolean
td_program_set_name (TdProgram  *program,
                     const char *name,
                     GError    **error)
{
  g_return_val_if_fail (program != NULL && name != NULL, FALSE);

  return set_program_string (program, G_STRUCT_OFFSET (TdProgram, name), name, "$.name", error);
}

gboolean
td_program_set_vendor (TdProgram  *program,
                       const char *vendor,
                       GError    **error)
{
  g_return_val_if_fail (program != NULL, FALSE);

  return set_program_string (program, G_STRUCT_OFFSET (TdProgram, vendor),
                             vendor != NULL && *vendor != '\0' ? vendor : NULL, "$.vendor", error);
}

gboolean
td_program_set_description (TdProgram  *program,
                            const char *description,
                            GError    **error)
{
  g_return_val_if_fail (program != NULL, FALSE);

  return set_program_string (program, G_STRUCT_OFFSET (TdProgram, description),
                             description != NULL && *description != '\0' ? description : NULL,
                             "$.description", error);
}

gboolean
td_program_set_currency (TdProgram  *program,
                         const char *currency,
                         GError    **error)
{
  g_return_val_if_fail (program != NULL && currency != NULL, FALSE);

  return set_program_string (program, G_STRUCT_OFFSET (TdProgram, currency), currency, "$.currency", error);
}

gboolean
td_program_set_qualification_mode (TdProgram          *program,
                                   TdQualificationMode mode,
                                   GError            **error)
{
  TdProgram *draft;

  g_return_val_if_fail (program != NULL && mode < TD_N_QUALIFICATION_MODES, FALSE);

  draft = td_program_copy (program);
  draft->qualification_mode = mode;
  return commit (program, draft, NULL, error);
}

gboolean
td_program_set_qualification_window (TdProgram  *program,
                                     TdWindow    window,
                                     GError    **error)
{
  TdProgram *draft;

  g_return_val_if_fail (program != NULL && window < TD_N_WINDOWS, FALSE);

  draft = td_program_copy (program);
  draft->qualification_window = window;
  return commit (program, draft, NULL, error);
}

gboolean
td_program_set_distributors (TdProgram         *program,
                             const char *const *distributors,
                             GError           **error)
{
  TdProgram *draft;

  g_return_val_if_fail (program != NULL, FALSE);

  draft = td_program_copy (program);
  g_strfreev (draft->distributors);
  draft->distributors = g_strdupv ((char **) distributors);
  return commit (program, draft, "$.eligibility.distributors", error);
}

gboolean
td_program_set_require_invoice (TdProgram  *program,
                                gboolean    require_invoice,
                                GError    **error)
{
  TdProgram *draft;

  g_return_val_if_fail (program != NULL, FALSE);

  draft = td_program_copy (program);
  draft->require_invoice = require_invoice != FALSE;
  return commit (program, draft, NULL, error);
}

gboolean
td_program_set_online_renewals (TdProgram     *program,
                                TdAttribution  attribution,
                                GError       **error)
{
  TdProgram *draft;

  g_return_val_if_fail (program != NULL && attribution < TD_N_ATTRIBUTIONS, FALSE);

  draft = td_program_copy (program);
  draft->online_renewals = attribution;
  return commit (program, draft, NULL, error);
}

/* ---- overrides ---- */

static gboolean
override_is_writable (const TdOverride *override)
{
  return override->partner != NULL && override->reason != NULL;
}

/* Another override (not the one at @index) for @partner. */
static gboolean
refuse_duplicate_partner (const TdProgram *program,
                          const char      *partner,
                          int              index,
                          GError         **error)
{
  for (guint i = 0; i < program->overrides->len; i++)
    if ((int) i != index && same_partner (((TdOverride *) program->overrides->pdata[i])->partner, partner))
      return refuse (error, TD_EDIT_ERROR_DUPLICATE_ID, _("Partner “%s” already has an override"), partner);
  return TRUE;
}

gboolean
td_program_add_override (TdProgram        *program,
                         const TdOverride *override,
                         GError          **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (program != NULL && override != NULL && override_is_writable (override), FALSE);

  if (!refuse_duplicate_partner (program, override->partner, -1, error))
    return FALSE;
  path = item_path ("$.overrides", program->overrides->len, NULL);
  return commit_item (program, program, program->overrides, program->overrides->len, override, TRUE, path, error);
}

gboolean
td_program_replace_override (TdProgram        *program,
                             const char       *partner,
                             const TdOverride *override,
                             GError          **error)
{
  g_autofree char *path = NULL;
  int o;

  g_return_val_if_fail (program != NULL && partner != NULL, FALSE);
  g_return_val_if_fail (override != NULL && override_is_writable (override), FALSE);

  if ((o = find_override (program, partner, error)) < 0 ||
      !refuse_duplicate_partner (program, override->partner, o, error))
    return FALSE;
  path = item_path ("$.overrides", o, NULL);
  return commit_item (program, program, program->overrides, (guint) o, override, FALSE, path, error);
}

gboolean
td_program_remove_override (TdProgram  *program,
                            const char *partner,
                            GError    **error)
{
  int o;

  g_return_val_if_fail (program != NULL && partner != NULL, FALSE);

  if ((o = find_override (program, partner, error)) < 0)
    return FALSE;
  return commit (program, draft_removing (program, G_STRUCT_OFFSET (TdProgram, overrides), o), NULL, error);
}
