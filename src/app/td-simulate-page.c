/* td-simulate-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "td-analysis.h"
#include "td-chart.h"
#include "td-format.h"
#include "td-partner-row.h"
#include "td-report.h"
#include "td-simulate-page.h"
#include "td-summary-card.h"

struct _TdSimulatePage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkDropDown         *preset_dropdown;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;
  GtkFlowBox          *cards;
  GtkGrid             *charts;
  AdwPreferencesGroup *objectives_group;
  GtkDropDown         *tier_filter;
  GtkSearchEntry      *partner_search;
  GtkColumnView       *partners_view;

  TdSimulation        *simulation;
  GListStore          *partners;      /* TdPartnerRow */
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkCustomFilter     *filter;
  GPtrArray           *tier_ids;      /* of the tier filter's items; NULL for "all" */
  GPtrArray           *objective_rows;
  TdChart             *by_tier;
  TdChart             *by_rule;
  TdChart             *by_month;
  TdChart             *distribution;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (TdSimulatePage, td_simulate_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_PARTNER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *name;
  const char *title;
} card_names[] = {
  { "payout", N_("Total payout") },
  { "eligible-revenue", N_("Eligible revenue") },
  /* xgettext:no-c-format */
  { "ratio", N_("Payout as % of revenue") },
  { "partners-paid", N_("Partners paid") },
  { "new-customers", N_("New customers") },
  { "ineligible", N_("Ineligible revenue") },
  { "unattributed", N_("Unattributed revenue") },
};

/* ---- cards ------------------------------------------------------------ */

const char *
td_simulate_page_get_card_text (TdSimulatePage *page,
                                const char     *card)
{
  TdSummaryCard *found;

  g_return_val_if_fail (TD_IS_SIMULATE_PAGE (page), NULL);
  found = td_summary_card_find (page->cards, card);
  return found != NULL ? td_summary_card_get_value (found) : NULL;
}

static void
fill_cards (TdSimulatePage *self,
            const TdResult *result)
{
  const char *currency = result->program->currency;
  g_autofree char *payout = td_format_money (result->payout, currency);
  g_autofree char *eligible = td_format_money (result->eligible_revenue, currency);
  g_autofree char *ratio = td_format_ratio (result->has_payout_ratio, result->payout_ratio);
  g_autofree char *paid = td_format_count ((guint64) result->partners_paid);
  g_autofree char *all = td_format_count (result->dataset->n_partners);
  g_autofree char *paid_detail = g_strdup_printf (_("of %s partners"), all);
  g_autofree char *customers = td_format_count ((guint64) result->new_customers);
  g_autofree char *ineligible = td_format_money (result->ineligible_revenue, currency);
  g_autofree char *distributor = td_format_count (result->ineligible_sales[0]);
  g_autofree char *invoice = td_format_count (result->ineligible_sales[1]);
  /* TRANSLATORS: why revenue did not count: sales counts by reason */
  g_autofree char *ineligible_detail = g_strdup_printf (_("%s sales through a distributor not authorised, %s without an invoice"),
                                                        distributor, invoice);
  g_autofree char *unattributed = td_format_money (result->unattributed_revenue, currency);
  g_autofree char *direct = td_format_count (result->unattributed_sales);
  /* TRANSLATORS: sales that name no partner */
  g_autofree char *unattributed_detail = g_strdup_printf (_("%s sales with no partner"), direct);

  td_summary_card_update (self->cards, "payout", payout, NULL);
  td_summary_card_update (self->cards, "eligible-revenue", eligible, NULL);
  td_summary_card_update (self->cards, "ratio", ratio, result->has_payout_ratio ? NULL : _("no eligible revenue"));
  td_summary_card_update (self->cards, "partners-paid", paid, paid_detail);
  td_summary_card_update (self->cards, "new-customers", customers, NULL);
  td_summary_card_update (self->cards, "ineligible", ineligible, ineligible_detail);
  td_summary_card_update (self->cards, "unattributed", unattributed, unattributed_detail);
}

