#include "app/disclose_public.h"

#include "app/complaint_policy.h"
#include "app/credit_policy.h"
#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/result_cache.h"
#include "core/date.h"
#include "core/disclose_text.h"
#include "core/exact.h"
#include "core/facility.h"
#include "core/place_rating.h"
#include "store/disclose_store.h"
#include "store/region_store.h"

#include <stdio.h>
#include <string.h>

/* "Recent" on the page (lapses, checks and hazards, complaints) is the
 * year up to the day shown: the platform's own window, the span of the
 * yearly bulletins (年度通报) the plans ask for. */
enum { RECENT_DAYS = 365 };

/* The lowest satisfaction level the region's "complaints" section counts
 * as satisfied (the levels it lists are the top ones of the 1..5 scale);
 * 6, so that nothing counts, when no section says. */
static int satisfied_from(const struct policy_view *v)
{
	int from = 6;

	if (!v->complaints)
		return from;
	for (size_t i = 0; i < v->complaints->nsatisfied; i++)
		if (v->complaints->satisfied[i] < from)
			from = v->complaints->satisfied[i];
	return from;
}

/* A black-list ground in the words of the region's "credit" section. */
static const char *ground_name(const struct policy_view *v, const char *code)
{
	const struct credit_code *c =
	    credit_policy_ground(v->credit, "black", code);

	return c ? c->name : code;
}

/* Free text written by people, with any personal number in it masked
 * (core/disclose_text.h); needs a ctx in scope. */
#define S(text) disclose_scrub(ctx->arena, (text))

static const char *kind_zh(const char *kind)
{
	int k = enum_lookup(&facility_kind_names, kind);

	return k >= 0 ? facility_kind_names.labels_zh[k] : "";
}

/* The scheme's name and the level as a family reads them (三级, 四星);
 * a scheme the registry does not know keeps its code as its name. */
static void rating_names(const char *scheme, int level, const char **name,
                         const char **label)
{
	struct place_rating r;

	memset(&r, 0, sizeof(r));
	r.scheme = place_rating_scheme_parse(scheme);
	r.level = level;
	*name = r.scheme >= 0 ? place_rating_scheme_zh(r.scheme) : scheme;
	*label = r.scheme >= 0 ? place_rating_label_zh(&r) : "";
}

/* part of whole as exact text: the count pair and a percentage rounded
 * half up to one place (null when whole is 0). */
static json_t *share_json(long long part, long long whole)
{
	struct exact v;
	char buf[EXACT_TEXT_MAX];

	if (whole <= 0 || exact_frac(part * 100, whole, &v))
		return json_pack("{s:I, s:I, s:n}", "numerator",
		                 (json_int_t)part, "denominator",
		                 (json_int_t)whole, "percent");
	return json_pack("{s:I, s:I, s:s}", "numerator", (json_int_t)part,
	                 "denominator", (json_int_t)whole, "percent",
	                 exact_format(v, 1, EXACT_HALF_UP, buf));
}

static json_t *ratings_json(struct app_ctx *ctx, const struct disclose_scope *s)
{
	struct disclose_rating *r;
	struct disclose_lapse *l;
	size_t nr, nl;
	json_t *items, *lapses;

	if (disclose_store_ratings(ctx->db, ctx->arena, s, &r, &nr,
	                           &ctx->err) ||
	    disclose_store_lapses(ctx->db, ctx->arena, s, &l, &nl, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < nr; i++) {
		const char *name, *label;

		rating_names(r[i].scheme, r[i].level, &name, &label);
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s}",
		              "facility_id", (json_int_t)r[i].facility_id,
		              "facility_name", S(r[i].facility_name),
		              "kind_name", kind_zh(r[i].facility_kind),
		              "scheme", r[i].scheme, "scheme_name", name,
		              "level", r[i].level, "level_name", label,
		              "rated_on", r[i].rated_on, "valid_until",
		              r[i].valid_until));
	}
	lapses = json_array();
	for (size_t i = 0; i < nl; i++) {
		const char *name, *label;

		rating_names(l[i].scheme, l[i].level, &name, &label);
		json_array_append_new(
		    lapses,
		    json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s}",
		              "facility_id", (json_int_t)l[i].facility_id,
		              "facility_name", S(l[i].facility_name), "scheme",
		              l[i].scheme, "scheme_name", name, "level",
		              l[i].level, "level_name", label, "lapsed_on",
		              l[i].lapsed_on));
	}
	return json_pack("{s:o, s:o}", "in_force", items, "lapsed", lapses);
}

