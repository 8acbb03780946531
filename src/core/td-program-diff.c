/* td-program-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each difference becomes one TdChange with a sentence built from a few
 * translatable frames ("%s %s → %s", "%s set to %s", …) around a
 * translatable "what" ("Tier gold: rate of rule margin"). Values are
 * display text: money with 2 decimals and the currency code of the side
 * it comes from, rates with their shortest decimal and " %", enums in
 * their JSON spelling, x- members as compact JSON.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-json.h"
#include "td-program-diff.h"

/* The "what" frames are translatable formats chosen by the caller. */
#define FORMAT_NONLITERAL_BEGIN \
  _Pragma ("GCC diagnostic push") _Pragma ("GCC diagnostic ignored \"-Wformat-nonliteral\"")
#define FORMAT_NONLITERAL_END _Pragma ("GCC diagnostic pop")

typedef struct
{
  const TdProgram *a;
  const TdProgram *b;
  GPtrArray *changes;
} Diff;

void
td_change_free (TdChange *change)
{
  if (change == NULL)
    return;
  g_free (change->subject);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->text);
  g_free (change);
}

const char *
td_change_kind_to_string (TdChangeKind kind)
{
  switch (kind)
    {
    case TD_CHANGE_ADDED:
      return "added";
    case TD_CHANGE_REMOVED:
      return "removed";
    case TD_CHANGE_CHANGED:
    default:
      return "changed";
    }
}

/* Takes @text. */
static void
emit (Diff         *d,
      TdChangeKind  kind,
      const char   *subject,
      const char   *from,
      const char   *to,
      char         *text)
{
  TdChange *change = g_new0 (TdChange, 1);

  change->kind = kind;
  change->subject = g_strdup (subject);
  change->old_value = g_strdup (from);
  change->new_value = g_strdup (to);
  change->text = text;
  g_ptr_array_add (d->changes, change);
}

/* @what ("Tier gold: rate of rule margin") changed from @from to @to. */
static void
emit_changed (Diff       *d,
              const char *subject,
              const char *what,
              const char *from,
              const char *to)
{
  /* TRANSLATORS: WHAT OLD-VALUE → NEW-VALUE, e.g.
   * "Tier gold: rate of rule margin 10 % → 12 %" */
  emit (d, TD_CHANGE_CHANGED, subject, from, to, g_strdup_printf (_("%s %s → %s"), what, from, to));
}

static void
emit_set (Diff       *d,
          const char *subject,
          const char *what,
          const char *to)
{
  /* TRANSLATORS: WHAT set to VALUE, e.g. "Tier gold: rate of rule margin set to 5 %" */
  emit (d, TD_CHANGE_ADDED, subject, NULL, to, g_strdup_printf (_("%s set to %s"), what, to));
}

static void
emit_unset (Diff       *d,
            const char *subject,
            const char *what,
            const char *from)
{
  /* TRANSLATORS: WHAT removed (was VALUE) */
  emit (d, TD_CHANGE_REMOVED, subject, from, NULL, g_strdup_printf (_("%s removed (was %s)"), what, from));
}

/* Compares two display texts (either NULL: absent). */
static void
compare_text (Diff       *d,
              const char *subject,
              const char *what,
              const char *from,
              const char *to)
{
  if (g_strcmp0 (from, to) == 0)
    return;
  if (from == NULL)
    emit_set (d, subject, what, to);
  else if (to == NULL)
    emit_unset (d, subject, what, from);
  else
    emit_changed (d, subject, what, from, to);
}

/* Same, taking all three strings. */
static void
compare_take (Diff       *d,
              const char *subject,
              char       *what,
              char       *from,
              char       *to)
{
  compare_text (d, subject, what, from, to);
  g_free (what);
  g_free (from);
  g_free (to);
}

static char *
path (const char *first,
      ...) G_GNUC_NULL_TERMINATED;

static char *
path (const char *first,
      ...)
{
  GString *out = g_string_new (first);
  va_list args;

  va_start (args, first);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    {
      g_string_append_c (out, '.');
      g_string_append (out, part);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}

/* Display text of values */

static char *
quoted (const char *text)
{
  return text != NULL ? g_strdup_printf (_("“%s”"), text) : NULL;
}

static char *
money_text (TdMoney     cents,
            const char *currency)
{
  char buf[TD_MONEY_BUF];

  /* TRANSLATORS: an amount and its currency code, "1000.00 EUR" */
  return g_strdup_printf (_("%s %s"), td_money_format_buf (cents, buf), currency != NULL ? currency : "");
}

static char *
rate_text (TdRate rate)
{
  char buf[TD_RATE_BUF];

  /* TRANSLATORS: a percentage, "12.5 %" */
  return g_strdup_printf (_("%s %%"), td_rate_format_buf (rate, buf));
}

static char *
decimal_text (gint64 value)
{
  char buf[TD_RATE_BUF];

  return g_strdup (td_rate_format_buf (value, buf));
}

static char *
count_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
value_text (TdUnit      unit,
            gint64      value,
            const char *currency)
{
  switch (unit)
    {
    case TD_UNIT_MONEY:
      return money_text (value, currency);
    case TD_UNIT_RATE:
      return rate_text (value);
    case TD_UNIT_COUNT:
    default:
      return count_text (value);
    }
}

static char *
yes_no (gboolean value)
{
  return g_strdup (value ? _("yes") : _("no"));
}

static char *
days_text (gint64 days)
{
  g_autofree char *n = count_text (days);

  /* TRANSLATORS: a number of days */
  return g_strdup_printf (_("%s days"), n);
}

static char *
list_text (GStrv values)
{
  return g_strjoinv (", ", values != NULL ? values : (char *[]) { NULL });
}

static char *
json_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static char *
date_text (TdDate date)
{
  return td_date_format (date);
}

/* Matching items by their id: every item of these lists starts with its
 * id (or, for overrides, the partner) as a char *. */

static const char *
key_of (gconstpointer item)
{
  return *(const char *const *) item;
}

typedef struct
{
  gconstpointer a;
  gconstpointer b;
} Pair;

static gconstpointer
find_key (const GPtrArray *items,
          const char      *key)
{
  if (items != NULL)
    for (guint i = 0; i < items->len; i++)
      if (g_strcmp0 (key_of (items->pdata[i]), key) == 0)
        return items->pdata[i];
  return NULL;
}

/* @b's items with their match in @a, then @a's items that @b lacks. */
static GArray *
pairs (const GPtrArray *a,
       const GPtrArray *b)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Pair));

  if (b != NULL)
    for (guint i = 0; i < b->len; i++)
      {
        Pair pair = { find_key (a, key_of (b->pdata[i])), b->pdata[i] };
        g_array_append_val (out, pair);
      }
  if (a != NULL)
    for (guint i = 0; i < a->len; i++)
      if (find_key (b, key_of (a->pdata[i])) == NULL)
        {
          Pair pair = { a->pdata[i], NULL };
          g_array_append_val (out, pair);
        }
  return out;
}

