#include "app/service_offers.h"

#include "app/params.h"
#include "app/service_catalogue.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/region_code.h"
#include "core/service_order.h"
#include "store/facility_store.h"
#include "store/region_store.h"
#include "store/service_offer_store.h"

#include <stdio.h>
#include <string.h>

static json_t *offer_json(struct app_ctx *ctx, const struct service_policy *p,
                          const struct service_offer_row *o)
{
	const struct service_item *it = service_policy_item(p, o->item);

	(void)ctx;
	return json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s?,"
	    " s:s}",
	    "id", (json_int_t)o->id, "facility_id", (json_int_t)o->facility_id,
	    "facility_name", o->facility_name ? o->facility_name : "", "item",
	    o->item, "item_name", it ? it->name : o->item, "unit",
	    it ? service_unit_name((enum service_unit)it->unit) : "",
	    "unit_label",
	    it ? service_unit_label_zh((enum service_unit)it->unit) : "",
	    "price_fen", (json_int_t)o->price_fen, "area", o->area, "area_name",
	    o->area_name ? o->area_name : "", "valid_from", o->valid_from,
	    "valid_to", o->valid_to[0] ? o->valid_to : NULL, "note",
	    o->note ? o->note : "");
}

struct add {
	struct service_offer_row o;
	char closed_to[11];
	const struct service_policy *p;
	json_t *out;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;
	struct service_offer_row after;

	if (service_offer_store_add(ctx->db, &x->o, x->closed_to, &ctx->err) ||
	    service_offer_store_get(ctx->db, ctx->arena, x->o.id, &after,
	                            &ctx->err))
		return -1;
	x->out = offer_json(ctx, x->p, &after);
	if (app_audit(ctx, "create", "service_offer",
	              arena_printf(ctx->arena, "%lld", x->o.id), NULL,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

json_t *app_service_offer_add(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "facility_id", "item",
		                            "price_fen",   "area",
		                            "valid_from",  "note",
		                            NULL };
	struct add x = { 0 };
	struct facility f;
	const struct service_item *it;
	const char *item, *area, *from, *note;
	json_t *v;
	long long fid;
	struct lx_date d;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	v = json_object_get(body, "facility_id");
	if (!json_is_integer(v) || (fid = json_integer_value(v)) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "give the facility ('facility_id', its id)"),
		       NULL;
	if (facility_store_get(ctx->db, ctx->arena, fid, NULL, &f, NULL) ||
	    !principal_sees_facility(ctx->who, f.region, fid))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "facility_id",
		               "no facility %lld", fid),
		       NULL;
	if (!principal_may_write_facility(ctx->who, f.region, fid))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "facility_id",
		               "only the facility's operator or an official "
		               "over it offers its services"),
		       NULL;
	if (f.closed_on[0])
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "facility %lld closed on %s", fid, f.closed_on),
		       NULL;
	area = json_string_value(json_object_get(body, "area"));
	if (!area || !region_code_valid(area) ||
	    !region_store_exists(ctx->db, area))
		return lx_fail(&ctx->err, LX_EINVALID, "area",
		               "give the service area ('area', a region's "
		               "12-digit code)"),
		       NULL;
	if (!principal_sees_region(ctx->who, area))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "area",
		               "area '%s' is outside your region", area),
		       NULL;
	item = json_string_value(json_object_get(body, "item"));
	if (!(x.p = app_service_policy_for(ctx, area, "area")))
		return NULL;
	if (!(it = service_policy_item(x.p, item)))
		return lx_fail(&ctx->err, LX_EINVALID, "item",
		               "'%.40s' is not an item of the catalogue for "
		               "'%s'",
		               item ? item : "", area),
		       NULL;
	if (it->for_whom == SF_INFANT &&
	    !facility_kind_is_childcare((enum facility_kind)f.kind))
		return lx_fail(&ctx->err, LX_EINVALID, "item",
		               "'%s' is a childcare item: only a childcare "
		               "facility offers it",
		               it->name),
		       NULL;
	if (it->for_whom == SF_ELDERLY &&
	    facility_kind_is_childcare((enum facility_kind)f.kind))
		return lx_fail(&ctx->err, LX_EINVALID, "item",
		               "'%s' is an elderly-care item: a childcare "
		               "facility does not offer it",
		               it->name),
		       NULL;
	v = json_object_get(body, "price_fen");
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > SERVICE_PRICE_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "price_fen",
		               "the price is a whole number of fen from 0 to "
		               "%lld",
		               SERVICE_PRICE_MAX),
		       NULL;
	x.o.price_fen = json_integer_value(v);
	from = json_string_value(json_object_get(body, "valid_from"));
	if (json_object_get(body, "valid_from") && !from)
		return lx_fail(&ctx->err, LX_EINVALID, "valid_from",
		               "'valid_from' is a date, YYYY-MM-DD"),
		       NULL;
	if (!from)
		from = ctx->today;
	if (date_parse_field(from, &d, &ctx->err, "valid_from"))
		return NULL;
	note = json_string_value(json_object_get(body, "note"));
	if (json_object_get(body, "note") && (!note || strlen(note) > 500))
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "'note' is text of at most 500 bytes"),
		       NULL;
	date_format(date_from_days(date_to_days(d) - 1), x.closed_to);
	x.o.facility_id = fid;
	snprintf(x.o.item, sizeof(x.o.item), "%s", it->code);
	snprintf(x.o.area, sizeof(x.o.area), "%s", area);
	date_format(d, x.o.valid_from);
	x.o.note = (char *)(note ? note : "");
	x.o.created_by = ctx->who->account_id;
	x.o.created_at = ctx->now;
	if (app_transaction(ctx, add_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

json_t *app_service_offer_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "facility", "item",   "area",
		                               "on",       "serves", "region",
		                               NULL };
	struct service_offer_query q = { 0 };
	struct service_offer_row *v;
	const struct service_policy *p = NULL;
	const char *serves, *policy_region;
	long facility = 0;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "facility", 0, 0, 1L << 53, &facility,
	               &ctx->err) ||
	    param_date(params, "on", &q.on, &ctx->err) ||
	    param_region(params, "area", &q.area, &ctx->err) ||
	    param_region(params, "serves", &serves, &ctx->err) ||
	    param_region(params, "region", &q.region, &ctx->err))
		return NULL;
	q.facility_id = facility;
	q.item = param_str(params, "item");
	if (serves && !q.on)
		q.on = ctx->today;
	if (service_offer_store_list(ctx->db, ctx->arena, &q, &v, &n,
	                             &ctx->err))
		return NULL;
	/* names of items from the policy where the offers are: the served
	 * region's, else the caller's */
	policy_region = serves     ? serves
	                : q.area   ? q.area
	                : q.region ? q.region
	                           : ctx->who->region;
	if (policy_region && *policy_region)
		p = app_service_policy_for(ctx, policy_region, "region");
	lx_error_clear(&ctx->err);
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct service_policy *pp = p;

		if (serves && !region_code_is_within(serves, v[i].area))
			continue;
		if (!pp) {
			pp = app_service_policy_for(ctx, v[i].area, "area");
			lx_error_clear(&ctx->err);
		}
		json_array_append_new(items, offer_json(ctx, pp, &v[i]));
	}
	return json_pack("{s:o, s:I}", "items", items, "total",
	                 (json_int_t)json_array_size(items));
}
