/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispatch board: a day's deliveries as stops, planned into one route per courier by
 * the solver (src/route), edited by hand, sent out, printed as route sheets, and how each
 * courier did. Times of the day are seconds after local midnight. */
#pragma once

#include "sd-order.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_DISPATCH_ERROR (sd_dispatch_error_quark ())

typedef enum {
  SD_DISPATCH_ERROR_INVALID,     /* a date, courier or position that cannot be used */
  SD_DISPATCH_ERROR_FIXED,       /* the stop is out for delivery or delivered */
  SD_DISPATCH_ERROR_NO_COURIER,  /* nobody to plan with */
  SD_DISPATCH_ERROR_SOLVER,      /* the solver refused the problem */
  SD_DISPATCH_ERROR_CHANGED,     /* the day changed between preparing and saving a plan */
} SdDispatchError;

GQuark sd_dispatch_error_quark (void);

/* The shop's route planning settings (keys dispatch.*), as the planner reads them. */
typedef struct {
  char   *shift_start;    /* "HH:MM", local; default 08:00 */
  char   *shift_end;      /* default 18:00 */
  double  service_min;    /* minutes at each stop, 0–240; default 5 */
  double  road_factor;    /* road distance / great-circle distance, 1–5; default 1.3 */
  double  speed_kmh;      /* 1–200; default 25 */
  char   *osrm_url;       /* an OSRM-compatible server for road distances, "" = none */
} SdDispatchOptions;

void      sd_store_get_dispatch_options (SdStore                 *store,
                                         SdDispatchOptions       *out);
/* Validates every field (a clear error naming the first bad one) and writes them all in
 * one transaction. */
gboolean  sd_store_set_dispatch_options (SdStore                 *store,
                                         const SdDispatchOptions *options,
                                         GError                 **error);
void      sd_dispatch_options_clear     (SdDispatchOptions       *options);

/* Why a stop is left unassigned by a plan. */
typedef enum {
  SD_DISPATCH_UNPLANNED_NONE,
  SD_DISPATCH_UNPLANNED_NO_LOCATION,   /* the address has no coordinates */
  SD_DISPATCH_UNPLANNED_CAPACITY,      /* bigger than every chosen courier can carry */
  SD_DISPATCH_UNPLANNED_TIME_WINDOW,   /* no courier can reach it in its window */
  SD_DISPATCH_UNPLANNED_NO_ROOM,       /* every courier is full or out of time */
} SdDispatchUnplanned;

const char *sd_dispatch_unplanned_label (SdDispatchUnplanned reason);  /* translated */

/* One place to stop: the day's orders of one customer at one address for one courier. */
typedef struct {
  gint64               key;            /* the smallest of its order ids: names the stop */
  GArray              *order_ids;      /* gint64, ascending */
  gint64               customer_id;
  gint64               address_id;
  char                *customer;
  char                *phone;          /* first phone, unmasked; "" when none */
  char                *address;
  char                *instructions;
  gboolean             has_location;
  double               lat, lon;       /* WGS-84 */
  char                *items;          /* "18.9L 纯净水 ×2, 压水器 ×1" */
  int                  n_items;        /* units of every line */
  int                  demand;         /* load units: see sd-dispatch.c */
  int                  window_from;    /* -1 when any time of the day */
  int                  window_to;
  int                  service_s;
  gint64               collect_fen;    /* money the courier collects at the door: due less paid */
  int                  tickets;        /* water tickets to take */
  int                  empties;        /* empty buckets to bring back */
  SdOrderStatus        status;         /* the least advanced of its orders */
  gint64               courier_id;     /* 0 = unassigned */
  int                  seq;            /* place on the route, from 0 */
  int                  planned_arrival;/* -1 when not planned */
  SdDispatchUnplanned  unplanned;      /* set by a plan that could not place it */
} SdDispatchStop;

/* One courier's route on the day. */
typedef struct {
  gint64      courier_id;
  char       *name;
  char       *phone;
  char       *color;        /* "#rrggbb" */
  int         capacity;     /* 0 = no limit */
  GPtrArray  *stops;        /* SdDispatchStop*, borrowed from the day, in visiting order */
  int         load;         /* sum of the stops' demand */
  double      distance_m;   /* depot → stops → depot */
  int         start_s;      /* leaves the depot */
  int         finish_s;     /* back at the depot (estimate) */
  gboolean    out;          /* marked out for delivery */
  gboolean    late;         /* some stop misses its window */
} SdDispatchRoute;

