/* td-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The state is the program's canonical JSON written with "version" 1 (so
 * that saving, which changes the version, never touches the history). A
 * command keeps only what differs between the state before and after it:
 * the two states share a prefix and a suffix, and the command holds the
 * two middles. Undo rebuilds the state before from the current one and
 * reads it back; the writer's output always reads back to the same bytes,
 * so this is exact.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-editor.h"
#include "td-program-reader.h"
#include "td-program-writer.h"
#include "td-validator.h"

typedef struct
{
  char  *label;
  gsize  prefix;      /* bytes at the start the two states share */
  gsize  suffix;      /* bytes at the end they share */
  char  *before;      /* the middle of the state before, NUL-terminated */
  gsize  before_len;
  char  *after;
  gsize  after_len;
} Command;

struct _TdEditor
{
  GObject     parent_instance;

  TdProgram  *program;
  gint64      version;        /* the program's "version" */
  guint       base_version;
  char       *state;          /* canonical JSON with "version" 1 */
  char       *saved;          /* the state last loaded or saved */
  char       *structure;      /* structure_key() of the program */
  TdProblems *problems;       /* NULL until asked for since the last change */

  GPtrArray  *commands;       /* Command, oldest first */
  guint       n_done;         /* commands[0, n_done) can be undone, the rest redone */

  guint       group_depth;
  char       *group_label;
  char       *group_start;    /* the state when the outermost group began */
};

G_DEFINE_FINAL_TYPE (TdEditor, td_editor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_BASE_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- commands ---- */

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->label);
  g_free (command->before);
  g_free (command->after);
  g_free (command);
}

static Command *
command_new (const char *label,
             const char *before,
             const char *after)
{
  Command *command = g_new0 (Command, 1);
  gsize before_len = strlen (before), after_len = strlen (after);
  gsize shorter = MIN (before_len, after_len);
  gsize prefix = 0, suffix = 0;

  while (prefix < shorter && before[prefix] == after[prefix])
    prefix++;
  while (suffix < shorter - prefix && before[before_len - 1 - suffix] == after[after_len - 1 - suffix])
    suffix++;

  command->label = g_strdup (label);
  command->prefix = prefix;
  command->suffix = suffix;
  command->before_len = before_len - prefix - suffix;
  command->before = g_strndup (before + prefix, command->before_len);
  command->after_len = after_len - prefix - suffix;
  command->after = g_strndup (after + prefix, command->after_len);
  return command;
}

/* The state on the other side of @command from @state: before it when
 * @undo, else after it. */
static char *
command_apply (const Command *command,
               const char    *state,
               gboolean       undo)
{
  gsize len = strlen (state);
  GString *result = g_string_sized_new (len + (undo ? command->before_len : command->after_len));

  g_assert (len >= command->prefix + command->suffix);
  g_string_append_len (result, state, command->prefix);
  if (undo)
    g_string_append_len (result, command->before, command->before_len);
  else
    g_string_append_len (result, command->after, command->after_len);
  g_string_append_len (result, state + len - command->suffix, command->suffix);
  return g_string_free (result, FALSE);
}

/* ---- states ---- */

static char *
state_of (TdProgram *program)
{
  gint64 version = program->version;
  char *json;

  program->version = 1;
  json = td_program_to_json (program);
  program->version = version;
  return json;
}

static void
append_ids (GString         *key,
            const GPtrArray *list)
{
  /* Every item of these lists starts with its id (or partner). */
  for (guint i = 0; i < list->len; i++)
    {
      g_string_append (key, *(char **) list->pdata[i]);
      g_string_append_c (key, '\n');
    }
  g_string_append_c (key, '\f');
}

/* The ids and order of everything that is a row or a column of the
 * designer. */