/* Map keys in the order of @order (the ids of tiers or rules), then
 * byte-wise, as the canonical writer writes them. */
static guint
position (const GPtrArray *order,
          const char      *key)
{
  if (order != NULL)
    for (guint i = 0; i < order->len; i++)
      if (g_strcmp0 (key_of (order->pdata[i]), key) == 0)
        return i;
  return G_MAXUINT;
}

static int
compare_keyed (gconstpointer x,
               gconstpointer y,
               gpointer      user_data)
{
  const GPtrArray *order = user_data;
  const char *kx = key_of (*(gconstpointer const *) x);
  const char *ky = key_of (*(gconstpointer const *) y);
  guint px = position (order, kx), py = position (order, ky);

  if (px != py)
    return px < py ? -1 : 1;
  return strcmp (kx, ky);
}

/* Pointers to the @n elements of @array (each @size bytes), sorted. */
static GPtrArray *
sorted_elements (GArray          *array,
                 gsize            size,
                 const GPtrArray *order)
{
  GPtrArray *out = g_ptr_array_new ();

  if (array != NULL)
    for (guint i = 0; i < array->len; i++)
      g_ptr_array_add (out, array->data + (gsize) i * size);
  g_ptr_array_sort_with_data (out, compare_keyed, (gpointer) order);
  return out;
}

static GPtrArray *
sorted_pointers (const GPtrArray *items,
                 const GPtrArray *order)
{
  GPtrArray *out = g_ptr_array_new ();

  if (items != NULL)
    for (guint i = 0; i < items->len; i++)
      g_ptr_array_add (out, items->pdata[i]);
  g_ptr_array_sort_with_data (out, compare_keyed, (gpointer) order);
  return out;
}

/* A map of TdEntry: one change per key. @what_format has two %s: the key
 * and @owner. */
static void
compare_entries (Diff            *d,
                 const char      *subject,
                 const char      *what_format,
                 const char      *owner,
                 GArray          *a,
                 GArray          *b,
                 const GPtrArray *order_a,
                 const GPtrArray *order_b,
                 TdUnit           unit_a,
                 TdUnit           unit_b)
{
  g_autoptr(GPtrArray) sa = sorted_elements (a, sizeof (TdEntry), order_a);
  g_autoptr(GPtrArray) sb = sorted_elements (b, sizeof (TdEntry), order_b);
  g_autoptr(GArray) matched = pairs (sa, sb);

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdEntry *x = pair->a, *y = pair->b;
      const char *key = y != NULL ? y->key : x->key;
      g_autofree char *sub = path (subject, key, NULL);

      FORMAT_NONLITERAL_BEGIN
      compare_take (d, sub, g_strdup_printf (what_format, key, owner),
                    x != NULL ? value_text (unit_a, x->value, d->b->currency) : NULL,
                    y != NULL ? value_text (unit_b, y->value, d->b->currency) : NULL);
      FORMAT_NONLITERAL_END
    }
}

static int
compare_strings (gconstpointer x,
                 gconstpointer y)
{
  return strcmp (*(const char *const *) x, *(const char *const *) y);
}

/* x- members: one change per member, byte-wise. @where names the owner
 * ("Tier gold"), NULL for the program itself. */
static void
compare_extras (Diff       *d,
                const char *subject,
                const char *where,
                JsonObject *a,
                JsonObject *b)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (int side = 0; side < 2; side++)
    {
      JsonObject *extras = side == 0 ? b : a;
      g_autoptr(GList) members = extras != NULL ? json_object_get_members (extras) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_ptr_array_find_with_equal_func (names, l->data, g_str_equal, NULL))
          g_ptr_array_add (names, l->data);
    }
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      JsonNode *x = a != NULL ? json_object_get_member (a, name) : NULL;
      JsonNode *y = b != NULL ? json_object_get_member (b, name) : NULL;
      g_autofree char *sub = subject != NULL ? path (subject, name, NULL) : g_strdup (name);
      /* TRANSLATORS: OWNER: member X-NAME, e.g. "Tier gold: member x-colour" */
      char *what = where != NULL ? g_strdup_printf (_("%s: member %s"), where, name)
                                 : g_strdup_printf (_("Member %s"), name);

      compare_take (d, sub, what, x != NULL ? json_text (x) : NULL, y != NULL ? json_text (y) : NULL);
    }
}

/* Order of the items both lists hold: "a, b → b, a" when it differs. */
static void
compare_order (Diff            *d,
               const char      *subject,
               const char      *what,
               const GPtrArray *a,
               const GPtrArray *b)
{
  g_autoptr(GPtrArray) common_a = g_ptr_array_new ();
  g_autoptr(GPtrArray) common_b = g_ptr_array_new ();
  gboolean same = TRUE;

  for (guint i = 0; i < a->len; i++)
    if (find_key (b, key_of (a->pdata[i])) != NULL)
      g_ptr_array_add (common_a, (gpointer) key_of (a->pdata[i]));
  for (guint i = 0; i < b->len; i++)
    if (find_key (a, key_of (b->pdata[i])) != NULL)
      g_ptr_array_add (common_b, (gpointer) key_of (b->pdata[i]));
  for (guint i = 0; i < common_a->len; i++)
    same &= strcmp (common_a->pdata[i], common_b->pdata[i]) == 0;
  if (!same)
    {
      g_ptr_array_add (common_a, NULL);
      g_ptr_array_add (common_b, NULL);
      g_autofree char *from = g_strjoinv (", ", (char **) common_a->pdata);
      g_autofree char *to = g_strjoinv (", ", (char **) common_b->pdata);
      emit_changed (d, subject, what, from, to);
    }
}

