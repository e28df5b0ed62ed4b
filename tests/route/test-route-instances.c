/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-route-instances.c: parse shared CVRPLIB / Solomon instances, solve them
 * on a small iteration budget and check feasibility and the gap to the
 * best-known cost; parser error handling. Skips when the instances are absent. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "route-test-util.h"

#ifndef SD_VRP_DIR
#define SD_VRP_DIR "../shared/vrp"
#endif

static char *
vrp_path (const char *rel)
{
  const char *dir = g_getenv ("SD_VRP_DIR");
  return g_build_filename (dir ? dir : SD_VRP_DIR, "instances", rel, NULL);
}

static SdRouteInstance *
load (const char *rel)
{
  g_autofree char *path = vrp_path (rel);
  g_autofree char *text = NULL;
  gsize len;
  char err[256];
  SdRouteInstance *in;

  if (!g_file_get_contents (path, &text, &len, NULL))
    {
      g_test_skip_printf ("instance %s not found", path);
      return NULL;
    }
  in = sd_route_instance_parse (text, len, err, sizeof err);
  if (!in)
    g_error ("cannot parse %s: %s", path, err);
  return in;
}

typedef struct {
  const char *file;
  double bks;
  int vehicles;        /* fleet (0: the file's / unlimited) */
  long iterations;
  double max_gap;      /* percent */
} Case;

static void
run_case (gconstpointer data)
{
  const Case *k = data;
  SdRouteInstance *in = load (k->file);
  SdRouteProblem *p;
  SdRouteSolution *s;
  double gap;

  if (!in)
    return;
  p = sd_route_instance_to_problem (in, in->kind == SD_ROUTE_INSTANCE_CVRP ? SD_ROUTE_DISTANCE_NINT
                                                                           : SD_ROUTE_DISTANCE_EXACT,
                                    k->vehicles);
  g_assert_nonnull (p);
  s = solve_iters (p, k->iterations, 1);
  assert_valid (p, s);
  g_assert_cmpint (s->n_unassigned, ==, 0);
  if (k->vehicles > 0)
    g_assert_cmpint (s->n_vehicles_used, <=, k->vehicles);
  gap = 100.0 * (s->distance - k->bks) / k->bks;
  g_test_message ("%s: %.2f (bks %.2f, gap %.2f %%, %d vehicles)", k->file, s->distance, k->bks, gap,
                  s->n_vehicles_used);
  g_assert_cmpfloat (gap, >=, -0.01);
  g_assert_cmpfloat (gap, <=, k->max_gap);
  sd_route_solution_free (s);
  sd_route_problem_free (p);
  sd_route_instance_free (in);
}

static const Case cases[] = {
  { "cvrp/A-n32-k5.vrp", 784, 5, 20000, 5.0 },
  { "cvrp/E-n51-k5.vrp", 521, 5, 15000, 5.0 },
  { "cvrp/P-n16-k8.vrp", 450, 8, 5000, 3.0 },   /* tight: 8 routes for 15 customers */
  { "cvrp/X-n101-k25.vrp", 27591, 0, 8000, 6.0 },
  { "vrptw/C101.txt", 828.94, 0, 5000, 5.0 },
  { "vrptw/R101.txt", 1642.88, 0, 8000, 5.0 },
  { "vrptw/RC201.txt", 1265.56, 0, 8000, 8.0 },
};

static void
test_parse_cvrp (void)
{
  SdRouteInstance *in = load ("cvrp/A-n32-k5.vrp");
  SdRouteProblem *p;
  int total = 0;

  if (!in)
    return;
  g_assert_cmpint (in->kind, ==, SD_ROUTE_INSTANCE_CVRP);
  g_assert_cmpstr (in->name, ==, "A-n32-k5");
  g_assert_cmpint (in->n_customers, ==, 31);
  g_assert_cmpint (in->capacity, ==, 100);
  g_assert_cmpfloat (in->x[0], ==, 82);
  g_assert_cmpfloat (in->y[0], ==, 76);
  g_assert_cmpint (in->demand[0], ==, 0);
  g_assert_cmpint (in->demand[1], ==, 19);   /* node 2 */
  for (int i = 1; i <= 31; i++)
    total += in->demand[i];
  g_assert_cmpint (total, ==, 410);
  p = sd_route_instance_to_problem (in, SD_ROUTE_DISTANCE_NINT, 5);
  /* depot (82,76) to node 2 (96,44): sqrt(1220) = 34.93 -> 35 */
  g_assert_cmpfloat (sd_route_problem_get_distance (p, 0, 1), ==, 35.0);
  g_assert_cmpint (sd_route_problem_get_n_stops (p), ==, 31);
  g_assert_cmpint (sd_route_problem_get_n_vehicles (p), ==, 5);
  sd_route_problem_free (p);
  p = sd_route_instance_to_problem (in, SD_ROUTE_DISTANCE_EXACT, 0);
  g_assert_cmpfloat (fabs (sd_route_problem_get_distance (p, 0, 1) - sqrt (1220.0)), <, 1e-12);
  g_assert_cmpint (sd_route_problem_get_n_vehicles (p), ==, 31);
  sd_route_problem_free (p);
  sd_route_instance_free (in);
}

