/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-map-settings.h"
#include "sd-map-setup.h"

gboolean
sd_map_setup_from_store (SdMap *map, SdStore *store)
{
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  double lat, lon;

  g_return_val_if_fail (SD_IS_MAP (map), FALSE);
  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  url = sd_map_settings_get_tile_url (store);
  sd_map_set_tiles (map, url, sd_map_settings_get_gcj02 (store), NULL);
  if (!sd_map_settings_get_shop_location (store, &lat, &lon))
    return FALSE;
  name = sd_store_get_setting (store, "shop.name", _("My shop"));
  sd_map_set_depot (map, lat, lon, name);
  return TRUE;
}
