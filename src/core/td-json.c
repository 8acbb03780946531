/* td-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "td-json.h"
#include "td-money.h"
#include "td-rate.h"

/* The scan json-glib 1.6 needs before it may parse: it overflows its stack
 * on deep nesting, wraps integers beyond 64 bits silently and accepts a
 * blank document as having no root. Syntax errors are left to json-glib,
 * which reports them with line and column. */
static gboolean
prescan (const char *data,
         gsize       length,
         TdProblems *problems)
{
  guint line = 1, column = 0, depth = 0;
  gboolean in_string = FALSE, escaped = FALSE, seen_value = FALSE;

  if (length > TD_JSON_MAX_BYTES)
    {
      td_problems_add (problems, TD_SEVERITY_ERROR, NULL,
                       _("the file is larger than %u MiB, too large for a program"),
                       TD_JSON_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      const char *end = NULL;
      gsize offset;

      g_utf8_validate_len (data, length, &end);
      offset = (gsize) (end - data);
      for (gsize i = 0; i < offset; i++)
        {
          if (data[i] == '\n')
            line++, column = 0;
          else if (((guchar) data[i] & 0xC0) != 0x80)
            column++;
        }
      td_problems_add_at (problems, TD_SEVERITY_ERROR, line, column + 1,
                          _("the file is not valid UTF-8 text"));
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          line++;
          column = 0;
          continue;
        }
      if (((guchar) c & 0xC0) != 0x80)
        column++;

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case ' ': case '\t': case '\r':
          break;
        case '"':
          in_string = TRUE;
          seen_value = TRUE;
          break;
        case '[': case '{':
          seen_value = TRUE;
          if (++depth > TD_JSON_MAX_DEPTH)
            {
              td_problems_add_at (problems, TD_SEVERITY_ERROR, line, column,
                                  _("arrays and objects are nested more than %d deep"),
                                  TD_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']': case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          seen_value = TRUE;
          if (g_ascii_isdigit (c) || c == '-')
            {
              gsize start = i, digits = 0;
              gboolean integer = TRUE;

              for (; i < length && strchr ("0123456789+-.eE", data[i]) != NULL; i++)
                {
                  if (g_ascii_isdigit (data[i]))
                    digits++;
                  else if (data[i] != '-' || i != start)
                    integer = FALSE;
                }
              column += (guint) (i - start - 1);
              i--;
              if (integer && digits > 18)
                {
                  td_problems_add_at (problems, TD_SEVERITY_ERROR, line, column,
                                      _("the number %.*s is too large"),
                                      (int) MIN (i + 1 - start, 40), data + start);
                  return FALSE;
                }
            }
          break;
        }
    }

  if (!seen_value)
    {
      td_problems_add (problems, TD_SEVERITY_ERROR, NULL,
                       _("the file is empty: it holds no JSON value"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GHashTable *member_counts;
  TdProblems *problems;
} DuplicateCheck;

/* json-glib keeps the last of two members with one name; a program with
 * both is ambiguous, so it is refused. */
static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  gpointer    user_data)
{
  DuplicateCheck *check = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (check->member_counts, object)) + 1;

  if (json_object_get_size (object) < count)
    {
      td_problems_add_at (check->problems, TD_SEVERITY_ERROR,
                          json_parser_get_current_line (parser),
                          json_parser_get_current_pos (parser),
                          _("the member “%s” appears twice in one object"), member_name);
      count--;
    }
  g_hash_table_insert (check->member_counts, object, GUINT_TO_POINTER (count));
}

/* json-glib's messages start with "<data>:LINE:COL: Parse error: "; keep the
 * position as ours and the rest as the message. */
static void
add_parse_error (TdProblems   *problems,
                 const GError *error)
{
  const char *message = error->message;
  guint line = 0, column = 0;

  if (g_str_has_prefix (message, "<data>:"))
    {
      char *end = NULL;

      line = (guint) strtoul (message + 7, &end, 10);
      if (end != NULL && *end == ':')
        column = (guint) strtoul (end + 1, &end, 10);
      if (end != NULL && *end == ':')
        message = end + 1;
      while (*message == ' ')
        message++;
      if (g_str_has_prefix (message, "Parse error: "))
        message += strlen ("Parse error: ");
    }
  if (error->domain == JSON_PARSER_ERROR)
    switch (error->code)
      {
      case JSON_PARSER_ERROR_TRAILING_COMMA:
        message = _("a comma before a closing bracket: remove it");
        break;
      case JSON_PARSER_ERROR_MISSING_COMMA:
        message = _("a comma is missing between two values");
        break;
      case JSON_PARSER_ERROR_MISSING_COLON:
        message = _("a colon is missing after a member name");
        break;
      case JSON_PARSER_ERROR_INVALID_BAREWORD:
        message = _("a word that is not a value: text needs double quotes, and the only bare words are true, false and null");
        break;
      case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
        message = _("a member name is empty");
        break;
      case JSON_PARSER_ERROR_PARSE:
        /* json-glib's "expected …" part often names the wrong character;
         * the unexpected one is right. */
        if (g_str_has_prefix (message, "unexpected character `") && message[22] != '\0' && message[23] == '\'')
          {
            td_problems_add_at (problems, TD_SEVERITY_ERROR, line, column,
                                _("JSON syntax error: unexpected “%c”: a value, a comma or a closing bracket is missing"),
                                message[22]);
            return;
          }
        break;
      default:
        break;
      }
  td_problems_add_at (problems, TD_SEVERITY_ERROR, line, column,
                      _("JSON syntax error: %s"), message);
}

JsonNode *
td_json_parse (const char *data,
               gsize       length,
               TdProblems *problems)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  DuplicateCheck check = { NULL, problems };
  guint before = td_problems_count (problems, TD_SEVERITY_ERROR);
  JsonNode *root;

  if (!prescan (data, length, problems))
    return NULL;

  parser = json_parser_new ();
  check.member_counts = g_hash_table_new (NULL, NULL);
  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), &check);
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      add_parse_error (problems, error);
      g_hash_table_unref (check.member_counts);
      return NULL;
    }
  g_hash_table_unref (check.member_counts);

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      td_problems_add (problems, TD_SEVERITY_ERROR, NULL,
                       _("the file is empty: it holds no JSON value"));
      return NULL;
    }
  if (td_problems_count (problems, TD_SEVERITY_ERROR) > before)
    return NULL;
  return json_node_ref (root);
}

