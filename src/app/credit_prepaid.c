#include "app/credit_prepaid.h"

#include "app/credit_scope.h"
#include "app/params.h"
#include "core/credit_prepaid.h"
#include "core/role.h"
#include "store/credit_store.h"

#include <stdint.h>
#include <string.h>

/* 1e12 yuan: beyond any institution's balance, and far from overflow */
#define FEN_MAX 100000000000000LL

static json_t *report_json(const struct credit_prepaid_row *p,
                           const struct credit_policy *pol)
{
	struct credit_prepaid_check c;
	struct credit_prepaid_rule rule = { 100, 0 };
	json_t *j, *flags = json_array();

	if (pol)
		rule = pol->prepaid;
	credit_prepaid_check(&rule, p->balance_fen, p->custody_fen, &c);
	if (c.custody_short)
		json_array_append_new(flags, json_pack("{ss ss}", "code",
		                                       "custody_short", "label",
		                                       "第三方存管不足"));
	if (c.over_limit)
		json_array_append_new(flags,
		                      json_pack("{ss ss}", "code", "over_limit",
		                                "label", "预收余额超过上限"));
	j = json_pack(
	    "{sI sI ss ss ss sI sI sI ss sI sI sI si sb so}", "id",
	    (json_int_t)p->id, "facility_id", (json_int_t)p->facility_id,
	    "facility", p->facility_name ? p->facility_name : "", "region",
	    p->region ? p->region : "", "as_of", p->as_of, "members",
	    (json_int_t)p->members, "balance_fen", (json_int_t)p->balance_fen,
	    "custody_fen", (json_int_t)p->custody_fen, "custody_bank",
	    p->custody_bank ? p->custody_bank : "", "custody_due_fen",
	    (json_int_t)c.custody_due_fen, "limit_fen",
	    (json_int_t)rule.limit_fen, "custody_percent_required",
	    (json_int_t)rule.custody_percent, "membership", p->membership,
	    "flagged", c.custody_short || c.over_limit, "flags", flags);
	json_object_set_new(j, "custody_share",
	                    c.custody_share[0] ? json_string(c.custody_share)
	                                       : json_null());
	json_object_set_new(j, "custody_share_rounding",
	                    json_string("百分比，保留一位小数，四舍五入"));
	return j;
}

int credit_prepaid_membership(struct app_ctx *ctx, long long facility)
{
	int on = 0;
	struct lx_error e = { 0 };

	credit_store_membership(ctx->db, facility, &on, &e);
	return on;
}

json_t *credit_prepaid_latest_json(struct app_ctx *ctx, long long facility)
{
	struct credit_prepaid_row *p;
	const struct credit_policy *pol = NULL;
	size_t n;

	if (credit_store_prepaid_latest(ctx->db, ctx->arena, NULL, facility,
	                                "9999-12-31", &p, &n, &ctx->err))
		return NULL;
	if (!n)
		return json_null();
	credit_policy_of(ctx, p[0].region, &pol);
	memset(&ctx->err, 0, sizeof(ctx->err));
	return report_json(&p[0], pol);
}

struct report {
	struct credit_prepaid_row p;
	const struct credit_policy *pol;
	json_t *out;
};

static int report_in_tx(struct app_ctx *ctx, void *arg)
{
	struct report *x = arg;

	if (credit_store_prepaid_add(ctx->db, &x->p, ctx->who->account_id,
	                             &ctx->err))
		return -1;
	x->out = report_json(&x->p, x->pol);
	return app_audit(ctx, "create", "prepaid_report",
	                 arena_printf(ctx->arena, "%lld", x->p.id), NULL,
	                 x->out);
}

json_t *app_credit_prepaid_report(struct app_ctx *ctx, long long facility,
                                  json_t *body)
{
	static const char *const keys[] = { "as_of",       "members",
		                            "balance_fen", "custody_bank",
		                            "custody_fen", NULL };
	struct report x = { 0 };
	struct facility f;
	long long members = 0, bal = 0, cus = 0;

	if (body_only(body, keys, &ctx->err) ||
	    credit_facility(ctx, facility, &f))
		return NULL;
	if (!principal_may_write_facility(ctx->who, f.region, f.id))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only the facility's operator or an official of "
		               "its region reports its prepaid balance"),
		       NULL;
	if (credit_date(ctx, body, "as_of", 1, &x.p.as_of) ||
	    credit_int(ctx, body, "members", 1, 0, 10000000, &members) ||
	    credit_int(ctx, body, "balance_fen", 1, 0, FEN_MAX, &bal) ||
	    credit_int(ctx, body, "custody_fen", 1, 0, FEN_MAX, &cus) ||
	    credit_text(ctx, body, "custody_bank", 0, 200, &x.p.custody_bank) ||
	    credit_policy_of(ctx, f.region, &x.pol))
		return NULL;
	if (strcmp(x.p.as_of, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "as_of",
		               "'as_of' may not be after today (%s)",
		               ctx->today),
		       NULL;
	if (cus > bal)
		return lx_fail(&ctx->err, LX_EINVALID, "custody_fen",
		               "'custody_fen' may not exceed 'balance_fen'"),
		       NULL;
	if (cus > 0 && !*x.p.custody_bank)
		return lx_fail(&ctx->err, LX_EINVALID, "custody_bank",
		               "'custody_bank' names the bank holding the "
		               "custody"),
		       NULL;
	x.p.facility_id = f.id;
	x.p.members = members;
	x.p.balance_fen = bal;
	x.p.custody_fen = cus;
	x.p.facility_name = f.name;
	x.p.region = f.region;
	x.p.membership = credit_prepaid_membership(ctx, f.id);
	x.p.recorded_at = ctx->now;
	if (app_transaction(ctx, report_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_credit_prepaid_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "flagged", "as_of",
		                               NULL };
	const char *region, *as_of;
	struct credit_prepaid_row *p;
	const struct credit_policy *pol = NULL;
	const char *pol_region = NULL;
	size_t n;
	long flagged;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    credit_list_region(ctx, params, &region) ||
	    param_long(params, "flagged", 0, 0, 1, &flagged, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	if (credit_store_prepaid_latest(ctx->db, ctx->arena, region, 0, as_of,
	                                &p, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j;

		if (!principal_sees_facility(ctx->who, p[i].region,
		                             p[i].facility_id))
			continue;
		/* each report under its own region's policy */
		if (!pol_region || strcmp(pol_region, p[i].region)) {
			pol = NULL;
			credit_policy_of(ctx, p[i].region, &pol);
			memset(&ctx->err, 0, sizeof(ctx->err));
			pol_region = p[i].region;
		}
		j = report_json(&p[i], pol);
		if (flagged && !json_is_true(json_object_get(j, "flagged"))) {
			json_decref(j);
			continue;
		}
		json_array_append_new(items, j);
	}
	return json_pack("{so ss}", "items", items, "as_of", as_of);
}
