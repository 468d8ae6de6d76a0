#include "core/coverage.h"

#include "core/geo.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The grid. Rows are bands of latitude cell_deg high, counted from the south
 * pole. Each row is cut into ncols equal slices of longitude, ncols chosen
 * so that a cell is about cell_deg of arc wide (about reach_m metres) where
 * the row is widest, i.e. at its edge nearest the equator: cells near the
 * poles span many degrees of longitude, so a row never has more cells than
 * its length needs. Column 0 starts at -180; 180 falls in column 0 again.
 *
 * A query for the sites within angular radius d of (lat, lon) scans the rows
 * from lat - d to lat + d (great-circle distance is never less than the
 * difference in latitude) and, in each, the columns from lon - w to lon + w
 * wrapping across the 180th meridian, where w = asin(sin d / cos lat) is the
 * widest longitude a spherical cap of radius d reaches; when the cap touches
 * a pole every column is scanned. d is padded a little beyond reach_m so
 * that rounding in the bound can never drop a site the exact test keeps.
 *
 * Non-empty cells are kept in an open-addressing hash table keyed by
 * (row << 32 | col), pointing into the items sorted by key, so memory is
 * O(m) whatever the reach.
 */

enum { COL_MAX = 1 << 30 };

static const double earth_radius_m = 6371008.8;
static const double min_cell_rad = 1e-7; /* about 0.64 m: bounds the rows */
static const double pad_rel = 1e-6;      /* relative padding of the radius */
static const double pad_deg = 1e-9;      /* absolute padding, degrees */

struct grid_item {
	uint64_t key;
	double lat, lon;
	size_t idx; /* the caller's index */
};

struct grid_cell {
	uint64_t key;
	size_t start, count; /* count 0: an empty slot */
};

struct grid {
	double cell_deg;   /* row height in degrees of latitude */
	double search_deg; /* query radius, padded, in degrees of arc */
	long nrows;
	const struct grid_item *items;
	struct grid_cell *cells;
	size_t mask; /* table size - 1, a power of two minus one */
};

static double rad(double deg)
{
	return deg * (M_PI / 180.0);
}

static double deg(double r)
{
	return r * (180.0 / M_PI);
}

static int coord_ok(double lat, double lon)
{
	return isfinite(lat) && isfinite(lon) && lat >= -90.0 && lat <= 90.0 &&
	       lon >= -180.0 && lon <= 180.0;
}

static int reach_ok(double reach_m)
{
	return isfinite(reach_m) && reach_m > 0.0;
}

