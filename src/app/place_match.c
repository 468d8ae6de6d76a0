#include "app/place_match.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/place_offers.h"
#include "app/place_ratings.h"
#include "app/policy.h"
#include "app/subsidy_policy.h"
#include "core/assessment.h"
#include "core/date.h"
#include "core/decimal.h"
#include "core/geo.h"
#include "core/place_match.h"
#include "core/place_text.h"
#include "core/region_code.h"
#include "core/role.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_entitlement_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT_DEFAULT 20
#define LIMIT_MAX     200
#define RADIUS_KM_MAX 500

/* The rule as people read it (core/place_match.h says the same). */
static const char rule_zh[] =
    "有预算时，收费在预算内的优先，未公示收费的其次，超出预算的最后；"
    "再按直线距离由近到远（无坐标的排在有坐标的之后）；再按月收费由低到"
    "高（未公示的在后）；最后按登记编号。只列出当天有空位的已备案在营机构。"
    "距离为直线距离（不含道路），整米四舍五入，一公里以上保留一位小数。";

struct need_in {
	struct place_need need;
	const char *kind;    /* "elderly" or "childcare" */
	const char *region;  /* where the need is, or NULL */
	long long person_id; /* 0: explicit fields */
	int has_loc;
	double lat, lon;
	const char *loc_method; /* "given", "residential_points", … */
};

/* The county (区县) a region lies in: its first six digits. */
static const char *county_of(struct app_ctx *ctx, const char *region)
{
	if (!region || region_code_level(region) < REGION_COUNTY)
		return region;
	return arena_printf(ctx->arena, "%.6s000000", region);
}

static int months_between(const char *birth, const char *day, long long *out)
{
	struct lx_date b, d;
	long long m;

	if (date_parse(birth, &b) || date_parse(day, &d) || date_cmp(d, b) < 0)
		return -1;
	m = (long long)(d.y - b.y) * 12 + (d.m - b.m);
	if (d.d < b.d)
		m--;
	*out = m;
	return 0;
}

static int care_of_level(struct app_ctx *ctx, const char *region, int level)
{
	struct policy_view view;
	struct assess_policy pol = assess_policy_default();

	if (level < 0 || level >= ASSESS_LEVEL__MAX)
		return -1;
	if (!app_policy_view(ctx, region, &view) && view.assessment.has_care)
		return view.assessment.care_of[level];
	ctx->err.code = LX_OK;
	return (int)pol.care_of[level];
}

/* The childcare classes of the policy that applies where the need is. */
static void infant_need(struct app_ctx *ctx, const char *region,
                        long long months, struct place_need *need)
{
	struct policy_view view;
	const struct childcare_policy *p = NULL;

	if (region && !app_policy_view(ctx, region, &view))
		p = view.childcare;
	ctx->err.code = LX_OK;
	place_need_for_infant(p, months, need);
}

static int need_of_person(struct app_ctx *ctx, long long id, const char *day,
                          struct need_in *in)
{
	struct person p;
	int linked;

	if (person_store_get(ctx->db, ctx->arena, id, &p, &ctx->err)) {
		if (ctx->err.code != LX_ENOTFOUND)
			return -1;
		/* a family learns nothing about ids it is not linked to:
		 * one answer whether the person exists or not */
		if (ctx->who->role == ROLE_FAMILY)
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "person_id",
			               "you are not linked to this person");
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no person %lld", id);
	}
	if (ctx->who->role == ROLE_FAMILY) {
		linked = service_store_linked(ctx->db, ctx->who->account_id, id,
		                              &ctx->err);
		if (linked < 0)
			return -1;
		if (!linked)
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "person_id",
			               "you are not linked to this person");
	} else if (!principal_sees_region(ctx->who, p.region)) {
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no person %lld", id);
	}
	if (p.deceased_on[0] && strcmp(p.deceased_on, day) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "the person died on %s", p.deceased_on);
	in->person_id = id;
	in->region = arena_strdup(ctx->arena, p.region);
	if (!strcmp(p.kind, "elderly")) {
		in->kind = "elderly";
		in->need.elderly = 1;
		in->need.care = care_of_level(ctx, p.region, p.level);
		in->need.class_type = -1;
		return 0;
	}
	in->kind = "childcare";
	if (months_between(p.birth_date, day, &in->need.months))
		return lx_fail(&ctx->err, LX_EINVALID, "as_of",
		               "the infant is born after %s", day);
	infant_need(ctx, p.region, in->need.months, &in->need);
	return 0;
}

