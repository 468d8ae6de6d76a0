#include "app/place_public.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/place_offers.h"
#include "app/place_ratings.h"
#include "app/policy.h"
#include "app/result_cache.h"
#include "core/decimal.h"
#include "core/geo.h"
#include "core/place_match.h"
#include "core/place_text.h"
#include "core/region.h"
#include "core/region_code.h"
#include "store/region_store.h"

#include <stdio.h>
#include <string.h>

#define PER_PAGE 20

struct search {
	struct place_need need;
	const char *kind, *region, *class_name, *day;
	const char *area; /* the county of region: a family looks nearby,
	                     not only inside one township */
	int affordable, has_loc;
	double lat, lon;
	long page;
};

static json_t *vacancy_json(const struct place_offer *o, int elderly)
{
	json_t *classes;

	if (elderly)
		return json_pack("{sI sI}", "beds", (json_int_t)o->v.beds,
		                 "vacant_beds", (json_int_t)o->v.vacant_beds);
	classes = json_array();
	for (int t = 0; o->v.has_classes && t < CLASS__MAX; t++)
		if (o->v.class_capacity[t] > 0)
			json_array_append_new(
			    classes,
			    json_pack("{ss ss sI sI}", "class_type",
			              class_type_names.names[t], "label",
			              class_type_names.labels_zh[t], "capacity",
			              (json_int_t)o->v.class_capacity[t],
			              "vacant",
			              (json_int_t)o->v.class_vacant[t]));
	return json_pack("{sI sI so}", "slots", (json_int_t)o->v.slots,
	                 "vacant_slots", (json_int_t)o->v.vacant_slots,
	                 "classes", classes);
}

static json_t *item_json(struct app_ctx *ctx, const struct place_offer *o,
                         const struct place_candidate *c,
                         const struct search *s)
{
	char b1[40], b2[40];
	json_t *j = json_pack(
	    "{sI ss ss ss ss ss sI sb ss}", "id", (json_int_t)o->f.id, "name",
	    o->f.name, "kind", facility_kind_names.names[o->f.kind],
	    "kind_label", facility_kind_names.labels_zh[o->f.kind],
	    "region_name", o->f.region_name ? o->f.region_name : "", "address",
	    o->f.address ? o->f.address : "", "vacant", (json_int_t)o->room,
	    "affordable", o->affordable, "filing_label", "已备案");

	json_object_set_new(j, "vacancy", vacancy_json(o, s->need.elderly));
	if (o->f.has_coords == 3) {
		json_object_set_new(j, "lat", json_real(o->f.lat));
		json_object_set_new(j, "lon", json_real(o->f.lon));
	}
	json_object_set_new(j, "distance_m",
	                    c->has_distance ? json_integer(c->distance_m)
	                                    : json_null());
	json_object_set_new(
	    j, "distance_text",
	    json_string(c->has_distance ? place_text_distance(c->distance_m, b1)
	                                : "未知"));
	json_object_set_new(j, "price_range",
	                    !o->has_range ? json_null()
	                    : o->price_min_fen == o->price_max_fen
	                        ? json_string(arena_printf(
	                              ctx->arena, "%s 元/月",
	                              place_text_yuan(o->price_min_fen, b1)))
	                        : json_string(arena_printf(
	                              ctx->arena, "%s–%s 元/月",
	                              place_text_yuan(o->price_min_fen, b1),
	                              place_text_yuan(o->price_max_fen, b2))));
	json_object_set_new(j, "price_min_fen",
	                    o->has_range ? json_integer(o->price_min_fen)
	                                 : json_null());
	json_object_set_new(j, "price_max_fen",
	                    o->has_range ? json_integer(o->price_max_fen)
	                                 : json_null());
	json_object_set_new(j, "price",
	                    o->has_price
	                        ? json_pack("{sI ss ss}", "fen",
	                                    (json_int_t)o->price_fen, "yuan",
	                                    place_text_yuan(o->price_fen, b1),
	                                    "item", o->price_what)
	                        : json_null());
	json_object_set_new(
	    j, "rating",
	    o->has_rating ? place_rating_to_json_public(&o->rating, s->day)
	                  : json_null());
	return j;
}

