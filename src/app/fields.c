#include "app/fields.h"

#include "core/accepted.h"
#include "core/bounds.h"
#include "core/date.h"
#include "core/nearest.h"
#include "core/region_code.h"
#include "core/text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define AT(obj, s, type)  ((type *)((char *)(obj) + (s)->off))
#define CAT(obj, s, type) ((const type *)((const char *)(obj) + (s)->off))

const struct field_spec *field_find(const struct field_table *t,
                                    const char *name)
{
	for (size_t i = 0; i < t->count; i++)
		if (!strcmp(t->specs[i].name, name))
			return &t->specs[i];
	return NULL;
}

static int enum_error(const struct field_spec *s, const char *got,
                      struct lx_error *err)
{
	char list[400] = "";
	const char *best[ACCEPTED_NEAREST];
	int many = s->names->count > ACCEPTED_ALL_MAX;
	/* a long list: the nearest few (core/accepted.h) */
	int n =
	    many ? nearest_names(got, s->names->names, (size_t)s->names->count,
	                         best, ACCEPTED_NEAREST)
	         : s->names->count;

	for (int i = 0; i < n; i++) {
		size_t len = strlen(list);

		snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
		         many ? best[i] : s->names->names[i]);
	}
	if (many)
		return lx_fail(err, LX_EINVALID, s->name,
		               "'%s' must be one of %d values, not '%.40s' "
		               "(nearest: %s)",
		               s->name, s->names->count, got, list);
	return lx_fail(err, LX_EINVALID, s->name,
	               "'%s' must be one of %s, not '%.40s'", s->name, list,
	               got);
}

static int set_date(const struct field_spec *s, void *obj, const char *text,
                    struct lx_error *err)
{
	struct lx_date d;

	if (*text && date_parse_field(text, &d, err, s->name))
		return -1;
	snprintf(AT(obj, s, char), 11, "%s", text);
	return 0;
}

static int set_code(const struct field_spec *s, void *obj, const char *text,
                    struct lx_error *err)
{
	if (!region_code_valid(text))
		return lx_fail(err, LX_EINVALID, s->name,
		               "'%s' must be a 12-digit division code, not "
		               "'%.20s'",
		               s->name, text);
	snprintf(AT(obj, s, char), 13, "%s", text);
	return 0;
}

/* An empty cell clears a nullable enum and leaves any other at its current
 * value (the default on create, e.g. filing status "unfiled"). */
static int set_enum(const struct field_spec *s, void *obj, const char *text,
                    struct lx_error *err)
{
	int v;

	if (!*text) {
		if (s->flags & FF_NULLABLE)
			*AT(obj, s, int) = -1;
		return 0;
	}
	v = enum_lookup(s->names, text);
	if (v < 0)
		return enum_error(s, text, err);
	*AT(obj, s, int) = v;
	return 0;
}

static void set_coord(const struct field_spec *s, void *obj, int present,
                      double v)
{
	int *mask = (int *)((char *)obj + s->aux);

	*AT(obj, s, double) = present ? v : 0;
	if (present)
		*mask |= s->bit;
	else
		*mask &= ~s->bit;
}

/* Text longer than the field takes is refused before it is copied. */
static int check_length(const struct field_spec *s, const char *text,
                        struct lx_error *err)
{
	size_t max = s->flags & FF_NAME ? LX_NAME_CHARS_MAX : LX_TEXT_CHARS_MAX;

	/* bytes first: no need to count the characters of a huge string */
	if (strlen(text) > 4 * max || text_utf8_length(text) > max)
		return lx_fail(err, LX_EINVALID, s->name,
		               "'%s' is longer than %zu characters", s->name,
		               max);
	return 0;
}

static int too_many(const struct field_spec *s, struct lx_error *err)
{
	return lx_fail(err, LX_EINVALID, s->name, "'%s' must be at most %lld",
	               s->name, (long long)LX_COUNT_MAX);
}

