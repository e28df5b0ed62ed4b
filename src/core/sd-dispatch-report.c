/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the dispatch board hands on: a courier's route sheet (the data; src/docs draws it)
 * and how each courier did over a period.
 *
 * On time: a delivery that asked for a slot or a window counts as on time when its
 * "delivered" event falls on the requested day inside that window, in local time.
 * Stop time: the gaps between one courier's consecutive deliveries of a day (deliveries
 * at the same minute are one stop); gaps over an hour are breaks and left out. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-catalog.h"
#include "sd-customer.h"
#include "sd-dispatch-private.h"

#define MAX_STOP_GAP_S 3600

static void
sheet_row_free (SdRouteSheetRow *row)
{
  g_free (row->customer);
  g_free (row->phone);
  g_free (row->address);
  g_free (row->instructions);
  g_free (row->items);
  g_free (row->window);
  g_free (row->arrival);
  g_free (row);
}

void
sd_route_sheet_data_free (SdRouteSheetData *data)
{
  if (data == NULL)
    return;
  g_free (data->date);
  g_free (data->courier);
  g_free (data->courier_phone);
  g_free (data->color);
  g_free (data->shop);
  g_free (data->start_time);
  g_free (data->finish_time);
  g_ptr_array_unref (data->rows);
  g_free (data);
}

static gboolean
setting_on (SdStore    *store,
            const char *key)
{
  g_autofree char *v = sd_store_get_setting (store, key, "0");

  return g_strcmp0 (v, "1") == 0 || g_ascii_strcasecmp (v, "true") == 0;
}

SdRouteSheetData *
sd_store_route_sheet_data (SdStore    *store,
                           const char *date,
                           gint64      courier_id,
                           GError    **error)
{
  g_autoptr(SdDispatchDay) day = NULL;
  SdRouteSheetData *data;
  SdDispatchRoute *route;
  gboolean mask;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  day = sd_store_load_dispatch_day (store, date, error);
  if (day == NULL)
    return NULL;
  route = sd_dispatch_day_find_route (day, courier_id);
  if (route == NULL)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("There is no route for that courier on %s"), day->date);
      return NULL;
    }
  mask = setting_on (store, "print.mask_phones");

  data = g_new0 (SdRouteSheetData, 1);
  data->date = g_strdup (day->date);
  data->courier = g_strdup (route->name);
  data->courier_phone = g_strdup (route->phone);
  data->color = g_strdup (route->color);
  data->shop = sd_store_get_setting (store, "shop.name", "");
  data->depot_lat = day->depot_lat;
  data->depot_lon = day->depot_lon;
  data->distance_km = route->distance_m / 1000.0;
  data->start_time = sd_dispatch_format_time_of_day (route->start_s);
  data->finish_time = sd_dispatch_format_time_of_day (route->finish_s);
  data->load = route->load;
  data->capacity = route->capacity;
  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_row_free);
  for (guint i = 0; i < route->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (route->stops, i);
      SdRouteSheetRow *row = g_new0 (SdRouteSheetRow, 1);

      row->seq = (int) i + 1;
      row->customer = g_strdup (stop->customer);
      row->phone = mask ? sd_phone_mask (stop->phone) : g_strdup (stop->phone);
      row->address = g_strdup (stop->address);
      row->instructions = g_strdup (stop->instructions);
      row->items = g_strdup (stop->items);
      row->collect_fen = stop->collect_fen;
      row->tickets = stop->tickets;
      row->empties = stop->empties;
      if (stop->window_from >= 0)
        {
          g_autofree char *from = sd_dispatch_format_time_of_day (stop->window_from);
          g_autofree char *to = sd_dispatch_format_time_of_day (stop->window_to);
          row->window = g_strdup_printf ("%s–%s", from, to);
        }
      else
        row->window = g_strdup ("");
      row->arrival = sd_dispatch_format_time_of_day (stop->planned_arrival);
      if (stop->has_location)
        row->lat = stop->lat, row->lon = stop->lon;
      data->collect_fen += stop->collect_fen;
      g_ptr_array_add (data->rows, row);
    }
  return data;
}

/* --- courier performance ------------------------------------------------ */

void
sd_courier_performance_free (SdCourierPerformance *p)
{
  if (p == NULL)
    return;
  g_free (p->name);
  g_free (p->color);
  g_free (p);
}

static SdCourierPerformance *
perf_for (GHashTable *by_id,
          GPtrArray  *out,
          gint64      courier_id)
{
  SdCourierPerformance *p = g_hash_table_lookup (by_id, &courier_id);

  if (p == NULL)
    {
      p = g_new0 (SdCourierPerformance, 1);
      p->courier_id = courier_id;
      g_ptr_array_add (out, p);
      g_hash_table_insert (by_id, &p->courier_id, p);
    }
  return p;
}