static char *
structure_key (const TdProgram *program)
{
  GString *key = g_string_new (NULL);

  append_ids (key, program->categories);
  append_ids (key, program->tiers);
  for (guint i = 0; i < program->tiers->len; i++)
    append_ids (key, ((TdTier *) program->tiers->pdata[i])->requirements);
  append_ids (key, program->rules);
  append_ids (key, program->benefits);
  append_ids (key, program->objectives);
  append_ids (key, program->overrides);
  return g_string_free (key, FALSE);
}

/* A program read from @json, which must have no reader error. */
static TdProgram *
read_program (const char *json,
              GError    **error)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_read_data (json, strlen (json), problems);
  g_autoptr(GString) message = NULL;

  if (program != NULL && td_problems_count (problems, TD_SEVERITY_ERROR) == 0)
    return g_steal_pointer (&program);

  message = g_string_new (_("The text cannot be read as a program:"));
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    {
      const TdProblem *problem = td_problems_get (problems, i);

      if (problem->severity != TD_SEVERITY_ERROR)
        continue;
      g_string_append_c (message, '\n');
      if (problem->path != NULL)
        g_string_append_printf (message, "%s: %s", problem->path, problem->message);
      else if (problem->line > 0)
        g_string_append_printf (message, _("line %u, column %u: %s"), problem->line, problem->column, problem->message);
      else
        g_string_append (message, problem->message);
    }
  g_set_error_literal (error, TD_EDIT_ERROR, TD_EDIT_ERROR_UNREADABLE, message->str);
  return NULL;
}

/* ---- notifications ---- */

typedef struct
{
  gboolean  modified;
  gboolean  can_undo;
  gboolean  can_redo;
  char     *undo_label;
  char     *redo_label;
  guint     base_version;
} Observed;

static Observed
observe (TdEditor *self)
{
  Observed observed = {
    td_editor_is_modified (self),
    td_editor_can_undo (self),
    td_editor_can_redo (self),
    g_strdup (td_editor_get_undo_label (self)),
    g_strdup (td_editor_get_redo_label (self)),
    self->base_version,
  };

  return observed;
}

