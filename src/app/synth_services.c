#include "app/synth_services.h"

#include "app/service_beds.h"
#include "app/service_guidance.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/region_code.h"
#include "core/synth.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/region_store.h"

#include <stdio.h>
#include <string.h>

/* Assumptions of a demonstration city, not policy (docs/synth.md
 * "Services"): four guidance activities a township in the year, each
 * reaching about a third of its infants; a family bed for about half of
 * the eligible persons living at home, set up two months after the
 * reference day, with three to eight service visits a month. */
enum { ACTIVITIES = 4 };
static const int activity_month[ACTIVITIES] = { 2, 4, 7, 10 };
#define REACH_SHARE 0.35
#define BED_SHARE   0.5

static const char *day_after(struct app_ctx *ctx, struct lx_date ref, int days)
{
	char out[11];

	date_format(date_from_days(date_to_days(ref) + days), out);
	return arena_strdup(ctx->arena, out);
}

/* The month starting `months` after the reference day's month. */
static void month_after(struct lx_date ref, int months, char out[16])
{
	int m = ref.m - 1 + months;

	snprintf(out, 16, "%04d-%02d", (ref.y + m / 12) % 10000, m % 12 + 1);
}

/* A call of a use case that the rules may refuse (someone not eligible,
 * nobody to reach): a refusal is skipped, anything else stops synth. */
static int refused(struct app_ctx *ctx, json_t *out)
{
	if (out) {
		json_decref(out);
		return 0;
	}
	if (ctx->err.code == LX_EINVALID || ctx->err.code == LX_ECONFLICT) {
		lx_error_clear(&ctx->err);
		return 1;
	}
	return -1;
}

static int guidance(struct app_ctx *ctx, struct synth_rng *rng,
                    const struct region *tw, struct lx_date ref,
                    struct synth_services_made *made)
{
	struct person_query q = { .region = tw->code, .kind = "infant" };
	json_t *opts, *kinds, *params = json_pack("{s:s}", "region", tw->code);
	struct person *inf;
	size_t n;
	long long total;
	int rc = 0;

	q.today = ctx->today;
	opts = app_guidance_options(ctx, params);
	json_decref(params);
	if (!opts)
		return refused(ctx, opts) < 0 ? -1 : 0;
	kinds = json_object_get(opts, "kinds");
	if (!json_array_size(kinds) ||
	    person_store_list(ctx->db, ctx->arena, &q, &inf, &n, &total,
	                      &ctx->err)) {
		json_decref(opts);
		return ctx->err.code ? -1 : 0;
	}
	for (int a = 0; a < ACTIVITIES && n && rc >= 0; a++) {
		json_t *kind =
		    json_array_get(kinds, (size_t)a % json_array_size(kinds));
		const char *on = day_after(ctx, ref, 30 * activity_month[a]);
		json_t *ids = json_array(), *body, *out;

		for (size_t i = 0; i < n; i++)
			if (!inf[i].deceased_on[0] &&
			    strcmp(inf[i].birth_date, on) <= 0 &&
			    synth_chance(rng, REACH_SHARE))
				json_array_append_new(ids,
				                      json_integer(inf[i].id));
		if (!json_array_size(ids)) {
			json_decref(ids);
			continue;
		}
		made->infants_reached += json_array_size(ids);
		body = json_pack(
		    "{s:O, s:s, s:s, s:s, s:s, s:o}", "kind",
		    json_object_get(kind, "code"), "title",
		    arena_printf(
		        ctx->arena, "%s%s", tw->name,
		        json_string_value(json_object_get(kind, "name"))),
		    "region", tw->code, "held_on", on, "provider",
		    arena_printf(ctx->arena, "%s社区卫生服务中心", tw->name),
		    "infants", ids);
		out = app_guidance_create(ctx, body);
		json_decref(body);
		if ((rc = refused(ctx, out)) == 0)
			made->activities++;
	}
	json_decref(opts);
	return rc < 0 ? -1 : 0;
}

/* The township's first open elderly-care provider, 0 when none. */
static long long provider_of(struct app_ctx *ctx, const char *township)
{
	struct facility_query q = {
		.region = township, .kind = -1, .ownership = -1, .filing = -1
	};
	struct facility *v;
	size_t n;
	long long total;

	q.today = ctx->today;
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (facility_kind_is_elderly((enum facility_kind)v[i].kind) &&
		    v[i].kind != FK_MEAL_POINT && !v[i].closed_on[0])
			return v[i].id;
	return 0;
}

