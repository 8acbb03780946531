/* test-csv.c — RFC 4180 records, and every problem of the CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "td-csv.h"
#include "td-dataset-loader.h"

/* ---- csv-spectrum: every file parses to the rows its JSON lists ---- */

static void
test_spectrum (gconstpointer data)
{
  const char *name = data;
  const char *testdata = g_getenv ("TIERDESK_TESTDATA");
  g_autofree char *csv_file = g_strconcat (name, ".csv", NULL);
  g_autofree char *json_file = g_strconcat (name, ".json", NULL);
  g_autofree char *csv_path = g_build_filename (testdata, "csv-spectrum", "csvs", csv_file, NULL);
  g_autofree char *json_path = g_build_filename (testdata, "csv-spectrum", "json", json_file, NULL);
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const TdCsvField *fields;
  const char *message;
  guint n_fields, line, bad, row = 0;
  JsonArray *expected;

  g_file_get_contents (csv_path, &text, &length, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  expected = json_node_get_array (json_parser_get_root (parser));

  reader = td_csv_reader_new (text, length);
  g_assert_true (td_csv_reader_next (reader, &fields, &n_fields, &line, &message, &bad));
  g_assert_null (message);
  for (guint f = 0; f < n_fields; f++)
    g_ptr_array_add (header, g_strndup (fields[f].text, fields[f].length));

  while (td_csv_reader_next (reader, &fields, &n_fields, &line, &message, &bad))
    {
      JsonObject *object;

      g_assert_null (message);
      g_assert_cmpuint (row, <, json_array_get_length (expected));
      object = json_array_get_object_element (expected, row);
      g_assert_cmpuint (n_fields, ==, header->len);
      g_assert_cmpuint (json_object_get_size (object), ==, n_fields);
      for (guint f = 0; f < n_fields; f++)
        {
          g_autofree char *value = g_strndup (fields[f].text, fields[f].length);
          g_assert_cmpstr (value, ==, json_object_get_string_member (object, header->pdata[f]));
        }
      row++;
    }
  g_assert_cmpuint (row, ==, json_array_get_length (expected));
}

static void
test_records (void)
{
  static const char text[] = "\xEF\xBB\xBF" "a,b\r\n\"x,1\",\" y \"\r\n\r\n\"multi\nline\",\"q\"\"q\"\n,\n";
  g_autoptr(TdCsvReader) reader = td_csv_reader_new (text, strlen (text));
  const TdCsvField *f;
  const char *message;
  guint n, line, bad;

  g_assert_true (td_csv_reader_next (reader, &f, &n, &line, &message, &bad));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (line, ==, 1);
  g_assert_true (f[0].length == 1 && f[0].text[0] == 'a');
  g_assert_true (td_csv_reader_next (reader, &f, &n, &line, &message, &bad));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpint (strncmp (f[0].text, "x,1", f[0].length), ==, 0);
  g_assert_cmpuint (f[1].length, ==, 3);   /* spaces are part of a field */
  g_assert_true (td_csv_reader_next (reader, &f, &n, &line, &message, &bad));
  g_assert_cmpuint (line, ==, 4);          /* the blank line 3 is skipped */
  g_assert_cmpuint (f[0].length, ==, 10);
  g_assert_cmpint (strncmp (f[1].text, "q\"q", 3), ==, 0);
  g_assert_true (td_csv_reader_next (reader, &f, &n, &line, &message, &bad));
  g_assert_cmpuint (line, ==, 6);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (f[0].length + f[1].length, ==, 0);
  g_assert_false (td_csv_reader_next (reader, &f, &n, &line, &message, &bad));
}

static void
test_malformed_records (void)
{
  static const char unclosed[] = "a,b\n1,\"open\n2,3\n";
  static const char after_quote[] = "a,b\n\"x\"y,2\n3,4\n";
  static const char stray_quote[] = "a,b\nx\"y,2\n3,4\n";
  g_autoptr(TdCsvReader) r1 = td_csv_reader_new (unclosed, strlen (unclosed));
  g_autoptr(TdCsvReader) r2 = td_csv_reader_new (after_quote, strlen (after_quote));
  g_autoptr(TdCsvReader) r3 = td_csv_reader_new (stray_quote, strlen (stray_quote));
  const TdCsvField *f;
  const char *message;
  guint n, line, bad;

  td_csv_reader_next (r1, &f, &n, &line, &message, &bad);
  g_assert_true (td_csv_reader_next (r1, &f, &n, &line, &message, &bad));
  g_assert_cmpstr (message, ==, "a quoted field is not closed: a double quote is missing");
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (bad, ==, 1);

  td_csv_reader_next (r2, &f, &n, &line, &message, &bad);
  g_assert_true (td_csv_reader_next (r2, &f, &n, &line, &message, &bad));
  g_assert_cmpstr (message, ==, "text after the closing quote of a quoted field");
  g_assert_true (td_csv_reader_next (r2, &f, &n, &line, &message, &bad));
  g_assert_null (message);
  g_assert_cmpuint (line, ==, 3);

  td_csv_reader_next (r3, &f, &n, &line, &message, &bad);
  g_assert_true (td_csv_reader_next (r3, &f, &n, &line, &message, &bad));
  g_assert_cmpstr (message, ==, "a double quote inside a field that does not start with one: quote the whole field and double the quote");
  g_assert_true (td_csv_reader_next (r3, &f, &n, &line, &message, &bad));
  g_assert_cmpuint (line, ==, 3);
}

/* ---- the loader: FILE:LINE:COLUMN for every problem ---- */

static const char good_partners[] = "partner_id,name,tier\nP1,Alpha,gold\nP2,Beta,\n";
static const char good_products[] = "sku,name,category,list_price\nD785,Phone,hw,900.00\nSW,Soft,sw,100\n";
static const char good_sales[] =
  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"
  "S1,2024-01-05,P1,C1,D785,1,850.00\n"
  "S2,2024-01-06,P2,C2,SW,2,190.00\n";

typedef struct
{
  const char *partners, *products, *sales, *certifications, *deals;
} Files;

static char *
write_dir (const Files *files)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tierdesk-csv-XXXXXX", &error);
  const char *names[] = { "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv" };
  const char *texts[] = { files->partners, files->products, files->sales, files->certifications, files->deals };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (texts[i] != NULL)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_file_set_contents (path, texts[i], -1, &error);
        g_assert_no_error (error);
      }
  return dir;
}

