/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route.h: public API of the Songda vehicle-routing solver.
 *
 * Pure C11 + libm, no I/O. A problem is a distance and a time matrix over
 * locations, a set of stops (location, multi-dimensional demand, optional time
 * window and service time) and a set of vehicles (capacity per dimension,
 * shift, start and end locations, optional fixed head of route). The solver
 * (ruin-and-recreate with string removals and simulated annealing, plus a
 * granular local search) returns one route per vehicle and the stops it could
 * not serve, each with a reason.
 *
 * Indices: locations 0..n_locations-1, stops and vehicles numbered in the
 * order they were added, from 0. Times and distances are doubles in any unit
 * (the geo helper uses metres and seconds). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Capacity dimensions a problem may have (e.g. buckets, crates, kg, ...). */
#define SD_ROUTE_MAX_DIMS 4
/* "No limit" for windows and shifts. */
#define SD_ROUTE_TIME_MAX 1e18

typedef struct SdRouteProblem SdRouteProblem;

typedef enum {
  SD_ROUTE_REASON_NONE = 0,     /* served */
  SD_ROUTE_REASON_CAPACITY,     /* its demand exceeds the capacity of every vehicle */
  SD_ROUTE_REASON_TIME_WINDOW,  /* no vehicle can reach it in its window and get back
                                 * before the end of its shift */
  SD_ROUTE_REASON_NO_VEHICLE,   /* servable alone, but no vehicle had room or time left
                                 * (or the fleet cap was reached) */
  SD_ROUTE_REASON_INVALID,      /* bad input (e.g. stop index unknown) */
} SdRouteReason;

/* --- problem ------------------------------------------------------------ */

/* A problem over @n_locations locations with @n_dims capacity dimensions
 * (1..SD_ROUTE_MAX_DIMS). Matrices start all zero; depot is location 0.
 * Returns NULL on bad arguments or out of memory. */
SdRouteProblem *sd_route_problem_new (int n_locations, int n_dims);
void sd_route_problem_free (SdRouteProblem *p);

int sd_route_problem_get_n_locations (const SdRouteProblem *p);
int sd_route_problem_get_n_dims (const SdRouteProblem *p);
int sd_route_problem_get_n_stops (const SdRouteProblem *p);
int sd_route_problem_get_n_vehicles (const SdRouteProblem *p);

/* Copy full row-major n×n matrices. @time may be NULL: time = distance.
 * Return 0, or -1 on bad arguments (negative or non-finite entries). */
int sd_route_problem_set_matrices (SdRouteProblem *p, const double *dist, const double *time);
int sd_route_problem_set_matrices_int (SdRouteProblem *p, const int32_t *dist, const int32_t *time);
/* Set one entry. */
int sd_route_problem_set_entry (SdRouteProblem *p, int from, int to, double dist, double time);
double sd_route_problem_get_distance (const SdRouteProblem *p, int from, int to);
double sd_route_problem_get_time (const SdRouteProblem *p, int from, int to);

/* Default start and end location of vehicles added later (default 0). */
int sd_route_problem_set_depot (SdRouteProblem *p, int location);

/* Add a stop at @location with @demand (n_dims values, NULL = all zero).
 * Returns the stop index, or -1 on bad arguments. No window, no service time. */
int sd_route_problem_add_stop (SdRouteProblem *p, int location, const int *demand);
/* Service must start within [earliest, latest]; arriving early waits. */
int sd_route_problem_set_stop_window (SdRouteProblem *p, int stop, double earliest, double latest);
int sd_route_problem_set_stop_service (SdRouteProblem *p, int stop, double service_time);

/* Add a vehicle starting and ending at the depot, with @capacity (n_dims
 * values; NULL = unlimited), leaving at @shift_start and due back by
 * @shift_end. Returns the vehicle index or -1. */
int sd_route_problem_add_vehicle (SdRouteProblem *p, const int *capacity,
                                  double shift_start, double shift_end);
/* Distinct start and end locations (e.g. the courier's home, or where a
 * vehicle already out is now). */
int sd_route_problem_set_vehicle_locations (SdRouteProblem *p, int vehicle,
                                            int start_location, int end_location);

/* At most @max_vehicles vehicles may be used (0 = no cap but the fleet). */
int sd_route_problem_set_fleet_cap (SdRouteProblem *p, int max_vehicles);

/* Re-planning: @vehicle's route starts with these @n stops in this order
 * (already loaded / promised); the solver only plans what follows. A stop can
 * be fixed on one vehicle only. n = 0 clears. */
int sd_route_problem_set_fixed_prefix (SdRouteProblem *p, int vehicle, const int *stops, int n);

/* --- geography ---------------------------------------------------------- */

/* Great-circle distance in metres between two WGS-84 points (degrees). */
double sd_route_haversine_m (double lat1, double lon1, double lat2, double lon2);