int field_from_json(struct arena *a, const struct field_spec *s, void *obj,
                    json_t *v, struct lx_error *err)
{
	if (json_is_null(v)) {
		switch (s->type) {
		case FT_TEXT_OPT:
			*AT(obj, s, char *) = NULL;
			return 0;
		case FT_DATE:
			*AT(obj, s, char) = '\0';
			return 0;
		case FT_ENUM:
			if (!(s->flags & FF_NULLABLE))
				break;
			*AT(obj, s, int) = -1;
			return 0;
		case FT_COORD:
			set_coord(s, obj, 0, 0);
			return 0;
		case FT_CLASSES:
			AT(obj, s, struct capacity)->nclasses = 0;
			return 0;
		default:
			break;
		}
		return lx_fail(err, LX_EINVALID, s->name,
		               "'%s' must not be null", s->name);
	}
	switch (s->type) {
	case FT_TEXT:
	case FT_TEXT_OPT:
		if (!json_is_string(v))
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be a string", s->name);
		if (check_length(s, json_string_value(v), err))
			return -1;
		*AT(obj, s, char *) = arena_strdup(a, json_string_value(v));
		return 0;
	case FT_COUNT:
		if (!json_is_integer(v))
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be a whole number", s->name);
		if (json_integer_value(v) < 0)
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must not be negative", s->name);
		if (json_integer_value(v) > LX_COUNT_MAX)
			return too_many(s, err);
		*AT(obj, s, long long) = json_integer_value(v);
		return 0;
	case FT_INT:
		if (!json_is_integer(v) || json_integer_value(v) < -1000000 ||
		    json_integer_value(v) > 1000000)
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be a whole number", s->name);
		*AT(obj, s, int) = (int)json_integer_value(v);
		return 0;
	case FT_BOOL:
		if (!json_is_boolean(v))
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be true or false", s->name);
		*AT(obj, s, int) = json_is_true(v);
		return 0;
	case FT_COORD:
		if (!json_is_number(v) || !isfinite(json_number_value(v)))
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be a number", s->name);
		set_coord(s, obj, 1, json_number_value(v));
		return 0;
	case FT_DATE:
	case FT_CODE:
	case FT_ENUM:
	case FT_CLASSES:
		break;
	}
	if (s->type == FT_CLASSES) {
		struct capacity *c = AT(obj, s, struct capacity);
		size_t i;
		json_t *item;

		if (!json_is_array(v))
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be a list of classes",
			               s->name);
		c->nclasses = json_array_size(v);
		c->classes =
		    arena_alloc(a, (c->nclasses + 1) * sizeof(*c->classes));
		json_array_foreach(v, i, item)
		{
			struct facility_class *k = &c->classes[i];
			json_t *t = json_object_get(item, "type");
			json_t *cap = json_object_get(item, "capacity");
			json_t *enr = json_object_get(item, "enrolled");

			if (!json_is_object(item) || !json_is_string(t) ||
			    !json_is_integer(cap) || !json_is_integer(enr) ||
			    json_object_size(item) != 3)
				return lx_fail(
				    err, LX_EINVALID, s->name,
				    "class %zu must be {\"type\", "
				    "\"capacity\", \"enrolled\"} with "
				    "whole numbers",
				    i + 1);
			k->type = enum_lookup(&class_type_names,
			                      json_string_value(t));
			if (k->type < 0)
				return lx_fail(
				    err, LX_EINVALID, s->name,
				    "class %zu: unknown type '%.30s'", i + 1,
				    json_string_value(t));
			k->capacity = json_integer_value(cap);
			k->enrolled = json_integer_value(enr);
		}
		return 0;
	}
	if (!json_is_string(v))
		return lx_fail(err, LX_EINVALID, s->name,
		               "'%s' must be a string", s->name);
	return field_from_text(a, s, obj, json_string_value(v), err);
}

static int parse_whole(const char *text, long long *out)
{
	char *end;

	if (!*text || !((*text >= '0' && *text <= '9') || *text == '-'))
		return -1;
	errno = 0;
	*out = strtoll(text, &end, 10);
	return errno || *end ? -1 : 0;
}

