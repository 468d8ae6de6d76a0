#include "app/training.h"

#include "app/params.h"
#include "core/credit_code.h"
#include "core/date.h"
#include "store/region_store.h"
#include "store/training_store.h"

#include <string.h>

static int may_register(const struct app_ctx *ctx)
{
	return principal_is_official(ctx->who);
}

struct cert {
	const char *code, *name, *region, *level, *no, *on;
	long long provider;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct cert *c = arg;
	json_t *after;
	int ret;

	if (training_store_provider(ctx->db, c->code, c->name, c->region,
	                            &c->provider, &ctx->err) ||
	    training_store_add_cert(ctx->db, c->provider, c->no, c->level,
	                            c->on, ctx->now, &ctx->err))
		return -1;
	after =
	    json_pack("{s:I, s:s, s:s}", "provider_id", (json_int_t)c->provider,
	              "level", c->level, "certified_on", c->on);
	ret = app_audit(ctx, "create", "trainee_cert", c->no, NULL, after);
	json_decref(after);
	return ret;
}

static const char *text(json_t *body, const char *key)
{
	const char *s = json_string_value(json_object_get(body, key));

	return s && *s ? s : NULL;
}

json_t *app_trainee_cert_add(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "provider_credit_code",
		                            "provider_name",
		                            "region",
		                            "level",
		                            "cert_no",
		                            "certified_on",
		                            NULL };
	struct cert c = { 0 };
	struct lx_date d, today;
	int known = 0;

	if (!may_register(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials register certificates"),
		       NULL;
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	c.code = text(body, "provider_credit_code");
	c.name = text(body, "provider_name");
	c.region = text(body, "region");
	c.level = text(body, "level");
	c.no = text(body, "cert_no");
	c.on = text(body, "certified_on");
	for (size_t i = 0; keys[i]; i++)
		if (!text(body, keys[i]))
			return lx_fail(&ctx->err, LX_EINVALID, keys[i],
			               "'%s' is required", keys[i]),
			       NULL;
	if (credit_code_check(c.code, &ctx->err, "provider_credit_code"))
		return NULL;
	if (!region_store_exists(ctx->db, c.region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%.20s'", c.region),
		       NULL;
	if (!principal_sees_region(ctx->who, c.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", c.region),
		       NULL;
	for (int i = 0; i < TRAINING_LEVELS; i++)
		known |= !strcmp(c.level, training_levels[i]);
	if (!known)
		return lx_fail(&ctx->err, LX_EINVALID, "level",
		               "'level' must be level_5, level_4, level_3, "
		               "level_2, level_1 or certificate"),
		       NULL;
	if (strlen(c.no) > 64 || strlen(c.name) > 200)
		return lx_fail(&ctx->err, LX_EINVALID,
		               strlen(c.no) > 64 ? "cert_no" : "provider_name",
		               "too long"),
		       NULL;
	if (date_parse_field(c.on, &d, &ctx->err, "certified_on"))
		return NULL;
	if (!date_parse(ctx->today, &today) && date_cmp(d, today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "certified_on",
		               "'certified_on' %s is in the future", c.on),
		       NULL;
	if (app_transaction(ctx, add_in_tx, &c))
		return NULL;
	return json_pack("{s:I, s:s, s:s, s:s, s:s}", "provider_id",
	                 (json_int_t)c.provider, "provider_credit_code", c.code,
	                 "cert_no", c.no, "level", c.level, "certified_on",
	                 c.on);
}

json_t *app_training_providers(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "from", "to", NULL };
	const char *region, *from = param_str(params, "from"),
	                    *to = param_str(params, "to");
	struct provider_row *v;
	struct lx_date d;
	size_t n;
	json_t *items;

	if (!may_register(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "providers are listed for administrators and "
		               "city and county officials"),
		       NULL;
	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", region),
		       NULL;
	if ((from && date_parse_field(from, &d, &ctx->err, "from")) ||
	    (to && date_parse_field(to, &d, &ctx->err, "to")))
		return NULL;
	if (training_store_providers(ctx->db, ctx->arena, region,
	                             from ? from : "0000-01-01",
	                             to ? to : "9999-12-31", &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *counts = json_object();

		for (int k = 0; k < TRAINING_LEVELS; k++)
			json_object_set_new(counts, training_levels[k],
			                    json_integer(v[i].counts[k]));
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:o}", "id",
		              (json_int_t)v[i].id, "credit_code",
		              v[i].credit_code, "name", v[i].name, "region",
		              v[i].region, "certified", counts));
	}
	return json_pack("{s:o}", "items", items);
}
