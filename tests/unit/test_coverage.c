/*
 * The 15-minute service circle (core/coverage.c). Expected values come from
 * the test itself, not from the code under test:
 *  - ref_distance() is a great-circle distance written independently of
 *    core/geo.c: the chord between the two points as 3-D unit vectors,
 *    angle = 2 asin(chord / 2) (the same sphere, R = 6371008.8 m; chord^2 / 4
 *    is the haversine, so it agrees to about 1e-9 m at these distances);
 *  - hand geometry: one degree of latitude is pi R / 180 = 111195.08 m, and
 *    ref_destination() steps a given distance along a given bearing by the
 *    spherical direct formula;
 *  - brute force: every point against every site with ref_distance, in
 *    O(n * m). Each brute-force run also asserts that no distance lies
 *    within 0.1 mm of the reach, so the two distance formulas cannot
 *    disagree about any pair.
 * Pseudo-random geometry comes from a fixed-seed 64-bit LCG (Knuth's MMIX
 * constants), so every run sees the same points.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <limits.h>
#include <math.h>

#include "core/coverage.h"
#include "core/geo.h"

#define R_EARTH    6371008.8
#define M_PER_DEG  (M_PI * R_EARTH / 180.0) /* 111195.08 m */
#define BAZHONG    31.85, 106.75
#define TIE_MARGIN 1e-4 /* metres */

static struct arena *arena;

static int setup(void **state)
{
	arena = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(arena);
	arena = NULL;
	return 0;
}

/* ---- independent geometry ---- */

static double ref_distance(double lat1, double lon1, double lat2, double lon2)
{
	const double k = M_PI / 180.0;
	double x =
	    cos(lat1 * k) * cos(lon1 * k) - cos(lat2 * k) * cos(lon2 * k);
	double y =
	    cos(lat1 * k) * sin(lon1 * k) - cos(lat2 * k) * sin(lon2 * k);
	double z = sin(lat1 * k) - sin(lat2 * k);
	double half_chord = sqrt(x * x + y * y + z * z) / 2.0;

	return 2.0 * R_EARTH * asin(half_chord > 1.0 ? 1.0 : half_chord);
}

static double wrap_lon(double lon)
{
	while (lon > 180.0)
		lon -= 360.0;
	while (lon < -180.0)
		lon += 360.0;
	return lon;
}

/* The point dist_m from (lat, lon) along bearing_deg (0 north, 90 east). */
static void ref_destination(double lat, double lon, double bearing_deg,
                            double dist_m, double *lat2, double *lon2)
{
	const double k = M_PI / 180.0;
	double d = dist_m / R_EARTH, th = bearing_deg * k, p1 = lat * k;
	double p2 = asin(sin(p1) * cos(d) + cos(p1) * sin(d) * cos(th));
	double dl =
	    atan2(sin(th) * sin(d) * cos(p1), cos(d) - sin(p1) * sin(p2));

	*lat2 = p2 / k;
	*lon2 = wrap_lon(lon + dl / k);
}

/* ---- pseudo-random geometry ---- */

struct lcg {
	uint64_t x;
};

static double lcg_unit(struct lcg *g)
{
	g->x = g->x * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(g->x >> 11) / 9007199254740992.0; /* [0, 1) */
}

static long long lcg_population(struct lcg *g)
{
	double u = lcg_unit(g);

	if (u < 0.05)
		return 0;
	return (long long)(lcg_unit(g) * 5000.0) + 1;
}

enum box_kind {
	BOX_RECT, /* half_m either side of the centre, north-south, east-west */
	BOX_POLAR, /* within half_m of the pole the centre's sign names */
	BOX_GLOBE, /* anywhere, uniform over the sphere */
};

struct box {
	enum box_kind kind;
	double lat, lon, half_m;
};

