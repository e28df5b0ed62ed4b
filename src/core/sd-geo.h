/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coordinates: Songda stores WGS-84. Map tiles from Chinese providers are drawn in
 * GCJ-02 (the "Mars" datum), which moves points inside mainland China by a few hundred
 * metres; these functions shift a point for display and back again. Pure maths. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE inside the rough mainland-China box where GCJ-02 differs from WGS-84. */
gboolean sd_geo_in_china        (double  lat,
                                 double  lon);
/* WGS-84 → GCJ-02. Points outside China come back unchanged. */
void     sd_geo_wgs84_to_gcj02  (double  lat,
                                 double  lon,
                                 double *out_lat,
                                 double *out_lon);
/* GCJ-02 → WGS-84, by iterating the forward transform (error far below 1 cm). */
void     sd_geo_gcj02_to_wgs84  (double  lat,
                                 double  lon,
                                 double *out_lat,
                                 double *out_lon);
/* Great-circle distance in metres (haversine, mean Earth radius). */
double   sd_geo_distance_m      (double  lat1,
                                 double  lon1,
                                 double  lat2,
                                 double  lon2);
/* TRUE when lat/lon is a usable position (finite, in range). */
gboolean sd_geo_is_valid        (double  lat,
                                 double  lon);

G_END_DECLS
