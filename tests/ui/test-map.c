/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map widget under Xvfb: tiles from a loopback HTTP server are requested (with our
 * User-Agent), drawn and cached on disk; with no server the markers and routes still draw
 * under the notice; clicks and drags go through real X events (XTest) to the markers and
 * the pin. Each test caches its tiles in a folder of its own. */
#include "config.h"

#include "ui-test-util.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <X11/extensions/XTest.h>

#include "sd-app-init.h"
#include "sd-customer-dialog.h"
#include "sd-customer-store.h"
#include "sd-geo.h"
#include "sd-map.h"
#include "sd-map-settings.h"
#include "sd-preferences-window.h"
#include "sd-tile-source.h"

/* Colours the tests look for in the rendered widget. */
#define TILE_RGB   0x6a, 0xd1, 0xc4
#define ODD_RGB    0xf0, 0xe6, 0x8c   /* the checkerboard's other tiles */
#define STOP_COLOR "#8e24aa"
#define STOP_RGB   0x8e, 0x24, 0xaa
#define ROUTE_COLOR "#ff6f00"
#define ROUTE_RGB  0xff, 0x6f, 0x00

/* The demo shop (Hangzhou) and three stops around it. */
#define DEPOT_LAT 30.2792
#define DEPOT_LON 120.1396
static const double stops[][2] = {
  { 30.2861, 120.1302 }, { 30.2702, 120.1488 }, { 30.2905, 120.1531 },
};

/* --- a tile server on 127.0.0.1 ------------------------------------------------------------ */

typedef struct {
  GSocketService *service;
  guint16         port;
  GBytes         *png;
  GBytes         *png_odd;      /* when set: tiles with x + y odd get this one (a checkerboard) */
  gint            n_requests;   /* atomic */
  gint            n_conditional;   /* atomic: requests with If-Modified-Since, answered 304 */
  GMutex          lock;
  char           *user_agent;   /* of the last request */
  char           *last_path;
} TileServer;

static gboolean
on_connection (GThreadedSocketService *service,
               GSocketConnection      *connection,
               GObject                *source,
               gpointer                user_data)
{
  TileServer *server = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autofree char *request = NULL;
  g_autofree char *header = NULL;
  g_autofree char *head = NULL;
  g_auto(GStrv) parts = NULL;
  gboolean conditional = FALSE;
  char *line;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  request = g_data_input_stream_read_line_utf8 (data, NULL, NULL, NULL);
  if (request == NULL)
    return TRUE;
  g_strchomp (request);
  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, NULL)) != NULL)
    {
      g_strchomp (line);
      if (*line == '\0')
        {
          g_free (line);
          break;
        }
      if (g_ascii_strncasecmp (line, "If-Modified-Since:", 18) == 0)
        conditional = TRUE;
      if (g_ascii_strncasecmp (line, "User-Agent:", 11) == 0)
        {
          g_mutex_lock (&server->lock);
          g_free (server->user_agent);
          server->user_agent = g_strstrip (g_strdup (line + 11));
          g_mutex_unlock (&server->lock);
        }
      g_free (line);
    }
  parts = g_strsplit (request, " ", 3);
  g_mutex_lock (&server->lock);
  g_free (server->last_path);
  server->last_path = g_strdup (parts[1]);
  g_mutex_unlock (&server->lock);
  g_atomic_int_inc (&server->n_requests);

  if (conditional)
    {
      static const char not_modified[] = "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n";

      g_atomic_int_inc (&server->n_conditional);
      g_output_stream_write_all (out, not_modified, strlen (not_modified), NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  {
    GBytes *png = server->png;
    guint z, x, y;

    if (server->png_odd != NULL && parts[1] != NULL &&
        sscanf (parts[1], "/%u/%u/%u.png", &z, &x, &y) == 3 && (x + y) % 2 == 1)
      png = server->png_odd;
    head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                            "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                            g_bytes_get_size (png));
    g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
    g_output_stream_write_all (out, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                               NULL, NULL, NULL);
  }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static GBytes *
solid_png (guint8 r, guint8 g, guint8 b)
{
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *data = g_malloc (256 * 256 * 4);

  for (guint i = 0; i < 256 * 256; i++)
    {
      data[4 * i] = r;
      data[4 * i + 1] = g;
      data[4 * i + 2] = b;
      data[4 * i + 3] = 255;
    }
  pixels = g_bytes_new_take (data, 256 * 256 * 4);
  texture = gdk_memory_texture_new (256, 256, GDK_MEMORY_R8G8B8A8, pixels, 256 * 4);
  return gdk_texture_save_to_png_bytes (texture);
}

static TileServer *
tile_server_start_on (guint16 port)
{
  TileServer *server = g_new0 (TileServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocketAddress) effective = NULL;

  g_mutex_init (&server->lock);
  server->png = solid_png (TILE_RGB);
  server->service = g_threaded_socket_service_new (8);
  g_signal_connect (server->service, "run", G_CALLBACK (on_connection), server);
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (server->service);
  return server;
}

static TileServer *
tile_server_start (void)
{
  return tile_server_start_on (0);
}

static void
tile_server_stop (TileServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_bytes_unref (server->png);
  g_clear_pointer (&server->png_odd, g_bytes_unref);
  g_free (server->user_agent);
  g_free (server->last_path);
  g_mutex_clear (&server->lock);
  g_free (server);
}

static char *
tile_server_template (guint16 port)
{
  return g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", port);
}

/* A port nothing listens on: bound once, then closed, so connections are refused. */
static guint16
refusing_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

/* --- looking at the widget ------------------------------------------------------------------ */

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GskRenderNode *node;
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}

/* Pixels within a small tolerance of r, g, b. */
static guint
count_color (GtkWidget *widget, guint8 r, guint8 g, guint8 b)
{
  g_autoptr(GdkTexture) texture = render (widget);
  g_autofree guint8 *data = NULL;
  int width, height;
  guint n = 0;

  if (texture == NULL)
    return 0;
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, width * 4);   /* B G R A, premultiplied */
  for (int i = 0; i < width * height; i++)
    {
      const guint8 *p = data + 4 * i;
      if (p[3] == 255 && ABS (p[2] - r) <= 3 && ABS (p[1] - g) <= 3 && ABS (p[0] - b) <= 3)
        n++;
    }
  return n;
}

