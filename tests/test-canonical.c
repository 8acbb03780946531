/* test-canonical.c — canonical JSON: round trip, idempotence, x- members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-program-reader.h"
#include "td-program-writer.h"
#include "td-validator.h"

static char *
canonical_of (const char *text)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_read_data (text, strlen (text), problems);

  g_assert_nonnull (program);
  td_program_validate (program, problems);
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    if (td_problems_get (problems, i)->severity == TD_SEVERITY_ERROR)
      g_test_message ("%s", td_problems_get (problems, i)->message);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
  return td_program_to_json (program);
}

/* The shipped examples are canonical files: reading and writing one gives
 * its bytes back. */
static void
test_example (gconstpointer data)
{
  const char *path = data;
  g_autofree char *text = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_load (path, problems);

  g_assert_nonnull (program);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_WARNING), ==, 0);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  once = canonical_of (text);
  twice = canonical_of (once);
  g_assert_cmpstr (once, ==, twice);
  g_assert_cmpstr (once, ==, text);
}

static void
test_written_form (void)
{
  static const char input[] =
    "{\"x-b\": 2, \"tiers\": [{\"name\": \"G\", \"id\": \"g\", \"x-t\": {\"z\": [1, 0.1, true, null, \"s\"]}}],"
    " \"currency\": \"EUR\", \"version\": 3, \"name\": \"N\\\"q\\\"\", \"id\": \"n\", \"format_version\": 1,"
    " \"format\": \"tierdesk.program\", \"x-a\": \"first\","
    " \"rules\": [{\"kind\": \"percent\", \"id\": \"r\", \"name\": \"R\", \"rates\": {\"g\": 1.25e1}, \"base\": \"net\","
    "   \"cap\": \"7\"}]}";
  static const char expected[] =
    "{\n"
    "  \"format\": \"tierdesk.program\",\n"
    "  \"format_version\": 1,\n"
    "  \"id\": \"n\",\n"
    "  \"name\": \"N\\\"q\\\"\",\n"
    "  \"version\": 3,\n"
    "  \"currency\": \"EUR\",\n"
    "  \"categories\": [],\n"
    "  \"tiers\": [\n"
    "    {\n"
    "      \"id\": \"g\",\n"
    "      \"name\": \"G\",\n"
    "      \"requirements\": [],\n"
    "      \"x-t\": {\n"
    "        \"z\": [\n"
    "          1,\n"
    "          0.1,\n"
    "          true,\n"
    "          null,\n"
    "          \"s\"\n"
    "        ]\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"qualification\": {\n"
    "    \"mode\": \"recorded\",\n"
    "    \"window\": \"previous_year\"\n"
    "  },\n"
    "  \"eligibility\": {\n"
    "    \"require_invoice\": false\n"
    "  },\n"
    "  \"attribution\": {\n"
    "    \"online_renewals\": \"none\"\n"
    "  },\n"
    "  \"rules\": [\n"
    "    {\n"
    "      \"id\": \"r\",\n"
    "      \"name\": \"R\",\n"
    "      \"kind\": \"percent\",\n"
    "      \"base\": \"net\",\n"
    "      \"rates\": {\n"
    "        \"g\": 12.5\n"
    "      },\n"
    "      \"cap\": \"7.00\",\n"
    "      \"cap_period\": \"period\"\n"
    "    }\n"
    "  ],\n"
    "  \"benefits\": [],\n"
    "  \"objectives\": [],\n"
    "  \"overrides\": [],\n"
    "  \"x-a\": \"first\",\n"
    "  \"x-b\": 2\n"
    "}\n";
  g_autofree char *once = canonical_of (input);
  g_autofree char *twice = canonical_of (once);

  g_assert_cmpstr (once, ==, expected);
  g_assert_cmpstr (twice, ==, expected);
}

/* Maps keyed by tier follow the program's tier order, whatever the order
 * in the file; per-SKU maps are byte-wise. */
static void
test_map_order (void)
{
  static const char input[] =
    "{\"format\": \"tierdesk.program\", \"format_version\": 1, \"id\": \"m\", \"name\": \"M\", \"version\": 1,"
    " \"currency\": \"EUR\", \"tiers\": [{\"id\": \"z\", \"name\": \"Z\"}, {\"id\": \"a\", \"name\": \"A\"}],"
    " \"rules\": [{\"id\": \"u\", \"name\": \"U\", \"kind\": \"per_unit\","
    "   \"amounts\": {\"a\": {\"sku-b\": \"1\", \"*\": \"2\", \"sku-a\": \"3\"}, \"z\": {\"*\": \"1\"}}}]}";
  g_autofree char *text = canonical_of (input);
  const char *z = strstr (text, "\"z\": {");
  const char *a = strstr (text, "\"a\": {");
  const char *star = strstr (text, "\"*\": \"2.00\"");
  const char *sku_a = strstr (text, "\"sku-a\": \"3.00\"");
  const char *sku_b = strstr (text, "\"sku-b\": \"1.00\"");

  g_assert_nonnull (z);
  g_assert_nonnull (a);
  g_assert_true (z < a);
  g_assert_true (a < star && star < sku_a && sku_a < sku_b);
}

int
main (int   argc,
      char *argv[])
{
  const char *examples = g_getenv ("TIERDESK_EXAMPLES");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (examples);
  dir = g_dir_open (examples, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (examples, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (paths->len, ==, 5);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);
      g_autofree char *test = g_strconcat ("/canonical/example/", base, NULL);
      g_test_add_data_func (test, paths->pdata[i], test_example);
    }
  g_test_add_func ("/canonical/written-form", test_written_form);
  g_test_add_func ("/canonical/map-order", test_map_order);
  return g_test_run ();
}
