/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-problem.c: building a routing problem (matrices, stops, vehicles,
 * fixed prefixes), options, random numbers and the clock. */
#include "sd-route-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

SdRouteProblem *
sd_route_problem_new (int n_locations, int n_dims)
{
  SdRouteProblem *p;
  size_t nn;

  if (n_locations <= 0 || n_dims < 1 || n_dims > SD_ROUTE_MAX_DIMS || n_locations > 46000)
    return NULL;
  p = calloc (1, sizeof *p);
  if (!p)
    return NULL;
  p->nl = n_locations;
  p->nd = n_dims;
  nn = (size_t) n_locations * (size_t) n_locations;
  p->dist = calloc (nn, sizeof (double));
  p->time = calloc (nn, sizeof (double));
  if (!p->dist || !p->time)
    {
      sd_route_problem_free (p);
      return NULL;
    }
  return p;
}

void
sd_route_problem_free (SdRouteProblem *p)
{
  if (!p)
    return;
  free (p->dist);
  free (p->time);
  free (p->stop_loc);
  free (p->demand);
  free (p->service);
  free (p->tw_early);
  free (p->tw_late);
  free (p->v_start);
  free (p->v_end);
  free (p->v_cap);
  free (p->v_shift_start);
  free (p->v_shift_end);
  if (p->v_prefix)
    for (int v = 0; v < p->nv; v++)
      free (p->v_prefix[v]);
  free (p->v_prefix);
  free (p->v_prefix_len);
  free (p);
}

int sd_route_problem_get_n_locations (const SdRouteProblem *p) { return p ? p->nl : 0; }
int sd_route_problem_get_n_dims (const SdRouteProblem *p) { return p ? p->nd : 0; }
int sd_route_problem_get_n_stops (const SdRouteProblem *p) { return p ? p->ns : 0; }
int sd_route_problem_get_n_vehicles (const SdRouteProblem *p) { return p ? p->nv : 0; }

static bool
ok_value (double v)
{
  return isfinite (v) && v >= 0.0;
}

int
sd_route_problem_set_matrices (SdRouteProblem *p, const double *dist, const double *time)
{
  size_t nn;

  if (!p || !dist)
    return -1;
  nn = (size_t) p->nl * (size_t) p->nl;
  for (size_t i = 0; i < nn; i++)
    if (!ok_value (dist[i]) || (time && !ok_value (time[i])))
      return -1;
  memcpy (p->dist, dist, nn * sizeof (double));
  memcpy (p->time, time ? time : dist, nn * sizeof (double));
  return 0;
}

int
sd_route_problem_set_matrices_int (SdRouteProblem *p, const int32_t *dist, const int32_t *time)
{
  size_t nn;

  if (!p || !dist)
    return -1;
  nn = (size_t) p->nl * (size_t) p->nl;
  for (size_t i = 0; i < nn; i++)
    if (dist[i] < 0 || (time && time[i] < 0))
      return -1;
  for (size_t i = 0; i < nn; i++)
    {
      p->dist[i] = (double) dist[i];
      p->time[i] = (double) (time ? time[i] : dist[i]);
    }
  return 0;
}

int
sd_route_problem_set_entry (SdRouteProblem *p, int from, int to, double dist, double time)
{
  size_t k;

  if (!p || from < 0 || to < 0 || from >= p->nl || to >= p->nl || !ok_value (dist) || !ok_value (time))
    return -1;
  k = (size_t) from * (size_t) p->nl + (size_t) to;
  p->dist[k] = dist;
  p->time[k] = time;
  return 0;
}

double
sd_route_problem_get_distance (const SdRouteProblem *p, int from, int to)
{
  if (!p || from < 0 || to < 0 || from >= p->nl || to >= p->nl)
    return 0.0;
  return p->dist[(size_t) from * (size_t) p->nl + (size_t) to];
}

double
sd_route_problem_get_time (const SdRouteProblem *p, int from, int to)
{
  if (!p || from < 0 || to < 0 || from >= p->nl || to >= p->nl)
    return 0.0;
  return p->time[(size_t) from * (size_t) p->nl + (size_t) to];
}

int
sd_route_problem_set_depot (SdRouteProblem *p, int location)
{
  if (!p || location < 0 || location >= p->nl)
    return -1;
  p->depot = location;
  return 0;
}

static bool
grow (void **ptr, size_t elem, int n)
{
  void *q = realloc (*ptr, elem * (size_t) n);
  if (!q)
    return false;
  *ptr = q;
  return true;
}

int
sd_route_problem_add_stop (SdRouteProblem *p, int location, const int *demand)
{
  int s;

  if (!p || location < 0 || location >= p->nl)
    return -1;
  if (demand)
    for (int d = 0; d < p->nd; d++)
      if (demand[d] < 0)
        return -1;
  if (p->ns == p->ns_alloc)
    {
      int n = p->ns_alloc ? p->ns_alloc * 2 : 16;
      if (!grow ((void **) &p->stop_loc, sizeof (int), n)
          || !grow ((void **) &p->demand, sizeof (int) * SD_ROUTE_MAX_DIMS, n)
          || !grow ((void **) &p->service, sizeof (double), n)
          || !grow ((void **) &p->tw_early, sizeof (double), n)
          || !grow ((void **) &p->tw_late, sizeof (double), n))
        return -1;
      p->ns_alloc = n;
    }
  s = p->ns++;
  p->stop_loc[s] = location;
  for (int d = 0; d < SD_ROUTE_MAX_DIMS; d++)
    p->demand[s * SD_ROUTE_MAX_DIMS + d] = (demand && d < p->nd) ? demand[d] : 0;
  p->service[s] = 0.0;
  p->tw_early[s] = 0.0;
  p->tw_late[s] = SD_ROUTE_TIME_MAX;
  return s;
}