/* The colour at a point of the rendered widget, as 0xRRGGBB. */
static guint32
pixel_at (GdkTexture *texture, int x, int y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  const guint8 *p;

  g_assert_true (x >= 0 && y >= 0 && x < width && y < height);
  gdk_texture_download (texture, data, width * 4);
  p = data + 4 * ((gsize) y * width + x);
  return (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

typedef struct {
  GtkWidget *widget;
  guint8     rgb[3];
  guint      at_least;
} ColorWait;

static gboolean
color_shows (gpointer data)
{
  ColorWait *wait = data;
  return count_color (wait->widget, wait->rgb[0], wait->rgb[1], wait->rgb[2]) >= wait->at_least;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static gboolean
tiles_unavailable (gpointer data)
{
  return !sd_map_get_tiles_available (SD_MAP (data));
}

/* --- real pointer events through XTest ------------------------------------------------------ */

/* Real pointer events need an X11 display with the XTest extension (Xvfb has it). */
static gboolean have_xtest;

#define REQUIRE_XTEST() \
  G_STMT_START { \
    if (!have_xtest) \
      { \
        g_test_skip ("needs an X11 display with the XTest extension"); \
        return; \
      } \
  } G_STMT_END

static void
to_root (GtkWidget *widget, double x, double y, int *rx, int *ry)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_point_t point;
  double sx, sy;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (display), (int) (point.x + sx), (int) (point.y + sy),
                         rx, ry, &child);
}

static Display *
xdisplay (GtkWidget *widget)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
}

static void
pointer_move (GtkWidget *widget, double x, double y)
{
  int rx, ry;

  to_root (widget, x, y, &rx, &ry);
  XTestFakeMotionEvent (xdisplay (widget), -1, rx, ry, CurrentTime);
  XFlush (xdisplay (widget));
  spin (60);
}

static void
pointer_button (GtkWidget *widget, gboolean press)
{
  XTestFakeButtonEvent (xdisplay (widget), 1, press, CurrentTime);
  XFlush (xdisplay (widget));
  spin (60);
}

static void
click_at (GtkWidget *widget, double x, double y, KeySym modifier)
{
  Display *display = xdisplay (widget);
  KeyCode code = modifier ? XKeysymToKeycode (display, modifier) : 0;

  pointer_move (widget, x, y);
  if (code)
    XTestFakeKeyEvent (display, code, True, CurrentTime);
  pointer_button (widget, TRUE);
  pointer_button (widget, FALSE);
  if (code)
    {
      XTestFakeKeyEvent (display, code, False, CurrentTime);
      XFlush (display);
    }
  spin (150);
}

/* --- the map in a window -------------------------------------------------------------------- */

typedef struct {
  GtkWidget *window;
  SdMap     *map;
  char      *cache_dir;
} Fixture;

static void
fixture_open (Fixture *f, const char *url_template, const char *cache_dir, gboolean with_stops)
{
  g_autoptr(GError) error = NULL;

  f->cache_dir = cache_dir ? g_strdup (cache_dir) : g_dir_make_tmp ("songda-tiles-XXXXXX", &error);
  g_assert_no_error (error);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 480);
  f->map = SD_MAP (sd_map_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->map));
  sd_map_set_tiles (f->map, url_template, FALSE, f->cache_dir);
  sd_map_set_depot (f->map, DEPOT_LAT, DEPOT_LON, "清泉水站");
  if (with_stops)
    {
      double route[2 * (G_N_ELEMENTS (stops) + 2)];
      guint n = 0;

      route[n++] = DEPOT_LAT, route[n++] = DEPOT_LON;
      for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
        {
          g_autofree char *badge = g_strdup_printf ("%u", i + 2);
          g_autofree char *label = g_strdup_printf ("张三 %u 号 · 2 桶", i + 1);

          sd_map_add_stop (f->map, 100 + i, stops[i][0], stops[i][1], STOP_COLOR, badge, label);
          route[n++] = stops[i][0], route[n++] = stops[i][1];
        }
      route[n++] = DEPOT_LAT, route[n++] = DEPOT_LON;
      sd_map_add_route (f->map, ROUTE_COLOR, route, n / 2);
    }
  sd_map_zoom_to_fit (f->map);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (widget_mapped, f->map, 5000));
  spin (200);
}

static void
fixture_close (Fixture *f, gboolean remove_cache)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (100);
  if (remove_cache)
    ui_test_remove_dir (f->cache_dir);
  g_free (f->cache_dir);
}

static guint
count_files (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_files (path);
      else if (g_str_has_suffix (name, ".png"))
        n++;
    }
  g_dir_close (d);
  return n;
}

/* Sets every file's modification time `seconds` into the past. */
static void
age_files (const char *dir, gint64 seconds)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        age_files (path, seconds);
      else
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                      g_get_real_time () / G_USEC_PER_SEC - seconds,
                                                      G_FILE_QUERY_INFO_NONE, NULL, NULL));
        }
    }
  g_dir_close (d);
}

typedef struct {
  const char *dir;
  guint       at_least;
} FilesWait;

/* Files modified within the last hour. */
static guint
count_fresh (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_fresh (path);
      else if (g_stat (path, &st) == 0 && st.st_mtime > g_get_real_time () / G_USEC_PER_SEC - 3600)
        n++;
    }
  g_dir_close (d);
  return n;
}

static gboolean
fresh_files (gpointer data)
{
  FilesWait *wait = data;
  return count_fresh (wait->dir) >= wait->at_least;
}

static gboolean
files_written (gpointer data)
{
  FilesWait *wait = data;
  return count_files (wait->dir) >= wait->at_least;
}

/* --- tests ----------------------------------------------------------------------------------- */

