/* test-rule-editor.c — the full editor of a rule, driven under Xvfb on the
 * example programs; what it writes is checked as canonical JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With TIERDESK_SCREENSHOT_DIR set, /ui/rule-editor/screenshots also
 * leaves its pictures there (light and dark, a percent, a rebate and a
 * per-unit rule).
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "td-demo-workspace.h"
#include "td-design-page.h"
#include "td-program-writer.h"
#include "td-rule-editor.h"
#include "td-screenshot.h"
#include "td-validator.h"
#include "td-workspace-window.h"
#include "ui-common.h"

static TdEditor *
open_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("TIERDESK_EXAMPLES"), name, NULL);
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_load (path, problems);

  g_assert_nonnull (program);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
  return td_editor_new (program, 0);
}

static char *
program_json (TdEditor *editor)
{
  return td_program_to_json (td_editor_get_program (editor));
}

static TdRuleEditor *
open_rule (TdEditor   *editor,
           const char *rule_id)
{
  TdRuleEditor *window = td_rule_editor_new (NULL, editor, rule_id);

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static GtkWidget *
field (TdRuleEditor *window,
       const char   *path)
{
  GtkWidget *widget = td_rule_editor_get_field (window, path);

  if (widget == NULL)
    g_error ("no field for %s", path);
  return widget;
}

static void
type (TdRuleEditor *window,
      const char   *path,
      const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (window, path)), text);
}

static const char *
text_of (TdRuleEditor *window,
         const char   *path)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (window, path)));
}

static void
choose (TdRuleEditor *window,
        const char   *path,
        guint         position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (window, path)), position);
}

/* @text with @old, which must occur exactly once, replaced by @new. */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* Destroys @window unless something else already did. */
static void
close_window (TdRuleEditor *window)
{
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (weak, "window.close", NULL));
  g_assert_null (weak);
}

/* Issue 6: a step added to Smart-Soft's quarterly rebate for Privileged
 * (from 100,000.00 ₽, 7 %), applied as one undoable step. */
static void
test_rebate_step (void)
{
  g_autoptr(TdEditor) editor = open_example ("smart-soft.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *expected = NULL, *after = NULL, *undone = NULL, *redone = NULL;
  g_autoptr(GError) error = NULL;
  TdRuleEditor *window = open_rule (editor, "quarterly-rebate");

  /* What the file says, in the locale's figures (C: "0.00 ₽", "5 %"). */
  g_assert_cmpstr (text_of (window, "name"), ==, "5 % rebate on quarterly sales (Privileged)");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (window, "kind"))), ==, TD_RULE_REBATE);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (window, "base"))), ==, TD_BASE_NET);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (window, "period"))), ==, TD_PERIOD_QUARTER);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (window, "mode"))), ==, TD_REBATE_RETROACTIVE);
  g_assert_cmpstr (text_of (window, "steps.privileged[0].from"), ==, "0.00 ₽");
  g_assert_cmpstr (text_of (window, "steps.privileged[0].rate"), ==, "5 %");
  g_assert_null (td_rule_editor_get_field (window, "steps.privileged[1].from"));
  g_assert_null (td_rule_editor_get_field (window, "rates.privileged"));
  g_assert_true (td_rule_editor_can_apply (window));
  g_assert_null (td_rule_editor_get_error_text (window));

  /* A new step is empty, and Apply waits until it is filled in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "rule.add-step", "s", "privileged"));
  g_assert_cmpstr (text_of (window, "steps.privileged[1].from"), ==, "");
  g_assert_false (td_rule_editor_can_apply (window));
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==,
                   "Privileged, step 2, from: type an amount, like “1,250.50 ₽”");

  /* A "from" not above the previous one: the validator's words, on the field. */
  type (window, "steps.privileged[1].from", "0");
  type (window, "steps.privileged[1].rate", "7");
  g_assert_false (td_rule_editor_can_apply (window));
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==,
                   "Privileged, step 2, from: steps need strictly ascending “from”: 0.00 is not above the previous step's 0.00");
  g_assert_true (gtk_widget_has_css_class (field (window, "steps.privileged[1].from"), "error"));

  type (window, "steps.privileged[1].from", "100,000.00");
  type (window, "steps.privileged[1].rate", "7 %");
  g_assert_true (td_rule_editor_can_apply (window));
  g_assert_null (td_rule_editor_get_error_text (window));
  g_assert_false (gtk_widget_has_css_class (field (window, "steps.privileged[1].from"), "error"));
  /* Nothing reaches the program before Apply. */
  after = program_json (editor);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  g_assert_true (td_rule_editor_apply (window, &error));
  g_assert_no_error (error);

  /* Exactly the new step, in canonical JSON: 100,000.00 ₽ is "100000.00",
   * 7 % is 7. */
  expected = replace_once (before,
                           "          {\n"
                           "            \"from\": \"0.00\",\n"
                           "            \"rate\": 5\n"
                           "          }\n"
                           "        ]",
                           "          {\n"
                           "            \"from\": \"0.00\",\n"
                           "            \"rate\": 5\n"
                           "          },\n"
                           "          {\n"
                           "            \"from\": \"100000.00\",\n"
                           "            \"rate\": 7\n"
                           "          }\n"
                           "        ]");
  after = program_json (editor);
  g_assert_cmpstr (after, ==, expected);

  /* One Apply, one undo step. */
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 1);
  g_assert_true (td_editor_undo (editor));
  undone = program_json (editor);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (td_editor_can_undo (editor));
  g_assert_true (td_editor_redo (editor));
  redone = program_json (editor);
  g_assert_cmpstr (redone, ==, expected);
}

