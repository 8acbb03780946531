/* td-explanation-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-analysis.h"
#include "td-explanation-window.h"
#include "td-format.h"

/* A partner can have thousands of lines under one rule: the window shows
 * the first ones; the payout lines export has them all. */
#define MAX_LINES_SHOWN 200

struct _TdExplanationWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *tier_group;
  AdwPreferencesGroup  *rules_group;
  AdwPreferencesGroup  *detail_group;

  /* What is explained, kept: the result it came from may be replaced by
   * the next simulation while the window is open. */
  char                 *currency;
  GPtrArray            *details;        /* per rule: GPtrArray of GStrv {title, value, …} */
  GPtrArray            *detail_rows;
  TdMoney               total;
  TdMoney               payout;
  guint                 n_rules;
};

G_DEFINE_FINAL_TYPE (TdExplanationWindow, td_explanation_window, ADW_TYPE_WINDOW)

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  adw_preferences_group_add (group, row);
}

/* A requirement's value in its unit: money, a count or a number. */
static char *
requirement_value_text (const char          *currency,
                        const TdRequirement *requirement,
                        gint64               value)
{
  switch (requirement->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      return td_format_money (value, currency);
    case TD_REQUIREMENT_ATTRIBUTE:
      {
        char buf[TD_RATE_BUF];

        return g_strdup (td_rate_format_buf (value, buf));
      }
    case TD_REQUIREMENT_UNITS:
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
    case TD_REQUIREMENT_MANUAL:
    case TD_N_REQUIREMENT_KINDS:
    default:
      return td_format_count ((guint64) MAX (value, 0));
    }
}

static void
add_requirements (TdExplanationWindow *self,
                  const GArray        *checks,
                  const char          *heading)
{
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const TdRequirementCheck *check = &g_array_index (checks, TdRequirementCheck, i);
      const TdRequirement *requirement = check->requirement;
      g_autofree char *subtitle = NULL;

      if (requirement->kind == TD_REQUIREMENT_MANUAL)
        subtitle = g_strdup_printf ("%s · %s", heading, _("checked by the channel team"));
      else
        {
          g_autofree char *value = requirement_value_text (self->currency, requirement, check->value);
          g_autofree char *min = requirement_value_text (self->currency, requirement, requirement->min);

          /* TRANSLATORS: a requirement: "Certified · 612,000.00 ₽ of at least 500,000.00 ₽" */
          subtitle = g_strdup_printf (_("%s · %s of at least %s"), heading, value, min);
        }
      add_row (self->tier_group, requirement->label != NULL ? requirement->label : requirement->id, subtitle,
               check->met ? "emblem-ok-symbolic" : "window-close-symbolic");
    }
}

/* The details of one line, as {title, value} pairs. */
static GPtrArray *
line_details (TdExplanationWindow   *self,
              const TdResult        *result,
              const TdExplainedLine *explained)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const TdLine *line = &explained->line;
  const TdDataset *data = result->dataset;

#define PAIR(title, value) g_ptr_array_add (pairs, g_strdupv ((char *[]) { (char *) (title), (char *) (value), NULL }))
  PAIR (_("Explanation"), explained->text);
  if (line->sale >= 0)
    {
      guint s = (guint) line->sale;
      g_autofree char *date = td_format_date (data->sale_date[s]);
      g_autofree char *net = td_format_money (data->sale_net[s], self->currency);
      g_autofree char *quantity = td_format_count ((guint64) MAX (data->sale_quantity[s], 0));
      const char *sku = td_intern_get (data->skus, (guint) data->sale_product[s]);

      PAIR (_("Sale"), explained->sale_id != NULL ? explained->sale_id : "");
      PAIR (_("Date"), date);
      PAIR (_("Product"), data->product_name[data->sale_product[s]] != NULL ? data->product_name[data->sale_product[s]] : sku);
      PAIR (_("Quantity"), quantity);
      PAIR (_("Net amount"), net);
    }
  else
    {
      g_autofree char *from = td_format_date (line->bucket_start);
      g_autofree char *to = td_format_date (line->date);
      /* TRANSLATORS: a period line's bucket: "2025-01-01 – 2025-03-31" */
      g_autofree char *bucket = g_strdup_printf (_("%s – %s"), from, to);

      PAIR (_("Period"), bucket);
    }
  PAIR (_("Tier"), td_result_tier_name (result, line->tier));
  {
    g_autofree char *base = td_format_money (line->base, self->currency);
    g_autofree char *value = explained->is_rate ? td_format_rate (line->value) : td_format_money (line->value, self->currency);
    char buf[TD_RATE_BUF];
    g_autofree char *multiplier = g_strdup_printf ("× %s", td_rate_format_buf (line->multiplier, buf));
    g_autofree char *payout = td_format_money (line->payout, self->currency);

    PAIR (_("Base"), base);
    PAIR (explained->is_rate ? _("Rate") : _("Amount"), value);
    if (line->overridden)
      PAIR (_("Override"), _("the partner's own value"));
    PAIR (_("Multiplier"), multiplier);
    if (explained->capped)
      {
        g_autofree char *uncapped = td_format_money (line->uncapped, self->currency);
        /* TRANSLATORS: the cap: "cut from 1,200.00 € to 1,000.00 €" */
        g_autofree char *cap = g_strdup_printf (_("cut from %s to %s"), uncapped, payout);

        PAIR (_("Cap"), cap);
      }
    PAIR (_("Payout"), payout);
  }
