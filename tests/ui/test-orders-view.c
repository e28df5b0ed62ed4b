/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Orders area under Xvfb on a demo shop: the list against direct counts, the filter
 * dropdowns, and the bulk actions (assign, deliver, cancel with a reason) checked in the
 * store; screenshots in both languages. */
#include "config.h"

#include "ui-test-util.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-catalog.h"
#include "sd-date.h"
#include "sd-demo.h"
#include "sd-ledger.h"
#include "sd-order-detail.h"
#include "sd-orders-view.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdStore *store;
static GtkWindow *window;
static SdOrdersView *orders_view;
static char *today;

static gint64
direct_count (const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM orders WHERE %s", where);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static guint
n_items (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sd_orders_view_get_list (orders_view)));
}

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
choose (const char *dropdown, guint position)
{
  gtk_drop_down_set_selected (sd_orders_view_get_dropdown (orders_view, dropdown), position);
}

static void
reset_filters (void)
{
  choose ("date", 0);
  choose ("status", 0);
  choose ("courier", 0);
  choose ("channel", 0);
}

/* status dropdown: all, open, then the statuses in enum order */
#define STATUS_ITEM(status) (2 + (status))

static SdOrder *
load (gint64 id)
{
  g_autoptr(GError) error = NULL;
  SdOrder *order = sd_store_load_order (store, id, &error);

  g_assert_no_error (error);
  return order;
}

static gint64
id_at (guint position)
{
  return sd_order_list_get_id (sd_orders_view_get_list (orders_view), position);
}

static void
test_list_matches_store (void)
{
  g_autofree char *count = NULL;
  GtkDropDown *status = sd_orders_view_get_dropdown (orders_view, "status");
  GtkStringObject *label;

  g_assert_true (wait_for (widget_drawn, sd_orders_view_get_list_view (orders_view), 5000));
  spin (200);
  g_assert_cmpuint (n_items (), ==, direct_count ("1"));
  g_assert_cmpuint (n_items (), >, 1000);
  g_assert_cmpstr (sd_orders_view_get_page_name (orders_view), ==, "list");
  count = g_strdup_printf ("%u", n_items ());
  g_assert_nonnull (strstr (sd_orders_view_get_subtitle (orders_view), count));

  /* translated labels */
  label = g_list_model_get_item (gtk_drop_down_get_model (status), STATUS_ITEM (SD_ORDER_DELIVERED));
  g_assert_cmpstr (gtk_string_object_get_string (label), ==,
                   sd_order_status_label (SD_ORDER_DELIVERED));
  if (is_chinese ())
    g_assert_cmpstr (gtk_string_object_get_string (label), !=, "Delivered");
  g_object_unref (label);
  save_screenshot (GTK_WIDGET (window), "orders");
}

static void
test_filters (void)
{
  g_autofree char *where = NULL;
  g_autoptr(GPtrArray) couriers = sd_store_list_couriers (store, FALSE, NULL);

  choose ("date", 1);   /* today */
  where = g_strdup_printf ("requested_date = '%s'", today);
  g_assert_cmpuint (n_items (), ==, direct_count (where));
  g_assert_cmpuint (n_items (), >=, 4);

  choose ("status", STATUS_ITEM (SD_ORDER_TO_DISPATCH));
  g_free (where);
  where = g_strdup_printf ("requested_date = '%s' AND status = 'to_dispatch'", today);
  g_assert_cmpuint (n_items (), ==, direct_count (where));
  g_assert_cmpuint (n_items (), >=, 3);

  choose ("date", 0);
  choose ("status", 1);  /* open */
  choose ("courier", 1); /* unassigned */
  g_assert_cmpuint (n_items (), ==,
                    direct_count ("courier_id IS NULL AND status IN ('pending', 'to_dispatch', 'out_for_delivery')"));
  g_assert_cmpuint (n_items (), >, 0);

  choose ("status", 0);
  choose ("courier", 2); /* the first courier */
  g_free (where);
  where = g_strdup_printf ("courier_id = %" G_GINT64_FORMAT,
                           ((SdCourier *) g_ptr_array_index (couriers, 0))->id);
  g_assert_cmpuint (n_items (), ==, direct_count (where));
  g_assert_cmpuint (n_items (), >, 0);

  choose ("courier", 0);
  choose ("channel", 1 + SD_CHANNEL_WECHAT);
  g_assert_cmpuint (n_items (), ==, direct_count ("channel = 'wechat'"));

  /* nothing delivered tomorrow yet: the status page */
  choose ("channel", 0);
  choose ("date", 2);
  choose ("status", STATUS_ITEM (SD_ORDER_DELIVERED));
  g_assert_cmpuint (n_items (), ==, 0);
  g_assert_cmpstr (sd_orders_view_get_page_name (orders_view), ==, "empty");
  save_screenshot (GTK_WIDGET (window), "orders-empty");

  choose ("date", 1);
  choose ("status", STATUS_ITEM (SD_ORDER_TO_DISPATCH));
  g_assert_cmpstr (sd_orders_view_get_page_name (orders_view), ==, "list");
  spin (300);
  save_screenshot (GTK_WIDGET (window), "orders-filtered");
}

