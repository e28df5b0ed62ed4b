/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What deliveries and payments post to the ledger: tickets, buckets and deposits, prepaid
 * cash, receivables; reversal; cash-up and aging. */
#include "sd-order-list.h"
#include "test-shop.h"

static gint64
ledger_rows (Shop *s, const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM ledger WHERE %s", where);
  return shop_raw_int (s, sql);
}

static gint64
sell_plan (Shop *s, gint64 customer)
{
  g_autoptr(GError) error = NULL;
  SdPaymentHow how = shop_cash (0);
  gint64 id = sd_store_sell_ticket_plan (s->store, customer, s->plan, &how, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_tickets_consumed (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(SdOrder) order = sd_order_new (s->alice, s->alice_home, "2026-05-29", SD_PAY_TICKETS);
  SdLedgerEntry *use;
  SdBalances b;

  sell_plan (s, s->alice);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&b, s->water), ==, 22);
  g_assert_cmpint (b.receivable_fen, ==, 0);
  sd_balances_clear (&b);
  payments = sd_store_list_payments (s->store, s->alice, &error);
  g_assert_cmpuint (payments->len, ==, 1);
  g_assert_cmpint (((SdPayment *) g_ptr_array_index (payments, 0))->amount_fen, ==, 30000);
  g_assert_cmpint (((SdPayment *) g_ptr_array_index (payments, 0))->purpose, ==, SD_PURPOSE_TICKET_SALE);

  /* 3 buckets on tickets, plus a pump that is paid in money */
  sd_order_add_line (order, s->water, 3);
  sd_order_add_line (order, s->pump, 1);
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpint (((SdOrderLine *) g_ptr_array_index (order->lines, 0))->tickets_used, ==, 3);
  g_assert_cmpint (((SdOrderLine *) g_ptr_array_index (order->lines, 1))->tickets_used, ==, 0);
  g_assert_true (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_BUCKETS, 0, 3, TRUE, "店长", "纸质台账", &error) > 0);
  shop_dispatch (s, order->id, s->zhou);
  g_assert_true (shop_deliver (s, order->id, NULL, &error));
  g_assert_no_error (error);

  b = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&b, s->water), ==, 19);
  g_assert_cmpint (b.receivable_fen, ==, 1500);   /* the pump */
  g_assert_cmpint (b.buckets, ==, 3);             /* 3 out, 3 empties back */
  sd_balances_clear (&b);

  history = sd_store_list_ledger (s->store, s->alice, SD_LEDGER_TICKETS, &error);
  g_assert_cmpuint (history->len, ==, 2);
  use = g_ptr_array_index (history, 0);           /* newest first */
  g_assert_cmpstr (use->reason, ==, "ticket_use");
  g_assert_cmpint (use->delta, ==, -3);
  g_assert_cmpint (use->order_id, ==, order->id);
  g_assert_cmpint (use->product_id, ==, s->water);
  g_assert_cmpstr (((SdLedgerEntry *) g_ptr_array_index (history, 1))->reason, ==, "ticket_purchase");
  g_assert_cmpint (((SdLedgerEntry *) g_ptr_array_index (history, 1))->delta, ==, 22);
  shop_assert_clean (s);
}

