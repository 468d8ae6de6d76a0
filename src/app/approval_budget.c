#include "app/approval_budget.h"

#include "app/indicators.h"
#include "app/params.h"
#include "core/region_code.h"
#include "core/subsidy.h"
#include "store/approval_store.h"
#include "store/region_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* region and every region above it, nearest first. */
static void ancestors(struct app_ctx *ctx, const char *region,
                      const char ***out, size_t *n)
{
	const char **v = arena_alloc(ctx->arena, 8 * sizeof(*v));
	char code[13];

	*n = 0;
	snprintf(code, sizeof(code), "%s", region);
	/* the tree is at most six levels deep; eight guards a loop */
	while (code[0] && *n < 8) {
		struct region r;

		v[(*n)++] = arena_strdup(ctx->arena, code);
		if (region_store_get(ctx->db, ctx->arena, code, &r, NULL))
			break;
		snprintf(code, sizeof(code), "%s", r.parent);
	}
	*out = v;
}

static json_t *figures(const struct budget_row *b, int64_t spent,
                       int64_t this_run)
{
	char y1[32], y2[32], y3[32], y4[32];
	int64_t remaining = b->fen - spent - this_run;

	return json_pack(
	    "{s:s, s:i, s:s, s:I, s:s, s:I, s:s, s:I, s:s, s:I, s:s, s:b}",
	    "scheme", b->scheme, "year", b->year, "region", b->region,
	    "budget_fen", (json_int_t)b->fen, "budget_yuan",
	    subsidy_yuan(b->fen, y1), "spent_fen", (json_int_t)spent,
	    "spent_yuan", subsidy_yuan(spent, y2), "this_run_fen",
	    (json_int_t)this_run, "this_run_yuan", subsidy_yuan(this_run, y3),
	    "remaining_fen", (json_int_t)remaining, "remaining_yuan",
	    subsidy_yuan(remaining, y4), "over", remaining < 0);
}

int app_budget_check(struct app_ctx *ctx, const struct subsidy_scheme *scheme,
                     const char *region, const char *period, int dry,
                     int64_t this_run, json_t **out, json_t *warnings)
{
	const char **anc;
	size_t nanc;
	struct budget_row b;
	int found, year = atoi(period);
	int64_t spent;
	char y1[32], y2[32];

	*out = NULL;
	if (!region || !*region)
		return 0;
	ancestors(ctx, region, &anc, &nanc);
	if (approval_store_budget_find(ctx->db, ctx->arena, scheme->id, year,
	                               anc, nanc, &b, &found, &ctx->err))
		return -1;
	if (!found)
		return 0;
	if (approval_store_spent(ctx->db, scheme->id, year, b.region, &spent,
	                         &ctx->err))
		return -1;
	/* a run that writes has its lines in the ledger already (same
	 * transaction): they are this run, not what was spent before */
	if (!dry)
		spent -= this_run;
	*out = figures(&b, spent, this_run);
	if (b.fen - spent - this_run >= 0)
		return 0;
	if (scheme->over_budget_refuse && !dry) {
		json_decref(*out);
		*out = NULL;
		return lx_fail(&ctx->err, LX_ECONFLICT, "budget",
		               "the run would exceed the %d budget of '%s' in "
		               "'%s' by %s yuan (budget %s yuan); the policy "
		               "refuses it",
		               year, scheme->id, b.region,
		               subsidy_yuan(spent + this_run - b.fen, y1),
		               subsidy_yuan(b.fen, y2));
	}
	json_array_append_new(
	    warnings,
	    json_sprintf("本次发放后超出%d年预算%s元（预算%s元）%s", year,
	                 subsidy_yuan(spent + this_run - b.fen, y1),
	                 subsidy_yuan(b.fen, y2),
	                 scheme->over_budget_refuse ? "，按政策将不予写入台账"
	                                            : "，按政策仅提示"));
	return 0;
}

