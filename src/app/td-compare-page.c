/* td-compare-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-chart.h"
#include "td-compare-page.h"
#include "td-comparison.h"
#include "td-format.h"
#include "td-program-reader.h"
#include "td-summary-card.h"

/* Winners and losers listed. */
#define N_CHANGES_SHOWN 10
/* Partners listed in a matrix cell's popover. */
#define MAX_CELL_PARTNERS 200

struct _TdComparePage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkDropDown         *baseline_dropdown;
  GtkLabel            *status_label;
  GtkFlowBox          *cards;
  GtkGrid             *charts;
  GtkGrid             *matrix;
  AdwPreferencesGroup *winners_group;
  AdwPreferencesGroup *losers_group;
  GtkGrid             *sensitivity;

  TdSimulation        *simulation;
  TdWorkspace         *workspace;     /* not owned */
  char                *program_id;
  guint                n_versions;
  TdComparison        *comparison;
  TdChart             *by_tier;
  TdChart             *by_rule;
  GPtrArray           *change_rows;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (TdComparePage, td_compare_page, ADW_TYPE_BIN)

static char *
signed_money (TdMoney     cents,
              const char *currency)
{
  g_autofree char *text = td_format_money (cents, currency);

  return cents > 0 ? g_strconcat ("+", text, NULL) : g_steal_pointer (&text);
}

/* (new − old) / old in 1/100 %, half away from zero; FALSE when old is 0. */
static gboolean
change_ratio (TdMoney  now,
              TdMoney  before,
              gint64  *ratio)
{
  return before != 0 && td_round_quotient ((__int128) (now - before) * 10000, before, ratio);
}

static void
fill_cards (TdComparePage  *self,
            const TdResult *current,
            const TdResult *baseline)
{
  const char *currency = current->program->currency;
  g_autofree char *now = td_format_money (current->payout, currency);
  g_autofree char *before = td_format_money (baseline->payout, currency);
  g_autofree char *delta = signed_money (current->payout - baseline->payout, currency);
  g_autofree char *change = NULL;
  g_autofree char *now_ratio = td_format_ratio (current->has_payout_ratio, current->payout_ratio);
  g_autofree char *before_ratio = td_format_ratio (baseline->has_payout_ratio, baseline->payout_ratio);
  g_autofree char *ratio_detail = g_strdup_printf (_("baseline %s"), before_ratio);
  gint64 ratio;

  if (change_ratio (current->payout, baseline->payout, &ratio))
    {
      g_autofree char *percent = td_format_ratio (TRUE, ratio);

      /* TRANSLATORS: the change of payout in percent of the baseline's */
      change = g_strdup_printf (_("%s%s of the baseline"), ratio > 0 ? "+" : "", percent);
    }
  td_summary_card_update (self->cards, "draft", now, NULL);
  td_summary_card_update (self->cards, "baseline", before, NULL);
  td_summary_card_update (self->cards, "delta", delta, change);
  td_summary_card_update (self->cards, "ratio", now_ratio, ratio_detail);
}

static void
fill_charts (TdComparePage      *self,
             const TdComparison *comparison)
{
  const char *currency = comparison->current->program->currency;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint t = 0; t < comparison->n_tiers; t++)
    {
      g_ptr_array_add (labels, (gpointer) comparison->tiers[t].name);
      g_array_append_val (values, comparison->tiers[t].delta_payout);
    }
  g_ptr_array_add (labels, NULL);
  td_chart_set_data (self->by_tier, (const char *const *) labels->pdata, (const gint64 *) values->data, values->len,
                     TD_CHART_MONEY, currency);
  g_ptr_array_set_size (labels, 0);
  g_array_set_size (values, 0);
  for (guint r = 0; r < comparison->n_rules; r++)
    {
      g_ptr_array_add (labels, (gpointer) comparison->rules[r].name);
      g_array_append_val (values, comparison->rules[r].delta_payout);
    }
  g_ptr_array_add (labels, NULL);
  td_chart_set_data (self->by_rule, (const char *const *) labels->pdata, (const gint64 *) values->data, values->len,
                     TD_CHART_MONEY, currency);
}

