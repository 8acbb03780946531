/* test-editor.c — the command stack, the modified flag and live problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-editor.h"
#include "td-program-writer.h"
#include "td-validator.h"

static char *
example_text (const char *name)
{
  const char *dir = g_getenv ("TIERDESK_EXAMPLES");
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (g_str_equal (name, "base"))
    path = g_test_build_filename (G_TEST_DIST, "programs", file, NULL);
  else
    {
      g_assert_nonnull (dir);
      path = g_build_filename (dir, file, NULL);
    }
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static TdEditor *
open_example (const char *name,
              guint       base_version)
{
  g_autofree char *text = example_text (name);
  g_autoptr(GError) error = NULL;
  TdEditor *editor = td_editor_new_from_json (text, base_version, &error);

  g_assert_no_error (error);
  g_assert_nonnull (editor);
  return editor;
}

/* What the editor told, since the last reset. */
typedef struct
{
  guint changed;
  guint flags;          /* of the last "changed" */
  guint modified;
  guint can_undo;
  guint can_redo;
  guint undo_label;
  guint base_version;
} Seen;

static void
changed_cb (TdEditor *editor,
            guint     flags,
            Seen     *seen)
{
  seen->changed++;
  seen->flags = flags;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Seen       *seen)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "modified"))
    seen->modified++;
  else if (g_str_equal (name, "can-undo"))
    seen->can_undo++;
  else if (g_str_equal (name, "can-redo"))
    seen->can_redo++;
  else if (g_str_equal (name, "undo-label"))
    seen->undo_label++;
  else if (g_str_equal (name, "base-version"))
    seen->base_version++;
}

static void
watch (TdEditor *editor,
       Seen     *seen)
{
  memset (seen, 0, sizeof *seen);
  g_signal_connect (editor, "changed", G_CALLBACK (changed_cb), seen);
  g_signal_connect (editor, "notify", G_CALLBACK (notify_cb), seen);
}

static void
assert_seen (Seen *seen,
             guint changed,
             guint flags,
             guint modified,
             guint can_undo,
             guint can_redo)
{
  g_assert_cmpuint (seen->changed, ==, changed);
  if (changed > 0)
    g_assert_cmpuint (seen->flags, ==, flags);
  g_assert_cmpuint (seen->modified, ==, modified);
  g_assert_cmpuint (seen->can_undo, ==, can_undo);
  g_assert_cmpuint (seen->can_redo, ==, can_redo);
  memset (seen, 0, sizeof *seen);
}

static void
assert_json (TdEditor   *editor,
             const char *expected)
{
  g_autofree char *json = td_editor_to_json (editor);

  g_assert_cmpstr (json, ==, expected);
}

/* @text with the first @from after @anchor replaced by @to. */
static char *
replace_after (const char *text,
               const char *anchor,
               const char *from,
               const char *to)
{
  const char *start = strstr (text, anchor);
  const char *at;
  GString *result;

  g_assert_nonnull (start);
  at = strstr (start, from);
  g_assert_nonnull (at);
  result = g_string_new_len (text, at - text);
  g_string_append (result, to);
  g_string_append (result, at + strlen (from));
  return g_string_free (result, FALSE);
}

#define RATE_RULE "\"id\": \"ti-software-reward\""
#define RATE_LABEL "Change rate of Certified in Reward on Traffic Inspector software sales"

