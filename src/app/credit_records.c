#include "app/credit_records.h"

#include "app/credit_listings.h"
#include "app/credit_prepaid.h"
#include "app/credit_scope.h"
#include "app/params.h"
#include "core/credit_listing.h"
#include "core/role.h"
#include "store/credit_standing_store.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#define SUMMARY_MAX 2000
#define FIELD_MAX   200

json_t *credit_record_json(const struct credit_record_row *r,
                           const struct credit_policy *p, const char *today)
{
	const struct credit_code *k = credit_policy_kind(p, r->kind);
	json_t *j = json_pack(
	    "{sI ss sI ss sI ss ss ss ss ss ss ss}", "id", (json_int_t)r->id,
	    "subject_kind", r->subject_kind, "subject_id",
	    (json_int_t)r->subject_id, "subject",
	    r->subject_name ? r->subject_name : "", "facility_id",
	    (json_int_t)r->facility_id, "kind", r->kind, "kind_label",
	    k ? k->name : r->kind, "happened_on", r->happened_on, "summary",
	    r->summary, "authority", r->authority ? r->authority : "",
	    "document", r->document ? r->document : "", "recorded_at",
	    r->recorded_at ? r->recorded_at : "");

	json_object_set_new(j, "public_until",
	                    r->public_until ? json_string(r->public_until)
	                                    : json_null());
	/* shown to the public while its period runs; a record with no end
	 * (a commitment) stays shown */
	json_object_set_new(j, "public",
	                    json_boolean(!r->public_until ||
	                                 strcmp(today, r->public_until) <= 0));
	return j;
}

/* The facility a subject belongs to, checked against the caller's
 * scope; *name the subject's name. */
static int subject_facility(struct app_ctx *ctx, const char *kind, long long id,
                            struct facility *f, const char **name)
{
	long long fid = id;

	if (!strcmp(kind, "staff")) {
		if (credit_store_staff(ctx->db, ctx->arena, id, &fid, name,
		                       &ctx->err))
			return -1;
	} else if (strcmp(kind, "facility")) {
		return lx_fail(&ctx->err, LX_EINVALID, "subject_kind",
		               "'subject_kind' must be facility or staff");
	}
	if (credit_facility(ctx, fid, f)) {
		/* the subject's own id is what the caller gave */
		ctx->err.code = LX_ENOTFOUND;
		snprintf(ctx->err.field, sizeof(ctx->err.field), "%s",
		         "subject_id");
		return -1;
	}
	if (!strcmp(kind, "facility"))
		*name = f->name;
	return 0;
}

struct add {
	struct credit_record_row r;
	const struct credit_policy *pol;
	json_t *out;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;

	if (credit_store_record_add(ctx->db, &x->r, ctx->who->account_id,
	                            &ctx->err))
		return -1;
	x->out = credit_record_json(&x->r, x->pol, ctx->today);
	return app_audit(ctx, "create", "credit_record",
	                 arena_printf(ctx->arena, "%lld", x->r.id), NULL,
	                 x->out);
}

json_t *app_credit_record_add(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = {
		"subject_kind", "subject_id", "kind",
		"happened_on",  "summary",    "authority",
		"document",     "serious",    NULL
	};
	struct add x = { 0 };
	struct facility f;
	const char *kind;
	long long sid = 0;
	json_t *serious;

	if (body_only(body, keys, &ctx->err) ||
	    credit_text(ctx, body, "subject_kind", 1, 16, &x.r.subject_kind) ||
	    credit_int(ctx, body, "subject_id", 1, 1, INT64_MAX, &sid) ||
	    credit_text(ctx, body, "kind", 1, 32, &kind) ||
	    credit_date(ctx, body, "happened_on", 1, &x.r.happened_on) ||
	    credit_text(ctx, body, "summary", 1, SUMMARY_MAX, &x.r.summary) ||
	    credit_text(ctx, body, "authority", 0, FIELD_MAX, &x.r.authority) ||
	    credit_text(ctx, body, "document", 0, FIELD_MAX, &x.r.document))
		return NULL;
	serious = json_object_get(body, "serious");
	if (serious && !json_is_boolean(serious))
		return lx_fail(&ctx->err, LX_EINVALID, "serious",
		               "'serious' must be true or false"),
		       NULL;
	if (subject_facility(ctx, x.r.subject_kind, sid, &f,
	                     &x.r.subject_name) ||
	    credit_policy_of(ctx, f.region, &x.pol))
		return NULL;
	if (!credit_policy_kind(x.pol, kind))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "'kind' must be one of the policy's record "
		               "kinds (commitment, penalty, ...), not '%s'",
		               kind),
		       NULL;
	if (json_is_true(serious) && strcmp(kind, "penalty"))
		return lx_fail(&ctx->err, LX_EINVALID, "serious",
		               "'serious' is said of penalties only"),
		       NULL;
	x.r.kind = kind;
	x.r.subject_id = sid;
	x.r.facility_id = f.id;
	if (!strcmp(kind, "penalty")) {
		char *until = arena_alloc(ctx->arena, 11);

		credit_day_plus_months(x.r.happened_on,
		                       json_is_true(serious)
		                           ? x.pol->serious_max_months
		                           : x.pol->general_max_months,
		                       until);
		x.r.public_until = until;
	}
	x.r.recorded_at = ctx->now;
	if (app_transaction(ctx, add_in_tx, &x))
		return NULL;
	return x.out;
}

