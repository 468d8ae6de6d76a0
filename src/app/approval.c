#include "app/approval.h"

#include "app/approval_budget.h"
#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/subsidies.h"
#include "core/period.h"
#include "core/subsidy.h"
#include "store/account_store.h"
#include "store/approval_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const duty_names[] = { "prepare", "check", "approve" };
static const char *const duty_zh[] = { "经办", "审核", "审批" };

static json_t *duties_json(int duties)
{
	json_t *a = json_array();

	for (int i = 0; i < 3; i++)
		if (duties & (1 << i))
			json_array_append_new(a, json_string(duty_names[i]));
	return a;
}

struct duties_arg {
	long long id;
	int duties, before;
};

static int duties_in_tx(struct app_ctx *ctx, void *arg)
{
	struct duties_arg *d = arg;
	json_t *before, *after;
	int ret;

	if (approval_store_duties(ctx->db, d->id, &d->before, &ctx->err) ||
	    approval_store_set_duties(ctx->db, d->id, d->duties, &ctx->err))
		return -1;
	before = json_pack("{s:o}", "duties", duties_json(d->before));
	after = json_pack("{s:o}", "duties", duties_json(d->duties));
	ret = app_audit(ctx, "duties", "account",
	                arena_printf(ctx->arena, "%lld", d->id), before, after);
	json_decref(before);
	json_decref(after);
	return ret;
}

json_t *app_duties_set(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "duties", NULL };
	json_t *list = json_object_get(body, "duties"), *e;
	struct duties_arg d = { .id = id };
	struct account acc;
	size_t i;

	if (!principal_is_admin(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators assign duties"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!json_is_array(list))
		return lx_fail(&ctx->err, LX_EINVALID, "duties",
		               "give 'duties' as a list of \"prepare\", "
		               "\"check\" and \"approve\""),
		       NULL;
	json_array_foreach(list, i, e)
	{
		int k = 0;

		while (k < 3 && !(json_is_string(e) &&
		                  !strcmp(json_string_value(e), duty_names[k])))
			k++;
		if (k == 3)
			return lx_fail(&ctx->err, LX_EINVALID, "duties",
			               "a duty is \"prepare\", \"check\" or "
			               "\"approve\""),
			       NULL;
		d.duties |= 1 << k;
	}
	if (account_store_get(ctx->db, ctx->arena, id, NULL, &acc, &ctx->err))
		return NULL;
	if (d.duties && acc.role != ROLE_ADMIN &&
	    acc.role != ROLE_CITY_OFFICIAL && acc.role != ROLE_COUNTY_OFFICIAL)
		return lx_fail(&ctx->err, LX_EINVALID, "duties",
		               "duties are for administrators and city and "
		               "county officials, not '%s'",
		               role_name((enum role)acc.role)),
		       NULL;
	if (app_transaction(ctx, duties_in_tx, &d))
		return NULL;
	return json_pack("{s:I, s:s, s:o}", "account_id", (json_int_t)id,
	                 "username", acc.username, "duties",
	                 duties_json(d.duties));
}

json_t *app_duties_list(struct app_ctx *ctx, json_t *params)
{
	struct account *v;
	size_t n;
	json_t *items;

	(void)params;
	if (!principal_is_admin(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators see duties"),
		       NULL;
	if (account_store_list(ctx->db, ctx->arena, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		int duties;

		if (v[i].role != ROLE_ADMIN &&
		    v[i].role != ROLE_CITY_OFFICIAL &&
		    v[i].role != ROLE_COUNTY_OFFICIAL)
			continue;
		if (approval_store_duties(ctx->db, v[i].id, &duties,
		                          &ctx->err)) {
			json_decref(items);
			return NULL;
		}
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:o}", "account_id",
		              (json_int_t)v[i].id, "username", v[i].username,
		              "role", role_name((enum role)v[i].role), "region",
		              v[i].region, "duties", duties_json(duties)));
	}
	return json_pack("{s:o}", "items", items);
}

/* ---- the lines a run produces, as a sink collects them ---- */

struct cline {
	char kind[24], bkind[12];
	long long id;
	const char *name, *region, *reason;
	int64_t fen;
};

struct collect {
	struct app_ctx *ctx;
	struct cline *v, *x; /* lines, exclusions */
	size_t n, cap, nx, capx;
	int64_t total;
	int approving;
	struct approval_batch *batch; /* preparing: filled; approving: read */
	json_t *diff;                 /* approving: what changed */
};

static int push(struct app_ctx *ctx, struct cline **v, size_t *n, size_t *cap,
                const struct subsidy_line_view *l)
{
	struct cline *c;

	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		struct cline *g = realloc(*v, nc * sizeof(*g));

		if (!g)
			return -1;
		*v = g;
		*cap = nc;
	}
	c = &(*v)[(*n)++];
	snprintf(c->kind, sizeof(c->kind), "%s", l->kind);
	snprintf(c->bkind, sizeof(c->bkind), "%s", l->beneficiary_kind);
	c->id = l->beneficiary_id;
	c->name = arena_strdup(ctx->arena, l->name ? l->name : "");
	c->region = arena_strdup(ctx->arena, l->region ? l->region : "");
	c->reason = arena_strdup(ctx->arena, l->reason ? l->reason : "");
	c->fen = l->fen;
	return 0;
}

