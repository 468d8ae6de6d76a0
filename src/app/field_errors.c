#include "app/field_errors.h"

int field_errors_init(struct app_ctx *ctx, struct field_errors *fe)
{
	lx_error_clear(&fe->first);
	fe->list = json_array();
	if (!fe->list)
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "out of memory");
	return 0;
}

void field_errors_take(struct app_ctx *ctx, struct field_errors *fe)
{
	if (fe->first.code == LX_OK)
		fe->first = ctx->err;
	json_array_append_new(fe->list,
	                      json_pack("{s:s, s:s}", "field", ctx->err.field,
	                                "message", ctx->err.message));
	lx_error_clear(&ctx->err);
}

int field_errors_finish(struct app_ctx *ctx, struct field_errors *fe)
{
	if (!json_array_size(fe->list)) {
		json_decref(fe->list);
		fe->list = NULL;
		return 0;
	}
	ctx->err = fe->first;
	json_decref(ctx->details);
	ctx->details = json_pack("{s:o}", "errors", fe->list);
	fe->list = NULL;
	return -1;
}