/* ---- charts ----------------------------------------------------------- */

static void
fill_charts (TdSimulatePage *self,
             const TdResult *result)
{
  const TdProgram *program = result->program;
  g_autoptr(GArray) shares = td_result_tier_distribution (result);
  g_autoptr(GArray) months = td_result_payout_by_month (result);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < shares->len; i++)
    {
      const TdTierShare *share = &g_array_index (shares, TdTierShare, i);

      g_ptr_array_add (labels, g_strdup (share->name));
      g_array_append_val (values, share->payout);
      g_array_append_val (counts, share->partners);
    }
  g_ptr_array_add (labels, NULL);
  td_chart_set_data (self->by_tier, (const char *const *) labels->pdata, (const gint64 *) values->data, values->len,
                     TD_CHART_MONEY, program->currency);
  td_chart_set_data (self->distribution, (const char *const *) labels->pdata, (const gint64 *) counts->data,
                     counts->len, TD_CHART_COUNT, NULL);

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (values, 0);
  for (guint r = 0; r < program->rules->len; r++)
    {
      g_ptr_array_add (labels, g_strdup (((TdRule *) program->rules->pdata[r])->name));
      g_array_append_val (values, result->rules[r].payout);
    }
  g_ptr_array_add (labels, NULL);
  td_chart_set_data (self->by_rule, (const char *const *) labels->pdata, (const gint64 *) values->data, values->len,
                     TD_CHART_MONEY, program->currency);

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (values, 0);
  for (guint m = 0; m < months->len; m++)
    {
      const TdMonthPayout *month = &g_array_index (months, TdMonthPayout, m);
      g_autoptr(GDateTime) time = g_date_time_new_utc (month->year, month->month, 1, 0, 0, 0);

      /* TRANSLATORS: a month under a column: "Mar 2025", see g_date_time_format() */
      g_ptr_array_add (labels, g_date_time_format (time, _("%b %Y")));
      g_array_append_val (values, month->payout);
    }
  g_ptr_array_add (labels, NULL);
  td_chart_set_data (self->by_month, (const char *const *) labels->pdata, (const gint64 *) values->data, values->len,
                     TD_CHART_MONEY, program->currency);
}

static TdChart *
add_chart (TdSimulatePage *self,
           TdChartKind     kind,
           const char     *title,
           int             column,
           int             row,
           int             width)
{
  GtkWidget *card;
  TdChart *chart = td_chart_new_in_card (kind, title, &card);

  gtk_grid_attach (self->charts, card, column, row, width, 1);
  return chart;
}

/* ---- objectives ------------------------------------------------------- */

static void
fill_objectives (TdSimulatePage *self,
                 const TdResult *result)
{
  const TdProgram *program = result->program;

  for (guint i = 0; i < self->objective_rows->len; i++)
    adw_preferences_group_remove (self->objectives_group, self->objective_rows->pdata[i]);
  g_ptr_array_set_size (self->objective_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->objectives_group), program->objectives->len > 0);
  for (guint o = 0; o < program->objectives->len; o++)
    {
      const TdObjective *objective = program->objectives->pdata[o];
      const TdObjectiveResult *outcome = &result->objectives[o];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (outcome->met ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      g_autofree char *target = td_format_objective (objective, program->currency, objective->target, TRUE);
      g_autofree char *value = outcome->has_value ? td_format_objective (objective, program->currency, outcome->value, FALSE)
                                                  : g_strdup ("—");
      /* TRANSLATORS: an objective's outcome: "Met: 9.80 % (target 12 %)" */
      g_autofree char *subtitle = g_strdup_printf (outcome->met ? _("Met: %s (target %s)") : _("Missed: %s (target %s)"),
                                                   value, target);

      gtk_widget_add_css_class (icon, outcome->met ? "success" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      outcome->met ? _("Met") : _("Missed"), -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), objective->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->objectives_group, row);
      g_ptr_array_add (self->objective_rows, row);
    }
}

