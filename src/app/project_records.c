#include "app/project_records.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/date.h"
#include "core/exact.h"
#include "core/project.h"
#include "core/region_code.h"
#include "core/role.h"
#include "store/region_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int project_policy_for(struct app_ctx *ctx, const char *region,
                       const struct project_policy **out)
{
	struct policy_view v;

	if (app_policy_view(ctx, region, &v))
		return -1;
	if (!v.projects || !v.projects->nstages)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no projects policy applies to '%s'", region);
	*out = v.projects;
	return 0;
}

int project_load_visible(struct app_ctx *ctx, long long id,
                         struct project_row *p)
{
	if (project_store_get(ctx->db, ctx->arena, id, p, &ctx->err))
		return -1;
	if (!principal_sees_region(ctx->who, p->region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no project %lld",
		               id);
	return 0;
}

/* The project's milestones in the policy's order, with its light today. */
static json_t *milestones_json(struct app_ctx *ctx,
                               const struct project_policy *pol,
                               const struct project_row *p, json_t *o)
{
	struct project_milestone_row *m = NULL;
	size_t n = 0;
	const char **planned, **actual;
	json_t *list = json_array();
	enum project_light light;
	int late;

	if (project_store_milestones(ctx->db, ctx->arena, p->id, &m, &n,
	                             &ctx->err)) {
		json_decref(list);
		return NULL;
	}
	planned = arena_alloc(ctx->arena, pol->nstages * sizeof(*planned));
	actual = arena_alloc(ctx->arena, pol->nstages * sizeof(*actual));
	for (size_t i = 0; i < pol->nstages; i++) {
		const struct project_milestone_row *hit = NULL;
		json_t *e;

		for (size_t j = 0; j < n; j++)
			if (!strcmp(m[j].stage, pol->stages[i].code))
				hit = &m[j];
		planned[i] = hit ? hit->planned_on : NULL;
		actual[i] = hit ? hit->actual_on : NULL;
		e = json_pack("{s:s, s:s}", "stage", pol->stages[i].code,
		              "name", pol->stages[i].name);
		json_object_set_new(e, "planned_on",
		                    hit && *hit->planned_on
		                        ? json_string(hit->planned_on)
		                        : json_null());
		json_object_set_new(e, "actual_on",
		                    hit && *hit->actual_on
		                        ? json_string(hit->actual_on)
		                        : json_null());
		json_object_set_new(
		    e, "note", json_string(hit && hit->note ? hit->note : ""));
		json_array_append_new(list, e);
	}
	light = project_light_on(planned, actual, pol->nstages, ctx->today,
	                         (long)pol->red_after_days, &late);
	json_object_set_new(o, "milestones", list);
	json_object_set_new(o, "light", json_string(project_light_name(light)));
	json_object_set_new(o, "late_stage",
	                    late >= 0 ? json_string(pol->stages[late].code)
	                              : json_null());
	return o;
}

json_t *project_to_json(struct app_ctx *ctx, const struct project_row *p,
                        int with_milestones)
{
	const struct project_policy *pol = NULL;
	struct lx_error saved = ctx->err;
	char wan[32];
	json_t *o = json_object();
	int t;

	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(
	    o, "plan_id", p->plan_id ? json_integer(p->plan_id) : json_null());
	json_object_set_new(o, "number", json_string(p->number));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "type", json_string(p->type));
	json_object_set_new(o, "region", json_string(p->region));
	json_object_set_new(o, "place", json_string(p->place));
	json_object_set_new(o, "start_year",
	                    p->start_year ? json_integer(p->start_year)
	                                  : json_null());
	json_object_set_new(o, "end_year",
	                    p->end_year ? json_integer(p->end_year)
	                                : json_null());
	json_object_set_new(o, "duration_years",
	                    p->duration_years ? json_integer(p->duration_years)
	                                      : json_null());
	json_object_set_new(o, "investment_wan",
	                    p->has_investment ? json_string(project_wan_format(
	                                            p->investment_fen, wan, 32))
	                                      : json_null());
	json_object_set_new(o, "investment_fen",
	                    p->has_investment ? json_integer(p->investment_fen)
	                                      : json_null());
	json_object_set_new(o, "implementer", json_string(p->implementer));
	json_object_set_new(o, "department_id",
	                    p->department_id ? json_integer(p->department_id)
	                                     : json_null());
	json_object_set_new(o, "beds", json_integer(p->beds));
	json_object_set_new(o, "nursing_beds", json_integer(p->nursing_beds));
	json_object_set_new(o, "slots", json_integer(p->slots));
	json_object_set_new(o, "floor_area",
	                    *p->floor_area ? json_string(p->floor_area)
	                                   : json_null());
	json_object_set_new(o, "content", json_string(p->content));
	json_object_set_new(o, "facility_id",
	                    p->facility_id ? json_integer(p->facility_id)
	                                   : json_null());
	json_object_set_new(o, "in_use_on",
	                    *p->in_use_on ? json_string(p->in_use_on)
	                                  : json_null());
	json_object_set_new(o, "version", json_integer(p->version));
	if (project_policy_for(ctx, p->region, &pol)) {
		ctx->err = saved;
		return o;
	}
	t = project_policy_type(pol, p->type);
	json_object_set_new(o, "type_name",
	                    json_string(t >= 0 ? pol->types[t].name : p->type));
	if (with_milestones && !milestones_json(ctx, pol, p, o)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A whole number field, 0 when absent; -1 with the field named when not
 * a whole number in [0, max]. */
static int int_field(struct app_ctx *ctx, json_t *body, const char *key,
                     long long max, long long *out)
{
	json_t *v = json_object_get(body, key);

	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v) && *json_string_value(v)) {
		char *end;
		long long n = strtoll(json_string_value(v), &end, 10);

		if (!*end && n >= 0 && n <= max) {
			*out = n;
			return 0;
		}
	} else if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	           json_integer_value(v) <= max) {
		*out = json_integer_value(v);
		return 0;
	}
	return lx_fail(&ctx->err, LX_EINVALID, key,
	               "'%s' must be a whole number from 0 to %lld", key, max);
}