typedef struct {
  char       *date;         /* "YYYY-MM-DD" */
  double      depot_lat, depot_lon;
  gboolean    has_depot;
  GPtrArray  *stops;        /* SdDispatchStop*, owned */
  GPtrArray  *routes;       /* SdDispatchRoute*, couriers with stops (or planned) first */
  GPtrArray  *unassigned;   /* SdDispatchStop*, borrowed */
} SdDispatchDay;

void              sd_dispatch_day_free       (SdDispatchDay *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdDispatchDay, sd_dispatch_day_free)

SdDispatchStop   *sd_dispatch_day_find_stop  (SdDispatchDay *day,
                                              gint64         key);
SdDispatchRoute  *sd_dispatch_day_find_route (SdDispatchDay *day,
                                              gint64         courier_id);

/* The day's deliveries (every order not cancelled), grouped into stops, with their
 * couriers and places; a route for every active courier. Routes' distances and times
 * are recomputed from the settings (great-circle × road factor, speed). */
SdDispatchDay    *sd_store_load_dispatch_day (SdStore       *store,
                                              const char    *date,
                                              GError       **error);

/* --- planning ----------------------------------------------------------- */

/* A plan in three steps, so the solving can run on a worker thread: prepare (reads the
 * store: main thread), solve (touches no store; may ask the OSRM server), save (main
 * thread, one transaction). */
typedef struct _SdDispatchPlan SdDispatchPlan;

/* Plans the open stops (pending, to dispatch) of `date` that have a place on the map and
 * no courier or one of the chosen couriers, over the chosen couriers. Stops out for
 * delivery or delivered stay where they are, at the head of their courier's route; open
 * stops of couriers not chosen, and stops with no place on the map, keep their courier
 * and place. `time_limit` in seconds of solving (≤ 0: 2 s). */
SdDispatchPlan   *sd_dispatch_plan_prepare   (SdStore       *store,
                                              const char    *date,
                                              const gint64  *courier_ids,
                                              guint          n_couriers,
                                              double         time_limit,
                                              guint64        seed,
                                              GError       **error);
/* Fills the distances (OSRM when dispatch.osrm_url is set and answers, else great-circle
 * × road factor) and runs the solver. */
