#include "app/inspect_scope.h"

#include "app/params.h"
#include "core/region_code.h"
#include "core/role.h"
#include "store/region_store.h"

int inspect_scope_region(struct app_ctx *ctx, json_t *params,
                         const char **region)
{
	const char *r, *scope = ctx->who->region;

	if (param_region(params, "region", &r, &ctx->err))
		return -1;
	if (!r) {
		*region =
		    scope[0] && ctx->who->role != ROLE_OPERATOR ? scope : NULL;
		return 0;
	}
	if (!region_store_exists(ctx->db, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", r);
	if (scope[0] && region_code_is_within(scope, r))
		r = scope;
	else if (!principal_sees_region(ctx->who, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", r);
	*region = r;
	return 0;
}
