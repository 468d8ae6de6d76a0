#include "app/service_orders.h"

#include "app/params.h"
#include "app/service_catalogue.h"
#include "app/service_order_view.h"
#include "app/service_pay.h"
#include "core/date.h"
#include "core/person.h"
#include "core/referral.h"
#include "core/region_code.h"
#include "core/service_order.h"
#include "store/person_store.h"
#include "store/service_offer_store.h"
#include "store/service_order_store.h"

#include <stdio.h>
#include <string.h>

enum { NOTE_MAX = 1000, MINUTES_MAX = 100000 };

/* An optional text member of at most max bytes. */
static int opt_text(struct app_ctx *ctx, json_t *body, const char *key,
                    size_t max, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return lx_fail(&ctx->err, LX_EINVALID, key, "'%s' must be text",
		               key);
	if (json_string_length(v) > max)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is longer than %zu bytes", key, max);
	*out = json_string_value(v);
	return 0;
}

/* A wished time, as the family states it: a date, or a date and a
 * local time "YYYY-MM-DDTHH:MM". */
static int wanted_ok(const char *s)
{
	struct lx_date d;
	char day[11];
	size_t n = strlen(s);

	if (n != 10 && n != 16)
		return 0;
	memcpy(day, s, 10);
	day[10] = 0;
	if (date_parse(day, &d))
		return 0;
	if (n == 10)
		return 1;
	return s[10] == 'T' && s[11] >= '0' && s[11] <= '2' && s[12] >= '0' &&
	       s[12] <= '9' && (s[11] - '0') * 10 + (s[12] - '0') < 24 &&
	       s[13] == ':' && s[14] >= '0' && s[14] <= '5' && s[15] >= '0' &&
	       s[15] <= '9';
}

static int atoi_year(const char *day)
{
	int y = 0;

	for (int i = 0; i < 4; i++)
		y = y * 10 + (day[i] - '0');
	return y;
}

/* The categories the person holds today as a mask. */
static int held_mask(struct app_ctx *ctx, long long person, unsigned *mask)
{
	char **names;
	size_t n;

	*mask = 0;
	if (service_order_store_categories(ctx->db, ctx->arena, person,
	                                   ctx->today, &names, &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int c = enum_lookup(&person_category_names, names[i]);

		if (c >= 0)
			*mask |= 1u << c;
	}
	return 0;
}

/* One element of "payments", checked before anything is written. */
struct pay {
	int source; /* 1 entitlement, 2 voucher, 3 timebank */
	long long amount_fen, voucher_id, account_id, minutes;
};

static const char *const source_names[] = { "self", "entitlement", "voucher",
	                                    "timebank" };

static int pay_field(struct app_ctx *ctx, size_t i, const char *key,
                     const char *msg)
{
	return lx_fail(&ctx->err, LX_EINVALID,
	               arena_printf(ctx->arena, "payments[%zu]%s%s", i,
	                            *key ? "." : "", key),
	               "%s", msg);
}

static long long member_id(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) && json_integer_value(v) > 0
	           ? json_integer_value(v)
	           : -1;
}

