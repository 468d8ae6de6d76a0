#include "app/service_money_options.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/service_entitlement_policy.h"
#include "app/service_policy.h"
#include "app/service_voucher_policy.h"

static json_t *items_json(const struct policy_view *v, size_t n,
                          const char **codes)
{
	json_t *out = json_array();

	for (size_t i = 0; i < n; i++) {
		const struct service_item *it =
		    service_policy_item(v->services, codes[i]);

		json_array_append_new(out, json_pack("{ss ss}", "code",
		                                     codes[i], "name",
		                                     it ? it->name : codes[i]));
	}
	return out;
}

json_t *app_service_money_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;
	struct policy_view v;
	json_t *schemes = json_array(), *kinds = json_array();
	const struct entitlement_policy *e;
	const struct voucher_policy *k;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    app_policy_view(ctx, region, &v)) {
		json_decref(schemes);
		json_decref(kinds);
		return NULL;
	}
	e = v.entitlements;
	k = v.vouchers;
	for (size_t i = 0; e && i < e->nschemes; i++) {
		const struct entitlement_scheme *s = &e->schemes[i];

		json_array_append_new(
		    schemes,
		    json_pack("{ss ss sI so ss ss}", "id", s->id, "name",
		              s->name, "yearly_fen", (json_int_t)s->yearly_fen,
		              "items", items_json(&v, s->nitems, s->items),
		              "source", s->source, "note",
		              s->note ? s->note : ""));
	}
	for (size_t i = 0; k && i < k->nkinds; i++) {
		const struct voucher_kind *d = &k->kinds[i];

		json_array_append_new(
		    kinds,
		    json_pack("{ss ss sI sI sI so ss ss}", "id", d->id, "name",
		              d->name, "face_fen", (json_int_t)d->face_fen,
		              "min_order_fen", (json_int_t)d->min_order_fen,
		              "valid_days", (json_int_t)d->valid_days, "items",
		              items_json(&v, d->nitems, d->items), "source",
		              d->source, "note", d->note ? d->note : ""));
	}
	return json_pack("{ss ss* so so}", "region", region, "jurisdiction",
	                 v.jurisdiction, "schemes", schemes, "kinds", kinds);
}
