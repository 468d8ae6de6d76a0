#include "app/people.h"

#include "app/field_errors.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/regions.h"
#include "core/accepted.h"
#include "core/assessment.h"
#include "core/bounds.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/person.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/care_store.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/region_store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Assessment levels of GB/T 42195-2022, for display. */
static const char *const level_zh[] = { "能力完好", "能力轻度受损",
	                                "能力中度受损", "能力重度受损",
	                                "能力完全丧失" };

enum { ASSESSMENT_VALID_MONTHS = 6 };

int app_may_unmask(const struct app_ctx *ctx)
{
	switch (ctx->who->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
		return 1;
	default:
		return 0;
	}
}

static int need_keys(struct app_ctx *ctx)
{
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the personal-data key is not loaded");
	return 0;
}

/* Normalised identifier: lower-case x made upper-case. */
static char *normal_id(struct arena *a, const char *s)
{
	char *n = arena_strdup(a, s ? s : "");

	for (char *p = n; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return n;
}

/* A masked number as typed ("511902**1234", any number of asterisks) in
 * the form the blind index holds: the first six digits, eight asterisks,
 * the last four. The index keeps no shorter prefix, so fewer than six
 * leading digits cannot be looked up (and nobody is decrypted to try). A
 * form without asterisks is looked up as it is (a full number matches no
 * masked form). */
static char *normal_masked(struct app_ctx *ctx, const char *s)
{
	char *n = normal_id(ctx->arena, s);
	size_t len = strlen(n), lead = strspn(n, "0123456789");
	size_t stars = strspn(n + lead, "*");
	size_t tail = strspn(n + lead + stars, "0123456789X");

	if (!stars)
		return n;
	if (lead < 6 || tail < 4 || lead + stars + tail != len)
		return lx_fail(&ctx->err, LX_EINVALID, "masked",
		               "a masked number is its first six digits, "
		               "asterisks and its last four "
		               "(511902********1234)"),
		       NULL;
	return arena_printf(ctx->arena, "%.6s********%s", n, n + len - 4);
}

/* The masked form shown for a person, from the sealed number: the
 * database keeps no masked form in clear. */
static void fill_masked(struct app_ctx *ctx, struct person *p)
{
	char *plain =
	    pii_open(ctx->keys, ctx->arena, p->id_sealed, p->id_sealed_len);

	if (plain)
		id_number_mask(plain, p->id_masked, sizeof(p->id_masked));
	else
		snprintf(p->id_masked, sizeof(p->id_masked), "%s",
		         "******************");
}

static int get_person(struct app_ctx *ctx, long long id, struct person *p,
                      struct lx_error *err)
{
	if (person_store_get(ctx->db, ctx->arena, id, p, err))
		return -1;
	fill_masked(ctx, p);
	return 0;
}

static int may_see(const struct app_ctx *ctx, const struct person *p)
{
	if (ctx->who->role == ROLE_FAMILY)
		return 0;
	if (ctx->who->role == ROLE_OPERATOR) {
		for (size_t i = 0; i < ctx->who->nfacilities; i++)
			if (ctx->who->facilities[i] == p->facility_id &&
			    p->facility_id)
				return 1;
		return 0;
	}
	return principal_covers_area(ctx->who, p->region);
}

static int may_write(const struct app_ctx *ctx, const struct person *p)
{
	return ctx->who->role != ROLE_READONLY &&
	       ctx->who->role != ROLE_DEPT_OFFICIAL &&
	       ctx->who->role != ROLE_FAMILY &&
	       ctx->who->role != ROLE_VISITOR &&
	       ctx->who->role != ROLE_TOWNSHIP && may_see(ctx, p);
}

/* Six months after the day, clamped to the month's end. */
static void months_later(const char *day, int months, char out[11])
{
	struct lx_date d;
	int m, dim;

	if (date_parse(day, &d)) {
		out[0] = '\0';
		return;
	}
	m = d.m - 1 + months;
	d.y += m / 12;
	d.m = m % 12 + 1;
	dim = date_days_in_month(d.y, d.m);
	if (d.d > dim)
		d.d = dim;
	date_format(d, out);
}

static json_t *person_json(struct app_ctx *ctx, const struct person *p,
                           int unmask)
{
	json_t *o, *cats = json_array();
	char *id = NULL, *phone = NULL, *cphone = NULL;

	if (unmask && ctx->keys) {
		id = pii_open(ctx->keys, ctx->arena, p->id_sealed,
		              p->id_sealed_len);
		if (p->phone_sealed)
			phone = pii_open(ctx->keys, ctx->arena, p->phone_sealed,
			                 p->phone_sealed_len);
		if (p->contact_phone_sealed)
			cphone = pii_open(ctx->keys, ctx->arena,
			                  p->contact_phone_sealed,
			                  p->contact_phone_sealed_len);
	}
	for (size_t i = 0; i < p->ncategories; i++) {
		int c = enum_lookup(&person_category_names,
		                    p->categories[i].category);

		json_array_append_new(
		    cats,
		    json_pack("{s:s, s:s, s:s, s:s?}", "category",
		              p->categories[i].category, "label",
		              c >= 0 ? person_category_names.labels_zh[c]
		                     : p->categories[i].category,
		              "start", p->categories[i].start, "end",
		              p->categories[i].end[0] ? p->categories[i].end
		                                      : NULL));
	}
	o = json_pack(
	    "{s:I, s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:i, s:s,"
	    " s:s?, s:s}",
	    "id", (json_int_t)p->id, "kind", p->kind, "id_number",
	    id ? id : p->id_masked, "id_masked", p->id_masked, "unmasked",
	    id != NULL, "name", p->name, "sex", p->sex,
	    /* the full birth date and the masked number together
	     * give the number back: only roles that may unmask
	     * see it, the others the year */
	    "birth_date",
	    app_may_unmask(ctx) ? p->birth_date
	                        : arena_strndup(ctx->arena, p->birth_date, 4),
	    "age",
	    person_age_on(p->birth_date,
	                  p->deceased_on[0] ? p->deceased_on : ctx->today),
	    "region", p->region, "region_name", p->region_name, "address",
	    p->address ? p->address : "");
	json_object_set_new(o, "phone",
	                    json_string(phone             ? phone
	                                : p->phone_masked ? p->phone_masked
	                                                  : ""));
	json_object_set_new(
	    o, "contact_name",
	    json_string(p->contact_name ? p->contact_name : ""));
	json_object_set_new(o, "contact_phone",
	                    json_string(cphone ? cphone
	                                : p->contact_phone_masked
	                                    ? p->contact_phone_masked
	                                    : ""));
	json_object_set_new(
	    o, "guardian_name",
	    json_string(p->guardian_name ? p->guardian_name : ""));
	json_object_set_new(o, "household",
	                    json_string(p->household ? p->household : ""));
	json_object_set_new(o, "residence", json_string(p->residence));
	json_object_set_new(o, "facility_id",
	                    p->facility_id ? json_integer(p->facility_id)
	                                   : json_null());
	json_object_set_new(o, "deceased_on",
	                    p->deceased_on[0] ? json_string(p->deceased_on)
	                                      : json_null());
	json_object_set_new(o, "categories", cats);
	/* 已满36个月: an infant past the age childcare under three serves,
	 * on today's date (three whole years are 36 whole months) */
	json_object_set_new(
	    o, "over_36_months",
	    json_boolean(!strcmp(p->kind, "infant") &&
	                 person_age_on(p->birth_date, ctx->today) >= 3));
	if (p->level >= 0 && p->level < 5) {
		struct policy_view view;
		int months = ASSESSMENT_VALID_MONTHS;
		char due[11];

		if (ctx->policies && !app_policy_view(ctx, p->region, &view) &&
		    view.assessment.has_validity)
			months = view.assessment.validity_months;
		months_later(p->level_on, months, due);
		json_object_set_new(
		    o, "level",
		    json_pack("{s:i, s:s, s:s, s:s?, s:s, s:b}", "index",
		              p->level, "name", level_zh[p->level], "on",
		              p->level_on, "instrument", p->level_instrument,
		              "reassess_by", due, "due",
		              strcmp(due, ctx->today) <= 0));
	} else {
		json_object_set_new(o, "level", json_null());
	}
	return o;
}

static int set_phone(struct app_ctx *ctx, json_t *v, const char *field,
                     unsigned char **sealed, size_t *len, char **masked)
{
	const char *s;
	char buf[32];

	if (json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
		*sealed = NULL;
		*len = 0;
		*masked = "";
		return 0;
	}
	if (!json_is_string(v))
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "'%s' must be a string", field);
	s = json_string_value(v);
	if (strlen(s) < 7 || strlen(s) > 20 ||
	    strspn(s, "0123456789-+ ") != strlen(s))
		return lx_fail(&ctx->err, LX_EINVALID, field,
		               "'%s' must be a phone number", field);
	*sealed = pii_seal(ctx->keys, ctx->arena, s, len);
	pii_mask_phone(s, buf, sizeof(buf));
	*masked = arena_strdup(ctx->arena, buf);
	return 0;
}

