#include "app/closure_cases.h"

#include "app/closure_policy.h"
#include "app/facilities.h"
#include "app/indicators.h"
#include "app/params.h"
#include "app/people.h"
#include "app/pii.h"
#include "app/policy.h"
#include "core/closure_case.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "store/care_store.h"
#include "store/closure_store.h"
#include "store/facility_store.h"

#include <stdio.h>
#include <string.h>

/* how many of the people left are named in a refusal's message; the
 * rest are in its "unplaced" list */
enum { NAMED_IN_MESSAGE = 3 };

static int is_writer(const struct principal *p)
{
	return p->role == ROLE_ADMIN || p->role == ROLE_CITY_OFFICIAL ||
	       p->role == ROLE_COUNTY_OFFICIAL || p->role == ROLE_DEPT_OFFICIAL;
}

static const struct closure_policy *rules(struct app_ctx *ctx,
                                          const char *region)
{
	struct policy_view view;

	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.closures || !view.closures->nreasons) {
		lx_fail(&ctx->err, LX_EINVALID, "reason",
		        "no \"closures\" policy applies to region %s", region);
		return NULL;
	}
	return view.closures;
}

/* A case the caller may see; LX_ENOTFOUND otherwise, so scope does not
 * leak existence. */
static int load_case(struct app_ctx *ctx, long long id,
                     struct closure_case_row *c)
{
	if (closure_store_get(ctx->db, ctx->arena, id, c, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, c->region, c->facility_id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no closure case %lld", id);
	return 0;
}

static int load_writable(struct app_ctx *ctx, long long id,
                         struct closure_case_row *c)
{
	if (load_case(ctx, id, c))
		return -1;
	if (!is_writer(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the region handle a closure");
	if (strcmp(c->status, "open"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "status",
		               "the case is %s, not open", c->status);
	return 0;
}

/* Days from the opening to the planned day, against the policy's days of
 * notice. */
static json_t *notice_json(struct app_ctx *ctx,
                           const struct closure_case_row *c)
{
	const struct closure_policy *p;
	struct policy_view view;
	struct lx_date a, b;
	long days;
	char opened[11];

	if (app_policy_view(ctx, c->region, &view)) {
		ctx->err.code = LX_OK;
		return json_null();
	}
	p = view.closures;
	snprintf(opened, sizeof(opened), "%.10s", c->opened_at);
	if (!p || p->notice_days < 0 || date_parse(opened, &a) ||
	    date_parse(c->planned_on, &b))
		return json_null();
	days = date_to_days(b) - date_to_days(a);
	return json_pack("{s:I, s:I, s:b, s:s}", "days_given", (json_int_t)days,
	                 "days_required", (json_int_t)p->notice_days, "enough",
	                 days >= p->notice_days, "source",
	                 p->notice_source ? p->notice_source : "");
}

static json_t *case_json(struct app_ctx *ctx, const struct closure_case_row *c)
{
	struct policy_view view;
	const struct closure_code *r = NULL;
	int st = closure_status_parse(c->status);

	if (!app_policy_view(ctx, c->region, &view))
		r = closure_policy_reason(view.closures, c->reason);
	ctx->err.code = LX_OK;
	return json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s?, s:s, s:s,"
	    " s:o, s:I, s:s, s:I, s:I, s:o}",
	    "id", (json_int_t)c->id, "facility_id", (json_int_t)c->facility_id,
	    "facility_name", c->facility_name ? c->facility_name : "",
	    "facility_kind", c->facility_kind ? c->facility_kind : "", "region",
	    c->region, "reason", c->reason, "reason_name",
	    r ? r->name : c->reason, "planned_on", c->planned_on,
	    "successor_id",
	    c->successor_id ? json_integer(c->successor_id) : json_null(),
	    "successor_name", c->successor_name, "status", c->status,
	    "status_name", closure_status_label(st), "closed_on",
	    c->closed_on[0] ? json_string(c->closed_on) : json_null(),
	    "version", (json_int_t)c->version, "opened_at", c->opened_at,
	    "members", (json_int_t)c->members, "unplaced",
	    (json_int_t)c->unplaced, "notice", notice_json(ctx, c));
}

static struct closure_place place_of(const struct closure_member_row *m)
{
	struct closure_place p;

	p.person_id = m->person_id;
	p.destination =
	    m->destination[0] ? closure_destination_parse(m->destination) : -1;
	p.destination_facility = m->destination_facility_id;
	return p;
}

static void masked_id(struct app_ctx *ctx, const struct closure_member_row *m,
                      char out[19], char **plain)
{
	char *s = ctx->keys ? pii_open(ctx->keys, ctx->arena, m->id_sealed,
	                               m->id_sealed_len)
	                    : NULL;

	if (s)
		id_number_mask(s, out, 19);
	else
		snprintf(out, 19, "%s", "******************");
	*plain = s;
}

static json_t *member_json(struct app_ctx *ctx,
                           const struct closure_member_row *m)
{
	struct closure_place p = place_of(m);
	char masked[19];
	char *plain;
	json_t *o;

	masked_id(ctx, m, masked, &plain);
	o = json_pack(
	    "{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:s?, s:s, s:o, s:b}",
	    "person_id", (json_int_t)m->person_id, "name",
	    m->name ? m->name : "", "kind", m->kind, "id_masked", masked,
	    "contract_ended_on",
	    m->contract_ended_on[0] ? json_string(m->contract_ended_on)
	                            : json_null(),
	    "destination", m->destination, "destination_name",
	    closure_destination_label(p.destination), "destination_facility_id",
	    m->destination_facility_id
	        ? json_integer(m->destination_facility_id)
	        : json_null(),
	    "destination_facility_name", m->destination_name, "note",
	    m->note ? m->note : "", "settled_at",
	    m->settled_at[0] ? json_string(m->settled_at) : json_null(),
	    "placed", closure_placed(&p));
	/* the whole number only for the roles that may unmask */
	if (plain && app_may_unmask(ctx))
		json_object_set_new(o, "id_number", json_string(plain));
	return o;
}

static json_t *full_json(struct app_ctx *ctx, long long id)
{
	struct closure_case_row c;
	struct closure_member_row *m;
	size_t n;
	json_t *o, *people;

	if (closure_store_get(ctx->db, ctx->arena, id, &c, &ctx->err) ||
	    closure_store_members(ctx->db, ctx->arena, id, &m, &n, &ctx->err))
		return NULL;
	o = case_json(ctx, &c);
	people = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(people, member_json(ctx, &m[i]));
	json_object_set_new(o, "people", people);
	return o;
}

/* What the audit log keeps of a case's people: no form of their ID
 * number, as for the registry's own records (app/people.c): the person's
 * id links the record to the row. */
static void strip_ids(json_t *doc)
{
	json_t *m;
	size_t i;

	json_array_foreach(json_object_get(doc, "people"), i, m)
	{
		json_object_del(m, "id_number");
		json_object_del(m, "id_masked");
	}
}

static int audit_case(struct app_ctx *ctx, const char *action, long long id,
                      json_t *before)
{
	json_t *after = full_json(ctx, id);
	int rc;

	if (!after)
		return -1;
	strip_ids(after);
	if (before)
		strip_ids(before);
	rc = app_audit(ctx, action, "closure_case",
	               arena_printf(ctx->arena, "%lld", id), before, after);
	json_decref(after);
	return rc;
}

static int body_id(struct app_ctx *ctx, json_t *body, const char *key,
                   int required, long long *out)
{
	json_t *v = json_object_get(body, key);

	*out = 0;
	if (!v || json_is_null(v)) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is required", key);
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a facility id", key);
	*out = json_integer_value(v);
	return 0;
}

static int body_text(struct app_ctx *ctx, json_t *body, const char *key,
                     int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'%s' is required", key);
		return 0;
	}
	if (!json_is_string(v) || strlen(json_string_value(v)) > 1000)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of at most 1000 bytes", key);
	*out = json_string_value(v);
	return 0;
}

static int body_day(struct app_ctx *ctx, json_t *body, const char *key,
                    int required, const char **out)
{
	struct lx_date d;

	if (body_text(ctx, body, key, required, out))
		return -1;
	if (*out && date_parse_field(*out, &d, &ctx->err, key))
		return -1;
	return 0;
}

/* An open facility (not closed on day) the caller sees; field names it
 * in errors. */
static int open_facility(struct app_ctx *ctx, long long id, const char *day,
                         const char *field, struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, NULL, f, &ctx->err)) {
		if (ctx->err.code == LX_ENOTFOUND)
			lx_fail(&ctx->err, LX_EINVALID, field,
			        "no facility %lld", id);
		return -1;
	}
	if (f->closed_on[0] && strcmp(f->closed_on, day) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "facility %lld is closed from %s", id,
		               f->closed_on);
	return 0;
}

static const char *sector_of(int kind)
{
	return facility_kind_is_childcare((enum facility_kind)kind) ? "infant"
	                                                            : "elderly";
}

struct open_arg {
	struct closure_case_row c;
};

static int open_in_tx(struct app_ctx *ctx, void *arg)
{
	struct open_arg *o = arg;
	long long added;

	if (closure_store_open(ctx->db, &o->c, &ctx->err) ||
	    closure_store_fill(ctx->db, o->c.id, o->c.facility_id, ctx->today,
	                       &added, &ctx->err))
		return -1;
	return audit_case(ctx, "open", o->c.id, NULL);
}

json_t *app_closure_open(struct app_ctx *ctx, json_t *body)
{
	static const char *const allowed[] = { "facility_id", "reason",
		                               "planned_on", "successor_id",
		                               NULL };
	struct open_arg o;
	struct facility f, s;
	const struct closure_policy *p;
	const char *reason, *planned;

	memset(&o, 0, sizeof(o));
	if (!is_writer(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the region open a closure"),
		       NULL;
	if (body_only(body, allowed, &ctx->err) ||
	    body_id(ctx, body, "facility_id", 1, &o.c.facility_id) ||
	    body_text(ctx, body, "reason", 1, &reason) ||
	    body_day(ctx, body, "planned_on", 1, &planned) ||
	    body_id(ctx, body, "successor_id", 0, &o.c.successor_id))
		return NULL;
	if (open_facility(ctx, o.c.facility_id, ctx->today, "facility_id", &f))
		return NULL;
	if (!principal_may_write_facility(ctx->who, f.region, f.id))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "no facility %lld", f.id),
		       NULL;
	p = rules(ctx, f.region);
	if (!p)
		return NULL;
	if (!closure_policy_reason(p, reason))
		return lx_fail(&ctx->err, LX_EINVALID, "reason",
		               "'%s' is not a closure reason of the region's "
		               "policy",
		               reason),
		       NULL;
	if (o.c.successor_id) {
		if (o.c.successor_id == f.id)
			return lx_fail(&ctx->err, LX_EINVALID, "successor_id",
			               "cannot be the closing facility"),
			       NULL;
		if (open_facility(ctx, o.c.successor_id, planned,
		                  "successor_id", &s))
			return NULL;
		if (!closure_kind_fits(sector_of(f.kind), s.kind))
			return lx_fail(&ctx->err, LX_EINVALID, "successor_id",
			               "a %s cannot take over the people of "
			               "a %s",
			               facility_kind_names.labels_zh[s.kind],
			               facility_kind_names.labels_zh[f.kind]),
			       NULL;
	}
	o.c.reason = (char *)reason;
	snprintf(o.c.planned_on, sizeof(o.c.planned_on), "%s", planned);
	o.c.opened_by = ctx->who->account_id;
	snprintf(o.c.opened_at, sizeof(o.c.opened_at), "%s", ctx->now);
	if (app_transaction(ctx, open_in_tx, &o))
		return NULL;
	return full_json(ctx, o.c.id);
}

json_t *app_closure_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "status", NULL };
	const char *region = NULL, *status = param_str(params, "status");
	struct closure_case_row *v;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err))
		return NULL;
	if (status && closure_status_parse(status) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' must be open, closed or withdrawn"),
		       NULL;
	if (param_str(params, "region")) {
		if (app_visible_region(ctx, params, &region))
			return NULL;
	} else if (ctx->who->region[0]) {
		region = ctx->who->region;
	}
	if (closure_store_list(ctx->db, ctx->arena, region, status,
	                       ctx->who->role == ROLE_OPERATOR,
	                       ctx->who->facilities, ctx->who->nfacilities, &v,
	                       &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, case_json(ctx, &v[i]));
	return json_pack("{s:o}", "items", items);
}

json_t *app_closure_get(struct app_ctx *ctx, long long id)
{
	struct closure_case_row c;

	if (load_case(ctx, id, &c))
		return NULL;
	return full_json(ctx, id);
}

static int refresh_in_tx(struct app_ctx *ctx, void *arg)
{
	struct closure_case_row *c = arg;
	json_t *before = full_json(ctx, c->id);
	long long added;
	int rc;

	if (!before)
		return -1;
	rc = closure_store_fill(ctx->db, c->id, c->facility_id, ctx->today,
	                        &added, &ctx->err) ||
	     closure_store_touch(ctx->db, c->id, &ctx->err) ||
	     audit_case(ctx, "refresh", c->id, before);
	json_decref(before);
	return rc ? -1 : 0;
}

json_t *app_closure_refresh(struct app_ctx *ctx, long long id)
{
	struct closure_case_row c;

	if (load_writable(ctx, id, &c) ||
	    app_transaction(ctx, refresh_in_tx, &c))
		return NULL;
	return full_json(ctx, id);
}

struct member_arg {
	long long id, person, dest_facility;
	const char *ended, *destination, *note;
};

static int member_in_tx(struct app_ctx *ctx, void *arg)
{
	struct member_arg *m = arg;
	json_t *before = full_json(ctx, m->id);
	int rc;

	if (!before)
		return -1;
	rc = closure_store_set_member(ctx->db, m->id, m->person, m->ended,
	                              m->destination, m->dest_facility, m->note,
	                              &ctx->err) ||
	     closure_store_touch(ctx->db, m->id, &ctx->err) ||
	     audit_case(ctx, "member", m->id, before);
	json_decref(before);
	return rc ? -1 : 0;
}

/* Checks a destination for the member of kind person_kind. */
static int check_destination(struct app_ctx *ctx,
                             const struct closure_case_row *c,
                             const char *person_kind, struct member_arg *m)
{
	const struct closure_policy *p = rules(ctx, c->region);
	int d = closure_destination_parse(m->destination);
	struct facility f;

	if (!p)
		return -1;
	if (d < 0 || !closure_policy_destination(p, m->destination))
		return lx_fail(&ctx->err, LX_EINVALID, "destination",
		               "'%s' is not a destination of the region's "
		               "policy",
		               m->destination);
	if (closure_destination_check(d, m->dest_facility, c->facility_id,
	                              c->successor_id, &ctx->err))
		return -1;
	if (d == CD_SUCCESSOR)
		m->dest_facility = c->successor_id;
	if (d == CD_INSTITUTION) {
		if (open_facility(ctx, m->dest_facility, c->planned_on,
		                  "destination_facility_id", &f))
			return -1;
		if (!closure_kind_fits(person_kind, f.kind))
			return lx_fail(&ctx->err, LX_EINVALID,
			               "destination_facility_id",
			               "a %s cannot take this person",
			               facility_kind_names.labels_zh[f.kind]);
	}
	return 0;
}

json_t *app_closure_member(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const allowed[] = {
		"person_id",   "contract_ended_on",
		"destination", "destination_facility_id",
		"note",        NULL
	};
	static const char *const operator_allowed[] = { "person_id",
		                                        "contract_ended_on",
		                                        "note", NULL };
	struct closure_case_row c;
	struct closure_member_row *v;
	const char *kind = NULL;
	struct member_arg m;
	json_t *pv = json_object_get(body, "person_id");
	long long person;
	size_t n;

	memset(&m, 0, sizeof(m));
	if (!json_is_integer(pv) || json_integer_value(pv) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "'person_id' must be a person's id"),
		       NULL;
	person = json_integer_value(pv);
	m.id = id;
	m.person = person;
	if (load_case(ctx, id, &c))
		return NULL;
	if (ctx->who->role == ROLE_OPERATOR) {
		/* the operator ends the contracts; officials place people */
		if (body_only(body, operator_allowed, &ctx->err))
			return NULL;
	} else if (!is_writer(ctx->who)) {
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the region handle a closure"),
		       NULL;
	} else if (body_only(body, allowed, &ctx->err)) {
		return NULL;
	}
	if (strcmp(c.status, "open"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "status",
		               "the case is %s, not open", c.status),
		       NULL;
	if (body_day(ctx, body, "contract_ended_on", 0, &m.ended) ||
	    body_text(ctx, body, "destination", 0, &m.destination) ||
	    body_id(ctx, body, "destination_facility_id", 0,
	            &m.dest_facility) ||
	    body_text(ctx, body, "note", 0, &m.note))
		return NULL;
	if (closure_store_members(ctx->db, ctx->arena, id, &v, &n, &ctx->err))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].person_id == person)
			kind = v[i].kind;
	if (!kind)
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "person %lld is not a member of case %lld",
		               person, id),
		       NULL;
	if (m.destination && m.destination[0] &&
	    check_destination(ctx, &c, kind, &m))
		return NULL;
	if (m.destination && !m.destination[0] && m.dest_facility)
		return lx_fail(&ctx->err, LX_EINVALID,
		               "destination_facility_id",
		               "a cleared destination takes no facility"),
		       NULL;
	if (!m.destination && m.dest_facility)
		return lx_fail(&ctx->err, LX_EINVALID, "destination",
		               "'destination' is required with "
		               "'destination_facility_id'"),
		       NULL;
	if (app_transaction(ctx, member_in_tx, &m))
		return NULL;
	return full_json(ctx, id);
}

