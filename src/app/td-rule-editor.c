/* td-rule-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window reads its rule from a private copy of the program and keeps
 * everything it shows in widgets. Each change of a field rebuilds the
 * whole rule from the fields (collect()) and checks it as Apply will:
 * td_program_replace_rule() on another copy of the editor's program. A
 * refusal starts with the JSON path of the member at fault, relative to
 * the rule ("steps.privileged[1].from: …"); every field is registered
 * under the path it writes, so the message goes to its field. Apply is one
 * td_editor_replace_rule(), hence one undo step.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-error.h"
#include "td-format.h"
#include "td-json.h"
#include "td-program-edit.h"
#include "td-rule-editor.h"
#include "td-rule-words.h"

/* A line of a list: a rebate step, a per-unit amount, a loyalty step. */
typedef struct
{
  GtkWidget  *row;          /* owned by its container */
  GtkWidget  *first;        /* GtkEntry: the step's from, the SKU, min_prior */
  GtkWidget  *second;       /* GtkEntry: the rate, the amount, the multiplier */
  GtkWidget  *remove;
  GtkWidget  *container;    /* AdwExpanderRow or AdwPreferencesGroup */
  GtkWidget  *add_button;   /* of the list: the focus after a removal */
  GPtrArray  *list;         /* the ListRow array it belongs to */
  JsonObject *extras;       /* x- members of the step it was read from */
} ListRow;

/* The fields of one tier. */
typedef struct
{
  char      *id;
  char      *name;
  GtkWidget *rate_row;      /* AdwEntryRow in rates_group */
  GtkWidget *amount_row;    /* AdwEntryRow in amounts_group */
  GtkWidget *target_row;    /* AdwEntryRow in targets_group */
  GtkWidget *units_row;     /* AdwExpanderRow in units_group */
  GtkWidget *steps_row;     /* AdwExpanderRow in steps_group */
  GtkWidget *add_unit;
  GtkWidget *add_step;
  GPtrArray *units;         /* ListRow */
  GPtrArray *steps;         /* ListRow */
} TierFields;

struct _TdRuleEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *apply_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwPreferencesPage  *page;
  AdwEntryRow         *name_row;
  AdwEntryRow         *id_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *base_row;
  GtkSwitch           *active_switch;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  AdwPreferencesGroup *match_group;
  AdwExpanderRow      *categories_row;
  AdwEntryRow         *skus_row;
  AdwComboRow         *renewals_row;
  GtkCheckButton      *partner_check;
  GtkCheckButton      *online_check;
  AdwPreferencesGroup *settings_group;
  AdwComboRow         *metric_row;
  AdwComboRow         *period_row;
  AdwComboRow         *mode_row;
  AdwComboRow         *pays_row;
  AdwEntryRow         *lookback_row;
  AdwActionRow        *deal_row;
  GtkSwitch           *deal_switch;
  AdwPreferencesGroup *targets_group;
  AdwPreferencesGroup *amounts_group;
  AdwPreferencesGroup *rates_group;
  AdwPreferencesGroup *units_group;
  AdwPreferencesGroup *steps_group;
  AdwPreferencesGroup *loyalty_group;
  GtkWidget           *add_loyalty_button;
  GtkSwitch           *loyalty_switch;
  AdwEntryRow         *window_row;
  GtkSwitch           *cap_switch;
  AdwEntryRow         *cap_row;
  AdwComboRow         *cap_period_row;

  TdEditor            *editor;
  char                *rule_id;        /* the rule's id in the editor's program */
  TdProgram           *program;        /* the private copy the window was opened on */
  guint                index;          /* of the rule in it */
  GPtrArray           *tiers;          /* TierFields, in tier order */
  GPtrArray           *category_checks; /* GtkCheckButton, in category order */
  GPtrArray           *loyalty_steps;  /* ListRow */
  GHashTable          *paths;          /* path relative to the rule → its field */
  gboolean             both_channels;  /* the rule listed both channels itself */
  GtkWidget           *error_widget;   /* weak: the field marked as wrong */
  char                *error_text;
  gboolean             filling;        /* the fields follow the rule: no check */
  gboolean             done;           /* applied or removed: closing */
};

G_DEFINE_FINAL_TYPE (TdRuleEditor, td_rule_editor, ADW_TYPE_WINDOW)

/* ---- fields ----------------------------------------------------------- */

static void
list_row_free (ListRow *item)
{
  g_clear_pointer (&item->extras, json_object_unref);
  g_free (item);
}

static void
tier_fields_free (TierFields *fields)
{
  g_free (fields->id);
  g_free (fields->name);
  g_ptr_array_unref (fields->units);
  g_ptr_array_unref (fields->steps);
  g_free (fields);
}

