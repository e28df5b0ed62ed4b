/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispatch board's day: orders grouped into stops, routes per courier, and the edits
 * made by hand (move, reorder, send out).
 *
 * A stop's load ("demand") counts one place per returnable bucket and one per started ten
 * units of any other line (a crate of milk, boxes of small bottles): couriers' capacities
 * are given in buckets per trip. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-catalog.h"
#include "sd-date.h"
#include "sd-dispatch-private.h"
#include "sd-route.h"

G_DEFINE_QUARK (sd-dispatch-error-quark, sd_dispatch_error)

const char *
sd_dispatch_unplanned_label (SdDispatchUnplanned reason)
{
  switch (reason)
    {
    case SD_DISPATCH_UNPLANNED_NO_LOCATION:
      return _("The address has no place on the map");
    case SD_DISPATCH_UNPLANNED_CAPACITY:
      return _("More than any chosen courier can carry");
    case SD_DISPATCH_UNPLANNED_TIME_WINDOW:
      return _("No courier can reach it within its time window");
    case SD_DISPATCH_UNPLANNED_NO_ROOM:
      return _("Every chosen courier is full or out of time");
    case SD_DISPATCH_UNPLANNED_NONE:
    default:
      return "";
    }
}

int
_sd_dispatch_parse_time (const char *text)
{
  guint h, m;
  char extra;

  if (text == NULL || sscanf (text, "%2u:%2u%c", &h, &m, &extra) != 2 || h > 24 || m > 59 ||
      (h == 24 && m > 0))
    return -1;
  return (int) (h * 3600 + m * 60);
}

char *
sd_dispatch_format_time_of_day (int seconds)
{
  if (seconds < 0)
    return g_strdup ("");
  return g_strdup_printf ("%02d:%02d", seconds / 3600, (seconds / 60) % 60);
}

static double
setting_double (SdStore    *store,
                const char *key,
                double      fallback,
                double      min,
                double      max)
{
  g_autofree char *text = sd_store_get_setting (store, key, NULL);
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return fallback;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v < min || v > max)
    return fallback;
  return v;
}

static int
setting_time (SdStore    *store,
              const char *key,
              int         fallback)
{
  g_autofree char *text = sd_store_get_setting (store, key, NULL);
  int v = _sd_dispatch_parse_time (text);

  return v < 0 ? fallback : v;
}

void
_sd_dispatch_settings_load (SdStore            *store,
                            SdDispatchSettings *s)
{
  g_autofree char *lat = sd_store_get_setting (store, "shop.latitude", NULL);
  g_autofree char *lon = sd_store_get_setting (store, "shop.longitude", NULL);
  g_autofree char *osrm = sd_store_get_setting (store, "dispatch.osrm_url", NULL);

  memset (s, 0, sizeof *s);
  s->road_factor = setting_double (store, "dispatch.road_factor", 1.3, 1.0, 5.0);
  s->speed_kmh = setting_double (store, "dispatch.speed_kmh", 25.0, 1.0, 200.0);
  s->service_s = (int) (setting_double (store, "dispatch.service_min", 5.0, 0.0, 240.0) * 60.0);
  s->shift_start = setting_time (store, "dispatch.shift_start", 8 * 3600);
  s->shift_end = setting_time (store, "dispatch.shift_end", 18 * 3600);
  if (s->shift_end <= s->shift_start)
    s->shift_end = 24 * 3600;
  s->osrm_url = osrm != NULL && *g_strstrip (osrm) != '\0' ? g_steal_pointer (&osrm) : NULL;
  if (lat != NULL && lon != NULL && *lat && *lon)
    {
      s->depot_lat = g_ascii_strtod (lat, NULL);
      s->depot_lon = g_ascii_strtod (lon, NULL);
      s->has_depot = fabs (s->depot_lat) <= 90 && fabs (s->depot_lon) <= 180 &&
                     (s->depot_lat != 0 || s->depot_lon != 0);
    }
}

void
_sd_dispatch_settings_clear (SdDispatchSettings *s)
{
  g_clear_pointer (&s->osrm_url, g_free);
}

void
sd_store_get_dispatch_options (SdStore           *store,
                               SdDispatchOptions *out)
{
  SdDispatchSettings s;

  g_return_if_fail (SD_IS_STORE (store));

  _sd_dispatch_settings_load (store, &s);
  out->shift_start = sd_dispatch_format_time_of_day (s.shift_start);
  out->shift_end = sd_dispatch_format_time_of_day (s.shift_end);
  out->service_min = s.service_s / 60.0;
  out->road_factor = s.road_factor;
  out->speed_kmh = s.speed_kmh;
  out->osrm_url = g_strdup (s.osrm_url ? s.osrm_url : "");
  _sd_dispatch_settings_clear (&s);
}