static void
remove_dir (const char *dir)
{
  const char *names[] = { "partners.csv", "products.csv", "sales.csv", "certifications.csv", "deals.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Loads and returns the problems as "FILE:LINE:COLUMN: message", with the
 * folder left out. */
static GPtrArray *
load_problems (const Files *files,
               TdDataset  **dataset_out)
{
  g_autofree char *dir = write_dir (files);
  g_autoptr(TdProblems) problems = td_problems_new ();
  TdDataset *dataset = td_dataset_load_dir (dir, NULL, problems);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);

  for (guint i = 0; i < td_problems_get_n (problems); i++)
    {
      g_autofree char *line = td_problem_to_string (td_problems_get (problems, i), "?");
      char *found = strstr (line, prefix);
      if (found != NULL)
        memmove (found, found + strlen (prefix), strlen (found + strlen (prefix)) + 1);
      g_ptr_array_add (lines, g_steal_pointer (&line));
    }
  if (dataset_out != NULL)
    *dataset_out = dataset;
  else
    td_dataset_free (dataset);
  remove_dir (dir);
  return lines;
}

typedef struct
{
  const char *name;
  Files files;
  const char *expected;
} LoaderCase;

static const LoaderCase loader_cases[] = {
  { "negative-amount", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,C1,D785,1,-5.00\n" },
    "sales.csv:2:net_amount: “-5.00” is negative: returns and credit notes are not part of format version 1" },
  { "bad-amount", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,C1,D785,1,\"1,000.00\"\n" },
    "sales.csv:2:net_amount: “1,000.00” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”" },
  { "bad-date", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2023-02-29,P1,C1,D785,1,5.00\n" },
    "sales.csv:2:date: “2023-02-29” is not a date in the calendar" },
  { "date-form", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,05/01/2024,P1,C1,D785,1,5.00\n" },
    "sales.csv:2:date: “05/01/2024” is not a date of the form YYYY-MM-DD" },
  { "unknown-partner", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P9,C1,D785,1,5.00\n" },
    "sales.csv:2:partner_id: “P9” is not a partner of partners.csv" },
  { "unknown-sku", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,C1,X1,1,5.00\n" },
    "sales.csv:2:sku: “X1” is not a product of products.csv" },
  { "duplicate-sale", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,C1,D785,1,5.00\nS1,2024-01-06,P1,C1,D785,1,5.00\n" },
    "sales.csv:3:sale_id: the sale “S1” is already listed on line 2" },
  { "duplicate-partner", { "partner_id,name\nP1,A\nP2,B\n P1 ,C\n", good_products, good_sales },
    "partners.csv:4:partner_id: the partner “P1” is already listed on line 2" },
  { "duplicate-sku", { good_partners, "sku,name,category,list_price\nA,a,c,1\nA,b,c,2\n", "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n" },
    "products.csv:3:sku: the product “A” is already listed on line 2" },
  { "quantity-zero", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,C1,D785,0,5.00\n" },
    "sales.csv:2:quantity: “0” is not a quantity: write a whole number ≥ 1" },
  { "quantity-fraction", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,C1,D785,1.5,5.00\n" },
    "sales.csv:2:quantity: “1.5” is not a quantity: write a whole number ≥ 1" },
  { "missing-column", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity\nS1,2024-01-05,P1,C1,D785,1\n" },
    "sales.csv:1:net_amount: the required column “net_amount” is missing from the header" },
  { "unknown-column", { good_partners, "sku,name,category,list_price,colour\nD785,a,c,1,red\nSW,b,c,2,blue\n", good_sales },
    "products.csv:1:colour: unknown column “colour”: this file has the columns sku, name, category, list_price" },
  { "field-count", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,C1,D785,1\n" },
    "sales.csv:2:net_amount: the row has 6 fields, the header has 7" },
  { "partner-empty-offline", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount,channel\nS1,2024-01-05,,C1,D785,1,5.00,partner\n" },
    "sales.csv:2:partner_id: the partner may be left empty only for an online sale" },
  { "bad-channel", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount,channel\nS1,2024-01-05,P1,C1,D785,1,5.00,shop\n" },
    "sales.csv:2:channel: “shop” is not a channel: use partner, online or leave it empty" },
  { "bad-renewal", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount,renewal\nS1,2024-01-05,P1,C1,D785,1,5.00,yes\n" },
    "sales.csv:2:renewal: “yes” is not a renewal flag: use 0, 1, true, false or leave it empty" },
  { "bad-attribute", { "partner_id,name,staff\nP1,A,many\n", good_products, "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n" },
    "partners.csv:2:staff: “many” is not an attribute value: use a number, yes/no, true/false or leave it empty" },
  { "missing-file", { good_partners, NULL, "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n" },
    "products.csv: the file is missing: partners.csv, products.csv and sales.csv are required" },
  { "empty-file", { "", good_products, "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n" },
    "partners.csv: the file is empty, which counts as missing: partners.csv, products.csv and sales.csv are required" },
  { "won-without-closed", { good_partners, good_products, good_sales, NULL,
      "deal_id,partner_id,customer_id,registered_on,status,closed_on\nD1,P1,C1,2024-01-01,won,\n" },
    "deals.csv:2:closed_on: a won or lost deal needs the date it was closed" },
  { "bad-status", { good_partners, good_products, good_sales, NULL,
      "deal_id,partner_id,customer_id,registered_on,status\nD1,P1,C1,2024-01-01,closed\n" },
    "deals.csv:2:status: “closed” is not a deal status: use open, won, lost or leave it empty" },
  { "certification-partner", { good_partners, good_products, good_sales,
      "partner_id,person,certification,earned_on\nP7,Ann,tech,2024-01-01\n" },
    "certifications.csv:2:partner_id: “P7” is not a partner of partners.csv" },
  { "unclosed-quote", { good_partners, good_products,
      "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\nS1,2024-01-05,P1,\"C1,D785,1,5.00\n" },
    "sales.csv:2:customer_id: a quoted field is not closed: a double quote is missing" },
  { "duplicate-header", { "partner_id,name,name\nP1,A,B\n", good_products, "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n" },
    "partners.csv:1:name: the column “name” appears twice in the header" },
};