static void
test_parse_solomon (void)
{
  SdRouteInstance *in = load ("vrptw/C101.txt");

  if (!in)
    return;
  g_assert_cmpint (in->kind, ==, SD_ROUTE_INSTANCE_VRPTW);
  g_assert_cmpstr (in->name, ==, "C101");
  g_assert_cmpint (in->n_customers, ==, 100);
  g_assert_cmpint (in->fleet, ==, 25);
  g_assert_cmpint (in->capacity, ==, 200);
  g_assert_cmpfloat (in->due[0], ==, 1236);
  g_assert_cmpfloat (in->ready[1], ==, 912);
  g_assert_cmpfloat (in->due[1], ==, 967);
  g_assert_cmpfloat (in->service[1], ==, 90);
  sd_route_instance_free (in);
}

static void
test_parse_errors (void)
{
  static const char *bad[] = {
    "",
    "hello world\n",
    "NAME : x\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EXPLICIT\nCAPACITY : 10\n"
    "NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 2\nDEMAND_SECTION\n1 0\n2 1\n3 1\nDEPOT_SECTION\n1\n-1\nEOF\n",
    "NAME : x\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
    "NODE_COORD_SECTION\n1 0 0\n2 1 1\nDEMAND_SECTION\n1 0\n2 1\nDEPOT_SECTION\n1\n-1\nEOF\n",
    "NAME : x\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
    "NODE_COORD_SECTION\n1 0 zero\n2 1 1\nDEMAND_SECTION\n1 0\n2 1\nDEPOT_SECTION\n1\n-1\nEOF\n",
    "R1\n\nVEHICLE\nNUMBER CAPACITY\n 25 200\n\nCUSTOMER\nCUST NO. X Y\n 0 1 2 0 0 100\n",
    "R1\n\nVEHICLE\nNUMBER CAPACITY\n 25 200\n\nCUSTOMER\n 0 1 2 0 0 100 0\n 5 1 2 3 0 100 0\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char err[128] = "";
      SdRouteInstance *in = sd_route_instance_parse (bad[i], strlen (bad[i]), err, sizeof err);
      g_test_message ("case %u: %s", i, err);
      g_assert_null (in);
      g_assert_cmpstr (err, !=, "");
    }
  {
    const char *ok = "NAME : tiny\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
                     "NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 4\n3 5\n"
                     "DEPOT_SECTION\n1\n-1\nEOF\n";
    char err[128];
    SdRouteInstance *in = sd_route_instance_parse (ok, strlen (ok), err, sizeof err);
    SdRouteProblem *p;
    SdRouteSolution *s;
    g_assert_nonnull (in);
    p = sd_route_instance_to_problem (in, SD_ROUTE_DISTANCE_NINT, 0);
    s = solve_iters (p, 50, 1);
    assert_valid (p, s);
    g_assert_cmpfloat (s->distance, ==, 20.0);   /* one route 0-5-10-back */
    sd_route_solution_free (s);
    sd_route_problem_free (p);
    sd_route_instance_free (in);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/route/instances/parse-cvrp", test_parse_cvrp);
  g_test_add_func ("/route/instances/parse-solomon", test_parse_solomon);
  g_test_add_func ("/route/instances/parse-errors", test_parse_errors);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/route/instances/solve/%s", cases[i].file);
      g_test_add_data_func (name, &cases[i], run_case);
    }
  return g_test_run ();
}