static void
test_assign_courier (void)
{
  g_autoptr(GPtrArray) couriers = sd_store_list_couriers (store, FALSE, NULL);
  gint64 courier = ((SdCourier *) g_ptr_array_index (couriers, couriers->len - 1))->id;
  guint positions[] = { 0, 1 };
  gint64 ids[2];

  reset_filters ();
  choose ("date", 1);
  choose ("status", STATUS_ITEM (SD_ORDER_TO_DISPATCH));
  g_assert_cmpuint (n_items (), >=, 2);
  sd_orders_view_select_positions (orders_view, positions, 2);
  ids[0] = id_at (0);
  ids[1] = id_at (1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.assign", "x", courier));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdOrder) order = load (ids[i]);
      g_assert_cmpint (order->courier_id, ==, courier);
      g_assert_cmpint (order->status, ==, SD_ORDER_TO_DISPATCH);
    }

  /* the courier filter now finds them */
  choose ("courier", 2 + couriers->len - 1);
  {
    gboolean found[2] = { FALSE, FALSE };
    for (guint i = 0; i < n_items (); i++)
      for (guint j = 0; j < 2; j++)
        found[j] = found[j] || id_at (i) == ids[j];
    g_assert_true (found[0] && found[1]);
  }
}

static void
test_mark_delivered (void)
{
  guint first = 0;
  guint before;
  gint64 id;

  reset_filters ();
  choose ("date", 1);
  choose ("status", STATUS_ITEM (SD_ORDER_TO_DISPATCH));
  before = n_items ();
  g_assert_cmpuint (before, >=, 1);
  id = id_at (0);
  sd_orders_view_select_positions (orders_view, &first, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.deliver", NULL));
  {
    g_autoptr(SdOrder) order = load (id);
    g_assert_cmpint (order->status, ==, SD_ORDER_DELIVERED);
  }
  /* it left the "to dispatch" list */
  g_assert_cmpuint (n_items (), ==, before - 1);
}

static void
test_cancel_with_reason (void)
{
  guint first = 0;
  AdwMessageDialog *dialog;
  gint64 id;

  reset_filters ();
  choose ("date", 1);
  choose ("status", 1);   /* open */
  g_assert_cmpuint (n_items (), >=, 1);
  id = id_at (0);
  sd_orders_view_select_positions (orders_view, &first, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.cancel", NULL));
  dialog = sd_orders_view_get_cancel_dialog (orders_view);
  g_assert_nonnull (dialog);
  spin (200);
  save_screenshot (GTK_WIDGET (dialog), "orders-cancel");
  /* no reason, no cancelling */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "cancel-orders"));
  gtk_editable_set_text (sd_orders_view_get_cancel_entry (orders_view), "客户临时出差");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "cancel-orders"));
  /* as the button does; a response emitted by code leaves closing to the caller */
  adw_message_dialog_response (dialog, "cancel-orders");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (100);
  g_assert_null (sd_orders_view_get_cancel_dialog (orders_view));
  {
    g_autoptr(SdOrder) order = load (id);
    g_assert_cmpint (order->status, ==, SD_ORDER_CANCELLED);
    g_assert_cmpstr (order->cancel_reason, ==, "客户临时出差");
  }
  {
    g_autofree char *where = g_strdup_printf ("requested_date = '%s' AND status IN"
                                              " ('pending', 'to_dispatch', 'out_for_delivery')", today);
    g_assert_cmpuint (n_items (), ==, direct_count (where));
  }
}

