#include "app/inspect_food.h"

#include "app/indicators.h"
#include "app/inspect_food_policy.h"
#include "app/inspect_scope.h"
#include "app/inspect_shares.h"
#include "app/params.h"
#include "app/policy.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/region_code.h"
#include "core/role.h"
#include "store/facility_store.h"
#include "store/inspect_food_store.h"
#include "store/region_store.h"

#include <string.h>

#define NOTE_MAX 500

/* The food_safety section that applies to region; NULL with ctx->err set
 * when none does. */
static const struct food_policy *policy_for(struct app_ctx *ctx,
                                            const char *region)
{
	struct policy_view v;

	if (app_policy_view(ctx, region ? region : "", &v))
		return NULL;
	if (!v.food_safety)
		lx_fail(&ctx->err, LX_EINVALID, "region",
		        "no policy file gives food-safety grades for region "
		        "'%s'",
		        region ? region : "");
	return v.food_safety;
}

/* The policies of the regions met, looked up once each. */
struct policy_cache {
	size_t n, cap;
	struct {
		char region[13];
		const struct food_policy *p;
	} * v;
};

static const struct food_policy *
cached_policy(struct app_ctx *ctx, struct policy_cache *c, const char *region)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].region, region))
			return c->v[i].p;
	c->v = arena_grow(ctx->arena, c->v, c->n, &c->cap, sizeof(*c->v));
	snprintf(c->v[c->n].region, sizeof(c->v[c->n].region), "%s", region);
	c->v[c->n].p = policy_for(ctx, region);
	return c->v[c->n++].p;
}

static json_t *grade_json(const struct food_grade_rec *g,
                          const struct food_policy *p)
{
	const struct food_grade_def *d = food_policy_grade(p, g->grade);

	return json_pack("{sI sI ss ss sb ss ss ss}", "id", (json_int_t)g->id,
	                 "facility_id", (json_int_t)g->facility_id, "grade",
	                 g->grade, "grade_name", d ? d->name : "", "good",
	                 d ? d->good : 0, "graded_on", g->graded_on, "note",
	                 g->note ? g->note : "", "recorded_at", g->recorded_at);
}

static int load_visible(struct app_ctx *ctx, long long id, struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, NULL, f, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, f->region, f->id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", id);
	return 0;
}

struct add {
	struct food_grade_rec g;
	const struct food_policy *p;
	json_t *out;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;

	if (inspect_food_store_add(ctx->db, &x->g, ctx->who->account_id,
	                           &ctx->err))
		return -1;
	x->out = grade_json(&x->g, x->p);
	return app_audit(ctx, "create", "food_grade",
	                 arena_printf(ctx->arena, "%lld", x->g.id), NULL,
	                 x->out);
}

static int may_grade(const struct principal *who)
{
	return who->role == ROLE_ADMIN || who->role == ROLE_CITY_OFFICIAL ||
	       who->role == ROLE_COUNTY_OFFICIAL ||
	       who->role == ROLE_DEPT_OFFICIAL;
}

