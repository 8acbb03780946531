/* td-workspace-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "td-compare-page.h"
#include "td-demo-workspace.h"
#include "td-design-page.h"
#include "td-editor.h"
#include "td-explanation-window.h"
#include "td-format.h"
#include "td-history-page.h"
#include "td-import-dialog.h"
#include "td-program-reader.h"
#include "td-simulate-page.h"
#include "td-simulation.h"
#include "td-rule-editor.h"
#include "td-validator.h"
#include "td-workspace-window.h"
#include "td-workspace-data.h"

struct _TdWorkspaceWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkStack            *main_stack;
  AdwStatusPage       *loading_page;
  GtkProgressBar      *loading_progress;
  AdwStatusPage       *error_page;
  AdwLeaflet          *leaflet;
  AdwWindowTitle      *sidebar_title;
  GtkListBox          *programs_list;
  GtkLabel            *data_label;
  GtkWidget           *content;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *view_stack;
  TdHistoryPage       *history_page;
  TdDesignPage        *design_page;
  TdSimulatePage      *simulate_page;
  TdComparePage       *compare_page;
  GMenu               *recent_menu;
  GtkMenuButton       *problems_button;
  GtkListBox          *problems_list;

  TdWorkspace         *workspace;
  GHashTable          *editors;        /* program id → TdEditor: edits kept while switching */
  TdSimulation        *simulation;     /* the data set and live what-if runs */
  GPtrArray           *partners;       /* of the data set, for the override search */
  guint                draft_timeout;  /* pending draft write */
  gboolean             closing;        /* the user answered the close question */
  char                *path;
  char                *program_id;     /* the program shown; NULL for none */
  GPtrArray           *programs;       /* TdProgramSummary */
  GCancellable        *cancellable;    /* of the demo being made */
};

G_DEFINE_FINAL_TYPE (TdWorkspaceWindow, td_workspace_window, ADW_TYPE_APPLICATION_WINDOW)

/* Unsaved edits reach the workspace this long after the last one. */
#define DRAFT_DELAY_SECONDS 3

enum
{
  SIGNAL_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const page_names[] = { "design", "simulate", "compare", "history" };

TdWorkspaceWindow *
td_workspace_window_new (TdApplication *application)
{
  return g_object_new (TD_TYPE_WORKSPACE_WINDOW, "application", application, NULL);
}

const char *
td_workspace_window_get_path (TdWorkspaceWindow *window)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), NULL);
  return window->path;
}

static void
show_toast (TdWorkspaceWindow   *self,
            const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static const TdProgramSummary *
find_summary (TdWorkspaceWindow   *self,
              const char *program_id)
{
  for (guint i = 0; self->programs != NULL && i < self->programs->len; i++)
    {
      const TdProgramSummary *summary = self->programs->pdata[i];

      if (g_strcmp0 (summary->id, program_id) == 0)
        return summary;
    }
  return NULL;
}

/* ---- title ------------------------------------------------------------ */

static TdEditor *
current_editor (TdWorkspaceWindow *self)
{
  return self->program_id != NULL && self->editors != NULL ? g_hash_table_lookup (self->editors, self->program_id)
                                                           : NULL;
}

static gboolean
any_modified (TdWorkspaceWindow *self)
{
  GHashTableIter iter;
  gpointer editor;

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &editor))
    if (td_editor_is_modified (editor))
      return TRUE;
  return FALSE;
}