static void
test_tickets_refused (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = NULL;
  gint64 id;
  SdBalances b;

  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, 1, TRUE, "店长", "旧水票", &error), >, 0);
  id = shop_order (s, s->alice, s->alice_home, SD_PAY_TICKETS, s->water, 3);
  shop_dispatch (s, id, s->zhou);
  g_assert_false (shop_deliver (s, id, NULL, &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_TICKETS);
  g_assert_nonnull (strstr (error->message, "needs 3 tickets"));
  g_assert_nonnull (strstr (error->message, "has 1"));
  g_assert_nonnull (strstr (error->message, "18.9L 纯净水"));

  /* nothing happened */
  order = sd_store_load_order (s->store, id, NULL);
  g_assert_cmpint (order->status, ==, SD_ORDER_OUT_FOR_DELIVERY);
  g_assert_cmpint (ledger_rows (s, "order_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (shop_raw_int (s, "SELECT count(*) FROM order_events WHERE to_status = 'delivered'"), ==, 0);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&b, s->water), ==, 1);
  sd_balances_clear (&b);
  shop_assert_clean (s);
}

static void
test_tickets_rest_receivable (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = NULL;
  SdTransitionOptions options;
  gint64 id;
  SdBalances b;

  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, 1, TRUE, "店长", "", &error), >, 0);
  id = shop_order (s, s->alice, s->alice_home, SD_PAY_TICKETS, s->water, 3);
  shop_dispatch (s, id, s->zhou);
  sd_transition_options_init (&options);
  options.shortfall = SD_SHORTFALL_RECEIVABLE;
  options.empties_back = 0;   /* a new customer: no empties yet */
  g_assert_true (shop_deliver (s, id, &options, &error));
  g_assert_no_error (error);

  b = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&b, s->water), ==, 0);
  g_assert_cmpint (b.receivable_fen, ==, 2 * 1800);
  g_assert_cmpint (b.buckets, ==, 3);
  sd_balances_clear (&b);
  order = sd_store_load_order (s->store, id, NULL);
  g_assert_cmpint (((SdOrderLine *) g_ptr_array_index (order->lines, 0))->tickets_used, ==, 1);
  g_assert_cmpint (((SdOrderLine *) g_ptr_array_index (order->lines, 0))->empties_back, ==, 0);
  shop_assert_clean (s);
}

/* Marking orders delivered from the order list: a shortfall refuses the whole selection
 * with the numbers; asked again with "owe the rest", it is delivered. */
static void
test_bulk_delivery_shortfall (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[2];
  SdBalances b;

  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, 1, TRUE, "店长", "", &error), >, 0);
  ids[0] = shop_order (s, s->acme, s->acme_office, SD_PAY_CASH_ON_DELIVERY, s->milk, 2);
  ids[1] = shop_order (s, s->alice, s->alice_home, SD_PAY_TICKETS, s->water, 3);

  g_assert_false (sd_store_deliver_orders (s->store, ids, 2, "店长", SD_SHORTFALL_REFUSE, &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_TICKETS);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdOrder) order = sd_store_load_order (s->store, ids[i], NULL);
      g_assert_cmpint (order->status, ==, SD_ORDER_PENDING);
    }
  g_assert_cmpint (ledger_rows (s, "order_id IS NOT NULL"), ==, 0);

  g_assert_true (sd_store_deliver_orders (s->store, ids, 2, "店长", SD_SHORTFALL_RECEIVABLE, &error));
  g_assert_no_error (error);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&b, s->water), ==, 0);
  g_assert_cmpint (b.receivable_fen, ==, 2 * 1800);
  sd_balances_clear (&b);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdOrder) order = sd_store_load_order (s->store, ids[i], NULL);
      g_assert_cmpint (order->status, ==, SD_ORDER_DELIVERED);
    }
  shop_assert_clean (s);
}

/* Tickets of a plan valid for 30 days: the oldest sale is drawn first, what it still holds
 * on day 30 is written off with a row pointing at the sale; a plan without validity never
 * expires; running it again changes nothing; the check stays clean. */
