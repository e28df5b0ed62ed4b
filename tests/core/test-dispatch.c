/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispatch board's core: a day's stops, planning the demo's tomorrow with four
 * couriers (checked by the solver's own checker), re-planning around stops already out,
 * a late order, moves by hand, sending a route out, road distances from a loopback OSRM
 * server, route sheet data and courier performance. */
#include <math.h>
#include <string.h>

#include "sd-demo.h"
#include "sd-dispatch.h"
#include "sd-route.h"
#include "sd-dispatch-private.h" /* the writers under the plan, to check what they keep */
#include "sd-store-private.h"   /* the database handle, to make a COMMIT fail */
#include "test-shop.h"

/* 2026-05-28 20:26:40 UTC = 05-29 04:26 in Hangzhou: the demo's tomorrow is 05-30 */
#define DEMO_NOW 1780000000
#define DEMO_TOMORROW "2026-05-30"

typedef struct {
  char    *dir;
  SdStore *store;
  gint64   couriers[4];
} Demo;

static void
demo_setup (Demo *d, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) couriers = NULL;
  SdDemoOptions options;

  d->dir = test_tmp_dir ();
  path = g_build_filename (d->dir, "demo.db", NULL);
  d->store = sd_store_open (path, &error);
  g_assert_no_error (error);
  sd_demo_options_init (&options);
  options.reference_time = DEMO_NOW;
  g_assert_true (sd_demo_generate (d->store, &options, &error));
  g_assert_no_error (error);
  couriers = sd_store_list_couriers (d->store, FALSE, &error);
  g_assert_cmpuint (couriers->len, >=, 4);
  for (guint i = 0; i < 4; i++)
    d->couriers[i] = ((SdCourier *) g_ptr_array_index (couriers, i))->id;
}

static void
demo_teardown (Demo *d, gconstpointer data)
{
  g_clear_object (&d->store);
  test_rm_rf (d->dir);
  g_free (d->dir);
}

static SdOrderStatus
order_status (SdStore *store, gint64 order_id, gint64 *courier)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_store_load_order (store, order_id, &error);

  g_assert_no_error (error);
  if (courier)
    *courier = order->courier_id;
  return order->status;
}

static guint
count_stops (SdDispatchDay *day)
{
  guint n = day->unassigned->len;

  for (guint i = 0; i < day->routes->len; i++)
    n += ((SdDispatchRoute *) g_ptr_array_index (day->routes, i))->stops->len;
  return n;
}

static void
test_load_day (Demo *d, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchDay) day = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
  guint orders = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (day->date, ==, DEMO_TOMORROW);
  g_assert_true (day->has_depot);
  g_assert_cmpfloat_with_epsilon (day->depot_lat, 30.2792, 1e-6);
  /* tomorrow's orders were all phoned in: nobody has them yet */
  g_assert_cmpuint (day->stops->len, >=, 25);
  g_assert_cmpuint (day->unassigned->len, ==, day->stops->len);
  g_assert_cmpuint (count_stops (day), ==, day->stops->len);
  g_assert_cmpuint (day->routes->len, >=, 4);
  for (guint i = 0; i < day->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->stops, i);
      g_assert_true (stop->has_location);
      g_assert_cmpint (stop->demand, >, 0);
      g_assert_cmpint (stop->n_items, >, 0);
      g_assert_cmpint (stop->status, ==, SD_ORDER_PENDING);
      g_assert_cmpstr (stop->items, !=, "");
      g_assert_cmpint (stop->service_s, ==, 300);
      if (stop->window_from >= 0)
        g_assert_cmpint (stop->window_to, >, stop->window_from);
      orders += stop->order_ids->len;
    }
  g_assert_cmpint (orders, ==, shop_raw_int (&(Shop) { .path = (char *) sd_store_get_path (d->store) },
                                             "SELECT count(*) FROM orders WHERE requested_date = '"
                                             DEMO_TOMORROW "' AND status <> 'cancelled'"));

  /* not a day */
  g_assert_null (sd_store_load_dispatch_day (d->store, "tomorrow", &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID);
}

static void
test_plan_demo (Demo *d, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  const char *reason = "unset";
  guint routed = 0;

  plan = sd_dispatch_plan_prepare (d->store, DEMO_TOMORROW, d->couriers, 4, 0.5, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd_dispatch_plan_get_n_stops (plan), >=, 25);
  g_assert_true (sd_dispatch_plan_solve (plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sd_dispatch_plan_get_matrix_source (plan, &reason), ==, "haversine");
  g_assert_null (reason);
  /* the solver's own checker: capacities, windows, shifts, each stop once */
  g_assert_true (sd_dispatch_plan_check (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (sd_dispatch_plan_get_distance_m (plan), >, 1000);
  g_assert_true (sd_store_save_dispatch_plan (d->store, plan, "店长", &error));
  g_assert_no_error (error);

  /* what the board shows after a restart */
  day = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->unassigned->len, ==, sd_dispatch_plan_get_n_unplanned (plan));
  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);
      int load = 0;

      if (route->capacity > 0)
        g_assert_cmpint (route->load, <=, route->capacity);
      if (route->stops->len > 0)
        {
          g_assert_cmpfloat (route->distance_m, >, 0);
          g_assert_cmpint (route->finish_s, >, route->start_s);
          g_assert_cmpint (route->start_s, ==, 7 * 3600 + 1800);   /* the demo's shift */
          g_assert_cmpint (route->finish_s, <=, 21 * 3600);
        }
      for (guint j = 0; j < route->stops->len; j++)
        {
          SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
          gint64 courier = 0;

          g_assert_cmpint (stop->seq, ==, (int) j);
          g_assert_cmpint (stop->courier_id, ==, route->courier_id);
          if (stop->window_from >= 0)
            g_assert_cmpint (stop->planned_arrival, <=, stop->window_to);
          if (j > 0)
            g_assert_cmpint (stop->planned_arrival, >, ((SdDispatchStop *) g_ptr_array_index (route->stops, j - 1))->planned_arrival);
          for (guint k = 0; k < stop->order_ids->len; k++)
            {
              g_assert_cmpint (order_status (d->store, g_array_index (stop->order_ids, gint64, k), &courier), ==,
                               SD_ORDER_TO_DISPATCH);
              g_assert_cmpint (courier, ==, route->courier_id);
            }
          load += stop->demand;
          routed++;
        }
      g_assert_cmpint (load, ==, route->load);
    }
  g_assert_cmpuint (routed + day->unassigned->len, ==, day->stops->len);
  g_assert_cmpuint (routed, >, day->stops->len / 2);
  for (guint i = 0; i < day->unassigned->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->unassigned, i);
      g_assert_cmpint (order_status (d->store, stop->key, NULL), ==, SD_ORDER_PENDING);
    }
}