static int read_payments(struct app_ctx *ctx, json_t *arr, int hourly,
                         long long unit_fen, struct pay *out, size_t *n)
{
	*n = 0;
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > 3)
		return lx_fail(&ctx->err, LX_EINVALID, "payments",
		               "'payments' is a list of at most three sources");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *e = json_array_get(arr, i);
		const char *src =
		    json_string_value(json_object_get(e, "source"));
		struct pay p = { 0 };
		const char *key;
		void *iter;

		if (!json_is_object(e))
			return pay_field(ctx, i, "",
			                 "each payment is an object");
		for (int s = 1; s < 4; s++)
			if (src && !strcmp(src, source_names[s]))
				p.source = s;
		if (!p.source)
			return pay_field(ctx, i, "source",
			                 "'source' is 'entitlement', 'voucher' "
			                 "or 'timebank'");
		for (size_t k = 0; k < *n; k++)
			if (out[k].source == p.source)
				return pay_field(ctx, i, "source",
				                 "each source pays once");
		for (iter = json_object_iter(e); iter;
		     iter = json_object_iter_next(e, iter)) {
			key = json_object_iter_key(iter);
			if (strcmp(key, "source") &&
			    !(p.source == 1 && !strcmp(key, "amount_fen")) &&
			    !(p.source == 2 && !strcmp(key, "voucher_id")) &&
			    !(p.source == 3 && (!strcmp(key, "account_id") ||
			                        !strcmp(key, "minutes"))))
				return pay_field(ctx, i, key,
				                 "not a field of this source");
		}
		if (p.source == 1 &&
		    (p.amount_fen = member_id(e, "amount_fen")) < 0)
			return pay_field(ctx, i, "amount_fen",
			                 "'amount_fen' is a positive whole "
			                 "number of fen");
		if (p.source == 2 &&
		    (p.voucher_id = member_id(e, "voucher_id")) < 0)
			return pay_field(ctx, i, "voucher_id",
			                 "give the voucher ('voucher_id')");
		if (p.source == 3) {
			if ((p.account_id = member_id(e, "account_id")) < 0)
				return pay_field(ctx, i, "account_id",
				                 "give the time-bank account "
				                 "('account_id')");
			if (!hourly)
				return pay_field(
				    ctx, i, "minutes",
				    "time-bank minutes pay only for "
				    "an item priced by the hour");
			if ((p.minutes = member_id(e, "minutes")) < 0 ||
			    p.minutes > MINUTES_MAX)
				return pay_field(
				    ctx, i, "minutes",
				    "'minutes' is a positive whole "
				    "number");
			p.amount_fen = service_minutes_fen(p.minutes, unit_fen);
		}
		out[(*n)++] = p;
	}
	return 0;
}

struct place {
	struct service_order_row o;
	struct pay pay[3];
	size_t npay;
	json_t *out;
};

/* Draws each source in turn; a refusal names the payment. */
static int draw(struct app_ctx *ctx, struct place *x, size_t i, long long left,
                struct service_payment_row *row)
{
	struct pay *p = &x->pay[i];
	int rc = 0;

	memset(row, 0, sizeof(*row));
	snprintf(row->source, sizeof(row->source), "%s",
	         source_names[p->source]);
	switch (p->source) {
	case 1:
		row->amount_fen = p->amount_fen;
		rc = app_entitlement_draw(ctx, x->o.person_id, x->o.item,
		                          ctx->today, p->amount_fen, x->o.id,
		                          &row->entitlement_id);
		break;
	case 2:
		row->voucher_id = p->voucher_id;
		rc = app_voucher_redeem(ctx, p->voucher_id, x->o.person_id,
		                        x->o.item, ctx->today, left, x->o.id,
		                        &row->amount_fen);
		break;
	default:
		row->minutes = p->minutes;
		row->timebank_account = p->account_id;
		row->amount_fen = p->amount_fen;
		rc = app_timebank_redeem(ctx, p->account_id, x->o.person_id,
		                         p->minutes, x->o.id);
		break;
	}
	if (rc) {
		/* the source's own code and message, the field the caller
		 * sent */
		snprintf(ctx->err.field, sizeof(ctx->err.field),
		         "payments[%zu]", i);
		return -1;
	}
	if (row->amount_fen < 0 || row->amount_fen > left)
		return lx_fail(&ctx->err, LX_EINVALID,
		               arena_printf(ctx->arena, "payments[%zu]", i),
		               "the payments come to more than the order's "
		               "total");
	return 0;
}

