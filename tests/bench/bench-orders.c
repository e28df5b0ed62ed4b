/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order list at benchmark size. Not run by `meson test`:
 *
 *   ninja -C build tests/bench/bench-orders
 *   build/tests/bench/bench-orders [--orders 1000000] [--customers 200] [--database PATH]
 *                                  [--runs 15]
 *
 * Makes a demo shop (or reuses PATH), adds --orders orders through sd_store_create_order in
 * transactions of 10,000 and prints the rate; then, at the resulting size, times each filter
 * as the Orders view uses it — open the filtered list (count) and load the first screen of
 * 30 rows — printing median and worst over the runs. Run it twice on one PATH to reach
 * 2,000,000 orders. The added orders are spread over the last year and the next week, 80 %
 * with a courier, one in 50 moved on to "to dispatch"; the rest stay pending. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "sd-catalog.h"
#include "sd-customer-list.h"
#include "sd-date.h"
#include "sd-demo.h"
#include "sd-order-list.h"

#define BATCH 10000
#define SCREEN 30

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

typedef struct {
  gint64 customer;
  gint64 address;
} Target;

static GArray *
targets (SdStore *store)
{
  g_autoptr(SdCustomerList) list = sd_customer_list_new (store);
  GArray *ids = sd_customer_list_get_ids (list);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Target));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SdCustomer) c = sd_store_load_customer (store, g_array_index (ids, gint64, i), NULL);
      GPtrArray *addresses = c ? sd_customer_get_addresses (c) : NULL;

      if (addresses && addresses->len > 0)
        {
          Target t = { g_array_index (ids, gint64, i),
                       ((SdAddress *) g_ptr_array_index (addresses, 0))->id };
          g_array_append_val (out, t);
        }
    }
  return out;
}

static gboolean
add_orders (SdStore *store, guint n, GError **error)
{
  g_autoptr(GArray) who = targets (store);
  g_autoptr(GPtrArray) couriers = sd_store_list_couriers (store, FALSE, error);
  g_autoptr(GPtrArray) products = sd_store_list_products (store, FALSE, error);
  g_autofree char *today = sd_date_today ();
  char *days[372];
  GRand *rng = g_rand_new_with_seed (42);
  gint64 start = g_get_monotonic_time ();
  gboolean ok = TRUE;

  if (couriers == NULL || products == NULL || who->len == 0)
    return FALSE;
  for (int d = 0; d < 372; d++)
    days[d] = sd_date_add_days (today, d - 364);

  for (guint done = 0; ok && done < n; )
    {
      guint batch = MIN (BATCH, n - done);

      if (!sd_store_begin (store, error))
        break;
      for (guint i = 0; ok && i < batch; i++)
        {
          Target *t = &g_array_index (who, Target, g_rand_int_range (rng, 0, who->len));
          g_autoptr(SdOrder) order = sd_order_new (t->customer, t->address,
                                                   days[g_rand_int_range (rng, 0, 372)],
                                                   SD_PAY_CASH_ON_DELIVERY);
          SdProduct *p = g_ptr_array_index (products, g_rand_int_range (rng, 0, products->len));

          order->channel = g_rand_int_range (rng, 0, SD_ORDER_N_CHANNELS);
          if (g_rand_int_range (rng, 0, 100) < 80)
            order->courier_id = ((SdCourier *) g_ptr_array_index (couriers,
                                   g_rand_int_range (rng, 0, couriers->len)))->id;
          sd_order_add_line (order, p->id, g_rand_int_range (rng, 1, 4));
          ok = sd_store_create_order (store, order, "bench", error);
          if (ok && g_rand_int_range (rng, 0, 50) == 0)
            ok = sd_store_transition_order (store, order->id, SD_ORDER_TO_DISPATCH, "bench",
                                            NULL, NULL, error);
        }
      if (!ok)
        {
          sd_store_rollback (store);
          break;
        }
      ok = sd_store_commit (store, error);
      done += batch;
      if (done % 100000 == 0 || done == n)
        {
          double s = (g_get_monotonic_time () - start) / 1e6;
          printf ("  %u orders in %.1f s (%.0f orders/s)\n", done, s, done / s);
          fflush (stdout);
        }
    }
  for (int d = 0; d < 372; d++)
    g_free (days[d]);
  g_rand_free (rng);
  return ok;
}

