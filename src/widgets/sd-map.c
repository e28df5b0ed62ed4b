/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <shumate/shumate.h>

#include "sd-geo.h"
#include "sd-map-private.h"
#include "sd-tile-source.h"

/* Failed tiles in a row, with none loaded in between, before the notice shows. */
#define FAILURES_FOR_NOTICE 2
#define FIT_PADDING 56
#define ROUTE_WIDTH 4.0
/* Seconds between asking again for tiles while they fail. */
#define RETRY_SECONDS 60

G_DEFINE_FINAL_TYPE (SdMap, sd_map, GTK_TYPE_WIDGET)

guint _sd_map_signals[_SD_MAP_N_SIGNALS];

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

void
_sd_map_place_marker (SdMap *self, ShumateMarker *marker, double lat, double lon)
{
  double d_lat, d_lon;

  to_display (self, lat, lon, &d_lat, &d_lon);
  shumate_location_set_location (SHUMATE_LOCATION (marker), d_lat, d_lon);
}

/* Map-widget coordinates → WGS-84. */
void
_sd_map_point_to_location (SdMap *self, double x, double y, double *lat, double *lon)
{
  double d_lat, d_lon;

  shumate_viewport_widget_coords_to_location (self->viewport, GTK_WIDGET (self->map), x, y,
                                              &d_lat, &d_lon);
  from_display (self, d_lat, d_lon, lat, lon);
}

/* ---- tiles ---- */

static void retry_tiles (SdMap *self);

static gboolean
auto_retry_cb (gpointer user_data)
{
  SdMap *self = user_data;

  self->retry_timer = 0;
  retry_tiles (self);
  return G_SOURCE_REMOVE;
}

static void
set_tiles_available (SdMap *self, gboolean available)
{
  if (self->tiles_available == available)
    return;
  self->tiles_available = available;
  gtk_widget_set_visible (self->notice, !available);
  /* The network may come back: ask again now and then, not in a tight loop. */
  g_clear_handle_id (&self->retry_timer, g_source_remove);
  if (!available)
    self->retry_timer = g_timeout_add_seconds (RETRY_SECONDS, auto_retry_cb, self);
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

static ShumateMarker *
new_marker (SdMap *self, SdMapDot **out_dot, SdMapDotKind kind)
{
  ShumateMarker *marker = g_object_ref_sink (shumate_marker_new ());
  GtkWidget *dot = sd_map_dot_new (kind);

  shumate_marker_set_selectable (marker, FALSE);
  shumate_marker_set_child (marker, dot);
  if (kind != SD_MAP_DOT_PIN)
    _sd_map_watch_marker (self, dot);
  *out_dot = SD_MAP_DOT (dot);
  return marker;
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

/* Centres on a point given in Mercator units (0‥1 across the world, display datum). At a
 * whole zoom level the centre is snapped so tiles land on whole pixels: at fractional
 * positions the background shows through as faint lines between them. */
static void
set_view (SdMap *self, double mx, double my, double zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double n;

  if (zoom == floor (zoom) && width > 0)
    {
      double world = 256.0 * pow (2.0, zoom);

      mx = (round (mx * world - width / 2.0) + width / 2.0) / world;
      my = (round (my * world - height / 2.0) + height / 2.0) / world;
    }
  n = G_PI - 2.0 * G_PI * my;
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport),
                                 180.0 / G_PI * atan (0.5 * (exp (n) - exp (-n))),
                                 mx * 360.0 - 180.0);
}