static json_t *black_json(struct app_ctx *ctx, const struct disclose_scope *s,
                          const struct policy_view *v)
{
	struct disclose_listing *l;
	size_t n;
	long long staff;
	json_t *items;

	if (disclose_store_black(ctx->db, ctx->arena, s, &l, &n, &staff,
	                         &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "facility_id",
		              (json_int_t)l[i].facility_id, "facility_name",
		              S(l[i].facility_name), "ground",
		              S(ground_name(v, l[i].ground)), "authority",
		              S(l[i].authority), "listed_on", l[i].listed_on,
		              "published_on", l[i].published_on));
	/* staff are people: their names are not the public's, a count is */
	return json_pack("{s:o, s:I}", "institutions", items, "staff_count",
	                 (json_int_t)staff);
}

static json_t *childcare_json(struct app_ctx *ctx,
                              const struct disclose_scope *s)
{
	struct disclose_childcare *c;
	size_t n;
	json_t *items;
	long long filed = 0;

	if (disclose_store_childcare(ctx->db, ctx->arena, s, &c, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		int st = enum_lookup(&filing_status_names, c[i].filing_status);

		filed += st == FILING_FILED;
		json_array_append_new(
		    items,
		    json_pack(
		        "{s:I, s:s, s:s, s:s, s:s, s:o}", "facility_id",
		        (json_int_t)c[i].facility_id, "name", S(c[i].name),
		        "kind_name", kind_zh(c[i].kind), "filing_status",
		        c[i].filing_status, "filing_status_name",
		        st >= 0 ? filing_status_names.labels_zh[st] : "",
		        "filing_date",
		        c[i].filing_date[0] ? json_string(c[i].filing_date)
		                            : json_null()));
	}
	return json_pack("{s:o, s:o}", "items", items, "filed_share",
	                 share_json(filed, (long long)n));
}

static json_t *inspections_json(struct app_ctx *ctx,
                                const struct disclose_scope *s)
{
	struct disclose_plan *p;
	struct disclose_checks *c;
	size_t np, nc;
	json_t *plans, *facilities;

	if (disclose_store_plans(ctx->db, ctx->arena, s, &p, &np, &ctx->err) ||
	    disclose_store_checks(ctx->db, ctx->arena, s, &c, &nc, &ctx->err))
		return NULL;
	plans = json_array();
	for (size_t i = 0; i < np; i++)
		json_array_append_new(
		    plans,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
		              " s:I, s:s}",
		              "id", (json_int_t)p[i].id, "region", p[i].region,
		              "region_name", p[i].region_name, "period",
		              p[i].period, "title", S(p[i].title), "seed",
		              p[i].seed, "algorithm", p[i].algorithm, "digest",
		              p[i].digest, "drawn_at", p[i].drawn_at, "checks",
		              (json_int_t)p[i].checks, "verify",
		              arena_printf(ctx->arena,
		                           "/api/v1/public/inspect/plans/%lld",
		                           p[i].id)));
	facilities = json_array();
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(
		    facilities,
		    json_pack(
		        "{s:I, s:s, s:I, s:I, s:I, s:o}", "facility_id",
		        (json_int_t)c[i].facility_id, "facility_name",
		        S(c[i].facility_name), "checks_done",
		        (json_int_t)c[i].checks_done, "hazards_found",
		        (json_int_t)c[i].hazards_found, "hazards_closed",
		        (json_int_t)c[i].hazards_closed, "closed_share",
		        share_json(c[i].hazards_closed, c[i].hazards_found)));
	return json_pack("{s:o, s:o}", "plans", plans, "facilities",
	                 facilities);
}

