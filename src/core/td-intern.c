/* td-intern.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At 10 M sales, looking up ~2 M customer ids dominated loading, so this
 * is an open-addressing table of (hash, id) pairs over one growing arena
 * instead of a GHashTable of heap strings. Nearly every add of a large
 * load misses the cache on its slot, so td_intern_add_batch() fetches the
 * slots of many keys at once instead of waiting for each in turn.
 */
#include "config.h"

#include <string.h>

#include "td-intern.h"
#include "td-memory.h"

/* 8 bytes: a million-entry table takes 16 MB, not 32. 32 bits of hash
 * pick the slot and filter the candidates: the text (a likely cache miss
 * in the arena) is compared only when they agree. */
typedef struct
{
  guint32 hash;
  guint32 ref;    /* id + 1; 0: empty, so that zeroed memory is an empty table */
} Slot;

#define SLOT_ID(slot) ((gint32) (slot).ref - 1)

struct _TdIntern
{
  Slot   *slots;
  guint   mask;
  guint   count;
  gsize  *offsets;   /* id → offset of its NUL-terminated text in arena */
  guint   offsets_size;
  char   *arena;
  gsize   arena_used;
  gsize   arena_size;
};

/* How far apart the steps of td_intern_add_batch() are, in keys: a
 * step's loads have arrived when the next step needs them, and three
 * steps keep enough misses in flight to keep the memory busy. */
#define AHEAD 8

/* FNV-1a over 8-byte words, then a final mix: fast for short ids. The
 * last 1 to 8 bytes take two loads at most (overlapping, but together
 * covering every byte), not a round each. */
