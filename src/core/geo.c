#include "core/geo.h"

#include <math.h>

static const double earth_radius_m = 6371008.8;

int geo_in_china(double lat, double lon)
{
	if (!isfinite(lat) || !isfinite(lon))
		return 0;
	return lat >= 3.5 && lat <= 53.6 && lon >= 73.4 && lon <= 135.1;
}

static double radians(double deg)
{
	return deg * (M_PI / 180.0);
}

double geo_distance_m(double lat1, double lon1, double lat2, double lon2)
{
	double p1 = radians(lat1), p2 = radians(lat2);
	double dp = radians(lat2 - lat1), dl = radians(lon2 - lon1);
	double h = sin(dp / 2) * sin(dp / 2) +
	           cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);

	if (isnan(h))
		return NAN;
	if (h > 1.0) /* rounding, for antipodal points */
		h = 1.0;
	return 2.0 * earth_radius_m * asin(sqrt(h));
}