static void box_point(const struct box *b, struct lcg *g, double *lat,
                      double *lon)
{
	double u = lcg_unit(g), v = lcg_unit(g);

	switch (b->kind) {
	case BOX_RECT:
		*lat = b->lat + (2.0 * u - 1.0) * b->half_m / M_PER_DEG;
		*lon = wrap_lon(b->lon +
		                (2.0 * v - 1.0) * b->half_m /
		                    (M_PER_DEG * cos(b->lat * M_PI / 180.0)));
		break;
	case BOX_POLAR:
		*lat =
		    (b->lat > 0 ? 1 : -1) * (90.0 - u * b->half_m / M_PER_DEG);
		*lon = -180.0 + 360.0 * v;
		break;
	case BOX_GLOBE:
		*lat = asin(2.0 * u - 1.0) * 180.0 / M_PI;
		*lon = -180.0 + 360.0 * v;
		break;
	}
}

static struct cov_point *make_points(const struct box *b, size_t n,
                                     uint64_t seed)
{
	struct cov_point *p = arena_alloc(arena, n * sizeof(*p));
	struct lcg g = { seed };

	for (size_t i = 0; i < n; i++) {
		box_point(b, &g, &p[i].lat, &p[i].lon);
		p[i].population = lcg_population(&g);
		p[i].id = (long)(n - i); /* ids run backwards on purpose */
	}
	return p;
}

static struct cov_site *make_sites(const struct box *b, size_t n, uint64_t seed)
{
	struct cov_site *s = arena_alloc(arena, n * sizeof(*s));
	struct lcg g = { seed };

	for (size_t j = 0; j < n; j++) {
		box_point(b, &g, &s[j].lat, &s[j].lon);
		s[j].id = (long)j + 1000;
	}
	return s;
}

/* covered[i] for each point by trying every site. */
static unsigned char *brute_covered(const struct cov_point *p, size_t n,
                                    const struct cov_site *s, size_t m,
                                    double reach)
{
	unsigned char *cov = arena_alloc(arena, n ? n : 1);

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++) {
			double d = ref_distance(p[i].lat, p[i].lon, s[j].lat,
			                        s[j].lon);

			assert_true(fabs(d - reach) > TIE_MARGIN);
			if (d <= reach)
				cov[i] = 1;
		}
	return cov;
}

/* Computes with the engine and checks every figure against brute force. */
static void check_against_brute(const struct cov_point *p, size_t n,
                                const struct cov_site *s, size_t m,
                                double reach)
{
	unsigned char *want = brute_covered(p, n, s, m, reach);
	long long cov_pop = 0, total = 0;
	size_t cov_pts = 0;
	struct cov_result r;
	struct lx_error err;

	lx_error_clear(&err);
	assert_int_equal(coverage_compute(arena, p, n, s, m, reach, &r, &err),
	                 0);
	assert_int_equal(err.code, LX_OK);
	for (size_t i = 0; i < n; i++) {
		if (want[i] != r.covered[i])
			fail_msg("point %zu (%.7f, %.7f) reach %g: want %d got "
			         "%d",
			         i, p[i].lat, p[i].lon, reach, want[i],
			         r.covered[i]);
		total += p[i].population;
		if (want[i]) {
			cov_pop += p[i].population;
			cov_pts++;
		}
	}
	assert_int_equal(r.covered_points, cov_pts);
	assert_int_equal(r.covered_population, cov_pop);
	assert_int_equal(r.total_population, total);
}

static void run_box(const struct box *b, size_t n, size_t m, double reach,
                    uint64_t seed)
{
	struct cov_point *p = make_points(b, n, seed);
	struct cov_site *s = make_sites(b, m, seed * 7 + 1);

	check_against_brute(p, n, s, m, reach);
}

/* ---- hand geometry ---- */

static struct cov_point pt(double lat, double lon, long long pop, long id)
{
	return (struct cov_point){ lat, lon, pop, id };
}

static struct cov_site site(double lat, double lon)
{
	return (struct cov_site){ lat, lon, 0 };
}