static const char *
tier_name (const TdResult *result,
           const char     *id)
{
  int t = td_program_find_tier (result->program, id);

  return t >= 0 ? ((TdTier *) result->program->tiers->pdata[t])->name : _("Unqualified");
}

static char *
cell_partners_text (TdComparePage *self,
                    guint          row,
                    guint          column)
{
  g_autoptr(GArray) partners = td_comparison_cell_partners (self->comparison, row, column);
  const TdDataset *data = self->comparison->current->dataset;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < partners->len && i < MAX_CELL_PARTNERS; i++)
    {
      guint p = g_array_index (partners, guint, i);

      g_string_append_printf (text, "%s  %s\n", td_intern_get (data->partner_ids, p),
                              data->partner_name[p] != NULL ? data->partner_name[p] : "");
    }
  if (partners->len > MAX_CELL_PARTNERS)
    g_string_append_printf (text, _("and %u more\n"), partners->len - MAX_CELL_PARTNERS);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
cell_clicked_cb (GtkButton     *button,
                 TdComparePage *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "row"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column"));
  g_autofree char *text = NULL;
  GtkWidget *popover, *scroller, *label;

  if (self->comparison == NULL)
    return;
  text = cell_partners_text (self, row, column);
  popover = gtk_popover_new ();
  scroller = gtk_scrolled_window_new ();
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_widget_set_parent (popover, GTK_WIDGET (button));
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
matrix_cell (TdComparePage *self,
             GtkWidget     *widget,
             int            column,
             int            row,
             const char    *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, css_class);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_grid_attach (self->matrix, box, column, row, 1, 1);
}

static void
fill_matrix (TdComparePage      *self,
             const TdComparison *comparison)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix))) != NULL)
    gtk_grid_remove (self->matrix, child);
  /* TRANSLATORS: the corner of the migration matrix */
  matrix_cell (self, gtk_label_new (_("baseline ↓ draft →")), 0, 0, "matrix-header");
  for (guint c = 0; c < comparison->n_columns; c++)
    matrix_cell (self, gtk_label_new (tier_name (comparison->current, td_comparison_column_id (comparison, c))),
                 (int) c + 1, 0, "matrix-header");
  for (guint r = 0; r < comparison->n_rows; r++)
    {
      GtkWidget *name = gtk_label_new (tier_name (comparison->baseline, td_comparison_row_id (comparison, r)));

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      matrix_cell (self, name, 0, (int) r + 1, "matrix-label");
      for (guint c = 0; c < comparison->n_columns; c++)
        {
          gint64 count = td_comparison_migration (comparison, r, c);
          g_autofree char *text = td_format_count ((guint64) count);
          GtkWidget *cell;
          g_autofree char *accessible = g_strdup_printf (_("%s partners from %s to %s"), text,
                                                         tier_name (comparison->baseline, td_comparison_row_id (comparison, r)),
                                                         tier_name (comparison->current, td_comparison_column_id (comparison, c)));

          if (count == 0)
            {
              cell = gtk_label_new ("·");
              gtk_widget_add_css_class (cell, "dim-label");
            }
          else
            {
              cell = gtk_button_new_with_label (text);
              gtk_widget_add_css_class (cell, "flat");
              /* Partners who stay in their tier are the quiet majority. */
              if (g_strcmp0 (td_comparison_row_id (comparison, r), td_comparison_column_id (comparison, c)) != 0)
                gtk_widget_add_css_class (cell, "accent");
              g_object_set_data (G_OBJECT (cell), "row", GUINT_TO_POINTER (r));
              g_object_set_data (G_OBJECT (cell), "column", GUINT_TO_POINTER (c));
              g_signal_connect (cell, "clicked", G_CALLBACK (cell_clicked_cb), self);
            }
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          matrix_cell (self, cell, (int) c + 1, (int) r + 1, "matrix-value");
        }
    }
}