static int bed(struct app_ctx *ctx, struct synth_rng *rng,
               const struct person *p, const char *level, long long provider,
               struct lx_date ref, struct synth_services_made *made)
{
	json_t *body = json_pack("{s:I, s:I}", "person_id", (json_int_t)p->id,
	                         "facility_id", (json_int_t)provider);
	json_t *out = app_bed_create(ctx, body);
	long long id;
	int rc;

	json_decref(body);
	if (!out)
		return refused(ctx, out) < 0 ? -1 : 0;
	id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	/* the care level of the latest assessment; one from the category
	 * where the person was never assessed */
	body = json_pack("{s:s}", "assessed_on", day_after(ctx, ref, 30));
	if (p->level < 0)
		json_object_set_new(body, "care_level", json_string(level));
	out = app_bed_step(ctx, id, "assess", body);
	json_decref(body);
	if ((rc = refused(ctx, out)))
		return rc < 0 ? -1 : 0;
	body = json_pack("{s:s, s:s, s:s, s:[{s:s, s:i}, {s:s, s:i}]}",
	                 "set_up_on", day_after(ctx, ref, 45), "adaptation",
	                 "卫生间扶手、防滑地面", "devices",
	                 "紧急呼叫器、烟感报警器", "plan", "item", "home_care",
	                 "times", 4, "item", "care_visit", "times", 2);
	out = app_bed_step(ctx, id, "set_up", body);
	json_decref(body);
	if ((rc = refused(ctx, out)))
		return rc < 0 ? -1 : 0;
	body = json_pack("{s:s}", "active_from", day_after(ctx, ref, 60));
	out = app_bed_step(ctx, id, "activate", body);
	json_decref(body);
	if ((rc = refused(ctx, out)))
		return rc < 0 ? -1 : 0;
	made->beds++;
	for (int m = 3; m <= 12; m++) {
		char month[16];
		long visits = 3 + synth_below(rng, 6);

		month_after(ref, m, month);
		body = json_pack("{s:s, s:i, s:i}", "month", month, "visits",
		                 (int)visits, "minutes", (int)(visits * 60));
		out = app_bed_log(ctx, id, body);
		json_decref(body);
		if (refused(ctx, out) < 0)
			return -1;
	}
	return 0;
}

static int beds(struct app_ctx *ctx, struct synth_rng *rng,
                const struct region *tw, struct lx_date ref,
                struct synth_services_made *made)
{
	static const char *const needs[] = { "disabled", "partly_disabled" };
	static const char *const levels[] = { "中度失能", "轻度失能" };
	long long provider = provider_of(ctx, tw->code);

	if (provider <= 0)
		return (int)provider;
	for (size_t k = 0; k < 2; k++) {
		struct person_query q = { .region = tw->code,
			                  .kind = "elderly",
			                  .category = needs[k] };
		struct person *v;
		size_t n;
		long long total;

		q.today = ctx->today;
		if (person_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
		                      &ctx->err))
			return -1;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(v[i].residence, "home") &&
			    !v[i].deceased_on[0] &&
			    synth_chance(rng, BED_SHARE) &&
			    bed(ctx, rng, &v[i], levels[k], provider, ref,
			        made))
				return -1;
	}
	return 0;
}

int synth_services(struct app_ctx *ctx, uint64_t seed, const char *root,
                   const char *ref_text, struct synth_services_made *made)
{
	struct synth_rng rng;
	struct lx_date ref;
	struct region *r;
	size_t n;

	memset(made, 0, sizeof(*made));
	/* a stream of its own: the rest of the city draws as before */
	synth_rng_seed(&rng, seed ^ 0x5e2f1ce5b0ULL);
	if (date_parse(ref_text, &ref))
		return lx_fail(&ctx->err, LX_EINVALID, "ref", "bad date");
	if (region_store_subtree(ctx->db, ctx->arena, root, NULL, &r, &n,
	                         &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (region_code_level(r[i].code) == REGION_TOWNSHIP &&
		    (guidance(ctx, &rng, &r[i], ref, made) ||
		     beds(ctx, &rng, &r[i], ref, made)))
			return -1;
	return 0;
}