/* A percent rule's base, list → net; the kind shows only its own fields. */
static void
test_percent_base (void)
{
  g_autoptr(TdEditor) editor = open_example ("smart-soft.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *expected = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  TdRuleEditor *window = open_rule (editor, "ti-software-reward");
  GtkWidget *base = field (window, "base");

  g_assert_cmpstr (text_of (window, "rates.authorized"), ==, "25 %");
  g_assert_cmpstr (text_of (window, "rates.certified"), ==, "30 %");
  g_assert_cmpstr (text_of (window, "rates.privileged"), ==, "35 %");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (base)), ==, TD_BASE_LIST);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (window, "match.renewal"))), ==, 2);
  g_assert_true (gtk_widget_is_visible (field (window, "match.categories")));

  /* A rebate has steps, not rates, and keeps a base. */
  choose (window, "kind", TD_RULE_REBATE);
  g_assert_null (td_rule_editor_get_field (window, "rates.certified"));
  g_assert_nonnull (td_rule_editor_get_field (window, "mode"));
  g_assert_true (gtk_widget_is_visible (base));
  /* A bonus has no base; a welcome bonus matches no sales. */
  choose (window, "kind", TD_RULE_BONUS);
  g_assert_null (td_rule_editor_get_field (window, "base"));
  g_assert_false (gtk_widget_is_visible (base));
  g_assert_nonnull (td_rule_editor_get_field (window, "targets.certified"));
  choose (window, "kind", TD_RULE_WELCOME);
  g_assert_null (td_rule_editor_get_field (window, "match.categories"));
  g_assert_null (td_rule_editor_get_field (window, "targets.certified"));
  g_assert_nonnull (td_rule_editor_get_field (window, "amounts.certified"));
  /* Back to percent: what was there still is. */
  choose (window, "kind", TD_RULE_PERCENT);
  g_assert_true (gtk_widget_is_visible (base));
  g_assert_cmpstr (text_of (window, "rates.certified"), ==, "30 %");

  adw_combo_row_set_selected (ADW_COMBO_ROW (base), TD_BASE_NET);
  g_assert_true (td_rule_editor_can_apply (window));
  g_assert_true (td_rule_editor_apply (window, &error));
  g_assert_no_error (error);

  expected = replace_once (before,
                           "\"name\": \"Reward on Traffic Inspector software sales\",\n"
                           "      \"kind\": \"percent\",\n"
                           "      \"base\": \"list\",",
                           "\"name\": \"Reward on Traffic Inspector software sales\",\n"
                           "      \"kind\": \"percent\",\n"
                           "      \"base\": \"net\",");
  after = program_json (editor);
  g_assert_cmpstr (after, ==, expected);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 1);
}

