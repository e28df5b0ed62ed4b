/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Planning a day with the solver: the day's stops become an SdRouteProblem (location 0 is
 * the shop), the chosen couriers its vehicles, stops already out or delivered fixed
 * prefixes of their courier's route; the solution is written back in one transaction.
 * A late order goes into the existing routes where it adds the least distance. */
#define G_LOG_DOMAIN "songda-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-date.h"
#include "sd-dispatch-private.h"
#include "sd-route.h"

/* "no limit" for a courier without a capacity */
#define UNLIMITED (1 << 28)

struct _SdDispatchPlan {
  SdDispatchDay      *day;
  SdDispatchSettings  settings;
  GArray             *couriers;     /* gint64, one per vehicle */
  GPtrArray          *pstops;       /* SdDispatchStop*, one per problem stop (location = i + 1) */
  GHashTable         *index_of;     /* SdDispatchStop* → problem stop index + 1 */
  GArray             *lat, *lon;    /* per location */
  SdRouteProblem     *problem;
  SdRouteSolution    *solution;
  double              time_limit;
  guint64             seed;
  const char         *source;       /* "haversine" / "osrm" */
  char               *source_reason;
  guint               n_unplanned;
  char               *fingerprint;  /* of the day as prepared: day_fingerprint() */
};

void
sd_dispatch_plan_free (SdDispatchPlan *plan)
{
  if (plan == NULL)
    return;
  sd_route_solution_free (plan->solution);
  sd_route_problem_free (plan->problem);
  g_array_unref (plan->lat);
  g_array_unref (plan->lon);
  g_hash_table_unref (plan->index_of);
  g_ptr_array_unref (plan->pstops);
  g_array_unref (plan->couriers);
  _sd_dispatch_settings_clear (&plan->settings);
  sd_dispatch_day_free (plan->day);
  g_free (plan->source_reason);
  g_free (plan->fingerprint);
  g_free (plan);
}

static gboolean
hash_rows (SdStore      *store,
           sqlite3_stmt *stmt,
           GChecksum    *sum,
           GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          g_checksum_update (sum, (const guchar *) (text ? text : "\x01"), -1);
          g_checksum_update (sum, (const guchar *) "\x1f", 1);
        }
      g_checksum_update (sum, (const guchar *) "\x1e", 1);
    }
  if (rc != SQLITE_DONE)
    {
      _sd_store_set_sql_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* What a plan of `date` depends on: the day's orders (their status, courier, address and
 * its place, the newest event of each), the routes and their stops. The solve runs on a
 * worker thread while the board and the Orders area stay usable; saving compares. */
static char *
day_fingerprint (SdStore     *store,
                 const char  *date,
                 GError     **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(SdCachedStmt) orders = _sd_store_prepare (store,
    "SELECT o.id, o.status, o.courier_id, o.address_id, a.latitude, a.longitude, "
    "       (SELECT max(e.id) FROM order_events e WHERE e.order_id = o.id) "
    "FROM orders o JOIN addresses a ON a.id = o.address_id "
    "WHERE o.requested_date = ?1 ORDER BY o.id", error);
  g_autoptr(SdCachedStmt) routes = NULL;

  if (orders == NULL)
    return NULL;
  sqlite3_bind_text (orders, 1, date, -1, SQLITE_TRANSIENT);
  if (!hash_rows (store, orders, sum, error))
    return NULL;
  routes = _sd_store_prepare (store,
    "SELECT r.courier_id, r.status, rs.order_id, rs.seq "
    "FROM routes r LEFT JOIN route_stops rs ON rs.route_id = r.id "
    "WHERE r.day = ?1 ORDER BY r.courier_id, rs.order_id", error);
  if (routes == NULL)
    return NULL;
  sqlite3_bind_text (routes, 1, date, -1, SQLITE_TRANSIENT);
  if (!hash_rows (store, routes, sum, error))
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

static SdDispatchPlan *
plan_new (SdStore      *store,
          const char   *date,
          GError      **error)
{
  SdDispatchPlan *plan = g_new0 (SdDispatchPlan, 1);

  _sd_dispatch_settings_load (store, &plan->settings);
  plan->couriers = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->pstops = g_ptr_array_new ();
  plan->index_of = g_hash_table_new (NULL, NULL);
  plan->lat = g_array_new (FALSE, FALSE, sizeof (double));
  plan->lon = g_array_new (FALSE, FALSE, sizeof (double));
  plan->source = "haversine";
  plan->time_limit = 2.0;
  plan->seed = 1;
  plan->day = _sd_dispatch_load_day (store, date, &plan->settings, error);
  if (plan->day == NULL)
    {
      sd_dispatch_plan_free (plan);
      return NULL;
    }
  if (!plan->settings.has_depot)
    {
      g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                           _("The shop has no place on the map: set its latitude and longitude "
                             "in the settings before planning routes"));
      sd_dispatch_plan_free (plan);
      return NULL;
    }
  g_array_append_val (plan->lat, plan->settings.depot_lat);
  g_array_append_val (plan->lon, plan->settings.depot_lon);
  return plan;
}

