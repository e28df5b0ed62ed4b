/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-route.c: solver API tests — every solution goes through the checker;
 * infeasible input, determinism, fixed prefixes, late insertion against brute
 * force, geo matrices, and a checker that must catch broken solutions. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "route-test-util.h"

/* --- geography --------------------------------------------------------- */

static void
test_geo (void)
{
  double lat[3] = { 31.2304, 31.2304, 39.9042 }, lon[3] = { 121.4737, 121.4837, 116.4074 };
  SdRouteProblem *p = sd_route_problem_new (3, 1);
  double d;

  /* one degree of latitude is about 111.2 km */
  d = sd_route_haversine_m (30.0, 120.0, 31.0, 120.0);
  g_assert_cmpfloat (fabs (d - 111195.0), <, 50.0);
  /* Shanghai - Beijing is about 1067 km great-circle */
  d = sd_route_haversine_m (lat[0], lon[0], lat[2], lon[2]);
  g_assert_cmpfloat (fabs (d - 1067000.0), <, 5000.0);
  g_assert_cmpfloat (sd_route_haversine_m (10, 20, 10, 20), ==, 0.0);

  g_assert_cmpint (sd_route_problem_set_geo (p, lat, lon, 1.3, 36.0), ==, 0);
  d = sd_route_haversine_m (lat[0], lon[0], lat[1], lon[1]) * 1.3;
  g_assert_cmpfloat (fabs (sd_route_problem_get_distance (p, 0, 1) - d), <, 1e-6);
  /* 36 km/h = 10 m/s */
  g_assert_cmpfloat (fabs (sd_route_problem_get_time (p, 0, 1) - d / 10.0), <, 1e-6);
  g_assert_cmpfloat (sd_route_problem_get_distance (p, 2, 2), ==, 0.0);
  /* bad input */
  lat[1] = 95.0;
  g_assert_cmpint (sd_route_problem_set_geo (p, lat, lon, 1.3, 36.0), ==, -1);
  g_assert_cmpint (sd_route_problem_set_geo (p, lat, lon, 1.3, 0.0), ==, -1);
  sd_route_problem_free (p);
}

/* --- random problems, all checked -------------------------------------- */

static void
test_random_cvrp (void)
{
  RandomSpec spec = { .n_stops = 60, .n_vehicles = 12, .n_dims = 2, .cap = { 60, 45 }, .max_demand = 10 };

  for (guint32 seed = 1; seed <= 6; seed++)
    {
      SdRouteProblem *p = random_problem (&spec, seed);
      SdRouteSolution *s = solve_iters (p, 1500, seed);
      assert_valid (p, s);
      g_assert_cmpint (s->n_unassigned, ==, 0);
      for (int r = 0; r < s->n_routes; r++)
        {
          g_assert_cmpint (s->routes[r].load[0], <=, 60);
          g_assert_cmpint (s->routes[r].load[1], <=, 45);
        }
      sd_route_solution_free (s);
      sd_route_problem_free (p);
    }
}

static void
test_random_vrptw (void)
{
  RandomSpec spec = { .n_stops = 50, .n_vehicles = 8, .n_dims = 1, .cap = { 80 }, .max_demand = 12,
                      .windows = true, .shift_end = 600, .distinct_ends = true, .asymmetric = true };

  for (guint32 seed = 11; seed <= 16; seed++)
    {
      SdRouteProblem *p = random_problem (&spec, seed);
      SdRouteSolution *s = solve_iters (p, 1500, seed);
      assert_valid (p, s);
      /* every stop is served or has a reason */
      for (int i = 0; i < s->n_unassigned; i++)
        g_assert_cmpint (s->reasons[i], !=, SD_ROUTE_REASON_NONE);
      for (int r = 0; r < s->n_routes; r++)
        {
          const SdRouteRoute *rt = &s->routes[r];
          for (int i = 0; i < rt->n_stops; i++)
            g_assert_cmpfloat (rt->service_start[i], >=, rt->arrival[i]);
          if (rt->n_stops)
            g_assert_cmpfloat (rt->end_time, <=, 600 + 1e-6);
        }
      sd_route_solution_free (s);
      sd_route_problem_free (p);
    }
}

