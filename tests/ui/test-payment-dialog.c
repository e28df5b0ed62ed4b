/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The counter's money under Xvfb: a ticket plan sold from the balances group's Money
 * menu adds its tickets and bonus and the group shows them; a bucket deposit taken and
 * partly refunded (退桶退押) moves the deposit and the buckets; a bad amount or too many
 * buckets is refused with the core's message and nothing changes. Screenshots in both
 * languages. */
#include "config.h"

#include "ui-test-util.h"

#include <glib/gstdio.h>

#include "sd-app-init.h"
#include "sd-application.h"
#include "sd-balances-group.h"
#include "sd-catalog.h"
#include "sd-customer-list.h"
#include "sd-demo.h"
#include "sd-ledger.h"
#include "sd-money.h"
#include "sd-payment-dialog.h"
#include "sd-payment.h"
#include "sd-pricing.h"

static char *tmp_dir;
static char *db_path;
static SdApplication *app;
static SdStore *store;
/* a customer who holds buckets of the shop's */
static gint64 customer;

static gboolean
widget_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
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
n_payments (gint64 customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payments = sd_store_list_payments (store, customer_id, &error);

  g_assert_no_error (error);
  return payments->len;
}

static SdPayment *
newest_payment (gint64 customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payments = sd_store_list_payments (store, customer_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (payments->len, >, 0);
  return g_ptr_array_steal_index (payments, 0);
}

static void
assert_same_balances (const SdBalances *a,
                      const SdBalances *b)
{
  g_assert_cmpint (a->prepaid_fen, ==, b->prepaid_fen);
  g_assert_cmpint (a->deposit_fen, ==, b->deposit_fen);
  g_assert_cmpint (a->buckets, ==, b->buckets);
  g_assert_cmpint (a->receivable_fen, ==, b->receivable_fen);
  g_assert_cmpuint (a->tickets->len, ==, b->tickets->len);
  for (guint i = 0; i < a->tickets->len; i++)
    {
      const SdTicketBalance *t = &g_array_index (a->tickets, SdTicketBalance, i);
      g_assert_cmpint (sd_balances_get_tickets (b, t->product_id), ==, t->tickets);
    }
}

static gint64
find_customer_with_buckets (void)
{
  g_autoptr(SdCustomerList) customers = sd_customer_list_new (store);
  GArray *ids = sd_customer_list_get_ids (customers);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      SdBalances balances;
      gboolean found;

      balances_of (id, &balances);
      found = balances.buckets >= 2;
      sd_balances_clear (&balances);
      if (found)
        return id;
    }
  return 0;
}

/* A product with a bucket deposit. */
static SdProduct *
deposit_product (void)
{
  g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, NULL);

  g_assert_nonnull (products);
  for (guint i = 0; i < products->len; i++)
    if (((SdProduct *) g_ptr_array_index (products, i))->deposit_fen > 0)
      return g_ptr_array_steal_index (products, i);
  g_assert_not_reached ();
  return NULL;
}

static SdPaymentDialog *
find_payment_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SD_IS_PAYMENT_DIALOG (window))
        return SD_PAYMENT_DIALOG (window);
    }
  return NULL;
}

static void
on_saved (SdPaymentDialog *dialog,
          gint64           payment_id,
          gint64          *out)
{
  *out = payment_id;
}

/* Opens a dialog on its own, presented and drawn; `saved` receives the payment id. */
static SdPaymentDialog *
open_dialog (SdPaymentDialogMode  mode,
             gint64              *saved)
{
  GtkWidget *dialog = sd_payment_dialog_new (store, customer, mode);

  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), saved);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (widget_drawn, dialog, 5000));
  g_assert_cmpint (sd_payment_dialog_get_mode (SD_PAYMENT_DIALOG (dialog)), ==, mode);
  g_assert_cmpstr (sd_payment_dialog_get_error (SD_PAYMENT_DIALOG (dialog)), ==, "");
  return SD_PAYMENT_DIALOG (dialog);
}

