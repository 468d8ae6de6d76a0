#include "app/approval_application.h"

#include "app/indicators.h"
#include "app/policy.h"
#include "core/region_code.h"
#include "core/subsidy.h"
#include "store/application_store.h"
#include "store/approval_store.h"

#include <stdio.h>
#include <string.h>

static const char *const level_zh[] = { "省", "市", "县", "乡镇", "村" };

/* The first level of s not yet reviewed, or -1 when all have been. */
static int due_level(const struct subsidy_scheme *s, const struct app_review *r,
                     size_t n)
{
	for (size_t i = 0; i < s->n_application_levels; i++) {
		const char *name = region_level_name(
		    (enum region_level)s->application_levels[i]);
		size_t k = 0;

		while (k < n && strcmp(r[k].level, name))
			k++;
		if (k == n)
			return s->application_levels[i];
	}
	return -1;
}

struct review {
	long long id;
	const char *level, *reason;
};

static int review_in_tx(struct app_ctx *ctx, void *arg)
{
	struct review *r = arg;
	json_t *after;
	int ret;

	if (approval_store_app_review_add(ctx->db, r->id, r->level,
	                                  ctx->who->account_id, ctx->now,
	                                  r->reason, &ctx->err))
		return -1;
	after = json_pack("{s:s, s:s}", "level", r->level, "reason", r->reason);
	ret = app_audit(ctx, "review", "application",
	                arena_printf(ctx->arena, "%lld", r->id), NULL, after);
	json_decref(after);
	return ret;
}

int approval_application_review(struct app_ctx *ctx,
                                const struct application_row *a,
                                const struct subsidy_scheme *s, int approve,
                                const char *reason)
{
	struct app_review *v;
	size_t n;
	int due, last;
	struct review r = { a->id, NULL, reason };

	if (!s->n_application_levels)
		return 0;
	if (strcmp(a->status, "submitted"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "application %lld is already %s", a->id,
		               a->status);
	if (approval_store_app_reviews(ctx->db, ctx->arena, a->id, &v, &n,
	                               &ctx->err))
		return -1;
	due = due_level(s, v, n);
	if (due < 0)
		return 0; /* every level reviewed: the decision is due */
	for (size_t i = 0; i < n; i++)
		if (v[i].by == ctx->who->account_id && ctx->who->account_id)
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
			               "'%s' reviewed application %lld at the "
			               "%s level already",
			               ctx->who->username, a->id, v[i].level);
	if (!principal_is_admin(ctx->who) &&
	    (int)region_code_level(ctx->who->region) != due)
		return lx_fail(
		    &ctx->err, LX_EFORBIDDEN, "",
		    "application %lld awaits the %s review (%s级审核)", a->id,
		    region_level_name((enum region_level)due), level_zh[due]);
	last = s->application_levels[s->n_application_levels - 1] == due;
	if (!approve || last)
		return 0;
	r.level = region_level_name((enum region_level)due);
	return app_transaction(ctx, review_in_tx, &r) ? -1 : 1;
}

json_t *approval_application_reviews(struct app_ctx *ctx,
                                     const struct application_row *a)
{
	struct policy_view view;
	const struct subsidy_scheme *s;
	struct app_review *v;
	size_t n;
	json_t *levels, *reviews;
	int due;

	if (app_policy_view(ctx, a->region, &view) ||
	    !(s = policy_view_scheme(&view, a->scheme)) ||
	    !s->n_application_levels ||
	    approval_store_app_reviews(ctx->db, ctx->arena, a->id, &v, &n,
	                               &ctx->err)) {
		lx_error_clear(&ctx->err);
		return NULL;
	}
	levels = json_array();
	for (size_t i = 0; i < s->n_application_levels; i++)
		json_array_append_new(
		    levels, json_string(region_level_name(
		                (enum region_level)s->application_levels[i])));
	reviews = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    reviews, json_pack("{s:s, s:s, s:s, s:s}", "level",
		                       v[i].level, "by", v[i].by_name, "at",
		                       v[i].at, "reason", v[i].reason));
	due = due_level(s, v, n);
	return json_pack(
	    "{s:o, s:o, s:o}", "levels", levels, "reviews", reviews, "awaiting",
	    due >= 0 && !strcmp(a->status, "submitted")
	        ? json_string(region_level_name((enum region_level)due))
	        : json_null());
}
