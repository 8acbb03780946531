/* td-history-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-format.h"
#include "td-history-page.h"
#include "td-program-diff.h"
#include "td-program-reader.h"

struct _TdHistoryPage
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkListBox    *versions_list;
  GtkDropDown   *from_dropdown;
  GtkDropDown   *to_dropdown;
  GtkStack      *changes_stack;
  GtkListBox    *changes_list;
  AdwStatusPage *empty_page;

  TdWorkspace   *workspace;      /* not owned */
  char          *program_id;
  GPtrArray     *versions;       /* TdVersionInfo, oldest first */
  GPtrArray     *changes;        /* TdChange shown */
  gboolean       filling;        /* the dropdowns are being refilled */
};

G_DEFINE_FINAL_TYPE (TdHistoryPage, td_history_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_RESTORE_VERSION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
restore_clicked_cb (GtkButton     *button,
                    TdHistoryPage *self)
{
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "version"));

  g_signal_emit (self, signals[SIGNAL_RESTORE_VERSION], 0, number);
}

static GtkWidget *
version_row_new (TdHistoryPage       *self,
                 const TdVersionInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_from_icon_name ("document-revert-symbolic");
  g_autofree char *title = NULL, *when = td_format_timestamp (info->saved_at), *subtitle = NULL;
  g_autofree char *restore_name = NULL;

  /* TRANSLATORS: a row of the History page */
  title = g_strdup_printf (_("Version %u"), info->number);
  /* TRANSLATORS: when and by whom a version was saved, and its note */
  subtitle = info->note != NULL ? g_strdup_printf (_("%s · %s\n%s"), when, info->author, info->note)
                                : g_strdup_printf (_("%s · %s"), when, info->author);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (restore, "flat");
  /* TRANSLATORS: tooltip of a version's restore button */
  gtk_widget_set_tooltip_text (restore, _("Restore as a draft"));
  restore_name = g_strdup_printf (_("Restore version %u as a draft"), info->number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (restore), GTK_ACCESSIBLE_PROPERTY_LABEL, restore_name, -1);
  g_object_set_data (G_OBJECT (restore), "version", GUINT_TO_POINTER (info->number));
  g_signal_connect (restore, "clicked", G_CALLBACK (restore_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
  return row;
}

static GtkWidget *
change_row_new (const TdChange *change)
{
  static const char *const icons[] = {
    [TD_CHANGE_ADDED] = "list-add-symbolic",
    [TD_CHANGE_REMOVED] = "list-remove-symbolic",
    [TD_CHANGE_CHANGED] = "document-edit-symbolic",
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icons[change->kind]);
  GtkWidget *label = gtk_label_new (change->text);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  td_change_kind_to_string (change->kind), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static TdProgram *
read_version (TdHistoryPage *self,
              guint          number,
              GError       **error)
{
  g_autofree char *json = td_workspace_get_version_json (self->workspace, self->program_id, number, error);
  g_autoptr(TdProblems) problems = td_problems_new ();

  if (json == NULL)
    return NULL;
  return td_program_read_data (json, strlen (json), problems);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
td_history_page_compare (TdHistoryPage *page,
                         guint          from,
                         guint          to)
{
  g_autoptr(TdProgram) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TD_IS_HISTORY_PAGE (page));

  clear_list (page->changes_list);
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  if (page->workspace == NULL || page->program_id == NULL || from == 0 || to == 0 || from == to)
    {
      adw_status_page_set_description (page->empty_page,
                                       page->versions != NULL && page->versions->len < 2
                                       ? _("This program has one version: each version saved from now on is listed here with what changed.")
                                       : _("Choose two different versions."));
      gtk_stack_set_visible_child_name (page->changes_stack, "empty");
      return;
    }
  a = read_version (page, from, &error);
  if (a != NULL)
    b = read_version (page, to, &error);
  if (a == NULL || b == NULL)
    {
      adw_status_page_set_description (page->empty_page, error != NULL ? error->message : "");
      gtk_stack_set_visible_child_name (page->changes_stack, "empty");
      return;
    }
  page->changes = td_program_diff (a, b);
  if (page->changes->len == 0)
    {
      adw_status_page_set_description (page->empty_page, _("The two versions hold the same program."));
      gtk_stack_set_visible_child_name (page->changes_stack, "empty");
      return;
    }
  for (guint i = 0; i < page->changes->len; i++)
    gtk_list_box_append (page->changes_list, change_row_new (page->changes->pdata[i]));
  gtk_stack_set_visible_child_name (page->changes_stack, "list");

  /* The dropdowns follow a comparison asked for in code. */
  page->filling = TRUE;
  gtk_drop_down_set_selected (page->from_dropdown, from - 1);
  gtk_drop_down_set_selected (page->to_dropdown, to - 1);
  page->filling = FALSE;
}

char *
td_history_page_get_diff_text (TdHistoryPage *page)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (TD_IS_HISTORY_PAGE (page), NULL);
  for (guint i = 0; page->changes != NULL && i < page->changes->len; i++)
    g_string_append_printf (text, "%s\n", ((TdChange *) page->changes->pdata[i])->text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
range_changed_cb (TdHistoryPage *self)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);

  if (self->filling || from == GTK_INVALID_LIST_POSITION || to == GTK_INVALID_LIST_POSITION)
    return;
  td_history_page_compare (self, from + 1, to + 1);
}

static void
version_selected_cb (TdHistoryPage *self,
                     GtkListBoxRow *row)
{
  guint number;

  if (row == NULL || self->filling)
    return;
  /* Rows are newest first. */
  number = self->versions->len - (guint) gtk_list_box_row_get_index (row);
  td_history_page_compare (self, number > 1 ? number - 1 : number, number);
}

guint
td_history_page_get_selected_version (TdHistoryPage *page)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TD_IS_HISTORY_PAGE (page), 0);
  row = gtk_list_box_get_selected_row (page->versions_list);
  if (row == NULL || page->versions == NULL)
    return 0;
  return page->versions->len - (guint) gtk_list_box_row_get_index (row);
}

