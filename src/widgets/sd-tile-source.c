/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-map"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <libsoup/soup.h>

#include "sd-tile-source.h"

/* The OSM policy asks clients to keep tiles at least 7 days. */
#define FRESH_SECONDS (7 * 24 * 3600)

struct _SdTileSource
{
  ShumateMapSource  parent_instance;

  char             *url_template;
  char             *cache_path;
  SoupSession      *session;
  guint             n_requests;
  guint             n_loaded;
  guint             n_failed;
};

G_DEFINE_FINAL_TYPE (SdTileSource, sd_tile_source, SHUMATE_TYPE_MAP_SOURCE)

enum { TILE_RESULT, N_SIGNALS };
static guint signals[N_SIGNALS];

/* One tile being filled. */
typedef struct {
  ShumateTile *tile;
  GFile       *file;       /* its cache file */
  GBytes      *stale;      /* a cached copy older than FRESH_SECONDS, used if the net fails */
  gint64       stale_time; /* its modification time, for If-Modified-Since */
  char        *url;
} Fill;

static void
fill_free (Fill *fill)
{
  g_clear_object (&fill->tile);
  g_clear_object (&fill->file);
  g_clear_pointer (&fill->stale, g_bytes_unref);
  g_free (fill->url);
  g_free (fill);
}

const char *
sd_tile_source_get_user_agent (void)
{
  return "Songda/" PACKAGE_VERSION " (+https://github.com/songda)";
}

static void
finish (GTask *task, gboolean ok, GError *error)
{
  SdTileSource *self = g_task_get_source_object (task);
  gboolean cancelled = error && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (!cancelled)
    {
      if (ok)
        self->n_loaded++;
      else
        self->n_failed++;
      g_signal_emit (self, signals[TILE_RESULT], 0, ok);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Decodes `bytes` into the tile; FALSE (and `error`) when it is no image. */
static gboolean
set_tile_image (ShumateTile *tile, GBytes *bytes, GError **error)
{
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (bytes, error);

  if (texture == NULL)
    return FALSE;
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  return TRUE;
}

static void
on_cache_written (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_debug ("tile cache: %s", error->message);
}

static void
on_cache_touched (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_attributes_finish (G_FILE (object), result, NULL, &error))
    g_debug ("tile cache: %s", error->message);
}

static void
on_downloaded (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Fill *fill = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);

  /* Not modified: the stale copy is good for another week. */
  if (bytes != NULL && soup_message_get_status (message) == SOUP_STATUS_NOT_MODIFIED &&
      fill->stale != NULL && set_tile_image (fill->tile, fill->stale, NULL))
    {
      g_autoptr(GFileInfo) info = g_file_info_new ();

      g_file_info_set_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        g_get_real_time () / G_USEC_PER_SEC);
      g_file_set_attributes_async (fill->file, info, G_FILE_QUERY_INFO_NONE, G_PRIORITY_LOW,
                                   NULL, on_cache_touched, NULL);
      finish (task, TRUE, NULL);
      return;
    }

  if (bytes != NULL && !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: HTTP %u %s", fill->url,
                   soup_message_get_status (message), soup_message_get_reason_phrase (message));
      g_clear_pointer (&bytes, g_bytes_unref);
    }

  if (bytes != NULL && set_tile_image (fill->tile, bytes, &error))
    {
      g_autoptr(GFile) dir = g_file_get_parent (fill->file);

      g_file_make_directory_with_parents (dir, NULL, NULL);
      g_file_replace_contents_bytes_async (fill->file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                           NULL, on_cache_written, NULL);
      shumate_tile_set_fade_in (fill->tile, TRUE);
      finish (task, TRUE, NULL);
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && fill->stale != NULL &&
      set_tile_image (fill->tile, fill->stale, NULL))
    {
      finish (task, TRUE, NULL);
      return;
    }
  finish (task, FALSE, g_steal_pointer (&error));
}

static void
download (GTask *task)
{
  SdTileSource *self = g_task_get_source_object (task);
  Fill *fill = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, fill->url);

  if (message == NULL)
    {
      finish (task, FALSE, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                        "not a valid tile address: %s", fill->url));
      g_object_unref (task);
      return;
    }
  if (fill->stale != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (fill->stale_time);
      g_autofree char *date = soup_date_time_to_string (when, SOUP_DATE_HTTP);

      soup_message_headers_append (soup_message_get_request_headers (message),
                                   "If-Modified-Since", date);
    }
  self->n_requests++;
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_downloaded, task);
}