#undef PAIR
  return pairs;
}

gboolean
td_explanation_window_show_line (TdExplanationWindow *window,
                                 guint                rule,
                                 guint                index)
{
  GPtrArray *lines, *pairs;

  g_return_val_if_fail (TD_IS_EXPLANATION_WINDOW (window), FALSE);
  if (rule >= window->details->len)
    return FALSE;
  lines = window->details->pdata[rule];
  if (index >= lines->len)
    return FALSE;
  pairs = lines->pdata[index];
  for (guint i = 0; i < window->detail_rows->len; i++)
    adw_preferences_group_remove (window->detail_group, window->detail_rows->pdata[i]);
  g_ptr_array_set_size (window->detail_rows, 0);
  for (guint i = 0; i < pairs->len; i++)
    {
      char **pair = pairs->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pair[0]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pair[1]);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (window->detail_group, row);
      g_ptr_array_add (window->detail_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (window->detail_group), TRUE);
  return TRUE;
}

char *
td_explanation_window_get_detail_text (TdExplanationWindow *window)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (TD_IS_EXPLANATION_WINDOW (window), NULL);
  for (guint i = 0; i < window->detail_rows->len; i++)
    g_string_append_printf (text, "%s: %s\n",
                            adw_preferences_row_get_title (window->detail_rows->pdata[i]),
                            adw_action_row_get_subtitle (window->detail_rows->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
line_activated_cb (AdwActionRow        *row,
                   TdExplanationWindow *self)
{
  guint rule = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "rule"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));

  td_explanation_window_show_line (self, rule, index);
}

