/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sd-route-geo.c: distance and time matrices from WGS-84 coordinates
 * (great-circle distance times a road factor, time from an average speed). */
#include "sd-route-private.h"

#include <math.h>

#define EARTH_RADIUS_M 6371008.8   /* mean Earth radius (IUGG) */
#define DEG2RAD (3.14159265358979323846 / 180.0)

double
sd_route_haversine_m (double lat1, double lon1, double lat2, double lon2)
{
  double p1 = lat1 * DEG2RAD, p2 = lat2 * DEG2RAD;
  double dp = (lat2 - lat1) * DEG2RAD, dl = (lon2 - lon1) * DEG2RAD;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  if (a > 1.0)
    a = 1.0;
  return 2.0 * EARTH_RADIUS_M * atan2 (sqrt (a), sqrt (1.0 - a));
}

int
sd_route_problem_set_geo (SdRouteProblem *p, const double *lat, const double *lon,
                          double road_factor, double speed_kmh)
{
  double mps;

  if (!p || !lat || !lon || !isfinite (road_factor) || road_factor <= 0.0
      || !isfinite (speed_kmh) || speed_kmh <= 0.0)
    return -1;
  for (int i = 0; i < p->nl; i++)
    if (!isfinite (lat[i]) || !isfinite (lon[i]) || fabs (lat[i]) > 90.0 || fabs (lon[i]) > 180.0)
      return -1;
  mps = speed_kmh / 3.6;
  for (int i = 0; i < p->nl; i++)
    for (int j = 0; j < p->nl; j++)
      {
        size_t k = (size_t) i * (size_t) p->nl + (size_t) j;
        double d = i == j ? 0.0 : sd_route_haversine_m (lat[i], lon[i], lat[j], lon[j]) * road_factor;
        p->dist[k] = d;
        p->time[k] = d / mps;
      }
  return 0;
}
