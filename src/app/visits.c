#include "app/visits.h"

#include "app/params.h"
#include "app/visit_targets.h"
#include "core/bounds.h"
#include "core/date.h"
#include "core/region_code.h"
#include "core/text.h"
#include "core/visit.h"
#include "store/account_store.h"
#include "store/person_store.h"
#include "store/visit_store.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const finding_status[] = { "ok", "concern", "urgent", NULL };

/* The person if the caller's visit work covers them; a person outside
 * is "not found", so scope does not leak existence. */
static int load_person(struct app_ctx *ctx, json_t *id, struct person *p,
                       const char *field)
{
	long long pid = json_is_integer(id) ? json_integer_value(id) : 0;
	struct lx_error e;

	if (!json_is_integer(id) || pid <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "give '%s', the person's id", field);
	if (person_store_get(ctx->db, ctx->arena, pid, p, &e) ||
	    strcmp(p->kind, "elderly") ||
	    !principal_covers_area(ctx->who, p->region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, field,
		               "no elderly person %lld in your area", pid);
	return 0;
}

static const struct visit_policy *policy_of(struct app_ctx *ctx,
                                            const char *region)
{
	const struct visit_policy *vp = app_visit_policy_for(ctx, region);

	if (!vp)
		lx_fail(&ctx->err, LX_EINVALID, "person_id",
		        "no policy with a visits section applies to region %s",
		        region);
	return vp;
}

static int opt_text(struct app_ctx *ctx, json_t *body, const char *key,
                    const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = "";
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return lx_fail(&ctx->err, LX_EINVALID, key, "'%s' must be text",
		               key);
	if (text_utf8_length(json_string_value(v)) > LX_TEXT_CHARS_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is longer than %d characters", key,
		               LX_TEXT_CHARS_MAX);
	*out = arena_strdup(ctx->arena, json_string_value(v));
	return 0;
}

/* A time YYYY-MM-DDTHH:MM, not after now. */
static int past_time(struct app_ctx *ctx, json_t *body, const char *key,
                     int required, char out[17])
{
	json_t *v = json_object_get(body, key);
	char now[17];

	out[0] = '\0';
	if (!v && !required)
		return 0;
	if (!json_is_string(v) || visit_time_check(json_string_value(v)))
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "give '%s' as a local time YYYY-MM-DDTHH:MM",
		               key);
	snprintf(out, 17, "%s", json_string_value(v));
	app_visit_local_now(now);
	if (strcmp(out, now) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' %s is in the future (now %s)", key, out,
		               now);
	return 0;
}

static const char *choice_label(const struct visit_choice *c, size_t n,
                                const char *code)
{
	int i = visit_choice_index(c, n, code);

	return i >= 0 ? c[i].label : code;
}

/* Checks findings against the aspects of the policy and returns them as
 * compact JSON text with the keys sorted. */
static int read_findings(struct app_ctx *ctx, const struct visit_policy *vp,
                         json_t *f, char **out)
{
	const char *key;
	json_t *v;

	if (!f || json_is_null(f)) {
		*out = "{}";
		return 0;
	}
	if (!json_is_object(f))
		return lx_fail(&ctx->err, LX_EINVALID, "findings",
		               "'findings' must be an object of aspects");
	json_object_foreach(f, key, v)
	{
		const char *at = arena_printf(ctx->arena, "findings.%s", key);
		json_t *st = json_object_get(v, "status");
		json_t *note = json_object_get(v, "note");
		const char *sub;
		json_t *x;
		int ok = 0;

		if (visit_choice_index(vp->aspects, vp->naspects, key) < 0)
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "'%s' is not an aspect a visit records "
			               "here",
			               key);
		if (!json_is_object(v))
			return lx_fail(&ctx->err, LX_EINVALID, at,
			               "give {\"status\", \"note\"}");
		json_object_foreach(v, sub, x)
		{
			if (strcmp(sub, "status") && strcmp(sub, "note"))
				return lx_fail(
				    &ctx->err, LX_EINVALID,
				    arena_printf(ctx->arena, "%s.%s", at, sub),
				    "is not a known field");
		}
		for (int i = 0; json_is_string(st) && finding_status[i]; i++)
			ok |= !strcmp(json_string_value(st), finding_status[i]);
		if (!ok)
			return lx_fail(
			    &ctx->err, LX_EINVALID,
			    arena_printf(ctx->arena, "%s.status", at),
			    "must be ok, concern or urgent");
		if (note && !json_is_null(note) &&
		    (!json_is_string(note) ||
		     text_utf8_length(json_string_value(note)) >
		         LX_TEXT_CHARS_MAX))
			return lx_fail(&ctx->err, LX_EINVALID,
			               arena_printf(ctx->arena, "%s.note", at),
			               "must be text of at most %d characters",
			               LX_TEXT_CHARS_MAX);
	}
	{
		char *s = json_dumps(f, JSON_COMPACT | JSON_SORT_KEYS);

		*out = arena_strdup(ctx->arena, s ? s : "{}");
		free(s);
	}
	return 0;
}

