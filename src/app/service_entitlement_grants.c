#include "app/service_entitlement_grants.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/service_eligibility.h"
#include "app/service_entitlement_policy.h"
#include "app/service_policy.h"
#include "core/service_entitlement.h"
#include "store/person_scan.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_entitlement_store.h"

#include <stdio.h>
#include <string.h>

/* The year of a grant: this year, or next year for a run made ahead. */
static int grant_year(struct app_ctx *ctx, json_t *v, int *year)
{
	int now = service_year_of(ctx->today);

	*year = now;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < now ||
	    json_integer_value(v) > now + 1)
		return lx_fail(&ctx->err, LX_EINVALID, "year",
		               "'year' must be %d or %d (entitlements are "
		               "granted for this year or the next)",
		               now, now + 1);
	*year = (int)json_integer_value(v);
	return 0;
}

static const char *item_name(const struct policy_view *v, const char *code)
{
	const struct service_item *it =
	    v ? service_policy_item(v->services, code) : NULL;

	return it ? it->name : code;
}

static json_t *row_json(struct app_ctx *ctx, struct service_view_cache *c,
                        const struct entitlement_row *e)
{
	const struct policy_view *v = service_view_of(ctx, c, e->region);
	const struct entitlement_scheme *s =
	    v ? entitlement_policy_scheme(v->entitlements, e->scheme) : NULL;
	json_t *items = json_array();

	for (size_t i = 0; s && i < s->nitems; i++)
		json_array_append_new(
		    items, json_pack("{ss ss}", "code", s->items[i], "name",
		                     item_name(v, s->items[i])));
	return json_pack(
	    "{sI ss ss sI ss ss si sI sI sI so ss ss}", "id", (json_int_t)e->id,
	    "scheme", e->scheme, "scheme_name", s ? s->name : e->scheme,
	    "person_id", (json_int_t)e->person_id, "person_name",
	    e->person_name ? e->person_name : "", "region", e->region, "year",
	    e->year, "granted_fen", (json_int_t)e->granted_fen, "used_fen",
	    (json_int_t)e->used_fen, "balance_fen",
	    (json_int_t)service_balance(e->granted_fen, e->used_fen), "items",
	    items, "basis", e->basis ? e->basis : "", "granted_at",
	    e->granted_at ? e->granted_at : "");
}

/* The day a person is judged on for a year's entitlement: today, or the
 * year's first day when the grant is for a year to come (who turns 60
 * or leaves 低保 before it is judged as they will be then). */
static const char *judged_on(struct app_ctx *ctx, int year)
{
	char first[11];

	snprintf(first, sizeof(first), "%04d-01-01", year);
	return strcmp(first, ctx->today) > 0 ? arena_strdup(ctx->arena, first)
	                                     : ctx->today;
}

struct grant {
	struct person p;
	const struct entitlement_policy *pol;
	const char *scheme;
	int year;
	json_t *out;
};

static int grant_in_tx(struct app_ctx *ctx, void *arg)
{
	struct grant *g = arg;
	struct service_view_cache cache = { 0 };
	size_t qualified = 0, added = 0;
	json_t *list = json_array();

	g->out = json_pack("{so}", "granted", list);
	for (size_t i = 0; i < g->pol->nschemes; i++) {
		const struct entitlement_scheme *s = &g->pol->schemes[i];
		struct entitlement_row r = { 0 };
		const char *basis;
		int inserted;
		char ids[24];
		json_t *after;

		if (g->scheme && strcmp(g->scheme, s->id))
			continue;
		if (!service_person_qualifies(ctx->arena, &g->p,
		                              judged_on(ctx, g->year), &s->who,
		                              &basis))
			continue;
		qualified++;
		r.scheme = (char *)s->id;
		r.person_id = g->p.id;
		r.person_name = g->p.name;
		snprintf(r.region, sizeof(r.region), "%s", g->p.region);
		r.year = g->year;
		r.granted_fen = s->yearly_fen;
		r.basis = (char *)basis;
		r.granted_by = ctx->who->account_id;
		r.granted_at = ctx->now;
		if (entitlement_store_insert(ctx->db, &r, &inserted, &ctx->err))
			return -1;
		if (!inserted)
			continue;
		added++;
		after = row_json(ctx, &cache, &r);
		json_array_append(list, after);
		snprintf(ids, sizeof(ids), "%lld", r.id);
		if (app_audit(ctx, "create", "entitlement", ids, NULL, after)) {
			json_decref(after);
			return -1;
		}
		json_decref(after);
	}
	if (!qualified)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "person %lld does not qualify for %s on %s",
		               g->p.id,
		               g->scheme ? g->scheme : "any entitlement scheme",
		               ctx->today);
	if (!added)
		return lx_fail(&ctx->err, LX_ECONFLICT,
		               g->scheme ? "scheme" : "person_id",
		               "person %lld has the entitlement of %d already",
		               g->p.id, g->year);
	return 0;
}