static uint64_t hash64(uint64_t x)
{
	/* splitmix64's finaliser */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Row of a latitude; latitudes beyond the poles clamp to the end rows. */
static long grid_row(const struct grid *g, double lat)
{
	double t = floor((lat + 90.0) / g->cell_deg);

	if (t < 0.0)
		return 0;
	if (t >= (double)g->nrows)
		return g->nrows - 1;
	return (long)t;
}

static long grid_ncols(const struct grid *g, long row)
{
	double lo = -90.0 + (double)row * g->cell_deg;
	double hi = lo + g->cell_deg;
	double c, n;

	if (lo <= 0.0 && hi >= 0.0)
		c = 1.0;
	else
		c = cos(rad(fmin(fabs(lo), fabs(hi))));
	n = floor(360.0 * c / g->cell_deg);
	if (!(n >= 1.0))
		return 1;
	if (n > (double)COL_MAX)
		return COL_MAX;
	return (long)n;
}

/* Unwrapped column of a longitude, which may lie beyond ±180. */
static long long grid_col_raw(double lon, long ncols)
{
	return (long long)floor((lon + 180.0) / 360.0 * (double)ncols);
}

static long grid_col_wrap(long long c, long ncols)
{
	c %= ncols;
	if (c < 0)
		c += ncols;
	return (long)c;
}

static uint64_t grid_key(long row, long col)
{
	return (uint64_t)row << 32 | (uint64_t)(uint32_t)col;
}

static uint64_t grid_key_of(const struct grid *g, double lat, double lon)
{
	long row = grid_row(g, lat);
	long ncols = grid_ncols(g, row);

	return grid_key(row, grid_col_wrap(grid_col_raw(lon, ncols), ncols));
}

static int item_cmp(const void *pa, const void *pb)
{
	const struct grid_item *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Sets up the geometry of g for reach_m, which must be valid. */
static void grid_init(struct grid *g, double reach_m)
{
	double d = reach_m / earth_radius_m;

	memset(g, 0, sizeof(*g));
	g->cell_deg = deg(fmax(d, min_cell_rad));
	g->search_deg = deg(d) * (1.0 + pad_rel) + pad_deg;
	g->nrows = (long)ceil(180.0 / g->cell_deg);
	if (g->nrows < 1)
		g->nrows = 1;
}

/* Indexes the n items (lat, lon, idx filled, valid coordinates); sorts them
 * in place, so they must live as long as g. */
static void grid_build(struct grid *g, struct arena *a, struct grid_item *items,
                       size_t n)
{
	size_t size = 16;

	for (size_t i = 0; i < n; i++)
		items[i].key = grid_key_of(g, items[i].lat, items[i].lon);
	if (n > 1)
		qsort(items, n, sizeof(*items), item_cmp);
	while (size < 2 * n)
		size *= 2;
	g->items = items;
	g->cells = arena_alloc(a, size * sizeof(*g->cells));
	g->mask = size - 1;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1, h = hash64(items[i].key) & g->mask;

		while (j < n && items[j].key == items[i].key)
			j++;
		while (g->cells[h].count)
			h = (h + 1) & g->mask;
		g->cells[h] = (struct grid_cell){ items[i].key, i, j - i };
		i = j;
	}
}

static const struct grid_cell *grid_cell(const struct grid *g, uint64_t key)
{
	size_t h = hash64(key) & g->mask;

	while (g->cells[h].count) {
		if (g->cells[h].key == key)
			return &g->cells[h];
		h = (h + 1) & g->mask;
	}
	return NULL;
}

/* Walks the items that may lie within reach of a point: every one that
 * does, and some that do not. */
struct grid_query {
	const struct grid *g;
	double lon, half_lon; /* half_lon < 0: every column */
	long row, row_hi, ncols;
	long long col, col_hi;
	size_t i, end;
};

static void query_row(struct grid_query *q)
{
	q->ncols = grid_ncols(q->g, q->row);
	if (q->half_lon >= 0.0) {
		q->col = grid_col_raw(q->lon - q->half_lon, q->ncols);
		q->col_hi = grid_col_raw(q->lon + q->half_lon, q->ncols);
		if (q->col_hi - q->col + 1 < q->ncols)
			return;
	}
	q->col = 0;
	q->col_hi = q->ncols - 1;
}

static void query_begin(struct grid_query *q, const struct grid *g, double lat,
                        double lon)
{
	double d = g->search_deg;

	memset(q, 0, sizeof(*q));
	q->g = g;
	q->lon = lon;
	q->half_lon = -1.0;
	if (fabs(lat) + d < 90.0) {
		double s = sin(rad(d)) / cos(rad(lat));

		if (s < 1.0)
			q->half_lon = deg(asin(s)) + pad_deg;
		if (q->half_lon >= 180.0)
			q->half_lon = -1.0;
	}
	q->row = grid_row(g, lat - d);
	q->row_hi = grid_row(g, lat + d);
	query_row(q);
	q->col--; /* query_next steps onto the first column */
}

static const struct grid_item *query_next(struct grid_query *q)
{
	const struct grid_cell *c;

	while (q->i == q->end) {
		if (++q->col > q->col_hi) {
			if (++q->row > q->row_hi)
				return NULL;
			query_row(q);
		}
		c = grid_cell(
		    q->g, grid_key(q->row, grid_col_wrap(q->col, q->ncols)));
		if (c) {
			q->i = c->start;
			q->end = c->start + c->count;
		}
	}
	return &q->g->items[q->i++];
}

int coverage_check_sites(const struct cov_site *sites, size_t n,
                         const char *name, struct lx_error *err)
{
	char field[sizeof(err->field)];

	for (size_t i = 0; i < n; i++) {
		if (coord_ok(sites[i].lat, sites[i].lon))
			continue;
		snprintf(field, sizeof(field), "%s[%zu]", name, i);
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' coordinates (%g, %g) must be finite, "
		               "latitude -90..90 and longitude -180..180",
		               field, sites[i].lat, sites[i].lon);
	}
	return 0;
}

