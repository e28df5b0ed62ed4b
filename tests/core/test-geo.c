/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GCJ-02: points inside China move by a few hundred metres, points outside stay, and the
 * inverse brings a picked GCJ-02 point back to the WGS-84 one within centimetres. And the
 * map settings the shop keeps in its store. */
#include <math.h>
#include <string.h>

#include "sd-geo.h"
#include "sd-map-settings.h"
#include "test-util.h"

static void
test_reference_point (void)
{
  double lat, lon;

  /* Tian'anmen: the value every GCJ-02 implementation is checked against. */
  sd_geo_wgs84_to_gcj02 (39.915, 116.404, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 39.916404281502, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 116.410244499169, 1e-9);
}

static void
test_shift_inside_china (void)
{
  static const double points[][2] = {
    { 30.2792, 120.1396 },   /* the demo shop, Hangzhou */
    { 31.2304, 121.4737 },   /* Shanghai */
    { 22.5431, 114.0579 },   /* Shenzhen */
    { 43.8171, 125.3235 },   /* Changchun */
    { 29.6520, 91.1721 },    /* Lhasa */
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double lat, lon, d;

      g_assert_true (sd_geo_in_china (points[i][0], points[i][1]));
      sd_geo_wgs84_to_gcj02 (points[i][0], points[i][1], &lat, &lon);
      d = sd_geo_distance_m (points[i][0], points[i][1], lat, lon);
      g_test_message ("%f,%f moves %.0f m", points[i][0], points[i][1], d);
      g_assert_cmpfloat (d, >, 100.0);
      g_assert_cmpfloat (d, <, 800.0);
    }
}