/* Bad input is refused on the spot: Apply disabled, the reason shown. */
static void
test_bad_input (void)
{
  g_autoptr(TdEditor) editor = open_example ("smart-soft.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  TdRuleEditor *window = open_rule (editor, "ti-software-reward");

  type (window, "rates.certified", "x");
  g_assert_false (td_rule_editor_can_apply (window));
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==,
                   "Certified, rate: “x” is not a percentage: write it like “12.5 %”");
  g_assert_true (gtk_widget_has_css_class (field (window, "rates.certified"), "error"));
  g_assert_false (td_rule_editor_apply (window, &error));
  g_assert_error (error, TD_EDIT_ERROR, TD_EDIT_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "Certified, rate: “x” is not a percentage: write it like “12.5 %”");
  g_clear_error (&error);
  after = program_json (editor);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  type (window, "rates.certified", "31");
  g_assert_true (td_rule_editor_can_apply (window));
  g_assert_null (td_rule_editor_get_error_text (window));
  g_assert_false (gtk_widget_has_css_class (field (window, "rates.certified"), "error"));

  /* The validator's refusals, on their fields. */
  type (window, "name", "  ");
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==, "Name: must not be empty");
  type (window, "name", "Software reward");
  type (window, "id", "depo-reward");
  g_assert_false (td_rule_editor_can_apply (window));
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==, "Id: A rule with id “depo-reward” already exists");
  type (window, "id", "Software");
  g_assert_true (g_str_has_prefix (td_rule_editor_get_error_text (window), "Id: “Software” is not a valid id"));
  type (window, "id", "software-reward");
  g_assert_true (td_rule_editor_can_apply (window));
  close_window (window);
  after = program_json (editor);
  g_assert_cmpstr (after, ==, before);
}

/* The spring promotion: its window, checked and moved. */
static void
test_active_window (void)
{
  g_autoptr(TdEditor) editor = open_example ("smart-soft.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *expected = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  TdRuleEditor *window = open_rule (editor, "ting-spring-2025");

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (window, "active"))));
  g_assert_cmpstr (text_of (window, "active.from"), ==, "2025-03-01");
  g_assert_cmpstr (text_of (window, "active.to"), ==, "2025-05-31");

  type (window, "active.to", "2025-02-28");
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==,
                   "Until: the promotion ends before it starts (“to” is before “from”)");
  type (window, "active.to", "2025-02-30");
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==,
                   "Until: “2025-02-30” is not a date: write it like “2025-03-31”");
  type (window, "active.to", "2025-06-30");
  g_assert_true (td_rule_editor_apply (window, &error));
  g_assert_no_error (error);
  expected = replace_once (before, "\"to\": \"2025-05-31\"", "\"to\": \"2025-06-30\"");
  after = program_json (editor);
  g_assert_cmpstr (after, ==, expected);
}

/* Cancel (and Escape, the same action) leaves the program as it was. */
static void
test_cancel (void)
{
  g_autoptr(TdEditor) editor = open_example ("smart-soft.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *after = NULL;
  TdRuleEditor *window = open_rule (editor, "quarterly-rebate");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "rule.add-step", "s", "certified"));
  type (window, "steps.certified[0].from", "50,000");
  type (window, "steps.certified[0].rate", "3");
  type (window, "name", "Quarterly rebate");
  choose (window, "mode", TD_REBATE_MARGINAL);
  g_assert_true (td_rule_editor_can_apply (window));
  close_window (window);

  after = program_json (editor);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (td_editor_can_undo (editor));
  g_assert_false (td_editor_is_modified (editor));
}