/* Notifies what differs from @before, and frees it. */
static void
notify_changes (TdEditor *self,
                Observed *before)
{
  Observed now = observe (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (now.modified != before->modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (now.can_undo != before->can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (now.can_redo != before->can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (now.undo_label, before->undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (g_strcmp0 (now.redo_label, before->redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  if (now.base_version != before->base_version)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_VERSION]);
  g_object_thaw_notify (G_OBJECT (self));

  g_free (now.undo_label);
  g_free (now.redo_label);
  g_free (before->undo_label);
  g_free (before->redo_label);
}

/* self->program is already the program of @state (taken): make @state
 * current and tell. */
static void
state_changed (TdEditor *self,
               char     *state,
               guint     flags,
               Observed *before)
{
  char *structure = structure_key (self->program);

  g_free (self->state);
  self->state = state;
  if (strcmp (structure, self->structure) != 0)
    flags |= TD_EDITOR_CHANGE_STRUCTURE;
  g_free (self->structure);
  self->structure = structure;
  g_clear_pointer (&self->problems, td_problems_free);

  g_signal_emit (self, signals[CHANGED], 0, flags);
  notify_changes (self, before);
}

static void
push_command (TdEditor   *self,
              const char *label,
              const char *before,
              const char *after)
{
  /* A new edit after an undo drops what could have been redone. */
  if (self->n_done < self->commands->len)
    g_ptr_array_remove_range (self->commands, self->n_done, self->commands->len - self->n_done);
  g_ptr_array_add (self->commands, command_new (label, before, after));
  if (self->commands->len > TD_EDITOR_MAX_COMMANDS)
    g_ptr_array_remove_index (self->commands, 0);
  self->n_done = self->commands->len;
}

/* self->program has been changed in place: record it, unless the state
 * stayed the same. */
static void
record (TdEditor   *self,
        const char *label)
{
  char *state = state_of (self->program);
  Observed before;

  if (strcmp (state, self->state) == 0)
    {
      g_free (state);
      return;
    }
  before = observe (self);
  if (self->group_depth == 0)
    push_command (self, label, self->state, state);
  state_changed (self, state, TD_EDITOR_CHANGE_EDIT, &before);
}

/* The end of every edit function: takes @label. */
static gboolean
finish (TdEditor *self,
        char     *label,
        gboolean  done)
{
  g_autofree char *owned = label;

  if (done)
    record (self, owned);
  return done;
}

/* ---- the object ---- */

static void
td_editor_finalize (GObject *object)
{
  TdEditor *self = TD_EDITOR (object);

  g_clear_pointer (&self->program, td_program_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->saved, g_free);
  g_clear_pointer (&self->structure, g_free);
  g_clear_pointer (&self->problems, td_problems_free);
  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_clear_pointer (&self->group_label, g_free);
  g_clear_pointer (&self->group_start, g_free);

  G_OBJECT_CLASS (td_editor_parent_class)->finalize (object);
}

static void
td_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdEditor *self = TD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, td_editor_is_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, td_editor_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, td_editor_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, td_editor_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, td_editor_get_redo_label (self));
      break;
    case PROP_BASE_VERSION:
      g_value_set_uint (value, td_editor_get_base_version (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_editor_class_init (TdEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = td_editor_finalize;
  object_class->get_property = td_editor_get_property;

  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  properties[PROP_BASE_VERSION] = g_param_spec_uint ("base-version", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
td_editor_init (TdEditor *self)
{
  self->commands = g_ptr_array_new_with_free_func (command_free);
}

/* Takes @program, which reads back from its canonical JSON. */
static TdEditor *
editor_new_take (TdProgram *program,
                 guint      base_version)
{
  TdEditor *self = g_object_new (TD_TYPE_EDITOR, NULL);

  self->program = program;
  self->version = program->version;
  self->base_version = base_version;
  self->state = state_of (program);
  self->saved = g_strdup (self->state);
  self->structure = structure_key (program);
  return self;
}

TdEditor *
td_editor_new (const TdProgram *program,
               guint            base_version)
{
  TdProgram *copy;

  g_return_val_if_fail (program != NULL, NULL);

  copy = td_program_copy (program);
  if (copy == NULL)
    {
      g_critical ("td_editor_new: the program does not read back from its canonical JSON");
      return NULL;
    }
  return editor_new_take (copy, base_version);
}

TdEditor *
td_editor_new_from_json (const char *json,
                         guint       base_version,
                         GError    **error)
{
  g_autoptr(TdProgram) program = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  program = read_program (json, error);
  if (program == NULL)
    return NULL;
  /* Through the canonical JSON once more, for its canonical order. */
  return editor_new_take (td_program_copy (program), base_version);
}

const TdProgram *
td_editor_get_program (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), NULL);

  return self->program;
}

char *
td_editor_to_json (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), NULL);

  return td_program_to_json (self->program);
}

guint
td_editor_get_base_version (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), 0);

  return self->base_version;
}

gboolean
td_editor_is_modified (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);

  return strcmp (self->state, self->saved) != 0;
}

void
td_editor_mark_saved (TdEditor *self,
                      guint     version)
{
  Observed before;

  g_return_if_fail (TD_IS_EDITOR (self));
  g_return_if_fail (version >= 1);

  before = observe (self);
  self->base_version = version;
  self->version = version;
  self->program->version = version;
  g_free (self->saved);
  self->saved = g_strdup (self->state);
  notify_changes (self, &before);
}

const TdProblems *
td_editor_get_problems (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), NULL);

  if (self->problems == NULL)
    {
      self->problems = td_problems_new ();
      td_program_validate (self->program, self->problems);
    }
  return self->problems;
}

/* ---- the command stack ---- */

gboolean
td_editor_can_undo (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);

  return self->n_done > 0;
}

gboolean
td_editor_can_redo (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);

  return self->n_done < self->commands->len;
}