static void
update_title (TdWorkspaceWindow *self)
{
  g_autofree char *base = self->path != NULL ? g_path_get_basename (self->path) : NULL;
  const TdProgramSummary *summary = find_summary (self, self->program_id);
  TdEditor *editor = current_editor (self);
  gboolean modified = editor != NULL && td_editor_is_modified (editor);
  g_autofree char *title = NULL;

  adw_window_title_set_subtitle (self->sidebar_title, base != NULL ? base : "");
  if (summary != NULL)
    {
      const TdProgram *program = editor != NULL ? td_editor_get_program (editor) : NULL;
      const char *name = program != NULL ? program->name : summary->name;
      g_autofree char *subtitle = NULL;

      adw_view_switcher_title_set_title (self->switcher_title, name);
      subtitle = modified
                 /* TRANSLATORS: the program's subtitle with unsaved edits: "Version 2 · RUB · edited" */
                 ? g_strdup_printf (_("Version %u · %s · edited"), summary->latest_version, summary->currency)
                 /* TRANSLATORS: the program's subtitle: "Version 2 · RUB" */
                 : g_strdup_printf (_("Version %u · %s"), summary->latest_version, summary->currency);
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
      /* TRANSLATORS: window title: "• PROGRAM v2 — FILE", the dot for unsaved edits */
      title = g_strdup_printf (_("%s%s v%u — %s"), any_modified (self) ? "• " : "", name, summary->latest_version, base);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("No Program"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, "");
      title = g_strdup (base != NULL ? base : _("Tierdesk"));
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* ---- sidebar ---------------------------------------------------------- */

static GtkWidget *
program_row_new (const TdProgramSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary->name);
  /* TRANSLATORS: a program in the sidebar: "Smart-Soft · RUB · version 2" */
  subtitle = summary->vendor != NULL
             ? g_strdup_printf (_("%s · %s · version %u"), summary->vendor, summary->currency, summary->latest_version)
             : g_strdup_printf (_("%s · version %u"), summary->currency, summary->latest_version);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_name (row, summary->id);
  return row;
}

static void
fill_data_label (TdWorkspaceWindow *self)
{
  TdDataSummary summary;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (!td_workspace_get_data_summary (self->workspace, &summary, &error))
    {
      gtk_label_set_text (self->data_label, error->message);
      return;
    }
  if (summary.batch == 0)
    g_string_append (text, _("No data imported yet"));
  else
    {
      g_autofree char *partners = td_format_count (summary.n_partners);
      g_autofree char *sales = td_format_count (summary.n_sales);
      g_autofree char *products = td_format_count (summary.n_products);
      g_autofree char *first = td_format_date (summary.first_sale);
      g_autofree char *last = td_format_date (summary.last_sale);
      g_autofree char *imported = td_format_timestamp (summary.imported_at != NULL ? summary.imported_at : "");

      /* TRANSLATORS: the data set in the sidebar, one figure per line */
      g_string_append_printf (text, _("%s partners\n%s products\n%s sales"), partners, products, sales);
      if (summary.n_sales > 0)
        /* TRANSLATORS: the period the sales cover: FIRST – LAST */
        g_string_append_printf (text, _("\n%s – %s"), first, last);
      /* TRANSLATORS: the import batch in use and when it was imported */
      g_string_append_printf (text, _("\nImport %" PRIu64 ", %s"), summary.batch, imported);
    }
  gtk_label_set_text (self->data_label, text->str);
  td_design_page_set_period (self->design_page, summary.n_sales > 0 ? summary.first_sale : 0,
                             summary.n_sales > 0 ? summary.last_sale : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->data_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
  td_data_summary_clear (&summary);
}

static gboolean
fill_sidebar (TdWorkspaceWindow  *self,
              GError   **error)
{
  GtkWidget *child;
  g_autoptr(GPtrArray) programs = td_workspace_list_programs (self->workspace, error);

  if (programs == NULL)
    return FALSE;
  g_clear_pointer (&self->programs, g_ptr_array_unref);
  self->programs = g_steal_pointer (&programs);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->programs_list))) != NULL)
    gtk_list_box_remove (self->programs_list, child);
  for (guint i = 0; i < self->programs->len; i++)
    gtk_list_box_append (self->programs_list, program_row_new (self->programs->pdata[i]));
  fill_data_label (self);
  return TRUE;
}

/* ---- editing ---------------------------------------------------------- */

