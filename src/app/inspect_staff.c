#include "app/inspect_staff.h"

#include "app/indicators.h"
#include "app/inspect_scope.h"
#include "app/inspect_shares.h"
#include "app/inspect_staff_policy.h"
#include "app/inspect_staff_tally.h"
#include "app/params.h"
#include "app/people.h"
#include "app/pii.h"
#include "app/policy.h"
#include "core/accepted.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "core/role.h"
#include "store/facility_store.h"
#include "store/inspect_staff_store.h"
#include "store/region_store.h"

#include <ctype.h>
#include <string.h>

#define TEXT_MAX 200

/* The staff sections of the regions met, looked up once each. */
struct policy_cache {
	size_t n, cap;
	struct {
		char region[13];
		const struct staff_policy *p;
	} * v;
};

static const struct staff_policy *
policy_for(struct app_ctx *ctx, struct policy_cache *c, const char *region)
{
	struct policy_view view;

	for (size_t i = 0; c && i < c->n; i++)
		if (!strcmp(c->v[i].region, region))
			return c->v[i].p;
	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.staff)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no policy file gives staff rules for region "
		               "'%s'",
		               region),
		       NULL;
	if (c) {
		c->v =
		    arena_grow(ctx->arena, c->v, c->n, &c->cap, sizeof(*c->v));
		snprintf(c->v[c->n].region, sizeof(c->v[c->n].region), "%s",
		         region);
		c->v[c->n++].p = view.staff;
	}
	return view.staff;
}

/* The codes of the policy's levels or training kinds an error names
 * (core/accepted.h). */
static const char *codes_accepted(struct app_ctx *ctx,
                                  const struct staff_code *codes, size_t n,
                                  const char *word)
{
	const char **names = arena_alloc(ctx->arena, (n + 1) * sizeof(*names));

	for (size_t i = 0; i < n; i++)
		names[i] = codes[i].code;
	return accepted_names(ctx->arena, word, names, n);
}

static const char *occupations_accepted(struct app_ctx *ctx,
                                        const struct staff_policy *p,
                                        const char *word)
{
	const char **names =
	    arena_alloc(ctx->arena, (p->noccupations + 1) * sizeof(*names));

	for (size_t i = 0; i < p->noccupations; i++)
		names[i] = p->occupations[i].code;
	return accepted_names(ctx->arena, word, names, p->noccupations);
}

static int need_keys(struct app_ctx *ctx)
{
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the identifier key file is not loaded");
	return 0;
}

/* The ID number for display: in full only when asked for by a role that
 * may unmask; masked otherwise (first 6 and last 4 kept). */
static const char *shown_id(struct app_ctx *ctx, const struct staff_rec *s,
                            int unmask)
{
	char *plain = ctx->keys ? pii_open(ctx->keys, ctx->arena, s->sealed,
	                                   s->sealed_len)
	                        : NULL;
	char *m;

	if (!plain)
		return "******************";
	if (unmask)
		return plain;
	m = arena_alloc(ctx->arena, strlen(plain) + 1);
	id_number_mask(plain, m, strlen(plain) + 1);
	return m;
}

static json_t *staff_json(struct app_ctx *ctx, const struct staff_rec *s,
                          const struct staff_policy *p, int unmask)
{
	const struct staff_occupation *o =
	    staff_policy_occupation(p, s->occupation);
	const struct staff_code *l = staff_policy_level(p, s->cert_level);

	return json_pack(
	    "{sI sI ss ss ss ss ss ss sb ss ss ss ss ss? sb}", "id",
	    (json_int_t)s->id, "facility_id", (json_int_t)s->facility_id,
	    "facility_name", s->facility_name ? s->facility_name : "", "region",
	    s->region ? s->region : "", "name", s->name, "id_number",
	    shown_id(ctx, s, unmask), "occupation", s->occupation,
	    "occupation_name", o ? o->name : s->occupation,
	    "occupation_certified", o ? o->certified : 0, "certificate",
	    s->certificate ? s->certificate : "", "cert_level",
	    s->cert_level ? s->cert_level : "", "cert_level_name",
	    l ? l->name : "", "contract_from", s->contract_from, "contract_to",
	    s->contract_to[0] ? s->contract_to : NULL, "active",
	    staff_active_on(s->contract_from, s->contract_to, ctx->today));
}

