/*
 * Coordinates. The Tiananmen–People's Square distance, 1068140.3 m, was
 * computed independently with python's math module (same haversine, same
 * radius); published great-circle figures are about 1068 km.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "core/geo.h"

static void test_in_china(void **state)
{
	assert_true(geo_in_china(39.9087, 116.3975)); /* Beijing */
	assert_true(geo_in_china(31.2304, 121.4737)); /* Shanghai */
	assert_true(geo_in_china(31.8672, 106.7479)); /* Bazhong */
	assert_true(geo_in_china(43.8256, 87.6168));  /* Urumqi */
	assert_true(geo_in_china(3.5, 73.4));         /* corners inclusive */
	assert_true(geo_in_china(53.6, 135.1));
	assert_false(geo_in_china(35.68, 139.69));     /* Tokyo */
	assert_false(geo_in_china(116.3975, 39.9087)); /* swapped */
	assert_false(geo_in_china(-33.87, 151.21));    /* Sydney */
	assert_false(geo_in_china(53.7, 120.0));
	assert_false(geo_in_china(30.0, 73.3));
	assert_false(geo_in_china(0.0, 0.0));
}

static void test_not_finite(void **state)
{
	assert_false(geo_in_china(NAN, 116.0));
	assert_false(geo_in_china(39.0, NAN));
	assert_false(geo_in_china(INFINITY, 116.0));
	assert_false(geo_in_china(39.0, -INFINITY));
}

static void test_distance(void **state)
{
	double d = geo_distance_m(39.9087, 116.3975, 31.2304, 121.4737);

	assert_true(d > 1067000.0 && d < 1069000.0);
	assert_true(fabs(d - 1068140.3) < 1.0);
	/* symmetric */
	assert_true(fabs(geo_distance_m(31.2304, 121.4737, 39.9087, 116.3975) -
	                 d) < 1e-6);
	assert_true(geo_distance_m(39.9087, 116.3975, 39.9087, 116.3975) ==
	            0.0);
	/* half the circumference between antipodes: pi * R */
	assert_true(fabs(geo_distance_m(0, 0, 0, 180) - M_PI * 6371008.8) <
	            1e-3);
	/* one degree of latitude: pi * R / 180, about 111195 m */
	assert_true(fabs(geo_distance_m(30, 110, 31, 110) -
	                 M_PI * 6371008.8 / 180) < 1e-3);
	assert_true(isnan(geo_distance_m(NAN, 0, 0, 0)));
	assert_true(isnan(geo_distance_m(0, 0, 0, NAN)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_china),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_distance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
