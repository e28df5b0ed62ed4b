/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Follow-ups (跟进记录) under Xvfb: the due list against the store, logging one through the
 * dialog, closing one, and a customer's history; screenshots in both languages. */
#include "config.h"

#include "ui-test-util.h"

#include <stdio.h>
#include <glib/gstdio.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-customer-list.h"
#include "sd-date.h"
#include "sd-demo.h"
#include "sd-due-view.h"
#include "sd-follow-up-dialog.h"
#include "sd-follow-up-list.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdStore *store;
static GtkWindow *window;
static SdDueView *due_view;
static char *today;
/* customers given follow-ups of our own: one due three days ago, one due today */
static gint64 overdue_customer;
static gint64 today_customer;






static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* The first button under `root` whose action is `action`. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_action_button (child, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GPtrArray *
due_in_store (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *due = sd_store_list_due_follow_ups (store, today, &error);

  g_assert_no_error (error);
  return due;
}

static GPtrArray *
history (gint64 customer_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = sd_store_list_follow_ups (store, customer_id, &error);

  g_assert_no_error (error);
  return list;
}

static int
due_index_of_customer (gint64 customer_id)
{
  for (guint i = 0; i < sd_due_view_get_n_due (due_view); i++)
    if (sd_due_view_get_follow_up (due_view, i)->customer_id == customer_id)
      return (int) i;
  return -1;
}

/* The view shows exactly the store's due list, in its order, row by row. */
static void
assert_view_matches_store (void)
{
  g_autoptr(GPtrArray) due = due_in_store ();

  g_assert_cmpuint (sd_due_view_get_n_due (due_view), ==, due->len);
  g_assert_cmpstr (sd_due_view_get_page_name (due_view), ==, due->len ? "list" : "empty");
  for (guint i = 0; i < due->len; i++)
    {
      SdFollowUp *expected = g_ptr_array_index (due, i);
      g_autofree char *phone = *expected->customer_phone ? sd_phone_format (expected->customer_phone)
                                                         : g_strdup ("");

      g_assert_cmpint (sd_due_view_get_follow_up (due_view, i)->id, ==, expected->id);
      g_assert_cmpstr (sd_due_view_get_row_label (due_view, i, "name"), ==, expected->customer_name);
      g_assert_cmpstr (sd_due_view_get_row_label (due_view, i, "text"), ==, expected->text);
      g_assert_cmpstr (sd_due_view_get_row_label (due_view, i, "phone"), ==, phone);
    }
  g_assert_null (sd_due_view_get_row (due_view, due->len));
}

static void
test_due_view_matches_store (void)
{
  int overdue_index, today_index;
  GtkWidget *label;

  g_assert_true (wait_for (widget_drawn, due_view, 5000));
  assert_view_matches_store ();
  g_assert_cmpuint (sd_due_view_get_n_due (due_view), >=, 2);

  /* three days overdue, in red; due today, not red */
  overdue_index = due_index_of_customer (overdue_customer);
  today_index = due_index_of_customer (today_customer);
  g_assert_cmpint (overdue_index, >=, 0);
  g_assert_cmpint (today_index, >=, 0);
  g_assert_cmpint (overdue_index, <, today_index);   /* oldest first */
  g_assert_nonnull (strstr (sd_due_view_get_row_label (due_view, overdue_index, "due"), "3"));
  label = g_object_get_data (G_OBJECT (sd_due_view_get_row (due_view, overdue_index)), "due");
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  label = g_object_get_data (G_OBJECT (sd_due_view_get_row (due_view, today_index)), "due");
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  g_assert_cmpstr (sd_due_view_get_row_label (due_view, today_index, "due"), !=,
                   sd_due_view_get_row_label (due_view, overdue_index, "due"));
  if (!is_chinese ())
    {
      g_assert_cmpstr (sd_due_view_get_row_label (due_view, overdue_index, "due"), ==,
                       "3 days overdue");
      g_assert_cmpstr (sd_due_view_get_row_label (due_view, today_index, "due"), ==, "Due today");
    }

  /* each row has its two buttons */
  g_assert_nonnull (find_action_button (sd_due_view_get_row (due_view, 0), "due.done"));
  g_assert_nonnull (find_action_button (sd_due_view_get_row (due_view, 0), "due.log"));
  save_screenshot (GTK_WIDGET (window), "due-view");
}

static void
on_open_customer (SdDueView *view,
                  gint64     customer_id,
                  gint64    *out)
{
  *out = customer_id;
}

static void
test_activate_opens_customer (void)
{
  gint64 opened = 0;
  gulong handler = g_signal_connect (due_view, "open-customer", G_CALLBACK (on_open_customer),
                                     &opened);
  int index = due_index_of_customer (today_customer);

  g_assert_cmpint (index, >=, 0);
  g_signal_emit_by_name (sd_due_view_get_row (due_view, index), "activate");
  spin (50);
  g_assert_cmpint (opened, ==, today_customer);
  g_signal_handler_disconnect (due_view, handler);
}

static void
on_saved (SdFollowUpDialog *dialog,
          gint64            customer_id,
          gint64           *out)
{
  *out = customer_id;
}

static void
test_log_through_dialog (void)
{
  g_autoptr(GPtrArray) before = history (overdue_customer);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *tomorrow = sd_date_add_days (today, 1);
  g_autofree char *next_week = sd_date_add_days (today, 7);
  g_autofree char *typed = NULL;
  SdFollowUpDialog *dialog;
  SdFollowUp *newest;
  gint64 saved = 0;
  gboolean had_open = FALSE;
  int index = due_index_of_customer (overdue_customer);
  guint y, m, d;

  g_assert_cmpint (index, >=, 0);
  for (guint i = 0; i < before->len; i++)
    had_open |= !((SdFollowUp *) g_ptr_array_index (before, i))->done;
  g_assert_true (had_open);

  /* the row's Log button opens the dialog for that customer */
  click (find_action_button (sd_due_view_get_row (due_view, index), "due.log"));
  spin (200);
  dialog = SD_FOLLOW_UP_DIALOG (sd_due_view_get_dialog (due_view));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (sd_follow_up_dialog_get_customer_id (dialog), ==, overdue_customer);
  g_assert_cmpstr (sd_follow_up_dialog_get_error (dialog), ==, "");

  /* nothing written: refused, shown, not stored */
  sd_follow_up_dialog_set_text (dialog, "   \n ");
  g_assert_false (sd_follow_up_dialog_save (dialog));
  g_assert_cmpstr (sd_follow_up_dialog_get_error (dialog), !=, "");
  {
    g_autoptr(GPtrArray) now = history (overdue_customer);
    g_assert_cmpuint (now->len, ==, before->len);
  }
  save_screenshot (GTK_WIDGET (dialog), "follow-up-dialog-error");

  /* a next date the core cannot read: refused, naming it */
  sd_follow_up_dialog_set_text (dialog, "上门换了新桶，约好下周再送两桶");
  sd_follow_up_dialog_set_next_date (dialog, "下下周");
  g_assert_false (sd_follow_up_dialog_save (dialog));
  g_assert_nonnull (strstr (sd_follow_up_dialog_get_error (dialog), "下下周"));
  {
    g_autoptr(GPtrArray) now = history (overdue_customer);
    g_assert_cmpuint (now->len, ==, before->len);
  }

  /* the quick buttons */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "follow-up.next-week", NULL);
  g_assert_cmpstr (sd_follow_up_dialog_get_next_date (dialog), ==, next_week);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "follow-up.no-next", NULL);
  g_assert_cmpstr (sd_follow_up_dialog_get_next_date (dialog), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "follow-up.tomorrow", NULL);
  g_assert_cmpstr (sd_follow_up_dialog_get_next_date (dialog), ==, tomorrow);

  /* tomorrow, written the way people write it: 2025/3/9 */
  g_assert_cmpint (sscanf (tomorrow, "%u-%u-%u", &y, &m, &d), ==, 3);
  typed = g_strdup_printf ("%u/%u/%u", y, m, d);
  sd_follow_up_dialog_set_kind (dialog, SD_FOLLOW_UP_VISIT);
  sd_follow_up_dialog_set_who (dialog, "小陈");
  sd_follow_up_dialog_set_next_date (dialog, typed);
  save_screenshot (GTK_WIDGET (dialog), "follow-up-dialog");

  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), &saved);
  g_assert_true (sd_follow_up_dialog_save (dialog));
  spin (200);
  g_assert_cmpint (saved, ==, overdue_customer);
  g_assert_null (sd_due_view_get_dialog (due_view));

  /* stored as the newest, and the earlier open one is closed */
  after = history (overdue_customer);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  newest = g_ptr_array_index (after, 0);
  g_assert_cmpstr (newest->text, ==, "上门换了新桶，约好下周再送两桶");
  g_assert_cmpint (newest->kind, ==, SD_FOLLOW_UP_VISIT);
  g_assert_cmpstr (newest->who, ==, "小陈");
  g_assert_cmpstr (newest->next_date, ==, tomorrow);
  g_assert_false (newest->done);
  for (guint i = 1; i < after->len; i++)
    g_assert_true (((SdFollowUp *) g_ptr_array_index (after, i))->done);

  /* due tomorrow, so no longer due today */
  assert_view_matches_store ();
  g_assert_cmpint (due_index_of_customer (overdue_customer), ==, -1);

  /* the next dialog remembers who logged */
  click (find_action_button (sd_due_view_get_row (due_view, 0), "due.log"));
  spin (100);
  dialog = SD_FOLLOW_UP_DIALOG (sd_due_view_get_dialog (due_view));
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  spin (100);
  g_assert_null (sd_due_view_get_dialog (due_view));
}