/* Names a field for screen readers and for the messages about it. */
static void
label_field (GtkWidget  *widget,
             const char *label)
{
  g_object_set_data_full (G_OBJECT (widget), "td-label", g_strdup (label), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* An entry row's focus is in its text, which speaks for it. */
  if (ADW_IS_ENTRY_ROW (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (widget))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static const char *
field_label (GtkWidget *widget)
{
  const char *label = g_object_get_data (G_OBJECT (widget), "td-label");

  return label != NULL ? label : "";
}

static char *
field_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

static guint
selected (AdwComboRow *row)
{
  return adw_combo_row_get_selected (row);
}

/* "rates" + "gold" → "rates.gold"; a key that is not a plain word takes
 * the bracket form, as in the reader's and the validator's paths. */
static char *
path_join (const char *parent,
           const char *member)
{
  g_autofree char *root = parent != NULL ? g_strconcat ("$.", parent, NULL) : g_strdup ("$");
  g_autofree char *full = td_json_path_member (root, member);

  return g_strdup (full + (full[1] == '.' ? 2 : 1));
}

static void
remember (TdRuleEditor *self,
          const char   *path,
          gpointer      widget)
{
  g_hash_table_replace (self->paths, g_strdup (path), widget);
}

/* The field of @path, or of its nearest parent that has one. */
static GtkWidget *
find_field (TdRuleEditor *self,
            const char   *path)
{
  g_autofree char *prefix = g_strdup (path);

  while (prefix[0] != '\0')
    {
      GtkWidget *widget = g_hash_table_lookup (self->paths, prefix);
      char *dot = strrchr (prefix, '.');
      char *bracket = strrchr (prefix, '[');
      char *cut = bracket != NULL && (dot == NULL || bracket > dot) ? bracket : dot;

      if (widget != NULL)
        return widget;
      if (cut == NULL)
        break;
      *cut = '\0';
    }
  return NULL;
}

/* ---- reading the fields ----------------------------------------------- */

/* The first thing wrong in the fields, said with the field's name. */
typedef struct
{
  GtkWidget *widget;
  char      *message;
} Fault;

static void
fault_set (Fault      *fault,
           GtkWidget  *widget,
           const char *message)
{
  if (fault->message != NULL)
    return;
  fault->widget = widget;
  fault->message = widget != NULL
                   /* TRANSLATORS: a field and what is wrong with it: "Certified, rate: “x” is not a percentage…" */
                   ? g_strdup_printf (_("%s: %s"), field_label (widget), message)
                   : g_strdup (message);
}

typedef enum
{
  VALUE_EMPTY,
  VALUE_OK,
  VALUE_BAD,
} ValueState;

static gboolean
parse_date (const char *text,
            TdDate     *out,
            GError    **error)
{
  GDate date;
  int groups = 0;

  if (td_date_parse (text, out, NULL))
    return TRUE;
  /* The locale's short form ("31/03/2025"); GDate would also take a lone
   * "5" as a day of this month, which nobody typing a date means. */
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && (p == text || !g_ascii_isdigit (p[-1])))
      groups++;
  g_date_clear (&date, 1);
  if (groups == 3)
    g_date_set_parse (&date, text);
  if (groups == 3 && g_date_valid (&date))
    {
      *out = td_date_from_ymd (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      return TRUE;
    }
  {
    g_autofree char *example = td_format_date (td_date_from_ymd (2025, 3, 31));

    g_set_error (error, TD_ERROR, TD_ERROR_INVALID,
                 /* TRANSLATORS: “TEXT” is not a date: write it like “2025-03-31” */
                 _("“%s” is not a date: write it like “%s”"), text, example);
  }
  return FALSE;
}

/* A value typed in @widget, in @unit; the currency of the program. */
static ValueState
read_value (TdRuleEditor *self,
            gpointer      widget,
            TdUnit        unit,
            gboolean      required,
            gint64       *out,
            Fault        *fault)
{
  g_autofree char *text = field_text (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (text[0] == '\0')
    {
      g_autofree char *example = NULL;
      g_autofree char *message = NULL;

      if (!required)
        return VALUE_EMPTY;
      if (unit == TD_UNIT_MONEY)
        {
          example = td_format_money (125050, self->program->currency);
          /* TRANSLATORS: an empty field: type an amount, like “1,250.50 €” */
          message = g_strdup_printf (_("type an amount, like “%s”"), example);
        }
      else if (unit == TD_UNIT_RATE)
        message = g_strdup (_("type a number, like “12.5”"));
      else
        message = g_strdup (_("type a whole number, like “12”"));
      fault_set (fault, widget, message);
      return VALUE_BAD;
    }
  switch (unit)
    {
    case TD_UNIT_MONEY:
      ok = td_format_parse_money (text, self->program->currency, out, &error);
      break;
    case TD_UNIT_RATE:
      ok = td_format_parse_rate (text, out, &error);
      break;
    case TD_UNIT_COUNT:
    default:
      ok = td_format_parse_count (text, out, &error);
      break;
    }
  if (!ok)
    {
      fault_set (fault, widget, error->message);
      return VALUE_BAD;
    }
  return VALUE_OK;
}

static GArray *
collect_tier_values (TdRuleEditor *self,
                     const char   *member,
                     gsize         offset,
                     TdUnit        unit,
                     Fault        *fault)
{
  GArray *entries = td_entries_new ();

  for (guint t = 0; t < self->tiers->len; t++)
    {
      TierFields *fields = self->tiers->pdata[t];
      GtkWidget *widget = G_STRUCT_MEMBER (GtkWidget *, fields, offset);
      g_autofree char *path = path_join (member, fields->id);
      gint64 value;

      remember (self, path, widget);
      if (read_value (self, widget, unit, FALSE, &value, fault) == VALUE_OK)
        td_entries_add (entries, fields->id, value);
    }
  return entries;
}

static void
collect_active (TdRuleEditor *self,
                TdRule       *rule,
                Fault        *fault)
{
  g_autofree char *from = field_text (self->from_row);
  g_autofree char *to = field_text (self->to_row);
  g_autoptr(GError) error = NULL;

  rule->has_active = rule->has_active_from = rule->has_active_to = FALSE;
  if (!gtk_switch_get_active (self->active_switch))
    return;
  remember (self, "active", self->active_switch);
  remember (self, "active.from", self->from_row);
  remember (self, "active.to", self->to_row);
  if (from[0] == '\0' && to[0] == '\0')
    {
      fault_set (fault, GTK_WIDGET (self->from_row), _("type a first day, a last day or both"));
      return;
    }
  if (from[0] != '\0' && !parse_date (from, &rule->active_from, &error))
    {
      fault_set (fault, GTK_WIDGET (self->from_row), error->message);
      return;
    }
  if (to[0] != '\0' && !parse_date (to, &rule->active_to, &error))
    {
      fault_set (fault, GTK_WIDGET (self->to_row), error->message);
      return;
    }
  rule->has_active = TRUE;
  rule->has_active_from = from[0] != '\0';
  rule->has_active_to = to[0] != '\0';
}

static void
collect_match (TdRuleEditor *self,
               TdRule       *rule,
               Fault        *fault)
{
  TdMatch *match = rule->match != NULL ? rule->match : td_match_new ();
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) skus = g_strv_builder_new ();
  g_auto(GStrv) typed = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->skus_row)), ",", -1);
  gboolean partner = gtk_check_button_get_active (self->partner_check);
  gboolean online = gtk_check_button_get_active (self->online_check);
  guint n_categories = 0, n_skus = 0;

  remember (self, "match", self->categories_row);
  remember (self, "match.categories", self->categories_row);
  remember (self, "match.skus", self->skus_row);
  remember (self, "match.renewal", self->renewals_row);
  remember (self, "match.channels", self->partner_check);

  for (guint i = 0; i < self->category_checks->len; i++)
    if (gtk_check_button_get_active (self->category_checks->pdata[i]))
      {
        g_strv_builder_add (categories, g_object_get_data (self->category_checks->pdata[i], "category-id"));
        n_categories++;
      }
  for (guint i = 0; typed[i] != NULL; i++)
    {
      g_strstrip (typed[i]);
      if (typed[i][0] != '\0')
        {
          g_strv_builder_add (skus, typed[i]);
          n_skus++;
        }
    }
  g_clear_pointer (&match->categories, g_strfreev);
  g_clear_pointer (&match->skus, g_strfreev);
  if (n_categories > 0)
    match->categories = g_strv_builder_end (categories);
  if (n_skus > 0)
    match->skus = g_strv_builder_end (skus);

  match->has_renewal = selected (self->renewals_row) != 0;
  match->renewal = selected (self->renewals_row) == 1;

  if (!partner && !online)
    fault_set (fault, GTK_WIDGET (self->partner_check), _("tick at least one channel"));
  /* Both ticked is every sale: the list is written only if the rule had it. */
  match->has_channels = !(partner && online) || self->both_channels;
  match->channels[TD_CHANNEL_PARTNER] = partner;
  match->channels[TD_CHANNEL_ONLINE] = online;

  if (match->categories == NULL && match->skus == NULL && !match->has_renewal && !match->has_channels
      && match->extras == NULL)
    {
      if (match == rule->match)
        rule->match = NULL;
      td_match_free (match);
    }
  else
    rule->match = match;
}

static void
label_list_row (ListRow    *item,
                const char *first,
                const char *second,
                const char *remove)
{
  label_field (item->first, first);
  label_field (item->second, second);
  label_field (item->remove, remove);
  gtk_widget_set_tooltip_text (item->remove, remove);
}

static GPtrArray *
collect_units (TdRuleEditor *self,
               Fault        *fault)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) td_unit_amounts_free);

  for (guint t = 0; t < self->tiers->len; t++)
    {
      TierFields *fields = self->tiers->pdata[t];
      g_autofree char *tier_path = path_join ("amounts", fields->id);
      TdUnitAmounts *amounts = td_unit_amounts_new (fields->id);

      remember (self, tier_path, fields->units->len > 0 ? ((ListRow *) fields->units->pdata[0])->first : fields->units_row);
      for (guint i = 0; i < fields->units->len; i++)
        {
          ListRow *item = fields->units->pdata[i];
          g_autofree char *key = field_text (item->first);
          g_autofree char *line_path = g_strdup_printf ("%s[%u]", tier_path, i);
          /* TRANSLATORS: a per-unit amount's fields: "Gold, line 2, SKU or category" */
          g_autofree char *first = g_strdup_printf (_("%s, line %u, SKU or category"), fields->name, i + 1);
          /* TRANSLATORS: "Gold, line 2, amount per unit" */
          g_autofree char *second = g_strdup_printf (_("%s, line %u, amount per unit"), fields->name, i + 1);
          /* TRANSLATORS: a button: "Remove Gold, line 2" */
          g_autofree char *remove = g_strdup_printf (_("Remove %s, line %u"), fields->name, i + 1);
          gint64 value;

          label_list_row (item, first, second, remove);
          /* Not a path of the file (keys are names): lets tests reach a
           * line whose SKU is still empty. */
          remember (self, line_path, item->first);
          if (key[0] == '\0')
            {
              fault_set (fault, item->first, _("type a SKU, a category id or “*”"));
              continue;
            }
          if (td_entries_find (amounts->amounts, key) != NULL)
            {
              g_autofree char *message = g_strdup_printf (_("“%s” is already on an earlier line"), key);

              fault_set (fault, item->first, message);
              continue;
            }
          {
            g_autofree char *path = path_join (tier_path, key);

            remember (self, path, item->second);
          }
          if (read_value (self, item->second, TD_UNIT_MONEY, TRUE, &value, fault) == VALUE_OK)
            td_entries_add (amounts->amounts, key, value);
        }
      if (fields->units->len > 0)
        g_ptr_array_add (result, amounts);
      else
        td_unit_amounts_free (amounts);
    }
  return result;
}

