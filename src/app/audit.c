#include "app/audit.h"

#include "app/params.h"
#include "store/audit_store.h"

#include <string.h>

static json_t *parsed(const char *text)
{
	json_t *j;

	if (!text)
		return json_null();
	j = json_loads(text, 0, NULL);
	return j ? j : json_string(text);
}

json_t *app_audit_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "entity",   "entity_id", "user",
		                               "from",     "to",        "page",
		                               "per_page", NULL };
	struct audit_query q = {
		.entity = param_str(params, "entity"),
		.entity_id = param_str(params, "entity_id"),
		.username = param_str(params, "user"),
	};
	struct audit_entry *v;
	size_t n;
	long long total;
	json_t *items;

	if (!principal_is_admin(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators read the audit log"),
		       NULL;
	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "from", &q.from, &ctx->err) ||
	    param_date(params, "to", &q.to, &ctx->err) ||
	    param_long(params, "page", 1, 1, 1000000, &q.page, &ctx->err) ||
	    param_long(params, "per_page", 50, 1, 1000, &q.per_page,
	               &ctx->err) ||
	    (q.from && q.to && strcmp(q.from, q.to) > 0 &&
	     lx_fail(&ctx->err, LX_EINVALID, "to", "'to' is before 'from'")) ||
	    audit_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                     &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id",
		              (json_int_t)v[i].id, "at", v[i].at, "user",
		              v[i].username, "action", v[i].action, "entity",
		              v[i].entity, "entity_id", v[i].entity_id,
		              "before", parsed(v[i].before), "after",
		              parsed(v[i].after)));
	return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
	                 (json_int_t)total, "page", (int)q.page, "per_page",
	                 (int)q.per_page);
}
