/* td-simulation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "td-program-edit.h"
#include "td-report.h"
#include "td-simulation.h"
#include "td-workspace-data.h"

/* What one slot holds: the request waiting, the run going, the result. */
typedef struct
{
  TdSimulator  *simulator;     /* its own cache: a baseline run does not evict the draft's rules */
  TdProgram    *pending;       /* the latest request, not started */
  TdDate        pending_from;
  TdDate        pending_to;
  gint64        pending_since; /* monotonic µs of the request */
  GCancellable *running;       /* of the run in progress; NULL when none */
  TdProgram    *program;       /* what result borrows */
  TdResult     *result;
  TdSensitivityPoint points[TD_SIMULATION_N_SENSITIVITY];
  gboolean      has_points;
  gint64        latency;
} Slot;

const int td_simulation_sensitivity_percents[TD_SIMULATION_N_SENSITIVITY] = { -20, -10, 0, 10, 20 };

struct _TdSimulation
{
  GObject       parent_instance;

  TdDataset    *dataset;
  char         *error;
  TdEditor     *editor;
  TdProgram    *baseline;
  TdDate        from;
  TdDate        to;
  gboolean      sensitivity_wanted;
  GCancellable *loading;
  Slot          slots[TD_N_SIMULATION_SLOTS];
  /* The engine runs one job at a time: both slots share the worker. */
  gboolean      working;
  /* A workspace to load once the run in progress, which borrows the
   * current data set, has stopped. */
  char         *pending_path;
  gboolean      has_pending_path;
};

G_DEFINE_FINAL_TYPE (TdSimulation, td_simulation, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DATASET,
  PROP_ERROR,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  TdSimulationSlot  slot;
  TdProgram        *program;
  TdDate            from;
  TdDate            to;
  gint64            since;
  TdSimulator      *simulator;   /* borrowed: the slot keeps it */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->program, td_program_free);
  g_free (job);
}

typedef struct
{
  TdProgram *program;
  TdResult  *result;
  TdSensitivityPoint points[TD_SIMULATION_N_SENSITIVITY];
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->result, td_result_free);
  g_clear_pointer (&outcome->program, td_program_free);
  g_free (outcome);
}

