#include "app/service_voucher_batches.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/service_eligibility.h"
#include "app/service_voucher_policy.h"
#include "core/date.h"
#include "core/service_voucher.h"
#include "store/person_scan.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_voucher_store.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { NAME_MAX_BYTES = 200 };

static json_t *counts_json(const struct voucher_counts *c)
{
	return json_pack("{sI sI sI sI sI}", "issued", (json_int_t)c->issued,
	                 "redeemed", (json_int_t)c->redeemed, "redeemed_fen",
	                 (json_int_t)c->redeemed_fen, "unused",
	                 (json_int_t)c->unused, "expired",
	                 (json_int_t)c->expired);
}

static json_t *batch_json(const struct voucher_batch_row *b)
{
	json_t *items = json_array();

	for (const char *p = b->items; p && *p;) {
		size_t k = strcspn(p, ",");

		json_array_append_new(items, json_stringn(p, k));
		p += k + (p[k] == ',');
	}
	return json_pack("{sI ss ss ss sI sI so ss ss sI ss}", "id",
	                 (json_int_t)b->id, "kind", b->kind, "name", b->name,
	                 "region", b->region, "face_fen",
	                 (json_int_t)b->face_fen, "min_order_fen",
	                 (json_int_t)b->min_order_fen, "items", items,
	                 "issued_on", b->issued_on, "expires_on", b->expires_on,
	                 "issued_count", (json_int_t)b->issued_count,
	                 "created_at", b->created_at ? b->created_at : "");
}

struct issue {
	const char *region, *day;
	const struct voucher_kind *k;
	struct voucher_batch_row b;
	struct app_ctx *ctx;
	long long *persons;
	char (*regions)[13];
	size_t n, cap;
};

static int issue_person(void *arg, struct arena *a,
                        const struct person_scan_row *row)
{
	struct issue *x = arg;
	const char *basis;

	(void)a;
	if (!service_person_qualifies(x->ctx->arena, row->person, x->day,
	                              &x->k->who, &basis))
		return 0;
	if (x->n == x->cap) {
		size_t cap = 2 * x->cap + 64;
		long long *p = arena_alloc(x->ctx->arena, cap * sizeof(*p));
		char(*r)[13] = arena_alloc(x->ctx->arena, cap * sizeof(*r));

		if (x->n) {
			memcpy(p, x->persons, x->n * sizeof(*p));
			memcpy(r, x->regions, x->n * sizeof(*r));
		}
		x->persons = p;
		x->regions = r;
		x->cap = cap;
	}
	x->persons[x->n] = row->person->id;
	snprintf(x->regions[x->n], 13, "%s", row->person->region);
	x->n++;
	return 0;
}

static int issue_in_tx(struct app_ctx *ctx, void *arg)
{
	struct issue *x = arg;
	char ids[24];
	json_t *after;
	int rc;

	if (person_store_scan(ctx->db, x->region, issue_person, x, &ctx->err))
		return -1;
	if (!x->n)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "nobody in region '%s' qualifies for '%s' on %s",
		               x->region, x->k->name, x->day);
	if (voucher_store_batch_insert(ctx->db, &x->b, &ctx->err))
		return -1;
	for (size_t i = 0; i < x->n; i++) {
		unsigned char rnd[SERVICE_VOUCHER_CODE_LEN];
		char code[SERVICE_VOUCHER_CODE_LEN + 1];

		/* 60 random bits a code: not guessable, and a clash (which
		 * the UNIQUE column would refuse, failing the batch) is
		 * about one in 10^13 even for a million vouchers */
		randombytes_buf(rnd, sizeof(rnd));
		service_voucher_code(rnd, code);
		if (voucher_store_insert(ctx->db, x->b.id, x->persons[i],
		                         x->regions[i], code, &ctx->err))
			return -1;
	}
	x->b.issued_count = (long long)x->n;
	if (voucher_store_batch_counted(ctx->db, x->b.id, x->b.issued_count,
	                                &ctx->err))
		return -1;
	snprintf(ids, sizeof(ids), "%lld", x->b.id);
	after = batch_json(&x->b);
	rc = app_audit(ctx, "create", "voucher_batch", ids, NULL, after);
	json_decref(after);
	return rc;
}

