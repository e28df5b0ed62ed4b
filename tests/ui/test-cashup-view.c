/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cash-up (日结) and what customers owe under Xvfb: every figure on a courier's card and
 * on the counter's against sd_store_cashup, every aging line against
 * sd_store_receivables_aging, moving between days; screenshots in both languages. */
#include "config.h"

#include "ui-test-util.h"

#include <glib/gstdio.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-cashup-view.h"
#include "sd-catalog.h"
#include "sd-date.h"
#include "sd-demo.h"
#include "sd-follow-up-list.h"
#include "sd-money.h"
#include "sd-payment.h"
#include "sd-report.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdStore *store;
static GtkWindow *window;
static SdCashupView *view;
static char *today;
static char *busy_day;   /* a past day with deliveries */

static const char *method_keys[SD_PAYMENT_N_METHODS] = {
  "cash", "wechat", "alipay", "bank-transfer", "prepaid",
};
static const char *aging_keys[SD_AGING_N_BUCKETS] = { "0-30", "31-60", "61-90", "90+" };

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
store_cashup (const char *day,
              gint64      courier_id,
              SdCashup   *c)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_store_cashup (store, day, NULL, courier_id, c, &error));
  g_assert_no_error (error);
}

static GPtrArray *
couriers (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = sd_store_list_couriers (store, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
assert_count (gint64      courier_id,
              const char *which,
              gint64      expected)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, expected);

  g_assert_cmpstr (sd_cashup_view_get_card_label (view, courier_id, which), ==, text);
}

static void
assert_money (gint64      courier_id,
              const char *which,
              gint64      expected)
{
  g_autofree char *text = sd_money_format (expected);

  g_assert_cmpstr (sd_cashup_view_get_card_label (view, courier_id, which), ==, text);
}

/* Every number on the card of `courier_id` is the store's. */
static void
assert_card_matches_store (gint64 courier_id)
{
  SdCashup c;

  store_cashup (sd_cashup_view_get_day (view), courier_id, &c);
  assert_count (courier_id, "deliveries", c.deliveries);
  assert_count (courier_id, "buckets-out", c.buckets_out);
  assert_count (courier_id, "empties-back", c.empties_back);
  assert_count (courier_id, "tickets", c.tickets_taken);
  for (guint m = 0; m < SD_PAYMENT_N_METHODS; m++)
    assert_money (courier_id, method_keys[m], c.collected_fen[m]);
  assert_money (courier_id, "hand-in", c.cash_fen);
}

static void
assert_cards_match_store (void)
{
  g_autoptr(GPtrArray) list = couriers ();
  guint n = sd_cashup_view_get_n_cards (view);
  guint active = 0;

  /* couriers first, the counter last */
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpint (sd_cashup_view_get_card_courier (view, n - 1), ==, 0);
  for (guint i = 0; i < list->len; i++)
    {
      const SdCourier *courier = g_ptr_array_index (list, i);

      if (courier->active)
        {
          active++;
          g_assert_cmpstr (sd_cashup_view_get_card_label (view, courier->id, "title"), ==,
                           courier->name);
        }
      if (sd_cashup_view_get_card_label (view, courier->id, "title") != NULL)
        assert_card_matches_store (courier->id);
    }
  g_assert_cmpuint (active, >=, 1);
  g_assert_cmpuint (n, >=, active + 1);
  for (guint i = 0; i + 1 < n; i++)
    g_assert_cmpint (sd_cashup_view_get_card_courier (view, i), >, 0);
  assert_card_matches_store (0);
  if (!is_chinese ())
    g_assert_cmpstr (sd_cashup_view_get_card_label (view, 0, "title"), ==, "Counter");
}

static guint
deliveries_on (const char *day)
{
  g_autoptr(GPtrArray) list = couriers ();
  guint n = 0;
  SdCashup c;

  for (guint i = 0; i < list->len; i++)
    {
      store_cashup (day, ((SdCourier *) g_ptr_array_index (list, i))->id, &c);
      n += c.deliveries;
    }
  return n;
}

static void
test_cashup_matches_store (void)
{
  g_autofree char *day = NULL;
  g_autofree char *weekday_day = NULL;
  SdCashup c;
  guint delivered = 0;

  g_assert_true (wait_for (widget_drawn, view, 5000));
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, today);
  g_assert_cmpstr (sd_cashup_view_get_page_name (view), ==, "cashup");

  g_assert_true (sd_cashup_view_set_day (view, busy_day));
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, busy_day);
  day = sd_follow_up_format_day (busy_day);
  weekday_day = g_strdup_printf ("%s %s", day, sd_follow_up_weekday (busy_day));
  g_assert_cmpstr (sd_cashup_view_get_day_label (view), ==, weekday_day);
  if (is_chinese ())
    g_assert_nonnull (strstr (sd_cashup_view_get_day_label (view), "星期"));

  assert_cards_match_store ();

  /* the day was chosen for its deliveries: they show, and not as zeros */
  for (guint i = 0; i + 1 < sd_cashup_view_get_n_cards (view); i++)
    {
      gint64 id = sd_cashup_view_get_card_courier (view, i);

      store_cashup (busy_day, id, &c);
      delivered += (guint) g_ascii_strtoull (sd_cashup_view_get_card_label (view, id,
                                                                             "deliveries"),
                                             NULL, 10);
    }
  g_assert_cmpuint (delivered, >, 0);
  g_assert_cmpuint (delivered, ==, deliveries_on (busy_day));

  /* not a date: nothing changes */
  g_assert_false (sd_cashup_view_set_day (view, "yesterday"));
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, busy_day);

  spin (300);
  save_screenshot (GTK_WIDGET (window), "cashup");
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
}