int
sd_route_problem_set_stop_window (SdRouteProblem *p, int stop, double earliest, double latest)
{
  if (!p || stop < 0 || stop >= p->ns || !isfinite (earliest) || !isfinite (latest) || latest < earliest)
    return -1;
  p->tw_early[stop] = earliest;
  p->tw_late[stop] = latest;
  return 0;
}

int
sd_route_problem_set_stop_service (SdRouteProblem *p, int stop, double service_time)
{
  if (!p || stop < 0 || stop >= p->ns || !ok_value (service_time))
    return -1;
  p->service[stop] = service_time;
  return 0;
}

int
sd_route_problem_add_vehicle (SdRouteProblem *p, const int *capacity, double shift_start, double shift_end)
{
  int v;

  if (!p || !isfinite (shift_start) || !isfinite (shift_end) || shift_end < shift_start)
    return -1;
  if (capacity)
    for (int d = 0; d < p->nd; d++)
      if (capacity[d] < 0)
        return -1;
  if (p->nv == p->nv_alloc)
    {
      int n = p->nv_alloc ? p->nv_alloc * 2 : 8;
      if (!grow ((void **) &p->v_start, sizeof (int), n)
          || !grow ((void **) &p->v_end, sizeof (int), n)
          || !grow ((void **) &p->v_cap, sizeof (int) * SD_ROUTE_MAX_DIMS, n)
          || !grow ((void **) &p->v_shift_start, sizeof (double), n)
          || !grow ((void **) &p->v_shift_end, sizeof (double), n)
          || !grow ((void **) &p->v_prefix, sizeof (int *), n)
          || !grow ((void **) &p->v_prefix_len, sizeof (int), n))
        return -1;
      p->nv_alloc = n;
    }
  v = p->nv++;
  p->v_start[v] = p->depot;
  p->v_end[v] = p->depot;
  for (int d = 0; d < SD_ROUTE_MAX_DIMS; d++)
    p->v_cap[v * SD_ROUTE_MAX_DIMS + d] = (capacity && d < p->nd) ? capacity[d] : INT32_MAX / 4;
  p->v_shift_start[v] = shift_start;
  p->v_shift_end[v] = shift_end;
  p->v_prefix[v] = NULL;
  p->v_prefix_len[v] = 0;
  return v;
}

int
sd_route_problem_set_vehicle_locations (SdRouteProblem *p, int vehicle, int start_location, int end_location)
{
  if (!p || vehicle < 0 || vehicle >= p->nv || start_location < 0 || start_location >= p->nl
      || end_location < 0 || end_location >= p->nl)
    return -1;
  p->v_start[vehicle] = start_location;
  p->v_end[vehicle] = end_location;
  return 0;
}

int
sd_route_problem_set_fleet_cap (SdRouteProblem *p, int max_vehicles)
{
  if (!p || max_vehicles < 0)
    return -1;
  p->fleet_cap = max_vehicles;
  return 0;
}

int
sd_route_problem_set_fixed_prefix (SdRouteProblem *p, int vehicle, const int *stops, int n)
{
  int *copy = NULL;

  if (!p || vehicle < 0 || vehicle >= p->nv || n < 0 || (n > 0 && !stops))
    return -1;
  for (int i = 0; i < n; i++)
    {
      if (stops[i] < 0 || stops[i] >= p->ns)
        return -1;
      for (int j = 0; j < i; j++)
        if (stops[j] == stops[i])
          return -1;
    }
  if (n > 0)
    {
      copy = malloc (sizeof (int) * (size_t) n);
      if (!copy)
        return -1;
      memcpy (copy, stops, sizeof (int) * (size_t) n);
    }
  free (p->v_prefix[vehicle]);
  p->v_prefix[vehicle] = copy;
  p->v_prefix_len[vehicle] = n;
  return 0;
}

void
sd_route_options_init (SdRouteOptions *o)
{
  memset (o, 0, sizeof *o);
  o->seed = 1;
  o->time_limit = 1.0;
  o->max_iterations = 0;
  o->minimize_vehicles = false;
}

const char *
sd_route_reason_to_string (SdRouteReason r)
{
  switch (r)
    {
    case SD_ROUTE_REASON_NONE: return "served";
    case SD_ROUTE_REASON_CAPACITY: return "demand exceeds every vehicle's capacity";
    case SD_ROUTE_REASON_TIME_WINDOW: return "time window unreachable";
    case SD_ROUTE_REASON_NO_VEHICLE: return "no vehicle left";
    case SD_ROUTE_REASON_INVALID: return "invalid stop";
    default: return "unknown";
    }
}

/* --- random numbers ---------------------------------------------------- */

static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void
sd_rng_seed (SdRng *r, uint64_t seed)
{
  uint64_t x = seed;
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&x);
}

static inline uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

uint64_t
sd_rng_next (SdRng *r)
{
  uint64_t *s = r->s;
  uint64_t result = rotl (s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
sd_rng_double (SdRng *r)
{
  return (double) (sd_rng_next (r) >> 11) * 0x1.0p-53;
}

int
sd_rng_int (SdRng *r, int n)
{
  if (n <= 1)
    return 0;
  return (int) (((sd_rng_next (r) >> 32) * (uint64_t) n) >> 32);
}

int sd_route_cpu_clock = 0;

double
sd_route_now (void)
{
  struct timespec ts;
  if (sd_route_cpu_clock)
    return (double) clock () / CLOCKS_PER_SEC;
  if (timespec_get (&ts, TIME_UTC) == 0)
    return (double) clock () / CLOCKS_PER_SEC;
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}