static GPtrArray *
collect_steps (TdRuleEditor *self,
               Fault        *fault)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tier_steps_free);

  for (guint t = 0; t < self->tiers->len; t++)
    {
      TierFields *fields = self->tiers->pdata[t];
      g_autofree char *tier_path = path_join ("steps", fields->id);
      TdTierSteps *steps = td_tier_steps_new (fields->id);

      remember (self, tier_path, fields->steps->len > 0 ? ((ListRow *) fields->steps->pdata[0])->first : fields->steps_row);
      for (guint i = 0; i < fields->steps->len; i++)
        {
          ListRow *item = fields->steps->pdata[i];
          g_autofree char *step_path = g_strdup_printf ("%s[%u]", tier_path, i);
          g_autofree char *from_path = path_join (step_path, "from");
          g_autofree char *rate_path = path_join (step_path, "rate");
          /* TRANSLATORS: a rebate step's fields: "Privileged, step 2, from" */
          g_autofree char *first = g_strdup_printf (_("%s, step %u, from"), fields->name, i + 1);
          /* TRANSLATORS: "Privileged, step 2, rate" */
          g_autofree char *second = g_strdup_printf (_("%s, step %u, rate"), fields->name, i + 1);
          /* TRANSLATORS: a button: "Remove Privileged, step 2" */
          g_autofree char *remove = g_strdup_printf (_("Remove %s, step %u"), fields->name, i + 1);
          TdStep step = { 0, 0, NULL };
          ValueState from, rate;

          label_list_row (item, first, second, remove);
          remember (self, step_path, item->first);
          remember (self, from_path, item->first);
          remember (self, rate_path, item->second);
          from = read_value (self, item->first, TD_UNIT_MONEY, TRUE, &step.from, fault);
          rate = read_value (self, item->second, TD_UNIT_RATE, TRUE, &step.rate, fault);
          if (from != VALUE_OK || rate != VALUE_OK)
            continue;
          step.extras = item->extras != NULL ? json_object_ref (item->extras) : NULL;
          g_array_append_val (steps->steps, step);
        }
      if (fields->steps->len > 0)
        g_ptr_array_add (result, steps);
      else
        td_tier_steps_free (steps);
    }
  return result;
}

static void
collect_loyalty (TdRuleEditor *self,
                 TdRule       *rule,
                 Fault        *fault)
{
  TdLoyalty *loyalty;

  if (!gtk_switch_get_active (self->loyalty_switch))
    {
      g_clear_pointer (&rule->loyalty, td_loyalty_free);
      return;
    }
  if (rule->loyalty == NULL)
    rule->loyalty = td_loyalty_new ();
  loyalty = rule->loyalty;
  remember (self, "loyalty", self->loyalty_switch);
  remember (self, "loyalty.window_days", self->window_row);
  remember (self, "loyalty.steps", self->loyalty_steps->len > 0 ? ((ListRow *) self->loyalty_steps->pdata[0])->first
                                                                 : self->add_loyalty_button);
  read_value (self, self->window_row, TD_UNIT_COUNT, TRUE, &loyalty->window_days, fault);
  g_array_set_size (loyalty->steps, 0);
  for (guint i = 0; i < self->loyalty_steps->len; i++)
    {
      ListRow *item = self->loyalty_steps->pdata[i];
      g_autofree char *step_path = g_strdup_printf ("loyalty.steps[%u]", i);
      g_autofree char *prior_path = path_join (step_path, "min_prior");
      g_autofree char *multiplier_path = path_join (step_path, "multiplier");
      /* TRANSLATORS: a loyalty step's fields: "Loyalty step 2, earlier payouts" */
      g_autofree char *first = g_strdup_printf (_("Loyalty step %u, earlier payouts"), i + 1);
      /* TRANSLATORS: "Loyalty step 2, multiplier" */
      g_autofree char *second = g_strdup_printf (_("Loyalty step %u, multiplier"), i + 1);
      /* TRANSLATORS: a button: "Remove loyalty step 2" */
      g_autofree char *remove = g_strdup_printf (_("Remove loyalty step %u"), i + 1);
      TdLoyaltyStep step = { 0, TD_RATE_SCALE, NULL };
      ValueState prior, multiplier;

      label_list_row (item, first, second, remove);
      remember (self, step_path, item->first);
      remember (self, prior_path, item->first);
      remember (self, multiplier_path, item->second);
      prior = read_value (self, item->first, TD_UNIT_COUNT, TRUE, &step.min_prior, fault);
      multiplier = read_value (self, item->second, TD_UNIT_RATE, TRUE, &step.multiplier, fault);
      if (prior != VALUE_OK || multiplier != VALUE_OK)
        continue;
      step.extras = item->extras != NULL ? json_object_ref (item->extras) : NULL;
      g_array_append_val (loyalty->steps, step);
    }
}

/* Writes every field into @rule (a rule of a copy of the program) and
 * registers each field under its path. The first field that does not
 * read goes to @fault; the others are still read and registered. */