static void
test_tiles_from_server (void)
{
  TileServer *server = tile_server_start ();
  g_autofree char *url = tile_server_template (server->port);
  g_autofree char *cache = g_dir_make_tmp ("songda-tiles-XXXXXX", NULL);
  Fixture f = { 0 }, again = { 0 };
  ColorWait tiles = { NULL, { TILE_RGB }, 640 * 480 / 4 };
  ColorWait stop = { NULL, { STOP_RGB }, 150 };
  ColorWait route = { NULL, { ROUTE_RGB }, 150 };
  FilesWait cached = { cache, 1 };
  int requests;

  g_assert_nonnull (cache);
  fixture_open (&f, url, cache, TRUE);
  g_assert_cmpuint (sd_map_get_n_stops (f.map), ==, G_N_ELEMENTS (stops));
  g_assert_cmpuint (sd_map_get_n_routes (f.map), ==, 1);

  /* Tiles are asked for, with our User-Agent, and drawn over much of the map. */
  tiles.widget = stop.widget = route.widget = GTK_WIDGET (f.map);
  g_assert_true (wait_for (color_shows, &tiles, 10000));
  requests = g_atomic_int_get (&server->n_requests);
  g_test_message ("%d tile requests, last %s, User-Agent %s", requests, server->last_path,
                  server->user_agent);
  g_assert_cmpint (requests, >=, 4);
  g_assert_true (g_str_has_prefix (server->user_agent, "Songda/" PACKAGE_VERSION " ("));
  g_assert_true (g_str_has_suffix (server->last_path, ".png"));
  g_assert_true (sd_map_get_tiles_available (f.map));

  /* Markers and the route are drawn over the tiles. */
  save_screenshot (f.window, "map-tiles");
  g_assert_true (color_shows (&stop));
  g_assert_true (color_shows (&route));

  /* Each tile is a file on disk … */
  cached.at_least = 6;   /* 640×480 shows at least six 256-pixel tiles */
  g_assert_true (wait_for (files_written, &cached, 5000));
  fixture_close (&f, FALSE);

  /* A week later the tiles are asked for again, "if modified since"; the server says
   * no (304) and the cached ones show, good for another week. */
  age_files (cache, 8 * 24 * 3600);
  fixture_open (&again, url, cache, TRUE);
  tiles.widget = stop.widget = GTK_WIDGET (again.map);
  g_assert_true (wait_for (color_shows, &tiles, 10000));
  g_test_message ("%d conditional requests", g_atomic_int_get (&server->n_conditional));
  g_assert_cmpint (g_atomic_int_get (&server->n_conditional), >=, 6);
  g_assert_cmpint (g_atomic_int_get (&server->n_requests), >=, requests + 6);
  g_assert_true (sd_map_get_tiles_available (again.map));
  fixture_close (&again, FALSE);
  cached.at_least = 6;
  g_assert_true (wait_for (fresh_files, &cached, 5000));

  /* … which a new map uses with the server gone: nothing asked, everything drawn. */
  tile_server_stop (server);
  fixture_open (&again, url, cache, TRUE);
  tiles.widget = stop.widget = GTK_WIDGET (again.map);
  g_assert_true (wait_for (color_shows, &tiles, 10000));
  g_assert_true (color_shows (&stop));
  g_assert_true (sd_map_get_tiles_available (again.map));
  fixture_close (&again, FALSE);

  /* Stale tiles with the server gone: the old ones still show. */
  age_files (cache, 8 * 24 * 3600);
  fixture_open (&again, url, cache, TRUE);
  tiles.widget = GTK_WIDGET (again.map);
  g_assert_true (wait_for (color_shows, &tiles, 10000));
  g_assert_true (sd_map_get_tiles_available (again.map));
  fixture_close (&again, TRUE);
}

static GtkWidget *
find_with_class (GtkWidget *root, const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_with_class (child, css_class)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("songda-tiles-XXXXXX", &error);
  g_autoptr(SdTileSource) source = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected_cache = NULL;
  GtkWidget *map, *attribution;
  double lat, lon;

  /* Without settings: OpenStreetMap, credited as its licence asks. Not shown, so
   * nothing is fetched. */
  g_assert_null (g_getenv ("SONGDA_TILE_URL"));
  map = g_object_ref_sink (sd_map_new ());
  attribution = find_with_class (map, "sd-map-attribution");
  g_assert_nonnull (attribution);
  g_assert_true (gtk_widget_get_visible (attribution));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (attribution)), ==, "© OpenStreetMap contributors");
  g_assert_true (sd_map_get_tiles_available (SD_MAP (map)));
  g_assert_false (sd_map_get_pin (SD_MAP (map), &lat, &lon));
  g_assert_cmpuint (sd_map_get_n_stops (SD_MAP (map)), ==, 0);
  /* Another provider is not credited as OpenStreetMap. */
  sd_map_set_tiles (SD_MAP (map), "https://tiles.example.cn/{z}/{x}/{y}.png", TRUE, dir);
  g_assert_false (gtk_widget_get_visible (attribution));
  g_object_unref (map);

  /* Addresses: {z} {x} {y}, and {s} picks one of a, b, c; each template its own cache. */
  source = sd_tile_source_new ("https://{s}.tile.example.org/{z}/{x}/{y}.png", dir);
  url = sd_tile_source_build_url (source, 3, 5, 2);
  g_assert_cmpstr (url, ==, "https://b.tile.example.org/3/5/2.png");
  g_assert_true (g_str_has_prefix (sd_tile_source_get_cache_path (source), dir));
  g_assert_cmpuint (strlen (sd_tile_source_get_cache_path (source)), ==, strlen (dir) + 1 + 12);
  g_assert_cmpstr (sd_tile_source_get_user_agent (), ==,
                   "Songda/" PACKAGE_VERSION " (+https://github.com/songda)");
  g_assert_cmpuint (sd_tile_source_get_n_requests (source), ==, 0);
  ui_test_remove_dir (dir);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static char *
make_tile_file (const char *dir, const char *z, const char *x, const char *y, gint64 age)
{
  g_autofree char *folder = g_build_filename (dir, z, x, NULL);
  char *path = g_build_filename (folder, y, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "png", 3, NULL));
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              g_get_real_time () / G_USEC_PER_SEC - age,
                                              G_FILE_QUERY_INFO_NONE, NULL, NULL));
  return path;
}