/* Out for delivery and delivered stops stay where they are when the day is planned again. */
static void
test_replan_keeps_fixed (Demo *d, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchDay) before = NULL;
  g_autoptr(SdDispatchDay) after = NULL;
  g_autoptr(GArray) out_keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  SdDispatchRoute *route = NULL;
  gint64 delivered_key, courier;

  g_assert_true (sd_store_plan_dispatch_day (d->store, DEMO_TOMORROW, d->couriers, 4, 0.3, 3, "店长", &error));
  g_assert_no_error (error);
  before = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
  for (guint i = 0; i < before->routes->len && route == NULL; i++)
    if (((SdDispatchRoute *) g_ptr_array_index (before->routes, i))->stops->len >= 3)
      route = g_ptr_array_index (before->routes, i);
  g_assert_nonnull (route);
  courier = route->courier_id;

  g_assert_true (sd_store_route_out_for_delivery (d->store, DEMO_TOMORROW, courier, "店长", &error));
  g_assert_no_error (error);
  for (guint j = 0; j < route->stops->len; j++)
    g_array_append_val (out_keys, ((SdDispatchStop *) g_ptr_array_index (route->stops, j))->key);
  /* the courier delivered the first one already */
  delivered_key = g_array_index (out_keys, gint64, 0);
  {
    SdDispatchStop *first = g_ptr_array_index (route->stops, 0);
    for (guint k = 0; k < first->order_ids->len; k++)
      {
        SdTransitionOptions options;
        sd_transition_options_init (&options);
        options.shortfall = SD_SHORTFALL_RECEIVABLE;
        g_assert_true (sd_store_transition_order (d->store, g_array_index (first->order_ids, gint64, k),
                                                  SD_ORDER_DELIVERED, "店长", NULL, &options, &error));
        g_assert_no_error (error);
      }
  }

  /* plan again, with a different seed and every courier */
  g_assert_true (sd_store_plan_dispatch_day (d->store, DEMO_TOMORROW, d->couriers, 4, 0.3, 99, "店长", &error));
  g_assert_no_error (error);
  after = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
  route = sd_dispatch_day_find_route (after, courier);
  g_assert_cmpuint (route->stops->len, >=, out_keys->len);
  for (guint j = 0; j < out_keys->len; j++)
    {
      SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
      g_assert_cmpint (stop->key, ==, g_array_index (out_keys, gint64, j));
      g_assert_cmpint (stop->status, ==, j == 0 ? SD_ORDER_DELIVERED : SD_ORDER_OUT_FOR_DELIVERY);
    }
  g_assert_cmpint (((SdDispatchStop *) g_ptr_array_index (route->stops, 0))->key, ==, delivered_key);
  g_assert_true (route->out);

  /* an out stop cannot be moved by hand */
  g_assert_false (sd_store_dispatch_move_stop (d->store, DEMO_TOMORROW, g_array_index (out_keys, gint64, 1),
                                               d->couriers[0] == courier ? d->couriers[1] : d->couriers[0],
                                               0, "店长", &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_FIXED);
}

