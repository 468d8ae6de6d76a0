#include "app/service_volunteers.h"

#include "app/params.h"
#include "app/people.h"
#include "app/pii.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/person.h"
#include "core/region_code.h"
#include "core/service_timebank.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/region_store.h"
#include "store/service_timebank_store.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum { NAME_MAX_BYTES = 200, TEAM_MAX_BYTES = 200 };

int app_volunteer_in_scope(const struct app_ctx *ctx, const char *region,
                           long long facility_id)
{
	const struct principal *p = ctx->who;

	if (p->role == ROLE_FAMILY || p->role == ROLE_VISITOR)
		return 0;
	/* an operator's volunteers are those of its own stations */
	if (p->role == ROLE_OPERATOR) {
		for (size_t i = 0; i < p->nfacilities; i++)
			if (facility_id && p->facilities[i] == facility_id)
				return 1;
		return 0;
	}
	return principal_sees_region(p, region);
}

int app_volunteer_visible(struct app_ctx *ctx, long long id,
                          struct volunteer_row *out)
{
	if (tb_store_volunteer_get(ctx->db, ctx->arena, id, out, &ctx->err))
		return -1;
	if (!app_volunteer_in_scope(ctx, out->region, out->facility_id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no volunteer %lld", id);
	return 0;
}

static json_t *opt_id(long long id)
{
	return id > 0 ? json_integer(id) : json_null();
}

static json_t *volunteer_json(struct app_ctx *ctx,
                              const struct volunteer_row *v, int unmask)
{
	json_t *o;
	int age = person_age_on(v->birth_date, ctx->today);
	const char *idn = v->id_masked;

	if (unmask && ctx->keys) {
		char *plain = pii_open(ctx->keys, ctx->arena, v->id_sealed,
		                       v->id_sealed_len);
		if (plain)
			idn = plain;
	}
	o = json_pack(
	    "{sI ss ss ss si sb ss ss ss so so ss ss ss ss sI sI}", "id", v->id,
	    "name", v->name, "id_number", idn, "sex", v->sex, "age", age,
	    "elderly", age >= ELDERLY_MIN_AGE, "phone",
	    v->phone_masked ? v->phone_masked : "", "region", v->region,
	    "region_name", v->region_name ? v->region_name : "", "person_id",
	    opt_id(v->person_id), "facility_id", opt_id(v->facility_id),
	    "facility_name", v->facility_name ? v->facility_name : "", "team",
	    v->team ? v->team : "", "registered_on", v->registered_on,
	    "left_on", v->left_on, "account_id", v->account_id,
	    "balance_minutes", v->balance);
	/* the birth date is part of the number: shown with it only */
	if (o && app_may_unmask(ctx))
		json_object_set_new(o, "birth_date",
		                    json_string(v->birth_date));
	return o;
}

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

static int opt_date(struct app_ctx *ctx, json_t *body, const char *key,
                    const char *def, char out[11])
{
	const char *s;
	struct lx_date d;

	if (opt_text(ctx, body, key, 10, &s))
		return -1;
	if (!s) {
		snprintf(out, 11, "%s", def);
		return 0;
	}
	if (date_parse_field(s, &d, &ctx->err, key))
		return -1;
	if (strcmp(s, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is in the future", key);
	snprintf(out, 11, "%s", s);
	return 0;
}

static long long opt_id_field(struct app_ctx *ctx, json_t *body,
                              const char *key)
{
	json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a positive whole number", key);
	return json_integer_value(v);
}

/* The identity from the number: checked, sealed, hashed, masked. */
static int read_identity(struct app_ctx *ctx, const char *number,
                         struct volunteer_row *v)
{
	struct id_info info;
	char *n;

	if (!number || !*number)
		return lx_fail(&ctx->err, LX_EINVALID, "id_number",
		               "'id_number' is required");
	n = arena_strdup(ctx->arena, number);
	for (char *p = n; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (id_number_parse(n, &info, &ctx->err, "id_number"))
		return -1;
	snprintf(v->birth_date, sizeof(v->birth_date), "%04d-%02d-%02d",
	         info.year, info.month, info.day);
	if (strcmp(v->birth_date, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "id_number",
		               "the birth date in 'id_number' is in the "
		               "future");
	strcpy(v->sex, info.male ? "M" : "F");
	id_number_mask(n, v->id_masked, sizeof(v->id_masked));
	pii_hash(ctx->keys, n, v->id_hash);
	v->id_sealed = pii_seal(ctx->keys, ctx->arena, n, &v->id_sealed_len);
	/* the registry's person of the same number, if any */
	v->person_id = person_store_find_hash(ctx->db, v->id_hash);
	return 0;
}

static int read_phone(struct app_ctx *ctx, const char *s,
                      struct volunteer_row *v)
{
	char buf[32];

	v->phone_masked = "";
	if (!s || !*s)
		return 0;
	if (strlen(s) < 7 || strlen(s) > 20 ||
	    strspn(s, "0123456789-+ ") != strlen(s))
		return lx_fail(&ctx->err, LX_EINVALID, "phone",
		               "'phone' must be a phone number");
	v->phone_sealed =
	    pii_seal(ctx->keys, ctx->arena, s, &v->phone_sealed_len);
	pii_mask_phone(s, buf, sizeof(buf));
	v->phone_masked = arena_strdup(ctx->arena, buf);
	return 0;
}

struct reg {
	struct volunteer_row v;
	json_t *out;
};

static int register_in_tx(struct app_ctx *ctx, void *arg)
{
	struct reg *x = arg;
	struct volunteer_row after;

	if (tb_store_volunteer_add(ctx->db, &x->v, &ctx->err) ||
	    tb_store_volunteer_get(ctx->db, ctx->arena, x->v.id, &after,
	                           &ctx->err))
		return -1;
	x->out = volunteer_json(ctx, &after, 0);
	if (app_audit(ctx, "create", "volunteer",
	              arena_printf(ctx->arena, "%lld", x->v.id), NULL,
	              x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

json_t *app_volunteer_register(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "id_number",   "name",
		                            "region",      "phone",
		                            "team",        "registered_on",
		                            "facility_id", NULL };
	struct reg x;
	const char *idn, *name, *region, *phone, *team;

	memset(&x, 0, sizeof(x));
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the personal-data key is not loaded"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    opt_text(ctx, body, "id_number", 20, &idn) ||
	    opt_text(ctx, body, "name", NAME_MAX_BYTES, &name) ||
	    opt_text(ctx, body, "region", 12, &region) ||
	    opt_text(ctx, body, "phone", 20, &phone) ||
	    opt_text(ctx, body, "team", TEAM_MAX_BYTES, &team) ||
	    opt_date(ctx, body, "registered_on", ctx->today,
	             x.v.registered_on) ||
	    (x.v.facility_id = opt_id_field(ctx, body, "facility_id")) < 0)
		return NULL;
	if (!name || !*name)
		return lx_fail(&ctx->err, LX_EINVALID, "name",
		               "'name' is required"),
		       NULL;
	if (read_identity(ctx, idn, &x.v) || read_phone(ctx, phone, &x.v))
		return NULL;
	if (!region || !region_code_valid(region) ||
	    !region_store_exists(ctx->db, region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "'region' must be the code of a region"),
		       NULL;
	if (x.v.facility_id) {
		struct facility f;

		if (facility_store_get(ctx->db, ctx->arena, x.v.facility_id,
		                       NULL, &f, NULL) ||
		    !principal_sees_facility(ctx->who, f.region, f.id))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "no facility %lld", x.v.facility_id),
			       NULL;
	} else if (ctx->who->role == ROLE_OPERATOR) {
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "an operator registers volunteers of its own "
		               "facility ('facility_id')"),
		       NULL;
	}
	if (!app_volunteer_in_scope(ctx, region, x.v.facility_id) ||
	    !principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "region '%s' is outside your scope", region),
		       NULL;
	x.v.name = (char *)name;
	snprintf(x.v.region, sizeof(x.v.region), "%s", region);
	x.v.team = (char *)(team ? team : "");
	x.v.created_by = ctx->who->account_id;
	x.v.created_at = ctx->now;
	if (app_transaction(ctx, register_in_tx, &x))
		return NULL;
	return x.out;
}

static int audit_unmask(struct app_ctx *ctx, void *arg)
{
	const struct volunteer_row *v = arg;

	return app_audit(ctx, "unmask", "volunteer",
	                 arena_printf(ctx->arena, "%lld", v->id), NULL, NULL);
}

json_t *app_volunteer_get(struct app_ctx *ctx, long long id, json_t *params)
{
	static const char *const allowed[] = { "unmask", NULL };
	const char *unmask = param_str(params, "unmask");
	int want = unmask && !strcmp(unmask, "1");
	struct volunteer_row v;
	struct kin_row *kin;
	size_t nkin;
	json_t *o, *list;

	if (param_only(params, allowed, &ctx->err) ||
	    app_volunteer_visible(ctx, id, &v))
		return NULL;
	if (want) {
		if (!app_may_unmask(ctx))
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "unmask",
			               "your role sees identifiers masked"),
			       NULL;
		/* every unmasked view is on the record before it is shown */
		if (app_transaction(ctx, audit_unmask, &v))
			return NULL;
	}
	if (tb_store_kin_list(ctx->db, ctx->arena, id, &kin, &nkin, &ctx->err))
		return NULL;
	o = volunteer_json(ctx, &v, want);
	list = json_array();
	for (size_t i = 0; i < nkin; i++) {
		int r = timebank_relation_parse(kin[i].relation);

		json_array_append_new(
		    list,
		    json_pack("{sI ss ss ss si ss}", "person_id",
		              kin[i].person_id, "name", kin[i].person_name,
		              "relation", kin[i].relation, "relation_name",
		              r < 0 ? kin[i].relation
		                    : timebank_relation_label(
		                          (enum timebank_relation)r),
		              "age",
		              person_age_on(kin[i].birth_date, ctx->today),
		              "recorded_at", kin[i].recorded_at));
	}
	json_object_set_new(o, "kin", list);
	return o;
}

static void share(long long part, long long whole, char out[24])
{
	timebank_share_text(part, whole, 2, out, 24);
}

json_t *app_volunteer_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "on", "all", NULL };
	struct volunteer_query q = { 0 };
	const char *region, *on, *all = param_str(params, "all");
	struct volunteer_row *v;
	size_t n;
	json_t *items, *by = json_array(), *out;
	long long reg = 0, old = 0, rreg = 0, rold = 0;
	char text[24];
	const char *cur = NULL, *cur_name = "";

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_date(params, "on", &on, &ctx->err)) {
		json_decref(by);
		return NULL;
	}
	if (!on)
		on = ctx->today;
	if (region && !principal_sees_region(ctx->who, region) &&
	    ctx->who->role != ROLE_OPERATOR) {
		json_decref(by);
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s' in your scope", region),
		       NULL;
	}
	q.region = region ? region : ctx->who->region;
	q.on = all && !strcmp(all, "1") ? NULL : on;
	if (tb_store_volunteer_list(ctx->db, ctx->arena, &q, &v, &n,
	                            &ctx->err)) {
		json_decref(by);
		return NULL;
	}
	items = json_array();
	for (size_t i = 0; i <= n; i++) {
		int in = 0, elderly = 0;

		if (i < n &&
		    !app_volunteer_in_scope(ctx, v[i].region, v[i].facility_id))
			continue;
		/* counts per region, closed when the region changes */
		if (cur && (i == n || strcmp(cur, v[i].region))) {
			share(rold, rreg, text);
			json_array_append_new(
			    by, json_pack("{ss ss sI sI ss}", "region", cur,
			                  "region_name", cur_name, "registered",
			                  rreg, "elderly", rold,
			                  "elderly_share", text));
			rreg = rold = 0;
			cur = NULL;
		}
		if (i == n)
			break;
		json_array_append_new(items, volunteer_json(ctx, &v[i], 0));
		in = strcmp(v[i].registered_on, on) <= 0 &&
		     (!v[i].left_on[0] || strcmp(v[i].left_on, on) > 0);
		elderly =
		    in && person_age_on(v[i].birth_date, on) >= ELDERLY_MIN_AGE;
		if (!cur) {
			cur = v[i].region;
			cur_name = v[i].region_name ? v[i].region_name : "";
		}
		rreg += in;
		rold += elderly;
		reg += in;
		old += elderly;
	}
	share(old, reg, text);
	out = json_pack("{ss so so s{sI sI ss}}", "on", on, "volunteers", items,
	                "by_region", by, "total", "registered", reg, "elderly",
	                old, "elderly_share", text);
	return out;
}

struct leave {
	long long id;
	char day[11];
	json_t *out;
};

static int leave_in_tx(struct app_ctx *ctx, void *arg)
{
	struct leave *x = arg;
	struct volunteer_row after;

	if (tb_store_volunteer_leave(ctx->db, x->id, x->day, &ctx->err) ||
	    tb_store_volunteer_get(ctx->db, ctx->arena, x->id, &after,
	                           &ctx->err))
		return -1;
	x->out = volunteer_json(ctx, &after, 0);
	if (app_audit(ctx, "close", "volunteer",
	              arena_printf(ctx->arena, "%lld", x->id), NULL, x->out)) {
		json_decref(x->out);
		x->out = NULL;
		return -1;
	}
	return 0;
}

json_t *app_volunteer_leave(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "left_on", NULL };
	struct leave x = { .id = id };
	struct volunteer_row v;

	if (body && !json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if ((body && body_only(body, keys, &ctx->err)) ||
	    app_volunteer_visible(ctx, id, &v) ||
	    opt_date(ctx, body, "left_on", ctx->today, x.day))
		return NULL;
	if (app_transaction(ctx, leave_in_tx, &x))
		return NULL;
	return x.out;
}

struct kin_add {
	long long volunteer, person;
	const char *relation;
};

static int kin_in_tx(struct app_ctx *ctx, void *arg)
{
	struct kin_add *x = arg;
	json_t *after;
	int rc;

	if (tb_store_kin_add(ctx->db, x->volunteer, x->person, x->relation,
	                     ctx->who->account_id, ctx->now, &ctx->err))
		return -1;
	after = json_pack("{sI sI ss}", "volunteer_id", x->volunteer,
	                  "person_id", x->person, "relation", x->relation);
	rc = app_audit(
	    ctx, "create", "timebank_kin",
	    arena_printf(ctx->arena, "%lld-%lld", x->volunteer, x->person),
	    NULL, after);
	json_decref(after);
	return rc;
}

json_t *app_volunteer_kin_add(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "person_id", "relation", NULL };
	struct kin_add x = { .volunteer = id };
	struct volunteer_row v;
	struct person p;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    app_volunteer_visible(ctx, id, &v))
		return NULL;
	if ((x.person = opt_id_field(ctx, body, "person_id")) < 0)
		return NULL;
	if (!x.person)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "'person_id' is required"),
		       NULL;
	x.relation = json_string_value(json_object_get(body, "relation"));
	if (timebank_relation_parse(x.relation) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "relation",
		               "'relation' must be spouse, parent, child, "
		               "grandparent or grandchild"),
		       NULL;
	if (person_store_get(ctx->db, ctx->arena, x.person, &p, NULL) ||
	    !principal_sees_region(ctx->who, p.region))
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "no person %lld in the registry", x.person),
		       NULL;
	if (x.person == v.person_id)
		return lx_fail(&ctx->err, LX_EINVALID, "person_id",
		               "the volunteer's own record is not kin"),
		       NULL;
	if (app_transaction(ctx, kin_in_tx, &x))
		return NULL;
	return app_volunteer_get(ctx, id, NULL);
}