struct transfer_arg {
	struct closure_case_row *c;
	long long moved;
};

static int transfer_in_tx(struct app_ctx *ctx, void *arg)
{
	struct transfer_arg *t = arg;
	json_t *before = full_json(ctx, t->c->id);
	int rc;

	if (!before)
		return -1;
	rc = closure_store_to_successor(ctx->db, t->c->id, t->c->successor_id,
	                                &t->moved, &ctx->err) ||
	     closure_store_touch(ctx->db, t->c->id, &ctx->err) ||
	     audit_case(ctx, "transfer", t->c->id, before);
	json_decref(before);
	return rc ? -1 : 0;
}

json_t *app_closure_transfer(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const allowed[] = { NULL };
	struct closure_case_row c;
	struct transfer_arg t = { &c, 0 };
	const struct closure_policy *p;
	json_t *out;

	if (body_only(body, allowed, &ctx->err) || load_writable(ctx, id, &c))
		return NULL;
	if (!c.successor_id)
		return lx_fail(&ctx->err, LX_EINVALID, "successor_id",
		               "the case has no successor"),
		       NULL;
	p = rules(ctx, c.region);
	if (!p)
		return NULL;
	if (!closure_policy_destination(p, "successor"))
		return lx_fail(&ctx->err, LX_EINVALID, "destination",
		               "the region's policy has no successor "
		               "destination"),
		       NULL;
	if (app_transaction(ctx, transfer_in_tx, &t))
		return NULL;
	out = full_json(ctx, id);
	if (out)
		json_object_set_new(out, "transferred", json_integer(t.moved));
	return out;
}