static void
test_cache_prune (void)
{
  g_autofree char *dir = g_dir_make_tmp ("songda-tiles-XXXXXX", NULL);
  const char *template = "https://prune.example.org/{z}/{x}/{y}.png";
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, template, -1);
  g_autofree char *cache = NULL;
  g_autofree char *old = NULL, *recent = NULL, *lone = NULL, *lone_dir = NULL, *auto_old = NULL;
  g_autoptr(SdTileSource) source = NULL;

  /* Tiles not refreshed for 90 days go, with folders left empty; recent ones stay. */
  old = make_tile_file (dir, "14", "100", "200.png", 100 * 24 * 3600);
  recent = make_tile_file (dir, "14", "100", "201.png", 3 * 24 * 3600);
  lone = make_tile_file (dir, "14", "101", "200.png", 100 * 24 * 3600);
  lone_dir = g_path_get_dirname (lone);
  g_assert_cmpuint (sd_tile_cache_prune (dir, SD_TILE_CACHE_MAX_AGE), ==, 2);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lone_dir, G_FILE_TEST_EXISTS));

  /* A new source looks after its own folder by itself, off the main thread. */
  hash[12] = '\0';
  cache = g_build_filename (dir, hash, NULL);
  auto_old = make_tile_file (cache, "15", "1", "2.png", 200 * 24 * 3600);
  source = sd_tile_source_new (template, dir);
  g_assert_cmpstr (sd_tile_source_get_cache_path (source), ==, cache);
  g_assert_true (wait_for (file_gone, auto_old, 5000));
  ui_test_remove_dir (dir);
}

static int ticks;

static gboolean
tick (gpointer data)
{
  ticks++;
  return G_SOURCE_CONTINUE;
}

static void
test_offline (void)
{
  guint16 port = refusing_port ();
  g_autofree char *url = tile_server_template (port);
  Fixture f = { 0 };
  ColorWait stop = { NULL, { STOP_RGB }, 150 };
  ColorWait route = { NULL, { ROUTE_RGB }, 150 };
  ColorWait tiles = { NULL, { TILE_RGB }, 1 };
  TileServer *server;
  GtkWidget *retry;
  graphene_point_t point;
  guint timer;

  ticks = 0;
  timer = g_timeout_add (20, tick, NULL);
  fixture_open (&f, url, NULL, TRUE);

  /* The tiles fail: the notice comes up, the map keeps its markers and the route. */
  g_assert_true (wait_for (tiles_unavailable, f.map, 10000));
  stop.widget = route.widget = tiles.widget = GTK_WIDGET (f.map);
  g_assert_true (color_shows (&stop));
  g_assert_true (color_shows (&route));
  g_assert_false (color_shows (&tiles));
  g_assert_cmpuint (sd_map_get_n_stops (f.map), ==, G_N_ELEMENTS (stops));
  retry = find_with_class (GTK_WIDGET (f.map), "sd-map-retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_drawable (retry));

  /* Never frozen: the main loop kept turning while the tiles failed. */
  spin (500);
  g_source_remove (timer);
  g_test_message ("%d ticks of 20 ms", ticks);
  g_assert_cmpint (ticks, >=, 20);
  save_screenshot (f.window, "map-offline");

  /* The server comes back; Retry (a real click) brings the tiles and the notice goes. */
  if (!have_xtest)
    {
      g_test_message ("no XTest: Retry not clicked");
      fixture_close (&f, TRUE);
      return;
    }
  server = tile_server_start_on (port);
  g_assert_true (gtk_widget_compute_point (retry, GTK_WIDGET (f.map),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (retry) / 2.0,
                                                                 gtk_widget_get_height (retry) / 2.0),
                                           &point));
  click_at (GTK_WIDGET (f.map), point.x, point.y, 0);
  tiles.at_least = 640 * 480 / 4;
  g_assert_true (wait_for (color_shows, &tiles, 10000));
  g_assert_true (sd_map_get_tiles_available (f.map));
  g_assert_cmpint (g_atomic_int_get (&server->n_requests), >=, 4);
  g_assert_true (color_shows (&stop));
  fixture_close (&f, TRUE);
  tile_server_stop (server);
}

static gint64 activated_key;
static GArray *selected_keys;

static void
on_stop_activated (SdMap *map, gint64 key, gpointer data)
{
  activated_key = key;
}

static void
on_stops_selected (SdMap *map, GArray *keys, gpointer data)
{
  g_clear_pointer (&selected_keys, g_array_unref);
  selected_keys = g_array_copy (keys);
}

static void
test_click_marker (void)
{
  g_autofree char *url = tile_server_template (refusing_port ());
  Fixture f = { 0 };
  GtkWidget *popover;
  double x, y;

  REQUIRE_XTEST ();

  fixture_open (&f, url, NULL, TRUE);
  g_signal_connect (f.map, "stop-activated", G_CALLBACK (on_stop_activated), NULL);
  g_signal_connect (f.map, "stops-selected", G_CALLBACK (on_stops_selected), NULL);

  /* A click on the second stop: its key, and a popover with its orders. */
  activated_key = 0;
  g_assert_true (sd_map_location_to_widget (f.map, stops[1][0], stops[1][1], &x, &y));
  click_at (GTK_WIDGET (f.map), x, y, 0);
  g_assert_cmpint (activated_key, ==, 101);
  popover = sd_map_get_stop_popover (f.map, 101);
  g_assert_nonnull (popover);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_popover_get_child (GTK_POPOVER (popover)))),
                   ==, "张三 2 号 · 2 桶");
  spin (200);
  save_screenshot (f.window, "map-popover");
  save_screenshot (popover, "map-popover-content");
  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (100);

  /* Ctrl-click two stops: a selection, no activation. */
  activated_key = 0;
  g_assert_true (sd_map_location_to_widget (f.map, stops[0][0], stops[0][1], &x, &y));
  click_at (GTK_WIDGET (f.map), x, y, XK_Control_L);
  g_assert_true (sd_map_location_to_widget (f.map, stops[2][0], stops[2][1], &x, &y));
  click_at (GTK_WIDGET (f.map), x, y, XK_Control_L);
  g_assert_cmpint (activated_key, ==, 0);
  g_assert_nonnull (selected_keys);
  g_assert_cmpuint (selected_keys->len, ==, 2);
  g_assert_cmpint (g_array_index (selected_keys, gint64, 0), ==, 100);
  g_assert_cmpint (g_array_index (selected_keys, gint64, 1), ==, 102);
  g_assert_true (sd_map_get_stop_selected (f.map, 102));
  g_assert_false (sd_map_get_stop_selected (f.map, 101));

  /* The caller can select too, and clearing removes stops and routes. */
  sd_map_set_stop_selected (f.map, 101, TRUE);
  g_assert_true (sd_map_get_stop_selected (f.map, 101));
  {
    g_autoptr(GArray) keys = sd_map_get_selected_stops (f.map);
    g_assert_cmpuint (keys->len, ==, 3);
    g_assert_cmpint (g_array_index (keys, gint64, 1), ==, 101);
  }
  save_screenshot (f.window, "map-selected");
  sd_map_clear (f.map);
  g_assert_cmpuint (sd_map_get_n_stops (f.map), ==, 0);
  g_assert_cmpuint (sd_map_get_n_routes (f.map), ==, 0);
  g_assert_false (sd_map_activate_stop (f.map, 101));
  g_clear_pointer (&selected_keys, g_array_unref);
  fixture_close (&f, TRUE);
}

