#include "app/holds.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/date.h"
#include "core/subsidy.h"
#include "store/facility_store.h"
#include "store/hold_store.h"
#include "store/ledger_store.h"
#include "store/person_store.h"

#include <stdio.h>
#include <string.h>

static int may_hold(struct app_ctx *ctx, const char *what)
{
	if (principal_is_official(ctx->who))
		return 0;
	return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
	               "only administrators and city and county officials %s",
	               what);
}

static json_t *hold_json(const struct hold_row *h)
{
	json_t *o = json_pack(
	    "{s:I, s:s, s:I, s:s, s:s?, s:s, s:s, s:s, s:s?, s:b,"
	    " s:s?}",
	    "id", (json_int_t)h->id, "beneficiary_kind", h->beneficiary_kind,
	    "beneficiary_id", (json_int_t)h->beneficiary_id, "region",
	    h->region, "scheme", h->scheme, "from", h->from_date, "reason",
	    h->reason, "created_at", h->created_at, "lifted_on",
	    h->lifted_on[0] ? h->lifted_on : NULL, "in_force", !h->lifted_on[0],
	    "lift_reason", h->lift_reason);

	/* a lifted hold of one scheme says whether its months are paid */
	if (h->lifted_on[0] && h->scheme)
		json_object_set_new(o, "back_pay", json_boolean(h->back_pay));
	return o;
}

/* The region of a beneficiary, or -1 (LX_ENOTFOUND naming field). */
static int beneficiary_region(struct app_ctx *ctx, const char *kind,
                              long long id, char region[13])
{
	if (!strcmp(kind, "person")) {
		struct person p;

		if (person_store_get(ctx->db, ctx->arena, id, &p, NULL))
			return lx_fail(&ctx->err, LX_ENOTFOUND,
			               "beneficiary_id", "no person %lld", id);
		snprintf(region, 13, "%s", p.region);
		return 0;
	}
	if (!strcmp(kind, "institution")) {
		struct facility f;

		if (facility_store_get(ctx->db, ctx->arena, id, NULL, &f, NULL))
			return lx_fail(&ctx->err, LX_ENOTFOUND,
			               "beneficiary_id", "no institution %lld",
			               id);
		snprintf(region, 13, "%s", f.region);
		return 0;
	}
	return lx_fail(&ctx->err, LX_EINVALID, "beneficiary_kind",
	               "must be 'person' or 'institution'");
}

static int hold_in_tx(struct app_ctx *ctx, void *arg)
{
	struct hold_row *h = arg;
	json_t *after;
	int ret;

	if (hold_store_add(ctx->db, h, ctx->who->account_id, ctx->now,
	                   &ctx->err))
		return -1;
	h->created_at = (char *)ctx->now;
	after = hold_json(h);
	ret = app_audit(ctx, "hold", "subsidy_hold",
	                arena_printf(ctx->arena, "%lld", h->id), NULL, after);
	json_decref(after);
	return ret;
}

json_t *app_hold_add(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"beneficiary_kind", "beneficiary_id",
		"scheme",           "from",
		"reason",           NULL
	};
	const char *kind =
	    json_string_value(json_object_get(body, "beneficiary_kind"));
	json_t *id = json_object_get(body, "beneficiary_id");
	const char *scheme = json_string_value(json_object_get(body, "scheme"));
	const char *from = json_string_value(json_object_get(body, "from"));
	const char *why = json_string_value(json_object_get(body, "reason"));
	struct hold_row h = { 0 };
	struct lx_date d;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    may_hold(ctx, "put payments on hold"))
		return NULL;
	if (!kind)
		return lx_fail(&ctx->err, LX_EINVALID, "beneficiary_kind",
		               "give 'person' or 'institution'"),
		       NULL;
	if (!json_is_integer(id) || json_integer_value(id) <= 0)
		return lx_fail(
		           &ctx->err, LX_EINVALID, "beneficiary_id",
		           "give the beneficiary's id (a positive integer)"),
		       NULL;
	if (json_object_get(body, "scheme") && (!scheme || !*scheme))
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "give a scheme id, or leave 'scheme' out to "
		               "hold every scheme"),
		       NULL;
	if (!from || date_parse_field(from, &d, &ctx->err, "from"))
		return from ? NULL
		            : (lx_fail(&ctx->err, LX_EINVALID, "from",
		                       "give the first day held (YYYY-MM-DD)"),
		               NULL);
	if (!why || !*why)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "a hold needs its 'reason'"),
		       NULL;
	snprintf(h.beneficiary_kind, sizeof(h.beneficiary_kind), "%s", kind);
	h.beneficiary_id = json_integer_value(id);
	if (beneficiary_region(ctx, kind, h.beneficiary_id, h.region))
		return NULL;
	if (!principal_sees_region(ctx->who, h.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "beneficiary_id",
		               "no %s %lld", kind, h.beneficiary_id),
		       NULL;
	if (scheme) {
		struct policy_view view;

		if (app_policy_view(ctx, h.region, &view))
			return NULL;
		if (!policy_view_scheme(&view, scheme))
			return lx_fail(&ctx->err, LX_EINVALID, "scheme",
			               "no scheme '%.60s' applies to '%s'",
			               scheme, h.region),
			       NULL;
	}
	h.scheme = (char *)scheme;
	date_format(d, h.from_date);
	h.reason = (char *)why;
	if (app_transaction(ctx, hold_in_tx, &h))
		return NULL;
	return hold_json(&h);
}

struct lift {
	long long id;
	const char *on, *why;
	int back_pay; /* the scheme's policy, for the record */
	struct hold_row before;
};