/* The policy section for a region, or NULL with err naming field. */
static const struct entitlement_policy *
policy_of(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view v;

	if (app_policy_view(ctx, region, &v))
		return NULL;
	if (!v.entitlements || !v.entitlements->nschemes)
		lx_fail(&ctx->err, LX_EINVALID, field,
		        "no policy file states entitlement schemes for region "
		        "'%s'",
		        region);
	return v.entitlements && v.entitlements->nschemes ? v.entitlements
	                                                  : NULL;
}

static int may_grant(struct app_ctx *ctx)
{
	return principal_is_official(ctx->who)
	           ? 0
	           : lx_fail(&ctx->err, LX_EFORBIDDEN, "",
	                     "only officials grant entitlements");
}

json_t *app_entitlement_grant(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "person_id", "scheme", "year",
		                            NULL };
	struct grant g = { 0 };
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (may_grant(ctx) || body_only(body, keys, &ctx->err) ||
	    grant_year(ctx, json_object_get(body, "year"), &g.year))
		return NULL;
	v = json_object_get(body, "person_id");
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "give 'person_id' (a positive whole number)"),
		       NULL;
	v = json_object_get(body, "scheme");
	if (v && !json_is_null(v) &&
	    (!json_is_string(v) || !*json_string_value(v)))
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "'scheme' must be a scheme id of the policy"),
		       NULL;
	g.scheme = json_string_value(v);
	/* a person outside the caller's scope is "no such person" */
	if (person_store_get(
	        ctx->db, ctx->arena,
	        json_integer_value(json_object_get(body, "person_id")), &g.p,
	        NULL) ||
	    !principal_sees_region(ctx->who, g.p.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no person %lld",
		               (long long)json_integer_value(
		                   json_object_get(body, "person_id"))),
		       NULL;
	if (!(g.pol = policy_of(ctx, g.p.region, "person_id")))
		return NULL;
	if (g.scheme && !entitlement_policy_scheme(g.pol, g.scheme))
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "'%.40s' is not a scheme of the policy of '%s'",
		               g.scheme, g.p.region),
		       NULL;
	if (app_transaction(ctx, grant_in_tx, &g)) {
		json_decref(g.out);
		return NULL;
	}
	return g.out;
}

/* One grant the run will write. */
struct pending {
	long long person_id;
	char region[13];
	const struct entitlement_scheme *s;
	const char *basis;
};

struct run {
	const char *region;
	int year;
	long long scanned, eligible, granted, already, fen;
	struct service_view_cache cache;
	struct app_ctx *ctx;
	struct pending *v;
	size_t n, cap;
};

static int run_person(void *arg, struct arena *a,
                      const struct person_scan_row *row)
{
	struct run *r = arg;
	struct app_ctx *ctx = r->ctx;
	const struct person *p = row->person;
	const struct policy_view *view;
	const char *basis;

	(void)a;
	if (strcmp(p->kind, "elderly") ||
	    (p->deceased_on[0] && strcmp(p->deceased_on, ctx->today) <= 0))
		return 0;
	r->scanned++;
	view = service_view_of(ctx, &r->cache, p->region);
	for (size_t i = 0;
	     view && view->entitlements && i < view->entitlements->nschemes;
	     i++) {
		const struct entitlement_scheme *s =
		    &view->entitlements->schemes[i];

		if (!service_person_qualifies(ctx->arena, p,
		                              judged_on(ctx, r->year), &s->who,
		                              &basis))
			continue;
		if (r->n == r->cap) {
			size_t cap = 2 * r->cap + 64;
			struct pending *nv =
			    arena_alloc(ctx->arena, cap * sizeof(*nv));

			if (r->n)
				memcpy(nv, r->v, r->n * sizeof(*nv));
			r->v = nv;
			r->cap = cap;
		}
		r->v[r->n].person_id = p->id;
		snprintf(r->v[r->n].region, 13, "%s", p->region);
		r->v[r->n].s = s;
		r->v[r->n].basis = basis;
		r->n++;
	}
	return 0;
}