/* Moving by hand, reordering, unassigning, sending out. */
static void
test_move_and_send_out (Demo *d, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  g_autoptr(SdDispatchDay) moved = NULL;
  g_autoptr(SdDispatchDay) sent = NULL;
  SdDispatchRoute *from = NULL, *to;
  SdDispatchStop *stop;
  gint64 key, second, courier = 0;
  double from_distance;

  g_assert_true (sd_store_plan_dispatch_day (d->store, DEMO_TOMORROW, d->couriers, 4, 0.3, 5, "店长", &error));
  day = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < day->routes->len && from == NULL; i++)
    if (((SdDispatchRoute *) g_ptr_array_index (day->routes, i))->stops->len >= 3)
      from = g_ptr_array_index (day->routes, i);
  g_assert_nonnull (from);
  to = sd_dispatch_day_find_route (day, from->courier_id == d->couriers[0] ? d->couriers[1] : d->couriers[0]);
  stop = g_ptr_array_index (from->stops, 1);
  key = stop->key;
  second = ((SdDispatchStop *) g_ptr_array_index (from->stops, 2))->key;
  from_distance = from->distance_m;

  /* to the front of another courier's route */
  g_assert_true (sd_store_dispatch_move_stop (d->store, DEMO_TOMORROW, key, to->courier_id, 0, "店长", &error));
  g_assert_no_error (error);
  moved = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
  g_assert_cmpint (((SdDispatchStop *) g_ptr_array_index (sd_dispatch_day_find_route (moved, to->courier_id)->stops, 0))->key, ==, key);
  g_assert_cmpuint (sd_dispatch_day_find_route (moved, from->courier_id)->stops->len, ==, from->stops->len - 1);
  g_assert_cmpfloat (sd_dispatch_day_find_route (moved, from->courier_id)->distance_m, !=, from_distance);
  g_assert_cmpint (order_status (d->store, key, &courier), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (courier, ==, to->courier_id);
  /* and the figures were written */
  {
    Shop raw = { .path = (char *) sd_store_get_path (d->store) };
    g_autofree char *sql = g_strdup_printf ("SELECT r.courier_id FROM route_stops s JOIN routes r ON r.id = s.route_id "
                                            "WHERE s.order_id = %" G_GINT64_FORMAT " AND s.seq = 0", key);
    g_assert_cmpint (shop_raw_int (&raw, sql), ==, to->courier_id);
  }

  /* down one place, then back up */
  g_assert_true (sd_store_dispatch_shift_stop (d->store, DEMO_TOMORROW, key, +1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SdDispatchDay) now = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
    SdDispatchRoute *r = sd_dispatch_day_find_route (now, to->courier_id);
    g_assert_cmpint (((SdDispatchStop *) g_ptr_array_index (r->stops, 1))->key, ==, key);
  }
  g_assert_true (sd_store_dispatch_shift_stop (d->store, DEMO_TOMORROW, key, -1, &error));

  /* unassign another one: it goes back to the list apart, still "to dispatch" */
  g_assert_true (sd_store_dispatch_move_stop (d->store, DEMO_TOMORROW, second, 0, -1, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpint (order_status (d->store, second, &courier), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (courier, ==, 0);

  /* send the route out: every order of it moves on, in one go */
  g_assert_true (sd_store_route_out_for_delivery (d->store, DEMO_TOMORROW, to->courier_id, "店长", &error));
  g_assert_no_error (error);
  sent = sd_store_load_dispatch_day (d->store, DEMO_TOMORROW, &error);
  to = sd_dispatch_day_find_route (sent, to->courier_id);
  g_assert_true (to->out);
  for (guint j = 0; j < to->stops->len; j++)
    {
      SdDispatchStop *s = g_ptr_array_index (to->stops, j);
      for (guint k = 0; k < s->order_ids->len; k++)
        {
          g_autoptr(GPtrArray) events = sd_store_list_order_events (d->store, g_array_index (s->order_ids, gint64, k), &error);
          SdOrderEvent *last = g_ptr_array_index (events, events->len - 1);
          g_assert_cmpint (last->to_status, ==, SD_ORDER_OUT_FOR_DELIVERY);
          g_assert_cmpstr (last->who, ==, "店长");
        }
    }
  g_assert_cmpint (((SdDispatchStop *) g_ptr_array_index (to->stops, 0))->key, ==, key);
  /* nothing left to send */
  g_assert_false (sd_store_route_out_for_delivery (d->store, DEMO_TOMORROW, to->courier_id, "店长", &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID);
}

/* --- a small shop on the map ---------------------------------------------- */

static gint64
located_customer (Shop *s, const char *name, const char *phone, double lat, double lon, gint64 *address_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomer) c = sd_customer_new ();
  SdAddress *a = sd_address_new ("杭州市西湖区文三路");

  a->has_location = TRUE;
  a->latitude = lat;
  a->longitude = lon;
  g_free (a->instructions);
  a->instructions = g_strdup ("放门口");
  sd_customer_set_name (c, name);
  sd_customer_add_phone (c, phone, "");
  sd_customer_add_address (c, a);
  g_assert_true (sd_store_save_customer (s->store, c, &error));
  g_assert_no_error (error);
  *address_id = ((SdAddress *) g_ptr_array_index (sd_customer_get_addresses (c), 0))->id;
  return sd_customer_get_id (c);
}

static void
map_shop_setup (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  shop_setup (s, data);
  g_assert_true (sd_store_set_setting (s->store, "shop.latitude", "30.2792", &error));
  g_assert_true (sd_store_set_setting (s->store, "shop.longitude", "120.1396", &error));
  g_assert_no_error (error);
}

/* A late order goes where it adds the least distance. */
static void
test_late_order (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  gint64 addr, courier = 0, late, zhou_orders[3], li_orders[2], ids[2] = { s->zhou, s->li };
  SdDispatchRoute *route;
  /* zhou goes north, li goes south; the late one is right next to li's last stop */
  double north[3][2] = { { 30.300, 120.140 }, { 30.310, 120.141 }, { 30.320, 120.142 } };
  double south[2][2] = { { 30.260, 120.139 }, { 30.250, 120.138 } };

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("北%d", i);
      g_autofree char *phone = g_strdup_printf ("1380000010%d", i);
      gint64 c = located_customer (s, name, phone, north[i][0], north[i][1], &addr);
      zhou_orders[i] = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
    }
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("南%d", i);
      g_autofree char *phone = g_strdup_printf ("1380000020%d", i);
      gint64 c = located_customer (s, name, phone, south[i][0], south[i][1], &addr);
      li_orders[i] = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
    }
  /* no routes yet */
  {
    gint64 c = located_customer (s, "晚到", "13800000300", 30.2455, 120.1375, &addr);
    late = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 2);
  }
  g_assert_false (sd_store_dispatch_insert_order (s->store, late, "店长", &courier, &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_NO_COURIER);
  g_clear_error (&error);

  /* routes by hand: north to zhou, south to li */
  for (int i = 0; i < 3; i++)
    g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", zhou_orders[i], s->zhou, -1, "店长", &error));
  for (int i = 0; i < 2; i++)
    g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", li_orders[i], s->li, -1, "店长", &error));
  g_assert_no_error (error);

  g_assert_true (sd_store_dispatch_insert_order (s->store, late, "店长", &courier, &error));
  g_assert_no_error (error);
  g_assert_cmpint (courier, ==, s->li);
  g_assert_cmpint (order_status (s->store, late, NULL), ==, SD_ORDER_TO_DISPATCH);
  day = sd_store_load_dispatch_day (s->store, "2026-05-29", &error);
  route = sd_dispatch_day_find_route (day, s->li);
  g_assert_cmpuint (route->stops->len, ==, 3);
  /* the farthest south: after li's last stop, before going home */
  g_assert_cmpint (((SdDispatchStop *) g_ptr_array_index (route->stops, 2))->key, ==, late);
  g_assert_cmpuint (sd_dispatch_day_find_route (day, s->zhou)->stops->len, ==, 3);
  g_assert_cmpuint (day->unassigned->len, ==, 0);
  (void) ids;
}

/* A fake OSRM server on the loopback: one answer, every pair 5 km and 10 minutes apart. */
typedef struct {
  GSocket *listener;
  guint16  port;
  char    *request;
  int      n;
} FakeOsrm;

static gpointer
fake_osrm_serve (gpointer data)
{
  FakeOsrm *f = data;
  g_autoptr(GSocket) client = g_socket_accept (f->listener, NULL, NULL);
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) answer = g_string_new ("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n");
  char buf[4096];
  gssize got;

  if (client == NULL)
    return NULL;
  while (strstr (request->str, "\r\n\r\n") == NULL &&
         (got = g_socket_receive (client, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (request, buf, got);
  f->request = g_strdup (request->str);
  g_string_append (answer, "{\"code\":\"Ok\",\"distances\":[");
  for (int i = 0; i < f->n; i++)
    {
      g_string_append (answer, i ? ",[" : "[");
      for (int j = 0; j < f->n; j++)
        g_string_append_printf (answer, "%s%d", j ? "," : "", i == j ? 0 : 5000);
      g_string_append (answer, "]");
    }
  g_string_append (answer, "],\"durations\":[");
  for (int i = 0; i < f->n; i++)
    {
      g_string_append (answer, i ? ",[" : "[");
      for (int j = 0; j < f->n; j++)
        g_string_append_printf (answer, "%s%s", j ? "," : "", i == j ? "0" : "600.5");
      g_string_append (answer, "]");
    }
  g_string_append (answer, "]}");
  g_socket_send_with_blocking (client, answer->str, answer->len, TRUE, NULL, NULL);
  g_socket_close (client, NULL);
  return NULL;
}

static void
test_osrm (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  g_autoptr(SdDispatchPlan) offline = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  g_autofree char *url = NULL;
  const char *reason = NULL;
  FakeOsrm f = { 0 };
  GThread *thread;
  gint64 addr, ids[1] = { s->zhou };

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("客户%d", i);
      g_autofree char *phone = g_strdup_printf ("1380000040%d", i);
      gint64 c = located_customer (s, name, phone, 30.28 + 0.01 * i, 120.15, &addr);
      shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
    }

  f.listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (f.listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (f.listener, &error));
  bound = g_socket_get_local_address (f.listener, &error);
  f.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  f.n = 4;   /* the shop and three stops */
  url = g_strdup_printf ("http://127.0.0.1:%u/osrm/", f.port);
  g_assert_true (sd_store_set_setting (s->store, "dispatch.osrm_url", url, &error));
  thread = g_thread_new ("fake-osrm", fake_osrm_serve, &f);

  plan = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 1, 0.2, 1, &error);
  g_assert_no_error (error);
  g_assert_true (sd_dispatch_plan_solve (plan, NULL, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpstr (sd_dispatch_plan_get_matrix_source (plan, &reason), ==, "osrm");
  g_assert_null (reason);
  g_assert_true (g_str_has_prefix (f.request, "GET /osrm/table/v1/driving/120.139600,30.279200;120.150000,30.280000;"));
  g_assert_nonnull (strstr (f.request, "?annotations=distance,duration HTTP/1.0\r\n"));
  /* four legs of 5 km: the server's distances, not the great circle */
  g_assert_cmpfloat (sd_dispatch_plan_get_distance_m (plan), ==, 20000);
  g_assert_true (sd_store_save_dispatch_plan (s->store, plan, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpint (shop_raw_int (s, "SELECT distance_m FROM routes"), ==, 20000);
  /* 07:30? no: the shop's default shift starts at 08:00; 4 × 600.5 s driving, 3 × 5 min */
  g_assert_cmpint (shop_raw_int (s, "SELECT finish_s FROM routes"), ==, 8 * 3600 + 2402 + 900);

  /* the server is gone: great-circle distances, and why */
  g_socket_close (f.listener, NULL);
  offline = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 1, 0.2, 1, &error);
  g_assert_true (sd_dispatch_plan_solve (offline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sd_dispatch_plan_get_matrix_source (offline, &reason), ==, "haversine");
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, url));
  g_assert_cmpfloat (sd_dispatch_plan_get_distance_m (offline), <, 20000);
  g_assert_cmpfloat (sd_dispatch_plan_get_distance_m (offline), >, 2 * 1.3 * 2000);

  g_object_unref (f.listener);
  g_free (f.request);
}

static void
test_route_sheet (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRouteSheetData) plain = NULL;
  g_autoptr(SdRouteSheetData) masked = NULL;
  g_autoptr(SdOrder) morning = NULL;
  g_autoptr(SdOrder) evening = NULL;
  gint64 addr, a, b, ids[1] = { s->li };
  SdRouteSheetRow *row;

  a = located_customer (s, "陈先生", "13912345678", 30.29, 120.14, &addr);
  morning = sd_order_new (a, addr, "2026-05-29", SD_PAY_CASH_ON_DELIVERY);
  morning->slot = SD_SLOT_MORNING;
  sd_order_add_line (morning, s->water, 2);
  g_assert_true (sd_store_create_order (s->store, morning, "店长", &error));
  b = located_customer (s, "林女士", "13787654321", 30.30, 120.14, &addr);
  evening = sd_order_new (b, addr, "2026-05-29", SD_PAY_MONTHLY_ACCOUNT);
  evening->slot = SD_SLOT_EVENING;
  sd_order_add_line (evening, s->milk, 12);
  g_assert_true (sd_store_create_order (s->store, evening, "店长", &error));
  g_assert_no_error (error);
  g_assert_true (sd_store_set_setting (s->store, "dispatch.shift_end", "21:00", &error));

  g_assert_true (sd_store_plan_dispatch_day (s->store, "2026-05-29", ids, 1, 0.2, 1, "店长", &error));
  g_assert_no_error (error);
  plain = sd_store_route_sheet_data (s->store, "2026-05-29", s->li, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain->courier, ==, "老李");
  g_assert_cmpuint (plain->rows->len, ==, 2);
  row = g_ptr_array_index (plain->rows, 0);
  g_assert_cmpint (row->seq, ==, 1);
  g_assert_cmpstr (row->customer, ==, "陈先生");
  g_assert_cmpstr (row->phone, ==, "13912345678");
  g_assert_cmpstr (row->items, ==, "18.9L 纯净水 ×2");
  g_assert_cmpstr (row->instructions, ==, "放门口");
  g_assert_cmpint (row->collect_fen, ==, 3600);
  g_assert_cmpint (row->empties, ==, 2);
  g_assert_cmpstr (row->window, ==, "08:00–12:00");
  row = g_ptr_array_index (plain->rows, 1);
  g_assert_cmpstr (row->customer, ==, "林女士");
  g_assert_cmpstr (row->window, ==, "18:00–21:00");
  g_assert_cmpstr (row->arrival, ==, "18:00");   /* waits for the evening */
  g_assert_cmpint (row->collect_fen, ==, 0);     /* monthly account */
  g_assert_cmpint (plain->collect_fen, ==, 3600);
  g_assert_cmpint (plain->load, ==, 2 + 2);      /* two buckets, 12 bottles = two crates */
  g_assert_cmpstr (plain->start_time, ==, "08:00");
  g_assert_cmpfloat (plain->distance_km, >, 2.0);

  g_assert_true (sd_store_set_setting (s->store, "print.mask_phones", "1", &error));
  masked = sd_store_route_sheet_data (s->store, "2026-05-29", s->li, &error);
  g_assert_cmpstr (((SdRouteSheetRow *) g_ptr_array_index (masked->rows, 0))->phone, ==, "139****5678");
}

static SdDispatchStop *
stop_of (SdDispatchDay *day, gint64 order_id)
{
  for (guint i = 0; i < day->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->stops, i);
      for (guint j = 0; j < stop->order_ids->len; j++)
        if (g_array_index (stop->order_ids, gint64, j) == order_id)
          return stop;
    }
  g_assert_not_reached ();
}

static gint64
order_with (Shop *s, gint64 customer, gint64 address, SdOrderPayment payment,
            gint64 water, gint64 milk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_order_new (customer, address, "2026-05-29", payment);

  if (water > 0)
    sd_order_add_line (order, s->water, (int) water);
  if (milk > 0)
    sd_order_add_line (order, s->milk, (int) milk);
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  g_assert_no_error (error);
  return order->id;
}

/* The money to collect at the door: what is due less what was paid, and only for payments
 * settled at the door. */
static void
test_collect (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  gint64 addr, c, cash_part, wechat_paid, alipay_open, tickets, prepaid, monthly, overpaid;
  SdPaymentHow how = shop_cash (0);
  SdPaymentHow wechat = { .method = SD_METHOD_WECHAT, .who = "店长", .note = "" };

  c = located_customer (s, "付了一半", "13800000501", 30.29, 120.14, &addr);
  cash_part = order_with (s, c, addr, SD_PAY_CASH_ON_DELIVERY, 2, 0);             /* ¥36 */
  g_assert_cmpint (sd_store_record_payment (s->store, c, cash_part, 1000, &how, &error), >, 0);
  c = located_customer (s, "微信付过", "13800000502", 30.291, 120.14, &addr);
  wechat_paid = order_with (s, c, addr, SD_PAY_WECHAT, 1, 0);                      /* ¥18, paid */
  g_assert_cmpint (sd_store_record_payment (s->store, c, wechat_paid, 1800, &wechat, &error), >, 0);
  c = located_customer (s, "支付宝未付", "13800000503", 30.292, 120.14, &addr);
  alipay_open = order_with (s, c, addr, SD_PAY_ALIPAY, 1, 0);                      /* ¥18, not yet */
  c = located_customer (s, "水票", "13800000504", 30.293, 120.14, &addr);
  tickets = order_with (s, c, addr, SD_PAY_TICKETS, 2, 2);        /* water on tickets, milk ¥9 */
  c = located_customer (s, "预存", "13800000505", 30.294, 120.14, &addr);
  prepaid = order_with (s, c, addr, SD_PAY_PREPAID, 1, 0);
  c = located_customer (s, "月结", "13800000506", 30.295, 120.14, &addr);
  monthly = order_with (s, c, addr, SD_PAY_MONTHLY_ACCOUNT, 1, 0);
  c = located_customer (s, "多付", "13800000507", 30.296, 120.14, &addr);
  overpaid = order_with (s, c, addr, SD_PAY_CASH_ON_DELIVERY, 1, 0);
  g_assert_cmpint (sd_store_record_payment (s->store, c, overpaid, 2000, &how, &error), >, 0);
  g_assert_no_error (error);

  day = sd_store_load_dispatch_day (s->store, "2026-05-29", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stop_of (day, cash_part)->collect_fen, ==, 3600 - 1000);
  g_assert_cmpint (stop_of (day, wechat_paid)->collect_fen, ==, 0);
  g_assert_cmpint (stop_of (day, alipay_open)->collect_fen, ==, 1800);
  g_assert_cmpint (stop_of (day, tickets)->collect_fen, ==, 2 * 450);
  g_assert_cmpint (stop_of (day, tickets)->tickets, ==, 2);
  g_assert_cmpint (stop_of (day, prepaid)->collect_fen, ==, 0);
  g_assert_cmpint (stop_of (day, monthly)->collect_fen, ==, 0);
  g_assert_cmpint (stop_of (day, overpaid)->collect_fen, ==, 0);
  g_clear_pointer (&day, sd_dispatch_day_free);

  /* the route sheet adds up the same; two orders at one door add up after their payments */
  {
    g_autoptr(SdRouteSheetData) sheet = NULL;
    gint64 door = order_with (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, 1, 0);
    gint64 paid = order_with (s, s->alice, s->alice_home, SD_PAY_WECHAT, 0, 4);
    gint64 all[] = { cash_part, wechat_paid, alipay_open, tickets, prepaid, monthly, overpaid, door };

    g_assert_cmpint (sd_store_record_payment (s->store, s->alice, paid, 1800, &wechat, &error), >, 0);
    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", all[i], s->li, -1, "店长", &error));
    g_assert_no_error (error);
    day = sd_store_load_dispatch_day (s->store, "2026-05-29", &error);
    g_assert_cmpuint (stop_of (day, paid)->order_ids->len, ==, 2);
    g_assert_cmpint (stop_of (day, door)->collect_fen, ==, 1800);   /* ¥18 + (¥18 − ¥18 paid) */
    sheet = sd_store_route_sheet_data (s->store, "2026-05-29", s->li, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sheet->collect_fen, ==, 2600 + 1800 + 900 + 1800);
  }
}

static gint64
local_time (int year, int month, int day, int hh, int mm)
{
  g_autoptr(GDateTime) t = g_date_time_new_local (year, month, day, hh, mm, 0);

  return g_date_time_to_unix (t);
}

static gint64
timed_order (Shop *s, gint64 courier, SdOrderSlot slot, int quantity, int hh, int mm)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrder) order = sd_order_new (s->alice, s->alice_home, "2026-05-29", SD_PAY_CASH_ON_DELIVERY);
  SdTransitionOptions options;

  order->slot = slot;
  if (slot == SD_SLOT_WINDOW)
    {
      order->window_from = g_strdup ("10:00");
      order->window_to = g_strdup ("11:00");
    }
  sd_order_add_line (order, s->milk, quantity);
  /* the evening before, then hh:mm on the day — local time, as windows are */
  s->now = local_time (2026, 5, 28, 23, 0);
  g_assert_true (sd_store_create_order (s->store, order, "店长", &error));
  g_assert_no_error (error);
  shop_dispatch (s, order->id, courier);
  s->now = local_time (2026, 5, 29, hh, mm);
  sd_transition_options_init (&options);
  g_assert_true (shop_deliver (s, order->id, &options, &error));
  g_assert_no_error (error);
  return order->id;
}

