/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <shumate/shumate.h>

#include "sd-geo.h"
#include "sd-map.h"
#include "sd-map-private.h"
#include "sd-tile-source.h"

/* Failed tiles in a row, with none loaded in between, before the notice shows. */
#define FAILURES_FOR_NOTICE 2
#define FIT_PADDING 56
#define ROUTE_WIDTH 4.0

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

  gboolean            fit_pending;
};

G_DEFINE_FINAL_TYPE (SdMap, sd_map, GTK_TYPE_WIDGET)

enum { STOP_ACTIVATED, STOPS_SELECTED, PIN_MOVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
stop_free (Stop *stop)
{
  g_clear_object (&stop->marker);
  g_free (stop);
}

static void
route_free (Route *route)
{
  g_array_unref (route->points);
  g_free (route);
}

/* ---- coordinates: stored WGS-84, drawn in the tiles' datum ---- */

static void
to_display (SdMap *self, double lat, double lon, double *d_lat, double *d_lon)
{
  if (self->gcj02)
    sd_geo_wgs84_to_gcj02 (lat, lon, d_lat, d_lon);
  else
    *d_lat = lat, *d_lon = lon;
}

static void
from_display (SdMap *self, double d_lat, double d_lon, double *lat, double *lon)
{
  if (self->gcj02)
    sd_geo_gcj02_to_wgs84 (d_lat, d_lon, lat, lon);
  else
    *lat = d_lat, *lon = d_lon;
}

static void
place_marker (SdMap *self, ShumateMarker *marker, double lat, double lon)
{
  double d_lat, d_lon;

  to_display (self, lat, lon, &d_lat, &d_lon);
  shumate_location_set_location (SHUMATE_LOCATION (marker), d_lat, d_lon);
}

/* Map-widget coordinates → WGS-84. */
static void
map_point_to_location (SdMap *self, double x, double y, double *lat, double *lon)
{
  double d_lat, d_lon;

  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map), x, y,
                                              &d_lat, &d_lon);
  from_display (self, d_lat, d_lon, lat, lon);
}

/* ---- tiles ---- */

static void
set_tiles_available (SdMap *self, gboolean available)
{
  if (self->tiles_available == available)
    return;
  self->tiles_available = available;
  gtk_widget_set_visible (self->notice, !available);
}

static void
on_tile_result (SdMap *self, gboolean ok)
{
  if (ok)
    {
      self->failures_in_row = 0;
      set_tiles_available (self, TRUE);
    }
  else if (++self->failures_in_row >= FAILURES_FOR_NOTICE)
    set_tiles_available (self, FALSE);
}

/* ---- markers ---- */

static Stop *
stop_for_dot (SdMap *self, SdMapDot *dot)
{
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      if (stop->dot == dot)
        return stop;
    }
  return NULL;
}

static void
emit_selection (SdMap *self)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      if (sd_map_dot_get_selected (stop->dot))
        g_array_append_val (keys, stop->key);
    }
  g_signal_emit (self, signals[STOPS_SELECTED], 0, keys);
}

