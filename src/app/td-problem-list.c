/* td-problem-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-problem-list.h"

struct _TdProblemItem
{
  GObject  parent_instance;

  char    *file;
  guint    line;
  char    *column;
  char    *message;
};

G_DEFINE_FINAL_TYPE (TdProblemItem, td_problem_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_LINE,
  PROP_LINE_TEXT,
  PROP_COLUMN,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_problem_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdProblemItem *self = TD_PROBLEM_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_LINE_TEXT:
      g_value_take_string (value, self->line > 0 ? g_strdup_printf ("%u", self->line) : g_strdup (""));
      break;
    case PROP_COLUMN:
      g_value_set_string (value, self->column);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_problem_item_finalize (GObject *object)
{
  TdProblemItem *self = TD_PROBLEM_ITEM (object);

  g_free (self->file);
  g_free (self->column);
  g_free (self->message);
  G_OBJECT_CLASS (td_problem_item_parent_class)->finalize (object);
}

static void
td_problem_item_class_init (TdProblemItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = td_problem_item_get_property;
  object_class->finalize = td_problem_item_finalize;

  /* Read-only: an item is made for each look at the list. */
  properties[PROP_FILE] = g_param_spec_string ("file", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_TEXT] = g_param_spec_string ("line-text", NULL, NULL, "",
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] = g_param_spec_string ("column", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, "",
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_problem_item_init (TdProblemItem *self)
{
}

static TdProblemItem *
problem_item_new (const TdProblem *problem)
{
  TdProblemItem *self = g_object_new (TD_TYPE_PROBLEM_ITEM, NULL);

  self->file = problem->file != NULL ? g_path_get_basename (problem->file) : g_strdup ("");
  self->line = problem->line;
  self->column = g_strdup (problem->column_name != NULL ? problem->column_name : "");
  self->message = g_strdup (problem->message);
  return self;
}

const char *
td_problem_item_get_file (TdProblemItem *item)
{
  g_return_val_if_fail (TD_IS_PROBLEM_ITEM (item), NULL);
  return item->file;
}

guint
td_problem_item_get_line (TdProblemItem *item)
{
  g_return_val_if_fail (TD_IS_PROBLEM_ITEM (item), 0);
  return item->line;
}

const char *
td_problem_item_get_column (TdProblemItem *item)
{
  g_return_val_if_fail (TD_IS_PROBLEM_ITEM (item), NULL);
  return item->column;
}

const char *
td_problem_item_get_message (TdProblemItem *item)
{
  g_return_val_if_fail (TD_IS_PROBLEM_ITEM (item), NULL);
  return item->message;
}

gboolean
td_problem_item_matches (TdProblemItem *item,
                         const char    *casefolded_words)
{
  g_autofree char *text = NULL, *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (TD_IS_PROBLEM_ITEM (item), FALSE);

  if (casefolded_words == NULL || casefolded_words[0] == '\0')
    return TRUE;
  /* "sales.csv:12" finds line 12 of sales.csv, as the CLI writes it. */
  text = g_strdup_printf ("%s:%u:%s %s", item->file, item->line, item->column, item->message);
  folded = g_utf8_casefold (text, -1);
  words = g_strsplit (casefolded_words, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* ---- the list --------------------------------------------------------- */

struct _TdProblemList
{
  GObject          parent_instance;

  TdImportPreview *preview;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdProblemList, td_problem_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
td_problem_list_get_item_type (GListModel *model)
{
  return TD_TYPE_PROBLEM_ITEM;
}

static guint
td_problem_list_get_n_items (GListModel *model)
{
  TdProblemList *self = TD_PROBLEM_LIST (model);

  return self->preview != NULL ? td_problems_get_n (self->preview->problems) : 0;
}

static gpointer
td_problem_list_get_item (GListModel *model,
                          guint       position)
{
  TdProblemList *self = TD_PROBLEM_LIST (model);

  if (position >= td_problem_list_get_n_items (model))
    return NULL;
  return problem_item_new (td_problems_get (self->preview->problems, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = td_problem_list_get_item_type;
  iface->get_n_items = td_problem_list_get_n_items;
  iface->get_item = td_problem_list_get_item;
}

static void
td_problem_list_finalize (GObject *object)
{
  TdProblemList *self = TD_PROBLEM_LIST (object);

  g_clear_pointer (&self->preview, td_import_preview_unref);
  G_OBJECT_CLASS (td_problem_list_parent_class)->finalize (object);
}

static void
td_problem_list_class_init (TdProblemListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_problem_list_finalize;
}

static void
td_problem_list_init (TdProblemList *self)
{
}

TdProblemList *
td_problem_list_new (TdImportPreview *preview)
{
  TdProblemList *self = g_object_new (TD_TYPE_PROBLEM_LIST, NULL);

  self->preview = preview != NULL ? td_import_preview_ref (preview) : NULL;
  return self;
}
