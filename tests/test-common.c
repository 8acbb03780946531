/* test-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "td-dataset-loader.h"
#include "td-problems.h"
#include "td-validator.h"
#include "test-common.h"

/* A new folder in the temporary one, named after the test program. */
static char *
make_temp_dir (void)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", program);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

static void
temp_dir_set_up (TcTempDir     *fixture,
                 gconstpointer  data)
{
  fixture->dir = make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "test.tierdesk", NULL);
}

static void
temp_dir_tear_down (TcTempDir     *fixture,
                    gconstpointer  data)
{
  tc_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

void
tc_add_temp_dir_test (const char    *name,
                      gconstpointer  data,
                      void         (*test) (TcTempDir *, gconstpointer))
{
  g_test_add (name, TcTempDir, data, temp_dir_set_up, test, temp_dir_tear_down);
}

void
tc_write_file (const char *dir,
               const char *name,
               const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

char *
tc_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
tc_dir_names (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return names;
}

void
tc_remove_tree (const char *path)
{
  /* A link to a folder is removed, not what it points to. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          tc_remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

char *
tc_query_rows (sqlite3    *db,
               const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *statement = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (statement); c++)
        {
          if (c > 0)
            g_string_append_c (out, '|');
          if (sqlite3_column_type (statement, c) == SQLITE_NULL)
            g_string_append (out, "NULL");
          else
            g_string_append (out, (const char *) sqlite3_column_text (statement, c));
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  return g_string_free (out, FALSE);
}

static void
append_value (GString      *out,
              sqlite3_stmt *statement,
              int           column)
{
  switch (sqlite3_column_type (statement, column))
    {
    case SQLITE_NULL:
      g_string_append (out, "NULL");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (statement, column));
      break;
    case SQLITE_FLOAT:
      g_string_append_printf (out, "%.17g", sqlite3_column_double (statement, column));
      break;
    case SQLITE_TEXT:
      {
        const char *text = (const char *) sqlite3_column_text (statement, column);
        int length = sqlite3_column_bytes (statement, column);

        /* Quoted, so that a text "1" and an integer 1 differ. */
        g_string_append_c (out, '\'');
        for (int i = 0; i < length; i++)
          {
            if (text[i] == '\'')
              g_string_append_c (out, '\'');
            g_string_append_c (out, text[i]);
          }
        g_string_append_c (out, '\'');
      }
      break;
    default:
      {
        const guchar *blob = sqlite3_column_blob (statement, column);
        int length = sqlite3_column_bytes (statement, column);

        g_string_append (out, "X'");
        for (int i = 0; i < length; i++)
          g_string_append_printf (out, "%02X", blob[i]);
        g_string_append_c (out, '\'');
      }
      break;
    }
}