static int need_of_fields(struct app_ctx *ctx, json_t *params,
                          struct need_in *in)
{
	const char *kind = param_str(params, "kind");
	const char *care = param_str(params, "care_level");
	long months;

	if (ctx->who->role == ROLE_FAMILY)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "a family account matches for a linked person: "
		               "give person_id");
	if (!kind)
		return lx_fail(
		    &ctx->err, LX_EINVALID, "kind",
		    "give person_id, or kind (elderly or childcare)");
	if (!strcmp(kind, "elderly")) {
		in->kind = "elderly";
		in->need.elderly = 1;
		in->need.class_type = -1;
		in->need.care = -1;
		if (param_str(params, "age_months"))
			return lx_fail(&ctx->err, LX_EINVALID, "age_months",
			               "age_months is for childcare");
		if (care && (in->need.care = assess_care_parse(care)) < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "care_level",
			               "care_level must be self, partly or "
			               "disabled");
		return 0;
	}
	if (strcmp(kind, "childcare"))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "kind must be elderly or childcare");
	if (care)
		return lx_fail(&ctx->err, LX_EINVALID, "care_level",
		               "care_level is for elderly");
	in->kind = "childcare";
	if (!param_str(params, "age_months"))
		return lx_fail(&ctx->err, LX_EINVALID, "age_months",
		               "give the infant's age_months");
	if (param_long(params, "age_months", 0, 0, 72, &months, &ctx->err)) {
		ctx->err.code = LX_EINVALID;
		return -1;
	}
	infant_need(ctx,
	            in->region            ? in->region
	            : ctx->who->region[0] ? ctx->who->region
	                                  : NULL,
	            months, &in->need);
	return 0;
}

/* lat and lon as decimal text, together, inside China. */
static int read_point(struct app_ctx *ctx, json_t *params, struct need_in *in)
{
	const char *la = param_str(params, "lat"),
	           *lo = param_str(params, "lon");

	if (!la && !lo)
		return 0;
	if (!la || !lo)
		return lx_fail(&ctx->err, LX_EINVALID, la ? "lon" : "lat",
		               "'lat' and 'lon' go together");
	if (decimal_parse(la, &in->lat) || in->lat < -90 || in->lat > 90)
		return lx_fail(&ctx->err, LX_EINVALID, "lat",
		               "lat must be a decimal latitude");
	if (decimal_parse(lo, &in->lon) || in->lon < -180 || in->lon > 180)
		return lx_fail(&ctx->err, LX_EINVALID, "lon",
		               "lon must be a decimal longitude");
	if (!geo_in_china(in->lat, in->lon))
		return lx_fail(&ctx->err, LX_EINVALID, "lat",
		               "the point is not in China");
	in->has_loc = 1;
	in->loc_method = "given";
	return 0;
}

