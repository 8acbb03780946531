/* td-design-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix is rebuilt when its shape changes (tiers or rows added,
 * removed, moved) and only refreshed in place when values change, so that
 * typing and Tab move through the cells like a spreadsheet without the
 * focus being lost to a rebuild.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "td-design-page.h"
#include "td-format.h"
#include "td-program-edit.h"
#include "td-promotion-timeline.h"
#include "td-rule-words.h"

struct _TdDesignPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *description_label;
  GtkGrid             *matrix;
  AdwBin              *promotions_bin;
  AdwComboRow         *qualification_row;
  AdwComboRow         *window_row;
  AdwEntryRow         *distributors_row;
  GtkSwitch           *invoice_switch;
  AdwComboRow         *renewals_row;
  AdwPreferencesGroup *overrides_group;
  GtkSearchEntry      *overrides_search;

  TdEditor            *editor;
  GPtrArray           *partners;        /* GStrv {id, name}; may be NULL */
  GHashTable          *cells;           /* "row|tier" → widget, owned by the grid */
  GHashTable          *paths;           /* JSON path → widget that edits it */
  char                *shape;           /* what the matrix was built for */
  GPtrArray           *override_rows;   /* GtkWidget, owned by the group */
  TdPromotionTimeline *timeline;
  gboolean             updating;        /* widgets follow the program: no edit */
};

G_DEFINE_FINAL_TYPE (TdDesignPage, td_design_page, ADW_TYPE_BIN)

/* What a cell edits. */
typedef enum
{
  CELL_RULE_RATE,
  CELL_RULE_AMOUNT,
  CELL_REQUIREMENT_MIN,
  CELL_REQUIREMENT_PRESENT,
  CELL_BENEFIT,
  CELL_OBJECTIVE_TARGET,
} CellKind;

typedef struct
{
  CellKind kind;
  char    *id;         /* rule, requirement, benefit or objective id */
  char    *tier;       /* NULL for objectives */
  char    *label;      /* "Certified, Reward on TING appliance sales" */
} CellRef;

static void
cell_ref_free (CellRef *ref)
{
  g_free (ref->id);
  g_free (ref->tier);
  g_free (ref->label);
  g_free (ref);
}

static const TdProgram *
program_of (TdDesignPage *self)
{
  return self->editor != NULL ? td_editor_get_program (self->editor) : NULL;
}

/* ---- reading the program ---------------------------------------------- */

static const TdRequirement *
tier_requirement (const TdTier *tier,
                  const char   *id)
{
  for (guint i = 0; i < tier->requirements->len; i++)
    {
      const TdRequirement *requirement = tier->requirements->pdata[i];

      if (g_strcmp0 (requirement->id, id) == 0)
        return requirement;
    }
  return NULL;
}

static const TdBenefitValue *
benefit_value (const TdBenefit *benefit,
               const char      *tier)
{
  for (guint i = 0; benefit->values != NULL && i < benefit->values->len; i++)
    {
      const TdBenefitValue *value = &g_array_index (benefit->values, TdBenefitValue, i);

      if (g_strcmp0 (value->tier, tier) == 0)
        return value;
    }
  return NULL;
}

/* Rates or amounts: what a rule's cells hold. */
static gboolean
rule_uses_rates (const TdRule *rule)
{
  switch (rule->kind)
    {
    case TD_RULE_PERCENT:
      return TRUE;
    case TD_RULE_NEW_CUSTOMER:
      return rule->amounts == NULL || rule->amounts->len == 0;
    case TD_RULE_PER_UNIT:
    case TD_RULE_REBATE:
    case TD_RULE_BONUS:
    case TD_RULE_WELCOME:
    case TD_N_RULE_KINDS:
    default:
      return FALSE;
    }
}

static gboolean
rule_has_cells (const TdRule *rule)
{
  return rule->kind != TD_RULE_PER_UNIT && rule->kind != TD_RULE_REBATE;
}

static char *
number_text (gint64 value)
{
  char buf[TD_RATE_BUF];

  /* Attribute thresholds and benefit numbers are in 1/10,000 as rates are. */
  return g_strdup (td_rate_format_buf (value, buf));
}

/* What a rule pays, in a few words under its name. */
static char *
rule_caption (const TdRule *rule)
{
  g_autofree char *what = NULL;

  switch (rule->kind)
    {
    case TD_RULE_PERCENT:
      /* xgettext:no-c-format */
      what = g_strdup (rule->base == TD_BASE_LIST ? _("% of list price")
                       /* xgettext:no-c-format */
                       : _("% of net price"));
      break;
    case TD_RULE_PER_UNIT:
      what = g_strdup (_("amount per unit sold"));
      break;
    case TD_RULE_NEW_CUSTOMER:
      /* xgettext:no-c-format */
      what = g_strdup (rule_uses_rates (rule) ? _("% of a new customer's first sales") : _("amount per new customer"));
      break;
    case TD_RULE_REBATE:
      /* TRANSLATORS: "rebate on net sales, each quarter (retroactive)" */
      what = g_strdup_printf (_("rebate on %s sales, %s (%s)"),
                              rule->base == TD_BASE_LIST ? _("list-price") : _("net"),
                              td_rule_words_period (rule->period),
                              rule->mode == TD_REBATE_RETROACTIVE ? _("retroactive") : _("marginal"));
      break;
    case TD_RULE_BONUS:
      /* TRANSLATORS: "bonus on revenue reaching a target, each year" */
      what = g_strdup_printf (_("bonus on %s reaching a target, %s"), td_rule_words_metric (rule->metric),
                              td_rule_words_period (rule->period));
      break;
    case TD_RULE_WELCOME:
    case TD_N_RULE_KINDS:
    default:
      what = g_strdup (_("once, for each newly joined partner"));
      break;
    }
  if (rule->has_active)
    {
      g_autofree char *from = td_format_date (rule->active_from);
      g_autofree char *to = td_format_date (rule->active_to);

      /* TRANSLATORS: a rule's caption and its active window */
      return g_strdup_printf (_("%s · %s – %s"), what, from, to);
    }
  return g_steal_pointer (&what);
}

