/* test-json-suite.c — JSONTestSuite: no file is a program, none crashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-validator.h"

static void
test_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = td_program_load (path, problems);

  g_assert_null (program);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), >=, 1);
  for (guint i = 0; i < td_problems_get_n (problems); i++)
    {
      g_autofree char *line = td_problem_to_string (td_problems_get (problems, i), path);
      /* A clear message: where, then what, never empty. */
      g_assert_true (g_utf8_validate (line, -1, NULL));
      g_assert_cmpuint (strlen (td_problems_get (problems, i)->message), >, 5);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *suite = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("TIERDESK_TESTDATA"));
  suite = g_build_filename (g_getenv ("TIERDESK_TESTDATA"), "JSONTestSuite", "test_parsing", NULL);
  dir = g_dir_open (suite, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (paths, g_build_filename (suite, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (paths->len, ==, 318);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);
      g_autofree char *test = g_strconcat ("/json-suite/", base, NULL);
      g_test_add_data_func (test, paths->pdata[i], test_file);
    }
  return g_test_run ();
}