static json_t *event_json(const struct staff_event *e,
                          const struct staff_policy *p)
{
	const struct staff_code *k = staff_policy_kind(p, e->kind);

	return json_pack("{sI sI ss ss ss sI ss}", "id", (json_int_t)e->id,
	                 "staff_id", (json_int_t)e->staff_id, "kind", e->kind,
	                 "kind_name",
	                 !strcmp(e->kind, "health_check") ? "健康检查"
	                 : k                              ? k->name
	                                                  : e->kind,
	                 "on", e->on, "hours", (json_int_t)e->hours, "text",
	                 e->text ? e->text : "");
}

/* ---- input ---- */

static int text_field(struct app_ctx *ctx, json_t *body, const char *key,
                      int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v) ||
	    (json_is_string(v) && !json_string_length(v))) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is required", key);
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > TEXT_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of at most %d bytes", key,
		               TEXT_MAX);
	*out = json_string_value(v);
	return 0;
}

static int date_field(struct app_ctx *ctx, json_t *body, const char *key,
                      int required, const char **out)
{
	struct lx_date d;

	if (text_field(ctx, body, key, required, out))
		return -1;
	if (*out && date_parse_field(*out, &d, &ctx->err, key))
		return -1;
	return 0;
}

static int load_facility(struct app_ctx *ctx, long long id, struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, NULL, f, &ctx->err)) {
		if (ctx->err.code == LX_ENOTFOUND)
			lx_fail(&ctx->err, LX_ENOTFOUND, "facility_id",
			        "no facility %lld", id);
		return -1;
	}
	if (!principal_sees_facility(ctx->who, f->region, f->id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "facility_id",
		               "no facility %lld", id);
	return 0;
}

static int may_write(struct app_ctx *ctx, const char *region, long long fid)
{
	if (!principal_may_write_facility(ctx->who, region, fid))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only the facility's operator and officials "
		               "of its region keep its staff records");
	return 0;
}

