/* td-demo-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "td-demo-workspace.h"
#include "td-examples-resources.h"
#include "td-program-reader.h"
#include "td-workspace-data.h"

#define EXAMPLES_PREFIX "/org/tierdesk/Tierdesk/examples/"

/* The demo history. A program's earlier version is the shipped example
 * without one of its later additions, so that the History page and
 * `tierdesk-cli diff` have a real change to show: a promotion added, tier
 * overrides agreed. The shipped file is always the latest version. */
typedef enum
{
  WITHOUT_NOTHING,
  WITHOUT_RULE,         /* the rule named by `what` */
  WITHOUT_OVERRIDES,
} Omission;

typedef struct
{
  const char *program;
  const char *saved_at;
  Omission    omission;
  const char *what;
  const char *note;
} DemoVersion;

static const DemoVersion demo_versions[] = {
  { "smart-soft", "2024-12-02T09:00:00Z", WITHOUT_RULE, "ting-spring-2025",
    N_("Programme as published in the Smart-Soft partner guide") },
  { "snom", "2025-01-13T10:15:00Z", WITHOUT_RULE, "dect-autumn-2025",
    N_("Programme for 2025 as announced to partners") },
  { "kaspersky", "2025-01-20T08:45:00Z", WITHOUT_OVERRIDES, NULL,
    N_("Programme for 2025 as published") },
  { "microsoft-pai", "2025-01-06T11:00:00Z", WITHOUT_NOTHING, NULL,
    N_("New customer incentive as published") },
  { "s-mart", "2025-01-06T11:30:00Z", WITHOUT_NOTHING, NULL,
    N_("Programme for 2025 as published") },
  { "smart-soft", "2025-02-17T14:30:00Z", WITHOUT_NOTHING, NULL,
    /* xgettext:no-c-format */
    N_("Spring TING promotion added: an extra 5 % of list price, March to May") },
  { "kaspersky", "2025-04-07T16:00:00Z", WITHOUT_NOTHING, NULL,
    N_("Tier overrides agreed for five partners") },
  { "snom", "2025-08-25T09:30:00Z", WITHOUT_NOTHING, NULL,
    N_("DECT autumn promotion added for October to December") },
};

TdProgram *
td_demo_example_load (const char *id)
{
  g_autofree char *path = g_strconcat (EXAMPLES_PREFIX, id, ".json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TdProblems) problems = td_problems_new ();
  g_autoptr(TdProgram) program = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (id != NULL, NULL);

  bytes = g_resource_lookup_data (td_examples_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  program = td_program_read_data (data, length, problems);
  /* The examples are checked by the test suite; a broken one is a bug. */
  g_return_val_if_fail (program != NULL && td_problems_count (problems, TD_SEVERITY_ERROR) == 0, NULL);
  return g_steal_pointer (&program);
}

static void
omit (TdProgram         *program,
      const DemoVersion *version)
{
  switch (version->omission)
    {
    case WITHOUT_NOTHING:
      break;
    case WITHOUT_RULE:
      for (guint i = 0; i < program->rules->len; i++)
        if (strcmp (((TdRule *) program->rules->pdata[i])->id, version->what) == 0)
          {
            g_ptr_array_remove_index (program->rules, i);
            return;
          }
      g_assert_not_reached ();
    case WITHOUT_OVERRIDES:
      g_ptr_array_set_size (program->overrides, 0);
      break;
    }
}

static gboolean
save_versions (TdWorkspace *workspace,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_versions); i++)
    {
      const DemoVersion *version = &demo_versions[i];
      g_autoptr(TdProgram) program = td_demo_example_load (version->program);
      g_autoptr(GDateTime) saved_at = g_date_time_new_from_iso8601 (version->saved_at, NULL);

      g_assert (program != NULL && saved_at != NULL);
      omit (program, version);
      td_workspace_set_now (workspace, saved_at);
      if (!td_workspace_save_version (workspace, program, _(version->note), NULL, error))
        return FALSE;
    }
  td_workspace_set_now (workspace, NULL);
  return TRUE;
}

typedef struct
{
  TdDemoProgressFunc progress;
  gpointer           user_data;
  double             start;
  double             span;
} Stage;

static void
stage_progress (double   fraction,
                gpointer user_data)
{
  const Stage *stage = user_data;

  if (stage->progress != NULL)
    stage->progress (stage->start + fraction * stage->span, stage->user_data);
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

gboolean
td_demo_workspace_create (const char          *path,
                          const TdDemoOptions *options,
                          TdDemoProgressFunc   progress,
                          gpointer             user_data,
                          GCancellable        *cancellable,
                          GError             **error)
{
  TdDemoOptions defaults;
  g_autoptr(TdWorkspace) workspace = NULL;
  g_autofree char *data_dir = NULL;
  /* Writing the CSV files is fast; reading and storing them is most of
   * the work. */
  Stage writing = { progress, user_data, 0.0, 0.25 };
  Stage importing = { progress, user_data, 0.25, 0.70 };
  TdLoadOptions load_options = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      td_demo_options_init (&defaults);
      options = &defaults;
    }
  workspace = td_workspace_create (path, error);
  if (workspace == NULL)
    return FALSE;

  data_dir = g_dir_make_tmp ("tierdesk-demo-XXXXXX", error);
  if (data_dir == NULL)
    goto out;
  if (!td_demo_data_write (data_dir, options, stage_progress, &writing, cancellable, error))
    goto out;
  load_options.progress = stage_progress;
  load_options.progress_data = &importing;
  load_options.cancellable = cancellable;
  if (!td_workspace_import_dir (workspace, data_dir, &load_options, NULL, NULL, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !save_versions (workspace, error))
    goto out;
  if (progress != NULL)
    progress (1.0, user_data);
  ok = TRUE;

out:
  if (data_dir != NULL)
    remove_folder (data_dir);
  g_clear_pointer (&workspace, td_workspace_close);
  /* td_workspace_create made the file: nobody else's work is lost. */
  if (!ok)
    g_unlink (path);
  return ok;
}
