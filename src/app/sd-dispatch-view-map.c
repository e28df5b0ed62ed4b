/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dispatch board's map: every stop in its courier's colour with its place on the
 * route, a line per route, and selection shared with the columns. */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include "sd-dispatch-view-private.h"
#include "sd-map-setup.h"

/* --- the map -------------------------------------------------------------------------------- */

static void
select_keys (SdDispatchView *self,
             GArray         *keys,
             gboolean        only)
{
  self->rebuilding = TRUE;
  if (only)
    for (guint i = 0; i < self->lists->len; i++)
      gtk_list_box_unselect_all (g_ptr_array_index (self->lists, i));
  for (guint i = 0; i < keys->len; i++)
    {
      GtkListBoxRow *row = g_hash_table_lookup (self->rows, &g_array_index (keys, gint64, i));
      if (row != NULL)
        gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
    }
  self->rebuilding = FALSE;
  _sd_dispatch_view_update_actions (self);
}

/* Ctrl/Shift-click or a Shift-drag on the map: exactly those stops are selected. */
static void
on_map_stops_selected (SdMap          *map,
                       GArray         *keys,
                       SdDispatchView *self)
{
  select_keys (self, keys, TRUE);
}

/* A plain click on a marker: that stop alone, focused in its column. */
static void
on_map_stop_activated (SdMap          *map,
                       gint64          key,
                       SdDispatchView *self)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkListBoxRow *row;

  g_array_append_val (keys, key);
  select_keys (self, keys, TRUE);
  row = g_hash_table_lookup (self->rows, &key);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  _sd_dispatch_view_sync_map_selection (self);
}

/* The lists' selection, shown on the map. */
void
_sd_dispatch_view_sync_map_selection (SdDispatchView *self)
{
  GHashTableIter iter;
  gpointer key, row;

  if (self->map == NULL)
    return;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    sd_map_set_stop_selected (self->map, *(gint64 *) key, gtk_list_box_row_is_selected (row));
}

void
_sd_dispatch_view_fill_map (SdDispatchView *self,
          gboolean        fit)
{
  SdDispatchDay *day = self->data;

  if (self->map == NULL || day == NULL)
    return;
  sd_map_clear (self->map);
  for (guint r = 0; r < day->routes->len; r++)
    {
      SdDispatchRoute *route = g_ptr_array_index (day->routes, r);
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

      if (route->stops->len == 0)
        continue;
      if (day->has_depot)
        {
          g_array_append_val (points, day->depot_lat);
          g_array_append_val (points, day->depot_lon);
        }
      for (guint i = 0; i < route->stops->len; i++)
        {
          SdDispatchStop *stop = g_ptr_array_index (route->stops, i);
          if (!stop->has_location)
            continue;
          g_array_append_val (points, stop->lat);
          g_array_append_val (points, stop->lon);
        }
      if (day->has_depot)
        {
          g_array_append_val (points, day->depot_lat);
          g_array_append_val (points, day->depot_lon);
        }
      sd_map_add_route (self->map, route->color, (const double *) (gpointer) points->data, points->len / 2);
    }
  for (guint i = 0; i < day->stops->len; i++)
    {
      SdDispatchStop *stop = g_ptr_array_index (day->stops, i);
      SdDispatchRoute *route = stop->courier_id ? sd_dispatch_day_find_route (day, stop->courier_id) : NULL;
      g_autofree char *badge = route ? g_strdup_printf ("%d", stop->seq + 1) : NULL;
      g_autofree char *label = g_strdup_printf ("%s\n%s\n%s", stop->customer, stop->address, stop->items);

      if (stop->has_location)
        sd_map_add_stop (self->map, stop->key, stop->lat, stop->lon, route ? route->color : "#9a9996",
                         badge, label);
    }
  _sd_dispatch_view_sync_map_selection (self);
  if (fit)
    sd_map_zoom_to_fit (self->map);
}

/* The map is made when the board is first shown: other areas never load tiles for it. */
void
_sd_dispatch_view_ensure_map (SdDispatchView *self)
{
  if (self->map != NULL || self->store == NULL)
    return;
  self->map = SD_MAP (sd_map_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->map), TRUE);
  sd_map_setup_from_store (self->map, self->store);
  g_signal_connect (self->map, "stops-selected", G_CALLBACK (on_map_stops_selected), self);
  g_signal_connect (self->map, "stop-activated", G_CALLBACK (on_map_stop_activated), self);
  gtk_box_append (self->map_box, GTK_WIDGET (self->map));
}