static void
test_day_chooser (void)
{
  g_autofree char *before = sd_date_add_days (busy_day, -1);
  g_autofree char *yesterday = sd_date_add_days (today, -1);

  g_assert_true (sd_cashup_view_set_day (view, busy_day));
  activate ("cashup.previous-day");
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, before);
  assert_cards_match_store ();
  activate ("cashup.next-day");
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, busy_day);

  activate ("cashup.today");
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, today);
  assert_cards_match_store ();
  activate ("cashup.previous-day");
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, yesterday);
  activate ("cashup.next-day");
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, today);
  /* no cash-up of a day still to come: the action is off */
  gtk_widget_activate_action (GTK_WIDGET (view), "cashup.next-day", NULL);
  g_assert_cmpstr (sd_cashup_view_get_day (view), ==, today);
}

static void
test_aging_matches_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) by_customer = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 sum[SD_AGING_N_BUCKETS] = { 0 };
  gint64 total = 0;
  guint n;

  g_assert_true (sd_cashup_view_set_day (view, today));
  sd_cashup_view_set_page_name (view, "aging");
  g_assert_cmpstr (sd_cashup_view_get_page_name (view), ==, "aging");

  rows = sd_store_receivables_aging (store, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, >, 0);   /* the demo has customers who owe */
  for (guint i = 0; i < rows->len; i++)
    {
      SdAgingRow *r = g_ptr_array_index (rows, i);
      g_hash_table_insert (by_customer, &r->customer_id, r);
    }

  n = sd_cashup_view_get_n_aging_rows (view);
  g_assert_cmpuint (n, ==, rows->len);
  g_assert_cmpstr (sd_cashup_view_get_aging_page_name (view), ==, "list");
  for (guint i = 0; i < n; i++)
    {
      gint64 id = sd_cashup_view_get_aging_customer (view, i);
      const SdAgingRow *r = g_hash_table_lookup (by_customer, &id);
      g_autofree char *row_total = NULL;

      g_assert_nonnull (r);
      g_hash_table_remove (by_customer, &id);   /* each customer once */
      g_assert_cmpstr (sd_cashup_view_get_aging_label (view, i, "name"), ==, r->customer_name);
      for (int b = 0; b < SD_AGING_N_BUCKETS; b++)
        {
          g_autofree char *text = sd_money_format (r->bucket_fen[b]);

          g_assert_cmpstr (sd_cashup_view_get_aging_label (view, i, aging_keys[b]), ==, text);
          sum[b] += r->bucket_fen[b];
        }
      row_total = sd_money_format (r->total_fen);
      g_assert_cmpstr (sd_cashup_view_get_aging_label (view, i, "total"), ==, row_total);
      g_assert_cmpint (r->total_fen, >, 0);
      total += r->total_fen;

      /* oldest debts first */
      if (i > 0)
        {
          const SdAgingRow *prev = NULL;
          gint64 prev_id = sd_cashup_view_get_aging_customer (view, i - 1);

          for (guint k = 0; k < rows->len; k++)
            if (((SdAgingRow *) g_ptr_array_index (rows, k))->customer_id == prev_id)
              prev = g_ptr_array_index (rows, k);
          g_assert_nonnull (prev);
          for (int b = SD_AGING_N_BUCKETS - 1; b >= 0; b--)
            if (prev->bucket_fen[b] != r->bucket_fen[b])
              {
                g_assert_cmpint (prev->bucket_fen[b], >, r->bucket_fen[b]);
                break;
              }
        }
    }
  g_assert_cmpuint (g_hash_table_size (by_customer), ==, 0);

  /* the total line */
  for (int b = 0; b < SD_AGING_N_BUCKETS; b++)
    {
      g_autofree char *text = sd_money_format (sum[b]);
      g_assert_cmpstr (sd_cashup_view_get_aging_label (view, n, aging_keys[b]), ==, text);
    }
  {
    g_autofree char *text = sd_money_format (total);
    g_assert_cmpstr (sd_cashup_view_get_aging_label (view, n, "total"), ==, text);
    g_assert_cmpstr (sd_cashup_view_get_aging_label (view, n, "name"), ==,
                     is_chinese () ? "合计" : "Total");
  }
  g_assert_null (sd_cashup_view_get_aging_label (view, n + 1, "total"));

  spin (300);
  save_screenshot (GTK_WIDGET (window), "aging");
  sd_cashup_view_set_page_name (view, "cashup");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("cashup", g_get_real_time () / G_USEC_PER_SEC, &tmp_dir, &db_path);
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  today = sd_date_today ();

  /* the most recent past day with deliveries */
  for (int back = 1; back <= 60 && busy_day == NULL; back++)
    {
      g_autofree char *day = sd_date_add_days (today, -back);

      if (deliveries_on (day) > 0)
        busy_day = g_steal_pointer (&day);
    }
  g_assert_nonnull (busy_day);

  window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (window, 1100, 760);
  overlay = adw_toast_overlay_new ();
  view = SD_CASHUP_VIEW (sd_cashup_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (view));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), overlay);
  sd_cashup_view_set_store (view, store);
  gtk_window_present (window);

  g_test_add_func ("/cashup/cards-match-store", test_cashup_matches_store);
  g_test_add_func ("/cashup/day-chooser", test_day_chooser);
  g_test_add_func ("/cashup/aging-matches-store", test_aging_matches_store);
  status = g_test_run ();

  gtk_window_destroy (window);
  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (busy_day);
  g_free (today);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