static int check_points(const struct cov_point *pts, size_t npts,
                        long long *total, struct lx_error *err)
{
	char field[sizeof(err->field)];
	const char *why;

	*total = 0;
	for (size_t i = 0; i < npts; i++) {
		const struct cov_point *p = &pts[i];

		if (!coord_ok(p->lat, p->lon))
			why = "coordinates must be finite, latitude -90..90 "
			      "and longitude -180..180";
		else if (p->population < 0)
			why = "population must not be negative";
		else if (p->population > LLONG_MAX - *total)
			why = "population makes the total overflow";
		else {
			*total += p->population;
			continue;
		}
		snprintf(field, sizeof(field), "points[%zu]", i);
		return lx_fail(err, LX_EINVALID, field, "'%s' %s", field, why);
	}
	return 0;
}

int coverage_compute(struct arena *a, const struct cov_point *pts, size_t npts,
                     const struct cov_site *sites, size_t nsites,
                     double reach_m, struct cov_result *out,
                     struct lx_error *err)
{
	struct grid_item *items;
	struct grid g;
	long long total;

	assert(out && (pts || !npts) && (sites || !nsites));
	memset(out, 0, sizeof(*out));
	if (!reach_ok(reach_m))
		return lx_fail(err, LX_EINVALID, "reach",
		               "'reach' must be a finite number of metres "
		               "above 0, not %g",
		               reach_m);
	if (check_points(pts, npts, &total, err) ||
	    coverage_check_sites(sites, nsites, "sites", err))
		return -1;

	out->total_population = total;
	if (npts)
		out->covered = arena_alloc(a, npts);
	if (!npts || !nsites)
		return 0;

	grid_init(&g, reach_m);
	items = arena_alloc(a, nsites * sizeof(*items));
	for (size_t j = 0; j < nsites; j++)
		items[j] =
		    (struct grid_item){ 0, sites[j].lat, sites[j].lon, j };
	grid_build(&g, a, items, nsites);

	for (size_t i = 0; i < npts; i++) {
		const struct cov_point *p = &pts[i];
		const struct grid_item *s;
		struct grid_query q;

		query_begin(&q, &g, p->lat, p->lon);
		while ((s = query_next(&q))) {
			if (geo_distance_m(p->lat, p->lon, s->lat, s->lon) <=
			    reach_m) {
				out->covered[i] = 1;
				out->covered_points++;
				out->covered_population += p->population;
				break;
			}
		}
	}
	return 0;
}

struct uncovered_key {
	long long population;
	long id;
	size_t idx;
};

