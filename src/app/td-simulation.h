/* td-simulation.h — live what-if: the data set and simulations on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One TdSimulation per window. It loads the workspace's data set on a
 * worker thread (its own connection), then runs the engine there whenever
 * a page asks: the current draft, a baseline version. A new request
 * cancels the run in progress for the same slot, so the pages always end
 * on the last edit, and the UI never waits.
 */
#pragma once

#include <glib-object.h>

#include "td-dataset.h"
#include "td-editor.h"
#include "td-engine.h"
#include "td-sensitivity.h"

G_BEGIN_DECLS

#define TD_TYPE_SIMULATION (td_simulation_get_type ())
G_DECLARE_FINAL_TYPE (TdSimulation, td_simulation, TD, SIMULATION, GObject)

typedef enum
{
  TD_SIMULATION_CURRENT,   /* the program being edited */
  TD_SIMULATION_BASELINE,  /* a saved version to compare with */
  TD_SIMULATION_SENSITIVITY, /* the program with its rewards scaled */
  TD_N_SIMULATION_SLOTS,
} TdSimulationSlot;

TdSimulation    *td_simulation_new            (void);
/* Loads the data set of the workspace at @path (NULL: none) on a worker;
 * "notify::dataset" when it is there, "notify::error" when it fails. */
void             td_simulation_load           (TdSimulation    *self,
                                               const char      *path);
/* The data set; NULL while loading or when the workspace has none. */
const TdDataset *td_simulation_get_dataset    (TdSimulation    *self);
/* Why the data set or the last run failed; NULL when all is well. */
const char      *td_simulation_get_error      (TdSimulation    *self);
/* Asks for @program (copied) over [@from, @to] in @slot: the run in
 * progress for that slot is cancelled; "updated" when the result is in. */
void             td_simulation_request        (TdSimulation    *self,
                                               TdSimulationSlot slot,
                                               const TdProgram *program,
                                               TdDate           from,
                                               TdDate           to);
/* Follows @editor (NULL: none): each change of its program is simulated
 * in the CURRENT slot over the period. */
void             td_simulation_set_editor     (TdSimulation    *self,
                                               TdEditor        *editor);
/* The program the BASELINE slot simulates (copied; NULL: none). */
void             td_simulation_set_baseline   (TdSimulation    *self,
                                               const TdProgram *baseline);
/* The period both slots simulate; a change runs them again. */
void             td_simulation_set_period     (TdSimulation    *self,
                                               TdDate           from,
                                               TdDate           to);
void             td_simulation_get_period     (TdSimulation    *self,
                                               TdDate          *from,
                                               TdDate          *to);
/* The latest result of @slot (with its lines), valid until the next
 * "updated" of that slot; NULL when none. */
const TdResult  *td_simulation_get_result     (TdSimulation    *self,
                                               TdSimulationSlot slot);
/* The scalings of the sensitivity strip, in percent. */
#define TD_SIMULATION_N_SENSITIVITY 5
extern const int td_simulation_sensitivity_percents[TD_SIMULATION_N_SENSITIVITY];

/* Whether the SENSITIVITY runs follow the edits (a page shows them);
 * turning it on runs them for the current program. */
void             td_simulation_set_sensitivity_wanted (TdSimulation *self,
                                                       gboolean      wanted);
/* The CURRENT program with every reward scaled by each of
 * td_simulation_sensitivity_percents; NULL until computed. */
const TdSensitivityPoint *td_simulation_get_sensitivity (TdSimulation *self);
/* TRUE while a run is queued or in progress. */
gboolean         td_simulation_is_busy        (TdSimulation    *self);
/* Microseconds from the request to the result of the last "updated" of
 * @slot: what the benchmark reports as the live what-if time. */
gint64           td_simulation_get_latency    (TdSimulation    *self,
                                               TdSimulationSlot slot);

G_END_DECLS
