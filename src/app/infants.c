#include "app/infants.h"

#include "app/params.h"
#include "app/people.h"
#include "core/date.h"
#include "core/facility.h"
#include "store/care_store.h"
#include "store/facility_store.h"
#include "store/person_store.h"

#include <stdio.h>
#include <string.h>

static const char *const item_n[] = {
	"newborn_visit", "metabolic_screening", "hearing_screening",
	"vaccination",   "growth_assessment",   "health_check"
};
static const char *const item_zh[] = {
	"新生儿访视",     "新生儿遗传代谢性疾病筛查",
	"新生儿听力筛查", "预防接种",
	"生长发育评估",   "入托健康检查"
};
static const struct enum_names health_items = { item_n, item_zh, 6 };

/* Age bands of the class types in whole months, [min, max). */
static const struct {
	int min, max;
} band[CLASS__MAX] = {
	[CLASS_INFANT] = { 6, 12 },
	[CLASS_TODDLER_SMALL] = { 12, 24 },
	[CLASS_TODDLER_LARGE] = { 24, 36 },
	[CLASS_MIXED] = { 18, 36 },
};

static int months_between(const char *from, const char *to)
{
	struct lx_date a, b;
	int m;

	if (date_parse(from, &a) || date_parse(to, &b))
		return -1;
	m = (b.y - a.y) * 12 + (b.m - a.m);
	if (b.d < a.d)
		m--;
	return m;
}

/* The infant, visible and writable by the caller. */
static int load_infant(struct app_ctx *ctx, long long id, struct person *p,
                       int write)
{
	json_t *seen = app_person_get(ctx, id, NULL);

	if (!seen)
		return -1;
	json_decref(seen);
	if (person_store_get(ctx->db, ctx->arena, id, p, &ctx->err))
		return -1;
	if (strcmp(p->kind, "infant"))
		return lx_fail(&ctx->err, LX_EINVALID, "id",
		               "person %lld is not an infant", id);
	if (write && (ctx->who->role == ROLE_READONLY ||
	              ctx->who->role == ROLE_DEPT_OFFICIAL))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "your role does not record infants' care");
	return 0;
}

static int date_field(struct app_ctx *ctx, json_t *body, const char *key,
                      int required, char out[11])
{
	const char *s = json_string_value(json_object_get(body, key));
	struct lx_date d;

	out[0] = '\0';
	if (!s)
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "'%s' is required", key)
		                : 0;
	if (date_parse_field(s, &d, &ctx->err, key))
		return -1;
	snprintf(out, 11, "%s", s);
	return 0;
}

static json_t *health_json(const struct health_row *r)
{
	int i = enum_lookup(&health_items, r->item);

	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "item",
	    r->item, "label", i >= 0 ? health_items.labels_zh[i] : r->item,
	    "done_on", r->done_on, "result", r->result ? r->result : "");
}

struct health_arg {
	struct health_row row;
};

static int health_in_tx(struct app_ctx *ctx, void *arg)
{
	struct health_row *r = arg;
	json_t *after;
	int ret;

	if (health_store_insert(ctx->db, r, ctx->who->account_id, ctx->now,
	                        &ctx->err))
		return -1;
	after = health_json(r);
	ret = app_audit(ctx, "health_record", "person",
	                arena_printf(ctx->arena, "%lld", r->person_id), NULL,
	                after);
	json_decref(after);
	return ret;
}

json_t *app_health_add(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "item", "done_on", "result", NULL };
	struct health_row r = { .person_id = id };
	struct person p;
	const char *item = json_string_value(json_object_get(body, "item"));
	int k;

	if (load_infant(ctx, id, &p, 1) || body_only(body, keys, &ctx->err) ||
	    date_field(ctx, body, "done_on", 1, r.done_on))
		return NULL;
	if ((k = enum_lookup(&health_items, item)) < 0)
		return lx_fail(
		           &ctx->err, LX_EINVALID, "item",
		           "'item' must be newborn_visit, "
		           "metabolic_screening, hearing_screening, "
		           "vaccination, growth_assessment or health_check"),
		       NULL;
	if (strcmp(r.done_on, p.birth_date) < 0 ||
	    strcmp(r.done_on, ctx->today) > 0)
		return lx_fail(
		           &ctx->err, LX_EINVALID, "done_on",
		           "'done_on' must be between the child's birth and "
		           "today"),
		       NULL;
	r.item = (char *)health_items.names[k];
	r.result = (char *)json_string_value(json_object_get(body, "result"));
	if (app_transaction(ctx, health_in_tx, &r))
		return NULL;
	return health_json(&r);
}

json_t *app_health_list(struct app_ctx *ctx, long long id)
{
	struct health_row *v;
	struct person p;
	size_t n;
	json_t *items;

	if (load_infant(ctx, id, &p, 0) ||
	    health_store_list(ctx->db, ctx->arena, id, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, health_json(&v[i]));
	return json_pack("{s:I, s:o}", "person_id", (json_int_t)id, "items",
	                 items);
}

static json_t *enrolment_json(const struct enrolment_row *r)
{
	int t = enum_lookup(&class_type_names, r->class_type);

	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s?}", "id",
	                 (json_int_t)r->id, "facility_id",
	                 (json_int_t)r->facility_id, "class_type",
	                 r->class_type, "class_label",
	                 t >= 0 ? class_type_names.labels_zh[t] : "", "start",
	                 r->start, "end", r->end[0] ? r->end : NULL);
}