static void
update_actions (TdWorkspaceWindow *self)
{
  TdEditor *editor = current_editor (self);
  gboolean writable = self->workspace != NULL && td_workspace_is_writable (self->workspace);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", editor != NULL && td_editor_can_undo (editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", editor != NULL && td_editor_can_redo (editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-version",
                                 editor != NULL && writable && td_editor_is_modified (editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-data", writable);
}

static void
update_problems (TdWorkspaceWindow *self)
{
  TdEditor *editor = current_editor (self);
  const TdProblems *problems = editor != NULL ? td_editor_get_problems (editor) : NULL;
  guint n = problems != NULL ? td_problems_get_n (problems) : 0;
  guint errors = problems != NULL ? td_problems_count (problems, TD_SEVERITY_ERROR) : 0;
  GtkWidget *child;
  g_autofree char *label = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  for (guint i = 0; i < n; i++)
    {
      const TdProblem *problem = td_problems_get (problems, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (problem->severity == TD_SEVERITY_ERROR ? "dialog-error-symbolic"
                                                                                            : "dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->path != NULL ? problem->path : "");
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (problem->path), g_free);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_button), n > 0);
  if (n > 0)
    {
      /* TRANSLATORS: the problems button: errors and warnings of the program */
      label = g_strdup_printf (_("%u errors, %u warnings"), errors, n - errors);
      gtk_menu_button_set_label (self->problems_button, label);
      gtk_widget_set_css_classes (GTK_WIDGET (self->problems_button),
                                  (const char *[]) { errors > 0 ? "error" : "warning", NULL });
    }
}

static gboolean
write_draft_cb (gpointer user_data)
{
  TdWorkspaceWindow *self = user_data;
  GHashTableIter iter;
  gpointer id, editor;

  self->draft_timeout = 0;
  if (self->workspace == NULL || !td_workspace_is_writable (self->workspace))
    return G_SOURCE_REMOVE;
  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, &id, &editor))
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (td_editor_is_modified (editor))
        {
          g_autofree char *json = td_editor_to_json (editor);

          ok = td_workspace_save_draft (self->workspace, id, td_editor_get_base_version (editor), json, &error);
        }
      else
        ok = td_workspace_discard_draft (self->workspace, id, &error);
      if (!ok)
        show_toast (self, error->message);
    }
  return G_SOURCE_REMOVE;
}

static void
flush_drafts (TdWorkspaceWindow *self)
{
  if (self->draft_timeout != 0)
    {
      g_source_remove (self->draft_timeout);
      write_draft_cb (self);
    }
}

static void
editor_changed_cb (TdEditor          *editor,
                   guint              flags,
                   TdWorkspaceWindow *self)
{
  if (editor == current_editor (self))
    {
      update_problems (self);
      update_actions (self);
    }
  update_title (self);
  /* A burst of edits is one write, a few seconds after the last. */
  if (self->draft_timeout != 0)
    g_source_remove (self->draft_timeout);
  self->draft_timeout = g_timeout_add_seconds (DRAFT_DELAY_SECONDS, write_draft_cb, self);
}

static TdProgram *
read_stored_version (TdWorkspaceWindow *self,
                     const char        *program_id,
                     guint              number,
                     GError           **error)
{
  g_autofree char *json = td_workspace_get_version_json (self->workspace, program_id, number, error);
  g_autoptr(TdProblems) problems = td_problems_new ();

  if (json == NULL)
    return NULL;
  return td_program_read_data (json, strlen (json), problems);
}

static void
draft_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   TdWorkspaceWindow *self)
{
  const char *program_id = g_object_get_data (G_OBJECT (dialog), "program-id");
  const char *json = g_object_get_data (G_OBJECT (dialog), "json");
  TdEditor *editor = self->editors != NULL ? g_hash_table_lookup (self->editors, program_id) : NULL;
  g_autoptr(GError) error = NULL;

  if (editor == NULL)
    return;
  if (g_str_equal (response, "restore"))
    {
      if (!td_editor_apply_json (editor, _("Restore unsaved edits"), json, &error))
        show_toast (self, error->message);
    }
  else if (g_str_equal (response, "discard")
           && !td_workspace_discard_draft (self->workspace, program_id, &error))
    show_toast (self, error->message);
}

/* Unsaved edits left in the workspace (a crash, or "Keep as Draft" when
 * closing) are offered back. */
