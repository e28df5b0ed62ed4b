/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The integrity check: clean on the demo shop; each corruption made with raw SQL is found
 * and names the order, customer or payment. */
#include "sd-demo.h"
#include "test-shop.h"

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
corrupt (const char *path, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
corrupt (const char *path, const char *format, ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("corrupting: %s", sql);
  g_assert_cmpint (shop_raw_exec (path, sql), ==, SQLITE_OK);
}

static const SdProblem *
find (GPtrArray *problems, const char *code, gint64 order_id, gint64 customer_id, gint64 payment_id)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const SdProblem *p = g_ptr_array_index (problems, i);
      if (g_str_equal (p->code, code) && (order_id == 0 || p->order_id == order_id) &&
          (customer_id == 0 || p->customer_id == customer_id) &&
          (payment_id == 0 || p->payment_id == payment_id))
        return p;
    }
  return NULL;
}

static void
assert_names (const SdProblem *p, gint64 id)
{
  g_autofree char *number = g_strdup_printf (" %" G_GINT64_FORMAT, id);

  g_assert_nonnull (p);
  g_test_message ("found: %s", p->message);
  g_assert_nonnull (strstr (p->message, number));
}

static void
test_demo_and_corruptions (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, &error);
  g_autoptr(GPtrArray) problems = NULL;
  SdDemoOptions options;
  gint64 start = g_get_monotonic_time ();
  gint64 total_order, charge_order, charge_row, pending_order, cancelled_order, line_order;
  gint64 gap_order, gap_event, customer, ticket_product, payment, payment_row, n_orders;

  sd_demo_options_init (&options);
  options.reference_time = 1780000000;
  g_assert_true (sd_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_test_message ("demo of %u customers in %.1f s", options.n_customers,
                  (g_get_monotonic_time () - start) / 1e6);

  /* a believable amount of business, and clean */
  n_orders = raw_int (path, "SELECT count(*) FROM orders");
  g_test_message ("%" G_GINT64_FORMAT " orders", n_orders);
  g_assert_cmpint (n_orders, >, 3000);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM orders WHERE status = 'cancelled'"), >, 20);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM orders WHERE status = 'pending'"), >, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM payments WHERE purpose = 'ticket_sale'"), >, 50);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM payments WHERE purpose = 'deposit'"), >, 10);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM ledger WHERE reason = 'reversal'"), >, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id"
                                  " JOIN products p ON p.id = l.product_id WHERE p.category = '鲜奶'"), >, 100);
  g_assert_cmpint (raw_int (path, "SELECT min(requested_date) < '2025-12-01' FROM orders"), ==, 1);
  start = g_get_monotonic_time ();
  problems = shop_check (store);
  g_test_message ("check in %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_object (&store);

  /* pick the victims */
  total_order = raw_int (path, "SELECT min(id) FROM orders WHERE status = 'delivered'");
  charge_row = raw_int (path, "SELECT min(id) FROM ledger WHERE reason = 'charge' AND order_id > 100");
  charge_order = raw_int (path, "SELECT order_id FROM ledger WHERE reason = 'charge' AND order_id > 100 ORDER BY id LIMIT 1");
  pending_order = raw_int (path, "SELECT min(id) FROM orders WHERE status = 'pending'");
  cancelled_order = raw_int (path, "SELECT min(id) FROM orders WHERE status = 'cancelled'");
  line_order = raw_int (path, "SELECT max(id) FROM orders WHERE status = 'delivered'");
  gap_order = raw_int (path, "SELECT max(id) FROM orders WHERE status = 'delivered' AND id < (SELECT max(id) FROM orders WHERE status = 'delivered')");
  gap_event = raw_int (path, "SELECT e.id FROM order_events e WHERE e.to_status = 'out_for_delivery' AND e.order_id = "
                             "(SELECT max(id) FROM orders WHERE status = 'delivered' AND id < (SELECT max(id) FROM orders WHERE status = 'delivered'))");
  customer = raw_int (path, "SELECT max(id) FROM customers");
  ticket_product = raw_int (path, "SELECT min(product_id) FROM ticket_plans");
  payment = raw_int (path, "SELECT max(id) FROM payments WHERE purpose = 'deposit'");
  payment_row = raw_int (path, "SELECT id FROM ledger WHERE payment_id = (SELECT max(id) FROM payments WHERE purpose = 'deposit')");
  g_assert_cmpint (MIN (MIN (total_order, charge_order), MIN (pending_order, cancelled_order)), >, 0);
  g_assert_cmpint (MIN (MIN (line_order, gap_order), MIN (gap_event, payment_row)), >, 0);
  g_assert_cmpint (charge_order, !=, total_order);

  corrupt (path, "UPDATE orders SET total_fen = total_fen + 100 WHERE id = %" G_GINT64_FORMAT, total_order);
  corrupt (path, "DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
           charge_row, payment_row);
  corrupt (path, "UPDATE orders SET status = 'delivered' WHERE id = %" G_GINT64_FORMAT, pending_order);
  corrupt (path, "PRAGMA ignore_check_constraints = 1; UPDATE orders SET cancel_reason = '' WHERE id = %" G_GINT64_FORMAT
                 "; UPDATE order_lines SET line_total_fen = line_total_fen + 1 WHERE order_id = %" G_GINT64_FORMAT,
           cancelled_order, line_order);
  corrupt (path, "DROP TRIGGER order_events_no_delete; DELETE FROM order_events WHERE id = %" G_GINT64_FORMAT, gap_event);
  corrupt (path, "INSERT INTO ledger (customer_id, kind, product_id, delta, reason, at, who, note)"
                 " VALUES (%" G_GINT64_FORMAT ", 'tickets', %" G_GINT64_FORMAT ", -5, 'adjustment', 1780000000, '', '')",
           customer, ticket_product);
  corrupt (path, "INSERT INTO ledger (customer_id, kind, delta, reason, order_id, at, who, note)"
                 " VALUES (%" G_GINT64_FORMAT ", 'buckets', 2, 'bucket_out', 99999999, 1780000000, '', '')", customer);

  store = sd_store_open (path, &error);
  g_assert_no_error (error);
  problems = shop_check (store);

  assert_names (find (problems, "order-total", total_order, 0, 0), total_order);
  assert_names (find (problems, "ledger-money", charge_order, 0, 0), charge_order);
  assert_names (find (problems, "delivered-without-event", pending_order, 0, 0), pending_order);
  assert_names (find (problems, "cancel-reason", cancelled_order, 0, 0), cancelled_order);
  assert_names (find (problems, "line-total", line_order, 0, 0), line_order);
  assert_names (find (problems, "order-total", line_order, 0, 0), line_order);
  assert_names (find (problems, "events-gap", gap_order, 0, 0), gap_order);
  assert_names (find (problems, "negative-balance", 0, customer, 0), customer);
  assert_names (find (problems, "ledger-missing-order", 99999999, 0, 0), 99999999);
  assert_names (find (problems, "payment-ledger", 0, 0, payment), payment);
  /* and nothing about the orders that were left alone */
  for (guint i = 0; i < problems->len; i++)
    {
      const SdProblem *p = g_ptr_array_index (problems, i);
      if (p->order_id != 0)
        g_assert_true (p->order_id == total_order || p->order_id == charge_order || p->order_id == pending_order ||
                       p->order_id == cancelled_order || p->order_id == line_order || p->order_id == gap_order ||
                       p->order_id == 99999999);
    }

  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_object (&store);
  test_rm_rf (dir);
}

