/* test-promotions.c — promotions, their windows and where they overlap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-promotions.h"
#include "td-validator.h"
#include "test-common.h"

#define D(y, m, d) td_date_from_ymd ((y), (m), (d))

static TdRule *
rule (TdProgram  *program,
      const char *id)
{
  int i = td_program_find_rule (program, id);

  g_assert_cmpint (i, >=, 0);
  return program->rules->pdata[i];
}

/* A percent promotion on @categories (a "|"-separated list, NULL: no
 * match) from @from to @to (TD_DATE_NONE: open), appended to @program. */
static TdRule *
add_promotion (TdProgram  *program,
               const char *id,
               const char *categories,
               TdDate      from,
               TdDate      to)
{
  TdRule *promotion = td_rule_new ();

  promotion->id = g_strdup (id);
  promotion->name = g_strdup (id);
  promotion->kind = TD_RULE_PERCENT;
  promotion->rates = td_entries_new ();
  td_entries_add (promotion->rates, "authorized", 50000);
  if (categories != NULL)
    {
      promotion->match = td_match_new ();
      promotion->match->categories = g_strsplit (categories, "|", -1);
    }
  promotion->has_active = TRUE;
  promotion->has_active_from = from != TD_DATE_NONE;
  promotion->active_from = from != TD_DATE_NONE ? from : 0;
  promotion->has_active_to = to != TD_DATE_NONE;
  promotion->active_to = to != TD_DATE_NONE ? to : 0;
  g_ptr_array_add (program->rules, promotion);
  return promotion;
}

static char *
format_day (TdDate date)
{
  return date == TD_DATE_NONE ? g_strdup ("open") : td_date_format (date);
}

/* The overlaps as "first second from to categories skus" lines, with rule
 * ids, so that a failure shows them all. */