/* Drags from one point to another in steps, with a modifier key held (0 for none). */
static void
drag (GtkWidget *widget, double x0, double y0, double x1, double y1, KeySym modifier)
{
  Display *display = xdisplay (widget);
  KeyCode code = modifier ? XKeysymToKeycode (display, modifier) : 0;

  pointer_move (widget, x0, y0);
  if (code)
    XTestFakeKeyEvent (display, code, True, CurrentTime);
  pointer_button (widget, TRUE);
  for (int i = 1; i <= 8; i++)
    pointer_move (widget, x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8);
  pointer_button (widget, FALSE);
  if (code)
    {
      XTestFakeKeyEvent (display, code, False, CurrentTime);
      XFlush (display);
    }
  spin (150);
}

static void
test_band_select (void)
{
  g_autofree char *url = tile_server_template (refusing_port ());
  Fixture f = { 0 };
  double x[3], y[3], dx, dy, depot_x, depot_y, x0, y0, x1, y1;
  graphene_point_t point;
  GtkWidget *fit;

  REQUIRE_XTEST ();

  fixture_open (&f, url, NULL, TRUE);
  g_signal_connect (f.map, "stops-selected", G_CALLBACK (on_stops_selected), NULL);
  for (guint i = 0; i < 3; i++)
    g_assert_true (sd_map_location_to_widget (f.map, stops[i][0], stops[i][1], &x[i], &y[i]));

  /* Shift-drag a rectangle around the first and third stops (not the second). */
  x0 = MIN (x[0], x[2]) - 20, x1 = MAX (x[0], x[2]) + 20;
  y0 = MIN (y[0], y[2]) - 20, y1 = MAX (y[0], y[2]) + 20;
  g_assert_false (x[1] >= x0 && x[1] <= x1 && y[1] >= y0 && y[1] <= y1);
  drag (GTK_WIDGET (f.map), x1, y1, x0, y0, XK_Shift_L);
  g_assert_nonnull (selected_keys);
  g_assert_cmpuint (selected_keys->len, ==, 2);
  g_assert_cmpint (g_array_index (selected_keys, gint64, 0), ==, 100);
  g_assert_cmpint (g_array_index (selected_keys, gint64, 1), ==, 102);
  g_assert_false (sd_map_get_stop_selected (f.map, 101));
  /* The map did not move under the rectangle. */
  g_assert_true (sd_map_location_to_widget (f.map, stops[0][0], stops[0][1], &dx, &dy));
  g_assert_cmpfloat (fabs (dx - x[0]) + fabs (dy - y[0]), <, 0.5);
  g_clear_pointer (&selected_keys, g_array_unref);

  /* A plain drag pans the map and selects nothing. */
  g_assert_true (sd_map_location_to_widget (f.map, DEPOT_LAT, DEPOT_LON, &depot_x, &depot_y));
  drag (GTK_WIDGET (f.map), 560, 420, 500, 380, 0);
  g_assert_true (sd_map_location_to_widget (f.map, DEPOT_LAT, DEPOT_LON, &dx, &dy));
  g_test_message ("pan moved the depot by %.1f,%.1f", dx - depot_x, dy - depot_y);
  /* At least as far as the pointer went (the map glides on a little after release). */
  g_assert_cmpfloat (dx - depot_x, <, -57.0);
  g_assert_cmpfloat (dy - depot_y, <, -37.0);
  g_assert_null (selected_keys);

  /* The fit button brings everything back as it was first shown. */
  fit = find_with_class (GTK_WIDGET (f.map), "sd-map-fit");
  g_assert_nonnull (fit);
  g_assert_true (gtk_widget_compute_point (fit, GTK_WIDGET (f.map),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (fit) / 2.0,
                                                                 gtk_widget_get_height (fit) / 2.0),
                                           &point));
  click_at (GTK_WIDGET (f.map), point.x, point.y, 0);
  g_assert_true (sd_map_location_to_widget (f.map, DEPOT_LAT, DEPOT_LON, &dx, &dy));
  g_assert_cmpfloat (fabs (dx - depot_x) + fabs (dy - depot_y), <, 1.0);
  fixture_close (&f, TRUE);
}

/* A big day: 300 stops for 8 couriers. Prints how long adding them and drawing took (a
 * figure to compare run to run, not a timed assertion). */
static void
test_many_stops (void)
{
  static const char *colors[] = { "#e01b24", "#ff7800", "#f6d32d", "#33d17a", "#3584e4",
                                  "#9141ac", "#986a44", "#77767b" };
  g_autofree char *url = tile_server_template (refusing_port ());
  GRand *rand = g_rand_new_with_seed (7);
  Fixture f = { 0 };
  ColorWait red = { NULL, { 0xe0, 0x1b, 0x24 }, 200 };
  gint64 start, added, drawn;

  fixture_open (&f, url, NULL, FALSE);
  start = g_get_monotonic_time ();
  for (guint c = 0; c < G_N_ELEMENTS (colors); c++)
    {
      double route[2 * 40];

      for (guint i = 0; i < 300 / G_N_ELEMENTS (colors) + (c < 300 % G_N_ELEMENTS (colors)); i++)
        {
          double lat = DEPOT_LAT + g_rand_double_range (rand, -0.05, 0.05);
          double lon = DEPOT_LON + g_rand_double_range (rand, -0.06, 0.06);
          g_autofree char *badge = g_strdup_printf ("%u", i + 1);

          sd_map_add_stop (f.map, 1000 * (c + 1) + i, lat, lon, colors[c], badge, "地址");
          route[2 * i] = lat;
          route[2 * i + 1] = lon;
        }
      sd_map_add_route (f.map, colors[c], route, 300 / G_N_ELEMENTS (colors));
    }
  sd_map_zoom_to_fit (f.map);
  added = g_get_monotonic_time ();
  red.widget = GTK_WIDGET (f.map);
  g_assert_true (wait_for (color_shows, &red, 10000));
  drawn = g_get_monotonic_time ();
  g_test_message ("300 stops, 8 routes: added in %.1f ms, drawn within %.0f ms",
                  (added - start) / 1000.0, (drawn - added) / 1000.0);
  g_assert_cmpuint (sd_map_get_n_stops (f.map), ==, 300);
  g_assert_cmpuint (sd_map_get_n_routes (f.map), ==, 8);
  save_screenshot (f.window, "map-300-stops");
  fixture_close (&f, TRUE);
  g_rand_free (rand);
}