json_t *app_inspect_food_add(struct app_ctx *ctx, long long facility,
                             json_t *body)
{
	static const char *const keys[] = { "grade", "graded_on", "note",
		                            NULL };
	struct add x = { 0 };
	struct facility f;
	struct lx_date d;
	json_t *grade, *on, *note;

	if (load_visible(ctx, facility, &f))
		return NULL;
	if (!may_grade(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the facility's region record "
		               "food-safety grades"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	x.p = policy_for(ctx, f.region);
	if (!x.p)
		return NULL;
	grade = json_object_get(body, "grade");
	on = json_object_get(body, "graded_on");
	note = json_object_get(body, "note");
	if (!json_is_string(grade) ||
	    !food_policy_grade(x.p, json_string_value(grade)))
		return lx_fail(&ctx->err, LX_EINVALID, "grade",
		               "'grade' must be one of the policy's grades "
		               "(A, B, C)"),
		       NULL;
	if (!json_is_string(on))
		return lx_fail(&ctx->err, LX_EINVALID, "graded_on",
		               "'graded_on' is required, YYYY-MM-DD"),
		       NULL;
	if (date_parse_field(json_string_value(on), &d, &ctx->err, "graded_on"))
		return NULL;
	if (strcmp(json_string_value(on), ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "graded_on",
		               "'graded_on' must not be after today"),
		       NULL;
	if (note && !json_is_null(note) &&
	    (!json_is_string(note) || json_string_length(note) > NOTE_MAX))
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "'note' must be text of at most %d bytes",
		               NOTE_MAX),
		       NULL;
	x.g.facility_id = f.id;
	snprintf(x.g.grade, sizeof(x.g.grade), "%s", json_string_value(grade));
	snprintf(x.g.graded_on, sizeof(x.g.graded_on), "%s",
	         json_string_value(on));
	x.g.note = json_is_string(note) ? json_string_value(note) : "";
	snprintf(x.g.recorded_at, sizeof(x.g.recorded_at), "%s", ctx->now);
	if (app_transaction(ctx, add_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_inspect_food_list(struct app_ctx *ctx, long long facility,
                              json_t *params)
{
	static const char *const allowed[] = { "as_of", NULL };
	const struct food_policy *p;
	struct food_grade_rec *g;
	struct facility f;
	size_t n;
	const char *as_of;
	json_t *items;
	long cur;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    load_visible(ctx, facility, &f))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	p = policy_for(ctx, f.region);
	if (!p || inspect_food_store_list(ctx->db, ctx->arena, f.id, NULL, NULL,
	                                  &g, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, grade_json(&g[i], p));
	cur = food_grade_current(g, n, as_of, p->validity_years);
	return json_pack("{ss so so}", "as_of", as_of, "items", items,
	                 "current",
	                 cur >= 0 ? grade_json(&g[cur], p) : json_null());
}

struct tally {
	long long facilities, graded, good;
};

static json_t *tally_json(const struct tally *t)
{
	return json_pack("{sI sI sI so}", "facilities",
	                 (json_int_t)t->facilities, "graded",
	                 (json_int_t)t->graded, "good", (json_int_t)t->good,
	                 "share", inspect_share_json(t->good, t->graded));
}

json_t *app_inspect_food_shares(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "as_of", "kind",
		                               NULL };
	struct facility_query q = { .today = ctx->today,
		                    .status = FSTATUS_OPEN,
		                    .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .sort = "id" };
	struct policy_cache pc = { 0 };
	struct food_grade_rec *g;
	struct facility *v;
	struct region *kids = NULL;
	struct tally all = { 0 }, *by;
	size_t n, ng, nkids = 0, gi = 0;
	long long total;
	const char *kind;
	json_t *items, *rows, *out;

	if (param_only(params, allowed, &ctx->err) ||
	    inspect_scope_region(ctx, params, &q.region) ||
	    param_date(params, "as_of", &q.as_of, &ctx->err))
		return NULL;
	if (!q.as_of)
		q.as_of = ctx->today;
	kind = param_str(params, "kind");
	if (kind && *kind) {
		q.kind = enum_lookup(&facility_kind_names, kind);
		if (q.kind < 0)
			return lx_fail(&ctx->err, LX_EMALFORMED, "kind",
			               "unknown facility kind '%s'", kind),
			       NULL;
	}
	if (ctx->who->role == ROLE_OPERATOR) {
		q.only_ids = 1;
		q.ids = ctx->who->facilities;
		q.nids = ctx->who->nfacilities;
	}
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err) ||
	    inspect_food_store_list(ctx->db, ctx->arena, 0, q.region, q.as_of,
	                            &g, &ng, &ctx->err) ||
	    (q.region && region_store_children(ctx->db, ctx->arena, q.region,
	                                       &kids, &nkids, &ctx->err)))
		return NULL;
	by = arena_alloc(ctx->arena, (nkids + 1) * sizeof(*by));
	memset(by, 0, (nkids + 1) * sizeof(*by));
	items = json_array();
	/* facilities by id; grades by facility: one walk over both */
	for (size_t i = 0; i < n; i++) {
		const struct facility *f = &v[i];
		const struct food_policy *p;
		size_t from, to;
		long cur;
		int good = 0;
		json_t *it;

		while (gi < ng && g[gi].facility_id < f->id)
			gi++;
		from = gi;
		while (gi < ng && g[gi].facility_id == f->id)
			gi++;
		to = gi;
		p = cached_policy(ctx, &pc, f->region);
		if (!p)
			return NULL;
		cur = food_grade_current(g + from, to - from, q.as_of,
		                         p->validity_years);
		it = json_pack("{sI ss ss ss ss ss}", "facility_id",
		               (json_int_t)f->id, "name", f->name, "region",
		               f->region, "region_name",
		               f->region_name ? f->region_name : "", "kind",
		               facility_kind_names.names[f->kind], "kind_label",
		               facility_kind_names.labels_zh[f->kind]);
		if (cur >= 0) {
			const struct food_grade_def *d =
			    food_policy_grade(p, g[from + cur].grade);

			good = d && d->good;
			json_object_set_new(it, "current",
			                    grade_json(&g[from + cur], p));
		} else {
			json_object_set_new(it, "current", json_null());
		}
		json_array_append_new(items, it);
		all.facilities++;
		all.graded += cur >= 0;
		all.good += good;
		for (size_t k = 0; k < nkids; k++)
			if (region_code_is_within(f->region, kids[k].code)) {
				by[k].facilities++;
				by[k].graded += cur >= 0;
				by[k].good += good;
				break;
			}
	}
	rows = json_array();
	for (size_t k = 0; k < nkids; k++) {
		json_t *r = tally_json(&by[k]);

		json_object_set_new(r, "region", json_string(kids[k].code));
		json_object_set_new(r, "region_name",
		                    json_string(kids[k].name));
		json_array_append_new(rows, r);
	}
	out = tally_json(&all);
	json_object_set_new(out, "as_of", json_string(q.as_of));
	json_object_set_new(out, "region",
	                    q.region ? json_string(q.region) : json_null());
	json_object_set_new(out, "by_region", rows);
	json_object_set_new(out, "items", items);
	return out;
}