static int load_staff(struct app_ctx *ctx, long long id, struct staff_rec *s)
{
	if (inspect_staff_store_get(ctx->db, ctx->arena, id, s, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, s->region, s->facility_id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no staff %lld",
		               id);
	return 0;
}

static int sector_fits(enum staff_sector s, int kind)
{
	if (s == STAFF_ELDERLY)
		return facility_kind_is_elderly(kind);
	if (s == STAFF_CHILDCARE)
		return facility_kind_is_childcare(kind);
	return 1;
}

struct add {
	struct staff_rec s;
	const struct staff_policy *p;
	json_t *out;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;

	if (inspect_staff_store_add(ctx->db, &x->s, &ctx->err)) {
		/* the UNIQUE index: one contract a person, facility and day */
		if (ctx->err.code == LX_ECONFLICT)
			lx_fail(&ctx->err, LX_ECONFLICT, "id_number",
			        "this person already has a contract from %s at "
			        "this facility",
			        x->s.contract_from);
		return -1;
	}
	x->out = staff_json(ctx, &x->s, x->p, 0);
	/* the audit keeps the masked number only */
	return app_audit(ctx, "create", "staff",
	                 arena_printf(ctx->arena, "%lld", x->s.id), NULL,
	                 x->out);
}

/* Checks body and fills x for add_in_tx; 0, or -1 with ctx->err naming
 * the field. Writes nothing. */
static int staff_prepare(struct app_ctx *ctx, json_t *body, struct add *x)
{
	static const char *const keys[] = {
		"facility_id",   "id_number",   "name",
		"occupation",    "certificate", "cert_level",
		"contract_from", "contract_to", NULL
	};
	struct facility f;
	struct id_info info;
	const char *idn, *name, *occ, *cert, *level, *from, *to;
	const struct staff_occupation *o;
	json_t *fid = json_object_get(body, "facility_id");
	char *norm;

	if (body_only(body, keys, &ctx->err))
		return -1;
	if (!json_is_integer(fid) || json_integer_value(fid) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "'facility_id' must be a facility's id"),
		       -1;
	if (load_facility(ctx, json_integer_value(fid), &f) ||
	    may_write(ctx, f.region, f.id) || need_keys(ctx))
		return -1;
	x->p = policy_for(ctx, NULL, f.region);
	if (!x->p || text_field(ctx, body, "id_number", 1, &idn) ||
	    text_field(ctx, body, "name", 1, &name) ||
	    text_field(ctx, body, "occupation", 1, &occ) ||
	    text_field(ctx, body, "certificate", 0, &cert) ||
	    text_field(ctx, body, "cert_level", 0, &level) ||
	    date_field(ctx, body, "contract_from", 1, &from) ||
	    date_field(ctx, body, "contract_to", 0, &to))
		return -1;
	norm = arena_strdup(ctx->arena, idn);
	for (char *c = norm; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (id_number_parse(norm, &info, &ctx->err, "id_number"))
		return -1;
	o = staff_policy_occupation(x->p, occ);
	if (!o)
		return lx_fail(&ctx->err, LX_EINVALID, "occupation",
		               "'occupation' must be one of the policy's "
		               "occupations, not '%.40s' (%s)",
		               occ, occupations_accepted(ctx, x->p, occ)),
		       -1;
	if (!sector_fits(o->sector, f.kind))
		return lx_fail(&ctx->err, LX_EINVALID, "occupation",
		               "%s is not an occupation of a %s", o->name,
		               facility_kind_names.labels_zh[f.kind]),
		       -1;
	if (level && !staff_policy_level(x->p, level))
		return lx_fail(&ctx->err, LX_EINVALID, "cert_level",
		               "'cert_level' must be one of the policy's "
		               "certificate levels, not '%.40s' (%s)",
		               level,
		               codes_accepted(ctx, x->p->levels, x->p->nlevels,
		                              level)),
		       -1;
	if (level && !cert)
		return lx_fail(&ctx->err, LX_EINVALID, "certificate",
		               "a certificate level needs the certificate"),
		       -1;
	if (to && strcmp(to, from) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "contract_to",
		               "'contract_to' must not be before "
		               "'contract_from'"),
		       -1;
	x->s.facility_id = f.id;
	x->s.facility_name = f.name;
	x->s.region = f.region;
	x->s.facility_kind = f.kind;
	pii_hash(ctx->keys, norm, x->s.hash);
	x->s.sealed = pii_seal(ctx->keys, ctx->arena, norm, &x->s.sealed_len);
	x->s.name = (char *)name;
	x->s.occupation = (char *)occ;
	x->s.certificate = (char *)(cert ? cert : "");
	x->s.cert_level = (char *)(level ? level : "");
	snprintf(x->s.contract_from, sizeof(x->s.contract_from), "%s", from);
	snprintf(x->s.contract_to, sizeof(x->s.contract_to), "%s",
	         to ? to : "");
	snprintf(x->s.recorded_at, sizeof(x->s.recorded_at), "%s", ctx->now);
	return 0;
}

int app_inspect_staff_add_tx(struct app_ctx *ctx, json_t *body)
{
	struct add x = { 0 };
	int rc = staff_prepare(ctx, body, &x) || add_in_tx(ctx, &x) ? -1 : 0;

	json_decref(x.out);
	return rc;
}

json_t *app_inspect_staff_add(struct app_ctx *ctx, json_t *body)
{
	struct add x = { 0 };

	if (staff_prepare(ctx, body, &x))
		return NULL;
	if (app_transaction(ctx, add_in_tx, &x))
		return NULL;
	return x.out;
}

/* Flags for rows s[0..n): each row's 重复在岗, found among every
 * contract of the same persons (also outside the rows). */
static int flags_for(struct app_ctx *ctx, const struct staff_rec *s, size_t n,
                     const char *region, long long facility, int **flag)
{
	struct staff_rec *all;
	struct staff_contract *c;
	size_t na;
	int *fa;

	*flag = arena_alloc(ctx->arena, (n + 1) * sizeof(**flag));
	memset(*flag, 0, (n + 1) * sizeof(**flag));
	if (inspect_staff_store_list(ctx->db, ctx->arena, facility, region, 1,
	                             &all, &na, &ctx->err))
		return -1;
	c = arena_alloc(ctx->arena, (na + 1) * sizeof(*c));
	fa = arena_alloc(ctx->arena, (na + 1) * sizeof(*fa));
	for (size_t i = 0; i < na; i++) {
		c[i].id = all[i].id;
		c[i].facility_id = all[i].facility_id;
		memcpy(c[i].hash, all[i].hash, STAFF_HASH_BYTES);
		memcpy(c[i].from, all[i].contract_from, sizeof(c[i].from));
		memcpy(c[i].to, all[i].contract_to, sizeof(c[i].to));
	}
	if (staff_flag_duplicates(c, na, fa) < 0)
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "out of memory");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < na; j++)
			if (c[j].id == s[i].id) {
				(*flag)[i] = fa[j];
				break;
			}
	return 0;
}