static int place_in_tx(struct app_ctx *ctx, void *arg)
{
	struct place *x = arg;
	struct service_payment_row row, self = { .source = "self" };
	struct service_order_row after;
	long long left;
	size_t order[3], k = 0;

	if (service_order_store_add(ctx->db, &x->o, &ctx->err))
		return -1;
	left = x->o.total_fen;
	/* fixed amounts first, the voucher (which pays up to what is left)
	 * last */
	for (size_t i = 0; i < x->npay; i++)
		if (x->pay[i].source != 2)
			order[k++] = i;
	for (size_t i = 0; i < x->npay; i++)
		if (x->pay[i].source == 2)
			order[k++] = i;
	for (size_t j = 0; j < k; j++) {
		if (draw(ctx, x, order[j], left, &row) ||
		    service_payment_store_add(ctx->db, x->o.id, &row,
		                              &ctx->err))
			return -1;
		left -= row.amount_fen;
	}
	self.amount_fen = left;
	if (service_payment_store_add(ctx->db, x->o.id, &self, &ctx->err) ||
	    service_order_store_get(ctx->db, ctx->arena, x->o.id, &after,
	                            &ctx->err) ||
	    !(x->out = service_order_json(ctx, &after, 1)))
		return -1;
	if (app_audit(ctx, "create", "service_order",
	              arena_printf(ctx->arena, "%lld", x->o.id), NULL,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

/* The offer the order goes to: the one named, or the cheapest in force
 * today serving the person's region (of the facility when named). */
static int pick_offer(struct app_ctx *ctx, json_t *body,
                      const struct service_item *it, const char *region,
                      struct service_offer_row *out)
{
	long long offer = member_id(body, "offer_id");
	long long facility = member_id(body, "facility_id");
	struct service_offer_query q = { 0 };
	struct service_offer_row *v;
	size_t n;
	int best = -1;

	if (json_object_get(body, "offer_id") && offer < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "offer_id",
		               "'offer_id' is an offer's id");
	if (json_object_get(body, "facility_id") && facility < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "'facility_id' is a facility's id");
	if (offer > 0) {
		if (service_offer_store_get(ctx->db, ctx->arena, offer, out,
		                            NULL) ||
		    strcmp(out->item, it->code))
			return lx_fail(&ctx->err, LX_EINVALID, "offer_id",
			               "no offer %lld of '%s'", offer,
			               it->name);
		if (strcmp(out->valid_from, ctx->today) > 0 ||
		    (out->valid_to[0] &&
		     strcmp(out->valid_to, ctx->today) < 0) ||
		    (out->facility_closed_on[0] &&
		     strcmp(out->facility_closed_on, ctx->today) <= 0))
			return lx_fail(&ctx->err, LX_EINVALID, "offer_id",
			               "offer %lld is not in force today",
			               offer);
		if (!region_code_is_within(region, out->area))
			return lx_fail(&ctx->err, LX_EINVALID, "offer_id",
			               "offer %lld does not serve the person's "
			               "village",
			               offer);
		return 0;
	}
	q.item = it->code;
	q.on = ctx->today;
	q.facility_id = facility > 0 ? facility : 0;
	if (service_offer_store_list(ctx->db, ctx->arena, &q, &v, &n,
	                             &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (region_code_is_within(region, v[i].area) &&
		    (best < 0 || v[i].price_fen < v[best].price_fen))
			best = (int)i;
	if (best < 0)
		return lx_fail(&ctx->err, LX_EINVALID,
		               facility > 0 ? "facility_id" : "item",
		               "no provider offers '%s' where the person lives",
		               it->name);
	*out = v[best];
	return 0;
}

json_t *app_service_order_place(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"person_id", "item",    "quantity", "offer_id", "facility_id",
		"wanted_at", "address", "note",     "payments", NULL
	};
	struct place x = { 0 };
	struct service_offer_row offer;
	const struct service_policy *pol;
	const struct service_item *it;
	struct person p;
	const char *wanted, *address, *note, *item;
	char *relation = NULL;
	long long person, quantity = 1, paid = 0;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if ((person = member_id(body, "person_id")) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "give the person ('person_id', their id)"),
		       NULL;
	/* a person the caller may not order for is "no such person", so
	 * that the registry's contents do not leak */
	if (person_store_get(ctx->db, ctx->arena, person, &p, NULL))
		goto unknown;
	if (ctx->who->role == ROLE_FAMILY) {
		if (service_link_store_relation(ctx->db, ctx->arena,
		                                ctx->who->account_id, person,
		                                &relation, &ctx->err))
			return NULL;
		if (!relation)
			goto unknown;
		snprintf(x.o.placed_as, sizeof(x.o.placed_as), "%s",
		         strcmp(relation, "本人") ? "family" : "self");
	} else if (ctx->who->role == ROLE_VISITOR) {
		if (!principal_covers_area(ctx->who, p.region))
			goto unknown;
		strcpy(x.o.placed_as, "visitor");
	} else if (service_official_over(ctx->who, p.region)) {
		strcpy(x.o.placed_as, "official");
	} else if (ctx->who->role == ROLE_OPERATOR ||
	           ctx->who->role == ROLE_READONLY) {
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "orders are placed by the family, a visitor or "
		               "an official"),
		       NULL;
	} else {
		goto unknown;
	}
	if (p.deceased_on[0])
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "person %lld died on %s", person, p.deceased_on),
		       NULL;
	if (!(pol = app_service_policy_for(ctx, p.region, "person_id")))
		return NULL;
	item = json_string_value(json_object_get(body, "item"));
	if (!(it = service_policy_item(pol, item)))
		return lx_fail(&ctx->err, LX_EINVALID, "item",
		               "'%.40s' is not an item of the catalogue where "
		               "the person lives",
		               item ? item : ""),
		       NULL;
	if ((it->for_whom == SF_INFANT) != !strcmp(p.kind, "infant"))
		return lx_fail(&ctx->err, LX_EINVALID, "item", "'%s' is for %s",
		               it->name,
		               it->for_whom == SF_INFANT ? "infants"
		                                         : "elderly persons"),
		       NULL;
	if (it->for_whom == SF_ELDERLY) {
		unsigned mask;

		if (held_mask(ctx, person, &mask))
			return NULL;
		if (category_rule_match(
		        &it->who, mask,
		        person_age_on(p.birth_date, ctx->today)) < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "item",
			               "the person is not one '%s' is for (%s)",
			               it->name, app_service_who_zh(ctx, it)),
			       NULL;
	}
	v = json_object_get(body, "quantity");
	if (v &&
	    (!json_is_integer(v) || (quantity = json_integer_value(v)) < 1 ||
	     quantity > SERVICE_ORDER_QUANTITY_MAX))
		return lx_fail(&ctx->err, LX_EINVALID, "quantity",
		               "'quantity' is a whole number from 1 to %d",
		               SERVICE_ORDER_QUANTITY_MAX),
		       NULL;
	if (opt_text(ctx, body, "wanted_at", 16, &wanted) ||
	    opt_text(ctx, body, "address", 500, &address) ||
	    opt_text(ctx, body, "note", NOTE_MAX, &note))
		return NULL;
	if (wanted && *wanted && !wanted_ok(wanted))
		return lx_fail(&ctx->err, LX_EINVALID, "wanted_at",
		               "'wanted_at' is a date, or a date and time "
		               "YYYY-MM-DDTHH:MM"),
		       NULL;
	if (pick_offer(ctx, body, it, p.region, &offer))
		return NULL;
	if (service_order_total(quantity, offer.price_fen, &x.o.total_fen,
	                        &ctx->err))
		return NULL;
	if (read_payments(ctx, json_object_get(body, "payments"),
	                  it->unit == SU_HOUR, offer.price_fen, x.pay, &x.npay))
		return NULL;
	for (size_t i = 0; i < x.npay; i++) {
		/* each part at most the total, so that the sum cannot
		 * overflow; minutes at most the hours ordered */
		if (x.pay[i].amount_fen > x.o.total_fen)
			return pay_field(ctx, i,
			                 x.pay[i].source == 3 ? "minutes"
			                                      : "amount_fen",
			                 "more than the order's total"),
			       NULL;
		if (x.pay[i].source == 3 && x.pay[i].minutes > quantity * 60)
			return pay_field(ctx, i, "minutes",
			                 "more minutes than the hours ordered"),
			       NULL;
		paid += x.pay[i].amount_fen;
	}
	if (paid > x.o.total_fen)
		return lx_fail(&ctx->err, LX_EINVALID, "payments",
		               "the payments (%lld fen) come to more than the "
		               "order's total (%lld fen)",
		               paid, x.o.total_fen),
		       NULL;
	x.o.person_id = person;
	snprintf(x.o.region, sizeof(x.o.region), "%s", p.region);
	x.o.offer_id = offer.id;
	x.o.facility_id = offer.facility_id;
	snprintf(x.o.item, sizeof(x.o.item), "%s", it->code);
	x.o.quantity = quantity;
	x.o.unit_fen = offer.price_fen;
	x.o.placed_by = ctx->who->account_id;
	x.o.relation = relation;
	x.o.wanted_at = (char *)(wanted ? wanted : "");
	x.o.address = (char *)(address ? address : "");
	x.o.note = (char *)(note ? note : "");
	x.o.year = atoi_year(ctx->today);
	x.o.created_at = ctx->now;
	if (app_transaction(ctx, place_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
unknown:
	return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id", "no person %lld",
	               person),
	       NULL;
}

struct take {
	long long id;
	enum service_order_step step;
	const char *from, *to, *note;
	struct service_order_change c;
	int release; /* give back what the payments drew */
	json_t *before, *out;
};

/* Gives back every source that paid the order, then marks the rows. */
static int release_all(struct app_ctx *ctx, long long id)
{
	struct service_payment_row *v;
	size_t n;

	if (service_payment_store_list(ctx->db, ctx->arena, id, &v, &n,
	                               &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int rc = 0;

		if (v[i].released)
			continue;
		if (!strcmp(v[i].source, "entitlement"))
			rc = app_entitlement_release(ctx, id);
		else if (!strcmp(v[i].source, "voucher"))
			rc = app_voucher_release(ctx, id);
		else if (!strcmp(v[i].source, "timebank"))
			rc = app_timebank_release(ctx, id);
		if (rc)
			return -1;
	}
	return service_payment_store_release(ctx->db, id, &ctx->err);
}

static int take_in_tx(struct app_ctx *ctx, void *arg)
{
	struct take *x = arg;
	struct service_order_row after;

	if (service_order_store_step(ctx->db, x->id, x->from, x->to, &x->c,
	                             ctx->who->account_id, ctx->now, x->note,
	                             &ctx->err))
		return -1;
	if (x->release && release_all(ctx, x->id))
		return -1;
	if (service_order_store_get(ctx->db, ctx->arena, x->id, &after,
	                            &ctx->err) ||
	    !(x->out = service_order_json(ctx, &after, 1)))
		return -1;
	if (app_audit(ctx, service_order_step_name(x->step), "service_order",
	              arena_printf(ctx->arena, "%lld", x->id), x->before,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

/* The "at" member: a UTC moment, the server's clock when absent. */
static int moment(struct app_ctx *ctx, json_t *body, int required,
                  const char **out, long long *t)
{
	const char *s = json_string_value(json_object_get(body, "at"));
	char *norm;

	if (!json_object_get(body, "at") ||
	    json_is_null(json_object_get(body, "at"))) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, "at",
			               "give the time ('at', "
			               "YYYY-MM-DDTHH:MM:SSZ)");
		*out = ctx->now;
		referral_time_parse(ctx->now, t);
		return 0;
	}
	if (!s || referral_time_parse(s, t))
		return lx_fail(&ctx->err, LX_EINVALID, "at",
		               "'at' is a UTC moment, YYYY-MM-DDTHH:MM:SSZ");
	norm = arena_alloc(ctx->arena, 21);
	referral_time_format(*t, norm);
	*out = norm;
	return 0;
}

static int coords(struct app_ctx *ctx, json_t *body, const char **lat,
                  const char **lon)
{
	json_t *a = json_object_get(body, "lat"),
	       *o = json_object_get(body, "lon");

	*lat = *lon = NULL;
	if (!a && !o)
		return 0;
	if (!a || !o)
		return lx_fail(&ctx->err, LX_EINVALID, a ? "lon" : "lat",
		               "give both 'lat' and 'lon', or neither");
	*lat = json_string_value(a);
	*lon = json_string_value(o);
	if (!*lat || service_coord_check(*lat, 90))
		return lx_fail(&ctx->err, LX_EINVALID, "lat",
		               "'lat' is a latitude as decimal text, at most 7 "
		               "decimals, within ±90");
	if (!*lon || service_coord_check(*lon, 180))
		return lx_fail(
		    &ctx->err, LX_EINVALID, "lon",
		    "'lon' is a longitude as decimal text, at most 7 "
		    "decimals, within ±180");
	return 0;
}

/* The step's own members, checked against the order as it is. */
static int step_body(struct app_ctx *ctx, const struct service_order_row *o,
                     json_t *body, struct take *x)
{
	static const char *const k_plain[] = { "note", NULL };
	static const char *const k_schedule[] = { "at", "note", NULL };
	static const char *const k_check[] = { "at", "lat", "lon", "note",
		                               NULL };
	static const char *const k_rate[] = { "rating", "note", NULL };
	static const char *const k_cancel[] = { "reason", "note", NULL };
	const char *const *keys = k_plain;
	const char *at;
	long long t, now = 0, placed = 0, started = 0;
	json_t *v;

	switch (x->step) {
	case SO_SCHEDULE:
		keys = k_schedule;
		break;
	case SO_START:
	case SO_FINISH:
		keys = k_check;
		break;
	case SO_RATE:
		keys = k_rate;
		break;
	case SO_CANCEL:
		keys = k_cancel;
		break;
	default:
		break;
	}
	if (body_only(body, keys, &ctx->err) ||
	    opt_text(ctx, body, "note", NOTE_MAX, &x->note))
		return -1;
	referral_time_parse(ctx->now, &now);
	referral_time_parse(o->created_at, &placed);
	switch (x->step) {
	case SO_SCHEDULE:
		if (moment(ctx, body, 1, &at, &t))
			return -1;
		if (t < placed)
			return lx_fail(&ctx->err, LX_EINVALID, "at",
			               "the service is scheduled after the "
			               "order was placed (%s)",
			               o->created_at);
		x->c.scheduled_at = at;
		break;
	case SO_START:
	case SO_FINISH:
		if (moment(ctx, body, 0, &at, &t))
			return -1;
		/* check-in and check-out record what happened: never
		 * later than now */
		if (t > now)
			return lx_fail(&ctx->err, LX_EINVALID, "at",
			               "a check-%s time is not in the future",
			               x->step == SO_START ? "in" : "out");
		if (t < placed)
			return lx_fail(&ctx->err, LX_EINVALID, "at",
			               "the check-in is after the order was "
			               "placed (%s)",
			               o->created_at);
		if (x->step == SO_FINISH) {
			referral_time_parse(o->started_at, &started);
			if (t < started)
				return lx_fail(&ctx->err, LX_EINVALID, "at",
				               "the check-out is at or after "
				               "the check-in (%s)",
				               o->started_at);
			x->c.finished_at = at;
			if (coords(ctx, body, &x->c.finish_lat,
			           &x->c.finish_lon))
				return -1;
		} else {
			x->c.started_at = at;
			if (coords(ctx, body, &x->c.start_lat, &x->c.start_lon))
				return -1;
		}
		break;
	case SO_RATE:
		v = json_object_get(body, "rating");
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 5)
			return lx_fail(&ctx->err, LX_EINVALID, "rating",
			               "'rating' is a whole number from 1 to "
			               "5");
		x->c.rating = (int)json_integer_value(v);
		x->c.rating_note = x->note ? x->note : "";
		break;
	case SO_CANCEL:
		if (opt_text(ctx, body, "reason", NOTE_MAX,
		             &x->c.cancel_reason))
			return -1;
		if (!x->c.cancel_reason || !*x->c.cancel_reason)
			return lx_fail(&ctx->err, LX_EINVALID, "reason",
			               "a cancellation states its reason "
			               "('reason')");
		if (!x->note)
			x->note = x->c.cancel_reason;
		x->release = 1;
		break;
	default:
		break;
	}
	return 0;
}

json_t *app_service_order_step(struct app_ctx *ctx, long long id,
                               const char *step, json_t *body)
{
	struct take x = { .id = id };
	struct service_order_row o;
	int s = service_order_step_parse(step), from;

	if (s < 0)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "", "no step '%.20s'",
		               step ? step : ""),
		       NULL;
	x.step = (enum service_order_step)s;
	if (body && !json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (service_order_store_get(ctx->db, ctx->arena, id, &o, NULL) ||
	    !service_order_visible(ctx, &o))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no order %lld",
		               id),
		       NULL;
	from = service_order_status_parse(o.status);
	if (from < 0 || service_order_may(service_order_sides(ctx, &o),
	                                  (enum service_order_status)from,
	                                  x.step, &ctx->err))
		return NULL;
	if (step_body(ctx, &o, body, &x))
		return NULL;
	x.from = o.status;
	x.to = service_order_status_name(
	    (enum service_order_status)service_order_next(
	        (enum service_order_status)from, x.step));
	if (!(x.before = service_order_json(ctx, &o, 0)))
		return NULL;
	if (app_transaction(ctx, take_in_tx, &x)) {
		json_decref(x.before);
		json_decref(x.out);
		return NULL;
	}
	json_decref(x.before);
	return x.out;
}

json_t *app_service_order_get(struct app_ctx *ctx, long long id)
{
	struct service_order_row o;

	if (service_order_store_get(ctx->db, ctx->arena, id, &o, NULL) ||
	    !service_order_visible(ctx, &o))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no order %lld",
		               id),
		       NULL;
	return service_order_json(ctx, &o, 1);
}
