/* td-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "td-application.h"
#include "td-screenshot.h"
#include "td-workspace-window.h"

#define MAX_RECENT_WORKSPACES 10

struct _TdApplication
{
  AdwApplication parent_instance;

  GSettings *settings;

  /* --screenshot mode: render one page to a PNG file and quit. */
  char      *screenshot_path;
  char      *screenshot_program;
  char      *screenshot_page;
  char      *color_scheme;
  char      *window_size;
  int        screenshot_baseline;
};

G_DEFINE_FINAL_TYPE (TdApplication, td_application, ADW_TYPE_APPLICATION)

TdApplication *
td_application_new (void)
{
  return g_object_new (TD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/tierdesk/Tierdesk",
                       NULL);
}

GSettings *
td_application_get_settings (TdApplication *application)
{
  g_return_val_if_fail (TD_IS_APPLICATION (application), NULL);
  return application->settings;
}

char *
td_application_get_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tierdesk", "demo.tierdesk", NULL);
}

void
td_application_remember_workspace (TdApplication *application,
                                   const char    *path)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint kept = 1;

  g_return_if_fail (TD_IS_APPLICATION (application));
  if (application->settings == NULL || application->screenshot_path != NULL)
    return;
  g_settings_set_string (application->settings, "last-workspace", path);
  recent = g_settings_get_strv (application->settings, "recent-workspaces");
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && kept < MAX_RECENT_WORKSPACES; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        kept++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (application->settings, "recent-workspaces", (const char *const *) updated);
}

/* The workspace to open when none is named: the last one if it is still
 * there, else the demo (made on first start). */
static char *
default_workspace (TdApplication *self)
{
  if (self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-workspace");

      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&last);
    }
  return td_application_get_demo_path ();
}

static void
screenshot_taken_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TdApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_screenshot_save_finish (result, &error))
    {
      /* A failed screenshot must fail the script that asked for it. */
      g_printerr ("tierdesk: %s\n", error->message);
      exit (1);
    }
  g_application_quit (G_APPLICATION (self));
}

/* The screenshot waits for the pages' figures. */
static void
simulation_busy_cb (TdSimulation      *simulation,
                    GParamSpec        *pspec,
                    TdWorkspaceWindow *window)
{
  TdApplication *self = g_object_get_data (G_OBJECT (window), "td-application");

  if (td_workspace_window_is_busy (window))
    return;
  g_signal_handlers_disconnect_by_func (simulation, simulation_busy_cb, window);
  td_screenshot_save_async (GTK_WIDGET (window), self->screenshot_path, NULL, screenshot_taken_cb, self);
}

static void
window_ready_cb (TdWorkspaceWindow *window,
                 gpointer  user_data)
{
  TdApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->screenshot_program != NULL
      && !td_workspace_window_select_program (window, self->screenshot_program, &error))
    {
      g_printerr ("tierdesk: %s\n", error->message);
      exit (1);
    }
  if (self->screenshot_baseline > 0)
    td_workspace_window_set_baseline (window, (guint) self->screenshot_baseline);
  if (self->screenshot_page != NULL
      && !td_workspace_window_set_page (window, self->screenshot_page, &error))
    {
      g_printerr ("tierdesk: %s\n", error->message);
      exit (1);
    }
  if (td_workspace_window_is_busy (window))
    {
      g_object_set_data (G_OBJECT (window), "td-application", self);
      g_signal_connect_object (td_workspace_window_get_simulation (window), "notify::busy",
                               G_CALLBACK (simulation_busy_cb), window, 0);
      return;
    }
  td_screenshot_save_async (GTK_WIDGET (window), self->screenshot_path, NULL, screenshot_taken_cb, self);
}

static TdWorkspaceWindow *
new_window (TdApplication *self)
{
  TdWorkspaceWindow *window = td_workspace_window_new (self);

  if (self->window_size != NULL)
    {
      int width = 0, height = 0;

      if (sscanf (self->window_size, "%dx%d", &width, &height) == 2 && width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (window), width, height);
    }
  if (self->screenshot_path != NULL)
    g_signal_connect_object (window, "ready", G_CALLBACK (window_ready_cb), self, 0);
  return window;
}

static void
td_application_activate (GApplication *application)
{
  TdApplication *self = TD_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = default_workspace (self);
  window = GTK_WINDOW (new_window (self));
  gtk_window_present (window);
  td_workspace_window_open_workspace (TD_WORKSPACE_WINDOW (window), path);
}

static void
td_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  TdApplication *self = TD_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      TdWorkspaceWindow *window = new_window (self);

      gtk_window_present (GTK_WINDOW (window));
      if (path != NULL)
        td_workspace_window_open_workspace (window, path);
    }
}

static int
td_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  TdApplication *self = TD_APPLICATION (application);

  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path);
  g_variant_dict_lookup (options, "program", "s", &self->screenshot_program);
  g_variant_dict_lookup (options, "page", "s", &self->screenshot_page);
  g_variant_dict_lookup (options, "color-scheme", "s", &self->color_scheme);
  g_variant_dict_lookup (options, "size", "s", &self->window_size);
  g_variant_dict_lookup (options, "baseline", "i", &self->screenshot_baseline);

  if (self->color_scheme != NULL && g_strcmp0 (self->color_scheme, "light") != 0
      && g_strcmp0 (self->color_scheme, "dark") != 0)
    {
      g_printerr (_("tierdesk: --color-scheme must be light or dark, not “%s”\n"), self->color_scheme);
      return 2;
    }
  if (self->screenshot_path != NULL)
    {
      /* A screenshot is made by this process alone, whatever instance of
       * the app is running, and without touching the user's settings. */
      g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }
  else if (self->screenshot_program != NULL || self->screenshot_page != NULL || self->screenshot_baseline != 0)
    {
      g_printerr (_("tierdesk: --program, --page and --baseline go with --screenshot\n"));
      return 2;
    }
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its unsaved edits as it closes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Tierdesk developers"), NULL };

  adw_show_about_window (window,
                         "application-name", _("Tierdesk"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Design partner incentive programs and see what they would have paid"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* TRANSLATORS: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
};

static void
td_application_startup (GApplication *application)
{
  TdApplication *self = TD_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *const quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (td_application_parent_class)->startup (application);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_message ("GSettings schema %s not found: window state and recent workspaces are not kept", APP_ID);

  if (self->color_scheme != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        g_str_equal (self->color_scheme, "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static void
td_application_finalize (GObject *object)
{
  TdApplication *self = TD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->screenshot_path);
  g_free (self->screenshot_program);
  g_free (self->screenshot_page);
  g_free (self->color_scheme);
  g_free (self->window_size);
  G_OBJECT_CLASS (td_application_parent_class)->finalize (object);
}

static void
td_application_class_init (TdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = td_application_finalize;
  application_class->startup = td_application_startup;
  application_class->activate = td_application_activate;
  application_class->open = td_application_open;
  application_class->handle_local_options = td_application_handle_local_options;
}

static void
td_application_init (TdApplication *self)
{
  const GOptionEntry options[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Render the window to a PNG file and quit"), N_("FILE") },
    { "program", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --screenshot: the program to show"), N_("ID") },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --screenshot: the page to show (design, simulate, compare, history)"), N_("PAGE") },
    { "color-scheme", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the light or dark style whatever the system's"), N_("light|dark") },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The window's size"), N_("WIDTHxHEIGHT") },
    { "baseline", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("With --screenshot: the version the Compare page compares with"), N_("N") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[WORKSPACE…]"));
}
