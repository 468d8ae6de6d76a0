#include "app/place_ratings.h"

#include "app/params.h"
#include "core/facility.h"
#include "core/role.h"
#include "store/facility_store.h"
#include "store/place_rating_store.h"

#include <string.h>

#define NOTE_MAX 500

static const char *state_zh(const char *state)
{
	if (!strcmp(state, "lapsed"))
		return "已过期";
	if (!strcmp(state, "future"))
		return "尚未生效";
	return "有效";
}

json_t *place_rating_to_json(const struct place_rating *r, const char *day)
{
	const char *state = place_rating_state(r, day);

	return json_pack(
	    "{sI sI ss ss si ss ss ss ss ss ss}", "id", (json_int_t)r->id,
	    "facility_id", (json_int_t)r->facility_id, "scheme",
	    place_rating_scheme_name(r->scheme), "scheme_label",
	    place_rating_scheme_zh(r->scheme), "level", r->level, "label",
	    place_rating_label_zh(r), "rated_on", r->rated_on, "valid_until",
	    r->valid_until, "state", state, "state_label", state_zh(state),
	    "note", r->note ? r->note : "");
}

json_t *place_rating_to_json_public(const struct place_rating *r,
                                    const char *day)
{
	json_t *j = place_rating_to_json(r, day);

	json_object_del(j, "id");
	json_object_del(j, "facility_id");
	json_object_del(j, "note");
	return j;
}

static int load_visible(struct app_ctx *ctx, long long id, struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, NULL, f, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, f->region, f->id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", id);
	return 0;
}

static int text_of(struct app_ctx *ctx, json_t *body, const char *key,
                   int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = "";
	if (!v || json_is_null(v))
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "'%s' is required", key)
		                : 0;
	if (!json_is_string(v) || json_string_length(v) > NOTE_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of at most %d bytes", key,
		               NOTE_MAX);
	*out = json_string_value(v);
	return 0;
}

struct add {
	struct place_rating r;
	json_t *out;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;

	if (place_rating_store_add(ctx->db, &x->r, ctx->who->account_id,
	                           &ctx->err))
		return -1;
	x->out = place_rating_to_json(&x->r, ctx->today);
	return app_audit(ctx, "create", "facility_rating",
	                 arena_printf(ctx->arena, "%lld", x->r.id), NULL,
	                 x->out);
}

json_t *app_place_rating_add(struct app_ctx *ctx, long long facility,
                             json_t *body)
{
	static const char *const keys[] = { "scheme",      "level", "rated_on",
		                            "valid_until", "note",  NULL };
	struct add x = { 0 };
	struct facility f;
	const char *scheme, *on, *until, *note;
	json_t *level;

	if (load_visible(ctx, facility, &f))
		return NULL;
	/* officials rate; an operator or reader who sees the facility is
	 * refused here as the route table lets them read */
	if (!principal_may_write_region(ctx->who, f.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the facility's region record "
		               "ratings"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    text_of(ctx, body, "scheme", 1, &scheme) ||
	    text_of(ctx, body, "rated_on", 1, &on) ||
	    text_of(ctx, body, "valid_until", 1, &until) ||
	    text_of(ctx, body, "note", 0, &note))
		return NULL;
	level = json_object_get(body, "level");
	if (!json_is_integer(level))
		return lx_fail(&ctx->err, LX_EINVALID, "level",
		               "'level' must be a whole number 1 to 5"),
		       NULL;
	if (f.filing_status != FILING_FILED)
		return lx_fail(&ctx->err, LX_EINVALID, "filing_status",
		               "only a filed facility (已备案) is rated; this "
		               "one is '%s'",
		               f.filing_status >= 0
		                   ? filing_status_names.names[f.filing_status]
		                   : "unset"),
		       NULL;
	x.r.facility_id = f.id;
	x.r.scheme = place_rating_scheme_parse(scheme);
	x.r.level =
	    json_integer_value(level) > 5 || json_integer_value(level) < 1
	        ? 0
	        : (int)json_integer_value(level);
	if (strlen(on) != 10)
		return lx_fail(&ctx->err, LX_EINVALID, "rated_on",
		               "'rated_on' must be a date, YYYY-MM-DD"),
		       NULL;
	if (strlen(until) != 10)
		return lx_fail(&ctx->err, LX_EINVALID, "valid_until",
		               "'valid_until' must be a date, YYYY-MM-DD"),
		       NULL;
	memcpy(x.r.rated_on, on, 11);
	memcpy(x.r.valid_until, until, 11);
	x.r.note = note;
	snprintf(x.r.recorded_at, sizeof(x.r.recorded_at), "%s", ctx->now);
	if (place_rating_validate(&x.r, f.kind, &ctx->err))
		return NULL;
	if (app_transaction(ctx, add_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_place_rating_list(struct app_ctx *ctx, long long facility,
                              json_t *params)
{
	static const char *const allowed[] = { "as_of", NULL };
	struct facility f;
	struct place_rating *rs, *cur;
	size_t n;
	const char *as_of;
	json_t *items, *out;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    load_visible(ctx, facility, &f) ||
	    place_rating_store_list(ctx->db, ctx->arena, facility, &rs, &n,
	                            &ctx->err))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	items = json_array();
	cur = NULL;
	/* latest given first: the first in force is the current one (on a
	 * day's tie the higher id, as the store's in-force query) */
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(items,
		                      place_rating_to_json(&rs[i], as_of));
		if (!cur &&
		    !strcmp(place_rating_state(&rs[i], as_of), "in_force"))
			cur = &rs[i];
	}
	out = json_pack("{so ss}", "items", items, "as_of", as_of);
	json_object_set_new(out, "current",
	                    cur ? place_rating_to_json(cur, as_of)
	                        : json_null());
	return out;
}