void
sd_dispatch_options_clear (SdDispatchOptions *options)
{
  g_clear_pointer (&options->shift_start, g_free);
  g_clear_pointer (&options->shift_end, g_free);
  g_clear_pointer (&options->osrm_url, g_free);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID, message);
  return FALSE;
}

gboolean
sd_store_set_dispatch_options (SdStore                 *store,
                               const SdDispatchOptions *o,
                               GError                 **error)
{
  int start = _sd_dispatch_parse_time (o->shift_start);
  int end = _sd_dispatch_parse_time (o->shift_end);
  g_autofree char *url = g_strstrip (g_strdup (o->osrm_url ? o->osrm_url : ""));
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  if (start < 0 || end < 0)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("“%s” is not a time of day like 07:30"),
                   start < 0 ? (o->shift_start ? o->shift_start : "") : (o->shift_end ? o->shift_end : ""));
      return FALSE;
    }
  if (end <= start)
    return invalid (error, _("The couriers’ day must end after it starts"));
  if (!isfinite (o->service_min) || o->service_min < 0 || o->service_min > 240)
    return invalid (error, _("The time at each stop must be between 0 and 240 minutes"));
  if (!isfinite (o->road_factor) || o->road_factor < 1 || o->road_factor > 5)
    return invalid (error, _("The road factor must be between 1 and 5"));
  if (!isfinite (o->speed_kmh) || o->speed_kmh < 1 || o->speed_kmh > 200)
    return invalid (error, _("The speed must be between 1 and 200 km/h"));
  if (*url != '\0' && !g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("“%s” is not a server address starting with http:// or https://"), url);
      return FALSE;
    }

  if (!sd_store_begin (store, error))
    return FALSE;
  {
    g_autofree char *from = sd_dispatch_format_time_of_day (start);
    g_autofree char *to = sd_dispatch_format_time_of_day (end);
    ok = sd_store_set_setting (store, "dispatch.shift_start", from, error) &&
         sd_store_set_setting (store, "dispatch.shift_end", to, error) &&
         sd_store_set_setting (store, "dispatch.service_min",
                               g_ascii_formatd (buf, sizeof buf, "%g", o->service_min), error) &&
         sd_store_set_setting (store, "dispatch.road_factor",
                               g_ascii_formatd (buf, sizeof buf, "%g", o->road_factor), error) &&
         sd_store_set_setting (store, "dispatch.speed_kmh",
                               g_ascii_formatd (buf, sizeof buf, "%g", o->speed_kmh), error) &&
         sd_store_set_setting (store, "dispatch.osrm_url", url, error);
  }
  if (!ok)
    {
      sd_store_rollback (store);
      return FALSE;
    }
  /* a failed commit has already rolled back */
  return sd_store_commit (store, error);
}

static void
stop_free (SdDispatchStop *stop)
{
  g_array_unref (stop->order_ids);
  g_free (stop->customer);
  g_free (stop->phone);
  g_free (stop->address);
  g_free (stop->instructions);
  g_free (stop->items);
  g_free (stop);
}

static void
route_free (SdDispatchRoute *route)
{
  g_ptr_array_unref (route->stops);
  g_free (route->name);
  g_free (route->phone);
  g_free (route->color);
  g_free (route);
}

void
sd_dispatch_day_free (SdDispatchDay *day)
{
  if (day == NULL)
    return;
  g_free (day->date);
  g_ptr_array_unref (day->unassigned);
  g_ptr_array_unref (day->routes);
  g_ptr_array_unref (day->stops);
  g_free (day);
}

SdDispatchStop *
sd_dispatch_day_find_stop (SdDispatchDay *day,
                           gint64         key)
{
  g_return_val_if_fail (day != NULL, NULL);

  for (guint i = 0; i < day->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->stops, i);
      if (stop->key == key)
        return stop;
    }
  return NULL;
}

SdDispatchRoute *
sd_dispatch_day_find_route (SdDispatchDay *day,
                            gint64         courier_id)
{
  g_return_val_if_fail (day != NULL, NULL);

  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);
      if (route->courier_id == courier_id)
        return route;
    }
  return NULL;
}