static void
on_dot_pressed (GtkGestureClick *gesture, int n_press, double x, double y, gpointer user_data)
{
  /* The click is the marker's: the map below must not start a pan or drop the pin. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_dot_released (GtkGestureClick *gesture, int n_press, double x, double y, SdMap *self)
{
  SdMapDot *dot = SD_MAP_DOT (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  GdkModifierType state = gtk_event_controller_get_current_event_state (
                            GTK_EVENT_CONTROLLER (gesture));
  Stop *stop;

  if (dot == self->depot_dot)
    {
      sd_map_dot_show_popover (dot);
      return;
    }
  stop = stop_for_dot (self, dot);
  if (stop == NULL)
    return;
  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    {
      sd_map_dot_set_selected (dot, !sd_map_dot_get_selected (dot));
      emit_selection (self);
      return;
    }
  sd_map_activate_stop (self, stop->key);
}

static ShumateMarker *
new_marker (SdMap *self, SdMapDot **out_dot, SdMapDotKind kind)
{
  ShumateMarker *marker = g_object_ref_sink (shumate_marker_new ());
  GtkWidget *dot = sd_map_dot_new (kind);

  shumate_marker_set_selectable (marker, FALSE);
  shumate_marker_set_child (marker, dot);
  if (kind != SD_MAP_DOT_PIN)
    {
      GtkGesture *click = gtk_gesture_click_new ();

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
      g_signal_connect (click, "pressed", G_CALLBACK (on_dot_pressed), NULL);
      g_signal_connect (click, "released", G_CALLBACK (on_dot_released), self);
      gtk_widget_add_controller (dot, GTK_EVENT_CONTROLLER (click));
      gtk_widget_set_cursor_from_name (dot, "pointer");
    }
  *out_dot = SD_MAP_DOT (dot);
  return marker;
}

/* ---- the pin ---- */

/* The drag is watched from the map as a whole (capture phase): a gesture on the pin itself
 * would measure the pointer against a widget that moves with it. */
static void
on_pin_drag_begin (GtkGestureDrag *gesture, double x, double y, SdMap *self)
{
  GtkWidget *hit = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  if (!self->pick_mode || !self->has_pin || hit == NULL ||
      (hit != GTK_WIDGET (self->pin_dot) &&
       !gtk_widget_is_ancestor (hit, GTK_WIDGET (self->pin_dot))))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->pin_dragging = TRUE;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  sd_map_location_to_widget (self, self->pin_lat, self->pin_lon, &self->drag_x, &self->drag_y);
}

static void
move_pin_by_drag (SdMap *self, double dx, double dy)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (self->drag_x + dx, self->drag_y + dy), out;
  double lat, lon;

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->map), &in, &out))
    return;
  map_point_to_location (self, out.x, out.y, &lat, &lon);
  self->pin_lat = lat;
  self->pin_lon = lon;
  place_marker (self, self->pin_marker, lat, lon);
}

static void
on_pin_drag_update (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  if (self->pin_dragging)
    move_pin_by_drag (self, dx, dy);
}

static void
on_pin_drag_end (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  /* Also called when drag-begin turned the gesture down. */
  if (!self->pin_dragging)
    return;
  self->pin_dragging = FALSE;
  move_pin_by_drag (self, dx, dy);
  g_signal_emit (self, signals[PIN_MOVED], 0, self->pin_lat, self->pin_lon);
}

/* A click on the map itself, in pick mode, puts the pin there. */
static void
on_map_released (GtkGestureClick *gesture, int n_press, double x, double y, SdMap *self)
{
  double lat, lon;

  if (!self->pick_mode || n_press != 1)
    return;
  map_point_to_location (self, x, y, &lat, &lon);
  sd_map_set_pin (self, lat, lon);
  g_signal_emit (self, signals[PIN_MOVED], 0, self->pin_lat, self->pin_lon);
}

/* ---- the selection rectangle ---- */

static void
on_pin_drag_cancel (GtkGesture *gesture, GdkEventSequence *sequence, SdMap *self)
{
  self->pin_dragging = FALSE;
}

static void
on_band_begin (GtkGestureDrag *gesture, double x, double y, SdMap *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
                            GTK_EVENT_CONTROLLER (gesture));

  if (self->pick_mode || !(state & GDK_SHIFT_MASK))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->banding = TRUE;
  self->band_x0 = self->band_x1 = x;
  self->band_y0 = self->band_y1 = y;
}

static void
on_band_update (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  if (!self->banding)
    return;
  /* Only a real drag is a rectangle; a Shift-click stays a click on a marker. */
  if (gtk_gesture_get_sequence_state (GTK_GESTURE (gesture),
                                      gtk_gesture_single_get_current_sequence (
                                        GTK_GESTURE_SINGLE (gesture))) != GTK_EVENT_SEQUENCE_CLAIMED &&
      (fabs (dx) > 4 || fabs (dy) > 4))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->band_x1 = self->band_x0 + dx;
  self->band_y1 = self->band_y0 + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_band_end (GtkGestureDrag *gesture, double dx, double dy, SdMap *self)
{
  double x0, x1, y0, y1;
  gboolean any = FALSE;

  if (!self->banding)
    return;
  self->banding = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (fabs (dx) <= 4 && fabs (dy) <= 4)
    return;
  x0 = MIN (self->band_x0, self->band_x0 + dx);
  x1 = MAX (self->band_x0, self->band_x0 + dx);
  y0 = MIN (self->band_y0, self->band_y0 + dy);
  y1 = MAX (self->band_y0, self->band_y0 + dy);
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      double x, y;

      if (sd_map_location_to_widget (self, stop->lat, stop->lon, &x, &y) &&
          x >= x0 && x <= x1 && y >= y0 && y <= y1)
        {
          sd_map_dot_set_selected (stop->dot, TRUE);
          any = TRUE;
        }
    }
  if (any)
    emit_selection (self);
}