static int on_line(void *arg, const struct subsidy_line_view *l)
{
	struct collect *c = arg;

	c->total += l->fen;
	return push(c->ctx, &c->v, &c->n, &c->cap, l);
}

static void on_excluded(void *arg, const struct subsidy_line_view *l)
{
	struct collect *c = arg;

	/* an exclusion lost to memory only shortens the 公示's second list */
	(void)push(c->ctx, &c->x, &c->nx, &c->capx, l);
}

static int cmp_cline(const void *a, const void *b)
{
	const struct cline *x = a, *y = b;
	int k = strcmp(x->bkind, y->bkind);

	if (k)
		return k;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	k = strcmp(x->kind, y->kind);
	if (k)
		return k;
	return (x->fen > y->fen) - (x->fen < y->fen);
}

/* The trial's fingerprint: a hash over its lines (beneficiary, amount,
 * kind) in beneficiary order, and its count and total, so that two
 * evaluations agree exactly when they would pay the same. v is sorted
 * here. */
static void fingerprint(struct cline *v, size_t n, int64_t total, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];
	char buf[128];

	if (n)
		qsort(v, n, sizeof(*v), cmp_cline);
	crypto_generichash_init(&h, NULL, 0, sizeof(d));
	for (size_t i = 0; i < n; i++) {
		int k =
		    snprintf(buf, sizeof(buf), "%s %lld %lld %s\n", v[i].bkind,
		             v[i].id, (long long)v[i].fen, v[i].kind);

		crypto_generichash_update(&h, (const unsigned char *)buf,
		                          (unsigned long long)k);
	}
	{
		int k = snprintf(buf, sizeof(buf), "lines %zu total %lld\n", n,
		                 (long long)total);

		crypto_generichash_update(&h, (const unsigned char *)buf,
		                          (unsigned long long)k);
	}
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static int store_lines(struct app_ctx *ctx, long long batch,
                       const struct cline *v, size_t n, int excluded)
{
	for (size_t i = 0; i < n; i++) {
		struct approval_line l = { 0 };

		l.excluded = excluded;
		l.seq = (long long)i + 1;
		snprintf(l.kind, sizeof(l.kind), "%s", v[i].kind);
		snprintf(l.beneficiary_kind, sizeof(l.beneficiary_kind), "%s",
		         v[i].bkind);
		l.beneficiary_id = v[i].id;
		l.name = (char *)v[i].name;
		l.reason = (char *)v[i].reason;
		snprintf(l.region, sizeof(l.region), "%s", v[i].region);
		l.fen = v[i].fen;
		if (approval_store_add_line(ctx->db, batch, &l, &ctx->err))
			return -1;
	}
	return 0;
}

static json_t *step_json(const char *who, const char *at, const char *note)
{
	if (!at)
		return json_null();
	return json_pack("{s:s, s:s, s:s}", "by", who ? who : "", "at", at,
	                 "note", note ? note : "");
}

static json_t *batch_json(const struct approval_batch *b)
{
	char y[32];

	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:o, s:o, s:o,"
	    " s:o, s:o}",
	    "id", (json_int_t)b->id, "scheme", b->scheme, "period", b->period,
	    "region", b->region, "status", b->status, "fingerprint",
	    b->fingerprint, "lines", (json_int_t)b->lines, "total_fen",
	    (json_int_t)b->total_fen, "total_yuan",
	    subsidy_yuan(b->total_fen, y), "excluded", (json_int_t)b->excluded,
	    "prepared",
	    step_json(b->prepared_name, b->prepared_at, b->prepare_note),
	    "checked", step_json(b->checked_name, b->checked_at, b->check_note),
	    "approved",
	    step_json(b->approved_name, b->approved_at, b->approve_note),
	    "returned",
	    step_json(b->returned_name, b->returned_at, b->return_note),
	    "run_id", b->run_id ? json_integer(b->run_id) : json_null());
}