/* per_unit and rebate rules: what their tier holds, read-only in a cell. */
static char *
rule_summary (const TdProgram *program,
              const TdRule    *rule,
              const char      *tier)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (rule->kind == TD_RULE_PER_UNIT)
    for (guint i = 0; rule->unit_amounts != NULL && i < rule->unit_amounts->len; i++)
      {
        const TdUnitAmounts *amounts = rule->unit_amounts->pdata[i];

        if (g_strcmp0 (amounts->tier, tier) != 0 || amounts->amounts == NULL)
          continue;
        {
          gint64 low = G_MAXINT64, high = G_MININT64;

          for (guint a = 0; a < amounts->amounts->len; a++)
            {
              low = MIN (low, g_array_index (amounts->amounts, TdEntry, a).value);
              high = MAX (high, g_array_index (amounts->amounts, TdEntry, a).value);
            }
          if (low == high)
            {
              g_autofree char *money = td_format_money (low, program->currency);

              g_string_append (text, money);
            }
          else
            {
              g_autofree char *from = td_format_money (low, program->currency);
              g_autofree char *to = td_format_money (high, program->currency);

              /* TRANSLATORS: a per-unit rule's cell: "4.00 € to 15.00 € by product" */
              g_string_append_printf (text, _("%s to %s by product"), from, to);
            }
        }
      }
  else
    for (guint i = 0; rule->steps != NULL && i < rule->steps->len; i++)
      {
        const TdTierSteps *steps = rule->steps->pdata[i];

        if (g_strcmp0 (steps->tier, tier) != 0 || steps->steps == NULL)
          continue;
        for (guint s = 0; s < steps->steps->len; s++)
          {
            const TdStep *step = &g_array_index (steps->steps, TdStep, s);
            g_autofree char *rate = td_format_rate (step->rate);
            g_autofree char *from = td_format_money (step->from, program->currency);

            if (text->len > 0)
              g_string_append (text, "; ");
            /* TRANSLATORS: a rebate step: "5 % from 100,000.00 €" */
            g_string_append_printf (text, _("%s from %s"), rate, from);
          }
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
requirement_text (const TdProgram     *program,
                  const TdRequirement *requirement)
{
  if (requirement == NULL)
    return g_strdup ("—");
  switch (requirement->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      return td_format_money (requirement->min, program->currency);
    case TD_REQUIREMENT_UNITS:
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
      return td_format_count ((guint64) MAX (requirement->min, 0));
    case TD_REQUIREMENT_ATTRIBUTE:
      return number_text (requirement->min);
    case TD_REQUIREMENT_MANUAL:
    case TD_N_REQUIREMENT_KINDS:
    default:
      return g_strdup ("✓");
    }
}

static char *
requirement_caption (const TdProgram     *program,
                     const TdRequirement *requirement)
{
  switch (requirement->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      return g_strdup (_("minimum revenue in the qualifying period"));
    case TD_REQUIREMENT_UNITS:
      return g_strdup (_("minimum units sold in the qualifying period"));
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
      /* TRANSLATORS: caption of a certification requirement */
      return g_strdup_printf (_("people certified in “%s”, valid %" PRId64 " months"),
                              requirement->certification != NULL ? requirement->certification : "",
                              requirement->valid_months);
    case TD_REQUIREMENT_ATTRIBUTE:
      /* TRANSLATORS: caption of a requirement on a partner attribute */
      return g_strdup_printf (_("at least this value of “%s” in the partner list"),
                              requirement->attribute != NULL ? requirement->attribute : "");
    case TD_REQUIREMENT_MANUAL:
    case TD_N_REQUIREMENT_KINDS:
    default:
      return g_strdup (_("checked by the channel team (not in the data)"));
    }
}

static char *
objective_caption (const TdProgram   *program,
                   const TdObjective *objective)
{
  switch (objective->metric)
    {
    case TD_OBJECTIVE_REVENUE:
      return g_strdup (_("revenue of at least"));
    case TD_OBJECTIVE_PAYOUT:
      return g_strdup (_("total payout of at most"));
    case TD_OBJECTIVE_PAYOUT_RATIO:
      return g_strdup (_("payout as a share of revenue of at most"));
    case TD_OBJECTIVE_NEW_CUSTOMERS:
      return g_strdup (_("new customers, at least"));
    case TD_OBJECTIVE_PARTNERS_IN_TIER:
    case TD_N_OBJECTIVE_METRICS:
    default:
      /* TRANSLATORS: caption of an objective on a tier's size */
      return g_strdup_printf (_("partners in tier “%s”, at least"),
                              objective->metric_tier != NULL ? objective->metric_tier : "");
    }
}

/* The distinct requirement ids of all tiers, in the order they appear. */
static GPtrArray *
requirement_rows (const TdProgram *program)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint t = 0; t < program->tiers->len; t++)
    {
      const TdTier *tier = program->tiers->pdata[t];

      for (guint r = 0; r < tier->requirements->len; r++)
        {
          TdRequirement *requirement = tier->requirements->pdata[r];
          gboolean seen = FALSE;

          for (guint i = 0; i < rows->len && !seen; i++)
            seen = g_strcmp0 (((TdRequirement *) rows->pdata[i])->id, requirement->id) == 0;
          if (!seen)
            g_ptr_array_add (rows, requirement);
        }
    }
  return rows;
}

/* The matrix's shape: rebuilt only when this changes. */
static char *
shape_of (const TdProgram *program)
{
  g_autoptr(GString) shape = g_string_new (NULL);
  g_autoptr(GPtrArray) requirements = requirement_rows (program);

  for (guint t = 0; t < program->tiers->len; t++)
    g_string_append_printf (shape, "t:%s\n", ((TdTier *) program->tiers->pdata[t])->id);
  for (guint r = 0; r < requirements->len; r++)
    {
      const TdRequirement *requirement = requirements->pdata[r];

      g_string_append_printf (shape, "q:%s:%d\n", requirement->id, requirement->kind);
    }
  for (guint r = 0; r < program->rules->len; r++)
    {
      const TdRule *rule = program->rules->pdata[r];

      g_string_append_printf (shape, "r:%s:%d:%d\n", rule->id, rule->kind, rule_uses_rates (rule));
    }
  for (guint b = 0; b < program->benefits->len; b++)
    {
      const TdBenefit *benefit = program->benefits->pdata[b];

      g_string_append_printf (shape, "b:%s\n", benefit->id);
      for (guint t = 0; t < program->tiers->len; t++)
        {
          const TdBenefitValue *value = benefit_value (benefit, ((TdTier *) program->tiers->pdata[t])->id);

          g_string_append_printf (shape, "%d", value != NULL ? (int) value->kind : -1);
        }
    }
  for (guint o = 0; o < program->objectives->len; o++)
    g_string_append_printf (shape, "o:%s\n", ((TdObjective *) program->objectives->pdata[o])->id);
  return g_string_free (g_steal_pointer (&shape), FALSE);
}

/* ---- editing ---------------------------------------------------------- */

/* Applies @copy (the program after one edit) as one undoable step. */
static void
commit_copy (TdDesignPage *self,
             const char   *label,
             TdProgram    *copy)
{
  g_autoptr(GError) error = NULL;

  /* The editor takes @copy; it refuses only a program that does not read
   * back, which the edit operations never make. */
  if (!td_editor_apply (self->editor, label, copy, &error))
    g_warning ("%s: %s", label, error->message);
}

static const TdRequirement *
any_requirement (const TdProgram *program,
                 const char      *id)
{
  for (guint t = 0; t < program->tiers->len; t++)
    {
      const TdRequirement *requirement = tier_requirement (program->tiers->pdata[t], id);

      if (requirement != NULL)
        return requirement;
    }
  return NULL;
}

static const TdBenefit *
find_benefit (const TdProgram *program,
              const char      *id)
{
  for (guint b = 0; b < program->benefits->len; b++)
    if (g_strcmp0 (((TdBenefit *) program->benefits->pdata[b])->id, id) == 0)
      return program->benefits->pdata[b];
  return NULL;
}

static const TdObjective *
find_objective (const TdProgram *program,
                const char      *id)
{
  for (guint o = 0; o < program->objectives->len; o++)
    if (g_strcmp0 (((TdObjective *) program->objectives->pdata[o])->id, id) == 0)
      return program->objectives->pdata[o];
  return NULL;
}

/* A value typed for @requirement's kind. */
static gboolean
parse_requirement_min (const TdProgram     *program,
                       const TdRequirement *requirement,
                       const char          *text,
                       gint64              *min,
                       GError             **error)
{
  switch (requirement->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      return td_format_parse_money (text, program->currency, min, error);
    case TD_REQUIREMENT_ATTRIBUTE:
      return td_format_parse_rate (text, min, error);
    case TD_REQUIREMENT_UNITS:
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
    case TD_REQUIREMENT_MANUAL:
    case TD_N_REQUIREMENT_KINDS:
    default:
      return td_format_parse_count (text, min, error);
    }
}