char *
tc_dump_tables (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *schema = tc_query_rows (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY 1, 2, 3, 4");
  g_autofree char *version = tc_query_rows (db, "PRAGMA user_version");
  sqlite3_stmt *statement = NULL;

  g_string_append_printf (out, "user_version %s%s", version, schema);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
  sqlite3_finalize (statement);
  /* Schema version 2: draft, program, program_version and the nine
   * tables of imports. */
  g_assert_cmpuint (tables->len, ==, 12);

  for (guint t = 0; t < tables->len; t++)
    {
      char *select = sqlite3_mprintf ("SELECT * FROM \"%w\"", (const char *) tables->pdata[t]);
      g_autoptr(GString) sql = g_string_new (select);
      int n_columns;

      sqlite3_free (select);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &statement, NULL), ==, SQLITE_OK);
      n_columns = sqlite3_column_count (statement);
      sqlite3_finalize (statement);
      g_string_append (sql, " ORDER BY ");
      for (int c = 1; c <= n_columns; c++)
        g_string_append_printf (sql, "%s%d", c > 1 ? ", " : "", c);

      g_string_append_printf (out, "table %s\n", (const char *) tables->pdata[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &statement, NULL), ==, SQLITE_OK);
      while (sqlite3_step (statement) == SQLITE_ROW)
        {
          for (int c = 0; c < n_columns; c++)
            {
              if (c > 0)
                g_string_append_c (out, '|');
              append_value (out, statement, c);
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (statement);
    }
  return g_string_free (out, FALSE);
}

TdDataset *
tc_load_csv_texts (const char *partners,
                   const char *products,
                   const char *sales)
{
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autofree char *dir = make_temp_dir ();
  TdDataset *dataset;

  tc_write_file (dir, "partners.csv", partners);
  tc_write_file (dir, "products.csv", products);
  tc_write_file (dir, "sales.csv", sales);
  dataset = td_dataset_load_dir (dir, NULL, problems);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (td_problems_count (problems, TD_SEVERITY_ERROR), ==, 0);
  tc_remove_tree (dir);
  return dataset;
}

TdProgram *
tc_load_example (const char *file_name)
{
  const char *dir = g_getenv ("TIERDESK_EXAMPLES");
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autofree char *file = NULL;
  TdProgram *program;

  g_assert_nonnull (dir);
  file = g_build_filename (dir, file_name, NULL);
  program = td_program_load (file, problems);
  g_assert_nonnull (program);
  return program;
}

void
tc_add_engine_cases (const char    *prefix,
                     GTestDataFunc  func)
{
  g_autofree char *cases = g_test_build_filename (G_TEST_DIST, "engine", NULL);
  g_autoptr(GPtrArray) names = tc_dir_names (cases);

  for (guint i = 0; names->pdata[i] != NULL; i++)
    {
      g_autofree char *test = g_strconcat (prefix, "/", (const char *) names->pdata[i], NULL);

      g_test_add_data_func_full (test, g_build_filename (cases, names->pdata[i], NULL), func, g_free);
    }
}

gboolean
tc_load_engine_case (const char         *dir,
                     TdProgram         **program,
                     TdDataset         **dataset,
                     TdSimulateOptions  *options)
{
  g_autofree char *program_path = g_build_filename (dir, "program.json", NULL);
  g_autofree char *case_path = g_build_filename (dir, "case.json", NULL);
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *args;

  *program = td_program_load (program_path, problems);
  *dataset = td_dataset_load_dir (dir, NULL, problems);
  if (*program == NULL || *dataset == NULL || !json_parser_load_from_file (parser, case_path, NULL))
    {
      g_test_skip ("not a case that simulates");
      return FALSE;
    }
  args = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "args");
  for (guint i = 0; i + 1 < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      if (strcmp (arg, "--from") == 0)
        td_date_parse (json_array_get_string_element (args, i + 1), &options->from, NULL);
      else if (strcmp (arg, "--to") == 0)
        td_date_parse (json_array_get_string_element (args, i + 1), &options->to, NULL);
    }
  if (options->from == 0 || options->from > options->to)
    {
      g_test_skip ("no period");
      return FALSE;
    }
  return TRUE;
}

JsonNode *
tc_json_parse_value (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Walks "$.a.b[2].c" and sets, deletes (value NULL) or, for an array
 * element with a value starting with "+", inserts before it. */
void
tc_json_mutate (JsonNode   *root,
                const char *path,
                const char *value)
{
  g_auto(GStrv) steps = NULL;
  g_autoptr(GString) normalised = g_string_new (NULL);
  JsonNode *node = root;
  guint n;

  g_assert_true (g_str_has_prefix (path, "$."));
  for (const char *p = path + 2; *p != '\0'; p++)
    {
      if (*p == '[')
        g_string_append (normalised, ".#");
      else if (*p != ']')
        g_string_append_c (normalised, *p);
    }
  steps = g_strsplit (normalised->str, ".", -1);
  n = g_strv_length (steps);

  for (guint i = 0; i < n; i++)
    {
      gboolean last = i + 1 == n;
      const char *step = steps[i];

      if (step[0] == '#')
        {
          JsonArray *array = json_node_get_array (node);
          guint index = (guint) g_ascii_strtoull (step + 1, NULL, 10);

          if (last)
            {
              g_autoptr(JsonArray) copy = json_array_new ();
              gboolean insert = value != NULL && value[0] == '+';

              for (guint k = 0; k <= json_array_get_length (array); k++)
                {
                  if (k == index && value != NULL)
                    json_array_add_element (copy, tc_json_parse_value (insert ? value + 1 : value));
                  if (k < json_array_get_length (array) && (k != index || insert))
                    json_array_add_element (copy, json_node_copy (json_array_get_element (array, k)));
                }
              json_node_set_array (node, copy);
              return;
            }
          node = json_array_get_element (array, index);
        }
      else
        {
          JsonObject *object = json_node_get_object (node);

          if (last)
            {
              if (value == NULL)
                {
                  g_assert_true (json_object_has_member (object, step));
                  json_object_remove_member (object, step);
                }
              else
                json_object_set_member (object, step, tc_json_parse_value (value));
              return;
            }
          node = json_object_get_member (object, step);
        }
      g_assert_nonnull (node);
    }
}