static const char *str_field(struct app_ctx *ctx, json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);

	return json_is_string(v)
	           ? arena_strdup(ctx->arena, json_string_value(v))
	           : NULL;
}

/* The fields of a project from body: checked, each error naming its
 * field. Capacity absent from body is read from the content text. */
static int project_from_json(struct app_ctx *ctx, const char *region,
                             json_t *body, struct project_row *p)
{
	static const char *const allowed[] = { "plan_id",
		                               "number",
		                               "name",
		                               "type",
		                               "region",
		                               "place",
		                               "start_year",
		                               "end_year",
		                               "duration_years",
		                               "schedule",
		                               "investment",
		                               "implementer",
		                               "department_id",
		                               "beds",
		                               "nursing_beds",
		                               "slots",
		                               "floor_area",
		                               "content",
		                               NULL };
	const struct project_policy *pol;
	const char *s;
	long long n;
	int t;

	memset(p, 0, sizeof(*p));
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (body_only(body, allowed, &ctx->err))
		return -1;
	s = str_field(ctx, body, "region");
	if (!s)
		s = region;
	if (!s || !region_code_valid(s))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' must be a 12-digit region code");
	if (!region_store_exists(ctx->db, s))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%s'", s);
	if (!principal_sees_region(ctx->who, s))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", s);
	snprintf(p->region, sizeof(p->region), "%s", s);
	if (project_policy_for(ctx, p->region, &pol))
		return -1;
	p->name = (char *)str_field(ctx, body, "name");
	if (!p->name || !*p->name)
		return lx_fail(&ctx->err, LX_EINVALID, "name",
		               "'name' is required");
	s = str_field(ctx, body, "type");
	t = project_policy_type(pol, s);
	if (t < 0)
		return lx_fail(
		    &ctx->err, LX_EINVALID, "type",
		    "'type' must be one of the policy's project types "
		    "(新建, 改扩建, 改建)");
	p->type = (char *)pol->types[t].code;
	p->number = (char *)str_field(ctx, body, "number");
	p->place = (char *)str_field(ctx, body, "place");
	p->implementer = (char *)str_field(ctx, body, "implementer");
	p->content = (char *)str_field(ctx, body, "content");
	if ((s = str_field(ctx, body, "schedule")) && *s) {
		struct project_schedule sc;

		if (project_schedule_read(s, &sc))
			return lx_fail(
			    &ctx->err, LX_EINVALID, "schedule",
			    "'schedule' must be years such as "
			    "2021-2023 or 2025, or a duration such as "
			    "2年");
		p->start_year = sc.start_year;
		p->end_year = sc.end_year;
		p->duration_years = sc.duration_years;
	}
	if (int_field(ctx, body, "start_year", 2200, &n))
		return -1;
	if (n)
		p->start_year = (int)n;
	if (int_field(ctx, body, "end_year", 2200, &n))
		return -1;
	if (n)
		p->end_year = (int)n;
	if (int_field(ctx, body, "duration_years", 100, &n))
		return -1;
	if (n)
		p->duration_years = (int)n;
	if (p->start_year && p->end_year && p->end_year < p->start_year)
		return lx_fail(&ctx->err, LX_EINVALID, "end_year",
		               "'end_year' is before 'start_year'");
	if ((s = str_field(ctx, body, "investment")) && *s) {
		if (project_wan_parse(s, &p->investment_fen))
			return lx_fail(&ctx->err, LX_EINVALID, "investment",
			               "'investment' must be 万元 with at most "
			               "two decimals, such as 21005.72");
		p->has_investment = 1;
	} else if (json_object_get(body, "investment") &&
	           !json_is_null(json_object_get(body, "investment")) && !s) {
		return lx_fail(&ctx->err, LX_EINVALID, "investment",
		               "'investment' must be 万元 as text, such as "
		               "\"21005.72\"");
	}
	if (int_field(ctx, body, "plan_id", 1LL << 53, &p->plan_id) ||
	    int_field(ctx, body, "department_id", 1LL << 53, &p->department_id))
		return -1;
	if (p->plan_id) {
		char r[13];

		if (project_store_plan_region(ctx->db, p->plan_id, r,
		                              &ctx->err))
			return -1;
		if (!principal_sees_region(ctx->who, r))
			return lx_fail(&ctx->err, LX_EINVALID, "plan_id",
			               "no plan_id %lld", p->plan_id);
	}
	if (p->department_id) {
		char r[13];

		if (project_store_department_region(ctx->db, p->department_id,
		                                    r, &ctx->err))
			return -1;
	}
	{
		struct project_capacity cap;

		project_capacity_read(p->content, &cap);
		if (int_field(ctx, body, "beds", 1000000, &p->beds) ||
		    int_field(ctx, body, "nursing_beds", 1000000,
		              &p->nursing_beds) ||
		    int_field(ctx, body, "slots", 1000000, &p->slots))
			return -1;
		if (!json_object_get(body, "beds"))
			p->beds = cap.beds;
		if (!json_object_get(body, "slots"))
			p->slots = cap.slots;
		if (p->nursing_beds > p->beds)
			return lx_fail(&ctx->err, LX_EINVALID, "nursing_beds",
			               "'nursing_beds' is more than 'beds'");
		p->floor_area = (char *)str_field(ctx, body, "floor_area");
		if (p->floor_area && *p->floor_area) {
			struct exact e;

			if (exact_parse(p->floor_area, &e))
				return lx_fail(&ctx->err, LX_EINVALID,
				               "floor_area",
				               "'floor_area' must be m² as a "
				               "number, such as 13350");
		} else {
			p->floor_area =
			    arena_strdup(ctx->arena, cap.floor_area);
		}
	}
	return 0;
}

