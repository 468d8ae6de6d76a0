#include "app/referrals.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/referral_policy.h"
#include "core/referral.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/referral_store.h"
#include "store/region_store.h"

#include <stdio.h>
#include <string.h>

enum { DETAIL_MAX = 2000, NOTE_MAX = 2000 };

/* The policy section that applies to a region, or NULL with err. */
static const struct referral_policy *
policy_for(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view view;

	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.referrals)
		lx_fail(&ctx->err, LX_EINVALID, field,
		        "no policy file states referrals for region '%s'",
		        region);
	return view.referrals;
}

/* Policies looked up once per region during one list. */
struct policy_cache {
	size_t n;
	char (*region)[13];
	const struct referral_policy **p;
};

static const struct referral_policy *
cached(struct app_ctx *ctx, struct policy_cache *c, const char *region)
{
	struct policy_view view;

	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->region[i], region))
			return c->p[i];
	if (!(c->n & (c->n + 1))) {
		/* grows at 0, 1, 3, 7 …: the arena keeps the old arrays */
		size_t cap = 2 * c->n + 2;
		char(*r)[13] = arena_alloc(ctx->arena, cap * sizeof(*r));
		const struct referral_policy **p =
		    arena_alloc(ctx->arena, cap * sizeof(*p));

		if (c->n) {
			memcpy(r, c->region, c->n * sizeof(*r));
			memcpy(p, c->p, c->n * sizeof(*p));
		}
		c->region = r;
		c->p = p;
	}
	snprintf(c->region[c->n], 13, "%s", region);
	c->p[c->n] =
	    app_policy_view(ctx, region, &view) ? NULL : view.referrals;
	lx_error_clear(&ctx->err);
	return c->p[c->n++];
}

static struct referral_facts facts_of(const struct referral_row *r)
{
	struct referral_facts f = {
		.region = r->region,
		.to_kind = (enum referral_to)referral_to_parse(r->to_kind),
		.to_facility = r->to_facility,
		.created_by = r->created_by,
		.status =
		    (enum referral_status)referral_status_parse(r->status),
	};

	return f;
}

struct state {
	int overdue;
	const char *escalation; /* NULL when not escalated */
};

static struct state state_at(const struct referral_policy *p,
                             const struct referral_row *r, long long at)
{
	struct state s = { 0, NULL };
	enum referral_status st =
	    (enum referral_status)referral_status_parse(r->status);
	long long due;
	int level;

	if (referral_time_parse(r->due_at, &due))
		return s;
	s.overdue = referral_overdue_at(st, due, at);
	level = referral_escalation_at(p, st, due, at);
	if (level >= 0)
		s.escalation = p->escalate[level].level;
	return s;
}

static json_t *opt_id(long long id)
{
	return id > 0 ? json_integer(id) : json_null();
}

static json_t *referral_json(const struct referral_policy *p,
                             const struct referral_row *r, long long at)
{
	const struct referral_need *need = referral_policy_need(p, r->need);
	const struct referral_severity *sev =
	    referral_policy_severity(p, r->severity);
	struct state s = state_at(p, r, at);

	return json_pack(
	    "{s:I, s:o, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:o, s:s?, s:s, s:s, s:s, s:s, s:s, s:b, s:s?}",
	    "id", (json_int_t)r->id, "visit_id", opt_id(r->visit_id),
	    "person_id", (json_int_t)r->person_id, "person_name",
	    r->person_name ? r->person_name : "", "region", r->region,
	    "region_name", r->region_name ? r->region_name : "", "need",
	    r->need, "need_label", need ? need->label : r->need, "severity",
	    r->severity, "severity_label", sev ? sev->label : r->severity,
	    "detail", r->detail ? r->detail : "", "to_kind", r->to_kind,
	    "to_facility", opt_id(r->to_facility), "to", r->to_name, "status",
	    r->status, "due_at", r->due_at, "created_by",
	    r->created_by_name ? r->created_by_name : "", "created_at",
	    r->created_at, "updated_at", r->updated_at, "overdue", s.overdue,
	    "escalation", s.escalation);
}