/* What one order adds to its stop. */
typedef struct {
  GString *items;
  int      n_items;
  int      buckets;
  int      other_places;
  int      tickets;
  int      empties;
  gint64   money_fen;     /* the part of the lines not paid with tickets */
  gint64   paid_fen;      /* payments already recorded for the order */
} OrderGoods;

static void
order_goods_free (OrderGoods *g)
{
  g_string_free (g->items, TRUE);
  g_free (g);
}

static GHashTable *
load_goods (SdStore     *store,
            const char  *date,
            GError     **error)
{
  g_autoptr(GHashTable) goods = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) order_goods_free);
  g_autoptr(SdCachedStmt) paid = NULL;
  g_autoptr(SdCachedStmt) stmt = _sd_store_prepare (store,
    "SELECT l.order_id, p.name, l.quantity, p.returnable_bucket, l.tickets_used, "
    "       l.empties_back, l.unit_price_fen "
    "FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id "
    "WHERE o.requested_date = ?1 AND o.status <> 'cancelled' "
    "ORDER BY l.order_id, l.position", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      OrderGoods *g = g_hash_table_lookup (goods, &id);
      int quantity = sqlite3_column_int (stmt, 2);
      int tickets = sqlite3_column_int (stmt, 4);

      if (g == NULL)
        {
          g = g_new0 (OrderGoods, 1);
          g->items = g_string_new (NULL);
          g_hash_table_insert (goods, g_memdup2 (&id, sizeof id), g);
        }
      if (g->items->len > 0)
        g_string_append (g->items, ", ");
      g_string_append_printf (g->items, "%s ×%d", (const char *) sqlite3_column_text (stmt, 1), quantity);
      g->n_items += quantity;
      if (sqlite3_column_int (stmt, 3))
        g->buckets += quantity;
      else
        g->other_places += (quantity + 9) / 10;
      g->tickets += tickets;
      g->empties += sqlite3_column_int (stmt, 5);
      g->money_fen += (gint64) (quantity - tickets) * sqlite3_column_int64 (stmt, 6);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }

  /* what was paid already (phoned-in WeChat/Alipay, a part at the counter) */
  paid = _sd_store_prepare (store,
    "SELECT p.order_id, sum(p.amount_fen) "
    "FROM orders o JOIN payments p ON p.order_id = o.id "
    "WHERE o.requested_date = ?1 AND o.status <> 'cancelled' AND p.purpose = 'order' "
    "GROUP BY p.order_id", error);
  if (paid == NULL)
    return NULL;
  sqlite3_bind_text (paid, 1, date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (paid)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (paid, 0);
      OrderGoods *g = g_hash_table_lookup (goods, &id);

      if (g != NULL)
        g->paid_fen += sqlite3_column_int64 (paid, 1);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&goods);
}

/* Money the courier takes at the door for one order: what its lines cost in money (the
 * part not paid with tickets) less what was already paid for it, and only for the kinds
 * of payment settled at the door. Prepaid orders draw on the prepaid balance and monthly
 * account orders are paid later on account: nothing to collect. An order phoned in as
 * WeChat or Alipay with no payment recorded yet is collected like cash on delivery: the
 * customer pays the courier (by scanning the courier's code or in cash); once its payment
 * is recorded nothing is left to collect. */
static gint64
order_collect_fen (const char       *payment,
                   SdOrderStatus     status,
                   const OrderGoods *g)
{
  SdOrderPayment kind = SD_PAY_CASH_ON_DELIVERY;

  if (status == SD_ORDER_DELIVERED || status == SD_ORDER_CANCELLED)
    return 0;
  for (int i = 0; i < SD_ORDER_N_PAYMENTS; i++)
    if (g_strcmp0 (payment, sd_order_payment_to_string ((SdOrderPayment) i)) == 0)
      kind = (SdOrderPayment) i;
  switch (kind)
    {
    case SD_PAY_TICKETS:
    case SD_PAY_CASH_ON_DELIVERY:
    case SD_PAY_WECHAT:
    case SD_PAY_ALIPAY:
      return MAX (0, g->money_fen - g->paid_fen);
    case SD_PAY_PREPAID:
    case SD_PAY_MONTHLY_ACCOUNT:
    default:
      return 0;
    }
}

