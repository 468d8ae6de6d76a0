#include "app/task_progress.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/task_policy.h"
#include "core/role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tp_period_ok(const char *s)
{
	char day[11];
	struct lx_date d;

	if (!s || strlen(s) != 7 || s[4] != '-')
		return 0;
	snprintf(day, sizeof(day), "%s-01", s);
	return date_parse(day, &d) == 0;
}

static int month_of(const char *period)
{
	return atoi(period) * 12 + atoi(period + 5) - 1;
}

static void period_of(int month, char out[8])
{
	unsigned m = month < 0 ? 0u : (unsigned)month;

	snprintf(out, 8, "%04u-%02u", m / 12 % 10000, m % 12 + 1);
}

void tp_due_on(const struct task_policy *p, const char *period, char out[11])
{
	unsigned next = (unsigned)(month_of(period) + 1),
	         day = p ? (unsigned)p->report_due_day % 32 : 1;

	snprintf(out, 11, "%04u-%02u-%02u", next / 12 % 10000, next % 12 + 1,
	         day);
}

static int policy_for(struct app_ctx *ctx, const char *region,
                      const struct task_policy **out)
{
	struct policy_view view;

	if (app_policy_view(ctx, region, &view))
		return -1;
	*out = view.tasks;
	if (!view.tasks || !view.tasks->written)
		return lx_fail(&ctx->err, LX_EINVALID, "policy",
		               "the \"tasks\" section of the policy for %s is "
		               "not written",
		               region);
	return 0;
}

static int judge(struct app_ctx *ctx, struct tp_task *k, const char *on)
{
	const struct tp_task_row *t = k->t;
	const char *start = t->start_on[0]         ? t->start_on
	                    : t->plan_issued_on[0] ? t->plan_issued_on
	                                           : t->plan_created_on;
	struct task_light_input in;

	memset(&in, 0, sizeof(in));
	if (date_parse(start, &k->start) || date_parse(on, &in.on))
		return lx_fail(&ctx->err, LX_EINTERNAL, "start_on",
		               "task %lld has no start day", t->id);
	if (t->deadline_on[0] && !date_parse(t->deadline_on, &k->deadline))
		k->has_deadline = 1;
	else if (t->deadline_year > 0) {
		k->deadline = task_light_year_end(t->deadline_year);
		k->has_deadline = 1;
	}
	/* a plan whose deadline precedes its start is judged from the
	 * deadline's own start */
	if (k->has_deadline && date_cmp(k->deadline, k->start) < 0)
		k->start = k->deadline;
	in.start = k->start;
	in.deadline = k->deadline;
	in.has_deadline = k->has_deadline;
	if (k->latest) {
		in.has_report = 1;
		in.has_percent = k->latest->percent &&
		                 !exact_parse(k->latest->percent, &in.percent);
	}
	if (task_light_judge(&k->policy->lights, &in, &k->light))
		return lx_fail(&ctx->err, LX_EINTERNAL, "percent",
		               "task %lld: figures out of range", t->id);
	return 0;
}

int tp_view_load(struct app_ctx *ctx, const char *region, long long plan,
                 long long dept, long long task_id, const char *on,
                 struct tp_view *out)
{
	struct tp_task_row *rows;
	size_t n, r = 0;
	char month[8];