static char *join_items(struct arena *a, const struct voucher_kind *k)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < k->nitems; i++)
		len += strlen(k->items[i]) + 1;
	s = arena_alloc(a, len);
	s[0] = '\0';
	for (size_t i = 0; i < k->nitems; i++) {
		if (i)
			strcat(s, ",");
		strcat(s, k->items[i]);
	}
	return s;
}

json_t *app_voucher_issue(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "region", "kind", "name",
		                            "issued_on", NULL };
	struct issue x = { 0 };
	struct policy_view view;
	const char *kind, *name;
	json_t *v, *out;
	struct lx_date d;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials issue vouchers"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	if (!json_is_string(json_object_get(body, "region")))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "give 'region' (a 12-digit region code)"),
		       NULL;
	if (app_visible_region(ctx, body, &x.region)) {
		if (ctx->err.code == LX_EMALFORMED)
			ctx->err.code = LX_EINVALID;
		return NULL;
	}
	kind = json_string_value(json_object_get(body, "kind"));
	if (!kind || !*kind)
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "give 'kind' (a voucher kind of the policy)"),
		       NULL;
	v = json_object_get(body, "name");
	if (v && (!json_is_string(v) || !*json_string_value(v) ||
	          json_string_length(v) > NAME_MAX_BYTES))
		return lx_fail(&ctx->err, LX_EINVALID, "name",
		               "'name' must be text of 1 to %d bytes",
		               NAME_MAX_BYTES),
		       NULL;
	name = json_string_value(v);
	v = json_object_get(body, "issued_on");
	x.day = ctx->today;
	if (v) {
		if (!json_is_string(v) ||
		    date_parse_field(json_string_value(v), &d, &ctx->err,
		                     "issued_on"))
			return lx_fail(&ctx->err, LX_EINVALID, "issued_on",
			               "'issued_on' must be a date YYYY-MM-DD"),
			       NULL;
		x.day = json_string_value(v);
		if (strcmp(x.day, ctx->today) < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "issued_on",
			               "a batch cannot be issued in the past "
			               "(before %s)",
			               ctx->today),
			       NULL;
	}
	if (app_policy_view(ctx, x.region, &view))
		return NULL;
	if (!view.vouchers || !view.vouchers->nkinds)
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "the policy of region '%s' issues no vouchers",
		               x.region),
		       NULL;
	if (!(x.k = voucher_policy_kind(view.vouchers, kind)))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "'%.40s' is not a voucher kind of the policy of "
		               "'%s'",
		               kind, x.region),
		       NULL;
	x.ctx = ctx;
	x.b.kind = (char *)x.k->id;
	x.b.name = (char *)(name ? name : x.k->name);
	snprintf(x.b.region, sizeof(x.b.region), "%s", x.region);
	x.b.face_fen = x.k->face_fen;
	x.b.min_order_fen = x.k->min_order_fen;
	x.b.items = join_items(ctx->arena, x.k);
	snprintf(x.b.issued_on, sizeof(x.b.issued_on), "%s", x.day);
	if (service_voucher_expiry(x.day, x.k->valid_days, x.b.expires_on))
		return lx_fail(&ctx->err, LX_EINVALID, "issued_on",
		               "no expiry can be set from %s", x.day),
		       NULL;
	x.b.created_by = ctx->who->account_id;
	x.b.created_at = ctx->now;
	if (app_transaction(ctx, issue_in_tx, &x))
		return NULL;
	out = batch_json(&x.b);
	json_object_set_new(out, "issued", json_integer((json_int_t)x.n));
	return out;
}

json_t *app_voucher_batches(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	const char *region;
	struct voucher_batch_row *b;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &region) ||
	    voucher_store_batches(ctx->db, ctx->arena, region, &b, &n,
	                          &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct voucher_counts c;
		json_t *j;

		if (voucher_store_counts(ctx->db, b[i].id, region, ctx->today,
		                         &c, &ctx->err)) {
			json_decref(items);
			return NULL;
		}
		j = batch_json(&b[i]);
		json_object_set_new(j, "counts", counts_json(&c));
		json_array_append_new(items, j);
	}
	return json_pack("{ss ss so}", "region", region, "as_of", ctx->today,
	                 "items", items);
}