static void
fill (TdExplanationWindow        *self,
      const TdResult             *result,
      const TdPartnerExplanation *explanation)
{
  g_autofree char *payout = td_format_money (explanation->payout, self->currency);
  g_autofree char *revenue = td_format_money (explanation->revenue, self->currency);
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", explanation->partner_id,
                                               explanation->partner_name != NULL ? explanation->partner_name : "");

  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* TRANSLATORS: the explanation's summary: "P00042 Alpha GmbH, tier Certified: 12,300.00 € on 410,000.00 € of revenue" */
  summary = g_strdup_printf (_("%s %s, tier %s: %s on %s of revenue"), explanation->partner_id,
                             explanation->partner_name != NULL ? explanation->partner_name : "",
                             explanation->tier_name, payout, revenue);
  gtk_label_set_text (self->summary_label, summary);

  /* How the tier was reached. */
  if (explanation->tier_from_override)
    add_row (self->tier_group, _("An override gives this partner its tier"), explanation->tier_name, "emblem-important-symbolic");
  else if (!explanation->qualified)
    add_row (self->tier_group, _("The tier is the one recorded in the partner list"), explanation->tier_name, NULL);
  else
    {
      add_requirements (self, explanation->requirements, explanation->tier_name);
      if (explanation->next_tier >= 0)
        {
          const TdTier *next = result->program->tiers->pdata[explanation->next_tier];

          add_requirements (self, explanation->next_requirements, next->name);
        }
      if ((explanation->requirements == NULL || explanation->requirements->len == 0)
          && (explanation->next_requirements == NULL || explanation->next_requirements->len == 0))
        add_row (self->tier_group, _("The tier has no requirements"), explanation->tier_name, NULL);
    }

  /* Lines grouped by rule. */
  self->n_rules = explanation->rules->len;
  self->payout = explanation->payout;
  if (explanation->rules->len == 0)
    add_row (self->rules_group, _("Nothing was paid to this partner in the period"), NULL, NULL);
  for (guint r = 0; r < explanation->rules->len; r++)
    {
      const TdRuleExplanation *rule = explanation->rules->pdata[r];
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *subtotal = td_format_money (rule->subtotal, self->currency);
      g_autofree char *rule_subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u line", "%s in %u lines", rule->lines->len),
                                                        subtotal, rule->lines->len);
      GPtrArray *rule_details = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

      self->total += rule->subtotal;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), rule->rule_name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), rule_subtitle);
      for (guint l = 0; l < rule->lines->len; l++)
        {
          const TdExplainedLine *line = &g_array_index (rule->lines, TdExplainedLine, l);
          GtkWidget *row;
          g_autofree char *amount = NULL;

          /* Only a line shown can be activated: details for those alone. */
          if (l >= MAX_LINES_SHOWN)
            break;
          g_ptr_array_add (rule_details, line_details (self, result, line));
          row = adw_action_row_new ();
          amount = td_format_money (line->line.payout, self->currency);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->text);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), amount);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data (G_OBJECT (row), "rule", GUINT_TO_POINTER (r));
          g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (l));
          g_signal_connect (row, "activated", G_CALLBACK (line_activated_cb), self);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      if (rule->lines->len > MAX_LINES_SHOWN)
        {
          GtkWidget *more = adw_action_row_new ();
          g_autofree char *text = g_strdup_printf (_("And %u more: export the payout lines for all of them"),
                                                   rule->lines->len - MAX_LINES_SHOWN);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), more);
        }
      g_ptr_array_add (self->details, rule_details);
      adw_preferences_group_add (self->rules_group, expander);
    }
}

TdExplanationWindow *
td_explanation_window_new (GtkWindow      *parent,
                           const TdResult *result,
                           guint           partner)
{
  TdExplanationWindow *self = g_object_new (TD_TYPE_EXPLANATION_WINDOW, "transient-for", parent, NULL);
  g_autoptr(TdPartnerExplanation) explanation = NULL;

  g_return_val_if_fail (result != NULL, self);
  self->currency = g_strdup (result->program->currency);
  explanation = td_partner_explanation (result, partner);
  if (explanation != NULL)
    fill (self, result, explanation);
  return self;
}

guint
td_explanation_window_get_n_rules (TdExplanationWindow *window)
{
  g_return_val_if_fail (TD_IS_EXPLANATION_WINDOW (window), 0);
  return window->n_rules;
}

TdMoney
td_explanation_window_get_total (TdExplanationWindow *window)
{
  g_return_val_if_fail (TD_IS_EXPLANATION_WINDOW (window), 0);
  return window->total;
}

TdMoney
td_explanation_window_get_payout (TdExplanationWindow *window)
{
  g_return_val_if_fail (TD_IS_EXPLANATION_WINDOW (window), 0);
  return window->payout;
}

static void
td_explanation_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_EXPLANATION_WINDOW);
  G_OBJECT_CLASS (td_explanation_window_parent_class)->dispose (object);
}

static void
td_explanation_window_finalize (GObject *object)
{
  TdExplanationWindow *self = TD_EXPLANATION_WINDOW (object);

  g_free (self->currency);
  g_clear_pointer (&self->details, g_ptr_array_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (td_explanation_window_parent_class)->finalize (object);
}

static void
td_explanation_window_class_init (TdExplanationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_explanation_window_dispose;
  object_class->finalize = td_explanation_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-explanation-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdExplanationWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdExplanationWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdExplanationWindow, tier_group);
  gtk_widget_class_bind_template_child (widget_class, TdExplanationWindow, rules_group);
  gtk_widget_class_bind_template_child (widget_class, TdExplanationWindow, detail_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_explanation_window_init (TdExplanationWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->details = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->detail_rows = g_ptr_array_new ();
}