/* The example: 30 % → 32 %, undo, redo. */
static void
test_undo_redo (void)
{
  TdEditor *editor = open_example ("smart-soft", 1);
  g_autofree char *original = td_editor_to_json (editor);
  g_autofree char *edited = replace_after (original, RATE_RULE, "\"certified\": 30,", "\"certified\": 32,");
  g_autoptr(GError) error = NULL;
  Seen seen;

  watch (editor, &seen);
  g_assert_false (td_editor_can_undo (editor));
  g_assert_null (td_editor_get_undo_label (editor));

  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 320000, &error));
  g_assert_no_error (error);
  assert_json (editor, edited);
  g_assert_nonnull (strstr (edited, "\"rates\": {\n        \"authorized\": 25,\n        \"certified\": 32,\n"));
  assert_seen (&seen, 1, TD_EDITOR_CHANGE_EDIT, 1, 1, 0);
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, RATE_LABEL);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 1);

  g_assert_true (td_editor_undo (editor));
  assert_json (editor, original);
  assert_seen (&seen, 1, TD_EDITOR_CHANGE_UNDO, 1, 1, 1);
  g_assert_false (td_editor_can_undo (editor));
  g_assert_false (td_editor_undo (editor));
  g_assert_cmpstr (td_editor_get_redo_label (editor), ==, RATE_LABEL);

  g_assert_true (td_editor_redo (editor));
  assert_json (editor, edited);
  assert_seen (&seen, 1, TD_EDITOR_CHANGE_REDO, 1, 1, 1);
  g_assert_false (td_editor_redo (editor));
  g_assert_cmpint (td_entries_find (((TdRule *) td_editor_get_program (editor)->rules->pdata[0])->rates,
                                    "certified")->value, ==, 320000);

  g_assert_finalize_object (editor);
}

static void
test_modified (void)
{
  TdEditor *editor = open_example ("smart-soft", 3);
  g_autofree char *original = td_editor_to_json (editor);
  g_autofree char *saved = NULL;
  Seen seen;

  watch (editor, &seen);
  g_assert_false (td_editor_is_modified (editor));
  g_assert_cmpuint (td_editor_get_base_version (editor), ==, 3);

  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 320000, NULL));
  g_assert_true (td_editor_is_modified (editor));
  g_assert_true (td_editor_undo (editor));
  g_assert_false (td_editor_is_modified (editor));
  g_assert_true (td_editor_redo (editor));
  g_assert_true (td_editor_is_modified (editor));
  memset (&seen, 0, sizeof seen);

  /* Saved as version 4: the text is then the stored version's. */
  td_editor_mark_saved (editor, 4);
  g_assert_false (td_editor_is_modified (editor));
  g_assert_cmpuint (td_editor_get_base_version (editor), ==, 4);
  g_assert_cmpuint (seen.modified, ==, 1);
  g_assert_cmpuint (seen.base_version, ==, 1);
  g_assert_cmpuint (seen.changed, ==, 0);
  saved = replace_after (original, RATE_RULE, "\"certified\": 30,", "\"certified\": 32,");
  {
    g_autofree char *versioned = replace_after (saved, "\"vendor\"", "\"version\": 1,", "\"version\": 4,");
    assert_json (editor, versioned);
  }

  /* Undo past the save: modified; the version number stays 4. */
  g_assert_true (td_editor_undo (editor));
  g_assert_true (td_editor_is_modified (editor));
  {
    g_autofree char *versioned = replace_after (original, "\"vendor\"", "\"version\": 1,", "\"version\": 4,");
    assert_json (editor, versioned);
  }
  g_assert_true (td_editor_redo (editor));
  g_assert_false (td_editor_is_modified (editor));

  /* Back to 30 % by a new edit: the same text as version 1, but not the
   * saved state. */
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 300000, NULL));
  g_assert_true (td_editor_is_modified (editor));
  /* Putting the saved value back is not a modification: content counts. */
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 320000, NULL));
  g_assert_false (td_editor_is_modified (editor));
  g_assert_finalize_object (editor);
}

static void
test_group (void)
{
  TdEditor *editor = open_example ("smart-soft", 1);
  g_autofree char *original = td_editor_to_json (editor);
  g_autofree char *step1 = replace_after (original, RATE_RULE, "\"authorized\": 25,", "\"authorized\": 26,");
  g_autofree char *step2 = replace_after (step1, RATE_RULE, "\"certified\": 30,", "\"certified\": 31,");
  g_autofree char *step3 = replace_after (step2, RATE_RULE, "\"privileged\": 35\n", "\"privileged\": 36\n");
  g_autoptr(GError) error = NULL;
  Seen seen;

  watch (editor, &seen);
  td_editor_begin_group (editor, "Raise software rates by 1 %");
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "authorized", 260000, NULL));
  td_editor_begin_group (editor, "Inner");
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 310000, NULL));
  td_editor_end_group (editor);
  /* A refusal inside a group changes nothing and does not end it. */
  g_assert_false (td_editor_set_rule_rate (editor, "ti-software-reward", "privileged", -1, &error));
  g_assert_error (error, TD_EDIT_ERROR, TD_EDIT_ERROR_INVALID_VALUE);
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "privileged", 360000, NULL));
  /* Every edit told the view, but no command exists yet. */
  g_assert_cmpuint (seen.changed, ==, 3);
  g_assert_false (td_editor_can_undo (editor));
  td_editor_end_group (editor);

  assert_json (editor, step3);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 1);
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Raise software rates by 1 %");
  g_assert_true (td_editor_undo (editor));
  assert_json (editor, original);
  g_assert_true (td_editor_redo (editor));
  assert_json (editor, step3);

  /* A group that ends where it began leaves no command. */
  td_editor_begin_group (editor, "Nothing");
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "authorized", 250000, NULL));
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "authorized", 260000, NULL));
  td_editor_end_group (editor);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 1);
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Raise software rates by 1 %");
  g_assert_finalize_object (editor);
}

