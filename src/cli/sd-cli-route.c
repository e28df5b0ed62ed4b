/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-cli-route.c: `songda-cli route --instance FILE`: reads a CVRPLIB (.vrp,
 * EUC_2D) or Solomon VRPTW instance, solves it with the route library and
 * prints {"routes": [[ids...], ...], "cost": X} on stdout. */
#include "config.h"

#include "sd-cli-route.h"

#include <glib.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sd-route.h"

/* CVRPLIB A, E and P instances are solved with exactly the k of their name
 * ("A-n32-k5" -> 5); returns 0 when the name does not follow that pattern. */
static int
fleet_from_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *k;
  char *end;
  long n;

  if (!(base[0] == 'A' || base[0] == 'E' || base[0] == 'P') || base[1] != '-' || base[2] != 'n')
    return 0;
  k = strstr (base, "-k");
  if (!k)
    return 0;
  n = strtol (k + 2, &end, 10);
  if (end == k + 2 || n <= 0 || n > 100000 || !(*end == '\0' || *end == '.'))
    return 0;
  return (int) n;
}

int
sd_cli_route (int argc, char **argv)
{
  g_autofree char *instance = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) args = NULL;
  double time_limit = 1.0;
  int vehicles = 0;
  gint64 seed = 1, iterations = 0;
  gboolean min_vehicles = FALSE;
  gsize len = 0;
  char err[256];
  SdRouteInstance *inst = NULL;
  SdRouteProblem *prob = NULL;
  SdRouteSolution *sol = NULL;
  SdRouteOptions opt;
  GString *out;
  double checked;
  int status = 1;
  int n_veh;
  bool nint;
  const GOptionEntry entries[] = {
    { "instance", 'i', 0, G_OPTION_ARG_FILENAME, &instance,
      N_("Instance file (CVRPLIB .vrp or Solomon VRPTW .txt)"), N_("FILE") },
    { "time-limit", 't', 0, G_OPTION_ARG_DOUBLE, &time_limit,
      N_("Time limit in seconds (default 1)"), N_("S") },
    { "vehicles", 'v', 0, G_OPTION_ARG_INT, &vehicles,
      N_("Maximum number of vehicles (default: k of A/E/P file names, the file's fleet for Solomon, no cap otherwise)"),
      N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (default 1)"), N_("N") },
    { "iterations", 0, 0, G_OPTION_ARG_INT64, &iterations,
      N_("Stop after N iterations (default: no cap)"), N_("N") },
    { "minimize-vehicles", 0, 0, G_OPTION_ARG_NONE, &min_vehicles,
      N_("Use as few vehicles as possible, then minimise distance"), NULL },
    { NULL }
  };

  ctx = g_option_context_new (_("- plan routes for a benchmark instance"));
  g_option_context_set_summary (ctx,
    _("Prints {\"routes\": [[customer ids], ...], \"cost\": X} on standard output. "
      "Exit status 2 when some customers could not be served."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  args = g_new0 (char *, (gsize) argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (ctx, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!instance)
    {
      g_printerr (_("--instance is required\n"));
      return 1;
    }
  if (time_limit < 0 || iterations < 0 || (time_limit == 0 && iterations == 0))
    {
      g_printerr (_("Invalid --time-limit or --iterations: give a positive time limit or iteration count\n"));
      return 1;
    }
  if (vehicles < 0)
    {
      g_printerr (_("Invalid --vehicles: must be at least 1\n"));
      return 1;
    }
  if (!g_file_get_contents (instance, &text, &len, &error))
    {
      g_printerr (_("Cannot read %s: %s\n"), instance, error->message);
      return 1;
    }
  inst = sd_route_instance_parse (text, len, err, sizeof err);
  if (!inst)
    {
      g_printerr (_("Cannot parse %s: %s\n"), instance, err);
      return 1;
    }

  nint = inst->kind == SD_ROUTE_INSTANCE_CVRP;
  n_veh = vehicles;
  if (n_veh == 0 && nint)
    n_veh = fleet_from_name (instance);
  prob = sd_route_instance_to_problem (inst, nint ? SD_ROUTE_DISTANCE_NINT : SD_ROUTE_DISTANCE_EXACT, n_veh);
  if (!prob)
    {
      g_printerr (_("Out of memory\n"));
      goto done;
    }
  sd_route_options_init (&opt);
  opt.seed = (uint64_t) seed;
  opt.time_limit = time_limit;
  opt.max_iterations = (long) iterations;
  opt.minimize_vehicles = min_vehicles;
  sol = sd_route_solve (prob, &opt);
  if (!sol)
    {
      g_printerr (_("The solver failed on %s\n"), instance);
      goto done;
    }
  if (sd_route_check_solution (prob, sol, &checked, err, sizeof err) != 0)
    {
      g_printerr (_("Internal error: the solution does not pass the checker: %s\n"), err);
      goto done;
    }

  out = g_string_new ("{\"routes\": [");
  {
    gboolean first = TRUE;
    for (int r = 0; r < sol->n_routes; r++)
      {
        const SdRouteRoute *rt = &sol->routes[r];
        if (rt->n_stops == 0)
          continue;
        g_string_append (out, first ? "[" : ", [");
        first = FALSE;
        for (int i = 0; i < rt->n_stops; i++)
          g_string_append_printf (out, i ? ", %d" : "%d", rt->stops[i] + 1);
        g_string_append_c (out, ']');
      }
  }
  g_string_append (out, "], \"cost\": ");
  if (nint)
    g_string_append_printf (out, "%.0f", sol->distance);
  else
    g_string_append_printf (out, "%.6f", sol->distance);
  if (sol->n_unassigned > 0)
    {
      g_string_append (out, ", \"unassigned\": [");
      for (int i = 0; i < sol->n_unassigned; i++)
        g_string_append_printf (out, i ? ", %d" : "%d", sol->unassigned[i] + 1);
      g_string_append_c (out, ']');
    }
  g_string_append_printf (out, ", \"vehicles\": %d, \"iterations\": %ld}\n",
                          sol->n_vehicles_used, sol->iterations);
  fputs (out->str, stdout);
  fflush (stdout);
  g_string_free (out, TRUE);
  if (sol->n_unassigned > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%d customer could not be served\n",
                               "%d customers could not be served\n", (gulong) sol->n_unassigned),
                  sol->n_unassigned);
      status = 2;
    }
  else
    status = 0;

done:
  sd_route_solution_free (sol);
  sd_route_problem_free (prob);
  sd_route_instance_free (inst);
  return status;
}