static void
offer_draft (TdWorkspaceWindow *self,
             const TdDraft     *draft)
{
  g_autofree char *when = td_format_timestamp (draft->saved_at);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Edits?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This program has edits from %s that were never saved as a version. Restore them to go on editing, or discard them."),
                                  when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "later", _("_Not Now"), "discard", _("_Discard"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "program-id", g_strdup (draft->program_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "json", g_strdup (draft->json), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (draft_response_cb), self, 0);
  gtk_widget_set_name (dialog, "draft-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The editor of @program_id, made from its latest version on first use. */
static TdEditor *
editor_for (TdWorkspaceWindow *self,
            const char        *program_id)
{
  TdEditor *editor = g_hash_table_lookup (self->editors, program_id);
  const TdProgramSummary *summary = find_summary (self, program_id);
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (editor != NULL || summary == NULL)
    return editor;
  program = read_stored_version (self, program_id, summary->latest_version, &error);
  if (program == NULL)
    {
      show_toast (self, error->message);
      return NULL;
    }
  editor = td_editor_new (program, summary->latest_version);
  g_hash_table_insert (self->editors, g_strdup (program_id), editor);
  g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), self, 0);

  draft = td_workspace_get_draft (self->workspace, program_id, &error);
  if (draft != NULL)
    {
      g_autofree char *current = td_editor_to_json (editor);

      /* A draft equal to the version holds nothing unsaved. */
      if (g_strcmp0 (current, draft->json) != 0)
        offer_draft (self, draft);
    }
  return editor;
}

static void
show_program (TdWorkspaceWindow *self,
              const char        *program_id)
{
  TdEditor *editor;

  if (g_strcmp0 (self->program_id, program_id) != 0)
    {
      g_free (self->program_id);
      self->program_id = g_strdup (program_id);
    }
  editor = program_id != NULL ? editor_for (self, program_id) : NULL;
  td_design_page_set_editor (self->design_page, editor, self->partners);
  td_simulation_set_editor (self->simulation, editor);
  td_compare_page_set_program (self->compare_page, self->workspace, program_id);
  td_history_page_set_program (self->history_page, self->workspace, program_id);
  update_problems (self);
  update_actions (self);
  update_title (self);
}

static void
problem_activated_cb (TdWorkspaceWindow *self,
                      GtkListBoxRow     *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  gtk_popover_popdown (gtk_menu_button_get_popover (self->problems_button));
  adw_view_stack_set_visible_child_name (self->view_stack, "design");
  if (path != NULL)
    td_design_page_focus_path (self->design_page, path);
}

static void
partner_activated_cb (TdWorkspaceWindow *self,
                      guint              partner)
{
  const TdResult *result = td_simulation_get_result (self->simulation, TD_SIMULATION_CURRENT);

  if (result != NULL)
    gtk_window_present (GTK_WINDOW (td_explanation_window_new (GTK_WINDOW (self), result, partner)));
}

static void
edit_rule_cb (TdWorkspaceWindow *self,
              const char        *rule_id)
{
  TdEditor *editor = current_editor (self);

  if (editor != NULL)
    gtk_window_present (GTK_WINDOW (td_rule_editor_new (GTK_WINDOW (self), editor, rule_id)));
}

/* win.undo and win.redo. */
static void
undo_redo_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdEditor *editor = current_editor (TD_WORKSPACE_WINDOW (widget));

  if (editor == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    td_editor_undo (editor);
  else
    td_editor_redo (editor);
}

/* Saves the current program as its next version with @note. */
static gboolean
save_version (TdWorkspaceWindow *self,
              const char        *note,
              guint             *number,
              GError           **error)
{
  TdEditor *editor = current_editor (self);
  g_autofree char *program_id = g_strdup (self->program_id);

  if (!td_workspace_save_version (self->workspace, td_editor_get_program (editor), note, number, error))
    return FALSE;
  td_editor_mark_saved (editor, *number);
  if (self->draft_timeout != 0)
    {
      g_source_remove (self->draft_timeout);
      self->draft_timeout = 0;
    }
  if (!td_workspace_discard_draft (self->workspace, program_id, error) || !fill_sidebar (self, error))
    return FALSE;
  /* The sidebar was rebuilt: select the program again. */
  td_workspace_window_select_program (self, program_id, NULL);
  return TRUE;
}

static void
save_response_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  TdWorkspaceWindow *self)
{
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  g_autoptr(GError) error = NULL;
  guint number = 0;

  if (!g_str_equal (response, "save"))
    return;
  if (!save_version (self, gtk_editable_get_text (note), &number, &error))
    show_toast (self, error->message);
  else
    {
      /* TRANSLATORS: toast after saving */
      g_autofree char *text = g_strdup_printf (_("Saved version %u"), number);

      show_toast (self, text);
    }
}