static void
on_band_cancel (GtkGesture *gesture, GdkEventSequence *sequence, SdMap *self)
{
  self->banding = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- routes ---- */

static void
build_route_layer (SdMap *self, Route *route)
{
  if (route->layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (route->layer));
  route->layer = shumate_path_layer_new (self->viewport);
  shumate_path_layer_set_stroke_color (route->layer, &route->color);
  shumate_path_layer_set_stroke_width (route->layer, ROUTE_WIDTH);
  /* libshumate 1.0 draws the outline over the stroke: none, or the colour is lost. */
  shumate_path_layer_set_outline_width (route->layer, 0);
  for (guint i = 0; i + 1 < route->points->len; i += 2)
    {
      double d_lat, d_lon;

      to_display (self, g_array_index (route->points, double, i),
                  g_array_index (route->points, double, i + 1), &d_lat, &d_lon);
      shumate_path_layer_add_node (route->layer,
                                   SHUMATE_LOCATION (shumate_coordinate_new_full (d_lat, d_lon)));
    }
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (route->layer),
                                   SHUMATE_LAYER (self->stop_layer));
}

static void
remove_routes (SdMap *self)
{
  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (route->layer));
      route->layer = NULL;
    }
  g_ptr_array_set_size (self->routes, 0);
}

/* ---- zoom to fit ---- */

static double
mercator_x (double lon)
{
  return (lon + 180.0) / 360.0;
}

static double
mercator_y (double lat)
{
  double r = CLAMP (lat, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE) * G_PI / 180.0;
  return (1.0 - log (tan (r) + 1.0 / cos (r)) / G_PI) / 2.0;
}

static void
extend (double *box, gboolean *any, double lat, double lon)
{
  double x = mercator_x (lon), y = mercator_y (lat);

  if (!*any)
    {
      box[0] = box[2] = x;
      box[1] = box[3] = y;
      *any = TRUE;
      return;
    }
  box[0] = MIN (box[0], x);
  box[1] = MIN (box[1], y);
  box[2] = MAX (box[2], x);
  box[3] = MAX (box[3], y);
}

static void
do_zoom_to_fit (SdMap *self)
{
  double box[4] = { 0 }, d_lat, d_lon, zoom, cx, cy, w, h, n;
  gboolean any = FALSE;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->has_depot)
    {
      to_display (self, self->depot_lat, self->depot_lon, &d_lat, &d_lon);
      extend (box, &any, d_lat, d_lon);
    }
  if (self->has_pin)
    {
      to_display (self, self->pin_lat, self->pin_lon, &d_lat, &d_lon);
      extend (box, &any, d_lat, d_lon);
    }
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      to_display (self, stop->lat, stop->lon, &d_lat, &d_lon);
      extend (box, &any, d_lat, d_lon);
    }
  for (guint r = 0; r < self->routes->len; r++)
    {
      Route *route = g_ptr_array_index (self->routes, r);
      for (guint i = 0; i + 1 < route->points->len; i += 2)
        {
          to_display (self, g_array_index (route->points, double, i),
                      g_array_index (route->points, double, i + 1), &d_lat, &d_lon);
          extend (box, &any, d_lat, d_lon);
        }
    }
  if (!any)
    return;

  w = MAX (width - 2 * FIT_PADDING, 32);
  h = MAX (height - 2 * FIT_PADDING, 32);
  /* At zoom z the world is 256·2^z pixels wide. */
  if (box[2] - box[0] < 1e-9 && box[3] - box[1] < 1e-9)
    zoom = 16;
  else
    zoom = log2 (MIN (w / MAX (box[2] - box[0], 1e-9), h / MAX (box[3] - box[1], 1e-9)) / 256.0);
  /* Whole zoom levels: raster tiles are only sharp (and seamless) unscaled. */
  zoom = CLAMP (floor (zoom), 2.0, 17.0);

  cx = (box[0] + box[2]) / 2.0;
  cy = (box[1] + box[3]) / 2.0;
  n = G_PI - 2.0 * G_PI * cy;
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport),
                                 180.0 / G_PI * atan (0.5 * (exp (n) - exp (-n))),
                                 cx * 360.0 - 180.0);
}