/* The rows a caller sees: an operator its own facilities' only. */
static size_t keep_visible(struct app_ctx *ctx, struct staff_rec *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (principal_sees_facility(ctx->who, s[i].region,
		                            s[i].facility_id))
			s[k++] = s[i];
	return k;
}

static int list_scope(struct app_ctx *ctx, json_t *params, const char **region,
                      long long *facility)
{
	long fid;
	struct facility f;

	if (inspect_scope_region(ctx, params, region) ||
	    param_long(params, "facility_id", 0, 0, 1L << 40, &fid, &ctx->err))
		return -1;
	*facility = fid;
	if (fid > 0) {
		if (load_facility(ctx, fid, &f))
			return -1;
		*region = NULL;
	}
	return 0;
}

json_t *app_inspect_staff_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "facility_id", "as_of",
		                               "active", NULL };
	struct policy_cache pc = { 0 };
	struct staff_rec *s;
	const char *region, *as_of, *active = param_str(params, "active");
	long long facility;
	size_t n;
	int *flag;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    list_scope(ctx, params, &region, &facility) ||
	    param_date(params, "as_of", &as_of, &ctx->err))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	if (inspect_staff_store_list(ctx->db, ctx->arena, facility, region, 0,
	                             &s, &n, &ctx->err))
		return NULL;
	n = keep_visible(ctx, s, n);
	if (flags_for(ctx, s, n, region, facility, &flag))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct staff_policy *p =
		    policy_for(ctx, &pc, s[i].region);
		int on = staff_active_on(s[i].contract_from, s[i].contract_to,
		                         as_of);
		json_t *j;

		if (!p)
			return json_decref(items), NULL;
		if (active && !strcmp(active, "1") && !on)
			continue;
		j = staff_json(ctx, &s[i], p, 0);
		json_object_set_new(j, "active", json_boolean(on));
		json_object_set_new(j, "duplicate", json_boolean(flag[i]));
		json_array_append_new(items, j);
	}
	return json_pack("{ss so}", "as_of", as_of, "items", items);
}

static int audit_unmask(struct app_ctx *ctx, void *arg)
{
	const struct staff_rec *s = arg;

	return app_audit(ctx, "view_unmasked", "staff",
	                 arena_printf(ctx->arena, "%lld", s->id), NULL, NULL);
}

static json_t *full_json(struct app_ctx *ctx, const struct staff_rec *s,
                         int unmask)
{
	const struct staff_policy *p = policy_for(ctx, NULL, s->region);
	struct staff_event *e;
	size_t n;
	json_t *o, *tr, *hc;
	int *flag;

	if (!p ||
	    inspect_staff_store_events(ctx->db, ctx->arena, s->id, 0, NULL,
	                               NULL, &e, &n, &ctx->err) ||
	    flags_for(ctx, s, 1, NULL, s->facility_id, &flag))
		return NULL;
	o = staff_json(ctx, s, p, unmask);
	tr = json_array();
	hc = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(strcmp(e[i].kind, "health_check") ? tr
		                                                        : hc,
		                      event_json(&e[i], p));
	json_object_set_new(o, "trainings", tr);
	json_object_set_new(o, "health_checks", hc);
	json_object_set_new(o, "duplicate", json_boolean(flag[0]));
	return o;
}