int field_from_text(struct arena *a, const struct field_spec *s, void *obj,
                    const char *text, struct lx_error *err)
{
	long long n = 0;

	switch (s->type) {
	case FT_TEXT:
		if (check_length(s, text, err))
			return -1;
		*AT(obj, s, char *) = arena_strdup(a, text);
		return 0;
	case FT_TEXT_OPT:
		if (check_length(s, text, err))
			return -1;
		*AT(obj, s, char *) = *text ? arena_strdup(a, text) : NULL;
		return 0;
	case FT_COUNT:
		if (*text && parse_whole(text, &n))
			return lx_fail(
			    err, LX_EINVALID, s->name,
			    "'%s' must be a whole number, not '%.20s'", s->name,
			    text);
		if (n < 0)
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must not be negative", s->name);
		if (n > LX_COUNT_MAX)
			return too_many(s, err);
		*AT(obj, s, long long) = n;
		return 0;
	case FT_INT:
		if (parse_whole(text, &n) || n < -1000000 || n > 1000000)
			return lx_fail(
			    err, LX_EINVALID, s->name,
			    "'%s' must be a whole number, not '%.20s'", s->name,
			    text);
		*AT(obj, s, int) = (int)n;
		return 0;
	case FT_BOOL:
		if (!*text || !strcmp(text, "0") || !strcmp(text, "false") ||
		    !strcmp(text, "否"))
			*AT(obj, s, int) = 0;
		else if (!strcmp(text, "1") || !strcmp(text, "true") ||
		         !strcmp(text, "是"))
			*AT(obj, s, int) = 1;
		else
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be 0 or 1, not '%.20s'",
			               s->name, text);
		return 0;
	case FT_DATE:
		return set_date(s, obj, text, err);
	case FT_CODE:
		return set_code(s, obj, text, err);
	case FT_ENUM:
		return set_enum(s, obj, text, err);
	case FT_COORD: {
		char *end;
		double v;

		if (!*text) {
			set_coord(s, obj, 0, 0);
			return 0;
		}
		errno = 0;
		v = strtod(text, &end);
		if (errno || *end || !isfinite(v))
			return lx_fail(err, LX_EINVALID, s->name,
			               "'%s' must be a number, not '%.20s'",
			               s->name, text);
		set_coord(s, obj, 1, v);
		return 0;
	}
	case FT_CLASSES:
		return classes_parse(a, text, AT(obj, s, struct capacity), err,
		                     s->name);
	}
	return lx_fail(err, LX_EINTERNAL, s->name, "unhandled field type");
}

json_t *field_to_json(const struct field_spec *s, const void *obj)
{
	switch (s->type) {
	case FT_TEXT:
	case FT_TEXT_OPT: {
		const char *v = *CAT(obj, s, char *);

		if (!v)
			return s->type == FT_TEXT ? json_string("")
			                          : json_null();
		return json_string(v);
	}
	case FT_COUNT:
		return json_integer(*CAT(obj, s, long long));
	case FT_INT:
		return json_integer(*CAT(obj, s, int));
	case FT_BOOL:
		return json_boolean(*CAT(obj, s, int));
	case FT_DATE:
	case FT_CODE: {
		const char *v = CAT(obj, s, char);

		return *v ? json_string(v) : json_null();
	}
	case FT_ENUM: {
		int v = *CAT(obj, s, int);

		return v >= 0 && v < s->names->count
		           ? json_string(s->names->names[v])
		           : json_null();
	}
	case FT_COORD: {
		int mask = *(const int *)((const char *)obj + s->aux);

		return mask & s->bit ? json_real(*CAT(obj, s, double))
		                     : json_null();
	}
	case FT_CLASSES: {
		const struct capacity *c = CAT(obj, s, struct capacity);
		json_t *arr = json_array();

		for (size_t i = 0; i < c->nclasses; i++)
			json_array_append_new(
			    arr,
			    json_pack(
			        "{s:s, s:I, s:I}", "type",
			        class_type_names.names[c->classes[i].type],
			        "capacity", (json_int_t)c->classes[i].capacity,
			        "enrolled",
			        (json_int_t)c->classes[i].enrolled));
		return arr;
	}
	}
	return json_null();
}