int project_create_tx(struct app_ctx *ctx, const char *region, json_t *body,
                      long long *id)
{
	struct project_row p;
	char sid[24];
	json_t *after;
	int rc;

	if (project_from_json(ctx, region, body, &p) ||
	    project_store_insert(ctx->db, &p, ctx->now, &ctx->err) ||
	    project_store_get(ctx->db, ctx->arena, p.id, &p, &ctx->err))
		return -1;
	*id = p.id;
	after = project_to_json(ctx, &p, 0);
	snprintf(sid, sizeof(sid), "%lld", p.id);
	rc = app_audit(ctx, "create", "project", sid, NULL, after);
	json_decref(after);
	return rc;
}

struct create_arg {
	const char *region;
	json_t *body;
	long long id;
};

static int create_in_tx(struct app_ctx *ctx, void *arg)
{
	struct create_arg *c = arg;

	return project_create_tx(ctx, c->region, c->body, &c->id);
}

json_t *app_project_create(struct app_ctx *ctx, json_t *params, json_t *body)
{
	static const char *const allowed[] = { "region", NULL };
	struct create_arg c = { NULL, body, 0 };
	struct project_row p;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &c.region, &ctx->err) ||
	    app_transaction(ctx, create_in_tx, &c) ||
	    project_store_get(ctx->db, ctx->arena, c.id, &p, &ctx->err))
		return NULL;
	return project_to_json(ctx, &p, 1);
}