/* Applies what was typed into a cell; FALSE with the reason otherwise. */
static gboolean
apply_cell (TdDesignPage  *self,
            const CellRef *ref,
            const char    *typed,
            GError       **error)
{
  const TdProgram *program = program_of (self);
  g_autoptr(TdProgram) copy = td_program_copy (program);
  g_autofree char *text = g_strstrip (g_strdup (typed));
  g_autofree char *label = NULL;
  gboolean clear = text[0] == '\0' || g_str_equal (text, "—");
  gboolean ok = FALSE;
  gint64 value = 0;

  /* TRANSLATORS: the undo label of a cell edit: "Change Certified, Reward on TING sales" */
  label = g_strdup_printf (_("Change %s"), ref->label);
  switch (ref->kind)
    {
    case CELL_RULE_RATE:
      ok = clear ? td_program_clear_rule_rate (copy, ref->id, ref->tier, error)
                 : td_format_parse_rate (text, &value, error)
                   && td_program_set_rule_rate (copy, ref->id, ref->tier, value, error);
      break;
    case CELL_RULE_AMOUNT:
      ok = clear ? td_program_clear_rule_amount (copy, ref->id, ref->tier, error)
                 : td_format_parse_money (text, program->currency, &value, error)
                   && td_program_set_rule_amount (copy, ref->id, ref->tier, value, error);
      break;
    case CELL_REQUIREMENT_MIN:
      {
        const TdRequirement *requirement = any_requirement (program, ref->id);
        guint position;
        TdRequirement changed;

        if (clear)
          {
            ok = td_program_remove_requirement (copy, ref->tier, ref->id, error);
            break;
          }
        if (!parse_requirement_min (program, requirement, text, &value, error))
          break;
        position = (guint) td_program_find_tier (program, ref->tier);
        if (tier_requirement (program->tiers->pdata[position], ref->id) != NULL)
          ok = td_program_set_requirement_min (copy, ref->tier, ref->id, value, error);
        else
          {
            /* A tier without the requirement gets it, as the others have it. */
            changed = *requirement;
            changed.min = value;
            ok = td_program_add_requirement (copy, ref->tier, &changed,
                                             ((TdTier *) program->tiers->pdata[position])->requirements->len, error);
          }
      }
      break;
    case CELL_BENEFIT:
      {
        const TdBenefit *benefit = find_benefit (program, ref->id);
        const TdBenefitValue *current = benefit_value (benefit, ref->tier);
        TdBenefitKind kind = current != NULL ? current->kind : TD_BENEFIT_TEXT;

        if (clear)
          ok = td_program_clear_benefit_value (copy, ref->id, ref->tier, error);
        else if (kind == TD_BENEFIT_NUMBER)
          ok = td_format_parse_rate (text, &value, error)
               && td_program_set_benefit_value (copy, ref->id, ref->tier, kind, value, NULL, error);
        else
          ok = td_program_set_benefit_value (copy, ref->id, ref->tier, TD_BENEFIT_TEXT, 0, text, error);
      }
      break;
    case CELL_OBJECTIVE_TARGET:
      {
        const TdObjective *objective = find_objective (program, ref->id);

        if (objective->metric == TD_OBJECTIVE_REVENUE || objective->metric == TD_OBJECTIVE_PAYOUT)
          ok = td_format_parse_money (text, program->currency, &value, error);
        else if (objective->metric == TD_OBJECTIVE_PAYOUT_RATIO)
          ok = td_format_parse_rate (text, &value, error);
        else
          ok = td_format_parse_count (text, &value, error);
        ok = ok && td_program_set_objective_target (copy, ref->id, value, error);
      }
      break;
    case CELL_REQUIREMENT_PRESENT:
    default:
      g_assert_not_reached ();
    }
  if (ok)
    commit_copy (self, label, g_steal_pointer (&copy));
  return ok;
}

static void
cell_committed_cb (TdMatrixCell *cell,
                   const char   *text,
                   TdDesignPage *self)
{
  const CellRef *ref = g_object_get_data (G_OBJECT (cell), "td-cell");
  g_autoptr(GError) error = NULL;

  if (self->updating || ref == NULL)
    return;
  if (!apply_cell (self, ref, text, &error))
    td_matrix_cell_set_error (cell, error->message);
}

/* Manual requirements and yes/no benefits are check boxes. */
static void
check_toggled_cb (GtkCheckButton *check,
                  TdDesignPage   *self)
{
  const CellRef *ref = g_object_get_data (G_OBJECT (check), "td-cell");
  const TdProgram *program = program_of (self);
  g_autoptr(TdProgram) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean active = gtk_check_button_get_active (check);
  gboolean ok;

  if (self->updating || ref == NULL)
    return;
  copy = td_program_copy (program);
  label = g_strdup_printf (_("Change %s"), ref->label);
  if (ref->kind == CELL_REQUIREMENT_PRESENT)
    {
      if (active)
        {
          const TdTier *tier = program->tiers->pdata[td_program_find_tier (program, ref->tier)];

          ok = td_program_add_requirement (copy, ref->tier, any_requirement (program, ref->id),
                                           tier->requirements->len, &error);
        }
      else
        ok = td_program_remove_requirement (copy, ref->tier, ref->id, &error);
    }
  else
    ok = td_program_set_benefit_value (copy, ref->id, ref->tier, TD_BENEFIT_BOOLEAN, active ? 1 : 0, NULL, &error);
  if (ok)
    commit_copy (self, label, g_steal_pointer (&copy));
  else
    {
      /* Back to what the program says, with the reason. */
      self->updating = TRUE;
      gtk_check_button_set_active (check, !active);
      self->updating = FALSE;
      gtk_widget_set_tooltip_text (GTK_WIDGET (check), error->message);
    }
}

/* ---- the matrix ------------------------------------------------------- */

enum
{
  SIGNAL_EDIT_RULE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each grid cell is a box that fills it, so that borders and backgrounds
 * line up whatever the widget inside is (a check box stays centred). */
static void
attach (TdDesignPage *self,
        GtkWidget    *widget,
        int           column,
        int           row,
        int           width,
        const char   *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, css_class);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (box), widget);
  /* The value columns share the width; the labels keep theirs. */
  gtk_widget_set_hexpand (box, column > 0);
  gtk_grid_attach (self->matrix, box, column, row, width, 1);
}

static GtkWidget *
row_label_new (const char *title,
               const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 40);
  gtk_label_set_width_chars (GTK_LABEL (name), 28);
  gtk_box_append (GTK_BOX (box), name);
  if (caption != NULL && caption[0] != '\0')
    {
      GtkWidget *small = gtk_label_new (caption);

      gtk_label_set_xalign (GTK_LABEL (small), 0);
      gtk_label_set_wrap (GTK_LABEL (small), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (small), 40);
      gtk_widget_add_css_class (small, "caption");
      gtk_widget_add_css_class (small, "dim-label");
      gtk_box_append (GTK_BOX (box), small);
    }
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static void
rule_clicked_cb (GtkButton    *button,
                 TdDesignPage *self)
{
  g_signal_emit (self, signals[SIGNAL_EDIT_RULE], 0, g_object_get_data (G_OBJECT (button), "rule-id"));
}