/* The program's own members */

static void
compare_program (Diff *d)
{
  const TdProgram *a = d->a, *b = d->b;

  compare_take (d, "id", g_strdup (_("Program id")), g_strdup (a->id), g_strdup (b->id));
  compare_take (d, "name", g_strdup (_("Program name")), quoted (a->name), quoted (b->name));
  compare_take (d, "vendor", g_strdup (_("Vendor")), quoted (a->vendor), quoted (b->vendor));
  compare_take (d, "currency", g_strdup (_("Currency")), g_strdup (a->currency), g_strdup (b->currency));
  compare_take (d, "description", g_strdup (_("Description")), quoted (a->description), quoted (b->description));
}

static void
compare_categories (Diff *d)
{
  g_autoptr(GArray) matched = pairs (d->a->categories, d->b->categories);

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdCategory *x = pair->a, *y = pair->b;
      g_autofree char *sub = path ("categories", y != NULL ? y->id : x->id, NULL);
      g_autofree char *where = NULL, *qx = NULL, *qy = NULL;
      g_autofree char *sub_name = NULL;

      if (x == NULL)
        {
          qy = quoted (y->name);
          /* TRANSLATORS: Category ID added (“NAME”) */
          emit (d, TD_CHANGE_ADDED, sub, NULL, y->name, g_strdup_printf (_("Category %s added (%s)"), y->id, qy));
          continue;
        }
      if (y == NULL)
        {
          emit (d, TD_CHANGE_REMOVED, sub, x->name, NULL, g_strdup_printf (_("Category %s removed"), x->id));
          continue;
        }
      if (g_strcmp0 (x->name, y->name) != 0)
        {
          qx = quoted (x->name);
          qy = quoted (y->name);
          sub_name = path (sub, "name", NULL);
          /* TRANSLATORS: Category ID renamed “OLD” → “NEW” */
          emit (d, TD_CHANGE_CHANGED, sub_name, x->name, y->name,
                g_strdup_printf (_("Category %s renamed %s → %s"), y->id, qx, qy));
        }
      where = g_strdup_printf (_("Category %s"), y->id);
      compare_extras (d, sub, where, x->extras, y->extras);
    }
}

static char *
requirement_text (const TdRequirement *r,
                  const char          *currency)
{
  g_autofree char *min = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *months = NULL;

  switch (r->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      min = money_text (r->min, currency);
      if (r->categories != NULL)
        {
          categories = list_text (r->categories);
          /* TRANSLATORS: revenue at least AMOUNT in CATEGORIES */
          return g_strdup_printf (_("revenue at least %s in %s"), min, categories);
        }
      return g_strdup_printf (_("revenue at least %s"), min);
    case TD_REQUIREMENT_UNITS:
      min = count_text (r->min);
      if (r->categories != NULL)
        {
          categories = list_text (r->categories);
          /* TRANSLATORS: at least N units in CATEGORIES */
          return g_strdup_printf (_("at least %s units in %s"), min, categories);
        }
      return g_strdup_printf (_("at least %s units"), min);
    case TD_REQUIREMENT_ATTRIBUTE:
      min = decimal_text (r->min);
      /* TRANSLATORS: attribute NAME at least NUMBER */
      return g_strdup_printf (_("attribute %s at least %s"), r->attribute, min);
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
      min = count_text (r->min);
      months = count_text (r->valid_months);
      /* TRANSLATORS: at least N people certified CERTIFICATION, valid M months */
      return g_strdup_printf (_("at least %s people certified %s, valid %s months"), min, r->certification, months);
    case TD_REQUIREMENT_MANUAL:
    default:
      return g_strdup (_("manual check"));
    }
}

static void
compare_requirements (Diff         *d,
                      const char   *tier_subject,
                      const TdTier *ta,
                      const TdTier *tb)
{
  g_autoptr(GArray) matched = pairs (ta->requirements, tb->requirements);

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdRequirement *x = pair->a, *y = pair->b;
      g_autofree char *sub = path (tier_subject, "requirements", y != NULL ? y->id : x->id, NULL);
      g_autofree char *tx = x != NULL ? requirement_text (x, d->b->currency) : NULL;
      g_autofree char *ty = y != NULL ? requirement_text (y, d->b->currency) : NULL;
      g_autofree char *where = NULL;

      if (x == NULL)
        {
          /* TRANSLATORS: Tier TIER: requirement ID added (CONDITION) */
          emit (d, TD_CHANGE_ADDED, sub, NULL, ty,
                g_strdup_printf (_("Tier %s: requirement %s added (%s)"), tb->id, y->id, ty));
          continue;
        }
      if (y == NULL)
        {
          emit (d, TD_CHANGE_REMOVED, sub, tx, NULL,
                g_strdup_printf (_("Tier %s: requirement %s removed"), tb->id, x->id));
          continue;
        }
      if (g_strcmp0 (x->label, y->label) != 0)
        {
          g_autofree char *sub_label = path (sub, "label", NULL);
          g_autofree char *qx = quoted (x->label), *qy = quoted (y->label);

          /* TRANSLATORS: Tier TIER: requirement ID renamed “OLD” → “NEW” */
          emit (d, TD_CHANGE_CHANGED, sub_label, x->label, y->label,
                g_strdup_printf (_("Tier %s: requirement %s renamed %s → %s"), tb->id, y->id, qx, qy));
        }
      where = g_strdup_printf (_("Tier %s: requirement %s"), tb->id, y->id);
      compare_text (d, sub, where, tx, ty);
      compare_extras (d, sub, where, x->extras, y->extras);
    }
}

