#include "app/task_report_account.h"

#include "core/region_code.h"
#include "store/task_progress_store.h"

int task_report_account_set(struct app_ctx *ctx, long long account_id,
                            enum role role, const char *region, json_t *v)
{
	struct tp_department_row d;
	long long id;

	if (!v)
		return 0;
	if (json_is_null(v))
		return tp_store_account_set_department(ctx->db, account_id, 0,
		                                       &ctx->err);
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "department_id",
		               "'department_id' must be a department's id or "
		               "null");
	id = json_integer_value(v);
	if (role != ROLE_ADMIN && role != ROLE_CITY_OFFICIAL &&
	    role != ROLE_COUNTY_OFFICIAL && role != ROLE_DEPT_OFFICIAL)
		return lx_fail(&ctx->err, LX_EINVALID, "department_id",
		               "only officials' accounts report for a "
		               "department");
	if (tp_store_department(ctx->db, ctx->arena, id, "department_id", &d,
	                        &ctx->err)) {
		if (ctx->err.code == LX_ENOTFOUND)
			ctx->err.code = LX_EINVALID;
		return -1;
	}
	if (region && region[0] && !region_code_is_within(region, d.region))
		return lx_fail(&ctx->err, LX_EINVALID, "department_id",
		               "%s (%s) is not a department of the account's "
		               "region or above it",
		               d.name, d.region);
	return tp_store_account_set_department(ctx->db, account_id, id,
	                                       &ctx->err);
}

void task_report_account_json(struct app_ctx *ctx, json_t *user)
{
	json_t *idv = json_object_get(user, "id");
	struct tp_department_row d;
	long long dept = 0;
	struct lx_error err = { 0 };

	if (!json_is_integer(idv) ||
	    tp_store_account_department(ctx->db, json_integer_value(idv), &dept,
	                                &err) ||
	    !dept ||
	    tp_store_department(ctx->db, ctx->arena, dept, "department_id", &d,
	                        &err)) {
		json_object_set_new(user, "department_id", json_null());
		json_object_set_new(user, "department", json_null());
		return;
	}
	json_object_set_new(user, "department_id", json_integer(dept));
	json_object_set_new(user, "department", json_string(d.name));
}
