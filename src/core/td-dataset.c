/* td-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "td-dataset.h"

TdDataset *
td_dataset_new (void)
{
  TdDataset *dataset = g_new0 (TdDataset, 1);

  dataset->partner_ids = td_intern_new ();
  dataset->skus = td_intern_new ();
  dataset->categories = td_intern_new ();
  dataset->sale_ids = td_intern_new ();
  dataset->customers = td_intern_new ();
  dataset->distributors = td_intern_new ();
  dataset->licenses = td_intern_new ();
  dataset->persons = td_intern_new ();
  dataset->certification_names = td_intern_new ();
  dataset->deal_ids = td_intern_new ();
  return dataset;
}

static void
free_strings (char **strings,
              guint  n)
{
  if (strings == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_free (strings[i]);
  g_free (strings);
}

void
td_dataset_free (TdDataset *dataset)
{
  if (dataset == NULL)
    return;
  td_intern_free (dataset->partner_ids);
  free_strings (dataset->partner_name, dataset->n_partners);
  free_strings (dataset->partner_country, dataset->n_partners);
  g_free (dataset->partner_joined);
  free_strings (dataset->partner_tier, dataset->n_partners);
  g_free (dataset->partner_line);
  free_strings (dataset->attribute_names, dataset->n_attributes);
  g_free (dataset->attribute_values);

  td_intern_free (dataset->skus);
  free_strings (dataset->product_name, dataset->n_products);
  g_free (dataset->product_category);
  g_free (dataset->product_list_price);
  td_intern_free (dataset->categories);

  td_intern_free (dataset->sale_ids);
  g_free (dataset->sale_id);
  g_free (dataset->sale_date);
  g_free (dataset->sale_partner);
  g_free (dataset->sale_customer);
  g_free (dataset->sale_product);
  g_free (dataset->sale_quantity);
  g_free (dataset->sale_net);
  g_free (dataset->sale_distributor);
  g_free (dataset->sale_license);
  g_free (dataset->sale_flags);
  td_intern_free (dataset->customers);
  free_strings (dataset->distributor_key, td_intern_size (dataset->distributors));
  td_intern_free (dataset->distributors);
  td_intern_free (dataset->licenses);
  g_free (dataset->sale_previous_customer_date);
  g_free (dataset->sale_key_owner);

  g_free (dataset->certification_partner);
  g_free (dataset->certification_person);
  g_free (dataset->certification_name);
  g_free (dataset->certification_earned);
  g_free (dataset->certification_left);
  td_intern_free (dataset->persons);
  td_intern_free (dataset->certification_names);

  td_intern_free (dataset->deal_ids);
  g_free (dataset->deal_partner);
  g_free (dataset->deal_customer);
  g_free (dataset->deal_registered);
  g_free (dataset->deal_closed);
  g_free (dataset->deal_status);
  g_free (dataset->deal_key);
  g_free (dataset->deal_key_first);
  g_free (dataset);
}

/* FORMAT.md §2.4: names compared after trimming ASCII white space and
 * Unicode full case folding, without normalisation. */
char *
td_distributor_key (const char *name,
                    gssize      length)
{
  const char *start = name;
  const char *end = length < 0 ? name + strlen (name) : name + length;

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return g_utf8_casefold (start, end - start);
}

typedef struct
{
  guint64 key;
  TdDate  date;
} DealKey;

static int
compare_deal_keys (const void *a,
                   const void *b)
{
  const DealKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->date < y->date ? -1 : x->date > y->date;
}