static guint32
hash_bytes (const char *text,
            gsize       length)
{
  guint64 h = 0xcbf29ce484222325ULL ^ length;
  guint64 word = 0;
  gsize i = 0, rest;

  for (; i + 8 < length; i += 8)
    {
      memcpy (&word, text + i, 8);
      h = (h ^ word) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
  rest = length - i;
  if (rest >= 4)
    {
      guint32 first, last;

      memcpy (&first, text + i, 4);
      memcpy (&last, text + length - 4, 4);
      word = first | (guint64) last << 32;
    }
  else if (rest > 0)
    word = (guchar) text[i] | (guint64) (guchar) text[i + rest / 2] << 8 | (guint64) (guchar) text[length - 1] << 16;
  h = (h ^ word) * 0x100000001b3ULL;
  h ^= h >> 29;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return (guint32) h;
}

static Slot *
new_slots (guint n)
{
  return td_huge_alloc0_n (n, sizeof (Slot));
}

TdIntern *
td_intern_new (void)
{
  TdIntern *intern = g_new0 (TdIntern, 1);

  intern->mask = 1023;
  intern->slots = new_slots (intern->mask + 1);
  intern->offsets_size = 256;
  intern->offsets = g_new (gsize, intern->offsets_size);
  intern->arena_size = 4096;
  intern->arena = g_malloc (intern->arena_size);
  return intern;
}

void
td_intern_free (TdIntern *intern)
{
  if (intern == NULL)
    return;
  g_free (intern->slots);
  g_free (intern->offsets);
  g_free (intern->arena);
  g_free (intern);
}

static const char *
text_of (const TdIntern *intern,
         gint32          id)
{
  return intern->arena + intern->offsets[id];
}

/* Rehashes into (new_mask + 1) slots; the stored hashes say where. */
static void
resize (TdIntern *intern,
        guint     new_mask)
{
  Slot *slots = new_slots (new_mask + 1);

  for (guint i = 0; i <= intern->mask; i++)
    {
      Slot slot = intern->slots[i];
      guint j;

      if (slot.ref == 0)
        continue;
      for (j = slot.hash & new_mask; slots[j].ref != 0; j = (j + 1) & new_mask)
        ;
      slots[j] = slot;
    }
  g_free (intern->slots);
  intern->slots = slots;
  intern->mask = new_mask;
}

static void
resize_offsets (TdIntern *intern,
                guint     size)
{
  intern->offsets = td_advise_huge_pages (g_renew (gsize, intern->offsets, size), sizeof (gsize) * size);
  intern->offsets_size = size;
}

static void
resize_arena (TdIntern *intern,
              gsize     size)
{
  intern->arena = td_advise_huge_pages (g_realloc (intern->arena, size), size);
  intern->arena_size = size;
}

void
td_intern_reserve (TdIntern *intern,
                   guint     n_strings,
                   gsize     n_bytes)
{
  guint64 count = (guint64) intern->count + n_strings;
  guint64 mask = intern->mask;

  g_return_if_fail (count < G_MAXINT32);

  /* The load stays under 1/2, as in td_intern_add(). */
  while (count * 2 > mask)
    mask = mask * 2 + 1;
  if (mask != intern->mask)
    resize (intern, (guint) mask);

  if (count > intern->offsets_size)
    resize_offsets (intern, (guint) count);
  if (intern->arena_used + n_bytes + n_strings > intern->arena_size)
    resize_arena (intern, intern->arena_used + n_bytes + n_strings);
}

/* The slot holding @text, or the empty slot where it belongs. */
static guint
find_slot (const TdIntern *intern,
           const char     *text,
           gsize           length,
           guint32         hash)
{
  guint i;

  for (i = hash & intern->mask; intern->slots[i].ref != 0; i = (i + 1) & intern->mask)
    {
      const Slot *slot = &intern->slots[i];
      if (slot->hash == hash)
        {
          const char *candidate = text_of (intern, SLOT_ID (*slot));
          if (memcmp (candidate, text, length) == 0 && candidate[length] == '\0')
            break;
        }
    }
  return i;
}

gint32
td_intern_lookup (const TdIntern *intern,
                  const char     *text,
                  gsize           length)
{
  return SLOT_ID (intern->slots[find_slot (intern, text, length, hash_bytes (text, length))]);
}

static gint32
add_hashed (TdIntern   *intern,
            const char *text,
            gsize       length,
            guint32     hash,
            gboolean   *added)
{
  guint i = find_slot (intern, text, length, hash);
  gint32 id;

  if (intern->slots[i].ref != 0)
    {
      if (added != NULL)
        *added = FALSE;
      return SLOT_ID (intern->slots[i]);
    }

  g_assert (intern->count < G_MAXINT32);
  if (intern->count == intern->offsets_size)
    resize_offsets (intern, intern->offsets_size * 2);
  if (intern->arena_used + length + 1 > intern->arena_size)
    {
      gsize size = intern->arena_size;

      while (intern->arena_used + length + 1 > size)
        size *= 2;
      resize_arena (intern, size);
    }
  id = (gint32) intern->count++;
  memcpy (intern->arena + intern->arena_used, text, length);
  intern->arena[intern->arena_used + length] = '\0';
  intern->offsets[id] = intern->arena_used;
  intern->arena_used += length + 1;

  intern->slots[i].hash = hash;
  intern->slots[i].ref = (guint32) id + 1;
  /* Keep the load under 1/2 so probe runs stay short. */
  if (intern->count * 2 > intern->mask)
    resize (intern, intern->mask * 2 + 1);
  if (added != NULL)
    *added = TRUE;
  return id;
}

gint32
td_intern_add (TdIntern   *intern,
               const char *text,
               gsize       length,
               gboolean   *added)
{
  return add_hashed (intern, text, length, hash_bytes (text, length), added);
}

/* The id of the first slot of @hash's probe run whose hash agrees, or -1:
 * the one whose text the add will most likely compare. */
static gint32
first_candidate (const TdIntern *intern,
                 guint32         hash)
{
  for (guint i = hash & intern->mask; intern->slots[i].ref != 0; i = (i + 1) & intern->mask)
    if (intern->slots[i].hash == hash)
      return SLOT_ID (intern->slots[i]);
  return -1;
}

void
td_intern_add_batch (TdIntern          *intern,
                     const TdInternKey *keys,
                     guint              n_keys,
                     gint32            *ids,
                     gboolean          *added)
{
  guint32 hashes[AHEAD * 4];
  gint32 candidates[AHEAD * 4];

  /* A pipeline: while key i is added, the text that key i + AHEAD will
   * probably be compared with is fetched, the offset of the one of key
   * i + 2 AHEAD and the slot of key i + 3 AHEAD, so that each step finds
   * what it needs in the cache. Only the adds change the table; one that
   * grows it just makes the keys fetched for the old one slower. */
  for (guint i = 0; i < n_keys + 3 * AHEAD; i++)
    {
      if (i < n_keys)
        {
          guint32 hash = hash_bytes (keys[i].text, keys[i].length);

          hashes[i % (AHEAD * 4)] = hash;
          __builtin_prefetch (&intern->slots[hash & intern->mask]);
        }
      if (i >= AHEAD && i - AHEAD < n_keys)
        {
          guint k = (i - AHEAD) % (AHEAD * 4);

          candidates[k] = first_candidate (intern, hashes[k]);
          if (candidates[k] >= 0)
            __builtin_prefetch (&intern->offsets[candidates[k]]);
        }
      if (i >= 2 * AHEAD && i - 2 * AHEAD < n_keys)
        {
          guint k = (i - 2 * AHEAD) % (AHEAD * 4);

          if (candidates[k] >= 0)
            __builtin_prefetch (text_of (intern, candidates[k]));
        }
      if (i >= 3 * AHEAD)
        {
          guint k = i - 3 * AHEAD;
          guint32 hash = hashes[k % (AHEAD * 4)];

          /* Columns such as a distributor repeat the key of the row
           * before: that one's id needs no probe. */
          if (k > 0 && hash == hashes[(k - 1) % (AHEAD * 4)] && keys[k].length == keys[k - 1].length &&
              memcmp (keys[k].text, keys[k - 1].text, keys[k].length) == 0)
            {
              ids[k] = ids[k - 1];
              if (added != NULL)
                added[k] = FALSE;
            }
          else
            ids[k] = add_hashed (intern, keys[k].text, keys[k].length, hash, added != NULL ? &added[k] : NULL);
        }
    }
}

const char *
td_intern_get (const TdIntern *intern,
               gint32          id)
{
  g_return_val_if_fail (id >= 0 && (guint) id < intern->count, NULL);
  return text_of (intern, id);
}

guint
td_intern_size (const TdIntern *intern)
{
  return intern->count;
}