const char *
td_editor_get_undo_label (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), NULL);

  if (self->n_done == 0)
    return NULL;
  return ((Command *) self->commands->pdata[self->n_done - 1])->label;
}

const char *
td_editor_get_redo_label (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), NULL);

  if (self->n_done == self->commands->len)
    return NULL;
  return ((Command *) self->commands->pdata[self->n_done])->label;
}

guint
td_editor_get_n_undo (TdEditor *self)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), 0);

  return self->n_done;
}

gsize
td_editor_get_history_size (TdEditor *self)
{
  gsize size = 0;

  g_return_val_if_fail (TD_IS_EDITOR (self), 0);

  for (guint i = 0; i < self->commands->len; i++)
    {
      const Command *command = self->commands->pdata[i];
      size += sizeof *command + strlen (command->label) + 1 + command->before_len + 1 + command->after_len + 1;
    }
  return size + self->commands->len * sizeof (gpointer);
}

/* Goes one command back (@undo) or forward. */
static gboolean
step (TdEditor *self,
      gboolean  undo)
{
  const Command *command;
  g_autoptr(GError) error = NULL;
  TdProgram *program;
  Observed before;
  char *state;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  if (undo ? self->n_done == 0 : self->n_done == self->commands->len)
    return FALSE;
  before = observe (self);
  command = self->commands->pdata[undo ? self->n_done - 1 : self->n_done];
  state = command_apply (command, self->state, undo);
  /* The state was written by the writer from a program that read back. */
  program = read_program (state, &error);
  g_assert_no_error (error);
  program->version = self->version;
  td_program_free (self->program);
  self->program = program;
  if (undo)
    self->n_done--;
  else
    self->n_done++;
  state_changed (self, state, undo ? TD_EDITOR_CHANGE_UNDO : TD_EDITOR_CHANGE_REDO, &before);
  return TRUE;
}

gboolean
td_editor_undo (TdEditor *self)
{
  return step (self, TRUE);
}

gboolean
td_editor_redo (TdEditor *self)
{
  return step (self, FALSE);
}

void
td_editor_begin_group (TdEditor   *self,
                       const char *label)
{
  g_return_if_fail (TD_IS_EDITOR (self));
  g_return_if_fail (label != NULL);

  if (self->group_depth++ > 0)
    return;
  self->group_label = g_strdup (label);
  self->group_start = g_strdup (self->state);
}

