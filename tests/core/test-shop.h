/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small water station for the order and ledger tests: three products, two couriers,
 * two customers, a ticket plan, a clock the test moves. */
#pragma once

#include <sqlite3.h>

#include "sd-catalog.h"
#include "sd-check.h"
#include "sd-customer-store.h"
#include "sd-ledger.h"
#include "sd-order.h"
#include "sd-payment.h"
#include "sd-pricing.h"
#include "sd-report.h"
#include "test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  SdStore *store;
  gint64   now;
  gint64   water, milk, pump;     /* products: 18.9 L water (returnable, ¥18, deposit ¥50), ¥4.50, ¥15 */
  gint64   zhou, li;              /* couriers */
  gint64   alice, acme;           /* customers: a household, a company */
  gint64   alice_home, acme_office;
  gint64   plan;                  /* 20 + 2 tickets of water for ¥300 */
} Shop;

static inline gint64
shop_clock (gpointer data)
{
  return ((Shop *) data)->now;
}

static inline gint64
shop_customer (Shop *s, const char *name, const char *phone, gint64 *address_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomer) c = sd_customer_new ();
  SdAddress *a;

  sd_customer_set_name (c, name);
  sd_customer_add_phone (c, phone, "");
  sd_customer_add_address (c, sd_address_new ("杭州市西湖区教工路1号"));
  g_assert_true (sd_store_save_customer (s->store, c, &error));
  g_assert_no_error (error);
  a = g_ptr_array_index (sd_customer_get_addresses (c), 0);
  *address_id = a->id;
  g_assert_cmpint (*address_id, >, 0);
  return sd_customer_get_id (c);
}

static inline void
shop_setup (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SdProduct water = { .name = "18.9L 纯净水", .unit = "桶", .category = "桶装水", .price_fen = 1800,
                      .deposit_fen = 5000, .active = TRUE, .returnable_bucket = TRUE };
  SdProduct milk = { .name = "鲜牛奶", .unit = "瓶", .category = "鲜奶", .price_fen = 450, .active = TRUE };
  SdProduct pump = { .name = "压水器", .unit = "个", .category = "配件", .price_fen = 1500, .active = TRUE };
  SdCourier zhou = { .name = "周师傅", .color = (char *) "#e01b24", .active = TRUE };
  SdCourier li = { .name = "老李", .color = (char *) "#2ec27e", .active = TRUE };
  g_autoptr(SdTicketPlan) plan = NULL;

  s->dir = test_tmp_dir ();
  s->path = g_build_filename (s->dir, "shop.db", NULL);
  s->store = sd_store_open (s->path, &error);
  g_assert_no_error (error);
  s->now = 1780000000;   /* 2026-05-28 20:26:40 UTC */
  sd_store_set_clock (s->store, shop_clock, s);

  g_assert_true (sd_store_save_product (s->store, &water, &error));
  g_assert_true (sd_store_save_product (s->store, &milk, &error));
  g_assert_true (sd_store_save_product (s->store, &pump, &error));
  g_assert_true (sd_store_save_courier (s->store, &zhou, &error));
  g_assert_true (sd_store_save_courier (s->store, &li, &error));
  g_assert_no_error (error);
  s->water = water.id;
  s->milk = milk.id;
  s->pump = pump.id;
  s->zhou = zhou.id;
  s->li = li.id;

  s->alice = shop_customer (s, "王阿姨", "13800138000", &s->alice_home);
  s->acme = shop_customer (s, "杭州恒信科技有限公司", "13900139000", &s->acme_office);

  plan = sd_ticket_plan_new ("20 张送 2 张", s->water, 20, 2, 30000);
  g_assert_true (sd_store_save_ticket_plan (s->store, plan, &error));
  g_assert_no_error (error);
  s->plan = plan->id;
}

static inline void
shop_teardown (Shop *s, gconstpointer data)
{
  g_clear_object (&s->store);
  test_rm_rf (s->dir);
  g_free (s->dir);
  g_free (s->path);
}

/* An order of `n` of a product for the customer, created (pending). */
static inline gint64
shop_order (Shop *s, gint64 customer, gint64 address, SdOrderPayment payment,
            gint64 product, int n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_order_new (customer, address, "2026-05-29", payment);

  sd_order_add_line (order, product, n);
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  g_assert_no_error (error);
  return order->id;
}

static inline void
shop_move (Shop *s, gint64 order_id, SdOrderStatus to)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_store_transition_order (s->store, order_id, to, "店长",
                                            to == SD_ORDER_CANCELLED ? "客户不要了" : NULL,
                                            NULL, &error));
  g_assert_no_error (error);
}

/* pending → to_dispatch → out_for_delivery, with a courier */
static inline void
shop_dispatch (Shop *s, gint64 order_id, gint64 courier)
{
  g_autoptr(GError) error = NULL;
  SdTransitionOptions options;

  sd_transition_options_init (&options);
  options.courier_id = courier;
  g_assert_true (sd_store_transition_order (s->store, order_id, SD_ORDER_TO_DISPATCH, "店长", NULL,
                                            &options, &error));
  g_assert_no_error (error);
  shop_move (s, order_id, SD_ORDER_OUT_FOR_DELIVERY);
}

static inline gboolean
shop_deliver (Shop *s, gint64 order_id, const SdTransitionOptions *options, GError **error)
{
  return sd_store_transition_order (s->store, order_id, SD_ORDER_DELIVERED, "周师傅", NULL,
                                    options, error);
}

static inline SdBalances
shop_balances (Shop *s, gint64 customer)
{
  g_autoptr(GError) error = NULL;
  SdBalances b;

  g_assert_true (sd_store_get_balances (s->store, customer, &b, &error));
  g_assert_no_error (error);
  return b;
}

static inline SdPaymentHow
shop_cash (gint64 courier)
{
  SdPaymentHow how = { .method = SD_METHOD_CASH, .courier_id = courier, .who = "店长", .note = "" };
  return how;
}

/* One number from the database file, read behind the store's back. */
static inline gint64
shop_raw_int (Shop *s, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (s->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static inline int
shop_raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc;
}

/* Every problem sd_store_check() finds. */
static inline GPtrArray *
shop_check (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  g_assert_true (sd_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((SdProblem *) g_ptr_array_index (problems, i))->message);
  return problems;
}

static inline void
shop_assert_clean (Shop *s)
{
  g_autoptr(GPtrArray) problems = shop_check (s->store);
  g_assert_cmpuint (problems->len, ==, 0);
}