/* ---- GtkWidget ---- */

static void
sd_map_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  SdMap *self = SD_MAP (widget);

  gtk_widget_measure (self->overlay, orientation, for_size, minimum, natural, NULL, NULL);
  *natural = MAX (*natural, 320);
}

static void
sd_map_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SdMap *self = SD_MAP (widget);

  /* Fit before the layers are placed, so the first tiles asked for are the right ones. */
  if (self->fit_pending && width > 0)
    {
      self->fit_pending = FALSE;
      do_zoom_to_fit (self);
    }
  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);
}

static void
sd_map_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SdMap *self = SD_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* The plain background the tiles cover; it is all there is when they fail. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.925, 0.918, 0.894, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_widget_snapshot_child (widget, self->overlay, snapshot);

  if (self->banding)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->band_x0, self->band_x1),
                                                 MIN (self->band_y0, self->band_y1),
                                                 fabs (self->band_x1 - self->band_x0),
                                                 fabs (self->band_y1 - self->band_y0));
      GskRoundedRect outline;
      GdkRGBA fill = { 0.21, 0.52, 0.89, 0.18 }, edge = { 0.21, 0.52, 0.89, 0.9 };

      gtk_snapshot_append_color (snapshot, &fill, &band);
      gsk_rounded_rect_init_from_rect (&outline, &band, 0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { edge, edge, edge, edge });
    }
}

static void
sd_map_dispose (GObject *object)
{
  SdMap *self = SD_MAP (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_pointer (&self->stop_by_key, g_hash_table_unref);
  g_clear_pointer (&self->stops, g_ptr_array_unref);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_clear_object (&self->depot_marker);
  g_clear_object (&self->pin_marker);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (sd_map_parent_class)->dispose (object);
}

static void
sd_map_class_init (SdMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_map_dispose;
  widget_class->measure = sd_map_measure;
  widget_class->size_allocate = sd_map_size_allocate;
  widget_class->snapshot = sd_map_snapshot;
  gtk_widget_class_set_css_name (widget_class, "sd-map");

  signals[STOP_ACTIVATED] = g_signal_new ("stop-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[STOPS_SELECTED] = g_signal_new ("stops-selected", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_ARRAY);
  signals[PIN_MOVED] = g_signal_new ("pin-moved", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static GtkWidget *
zoom_button (SdMap *self, const char *icon, const char *tooltip, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect_swapped (button, "clicked", callback, self->map);
  return button;
}

/* The overlays' looks; loaded once per display, below the application's own CSS. */
static void
ensure_css (void)
{
  static const char css[] =
    "sd-map .sd-map-notice { padding: 6px 10px; border-radius: 8px; }\n"
    "sd-map .sd-map-attribution { padding: 1px 6px; color: #333;"
    " background-color: rgba(255, 255, 255, 0.75); border-top-left-radius: 4px; }\n";
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "sd-map-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION - 1);
  g_object_set_data (G_OBJECT (display), "sd-map-css", GINT_TO_POINTER (1));
}

static void
sd_map_init (SdMap *self)
{
  GtkGesture *gesture;
  GtkWidget *box, *label;

  self->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) stop_free);
  self->stop_by_key = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  self->tiles_available = TRUE;

  ensure_css ();
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  self->map = shumate_map_new ();
  shumate_map_set_animate_zoom (self->map, FALSE);
  self->viewport = shumate_map_get_viewport (self->map);
  gtk_widget_set_hexpand (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->map), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->map));

  self->stop_layer = shumate_marker_layer_new_full (self->viewport, GTK_SELECTION_NONE);
  self->top_layer = shumate_marker_layer_new_full (self->viewport, GTK_SELECTION_NONE);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->stop_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->top_layer));
  /* Its own layer: a marker layer stacks its markers by latitude, not by order. */
  self->pin_layer = shumate_marker_layer_new_full (self->viewport, GTK_SELECTION_NONE);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->pin_layer));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (on_map_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_band_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_band_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_band_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_band_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pin_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pin_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_pin_drag_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_pin_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  /* The notice: small, in a corner, never covering the markers' middle ground. */
  self->notice = gtk_label_new (_("Map tiles unavailable — showing stops without the map"));
  gtk_label_set_wrap (GTK_LABEL (self->notice), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->notice), 32);
  gtk_label_set_xalign (GTK_LABEL (self->notice), 0);
  gtk_widget_add_css_class (self->notice, "osd");
  gtk_widget_add_css_class (self->notice, "sd-map-notice");
  gtk_widget_set_halign (self->notice, GTK_ALIGN_START);
  gtk_widget_set_valign (self->notice, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->notice, 8);
  gtk_widget_set_margin_top (self->notice, 8);
  gtk_widget_set_margin_end (self->notice, 56);
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->notice);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 8);
  gtk_box_append (GTK_BOX (box), zoom_button (self, "zoom-in-symbolic", _("Zoom in"),
                                              G_CALLBACK (shumate_map_zoom_in)));
  gtk_box_append (GTK_BOX (box), zoom_button (self, "zoom-out-symbolic", _("Zoom out"),
                                              G_CALLBACK (shumate_map_zoom_out)));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), box);

  label = gtk_label_new (NULL);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "sd-map-attribution");
  gtk_widget_set_halign (label, GTK_ALIGN_END);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_set_can_target (label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), label);
  self->attribution = label;

  sd_map_set_tiles (self, NULL, FALSE, NULL);
}