static int read_point(struct app_ctx *ctx, json_t *body, struct visit_row *v)
{
	json_t *lat = json_object_get(body, "lat");
	json_t *lon = json_object_get(body, "lon");

	if ((!lat || json_is_null(lat)) && (!lon || json_is_null(lon)))
		return 0;
	if (!json_is_number(lat) || fabs(json_number_value(lat)) > 90)
		return lx_fail(&ctx->err, LX_EINVALID, "lat",
		               "'lat' must be a latitude from -90 to 90, "
		               "given with 'lon'");
	if (!json_is_number(lon) || fabs(json_number_value(lon)) > 180)
		return lx_fail(&ctx->err, LX_EINVALID, "lon",
		               "'lon' must be a longitude from -180 to 180, "
		               "given with 'lat'");
	v->has_point = 1;
	v->lat = json_number_value(lat);
	v->lon = json_number_value(lon);
	return 0;
}

static json_t *visit_json(const struct visit_policy *vp,
                          const struct visit_row *v)
{
	json_t *f = json_loads(v->findings ? v->findings : "{}", 0, NULL);
	json_t *o;

	if (!f)
		f = json_object();
	o = json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o,"
	    " s:s, s:s}",
	    "id", (json_int_t)v->id, "person_id", (json_int_t)v->person_id,
	    "person_name", v->person_name ? v->person_name : "", "region",
	    v->region, "region_name", v->region_name ? v->region_name : "",
	    "visited_at", v->visited_at, "mode", v->mode, "mode_label",
	    vp ? choice_label(vp->modes, vp->nmodes, v->mode) : v->mode,
	    "visitor", v->visitor_name ? v->visitor_name : "", "findings", f,
	    "note", v->note ? v->note : "", "source",
	    v->source ? v->source : "app");
	json_object_set_new(o, "visitor_id",
	                    v->visitor_id ? json_integer(v->visitor_id)
	                                  : json_null());
	json_object_set_new(o, "risk",
	                    v->risk[0] ? json_string(v->risk) : json_null());
	json_object_set_new(o, "lat",
	                    v->has_point ? json_real(v->lat) : json_null());
	json_object_set_new(o, "lon",
	                    v->has_point ? json_real(v->lon) : json_null());
	json_object_set_new(o, "recorded_at",
	                    json_string(v->recorded_at ? v->recorded_at : ""));
	return o;
}

/* Whether the visitor account covers the region. */
static int visitor_covers(struct app_ctx *ctx, long long visitor,
                          const char *region)
{
	struct account acc;
	struct lx_error e;

	if (account_store_get(ctx->db, ctx->arena, visitor, NULL, &acc, &e))
		return 0;
	for (size_t i = 0; i < acc.nareas; i++)
		if (region_code_is_within(region, acc.areas[i]))
			return 1;
	return 0;
}

struct record {
	struct visit_row v;
	json_t *audit;
};