/* Snom's autumn DECT promotion: an amount for one SKU, in front of the
 * category's for Gold. Keys are written in byte order: "SNOM-M85"
 * before "dect". */
static void
test_per_unit (void)
{
  g_autoptr(TdEditor) editor = open_example ("snom.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *expected = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  TdRuleEditor *window = open_rule (editor, "dect-autumn-2025");

  g_assert_cmpstr (text_of (window, "amounts.silver.dect"), ==, "3.00 €");
  g_assert_cmpstr (text_of (window, "amounts.gold.dect"), ==, "5.00 €");
  g_assert_null (td_rule_editor_get_field (window, "amounts.registered[0]"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (field (window, "match.channels"))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "rule.add-amount", "s", "gold"));
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==, "Gold, line 2, SKU or category: type a SKU, a category id or “*”");
  type (window, "amounts.gold[1]", "dect");
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==, "Gold, line 2, SKU or category: “dect” is already on an earlier line");
  type (window, "amounts.gold[1]", "SNOM-M85");
  type (window, "amounts.gold.SNOM-M85", "2.5");
  g_assert_true (td_rule_editor_apply (window, &error));
  g_assert_no_error (error);

  expected = replace_once (before,
                           "        \"gold\": {\n"
                           "          \"dect\": \"5.00\"\n"
                           "        }",
                           "        \"gold\": {\n"
                           "          \"SNOM-M85\": \"2.50\",\n"
                           "          \"dect\": \"5.00\"\n"
                           "        }");
  after = program_json (editor);
  g_assert_cmpstr (after, ==, expected);
}

/* Microsoft's new-customer incentive: the settings only that kind has. */
static void
test_new_customer (void)
{
  g_autoptr(TdEditor) editor = open_example ("microsoft-pai.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *expected = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  TdRuleEditor *window = open_rule (editor, "new-customer-incentive");

  g_assert_cmpstr (text_of (window, "lookback_days"), ==, "183");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (window, "requires_deal_registration"))));
  g_assert_cmpstr (text_of (window, "amounts.gold"), ==, "300.00 €");
  g_assert_cmpstr (text_of (window, "loyalty.window_days"), ==, "365");
  g_assert_cmpstr (text_of (window, "loyalty.steps[1].min_prior"), ==, "3");
  g_assert_cmpstr (text_of (window, "loyalty.steps[2].multiplier"), ==, "1.25");
  g_assert_null (td_rule_editor_get_field (window, "rates.gold"));

  /* Two steps from the same count of earlier payouts. */
  type (window, "loyalty.steps[2].min_prior", "3");
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==,
                   "Loyalty step 3, earlier payouts: another step already has min_prior 3");
  type (window, "loyalty.steps[2].min_prior", "6");
  type (window, "lookback_days", "x");
  g_assert_cmpstr (td_rule_editor_get_error_text (window), ==,
                   "Days without a purchase before a customer counts as new: “x” is not a whole number such as “12”");
  type (window, "lookback_days", "182");
  type (window, "loyalty.steps[2].multiplier", "1.3");
  g_assert_true (td_rule_editor_apply (window, &error));
  g_assert_no_error (error);

  expected = replace_once (before, "\"lookback_days\": 183,", "\"lookback_days\": 182,");
  after = replace_once (expected, "\"multiplier\": 1.25", "\"multiplier\": 1.3");
  g_free (expected);
  expected = g_steal_pointer (&after);
  after = program_json (editor);
  g_assert_cmpstr (after, ==, expected);
}

/* A new id renames the rule where the overrides name it: Kaspersky's
 * licence margin appears as its id and in two overrides' rates. */