static void
slot_window (const char *slot,
             const char *from,
             const char *to,
             int        *out_from,
             int        *out_to)
{
  *out_from = *out_to = -1;
  if (g_strcmp0 (slot, "morning") == 0)
    *out_from = 8 * 3600, *out_to = 12 * 3600;
  else if (g_strcmp0 (slot, "afternoon") == 0)
    *out_from = 13 * 3600, *out_to = 18 * 3600;
  else if (g_strcmp0 (slot, "evening") == 0)
    *out_from = 18 * 3600, *out_to = 21 * 3600;
  else if (g_strcmp0 (slot, "window") == 0)
    {
      *out_from = _sd_dispatch_parse_time (from);
      *out_to = _sd_dispatch_parse_time (to);
      if (*out_from < 0 || *out_to <= *out_from)
        *out_from = *out_to = -1;
    }
}

static int
status_rank (SdOrderStatus status)
{
  return (int) status;   /* pending < to_dispatch < out < delivered */
}

static int
compare_route_stops (gconstpointer a,
                     gconstpointer b)
{
  const SdDispatchStop *x = *(SdDispatchStop * const *) a;
  const SdDispatchStop *y = *(SdDispatchStop * const *) b;
  /* delivered, then out, then open; inside each by their stored place, unplaced last */
  int fx = x->status == SD_ORDER_DELIVERED ? 0 : x->status == SD_ORDER_OUT_FOR_DELIVERY ? 1 : 2;
  int fy = y->status == SD_ORDER_DELIVERED ? 0 : y->status == SD_ORDER_OUT_FOR_DELIVERY ? 1 : 2;
  int sx = x->seq < 0 ? G_MAXINT : x->seq;
  int sy = y->seq < 0 ? G_MAXINT : y->seq;

  if (fx != fy)
    return fx - fy;
  if (sx != sy)
    return sx < sy ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key;
}

static SdDispatchRoute *
route_new (const SdCourier *courier)
{
  SdDispatchRoute *route = g_new0 (SdDispatchRoute, 1);

  route->courier_id = courier->id;
  route->name = g_strdup (courier->name);
  route->phone = g_strdup (courier->phone ? courier->phone : "");
  route->color = g_strdup (courier->color ? courier->color : "#3584e4");
  route->capacity = courier->capacity;
  route->stops = g_ptr_array_new ();
  return route;
}

void
_sd_dispatch_evaluate_route (const SdDispatchDay      *day,
                             const SdDispatchSettings *settings,
                             SdDispatchRoute          *route)
{
  double lat = day->depot_lat, lon = day->depot_lon;
  gboolean have_here = day->has_depot;
  double t = settings->shift_start;
  double metres_per_s = settings->speed_kmh / 3.6;

  route->distance_m = 0;
  route->load = 0;
  route->late = FALSE;
  route->start_s = settings->shift_start;
  for (guint i = 0; i < route->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (route->stops, i);

      route->load += stop->demand;
      if (stop->has_location)
        {
          if (have_here)
            {
              double d = sd_route_haversine_m (lat, lon, stop->lat, stop->lon) * settings->road_factor;
              route->distance_m += d;
              t += d / metres_per_s;
            }
          lat = stop->lat, lon = stop->lon, have_here = TRUE;
        }
      if (stop->window_from >= 0 && t < stop->window_from)
        t = stop->window_from;
      if (stop->window_to >= 0 && t > stop->window_to)
        route->late = TRUE;
      stop->planned_arrival = (int) lrint (t);
      stop->seq = (int) i;
      t += stop->service_s;
    }
  if (have_here && day->has_depot && route->stops->len > 0)
    {
      double d = sd_route_haversine_m (lat, lon, day->depot_lat, day->depot_lon) * settings->road_factor;
      route->distance_m += d;
      t += d / metres_per_s;
    }
  route->finish_s = route->stops->len > 0 ? (int) lrint (t) : settings->shift_start;
}