/* --- infeasible input -------------------------------------------------- */

static void
test_infeasible (void)
{
  /* locations on a line: depot 0 at x=0, location i at x = 10 i */
  int nl = 8;
  SdRouteProblem *p = sd_route_problem_new (nl, 2);
  int big[2] = { 50, 1 }, small[2] = { 3, 1 }, crates[2] = { 1, 9 };
  int cap[2] = { 10, 8 };
  SdRouteSolution *s;
  SdRouteReason why[8] = { 0 };

  for (int i = 0; i < nl; i++)
    for (int j = 0; j < nl; j++)
      sd_route_problem_set_entry (p, i, j, 10.0 * abs (i - j), 10.0 * abs (i - j));
  g_assert_cmpint (sd_route_problem_add_stop (p, 1, big), ==, 0);     /* too many buckets */
  g_assert_cmpint (sd_route_problem_add_stop (p, 2, crates), ==, 1);  /* too many crates */
  g_assert_cmpint (sd_route_problem_add_stop (p, 7, small), ==, 2);   /* window unreachable */
  sd_route_problem_set_stop_window (p, 2, 0, 30);
  g_assert_cmpint (sd_route_problem_add_stop (p, 3, small), ==, 3);   /* back after shift */
  sd_route_problem_set_stop_window (p, 3, 90, 95);
  for (int i = 4; i < 8; i++)                                         /* 4 × 3 buckets */
    g_assert_cmpint (sd_route_problem_add_stop (p, i - 3, small), ==, i);
  g_assert_cmpint (sd_route_problem_add_vehicle (p, cap, 0, 100), ==, 0);
  g_assert_cmpint (sd_route_problem_add_vehicle (p, cap, 0, 100), ==, 1);
  /* bad calls are refused */
  g_assert_cmpint (sd_route_problem_add_stop (p, nl, small), ==, -1);
  g_assert_cmpint (sd_route_problem_set_stop_window (p, 4, 10, 5), ==, -1);
  g_assert_cmpint (sd_route_problem_set_entry (p, 0, 1, -1, 0), ==, -1);
  g_assert_cmpint (sd_route_problem_add_vehicle (p, cap, 10, 5), ==, -1);

  s = solve_iters (p, 200, 1);
  assert_valid (p, s);
  for (int i = 0; i < s->n_unassigned; i++)
    why[s->unassigned[i]] = s->reasons[i];
  g_assert_cmpint (why[0], ==, SD_ROUTE_REASON_CAPACITY);
  g_assert_cmpint (why[1], ==, SD_ROUTE_REASON_CAPACITY);
  g_assert_cmpint (why[2], ==, SD_ROUTE_REASON_TIME_WINDOW);
  g_assert_cmpint (why[3], ==, SD_ROUTE_REASON_TIME_WINDOW);
  g_assert_cmpint (s->n_unassigned, ==, 4);
  sd_route_solution_free (s);

  /* fleet cap 1: only 3 of the 4 small stops fit in one vehicle */
  sd_route_problem_set_fleet_cap (p, 1);
  s = solve_iters (p, 200, 1);
  assert_valid (p, s);
  g_assert_cmpint (s->n_vehicles_used, ==, 1);
  g_assert_cmpint (s->n_unassigned, ==, 5);
  memset (why, 0, sizeof why);
  for (int i = 0; i < s->n_unassigned; i++)
    why[s->unassigned[i]] = s->reasons[i];
  {
    int no_vehicle = 0;
    for (int i = 4; i < 8; i++)
      no_vehicle += why[i] == SD_ROUTE_REASON_NO_VEHICLE;
    g_assert_cmpint (no_vehicle, ==, 1);
  }
  sd_route_solution_free (s);
  sd_route_problem_free (p);

  /* no vehicles at all, and no stops at all */
  p = sd_route_problem_new (3, 1);
  sd_route_problem_add_stop (p, 1, NULL);
  s = solve_iters (p, 10, 1);
  assert_valid (p, s);
  g_assert_cmpint (s->n_unassigned, ==, 1);
  g_assert_cmpint (s->reasons[0], ==, SD_ROUTE_REASON_NO_VEHICLE);
  sd_route_solution_free (s);
  sd_route_problem_free (p);
  p = sd_route_problem_new (1, 1);
  sd_route_problem_add_vehicle (p, NULL, 0, 10);
  s = solve_iters (p, 10, 1);
  assert_valid (p, s);
  g_assert_cmpint (s->n_vehicles_used, ==, 0);
  sd_route_solution_free (s);
  sd_route_problem_free (p);
  g_assert_null (sd_route_problem_new (0, 1));
  g_assert_null (sd_route_problem_new (5, SD_ROUTE_MAX_DIMS + 1));
}

