#include "app/payee.h"

#include "app/facilities.h"
#include "app/params.h"
#include "app/people.h"
#include "app/pii.h"
#include "core/bounds.h"
#include "core/id_number.h"
#include "core/id_search.h"
#include "core/payee.h"
#include "core/text.h"
#include "store/facility_store.h"
#include "store/payee_store.h"
#include "store/person_store.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Holder relations are short words (本人, 子女, 配偶, 监护人 …). */
enum { RELATION_CHARS_MAX = 20 };

static int kind_ok(struct app_ctx *ctx, const char *kind)
{
	if (strcmp(kind, "person") && strcmp(kind, "institution"))
		return lx_fail(&ctx->err, LX_EINVALID, "owner_kind",
		               "'owner_kind' must be person or institution");
	return 0;
}

/* The owner as the caller may see it: a person through the registry's
 * own scope rules, a facility through the facilities'. NULL and
 * ctx->err (404) when the caller may not see it. */
static json_t *visible_owner(struct app_ctx *ctx, const char *kind,
                             long long id)
{
	json_t *none = json_object(), *o;

	o = !strcmp(kind, "person") ? app_person_get(ctx, id, none)
	                            : app_facility_get(ctx, id, none);
	json_decref(none);
	return o;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static int need_keys(struct app_ctx *ctx)
{
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the personal-data key is not loaded");
	return 0;
}

/* The account as an answer: the number masked unless unmask (which the
 * caller has checked and audited). */
static json_t *account_json(struct app_ctx *ctx, const char *kind, long long id,
                            json_t *owner, const struct payee_row *p,
                            int unmask)
{
	json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:b}", "owner_kind", kind,
	                      "owner_id", (json_int_t)id, "owner_name",
	                      str(owner, "name"), "region",
	                      str(owner, "region"), "has_account", p != NULL);
	char *acct, *holder = NULL;
	char masked[48], hmasked[24] = "";
	int k;

	if (!p)
		return o;
	acct = pii_open(ctx->keys, ctx->arena, p->account_sealed,
	                p->account_sealed_len);
	if (p->holder_sealed)
		holder = pii_open(ctx->keys, ctx->arena, p->holder_sealed,
		                  p->holder_sealed_len);
	payee_account_mask(acct ? acct : "", masked, sizeof(masked));
	if (holder)
		id_number_mask(holder, hmasked, sizeof(hmasked));
	k = enum_lookup(&payee_account_kind_names, p->account_kind);
	json_object_set_new(o, "bank", json_string(p->bank));
	json_object_set_new(o, "branch", json_string(p->branch));
	json_object_set_new(o, "account_kind", json_string(p->account_kind));
	json_object_set_new(
	    o, "account_kind_label",
	    json_string(k >= 0 ? payee_account_kind_names.labels_zh[k] : ""));
	json_object_set_new(o, "account_number",
	                    json_string(unmask && acct ? acct : masked));
	json_object_set_new(o, "account_masked", json_string(masked));
	json_object_set_new(o, "unmasked", json_boolean(unmask && acct));
	json_object_set_new(o, "holder_name", json_string(p->holder_name));
	json_object_set_new(o, "holder_relation",
	                    json_string(p->holder_relation));
	json_object_set_new(o, "holder_id_number",
	                    holder ? json_string(unmask ? holder : hmasked)
	                           : json_null());
	json_object_set_new(o, "updated_at", json_string(p->updated_at));
	return o;
}

/* What the audit log keeps of an account: masked, and of a guardian's
 * ID number only that there is one (its masked form beside a birth
 * date would rebuild it). */
static json_t *audit_json(struct app_ctx *ctx, const struct payee_row *p)
{
	char *acct;
	char masked[48];

	if (!p)
		return NULL;
	acct = pii_open(ctx->keys, ctx->arena, p->account_sealed,
	                p->account_sealed_len);
	payee_account_mask(acct ? acct : "", masked, sizeof(masked));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "bank", p->bank,
	                 "branch", p->branch, "account_kind", p->account_kind,
	                 "account_number", masked, "holder_name",
	                 p->holder_name, "holder_relation", p->holder_relation,
	                 "holder_id_number", p->holder_sealed != NULL);
}