/* The referral with its steps. */
static json_t *full_json(struct app_ctx *ctx, const struct referral_policy *p,
                         const struct referral_row *r, long long at)
{
	struct referral_step_row *v;
	size_t n;
	json_t *o, *steps;

	if (referral_store_steps(ctx->db, ctx->arena, r->id, &v, &n, &ctx->err))
		return NULL;
	o = referral_json(p, r, at);
	steps = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    steps,
		    json_pack("{s:i, s:s, s:s, s:s, s:s}", "seq", v[i].seq,
		              "step", v[i].step, "by",
		              v[i].by_name ? v[i].by_name : "", "at", v[i].at,
		              "note", v[i].note ? v[i].note : ""));
	json_object_set_new(o, "steps", steps);
	return o;
}

static long long now_moment(struct app_ctx *ctx)
{
	long long t = 0;

	referral_time_parse(ctx->now, &t);
	return t;
}

/* The "at" parameter: the moment overdue and escalation are computed
 * for, the server's clock when absent. */
static int param_at(struct app_ctx *ctx, json_t *params, long long *at)
{
	const char *s = param_str(params, "at");

	if (!s) {
		*at = now_moment(ctx);
		return 0;
	}
	if (referral_time_parse(s, at))
		return lx_fail(&ctx->err, LX_EMALFORMED, "at",
		               "'at' must be a UTC moment, "
		               "YYYY-MM-DDTHH:MM:SSZ");
	return 0;
}

static const char *body_text(json_t *body, const char *key)
{
	return json_string_value(json_object_get(body, key));
}

/* An optional string member of at most max bytes: -1 when it is there
 * and not a string or too long. */
static int opt_text(struct app_ctx *ctx, json_t *body, const char *key,
                    size_t max, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return lx_fail(&ctx->err, LX_EINVALID, key, "'%s' must be text",
		               key);
	if (json_string_length(v) > max)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is longer than %zu bytes", key, max);
	*out = json_string_value(v);
	return 0;
}

static long long body_id(struct app_ctx *ctx, json_t *body, const char *key,
                         int required)
{
	json_t *v = json_object_get(body, key);

	if ((!v || json_is_null(v)) && !required)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "give '%s' (a positive whole number)", key);
	return json_integer_value(v);
}

struct raise {
	struct referral_row r;
	const struct referral_policy *p;
	json_t *out;
};

static int raise_in_tx(struct app_ctx *ctx, void *arg)
{
	struct raise *x = arg;
	struct referral_row after;
	int ret;

	if (referral_store_add(ctx->db, &x->r, &ctx->err) ||
	    referral_store_get(ctx->db, ctx->arena, x->r.id, &after, &ctx->err))
		return -1;
	x->out = full_json(ctx, x->p, &after, now_moment(ctx));
	if (!x->out)
		return -1;
	ret =
	    app_audit(ctx, "create", "referral",
	              arena_printf(ctx->arena, "%lld", x->r.id), NULL, x->out);
	if (ret) {
		json_decref(x->out);
		x->out = NULL;
	}
	return ret;
}

/* The receiver: the need's unless the body names another. */
static int receiver(struct app_ctx *ctx, json_t *body,
                    const struct referral_need *need, struct referral_row *r)
{
	const char *kind = body_text(body, "to_kind"), *to;
	int k = need->to_kind;

	if (json_object_get(body, "to_kind")) {
		if ((k = referral_to_parse(kind)) < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "to_kind",
			               "must be 'department', 'facility' or "
			               "'service'");
	}
	if (opt_text(ctx, body, "to", 200, &to))
		return -1;
	r->to_facility = body_id(ctx, body, "to_facility", 0);
	if (r->to_facility < 0)
		return -1;
	snprintf(r->to_kind, sizeof(r->to_kind), "%s",
	         referral_to_name((enum referral_to)k));
	if (k == REFERRAL_TO_FACILITY) {
		struct facility f;

		if (!r->to_facility)
			return lx_fail(&ctx->err, LX_EINVALID, "to_facility",
			               "a referral to a facility names it "
			               "('to_facility', its id)");
		if (facility_store_get(ctx->db, ctx->arena, r->to_facility,
		                       NULL, &f, NULL))
			return lx_fail(&ctx->err, LX_EINVALID, "to_facility",
			               "no facility %lld", r->to_facility);
		r->to_name = f.name;
		return 0;
	}
	if (r->to_facility)
		return lx_fail(&ctx->err, LX_EINVALID, "to_facility",
		               "only a referral to a facility names one");
	if (!to || !*to)
		to = k == (int)need->to_kind ? need->to : NULL;
	if (!to || !*to)
		return lx_fail(&ctx->err, LX_EINVALID, "to",
		               "name the %s the need goes to ('to')",
		               k == REFERRAL_TO_SERVICE ? "service"
		                                        : "department");
	r->to_name = (char *)to;
	return 0;
}