/* ---- the partner table ------------------------------------------------ */

static void
fill_partners (TdSimulatePage *self,
               const TdResult *result)
{
  const TdDataset *data = result->dataset;
  const TdProgram *program = result->program;
  guint n_rules = program->rules->len;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint p = 0; p < data->n_partners; p++)
    {
      g_autoptr(GString) rules = g_string_new (NULL);

      for (guint r = 0; r < n_rules; r++)
        if (result->partner_rule_payout[(gsize) p * n_rules + r] != 0)
          g_string_append_printf (rules, "%s%s", rules->len > 0 ? ", " : "",
                                  ((TdRule *) program->rules->pdata[r])->name);
      g_ptr_array_add (rows, td_partner_row_new (p, td_intern_get (data->partner_ids, p), data->partner_name[p],
                                                 td_result_tier_name (result, result->partner_tier[p]),
                                                 result->partner_revenue[p], result->partner_payout[p],
                                                 program->currency, rules->str));
    }
  g_list_store_splice (self->partners, 0, g_list_model_get_n_items (G_LIST_MODEL (self->partners)),
                       rows->pdata, rows->len);
}

/* The tier filter follows the program's tiers, keeping the one chosen. */
static void
fill_tier_filter (TdSimulatePage *self,
                  const TdResult *result)
{
  const TdProgram *program = result->program;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->tier_filter);
  const char *chosen = selected != GTK_INVALID_LIST_POSITION && selected < self->tier_ids->len
                       ? self->tier_ids->pdata[selected] : NULL;
  g_autofree char *keep = g_strdup (chosen);
  guint new_selected = 0;

  g_ptr_array_set_size (self->tier_ids, 0);
  gtk_string_list_append (names, _("All tiers"));
  g_ptr_array_add (self->tier_ids, NULL);
  for (guint t = 0; t < program->tiers->len; t++)
    {
      const TdTier *tier = program->tiers->pdata[t];

      gtk_string_list_append (names, tier->name);
      g_ptr_array_add (self->tier_ids, g_strdup (tier->name));
      if (g_strcmp0 (keep, tier->name) == 0)
        new_selected = t + 1;
    }
  gtk_string_list_append (names, _("Unqualified"));
  g_ptr_array_add (self->tier_ids, g_strdup (_("Unqualified")));
  if (g_strcmp0 (keep, _("Unqualified")) == 0)
    new_selected = program->tiers->len + 1;
  self->updating = TRUE;
  gtk_drop_down_set_model (self->tier_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tier_filter, new_selected);
  self->updating = FALSE;
}

static gboolean
partner_visible (gpointer item,
                 gpointer user_data)
{
  TdSimulatePage *self = user_data;
  TdPartnerRow *row = item;
  guint selected = gtk_drop_down_get_selected (self->tier_filter);
  const char *tier = selected != GTK_INVALID_LIST_POSITION && selected < self->tier_ids->len
                     ? self->tier_ids->pdata[selected] : NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->partner_search));

  if (tier != NULL && g_strcmp0 (td_partner_row_get_tier (row), tier) != 0)
    return FALSE;
  if (search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *id = g_utf8_casefold (td_partner_row_get_id (row), -1);
      g_autofree char *name = g_utf8_casefold (td_partner_row_get_name (row), -1);

      return strstr (id, needle) != NULL || strstr (name, needle) != NULL;
    }
  return TRUE;
}

/* A tier's bar in either tier chart shows that tier's partners in the
 * table: the bars are the tiers in order, then the unqualified, as the
 * filter's items after "All tiers". */
static void
tier_chart_activated_cb (TdChart        *chart,
                         guint           index,
                         TdSimulatePage *self)
{
  /* The filter's change highlights the bar in both charts. */
  if (index + 1 < self->tier_ids->len)
    gtk_drop_down_set_selected (self->tier_filter, index + 1);
}