static void
plan_add_stop (SdDispatchPlan *plan,
               SdDispatchStop *stop)
{
  g_assert (stop->has_location);
  if (g_hash_table_contains (plan->index_of, stop))
    return;
  g_ptr_array_add (plan->pstops, stop);
  g_hash_table_insert (plan->index_of, stop, GINT_TO_POINTER (plan->pstops->len));
  g_array_append_val (plan->lat, stop->lat);
  g_array_append_val (plan->lon, stop->lon);
}

static gboolean
plan_has_courier (SdDispatchPlan *plan,
                  gint64          courier_id)
{
  for (guint v = 0; v < plan->couriers->len; v++)
    if (g_array_index (plan->couriers, gint64, v) == courier_id)
      return TRUE;
  return FALSE;
}

static int
plan_index (SdDispatchPlan *plan,
            SdDispatchStop *stop)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (plan->index_of, stop)) - 1;
}

/* The problem over plan->pstops and plan->couriers, fixed stops as prefixes. */
static gboolean
plan_build_problem (SdDispatchPlan  *plan,
                    GError         **error)
{
  const SdDispatchSettings *set = &plan->settings;
  int n = (int) plan->pstops->len;

  plan->problem = sd_route_problem_new (n + 1, 1);
  if (plan->problem == NULL)
    goto bad;
  for (int i = 0; i < n; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (plan->pstops, i);
      gboolean fixed = _sd_dispatch_stop_is_fixed (stop);
      /* delivered goods are off the vehicle; fixed stops keep their place, not a window */
      int demand = stop->status == SD_ORDER_DELIVERED ? 0 : stop->demand;

      if (sd_route_problem_add_stop (plan->problem, i + 1, &demand) != i)
        goto bad;
      if (!fixed && stop->window_from >= 0)
        sd_route_problem_set_stop_window (plan->problem, i, stop->window_from, stop->window_to);
      sd_route_problem_set_stop_service (plan->problem, i, stop->service_s);
    }
  for (guint v = 0; v < plan->couriers->len; v++)
    {
      SdDispatchRoute *route = sd_dispatch_day_find_route (plan->day, g_array_index (plan->couriers, gint64, v));
      int capacity = route->capacity > 0 ? route->capacity : UNLIMITED;
      g_autoptr(GArray) prefix = g_array_new (FALSE, FALSE, sizeof (int));

      if (sd_route_problem_add_vehicle (plan->problem, &capacity, set->shift_start,
                                        MAX (set->shift_end, set->shift_start)) != (int) v)
        goto bad;
      for (guint j = 0; j < route->stops->len; j++)
        {
          SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
          int index = plan_index (plan, stop);
          if (_sd_dispatch_stop_is_fixed (stop) && index >= 0)
            g_array_append_val (prefix, index);
        }
      if (prefix->len > 0 &&
          sd_route_problem_set_fixed_prefix (plan->problem, (int) v, (int *) prefix->data, (int) prefix->len) < 0)
        goto bad;
    }
  return TRUE;

bad:
  g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_SOLVER,
                       _("The day’s deliveries could not be turned into a routing problem"));
  return FALSE;
}

