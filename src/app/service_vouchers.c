#include "app/service_pay.h"

/* Vouchers are not issued yet: none can be redeemed. */
int app_voucher_redeem(struct app_ctx *ctx, long long voucher_id,
                       long long person_id, const char *item, const char *day,
                       long long order_fen, long long order_id, long long *fen)
{
	(void)voucher_id, (void)person_id, (void)item, (void)day;
	(void)order_fen, (void)order_id;
	*fen = 0;
	return lx_fail(&ctx->err, LX_EINVALID, "payment.voucher",
	               "没有可用的消费券");
}

int app_voucher_release(struct app_ctx *ctx, long long order_id)
{
	(void)ctx, (void)order_id;
	return 0;
}