static json_t *why_of(struct app_ctx *ctx, const struct place_offer *o,
                      const struct place_candidate *c, const struct need_in *in,
                      const struct place_match_rule *rule)
{
	json_t *why = json_array();
	char b1[40], b2[40];

	if (c->has_distance)
		json_array_append_new(
		    why, json_string(arena_printf(
		             ctx->arena, "直线距离 %s",
		             place_text_distance(c->distance_m, b1))));
	else
		json_array_append_new(why,
		                      json_string("距离未知（未登记坐标）"));
	if (in->need.elderly)
		json_array_append_new(
		    why, json_string(arena_printf(ctx->arena, "有空床 %lld 张",
		                                  o->room)));
	else if (o->v.has_classes && in->need.class_type >= 0)
		json_array_append_new(
		    why, json_string(arena_printf(
		             ctx->arena, "%s可收托位 %lld 个",
		             class_type_names.labels_zh[in->need.class_type],
		             o->room)));
	else
		json_array_append_new(
		    why, json_string(arena_printf(
		             ctx->arena, "有空托位 %lld 个", o->room)));
	if (!o->has_price)
		json_array_append_new(why, json_string("未公示收费"));
	else if (!rule->has_budget)
		json_array_append_new(
		    why,
		    json_string(arena_printf(ctx->arena, "月收费 %s 元（%s）",
		                             place_text_yuan(o->price_fen, b1),
		                             o->price_what)));
	else if (o->price_fen <= rule->budget_fen)
		json_array_append_new(
		    why,
		    json_string(arena_printf(
		        ctx->arena, "月收费 %s 元（%s），在预算内",
		        place_text_yuan(o->price_fen, b1), o->price_what)));
	else
		json_array_append_new(
		    why,
		    json_string(arena_printf(
		        ctx->arena, "月收费 %s 元（%s），超出预算 %s 元",
		        place_text_yuan(o->price_fen, b1), o->price_what,
		        place_text_yuan(o->price_fen - rule->budget_fen, b2))));
	if (o->affordable)
		json_array_append_new(why, json_string("普惠"));
	if (o->has_rating)
		json_array_append_new(
		    why, json_string(arena_printf(
		             ctx->arena, "%s（%s）",
		             place_rating_label_zh(&o->rating),
		             place_rating_scheme_zh(o->rating.scheme))));
	json_array_append_new(why, json_string("已备案"));
	return why;
}

static json_t *item_json(struct app_ctx *ctx, const struct place_offer *o,
                         const struct place_candidate *c,
                         const struct place_candidate *prev, size_t rank,
                         const struct need_in *in,
                         const struct place_match_rule *rule, const char *day)
{
	enum place_match_reason why = place_match_reason_of(prev, c, rule);
	char b[40];
	json_t *j = json_pack(
	    "{sI sI ss ss ss ss ss sI sb sb ss ss}", "rank", (json_int_t)rank,
	    "facility_id", (json_int_t)o->f.id, "name", o->f.name, "kind",
	    facility_kind_names.names[o->f.kind], "kind_label",
	    facility_kind_names.labels_zh[o->f.kind], "region", o->f.region,
	    "region_name", o->f.region_name ? o->f.region_name : "", "vacant",
	    (json_int_t)o->room, "affordable", o->affordable, "filed", 1,
	    "below_reason", place_match_reason_code(why), "below_reason_label",
	    place_match_reason_zh(why));

	json_object_set_new(j, "address",
	                    json_string(o->f.address ? o->f.address : ""));
	json_object_set_new(j, "distance_m",
	                    c->has_distance ? json_integer(c->distance_m)
	                                    : json_null());
	json_object_set_new(
	    j, "distance_text",
	    json_string(c->has_distance ? place_text_distance(c->distance_m, b)
	                                : "未知"));
	json_object_set_new(j, "price_fen",
	                    o->has_price ? json_integer(o->price_fen)
	                                 : json_null());
	json_object_set_new(j, "price_yuan",
	                    o->has_price
	                        ? json_string(place_text_yuan(o->price_fen, b))
	                        : json_null());
	json_object_set_new(j, "price_item",
	                    json_string(o->has_price ? o->price_what : ""));
	json_object_set_new(j, "rating",
	                    o->has_rating
	                        ? place_rating_to_json_public(&o->rating, day)
	                        : json_null());
	json_object_set_new(j, "why", why_of(ctx, o, c, in, rule));
	return j;
}

struct match_args {
	struct need_in in;
	const char *day, *area, *own;
	struct place_match_rule rule;
	int affordable_only, has_radius;
	long long radius_m;
	long limit;
};

/* Candidates from offers: room, distance, price; the radius and the 普惠
 * filter drop some. */