static void
test_mark_done (void)
{
  guint n = sd_due_view_get_n_due (due_view);
  const SdFollowUp *first = sd_due_view_get_follow_up (due_view, 0);
  gint64 id = first->id, customer_id = first->customer_id;
  g_autoptr(GPtrArray) list = NULL;
  gboolean found = FALSE;

  g_assert_cmpuint (n, >, 0);
  click (find_action_button (sd_due_view_get_row (due_view, 0), "due.done"));
  spin (100);

  g_assert_cmpuint (sd_due_view_get_n_due (due_view), ==, n - 1);
  assert_view_matches_store ();
  list = history (customer_id);
  for (guint i = 0; i < list->len; i++)
    {
      SdFollowUp *f = g_ptr_array_index (list, i);
      if (f->id == id)
        {
          found = TRUE;
          g_assert_true (f->done);
        }
    }
  g_assert_true (found);

  /* two closed in a row: one toast, about the second, whose Undo opens it again */
  if (sd_due_view_get_n_due (due_view) >= 2)
    {
      const SdFollowUp *a = sd_due_view_get_follow_up (due_view, 0);
      const SdFollowUp *b = sd_due_view_get_follow_up (due_view, 1);
      gint64 second = b->id;
      g_autofree char *name = g_strdup (b->customer_name);
      AdwToast *toast;

      n = sd_due_view_get_n_due (due_view);
      gtk_widget_activate_action (GTK_WIDGET (due_view), "due.done", "x", a->id);
      gtk_widget_activate_action (GTK_WIDGET (due_view), "due.done", "x", second);
      g_assert_cmpuint (sd_due_view_get_n_due (due_view), ==, n - 2);
      toast = sd_due_view_get_toast (due_view);
      g_assert_nonnull (toast);
      g_assert_nonnull (strstr (adw_toast_get_title (toast), name));
      g_signal_emit_by_name (toast, "button-clicked");
      spin (100);
      g_assert_cmpuint (sd_due_view_get_n_due (due_view), ==, n - 1);
      found = FALSE;
      for (guint i = 0; i < sd_due_view_get_n_due (due_view); i++)
        found = found || sd_due_view_get_follow_up (due_view, i)->id == second;
      g_assert_true (found);
    }
}