static int run_in_tx(struct app_ctx *ctx, void *arg)
{
	struct run *r = arg;
	char key[32];
	json_t *after;
	int rc;

	if (person_store_scan(ctx->db, r->region, run_person, r, &ctx->err))
		return -1;
	r->eligible = (long long)r->n;
	for (size_t i = 0; i < r->n; i++) {
		struct entitlement_row e = { 0 };
		int inserted;

		e.scheme = (char *)r->v[i].s->id;
		e.person_id = r->v[i].person_id;
		snprintf(e.region, sizeof(e.region), "%s", r->v[i].region);
		e.year = r->year;
		e.granted_fen = r->v[i].s->yearly_fen;
		e.basis = (char *)r->v[i].basis;
		e.granted_by = ctx->who->account_id;
		e.granted_at = ctx->now;
		if (entitlement_store_insert(ctx->db, &e, &inserted, &ctx->err))
			return -1;
		if (inserted) {
			r->granted++;
			r->fen += e.granted_fen;
		} else {
			r->already++;
		}
	}
	snprintf(key, sizeof(key), "%s/%d", r->region, r->year);
	after =
	    json_pack("{sI sI sI sI sI}", "scanned", (json_int_t)r->scanned,
	              "eligible", (json_int_t)r->eligible, "granted",
	              (json_int_t)r->granted, "already", (json_int_t)r->already,
	              "granted_fen", (json_int_t)r->fen);
	rc = app_audit(ctx, "run", "entitlement_run", key, NULL, after);
	json_decref(after);
	return rc;
}

json_t *app_entitlement_run(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "region", "year", NULL };
	struct run r = { 0 };

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (may_grant(ctx) || body_only(body, keys, &ctx->err) ||
	    grant_year(ctx, json_object_get(body, "year"), &r.year))
		return NULL;
	if (!json_is_string(json_object_get(body, "region")))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "give 'region' (a 12-digit region code)"),
		       NULL;
	if (app_visible_region(ctx, body, &r.region)) {
		if (ctx->err.code == LX_EMALFORMED)
			ctx->err.code = LX_EINVALID;
		return NULL;
	}
	r.ctx = ctx;
	if (app_transaction(ctx, run_in_tx, &r))
		return NULL;
	return json_pack(
	    "{ss si sI sI sI sI sI}", "region", r.region, "year", r.year,
	    "scanned", (json_int_t)r.scanned, "eligible",
	    (json_int_t)r.eligible, "granted", (json_int_t)r.granted, "already",
	    (json_int_t)r.already, "granted_fen", (json_int_t)r.fen);
}

static json_t *draws_json(struct app_ctx *ctx, struct service_view_cache *c,
                          const struct entitlement_row *e)
{
	const struct policy_view *v = service_view_of(ctx, c, e->region);
	struct entitlement_draw *d;
	size_t n;
	json_t *out;

	if (entitlement_store_draws(ctx->db, ctx->arena, e->id, &d, &n,
	                            &ctx->err))
		return NULL;
	out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    out, json_pack("{sI ss ss ss sI sI sb ss}", "order_id",
		                   (json_int_t)d[i].order_id, "item", d[i].item,
		                   "item_name", item_name(v, d[i].item),
		                   "status", d[i].status, "total_fen",
		                   (json_int_t)d[i].total_fen, "amount_fen",
		                   (json_int_t)d[i].amount_fen, "released",
		                   d[i].released, "placed_at",
		                   d[i].created_at ? d[i].created_at : ""));
	return out;
}

