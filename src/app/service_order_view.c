#include "app/service_order_view.h"

#include "app/service_catalogue.h"
#include "core/service_order.h"
#include "store/service_offer_store.h"

#include <string.h>

int service_official_over(const struct principal *p, const char *region)
{
	switch (p->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_DEPT_OFFICIAL:
	case ROLE_TOWNSHIP:
		return principal_sees_region(p, region);
	default:
		return 0;
	}
}

static int provides(const struct principal *p, long long facility)
{
	if (p->role != ROLE_OPERATOR)
		return 0;
	for (size_t i = 0; i < p->nfacilities; i++)
		if (p->facilities[i] == facility)
			return 1;
	return 0;
}

/* Whether the family account is linked to the person now: a link
 * removed ends what the account sees of the person, its own past orders
 * included. */
static int linked(struct app_ctx *ctx, long long person)
{
	char *relation = NULL;

	if (service_link_store_relation(ctx->db, ctx->arena,
	                                ctx->who->account_id, person, &relation,
	                                NULL))
		return 0;
	return relation != NULL;
}

unsigned service_order_sides(struct app_ctx *ctx,
                             const struct service_order_row *o)
{
	unsigned s = 0;

	if (o->placed_by && o->placed_by == ctx->who->account_id &&
	    (ctx->who->role != ROLE_FAMILY || linked(ctx, o->person_id)))
		s |= SO_SIDE_ORDERER;
	if (provides(ctx->who, o->facility_id))
		s |= SO_SIDE_PROVIDER;
	if (service_official_over(ctx->who, o->region))
		s |= SO_SIDE_OFFICIAL;
	return s;
}

int service_order_visible(struct app_ctx *ctx,
                          const struct service_order_row *o)
{
	if (service_order_sides(ctx, o))
		return 1;
	switch (ctx->who->role) {
	case ROLE_READONLY:
		return principal_sees_region(ctx->who, o->region);
	case ROLE_VISITOR:
		return principal_covers_area(ctx->who, o->region);
	case ROLE_FAMILY:
		return linked(ctx, o->person_id);
	default:
		return 0;
	}
}

static json_t *opt_text(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *steps_json(struct app_ctx *ctx, long long id)
{
	struct service_order_step_row *v;
	size_t n;
	json_t *a;

	if (service_order_store_steps(ctx->db, ctx->arena, id, &v, &n,
	                              &ctx->err))
		return NULL;
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		int s = service_order_status_parse(v[i].step);

		json_array_append_new(
		    a, json_pack("{s:i, s:s, s:s, s:s, s:s, s:s}", "seq",
		                 v[i].seq, "step", v[i].step, "step_zh",
		                 s < 0 ? v[i].step
		                       : service_order_status_zh(
		                             (enum service_order_status)s),
		                 "by", v[i].by_name ? v[i].by_name : "", "at",
		                 v[i].at, "note", v[i].note ? v[i].note : ""));
	}
	return a;
}

static json_t *payments_json(struct app_ctx *ctx, long long id)
{
	struct service_payment_row *v;
	size_t n;
	json_t *a;

	if (service_payment_store_list(ctx->db, ctx->arena, id, &v, &n,
	                               &ctx->err))
		return NULL;
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_pack("{s:s, s:I, s:b}", "source", v[i].source,
		                      "amount_fen", (json_int_t)v[i].amount_fen,
		                      "released", v[i].released);

		if (v[i].minutes)
			json_object_set_new(p, "minutes",
			                    json_integer(v[i].minutes));
		if (v[i].entitlement_id)
			json_object_set_new(p, "entitlement_id",
			                    json_integer(v[i].entitlement_id));
		if (v[i].voucher_id)
			json_object_set_new(p, "voucher_id",
			                    json_integer(v[i].voucher_id));
		if (v[i].timebank_account)
			json_object_set_new(
			    p, "account_id",
			    json_integer(v[i].timebank_account));
		json_array_append_new(a, p);
	}
	return a;
}

json_t *service_order_json(struct app_ctx *ctx,
                           const struct service_order_row *o, int with_detail)
{
	const struct service_policy *p =
	    app_service_policy_for(ctx, o->region, "region");
	const struct service_item *it =
	    p ? service_policy_item(p, o->item) : NULL;
	int st = service_order_status_parse(o->status);
	json_t *j;

	lx_error_clear(&ctx->err);
	j = json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:I,"
	    " s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)o->id, "person_id", (json_int_t)o->person_id,
	    "person_name", o->person_name ? o->person_name : "", "region",
	    o->region, "region_name", o->region_name ? o->region_name : "",
	    "facility_id", (json_int_t)o->facility_id, "facility_name",
	    o->facility_name ? o->facility_name : "", "item", o->item,
	    "item_name", it ? it->name : o->item, "unit_label",
	    it ? service_unit_label_zh((enum service_unit)it->unit) : "",
	    "quantity", (json_int_t)o->quantity, "unit_fen",
	    (json_int_t)o->unit_fen, "total_fen", (json_int_t)o->total_fen,
	    "placed_as", o->placed_as, "placed_by",
	    o->placed_by_name ? o->placed_by_name : "", "relation",
	    o->relation ? o->relation : "", "status", o->status, "status_zh",
	    st < 0 ? o->status
	           : service_order_status_zh((enum service_order_status)st),
	    "created_at", o->created_at);
	json_object_set_new(j, "offer_id", json_integer(o->offer_id));
	/* the unit's code beside its Chinese label: pages in English
	 * name the unit from the code */
	json_object_set_new(
	    j, "unit",
	    json_string(it ? service_unit_name((enum service_unit)it->unit)
	                   : ""));
	json_object_set_new(j, "wanted_at", opt_text(o->wanted_at));
	json_object_set_new(j, "scheduled_at", opt_text(o->scheduled_at));
	json_object_set_new(j, "started_at", opt_text(o->started_at));
	json_object_set_new(j, "finished_at", opt_text(o->finished_at));
	json_object_set_new(j, "start_lat", opt_text(o->start_lat));
	json_object_set_new(j, "start_lon", opt_text(o->start_lon));
	json_object_set_new(j, "finish_lat", opt_text(o->finish_lat));
	json_object_set_new(j, "finish_lon", opt_text(o->finish_lon));
	json_object_set_new(j, "rating",
	                    o->rating ? json_integer(o->rating) : json_null());
	json_object_set_new(j, "rating_note",
	                    json_string(o->rating_note ? o->rating_note : ""));
	json_object_set_new(
	    j, "cancel_reason",
	    json_string(o->cancel_reason ? o->cancel_reason : ""));
	json_object_set_new(j, "address",
	                    json_string(o->address ? o->address : ""));
	json_object_set_new(j, "note", json_string(o->note ? o->note : ""));
	json_object_set_new(j, "updated_at", json_string(o->updated_at));
	if (with_detail) {
		json_t *s = steps_json(ctx, o->id), *pay;

		if (!s) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, "steps", s);
		if (!(pay = payments_json(ctx, o->id))) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, "payments", pay);
	}
	return j;
}