static void
save_version_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (widget);
  TdEditor *editor = current_editor (self);
  const TdProgramSummary *summary = find_summary (self, self->program_id);
  GtkWidget *dialog, *note;
  g_autofree char *heading = NULL;

  if (editor == NULL || summary == NULL)
    return;
  if (td_problems_count (td_editor_get_problems (editor), TD_SEVERITY_ERROR) > 0)
    {
      show_toast (self, _("The program has errors: correct them (see Problems) before saving a version"));
      return;
    }
  /* TRANSLATORS: heading of the save dialog: "Save Version 3" */
  heading = g_strdup_printf (_("Save Version %u"), summary->latest_version + 1);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("A version cannot be changed once saved. Say what changed and why, for whoever reads the history."));
  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note, such as “Certified software rate 30 % → 32 % for 2026”"));
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), note);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
program_row_selected_cb (TdWorkspaceWindow      *self,
                         GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  show_program (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (TdWorkspaceWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

gboolean
td_workspace_window_select_program (TdWorkspaceWindow   *window,
                          const char *program_id,
                          GError    **error)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), FALSE);
  g_return_val_if_fail (program_id != NULL, FALSE);

  for (guint i = 0; window->programs != NULL && i < window->programs->len; i++)
    if (g_strcmp0 (((TdProgramSummary *) window->programs->pdata[i])->id, program_id) == 0)
      {
        gtk_list_box_select_row (window->programs_list, gtk_list_box_get_row_at_index (window->programs_list, (int) i));
        return TRUE;
      }
  g_set_error (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_NO_PROGRAM,
               _("Workspace “%s” has no program “%s”"), window->path, program_id);
  return FALSE;
}

gboolean
td_workspace_window_set_page (TdWorkspaceWindow   *window,
                    const char *page,
                    GError    **error)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  if (!g_strv_contains (page_names, page))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no page “%s”: the pages are design, simulate, compare and history"), page);
      return FALSE;
    }
  adw_view_stack_set_visible_child_name (window->view_stack, page);
  return TRUE;
}

GtkWidget *
td_workspace_window_get_page_widget (TdWorkspaceWindow *window,
                                     const char        *page)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), NULL);
  return adw_view_stack_get_child_by_name (window->view_stack, page);
}

const char *
td_workspace_window_get_program_id (TdWorkspaceWindow *window)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), NULL);
  return window->program_id;
}

void
td_workspace_window_set_baseline (TdWorkspaceWindow *window,
                                  guint              number)
{
  g_return_if_fail (TD_IS_WORKSPACE_WINDOW (window));
  td_compare_page_set_baseline (window->compare_page, number);
}

gboolean
td_workspace_window_is_busy (TdWorkspaceWindow *window)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), FALSE);
  return td_simulation_is_busy (window->simulation);
}

TdSimulation *
td_workspace_window_get_simulation (TdWorkspaceWindow *window)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), NULL);
  return window->simulation;
}

TdEditor *
td_workspace_window_get_editor (TdWorkspaceWindow *window)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), NULL);
  return current_editor (window);
}

guint
td_workspace_window_get_n_programs (TdWorkspaceWindow *window)
{
  g_return_val_if_fail (TD_IS_WORKSPACE_WINDOW (window), 0);
  return window->programs != NULL ? window->programs->len : 0;
}

/* ---- opening ---------------------------------------------------------- */