/* The version the caller saw, or the stored one when it gives none. */
static int body_version(struct app_ctx *ctx, json_t *body, long long stored,
                        long long *out)
{
	json_t *v = json_object_get(body, "version");

	*out = stored;
	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "version",
		               "'version' must be a positive whole number");
	*out = json_integer_value(v);
	return 0;
}

/* The refusal while people lack a destination: the first few named
 * (masked) in the message, all of them in "unplaced". */
static void refuse_unplaced(struct app_ctx *ctx,
                            const struct closure_member_row *m, size_t n,
                            const size_t *idx, size_t left)
{
	char names[200] = "";
	json_t *list = json_array();

	for (size_t k = 0; k < left; k++) {
		const struct closure_member_row *r = &m[idx[k]];
		char nm[64], id[19];
		char *plain;

		closure_mask_name(r->name, nm, sizeof(nm));
		masked_id(ctx, r, id, &plain);
		if (k < NAMED_IN_MESSAGE) {
			size_t used = strlen(names);

			snprintf(names + used, sizeof(names) - used, "%s%s %s",
			         k ? "、" : "", nm, id);
		}
		json_array_append_new(
		    list, json_pack("{s:I, s:s, s:s}", "person_id",
		                    (json_int_t)r->person_id, "name_masked", nm,
		                    "id_masked", id));
	}
	(void)n;
	lx_fail(&ctx->err, LX_EINVALID, "members",
	        "%zu member(s) have no destination: %s%s", left, names,
	        left > NAMED_IN_MESSAGE ? " …" : "");
	json_decref(ctx->details);
	ctx->details = json_pack("{s:o}", "unplaced", list);
}

