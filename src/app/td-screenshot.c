/* td-screenshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-screenshot.h"

/* Frames to wait: the first frames after mapping lay out lists, load
 * icons and run idle handlers that fill pages. */
#define SETTLE_FRAMES 6

typedef struct
{
  char  *path;
  guint  frames;
  guint  tick_id;
} Shot;

static void
shot_free (Shot *shot)
{
  g_free (shot->path);
  g_free (shot);
}

GBytes *
td_screenshot_render_png (GtkWidget *widget,
                          GError   **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  renderer = gtk_widget_get_native (widget) != NULL ? gtk_native_get_renderer (gtk_widget_get_native (widget)) : NULL;
  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window is not shown, so it cannot be rendered"));
      return NULL;
    }
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return NULL;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png_bytes (texture);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GTask *task = user_data;
  Shot *shot = g_task_get_task_data (task);
  g_autoptr(GBytes) png = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    goto done;
  if (++shot->frames < SETTLE_FRAMES)
    {
      /* Without a window manager (Xvfb) the window never gets the focus
       * and would be drawn in its unfocused, greyed-out look. */
      gtk_widget_unset_state_flags (widget, GTK_STATE_FLAG_BACKDROP);
      /* Keep frames coming even when nothing changes. */
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }
  png = td_screenshot_render_png (widget, &error);
  if (png == NULL
      || !g_file_set_contents (shot->path, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

done:
  shot->tick_id = 0;
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

void
td_screenshot_save_async (GtkWidget           *widget,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Shot *shot;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_screenshot_save_async);
  shot = g_new0 (Shot, 1);
  shot->path = g_strdup (path);
  g_task_set_task_data (task, shot, (GDestroyNotify) shot_free);
  /* The tick callback owns the task's reference until it returns it. */
  shot->tick_id = gtk_widget_add_tick_callback (widget, tick_cb, task, NULL);
  gtk_widget_queue_draw (widget);
}

gboolean
td_screenshot_save_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