static void
filter_changed_cb (TdSimulatePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->tier_filter);
  int highlight = selected != GTK_INVALID_LIST_POSITION && selected > 0 ? (int) selected - 1 : -1;

  td_chart_set_highlight (self->by_tier, highlight);
  td_chart_set_highlight (self->distribution, highlight);
  if (!self->updating)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
td_simulate_page_set_filter (TdSimulatePage *page,
                             const char     *tier_name,
                             const char     *search)
{
  g_return_if_fail (TD_IS_SIMULATE_PAGE (page));

  gtk_drop_down_set_selected (page->tier_filter, 0);
  for (guint i = 1; tier_name != NULL && i < page->tier_ids->len; i++)
    if (g_strcmp0 (page->tier_ids->pdata[i], tier_name) == 0)
      gtk_drop_down_set_selected (page->tier_filter, i);
  gtk_editable_set_text (GTK_EDITABLE (page->partner_search), search != NULL ? search : "");
  gtk_filter_changed (GTK_FILTER (page->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GtkWidget *
td_simulate_page_get_tier_chart (TdSimulatePage *page)
{
  g_return_val_if_fail (TD_IS_SIMULATE_PAGE (page), NULL);
  return GTK_WIDGET (page->by_tier);
}

guint
td_simulate_page_get_n_shown (TdSimulatePage *page)
{
  g_return_val_if_fail (TD_IS_SIMULATE_PAGE (page), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (page->sorted));
}

char *
td_simulate_page_table_csv (TdSimulatePage *page)
{
  g_autoptr(GString) csv = g_string_new ("partner_id,name,tier,revenue,payout,rules\n");
  GListModel *model;

  g_return_val_if_fail (TD_IS_SIMULATE_PAGE (page), NULL);
  model = G_LIST_MODEL (page->sorted);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdPartnerRow) row = g_list_model_get_item (model, i);
      char revenue[TD_MONEY_BUF], payout[TD_MONEY_BUF];

      td_csv_append_text (csv, td_partner_row_get_id (row));
      g_string_append_c (csv, ',');
      td_csv_append_text (csv, td_partner_row_get_name (row));
      g_string_append_c (csv, ',');
      td_csv_append_text (csv, td_partner_row_get_tier (row));
      /* Numbers stay numbers: a spreadsheet sums them. */
      g_string_append_printf (csv, ",%s,%s,", td_money_format_buf (td_partner_row_get_revenue (row), revenue),
                              td_money_format_buf (td_partner_row_get_payout (row), payout));
      td_csv_append_text (csv, td_partner_row_get_rules (row));
      g_string_append_c (csv, '\n');
    }
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = GPOINTER_TO_INT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), numeric ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const char *property = g_object_get_data (G_OBJECT (factory), "property");
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (item), property, &text, NULL);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (TdSimulatePage *self,
            const char     *title,
            const char     *text_property,
            const char     *sort_property,
            gboolean        numeric,
            gboolean        expand,
            GtkColumnViewColumn **out)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkExpression *expression = gtk_property_expression_new (TD_TYPE_PARTNER_ROW, NULL, sort_property);
  GtkSorter *sorter = numeric ? GTK_SORTER (gtk_numeric_sorter_new (expression))
                              : GTK_SORTER (gtk_string_sorter_new (expression));

  g_object_set_data (G_OBJECT (factory), "property", (gpointer) text_property);
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->partners_view, column);
  g_object_unref (sorter);
  if (out != NULL)
    *out = column;
  g_object_unref (column);
}

static void
partner_activated_cb (TdSimulatePage *self,
                      guint           position)
{
  g_autoptr(TdPartnerRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_PARTNER_ACTIVATED], 0, td_partner_row_get_index (row));
}

/* ---- period ----------------------------------------------------------- */