static void
test_refused_action_shows_error (void)
{
  guint first = 0;
  gint64 id;

  /* a cancelled order cannot be delivered: the store refuses, nothing changes */
  reset_filters ();
  choose ("status", STATUS_ITEM (SD_ORDER_CANCELLED));
  g_assert_cmpuint (n_items (), >, 0);
  id = id_at (0);
  sd_orders_view_select_positions (orders_view, &first, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.deliver", NULL));
  {
    g_autoptr(SdOrder) order = load (id);
    g_assert_cmpint (order->status, ==, SD_ORDER_CANCELLED);
  }
  g_assert_cmpint (id_at (0), ==, id);
}

/* Tickets do not cover an order: the view asks, and "owe the rest" delivers it with the
 * uncovered units on the customer's account. */
static void
test_ticket_shortfall_asks (void)
{
  g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, NULL);
  g_autoptr(SdOrderList) all = sd_order_list_new (store);
  g_autoptr(SdOrderSummary) row = g_list_model_get_item (G_LIST_MODEL (all), 0);
  g_autoptr(SdOrder) template = load (row->id);
  g_autoptr(SdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  SdProduct *water = NULL;
  SdBalances before, after;
  gint64 held;
  guint position = G_MAXUINT;

  for (guint i = 0; i < products->len && water == NULL; i++)
    if (((SdProduct *) g_ptr_array_index (products, i))->returnable_bucket)
      water = g_ptr_array_index (products, i);
  g_assert_nonnull (water);
  g_assert_true (sd_store_get_balances (store, template->customer_id, &before, &error));
  held = sd_balances_get_tickets (&before, water->id);

  order = sd_order_new (template->customer_id, template->address_id, today, SD_PAY_TICKETS);
  sd_order_add_line (order, water->id, held + 2);
  g_assert_true (sd_store_create_order (store, order, "店长", &error));
  g_assert_no_error (error);

  reset_filters ();
  choose ("date", 1);
  choose ("status", STATUS_ITEM (SD_ORDER_PENDING));
  for (guint i = 0; i < n_items () && position == G_MAXUINT; i++)
    if (id_at (i) == order->id)
      position = i;
  g_assert_cmpuint (position, !=, G_MAXUINT);
  sd_orders_view_select_positions (orders_view, &position, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orders_view), "orders.deliver", NULL));

  /* refused with the numbers, and a question */
  {
    g_autoptr(SdOrder) still = load (order->id);
    g_assert_cmpint (still->status, ==, SD_ORDER_PENDING);
  }
  dialog = sd_orders_view_get_shortfall_dialog (orders_view);
  g_assert_nonnull (dialog);
  {
    g_autofree char *needed = g_strdup_printf ("%d", (int) held + 2);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), needed));
  }
  spin (200);
  save_screenshot (GTK_WIDGET (dialog), "orders-shortfall");
  adw_message_dialog_response (dialog, "receivable");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (100);

  {
    g_autoptr(SdOrder) done = load (order->id);
    SdOrderLine *line = g_ptr_array_index (done->lines, 0);

    g_assert_cmpint (done->status, ==, SD_ORDER_DELIVERED);
    g_assert_true (sd_store_get_balances (store, template->customer_id, &after, &error));
    g_assert_cmpint (sd_balances_get_tickets (&after, water->id), ==, 0);
    g_assert_cmpint (after.receivable_fen - before.receivable_fen, ==, 2 * line->unit_price_fen);
  }
  sd_balances_clear (&before);
  sd_balances_clear (&after);
}

/* This month, and days chosen in the calendars, against direct counts. */
static void
test_date_ranges (void)
{
  g_autofree char *from = sd_date_add_days (today, -20);
  g_autofree char *to = sd_date_add_days (today, -10);
  g_autofree char *where = g_strdup_printf ("requested_date BETWEEN '%s' AND '%s'", from, to);
  g_autofree char *month = g_strndup (today, 7);
  g_autofree char *month_where = g_strdup_printf ("substr(requested_date, 1, 7) = '%s'", month);

  reset_filters ();
  choose ("date", 4);   /* this month */
  g_assert_cmpuint (n_items (), ==, direct_count (month_where));
  g_assert_cmpuint (n_items (), >, 0);

  sd_orders_view_choose_days (orders_view, from, to);
  g_assert_cmpuint (gtk_drop_down_get_selected (sd_orders_view_get_dropdown (orders_view, "date")), ==, 6);
  g_assert_cmpuint (n_items (), ==, direct_count (where));
  g_assert_cmpuint (n_items (), >, 0);
  for (guint i = 0; i < n_items (); i += 50)
    {
      g_autoptr(SdOrder) order = load (id_at (i));
      g_assert_cmpstr (order->requested_date, >=, from);
      g_assert_cmpstr (order->requested_date, <=, to);
    }
  spin (200);
  save_screenshot (GTK_WIDGET (window), "orders-days");
  reset_filters ();
}

static gboolean
find_detail (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (SD_IS_ORDER_DETAIL (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          *(SdOrderDetail **) data = SD_ORDER_DETAIL (w);
          return TRUE;
        }
    }
  return FALSE;
}

/* Enter on a delivered order opens its page: every event, every ledger row of its
 * delivery; reversing it there, with a reason, writes the reversal rows. */