/* --- determinism ------------------------------------------------------- */

static void
test_deterministic (void)
{
  RandomSpec spec = { .n_stops = 45, .n_vehicles = 7, .n_dims = 1, .cap = { 70 }, .max_demand = 10,
                      .windows = true };
  SdRouteProblem *p = random_problem (&spec, 5);
  SdRouteSolution *a = solve_iters (p, 2500, 42), *b = solve_iters (p, 2500, 42);

  assert_valid (p, a);
  assert_valid (p, b);
  g_assert_cmpfloat (a->distance, ==, b->distance);
  g_assert_cmpint (a->n_unassigned, ==, b->n_unassigned);
  for (int r = 0; r < a->n_routes; r++)
    {
      g_assert_cmpint (a->routes[r].n_stops, ==, b->routes[r].n_stops);
      for (int i = 0; i < a->routes[r].n_stops; i++)
        g_assert_cmpint (a->routes[r].stops[i], ==, b->routes[r].stops[i]);
    }
  g_assert_cmpint (a->iterations, ==, 2500);
  sd_route_solution_free (a);
  sd_route_solution_free (b);
  sd_route_problem_free (p);
}

/* --- fixed prefix re-planning ------------------------------------------ */

static void
test_fixed_prefix (void)
{
  RandomSpec spec = { .n_stops = 40, .n_vehicles = 6, .n_dims = 1, .cap = { 100 }, .max_demand = 10,
                      .windows = true, .shift_end = 800 };
  SdRouteProblem *p = random_problem (&spec, 77);
  SdRouteSolution *s = solve_iters (p, 1500, 3), *t;
  int fixed[6][3], n_fixed[6] = { 0 };

  assert_valid (p, s);
  /* freeze the first stops of each used route, but on the next vehicle */
  for (int r = 0; r < s->n_routes; r++)
    {
      const SdRouteRoute *rt = &s->routes[r];
      int v = (r + 1) % s->n_routes;
      n_fixed[v] = rt->n_stops < 2 ? rt->n_stops : 2;
      for (int i = 0; i < n_fixed[v]; i++)
        fixed[v][i] = rt->stops[i];
      g_assert_cmpint (sd_route_problem_set_fixed_prefix (p, v, fixed[v], n_fixed[v]), ==, 0);
    }
  /* a stop cannot be fixed twice, nor appear twice */
  if (n_fixed[1] > 0)
    {
      int dup[2] = { fixed[1][0], fixed[1][0] };
      g_assert_cmpint (sd_route_problem_set_fixed_prefix (p, 0, dup, 2), ==, -1);
    }
  t = solve_iters (p, 1500, 4);
  assert_valid (p, t);   /* the checker verifies the prefixes too */
  for (int v = 0; v < t->n_routes; v++)
    {
      g_assert_cmpint (t->routes[v].n_stops, >=, n_fixed[v]);
      for (int i = 0; i < n_fixed[v]; i++)
        g_assert_cmpint (t->routes[v].stops[i], ==, fixed[v][i]);
    }
  sd_route_solution_free (t);

  /* fixing the same stop on two vehicles is refused by the solver */
  if (n_fixed[1] > 0 && n_fixed[2] > 0)
    {
      int clash[1] = { fixed[1][0] };
      sd_route_problem_set_fixed_prefix (p, 2, clash, 1);
      g_assert_null (solve_iters (p, 10, 1));
    }
  sd_route_solution_free (s);
  sd_route_problem_free (p);
}