/* Open the list on a filter and load the first screen. */
static double
open_filtered (SdStore *store, const SdOrderFilter *filter, guint *n_out)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SdOrderList) list = sd_order_list_new (store);
  guint n;

  sd_order_list_set_filter (list, filter, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < MIN (n, SCREEN); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  *n_out = n;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A screen in the middle of an open list, as a dragged scrollbar asks for it. */
static double
middle_screen (SdOrderList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gint64 start;

  sd_order_list_reload (list, NULL);
  start = g_get_monotonic_time ();
  for (guint i = n / 2; i < MIN (n, n / 2 + SCREEN); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const char *name, double *t, int runs, guint n)
{
  qsort (t, runs, sizeof (double), compare_double);
  printf ("%-28s %9u rows   median %8.2f ms   worst %8.2f ms\n", name, n, t[runs / 2], t[runs - 1]);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autofree char *database = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *today = NULL;
  g_autofree char *day = NULL;
  g_autofree char *week_end = NULL;
  int orders = 1000000, customers = 200, runs = 15;
  GOptionEntry entries[] = {
    { "orders", 0, 0, G_OPTION_ARG_INT, &orders, "Orders to add", "N" },
    { "customers", 0, 0, G_OPTION_ARG_INT, &customers, "Demo customers of a new shop", "N" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "Shop file (kept)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per filter", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the order list");
  g_autoptr(GPtrArray) couriers = NULL;
  SdOrderFilter filter;
  gint64 customer;
  guint n = 0;
  double *t;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--runs must be positive");
      return 2;
    }
  if (database == NULL)
    {
      tmp = g_dir_make_tmp ("songda-bench-XXXXXX", &error);
      g_assert_no_error (error);
      database = g_build_filename (tmp, "shop.db", NULL);
    }
  store = sd_store_open (database, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (sd_store_count_orders (store, NULL, NULL) == 0)
    {
      SdDemoOptions options;
      gint64 start = g_get_monotonic_time ();

      sd_demo_options_init (&options);
      options.n_customers = customers;
      if (!sd_demo_generate (store, &options, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("demo shop of %d customers: %.1f s\n", customers,
              (g_get_monotonic_time () - start) / 1e6);
    }
  if (orders > 0)
    {
      gint64 start = g_get_monotonic_time ();

      printf ("adding %d orders through sd_store_create_order, %d a transaction:\n", orders, BATCH);
      if (!add_orders (store, orders, &error))
        {
          g_printerr ("%s\n", error ? error->message : "no customers");
          return 1;
        }
      printf ("added %d orders in %.1f s\n", orders, (g_get_monotonic_time () - start) / 1e6);
    }
  printf ("database %s: %" G_GINT64_FORMAT " orders; %d runs each\n\n", database,
          sd_store_count_orders (store, NULL, NULL), runs);

  couriers = sd_store_list_couriers (store, FALSE, NULL);
  {
    g_autoptr(SdOrderList) list = sd_order_list_new (store);
    g_autoptr(SdOrderSummary) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
    customer = row->customer_id;
  }
  today = sd_date_today ();
  day = sd_date_add_days (today, -30);
  week_end = sd_date_add_days (day, 6);
  t = g_new (double, runs);

#define TIME(name, setup) G_STMT_START {                       \
    sd_order_filter_init (&filter);                           \
    setup;                                                    \
    for (int r = 0; r < runs; r++)                            \
      t[r] = open_filtered (store, &filter, &n);              \
    report (name, t, runs, n);                                \
  } G_STMT_END
  TIME ("all orders", (void) 0);
  TIME ("one day", filter.date_from = filter.date_to = day);
  TIME ("one week", (filter.date_from = day, filter.date_to = week_end));
  TIME ("status to dispatch", filter.status_mask = SD_ORDER_STATUS_BIT (SD_ORDER_TO_DISPATCH));
  TIME ("status delivered", filter.status_mask = SD_ORDER_STATUS_BIT (SD_ORDER_DELIVERED));
  TIME ("one courier", filter.courier_id = ((SdCourier *) g_ptr_array_index (couriers, 0))->id);
  TIME ("unassigned", filter.courier_id = 0);
  TIME ("one customer", filter.customer_id = customer);
  TIME ("one week, one courier", (filter.date_from = day, filter.date_to = week_end,
                                  filter.courier_id = ((SdCourier *) g_ptr_array_index (couriers, 0))->id));
#undef TIME
  {
    g_autoptr(SdOrderList) list = sd_order_list_new (store);

    for (int r = 0; r < runs; r++)
      t[r] = middle_screen (list);
    report ("all, screen in the middle", t, runs, g_list_model_get_n_items (G_LIST_MODEL (list)));
  }
  g_free (t);

  g_clear_object (&store);
  if (tmp != NULL)
    {
      g_autofree char *wal = g_strconcat (database, "-wal", NULL);
      g_autofree char *shm = g_strconcat (database, "-shm", NULL);
      g_unlink (database);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmp);
    }
  return 0;
}