	memset(out, 0, sizeof(*out));
	snprintf(month, sizeof(month), "%.7s", on);
	if (tp_store_tasks(ctx->db, ctx->arena, region, plan, dept, task_id,
	                   &rows, &n, &ctx->err) ||
	    tp_store_task_depts(ctx->db, ctx->arena, region, plan, task_id,
	                        &out->depts, &out->ndepts, &ctx->err) ||
	    tp_store_reports(ctx->db, ctx->arena, region, plan, task_id,
	                     &out->reports, &out->nreports, &ctx->err))
		return -1;
	out->ntasks = n;
	out->tasks = arena_alloc(ctx->arena, (n ? n : 1) * sizeof(*out->tasks));
	memset(out->tasks, 0, (n ? n : 1) * sizeof(*out->tasks));
	for (size_t i = 0; i < n; i++) {
		struct tp_task *k = &out->tasks[i];

		k->t = &rows[i];
		for (size_t j = 0; j < i && !k->policy; j++)
			if (!strcmp(rows[j].plan_region, rows[i].plan_region))
				k->policy = out->tasks[j].policy;
		if (!k->policy &&
		    policy_for(ctx, rows[i].plan_region, &k->policy))
			return -1;
		for (size_t j = 0; j < out->ndepts; j++)
			if (out->depts[j].task_id == rows[i].id &&
			    !strcmp(out->depts[j].role, "lead")) {
				k->lead = &out->depts[j];
				break;
			}
		/* reports come by task then period: the latest on or before
		 * the day's month is the last such */
		while (r < out->nreports &&
		       out->reports[r].task_id < rows[i].id)
			r++;
		for (size_t j = r;
		     j < out->nreports && out->reports[j].task_id == rows[i].id;
		     j++)
			if (strcmp(out->reports[j].period, month) <= 0 &&
			    strcmp(out->reports[j].reported_on, on) <= 0)
				k->latest = &out->reports[j];
		if (judge(ctx, k, on))
			return -1;
	}
	return 0;
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *tp_report_json(const struct tp_report_row *r)
{
	return json_pack(
	    "{s:I,s:I,s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:I,s:s,s:o}", "id",
	    (json_int_t)r->id, "task_id", (json_int_t)r->task_id,
	    "department_id", (json_int_t)r->department_id, "department",
	    r->department_name ? r->department_name : "", "period", r->period,
	    "text", r->text ? r->text : "", "percent", text_or_null(r->percent),
	    "quantity", text_or_null(r->quantity), "reported_on",
	    r->reported_on, "version", (json_int_t)r->version, "created_at",
	    r->created_at, "updated_at",
	    r->updated_at[0] ? json_string(r->updated_at) : json_null());
}

json_t *tp_light_json(struct app_ctx *ctx, const struct tp_task *k)
{
	const struct task_light *l = &k->light;
	const struct tp_report_row *r = k->latest;
	char e[EXACT_TEXT_MAX], b[EXACT_TEXT_MAX], s[11], d[11];
	const char *why = "";
	int places = k->policy->lights.places;
	json_t *o;

	date_format(k->start, s);
	if (k->has_deadline)
		date_format(k->deadline, d);
	else
		snprintf(d, sizeof(d), "%s", "");
	if (l->has_expected) {
		exact_format(l->expected, places, EXACT_HALF_UP, e);
		exact_format(l->behind, places, EXACT_HALF_UP, b);
	}
	switch (l->reason) {
	case TASK_DONE:
		why = arena_printf(ctx->arena, "%s报告已完成（%s%%）",
		                   r->period, r->percent);
		break;
	case TASK_OVERDUE:
		why = arena_printf(ctx->arena, "完成时限 %s 已过，尚未完成", d);
		break;
	case TASK_NOT_DUE:
		why = arena_printf(ctx->arena, "计划 %s 开始", s);
		break;
	case TASK_NOT_STARTED:
		why = arena_printf(ctx->arena,
		                   "计划 %s 开始，已过 %d 个月未报告进展", s,
		                   l->months_late);
		break;
	case TASK_NO_PERCENT:
		why = arena_printf(ctx->arena, "%s仅报告数量 %s", r->period,
		                   r->quantity ? r->quantity : "");
		break;
	case TASK_ONGOING:
		why = arena_printf(ctx->arena, "长期任务，%s报告 %s%%",
		                   r->period, r->percent);
		break;
	case TASK_BEHIND:
	case TASK_ON_SCHEDULE:
		why = arena_printf(ctx->arena,
		                   "按时间进度应完成 %s%%，%s报告 %s%%，落后 "
		                   "%s 个百分点",
		                   e, r->period, r->percent, b);
		break;
	}
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "colour",
	              task_light_colour_names[l->colour], "colour_zh",
	              task_light_colour_zh[l->colour], "reason",
	              task_light_reason_names[l->reason], "reason_zh",
	              task_light_reason_zh[l->reason], "why", why, "start_on",
	              s, "deadline_on", d[0] ? json_string(d) : json_null());
	if (l->has_expected) {
		json_object_set_new(o, "expected", json_string(e));
		json_object_set_new(o, "behind", json_string(b));
		json_object_set_new(o, "rounding", json_string("half_up"));
	}
	if (l->reason == TASK_NOT_STARTED)
		json_object_set_new(o, "months_late",
		                    json_integer(l->months_late));
	return o;
}