static void
test_performance (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) perf = NULL;
  SdCourierPerformance *li, *zhou;

  timed_order (s, s->zhou, SD_SLOT_MORNING, 2, 9, 0);      /* on time */
  timed_order (s, s->zhou, SD_SLOT_AFTERNOON, 3, 9, 20);   /* too early: not on time; gap 20 min */
  timed_order (s, s->zhou, SD_SLOT_ANY, 5, 9, 50);         /* no window; gap 30 min */
  timed_order (s, s->zhou, SD_SLOT_ANY, 1, 11, 30);        /* after a break of 100 min: no gap */
  timed_order (s, s->li, SD_SLOT_WINDOW, 4, 10, 30);       /* on time */
  g_assert_cmpint (shop_raw_exec (s->path, "INSERT INTO routes (day, courier_id, distance_m, planned_at) "
                                           "VALUES ('2026-05-29', 1, 12345, 0), ('2026-05-30', 1, 1000, 0)"), ==, SQLITE_OK);

  perf = sd_store_courier_performance (s->store, "2026-05-29", "2026-05-29", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (perf->len, ==, 2);
  /* sorted by name as the locale sorts */
  zhou = g_ptr_array_index (perf, 0);
  li = g_ptr_array_index (perf, 1);
  if (zhou->courier_id != s->zhou)
    {
      SdCourierPerformance *t = zhou;
      zhou = li, li = t;
    }
  g_assert_cmpint (g_utf8_collate (((SdCourierPerformance *) g_ptr_array_index (perf, 0))->name,
                                   ((SdCourierPerformance *) g_ptr_array_index (perf, 1))->name), <, 0);
  g_assert_cmpint (zhou->courier_id, ==, s->zhou);
  g_assert_cmpstr (zhou->name, ==, "周师傅");
  g_assert_cmpint (zhou->deliveries, ==, 4);
  g_assert_cmpint (zhou->items, ==, 11);
  g_assert_cmpint (zhou->windowed, ==, 2);
  g_assert_cmpint (zhou->on_time, ==, 1);
  g_assert_cmpint (zhou->stop_gaps, ==, 2);
  g_assert_cmpfloat_with_epsilon (zhou->avg_stop_s, 1500, 1e-9);
  g_assert_cmpfloat (zhou->distance_m, ==, 12345);
  g_assert_cmpint (li->courier_id, ==, s->li);
  g_assert_cmpint (li->deliveries, ==, 1);
  g_assert_cmpint (li->on_time, ==, 1);
  g_assert_cmpint (li->windowed, ==, 1);
  g_assert_cmpint (li->stop_gaps, ==, 0);
  g_assert_cmpfloat (li->distance_m, ==, 0);

  g_clear_pointer (&perf, g_ptr_array_unref);
  perf = sd_store_courier_performance (s->store, "2026-05-30", "2026-05-29", &error);
  g_assert_null (perf);
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID);
}