static void
show_error (TdWorkspaceWindow     *self,
            const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

static void
show_workspace (TdWorkspaceWindow *self)
{
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  TdApplication *application = TD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  workspace = td_workspace_open (self->path, TRUE, &error);
  if (workspace == NULL && g_error_matches (error, TD_WORKSPACE_ERROR, TD_WORKSPACE_ERROR_READ_ONLY))
    {
      g_clear_error (&error);
      workspace = td_workspace_open (self->path, FALSE, &error);
      if (workspace != NULL)
        show_toast (self, _("The workspace is read-only: edits cannot be saved"));
    }
  if (workspace == NULL)
    {
      show_error (self, error);
      return;
    }
  /* Edits belong to the workspace they were made in. */
  flush_drafts (self);
  g_hash_table_remove_all (self->editors);
  g_clear_pointer (&self->program_id, g_free);
  g_clear_pointer (&self->workspace, td_workspace_close);
  self->workspace = g_steal_pointer (&workspace);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  self->partners = td_workspace_list_partners (self->workspace, NULL);
  td_simulation_set_editor (self->simulation, NULL);
  td_simulation_load (self->simulation, self->path);
  if (!fill_sidebar (self, &error))
    {
      show_error (self, error);
      return;
    }
  if (application != NULL)
    td_application_remember_workspace (application, self->path);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  if (self->programs->len > 0)
    gtk_list_box_select_row (self->programs_list, gtk_list_box_get_row_at_index (self->programs_list, 0));
  else
    show_program (self, NULL);
  update_title (self);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

typedef struct
{
  TdWorkspaceWindow *window;
  double    fraction;
} Progress;

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  gtk_progress_bar_set_fraction (progress->window->loading_progress, progress->fraction);
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread: the bar is moved in the main one. */
static void
demo_progress (double   fraction,
               gpointer user_data)
{
  Progress *progress = g_new (Progress, 1);

  progress->window = user_data;
  progress->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb, progress, g_free);
}

static void
make_demo_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  TdWorkspaceWindow *self = source_object;
  GError *error = NULL;
  g_autofree char *folder = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                               _("Cannot create the folder “%s”: %s"), folder, g_strerror (errno));
      return;
    }
  if (td_demo_workspace_create (self->path, NULL, demo_progress, self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
demo_made_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  show_workspace (self);
}

void
td_workspace_window_open_workspace (TdWorkspaceWindow   *window,
                          const char *path)
{
  g_autofree char *demo = td_application_get_demo_path ();

  g_return_if_fail (TD_IS_WORKSPACE_WINDOW (window));
  g_return_if_fail (path != NULL);

  g_free (window->path);
  window->path = g_strdup (path);
  update_title (window);
  if (g_str_equal (path, demo) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GTask) task = NULL;

      adw_status_page_set_title (window->loading_page, _("Preparing the Demo Workspace"));
      adw_status_page_set_description (window->loading_page,
                                       _("Five example programs and two years of sales by 6,000 partners, made up for trying Tierdesk out"));
      gtk_stack_set_visible_child_name (window->main_stack, "loading");
      g_cancellable_reset (window->cancellable);
      task = g_task_new (window, window->cancellable, demo_made_cb, NULL);
      g_task_set_source_tag (task, td_workspace_window_open_workspace);
      g_task_run_in_thread (task, make_demo_in_thread);
      return;
    }
  show_workspace (window);
}

/* ---- actions ---------------------------------------------------------- */

/* A file chooser over the window; @chosen_cb gets its answer and unrefs
 * it. @filter_name and @pattern (or NULL) narrow the files shown; @name
 * (or NULL) is the name offered to save as. */
static void
choose_file (TdWorkspaceWindow    *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *filter_name,
             const char           *pattern,
             const char           *name,
             GCallback             chosen_cb)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);

  if (filter_name != NULL)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filter_name);
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", chosen_cb, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The file chosen, as a path; NULL when the chooser was cancelled or the
 * file has none (not on a local disk): all is read and written by path. */
static char *
chosen_path (GtkNativeDialog *dialog,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
workspace_chosen_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (user_data);
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL && gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdWorkspace) created = td_workspace_create (path, &error);

      if (created == NULL)
        show_toast (self, error->message);
      else
        {
          g_clear_pointer (&created, td_workspace_close);
          td_workspace_window_open_workspace (self, path);
        }
    }
  else if (path != NULL)
    td_workspace_window_open_workspace (self, path);
  g_object_unref (dialog);
}

static void
open_workspace_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  choose_file (TD_WORKSPACE_WINDOW (widget), _("Open Workspace"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
               _("Tierdesk workspaces"), "*.tierdesk", NULL, G_CALLBACK (workspace_chosen_cb));
}

static void
new_workspace_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  choose_file (TD_WORKSPACE_WINDOW (widget), _("New Workspace"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
               _("Tierdesk workspaces"), "*.tierdesk", _("Programs.tierdesk"), G_CALLBACK (workspace_chosen_cb));
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  td_workspace_window_open_workspace (TD_WORKSPACE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A program file's problems, each with its JSON path, in a dialog. */
static void
show_program_problems (TdWorkspaceWindow         *self,
                       const char       *path,
                       const TdProblems *problems)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *base = g_path_get_basename (path);
  GtkWidget *dialog;

  for (guint i = 0; i < td_problems_get_n (problems); i++)
    {
      g_autofree char *line = td_problem_to_string (td_problems_get (problems, i), NULL);

      g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "", line);
    }
  /* TRANSLATORS: heading of the dialog listing a program file's errors */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Program File Has Errors"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” was not added to the workspace:\n\n%s"), base, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
