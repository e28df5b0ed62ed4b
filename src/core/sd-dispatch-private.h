/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the dispatch modules; not part of the core API. */
#pragma once

#include "sd-dispatch.h"
#include "sd-order-private.h"

G_BEGIN_DECLS

/* The shop's dispatch settings, read once per operation. */
typedef struct {
  double    road_factor;     /* dispatch.road_factor, default 1.3 */
  double    speed_kmh;       /* dispatch.speed_kmh, default 25 */
  int       shift_start;     /* dispatch.shift_start "HH:MM", default 08:00 */
  int       shift_end;       /* dispatch.shift_end, default 18:00 */
  int       service_s;       /* dispatch.service_min, default 5 minutes a stop */
  char     *osrm_url;        /* dispatch.osrm_url, NULL when unset */
  gboolean  has_depot;       /* shop.latitude / shop.longitude */
  double    depot_lat, depot_lon;
} SdDispatchSettings;

void      _sd_dispatch_settings_load  (SdStore            *store,
                                       SdDispatchSettings *settings);
void      _sd_dispatch_settings_clear (SdDispatchSettings *settings);

/* "HH:MM" → seconds after midnight, -1 when not a time. */
int       _sd_dispatch_parse_time     (const char *text);

SdDispatchDay *_sd_dispatch_load_day  (SdStore                  *store,
                                       const char               *date,
                                       const SdDispatchSettings *settings,
                                       GError                  **error);

/* Distance, start and finish of the route and every stop's arrival, from the settings'
 * great-circle distances. */
void      _sd_dispatch_evaluate_route (const SdDispatchDay      *day,
                                       const SdDispatchSettings *settings,
                                       SdDispatchRoute          *route);

/* Writes `route` as it stands (its stops' order and planned arrivals, its figures) as the
 * courier's route of the day; an empty route that is not out is removed. A route the
 * database has as out stays out. Inside the caller's transaction. */
gboolean  _sd_dispatch_write_route    (SdStore         *store,
                                       const char      *date,
                                       SdDispatchRoute *route,
                                       const char      *who,
                                       GError         **error);

/* Gives the stop's orders to `courier_id` (0 = none); pending ones with a courier move to
 * "to dispatch"; orders the database has as out, delivered or cancelled are left alone.
 * Inside the caller's transaction. */
gboolean  _sd_dispatch_assign_stop    (SdStore         *store,
                                       SdDispatchStop  *stop,
                                       gint64           courier_id,
                                       const char      *who,
                                       GError         **error);

/* Stops out for delivery or delivered are fixed: the solver plans after them. */
static inline gboolean
_sd_dispatch_stop_is_fixed (const SdDispatchStop *stop)
{
  return stop->status == SD_ORDER_OUT_FOR_DELIVERY || stop->status == SD_ORDER_DELIVERED;
}

/* Fills n×n distance (m) and time (s) matrices from an OSRM `table` service. */
gboolean  _sd_dispatch_osrm_table     (const char   *base_url,
                                       const double *lat,
                                       const double *lon,
                                       int           n,
                                       double       *dist,
                                       double       *time,
                                       GCancellable *cancellable,
                                       GError      **error);

G_END_DECLS
