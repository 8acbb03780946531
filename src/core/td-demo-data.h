/* td-demo-data.h — synthetic sales history for the example programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_DEMO_DEFAULT_PARTNERS 6000
#define TD_DEMO_DEFAULT_SALES    240000
#define TD_DEMO_DEFAULT_SEED     1
/* Partner indexes are 32-bit with a spare bit; far more than any demo. */
#define TD_DEMO_MAX_PARTNERS     10000000

typedef struct
{
  guint   n_partners;
  guint   n_sales;
  guint64 seed;
} TdDemoOptions;

/* @fraction goes from 0 to 1 while sales.csv is written. */
typedef void (*TdDemoProgressFunc) (double   fraction,
                                    gpointer user_data);

void     td_demo_options_init (TdDemoOptions       *options);
gboolean td_demo_data_write   (const char          *outdir,
                               const TdDemoOptions *options,
                               TdDemoProgressFunc   progress,
                               gpointer             user_data,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