struct close_arg {
	struct closure_case_row *c;
	struct closure_member_row *m;
	size_t n;
	long long version;
};

static int settle_one(struct app_ctx *ctx, const struct closure_case_row *c,
                      const struct closure_member_row *m)
{
	int d = closure_destination_parse(m->destination);
	const char *to_region = NULL;
	struct facility f;

	if (m->destination_facility_id &&
	    facility_store_get(ctx->db, ctx->arena, m->destination_facility_id,
	                       NULL, &f, &ctx->err))
		return -1;
	/* the place may have closed since it was chosen */
	if (m->destination_facility_id && f.closed_on[0] &&
	    strcmp(f.closed_on, c->planned_on) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "members",
		               "person %lld's destination '%s' closes on %s",
		               m->person_id, f.name, f.closed_on);
	/* the person's region changes only when the new place lies
	 * outside it: a resident moving within the county keeps the
	 * village */
	if (m->destination_facility_id &&
	    !region_code_is_within(m->region, f.region))
		to_region = f.region;
	if (closure_store_settle(ctx->db, m, c->facility_id,
	                         closure_residence_after(d), to_region,
	                         c->planned_on, ctx->now, &ctx->err))
		return -1;
	/* a resident leaving the institution is a move in the registry:
	 * kept with the regions it is between (the same one when the
	 * resident stays in the region) */
	if (strcmp(m->kind, "infant") &&
	    move_store_insert(ctx->db, m->person_id, m->region,
	                      to_region ? to_region : m->region, c->planned_on,
	                      &ctx->err))
		return -1;
	return 0;
}