static gboolean pin_moved;
static double moved_lat, moved_lon;

static void
on_pin_moved (SdMap *map, double lat, double lon, gpointer data)
{
  pin_moved = TRUE;
  moved_lat = lat;
  moved_lon = lon;
}

static void
check_pick (gboolean gcj02)
{
  g_autofree char *url = tile_server_template (refusing_port ());
  Fixture f = { 0 };
  double x, y, lat, lon, px, py;
  /* ~90 m north-east of the shop: on screen at the zoom a single pin gets. */
  const double target_lat = DEPOT_LAT + 0.0008, target_lon = DEPOT_LON + 0.0010;

  REQUIRE_XTEST ();

  fixture_open (&f, url, NULL, FALSE);
  sd_map_set_tiles (f.map, url, gcj02, f.cache_dir);
  sd_map_set_pick_mode (f.map, TRUE);
  sd_map_set_pin (f.map, DEPOT_LAT, DEPOT_LON);
  g_signal_connect (f.map, "pin-moved", G_CALLBACK (on_pin_moved), NULL);
  sd_map_zoom_to_fit (f.map);
  spin (200);

  /* A click on the map moves the pin there; the position comes back in WGS-84. */
  pin_moved = FALSE;
  g_assert_true (sd_map_location_to_widget (f.map, target_lat, target_lon, &x, &y));
  click_at (GTK_WIDGET (f.map), x, y, 0);
  g_assert_true (pin_moved);
  g_assert_true (sd_map_get_pin (f.map, &lat, &lon));
  g_test_message ("clicked %.6f,%.6f → %.6f,%.6f (%.1f m)", target_lat, target_lon, lat, lon,
                  sd_geo_distance_m (target_lat, target_lon, lat, lon));
  /* At zoom 16 a pixel is ~2 m: within a pixel or two of the click. */
  g_assert_cmpfloat (sd_geo_distance_m (target_lat, target_lon, lat, lon), <, 5.0);
  g_assert_true (sd_map_location_to_widget (f.map, lat, lon, &px, &py));
  g_assert_cmpfloat (fabs (px - x), <, 1.5);
  g_assert_cmpfloat (fabs (py - y), <, 1.5);
  g_assert_cmpfloat (moved_lat, ==, lat);
  g_assert_cmpfloat (moved_lon, ==, lon);

  /* Dragging the pin's head moves it by as much as the pointer. */
  pin_moved = FALSE;
  g_assert_true (sd_map_location_to_widget (f.map, lat, lon, &px, &py));
  pointer_move (GTK_WIDGET (f.map), px, py - 25);   /* the head is above the tip */
  pointer_button (GTK_WIDGET (f.map), TRUE);
  for (int i = 1; i <= 6; i++)
    pointer_move (GTK_WIDGET (f.map), px - 10 * i, py - 25 + 8 * i);
  pointer_button (GTK_WIDGET (f.map), FALSE);
  spin (150);
  g_assert_true (pin_moved);
  g_assert_true (sd_map_get_pin (f.map, &lat, &lon));
  g_assert_true (sd_map_location_to_widget (f.map, lat, lon, &x, &y));
  g_test_message ("dragged to %.1f,%.1f, expected %.1f,%.1f", x, y, px - 60, py + 48);
  g_assert_cmpfloat (fabs (x - (px - 60)), <, 3.0);
  g_assert_cmpfloat (fabs (y - (py + 48)), <, 3.0);
  if (!gcj02)
    save_screenshot (f.window, "map-pick");
  fixture_close (&f, TRUE);
}

static void
test_pick_click_and_drag (void)
{
  check_pick (FALSE);
}

static void
test_pick_gcj02 (void)
{
  /* On GCJ-02 tiles the pin is drawn shifted, yet what comes back is WGS-84. */
  check_pick (TRUE);
}

/* Which checkerboard colour the tiles have at a display-datum point seen `dx`, `dy`
 * pixels from (lat, lon) at a whole zoom level; 0 when that is within 3 px of a tile edge. */
static guint32
expected_tile_color (double lat, double lon, int zoom, double dx, double dy)
{
  double world = 256.0 * pow (2.0, zoom);
  double r = lat * G_PI / 180.0;
  double px = (lon + 180.0) / 360.0 * world + dx;
  double py = (1.0 - log (tan (r) + 1.0 / cos (r)) / G_PI) / 2.0 * world + dy;
  double fx = fmod (px, 256.0), fy = fmod (py, 256.0);
  guint tx = (guint) floor (px / 256.0), ty = (guint) floor (py / 256.0);

  if (fx < 3 || fx > 253 || fy < 3 || fy > 253)
    return 0;
  return (tx + ty) % 2 ? 0xf0e68c : 0x6ad1c4;
}

