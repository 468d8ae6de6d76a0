#include "app/place_wait_rank.h"

#include "app/indicators.h"
#include "app/place_wait.h"
#include "app/policy.h"
#include "core/assessment.h"
#include "core/person.h"
#include "store/person_store.h"

#include <stdio.h>
#include <string.h>

enum { DECLARED_MAX = WAIT_DECLARED_MAX };

const struct wait_policy *wait_policy_of(struct app_ctx *ctx,
                                         const char *region, const char *field)
{
	struct policy_view view;

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded"),
		       NULL;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.waitlist)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "no policy of region '%s' has a waitlist "
		               "section",
		               region),
		       NULL;
	return view.waitlist;
}

/* The categories the person holds on day, as a mask. */
static unsigned held_on(const struct person *p, const char *day)
{
	unsigned mask = 0;

	for (size_t i = 0; i < p->ncategories; i++) {
		const struct person_category *c = &p->categories[i];
		int k = enum_lookup(&person_category_names, c->category);

		if (k >= 0 && strcmp(c->start, day) <= 0 &&
		    (!c->end[0] || strcmp(c->end, day) >= 0))
			mask |= 1u << k;
	}
	return mask;
}

/* "a,b" into v (pointers into an arena copy). */
static size_t split_flags(struct app_ctx *ctx, const char *s, const char **v)
{
	char *copy = arena_strdup(ctx->arena, s ? s : "");
	size_t n = 0;

	for (char *tok = strtok(copy, ","); tok && n < DECLARED_MAX;
	     tok = strtok(NULL, ","))
		v[n++] = tok;
	return n;
}

int wait_rank_one(struct app_ctx *ctx, const struct wait_policy *p,
                  const struct wait_app_row *r, size_t *tier, int *care_level)
{
	const char *flags[DECLARED_MAX];
	size_t nflags = split_flags(ctx, r->declared, flags);
	struct person per;

	if (person_store_get(ctx->db, ctx->arena, r->person_id, &per,
	                     &ctx->err))
		return -1;
	*tier = wait_tier_of(&p->rules, held_on(&per, ctx->today),
	                     person_age_on(per.birth_date, ctx->today), flags,
	                     nflags);
	*care_level = per.level;
	return 0;
}

const char *wait_list_key(struct app_ctx *ctx, long long facility_id,
                          const char *region)
{
	return facility_id > 0 ? arena_printf(ctx->arena, "f:%lld", facility_id)
	                       : arena_printf(ctx->arena, "r:%s", region);
}

int wait_list_load(struct app_ctx *ctx, const char *list_key,
                   const char *list_region, struct wait_list *out)
{
	struct wait_app_row *rows;
	struct wait_entry *e;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!(out->p = wait_policy_of(ctx, list_region, "region")) ||
	    wait_store_list(ctx->db, ctx->arena, list_key, &rows, &n,
	                    &ctx->err))
		return -1;
	e = arena_alloc(ctx->arena, (n + 1) * sizeof(*e));
	out->items = arena_alloc(ctx->arena, (n + 1) * sizeof(*out->items));
	for (size_t i = 0; i < n; i++) {
		memset(&e[i], 0, sizeof(e[i]));
		e[i].id = (long long)i; /* index, then the row's id below */
		if (wait_rank_one(ctx, out->p, &rows[i], &e[i].tier,
		                  &e[i].care_level))
			return -1;
		snprintf(e[i].waiting_since, sizeof(e[i].waiting_since), "%s",
		         rows[i].waiting_since);
		snprintf(e[i].applied_at, sizeof(e[i].applied_at), "%s",
		         rows[i].applied_at);
		e[i].id = rows[i].id;
	}
	wait_sort(&out->p->rules, e, n);
	for (size_t i = 0; i < n; i++) {
		struct wait_ranked *w = &out->items[i];
		size_t k = 0;

		while (rows[k].id != e[i].id)
			k++;
		w->row = rows[k];
		w->tier = e[i].tier;
		w->care_level = e[i].care_level;
		w->position = (int)i + 1;
		w->must_place =
		    w->row.willing &&
		    out->p->rules.tiers[w->tier].always_admit_willing;
	}
	out->n = n;
	return 0;
}

