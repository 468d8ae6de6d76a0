#include "app/service_pay.h"

/* Entitlements are not granted yet: nothing can be drawn. */
int app_entitlement_draw(struct app_ctx *ctx, long long person_id,
                         const char *item, const char *day, long long fen,
                         long long order_id, long long *entitlement_id)
{
	(void)person_id, (void)item, (void)day, (void)fen, (void)order_id;
	*entitlement_id = 0;
	return lx_fail(&ctx->err, LX_EINVALID, "payment.entitlement",
	               "没有可用的政府购买服务额度");
}

int app_entitlement_release(struct app_ctx *ctx, long long order_id)
{
	(void)ctx, (void)order_id;
	return 0;
}
