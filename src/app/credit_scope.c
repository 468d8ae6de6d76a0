#include "app/credit_scope.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/date.h"
#include "core/role.h"
#include "store/facility_store.h"

#include <string.h>

int credit_facility(struct app_ctx *ctx, long long id, struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, NULL, f, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, f->region, f->id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", id);
	return 0;
}

int credit_policy_of(struct app_ctx *ctx, const char *region,
                     const struct credit_policy **out)
{
	struct policy_view view;

	*out = NULL;
	if (app_policy_view(ctx, region, &view))
		return -1;
	if (!view.credit || !view.credit->nkinds)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no policy of region '%s' has a credit section",
		               region);
	*out = view.credit;
	return 0;
}

int credit_text(struct app_ctx *ctx, json_t *body, const char *key,
                int required, size_t max, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = "";
	if (!v || json_is_null(v) ||
	    (json_is_string(v) && !json_string_length(v))) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is required", key);
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > max)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of at most %zu bytes", key,
		               max);
	*out = json_string_value(v);
	return 0;
}

int credit_date(struct app_ctx *ctx, json_t *body, const char *key,
                int required, const char **out)
{
	struct lx_date d;
	const char *s;

	*out = NULL;
	if (credit_text(ctx, body, key, required, 10, &s))
		return -1;
	if (!*s)
		return 0;
	if (strlen(s) != 10 || date_parse(s, &d))
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a date, YYYY-MM-DD", key);
	*out = s;
	return 0;
}

int credit_int(struct app_ctx *ctx, json_t *body, const char *key, int required,
               long long min, long long max, long long *out)
{
	json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v)) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is required", key);
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a whole number from %lld to %lld",
		               key, min, max);
	*out = json_integer_value(v);
	return 0;
}

int credit_list_region(struct app_ctx *ctx, json_t *params, const char **region)
{
	const char *r;

	if (param_region(params, "region", &r, &ctx->err))
		return -1;
	if (r && !principal_sees_region(ctx->who, r))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", r);
	if (!r && ctx->who->region[0])
		r = ctx->who->region;
	*region = r;
	return 0;
}
