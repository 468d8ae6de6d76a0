/* Paying for an order with time-bank minutes (app/service_pay.h): only
 * as a service, never in cash, for the holder or the volunteer's spouse
 * or lineal kin of the policy's age; the oldest minutes first, each
 * traced to the service that earned it (app/service_timebank_ledger.c). */
#include "app/service_pay.h"

#include "app/service_timebank_ledger.h"
#include "app/service_timebank_policy.h"
#include "app/service_volunteers.h"
#include "core/person.h"
#include "store/person_store.h"
#include "store/service_offer_store.h"
#include "store/service_timebank_store.h"

#include <stdio.h>
#include <string.h>

struct redeem {
	long long account, person, minutes, order;
};

/* Who may spend an account's minutes: an official who sees the holder
 * (acting at the holder's request), or a family account linked to the
 * holder's own person record. Anyone else, and a visitor ordering on a
 * person's behalf, may not: the minutes are the holder's. 1, 0, -1. */
static int may_spend(struct app_ctx *ctx, const struct tb_account_row *t)
{
	const struct principal *w = ctx->who;
	char *relation = NULL;

	if (principal_is_official(w) || w->role == ROLE_TOWNSHIP ||
	    w->role == ROLE_DEPT_OFFICIAL)
		return app_volunteer_in_scope(ctx, t->region, t->facility_id);
	if (w->role != ROLE_FAMILY || !t->holder_person)
		return 0;
	if (service_link_store_relation(ctx->db, ctx->arena, w->account_id,
	                                t->holder_person, &relation, &ctx->err))
		return -1;
	return relation != NULL;
}

static int redeem_in_tx(struct app_ctx *ctx, void *arg)
{
	struct redeem *x = arg;
	struct tb_account_row t;
	const struct timebank_policy *p;
	struct timebank_beneficiary b = { 0 };
	struct timebank_lot *take;
	size_t ntake;
	long long entry;
	char *item, region[13];
	int rc;

	if (tb_store_account_get(ctx->db, ctx->arena, x->account, &t,
	                         &ctx->err) ||
	    tb_store_order_item(ctx->db, ctx->arena, x->order, &item, region,
	                        &ctx->err)) {
		if (ctx->err.code == LX_ENOTFOUND)
			goto not_yours;
		snprintf(ctx->err.field, sizeof(ctx->err.field),
		         "payment.timebank");
		return -1;
	}
	/* one answer for an account that is not there and one that is not
	 * the orderer's to spend: an id tells nothing of another's hours */
	if ((rc = may_spend(ctx, &t)) < 0)
		return -1;
	if (!rc)
		goto not_yours;
	if (!(p = tb_policy_for(ctx, t.region, "payment.timebank")))
		return -1;
	if (!timebank_policy_redeems(p, item))
		return lx_fail(&ctx->err, LX_EINVALID, "payment.timebank",
		               "time-bank hours do not pay for this service");
	b.is_holder = t.holder_person && t.holder_person == x->person;
	if (!b.is_holder && t.volunteer_id) {
		char relation[16];
		struct person per;

		rc = tb_store_kin_of(ctx->db, t.volunteer_id, x->person,
		                     relation, &ctx->err);
		if (rc < 0)
			return -1;
		b.is_kin = rc;
		b.relation_counts = rc && timebank_policy_kin(p, relation);
		b.age = -1;
		if (rc && !person_store_get(ctx->db, ctx->arena, x->person,
		                            &per, NULL))
			b.age = person_age_on(per.birth_date, ctx->today);
	}
	if (!timebank_may_benefit(&b, p->kin_min_age))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "payment.timebank",
		               "these hours serve only the holder or the "
		               "volunteer's spouse or lineal kin aged %d or "
		               "over",
		               p->kin_min_age);
	rc = tb_move_out(ctx, x->account, x->minutes, "redeem", x->order, 0,
	                 &entry, &take, &ntake);
	if (rc > 0)
		return lx_fail(&ctx->err, LX_ECONFLICT, "payment.timebank",
		               "the time-bank account holds fewer than %lld "
		               "minutes",
		               x->minutes);
	return rc;
not_yours:
	return lx_fail(&ctx->err, LX_EFORBIDDEN, "payment.timebank",
	               "this time-bank account is not one you may pay "
	               "from");
}

int app_timebank_redeem(struct app_ctx *ctx, long long account_id,
                        long long person_id, long long minutes,
                        long long order_id)
{
	struct redeem x = { account_id, person_id, minutes, order_id };

	if (minutes <= 0 || minutes > TIMEBANK_MINUTES_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "payment.timebank",
		               "the minutes to redeem must be a positive whole "
		               "number");
	return app_transaction(ctx, redeem_in_tx, &x);
}

static int release_in_tx(struct app_ctx *ctx, void *arg)
{
	long long order = *(long long *)arg;
	struct tb_entry_row e;
	struct tb_trace_row *tr;
	struct timebank_lot *back;
	size_t n;
	int rc = tb_store_order_redeemed(ctx->db, ctx->arena, order, &e, &tr,
	                                 &n, &ctx->err);

	if (rc <= 0)
		return rc;
	back = arena_alloc(ctx->arena, (n + 1) * sizeof(*back));
	for (size_t i = 0; i < n; i++) {
		back[i].service_id = tr[i].service_id;
		back[i].minutes = -tr[i].minutes;
	}
	/* the same services' minutes go back; a refund is not capped: the
	 * account held them before the order, and cancelling must work */
	return tb_move_in(ctx, e.account_id, back, n, "refund", order, 0, 0);
}

int app_timebank_release(struct app_ctx *ctx, long long order_id)
{
	return app_transaction(ctx, release_in_tx, &order_id);
}
