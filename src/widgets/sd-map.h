/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdMap: the shop's map. The depot, the day's stops (one marker per address, coloured
 * by courier or status, a badge with the count), each courier's route as a line, and a
 * draggable pin for setting an address's location. Tiles come over HTTP with a disk
 * cache (SdTileSource); without them the markers and routes still draw on a plain
 * background under a small notice. All coordinates in and out are WGS-84; when the tiles
 * are GCJ-02 (Chinese providers) points are shifted for display only. No SQL here. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SD_TYPE_MAP (sd_map_get_type ())
G_DECLARE_FINAL_TYPE (SdMap, sd_map, SD, MAP, GtkWidget)

GtkWidget *sd_map_new               (void);

/* url_template like "https://tile.openstreetmap.org/{z}/{x}/{y}.png"; NULL = OSM default
 * (or $SONGDA_TILE_URL when set, which tests use to keep off the network).
 * gcj02: tiles are in GCJ-02, shift WGS-84 points for display.
 * cache_dir NULL = default user cache dir/songda/tiles. */
void       sd_map_set_tiles         (SdMap       *self,
                                     const char  *url_template,
                                     gboolean     gcj02,
                                     const char  *cache_dir);
void       sd_map_set_depot         (SdMap       *self,
                                     double       lat,
                                     double       lon,
                                     const char  *label);
/* Removes the stops and routes (the depot and the pin stay). */
void       sd_map_clear             (SdMap       *self);
/* One marker per address: key = caller's id (e.g. address id); color "#rrggbb"; badge
 * text like "3" (NULL = none); label: shown in a popover when the marker is clicked.
 * Adding a key that is already there replaces that marker. */
void       sd_map_add_stop          (SdMap       *self,
                                     gint64       key,
                                     double       lat,
                                     double       lon,
                                     const char  *color,
                                     const char  *badge,
                                     const char  *label);
void       sd_map_set_stop_selected (SdMap       *self,
                                     gint64       key,
                                     gboolean     selected);
gboolean   sd_map_get_stop_selected (SdMap       *self,
                                     gint64       key);
/* The keys of the selected stops, in the order they were added. */
GArray    *sd_map_get_selected_stops (SdMap      *self);
/* A route line through points (lat,lon pairs: 2*n doubles), in order. */
void       sd_map_add_route         (SdMap       *self,
                                     const char  *color,
                                     const double *latlon,
                                     guint        n_points);
guint      sd_map_get_n_routes      (SdMap       *self);
/* Centres the view on a WGS-84 point at a zoom level (2–19). Cancels a pending fit. */
void       sd_map_go_to             (SdMap       *self,
                                     double       lat,
                                     double       lon,
                                     double       zoom);
/* Shows depot, stops, routes and the pin; waits for the first allocation if needed. */
void       sd_map_zoom_to_fit       (SdMap       *self);

/* Location picking (customer dialog): a draggable pin; clicking the map moves it. */
void       sd_map_set_pick_mode     (SdMap       *self,
                                     gboolean     pick);
gboolean   sd_map_get_pick_mode     (SdMap       *self);
void       sd_map_set_pin           (SdMap       *self,
                                     double       lat,
                                     double       lon);   /* WGS-84 */
void       sd_map_clear_pin         (SdMap       *self);
gboolean   sd_map_get_pin           (SdMap       *self,
                                     double      *lat,
                                     double      *lon);

guint      sd_map_get_n_stops       (SdMap       *self);
/* FALSE while the "no map tiles" notice shows. */
gboolean   sd_map_get_tiles_available (SdMap     *self);

/* Where a WGS-84 point is drawn, in this widget's coordinates; FALSE before the first
 * allocation. */
gboolean   sd_map_location_to_widget (SdMap      *self,
                                      double      lat,
                                      double      lon,
                                      double     *x,
                                      double     *y);
/* As a click on the stop's marker: emits "stop-activated" and shows its popover.
 * FALSE when there is no such stop. */
gboolean   sd_map_activate_stop     (SdMap       *self,
                                     gint64       key);
/* The popover of a stop while it shows, else NULL. */
GtkWidget *sd_map_get_stop_popover  (SdMap       *self,
                                     gint64       key);

/* Signals:
 *   "stop-activated" (gint64 key)   a marker was clicked; its popover shows its label.
 *   "stops-selected" (GArray *keys) Ctrl/Shift-click on markers, or Shift-drag a
 *                                   rectangle: the gint64 keys now selected.
 *   "pin-moved" (double lat, double lon) the user placed or dragged the pin (WGS-84). */

G_END_DECLS