json_t *app_payee_get(struct app_ctx *ctx, const char *kind, long long id,
                      json_t *params)
{
	static const char *const allowed[] = { "unmask", NULL };
	const char *unmask = param_str(params, "unmask");
	int want = unmask && !strcmp(unmask, "1");
	struct payee_row p;
	json_t *owner, *out = NULL;
	int rc;

	if (need_keys(ctx) || kind_ok(ctx, kind) ||
	    param_only(params, allowed, &ctx->err))
		return NULL;
	if (!(owner = visible_owner(ctx, kind, id)))
		return NULL;
	rc = payee_store_get(ctx->db, ctx->arena, kind, id, &p, &ctx->err);
	if (rc < 0)
		goto done;
	if (want) {
		json_t *after;
		int bad;

		if (!app_may_unmask(ctx)) {
			lx_fail(&ctx->err, LX_EFORBIDDEN, "unmask",
			        "your role sees account numbers masked");
			goto done;
		}
		/* every unmasked view is on the record before it is shown */
		after = json_pack("{s:s}", "owner_kind", kind);
		bad = app_audit(ctx, "view_unmasked", "payee",
		                arena_printf(ctx->arena, "%s/%lld", kind, id),
		                NULL, after);
		json_decref(after);
		if (bad)
			goto done;
	}
	out = account_json(ctx, kind, id, owner, rc ? NULL : &p, want);
done:
	json_decref(owner);
	return out;
}

static const char *text_field(struct app_ctx *ctx, json_t *body,
                              const char *key, int max, int *bad)
{
	json_t *v = json_object_get(body, key);
	const char *s;

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		if (!(*bad)++)
			lx_fail(&ctx->err, LX_EINVALID, key,
			        "'%s' must be text", key);
		return NULL;
	}
	s = json_string_value(v);
	while (*s == ' ')
		s++;
	if (strlen(s) > 4 * (size_t)max || (int)text_utf8_length(s) > max) {
		if (!(*bad)++)
			lx_fail(&ctx->err, LX_EINVALID, key,
			        "'%s' is longer than %d characters", key, max);
		return NULL;
	}
	return *s ? arena_strdup(ctx->arena, s) : NULL;
}

struct put_arg {
	const char *kind;
	long long id;
	struct payee_row row;
	json_t *before, *after;
};

static int put_in_tx(struct app_ctx *ctx, void *arg)
{
	struct put_arg *u = arg;
	struct payee_row old;
	int rc = payee_store_get(ctx->db, ctx->arena, u->kind, u->id, &old,
	                         &ctx->err);

	if (rc < 0)
		return -1;
	u->before = rc ? NULL : audit_json(ctx, &old);
	u->after = audit_json(ctx, &u->row);
	if (payee_store_put(ctx->db, &u->row, ctx->who->account_id, ctx->now,
	                    &ctx->err))
		return -1;
	return app_audit(ctx, u->before ? "update" : "create", "payee",
	                 arena_printf(ctx->arena, "%s/%lld", u->kind, u->id),
	                 u->before, u->after);
}