static char *
describe_overlaps (const TdProgram *program)
{
  g_autoptr(GPtrArray) overlaps = td_promotions_find_overlaps (program);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < overlaps->len; i++)
    {
      const TdPromotionOverlap *overlap = overlaps->pdata[i];
      g_autofree char *from = format_day (overlap->from), *to = format_day (overlap->to);
      g_autofree char *categories = overlap->categories != NULL ? g_strjoinv ("|", overlap->categories) : g_strdup ("*");
      g_autofree char *skus = overlap->skus != NULL ? g_strjoinv ("|", overlap->skus) : g_strdup ("*");

      g_assert_cmpuint (overlap->first, <, overlap->second);
      g_string_append_printf (text, "%s %s %s %s %s %s\n",
                              ((TdRule *) program->rules->pdata[overlap->first])->id,
                              ((TdRule *) program->rules->pdata[overlap->second])->id,
                              from, to, categories, skus);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_examples (void)
{
  static const struct
  {
    const char *file;
    const char *promotions;   /* ids of the rules with an active window */
  } cases[] = {
    { "smart-soft.json", "ting-spring-2025" },
    { "snom.json", "dect-autumn-2025" },
    { "kaspersky.json", "" },
    { "microsoft-pai.json", "" },
    { "s-mart.json", "" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(TdProgram) program = tc_load_example (cases[c].file);
      g_autoptr(GString) ids = g_string_new (NULL);
      g_autofree char *overlaps = NULL;

      for (guint i = 0; i < program->rules->len; i++)
        if (td_rule_is_promotion (program->rules->pdata[i]))
          g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", ((TdRule *) program->rules->pdata[i])->id);
      g_assert_cmpstr (ids->str, ==, cases[c].promotions);
      /* One promotion each at most: nothing to overlap with. Permanent
       * rules on the same products (ting-reward) are not promotions. */
      overlaps = describe_overlaps (program);
      g_assert_cmpstr (overlaps, ==, "");
    }
}

static void
test_smart_soft_windows (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("smart-soft.json");
  TdRule *spring = rule (program, "ting-spring-2025");

  g_assert_true (spring->has_active_from && spring->has_active_to);
  g_assert_cmpint (spring->active_from, ==, D (2025, 3, 1));
  g_assert_cmpint (spring->active_to, ==, D (2025, 5, 31));
  /* 2025-03-01 is day 20,148: 55 years of 365 days and 14 leap days
   * (1972 … 2024) to 2025-01-01 = 20,089, then January's 31 and
   * February's 28. */
  g_assert_cmpint (spring->active_from, ==, 20148);
  /* March 31 + April 30 + May 31 = 92 days, the first being day 0. */
  g_assert_cmpint (spring->active_to - spring->active_from, ==, 91);
}

static void
test_same_category (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("smart-soft.json");
  g_autofree char *text = NULL;

  /* 04-01 … 06-30 against 03-01 … 05-31: April and May are shared. */
  add_promotion (program, "ting-easter", "ting", D (2025, 4, 1), D (2025, 6, 30));
  text = describe_overlaps (program);
  g_assert_cmpstr (text, ==, "ting-spring-2025 ting-easter 2025-04-01 2025-05-31 ting *\n");
}

static void
test_other_products (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("smart-soft.json");
  TdRule *renewals;
  g_autofree char *text = NULL;

  add_promotion (program, "depo-spring", "depo", D (2025, 3, 1), D (2025, 5, 31));
  /* The TING promotion is on new licences (renewal: false). */
  renewals = add_promotion (program, "ting-renewals", "ting", D (2025, 3, 1), D (2025, 5, 31));
  renewals->match->has_renewal = TRUE;
  renewals->match->renewal = TRUE;
  text = describe_overlaps (program);
  g_assert_cmpstr (text, ==, "");
}

static void
test_windows_must_share_a_day (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("smart-soft.json");
  g_autofree char *text = NULL;

  /* The day after the spring promotion ends, and the day before it
   * starts: no overlap. */
  add_promotion (program, "ting-summer", "ting", D (2025, 6, 1), D (2025, 8, 31));
  add_promotion (program, "ting-winter", NULL, D (2024, 12, 1), D (2025, 2, 28));
  /* On its last day only. */
  add_promotion (program, "ting-may-31", "ting|depo", D (2025, 5, 31), D (2025, 5, 31));
  text = describe_overlaps (program);
  g_assert_cmpstr (text, ==, "ting-spring-2025 ting-may-31 2025-05-31 2025-05-31 ting *\n");
}

static void
test_everything_and_skus (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("smart-soft.json");
  TdRule *sku;
  g_autofree char *text = NULL;

  /* No match: every sale, so the spring promotion's products; its
   * renewal: false does not exclude a rule that says nothing. */
  add_promotion (program, "all-march", NULL, D (2025, 3, 10), D (2025, 3, 20));
  /* A SKU without a category list: the program cannot tell whether the
   * SKU is a TING appliance, so it may be. */
  sku = add_promotion (program, "x500-april", NULL, D (2025, 4, 1), D (2025, 4, 30));
  sku->match = td_match_new ();
  sku->match->skus = g_strsplit ("TING-X500|TING-X500|TING-X700", "|", -1);
  text = describe_overlaps (program);
  /* ting-spring × all-march: 03-10 … 03-20, ting.
   * ting-spring × x500-april: 04-01 … 04-30, ting, SKUs once each.
   * all-march × x500-april: March and April share no day. */
  g_assert_cmpstr (text, ==,
                   "ting-spring-2025 all-march 2025-03-10 2025-03-20 ting *\n"
                   "ting-spring-2025 x500-april 2025-04-01 2025-04-30 ting TING-X500|TING-X700\n");
}

static void
test_open_windows (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("smart-soft.json");
  g_autofree char *text = NULL;

  /* ting-spring-2025 is rule 4; the new ones are 7, 8 and 9. */
  add_promotion (program, "until-april-15", "ting", TD_DATE_NONE, D (2025, 4, 15));
  add_promotion (program, "from-may-20", "ting", D (2025, 5, 20), TD_DATE_NONE);
  add_promotion (program, "until-may", "ting", TD_DATE_NONE, D (2025, 5, 31));
  text = describe_overlaps (program);
  /* spring × until-april-15: 03-01 … 04-15; spring × from-may-20:
   * 05-20 … 05-31; spring × until-may: 03-01 … 05-31;
   * until-april-15 × from-may-20: none (04-15 < 05-20);
   * until-april-15 × until-may: open … 04-15;
   * from-may-20 × until-may: 05-20 … 05-31. */
  g_assert_cmpstr (text, ==,
                   "ting-spring-2025 until-april-15 2025-03-01 2025-04-15 ting *\n"
                   "ting-spring-2025 from-may-20 2025-05-20 2025-05-31 ting *\n"
                   "ting-spring-2025 until-may 2025-03-01 2025-05-31 ting *\n"
                   "until-april-15 until-may open 2025-04-15 ting *\n"
                   "from-may-20 until-may 2025-05-20 2025-05-31 ting *\n");
}

static void
test_windows_function (void)
{
  g_autoptr(TdRule) a = td_rule_new (), b = td_rule_new ();
  TdDate from = 1, to = 1;

  /* Both fully open (two rules with `active` and neither end, or without
   * `active`): every day. */
  g_assert_true (td_active_windows_overlap (a, b, &from, &to));
  g_assert_cmpint (from, ==, TD_DATE_NONE);
  g_assert_cmpint (to, ==, TD_DATE_NONE);

  a->has_active = a->has_active_from = TRUE;
  a->active_from = D (2025, 10, 1);
  g_assert_true (td_active_windows_overlap (a, b, &from, &to));
  g_assert_cmpint (from, ==, D (2025, 10, 1));
  g_assert_cmpint (to, ==, TD_DATE_NONE);

  /* Reversed (a validator error): no day, even against an open window. */
  a->has_active_to = TRUE;
  a->active_to = D (2025, 9, 30);
  g_assert_false (td_active_windows_overlap (a, b, NULL, NULL));
  g_assert_false (td_active_windows_overlap (b, a, NULL, NULL));
}

static void
test_matches_function (void)
{
  g_autoptr(TdMatch) a = td_match_new (), b = td_match_new ();
  g_auto(GStrv) categories = NULL, skus = NULL;

  /* Two empty matches (every sale): no constraint. */
  g_assert_true (td_matches_intersect (a, b, &categories, &skus));
  g_assert_null (categories);
  g_assert_null (skus);
  g_assert_true (td_matches_intersect (NULL, NULL, &categories, &skus));
  g_assert_null (categories);

  a->categories = g_strsplit ("dect|desk-phones|conference", "|", -1);
  b->categories = g_strsplit ("conference|dect", "|", -1);
  g_assert_true (td_matches_intersect (a, b, &categories, &skus));
  /* In a's order. */
  g_assert_cmpstrv (categories, ((const char *const[]) { "dect", "conference", NULL }));
  g_assert_null (skus);
  g_clear_pointer (&categories, g_strfreev);

  /* Channels: partner against online only. */
  a->has_channels = TRUE;
  a->channels[TD_CHANNEL_PARTNER] = TRUE;
  b->has_channels = TRUE;
  b->channels[TD_CHANNEL_ONLINE] = TRUE;
  g_assert_false (td_matches_intersect (a, b, NULL, NULL));
  b->channels[TD_CHANNEL_PARTNER] = TRUE;
  g_assert_true (td_matches_intersect (a, b, NULL, NULL));
  b->has_channels = FALSE;
  g_assert_true (td_matches_intersect (a, b, NULL, NULL));
  g_assert_true (td_matches_intersect (a, NULL, NULL, NULL));

  /* Renewal given on one side only constrains nothing. */
  a->has_renewal = TRUE;
  g_assert_true (td_matches_intersect (a, b, NULL, NULL));
  b->has_renewal = TRUE;
  b->renewal = TRUE;
  g_assert_false (td_matches_intersect (a, b, NULL, NULL));
  b->has_renewal = FALSE;

  /* Disjoint SKU lists. */
  a->skus = g_strsplit ("M300", "|", -1);
  b->skus = g_strsplit ("M700|M900", "|", -1);
  g_assert_false (td_matches_intersect (a, b, NULL, NULL));
}

static void
test_not_on_sales (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("snom.json");
  TdRule *welcome = rule (program, "welcome-phone"), *deals;
  g_autofree char *text = NULL;

  /* A welcome promotion in the same quarter pays partners who join, not
   * sales: it cannot pay twice on a DECT sale. */
  welcome->has_active = welcome->has_active_from = welcome->has_active_to = TRUE;
  welcome->active_from = D (2025, 10, 1);
  welcome->active_to = D (2025, 12, 31);
  deals = add_promotion (program, "won-deals-q4", NULL, D (2025, 11, 1), D (2025, 11, 30));
  deals->kind = TD_RULE_BONUS;
  deals->metric = TD_METRIC_WON_DEALS;
  g_assert_false (td_rule_pays_on_sales (welcome));
  g_assert_false (td_rule_pays_on_sales (deals));
  g_assert_true (td_rule_pays_on_sales (rule (program, "dect-autumn-2025")));
  text = describe_overlaps (program);
  g_assert_cmpstr (text, ==, "");
}

static void
test_snom_channels (void)
{
  g_autoptr(TdProgram) program = tc_load_example ("snom.json");
  TdRule *online, *any;
  g_autofree char *text = NULL;

  /* dect-autumn-2025 (rule 2) is for the partner channel. */
  online = add_promotion (program, "dect-online", "dect", D (2025, 12, 1), D (2026, 1, 31));
  online->match->has_channels = TRUE;
  online->match->channels[TD_CHANNEL_ONLINE] = TRUE;
  any = add_promotion (program, "phones-december", "desk-phones|dect", D (2025, 12, 15), D (2026, 1, 15));
  any->kind = TD_RULE_PER_UNIT;
  text = describe_overlaps (program);
  /* autumn × online: channels disjoint. autumn × phones-december:
   * 12-15 … 12-31 on dect (from autumn's list). online × phones-december:
   * 12-15 … 01-15 on dect (online's list is dect only). */
  g_assert_cmpstr (text, ==,
                   "dect-autumn-2025 phones-december 2025-12-15 2025-12-31 dect *\n"
                   "dect-online phones-december 2025-12-15 2026-01-15 dect *\n");
}

static void
assert_moved (TdDate      from,
              TdDate      to,
              int         days,
              int         months,
              const char *expected)
{
  g_autofree char *a = NULL, *b = NULL, *text = NULL;

  td_promotion_move (&from, &to, days, months);
  a = format_day (from);
  b = format_day (to);
  text = g_strdup_printf ("%s %s", a, b);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_move (void)
{
  assert_moved (D (2025, 3, 1), D (2025, 5, 31), 1, 0, "2025-03-02 2025-06-01");
  assert_moved (D (2025, 3, 1), D (2025, 5, 31), -1, 0, "2025-02-28 2025-05-30");
  /* A month: the last day of May stays the last day, of June. */
  assert_moved (D (2025, 3, 1), D (2025, 5, 31), 0, 1, "2025-04-01 2025-06-30");
  assert_moved (D (2025, 4, 1), D (2025, 6, 30), 0, -1, "2025-03-01 2025-05-31");
  assert_moved (D (2025, 10, 1), D (2025, 12, 31), 0, 3, "2026-01-01 2026-03-31");
  /* Not the last day: the same number, clamped to February. */
  assert_moved (D (2025, 1, 15), D (2025, 1, 30), 0, 1, "2025-02-15 2025-02-28");
  /* 2024-02-29 is February's last day, and so is 2025-02-28. */
  assert_moved (D (2024, 2, 29), D (2025, 2, 28), 0, 12, "2025-02-28 2026-02-28");
  assert_moved (D (2025, 2, 28), D (2025, 2, 28), 0, -12, "2024-02-29 2024-02-29");
  /* Open ends stay open. */
  assert_moved (TD_DATE_NONE, D (2025, 5, 31), 2, 1, "open 2025-07-02");
  assert_moved (D (2025, 5, 31), TD_DATE_NONE, 0, -1, "2025-04-30 open");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/promotions/examples", test_examples);
  g_test_add_func ("/promotions/smart-soft-window", test_smart_soft_windows);
  g_test_add_func ("/promotions/same-category", test_same_category);
  g_test_add_func ("/promotions/other-products", test_other_products);
  g_test_add_func ("/promotions/share-a-day", test_windows_must_share_a_day);
  g_test_add_func ("/promotions/everything-and-skus", test_everything_and_skus);
  g_test_add_func ("/promotions/open-windows", test_open_windows);
  g_test_add_func ("/promotions/windows", test_windows_function);
  g_test_add_func ("/promotions/matches", test_matches_function);
  g_test_add_func ("/promotions/not-on-sales", test_not_on_sales);
  g_test_add_func ("/promotions/snom-channels", test_snom_channels);
  g_test_add_func ("/promotions/move", test_move);
  return g_test_run ();
}