static json_t *budget_json(struct app_ctx *ctx, const struct budget_row *b)
{
	int64_t spent = 0;

	if (approval_store_spent(ctx->db, b->scheme, b->year, b->region, &spent,
	                         &ctx->err))
		return NULL;
	return figures(b, spent, 0);
}

struct set_arg {
	struct budget_row b;
	json_t *before, *after;
};

static int set_in_tx(struct app_ctx *ctx, void *arg)
{
	struct set_arg *s = arg;
	const char *anc[1] = { s->b.region };
	struct budget_row old;
	int found;

	if (approval_store_budget_find(ctx->db, ctx->arena, s->b.scheme,
	                               s->b.year, anc, 1, &old, &found,
	                               &ctx->err))
		return -1;
	if (found)
		s->before =
		    json_pack("{s:I}", "amount_fen", (json_int_t)old.fen);
	if (approval_store_budget_set(ctx->db, &s->b, ctx->who->account_id,
	                              ctx->now, &ctx->err))
		return -1;
	s->after = json_pack("{s:s, s:i, s:s, s:I}", "scheme", s->b.scheme,
	                     "year", s->b.year, "region", s->b.region,
	                     "amount_fen", (json_int_t)s->b.fen);
	return app_audit(ctx, "budget", "subsidy_budget",
	                 arena_printf(ctx->arena, "%s/%d/%s", s->b.scheme,
	                              s->b.year, s->b.region),
	                 s->before, s->after);
}

json_t *app_budget_set(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "scheme", "year", "region",
		                            "amount_fen", NULL };
	json_t *sc = json_object_get(body, "scheme");
	json_t *yr = json_object_get(body, "year");
	json_t *rg = json_object_get(body, "region");
	json_t *am = json_object_get(body, "amount_fen");
	struct set_arg s = { 0 };
	json_t *out = NULL;

	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials set budgets"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!json_is_string(sc) || !*json_string_value(sc) ||
	    strlen(json_string_value(sc)) >= sizeof(s.b.scheme))
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "give the scheme's id"),
		       NULL;
	if (!json_is_integer(yr) || json_integer_value(yr) < 2000 ||
	    json_integer_value(yr) > 2100)
		return lx_fail(&ctx->err, LX_EINVALID, "year",
		               "give the year as a whole number (2000-2100)"),
		       NULL;
	if (!json_is_string(rg) || !region_code_valid(json_string_value(rg)))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "give a 12-digit region code"),
		       NULL;
	if (!principal_sees_region(ctx->who, json_string_value(rg)) ||
	    !region_store_exists(ctx->db, json_string_value(rg)))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s' in your scope",
		               json_string_value(rg)),
		       NULL;
	/* a budget is a whole amount in fen: no yuan fractions below 分 */
	if (!json_is_integer(am) || json_integer_value(am) < 0 ||
	    json_integer_value(am) > SUBSIDY_FEN_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "amount_fen",
		               "give the budget in fen, a whole number from 0"),
		       NULL;
	snprintf(s.b.scheme, sizeof(s.b.scheme), "%s", json_string_value(sc));
	snprintf(s.b.region, sizeof(s.b.region), "%s", json_string_value(rg));
	s.b.year = (int)json_integer_value(yr);
	s.b.fen = json_integer_value(am);
	if (!app_transaction(ctx, set_in_tx, &s))
		out = budget_json(ctx, &s.b);
	json_decref(s.before);
	json_decref(s.after);
	return out;
}

json_t *app_budget_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "year", NULL };
	const char *region;
	long year;
	struct budget_row *v;
	size_t n;
	json_t *items;

	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "budgets are for administrators and city and "
		               "county officials"),
		       NULL;
	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "year", 0, 0, 2100, &year, &ctx->err))
		return NULL;
	if (!region)
		region = ctx->who->region;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s' in your scope", region),
		       NULL;
	if (approval_store_budget_list(ctx->db, ctx->arena, region, (int)year,
	                               &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = budget_json(ctx, &v[i]);

		if (!o) {
			json_decref(items);
			return NULL;
		}
		json_array_append_new(items, o);
	}
	return json_pack("{s:o}", "items", items);
}