/* --- late insertion vs brute force ------------------------------------- */

typedef struct {
  double x[16], y[16];
  int demand[16];
  double early[16], late[16], service[16];
  int cap;
  double shift_end;
} Small;

static double
sdist (const Small *m, int a, int b)
{
  return hypot (m->x[a] - m->x[b], m->y[a] - m->y[b]);
}

/* Independent simulation: route of stops (stop s at location s + 1). */
static bool
small_route (const Small *m, const int *stops, int n, double *dist)
{
  double t = 0, d = 0;
  int prev = 0, load = 0;
  for (int i = 0; i < n; i++)
    {
      int loc = stops[i] + 1;
      t += sdist (m, prev, loc);
      d += sdist (m, prev, loc);
      if (t < m->early[stops[i]])
        t = m->early[stops[i]];
      if (t > m->late[stops[i]] + 1e-9)
        return false;
      t += m->service[stops[i]];
      load += m->demand[stops[i]];
      prev = loc;
    }
  t += sdist (m, prev, 0);
  d += n ? sdist (m, prev, 0) : 0;
  *dist = d;
  return load <= m->cap && t <= m->shift_end + 1e-9;
}

static SdRouteProblem *
small_problem (const Small *m, int n_stops, int n_veh)
{
  SdRouteProblem *p = sd_route_problem_new (16, 1);
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j++)
      sd_route_problem_set_entry (p, i, j, sdist (m, i, j), sdist (m, i, j));
  for (int s = 0; s < n_stops; s++)
    {
      sd_route_problem_add_stop (p, s + 1, &m->demand[s]);
      sd_route_problem_set_stop_window (p, s, m->early[s], m->late[s]);
      sd_route_problem_set_stop_service (p, s, m->service[s]);
    }
  for (int v = 0; v < n_veh; v++)
    sd_route_problem_add_vehicle (p, &m->cap, 0, m->shift_end);
  return p;
}