/* Points due north and due east of one site at 巴中; reach 1000 m. */
static void test_line(void **state)
{
	const double north_m[] = { 0, 500, 999, 1001, 1500, 2000 };
	const double east_m[] = { 999, 1001 };
	const double lat0 = 31.85, lon0 = 106.75;
	struct cov_point p[8];
	struct cov_site s = site(BAZHONG);
	struct cov_result r;
	struct lx_error err;
	size_t n = 0;

	for (size_t i = 0; i < 6; i++, n++) {
		p[n] = pt(lat0 + north_m[i] / M_PER_DEG, lon0, 10 * (n + 1),
		          (long)n);
		assert_true(fabs(ref_distance(p[n].lat, p[n].lon, lat0, lon0) -
		                 north_m[i]) < 1e-6);
	}
	for (size_t i = 0; i < 2; i++, n++) {
		ref_destination(lat0, lon0, 90.0, east_m[i], &p[n].lat,
		                &p[n].lon);
		p[n].population = 10 * (long long)(n + 1);
		p[n].id = (long)n;
		assert_true(fabs(ref_distance(p[n].lat, p[n].lon, lat0, lon0) -
		                 east_m[i]) < 1e-6);
	}
	assert_int_equal(coverage_compute(arena, p, n, &s, 1, 1000.0, &r, &err),
	                 0);
	/* 0, 500, 999 north and 999 east are in; 1001+ are out */
	const unsigned char want[] = { 1, 1, 1, 0, 0, 0, 1, 0 };
	for (size_t i = 0; i < n; i++)
		assert_int_equal(r.covered[i], want[i]);
	assert_int_equal(r.covered_points, 4);
	assert_int_equal(r.covered_population, 10 + 20 + 30 + 70);
	assert_int_equal(r.total_population,
	                 10 * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8));
	/* reach 1600 adds the 1001 north, 1001 east and 1500 north points */
	assert_int_equal(coverage_compute(arena, p, n, &s, 1, 1600.0, &r, &err),
	                 0);
	assert_int_equal(r.covered_points, 7);
	assert_false(r.covered[5]);
}

/* A point at exactly the reach is covered: distance <= reach. The reach is
 * set to the computed distance itself, then one ulp less; every bearing,
 * at 巴中, 漠河 (53.5 N), near the pole and across the 180th meridian. */
static void test_boundary(void **state)
{
	const struct {
		double lat, lon, dist;
	} where[] = {
		{ BAZHONG, 1000.0 },       { 53.5, 122.3, 1000.0 },
		{ 18.25, 109.5, 1000.0 },  { 89.995, 10.0, 1000.0 },
		{ -89.995, -10.0, 300.0 }, { 10.0, 179.9995, 1000.0 },
		{ -60.0, -180.0, 800.0 },  { 0.0, 0.0, 5000.0 },
		{ 31.85, 106.75, 0.3 },
	};

	for (size_t w = 0; w < sizeof(where) / sizeof(where[0]); w++) {
		struct cov_site s = site(where[w].lat, where[w].lon);

		for (int b = 0; b < 360; b += 15) {
			struct cov_point p = pt(0, 0, 7, 1);
			struct cov_result r;
			struct lx_error err;
			double d;

			ref_destination(s.lat, s.lon, b, where[w].dist, &p.lat,
			                &p.lon);
			d = geo_distance_m(p.lat, p.lon, s.lat, s.lon);
			/* the direct formula loses a little over a pole */
			assert_true(fabs(d - where[w].dist) < 1e-4);
			assert_true(
			    fabs(ref_distance(p.lat, p.lon, s.lat, s.lon) - d) <
			    1e-6);
			assert_int_equal(
			    coverage_compute(arena, &p, 1, &s, 1, d, &r, &err),
			    0);
			if (!r.covered[0])
				fail_msg("site %zu bearing %d: missed at the "
				         "reach",
				         w, b);
			assert_int_equal(r.covered_population, 7);
			assert_int_equal(coverage_compute(arena, &p, 1, &s, 1,
			                                  nextafter(d, 0), &r,
			                                  &err),
			                 0);
			assert_false(r.covered[0]);
		}
	}
}

/* A site at the point itself, including the same place written two ways. */
static void test_same_place(void **state)
{
	struct cov_point p[] = {
		pt(BAZHONG, 5, 1),      pt(40.0, 180.0, 6, 2),
		pt(90.0, 0.0, 7, 3),    pt(-90.0, 45.0, 8, 4),
		pt(12.5, -180.0, 9, 5),
	};
	struct cov_site s[] = {
		site(BAZHONG),     site(40.0, -180.0), site(90.0, 123.0),
		site(-90.0, -1.0), site(12.5, 180.0),
	};
	struct cov_result r;
	struct lx_error err;

	assert_int_equal(coverage_compute(arena, p, 5, s, 5, 0.01, &r, &err),
	                 0);
	assert_int_equal(r.covered_points, 5);
	assert_int_equal(r.covered_population, 35);
	/* each on its own */
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(
		    coverage_compute(arena, &p[i], 1, &s[i], 1, 0.01, &r, &err),
		    0);
		assert_true(r.covered[0]);
	}
}

