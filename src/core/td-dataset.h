/* td-dataset.h — historical data in columns, sorted once, indexed once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine reads these arrays directly. Every id is interned: partners
 * are numbered in partner_id byte order (index i is the i-th partner of
 * the report), products in products.csv order, sales sorted by
 * (date, sale_id).
 */
#pragma once

#include <glib.h>

#include "td-date.h"
#include "td-intern.h"
#include "td-money.h"

G_BEGIN_DECLS

typedef enum
{
  TD_SALE_ONLINE      = 1 << 0,
  TD_SALE_RENEWAL     = 1 << 1,
  TD_SALE_HAS_INVOICE = 1 << 2,
} TdSaleFlags;

typedef enum
{
  TD_DEAL_OPEN,
  TD_DEAL_WON,
  TD_DEAL_LOST,
} TdDealStatus;

typedef struct
{
  /* Partners, in partner_id byte order. */
  guint     n_partners;
  TdIntern *partner_ids;           /* id == index */
  char    **partner_name;
  char    **partner_country;
  TdDate   *partner_joined;        /* TD_DATE_NONE when empty */
  char    **partner_tier;          /* the tier column, NULL when empty */
  guint    *partner_line;          /* line in partners.csv */
  guint     n_attributes;
  char    **attribute_names;
  /* n_partners × n_attributes values, each floor (value × 10,000), so
   * that value ≥ min ⟺ stored ≥ min × 10,000 for 4-decimal thresholds. */
  gint64   *attribute_values;

  /* Products, in products.csv order. */
  guint     n_products;
  TdIntern *skus;                  /* id == index */
  char    **product_name;
  gint32   *product_category;      /* into categories */
  TdMoney  *product_list_price;
  TdIntern *categories;

  /* Sales, sorted by (date, sale_id). */
  guint     n_sales;
  TdIntern *sale_ids;              /* in file order */
  gint32   *sale_id;               /* into sale_ids */
  TdDate   *sale_date;
  gint32   *sale_partner;          /* -1 when empty */
  gint32   *sale_customer;
  gint32   *sale_product;
  gint32   *sale_quantity;
  TdMoney  *sale_net;
  gint32   *sale_distributor;      /* -1 when empty */
  gint32   *sale_license;          /* -1 when empty */
  guint8   *sale_flags;            /* TdSaleFlags */
  TdIntern *customers;
  TdIntern *distributors;
  char    **distributor_key;       /* trimmed and case-folded, per distributor */
  TdIntern *licenses;

  /* Indexes over the sorted sales. */
  TdDate   *sale_previous_customer_date;  /* the customer's previous sale, TD_DATE_NONE */
  gint32   *sale_key_owner;               /* partner of the key's first partner sale before, -1 */

  /* Certifications, in file order. */
  guint     n_certifications;
  gint32   *certification_partner;
  gint32   *certification_person;
  gint32   *certification_name;
  TdDate   *certification_earned;
  TdDate   *certification_left;    /* TD_DATE_NONE when empty */
  TdIntern *persons;
  TdIntern *certification_names;

  /* Deals, in file order. */
  guint     n_deals;
  TdIntern *deal_ids;
  gint32   *deal_partner;
  gint32   *deal_customer;
  TdDate   *deal_registered;
  TdDate   *deal_closed;           /* TD_DATE_NONE when empty */
  guint8   *deal_status;           /* TdDealStatus */
  /* (partner << 32 | customer) → earliest registered_on, sorted by key. */
  guint     n_deal_keys;
  guint64  *deal_key;
  TdDate   *deal_key_first;
} TdDataset;

TdDataset *td_dataset_new                 (void);
void       td_dataset_free                (TdDataset *dataset);
void       td_dataset_build_indexes       (TdDataset *dataset);
gsize      td_dataset_memory              (const TdDataset *dataset);
TdDate     td_dataset_first_deal          (const TdDataset *dataset,
                                           gint32           partner,
                                           gint32           customer);
guint      td_dataset_first_sale_on_or_after (const TdDataset *dataset,
                                              TdDate           date);
/* The order of sales by (date, sale_id), sale_id byte by byte: NULL when
 * they are in that order already (files usually are), else a new
 * permutation (position → index) to free with g_free. */
guint     *td_sales_sort_order            (const TdDate    *date,
                                           const gint32    *id,
                                           const TdIntern  *ids,
                                           guint            n);
char      *td_distributor_key             (const char      *name,
                                           gssize           length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDataset, td_dataset_free)

G_END_DECLS
