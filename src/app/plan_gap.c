/* Demand, supply and gap for a region and year (DESIGN.md module 6), with
 * the figures a plan states set beside those computed here: every figure
 * exact, every rounded one beside its rule. */
#include "app/plan_basis.h"
#include "app/plan_figures.h"
#include "app/planning.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/regions.h"
#include "core/indicator.h"
#include "core/period.h"
#include "core/plan.h"
#include "core/population.h"
#include "core/region_code.h"
#include "core/rollup_note.h"
#include "store/indicator_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int plan_element_latest(struct app_ctx *ctx, const char *region,
                        const char *element, const char *day, struct exact *out,
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
		struct exact v;

		if (!rep[i].has_value ||
		    period_parse(rep[i].period, &p, NULL, "period") ||
		    plan_exact_from_double(rep[i].value, &v))
			continue;
		period_last_day(p, last);
		if (strcmp(last, day) <= 0 && strcmp(last, best) > 0) {
			memcpy(best, last, sizeof(best));
			*out = v;
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
	*out = exact_int(element_sum(&ref, cells, ncells));
	*origin = arena_printf(ctx->arena, "registry as of %s", day);
	return 1;
}

static void say_missing(struct app_ctx *ctx, const char *metric, int year,
                        int project, struct pop_basis *out)
{
	const char *zh = pop_metric_label_zh(pop_metric_parse(metric));

	out->missing =
	    project ? arena_printf(ctx->arena, "no %s figure to project from",
	                           metric)
	            : arena_printf(ctx->arena,
	                           "no %s figure for %d or any year before",
	                           metric, year);
	out->missing_zh =
	    project ? arena_printf(ctx->arena, "缺少%s（无可推算的年份）", zh)
	            : arena_printf(ctx->arena, "缺少%d年%s", year, zh);
}

/* The roll-up coverage of the item used: covered of children. */
static void take_coverage(json_t *it, struct pop_basis *out)
{
	const char *origin = json_string_value(json_object_get(it, "origin"));

	if (!origin || strcmp(origin, "rollup"))
		return;
	out->covered = (long)json_integer_value(json_object_get(it, "covered"));
	out->children =
	    (long)json_integer_value(json_object_get(it, "children"));
}