static void
fill_changes (TdComparePage       *self,
              AdwPreferencesGroup *group,
              GPtrArray           *changes)
{
  const TdComparison *comparison = self->comparison;
  const TdDataset *data = comparison->current->dataset;
  const char *currency = comparison->current->program->currency;

  if (changes->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody"));
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->change_rows, row);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const TdPartnerChange *change = changes->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *amount = gtk_label_new (NULL);
      g_autofree char *delta = signed_money (change->delta, currency);
      g_autofree char *title = g_strdup_printf ("%s  %s", td_intern_get (data->partner_ids, change->partner),
                                                data->partner_name[change->partner] != NULL ? data->partner_name[change->partner] : "");
      g_autoptr(GString) rules = g_string_new (NULL);

      for (guint r = 0; r < change->rules->len && r < 3; r++)
        {
          const TdRuleDelta *rule = &g_array_index (change->rules, TdRuleDelta, r);
          g_autofree char *rule_delta = signed_money (rule->delta, currency);

          g_string_append_printf (rules, "%s%s %s", rules->len > 0 ? " · " : "", comparison->rules[rule->rule].name, rule_delta);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rules->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_label_set_text (GTK_LABEL (amount), delta);
      gtk_widget_add_css_class (amount, "numeric");
      gtk_widget_add_css_class (amount, change->delta > 0 ? "success" : "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->change_rows, row);
    }
}

static void
clear_changes (TdComparePage *self)
{
  for (guint i = 0; i < self->change_rows->len; i++)
    {
      GtkWidget *row = self->change_rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->change_rows, 0);
}

static void
fill_sensitivity (TdComparePage *self)
{
  const TdSensitivityPoint *points = td_simulation_get_sensitivity (self->simulation);
  const TdResult *current = td_simulation_get_result (self->simulation, TD_SIMULATION_CURRENT);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sensitivity))) != NULL)
    gtk_grid_remove (self->sensitivity, child);
  if (points == NULL || current == NULL)
    return;
  for (guint i = 0; i < TD_SIMULATION_N_SENSITIVITY; i++)
    {
      const TdSensitivityPoint *point = &points[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *heading = point->percent == 0 ? g_strdup (_("The draft"))
                                                     : g_strdup_printf ("%+d %%", point->percent);
      g_autofree char *payout = td_format_money (point->payout, current->program->currency);
      g_autofree char *ratio = td_format_ratio (point->has_payout_ratio, point->payout_ratio);
      g_autofree char *ratio_text = g_strdup_printf (_("%s of revenue"), ratio);
      GtkWidget *labels[3] = { gtk_label_new (heading), gtk_label_new (payout), gtk_label_new (ratio_text) };
      g_autofree char *accessible = g_strdup_printf ("%s: %s, %s", heading, payout, ratio_text);

      gtk_widget_add_css_class (labels[0], "caption-heading");
      gtk_widget_add_css_class (labels[1], "numeric");
      gtk_widget_add_css_class (labels[1], point->percent == 0 ? "heading" : "body");
      gtk_widget_add_css_class (labels[2], "caption");
      gtk_widget_add_css_class (labels[2], "dim-label");
      for (int l = 0; l < 3; l++)
        gtk_box_append (GTK_BOX (box), labels[l]);
      gtk_widget_add_css_class (box, "matrix-value");
      gtk_widget_add_css_class (box, "sensitivity-cell");
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_grid_attach (self->sensitivity, box, (int) i, 0, 1, 1);
    }
}

static void
refresh (TdComparePage *self)
{
  const TdResult *current = td_simulation_get_result (self->simulation, TD_SIMULATION_CURRENT);
  const TdResult *baseline = td_simulation_get_result (self->simulation, TD_SIMULATION_BASELINE);
  g_autoptr(GPtrArray) winners = NULL, losers = NULL;

  g_clear_pointer (&self->comparison, td_comparison_free);
  clear_changes (self);
  if (current == NULL || baseline == NULL)
    {
      gtk_label_set_text (self->status_label, td_simulation_is_busy (self->simulation) ? _("Simulating…") : "");
      return;
    }
  gtk_label_set_text (self->status_label, td_simulation_is_busy (self->simulation) ? _("Simulating…") : "");
  self->comparison = td_comparison_new (current, baseline);
  fill_cards (self, current, baseline);
  fill_charts (self, self->comparison);
  fill_matrix (self, self->comparison);
  winners = td_comparison_winners (self->comparison, N_CHANGES_SHOWN);
  losers = td_comparison_losers (self->comparison, N_CHANGES_SHOWN);
  fill_changes (self, self->winners_group, winners);
  fill_changes (self, self->losers_group, losers);
}