static int uncovered_cmp(const void *pa, const void *pb)
{
	const struct uncovered_key *a = pa, *b = pb;

	if (a->population != b->population)
		return a->population > b->population ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

size_t coverage_uncovered(struct arena *a, const struct cov_point *pts,
                          size_t npts, const struct cov_result *r, size_t **out)
{
	struct uncovered_key *keys;
	size_t n = 0;

	assert(r && out && (pts || !npts) && (r->covered || !npts));
	keys = arena_alloc(a, npts * sizeof(*keys));
	for (size_t i = 0; i < npts; i++)
		if (!r->covered[i])
			keys[n++] = (struct uncovered_key){ pts[i].population,
				                            pts[i].id, i };
	if (n > 1)
		qsort(keys, n, sizeof(*keys), uncovered_cmp);
	*out = arena_alloc(a, n * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = keys[i].idx;
	return n;
}

/* Which candidates reach which open points, both ways, as compressed rows:
 * candidate c reaches pt[pt_start[c] .. pt_start[c + 1]), point p is
 * reached by cand[cand_start[p] .. cand_start[p + 1]). */
struct reach_map {
	size_t *pt_start, *pt;
	size_t *cand_start, *cand;
};

static void reach_map_build(struct reach_map *m, struct arena *a, size_t npts,
                            const struct grid *g, const struct cov_site *cands,
                            size_t ncands, double reach_m)
{
	size_t len = 0, cap = 0, *fill;

	m->pt = NULL;
	m->pt_start = arena_alloc(a, (ncands + 1) * sizeof(size_t));
	for (size_t c = 0; c < ncands; c++) {
		const struct cov_site *s = &cands[c];
		const struct grid_item *it;
		struct grid_query q;

		m->pt_start[c] = len;
		if (!coord_ok(s->lat, s->lon))
			continue;
		query_begin(&q, g, s->lat, s->lon);
		while ((it = query_next(&q))) {
			if (geo_distance_m(it->lat, it->lon, s->lat, s->lon) >
			    reach_m)
				continue;
			m->pt = arena_grow(a, m->pt, len, &cap, sizeof(size_t));
			m->pt[len++] = it->idx;
		}
	}
	m->pt_start[ncands] = len;

	m->cand_start = arena_alloc(a, (npts + 1) * sizeof(size_t));
	m->cand = arena_alloc(a, len * sizeof(size_t));
	fill = arena_alloc(a, (npts + 1) * sizeof(size_t));
	for (size_t e = 0; e < len; e++)
		m->cand_start[m->pt[e] + 1]++;
	for (size_t p = 0; p < npts; p++)
		m->cand_start[p + 1] += m->cand_start[p];
	memcpy(fill, m->cand_start, (npts + 1) * sizeof(size_t));
	for (size_t c = 0; c < ncands; c++)
		for (size_t e = m->pt_start[c]; e < m->pt_start[c + 1]; e++)
			m->cand[fill[m->pt[e]]++] = c;
}

size_t coverage_greedy(struct arena *a, const struct cov_point *pts,
                       size_t npts, const struct cov_result *r,
                       const struct cov_site *cands, size_t ncands,
                       double reach_m, size_t k, size_t **out_idx,
                       long long **out_gain)
{
	size_t nmax = k < ncands ? k : ncands, nopen = 0, chosen = 0;
	size_t *idx = arena_alloc(a, nmax * sizeof(*idx));
	long long *gain = arena_alloc(a, nmax * sizeof(*gain));
	long long total = 0, *cgain;
	unsigned char *open;
	struct grid_item *items;
	struct reach_map m;
	struct grid g;

	assert((pts || !npts) && (cands || !ncands));
	assert(!r || !npts || r->covered);
	if (out_idx)
		*out_idx = idx;
	if (out_gain)
		*out_gain = gain;
	if (!nmax || !npts || !reach_ok(reach_m))
		return 0;

	/* The open points: not covered yet, valid, adding population. */
	open = arena_alloc(a, npts);
	items = arena_alloc(a, npts * sizeof(*items));
	for (size_t i = 0; i < npts; i++) {
		const struct cov_point *p = &pts[i];

		if ((r && r->covered[i]) || !coord_ok(p->lat, p->lon) ||
		    p->population <= 0 || p->population > LLONG_MAX - total)
			continue;
		total += p->population;
		open[i] = 1;
		items[nopen++] = (struct grid_item){ 0, p->lat, p->lon, i };
	}
	if (!nopen)
		return 0;
	grid_init(&g, reach_m);
	grid_build(&g, a, items, nopen);
	reach_map_build(&m, a, npts, &g, cands, ncands, reach_m);

	cgain = arena_alloc(a, ncands * sizeof(*cgain));
	for (size_t c = 0; c < ncands; c++)
		for (size_t e = m.pt_start[c]; e < m.pt_start[c + 1]; e++)
			cgain[c] += pts[m.pt[e]].population;

	while (chosen < nmax) {
		size_t best = 0;

		for (size_t c = 1; c < ncands; c++)
			if (cgain[c] > cgain[best])
				best = c;
		if (cgain[best] <= 0)
			break;
		idx[chosen] = best;
		gain[chosen++] = cgain[best];
		for (size_t e = m.pt_start[best]; e < m.pt_start[best + 1];
		     e++) {
			size_t p = m.pt[e];

			if (!open[p])
				continue;
			open[p] = 0;
			for (size_t f = m.cand_start[p];
			     f < m.cand_start[p + 1]; f++)
				cgain[m.cand[f]] -= pts[p].population;
		}
	}
	return chosen;
}