static void
do_zoom_to_fit (SdMap *self)
{
  double box[4] = { 0 }, d_lat, d_lon, zoom, cx, cy, w, h;
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
  set_view (self, cx, cy, zoom);
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
  else if (self->go_pending && width > 0)
    {
      self->go_pending = FALSE;
      set_view (self, self->go_x, self->go_y, self->go_zoom);
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

  g_clear_handle_id (&self->retry_timer, g_source_remove);
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
sd_map_finalize (GObject *object)
{
  SdMap *self = SD_MAP (object);

  g_free (self->url_template);
  g_free (self->cache_dir);
  G_OBJECT_CLASS (sd_map_parent_class)->finalize (object);
}

static void
sd_map_class_init (SdMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_map_dispose;
  object_class->finalize = sd_map_finalize;
  widget_class->measure = sd_map_measure;
  widget_class->size_allocate = sd_map_size_allocate;
  widget_class->snapshot = sd_map_snapshot;
  gtk_widget_class_set_css_name (widget_class, "sd-map");

  _sd_map_signals[SIGNAL_STOP_ACTIVATED] = g_signal_new ("stop-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT64);
  _sd_map_signals[SIGNAL_STOPS_SELECTED] = g_signal_new ("stops-selected", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_ARRAY);
  _sd_map_signals[SIGNAL_PIN_MOVED] = g_signal_new ("pin-moved", G_TYPE_FROM_CLASS (klass),
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
  GtkWidget *box, *label, *button;

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
  _sd_map_setup_input (self);

  /* The notice: small, in a corner, never covering the markers' middle ground. */
  self->notice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = gtk_label_new (_("Map tiles unavailable — showing stops without the map"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_can_target (label, FALSE);   /* clicks go to the map below */
  gtk_box_append (GTK_BOX (self->notice), label);
  self->retry_button = gtk_button_new_with_label (_("Retry"));
  gtk_widget_set_valign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->retry_button, "sd-map-retry");
  gtk_widget_set_tooltip_text (self->retry_button, _("Ask for the map tiles again"));
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (retry_tiles), self);
  gtk_box_append (GTK_BOX (self->notice), self->retry_button);
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
  button = gtk_button_new_from_icon_name ("zoom-fit-best-symbolic");
  gtk_widget_set_tooltip_text (button, _("Show the shop and all stops"));
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "sd-map-fit");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (sd_map_zoom_to_fit), self);
  gtk_box_append (GTK_BOX (box), button);
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
    _sd_map_place_marker (self, self->depot_marker, self->depot_lat, self->depot_lon);
  if (self->has_pin)
    _sd_map_place_marker (self, self->pin_marker, self->pin_lat, self->pin_lon);
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      _sd_map_place_marker (self, stop->marker, stop->lat, stop->lon);
    }
  for (guint i = 0; i < self->routes->len; i++)
    build_route_layer (self, g_ptr_array_index (self->routes, i));
}

void
sd_map_set_tiles (SdMap *self, const char *url_template, gboolean gcj02, const char *cache_dir)
{
  double lat = 35.0, lon = 105.0, zoom = 4;   /* before any place is known: all China */
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

  {
    char *url = g_strdup (url_template), *dir = g_strdup (cache_dir);

    g_free (self->url_template);
    g_free (self->cache_dir);
    self->url_template = url;
    self->cache_dir = dir;
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
  g_clear_handle_id (&self->retry_timer, g_source_remove);

  license = shumate_map_source_get_license (SHUMATE_MAP_SOURCE (self->source));
  gtk_label_set_text (GTK_LABEL (self->attribution), license ? license : "");
  gtk_widget_set_visible (self->attribution, license != NULL);

  if (self->gcj02 != !!gcj02)
    {
      double w_lat, w_lon;

      /* Keep looking at the same place on the ground, now drawn in the other datum. */
      from_display (self, lat, lon, &w_lat, &w_lon);
      self->gcj02 = !!gcj02;
      to_display (self, w_lat, w_lon, &lat, &lon);
      reposition_all (self);
    }
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
}

/* A fresh source and layer: the failed tiles are asked for again. */
static void
retry_tiles (SdMap *self)
{
  g_autofree char *url = g_strdup (self->url_template);
  g_autofree char *cache_dir = g_strdup (self->cache_dir);

  sd_map_set_tiles (self, url, self->gcj02, cache_dir);
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
  _sd_map_place_marker (self, self->depot_marker, lat, lon);
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
  _sd_map_place_marker (self, stop->marker, lat, lon);
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

GArray *
sd_map_get_selected_stops (SdMap *self)
{
  GArray *keys;

  g_return_val_if_fail (SD_IS_MAP (self), NULL);

  keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->stops->len; i++)
    {
      Stop *stop = g_ptr_array_index (self->stops, i);
      if (sd_map_dot_get_selected (stop->dot))
        g_array_append_val (keys, stop->key);
    }
  return keys;
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
  self->go_x = mercator_x (d_lon);
  self->go_y = mercator_y (d_lat);
  self->go_zoom = CLAMP (zoom, 2.0, 19.0);
  /* Before the first allocation the snapping needs the size: done in size_allocate. */
  self->go_pending = gtk_widget_get_width (GTK_WIDGET (self)) <= 0;
  set_view (self, self->go_x, self->go_y, self->go_zoom);
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
  self->go_pending = FALSE;
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
  _sd_map_place_marker (self, self->pin_marker, lat, lon);
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
  g_signal_emit (self, _sd_map_signals[SIGNAL_STOP_ACTIVATED], 0, key);
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