json_t *tp_task_json(const struct tp_view *v, const struct tp_task *k)
{
	const struct tp_task_row *t = k->t;
	json_t *depts = json_array();

	for (size_t j = 0; j < v->ndepts; j++)
		if (v->depts[j].task_id == t->id)
			json_array_append_new(
			    depts,
			    json_pack("{s:I,s:s,s:s}", "id",
			              (json_int_t)v->depts[j].department_id,
			              "name", v->depts[j].name, "role",
			              v->depts[j].role));
	return json_pack(
	    "{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "id",
	    (json_int_t)t->id, "plan_id", (json_int_t)t->plan_id, "plan",
	    t->plan_title, "region", t->plan_region, "number", t->number,
	    "section", t->section, "text", t->text, "deadline_year",
	    t->deadline_year ? json_integer(t->deadline_year) : json_null(),
	    "deadline_on",
	    t->deadline_on[0] ? json_string(t->deadline_on) : json_null(),
	    "start_on", t->start_on[0] ? json_string(t->start_on) : json_null(),
	    "departments", depts);
}

/* region (default the caller's scope), plan, department, on (default
 * today) */
static int common_params(struct app_ctx *ctx, json_t *params,
                         const char **region, long long *plan, long long *dept,
                         const char **on)
{
	long v;

	*region = NULL;
	if (param_str(params, "region")) {
		if (app_visible_region(ctx, params, region))
			return -1;
	} else if (ctx->who->region[0]) {
		*region = ctx->who->region;
	}
	if (param_long(params, "plan", 0, 0, 1L << 52, &v, &ctx->err))
		return -1;
	*plan = v;
	if (param_long(params, "department", 0, 0, 1L << 52, &v, &ctx->err))
		return -1;
	*dept = v;
	*on = NULL;
	if (param_date(params, "on", on, &ctx->err))
		return -1;
	if (!*on)
		*on = ctx->today;
	return 0;
}

json_t *app_progress_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "plan", "department",
		                               "on", NULL };
	const char *region, *on;
	long long plan, dept;
	struct tp_view v;
	json_t *items;
	long long count[3] = { 0, 0, 0 };

	if (param_only(params, allowed, &ctx->err) ||
	    common_params(ctx, params, &region, &plan, &dept, &on) ||
	    tp_view_load(ctx, region, plan, dept, 0, on, &v))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < v.ntasks; i++) {
		json_t *o = tp_task_json(&v, &v.tasks[i]);

		json_object_set_new(o, "light",
		                    tp_light_json(ctx, &v.tasks[i]));
		json_object_set_new(o, "latest",
		                    v.tasks[i].latest
		                        ? tp_report_json(v.tasks[i].latest)
		                        : json_null());
		count[v.tasks[i].light.colour]++;
		json_array_append_new(items, o);
	}
	return json_pack("{s:s,s:o,s:{s:I,s:I,s:I}}", "on", on, "items", items,
	                 "counts", "green", (json_int_t)count[0], "yellow",
	                 (json_int_t)count[1], "red", (json_int_t)count[2]);
}

/* Roles that owe a monthly report: lead, joint and local; a participating
 * department may report but is not reminded. */
static int owes_reports(const char *role)
{
	return !strcmp(role, "lead") || !strcmp(role, "joint") ||
	       !strcmp(role, "local");
}

static const struct tp_report_row *find_report(const struct tp_view *v,
                                               long long task, long long dept,
                                               const char *period)
{
	for (size_t i = 0; i < v->nreports; i++)
		if (v->reports[i].task_id == task &&
		    v->reports[i].department_id == dept &&
		    !strcmp(v->reports[i].period, period))
			return &v->reports[i];
	return NULL;
}

/* Was the task done by a report of a period before p? */
static int done_before(const struct tp_view *v, long long task, const char *p)
{
	struct exact e;

	for (size_t i = 0; i < v->nreports; i++)
		if (v->reports[i].task_id == task &&
		    strcmp(v->reports[i].period, p) < 0 &&
		    v->reports[i].percent &&
		    !exact_parse(v->reports[i].percent, &e) &&
		    exact_cmp(e, exact_int(100)) >= 0)
			return 1;
	return 0;
}

/* Does the task's span meet month m? */
static int active_in(const struct tp_task *k, int m)
{
	int s = k->start.y * 12 + k->start.m - 1;

	return s <= m && (!k->has_deadline ||
	                  k->deadline.y * 12 + k->deadline.m - 1 >= m);
}