SdDispatchPlan *
sd_dispatch_plan_prepare (SdStore       *store,
                          const char    *date,
                          const gint64  *courier_ids,
                          guint          n_couriers,
                          double         time_limit,
                          guint64        seed,
                          GError       **error)
{
  g_autoptr(SdDispatchPlan) plan = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (n_couriers == 0)
    {
      g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_NO_COURIER,
                           _("Choose at least one courier to plan with"));
      return NULL;
    }
  /* the fingerprint before the day is read: a change in between shows at saving */
  normal = sd_date_normalize (date, NULL);
  if (normal != NULL && *normal != '\0' &&
      (fingerprint = day_fingerprint (store, normal, error)) == NULL)
    return NULL;
  plan = plan_new (store, date, error);
  if (plan == NULL)
    return NULL;
  plan->fingerprint = g_steal_pointer (&fingerprint);
  plan->time_limit = time_limit > 0 ? time_limit : 2.0;
  plan->seed = seed != 0 ? seed : 1;

  for (guint i = 0; i < n_couriers; i++)
    {
      if (sd_dispatch_day_find_route (plan->day, courier_ids[i]) == NULL)
        {
          char id[SD_ID_LEN];
          g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                       _("There is no courier number %s"), _sd_id (id, courier_ids[i]));
          return NULL;
        }
      g_array_append_val (plan->couriers, courier_ids[i]);
    }

  /* fixed stops of the chosen couriers, then the open stops nobody has or a chosen courier
   * has; open stops of the couriers left out of the plan, and stops with no place on the
   * map, stay as they are */
  for (guint v = 0; v < plan->couriers->len; v++)
    {
      SdDispatchRoute *route = sd_dispatch_day_find_route (plan->day, g_array_index (plan->couriers, gint64, v));
      for (guint j = 0; j < route->stops->len; j++)
        {
          SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
          if (_sd_dispatch_stop_is_fixed (stop) && stop->has_location)
            plan_add_stop (plan, stop);
        }
    }
  for (guint i = 0; i < plan->day->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (plan->day->stops, i);
      if (!_sd_dispatch_stop_is_fixed (stop) && stop->has_location &&
          (stop->courier_id == 0 || plan_has_courier (plan, stop->courier_id)))
        plan_add_stop (plan, stop);
    }

  if (!plan_build_problem (plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

static gboolean
plan_fill_matrix (SdDispatchPlan *plan,
                  GCancellable   *cancellable)
{
  int n = (int) plan->lat->len;
  const double *lat = (const double *) plan->lat->data;
  const double *lon = (const double *) plan->lon->data;

  g_clear_pointer (&plan->source_reason, g_free);
  plan->source = "haversine";
  if (plan->settings.osrm_url != NULL && n > 1)
    {
      g_autoptr(GError) error = NULL;
      g_autofree double *dist = g_new (double, (gsize) n * n);
      g_autofree double *time = g_new (double, (gsize) n * n);

      if (_sd_dispatch_osrm_table (plan->settings.osrm_url, lat, lon, n, dist, time, cancellable, &error) &&
          sd_route_problem_set_matrices (plan->problem, dist, time) == 0)
        {
          plan->source = "osrm";
          return TRUE;
        }
      plan->source_reason = g_strdup (error ? error->message : _("The road distances it sent are not usable"));
    }
  return sd_route_problem_set_geo (plan->problem, lat, lon, plan->settings.road_factor,
                                   plan->settings.speed_kmh) == 0;
}

gboolean
sd_dispatch_plan_solve (SdDispatchPlan *plan,
                        GCancellable   *cancellable,
                        GError        **error)
{
  SdRouteOptions options;

  g_return_val_if_fail (plan != NULL, FALSE);

  if (!plan_fill_matrix (plan, cancellable))
    {
      g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_SOLVER,
                           _("The distances between the stops could not be computed"));
      return FALSE;
    }
  sd_route_options_init (&options);
  options.seed = plan->seed;
  options.time_limit = plan->time_limit;
  g_clear_pointer (&plan->solution, sd_route_solution_free);
  plan->solution = sd_route_solve (plan->problem, &options);
  if (plan->solution == NULL)
    {
      g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_SOLVER,
                           _("The route planner could not solve the day’s deliveries"));
      return FALSE;
    }
  return TRUE;
}

static SdDispatchUnplanned
unplanned_of (SdRouteReason reason)
{
  switch (reason)
    {
    case SD_ROUTE_REASON_CAPACITY:
      return SD_DISPATCH_UNPLANNED_CAPACITY;
    case SD_ROUTE_REASON_TIME_WINDOW:
      return SD_DISPATCH_UNPLANNED_TIME_WINDOW;
    default:
      return SD_DISPATCH_UNPLANNED_NO_ROOM;
    }
}