static int read_categories(struct app_ctx *ctx, json_t *v, struct person *p)
{
	size_t i;
	json_t *c;

	if (!json_is_array(v))
		return lx_fail(&ctx->err, LX_EINVALID, "categories",
		               "'categories' must be a list");
	p->ncategories = json_array_size(v);
	p->categories = arena_alloc(ctx->arena, (p->ncategories + 1) *
	                                            sizeof(*p->categories));
	json_array_foreach(v, i, c)
	{
		struct person_category *pc = &p->categories[i];
		const char *code =
		    json_string_value(json_object_get(c, "category"));
		const char *start =
		    json_string_value(json_object_get(c, "start"));
		const char *end = json_string_value(json_object_get(c, "end"));
		int k = enum_lookup(&person_category_names, code);
		struct lx_date d;

		if (!json_is_object(c) || k < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "categories",
			               "category %zu: unknown category '%.40s' "
			               "(%s)",
			               i + 1, code ? code : "",
			               accepted_enum(ctx->arena, code,
			                             &person_category_names));
		if (!start || date_parse(start, &d) ||
		    (end && *end &&
		     (date_parse(end, &d) || strcmp(end, start) < 0)))
			return lx_fail(&ctx->err, LX_EINVALID, "categories",
			               "category %zu: give 'start' (and 'end' "
			               "after it) as YYYY-MM-DD",
			               i + 1);
		pc->category = (char *)person_category_names.names[k];
		snprintf(pc->start, sizeof(pc->start), "%s", start);
		snprintf(pc->end, sizeof(pc->end), "%s", end ? end : "");
	}
	return 0;
}

