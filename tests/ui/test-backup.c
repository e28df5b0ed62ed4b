/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Back Up and Restore from the main window: the backup file holds the shop; restoring asks
 * first, showing what the backup holds and the integrity check's result, then replaces
 * the shop and reopens the window on it; a file that is no backup is refused with a
 * message and nothing changes. */
#include "config.h"

#include "ui-test-util.h"

#include <glib/gi18n.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-customer-list.h"
#include "sd-customer-store.h"
#include "sd-customer-view.h"
#include "sd-window.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;

static gint64
n_customers (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomerList) list = sd_customer_list_new (store);

  g_assert_true (sd_customer_list_reload (list, &error));
  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The message dialog presented over `parent`, if any. */
static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_backup_and_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (tmp_dir, "backup.db", NULL);
  g_autofree char *not_backup = g_build_filename (tmp_dir, "customers.csv", NULL);
  g_autofree char *count_text = NULL;
  g_autofree char *safety = g_strconcat (db_path, ".before-restore.bak", NULL);
  g_autoptr(SdCustomer) extra = sd_customer_new ();
  GtkWindow *window = GTK_WINDOW (sd_window_new (app));
  GtkWindow *question;
  GtkWindow *restored;
  AdwMessageDialog *refusal;
  SdStore *store = sd_application_get_store (app);
  gint64 before;

  gtk_window_present (window);
  g_assert_true (wait_for (window_mapped, window, 5000));
  before = n_customers (store);
  g_assert_cmpint (before, >, 0);

  /* the backup */
  g_assert_true (sd_window_backup_to (SD_WINDOW (window), backup));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* the shop moves on */
  sd_customer_set_name (extra, "备份之后的客户");
  sd_customer_add_phone (extra, "13912345678", "");
  sd_customer_add_address (extra, sd_address_new ("杭州市西湖区文三路90号"));
  sd_store_save_customer (store, extra, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_customers (store), ==, before + 1);

  /* a file that is no backup: a message, nothing changes */
  g_assert_true (g_file_set_contents (not_backup, "姓名,电话\n张三,13800000000\n", -1, NULL));
  g_assert_null (sd_window_restore_from (SD_WINDOW (window), not_backup));
  refusal = find_dialog (window);
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (refusal), "customers.csv"));
  g_assert_cmpstr (adw_message_dialog_get_heading (refusal), ==, _("Cannot Restore This Backup"));
  adw_message_dialog_response (refusal, "close");
  spin (100);
  g_assert_cmpint (n_customers (store), ==, before + 1);

  /* the question says what the backup holds and what the check found */
  question = sd_window_restore_from (SD_WINDOW (window), backup);
  g_assert_nonnull (question);
  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, before);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)), count_text));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)),
                            _("The integrity check found no problems in the backup.")));
  spin (300);
  save_screenshot (GTK_WIDGET (question), "restore-question");

  /* agreeing replaces the shop and the window */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "restore");
  spin (200);
  g_assert_null (window);
  restored = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (restored);
  g_assert_true (SD_IS_WINDOW (restored));
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_cmpint (n_customers (store), ==, before);
  g_assert_true (g_file_test (safety, G_FILE_TEST_IS_REGULAR));
  g_assert_true (wait_for (window_mapped, restored, 5000));
  {
    SdCustomerView *view = SD_CUSTOMER_VIEW (sd_window_get_customer_view (SD_WINDOW (restored)));
    GListModel *shown = G_LIST_MODEL (sd_customer_view_get_list (view));
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, before);
  }
  spin (300);
  save_screenshot (GTK_WIDGET (restored), "restored");
  gtk_window_destroy (restored);
}

int
main (int argc, char **argv)
{
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("backup", g_get_real_time () / G_USEC_PER_SEC, &tmp_dir, &db_path);
  g_test_add_func ("/backup/backup-and-restore", test_backup_and_restore);
  status = g_test_run ();

  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