static void
set_error (TdSimulation *self,
           const char   *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void start_next (TdSimulation *self);

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  TdSimulateOptions options = { 0 };
  GError *error = NULL;
  Outcome *outcome;
  TdResult *result;

  options.from = job->from;
  options.to = job->to;
  options.want_lines = TRUE;
  options.cancellable = cancellable;
  if (job->slot == TD_SIMULATION_SENSITIVITY)
    {
      outcome = g_new0 (Outcome, 1);
      if (!td_sensitivity_run (job->simulator, job->program, &options, td_simulation_sensitivity_percents,
                               TD_SIMULATION_N_SENSITIVITY, outcome->points, &error))
        {
          outcome_free (outcome);
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
      return;
    }
  result = td_simulator_run (job->simulator, job->program, &options, &error);
  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* In the order of `simulate --lines`: exports and explanations read them so. */
  td_result_sort_lines (result);
  outcome = g_new0 (Outcome, 1);
  outcome->result = result;
  outcome->program = g_steal_pointer (&job->program);
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *async,
             gpointer      user_data)
{
  TdSimulation *self = TD_SIMULATION (source);
  Job *job = g_task_get_task_data (G_TASK (async));
  Slot *slot = &self->slots[job->slot];
  g_autoptr(GError) error = NULL;
  Outcome *outcome = g_task_propagate_pointer (G_TASK (async), &error);

  self->working = FALSE;
  g_clear_object (&slot->running);
  if (self->has_pending_path)
    {
      g_autofree char *path = g_steal_pointer (&self->pending_path);

      self->has_pending_path = FALSE;
      td_simulation_load (self, path);
      return;
    }
  if (outcome != NULL)
    {
      g_clear_pointer (&slot->result, td_result_free);
      g_clear_pointer (&slot->program, td_program_free);
      slot->program = g_steal_pointer (&outcome->program);
      slot->result = g_steal_pointer (&outcome->result);
      memcpy (slot->points, outcome->points, sizeof slot->points);
      slot->has_points = job->slot == TD_SIMULATION_SENSITIVITY;
      slot->latency = g_get_monotonic_time () - job->since;
      outcome_free (outcome);
      set_error (self, NULL);
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0, job->slot);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_error (self, error->message);
  start_next (self);
  if (!self->working)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Starts the oldest waiting request, the draft first. */
static void
start_next (TdSimulation *self)
{
  if (self->working || self->dataset == NULL)
    return;
  for (int s = 0; s < TD_N_SIMULATION_SLOTS; s++)
    {
      Slot *slot = &self->slots[s];
      g_autoptr(GTask) task = NULL;
      Job *job;

      if (slot->pending == NULL)
        continue;
      job = g_new0 (Job, 1);
      job->slot = (TdSimulationSlot) s;
      job->program = g_steal_pointer (&slot->pending);
      job->from = slot->pending_from;
      job->to = slot->pending_to;
      job->since = slot->pending_since;
      job->simulator = slot->simulator;
      slot->running = g_cancellable_new ();
      task = g_task_new (self, slot->running, run_done_cb, NULL);
      g_task_set_source_tag (task, start_next);
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      self->working = TRUE;
      g_task_run_in_thread (task, run_in_thread);
      return;
    }
}

void
td_simulation_request (TdSimulation    *self,
                       TdSimulationSlot slot_id,
                       const TdProgram *program,
                       TdDate           from,
                       TdDate           to)
{
  Slot *slot;
  gboolean was_busy;

  g_return_if_fail (TD_IS_SIMULATION (self));
  g_return_if_fail (slot_id < TD_N_SIMULATION_SLOTS);
  g_return_if_fail (program != NULL);

  was_busy = td_simulation_is_busy (self);
  slot = &self->slots[slot_id];
  g_clear_pointer (&slot->pending, td_program_free);
  slot->pending = td_program_copy (program);
  slot->pending_from = from;
  slot->pending_to = to;
  slot->pending_since = g_get_monotonic_time ();
  /* The run going is for an older edit: stop it; the new one follows. */
  if (slot->running != NULL)
    g_cancellable_cancel (slot->running);
  start_next (self);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

const TdSensitivityPoint *
td_simulation_get_sensitivity (TdSimulation *self)
{
  g_return_val_if_fail (TD_IS_SIMULATION (self), NULL);
  return self->slots[TD_SIMULATION_SENSITIVITY].has_points ? self->slots[TD_SIMULATION_SENSITIVITY].points : NULL;
}

const TdResult *
td_simulation_get_result (TdSimulation    *self,
                          TdSimulationSlot slot)
{
  g_return_val_if_fail (TD_IS_SIMULATION (self), NULL);
  g_return_val_if_fail (slot < TD_N_SIMULATION_SLOTS, NULL);
  return self->slots[slot].result;
}

gint64
td_simulation_get_latency (TdSimulation    *self,
                           TdSimulationSlot slot)
{
  g_return_val_if_fail (TD_IS_SIMULATION (self), 0);
  g_return_val_if_fail (slot < TD_N_SIMULATION_SLOTS, 0);
  return self->slots[slot].latency;
}

gboolean
td_simulation_is_busy (TdSimulation *self)
{
  g_return_val_if_fail (TD_IS_SIMULATION (self), FALSE);
  if (self->working || self->loading != NULL)
    return TRUE;
  for (int s = 0; s < TD_N_SIMULATION_SLOTS; s++)
    if (self->slots[s].pending != NULL)
      return TRUE;
  return FALSE;
}

const TdDataset *
td_simulation_get_dataset (TdSimulation *self)
{
  g_return_val_if_fail (TD_IS_SIMULATION (self), NULL);
  return self->dataset;
}

const char *
td_simulation_get_error (TdSimulation *self)
{
  g_return_val_if_fail (TD_IS_SIMULATION (self), NULL);
  return self->error;
}

/* ---- what to simulate -------------------------------------------------- */

/* The draft in CURRENT, and in SENSITIVITY while a page shows it: four
 * more runs after every edit are worth it only then. */
static void
request_editor (TdSimulation *self)
{
  const TdProgram *program;

  if (self->editor == NULL || (self->from == 0 && self->to == 0))
    return;
  program = td_editor_get_program (self->editor);
  td_simulation_request (self, TD_SIMULATION_CURRENT, program, self->from, self->to);
  if (self->sensitivity_wanted)
    td_simulation_request (self, TD_SIMULATION_SENSITIVITY, program, self->from, self->to);
}

static void
request_all (TdSimulation *self)
{
  request_editor (self);
  if (self->baseline != NULL && (self->from != 0 || self->to != 0))
    td_simulation_request (self, TD_SIMULATION_BASELINE, self->baseline, self->from, self->to);
}

static void
editor_changed_cb (TdEditor     *editor,
                   guint         flags,
                   TdSimulation *self)
{
  request_editor (self);
}

void
td_simulation_set_editor (TdSimulation *self,
                          TdEditor     *editor)
{
  g_return_if_fail (TD_IS_SIMULATION (self));

  if (self->editor == editor)
    return;
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_func (self->editor, editor_changed_cb, self);
  g_set_object (&self->editor, editor);
  if (editor != NULL)
    g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), self, 0);
  request_editor (self);
}

void
td_simulation_set_sensitivity_wanted (TdSimulation *self,
                                      gboolean      wanted)
{
  g_return_if_fail (TD_IS_SIMULATION (self));

  if (self->sensitivity_wanted == !!wanted)
    return;
  self->sensitivity_wanted = !!wanted;
  if (wanted && self->editor != NULL && (self->from != 0 || self->to != 0))
    td_simulation_request (self, TD_SIMULATION_SENSITIVITY, td_editor_get_program (self->editor), self->from, self->to);
}

void
td_simulation_set_baseline (TdSimulation    *self,
                            const TdProgram *baseline)
{
  g_return_if_fail (TD_IS_SIMULATION (self));

  g_clear_pointer (&self->baseline, td_program_free);
  if (baseline == NULL)
    return;
  self->baseline = td_program_copy (baseline);
  if (self->from != 0 || self->to != 0)
    td_simulation_request (self, TD_SIMULATION_BASELINE, self->baseline, self->from, self->to);
}

void
td_simulation_set_period (TdSimulation *self,
                          TdDate        from,
                          TdDate        to)
{
  g_return_if_fail (TD_IS_SIMULATION (self));

  if (self->from == from && self->to == to)
    return;
  self->from = from;
  self->to = to;
  request_all (self);
}

void
td_simulation_get_period (TdSimulation *self,
                          TdDate       *from,
                          TdDate       *to)
{
  g_return_if_fail (TD_IS_SIMULATION (self));
  *from = self->from;
  *to = self->to;
}

/* ---- loading ---------------------------------------------------------- */

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  g_autoptr(TdWorkspace) workspace = td_workspace_open (path, FALSE, &error);
  TdDataset *dataset = NULL;

  /* A connection of this thread's own: the window's stays on the main one. */
  if (workspace != NULL)
    dataset = td_workspace_load_dataset (workspace, NULL, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) td_dataset_free);
}

