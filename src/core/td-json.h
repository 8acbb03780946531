/* td-json.h — guarded JSON parsing and a canonical JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-problems.h"

G_BEGIN_DECLS

/* Programs are a few kB; these bounds only stop hostile files before
 * json-glib sees them (it recurses once per nesting level). */
#define TD_JSON_MAX_BYTES (16 * 1024 * 1024)
#define TD_JSON_MAX_DEPTH 64

JsonNode *td_json_parse (const char *data,
                         gsize       length,
                         TdProblems *problems);

typedef struct _TdJsonWriter TdJsonWriter;

TdJsonWriter *td_json_writer_new          (void);
char         *td_json_writer_free_to_string (TdJsonWriter *writer);
void          td_json_writer_begin_object (TdJsonWriter *writer);
void          td_json_writer_end_object   (TdJsonWriter *writer);
void          td_json_writer_begin_array  (TdJsonWriter *writer);
void          td_json_writer_end_array    (TdJsonWriter *writer);
void          td_json_writer_member       (TdJsonWriter *writer,
                                           const char   *name);
void          td_json_writer_string       (TdJsonWriter *writer,
                                           const char   *value);
void          td_json_writer_raw          (TdJsonWriter *writer,
                                           const char   *literal);
void          td_json_writer_int          (TdJsonWriter *writer,
                                           gint64        value);
void          td_json_writer_bool         (TdJsonWriter *writer,
                                           gboolean      value);
void          td_json_writer_null         (TdJsonWriter *writer);
void          td_json_writer_money        (TdJsonWriter *writer,
                                           gint64        cents);
void          td_json_writer_rate         (TdJsonWriter *writer,
                                           gint64        rate);
void          td_json_writer_node         (TdJsonWriter *writer,
                                           JsonNode     *node);
void          td_json_writer_extras       (TdJsonWriter *writer,
                                           JsonObject   *extras);

void          td_json_append_escaped      (GString      *out,
                                           const char   *value);
char         *td_json_path_member         (const char   *parent,
                                           const char   *member);

G_END_DECLS