json_t *app_referral_create(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"visit_id", "person_id", "need",        "severity", "detail",
		"to_kind",  "to",        "to_facility", NULL
	};
	struct raise x = { 0 };
	const struct referral_need *need;
	const struct referral_severity *sev;
	const char *detail;
	struct person p;
	long long person_id, t;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    (person_id = body_id(ctx, body, "person_id", 1)) < 0 ||
	    (x.r.visit_id = body_id(ctx, body, "visit_id", 0)) < 0 ||
	    opt_text(ctx, body, "detail", DETAIL_MAX, &detail))
		return NULL;
	if (!body_text(body, "need"))
		return lx_fail(&ctx->err, LX_EINVALID, "need",
		               "give the 'need' found (a code of the "
		               "policy's needs)"),
		       NULL;
	if (!body_text(body, "severity"))
		return lx_fail(&ctx->err, LX_EINVALID, "severity",
		               "give the 'severity' (a code of the policy's "
		               "severities)"),
		       NULL;
	/* a person the caller may not raise referrals for is "no such
	 * person", so that the registry's contents do not leak */
	if (person_store_get(ctx->db, ctx->arena, person_id, &p, NULL) ||
	    strcmp(p.kind, "elderly") ||
	    !referral_may_raise(ctx->who, p.region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no person %lld", person_id),
		       NULL;
	if (p.deceased_on[0])
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "person %lld died on %s", person_id,
		               p.deceased_on),
		       NULL;
	if (x.r.visit_id) {
		long long of = 0;

		if (referral_store_visit_person(ctx->db, x.r.visit_id, &of,
		                                &ctx->err))
			return NULL;
		if (of != person_id)
			return lx_fail(&ctx->err, LX_EINVALID, "visit_id",
			               "visit %lld is not of person %lld",
			               x.r.visit_id, person_id),
			       NULL;
	}
	if (!(x.p = policy_for(ctx, p.region, "person_id")))
		return NULL;
	if (!(need = referral_policy_need(x.p, body_text(body, "need"))))
		return lx_fail(&ctx->err, LX_EINVALID, "need",
		               "'%.40s' is not a need the policy of '%s' "
		               "lists",
		               body_text(body, "need"), p.region),
		       NULL;
	if (!(sev = referral_policy_severity(x.p, body_text(body, "severity"))))
		return lx_fail(&ctx->err, LX_EINVALID, "severity",
		               "'%.40s' is not a severity the policy of '%s' "
		               "lists",
		               body_text(body, "severity"), p.region),
		       NULL;
	if (receiver(ctx, body, need, &x.r))
		return NULL;
	x.r.person_id = person_id;
	snprintf(x.r.region, sizeof(x.r.region), "%s", p.region);
	x.r.need = (char *)need->code;
	x.r.severity = (char *)sev->code;
	x.r.detail = (char *)(detail ? detail : "");
	x.r.created_by = ctx->who->account_id;
	x.r.created_at = ctx->now;
	t = now_moment(ctx) + (long long)sev->hours * 3600;
	referral_time_format(t, x.r.due_at);
	/* a commit that fails after the use case ran leaves its answer */
	if (app_transaction(ctx, raise_in_tx, &x)) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

struct take {
	long long id;
	enum referral_step step;
	const char *from, *to, *note, *due_at;
	const struct referral_policy *p;
	json_t *before, *out;
};

static int take_in_tx(struct app_ctx *ctx, void *arg)
{
	struct take *x = arg;
	struct referral_row after;

	if (referral_store_step(ctx->db, x->id, x->from, x->to,
	                        referral_step_record(x->step), x->due_at,
	                        ctx->who->account_id, ctx->now, x->note,
	                        &ctx->err) ||
	    referral_store_get(ctx->db, ctx->arena, x->id, &after, &ctx->err))
		return -1;
	if (!(x->out = full_json(ctx, x->p, &after, now_moment(ctx))))
		return -1;
	if (app_audit(ctx, referral_step_name(x->step), "referral",
	              arena_printf(ctx->arena, "%lld", x->id), x->before,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

json_t *app_referral_step(struct app_ctx *ctx, long long id, const char *step,
                          json_t *body)
{
	static const char *const keys[] = { "note", NULL };
	struct take x = { .id = id };
	struct referral_row r;
	struct referral_facts f;
	int s = referral_step_parse(step), next;
	enum lx_code may;

	if (s < 0)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "", "no step '%.20s'",
		               step ? step : ""),
		       NULL;
	x.step = (enum referral_step)s;
	if (body && !json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (referral_store_get(ctx->db, ctx->arena, id, &r, NULL))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no referral %lld", id),
		       NULL;
	f = facts_of(&r);
	may = referral_may_take(ctx->who, &f, x.step);
	if (may == LX_ENOTFOUND)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no referral %lld", id),
		       NULL;
	if (may != LX_OK)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               x.step == REFERRAL_CLOSE ||
		                       x.step == REFERRAL_REOPEN
		                   ? "only the township officer or an "
		                     "official above closes or reopens a "
		                     "referral"
		                   : "only the receiving side (or the "
		                     "township acting for it) takes step "
		                     "'%s'",
		               referral_step_name(x.step)),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    opt_text(ctx, body, "note", NOTE_MAX, &x.note))
		return NULL;
	next = referral_next(f.status, x.step);
	if (next < 0 && f.status == REFERRAL_CLOSED)
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "referral %lld is closed: reopen it first", id),
		       NULL;
	if (next < 0)
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               x.step == REFERRAL_CLOSE
		                   ? "referral %lld is '%s': it is closed "
		                     "only after the receiver's feedback"
		                   : "referral %lld is '%s': step '%s' does "
		                     "not follow",
		               id, r.status, referral_step_name(x.step)),
		       NULL;
	if ((x.step == REFERRAL_FEEDBACK || x.step == REFERRAL_REOPEN) &&
	    (!x.note || !*x.note))
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               x.step == REFERRAL_FEEDBACK
		                   ? "the feedback is the 'note': what was "
		                     "done and how the person is"
		                   : "a reopening needs its reason ('note')"),
		       NULL;
	if (!(x.p = policy_for(ctx, r.region, "id")))
		return NULL;
	if (x.step == REFERRAL_REOPEN) {
		/* a reopened referral is a new request: a new deadline */
		const struct referral_severity *sev =
		    referral_policy_severity(x.p, r.severity);
		char *due = arena_alloc(ctx->arena, 21);

		if (sev) {
			referral_time_format(now_moment(ctx) +
			                         (long long)sev->hours * 3600,
			                     due);
			x.due_at = due;
		}
	}
	x.from = r.status;
	x.to = referral_status_name((enum referral_status)next);
	x.before = referral_json(x.p, &r, now_moment(ctx));
	if (app_transaction(ctx, take_in_tx, &x)) {
		json_decref(x.before);
		json_decref(x.out);
		return NULL;
	}
	json_decref(x.before);
	return x.out;
}