/* Fill the matrices from coordinates (n_locations each): distance =
 * haversine × @road_factor (metres, e.g. 1.3), time = distance / @speed_kmh
 * (seconds). Returns 0 or -1. */
int sd_route_problem_set_geo (SdRouteProblem *p, const double *lat, const double *lon,
                              double road_factor, double speed_kmh);

/* --- solving ------------------------------------------------------------ */

typedef struct {
  uint64_t seed;            /* random seed (default 1) */
  double time_limit;        /* seconds of wall time; <= 0: none (default 1) */
  long max_iterations;      /* ruin-and-recreate iterations; <= 0: none (default 0).
                             * With no time limit, the result depends only on
                             * seed, input and this cap. With neither, only
                             * construction and local search run. */
  bool minimize_vehicles;   /* fewest vehicles first, then distance */
} SdRouteOptions;

void sd_route_options_init (SdRouteOptions *o);

typedef struct {
  int vehicle;              /* index of the vehicle driving it */
  int n_stops;              /* 0: vehicle unused */
  int *stops;               /* stop indices in visit order (fixed prefix first) */
  double *arrival;          /* arrival time at each stop */
  double *service_start;    /* service start at each stop (>= arrival) */
  double departure;         /* leaves its start location (shift start) */
  double end_time;          /* arrives at its end location */
  double distance;          /* route length, 0 when unused */
  int load[SD_ROUTE_MAX_DIMS];
} SdRouteRoute;

typedef struct {
  int n_routes;             /* = number of vehicles; routes[v].vehicle == v */
  SdRouteRoute *routes;
  int n_unassigned;
  int *unassigned;          /* stop indices not served ... */
  SdRouteReason *reasons;   /* ... and why */
  double distance;          /* total distance */
  int n_vehicles_used;
  long iterations;          /* iterations run */
} SdRouteSolution;

/* Solve. Returns NULL only on bad input (a stop fixed twice, a bad index) or
 * out of memory; @o may be NULL for the defaults. */
SdRouteSolution *sd_route_solve (const SdRouteProblem *p, const SdRouteOptions *o);

/* Insert @stop (unserved in @s, e.g. a late order just added to @p with
 * sd_route_problem_add_stop) into the existing routes where it adds the
 * least distance, keeping every constraint and the rest of the routes as
 * they are. Fixed prefixes are kept. Returns 0 and updates @s, or -1 and
 * sets *@reason (may be NULL) leaving the stop unassigned in @s. */
int sd_route_insert_stop (const SdRouteProblem *p, SdRouteSolution *s, int stop,
                          SdRouteReason *reason);

/* Independent feasibility check: every stop served exactly once or listed
 * unassigned, vehicle indices, capacity, time windows, shift ends, fleet cap,
 * fixed prefixes. Recomputes the total distance into *@distance (may be NULL).
 * Returns 0 when valid, else -1 with a message in @err (may be NULL). */
int sd_route_check_solution (const SdRouteProblem *p, const SdRouteSolution *s,
                             double *distance, char *err, size_t err_len);

SdRouteSolution *sd_route_solution_copy (const SdRouteSolution *s);
void sd_route_solution_free (SdRouteSolution *s);

/* English name of a reason code (for logs; the UI translates its own). */
const char *sd_route_reason_to_string (SdRouteReason r);

/* --- benchmark instances (CVRPLIB TSPLIB EUC_2D, Solomon VRPTW) --------- */

typedef enum {
  SD_ROUTE_INSTANCE_CVRP,
  SD_ROUTE_INSTANCE_VRPTW,
} SdRouteInstanceKind;

typedef enum {
  SD_ROUTE_DISTANCE_NINT,   /* Euclidean rounded to nearest integer (TSPLIB) */
  SD_ROUTE_DISTANCE_EXACT,  /* exact Euclidean double */
} SdRouteDistanceKind;

typedef struct {
  SdRouteInstanceKind kind;
  char name[64];
  int n_customers;          /* customers 1..n; index 0 is the depot */
  double *x, *y;            /* n_customers + 1 each */
  int *demand;
  double *ready, *due, *service; /* VRPTW; CVRP: 0, SD_ROUTE_TIME_MAX, 0 */
  int capacity;
  int fleet;                /* vehicle count stated in the file (Solomon), else 0 */
} SdRouteInstance;

/* Parse an instance from memory (the caller reads the file). Returns NULL and
 * a message in @err on error. */
SdRouteInstance *sd_route_instance_parse (const char *text, size_t len, char *err, size_t err_len);
void sd_route_instance_free (SdRouteInstance *inst);

/* Build a problem: location i = instance index i (0 = depot), stop s =
 * customer s + 1. @n_vehicles identical vehicles (<= 0: the file's fleet for
 * VRPTW, one per customer for CVRP). Travel time = distance. */
SdRouteProblem *sd_route_instance_to_problem (const SdRouteInstance *inst,
                                              SdRouteDistanceKind distance, int n_vehicles);

#ifdef __cplusplus
}
#endif