static int record_in_tx(struct app_ctx *ctx, void *arg)
{
	struct record *r = arg;

	/* checked before, and again under the write lock with the unique
	 * index behind it: two taps of the same button write one visit */
	if (visit_store_exists(ctx->db, r->v.person_id, r->v.visitor_id,
	                       r->v.visited_at))
		return lx_fail(&ctx->err, LX_ECONFLICT, "visited_at",
		               "this visit to person %lld at %s is already "
		               "recorded",
		               r->v.person_id, r->v.visited_at);
	if (visit_store_insert(ctx->db, &r->v, ctx->who->account_id, &ctx->err))
		return -1;
	return app_audit(ctx, "create", "visit",
	                 arena_printf(ctx->arena, "%lld", r->v.id), NULL,
	                 r->audit);
}

static int may_record(const struct app_ctx *ctx)
{
	switch (ctx->who->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_VISITOR:
	case ROLE_TOWNSHIP:
		return 1;
	default:
		return 0;
	}
}

int app_visit_record_tx(struct app_ctx *ctx, json_t *body, long long visitor_id,
                        const char *source, long long *id)
{
	static const char *const keys[] = { "person_id", "visited_at", "mode",
		                            "findings",  "risk",       "note",
		                            "lat",       "lon",        NULL };
	const struct visit_policy *vp;
	struct record r;
	struct person p;
	json_t *mode = json_object_get(body, "mode");
	json_t *risk = json_object_get(body, "risk");
	const char *note;
	int rc;

	memset(&r, 0, sizeof(r));
	if (!may_record(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not record visits");
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (body_only(body, keys, &ctx->err) ||
	    load_person(ctx, json_object_get(body, "person_id"), &p,
	                "person_id") ||
	    !(vp = policy_of(ctx, p.region)) ||
	    past_time(ctx, body, "visited_at", 1, r.v.visited_at))
		return -1;
	memcpy(r.v.visited_on, r.v.visited_at, 10);
	if (strcmp(r.v.visited_on, p.birth_date) < 0 ||
	    (p.deceased_on[0] && strcmp(r.v.visited_on, p.deceased_on) > 0))
		return lx_fail(&ctx->err, LX_EINVALID, "visited_at",
		               "the person was not alive on %s",
		               r.v.visited_on);
	if (!json_is_string(mode) ||
	    visit_choice_index(vp->modes, vp->nmodes, json_string_value(mode)) <
	        0) {
		struct abuf b;

		abuf_init(&b, ctx->arena);
		for (size_t i = 0; i < vp->nmodes; i++)
			abuf_printf(&b, "%s%s (%s)", i ? ", " : "",
			            vp->modes[i].code, vp->modes[i].label);
		return lx_fail(&ctx->err, LX_EINVALID, "mode",
		               "'mode' must be one of %s", b.data);
	}
	snprintf(r.v.mode, sizeof(r.v.mode), "%s", json_string_value(mode));
	if (risk && !json_is_null(risk)) {
		if (!json_is_string(risk) ||
		    visit_risk_parse(json_string_value(risk)) < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "risk",
			               "'risk' must be low, medium or high");
		snprintf(r.v.risk, sizeof(r.v.risk), "%s",
		         json_string_value(risk));
	}
	if (read_findings(ctx, vp, json_object_get(body, "findings"),
	                  &r.v.findings) ||
	    opt_text(ctx, body, "note", &note) || read_point(ctx, body, &r.v))
		return -1;
	r.v.note = (char *)note;
	r.v.person_id = p.id;
	memcpy(r.v.region, p.region, sizeof(r.v.region));
	if (visitor_id > 0) {
		struct account acc;
		struct lx_error e;

		if (account_store_get(ctx->db, ctx->arena, visitor_id, NULL,
		                      &acc, &e))
			return lx_fail(&ctx->err, LX_EINVALID, "visitor",
			               "no such visitor");
		if (!visitor_covers(ctx, visitor_id, p.region))
			return lx_fail(&ctx->err, LX_EINVALID, "visitor",
			               "visitor '%s' does not cover the "
			               "person's village",
			               acc.username);
		r.v.visitor_id = visitor_id;
		r.v.visitor_name = acc.display_name && *acc.display_name
		                       ? acc.display_name
		                       : acc.username;
	} else {
		struct account me;
		struct lx_error e;

		r.v.visitor_id = ctx->who->account_id;
		r.v.visitor_name = (char *)ctx->who->username;
		if (r.v.visitor_id > 0 &&
		    !account_store_get(ctx->db, ctx->arena, r.v.visitor_id,
		                       NULL, &me, &e) &&
		    me.display_name && *me.display_name)
			r.v.visitor_name = me.display_name;
	}
	r.v.source = (char *)(source ? source : "app");
	r.v.recorded_at = ctx->now;
	if (visit_store_exists(ctx->db, r.v.person_id, r.v.visitor_id,
	                       r.v.visited_at))
		return lx_fail(&ctx->err, LX_ECONFLICT, "visited_at",
		               "this visit to person %lld at %s is already "
		               "recorded",
		               r.v.person_id, r.v.visited_at);
	r.audit = json_pack(
	    "{s:I, s:s, s:s, s:s?, s:s}", "person_id", (json_int_t)p.id,
	    "visited_at", r.v.visited_at, "mode", r.v.mode, "risk",
	    r.v.risk[0] ? r.v.risk : NULL, "source", r.v.source);
	rc = app_transaction(ctx, record_in_tx, &r);
	json_decref(r.audit);
	if (!rc)
		*id = r.v.id;
	return rc;
}

json_t *app_visit_record(struct app_ctx *ctx, json_t *body)
{
	long long id;

	if (app_visit_record_tx(ctx, body, 0, "app", &id))
		return NULL;
	return app_visit_get(ctx, id, NULL);
}

json_t *app_visit_get(struct app_ctx *ctx, long long id, json_t *params)
{
	struct visit_row v;

	(void)params;
	if (visit_store_get(ctx->db, ctx->arena, id, &v, &ctx->err))
		return NULL;
	if (!principal_covers_area(ctx->who, v.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no visit %lld",
		               id),
		       NULL;
	return visit_json(app_visit_policy_for(ctx, v.region), &v);
}

/* The region parameter, or the caller's own region when absent; one the
 * caller may see (LX_ENOTFOUND otherwise). */
static int scope_region(struct app_ctx *ctx, json_t *params,
                        const char **region)
{
	if (param_region(params, "region", region, &ctx->err))
		return -1;
	if (!*region)
		*region = ctx->who->region[0] ? ctx->who->region : NULL;
	if (*region && !principal_sees_region(ctx->who, *region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region %s in your scope", *region);
	return 0;
}

/* The policies of the regions of a list, each looked up once: a list
 * of visits comes from a few villages. */
struct policy_cache {
	size_t n;
	struct {
		char code[13];
		const struct visit_policy *vp;
	} e[32];
};

static const struct visit_policy *
cached_policy(struct app_ctx *ctx, struct policy_cache *c, const char *region)
{
	const struct visit_policy *vp;

	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->e[i].code, region))
			return c->e[i].vp;
	vp = app_visit_policy_for(ctx, region);
	if (c->n < sizeof(c->e) / sizeof(c->e[0])) {
		snprintf(c->e[c->n].code, sizeof(c->e[c->n].code), "%s",
		         region);
		c->e[c->n++].vp = vp;
	}
	return vp;
}

static int newest_first(const void *a, const void *b)
{
	const struct visit_row *x = a, *y = b;
	int c = strcmp(y->visited_at, x->visited_at);

	return c ? c : (y->id > x->id) - (y->id < x->id);
}

/* A visitor's visits: one query for each of its areas (within the region
 * asked), merged newest first. */
static int visitor_visits(struct app_ctx *ctx, const struct visit_query *q,
                          struct visit_row **out, size_t *n)
{
	struct visit_row *all = NULL;
	size_t len = 0, cap = 0;

	for (size_t k = 0; k < ctx->who->nareas; k++) {
		const char *area = ctx->who->areas[k];
		struct visit_query one = *q;
		struct visit_row *v;
		size_t m;

		if (q->region && !region_code_is_within(area, q->region)) {
			if (!region_code_is_within(q->region, area))
				continue;
			area = q->region;
		}
		one.region = area;
		if (visit_store_list(ctx->db, ctx->arena, &one, &v, &m,
		                     &ctx->err))
			return -1;
		for (size_t i = 0; i < m; i++) {
			all = arena_grow(ctx->arena, all, len, &cap,
			                 sizeof(*all));
			all[len++] = v[i];
		}
	}
	if (len > 1)
		qsort(all, len, sizeof(*all), newest_first);
	*out = all;
	*n = len;
	return 0;
}

json_t *app_visit_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "person_id", "region", "from",
		                               "to",        "limit",  NULL };
	struct visit_query q = { 0 };
	struct visit_row *v;
	size_t n;
	long person, limit;
	json_t *items;
	struct policy_cache pc = { 0 };

	if (param_only(params, allowed, &ctx->err) ||
	    scope_region(ctx, params, &q.region) ||
	    param_long(params, "person_id", 0, 0, LONG_MAX, &person,
	               &ctx->err) ||
	    param_date(params, "from", &q.from, &ctx->err) ||
	    param_date(params, "to", &q.to, &ctx->err) ||
	    param_long(params, "limit", 200, 1, 2000, &limit, &ctx->err))
		return NULL;
	q.person = person;
	q.limit = limit;
	if (ctx->who->role != ROLE_VISITOR) {
		if (visit_store_list(ctx->db, ctx->arena, &q, &v, &n,
		                     &ctx->err))
			return NULL;
	} else if (visitor_visits(ctx, &q, &v, &n)) {
		return NULL;
	}
	items = json_array();
	for (size_t i = 0; i < n && (long)i < limit; i++)
		json_array_append_new(
		    items,
		    visit_json(cached_policy(ctx, &pc, v[i].region), &v[i]));
	return json_pack("{s:o, s:I}", "items", items, "count",
	                 (json_int_t)json_array_size(items));
}

/* ---- major events ---- */

static json_t *event_json(const struct visit_policy *vp,
                          const struct visit_event_row *e)
{
	char due[17] = "";

	if (vp)
		visit_time_add_hours(e->reported_at, vp->event_within_hours,
		                     due);
	return json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
	    (json_int_t)e->id, "person_id", (json_int_t)e->person_id, "region",
	    e->region, "kind", e->kind, "kind_label",
	    vp ? choice_label(vp->events, vp->nevents, e->kind) : e->kind,
	    "occurred_at", e->occurred_at, "reported_at", e->reported_at,
	    "visit_due_by", due, "note", e->note ? e->note : "");
}

