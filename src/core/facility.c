#include "core/facility.h"

#include "core/credit_code.h"
#include "core/date.h"
#include "core/geo.h"
#include "core/region_code.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define NAMES(ident, ...) static const char *const ident##_n[] = { __VA_ARGS__ }
#define TABLE(ident)                                                           \
	{                                                                      \
		ident##_n, ident##_zh,                                         \
		    (int)(sizeof(ident##_n) / sizeof(ident##_n[0]))            \
	}

NAMES(kind, "elderly_institution", "community_complex", "day_care_center",
      "regional_center", "mutual_aid_point", "meal_point", "home_bed_provider",
      "childcare_institution", "family_childcare_point",
      "kindergarten_nursery");
static const char *const kind_zh[] = { "养老机构",     "社区养老服务综合体",
	                               "日间照料中心", "区域性养老服务中心",
	                               "互助养老点",   "助餐点",
	                               "家庭养老床位", "托育机构",
	                               "家庭托育点",   "幼儿园托班" };
NAMES(own, "public", "private", "state_owned");
static const char *const own_zh[] = { "公办", "民办", "国企" };
NAMES(op, "public_run", "public_private", "private_run");
static const char *const op_zh[] = { "公办公营", "公建民营", "民办" };
NAMES(profit, "nonprofit", "forprofit");
static const char *const profit_zh[] = { "非营利", "营利" };
NAMES(filing, "unfiled", "pending", "filed", "rejected", "revoked");
static const char *const filing_zh[] = { "未备案", "备案中", "已备案", "未通过",
	                                 "已撤销" };
NAMES(cls, "infant", "toddler_small", "toddler_large", "mixed");
static const char *const cls_zh[] = { "乳儿班", "托小班", "托大班",
	                              "混合编班" };

const struct enum_names facility_kind_names = TABLE(kind);
const struct enum_names ownership_names = TABLE(own);
const struct enum_names operation_names = TABLE(op);
const struct enum_names profit_names = TABLE(profit);
const struct enum_names filing_status_names = TABLE(filing);
const struct enum_names class_type_names = TABLE(cls);

int enum_lookup(const struct enum_names *t, const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < t->count; i++)
		if (!strcmp(t->names[i], name) ||
		    !strcmp(t->labels_zh[i], name))
			return i;
	return -1;
}

int class_type_max_children(enum class_type t)
{
	static const int max[CLASS__MAX] = { 10, 15, 20, 18 };

	return (unsigned)t < CLASS__MAX ? max[t] : 0;
}

int facility_kind_is_elderly(enum facility_kind k)
{
	return k >= FK_ELDERLY_INSTITUTION && k <= FK_HOME_BED_PROVIDER;
}

int facility_kind_is_childcare(enum facility_kind k)
{
	return k >= FK_CHILDCARE_INSTITUTION && k <= FK_KINDERGARTEN_NURSERY;
}

void facility_init(struct facility *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = f->ownership = f->operation = f->profit = -1;
	f->filing_status = FILING_UNFILED;
}

static int check_count(long long v, const char *field, struct lx_error *err)
{
	if (v < 0)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' must not be negative", field);
	return 0;
}

static int check_date(const char *s, const char *field, struct lx_error *err)
{
	struct lx_date d;

	if (!*s)
		return 0;
	return date_parse_field(s, &d, err, field);
}

static int check_enum(int v, const struct enum_names *t, const char *field,
                      struct lx_error *err)
{
	if (v >= -1 && v < t->count)
		return 0;
	return lx_fail(err, LX_EINVALID, field, "'%s' is out of range", field);
}

/* 家庭托育点管理办法（试行）: at most 5 children at a family point. */
enum { FAMILY_POINT_MAX_CHILDREN = 5 };

static int validate_capacity(const struct facility *f, struct lx_error *err)
{
	const struct capacity *c = &f->cap;
	long long class_capacity = 0;

	if (check_count(c->beds, "beds", err) ||
	    check_count(c->nursing_beds, "nursing_beds", err) ||
	    check_count(c->occupied_beds, "occupied_beds", err) ||
	    check_count(c->slots, "slots", err) ||
	    check_count(c->affordable_slots, "affordable_slots", err) ||
	    check_count(c->affordable_beds, "affordable_beds", err) ||
	    check_count(c->enrolled, "enrolled", err) ||
	    check_count(f->caregivers, "caregivers", err) ||
	    check_count(f->social_workers, "social_workers", err) ||
	    check_count(c->residents_selfcare, "residents_selfcare", err) ||
	    check_count(c->residents_partly, "residents_partly", err) ||
	    check_count(c->residents_disabled, "residents_disabled", err) ||
	    check_date(c->date, "capacity_date", err))
		return -1;
	if (c->nursing_beds > c->beds)
		return lx_fail(err, LX_EINVALID, "nursing_beds",
		               "'nursing_beds' (%lld) must not exceed 'beds' "
		               "(%lld)",
		               c->nursing_beds, c->beds);
	if (c->occupied_beds > c->beds)
		return lx_fail(err, LX_EINVALID, "occupied_beds",
		               "'occupied_beds' (%lld) must not exceed 'beds' "
		               "(%lld)",
		               c->occupied_beds, c->beds);
	if (c->residents_selfcare + c->residents_partly +
	        c->residents_disabled >
	    c->beds)
		return lx_fail(err, LX_EINVALID, "residents_disabled",
		               "residents by care level add up to %lld, more "
		               "than 'beds' (%lld)",
		               c->residents_selfcare + c->residents_partly +
		                   c->residents_disabled,
		               c->beds);
	if (c->affordable_beds > c->beds)
		return lx_fail(
		    err, LX_EINVALID, "affordable_beds",
		    "'affordable_beds' (%lld) must not exceed 'beds' "
		    "(%lld)",
		    c->affordable_beds, c->beds);
	if (c->affordable_slots > c->slots)
		return lx_fail(err, LX_EINVALID, "affordable_slots",
		               "'affordable_slots' (%lld) must not exceed "
		               "'slots' (%lld)",
		               c->affordable_slots, c->slots);
	if (c->enrolled > c->slots)
		return lx_fail(
		    err, LX_EINVALID, "enrolled",
		    "'enrolled' (%lld) must not exceed 'slots' (%lld)",
		    c->enrolled, c->slots);
	for (size_t i = 0; i < c->nclasses; i++) {
		const struct facility_class *k = &c->classes[i];
		int max = class_type_max_children(k->type);

		if (!max)
			return lx_fail(err, LX_EINVALID, "classes",
			               "class %zu: unknown class type", i + 1);
		if (k->capacity < 0 || k->enrolled < 0)
			return lx_fail(err, LX_EINVALID, "classes",
			               "class %zu: counts must not be negative",
			               i + 1);
		if (k->capacity > max)
			return lx_fail(
			    err, LX_EINVALID, "classes",
			    "class %zu: a %s holds at most %d children, "
			    "not %lld",
			    i + 1, class_type_names.labels_zh[k->type], max,
			    k->capacity);
		if (k->enrolled > k->capacity)
			return lx_fail(
			    err, LX_EINVALID, "classes",
			    "class %zu: enrolled (%lld) must not exceed "
			    "capacity (%lld)",
			    i + 1, k->enrolled, k->capacity);
		class_capacity += k->capacity;
	}
	if (c->nclasses && class_capacity > c->slots)
		return lx_fail(err, LX_EINVALID, "classes",
		               "class capacities add up to %lld, more than "
		               "'slots' (%lld)",
		               class_capacity, c->slots);
	if (f->kind == FK_FAMILY_CHILDCARE &&
	    c->slots > FAMILY_POINT_MAX_CHILDREN)
		return lx_fail(err, LX_EINVALID, "slots",
		               "a family childcare point takes at most %d "
		               "children, not %lld",
		               FAMILY_POINT_MAX_CHILDREN, c->slots);
	return 0;
}

int facility_validate(const struct facility *f, struct lx_error *err)
{
	if (!f->name || !*f->name)
		return lx_fail(err, LX_EINVALID, "name", "'name' is required");
	if (f->kind < 0 || f->kind >= FK__MAX)
		return lx_fail(err, LX_EINVALID, "kind", "'kind' is required");
	if (!region_code_valid(f->region))
		return lx_fail(err, LX_EINVALID, "region",
		               "'region' must be a 12-digit division code");
	if (f->credit_code && *f->credit_code &&
	    credit_code_check(f->credit_code, err, "credit_code"))
		return -1;
	if (f->has_coords && !geo_in_china(f->lat, f->lon))
		return lx_fail(
		    err, LX_EINVALID,
		    /* a latitude inside China blames the longitude */
		    geo_in_china(f->lat, 100.0) ? "lon" : "lat",
		    "coordinates (%g, %g) are outside China", f->lat, f->lon);
	if (check_enum(f->ownership, &ownership_names, "ownership", err) ||
	    check_enum(f->operation, &operation_names, "operation", err) ||
	    check_enum(f->profit, &profit_names, "profit", err))
		return -1;
	if (f->filing_status < 0 || f->filing_status >= FILING__MAX)
		return lx_fail(err, LX_EINVALID, "filing_status",
		               "'filing_status' is out of range");
	if (check_date(f->filing_date, "filing_date", err) ||
	    check_date(f->opened_on, "opened_on", err) ||
	    check_date(f->closed_on, "closed_on", err))
		return -1;
	if (f->filing_status == FILING_FILED && !*f->filing_date)
		return lx_fail(err, LX_EINVALID, "filing_date",
		               "'filing_date' is required when the facility is "
		               "filed");
	if (*f->opened_on && *f->closed_on &&
	    strcmp(f->closed_on, f->opened_on) < 0)
		return lx_fail(err, LX_EINVALID, "closed_on",
		               "'closed_on' (%s) is before 'opened_on' (%s)",
		               f->closed_on, f->opened_on);
	return validate_capacity(f, err);
}

int capacity_equal(const struct capacity *a, const struct capacity *b)
{
	if (a->beds != b->beds || a->nursing_beds != b->nursing_beds ||
	    a->occupied_beds != b->occupied_beds || a->slots != b->slots ||
	    a->affordable_slots != b->affordable_slots ||
	    a->affordable_beds != b->affordable_beds ||
	    a->enrolled != b->enrolled || a->nclasses != b->nclasses ||
	    a->residents_selfcare != b->residents_selfcare ||
	    a->residents_partly != b->residents_partly ||
	    a->residents_disabled != b->residents_disabled)
		return 0;
	for (size_t i = 0; i < a->nclasses; i++)
		if (a->classes[i].type != b->classes[i].type ||
		    a->classes[i].capacity != b->classes[i].capacity ||
		    a->classes[i].enrolled != b->classes[i].enrolled)
			return 0;
	return 1;
}

static int parse_count(const char *s, const char *end, long long *out)
{
	char *stop;
	long long v;

	if (s == end || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &stop, 10);
	if (errno || stop != end)
		return -1;
	*out = v;
	return 0;
}

int classes_parse(struct arena *a, const char *s, struct capacity *c,
                  struct lx_error *err, const char *field)
{
	size_t n = 0, cap = 0;
	struct facility_class *v = NULL;
	const char *p = s;

	c->nclasses = 0;
	c->classes = NULL;
	if (!s || !*s)
		return 0;
	for (const char *q = s; *q; q++)
		cap += *q == '|';
	cap++;
	v = arena_alloc(a, cap * sizeof(*v));
	while (*p) {
		const char *end = strchr(p, '|');
		const char *c1, *c2;
		char type[32];

		if (!end)
			end = p + strlen(p);
		c1 = memchr(p, ':', (size_t)(end - p));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;
		if (!c2 || (size_t)(c1 - p) >= sizeof(type))
			return lx_fail(err, LX_EINVALID, field,
			               "class %zu: write it as "
			               "type:capacity:enrolled",
			               n + 1);
		memcpy(type, p, (size_t)(c1 - p));
		type[c1 - p] = '\0';
		v[n].type = enum_lookup(&class_type_names, type);
		if (v[n].type < 0)
			return lx_fail(err, LX_EINVALID, field,
			               "class %zu: unknown class type '%s'",
			               n + 1, type);
		if (parse_count(c1 + 1, c2, &v[n].capacity) ||
		    parse_count(c2 + 1, end, &v[n].enrolled))
			return lx_fail(
			    err, LX_EINVALID, field,
			    "class %zu: capacity and enrolled must be "
			    "whole numbers",
			    n + 1);
		n++;
		if (*end && !end[1])
			return lx_fail(err, LX_EINVALID, field,
			               "class %zu: nothing after the last '|'",
			               n + 1);
		p = *end ? end + 1 : end;
	}
	c->nclasses = n;
	c->classes = v;
	return 0;
}

char *classes_format(struct arena *a, const struct capacity *c)
{
	struct abuf b;

	abuf_init(&b, a);
	for (size_t i = 0; i < c->nclasses; i++)
		abuf_printf(&b, "%s%s:%lld:%lld", i ? "|" : "",
		            class_type_names.names[c->classes[i].type],
		            c->classes[i].capacity, c->classes[i].enrolled);
	return b.data;
}