json_t *app_project_get(struct app_ctx *ctx, long long id)
{
	struct project_row p;

	if (project_load_visible(ctx, id, &p))
		return NULL;
	return project_to_json(ctx, &p, 1);
}

/* The region asked for, or the caller's scope; one outside the scope is
 * refused. */
static int list_region(struct app_ctx *ctx, json_t *params, const char **region)
{
	if (param_region(params, "region", region, &ctx->err))
		return -1;
	if (!*region)
		*region = ctx->who->region[0] ? ctx->who->region : NULL;
	else if (!principal_sees_region(ctx->who, *region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region '%s' is outside your scope", *region);
	return 0;
}

json_t *app_project_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "plan", NULL };
	const char *region;
	long plan;
	struct project_row *rows = NULL;
	size_t n = 0;
	json_t *list, *totals;
	long long fen = 0, beds = 0, nursing = 0, slots = 0;
	char wan[32];

	if (param_only(params, allowed, &ctx->err) ||
	    list_region(ctx, params, &region) ||
	    param_long(params, "plan", 0, 0, 2147483647L, &plan, &ctx->err) ||
	    project_store_list(ctx->db, ctx->arena, region, plan, &rows, &n,
	                       &ctx->err))
		return NULL;
	list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = project_to_json(ctx, &rows[i], 1);

		if (!o) {
			json_decref(list);
			return NULL;
		}
		json_array_append_new(list, o);
		fen += rows[i].investment_fen;
		beds += rows[i].beds;
		nursing += rows[i].nursing_beds;
		slots += rows[i].slots;
	}
	totals = json_pack(
	    "{s:I, s:s, s:I, s:I, s:I, s:I}", "count", (json_int_t)n,
	    "investment_wan", project_wan_format(fen, wan, 32),
	    "investment_fen", (json_int_t)fen, "beds", (json_int_t)beds,
	    "nursing_beds", (json_int_t)nursing, "slots", (json_int_t)slots);
	return json_pack("{s:o, s:o}", "projects", list, "totals", totals);
}

struct milestone_arg {
	long long id;
	json_t *body;
};