static int prev_month(const char *today)
{
	return month_of(today) - 1;
}

json_t *app_progress_reminders(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "plan", "period",
		                               NULL };
	const char *region, *on, *period = param_str(params, "period");
	long long plan, dept;
	struct tp_view v;
	json_t *overdue, *missing;
	char p[8];
	int m;

	if (param_only(params, allowed, &ctx->err) ||
	    common_params(ctx, params, &region, &plan, &dept, &on))
		return NULL;
	if (period && !tp_period_ok(period))
		return lx_fail(&ctx->err, LX_EMALFORMED, "period",
		               "'period' must be a month, YYYY-MM"),
		       NULL;
	m = period ? month_of(period) : prev_month(ctx->today);
	period_of(m, p);
	if (tp_view_load(ctx, region, plan, 0, 0, ctx->today, &v))
		return NULL;
	overdue = json_array();
	missing = json_array();
	for (size_t i = 0; i < v.ntasks; i++) {
		struct tp_task *k = &v.tasks[i];
		char due[11];

		if (k->light.reason == TASK_OVERDUE) {
			json_t *o = tp_task_json(&v, k);

			json_object_set_new(o, "light", tp_light_json(ctx, k));
			json_array_append_new(overdue, o);
		}
		if (!active_in(k, m) || done_before(&v, k->t->id, p))
			continue;
		tp_due_on(k->policy, p, due);
		for (size_t j = 0; j < v.ndepts; j++) {
			const struct tp_task_dept_row *d = &v.depts[j];

			if (d->task_id != k->t->id || !owes_reports(d->role) ||
			    find_report(&v, d->task_id, d->department_id, p))
				continue;
			json_array_append_new(
			    missing,
			    json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:b}",
			              "task_id", (json_int_t)k->t->id,
			              "task_number", k->t->number, "task",
			              k->t->text, "department_id",
			              (json_int_t)d->department_id,
			              "department", d->name, "role", d->role,
			              "period", p, "due_on", due, "late",
			              strcmp(ctx->today, due) > 0));
		}
	}
	return json_pack("{s:s,s:s,s:o,s:o}", "period", p, "today", ctx->today,
	                 "overdue", overdue, "missing", missing);
}

struct league_row {
	long long id;
	const char *name;
	long long led, colour[3], due, on_time;
};

static struct league_row *league_find(struct league_row *rows, size_t *n,
                                      const struct tp_task_dept_row *d)
{
	for (size_t i = 0; i < *n; i++)
		if (rows[i].id == d->department_id)
			return &rows[i];
	memset(&rows[*n], 0, sizeof(rows[*n]));
	rows[*n].id = d->department_id;
	rows[*n].name = d->name;
	return &rows[(*n)++];
}

