#include "app/place_prices.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/place_childcare_policy.h"
#include "app/policy.h"
#include "app/subsidy_policy.h"
#include "core/date.h"
#include "core/place_price_check.h"
#include "core/place_price_code.h"
#include "core/region_code.h"
#include "core/subsidy.h"
#include "store/facility_store.h"
#include "store/place_price_store.h"
#include "store/region_store.h"

#include <string.h>

/* The rules of a price from the childcare section of the facility's
 * region (c may be NULL: no caps, no review). */
static void rules_of(const struct childcare_policy *c,
                     const struct place_price *p, struct place_price_rules *r)
{
	const struct childcare_class_rule *k = NULL;

	memset(r, 0, sizeof(*r));
	if (!c)
		return;
	if (p->kind == PRICE_CLASS)
		k = childcare_policy_class(
		    c, enum_lookup(&class_type_names, p->code));
	r->has_cap = k && k->has_fee_cap;
	r->cap_fen = k ? k->fee_cap_fen : 0;
	r->caps_bind_all = c->caps_bind_all;
	r->review_years = c->price_review_years;
}

static json_t *yuan(int64_t fen)
{
	char y[32];

	return json_string(subsidy_yuan(fen, y));
}

static json_t *price_json(const struct place_price *p)
{
	const char *mode = p->mode && *p->mode ? p->mode : NULL;

	return json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:I, s:o, s:b, s:s,"
	    " s:s, s:s}",
	    "id", (json_int_t)p->id, "facility_id", (json_int_t)p->facility_id,
	    "kind", place_price_kind_names[p->kind], "kind_name",
	    place_price_kind_label(p->kind), "code", p->code, "code_name",
	    place_price_code_label(p->kind, p->code), "mode", mode, "mode_name",
	    mode ? place_price_mode_label(mode) : NULL, "amount_fen",
	    (json_int_t)p->amount_fen, "amount_yuan", yuan(p->amount_fen),
	    "affordable", p->affordable, "effective_date", p->effective_date,
	    "basis", p->basis ? p->basis : "", "recorded_at", p->recorded_at);
}

/* The flags of p in force on as_of, set on o; returns whether any. */
static int add_flags(json_t *o, const struct place_price *p,
                     const struct childcare_policy *c, const char *as_of)
{
	struct place_price_rules r;
	struct place_price_flags fl;

	rules_of(c, p, &r);
	place_price_check(p, &r, as_of, &fl);
	json_object_set_new(
	    o, "flags",
	    json_pack(
	        "{s:b, s:o, s:o, s:b, s:s?, s:s?}", "over_cap", fl.over_cap,
	        "cap_yuan", r.has_cap ? yuan(r.cap_fen) : json_null(),
	        "excess_yuan", fl.over_cap ? yuan(fl.excess_fen) : json_null(),
	        "review_due", fl.review_due, "review_due_on",
	        fl.review_due_on[0] ? fl.review_due_on : NULL, "cap_source",
	        r.has_cap && c ? childcare_policy_class(
	                             c, enum_lookup(&class_type_names, p->code))
	                             ->fee_cap_source
	                       : NULL));
	return fl.over_cap || fl.review_due;
}

/* A facility the caller may see (others are "not found"). */
static int load_visible(struct app_ctx *ctx, long long id, const char *as_of,
                        struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, as_of, f, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, f->region, f->id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", id);
	return 0;
}