/* ---- writer: 2-space indent, one member or element per line ---- */

struct _TdJsonWriter
{
  GString *out;
  guint    depth;
  /* Per open container: nothing written in it yet. */
  GArray  *empty;
  gboolean after_member;
};

TdJsonWriter *
td_json_writer_new (void)
{
  TdJsonWriter *writer = g_new0 (TdJsonWriter, 1);

  writer->out = g_string_new (NULL);
  writer->empty = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return writer;
}

char *
td_json_writer_free_to_string (TdJsonWriter *writer)
{
  char *text;

  g_string_append_c (writer->out, '\n');
  text = g_string_free (writer->out, FALSE);
  g_array_unref (writer->empty);
  g_free (writer);
  return text;
}

static void
newline_indent (TdJsonWriter *writer)
{
  g_string_append_c (writer->out, '\n');
  for (guint i = 0; i < writer->depth; i++)
    g_string_append (writer->out, "  ");
}

/* Everything before a value: a comma and a new line inside an array. */
static void
before_value (TdJsonWriter *writer)
{
  if (writer->after_member)
    {
      writer->after_member = FALSE;
      return;
    }
  if (writer->empty->len > 0)
    {
      gboolean *empty = &g_array_index (writer->empty, gboolean, writer->empty->len - 1);
      if (!*empty)
        g_string_append_c (writer->out, ',');
      *empty = FALSE;
      newline_indent (writer);
    }
}

static void
open_container (TdJsonWriter *writer,
                char          bracket)
{
  gboolean empty = TRUE;

  before_value (writer);
  g_string_append_c (writer->out, bracket);
  g_array_append_val (writer->empty, empty);
  writer->depth++;
}

static void
close_container (TdJsonWriter *writer,
                 char          bracket)
{
  gboolean empty = g_array_index (writer->empty, gboolean, writer->empty->len - 1);

  g_array_set_size (writer->empty, writer->empty->len - 1);
  writer->depth--;
  if (!empty)
    newline_indent (writer);
  g_string_append_c (writer->out, bracket);
}

