/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SdTileSource: raster map tiles over HTTP(S) with libsoup 3, our own User-Agent (the
 * OpenStreetMap tile policy asks for one that names the application) and a disk cache
 * that outlives the process: one file per tile, DIR/<template hash>/Z/X/Y.png.
 * Fresh cached tiles (younger than a week) are used without asking the network; stale
 * ones are asked for again with If-Modified-Since (a 304 keeps them another week) and
 * still used when the network fails. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SD_TILE_SOURCE_DEFAULT_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

#define SD_TYPE_TILE_SOURCE (sd_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (SdTileSource, sd_tile_source, SD, TILE_SOURCE, ShumateMapSource)

/* url_template: {z} {x} {y} and optionally {s} (a, b, c). cache_dir NULL: the user cache
 * dir/songda/tiles. */
SdTileSource *sd_tile_source_new           (const char   *url_template,
                                            const char   *cache_dir);
const char   *sd_tile_source_get_url_template (SdTileSource *self);
/* The folder tiles of this template are cached in. */
const char   *sd_tile_source_get_cache_path (SdTileSource *self);
char         *sd_tile_source_build_url     (SdTileSource *self,
                                            guint         z,
                                            guint         x,
                                            guint         y);
const char   *sd_tile_source_get_user_agent (void);

/* Removes cached tiles under `dir` not refreshed for `max_age` seconds, and the folders
 * left empty; returns how many tiles went. A new source does this for its own folder once
 * per run, in a thread, with SD_TILE_CACHE_MAX_AGE. */
#define SD_TILE_CACHE_MAX_AGE (90 * 24 * 3600)
guint         sd_tile_cache_prune          (const char   *dir,
                                            gint64        max_age);

/* Counters since creation: HTTP requests sent, tiles loaded (from disk or network),
 * tiles that failed. "tile-result" (gboolean ok) is emitted after every tile. */
guint         sd_tile_source_get_n_requests (SdTileSource *self);
guint         sd_tile_source_get_n_loaded   (SdTileSource *self);
guint         sd_tile_source_get_n_failed   (SdTileSource *self);

G_END_DECLS