/* Checks body into a row for the owner; every field named on error. */
static int row_from_body(struct app_ctx *ctx, const char *kind, long long id,
                         json_t *owner, json_t *body, struct payee_row *r)
{
	static const char *const keys[] = { "bank",
		                            "branch",
		                            "account_number",
		                            "account_kind",
		                            "holder_name",
		                            "holder_relation",
		                            "holder_id_number",
		                            NULL };
	const char *bank, *branch, *number, *akind, *hname, *rel, *hid;
	char acct[PAYEE_ACCOUNT_MAX + 1];
	int self, bad = 0;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (body_only(body, keys, &ctx->err))
		return -1;
	bank = text_field(ctx, body, "bank", LX_NAME_CHARS_MAX, &bad);
	branch = text_field(ctx, body, "branch", LX_NAME_CHARS_MAX, &bad);
	number = text_field(ctx, body, "account_number", 64, &bad);
	akind = text_field(ctx, body, "account_kind", 40, &bad);
	hname = text_field(ctx, body, "holder_name", LX_NAME_CHARS_MAX, &bad);
	rel =
	    text_field(ctx, body, "holder_relation", RELATION_CHARS_MAX, &bad);
	hid = text_field(ctx, body, "holder_id_number", 20, &bad);
	if (bad)
		return -1;
	if (!bank)
		return lx_fail(&ctx->err, LX_EINVALID, "bank",
		               "'bank' is required (the bank's name)");
	if (!branch)
		return lx_fail(&ctx->err, LX_EINVALID, "branch",
		               "'branch' is required (开户行)");
	if (!number)
		return lx_fail(&ctx->err, LX_EINVALID, "account_number",
		               "'account_number' is required");
	if (payee_account_normalise(number, acct, sizeof(acct), &ctx->err,
	                            "account_number"))
		return -1;
	if (!akind)
		akind = !strcmp(kind, "person") ? "bank_card" : "corporate";
	if (enum_lookup(&payee_account_kind_names, akind) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "account_kind",
		               "'account_kind' must be bank_card, "
		               "social_security_card or corporate");
	if (!rel || !strcmp(rel, "本人"))
		rel = "self";
	self = !strcmp(rel, "self");
	if (!strcmp(kind, "institution") && !self)
		return lx_fail(&ctx->err, LX_EINVALID, "holder_relation",
		               "an institution is paid into its own account");
	if (self && hname && strcmp(hname, str(owner, "name")))
		return lx_fail(
		    &ctx->err, LX_EINVALID, "holder_name",
		    "'holder_name' must be the owner's name when the "
		    "owner holds the account (else give "
		    "'holder_relation')");
	if (self && hid)
		return lx_fail(
		    &ctx->err, LX_EINVALID, "holder_id_number",
		    "'holder_id_number' is for an account a guardian "
		    "holds");
	if (!self && !hname)
		return lx_fail(&ctx->err, LX_EINVALID, "holder_name",
		               "'holder_name' is required when another person "
		               "holds the account");
	if (!self && !hid)
		return lx_fail(&ctx->err, LX_EINVALID, "holder_id_number",
		               "'holder_id_number' is required when another "
		               "person holds the account: the bank checks it");
	memset(r, 0, sizeof(*r));
	if (hid) {
		struct id_info info;
		char *n = arena_strdup(ctx->arena, hid);

		for (char *c = n; *c; c++)
			*c = (char)toupper((unsigned char)*c);
		if (id_number_parse(n, &info, &ctx->err, "holder_id_number"))
			return -1;
		r->holder_sealed =
		    pii_seal(ctx->keys, ctx->arena, n, &r->holder_sealed_len);
	}
	snprintf(r->owner_kind, sizeof(r->owner_kind), "%s", kind);
	r->owner_id = id;
	snprintf(r->region, sizeof(r->region), "%s", str(owner, "region"));
	r->bank = (char *)bank;
	r->branch = (char *)branch;
	snprintf(r->account_kind, sizeof(r->account_kind), "%s",
	         payee_account_kind_names
	             .names[enum_lookup(&payee_account_kind_names, akind)]);
	r->account_sealed =
	    pii_seal(ctx->keys, ctx->arena, acct, &r->account_sealed_len);
	r->holder_name = (char *)(self ? str(owner, "name")
	                               : arena_strdup(ctx->arena, hname));
	r->holder_relation = (char *)rel;
	return 0;
}