char *field_to_text(struct arena *a, const struct field_spec *s,
                    const void *obj)
{
	switch (s->type) {
	case FT_TEXT:
	case FT_TEXT_OPT: {
		const char *v = *CAT(obj, s, char *);

		return arena_strdup(a, v ? v : "");
	}
	case FT_COUNT:
		return arena_printf(a, "%lld", *CAT(obj, s, long long));
	case FT_INT:
		return arena_printf(a, "%d", *CAT(obj, s, int));
	case FT_BOOL:
		return arena_strdup(a, *CAT(obj, s, int) ? "1" : "0");
	case FT_DATE:
	case FT_CODE:
		return arena_strdup(a, CAT(obj, s, char));
	case FT_ENUM: {
		int v = *CAT(obj, s, int);

		return arena_strdup(
		    a, v >= 0 && v < s->names->count ? s->names->names[v] : "");
	}
	case FT_COORD: {
		int mask = *(const int *)((const char *)obj + s->aux);

		return mask & s->bit
		           ? arena_printf(a, "%.7f", *CAT(obj, s, double))
		           : arena_strdup(a, "");
	}
	case FT_CLASSES:
		return classes_format(a, CAT(obj, s, struct capacity));
	}
	return arena_strdup(a, "");
}

#define F(n, t, member, fl)                                                    \
	{                                                                      \
		.name = n, .type = t,                                          \
		.off = offsetof(struct facility, member), .flags = fl          \
	}
#define E(n, member, tbl, fl)                                                  \
	{                                                                      \
		.name = n, .type = FT_ENUM,                                    \
		.off = offsetof(struct facility, member), .flags = fl,         \
		.names = &tbl                                                  \
	}
#define C(n, member, b)                                                        \
	{                                                                      \
		.name = n, .type = FT_COORD,                                   \
		.off = offsetof(struct facility, member),                      \
		.flags = FF_NULLABLE,                                          \
		.aux = offsetof(struct facility, has_coords), .bit = b         \
	}

static const struct field_spec facility_specs[] = {
	F("name", FT_TEXT, name, FF_REQUIRED | FF_NAME),
	E("kind", kind, facility_kind_names, FF_REQUIRED),
	F("region", FT_CODE, region, FF_REQUIRED),
	F("credit_code", FT_TEXT_OPT, credit_code, FF_NULLABLE),
	F("address", FT_TEXT, address, 0),
	C("lat", lat, 1),
	C("lon", lon, 2),
	E("ownership", ownership, ownership_names, FF_NULLABLE),
	E("operation", operation, operation_names, FF_NULLABLE),
	E("profit", profit, profit_names, FF_NULLABLE),
	F("medical_integration", FT_BOOL, medical_integration, 0),
	F("internal_clinic", FT_BOOL, internal_clinic, 0),
	E("filing_status", filing_status, filing_status_names, 0),
	F("filing_date", FT_DATE, filing_date, FF_NULLABLE),
	F("credit_commitment", FT_TEXT, credit_commitment, 0),
	F("opened_on", FT_DATE, opened_on, FF_NULLABLE),
	F("closed_on", FT_DATE, closed_on, FF_NULLABLE),
	F("closed_reason", FT_TEXT, closed_reason, 0),
	F("caregivers", FT_COUNT, caregivers, 0),
	F("social_workers", FT_COUNT, social_workers, 0),
	F("capacity_date", FT_DATE, cap.date, FF_CAPACITY),
	F("beds", FT_COUNT, cap.beds, FF_CAPACITY),
	F("nursing_beds", FT_COUNT, cap.nursing_beds, FF_CAPACITY),
	F("occupied_beds", FT_COUNT, cap.occupied_beds, FF_CAPACITY),
	F("slots", FT_COUNT, cap.slots, FF_CAPACITY),
	F("affordable_slots", FT_COUNT, cap.affordable_slots, FF_CAPACITY),
	F("enrolled", FT_COUNT, cap.enrolled, FF_CAPACITY),
	F("residents_selfcare", FT_COUNT, cap.residents_selfcare, FF_CAPACITY),
	F("residents_partly", FT_COUNT, cap.residents_partly, FF_CAPACITY),
	F("residents_disabled", FT_COUNT, cap.residents_disabled, FF_CAPACITY),
	F("affordable_beds", FT_COUNT, cap.affordable_beds, FF_CAPACITY),
	F("classes", FT_CLASSES, cap, FF_CAPACITY),
};

const struct field_table facility_fields = {
	facility_specs, sizeof(facility_specs) / sizeof(facility_specs[0])
};