static void
test_rename (void)
{
  g_autoptr(TdEditor) editor = open_example ("kaspersky.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *after = NULL, *expected = NULL;
  g_auto(GStrv) parts = g_strsplit (before, "licence-margin", -1);
  g_autoptr(GError) error = NULL;
  TdRuleEditor *window = open_rule (editor, "licence-margin");

  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  type (window, "id", "licence-reward");
  g_assert_true (td_rule_editor_apply (window, &error));
  g_assert_no_error (error);
  expected = g_strjoinv ("licence-reward", parts);
  after = program_json (editor);
  g_assert_cmpstr (after, ==, expected);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 1);
}

/* Remove Rule asks first; the removal is one undo step. */
static void
test_remove (void)
{
  g_autoptr(TdEditor) editor = open_example ("snom.json");
  g_autofree char *before = program_json (editor);
  g_autofree char *after = NULL;
  TdRuleEditor *window = open_rule (editor, "welcome-phone");
  GtkWidget *weak = GTK_WIDGET (window);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_assert_null (td_rule_editor_get_field (window, "match.categories"));
  g_assert_cmpstr (text_of (window, "amounts.gold"), ==, "179.00 €");

  g_assert_true (gtk_widget_activate_action (weak, "rule.remove", NULL));
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “Welcome phone for newly registered partners”?");
  adw_message_dialog_response (dialog, "cancel");
  g_assert_nonnull (weak);
  g_assert_cmpint (td_program_find_rule (td_editor_get_program (editor), "welcome-phone"), ==, 1);

  g_assert_true (gtk_widget_activate_action (weak, "rule.remove", NULL));
  adw_message_dialog_response (ui_find_dialog (), "remove");
  g_assert_null (weak);
  g_assert_cmpint (td_program_find_rule (td_editor_get_program (editor), "welcome-phone"), ==, -1);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 1);
  g_assert_true (td_editor_undo (editor));
  after = program_json (editor);
  g_assert_cmpstr (after, ==, before);
}

static TdRuleEditor *
find_rule_editor (void)
{
  return TD_RULE_EDITOR (ui_find_toplevel (TD_TYPE_RULE_EDITOR, FALSE));
}

/* A rule's row in the designer opens its editor over the window, on the
 * program shown; Apply is seen at once. */
static void
test_from_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tierdesk-rule-editor-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.tierdesk", NULL);
  TdDemoOptions options;
  TdWorkspaceWindow *window;
  TdRuleEditor *rule_editor;
  TdEditor *editor;
  GtkWidget *page;
  const TdRule *rule;

  g_assert_no_error (error);
  td_demo_options_init (&options);
  options.n_partners = 40;
  options.n_sales = 400;
  g_assert_true (td_demo_workspace_create (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  window = ui_open_window (path);
  g_assert_true (td_workspace_window_select_program (window, "smart-soft", NULL));
  g_assert_true (td_workspace_window_set_page (window, "design", NULL));
  page = td_workspace_window_get_page_widget (window, "design");
  editor = td_workspace_window_get_editor (window);

  g_assert_null (find_rule_editor ());
  g_signal_emit_by_name (page, "edit-rule", "ting-reward");
  rule_editor = find_rule_editor ();
  g_assert_nonnull (rule_editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (rule_editor)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (rule_editor)));
  g_assert_cmpstr (text_of (rule_editor, "rates.privileged"), ==, "25 %");
  type (rule_editor, "rates.privileged", "27.5");
  g_assert_true (td_rule_editor_apply (rule_editor, &error));
  g_assert_no_error (error);
  g_assert_null (find_rule_editor ());

  rule = td_editor_get_program (editor)->rules->pdata[td_program_find_rule (td_editor_get_program (editor), "ting-reward")];
  g_assert_cmpint (td_entries_find (rule->rates, "privileged")->value, ==, 275000);
  g_assert_true (td_editor_is_modified (editor));
  g_assert_cmpstr (td_matrix_cell_get_text (td_design_page_get_cell (TD_DESIGN_PAGE (page), "rule:ting-reward", "privileged")),
                   ==, "27.5 %");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_rmdir (dir);
}

static GtkWidget *
find_page (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *page = find_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
}

