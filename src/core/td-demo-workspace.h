/* td-demo-workspace.h — the workspace a new user starts from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The five example programs (docs/examples.md), with a short history of
 * versions for three of them, and the demo sales history imported as the
 * data set: what `tierdesk-cli demo` writes and what the app opens on its
 * first start.
 */
#pragma once

#include "td-demo-data.h"
#include "td-workspace.h"

G_BEGIN_DECLS

/* Creates the demo workspace at @path (refusing an existing file, like
 * td_workspace_create) from the demo data of @options (NULL: the
 * defaults). @progress goes from 0 to 1. A failure or a cancellation
 * leaves no file behind. */
gboolean td_demo_workspace_create (const char          *path,
                                   const TdDemoOptions *options,
                                   TdDemoProgressFunc   progress,
                                   gpointer             user_data,
                                   GCancellable        *cancellable,
                                   GError             **error);

/* The example program @id ("smart-soft"…) as shipped, built into the
 * engine; NULL for an unknown id. */
TdProgram *td_demo_example_load  (const char          *id);

G_END_DECLS
