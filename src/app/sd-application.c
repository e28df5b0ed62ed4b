/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: one instance, one shop database, one main window. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-application.h"
#include "sd-pricing.h"
#include "sd-window.h"

struct _SdApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  SdStore        *store;
  GError         *open_error;
  guint           expiry_source;   /* hourly: water tickets that ran out while open */
};

G_DEFINE_FINAL_TYPE (SdApplication, sd_application, ADW_TYPE_APPLICATION)

/* Water tickets whose plan's validity ran out: when the shop opens, then every hour for a
 * counter PC that stays on for days. */
static void
expire_tickets (SdApplication *self)
{
  g_autoptr(GError) error = NULL;
  gint64 expired = 0;

  if (self->store == NULL)
    return;
  if (!sd_store_expire_tickets (self->store, "", &expired, &error))
    g_warning ("Could not expire water tickets: %s", error->message);
  else if (expired > 0)
    g_message ("%" G_GINT64_FORMAT " water tickets expired", expired);
}

static gboolean
on_expiry_tick (gpointer data)
{
  expire_tickets (SD_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

static void
open_store (SdApplication *self)
{
  g_autofree char *path = NULL;

  if (self->store != NULL || self->open_error != NULL)
    return;

  path = self->database_path ? g_strdup (self->database_path) : sd_store_default_path ();
  self->store = sd_store_open (path, &self->open_error);
  if (self->store == NULL)
    {
      g_warning ("%s", self->open_error->message);
      return;
    }

  expire_tickets (self);
  if (self->expiry_source == 0)
    self->expiry_source = g_timeout_add_seconds (3600, on_expiry_tick, self);
}

static void
sd_application_activate (GApplication *app)
{
  SdApplication *self = SD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      open_store (self);
      window = GTK_WINDOW (sd_window_new (self));
    }
  gtk_window_present (window);
}

static int
sd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SdApplication *self = SD_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("songda %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && *database)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);
      g_free (self->database_path);
      self->database_path = g_file_get_path (file);
    }
  return -1;
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Songda developers"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Songda"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("Orders, customers, balances and delivery routes "
                                          "for small delivery shops"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Close windows so they save their state; the app quits with the last one. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", on_about },
  { "quit", on_quit },
};

static void
sd_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (sd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
sd_application_finalize (GObject *object)
{
  SdApplication *self = (SdApplication *) object;

  g_clear_handle_id (&self->expiry_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_error (&self->open_error);
  g_free (self->database_path);

  G_OBJECT_CLASS (sd_application_parent_class)->finalize (object);
}

static void
sd_application_class_init (SdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sd_application_finalize;
  app_class->activate = sd_application_activate;
  app_class->startup = sd_application_startup;
  app_class->handle_local_options = sd_application_handle_local_options;
}

static void
sd_application_init (SdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this shop database instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

SdApplication *
sd_application_new (GApplicationFlags flags)
{
  return g_object_new (SD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/songda/Songda",
                       NULL);
}

SdStore *
sd_application_get_store (SdApplication *self)
{
  g_return_val_if_fail (SD_IS_APPLICATION (self), NULL);
  open_store (self);
  return self->store;
}

const GError *
sd_application_get_open_error (SdApplication *self)
{
  g_return_val_if_fail (SD_IS_APPLICATION (self), NULL);
  return self->open_error;
}

GtkWindow *
sd_application_restore (SdApplication  *self,
                        SdRestore      *restore,
                        char          **out_safety_path,
                        GError        **error)
{
  GList *windows;
  GtkWindow *window;

  g_return_val_if_fail (SD_IS_APPLICATION (self), NULL);

  if (self->database_path == NULL)
    self->database_path = sd_store_default_path ();

  /* Everything holding the shop goes with the windows; then the file can be replaced
   * (on Windows an open file cannot). */
  g_application_hold (G_APPLICATION (self));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  if (self->store != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
      g_object_unref (self->store);
      if (self->store != NULL)
        {
          g_warning ("The shop is still in use after its windows closed; it stays open");
          g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
          self->store = NULL;
        }
    }
  g_clear_error (&self->open_error);

  sd_restore_commit (restore, out_safety_path, error);

  open_store (self);
  window = GTK_WINDOW (sd_window_new (self));
  gtk_window_present (window);
  g_application_release (G_APPLICATION (self));
  return window;
}

void
sd_application_set_database (SdApplication *self,
                             const char    *path)
{
  g_return_if_fail (SD_IS_APPLICATION (self));
  g_return_if_fail (self->store == NULL);
  g_free (self->database_path);
  self->database_path = g_strdup (path);
}