SdDispatchDay *
_sd_dispatch_load_day (SdStore                  *store,
                       const char               *date,
                       const SdDispatchSettings *settings,
                       GError                  **error)
{
  g_autoptr(SdDispatchDay) day = NULL;
  g_autoptr(GHashTable) goods = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) couriers = NULL;
  g_autoptr(GHashTable) out_routes = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autofree char *normal = sd_date_normalize (date, &date_error);
  g_autoptr(SdCachedStmt) stmt = NULL;
  g_autoptr(SdCachedStmt) routes = NULL;
  int rc;

  if (normal == NULL || *normal == '\0')
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("“%s” is not a day: write it as 2024-03-08"), date ? date : "");
      return NULL;
    }

  day = g_new0 (SdDispatchDay, 1);
  day->date = g_steal_pointer (&normal);
  day->has_depot = settings->has_depot;
  day->depot_lat = settings->depot_lat;
  day->depot_lon = settings->depot_lon;
  day->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) stop_free);
  day->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  day->unassigned = g_ptr_array_new ();

  goods = load_goods (store, day->date, error);
  if (goods == NULL)
    return NULL;

  stmt = _sd_store_prepare (store,
    "SELECT o.id, o.customer_id, o.address_id, o.slot, o.window_from, o.window_to, "
    "       o.courier_id, o.status, o.payment, c.name, a.text, a.instructions, "
    "       a.latitude, a.longitude, "
    "       (SELECT number FROM customer_phones p WHERE p.customer_id = o.customer_id "
    "        ORDER BY p.position LIMIT 1), "
    "       rs.seq, r.courier_id "
    "FROM orders o JOIN customers c ON c.id = o.customer_id "
    "JOIN addresses a ON a.id = o.address_id "
    "LEFT JOIN route_stops rs ON rs.order_id = o.id "
    "LEFT JOIN routes r ON r.id = rs.route_id "
    "WHERE o.requested_date = ?1 AND o.status <> 'cancelled' "
    "ORDER BY o.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day->date, -1, SQLITE_TRANSIENT);

  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 order_id = sqlite3_column_int64 (stmt, 0);
      gint64 address_id = sqlite3_column_int64 (stmt, 2);
      gint64 courier_id = sqlite3_column_int64 (stmt, 6);
      SdOrderStatus status = SD_ORDER_PENDING;
      const char *payment = (const char *) sqlite3_column_text (stmt, 8);
      OrderGoods *g = g_hash_table_lookup (goods, &order_id);
      g_autofree char *group_key = NULL;
      SdDispatchStop *stop;
      int from, to;

      sd_order_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &status);
      /* one stop per address, courier and whether it can still move */
      group_key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d", address_id,
                                   courier_id, status >= SD_ORDER_OUT_FOR_DELIVERY ? (int) status : 0);
      stop = g_hash_table_lookup (groups, group_key);
      if (stop == NULL)
        {
          stop = g_new0 (SdDispatchStop, 1);
          stop->key = order_id;
          stop->order_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          stop->customer_id = sqlite3_column_int64 (stmt, 1);
          stop->address_id = address_id;
          stop->customer = _sd_column_dup (stmt, 9);
          stop->address = _sd_column_dup (stmt, 10);
          stop->instructions = _sd_column_dup (stmt, 11);
          stop->has_location = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
          stop->lat = sqlite3_column_double (stmt, 12);
          stop->lon = sqlite3_column_double (stmt, 13);
          stop->phone = _sd_column_dup (stmt, 14);
          stop->items = g_strdup ("");
          stop->window_from = stop->window_to = -1;
          stop->service_s = settings->service_s;
          stop->status = status;
          stop->courier_id = courier_id;
          stop->seq = -1;
          stop->planned_arrival = -1;
          g_ptr_array_add (day->stops, stop);
          g_hash_table_insert (groups, g_steal_pointer (&group_key), stop);
        }
      g_array_append_val (stop->order_ids, order_id);
      if (status_rank (status) < status_rank (stop->status))
        stop->status = status;
      /* its place counts when it is on the route of its own courier */
      if (sqlite3_column_type (stmt, 15) != SQLITE_NULL && sqlite3_column_int64 (stmt, 16) == courier_id)
        {
          int seq = sqlite3_column_int (stmt, 15);
          if (stop->seq < 0 || seq < stop->seq)
            stop->seq = seq;
        }

      slot_window ((const char *) sqlite3_column_text (stmt, 3),
                   (const char *) sqlite3_column_text (stmt, 4),
                   (const char *) sqlite3_column_text (stmt, 5), &from, &to);
      if (from >= 0)
        {
          if (stop->window_from < 0)
            stop->window_from = from, stop->window_to = to;
          else if (MAX (from, stop->window_from) < MIN (to, stop->window_to))
            stop->window_from = MAX (from, stop->window_from), stop->window_to = MIN (to, stop->window_to);
        }

      if (g != NULL)
        {
          g_autofree char *items = stop->items;
          stop->items = *items ? g_strconcat (items, ", ", g->items->str, NULL) : g_strdup (g->items->str);
          stop->n_items += g->n_items;
          stop->demand += g->buckets + g->other_places;
          stop->empties += g->empties;
          if (g_strcmp0 (payment, "tickets") == 0)
            stop->tickets += g->tickets;
          stop->collect_fen += order_collect_fen (payment, status, g);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }

  /* routes: every active courier, and anyone else who has stops that day */
  couriers = sd_store_list_couriers (store, TRUE, error);
  if (couriers == NULL)
    return NULL;
  for (guint i = 0; i < couriers->len; i++)
    {
      SdCourier *courier = g_ptr_array_index (couriers, i);
      gboolean has_stops = FALSE;

      for (guint j = 0; j < day->stops->len && !has_stops; j++)
        has_stops = ((SdDispatchStop *) g_ptr_array_index (day->stops, j))->courier_id == courier->id;
      if (courier->active || has_stops)
        g_ptr_array_add (day->routes, route_new (courier));
    }
  for (guint j = 0; j < day->stops->len; j++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->stops, j);
      SdDispatchRoute *route = stop->courier_id ? sd_dispatch_day_find_route (day, stop->courier_id) : NULL;

      if (route != NULL)
        g_ptr_array_add (route->stops, stop);
      else
        {
          stop->courier_id = 0;
          g_ptr_array_add (day->unassigned, stop);
        }
    }

  routes = _sd_store_prepare (store, "SELECT courier_id FROM routes WHERE day = ?1 AND status = 'out'", error);
  if (routes == NULL)
    return NULL;
  sqlite3_bind_text (routes, 1, day->date, -1, SQLITE_TRANSIENT);
  out_routes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (routes)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (routes, 0);
      g_hash_table_add (out_routes, g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }

  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);

      g_ptr_array_sort (route->stops, compare_route_stops);
      _sd_dispatch_evaluate_route (day, settings, route);
      route->out = g_hash_table_contains (out_routes, &route->courier_id);
      for (guint j = 0; j < route->stops->len && !route->out; j++)
        route->out = ((SdDispatchStop *) g_ptr_array_index (route->stops, j))->status ==
                     SD_ORDER_OUT_FOR_DELIVERY;
    }
  return g_steal_pointer (&day);
}