int plan_population_for(struct app_ctx *ctx, json_t *items, const char *metric,
                        int year, int project, struct pop_basis *out)
{
	struct plan_point *pts;
	size_t n = 0, i;
	json_t *it, *used = NULL;

	memset(out, 0, sizeof(*out));
	out->value = exact_int(0);
	pts = arena_alloc(ctx->arena,
	                  (json_array_size(items) + 1) * sizeof(*pts));
	json_array_foreach(items, i, it)
	{
		int y = (int)json_integer_value(json_object_get(it, "year"));

		if (strcmp(json_string_value(json_object_get(it, "metric")),
		           metric))
			continue;
		pts[n].year = y;
		pts[n].value = exact_int(
		    (int64_t)json_integer_value(json_object_get(it, "value")));
		n++;
		if (y <= year && y > out->year_used) {
			out->year_used = y;
			out->value = pts[n - 1].value;
			used = it;
		}
	}
	if (!project) {
		out->has = used != NULL;
		if (out->has) {
			out->how =
			    arena_printf(ctx->arena,
			                 "the %d figure, the latest at or "
			                 "before %d",
			                 out->year_used, year);
			take_coverage(used, out);
		} else {
			say_missing(ctx, metric, year, 0, out);
		}
		return 0;
	}
	out->year_used = 0;
	out->value = exact_int(0);
	if (!n) {
		say_missing(ctx, metric, year, 1, out);
		return 0;
	}
	{
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
		if (pr.value.num < 0)
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

/* ---- sections ---- */

static json_t *standard_json(const struct plan_value *v)
{
	json_t *o;

	if (!v)
		return json_null();
	o = json_pack("{s:s, s:s, s:s}", "value", v->text, "source", v->source,
	              "rounding", exact_rounding_names[v->rounding]);
	if (v->year)
		json_object_set_new(o, "year", json_integer(v->year));
	return o;
}

static int rule_of(const struct plan_value *v)
{
	return v ? v->rounding : EXACT_HALF_UP;
}

static json_t *gap_kind_json(const struct plan_gap *g)
{
	int short_ = g->kind == PLAN_SHORTFALL;

	return json_pack("{s:s, s:s, s:s, s:o, s:o}", "kind",
	                 short_ ? "shortfall" : "surplus", "label",
	                 short_ ? "shortfall" : "surplus", "label_zh",
	                 short_ ? "缺口" : "富余", "shortfall",
	                 plan_figure_json(g->shortfall), "surplus",
	                 plan_figure_json(g->surplus));
}

/* need against supply, kept exact, with the figures rounded by rule (to
 * whole units) and the rule said beside them */
static json_t *gap_json(const struct plan_ratio *need, int has_supply,
                        struct exact supply, const char *element,
                        const char *origin, int rule)
{
	struct plan_gap g;
	json_t *o = json_pack("{s:o}", "need", plan_ratio_json(need)), *rd;

	json_object_set_new(o, "supply",
	                    has_supply
	                        ? json_pack("{s:o, s:s, s:s}", "value",
	                                    plan_figure_json(supply), "element",
	                                    element, "origin", origin)
	                        : json_pack("{s:n, s:s, s:s}", "value",
	                                    "element", element, "origin",
	                                    "no registry or reported figure"));
	/* the need is rounded whether or not there is a supply to set it
	 * against */
	rd =
	    json_pack("{s:o}", "need", plan_rounded_json(need->value, rule, 0));
	plan_rule_set(rd, rule, 0);
	json_object_set_new(o, "rounded", rd);
	if (has_supply && !plan_gap_compute(need->value, supply, &g, NULL)) {
		int short_ = g.kind == PLAN_SHORTFALL;

		json_object_set_new(o, "gap", gap_kind_json(&g));
		json_object_set_new(
		    rd, short_ ? "shortfall" : "surplus",
		    plan_rounded_json(short_ ? g.shortfall : g.surplus, rule,
		                      0));
	} else {
		json_object_set_new(o, "gap", json_null());
	}
	return o;
}

static void add_gap(json_t *section, const struct plan_ratio *need,
                    int has_supply, struct exact supply, const char *element,
                    const char *origin, int rule)
{
	json_t *g = gap_json(need, has_supply, supply, element, origin, rule);

	json_object_update(section, g);
	json_decref(g);
}

static json_t *missing_json(const struct pop_basis *b)
{
	return json_pack("{s:s, s:s}", "text", b->missing, "text_zh",
	                 b->missing_zh);
}

static json_t *population_json(struct app_ctx *ctx, const char *region,
                               const char *basis, const struct pop_basis *res,
                               const struct pop_basis *aged)
{
	int level = (int)region_code_level(region) + 1;
	json_t *o = json_pack(
	    "{s:s, s:o, s:o, s:s?, s:s?, s:b}", "basis", basis, "residents",
	    res->has ? plan_figure_json(res->value) : json_null(), "aged_60",
	    aged->has ? plan_figure_json(aged->value) : json_null(),
	    "residents_how", res->how, "aged_60_how", aged->how, "projection",
	    res->projection || aged->projection);
	const struct pop_basis *b[2] = { res, aged };
	static const char *const key[2] = { "residents", "aged_60" };

	for (int i = 0; i < 2; i++) {
		char en[96], zh[96];

		if (!b[i]->has) {
			json_object_set_new(
			    o, arena_printf(ctx->arena, "%s_missing", key[i]),
			    missing_json(b[i]));
			continue;
		}
		if (!rollup_is_partial(b[i]->covered, b[i]->children))
			continue;
		rollup_note(b[i]->covered, b[i]->children, level, 0, en,
		            sizeof(en));
		rollup_note(b[i]->covered, b[i]->children, level, 1, zh,
		            sizeof(zh));
		json_object_set_new(
		    o, arena_printf(ctx->arena, "%s_coverage", key[i]),
		    json_pack("{s:I, s:I, s:s, s:s}", "covered",
		              (json_int_t)b[i]->covered, "children",
		              (json_int_t)b[i]->children, "text", en, "text_zh",
		              zh));
	}
	return o;
}

/* ---- stated against computed ---- */

static const struct {
	const char *figure, *en, *zh;
} figure_words[] = {
	{ "slots_needed", "childcare slots needed", "托位需求" },
	{ "beds_needed", "elderly-care beds needed", "养老床位需求" },
	{ "beds_per_1000_aged_60", "beds per 1,000 aged 60+",
	  "每千名老年人养老床位数" },
	{ "occupancy_percent", "bed occupancy (%)", "床位入住率（%）" },
	{ "vacancy_percent", "bed vacancy (%)", "床位空置率（%）" },
};

static const char *figure_zh(const char *figure)
{
	for (size_t i = 0; i < sizeof(figure_words) / sizeof(figure_words[0]);
	     i++)
		if (!strcmp(figure_words[i].figure, figure))
			return figure_words[i].zh;
	return figure;
}

/* The figure that a stated one implies, beside the one laoxiao holds:
 * implied ± tolerance against held. */
struct implied {
	const char *metric; /* "residents", "aged_60", "occupied_beds" */
	struct plan_ratio value;
	struct exact tolerance;
	int has_held;
	struct exact held;
	const char *held_how;
};

static json_t *audit_json(const char *figure, int year, const char *scope,
                          const char *source, const struct plan_audit *a,
                          int places, const struct implied *im)
{
	json_t *o = json_pack(
	    "{s:s, s:s, s:i, s:s?, s:o, s:i, s:o, s:o, s:o, s:b, s:s}",
	    "figure", figure, "label_zh", figure_zh(figure), "year", year,
	    "scope", scope, "stated", plan_figure_json(a->stated),
	    "stated_places", places, "computed", plan_figure_json(a->computed),
	    "difference", plan_figure_json(a->difference), "tolerance",
	    plan_figure_json(a->tolerance), "differs", a->differs, "source",
	    source ? source : "given in the request");
	json_t *r;

	if (!im)
		return o;
	r = json_pack("{s:s, s:o, s:o, s:o}", "metric", im->metric, "implied",
	              plan_ratio_json(&im->value), "implied_rounded",
	              plan_rounded_json(im->value.value, EXACT_HALF_UP, 0),
	              "tolerance", plan_figure_json(im->tolerance));
	plan_rule_set(r, EXACT_HALF_UP, 0);
	if (im->has_held) {
		struct exact d, mag;

		exact_sub(im->held, im->value.value, &d);
		mag = d;
		mag.num = mag.num < 0 ? -mag.num : mag.num;
		json_object_set_new(r, "held", plan_figure_json(im->held));
		json_object_set_new(
		    r, "held_how",
		    json_string(im->held_how ? im->held_how : ""));
		json_object_set_new(r, "difference", plan_figure_json(d));
		json_object_set_new(
		    r, "differs",
		    json_boolean(exact_cmp(mag, im->tolerance) > 0));
	} else {
		json_object_set_new(r, "held", json_null());
	}
	json_object_set_new(o, "basis", r);
	return o;
}

/* Everything the audits of one region and year need. */
struct audit_ctx {
	struct app_ctx *ctx;
	const char *region, *day;
	int year;
	const struct planning *pl;
	struct pop_basis *residents, *aged;
	struct plan_beds_input beds_in;
	int has_beds_method;
	json_t *list;
};

/* The tolerance a stated figure of so many places carries, carried
 * through the linear map from it to its basis: basis(tolerance). */
static int audit_stated_need(struct audit_ctx *ax, const char *figure,
                             struct exact stated, int places, int year,
                             const char *source)
{
	const struct planning *pl = ax->pl;
	struct plan_ratio need, implied, tol;
	struct plan_audit a;
	struct implied im = { 0 };
	int slots = !strcmp(figure, "slots_needed");

	if (slots) {
		if (!pl->v[PK_SLOTS_PER_1000] || !ax->residents->has)
			return 0;
		if (plan_slots_needed(ax->residents->value,
		                      pl->v[PK_SLOTS_PER_1000]->exact, &need,
		                      &ax->ctx->err) ||
		    plan_audit_compare(stated, places, need.value, &a,
		                       &ax->ctx->err) ||
		    plan_basis_population(stated,
		                          pl->v[PK_SLOTS_PER_1000]->exact,
		                          &implied, &ax->ctx->err) ||
		    plan_basis_population(a.tolerance,
		                          pl->v[PK_SLOTS_PER_1000]->exact, &tol,
		                          &ax->ctx->err))
			return -1;
		im.metric = "residents";
		im.held = ax->residents->value;
		im.held_how = ax->residents->how;
	} else {
		if (!ax->has_beds_method || !ax->aged->has)
			return 0;
		ax->beds_in.aged_60 = ax->aged->value;
		if (plan_beds_needed(&ax->beds_in, &need, &ax->ctx->err) ||
		    plan_audit_compare(stated, places, need.value, &a,
		                       &ax->ctx->err) ||
		    plan_beds_basis(&ax->beds_in, stated, &implied,
		                    &ax->ctx->err) ||
		    plan_beds_basis(&ax->beds_in, a.tolerance, &tol,
		                    &ax->ctx->err))
			return -1;
		im.metric = "aged_60";
		im.held = ax->aged->value;
		im.held_how = ax->aged->how;
	}
	im.value = implied;
	im.tolerance = tol.value;
	im.has_held = 1;
	json_array_append_new(
	    ax->list, audit_json(figure, year, NULL, source, &a, places, &im));
	return 0;
}

/* occupied and beds of elderly-care institutions (of one ownership when
 * scope is set) as of the day: 1 when both are known, beds > 0. */
static int occupancy_of(struct audit_ctx *ax, const char *scope,
                        struct exact *occupied, struct exact *beds,
                        const char **origin)
{
	const char *suffix =
	    scope ? arena_printf(ax->ctx->arena, ".%s", scope) : "";
	const char *o1, *o2;
	int h1 = plan_element_latest(
	    ax->ctx, ax->region,
	    arena_printf(ax->ctx->arena, "occupied_beds.elderly_institution%s",
	                 suffix),
	    ax->day, occupied, &o1);
	int h2;

	if (h1 < 0)
		return -1;
	h2 = plan_element_latest(
	    ax->ctx, ax->region,
	    arena_printf(ax->ctx->arena, "beds.elderly_institution%s", suffix),
	    ax->day, beds, &o2);
	if (h2 < 0)
		return -1;
	*origin = h1 > 0 ? o1 : o2;
	return h1 > 0 && h2 > 0 && beds->num > 0;
}

static int audit_stated_other(struct audit_ctx *ax,
                              const struct stated_figure *sf)
{
	struct exact computed, hundred = exact_int(100),
	                       k1000 = exact_int(1000);
	struct plan_audit a;
	struct implied im = { 0 };
	int has;

	if (!strcmp(sf->figure, "beds_per_1000_aged_60")) {
		struct exact beds;
		const char *origin;
		const char *el =
		    ax->pl->supply_beds ? ax->pl->supply_beds : "beds";

		has = plan_element_latest(ax->ctx, ax->region, el, ax->day,
		                          &beds, &origin);
		if (has < 0)
			return -1;
		if (!has || !ax->aged->has || ax->aged->value.num <= 0)
			return 0;
		/* beds × 1000 ÷ aged 60+; implied aged = beds × 1000 ÷ stated
		 */
		if (exact_mul(beds, k1000, &computed) ||
		    exact_div(computed, ax->aged->value, &computed) ||
		    plan_audit_compare(sf->value, sf->places, computed, &a,
		                       &ax->ctx->err))
			return -1;
		if (sf->value.num > 0 &&
		    !plan_basis_population(beds, sf->value, &im.value, NULL)) {
			struct exact lo;

			/* stated ± tolerance maps to an aged-60+ range */
			exact_sub(sf->value, a.tolerance, &lo);
			im.tolerance = exact_int(0);
			/* the wider side: beds × 1000 ÷ (stated − tol) */
			if (lo.num > 0) {
				struct exact blo;

				exact_mul(beds, k1000, &blo);
				exact_div(blo, lo, &blo);
				exact_sub(blo, im.value.value, &im.tolerance);
			}
			im.metric = "aged_60";
			im.has_held = 1;
			im.held = ax->aged->value;
			im.held_how = ax->aged->how;
		}
		json_array_append_new(ax->list,
		                      audit_json(sf->figure, sf->year, NULL,
		                                 sf->source, &a, sf->places,
		                                 im.metric ? &im : NULL));
		return 0;
	}
	/* occupancy or vacancy, percent, from the registry */
	{
		struct exact occupied, beds, rate;
		const char *origin;

		has = occupancy_of(ax, sf->scope, &occupied, &beds, &origin);
		if (has <= 0)
			return has;
		if (exact_mul(occupied, hundred, &rate) ||
		    exact_div(rate, beds, &rate))
			return -1;
		if (!strcmp(sf->figure, "vacancy_percent"))
			exact_sub(hundred, rate, &rate);
		if (plan_audit_compare(sf->value, sf->places, rate, &a,
		                       &ax->ctx->err))
			return -1;
		json_array_append_new(
		    ax->list, audit_json(sf->figure, sf->year, sf->scope,
		                         sf->source, &a, sf->places, NULL));
	}
	return 0;
}

/* The audits for the year: the policy's stated figures of this region
 * and year, and the request's stated_slots / stated_beds (which replace
 * the policy's of the same figure). */
static int run_audits(struct audit_ctx *ax, long stated_slots, long stated_beds)
{
	const struct planning *pl = ax->pl;
	int own = pl->stated_by && !strcmp(pl->stated_by, ax->region);

	if (stated_slots &&
	    audit_stated_need(ax, "slots_needed", exact_int(stated_slots), 0,
	                      ax->year, NULL))
		return -1;
	if (stated_beds &&
	    audit_stated_need(ax, "beds_needed", exact_int(stated_beds), 0,
	                      ax->year, NULL))
		return -1;
	for (size_t i = 0; own && i < pl->nstated; i++) {
		const struct stated_figure *sf = &pl->stated[i];
		int need = !strcmp(sf->figure, "slots_needed") ||
		           !strcmp(sf->figure, "beds_needed");

		if (sf->year != ax->year)
			continue;
		if ((stated_slots && !strcmp(sf->figure, "slots_needed")) ||
		    (stated_beds && !strcmp(sf->figure, "beds_needed")))
			continue;
		if (need ? audit_stated_need(ax, sf->figure, sf->value,
		                             sf->places, sf->year, sf->source)
		         : audit_stated_other(ax, sf))
			return -1;
	}
	return 0;
}

/* Occupancy and vacancy of elderly-care institutions, all and by
 * ownership, from the registry (or reports) as of the day. */
static int occupancy_section(struct audit_ctx *ax, json_t *out)
{
	static const char *const scopes[] = { NULL, "public", "private" };
	json_t *sec = json_object();

	json_object_set_new(out, "occupancy", sec);
	for (size_t i = 0; i < 3; i++) {
		struct exact occupied, beds, rate, vac;
		struct plan_ratio r;
		const char *origin;
		json_t *o;
		int has =
		    occupancy_of(ax, scopes[i], &occupied, &beds, &origin);

		if (has < 0)
			return -1;
		if (!has)
			continue;
		if (exact_mul(occupied, exact_int(100), &rate) ||
		    exact_div(rate, beds, &rate) ||
		    exact_sub(exact_int(100), rate, &vac))
			continue;
		r.num = occupied;
		r.den = beds;
		exact_div(occupied, beds, &r.value);
		o = json_pack(
		    "{s:o, s:o, s:o, s:o, s:o, s:s}", "occupied",
		    plan_figure_json(occupied), "beds", plan_figure_json(beds),
		    "rate_percent", plan_rounded_json(rate, EXACT_HALF_UP, 2),
		    "vacancy_percent", plan_rounded_json(vac, EXACT_HALF_UP, 2),
		    "share", plan_ratio_json(&r), "origin", origin);
		plan_rule_set(o, EXACT_HALF_UP, 2);
		json_object_set_new(sec, scopes[i] ? scopes[i] : "all", o);
	}
	return 0;
}

/* The absolute bed target of the region's own plan (巴中 2.3万张): only
 * where the policy that sets it is the region's own, since a city's total
 * is not a county's target. */
static int target_section(struct audit_ctx *ax, json_t *out)
{
	const struct plan_value *t = ax->pl->v[PK_BEDS_TARGET];
	struct plan_ratio need;
	struct exact supply;
	const char *origin, *el;
	json_t *sec;
	int has;

	if (!t || strncmp(t->file, ax->region, 12))
		return 0;
	el = ax->pl->supply_beds ? ax->pl->supply_beds : "beds";
	has = plan_element_latest(ax->ctx, ax->region, el, ax->day, &supply,
	                          &origin);
	if (has < 0)
		return -1;
	need.value = need.num = t->exact;
	need.den = exact_int(1);
	sec = json_pack("{s:o}", "standard", standard_json(t));
	add_gap(sec, &need, has, supply, el, origin, t->rounding);
	json_object_set_new(out, "beds_target", sec);
	return 0;
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
	struct audit_ctx ax;
	json_t *pop, *items, *out, *section;
	const char *origin, *el;
	struct exact supply;
	long year, stated_slots, stated_beds;
	int project, has;
	char day[11];

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
	if (plan_population_for(ctx, items,
	                        basis && !strcmp(basis, "registered")
	                            ? "registered"
	                            : "residents",
	                        (int)year, project, &residents) ||
	    plan_population_for(ctx, items, "aged_60", (int)year, project,
	                        &aged)) {
		json_decref(pop);
		return NULL;
	}
	json_decref(pop);
	if (!residents.has && !aged.has)
		return lx_fail(&ctx->err, LX_EINVALID, "year",
		               "no population figure for '%s' in %ld or any "
		               "year before (%s, %s)",
		               region, year, residents.missing_zh,
		               aged.missing_zh),
		       NULL;
	out = json_pack("{s:s, s:i, s:s, s:s?}", "region", region, "year",
	                (int)year, "supply_as_of", day, "jurisdiction",
	                view.jurisdiction);
	json_object_set_new(out, "population",
	                    population_json(ctx, region,
	                                    basis ? basis : "residents",
	                                    &residents, &aged));

	/* childcare slots; each section belongs to out from the start, so
	 * the failure path frees it with out */
	section = json_object();
	json_object_set_new(out, "slots", section);
	json_object_set_new(section, "standard",
	                    standard_json(pl->v[PK_SLOTS_PER_1000]));
	if (pl->v[PK_SLOTS_PER_1000] && !residents.has)
		json_object_set_new(section, "missing",
		                    missing_json(&residents));
	if (pl->v[PK_SLOTS_PER_1000] && residents.has &&
	    !plan_slots_needed(residents.value, pl->v[PK_SLOTS_PER_1000]->exact,
	                       &need, NULL)) {
		el = pl->supply_slots ? pl->supply_slots : "slots";
		has =
		    plan_element_latest(ctx, region, el, day, &supply, &origin);
		if (has < 0)
			goto fail;
		add_gap(section, &need, has, supply, el, origin,
		        rule_of(pl->v[PK_SLOTS_PER_1000]));
	}

	/* elderly-care beds and nursing-type beds */
	memset(&ax, 0, sizeof(ax));
	section = json_object();
	json_object_set_new(out, "beds", section);
	if (pl->has_method) {
		struct plan_beds_input *in = &ax.beds_in;
		const struct plan_value *per = pl->v[PK_BEDS_PER_1000_AGED_60];
		const struct plan_value *tgt = pl->v[PK_PROVINCIAL_BEDS_TARGET];
		const struct plan_value *prov = pl->v[PK_PROVINCE_AGED_60];
		const struct plan_value *rule_std;

		in->method = pl->method == BEDS_PROVINCIAL_SHARE
		                 ? PLAN_BEDS_PROVINCIAL_SHARE
		                 : PLAN_BEDS_PER_1000_AGED_60;
		in->aged_60 = aged.value;
		json_object_set_new(section, "method",
		                    json_pack("{s:s, s:s}", "value",
		                              plan_bed_method_name(in->method),
		                              "source", pl->method_source));
		if (in->method == PLAN_BEDS_PER_1000_AGED_60) {
			json_object_set_new(section, "standard",
			                    standard_json(per));
			in->per_1000 = per ? per->exact : exact_int(0);
			rule_std = per;
		} else {
			json_object_set_new(section, "provincial_target",
			                    standard_json(tgt));
			json_object_set_new(section, "province_aged_60",
			                    standard_json(prov));
			in->target = tgt ? tgt->exact : exact_int(0);
			in->province_aged_60 =
			    prov ? prov->exact : exact_int(0);
			rule_std = tgt;
		}
		ax.has_beds_method = 1;
		if (!aged.has)
			json_object_set_new(section, "missing",
			                    missing_json(&aged));
		if (aged.has && !plan_beds_needed(in, &need, NULL)) {
			const struct plan_value *ns =
			    pl->v[PK_NURSING_SHARE_PERCENT];

			el = pl->supply_beds ? pl->supply_beds : "beds";
			has = plan_element_latest(ctx, region, el, day, &supply,
			                          &origin);
			if (has < 0)
				goto fail;
			add_gap(section, &need, has, supply, el, origin,
			        rule_of(rule_std));
			if (ns) {
				struct plan_ratio nurse;
				struct exact nsup;
				const char *norigin;
				int nhas;
				json_t *nsec;

				plan_nursing_beds_needed(need.value, ns->exact,
				                         &nurse, NULL);
				nhas = plan_element_latest(ctx, region,
				                           "nursing_beds", day,
				                           &nsup, &norigin);
				if (nhas < 0)
					goto fail;
				nsec =
				    gap_json(&nurse, nhas, nsup, "nursing_beds",
				             norigin, ns->rounding);
				json_object_set_new(out, "nursing_beds", nsec);
				json_object_set_new(nsec, "standard",
				                    standard_json(ns));
			}
		}
	} else {
		json_object_set_new(section, "method", json_null());
	}

	/* the absolute target, occupancy, and the plan's stated figures */
	ax.ctx = ctx;
	ax.region = region;
	ax.day = day;
	ax.year = (int)year;
	ax.pl = pl;
	ax.residents = &residents;
	ax.aged = &aged;
	ax.list = json_array();
	json_object_set_new(out, "audits", ax.list);
	if (target_section(&ax, out) || occupancy_section(&ax, out) ||
	    run_audits(&ax, stated_slots, stated_beds))
		goto fail;
	/* the request's stated figures, as before: the stated need and the
	 * gap it gives against the same supply */
	{
		static const char *const keys[2] = { "slots", "beds" };
		long st[2] = { stated_slots, stated_beds };

		for (int i = 0; i < 2; i++) {
			json_t *sec = json_object_get(out, keys[i]);
			json_t *sup = json_object_get(
			    json_object_get(sec, "supply"), "value");
			struct exact s, g;

			if (!st[i] || !json_object_get(sec, "need"))
				continue;
			if (json_is_string(sup) &&
			    !exact_parse(json_string_value(sup), &s) &&
			    !exact_sub(exact_int(st[i]), s, &g))
				sup = plan_figure_json(g);
			else
				sup = json_null();
			json_object_set_new(sec, "stated",
			                    json_pack("{s:I, s:o}", "need",
			                              (json_int_t)st[i], "gap",
			                              sup));
		}
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

json_t *app_plan_flags(struct app_ctx *ctx, const char *region, int year)
{
	struct policy_view view;
	json_t *flags = json_array();

	if (app_policy_view(ctx, region, &view)) {
		json_decref(flags);
		return NULL;
	}
	/* every year the region's own plan states a figure for, up to the
	 * bulletin's year */
	for (size_t i = 0; view.planning.stated_by &&
	                   !strcmp(view.planning.stated_by, region) &&
	                   i < view.planning.nstated;
	     i++) {
		int y = view.planning.stated[i].year;
		int seen = 0;
		json_t *q, *doc, *a;
		size_t k;

		for (size_t j = 0; j < i; j++)
			seen |= view.planning.stated[j].year == y;
		if (seen || y > year)
			continue;
		q = json_pack("{s:s, s:s}", "region", region, "year",
		              arena_printf(ctx->arena, "%d", y));
		doc = app_plan_gap(ctx, q);
		json_decref(q);
		if (!doc) {
			/* a year without population is no flag, only a gap
			 * in what can be audited */
			lx_error_clear(&ctx->err);
			continue;
		}
		json_array_foreach(json_object_get(doc, "audits"), k, a)
		{
			json_t *b = json_object_get(a, "basis");

			if (json_is_true(json_object_get(a, "differs")) ||
			    json_is_true(json_object_get(b, "differs")))
				json_array_append(flags, a);
		}
		json_decref(doc);
	}
	return flags;
}
