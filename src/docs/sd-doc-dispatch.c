/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bridge from the dispatch board's route data (src/core/sd-dispatch) to the route sheet
 * drawing (sd-doc-route.c): the core gathers, this module prints. */
#define G_LOG_DOMAIN "songda-docs"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sd-dispatch.h"
#include "sd-doc-dispatch.h"
#include "sd-docs.h"

static void
stop_free (SdRouteSheetStop *s)
{
  g_free (s->customer);
  g_free (s->phone);
  g_free (s->address);
  g_free (s->instructions);
  g_free (s->items);
  g_free (s->window);
  g_free (s);
}

GBytes *
sd_doc_render_dispatch_route (SdStore    *store,
                              const char *date,
                              gint64      courier_id,
                              GError    **error)
{
  g_autoptr(SdRouteSheetData) data = NULL;
  g_autoptr(GPtrArray) stops = NULL;
  SdRouteSheet sheet;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  data = sd_store_route_sheet_data (store, date, courier_id, error);
  if (data == NULL)
    return NULL;
  stops = g_ptr_array_new_with_free_func ((GDestroyNotify) stop_free);
  for (guint i = 0; i < data->rows->len; i++)
    {
      const SdRouteSheetRow *row = g_ptr_array_index (data->rows, i);
      SdRouteSheetStop *s = g_new0 (SdRouteSheetStop, 1);

      s->seq = row->seq;
      s->customer = g_strdup (row->customer);
      s->phone = g_strdup (row->phone);
      s->address = g_strdup (row->address);
      s->instructions = g_strdup (row->instructions);
      s->items = g_strdup (row->items);
      s->collect_fen = row->collect_fen;
      s->tickets = row->tickets;
      s->empties = row->empties;
      /* the promised window, and when the plan expects the courier there */
      s->window = *row->window && *row->arrival ? g_strdup_printf ("%s (%s)", row->window, row->arrival)
                : *row->arrival ? g_strdup (row->arrival) : g_strdup (row->window);
      s->lat = row->lat;
      s->lon = row->lon;
      g_ptr_array_add (stops, s);
    }
  sheet = (SdRouteSheet) {
    .date = data->date, .courier = data->courier, .color = data->color,
    .depot_lat = data->depot_lat, .depot_lon = data->depot_lon, .stops = stops,
    .distance_km = data->distance_km, .start_time = data->start_time,
    .finish_time = data->finish_time,
  };
  return sd_doc_render_route_sheet (&sheet, store, error);
}

GPtrArray *
sd_doc_write_route_sheets (SdStore    *store,
                           const char *date,
                           const char *directory,
                           GError    **error)
{
  g_autoptr(SdDispatchDay) day = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  day = sd_store_load_dispatch_day (store, date, error);
  if (day == NULL)
    return NULL;
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SD_DOC_ERROR, SD_DOC_ERROR_FAILED, _("Could not create the folder “%s”: %s"),
                   directory, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < day->routes->len; i++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, i);
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (route->stops->len == 0)
        continue;
      pdf = sd_doc_render_dispatch_route (store, day->date, route->courier_id, error);
      if (pdf == NULL)
        return NULL;
      {
        g_autofree char *clean = g_strdelimit (g_strdup (route->name), "/\\:", '_');
        name = g_strdup_printf ("%s-%s.pdf", day->date, clean);
      }
      path = g_build_filename (directory, name, NULL);
      if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), error))
        return NULL;
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  return g_steal_pointer (&paths);
}