static GtkWidget *
rule_label_new (TdDesignPage *self,
                const TdRule *rule)
{
  g_autofree char *caption = rule_caption (rule);
  g_autofree char *tooltip = g_strdup_printf (_("Edit rule “%s”: what it matches, base, steps, cap, active dates"), rule->name);
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), row_label_new (rule->name, caption));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "rule-id", g_strdup (rule->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (rule_clicked_cb), self);
  return button;
}

static char *
cell_key (const char *row,
          const char *tier)
{
  return g_strconcat (row, "|", tier != NULL ? tier : "", NULL);
}

/* The cell made for @row and @tier, or NULL. */
static GtkWidget *
find_cell (TdDesignPage *self,
           const char   *row,
           const char   *tier)
{
  g_autofree char *key = cell_key (row, tier);

  return g_hash_table_lookup (self->cells, key);
}

/* Places a new cell and remembers it, to be refreshed and focused later. */
static void
place_cell (TdDesignPage *self,
            GtkWidget    *widget,
            const char   *row_key,
            const char   *tier,
            const char   *path,
            int           column,
            int           row,
            int           width)
{
  attach (self, widget, column, row, width, "matrix-value");
  g_hash_table_replace (self->cells, cell_key (row_key, tier), widget);
  if (path != NULL)
    g_hash_table_replace (self->paths, g_strdup (path), widget);
}

/* What @cell edits, for its handler. */
static void
set_cell_ref (GtkWidget  *cell,
              CellKind    kind,
              const char *id,
              const char *tier,
              const char *label)
{
  CellRef *ref = g_new0 (CellRef, 1);

  ref->kind = kind;
  ref->id = g_strdup (id);
  ref->tier = g_strdup (tier);
  ref->label = g_strdup (label);
  g_object_set_data_full (G_OBJECT (cell), "td-cell", ref, (GDestroyNotify) cell_ref_free);
}

static GtkWidget *
text_cell_new (TdDesignPage *self,
               CellKind      kind,
               const char   *id,
               const char   *tier,
               const char   *label)
{
  GtkWidget *cell = td_matrix_cell_new ("", label);

  set_cell_ref (cell, kind, id, tier, label);
  g_signal_connect (cell, "commit", G_CALLBACK (cell_committed_cb), self);
  return cell;
}

static GtkWidget *
check_cell_new (TdDesignPage *self,
                CellKind      kind,
                const char   *id,
                const char   *tier,
                const char   *label)
{
  GtkWidget *check = gtk_check_button_new ();

  set_cell_ref (check, kind, id, tier, label);
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  return check;
}

/* A cell of the matrix: made when @build, else found and refreshed. */
static void
put_text (TdDesignPage *self,
          gboolean      build,
          CellKind      kind,
          const char   *row_key,
          const char   *id,
          const char   *tier,
          const char   *label,
          const char   *path,
          const char   *text,
          int           column,
          int           row,
          int           width)
{
  GtkWidget *cell = find_cell (self, row_key, tier);

  if (build)
    {
      cell = text_cell_new (self, kind, id, tier, label);
      place_cell (self, cell, row_key, tier, path, column, row, width);
    }
  /* A refused value stays, marked, until the user corrects it. */
  if (cell != NULL && !td_matrix_cell_has_error (TD_MATRIX_CELL (cell)))
    td_matrix_cell_set_text (TD_MATRIX_CELL (cell), text);
}

static void
put_check (TdDesignPage *self,
           gboolean      build,
           CellKind      kind,
           const char   *row_key,
           const char   *id,
           const char   *tier,
           const char   *label,
           const char   *path,
           gboolean      active,
           int           column,
           int           row)
{
  GtkWidget *check = find_cell (self, row_key, tier);

  if (build)
    {
      check = check_cell_new (self, kind, id, tier, label);
      place_cell (self, check, row_key, tier, path, column, row, 1);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
}

static void put_summary (TdDesignPage *self, gboolean build, const char *row_key, const TdRule *rule,
                         const char *tier, const char *text, int column, int row);

static void
section (TdDesignPage *self,
         const char   *title,
         int           row,
         int           width)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  attach (self, label, 0, row, width, "matrix-section");
}

static void tier_header_new (TdDesignPage *self, const TdTier *tier, guint index, int column);

/* Builds the matrix (@build) or refreshes the values of the one built for
 * the same shape: one walk through the program for both. */
