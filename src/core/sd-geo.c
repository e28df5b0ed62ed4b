/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "songda-geo"

#include "sd-geo.h"

#include <math.h>

/* The published GCJ-02 parameters: the Krasovsky 1940 ellipsoid. */
#define KRASOVSKY_A  6378245.0
#define KRASOVSKY_EE 0.00669342162296594323
#define EARTH_RADIUS_M 6371008.8

gboolean
sd_geo_is_valid (double lat, double lon)
{
  return isfinite (lat) && isfinite (lon) &&
         lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0;
}

gboolean
sd_geo_in_china (double lat, double lon)
{
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

static double
shift_lat (double x, double y)
{
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (160.0 * sin (y / 12.0 * G_PI) + 320.0 * sin (y * G_PI / 30.0)) * 2.0 / 3.0;
  return r;
}

static double
shift_lon (double x, double y)
{
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;
  return r;
}

/* The offset (degrees) GCJ-02 adds to a WGS-84 point. */
static void
gcj_delta (double lat, double lon, double *d_lat, double *d_lon)
{
  double x = lon - 105.0, y = lat - 35.0;
  double rad_lat = lat / 180.0 * G_PI;
  double magic = sin (rad_lat);
  double sqrt_magic;

  magic = 1.0 - KRASOVSKY_EE * magic * magic;
  sqrt_magic = sqrt (magic);
  *d_lat = (shift_lat (x, y) * 180.0) /
           ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * G_PI);
  *d_lon = (shift_lon (x, y) * 180.0) / (KRASOVSKY_A / sqrt_magic * cos (rad_lat) * G_PI);
}

void
sd_geo_wgs84_to_gcj02 (double lat, double lon, double *out_lat, double *out_lon)
{
  double d_lat, d_lon;

  g_return_if_fail (out_lat != NULL && out_lon != NULL);

  if (!sd_geo_in_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }
  gcj_delta (lat, lon, &d_lat, &d_lon);
  *out_lat = lat + d_lat;
  *out_lon = lon + d_lon;
}

void
sd_geo_gcj02_to_wgs84 (double lat, double lon, double *out_lat, double *out_lon)
{
  double w_lat = lat, w_lon = lon;

  g_return_if_fail (out_lat != NULL && out_lon != NULL);

  if (!sd_geo_in_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }
  /* The offset changes slowly with position, so a fixed-point iteration on
   * wgs = gcj - delta(wgs) converges to ~1e-10° in a handful of steps. */
  for (int i = 0; i < 30; i++)
    {
      double g_lat, g_lon, e_lat, e_lon;

      sd_geo_wgs84_to_gcj02 (w_lat, w_lon, &g_lat, &g_lon);
      e_lat = g_lat - lat;
      e_lon = g_lon - lon;
      w_lat -= e_lat;
      w_lon -= e_lon;
      if (fabs (e_lat) < 1e-11 && fabs (e_lon) < 1e-11)
        break;
    }
  *out_lat = w_lat;
  *out_lon = w_lon;
}

double
sd_geo_distance_m (double lat1, double lon1, double lat2, double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2.0 * EARTH_RADIUS_M * atan2 (sqrt (a), sqrt (1.0 - a));
}