/* The fields a person's body may hold. */
static const char *const person_keys[] = { "kind",
	                                   "id_number",
	                                   "name",
	                                   "sex",
	                                   "birth_date",
	                                   "region",
	                                   "address",
	                                   "phone",
	                                   "contact_name",
	                                   "contact_phone",
	                                   "guardian_name",
	                                   "residence",
	                                   "facility_id",
	                                   "deceased_on",
	                                   "categories",
	                                   "household",
	                                   NULL };

/* What the body says of identity, checked together once every field is
 * read. */
struct person_given {
	const char *id_number, *birth, *sex;
};

/* Applies one field of a body onto p; -1 with ctx->err naming it. */
static int person_key(struct app_ctx *ctx, const char *key, json_t *v,
                      struct person *p, int create, struct person_given *g)
{
	const char *const *k = person_keys;
	const char *s = json_string_value(v);

	while (*k && strcmp(*k, key))
		k++;
	if (!*k)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "unknown field '%s'", key);
	if (!strcmp(key, "categories"))
		return read_categories(ctx, v, p);
	if (!strcmp(key, "phone"))
		return set_phone(ctx, v, key, &p->phone_sealed,
		                 &p->phone_sealed_len, &p->phone_masked);
	if (!strcmp(key, "contact_phone"))
		return set_phone(ctx, v, key, &p->contact_phone_sealed,
		                 &p->contact_phone_sealed_len,
		                 &p->contact_phone_masked);
	if (!strcmp(key, "facility_id")) {
		if (!json_is_null(v) &&
		    (!json_is_integer(v) || json_integer_value(v) <= 0))
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'facility_id' must be a facility "
			               "id or null");
		p->facility_id = json_is_integer(v) ? json_integer_value(v) : 0;
		return 0;
	}
	if (!strcmp(key, "deceased_on") && json_is_null(v)) {
		p->deceased_on[0] = '\0';
		return 0;
	}
	if (!s)
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be a string", key);
	if (strlen(s) > 4 * LX_TEXT_CHARS_MAX ||
	    text_utf8_length(s) >
	        (strstr(key, "name") ? LX_NAME_CHARS_MAX : LX_TEXT_CHARS_MAX))
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' is longer than %d characters", key,
		               strstr(key, "name") ? LX_NAME_CHARS_MAX
		                                   : LX_TEXT_CHARS_MAX);
	if (!strcmp(key, "kind")) {
		if (!create && strcmp(s, p->kind))
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'kind' cannot be changed");
		snprintf(p->kind, sizeof(p->kind), "%.7s", s);
	} else if (!strcmp(key, "id_number")) {
		g->id_number = normal_id(ctx->arena, s);
	} else if (!strcmp(key, "name")) {
		p->name = arena_strdup(ctx->arena, s);
	} else if (!strcmp(key, "sex")) {
		g->sex = s;
	} else if (!strcmp(key, "birth_date")) {
		g->birth = s;
	} else if (!strcmp(key, "region")) {
		snprintf(p->region, sizeof(p->region), "%.12s", s);
	} else if (!strcmp(key, "address")) {
		p->address = arena_strdup(ctx->arena, s);
	} else if (!strcmp(key, "contact_name")) {
		p->contact_name = arena_strdup(ctx->arena, s);
	} else if (!strcmp(key, "guardian_name")) {
		p->guardian_name = arena_strdup(ctx->arena, s);
	} else if (!strcmp(key, "household")) {
		p->household = arena_strdup(ctx->arena, s);
	} else if (!strcmp(key, "residence")) {
		if (enum_lookup(&residence_names, s) < 0)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'residence' must be home, "
			               "institution or home_bed");
		snprintf(
		    p->residence, sizeof(p->residence), "%s",
		    residence_names.names[enum_lookup(&residence_names, s)]);
	} else if (!strcmp(key, "deceased_on")) {
		struct lx_date d;

		if (date_parse_field(s, &d, &ctx->err, key))
			return -1;
		if (strcmp(s, ctx->today) > 0)
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "'deceased_on' is in the future");
		snprintf(p->deceased_on, sizeof(p->deceased_on), "%s", s);
	}
	return 0;
}

/* Applies body onto p; on create every required field is checked. Every
 * wrong field of the body is named at once (app/field_errors.h); the
 * identity and region are checked after, once the fields are read. */