struct event_arg {
	struct visit_event_row e;
};

static int event_in_tx(struct app_ctx *ctx, void *arg)
{
	struct event_arg *a = arg;
	json_t *after;
	int ret;

	if (visit_store_add_event(ctx->db, &a->e, ctx->who->account_id,
	                          &ctx->err))
		return -1;
	after = json_pack("{s:I, s:s, s:s, s:s}", "person_id",
	                  (json_int_t)a->e.person_id, "kind", a->e.kind,
	                  "occurred_at", a->e.occurred_at, "reported_at",
	                  a->e.reported_at);
	ret = app_audit(ctx, "create", "visit_event",
	                arena_printf(ctx->arena, "%lld", a->e.id), NULL, after);
	json_decref(after);
	return ret;
}

json_t *app_visit_event_add(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "person_id",   "kind",
		                            "occurred_at", "note",
		                            "reported_at", NULL };
	const struct visit_policy *vp;
	struct event_arg a;
	struct person p;
	json_t *kind = json_object_get(body, "kind");
	const char *note;

	memset(&a, 0, sizeof(a));
	if (!may_record(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not report events"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    load_person(ctx, json_object_get(body, "person_id"), &p,
	                "person_id") ||
	    !(vp = policy_of(ctx, p.region)) ||
	    past_time(ctx, body, "occurred_at", 1, a.e.occurred_at) ||
	    past_time(ctx, body, "reported_at", 0, a.e.reported_at) ||
	    opt_text(ctx, body, "note", &note))
		return NULL;
	if (!json_is_string(kind) ||
	    visit_choice_index(vp->events, vp->nevents,
	                       json_string_value(kind)) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "'kind' is not a major event the policy lists"),
		       NULL;
	snprintf(a.e.kind, sizeof(a.e.kind), "%s", json_string_value(kind));
	/* reported now unless told when it was reported (a call taken
	 * earlier and entered later) */
	if (!a.e.reported_at[0])
		app_visit_local_now(a.e.reported_at);
	if (strcmp(a.e.reported_at, a.e.occurred_at) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "reported_at",
		               "'reported_at' is before 'occurred_at'"),
		       NULL;
	a.e.person_id = p.id;
	memcpy(a.e.region, p.region, sizeof(a.e.region));
	a.e.note = (char *)note;
	if (app_transaction(ctx, event_in_tx, &a))
		return NULL;
	return event_json(vp, &a.e);
}