static int lift_in_tx(struct app_ctx *ctx, void *arg)
{
	struct lift *l = arg;
	struct hold_row after;
	json_t *b, *a;
	int ret;

	if (hold_store_lift(ctx->db, l->id, l->on, l->back_pay, l->why,
	                    ctx->who->account_id, ctx->now, &ctx->err) ||
	    hold_store_get(ctx->db, ctx->arena, l->id, &after, &ctx->err))
		return -1;
	b = hold_json(&l->before);
	a = hold_json(&after);
	ret = app_audit(ctx, "lift", "subsidy_hold",
	                arena_printf(ctx->arena, "%lld", l->id), b, a);
	json_decref(b);
	json_decref(a);
	l->before = after;
	return ret;
}

json_t *app_hold_lift(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "on", "reason", NULL };
	struct lift l = { .id = id };
	struct lx_date d;
	char on[11];

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) || may_hold(ctx, "lift holds"))
		return NULL;
	l.on = json_string_value(json_object_get(body, "on"));
	l.why = json_string_value(json_object_get(body, "reason"));
	if (hold_store_get(ctx->db, ctx->arena, id, &l.before, NULL) ||
	    !principal_sees_region(ctx->who, l.before.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no hold %lld",
		               id),
		       NULL;
	if (!l.on)
		return lx_fail(&ctx->err, LX_EINVALID, "on",
		               "give the first day paid again (YYYY-MM-DD)"),
		       NULL;
	if (date_parse_field(l.on, &d, &ctx->err, "on"))
		return NULL;
	date_format(d, on);
	l.on = on;
	if (strcmp(on, l.before.from_date) < 0)
		return lx_fail(
		           &ctx->err, LX_EINVALID, "on",
		           "a hold from %s cannot be lifted on %s, before it "
		           "began",
		           l.before.from_date, on),
		       NULL;
	if (!l.why || !*l.why)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "a lift needs its 'reason'"),
		       NULL;
	if (l.before.lifted_on[0])
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "hold %lld is already lifted", id),
		       NULL;
	if (l.before.scheme) {
		struct policy_view view;
		const struct subsidy_scheme *sc;

		if (app_policy_view(ctx, l.before.region, &view))
			return NULL;
		sc = policy_view_scheme(&view, l.before.scheme);
		l.back_pay = sc && sc->hold_back_pay;
	}
	if (app_transaction(ctx, lift_in_tx, &l))
		return NULL;
	return hold_json(&l.before);
}

json_t *app_holds_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "beneficiary_kind",
		                               "beneficiary_id", NULL };
	const char *region, *kind = param_str(params, "beneficiary_kind");
	long id = 0;
	struct hold_row *v;
	size_t n;
	json_t *items;

	if (may_hold(ctx, "see holds") ||
	    param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "beneficiary_id", 0, 0, 1L << 53, &id,
	               &ctx->err))
		return NULL;
	if (kind && strcmp(kind, "person") && strcmp(kind, "institution"))
		return lx_fail(&ctx->err, LX_EINVALID, "beneficiary_kind",
		               "must be 'person' or 'institution'"),
		       NULL;
	if (!kind != !id)
		return lx_fail(&ctx->err, LX_EINVALID,
		               kind ? "beneficiary_id" : "beneficiary_kind",
		               "give both 'beneficiary_kind' and "
		               "'beneficiary_id', or neither"),
		       NULL;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", region),
		       NULL;
	if (hold_store_list(ctx->db, ctx->arena, region, kind, id, &v, &n,
	                    &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, hold_json(&v[i]));
	return json_pack("{s:o, s:I}", "items", items, "count", (json_int_t)n);
}

struct line_lift {
	struct ledger_line line;
	const char *why;
};

static int line_lift_in_tx(struct app_ctx *ctx, void *arg)
{
	struct line_lift *l = arg;
	json_t *after;
	int ret;

	if (ledger_store_lift(ctx->db, l->line.id, l->why, ctx->who->account_id,
	                      ctx->now, &ctx->err))
		return -1;
	after = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "reversal",
	                  (json_int_t)l->line.id, "scheme", l->line.scheme,
	                  "period", l->line.period, "beneficiary_kind",
	                  l->line.beneficiary_kind, "beneficiary_id",
	                  (json_int_t)l->line.beneficiary_id, "reason", l->why);
	ret = app_audit(ctx, "lift", "ledger",
	                arena_printf(ctx->arena, "%lld", l->line.id), NULL,
	                after);
	json_decref(after);
	return ret;
}

json_t *app_ledger_lift(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "reason", NULL };
	struct line_lift l = { 0 };

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    may_hold(ctx, "restart payments"))
		return NULL;
	l.why = json_string_value(json_object_get(body, "reason"));
	if (!l.why || !*l.why)
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "恢复发放 needs its 'reason'"),
		       NULL;
	if (ledger_store_get(ctx->db, ctx->arena, id, &l.line, NULL) ||
	    !principal_sees_region(ctx->who, l.line.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no ledger line %lld", id),
		       NULL;
	if (strcmp(l.line.kind, "reversal"))
		return lx_fail(&ctx->err, LX_EINVALID, "id",
		               "line %lld is not a reversal: only a reversal "
		               "is lifted",
		               id),
		       NULL;
	if (app_transaction(ctx, line_lift_in_tx, &l))
		return NULL;
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "reversal",
	                 (json_int_t)id, "scheme", l.line.scheme, "period",
	                 l.line.period, "beneficiary_kind",
	                 l.line.beneficiary_kind, "beneficiary_id",
	                 (json_int_t)l.line.beneficiary_id, "reason", l.why);
}