static void test_zero_sites(void **state)
{
	struct cov_point p[] = { pt(BAZHONG, 100, 1), pt(31.9, 106.8, 50, 2) };
	struct cov_result r;
	struct lx_error err;

	assert_int_equal(
	    coverage_compute(arena, p, 2, NULL, 0, 1000.0, &r, &err), 0);
	assert_int_equal(r.covered_points, 0);
	assert_int_equal(r.covered_population, 0);
	assert_int_equal(r.total_population, 150);
	assert_non_null(r.covered);
	assert_false(r.covered[0] || r.covered[1]);
}

static void test_zero_points(void **state)
{
	struct cov_site s = site(BAZHONG);
	struct cov_result r;
	struct lx_error err;
	size_t *idx, *unc;
	long long *gain;

	assert_int_equal(
	    coverage_compute(arena, NULL, 0, &s, 1, 1000.0, &r, &err), 0);
	assert_int_equal(r.covered_points, 0);
	assert_int_equal(r.covered_population, 0);
	assert_int_equal(r.total_population, 0);
	assert_null(r.covered);
	assert_int_equal(
	    coverage_compute(arena, NULL, 0, NULL, 0, 1000.0, &r, &err), 0);
	assert_int_equal(r.total_population, 0);
	assert_int_equal(coverage_uncovered(arena, NULL, 0, &r, &unc), 0);
	assert_non_null(unc);
	assert_int_equal(
	    coverage_greedy(arena, NULL, 0, &r, &s, 1, 1000.0, 3, &idx, &gain),
	    0);
	assert_non_null(idx);
	assert_non_null(gain);
}

/* Population 0 points count as covered points but add no population. */
static void test_population_zero(void **state)
{
	struct cov_point p[] = { pt(BAZHONG, 0, 1),
		                 pt(31.85 + 500 / M_PER_DEG, 106.75, 0, 2),
		                 pt(31.85 + 3000 / M_PER_DEG, 106.75, 0, 3) };
	struct cov_site s = site(BAZHONG);
	struct cov_result r;
	struct lx_error err;

	assert_int_equal(coverage_compute(arena, p, 3, &s, 1, 1000.0, &r, &err),
	                 0);
	assert_int_equal(r.covered_points, 2);
	assert_int_equal(r.covered_population, 0);
	assert_int_equal(r.total_population, 0);
	assert_true(r.covered[0] && r.covered[1] && !r.covered[2]);
}

/* ---- against brute force ---- */

/* The project's case: 1000 points, 40 sites, a 30 km box at 巴中. */
static void test_bazhong_1000(void **state)
{
	const struct box b = { BOX_RECT, BAZHONG, 15000.0 };
	const double reach[] = { 1000.0, 500.0, 2000.0, 5000.0 };
	struct cov_point *p = make_points(&b, 1000, 20240601);
	struct cov_site *s = make_sites(&b, 40, 77);

	for (size_t i = 0; i < 4; i++)
		check_against_brute(p, 1000, s, 40, reach[i]);
}

/* Boxes straddling whole-degree lines (32 N, 107 E; 0 N, 0 E), elsewhere in
 * China, across the 180th meridian, at the poles, over the whole globe
 * (reaches past a quarter of the circumference too), and with reaches far
 * below and far above the grid's smallest cell. */