static void
test_history_list (void)
{
  g_autoptr(SdCustomerList) customers = sd_customer_list_new (store);
  GArray *ids = sd_customer_list_get_ids (customers);   /* owned by the list */
  g_autoptr(GPtrArray) expected = history (overdue_customer);
  GtkWidget *list = sd_follow_up_list_new ();
  GtkWidget *history_window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  gint64 without = 0;

  gtk_widget_set_margin_top (list, 24);
  gtk_widget_set_margin_bottom (list, 24);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_window_set_child (GTK_WINDOW (history_window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (history_window), 640, 560);
  gtk_window_set_transient_for (GTK_WINDOW (history_window), window);

  /* nobody yet: empty, with a placeholder */
  g_assert_cmpuint (sd_follow_up_list_get_n_entries (SD_FOLLOW_UP_LIST (list)), ==, 0);

  /* the customer logged above: every entry, newest first */
  g_assert_cmpuint (expected->len, >=, 2);
  sd_follow_up_list_set_customer (SD_FOLLOW_UP_LIST (list), store, overdue_customer);
  g_assert_cmpuint (sd_follow_up_list_get_n_entries (SD_FOLLOW_UP_LIST (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (sd_follow_up_list_get_entry_text (SD_FOLLOW_UP_LIST (list), i), ==,
                     ((SdFollowUp *) g_ptr_array_index (expected, i))->text);
  g_assert_null (sd_follow_up_list_get_entry_text (SD_FOLLOW_UP_LIST (list), expected->len));

  gtk_window_present (GTK_WINDOW (history_window));
  g_assert_true (wait_for (widget_drawn, list, 5000));
  save_screenshot (history_window, "follow-up-history");

  /* a customer due today: the newest entry is open and due */
  {
    g_autoptr(GPtrArray) due_list = history (today_customer);
    g_assert_false (((SdFollowUp *) g_ptr_array_index (due_list, 0))->done);
    sd_follow_up_list_set_customer (SD_FOLLOW_UP_LIST (list), store, today_customer);
    g_assert_cmpuint (sd_follow_up_list_get_n_entries (SD_FOLLOW_UP_LIST (list)), ==, due_list->len);
    g_assert_cmpstr (sd_follow_up_list_get_entry_text (SD_FOLLOW_UP_LIST (list), 0), ==,
                     "推荐鲜奶月卡，说考虑一下");
    save_screenshot (history_window, "follow-up-history-due");
  }

  /* a customer with none */
  for (guint i = 0; i < ids->len && without == 0; i++)
    {
      g_autoptr(GPtrArray) none = history (g_array_index (ids, gint64, i));
      if (none->len == 0)
        without = g_array_index (ids, gint64, i);
    }
  g_assert_cmpint (without, >, 0);
  sd_follow_up_list_set_customer (SD_FOLLOW_UP_LIST (list), store, without);
  g_assert_cmpuint (sd_follow_up_list_get_n_entries (SD_FOLLOW_UP_LIST (list)), ==, 0);
  save_screenshot (history_window, "follow-up-history-empty");

  /* a newly logged one shows after a reload */
  {
    g_autoptr(SdFollowUp) f = sd_follow_up_new (without, SD_FOLLOW_UP_CALL, "电话确认明早送");
    g_autoptr(GError) error = NULL;
    g_assert_true (sd_store_add_follow_up (store, f, &error));
    g_assert_no_error (error);
  }
  sd_follow_up_list_reload (SD_FOLLOW_UP_LIST (list));
  g_assert_cmpuint (sd_follow_up_list_get_n_entries (SD_FOLLOW_UP_LIST (list)), ==, 1);
  g_assert_cmpstr (sd_follow_up_list_get_entry_text (SD_FOLLOW_UP_LIST (list), 0), ==,
                   "电话确认明早送");

  gtk_window_destroy (GTK_WINDOW (history_window));
}

static void
on_n_due_notify (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_all_done_shows_status_page (void)
{
  guint notified = 0;
  gulong handler = g_signal_connect (due_view, "notify::n-due", G_CALLBACK (on_n_due_notify),
                                     &notified);

  while (sd_due_view_get_n_due (due_view) > 0)
    {
      guint n = sd_due_view_get_n_due (due_view);
      gtk_widget_activate_action (GTK_WIDGET (due_view), "due.done", "x",
                                  sd_due_view_get_follow_up (due_view, 0)->id);
      g_assert_cmpuint (sd_due_view_get_n_due (due_view), ==, n - 1);
    }
  g_assert_cmpuint (notified, >, 0);
  assert_view_matches_store ();
  g_assert_cmpstr (sd_due_view_get_page_name (due_view), ==, "empty");
  save_screenshot (GTK_WIDGET (window), "due-view-empty");
  g_signal_handler_disconnect (due_view, handler);
}

static gint64
add_due (gint64 customer_id, int days_from_today, const char *text)
{
  g_autoptr(SdFollowUp) f = sd_follow_up_new (customer_id, SD_FOLLOW_UP_CALL, text);
  g_autoptr(GError) error = NULL;

  f->at = g_get_real_time () / G_USEC_PER_SEC - 7 * 86400;
  g_free (f->who);
  f->who = g_strdup ("店长");
  g_free (f->next_date);
  f->next_date = sd_date_add_days (today, days_from_today);
  g_assert_true (sd_store_add_follow_up (store, f, &error));
  g_assert_no_error (error);
  return f->id;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("follow-ups", g_get_real_time () / G_USEC_PER_SEC, &tmp_dir, &db_path);
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  today = sd_date_today ();

  /* two customers due for certain, whatever the demo drew */
  {
    g_autoptr(SdCustomerList) customers = sd_customer_list_new (store);
    GArray *ids = sd_customer_list_get_ids (customers);   /* owned by the list */

    g_assert_cmpuint (ids->len, >=, 2);
    overdue_customer = g_array_index (ids, gint64, 0);
    today_customer = g_array_index (ids, gint64, 1);
    add_due (overdue_customer, -4, "反映上次送水晚了一个小时，已道歉");
    add_due (overdue_customer, -3, "打电话问下周要不要加一桶，说周末再定");
    add_due (today_customer, 0, "推荐鲜奶月卡，说考虑一下");
  }

  window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (window, 960, 680);
  overlay = adw_toast_overlay_new ();
  due_view = SD_DUE_VIEW (sd_due_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (due_view));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), overlay);
  sd_due_view_set_store (due_view, store);
  gtk_window_present (window);

  g_test_add_func ("/follow-ups/due-view-matches-store", test_due_view_matches_store);
  g_test_add_func ("/follow-ups/activate-opens-customer", test_activate_opens_customer);
  g_test_add_func ("/follow-ups/log-through-dialog", test_log_through_dialog);
  g_test_add_func ("/follow-ups/mark-done", test_mark_done);
  g_test_add_func ("/follow-ups/history-list", test_history_list);
  g_test_add_func ("/follow-ups/all-done-shows-status-page", test_all_done_shows_status_page);
  status = g_test_run ();

  gtk_window_destroy (window);
  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (today);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