gboolean          sd_dispatch_plan_solve     (SdDispatchPlan *plan,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* Writes the plan: couriers, places and route figures of the chosen couriers; pending
 * orders that got a courier move to "to dispatch"; stops the solver could not place lose
 * their courier (SdDispatchStop.unplanned says why). One transaction. Refused with
 * SD_DISPATCH_ERROR_CHANGED, writing nothing, when the day's orders or routes changed
 * since the plan was prepared (a route sent out, an order delivered, added, cancelled or
 * moved): prepare and solve again. */
gboolean          sd_store_save_dispatch_plan (SdStore       *store,
                                              SdDispatchPlan *plan,
                                              const char    *who,
                                              GError       **error);
void              sd_dispatch_plan_free      (SdDispatchPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdDispatchPlan, sd_dispatch_plan_free)

/* How the distances were measured: "osrm", or "haversine" with, when an OSRM server is
 * set, why it was not used (translated); NULL reason otherwise. */
const char       *sd_dispatch_plan_get_matrix_source (SdDispatchPlan *plan,
                                                      const char    **reason);
/* The plan's view of the day: after saving, its routes and its unassigned stops with
 * why each was left (SdDispatchStop.unplanned). Owned by the plan. */
SdDispatchDay    *sd_dispatch_plan_get_day           (SdDispatchPlan *plan);
/* Stops the plan left without a courier (after saving). */
guint             sd_dispatch_plan_get_n_unplanned   (SdDispatchPlan *plan);
double            sd_dispatch_plan_get_distance_m    (SdDispatchPlan *plan);
guint             sd_dispatch_plan_get_n_stops       (SdDispatchPlan *plan);
/* Checks the solution with the solver's own feasibility checker. */
gboolean          sd_dispatch_plan_check             (SdDispatchPlan *plan,
                                                      GError        **error);

/* Prepare, solve and save in one call (tests, songda-cli, the benchmark). */
gboolean          sd_store_plan_dispatch_day (SdStore       *store,
                                              const char    *date,
                                              const gint64  *courier_ids,
                                              guint          n_couriers,
                                              double         time_limit,
                                              guint64        seed,
                                              const char    *who,
                                              GError       **error);

/* A late order: put its stop into the day's existing routes where it adds the least
 * distance, keeping every window, capacity and fixed stop. Sets *out_courier_id. */
gboolean          sd_store_dispatch_insert_order (SdStore   *store,
                                                  gint64     order_id,
                                                  const char *who,
                                                  gint64    *out_courier_id,
                                                  GError   **error);

/* --- editing by hand (one transaction each) ----------------------------- */

/* Moves the stop named `key` to `courier_id` (0 = unassign) at `position` among its open
 * stops (-1 = at the end). Pending orders with a courier become "to dispatch". */
gboolean          sd_store_dispatch_move_stop (SdStore    *store,
                                               const char *date,
                                               gint64      key,
                                               gint64      courier_id,
                                               int         position,
                                               const char *who,
                                               GError    **error);
/* Moves the stop one place up (-1) or down (+1) on its route. */
gboolean          sd_store_dispatch_shift_stop (SdStore    *store,
                                                const char *date,
                                                gint64      key,
                                                int         delta,
                                                GError    **error);
/* The courier's open orders of the day go "out for delivery", in one transaction. */
gboolean          sd_store_route_out_for_delivery (SdStore    *store,
                                                   const char *date,
                                                   gint64      courier_id,
                                                   const char *who,
                                                   GError    **error);

/* --- route sheets ------------------------------------------------------- */

typedef struct {
  int      seq;             /* from 1 */
  char    *customer;
  char    *phone;           /* masked when print.mask_phones is on */
  char    *address;
  char    *instructions;
  char    *items;
  gint64   collect_fen;
  int      tickets;
  int      empties;
  char    *window;          /* "08:00–12:00" or "" */
  char    *arrival;         /* planned "HH:MM" or "" */
  double   lat, lon;        /* 0, 0 when unknown */
} SdRouteSheetRow;

typedef struct {
  char       *date;
  char       *courier;
  char       *courier_phone;
  char       *color;
  char       *shop;
  double      depot_lat, depot_lon;
  double      distance_km;
  char       *start_time;   /* "HH:MM" */
  char       *finish_time;
  int         load, capacity;
  gint64      collect_fen;  /* total */
  GPtrArray  *rows;         /* SdRouteSheetRow* */
} SdRouteSheetData;

void              sd_route_sheet_data_free   (SdRouteSheetData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdRouteSheetData, sd_route_sheet_data_free)

SdRouteSheetData *sd_store_route_sheet_data  (SdStore    *store,
                                              const char *date,
                                              gint64      courier_id,
                                              GError    **error);

/* --- courier performance ------------------------------------------------ */

typedef struct {
  gint64   courier_id;
  char    *name;
  char    *color;
  int      deliveries;      /* delivered orders requested in the period */
  int      items;           /* units of their lines */
  double   distance_m;      /* planned route lengths */
  int      windowed;        /* deliveries that asked for a window (slot) */
  int      on_time;         /* … delivered on the day inside it (local time) */
  int      stop_gaps;       /* gaps between consecutive deliveries of a day, ≤ 1 h */
  double   avg_stop_s;      /* their mean, seconds; 0 when none */
} SdCourierPerformance;

void              sd_courier_performance_free (SdCourierPerformance *p);
/* Array of SdCourierPerformance*, every courier with a delivery or a route in
 * [from_day, to_day], by name. */
GPtrArray        *sd_store_courier_performance (SdStore    *store,
                                                const char *from_day,
                                                const char *to_day,
                                                GError    **error);

/* "HH:MM" of seconds after midnight. */
char             *sd_dispatch_format_time_of_day (int seconds);

G_END_DECLS
