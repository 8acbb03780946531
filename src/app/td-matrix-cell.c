/* td-matrix-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-matrix-cell.h"

struct _TdMatrixCell
{
  GtkWidget  parent_instance;

  GtkEntry  *entry;
  char      *text;          /* the committed value */
  gboolean   committing;
};

G_DEFINE_FINAL_TYPE (TdMatrixCell, td_matrix_cell, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_COMMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
td_matrix_cell_new (const char *text,
                    const char *accessible_label)
{
  TdMatrixCell *cell = g_object_new (TD_TYPE_MATRIX_CELL, NULL);

  td_matrix_cell_set_text (cell, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return GTK_WIDGET (cell);
}

void
td_matrix_cell_set_text (TdMatrixCell *cell,
                         const char   *text)
{
  g_return_if_fail (TD_IS_MATRIX_CELL (cell));

  g_free (cell->text);
  cell->text = g_strdup (text != NULL ? text : "");
  gtk_editable_set_text (GTK_EDITABLE (cell->entry), cell->text);
  td_matrix_cell_set_error (cell, NULL);
}

const char *
td_matrix_cell_get_text (TdMatrixCell *cell)
{
  g_return_val_if_fail (TD_IS_MATRIX_CELL (cell), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (cell->entry));
}

void
td_matrix_cell_set_error (TdMatrixCell *cell,
                          const char   *message)
{
  g_return_if_fail (TD_IS_MATRIX_CELL (cell));

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (cell->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (cell->entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell->entry), message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "", -1);
}

gboolean
td_matrix_cell_has_error (TdMatrixCell *cell)
{
  g_return_val_if_fail (TD_IS_MATRIX_CELL (cell), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (cell->entry), "error");
}

static void
commit (TdMatrixCell *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *copy = NULL;

  /* Unchanged, or already being committed (the handler may move the
   * focus, which commits again). */
  if (self->committing || (g_strcmp0 (typed, self->text) == 0 && !td_matrix_cell_has_error (self)))
    return;
  copy = g_strdup (typed);
  self->committing = TRUE;
  g_signal_emit (self, signals[SIGNAL_COMMIT], 0, copy);
  self->committing = FALSE;
}

void
td_matrix_cell_enter (TdMatrixCell *cell,
                      const char   *text)
{
  g_return_if_fail (TD_IS_MATRIX_CELL (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell->entry), text);
  commit (cell);
}

void
td_matrix_cell_grab_focus (TdMatrixCell *cell)
{
  g_return_if_fail (TD_IS_MATRIX_CELL (cell));
  gtk_widget_grab_focus (GTK_WIDGET (cell->entry));
}

static void
activated_cb (GtkEntry     *entry,
              TdMatrixCell *self)
{
  commit (self);
}

static void
focus_left_cb (GtkEventControllerFocus *controller,
               TdMatrixCell            *self)
{
  commit (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TdMatrixCell          *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->text);
  td_matrix_cell_set_error (self, NULL);
  return TRUE;
}

static void
td_matrix_cell_dispose (GObject *object)
{
  TdMatrixCell *self = TD_MATRIX_CELL (object);

  g_clear_pointer ((GtkWidget **) &self->entry, gtk_widget_unparent);
  G_OBJECT_CLASS (td_matrix_cell_parent_class)->dispose (object);
}

static void
td_matrix_cell_finalize (GObject *object)
{
  g_free (TD_MATRIX_CELL (object)->text);
  G_OBJECT_CLASS (td_matrix_cell_parent_class)->finalize (object);
}

static void
td_matrix_cell_class_init (TdMatrixCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_matrix_cell_dispose;
  object_class->finalize = td_matrix_cell_finalize;

  /* The user committed @text; the handler applies it or calls
   * td_matrix_cell_set_error() with the reason it cannot. */
  signals[SIGNAL_COMMIT] = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "matrixcell");
}

static void
td_matrix_cell_init (TdMatrixCell *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->text = g_strdup ("");
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_has_frame (self->entry, FALSE);
  gtk_entry_set_alignment (self->entry, 1.0);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));
  g_signal_connect (self->entry, "activate", G_CALLBACK (activated_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);
  /* Before the entry's own handling, so that Escape restores. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}