static void
updated_cb (TdSimulation  *simulation,
            guint          slot,
            TdComparePage *self)
{
  if (slot == TD_SIMULATION_SENSITIVITY)
    fill_sensitivity (self);
  else
    refresh (self);
}

char *
td_compare_page_get_changes_text (TdComparePage *page)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) changes = NULL;

  g_return_val_if_fail (TD_IS_COMPARE_PAGE (page), NULL);
  if (page->comparison == NULL)
    return g_strdup ("");
  changes = td_comparison_tier_changes (page->comparison);
  for (guint i = 0; i < changes->len; i++)
    {
      const TdTierChange *change = &g_array_index (changes, TdTierChange, i);

      g_string_append_printf (text, "%s → %s: %" G_GINT64_FORMAT "\n", change->from, change->to, change->partners);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
td_compare_page_get_cell_text (TdComparePage *page,
                               const char    *from,
                               const char    *to)
{
  g_return_val_if_fail (TD_IS_COMPARE_PAGE (page), NULL);
  if (page->comparison == NULL)
    return NULL;
  for (guint r = 0; r < page->comparison->n_rows; r++)
    for (guint c = 0; c < page->comparison->n_columns; c++)
      if (g_strcmp0 (td_comparison_row_id (page->comparison, r), from) == 0
          && g_strcmp0 (td_comparison_column_id (page->comparison, c), to) == 0)
        return cell_partners_text (page, r, c);
  return NULL;
}

void
td_compare_page_set_baseline (TdComparePage *page,
                              guint          number)
{
  g_autofree char *json = NULL;
  g_autoptr(TdProgram) program = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TD_IS_COMPARE_PAGE (page));

  if (page->workspace == NULL || page->program_id == NULL || number == 0 || page->simulation == NULL)
    return;
  json = td_workspace_get_version_json (page->workspace, page->program_id, number, &error);
  if (json != NULL)
    program = td_program_read_data (json, strlen (json), problems);
  if (program == NULL)
    {
      gtk_label_set_text (page->status_label, error != NULL ? error->message : _("The version cannot be read"));
      return;
    }
  page->filling = TRUE;
  gtk_drop_down_set_selected (page->baseline_dropdown, page->n_versions - number);
  page->filling = FALSE;
  td_simulation_set_baseline (page->simulation, program);
  gtk_label_set_text (page->status_label, _("Simulating…"));
}

static void
baseline_chosen_cb (TdComparePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->baseline_dropdown);

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;
  /* Newest first. */
  td_compare_page_set_baseline (self, self->n_versions - selected);
}

void
td_compare_page_set_program (TdComparePage *page,
                             TdWorkspace   *workspace,
                             const char    *program_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) versions = NULL;

  g_return_if_fail (TD_IS_COMPARE_PAGE (page));

  page->workspace = workspace;
  g_free (page->program_id);
  page->program_id = g_strdup (program_id);
  if (workspace != NULL && program_id != NULL)
    versions = td_workspace_list_versions (workspace, program_id, NULL);
  page->n_versions = versions != NULL ? versions->len : 0;
  for (guint i = 0; i < page->n_versions; i++)
    {
      const TdVersionInfo *info = versions->pdata[page->n_versions - 1 - i];
      g_autofree char *when = td_format_timestamp (info->saved_at);
      g_autofree char *text = i == 0
        /* TRANSLATORS: the baseline choice: "Version 2, saved 2025-02-17 14:30 (the latest)" */
        ? g_strdup_printf (_("Version %u, saved %s (the latest)"), info->number, when)
        : g_strdup_printf (_("Version %u, saved %s"), info->number, when);

      gtk_string_list_append (names, text);
    }
  page->filling = TRUE;
  gtk_drop_down_set_model (page->baseline_dropdown, G_LIST_MODEL (names));
  page->filling = FALSE;
  td_compare_page_set_baseline (page, page->n_versions);
}