static json_t *person_list(struct app_ctx *ctx, long person, long year)
{
	struct person p;
	struct entitlement_row *e;
	struct service_view_cache cache = { 0 };
	size_t n;
	json_t *items;

	if (person_store_get(ctx->db, ctx->arena, person, &p, NULL) ||
	    !service_may_read_person(ctx, &p))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no person %ld", person),
		       NULL;
	if (entitlement_store_of_person(ctx->db, ctx->arena, person, (int)year,
	                                &e, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = row_json(ctx, &cache, &e[i]);
		json_t *d = draws_json(ctx, &cache, &e[i]);

		if (!d) {
			json_decref(j);
			json_decref(items);
			return NULL;
		}
		json_object_set_new(j, "draws", d);
		json_array_append_new(items, j);
	}
	return json_pack("{sI ss ss so}", "person_id", (json_int_t)person,
	                 "person_name", p.name, "region", p.region, "items",
	                 items);
}

json_t *app_entitlement_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "person_id", "region", "year",
		                               "limit",     "offset", NULL };
	long person = 0, year, limit, offset;
	long now = service_year_of(ctx->today);
	const char *region;
	struct entitlement_row *e;
	struct service_view_cache cache = { 0 };
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "person_id", 0, 0, 1L << 53, &person,
	               &ctx->err) ||
	    param_long(params, "year", person ? 0 : now, 0, 9999, &year,
	               &ctx->err) ||
	    param_long(params, "limit", 100, 1, 1000, &limit, &ctx->err) ||
	    param_long(params, "offset", 0, 0, 1L << 30, &offset, &ctx->err))
		return NULL;
	if (person)
		return person_list(ctx, person, year);
	if (ctx->who->role == ROLE_FAMILY)
		/* a family reads the persons it is linked to, one by one */
		return lx_fail(&ctx->err, LX_EMALFORMED, "person_id",
		               "give 'person_id' (a person linked to the "
		               "account)"),
		       NULL;
	if (app_visible_region(ctx, params, &region))
		return NULL;
	if (entitlement_store_list(ctx->db, ctx->arena, region, (int)year,
	                           offset, limit, &e, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, row_json(ctx, &cache, &e[i]));
	return json_pack("{ss si so}", "region", region, "year", (int)year,
	                 "items", items);
}

static json_t *report_row(struct app_ctx *ctx, struct service_view_cache *c,
                          const char *code, const char *name, int year)
{
	struct entitlement_totals t;
	struct entitlement_item_use *u;
	const struct policy_view *v = service_view_of(ctx, c, code);
	size_t n;
	char rate[EXACT_TEXT_MAX];
	json_t *items;

	if (entitlement_store_totals(ctx->db, code, year, &t, &ctx->err) ||
	    entitlement_store_use_by_item(ctx->db, ctx->arena, code, year, &u,
	                                  &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items, json_pack("{ss ss sI sI}", "item", u[i].item, "name",
		                     item_name(v, u[i].item), "orders",
		                     (json_int_t)u[i].orders, "used_fen",
		                     (json_int_t)u[i].fen));
	return json_pack(
	    "{ss ss sI sI sI ss so}", "region", code, "name", name, "persons",
	    (json_int_t)t.persons, "granted_fen", (json_int_t)t.granted_fen,
	    "used_fen", (json_int_t)t.used_fen, "use_rate",
	    service_use_rate(t.used_fen, t.granted_fen, rate), "items", items);
}

json_t *app_entitlement_report(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "year", NULL };
	long year;
	const char *region;
	struct region self, *kids;
	struct service_view_cache cache = { 0 };
	size_t n;
	json_t *total, *rows;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "year", service_year_of(ctx->today), 2000, 9999,
	               &year, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    region_store_get(ctx->db, ctx->arena, region, &self, &ctx->err) ||
	    region_store_children(ctx->db, ctx->arena, region, &kids, &n,
	                          &ctx->err))
		return NULL;
	if (!(total = report_row(ctx, &cache, region, self.name, (int)year)))
		return NULL;
	rows = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *r = report_row(ctx, &cache, kids[i].code, kids[i].name,
		                       (int)year);

		if (!r) {
			json_decref(rows);
			json_decref(total);
			return NULL;
		}
		json_array_append_new(rows, r);
	}
	return json_pack("{ss ss si so so ss}", "region", region, "name",
	                 self.name, "year", (int)year, "total", total, "rows",
	                 rows, "rounding",
	                 "use_rate = used ÷ granted × 100, two decimals, "
	                 "rounded half up (四舍五入)");
}