/* ---- public API ---- */

GtkWidget *
sd_map_new (void)
{
  return g_object_new (SD_TYPE_MAP, NULL);
}

static void
reposition_all (SdMap *self)
{
  if (self->has_depot)
    place_marker (self, self->depot_marker, self->depot_lat, self->depot_lon);
  if (self->has_pin)
    place_marker (self, self->pin_marker, self->pin_lat, self->pin_lon);
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      place_marker (self, stop->marker, stop->lat, stop->lon);
    }
  for (guint i = 0; i < self->routes->len; i++)
    build_route_layer (self, g_ptr_array_index (self->routes, i));
}

void
sd_map_set_tiles (SdMap *self, const char *url_template, gboolean gcj02, const char *cache_dir)
{
  double lat = 30.2741, lon = 120.1551, zoom = 12;   /* before any fit: Hangzhou */
  gboolean had_source;
  const char *license;

  g_return_if_fail (SD_IS_MAP (self));

  if (url_template == NULL || *url_template == '\0')
    url_template = g_getenv ("SONGDA_TILE_URL");
  if (url_template == NULL || *url_template == '\0')
    url_template = SD_TILE_SOURCE_DEFAULT_URL;

  had_source = self->source != NULL;
  if (had_source)
    {
      lat = shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport));
      lon = shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport));
      zoom = shumate_viewport_get_zoom_level (self->viewport);
      g_signal_handlers_disconnect_by_data (self->source, self);
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tile_layer));
      g_clear_object (&self->source);
    }

  self->source = sd_tile_source_new (url_template, cache_dir);
  g_signal_connect_swapped (self->source, "tile-result", G_CALLBACK (on_tile_result), self);
  shumate_viewport_set_reference_map_source (self->viewport, SHUMATE_MAP_SOURCE (self->source));
  self->tile_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->source), self->viewport);
  /* Bottom-most: below the lowest route line (routes sit just below the stops). */
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tile_layer),
                                   self->routes->len > 0
                                   ? SHUMATE_LAYER (((Route *) self->routes->pdata[0])->layer)
                                   : SHUMATE_LAYER (self->stop_layer));
  self->failures_in_row = 0;
  set_tiles_available (self, TRUE);

  license = shumate_map_source_get_license (SHUMATE_MAP_SOURCE (self->source));
  gtk_label_set_text (GTK_LABEL (self->attribution), license ? license : "");
  gtk_widget_set_visible (self->attribution, license != NULL);

  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);

  if (self->gcj02 != !!gcj02)
    {
      self->gcj02 = !!gcj02;
      reposition_all (self);
    }
}