/* The caller's duty for a step, or LX_EFORBIDDEN naming it. */
static int need_duty(struct app_ctx *ctx, int step)
{
	int duties;

	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials take part in payments");
	if (approval_store_duties(ctx->db, ctx->who->account_id, &duties,
	                          &ctx->err))
		return -1;
	if (!(duties & (1 << step)))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "'%s' has no duty to %s (%s): an administrator "
		               "assigns duties",
		               ctx->who->username, duty_names[step],
		               duty_zh[step]);
	return 0;
}

int approval_batch_load(struct app_ctx *ctx, long long id,
                        struct approval_batch *b)
{
	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "batches are for administrators and city and "
		               "county officials");
	if (approval_store_get(ctx->db, ctx->arena, id, b, &ctx->err))
		return -1;
	if (!principal_sees_region(ctx->who, b->region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no batch %lld",
		               id);
	return 0;
}

static const char *note_of(json_t *body)
{
	const char *n = json_string_value(json_object_get(body, "note"));

	return n ? n : "";
}

static int check_note(struct app_ctx *ctx, json_t *body, int required)
{
	static const char *const keys[] = { "note", NULL };
	json_t *n = json_object_get(body, "note");

	if (body && body_only(body, keys, &ctx->err))
		return -1;
	if (n && !json_is_string(n))
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "the note must be text");
	if (n && strlen(json_string_value(n)) > 2000)
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "the note is longer than 2000 bytes");
	if (required && (!n || !*json_string_value(n)))
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "say why the batch goes back to its preparer");
	return 0;
}

/* ---- 经办 ---- */

static int prepare_finish(struct app_ctx *ctx, void *arg, long long run_id)
{
	struct collect *c = arg;
	struct approval_batch *b = c->batch;
	json_t *after;
	int ret;

	(void)run_id;
	b->lines = (long long)c->n;
	b->total_fen = c->total;
	b->excluded = (long long)c->nx;
	fingerprint(c->v, c->n, c->total, b->fingerprint);
	if (approval_store_insert(ctx->db, b, ctx->now, &ctx->err) ||
	    store_lines(ctx, b->id, c->v, c->n, 0) ||
	    store_lines(ctx, b->id, c->x, c->nx, 1))
		return -1;
	after = json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s}", "scheme",
	                  b->scheme, "period", b->period, "region", b->region,
	                  "lines", (json_int_t)b->lines, "total_fen",
	                  (json_int_t)b->total_fen, "fingerprint",
	                  b->fingerprint, "note", b->prepare_note);
	ret = app_audit(ctx, "prepare", "batch",
	                arena_printf(ctx->arena, "%lld", b->id), NULL, after);
	json_decref(after);
	return ret;
}

struct prep {
	json_t *run_body, *summary;
	struct collect *c;
};

static int prepare_in_tx(struct app_ctx *ctx, void *arg)
{
	struct prep *p = arg;
	struct subsidy_sink sink = { p->c, on_line, on_excluded,
		                     prepare_finish };
	long long open;

	if (approval_store_open(ctx->db, p->c->batch->scheme,
	                        p->c->batch->period, p->c->batch->region, &open,
	                        &ctx->err))
		return -1;
	if (open)
		return lx_fail(
		    &ctx->err, LX_ECONFLICT, "scheme",
		    "batch %lld of '%s' for %s in '%s' is still open: "
		    "it must be approved or returned first",
		    open, p->c->batch->scheme, p->c->batch->period,
		    p->c->batch->region);
	p->summary = app_subsidy_run_sink(ctx, p->run_body, &sink);
	return p->summary ? 0 : -1;
}

