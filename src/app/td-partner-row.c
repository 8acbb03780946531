/* td-partner-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-format.h"
#include "td-partner-row.h"

struct _TdPartnerRow
{
  GObject parent_instance;

  guint   index;
  char   *id;
  char   *name;
  char   *tier;
  gint64  revenue;
  gint64  payout;
  char   *revenue_text;
  char   *payout_text;
  char   *rules;
};

G_DEFINE_FINAL_TYPE (TdPartnerRow, td_partner_row, G_TYPE_OBJECT)

/* Read-only properties: what the table's columns sort and filter on. */
enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TIER,
  PROP_REVENUE,
  PROP_PAYOUT,
  PROP_REVENUE_TEXT,
  PROP_PAYOUT_TEXT,
  PROP_RULES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TdPartnerRow *
td_partner_row_new (guint       index,
                    const char *id,
                    const char *name,
                    const char *tier,
                    gint64      revenue,
                    gint64      payout,
                    const char *currency,
                    const char *rules)
{
  TdPartnerRow *row = g_object_new (TD_TYPE_PARTNER_ROW, NULL);

  row->index = index;
  row->id = g_strdup (id);
  row->name = g_strdup (name);
  row->tier = g_strdup (tier);
  row->revenue = revenue;
  row->payout = payout;
  row->revenue_text = td_format_money (revenue, currency);
  row->payout_text = td_format_money (payout, currency);
  row->rules = g_strdup (rules);
  return row;
}

guint       td_partner_row_get_index        (TdPartnerRow *row) { return row->index; }
const char *td_partner_row_get_id           (TdPartnerRow *row) { return row->id; }
const char *td_partner_row_get_name         (TdPartnerRow *row) { return row->name; }
const char *td_partner_row_get_tier         (TdPartnerRow *row) { return row->tier; }
gint64      td_partner_row_get_revenue      (TdPartnerRow *row) { return row->revenue; }
gint64      td_partner_row_get_payout       (TdPartnerRow *row) { return row->payout; }
const char *td_partner_row_get_revenue_text (TdPartnerRow *row) { return row->revenue_text; }
const char *td_partner_row_get_payout_text  (TdPartnerRow *row) { return row->payout_text; }
const char *td_partner_row_get_rules        (TdPartnerRow *row) { return row->rules; }

static void
td_partner_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdPartnerRow *self = TD_PARTNER_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TIER:
      g_value_set_string (value, self->tier);
      break;
    case PROP_REVENUE:
      g_value_set_int64 (value, self->revenue);
      break;
    case PROP_PAYOUT:
      g_value_set_int64 (value, self->payout);
      break;
    case PROP_REVENUE_TEXT:
      g_value_set_string (value, self->revenue_text);
      break;
    case PROP_PAYOUT_TEXT:
      g_value_set_string (value, self->payout_text);
      break;
    case PROP_RULES:
      g_value_set_string (value, self->rules);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_partner_row_finalize (GObject *object)
{
  TdPartnerRow *self = TD_PARTNER_ROW (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->tier);
  g_free (self->revenue_text);
  g_free (self->payout_text);
  g_free (self->rules);
  G_OBJECT_CLASS (td_partner_row_parent_class)->finalize (object);
}

static void
td_partner_row_class_init (TdPartnerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = td_partner_row_get_property;
  object_class->finalize = td_partner_row_finalize;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TIER] = g_param_spec_string ("tier", NULL, NULL, NULL, flags);
  properties[PROP_REVENUE] = g_param_spec_int64 ("revenue", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PAYOUT] = g_param_spec_int64 ("payout", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_REVENUE_TEXT] = g_param_spec_string ("revenue-text", NULL, NULL, NULL, flags);
  properties[PROP_PAYOUT_TEXT] = g_param_spec_string ("payout-text", NULL, NULL, NULL, flags);
  properties[PROP_RULES] = g_param_spec_string ("rules", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_partner_row_init (TdPartnerRow *self)
{
}
