/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order list on a demo shop: each filter lists exactly the orders a direct query finds,
 * in order; paging by key and by offset returns every order once; a reload after a
 * transition; the bulk actions, all or nothing. */
#include <sqlite3.h>

#include "sd-catalog.h"
#include "sd-demo.h"
#include "sd-order-list.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  SdStore *store;
  sqlite3 *db;      /* a second connection for the direct queries */
} Fixture;

static gint64
direct_int (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SdDemoOptions options;

  f->dir = test_tmp_dir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->store = sd_store_open (f->path, &error);
  g_assert_no_error (error);
  sd_demo_options_init (&options);
  options.n_customers = 40;
  options.reference_time = 1780000000;   /* 2026-05-28 */
  g_assert_true (sd_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &f->db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* the demo's "now" is before the morning run: take a few open orders for tomorrow */
  {
    gint64 customer = direct_int (f, "SELECT min(customer_id) FROM addresses");
    gint64 address = direct_int (f, "SELECT min(id) FROM addresses WHERE customer_id ="
                                    " (SELECT min(customer_id) FROM addresses)");
    gint64 product = direct_int (f, "SELECT min(id) FROM products");

    for (int i = 0; i < 4; i++)
      {
        g_autoptr(SdOrder) order = sd_order_new (customer, address, "2026-05-29", SD_PAY_CASH_ON_DELIVERY);

        sd_order_add_line (order, product, 1 + i);
        g_assert_true (sd_store_create_order (f->store, order, "店长", &error));
        g_assert_no_error (error);
        if (i % 2)
          g_assert_true (sd_store_transition_order (f->store, order->id, SD_ORDER_TO_DISPATCH, "店长",
                                                    NULL, NULL, &error));
        g_assert_no_error (error);
      }
  }
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sqlite3_close (f->db);
  g_clear_object (&f->store);
  test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Ids a direct query finds, in the list's order. */
static GArray *
direct_ids (Fixture *f, const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM orders WHERE %s"
                                          " ORDER BY requested_date DESC, id DESC", where);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static void
assert_list_is (Fixture *f, SdOrderList *list, const char *where)
{
  g_autoptr(GArray) expected = direct_ids (f, where);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (sd_order_list_get_id (list, i), ==, g_array_index (expected, gint64, i));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), expected->len));
}

static void
set_filter (SdOrderList *list, const SdOrderFilter *filter)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_order_list_set_filter (list, filter, &error));
  g_assert_no_error (error);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(SdOrderList) list = sd_order_list_new (f->store);
  g_autoptr(GPtrArray) couriers = sd_store_list_couriers (f->store, TRUE, NULL);
  SdOrderFilter filter;
  gint64 courier = ((SdCourier *) g_ptr_array_index (couriers, 0))->id;
  gint64 customer = direct_int (f, "SELECT customer_id FROM orders GROUP BY customer_id"
                                   " ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *where = NULL;

  g_assert_cmpint (direct_int (f, "SELECT count(*) FROM orders"), >, 300);
  assert_list_is (f, list, "1");

  sd_order_filter_init (&filter);
  filter.date_from = filter.date_to = "2026-05-20";
  set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  assert_list_is (f, list, "requested_date = '2026-05-20'");

  filter.date_from = "2026-05-14";
  filter.date_to = "2026-05-20";
  set_filter (list, &filter);
  assert_list_is (f, list, "requested_date BETWEEN '2026-05-14' AND '2026-05-20'");

  sd_order_filter_init (&filter);
  filter.date_from = "2026-05-01";
  set_filter (list, &filter);
  assert_list_is (f, list, "requested_date >= '2026-05-01'");

  sd_order_filter_init (&filter);
  filter.status_mask = SD_ORDER_STATUS_BIT (SD_ORDER_CANCELLED);
  set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  assert_list_is (f, list, "status = 'cancelled'");

  filter.status_mask = SD_ORDER_OPEN_STATUSES;
  set_filter (list, &filter);
  assert_list_is (f, list, "status IN ('pending', 'to_dispatch', 'out_for_delivery')");
  filter.status_mask = SD_ORDER_STATUS_BIT (SD_ORDER_DELIVERED) | SD_ORDER_STATUS_BIT (SD_ORDER_PENDING);
  set_filter (list, &filter);
  assert_list_is (f, list, "status IN ('pending', 'delivered')");

  sd_order_filter_init (&filter);
  filter.courier_id = courier;
  set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  where = g_strdup_printf ("courier_id = %" G_GINT64_FORMAT, courier);
  assert_list_is (f, list, where);

  filter.courier_id = 0;
  set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  assert_list_is (f, list, "courier_id IS NULL");

  sd_order_filter_init (&filter);
  filter.channel = SD_CHANNEL_WECHAT;
  set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  assert_list_is (f, list, "channel = 'wechat'");

  sd_order_filter_init (&filter);
  filter.customer_id = customer;
  set_filter (list, &filter);
  g_free (where);
  where = g_strdup_printf ("customer_id = %" G_GINT64_FORMAT, customer);
  assert_list_is (f, list, where);

  /* everything at once */
  filter.date_from = "2026-03-01";
  filter.date_to = "2026-05-31";
  filter.status_mask = SD_ORDER_STATUS_BIT (SD_ORDER_DELIVERED);
  filter.channel = SD_CHANNEL_PHONE;
  set_filter (list, &filter);
  g_free (where);
  where = g_strdup_printf ("customer_id = %" G_GINT64_FORMAT " AND requested_date BETWEEN"
                           " '2026-03-01' AND '2026-05-31' AND status = 'delivered'"
                           " AND channel = 'phone'", customer);
  assert_list_is (f, list, where);
  g_assert_cmpint (sd_store_count_orders (f->store, &filter, NULL), ==,
                   g_list_model_get_n_items (G_LIST_MODEL (list)));
}

