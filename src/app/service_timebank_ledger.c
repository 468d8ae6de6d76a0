#include "app/service_timebank_ledger.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/service_policy.h"
#include "app/service_timebank_policy.h"
#include "app/service_volunteers.h"
#include "core/person.h"
#include "store/person_store.h"
#include "store/service_timebank_store.h"

#include <stdio.h>
#include <string.h>

enum { NOTE_MAX_BYTES = 2000, REASON_MAX_BYTES = 500 };

const struct timebank_policy *
tb_policy_for(struct app_ctx *ctx, const char *region, const char *field)
{
	struct policy_view view;

	if (app_policy_view(ctx, region, &view))
		return NULL;
	if (!view.timebank)
		lx_fail(&ctx->err, LX_EINVALID, field,
		        "no policy file states the time bank for region '%s'",
		        region);
	return view.timebank;
}

static const char *item_name(struct app_ctx *ctx, const char *region,
                             const char *code)
{
	struct policy_view view;
	const struct service_item *it;

	if (app_policy_view(ctx, region, &view))
		return code;
	it = view.services ? service_policy_item(view.services, code) : NULL;
	return it ? it->name : code;
}

int tb_move_out(struct app_ctx *ctx, long long account, long long minutes,
                const char *kind, long long order, long long counterpart,
                long long *entry, struct timebank_lot **take, size_t *ntake)
{
	struct timebank_lot *lots;
	size_t n;
	struct tb_entry_row e = { 0 };
	int rc;

	/* the conditional UPDATE first: it holds the account's row, so
	 * the lots read next are not moved by anyone else meanwhile */
	rc = tb_store_account_move(ctx->db, account, -minutes, 0, &ctx->err);
	if (rc)
		return rc;
	if (tb_store_lots(ctx->db, ctx->arena, account, &lots, &n, &ctx->err))
		return -1;
	*take = arena_alloc(ctx->arena, (n + 1) * sizeof(**take));
	if (timebank_take_oldest(lots, n, minutes, *take, ntake))
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "account %lld: its lots do not add up to its "
		               "balance",
		               account);
	snprintf(e.kind, sizeof(e.kind), "%s", kind);
	e.account_id = account;
	e.minutes = -minutes;
	e.order_id = order;
	e.counterpart = counterpart;
	e.by = ctx->who->account_id;
	e.at = ctx->now;
	if (tb_store_entry_add(ctx->db, &e, &ctx->err))
		return -1;
	for (size_t i = 0; i < *ntake; i++)
		if (tb_store_trace_add(ctx->db, e.id, (*take)[i].service_id,
		                       -(*take)[i].minutes, &ctx->err))
			return -1;
	*entry = e.id;
	return 0;
}

int tb_move_in(struct app_ctx *ctx, long long account,
               const struct timebank_lot *take, size_t ntake, const char *kind,
               long long order, long long counterpart, long long cap)
{
	struct tb_entry_row e = { 0 };
	long long minutes = 0;
	int rc;

	for (size_t i = 0; i < ntake; i++)
		minutes += take[i].minutes;
	snprintf(e.kind, sizeof(e.kind), "%s", kind);
	e.account_id = account;
	e.minutes = minutes;
	e.order_id = order;
	e.counterpart = counterpart;
	e.by = ctx->who->account_id;
	e.at = ctx->now;
	/* the entry first: a second refund of an order stops at its
	 * unique index before any balance moves */
	if (tb_store_entry_add(ctx->db, &e, &ctx->err))
		return -1;
	rc = tb_store_account_move(ctx->db, account, minutes, cap, &ctx->err);
	if (rc)
		return rc;
	for (size_t i = 0; i < ntake; i++)
		if (tb_store_trace_add(ctx->db, e.id, take[i].service_id,
		                       take[i].minutes, &ctx->err))
			return -1;
	return 0;
}

static json_t *opt_id(long long id)
{
	return id > 0 ? json_integer(id) : json_null();
}

static json_t *service_json(struct app_ctx *ctx, const struct vservice_row *s)
{
	return json_pack(
	    "{sI sI ss so ss ss ss ss ss sI ss ss ss so ss sI}", "id", s->id,
	    "volunteer_id", s->volunteer_id, "volunteer_name",
	    s->volunteer_name, "person_id", opt_id(s->person_id), "person_name",
	    s->person_name ? s->person_name : "", "item", s->item, "item_name",
	    item_name(ctx, s->region, s->item), "region", s->region,
	    "started_at", s->started_at, "minutes", s->minutes, "finished_at",
	    s->finished_at, "note", s->note ? s->note : "", "status", s->status,
	    "decided_at",
	    s->decided_at ? json_string(s->decided_at) : json_null(),
	    "rejected_reason", s->rejected_reason ? s->rejected_reason : "",
	    "deposited_minutes", s->deposited);
}

