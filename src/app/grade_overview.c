/* A region's grading on a day: ratings in force by scheme and level, the
 * graded share of elderly institutions and the star-rated count, ratings
 * in their renewal window, lapses on record, and annual evaluations due. */
#include "app/grade.h"

#include "app/grade_policy.h"
#include "app/inspect_scope.h"
#include "app/inspect_shares.h"
#include "app/params.h"
#include "core/facility.h"
#include "core/grade_rules.h"
#include "core/role.h"
#include "store/grade_store.h"

#include <string.h>

/* The grading sections of the regions met, looked up once each. */
struct cache {
	size_t n, cap;
	struct {
		const char *region;
		const struct grade_policy *p;
	} * v;
};

static const struct grade_policy *policy_of(struct app_ctx *ctx,
                                            struct cache *c, const char *region)
{
	const struct grade_policy *p;

	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].region, region))
			return c->v[i].p;
	p = grade_policy_for(ctx, region);
	if (!p)
		return NULL;
	c->v = arena_grow(ctx->arena, c->v, c->n, &c->cap, sizeof(*c->v));
	c->v[c->n].region = region;
	c->v[c->n++].p = p;
	return p;
}

static int visible(struct app_ctx *ctx, const char *region, long long id)
{
	return principal_sees_facility(ctx->who, region, id);
}

json_t *grade_rating_row(const struct grade_scheme *s,
                         const struct grade_rating *r, const char *day)
{
	char from[11] = "";
	int k = enum_lookup(&facility_kind_names, r->kind);
	json_t *j;

	if (s)
		grade_renewal_from(s, r->valid_until, from);
	j = json_pack(
	    "{sI sI ss ss ss ss ss si ss ss ss}", "rating_id",
	    (json_int_t)r->id, "facility_id", (json_int_t)r->facility_id,
	    "facility_name", r->facility_name, "kind", r->kind, "kind_label",
	    k >= 0 ? facility_kind_names.labels_zh[k] : r->kind, "scheme",
	    r->scheme, "scheme_name", s ? s->name : r->scheme, "level",
	    r->level, "level_name", s ? grade_level_name(s, r->level) : "",
	    "rated_on", r->rated_on, "valid_until", r->valid_until);
	if (from[0]) {
		json_object_set_new(j, "renewal_from", json_string(from));
		json_object_set_new(
		    j, "expiring",
		    json_boolean(day && strcmp(day, from) >= 0 &&
		                 strcmp(day, r->valid_until) <= 0));
	}
	if (r->lapsed_on[0])
		json_object_set_new(j, "lapsed_on", json_string(r->lapsed_on));
	return j;
}

/* {code, name, unit, count, levels: [{level, name, count}]} */
static json_t *scheme_tally(const struct grade_scheme *s,
                            const struct grade_rating *rs, size_t n,
                            const int *keep)
{
	json_t *levels = json_array();
	long long all = 0;

	for (size_t l = 1; l <= s->nlevels; l++) {
		long long c = 0;

		for (size_t i = 0; i < n; i++)
			if (keep[i] && rs[i].level == (int)l &&
			    !strcmp(rs[i].scheme, s->code))
				c++;
		all += c;
		json_array_append_new(levels,
		                      json_pack("{si ss sI}", "level", (int)l,
		                                "name", s->levels[l - 1].name,
		                                "count", (json_int_t)c));
	}
	return json_pack("{ss ss ss sI so}", "code", s->code, "name", s->name,
	                 "unit", s->unit, "count", (json_int_t)all, "levels",
	                 levels);
}