static void
busy_changed_cb (TdComparePage *self)
{
  gtk_label_set_text (self->status_label, td_simulation_is_busy (self->simulation) ? _("Simulating…") : "");
}

void
td_compare_page_set_simulation (TdComparePage *page,
                                TdSimulation  *simulation)
{
  g_return_if_fail (TD_IS_COMPARE_PAGE (page));

  if (page->simulation != NULL)
    g_signal_handlers_disconnect_by_data (page->simulation, page);
  g_set_object (&page->simulation, simulation);
  if (simulation != NULL)
    {
      td_simulation_set_sensitivity_wanted (simulation, gtk_widget_get_mapped (GTK_WIDGET (page)));
      g_signal_connect_object (simulation, "updated", G_CALLBACK (updated_cb), page, 0);
      g_signal_connect_object (simulation, "notify::busy", G_CALLBACK (busy_changed_cb), page, G_CONNECT_SWAPPED);
    }
}

static TdChart *
add_chart (TdComparePage *self,
           const char    *title,
           int            column)
{
  GtkWidget *card;
  TdChart *chart = td_chart_new_in_card (TD_CHART_BARS, title, &card);

  gtk_grid_attach (self->charts, card, column, 0, 1, 1);
  return chart;
}

/* The sensitivity strip costs four runs after each edit: asked for while
 * the page is shown only. */
static void
td_compare_page_map (GtkWidget *widget)
{
  TdComparePage *self = TD_COMPARE_PAGE (widget);

  GTK_WIDGET_CLASS (td_compare_page_parent_class)->map (widget);
  if (self->simulation != NULL)
    td_simulation_set_sensitivity_wanted (self->simulation, TRUE);
}

static void
td_compare_page_unmap (GtkWidget *widget)
{
  TdComparePage *self = TD_COMPARE_PAGE (widget);

  if (self->simulation != NULL)
    td_simulation_set_sensitivity_wanted (self->simulation, FALSE);
  GTK_WIDGET_CLASS (td_compare_page_parent_class)->unmap (widget);
}

static void
td_compare_page_dispose (GObject *object)
{
  TdComparePage *self = TD_COMPARE_PAGE (object);

  if (self->simulation != NULL)
    g_signal_handlers_disconnect_by_data (self->simulation, self);
  g_clear_object (&self->simulation);
  g_clear_pointer (&self->comparison, td_comparison_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_COMPARE_PAGE);
  G_OBJECT_CLASS (td_compare_page_parent_class)->dispose (object);
}

static void
td_compare_page_finalize (GObject *object)
{
  TdComparePage *self = TD_COMPARE_PAGE (object);

  g_free (self->program_id);
  g_clear_pointer (&self->change_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (td_compare_page_parent_class)->finalize (object);
}

static void
td_compare_page_class_init (TdComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_compare_page_dispose;
  object_class->finalize = td_compare_page_finalize;
  widget_class->map = td_compare_page_map;
  widget_class->unmap = td_compare_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, baseline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, cards);
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, charts);
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, matrix);
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, winners_group);
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, losers_group);
  gtk_widget_class_bind_template_child (widget_class, TdComparePage, sensitivity);
}

static void
td_compare_page_init (TdComparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->change_rows = g_ptr_array_new ();
  td_summary_card_append (self->cards, "draft", _("The draft pays"));
  td_summary_card_append (self->cards, "baseline", _("The baseline pays"));
  td_summary_card_append (self->cards, "delta", _("Change"));
  /* xgettext:no-c-format */
  td_summary_card_append (self->cards, "ratio", _("Payout as % of revenue"));
  self->by_tier = add_chart (self, _("Change of payout by tier"), 0);
  self->by_rule = add_chart (self, _("Change of payout by rule"), 1);
  g_signal_connect_swapped (self->baseline_dropdown, "notify::selected", G_CALLBACK (baseline_chosen_cb), self);
}