static void
compare_tiers (Diff *d)
{
  g_autoptr(GArray) matched = pairs (d->a->tiers, d->b->tiers);

  compare_order (d, "tiers", _("Tier order"), d->a->tiers, d->b->tiers);
  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdTier *x = pair->a, *y = pair->b;
      g_autofree char *sub = path ("tiers", y != NULL ? y->id : x->id, NULL);
      g_autofree char *where = NULL;

      if (x == NULL)
        {
          g_autofree char *qy = quoted (y->name);
          /* TRANSLATORS: Tier ID added (“NAME”) */
          emit (d, TD_CHANGE_ADDED, sub, NULL, y->name, g_strdup_printf (_("Tier %s added (%s)"), y->id, qy));
          continue;
        }
      if (y == NULL)
        {
          emit (d, TD_CHANGE_REMOVED, sub, x->name, NULL, g_strdup_printf (_("Tier %s removed"), x->id));
          continue;
        }
      if (g_strcmp0 (x->name, y->name) != 0)
        {
          g_autofree char *sub_name = path (sub, "name", NULL);
          g_autofree char *qx = quoted (x->name), *qy = quoted (y->name);

          /* TRANSLATORS: Tier ID renamed “OLD” → “NEW” */
          emit (d, TD_CHANGE_CHANGED, sub_name, x->name, y->name,
                g_strdup_printf (_("Tier %s renamed %s → %s"), y->id, qx, qy));
        }
      compare_requirements (d, sub, x, y);
      where = g_strdup_printf (_("Tier %s"), y->id);
      compare_extras (d, sub, where, x->extras, y->extras);
    }
}

static void
compare_settings (Diff *d)
{
  const TdProgram *a = d->a, *b = d->b;
  g_autofree char *da = NULL, *db = NULL;

  compare_text (d, "qualification.mode", _("Qualification mode"),
                td_qualification_mode_to_string (a->qualification_mode),
                td_qualification_mode_to_string (b->qualification_mode));
  compare_text (d, "qualification.window", _("Qualification window"),
                td_window_to_string (a->qualification_window),
                td_window_to_string (b->qualification_window));
  compare_extras (d, "qualification", _("Qualification"), a->qualification_extras, b->qualification_extras);

  if (a->distributors != NULL && b->distributors != NULL)
    {
      for (guint i = 0; b->distributors[i] != NULL; i++)
        if (!g_strv_contains ((const char *const *) a->distributors, b->distributors[i]))
          {
            g_autofree char *sub = path ("eligibility.distributors", b->distributors[i], NULL);
            g_autofree char *q = quoted (b->distributors[i]);

            /* TRANSLATORS: Eligibility: distributor “NAME” added */
            emit (d, TD_CHANGE_ADDED, sub, NULL, b->distributors[i],
                  g_strdup_printf (_("Eligibility: distributor %s added"), q));
          }
      for (guint i = 0; a->distributors[i] != NULL; i++)
        if (!g_strv_contains ((const char *const *) b->distributors, a->distributors[i]))
          {
            g_autofree char *sub = path ("eligibility.distributors", a->distributors[i], NULL);
            g_autofree char *q = quoted (a->distributors[i]);

            emit (d, TD_CHANGE_REMOVED, sub, a->distributors[i], NULL,
                  g_strdup_printf (_("Eligibility: distributor %s removed"), q));
          }
    }
  else if (a->distributors != NULL || b->distributors != NULL)
    {
      da = a->distributors != NULL ? list_text (a->distributors) : g_strdup (_("any distributor"));
      db = b->distributors != NULL ? list_text (b->distributors) : g_strdup (_("any distributor"));
      emit_changed (d, "eligibility.distributors", _("Eligibility: distributors"), da, db);
    }
  g_clear_pointer (&da, g_free);
  g_clear_pointer (&db, g_free);
  da = yes_no (a->require_invoice);
  db = yes_no (b->require_invoice);
  compare_text (d, "eligibility.require_invoice", _("Eligibility: invoice required"), da, db);
  compare_extras (d, "eligibility", _("Eligibility"), a->eligibility_extras, b->eligibility_extras);

  compare_text (d, "attribution.online_renewals", _("Attribution of online renewals"),
                td_attribution_to_string (a->online_renewals),
                td_attribution_to_string (b->online_renewals));
  compare_extras (d, "attribution", _("Attribution"), a->attribution_extras, b->attribution_extras);
}

/* Rules */

