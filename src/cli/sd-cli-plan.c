/* SPDX-License-Identifier: GPL-3.0-or-later */
/* songda-cli plan: plan a day's deliveries as the dispatch board's "Optimise" does and
 * save the plan; one line a courier (name, stops, load/capacity, km, back at), then one a
 * stop left without a courier (customer, why). Optionally the route sheets as PDF.
 * Exit status: 0 every stop placed, 3 some left unassigned, 1 failed, 2 the database
 * cannot be opened. */
#define G_LOG_DOMAIN "songda-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-catalog.h"
#include "sd-cli.h"
#include "sd-dispatch.h"
#include "sd-doc-dispatch.h"

enum { PLAN_CANNOT_OPEN = 2, PLAN_UNASSIGNED = 3 };

int
sd_cli_plan (int    argc,
             char **argv)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDispatchPlan) plan = NULL;
  g_autoptr(GArray) couriers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *date = NULL;
  g_autofree char *sheets = NULL;
  g_auto(GStrv) courier_ids = NULL;
  double seconds = 2.0;
  int seed = 1;
  SdDispatchDay *day;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The shop database"), N_("PATH") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day to plan (default: tomorrow)"), N_("YYYY-MM-DD") },
    { "courier", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &courier_ids,
      N_("A courier who delivers (repeat; default: every active courier)"), N_("ID") },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, N_("Time for the route planner (default 2)"), N_("S") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the route planner"), N_("N") },
    { "sheets", 0, 0, G_OPTION_ARG_FILENAME, &sheets, N_("Also write each courier’s route sheet (PDF) here"),
      N_("FOLDER") },
    { NULL }
  };

  if (!sd_cli_parse_options (NULL,
                              _("Plan a day’s deliveries over the couriers, save the routes "
                                "and print them. Exit status: 0 every stop placed, 3 some "
                                "left without a courier, 1 failed, 2 the database cannot be "
                                "opened."),
                              entries, &argc, &argv))
    return SD_CLI_USAGE;
  if (argc > 1 || seconds <= 0 || seconds > 600)
    {
      g_printerr (_("songda-cli: plan takes only its options; --seconds between 0 and 600\n"));
      return SD_CLI_USAGE;
    }

  path = sd_cli_database_path (database);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("songda-cli: there is no database at %s\n"), path);
      return PLAN_CANNOT_OPEN;
    }
  store = sd_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return PLAN_CANNOT_OPEN;
    }
  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
      date = g_date_time_format (tomorrow, "%Y-%m-%d");
    }
  if (courier_ids != NULL)
    for (guint i = 0; courier_ids[i]; i++)
      {
        gint64 id = g_ascii_strtoll (courier_ids[i], NULL, 10);
        g_array_append_val (couriers, id);
      }
  else
    {
      g_autoptr(GPtrArray) list = sd_store_list_couriers (store, FALSE, &error);
      for (guint i = 0; list && i < list->len; i++)
        g_array_append_val (couriers, ((SdCourier *) g_ptr_array_index (list, i))->id);
    }

  plan = sd_dispatch_plan_prepare (store, date, (const gint64 *) (gpointer) couriers->data, couriers->len,
                                   seconds, (guint64) MAX (seed, 1), &error);
  if (plan == NULL || !sd_dispatch_plan_solve (plan, NULL, &error) ||
      !sd_store_save_dispatch_plan (store, plan, "songda-cli", &error))
    {
      g_printerr ("songda-cli: %s\n", error->message);
      return SD_CLI_FAILED;
    }
  {
    const char *reason = NULL;
    sd_dispatch_plan_get_matrix_source (plan, &reason);
    if (reason != NULL)
      g_printerr ("songda-cli: %s\n", reason);
  }

  day = sd_dispatch_plan_get_day (plan);
  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);
      g_autofree char *back = sd_dispatch_format_time_of_day (route->finish_s);

      if (route->stops->len == 0)
        continue;
      g_print ("%s\t%u\t%d/%d\t%.1f km\t%s\n", route->name, route->stops->len, route->load, route->capacity,
               route->distance_m / 1000.0, back);
    }
  for (guint i = 0; i < day->unassigned->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->unassigned, i);
      g_print ("-\t%s\t%s\n", stop->customer, sd_dispatch_unplanned_label (stop->unplanned));
    }

  if (sheets != NULL)
    {
      g_autoptr(GPtrArray) written = sd_doc_write_route_sheets (store, date, sheets, &error);
      if (written == NULL)
        {
          g_printerr ("songda-cli: %s\n", error->message);
          return SD_CLI_FAILED;
        }
      for (guint i = 0; i < written->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (written, i));
    }
  return day->unassigned->len > 0 ? PLAN_UNASSIGNED : SD_CLI_OK;
}