static void
fill_matrix (TdDesignPage *self,
             gboolean      build)
{
  const TdProgram *program = program_of (self);
  g_autoptr(GPtrArray) requirements = requirement_rows (program);
  int n_tiers = (int) program->tiers->len;
  int row = 0;

  self->updating = TRUE;
  if (build)
    {
      GtkWidget *corner = gtk_label_new ("");

      attach (self, corner, 0, row, 1, "matrix-header");
      for (int t = 0; t < n_tiers; t++)
        tier_header_new (self, program->tiers->pdata[t], (guint) t, t + 1);
    }
  row++;

  /* Requirements: one row per requirement id, a cell per tier. */
  if (build)
    section (self, _("REQUIREMENTS"), row, n_tiers + 1);
  row++;
  for (guint r = 0; r < requirements->len; r++, row++)
    {
      const TdRequirement *first = requirements->pdata[r];
      g_autofree char *row_key = g_strconcat ("requirement:", first->id, NULL);

      if (build)
        {
          g_autofree char *caption = requirement_caption (program, first);

          attach (self, row_label_new (first->label != NULL ? first->label : first->id, caption), 0, row, 1, "matrix-label");
        }
      for (int t = 0; t < n_tiers; t++)
        {
          const TdTier *tier = program->tiers->pdata[t];
          const TdRequirement *requirement = tier_requirement (tier, first->id);
          g_autofree char *label = g_strdup_printf ("%s, %s", tier->name, first->label != NULL ? first->label : first->id);
          g_autofree char *path = NULL;

          for (guint q = 0; requirement != NULL && q < tier->requirements->len; q++)
            if (tier->requirements->pdata[q] == requirement)
              path = g_strdup_printf ("$.tiers[%d].requirements[%u]", t, q);
          if (first->kind == TD_REQUIREMENT_MANUAL)
            put_check (self, build, CELL_REQUIREMENT_PRESENT, row_key, first->id, tier->id, label, path,
                       requirement != NULL, t + 1, row);
          else
            {
              g_autofree char *text = requirement_text (program, requirement);

              put_text (self, build, CELL_REQUIREMENT_MIN, row_key, first->id, tier->id, label, path, text,
                        t + 1, row, 1);
            }
        }
    }

  /* Rewards: one row per rule. */
  if (build)
    section (self, _("REWARDS"), row, n_tiers + 1);
  row++;
  for (guint r = 0; r < program->rules->len; r++, row++)
    {
      const TdRule *rule = program->rules->pdata[r];
      g_autofree char *row_key = g_strconcat ("rule:", rule->id, NULL);

      if (build)
        {
          GtkWidget *label = rule_label_new (self, rule);
          g_autofree char *path = g_strdup_printf ("$.rules[%u]", r);

          attach (self, label, 0, row, 1, "matrix-label");
          g_hash_table_replace (self->paths, g_steal_pointer (&path), label);
        }
      for (int t = 0; t < n_tiers; t++)
        {
          const TdTier *tier = program->tiers->pdata[t];
          g_autofree char *label = g_strdup_printf ("%s, %s", tier->name, rule->name);

          if (!rule_has_cells (rule))
            {
              g_autofree char *summary = rule_summary (program, rule, tier->id);

              put_summary (self, build, row_key, rule, tier->id, summary[0] != '\0' ? summary : "—", t + 1, row);
            }
          else if (rule_uses_rates (rule))
            {
              g_autofree char *path = g_strdup_printf ("$.rules[%u].rates.%s", r, tier->id);
              const TdEntry *rate = td_entries_find (rule->rates, tier->id);
              g_autofree char *text = rate != NULL ? td_format_rate (rate->value) : g_strdup ("—");

              put_text (self, build, CELL_RULE_RATE, row_key, rule->id, tier->id, label, path, text, t + 1, row, 1);
            }
          else
            {
              g_autofree char *path = g_strdup_printf ("$.rules[%u].amounts.%s", r, tier->id);
              const TdEntry *amount = td_entries_find (rule->amounts, tier->id);
              g_autofree char *text = amount != NULL ? td_format_money (amount->value, program->currency)
                                                     : g_strdup ("—");

              put_text (self, build, CELL_RULE_AMOUNT, row_key, rule->id, tier->id, label, path, text, t + 1, row, 1);
            }
        }
    }

  /* Benefits: what each tier gets besides money. */
  if (program->benefits->len > 0)
    {
      if (build)
        section (self, _("BENEFITS"), row, n_tiers + 1);
      row++;
    }
  for (guint b = 0; b < program->benefits->len; b++, row++)
    {
      const TdBenefit *benefit = program->benefits->pdata[b];
      g_autofree char *row_key = g_strconcat ("benefit:", benefit->id, NULL);

      if (build)
        attach (self, row_label_new (benefit->name, benefit->group), 0, row, 1, "matrix-label");
      for (int t = 0; t < n_tiers; t++)
        {
          const TdTier *tier = program->tiers->pdata[t];
          const TdBenefitValue *value = benefit_value (benefit, tier->id);
          g_autofree char *label = g_strdup_printf ("%s, %s", tier->name, benefit->name);
          g_autofree char *path = g_strdup_printf ("$.benefits[%u].values.%s", b, tier->id);

          if (value == NULL || value->kind == TD_BENEFIT_BOOLEAN)
            put_check (self, build, CELL_BENEFIT, row_key, benefit->id, tier->id, label, path,
                       value != NULL && value->number != 0, t + 1, row);
          else
            {
              g_autofree char *text = value->kind == TD_BENEFIT_NUMBER ? number_text (value->number)
                                                                        : g_strdup (value->text);

              put_text (self, build, CELL_BENEFIT, row_key, benefit->id, tier->id, label, path, text, t + 1, row, 1);
            }
        }
    }

  /* Objectives: targets of the whole program, one cell across the tiers. */
  if (program->objectives->len > 0)
    {
      if (build)
        section (self, _("OBJECTIVES"), row, n_tiers + 1);
      row++;
    }
  for (guint o = 0; o < program->objectives->len; o++, row++)
    {
      const TdObjective *objective = program->objectives->pdata[o];
      g_autofree char *row_key = g_strconcat ("objective:", objective->id, NULL);
      g_autofree char *path = g_strdup_printf ("$.objectives[%u]", o);
      g_autofree char *text = td_format_objective (objective, program->currency, objective->target, TRUE);

      if (build)
        {
          g_autofree char *caption = objective_caption (program, objective);

          attach (self, row_label_new (objective->name, caption), 0, row, 1, "matrix-label");
        }
      put_text (self, build, CELL_OBJECTIVE_TARGET, row_key, objective->id, NULL, objective->name, path, text,
                1, row, n_tiers);
    }
  self->updating = FALSE;
}

static void
summary_clicked_cb (GtkButton    *button,
                    TdDesignPage *self)
{
  rule_clicked_cb (button, self);
}

static void
put_summary (TdDesignPage *self,
             gboolean      build,
             const char   *row_key,
             const TdRule *rule,
             const char   *tier,
             const char   *text,
             int           column,
             int           row)
{
  GtkWidget *button = find_cell (self, row_key, tier);

  if (build)
    {
      g_autofree char *label = g_strdup_printf (_("%s: edit in the rule editor"), rule->name);

      button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "flat");
      /* Figures line up on the right, as in the other cells. */
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (button, label);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 1.0);
      g_object_set_data_full (G_OBJECT (button), "rule-id", g_strdup (rule->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (summary_clicked_cb), self);
      place_cell (self, button, row_key, tier, NULL, column, row, 1);
    }
  gtk_button_set_label (GTK_BUTTON (button), text);
}

/* ---- tiers ------------------------------------------------------------ */

static void
tier_edit (TdDesignPage *self,
           GtkWidget    *source,
           const char   *what)
{
  const char *tier_id = g_object_get_data (G_OBJECT (source), "tier-id");
  g_autoptr(TdProgram) copy = td_program_copy (program_of (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean ok = FALSE;
  guint index = 0;

  for (index = 0; index < copy->tiers->len; index++)
    if (g_strcmp0 (((TdTier *) copy->tiers->pdata[index])->id, tier_id) == 0)
      break;
  if (g_str_equal (what, "rename"))
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (source));

      /* TRANSLATORS: undo label */
      label = g_strdup_printf (_("Rename tier “%s”"), tier_id);
      ok = td_program_set_tier_name (copy, tier_id, name, &error);
    }
  else if (g_str_equal (what, "left") || g_str_equal (what, "right"))
    {
      guint position = g_str_equal (what, "left") ? (index > 0 ? index - 1 : 0) : index + 1;

      label = g_strdup_printf (_("Move tier “%s”"), tier_id);
      ok = position < copy->tiers->len && td_program_move_tier (copy, tier_id, position, &error);
    }
  else
    {
      label = g_strdup_printf (_("Remove tier “%s”"), tier_id);
      ok = td_program_remove_tier (copy, tier_id, &error);
    }
  if (ok)
    commit_copy (self, label, g_steal_pointer (&copy));
  else if (error != NULL && GTK_IS_ENTRY (source))
    {
      gtk_widget_add_css_class (source, "error");
      gtk_widget_set_tooltip_text (source, error->message);
    }
  else if (error != NULL)
    gtk_widget_set_tooltip_text (source, error->message);
}

static void
tier_renamed_cb (GtkEntry     *entry,
                 TdDesignPage *self)
{
  tier_edit (self, GTK_WIDGET (entry), "rename");
}

static void
tier_button_cb (GtkButton    *button,
                TdDesignPage *self)
{
  tier_edit (self, GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "what"));
}

static GtkWidget *
tier_action_new (TdDesignPage *self,
                 const TdTier *tier,
                 const char   *text,
                 const char   *what)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (text);

  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "tier-id", g_strdup (tier->id), g_free);
  g_object_set_data (G_OBJECT (button), "what", (gpointer) what);
  g_signal_connect (button, "clicked", G_CALLBACK (tier_button_cb), self);
  return button;
}