static char *
match_text (const TdMatch *m)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (m != NULL)
    {
      if (m->categories != NULL)
        {
          g_autofree char *list = list_text (m->categories);
          g_ptr_array_add (parts, g_strdup_printf (_("categories %s"), list));
        }
      if (m->skus != NULL)
        {
          g_autofree char *list = list_text (m->skus);
          g_ptr_array_add (parts, g_strdup_printf (_("SKUs %s"), list));
        }
      if (m->has_renewal)
        g_ptr_array_add (parts, g_strdup (m->renewal ? _("renewals only") : _("new sales only")));
      if (m->has_channels)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) channels = NULL;
          g_autofree char *list = NULL;

          for (int c = 0; c < TD_N_CHANNELS; c++)
            if (m->channels[c])
              g_strv_builder_add (builder, td_channel_to_string (c));
          channels = g_strv_builder_end (builder);
          list = list_text (channels);
          g_ptr_array_add (parts, g_strdup_printf (_("channels %s"), list));
        }
    }
  if (parts->len == 0)
    return g_strdup (_("all sales"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static char *
active_text (const TdRule *rule)
{
  g_autofree char *from = rule->has_active_from ? date_text (rule->active_from) : NULL;
  g_autofree char *to = rule->has_active_to ? date_text (rule->active_to) : NULL;

  if (from != NULL && to != NULL)
    /* TRANSLATORS: a rule's active window, FROM-DATE to TO-DATE */
    return g_strdup_printf (_("%s to %s"), from, to);
  if (from != NULL)
    return g_strdup_printf (_("from %s"), from);
  if (to != NULL)
    return g_strdup_printf (_("until %s"), to);
  return g_strdup (_("always"));
}

static char *
cap_text (const TdRule *rule,
          const char   *currency)
{
  g_autofree char *cap = NULL;

  if (!rule->has_cap)
    return g_strdup (_("none"));
  cap = money_text (rule->cap, currency);
  /* TRANSLATORS: a cap: AMOUNT per PERIOD (month, quarter, year, period) */
  return g_strdup_printf (_("%s per %s"), cap, td_period_to_string (rule->cap_period));
}

static char *
steps_text (GArray     *steps,
            const char *currency)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const TdStep *step = &g_array_index (steps, TdStep, i);
      g_autofree char *from = money_text (step->from, currency);
      g_autofree char *rate = rate_text (step->rate);

      /* TRANSLATORS: a rebate step: from AMOUNT: RATE, then its x- members */
      if (step->extras != NULL && json_object_get_size (step->extras) > 0)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), step->extras);
          g_autofree char *extras = json_text (node);
          g_ptr_array_add (parts, g_strdup_printf (_("from %s: %s %s"), from, rate, extras));
        }
      else
        g_ptr_array_add (parts, g_strdup_printf (_("from %s: %s"), from, rate));
    }
  if (parts->len == 0)
    return g_strdup (_("none"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static char *
loyalty_text (const TdLoyalty *loyalty)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *days = NULL, *steps = NULL;

  if (loyalty == NULL)
    return g_strdup (_("none"));
  for (guint i = 0; loyalty->steps != NULL && i < loyalty->steps->len; i++)
    {
      const TdLoyaltyStep *step = &g_array_index (loyalty->steps, TdLoyaltyStep, i);
      g_autofree char *prior = count_text (step->min_prior);
      g_autofree char *multiplier = decimal_text (step->multiplier);

      /* TRANSLATORS: a loyalty step: N prior customers ×MULTIPLIER */
      g_ptr_array_add (parts, g_strdup_printf (_("%s prior ×%s"), prior, multiplier));
    }
  g_ptr_array_add (parts, NULL);
  steps = g_strjoinv (", ", (char **) parts->pdata);
  days = count_text (loyalty->window_days);
  /* TRANSLATORS: loyalty: within N days: STEPS */
  return g_strdup_printf (_("within %s days: %s"), days, steps);
}

static gboolean
has_base (const TdRule *r)
{
  return r->kind == TD_RULE_PERCENT || r->kind == TD_RULE_REBATE;
}

static gboolean
has_period (const TdRule *r)
{
  return r->kind == TD_RULE_REBATE || r->kind == TD_RULE_BONUS;
}

static gboolean
has_lookback (const TdRule *r)
{
  return r->kind == TD_RULE_NEW_CUSTOMER || (r->kind == TD_RULE_BONUS && r->metric == TD_METRIC_NEW_CUSTOMERS);
}

/* An enum member written for some kinds only: absent (NULL) otherwise. */
static void
compare_rule_enum (Diff       *d,
                   const char *sub,
                   const char *member,
                   const char *what_format,
                   const char *rule_id,
                   const char *from,
                   const char *to)
{
  g_autofree char *s = path (sub, member, NULL);

  FORMAT_NONLITERAL_BEGIN
  compare_take (d, s, g_strdup_printf (what_format, rule_id), g_strdup (from), g_strdup (to));
  FORMAT_NONLITERAL_END
}

static void
compare_unit_amounts (Diff         *d,
                      const char   *sub,
                      const TdRule *x,
                      const TdRule *y)
{
  g_autoptr(GPtrArray) sa = sorted_pointers (x->unit_amounts, d->a->tiers);
  g_autoptr(GPtrArray) sb = sorted_pointers (y->unit_amounts, d->b->tiers);
  g_autoptr(GArray) matched = pairs (sa, sb);
  static GArray *const none = NULL;

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdUnitAmounts *ua = pair->a, *ub = pair->b;
      const char *tier = ub != NULL ? ub->tier : ua->tier;
      g_autofree char *s = path (sub, "amounts", tier, NULL);
      {
        GArray *ea = ua != NULL ? ua->amounts : none;
        GArray *eb = ub != NULL ? ub->amounts : none;
        g_autoptr(GPtrArray) ka = sorted_elements (ea, sizeof (TdEntry), NULL);
        g_autoptr(GPtrArray) kb = sorted_elements (eb, sizeof (TdEntry), NULL);
        g_autoptr(GArray) keys = pairs (ka, kb);

        for (guint j = 0; j < keys->len; j++)
          {
            const Pair *kp = &g_array_index (keys, Pair, j);
            const TdEntry *ex = kp->a, *ey = kp->b;
            const char *key = ey != NULL ? ey->key : ex->key;
            g_autofree char *s2 = path (s, key, NULL);

            /* TRANSLATORS: Tier TIER: amount per unit of SKU-OR-CATEGORY in rule RULE */
            compare_take (d, s2, g_strdup_printf (_("Tier %s: amount per unit of %s in rule %s"), tier, key, y->id),
                          ex != NULL ? money_text (ex->value, d->b->currency) : NULL,
                          ey != NULL ? money_text (ey->value, d->b->currency) : NULL);
          }
      }
    }
}

static void
compare_steps (Diff         *d,
               const char   *sub,
               const TdRule *x,
               const TdRule *y)
{
  g_autoptr(GPtrArray) sa = sorted_pointers (x->steps, d->a->tiers);
  g_autoptr(GPtrArray) sb = sorted_pointers (y->steps, d->b->tiers);
  g_autoptr(GArray) matched = pairs (sa, sb);

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdTierSteps *sx = pair->a, *sy = pair->b;
      const char *tier = sy != NULL ? sy->tier : sx->tier;
      g_autofree char *s = path (sub, "steps", tier, NULL);

      /* TRANSLATORS: Tier TIER: steps of rule RULE */
      compare_take (d, s, g_strdup_printf (_("Tier %s: steps of rule %s"), tier, y->id),
                    sx != NULL ? steps_text (sx->steps, d->b->currency) : NULL,
                    sy != NULL ? steps_text (sy->steps, d->b->currency) : NULL);
    }
}