static void test_boxes(void **state)
{
	const struct {
		struct box b;
		size_t n, m;
		double reach;
	} cases[] = {
		{ { BOX_RECT, 32.0, 107.0, 15000.0 }, 1000, 40, 1000.0 },
		{ { BOX_RECT, 32.0, 107.0, 15000.0 }, 1000, 40, 2000.0 },
		{ { BOX_RECT, 53.5, 122.3, 15000.0 }, 1000, 40, 1000.0 },
		{ { BOX_RECT, 18.25, 109.5, 15000.0 }, 1000, 40, 1000.0 },
		{ { BOX_RECT, 39.47, 75.99, 15000.0 }, 1000, 40, 1500.0 },
		{ { BOX_RECT, 0.0, 0.0, 15000.0 }, 1000, 40, 1000.0 },
		{ { BOX_RECT, 65.0, 180.0, 15000.0 }, 1000, 40, 1000.0 },
		{ { BOX_RECT, -35.0, -180.0, 15000.0 }, 1000, 40, 3000.0 },
		{ { BOX_POLAR, 90.0, 0.0, 20000.0 }, 1000, 40, 1000.0 },
		{ { BOX_POLAR, 90.0, 0.0, 5000.0 }, 1000, 20, 2500.0 },
		{ { BOX_POLAR, -90.0, 0.0, 20000.0 }, 1000, 40, 3000.0 },
		{ { BOX_RECT, 89.8, 30.0, 15000.0 }, 1000, 40, 1000.0 },
		{ { BOX_GLOBE, 0, 0, 0 }, 1000, 200, 500000.0 },
		{ { BOX_GLOBE, 0, 0, 0 }, 1000, 50, 3000000.0 },
		{ { BOX_GLOBE, 0, 0, 0 }, 300, 2, 12000000.0 },
		{ { BOX_GLOBE, 0, 0, 0 }, 300, 1, 16000000.0 },
		{ { BOX_RECT, BAZHONG, 20.0 }, 500, 40, 0.5 },
		{ { BOX_RECT, BAZHONG, 2.0 }, 300, 30, 0.05 },
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		run_box(&cases[c].b, cases[c].n, cases[c].m, cases[c].reach,
		        1000 + c);
}

/* A reach beyond half the circumference covers every point anywhere. */
static void test_whole_globe(void **state)
{
	const struct box b = { BOX_GLOBE, 0, 0, 0 };
	struct cov_point *p = make_points(&b, 500, 5);
	struct cov_site s = site(BAZHONG);
	struct cov_result r;
	struct lx_error err;

	assert_int_equal(coverage_compute(arena, p, 500, &s, 1, 3e7, &r, &err),
	                 0);
	assert_int_equal(r.covered_points, 500);
	assert_int_equal(r.covered_population, r.total_population);
	/* the antipode of 巴中 is exactly half the circumference away */
	struct cov_point anti = pt(-31.85, 106.75 - 180.0, 1, 1);
	assert_int_equal(coverage_compute(arena, &anti, 1, &s, 1,
	                                  M_PI * R_EARTH * (1 + 1e-12), &r,
	                                  &err),
	                 0);
	assert_true(r.covered[0]);
	assert_int_equal(coverage_compute(arena, &anti, 1, &s, 1,
	                                  M_PI * R_EARTH * (1 - 1e-6), &r,
	                                  &err),
	                 0);
	assert_false(r.covered[0]);
}

/* ---- uncovered ---- */

static void test_uncovered_order(void **state)
{
	struct cov_point p[] = {
		pt(31.0, 106.0, 100, 5), pt(31.1, 106.0, 300, 9),
		pt(31.2, 106.0, 300, 2), pt(31.3, 106.0, 0, 1),
		pt(31.4, 106.0, 50, 7),  pt(31.5, 106.0, 900, 3),
		pt(31.6, 106.0, 300, 2),
	};
	struct cov_site s = site(31.5, 106.0); /* covers p[5] only */
	const size_t want[] = { 2, 6, 1, 0, 4, 3 };
	struct cov_result r;
	struct lx_error err;
	size_t *u, n;

	assert_int_equal(coverage_compute(arena, p, 7, &s, 1, 1000.0, &r, &err),
	                 0);
	assert_int_equal(r.covered_points, 1);
	n = coverage_uncovered(arena, p, 7, &r, &u);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(u[i], want[i]);
	/* everything covered: empty, but a real array */
	assert_int_equal(
	    coverage_compute(arena, &p[5], 1, &s, 1, 1000.0, &r, &err), 0);
	assert_int_equal(coverage_uncovered(arena, &p[5], 1, &r, &u), 0);
	assert_non_null(u);
}

/* ---- greedy ---- */

/* Points north of 巴中 at 0 (500 people), 5000 (300), 5800 (300) and 6600 m
 * (250); reach 1000. Candidate 0 at 0 m covers 500; 1 at 5400 m covers
 * 300 + 300; 2 at 6200 m covers 300 + 250, overlapping 1. Greedy takes 1
 * (600), then 0 (500), then 2 for the 250 left. */
static double north_of(double m)
{
	return 31.85 + m / M_PER_DEG;
}

static void test_greedy_hand(void **state)
{
	struct cov_point p[] = {
		pt(north_of(0), 106.75, 500, 1),
		pt(north_of(5000), 106.75, 300, 2),
		pt(north_of(5800), 106.75, 300, 3),
		pt(north_of(6600), 106.75, 250, 4),
	};
	struct cov_site c[] = {
		site(north_of(0), 106.75),
		site(north_of(5400), 106.75),
		site(north_of(6200), 106.75),
		site(north_of(6200), 106.75), /* a twin of 2: never first */
		site(NAN, 106.75),            /* invalid: takes no part */
	};
	struct cov_site existing = site(north_of(-200), 106.75);
	struct cov_result r;
	struct lx_error err;
	long long *gain;
	size_t *idx, n;

	n = coverage_greedy(arena, p, 4, NULL, c, 5, 1000.0, 5, &idx, &gain);
	assert_int_equal(n, 3);
	assert_int_equal(idx[0], 1);
	assert_int_equal(gain[0], 600);
	assert_int_equal(idx[1], 0);
	assert_int_equal(gain[1], 500);
	assert_int_equal(idx[2], 2);
	assert_int_equal(gain[2], 250);

	/* k limits the choice */
	n = coverage_greedy(arena, p, 4, NULL, c, 5, 1000.0, 1, &idx, &gain);
	assert_int_equal(n, 1);
	assert_int_equal(idx[0], 1);
	assert_int_equal(
	    coverage_greedy(arena, p, 4, NULL, c, 5, 1000.0, 0, &idx, &gain),
	    0);

	/* an existing site covers the 500: candidate 0 adds nothing, and
	 * the choice stops after two */
	assert_int_equal(
	    coverage_compute(arena, p, 4, &existing, 1, 1000.0, &r, &err), 0);
	assert_int_equal(r.covered_population, 500);
	n = coverage_greedy(arena, p, 4, &r, c, 5, 1000.0, 5, &idx, &gain);
	assert_int_equal(n, 2);
	assert_int_equal(idx[0], 1);
	assert_int_equal(gain[0], 600);
	assert_int_equal(idx[1], 2);
	assert_int_equal(gain[1], 250);

	/* a wider reach: candidates 1 and 2 each cover 5000, 5800 and 6600
	 * now, 850, and the tie goes to the lower index; then 0 adds 500 */
	n = coverage_greedy(arena, p, 4, NULL, c, 5, 1300.0, 5, &idx, &gain);
	assert_int_equal(n, 2);
	assert_int_equal(idx[0], 1);
	assert_int_equal(gain[0], 850);
	assert_int_equal(idx[1], 0);
	assert_int_equal(gain[1], 500);

	/* a bad reach chooses nothing; out pointers are optional */
	assert_int_equal(
	    coverage_greedy(arena, p, 4, NULL, c, 5, NAN, 5, &idx, &gain), 0);
	assert_int_equal(
	    coverage_greedy(arena, p, 4, NULL, c, 5, 1000.0, 5, NULL, NULL), 3);
	/* no candidates */
	assert_int_equal(
	    coverage_greedy(arena, p, 4, NULL, NULL, 0, 1000.0, 5, &idx, &gain),
	    0);
}

/* Each step's gain equals the best gain found by brute force over every
 * candidate and every still-open point, and the choice is the lowest
 * index with that gain. */
static void check_greedy(const struct cov_point *p, size_t n,
                         const struct cov_result *r, const struct cov_site *c,
                         size_t nc, double reach, size_t k)
{
	unsigned char *reach_of = arena_alloc(arena, n * nc);
	unsigned char *open = arena_alloc(arena, n);
	long long *gain;
	size_t *idx, got, step;

	for (size_t i = 0; i < n; i++) {
		open[i] = !r || !r->covered[i];
		for (size_t j = 0; j < nc; j++) {
			double d = ref_distance(p[i].lat, p[i].lon, c[j].lat,
			                        c[j].lon);

			assert_true(fabs(d - reach) > TIE_MARGIN);
			reach_of[i * nc + j] = d <= reach;
		}
	}
	got = coverage_greedy(arena, p, n, r, c, nc, reach, k, &idx, &gain);
	for (step = 0;; step++) {
		long long best_gain = 0;
		size_t best = 0;

		for (size_t j = 0; j < nc; j++) {
			long long g = 0;

			for (size_t i = 0; i < n; i++)
				if (open[i] && reach_of[i * nc + j])
					g += p[i].population;
			if (g > best_gain) {
				best_gain = g;
				best = j;
			}
		}
		if (step == k || best_gain == 0)
			break;
		assert_true(step < got);
		assert_int_equal(gain[step], best_gain);
		assert_int_equal(idx[step], best);
		for (size_t i = 0; i < n; i++)
			if (reach_of[i * nc + best])
				open[i] = 0;
	}
	assert_int_equal(got, step);
}

static void test_greedy_bazhong(void **state)
{
	const struct box b = { BOX_RECT, BAZHONG, 15000.0 };
	struct cov_point *p = make_points(&b, 1000, 20240601);
	struct cov_site *s = make_sites(&b, 40, 77);
	struct cov_site *c = make_sites(&b, 200, 4242);
	struct cov_result r;
	struct lx_error err;

	assert_int_equal(
	    coverage_compute(arena, p, 1000, s, 40, 1000.0, &r, &err), 0);
	check_greedy(p, 1000, &r, c, 200, 1000.0, 30);
	check_greedy(p, 1000, &r, c, 200, 1000.0, 200); /* to exhaustion */
	check_greedy(p, 1000, NULL, c, 200, 2000.0, 25);
	assert_int_equal(
	    coverage_compute(arena, p, 1000, s, 40, 5000.0, &r, &err), 0);
	check_greedy(p, 1000, &r, c, 200, 5000.0, 200);
}

/* ---- errors ---- */

static void expect_invalid(const struct cov_point *p, size_t n,
                           const struct cov_site *s, size_t m, double reach,
                           const char *field)
{
	struct cov_result r;
	struct lx_error err;

	lx_error_clear(&err);
	memset(&r, 0xA5, sizeof(r));
	assert_int_equal(coverage_compute(arena, p, n, s, m, reach, &r, &err),
	                 -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, field);
	assert_true(strstr(err.message, field) != NULL);
	assert_null(r.covered);
	assert_int_equal(r.covered_points, 0);
	assert_int_equal(r.total_population, 0);
}

static void test_errors(void **state)
{
	struct cov_point good[] = { pt(BAZHONG, 1, 1), pt(31.9, 106.8, 2, 2),
		                    pt(31.9, 106.8, 3, 3) };
	struct cov_point bad[3];
	struct cov_site sites[] = { site(BAZHONG), site(31.9, 106.8) };
	struct cov_site bad_sites[2];
	struct lx_error err;

	expect_invalid(good, 3, sites, 2, 0.0, "reach");
	expect_invalid(good, 3, sites, 2, -5.0, "reach");
	expect_invalid(good, 3, sites, 2, NAN, "reach");
	expect_invalid(good, 3, sites, 2, INFINITY, "reach");
	expect_invalid(NULL, 0, NULL, 0, -1.0, "reach");

	const struct {
		double lat, lon;
		long long pop;
	} bad_points[] = {
		{ 90.0001, 106.0, 1 },  { -91.0, 106.0, 1 },
		{ 31.0, 180.5, 1 },     { 31.0, -181.0, 1 },
		{ NAN, 106.0, 1 },      { 31.0, NAN, 1 },
		{ INFINITY, 106.0, 1 }, { 31.0, -INFINITY, 1 },
		{ 31.0, 106.0, -1 },
	};
	for (size_t i = 0; i < sizeof(bad_points) / sizeof(bad_points[0]);
	     i++) {
		memcpy(bad, good, sizeof(good));
		bad[2] = pt(bad_points[i].lat, bad_points[i].lon,
		            bad_points[i].pop, 3);
		expect_invalid(bad, 3, sites, 2, 1000.0, "points[2]");
	}
	/* the total would overflow */
	memcpy(bad, good, sizeof(good));
	bad[0].population = LLONG_MAX - 1;
	expect_invalid(bad, 3, sites, 2, 1000.0, "points[1]");
	bad[0].population = LLONG_MAX - 5;
	assert_int_equal(coverage_compute(arena, bad, 3, sites, 2, 1000.0,
	                                  &(struct cov_result){ 0 }, &err),
	                 0);

	memcpy(bad_sites, sites, sizeof(sites));
	bad_sites[1].lat = 95.0;
	expect_invalid(good, 3, bad_sites, 2, 1000.0, "sites[1]");
	bad_sites[1].lat = NAN;
	expect_invalid(good, 3, bad_sites, 2, 1000.0, "sites[1]");
	bad_sites[1].lat = 31.0;
	bad_sites[1].lon = 200.0;
	expect_invalid(good, 3, bad_sites, 2, 1000.0, "sites[1]");
	/* with no points the sites are still checked */
	expect_invalid(NULL, 0, bad_sites, 2, 1000.0, "sites[1]");
	/* the limits themselves are fine */
	struct cov_point edge[] = { pt(90, 180, 1, 1), pt(-90, -180, 1, 2) };
	struct cov_site edge_site = site(-90.0, 180.0);
	struct cov_result r;
	assert_int_equal(
	    coverage_compute(arena, edge, 2, &edge_site, 1, 1.0, &r, &err), 0);
	assert_int_equal(r.covered_points, 1);

	/* the same check for candidates, under the caller's name; a NULL
	 * err is allowed */
	lx_error_clear(&err);
	assert_int_equal(coverage_check_sites(sites, 2, "candidates", &err), 0);
	assert_int_equal(coverage_check_sites(bad_sites, 2, "candidates", &err),
	                 -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "candidates[1]");
	assert_int_equal(coverage_check_sites(bad_sites, 2, "candidates", NULL),
	                 -1);
}

/* ---- scale ---- */

/* 200,000 points and 3,000 sites over 100 km x 100 km at 巴中: it finishes,
 * and 1,000 points drawn at random agree with brute force. */
static void test_scale(void **state)
{
	const struct box b = { BOX_RECT, BAZHONG, 50000.0 };
	const size_t n = 200000, m = 3000, sample = 1000;
	struct cov_point *p = make_points(&b, n, 99);
	struct cov_site *s = make_sites(&b, m, 98);
	struct cov_point *ps = arena_alloc(arena, sample * sizeof(*ps));
	size_t *which = arena_alloc(arena, sample * sizeof(*which));
	struct lcg g = { 31337 };
	struct cov_result r;
	struct lx_error err;
	unsigned char *want;
	long long total = 0;

	assert_int_equal(coverage_compute(arena, p, n, s, m, 1000.0, &r, &err),
	                 0);
	for (size_t i = 0; i < n; i++)
		total += p[i].population;
	assert_int_equal(r.total_population, total);
	assert_true(r.covered_points > n / 4 && r.covered_points < n);
	for (size_t i = 0; i < sample; i++) {
		which[i] = (size_t)(lcg_unit(&g) * (double)n);
		ps[i] = p[which[i]];
	}
	want = brute_covered(ps, sample, s, m, 1000.0);
	for (size_t i = 0; i < sample; i++)
		assert_int_equal(r.covered[which[i]], want[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_line),         T(test_boundary),
		T(test_same_place),   T(test_zero_sites),
		T(test_zero_points),  T(test_population_zero),
		T(test_bazhong_1000), T(test_boxes),
		T(test_whole_globe),  T(test_uncovered_order),
		T(test_greedy_hand),  T(test_greedy_bazhong),
		T(test_errors),       T(test_scale),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