static void
test_tickets_expire (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdTicketPlan) month = sd_ticket_plan_new ("月卡 20 张送 2 张", s->water, 20, 2, 30000);
  SdPaymentHow how = shop_cash (0);
  gint64 start = s->now, sale, expired = -1;
  SdBalances b;

  month->valid_days = 30;
  g_assert_true (sd_store_save_ticket_plan (s->store, month, &error));
  sale = sd_store_sell_ticket_plan (s->store, s->alice, month->id, &how, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sale, >, 0);
  s->now = start + 86400;
  g_assert_cmpint (sd_store_sell_ticket_plan (s->store, s->alice, s->plan, &how, &error), >, 0);
  s->now = start + 2 * 86400;
  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, -5,
                                            FALSE, "店长", "", &error), >, 0);
  g_assert_no_error (error);

  /* day 29: nothing yet */
  s->now = start + 29 * 86400;
  g_assert_true (sd_store_expire_tickets (s->store, "", &expired, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expired, ==, 0);

  /* day 31, before the write-off was made: 5 more used — from the plan still valid */
  s->now = start + 31 * 86400;
  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, -5,
                                            FALSE, "店长", "", &error), >, 0);

  /* the write-off: the month card's 22 − 5 */
  s->now = start + 32 * 86400;
  g_assert_true (sd_store_expire_tickets (s->store, "", &expired, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expired, ==, 17);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&b, s->water), ==, 17);
  sd_balances_clear (&b);
  g_assert_cmpint (ledger_rows (s, "reason = 'ticket_expiry'"), ==, 1);
  {
    g_autofree char *where = g_strdup_printf ("reason = 'ticket_expiry' AND delta = -17 AND payment_id = %"
                                              G_GINT64_FORMAT, sale);
    g_assert_cmpint (ledger_rows (s, where), ==, 1);
  }

  /* again, and a year later: the plan without validity keeps its tickets */
  s->now = start + 400 * 86400;
  g_assert_true (sd_store_expire_tickets (s->store, "", &expired, &error));
  g_assert_cmpint (expired, ==, 0);
  g_assert_cmpint (ledger_rows (s, "reason = 'ticket_expiry'"), ==, 1);
  shop_assert_clean (s);
}

static void
test_tickets_rest_cash (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  SdTransitionOptions options;
  SdPayment *p;
  gint64 id;
  SdBalances b;

  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, 2, TRUE, "店长", "", &error), >, 0);
  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_BUCKETS, 0, 5, TRUE, "店长", "", &error), >, 0);
  id = shop_order (s, s->alice, s->alice_home, SD_PAY_TICKETS, s->water, 5);
  shop_dispatch (s, id, s->li);
  sd_transition_options_init (&options);
  options.shortfall = SD_SHORTFALL_CASH;
  g_assert_true (shop_deliver (s, id, &options, &error));
  g_assert_no_error (error);

  b = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&b, s->water), ==, 0);
  g_assert_cmpint (b.receivable_fen, ==, 0);   /* charged 3 × ¥18 and paid in cash at once */
  sd_balances_clear (&b);
  payments = sd_store_list_payments (s->store, s->alice, &error);
  g_assert_cmpuint (payments->len, ==, 1);
  p = g_ptr_array_index (payments, 0);
  g_assert_cmpint (p->amount_fen, ==, 3 * 1800);
  g_assert_cmpint (p->method, ==, SD_METHOD_CASH);
  g_assert_cmpint (p->courier_id, ==, s->li);
  g_assert_cmpint (p->order_id, ==, id);
  shop_assert_clean (s);
}