/* Sold from the Money menu of the balances group: the plan's tickets and bonus are
 * added, its price is received by the chosen method, the group shows the new count. */
static void
test_sell_tickets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = sd_store_list_ticket_plans (store, FALSE, &error);
  g_autoptr(SdPayment) payment = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *price = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  SdBalancesGroup *group = SD_BALANCES_GROUP (sd_balances_group_new ());
  SdPaymentDialog *dialog;
  const SdTicketPlan *plan = NULL;
  SdBalances before, after;
  guint payments_before = n_payments (customer);

  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, >, 0);
  /* the plan with a bonus if there is one: the bonus must be added too */
  for (guint i = 0; i < plans->len && plan == NULL; i++)
    if (((SdTicketPlan *) g_ptr_array_index (plans, i))->bonus_tickets > 0)
      plan = g_ptr_array_index (plans, i);
  if (plan == NULL)
    plan = g_ptr_array_index (plans, plans->len - 1);
  balances_of (customer, &before);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (group));
  gtk_window_set_child (window, scrolled);
  gtk_window_set_default_size (window, 600, 800);
  sd_balances_group_set_customer (group, store, customer);
  gtk_window_present (window);
  g_assert_true (wait_for (widget_drawn, group, 5000));

  g_assert_null (find_payment_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "balances.sell-tickets", NULL));
  dialog = find_payment_dialog ();
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (wait_for (widget_drawn, dialog, 5000));
  g_assert_cmpint (sd_payment_dialog_get_mode (dialog), ==, SD_PAYMENT_DIALOG_SELL_TICKETS);
  g_assert_cmpint (sd_payment_dialog_get_customer_id (dialog), ==, customer);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  g_assert_cmpuint (sd_payment_dialog_get_n_plans (dialog), ==, plans->len);

  g_assert_true (sd_payment_dialog_set_plan (dialog, plan->id));
  g_assert_cmpint (sd_payment_dialog_get_plan (dialog), ==, plan->id);
  g_assert_false (sd_payment_dialog_set_method (dialog, SD_METHOD_PREPAID));   /* not offered */
  g_assert_true (sd_payment_dialog_set_method (dialog, SD_METHOD_WECHAT));
  g_assert_cmpint (sd_payment_dialog_get_total_fen (dialog), ==, plan->price_fen);
  price = sd_money_format (plan->price_fen);
  g_assert_nonnull (strstr (sd_payment_dialog_get_total_text (dialog), price));
  save_screenshot (GTK_WIDGET (dialog), "payment-dialog");

  g_assert_true (sd_payment_dialog_save (dialog));
  g_assert_null (dialog);   /* closed */

  balances_of (customer, &after);
  g_assert_cmpint (sd_balances_get_tickets (&after, plan->product_id), ==,
                   sd_balances_get_tickets (&before, plan->product_id) +
                   plan->tickets + plan->bonus_tickets);
  g_assert_cmpint (after.prepaid_fen, ==, before.prepaid_fen);
  g_assert_cmpuint (n_payments (customer), ==, payments_before + 1);
  payment = newest_payment (customer);
  g_assert_cmpint (payment->purpose, ==, SD_PURPOSE_TICKET_SALE);
  g_assert_cmpint (payment->method, ==, SD_METHOD_WECHAT);
  g_assert_cmpint (payment->amount_fen, ==, plan->price_fen);
  g_assert_cmpint (payment->ticket_plan_id, ==, plan->id);

  /* the group reloaded on ::saved */
  shown = g_strdup_printf ("%lld", (long long) sd_balances_get_tickets (&after, plan->product_id));
  g_assert_cmpstr (sd_balances_group_get_value (group, SD_LEDGER_TICKETS, plan->product_id), ==, shown);

  sd_balances_clear (&before);
  sd_balances_clear (&after);
  gtk_window_destroy (window);
}