json_t *app_inspect_staff_get(struct app_ctx *ctx, long long id, json_t *params)
{
	static const char *const allowed[] = { "unmask", NULL };
	const char *unmask = param_str(params, "unmask");
	int want = unmask && !strcmp(unmask, "1");
	struct staff_rec s;

	if (param_only(params, allowed, &ctx->err) || load_staff(ctx, id, &s))
		return NULL;
	if (want) {
		if (!app_may_unmask(ctx))
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "unmask",
			               "your role sees identifiers masked"),
			       NULL;
		/* every unmasked view is on the record before it is shown */
		if (app_transaction(ctx, audit_unmask, &s))
			return NULL;
	}
	return full_json(ctx, &s, want);
}

struct end {
	struct staff_rec s;
	const char *to;
};

static int end_in_tx(struct app_ctx *ctx, void *arg)
{
	struct end *x = arg;
	json_t *before =
	    json_pack("{ss?}", "contract_to",
	              x->s.contract_to[0] ? x->s.contract_to : NULL);
	json_t *after = json_pack("{ss}", "contract_to", x->to);
	int rc =
	    inspect_staff_store_end(ctx->db, x->s.id, x->to, &ctx->err) ||
	    app_audit(ctx, "update", "staff",
	              arena_printf(ctx->arena, "%lld", x->s.id), before, after);

	json_decref(before);
	json_decref(after);
	return rc ? -1 : 0;
}

json_t *app_inspect_staff_end(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "contract_to", NULL };
	struct end x;

	if (load_staff(ctx, id, &x.s) ||
	    may_write(ctx, x.s.region, x.s.facility_id) ||
	    body_only(body, keys, &ctx->err) ||
	    date_field(ctx, body, "contract_to", 1, &x.to))
		return NULL;
	if (strcmp(x.to, x.s.contract_from) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "contract_to",
		               "'contract_to' must not be before "
		               "'contract_from'"),
		       NULL;
	if (app_transaction(ctx, end_in_tx, &x))
		return NULL;
	snprintf(x.s.contract_to, sizeof(x.s.contract_to), "%s", x.to);
	return full_json(ctx, &x.s, 0);
}

struct ev {
	struct staff_event e;
	const struct staff_policy *p;
	int check;
	json_t *out;
};

static int event_in_tx(struct app_ctx *ctx, void *arg)
{
	struct ev *x = arg;

	if ((x->check
	         ? inspect_staff_store_add_check
	         : inspect_staff_store_add_training)(ctx->db, &x->e, &ctx->err))
		return -1;
	x->out = event_json(&x->e, x->p);
	return app_audit(
	    ctx, "create", x->check ? "staff_health_check" : "staff_training",
	    arena_printf(ctx->arena, "%lld", x->e.id), NULL, x->out);
}