/* Every ledger row as text, to prove old rows are never touched. */
static char *
dump_ledger (Shop *s, gint64 below_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new ("");

  g_assert_cmpint (sqlite3_open_v2 (s->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM ledger WHERE id <= ?1 ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, below_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "NULL");
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
test_reversal (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_order_new (s->alice, s->alice_home, "2026-05-29", SD_PAY_TICKETS);
  g_autoptr(SdOrder) after = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *before_rows = NULL;
  g_autofree char *after_rows = NULL;
  SdTransitionOptions options;
  SdBalances before, delivered, reversed;
  gint64 last_id, n_rows;
  SdOrderEvent *e;

  sell_plan (s, s->alice);
  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_BUCKETS, 0, 1, TRUE, "店长", "", &error), >, 0);
  sd_order_add_line (order, s->water, 2);
  sd_order_add_line (order, s->milk, 4);
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  shop_dispatch (s, order->id, s->zhou);
  before = shop_balances (s, s->alice);
  sd_transition_options_init (&options);
  options.empties_back = 1;
  g_assert_true (shop_deliver (s, order->id, &options, &error));
  g_assert_no_error (error);

  delivered = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&delivered, s->water), ==, 20);
  g_assert_cmpint (delivered.buckets, ==, 2);
  g_assert_cmpint (delivered.receivable_fen, ==, 1800);
  /* ticket_use, bucket_out, bucket_back, charge */
  g_assert_cmpint (ledger_rows (s, "order_id IS NOT NULL"), ==, 4);
  last_id = shop_raw_int (s, "SELECT max(id) FROM ledger");
  n_rows = shop_raw_int (s, "SELECT count(*) FROM ledger");
  before_rows = dump_ledger (s, last_id);

  /* delivered is final: cancelling is not a transition */
  g_assert_false (sd_store_transition_order (s->store, order->id, SD_ORDER_CANCELLED, "店长", "送错了", NULL, &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION);
  g_clear_error (&error);
  g_assert_false (sd_store_reverse_order (s->store, order->id, "店长", " ", &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_REASON_REQUIRED);
  g_clear_error (&error);

  s->now += 7200;
  g_assert_true (sd_store_reverse_order (s->store, order->id, "店长", "送错了地址", &error));
  g_assert_no_error (error);

  reversed = shop_balances (s, s->alice);
  g_assert_cmpint (sd_balances_get_tickets (&reversed, s->water), ==, sd_balances_get_tickets (&before, s->water));
  g_assert_cmpint (reversed.buckets, ==, before.buckets);
  g_assert_cmpint (reversed.receivable_fen, ==, before.receivable_fen);
  g_assert_cmpint (reversed.prepaid_fen, ==, before.prepaid_fen);
  g_assert_cmpint (reversed.deposit_fen, ==, before.deposit_fen);

  /* the old rows are exactly as they were; four new ones undo them */
  after_rows = dump_ledger (s, last_id);
  g_assert_cmpstr (after_rows, ==, before_rows);
  g_assert_cmpint (shop_raw_int (s, "SELECT count(*) FROM ledger"), ==, n_rows + 4);
  g_assert_cmpint (ledger_rows (s, "reason = 'reversal' AND reverses_id IS NOT NULL"), ==, 4);

  after = sd_store_load_order (s->store, order->id, NULL);
  g_assert_cmpint (after->status, ==, SD_ORDER_CANCELLED);
  g_assert_cmpstr (after->cancel_reason, ==, "送错了地址");
  events = sd_store_list_order_events (s->store, order->id, NULL);
  e = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (e->from_status, ==, SD_ORDER_DELIVERED);
  g_assert_cmpint (e->to_status, ==, SD_ORDER_CANCELLED);
  g_assert_cmpint (e->at, ==, s->now);

  /* once is enough */
  g_assert_false (sd_store_reverse_order (s->store, order->id, "店长", "again", &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION);
  shop_assert_clean (s);

  sd_balances_clear (&before);
  sd_balances_clear (&delivered);
  sd_balances_clear (&reversed);
}

static void
test_buckets_and_deposit (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  SdPaymentHow how = shop_cash (s->zhou);
  SdTransitionOptions options;
  gint64 first, second, third;
  SdBalances b;

  /* a new customer: pays the deposit for 2 buckets, gets 2 full, gives no empties */
  g_assert_cmpint (sd_store_take_deposit (s->store, s->alice, s->water, 2, &how, &error), >, 0);
  g_assert_no_error (error);
  first = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->water, 2);
  shop_dispatch (s, first, s->zhou);
  sd_transition_options_init (&options);
  options.empties_back = 0;
  options.collected_fen = 3600;
  g_assert_true (shop_deliver (s, first, &options, &error));
  g_assert_no_error (error);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (b.buckets, ==, 2);
  g_assert_cmpint (b.deposit_fen, ==, 10000);
  g_assert_cmpint (b.receivable_fen, ==, 0);
  sd_balances_clear (&b);

  /* swaps: 2 out, 2 back */
  second = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->water, 2);
  shop_dispatch (s, second, s->zhou);
  g_assert_true (shop_deliver (s, second, NULL, &error));
  b = shop_balances (s, s->alice);
  g_assert_cmpint (b.buckets, ==, 2);
  g_assert_cmpint (b.receivable_fen, ==, 3600);   /* not paid yet */
  sd_balances_clear (&b);

  /* empties beyond what the customer holds are refused */
  third = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  shop_dispatch (s, third, s->zhou);
  options.empties_back = 4;
  options.collected_fen = 0;
  g_assert_false (shop_deliver (s, third, &options, &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_BUCKETS);
  g_assert_nonnull (strstr (error->message, "4 empty buckets"));
  g_assert_nonnull (strstr (error->message, "only 3"));
  g_clear_error (&error);
  shop_move (s, third, SD_ORDER_CANCELLED);

  /* 退桶退押: more than held is refused */
  g_assert_cmpint (sd_store_refund_deposit (s->store, s->alice, s->water, 3, &how, &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sd_store_refund_deposit (s->store, s->alice, s->water, 2, &how, &error), >, 0);
  g_assert_no_error (error);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (b.buckets, ==, 0);
  g_assert_cmpint (b.deposit_fen, ==, 0);
  sd_balances_clear (&b);
  payments = sd_store_list_payments (s->store, s->alice, &error);
  g_assert_cmpint (((SdPayment *) g_ptr_array_index (payments, 0))->amount_fen, ==, -10000);
  g_assert_cmpint (((SdPayment *) g_ptr_array_index (payments, 0))->purpose, ==, SD_PURPOSE_DEPOSIT_REFUND);
  /* no deposit on a product without one */
  g_assert_cmpint (sd_store_take_deposit (s->store, s->alice, s->milk, 1, &how, &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  shop_assert_clean (s);
}

static void
test_prepaid (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SdPaymentHow how = { .method = SD_METHOD_WECHAT, .who = "店长" };
  SdTransitionOptions options;
  gint64 first, second;
  SdBalances b;

  g_assert_cmpint (sd_store_top_up_prepaid (s->store, s->acme, 10000, &how, &error), >, 0);
  g_assert_cmpint (sd_store_top_up_prepaid (s->store, s->acme, -5, &how, &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  first = shop_order (s, s->acme, s->acme_office, SD_PAY_PREPAID, s->water, 3);
  shop_dispatch (s, first, s->li);
  g_assert_true (shop_deliver (s, first, NULL, &error));
  g_assert_no_error (error);
  b = shop_balances (s, s->acme);
  g_assert_cmpint (b.prepaid_fen, ==, 10000 - 5400);
  g_assert_cmpint (b.receivable_fen, ==, 0);
  sd_balances_clear (&b);

  second = shop_order (s, s->acme, s->acme_office, SD_PAY_PREPAID, s->water, 3);
  shop_dispatch (s, second, s->li);
  g_assert_false (shop_deliver (s, second, NULL, &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_NOT_ENOUGH_PREPAID);
  g_assert_nonnull (strstr (error->message, "54.00"));
  g_assert_nonnull (strstr (error->message, "46.00"));
  g_clear_error (&error);
  sd_transition_options_init (&options);
  options.shortfall = SD_SHORTFALL_RECEIVABLE;
  g_assert_true (shop_deliver (s, second, &options, &error));
  b = shop_balances (s, s->acme);
  g_assert_cmpint (b.prepaid_fen, ==, 0);
  g_assert_cmpint (b.receivable_fen, ==, 800);
  sd_balances_clear (&b);

  /* paying what is owed from a new top-up */
  g_assert_cmpint (sd_store_top_up_prepaid (s->store, s->acme, 1000, &how, &error), >, 0);
  how.method = SD_METHOD_PREPAID;
  g_assert_cmpint (sd_store_record_payment (s->store, s->acme, 0, 2000, &how, &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sd_store_record_payment (s->store, s->acme, second, 800, &how, &error), >, 0);
  b = shop_balances (s, s->acme);
  g_assert_cmpint (b.prepaid_fen, ==, 200);
  g_assert_cmpint (b.receivable_fen, ==, 0);
  sd_balances_clear (&b);
  shop_assert_clean (s);
}

static void
test_receivables (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SdPaymentHow cash = shop_cash (s->zhou);
  SdPaymentHow transfer = { .method = SD_METHOD_BANK_TRANSFER, .who = "会计" };
  gint64 cod, monthly;
  SdBalances b;

  cod = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->milk, 2);
  shop_dispatch (s, cod, s->zhou);
  g_assert_true (shop_deliver (s, cod, NULL, &error));
  b = shop_balances (s, s->alice);
  g_assert_cmpint (b.receivable_fen, ==, 900);
  sd_balances_clear (&b);
  /* the courier hands in the cash */
  g_assert_cmpint (sd_store_record_payment (s->store, 0, cod, 900, &cash, &error), >, 0);
  g_assert_no_error (error);
  b = shop_balances (s, s->alice);
  g_assert_cmpint (b.receivable_fen, ==, 0);
  sd_balances_clear (&b);
  /* an order of another customer cannot be paid as hers */
  g_assert_cmpint (sd_store_record_payment (s->store, s->acme, cod, 100, &cash, &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  monthly = shop_order (s, s->acme, s->acme_office, SD_PAY_MONTHLY_ACCOUNT, s->water, 10);
  shop_dispatch (s, monthly, s->li);
  g_assert_true (shop_deliver (s, monthly, NULL, &error));
  g_assert_no_error (error);
  b = shop_balances (s, s->acme);
  g_assert_cmpint (b.receivable_fen, ==, 18000);
  sd_balances_clear (&b);
  g_assert_cmpint (sd_store_record_payment (s->store, s->acme, 0, 20000, &transfer, &error), >, 0);
  b = shop_balances (s, s->acme);
  g_assert_cmpint (b.receivable_fen, ==, -2000);   /* credit */
  sd_balances_clear (&b);
  g_assert_cmpint (sd_store_refund_credit (s->store, s->acme, 3000, &transfer, &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sd_store_refund_credit (s->store, s->acme, 2000, &transfer, &error), >, 0);
  b = shop_balances (s, s->acme);
  g_assert_cmpint (b.receivable_fen, ==, 0);
  sd_balances_clear (&b);
  shop_assert_clean (s);
}

static void
test_append_only (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sell_plan (s, s->alice);
  g_assert_cmpint (shop_raw_exec (s->path, "UPDATE ledger SET delta = 100"), !=, SQLITE_OK);
  g_assert_cmpint (shop_raw_exec (s->path, "DELETE FROM ledger"), !=, SQLITE_OK);
  g_assert_cmpint (shop_raw_exec (s->path, "DELETE FROM payments"), !=, SQLITE_OK);
  g_assert_cmpint (ledger_rows (s, "delta = 22"), ==, 1);
  /* corrections are rows; a balance cannot be pushed below zero */
  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, -23, FALSE, "店长", "盘点", &error), ==, 0);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, -2, FALSE, "店长", "盘点", &error), >, 0);
  g_assert_cmpint (ledger_rows (s, "1"), ==, 2);
}

/* A day in Shanghai (UTC+8): local 2026-03-10 is 2026-03-09 16:00 – 2026-03-10 16:00 UTC. */
static void
deliver_at (Shop *s, gint64 at, gint64 courier, gint64 product, int n, int empties, gint64 collected)
{
  g_autoptr(GError) error = NULL;
  SdTransitionOptions options;
  gint64 id = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, product, n);

  if (courier > 0)
    shop_dispatch (s, id, courier);
  else
    {
      shop_move (s, id, SD_ORDER_TO_DISPATCH);
      shop_move (s, id, SD_ORDER_OUT_FOR_DELIVERY);
    }
  s->now = at;
  sd_transition_options_init (&options);
  options.empties_back = empties;
  options.collected_fen = collected;
  g_assert_true (shop_deliver (s, id, &options, &error));
  g_assert_no_error (error);
}

static void
test_cashup (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const gint64 midnight = 1773072000;   /* 2026-03-10 00:00 +08:00 */
  SdPaymentHow wechat = { .method = SD_METHOD_WECHAT, .courier_id = 0, .who = "店长" };
  SdPaymentHow zhou_cash = shop_cash (s->zhou);
  SdCashup zhou, li, counter, day_before;
  gint64 start, end;

  g_assert_nonnull (shanghai);
  g_assert_true (sd_local_day_range ("2026-03-10", shanghai, &start, &end));
  g_assert_cmpint (start, ==, midnight);
  g_assert_cmpint (end, ==, midnight + 86400);
  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_BUCKETS, 0, 10, TRUE, "", "", &error), >, 0);

  deliver_at (s, midnight - 60, s->zhou, s->water, 5, 5, 9000);          /* 23:59 the day before */
  deliver_at (s, midnight + 30, s->zhou, s->water, 2, 1, 3600);          /* 00:00:30 */
  deliver_at (s, midnight + 10 * 3600, s->zhou, s->water, 3, 3, 0);      /* 10:00, paid later */
  deliver_at (s, midnight + 86400 - 1, s->li, s->water, 1, 0, 1800);     /* 23:59:59 */
  deliver_at (s, midnight + 86400, s->li, s->water, 4, 4, 7200);         /* next day */
  deliver_at (s, midnight + 12 * 3600, 0, s->milk, 2, 0, 900);           /* at the counter */
  /* the courier hands in money for the 10:00 order in the afternoon */
  s->now = midnight + 15 * 3600;
  g_assert_cmpint (sd_store_record_payment (s->store, s->alice, 0, 5400, &zhou_cash, &error), >, 0);
  /* a ticket plan sold at the counter, paid by WeChat */
  g_assert_cmpint (sd_store_sell_ticket_plan (s->store, s->alice, s->plan, &wechat, &error), >, 0);

  g_assert_true (sd_store_cashup (s->store, "2026-03-10", shanghai, s->zhou, &zhou, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zhou.deliveries, ==, 2);
  g_assert_cmpint (zhou.cash_fen, ==, 3600 + 5400);
  g_assert_cmpint (zhou.collected_fen[SD_METHOD_CASH], ==, 9000);
  g_assert_cmpint (zhou.collected_fen[SD_METHOD_WECHAT], ==, 0);
  g_assert_cmpuint (zhou.n_payments, ==, 2);
  g_assert_cmpint (zhou.buckets_out, ==, 5);
  g_assert_cmpint (zhou.empties_back, ==, 4);
  g_assert_cmpint (zhou.tickets_taken, ==, 0);

  g_assert_true (sd_store_cashup (s->store, "2026-03-10", shanghai, s->li, &li, &error));
  g_assert_cmpuint (li.deliveries, ==, 1);
  g_assert_cmpint (li.cash_fen, ==, 1800);
  g_assert_cmpint (li.buckets_out, ==, 1);
  g_assert_cmpint (li.empties_back, ==, 0);

  g_assert_true (sd_store_cashup (s->store, "2026-03-10", shanghai, 0, &counter, &error));
  g_assert_cmpuint (counter.deliveries, ==, 1);
  g_assert_cmpint (counter.cash_fen, ==, 900);
  g_assert_cmpint (counter.collected_fen[SD_METHOD_WECHAT], ==, 30000);
  g_assert_cmpint (counter.buckets_out, ==, 0);

  g_assert_true (sd_store_cashup (s->store, "2026-03-09", shanghai, s->zhou, &day_before, &error));
  g_assert_cmpuint (day_before.deliveries, ==, 1);
  g_assert_cmpint (day_before.cash_fen, ==, 9000);
  g_assert_cmpint (day_before.buckets_out, ==, 5);

  /* the same day in UTC is a different day */
  g_assert_true (sd_store_cashup (s->store, "2026-03-10", utc, s->li, &li, &error));
  g_assert_cmpuint (li.deliveries, ==, 2);

  g_assert_false (sd_store_cashup (s->store, "3/10", shanghai, 0, &counter, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  shop_assert_clean (s);
}

static void
test_aging (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GPtrArray) rows = NULL;
  SdPaymentHow transfer = { .method = SD_METHOD_BANK_TRANSFER, .who = "会计" };
  const gint64 day = 86400, as_of = 1773072000 + 12 * 3600;   /* 2026-03-10 noon, Shanghai */
  SdAgingRow *row;

  /* charges 100, 45, 20 and 5 days before; 10000 paid on account (it clears the oldest) */
  s->now = as_of - 100 * day;
  deliver_at (s, as_of - 100 * day, s->li, s->water, 10, 0, 0);   /* 18000 */
  s->now = as_of - 45 * day;
  deliver_at (s, as_of - 45 * day, s->li, s->milk, 10, 0, 0);     /*  4500 */
  s->now = as_of - 50 * day;
  g_assert_cmpint (sd_store_record_payment (s->store, s->alice, 0, 10000, &transfer, &error), >, 0);
  s->now = as_of - 20 * day;
  deliver_at (s, as_of - 20 * day, s->li, s->pump, 2, 0, 0);      /*  3000 */
  s->now = as_of - 5 * day;
  deliver_at (s, as_of - 5 * day, s->li, s->milk, 2, 0, 0);       /*   900 */
  /* a later charge is not owed yet on the report day */
  deliver_at (s, as_of + 2 * day, s->li, s->milk, 2, 0, 0);

  rows = sd_store_receivables_aging (s->store, "2026-03-10", shanghai, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->customer_id, ==, s->alice);
  g_assert_cmpint (row->total_fen, ==, 18000 + 4500 - 10000 + 3000 + 900);
  g_assert_cmpint (row->bucket_fen[0], ==, 3000 + 900);
  g_assert_cmpint (row->bucket_fen[1], ==, 4500);
  g_assert_cmpint (row->bucket_fen[2], ==, 0);
  g_assert_cmpint (row->bucket_fen[3], ==, 18000 - 10000);

  g_assert_cmpint (sd_store_record_payment (s->store, s->alice, 0, 16400, &transfer, &error), >, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = sd_store_receivables_aging (s->store, "2026-03-12", shanghai, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->total_fen, ==, 900);   /* only the newest charge is left */
  g_assert_cmpint (row->bucket_fen[0], ==, 900);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
#define ADD(path, fn) g_test_add (path, Shop, NULL, shop_setup, fn, shop_teardown)
  ADD ("/ledger/tickets/consumed", test_tickets_consumed);
  ADD ("/ledger/tickets/refused", test_tickets_refused);
  ADD ("/ledger/tickets/rest-as-receivable", test_tickets_rest_receivable);
  ADD ("/ledger/tickets/rest-in-cash", test_tickets_rest_cash);
  ADD ("/ledger/tickets/bulk-delivery-shortfall", test_bulk_delivery_shortfall);
  ADD ("/ledger/tickets/expire", test_tickets_expire);
  ADD ("/ledger/reversal", test_reversal);
  ADD ("/ledger/buckets-and-deposit", test_buckets_and_deposit);
  ADD ("/ledger/prepaid", test_prepaid);
  ADD ("/ledger/receivables", test_receivables);
  ADD ("/ledger/append-only", test_append_only);
  ADD ("/ledger/cashup", test_cashup);
  ADD ("/ledger/aging", test_aging);
  return g_test_run ();
}