static void
test_loader_case (gconstpointer data)
{
  const LoaderCase *c = data;
  TdDataset *dataset = NULL;
  g_autoptr(GPtrArray) problems = load_problems (&c->files, &dataset);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("got: %s", (char *) problems->pdata[i]);
  g_assert_null (dataset);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (problems->pdata[0], ==, c->expected);
}

/* Every problem, not just the first: three bad rows, three lines. */
static void
test_three_bad_rows (void)
{
  Files files = { good_partners, good_products,
                  "sale_id,date,partner_id,customer_id,sku,quantity,net_amount\n"
                  "S1,2024-01-05,P1,C1,D785,1,5.00\n"
                  "S2,2024-13-05,P1,C1,D785,1,5.00\n"
                  "S3,2024-01-05,P1,C1,D785,1,5.00\n"
                  "S4,2024-01-05,P1,C1,D785,x,5.00\n"
                  "S5,2024-01-05,P1,C1,D785,1,5.001\n" };
  TdDataset *dataset = NULL;
  g_autoptr(GPtrArray) problems = load_problems (&files, &dataset);

  g_assert_null (dataset);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (problems->pdata[0], ==, "sales.csv:3:date: “2024-13-05” is not a date in the calendar");
  g_assert_cmpstr (problems->pdata[1], ==, "sales.csv:5:quantity: “x” is not a quantity: write a whole number ≥ 1");
  g_assert_cmpstr (problems->pdata[2], ==, "sales.csv:6:net_amount: “5.001” is not an amount of money: write digits with at most 2 decimals and a dot, e.g. “1500.00”");
}