static void
clear_slots (TdSimulation *self)
{
  for (int s = 0; s < TD_N_SIMULATION_SLOTS; s++)
    {
      Slot *slot = &self->slots[s];

      g_clear_pointer (&slot->pending, td_program_free);
      g_clear_pointer (&slot->result, td_result_free);
      g_clear_pointer (&slot->program, td_program_free);
      g_clear_pointer (&slot->simulator, td_simulator_free);
      slot->has_points = FALSE;
      slot->latency = 0;
    }
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *async,
           gpointer      user_data)
{
  TdSimulation *self = TD_SIMULATION (source);
  g_autoptr(GError) error = NULL;
  TdDataset *dataset = g_task_propagate_pointer (G_TASK (async), &error);

  if (dataset == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  self->dataset = dataset;
  for (int s = 0; dataset != NULL && s < TD_N_SIMULATION_SLOTS; s++)
    self->slots[s].simulator = td_simulator_new (dataset);
  set_error (self, error != NULL ? error->message : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  request_all (self);
  start_next (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
td_simulation_load (TdSimulation *self,
                    const char   *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_SIMULATION (self));

  /* Runs in progress borrow the data set: a new one waits for them. */
  if (self->working)
    {
      g_free (self->pending_path);
      self->pending_path = g_strdup (path);
      self->has_pending_path = TRUE;
      for (int s = 0; s < TD_N_SIMULATION_SLOTS; s++)
        if (self->slots[s].running != NULL)
          g_cancellable_cancel (self->slots[s].running);
      return;
    }
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  clear_slots (self);
  g_clear_pointer (&self->dataset, td_dataset_free);
  set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  if (path == NULL)
    return;
  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, loaded_cb, NULL);
  g_task_set_source_tag (task, td_simulation_load);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_in_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- GObject ---------------------------------------------------------- */

TdSimulation *
td_simulation_new (void)
{
  return g_object_new (TD_TYPE_SIMULATION, NULL);
}

static void
td_simulation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdSimulation *self = TD_SIMULATION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_pointer (value, self->dataset);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, td_simulation_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_simulation_dispose (GObject *object)
{
  TdSimulation *self = TD_SIMULATION (object);

  /* Tasks hold a reference to self: none runs when dispose comes. */
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_func (self->editor, editor_changed_cb, self);
  g_clear_object (&self->editor);
  G_OBJECT_CLASS (td_simulation_parent_class)->dispose (object);
}

static void
td_simulation_finalize (GObject *object)
{
  TdSimulation *self = TD_SIMULATION (object);

  clear_slots (self);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->dataset, td_dataset_free);
  g_clear_pointer (&self->baseline, td_program_free);
  g_free (self->error);
  g_free (self->pending_path);
  G_OBJECT_CLASS (td_simulation_parent_class)->finalize (object);
}

static void
td_simulation_class_init (TdSimulationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = td_simulation_get_property;
  object_class->dispose = td_simulation_dispose;
  object_class->finalize = td_simulation_finalize;

  properties[PROP_DATASET] = g_param_spec_pointer ("dataset", NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A slot's result is in (the TdSimulationSlot). */
  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
td_simulation_init (TdSimulation *self)
{
}