program_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (user_data);
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *note = NULL;
      g_autoptr(TdProblems) problems = td_problems_new ();
      g_autoptr(TdProgram) program = td_program_load (path, problems);
      g_autoptr(GError) error = NULL;
      guint number = 0;

      if (program == NULL || td_problems_count (problems, TD_SEVERITY_ERROR) > 0)
        show_program_problems (self, path, problems);
      else
        {
          /* TRANSLATORS: the note of a version added from a file */
          note = g_strdup_printf (_("Opened from %s"), base);
          if (!td_workspace_save_version (self->workspace, program, note, &number, &error))
            show_toast (self, error->message);
          else if (fill_sidebar (self, &error))
            td_workspace_window_select_program (self, program->id, NULL);
          else
            show_error (self, error);
        }
    }
  g_object_unref (dialog);
}

static void
open_program_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  choose_file (TD_WORKSPACE_WINDOW (widget), _("Open Program File"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
               _("Program files (JSON)"), "*.json", NULL, G_CALLBACK (program_chosen_cb));
}

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (user_data);
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    {
      guint number = td_history_page_get_selected_version (self->history_page);
      g_autoptr(GError) error = NULL;
      g_autofree char *json = td_workspace_get_version_json (self->workspace, self->program_id, number, &error);

      /* g_file_set_contents writes aside and renames: never half a file. */
      if (json == NULL || !g_file_set_contents (path, json, -1, &error))
        show_toast (self, error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          /* TRANSLATORS: toast after an export */
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), base);

          show_toast (self, text);
        }
    }
  g_object_unref (dialog);
}

static void
export_version_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (widget);
  g_autofree char *name = NULL;
  guint number;

  if (self->program_id == NULL)
    return;
  number = td_history_page_get_selected_version (self->history_page);
  if (number == 0)
    number = find_summary (self, self->program_id)->latest_version;
  name = g_strdup_printf ("%s-%u.json", self->program_id, number);
  choose_file (self, _("Export Version as JSON"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL, NULL, name,
               G_CALLBACK (export_chosen_cb));
}

/* A new batch is the data set in use: the sidebar's figures, the period
 * of the timeline and the partners of the override search follow. */
static void
data_imported_cb (TdWorkspaceWindow *self,
                  guint64            batch)
{
  g_autofree char *program_id = g_strdup (self->program_id);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->partners, g_ptr_array_unref);
  self->partners = td_workspace_list_partners (self->workspace, NULL);
  /* The pages simulate on the new data set. */
  td_simulation_load (self->simulation, self->path);
  if (!fill_sidebar (self, &error))
    show_toast (self, error->message);
  else if (program_id != NULL)
    td_workspace_window_select_program (self, program_id, NULL);
}