static void
set_entries (TdSimulatePage *self,
             TdDate          from,
             TdDate          to)
{
  char buf[TD_DATE_BUF];

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), td_date_format_buf (from, buf));
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), td_date_format_buf (to, buf));
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
}

static void
apply_preset (TdSimulatePage *self)
{
  const TdDataset *data = self->simulation != NULL ? td_simulation_get_dataset (self->simulation) : NULL;
  guint preset = gtk_drop_down_get_selected (self->preset_dropdown);
  gboolean custom = preset > TD_PRESET_ALL;
  TdDate from, to;

  gtk_editable_set_editable (GTK_EDITABLE (self->from_entry), custom);
  gtk_editable_set_editable (GTK_EDITABLE (self->to_entry), custom);
  if (custom || data == NULL || data->n_sales == 0)
    return;
  td_date_preset_period ((TdPeriodPreset) preset, data->sale_date[0], data->sale_date[data->n_sales - 1], &from, &to);
  set_entries (self, from, to);
  td_simulation_set_period (self->simulation, from, to);
}

static void
preset_changed_cb (TdSimulatePage *self)
{
  apply_preset (self);
}

void
td_simulate_page_set_preset (TdSimulatePage *page,
                             guint           preset)
{
  g_return_if_fail (TD_IS_SIMULATE_PAGE (page));
  gtk_drop_down_set_selected (page->preset_dropdown, preset);
  apply_preset (page);
}