static void
on_cache_read (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Fill *fill = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, NULL);

  if (bytes != NULL && set_tile_image (fill->tile, bytes, NULL))
    {
      finish (task, TRUE, NULL);
      g_object_unref (task);
      return;
    }
  download (task);
}

static void
on_stale_read (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Fill *fill = g_task_get_task_data (task);

  fill->stale = g_file_load_bytes_finish (G_FILE (object), result, NULL, NULL);
  download (task);
}

static void
on_cache_info (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Fill *fill = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);
  gint64 age;

  if (info == NULL)
    {
      download (task);
      return;
    }
  age = g_get_real_time () / G_USEC_PER_SEC -
        (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  if (age < FRESH_SECONDS)
    {
      g_file_load_bytes_async (fill->file, g_task_get_cancellable (task), on_cache_read, task);
      return;
    }
  /* Stale: keep the old copy for when the network is down, and refresh. */
  fill->stale_time = g_get_real_time () / G_USEC_PER_SEC - age;
  g_file_load_bytes_async (fill->file, g_task_get_cancellable (task), on_stale_read, task);
}

static void
sd_tile_source_fill_tile_async (ShumateMapSource    *source,
                                ShumateTile         *tile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SdTileSource *self = SD_TILE_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fill *fill = g_new0 (Fill, 1);
  guint z = shumate_tile_get_zoom_level (tile);
  guint x = shumate_tile_get_x (tile);
  guint y = shumate_tile_get_y (tile);
  g_autofree char *zs = g_strdup_printf ("%u", z);
  g_autofree char *xs = g_strdup_printf ("%u", x);
  g_autofree char *ys = g_strdup_printf ("%u.png", y);
  g_autofree char *path = g_build_filename (self->cache_path, zs, xs, ys, NULL);

  g_task_set_source_tag (task, sd_tile_source_fill_tile_async);
  fill->tile = g_object_ref (tile);
  fill->file = g_file_new_for_path (path);
  fill->url = sd_tile_source_build_url (self, z, x, y);
  g_task_set_task_data (task, fill, (GDestroyNotify) fill_free);

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  g_file_query_info_async (fill->file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, on_cache_info, task);
}

static gboolean
sd_tile_source_fill_tile_finish (ShumateMapSource  *source,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- keeping the cache small ---- */

static guint
prune_dir (const char *dir, gint64 oldest, gboolean *empty)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint removed = 0;
  gboolean all_gone = TRUE;

  if (d == NULL)
    {
      *empty = FALSE;
      return 0;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        {
          all_gone = FALSE;
          continue;
        }
      if (S_ISDIR (st.st_mode))
        {
          gboolean sub_empty;

          removed += prune_dir (path, oldest, &sub_empty);
          if (!sub_empty || g_rmdir (path) != 0)
            all_gone = FALSE;
        }
      else if (g_str_has_suffix (name, ".png") && st.st_mtime < oldest && g_unlink (path) == 0)
        removed++;
      else
        all_gone = FALSE;
    }
  g_dir_close (d);
  *empty = all_gone;
  return removed;
}

guint
sd_tile_cache_prune (const char *dir, gint64 max_age)
{
  gboolean empty;

  g_return_val_if_fail (dir != NULL, 0);
  return prune_dir (dir, g_get_real_time () / G_USEC_PER_SEC - max_age, &empty);
}

static void
prune_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  guint removed = sd_tile_cache_prune (data, SD_TILE_CACHE_MAX_AGE);

  if (removed > 0)
    g_debug ("tile cache %s: removed %u old tiles", (const char *) data, removed);
  g_task_return_boolean (task, TRUE);
}

/* Once per folder per run: maps come and go, the cache only needs a look now and then. */
static void
prune_once (const char *cache_path)
{
  static GHashTable *pruned;
  g_autoptr(GTask) task = NULL;

  if (pruned == NULL)
    pruned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (pruned, cache_path))
    return;
  g_hash_table_add (pruned, g_strdup (cache_path));
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (cache_path), g_free);
  g_task_run_in_thread (task, prune_in_thread);
}