static json_t *search_doc(struct app_ctx *ctx, void *arg)
{
	struct search *s = arg;
	struct place_offer *o;
	struct place_candidate *c;
	struct place_match_rule none = { 0, 0 };
	size_t n, k = 0, from, to;
	json_t *items;

	/* a region without a point: distances from the region's middle,
	 * found here, inside the kept computation: it reads every
	 * residential point of the region, too much for every request */
	if (!s->has_loc && s->region) {
		const char *method;

		if (place_region_location(ctx, s->region, s->day, &s->lat,
		                          &s->lon, &method))
			return NULL;
		s->has_loc = strcmp(method, "none") != 0;
	}
	if (place_offers_gather(ctx, s->area, s->day, &s->need, &o, &n))
		return NULL;
	c = arena_alloc(ctx->arena, sizeof(*c) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		struct place_candidate x = { 0 };

		if (s->affordable && !o[i].affordable)
			continue;
		x.facility_id = o[i].f.id;
		x.vacant = o[i].room;
		x.has_price = o[i].has_price;
		x.price_fen = o[i].price_fen;
		x.data = &o[i];
		if (s->has_loc && o[i].f.has_coords == 3) {
			x.has_distance = 1;
			x.distance_m = place_text_round_m(geo_distance_m(
			    s->lat, s->lon, o[i].f.lat, o[i].f.lon));
		}
		c[k++] = x;
	}
	/* with room first, then the matching rule without a budget */
	place_match_sort(c, k, &none, 1);
	from = (size_t)(s->page - 1) * PER_PAGE;
	to = from + PER_PAGE < k ? from + PER_PAGE : k;
	items = json_array();
	for (size_t i = from; i < to; i++)
		json_array_append_new(items,
		                      item_json(ctx, c[i].data, &c[i], s));
	return json_pack("{ss ss sI sI sI so}", "as_of", s->day, "kind",
	                 s->kind, "total", (json_int_t)k, "page",
	                 (json_int_t)s->page, "per_page", (json_int_t)PER_PAGE,
	                 "items", items);
}