/* The solver's figures for a route it drove: distance, times, arrivals. */
static void
apply_solver_route (SdDispatchPlan     *plan,
                    SdDispatchRoute    *route,
                    const SdRouteRoute *r)
{
  gboolean all_located = TRUE;

  _sd_dispatch_evaluate_route (plan->day, &plan->settings, route);
  for (guint j = 0; j < route->stops->len; j++)
    all_located &= ((SdDispatchStop *) g_ptr_array_index (route->stops, j))->has_location;
  if (!all_located || r->n_stops == 0)
    return;
  route->distance_m = r->distance;
  route->start_s = (int) lrint (r->departure);
  route->finish_s = (int) lrint (r->end_time);
  for (int k = 0; k < r->n_stops; k++)
    {
      SdDispatchStop *stop = g_ptr_array_index (plan->pstops, r->stops[k]);
      stop->planned_arrival = (int) lrint (r->service_start[k]);
    }
}

gboolean
sd_store_save_dispatch_plan (SdStore        *store,
                             SdDispatchPlan *plan,
                             const char     *who,
                             GError        **error)
{
  SdDispatchDay *day;
  g_autoptr(GHashTable) planned = g_hash_table_new (NULL, NULL);   /* stop → courier route */

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->solution == NULL)
    {
      g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID,
                           _("The plan has not been worked out yet"));
      return FALSE;
    }
  day = plan->day;

  /* The day may have moved on while the solver ran: a route sent out, an order delivered,
   * cancelled, added or given to a courier by hand. The plan was made for the day as it
   * was, so it is not written over what happened since. */
  if (!sd_store_begin (store, error))
    return FALSE;
  {
    g_autofree char *now = day_fingerprint (store, day->date, error);

    if (now == NULL)
      goto fail;
    if (g_strcmp0 (now, plan->fingerprint) != 0)
      {
        g_set_error_literal (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_CHANGED,
                             _("The day’s orders changed while the routes were being planned; "
                               "plan again"));
        goto fail;
      }
  }

  /* Every route keeps the stops the solver was not given, as they were: its fixed ones
   * ahead, the solution's stops next, then its open stops with no place on the map (or,
   * for a courier left out of the plan, all its open stops). */
  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);
      g_autoptr(GPtrArray) tail = g_ptr_array_new ();
      g_autoptr(GPtrArray) keep = g_ptr_array_new ();

      for (guint j = 0; j < route->stops->len; j++)
        {
          SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
          if (g_hash_table_contains (plan->index_of, stop))
            continue;
          g_ptr_array_add (_sd_dispatch_stop_is_fixed (stop) ? keep : tail, stop);
        }
      g_ptr_array_set_size (route->stops, 0);
      g_ptr_array_extend (route->stops, keep, NULL, NULL);
      for (int v = 0; v < plan->solution->n_routes; v++)
        {
          const SdRouteRoute *r = &plan->solution->routes[v];

          if (g_array_index (plan->couriers, gint64, r->vehicle) != route->courier_id)
            continue;
          for (int k = 0; k < r->n_stops; k++)
            {
              SdDispatchStop *stop = g_ptr_array_index (plan->pstops, r->stops[k]);
              g_ptr_array_add (route->stops, stop);
              g_hash_table_insert (planned, stop, route);
            }
        }
      g_ptr_array_extend (route->stops, tail, NULL, NULL);
    }

  /* left without a courier: the stops the solver could not place, with why, and those
   * that had none and no place on the map */
  plan->n_unplanned = 0;
  g_ptr_array_set_size (day->unassigned, 0);
  for (guint i = 0; i < day->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->stops, i);
      gboolean given = g_hash_table_contains (plan->index_of, stop);

      stop->unplanned = SD_DISPATCH_UNPLANNED_NONE;
      if (_sd_dispatch_stop_is_fixed (stop) || g_hash_table_contains (planned, stop) ||
          (!given && stop->courier_id != 0))
        continue;
      stop->unplanned = SD_DISPATCH_UNPLANNED_NO_LOCATION;
      for (int u = 0; u < plan->solution->n_unassigned; u++)
        if (g_ptr_array_index (plan->pstops, plan->solution->unassigned[u]) == stop)
          stop->unplanned = unplanned_of (plan->solution->reasons[u]);
      g_ptr_array_add (day->unassigned, stop);
      plan->n_unplanned++;
    }

  /* only the stops the solver was given change hands */
  for (guint i = 0; i < plan->pstops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (plan->pstops, i);
      SdDispatchRoute *route = g_hash_table_lookup (planned, stop);

      if (_sd_dispatch_stop_is_fixed (stop))
        continue;
      if (!_sd_dispatch_assign_stop (store, stop, route ? route->courier_id : 0, who, error))
        goto fail;
      if (route == NULL)
        stop->seq = -1, stop->planned_arrival = -1;
    }
  /* the chosen couriers' routes; the others are as they were */
  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);
      gboolean solved = FALSE;

      for (int v = 0; v < plan->solution->n_routes; v++)
        if (g_array_index (plan->couriers, gint64, plan->solution->routes[v].vehicle) == route->courier_id)
          {
            apply_solver_route (plan, route, &plan->solution->routes[v]);
            solved = TRUE;
          }
      if (!solved)
        _sd_dispatch_evaluate_route (day, &plan->settings, route);
      if (plan_has_courier (plan, route->courier_id) &&
          !_sd_dispatch_write_route (store, day->date, route, who, error))
        goto fail;
    }
  return sd_store_commit (store, error);   /* a failed commit has already rolled back */

