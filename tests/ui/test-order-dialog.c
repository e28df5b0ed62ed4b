/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Phone orders under Xvfb: a repeat order taken with the keyboard only (the number, Enter,
 * Ctrl+Enter), stored as the last order again and, once delivered, taking the tickets;
 * refusals from the core shown and nothing stored; a new caller's number; and a
 * customer's balances as the ledger has them. Screenshots in both languages. */
#include "config.h"

#include "ui-test-util.h"

#include <glib/gstdio.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-balances-group.h"
#include "sd-catalog.h"
#include "sd-customer-dialog.h"
#include "sd-customer-list.h"
#include "sd-customer-store.h"
#include "sd-date.h"
#include "sd-demo.h"
#include "sd-ledger.h"
#include "sd-money.h"
#include "sd-order-dialog.h"
#include "sd-order.h"
#include "sd-pricing.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdStore *store;
/* a customer whose last order is paid with tickets they still hold, who has buckets */
static gint64 regular;

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static GPtrArray *
last_lines (gint64 customer_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = sd_store_last_order_lines (store, customer_id, &error);

  g_assert_no_error (error);
  return lines;
}

static void
balances_of (gint64      customer_id,
             SdBalances *balances)
{
  g_autoptr(GError) error = NULL;

  memset (balances, 0, sizeof *balances);
  g_assert_true (sd_store_get_balances (store, customer_id, balances, &error));
  g_assert_no_error (error);
}

static guint
n_orders (gint64 customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sd_store_list_customer_orders (store, customer_id, 0, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* A customer the search finds first by their phone, whose last order the tickets they
 * hold cover, who has buckets of the shop's. */
static gint64
find_regular (void)
{
  g_autoptr(SdCustomerList) customers = sd_customer_list_new (store);
  GArray *ids = sd_customer_list_get_ids (customers);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) lines = last_lines (id);
      g_autoptr(SdCustomer) customer = sd_store_load_customer (store, id, NULL);
      g_autoptr(GArray) found = NULL;
      SdBalances balances;
      gboolean covered = lines->len > 0;

      balances_of (id, &balances);
      for (guint j = 0; j < lines->len && covered; j++)
        {
          SdOrderLine *line = g_ptr_array_index (lines, j);
          covered = sd_balances_get_tickets (&balances, line->product_id) >= line->quantity;
        }
      covered = covered && balances.buckets > 0;
      sd_balances_clear (&balances);
      if (!covered || *sd_customer_get_primary_phone (customer) == '\0')
        continue;
      found = sd_store_search_customers (store, sd_customer_get_primary_phone (customer), FALSE, NULL);
      if (found->len > 0 && g_array_index (found, gint64, 0) == id)
        return id;
    }
  return 0;
}

/* Presses a key combination bound on the dialog: finds the shortcut the widget class binds
 * to it and runs its action, as GTK does for the key press. */
static void
press (GtkWidget       *widget,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_assert_not_reached ();
}

static void
on_saved (GtkWidget *dialog,
          gint64     order_id,
          gint64    *out)
{
  *out = order_id;
}

