#include "app/task_report.h"

#include "app/params.h"
#include "app/task_progress.h"
#include "core/role.h"

#include <stdio.h>
#include <string.h>

static int body_text(struct app_ctx *ctx, json_t *body, const char *key,
                     size_t max, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || strlen(json_string_value(v)) > max)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of at most %zu bytes", key,
		               max);
	*out = json_string_value(v);
	return 0;
}

/* a decimal written as text, in [0, max] (max 0: no upper bound) */
static int body_decimal(struct app_ctx *ctx, json_t *body, const char *key,
                        int max, const char **out)
{
	struct exact e;

	if (body_text(ctx, body, key, 30, out))
		return -1;
	if (*out && (exact_parse(*out, &e) || e.num < 0 ||
	             (max && exact_cmp(e, exact_int(max)) > 0)))
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               max ? "'%s' must be a decimal from 0 to %d, "
		                     "written as text"
		                   : "'%s' must be a decimal of 0 or more, "
		                     "written as text%.0d",
		               key, max);
	return 0;
}

static int load_task(struct app_ctx *ctx, long long id, struct tp_view *v)
{
	if (tp_view_load(ctx, NULL, 0, 0, id, ctx->today, v))
		return -1;
	if (!v->ntasks ||
	    (ctx->who->role != ROLE_DEPT_OFFICIAL &&
	     !principal_sees_region(ctx->who, v->tasks[0].t->plan_region)))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no task %lld",
		               id);
	return 0;
}

struct add_arg {
	struct tp_report_row r;
	long long seen; /* 0: a new report */
	int on_behalf;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add_arg *x = arg;
	json_t *after;
	int rc;

	if (x->seen ? tp_store_report_correct(ctx->db, &x->r, x->seen, ctx->now,
	                                      &ctx->err)
	            : tp_store_report_add(ctx->db, &x->r, ctx->now, &ctx->err))
		return -1;
	after = tp_report_json(&x->r);
	json_object_set_new(after, "on_behalf", json_boolean(x->on_behalf));
	rc = app_audit(ctx,
	               x->seen        ? "correct"
	               : x->on_behalf ? "report_on_behalf"
	                              : "report",
	               "task_report",
	               arena_printf(ctx->arena, "%lld/%lld/%s", x->r.task_id,
	                            x->r.department_id, x->r.period),
	               NULL, after);
	json_decref(after);
	return rc;
}

json_t *app_task_report_add(struct app_ctx *ctx, long long task_id,
                            json_t *body, int *created)
{
	static const char *const allowed[] = { "department_id", "period",
		                               "text",          "percent",
		                               "quantity",      "reported_on",
		                               "version",       NULL };
	struct add_arg x;
	struct tp_view v;
	struct lx_date d;
	long long own = 0;
	json_t *dv = json_object_get(body, "department_id"),
	       *vv = json_object_get(body, "version"), *out;
	const char *period, *on;
	int named = 0;
	char first[11];

	memset(&x, 0, sizeof(x));
	*created = 0;
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "body",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, allowed, &ctx->err) || load_task(ctx, task_id, &v))
		return NULL;
	if (ctx->who->role == ROLE_DEPT_OFFICIAL &&
	    tp_store_account_department(ctx->db, ctx->who->account_id, &own,
	                                &ctx->err))
		return NULL;
	if (dv && !json_is_null(dv)) {
		if (!json_is_integer(dv) || json_integer_value(dv) <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, "department_id",
			               "'department_id' must be a department's "
			               "id"),
			       NULL;
		x.r.department_id = json_integer_value(dv);
	} else if (own) {
		x.r.department_id = own;
	} else {
		return lx_fail(&ctx->err, LX_EINVALID, "department_id",
		               "'department_id' is required"),
		       NULL;
	}
	if (ctx->who->role == ROLE_DEPT_OFFICIAL) {
		if (!own || own != x.r.department_id)
			return lx_fail(&ctx->err, LX_EFORBIDDEN,
			               "department_id",
			               "a department official reports for the "
			               "account's own department only"),
			       NULL;
	} else if (ctx->who->role != ROLE_ADMIN &&
	           ctx->who->role != ROLE_CITY_OFFICIAL &&
	           ctx->who->role != ROLE_COUNTY_OFFICIAL) {
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "role",
		               "this role does not report progress"),
		       NULL;
	} else {
		x.on_behalf = 1;
	}
	for (size_t j = 0; j < v.ndepts; j++)
		if (v.depts[j].department_id == x.r.department_id) {
			named = 1;
			x.r.department_name = v.depts[j].name;
		}
	if (!named)
		return lx_fail(&ctx->err,
		               ctx->who->role == ROLE_DEPT_OFFICIAL
		                   ? LX_EFORBIDDEN
		                   : LX_EINVALID,
		               "department_id",
		               "department %lld is not named by task %lld "
		               "(lead, participating, joint or local)",
		               x.r.department_id, task_id),
		       NULL;
	period = param_str(body, "period");
	if (!tp_period_ok(period))
		return lx_fail(&ctx->err, LX_EINVALID, "period",
		               "'period' must be a month, YYYY-MM"),
		       NULL;
	snprintf(x.r.period, sizeof(x.r.period), "%s", period);
	if (body_text(ctx, body, "text", 4000, &x.r.text) ||
	    body_decimal(ctx, body, "percent", 100, &x.r.percent) ||
	    body_decimal(ctx, body, "quantity", 0, &x.r.quantity) ||
	    body_text(ctx, body, "reported_on", 10, &on))
		return NULL;
	if (!x.r.percent && !x.r.quantity)
		return lx_fail(&ctx->err, LX_EINVALID, "percent",
		               "give 'percent' or 'quantity'"),
		       NULL;
	if (!on)
		on = ctx->today;
	if (date_parse_field(on, &d, &ctx->err, "reported_on"))
		return NULL;
	snprintf(first, sizeof(first), "%s-01", period);
	if (strcmp(on, first) < 0 || strcmp(on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "reported_on",
		               "'reported_on' must lie between the period's "
		               "first day and today"),
		       NULL;
	if (strcmp(first, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "period",
		               "'period' must not be a future month"),
		       NULL;
	snprintf(x.r.reported_on, sizeof(x.r.reported_on), "%s", on);
	x.r.task_id = task_id;
	x.r.account_id = ctx->who->account_id;
	if (vv && !json_is_null(vv)) {
		if (!json_is_integer(vv) || json_integer_value(vv) <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, "version",
			               "'version' must be the report's version "
			               "read"),
			       NULL;
		x.seen = json_integer_value(vv);
	}
	if (app_transaction(ctx, add_in_tx, &x))
		return NULL;
	*created = !x.seen;
	snprintf(x.r.created_at, sizeof(x.r.created_at), "%s", ctx->now);
	if (tp_view_load(ctx, NULL, 0, 0, task_id, ctx->today, &v))
		return NULL;
	out = json_pack("{s:o,s:o}", "report", tp_report_json(&x.r), "light",
	                tp_light_json(ctx, &v.tasks[0]));
	return out;
}

json_t *app_task_report_list(struct app_ctx *ctx, long long task_id)
{
	struct tp_view v;
	json_t *items, *o;

	if (load_task(ctx, task_id, &v))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < v.nreports; i++)
		json_array_append_new(items, tp_report_json(&v.reports[i]));
	o = tp_task_json(&v, &v.tasks[0]);
	json_object_set_new(o, "light", tp_light_json(ctx, &v.tasks[0]));
	json_object_set_new(o, "reports", items);
	return o;
}
