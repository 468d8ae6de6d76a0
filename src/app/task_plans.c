/* Plans, their tasks and counts by department (see task_plans.h). */
#include "app/task_plans.h"

#include "app/inspect_scope.h"
#include "core/date.h"
#include "core/role.h"
#include "core/task_duty.h"
#include "store/region_store.h"
#include "store/task_store.h"

#include <stdio.h>
#include <string.h>

static json_t *plan_json(const struct task_plan_rec *p)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s}", "id",
	                 (json_int_t)p->id, "region", p->region, "title",
	                 p->title, "number", p->number ? p->number : "",
	                 "issued_on", p->issued_on, "source",
	                 p->source ? p->source : "");
}

int task_plan_visible(struct app_ctx *ctx, long long id,
                      struct task_plan_rec *out)
{
	if (task_store_plan_get(ctx->db, ctx->arena, id, out, &ctx->err))
		return -1;
	if (!principal_sees_region(ctx->who, out->region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no plan %lld",
		               id);
	return 0;
}

json_t *app_task_plans(struct app_ctx *ctx, json_t *params)
{
	const char *region;
	struct task_plan_rec *ps;
	size_t n;

	if (inspect_scope_region(ctx, params, &region) ||
	    task_store_plan_list(ctx->db, ctx->arena, region, &ps, &n,
	                         &ctx->err))
		return NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, plan_json(&ps[i]));
	return json_pack("{s:s?, s:o}", "region", region, "items", items);
}