/* The tier's name above its column; its menu renames, moves, removes. */
static void
tier_header_new (TdDesignPage *self,
                 const TdTier *tier,
                 guint         index,
                 int           column)
{
  const TdProgram *program = program_of (self);
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *name_label = gtk_label_new_with_mnemonic (_("_Name"));
  g_autofree char *accessible = g_strdup_printf (_("Tier %s"), tier->name);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu), tier->name);
  gtk_widget_add_css_class (menu, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (menu, _("Rename, move or remove this tier"));

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (name_label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), tier->name);
  g_object_set_data_full (G_OBJECT (entry), "tier-id", g_strdup (tier->id), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (tier_renamed_cb), self);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), entry);
  if (index > 0)
    gtk_box_append (GTK_BOX (box), tier_action_new (self, tier, _("Move _Left (Lower)"), "left"));
  if (index + 1 < program->tiers->len)
    gtk_box_append (GTK_BOX (box), tier_action_new (self, tier, _("Move _Right (Higher)"), "right"));
  gtk_box_append (GTK_BOX (box), tier_action_new (self, tier, _("_Remove Tier"), "remove"));
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);

  gtk_widget_set_halign (menu, GTK_ALIGN_END);
  attach (self, menu, column, 0, 1, "matrix-header");
  g_hash_table_replace (self->paths, g_strdup_printf ("$.tiers[%u]", index), menu);
}

/* ---- settings and overrides -------------------------------------------- */

static void
apply_setting (TdDesignPage *self,
               const char   *label,
               TdProgram    *copy,
               gboolean      ok,
               GError       *error)
{
  if (ok)
    commit_copy (self, label, copy);
  else
    {
      td_program_free (copy);
      g_warning ("%s", error != NULL ? error->message : label);
    }
  g_clear_error (&error);
}

/* The settings that are one choice each; which changed is which widget
 * notified. */
static void
setting_changed_cb (TdDesignPage *self,
                    GParamSpec   *pspec,
                    GtkWidget    *widget)
{
  TdProgram *copy;
  GError *error = NULL;
  const char *label;
  gboolean ok;

  if (self->updating || self->editor == NULL)
    return;
  copy = td_program_copy (program_of (self));
  if (widget == GTK_WIDGET (self->qualification_row))
    {
      label = _("Change how tiers are given");
      ok = td_program_set_qualification_mode (copy, adw_combo_row_get_selected (self->qualification_row), &error);
    }
  else if (widget == GTK_WIDGET (self->window_row))
    {
      label = _("Change the qualifying period");
      ok = td_program_set_qualification_window (copy, adw_combo_row_get_selected (self->window_row), &error);
    }
  else if (widget == GTK_WIDGET (self->renewals_row))
    {
      label = _("Change online renewals");
      ok = td_program_set_online_renewals (copy, adw_combo_row_get_selected (self->renewals_row), &error);
    }
  else
    {
      label = _("Change the invoice requirement");
      ok = td_program_set_require_invoice (copy, gtk_switch_get_active (self->invoice_switch), &error);
    }
  apply_setting (self, label, copy, ok, error);
}

static void
distributors_applied_cb (TdDesignPage *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->distributors_row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) distributors = NULL;
  TdProgram *copy;
  GError *error = NULL;
  gboolean ok;

  if (self->updating || self->editor == NULL)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  distributors = g_strv_builder_end (builder);
  copy = td_program_copy (program_of (self));
  ok = td_program_set_distributors (copy, distributors[0] != NULL ? (const char *const *) distributors : NULL, &error);
  apply_setting (self, _("Change the authorised distributors"), copy, ok, error);
}

static void
refresh_settings (TdDesignPage *self)
{
  const TdProgram *program = program_of (self);
  g_autofree char *distributors = program->distributors != NULL ? g_strjoinv (", ", program->distributors) : g_strdup ("");

  self->updating = TRUE;
  adw_combo_row_set_selected (self->qualification_row, program->qualification_mode);
  adw_combo_row_set_selected (self->window_row, program->qualification_window);
  adw_combo_row_set_selected (self->renewals_row, program->online_renewals);
  gtk_switch_set_active (self->invoice_switch, program->require_invoice);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->distributors_row)), distributors) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->distributors_row), distributors);
  gtk_widget_set_sensitive (GTK_WIDGET (self->window_row), program->qualification_mode == TD_QUALIFICATION_QUALIFY);
  gtk_label_set_text (self->title_label, program->name);
  gtk_label_set_text (self->description_label, program->description != NULL ? program->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), program->description != NULL);
  self->updating = FALSE;
}

static const char *
partner_name (TdDesignPage *self,
              const char   *id)
{
  for (guint i = 0; self->partners != NULL && i < self->partners->len; i++)
    {
      char **pair = self->partners->pdata[i];

      if (g_strcmp0 (pair[0], id) == 0)
        return pair[1];
    }
  return NULL;
}

static void
remove_override_cb (GtkButton    *button,
                    TdDesignPage *self)
{
  const char *partner = g_object_get_data (G_OBJECT (button), "partner");
  TdProgram *copy = td_program_copy (program_of (self));
  GError *error = NULL;
  g_autofree char *label = g_strdup_printf (_("Remove the override of %s"), partner);
  gboolean ok = td_program_remove_override (copy, partner, &error);

  apply_setting (self, label, copy, ok, error);
}

/* A tier's or rule's name for its id; the id when there is none. */
static const char *
tier_name (const TdProgram *program,
           const char      *id)
{
  int t = td_program_find_tier (program, id);

  return t >= 0 ? ((TdTier *) program->tiers->pdata[t])->name : id;
}

static const char *
rule_name (const TdProgram *program,
           const char      *id)
{
  int r = td_program_find_rule (program, id);

  return r >= 0 ? ((TdRule *) program->rules->pdata[r])->name : id;
}

static char *
override_values (const TdProgram  *program,
                 const TdOverride *override)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (override->tier != NULL)
    /* TRANSLATORS: an override's tier */
    g_string_append_printf (text, _("tier %s"), tier_name (program, override->tier));
  for (guint i = 0; override->rates != NULL && i < override->rates->len; i++)
    {
      const TdEntry *entry = &g_array_index (override->rates, TdEntry, i);
      g_autofree char *rate = td_format_rate (entry->value);

      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? " · " : "", rule_name (program, entry->key), rate);
    }
  for (guint i = 0; override->amounts != NULL && i < override->amounts->len; i++)
    {
      const TdEntry *entry = &g_array_index (override->amounts, TdEntry, i);
      g_autofree char *amount = td_format_money (entry->value, program->currency);

      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? " · " : "", rule_name (program, entry->key), amount);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
filter_overrides (TdDesignPage *self)
{
  g_autofree char *query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->overrides_search)), -1);

  for (guint i = 0; i < self->override_rows->len; i++)
    {
      GtkWidget *row = self->override_rows->pdata[i];
      const char *haystack = g_object_get_data (G_OBJECT (row), "search");

      gtk_widget_set_visible (row, query[0] == '\0' || strstr (haystack, query) != NULL);
    }
}

