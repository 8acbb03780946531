/* test-common.h — what the tests of the core share: files and folders,
 * a temporary folder per test, SQL read back as text, the example
 * programs and the engine cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "td-dataset.h"
#include "td-engine.h"
#include "td-program.h"

G_BEGIN_DECLS

/* A new temporary folder for each test, and a workspace path in it, not
 * created. */
typedef struct
{
  char *dir;
  char *path;                 /* dir/test.tierdesk */
} TcTempDir;

/* g_test_add() of @test with a TcTempDir removed afterwards, all in it. */
void       tc_add_temp_dir_test (const char    *name,
                                 gconstpointer  data,
                                 void         (*test) (TcTempDir *, gconstpointer));

/* @text written as @dir/@name. */
void       tc_write_file        (const char    *dir,
                                 const char    *name,
                                 const char    *text);
char      *tc_read_file         (const char    *path);
/* The names in the folder @dir, sorted (a NULL-terminated array). */
GPtrArray *tc_dir_names         (const char    *dir);
/* @path and, for a folder, all in it; asserts each removal. */
void       tc_remove_tree       (const char    *path);

/* Every row of @sql, "|" between columns, a line each; NULL as "NULL",
 * text as it is. */
char      *tc_query_rows        (sqlite3       *db,
                                 const char    *sql);
/* The schema and every row of every table of a workspace, sorted by all
 * its columns, each value typed: equal dumps are equal contents. */
char      *tc_dump_tables       (sqlite3       *db);

/* The data set of partners.csv, products.csv and sales.csv with these
 * texts, read without errors (the folder written for it is gone). */
TdDataset *tc_load_csv_texts    (const char    *partners,
                                 const char    *products,
                                 const char    *sales);
/* One of data/examples ("snom.json"), read without errors. */
TdProgram *tc_load_example      (const char    *file_name);
/* @func for each case of tests/engine (its folder as the data), as test
 * @prefix/CASE, in the order of the cases' names. */
void       tc_add_engine_cases  (const char    *prefix,
                                 GTestDataFunc  func);
/* A case of tests/engine in @dir (program.json, the CSV files, case.json)
 * and its period (case.json's --from and --to) in @options; FALSE, and the
 * test skipped, when it is not a case that simulates over a period. */
gboolean   tc_load_engine_case  (const char         *dir,
                                 TdProgram         **program,
                                 TdDataset         **dataset,
                                 TdSimulateOptions  *options);

/* A JSON value from its text. */
JsonNode  *tc_json_parse_value  (const char    *text);
/* Walks "$.a.b[2].c" in @root and sets the last step to @value (JSON
 * text), deletes it (@value NULL) or, for an array element with a value
 * starting with "+", inserts before it. */
void       tc_json_mutate       (JsonNode      *root,
                                 const char    *path,
                                 const char    *value);

G_END_DECLS