/* A hand-made inconsistency the check must name exactly, on the small shop. */
static void
test_expected_and_found (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 id;
  const SdProblem *p;

  g_assert_cmpint (sd_store_adjust_balance (s->store, s->alice, SD_LEDGER_TICKETS, s->water, 5, TRUE, "", "", &error), >, 0);
  id = shop_order (s, s->alice, s->alice_home, SD_PAY_TICKETS, s->water, 3);
  shop_dispatch (s, id, s->zhou);
  g_assert_true (shop_deliver (s, id, NULL, &error));
  shop_assert_clean (s);

  /* the line now says 2 tickets, the ledger took 3 */
  g_assert_cmpint (shop_raw_exec (s->path, "UPDATE order_lines SET tickets_used = 2"), ==, SQLITE_OK);
  problems = shop_check (s->store);
  p = find (problems, "ledger-tickets", id, s->alice, 0);
  assert_names (p, id);
  g_assert_nonnull (strstr (p->message, "2 tickets"));
  g_assert_nonnull (strstr (p->message, "3 were"));
  /* and the money: one unit is no longer on tickets, so ¥18.00 should have been charged */
  p = find (problems, "ledger-money", id, s->alice, 0);
  assert_names (p, id);
  g_assert_nonnull (strstr (p->message, "18.00"));
  g_assert_nonnull (strstr (p->message, "0.00"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_add_func ("/check/demo-and-corruptions", test_demo_and_corruptions);
  g_test_add ("/check/expected-and-found", Shop, NULL, shop_setup, test_expected_and_found, shop_teardown);
  return g_test_run ();
}
