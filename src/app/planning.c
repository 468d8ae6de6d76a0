#include "app/planning.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/coverage.h"
#include "core/facility.h"
#include "core/geo.h"
#include "core/region_code.h"
#include "store/point_store.h"
#include "store/region_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int app_point_save(struct app_ctx *ctx, struct res_point *p)
{
	json_t *after;
	int ret;

	if (!p->name || !*p->name)
		return lx_fail(&ctx->err, LX_EINVALID, "name",
		               "'name' is required");
	if (!geo_in_china(p->lat, p->lon))
		return lx_fail(&ctx->err, LX_EINVALID,
		               geo_in_china(p->lat, 100.0) ? "lon" : "lat",
		               "coordinates (%g, %g) are outside China", p->lat,
		               p->lon);
	if (p->population < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "population",
		               "'population' must not be negative");
	if (!region_code_valid(p->region) ||
	    !region_store_exists(ctx->db, p->region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s'", p->region);
	if (!principal_may_write_region(ctx->who, p->region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you may not add points in '%s'", p->region);
	if (point_store_insert(ctx->db, p, &ctx->err))
		return -1;
	after = json_pack("{s:s, s:s, s:f, s:f, s:I}", "region", p->region,
	                  "name", p->name, "lat", p->lat, "lon", p->lon,
	                  "population", (json_int_t)p->population);
	ret = app_audit(ctx, "create", "residential_point",
	                arena_printf(ctx->arena, "%lld", p->id), NULL, after);
	json_decref(after);
	return ret;
}

/* Which facility kinds serve a circle: community elderly-care facilities,
 * or every kind of childcare place. */
static const int elderly_kinds[] = { FK_COMMUNITY_COMPLEX, FK_DAY_CARE_CENTER,
	                             FK_REGIONAL_CENTER, FK_MUTUAL_AID_POINT,
	                             FK_MEAL_POINT };
static const int childcare_kinds[] = { FK_CHILDCARE_INSTITUTION,
	                               FK_FAMILY_CHILDCARE,
	                               FK_KINDERGARTEN_NURSERY };

enum { DEFAULT_REACH_M = 1000, MAX_LISTED = 200 };

/* A standard from the region's policies: its value and source, or the
 * fallback with a source that says it is the platform's default. */
static double standard(struct app_ctx *ctx, const char *region,
                       enum plan_key key, double fallback, const char **source)
{
	struct policy_view view;

	*source = "laoxiao default";
	if (!app_policy_view(ctx, region, &view) && view.planning.v[key]) {
		*source = view.planning.v[key]->source;
		return view.planning.v[key]->value;
	}
	return fallback;
}

json_t *app_plan_coverage(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "kind",  "reach",
		                               "k",      "as_of", NULL };
	const char *region, *kind = param_str(params, "kind"), *as_of;
	const char *reach_source;
	const int *kinds;
	size_t nkinds, npts, nsites, nunc, nsug;
	struct res_point *pts;
	struct site_row *rows;
	struct cov_point *cp;
	struct cov_site *cs;
	struct cov_result res;
	size_t *unc, *sug;
	long long *gain;
	double reach;
	long k;
	json_t *uncovered, *suggestions, *out;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    param_long(params, "k", 5, 0, 100, &k, &ctx->err))
		return NULL;
	if (!kind || !strcmp(kind, "elderly")) {
		kind = "elderly";
		kinds = elderly_kinds;
		nkinds = sizeof(elderly_kinds) / sizeof(elderly_kinds[0]);
	} else if (!strcmp(kind, "childcare")) {
		kinds = childcare_kinds;
		nkinds = sizeof(childcare_kinds) / sizeof(childcare_kinds[0]);
	} else {
		return lx_fail(&ctx->err, LX_EMALFORMED, "kind",
		               "'kind' must be elderly or childcare"),
		       NULL;
	}
	reach = standard(ctx, region, PK_COVERAGE_REACH_M, DEFAULT_REACH_M,
	                 &reach_source);
	if (param_str(params, "reach")) {
		char *end;

		reach = strtod(param_str(params, "reach"), &end);
		reach_source = "given in the request";
		if (*end || !(reach > 0) || reach > 100000)
			return lx_fail(
			           &ctx->err, LX_EINVALID, "reach",
			           "'reach' must be metres, more than 0 and "
			           "at most 100000"),
			       NULL;
	}
	if (point_store_subtree(ctx->db, ctx->arena, region, &pts, &npts,
	                        &ctx->err) ||
	    point_store_sites(ctx->db, ctx->arena, region,
	                      as_of ? as_of : ctx->today, kinds, nkinds, &rows,
	                      &nsites, &ctx->err))
		return NULL;
	cp = arena_alloc(ctx->arena, (npts + 1) * sizeof(*cp));
	cs = arena_alloc(ctx->arena, (nsites + 1) * sizeof(*cs));
	for (size_t i = 0; i < npts; i++)
		cp[i] = (struct cov_point){ pts[i].lat, pts[i].lon,
			                    pts[i].population, (long)i };
	for (size_t i = 0; i < nsites; i++)
		cs[i] = (struct cov_site){ rows[i].lat, rows[i].lon, (long)i };
	if (coverage_compute(ctx->arena, cp, npts, cs, nsites, reach, &res,
	                     &ctx->err))
		return NULL;
	nunc = coverage_uncovered(ctx->arena, cp, npts, &res, &unc);
	/* candidate sites: the residential points themselves, where a new
	 * facility would sit among the people it serves */
	{
		struct cov_site *cand =
		    arena_alloc(ctx->arena, (npts + 1) * sizeof(*cand));

		for (size_t i = 0; i < npts; i++)
			cand[i] =
			    (struct cov_site){ cp[i].lat, cp[i].lon, (long)i };
		nsug = coverage_greedy(ctx->arena, cp, npts, &res, cand, npts,
		                       reach, (size_t)k, &sug, &gain);
	}
	uncovered = json_array();
	for (size_t i = 0; i < nunc && i < MAX_LISTED; i++) {
		const struct res_point *p = &pts[unc[i]];

		json_array_append_new(
		    uncovered, json_pack("{s:I, s:s, s:s, s:I, s:f, s:f}", "id",
		                         (json_int_t)p->id, "name", p->name,
		                         "region", p->region, "population",
		                         (json_int_t)p->population, "lat",
		                         p->lat, "lon", p->lon));
	}
	suggestions = json_array();
	for (size_t i = 0; i < nsug; i++) {
		const struct res_point *p = &pts[sug[i]];

		json_array_append_new(
		    suggestions,
		    json_pack("{s:I, s:s, s:f, s:f, s:I}", "point",
		              (json_int_t)p->id, "name", p->name, "lat", p->lat,
		              "lon", p->lon, "adds_population",
		              (json_int_t)gain[i]));
	}
	out = json_pack(
	    "{s:s, s:s, s:f, s:s, s:i, s:i, s:I, s:I, s:o, s:i, s:o, s:o}",
	    "region", region, "kind", kind, "reach_m", reach, "reach_source",
	    reach_source, "points", (int)npts, "sites", (int)nsites,
	    "covered_population", (json_int_t)res.covered_population,
	    "total_population", (json_int_t)res.total_population, "share",
	    res.total_population
	        ? json_pack(
	              "{s:I, s:I, s:f, s:s}", "numerator",
	              (json_int_t)res.covered_population, "denominator",
	              (json_int_t)res.total_population, "value",
	              (double)res.covered_population /
	                  (double)res.total_population,
	              "display",
	              arena_printf(ctx->arena, "%.2f%%",
	                           100.0 * (double)res.covered_population /
	                               (double)res.total_population))
	        : json_null(),
	    "uncovered_points", (int)nunc, "uncovered", uncovered,
	    "suggestions", suggestions);
	return out;
}