static int event_newest_first(const void *a, const void *b)
{
	const struct visit_event_row *x = a, *y = b;
	int d = strcmp(y->reported_at, x->reported_at);

	return d ? d : (y->id > x->id) - (y->id < x->id);
}

/* Events in region, newest first, at most limit. A visitor's are read
 * village by village, so that its limit is not spent on other villages'
 * events the township holds. */
static int events_read(struct app_ctx *ctx, const char *region,
                       const char *since, long limit,
                       struct visit_event_row **out, size_t *n)
{
	struct visit_event_row *all = NULL;
	size_t len = 0, cap = 0;

	if (ctx->who->role != ROLE_VISITOR)
		return visit_store_events(ctx->db, ctx->arena, region, since,
		                          limit, out, n, &ctx->err);
	for (size_t a = 0; a < ctx->who->nareas; a++) {
		struct visit_event_row *e;
		size_t k;

		if (!region_code_is_within(ctx->who->areas[a], region) &&
		    !region_code_is_within(region, ctx->who->areas[a]))
			continue;
		if (visit_store_events(
		        ctx->db, ctx->arena,
		        region_code_is_within(region, ctx->who->areas[a])
		            ? region
		            : ctx->who->areas[a],
		        since, limit, &e, &k, &ctx->err))
			return -1;
		for (size_t i = 0; i < k; i++) {
			all = arena_grow(ctx->arena, all, len, &cap,
			                 sizeof(*all));
			all[len++] = e[i];
		}
	}
	if (len)
		qsort(all, len, sizeof(*all), event_newest_first);
	*out = all;
	*n = len < (size_t)limit ? len : (size_t)limit;
	return 0;
}

