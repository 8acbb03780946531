/* td-screenshot.h — a widget rendered to a PNG file, without a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tierdesk --screenshot` and the UI tests use: the pictures in the
 * README, docs/ and the metainfo are made this way.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Waits until @widget has drawn a few frames (so that lists and pages
 * have settled), renders it with its window's renderer and writes @path
 * atomically. */
void     td_screenshot_save_async  (GtkWidget           *widget,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean td_screenshot_save_finish (GAsyncResult        *result,
                                    GError             **error);
/* Renders @widget now; NULL when it has no size yet. */
GBytes  *td_screenshot_render_png  (GtkWidget           *widget,
                                    GError             **error);

G_END_DECLS