static void
test_summary (Fixture *f, gconstpointer data)
{
  g_autoptr(SdOrderList) list = sd_order_list_new (f->store);
  g_autoptr(SdOrderSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(SdOrder) order = sd_store_load_order (f->store, row->id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_nonnull (order);
  g_assert_cmpint (row->customer_id, ==, order->customer_id);
  g_assert_cmpstr (row->requested_date, ==, order->requested_date);
  g_assert_cmpint (row->status, ==, order->status);
  g_assert_cmpint (row->total_fen, ==, order->total_fen);
  g_assert_cmpint (row->payment, ==, order->payment);
  g_assert_cmpint (row->channel, ==, order->channel);
  g_assert_cmpint (row->slot, ==, order->slot);
  g_assert_cmpint (row->courier_id, ==, order->courier_id);
  g_assert_cmpuint (strlen (row->customer_name), >, 0);
  g_assert_cmpuint (strlen (row->address), >, 0);
  name = g_strdup_printf ("%s ×%d", ((SdOrderLine *) g_ptr_array_index (order->lines, 0))->product_name,
                          ((SdOrderLine *) g_ptr_array_index (order->lines, 0))->quantity);
  g_assert_true (g_str_has_prefix (row->items_text, name));
  g_assert_cmpuint (row->n_items, >=, 1);

  g_assert_null (sd_store_load_order_summary (f->store, 999999999, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
}

/* Every order once, whether pages are read in order (by key) or jumped to (by offset). */
static void
test_paging (Fixture *f, gconstpointer data)
{
  g_autoptr(SdOrderList) list = sd_order_list_new (f->store);
  g_autoptr(GArray) expected = direct_ids (f, "1");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autofree gint64 *got = g_new0 (gint64, n);

  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpuint (n, >, 64 * 4);
  /* the middle first, then the end, then all from the top */
  got[n / 2] = sd_order_list_get_id (list, n / 2);
  got[n - 1] = sd_order_list_get_id (list, n - 1);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = sd_order_list_get_id (list, i);
      if (got[i] != 0)
        g_assert_cmpint (got[i], ==, id);
      got[i] = id;
      g_assert_cmpint (id, ==, g_array_index (expected, gint64, i));
      g_assert_false (g_hash_table_contains (seen, &got[i]));
      g_hash_table_add (seen, &got[i]);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  g_assert_cmpuint (sd_order_list_get_n_cached_pages (list), <=, 32);

  /* pages dropped and read again backwards, by key where one is known */
  g_assert_true (sd_order_list_reload (list, NULL));
  for (guint i = n; i > 0; i--)
    g_assert_cmpint (sd_order_list_get_id (list, i - 1), ==, g_array_index (expected, gint64, i - 1));
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, guint *count)
{
  (*count)++;
}

static void
test_reload_after_transition (Fixture *f, gconstpointer data)
{
  g_autoptr(SdOrderList) list = sd_order_list_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrderSummary) row = NULL;
  SdOrderFilter filter;
  guint before, changed = 0;
  gint64 id;

  sd_order_filter_init (&filter);
  filter.status_mask = SD_ORDER_OPEN_STATUSES;
  set_filter (list, &filter);
  before = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (before, >, 0);
  id = sd_order_list_get_id (list, 0);

  g_assert_true (sd_store_transition_order (f->store, id, SD_ORDER_CANCELLED, "店长", "客户不要了",
                                            NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changed);
  g_assert_true (sd_order_list_reload (list, &error));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before - 1);
  assert_list_is (f, list, "status IN ('pending', 'to_dispatch', 'out_for_delivery')");

  /* the unfiltered list shows it cancelled */
  set_filter (list, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && row == NULL; i++)
    if (sd_order_list_get_id (list, i) == id)
      row = g_list_model_get_item (G_LIST_MODEL (list), i);
  g_assert_nonnull (row);
  g_assert_cmpint (row->status, ==, SD_ORDER_CANCELLED);
}

static void
test_bulk (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) couriers = sd_store_list_couriers (f->store, FALSE, NULL);
  g_autoptr(GArray) open = direct_ids (f, "status IN ('pending', 'to_dispatch', 'out_for_delivery')");
  g_autoptr(GArray) done = direct_ids (f, "status = 'delivered'");
  g_autoptr(GError) error = NULL;
  gint64 courier = ((SdCourier *) g_ptr_array_index (couriers, couriers->len - 1))->id;
  gint64 ids[2], mixed[2];
  g_autofree char *sql = NULL;   /* the expected message prefix */

  g_assert_cmpuint (open->len, >=, 3);
  ids[0] = g_array_index (open, gint64, 0);
  ids[1] = g_array_index (open, gint64, 1);

  g_assert_true (sd_store_assign_orders (f->store, ids, 2, courier, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdOrder) order = sd_store_load_order (f->store, ids[i], NULL);
      g_assert_cmpint (order->courier_id, ==, courier);
    }

  /* one refuses: nothing changes, and the message names it */
  mixed[0] = ids[0];
  mixed[1] = g_array_index (done, gint64, 0);
  g_assert_false (sd_store_cancel_orders (f->store, mixed, 2, "店长", "重复下单", &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_ILLEGAL_TRANSITION);
  sql = g_strdup_printf ("Order %" G_GINT64_FORMAT ": ", mixed[1]);
  g_assert_true (g_str_has_prefix (error->message, sql));
  g_clear_error (&error);
  {
    g_autoptr(SdOrder) order = sd_store_load_order (f->store, ids[0], NULL);
    g_assert_cmpint (order->status, !=, SD_ORDER_CANCELLED);
  }

  g_assert_true (sd_store_deliver_orders (f->store, ids, 1, "店长", SD_SHORTFALL_REFUSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SdOrder) order = sd_store_load_order (f->store, ids[0], NULL);
    g_autoptr(GPtrArray) events = sd_store_list_order_events (f->store, ids[0], NULL);
    SdOrderEvent *last = g_ptr_array_index (events, events->len - 1);
    g_assert_cmpint (order->status, ==, SD_ORDER_DELIVERED);
    g_assert_cmpint (last->from_status, ==, SD_ORDER_OUT_FOR_DELIVERY);
  }

  g_assert_true (sd_store_cancel_orders (f->store, &ids[1], 1, "店长", "客户出差", &error));
  g_assert_no_error (error);
  {
    g_autoptr(SdOrder) order = sd_store_load_order (f->store, ids[1], NULL);
    g_assert_cmpint (order->status, ==, SD_ORDER_CANCELLED);
    g_assert_cmpstr (order->cancel_reason, ==, "客户出差");
  }
  /* a reason is required */
  ids[0] = g_array_index (open, gint64, 2);
  g_assert_false (sd_store_cancel_orders (f->store, ids, 1, "店长", "", &error));
  g_assert_error (error, SD_ORDER_ERROR, SD_ORDER_ERROR_REASON_REQUIRED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/order-list/filters", test_filters);
  ADD ("/order-list/summary", test_summary);
  ADD ("/order-list/paging", test_paging);
  ADD ("/order-list/reload-after-transition", test_reload_after_transition);
  ADD ("/order-list/bulk", test_bulk);
#undef ADD
  return g_test_run ();
}