static json_t *complaints_json(struct app_ctx *ctx,
                               const struct disclose_scope *s,
                               const struct policy_view *v)
{
	int from = satisfied_from(v);

	struct disclose_complaints *c;
	size_t n;
	json_t *items;

	if (disclose_store_complaints(ctx->db, ctx->arena, s, from, &c, &n,
	                              &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:I, s:I, s:I, s:o, s:I, s:o}",
		              "facility_id", (json_int_t)c[i].facility_id,
		              "facility_name", S(c[i].facility_name),
		              "received", (json_int_t)c[i].received, "closed",
		              (json_int_t)c[i].closed, "on_time",
		              (json_int_t)c[i].on_time, "on_time_share",
		              share_json(c[i].on_time, c[i].received), "rated",
		              (json_int_t)c[i].rated, "satisfied_share",
		              share_json(c[i].satisfied, c[i].rated)));
	return json_pack("{s:o, s:i}", "items", items, "satisfied_from", from);
}

static json_t *commitments_json(struct app_ctx *ctx,
                                const struct disclose_scope *s)
{
	struct disclose_commitment *c;
	size_t n;
	json_t *items;

	if (disclose_store_commitments(ctx->db, ctx->arena, s, &c, &n,
	                               &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:o, s:s}", "facility_id",
		              (json_int_t)c[i].facility_id, "facility_name",
		              S(c[i].facility_name), "text", S(c[i].text), "on",
		              c[i].on[0] ? json_string(c[i].on) : json_null(),
		              "source", c[i].source));
	return items;
}

json_t *app_disclose_doc(struct app_ctx *ctx, const char *region)
{
	struct disclose_scope s;
	struct policy_view view;
	struct region r;
	struct lx_date d;
	char since[11];
	json_t *sec[6];
	json_t *doc;

	if (region_store_get(ctx->db, ctx->arena, region, &r, &ctx->err)) {
		if (ctx->err.code == LX_ENOTFOUND)
			lx_fail(&ctx->err, LX_EINVALID, "region",
			        "no region %s", region);
		return NULL;
	}
	if (date_parse(ctx->today, &d))
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "bad clock"), NULL;
	date_format(date_from_days(date_to_days(d) - RECENT_DAYS), since);
	if (app_policy_view(ctx, region, &view))
		return NULL;
	s.region = region;
	s.day = ctx->today;
	s.since = since;
	memset(sec, 0, sizeof(sec));
	if (!(sec[0] = ratings_json(ctx, &s)) ||
	    !(sec[1] = black_json(ctx, &s, &view)) ||
	    !(sec[2] = childcare_json(ctx, &s)) ||
	    !(sec[3] = inspections_json(ctx, &s)) ||
	    !(sec[4] = complaints_json(ctx, &s, &view)) ||
	    !(sec[5] = commitments_json(ctx, &s))) {
		for (int i = 0; i < 6; i++)
			json_decref(sec[i]);
		return NULL;
	}
	doc = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o,"
	                " s:{s:s, s:s}, s:s}",
	                "region", r.code, "region_name", S(r.name), "day",
	                ctx->today, "since", since, "ratings", sec[0],
	                "black_list", sec[1], "childcare", sec[2],
	                "inspections", sec[3], "complaints", sec[4],
	                "commitments", sec[5], "places", "href", "#/find",
	                "api", "/api/v1/public/places", "rounding",
	                "percentages rounded half up to one place "
	                "(四舍五入, 保留一位小数)");
	return doc;
}

static json_t *doc_fn(struct app_ctx *ctx, void *arg)
{
	return app_disclose_doc(ctx, arg);
}

int app_disclose_public(struct app_ctx *ctx, json_t *params, char **text,
                        size_t *len, int *hit)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err)) {
		if (ctx->err.code == LX_EMALFORMED)
			ctx->err.code = LX_EINVALID;
		return -1;
	}
	if (!region)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' is required");
	return app_cached_json(ctx,
	                       arena_printf(ctx->arena,
	                                    "public-disclosure/%s/%s", region,
	                                    ctx->today),
	                       doc_fn, (void *)region, text, len, hit);
}
