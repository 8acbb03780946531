/* td-intern.h — strings to dense integer ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ids are 0, 1, 2… in first-seen order; strings are copied into one arena
 * and stay valid as long as the table. Byte-exact comparison. */
typedef struct _TdIntern TdIntern;

TdIntern   *td_intern_new    (void);
void        td_intern_free   (TdIntern   *intern);
gint32      td_intern_add    (TdIntern   *intern,
                              const char *text,
                              gsize       length,
                              gboolean   *added);
gint32      td_intern_lookup (const TdIntern *intern,
                              const char     *text,
                              gsize           length);
const char *td_intern_get    (const TdIntern *intern,
                              gint32          id);
guint       td_intern_size   (const TdIntern *intern);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdIntern, td_intern_free)

G_END_DECLS
