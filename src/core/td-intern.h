/* td-intern.h — strings to dense integer ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ids are 0, 1, 2… in first-seen order; strings are copied into one arena
 * and stay valid as long as the table. Byte-exact comparison. Lookups on
 * a table that nobody changes may run in several threads at once. */
typedef struct _TdIntern TdIntern;

/* A string to add; @text need not be NUL-terminated. */
typedef struct
{
  const char *text;
  gsize       length;
} TdInternKey;

TdIntern   *td_intern_new       (void);
void        td_intern_free      (TdIntern   *intern);
/* Room for @n_strings more strings of @n_bytes in all, so that adding
 * them does not grow the table on the way. */
void        td_intern_reserve   (TdIntern   *intern,
                                 guint       n_strings,
                                 gsize       n_bytes);
gint32      td_intern_add       (TdIntern   *intern,
                                 const char *text,
                                 gsize       length,
                                 gboolean   *added);
/* td_intern_add() on each key in turn, with the same ids, but faster on
 * a large table: the memory each key needs is fetched a few keys ahead.
 * @added may be NULL. */
void        td_intern_add_batch (TdIntern          *intern,
                                 const TdInternKey *keys,
                                 guint              n_keys,
                                 gint32            *ids,
                                 gboolean          *added);
gint32      td_intern_lookup    (const TdIntern *intern,
                                 const char     *text,
                                 gsize           length);
const char *td_intern_get       (const TdIntern *intern,
                                 gint32          id);
guint       td_intern_size      (const TdIntern *intern);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdIntern, td_intern_free)

G_END_DECLS
