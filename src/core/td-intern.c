/* td-intern.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At 10 M sales, looking up ~2 M customer ids dominated loading, so this
 * is an open-addressing table of (hash, id) pairs over one growing arena
 * instead of a GHashTable of heap strings.
 */
#include "config.h"

#include <string.h>

#include "td-intern.h"

/* The full 64-bit hash is kept so that the text (a likely cache miss in
 * the arena) is compared only when the hashes already agree. */
typedef struct
{
  guint64 hash;
  gint64  id;     /* -1: empty slot */
} Slot;

struct _TdIntern
{
  Slot   *slots;
  guint   mask;
  guint   count;
  GArray *offsets;   /* id → offset of its NUL-terminated text in arena */
  char   *arena;
  gsize   arena_used;
  gsize   arena_size;
};

/* FNV-1a over 8-byte words, then a final mix: fast for short ids. */
static guint64
hash_bytes (const char *text,
            gsize       length)
{
  guint64 h = 0xcbf29ce484222325ULL ^ length;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;
      memcpy (&word, text + i, 8);
      h = (h ^ word) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
  for (; i < length; i++)
    h = (h ^ (guchar) text[i]) * 0x100000001b3ULL;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return h;
}

TdIntern *
td_intern_new (void)
{
  TdIntern *intern = g_new0 (TdIntern, 1);

  intern->mask = 1023;
  intern->slots = g_new (Slot, intern->mask + 1);
  memset (intern->slots, 0xff, sizeof (Slot) * (intern->mask + 1));
  intern->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
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
  g_array_unref (intern->offsets);
  g_free (intern->arena);
  g_free (intern);
}

static const char *
text_of (const TdIntern *intern,
         gint32          id)
{
  return intern->arena + g_array_index (intern->offsets, gsize, id);
}

static void
grow (TdIntern *intern)
{
  guint new_mask = intern->mask * 2 + 1;
  Slot *slots = g_new (Slot, new_mask + 1);

  memset (slots, 0xff, sizeof (Slot) * (new_mask + 1));
  for (guint i = 0; i <= intern->mask; i++)
    {
      Slot slot = intern->slots[i];
      guint j;

      if (slot.id < 0)
        continue;
      for (j = (guint) slot.hash & new_mask; slots[j].id >= 0; j = (j + 1) & new_mask)
        ;
      slots[j] = slot;
    }
  g_free (intern->slots);
  intern->slots = slots;
  intern->mask = new_mask;
}

gint32
td_intern_lookup (const TdIntern *intern,
                  const char     *text,
                  gsize           length)
{
  guint64 hash = hash_bytes (text, length);

  for (guint i = (guint) hash & intern->mask; intern->slots[i].id >= 0; i = (i + 1) & intern->mask)
    {
      const Slot *slot = &intern->slots[i];
      if (slot->hash == hash)
        {
          const char *candidate = text_of (intern, (gint32) slot->id);
          if (memcmp (candidate, text, length) == 0 && candidate[length] == '\0')
            return (gint32) slot->id;
        }
    }
  return -1;
}

gint32
td_intern_add (TdIntern   *intern,
               const char *text,
               gsize       length,
               gboolean   *added)
{
  guint64 hash = hash_bytes (text, length);
  guint i;
  gint32 id;

  for (i = (guint) hash & intern->mask; intern->slots[i].id >= 0; i = (i + 1) & intern->mask)
    {
      const Slot *slot = &intern->slots[i];
      if (slot->hash == hash)
        {
          const char *candidate = text_of (intern, (gint32) slot->id);
          if (memcmp (candidate, text, length) == 0 && candidate[length] == '\0')
            {
              if (added != NULL)
                *added = FALSE;
              return (gint32) slot->id;
            }
        }
    }

  g_assert (intern->count < G_MAXINT32);
  id = (gint32) intern->count++;
  while (intern->arena_used + length + 1 > intern->arena_size)
    {
      intern->arena_size *= 2;
      intern->arena = g_realloc (intern->arena, intern->arena_size);
    }
  memcpy (intern->arena + intern->arena_used, text, length);
  intern->arena[intern->arena_used + length] = '\0';
  g_array_append_val (intern->offsets, intern->arena_used);
  intern->arena_used += length + 1;

  intern->slots[i].hash = hash;
  intern->slots[i].id = id;
  /* Keep the load under 1/2 so probe runs stay short. */
  if (intern->count * 2 > intern->mask)
    grow (intern);
  if (added != NULL)
    *added = TRUE;
  return id;
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