static void
test_gcj02_on_tiles (void)
{
  static const int offsets[][2] = {
    { -40, 0 }, { 40, 0 }, { 0, -40 }, { 0, 40 }, { -90, -60 }, { 90, 60 }, { -90, 60 },
    { 90, -60 }, { -200, 0 }, { 200, 0 }, { 0, -150 }, { 0, 150 },
  };
  TileServer *server = tile_server_start ();
  g_autofree char *url = tile_server_template (server->port);
  Fixture f = { 0 };
  ColorWait odd = { NULL, { ODD_RGB }, 640 * 480 / 8 };
  guint distinguishing = 0;

  server->png_odd = solid_png (ODD_RGB);
  fixture_open (&f, url, NULL, FALSE);
  odd.widget = GTK_WIDGET (f.map);

  for (int gcj02 = 0; gcj02 <= 1; gcj02++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      double x, y, g_lat, g_lon, d_lat, d_lon;
      guint checked = 0;

      sd_map_set_tiles (f.map, url, gcj02, f.cache_dir);
      sd_map_go_to (f.map, DEPOT_LAT, DEPOT_LON, 16);
      g_assert_true (wait_for (color_shows, &odd, 10000));
      spin (200);
      g_assert_true (sd_map_location_to_widget (f.map, DEPOT_LAT, DEPOT_LON, &x, &y));
      texture = render (GTK_WIDGET (f.map));
      sd_geo_wgs84_to_gcj02 (DEPOT_LAT, DEPOT_LON, &g_lat, &g_lon);
      d_lat = gcj02 ? g_lat : DEPOT_LAT;
      d_lon = gcj02 ? g_lon : DEPOT_LON;

      /* Around the depot the tiles are those of its position in the tiles' datum. */
      for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
        {
          guint32 right = expected_tile_color (d_lat, d_lon, 16, offsets[i][0], offsets[i][1]);
          guint32 wrong = expected_tile_color (gcj02 ? DEPOT_LAT : g_lat, gcj02 ? DEPOT_LON : g_lon,
                                               16, offsets[i][0], offsets[i][1]);

          if (right == 0)
            continue;
          g_assert_cmphex (pixel_at (texture, (int) x + offsets[i][0], (int) y + offsets[i][1]),
                           ==, right);
          checked++;
          if (wrong != 0 && wrong != right)
            distinguishing++;
        }
      g_assert_cmpuint (checked, >=, 8);
    }
  /* The check could tell the datums apart: it would fail if points were not shifted. */
  g_test_message ("%u of the samples tell WGS-84 and GCJ-02 apart", distinguishing);
  g_assert_cmpuint (distinguishing, >=, 2);
  save_screenshot (f.window, "map-gcj02-checkerboard");
  fixture_close (&f, TRUE);
  tile_server_stop (server);
}

static void
test_gcj02_keeps_view (void)
{
  g_autofree char *url = tile_server_template (refusing_port ());
  Fixture f = { 0 };
  double x0, y0, x1, y1;

  fixture_open (&f, url, NULL, TRUE);
  g_assert_true (sd_map_location_to_widget (f.map, DEPOT_LAT, DEPOT_LON, &x0, &y0));
  /* Switching the datum keeps the view on the same place on the ground. */
  sd_map_set_tiles (f.map, url, TRUE, f.cache_dir);
  g_assert_true (sd_map_location_to_widget (f.map, DEPOT_LAT, DEPOT_LON, &x1, &y1));
  g_test_message ("depot moved by %.2f,%.2f px on screen", x1 - x0, y1 - y0);
  g_assert_cmpfloat (hypot (x1 - x0, y1 - y0), <, 1.0);
  fixture_close (&f, TRUE);
}

static SdApplication *app;
static char *app_dir;
static char *app_db_path;

/* The demo shop, made on first use. */
static SdStore *
demo_store (void)
{
  if (app == NULL)
    app = ui_test_demo_app ("map", 1780000000, &app_dir, &app_db_path);
  return sd_application_get_store (app);
}