static void
refresh_overrides (TdDesignPage *self)
{
  const TdProgram *program = program_of (self);

  for (guint i = 0; i < self->override_rows->len; i++)
    adw_preferences_group_remove (self->overrides_group, self->override_rows->pdata[i]);
  g_ptr_array_set_size (self->override_rows, 0);
  for (guint i = 0; i < program->overrides->len; i++)
    {
      const TdOverride *override = program->overrides->pdata[i];
      const char *name = partner_name (self, override->partner);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *reason = gtk_label_new (override->reason);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = name != NULL ? g_strdup_printf ("%s · %s", override->partner, name)
                                            : g_strdup (override->partner);
      g_autofree char *values = override_values (program, override);
      g_autofree char *search = g_utf8_casefold (title, -1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove the override of %s"), override->partner);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), values);
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_widget_set_margin_top (reason, 12);
      gtk_widget_set_margin_bottom (reason, 12);
      gtk_widget_set_margin_start (reason, 12);
      gtk_widget_set_margin_end (reason, 12);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reason);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_object_set_data_full (G_OBJECT (remove), "partner", g_strdup (override->partner), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_override_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
      g_object_set_data_full (G_OBJECT (row), "search", g_steal_pointer (&search), g_free);
      adw_preferences_group_add (self->overrides_group, row);
      g_ptr_array_add (self->override_rows, row);
      g_hash_table_replace (self->paths, g_strdup_printf ("$.overrides[%u]", i), row);
    }
  filter_overrides (self);
}

/* ---- adding ----------------------------------------------------------- */

/* "tier-2", "rule-3"…: the first @prefix-N no tier or rule has. */
static char *
unused_id (const TdProgram *program,
           const char      *prefix)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);
      gboolean taken = FALSE;

      for (guint t = 0; t < program->tiers->len && !taken; t++)
        taken = g_str_equal (((TdTier *) program->tiers->pdata[t])->id, id);
      for (guint r = 0; r < program->rules->len && !taken; r++)
        taken = g_str_equal (((TdRule *) program->rules->pdata[r])->id, id);
      if (!taken)
        return g_steal_pointer (&id);
    }
}

static void
add_tier_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdDesignPage *self = TD_DESIGN_PAGE (widget);
  TdProgram *copy = td_program_copy (program_of (self));
  g_autofree char *id = unused_id (copy, "tier");
  GError *error = NULL;
  gboolean ok = td_program_add_tier (copy, id, _("New tier"), copy->tiers->len, &error);

  apply_setting (self, _("Add a tier"), copy, ok, error);
}

/* A percent rule with no rates yet: a row of "—" to type into. */
static void
add_rule (TdDesignPage *self,
          const char   *prefix,
          const char   *name,
          gboolean      active,
          TdDate        from,
          TdDate        to)
{
  TdProgram *copy = td_program_copy (program_of (self));
  g_autoptr(TdRule) rule = td_rule_new ();
  GError *error = NULL;
  gboolean ok;

  rule->id = unused_id (copy, prefix);
  rule->name = g_strdup (name);
  rule->kind = TD_RULE_PERCENT;
  rule->base = TD_BASE_LIST;
  /* "rates": {} — no tier paid yet: its cells show "—". */
  rule->rates = g_array_new (FALSE, FALSE, sizeof (TdEntry));
  rule->has_active = rule->has_active_from = rule->has_active_to = active;
  rule->active_from = from;
  rule->active_to = to;
  ok = td_program_add_rule (copy, rule, copy->rules->len, &error);
  apply_setting (self, active ? _("Add a promotion") : _("Add a rule"), copy, ok, error);
}

static void
add_rule_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  add_rule (TD_DESIGN_PAGE (widget), "rule", _("New reward"), FALSE, 0, 0);
}

static void
add_promotion_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now);
  TdDate from, to;

  /* Next month, whole. */
  year += month == 12;
  month = month % 12 + 1;
  from = td_date_from_ymd (year, month, 1);
  to = td_date_from_ymd (year + (month == 12), month % 12 + 1, 1) - 1;
  add_rule (TD_DESIGN_PAGE (widget), "promotion", _("New promotion"), TRUE, from, to);
}

static void
override_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TdDesignPage     *self)
{
  GtkEditable *partner = g_object_get_data (G_OBJECT (dialog), "partner");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkDropDown *tier = g_object_get_data (G_OBJECT (dialog), "tier");
  g_autoptr(TdOverride) override = NULL;
  const TdProgram *program;
  TdProgram *copy;
  GError *error = NULL;
  g_autofree char *id = NULL, *label = NULL;
  guint selected;
  gboolean ok;

  if (!g_str_equal (response, "add") || self->editor == NULL)
    return;
  program = program_of (self);
  id = g_strstrip (g_strdup (gtk_editable_get_text (partner)));
  selected = gtk_drop_down_get_selected (tier);
  override = g_new0 (TdOverride, 1);
  override->partner = g_strdup (id);
  override->reason = g_strdup (gtk_editable_get_text (reason));
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    override->tier = g_strdup (((TdTier *) program->tiers->pdata[selected - 1])->id);
  copy = td_program_copy (program);
  ok = td_program_add_override (copy, override, &error);
  /* TRANSLATORS: undo label */
  label = g_strdup_printf (_("Add an override for %s"), id);
  if (!ok)
    {
      AdwToast *toast = adw_toast_new (error->message);
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
    }
  apply_setting (self, label, copy, ok, ok ? NULL : g_steal_pointer (&error));
}

static void
add_override_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdDesignPage *self = TD_DESIGN_PAGE (widget);
  const TdProgram *program = program_of (self);
  GtkWidget *dialog, *box, *partner, *reason, *tier;
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->overrides_search));

  if (program == NULL)
    return;
  gtk_string_list_append (tiers, _("Tier as qualified"));
  for (guint t = 0; t < program->tiers->len; t++)
    gtk_string_list_append (tiers, ((TdTier *) program->tiers->pdata[t])->name);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add an Override"),
                                   _("The partner keeps the tier chosen here whatever its sales; replaced rates and amounts are set in the program file or the rule editor."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  partner = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (partner), _("Partner id, such as P00042"));
  gtk_editable_set_text (GTK_EDITABLE (partner), query);
  gtk_accessible_update_property (GTK_ACCESSIBLE (partner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Partner id"), -1);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason (required)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  tier = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (tiers)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tier), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tier"), -1);
  gtk_box_append (GTK_BOX (box), partner);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), tier);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_object_set_data (G_OBJECT (dialog), "partner", partner);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "tier", tier);
  g_signal_connect_object (dialog, "response", G_CALLBACK (override_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- following the editor ---------------------------------------------- */

static void
clear_matrix (TdDesignPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix))) != NULL)
    gtk_grid_remove (self->matrix, child);
  g_hash_table_remove_all (self->cells);
  g_hash_table_remove_all (self->paths);
}

/* The key of the cell that has the focus, to give it back after a rebuild. */
static char *
focused_key (TdDesignPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GHashTableIter iter;
  gpointer key, value;

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    {
      g_hash_table_iter_init (&iter, self->cells);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value == focus)
          return g_strdup (key);
    }
  return NULL;
}

static void
refresh_promotions (TdDesignPage *self)
{
  td_promotion_timeline_set_program (self->timeline, program_of (self));
}

static void
promotion_changed_cb (TdPromotionTimeline *timeline,
                      const char          *rule_id,
                      int                  from,
                      int                  to,
                      TdDesignPage        *self)
{
  g_autoptr(GError) error = NULL;

  if (self->editor == NULL)
    return;
  if (!td_editor_set_rule_active (self->editor, rule_id, from, to, &error))
    {
      /* The bar goes back to where the program has it. */
      td_promotion_timeline_set_program (timeline, program_of (self));
      gtk_widget_set_tooltip_text (GTK_WIDGET (timeline), error->message);
    }
}

static void
promotion_added_cb (TdPromotionTimeline *timeline,
                    int                  from,
                    int                  to,
                    TdDesignPage        *self)
{
  if (self->editor != NULL)
    add_rule (self, "promotion", _("New promotion"), TRUE, from, to);
}

static void
promotion_activated_cb (TdPromotionTimeline *timeline,
                        const char          *rule_id,
                        TdDesignPage        *self)
{
  g_signal_emit (self, signals[SIGNAL_EDIT_RULE], 0, rule_id);
}