static TdUnit
target_unit (const TdRule *rule)
{
  return rule->metric == TD_METRIC_REVENUE ? TD_UNIT_MONEY : TD_UNIT_COUNT;
}

static void
compare_rule (Diff         *d,
              const TdRule *x,
              const TdRule *y)
{
  g_autofree char *sub = path ("rules", y->id, NULL);
  g_autofree char *where = g_strdup_printf (_("Rule %s"), y->id);
  g_autofree char *s = NULL;

  if (g_strcmp0 (x->name, y->name) != 0)
    {
      g_autofree char *qx = quoted (x->name), *qy = quoted (y->name);

      s = path (sub, "name", NULL);
      /* TRANSLATORS: Rule ID renamed “OLD” → “NEW” */
      emit (d, TD_CHANGE_CHANGED, s, x->name, y->name, g_strdup_printf (_("Rule %s renamed %s → %s"), y->id, qx, qy));
      g_clear_pointer (&s, g_free);
    }
  /* TRANSLATORS: Rule ID: kind */
  compare_rule_enum (d, sub, "kind", _("Rule %s: kind"), y->id,
                     td_rule_kind_to_string (x->kind), td_rule_kind_to_string (y->kind));
  compare_rule_enum (d, sub, "base", _("Rule %s: base"), y->id,
                     has_base (x) ? td_base_to_string (x->base) : NULL,
                     has_base (y) ? td_base_to_string (y->base) : NULL);
  compare_rule_enum (d, sub, "period", _("Rule %s: period"), y->id,
                     has_period (x) ? td_period_to_string (x->period) : NULL,
                     has_period (y) ? td_period_to_string (y->period) : NULL);
  compare_rule_enum (d, sub, "metric", _("Rule %s: metric"), y->id,
                     x->kind == TD_RULE_BONUS ? td_bonus_metric_to_string (x->metric) : NULL,
                     y->kind == TD_RULE_BONUS ? td_bonus_metric_to_string (y->metric) : NULL);
  compare_rule_enum (d, sub, "mode", _("Rule %s: mode"), y->id,
                     x->kind == TD_RULE_REBATE ? td_rebate_mode_to_string (x->mode) : NULL,
                     y->kind == TD_RULE_REBATE ? td_rebate_mode_to_string (y->mode) : NULL);
  s = path (sub, "lookback_days", NULL);
  compare_take (d, s, g_strdup_printf (_("Rule %s: lookback"), y->id),
                has_lookback (x) ? days_text (x->lookback_days) : NULL,
                has_lookback (y) ? days_text (y->lookback_days) : NULL);
  g_clear_pointer (&s, g_free);
  s = path (sub, "requires_deal_registration", NULL);
  compare_take (d, s, g_strdup_printf (_("Rule %s: deal registration required"), y->id),
                x->kind == TD_RULE_NEW_CUSTOMER ? yes_no (x->requires_deal_registration) : NULL,
                y->kind == TD_RULE_NEW_CUSTOMER ? yes_no (y->requires_deal_registration) : NULL);
  g_clear_pointer (&s, g_free);

  s = path (sub, "match", NULL);
  compare_take (d, s, g_strdup_printf (_("Rule %s: applies to"), y->id), match_text (x->match), match_text (y->match));
  {
    g_autofree char *mwhere = g_strdup_printf (_("Rule %s: match"), y->id);
    compare_extras (d, s, mwhere, x->match != NULL ? x->match->extras : NULL, y->match != NULL ? y->match->extras : NULL);
  }
  g_clear_pointer (&s, g_free);
  s = path (sub, "active", NULL);
  compare_take (d, s, g_strdup_printf (_("Rule %s: active"), y->id), active_text (x), active_text (y));
  {
    g_autofree char *awhere = g_strdup_printf (_("Rule %s: active"), y->id);
    compare_extras (d, s, awhere, x->active_extras, y->active_extras);
  }
  g_clear_pointer (&s, g_free);

  s = path (sub, "rates", NULL);
  /* TRANSLATORS: Tier TIER: rate of rule RULE */
  compare_entries (d, s, _("Tier %s: rate of rule %s"), y->id,
                   x->rates, y->rates, d->a->tiers, d->b->tiers, TD_UNIT_RATE, TD_UNIT_RATE);
  g_clear_pointer (&s, g_free);
  if (x->unit_amounts != NULL || y->unit_amounts != NULL)
    compare_unit_amounts (d, sub, x, y);
  {
    g_autofree char *sa = path (sub, "amounts", NULL);
    /* TRANSLATORS: Tier TIER: amount of rule RULE */
    compare_entries (d, sa, _("Tier %s: amount of rule %s"), y->id,
                     x->unit_amounts == NULL ? x->amounts : NULL, y->unit_amounts == NULL ? y->amounts : NULL,
                     d->a->tiers, d->b->tiers, TD_UNIT_MONEY, TD_UNIT_MONEY);
  }
  if (x->steps != NULL || y->steps != NULL)
    compare_steps (d, sub, x, y);
  {
    g_autofree char *st = path (sub, "targets", NULL);
    /* TRANSLATORS: Tier TIER: target of rule RULE */
    compare_entries (d, st, _("Tier %s: target of rule %s"), y->id, x->targets, y->targets,
                     d->a->tiers, d->b->tiers, target_unit (x), target_unit (y));
  }
  s = path (sub, "loyalty", NULL);
  compare_take (d, s, g_strdup_printf (_("Rule %s: loyalty"), y->id),
                x->loyalty != NULL || y->loyalty != NULL ? loyalty_text (x->loyalty) : NULL,
                x->loyalty != NULL || y->loyalty != NULL ? loyalty_text (y->loyalty) : NULL);
  {
    g_autofree char *lwhere = g_strdup_printf (_("Rule %s: loyalty"), y->id);
    compare_extras (d, s, lwhere, x->loyalty != NULL ? x->loyalty->extras : NULL,
                    y->loyalty != NULL ? y->loyalty->extras : NULL);
  }
  g_clear_pointer (&s, g_free);
  s = path (sub, "cap", NULL);
  compare_take (d, s, g_strdup_printf (_("Rule %s: cap"), y->id),
                cap_text (x, d->b->currency), cap_text (y, d->b->currency));
  g_clear_pointer (&s, g_free);
  compare_extras (d, sub, where, x->extras, y->extras);
}