const struct wait_ranked *wait_list_find(const struct wait_list *l,
                                         long long id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].row.id == id)
			return &l->items[i];
	return NULL;
}

const char *wait_status_zh(const char *s)
{
	return !strcmp(s, "waiting")     ? "轮候中"
	       : !strcmp(s, "offered")   ? "已通知入住"
	       : !strcmp(s, "admitted")  ? "已入住"
	       : !strcmp(s, "withdrawn") ? "已撤回"
	                                 : s;
}

const char *wait_offer_status_zh(const char *s)
{
	return !strcmp(s, "open")        ? "待答复"
	       : !strcmp(s, "accepted")  ? "已接受"
	       : !strcmp(s, "declined")  ? "已放弃"
	       : !strcmp(s, "expired")   ? "逾期未答复（视为放弃）"
	       : !strcmp(s, "withdrawn") ? "已撤回"
	                                 : s;
}

const char *wait_event_zh(const char *k)
{
	static const char *const names[][2] = {
		{ "apply", "申请轮候" },
		{ "offer", "通知入住" },
		{ "accept", "接受入住" },
		{ "decline", "放弃入住" },
		{ "expire", "逾期未答复" },
		{ "requeue", "等候重新起算" },
		{ "skip", "暂缓" },
		{ "withdraw", "撤回申请" },
		{ "close", "已在他处入住，申请关闭" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(k, names[i][0]))
			return names[i][1];
	return k;
}

static json_t *level_json(int level)
{
	if (level < 0 || level >= ASSESS_LEVEL__MAX)
		return json_null();
	return json_pack("{s:i, s:s}", "index", level, "name",
	                 assess_level_zh((enum assess_level)level));
}

static json_t *tier_json(const struct wait_policy *p, size_t t)
{
	if (t >= p->rules.ntiers)
		return json_null();
	return json_pack("{s:s, s:s, s:b}", "code", p->rules.tiers[t].code,
	                 "name", p->rules.tiers[t].name, "always_admit_willing",
	                 p->rules.tiers[t].always_admit_willing);
}

static json_t *open_offer_json(struct app_ctx *ctx,
                               const struct wait_app_row *r)
{
	struct wait_offer_row o;
	struct lx_error ignore;

	if (strcmp(r->status, "offered") ||
	    wait_store_offer_open(ctx->db, ctx->arena, r->id, &o, &ignore))
		return json_null();
	return json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)o.id,
	                 "facility_id", (json_int_t)o.facility_id,
	                 "facility_name",
	                 o.facility_name ? o.facility_name : "", "offered_on",
	                 o.offered_on, "respond_by", o.respond_by);
}

static json_t *flags_json(struct app_ctx *ctx, const char *s)
{
	const char *flags[DECLARED_MAX];
	size_t n = split_flags(ctx, s, flags);
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(flags[i]));
	return arr;
}

static size_t tier_index(const struct wait_policy *p, const char *code)
{
	for (size_t t = 0; t < p->rules.ntiers; t++)
		if (!strcmp(p->rules.tiers[t].code, code))
			return t;
	return p->rules.ntiers;
}