static void
test_good_data (void)
{
  Files files = {
    "\xEF\xBB\xBF" "name , partner_id,tier,staff,web\r\nZed,P2,gold,\" 3.5 \",YES\r\nAlpha,P1, ,-1.23456,no\r\n",
    good_products,
    "net_amount,sku,quantity,customer_id,partner_id,date,sale_id,channel,renewal,license_key,distributor,invoice_ref\n"
    "10.00,SW,1,C1,P1,2024-01-05,S2,,TRUE,K1, Allnet ,I1\n"
    "5.5,SW,1,C2,,2024-01-05,S10,online,1,K1,,\n"
    "7,D785,3,C1,P2,2024-01-04,S3,partner,0,,,\n",
    "",
    "deal_id,partner_id,customer_id,registered_on\n",
  };
  TdDataset *dataset = NULL;
  g_autoptr(GPtrArray) problems = load_problems (&files, &dataset);
  g_autoptr(TdDataset) owned = dataset;

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("got: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (dataset);

  /* Partners in partner_id order, whatever the file order. */
  g_assert_cmpuint (dataset->n_partners, ==, 2);
  g_assert_cmpstr (td_intern_get (dataset->partner_ids, 0), ==, "P1");
  g_assert_cmpstr (dataset->partner_name[1], ==, "Zed");
  g_assert_null (dataset->partner_tier[0]);
  g_assert_cmpstr (dataset->partner_tier[1], ==, "gold");
  g_assert_cmpuint (dataset->n_attributes, ==, 2);
  g_assert_cmpint (dataset->attribute_values[1 * 2 + 0], ==, 35000);
  g_assert_cmpint (dataset->attribute_values[1 * 2 + 1], ==, 10000);
  g_assert_cmpint (dataset->attribute_values[0 * 2 + 0], ==, -12346);   /* floor */
  g_assert_cmpint (dataset->attribute_values[0 * 2 + 1], ==, 0);

  /* Sales sorted by (date, sale_id): S3 (01-04), then S10 < S2 byte-wise. */
  g_assert_cmpuint (dataset->n_sales, ==, 3);
  g_assert_cmpstr (td_intern_get (dataset->sale_ids, dataset->sale_id[0]), ==, "S3");
  g_assert_cmpstr (td_intern_get (dataset->sale_ids, dataset->sale_id[1]), ==, "S10");
  g_assert_cmpstr (td_intern_get (dataset->sale_ids, dataset->sale_id[2]), ==, "S2");
  g_assert_cmpint (dataset->sale_net[1], ==, 550);
  g_assert_cmpint (dataset->sale_partner[1], ==, -1);
  g_assert_cmpint (dataset->sale_flags[1], ==, TD_SALE_ONLINE | TD_SALE_RENEWAL);
  g_assert_cmpint (dataset->sale_flags[2], ==, TD_SALE_RENEWAL | TD_SALE_HAS_INVOICE);
  g_assert_cmpstr (dataset->distributor_key[dataset->sale_distributor[2]], ==, "allnet");

  /* Indexes: C1 bought on 01-04 before S2; K1's first partner sale (S2)
   * comes after S10, so S10 has no owner yet. */
  g_assert_cmpint (dataset->sale_previous_customer_date[0], ==, TD_DATE_NONE);
  g_assert_cmpint (dataset->sale_previous_customer_date[2], ==, td_date_from_ymd (2024, 1, 4));
  g_assert_cmpint (dataset->sale_key_owner[1], ==, -1);
  g_assert_cmpuint (dataset->n_certifications, ==, 0);
  g_assert_cmpuint (dataset->n_deals, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const spectrum[] = {
    "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
    "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
  };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (spectrum); i++)
    {
      g_autofree char *path = g_strconcat ("/csv/spectrum/", spectrum[i], NULL);
      g_test_add_data_func (path, spectrum[i], test_spectrum);
    }
  g_test_add_func ("/csv/records", test_records);
  g_test_add_func ("/csv/malformed", test_malformed_records);
  for (guint i = 0; i < G_N_ELEMENTS (loader_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/csv/loader/", loader_cases[i].name, NULL);
      g_test_add_data_func (path, &loader_cases[i], test_loader_case);
    }
  g_test_add_func ("/csv/loader/three-bad-rows", test_three_bad_rows);
  g_test_add_func ("/csv/loader/good-data", test_good_data);
  return g_test_run ();
}