void td_json_writer_begin_object (TdJsonWriter *w) { open_container (w, '{'); }
void td_json_writer_end_object (TdJsonWriter *w) { close_container (w, '}'); }
void td_json_writer_begin_array (TdJsonWriter *w) { open_container (w, '['); }
void td_json_writer_end_array (TdJsonWriter *w) { close_container (w, ']'); }

void
td_json_append_escaped (GString    *out,
                        const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
td_json_writer_member (TdJsonWriter *writer,
                       const char   *name)
{
  before_value (writer);
  td_json_append_escaped (writer->out, name);
  g_string_append (writer->out, ": ");
  writer->after_member = TRUE;
}

void
td_json_writer_string (TdJsonWriter *writer,
                       const char   *value)
{
  before_value (writer);
  td_json_append_escaped (writer->out, value);
}

void
td_json_writer_raw (TdJsonWriter *writer,
                    const char   *literal)
{
  before_value (writer);
  g_string_append (writer->out, literal);
}

void
td_json_writer_int (TdJsonWriter *writer,
                    gint64        value)
{
  before_value (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

void
td_json_writer_bool (TdJsonWriter *writer,
                     gboolean      value)
{
  td_json_writer_raw (writer, value ? "true" : "false");
}

void
td_json_writer_null (TdJsonWriter *writer)
{
  td_json_writer_raw (writer, "null");
}

void
td_json_writer_money (TdJsonWriter *writer,
                      gint64        cents)
{
  char buf[TD_MONEY_BUF];

  td_json_writer_string (writer, td_money_format_buf (cents, buf));
}

void
td_json_writer_rate (TdJsonWriter *writer,
                     gint64        rate)
{
  char buf[TD_RATE_BUF];

  td_json_writer_raw (writer, td_rate_format_buf (rate, buf));
}

/* The shortest decimal that reads back as the same double, so that an
 * x- member's 0.1 stays 0.1. */
static void
write_double (TdJsonWriter *writer,
              double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    {
      td_json_writer_int (writer, (gint64) value);
      return;
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*g", precision, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  td_json_writer_raw (writer, buf);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

void
td_json_writer_node (TdJsonWriter *writer,
                     JsonNode     *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *names = json_object_get_members (object);

        td_json_writer_begin_object (writer);
        for (GList *l = names; l != NULL; l = l->next)
          {
            td_json_writer_member (writer, l->data);
            td_json_writer_node (writer, json_object_get_member (object, l->data));
          }
        g_list_free (names);
        td_json_writer_end_object (writer);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        td_json_writer_begin_array (writer);
        for (guint i = 0; i < json_array_get_length (array); i++)
          td_json_writer_node (writer, json_array_get_element (array, i));
        td_json_writer_end_array (writer);
      }
      break;
    case JSON_NODE_NULL:
      td_json_writer_null (writer);
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          td_json_writer_bool (writer, json_node_get_boolean (node));
          break;
        case G_TYPE_INT64:
          td_json_writer_int (writer, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (writer, json_node_get_double (node));
          break;
        default:
          td_json_writer_string (writer, json_node_get_string (node));
          break;
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* x- members after the known ones, sorted so that their order in the
 * source does not change the canonical bytes. */
void
td_json_writer_extras (TdJsonWriter *writer,
                       JsonObject   *extras)
{
  g_autoptr(GPtrArray) names = NULL;
  GList *members;

  if (extras == NULL)
    return;
  members = json_object_get_members (extras);
  names = g_ptr_array_new ();
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (names, l->data);
  g_list_free (members);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      td_json_writer_member (writer, names->pdata[i]);
      td_json_writer_node (writer, json_object_get_member (extras, names->pdata[i]));
    }
}

static gboolean
is_plain_name (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* "$.rules" + "rates" → "$.rules.rates"; names that are not plain words
 * use the bracket form: $.amounts.silver["*"]. */
char *
td_json_path_member (const char *parent,
                     const char *member)
{
  GString *path;

  if (is_plain_name (member))
    return g_strconcat (parent, ".", member, NULL);
  path = g_string_new (parent);
  g_string_append_c (path, '[');
  td_json_append_escaped (path, member);
  g_string_append_c (path, ']');
  return g_string_free (path, FALSE);
}