static size_t candidates(struct place_offer *o, size_t n,
                         const struct match_args *m, struct place_candidate *c,
                         const char *within)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		struct place_candidate x = { 0 };

		if (within && !region_code_is_within(o[i].f.region, within))
			continue;
		if (m->affordable_only && !o[i].affordable)
			continue;
		x.facility_id = o[i].f.id;
		x.vacant = o[i].room;
		x.has_price = o[i].has_price;
		x.price_fen = o[i].price_fen;
		x.data = &o[i];
		if (m->in.has_loc && o[i].f.has_coords == 3) {
			x.has_distance = 1;
			x.distance_m = place_text_round_m(geo_distance_m(
			    m->in.lat, m->in.lon, o[i].f.lat, o[i].f.lon));
		}
		if (m->has_radius &&
		    (!x.has_distance || x.distance_m > m->radius_m))
			continue;
		c[k++] = x;
	}
	return k;
}

static json_t *need_json(const struct need_in *in)
{
	json_t *j = json_pack("{ss}", "kind", in->kind);

	json_object_set_new(j, "person_id",
	                    in->person_id ? json_integer(in->person_id)
	                                  : json_null());
	if (in->need.elderly) {
		json_object_set_new(j, "care_level",
		                    in->need.care >= 0
		                        ? json_string(assess_care_code(
		                              (enum assess_care)in->need.care))
		                        : json_null());
		json_object_set_new(
		    j, "care_level_label",
		    json_string(
		        in->need.care >= 0
		            ? assess_care_zh((enum assess_care)in->need.care)
		            : "未评估"));
	} else {
		json_object_set_new(j, "age_months",
		                    json_integer(in->need.months));
		json_object_set_new(
		    j, "class_type",
		    in->need.class_type >= 0
		        ? json_string(
		              class_type_names.names[in->need.class_type])
		        : json_null());
		json_object_set_new(
		    j, "class_label",
		    json_string(
		        in->need.class_type >= 0
		            ? class_type_names.labels_zh[in->need.class_type]
		            : "不限"));
	}
	return j;
}

