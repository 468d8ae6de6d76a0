#include "app/recoveries.h"

#include "app/params.h"
#include "app/subsidy_policy.h"
#include "core/subsidy.h"
#include "store/recovery_store.h"

#include <stdio.h>
#include <string.h>

static json_t *owed_json(const struct owed_row *o)
{
	int64_t owed = o->overpaid - o->offset - o->repaid;
	char y[32];

	return json_pack(
	    "{s:s, s:I, s:s, s:I, s:I, s:I, s:I, s:s}", "beneficiary_kind",
	    o->beneficiary_kind, "beneficiary_id",
	    (json_int_t)o->beneficiary_id, "region", o->region, "overpaid_fen",
	    (json_int_t)o->overpaid, "offset_fen", (json_int_t)o->offset,
	    "repaid_fen", (json_int_t)o->repaid, "owed_fen", (json_int_t)owed,
	    "owed_yuan", subsidy_yuan(owed, y));
}

json_t *app_owed_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;
	struct owed_row *v;
	size_t n;
	int64_t total = 0;
	json_t *items;
	char y[32];

	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "amounts owed are for administrators and city "
		               "and county officials"),
		       NULL;
	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", region),
		       NULL;
	if (recovery_store_owed(ctx->db, ctx->arena, region, NULL, 0, &v, &n,
	                        &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		total += v[i].overpaid - v[i].offset - v[i].repaid;
		json_array_append_new(items, owed_json(&v[i]));
	}
	return json_pack("{s:o, s:I, s:I, s:s}", "items", items, "count",
	                 (json_int_t)n, "owed_fen", (json_int_t)total,
	                 "owed_yuan", subsidy_yuan(total, y));
}

struct repay {
	const char *kind, *why;
	long long id;
	int64_t fen;
	struct owed_row o;
};

static int repay_in_tx(struct app_ctx *ctx, void *arg)
{
	struct repay *p = arg;
	json_t *after;
	int ret;

	if (recovery_store_repaid(ctx->db, p->kind, p->id, p->o.region, p->fen,
	                          p->why, ctx->who->account_id, ctx->now,
	                          &ctx->err))
		return -1;
	p->o.repaid += p->fen;
	after = owed_json(&p->o);
	ret = app_audit(ctx, "repaid", "recovery",
	                arena_printf(ctx->arena, "%s/%lld", p->kind, p->id),
	                NULL, after);
	json_decref(after);
	return ret;
}

json_t *app_owed_repaid(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "beneficiary_kind",
		                            "beneficiary_id", "yuan", "reason",
		                            NULL };
	struct repay p = { 0 };
	json_t *id = json_object_get(body, "beneficiary_id");
	const char *yuan = json_string_value(json_object_get(body, "yuan"));
	struct owed_row *v;
	size_t n;
	int64_t owed;
	char y[32];

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials record repayments"),
		       NULL;
	p.kind = json_string_value(json_object_get(body, "beneficiary_kind"));
	p.why = json_string_value(json_object_get(body, "reason"));
	if (!p.kind ||
	    (strcmp(p.kind, "person") && strcmp(p.kind, "institution") &&
	     strcmp(p.kind, "provider")))
		return lx_fail(&ctx->err, LX_EINVALID, "beneficiary_kind",
		               "must be 'person', 'institution' or 'provider'"),
		       NULL;
	if (!json_is_integer(id) || json_integer_value(id) <= 0)
		return lx_fail(
		           &ctx->err, LX_EINVALID, "beneficiary_id",
		           "give the beneficiary's id (a positive integer)"),
		       NULL;
	p.id = json_integer_value(id);
	if (!yuan || subsidy_yuan_parse(yuan, &p.fen) || p.fen <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "yuan",
		               "give the amount repaid in yuan as text, "
		               "e.g. \"120\" or \"956.22\", more than 0"),
		       NULL;
	if (!p.why || !*p.why)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "a repayment needs its 'reason'"),
		       NULL;
	if (recovery_store_owed(ctx->db, ctx->arena, NULL, p.kind, p.id, &v, &n,
	                        &ctx->err))
		return NULL;
	if (!n || !principal_sees_region(ctx->who, v[0].region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "beneficiary_id",
		               "%s %lld owes nothing", p.kind, p.id),
		       NULL;
	p.o = v[0];
	owed = p.o.overpaid - p.o.offset - p.o.repaid;
	if (p.fen > owed)
		return lx_fail(
		           &ctx->err, LX_EINVALID, "yuan",
		           "%s %lld owes %s yuan; a repayment cannot exceed "
		           "it",
		           p.kind, p.id, subsidy_yuan(owed, y)),
		       NULL;
	if (app_transaction(ctx, repay_in_tx, &p))
		return NULL;
	return owed_json(&p.o);
}