static int person_from_json(struct app_ctx *ctx, json_t *body, struct person *p,
                            int create)
{
	struct person_given g = { NULL, "", "" };
	struct field_errors fe;
	const char *key, *id_number, *given_birth, *given_sex;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	if (field_errors_init(ctx, &fe))
		return -1;
	json_object_foreach(body, key, v)
	{
		if (person_key(ctx, key, v, p, create, &g))
			field_errors_take(ctx, &fe);
	}
	id_number = g.id_number;
	given_birth = g.birth;
	given_sex = g.sex;
	if (create && !id_number) {
		lx_fail(&ctx->err, LX_EINVALID, "id_number",
		        "'id_number' is required");
		field_errors_take(ctx, &fe);
	}
	if (create && !json_object_get(body, "kind")) {
		lx_fail(&ctx->err, LX_EINVALID, "kind",
		        "'kind' is required (elderly or infant)");
		field_errors_take(ctx, &fe);
	}
	if (!p->name || !*p->name) {
		lx_fail(&ctx->err, LX_EINVALID, "name", "'name' is required");
		field_errors_take(ctx, &fe);
	}
	if (field_errors_finish(ctx, &fe))
		return -1;
	if (id_number) {
		if (person_check_identity(id_number, p->kind, given_birth,
		                          given_sex, ctx->today, p->birth_date,
		                          p->sex, p->id_masked, &ctx->err))
			return -1;
		pii_hash(ctx->keys, id_number, p->id_hash);
		pii_hash(ctx->keys, p->id_masked, p->id_masked_hash);
		p->id_sealed = pii_seal(ctx->keys, ctx->arena, id_number,
		                        &p->id_sealed_len);
	} else if ((*given_birth && strcmp(given_birth, p->birth_date)) ||
	           (*given_sex && strcmp(given_sex, p->sex))) {
		return lx_fail(&ctx->err, LX_EINVALID,
		               *given_sex ? "sex" : "birth_date",
		               "birth date and sex come from the ID number");
	}
	if (!p->residence[0])
		snprintf(p->residence, sizeof(p->residence), "home");
	if (!region_code_valid(p->region) ||
	    !region_store_exists(ctx->db, p->region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "no region '%.12s': %s", p->region,
		               app_region_missing(ctx, p->region));
	if (!may_write(ctx, p))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
		               "you may not register people in '%s'",
		               p->region);
	if (p->facility_id) {
		struct facility f;

		if (facility_store_get(ctx->db, ctx->arena, p->facility_id,
		                       NULL, &f, NULL) ||
		    !principal_sees_facility(ctx->who, f.region, f.id))
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "no facility %lld", p->facility_id);
		/* a closed facility (机构退出) admits no one from its
		 * closing day */
		if (json_is_integer(json_object_get(body, "facility_id")) &&
		    f.closed_on[0] && strcmp(f.closed_on, ctx->today) <= 0)
			return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
			               "'%s' closed on %s", f.name,
			               f.closed_on);
	}
	return 0;
}

/* What the audit log keeps of a person: no form of the identifier at all.
 * The masked number (first 6, last 4) is not enough on its own, but the
 * person row beside the audit record holds the birth date in clear, and
 * the two together are the whole number. The identifier never changes
 * once registered, so the record loses nothing an auditor needs; the
 * person's id links it to the row. */
static json_t *audit_json(struct app_ctx *ctx, const struct person *p)
{
	json_t *o = person_json(ctx, p, 0);

	json_object_del(o, "id_number");
	json_object_del(o, "id_masked");
	return o;
}

static int save(struct app_ctx *ctx, struct person *p, json_t *before)
{
	json_t *after;
	int ret, created = !p->id;

	if (person_store_save(ctx->db, p, ctx->now, &ctx->err))
		return -1;
	if (get_person(ctx, p->id, p, &ctx->err))
		return -1;
	after = audit_json(ctx, p);
	ret = app_audit(ctx, created ? "create" : "update", "person",
	                arena_printf(ctx->arena, "%lld", p->id), before, after);
	json_decref(after);
	return ret;
}

int app_person_save_json(struct app_ctx *ctx, json_t *body, long long *id)
{
	struct person p = { .level = -1 };

	if (need_keys(ctx) || person_from_json(ctx, body, &p, 1))
		return -1;
	if (person_store_find_hash(ctx->db, p.id_hash))
		return lx_fail(&ctx->err, LX_ECONFLICT, "id_number",
		               "a person with this ID number is already "
		               "registered");
	if (save(ctx, &p, NULL))
		return -1;
	*id = p.id;
	return 0;
}

struct create_arg {
	json_t *body;
	long long id;
};

static int create_in_tx(struct app_ctx *ctx, void *arg)
{
	struct create_arg *c = arg;

	return app_person_save_json(ctx, c->body, &c->id);
}