static void
import_data_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (widget);
  TdImportDialog *dialog;

  if (self->workspace == NULL || !td_workspace_is_writable (self->workspace))
    {
      show_toast (self, _("The workspace is read-only: data cannot be imported into it"));
      return;
    }
  /* The import writes on a connection of its own; a draft written by a
   * timer meanwhile would wait for it. */
  flush_drafts (self);
  dialog = td_import_dialog_new (GTK_WINDOW (self), self->path);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (data_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_version_cb (TdWorkspaceWindow *self,
                    guint              number)
{
  TdEditor *editor = current_editor (self);
  g_autoptr(GError) error = NULL;
  TdProgram *program;
  g_autofree char *label = NULL;

  if (editor == NULL)
    return;
  program = read_stored_version (self, self->program_id, number, &error);
  /* TRANSLATORS: undo label */
  label = g_strdup_printf (_("Restore version %u"), number);
  if (program == NULL || !td_editor_apply (editor, label, program, &error))
    {
      show_toast (self, error->message);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "design");
  {
    /* TRANSLATORS: toast */
    g_autofree char *text = g_strdup_printf (_("Version %u is the draft now: save it as a new version to keep it"), number);

    show_toast (self, text);
  }
}

/* ---- lifecycle -------------------------------------------------------- */

static void
save_window_state (TdWorkspaceWindow *self)
{
  TdApplication *application = TD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSettings *settings = application != NULL ? td_application_get_settings (application) : NULL;
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
close_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   TdWorkspaceWindow *self)
{
  GHashTableIter iter;
  gpointer id, editor;

  if (g_str_equal (response, "cancel"))
    return;
  if (g_str_equal (response, "discard"))
    {
      g_hash_table_iter_init (&iter, self->editors);
      while (g_hash_table_iter_next (&iter, &id, &editor))
        if (td_editor_is_modified (editor) && self->workspace != NULL)
          td_workspace_discard_draft (self->workspace, id, NULL);
      if (self->draft_timeout != 0)
        g_source_remove (self->draft_timeout);
      self->draft_timeout = 0;
    }
  else
    {
      /* "keep": the drafts are written now and offered at the next start. */
      if (self->draft_timeout == 0)
        self->draft_timeout = g_timeout_add_seconds (DRAFT_DELAY_SECONDS, write_draft_cb, self);
      flush_drafts (self);
    }
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
td_workspace_window_close_request (GtkWindow *window)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (window);
  GtkWidget *dialog;

  if (!self->closing && self->editors != NULL && any_modified (self)
      && self->workspace != NULL && td_workspace_is_writable (self->workspace))
    {
      dialog = adw_message_dialog_new (window, _("Keep the Unsaved Edits?"),
                                       _("Edits that were not saved as a version can be kept as a draft in the workspace and offered back the next time it is opened."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "discard", _("_Discard Edits"), "keep", _("_Keep as Draft"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  save_window_state (self);
  return GTK_WINDOW_CLASS (td_workspace_window_parent_class)->close_request (window);
}

/* The recent workspaces of the settings, in the main menu. */
static void
fill_recent_menu (TdWorkspaceWindow *self)
{
  TdApplication *application = TD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSettings *settings = application != NULL ? td_application_get_settings (application) : NULL;
  g_auto(GStrv) recent = settings != NULL ? g_settings_get_strv (settings, "recent-workspaces") : NULL;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (base, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

static void
td_workspace_window_constructed (GObject *object)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (object);
  TdApplication *application = TD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSettings *settings = application != NULL ? td_application_get_settings (application) : NULL;

  G_OBJECT_CLASS (td_workspace_window_parent_class)->constructed (object);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_signal_connect_object (settings, "changed::recent-workspaces", G_CALLBACK (fill_recent_menu), self,
                               G_CONNECT_SWAPPED);
    }
  fill_recent_menu (self);
}

static void
td_workspace_window_dispose (GObject *object)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WORKSPACE_WINDOW);
  G_OBJECT_CLASS (td_workspace_window_parent_class)->dispose (object);
}

static void
td_workspace_window_finalize (GObject *object)
{
  TdWorkspaceWindow *self = TD_WORKSPACE_WINDOW (object);

  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_object (&self->simulation);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->workspace, td_workspace_close);
  g_clear_pointer (&self->programs, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->program_id);
  G_OBJECT_CLASS (td_workspace_window_parent_class)->finalize (object);
}

static void
td_workspace_window_class_init (TdWorkspaceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = td_workspace_window_constructed;
  object_class->dispose = td_workspace_window_dispose;
  object_class->finalize = td_workspace_window_finalize;
  window_class->close_request = td_workspace_window_close_request;

  /* Emitted once the workspace is shown, or why it cannot be. */
  signals[SIGNAL_READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TD_TYPE_HISTORY_PAGE);
  g_type_ensure (TD_TYPE_DESIGN_PAGE);
  g_type_ensure (TD_TYPE_SIMULATE_PAGE);
  g_type_ensure (TD_TYPE_COMPARE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-workspace-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, programs_list);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, data_label);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, content);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, history_page);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, design_page);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, simulate_page);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, compare_page);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspaceWindow, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, program_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_version_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_rule_cb);
  gtk_widget_class_bind_template_callback (widget_class, partner_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, open_workspace_activated);
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.open-program", NULL, open_program_activated);
  gtk_widget_class_install_action (widget_class, "win.export-version", NULL, export_version_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_redo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_redo_activated);
  gtk_widget_class_install_action (widget_class, "win.save-version", NULL, save_version_activated);
  gtk_widget_class_install_action (widget_class, "win.import-data", NULL, import_data_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-version", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-program", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-version", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-data", NULL);
}

static void
td_workspace_window_init (TdWorkspaceWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->editors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->simulation = td_simulation_new ();
  td_simulate_page_set_simulation (self->simulate_page, self->simulation);
  td_compare_page_set_simulation (self->compare_page, self->simulation);
  update_actions (self);
}
