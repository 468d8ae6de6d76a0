#include "app/list_cache.h"

#include "app/people.h"
#include "app/policy_cite.h"
#include "app/result_cache.h"

#include <stdlib.h>
#include <string.h>

struct list_call {
	json_t *(*fn)(struct app_ctx *ctx, json_t *params);
	json_t *params;
};

static json_t *call(struct app_ctx *ctx, void *arg)
{
	const struct list_call *c = arg;
	json_t *doc = c->fn(ctx, c->params);

	/* kept as the server would have sent it: citations by the plan's
	 * title, as every uncached answer has them (the key's policy set is
	 * the one cited from) */
	policy_cite_json(ctx->policies, ctx->arena, doc);
	return doc;
}

/* Who asks, as the key's prefix: everything about the principal that a
 * list's answer can depend on. */
static char *key_of(struct app_ctx *ctx, const char *name, json_t *params)
{
	const struct principal *w = ctx->who;
	char *query = params ? json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS)
	                     : strdup("{}");
	struct abuf b;

	if (!query)
		return NULL;
	abuf_init(&b, ctx->arena);
	abuf_printf(&b, "list/%s/%lld/%s/%d/%s/%d/%s/", name, w->account_id,
	            w->username, (int)w->role, w->region, app_may_unmask(ctx),
	            ctx->today);
	for (size_t i = 0; i < w->nfacilities; i++)
		abuf_printf(&b, "%lld,", w->facilities[i]);
	abuf_printf(&b, "/");
	for (size_t i = 0; i < w->nareas; i++)
		abuf_printf(&b, "%s,", w->areas[i]);
	abuf_printf(&b, "?%s", query);
	free(query);
	return b.data;
}

int app_cached_list(struct app_ctx *ctx, const char *name, json_t *params,
                    json_t *(*fn)(struct app_ctx *ctx, json_t *params),
                    char **text, size_t *len, int *hit)
{
	struct list_call c = { fn, params };
	const char *idn =
	    json_string_value(json_object_get(params, "id_number"));
	struct result_cache *cache = ctx->cache;
	char *key;
	int ret;

	if (idn && *idn)
		ctx->cache = NULL; /* computed, not kept: see list_cache.h */
	key = key_of(ctx, name, params);
	if (!key) {
		ctx->cache = cache;
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "out of memory");
	}
	ret = app_cached_json(ctx, key, call, &c, text, len, hit);
	ctx->cache = cache;
	return ret;
}