json_t *wait_app_json(struct app_ctx *ctx, const struct wait_policy *p,
                      const struct wait_app_row *r,
                      const struct wait_ranked *ranked, size_t list_size)
{
	json_t *o = json_object();
	size_t then = tier_index(p, r->tier);

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "person_id", json_integer(r->person_id));
	json_object_set_new(o, "person_name",
	                    json_string(r->person_name ? r->person_name : ""));
	json_object_set_new(o, "region", json_string(r->region));
	json_object_set_new(o, "region_name",
	                    json_string(r->region_name ? r->region_name : ""));
	json_object_set_new(o, "list_key", json_string(r->list_key));
	json_object_set_new(o, "list_region", json_string(r->list_region));
	json_object_set_new(
	    o, "list_region_name",
	    json_string(r->list_region_name ? r->list_region_name : ""));
	json_object_set_new(o, "facility_id",
	                    r->facility_id ? json_integer(r->facility_id)
	                                   : json_null());
	json_object_set_new(o, "facility_name",
	                    r->facility_name ? json_string(r->facility_name)
	                                     : json_null());
	json_object_set_new(o, "tier",
	                    ranked ? tier_json(p, ranked->tier)
	                           : tier_json(p, then));
	json_object_set_new(o, "tier_at_application", tier_json(p, then));
	json_object_set_new(
	    o, "care_level",
	    level_json(ranked ? ranked->care_level : r->care_level));
	json_object_set_new(o, "care_level_at_application",
	                    level_json(r->care_level));
	json_object_set_new(o, "declared", flags_json(ctx, r->declared));
	json_object_set_new(
	    o, "declared_note",
	    json_string(r->declared_note ? r->declared_note : ""));
	json_object_set_new(o, "willing", json_boolean(r->willing));
	json_object_set_new(o, "must_place",
	                    json_boolean(ranked && ranked->must_place));
	json_object_set_new(o, "status", json_string(r->status));
	json_object_set_new(o, "status_label",
	                    json_string(wait_status_zh(r->status)));
	json_object_set_new(o, "on_hold",
	                    json_string(r->on_hold ? r->on_hold : ""));
	json_object_set_new(o, "applied_on", json_string(r->applied_on));
	json_object_set_new(o, "applied_at", json_string(r->applied_at));
	json_object_set_new(o, "waiting_since", json_string(r->waiting_since));
	json_object_set_new(o, "declines", json_integer(r->declines));
	json_object_set_new(o, "placed_facility_id",
	                    r->placed_facility_id
	                        ? json_integer(r->placed_facility_id)
	                        : json_null());
	json_object_set_new(o, "placed_facility_name",
	                    r->placed_facility_name
	                        ? json_string(r->placed_facility_name)
	                        : json_null());
	json_object_set_new(o, "placed_on",
	                    r->placed_on[0] ? json_string(r->placed_on)
	                                    : json_null());
	json_object_set_new(o, "note", json_string(r->note ? r->note : ""));
	json_object_set_new(o, "position",
	                    ranked ? json_integer(ranked->position)
	                           : json_null());
	json_object_set_new(o, "list_size",
	                    json_integer((json_int_t)list_size));
	json_object_set_new(o, "offer", open_offer_json(ctx, r));
	return o;
}

json_t *wait_app_family_json(struct app_ctx *ctx, const struct wait_policy *p,
                             const struct wait_app_row *r,
                             const struct wait_ranked *ranked, size_t list_size)
{
	size_t then = tier_index(p, r->tier);
	const char *list =
	    r->facility_name ? r->facility_name : r->list_region_name;

	return json_pack(
	    "{s:I, s:s, s:s, s:o, s:s, s:s, s:o, s:I, s:s, s:o, s:o, s:o}",
	    "id", (json_int_t)r->id, "person_name",
	    r->person_name ? r->person_name : "", "list_name", list ? list : "",
	    "tier", tier_json(p, ranked ? ranked->tier : then), "status",
	    r->status, "status_label", wait_status_zh(r->status), "position",
	    ranked ? json_integer(ranked->position) : json_null(), "list_size",
	    (json_int_t)list_size, "waiting_since", r->waiting_since, "offer",
	    open_offer_json(ctx, r), "placed_facility_name",
	    r->placed_facility_name ? json_string(r->placed_facility_name)
	                            : json_null(),
	    "placed_on",
	    r->placed_on[0] ? json_string(r->placed_on) : json_null());
}
