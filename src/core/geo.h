/*
 * Coordinates of facilities and visits: WGS-84 degrees as doubles. Pure
 * arithmetic; no map data.
 */
#ifndef LX_CORE_GEO_H
#define LX_CORE_GEO_H

/* 1 if (lat, lon) lies in the bounding box of China, latitude 3.5..53.6 and
 * longitude 73.4..135.1 inclusive, else 0; NaN and infinities give 0. This
 * is a sanity check against swapped or mistyped coordinates, not a border
 * test: parts of neighbouring countries (Seoul, Hanoi, Ulaanbaatar) are
 * inside the box. Coordinates in GCJ-02 (the offset system of Chinese map
 * services) pass too, being off by a few hundred metres at most. */
int geo_in_china(double lat, double lon);

/* Great-circle distance in metres between two points, by the haversine
 * formula on a sphere of radius 6371008.8 m (the IUGG mean radius); within
 * about 0.5% of the ellipsoidal distance. NaN if any input is NaN. */
double geo_distance_m(double lat1, double lon1, double lat2, double lon2);

#endif
