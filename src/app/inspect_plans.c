#include "app/inspect_plans.h"
#include "app/credit_bite.h"

#include "app/indicators.h"
#include "app/inspect_draw_run.h"
#include "app/inspect_plan_policy.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/id_search.h"
#include "core/inspect_draw.h"
#include "core/period.h"
#include "core/role.h"
#include "store/facility_store.h"
#include "store/inspect_plan_store.h"
#include "store/region_store.h"

#include <sodium.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_MAX 200
#define SEED_MAX  200

static const struct inspection_policy *
policy_of(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view view;

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded"),
		       NULL;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.inspections || !view.inspections->nitems)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "no policy of region '%s' has an inspections "
		               "section with items",
		               region),
		       NULL;
	return view.inspections;
}

static const char *status_zh(const char *s)
{
	static const char *const map[][2] = {
		{ "drawn", "已抽取" },     { "published", "已公开" },
		{ "scheduled", "待检查" }, { "in_progress", "检查中" },
		{ "done", "已完成" },      { "cancelled", "已取消" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (!strcmp(map[i][0], s))
			return map[i][1];
	return s;
}

static const char *kind_zh(const char *k)
{
	if (!strcmp(k, "random"))
		return "双随机抽查";
	if (!strcmp(k, "daily"))
		return "日常检查";
	if (!strcmp(k, "special"))
		return "专项检查";
	if (!strcmp(k, "case"))
		return "个案检查";
	return k;
}

/* The inspections section that applies to a region, or NULL. */
static const struct inspection_policy *region_items(struct app_ctx *ctx,
                                                    const char *region)
{
	struct policy_view view;
	const struct inspection_policy *p = NULL;

	if (ctx->policies && !app_policy_view(ctx, region, &view))
		p = view.inspections;
	lx_error_clear(&ctx->err);
	return p;
}

/*
 * The sections of the regions of a list of checks, each looked up once:
 * finding a region's policy reads its chain of parent regions, and a
 * city's plan has tens of thousands of checks over a few hundred regions.
 * `index` maps a region code to its place in `pol`.
 */
struct region_items_memo {
	json_t *index;
	const struct inspection_policy **pol;
	size_t n, cap;
};

static const struct inspection_policy *
memo_items(struct app_ctx *ctx, struct region_items_memo *m, const char *region)
{
	json_t *hit = json_object_get(m->index, region);

	if (hit)
		return m->pol[json_integer_value(hit)];
	m->pol = arena_grow(ctx->arena, m->pol, m->n, &m->cap, sizeof(*m->pol));
	m->pol[m->n] = region_items(ctx, region);
	json_object_set_new(m->index, region, json_integer((json_int_t)m->n));
	return m->pol[m->n++];
}

/* codes "a,b" → [{code, name, domain, department}] from the policy */
static json_t *items_json(struct app_ctx *ctx,
                          const struct inspection_policy *p, const char *codes)
{
	json_t *out = json_array();
	char *s = arena_strdup(ctx->arena, codes ? codes : ""), *save = NULL;

	for (char *c = strtok_r(s, ",", &save); c;
	     c = strtok_r(NULL, ",", &save)) {
		const struct inspection_item *it = inspection_policy_item(p, c);

		json_array_append_new(
		    out,
		    json_pack("{ss ss ss ss}", "code", c, "name",
		              it ? it->name : c, "domain", it ? it->domain : "",
		              "department", it ? it->department : ""));
	}
	return out;
}

/* The first of people[0..n) (sorted by check id, as the store returns
 * them) whose check is `check`, or n: a binary search, so that attaching
 * the inspectors of a plan's tens of thousands of checks is n log n. */
static size_t first_person(const struct inspect_check_person *people, size_t n,
                           long long check)
{
	return id_lower_bound(people, n, sizeof(*people),
	                      offsetof(struct inspect_check_person, check_id),
	                      check);
}

static json_t *checks_json(struct app_ctx *ctx,
                           const struct inspect_check_filter *f)
{
	struct inspect_check_row *rows;
	struct inspect_check_person *people;
	struct region_items_memo memo = { 0 };
	size_t n, np;
	json_t *out;

	if (inspect_store_checks(ctx->db, ctx->arena, f, &rows, &n,
	                         &ctx->err) ||
	    inspect_store_check_people(ctx->db, ctx->arena, f, &people, &np,
	                               &ctx->err))
		return NULL;
	out = json_array();
	memo.index = json_object();
	for (size_t i = 0; i < n; i++) {
		json_t *who = json_array();

		for (size_t k = first_person(people, np, rows[i].id);
		     k < np && people[k].check_id == rows[i].id; k++)
			json_array_append_new(
			    who, json_pack("{sI ss ss}", "account_id",
			                   (json_int_t)people[k].account_id,
			                   "name", people[k].display_name,
			                   "department", people[k].department));
		json_array_append_new(
		    out,
		    json_pack(
		        "{sI so sI ss ss ss ss ss so ss so ss ss so ss so}",
		        "id", (json_int_t)rows[i].id, "plan_id",
		        rows[i].plan_id ? json_integer(rows[i].plan_id)
		                        : json_null(),
		        "facility_id", (json_int_t)rows[i].facility_id,
		        "facility_name", rows[i].facility_name, "address",
		        rows[i].address, "region", rows[i].region, "kind",
		        rows[i].kind, "kind_label", kind_zh(rows[i].kind),
		        "items",
		        items_json(ctx, memo_items(ctx, &memo, rows[i].region),
		                   rows[i].items),
		        "scheduled_on", rows[i].scheduled_on, "notice_on",
		        rows[i].notice_on ? json_string(rows[i].notice_on)
		                          : json_null(),
		        "status", rows[i].status, "status_label",
		        status_zh(rows[i].status), "done_on",
		        rows[i].done_on ? json_string(rows[i].done_on)
		                        : json_null(),
		        "note", rows[i].note, "inspectors", who));
	}
	json_decref(memo.index);
	return out;
}

static json_t *plan_json(struct app_ctx *ctx, const struct inspect_plan_row *p,
                         int with_checks)
{
	struct region reg;
	json_t *j = json_pack("{sI ss ss ss ss ss ss ss ss ss}", "id",
	                      (json_int_t)p->id, "region", p->region, "period",
	                      p->period, "title", p->title, "seed", p->seed,
	                      "algorithm", p->algorithm, "digest", p->digest,
	                      "status", p->status, "status_label",
	                      status_zh(p->status), "drawn_at", p->drawn_at);

	if (!region_store_get(ctx->db, ctx->arena, p->region, &reg, &ctx->err))
		json_object_set_new(j, "region_name", json_string(reg.name));
	lx_error_clear(&ctx->err);
	if (with_checks) {
		struct inspect_check_filter f = { .plan_id = p->id };
		json_t *c = checks_json(ctx, &f);
		json_error_t jerr;

		if (!c) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, "checks", c);
		json_object_set_new(j, "inputs",
		                    json_loads(p->inputs, 0, &jerr));
	}
	return j;
}

/* The rosters and parameters of a plan, in canonical order. */
static json_t *build_inputs(struct app_ctx *ctx,
                            const struct inspection_policy *pol,
                            const char *region, struct period per,
                            const char *period_text)
{
	struct inspect_target_row *tg;
	struct inspect_inspector_row *ins;
	struct inspect_tie_row *ties;
	size_t nt, ni, nties;
	char first[11], last[11], ystart[11], yend[11], from[11];
	struct lx_date d;
	long day, today, end;
	json_t *items = json_array(), *targets = json_array();
	json_t *people = json_array(), *hol = json_array();
	struct period year = { PERIOD_YEAR, per.year, 0 };

	period_first_day(per, first);
	period_last_day(per, last);
	period_first_day(year, ystart);
	period_last_day(year, yend);
	if (inspect_store_targets(ctx->db, ctx->arena, region, first, ystart,
	                          yend, &tg, &nt, &ctx->err) ||
	    inspect_store_inspectors(ctx->db, ctx->arena, region, 1, &ins, &ni,
	                             &ctx->err) ||
	    inspect_store_ties(ctx->db, ctx->arena, region, &ties, &nties,
	                       &ctx->err))
		goto fail;
	for (size_t i = 0; i < pol->nholidays; i++)
		json_array_append_new(hol, json_string(pol->holidays[i]));
	/* the first day a check may fall on: in the period, and late
	 * enough for the notice to be given from today on */
	date_parse(first, &d);
	day = date_to_days(d);
	date_parse(ctx->today, &d);
	today = date_to_days(d);
	date_parse(last, &d);
	end = date_to_days(d);
	if (day < today)
		day = today;
	{
		long *hv = arena_alloc(ctx->arena,
		                       (pol->nholidays + 1) * sizeof(long));

		for (size_t i = 0; i < pol->nholidays; i++) {
			date_parse(pol->holidays[i], &d);
			hv[i] = date_to_days(d);
		}
		while (day <= end &&
		       inspect_notice_day(day,
		                          (unsigned)pol->notice_working_days,
		                          hv, pol->nholidays) < today)
			day++;
	}
	if (day > end) {
		lx_fail(&ctx->err, LX_EINVALID, "period",
		        "period %s has no day left that allows %lld working "
		        "days' notice",
		        period_text, pol->notice_working_days);
		goto fail;
	}
	date_format(date_from_days(day), from);
	for (size_t i = 0; i < pol->nitems; i++) {
		const struct inspection_item *it = &pol->items[i];
		json_t *kinds = json_array();

		for (int k = 0; k < FK__MAX; k++)
			if (it->kinds >> k & 1)
				json_array_append_new(
				    kinds,
				    json_string(facility_kind_names.names[k]));
		json_array_append_new(
		    items,
		    json_pack("{ss ss ss ss so sI sb}", "code", it->code,
		              "name", it->name, "domain", it->domain,
		              "department", it->department, "kinds", kinds,
		              "rate_percent", (json_int_t)it->rate, "floor",
		              !strcmp(it->code, pol->floor_item)));
	}
	for (size_t i = 0; i < nt; i++) {
		int k = enum_lookup(&facility_kind_names, tg[i].kind);
		int floor = k >= 0 && (pol->floor_kinds >> k & 1) &&
		            !tg[i].checked_in_year;
		const char *cls = tg[i].risk_class, *credit = NULL;
		json_t *tj;

		/* a black-listed facility is drawn in the credit policy's
		 * class; the published inputs say so */
		if (credit_bite_draw(ctx, pol, tg[i].region, tg[i].id, first,
		                     &cls, &credit))
			goto fail;
		tj = json_pack("{sI ss ss ss sI sb}", "id",
		               (json_int_t)tg[i].id, "name", tg[i].name, "kind",
		               tg[i].kind, "risk_class", cls, "weight",
		               (json_int_t)inspection_policy_weight(pol, cls),
		               "needs_floor", floor);
		if (credit)
			json_object_set_new(tj, "credit", json_string(credit));
		json_array_append_new(targets, tj);
	}
	for (size_t i = 0; i < ni; i++) {
		json_t *tv = json_array();

		for (size_t k = 0; k < nties; k++)
			if (ties[k].account_id == ins[i].account_id)
				json_array_append_new(
				    tv, json_integer(ties[k].facility_id));
		json_array_append_new(
		    people,
		    json_pack("{sI ss ss so}", "id",
		              (json_int_t)ins[i].account_id, "name",
		              ins[i].display_name[0] ? ins[i].display_name
		                                     : ins[i].username,
		              "department", ins[i].department, "ties", tv));
	}
	return json_pack(
	    "{ss ss ss ss ss sI sI so so so so}", "algorithm",
	    INSPECT_DRAW_ALGORITHM, "region", region, "period", period_text,
	    "first_day", from, "last_day", last, "per_check",
	    (json_int_t)pol->inspectors_per_check, "notice_working_days",
	    (json_int_t)pol->notice_working_days, "holidays", hol, "items",
	    items, "targets", targets, "inspectors", people);
fail:
	json_decref(items);
	json_decref(targets);
	json_decref(people);
	json_decref(hol);
	return NULL;
}

struct create {
	const struct inspection_policy *pol;
	struct period per;
	const char *canon;
	char hex[65];
	struct inspect_plan_row plan;
	json_t *checks;
	json_t *out;
};

/* The roster is read inside the transaction that records the plan: the
 * draw is over one consistent roster, and on SQLite the tens of thousands
 * of per-facility reads (credit standings) share one lock instead of
 * taking and dropping the file lock each. */
static int create_in_tx(struct app_ctx *ctx, void *arg)
{
	struct create *x = arg;
	json_t *c, *inputs;
	size_t i;

	if (!(inputs =
	          build_inputs(ctx, x->pol, x->plan.region, x->per, x->canon)))
		return -1;
	x->checks =
	    inspect_draw_run(ctx->arena, inputs, x->plan.seed, &ctx->err);
	if (!x->checks) {
		json_decref(inputs);
		return -1;
	}
	x->plan.inputs = inspect_inputs_text(ctx->arena, inputs);
	json_decref(inputs);
	inspect_inputs_digest(x->plan.inputs, x->plan.seed, x->hex);
	x->plan.digest = x->hex;
	if (inspect_store_plan_add(ctx->db, &x->plan, &ctx->err))
		return -1;
	json_array_foreach(x->checks, i, c)
	{
		struct inspect_check_row row = { 0 };
		json_t *v;
		size_t k;
		char *codes = "";

		json_array_foreach(json_object_get(c, "items"), k, v) codes =
		    arena_printf(ctx->arena, "%s%s%s", codes, k ? "," : "",
		                 json_string_value(v));
		row.plan_id = x->plan.id;
		row.facility_id =
		    json_integer_value(json_object_get(c, "facility_id"));
		row.kind = "random";
		row.items = codes;
		row.scheduled_on =
		    json_string_value(json_object_get(c, "scheduled_on"));
		row.notice_on =
		    json_string_value(json_object_get(c, "notice_on"));
		row.status = "scheduled";
		if (inspect_store_check_add(ctx->db, &row, ctx->who->account_id,
		                            ctx->now, &ctx->err))
			return -1;
		json_array_foreach(json_object_get(c, "inspectors"), k, v) if (
		    inspect_store_check_inspector_add(ctx->db, row.id,
		                                      json_integer_value(v),
		                                      &ctx->err)) return -1;
	}
	x->out = json_pack("{sI ss ss ss sI}", "id", (json_int_t)x->plan.id,
	                   "region", x->plan.region, "period", x->plan.period,
	                   "digest", x->plan.digest, "checks",
	                   (json_int_t)json_array_size(x->checks));
	return app_audit(ctx, "create", "inspect_plan",
	                 arena_printf(ctx->arena, "%lld", x->plan.id), NULL,
	                 x->out);
}

/* "2027年第一季度双随机抽查计划", "2027年度双随机抽查计划" */
static char *default_title(struct app_ctx *ctx, struct period p)
{
	static const char *const q[] = { "", "一", "二", "三", "四" };

	if (p.kind == PERIOD_QUARTER)
		return arena_printf(ctx->arena, "%d年第%s季度双随机抽查计划",
		                    p.year, q[p.index]);
	return arena_printf(ctx->arena, "%d年度双随机抽查计划", p.year);
}

json_t *app_inspect_plan_create(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "region", "period", "title", "seed",
		                            NULL };
	const char *region = json_string_value(json_object_get(body, "region"));
	const char *ptext = json_string_value(json_object_get(body, "period"));
	json_t *title = json_object_get(body, "title");
	json_t *seed = json_object_get(body, "seed");
	const struct inspection_policy *pol;
	struct create x = { 0 };
	struct period per;
	char canon[8], *seedtext;
	json_t *out;

	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!region || strlen(region) != 12 ||
	    !region_store_exists(ctx->db, region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' must be an existing region code"),
		       NULL;
	if (!principal_may_write_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region %s is outside your scope", region),
		       NULL;
	if (period_parse(ptext, &per, &ctx->err, "period"))
		return NULL;
	if (per.kind == PERIOD_MONTH)
		return lx_fail(&ctx->err, LX_EINVALID, "period",
		               "a plan is for a year (2025) or a quarter "
		               "(2025Q1)"),
		       NULL;
	if (title &&
	    (!json_is_string(title) || json_string_length(title) > TITLE_MAX))
		return lx_fail(&ctx->err, LX_EINVALID, "title",
		               "'title' must be text of at most %d bytes",
		               TITLE_MAX),
		       NULL;
	if (seed && (!json_is_string(seed) || !json_string_length(seed) ||
	             json_string_length(seed) > SEED_MAX))
		return lx_fail(&ctx->err, LX_EINVALID, "seed",
		               "'seed' must be text of 1 to %d bytes",
		               SEED_MAX),
		       NULL;
	if (seed) {
		seedtext = arena_strdup(ctx->arena, json_string_value(seed));
	} else {
		/* the server's own seed, recorded and published */
		unsigned char b[16];

		randombytes_buf(b, sizeof(b));
		seedtext = arena_alloc(ctx->arena, 33);
		sodium_bin2hex(seedtext, 33, b, sizeof(b));
	}
	if (!(pol = policy_of(ctx, region, "region")))
		return NULL;
	period_format(per, canon);
	x.pol = pol;
	x.per = per;
	x.canon = canon;
	x.plan.region = region;
	x.plan.period = canon;
	x.plan.title =
	    title ? json_string_value(title) : default_title(ctx, per);
	x.plan.seed = seedtext;
	x.plan.algorithm = INSPECT_DRAW_ALGORITHM;
	x.plan.status = "drawn";
	x.plan.drawn_by = ctx->who->account_id;
	x.plan.drawn_at = ctx->now;
	if (app_transaction(ctx, create_in_tx, &x)) {
		json_decref(x.checks);
		return NULL;
	}
	json_decref(x.checks);
	json_decref(x.out);
	out = app_inspect_plan_get(ctx, x.plan.id);
	return out;
}

static int load_plan(struct app_ctx *ctx, long long id,
                     struct inspect_plan_row *p)
{
	if (inspect_store_plan_get(ctx->db, ctx->arena, id, p, &ctx->err))
		return -1;
	if (!principal_sees_region(ctx->who, p->region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no inspection plan %lld", id);
	return 0;
}

json_t *app_inspect_plans(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	struct inspect_plan_row *rows;
	const char *region;
	size_t n;
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
	if (inspect_store_plans(ctx->db, ctx->arena, region, &rows, &n,
	                        &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct inspect_check_filter f = { .plan_id = rows[i].id };
		struct inspect_check_row *cr;
		size_t nc = 0;
		json_t *j = plan_json(ctx, &rows[i], 0);

		if (!inspect_store_checks(ctx->db, ctx->arena, &f, &cr, &nc,
		                          &ctx->err))
			json_object_set_new(j, "checks_count",
			                    json_integer((json_int_t)nc));
		json_array_append_new(items, j);
	}
	return json_pack("{so}", "items", items);
}

json_t *app_inspect_plan_get(struct app_ctx *ctx, long long id)
{
	struct inspect_plan_row p;

	if (load_plan(ctx, id, &p))
		return NULL;
	return plan_json(ctx, &p, 1);
}

/* The stored checks in the form the draw answers. */
static json_t *stored_draw(struct app_ctx *ctx, long long plan)
{
	struct inspect_check_filter f = { .plan_id = plan };
	json_t *checks = checks_json(ctx, &f), *out, *c;
	size_t i;

	if (!checks)
		return NULL;
	out = json_array();
	json_array_foreach(checks, i, c)
	{
		json_t *codes = json_array(), *ids = json_array(), *v;
		size_t k;

		json_array_foreach(json_object_get(c, "items"), k, v)
		    json_array_append(codes, json_object_get(v, "code"));
		json_array_foreach(json_object_get(c, "inspectors"), k, v)
		    json_array_append(ids, json_object_get(v, "account_id"));
		json_array_append_new(
		    out, json_pack("{sO so sO sO so}", "facility_id",
		                   json_object_get(c, "facility_id"), "items",
		                   codes, "scheduled_on",
		                   json_object_get(c, "scheduled_on"),
		                   "notice_on", json_object_get(c, "notice_on"),
		                   "inspectors", ids));
	}
	json_decref(checks);
	/* the store lists by day; the draw by facility */
	{
		size_t n = json_array_size(out);
		json_t *sorted = json_array();

		while (json_array_size(sorted) < n) {
			size_t best = 0;
			json_int_t bid = -1;

			json_array_foreach(out, i, c)
			{
				json_int_t id = json_integer_value(
				    json_object_get(c, "facility_id"));

				if (!json_is_null(c) && (bid < 0 || id < bid)) {
					bid = id;
					best = i;
				}
			}
			json_array_append(sorted, json_array_get(out, best));
			json_array_set_new(out, best, json_null());
		}
		json_decref(out);
		out = sorted;
	}
	return out;
}

json_t *app_inspect_plan_verify(struct app_ctx *ctx, long long id)
{
	struct inspect_plan_row p;
	json_t *pub, *res, *inputs;
	json_error_t jerr;

	if (load_plan(ctx, id, &p))
		return NULL;
	inputs = json_loads(p.inputs, 0, &jerr);
	pub = json_pack("{ss so ss so}", "seed", p.seed, "inputs",
	                inputs ? inputs : json_object(), "digest", p.digest,
	                "checks", stored_draw(ctx, id));
	if (!json_object_get(pub, "checks") ||
	    json_is_null(json_object_get(pub, "checks"))) {
		json_decref(pub);
		return NULL;
	}
	res = inspect_verify_publication(ctx->arena, pub, &ctx->err);
	json_decref(pub);
	if (res) {
		json_object_set_new(res, "plan_id", json_integer(id));
		json_object_set_new(
		    res, "label",
		    json_string(json_is_true(json_object_get(res, "matches"))
		                    ? "一致"
		                    : "不一致"));
	}
	return res;
}

struct publish {
	long long id;
};

static int publish_in_tx(struct app_ctx *ctx, void *arg)
{
	struct publish *x = arg;

	if (inspect_store_plan_status(ctx->db, x->id, "drawn", "published",
	                              &ctx->err))
		return -1;
	return app_audit(ctx, "update", "inspect_plan",
	                 arena_printf(ctx->arena, "%lld", x->id), NULL, NULL);
}

json_t *app_inspect_plan_publish(struct app_ctx *ctx, long long id)
{
	struct inspect_plan_row p;
	struct publish x = { id };

	if (load_plan(ctx, id, &p))
		return NULL;
	if (!principal_may_write_region(ctx->who, p.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the plan's region publish "
		               "it"),
		       NULL;
	if (app_transaction(ctx, publish_in_tx, &x))
		return NULL;
	return app_inspect_plan_get(ctx, id);
}

json_t *app_inspect_public_plan(struct app_ctx *ctx, long long id)
{
	struct inspect_plan_row p;
	json_t *inputs, *checks, *list, *c;
	json_error_t jerr;
	size_t i;

	if (inspect_store_plan_get(ctx->db, ctx->arena, id, &p, &ctx->err))
		return NULL;
	if (strcmp(p.status, "published"))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no published inspection plan %lld", id),
		       NULL;
	if (!(checks = stored_draw(ctx, id)))
		return NULL;
	/* names beside ids, for people reading the list */
	inputs = json_loads(p.inputs, 0, &jerr);
	list = json_array();
	json_array_foreach(checks, i, c)
	{
		json_t *fname = json_null(), *names = json_array(), *v, *e;
		size_t k, m;

		json_array_foreach(
		    json_object_get(inputs, "targets"), k,
		    e) if (json_equal(json_object_get(e, "id"),
		                      json_object_get(c, "facility_id")))
		    fname = json_object_get(e, "name");
		json_array_foreach(json_object_get(c, "inspectors"), k, v)
		    json_array_foreach(
		        json_object_get(inputs, "inspectors"), m,
		        e) if (json_equal(json_object_get(e, "id"), v))
		        json_array_append(names, json_object_get(e, "name"));
		json_object_set(c, "facility_name", fname);
		json_object_set_new(c, "inspector_names", names);
		json_array_append(list, c);
	}
	json_decref(list);
	return json_pack("{sI ss ss ss ss ss ss so so}", "id", (json_int_t)p.id,
	                 "region", p.region, "period", p.period, "title",
	                 p.title, "algorithm", p.algorithm, "seed", p.seed,
	                 "digest", p.digest, "inputs",
	                 inputs ? inputs : json_object(), "checks", checks);
}

json_t *app_inspect_checks(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "mine", "day",    "from", "to",
		                               "plan", "region", NULL };
	struct inspect_check_filter f = { 0 };
	const char *day, *from, *to, *region, *mine = param_str(params, "mine");
	long plan;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "day", &day, &ctx->err) ||
	    param_date(params, "from", &from, &ctx->err) ||
	    param_date(params, "to", &to, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "plan", 0, 0, 1L << 50, &plan, &ctx->err))
		return NULL;
	f.plan_id = plan;
	f.day_from = day ? day : from;
	f.day_to = day ? day : to;
	/* an inspector sees only the checks it is on */
	if (ctx->who->role == ROLE_INSPECTOR || (mine && !strcmp(mine, "1")))
		f.account_id = ctx->who->account_id;
	if (!region)
		region = ctx->who->region[0] ? ctx->who->region : NULL;
	if (region && !principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "region %s is outside your scope", region),
		       NULL;
	f.region = region;
	if (!(items = checks_json(ctx, &f)))
		return NULL;
	return json_pack("{so}", "items", items);
}

struct check_create {
	struct inspect_check_row row;
	long long *people;
	size_t npeople;
	json_t *out;
};

static int check_in_tx(struct app_ctx *ctx, void *arg)
{
	struct check_create *x = arg;

	if (inspect_store_check_add(ctx->db, &x->row, ctx->who->account_id,
	                            ctx->now, &ctx->err))
		return -1;
	for (size_t i = 0; i < x->npeople; i++)
		if (inspect_store_check_inspector_add(ctx->db, x->row.id,
		                                      x->people[i], &ctx->err))
			return -1;
	x->out = json_pack("{sI sI ss ss ss}", "id", (json_int_t)x->row.id,
	                   "facility_id", (json_int_t)x->row.facility_id,
	                   "kind", x->row.kind, "items", x->row.items,
	                   "scheduled_on", x->row.scheduled_on);
	return app_audit(ctx, "create", "inspect_check",
	                 arena_printf(ctx->arena, "%lld", x->row.id), NULL,
	                 x->out);
}

json_t *app_inspect_check_create(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "facility_id", "kind",
		                            "items",       "scheduled_on",
		                            "inspectors",  "note",
		                            NULL };
	struct check_create x = { 0 };
	const struct inspection_policy *pol;
	struct facility fac;
	json_t *fid = json_object_get(body, "facility_id");
	json_t *items = json_object_get(body, "items");
	json_t *people = json_object_get(body, "inspectors");
	json_t *note = json_object_get(body, "note"), *v;
	const char *kind = json_string_value(json_object_get(body, "kind"));
	const char *on =
	    json_string_value(json_object_get(body, "scheduled_on"));
	struct lx_date d;
	char *codes = "";
	size_t i;

	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!json_is_integer(fid) || json_integer_value(fid) <= 0 ||
	    facility_store_get(ctx->db, ctx->arena, json_integer_value(fid),
	                       NULL, &fac, &ctx->err) ||
	    !principal_sees_facility(ctx->who, fac.region, fac.id))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "'facility_id' must name a facility in your "
		               "scope"),
		       NULL;
	if (!principal_may_write_region(ctx->who, fac.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the facility's region create "
		               "checks"),
		       NULL;
	if (!kind || (strcmp(kind, "daily") && strcmp(kind, "special") &&
	              strcmp(kind, "case")))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "'kind' must be daily, special or case"),
		       NULL;
	if (date_parse_field(on, &d, &ctx->err, "scheduled_on"))
		return NULL;
	if (!(pol = policy_of(ctx, fac.region, "facility_id")))
		return NULL;
	if (!json_is_array(items) || !json_array_size(items))
		return lx_fail(&ctx->err, LX_EINVALID, "items",
		               "'items' must list item codes of the policy"),
		       NULL;
	json_array_foreach(items, i, v)
	{
		const struct inspection_item *it =
		    inspection_policy_item(pol, json_string_value(v));

		if (!it)
			return lx_fail(&ctx->err, LX_EINVALID, "items",
			               "'items' must list item codes of the "
			               "policy"),
			       NULL;
		codes = arena_printf(ctx->arena, "%s%s%s", codes, i ? "," : "",
		                     it->code);
	}
	if (note && (!json_is_string(note) || json_string_length(note) > 500))
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "'note' must be text of at most 500 bytes"),
		       NULL;
	if (!json_is_array(people) ||
	    json_array_size(people) < (size_t)pol->inspectors_per_check)
		return lx_fail(&ctx->err, LX_EINVALID, "inspectors",
		               "a check needs at least %lld inspectors",
		               pol->inspectors_per_check),
		       NULL;
	x.people = arena_alloc(ctx->arena,
	                       json_array_size(people) * sizeof(*x.people));
	json_array_foreach(people, i, v)
	{
		struct inspect_inspector_row row;
		struct inspect_tie_row *ties;
		size_t nt;

		if (!json_is_integer(v) ||
		    inspect_store_inspector_get(ctx->db, ctx->arena,
		                                json_integer_value(v), &row,
		                                &ctx->err) ||
		    !row.active)
			return lx_fail(&ctx->err, LX_EINVALID, "inspectors",
			               "'inspectors' must be active inspectors "
			               "on the roster"),
			       NULL;
		for (size_t k = 0; k < i; k++)
			if (x.people[k] == row.account_id)
				return lx_fail(&ctx->err, LX_EINVALID,
				               "inspectors",
				               "an inspector is listed twice"),
				       NULL;
		if (inspect_store_ties(ctx->db, ctx->arena, row.region, &ties,
		                       &nt, &ctx->err))
			return NULL;
		for (size_t k = 0; k < nt; k++)
			if (ties[k].account_id == row.account_id &&
			    ties[k].facility_id == fac.id)
				return lx_fail(&ctx->err, LX_EINVALID,
				               "inspectors",
				               "inspector %s is tied to the "
				               "facility "
				               "(%s) and must recuse",
				               row.display_name[0]
				                   ? row.display_name
				                   : row.username,
				               ties[k].reason),
				       NULL;
		x.people[i] = row.account_id;
	}
	x.npeople = json_array_size(people);
	x.row.facility_id = fac.id;
	x.row.kind = kind;
	x.row.items = codes;
	x.row.scheduled_on = on;
	x.row.status = "scheduled";
	x.row.note = note ? json_string_value(note) : "";
	if (strcmp(kind, "case")) {
		/* daily and special checks are announced */
		struct lx_date t;
		long *hv = arena_alloc(ctx->arena,
		                       (pol->nholidays + 1) * sizeof(long));
		long nday;
		char *buf = arena_alloc(ctx->arena, 11);

		for (size_t k = 0; k < pol->nholidays; k++) {
			date_parse(pol->holidays[k], &t);
			hv[k] = date_to_days(t);
		}
		nday = inspect_notice_day(date_to_days(d),
		                          (unsigned)pol->notice_working_days,
		                          hv, pol->nholidays);
		date_parse(ctx->today, &t);
		if (nday < date_to_days(t))
			return lx_fail(
			           &ctx->err, LX_EINVALID, "scheduled_on",
			           "a %s check needs %lld working days' "
			           "notice; the earliest notice day would be "
			           "in the past",
			           kind, pol->notice_working_days),
			       NULL;
		date_format(date_from_days(nday), buf);
		x.row.notice_on = buf;
	}
	if (app_transaction(ctx, check_in_tx, &x))
		return NULL;
	json_decref(x.out);
	{
		struct inspect_check_filter f = { 0 };
		struct inspect_check_row *rows;
		json_t *all, *c, *one = NULL;
		size_t n;

		(void)rows;
		(void)n;
		f.day_from = f.day_to = on;
		all = checks_json(ctx, &f);
		json_array_foreach(
		    all, i,
		    c) if (json_integer_value(json_object_get(c, "id")) ==
		           x.row.id) one = json_incref(c);
		json_decref(all);
		return one;
	}
}
