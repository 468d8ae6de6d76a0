#include "app/inspect_roster.h"

#include "app/indicators.h"
#include "app/inspect_plan_policy.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/facility.h"
#include "core/role.h"
#include "store/account_store.h"
#include "store/facility_store.h"
#include "store/inspect_plan_store.h"

#include <string.h>

#define TEXT_MAX 200

static int text_of(struct app_ctx *ctx, json_t *body, const char *key,
                   int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "'%s' is required", key)
		                : 0;
	if (!json_is_string(v) || !json_string_length(v) ||
	    json_string_length(v) > TEXT_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of 1 to %d bytes", key,
		               TEXT_MAX);
	*out = json_string_value(v);
	return 0;
}

static long long id_of(struct app_ctx *ctx, json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);

	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a positive whole number", key);
	return json_integer_value(v);
}

json_t *app_inspect_inspectors(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	struct inspect_inspector_row *rows;
	struct inspect_tie_row *ties;
	size_t n, nt;
	const char *region;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	if (region && !principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region %s is outside your scope", region),
		       NULL;
	if (inspect_store_inspectors(ctx->db, ctx->arena, region, 0, &rows, &n,
	                             &ctx->err) ||
	    inspect_store_ties(ctx->db, ctx->arena, region, &ties, &nt,
	                       &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *tj = json_array();

		for (size_t k = 0; k < nt; k++)
			if (ties[k].account_id == rows[i].account_id)
				json_array_append_new(
				    tj,
				    json_pack("{sI ss ss}", "facility_id",
				              (json_int_t)ties[k].facility_id,
				              "facility_name",
				              ties[k].facility_name, "reason",
				              ties[k].reason));
		json_array_append_new(
		    items,
		    json_pack("{sI ss ss ss ss sb so}", "account_id",
		              (json_int_t)rows[i].account_id, "username",
		              rows[i].username, "name",
		              rows[i].display_name[0] ? rows[i].display_name
		                                      : rows[i].username,
		              "department", rows[i].department, "region",
		              rows[i].region, "active", rows[i].active, "ties",
		              tj));
	}
	return json_pack("{so}", "items", items);
}

struct put {
	long long account;
	const char *department, *region;
	int active;
	json_t *out;
};

static int put_in_tx(struct app_ctx *ctx, void *arg)
{
	struct put *x = arg;

	if (inspect_store_inspector_put(ctx->db, x->account, x->department,
	                                x->region, x->active, ctx->now,
	                                &ctx->err))
		return -1;
	x->out = json_pack("{sI ss ss sb}", "account_id",
	                   (json_int_t)x->account, "department", x->department,
	                   "region", x->region, "active", x->active);
	return app_audit(ctx, "update", "inspector",
	                 arena_printf(ctx->arena, "%lld", x->account), NULL,
	                 x->out);
}

json_t *app_inspect_inspector_put(struct app_ctx *ctx, long long account,
                                  json_t *body)
{
	static const char *const keys[] = { "department", "region", "active",
		                            NULL };
	struct put x = { account, NULL, NULL, 1, NULL };
	struct account acc;
	json_t *active = json_object_get(body, "active");

	if (body_only(body, keys, &ctx->err) ||
	    text_of(ctx, body, "department", 1, &x.department) ||
	    text_of(ctx, body, "region", 0, &x.region))
		return NULL;
	if (active && !json_is_boolean(active))
		return lx_fail(&ctx->err, LX_EINVALID, "active",
		               "'active' must be true or false"),
		       NULL;
	x.active = !active || json_is_true(active);
	if (account_store_get(ctx->db, ctx->arena, account, NULL, &acc,
	                      &ctx->err))
		return NULL;
	if (acc.role != ROLE_INSPECTOR)
		return lx_fail(&ctx->err, LX_EINVALID, "account_id",
		               "account %lld is not an inspector (检查人员) "
		               "account",
		               account),
		       NULL;
	if (!x.region)
		x.region = arena_strdup(ctx->arena, acc.region);
	if (!x.region[0] || !principal_may_write_region(ctx->who, x.region) ||
	    !principal_sees_region(ctx->who, acc.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "the inspector's region is outside your scope"),
		       NULL;
	if (app_transaction(ctx, put_in_tx, &x))
		return NULL;
	return x.out;
}

struct tie {
	long long account, facility;
	const char *reason;
	int remove;
	json_t *out;
};

static int tie_in_tx(struct app_ctx *ctx, void *arg)
{
	struct tie *x = arg;

	if (x->remove ? inspect_store_tie_remove(ctx->db, x->account,
	                                         x->facility, &ctx->err)
	              : inspect_store_tie_add(ctx->db, x->account, x->facility,
	                                      x->reason, &ctx->err))
		return -1;
	x->out = json_pack("{sI sI ss}", "account_id", (json_int_t)x->account,
	                   "facility_id", (json_int_t)x->facility, "reason",
	                   x->reason ? x->reason : "");
	return app_audit(
	    ctx, x->remove ? "delete" : "create", "inspector_tie",
	    arena_printf(ctx->arena, "%lld:%lld", x->account, x->facility),
	    x->remove ? x->out : NULL, x->remove ? NULL : x->out);
}

static json_t *tie(struct app_ctx *ctx, long long account, json_t *body,
                   int remove)
{
	static const char *const add_keys[] = { "facility_id", "reason", NULL };
	static const char *const rm_keys[] = { "facility_id", NULL };
	struct tie x = { account, 0, NULL, remove, NULL };
	struct inspect_inspector_row row;
	struct facility f;

	if (body_only(body, remove ? rm_keys : add_keys, &ctx->err) ||
	    (x.facility = id_of(ctx, body, "facility_id")) < 0 ||
	    (!remove && text_of(ctx, body, "reason", 1, &x.reason)) ||
	    inspect_store_inspector_get(ctx->db, ctx->arena, account, &row,
	                                &ctx->err))
		return NULL;
	if (!principal_may_write_region(ctx->who, row.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "the inspector's region is outside your scope"),
		       NULL;
	if (facility_store_get(ctx->db, ctx->arena, x.facility, NULL, &f,
	                       &ctx->err)) {
		ctx->err.code = LX_EINVALID;
		snprintf(ctx->err.field, sizeof(ctx->err.field), "facility_id");
		return NULL;
	}
	if (app_transaction(ctx, tie_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_inspect_tie_add(struct app_ctx *ctx, long long account,
                            json_t *body)
{
	return tie(ctx, account, body, 0);
}

json_t *app_inspect_tie_remove(struct app_ctx *ctx, long long account,
                               json_t *body)
{
	return tie(ctx, account, body, 1);
}

struct risk {
	long long facility;
	const char *risk_class;
	json_t *out;
};

static int risk_in_tx(struct app_ctx *ctx, void *arg)
{
	struct risk *x = arg;

	if (inspect_store_risk_set(ctx->db, x->facility, x->risk_class,
	                           ctx->who->account_id, ctx->now, &ctx->err))
		return -1;
	x->out = json_pack("{sI ss}", "facility_id", (json_int_t)x->facility,
	                   "risk_class", x->risk_class);
	return app_audit(ctx, "update", "facility_risk",
	                 arena_printf(ctx->arena, "%lld", x->facility), NULL,
	                 x->out);
}

json_t *app_inspect_risk_set(struct app_ctx *ctx, long long facility,
                             json_t *body)
{
	static const char *const keys[] = { "risk_class", NULL };
	struct risk x = { facility, NULL, NULL };
	struct policy_view view;
	struct facility f;
	int known = 0;

	if (body_only(body, keys, &ctx->err) ||
	    text_of(ctx, body, "risk_class", 1, &x.risk_class) ||
	    facility_store_get(ctx->db, ctx->arena, facility, NULL, &f,
	                       &ctx->err))
		return NULL;
	if (!principal_may_write_region(ctx->who, f.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", facility),
		       NULL;
	if (!ctx->policies || app_policy_view(ctx, f.region, &view))
		return ctx->policies ? NULL
		                     : (lx_fail(&ctx->err, LX_EINTERNAL, "",
		                                "no policies are loaded"),
		                        NULL);
	for (size_t i = 0; view.inspections && i < view.inspections->nweights;
	     i++)
		known |= !strcmp(view.inspections->weights[i].risk_class,
		                 x.risk_class);
	if (!known)
		return lx_fail(&ctx->err, LX_EINVALID, "risk_class",
		               "'%s' is not a risk class of the policy's "
		               "risk_weights",
		               x.risk_class),
		       NULL;
	if (app_transaction(ctx, risk_in_tx, &x))
		return NULL;
	return x.out;
}