json_t *app_person_create(struct app_ctx *ctx, json_t *body)
{
	struct create_arg c = { body, 0 };
	struct person p;

	if (app_transaction(ctx, create_in_tx, &c) ||
	    get_person(ctx, c.id, &p, &ctx->err))
		return NULL;
	return person_json(ctx, &p, 0);
}

static int load_visible(struct app_ctx *ctx, long long id, struct person *p)
{
	if (need_keys(ctx))
		return -1;
	if (get_person(ctx, id, p, &ctx->err) || !may_see(ctx, p))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no person %lld",
		               id);
	return 0;
}

struct update_arg {
	struct person *p;
	json_t *body, *before;
};

static int update_in_tx(struct app_ctx *ctx, void *arg)
{
	struct update_arg *u = arg;
	char from[13];

	memcpy(from, u->p->region, sizeof(from));
	if (person_from_json(ctx, u->body, u->p, 0))
		return -1;
	/* a move between regions is kept as history */
	if (strcmp(from, u->p->region) &&
	    move_store_insert(ctx->db, u->p->id, from, u->p->region, ctx->today,
	                      &ctx->err))
		return -1;
	{
		long long other =
		    person_store_find_hash(ctx->db, u->p->id_hash);

		if (other && other != u->p->id)
			return lx_fail(
			    &ctx->err, LX_ECONFLICT, "id_number",
			    "a person with this ID number is already "
			    "registered");
	}
	return save(ctx, u->p, u->before);
}

json_t *app_person_update(struct app_ctx *ctx, long long id, json_t *body)
{
	struct person p;
	struct update_arg u = { &p, body, NULL };
	json_t *out = NULL;

	if (load_visible(ctx, id, &p))
		return NULL;
	if (!may_write(ctx, &p))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "you may not change this person"),
		       NULL;
	u.before = audit_json(ctx, &p);
	if (!app_transaction(ctx, update_in_tx, &u))
		out = person_json(ctx, &p, 0);
	json_decref(u.before);
	return out;
}

static int audit_unmask(struct app_ctx *ctx, void *arg)
{
	const struct person *p = arg;

	return app_audit(ctx, "view_unmasked", "person",
	                 arena_printf(ctx->arena, "%lld", p->id), NULL, NULL);
}

json_t *app_person_get(struct app_ctx *ctx, long long id, json_t *params)
{
	static const char *const allowed[] = { "unmask", NULL };
	const char *unmask = param_str(params, "unmask");
	int want = unmask && !strcmp(unmask, "1");
	struct person p;

	if (param_only(params, allowed, &ctx->err) || load_visible(ctx, id, &p))
		return NULL;
	if (want) {
		if (!app_may_unmask(ctx))
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "unmask",
			               "your role sees identifiers masked"),
			       NULL;
		/* every unmasked view is on the record before it is shown */
		if (app_transaction(ctx, audit_unmask, &p))
			return NULL;
	}
	return person_json(ctx, &p, want);
}

json_t *app_person_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = {
		"region",   "kind", "q",        "id_number", "masked",
		"category", "page", "per_page", NULL
	};
	struct person_query q = { .today = ctx->today };
	const char *region, *idn = param_str(params, "id_number");
	const char *kind = param_str(params, "kind");
	const char *cat = param_str(params, "category");
	struct person *v;
	size_t n;
	long long total;
	json_t *items;

	if (ctx->who->role == ROLE_FAMILY)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "the people registry is for officials and "
		               "institutions"),
		       NULL;
	if (need_keys(ctx) || param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_long(params, "page", 1, 1, 1000000, &q.page, &ctx->err) ||
	    param_long(params, "per_page", 50, 1, 1000, &q.per_page, &ctx->err))
		return NULL;
	if (kind && strcmp(kind, "elderly") && strcmp(kind, "infant"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "kind",
		               "'kind' must be elderly or infant"),
		       NULL;
	if (cat && enum_lookup(&person_category_names, cat) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "category",
		               "unknown category '%.40s' (%s)", cat,
		               accepted_enum(ctx->arena, cat,
		                             &person_category_names)),
		       NULL;
	if (region && !principal_sees_region(ctx->who, region)) {
		if (ctx->who->region[0] &&
		    region_code_is_within(ctx->who->region, region))
			region = ctx->who->region;
		else
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "region",
			               "region '%s' is outside your scope",
			               region),
			       NULL;
	}
	q.region = region ? region
	           : ctx->who->region[0] && ctx->who->role != ROLE_OPERATOR
	               ? ctx->who->region
	               : NULL;
	q.kind = kind;
	q.name = param_str(params, "q");
	q.category = cat ? person_category_names
	                       .names[enum_lookup(&person_category_names, cat)]
	                 : NULL;
	if (ctx->who->role == ROLE_OPERATOR) {
		q.only_facilities = 1;
		q.facilities = ctx->who->facilities;
		q.nfacilities = ctx->who->nfacilities;
	}
	if (param_str(params, "masked")) {
		unsigned char *h = arena_alloc(ctx->arena, PII_HASH_BYTES);
		char *m = normal_masked(ctx, param_str(params, "masked"));

		if (!m)
			return NULL;
		pii_hash(ctx->keys, m, h);
		q.masked_hash = h;
	}
	if (idn && *idn) {
		/* an exact number confirms a guess: only for roles that may
		 * see numbers anyway */
		unsigned char *h = arena_alloc(ctx->arena, PII_HASH_BYTES);

		if (!app_may_unmask(ctx))
			return lx_fail(&ctx->err, LX_EFORBIDDEN, "id_number",
			               "your role searches by name or masked "
			               "number"),
			       NULL;
		pii_hash(ctx->keys, normal_id(ctx->arena, idn), h);
		q.id_hash = h;
	}
	if (person_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                      &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		fill_masked(ctx, &v[i]);
		json_array_append_new(items, person_json(ctx, &v[i], 0));
	}
	return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
	                 (json_int_t)total, "page", (int)q.page, "per_page",
	                 (int)q.per_page);
}

