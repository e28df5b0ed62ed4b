/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Planning a big day on the dispatch board. Not run by `meson test`:
 *
 *   ninja -C build tests/bench/bench-dispatch
 *   build/tests/bench/bench-dispatch [--stops 300] [--couriers 8] [--seconds 2] [--seed 1]
 *
 * Writes a demo shop in Hangzhou with enough customers, gives it --couriers couriers
 * (the demo's four and more like them, 40–120 buckets a trip), and puts one order on each
 * of --stops customers for one day (1, 2 or 4 buckets, a third of them with a slot or a 10:00–
 * 11:30 window). Then it times what the board does when "Optimise" is pressed: load the
 * day and build the routing problem (main thread), solve it for --seconds (the app uses
 * 2 s), save the plan in one transaction; and prints the plan's size, length and
 * unplanned stops, checked with the solver's own checker. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "sd-catalog.h"
#include "sd-customer-list.h"
#include "sd-customer-store.h"
#include "sd-date.h"
#include "sd-demo.h"
#include "sd-dispatch.h"

#define DAY "2026-06-02"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  int n_stops = 300, n_couriers = 8, seed = 1;
  double seconds = 2.0;
  GOptionEntry entries[] = {
    { "stops", 0, 0, G_OPTION_ARG_INT, &n_stops, "Stops on the day", "N" },
    { "couriers", 0, 0, G_OPTION_ARG_INT, &n_couriers, "Couriers planning", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Solver time limit", "S" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Solver seed", "N" },
    { NULL },
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GPtrArray) couriers = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(SdCustomerList) list = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  GArray *ids;   /* the list's */
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  GRand *rng;
  SdDemoOptions options;
  gint64 start, water = 0;
  double t_load, t_prepare, t_solve, t_save;
  int made = 0, capacity = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("songda-bench-dispatch-XXXXXX", &error);
  path = g_build_filename (dir, "shop.db", NULL);
  store = sd_store_open (path, &error);
  g_assert_no_error (error);
  sd_demo_options_init (&options);
  options.n_customers = MAX (300, (guint) n_stops * 2);
  options.reference_time = 1780000000;
  start = g_get_monotonic_time ();
  g_assert_true (sd_demo_generate (store, &options, &error));
  printf ("demo shop of %u customers: %.0f ms\n", options.n_customers, ms_since (start));

  /* more couriers like the demo's */
  for (int i = 4; i < n_couriers; i++)
    {
      static const char *colors[] = { "#9141ac", "#865e3c", "#1c71d8", "#c01c28", "#26a269", "#a51d2d" };
      g_autofree char *name = g_strdup_printf ("师傅%d", i + 1);
      SdCourier c = { .name = name, .color = (char *) colors[i % 6], .vehicle = (char *) "电动三轮车",
                      .capacity = i % 3 == 0 ? 120 : 60, .active = TRUE };
      g_assert_true (sd_store_save_courier (store, &c, &error));
    }
  couriers = sd_store_list_couriers (store, FALSE, &error);
  for (guint i = 0; i < couriers->len && (int) chosen->len < n_couriers; i++)
    {
      SdCourier *c = g_ptr_array_index (couriers, i);
      g_array_append_val (chosen, c->id);
      capacity += c->capacity;
    }
  products = sd_store_list_products (store, FALSE, &error);
  for (guint i = 0; i < products->len && water == 0; i++)
    if (((SdProduct *) g_ptr_array_index (products, i))->returnable_bucket)
      water = ((SdProduct *) g_ptr_array_index (products, i))->id;

  /* one order on each of n_stops customers with a place on the map */
  rng = g_rand_new_with_seed (7);
  list = sd_customer_list_new (store);
  ids = sd_customer_list_get_ids (list);
  g_assert_true (sd_store_begin (store, &error));
  for (guint i = 0; i < ids->len && made < n_stops; i++)
    {
      g_autoptr(SdCustomer) c = sd_store_load_customer (store, g_array_index (ids, gint64, i), NULL);
      GPtrArray *addresses = c ? sd_customer_get_addresses (c) : NULL;
      SdAddress *a = addresses && addresses->len > 0 ? g_ptr_array_index (addresses, 0) : NULL;
      g_autoptr(SdOrder) order = NULL;
      int roll = g_rand_int_range (rng, 0, 100);

      if (a == NULL || !a->has_location)
        continue;
      order = sd_order_new (sd_customer_get_id (c), a->id, DAY, SD_PAY_CASH_ON_DELIVERY);
      if (roll < 8)
        {
          order->slot = SD_SLOT_WINDOW;
          order->window_from = g_strdup ("10:00");
          order->window_to = g_strdup ("11:30");
        }
      else if (roll < 33)
        order->slot = (SdOrderSlot) g_rand_int_range (rng, SD_SLOT_MORNING, SD_SLOT_EVENING + 1);
      /* most homes take one bucket, some two, an office four */
      roll = g_rand_int_range (rng, 0, 100);
      sd_order_add_line (order, water, roll < 75 ? 1 : roll < 95 ? 2 : 4);
      g_assert_true (sd_store_create_order (store, order, "bench", &error));
      made++;
    }
  g_assert_true (sd_store_commit (store, &error));
  g_rand_free (rng);

  start = g_get_monotonic_time ();
  day = sd_store_load_dispatch_day (store, DAY, &error);
  t_load = ms_since (start);
  g_assert_no_error (error);
  {
    int demand = 0;
    for (guint i = 0; i < day->stops->len; i++)
      demand += ((SdDispatchStop *) g_ptr_array_index (day->stops, i))->demand;
    printf ("day %s: %u stops, %d buckets; %u couriers carrying %d a trip\n", DAY, day->stops->len,
            demand, chosen->len, capacity);
  }

  start = g_get_monotonic_time ();
  plan = sd_dispatch_plan_prepare (store, DAY, (const gint64 *) (gpointer) chosen->data, chosen->len,
                                   seconds, (guint64) seed, &error);
  t_prepare = ms_since (start);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (sd_dispatch_plan_solve (plan, NULL, &error));
  t_solve = ms_since (start);
  g_assert_true (sd_dispatch_plan_check (plan, &error));
  start = g_get_monotonic_time ();
  g_assert_true (sd_store_save_dispatch_plan (store, plan, "bench", &error));
  t_save = ms_since (start);
  g_assert_no_error (error);

  printf ("load the day:                 %8.1f ms\n", t_load);
  printf ("load + build the problem:     %8.1f ms\n", t_prepare);
  printf ("solve (limit %.1f s):          %8.1f ms\n", seconds, t_solve);
  printf ("save the plan:                %8.1f ms\n", t_save);
  printf ("total (build + solve + save): %8.1f ms\n", t_prepare + t_solve + t_save);
  printf ("plan: %u stops, %.1f km, %u unplanned, checker: valid\n", sd_dispatch_plan_get_n_stops (plan),
          sd_dispatch_plan_get_distance_m (plan) / 1000.0, sd_dispatch_plan_get_n_unplanned (plan));

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *f = g_build_filename (dir, name, NULL);
        g_unlink (f);
      }
  }
  g_rmdir (dir);
  return 0;
}