fail:
  sd_store_rollback (store);
  return FALSE;
}

const char *
sd_dispatch_plan_get_matrix_source (SdDispatchPlan *plan,
                                    const char    **reason)
{
  g_return_val_if_fail (plan != NULL, NULL);
  if (reason)
    *reason = plan->source_reason;
  return plan->source;
}

SdDispatchDay *
sd_dispatch_plan_get_day (SdDispatchPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->day;
}

guint
sd_dispatch_plan_get_n_unplanned (SdDispatchPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  if (plan->solution == NULL)
    return 0;
  return plan->n_unplanned;
}

double
sd_dispatch_plan_get_distance_m (SdDispatchPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->solution ? plan->solution->distance : 0;
}

guint
sd_dispatch_plan_get_n_stops (SdDispatchPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->pstops->len;
}

gboolean
sd_dispatch_plan_check (SdDispatchPlan *plan,
                        GError        **error)
{
  char message[256] = "";

  g_return_val_if_fail (plan != NULL, FALSE);
  if (plan->solution == NULL ||
      sd_route_check_solution (plan->problem, plan->solution, NULL, message, sizeof message) != 0)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_SOLVER,
                   "The plan breaks a rule: %s", message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sd_store_plan_dispatch_day (SdStore       *store,
                            const char    *date,
                            const gint64  *courier_ids,
                            guint          n_couriers,
                            double         time_limit,
                            guint64        seed,
                            const char    *who,
                            GError       **error)
{
  g_autoptr(SdDispatchPlan) plan = sd_dispatch_plan_prepare (store, date, courier_ids, n_couriers,
                                                             time_limit, seed, error);

  return plan != NULL && sd_dispatch_plan_solve (plan, NULL, error) &&
         sd_store_save_dispatch_plan (store, plan, who, error);
}

/* --- a late order ------------------------------------------------------- */

gboolean
sd_store_dispatch_insert_order (SdStore    *store,
                                gint64      order_id,
                                const char *who,
                                gint64     *out_courier_id,
                                GError    **error)
{
  g_autoptr(SdOrder) order = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  SdDispatchStop *late = NULL;
  SdDispatchRoute *target = NULL;
  SdDispatchRoute *was = NULL;
  SdRouteReason reason = SD_ROUTE_REASON_NONE;
  SdRouteSolution *sol;
  int late_index;
  char id[SD_ID_LEN];

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  order = sd_store_load_order (store, order_id, error);
  if (order == NULL)
    return FALSE;
  plan = plan_new (store, order->requested_date, error);
  if (plan == NULL)
    return FALSE;
  for (guint i = 0; i < plan->day->stops->len && late == NULL; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (plan->day->stops, i);
      for (guint j = 0; j < stop->order_ids->len; j++)
        if (g_array_index (stop->order_ids, gint64, j) == order_id)
          late = stop;
    }
  if (late == NULL || _sd_dispatch_stop_is_fixed (late))
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_FIXED,
                   _("Order %s is not waiting for a route"), _sd_id (id, order_id));
      return FALSE;
    }
  if (!late->has_location)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_INVALID, "%s",
                   sd_dispatch_unplanned_label (SD_DISPATCH_UNPLANNED_NO_LOCATION));
      return FALSE;
    }
  /* take it off wherever it is, and plan with the routes that exist */
  for (guint i = 0; i < plan->day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (plan->day->routes, i);
      if (g_ptr_array_remove (route->stops, late))
        was = route;
      if (route->stops->len > 0)
        {
          g_array_append_val (plan->couriers, route->courier_id);
          for (guint j = 0; j < route->stops->len; j++)
            {
              SdDispatchStop *stop = g_ptr_array_index (route->stops, j);
              if (stop->has_location)
                plan_add_stop (plan, stop);
            }
        }
    }
  if (plan->couriers->len == 0)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_NO_COURIER,
                   _("There are no routes on %s yet: plan the day first"), plan->day->date);
      return FALSE;
    }
  plan_add_stop (plan, late);
  late_index = plan_index (plan, late);
  if (!plan_build_problem (plan, error) || !plan_fill_matrix (plan, NULL))
    return FALSE;

  /* the routes as they are */
  sol = calloc (1, sizeof *sol);
  sol->n_routes = (int) plan->couriers->len;
  sol->routes = calloc ((size_t) sol->n_routes, sizeof (SdRouteRoute));
  sol->unassigned = calloc (2, sizeof (int));
  sol->reasons = calloc (2, sizeof (SdRouteReason));
  sol->unassigned[0] = late_index;
  sol->reasons[0] = SD_ROUTE_REASON_NO_VEHICLE;
  sol->n_unassigned = 1;
  plan->solution = sol;
  for (guint v = 0; v < plan->couriers->len; v++)
    {
      SdDispatchRoute *route = sd_dispatch_day_find_route (plan->day, g_array_index (plan->couriers, gint64, v));
      SdRouteRoute *r = &sol->routes[v];

      r->vehicle = (int) v;
      r->stops = calloc (route->stops->len + 1, sizeof (int));
      r->arrival = calloc (route->stops->len + 1, sizeof (double));
      r->service_start = calloc (route->stops->len + 1, sizeof (double));
      for (guint j = 0; j < route->stops->len; j++)
        {
          int index = plan_index (plan, g_ptr_array_index (route->stops, j));
          if (index >= 0)
            r->stops[r->n_stops++] = index;
        }
    }

  if (sd_route_insert_stop (plan->problem, plan->solution, late_index, &reason) != 0)
    {
      g_set_error (error, SD_DISPATCH_ERROR, SD_DISPATCH_ERROR_SOLVER, "%s",
                   sd_dispatch_unplanned_label (unplanned_of (reason)));
      return FALSE;
    }

  for (int v = 0; v < plan->solution->n_routes && target == NULL; v++)
    {
      const SdRouteRoute *r = &plan->solution->routes[v];
      for (int k = 0; k < r->n_stops; k++)
        if (r->stops[k] == late_index)
          {
            g_autoptr(GPtrArray) order_now = g_ptr_array_new ();
            target = sd_dispatch_day_find_route (plan->day, g_array_index (plan->couriers, gint64, r->vehicle));
            for (int m = 0; m < r->n_stops; m++)
              g_ptr_array_add (order_now, g_ptr_array_index (plan->pstops, r->stops[m]));
            /* stops with no place on the map stay at the end */
            for (guint j = 0; j < target->stops->len; j++)
              if (!((SdDispatchStop *) g_ptr_array_index (target->stops, j))->has_location)
                g_ptr_array_add (order_now, g_ptr_array_index (target->stops, j));
            g_ptr_array_set_size (target->stops, 0);
            g_ptr_array_extend (target->stops, order_now, NULL, NULL);
            break;
          }
    }
  g_assert (target != NULL);

  if (!sd_store_begin (store, error))
    return FALSE;
  _sd_dispatch_evaluate_route (plan->day, &plan->settings, target);
  if (was != NULL && was != target)
    _sd_dispatch_evaluate_route (plan->day, &plan->settings, was);
  if (!_sd_dispatch_assign_stop (store, late, target->courier_id, who, error) ||
      (was != NULL && was != target && !_sd_dispatch_write_route (store, plan->day->date, was, who, error)) ||
      !_sd_dispatch_write_route (store, plan->day->date, target, who, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  if (!sd_store_commit (store, error))   /* it has already rolled back */
    return FALSE;
  if (out_courier_id)
    *out_courier_id = target->courier_id;
  return TRUE;
}