/* ---- ability assessments (GB/T 42195-2022) ---- */

static json_t *result_json(const struct assess_result *r)
{
	json_t *dims = json_array(), *changes = json_array();

	for (int d = 0; d < ASSESS_DIM__MAX && r->scored; d++)
		json_array_append_new(
		    dims,
		    json_pack("{s:s, s:s, s:i, s:i}", "code",
		              assess_dimension_code(d), "name",
		              assess_dimension_name_zh(d), "score",
		              r->dimension[d], "max", assess_dimension_max(d)));
	for (size_t i = 0; i < r->nchanges; i++)
		json_array_append_new(
		    changes,
		    json_pack("{s:s, s:b, s:s, s:s, s:s, s:s}", "rule",
		              assess_rule_name(r->changes[i].rule), "applied",
		              r->changes[i].applied, "from",
		              assess_level_zh(r->changes[i].from), "to",
		              assess_level_zh(r->changes[i].to), "reason",
		              r->changes[i].zh, "reason_en", r->changes[i].en));
	return json_pack(
	    "{s:s, s:b, s:o, s:o, s:{s:i, s:s, s:s}, s:{s:i, s:s,"
	    " s:s}, s:o, s:s, s:{s:s, s:s}}",
	    "instrument", r->instrument, "scored", r->scored, "dimensions",
	    dims, "total", r->scored ? json_integer(r->total) : json_null(),
	    "initial_level", "index", (int)r->initial, "zh",
	    assess_level_zh(r->initial), "en", assess_level_en(r->initial),
	    "final_level", "index", (int)r->final, "zh",
	    assess_level_zh(r->final), "en", assess_level_en(r->final),
	    "changes", changes, "stacking_note", r->stacking_note_zh,
	    "care_category", "code", assess_care_code(r->care), "zh",
	    assess_care_zh(r->care));
}

struct assess_arg {
	long long person;
	json_t *body;
	struct assess_result res;
	struct assessment_row row;
};