json_t *app_batch_prepare(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "scheme", "period", "region",
		                            "note", NULL };
	struct approval_batch b = { 0 };
	struct collect c = { .ctx = ctx, .batch = &b };
	struct prep p = { 0 };
	json_t *out = NULL, *q;
	const char *region, *sid, *per;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (json_object_get(body, "note") &&
	    !json_is_string(json_object_get(body, "note")))
		return lx_fail(&ctx->err, LX_EINVALID, "note",
		               "the note must be text"),
		       NULL;
	sid = json_string_value(json_object_get(body, "scheme"));
	per = json_string_value(json_object_get(body, "period"));
	q = json_pack("{s:s}", "region",
	              json_string_value(json_object_get(body, "region"))
	                  ? json_string_value(json_object_get(body, "region"))
	                  : "");
	if (app_visible_region(ctx, q, &region)) {
		json_decref(q);
		return NULL;
	}
	snprintf(b.region, sizeof(b.region), "%s", region);
	json_decref(q);
	if (!sid || strlen(sid) >= sizeof(b.scheme))
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "give the scheme's id"),
		       NULL;
	if (!per || strlen(per) >= sizeof(b.period))
		return lx_fail(&ctx->err, LX_EINVALID, "period",
		               "give the period (2025-03, or 2025)"),
		       NULL;
	{
		struct period pd;

		if (period_parse(per, &pd, &ctx->err, "period"))
			return NULL;
		period_format(pd, b.period);
	}
	snprintf(b.scheme, sizeof(b.scheme), "%s", sid);
	/* the input first, so that a malformed request says what is wrong
	 * with it whoever sends it */
	if (need_duty(ctx, 0))
		return NULL;
	b.prepared_by = ctx->who->account_id;
	b.prepare_note = (char *)note_of(body);
	p.c = &c;
	p.run_body = json_pack("{s:s, s:s, s:s, s:b}", "scheme", sid, "period",
	                       b.period, "region", b.region, "dry_run", 1);
	if (!app_transaction(ctx, prepare_in_tx, &p)) {
		struct approval_batch got;

		if (!approval_store_get(ctx->db, ctx->arena, b.id, &got,
		                        &ctx->err)) {
			out = batch_json(&got);
			json_object_set(out, "budget",
			                json_object_get(p.summary, "budget"));
			json_object_set(out, "warnings",
			                json_object_get(p.summary, "warnings"));
			json_object_set(
			    out, "exceptions_count",
			    json_object_get(p.summary, "exceptions_count"));
		}
	}
	json_decref(p.summary);
	json_decref(p.run_body);
	free(c.v);
	free(c.x);
	return out;
}

/* ---- 审核 and 退回 ---- */

struct step {
	long long id;
	const char *from, *to, *note;
	long long run_id;
};

static int step_in_tx(struct app_ctx *ctx, void *arg)
{
	struct step *s = arg;
	json_t *after;
	int ret;

	if (approval_store_step(ctx->db, s->id, s->from, s->to,
	                        ctx->who->account_id, ctx->now, s->note,
	                        s->run_id, &ctx->err))
		return -1;
	after = json_pack("{s:s, s:s}", "status", s->to, "note", s->note);
	ret = app_audit(ctx,
	                !strcmp(s->to, "checked")    ? "check"
	                : !strcmp(s->to, "approved") ? "approve"
	                                             : "return",
	                "batch", arena_printf(ctx->arena, "%lld", s->id), NULL,
	                after);
	json_decref(after);
	return ret;
}

static json_t *reload(struct app_ctx *ctx, long long id)
{
	struct approval_batch b;

	if (approval_store_get(ctx->db, ctx->arena, id, &b, &ctx->err))
		return NULL;
	return batch_json(&b);
}

json_t *app_batch_check(struct app_ctx *ctx, long long id, json_t *body)
{
	struct approval_batch b;
	struct step s = { id, "prepared", "checked", NULL, 0 };

	if (approval_batch_load(ctx, id, &b) || check_note(ctx, body, 0) ||
	    need_duty(ctx, 1))
		return NULL;
	if (strcmp(b.status, "prepared"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "batch %lld is %s, not prepared", id, b.status),
		       NULL;
	if (b.prepared_by == ctx->who->account_id)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "'%s' prepared batch %lld and may not check it",
		               ctx->who->username, id),
		       NULL;
	s.note = note_of(body);
	if (app_transaction(ctx, step_in_tx, &s))
		return NULL;
	return reload(ctx, id);
}