static const char *body_text(json_t *body, const char *name)
{
	json_t *v = json_object_get(body, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Reads and checks the body into p; errors name the field. */
static int read_price(struct app_ctx *ctx, const struct facility *f,
                      json_t *body, struct place_price *p)
{
	static const char *const allowed[] = { "kind",       "code",
		                               "mode",       "amount_yuan",
		                               "affordable", "effective_date",
		                               "basis",      NULL };
	const char *kind = body_text(body, "kind"),
	           *code = body_text(body, "code"),
	           *mode = body_text(body, "mode"),
	           *amount = body_text(body, "amount_yuan"),
	           *from = body_text(body, "effective_date");
	json_t *aff = json_object_get(body, "affordable"),
	       *basis = json_object_get(body, "basis");
	struct lx_date d;

	if (body_only(body, allowed, &ctx->err))
		return -1;
	memset(p, 0, sizeof(*p));
	p->facility_id = f->id;
	p->kind = place_price_kind_parse(kind);
	if (p->kind < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "'kind' must be bed, care or class");
	if (!place_price_kind_fits(p->kind, f->kind))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "a %s does not post %s prices",
		               facility_kind_names.labels_zh[f->kind], kind);
	if (!place_price_code_label(p->kind, code))
		return lx_fail(
		    &ctx->err, LX_EINVALID, "code",
		    p->kind == PRICE_BED ? "a bed price's 'code' is "
		                           "standard or nursing"
		    : p->kind == PRICE_CARE
		        ? "a care price's 'code' is selfcare, partly "
		          "or disabled"
		        : "a class price's 'code' is a class type "
		          "(infant, toddler_small, toddler_large, "
		          "mixed)");
	p->code = code;
	if (p->kind == PRICE_CLASS ? !place_price_mode_label(mode)
	                           : mode && *mode)
		return lx_fail(&ctx->err, LX_EINVALID, "mode",
		               p->kind == PRICE_CLASS
		                   ? "a class price's 'mode' is full_day or "
		                     "half_day"
		                   : "only class prices have a 'mode'");
	p->mode = p->kind == PRICE_CLASS ? mode : "";
	if (!amount || subsidy_yuan_parse(amount, &p->amount_fen))
		return lx_fail(&ctx->err, LX_EINVALID, "amount_yuan",
		               "'amount_yuan' is a month's price in yuan "
		               "written as text with at most two decimals, "
		               "such as \"2200\" or \"1850.50\"");
	if (aff && !json_is_boolean(aff))
		return lx_fail(&ctx->err, LX_EINVALID, "affordable",
		               "'affordable' is true or false");
	p->affordable = json_is_true(aff);
	if (!from)
		return lx_fail(&ctx->err, LX_EINVALID, "effective_date",
		               "'effective_date' (YYYY-MM-DD) is required");
	if (date_parse_field(from, &d, &ctx->err, "effective_date"))
		return -1;
	date_format(d, p->effective_date);
	if (basis && !json_is_string(basis))
		return lx_fail(&ctx->err, LX_EINVALID, "basis",
		               "'basis' is text");
	p->basis = basis ? json_string_value(basis) : "";
	if (strlen(p->basis) > 500)
		return lx_fail(&ctx->err, LX_EINVALID, "basis",
		               "'basis' is at most 500 bytes");
	snprintf(p->recorded_at, sizeof(p->recorded_at), "%s", ctx->now);
	return 0;
}

struct add {
	struct place_price p;
	const struct childcare_policy *c;
	json_t *out;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;

	if (place_price_store_add(ctx->db, &x->p, ctx->who->account_id,
	                          &ctx->err))
		return -1;
	x->out = price_json(&x->p);
	add_flags(x->out, &x->p, x->c, ctx->today);
	return app_audit(ctx, "create", "facility_price",
	                 arena_printf(ctx->arena, "%lld", x->p.id), NULL,
	                 x->out);
}

json_t *app_place_price_add(struct app_ctx *ctx, long long facility,
                            json_t *body)
{
	struct facility f;
	struct policy_view view;
	struct add x = { 0 };

	if (load_visible(ctx, facility, NULL, &f))
		return NULL;
	if (!principal_may_write_facility(ctx->who, f.region, f.id))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "you may not post prices for facility %lld",
		               facility),
		       NULL;
	if (read_price(ctx, &f, body, &x.p) ||
	    app_policy_view(ctx, f.region, &view))
		return NULL;
	x.c = view.childcare;
	if (app_transaction(ctx, add_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

json_t *app_place_price_history(struct app_ctx *ctx, long long facility,
                                json_t *params)
{
	static const char *const allowed[] = { "as_of", NULL };
	struct facility f;
	struct policy_view view;
	struct place_price *h, *now;
	size_t nh, nn;
	const char *as_of;
	json_t *hist, *force;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    load_visible(ctx, facility, NULL, &f) ||
	    app_policy_view(ctx, f.region, &view))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	if (place_price_store_history(ctx->db, ctx->arena, facility, &h, &nh,
	                              &ctx->err) ||
	    place_price_store_in_force(ctx->db, ctx->arena, NULL, facility,
	                               as_of, &now, &nn, &ctx->err))
		return NULL;
	hist = json_array();
	for (size_t i = 0; i < nh; i++)
		json_array_append_new(hist, price_json(&h[i]));
	force = json_array();
	for (size_t i = 0; i < nn; i++) {
		json_t *o = price_json(&now[i]);

		add_flags(o, &now[i], view.childcare, as_of);
		json_array_append_new(force, o);
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "facility_id",
	                 (json_int_t)f.id, "facility_name", f.name, "kind",
	                 facility_kind_names.names[f.kind], "as_of", as_of,
	                 "in_force", force, "history", hist);
}

/* The region asked for, narrowed to the caller's scope (as the vacancy
 * report does). */
static int scope_region(struct app_ctx *ctx, json_t *params,
                        const char **region)
{
	const char *r, *scope = ctx->who->region;

	if (param_region(params, "region", &r, &ctx->err))
		return -1;
	if (!r) {
		*region =
		    scope[0] && ctx->who->role != ROLE_OPERATOR ? scope : NULL;
		return 0;
	}
	if (!region_store_exists(ctx->db, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", r);
	if (scope[0] && region_code_is_within(scope, r))
		r = scope;
	else if (!principal_sees_region(ctx->who, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", r);
	*region = r;
	return 0;
}

static const struct facility *find_facility(const struct facility *v, size_t n,
                                            long long id)
{
	/* v is ordered by id */
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

json_t *app_place_prices(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "as_of", "flagged",
		                               NULL };
	struct facility_query q = { .today = ctx->today,
		                    .status = FSTATUS_OPEN,
		                    .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .sort = "id" };
	struct facility *v;
	struct place_price *p;
	size_t n, np;
	long long total, nflagged = 0;
	long flagged;
	const char *policy_region = NULL;
	const struct childcare_policy *c = NULL;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    scope_region(ctx, params, &q.region) ||
	    param_date(params, "as_of", &q.as_of, &ctx->err) ||
	    param_long(params, "flagged", 0, 0, 1, &flagged, &ctx->err))
		return NULL;
	if (!q.as_of)
		q.as_of = ctx->today;
	if (ctx->who->role == ROLE_OPERATOR) {
		q.only_ids = 1;
		q.ids = ctx->who->facilities;
		q.nids = ctx->who->nfacilities;
	}
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err) ||
	    place_price_store_in_force(ctx->db, ctx->arena, q.region, 0,
	                               q.as_of, &p, &np, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < np; i++) {
		const struct facility *f =
		    find_facility(v, n, p[i].facility_id);
		json_t *o;

		if (!f)
			continue; /* closed that day, or not the operator's */
		/* the nearest policy of the facility's region; prices come
		 * ordered by facility, so a region is looked up once in a
		 * row */
		if (!policy_region || strcmp(policy_region, f->region)) {
			struct policy_view view;

			if (app_policy_view(ctx, f->region, &view)) {
				json_decref(items);
				return NULL;
			}
			c = view.childcare;
			policy_region = f->region;
		}
		o = price_json(&p[i]);
		if (!add_flags(o, &p[i], c, q.as_of) && flagged) {
			json_decref(o);
			continue;
		}
		nflagged += json_is_true(json_object_get(
		                json_object_get(o, "flags"), "over_cap")) ||
		            json_is_true(json_object_get(
		                json_object_get(o, "flags"), "review_due"));
		json_object_set_new(o, "facility_name", json_string(f->name));
		json_object_set_new(o, "region", json_string(f->region));
		json_object_set_new(o, "region_name",
		                    f->region_name ? json_string(f->region_name)
		                                   : json_null());
		json_array_append_new(items, o);
	}
	return json_pack("{s:s?, s:s, s:o, s:I}", "region", q.region, "as_of",
	                 q.as_of, "items", items, "flagged",
	                 (json_int_t)nflagged);
}