static int assess_in_tx(struct app_ctx *ctx, void *arg)
{
	struct assess_arg *a = arg;
	json_t *body = a->body, *items = json_object_get(body, "items");
	json_t *assessors = json_object_get(body, "assessors");
	const char *on =
	    json_string_value(json_object_get(body, "assessed_on"));
	const char *legacy =
	    json_string_value(json_object_get(body, "legacy_level"));
	struct assess_policy pol = assess_policy_default();
	struct policy_view view;
	struct assess_background bg = {
		.coma = json_is_true(json_object_get(body, "coma")),
		.diagnosis = json_is_true(json_object_get(body, "diagnosis")),
		.risk_events = (int)json_integer_value(
		    json_object_get(body, "risk_events")),
	};
	struct abuf names, digits;
	struct lx_date d;
	json_t *after;
	size_t i;
	json_t *v;
	int ret;

	/* the person's jurisdiction decides the uncertain stacking rule and
	 * how levels map to care categories */
	if (ctx->policies) {
		struct person p;

		if (get_person(ctx, a->person, &p, &ctx->err) ||
		    app_policy_view(ctx, p.region, &view))
			return -1;
		if (view.assessment.has_stack)
			pol.stack_changes = view.assessment.stack_changes;
		if (view.assessment.has_care)
			for (int l = 0; l < ASSESS_LEVEL__MAX; l++)
				pol.care_of[l] = view.assessment.care_of[l];
	}
	if (!on || date_parse_field(on, &d, &ctx->err, "assessed_on"))
		return on ? -1
		          : lx_fail(&ctx->err, LX_EINVALID, "assessed_on",
		                    "'assessed_on' is required");
	if (strcmp(on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "assessed_on",
		               "'assessed_on' is in the future");
	if (!json_is_array(assessors) || !json_array_size(assessors))
		return lx_fail(&ctx->err, LX_EINVALID, "assessors",
		               "'assessors' must list who assessed (two by "
		               "practice)");
	abuf_init(&names, ctx->arena);
	json_array_foreach(assessors, i, v)
	{
		if (!json_is_string(v) || !*json_string_value(v))
			return lx_fail(&ctx->err, LX_EINVALID, "assessors",
			               "assessor %zu must be a name", i + 1);
		abuf_printf(&names, "%s%s", i ? "、" : "",
		            json_string_value(v));
	}
	if (legacy) {
		if (assess_legacy(legacy, &pol, &a->res, &ctx->err))
			return -1;
	} else {
		int scores[ASSESS_ITEM_COUNT];

		if (!json_is_array(items) ||
		    json_array_size(items) != ASSESS_ITEM_COUNT)
			return lx_fail(&ctx->err, LX_EINVALID, "items",
			               "'items' must be the %d item scores",
			               ASSESS_ITEM_COUNT);
		json_array_foreach(items, i, v)
		{
			if (!json_is_integer(v))
				return lx_fail(
				    &ctx->err, LX_EINVALID, "items",
				    "item %zu must be a whole number", i + 1);
			scores[i] = (int)json_integer_value(v);
		}
		if (assess_score(scores, ASSESS_ITEM_COUNT, &bg, &pol, &a->res,
		                 &ctx->err))
			return -1;
	}
	abuf_init(&digits, ctx->arena);
	for (int k = 0; k < ASSESS_ITEM_COUNT && a->res.scored; k++)
		abuf_printf(&digits, "%d", a->res.items[k]);
	a->row = (struct assessment_row){
		.person_id = a->person,
		.instrument = (char *)a->res.instrument,
		.assessors = names.data,
		.items = digits.data,
		.has_total = a->res.scored,
		.total = a->res.total,
		.initial_level = a->res.initial,
		.final_level = a->res.final,
		.reason =
		    (char *)json_string_value(json_object_get(body, "reason")),
	};
	snprintf(a->row.assessed_on, sizeof(a->row.assessed_on), "%s", on);
	{
		json_t *ch = result_json(&a->res);
		char *text =
		    json_dumps(json_object_get(ch, "changes"), JSON_COMPACT);

		a->row.changes = arena_strdup(ctx->arena, text ? text : "[]");
		free(text);
		json_decref(ch);
	}
	if (assessment_store_insert(ctx->db, &a->row, ctx->who->account_id,
	                            ctx->now, &ctx->err))
		return -1;
	after = json_pack("{s:s, s:s, s:i}", "instrument", a->res.instrument,
	                  "assessed_on", on, "final_level", (int)a->res.final);
	ret =
	    app_audit(ctx, "assess", "person",
	              arena_printf(ctx->arena, "%lld", a->person), NULL, after);
	json_decref(after);
	return ret;
}

json_t *app_person_assess(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = {
		"assessed_on", "assessors", "items",        "coma", "diagnosis",
		"risk_events", "reason",    "legacy_level", NULL
	};
	struct assess_arg a = { .person = id, .body = body };
	struct person p;
	json_t *v, *out;

	if (load_visible(ctx, id, &p))
		return NULL;
	if (!may_write(ctx, &p))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "you may not assess this person"),
		       NULL;
	if (strcmp(p.kind, "elderly"))
		return lx_fail(&ctx->err, LX_EINVALID, "id",
		               "ability assessments are for elderly residents"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	v = json_object_get(body, "risk_events");
	if (v && (!json_is_integer(v) || json_integer_value(v) < 0 ||
	          json_integer_value(v) > 1000))
		return lx_fail(&ctx->err, LX_EINVALID, "risk_events",
		               "'risk_events' must be a count"),
		       NULL;
	if (app_transaction(ctx, assess_in_tx, &a))
		return NULL;
	out = result_json(&a.res);
	json_object_set_new(out, "id", json_integer(a.row.id));
	json_object_set_new(out, "person_id", json_integer(id));
	json_object_set_new(out, "assessed_on", json_string(a.row.assessed_on));
	json_object_set_new(out, "assessors", json_string(a.row.assessors));
	return out;
}

json_t *app_person_assessments(struct app_ctx *ctx, long long id)
{
	struct assessment_row *v;
	struct person p;
	size_t n;
	json_t *items;

	if (load_visible(ctx, id, &p) ||
	    assessment_store_list(ctx->db, ctx->arena, id, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *changes = json_loads(v[i].changes, 0, NULL);

		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:{s:i, s:s},"
		              " s:{s:i, s:s}, s:o, s:s}",
		              "id", (json_int_t)v[i].id, "instrument",
		              v[i].instrument, "assessed_on", v[i].assessed_on,
		              "assessors", v[i].assessors, "items", v[i].items,
		              "total",
		              v[i].has_total ? json_integer(v[i].total)
		                             : json_null(),
		              "initial_level", "index", v[i].initial_level,
		              "zh", assess_level_zh(v[i].initial_level),
		              "final_level", "index", v[i].final_level, "zh",
		              assess_level_zh(v[i].final_level), "changes",
		              changes ? changes : json_array(), "reason",
		              v[i].reason ? v[i].reason : ""));
	}
	return json_pack("{s:I, s:o}", "person_id", (json_int_t)id, "items",
	                 items);
}