static int may_write(struct app_ctx *ctx)
{
	if (!app_may_unmask(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials keep payee accounts");
	return 0;
}

/* Saves body as the account of an owner the caller may see. */
static int put_owner(struct app_ctx *ctx, const char *kind, long long id,
                     json_t *body, json_t **owner_out, struct put_arg *u)
{
	json_t *owner;

	if (need_keys(ctx) || kind_ok(ctx, kind) || may_write(ctx))
		return -1;
	if (!(owner = visible_owner(ctx, kind, id)))
		return -1;
	u->kind = kind;
	u->id = id;
	if (row_from_body(ctx, kind, id, owner, body, &u->row) ||
	    app_transaction(ctx, put_in_tx, u)) {
		json_decref(owner);
		return -1;
	}
	*owner_out = owner;
	return 0;
}

json_t *app_payee_put(struct app_ctx *ctx, const char *kind, long long id,
                      json_t *body)
{
	struct put_arg u = { 0 };
	json_t *owner = NULL, *out = NULL;

	if (!put_owner(ctx, kind, id, body, &owner, &u)) {
		u.row.updated_at = ctx->now;
		out = account_json(ctx, kind, id, owner, &u.row, 0);
	}
	json_decref(owner);
	json_decref(u.before);
	json_decref(u.after);
	return out;
}

struct del_arg {
	const char *kind;
	long long id;
};

static int delete_in_tx(struct app_ctx *ctx, void *arg)
{
	struct del_arg *d = arg;
	struct payee_row old;
	json_t *before;
	int rc = payee_store_get(ctx->db, ctx->arena, d->kind, d->id, &old,
	                         &ctx->err);

	if (rc)
		return rc < 0 ? -1
		              : lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		                        "%s %lld has no payee account", d->kind,
		                        d->id);
	before = audit_json(ctx, &old);
	rc = payee_store_delete(ctx->db, d->kind, d->id, &ctx->err) ||
	     app_audit(ctx, "delete", "payee",
	               arena_printf(ctx->arena, "%s/%lld", d->kind, d->id),
	               before, NULL);
	json_decref(before);
	return rc ? -1 : 0;
}

json_t *app_payee_delete(struct app_ctx *ctx, const char *kind, long long id,
                         json_t *body)
{
	struct del_arg d = { kind, id };
	json_t *owner;

	(void)body;
	if (need_keys(ctx) || kind_ok(ctx, kind) || may_write(ctx))
		return NULL;
	if (!(owner = visible_owner(ctx, kind, id)))
		return NULL;
	json_decref(owner);
	if (app_transaction(ctx, delete_in_tx, &d))
		return NULL;
	return json_pack("{s:s, s:I, s:b}", "owner_kind", kind, "owner_id",
	                 (json_int_t)id, "deleted", 1);
}

int app_payee_import_row(struct app_ctx *ctx, json_t *row)
{
	const char *kind = str(row, "owner_kind");
	json_t *body = json_deep_copy(row), *owner = NULL;
	struct put_arg u = { 0 };
	long long id = 0;
	int ret = -1;

	if (!*kind || !strcmp(kind, "本人") || !strcmp(kind, "人员"))
		kind = "person";
	else if (!strcmp(kind, "机构"))
		kind = "institution";
	json_object_del(body, "owner_kind");
	json_object_del(body, "id_number");
	json_object_del(body, "facility_id");
	if (kind_ok(ctx, kind))
		goto done;
	if (!strcmp(kind, "person")) {
		if (!*str(row, "id_number")) {
			lx_fail(&ctx->err, LX_EINVALID, "id_number",
			        "'id_number' names the person paid");
			goto done;
		}
		if (!(id = app_person_by_number(ctx, str(row, "id_number"))))
			goto done;
	} else {
		char *end;

		id = strtoll(str(row, "facility_id"), &end, 10);
		if (*end || id <= 0) {
			lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			        "'facility_id' names the institution paid");
			goto done;
		}
	}
	ret = put_owner(ctx, kind, id, body, &owner, &u);
	if (ret && ctx->err.code == LX_ENOTFOUND)
		/* a facility the caller may not see reads as one that
		 * does not exist, naming the column */
		lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		        "no facility %lld in your scope", id);
done:
	json_decref(owner);
	json_decref(body);
	json_decref(u.before);
	json_decref(u.after);
	return ret;
}

