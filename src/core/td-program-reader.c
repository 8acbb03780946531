/* td-program-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "td-json.h"
#include "td-program-reader.h"

typedef struct
{
  TdProblems *problems;
} Reader;

static void G_GNUC_PRINTF (3, 4)
report (Reader     *reader,
        const char *path,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  td_problems_add (reader->problems, TD_SEVERITY_ERROR, path, "%s", message);
}

static char *
member_path (const char *parent,
             const char *member)
{
  return td_json_path_member (parent, member);
}

static char *
index_path (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

static const char *
node_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return "null";
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return _("true or false");
        case G_TYPE_STRING: return _("a string");
        default: return _("a number");
        }
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static double
number_value (JsonNode *node)
{
  return json_node_get_value_type (node) == G_TYPE_INT64 ?
         (double) json_node_get_int (node) : json_node_get_double (node);
}

/* Unknown members are refused so that typos do not pass silently; x-
 * members are kept (in a new object, so the parse tree can go). */
static JsonObject *
check_members (Reader            *reader,
               JsonObject        *object,
               const char        *path,
               const char *const *known)
{
  JsonObject *extras = NULL;
  GList *names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_has_prefix (name, "x-"))
        {
          if (extras == NULL)
            extras = json_object_new ();
          json_object_set_member (extras, name, json_node_copy (json_object_get_member (object, name)));
        }
      else if (!g_strv_contains (known, name))
        {
          g_autofree char *where = member_path (path, name);
          report (reader, where, _("unknown member (only names starting with “x-” may be added)"));
        }
    }
  g_list_free (names);
  return extras;
}

/* The member's node, or NULL; a missing required member is reported. */
static JsonNode *
get_member (Reader     *reader,
            JsonObject *object,
            const char *path,
            const char *member,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && required)
    {
      g_autofree char *where = member_path (path, member);
      report (reader, where, _("required member is missing"));
    }
  return node;
}

static char *
read_string_node (Reader     *reader,
                  JsonNode   *node,
                  const char *path)
{
  if (!is_string (node))
    {
      report (reader, path, _("must be a string, not %s"), node_kind (node));
      return NULL;
    }
  return g_strdup (json_node_get_string (node));
}

static char *
read_string (Reader     *reader,
             JsonObject *object,
             const char *path,
             const char *member,
             gboolean    required)
{
  JsonNode *node = get_member (reader, object, path, member, required);
  g_autofree char *where = NULL;

  if (node == NULL)
    return NULL;
  where = member_path (path, member);
  return read_string_node (reader, node, where);
}