void
td_history_page_set_program (TdHistoryPage *page,
                             TdWorkspace   *workspace,
                             const char    *program_id)
{
  g_autoptr(GtkStringList) numbers = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TD_IS_HISTORY_PAGE (page));

  page->workspace = workspace;
  g_free (page->program_id);
  page->program_id = g_strdup (program_id);
  g_clear_pointer (&page->versions, g_ptr_array_unref);
  page->filling = TRUE;
  clear_list (page->versions_list);
  if (workspace != NULL && program_id != NULL)
    page->versions = td_workspace_list_versions (workspace, program_id, &error);
  for (guint i = 0; page->versions != NULL && i < page->versions->len; i++)
    {
      const TdVersionInfo *info = page->versions->pdata[page->versions->len - 1 - i];
      g_autofree char *number = g_strdup_printf (_("Version %u"), ((TdVersionInfo *) page->versions->pdata[i])->number);

      gtk_list_box_append (page->versions_list, version_row_new (page, info));
      gtk_string_list_append (numbers, number);
    }
  gtk_drop_down_set_model (page->from_dropdown, G_LIST_MODEL (numbers));
  gtk_drop_down_set_model (page->to_dropdown, G_LIST_MODEL (numbers));
  page->filling = FALSE;

  if (page->versions == NULL || page->versions->len == 0)
    {
      td_history_page_compare (page, 0, 0);
      return;
    }
  /* The latest version and what it changed. */
  gtk_list_box_select_row (page->versions_list, gtk_list_box_get_row_at_index (page->versions_list, 0));
}

static void
td_history_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_HISTORY_PAGE);
  G_OBJECT_CLASS (td_history_page_parent_class)->dispose (object);
}

static void
td_history_page_finalize (GObject *object)
{
  TdHistoryPage *self = TD_HISTORY_PAGE (object);

  g_free (self->program_id);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  G_OBJECT_CLASS (td_history_page_parent_class)->finalize (object);
}

static void
td_history_page_class_init (TdHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_history_page_dispose;
  object_class->finalize = td_history_page_finalize;

  /* The user asked to restore a version (its number) as a new draft. */
  signals[SIGNAL_RESTORE_VERSION] = g_signal_new ("restore-version", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdHistoryPage, versions_list);
  gtk_widget_class_bind_template_child (widget_class, TdHistoryPage, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdHistoryPage, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdHistoryPage, changes_stack);
  gtk_widget_class_bind_template_child (widget_class, TdHistoryPage, changes_list);
  gtk_widget_class_bind_template_child (widget_class, TdHistoryPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
}

static void
td_history_page_init (TdHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