int payee_owner_load(struct app_ctx *ctx, const char *kind, long long id,
                     struct payee_owner *out)
{
	memset(out, 0, sizeof(*out));
	if (!strcmp(kind, "person")) {
		struct person p;
		char *plain;
		char masked[24];

		if (person_store_get(ctx->db, ctx->arena, id, &p, NULL))
			return -1;
		plain = ctx->keys ? pii_open(ctx->keys, ctx->arena, p.id_sealed,
		                             p.id_sealed_len)
		                  : NULL;
		if (plain)
			id_number_mask(plain, masked, sizeof(masked));
		else
			snprintf(masked, sizeof(masked), "******************");
		out->name = p.name;
		out->id_number = plain ? plain : "";
		out->id_masked = arena_strdup(ctx->arena, masked);
		out->region = arena_strdup(ctx->arena, p.region);
		return 0;
	}
	if (!strcmp(kind, "institution")) {
		struct facility f;

		if (facility_store_get(ctx->db, ctx->arena, id, NULL, &f, NULL))
			return -1;
		out->name = f.name;
		out->id_number = f.credit_code ? f.credit_code : "";
		out->id_masked = out->id_number;
		out->region = arena_strdup(ctx->arena, f.region);
		return 0;
	}
	return -1;
}

static const char *const tally_kinds[] = { "person", "institution",
	                                   "provider" };

void payee_tally_add(struct arena *a, struct payee_tally *t, const char *kind,
                     long long id, int64_t fen)
{
	struct payee_paid *p;
	unsigned char k = 0;

	while (k < 2 && strcmp(kind, tally_kinds[k]))
		k++;
	t->v = arena_grow(a, t->v, t->n, &t->cap, sizeof(*t->v));
	p = &t->v[t->n++];
	p->id = id;
	p->fen = fen;
	p->kind = k;
}

static int has_account(const struct payee_row *v, size_t n, long long id)
{
	size_t i = id_lower_bound(v, n, sizeof(*v),
	                          offsetof(struct payee_row, owner_id), id);

	return i < n && v[i].owner_id == id;
}

json_t *payee_missing(struct app_ctx *ctx, const struct payee_tally *t,
                      long *count)
{
	json_t *out = json_array();

	*count = 0;
	for (unsigned char k = 0; k < 3; k++) {
		long long *ids =
		    arena_alloc(ctx->arena, (t->n + 1) * sizeof(*ids));
		struct payee_row *v;
		size_t nids = 0, nv;

		for (size_t i = 0; i < t->n; i++)
			if (t->v[i].kind == k)
				ids[nids++] = t->v[i].id;
		if (!nids)
			continue;
		if (payee_store_of(ctx->db, ctx->arena, tally_kinds[k], ids,
		                   nids, &v, &nv, &ctx->err)) {
			json_decref(out);
			return NULL;
		}
		for (size_t i = 0; i < t->n; i++) {
			const struct payee_paid *p = &t->v[i];
			struct payee_owner o;
			char y[32];

			if (p->kind != k || has_account(v, nv, p->id))
				continue;
			(*count)++;
			if (json_array_size(out) >= PAYEE_MISSING_LISTED)
				continue;
			if (payee_owner_load(ctx, tally_kinds[k], p->id, &o))
				o = (struct payee_owner){ "", "", "", "" };
			json_array_append_new(
			    out,
			    json_pack("{s:s, s:I, s:s, s:s, s:s, s:I, s:s}",
			              "beneficiary_kind", tally_kinds[k],
			              "beneficiary_id", (json_int_t)p->id,
			              "name", o.name, "id_masked", o.id_masked,
			              "region", o.region, "fen",
			              (json_int_t)p->fen, "yuan",
			              payee_yuan2(p->fen, y)));
		}
	}
	return out;
}

int payee_run_exceptions(struct app_ctx *ctx, const struct payee_tally *t,
                         json_t *summary)
{
	long count;
	json_t *list = payee_missing(ctx, t, &count);

	if (!list)
		return -1;
	json_object_set_new(summary, "without_account", list);
	json_object_set_new(summary, "without_account_count",
	                    json_integer(count));
	return 0;
}