void
sd_map_set_depot (SdMap *self, double lat, double lon, const char *label)
{
  g_return_if_fail (SD_IS_MAP (self));

  if (!sd_geo_is_valid (lat, lon))
    {
      g_warning ("depot location %f,%f is not a position", lat, lon);
      return;
    }
  if (self->depot_marker == NULL)
    {
      self->depot_marker = new_marker (self, &self->depot_dot, SD_MAP_DOT_DEPOT);
      shumate_marker_layer_add_marker (self->top_layer, self->depot_marker);
    }
  self->has_depot = TRUE;
  self->depot_lat = lat;
  self->depot_lon = lon;
  sd_map_dot_set_label (self->depot_dot, label);
  place_marker (self, self->depot_marker, lat, lon);
}

void
sd_map_clear (SdMap *self)
{
  g_return_if_fail (SD_IS_MAP (self));

  shumate_marker_layer_remove_all (self->stop_layer);
  g_hash_table_remove_all (self->stop_by_key);
  g_ptr_array_set_size (self->stops, 0);
  remove_routes (self);
}

void
sd_map_add_stop (SdMap      *self,
                 gint64      key,
                 double      lat,
                 double      lon,
                 const char *color,
                 const char *badge,
                 const char *label)
{
  Stop *stop;

  g_return_if_fail (SD_IS_MAP (self));

  if (!sd_geo_is_valid (lat, lon))
    {
      g_warning ("stop %" G_GINT64_FORMAT " at %f,%f is not a position", key, lat, lon);
      return;
    }
  stop = g_hash_table_lookup (self->stop_by_key, &key);
  if (stop == NULL)
    {
      stop = g_new0 (Stop, 1);
      stop->key = key;
      stop->marker = new_marker (self, &stop->dot, SD_MAP_DOT_STOP);
      shumate_marker_layer_add_marker (self->stop_layer, stop->marker);
      g_ptr_array_add (self->stops, stop);
      g_hash_table_insert (self->stop_by_key, &stop->key, stop);
    }
  stop->lat = lat;
  stop->lon = lon;
  sd_map_dot_set_color (stop->dot, color);
  sd_map_dot_set_badge (stop->dot, badge);
  sd_map_dot_set_label (stop->dot, label);
  place_marker (self, stop->marker, lat, lon);
}

void
sd_map_set_stop_selected (SdMap *self, gint64 key, gboolean selected)
{
  Stop *stop;

  g_return_if_fail (SD_IS_MAP (self));

  stop = g_hash_table_lookup (self->stop_by_key, &key);
  if (stop != NULL)
    sd_map_dot_set_selected (stop->dot, selected);
}

gboolean
sd_map_get_stop_selected (SdMap *self, gint64 key)
{
  Stop *stop;

  g_return_val_if_fail (SD_IS_MAP (self), FALSE);

  stop = g_hash_table_lookup (self->stop_by_key, &key);
  return stop != NULL && sd_map_dot_get_selected (stop->dot);
}

void
sd_map_add_route (SdMap *self, const char *color, const double *latlon, guint n_points)
{
  Route *route;

  g_return_if_fail (SD_IS_MAP (self));
  g_return_if_fail (latlon != NULL || n_points == 0);

  if (n_points < 2)
    return;
  route = g_new0 (Route, 1);
  if (color == NULL || !gdk_rgba_parse (&route->color, color))
    gdk_rgba_parse (&route->color, "#3584e4");
  route->points = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n_points);
  for (guint i = 0; i < n_points; i++)
    {
      if (!sd_geo_is_valid (latlon[2 * i], latlon[2 * i + 1]))
        continue;
      g_array_append_val (route->points, latlon[2 * i]);
      g_array_append_val (route->points, latlon[2 * i + 1]);
    }
  g_ptr_array_add (self->routes, route);
  build_route_layer (self, route);
}

guint
sd_map_get_n_routes (SdMap *self)
{
  g_return_val_if_fail (SD_IS_MAP (self), 0);
  return self->routes->len;
}

