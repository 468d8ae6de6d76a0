#include "app/inspect_common.h"

#include "app/indicators.h"
#include "app/policy.h"
#include "core/date.h"

#include <string.h>

const struct checklist_policy *
inspect_checklists(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view view;

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded"),
		       NULL;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.checklists)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "no policy of region '%s' has a checklists "
		               "section",
		               region),
		       NULL;
	return view.checklists;
}

const struct hazard_policy *
inspect_hazard_rules(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view view;

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded"),
		       NULL;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.hazards)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "no policy of region '%s' has a hazards section",
		               region),
		       NULL;
	return view.hazards;
}

int inspect_official_in(const struct principal *who, const char *region)
{
	return principal_is_official(who) && principal_sees_region(who, region);
}

int inspect_body_text(struct app_ctx *ctx, json_t *body, const char *key,
                      int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is required", key);
		return 0;
	}
	if (!json_is_string(v))
		return lx_fail(&ctx->err, LX_EINVALID, key, "'%s' must be text",
		               key);
	if (json_string_length(v) > INSPECT_TEXT_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is longer than %d bytes", key,
		               INSPECT_TEXT_MAX);
	*out = json_string_value(v);
	if (required && !**out)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must not be empty", key);
	return 0;
}

int inspect_body_day(struct app_ctx *ctx, json_t *body, const char *key,
                     int required, const char **out)
{
	struct lx_date d;

	if (inspect_body_text(ctx, body, key, required, out))
		return -1;
	if (!*out) {
		*out = ctx->today;
		return 0;
	}
	if (date_parse_field(*out, &d, &ctx->err, key))
		return -1;
	if (strcmp(*out, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' %s is after today", key, *out);
	return 0;
}

long inspect_days(const char *day)
{
	struct lx_date d;

	return day && !date_parse(day, &d) ? date_to_days(d) : 0;
}

const char *inspect_day_text(struct app_ctx *ctx, long days)
{
	char *out = arena_alloc(ctx->arena, 11);

	date_format(date_from_days(days), out);
	return out;
}
