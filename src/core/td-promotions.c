/* td-promotions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-promotions.h"

gboolean
td_rule_is_promotion (const TdRule *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  return rule->has_active;
}

gboolean
td_rule_pays_on_sales (const TdRule *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  return rule->kind != TD_RULE_WELCOME && !td_rule_is_on_deals (rule);
}

gboolean
td_active_windows_overlap (const TdRule *a,
                           const TdRule *b,
                           TdDate       *from,
                           TdDate       *to)
{
  gboolean has_from = FALSE, has_to = FALSE;
  TdDate first = 0, last = 0;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->has_active_from || b->has_active_from)
    {
      has_from = TRUE;
      first = !a->has_active_from ? b->active_from
            : !b->has_active_from ? a->active_from
            : MAX (a->active_from, b->active_from);
    }
  if (a->has_active_to || b->has_active_to)
    {
      has_to = TRUE;
      last = !a->has_active_to ? b->active_to
           : !b->has_active_to ? a->active_to
           : MIN (a->active_to, b->active_to);
    }
  /* A reversed window (a validator error) holds no day, and must not
   * make a shared window out of the other's days. */
  if ((a->has_active_from && a->has_active_to && a->active_from > a->active_to)
      || (b->has_active_from && b->has_active_to && b->active_from > b->active_to)
      || (has_from && has_to && first > last))
    return FALSE;
  if (from != NULL)
    *from = has_from ? first : TD_DATE_NONE;
  if (to != NULL)
    *to = has_to ? last : TD_DATE_NONE;
  return TRUE;
}

static gboolean
listed_before (const char *const *list,
               guint              index)
{
  for (guint k = 0; k < index; k++)
    if (strcmp (list[k], list[index]) == 0)
      return TRUE;
  return FALSE;
}

/* The ids a sale may have under both lists (NULL: unconstrained), once
 * each in @a's order; FALSE when none. */
static gboolean
intersect_lists (const char *const *a,
                 const char *const *b,
                 GStrv             *shared)
{
  const char *const *first = a != NULL ? a : b;
  const char *const *other = a != NULL ? b : NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result = NULL;

  if (first == NULL)
    {
      *shared = NULL;
      return TRUE;
    }
  builder = g_strv_builder_new ();
  for (guint i = 0; first[i] != NULL; i++)
    if ((other == NULL || g_strv_contains (other, first[i])) && !listed_before (first, i))
      g_strv_builder_add (builder, first[i]);
  result = g_strv_builder_end (builder);
  if (result[0] == NULL)
    return FALSE;
  *shared = g_steal_pointer (&result);
  return TRUE;
}

gboolean
td_matches_intersect (const TdMatch *a,
                      const TdMatch *b,
                      GStrv         *categories,
                      GStrv         *skus)
{
  g_auto(GStrv) shared_categories = NULL;
  g_auto(GStrv) shared_skus = NULL;
  gboolean any_channel = FALSE;

  if (a != NULL && b != NULL)
    {
      if (a->has_renewal && b->has_renewal && a->renewal != b->renewal)
        return FALSE;
      for (guint c = 0; c < TD_N_CHANNELS; c++)
        any_channel |= (!a->has_channels || a->channels[c]) && (!b->has_channels || b->channels[c]);
      if (!any_channel)
        return FALSE;
    }
  else if (a != NULL || b != NULL)
    {
      /* Even alone, an empty channel list (a validator error) matches
       * nothing. */
      const TdMatch *given = a != NULL ? a : b;

      for (guint c = 0; c < TD_N_CHANNELS; c++)
        any_channel |= !given->has_channels || given->channels[c];
      if (!any_channel)
        return FALSE;
    }
  if (!intersect_lists (a != NULL ? (const char *const *) a->categories : NULL,
                        b != NULL ? (const char *const *) b->categories : NULL, &shared_categories)
      || !intersect_lists (a != NULL ? (const char *const *) a->skus : NULL,
                           b != NULL ? (const char *const *) b->skus : NULL, &shared_skus))
    return FALSE;
  if (categories != NULL)
    *categories = g_steal_pointer (&shared_categories);
  if (skus != NULL)
    *skus = g_steal_pointer (&shared_skus);
  return TRUE;
}

void
td_promotion_overlap_free (TdPromotionOverlap *overlap)
{
  if (overlap == NULL)
    return;
  g_strfreev (overlap->categories);
  g_strfreev (overlap->skus);
  g_free (overlap);
}

GPtrArray *
td_promotions_find_overlaps (const TdProgram *program)
{
  GPtrArray *overlaps = g_ptr_array_new_with_free_func ((GDestroyNotify) td_promotion_overlap_free);

  g_return_val_if_fail (program != NULL, overlaps);

  for (guint i = 0; i < program->rules->len; i++)
    {
      const TdRule *a = program->rules->pdata[i];

      if (!td_rule_is_promotion (a) || !td_rule_pays_on_sales (a))
        continue;
      for (guint j = i + 1; j < program->rules->len; j++)
        {
          const TdRule *b = program->rules->pdata[j];
          TdDate from, to;
          GStrv categories = NULL, skus = NULL;
          TdPromotionOverlap *overlap;

          if (!td_rule_is_promotion (b) || !td_rule_pays_on_sales (b)
              || !td_active_windows_overlap (a, b, &from, &to)
              || !td_matches_intersect (a->match, b->match, &categories, &skus))
            continue;
          overlap = g_new0 (TdPromotionOverlap, 1);
          overlap->first = i;
          overlap->second = j;
          overlap->from = from;
          overlap->to = to;
          overlap->categories = categories;
          overlap->skus = skus;
          g_ptr_array_add (overlaps, overlap);
        }
    }
  return overlaps;
}

static TdDate
move_months (TdDate date,
             int    months)
{
  int year, month, day;

  td_date_to_ymd (date, &year, &month, &day);
  if (day == td_date_days_in_month (year, month))
    {
      TdDate first = td_date_add_months (td_date_from_ymd (year, month, 1), months);

      return td_date_bucket_end (first, TD_BUCKET_MONTH);
    }
  return td_date_add_months (date, months);
}

void
td_promotion_move (TdDate *from,
                   TdDate *to,
                   int     days,
                   int     months)
{
  TdDate *ends[] = { from, to };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      if (ends[i] == NULL || *ends[i] == TD_DATE_NONE)
        continue;
      *ends[i] += days;
      if (months != 0)
        *ends[i] = move_months (*ends[i], months);
    }
}
