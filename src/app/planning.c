#include "app/planning.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/place_staffing.h"
#include "app/plan_basis.h"
#include "app/plan_figures.h"
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

/* covered of total as an exact share: the value to 4 places and the
 * percentage to 2, both rounded half up from the counts, with the rule */
static json_t *share_json(struct app_ctx *ctx, long long covered,
                          long long total)
{
	struct plan_ratio r;
	struct exact pct;
	char buf[EXACT_TEXT_MAX];
	json_t *o;

	if (total <= 0 || exact_frac(covered, total, &r.value) ||
	    exact_mul(r.value, exact_int(100), &pct))
		return json_null();
	r.num = exact_int(covered);
	r.den = exact_int(total);
	o = plan_ratio_json(&r);
	json_object_set_new(o, "percent",
	                    plan_rounded_json(pct, EXACT_HALF_UP, 2));
	json_object_set_new(
	    o, "display",
	    json_string(arena_printf(
	        ctx->arena, "%s%%", exact_format(pct, 2, EXACT_HALF_UP, buf))));
	plan_rule_set(o, EXACT_HALF_UP, 2);
	return o;
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
	    share_json(ctx, res.covered_population, res.total_population),
	    "uncovered_points", (int)nunc, "uncovered", uncovered,
	    "suggestions", suggestions);
	return out;
}

static json_t *standard_json(const struct plan_value *v)
{
	return v ? json_pack("{s:s, s:s, s:s}", "value", v->text, "source",
	                     v->source, "rounding",
	                     exact_rounding_names[v->rounding])
	         : json_null();
}

/* ---- new and old residential areas ---- */

static struct plan_param param_of(const struct planning *pl, enum plan_key k)
{
	struct plan_param p = PLAN_UNSET;

	if (pl->v[k]) {
		p.set = 1;
		p.value = pl->v[k]->exact;
	}
	return p;
}

/*
 * An amount of the body, exactly: a JSON integer, a decimal written as a
 * string ("599.5"), or a JSON real read as the decimal it was written as.
 * Absent, null or "" is not given (out->set 0), never 0; required amounts
 * must be given.
 */