static json_t *region_counts(struct app_ctx *ctx, long long batch,
                             const char *code, const char *name)
{
	struct voucher_counts c;
	json_t *j;

	if (voucher_store_counts(ctx->db, batch, code, ctx->today, &c,
	                         &ctx->err))
		return NULL;
	j = counts_json(&c);
	json_object_set_new(j, "region", json_string(code));
	json_object_set_new(j, "name", json_string(name));
	return j;
}

json_t *app_voucher_batch_get(struct app_ctx *ctx, long long id, json_t *params)
{
	static const char *const allowed[] = { "region", NULL };
	struct voucher_batch_row b;
	struct region self, *kids;
	const char *region;
	size_t n;
	json_t *out, *total, *rows;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err))
		return NULL;
	if (voucher_store_batch_get(ctx->db, ctx->arena, id, &b, &ctx->err))
		return NULL;
	if (!region)
		region = principal_sees_region(ctx->who, b.region)
		             ? b.region
		             : ctx->who->region;
	if (!principal_sees_region(ctx->who, region) ||
	    region_store_get(ctx->db, ctx->arena, region, &self, NULL))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", region),
		       NULL;
	if (region_store_children(ctx->db, ctx->arena, region, &kids, &n,
	                          &ctx->err) ||
	    !(total = region_counts(ctx, id, region, self.name)))
		return NULL;
	/* a batch nobody of the region holds, issued elsewhere, is not
	 * the caller's to see */
	if (!json_integer_value(json_object_get(total, "issued")) &&
	    !principal_sees_region(ctx->who, b.region)) {
		json_decref(total);
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no voucher batch %lld", id),
		       NULL;
	}
	rows = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *r = region_counts(ctx, id, kids[i].code, kids[i].name);

		if (!r) {
			json_decref(rows);
			json_decref(total);
			return NULL;
		}
		json_array_append_new(rows, r);
	}
	out = batch_json(&b);
	json_object_set_new(out, "as_of", json_string(ctx->today));
	json_object_set_new(out, "total", total);
	json_object_set_new(out, "rows", rows);
	return out;
}

static const char *state_of(const struct voucher_row *v, const char *day)
{
	if (v->redeemed_order)
		return "redeemed";
	if (strcmp(day, v->batch.issued_on) < 0)
		return "not_yet";
	return strcmp(day, v->batch.expires_on) > 0 ? "expired" : "unused";
}

json_t *app_voucher_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "person_id", NULL };
	long person = 0;
	struct person p;
	struct voucher_row *v;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "person_id", 0, 1, 1L << 53, &person, &ctx->err))
		return NULL;
	if (!person)
		return lx_fail(&ctx->err, LX_EMALFORMED, "person_id",
		               "give 'person_id'"),
		       NULL;
	if (person_store_get(ctx->db, ctx->arena, person, &p, NULL) ||
	    !service_may_read_person(ctx, &p))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "person_id",
		               "no person %ld", person),
		       NULL;
	if (voucher_store_of_person(ctx->db, ctx->arena, person, &v, &n,
	                            &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = json_pack(
		    "{sI ss sI ss sI sI ss ss ss sI sI}", "id",
		    (json_int_t)v[i].id, "code", v[i].code, "batch_id",
		    (json_int_t)v[i].batch_id, "batch_name", v[i].batch.name,
		    "face_fen", (json_int_t)v[i].batch.face_fen,
		    "min_order_fen", (json_int_t)v[i].batch.min_order_fen,
		    "issued_on", v[i].batch.issued_on, "expires_on",
		    v[i].batch.expires_on, "state", state_of(&v[i], ctx->today),
		    "redeemed_order", (json_int_t)v[i].redeemed_order,
		    "redeemed_fen", (json_int_t)v[i].redeemed_fen);

		json_array_append_new(items, j);
	}
	return json_pack("{sI ss ss so}", "person_id", (json_int_t)person,
	                 "person_name", p.name, "as_of", ctx->today, "items",
	                 items);
}