static void
test_redo_branch (void)
{
  TdEditor *editor = open_example ("smart-soft", 1);
  g_autofree char *original = td_editor_to_json (editor);
  g_autofree char *a = replace_after (original, RATE_RULE, "\"certified\": 30,", "\"certified\": 31,");
  g_autofree char *c = replace_after (a, "\"id\": \"ting-reward\"", "\"certified\": 20,", "\"certified\": 22,");

  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 310000, NULL));
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 330000, NULL));
  g_assert_true (td_editor_undo (editor));
  assert_json (editor, a);
  g_assert_true (td_editor_can_redo (editor));

  g_assert_true (td_editor_set_rule_rate (editor, "ting-reward", "certified", 220000, NULL));
  g_assert_false (td_editor_can_redo (editor));
  g_assert_null (td_editor_get_redo_label (editor));
  assert_json (editor, c);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 2);
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Change rate of Certified in Reward on TING appliance sales");
  g_assert_true (td_editor_undo (editor));
  assert_json (editor, a);
  g_assert_true (td_editor_undo (editor));
  assert_json (editor, original);
  g_assert_false (td_editor_undo (editor));
  g_assert_finalize_object (editor);
}

static void
test_refused_and_unchanged (void)
{
  TdEditor *editor = open_example ("smart-soft", 1);
  g_autofree char *original = td_editor_to_json (editor);
  g_autoptr(GError) error = NULL;
  const TdProgram *program = td_editor_get_program (editor);
  gpointer rules = program->rules;
  Seen seen;

  watch (editor, &seen);
  g_assert_false (td_editor_add_tier (editor, "certified", "Certified", 0, &error));
  g_assert_error (error, TD_EDIT_ERROR, TD_EDIT_ERROR_DUPLICATE_ID);
  g_assert_cmpstr (error->message, ==, "A tier with id “certified” already exists");
  g_clear_error (&error);
  g_assert_false (td_editor_set_tier_name (editor, "certified", " ", &error));
  g_assert_cmpstr (error->message, ==, "must not be empty");
  assert_json (editor, original);
  assert_seen (&seen, 0, 0, 0, 0, 0);
  g_assert_false (td_editor_can_undo (editor));

  /* Setting a value to what it is: success, no command, no signal, and
   * the program is the same object. */
  g_assert_true (td_editor_set_rule_rate (editor, "ti-software-reward", "certified", 300000, NULL));
  g_assert_true (td_editor_get_program (editor) == program && program->rules == rules);
  assert_seen (&seen, 0, 0, 0, 0, 0);
  g_assert_false (td_editor_can_undo (editor));
  g_assert_finalize_object (editor);
}