static int close_in_tx(struct app_ctx *ctx, void *arg)
{
	struct close_arg *a = arg;
	json_t *before = full_json(ctx, a->c->id);
	json_t *body, *closed;
	const struct closure_code *r;
	const struct closure_policy *p;
	int rc = -1;

	if (!before)
		return -1;
	if (closure_store_take(ctx->db, a->c->id, a->version, "closed",
	                       a->c->planned_on, &ctx->err))
		goto done;
	for (size_t i = 0; i < a->n; i++)
		if (settle_one(ctx, a->c, &a->m[i]))
			goto done;
	/* the registry's own close: from the planned day no admission,
	 * order or subsidy */
	p = rules(ctx, a->c->region);
	r = closure_policy_reason(p, a->c->reason);
	body = json_pack(
	    "{s:s, s:s}", "closed_on", a->c->planned_on, "closed_reason",
	    arena_printf(ctx->arena, "机构退出（%s），退出案件 %lld",
	                 r ? r->name : a->c->reason, a->c->id));
	closed = app_facility_close(ctx, a->c->facility_id, body);
	json_decref(body);
	if (!closed)
		goto done;
	json_decref(closed);
	rc = audit_case(ctx, "close", a->c->id, before);
done:
	json_decref(before);
	return rc;
}

json_t *app_closure_close(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const allowed[] = { "version", NULL };
	struct closure_case_row c;
	struct close_arg a = { &c, NULL, 0, 0 };
	struct closure_place *pl;
	size_t *idx, left;

	if (body_only(body, allowed, &ctx->err) || load_writable(ctx, id, &c) ||
	    body_version(ctx, body, c.version, &a.version) ||
	    closure_store_members(ctx->db, ctx->arena, id, &a.m, &a.n,
	                          &ctx->err))
		return NULL;
	pl = arena_alloc(ctx->arena, (a.n + 1) * sizeof(*pl));
	idx = arena_alloc(ctx->arena, (a.n + 1) * sizeof(*idx));
	for (size_t i = 0; i < a.n; i++)
		pl[i] = place_of(&a.m[i]);
	left = closure_unplaced(pl, a.n, idx, a.n);
	if (left) {
		refuse_unplaced(ctx, a.m, a.n, idx, left);
		return NULL;
	}
	if (closure_may_close(CS_OPEN, pl, a.n, &ctx->err) ||
	    app_transaction(ctx, close_in_tx, &a))
		return NULL;
	return full_json(ctx, id);
}

struct withdraw_arg {
	struct closure_case_row *c;
	long long version;
};

static int withdraw_in_tx(struct app_ctx *ctx, void *arg)
{
	struct withdraw_arg *w = arg;
	json_t *before = full_json(ctx, w->c->id);
	int rc;

	if (!before)
		return -1;
	rc = closure_store_take(ctx->db, w->c->id, w->version, "withdrawn",
	                        NULL, &ctx->err) ||
	     audit_case(ctx, "withdraw", w->c->id, before);
	json_decref(before);
	return rc ? -1 : 0;
}

json_t *app_closure_withdraw(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const allowed[] = { "version", NULL };
	struct closure_case_row c;
	struct withdraw_arg w = { &c, 0 };

	if (body_only(body, allowed, &ctx->err) || load_writable(ctx, id, &c) ||
	    body_version(ctx, body, c.version, &w.version) ||
	    app_transaction(ctx, withdraw_in_tx, &w))
		return NULL;
	return full_json(ctx, id);
}