gboolean
td_simulate_page_set_custom (TdSimulatePage *page,
                             const char     *from_text,
                             const char     *to_text)
{
  TdDate from, to;
  gboolean from_ok, to_ok;

  g_return_val_if_fail (TD_IS_SIMULATE_PAGE (page), FALSE);
  from_ok = td_date_parse (from_text, &from, NULL);
  to_ok = td_date_parse (to_text, &to, NULL) && (!from_ok || from <= to);
  gtk_drop_down_set_selected (page->preset_dropdown, TD_PRESET_ALL + 1);
  gtk_editable_set_text (GTK_EDITABLE (page->from_entry), from_text);
  gtk_editable_set_text (GTK_EDITABLE (page->to_entry), to_text);
  if (from_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (page->from_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (page->from_entry), "error");
  if (to_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (page->to_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (page->to_entry), "error");
  if (!from_ok || !to_ok)
    return FALSE;
  td_simulation_set_period (page->simulation, from, to);
  return TRUE;
}

static void
custom_entered_cb (TdSimulatePage *self)
{
  if (gtk_drop_down_get_selected (self->preset_dropdown) > TD_PRESET_ALL)
    td_simulate_page_set_custom (self, gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
}

/* ---- following the simulation ----------------------------------------- */

static void
show_status (TdSimulatePage *self)
{
  gboolean busy = td_simulation_is_busy (self->simulation);
  const char *error = td_simulation_get_error (self->simulation);
  const TdResult *result = td_simulation_get_result (self->simulation, TD_SIMULATION_CURRENT);

  gtk_spinner_set_spinning (self->spinner, busy);
  if (error != NULL)
    gtk_label_set_text (self->status_label, error);
  else if (td_simulation_get_dataset (self->simulation) == NULL)
    gtk_label_set_text (self->status_label, busy ? _("Loading the sales…") : _("No data: import the sales first"));
  else if (result != NULL)
    {
      /* TRANSLATORS: how fresh the figures are: "Updated in 35 ms" */
      g_autofree char *text = g_strdup_printf (_("Updated in %" PRId64 " ms"),
                                               td_simulation_get_latency (self->simulation, TD_SIMULATION_CURRENT) / 1000);

      gtk_label_set_text (self->status_label, busy ? _("Simulating…") : text);
    }
  else
    gtk_label_set_text (self->status_label, _("Simulating…"));
}

static void
updated_cb (TdSimulation   *simulation,
            guint           slot,
            TdSimulatePage *self)
{
  const TdResult *result;

  if (slot != TD_SIMULATION_CURRENT)
    return;
  result = td_simulation_get_result (simulation, slot);
  fill_cards (self, result);
  fill_charts (self, result);
  fill_objectives (self, result);
  fill_tier_filter (self, result);
  fill_partners (self, result);
  show_status (self);
}

static void
busy_changed_cb (TdSimulatePage *self)
{
  show_status (self);
}

static void
dataset_changed_cb (TdSimulatePage *self)
{
  show_status (self);
  apply_preset (self);
}

void
td_simulate_page_set_simulation (TdSimulatePage *page,
                                 TdSimulation   *simulation)
{
  g_return_if_fail (TD_IS_SIMULATE_PAGE (page));

  if (page->simulation != NULL)
    g_signal_handlers_disconnect_by_data (page->simulation, page);
  g_set_object (&page->simulation, simulation);
  if (simulation == NULL)
    return;
  g_signal_connect_object (simulation, "updated", G_CALLBACK (updated_cb), page, 0);
  g_signal_connect_object (simulation, "notify::busy", G_CALLBACK (busy_changed_cb), page, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulation, "notify::error", G_CALLBACK (busy_changed_cb), page, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulation, "notify::dataset", G_CALLBACK (dataset_changed_cb), page, G_CONNECT_SWAPPED);
  dataset_changed_cb (page);
}

/* ---- export ----------------------------------------------------------- */

static char *
lines_csv (const TdResult *result)
{
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream (&text, &length);
  gboolean ok = out != NULL && td_report_write_lines (result, out);

  if (out != NULL)
    fclose (out);
  if (!ok)
    {
      free (text);
      return NULL;
    }
  /* open_memstream's buffer is malloc'ed: hand over a GLib one. */
  {
    char *copy = g_strndup (text, length);

    free (text);
    return copy;
  }
}

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  TdSimulatePage *self = TD_SIMULATE_PAGE (user_data);
  const char *what = g_object_get_data (G_OBJECT (dialog), "what");
  const TdResult *result = td_simulation_get_result (self->simulation, TD_SIMULATION_CURRENT);

  if (response == GTK_RESPONSE_ACCEPT && result != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (g_str_equal (what, "report-json"))
        text = td_report_to_json (result, NULL);
      else if (g_str_equal (what, "report-csv"))
        text = td_report_partners_csv (result);
      else if (g_str_equal (what, "lines-csv"))
        text = lines_csv (result);
      else
        text = td_simulate_page_table_csv (self);
      /* Written aside and renamed: never half a file. */
      if (text == NULL || !g_file_set_contents (path, text, -1, &error))
        gtk_label_set_text (self->status_label, error != NULL ? error->message : _("The export failed"));
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *done = g_strdup_printf (_("Exported to %s"), base);

          gtk_label_set_text (self->status_label, done);
        }
    }
  g_object_unref (dialog);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdSimulatePage *self = TD_SIMULATE_PAGE (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  const TdResult *result = self->simulation != NULL ? td_simulation_get_result (self->simulation, TD_SIMULATION_CURRENT) : NULL;
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  char from[TD_DATE_BUF], to[TD_DATE_BUF];

  if (result == NULL)
    return;
  td_date_format_buf (result->from, from);
  td_date_format_buf (result->to, to);
  name = g_strdup_printf ("%s-%s-%s-%s.%s", result->program->id, from, to,
                          g_str_equal (what, "report-json") ? "report" : g_str_equal (what, "lines-csv") ? "lines"
                          : g_str_equal (what, "table-csv") ? "partners-shown" : "partners",
                          g_str_equal (what, "report-json") ? "json" : "csv");
  dialog = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "what", g_strdup (what), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- GObject ---------------------------------------------------------- */

static void
td_simulate_page_dispose (GObject *object)
{
  TdSimulatePage *self = TD_SIMULATE_PAGE (object);

  if (self->simulation != NULL)
    g_signal_handlers_disconnect_by_data (self->simulation, self);
  g_clear_object (&self->simulation);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_SIMULATE_PAGE);
  G_OBJECT_CLASS (td_simulate_page_parent_class)->dispose (object);
}

static void
td_simulate_page_finalize (GObject *object)
{
  TdSimulatePage *self = TD_SIMULATE_PAGE (object);

  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);
  g_clear_pointer (&self->objective_rows, g_ptr_array_unref);
  g_clear_object (&self->partners);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  G_OBJECT_CLASS (td_simulate_page_parent_class)->finalize (object);
}

static void
td_simulate_page_class_init (TdSimulatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_simulate_page_dispose;
  object_class->finalize = td_simulate_page_finalize;

  /* A partner of the table was activated (its index in the data set). */
  signals[SIGNAL_PARTNER_ACTIVATED] = g_signal_new ("partner-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-simulate-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, cards);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, charts);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, objectives_group);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, tier_filter);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, partner_search);
  gtk_widget_class_bind_template_child (widget_class, TdSimulatePage, partners_view);
  gtk_widget_class_bind_template_callback (widget_class, partner_activated_cb);

  gtk_widget_class_install_action (widget_class, "simulate.export", "s", export_activated);
}

static void
td_simulate_page_init (TdSimulatePage *self)
{
  GtkColumnViewColumn *payout_column = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tier_ids = g_ptr_array_new_with_free_func (g_free);
  self->objective_rows = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (card_names); i++)
    {
      TdSummaryCard *card = td_summary_card_append (self->cards, card_names[i].name, _(card_names[i].title));

      /* Narrow cards: four or more on a line of a normal window. */
      td_summary_card_set_detail_width_chars (card, 18);
    }
  self->by_tier = add_chart (self, TD_CHART_BARS, _("Payout by tier"), 0, 0, 1);
  self->by_rule = add_chart (self, TD_CHART_BARS, _("Payout by rule"), 1, 0, 1);
  self->by_month = add_chart (self, TD_CHART_COLUMNS, _("Payout per month"), 0, 1, 1);
  self->distribution = add_chart (self, TD_CHART_BARS, _("Partners per tier"), 1, 1, 1);
  g_signal_connect (self->by_tier, "activated", G_CALLBACK (tier_chart_activated_cb), self);
  g_signal_connect (self->distribution, "activated", G_CALLBACK (tier_chart_activated_cb), self);

  add_column (self, _("Partner"), "id", "id", FALSE, FALSE, NULL);
  add_column (self, _("Name"), "name", "name", FALSE, TRUE, NULL);
  add_column (self, _("Tier"), "tier", "tier", FALSE, FALSE, NULL);
  add_column (self, _("Revenue"), "revenue-text", "revenue", TRUE, FALSE, NULL);
  add_column (self, _("Payout"), "payout-text", "payout", TRUE, FALSE, &payout_column);
  add_column (self, _("Rules that paid"), "rules", "rules", FALSE, TRUE, NULL);

  /* store → filter (tier, search) → sort (the clicked column) → view */
  self->partners = g_list_store_new (TD_TYPE_PARTNER_ROW);
  self->filter = gtk_custom_filter_new (partner_visible, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->partners)), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->partners_view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->partners_view, GTK_SELECTION_MODEL (selection));
  /* The largest payouts first. */
  gtk_column_view_sort_by_column (self->partners_view, payout_column, GTK_SORT_DESCENDING);

  {
    g_autoptr(GtkStringList) all = gtk_string_list_new ((const char *const[]) { _("All tiers"), NULL });

    gtk_drop_down_set_model (self->tier_filter, G_LIST_MODEL (all));
    g_ptr_array_add (self->tier_ids, NULL);
  }
  g_signal_connect_swapped (self->tier_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->partner_search, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->preset_dropdown, "notify::selected", G_CALLBACK (preset_changed_cb), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (custom_entered_cb), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (custom_entered_cb), self);
}