static void
test_repeat_order_by_keys (void)
{
  g_autoptr(SdCustomer) customer = sd_store_load_customer (store, regular, NULL);
  g_autoptr(GPtrArray) last = last_lines (regular);
  g_autoptr(SdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = sd_date_today ();
  g_autofree char *count = NULL;
  SdBalances before, after;
  GtkWidget *dialog;
  gint64 saved = 0, expected_total = 0, expected_money = 0;
  int expected_tickets = 0;
  guint orders_before = n_orders (regular);

  g_assert_cmpint (regular, !=, 0);
  balances_of (regular, &before);

  dialog = g_object_ref_sink (sd_order_dialog_new (store, 0));
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), &saved);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (widget_drawn, dialog, 5000));

  /* the phone digits, then Enter in the search entry */
  gtk_editable_set_text (sd_order_dialog_get_search_entry (SD_ORDER_DIALOG (dialog)),
                         sd_customer_get_primary_phone (customer));
  g_assert_cmpuint (sd_order_dialog_get_n_results (SD_ORDER_DIALOG (dialog)), >=, 1);
  g_signal_emit_by_name (sd_order_dialog_get_search_entry (SD_ORDER_DIALOG (dialog)), "activate");

  /* picked, with the default address and the last order's lines and tickets */
  g_assert_cmpint (sd_order_dialog_get_customer_id (SD_ORDER_DIALOG (dialog)), ==, regular);
  g_assert_cmpint (sd_order_dialog_get_address_id (SD_ORDER_DIALOG (dialog)), ==,
                   sd_customer_get_default_address (customer)->id);
  g_assert_cmpuint (sd_order_dialog_get_n_lines (SD_ORDER_DIALOG (dialog)), ==, last->len);
  for (guint i = 0; i < last->len; i++)
    {
      SdOrderLine *line = g_ptr_array_index (last, i);
      g_assert_cmpint (sd_order_dialog_get_line_product (SD_ORDER_DIALOG (dialog), i), ==, line->product_id);
      g_assert_cmpint (sd_order_dialog_get_line_quantity (SD_ORDER_DIALOG (dialog), i), ==, line->quantity);
      expected_total += sd_store_price_for (store, regular, line->product_id, NULL) * line->quantity;
      if (sd_balances_get_tickets (&before, line->product_id) > 0 ||
          sd_store_product_has_tickets (store, line->product_id))
        expected_tickets += line->quantity;
      else
        expected_money += sd_store_price_for (store, regular, line->product_id, NULL) * line->quantity;
    }
  g_assert_cmpint (expected_tickets, >, 0);
  g_assert_cmpint (sd_order_dialog_get_payment (SD_ORDER_DIALOG (dialog)), ==, SD_PAY_TICKETS);
  count = g_strdup_printf ("%lld", (long long) sd_balances_get_tickets (
                             &before, ((SdOrderLine *) g_ptr_array_index (last, 0))->product_id));
  g_assert_nonnull (strstr (sd_order_dialog_get_tickets_text (SD_ORDER_DIALOG (dialog)), count));
  {
    g_autofree char *money = sd_money_format (expected_money);
    g_autofree char *tickets = g_strdup_printf ("%d", expected_tickets);
    const char *total = sd_order_dialog_get_total_text (SD_ORDER_DIALOG (dialog));

    g_assert_cmpint (sd_order_dialog_get_total_fen (SD_ORDER_DIALOG (dialog)), ==, expected_money);
    g_assert_true (g_str_has_prefix (total, tickets));
    if (expected_money > 0)
      g_assert_nonnull (strstr (total, money));
    else
      g_assert_null (strchr (total, '.'));
    /* paid in money instead, the whole value */
    sd_order_dialog_set_payment (SD_ORDER_DIALOG (dialog), SD_PAY_CASH_ON_DELIVERY);
    g_assert_cmpint (sd_order_dialog_get_total_fen (SD_ORDER_DIALOG (dialog)), ==, expected_total);
    sd_order_dialog_set_payment (SD_ORDER_DIALOG (dialog), SD_PAY_TICKETS);
    g_assert_cmpint (sd_order_dialog_get_total_fen (SD_ORDER_DIALOG (dialog)), ==, expected_money);
  }

  /* Alt+2 tomorrow, Alt+1 back to today */
  press (dialog, GDK_KEY_2, GDK_ALT_MASK);
  g_assert_cmpuint (sd_order_dialog_get_day (SD_ORDER_DIALOG (dialog)), ==, 1);
  press (dialog, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpuint (sd_order_dialog_get_day (SD_ORDER_DIALOG (dialog)), ==, 0);

  save_screenshot (dialog, "order-dialog");

  /* Ctrl+Enter saves and closes */
  press (dialog, GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_cmpint (saved, >, 0);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_object_unref (dialog);
  g_assert_cmpuint (n_orders (regular), ==, orders_before + 1);

  order = sd_store_load_order (store, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order->customer_id, ==, regular);
  g_assert_cmpint (order->address_id, ==, sd_customer_get_default_address (customer)->id);
  g_assert_cmpint (order->status, ==, SD_ORDER_PENDING);
  g_assert_cmpint (order->payment, ==, SD_PAY_TICKETS);
  g_assert_cmpint (order->channel, ==, SD_CHANNEL_PHONE);
  g_assert_cmpstr (order->requested_date, ==, today);
  g_assert_cmpint (order->total_fen, ==, expected_total);
  g_assert_cmpuint (order->lines->len, ==, last->len);
  for (guint i = 0; i < last->len; i++)
    {
      SdOrderLine *want = g_ptr_array_index (last, i), *got = g_ptr_array_index (order->lines, i);
      g_assert_cmpint (got->product_id, ==, want->product_id);
      g_assert_cmpint (got->quantity, ==, want->quantity);
      g_assert_cmpint (got->unit_price_fen, ==, want->unit_price_fen);
    }

  /* delivered, the tickets are used */
  g_assert_true (sd_store_transition_order (store, saved, SD_ORDER_TO_DISPATCH, "test", NULL, NULL, &error));
  g_assert_true (sd_store_transition_order (store, saved, SD_ORDER_OUT_FOR_DELIVERY, "test", NULL, NULL, &error));
  g_assert_true (sd_store_transition_order (store, saved, SD_ORDER_DELIVERED, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  balances_of (regular, &after);
  for (guint i = 0; i < last->len; i++)
    {
      gint64 product = ((SdOrderLine *) g_ptr_array_index (last, i))->product_id;
      gint64 used = 0;

      for (guint j = 0; j < last->len; j++)
        if (((SdOrderLine *) g_ptr_array_index (last, j))->product_id == product)
          used += ((SdOrderLine *) g_ptr_array_index (last, j))->quantity;
      g_assert_cmpint (sd_balances_get_tickets (&after, product), ==,
                       sd_balances_get_tickets (&before, product) - used);
    }
  sd_balances_clear (&before);
  sd_balances_clear (&after);
}

/* The message the core gives for the order the dialog shows. */
static char *
core_refusal (SdOrderDialog *dialog)
{
  g_autofree char *today = sd_date_today ();
  g_autoptr(SdOrder) order = sd_order_new (sd_order_dialog_get_customer_id (dialog),
                                           sd_order_dialog_get_address_id (dialog), today,
                                           sd_order_dialog_get_payment (dialog));
  g_autoptr(GError) error = NULL;

  order->channel = SD_CHANNEL_PHONE;
  for (guint i = 0; i < sd_order_dialog_get_n_lines (dialog); i++)
    sd_order_add_line (order, sd_order_dialog_get_line_product (dialog, i),
                       sd_order_dialog_get_line_quantity (dialog, i));
  g_assert_false (sd_store_create_order (store, order, "test", &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_INVALID);
  return g_strdup (error->message);
}

static void
test_refused_orders (void)
{
  GtkWidget *dialog = g_object_ref_sink (sd_order_dialog_new (store, regular));
  guint orders_before = n_orders (regular);
  gint64 saved = 0;

  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), &saved);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (sd_order_dialog_get_n_lines (SD_ORDER_DIALOG (dialog)), >, 0);

  /* quantity 0 */
  sd_order_dialog_set_line_quantity (SD_ORDER_DIALOG (dialog), 0, 0);
  {
    g_autofree char *expected = core_refusal (SD_ORDER_DIALOG (dialog));
    g_assert_false (sd_order_dialog_save (SD_ORDER_DIALOG (dialog)));
    g_assert_cmpstr (sd_order_dialog_get_error (SD_ORDER_DIALOG (dialog)), ==, expected);
  }
  g_assert_cmpint (saved, ==, 0);
  g_assert_cmpuint (n_orders (regular), ==, orders_before);

  /* no lines */
  while (sd_order_dialog_get_n_lines (SD_ORDER_DIALOG (dialog)) > 0)
    sd_order_dialog_remove_line (SD_ORDER_DIALOG (dialog), 0);
  g_assert_cmpstr (sd_order_dialog_get_error (SD_ORDER_DIALOG (dialog)), ==, "");   /* editing clears it */
  {
    g_autofree char *expected = core_refusal (SD_ORDER_DIALOG (dialog));
    press (dialog, GDK_KEY_Return, GDK_CONTROL_MASK);
    g_assert_cmpstr (sd_order_dialog_get_error (SD_ORDER_DIALOG (dialog)), ==, expected);
  }
  g_assert_cmpint (saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (n_orders (regular), ==, orders_before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_new_caller (void)
{
  const char *number = "13912340077";
  GtkWidget *dialog = g_object_ref_sink (sd_order_dialog_new (store, 0));
  GtkWidget *customer_dialog;
  gint64 created;

  g_assert_cmpint (sd_store_find_customer_by_phone (store, number), ==, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (sd_order_dialog_get_search_entry (SD_ORDER_DIALOG (dialog)), number);
  g_assert_true (sd_order_dialog_offers_new_customer (SD_ORDER_DIALOG (dialog)));
  g_signal_emit_by_name (sd_order_dialog_get_search_entry (SD_ORDER_DIALOG (dialog)), "activate");

  customer_dialog = sd_order_dialog_get_customer_dialog (SD_ORDER_DIALOG (dialog));
  g_assert_nonnull (customer_dialog);
  sd_customer_dialog_set_name (SD_CUSTOMER_DIALOG (customer_dialog), "钱女士");
  sd_customer_dialog_set_address (SD_CUSTOMER_DIALOG (customer_dialog), 0,
                                  "西湖区文三路 90 号 2 单元 501", NULL);
  g_assert_true (sd_customer_dialog_save (SD_CUSTOMER_DIALOG (customer_dialog)));

  /* the number was kept and the order goes on with the new customer */
  created = sd_store_find_customer_by_phone (store, number);
  g_assert_cmpint (created, !=, 0);
  g_assert_cmpint (sd_order_dialog_get_customer_id (SD_ORDER_DIALOG (dialog)), ==, created);
  g_assert_cmpint (sd_order_dialog_get_address_id (SD_ORDER_DIALOG (dialog)), !=, 0);
  g_assert_cmpuint (sd_order_dialog_get_n_lines (SD_ORDER_DIALOG (dialog)), ==, 1);
  g_assert_true (sd_order_dialog_save (SD_ORDER_DIALOG (dialog)));
  g_assert_cmpuint (n_orders (created), ==, 1);
  g_object_unref (dialog);
}

static void
assert_shows (SdBalancesGroup *group,
              SdLedgerKind     kind,
              gint64           product_id,
              gint64           value,
              GPtrArray       *ledger)
{
  g_autofree char *expected = (kind == SD_LEDGER_TICKETS || kind == SD_LEDGER_BUCKETS)
                              ? g_strdup_printf ("%lld", (long long) value)
                              : sd_money_format (value);
  guint rows = 0;

  g_assert_cmpstr (sd_balances_group_get_value (group, kind, product_id), ==, expected);
  for (guint i = 0; i < ledger->len; i++)
    {
      SdLedgerEntry *e = g_ptr_array_index (ledger, i);
      rows += e->kind == kind && (kind != SD_LEDGER_TICKETS || e->product_id == product_id);
    }
  g_assert_cmpuint (sd_balances_group_get_n_history (group, kind, product_id), ==, MIN (rows, 10));
}

static void
test_balances_group (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ledger = sd_store_list_ledger (store, regular, SD_LEDGER_ALL_KINDS, &error);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  SdBalancesGroup *group = SD_BALANCES_GROUP (sd_balances_group_new ());
  SdBalances balances;

  g_assert_no_error (error);
  balances_of (regular, &balances);
  g_assert_cmpuint (balances.tickets->len, >, 0);
  g_assert_cmpint (balances.buckets, >, 0);

  gtk_widget_set_margin_top (GTK_WIDGET (group), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (group), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (group), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (group), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (group));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_window_set_child (window, scrolled);
  gtk_window_set_default_size (window, 620, 1180);
  sd_balances_group_set_customer (group, store, regular);
  gtk_window_present (window);
  g_assert_true (wait_for (widget_drawn, group, 5000));

  for (guint i = 0; i < balances.tickets->len; i++)
    {
      SdTicketBalance *t = &g_array_index (balances.tickets, SdTicketBalance, i);
      assert_shows (group, SD_LEDGER_TICKETS, t->product_id, t->tickets, ledger);
    }
  assert_shows (group, SD_LEDGER_PREPAID, 0, balances.prepaid_fen, ledger);
  assert_shows (group, SD_LEDGER_DEPOSIT, 0, balances.deposit_fen, ledger);
  assert_shows (group, SD_LEDGER_BUCKETS, 0, balances.buckets, ledger);
  assert_shows (group, SD_LEDGER_RECEIVABLE, 0, balances.receivable_fen, ledger);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (sd_balances_group_get_row (
    group, SD_LEDGER_TICKETS, g_array_index (balances.tickets, SdTicketBalance, 0).product_id)), TRUE);
  save_screenshot (GTK_WIDGET (window), "balances");

  /* a customer with nothing: the group empties */
  sd_balances_group_set_customer (group, store, 0);
  g_assert_null (sd_balances_group_get_value (group, SD_LEDGER_PREPAID, 0));

  sd_balances_clear (&balances);
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("orders", g_get_real_time () / G_USEC_PER_SEC, &tmp_dir, &db_path);
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  regular = find_regular ();

  /* the balances first: the order test delivers an order and moves them */
  g_test_add_func ("/orders/balances-group", test_balances_group);
  g_test_add_func ("/orders/repeat-by-keys", test_repeat_order_by_keys);
  g_test_add_func ("/orders/refused", test_refused_orders);
  g_test_add_func ("/orders/new-caller", test_new_caller);
  status = g_test_run ();

  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
