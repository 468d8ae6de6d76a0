/* The entitlement side of service_pay.h: an order draws on the person's
 * entitlement of the year whose scheme pays for the item, and gives back
 * what it drew when it is cancelled. The balance is guarded by the
 * store's conditional UPDATE, never by a check made here. */
#include "app/service_pay.h"

#include "app/policy.h"
#include "app/service_eligibility.h"
#include "app/service_entitlement_policy.h"
#include "core/service_entitlement.h"
#include "store/service_entitlement_store.h"

#include <stdio.h>
#include <string.h>

struct draw {
	long long person_id, fen, order_id;
	const char *item, *day;
	long long id; /* out */
};

static json_t *draw_json(const struct draw *d, long long id)
{
	return json_pack("{sI sI sI ss ss}", "entitlement_id", (json_int_t)id,
	                 "order_id", (json_int_t)d->order_id, "fen",
	                 (json_int_t)d->fen, "item", d->item, "day", d->day);
}

static int draw_in_tx(struct app_ctx *ctx, void *arg)
{
	struct draw *d = arg;
	struct service_view_cache cache = { 0 };
	struct entitlement_row *e, now;
	size_t n, ncand = 0;
	long long left = 0;
	int year = service_year_of(d->day), done;
	char y[32], y2[32], ids[24];
	json_t *after;

	if (entitlement_store_of_person(ctx->db, ctx->arena, d->person_id, year,
	                                &e, &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		/* the scheme as the policy of the region it was granted in
		 * states it */
		const struct policy_view *v =
		    service_view_of(ctx, &cache, e[i].region);
		const struct entitlement_scheme *s =
		    v ? entitlement_policy_scheme(v->entitlements, e[i].scheme)
		      : NULL;

		if (!entitlement_scheme_pays(s, d->item))
			continue;
		ncand++;
		if (entitlement_store_draw(ctx->db, e[i].id, d->fen, &done,
		                           &ctx->err))
			return -1;
		if (done) {
			d->id = e[i].id;
			snprintf(ids, sizeof(ids), "%lld", e[i].id);
			after = draw_json(d, e[i].id);
			done = app_audit(ctx, "draw", "entitlement", ids, NULL,
			                 after);
			json_decref(after);
			return done;
		}
		/* refused: the balance as it is now, after the refusal (the
		 * first read may be older than another order's draw) */
		if (entitlement_store_get(ctx->db, ctx->arena, e[i].id, &now,
		                          &ctx->err))
			return -1;
		if (service_balance(now.granted_fen, now.used_fen) > left)
			left = service_balance(now.granted_fen, now.used_fen);
	}
	if (!ncand)
		return lx_fail(&ctx->err, LX_EINVALID, "payment.entitlement",
		               "the person has no service entitlement for "
		               "'%s' in %d",
		               d->item, year);
	return lx_fail(&ctx->err, LX_ECONFLICT, "payment.entitlement",
	               "the service entitlement has %s yuan left, less than "
	               "the %s yuan asked",
	               service_yuan(left, y), service_yuan(d->fen, y2));
}

int app_entitlement_draw(struct app_ctx *ctx, long long person_id,
                         const char *item, const char *day, long long fen,
                         long long order_id, long long *entitlement_id)
{
	struct draw d = { person_id, fen, order_id, item, day, 0 };

	*entitlement_id = 0;
	if (fen <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "payment.entitlement",
		               "the amount drawn must be more than 0 fen");
	if (!item || !*item || service_year_of(day) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "payment.entitlement",
		               "give the item and the day (YYYY-MM-DD)");
	if (app_transaction(ctx, draw_in_tx, &d))
		return -1;
	*entitlement_id = d.id;
	return 0;
}

static int release_in_tx(struct app_ctx *ctx, void *arg)
{
	long long order_id = *(long long *)arg, id, fen;
	int found, done;
	char ids[24];
	json_t *after;

	if (entitlement_store_payment(ctx->db, order_id, &id, &fen, &found,
	                              &ctx->err))
		return -1;
	if (!found)
		return 0;
	/* the payment row is closed first and once: of two releases of
	 * one order, only the one that closed it gives the money back */
	if (entitlement_store_payment_release(ctx->db, order_id, &done,
	                                      &ctx->err))
		return -1;
	if (!done)
		return 0;
	if (fen > 0) {
		if (entitlement_store_give_back(ctx->db, id, fen, &done,
		                                &ctx->err))
			return -1;
		if (!done)
			return lx_fail(&ctx->err, LX_ECONFLICT,
			               "payment.entitlement",
			               "entitlement %lld has not %lld fen used "
			               "to give back",
			               id, fen);
	}
	snprintf(ids, sizeof(ids), "%lld", id);
	after = json_pack("{sI sI}", "order_id", (json_int_t)order_id, "fen",
	                  (json_int_t)fen);
	done = app_audit(ctx, "release", "entitlement", ids, NULL, after);
	json_decref(after);
	return done;
}

int app_entitlement_release(struct app_ctx *ctx, long long order_id)
{
	return app_transaction(ctx, release_in_tx, &order_id);
}