static void
test_labels_and_structure (void)
{
  TdEditor *editor = open_example ("smart-soft", 1);
  g_autofree char *original = td_editor_to_json (editor);
  Seen seen;

  watch (editor, &seen);
  g_assert_true (td_editor_add_tier (editor, "gold", "Gold", 3, NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Add tier Gold");
  g_assert_cmpuint (seen.flags, ==, TD_EDITOR_CHANGE_STRUCTURE);
  g_assert_true (td_editor_set_tier_name (editor, "gold", "Golden", NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Rename tier Gold to Golden");
  g_assert_cmpuint (seen.flags, ==, TD_EDITOR_CHANGE_EDIT);
  g_assert_true (td_editor_set_tier_id (editor, "certified", "cert", NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Change the id of tier Certified to cert");
  g_assert_cmpuint (seen.flags, ==, TD_EDITOR_CHANGE_STRUCTURE);
  g_assert_true (td_editor_remove_tier (editor, "privileged", NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Remove tier Privileged");
  g_assert_true (td_editor_set_rule_active (editor, "ting-spring-2025", TD_DATE_NONE, TD_DATE_NONE, NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Change the dates of Spring 2025 TING promotion: extra 5 % of list price");
  g_assert_true (td_editor_set_benefit_value (editor, "nfr-licences", "cert", TD_BENEFIT_NUMBER, 30000, NULL, NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==,
                   "Change benefit NFR licences for customer demonstrations (unlimited edition, 1 year, modules enabled for 30 days) of Certified");
  g_assert_true (td_editor_set_requirement_min (editor, "cert", "min-sales", 60000000, NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Change the minimum of Minimum sales per year in Certified");
  g_assert_true (td_editor_set_require_invoice (editor, TRUE, NULL));
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Require an invoice");
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, 8);

  /* All of it, undone one by one, gives the original bytes back. */
  while (td_editor_undo (editor))
    ;
  g_assert_cmpuint (seen.flags, ==, TD_EDITOR_CHANGE_UNDO | TD_EDITOR_CHANGE_STRUCTURE);
  assert_json (editor, original);
  g_assert_false (td_editor_is_modified (editor));
  g_assert_finalize_object (editor);
}

static void
test_problems (void)
{
  g_autofree char *text = example_text ("base");
  g_autofree char *broken = replace_after (text, "\"rates\"", "\"gold\": 15}", "\"gold\": 15, \"platinum\": 20}");
  g_autofree char *unreadable = replace_after (text, "\"rates\"", "\"gold\": 15}", "\"gold\": -1}");
  g_autoptr(GError) error = NULL;
  TdEditor *editor;
  const TdProblems *problems;
  const TdProblem *problem = NULL;

  /* A draft the reader refuses is not opened. */
  g_assert_null (td_editor_new_from_json (unreadable, 2, &error));
  g_assert_error (error, TD_EDIT_ERROR, TD_EDIT_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, "The text cannot be read as a program:\n$.rules[0].rates.gold: must be a number ≥ 0");
  g_clear_error (&error);
  g_assert_null (td_editor_new_from_json ("{", 2, &error));
  g_assert_error (error, TD_EDIT_ERROR, TD_EDIT_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "The text cannot be read as a program:\nline 1, column "));
  g_clear_error (&error);

  /* One with validation errors is, and shows them. */
  editor = td_editor_new_from_json (broken, 2, &error);
  g_assert_no_error (error);
  problems = td_editor_get_problems (editor);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 1);
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    if (td_problems_get (problems, i)->severity == TD_SEVERITY_ERROR)
      problem = td_problems_get (problems, i);
  g_assert_cmpstr (problem->path, ==, "$.rules[0].rates.platinum");
  g_assert_cmpstr (problem->message, ==, "“platinum” is not a tier of the program");

  /* Adding the tier settles it; undoing brings it back. */
  g_assert_true (td_editor_add_tier (editor, "platinum", "Platinum", 2, NULL));
  g_assert_cmpuint (td_problems_count (td_editor_get_problems (editor), TD_SEVERITY_ERROR), ==, 0);
  g_assert_true (td_editor_undo (editor));
  g_assert_cmpuint (td_problems_count (td_editor_get_problems (editor), TD_SEVERITY_ERROR), ==, 1);
  g_assert_finalize_object (editor);
}

static void
test_apply (void)
{
  TdEditor *editor = open_example ("kaspersky", 5);
  g_autofree char *original = td_editor_to_json (editor);
  g_autofree char *renamed = replace_after (original, "\"format_version\"", "\"name\": \"Kaspersky tailored partner program\"",
                                            "\"name\": \"Kaspersky 2026\"");
  g_autofree char *restored = NULL;
  g_autoptr(GError) error = NULL;
  TdProgram *copy = td_program_copy (td_editor_get_program (editor));

  g_assert_nonnull (strstr (original, "\"name\": \"Kaspersky tailored partner program\""));
  /* Another version number in the program given does not count. */
  g_free (copy->name);
  copy->name = g_strdup ("Kaspersky 2026");
  copy->version = 9;
  g_assert_true (td_editor_apply (editor, "Restore version 2", copy, &error));
  g_assert_no_error (error);
  assert_json (editor, renamed);
  g_assert_cmpstr (td_editor_get_undo_label (editor), ==, "Restore version 2");
  g_assert_true (td_editor_undo (editor));
  assert_json (editor, original);

  /* A text that is not a program is refused; the editor stays as it was. */
  g_assert_false (td_editor_apply_json (editor, "Restore draft", "[]", &error));
  g_assert_error (error, TD_EDIT_ERROR, TD_EDIT_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, "The text cannot be read as a program:\n$: a program is a JSON object, not an array");
  g_clear_error (&error);
  assert_json (editor, original);
  g_assert_cmpstr (td_editor_get_redo_label (editor), ==, "Restore version 2");

  /* A draft over its version: one command, undo goes back to the version. */
  g_assert_true (td_editor_apply_json (editor, "Restore draft", renamed, &error));
  g_assert_true (td_editor_is_modified (editor));
  g_assert_false (td_editor_can_redo (editor));
  restored = td_editor_to_json (editor);
  g_assert_cmpstr (restored, ==, renamed);
  g_assert_finalize_object (editor);
}

/* More edits than the stack keeps, on the largest example; also the
 * figures for docs/editing.md. */
static void
test_limit (void)
{
  TdEditor *editor = open_example ("kaspersky", 1);
  g_autofree char *original = td_editor_to_json (editor);
  g_autofree char *after_first = NULL;
  guint n = TD_EDITOR_MAX_COMMANDS + 5;
  gint64 start, elapsed;
  gsize state_size = strlen (original);

  start = g_get_monotonic_time ();
  for (guint i = 1; i <= n; i++)
    {
      g_assert_true (td_editor_set_rule_rate (editor, "licence-margin", "gold", 10000 * (gint64) (i % 50 + 1), NULL));
      if (i == 5)
        after_first = td_editor_to_json (editor);
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("%u rate edits on kaspersky.json (%zu bytes): %.3f ms per edit; history %zu bytes "
                  "(%zu bytes as two full snapshots per command)",
                  n, state_size, elapsed / 1000.0 / n, td_editor_get_history_size (editor),
                  (gsize) TD_EDITOR_MAX_COMMANDS * 2 * state_size);
  g_assert_cmpuint (td_editor_get_n_undo (editor), ==, TD_EDITOR_MAX_COMMANDS);
  /* A one-cell edit keeps a few dozen bytes, not two copies of the file. */
  g_assert_cmpuint (td_editor_get_history_size (editor), <, 200 * TD_EDITOR_MAX_COMMANDS);

  start = g_get_monotonic_time ();
  while (td_editor_undo (editor))
    ;
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("%u undos: %.3f ms each", TD_EDITOR_MAX_COMMANDS, elapsed / 1000.0 / TD_EDITOR_MAX_COMMANDS);
  /* The five oldest commands are forgotten: undo stops after the fifth
   * edit, with gold at 6 %. */
  assert_json (editor, after_first);
  g_assert_cmpint (td_entries_find (((TdRule *) td_editor_get_program (editor)->rules->pdata[0])->rates,
                                    "gold")->value, ==, 60000);
  g_assert_true (td_editor_is_modified (editor));
  g_assert_finalize_object (editor);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/editor/undo-redo", test_undo_redo);
  g_test_add_func ("/editor/modified", test_modified);
  g_test_add_func ("/editor/group", test_group);
  g_test_add_func ("/editor/redo-branch", test_redo_branch);
  g_test_add_func ("/editor/refused-and-unchanged", test_refused_and_unchanged);
  g_test_add_func ("/editor/labels-and-structure", test_labels_and_structure);
  g_test_add_func ("/editor/problems", test_problems);
  g_test_add_func ("/editor/apply", test_apply);
  g_test_add_func ("/editor/limit", test_limit);
  return g_test_run ();
}