/* The indexes every simulation needs, built once per data set. */
void
td_dataset_build_indexes (TdDataset *dataset)
{
  guint n_customers = td_intern_size (dataset->customers);
  guint n_licenses = td_intern_size (dataset->licenses);
  guint n_distributors = td_intern_size (dataset->distributors);
  g_autofree TdDate *last_sale = g_new (TdDate, n_customers);
  g_autofree gint32 *key_owner = g_new (gint32, n_licenses);
  g_autofree DealKey *keys = NULL;
  guint n_keys = 0;

  for (guint i = 0; i < n_customers; i++)
    last_sale[i] = TD_DATE_NONE;
  for (guint i = 0; i < n_licenses; i++)
    key_owner[i] = -1;

  g_free (dataset->sale_previous_customer_date);
  g_free (dataset->sale_key_owner);
  dataset->sale_previous_customer_date = g_new (TdDate, dataset->n_sales);
  dataset->sale_key_owner = g_new (gint32, dataset->n_sales);

  for (guint i = 0; i < dataset->n_sales; i++)
    {
      gint32 customer = dataset->sale_customer[i];
      gint32 license = dataset->sale_license[i];

      dataset->sale_previous_customer_date[i] = last_sale[customer];
      last_sale[customer] = dataset->sale_date[i];

      /* The earliest earlier sale of the key that has a partner. */
      dataset->sale_key_owner[i] = license >= 0 ? key_owner[license] : -1;
      if (license >= 0 && key_owner[license] < 0 && dataset->sale_partner[i] >= 0)
        key_owner[license] = dataset->sale_partner[i];
    }

  if (dataset->distributor_key == NULL)
    {
      dataset->distributor_key = g_new0 (char *, MAX (n_distributors, 1));
      for (guint i = 0; i < n_distributors; i++)
        dataset->distributor_key[i] = td_distributor_key (td_intern_get (dataset->distributors, (gint32) i), -1);
    }

  keys = g_new (DealKey, MAX (dataset->n_deals, 1));
  for (guint i = 0; i < dataset->n_deals; i++)
    {
      keys[i].key = ((guint64) (guint32) dataset->deal_partner[i] << 32) | (guint32) dataset->deal_customer[i];
      keys[i].date = dataset->deal_registered[i];
    }
  qsort (keys, dataset->n_deals, sizeof (DealKey), compare_deal_keys);
  g_free (dataset->deal_key);
  g_free (dataset->deal_key_first);
  dataset->deal_key = g_new (guint64, MAX (dataset->n_deals, 1));
  dataset->deal_key_first = g_new (TdDate, MAX (dataset->n_deals, 1));
  for (guint i = 0; i < dataset->n_deals; i++)
    if (n_keys == 0 || dataset->deal_key[n_keys - 1] != keys[i].key)
      {
        dataset->deal_key[n_keys] = keys[i].key;
        dataset->deal_key_first[n_keys] = keys[i].date;
        n_keys++;
      }
  dataset->n_deal_keys = n_keys;
}

/* The first registered_on of a deal of @partner for @customer, or
 * TD_DATE_NONE. */
TdDate
td_dataset_first_deal (const TdDataset *dataset,
                       gint32           partner,
                       gint32           customer)
{
  guint64 key = ((guint64) (guint32) partner << 32) | (guint32) customer;
  guint lo = 0, hi = dataset->n_deal_keys;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (dataset->deal_key[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < dataset->n_deal_keys && dataset->deal_key[lo] == key ? dataset->deal_key_first[lo] : TD_DATE_NONE;
}

guint
td_dataset_first_sale_on_or_after (const TdDataset *dataset,
                                   TdDate           date)
{
  guint lo = 0, hi = dataset->n_sales;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (dataset->sale_date[mid] < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

typedef struct
{
  const TdDate   *date;
  const gint32   *id;
  const TdIntern *ids;
} SaleOrder;

static int
compare_sales (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SaleOrder *order = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (order->date[x] != order->date[y])
    return order->date[x] < order->date[y] ? -1 : 1;
  return strcmp (td_intern_get (order->ids, order->id[x]), td_intern_get (order->ids, order->id[y]));
}

guint *
td_sales_sort_order (const TdDate   *date,
                     const gint32   *id,
                     const TdIntern *ids,
                     guint           n)
{
  SaleOrder order = { date, id, ids };
  guint *permutation;

  for (guint i = 1; i < n; i++)
    {
      guint previous = i - 1;

      if (compare_sales (&previous, &i, &order) > 0)
        break;
      if (i + 1 == n)
        return NULL;
    }
  if (n < 2)
    return NULL;
  permutation = g_new (guint, n);
  for (guint j = 0; j < n; j++)
    permutation[j] = j;
  g_qsort_with_data (permutation, (gint) n, sizeof (guint), compare_sales, &order);
  return permutation;
}

gsize
td_dataset_memory (const TdDataset *dataset)
{
  /* The columns per sale, for the benchmark's record-size figure. */
  return dataset->n_sales * (sizeof (TdDate) * 2 + sizeof (gint32) * 7 + sizeof (TdMoney) + 1);
}