static int enrol_in_tx(struct app_ctx *ctx, void *arg)
{
	struct enrolment_row *r = arg;
	json_t *after;
	int ret;

	if (enrolment_store_insert(ctx->db, r, &ctx->err))
		return -1;
	after = enrolment_json(r);
	ret = app_audit(ctx, "enrol", "person",
	                arena_printf(ctx->arena, "%lld", r->person_id), NULL,
	                after);
	json_decref(after);
	return ret;
}

json_t *app_enrol(struct app_ctx *ctx, long long id, json_t *body)
{
	static const char *const keys[] = { "facility_id", "class_type",
		                            "start", "end", NULL };
	struct enrolment_row r = { .person_id = id };
	struct person p;
	struct facility f;
	json_t *fid = json_object_get(body, "facility_id");
	const char *type =
	    json_string_value(json_object_get(body, "class_type"));
	long long capacity = 0, taken;
	int t, age;

	if (load_infant(ctx, id, &p, 1) || body_only(body, keys, &ctx->err) ||
	    date_field(ctx, body, "start", 1, r.start) ||
	    date_field(ctx, body, "end", 0, r.end))
		return NULL;
	if (r.end[0] && strcmp(r.end, r.start) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "end",
		               "'end' is before 'start'"),
		       NULL;
	if (!json_is_integer(fid) ||
	    facility_store_get(ctx->db, ctx->arena, json_integer_value(fid),
	                       r.start, &f, NULL) ||
	    !principal_sees_facility(ctx->who, f.region, f.id))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "no such facility"),
		       NULL;
	if (!facility_kind_is_childcare(f.kind))
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "'%s' is not a childcare place", f.name),
		       NULL;
	/* a closed facility (机构退出) enrols no one from its closing day */
	if (f.closed_on[0] && strcmp(f.closed_on, r.start) <= 0)
		return lx_fail(&ctx->err, LX_EINVALID, "facility_id",
		               "'%s' closed on %s", f.name, f.closed_on),
		       NULL;
	if ((t = enum_lookup(&class_type_names, type)) < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "class_type",
		               "'class_type' must be infant, toddler_small, "
		               "toddler_large or mixed"),
		       NULL;
	age = months_between(p.birth_date, r.start);
	/* the child's age in months is told only to roles that may see the
	 * birth date: trying start dates would otherwise give it away */
	if ((age < band[t].min || age >= band[t].max) && app_may_unmask(ctx))
		return lx_fail(&ctx->err, LX_EINVALID, "class_type",
		               "a %s takes children of %d to %d months; this "
		               "child is %d months old on %s",
		               class_type_names.labels_zh[t], band[t].min,
		               band[t].max, age, r.start),
		       NULL;
	if (age < band[t].min || age >= band[t].max)
		return lx_fail(&ctx->err, LX_EINVALID, "class_type",
		               "a %s takes children of %d to %d months; this "
		               "child's age on %s does not fit",
		               class_type_names.labels_zh[t], band[t].min,
		               band[t].max, r.start),
		       NULL;
	for (size_t i = 0; i < f.cap.nclasses; i++)
		if (f.cap.classes[i].type == t)
			capacity += f.cap.classes[i].capacity;
	if (!capacity)
		return lx_fail(&ctx->err, LX_EINVALID, "class_type",
		               "%s has no %s places in the registry on %s",
		               f.name, class_type_names.labels_zh[t], r.start),
		       NULL;
	/* the class must have a place on every day of the period: the
	 * fullest day is the start or a later enrolment's start */
	{
		char(*days)[11];
		size_t ndays;

		if (enrolment_store_start_days(
		        ctx->db, ctx->arena, f.id, class_type_names.names[t],
		        r.start, r.end[0] ? r.end : NULL, &days, &ndays))
			return lx_fail(&ctx->err, LX_EINTERNAL, "",
			               "cannot count the class's places"),
			       NULL;
		for (size_t i = 0; i < ndays; i++) {
			taken = enrolment_store_count(
			    ctx->db, f.id, class_type_names.names[t], days[i]);
			if (taken >= capacity)
				return lx_fail(&ctx->err, LX_ECONFLICT,
				               "class_type",
				               "%s's %s classes are full on %s "
				               "(%lld of %lld places taken)",
				               f.name,
				               class_type_names.labels_zh[t],
				               days[i], taken, capacity),
				       NULL;
		}
	}
	if (enrolment_store_overlaps(ctx->db, id, r.start,
	                             r.end[0] ? r.end : NULL))
		return lx_fail(&ctx->err, LX_ECONFLICT, "start",
		               "the child is already enrolled during this "
		               "period: one class at a time"),
		       NULL;
	r.facility_id = f.id;
	r.class_type = (char *)class_type_names.names[t];
	if (app_transaction(ctx, enrol_in_tx, &r))
		return NULL;
	return enrolment_json(&r);
}

json_t *app_enrolments(struct app_ctx *ctx, long long id)
{
	struct enrolment_row *v;
	struct person p;
	size_t n;
	json_t *items;

	if (load_infant(ctx, id, &p, 0) ||
	    enrolment_store_list(ctx->db, ctx->arena, id, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, enrolment_json(&v[i]));
	return json_pack("{s:I, s:o}", "person_id", (json_int_t)id, "items",
	                 items);
}