static void
compare_rules (Diff *d)
{
  g_autoptr(GArray) matched = pairs (d->a->rules, d->b->rules);

  compare_order (d, "rules", _("Rule order"), d->a->rules, d->b->rules);
  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdRule *x = pair->a, *y = pair->b;

      if (x == NULL)
        {
          g_autofree char *sub = path ("rules", y->id, NULL);
          const char *kind = td_rule_kind_to_string (y->kind);

          if (y->has_active && (y->has_active_from || y->has_active_to))
            {
              g_autofree char *active = active_text (y);
              /* TRANSLATORS: Rule ID added (KIND), active WINDOW */
              emit (d, TD_CHANGE_ADDED, sub, NULL, y->name,
                    g_strdup_printf (_("Rule %s added (%s), active %s"), y->id, kind, active));
            }
          else
            /* TRANSLATORS: Rule ID added (KIND) */
            emit (d, TD_CHANGE_ADDED, sub, NULL, y->name, g_strdup_printf (_("Rule %s added (%s)"), y->id, kind));
        }
      else if (y == NULL)
        {
          g_autofree char *sub = path ("rules", x->id, NULL);
          emit (d, TD_CHANGE_REMOVED, sub, x->name, NULL, g_strdup_printf (_("Rule %s removed"), x->id));
        }
      else
        compare_rule (d, x, y);
    }
}

/* Benefits, objectives, overrides */

static char *
benefit_value_text (const TdBenefitValue *value)
{
  switch (value->kind)
    {
    case TD_BENEFIT_BOOLEAN:
      return yes_no (value->number != 0);
    case TD_BENEFIT_NUMBER:
      return decimal_text (value->number);
    case TD_BENEFIT_TEXT:
    default:
      return quoted (value->text != NULL ? value->text : "");
    }
}

static void
compare_benefits (Diff *d)
{
  g_autoptr(GArray) matched = pairs (d->a->benefits, d->b->benefits);

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdBenefit *x = pair->a, *y = pair->b;
      g_autofree char *sub = path ("benefits", y != NULL ? y->id : x->id, NULL);
      g_autofree char *where = NULL, *s = NULL;

      if (x == NULL)
        {
          g_autofree char *qy = quoted (y->name);
          /* TRANSLATORS: Benefit ID added (“NAME”) */
          emit (d, TD_CHANGE_ADDED, sub, NULL, y->name, g_strdup_printf (_("Benefit %s added (%s)"), y->id, qy));
          continue;
        }
      if (y == NULL)
        {
          emit (d, TD_CHANGE_REMOVED, sub, x->name, NULL, g_strdup_printf (_("Benefit %s removed"), x->id));
          continue;
        }
      if (g_strcmp0 (x->name, y->name) != 0)
        {
          g_autofree char *qx = quoted (x->name), *qy = quoted (y->name);

          s = path (sub, "name", NULL);
          /* TRANSLATORS: Benefit ID renamed “OLD” → “NEW” */
          emit (d, TD_CHANGE_CHANGED, s, x->name, y->name, g_strdup_printf (_("Benefit %s renamed %s → %s"), y->id, qx, qy));
          g_clear_pointer (&s, g_free);
        }
      s = path (sub, "group", NULL);
      compare_take (d, s, g_strdup_printf (_("Benefit %s: group"), y->id), quoted (x->group), quoted (y->group));
      g_clear_pointer (&s, g_free);
      {
        g_autoptr(GPtrArray) va = sorted_elements (x->values, sizeof (TdBenefitValue), d->a->tiers);
        g_autoptr(GPtrArray) vb = sorted_elements (y->values, sizeof (TdBenefitValue), d->b->tiers);
        g_autoptr(GArray) values = pairs (va, vb);

        for (guint j = 0; j < values->len; j++)
          {
            const Pair *vp = &g_array_index (values, Pair, j);
            const TdBenefitValue *bx = vp->a, *by = vp->b;
            const char *tier = by != NULL ? by->tier : bx->tier;

            s = path (sub, "values", tier, NULL);
            /* TRANSLATORS: Tier TIER: benefit BENEFIT */
            compare_take (d, s, g_strdup_printf (_("Tier %s: benefit %s"), tier, y->id),
                          bx != NULL ? benefit_value_text (bx) : NULL,
                          by != NULL ? benefit_value_text (by) : NULL);
            g_clear_pointer (&s, g_free);
          }
      }
      where = g_strdup_printf (_("Benefit %s"), y->id);
      compare_extras (d, sub, where, x->extras, y->extras);
    }
}

static char *
objective_metric_text (const TdObjective *o)
{
  if (o->metric == TD_OBJECTIVE_PARTNERS_IN_TIER)
    return g_strconcat ("partners_in_tier:", o->metric_tier, NULL);
  return g_strdup (td_objective_metric_to_string (o->metric));
}

static char *
objective_target_text (const TdObjective *o,
                       const char        *currency)
{
  switch (o->metric)
    {
    case TD_OBJECTIVE_REVENUE:
    case TD_OBJECTIVE_PAYOUT:
      return money_text (o->target, currency);
    case TD_OBJECTIVE_PAYOUT_RATIO:
      return rate_text (o->target);
    default:
      return count_text (o->target);
    }
}