SdDispatchDay *
sd_store_load_dispatch_day (SdStore     *store,
                            const char  *date,
                            GError     **error)
{
  SdDispatchSettings settings;
  SdDispatchDay *day;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  _sd_dispatch_settings_load (store, &settings);
  day = _sd_dispatch_load_day (store, date, &settings, error);
  _sd_dispatch_settings_clear (&settings);
  return day;
}

gboolean
_sd_dispatch_write_route (SdStore         *store,
                          const char      *date,
                          SdDispatchRoute *route,
                          const char      *who,
                          GError         **error)
{
  g_autoptr(SdCachedStmt) clear = NULL;
  g_autoptr(SdCachedStmt) upsert = NULL;
  g_autoptr(SdCachedStmt) find = NULL;
  gint64 route_id = 0;

  clear = _sd_store_prepare (store,
    "DELETE FROM route_stops WHERE route_id IN "
    "(SELECT id FROM routes WHERE day = ?1 AND courier_id = ?2)", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_text (clear, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (clear, 2, route->courier_id);
  if (!_sd_store_step_done (store, clear, error))
    return FALSE;

  if (route->stops->len == 0 && !route->out)
    {
      g_autoptr(SdCachedStmt) drop = _sd_store_prepare (store,
        "DELETE FROM routes WHERE day = ?1 AND courier_id = ?2 AND status <> 'out'", error);
      if (drop == NULL)
        return FALSE;
      sqlite3_bind_text (drop, 1, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (drop, 2, route->courier_id);
      return _sd_store_step_done (store, drop, error);
    }

  upsert = _sd_store_prepare (store,
    "INSERT INTO routes (day, courier_id, distance_m, start_s, finish_s, planned_at, planned_by, status) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (day, courier_id) DO UPDATE SET distance_m = ?3, start_s = ?4, finish_s = ?5, "
    "  planned_at = ?6, planned_by = ?7, "
    "  status = CASE WHEN routes.status = 'out' THEN 'out' ELSE ?8 END", error);   /* out stays out */
  if (upsert == NULL)
    return FALSE;
  sqlite3_bind_text (upsert, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (upsert, 2, route->courier_id);
  sqlite3_bind_int64 (upsert, 3, (gint64) llround (MAX (route->distance_m, 0)));
  sqlite3_bind_int (upsert, 4, MAX (route->start_s, 0));
  sqlite3_bind_int (upsert, 5, MAX (route->finish_s, 0));
  sqlite3_bind_int64 (upsert, 6, sd_store_now (store));
  _sd_bind_text (upsert, 7, who);
  sqlite3_bind_text (upsert, 8, route->out ? "out" : "planned", -1, SQLITE_STATIC);
  if (!_sd_store_step_done (store, upsert, error))
    return FALSE;

  find = _sd_store_prepare (store, "SELECT id FROM routes WHERE day = ?1 AND courier_id = ?2", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (find, 2, route->courier_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  route_id = sqlite3_column_int64 (find, 0);

  for (guint i = 0; i < route->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (route->stops, i);

      for (guint j = 0; j < stop->order_ids->len; j++)
        {
          g_autoptr(SdCachedStmt) put = _sd_store_prepare (store,
            "INSERT OR REPLACE INTO route_stops (order_id, route_id, seq, planned_arrival) "
            "VALUES (?1, ?2, ?3, ?4)", error);
          if (put == NULL)
            return FALSE;
          sqlite3_bind_int64 (put, 1, g_array_index (stop->order_ids, gint64, j));
          sqlite3_bind_int64 (put, 2, route_id);
          sqlite3_bind_int (put, 3, (int) i);
          sqlite3_bind_int (put, 4, MAX (stop->planned_arrival, 0));
          if (!_sd_store_step_done (store, put, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
_sd_dispatch_assign_stop (SdStore         *store,
                          SdDispatchStop  *stop,
                          gint64           courier_id,
                          const char      *who,
                          GError         **error)
{
  for (guint j = 0; j < stop->order_ids->len; j++)
    {
      gint64 id = g_array_index (stop->order_ids, gint64, j);
      g_autoptr(SdOrder) order = sd_store_load_order (store, id, error);

      if (order == NULL)
        return FALSE;
      /* gone out, delivered or cancelled since the caller looked: it stays as it is */
      if (order->status == SD_ORDER_OUT_FOR_DELIVERY || order->status == SD_ORDER_DELIVERED ||
          order->status == SD_ORDER_CANCELLED)
        continue;
      if (order->courier_id != courier_id && !sd_store_assign_courier (store, id, courier_id, error))
        return FALSE;
      if (courier_id > 0 && order->status == SD_ORDER_PENDING &&
          !sd_store_transition_order (store, id, SD_ORDER_TO_DISPATCH, who, NULL, NULL, error))
        return FALSE;
    }
  if (courier_id == 0)
    {
      for (guint j = 0; j < stop->order_ids->len; j++)
        {
          g_autoptr(SdCachedStmt) drop = _sd_store_prepare (store,
            "DELETE FROM route_stops WHERE order_id = ?1", error);
          if (drop == NULL)
            return FALSE;
          sqlite3_bind_int64 (drop, 1, g_array_index (stop->order_ids, gint64, j));
          if (!_sd_store_step_done (store, drop, error))
            return FALSE;
        }
    }
  if (courier_id > 0 && stop->status == SD_ORDER_PENDING)
    stop->status = SD_ORDER_TO_DISPATCH;
  stop->courier_id = courier_id;
  return TRUE;
}

static guint
n_fixed (SdDispatchRoute *route)
{
  guint n = 0;

  while (n < route->stops->len && _sd_dispatch_stop_is_fixed (g_ptr_array_index (route->stops, n)))
    n++;
  return n;
}

static gboolean
open_stop (SdDispatchDay   *day,
           gint64           key,
           SdDispatchStop **out_stop,
           GError         **error)
{
  char id[SD_ID_LEN];
  SdDispatchStop *stop = sd_dispatch_day_find_stop (day, key);

  if (stop == NULL)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("Order %s is not among the deliveries of %s"), _sd_id (id, key), day->date);
      return FALSE;
    }
  if (_sd_dispatch_stop_is_fixed (stop))
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_FIXED,
                   _("%s’s delivery is already “%s” and stays on its route"), stop->customer,
                   sd_order_status_label (stop->status));
      return FALSE;
    }
  *out_stop = stop;
  return TRUE;
}

gboolean
sd_store_dispatch_move_stop (SdStore    *store,
                             const char *date,
                             gint64      key,
                             gint64      courier_id,
                             int         position,
                             const char *who,
                             GError    **error)
{
  SdDispatchSettings settings;
  g_autoptr(SdDispatchDay) day = NULL;
  SdDispatchStop *stop = NULL;
  SdDispatchRoute *from = NULL, *to = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  _sd_dispatch_settings_load (store, &settings);
  day = _sd_dispatch_load_day (store, date, &settings, error);
  if (day == NULL || !open_stop (day, key, &stop, error))
    goto out;
  from = stop->courier_id ? sd_dispatch_day_find_route (day, stop->courier_id) : NULL;
  if (courier_id != 0 && (to = sd_dispatch_day_find_route (day, courier_id)) == NULL)
    {
      char id[SD_ID_LEN];
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("There is no courier number %s"), _sd_id (id, courier_id));
      goto out;
    }

  if (from != NULL)
    g_ptr_array_remove (from->stops, stop);
  if (to != NULL)
    {
      guint fixed = n_fixed (to);
      guint at = position < 0 ? to->stops->len : MIN (fixed + (guint) position, to->stops->len);
      g_ptr_array_insert (to->stops, (int) at, stop);
    }

  if (!sd_store_begin (store, error))
    goto out;
  if (!_sd_dispatch_assign_stop (store, stop, courier_id, who, error))
    goto fail;
  if (from != NULL)
    {
      _sd_dispatch_evaluate_route (day, &settings, from);
      if (!_sd_dispatch_write_route (store, day->date, from, who, error))
        goto fail;
    }
  if (to != NULL && to != from)
    {
      _sd_dispatch_evaluate_route (day, &settings, to);
      if (!_sd_dispatch_write_route (store, day->date, to, who, error))
        goto fail;
    }
  ok = sd_store_commit (store, error);   /* a failed commit has already rolled back */
  goto out;

fail:
  sd_store_rollback (store);
out:
  _sd_dispatch_settings_clear (&settings);
  return ok;
}

gboolean
sd_store_dispatch_shift_stop (SdStore    *store,
                              const char *date,
                              gint64      key,
                              int         delta,
                              GError    **error)
{
  g_autoptr(SdDispatchDay) day = NULL;
  SdDispatchStop *stop = NULL;
  SdDispatchRoute *route;
  guint index = 0;
  int target;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  day = sd_store_load_dispatch_day (store, date, error);
  if (day == NULL || !open_stop (day, key, &stop, error))
    return FALSE;
  route = stop->courier_id ? sd_dispatch_day_find_route (day, stop->courier_id) : NULL;
  if (route == NULL)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("%s’s delivery is not on a route yet"), stop->customer);
      return FALSE;
    }
  g_ptr_array_find (route->stops, stop, &index);
  target = (int) index + delta - (int) n_fixed (route);
  if (target < 0 || (guint) target + n_fixed (route) >= route->stops->len)
    return TRUE;   /* already first or last: nothing to do */
  return sd_store_dispatch_move_stop (store, day->date, key, route->courier_id, target, "", error);
}

gboolean
sd_store_route_out_for_delivery (SdStore    *store,
                                 const char *date,
                                 gint64      courier_id,
                                 const char *who,
                                 GError    **error)
{
  g_autoptr(SdDispatchDay) day = NULL;
  SdDispatchRoute *route;
  guint n_sent = 0;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  day = sd_store_load_dispatch_day (store, date, error);
  if (day == NULL)
    return FALSE;
  route = sd_dispatch_day_find_route (day, courier_id);
  if (route == NULL)
    {
      char id[SD_ID_LEN];
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("There is no courier number %s"), _sd_id (id, courier_id));
      return FALSE;
    }

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < route->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (route->stops, i);

      for (guint j = 0; j < stop->order_ids->len; j++)
        {
          gint64 id = g_array_index (stop->order_ids, gint64, j);
          g_autoptr(SdOrder) order = sd_store_load_order (store, id, error);

          if (order == NULL)
            goto fail;
          if (order->status == SD_ORDER_PENDING &&
              !sd_store_transition_order (store, id, SD_ORDER_TO_DISPATCH, who, NULL, NULL, error))
            goto fail;
          if ((order->status == SD_ORDER_PENDING || order->status == SD_ORDER_TO_DISPATCH))
            {
              if (!sd_store_transition_order (store, id, SD_ORDER_OUT_FOR_DELIVERY, who, NULL, NULL, error))
                goto fail;
              n_sent++;
            }
        }
    }
  if (n_sent == 0)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("%s has no deliveries waiting to go out on %s"), route->name, day->date);
      goto fail;
    }
  route->out = TRUE;
  if (!_sd_dispatch_write_route (store, day->date, route, who, error))
    goto fail;
  return sd_store_commit (store, error);   /* a failed commit has already rolled back */

fail:
  sd_store_rollback (store);
  return FALSE;
}