static void
test_order_page (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) ledger = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  SdOrderDetail *detail = NULL;
  AdwMessageDialog *question;
  gint64 id;

  reset_filters ();
  choose ("status", STATUS_ITEM (SD_ORDER_DELIVERED));
  g_assert_cmpuint (n_items (), >, 0);
  id = id_at (0);
  g_signal_emit_by_name (sd_orders_view_get_list_view (orders_view), "activate", 0);
  g_assert_true (wait_for (find_detail, &detail, 5000));
  g_assert_cmpint (sd_order_detail_get_order_id (detail), ==, id);

  events = sd_store_list_order_events (store, id, &error);
  ledger = sd_store_list_order_ledger (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ledger->len, >, 0);
  g_assert_cmpuint (sd_order_detail_get_n_rows (detail, "history"), ==, events->len);
  g_assert_cmpuint (sd_order_detail_get_n_rows (detail, "ledger"), ==, ledger->len);
  {
    g_autoptr(SdOrder) order = load (id);
    g_assert_cmpuint (sd_order_detail_get_n_rows (detail, "lines"), ==, order->lines->len);
    g_assert_cmpstr (sd_order_detail_get_value (detail, "payment"), ==, sd_order_payment_label (order->payment));
    g_assert_cmpstr (sd_order_detail_get_value (detail, "status"), ==, sd_order_status_label (SD_ORDER_DELIVERED));
  }
  spin (300);
  save_screenshot (GTK_WIDGET (detail), "order-page");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "order.reverse", NULL));
  question = sd_order_detail_get_question (detail);
  g_assert_nonnull (question);
  g_assert_false (adw_message_dialog_get_response_enabled (question, "confirm"));
  gtk_editable_set_text (sd_order_detail_get_reason_entry (detail), "送错地址");
  adw_message_dialog_response (question, "confirm");
  gtk_window_destroy (GTK_WINDOW (question));
  spin (100);
  {
    g_autoptr(SdOrder) order = load (id);
    g_assert_cmpint (order->status, ==, SD_ORDER_CANCELLED);
  }
  after = sd_store_list_order_ledger (store, id, &error);
  g_assert_cmpuint (after->len, ==, 2 * ledger->len);
  g_assert_cmpuint (sd_order_detail_get_n_rows (detail, "ledger"), ==, after->len);
  g_assert_cmpstr (sd_order_detail_get_value (detail, "cancel-reason"), ==, "送错地址");
  gtk_window_destroy (GTK_WINDOW (detail));
  spin (100);
}

/* Orders of our own for today, whatever hour the demo's "now" is: one pending, three
 * dispatched. */
static void
add_todays_orders (void)
{
  g_autoptr(SdOrderList) list = sd_order_list_new (store);
  g_autoptr(SdOrderSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(SdOrder) template = load (row->id);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 4; i++)
    {
      g_autoptr(SdOrder) order = sd_order_new (template->customer_id, template->address_id, today,
                                               SD_PAY_CASH_ON_DELIVERY);

      order->slot = SD_SLOT_MORNING + i % 3;
      sd_order_add_line (order, ((SdOrderLine *) g_ptr_array_index (template->lines, 0))->product_id,
                         1 + i);
      g_assert_true (sd_store_create_order (store, order, "店长", &error));
      g_assert_no_error (error);
      if (i > 0)
        g_assert_true (sd_store_transition_order (store, order->id, SD_ORDER_TO_DISPATCH, "店长",
                                                  NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("orders", g_get_real_time () / G_USEC_PER_SEC, &tmp_dir, &db_path);
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  today = sd_date_today ();
  add_todays_orders ();

  window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (window, 1100, 720);
  overlay = adw_toast_overlay_new ();
  orders_view = SD_ORDERS_VIEW (sd_orders_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (orders_view));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), overlay);
  sd_orders_view_set_store (orders_view, store);
  gtk_window_present (window);

  g_test_add_func ("/orders/list-matches-store", test_list_matches_store);
  g_test_add_func ("/orders/filters", test_filters);
  g_test_add_func ("/orders/assign-courier", test_assign_courier);
  g_test_add_func ("/orders/mark-delivered", test_mark_delivered);
  g_test_add_func ("/orders/cancel-with-reason", test_cancel_with_reason);
  g_test_add_func ("/orders/refused-action-shows-error", test_refused_action_shows_error);
  g_test_add_func ("/orders/ticket-shortfall-asks", test_ticket_shortfall_asks);
  g_test_add_func ("/orders/order-page", test_order_page);
  g_test_add_func ("/orders/date-ranges", test_date_ranges);
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