void
td_editor_end_group (TdEditor *self)
{
  g_autofree char *label = NULL;
  g_autofree char *start = NULL;
  Observed before;

  g_return_if_fail (TD_IS_EDITOR (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;
  label = g_steal_pointer (&self->group_label);
  start = g_steal_pointer (&self->group_start);
  if (strcmp (start, self->state) == 0)
    return;
  before = observe (self);
  push_command (self, label, start, self->state);
  notify_changes (self, &before);
}

/* ---- edits ---- */

gboolean
td_editor_apply (TdEditor   *self,
                 const char *label,
                 TdProgram  *new_state,
                 GError    **error)
{
  g_autoptr(TdProgram) owned = new_state;
  g_autofree char *json = NULL;
  g_autofree char *state = NULL;
  TdProgram *program;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (label != NULL && new_state != NULL, FALSE);

  json = td_program_to_json (owned);
  program = read_program (json, error);
  if (program == NULL)
    return FALSE;
  program->version = self->version;
  state = state_of (program);
  if (strcmp (state, self->state) == 0)
    {
      /* Nothing changes: the program keeps its pointers. */
      td_program_free (program);
      return TRUE;
    }
  td_program_free (self->program);
  self->program = program;
  record (self, label);
  return TRUE;
}

gboolean
td_editor_apply_json (TdEditor   *self,
                      const char *label,
                      const char *json,
                      GError    **error)
{
  TdProgram *program;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (label != NULL && json != NULL, FALSE);

  program = read_program (json, error);
  return program != NULL && td_editor_apply (self, label, program, error);
}

/* The names that labels show; the id when there is no such item (the
 * edit then fails and the label goes unused). */

static const char *
tier_name (TdEditor   *self,
           const char *tier_id)
{
  int index = td_program_find_tier (self->program, tier_id);

  return index >= 0 ? ((TdTier *) self->program->tiers->pdata[index])->name : tier_id;
}

static const char *
rule_name (TdEditor   *self,
           const char *rule_id)
{
  int index = td_program_find_rule (self->program, rule_id);

  return index >= 0 ? ((TdRule *) self->program->rules->pdata[index])->name : rule_id;
}

/* The name of the item of @list (structures that start with id, name). */
static const char *
item_name (const GPtrArray *list,
           const char      *id)
{
  for (guint i = 0; i < list->len; i++)
    {
      char **item = list->pdata[i];
      if (g_strcmp0 (item[0], id) == 0)
        return item[1];
    }
  return id;
}

static const char *
requirement_label (TdEditor   *self,
                   const char *tier_id,
                   const char *requirement_id)
{
  int index = td_program_find_tier (self->program, tier_id);

  /* A requirement starts with its id and its label. */
  return index >= 0 ? item_name (((TdTier *) self->program->tiers->pdata[index])->requirements, requirement_id)
                    : requirement_id;
}

gboolean
td_editor_add_tier (TdEditor *self, const char *id, const char *name, guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Add tier %s"), name);
  return finish (self, label, td_program_add_tier (self->program, id, name, position, error));
}

gboolean
td_editor_set_tier_name (TdEditor *self, const char *tier_id, const char *name, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: "Rename tier Gold to Premium" */
  label = g_strdup_printf (_("Rename tier %s to %s"), tier_name (self, tier_id), name);
  return finish (self, label, td_program_set_tier_name (self->program, tier_id, name, error));
}

gboolean
td_editor_set_tier_id (TdEditor *self, const char *tier_id, const char *new_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: "Change the id of tier Gold to premium" */
  label = g_strdup_printf (_("Change the id of tier %s to %s"), tier_name (self, tier_id), new_id);
  return finish (self, label, td_program_set_tier_id (self->program, tier_id, new_id, error));
}

gboolean
td_editor_move_tier (TdEditor *self, const char *tier_id, guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Move tier %s"), tier_name (self, tier_id));
  return finish (self, label, td_program_move_tier (self->program, tier_id, position, error));
}

gboolean
td_editor_remove_tier (TdEditor *self, const char *tier_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Remove tier %s"), tier_name (self, tier_id));
  return finish (self, label, td_program_remove_tier (self->program, tier_id, error));
}

gboolean
td_editor_add_requirement (TdEditor *self, const char *tier_id, const TdRequirement *requirement,
                           guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self) && requirement != NULL, FALSE);
  /* Translators: "Add requirement Minimum sales per year to Certified" */
  label = g_strdup_printf (_("Add requirement %s to %s"), requirement->label, tier_name (self, tier_id));
  return finish (self, label, td_program_add_requirement (self->program, tier_id, requirement, position, error));
}

gboolean
td_editor_replace_requirement (TdEditor *self, const char *tier_id, const char *requirement_id,
                               const TdRequirement *requirement, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: "Change requirement Minimum sales per year of Certified" */
  label = g_strdup_printf (_("Change requirement %s of %s"), requirement_label (self, tier_id, requirement_id),
                           tier_name (self, tier_id));
  return finish (self, label, td_program_replace_requirement (self->program, tier_id, requirement_id,
                                                              requirement, error));
}

gboolean
td_editor_move_requirement (TdEditor *self, const char *tier_id, const char *requirement_id,
                            guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: "Move requirement Minimum sales per year of Certified" */
  label = g_strdup_printf (_("Move requirement %s of %s"), requirement_label (self, tier_id, requirement_id),
                           tier_name (self, tier_id));
  return finish (self, label, td_program_move_requirement (self->program, tier_id, requirement_id,
                                                           position, error));
}