/* Issue 6's step, typed in. */
static void
add_rebate_step (TdRuleEditor *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "rule.add-step", "s", "privileged"));
  type (window, "steps.privileged[1].from", "100,000.00 ₽");
  type (window, "steps.privileged[1].rate", "7 %");
  g_assert_true (td_rule_editor_can_apply (window));
}

static void
type_bad_rate (TdRuleEditor *window)
{
  type (window, "rates.certified", "x");
  g_assert_false (td_rule_editor_can_apply (window));
}

/* The editor tall enough to show all of it (as far as the screen
 * allows), rendered to @path. */
static void
shoot (const char *example,
       const char *rule_id,
       void      (*prepare) (TdRuleEditor *window),
       const char *path)
{
  g_autoptr(TdEditor) editor = open_example (example);
  TdRuleEditor *window = td_rule_editor_new (NULL, editor, rule_id);
  GtkWidget *page = find_page (GTK_WIDGET (window));
  GtkWidget *scrolled = gtk_widget_get_first_child (page);
  int natural = 0;
  gboolean done = FALSE;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  if (prepare != NULL)
    prepare (window);
  gtk_widget_measure (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)), GTK_ORIENTATION_VERTICAL,
                      720, NULL, &natural, NULL, NULL);
  /* The header bar, and the error banner when there is one. */
  natural += 48 + (td_rule_editor_get_error_text (window) != NULL ? 44 : 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, MIN (natural, 2400));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  td_screenshot_save_async (GTK_WIDGET (window), path, NULL, ui_screenshot_saved_cb, &done);
  ui_wait_for (&done);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  close_window (window);
}

static void
test_screenshots (void)
{
  static const struct
  {
    const char *example, *rule;
    void      (*prepare) (TdRuleEditor *window);
    const char *name;
  } shots[] = {
    { "smart-soft.json", "ting-spring-2025", NULL, "rule-editor-percent" },
    { "smart-soft.json", "quarterly-rebate", add_rebate_step, "rule-editor-rebate" },
    { "snom.json", "dect-autumn-2025", NULL, "rule-editor-per-unit" },
    { "smart-soft.json", "ti-software-reward", type_bad_rate, "rule-editor-error" },
    { "smart-soft.json", "annual-spif", NULL, "rule-editor-bonus" },
    { "microsoft-pai.json", "new-customer-incentive", NULL, "rule-editor-new-customer" },
  };
  const char *keep = g_getenv ("TIERDESK_SCREENSHOT_DIR");
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* What AdwApplication would load. */
  gtk_css_provider_load_from_resource (css, "/org/tierdesk/Tierdesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("tierdesk-shots-XXXXXX", &error);
  g_assert_no_error (error);
  for (int dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
        {
          g_autofree char *name = g_strdup_printf ("%s%s.png", shots[i].name, dark ? "-dark" : "");
          g_autofree char *path = g_build_filename (dir, name, NULL);

          shoot (shots[i].example, shots[i].rule, shots[i].prepare, path);
          if (keep == NULL)
            g_assert_cmpint (g_unlink (path), ==, 0);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
  if (keep == NULL)
    g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/rule-editor/rebate-step", test_rebate_step);
  g_test_add_func ("/ui/rule-editor/percent-base", test_percent_base);
  g_test_add_func ("/ui/rule-editor/bad-input", test_bad_input);
  g_test_add_func ("/ui/rule-editor/active-window", test_active_window);
  g_test_add_func ("/ui/rule-editor/cancel", test_cancel);
  g_test_add_func ("/ui/rule-editor/per-unit", test_per_unit);
  g_test_add_func ("/ui/rule-editor/new-customer", test_new_customer);
  g_test_add_func ("/ui/rule-editor/rename", test_rename);
  g_test_add_func ("/ui/rule-editor/remove", test_remove);
  g_test_add_func ("/ui/rule-editor/from-window", test_from_window);
  g_test_add_func ("/ui/rule-editor/screenshots", test_screenshots);
  return g_test_run ();
}
