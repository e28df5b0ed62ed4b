/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Back Up and Restore in the main menu. Restoring shows what the backup holds and what the
 * integrity check found before the owner agrees to replace the current shop; the current
 * shop is kept as a safety copy. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-backup.h"
#include "sd-check.h"
#include "sd-window-private.h"

/* At most this many problems are listed in the confirmation. */
#define SHOWN_PROBLEMS 6

static SdStore *
window_store (SdWindow *self)
{
  return sd_application_get_store (SD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
show_error (SdWindow   *self,
            const char *heading,
            const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
sd_window_backup_to (SdWindow   *self,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SdStore *store = window_store (self);

  if (store == NULL)
    return FALSE;
  if (!sd_store_backup (store, path, &error))
    {
      show_error (self, _("Backup Failed"), error->message);
      return FALSE;
    }
  message = g_strdup_printf (_("Backed up to %s"), path);
  sd_window_show_toast (self, message);
  return TRUE;
}

static void
on_backup_response (GtkNativeDialog *chooser,
                    int              response,
                    SdWindow        *self)
{
  g_autofree char *path = sd_chooser_take_path (chooser, response);

  if (path != NULL)
    sd_window_backup_to (self, path);
}

static void
action_backup (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autofree char *name = sd_backup_suggest_name ();
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Back Up Shop"), GTK_WINDOW (widget),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     SdWindow         *self)
{
  SdRestore *restore = g_object_get_data (G_OBJECT (dialog), "sd-restore");
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *message = NULL;
  GtkWindow *window;

  if (!g_str_equal (response, "restore") || restore == NULL)
    return;

  /* The dialog and this window are about to go: keep what is needed. */
  g_object_ref (app);
  g_object_ref (dialog);
  window = sd_application_restore (SD_APPLICATION (app), restore, &safety, &error);
  if (error != NULL)
    show_error (SD_WINDOW (window), _("Restore Failed"), error->message);
  else
    {
      if (safety != NULL)
        message = g_strdup_printf (_("Restored from the backup; the data it replaced was kept in %s"),
                                   safety);
      else
        message = g_strdup (_("Restored from the backup"));
      sd_window_show_toast (SD_WINDOW (window), message);
    }
  g_object_unref (dialog);
  g_object_unref (app);
}

static char *
describe_restore (SdRestore *restore)
{
  GPtrArray *problems = sd_restore_get_problems (restore);
  const char *last = sd_restore_get_last_order_day (restore);
  GString *text = g_string_new (NULL);
  gint64 n_customers = sd_restore_get_n_customers (restore);
  gint64 n_orders = sd_restore_get_n_orders (restore);

  /* counts of a shop fit an int */
  g_string_append_printf (text, g_dngettext (NULL, "The backup holds %d customer",
                                             "The backup holds %d customers", n_customers),
                          (int) n_customers);
  g_string_append (text, _(", "));
  g_string_append_printf (text, g_dngettext (NULL, "%d order", "%d orders", n_orders),
                          (int) n_orders);
  if (last != NULL)
    g_string_append_printf (text, _(" (the latest for %s)"), last);
  g_string_append (text, _(". Everything in the shop now will be replaced by it; the current "
                           "data is kept as a safety copy beside the shop file."));
  g_string_append (text, "\n\n");
  if (problems->len == 0)
    g_string_append (text, _("The integrity check found no problems in the backup."));
  else
    {
      g_string_append_printf (text, g_dngettext (NULL, "The integrity check found %u problem in the backup:",
                                                 "The integrity check found %u problems in the backup:",
                                                 problems->len), problems->len);
      for (guint i = 0; i < problems->len && i < SHOWN_PROBLEMS; i++)
        {
          const SdProblem *p = g_ptr_array_index (problems, i);
          g_string_append_printf (text, "\n• %s", p->message);
        }
      if (problems->len > SHOWN_PROBLEMS)
        g_string_append_printf (text, g_dngettext (NULL, "\n… and %u more", "\n… and %u more",
                                                   problems->len - SHOWN_PROBLEMS),
                                problems->len - SHOWN_PROBLEMS);
    }
  return g_string_free (text, FALSE);
}

GtkWindow *
sd_window_restore_from (SdWindow   *self,
                        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  SdStore *store = window_store (self);
  SdRestore *restore;
  AdwMessageDialog *dialog;
  GPtrArray *problems;

  if (store == NULL)
    return NULL;
  restore = sd_restore_prepare (sd_store_get_path (store), path, &error);
  if (restore == NULL)
    {
      show_error (self, _("Cannot Restore This Backup"), error->message);
      return NULL;
    }

  body = describe_restore (restore);
  problems = sd_restore_get_problems (restore);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "restore", problems->len ? _("_Restore Anyway") : _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sd-restore", restore, (GDestroyNotify) sd_restore_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_restore_chosen (GtkNativeDialog *chooser,
                   int              response,
                   SdWindow        *self)
{
  g_autofree char *path = sd_chooser_take_path (chooser, response);

  if (path != NULL)
    sd_window_restore_from (self, path);
}

static void
action_restore (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (widget),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Songda backups"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "bak");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
sd_window_class_add_backup_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, action_backup);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, action_restore);
}