static void
refresh (TdDesignPage *self)
{
  const TdProgram *program = program_of (self);
  g_autofree char *shape = NULL;

  if (program == NULL)
    {
      clear_matrix (self);
      g_clear_pointer (&self->shape, g_free);
      return;
    }
  shape = shape_of (program);
  if (g_strcmp0 (shape, self->shape) == 0)
    fill_matrix (self, FALSE);
  else
    {
      g_autofree char *focus = focused_key (self);

      clear_matrix (self);
      fill_matrix (self, TRUE);
      g_free (self->shape);
      self->shape = g_steal_pointer (&shape);
      if (focus != NULL)
        {
          GtkWidget *widget = g_hash_table_lookup (self->cells, focus);

          if (widget != NULL && TD_IS_MATRIX_CELL (widget))
            td_matrix_cell_grab_focus (TD_MATRIX_CELL (widget));
          else if (widget != NULL)
            gtk_widget_grab_focus (widget);
        }
    }
  refresh_settings (self);
  refresh_overrides (self);
  refresh_promotions (self);
}

static void
editor_changed_cb (TdEditor     *editor,
                   guint         flags,
                   TdDesignPage *self)
{
  refresh (self);
}

void
td_design_page_set_editor (TdDesignPage *page,
                           TdEditor     *editor,
                           GPtrArray    *partners)
{
  g_return_if_fail (TD_IS_DESIGN_PAGE (page));

  if (page->editor != NULL)
    g_signal_handlers_disconnect_by_func (page->editor, editor_changed_cb, page);
  g_set_object (&page->editor, editor);
  g_clear_pointer (&page->partners, g_ptr_array_unref);
  if (partners != NULL)
    page->partners = g_ptr_array_ref (partners);
  if (editor != NULL)
    g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), page, 0);
  /* A new program: build from scratch. */
  g_clear_pointer (&page->shape, g_free);
  clear_matrix (page);
  refresh (page);
}

void
td_design_page_focus_path (TdDesignPage *page,
                           const char   *path)
{
  g_autofree char *prefix = NULL;

  g_return_if_fail (TD_IS_DESIGN_PAGE (page));
  g_return_if_fail (path != NULL);

  /* The widget of the path, else of its nearest parent ("$.rules[2].match"
   * goes to the rule's row). */
  prefix = g_strdup (path);
  while (prefix[0] != '\0')
    {
      GtkWidget *widget = g_hash_table_lookup (page->paths, prefix);
      char *cut, *bracket;

      if (widget != NULL)
        {
          if (TD_IS_MATRIX_CELL (widget))
            td_matrix_cell_grab_focus (TD_MATRIX_CELL (widget));
          else
            gtk_widget_grab_focus (widget);
          return;
        }
      cut = strrchr (prefix, '.');
      bracket = strrchr (prefix, '[');
      if (bracket != NULL && (cut == NULL || bracket > cut))
        cut = bracket;
      if (cut == NULL)
        break;
      *cut = '\0';
    }
  /* Program-wide settings: the eligibility group. */
  gtk_widget_grab_focus (GTK_WIDGET (page->qualification_row));
}

TdMatrixCell *
td_design_page_get_cell (TdDesignPage *page,
                         const char   *row,
                         const char   *tier_id)
{
  GtkWidget *widget;

  g_return_val_if_fail (TD_IS_DESIGN_PAGE (page), NULL);
  widget = find_cell (page, row, tier_id);
  return widget != NULL && TD_IS_MATRIX_CELL (widget) ? TD_MATRIX_CELL (widget) : NULL;
}

void
td_design_page_set_period (TdDesignPage *page,
                           TdDate        first,
                           TdDate        last)
{
  int first_year, first_month, last_year, last_month, day;

  g_return_if_fail (TD_IS_DESIGN_PAGE (page));
  if (first == 0 && last == 0)
    {
      td_promotion_timeline_set_range (page->timeline, 0, 0);
      return;
    }
  td_date_to_ymd (first, &first_year, &first_month, &day);
  td_date_to_ymd (last, &last_year, &last_month, &day);
  td_promotion_timeline_set_range (page->timeline, td_date_from_ymd (first_year, first_month, 1),
                                   (guint) ((last_year - first_year) * 12 + last_month - first_month + 1));
}

GtkWidget *
td_design_page_get_timeline (TdDesignPage *page)
{
  g_return_val_if_fail (TD_IS_DESIGN_PAGE (page), NULL);
  return GTK_WIDGET (page->timeline);
}

static void
td_design_page_dispose (GObject *object)
{
  TdDesignPage *self = TD_DESIGN_PAGE (object);

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_func (self->editor, editor_changed_cb, self);
  g_clear_object (&self->editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_DESIGN_PAGE);
  G_OBJECT_CLASS (td_design_page_parent_class)->dispose (object);
}

static void
td_design_page_finalize (GObject *object)
{
  TdDesignPage *self = TD_DESIGN_PAGE (object);

  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->paths, g_hash_table_unref);
  g_clear_pointer (&self->override_rows, g_ptr_array_unref);
  g_free (self->shape);
  G_OBJECT_CLASS (td_design_page_parent_class)->finalize (object);
}

static void
td_design_page_class_init (TdDesignPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_design_page_dispose;
  object_class->finalize = td_design_page_finalize;

  /* The user asked for the full editor of a rule (its id). */
  signals[SIGNAL_EDIT_RULE] = g_signal_new ("edit-rule", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tierdesk/Tierdesk/td-design-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, matrix);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, promotions_bin);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, qualification_row);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, window_row);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, distributors_row);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, invoice_switch);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, renewals_row);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, overrides_group);
  gtk_widget_class_bind_template_child (widget_class, TdDesignPage, overrides_search);

  gtk_widget_class_install_action (widget_class, "design.add-tier", NULL, add_tier_activated);
  gtk_widget_class_install_action (widget_class, "design.add-rule", NULL, add_rule_activated);
  gtk_widget_class_install_action (widget_class, "design.add-promotion", NULL, add_promotion_activated);
  gtk_widget_class_install_action (widget_class, "design.add-override", NULL, add_override_activated);
}

static void
td_design_page_init (TdDesignPage *self)
{
  GtkWidget *scroller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->override_rows = g_ptr_array_new ();

  g_signal_connect_swapped (self->qualification_row, "notify::selected", G_CALLBACK (setting_changed_cb), self);
  g_signal_connect_swapped (self->window_row, "notify::selected", G_CALLBACK (setting_changed_cb), self);
  g_signal_connect_swapped (self->renewals_row, "notify::selected", G_CALLBACK (setting_changed_cb), self);
  g_signal_connect_swapped (self->invoice_switch, "notify::active", G_CALLBACK (setting_changed_cb), self);
  g_signal_connect_swapped (self->distributors_row, "apply", G_CALLBACK (distributors_applied_cb), self);
  g_signal_connect_swapped (self->overrides_search, "search-changed", G_CALLBACK (filter_overrides), self);

  self->timeline = td_promotion_timeline_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Promotions"), -1);
  g_signal_connect (self->timeline, "promotion-changed", G_CALLBACK (promotion_changed_cb), self);
  g_signal_connect (self->timeline, "promotion-added", G_CALLBACK (promotion_added_cb), self);
  g_signal_connect (self->timeline, "promotion-activated", G_CALLBACK (promotion_activated_cb), self);
  /* Two years of months are wider than the page: the timeline scrolls on
   * its own rather than widening the page. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->timeline));
  adw_bin_set_child (self->promotions_bin, scroller);
}