json_t *app_batch_return(struct app_ctx *ctx, long long id, json_t *body)
{
	struct approval_batch b;
	struct step s = { id, NULL, "returned", NULL, 0 };
	int at_check;

	if (approval_batch_load(ctx, id, &b) || check_note(ctx, body, 1))
		return NULL;
	if (strcmp(b.status, "prepared") && strcmp(b.status, "checked"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "batch %lld is %s: only a prepared or checked "
		               "batch goes back",
		               id, b.status),
		       NULL;
	/* the step the batch waits for decides who may send it back */
	at_check = !strcmp(b.status, "prepared");
	if (need_duty(ctx, at_check ? 1 : 2))
		return NULL;
	if (b.prepared_by == ctx->who->account_id ||
	    (!at_check && b.checked_by == ctx->who->account_id))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "'%s' %s batch %lld and may not return it",
		               ctx->who->username,
		               b.prepared_by == ctx->who->account_id
		                   ? "prepared"
		                   : "checked",
		               id),
		       NULL;
	s.from = b.status;
	s.note = note_of(body);
	if (app_transaction(ctx, step_in_tx, &s))
		return NULL;
	return reload(ctx, id);
}

/* ---- 审批 ---- */

static json_t *diff_entry(const struct approval_line *was,
                          const struct cline *now)
{
	return json_pack(
	    "{s:s, s:I, s:s, s:o, s:o}", "beneficiary_kind",
	    was ? was->beneficiary_kind : now->bkind, "beneficiary_id",
	    (json_int_t)(was ? was->beneficiary_id : now->id), "beneficiary",
	    was ? was->name : now->name, "trial_fen",
	    was ? json_integer(was->fen) : json_null(), "now_fen",
	    now ? json_integer(now->fen) : json_null());
}

static int cmp_stored(const void *a, const void *b)
{
	const struct approval_line *x = a, *y = b;
	int k = strcmp(x->beneficiary_kind, y->beneficiary_kind);

	if (k)
		return k;
	if (x->beneficiary_id != y->beneficiary_id)
		return x->beneficiary_id < y->beneficiary_id ? -1 : 1;
	k = strcmp(x->kind, y->kind);
	return k ? k : (x->fen > y->fen) - (x->fen < y->fen);
}

/* What differs between the checked trial (stored) and now (sorted): the
 * first few beneficiaries whose line is not the same. */
static json_t *differences(struct approval_line *was, size_t nw,
                           const struct cline *now, size_t nn)
{
	json_t *list = json_array();
	size_t i = 0, j = 0;

	if (nw)
		qsort(was, nw, sizeof(*was), cmp_stored);
	while ((i < nw || j < nn) && json_array_size(list) < 10) {
		int k;

		if (i == nw)
			k = 1;
		else if (j == nn)
			k = -1;
		else {
			k = strcmp(was[i].beneficiary_kind, now[j].bkind);
			if (!k && was[i].beneficiary_id != now[j].id)
				k = was[i].beneficiary_id < now[j].id ? -1 : 1;
		}
		if (k < 0) {
			json_array_append_new(list, diff_entry(&was[i], NULL));
			i++;
		} else if (k > 0) {
			json_array_append_new(list, diff_entry(NULL, &now[j]));
			j++;
		} else {
			if (was[i].fen != now[j].fen ||
			    strcmp(was[i].kind, now[j].kind))
				json_array_append_new(
				    list, diff_entry(&was[i], &now[j]));
			i++;
			j++;
		}
	}
	return list;
}

static int approve_finish(struct app_ctx *ctx, void *arg, long long run_id)
{
	struct collect *c = arg;
	struct approval_batch *b = c->batch;
	char fp[65];

	fingerprint(c->v, c->n, c->total, fp);
	if (strcmp(fp, b->fingerprint)) {
		struct approval_line *was;
		size_t nw;
		long long total;
		char y1[32], y2[32];

		if (approval_store_lines(ctx->db, ctx->arena, b->id, 0, 0, 0,
		                         &was, &nw, &total, &ctx->err))
			return -1;
		c->diff = json_pack("{s:{s:I, s:I, s:I, s:I}, s:o}", "changed",
		                    "trial_lines", (json_int_t)b->lines,
		                    "now_lines", (json_int_t)c->n, "trial_fen",
		                    (json_int_t)b->total_fen, "now_fen",
		                    (json_int_t)c->total, "differing",
		                    differences(was, nw, c->v, c->n));
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "the run changed since batch %lld was checked "
		               "(lines %lld, %s yuan then; %zu, %s yuan now): "
		               "nothing was written; return it to be prepared "
		               "again",
		               b->id, b->lines, subsidy_yuan(b->total_fen, y1),
		               c->n, subsidy_yuan(c->total, y2));
	}
	{
		struct step s = { b->id, "checked", "approved", b->approve_note,
			          run_id };

		return step_in_tx(ctx, &s);
	}
}