static void
collect (TdRuleEditor *self,
         TdRule       *rule,
         Fault        *fault)
{
  TdRuleKind kind = selected (self->kind_row);
  TdBonusMetric metric = selected (self->metric_row);
  gboolean pays_rates = selected (self->pays_row) == 1;

  g_hash_table_remove_all (self->paths);
  g_free (rule->name);
  rule->name = field_text (self->name_row);
  g_free (rule->id);
  rule->id = field_text (self->id_row);
  rule->kind = kind;
  rule->kind_unknown = FALSE;
  remember (self, "name", self->name_row);
  remember (self, "id", self->id_row);
  remember (self, "kind", self->kind_row);
  if (kind == TD_RULE_PERCENT || kind == TD_RULE_REBATE)
    {
      rule->base = selected (self->base_row);
      remember (self, "base", self->base_row);
    }
  collect_active (self, rule, fault);

  rule->metric = kind == TD_RULE_BONUS ? metric : TD_METRIC_REVENUE;
  if (kind == TD_RULE_WELCOME || td_rule_is_on_deals (rule))
    g_clear_pointer (&rule->match, td_match_free);
  else
    collect_match (self, rule, fault);

  /* The values of the other kinds go. */
  g_clear_pointer (&rule->rates, g_array_unref);
  g_clear_pointer (&rule->amounts, g_array_unref);
  g_clear_pointer (&rule->unit_amounts, g_ptr_array_unref);
  g_clear_pointer (&rule->steps, g_ptr_array_unref);
  g_clear_pointer (&rule->targets, g_array_unref);
  if (kind != TD_RULE_NEW_CUSTOMER)
    g_clear_pointer (&rule->loyalty, td_loyalty_free);

  if (kind == TD_RULE_REBATE || kind == TD_RULE_BONUS)
    {
      rule->period = selected (self->period_row);
      remember (self, "period", self->period_row);
    }
  if (kind == TD_RULE_NEW_CUSTOMER || (kind == TD_RULE_BONUS && metric == TD_METRIC_NEW_CUSTOMERS))
    {
      remember (self, "lookback_days", self->lookback_row);
      read_value (self, self->lookback_row, TD_UNIT_COUNT, TRUE, &rule->lookback_days, fault);
    }

  switch (kind)
    {
    case TD_RULE_PERCENT:
      rule->rates = collect_tier_values (self, "rates", G_STRUCT_OFFSET (TierFields, rate_row), TD_UNIT_RATE, fault);
      break;
    case TD_RULE_PER_UNIT:
      rule->unit_amounts = collect_units (self, fault);
      break;
    case TD_RULE_NEW_CUSTOMER:
      rule->requires_deal_registration = gtk_switch_get_active (self->deal_switch);
      remember (self, "requires_deal_registration", self->deal_switch);
      if (pays_rates)
        rule->rates = collect_tier_values (self, "rates", G_STRUCT_OFFSET (TierFields, rate_row), TD_UNIT_RATE, fault);
      else
        rule->amounts = collect_tier_values (self, "amounts", G_STRUCT_OFFSET (TierFields, amount_row),
                                             TD_UNIT_MONEY, fault);
      collect_loyalty (self, rule, fault);
      break;
    case TD_RULE_REBATE:
      rule->mode = selected (self->mode_row);
      remember (self, "mode", self->mode_row);
      rule->steps = collect_steps (self, fault);
      break;
    case TD_RULE_BONUS:
      remember (self, "metric", self->metric_row);
      rule->targets = collect_tier_values (self, "targets", G_STRUCT_OFFSET (TierFields, target_row),
                                           metric == TD_METRIC_REVENUE ? TD_UNIT_MONEY : TD_UNIT_COUNT, fault);
      rule->amounts = collect_tier_values (self, "amounts", G_STRUCT_OFFSET (TierFields, amount_row),
                                           TD_UNIT_MONEY, fault);
      break;
    case TD_RULE_WELCOME:
    case TD_N_RULE_KINDS:
    default:
      rule->amounts = collect_tier_values (self, "amounts", G_STRUCT_OFFSET (TierFields, amount_row),
                                           TD_UNIT_MONEY, fault);
      break;
    }

  rule->has_cap = FALSE;
  rule->cap_period = TD_PERIOD_PERIOD;
  if (gtk_switch_get_active (self->cap_switch))
    {
      remember (self, "cap", self->cap_row);
      remember (self, "cap_period", self->cap_period_row);
      rule->has_cap = read_value (self, self->cap_row, TD_UNIT_MONEY, TRUE, &rule->cap, fault) == VALUE_OK;
      rule->cap_period = selected (self->cap_period_row);
    }
}

/* ---- checking --------------------------------------------------------- */

/* A refusal of the edit: its path, when it has one, names the field. */
static void
explain (TdRuleEditor *self,
         const GError *error,
         Fault        *fault)
{
  const char *message = error->message;
  const char *colon = strstr (message, ": ");
  GtkWidget *widget = NULL;

  /* The id is taken, or renaming would merge two overrides' values. */
  if (g_error_matches (error, TD_EDIT_ERROR, TD_EDIT_ERROR_DUPLICATE_ID))
    widget = GTK_WIDGET (self->id_row);
  else if (colon != NULL && g_ascii_islower (message[0]))
    {
      g_autofree char *path = g_strndup (message, colon - message);
      gsize plain = strcspn (path, "[");

      /* Member names up to the first bracket: a path, not a sentence. */
      if (strspn (path, "abcdefghijklmnopqrstuvwxyz0123456789_-.") >= plain)
        widget = find_field (self, path);
      if (widget != NULL)
        message = colon + 2;
    }
  fault_set (fault, widget, message);
}