gboolean
td_editor_remove_requirement (TdEditor *self, const char *tier_id, const char *requirement_id,
                              GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: "Remove requirement Minimum sales per year from Certified" */
  label = g_strdup_printf (_("Remove requirement %s from %s"), requirement_label (self, tier_id, requirement_id),
                           tier_name (self, tier_id));
  return finish (self, label, td_program_remove_requirement (self->program, tier_id, requirement_id, error));
}

gboolean
td_editor_set_requirement_min (TdEditor *self, const char *tier_id, const char *requirement_id,
                               gint64 min, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: "Change the minimum of Minimum sales per year in Certified" */
  label = g_strdup_printf (_("Change the minimum of %s in %s"), requirement_label (self, tier_id, requirement_id),
                           tier_name (self, tier_id));
  return finish (self, label, td_program_set_requirement_min (self->program, tier_id, requirement_id, min, error));
}

gboolean
td_editor_set_rule_rate (TdEditor *self, const char *rule_id, const char *tier_id, TdRate rate,
                         GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Change rate of Certified in Reward on software sales" */
  label = g_strdup_printf (_("Change rate of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_set_rule_rate (self->program, rule_id, tier_id, rate, error));
}

gboolean
td_editor_clear_rule_rate (TdEditor *self, const char *rule_id, const char *tier_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Remove rate of Certified in Reward on software sales" */
  label = g_strdup_printf (_("Remove rate of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_clear_rule_rate (self->program, rule_id, tier_id, error));
}

gboolean
td_editor_set_rule_amount (TdEditor *self, const char *rule_id, const char *tier_id, TdMoney amount,
                           GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Change amount of Gold in Welcome bonus" */
  label = g_strdup_printf (_("Change amount of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_set_rule_amount (self->program, rule_id, tier_id, amount, error));
}

gboolean
td_editor_clear_rule_amount (TdEditor *self, const char *rule_id, const char *tier_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Remove amount of Gold in Welcome bonus" */
  label = g_strdup_printf (_("Remove amount of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_clear_rule_amount (self->program, rule_id, tier_id, error));
}

gboolean
td_editor_set_rule_unit_amount (TdEditor *self, const char *rule_id, const char *tier_id,
                                const char *key, TdMoney amount, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier, a SKU or category, a rule: "Change amount of Gold for D785 in Per phone" */
  label = g_strdup_printf (_("Change amount of %s for %s in %s"), tier_name (self, tier_id), key,
                           rule_name (self, rule_id));
  return finish (self, label, td_program_set_rule_unit_amount (self->program, rule_id, tier_id, key, amount, error));
}

gboolean
td_editor_clear_rule_unit_amount (TdEditor *self, const char *rule_id, const char *tier_id,
                                  const char *key, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier, a SKU or category, a rule: "Remove amount of Gold for D785 in Per phone" */
  label = g_strdup_printf (_("Remove amount of %s for %s in %s"), tier_name (self, tier_id), key,
                           rule_name (self, rule_id));
  return finish (self, label, td_program_clear_rule_unit_amount (self->program, rule_id, tier_id, key, error));
}

gboolean
td_editor_set_rule_target (TdEditor *self, const char *rule_id, const char *tier_id, gint64 target,
                           GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Change target of Privileged in Annual SPIF" */
  label = g_strdup_printf (_("Change target of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_set_rule_target (self->program, rule_id, tier_id, target, error));
}

gboolean
td_editor_clear_rule_target (TdEditor *self, const char *rule_id, const char *tier_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Remove target of Privileged in Annual SPIF" */
  label = g_strdup_printf (_("Remove target of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_clear_rule_target (self->program, rule_id, tier_id, error));
}

gboolean
td_editor_set_rule_steps (TdEditor *self, const char *rule_id, const char *tier_id,
                          const TdStep *steps, guint n_steps, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Change steps of Privileged in Quarterly rebate" */
  label = g_strdup_printf (_("Change steps of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_set_rule_steps (self->program, rule_id, tier_id, steps, n_steps, error));
}

gboolean
td_editor_clear_rule_steps (TdEditor *self, const char *rule_id, const char *tier_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a tier and a rule: "Remove steps of Privileged in Quarterly rebate" */
  label = g_strdup_printf (_("Remove steps of %s in %s"), tier_name (self, tier_id), rule_name (self, rule_id));
  return finish (self, label, td_program_clear_rule_steps (self->program, rule_id, tier_id, error));
}

gboolean
td_editor_add_rule (TdEditor *self, const TdRule *rule, guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self) && rule != NULL, FALSE);
  label = g_strdup_printf (_("Add rule %s"), rule->name);
  return finish (self, label, td_program_add_rule (self->program, rule, position, error));
}

gboolean
td_editor_replace_rule (TdEditor *self, const char *rule_id, const TdRule *rule, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Change rule %s"), rule_name (self, rule_id));
  return finish (self, label, td_program_replace_rule (self->program, rule_id, rule, error));
}

gboolean
td_editor_remove_rule (TdEditor *self, const char *rule_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Remove rule %s"), rule_name (self, rule_id));
  return finish (self, label, td_program_remove_rule (self->program, rule_id, error));
}

gboolean
td_editor_move_rule (TdEditor *self, const char *rule_id, guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Move rule %s"), rule_name (self, rule_id));
  return finish (self, label, td_program_move_rule (self->program, rule_id, position, error));
}

gboolean
td_editor_set_rule_active (TdEditor *self, const char *rule_id, TdDate from, TdDate to, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a rule: "Change the dates of Spring 2025 TING promotion" */
  label = g_strdup_printf (_("Change the dates of %s"), rule_name (self, rule_id));
  return finish (self, label, td_program_set_rule_active (self->program, rule_id, from, to, error));
}

gboolean
td_editor_set_rule_name (TdEditor *self, const char *rule_id, const char *name, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Rename rule %s to %s"), rule_name (self, rule_id), name);
  return finish (self, label, td_program_set_rule_name (self->program, rule_id, name, error));
}

gboolean
td_editor_set_benefit_value (TdEditor *self, const char *benefit_id, const char *tier_id,
                             TdBenefitKind kind, gint64 number, const char *text, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a benefit and a tier: "Change benefit Price lists of Certified" */
  label = g_strdup_printf (_("Change benefit %s of %s"), item_name (self->program->benefits, benefit_id),
                           tier_name (self, tier_id));
  return finish (self, label, td_program_set_benefit_value (self->program, benefit_id, tier_id, kind, number,
                                                            text, error));
}

gboolean
td_editor_clear_benefit_value (TdEditor *self, const char *benefit_id, const char *tier_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  /* Translators: a benefit and a tier: "Remove benefit Price lists of Certified" */
  label = g_strdup_printf (_("Remove benefit %s of %s"), item_name (self->program->benefits, benefit_id),
                           tier_name (self, tier_id));
  return finish (self, label, td_program_clear_benefit_value (self->program, benefit_id, tier_id, error));
}

gboolean
td_editor_add_benefit (TdEditor *self, const TdBenefit *benefit, guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self) && benefit != NULL, FALSE);
  label = g_strdup_printf (_("Add benefit %s"), benefit->name);
  return finish (self, label, td_program_add_benefit (self->program, benefit, position, error));
}

gboolean
td_editor_replace_benefit (TdEditor *self, const char *benefit_id, const TdBenefit *benefit, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Change benefit %s"), item_name (self->program->benefits, benefit_id));
  return finish (self, label, td_program_replace_benefit (self->program, benefit_id, benefit, error));
}

gboolean
td_editor_remove_benefit (TdEditor *self, const char *benefit_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Remove benefit %s"), item_name (self->program->benefits, benefit_id));
  return finish (self, label, td_program_remove_benefit (self->program, benefit_id, error));
}

gboolean
td_editor_add_objective (TdEditor *self, const TdObjective *objective, guint position, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self) && objective != NULL, FALSE);
  label = g_strdup_printf (_("Add objective %s"), objective->name);
  return finish (self, label, td_program_add_objective (self->program, objective, position, error));
}

gboolean
td_editor_replace_objective (TdEditor *self, const char *objective_id, const TdObjective *objective,
                             GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Change objective %s"), item_name (self->program->objectives, objective_id));
  return finish (self, label, td_program_replace_objective (self->program, objective_id, objective, error));
}

gboolean
td_editor_remove_objective (TdEditor *self, const char *objective_id, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Remove objective %s"), item_name (self->program->objectives, objective_id));
  return finish (self, label, td_program_remove_objective (self->program, objective_id, error));
}

gboolean
td_editor_set_objective_target (TdEditor *self, const char *objective_id, gint64 target, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Change target of objective %s"), item_name (self->program->objectives, objective_id));
  return finish (self, label, td_program_set_objective_target (self->program, objective_id, target, error));
}

gboolean
td_editor_set_name (TdEditor *self, const char *name, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Rename program to %s"), name);
  return finish (self, label, td_program_set_name (self->program, name, error));
}

gboolean
td_editor_set_vendor (TdEditor *self, const char *vendor, GError **error)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  return finish (self, g_strdup (_("Change vendor")), td_program_set_vendor (self->program, vendor, error));
}

gboolean
td_editor_set_description (TdEditor *self, const char *description, GError **error)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  return finish (self, g_strdup (_("Change description")),
                 td_program_set_description (self->program, description, error));
}

gboolean
td_editor_set_currency (TdEditor *self, const char *currency, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Change currency to %s"), currency);
  return finish (self, label, td_program_set_currency (self->program, currency, error));
}

gboolean
td_editor_set_qualification_mode (TdEditor *self, TdQualificationMode mode, GError **error)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  return finish (self, g_strdup (_("Change how tiers are given")),
                 td_program_set_qualification_mode (self->program, mode, error));
}

gboolean
td_editor_set_qualification_window (TdEditor *self, TdWindow window, GError **error)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  return finish (self, g_strdup (_("Change the qualification window")),
                 td_program_set_qualification_window (self->program, window, error));
}

gboolean
td_editor_set_distributors (TdEditor *self, const char *const *distributors, GError **error)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  return finish (self, g_strdup (_("Change authorised distributors")),
                 td_program_set_distributors (self->program, distributors, error));
}

gboolean
td_editor_set_require_invoice (TdEditor *self, gboolean require_invoice, GError **error)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  return finish (self, g_strdup (require_invoice ? _("Require an invoice") : _("Do not require an invoice")),
                 td_program_set_require_invoice (self->program, require_invoice, error));
}

gboolean
td_editor_set_online_renewals (TdEditor *self, TdAttribution attribution, GError **error)
{
  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  return finish (self, g_strdup (_("Change who is credited with online renewals")),
                 td_program_set_online_renewals (self->program, attribution, error));
}

gboolean
td_editor_add_override (TdEditor *self, const TdOverride *override, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self) && override != NULL, FALSE);
  label = g_strdup_printf (_("Add override for %s"), override->partner);
  return finish (self, label, td_program_add_override (self->program, override, error));
}

gboolean
td_editor_replace_override (TdEditor *self, const char *partner, const TdOverride *override, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Change override for %s"), partner);
  return finish (self, label, td_program_replace_override (self->program, partner, override, error));
}

gboolean
td_editor_remove_override (TdEditor *self, const char *partner, GError **error)
{
  char *label;

  g_return_val_if_fail (TD_IS_EDITOR (self), FALSE);
  label = g_strdup_printf (_("Remove override for %s"), partner);
  return finish (self, label, td_program_remove_override (self->program, partner, error));
}