/* Two buckets' deposit taken, then one bucket returned for good and its deposit paid
 * back; more buckets than the customer holds is refused. */
static void
test_deposit_and_refund (void)
{
  g_autoptr(SdProduct) product = deposit_product ();
  g_autoptr(SdPayment) payment = NULL;
  g_autofree char *each = sd_money_format (product->deposit_fen);
  g_autofree char *total = sd_money_format (2 * product->deposit_fen);
  g_autofree char *expected = g_strdup_printf ("2 × %s = %s", each, total);
  SdBalances before, taken, refunded, refused;
  SdPaymentDialog *dialog;
  gint64 saved = 0;
  guint payments_before;

  balances_of (customer, &before);
  g_assert_cmpint (before.buckets, >=, 2);

  dialog = open_dialog (SD_PAYMENT_DIALOG_TAKE_DEPOSIT, &saved);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (sd_payment_dialog_set_product (dialog, product->id));
  g_assert_false (sd_payment_dialog_set_product (dialog, -1));
  sd_payment_dialog_set_buckets (dialog, 2);
  g_assert_true (sd_payment_dialog_set_method (dialog, SD_METHOD_CASH));
  sd_payment_dialog_set_note (dialog, "押金收据 0012");
  g_assert_cmpint (sd_payment_dialog_get_total_fen (dialog), ==, 2 * product->deposit_fen);
  if (!is_chinese ())
    g_assert_cmpstr (sd_payment_dialog_get_total_text (dialog), ==, expected);
  g_assert_true (sd_payment_dialog_save (dialog));
  g_assert_null (dialog);
  g_assert_cmpint (saved, >, 0);

  balances_of (customer, &taken);
  g_assert_cmpint (taken.deposit_fen, ==, before.deposit_fen + 2 * product->deposit_fen);
  g_assert_cmpint (taken.buckets, ==, before.buckets);
  payment = newest_payment (customer);
  g_assert_cmpint (payment->id, ==, saved);
  g_assert_cmpint (payment->purpose, ==, SD_PURPOSE_DEPOSIT);
  g_assert_cmpstr (payment->note, ==, "押金收据 0012");
  g_clear_pointer (&payment, sd_payment_free);

  /* 退桶退押: one bucket back, its deposit paid out by Alipay */
  saved = 0;
  dialog = open_dialog (SD_PAYMENT_DIALOG_REFUND_DEPOSIT, &saved);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (sd_payment_dialog_set_product (dialog, product->id));
  sd_payment_dialog_set_buckets (dialog, 1);
  g_assert_true (sd_payment_dialog_set_method (dialog, SD_METHOD_ALIPAY));
  g_assert_cmpint (sd_payment_dialog_get_total_fen (dialog), ==, product->deposit_fen);
  g_assert_true (sd_payment_dialog_save (dialog));
  g_assert_null (dialog);

  balances_of (customer, &refunded);
  g_assert_cmpint (refunded.deposit_fen, ==, before.deposit_fen + product->deposit_fen);
  g_assert_cmpint (refunded.buckets, ==, before.buckets - 1);
  payment = newest_payment (customer);
  g_assert_cmpint (payment->id, ==, saved);
  g_assert_cmpint (payment->purpose, ==, SD_PURPOSE_DEPOSIT_REFUND);
  g_assert_cmpint (payment->method, ==, SD_METHOD_ALIPAY);
  g_assert_cmpint (payment->amount_fen, ==, -product->deposit_fen);

  /* more buckets than the customer holds: the core's refusal, shown; nothing written */
  payments_before = n_payments (customer);
  saved = 0;
  dialog = open_dialog (SD_PAYMENT_DIALOG_REFUND_DEPOSIT, &saved);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (sd_payment_dialog_set_product (dialog, product->id));
  sd_payment_dialog_set_buckets (dialog, (int) refunded.buckets + 1);
  g_assert_false (sd_payment_dialog_save (dialog));
  g_assert_nonnull (dialog);   /* still open */
  g_assert_cmpint (saved, ==, 0);
  {
    g_autoptr(GError) error = NULL;
    SdPaymentHow how = { .method = SD_METHOD_CASH };
    g_assert_cmpint (sd_store_refund_deposit (store, customer, product->id,
                                              (int) refunded.buckets + 1, &how, &error), ==, 0);
    g_assert_nonnull (error);
    g_assert_cmpstr (sd_payment_dialog_get_error (dialog), ==, error->message);
  }
  balances_of (customer, &refused);
  assert_same_balances (&refunded, &refused);
  g_assert_cmpuint (n_payments (customer), ==, payments_before);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);

  sd_balances_clear (&before);
  sd_balances_clear (&taken);
  sd_balances_clear (&refunded);
  sd_balances_clear (&refused);
}