static void
show_fault (TdRuleEditor *self,
            const Fault  *fault)
{
  if (self->error_widget != NULL)
    {
      gtk_widget_remove_css_class (self->error_widget, "error");
      gtk_widget_set_tooltip_text (self->error_widget, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->error_widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->error_widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
  g_clear_weak_pointer (&self->error_widget);
  g_free (self->error_text);
  self->error_text = g_strdup (fault->message);
  if (fault->widget != NULL)
    {
      g_set_weak_pointer (&self->error_widget, fault->widget);
      gtk_widget_add_css_class (fault->widget, "error");
      gtk_widget_set_tooltip_text (fault->widget, fault->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (fault->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, fault->message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (fault->widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  gtk_label_set_text (self->error_label, fault->message != NULL ? fault->message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, fault->message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule.apply", fault->message == NULL);
}

/* The rule as the fields say, in @draft (a copy of the private program):
 * NULL with @fault set when a field does not read. */
static TdRule *
rule_from_fields (TdRuleEditor *self,
                  TdProgram    *draft,
                  Fault        *fault)
{
  TdRule *rule = draft->rules->pdata[self->index];

  collect (self, rule, fault);
  return fault->message == NULL ? rule : NULL;
}

static void
check (TdRuleEditor *self)
{
  g_autoptr(TdProgram) draft = NULL;
  g_autoptr(TdProgram) trial = NULL;
  g_autoptr(GError) error = NULL;
  Fault fault = { NULL, NULL };
  TdRule *rule;

  if (self->filling || self->done)
    return;
  draft = td_program_copy (self->program);
  rule = rule_from_fields (self, draft, &fault);
  if (rule != NULL)
    {
      /* Exactly what Apply will do, on a copy. */
      trial = td_program_copy (td_editor_get_program (self->editor));
      if (trial == NULL)
        fault_set (&fault, NULL, _("The program has errors that keep it from being edited"));
      else if (!td_program_replace_rule (trial, self->rule_id, rule, &error))
        explain (self, error, &fault);
    }
  show_fault (self, &fault);
  g_free (fault.message);
}

/* ---- what is shown ---------------------------------------------------- */

static const char *
kind_explanation (TdRuleKind kind)
{
  switch (kind)
    {
    case TD_RULE_PERCENT:
      return _("Pays a percent of each matching sale");
    case TD_RULE_PER_UNIT:
      return _("Pays an amount for each unit sold, by product or category");
    case TD_RULE_NEW_CUSTOMER:
      return _("Pays on each sale to a customer who has not bought for a while");
    case TD_RULE_REBATE:
      return _("Pays a percent of a period's sales once they reach a step");
    case TD_RULE_BONUS:
      return _("Pays a fixed bonus when a period's figure reaches a target");
    case TD_RULE_WELCOME:
    case TD_N_RULE_KINDS:
    default:
      return _("Pays once to each partner who joins during the period");
    }
}

static char *
target_explanation (TdBonusMetric metric,
                    TdPeriod      period)
{
  const char *when = td_rule_words_period (period);

  switch (metric)
    {
    case TD_METRIC_REVENUE:
      /* TRANSLATORS: %s is "each month", "each quarter" or "each year" */
      return g_strdup_printf (_("Revenue a partner must reach %s to earn the bonus; leave a tier empty to pay it nothing"), when);
    case TD_METRIC_UNITS:
      return g_strdup_printf (_("Units a partner must sell %s to earn the bonus; leave a tier empty to pay it nothing"), when);
    case TD_METRIC_NEW_CUSTOMERS:
      return g_strdup_printf (_("New customers a partner must win %s to earn the bonus; leave a tier empty to pay it nothing"), when);
    case TD_METRIC_REGISTERED_DEALS:
      return g_strdup_printf (_("Deals a partner must register %s to earn the bonus; leave a tier empty to pay it nothing"), when);
    case TD_METRIC_WON_DEALS:
    case TD_N_BONUS_METRICS:
    default:
      return g_strdup_printf (_("Deals a partner must win %s to earn the bonus; leave a tier empty to pay it nothing"), when);
    }
}

static void
update_categories_subtitle (TdRuleEditor *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->category_checks->len; i++)
    if (gtk_check_button_get_active (self->category_checks->pdata[i]))
      {
        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, field_label (self->category_checks->pdata[i]));
      }
  adw_expander_row_set_subtitle (self->categories_row, names->len > 0 ? names->str : _("Any category"));
}

/* Shows the fields of the chosen kind, and words that follow the choices. */
static void
update_view (TdRuleEditor *self)
{
  TdRuleKind kind = selected (self->kind_row);
  TdBonusMetric metric = selected (self->metric_row);
  gboolean bonus = kind == TD_RULE_BONUS;
  gboolean new_customer = kind == TD_RULE_NEW_CUSTOMER;
  gboolean pays_rates = new_customer && selected (self->pays_row) == 1;
  gboolean on_deals = bonus && (metric == TD_METRIC_REGISTERED_DEALS || metric == TD_METRIC_WON_DEALS);
  gboolean loyalty = new_customer && gtk_switch_get_active (self->loyalty_switch);
  gboolean cap = gtk_switch_get_active (self->cap_switch);
  g_autofree char *name = field_text (self->name_row);

  adw_window_title_set_subtitle (self->window_title, name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), kind_explanation (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->base_row), kind == TD_RULE_PERCENT || kind == TD_RULE_REBATE);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), gtk_switch_get_active (self->active_switch));
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), gtk_switch_get_active (self->active_switch));
  gtk_widget_set_visible (GTK_WIDGET (self->match_group), kind != TD_RULE_WELCOME && !on_deals);
  update_categories_subtitle (self);

  gtk_widget_set_visible (GTK_WIDGET (self->settings_group), kind == TD_RULE_REBATE || bonus || new_customer);
  gtk_widget_set_visible (GTK_WIDGET (self->metric_row), bonus);
  gtk_widget_set_visible (GTK_WIDGET (self->period_row), kind == TD_RULE_REBATE || bonus);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->period_row),
                               bonus ? _("The target is counted afresh in each period")
                                     : _("Sales are added up afresh in each period"));
  gtk_widget_set_visible (GTK_WIDGET (self->mode_row), kind == TD_RULE_REBATE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mode_row),
                               selected (self->mode_row) == TD_REBATE_RETROACTIVE
                               ? _("The highest step reached pays its rate on all the period's sales")
                               : _("Each step's rate pays only on the sales above its amount, up to the next step"));
  gtk_widget_set_visible (GTK_WIDGET (self->pays_row), new_customer);
  gtk_widget_set_visible (GTK_WIDGET (self->lookback_row), new_customer || (bonus && metric == TD_METRIC_NEW_CUSTOMERS));
  gtk_widget_set_visible (GTK_WIDGET (self->deal_row), new_customer);

  gtk_widget_set_visible (GTK_WIDGET (self->targets_group), bonus);
  if (bonus)
    {
      g_autofree char *text = target_explanation (metric, selected (self->period_row));

      adw_preferences_group_set_description (self->targets_group, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->amounts_group), kind == TD_RULE_WELCOME || bonus || (new_customer && !pays_rates));
  if (kind == TD_RULE_WELCOME)
    {
      adw_preferences_group_set_title (self->amounts_group, _("Welcome Bonus per Tier"));
      adw_preferences_group_set_description (self->amounts_group,
                                             _("Paid once to each partner who joins during the period; leave a tier empty to pay it nothing"));
    }
  else if (bonus)
    {
      adw_preferences_group_set_title (self->amounts_group, _("Bonus per Tier"));
      adw_preferences_group_set_description (self->amounts_group,
                                             _("Paid for each period in which the partner reaches its tier's target"));
    }
  else
    {
      adw_preferences_group_set_title (self->amounts_group, _("Amount per Tier"));
      adw_preferences_group_set_description (self->amounts_group,
                                             _("Paid on each sale to a new customer; leave a tier empty to pay it nothing"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rates_group), kind == TD_RULE_PERCENT || pays_rates);
  adw_preferences_group_set_description (self->rates_group,
                                         pays_rates
                                         ? _("Percent of the net amount of each sale to a new customer; leave a tier empty to pay it nothing")
                                         : selected (self->base_row) == TD_BASE_LIST
                                         ? _("Percent of list price × quantity of each matching sale; leave a tier empty to pay it nothing")
                                         : _("Percent of the net amount of each matching sale; leave a tier empty to pay it nothing"));

  gtk_widget_set_visible (GTK_WIDGET (self->units_group), kind == TD_RULE_PER_UNIT);
  gtk_widget_set_visible (GTK_WIDGET (self->steps_group), kind == TD_RULE_REBATE);
  for (guint t = 0; t < self->tiers->len; t++)
    {
      TierFields *fields = self->tiers->pdata[t];
      g_autofree char *units = fields->units->len > 0
                               /* TRANSLATORS: a tier's per-unit amounts: "3 amounts" */
                               ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u amount", "%u amounts", fields->units->len),
                                                  fields->units->len)
                               : g_strdup (_("No amounts: this tier earns nothing from the rule"));
      g_autofree char *steps = fields->steps->len > 0
                               /* TRANSLATORS: a tier's rebate steps: "2 steps" */
                               ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", fields->steps->len),
                                                  fields->steps->len)
                               : g_strdup (_("No steps: this tier earns no rebate"));

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fields->units_row), units);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fields->steps_row), steps);
      /* Open on nothing looks broken; the add button opens it. */
      if (fields->units->len == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (fields->units_row), FALSE);
      if (fields->steps->len == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (fields->steps_row), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->loyalty_group), new_customer);
  gtk_widget_set_visible (self->add_loyalty_button, loyalty);
  gtk_widget_set_visible (GTK_WIDGET (self->window_row), loyalty);
  for (guint i = 0; i < self->loyalty_steps->len; i++)
    gtk_widget_set_visible (((ListRow *) self->loyalty_steps->pdata[i])->row, loyalty);

  gtk_widget_set_visible (GTK_WIDGET (self->cap_row), cap);
  gtk_widget_set_visible (GTK_WIDGET (self->cap_period_row), cap);
}

static void
changed_cb (TdRuleEditor *self)
{
  if (self->filling || self->done)
    return;
  update_view (self);
  check (self);
}

/* ---- lists ------------------------------------------------------------ */

static GtkWidget *
dim_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
list_entry_new (const char *text,
                int         width,
                gboolean    numeric)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (numeric)
    {
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      gtk_widget_add_css_class (entry, "numeric");
    }
  return entry;
}

static void remove_clicked_cb (GtkButton *button, TdRuleEditor *self);

typedef struct
{
  const char *before;       /* words before the first entry, or NULL */
  const char *between;
  const char *after;
  int         first_width;  /* in characters */
  gboolean    first_numeric;
  gboolean    first_expands;
  int         second_width;
  const char *placeholder;  /* of the first entry, or NULL */
} ListShape;

static const ListShape *
step_shape (void)
{
  static ListShape shape;

  /* TRANSLATORS: a rebate step reads "Sales from [100,000.00 ₽] earn [5 %]" */
  shape = (ListShape) { _("Sales from"), _("earn"), NULL, 12, TRUE, TRUE, 8, NULL };
  return &shape;
}

static const ListShape *
unit_shape (void)
{
  static ListShape shape;

  /* TRANSLATORS: a per-unit amount reads "[SNOM-D717] earns [6.00 €] per unit" */
  shape = (ListShape) { NULL, _("earns"), _("per unit"), 12, FALSE, TRUE, 10, _("SKU, category or *") };
  return &shape;
}

static const ListShape *
loyalty_shape (void)
{
  static ListShape shape;

  /* TRANSLATORS: a loyalty step reads "From [3] earlier payouts: reward × [1.1]" */
  shape = (ListShape) { _("From"), _("earlier payouts: reward ×"), NULL, 4, TRUE, FALSE, 6, NULL };
  return &shape;
}

