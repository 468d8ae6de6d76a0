#include "app/planning.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/regions.h"
#include "core/coverage.h"
#include "core/facility.h"
#include "core/geo.h"
#include "core/indicator.h"
#include "core/period.h"
#include "core/plan.h"
#include "core/region_code.h"
#include "store/facility_store.h"
#include "store/indicator_store.h"
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

/* ---- demand, supply and gap ---- */

/* An element's value at a region on a day: the department's latest
 * report for a period ending on or before the day, else the registry as
 * of the day. *origin says which ("reported 2021", "registry"). */
static int element_latest(struct app_ctx *ctx, const char *region,
                          const char *element, const char *day, double *out,
                          const char **origin)
{
	struct reported *rep;
	struct registry_cell *cells;
	struct element_ref ref;
	size_t n, ncells;
	char best[11] = "";

	if (reported_store_history(ctx->db, ctx->arena, element, region, &rep,
	                           &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct period p;
		char last[11];

		if (!rep[i].has_value ||
		    period_parse(rep[i].period, &p, NULL, "period"))
			continue;
		period_last_day(p, last);
		if (strcmp(last, day) <= 0 && strcmp(last, best) > 0) {
			memcpy(best, last, sizeof(best));
			*out = rep[i].value;
			*origin = arena_printf(ctx->arena, "reported for %s",
			                       rep[i].period);
		}
	}
	if (best[0])
		return 1;
	if (element_ref_parse(element, &ref) != 1 ||
	    registry_store_cells(ctx->db, ctx->arena, region, day, &cells,
	                         &ncells, &ctx->err))
		return ctx->err.code ? -1 : 0;
	if (!ncells)
		return 0;
	*out = (double)element_sum(&ref, cells, ncells);
	*origin = arena_printf(ctx->arena, "registry as of %s", day);
	return 1;
}

/* The population basis for a year: the latest figure at or before it
 * (saying which year), or with basis "projection" a linear projection
 * from every known year. */
struct pop_basis {
	int has;
	double value;
	int year_used; /* 0 for a projection */
	int projection;
	const char *how;
};

static int population_for(struct app_ctx *ctx, json_t *items,
                          const char *metric, int year, int project,
                          struct pop_basis *out)
{
	struct plan_point *pts;
	size_t n = 0, i;
	json_t *it;

	memset(out, 0, sizeof(*out));
	pts = arena_alloc(ctx->arena,
	                  (json_array_size(items) + 1) * sizeof(*pts));
	json_array_foreach(items, i, it)
	{
		int y = (int)json_integer_value(json_object_get(it, "year"));

		if (strcmp(json_string_value(json_object_get(it, "metric")),
		           metric))
			continue;
		pts[n].year = y;
		pts[n].value =
		    (double)json_integer_value(json_object_get(it, "value"));
		n++;
		if (!project && y <= year && y > out->year_used) {
			out->has = 1;
			out->year_used = y;
			out->value = pts[n - 1].value;
		}
	}
	if (!project) {
		if (out->has)
			out->how =
			    arena_printf(ctx->arena,
			                 "the %d figure, the latest at or "
			                 "before %d",
			                 out->year_used, year);
		return 0;
	}
	if (n) {
		struct plan_projection pr;
		int first = pts[0].year;

		for (size_t k = 1; k < n; k++)
			if (pts[k].year < first)
				first = pts[k].year;
		/* planning looks forward: no extrapolating into the past */
		if (year < first)
			return lx_fail(&ctx->err, LX_EINVALID, "year",
			               "%d is before the first %s figure (%d)",
			               year, metric, first);

		if (plan_project(pts, n, year, PLAN_PROJ_LINEAR, &pr,
		                 &ctx->err))
			return -1;
		if (pr.value < 0)
			return lx_fail(
			    &ctx->err, LX_EINVALID, "year",
			    "the %s trend falls below zero by %d: too "
			    "far to project",
			    metric, year);
		out->has = 1;
		out->value = pr.value;
		out->projection = pr.is_projection;
		out->year_used = pr.is_projection ? 0 : year;
		out->how =
		    pr.is_projection
		        ? arena_printf(ctx->arena,
		                       "projected to %d, linear over "
		                       "%zu known year%s",
		                       year, pr.n, pr.n == 1 ? "" : "s")
		        : arena_printf(ctx->arena, "the %d figure", year);
	}
	return 0;
}

static json_t *ratio_json(const struct plan_ratio *r)
{
	return json_pack("{s:f, s:f, s:f}", "value", r->value, "numerator",
	                 r->num, "denominator", r->den);
}

/* need against supply, kept unrounded, with the rounded figures and the
 * rule that rounded them */
static json_t *gap_json(struct app_ctx *ctx, const struct plan_ratio *need,
                        int has_supply, double supply, const char *element,
                        const char *origin)
{
	struct plan_gap g;
	char rule[120];
	json_t *o = json_pack("{s:o}", "need", ratio_json(need));

	plan_rounding_describe(PLAN_ROUND_HALF_AWAY, 0, 0, rule, sizeof(rule));
	json_object_set_new(
	    o, "supply",
	    has_supply
	        ? json_pack("{s:f, s:s, s:s}", "value", supply, "element",
	                    element, "origin", origin)
	        : json_pack("{s:n, s:s, s:s}", "value", "element", element,
	                    "origin", "no registry or reported figure"));
	if (has_supply && !plan_gap_compute(need->value, supply, &g, NULL)) {
		json_object_set_new(
		    o, "gap",
		    json_pack("{s:s, s:f, s:f}", "kind",
		              g.kind == PLAN_SHORTFALL ? "shortfall"
		                                       : "surplus",
		              "shortfall", g.shortfall, "surplus", g.surplus));
		json_object_set_new(
		    o, "rounded",
		    json_pack("{s:f, s:f, s:s}", "need",
		              plan_round(need->value, PLAN_ROUND_HALF_AWAY, 0),
		              g.kind == PLAN_SHORTFALL ? "shortfall"
		                                       : "surplus",
		              plan_round(g.kind == PLAN_SHORTFALL ? g.shortfall
		                                                  : g.surplus,
		                         PLAN_ROUND_HALF_AWAY, 0),
		              "rule", rule));
	} else {
		json_object_set_new(o, "gap", json_null());
	}
	(void)ctx;
	return o;
}

/* Adds need, supply, gap and rounding to section. */
static void add_gap(struct app_ctx *ctx, json_t *section,
                    const struct plan_ratio *need, int has_supply,
                    double supply, const char *element, const char *origin)
{
	json_t *g = gap_json(ctx, need, has_supply, supply, element, origin);

	json_object_update(section, g);
	json_decref(g);
}

static json_t *standard_json(const struct plan_value *v)
{
	return v ? json_pack("{s:s, s:s}", "value", v->text, "source",
	                     v->source)
	         : json_null();
}

json_t *app_plan_gap(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = {
		"region",       "year",        "basis", "as_of",
		"stated_slots", "stated_beds", NULL
	};
	const char *region, *as_of, *basis = param_str(params, "basis");
	const struct planning *pl;
	struct policy_view view;
	struct pop_basis residents, aged;
	struct plan_ratio need;
	json_t *pop, *items, *out, *section;
	const char *origin, *el;
	double supply;
	long year, stated;
	int project, has;
	char day[11];

	long stated_slots, stated_beds;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    param_long(params, "year", 0, 1949, 2100, &year, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    param_long(params, "stated_slots", 0, 0, 100000000, &stated_slots,
	               &ctx->err) ||
	    param_long(params, "stated_beds", 0, 0, 100000000, &stated_beds,
	               &ctx->err) ||
	    app_policy_view(ctx, region, &view))
		return NULL;
	if (!year)
		return lx_fail(&ctx->err, LX_EMALFORMED, "year",
		               "give the planning 'year'"),
		       NULL;
	if (basis && strcmp(basis, "residents") &&
	    strcmp(basis, "registered") && strcmp(basis, "projection"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "basis",
		               "'basis' must be residents, registered or "
		               "projection"),
		       NULL;
	project = basis && !strcmp(basis, "projection");
	pl = &view.planning;
	/* supply as of the end of the year, or today if that is later */
	snprintf(day, sizeof(day), "%04ld-12-31", year);
	if (as_of)
		snprintf(day, sizeof(day), "%s", as_of);
	else if (strcmp(day, ctx->today) > 0)
		memcpy(day, ctx->today, sizeof(day));
	{
		json_t *q = json_pack("{s:s}", "region", region);

		pop = app_population_get(ctx, q);
		json_decref(q);
	}
	if (!pop)
		return NULL;
	items = json_object_get(pop, "items");
	if (population_for(ctx, items,
	                   basis && !strcmp(basis, "registered") ? "registered"
	                                                         : "residents",
	                   (int)year, project, &residents) ||
	    population_for(ctx, items, "aged_60", (int)year, project, &aged)) {
		json_decref(pop);
		return NULL;
	}
	json_decref(pop);
	if (!residents.has && !aged.has)
		return lx_fail(&ctx->err, LX_EINVALID, "year",
		               "no population figure for '%s' at or before %ld",
		               region, year),
		       NULL;
	out = json_pack("{s:s, s:i, s:s, s:s?}", "region", region, "year",
	                (int)year, "supply_as_of", day, "jurisdiction",
	                view.jurisdiction);
	json_object_set_new(
	    out, "population",
	    json_pack("{s:s, s:o, s:o, s:s?, s:s?, s:b}", "basis",
	              basis ? basis : "residents", "residents",
	              residents.has ? json_real(residents.value) : json_null(),
	              "aged_60", aged.has ? json_real(aged.value) : json_null(),
	              "residents_how", residents.how, "aged_60_how", aged.how,
	              "projection", residents.projection || aged.projection));

	/* childcare slots; each section belongs to out from the start, so
	 * the failure path frees it with out */
	section = json_object();
	json_object_set_new(out, "slots", section);
	json_object_set_new(section, "standard",
	                    standard_json(pl->v[PK_SLOTS_PER_1000]));
	if (pl->v[PK_SLOTS_PER_1000] && residents.has &&
	    !plan_slots_needed(residents.value, pl->v[PK_SLOTS_PER_1000]->value,
	                       &need, NULL)) {
		el = pl->supply_slots ? pl->supply_slots : "slots";
		has = element_latest(ctx, region, el, day, &supply, &origin);
		if (has < 0)
			goto fail;
		add_gap(ctx, section, &need, has, supply, el, origin);
		stated = stated_slots;
		if (stated) {
			struct plan_ratio implied;

			plan_basis_population((double)stated,
			                      pl->v[PK_SLOTS_PER_1000]->value,
			                      &implied, NULL);
			json_object_set_new(
			    section, "stated",
			    json_pack("{s:I, s:f, s:o}", "need",
			              (json_int_t)stated, "implied_population",
			              implied.value, "gap",
			              has ? json_real((double)stated - supply)
			                  : json_null()));
		}
	}

	/* elderly-care beds and nursing-type beds */
	section = json_object();
	json_object_set_new(out, "beds", section);
	if (pl->has_method) {
		struct plan_beds_input in = {
			.method = pl->method == BEDS_PROVINCIAL_SHARE
			              ? PLAN_BEDS_PROVINCIAL_SHARE
			              : PLAN_BEDS_PER_1000_AGED_60,
			.aged_60 = aged.value,
		};
		const struct plan_value *per = pl->v[PK_BEDS_PER_1000_AGED_60];
		const struct plan_value *tgt = pl->v[PK_PROVINCIAL_BEDS_TARGET];
		const struct plan_value *prov = pl->v[PK_PROVINCE_AGED_60];

		json_object_set_new(section, "method",
		                    json_pack("{s:s, s:s}", "value",
		                              plan_bed_method_name(in.method),
		                              "source", pl->method_source));
		if (in.method == PLAN_BEDS_PER_1000_AGED_60) {
			json_object_set_new(section, "standard",
			                    standard_json(per));
			in.per_1000 = per ? per->value : 0;
		} else {
			json_object_set_new(section, "provincial_target",
			                    standard_json(tgt));
			json_object_set_new(section, "province_aged_60",
			                    standard_json(prov));
			in.target = tgt ? tgt->value : 0;
			in.province_aged_60 = prov ? prov->value : 0;
		}
		if (aged.has && !plan_beds_needed(&in, &need, NULL)) {
			el = pl->supply_beds ? pl->supply_beds : "beds";
			has = element_latest(ctx, region, el, day, &supply,
			                     &origin);
			if (has < 0)
				goto fail;
			add_gap(ctx, section, &need, has, supply, el, origin);
			stated = stated_beds;
			if (stated)
				json_object_set_new(
				    section, "stated",
				    json_pack(
				        "{s:I, s:o}", "need",
				        (json_int_t)stated, "gap",
				        has ? json_real((double)stated - supply)
				            : json_null()));
			if (pl->v[PK_NURSING_SHARE_PERCENT]) {
				struct plan_ratio nurse;
				double ns;
				const char *norigin;
				int nhas;

				plan_nursing_beds_needed(
				    need.value,
				    pl->v[PK_NURSING_SHARE_PERCENT]->value,
				    &nurse, NULL);
				nhas =
				    element_latest(ctx, region, "nursing_beds",
				                   day, &ns, &norigin);
				if (nhas < 0)
					goto fail;
				json_object_set_new(out, "nursing_beds",
				                    gap_json(ctx, &nurse, nhas,
				                             ns, "nursing_beds",
				                             norigin));
				json_object_set_new(
				    json_object_get(out, "nursing_beds"),
				    "standard",
				    standard_json(
				        pl->v[PK_NURSING_SHARE_PERCENT]));
			}
		}
	} else {
		json_object_set_new(section, "method", json_null());
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

/* ---- new and old residential areas ---- */

static struct plan_param param_of(const struct planning *pl, enum plan_key k)
{
	return pl->v[k] ? PLAN_PARAM(pl->v[k]->value) : PLAN_UNSET;
}

static int body_number(struct app_ctx *ctx, json_t *body, const char *key,
                       int required, double *out)
{
	json_t *v = json_object_get(body, key);

	*out = 0;
	if (!v)
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "'%s' is required", key)
		                : 0;
	if (!json_is_number(v) || json_number_value(v) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a number, not negative", key);
	*out = json_number_value(v);
	return 0;
}

json_t *app_plan_residential_check(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "region",    "households",
		                            "residents", "district",
		                            "floor_m2",  "largest_facility_m2",
		                            "slots",     "land_m2",
		                            NULL };
	static const enum plan_key rule_key[PLAN_RULE__MAX] = {
		[PLAN_RULE_FLOOR_AREA] = PK_FLOOR_M2_PER_100_HOUSEHOLDS,
		[PLAN_RULE_SINGLE_FACILITY] = PK_SINGLE_FACILITY_MIN_M2,
		[PLAN_RULE_CHILDCARE_SLOTS] = PK_SLOTS_PER_1000_NEW,
		[PLAN_RULE_LAND] = PK_LAND_M2_PER_RESIDENT,
	};
	const char *region, *district;
	struct policy_view view;
	struct plan_development dev = { 0 };
	struct plan_dev_policy pol = { 0 };
	struct plan_dev_result res;
	double households, residents;
	json_t *rules, *q;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	district = json_string_value(json_object_get(body, "district"));
	q = json_pack("{s:s}", "region",
	              json_is_string(json_object_get(body, "region"))
	                  ? json_string_value(json_object_get(body, "region"))
	                  : "");
	if (app_visible_region(ctx, q, &region)) {
		json_decref(q);
		if (ctx->err.code == LX_EMALFORMED)
			ctx->err.code = LX_EINVALID;
		return NULL;
	}
	region = arena_strdup(ctx->arena, region);
	json_decref(q);
	if (body_number(ctx, body, "households", 1, &households) ||
	    body_number(ctx, body, "residents", 1, &residents))
		return NULL;
	if (households != (double)(long long)households || households > 1e9 ||
	    residents > 1e10 || residents != (double)(long long)residents)
		return lx_fail(&ctx->err, LX_EINVALID,
		               households != (double)(long long)households ||
		                       households > 1e9
		                   ? "households"
		                   : "residents",
		               "households and residents must be whole "
		               "numbers"),
		       NULL;
	if (body_number(ctx, body, "floor_m2", 0, &dev.floor_m2) ||
	    body_number(ctx, body, "largest_facility_m2", 0,
	                &dev.largest_facility_m2) ||
	    body_number(ctx, body, "slots", 0, &dev.slots) ||
	    body_number(ctx, body, "land_m2", 0, &dev.land_m2))
		return NULL;
	if (!district || (strcmp(district, "new") && strcmp(district, "old")))
		return lx_fail(
		           &ctx->err, LX_EINVALID, "district",
		           "'district' must be new (新建城区、新建居住区) or "
		           "old (老城区、已建成居住区)"),
		       NULL;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	dev.households = (long long)households;
	dev.residents = (long long)residents;
	dev.district =
	    strcmp(district, "new") ? PLAN_DISTRICT_OLD : PLAN_DISTRICT_NEW;
	pol.floor_m2_per_100_households =
	    param_of(&view.planning, PK_FLOOR_M2_PER_100_HOUSEHOLDS);
	pol.single_facility_min_m2 =
	    param_of(&view.planning, PK_SINGLE_FACILITY_MIN_M2);
	pol.slots_per_1000_new =
	    param_of(&view.planning, PK_SLOTS_PER_1000_NEW);
	pol.slots_per_1000_old =
	    param_of(&view.planning, PK_SLOTS_PER_1000_OLD);
	pol.land_m2_per_resident =
	    param_of(&view.planning, PK_LAND_M2_PER_RESIDENT);
	if (plan_dev_check(&dev, &pol, &res, &ctx->err))
		return NULL;
	rules = json_array();
	for (int r = 0; r < PLAN_RULE__MAX; r++) {
		enum plan_key k = rule_key[r];
		const struct plan_value *std;

		if (r == PLAN_RULE_CHILDCARE_SLOTS &&
		    dev.district == PLAN_DISTRICT_OLD)
			k = PK_SLOTS_PER_1000_OLD;
		std = view.planning.v[k];
		json_array_append_new(
		    rules,
		    json_pack(
		        "{s:s, s:s, s:s, s:o, s:f, s:o}", "rule",
		        plan_dev_rule_name(r), "verdict",
		        plan_verdict_name(res.rule[r].verdict), "verdict_label",
		        plan_verdict_label_zh(res.rule[r].verdict), "required",
		        res.rule[r].verdict == PLAN_NOT_APPLICABLE
		            ? json_null()
		            : json_real(res.rule[r].required.value),
		        "provided", res.rule[r].provided, "standard",
		        standard_json(std)));
	}
	return json_pack("{s:s, s:s, s:I, s:I, s:i, s:i, s:o}", "region",
	                 region, "district", district, "households",
	                 (json_int_t)dev.households, "residents",
	                 (json_int_t)dev.residents, "failed", res.failed,
	                 "applicable", res.applicable, "rules", rules);
}

/* ---- staffing ---- */

json_t *app_plan_staffing(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "as_of", NULL };
	const char *region, *as_of;
	const struct planning *pl;
	struct policy_view view;
	struct facility_query q = { .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .status = FSTATUS_OPEN,
		                    .sort = "id" };
	struct facility *v;
	size_t n;
	long long total, caregivers_needed = 0, caregivers_staff = 0;
	long long beds_total = 0, social_staff = 0, flagged = 0;
	double ratio[PLAN_CARE__MAX];
	int have_ratios = 1;
	json_t *insts, *out, *pop, *qp;
	size_t *counts = NULL;
	long long *slot_list;
	size_t nslots = 0;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    app_policy_view(ctx, region, &view))
		return NULL;
	pl = &view.planning;
	q.region = region;
	q.today = ctx->today;
	q.as_of = as_of;
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err))
		return NULL;
	{
		static const enum plan_key keys[PLAN_CARE__MAX] = {
			PK_CAREGIVER_RATIO_SELFCARE, PK_CAREGIVER_RATIO_PARTLY,
			PK_CAREGIVER_RATIO_DISABLED
		};

		for (int l = 0; l < PLAN_CARE__MAX; l++) {
			have_ratios &= pl->v[keys[l]] != NULL;
			ratio[l] = pl->v[keys[l]] ? pl->v[keys[l]]->value : 0;
		}
	}
	insts = json_array();
	slot_list = arena_alloc(ctx->arena, (n + 1) * sizeof(*slot_list));
	for (size_t i = 0; i < n; i++) {
		const struct facility *f = &v[i];
		json_t *o;

		if (f->kind == FK_CHILDCARE_INSTITUTION)
			slot_list[nslots++] = f->cap.slots;
		if (f->kind != FK_ELDERLY_INSTITUTION)
			continue;
		o = json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)f->id,
		              "name", f->name, "region", f->region, "beds",
		              (json_int_t)f->cap.beds);
		beds_total += f->cap.beds;
		social_staff += f->social_workers;
		if (have_ratios) {
			long long res[PLAN_CARE__MAX] = {
				f->cap.residents_selfcare,
				f->cap.residents_partly,
				f->cap.residents_disabled
			};
			struct plan_caregivers cg;

			if (!plan_caregivers_needed(res, ratio, f->caregivers,
			                            &cg, NULL)) {
				json_object_set_new(
				    o, "caregivers",
				    json_pack(
				        "{s:[I,I,I], s:[f,f,f], s:I, s:I,"
				        " s:I}",
				        "residents", (json_int_t)res[0],
				        (json_int_t)res[1], (json_int_t)res[2],
				        "exact", cg.exact[0], cg.exact[1],
				        cg.exact[2], "needed",
				        (json_int_t)cg.total, "on_staff",
				        (json_int_t)f->caregivers, "shortfall",
				        (json_int_t)(cg.gap.kind ==
				                             PLAN_SHORTFALL
				                         ? cg.gap.shortfall
				                         : 0)));
				caregivers_needed += cg.total;
				caregivers_staff += f->caregivers;
			}
		}
		if (pl->nclinic) {
			struct plan_clinic_rule *rules = arena_alloc(
			    ctx->arena, pl->nclinic * sizeof(*rules));
			struct plan_institution inst = {
				.ownership = f->ownership == OWN_PUBLIC
				                 ? PLAN_OWN_PUBLIC
				             : f->ownership == OWN_PRIVATE
				                 ? PLAN_OWN_PRIVATE
				                 : PLAN_OWN_OTHER,
				.beds = f->cap.beds,
				.residents = f->cap.occupied_beds,
				.integrated = f->medical_integration,
			};
			struct plan_clinic_result cr;

			for (size_t r = 0; r < pl->nclinic; r++) {
				const struct clinic_rule *c = &pl->clinic[r];

				rules[r] = (struct plan_clinic_rule){
					.ownership =
					    !c->ownership ? PLAN_OWN_ANY
					    : strcmp(c->ownership, "public")
					        ? PLAN_OWN_PRIVATE
					        : PLAN_OWN_PUBLIC,
					.min_beds = c->min_beds,
					.min_residents = c->min_residents,
					.exempt_integrated =
					    c->exempt_integrated,
				};
			}
			if (!plan_clinic_required(rules, pl->nclinic, &inst,
			                          &cr, NULL)) {
				int missing =
				    cr.required && !f->internal_clinic;

				flagged += missing;
				json_object_set_new(
				    o, "clinic",
				    json_pack("{s:b, s:b, s:b, s:s?}",
				              "required", cr.required, "has",
				              f->internal_clinic, "missing",
				              missing, "rule",
				              cr.rule >= 0
				                  ? pl->clinic[cr.rule].source
				                  : NULL));
			}
		}
		json_array_append_new(insts, o);
	}
	out = json_pack("{s:s, s:s, s:o}", "region", region, "as_of",
	                as_of ? as_of : ctx->today, "institutions", insts);
	json_object_set_new(
	    out, "caregivers",
	    have_ratios
	        ? json_pack("{s:I, s:I, s:s}", "needed",
	                    (json_int_t)caregivers_needed, "on_staff",
	                    (json_int_t)caregivers_staff, "rule",
	                    "rounded up to whole persons per care level, "
	                    "then summed")
	        : json_null());
	json_object_set_new(out, "clinics_missing", json_integer(flagged));
	/* social workers: per 100 institution beds, and per 1000 aged 60+ */
	qp = json_pack("{s:s}", "region", region);
	pop = app_population_get(ctx, qp);
	json_decref(qp);
	if (pop) {
		struct pop_basis aged;
		struct plan_social_workers sw;
		int year = atoi(as_of ? as_of : ctx->today);

		population_for(ctx, json_object_get(pop, "items"), "aged_60",
		               year, 0, &aged);
		if (!plan_social_workers_needed(
		        (double)beds_total,
		        param_of(pl, PK_SOCIAL_WORKERS_PER_100_BEDS),
		        aged.has ? aged.value : 0,
		        param_of(pl, PK_SOCIAL_WORKERS_PER_1000_AGED_60), &sw,
		        NULL))
			json_object_set_new(
			    out, "social_workers",
			    json_pack(
			        "{s:o, s:o, s:I, s:o, s:o}", "by_100_beds",
			        sw.has_by_beds ? ratio_json(&sw.by_beds)
			                       : json_null(),
			        "by_1000_aged_60",
			        sw.has_by_aged && aged.has
			            ? ratio_json(&sw.by_aged)
			            : json_null(),
			        "in_institutions", (json_int_t)social_staff,
			        "per_100_beds_standard",
			        standard_json(
			            pl->v[PK_SOCIAL_WORKERS_PER_100_BEDS]),
			        "per_1000_aged_60_standard",
			        standard_json(
			            pl->v
			                [PK_SOCIAL_WORKERS_PER_1000_AGED_60])));
		json_decref(pop);
	}
	/* childcare institutions by size, as the policy bands them */
	if (pl->nbands) {
		struct plan_size_band *bands =
		    arena_alloc(ctx->arena, pl->nbands * sizeof(*bands));
		json_t *classes = json_array();

		counts =
		    arena_alloc(ctx->arena, (pl->nbands + 1) * sizeof(*counts));
		for (size_t b = 0; b < pl->nbands; b++)
			bands[b] = (struct plan_size_band){
				pl->bands[b].name, pl->bands[b].min_slots,
				pl->bands[b].max_slots ? pl->bands[b].max_slots
				                       : (long long)1 << 60
			};
		if (!plan_size_count(bands, pl->nbands, slot_list, nslots,
		                     counts, NULL))
			for (size_t b = 0; b < pl->nbands; b++)
				json_array_append_new(
				    classes,
				    json_pack(
				        "{s:s, s:I, s:o, s:I}", "band",
				        pl->bands[b].name, "min_slots",
				        (json_int_t)pl->bands[b].min_slots,
				        "max_slots",
				        pl->bands[b].max_slots
				            ? json_integer(
				                  pl->bands[b].max_slots)
				            : json_null(),
				        "institutions", (json_int_t)counts[b]));
		json_object_set_new(out, "childcare_size_classes", classes);
	}
	return out;
}
