/*
 * The 15-minute service circle (15分钟养老/托育服务圈): which residential
 * points have a service site within reach, how much population that is, and
 * where new sites would add the most. Pure arithmetic on WGS-84 degrees; no
 * I/O, no globals.
 *
 * Distance is great-circle distance by geo_distance_m() (a sphere of radius
 * 6371008.8 m), always called as geo_distance_m(point, site). A point is
 * covered when that distance is <= reach_m: a site exactly at the reach
 * counts. Sites are indexed in a grid over the sphere so that the cost is
 * about O((n + m) * k), k the sites near a point, not O(n * m).
 *
 * All memory, results and scratch alike, comes from the arena passed in and
 * dies with it.
 */
#ifndef LX_CORE_COVERAGE_H
#define LX_CORE_COVERAGE_H

#include "core/arena.h"
#include "core/error.h"

#include <stddef.h>

/* A residential point: a village or community centroid, or any point. */
struct cov_point {
	double lat, lon;      /* degrees, lat -90..90, lon -180..180 */
	long long population; /* >= 0 */
	long id;              /* the caller's; used only to order ties */
};

/* A service site: a community elderly-care facility or a childcare place. */
struct cov_site {
	double lat, lon; /* degrees, as for points */
	long id;         /* the caller's; not used here */
};

/* The share covered is covered_population / total_population, kept as a
 * numerator and a denominator; callers round for display (total may be 0). */
struct cov_result {
	long long covered_population, total_population;
	size_t covered_points;  /* points covered, population 0 ones included */
	unsigned char *covered; /* 1 or 0 per point; arena-owned, NULL if
	                           there are no points */
};

/* Checks that every site has finite coordinates within lat -90..90 and lon
 * -180..180. Returns 0, or -1 with err (LX_EINVALID) naming the first bad
 * site as "<name>[i]", e.g. "candidates[3]". sites may be NULL if n is 0. */
int coverage_check_sites(const struct cov_site *sites, size_t n,
                         const char *name, struct lx_error *err);

/* Computes which of the npts points have one of the nsites sites within
 * reach_m metres, and the population covered and in total.
 * Returns 0 and fills *out (out->covered arena-owned), or -1 with err
 * (LX_EINVALID) and *out zeroed, nothing allocated, when:
 *   reach_m is not finite and > 0                        field "reach";
 *   a point's coordinates are not finite or out of range,
 *   its population is negative, or the total overflows    field "points[i]";
 *   a site's coordinates are not finite or out of range   field "sites[i]".
 * pts and sites may be NULL when their count is 0. Zero sites cover
 * nothing; zero points give all zeros. */
int coverage_compute(struct arena *a, const struct cov_point *pts, size_t npts,
                     const struct cov_site *sites, size_t nsites,
                     double reach_m, struct cov_result *out,
                     struct lx_error *err);

/* The points r leaves uncovered, as indexes into pts, sorted by population
 * descending, then id ascending, then index ascending. r must come from
 * coverage_compute over the same pts. Returns the count; *out is an
 * arena-owned array of that many indexes (never NULL, even when empty). */
size_t coverage_uncovered(struct arena *a, const struct cov_point *pts,
                          size_t npts, const struct cov_result *r,
                          size_t **out);

/* Greedy maximum coverage: chooses up to k of the ncands candidate sites,
 * one at a time, each time the candidate that covers the most population
 * not yet covered (by r or by earlier choices), ties to the lowest index.
 * Stops early when no candidate adds any population.
 * r is the existing coverage, from coverage_compute over the same pts with
 * any reach; NULL means nothing is covered yet. Points and candidates with
 * coordinates that are not finite or out of range, and points with a
 * negative population or one that would make the total overflow, take no
 * part (validate with coverage_compute and coverage_check_sites first); a
 * reach_m that is not finite and > 0 chooses nothing. Cost: one grid over
 * the open points, then O(k * ncands) plus the candidate-point pairs.
 * Returns the number chosen; *out_idx gets the chosen candidate indexes in
 * order and *out_gain the population each added, both arena-owned arrays
 * (never NULL); either pointer may be NULL if not wanted. */
size_t coverage_greedy(struct arena *a, const struct cov_point *pts,
                       size_t npts, const struct cov_result *r,
                       const struct cov_site *cands, size_t ncands,
                       double reach_m, size_t k, size_t **out_idx,
                       long long **out_gain);

#endif