static json_t *add_event(struct app_ctx *ctx, long long id, json_t *body,
                         int check)
{
	static const char *const tkeys[] = { "kind", "held_on", "hours",
		                             "provider", NULL };
	static const char *const ckeys[] = { "checked_on", "result", NULL };
	struct staff_rec s;
	struct ev x = { .check = check };
	const char *on, *text, *kind = NULL;
	json_t *hours;

	if (load_staff(ctx, id, &s) ||
	    may_write(ctx, s.region, s.facility_id) ||
	    body_only(body, check ? ckeys : tkeys, &ctx->err))
		return NULL;
	x.p = policy_for(ctx, NULL, s.region);
	if (!x.p ||
	    date_field(ctx, body, check ? "checked_on" : "held_on", 1, &on) ||
	    text_field(ctx, body, check ? "result" : "provider", 0, &text) ||
	    (!check && text_field(ctx, body, "kind", 1, &kind)))
		return NULL;
	if (strcmp(on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID,
		               check ? "checked_on" : "held_on",
		               "the date must not be after today"),
		       NULL;
	if (!check) {
		if (!staff_policy_kind(x.p, kind))
			return lx_fail(&ctx->err, LX_EINVALID, "kind",
			               "'kind' must be one of the policy's "
			               "training kinds, not '%.40s' (%s)",
			               kind,
			               codes_accepted(ctx, x.p->kinds,
			                              x.p->nkinds, kind)),
			       NULL;
		hours = json_object_get(body, "hours");
		if (hours && !json_is_null(hours) &&
		    (!json_is_integer(hours) || json_integer_value(hours) < 0 ||
		     json_integer_value(hours) > 10000))
			return lx_fail(&ctx->err, LX_EINVALID, "hours",
			               "'hours' must be a whole number 0 to "
			               "10000"),
			       NULL;
		x.e.hours =
		    json_is_integer(hours) ? json_integer_value(hours) : 0;
		snprintf(x.e.kind, sizeof(x.e.kind), "%s", kind);
	}
	x.e.staff_id = s.id;
	snprintf(x.e.on, sizeof(x.e.on), "%s", on);
	x.e.text = (char *)(text ? text : "");
	if (app_transaction(ctx, event_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_inspect_staff_train(struct app_ctx *ctx, long long id, json_t *body)
{
	return add_event(ctx, id, body, 0);
}

json_t *app_inspect_staff_health(struct app_ctx *ctx, long long id,
                                 json_t *body)
{
	return add_event(ctx, id, body, 1);
}

json_t *app_inspect_staff_duplicates(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	struct policy_cache pc = { 0 };
	struct staff_rec *all;
	struct staff_contract *c;
	const char *region;
	size_t na;
	int *fa;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    inspect_scope_region(ctx, params, &region) ||
	    inspect_staff_store_list(ctx->db, ctx->arena, 0, region, 1, &all,
	                             &na, &ctx->err))
		return NULL;
	c = arena_alloc(ctx->arena, (na + 1) * sizeof(*c));
	fa = arena_alloc(ctx->arena, (na + 1) * sizeof(*fa));
	for (size_t i = 0; i < na; i++) {
		c[i].id = all[i].id;
		c[i].facility_id = all[i].facility_id;
		memcpy(c[i].hash, all[i].hash, STAFF_HASH_BYTES);
		memcpy(c[i].from, all[i].contract_from, sizeof(c[i].from));
		memcpy(c[i].to, all[i].contract_to, sizeof(c[i].to));
	}
	if (staff_flag_duplicates(c, na, fa) < 0)
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "out of memory"),
		       NULL;
	/* one person's contracts together: group by hash, in order of
	 * the person's first contract */
	items = json_array();
	for (size_t i = 0; i < na; i++) {
		json_t *contracts;
		const char *person = NULL;

		if (fa[i] != 1)
			continue;
		contracts = json_array();
		for (size_t j = i; j < na; j++) {
			const struct staff_policy *p;
			json_t *k;

			if (fa[j] != 1 ||
			    memcmp(c[j].hash, c[i].hash, STAFF_HASH_BYTES))
				continue;
			fa[j] = 2;
			if (!principal_sees_facility(ctx->who, all[j].region,
			                             all[j].facility_id)) {
				/* another region's facility: its registry
				 * name only */
				json_array_append_new(
				    contracts,
				    json_pack(
				        "{ss ss ss? sb}", "facility_name",
				        all[j].facility_name, "contract_from",
				        all[j].contract_from, "contract_to",
				        all[j].contract_to[0]
				            ? all[j].contract_to
				            : NULL,
				        "outside_scope", 1));
				continue;
			}
			p = policy_for(ctx, &pc, all[j].region);
			if (!p)
				return json_decref(contracts),
				       json_decref(items), NULL;
			k = staff_json(ctx, &all[j], p, 0);
			if (!person)
				person = json_string_value(
				    json_object_get(k, "id_number"));
			json_object_set_new(k, "outside_scope", json_false());
			json_array_append_new(contracts, k);
		}
		json_array_append_new(
		    items, json_pack("{ss so}", "id_number",
		                     person ? person : "******************",
		                     "contracts", contracts));
	}
	return json_pack("{ss? so}", "region", region, "items", items);
}

static void add_to(struct staff_tally *t, const struct staff_tally *one)
{
	t->staff += one->staff;
	t->cert_den += one->cert_den;
	t->cert_num += one->cert_num;
	t->trained += one->trained;
	t->ch_den += one->ch_den;
	t->ch_num += one->ch_num;
}

static json_t *tally_json(const struct staff_tally *t)
{
	return json_pack(
	    "{sI so so so}", "staff", (json_int_t)t->staff, "certified",
	    inspect_share_json(t->cert_num, t->cert_den), "pre_job_trained",
	    inspect_share_json(t->trained, t->staff), "childcare_health",
	    inspect_share_json(t->ch_num, t->ch_den));
}

json_t *app_inspect_staff_shares(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "as_of", NULL };
	struct policy_cache pc = { 0 };
	struct staff_rec *s;
	struct staff_event *e;
	struct region *kids = NULL;
	struct staff_tally all = { 0 }, sector[STAFF__MAX], *by;
	const char *region, *as_of;
	size_t n, ne, nkids = 0, ei = 0;
	json_t *rows, *out, *sectors;

	if (param_only(params, allowed, &ctx->err) ||
	    inspect_scope_region(ctx, params, &region) ||
	    param_date(params, "as_of", &as_of, &ctx->err))
		return NULL;
	if (!as_of)
		as_of = ctx->today;
	if (inspect_staff_store_list(ctx->db, ctx->arena, 0, region, 0, &s, &n,
	                             &ctx->err) ||
	    inspect_staff_store_events(ctx->db, ctx->arena, 0, 0, region, as_of,
	                               &e, &ne, &ctx->err) ||
	    (region && region_store_children(ctx->db, ctx->arena, region, &kids,
	                                     &nkids, &ctx->err)))
		return NULL;
	n = keep_visible(ctx, s, n);
	memset(sector, 0, sizeof(sector));
	by = arena_alloc(ctx->arena, (nkids + 1) * sizeof(*by));
	memset(by, 0, (nkids + 1) * sizeof(*by));
	for (size_t i = 0; i < n; i++) {
		const struct staff_policy *p =
		    policy_for(ctx, &pc, s[i].region);
		struct staff_tally one;
		size_t from;

		if (!p)
			return NULL;
		/* events come by staff id; staff rows by facility: look up */
		from = ei = inspect_staff_events_from(e, ne, s[i].id);
		while (ei < ne && e[ei].staff_id == s[i].id)
			ei++;
		if (!staff_active_on(s[i].contract_from, s[i].contract_to,
		                     as_of))
			continue;
		inspect_staff_tally_one(&s[i], p, e + from, ei - from, as_of,
		                        &one);
		add_to(&all, &one);
		add_to(&sector[facility_kind_is_childcare(s[i].facility_kind)
		                   ? STAFF_CHILDCARE
		                   : STAFF_ELDERLY],
		       &one);
		for (size_t k = 0; k < nkids; k++)
			if (region_code_is_within(s[i].region, kids[k].code)) {
				add_to(&by[k], &one);
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
	sectors =
	    json_pack("{so so}", "elderly", tally_json(&sector[STAFF_ELDERLY]),
	              "childcare", tally_json(&sector[STAFF_CHILDCARE]));
	out = tally_json(&all);
	json_object_set_new(out, "as_of", json_string(as_of));
	json_object_set_new(out, "region",
	                    region ? json_string(region) : json_null());
	json_object_set_new(out, "by_sector", sectors);
	json_object_set_new(out, "by_region", rows);
	return out;
}

static json_t *codes_json(const struct staff_code *c, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{ss ss}", "code", c[i].code,
		                                   "name", c[i].name));
	return a;
}

json_t *app_inspect_staff_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "facility_id", NULL };
	const struct staff_policy *p;
	struct facility f;
	long fid;
	json_t *occ;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "facility_id", 0, 1, 1L << 40, &fid, &ctx->err))
		return NULL;
	if (!fid)
		return lx_fail(&ctx->err, LX_EMALFORMED, "facility_id",
		               "give the facility's id"),
		       NULL;
	if (load_facility(ctx, fid, &f))
		return NULL;
	p = policy_for(ctx, NULL, f.region);
	if (!p)
		return NULL;
	occ = json_array();
	for (size_t i = 0; i < p->noccupations; i++)
		if (sector_fits(p->occupations[i].sector, f.kind))
			json_array_append_new(
			    occ, json_pack("{ss ss sb}", "code",
			                   p->occupations[i].code, "name",
			                   p->occupations[i].name, "certified",
			                   p->occupations[i].certified));
	return json_pack("{so so so}", "occupations", occ, "cert_levels",
	                 codes_json(p->levels, p->nlevels), "training_kinds",
	                 codes_json(p->kinds, p->nkinds));
}
