/* SPDX-License-Identifier: GPL-3.0-or-later */
/* route-test-util.h: helpers shared by the route tests (random problems,
 * checking every solution with the library's checker). */
#pragma once

#include <glib.h>
#include <math.h>

#include "sd-route.h"

/* Fail the test unless @s is a valid solution of @p. */
#define assert_valid(p, s)                                                    \
  G_STMT_START {                                                              \
    char err_[256];                                                           \
    double d_;                                                                \
    g_assert_nonnull (s);                                                     \
    if (sd_route_check_solution ((p), (s), &d_, err_, sizeof err_) != 0)      \
      g_error ("invalid solution: %s", err_);                                 \
    g_assert_cmpfloat_with_epsilon (d_, (s)->distance, 1e-6 * (1 + d_));      \
  } G_STMT_END

typedef struct {
  int n_stops, n_vehicles, n_dims;
  int cap[SD_ROUTE_MAX_DIMS];
  int max_demand;
  bool windows;          /* random windows and service times */
  double shift_end;      /* 0: none */
  bool distinct_ends;    /* vehicles start/end at random locations */
  bool asymmetric;       /* time matrix asymmetric (dist stays Euclidean) */
} RandomSpec;

/* Random problem on a 100×100 grid, location 0 = depot, stop i at i + 1
 * (plus one start and one end location per vehicle when distinct_ends). */
static inline SdRouteProblem *
random_problem (const RandomSpec *spec, guint32 seed)
{
  GRand *rng = g_rand_new_with_seed (seed);
  int nl = 1 + spec->n_stops + (spec->distinct_ends ? 2 * spec->n_vehicles : 0);
  SdRouteProblem *p = sd_route_problem_new (nl, spec->n_dims);
  double *x = g_new (double, nl), *y = g_new (double, nl);

  for (int i = 0; i < nl; i++)
    {
      x[i] = i == 0 ? 50.0 : g_rand_double_range (rng, 0, 100);
      y[i] = i == 0 ? 50.0 : g_rand_double_range (rng, 0, 100);
    }
  for (int i = 0; i < nl; i++)
    for (int j = 0; j < nl; j++)
      {
        double d = hypot (x[i] - x[j], y[i] - y[j]);
        double t = spec->asymmetric && i < j ? d * 1.2 : d;
        g_assert_cmpint (sd_route_problem_set_entry (p, i, j, d, t), ==, 0);
      }
  for (int s = 0; s < spec->n_stops; s++)
    {
      int dem[SD_ROUTE_MAX_DIMS] = { 0 };
      int id;
      for (int d = 0; d < spec->n_dims; d++)
        dem[d] = g_rand_int_range (rng, 0, spec->max_demand + 1);
      id = sd_route_problem_add_stop (p, s + 1, dem);
      g_assert_cmpint (id, ==, s);
      if (spec->windows)
        {
          double e = g_rand_double_range (rng, 0, 400);
          double w = g_rand_double_range (rng, 20, 150);
          g_assert_cmpint (sd_route_problem_set_stop_window (p, s, e, e + w), ==, 0);
          g_assert_cmpint (sd_route_problem_set_stop_service (p, s, g_rand_double_range (rng, 0, 10)), ==, 0);
        }
    }
  for (int v = 0; v < spec->n_vehicles; v++)
    {
      int id = sd_route_problem_add_vehicle (p, spec->cap, 0.0,
                                             spec->shift_end > 0 ? spec->shift_end : SD_ROUTE_TIME_MAX);
      g_assert_cmpint (id, ==, v);
      if (spec->distinct_ends)
        g_assert_cmpint (sd_route_problem_set_vehicle_locations (p, v, 1 + spec->n_stops + 2 * v,
                                                                 2 + spec->n_stops + 2 * v), ==, 0);
    }
  g_free (x);
  g_free (y);
  g_rand_free (rng);
  return p;
}

static inline SdRouteSolution *
solve_iters (const SdRouteProblem *p, long iters, guint64 seed)
{
  SdRouteOptions o;
  sd_route_options_init (&o);
  o.time_limit = 0;
  o.max_iterations = iters;
  o.seed = seed;
  return sd_route_solve (p, &o);
}