static void
test_insert_brute_force (void)
{
  int n_inserted = 0;

  for (guint32 seed = 1; seed <= 40; seed++)
    {
      GRand *rng = g_rand_new_with_seed (seed);
      Small m;
      SdRouteProblem *p;
      SdRouteSolution *s, *before;
      SdRouteReason why;
      double best = INFINITY, before_d;
      int late = 12, ret, seq[16];

      memset (&m, 0, sizeof m);
      m.cap = 30;
      m.shift_end = 500;
      for (int i = 0; i < 16; i++)
        {
          m.x[i] = g_rand_double_range (rng, 0, 100);
          m.y[i] = g_rand_double_range (rng, 0, 100);
        }
      for (int s2 = 0; s2 < 15; s2++)
        {
          m.demand[s2] = g_rand_int_range (rng, 1, 10);
          m.early[s2] = g_rand_double_range (rng, 0, 250);
          m.late[s2] = m.early[s2] + g_rand_double_range (rng, 30, 200);
          m.service[s2] = 5;
        }
      p = small_problem (&m, late, 3);
      s = solve_iters (p, 300, seed);
      assert_valid (p, s);
      /* a late order arrives */
      g_assert_cmpint (sd_route_problem_add_stop (p, late + 1, &m.demand[late]), ==, late);
      sd_route_problem_set_stop_window (p, late, m.early[late], m.late[late]);
      sd_route_problem_set_stop_service (p, late, m.service[late]);

      /* brute force over every route and position, unused vehicles included */
      for (int r = 0; r < s->n_routes; r++)
        {
          const SdRouteRoute *rt = &s->routes[r];
          double old_d, new_d;
          g_assert_true (small_route (&m, rt->stops, rt->n_stops, &old_d));
          for (int k = 0; k <= rt->n_stops; k++)
            {
              int n = 0;
              for (int i = 0; i < k; i++)
                seq[n++] = rt->stops[i];
              seq[n++] = late;
              for (int i = k; i < rt->n_stops; i++)
                seq[n++] = rt->stops[i];
              if (small_route (&m, seq, n, &new_d) && new_d - old_d < best)
                best = new_d - old_d;
            }
        }
      before = sd_route_solution_copy (s);
      before_d = s->distance;
      ret = sd_route_insert_stop (p, s, late, &why);
      assert_valid (p, s);
      if (isinf (best))
        {
          g_assert_cmpint (ret, ==, -1);
          g_assert_cmpint (why, !=, SD_ROUTE_REASON_NONE);
          g_assert_cmpint (s->n_unassigned, >=, 1);
        }
      else
        {
          int changed = 0;
          g_assert_cmpint (ret, ==, 0);
          g_assert_cmpint (why, ==, SD_ROUTE_REASON_NONE);
          g_assert_cmpfloat (fabs ((s->distance - before_d) - best), <, 1e-9);
          /* only one route changed, by exactly the new stop */
          for (int r = 0; r < s->n_routes; r++)
            {
              const SdRouteRoute *a = &before->routes[r], *b = &s->routes[r];
              if (a->n_stops == b->n_stops)
                {
                  for (int i = 0; i < a->n_stops; i++)
                    g_assert_cmpint (a->stops[i], ==, b->stops[i]);
                  continue;
                }
              changed++;
              g_assert_cmpint (b->n_stops, ==, a->n_stops + 1);
              for (int i = 0, j = 0; i < b->n_stops; i++)
                if (b->stops[i] != late)
                  g_assert_cmpint (b->stops[i], ==, a->stops[j++]);
            }
          g_assert_cmpint (changed, ==, 1);
          n_inserted++;
        }
      /* inserting it again is refused */
      g_assert_cmpint (sd_route_insert_stop (p, s, late, &why), ==, -1);
      sd_route_solution_free (before);
      sd_route_solution_free (s);
      sd_route_problem_free (p);
      g_rand_free (rng);
    }
  g_assert_cmpint (n_inserted, >=, 20);
}

static void
test_insert_reasons (void)
{
  Small m;
  SdRouteProblem *p;
  SdRouteSolution *s;
  SdRouteReason why;

  memset (&m, 0, sizeof m);
  m.cap = 10;
  m.shift_end = 1000;
  for (int i = 0; i < 16; i++)
    {
      m.x[i] = 10 * i;
      m.late[i] = 1000;
      m.demand[i] = 4;
    }
  p = small_problem (&m, 4, 2);   /* 4 stops of 4 on 2 vehicles of 10: both used */
  s = solve_iters (p, 100, 1);
  assert_valid (p, s);
  g_assert_cmpint (s->n_vehicles_used, ==, 2);
  g_assert_cmpint (sd_route_problem_add_stop (p, 5, (int[]) { 4 }), ==, 4);
  g_assert_cmpint (sd_route_insert_stop (p, s, 4, &why), ==, -1);
  g_assert_cmpint (why, ==, SD_ROUTE_REASON_NO_VEHICLE);
  assert_valid (p, s);
  g_assert_cmpint (s->n_unassigned, ==, 1);
  g_assert_cmpint (s->unassigned[0], ==, 4);
  g_assert_cmpint (s->reasons[0], ==, SD_ROUTE_REASON_NO_VEHICLE);
  g_assert_cmpint (sd_route_problem_add_stop (p, 6, (int[]) { 11 }), ==, 5);
  g_assert_cmpint (sd_route_insert_stop (p, s, 5, &why), ==, -1);
  g_assert_cmpint (why, ==, SD_ROUTE_REASON_CAPACITY);
  assert_valid (p, s);
  g_assert_cmpint (sd_route_insert_stop (p, s, 99, &why), ==, -1);
  g_assert_cmpint (why, ==, SD_ROUTE_REASON_INVALID);
  sd_route_solution_free (s);
  sd_route_problem_free (p);
}

/* --- vehicles first ---------------------------------------------------- */