static ListRow *
list_row_add (TdRuleEditor    *self,
              GPtrArray       *list,
              GtkWidget       *container,
              GtkWidget       *add_button,
              const ListShape *shape,
              const char      *first,
              const char      *second,
              JsonObject      *extras)
{
  ListRow *item = g_new0 (ListRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  if (shape->before != NULL)
    gtk_box_append (GTK_BOX (box), dim_label_new (shape->before));
  item->first = list_entry_new (first, shape->first_width, shape->first_numeric);
  gtk_widget_set_hexpand (item->first, shape->first_expands);
  gtk_box_append (GTK_BOX (box), item->first);
  gtk_box_append (GTK_BOX (box), dim_label_new (shape->between));
  item->second = list_entry_new (second, shape->second_width, TRUE);
  gtk_widget_set_hexpand (item->second, !shape->first_expands);
  gtk_box_append (GTK_BOX (box), item->second);
  if (shape->after != NULL)
    gtk_box_append (GTK_BOX (box), dim_label_new (shape->after));
  item->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (item->remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (item->remove, "flat");
  gtk_widget_add_css_class (item->remove, "circular");
  gtk_box_append (GTK_BOX (box), item->remove);
  if (shape->placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (item->first), shape->placeholder);

  item->row = adw_preferences_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item->row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item->row), FALSE);
  gtk_widget_set_focusable (item->row, FALSE);
  item->container = container;
  item->add_button = add_button;
  item->list = list;
  item->extras = extras != NULL ? json_object_ref (extras) : NULL;
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), item->row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), item->row);

  g_object_set_data (G_OBJECT (item->remove), "td-list-row", item);
  g_signal_connect_swapped (item->first, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (item->second, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (item->remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  g_ptr_array_add (list, item);
  return item;
}

static void
remove_clicked_cb (GtkButton    *button,
                   TdRuleEditor *self)
{
  ListRow *item = g_object_get_data (G_OBJECT (button), "td-list-row");
  GtkWidget *add_button = item->add_button;

  if (ADW_IS_EXPANDER_ROW (item->container))
    adw_expander_row_remove (ADW_EXPANDER_ROW (item->container), item->row);
  else
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (item->container), item->row);
  /* Frees @item. */
  g_ptr_array_remove (item->list, item);
  gtk_widget_grab_focus (add_button);
  changed_cb (self);
}

static TierFields *
find_tier_fields (TdRuleEditor *self,
                  const char   *tier_id)
{
  for (guint t = 0; t < self->tiers->len; t++)
    if (g_str_equal (((TierFields *) self->tiers->pdata[t])->id, tier_id))
      return self->tiers->pdata[t];
  return NULL;
}

static void
added (TdRuleEditor *self,
       GtkWidget    *container,
       ListRow      *item)
{
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (container), TRUE);
  changed_cb (self);
  gtk_widget_grab_focus (item->first);
}

static void
add_step_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdRuleEditor *self = TD_RULE_EDITOR (widget);
  TierFields *fields = find_tier_fields (self, g_variant_get_string (parameter, NULL));

  if (fields != NULL)
    added (self, fields->steps_row,
           list_row_add (self, fields->steps, fields->steps_row, fields->add_step, step_shape (), "", "", NULL));
}

static void
add_amount_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdRuleEditor *self = TD_RULE_EDITOR (widget);
  TierFields *fields = find_tier_fields (self, g_variant_get_string (parameter, NULL));

  if (fields != NULL)
    added (self, fields->units_row,
           list_row_add (self, fields->units, fields->units_row, fields->add_unit, unit_shape (), "", "", NULL));
}

static void
add_loyalty_step_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TdRuleEditor *self = TD_RULE_EDITOR (widget);

  added (self, GTK_WIDGET (self->loyalty_group),
         list_row_add (self, self->loyalty_steps, GTK_WIDGET (self->loyalty_group), self->add_loyalty_button,
                       loyalty_shape (), "", "", NULL));
}

/* ---- building --------------------------------------------------------- */

static GtkWidget *
tier_entry_row_new (AdwPreferencesGroup *group,
                    const char          *title,
                    const char          *label)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_alignment (GTK_EDITABLE (row), 0.0);
  gtk_widget_add_css_class (row, "numeric");
  label_field (row, label);
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
tier_list_row_new (AdwPreferencesGroup *group,
                   const TdTier        *tier,
                   const char          *action,
                   const char          *tooltip,
                   GtkWidget          **add_button)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tier->name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tier->id);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  adw_preferences_group_add (group, row);
  *add_button = button;
  return row;
}

static void
build_tiers (TdRuleEditor *self)
{
  const TdProgram *program = self->program;
  g_autoptr(GString) categories = g_string_new (NULL);
  g_autofree char *units = NULL;

  for (guint t = 0; t < program->tiers->len; t++)
    {
      const TdTier *tier = program->tiers->pdata[t];
      TierFields *fields = g_new0 (TierFields, 1);
      /* TRANSLATORS: a tier's field: "Certified, rate" */
      g_autofree char *rate = g_strdup_printf (_("%s, rate"), tier->name);
      /* TRANSLATORS: "Certified, amount" */
      g_autofree char *amount = g_strdup_printf (_("%s, amount"), tier->name);
      /* TRANSLATORS: "Certified, target" */
      g_autofree char *target = g_strdup_printf (_("%s, target"), tier->name);
      /* TRANSLATORS: a button: "Add an amount for Gold" */
      g_autofree char *add_unit = g_strdup_printf (_("Add an amount for %s"), tier->name);
      /* TRANSLATORS: a button: "Add a step for Privileged" */
      g_autofree char *add_step = g_strdup_printf (_("Add a step for %s"), tier->name);

      fields->id = g_strdup (tier->id);
      fields->name = g_strdup (tier->name);
      fields->units = g_ptr_array_new_with_free_func ((GDestroyNotify) list_row_free);
      fields->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) list_row_free);
      fields->rate_row = tier_entry_row_new (self->rates_group, tier->name, rate);
      fields->amount_row = tier_entry_row_new (self->amounts_group, tier->name, amount);
      fields->target_row = tier_entry_row_new (self->targets_group, tier->name, target);
      fields->units_row = tier_list_row_new (self->units_group, tier, "rule.add-amount", add_unit, &fields->add_unit);
      fields->steps_row = tier_list_row_new (self->steps_group, tier, "rule.add-step", add_step, &fields->add_step);
      g_signal_connect_swapped (fields->rate_row, "changed", G_CALLBACK (changed_cb), self);
      g_signal_connect_swapped (fields->amount_row, "changed", G_CALLBACK (changed_cb), self);
      g_signal_connect_swapped (fields->target_row, "changed", G_CALLBACK (changed_cb), self);
      g_ptr_array_add (self->tiers, fields);
    }

  for (guint c = 0; c < program->categories->len; c++)
    {
      const TdCategory *category = program->categories->pdata[c];

      g_string_append_printf (categories, "%s%s", c > 0 ? ", " : "", category->id);
    }
  units = categories->len > 0
          /* TRANSLATORS: %s lists the program's category ids */
          ? g_strdup_printf (_("Each unit sold earns the amount of its SKU, else of its category (%s), else of “*”; a sale with none earns nothing"),
                             categories->str)
          : g_strdup (_("Each unit sold earns the amount of its SKU, else of “*”; a sale with none earns nothing"));
  adw_preferences_group_set_description (self->units_group, units);
}

static void
build_categories (TdRuleEditor *self)
{
  const TdProgram *program = self->program;

  for (guint c = 0; c < program->categories->len; c++)
    {
      const TdCategory *category = program->categories->pdata[c];
      const char *name = category->name != NULL && category->name[0] != '\0' ? category->name : category->id;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), category->id);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      label_field (check, name);
      g_object_set_data_full (G_OBJECT (check), "category-id", g_strdup (category->id), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (changed_cb), self);
      adw_expander_row_add_row (self->categories_row, row);
      g_ptr_array_add (self->category_checks, check);
    }
}

static char *
money_text (TdRuleEditor *self,
            TdMoney       cents)
{
  return td_format_money (cents, self->program->currency);
}

/* A multiplier (1.1) is a number, not a percent. */
static char *
number_text (TdRate value)
{
  char buf[TD_RATE_BUF];

  return g_strdup (td_rate_format_buf (value, buf));
}