json_t *app_visit_events(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "since", "limit",
		                               NULL };
	struct visit_event_row *e;
	const char *region, *since;
	size_t n;
	long limit;
	json_t *items;
	struct policy_cache pc = { 0 };

	if (param_only(params, allowed, &ctx->err) ||
	    scope_region(ctx, params, &region) ||
	    param_date(params, "since", &since, &ctx->err) ||
	    param_long(params, "limit", 200, 1, 2000, &limit, &ctx->err) ||
	    events_read(ctx, region, since, limit, &e, &n))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		if (principal_covers_area(ctx->who, e[i].region))
			json_array_append_new(
			    items,
			    event_json(cached_policy(ctx, &pc, e[i].region),
			               &e[i]));
	return json_pack("{s:o}", "items", items);
}

/* ---- tiers set by hand ---- */

static int may_set_tier(const struct app_ctx *ctx)
{
	switch (ctx->who->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_TOWNSHIP:
		return 1;
	default:
		return 0;
	}
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

static int reason_of(struct app_ctx *ctx, json_t *body, const char **out)
{
	if (opt_text(ctx, body, "reason", out))
		return -1;
	if (blank(*out))
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "give the 'reason' for the tier");
	return 0;
}

struct tier_arg {
	struct visit_tier_row cur, t;
	const char *end_reason;
};

static json_t *tier_json(const struct visit_tier_row *t)
{
	return json_pack("{s:I, s:s, s:s, s:s}", "person_id",
	                 (json_int_t)t->person_id, "tier", t->tier, "reason",
	                 t->reason ? t->reason : "", "from", t->start);
}