static int parse(struct app_ctx *ctx, json_t *params, struct search *s)
{
	static const char *const allowed[] = {
		"kind",       "region",     "lat",  "lon", "class_type",
		"age_months", "affordable", "page", NULL
	};
	const char *la = param_str(params, "lat"),
	           *lo = param_str(params, "lon");
	long aff, months;

	s->day = ctx->today;
	s->kind = param_str(params, "kind");
	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &s->region, &ctx->err) ||
	    param_long(params, "affordable", 0, 0, 1, &aff, &ctx->err) ||
	    param_long(params, "page", 1, 1, 10000, &s->page, &ctx->err) ||
	    param_long(params, "age_months", -1, 0, 72, &months, &ctx->err))
		return -1;
	s->affordable = (int)aff;
	if (!s->kind ||
	    (strcmp(s->kind, "elderly") && strcmp(s->kind, "childcare")))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "kind must be elderly or childcare");
	if (s->region && !region_store_exists(ctx->db, s->region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s'", s->region);
	s->area = s->region && region_code_level(s->region) > REGION_COUNTY
	              ? arena_printf(ctx->arena, "%.6s000000", s->region)
	              : s->region;
	if (la || lo) {
		if (!la || !lo || decimal_parse(la, &s->lat) ||
		    decimal_parse(lo, &s->lon) || !geo_in_china(s->lat, s->lon))
			return lx_fail(&ctx->err, LX_EINVALID,
			               la ? "lon" : "lat",
			               "lat and lon: a point in China, "
			               "together");
		s->has_loc = 1;
	}
	s->need.care = -1;
	s->need.class_type = -1;
	s->need.mixed_min_months = -1;
	s->class_name = param_str(params, "class_type");
	if (!strcmp(s->kind, "elderly")) {
		s->need.elderly = 1;
		if (s->class_name || months >= 0)
			return lx_fail(&ctx->err, LX_EINVALID,
			               s->class_name ? "class_type"
			                             : "age_months",
			               "for childcare only");
	} else if (months >= 0) {
		struct policy_view view;
		const struct childcare_policy *p = NULL;

		if (s->class_name)
			return lx_fail(&ctx->err, LX_EINVALID, "class_type",
			               "give class_type or age_months");
		/* the age bands are the region's policy's */
		if (!s->region)
			return lx_fail(&ctx->err, LX_EINVALID, "region",
			               "age_months needs a region (its policy "
			               "sets the classes' age bands)");
		if (s->region && !app_policy_view(ctx, s->region, &view))
			p = view.childcare;
		ctx->err.code = LX_OK;
		place_need_for_infant(p, months, &s->need);
		if (s->need.no_class)
			return lx_fail(&ctx->err, LX_EINVALID, "age_months",
			               "no childcare class takes an infant of "
			               "%ld months",
			               months);
	} else if (s->class_name) {
		s->need.class_type =
		    enum_lookup(&class_type_names, s->class_name);
		if (s->need.class_type < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "class_type",
			               "unknown class type");
	}
	return 0;
}

int app_place_public_search(struct app_ctx *ctx, json_t *params, char **text,
                            size_t *len, int *hit)
{
	struct search s = { 0 };
	char *key;

	if (parse(ctx, params, &s)) {
		if (ctx->err.code == LX_EMALFORMED)
			ctx->err.code = LX_EINVALID;
		return -1;
	}
	/* the canonical query: what was parsed, not how it was written (no
	 * point given: the region's middle, found when the answer is) */
	key = arena_printf(
	    ctx->arena, "public-places/%s/%s/%d/%.7f/%.7f/%d/%lld/%d/%ld/%s",
	    s.kind, s.region ? s.region : "", s.has_loc, s.has_loc ? s.lat : 0,
	    s.has_loc ? s.lon : 0, s.need.class_type,
	    s.need.has_age ? s.need.months : -1, s.affordable, s.page, s.day);
	return app_cached_json(ctx, key, search_doc, &s, text, len, hit);
}

static json_t *regions_doc(struct app_ctx *ctx, void *arg)
{
	struct region *rs;
	size_t n;
	json_t *items = json_array();
	const char *county = "";

	(void)arg;
	if (region_store_subtree(ctx->db, ctx->arena, NULL, NULL, &rs, &n,
	                         &ctx->err)) {
		json_decref(items);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (rs[i].closed_on[0] &&
		    strcmp(rs[i].closed_on, ctx->today) <= 0)
			continue;
		if (rs[i].level == REGION_COUNTY)
			county = rs[i].name;
		if (rs[i].level != REGION_COUNTY &&
		    rs[i].level != REGION_TOWNSHIP)
			continue;
		json_array_append_new(
		    items,
		    json_pack("{ss ss ss ss}", "code", rs[i].code, "name",
		              rs[i].name, "level",
		              region_level_name((enum region_level)rs[i].level),
		              "county_name",
		              rs[i].level == REGION_TOWNSHIP ? county : ""));
	}
	return json_pack("{so}", "regions", items);
}

int app_place_public_regions(struct app_ctx *ctx, json_t *params, char **text,
                             size_t *len, int *hit)
{
	static const char *const allowed[] = { NULL };

	if (param_only(params, allowed, &ctx->err))
		return -1;
	return app_cached_json(
	    ctx, arena_printf(ctx->arena, "public-regions/%s", ctx->today),
	    regions_doc, NULL, text, len, hit);
}
