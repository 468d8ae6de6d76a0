/*
 * Input validated at the edge, field by field: a table of a record's fields
 * (name, type, where it lives in the struct, flags) drives reading from JSON
 * and from CSV text, and writing back to both. Unknown fields are refused by
 * the callers, which look names up here.
 */
#ifndef LX_APP_FIELDS_H
#define LX_APP_FIELDS_H

#include "core/arena.h"
#include "core/error.h"
#include "core/facility.h"

#include <jansson.h>
#include <stddef.h>

enum field_type {
	FT_TEXT,     /* char *, "" allowed; at most LX_TEXT_CHARS_MAX */
	FT_TEXT_OPT, /* char *, NULL when absent */
	FT_COUNT,    /* long long, 0..LX_COUNT_MAX (then the record's rules) */
	FT_INT,      /* int, e.g. a year */
	FT_BOOL,     /* int 0/1 */
	FT_DATE,     /* char[11], "" when absent */
	FT_ENUM,     /* int index into names, -1 when absent */
	FT_CODE,     /* char[13] region code */
	FT_COORD,    /* double, with a presence bit at aux */
	FT_CLASSES,  /* struct capacity at off: classes */
};

enum {
	FF_REQUIRED = 1, /* must be present on create */
	FF_CAPACITY = 2, /* part of the dated capacity entry */
	FF_NULLABLE = 4, /* JSON null accepted (clears) */
	FF_NAME = 8,     /* text: a name, LX_NAME_CHARS_MAX (core/bounds.h) */
	FF_POPULATION = 16, /* count: people, LX_POPULATION_MAX */
};

struct field_spec {
	const char *name;
	enum field_type type;
	size_t off;
	unsigned flags;
	const struct enum_names *names; /* FT_ENUM */
	size_t aux;                     /* FT_COORD: offset of the int mask */
	int bit;                        /* FT_COORD: the mask bit */
};

struct field_table {
	const struct field_spec *specs;
	size_t count;
};

const struct field_spec *field_find(const struct field_table *t,
                                    const char *name);

/* Sets the field in obj from a JSON value; LX_EINVALID naming the field
 * when the type is wrong ("must be a whole number", "must be one of ..."). */
int field_from_json(struct arena *a, const struct field_spec *s, void *obj,
                    json_t *v, struct lx_error *err);

/* Sets the field from CSV text; "" means absent (NULL, 0, -1 or ""). */
int field_from_text(struct arena *a, const struct field_spec *s, void *obj,
                    const char *text, struct lx_error *err);

/* The field's value as JSON (new reference) and as CSV text (arena). */
json_t *field_to_json(const struct field_spec *s, const void *obj);
char *field_to_text(struct arena *a, const struct field_spec *s,
                    const void *obj);

/* The facility record's table: every field of docs/api.md but id. */
extern const struct field_table facility_fields;

#endif