void
sd_map_go_to (SdMap *self, double lat, double lon, double zoom)
{
  double d_lat, d_lon;

  g_return_if_fail (SD_IS_MAP (self));

  if (!sd_geo_is_valid (lat, lon))
    return;
  self->fit_pending = FALSE;
  to_display (self, lat, lon, &d_lat, &d_lon);
  shumate_viewport_set_zoom_level (self->viewport, CLAMP (zoom, 2.0, 19.0));
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), d_lat, d_lon);
}

void
sd_map_zoom_to_fit (SdMap *self)
{
  g_return_if_fail (SD_IS_MAP (self));

  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    {
      self->fit_pending = FALSE;
      do_zoom_to_fit (self);
      return;
    }
  self->fit_pending = TRUE;
}

void
sd_map_set_pick_mode (SdMap *self, gboolean pick)
{
  g_return_if_fail (SD_IS_MAP (self));

  self->pick_mode = !!pick;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), pick ? "crosshair" : NULL);
}

gboolean
sd_map_get_pick_mode (SdMap *self)
{
  g_return_val_if_fail (SD_IS_MAP (self), FALSE);
  return self->pick_mode;
}

void
sd_map_set_pin (SdMap *self, double lat, double lon)
{
  g_return_if_fail (SD_IS_MAP (self));

  if (!sd_geo_is_valid (lat, lon))
    return;
  if (self->pin_marker == NULL)
    {
      self->pin_marker = new_marker (self, &self->pin_dot, SD_MAP_DOT_PIN);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->pin_dot), "grab");
    }
  if (!self->has_pin)
    shumate_marker_layer_add_marker (self->pin_layer, self->pin_marker);
  self->has_pin = TRUE;
  self->pin_lat = lat;
  self->pin_lon = lon;
  place_marker (self, self->pin_marker, lat, lon);
}

void
sd_map_clear_pin (SdMap *self)
{
  g_return_if_fail (SD_IS_MAP (self));

  if (!self->has_pin)
    return;
  shumate_marker_layer_remove_marker (self->pin_layer, self->pin_marker);
  self->has_pin = FALSE;
}

gboolean
sd_map_get_pin (SdMap *self, double *lat, double *lon)
{
  g_return_val_if_fail (SD_IS_MAP (self), FALSE);

  if (!self->has_pin)
    return FALSE;
  if (lat)
    *lat = self->pin_lat;
  if (lon)
    *lon = self->pin_lon;
  return TRUE;
}

guint
sd_map_get_n_stops (SdMap *self)
{
  g_return_val_if_fail (SD_IS_MAP (self), 0);
  return self->stops->len;
}

gboolean
sd_map_get_tiles_available (SdMap *self)
{
  g_return_val_if_fail (SD_IS_MAP (self), FALSE);
  return self->tiles_available;
}

gboolean
sd_map_location_to_widget (SdMap *self, double lat, double lon, double *x, double *y)
{
  double d_lat, d_lon, mx, my;
  graphene_point_t out;

  g_return_val_if_fail (SD_IS_MAP (self), FALSE);

  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return FALSE;
  to_display (self, lat, lon, &d_lat, &d_lon);
  shumate_viewport_location_to_widget_coords (self->viewport, GTK_WIDGET (self->map),
                                              d_lat, d_lon, &mx, &my);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (mx, my), &out))
    return FALSE;
  *x = out.x;
  *y = out.y;
  return TRUE;
}

gboolean
sd_map_activate_stop (SdMap *self, gint64 key)
{
  Stop *stop;

  g_return_val_if_fail (SD_IS_MAP (self), FALSE);

  stop = g_hash_table_lookup (self->stop_by_key, &key);
  if (stop == NULL)
    return FALSE;
  g_signal_emit (self, signals[STOP_ACTIVATED], 0, key);
  /* The handler may have cleared the map. */
  stop = g_hash_table_lookup (self->stop_by_key, &key);
  if (stop != NULL)
    sd_map_dot_show_popover (stop->dot);
  return TRUE;
}

GtkWidget *
sd_map_get_stop_popover (SdMap *self, gint64 key)
{
  Stop *stop;

  g_return_val_if_fail (SD_IS_MAP (self), NULL);

  stop = g_hash_table_lookup (self->stop_by_key, &key);
  return stop ? sd_map_dot_get_popover (stop->dot) : NULL;
}