/* “abc” is no amount: the money parser's message, nothing written; corrected, it saves. */
static void
test_bad_amount (void)
{
  g_autoptr(GError) expected = NULL;
  g_autoptr(SdPayment) payment = NULL;
  SdBalances before, after;
  static const SdPaymentDialogMode typed_modes[] = {
    SD_PAYMENT_DIALOG_RECEIVE, SD_PAYMENT_DIALOG_TOP_UP,
  };
  SdPaymentDialog *dialog;
  gint64 saved = 0, fen = 0;
  guint payments_before = n_payments (customer);

  balances_of (customer, &before);
  g_assert_false (sd_money_parse ("abc", &fen, &expected));
  g_assert_nonnull (expected);

  for (guint i = 0; i < G_N_ELEMENTS (typed_modes); i++)
    {
      dialog = open_dialog (typed_modes[i], &saved);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      sd_payment_dialog_set_amount (dialog, "abc");
      g_assert_false (sd_payment_dialog_save (dialog));
      g_assert_nonnull (dialog);
      g_assert_cmpstr (sd_payment_dialog_get_error (dialog), ==, expected->message);
      /* typing takes the refusal away */
      sd_payment_dialog_set_amount (dialog, "ab");
      g_assert_cmpstr (sd_payment_dialog_get_error (dialog), ==, "");
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_null (dialog);
    }
  g_assert_cmpint (saved, ==, 0);
  balances_of (customer, &after);
  assert_same_balances (&before, &after);
  g_assert_cmpuint (n_payments (customer), ==, payments_before);
  sd_balances_clear (&after);

  /* a real amount tops up the prepaid balance */
  dialog = open_dialog (SD_PAYMENT_DIALOG_TOP_UP, &saved);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  sd_payment_dialog_set_amount (dialog, "50.5");
  g_assert_true (sd_payment_dialog_set_method (dialog, SD_METHOD_BANK_TRANSFER));
  g_assert_true (sd_payment_dialog_save (dialog));
  g_assert_null (dialog);
  balances_of (customer, &after);
  g_assert_cmpint (after.prepaid_fen, ==, before.prepaid_fen + 5050);
  payment = newest_payment (customer);
  g_assert_cmpint (payment->id, ==, saved);
  g_assert_cmpint (payment->purpose, ==, SD_PURPOSE_PREPAID_TOPUP);
  g_assert_cmpint (payment->method, ==, SD_METHOD_BANK_TRANSFER);

  sd_balances_clear (&before);
  sd_balances_clear (&after);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, NULL);

  app = ui_test_demo_app ("payments", g_get_real_time () / G_USEC_PER_SEC, &tmp_dir, &db_path);
  store = sd_application_get_store (app);
  g_assert_nonnull (store);
  customer = find_customer_with_buckets ();
  g_assert_cmpint (customer, !=, 0);

  g_test_add_func ("/payments/sell-tickets", test_sell_tickets);
  g_test_add_func ("/payments/deposit-and-refund", test_deposit_and_refund);
  g_test_add_func ("/payments/bad-amount", test_bad_amount);
  status = g_test_run ();

  spin (100);
  g_clear_object (&app);
  ui_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