static void
test_minimize_vehicles (void)
{
  RandomSpec spec = { .n_stops = 40, .n_vehicles = 15, .n_dims = 1, .cap = { 50 }, .max_demand = 8,
                      .windows = true };
  SdRouteProblem *p = random_problem (&spec, 9);
  SdRouteOptions o;
  SdRouteSolution *a, *b;

  a = solve_iters (p, 2000, 1);
  sd_route_options_init (&o);
  o.time_limit = 0;
  o.max_iterations = 2000;
  o.minimize_vehicles = true;
  b = sd_route_solve (p, &o);
  assert_valid (p, a);
  assert_valid (p, b);
  g_assert_cmpint (a->n_unassigned, ==, b->n_unassigned);
  g_assert_cmpint (b->n_vehicles_used, <=, a->n_vehicles_used);
  g_assert_cmpfloat (b->distance, >=, a->distance * 0.98);
  sd_route_solution_free (a);
  sd_route_solution_free (b);
  sd_route_problem_free (p);
}

/* --- a shop day: 300 stops, 8 couriers, 2 dimensions, geo matrix ------- */

static void
test_shop_day (void)
{
  int n = 300, nl = n + 1;
  GRand *rng = g_rand_new_with_seed (2024);
  double *lat = g_new (double, nl), *lon = g_new (double, nl);
  SdRouteProblem *p = sd_route_problem_new (nl, 2);
  int cap[2] = { 80, 60 };
  SdRouteOptions o;
  SdRouteSolution *s;
  gint64 t0;
  double secs;

  for (int i = 0; i < nl; i++)
    {
      lat[i] = 31.20 + (i ? g_rand_double_range (rng, -0.08, 0.08) : 0);
      lon[i] = 121.45 + (i ? g_rand_double_range (rng, -0.10, 0.10) : 0);
    }
  g_assert_cmpint (sd_route_problem_set_geo (p, lat, lon, 1.3, 25.0), ==, 0);
  for (int s2 = 0; s2 < n; s2++)
    {
      int dem[2] = { g_rand_int_range (rng, 0, 4), g_rand_int_range (rng, 0, 3) };
      double e = 8 * 3600 + g_rand_double_range (rng, 0, 6 * 3600);
      sd_route_problem_add_stop (p, s2 + 1, dem);
      sd_route_problem_set_stop_service (p, s2, 120);
      if (s2 % 3 == 0)
        sd_route_problem_set_stop_window (p, s2, e, e + 2 * 3600);
    }
  for (int v = 0; v < 8; v++)
    sd_route_problem_add_vehicle (p, cap, 8 * 3600, 19 * 3600);
  sd_route_options_init (&o);
  o.time_limit = 1.0;
  t0 = g_get_monotonic_time ();
  s = sd_route_solve (p, &o);
  secs = (g_get_monotonic_time () - t0) / 1e6;
  assert_valid (p, s);
  g_test_message ("300 stops: %.2f s, %d iterations, %.1f km, %d unassigned",
                  secs, (int) s->iterations, s->distance / 1000, s->n_unassigned);
  g_assert_cmpfloat (secs, <, 4.0);   /* 1 s budget; slack for sanitizers */
  g_assert_cmpint (s->n_unassigned, ==, 0);
  sd_route_solution_free (s);
  sd_route_problem_free (p);
  g_free (lat);
  g_free (lon);
  g_rand_free (rng);
}

/* --- the checker must catch broken solutions --------------------------- */

static void
expect_invalid (const SdRouteProblem *p, const SdRouteSolution *s, const char *what)
{
  char err[256];
  g_assert_cmpint (sd_route_check_solution (p, s, NULL, err, sizeof err), ==, -1);
  g_test_message ("%s: %s", what, err);
  g_assert_cmpstr (err, !=, "");
}

