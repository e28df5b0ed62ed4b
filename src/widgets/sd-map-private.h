/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdMap's insides, shared by sd-map.c (layers, markers, API) and sd-map-input.c (clicks,
 * drags and the selection rectangle). */
#pragma once

#include <shumate/shumate.h>

#include "sd-map.h"
#include "sd-map-marker.h"
#include "sd-tile-source.h"

G_BEGIN_DECLS

typedef struct {
  gint64         key;
  double         lat;      /* WGS-84 */
  double         lon;
  ShumateMarker *marker;
  SdMapDot      *dot;
} Stop;

typedef struct {
  GdkRGBA           color;
  GArray           *points;  /* double lat, lon pairs, WGS-84 */
  ShumatePathLayer *layer;
} Route;

struct _SdMap
{
  GtkWidget           parent_instance;

  GtkWidget          *overlay;
  ShumateMap         *map;
  ShumateViewport    *viewport;
  SdTileSource       *source;
  ShumateMapLayer    *tile_layer;
  ShumateMarkerLayer *stop_layer;
  ShumateMarkerLayer *top_layer;     /* the depot, above the stops */
  ShumateMarkerLayer *pin_layer;     /* the pin, above everything */
  GtkWidget          *notice;
  GtkWidget          *retry_button;
  char               *url_template;  /* what the tiles were set up with, for a retry */
  char               *cache_dir;
  guint               retry_timer;
  GtkWidget          *attribution;

  gboolean            gcj02;
  guint               failures_in_row;
  gboolean            tiles_available;

  GPtrArray          *stops;         /* Stop*, in the order added */
  GHashTable         *stop_by_key;   /* gint64* → Stop* */
  GPtrArray          *routes;        /* Route* */

  gboolean            has_depot;
  double              depot_lat;
  double              depot_lon;
  ShumateMarker      *depot_marker;
  SdMapDot           *depot_dot;

  gboolean            pick_mode;
  gboolean            has_pin;
  double              pin_lat;
  double              pin_lon;
  ShumateMarker      *pin_marker;
  SdMapDot           *pin_dot;
  gboolean            pin_dragging;
  double              drag_x;        /* pin position in map coordinates at drag start */
  double              drag_y;

  gboolean            banding;       /* Shift-drag selection rectangle */
  double              band_x0;
  double              band_y0;
  double              band_x1;
  double              band_y1;

  gboolean            fit_pending;   /* zoom to fit at the first allocation */
  gboolean            go_pending;    /* or go to go_x, go_y (Mercator units) at go_zoom */
  double              go_x;
  double              go_y;
  double              go_zoom;
};

enum { SIGNAL_STOP_ACTIVATED, SIGNAL_STOPS_SELECTED, SIGNAL_PIN_MOVED, _SD_MAP_N_SIGNALS };
extern guint _sd_map_signals[_SD_MAP_N_SIGNALS];

/* A WGS-84 point onto a marker, shifted to the tiles' datum. */
void _sd_map_place_marker       (SdMap         *self,
                                 ShumateMarker *marker,
                                 double         lat,
                                 double         lon);
/* ShumateMap widget coordinates → WGS-84. */
void _sd_map_point_to_location  (SdMap         *self,
                                 double         x,
                                 double         y,
                                 double        *lat,
                                 double        *lon);
/* sd-map-input.c: the map's gestures, and clicks on a stop or the depot. */
void _sd_map_setup_input        (SdMap         *self);
void _sd_map_watch_marker       (SdMap         *self,
                                 GtkWidget     *dot);

G_END_DECLS