json_t *app_credit_records_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "subject_kind", "subject_id",
		                               NULL };
	struct credit_record_row *rs;
	const struct credit_policy *pol = NULL;
	struct facility f;
	const char *kind = param_str(params, "subject_kind"), *name;
	long sid;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    param_long(params, "subject_id", 0, 1, LONG_MAX, &sid, &ctx->err))
		return NULL;
	if (!kind || !sid)
		return lx_fail(&ctx->err, LX_EMALFORMED, "subject_id",
		               "'subject_kind' and 'subject_id' are required"),
		       NULL;
	if (subject_facility(ctx, kind, sid, &f, &name) ||
	    credit_store_records(ctx->db, ctx->arena, kind, sid, 0, &rs, &n,
	                         &ctx->err))
		return NULL;
	credit_policy_of(ctx, f.region, &pol);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items, credit_record_json(&rs[i], pol, ctx->today));
	return json_pack("{so ss ss}", "items", items, "subject_kind", kind,
	                 "subject", name ? name : "");
}

static json_t *standing_json(const struct credit_standing *s)
{
	json_t *j = json_object();

	json_object_set_new(j, "black",
	                    s->black_id ? json_pack("{sI ss}", "listing_id",
	                                            (json_int_t)s->black_id,
	                                            "since", s->black_since)
	                                : json_null());
	json_object_set_new(j, "red",
	                    s->red_id ? json_pack("{sI ss}", "listing_id",
	                                          (json_int_t)s->red_id,
	                                          "since", s->red_since)
	                              : json_null());
	json_object_set_new(j, "last_penalty_on",
	                    s->last_penalty_on[0]
	                        ? json_string(s->last_penalty_on)
	                        : json_null());
	return j;
}

static json_t *codes_json(const struct credit_code *c, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{ss ss}", "code", c[i].code,
		                                   "name", c[i].name));
	return a;
}

/* what the page offers to choose from: the policy's kinds and grounds */
static json_t *options_json(const struct credit_policy *p)
{
	if (!p)
		return json_null();
	return json_pack("{so so so sI sI}", "record_kinds",
	                 codes_json(p->kinds, p->nkinds), "black_grounds",
	                 codes_json(p->black_grounds, p->nblack), "red_grounds",
	                 codes_json(p->red_grounds, p->nred), "notice_days",
	                 (json_int_t)p->listing.notice_days, "removal_years",
	                 (json_int_t)p->listing.removal_years);
}

json_t *app_credit_file(struct app_ctx *ctx, long long facility)
{
	struct facility f;
	const struct credit_policy *pol = NULL;
	struct credit_record_row *rs;
	struct credit_listing_row *ls;
	struct credit_standing st;
	size_t nr, nl;
	json_t *out, *records, *listings, *prepaid;

	if (credit_facility(ctx, facility, &f) ||
	    credit_store_records(ctx->db, ctx->arena, NULL, 0, f.id, &rs, &nr,
	                         &ctx->err) ||
	    credit_store_listings(ctx->db, ctx->arena, NULL, f.id, NULL, NULL,
	                          &ls, &nl, &ctx->err) ||
	    credit_standing_get(ctx->db, "facility", f.id, ctx->today, &st,
	                        &ctx->err))
		return NULL;
	credit_policy_of(ctx, f.region, &pol);
	memset(&ctx->err, 0, sizeof(ctx->err));
	records = json_array();
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(
		    records, credit_record_json(&rs[i], pol, ctx->today));
	listings = json_array();
	for (size_t i = 0; i < nl; i++)
		json_array_append_new(listings,
		                      credit_listing_json(&ls[i], pol));
	prepaid = credit_prepaid_latest_json(ctx, f.id);
	if (!prepaid) {
		json_decref(records);
		json_decref(listings);
		return NULL;
	}
	out = json_pack("{sI ss ss so so so so}", "facility_id",
	                (json_int_t)f.id, "name", f.name, "commitment",
	                f.credit_commitment ? f.credit_commitment : "",
	                "standing", standing_json(&st), "records", records,
	                "listings", listings, "prepaid", prepaid);
	json_object_set_new(out, "membership",
	                    json_boolean(credit_prepaid_membership(ctx, f.id)));
	json_object_set_new(out, "options", options_json(pol));
	return out;
}

struct member {
	long long facility;
	int before, on;
	json_t *out;
};

static int member_in_tx(struct app_ctx *ctx, void *arg)
{
	struct member *x = arg;

	if (credit_store_membership_set(ctx->db, x->facility, x->on, &ctx->err))
		return -1;
	x->out = json_pack("{sI sb}", "facility_id", (json_int_t)x->facility,
	                   "membership", x->on);
	{
		json_t *b = json_pack("{sb}", "membership", x->before);
		int rc = app_audit(
		    ctx, "update", "facility_membership",
		    arena_printf(ctx->arena, "%lld", x->facility), b, x->out);

		json_decref(b);
		return rc;
	}
}

json_t *app_credit_membership_put(struct app_ctx *ctx, long long facility,
                                  json_t *body)
{
	static const char *const keys[] = { "membership", NULL };
	struct member x = { facility, 0, 0, NULL };
	struct facility f;
	json_t *m;

	if (body_only(body, keys, &ctx->err) ||
	    credit_facility(ctx, facility, &f))
		return NULL;
	if (!principal_may_write_facility(ctx->who, f.region, f.id))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the facility's region or its "
		               "operator say whether it runs on membership"),
		       NULL;
	m = json_object_get(body, "membership");
	if (!json_is_boolean(m))
		return lx_fail(&ctx->err, LX_EINVALID, "membership",
		               "'membership' must be true or false"),
		       NULL;
	x.on = json_is_true(m);
	x.before = credit_prepaid_membership(ctx, f.id);
	if (app_transaction(ctx, member_in_tx, &x))
		return NULL;
	return x.out;
}
