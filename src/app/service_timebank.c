#include "app/service_pay.h"

/* The time bank holds no hours yet: nothing can be redeemed. */
int app_timebank_redeem(struct app_ctx *ctx, long long account_id,
                        long long person_id, long long minutes,
                        long long order_id)
{
	(void)account_id, (void)person_id, (void)minutes, (void)order_id;
	return lx_fail(&ctx->err, LX_EINVALID, "payment.timebank",
	               "时间银行账户没有可用时长");
}

int app_timebank_release(struct app_ctx *ctx, long long order_id)
{
	(void)ctx, (void)order_id;
	return 0;
}