/* Planning with some couriers leaves the stops it was not given as they were: another
 * courier's open stops, and stops with no place on the map given by hand. */
static void
test_plan_keeps_hand_made (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  gint64 addr, c, zhou_own, li_unlocated, li_located, open, nowhere, courier = 0, ids[1] = { s->li };
  SdDispatchRoute *li;
  SdDispatchStop *stop;

  c = located_customer (s, "周的客户", "13800000701", 30.29, 120.14, &addr);
  zhou_own = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  li_unlocated = shop_order (s, s->alice, s->alice_home, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  c = located_customer (s, "李的客户", "13800000702", 30.30, 120.14, &addr);
  li_located = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  c = located_customer (s, "没人送", "13800000703", 30.31, 120.14, &addr);
  open = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  nowhere = shop_order (s, s->acme, s->acme_office, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", zhou_own, s->zhou, -1, "店长", &error));
  g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", li_unlocated, s->li, -1, "店长", &error));
  g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", li_located, s->li, -1, "店长", &error));
  g_assert_no_error (error);

  /* only li plans today */
  plan = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 1, 0.2, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd_dispatch_plan_get_n_stops (plan), ==, 2);   /* li's located stop and the open one */
  g_assert_true (sd_dispatch_plan_solve (plan, NULL, &error));
  g_assert_true (sd_store_save_dispatch_plan (s->store, plan, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sd_dispatch_plan_get_n_unplanned (plan), ==, 1);
  stop = g_ptr_array_index (sd_dispatch_plan_get_day (plan)->unassigned, 0);
  g_assert_cmpint (stop->key, ==, nowhere);
  g_assert_cmpint (stop->unplanned, ==, SD_DISPATCH_UNPLANNED_NO_LOCATION);

  /* zhou keeps his order and his route */
  g_assert_cmpint (order_status (s->store, zhou_own, &courier), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (courier, ==, s->zhou);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT r.courier_id FROM route_stops s JOIN routes r ON r.id = s.route_id "
                                            "WHERE s.order_id = %" G_GINT64_FORMAT, zhou_own);
    g_assert_cmpint (shop_raw_int (s, sql), ==, s->zhou);
  }
  /* li keeps the order with no place on the map, after the planned ones */
  g_assert_cmpint (order_status (s->store, li_unlocated, &courier), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (courier, ==, s->li);
  g_assert_cmpint (order_status (s->store, li_located, &courier), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (courier, ==, s->li);
  g_assert_cmpint (order_status (s->store, open, &courier), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (courier, ==, s->li);
  g_assert_cmpint (order_status (s->store, nowhere, &courier), ==, SD_ORDER_PENDING);
  g_assert_cmpint (courier, ==, 0);

  day = sd_store_load_dispatch_day (s->store, "2026-05-29", &error);
  g_assert_no_error (error);
  li = sd_dispatch_day_find_route (day, s->li);
  g_assert_cmpuint (li->stops->len, ==, 3);
  g_assert_cmpint (((SdDispatchStop *) g_ptr_array_index (li->stops, 2))->key, ==, li_unlocated);
  g_assert_cmpuint (sd_dispatch_day_find_route (day, s->zhou)->stops->len, ==, 1);
  g_assert_cmpuint (day->unassigned->len, ==, 1);
}

static const char *
route_status (Shop *s, gint64 courier)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status = 'out' FROM routes WHERE day = '2026-05-29' "
                                          "AND courier_id = %" G_GINT64_FORMAT, courier);
  gint64 out = shop_raw_int (s, sql);

  return out < 0 ? "none" : out ? "out" : "planned";
}

/* The solver runs on a worker thread while the board and the Orders area stay usable: a
 * plan of the day as it was is not saved over what happened meanwhile. */
static void
test_plan_day_changed (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  g_autoptr(SdDispatchPlan) again = NULL;
  g_autoptr(SdDispatchPlan) late = NULL;
  g_autoptr(SdDispatchDay) day = NULL;
  gint64 addr, c, zhou_orders[2], open, courier = 0, ids[2] = { s->zhou, s->li };
  SdDispatchRoute *zhou;

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *phone = g_strdup_printf ("1380000080%d", i);
      c = located_customer (s, "周的客户", phone, 30.29 + 0.01 * i, 120.14, &addr);
      zhou_orders[i] = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
      g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", zhou_orders[i], s->zhou, -1,
                                                  "店长", &error));
      g_assert_no_error (error);
    }
  c = located_customer (s, "没人送", "13800000810", 30.26, 120.14, &addr);
  open = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);

  /* planning starts; meanwhile zhou leaves with his route */
  plan = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 2, 0.2, 1, &error);
  g_assert_no_error (error);
  g_assert_true (sd_dispatch_plan_solve (plan, NULL, &error));
  g_assert_true (sd_store_route_out_for_delivery (s->store, "2026-05-29", s->zhou, "店长", &error));
  g_assert_no_error (error);
  g_assert_false (sd_store_save_dispatch_plan (s->store, plan, "店长", &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "plan again"));
  g_clear_error (&error);
  /* nothing was written: zhou is out with both, the open one has nobody */
  g_assert_cmpstr (route_status (s, s->zhou), ==, "out");
  g_assert_cmpstr (route_status (s, s->li), ==, "none");
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (order_status (s->store, zhou_orders[i], &courier), ==, SD_ORDER_OUT_FOR_DELIVERY);
      g_assert_cmpint (courier, ==, s->zhou);
    }
  g_assert_cmpint (order_status (s->store, open, &courier), ==, SD_ORDER_PENDING);
  g_assert_cmpint (courier, ==, 0);

  /* planning again works around the route that is out */
  again = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 2, 0.2, 1, &error);
  g_assert_true (sd_dispatch_plan_solve (again, NULL, &error));
  g_assert_true (sd_store_save_dispatch_plan (s->store, again, "店长", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (route_status (s, s->zhou), ==, "out");
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (order_status (s->store, zhou_orders[i], &courier), ==, SD_ORDER_OUT_FOR_DELIVERY);
      g_assert_cmpint (courier, ==, s->zhou);
    }
  g_assert_cmpint (order_status (s->store, open, &courier), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (courier, !=, 0);
  day = sd_store_load_dispatch_day (s->store, "2026-05-29", &error);
  zhou = sd_dispatch_day_find_route (day, s->zhou);
  g_assert_true (zhou->out);
  g_assert_cmpint (((SdDispatchStop *) g_ptr_array_index (zhou->stops, 0))->status, ==, SD_ORDER_OUT_FOR_DELIVERY);

  /* under the check, the writers keep what the database has: a stale view of the day
   * (the route not out yet) neither takes an order that is out nor the route's status */
  zhou->out = FALSE;
  g_assert_true (sd_store_begin (s->store, &error));
  g_assert_true (_sd_dispatch_assign_stop (s->store, g_ptr_array_index (zhou->stops, 0), s->li, "店长", &error));
  g_assert_true (_sd_dispatch_write_route (s->store, "2026-05-29", zhou, "店长", &error));
  g_assert_true (sd_store_commit (s->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (route_status (s, s->zhou), ==, "out");
  g_assert_cmpint (order_status (s->store, zhou_orders[0], &courier), ==, SD_ORDER_OUT_FOR_DELIVERY);
  g_assert_cmpint (courier, ==, s->zhou);

  /* an order phoned in, or one cancelled, while the solver runs: plan again too */
  late = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 2, 0.2, 1, &error);
  g_assert_true (sd_dispatch_plan_solve (late, NULL, &error));
  c = located_customer (s, "晚到", "13800000811", 30.27, 120.14, &addr);
  shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  g_assert_false (sd_store_save_dispatch_plan (s->store, late, "店长", &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_CHANGED);
  g_clear_error (&error);
  g_clear_pointer (&late, sd_dispatch_plan_free);
  late = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 2, 0.2, 1, &error);
  g_assert_true (sd_dispatch_plan_solve (late, NULL, &error));
  shop_move (s, open, SD_ORDER_CANCELLED);
  g_assert_false (sd_store_save_dispatch_plan (s->store, late, "店长", &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_CHANGED);
}

static int
refuse_commit (void *data)
{
  (*(int *) data)++;
  return 1;   /* the COMMIT becomes a ROLLBACK and fails */
}

/* A failed COMMIT has already rolled back: the dispatch calls report it and leave the
 * store outside any transaction (no second rollback). */
static void
test_failed_commit (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  SdDispatchOptions o;
  gint64 addr, c, order, late, courier = -1, ids[1] = { s->zhou };
  int refused = 0;

  c = located_customer (s, "客户", "13800000601", 30.29, 120.14, &addr);
  order = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  c = located_customer (s, "晚到", "13800000602", 30.30, 120.14, &addr);
  late = shop_order (s, c, addr, SD_PAY_CASH_ON_DELIVERY, s->water, 1);
  plan = sd_dispatch_plan_prepare (s->store, "2026-05-29", ids, 1, 0.2, 1, &error);
  g_assert_no_error (error);
  g_assert_true (sd_dispatch_plan_solve (plan, NULL, &error));
  g_assert_no_error (error);

  sqlite3_commit_hook (_sd_store_get_db (s->store), refuse_commit, &refused);

  g_assert_false (sd_store_dispatch_move_stop (s->store, "2026-05-29", order, s->zhou, -1, "店长", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (_sd_store_in_transaction (s->store));
  g_assert_false (sd_store_save_dispatch_plan (s->store, plan, "店长", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (_sd_store_in_transaction (s->store));
  sd_store_get_dispatch_options (s->store, &o);
  g_assert_false (sd_store_set_dispatch_options (s->store, &o, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (_sd_store_in_transaction (s->store));
  g_assert_cmpint (refused, ==, 3);
  g_assert_cmpint (order_status (s->store, order, &courier), ==, SD_ORDER_PENDING);
  g_assert_cmpint (courier, ==, 0);

  /* with the database willing again, the same calls work */
  sqlite3_commit_hook (_sd_store_get_db (s->store), NULL, NULL);
  g_assert_true (sd_store_dispatch_move_stop (s->store, "2026-05-29", order, s->zhou, -1, "店长", &error));
  g_assert_no_error (error);

  sqlite3_commit_hook (_sd_store_get_db (s->store), refuse_commit, &refused);
  g_assert_false (sd_store_dispatch_insert_order (s->store, late, "店长", &courier, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (_sd_store_in_transaction (s->store));
  g_assert_false (sd_store_route_out_for_delivery (s->store, "2026-05-29", s->zhou, "店长", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (_sd_store_in_transaction (s->store));
  g_assert_cmpint (refused, ==, 5);
  sqlite3_commit_hook (_sd_store_get_db (s->store), NULL, NULL);
  g_assert_cmpint (order_status (s->store, order, NULL), ==, SD_ORDER_TO_DISPATCH);
  g_assert_cmpint (order_status (s->store, late, &courier), ==, SD_ORDER_PENDING);
  g_assert_cmpint (courier, ==, 0);
  sd_dispatch_options_clear (&o);
}

static void
test_options (Shop *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SdDispatchOptions o, back, bad;

  /* the defaults the planner uses when the shop set nothing */
  sd_store_get_dispatch_options (s->store, &o);
  g_assert_cmpstr (o.shift_start, ==, "08:00");
  g_assert_cmpstr (o.shift_end, ==, "18:00");
  g_assert_cmpfloat (o.service_min, ==, 5);
  g_assert_cmpfloat (o.road_factor, ==, 1.3);
  g_assert_cmpfloat (o.speed_kmh, ==, 25);
  g_assert_cmpstr (o.osrm_url, ==, "");

  g_free (o.shift_start);
  o.shift_start = g_strdup ("7:30");
  o.service_min = 4;
  o.speed_kmh = 18.5;
  g_free (o.osrm_url);
  o.osrm_url = g_strdup (" http://192.168.1.5:5000 ");
  g_assert_true (sd_store_set_dispatch_options (s->store, &o, &error));
  g_assert_no_error (error);
  sd_store_get_dispatch_options (s->store, &back);
  g_assert_cmpstr (back.shift_start, ==, "07:30");
  g_assert_cmpfloat (back.service_min, ==, 4);
  g_assert_cmpfloat (back.speed_kmh, ==, 18.5);
  g_assert_cmpstr (back.osrm_url, ==, "http://192.168.1.5:5000");

  /* each bad field is refused and nothing is written */
  bad = back;
  bad.shift_end = (char *) "06:00";
  g_assert_false (sd_store_set_dispatch_options (s->store, &bad, &error));
  g_assert_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID);
  g_clear_error (&error);
  bad = back;
  bad.shift_start = (char *) "25:00";
  g_assert_false (sd_store_set_dispatch_options (s->store, &bad, &error));
  g_assert_nonnull (strstr (error->message, "25:00"));
  g_clear_error (&error);
  bad = back;
  bad.road_factor = 0.5;
  g_assert_false (sd_store_set_dispatch_options (s->store, &bad, &error));
  g_clear_error (&error);
  bad = back;
  bad.osrm_url = (char *) "ftp://x";
  g_assert_false (sd_store_set_dispatch_options (s->store, &bad, &error));
  g_assert_nonnull (strstr (error->message, "ftp://x"));
  g_clear_error (&error);
  sd_dispatch_options_clear (&o);
  sd_store_get_dispatch_options (s->store, &o);
  g_assert_cmpstr (o.shift_start, ==, "07:30");
  g_assert_cmpfloat (o.road_factor, ==, 1.3);
  g_assert_cmpstr (o.osrm_url, ==, "http://192.168.1.5:5000");
  sd_dispatch_options_clear (&o);
  sd_dispatch_options_clear (&back);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dispatch/load-day", Demo, NULL, demo_setup, test_load_day, demo_teardown);
  g_test_add ("/dispatch/plan-demo", Demo, NULL, demo_setup, test_plan_demo, demo_teardown);
  g_test_add ("/dispatch/replan-keeps-fixed", Demo, NULL, demo_setup, test_replan_keeps_fixed, demo_teardown);
  g_test_add ("/dispatch/move-and-send-out", Demo, NULL, demo_setup, test_move_and_send_out, demo_teardown);
  g_test_add ("/dispatch/late-order", Shop, NULL, map_shop_setup, test_late_order, shop_teardown);
  g_test_add ("/dispatch/osrm", Shop, NULL, map_shop_setup, test_osrm, shop_teardown);
  g_test_add ("/dispatch/route-sheet", Shop, NULL, map_shop_setup, test_route_sheet, shop_teardown);
  g_test_add ("/dispatch/collect", Shop, NULL, map_shop_setup, test_collect, shop_teardown);
  g_test_add ("/dispatch/performance", Shop, NULL, map_shop_setup, test_performance, shop_teardown);
  g_test_add ("/dispatch/options", Shop, NULL, map_shop_setup, test_options, shop_teardown);
  g_test_add ("/dispatch/plan-keeps-hand-made", Shop, NULL, map_shop_setup, test_plan_keeps_hand_made, shop_teardown);
  g_test_add ("/dispatch/plan-day-changed", Shop, NULL, map_shop_setup, test_plan_day_changed, shop_teardown);
  g_test_add ("/dispatch/failed-commit", Shop, NULL, map_shop_setup, test_failed_commit, shop_teardown);

  return g_test_run ();
}