static int annual_due(struct app_ctx *ctx, const struct grade_policy *p,
                      const char *region, const char *day, json_t *out)
{
	char from[11], to[11];

	snprintf(from, sizeof(from), "%.4s-01-01", day);
	snprintf(to, sizeof(to), "%.4s-12-31", day);
	for (size_t i = 0; i < p->nschemes; i++) {
		const struct grade_scheme *s = &p->schemes[i];
		struct grade_due *d;
		size_t n;

		if (!s->annual)
			continue;
		if (grade_store_annual_due(ctx->db, ctx->arena, region, s->code,
		                           day, from, to, &d, &n, &ctx->err))
			return -1;
		for (size_t j = 0; j < n; j++) {
			int k = enum_lookup(&facility_kind_names, d[j].kind);

			if (k < 0 || !(s->kinds & (1u << k)) ||
			    !visible(ctx, d[j].region, d[j].facility_id))
				continue;
			json_array_append_new(
			    out, json_pack(
			             "{sI ss ss ss ss ss}", "facility_id",
			             (json_int_t)d[j].facility_id,
			             "facility_name", d[j].name, "kind_label",
			             facility_kind_names.labels_zh[k], "scheme",
			             s->code, "scheme_name", s->name, "year",
			             arena_printf(ctx->arena, "%.4s", day)));
		}
	}
	return 0;
}

json_t *app_grade_overview(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "as_of", NULL };
	const struct grade_policy *p;
	struct grade_rating *rs, *ls;
	size_t n, nl;
	const char *region, *as_of;
	struct cache c = { 0 };
	long long graded = 0, elderly = 0, stars = 0;
	int *keep;
	json_t *schemes, *ratings, *expiring, *lapsed, *due, *out;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    inspect_scope_region(ctx, params, &region))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	if (!region)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' is required"),
		       NULL;
	p = grade_policy_for(ctx, region);
	if (!p ||
	    grade_store_in_force(ctx->db, ctx->arena, region, 0, as_of, &rs, &n,
	                         &ctx->err) ||
	    grade_store_lapses(ctx->db, ctx->arena, region, as_of, &ls, &nl,
	                       &ctx->err) ||
	    grade_store_count_open(ctx->db, region, "elderly_institution",
	                           as_of, &elderly, &ctx->err))
		return NULL;
	keep = arena_alloc(ctx->arena, (n + 1) * sizeof(*keep));
	ratings = json_array();
	expiring = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct grade_policy *fp =
		    policy_of(ctx, &c, rs[i].region);
		const struct grade_scheme *s;
		json_t *row;

		if (!fp)
			return NULL;
		keep[i] = visible(ctx, rs[i].region, rs[i].facility_id);
		if (!keep[i])
			continue;
		s = grade_policy_scheme(fp, rs[i].scheme);
		if (!strcmp(rs[i].scheme, "national_grade") &&
		    !strcmp(rs[i].kind, "elderly_institution") &&
		    rs[i].level >= 1)
			graded++;
		if (!strcmp(rs[i].scheme, "childcare_star") &&
		    !strcmp(rs[i].kind, "childcare_institution"))
			stars++;
		row = grade_rating_row(s, &rs[i], as_of);
		if (json_is_true(json_object_get(row, "expiring")))
			json_array_append(expiring, row);
		json_array_append_new(ratings, row);
	}
	schemes = json_array();
	for (size_t i = 0; i < p->nschemes; i++)
		json_array_append_new(
		    schemes, scheme_tally(&p->schemes[i], rs, n, keep));
	lapsed = json_array();
	for (size_t i = 0; i < nl; i++) {
		const struct grade_policy *fp =
		    policy_of(ctx, &c, ls[i].region);

		if (!fp)
			return NULL;
		if (visible(ctx, ls[i].region, ls[i].facility_id))
			json_array_append_new(
			    lapsed, grade_rating_row(
			                grade_policy_scheme(fp, ls[i].scheme),
			                &ls[i], NULL));
	}
	due = json_array();
	out = json_pack(
	    "{ss ss so so so so so so}", "region", region, "as_of", as_of,
	    "schemes", schemes, "graded_elderly",
	    inspect_share_json(graded, elderly), "star_rated_childcare",
	    json_pack("{sI}", "count", (json_int_t)stars), "ratings", ratings,
	    "expiring", expiring, "lapsed", lapsed);
	if (annual_due(ctx, p, region, as_of, due)) {
		json_decref(out);
		json_decref(due);
		return NULL;
	}
	json_object_set_new(out, "annual_due", due);
	return out;
}
