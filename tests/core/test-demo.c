/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>

#include "sd-catalog.h"
#include "sd-customer-store.h"
#include "sd-demo.h"
#include "test-util.h"

/* A digest of everything the demo wrote, table by table, row by row. */
static char *
dump_digest (const char *path)
{
  static const char *queries[] = {
    "SELECT * FROM settings ORDER BY key",
    "SELECT * FROM customers ORDER BY id",
    "SELECT * FROM customer_phones ORDER BY id",
    "SELECT * FROM addresses ORDER BY id",
    "SELECT * FROM customer_search ORDER BY customer_id",
    "SELECT * FROM products ORDER BY id",
    "SELECT * FROM couriers ORDER BY id",
    "SELECT * FROM tags ORDER BY id",
    "SELECT * FROM customer_tags ORDER BY customer_id, tag_id",
    "SELECT * FROM custom_fields ORDER BY id",
    "SELECT * FROM customer_field_values ORDER BY customer_id, field_id",
    "SELECT * FROM follow_ups ORDER BY id",
    "SELECT * FROM customer_prices ORDER BY customer_id, product_id",
    "SELECT * FROM ticket_plans ORDER BY id",
    "SELECT * FROM orders ORDER BY id",
    "SELECT * FROM order_lines ORDER BY id",
    "SELECT * FROM order_events ORDER BY id",
    "SELECT * FROM payments ORDER BY id",
    "SELECT * FROM ledger ORDER BY id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const unsigned char *text = sqlite3_column_text (stmt, c);
            g_checksum_update (sum, text ? text : (const guchar *) "<null>", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static char *
generate (const char *dir, const char *name, guint64 seed, guint n)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, &error);
  SdDemoOptions options;

  g_assert_no_error (error);
  sd_demo_options_init (&options);
  options.seed = seed;
  options.n_customers = n;
  options.reference_time = 1780000000;   /* 2026-05-28 */
  g_assert_true (sd_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  return dump_digest (path);
}

static void
test_deterministic (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *a = generate (dir, "a.db", 7, 120);
  g_autofree char *b = generate (dir, "b.db", 7, 120);
  g_autofree char *c = generate (dir, "c.db", 8, 120);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  test_rm_rf (dir);
}

static void
test_believable (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) couriers = NULL;
  g_autoptr(GHashTable) phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint kinds[SD_CUSTOMER_N_KINDS] = { 0 };
  SdDemoOptions options;
  gboolean found_water = FALSE, found_milk = FALSE;

  sd_demo_options_init (&options);
  g_assert_true (sd_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sd_store_count_customers (store, TRUE), ==, SD_DEMO_DEFAULT_CUSTOMERS);

  ids = sd_store_search_customers (store, "", TRUE, &error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SdCustomer) c = sd_store_load_customer (store, g_array_index (ids, gint64, i), &error);
      GPtrArray *addresses = sd_customer_get_addresses (c);
      GPtrArray *ph = sd_customer_get_phones (c);

      g_assert_no_error (error);
      g_assert_true (sd_customer_validate (c, NULL));
      kinds[sd_customer_get_kind (c)]++;
      g_assert_cmpuint (addresses->len, >=, 1);
      g_assert_cmpuint (addresses->len, <=, 3);
      for (guint j = 0; j < addresses->len; j++)
        {
          SdAddress *a = g_ptr_array_index (addresses, j);
          /* inside Hangzhou's urban area */
          g_assert_true (a->has_location);
          g_assert_cmpfloat (a->latitude, >, 30.10);
          g_assert_cmpfloat (a->latitude, <, 30.50);
          g_assert_cmpfloat (a->longitude, >, 119.90);
          g_assert_cmpfloat (a->longitude, <, 120.45);
          g_assert_true (g_str_has_prefix (a->text, "杭州市"));
          g_assert_nonnull (strstr (a->text, a->district));
        }
      for (guint j = 0; j < ph->len; j++)
        {
          const char *number = ((SdPhone *) g_ptr_array_index (ph, j))->number;
          g_autofree char *again = sd_phone_normalize (number, NULL);
          g_assert_cmpstr (again, ==, number);
          /* unique across the shop */
          g_assert_false (g_hash_table_contains (phones, number));
          g_hash_table_add (phones, g_strdup (number));
        }
      /* created within three years of now */
      g_assert_cmpint (sd_customer_get_created (c), <=, g_get_real_time () / G_USEC_PER_SEC);
    }
  /* mostly households, some of each other kind */
  g_assert_cmpuint (kinds[SD_CUSTOMER_KIND_HOUSEHOLD], >, ids->len / 2);
  g_assert_cmpuint (kinds[SD_CUSTOMER_KIND_COMPANY], >, 10);
  g_assert_cmpuint (kinds[SD_CUSTOMER_KIND_STORE], >, 3);

  products = sd_store_list_products (store, FALSE, &error);
  g_assert_cmpuint (products->len, >=, 8);
  for (guint i = 0; i < products->len; i++)
    {
      SdProduct *p = g_ptr_array_index (products, i);
      g_assert_cmpint (p->price_fen, >, 0);
      if (strstr (p->name, "18.9L") && p->deposit_fen > 0)
        found_water = TRUE;
      if (strstr (p->name, "鲜牛奶"))
        found_milk = TRUE;
    }
  g_assert_true (found_water);
  g_assert_true (found_milk);

  couriers = sd_store_list_couriers (store, FALSE, &error);
  g_assert_cmpuint (couriers->len, ==, 4);

  /* a second run refuses to mix two shops */
  g_assert_false (sd_demo_generate (store, &options, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_INVALID);
  g_assert_cmpuint (sd_store_count_customers (store, TRUE), ==, SD_DEMO_DEFAULT_CUSTOMERS);

  g_clear_object (&store);
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/believable", test_believable);
  return g_test_run ();
}