static void
fill_tier_values (TdRuleEditor *self,
                  GArray       *entries,
                  gsize         offset,
                  TdUnit        unit)
{
  for (guint t = 0; t < self->tiers->len; t++)
    {
      TierFields *fields = self->tiers->pdata[t];
      const TdEntry *entry = entries != NULL ? td_entries_find (entries, fields->id) : NULL;
      g_autofree char *text = NULL;

      if (entry != NULL)
        text = unit == TD_UNIT_MONEY ? money_text (self, entry->value)
               : unit == TD_UNIT_RATE ? td_format_rate (entry->value)
               : td_format_count ((guint64) MAX (entry->value, 0));
      set_text (G_STRUCT_MEMBER (GtkWidget *, fields, offset), text);
    }
}

static void
fill (TdRuleEditor *self,
      const TdRule *rule)
{
  const TdMatch *match = rule->match;
  gboolean bonus = rule->kind == TD_RULE_BONUS;
  gboolean both = TRUE;
  g_autofree char *lookback = td_format_count ((guint64) MAX (rule->lookback_days, 0));
  g_autofree char *window = td_format_count ((guint64) (rule->loyalty != NULL ? MAX (rule->loyalty->window_days, 0) : 365));

  self->filling = TRUE;
  set_text (self->name_row, rule->name);
  set_text (self->id_row, rule->id);
  adw_combo_row_set_selected (self->kind_row, rule->kind);
  adw_combo_row_set_selected (self->base_row, rule->base);

  gtk_switch_set_active (self->active_switch, rule->has_active);
  if (rule->has_active_from)
    {
      g_autofree char *from = td_format_date (rule->active_from);

      set_text (self->from_row, from);
    }
  if (rule->has_active_to)
    {
      g_autofree char *to = td_format_date (rule->active_to);

      set_text (self->to_row, to);
    }

  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = self->category_checks->pdata[i];
      const char *id = g_object_get_data (G_OBJECT (check), "category-id");

      gtk_check_button_set_active (check, match != NULL && match->categories != NULL
                                          && g_strv_contains ((const char *const *) match->categories, id));
    }
  if (match != NULL && match->skus != NULL)
    {
      g_autofree char *skus = g_strjoinv (", ", match->skus);

      set_text (self->skus_row, skus);
    }
  adw_combo_row_set_selected (self->renewals_row, match == NULL || !match->has_renewal ? 0 : match->renewal ? 1 : 2);
  if (match != NULL && match->has_channels)
    {
      both = match->channels[TD_CHANNEL_PARTNER] && match->channels[TD_CHANNEL_ONLINE];
      gtk_check_button_set_active (self->partner_check, match->channels[TD_CHANNEL_PARTNER]);
      gtk_check_button_set_active (self->online_check, match->channels[TD_CHANNEL_ONLINE]);
      self->both_channels = both;
    }
  else
    {
      gtk_check_button_set_active (self->partner_check, TRUE);
      gtk_check_button_set_active (self->online_check, TRUE);
    }

  adw_combo_row_set_selected (self->metric_row, bonus ? rule->metric : TD_METRIC_REVENUE);
  adw_combo_row_set_selected (self->period_row, rule->period < TD_PERIOD_PERIOD ? rule->period : TD_PERIOD_MONTH);
  adw_combo_row_set_selected (self->mode_row, rule->mode);
  adw_combo_row_set_selected (self->pays_row,
                              rule->kind == TD_RULE_NEW_CUSTOMER && rule->rates != NULL && rule->amounts == NULL);
  set_text (self->lookback_row, lookback);
  gtk_switch_set_active (self->deal_switch, rule->requires_deal_registration);

  fill_tier_values (self, rule->rates, G_STRUCT_OFFSET (TierFields, rate_row), TD_UNIT_RATE);
  fill_tier_values (self, rule->amounts, G_STRUCT_OFFSET (TierFields, amount_row), TD_UNIT_MONEY);
  fill_tier_values (self, rule->targets, G_STRUCT_OFFSET (TierFields, target_row),
                    bonus && rule->metric != TD_METRIC_REVENUE ? TD_UNIT_COUNT : TD_UNIT_MONEY);
  for (guint i = 0; rule->unit_amounts != NULL && i < rule->unit_amounts->len; i++)
    {
      const TdUnitAmounts *amounts = rule->unit_amounts->pdata[i];
      TierFields *fields = find_tier_fields (self, amounts->tier);

      for (guint k = 0; fields != NULL && k < amounts->amounts->len; k++)
        {
          const TdEntry *entry = &g_array_index (amounts->amounts, TdEntry, k);
          g_autofree char *amount = money_text (self, entry->value);

          list_row_add (self, fields->units, fields->units_row, fields->add_unit, unit_shape (),
                        entry->key, amount, NULL);
        }
    }
  for (guint i = 0; rule->steps != NULL && i < rule->steps->len; i++)
    {
      const TdTierSteps *steps = rule->steps->pdata[i];
      TierFields *fields = find_tier_fields (self, steps->tier);

      for (guint k = 0; fields != NULL && k < steps->steps->len; k++)
        {
          const TdStep *step = &g_array_index (steps->steps, TdStep, k);
          g_autofree char *from = money_text (self, step->from);
          g_autofree char *rate = td_format_rate (step->rate);

          list_row_add (self, fields->steps, fields->steps_row, fields->add_step, step_shape (),
                        from, rate, step->extras);
        }
    }

  gtk_switch_set_active (self->loyalty_switch, rule->loyalty != NULL);
  set_text (self->window_row, window);
  for (guint i = 0; rule->loyalty != NULL && i < rule->loyalty->steps->len; i++)
    {
      const TdLoyaltyStep *step = &g_array_index (rule->loyalty->steps, TdLoyaltyStep, i);
      g_autofree char *prior = td_format_count ((guint64) MAX (step->min_prior, 0));
      g_autofree char *multiplier = number_text (step->multiplier);

      list_row_add (self, self->loyalty_steps, GTK_WIDGET (self->loyalty_group), self->add_loyalty_button,
                    loyalty_shape (), prior, multiplier, step->extras);
    }

  gtk_switch_set_active (self->cap_switch, rule->has_cap);
  if (rule->has_cap)
    {
      g_autofree char *cap = money_text (self, rule->cap);

      set_text (self->cap_row, cap);
    }
  adw_combo_row_set_selected (self->cap_period_row, rule->cap_period);
  adw_expander_row_set_expanded (self->categories_row, match != NULL && match->categories != NULL);
  self->filling = FALSE;
}

/* ---- actions ---------------------------------------------------------- */