/* Scrolls the nearest scrolled window so `widget` is in view, as a user would. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, child, &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 120);
  spin (300);
}

static void
test_customer_dialog_location (void)
{
  g_autofree char *url = tile_server_template (refusing_port ());
  SdStore *store = demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SdCustomer) customer = NULL;
  g_autoptr(SdCustomer) saved = NULL;
  SdAddress *address;
  GtkWidget *dialog, *map;
  double start_lat, start_lon, target_lat, target_lon, x, y, pin_lat, pin_lon;
  gint64 id = 0;

  REQUIRE_XTEST ();

  /* Chinese tiles: shown shifted, saved in WGS-84. */
  g_assert_true (sd_map_settings_set_tile_url (store, url, &error));
  g_assert_true (sd_map_settings_set_gcj02 (store, TRUE, &error));
  g_assert_no_error (error);

  /* A demo customer whose first address has a place. */
  for (gint64 i = 1; i < 50 && id == 0; i++)
    {
      g_autoptr(SdCustomer) c = sd_store_load_customer (store, i, NULL);
      if (c && sd_customer_get_addresses (c)->len > 0 &&
          ((SdAddress *) g_ptr_array_index (sd_customer_get_addresses (c), 0))->has_location)
        id = i;
    }
  g_assert_cmpint (id, >, 0);
  customer = sd_store_load_customer (store, id, &error);
  g_assert_no_error (error);
  address = g_ptr_array_index (sd_customer_get_addresses (customer), 0);
  start_lat = address->latitude;
  start_lon = address->longitude;

  dialog = g_object_ref (sd_customer_dialog_new (store, customer));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (widget_mapped, dialog, 5000));
  spin (200);

  map = sd_customer_dialog_show_location (SD_CUSTOMER_DIALOG (dialog), 0);
  g_assert_nonnull (map);
  g_assert_true (SD_IS_MAP (map));
  g_assert_true (sd_map_get_pick_mode (SD_MAP (map)));
  g_assert_true (wait_for (widget_mapped, map, 5000));
  spin (400);   /* the row opens with an animation */
  scroll_into_view (map);
  g_assert_cmpint (gtk_widget_get_height (map), >=, 280);

  /* The pin starts at the stored place. */
  g_assert_true (sd_map_get_pin (SD_MAP (map), &pin_lat, &pin_lon));
  g_assert_cmpfloat (pin_lat, ==, start_lat);
  g_assert_cmpfloat (pin_lon, ==, start_lon);

  /* A click ~70 m to the south-west moves it; Save stores that place. */
  target_lat = start_lat - 0.0004;
  target_lon = start_lon - 0.0006;
  g_assert_true (sd_map_location_to_widget (SD_MAP (map), target_lat, target_lon, &x, &y));
  g_test_message ("clicking the dialog's map at %.0f,%.0f of %dx%d", x, y,
                  gtk_widget_get_width (map), gtk_widget_get_height (map));
  click_at (map, x, y, 0);
  g_assert_true (sd_map_get_pin (SD_MAP (map), &pin_lat, &pin_lon));
  g_test_message ("pin at %.6f,%.6f, %.1f m from the target", pin_lat, pin_lon,
                  sd_geo_distance_m (target_lat, target_lon, pin_lat, pin_lon));
  g_assert_cmpfloat (sd_geo_distance_m (target_lat, target_lon, pin_lat, pin_lon), <, 5.0);
  save_screenshot (dialog, "customer-dialog-map");

  g_assert_true (sd_customer_dialog_save (SD_CUSTOMER_DIALOG (dialog)));
  spin (200);
  saved = sd_store_load_customer (store, id, &error);
  g_assert_no_error (error);
  address = g_ptr_array_index (sd_customer_get_addresses (saved), 0);
  g_assert_true (address->has_location);
  g_assert_cmpfloat_with_epsilon (address->latitude, pin_lat, 1e-6);
  g_assert_cmpfloat_with_epsilon (address->longitude, pin_lon, 1e-6);
  g_assert_cmpfloat (sd_geo_distance_m (target_lat, target_lon,
                                        address->latitude, address->longitude), <, 5.0);

  gtk_window_destroy (GTK_WINDOW (dialog));   /* Save closed it; this is a no-op then */
  g_object_unref (dialog);
  spin (100);
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_preferences_map (void)
{
  SdStore *store = demo_store ();
  guint16 port = refusing_port ();
  g_autofree char *local = tile_server_template (port);
  g_autofree char *amap_like = g_strdup_printf ("http://127.0.0.1:%u/appmaptile?x={x}&y={y}&z={z}&style=8",
                                                port);
  GtkWidget *prefs, *row, *toggle, *shop_row, *shop_map;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  double shop_lat, shop_lon, target_lat, target_lon, lat, lon, x, y;

  REQUIRE_XTEST ();

  /* Tiles from a port nothing answers on: the test never reaches the internet. */
  g_assert_true (sd_map_settings_set_tile_url (store, local, &error));
  g_assert_true (sd_map_settings_set_gcj02 (store, FALSE, &error));
  g_assert_true (sd_map_settings_get_shop_location (store, &shop_lat, &shop_lon));
  prefs = g_object_ref (sd_preferences_window_new (store));
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "map");
  g_assert_true (wait_for (widget_mapped, prefs, 5000));
  row = find_named (prefs, "tile-url-row");
  toggle = find_named (prefs, "gcj02-switch");
  shop_row = find_named (prefs, "shop-location-row");
  g_assert_nonnull (row);
  g_assert_nonnull (toggle);
  g_assert_nonnull (shop_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, local);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_null (find_named (prefs, "shop-location-map"));   /* no map until it is opened */

  /* The shop's place: open the row, click ~60 m north-east of it, and it is stored. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (shop_row), TRUE);
  shop_map = find_named (prefs, "shop-location-map");
  g_assert_nonnull (shop_map);
  g_assert_true (wait_for (widget_mapped, shop_map, 5000));
  spin (400);
  g_assert_true (sd_map_get_pin (SD_MAP (shop_map), &lat, &lon));
  g_assert_cmpfloat (lat, ==, shop_lat);
  g_assert_cmpfloat (lon, ==, shop_lon);
  target_lat = shop_lat + 0.0004;
  target_lon = shop_lon + 0.0005;
  g_assert_true (sd_map_location_to_widget (SD_MAP (shop_map), target_lat, target_lon, &x, &y));
  click_at (shop_map, x, y, 0);
  g_assert_true (sd_map_settings_get_shop_location (store, &lat, &lon));
  g_test_message ("shop moved to %.6f,%.6f, %.1f m from the click", lat, lon,
                  sd_geo_distance_m (target_lat, target_lon, lat, lon));
  g_assert_cmpfloat (sd_geo_distance_m (target_lat, target_lon, lat, lon), <, 5.0);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (shop_row)), "30.2"));
  spin (300);
  save_screenshot (prefs, "preferences-map-shop");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (shop_row), FALSE);
  spin (300);

  /* An address without the tile numbers is refused, marked, and not stored. */
  gtk_editable_set_text (GTK_EDITABLE (row), "https://tiles.example.cn/{z}/tile.png");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (find_named (prefs, "tile-url-error")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_named (prefs, "tile-url-error"))),
                            "https://tiles.example.cn/{z}/tile.png"));
  url = sd_map_settings_get_tile_url (store);
  g_assert_cmpstr (url, ==, local);
  g_clear_pointer (&url, g_free);
  spin (300);
  save_screenshot (prefs, "preferences-map-error");

  /* A good one (as Amap writes them) is stored; the switch stores GCJ-02. */
  gtk_editable_set_text (GTK_EDITABLE (row), amap_like);
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (find_named (prefs, "tile-url-error")));
  url = sd_map_settings_get_tile_url (store);
  g_assert_cmpstr (url, ==, amap_like);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (sd_map_settings_get_gcj02 (store));
  spin (300);
  save_screenshot (prefs, "preferences-map");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
  g_assert_true (sd_map_settings_set_shop_location (store, shop_lat, shop_lon, &error));
  g_assert_true (sd_map_settings_set_tile_url (store, "", &error));
  g_assert_true (sd_map_settings_set_gcj02 (store, FALSE, &error));
  spin (100);
}

int
main (int argc, char **argv)
{
  int status;

  sd_app_init ();
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  {
    GdkDisplay *display = gdk_display_get_default ();
    int event, error, major, minor;

    have_xtest = GDK_IS_X11_DISPLAY (display) &&
                 XTestQueryExtension (gdk_x11_display_get_xdisplay (display), &event, &error,
                                      &major, &minor);
  }

  g_test_add_func ("/map/defaults", test_defaults);
  g_test_add_func ("/map/cache-prune", test_cache_prune);
  g_test_add_func ("/map/tiles-from-server", test_tiles_from_server);
  g_test_add_func ("/map/offline", test_offline);
  g_test_add_func ("/map/click-marker", test_click_marker);
  g_test_add_func ("/map/band-select", test_band_select);
  g_test_add_func ("/map/many-stops", test_many_stops);
  g_test_add_func ("/map/pick-click-and-drag", test_pick_click_and_drag);
  g_test_add_func ("/map/pick-gcj02", test_pick_gcj02);
  g_test_add_func ("/map/gcj02-on-tiles", test_gcj02_on_tiles);
  g_test_add_func ("/map/gcj02-keeps-view", test_gcj02_keeps_view);
  g_test_add_func ("/map/customer-dialog-location", test_customer_dialog_location);
  g_test_add_func ("/map/preferences", test_preferences_map);
  status = g_test_run ();

  g_clear_object (&app);
  if (app_dir != NULL)
    ui_test_remove_dir (app_dir);
  g_free (app_dir);
  g_free (app_db_path);
  return status;
}