static int parse_args(struct app_ctx *ctx, json_t *params, struct match_args *m)
{
	static const char *const allowed[] = {
		"person_id",  "kind",        "care_level",
		"age_months", "lat",         "lon",
		"region",     "budget_yuan", "affordable_only",
		"as_of",      "radius_km",   "limit",
		NULL
	};
	const char *budget = param_str(params, "budget_yuan");
	const char *region;
	long pid, aff, radius;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "as_of", &m->day, &ctx->err) ||
	    param_long(params, "person_id", 0, 1, 1L << 53, &pid, &ctx->err) ||
	    param_long(params, "affordable_only", 0, 0, 1, &aff, &ctx->err) ||
	    param_long(params, "radius_km", 0, 1, RADIUS_KM_MAX, &radius,
	               &ctx->err) ||
	    param_long(params, "limit", LIMIT_DEFAULT, 1, LIMIT_MAX, &m->limit,
	               &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		goto bad;
	if (!m->day)
		m->day = ctx->today;
	m->affordable_only = (int)aff;
	if (radius) {
		m->has_radius = 1;
		m->radius_m = (long long)radius * 1000;
	}
	if (budget) {
		if (subsidy_yuan_parse(budget, &m->rule.budget_fen))
			return lx_fail(&ctx->err, LX_EINVALID, "budget_yuan",
			               "budget_yuan must be yuan, e.g. 3000 or "
			               "2500.50");
		m->rule.has_budget = 1;
	}
	if (region && !region_store_exists(ctx->db, region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s'", region);
	if (region && ctx->who->role != ROLE_FAMILY &&
	    !principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", region);
	if (read_point(ctx, params, &m->in))
		return -1;
	if (pid) {
		if (param_str(params, "kind") ||
		    param_str(params, "care_level") ||
		    param_str(params, "age_months"))
			return lx_fail(&ctx->err, LX_EINVALID, "person_id",
			               "give person_id or the need's fields, "
			               "not both");
		if (need_of_person(ctx, pid, m->day, &m->in))
			return -1;
	} else {
		m->in.region = region;
		if (need_of_fields(ctx, params, &m->in))
			return -1;
	}
	if (!m->in.need.elderly && m->in.need.no_class)
		return lx_fail(&ctx->err, LX_EINVALID,
		               pid ? "person_id" : "age_months",
		               "no childcare class takes an infant of %lld "
		               "months",
		               m->in.need.months);
	/* where to measure from: the point, the region asked, the
	 * person's own region */
	if (!m->in.has_loc) {
		const char *at = region ? region : m->in.region;

		if (at) {
			if (place_region_location(ctx, at, m->day, &m->in.lat,
			                          &m->in.lon,
			                          &m->in.loc_method))
				return -1;
			m->in.has_loc = strcmp(m->in.loc_method, "none") != 0;
		} else {
			m->in.loc_method = "none";
		}
	}
	return 0;
bad:
	if (ctx->err.code == LX_EMALFORMED)
		ctx->err.code = LX_EINVALID;
	return -1;
}

/* The area searched: the county of the need (001: the county bureau
 * places anywhere in its county), inside what the caller sees; a
 * township officer's own township first. */
static int area_of(struct app_ctx *ctx, struct match_args *m)
{
	const char *base = m->in.region;

	if (ctx->who->role == ROLE_TOWNSHIP) {
		m->own = ctx->who->region;
		m->area = county_of(ctx, ctx->who->region);
		return 0;
	}
	if (!base)
		base = ctx->who->region[0] ? ctx->who->region : NULL;
	m->area = county_of(ctx, base);
	/* a city official asking by point alone searches the whole scope */
	if (!m->in.region)
		m->area = base;
	if (m->area && ctx->who->role != ROLE_FAMILY &&
	    !principal_sees_region(ctx->who, m->area))
		m->area = ctx->who->region;
	return 0;
}

json_t *app_place_match(struct app_ctx *ctx, json_t *params)
{
	struct match_args m = { 0 };
	struct place_offer *o;
	struct place_candidate *c;
	size_t n, k;
	json_t *items, *out, *loc;
	const char *note = "";

	m.in.need.care = -1;
	m.in.need.class_type = -1;
	if (parse_args(ctx, params, &m) || area_of(ctx, &m) ||
	    place_offers_gather(ctx, m.area, m.day, &m.in.need, &o, &n))
		return NULL;
	c = arena_alloc(ctx->arena, sizeof(*c) * (n ? n : 1));
	if (m.own) {
		k = place_match_rank(c, candidates(o, n, &m, c, m.own),
		                     &m.rule);
		if (k) {
			note = "仅列出本乡镇（街道）的机构；本乡镇（街道）"
			       "无空位时才列出本县（区）其他乡镇。";
		} else {
			k = place_match_rank(c, candidates(o, n, &m, c, NULL),
			                     &m.rule);
			note = "本乡镇（街道）当天无符合条件的空位，已列出"
			       "本县（区）其他乡镇（街道）的机构。";
		}
	} else {
		k = place_match_rank(c, candidates(o, n, &m, c, NULL), &m.rule);
		note = "县（区）民政部门可在全县（区）范围内安排。";
	}
	items = json_array();
	for (size_t i = 0; i < k && i < (size_t)m.limit; i++)
		json_array_append_new(items,
		                      item_json(ctx, c[i].data, &c[i],
		                                i ? &c[i - 1] : NULL, i + 1,
		                                &m.in, &m.rule, m.day));
	loc = json_pack("{ss}", "method", m.in.loc_method);
	if (m.in.has_loc) {
		json_object_set_new(loc, "lat", json_real(m.in.lat));
		json_object_set_new(loc, "lon", json_real(m.in.lon));
	}
	out = json_pack("{ss so so ss ss sI so}", "as_of", m.day, "need",
	                need_json(&m.in), "location", loc, "rule", rule_zh,
	                "scope_note", note, "count", (json_int_t)k, "items",
	                items);
	json_object_set_new(out, "area",
	                    m.area ? json_string(m.area) : json_null());
	json_object_set_new(
	    out, "budget_yuan",
	    m.rule.has_budget
	        ? json_string(arena_printf(ctx->arena, "%lld.%02lld",
	                                   (long long)m.rule.budget_fen / 100,
	                                   (long long)m.rule.budget_fen % 100))
	        : json_null());
	return out;
}