static const char *text_of(json_t *body, const char *key)
{
	return json_string_value(json_object_get(body, key));
}

static long long id_of(struct app_ctx *ctx, json_t *body, const char *key,
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

struct rec {
	struct vservice_row s;
	json_t *out;
};

static int record_in_tx(struct app_ctx *ctx, void *arg)
{
	struct rec *x = arg;
	struct vservice_row after;

	if (tb_store_service_add(ctx->db, &x->s, &ctx->err) ||
	    tb_store_service_get(ctx->db, ctx->arena, x->s.id, &after,
	                         &ctx->err))
		return -1;
	x->out = service_json(ctx, &after);
	if (app_audit(ctx, "create", "volunteer_service",
	              arena_printf(ctx->arena, "%lld", x->s.id), NULL,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

json_t *app_vservice_record(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"volunteer_id", "item", "started_at", "finished_at",
		"person_id",    "note", NULL
	};
	struct rec x;
	struct volunteer_row v;
	const struct timebank_policy *p;
	const char *note = text_of(body, "note");
	char day[11];
	int bad;

	memset(&x, 0, sizeof(x));
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    (x.s.volunteer_id = id_of(ctx, body, "volunteer_id", 1)) < 0 ||
	    (x.s.person_id = id_of(ctx, body, "person_id", 0)) < 0)
		return NULL;
	if (app_volunteer_visible(ctx, x.s.volunteer_id, &v)) {
		snprintf(ctx->err.field, sizeof(ctx->err.field),
		         "volunteer_id");
		ctx->err.code = LX_EINVALID;
		return NULL;
	}
	x.s.item = (char *)text_of(body, "item");
	x.s.started_at = (char *)text_of(body, "started_at");
	x.s.finished_at = (char *)text_of(body, "finished_at");
	if (timebank_minutes_between(x.s.started_at, x.s.finished_at,
	                             &x.s.minutes, &bad))
		return lx_fail(&ctx->err, LX_EINVALID,
		               bad == 1 ? "started_at" : "finished_at",
		               bad == 1
		                   ? "'started_at' must be "
		                     "YYYY-MM-DDTHH:MM"
		                   : "'finished_at' must be "
		                     "YYYY-MM-DDTHH:MM, after 'started_at'"),
		       NULL;
	if (x.s.minutes > 24 * 60)
		return lx_fail(&ctx->err, LX_EINVALID, "finished_at",
		               "one service lasts at most a day"),
		       NULL;
	memcpy(day, x.s.finished_at, 10);
	day[10] = 0;
	if (strcmp(day, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "finished_at",
		               "'finished_at' is in the future"),
		       NULL;
	memcpy(day, x.s.started_at, 10);
	if (strcmp(v.registered_on, day) > 0 ||
	    (v.left_on[0] && strcmp(v.left_on, day) <= 0))
		return lx_fail(&ctx->err, LX_EINVALID, "started_at",
		               "the volunteer was not registered that day"),
		       NULL;
	if (!(p = tb_policy_for(ctx, v.region, "item")))
		return NULL;
	if (!timebank_policy_earns(p, x.s.item))
		return lx_fail(&ctx->err, LX_EINVALID, "item",
		               "'item' must be a service that earns time-bank "
		               "hours in the policy"),
		       NULL;
	if (note && strlen(note) > NOTE_MAX_BYTES)
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "'note' is too long"),
		       NULL;
	snprintf(x.s.region, sizeof(x.s.region), "%s", v.region);
	if (x.s.person_id) {
		struct person per;

		/* someone the caller may not see is "no such person" */
		if (person_store_get(ctx->db, ctx->arena, x.s.person_id, &per,
		                     NULL) ||
		    !principal_sees_region(ctx->who, per.region))
			return lx_fail(&ctx->err, LX_EINVALID, "person_id",
			               "no person %lld in the registry",
			               x.s.person_id),
			       NULL;
		snprintf(x.s.region, sizeof(x.s.region), "%s", per.region);
	}
	x.s.note = (char *)(note ? note : "");
	x.s.recorded_by = ctx->who->account_id;
	x.s.recorded_at = ctx->now;
	if (app_transaction(ctx, record_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_vservice_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "volunteer_id",
		                               "status", NULL };
	struct vservice_query q = { 0 };
	const char *region, *status = param_str(params, "status");
	long vol;
	struct vservice_row *s;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "volunteer_id", 0, 0, 2147483647L, &vol,
	               &ctx->err))
		return NULL;
	if (status && strcmp(status, "recorded") &&
	    strcmp(status, "verified") && strcmp(status, "rejected"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "status",
		               "'status' must be recorded, verified or "
		               "rejected"),
		       NULL;
	q.region = region ? region : ctx->who->region;
	q.volunteer_id = vol;
	q.status = status;
	if (tb_store_service_list(ctx->db, ctx->arena, &q, &s, &n, &ctx->err))
		return NULL;
	items = json_array();
	/* the volunteer's scope decides, not where the service was */
	for (size_t i = 0; i < n; i++)
		if (app_volunteer_in_scope(ctx, s[i].volunteer_region,
		                           s[i].facility_id))
			json_array_append_new(items, service_json(ctx, &s[i]));
	return json_pack("{so}", "services", items);
}

struct decide {
	long long id;
	const char *reason;
	struct vservice_row s;
	long long cap;
	json_t *out;
};

static int decide_in_tx(struct app_ctx *ctx, void *arg)
{
	struct decide *x = arg;
	struct vservice_row after;
	long long account;
	struct tb_entry_row e = { 0 };
	int rc;

	if (tb_store_service_decide(ctx->db, x->id, ctx->who->account_id,
	                            ctx->now, x->reason, &ctx->err))
		return -1;
	if (!x->reason) {
		/* verified: the minutes go in, once (service_id is unique) */
		if (tb_store_account_of(ctx->db, x->s.volunteer_id, 0, ctx->now,
		                        &account, &ctx->err))
			return -1;
		strcpy(e.kind, "deposit");
		e.account_id = account;
		e.minutes = x->s.minutes;
		e.service_id = x->id;
		e.by = ctx->who->account_id;
		e.at = ctx->now;
		if (tb_store_entry_add(ctx->db, &e, &ctx->err))
			return -1;
		rc = tb_store_account_move(ctx->db, account, x->s.minutes,
		                           x->cap, &ctx->err);
		if (rc > 0)
			return lx_fail(
			    &ctx->err, LX_ECONFLICT, "minutes",
			    "the volunteer's account would hold more "
			    "than the cap of %lld minutes",
			    x->cap);
		if (rc || tb_store_trace_add(ctx->db, e.id, x->id, x->s.minutes,
		                             &ctx->err))
			return -1;
	}
	if (tb_store_service_get(ctx->db, ctx->arena, x->id, &after, &ctx->err))
		return -1;
	x->out = service_json(ctx, &after);
	if (app_audit(ctx, x->reason ? "reject" : "verify", "volunteer_service",
	              arena_printf(ctx->arena, "%lld", x->id), NULL, x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

static json_t *decide(struct app_ctx *ctx, long long id, json_t *body,
                      int verify)
{
	static const char *const vkeys[] = { NULL };
	static const char *const rkeys[] = { "reason", NULL };
	struct decide x = { .id = id };
	struct volunteer_row v;
	const struct timebank_policy *p;

	if (body && !json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if ((body && body_only(body, verify ? vkeys : rkeys, &ctx->err)) ||
	    tb_store_service_get(ctx->db, ctx->arena, id, &x.s, &ctx->err))
		return NULL;
	if (app_volunteer_visible(ctx, x.s.volunteer_id, &v)) {
		lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		        "no volunteer service %lld", id);
		return NULL;
	}
	if (!verify) {
		x.reason = text_of(body, "reason");
		if (!x.reason || !*x.reason ||
		    strlen(x.reason) > REASON_MAX_BYTES)
			return lx_fail(&ctx->err, LX_EINVALID, "reason",
			               "give the 'reason' for rejecting"),
			       NULL;
	}
	if (!(p = tb_policy_for(ctx, v.region, "id")))
		return NULL;
	/* four eyes (不相容岗位分离): whoever recorded a service does not
	 * verify it; rejecting one's own record stays possible */
	if (verify && p->verify_by_other &&
	    !timebank_verifier_independent(x.s.recorded_by,
	                                   ctx->who->account_id))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "id",
		               "a service is verified by someone other than "
		               "who recorded it"),
		       NULL;
	x.cap = p->cap_minutes;
	if (app_transaction(ctx, decide_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_vservice_verify(struct app_ctx *ctx, long long id, json_t *body)
{
	return decide(ctx, id, body, 1);
}

json_t *app_vservice_reject(struct app_ctx *ctx, long long id, json_t *body)
{
	return decide(ctx, id, body, 0);
}

struct transfer {
	long long volunteer, person;
	long long from, to, minutes, cap;
	long long entry;
	json_t *out;
};

static int transfer_in_tx(struct app_ctx *ctx, void *arg)
{
	struct transfer *x = arg;
	struct timebank_lot *take;
	size_t ntake;
	int rc;

	/* the kin's account is made in the same transaction: a refused
	 * transfer leaves none behind */
	if (tb_store_account_of(ctx->db, x->volunteer, 0, ctx->now, &x->from,
	                        &ctx->err) ||
	    tb_store_account_of(ctx->db, 0, x->person, ctx->now, &x->to,
	                        &ctx->err))
		return -1;
	rc = tb_move_out(ctx, x->from, x->minutes, "transfer_out", 0, x->to,
	                 &x->entry, &take, &ntake);
	if (rc > 0)
		return lx_fail(&ctx->err, LX_ECONFLICT, "minutes",
		               "the volunteer's account holds fewer than %lld "
		               "minutes",
		               x->minutes);
	if (rc)
		return -1;
	rc = tb_move_in(ctx, x->to, take, ntake, "transfer_in", 0, x->from,
	                x->cap);
	if (rc > 0)
		return lx_fail(&ctx->err, LX_ECONFLICT, "minutes",
		               "the kin's account would hold more than the "
		               "cap of %lld minutes",
		               x->cap);
	if (rc)
		return -1;
	x->out =
	    json_pack("{sI sI sI sI}", "entry_id", x->entry, "from_account",
	              x->from, "to_account", x->to, "minutes", x->minutes);
	if (app_audit(ctx, "transfer", "timebank_account",
	              arena_printf(ctx->arena, "%lld", x->from), NULL,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

json_t *app_timebank_transfer(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "volunteer_id", "person_id",
		                            "minutes", NULL };
	struct transfer x = { 0 };
	struct transfer o = { 0 };
	struct volunteer_row v;
	const struct timebank_policy *p;
	struct person per;
	char relation[16];
	struct timebank_beneficiary b = { 0 };
	json_t *m = json_object_get(body, "minutes");
	int k;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    (o.volunteer = id_of(ctx, body, "volunteer_id", 1)) < 0 ||
	    (o.person = id_of(ctx, body, "person_id", 1)) < 0)
		return NULL;
	if (!json_is_integer(m) || json_integer_value(m) <= 0 ||
	    json_integer_value(m) > TIMEBANK_MINUTES_MAX)
		return lx_fail(&ctx->err, LX_EINVALID, "minutes",
		               "'minutes' must be a positive whole number"),
		       NULL;
	x.minutes = json_integer_value(m);
	if (app_volunteer_visible(ctx, o.volunteer, &v)) {
		ctx->err.code = LX_EINVALID;
		snprintf(ctx->err.field, sizeof(ctx->err.field),
		         "volunteer_id");
		return NULL;
	}
	if (!(p = tb_policy_for(ctx, v.region, "volunteer_id")))
		return NULL;
	if (!p->transfer_to_kin)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "person_id",
		               "the policy does not let hours be given to kin"),
		       NULL;
	k = tb_store_kin_of(ctx->db, o.volunteer, o.person, relation,
	                    &ctx->err);
	if (k < 0)
		return NULL;
	if (person_store_get(ctx->db, ctx->arena, o.person, &per, NULL))
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "no person %lld in the registry", o.person),
		       NULL;
	b.is_kin = k;
	b.relation_counts = k && timebank_policy_kin(p, relation);
	b.age = person_age_on(per.birth_date, ctx->today);
	/* minutes given to kin serve the kin: the same rule as redeeming */
	if (!timebank_may_benefit(&b, p->kin_min_age))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "person_id",
		               "hours go only to the volunteer's recorded "
		               "spouse or lineal kin aged %d or over",
		               p->kin_min_age),
		       NULL;
	x.cap = p->cap_minutes;
	x.volunteer = o.volunteer;
	x.person = o.person;
	if (app_transaction(ctx, transfer_in_tx, &x))
		return NULL;
	return x.out;
}

static int account_in_scope(struct app_ctx *ctx, const struct tb_account_row *t)
{
	if (ctx->who->role == ROLE_OPERATOR && !t->volunteer_id)
		return 0;
	return app_volunteer_in_scope(ctx, t->region, t->facility_id);
}

static json_t *account_json(const struct tb_account_row *t)
{
	return json_pack("{sI so so ss ss sI ss}", "id", t->id, "volunteer_id",
	                 opt_id(t->volunteer_id), "person_id",
	                 opt_id(t->person_id), "name", t->name ? t->name : "",
	                 "region", t->region, "balance_minutes", t->balance,
	                 "created_at", t->created_at);
}

json_t *app_timebank_accounts(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;
	struct tb_account_row *t;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (tb_store_account_list(ctx->db, ctx->arena,
	                          region ? region : ctx->who->region, &t, &n,
	                          &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		if (account_in_scope(ctx, &t[i]))
			json_array_append_new(items, account_json(&t[i]));
	return json_pack("{so}", "accounts", items);
}

static json_t *trace_json(struct app_ctx *ctx, const char *region,
                          const struct tb_trace_row *r)
{
	return json_pack("{sI sI ss ss ss}", "service_id", r->service_id,
	                 "minutes", r->minutes, "item_name",
	                 item_name(ctx, region, r->item), "volunteer_name",
	                 r->volunteer_name, "finished_at", r->finished_at);
}

json_t *app_timebank_account(struct app_ctx *ctx, long long id, json_t *params)
{
	struct tb_account_row t;
	struct tb_entry_row *e;
	struct tb_trace_row *tr;
	struct timebank_lot *lots;
	size_t ne, ntr, nl;
	json_t *o, *entries, *held;

	if (param_only(params, (const char *const[]){ NULL }, &ctx->err) ||
	    tb_store_account_get(ctx->db, ctx->arena, id, &t, &ctx->err))
		return NULL;
	if (!account_in_scope(ctx, &t))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no time-bank account %lld", id),
		       NULL;
	if (tb_store_entries(ctx->db, ctx->arena, id, &e, &ne, &ctx->err) ||
	    tb_store_traces(ctx->db, ctx->arena, id, &tr, &ntr, &ctx->err) ||
	    tb_store_lots(ctx->db, ctx->arena, id, &lots, &nl, &ctx->err))
		return NULL;
	entries = json_array();
	for (size_t i = 0; i < ne; i++) {
		json_t *x = json_pack(
		    "{sI ss sI so so so ss}", "id", e[i].id, "kind", e[i].kind,
		    "minutes", e[i].minutes, "service_id",
		    opt_id(e[i].service_id), "order_id", opt_id(e[i].order_id),
		    "counterpart", opt_id(e[i].counterpart), "at", e[i].at);
		json_t *traces = json_array();

		for (size_t j = 0; j < ntr; j++)
			if (tr[j].entry_id == e[i].id)
				json_array_append_new(
				    traces, trace_json(ctx, t.region, &tr[j]));
		json_object_set_new(x, "traces", traces);
		json_array_append_new(entries, x);
	}
	held = json_array();
	for (size_t i = 0; i < nl; i++)
		json_array_append_new(
		    held, json_pack("{sI sI}", "service_id", lots[i].service_id,
		                    "minutes", lots[i].minutes));
	o = account_json(&t);
	json_object_set_new(o, "entries", entries);
	json_object_set_new(o, "held", held);
	return o;
}

static json_t *items_json(struct app_ctx *ctx, const char *region, size_t n,
                          const char **codes)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    a, json_pack("{ss ss}", "code", codes[i], "name",
		                 item_name(ctx, region, codes[i])));
	return a;
}

json_t *app_timebank_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;
	const struct timebank_policy *p;
	json_t *rel = json_array();

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err)) {
		json_decref(rel);
		return NULL;
	}
	if (!region)
		region = *ctx->who->region ? ctx->who->region : NULL;
	if (!region) {
		json_decref(rel);
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "give 'region'"),
		       NULL;
	}
	if (!(p = tb_policy_for(ctx, region, "region"))) {
		json_decref(rel);
		return NULL;
	}
	for (int i = 0; i < TR__MAX; i++)
		json_array_append_new(
		    rel,
		    json_pack(
		        "{ss ss sb}", "code", timebank_relation_code(i), "name",
		        timebank_relation_label(i), "counts",
		        timebank_policy_kin(p, timebank_relation_code(i))));
	return json_pack("{sI so si sb sb so so sb ss ss}", "cap_minutes",
	                 p->cap_minutes, "relations", rel, "kin_min_age",
	                 p->kin_min_age, "transfer_to_kin", p->transfer_to_kin,
	                 "verify_by_other", p->verify_by_other, "earn_items",
	                 items_json(ctx, region, p->nearn, p->earn_items),
	                 "redeem_items",
	                 items_json(ctx, region, p->nredeem, p->redeem_items),
	                 "cashable", 0, "source", p->source ? p->source : "",
	                 "note", p->note ? p->note : "");
}