json_t *app_referral_get(struct app_ctx *ctx, long long id, json_t *params)
{
	static const char *const allowed[] = { "at", NULL };
	struct referral_row r;
	struct referral_facts f;
	const struct referral_policy *p;
	long long at;

	if (param_only(params, allowed, &ctx->err) ||
	    param_at(ctx, params, &at))
		return NULL;
	if (referral_store_get(ctx->db, ctx->arena, id, &r, NULL) ||
	    (f = facts_of(&r), !referral_may_see(ctx->who, &f)))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no referral %lld", id),
		       NULL;
	if (!(p = policy_for(ctx, r.region, "id")))
		return NULL;
	return full_json(ctx, p, &r, at);
}

static int count_level(json_t *counts, const char *level)
{
	json_t *v = json_object_get(counts, level);

	return json_object_set_new(counts, level,
	                           json_integer(json_integer_value(v) + 1));
}

json_t *app_referral_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = {
		"region", "status",   "overdue", "escalated", "person_id",
		"at",     "visit_id", "limit",   "offset",    NULL
	};
	struct referral_query q = { 0 };
	struct policy_cache cache = { 0 };
	const char *status = param_str(params, "status");
	const char *escalated = param_str(params, "escalated");
	long overdue = 0, limit, offset, person = 0, visit = 0;
	long long at;
	struct referral_row *v;
	size_t n;
	json_int_t total = 0, open = 0, late = 0;
	json_t *items, *counts;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &q.region, &ctx->err) ||
	    param_long(params, "overdue", 0, 0, 1, &overdue, &ctx->err) ||
	    param_long(params, "person_id", 0, 0, 1L << 53, &person,
	               &ctx->err) ||
	    param_long(params, "visit_id", 0, 0, 1L << 53, &visit, &ctx->err) ||
	    param_long(params, "limit", 100, 1, 1000, &limit, &ctx->err) ||
	    param_long(params, "offset", 0, 0, 1L << 30, &offset, &ctx->err) ||
	    param_at(ctx, params, &at))
		return NULL;
	if (status && strcmp(status, "open") &&
	    referral_status_parse(status) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' must be 'open', 'assigned', "
		               "'accepted', 'handled', 'fed_back' or 'closed'"),
		       NULL;
	if (escalated && strcmp(escalated, "township") &&
	    strcmp(escalated, "county") && strcmp(escalated, "city"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "escalated",
		               "'escalated' must be 'township', 'county' or "
		               "'city'"),
		       NULL;
	if (q.region) {
		if (app_visible_region(ctx, params, &q.region))
			return NULL;
	} else if (ctx->who->region[0]) {
		q.region = ctx->who->region;
	}
	/* a visitor sees the referrals it raised */
	if (ctx->who->role == ROLE_VISITOR)
		q.created_by = ctx->who->account_id;
	q.status = status;
	q.person_id = person;
	q.visit_id = visit;
	if (referral_store_list(ctx->db, ctx->arena, &q, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	counts = json_object();
	for (size_t i = 0; i < n; i++) {
		struct referral_facts f = facts_of(&v[i]);
		const struct referral_policy *p;
		struct state s;

		if (!referral_may_see(ctx->who, &f))
			continue;
		p = cached(ctx, &cache, v[i].region);
		s = state_at(p, &v[i], at);
		open += strcmp(v[i].status, "closed") != 0;
		late += s.overdue;
		if (s.escalation)
			count_level(counts, s.escalation);
		if (overdue && !s.overdue)
			continue;
		if (escalated &&
		    (!s.escalation || strcmp(escalated, s.escalation)))
			continue;
		if (total++ < offset || total > offset + limit)
			continue;
		json_array_append_new(items, referral_json(p, &v[i], at));
	}
	json_object_set_new(counts, "open", json_integer(open));
	json_object_set_new(counts, "overdue", json_integer(late));
	{
		char when[21];

		referral_time_format(at, when);
		return json_pack("{s:o, s:I, s:o, s:s}", "items", items,
		                 "total", total, "counts", counts, "at", when);
	}
}

static json_t *options_json(const struct referral_policy *p)
{
	json_t *needs = json_array(), *sev = json_array(), *esc = json_array();

	for (size_t i = 0; i < p->nneeds; i++)
		json_array_append_new(
		    needs,
		    json_pack("{s:s, s:s, s:s, s:s?}", "code", p->needs[i].code,
		              "label", p->needs[i].label, "to_kind",
		              referral_to_name(p->needs[i].to_kind), "to",
		              p->needs[i].to));
	for (size_t i = 0; i < p->nseverities; i++)
		json_array_append_new(sev,
		                      json_pack("{s:s, s:s, s:i}", "code",
		                                p->severities[i].code, "label",
		                                p->severities[i].label, "hours",
		                                p->severities[i].hours));
	for (size_t i = 0; i < p->nescalate; i++)
		json_array_append_new(
		    esc, json_pack("{s:s, s:i}", "level", p->escalate[i].level,
		                   "after_hours", p->escalate[i].after_hours));
	return json_pack("{s:o, s:o, s:o, s:s}", "needs", needs, "severities",
	                 sev, "escalate", esc, "source", p->source);
}

json_t *app_referral_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const struct referral_policy *p;
	const char *region;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (region) {
		if (app_visible_region(ctx, params, &region))
			return NULL;
	} else if (ctx->who->role == ROLE_VISITOR && ctx->who->nareas) {
		region = ctx->who->areas[0];
	} else if (ctx->who->region[0]) {
		region = ctx->who->region;
	} else {
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "give the region's 12-digit code"),
		       NULL;
	}
	if (!(p = policy_for(ctx, region, "region")))
		return NULL;
	return options_json(p);
}