static int league_cmp(const void *x, const void *y)
{
	const struct league_row *a = x, *b = y;

	/* the larger on-time share first (cross-multiplied: exact for the
	 * counts met here), then fewer reds, then the directory's order */
	long long l = a->on_time * (b->due ? b->due : 1),
	          r = b->on_time * (a->due ? a->due : 1);
	int ad = a->due > 0, bd = b->due > 0;

	if (ad != bd)
		return bd - ad;
	if (l != r)
		return l < r ? 1 : -1;
	if (a->colour[2] != b->colour[2])
		return a->colour[2] < b->colour[2] ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

json_t *app_progress_league(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "plan", "on", NULL };
	const char *region, *on;
	long long plan, dept;
	struct tp_view v;
	struct league_row *rows;
	size_t n = 0;
	json_t *items;
	int last;

	if (param_only(params, allowed, &ctx->err) ||
	    common_params(ctx, params, &region, &plan, &dept, &on) ||
	    tp_view_load(ctx, region, plan, 0, 0, on, &v))
		return NULL;
	rows = arena_alloc(ctx->arena, (v.ndepts + 1) * sizeof(*rows));
	/* periods whose report is due by the day: up to the month before */
	last = month_of(on) - 1;
	for (size_t j = 0; j < v.ndepts; j++) {
		const struct tp_task_dept_row *d = &v.depts[j];
		struct league_row *row = league_find(rows, &n, d);
		const struct tp_task *k = NULL;

		for (size_t i = 0; i < v.ntasks && !k; i++)
			if (v.tasks[i].t->id == d->task_id)
				k = &v.tasks[i];
		if (!k)
			continue;
		if (!strcmp(d->role, "lead")) {
			row->led++;
			row->colour[k->light.colour]++;
		}
		if (!owes_reports(d->role))
			continue;
		for (int m = k->start.y * 12 + k->start.m - 1; m <= last; m++) {
			char p[8], due[11];
			const struct tp_report_row *r;

			if (!active_in(k, m))
				continue;
			period_of(m, p);
			tp_due_on(k->policy, p, due);
			if (strcmp(due, on) > 0)
				continue;
			row->due++;
			r = find_report(&v, d->task_id, d->department_id, p);
			if (r && strcmp(r->reported_on, due) <= 0)
				row->on_time++;
		}
	}
	qsort(rows, n, sizeof(*rows), league_cmp);
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct exact s;
		char t[EXACT_TEXT_MAX];
		json_t *share = json_null();

		if (rows[i].due &&
		    !exact_frac(rows[i].on_time * 100, rows[i].due, &s))
			share =
			    json_string(exact_format(s, 1, EXACT_HALF_UP, t));
		json_array_append_new(
		    items,
		    json_pack(
		        "{s:i,s:I,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:o}", "rank",
		        (int)i + 1, "department_id", (json_int_t)rows[i].id,
		        "department", rows[i].name, "tasks_led",
		        (json_int_t)rows[i].led, "green",
		        (json_int_t)rows[i].colour[0], "yellow",
		        (json_int_t)rows[i].colour[1], "red",
		        (json_int_t)rows[i].colour[2], "reports_due",
		        (json_int_t)rows[i].due, "reports_on_time",
		        (json_int_t)rows[i].on_time, "on_time_share", share));
	}
	return json_pack("{s:s,s:s,s:o}", "on", on, "rounding", "half_up",
	                 "items", items);
}

json_t *app_progress_mine(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "period", NULL };
	const char *period = param_str(params, "period");
	struct tp_department_row dep;
	long long dept;
	struct tp_view v;
	json_t *items;
	char p[8], due[11] = "";

	if (param_only(params, allowed, &ctx->err))
		return NULL;
	if (period && !tp_period_ok(period))
		return lx_fail(&ctx->err, LX_EMALFORMED, "period",
		               "'period' must be a month, YYYY-MM"),
		       NULL;
	period_of(period ? month_of(period) : prev_month(ctx->today), p);
	if (tp_store_account_department(ctx->db, ctx->who->account_id, &dept,
	                                &ctx->err))
		return NULL;
	/* an account without a department has nothing to report */
	if (!dept)
		return json_pack("{s:s,s:n,s:n,s:[]}", "period", p, "due_on",
		                 "department", "items");
	if (tp_store_department(ctx->db, ctx->arena, dept, "department_id",
	                        &dep, &ctx->err) ||
	    tp_view_load(ctx, NULL, 0, dept, 0, ctx->today, &v))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < v.ntasks; i++) {
		struct tp_task *k = &v.tasks[i];
		const struct tp_report_row *r = find_report(&v, k->t->id, dept,
		                                            p),
		                           *last = NULL;
		json_t *o = tp_task_json(&v, k), *roles = json_array();

		for (size_t j = 0; j < v.ndepts; j++)
			if (v.depts[j].task_id == k->t->id &&
			    v.depts[j].department_id == dept)
				json_array_append_new(
				    roles, json_string(v.depts[j].role));
		for (size_t j = 0; j < v.nreports; j++)
			if (v.reports[j].task_id == k->t->id &&
			    v.reports[j].department_id == dept &&
			    strcmp(v.reports[j].period, p) < 0)
				last = &v.reports[j];
		tp_due_on(k->policy, p, due);
		json_object_set_new(o, "roles", roles);
		json_object_set_new(o, "light", tp_light_json(ctx, k));
		json_object_set_new(o, "report",
		                    r ? tp_report_json(r) : json_null());
		json_object_set_new(o, "previous",
		                    last ? tp_report_json(last) : json_null());
		json_array_append_new(items, o);
	}
	return json_pack("{s:s,s:s,s:{s:I,s:s,s:s},s:o}", "period", p, "due_on",
	                 due, "department", "id", (json_int_t)dep.id, "name",
	                 dep.name, "region", dep.region, "items", items);
}