static const char *str_field(json_t *body, const char *k)
{
	json_t *v = json_object_get(body, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int app_task_plan_create_tx(struct app_ctx *ctx, json_t *body, long long *id)
{
	struct task_plan_rec p = { 0 };
	char ids[24];

	p.region = (char *)str_field(body, "region");
	p.title = (char *)str_field(body, "title");
	p.number = (char *)str_field(body, "number");
	p.issued_on = (char *)str_field(body, "issued_on");
	p.source = (char *)str_field(body, "source");
	if (!p.region || !region_store_exists(ctx->db, p.region) ||
	    !principal_sees_region(ctx->who, p.region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "a region in your scope is required");
	if (!p.title || !p.title[0])
		return lx_fail(&ctx->err, LX_EINVALID, "title",
		               "the plan's title is required");
	struct lx_date day;
	if (p.issued_on && p.issued_on[0] &&
	    date_parse_field(p.issued_on, &day, &ctx->err, "issued_on"))
		return -1;
	if (p.issued_on && !p.issued_on[0])
		p.issued_on = NULL;
	if (task_store_plan_add(ctx->db, &p, ctx->now, &ctx->err))
		return -1;
	*id = p.id;
	snprintf(ids, sizeof ids, "%lld", p.id);
	json_t *after = plan_json(&p);
	int rc = app_audit(ctx, "create", "plan", ids, NULL, after);
	json_decref(after);
	return rc;
}

struct create {
	json_t *body;
	long long id;
};

static int create_tx(struct app_ctx *ctx, void *arg)
{
	struct create *c = arg;
	return app_task_plan_create_tx(ctx, c->body, &c->id);
}

json_t *app_task_plan_create(struct app_ctx *ctx, json_t *body)
{
	struct create c = { body, 0 };

	if (app_transaction(ctx, create_tx, &c))
		return NULL;
	return app_task_plan_get(ctx, c.id);
}

json_t *app_task_plan_get(struct app_ctx *ctx, long long id)
{
	struct task_plan_rec p;

	if (task_plan_visible(ctx, id, &p))
		return NULL;
	return plan_json(&p);
}

static json_t *target_json(const struct task_target_rec *t)
{
	json_t *o = json_pack(
	    "{s:s, s:s?, s:s, s:s, s:s?}", "label", t->label ? t->label : "",
	    "value", t->value, "unit", t->unit ? t->unit : "", "comparator",
	    t->comparator ? t->comparator : ">=", "indicator_id",
	    t->indicator_id);
	json_object_set_new(o, "year",
	                    t->year ? json_integer(t->year) : json_null());
	return o;
}

json_t *app_task_plan_tasks(struct app_ctx *ctx, long long id)
{
	struct task_plan_rec p;
	struct task_rec *ts;
	struct task_role_rec *rs;
	struct task_target_rec *gs;
	size_t nt, nr, ng;

	if (task_plan_visible(ctx, id, &p) ||
	    task_store_tasks(ctx->db, ctx->arena, id, &ts, &nt, &ctx->err) ||
	    task_store_task_roles(ctx->db, ctx->arena, id, &rs, &nr,
	                          &ctx->err) ||
	    task_store_targets(ctx->db, ctx->arena, id, &gs, &ng, &ctx->err))
		return NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < nt; i++) {
		json_t *deps = json_object();
		for (int r = 0; r < TASK_ROLE__MAX; r++)
			json_object_set_new(deps, task_role_names[r],
			                    json_array());
		for (size_t k = 0; k < nr; k++) {
			if (rs[k].task_id != ts[i].id)
				continue;
			json_t *list = json_object_get(deps, rs[k].role);
			if (list)
				json_array_append_new(
				    list,
				    json_pack("{s:I, s:s}", "id",
				              (json_int_t)rs[k].department_id,
				              "name", rs[k].name));
		}
		json_t *targets = json_array();
		for (size_t k = 0; k < ng; k++)
			if (gs[k].task_id == ts[i].id)
				json_array_append_new(targets,
				                      target_json(&gs[k]));
		json_t *t = json_pack(
		    "{s:I, s:s, s:s, s:s, s:s?, s:o, s:o}", "id",
		    (json_int_t)ts[i].id, "number", ts[i].number, "section",
		    ts[i].section ? ts[i].section : "", "text", ts[i].text,
		    "deadline_on", ts[i].deadline_on, "departments", deps,
		    "targets", targets);
		json_object_set_new(t, "deadline_year",
		                    ts[i].deadline_year
		                        ? json_integer(ts[i].deadline_year)
		                        : json_null());
		json_array_append_new(items, t);
	}
	return json_pack("{s:o, s:o}", "plan", plan_json(&p), "items", items);
}

struct count {
	long long id;
	const char *name;
	long n[TASK_ROLE__MAX], sole;
};

json_t *app_task_plan_departments(struct app_ctx *ctx, long long id)
{
	struct task_plan_rec p;
	struct task_role_rec *rs;
	size_t nr, nc = 0;

	if (task_plan_visible(ctx, id, &p) ||
	    task_store_task_roles(ctx->db, ctx->arena, id, &rs, &nr, &ctx->err))
		return NULL;
	struct count *cs = arena_alloc(ctx->arena, (nr + 1) * sizeof(*cs));
	for (size_t k = 0; k < nr; k++) {
		int role = task_role_parse(rs[k].role);
		size_t c = 0;
		if (role < 0)
			continue;
		while (c < nc && cs[c].id != rs[k].department_id)
			c++;
		if (c == nc) {
			memset(&cs[c], 0, sizeof(cs[c]));
			cs[c].id = rs[k].department_id;
			cs[c].name = rs[k].name;
			nc++;
		}
		cs[c].n[role]++;
		if (role == TASK_ROLE_LEAD) {
			/* sole: the only lead of its task */
			long leads = 0;
			for (size_t j = 0; j < nr; j++)
				leads += rs[j].task_id == rs[k].task_id &&
				         !strcmp(rs[j].role, "lead");
			cs[c].sole += leads == 1;
		}
	}
	/* most leads first, then most tasks, then directory order */
	for (size_t i = 1; i < nc; i++)
		for (size_t j = i; j > 0; j--) {
			struct count *a = &cs[j - 1], *b = &cs[j];
			long ta = a->n[0] + a->n[1] + a->n[2] + a->n[3];
			long tb = b->n[0] + b->n[1] + b->n[2] + b->n[3];
			int swap =
			    b->n[TASK_ROLE_LEAD] > a->n[TASK_ROLE_LEAD] ||
			    (b->n[TASK_ROLE_LEAD] == a->n[TASK_ROLE_LEAD] &&
			     (tb > ta || (tb == ta && b->id < a->id)));
			if (!swap)
				break;
			struct count t = *a;
			*a = *b;
			*b = t;
		}
	json_t *items = json_array();
	for (size_t i = 0; i < nc; i++) {
		long total = cs[i].n[0] + cs[i].n[1] + cs[i].n[2] + cs[i].n[3];
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "id",
		              (json_int_t)cs[i].id, "name", cs[i].name, "lead",
		              (json_int_t)cs[i].n[TASK_ROLE_LEAD], "sole_lead",
		              (json_int_t)cs[i].sole, "participate",
		              (json_int_t)cs[i].n[TASK_ROLE_PARTICIPATE],
		              "joint", (json_int_t)cs[i].n[TASK_ROLE_JOINT],
		              "local", (json_int_t)cs[i].n[TASK_ROLE_LOCAL],
		              "total", (json_int_t)total));
	}
	return json_pack("{s:o, s:o}", "plan", plan_json(&p), "items", items);
}

json_t *app_task_department_tasks(struct app_ctx *ctx, long long id)
{
	struct task_dept_rec d;
	struct task_role_rec *rs;
	size_t nr;

	if (task_store_dept_get(ctx->db, ctx->arena, id, &d, &ctx->err))
		return NULL;
	if (!principal_sees_region(ctx->who, d.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no department %lld", id),
		       NULL;
	if (task_store_dept_roles(ctx->db, ctx->arena, id, &rs, &nr, &ctx->err))
		return NULL;
	json_t *items = json_array();
	for (size_t k = 0; k < nr; k++)
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:I, s:s, s:I, s:s, s:s}", "role",
		              rs[k].role, "plan_id", (json_int_t)rs[k].plan_id,
		              "plan_title", rs[k].plan_title, "task_id",
		              (json_int_t)rs[k].task_id, "number", rs[k].number,
		              "text", rs[k].text));
	return json_pack("{s:{s:I, s:s, s:s, s:s}, s:o}", "department", "id",
	                 (json_int_t)d.id, "region", d.region, "name", d.name,
	                 "kind", d.kind, "items", items);
}