static int
compare_perf (gconstpointer a,
              gconstpointer b)
{
  const SdCourierPerformance *x = *(SdCourierPerformance * const *) a;
  const SdCourierPerformance *y = *(SdCourierPerformance * const *) b;

  return g_utf8_collate (x->name ? x->name : "", y->name ? y->name : "");
}

GPtrArray *
sd_store_courier_performance (SdStore    *store,
                              const char *from_day,
                              const char *to_day,
                              GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_courier_performance_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) couriers = NULL;
  g_autoptr(SdCachedStmt) deliveries = NULL;
  g_autoptr(SdCachedStmt) distances = NULL;
  gint64 last_courier = 0;
  g_autofree char *last_day = NULL;
  gint64 last_at = 0;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (from_day == NULL || to_day == NULL ||
      strlen (from_day) != 10 || strlen (to_day) != 10 || strcmp (from_day, to_day) > 0)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                   _("“%s” to “%s” is not a period of days"), from_day ? from_day : "", to_day ? to_day : "");
      return NULL;
    }

  deliveries = _sd_store_prepare (store,
    "SELECT o.courier_id, o.requested_date, o.slot, o.window_from, o.window_to, "
    "       (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'delivered') AS t, "
    "       (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id) "
    "FROM orders o "
    "WHERE o.status = 'delivered' AND o.courier_id IS NOT NULL "
    "  AND o.requested_date BETWEEN ?1 AND ?2 "
    "ORDER BY o.courier_id, o.requested_date, t", error);
  if (deliveries == NULL)
    return NULL;
  sqlite3_bind_text (deliveries, 1, from_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (deliveries, 2, to_day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (deliveries)) == SQLITE_ROW)
    {
      gint64 courier_id = sqlite3_column_int64 (deliveries, 0);
      const char *day = (const char *) sqlite3_column_text (deliveries, 1);
      gint64 at = sqlite3_column_int64 (deliveries, 5);
      SdCourierPerformance *p = perf_for (by_id, out, courier_id);
      int from = -1, to = -1;
      const char *slot = (const char *) sqlite3_column_text (deliveries, 2);

      p->deliveries++;
      p->items += sqlite3_column_int (deliveries, 6);

      if (g_strcmp0 (slot, "morning") == 0)
        from = 8 * 3600, to = 12 * 3600;
      else if (g_strcmp0 (slot, "afternoon") == 0)
        from = 13 * 3600, to = 18 * 3600;
      else if (g_strcmp0 (slot, "evening") == 0)
        from = 18 * 3600, to = 21 * 3600;
      else if (g_strcmp0 (slot, "window") == 0)
        {
          from = _sd_dispatch_parse_time ((const char *) sqlite3_column_text (deliveries, 3));
          to = _sd_dispatch_parse_time ((const char *) sqlite3_column_text (deliveries, 4));
        }
      if (from >= 0 && to > from)
        {
          g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);
          g_autofree char *local_day = g_date_time_format (local, "%Y-%m-%d");
          int second = g_date_time_get_hour (local) * 3600 + g_date_time_get_minute (local) * 60 +
                       g_date_time_get_second (local);

          p->windowed++;
          if (g_strcmp0 (local_day, day) == 0 && second >= from && second <= to)
            p->on_time++;
        }

      /* the gap since this courier's previous delivery that day */
      if (courier_id == last_courier && g_strcmp0 (day, last_day) == 0 &&
          at - last_at >= 60 && at - last_at <= MAX_STOP_GAP_S)
        {
          p->stop_gaps++;
          p->avg_stop_s += (double) (at - last_at);   /* a sum until the end */
        }
      if (courier_id != last_courier || g_strcmp0 (day, last_day) != 0 || at - last_at >= 60)
        last_at = at;
      last_courier = courier_id;
      g_free (last_day);
      last_day = g_strdup (day);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }

  distances = _sd_store_prepare (store,
    "SELECT courier_id, sum(distance_m) FROM routes WHERE day BETWEEN ?1 AND ?2 GROUP BY courier_id", error);
  if (distances == NULL)
    return NULL;
  sqlite3_bind_text (distances, 1, from_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (distances, 2, to_day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (distances)) == SQLITE_ROW)
    perf_for (by_id, out, sqlite3_column_int64 (distances, 0))->distance_m =
      (double) sqlite3_column_int64 (distances, 1);
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return NULL;
    }

  couriers = sd_store_list_couriers (store, TRUE, error);
  if (couriers == NULL)
    return NULL;
  for (guint i = 0; i < out->len; i++)
    {
      SdCourierPerformance *p = g_ptr_array_index (out, i);

      for (guint j = 0; j < couriers->len; j++)
        {
          SdCourier *c = g_ptr_array_index (couriers, j);
          if (c->id == p->courier_id)
            {
              p->name = g_strdup (c->name);
              p->color = g_strdup (c->color);
            }
        }
      if (p->stop_gaps > 0)
        p->avg_stop_s /= p->stop_gaps;
    }
  g_ptr_array_sort (out, compare_perf);
  return g_steal_pointer (&out);
}
