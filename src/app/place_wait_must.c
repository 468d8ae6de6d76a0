/* Willing 特困 applicants are always admitted (有意愿的特困人员集中供养率
 * 100%, 000 第64—67行): the tool names where — the public institutions of
 * the applicant's county with a vacant bed, the own township's first
 * (the county places across townships when a township has no room, 001
 * 第243行), then the most vacant — and says loudly when none has room. */
#include "app/place_wait.h"

#include "app/params.h"
#include "app/place_wait_rank.h"
#include "core/facility.h"
#include "core/place_vacancy.h"
#include "core/region_code.h"
#include "store/facility_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct option {
	const struct facility *f;
	long long vacant, offers, left;
	int same_township;
};

static int option_cmp(const void *pa, const void *pb)
{
	const struct option *a = pa, *b = pb;

	if (a->same_township != b->same_township)
		return b->same_township - a->same_township;
	if (a->left != b->left)
		return a->left > b->left ? -1 : 1;
	return (a->f->id > b->f->id) - (a->f->id < b->f->id);
}

/* The public institutions of county the policy p covers, with what each
 * can still take today; rooms counts those with a bed left. */
static int options_of(struct app_ctx *ctx, const struct wait_policy *p,
                      const char *county, const char *township,
                      struct option **out, size_t *n, size_t *rooms)
{
	struct facility_query q;
	struct facility *fs;
	size_t nf;
	long long total;

	memset(&q, 0, sizeof(q));
	q.region = county;
	q.kind = q.ownership = q.filing = -1;
	q.status = FSTATUS_OPEN;
	q.as_of = ctx->today;
	q.today = ctx->today;
	if (facility_store_list(ctx->db, ctx->arena, &q, &fs, &nf, &total,
	                        &ctx->err))
		return -1;
	*out = arena_alloc(ctx->arena, (nf + 1) * sizeof(**out));
	*n = *rooms = 0;
	for (size_t i = 0; i < nf; i++) {
		struct option *o = &(*out)[*n];
		struct place_vacancy v;

		if (!wait_policy_covers(p, fs[i].kind, fs[i].ownership))
			continue;
		o->f = &fs[i];
		place_vacancy_of(&fs[i].cap, &v);
		o->vacant = v.vacant_beds;
		if (wait_store_open_offers_at(ctx->db, fs[i].id, &o->offers,
		                              &ctx->err))
			return -1;
		o->left = o->vacant > o->offers ? o->vacant - o->offers : 0;
		o->same_township =
		    region_code_is_within(fs[i].region, township);
		*rooms += o->left > 0;
		(*n)++;
	}
	qsort(*out, *n, sizeof(**out), option_cmp);
	return 0;
}

json_t *app_wait_must_place(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;
	struct wait_app_row *rows;
	size_t n;
	long long must = 0, unplaceable = 0;
	json_t *arr;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", region),
		       NULL;
	if (wait_store_must_place(ctx->db, ctx->arena, region, NULL, &rows, &n,
	                          &ctx->err))
		return NULL;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct wait_policy *p =
		    wait_policy_of(ctx, rows[i].list_region, "region");
		char county[13], township[13];
		struct option *opts;
		size_t nopt, rooms;
		size_t tier;
		int level;
		json_t *o, *places;

		if (!p || wait_rank_one(ctx, p, &rows[i], &tier, &level))
			goto fail;
		if (!p->rules.tiers[tier].always_admit_willing)
			continue;
		snprintf(county, sizeof(county), "%.6s000000", rows[i].region);
		snprintf(township, sizeof(township), "%.9s000", rows[i].region);
		if (options_of(ctx, p, county, township, &opts, &nopt, &rooms))
			goto fail;
		places = json_array();
		for (size_t k = 0; k < nopt; k++)
			json_array_append_new(
			    places,
			    json_pack(
			        "{s:I, s:s, s:s, s:s, s:b, s:I, s:I, s:I}",
			        "facility_id", (json_int_t)opts[k].f->id,
			        "name", opts[k].f->name, "region",
			        opts[k].f->region, "region_name",
			        opts[k].f->region_name ? opts[k].f->region_name
			                               : "",
			        "same_township", opts[k].same_township,
			        "vacant_beds", (json_int_t)opts[k].vacant,
			        "open_offers", (json_int_t)opts[k].offers,
			        "left", (json_int_t)opts[k].left));
		o = wait_app_json(ctx, p, &rows[i], NULL, 0);
		json_object_set_new(o, "must_place", json_true());
		json_object_set_new(o, "tier",
		                    json_pack("{s:s, s:s, s:b}", "code",
		                              p->rules.tiers[tier].code, "name",
		                              p->rules.tiers[tier].name,
		                              "always_admit_willing", 1));
		json_object_set_new(o, "county", json_string(county));
		json_object_set_new(o, "institutions", places);
		json_object_set_new(o, "has_room", json_boolean(rooms > 0));
		if (!rooms)
			json_object_set_new(
			    o, "alert",
			    json_string(
			        "县内公办养老机构均无空床：须由县级民政部门"
			        "统筹安置（001 第243行），并报告床位缺口"));
		must++;
		unplaceable += rooms == 0;
		json_array_append_new(arr, o);
	}
	return json_pack(
	    "{s:s, s:s, s:I, s:I, s:o, s:s}", "region", region ? region : "",
	    "on", ctx->today, "must_place", (json_int_t)must, "without_room",
	    (json_int_t)unplaceable, "items", arr, "source",
	    "000_e7311d885af442f3.txt 第64—67行: 有意愿的特困人员集中"
	    "供养率（%） 100");
fail:
	json_decref(arr);
	return NULL;
}
