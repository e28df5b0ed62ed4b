/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shop's map settings, kept in the store: where tiles come from, whether they are
 * GCJ-02, and where the shop is (the depot every route starts from). */
#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_MAP_SETTING_TILE_URL "map.tile_url"
#define SD_MAP_SETTING_GCJ02    "map.gcj02"

#define SD_MAP_SETTINGS_ERROR (sd_map_settings_error_quark ())

typedef enum {
  SD_MAP_SETTINGS_ERROR_TILE_URL,
  SD_MAP_SETTINGS_ERROR_LOCATION,
} SdMapSettingsError;

GQuark    sd_map_settings_error_quark   (void);

/* TRUE when `url` is a usable tile address: http(s) with {z}, {x} and {y}. */
gboolean  sd_map_tile_url_check         (const char  *url,
                                         GError     **error);
/* The owner's tile address, or NULL for the default (OpenStreetMap). */
char     *sd_map_settings_get_tile_url  (SdStore     *store);
/* "" or NULL goes back to the default; a bad address is refused with a message. */
gboolean  sd_map_settings_set_tile_url  (SdStore     *store,
                                         const char  *url,
                                         GError     **error);
gboolean  sd_map_settings_get_gcj02     (SdStore     *store);
gboolean  sd_map_settings_set_gcj02     (SdStore     *store,
                                         gboolean     gcj02,
                                         GError     **error);
/* The shop's position (settings shop.latitude / shop.longitude, WGS-84); FALSE when unset. */
gboolean  sd_map_settings_get_shop_location (SdStore  *store,
                                             double   *lat,
                                             double   *lon);

/* Both coordinates in one transaction; a position off the globe is refused. */
gboolean  sd_map_settings_set_shop_location (SdStore  *store,
                                             double    lat,
                                             double    lon,
                                             GError  **error);

G_END_DECLS
