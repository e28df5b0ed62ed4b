/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sd-geo.h"
#include "sd-map-settings.h"

G_DEFINE_QUARK (sd-map-settings-error-quark, sd_map_settings_error)

gboolean
sd_map_tile_url_check (const char *url, GError **error)
{
  if (url == NULL || !(g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
    {
      g_set_error (error, SD_MAP_SETTINGS_ERROR, SD_MAP_SETTINGS_ERROR_TILE_URL,
                   _("The tile address “%s” must start with http:// or https://"), url ? url : "");
      return FALSE;
    }
  if (strstr (url, "{z}") == NULL || strstr (url, "{x}") == NULL || strstr (url, "{y}") == NULL)
    {
      g_set_error (error, SD_MAP_SETTINGS_ERROR, SD_MAP_SETTINGS_ERROR_TILE_URL,
                   _("The tile address “%s” needs {z}, {x} and {y} where the zoom level and "
                     "tile numbers go"), url);
      return FALSE;
    }
  return TRUE;
}

char *
sd_map_settings_get_tile_url (SdStore *store)
{
  g_autofree char *url = sd_store_get_setting (store, SD_MAP_SETTING_TILE_URL, "");

  g_strstrip (url);
  if (*url == '\0')
    return NULL;
  return g_steal_pointer (&url);
}

gboolean
sd_map_settings_set_tile_url (SdStore *store, const char *url, GError **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (url ? url : ""));

  if (*clean != '\0' && !sd_map_tile_url_check (clean, error))
    return FALSE;
  return sd_store_set_setting (store, SD_MAP_SETTING_TILE_URL, clean, error);
}

gboolean
sd_map_settings_get_gcj02 (SdStore *store)
{
  g_autofree char *value = sd_store_get_setting (store, SD_MAP_SETTING_GCJ02, "0");

  return g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0;
}

gboolean
sd_map_settings_set_gcj02 (SdStore *store, gboolean gcj02, GError **error)
{
  return sd_store_set_setting (store, SD_MAP_SETTING_GCJ02, gcj02 ? "1" : "0", error);
}

gboolean
sd_map_settings_get_shop_location (SdStore *store, double *lat, double *lon)
{
  g_autofree char *lat_text = sd_store_get_setting (store, "shop.latitude", "");
  g_autofree char *lon_text = sd_store_get_setting (store, "shop.longitude", "");
  char *end_lat = NULL, *end_lon = NULL;
  double a, b;

  if (*lat_text == '\0' || *lon_text == '\0')
    return FALSE;
  a = g_ascii_strtod (lat_text, &end_lat);
  b = g_ascii_strtod (lon_text, &end_lon);
  if (*end_lat != '\0' || *end_lon != '\0' || !sd_geo_is_valid (a, b) || (a == 0 && b == 0))
    return FALSE;
  *lat = a;
  *lon = b;
  return TRUE;
}

gboolean
sd_map_settings_set_shop_location (SdStore *store, double lat, double lon, GError **error)
{
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE], lon_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!sd_geo_is_valid (lat, lon) || (lat == 0 && lon == 0))
    {
      g_set_error (error, SD_MAP_SETTINGS_ERROR, SD_MAP_SETTINGS_ERROR_LOCATION,
                   _("The shop’s position %.6f, %.6f is not a place on the map"), lat, lon);
      return FALSE;
    }
  g_ascii_formatd (lat_text, sizeof lat_text, "%.6f", lat);
  g_ascii_formatd (lon_text, sizeof lon_text, "%.6f", lon);
  if (!sd_store_begin (store, error))
    return FALSE;
  if (!sd_store_set_setting (store, "shop.latitude", lat_text, error) ||
      !sd_store_set_setting (store, "shop.longitude", lon_text, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  return sd_store_commit (store, error);
}