static void
test_outside_unchanged (void)
{
  static const double points[][2] = {
    { 51.5074, -0.1278 },    /* London */
    { 40.7128, -74.0060 },   /* New York */
    { -33.8688, 151.2093 },  /* Sydney */
    { 0.0, 0.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double lat, lon;

      g_assert_false (sd_geo_in_china (points[i][0], points[i][1]));
      sd_geo_wgs84_to_gcj02 (points[i][0], points[i][1], &lat, &lon);
      g_assert_cmpfloat (lat, ==, points[i][0]);
      g_assert_cmpfloat (lon, ==, points[i][1]);
      sd_geo_gcj02_to_wgs84 (points[i][0], points[i][1], &lat, &lon);
      g_assert_cmpfloat (lat, ==, points[i][0]);
      g_assert_cmpfloat (lon, ==, points[i][1]);
    }
}

static void
test_inverse_round_trip (void)
{
  double worst = 0;

  /* A grid over mainland China: the inverse must undo the forward shift everywhere. */
  for (double lat = 18.5; lat <= 53.0; lat += 1.37)
    for (double lon = 74.0; lon <= 134.5; lon += 1.91)
      {
        double g_lat, g_lon, w_lat, w_lon, d;

        sd_geo_wgs84_to_gcj02 (lat, lon, &g_lat, &g_lon);
        sd_geo_gcj02_to_wgs84 (g_lat, g_lon, &w_lat, &w_lon);
        d = sd_geo_distance_m (lat, lon, w_lat, w_lon);
        worst = MAX (worst, d);
        g_assert_cmpfloat (d, <, 0.5);
      }
  g_test_message ("worst round-trip error %.2e m", worst);
  g_assert_cmpfloat (worst, <, 0.01);
}

static void
test_distance (void)
{
  /* One degree of latitude is about 111.2 km. */
  g_assert_cmpfloat_with_epsilon (sd_geo_distance_m (30.0, 120.0, 31.0, 120.0), 111195, 50);
  g_assert_cmpfloat (sd_geo_distance_m (30.0, 120.0, 30.0, 120.0), ==, 0.0);
  g_assert_true (sd_geo_is_valid (30.0, 120.0));
  g_assert_false (sd_geo_is_valid (91.0, 120.0));
  g_assert_false (sd_geo_is_valid (30.0, NAN));
}

static void
test_map_settings (void)
{
  g_autofree char *dir = test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, &error);
  g_autofree char *url = NULL;
  double lat = 0, lon = 0;

  g_assert_no_error (error);

  /* Nothing set: the default provider, WGS-84 tiles, no shop position. */
  g_assert_null (sd_map_settings_get_tile_url (store));
  g_assert_false (sd_map_settings_get_gcj02 (store));
  g_assert_false (sd_map_settings_get_shop_location (store, &lat, &lon));

  /* A provider's address is kept; a bad one is refused and the old one stays. */
  g_assert_true (sd_map_settings_set_tile_url (store, " https://tiles.example.cn/{z}/{x}/{y}.png ",
                                               &error));
  g_assert_no_error (error);
  url = sd_map_settings_get_tile_url (store);
  g_assert_cmpstr (url, ==, "https://tiles.example.cn/{z}/{x}/{y}.png");
  g_clear_pointer (&url, g_free);

  g_assert_false (sd_map_settings_set_tile_url (store, "ftp://x/{z}/{x}/{y}", &error));
  g_assert_error (error, SD_MAP_SETTINGS_ERROR, SD_MAP_SETTINGS_ERROR_TILE_URL);
  g_assert_nonnull (strstr (error->message, "ftp://x/{z}/{x}/{y}"));
  g_clear_error (&error);
  g_assert_false (sd_map_settings_set_tile_url (store, "https://tiles.example.cn/{z}/{x}.png",
                                                &error));
  g_assert_error (error, SD_MAP_SETTINGS_ERROR, SD_MAP_SETTINGS_ERROR_TILE_URL);
  g_clear_error (&error);
  url = sd_map_settings_get_tile_url (store);
  g_assert_cmpstr (url, ==, "https://tiles.example.cn/{z}/{x}/{y}.png");
  g_clear_pointer (&url, g_free);

  /* Empty goes back to the default. */
  g_assert_true (sd_map_settings_set_tile_url (store, "", &error));
  g_assert_null (sd_map_settings_get_tile_url (store));

  g_assert_true (sd_map_settings_set_gcj02 (store, TRUE, &error));
  g_assert_true (sd_map_settings_get_gcj02 (store));
  g_assert_true (sd_map_settings_set_gcj02 (store, FALSE, &error));
  g_assert_false (sd_map_settings_get_gcj02 (store));

  g_assert_true (sd_store_set_setting (store, "shop.latitude", "30.279200", &error));
  g_assert_true (sd_store_set_setting (store, "shop.longitude", "120.139600", &error));
  g_assert_true (sd_map_settings_get_shop_location (store, &lat, &lon));
  g_assert_cmpfloat (lat, ==, 30.2792);
  g_assert_cmpfloat (lon, ==, 120.1396);
  g_assert_true (sd_map_settings_set_shop_location (store, 31.2304, 121.4737, &error));
  g_assert_no_error (error);
  g_assert_true (sd_map_settings_get_shop_location (store, &lat, &lon));
  g_assert_cmpfloat (lat, ==, 31.2304);
  g_assert_cmpfloat (lon, ==, 121.4737);
  g_assert_false (sd_map_settings_set_shop_location (store, 95.0, 121.0, &error));
  g_assert_error (error, SD_MAP_SETTINGS_ERROR, SD_MAP_SETTINGS_ERROR_LOCATION);
  g_clear_error (&error);
  g_assert_true (sd_map_settings_get_shop_location (store, &lat, &lon));
  g_assert_cmpfloat (lat, ==, 31.2304);
  g_assert_true (sd_store_set_setting (store, "shop.latitude", "north", &error));
  g_assert_false (sd_map_settings_get_shop_location (store, &lat, &lon));

  g_clear_object (&store);
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geo/reference-point", test_reference_point);
  g_test_add_func ("/geo/shift-inside-china", test_shift_inside_china);
  g_test_add_func ("/geo/outside-unchanged", test_outside_unchanged);
  g_test_add_func ("/geo/inverse-round-trip", test_inverse_round_trip);
  g_test_add_func ("/geo/distance", test_distance);
  g_test_add_func ("/geo/map-settings", test_map_settings);
  return g_test_run ();
}