static int audit_export(struct app_ctx *ctx, const char *region, long count,
                        int unmask)
{
	json_t *after = json_pack("{s:s?, s:i, s:b}", "region", region, "rows",
	                          (int)count, "unmasked", unmask);
	int ret = app_audit(ctx, "export", "persons", region ? region : "",
	                    NULL, after);

	json_decref(after);
	return ret;
}

int app_person_export(struct app_ctx *ctx, const char *region, int unmask,
                      struct abuf *out)
{
	static const char *const cols[] = {
		"kind",         "id_number",     "name",          "sex",
		"birth_date",   "region",        "address",       "phone",
		"contact_name", "contact_phone", "guardian_name", "residence",
		"facility_id",  "deceased_on",   "categories",    "household"
	};
	struct person_query q = { .today = ctx->today, .region = region };
	struct person *v;
	size_t n;
	long long total;

	if (need_keys(ctx))
		return -1;
	if (!app_may_unmask(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role may not export personal data");
	if (unmask && !principal_is_admin(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "unmask",
		               "only administrators export unmasked numbers");
	if (person_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                      &ctx->err))
		return -1;
	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		if (c)
			abuf_puts(out, ",");
		csv_write_field(out, cols[c]);
	}
	abuf_puts(out, "\r\n");
	for (size_t i = 0; i < n; i++) {
		json_t *o;

		fill_masked(ctx, &v[i]);
		o = person_json(ctx, &v[i], unmask);
		struct abuf cats;
		const char *cells[16];

		abuf_init(&cats, ctx->arena);
		for (size_t k = 0; k < v[i].ncategories; k++)
			abuf_printf(&cats, "%s%s:%s%s%s", k ? "|" : "",
			            v[i].categories[k].category,
			            v[i].categories[k].start,
			            v[i].categories[k].end[0] ? ":" : "",
			            v[i].categories[k].end);
		for (size_t c = 0; c < 16; c++) {
			json_t *x = json_object_get(o, cols[c]);

			cells[c] =
			    json_is_string(x)
			        ? arena_strdup(ctx->arena, json_string_value(x))
			    : json_is_integer(x)
			        ? arena_printf(ctx->arena, "%lld",
			                       (long long)json_integer_value(x))
			        : "";
		}
		cells[14] = cats.data;
		cells[15] = v[i].household ? v[i].household : "";
		json_decref(o);
		for (size_t c = 0; c < 16; c++) {
			if (c)
				abuf_puts(out, ",");
			csv_write_field(out, cells[c]);
		}
		abuf_puts(out, "\r\n");
	}
	return audit_export(ctx, region, (long)n, unmask);
}

long long app_person_by_number(struct app_ctx *ctx, const char *number)
{
	unsigned char h[PII_HASH_BYTES];
	struct person p;
	long long id;

	if (need_keys(ctx))
		return 0;
	pii_hash(ctx->keys, normal_id(ctx->arena, number), h);
	id = person_store_find_hash(ctx->db, h);
	if (!id || get_person(ctx, id, &p, NULL) || !may_see(ctx, &p)) {
		lx_fail(&ctx->err, LX_EINVALID, "id_number",
		        "no person with this ID number is registered");
		return 0;
	}
	return id;
}

json_t *app_person_moves(struct app_ctx *ctx, long long id)
{
	struct person p;
	struct move_row *v;
	size_t n;
	json_t *items;

	if (load_visible(ctx, id, &p) ||
	    move_store_list(ctx->db, ctx->arena, id, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items, json_pack("{s:s, s:s, s:s}", "from", v[i].from, "to",
		                     v[i].to, "moved_on", v[i].on));
	return json_pack("{s:I, s:o}", "person_id", (json_int_t)id, "items",
	                 items);
}

json_t *app_assessment_instrument(struct app_ctx *ctx)
{
	json_t *items = json_array(), *dims = json_array();

	(void)ctx;
	for (int d = 0; d < ASSESS_DIM__MAX; d++)
		json_array_append_new(
		    dims, json_pack("{s:s, s:s, s:s, s:i}", "code",
		                    assess_dimension_code(d), "name",
		                    assess_dimension_name_zh(d), "name_en",
		                    assess_dimension_name_en(d), "max",
		                    assess_dimension_max(d)));
	for (size_t i = 0; i < ASSESS_ITEM_COUNT; i++) {
		const struct assess_item *it = assess_item(i);
		json_t *wording = json_array();

		for (int s = 0; s <= it->max; s++)
			json_array_append_new(wording,
			                      it->wording[s]
			                          ? json_string(it->wording[s])
			                          : json_null());
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s, s:s, s:i, s:o}", "code",
		              it->code, "dimension",
		              assess_dimension_code(it->dimension), "name",
		              it->name_zh, "name_en", it->name_en, "max",
		              it->max, "wording", wording));
	}
	return json_pack("{s:s, s:i, s:o, s:o}", "instrument",
	                 ASSESS_INSTRUMENT, "total_max", ASSESS_TOTAL_MAX,
	                 "dimensions", dims, "items", items);
}
