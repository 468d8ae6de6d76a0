/* The voucher side of service_pay.h: an order redeems one voucher of the
 * person, which pays its face value (at most what the order's other
 * sources leave), once; a cancelled order gives it back, usable again
 * while it is unexpired and counted as expired after. That a
 * voucher pays once is held by the store's conditional UPDATE. */
#include "app/service_pay.h"

#include "app/service_eligibility.h"
#include "core/service_voucher.h"
#include "store/service_order_store.h"
#include "store/service_voucher_store.h"

#include <stdio.h>

struct redeem {
	long long voucher_id, person_id, order_fen, order_id;
	const char *item, *day;
	long long fen; /* out */
};

static int refuse(struct app_ctx *ctx, enum service_voucher_verdict v,
                  const struct redeem *r, const struct voucher_row *row)
{
	char y[32];

	switch (v) {
	case SV_NOT_PERSON:
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "payment.voucher",
		               "voucher %lld is not the person's",
		               r->voucher_id);
	case SV_REDEEMED:
		return lx_fail(&ctx->err, LX_ECONFLICT, "payment.voucher",
		               "voucher %lld has paid for an order already",
		               r->voucher_id);
	case SV_NOT_YET:
		return lx_fail(&ctx->err, LX_EINVALID, "payment.voucher",
		               "voucher %lld is valid from %s", r->voucher_id,
		               row->batch.issued_on);
	case SV_EXPIRED:
		return lx_fail(&ctx->err, LX_EINVALID, "payment.voucher",
		               "voucher %lld expired on %s", r->voucher_id,
		               row->batch.expires_on);
	case SV_ITEM:
		return lx_fail(&ctx->err, LX_EINVALID, "payment.voucher",
		               "voucher %lld does not pay for '%s'",
		               r->voucher_id, r->item);
	case SV_MIN_ORDER:
		return lx_fail(&ctx->err, LX_EINVALID, "payment.voucher",
		               "voucher %lld needs an order of at least %s "
		               "yuan",
		               r->voucher_id,
		               service_yuan(row->batch.min_order_fen
		                                ? row->batch.min_order_fen
		                                : 1,
		                            y));
	default:
		return lx_fail(&ctx->err, LX_EINVALID, "payment.voucher",
		               "give the day (YYYY-MM-DD) and the order's "
		               "amount");
	}
}

static int redeem_in_tx(struct app_ctx *ctx, void *arg)
{
	struct redeem *r = arg;
	struct voucher_row v;
	struct service_voucher_facts f;
	struct service_order_row o;
	enum service_voucher_verdict verdict;
	int done;
	char ids[24];
	json_t *after;

	if (voucher_store_get(ctx->db, ctx->arena, r->voucher_id, &v,
	                      &ctx->err)) {
		ctx->err.code =
		    ctx->err.code == LX_ENOTFOUND ? LX_EINVALID : ctx->err.code;
		snprintf(ctx->err.field, sizeof(ctx->err.field), "%s",
		         "payment.voucher");
		return -1;
	}
	f.person_id = v.person_id;
	f.issued_on = v.batch.issued_on;
	f.expires_on = v.batch.expires_on;
	f.face_fen = v.batch.face_fen;
	f.min_order_fen = v.batch.min_order_fen;
	f.items = v.batch.items;
	f.redeemed_order = v.redeemed_order;
	if (service_order_store_get(ctx->db, ctx->arena, r->order_id, &o,
	                            &ctx->err))
		return -1;
	/* the minimum is of the order; what it pays is at most what the
	 * other sources left to pay */
	verdict = service_voucher_check(&f, r->person_id, r->item, r->day,
	                                o.total_fen, &r->fen);
	if (verdict != SV_OK)
		return refuse(ctx, verdict, r, &v);
	if (r->fen > r->order_fen)
		r->fen = r->order_fen;
	if (r->fen <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "payment.voucher",
		               "the other payments leave nothing for voucher "
		               "%lld to pay",
		               r->voucher_id);
	if (voucher_store_redeem(ctx->db, r->voucher_id, r->order_id, r->fen,
	                         ctx->now, &done, &ctx->err))
		return -1;
	if (!done)
		/* another order redeemed it between the read and now */
		return refuse(ctx, SV_REDEEMED, r, &v);
	snprintf(ids, sizeof(ids), "%lld", r->voucher_id);
	after = json_pack("{sI sI}", "order_id", (json_int_t)r->order_id, "fen",
	                  (json_int_t)r->fen);
	done = app_audit(ctx, "redeem", "voucher", ids, NULL, after);
	json_decref(after);
	return done;
}

int app_voucher_redeem(struct app_ctx *ctx, long long voucher_id,
                       long long person_id, const char *item, const char *day,
                       long long order_fen, long long order_id, long long *fen)
{
	struct redeem r = { voucher_id, person_id, order_fen, order_id,
		            item,       day,       0 };

	*fen = 0;
	if (app_transaction(ctx, redeem_in_tx, &r))
		return -1;
	*fen = r.fen;
	return 0;
}

static int release_in_tx(struct app_ctx *ctx, void *arg)
{
	long long order_id = *(long long *)arg, n;
	char ids[24];
	json_t *after;
	int rc;

	if (voucher_store_release(ctx->db, order_id, &n, &ctx->err))
		return -1;
	if (!n)
		return 0;
	snprintf(ids, sizeof(ids), "%lld", order_id);
	after = json_pack("{sI}", "vouchers", (json_int_t)n);
	rc = app_audit(ctx, "release", "voucher_order", ids, NULL, after);
	json_decref(after);
	return rc;
}

int app_voucher_release(struct app_ctx *ctx, long long order_id)
{
	return app_transaction(ctx, release_in_tx, &order_id);
}