struct appr {
	json_t *run_body, *summary;
	struct collect *c;
};

static int approve_in_tx(struct app_ctx *ctx, void *arg)
{
	struct appr *p = arg;
	struct subsidy_sink sink = { p->c, on_line, NULL, approve_finish };

	p->summary = app_subsidy_run_sink(ctx, p->run_body, &sink);
	return p->summary ? 0 : -1;
}

json_t *app_batch_approve(struct app_ctx *ctx, long long id, json_t *body)
{
	struct approval_batch b;
	struct collect c = { .ctx = ctx, .batch = &b, .approving = 1 };
	struct appr p = { 0 };
	json_t *out = NULL;

	if (approval_batch_load(ctx, id, &b) || check_note(ctx, body, 0) ||
	    need_duty(ctx, 2))
		return NULL;
	if (strcmp(b.status, "checked"))
		return lx_fail(&ctx->err, LX_ECONFLICT, "id",
		               "batch %lld is %s: only a checked batch is "
		               "approved",
		               id, b.status),
		       NULL;
	if (b.prepared_by == ctx->who->account_id ||
	    b.checked_by == ctx->who->account_id)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "'%s' %s batch %lld and may not approve it",
		               ctx->who->username,
		               b.prepared_by == ctx->who->account_id
		                   ? "prepared"
		                   : "checked",
		               id),
		       NULL;
	b.approve_note = (char *)note_of(body);
	p.c = &c;
	p.run_body =
	    json_pack("{s:s, s:s, s:s, s:b}", "scheme", b.scheme, "period",
	              b.period, "region", b.region, "dry_run", 0);
	if (!app_transaction(ctx, approve_in_tx, &p)) {
		out = reload(ctx, id);
		if (out)
			json_object_set(out, "run", p.summary);
	} else if (c.diff) {
		json_decref(ctx->details);
		ctx->details = c.diff;
		c.diff = NULL;
	}
	json_decref(c.diff);
	json_decref(p.summary);
	json_decref(p.run_body);
	free(c.v);
	free(c.x);
	return out;
}

/* ---- reading ---- */

json_t *app_batch_get(struct app_ctx *ctx, long long id, json_t *params)
{
	struct approval_batch b;
	struct approval_town *t;
	size_t nt;
	json_t *out, *towns, *budget = NULL, *warn;
	struct policy_view view;
	const struct subsidy_scheme *sc = NULL;

	(void)params;
	if (approval_batch_load(ctx, id, &b) ||
	    approval_store_towns(ctx->db, ctx->arena, id, &t, &nt, &ctx->err))
		return NULL;
	out = batch_json(&b);
	towns = json_array();
	for (size_t i = 0; i < nt; i++)
		json_array_append_new(towns,
		                      json_pack("{s:s, s:I, s:I}", "township",
		                                t[i].township, "lines",
		                                (json_int_t)t[i].lines, "fen",
		                                (json_int_t)t[i].fen));
	json_object_set_new(out, "townships", towns);
	/* the budget as it stands now, against this batch's total (an
	 * approved batch is already in what was spent) */
	warn = json_array();
	if (!app_policy_view(ctx, b.region, &view) &&
	    (sc = policy_view_scheme(&view, b.scheme)))
		app_budget_check(ctx, sc, b.region, b.period, 1,
		                 strcmp(b.status, "approved") ? b.total_fen : 0,
		                 &budget, warn);
	lx_error_clear(&ctx->err);
	json_object_set_new(out, "budget", budget ? budget : json_null());
	json_object_set_new(out, "warnings", warn);
	if (sc && json_is_object(out))
		json_object_set_new(out, "scheme_name",
		                    json_string(sc->name_zh));
	return out;
}

json_t *app_batch_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "status", NULL };
	const char *region, *status;
	struct approval_batch *v;
	size_t n;
	json_t *items;

	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "batches are for administrators and city and "
		               "county officials"),
		       NULL;
	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	status = param_str(params, "status");
	if (!region)
		region = ctx->who->region;
	else if (!principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s' in your scope", region),
		       NULL;
	if (approval_store_list(ctx->db, ctx->arena, region, status, &v, &n,
	                        &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, batch_json(&v[i]));
	return json_pack("{s:o}", "items", items);
}