static void
sd_tile_source_finalize (GObject *object)
{
  SdTileSource *self = SD_TILE_SOURCE (object);

  g_clear_object (&self->session);
  g_free (self->url_template);
  g_free (self->cache_path);
  G_OBJECT_CLASS (sd_tile_source_parent_class)->finalize (object);
}

static void
sd_tile_source_class_init (SdTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = sd_tile_source_finalize;
  source_class->fill_tile_async = sd_tile_source_fill_tile_async;
  source_class->fill_tile_finish = sd_tile_source_fill_tile_finish;

  signals[TILE_RESULT] = g_signal_new ("tile-result", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
sd_tile_source_init (SdTileSource *self)
{
  /* OSM allows at most two connections; a slow server must not hang a tile forever. */
  self->session = soup_session_new_with_options ("user-agent", sd_tile_source_get_user_agent (),
                                                 "max-conns-per-host", 2,
                                                 "timeout", 20,
                                                 NULL);
}

SdTileSource *
sd_tile_source_new (const char *url_template, const char *cache_dir)
{
  SdTileSource *self;
  g_autofree char *hash = NULL;
  g_autofree char *default_dir = NULL;

  g_return_val_if_fail (url_template != NULL && *url_template != '\0', NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url_template, -1);
  hash[12] = '\0';   /* enough to keep providers apart, short enough to read */
  if (cache_dir == NULL)
    cache_dir = default_dir = g_build_filename (g_get_user_cache_dir (), "songda", "tiles", NULL);

  self = g_object_new (SD_TYPE_TILE_SOURCE,
                       "id", hash,
                       "name", url_template,
                       "min-zoom-level", 1,
                       "max-zoom-level", 19,
                       "tile-size", 256,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->url_template = g_strdup (url_template);
  self->cache_path = g_build_filename (cache_dir, hash, NULL);
  prune_once (self->cache_path);
  if (strstr (url_template, "openstreetmap.org") != NULL)
    {
      shumate_map_source_set_license (SHUMATE_MAP_SOURCE (self), "© OpenStreetMap contributors");
      shumate_map_source_set_license_uri (SHUMATE_MAP_SOURCE (self),
                                          "https://www.openstreetmap.org/copyright");
    }
  return self;
}

const char *
sd_tile_source_get_url_template (SdTileSource *self)
{
  g_return_val_if_fail (SD_IS_TILE_SOURCE (self), NULL);
  return self->url_template;
}

const char *
sd_tile_source_get_cache_path (SdTileSource *self)
{
  g_return_val_if_fail (SD_IS_TILE_SOURCE (self), NULL);
  return self->cache_path;
}

char *
sd_tile_source_build_url (SdTileSource *self, guint z, guint x, guint y)
{
  GString *url;
  const char *p;
  static const char subdomains[] = "abc";

  g_return_val_if_fail (SD_IS_TILE_SOURCE (self), NULL);

  url = g_string_new (NULL);
  for (p = self->url_template; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "{z}"))
        g_string_append_printf (url, "%u", z), p += 2;
      else if (g_str_has_prefix (p, "{x}"))
        g_string_append_printf (url, "%u", x), p += 2;
      else if (g_str_has_prefix (p, "{y}"))
        g_string_append_printf (url, "%u", y), p += 2;
      else if (g_str_has_prefix (p, "{s}"))
        g_string_append_c (url, subdomains[(x + y) % 3]), p += 2;
      else
        g_string_append_c (url, *p);
    }
  return g_string_free (url, FALSE);
}

guint
sd_tile_source_get_n_requests (SdTileSource *self)
{
  g_return_val_if_fail (SD_IS_TILE_SOURCE (self), 0);
  return self->n_requests;
}

guint
sd_tile_source_get_n_loaded (SdTileSource *self)
{
  g_return_val_if_fail (SD_IS_TILE_SOURCE (self), 0);
  return self->n_loaded;
}

guint
sd_tile_source_get_n_failed (SdTileSource *self)
{
  g_return_val_if_fail (SD_IS_TILE_SOURCE (self), 0);
  return self->n_failed;
}