static gboolean
read_money_node (Reader     *reader,
                 JsonNode   *node,
                 const char *path,
                 TdMoney    *out)
{
  g_autoptr(GError) error = NULL;

  if (!is_string (node))
    {
      report (reader, path, _("must be an amount of money written as a string, e.g. \"1500.00\", not %s"),
              node_kind (node));
      return FALSE;
    }
  if (!td_money_parse (json_node_get_string (node), out, &error))
    {
      report (reader, path, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_rate_node (Reader     *reader,
                JsonNode   *node,
                const char *path,
                TdRate     *out)
{
  g_autoptr(GError) error = NULL;

  if (!is_number (node))
    {
      report (reader, path, _("must be a number, not %s"), node_kind (node));
      return FALSE;
    }
  if (!td_rate_from_double (number_value (node), out, &error))
    {
      report (reader, path, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* A number that may be negative, with at most 4 decimals (attribute
 * thresholds and benefit values, which are not rates). */
static gboolean
read_signed_decimal_node (Reader     *reader,
                          JsonNode   *node,
                          const char *path,
                          gint64     *out)
{
  g_autoptr(GError) error = NULL;
  double value;
  TdRate magnitude;

  if (!is_number (node))
    {
      report (reader, path, _("must be a number, not %s"), node_kind (node));
      return FALSE;
    }
  value = number_value (node);
  if (!td_rate_from_double (value < 0 ? -value : value, &magnitude, &error))
    {
      report (reader, path, "%s", error->message);
      return FALSE;
    }
  *out = value < 0 ? -magnitude : magnitude;
  return TRUE;
}

/* A JSON integer; 2.0 counts as one, as in JSON Schema. */
static gboolean
read_integer_node (Reader     *reader,
                   JsonNode   *node,
                   const char *path,
                   gint64     *out)
{
  if (is_number (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      else
        {
          double value = json_node_get_double (node);
          /* Range first: casting a huge double to an integer is undefined. */
          if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
            {
              *out = (gint64) value;
              return TRUE;
            }
        }
    }
  report (reader, path, _("must be a whole number, not %s"),
          is_number (node) ? _("a fraction") : node_kind (node));
  return FALSE;
}

static gboolean
read_integer (Reader     *reader,
              JsonObject *object,
              const char *path,
              const char *member,
              gboolean    required,
              gint64     *out)
{
  JsonNode *node = get_member (reader, object, path, member, required);
  g_autofree char *where = NULL;

  if (node == NULL)
    return FALSE;
  where = member_path (path, member);
  return read_integer_node (reader, node, where, out);
}

/* An integer that must be at least @min: the check belongs with the read,
 * so that a value that could not be read is not reported twice. */
static gboolean
read_integer_min (Reader     *reader,
                  JsonObject *object,
                  const char *path,
                  const char *member,
                  gboolean    required,
                  gint64      min,
                  gint64     *out)
{
  gint64 value;

  if (!read_integer (reader, object, path, member, required, &value))
    return FALSE;
  if (value < min)
    {
      g_autofree char *where = member_path (path, member);
      report (reader, where, _("must be a whole number ≥ %" PRId64), min);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
read_bool (Reader     *reader,
           JsonObject *object,
           const char *path,
           const char *member,
           gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = NULL;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  where = member_path (path, member);
  report (reader, where, _("must be true or false, not %s"), node_kind (node));
  return FALSE;
}

static char *
names_list (const char *const *names,
            int                n_names)
{
  GString *list = g_string_new (NULL);

  for (int i = 0; i < n_names; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, names[i]);
    }
  return g_string_free (list, FALSE);
}

/* An enum member: its index in @names, or -1 when absent or bad. */
static int
read_enum (Reader            *reader,
           JsonObject        *object,
           const char        *path,
           const char        *member,
           gboolean           required,
           const char *const *names,
           int                n_names)
{
  g_autofree char *text = read_string (reader, object, path, member, required);
  int value;

  if (text == NULL)
    return -1;
  value = td_enum_from_string (names, n_names, text);
  if (value < 0)
    {
      g_autofree char *where = member_path (path, member);
      g_autofree char *list = names_list (names, n_names);
      report (reader, where, _("“%s” is not one of: %s"), text, list);
    }
  return value;
}

static JsonObject *
object_node (Reader     *reader,
             JsonNode   *node,
             const char *path)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report (reader, path, _("must be an object, not %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonObject *
get_object (Reader     *reader,
            JsonObject *object,
            const char *path,
            const char *member,
            gboolean    required)
{
  JsonNode *node = get_member (reader, object, path, member, required);
  g_autofree char *where = NULL;

  if (node == NULL)
    return NULL;
  where = member_path (path, member);
  return object_node (reader, node, where);
}

static JsonArray *
get_array (Reader     *reader,
           JsonObject *object,
           const char *path,
           const char *member,
           gboolean    required)
{
  JsonNode *node = get_member (reader, object, path, member, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *where = member_path (path, member);
      report (reader, where, _("must be an array, not %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* A list of strings; an empty list is kept (the validator refuses it
 * where the format wants a non-empty one). */
static GStrv
read_string_list (Reader     *reader,
                  JsonObject *object,
                  const char *path,
                  const char *member)
{
  JsonArray *array = get_array (reader, object, path, member, FALSE);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *where = NULL;

  if (array == NULL)
    return NULL;
  where = member_path (path, member);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (where, i);
      g_autofree char *text = read_string_node (reader, json_array_get_element (array, i), item_path);
      if (text != NULL)
        g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

static gboolean
read_value_node (Reader     *reader,
                 JsonNode   *node,
                 const char *path,
                 TdUnit      unit,
                 gint64     *out)
{
  switch (unit)
    {
    case TD_UNIT_MONEY:
      return read_money_node (reader, node, path, out);
    case TD_UNIT_RATE:
      return read_rate_node (reader, node, path, out);
    case TD_UNIT_COUNT:
    default:
      return read_integer_node (reader, node, path, out);
    }
}

/* A map {key: value}, the values all in @unit. */
static GArray *
read_entries_object (Reader     *reader,
                     JsonObject *map,
                     const char *path,
                     TdUnit      unit)
{
  GArray *entries = td_entries_new ();
  GList *names = json_object_get_members (map);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *where = member_path (path, l->data);
      gint64 value;

      if (read_value_node (reader, json_object_get_member (map, l->data), where, unit, &value))
        td_entries_add (entries, l->data, value);
    }
  g_list_free (names);
  return entries;
}

static GArray *
read_entries (Reader     *reader,
              JsonObject *object,
              const char *path,
              const char *member,
              gboolean    required,
              TdUnit      unit)
{
  JsonObject *map = get_object (reader, object, path, member, required);
  g_autofree char *where = NULL;

  if (map == NULL)
    return NULL;
  where = member_path (path, member);
  return read_entries_object (reader, map, where, unit);
}

static gboolean
read_date (Reader     *reader,
           JsonObject *object,
           const char *path,
           const char *member,
           TdDate     *out)
{
  g_autofree char *text = read_string (reader, object, path, member, FALSE);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return FALSE;
  if (!td_date_parse (text, out, &error))
    {
      g_autofree char *where = member_path (path, member);
      report (reader, where, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- the program's parts ---- */

static TdCategory *
read_category (Reader     *reader,
               JsonObject *object,
               const char *path)
{
  static const char *const known[] = { "id", "name", NULL };
  TdCategory *category = td_category_new ();

  category->extras = check_members (reader, object, path, known);
  category->id = read_string (reader, object, path, "id", TRUE);
  category->name = read_string (reader, object, path, "name", TRUE);
  return category;
}

static const char *const requirement_common[] = { "id", "label", "kind", NULL };
/* The members a requirement of each kind may have. */
static const char *const *const requirement_members[TD_N_REQUIREMENT_KINDS] = {
  [TD_REQUIREMENT_REVENUE] = (const char *const[]) { "id", "label", "kind", "min", "categories", NULL },
  [TD_REQUIREMENT_UNITS] = (const char *const[]) { "id", "label", "kind", "min", "categories", NULL },
  [TD_REQUIREMENT_ATTRIBUTE] = (const char *const[]) { "id", "label", "kind", "attribute", "min", NULL },
  [TD_REQUIREMENT_CERTIFIED_PEOPLE] = (const char *const[]) { "id", "label", "kind", "certification", "valid_months", "min", NULL },
  [TD_REQUIREMENT_MANUAL] = requirement_common,
};

static TdRequirement *
read_requirement (Reader     *reader,
                  JsonObject *object,
                  const char *path)
{
  static const char *const any[] = { "id", "label", "kind", "min", "categories", "attribute",
                                     "certification", "valid_months", NULL };
  TdRequirement *requirement = td_requirement_new ();
  int kind;

  requirement->id = read_string (reader, object, path, "id", TRUE);
  requirement->label = read_string (reader, object, path, "label", TRUE);
  kind = read_enum (reader, object, path, "kind", TRUE,
                    td_requirement_kind_names, TD_N_REQUIREMENT_KINDS);
  requirement->extras = check_members (reader, object, path, kind < 0 ? any : requirement_members[kind]);
  if (kind < 0)
    {
      requirement->kind = TD_REQUIREMENT_MANUAL;
      return requirement;
    }
  requirement->kind = kind;

  switch (requirement->kind)
    {
    case TD_REQUIREMENT_REVENUE:
      {
        JsonNode *node = get_member (reader, object, path, "min", TRUE);
        if (node != NULL)
          {
            g_autofree char *where = member_path (path, "min");
            read_money_node (reader, node, where, &requirement->min);
          }
        requirement->categories = read_string_list (reader, object, path, "categories");
      }
      break;
    case TD_REQUIREMENT_UNITS:
      read_integer_min (reader, object, path, "min", TRUE, 0, &requirement->min);
      requirement->categories = read_string_list (reader, object, path, "categories");
      break;
    case TD_REQUIREMENT_ATTRIBUTE:
      {
        JsonNode *node = get_member (reader, object, path, "min", TRUE);
        requirement->attribute = read_string (reader, object, path, "attribute", TRUE);
        if (node != NULL)
          {
            g_autofree char *where = member_path (path, "min");
            /* Attribute columns may be negative, so the threshold may be. */
            read_signed_decimal_node (reader, node, where, &requirement->min);
          }
      }
      break;
    case TD_REQUIREMENT_CERTIFIED_PEOPLE:
      requirement->certification = read_string (reader, object, path, "certification", TRUE);
      read_integer_min (reader, object, path, "valid_months", TRUE, 1, &requirement->valid_months);
      read_integer_min (reader, object, path, "min", TRUE, 0, &requirement->min);
      break;
    case TD_REQUIREMENT_MANUAL:
    default:
      break;
    }
  return requirement;
}

static TdTier *
read_tier (Reader     *reader,
           JsonObject *object,
           const char *path)
{
  static const char *const known[] = { "id", "name", "requirements", NULL };
  TdTier *tier = td_tier_new ();
  JsonArray *requirements;

  tier->extras = check_members (reader, object, path, known);
  tier->id = read_string (reader, object, path, "id", TRUE);
  tier->name = read_string (reader, object, path, "name", TRUE);
  requirements = get_array (reader, object, path, "requirements", FALSE);
  if (requirements != NULL)
    {
      g_autofree char *list_path = member_path (path, "requirements");
      for (guint i = 0; i < json_array_get_length (requirements); i++)
        {
          g_autofree char *item_path = index_path (list_path, i);
          JsonObject *item = object_node (reader, json_array_get_element (requirements, i), item_path);
          g_ptr_array_add (tier->requirements,
                           item != NULL ? read_requirement (reader, item, item_path) : td_requirement_new ());
        }
    }
  return tier;
}

static TdMatch *
read_match (Reader     *reader,
            JsonObject *object,
            const char *path)
{
  static const char *const known[] = { "categories", "skus", "renewal", "channels", NULL };
  TdMatch *match = td_match_new ();
  JsonArray *channels;

  match->extras = check_members (reader, object, path, known);
  match->categories = read_string_list (reader, object, path, "categories");
  match->skus = read_string_list (reader, object, path, "skus");
  match->has_renewal = read_bool (reader, object, path, "renewal", &match->renewal);
  channels = get_array (reader, object, path, "channels", FALSE);
  if (channels != NULL)
    {
      g_autofree char *list_path = member_path (path, "channels");

      match->has_channels = TRUE;
      if (json_array_get_length (channels) == 0)
        report (reader, list_path, _("must list at least one channel (leave the member out to mean all)"));
      for (guint i = 0; i < json_array_get_length (channels); i++)
        {
          g_autofree char *item_path = index_path (list_path, i);
          g_autofree char *text = read_string_node (reader, json_array_get_element (channels, i), item_path);
          int channel;

          if (text == NULL)
            continue;
          channel = td_enum_from_string (td_channel_names, TD_N_CHANNELS, text);
          if (channel < 0)
            report (reader, item_path, _("“%s” is not one of: partner, online"), text);
          else
            match->channels[channel] = TRUE;
        }
    }
  return match;
}

static GPtrArray *
read_unit_amounts (Reader     *reader,
                   JsonObject *object,
                   const char *path)
{
  JsonObject *map = get_object (reader, object, path, "amounts", TRUE);
  g_autofree char *map_path = NULL;
  GPtrArray *result;
  GList *tiers;

  if (map == NULL)
    return NULL;
  map_path = member_path (path, "amounts");
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) td_unit_amounts_free);
  tiers = json_object_get_members (map);
  for (GList *l = tiers; l != NULL; l = l->next)
    {
      g_autofree char *tier_path = member_path (map_path, l->data);
      JsonObject *per_key = object_node (reader, json_object_get_member (map, l->data), tier_path);
      TdUnitAmounts *unit_amounts;

      if (per_key == NULL)
        continue;
      unit_amounts = td_unit_amounts_new (l->data);
      g_array_unref (unit_amounts->amounts);
      unit_amounts->amounts = read_entries_object (reader, per_key, tier_path, TD_UNIT_MONEY);
      g_ptr_array_add (result, unit_amounts);
    }
  g_list_free (tiers);
  return result;
}

static GPtrArray *
read_rebate_steps (Reader     *reader,
                   JsonObject *object,
                   const char *path)
{
  static const char *const known[] = { "from", "rate", NULL };
  JsonObject *map = get_object (reader, object, path, "steps", TRUE);
  g_autofree char *map_path = NULL;
  GPtrArray *result;
  GList *tiers;

  if (map == NULL)
    return NULL;
  map_path = member_path (path, "steps");
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tier_steps_free);
  tiers = json_object_get_members (map);
  for (GList *l = tiers; l != NULL; l = l->next)
    {
      g_autofree char *tier_path = member_path (map_path, l->data);
      JsonNode *node = json_object_get_member (map, l->data);
      TdTierSteps *tier_steps;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          report (reader, tier_path, _("must be an array of steps, not %s"), node_kind (node));
          continue;
        }
      array = json_node_get_array (node);
      tier_steps = td_tier_steps_new (l->data);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *step_path = index_path (tier_path, i);
          JsonObject *step_object = object_node (reader, json_array_get_element (array, i), step_path);
          TdStep step = { 0, 0, NULL };
          JsonNode *from, *rate;

          if (step_object == NULL)
            continue;
          step.extras = check_members (reader, step_object, step_path, known);
          from = get_member (reader, step_object, step_path, "from", TRUE);
          rate = get_member (reader, step_object, step_path, "rate", TRUE);
          if (from != NULL)
            {
              g_autofree char *where = member_path (step_path, "from");
              read_money_node (reader, from, where, &step.from);
            }
          if (rate != NULL)
            {
              g_autofree char *where = member_path (step_path, "rate");
              read_rate_node (reader, rate, where, &step.rate);
            }
          g_array_append_val (tier_steps->steps, step);
        }
      g_ptr_array_add (result, tier_steps);
    }
  g_list_free (tiers);
  return result;
}

static TdLoyalty *
read_loyalty (Reader     *reader,
              JsonObject *object,
              const char *path)
{
  static const char *const known[] = { "window_days", "steps", NULL };
  static const char *const step_known[] = { "min_prior", "multiplier", NULL };
  TdLoyalty *loyalty = td_loyalty_new ();
  JsonArray *steps;

  loyalty->extras = check_members (reader, object, path, known);
  read_integer_min (reader, object, path, "window_days", TRUE, 0, &loyalty->window_days);
  steps = get_array (reader, object, path, "steps", TRUE);
  if (steps != NULL)
    {
      g_autofree char *list_path = member_path (path, "steps");
      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          g_autofree char *step_path = index_path (list_path, i);
          JsonObject *step_object = object_node (reader, json_array_get_element (steps, i), step_path);
          TdLoyaltyStep step = { 0, TD_RATE_SCALE, NULL };
          JsonNode *multiplier;

          if (step_object == NULL)
            continue;
          step.extras = check_members (reader, step_object, step_path, step_known);
          read_integer_min (reader, step_object, step_path, "min_prior", TRUE, 0, &step.min_prior);
          multiplier = get_member (reader, step_object, step_path, "multiplier", TRUE);
          if (multiplier != NULL)
            {
              g_autofree char *where = member_path (step_path, "multiplier");
              read_rate_node (reader, multiplier, where, &step.multiplier);
            }
          g_array_append_val (loyalty->steps, step);
        }
    }
  return loyalty;
}

static const char *const rule_common[] = {
  "id", "name", "kind", "match", "active", "cap", "cap_period", NULL
};

/* The members a rule of each kind may have, beyond the common ones. */
static const char *const *const rule_members[TD_N_RULE_KINDS] = {
  [TD_RULE_PERCENT] = (const char *const[]) { "base", "rates", NULL },
  [TD_RULE_PER_UNIT] = (const char *const[]) { "amounts", NULL },
  [TD_RULE_NEW_CUSTOMER] = (const char *const[]) { "lookback_days", "requires_deal_registration",
                                                   "amounts", "rates", "loyalty", NULL },
  [TD_RULE_REBATE] = (const char *const[]) { "period", "base", "steps", "mode", NULL },
  [TD_RULE_BONUS] = (const char *const[]) { "period", "metric", "targets", "amounts",
                                            "lookback_days", NULL },
  [TD_RULE_WELCOME] = (const char *const[]) { "amounts", NULL },
};

static GStrv
rule_known_members (int kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **) rule_common);
  for (int k = 0; k < TD_N_RULE_KINDS; k++)
    if (kind < 0 || k == kind)
      for (const char *const *m = rule_members[k]; *m != NULL; m++)
        g_strv_builder_add (builder, *m);
  return g_strv_builder_end (builder);
}

static TdRule *
read_rule (Reader     *reader,
           JsonObject *object,
           const char *path)
{
  static const char *const active_known[] = { "from", "to", NULL };
  TdRule *rule = td_rule_new ();
  g_auto(GStrv) known = NULL;
  JsonObject *match, *active;
  JsonNode *cap;
  int kind, value;

  rule->id = read_string (reader, object, path, "id", TRUE);
  rule->name = read_string (reader, object, path, "name", TRUE);
  kind = read_enum (reader, object, path, "kind", TRUE, td_rule_kind_names, TD_N_RULE_KINDS);
  known = rule_known_members (kind);
  rule->extras = check_members (reader, object, path, (const char *const *) known);

  match = get_object (reader, object, path, "match", FALSE);
  if (match != NULL)
    {
      g_autofree char *where = member_path (path, "match");
      rule->match = read_match (reader, match, where);
    }

  active = get_object (reader, object, path, "active", FALSE);
  if (active != NULL)
    {
      g_autofree char *where = member_path (path, "active");
      rule->has_active = TRUE;
      rule->active_extras = check_members (reader, active, where, active_known);
      rule->has_active_from = read_date (reader, active, where, "from", &rule->active_from);
      rule->has_active_to = read_date (reader, active, where, "to", &rule->active_to);
      if (!json_object_has_member (active, "from") && !json_object_has_member (active, "to"))
        report (reader, where, _("needs “from”, “to” or both"));
    }

  cap = get_member (reader, object, path, "cap", FALSE);
  if (cap != NULL)
    {
      g_autofree char *where = member_path (path, "cap");
      rule->has_cap = read_money_node (reader, cap, where, &rule->cap);
    }
  value = read_enum (reader, object, path, "cap_period", FALSE, td_period_names, TD_N_PERIODS);
  if (value >= 0)
    rule->cap_period = value;
  if (json_object_has_member (object, "cap_period") && !json_object_has_member (object, "cap"))
    {
      g_autofree char *where = member_path (path, "cap_period");
      report (reader, where, _("is allowed only together with “cap”"));
    }

  if (kind < 0)
    {
      rule->kind_unknown = TRUE;
      return rule;
    }
  rule->kind = kind;

  switch (rule->kind)
    {
    case TD_RULE_PERCENT:
      value = read_enum (reader, object, path, "base", TRUE, td_base_names, TD_N_BASES);
      rule->base = MAX (value, 0);
      rule->rates = read_entries (reader, object, path, "rates", TRUE, TD_UNIT_RATE);
      break;

    case TD_RULE_PER_UNIT:
      rule->unit_amounts = read_unit_amounts (reader, object, path);
      break;

    case TD_RULE_NEW_CUSTOMER:
      read_integer_min (reader, object, path, "lookback_days", FALSE, 0, &rule->lookback_days);
      read_bool (reader, object, path, "requires_deal_registration", &rule->requires_deal_registration);
      if (json_object_has_member (object, "amounts") == json_object_has_member (object, "rates"))
        report (reader, path, json_object_has_member (object, "amounts") ?
                _("a new_customer rule has either “amounts” or “rates”, not both") :
                _("a new_customer rule needs “amounts” or “rates”"));
      rule->amounts = read_entries (reader, object, path, "amounts", FALSE, TD_UNIT_MONEY);
      rule->rates = read_entries (reader, object, path, "rates", FALSE, TD_UNIT_RATE);
      {
        JsonObject *loyalty = get_object (reader, object, path, "loyalty", FALSE);
        if (loyalty != NULL)
          {
            g_autofree char *where = member_path (path, "loyalty");
            rule->loyalty = read_loyalty (reader, loyalty, where);
          }
      }
      break;

    case TD_RULE_REBATE:
      value = read_enum (reader, object, path, "period", TRUE, td_period_names, TD_PERIOD_PERIOD);
      rule->period = MAX (value, 0);
      value = read_enum (reader, object, path, "base", TRUE, td_base_names, TD_N_BASES);
      rule->base = MAX (value, 0);
      value = read_enum (reader, object, path, "mode", TRUE, td_rebate_mode_names, TD_N_REBATE_MODES);
      rule->mode = MAX (value, 0);
      rule->steps = read_rebate_steps (reader, object, path);
      break;

    case TD_RULE_BONUS:
      value = read_enum (reader, object, path, "period", TRUE, td_period_names, TD_PERIOD_PERIOD);
      rule->period = MAX (value, 0);
      value = read_enum (reader, object, path, "metric", TRUE, td_bonus_metric_names, TD_N_BONUS_METRICS);
      rule->metric = MAX (value, 0);
      rule->amounts = read_entries (reader, object, path, "amounts", TRUE, TD_UNIT_MONEY);
      if (value >= 0)
        rule->targets = read_entries (reader, object, path, "targets", TRUE,
                                      value == TD_METRIC_REVENUE ? TD_UNIT_MONEY : TD_UNIT_COUNT);
      else
        get_member (reader, object, path, "targets", TRUE);
      if (json_object_has_member (object, "lookback_days"))
        {
          if (value >= 0 && value != TD_METRIC_NEW_CUSTOMERS)
            {
              g_autofree char *where = member_path (path, "lookback_days");
              report (reader, where, _("is allowed only on a bonus whose metric is new_customers"));
            }
          else
            read_integer_min (reader, object, path, "lookback_days", FALSE, 0, &rule->lookback_days);
        }
      break;

    case TD_RULE_WELCOME:
      rule->amounts = read_entries (reader, object, path, "amounts", TRUE, TD_UNIT_MONEY);
      break;

    default:
      g_assert_not_reached ();
    }
  return rule;
}

static TdBenefit *
read_benefit (Reader     *reader,
              JsonObject *object,
              const char *path)
{
  static const char *const known[] = { "id", "name", "group", "values", NULL };
  TdBenefit *benefit = td_benefit_new ();
  JsonObject *values;

  benefit->extras = check_members (reader, object, path, known);
  benefit->id = read_string (reader, object, path, "id", TRUE);
  benefit->name = read_string (reader, object, path, "name", TRUE);
  benefit->group = read_string (reader, object, path, "group", TRUE);
  values = get_object (reader, object, path, "values", TRUE);
  if (values != NULL)
    {
      g_autofree char *map_path = member_path (path, "values");
      GList *tiers = json_object_get_members (values);

      for (GList *l = tiers; l != NULL; l = l->next)
        {
          g_autofree char *where = member_path (map_path, l->data);
          JsonNode *node = json_object_get_member (values, l->data);
          TdBenefitValue value = { g_strdup (l->data), TD_BENEFIT_BOOLEAN, 0, NULL };

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
            value.number = json_node_get_boolean (node);
          else if (is_string (node))
            {
              value.kind = TD_BENEFIT_TEXT;
              value.text = g_strdup (json_node_get_string (node));
            }
          else if (is_number (node))
            {
              value.kind = TD_BENEFIT_NUMBER;
              if (!read_signed_decimal_node (reader, node, where, &value.number))
                {
                  g_free (value.tier);
                  continue;
                }
            }
          else
            {
              report (reader, where, _("must be true, false, a number or a text, not %s"), node_kind (node));
              g_free (value.tier);
              continue;
            }
          g_array_append_val (benefit->values, value);
        }
      g_list_free (tiers);
    }
  return benefit;
}

static TdObjective *
read_objective (Reader     *reader,
                JsonObject *object,
                const char *path)
{
  static const char *const known[] = { "id", "name", "metric", "target", NULL };
  TdObjective *objective = td_objective_new ();
  g_autofree char *metric = NULL;
  gboolean metric_ok = FALSE;
  JsonNode *target;

  objective->extras = check_members (reader, object, path, known);
  objective->id = read_string (reader, object, path, "id", TRUE);
  objective->name = read_string (reader, object, path, "name", TRUE);
  metric = read_string (reader, object, path, "metric", TRUE);
  if (metric != NULL)
    {
      int value = td_enum_from_string (td_objective_metric_names, TD_OBJECTIVE_PARTNERS_IN_TIER, metric);

      if (value >= 0)
        {
          objective->metric = value;
          metric_ok = TRUE;
        }
      else if (g_str_has_prefix (metric, "partners_in_tier:"))
        {
          objective->metric = TD_OBJECTIVE_PARTNERS_IN_TIER;
          objective->metric_tier = g_strdup (metric + strlen ("partners_in_tier:"));
          metric_ok = TRUE;
        }
      else
        {
          g_autofree char *where = member_path (path, "metric");
          report (reader, where,
                  _("“%s” is not an objective metric: use revenue, payout, payout_ratio, new_customers or partners_in_tier:<tier id>"),
                  metric);
        }
    }

  target = get_member (reader, object, path, "target", TRUE);
  if (target != NULL && metric_ok)
    {
      g_autofree char *where = member_path (path, "target");
      TdUnit unit = objective->metric == TD_OBJECTIVE_REVENUE || objective->metric == TD_OBJECTIVE_PAYOUT ?
                    TD_UNIT_MONEY :
                    objective->metric == TD_OBJECTIVE_PAYOUT_RATIO ? TD_UNIT_RATE : TD_UNIT_COUNT;
      read_value_node (reader, target, where, unit, &objective->target);
    }
  return objective;
}

static TdOverride *
read_override (Reader     *reader,
               JsonObject *object,
               const char *path)
{
  static const char *const known[] = { "partner", "reason", "tier", "rates", "amounts", NULL };
  TdOverride *override = td_override_new ();

  override->extras = check_members (reader, object, path, known);
  override->partner = read_string (reader, object, path, "partner", TRUE);
  override->reason = read_string (reader, object, path, "reason", TRUE);
  override->tier = read_string (reader, object, path, "tier", FALSE);
  override->rates = read_entries (reader, object, path, "rates", FALSE, TD_UNIT_RATE);
  override->amounts = read_entries (reader, object, path, "amounts", FALSE, TD_UNIT_MONEY);
  return override;
}

typedef gpointer (*ReadItemFunc) (Reader *, JsonObject *, const char *);

/* Every element of a list is read; one that is not an object is reported
 * and replaced by an empty item, so later items keep their index (and
 * their JSON path) for the validator. */
static void
read_list (Reader       *reader,
           JsonObject   *object,
           const char   *member,
           gboolean      required,
           GPtrArray    *into,
           ReadItemFunc  read_item,
           gpointer    (*new_item) (void))
{
  JsonArray *array = get_array (reader, object, "$", member, required);
  g_autofree char *list_path = member_path ("$", member);

  if (array == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (list_path, i);
      JsonObject *item = object_node (reader, json_array_get_element (array, i), item_path);
      g_ptr_array_add (into, item != NULL ? read_item (reader, item, item_path) : new_item ());
    }
}

static TdProgram *
read_program (Reader   *reader,
              JsonNode *root)
{
  static const char *const known[] = {
    "format", "format_version", "id", "name", "vendor", "version", "currency",
    "description", "categories", "tiers", "qualification", "eligibility",
    "attribution", "rules", "benefits", "objectives", "overrides", NULL
  };
  static const char *const qualification_known[] = { "mode", "window", NULL };
  static const char *const eligibility_known[] = { "distributors", "require_invoice", NULL };
  static const char *const attribution_known[] = { "online_renewals", NULL };
  TdProgram *program;
  JsonObject *object, *part;
  g_autofree char *format = NULL;
  gint64 format_version = 0;
  int value;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      report (reader, "$", _("a program is a JSON object, not %s"), node_kind (root));
      return NULL;
    }
  object = json_node_get_object (root);
  program = td_program_new ();

  format = read_string (reader, object, "$", "format", TRUE);
  if (format != NULL && strcmp (format, TD_PROGRAM_FORMAT) != 0)
    report (reader, "$.format", _("must be “%s”: this file is not a Tierdesk program"), TD_PROGRAM_FORMAT);
  if (read_integer (reader, object, "$", "format_version", TRUE, &format_version) &&
      format_version != TD_PROGRAM_FORMAT_VERSION)
    report (reader, "$.format_version",
            _("format version %" PRId64 " is not supported: this Tierdesk reads version %d"),
            format_version, TD_PROGRAM_FORMAT_VERSION);

  program->extras = check_members (reader, object, "$", known);
  program->id = read_string (reader, object, "$", "id", TRUE);
  program->name = read_string (reader, object, "$", "name", TRUE);
  program->vendor = read_string (reader, object, "$", "vendor", FALSE);
  read_integer_min (reader, object, "$", "version", TRUE, 1, &program->version);
  program->currency = read_string (reader, object, "$", "currency", TRUE);
  program->description = read_string (reader, object, "$", "description", FALSE);

  read_list (reader, object, "categories", FALSE, program->categories,
             (ReadItemFunc) read_category, (gpointer (*) (void)) td_category_new);
  read_list (reader, object, "tiers", TRUE, program->tiers,
             (ReadItemFunc) read_tier, (gpointer (*) (void)) td_tier_new);
  if (json_object_has_member (object, "tiers") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tiers")) &&
      program->tiers->len == 0)
    report (reader, "$.tiers", _("a program needs at least one tier"));

  part = get_object (reader, object, "$", "qualification", FALSE);
  if (part != NULL)
    {
      program->qualification_extras = check_members (reader, part, "$.qualification", qualification_known);
      value = read_enum (reader, part, "$.qualification", "mode", FALSE,
                         td_qualification_mode_names, TD_N_QUALIFICATION_MODES);
      program->qualification_mode = MAX (value, 0);
      value = read_enum (reader, part, "$.qualification", "window", FALSE,
                         td_window_names, TD_N_WINDOWS);
      program->qualification_window = MAX (value, 0);
    }

  part = get_object (reader, object, "$", "eligibility", FALSE);
  if (part != NULL)
    {
      program->eligibility_extras = check_members (reader, part, "$.eligibility", eligibility_known);
      program->distributors = read_string_list (reader, part, "$.eligibility", "distributors");
      read_bool (reader, part, "$.eligibility", "require_invoice", &program->require_invoice);
    }

  part = get_object (reader, object, "$", "attribution", FALSE);
  if (part != NULL)
    {
      program->attribution_extras = check_members (reader, part, "$.attribution", attribution_known);
      value = read_enum (reader, part, "$.attribution", "online_renewals", FALSE,
                         td_attribution_names, TD_N_ATTRIBUTIONS);
      program->online_renewals = MAX (value, 0);
    }

  read_list (reader, object, "rules", FALSE, program->rules,
             (ReadItemFunc) read_rule, (gpointer (*) (void)) td_rule_new);
  read_list (reader, object, "benefits", FALSE, program->benefits,
             (ReadItemFunc) read_benefit, (gpointer (*) (void)) td_benefit_new);
  read_list (reader, object, "objectives", FALSE, program->objectives,
             (ReadItemFunc) read_objective, (gpointer (*) (void)) td_objective_new);
  read_list (reader, object, "overrides", FALSE, program->overrides,
             (ReadItemFunc) read_override, (gpointer (*) (void)) td_override_new);
  return program;
}

TdProgram *
td_program_read_data (const char *data,
                      gsize       length,
                      TdProblems *problems)
{
  g_autoptr(JsonNode) root = td_json_parse (data, length, problems);
  Reader reader = { problems };

  if (root == NULL)
    return NULL;
  return read_program (&reader, root);
}

TdProgram *
td_program_read_file (const char *path,
                      TdProblems *problems)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* Refuse a huge file before reading it whole. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      GStatBuf info;
      if (g_stat (path, &info) == 0 && info.st_size > TD_JSON_MAX_BYTES)
        {
          td_problems_add (problems, TD_SEVERITY_ERROR, NULL,
                           _("the file is larger than %u MiB, too large for a program"),
                           TD_JSON_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
    }
  if (!g_file_get_contents (path, &data, &length, &error))
    {
      td_problems_add (problems, TD_SEVERITY_ERROR, NULL, "%s", error->message);
      return NULL;
    }
  return td_program_read_data (data, length, problems);
}