static int tier_set_in_tx(struct app_ctx *ctx, void *arg)
{
	struct tier_arg *a = arg;
	json_t *before = a->cur.id ? tier_json(&a->cur) : NULL;
	json_t *after = tier_json(&a->t);
	int ret;

	ret = (a->cur.id && visit_store_tier_end(ctx->db, a->cur.id, a->t.start,
	                                         &ctx->err)) ||
	              visit_store_tier_add(ctx->db, &a->t, ctx->who->account_id,
	                                   ctx->now, &ctx->err)
	          ? -1
	          : app_audit(ctx, "update", "visit_tier",
	                      arena_printf(ctx->arena, "%lld", a->t.person_id),
	                      before, after);
	json_decref(before);
	json_decref(after);
	return ret;
}

static int person_by_id(struct app_ctx *ctx, long long id, struct person *p)
{
	json_t *j = json_integer(id);
	int rc = load_person(ctx, j, p, "id");

	json_decref(j);
	return rc;
}

json_t *app_visit_tier_set(struct app_ctx *ctx, long long person, json_t *body)
{
	static const char *const keys[] = { "tier", "reason", "from", NULL };
	const struct visit_policy *vp;
	struct tier_arg a;
	struct person p;
	json_t *tier = json_object_get(body, "tier");
	json_t *from = json_object_get(body, "from");
	const char *reason;
	struct lx_date d;

	memset(&a, 0, sizeof(a));
	if (!may_set_tier(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not set visit tiers"),
		       NULL;
	if (body_only(body, keys, &ctx->err) || person_by_id(ctx, person, &p) ||
	    !(vp = policy_of(ctx, p.region)))
		return NULL;
	if (!json_is_string(tier) ||
	    visit_tier_index(vp, json_string_value(tier)) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "tier",
		               "'tier' is not a tier of the policy"),
		       NULL;
	if (reason_of(ctx, body, &reason))
		return NULL;
	snprintf(a.t.start, sizeof(a.t.start), "%s", ctx->today);
	if (from && !json_is_null(from)) {
		if (!json_is_string(from) ||
		    date_parse_field(json_string_value(from), &d, &ctx->err,
		                     "from"))
			return lx_fail(&ctx->err, LX_EINVALID, "from",
			               "'from' must be a day YYYY-MM-DD"),
			       NULL;
		date_format(d, a.t.start);
	}
	snprintf(a.t.tier, sizeof(a.t.tier), "%s", json_string_value(tier));
	a.t.reason = (char *)reason;
	a.t.person_id = p.id;
	if (visit_store_tier_current(ctx->db, ctx->arena, p.id, a.t.start,
	                             &a.cur, &ctx->err) ||
	    app_transaction(ctx, tier_set_in_tx, &a))
		return NULL;
	return tier_json(&a.t);
}

static int tier_end_in_tx(struct app_ctx *ctx, void *arg)
{
	struct tier_arg *a = arg;
	json_t *before = tier_json(&a->cur);
	json_t *after = json_pack("{s:s, s:s}", "ended", ctx->today, "reason",
	                          a->end_reason);
	int ret =
	    visit_store_tier_end(ctx->db, a->cur.id, ctx->today, &ctx->err)
	        ? -1
	        : app_audit(ctx, "end", "visit_tier",
	                    arena_printf(ctx->arena, "%lld", a->cur.person_id),
	                    before, after);

	json_decref(before);
	json_decref(after);
	return ret;
}

json_t *app_visit_tier_end(struct app_ctx *ctx, long long person, json_t *body)
{
	static const char *const keys[] = { "reason", NULL };
	struct tier_arg a;
	struct person p;

	memset(&a, 0, sizeof(a));
	if (!may_set_tier(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not set visit tiers"),
		       NULL;
	if (body_only(body, keys, &ctx->err) || person_by_id(ctx, person, &p) ||
	    reason_of(ctx, body, &a.end_reason) ||
	    visit_store_tier_current(ctx->db, ctx->arena, p.id, ctx->today,
	                             &a.cur, &ctx->err))
		return NULL;
	if (!a.cur.id)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "tier",
		               "person %lld's tier is not set by hand", p.id),
		       NULL;
	if (app_transaction(ctx, tier_end_in_tx, &a))
		return NULL;
	return json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)p.id,
	                 "ended", ctx->today, "reason", a.end_reason);
}