static int body_number(struct app_ctx *ctx, json_t *body, const char *key,
                       int required, struct plan_param *out)
{
	json_t *v = json_object_get(body, key);
	int bad;

	*out = PLAN_UNSET;
	if (!v || json_is_null(v) ||
	    (json_is_string(v) && !*json_string_value(v)))
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "'%s' is required", key)
		                : 0;
	if (json_is_integer(v))
		bad = json_integer_value(v) > INT64_MAX / 1000 ||
		      (out->value = exact_int(json_integer_value(v)), 0);
	else if (json_is_string(v))
		bad = exact_parse(json_string_value(v), &out->value);
	else if (json_is_real(v))
		bad = plan_exact_from_double(json_real_value(v), &out->value);
	else
		bad = 1;
	if (bad || out->value.num < 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a number, not negative", key);
	out->set = 1;
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
	struct plan_param households, residents;
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
	if (!exact_is_integer(households.value) ||
	    households.value.num > 1000000000)
		return lx_fail(&ctx->err, LX_EINVALID, "households",
		               "'households' must be a whole number up to "
		               "1000000000"),
		       NULL;
	if (!exact_is_integer(residents.value) ||
	    residents.value.num > 10000000000)
		return lx_fail(&ctx->err, LX_EINVALID, "residents",
		               "'residents' must be a whole number up to "
		               "10000000000"),
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
	dev.households = households.value.num;
	dev.residents = residents.value.num;
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
		        "{s:s, s:s, s:s, s:o, s:o, s:o}", "rule",
		        plan_dev_rule_name(r), "verdict",
		        plan_verdict_name(res.rule[r].verdict), "verdict_label",
		        plan_verdict_label_zh(res.rule[r].verdict), "required",
		        res.rule[r].verdict == PLAN_NOT_APPLICABLE
		            ? json_null()
		            : plan_figure_json(res.rule[r].required.value),
		        "provided",
		        res.rule[r].provided.set
		            ? plan_figure_json(res.rule[r].provided.value)
		            : json_null(),
		        "standard", standard_json(std)));
	}
	return json_pack("{s:s, s:s, s:I, s:I, s:i, s:i, s:i, s:o}", "region",
	                 region, "district", district, "households",
	                 (json_int_t)dev.households, "residents",
	                 (json_int_t)dev.residents, "failed", res.failed,
	                 "applicable", res.applicable, "not_given",
	                 res.not_given, "rules", rules);
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
	struct exact ratio[PLAN_CARE__MAX];
	int have_ratios = 1, cg_rule = EXACT_HALF_UP;
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
			ratio[l] = pl->v[keys[l]] ? pl->v[keys[l]]->exact
			                          : exact_int(0);
		}
		/* the policy names the rule (大竹 rounds persons up); the
		 * self-care ratio's rule is the one applied */
		if (pl->v[keys[PLAN_CARE_SELF]])
			cg_rule = pl->v[keys[PLAN_CARE_SELF]]->rounding;
		{
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

			if (!plan_caregivers_needed(res, ratio, cg_rule,
			                            f->caregivers, &cg, NULL)) {
				json_object_set_new(
				    o, "caregivers",
				    json_pack(
				        "{s:[I,I,I], s:[o,o,o], s:I, s:I,"
				        " s:I}",
				        "residents", (json_int_t)res[0],
				        (json_int_t)res[1], (json_int_t)res[2],
				        "exact", plan_figure_json(cg.exact[0]),
				        plan_figure_json(cg.exact[1]),
				        plan_figure_json(cg.exact[2]), "needed",
				        (json_int_t)cg.total, "on_staff",
				        (json_int_t)f->caregivers, "shortfall",
				        /* whole persons: an exact count */
				        (json_int_t)(cg.gap.shortfall.num /
				                     cg.gap.shortfall.den)));
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
	if (have_ratios) {
		char en[96], zh[96];

		plan_rounding_describe(cg_rule, 0, 0, en, sizeof(en));
		plan_rounding_describe(cg_rule, 0, 1, zh, sizeof(zh));
		json_object_set_new(
		    out, "caregivers",
		    json_pack("{s:I, s:I, s:s, s:s, s:s}", "needed",
		              (json_int_t)caregivers_needed, "on_staff",
		              (json_int_t)caregivers_staff, "rounding",
		              exact_rounding_names[cg_rule], "rule",
		              arena_printf(ctx->arena,
		                           "%s per care level, then summed",
		                           en),
		              "rule_zh",
		              arena_printf(ctx->arena, "按护理等级分别%s后相加",
		                           zh)));
	} else {
		json_object_set_new(out, "caregivers", json_null());
	}
	json_object_set_new(out, "clinics_missing", json_integer(flagged));
	/* social workers: per 100 institution beds, and per 1000 aged 60+ */
	qp = json_pack("{s:s}", "region", region);
	pop = app_population_get(ctx, qp);
	json_decref(qp);
	if (pop) {
		struct pop_basis aged;
		struct plan_social_workers sw;
		int year = atoi(as_of ? as_of : ctx->today);

		plan_population_for(ctx, json_object_get(pop, "items"),
		                    "aged_60", year, 0, &aged);
		if (!plan_social_workers_needed(
		        exact_int(beds_total),
		        param_of(pl, PK_SOCIAL_WORKERS_PER_100_BEDS),
		        aged.value,
		        param_of(pl, PK_SOCIAL_WORKERS_PER_1000_AGED_60), &sw,
		        NULL))
			json_object_set_new(
			    out, "social_workers",
			    json_pack(
			        "{s:o, s:o, s:I, s:o, s:o}", "by_100_beds",
			        sw.has_by_beds ? plan_ratio_json(&sw.by_beds)
			                       : json_null(),
			        "by_1000_aged_60",
			        sw.has_by_aged && aged.has
			            ? plan_ratio_json(&sw.by_aged)
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
	json_object_set_new(out, "childcare",
	                    place_staffing_json(ctx, view.childcare, v, n));
	return out;
}