gboolean
td_rule_editor_apply (TdRuleEditor *self,
                      GError      **error)
{
  g_autoptr(TdProgram) draft = NULL;
  g_autoptr(GError) refusal = NULL;
  Fault fault = { NULL, NULL };
  TdRule *rule;

  g_return_val_if_fail (TD_IS_RULE_EDITOR (self), FALSE);
  g_return_val_if_fail (!self->done, FALSE);

  draft = td_program_copy (self->program);
  rule = rule_from_fields (self, draft, &fault);
  if (rule != NULL)
    {
      /* The editor's "changed" that follows is this edit's. */
      self->done = TRUE;
      if (td_editor_replace_rule (self->editor, self->rule_id, rule, &refusal))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return TRUE;
        }
      self->done = FALSE;
      explain (self, refusal, &fault);
    }
  show_fault (self, &fault);
  g_set_error_literal (error, refusal != NULL ? refusal->domain : TD_EDIT_ERROR,
                       refusal != NULL ? refusal->code : TD_EDIT_ERROR_INVALID_VALUE, fault.message);
  g_free (fault.message);
  return FALSE;
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  /* A refusal is shown in the window. */
  td_rule_editor_apply (TD_RULE_EDITOR (widget), NULL);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdRuleEditor     *self)
{
  g_autoptr(GError) error = NULL;
  Fault fault = { NULL, NULL };

  if (!g_str_equal (response, "remove") || self->done)
    return;
  self->done = TRUE;
  if (td_editor_remove_rule (self->editor, self->rule_id, &error))
    {
      /* The dialog closes after this handler: it must not point at a
       * parent destroyed under it. */
      gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  self->done = FALSE;
  fault_set (&fault, NULL, error->message);
  show_fault (self, &fault);
  g_free (fault.message);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdRuleEditor *self = TD_RULE_EDITOR (widget);
  const TdRule *rule = self->program->rules->pdata[self->index];
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);

  /* TRANSLATORS: heading of the question before removing a rule */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"), rule->name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Partners stop earning from this rule, and the overrides lose their values for it. Undo brings it all back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
editor_changed_cb (TdRuleEditor *self,
                   guint         flags,
                   TdEditor     *editor)
{
  if (self->done)
    return;
  /* Undone or removed elsewhere: nothing left to edit. */
  if (td_program_find_rule (td_editor_get_program (editor), self->rule_id) < 0)
    {
      self->done = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  check (self);
}

/* ---- the window ------------------------------------------------------- */

TdRuleEditor *
td_rule_editor_new (GtkWindow  *parent,
                    TdEditor   *editor,
                    const char *rule_id)
{
  g_autoptr(TdProgram) program = NULL;
  TdRuleEditor *self;
  int index;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  program = td_program_copy (td_editor_get_program (editor));
  index = program != NULL ? td_program_find_rule (program, rule_id) : -1;
  g_return_val_if_fail (index >= 0, NULL);

  self = g_object_new (TD_TYPE_RULE_EDITOR, "transient-for", parent, NULL);
  self->editor = g_object_ref (editor);
  self->rule_id = g_strdup (rule_id);
  self->program = g_steal_pointer (&program);
  self->index = (guint) index;
  build_tiers (self);
  build_categories (self);
  fill (self, self->program->rules->pdata[self->index]);
  update_view (self);
  check (self);
  g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

GtkWidget *
td_rule_editor_get_field (TdRuleEditor *self,
                          const char   *path)
{
  g_return_val_if_fail (TD_IS_RULE_EDITOR (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  return g_hash_table_lookup (self->paths, path);
}

gboolean
td_rule_editor_can_apply (TdRuleEditor *self)
{
  g_return_val_if_fail (TD_IS_RULE_EDITOR (self), FALSE);
  return !self->done && self->error_text == NULL;
}

const char *
td_rule_editor_get_error_text (TdRuleEditor *self)
{
  g_return_val_if_fail (TD_IS_RULE_EDITOR (self), NULL);
  return self->error_text;
}

static void
td_rule_editor_dispose (GObject *object)
{
  TdRuleEditor *self = TD_RULE_EDITOR (object);

  /* Widgets going away check nothing. */
  self->done = TRUE;
  g_clear_weak_pointer (&self->error_widget);
  g_clear_object (&self->editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_RULE_EDITOR);
  G_OBJECT_CLASS (td_rule_editor_parent_class)->dispose (object);
}

static void
td_rule_editor_finalize (GObject *object)
{
  TdRuleEditor *self = TD_RULE_EDITOR (object);

  g_clear_pointer (&self->program, td_program_free);
  g_clear_pointer (&self->tiers, g_ptr_array_unref);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  g_clear_pointer (&self->loyalty_steps, g_ptr_array_unref);
  g_clear_pointer (&self->paths, g_hash_table_unref);
  g_free (self->rule_id);
  g_free (self->error_text);
  G_OBJECT_CLASS (td_rule_editor_parent_class)->finalize (object);
}

static void
td_rule_editor_class_init (TdRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_rule_editor_dispose;
  object_class->finalize = td_rule_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, page);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, base_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, from_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, to_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, match_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, categories_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, skus_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, renewals_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, partner_check);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, online_check);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, settings_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, metric_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, period_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, pays_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, lookback_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, deal_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, deal_switch);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, targets_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, amounts_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, rates_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, units_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, steps_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, loyalty_group);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, add_loyalty_button);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, loyalty_switch);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, window_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, cap_switch);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, cap_row);
  gtk_widget_class_bind_template_child (widget_class, TdRuleEditor, cap_period_row);

  gtk_widget_class_install_action (widget_class, "rule.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "rule.remove", NULL, remove_activated);
  gtk_widget_class_install_action (widget_class, "rule.add-step", "s", add_step_activated);
  gtk_widget_class_install_action (widget_class, "rule.add-amount", "s", add_amount_activated);
  gtk_widget_class_install_action (widget_class, "rule.add-loyalty-step", NULL, add_loyalty_step_activated);
  /* Escape is Cancel. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_rule_editor_init (TdRuleEditor *self)
{
  g_autofree char *first = td_format_date (td_date_from_ymd (2025, 3, 1));
  g_autofree char *last = td_format_date (td_date_from_ymd (2025, 5, 31));
  g_autofree char *from = NULL, *to = NULL;
  AdwEntryRow **changing[] = {
    &self->name_row, &self->id_row, &self->from_row, &self->to_row,
    &self->skus_row, &self->lookback_row, &self->window_row, &self->cap_row,
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) tier_fields_free);
  self->category_checks = g_ptr_array_new ();
  self->loyalty_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) list_row_free);
  self->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->apply_button);

  /* TRANSLATORS: %s is a date in the short form the app reads */
  from = g_strdup_printf (_("_From, such as %s (empty: no start)"), first);
  /* TRANSLATORS: %s is a date in the short form the app reads */
  to = g_strdup_printf (_("_Until, such as %s (empty: no end)"), last);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), from);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), to);

  label_field (GTK_WIDGET (self->name_row), _("Name"));
  label_field (GTK_WIDGET (self->id_row), _("Id"));
  label_field (GTK_WIDGET (self->kind_row), _("Kind"));
  label_field (GTK_WIDGET (self->base_row), _("Base"));
  label_field (GTK_WIDGET (self->active_switch), _("Only active between two dates"));
  label_field (GTK_WIDGET (self->from_row), _("From"));
  label_field (GTK_WIDGET (self->to_row), _("Until"));
  label_field (GTK_WIDGET (self->categories_row), _("Categories"));
  label_field (GTK_WIDGET (self->skus_row), _("SKUs"));
  label_field (GTK_WIDGET (self->renewals_row), _("Renewals"));
  label_field (GTK_WIDGET (self->partner_check), _("Sales through partners"));
  label_field (GTK_WIDGET (self->online_check), _("Sales in the online shop"));
  label_field (GTK_WIDGET (self->metric_row), _("Measured on"));
  label_field (GTK_WIDGET (self->period_row), _("Period"));
  label_field (GTK_WIDGET (self->mode_row), _("Rebate mode"));
  label_field (GTK_WIDGET (self->pays_row), _("Pays"));
  label_field (GTK_WIDGET (self->lookback_row), _("Days without a purchase before a customer counts as new"));
  label_field (GTK_WIDGET (self->deal_switch), _("Requires a registered deal"));
  label_field (GTK_WIDGET (self->loyalty_switch), _("Pay more to partners who earned it often"));
  label_field (GTK_WIDGET (self->window_row), _("Loyalty window in days"));
  label_field (self->add_loyalty_button, _("Add a loyalty step"));
  label_field (GTK_WIDGET (self->cap_switch), _("Limit what a partner earns from this rule"));
  label_field (GTK_WIDGET (self->cap_row), _("Maximum per partner"));
  label_field (GTK_WIDGET (self->cap_period_row), _("Cap period"));

  for (guint i = 0; i < G_N_ELEMENTS (changing); i++)
    g_signal_connect_swapped (*changing[i], "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->base_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->renewals_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->metric_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->pays_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->cap_period_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->active_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->deal_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->loyalty_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->cap_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->partner_check, "toggled", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->online_check, "toggled", G_CALLBACK (changed_cb), self);
}