static int milestone_tx(struct app_ctx *ctx, void *arg)
{
	static const char *const allowed[] = { "stage", "planned_on",
		                               "actual_on", "note", NULL };
	struct milestone_arg *ma = arg;
	const struct project_policy *pol;
	struct project_row p;
	struct project_milestone_row m, *rows = NULL;
	size_t n = 0;
	const char **actual;
	int stage, bad;
	json_t *before, *after;
	char sid[24];
	struct lx_date d;
	const char *s;

	if (!json_is_object(ma->body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (body_only(ma->body, allowed, &ctx->err) ||
	    project_load_visible(ctx, ma->id, &p) ||
	    project_policy_for(ctx, p.region, &pol))
		return -1;
	s = str_field(ctx, ma->body, "stage");
	stage = project_policy_stage(pol, s);
	if (stage < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "stage",
		               "'stage' must be one of the policy's stages");
	if (!strcmp(pol->stages[stage].code, pol->in_use_stage))
		return lx_fail(&ctx->err, LX_EINVALID, "stage",
		               "'%s' is set by putting the project into use",
		               pol->stages[stage].name);
	memset(&m, 0, sizeof(m));
	m.project_id = p.id;
	m.stage = (char *)pol->stages[stage].code;
	m.note = (char *)str_field(ctx, ma->body, "note");
	s = str_field(ctx, ma->body, "planned_on");
	if (s && *s && date_parse_field(s, &d, &ctx->err, "planned_on"))
		return -1;
	snprintf(m.planned_on, sizeof(m.planned_on), "%s", s ? s : "");
	s = str_field(ctx, ma->body, "actual_on");
	if (s && *s && date_parse_field(s, &d, &ctx->err, "actual_on"))
		return -1;
	snprintf(m.actual_on, sizeof(m.actual_on), "%s", s ? s : "");
	if (*m.actual_on && strcmp(m.actual_on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "actual_on",
		               "'actual_on' is in the future");
	/* the order of actual dates, with this one in place */
	if (project_store_milestones(ctx->db, ctx->arena, p.id, &rows, &n,
	                             &ctx->err))
		return -1;
	actual = arena_alloc(ctx->arena, pol->nstages * sizeof(*actual));
	for (size_t i = 0; i < pol->nstages; i++) {
		actual[i] = NULL;
		for (size_t j = 0; j < n; j++)
			if (!strcmp(rows[j].stage, pol->stages[i].code))
				actual[i] = rows[j].actual_on;
	}
	actual[stage] = m.actual_on;
	bad = project_milestone_order(actual, pol->nstages);
	if (bad >= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "actual_on",
		               "%s cannot be dated before an earlier stage",
		               pol->stages[bad].name);
	before = project_to_json(ctx, &p, 1);
	if (project_store_set_milestone(ctx->db, &m, &ctx->err)) {
		json_decref(before);
		return -1;
	}
	after = project_to_json(ctx, &p, 1);
	snprintf(sid, sizeof(sid), "%lld", p.id);
	{
		int rc =
		    app_audit(ctx, "milestone", "project", sid, before, after);

		json_decref(before);
		json_decref(after);
		return rc;
	}
}

json_t *app_project_milestone(struct app_ctx *ctx, long long id, json_t *body)
{
	struct milestone_arg ma = { id, body };

	if (app_transaction(ctx, milestone_tx, &ma))
		return NULL;
	return app_project_get(ctx, id);
}

/* Adds one project into the bucket keyed by key in groups. */
static void add_to(json_t *groups, const char *key, const struct project_row *p)
{
	json_t *g = json_object_get(groups, key);

	if (!g) {
		g = json_pack("{s:I, s:I, s:I, s:I, s:I}", "count",
		              (json_int_t)0, "investment_fen", (json_int_t)0,
		              "beds", (json_int_t)0, "nursing_beds",
		              (json_int_t)0, "slots", (json_int_t)0);
		json_object_set_new(groups, key, g);
	}
#define BUMP(k, v)                                                             \
	json_object_set_new(                                                   \
	    g, k,                                                              \
	    json_integer(json_integer_value(json_object_get(g, k)) + (v)))
	BUMP("count", 1);
	BUMP("investment_fen", p->investment_fen);
	BUMP("beds", p->beds);
	BUMP("nursing_beds", p->nursing_beds);
	BUMP("slots", p->slots);
#undef BUMP
}

/* Each group's investment also as 万元 text. */
static json_t *with_wan(json_t *groups, const char *keyname)
{
	const char *key;
	json_t *g, *list = json_array();
	char wan[32];

	json_object_foreach(groups, key, g)
	{
		json_t *e = json_deep_copy(g);

		json_object_set_new(e, keyname, json_string(key));
		json_object_set_new(e, "investment_wan",
		                    json_string(project_wan_format(
		                        json_integer_value(json_object_get(
		                            g, "investment_fen")),
		                        wan, 32)));
		json_array_append_new(list, e);
	}
	json_decref(groups);
	return list;
}

json_t *app_project_summary(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "plan", NULL };
	const char *region;
	long plan;
	struct project_row *rows = NULL;
	size_t n = 0;
	json_t *by_region = json_object(), *by_year = json_object(),
	       *by_type = json_object(), *all = json_object();

	if (param_only(params, allowed, &ctx->err) ||
	    list_region(ctx, params, &region) ||
	    param_long(params, "plan", 0, 0, 2147483647L, &plan, &ctx->err) ||
	    project_store_list(ctx->db, ctx->arena, region, plan, &rows, &n,
	                       &ctx->err)) {
		json_decref(by_region);
		json_decref(by_year);
		json_decref(by_type);
		json_decref(all);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		char year[16];

		/* a project counts in the year it is to be finished; a
		 * duration with no years counts under "" */
		if (rows[i].end_year)
			snprintf(year, sizeof(year), "%d", rows[i].end_year);
		else
			year[0] = '\0';
		add_to(by_region, rows[i].region, &rows[i]);
		add_to(by_year, year, &rows[i]);
		add_to(by_type, rows[i].type, &rows[i]);
		add_to(all, "all", &rows[i]);
	}
	if (!n)
		add_to(all, "all",
		       &(struct project_row){ .investment_fen = 0 });
	{
		json_t *total = with_wan(all, "scope");
		json_t *t = json_incref(json_array_get(total, 0));

		json_decref(total);
		if (!n)
			json_object_set_new(t, "count", json_integer(0));
		json_object_set_new(t, "scope",
		                    json_string(region ? region : ""));
		return json_pack("{s:o, s:o, s:o, s:o}", "total", t,
		                 "by_region", with_wan(by_region, "region"),
		                 "by_year", with_wan(by_year, "year"),
		                 "by_type", with_wan(by_type, "type"));
	}
}