static void
compare_objectives (Diff *d)
{
  g_autoptr(GArray) matched = pairs (d->a->objectives, d->b->objectives);

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdObjective *x = pair->a, *y = pair->b;
      g_autofree char *sub = path ("objectives", y != NULL ? y->id : x->id, NULL);
      g_autofree char *where = NULL, *s = NULL;

      if (x == NULL)
        {
          g_autofree char *metric = objective_metric_text (y);
          g_autofree char *target = objective_target_text (y, d->b->currency);
          /* TRANSLATORS: Objective ID added (METRIC, target VALUE) */
          emit (d, TD_CHANGE_ADDED, sub, NULL, y->name,
                g_strdup_printf (_("Objective %s added (%s, target %s)"), y->id, metric, target));
          continue;
        }
      if (y == NULL)
        {
          emit (d, TD_CHANGE_REMOVED, sub, x->name, NULL, g_strdup_printf (_("Objective %s removed"), x->id));
          continue;
        }
      if (g_strcmp0 (x->name, y->name) != 0)
        {
          g_autofree char *qx = quoted (x->name), *qy = quoted (y->name);

          s = path (sub, "name", NULL);
          /* TRANSLATORS: Objective ID renamed “OLD” → “NEW” */
          emit (d, TD_CHANGE_CHANGED, s, x->name, y->name, g_strdup_printf (_("Objective %s renamed %s → %s"), y->id, qx, qy));
          g_clear_pointer (&s, g_free);
        }
      s = path (sub, "metric", NULL);
      compare_take (d, s, g_strdup_printf (_("Objective %s: metric"), y->id),
                    objective_metric_text (x), objective_metric_text (y));
      g_clear_pointer (&s, g_free);
      s = path (sub, "target", NULL);
      compare_take (d, s, g_strdup_printf (_("Objective %s: target"), y->id),
                    objective_target_text (x, d->b->currency), objective_target_text (y, d->b->currency));
      g_clear_pointer (&s, g_free);
      where = g_strdup_printf (_("Objective %s"), y->id);
      compare_extras (d, sub, where, x->extras, y->extras);
    }
}

static void
compare_overrides (Diff *d)
{
  g_autoptr(GArray) matched = pairs (d->a->overrides, d->b->overrides);

  for (guint i = 0; i < matched->len; i++)
    {
      const Pair *pair = &g_array_index (matched, Pair, i);
      const TdOverride *x = pair->a, *y = pair->b;
      g_autofree char *sub = path ("overrides", y != NULL ? y->partner : x->partner, NULL);
      g_autofree char *where = NULL, *s = NULL;

      if (x == NULL)
        {
          g_autofree char *reason = quoted (y->reason);
          /* TRANSLATORS: Override for partner PARTNER added (“REASON”) */
          emit (d, TD_CHANGE_ADDED, sub, NULL, y->reason,
                g_strdup_printf (_("Override for partner %s added (%s)"), y->partner, reason));
          continue;
        }
      if (y == NULL)
        {
          emit (d, TD_CHANGE_REMOVED, sub, x->reason, NULL,
                g_strdup_printf (_("Override for partner %s removed"), x->partner));
          continue;
        }
      where = g_strdup_printf (_("Override for partner %s"), y->partner);
      s = path (sub, "reason", NULL);
      compare_take (d, s, g_strdup_printf (_("Override for partner %s: reason"), y->partner),
                    quoted (x->reason), quoted (y->reason));
      g_clear_pointer (&s, g_free);
      s = path (sub, "tier", NULL);
      compare_take (d, s, g_strdup_printf (_("Override for partner %s: tier"), y->partner),
                    g_strdup (x->tier != NULL ? x->tier : _("none")),
                    g_strdup (y->tier != NULL ? y->tier : _("none")));
      g_clear_pointer (&s, g_free);
      s = path (sub, "rates", NULL);
      /* TRANSLATORS: Override for partner PARTNER: rate of rule RULE
       * (the arguments come rule first, partner second) */
      compare_entries (d, s, _("Override for partner %2$s: rate of rule %1$s"), y->partner,
                       x->rates, y->rates, d->a->rules, d->b->rules, TD_UNIT_RATE, TD_UNIT_RATE);
      g_clear_pointer (&s, g_free);
      s = path (sub, "amounts", NULL);
      /* TRANSLATORS: Override for partner PARTNER: amount of rule RULE
       * (the arguments come rule first, partner second) */
      compare_entries (d, s, _("Override for partner %2$s: amount of rule %1$s"), y->partner,
                       x->amounts, y->amounts, d->a->rules, d->b->rules, TD_UNIT_MONEY, TD_UNIT_MONEY);
      g_clear_pointer (&s, g_free);
      compare_extras (d, sub, where, x->extras, y->extras);
    }
}

GPtrArray *
td_program_diff (const TdProgram *a,
                 const TdProgram *b)
{
  Diff d = { a, b, g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_free) };

  g_return_val_if_fail (a != NULL && b != NULL, d.changes);

  compare_program (&d);
  compare_categories (&d);
  compare_tiers (&d);
  compare_settings (&d);
  compare_rules (&d);
  compare_benefits (&d);
  compare_objectives (&d);
  compare_overrides (&d);
  compare_extras (&d, NULL, NULL, a->extras, b->extras);
  return d.changes;
}

static void
write_optional (TdJsonWriter *writer,
                const char   *member,
                const char   *value)
{
  td_json_writer_member (writer, member);
  if (value != NULL)
    td_json_writer_string (writer, value);
  else
    td_json_writer_null (writer);
}

char *
td_program_diff_to_json (GPtrArray *changes)
{
  TdJsonWriter *writer = td_json_writer_new ();

  td_json_writer_begin_array (writer);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const TdChange *change = changes->pdata[i];

      td_json_writer_begin_object (writer);
      td_json_writer_member (writer, "change");
      td_json_writer_string (writer, td_change_kind_to_string (change->kind));
      td_json_writer_member (writer, "subject");
      td_json_writer_string (writer, change->subject);
      write_optional (writer, "from", change->old_value);
      write_optional (writer, "to", change->new_value);
      td_json_writer_member (writer, "text");
      td_json_writer_string (writer, change->text);
      td_json_writer_end_object (writer);
    }
  td_json_writer_end_array (writer);
  return td_json_writer_free_to_string (writer);
}
