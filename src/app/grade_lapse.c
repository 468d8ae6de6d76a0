/* Recording lapses: a rating whose validity ended unrenewed lapses the day
 * after, once (grade_lapse's key is the rating), and the lapse is
 * published. */
#include "app/grade.h"

#include "app/grade_policy.h"
#include "app/params.h"
#include "core/date.h"
#include "core/grade_rules.h"
#include "core/role.h"
#include "store/grade_store.h"

#include <string.h>

struct lapse {
	const char *region, *day;
	json_t *items;
};

static int lapse_in_tx(struct app_ctx *ctx, void *arg)
{
	struct lapse *x = arg;
	struct grade_rating *rs;
	size_t n;

	if (grade_store_lapse_due(ctx->db, ctx->arena, x->region, x->day, &rs,
	                          &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct grade_policy *p;
		json_t *row;
		int added;

		if (grade_lapse_day(rs[i].valid_until, rs[i].lapsed_on))
			return lx_fail(&ctx->err, LX_EINTERNAL, "",
			               "rating %lld has a bad valid_until",
			               rs[i].id);
		if (grade_store_lapse_add(ctx->db, rs[i].id, rs[i].facility_id,
		                          rs[i].lapsed_on, ctx->now, &added,
		                          &ctx->err))
			return -1;
		if (!added)
			continue; /* recorded by a run alongside this one */
		p = grade_policy_for(ctx, rs[i].region);
		if (!p)
			return -1;
		row = grade_rating_row(grade_policy_scheme(p, rs[i].scheme),
		                       &rs[i], NULL);
		json_array_append_new(x->items, row);
		if (app_audit(ctx, "lapse", "facility_rating",
		              arena_printf(ctx->arena, "%lld", rs[i].id), NULL,
		              row))
			return -1;
	}
	return 0;
}

json_t *app_grade_lapse(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "day", NULL };
	struct lapse x = { 0 };
	const char *scope = ctx->who->region;
	struct lx_date d;
	json_t *day;

	if (!principal_is_admin(ctx->who) &&
	    !(scope[0] && grade_may_write(ctx->who, scope)))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials record lapses"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	day = json_object_get(body, "day");
	if (!day || json_is_null(day))
		x.day = ctx->today;
	else if (!json_is_string(day) ||
	         date_parse_field(json_string_value(day), &d, &ctx->err, "day"))
		return lx_fail(&ctx->err, LX_EINVALID, "day",
		               "'day' must be a date, YYYY-MM-DD"),
		       NULL;
	else
		x.day = json_string_value(day);
	if (strcmp(x.day, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "day",
		               "'day' must not be after today"),
		       NULL;
	x.region = scope[0] ? scope : NULL;
	x.items = json_array();
	if (app_transaction(ctx, lapse_in_tx, &x)) {
		json_decref(x.items);
		return NULL;
	}
	return json_pack("{ss sI so}", "day", x.day, "recorded",
	                 (json_int_t)json_array_size(x.items), "items",
	                 x.items);
}