static void
test_checker (void)
{
  RandomSpec spec = { .n_stops = 30, .n_vehicles = 6, .n_dims = 1, .cap = { 40 }, .max_demand = 10,
                      .windows = true, .shift_end = 700 };
  SdRouteProblem *p = random_problem (&spec, 3);
  SdRouteSolution *s = solve_iters (p, 500, 1), *t;
  int a = -1, b = -1;

  assert_valid (p, s);
  for (int r = 0; r < s->n_routes; r++)
    if (s->routes[r].n_stops >= 3)
      {
        if (a < 0)
          a = r;
        else if (b < 0)
          b = r;
      }
  g_assert_cmpint (b, >=, 0);

  t = sd_route_solution_copy (s);   /* served twice */
  t->routes[a].stops[1] = t->routes[a].stops[0];
  expect_invalid (p, t, "duplicate");
  sd_route_solution_free (t);

  t = sd_route_solution_copy (s);   /* missing */
  t->routes[a].n_stops--;
  expect_invalid (p, t, "missing");
  sd_route_solution_free (t);

  t = sd_route_solution_copy (s);   /* wrong total */
  t->distance += 1.0;
  expect_invalid (p, t, "distance");
  sd_route_solution_free (t);

  t = sd_route_solution_copy (s);   /* order reversed: breaks windows (or the distance) */
  for (int i = 0, j = t->routes[a].n_stops - 1; i < j; i++, j--)
    {
      int x = t->routes[a].stops[i];
      t->routes[a].stops[i] = t->routes[a].stops[j];
      t->routes[a].stops[j] = x;
    }
  expect_invalid (p, t, "reversed");
  sd_route_solution_free (t);

  t = sd_route_solution_copy (s);   /* unknown stop */
  t->routes[a].stops[0] = 1000;
  expect_invalid (p, t, "unknown");
  sd_route_solution_free (t);

  t = sd_route_solution_copy (s);   /* served and also listed unassigned */
  if (t->n_unassigned == 0)
    {
      t->unassigned[0] = t->routes[a].stops[0];
      t->reasons[0] = SD_ROUTE_REASON_NO_VEHICLE;
      t->n_unassigned = 1;
      expect_invalid (p, t, "served and unassigned");
    }
  sd_route_solution_free (t);

  sd_route_problem_set_fleet_cap (p, 1);   /* fleet cap */
  expect_invalid (p, s, "fleet cap");
  sd_route_problem_set_fleet_cap (p, 0);
  assert_valid (p, s);

  /* capacity: a problem whose vehicles are smaller */
  {
    RandomSpec tight = spec;
    SdRouteProblem *q;
    tight.cap[0] = 5;
    q = random_problem (&tight, 3);
    expect_invalid (q, s, "capacity");
    sd_route_problem_free (q);
  }
  /* shift end: a problem whose shifts end early */
  {
    RandomSpec early = spec;
    SdRouteProblem *q;
    early.shift_end = 50;
    q = random_problem (&early, 3);
    expect_invalid (q, s, "shift end");
    sd_route_problem_free (q);
  }
  /* prefix: fix a stop that the solution puts elsewhere */
  {
    int st = s->routes[a].stops[0];
    sd_route_problem_set_fixed_prefix (p, b, &st, 1);
    expect_invalid (p, s, "fixed prefix");
    sd_route_problem_set_fixed_prefix (p, b, NULL, 0);
  }
  sd_route_solution_free (s);
  sd_route_problem_free (p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/route/geo", test_geo);
  g_test_add_func ("/route/checker", test_checker);
  g_test_add_func ("/route/solve/random-cvrp", test_random_cvrp);
  g_test_add_func ("/route/solve/random-vrptw", test_random_vrptw);
  g_test_add_func ("/route/solve/infeasible", test_infeasible);
  g_test_add_func ("/route/solve/deterministic", test_deterministic);
  g_test_add_func ("/route/solve/fixed-prefix", test_fixed_prefix);
  g_test_add_func ("/route/solve/minimize-vehicles", test_minimize_vehicles);
  g_test_add_func ("/route/solve/shop-day", test_shop_day);
  g_test_add_func ("/route/insert/brute-force", test_insert_brute_force);
  g_test_add_func ("/route/insert/reasons", test_insert_reasons);
  return g_test_run ();
}
