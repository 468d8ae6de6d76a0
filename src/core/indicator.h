/*
 * Indicator arithmetic that needs no database: data element references
 * computed from registry totals, and an indicator's status against its
 * target (docs/policy.md).
 */
#ifndef LX_CORE_INDICATOR_H
#define LX_CORE_INDICATOR_H

#include "core/exact.h"

#include <stddef.h>

enum measure {
	M_FACILITIES,
	M_BEDS,
	M_NURSING_BEDS,
	M_OCCUPIED_BEDS,
	M_SLOTS,
	M_AFFORDABLE_SLOTS,
	M_ENROLLED,
	M_CAREGIVERS,
	M_AFFORDABLE_BEDS, /* 普惠 beds */
	M_VACANT_BEDS,     /* beds − occupied, never negative per facility */
	M__MAX
};

/* The facility attributes a registry element can be narrowed by. */
enum facet {
	FACET_KIND,
	FACET_OWNERSHIP,
	FACET_OPERATION,
	FACET_PROFIT,
	FACET_FILING,
	FACET_MEDICAL,
	FACET__MAX
};

/* "beds.private.filed": a measure and, per facet, a value or -1 (any). */
struct element_ref {
	int measure;
	int facet[FACET__MAX];
};

/* Parses a registry element name. Returns 1 when it is one, 0 when the
 * first part is not a measure (a population or reported name), -1 when the
 * measure is known but a filter is not (or a facet is given twice). */
int element_ref_parse(const char *name, struct element_ref *out);

/* The name of registry measure m ("beds"), or NULL out of range. */
const char *measure_name(int m);

/* Registry totals for one combination of facet values (-1 where the
 * facility has none, e.g. no ownership recorded). */
struct registry_cell {
	int facet[FACET__MAX];
	long long v[M__MAX];
};

/* Sum of the measure over the cells matching every filter. */
long long element_sum(const struct element_ref *r,
                      const struct registry_cell *cells, size_t n);

enum target_op { TOP_GE, TOP_GT, TOP_LE, TOP_LT, TOP_EQ, TOP_TEXT, TOP__MAX };

/* met: the value satisfies the target. on_track / behind: before the
 * target is due, at or short of the straight line from base to target.
 * missed (未达标): the target year has ended and the value does not meet
 * it. no_data: no value. no_target: the region has no target of its own
 * for the indicator (a city total viewed at a county, docs/policy.md
 * "Whose target"): the value is descriptive. */
enum indicator_status {
	ST_MET,
	ST_ON_TRACK,
	ST_BEHIND,
	ST_NO_DATA,
	ST_MISSED,
	ST_NO_TARGET,
	ST__MAX
};

const char *target_op_name(enum target_op op);    /* ">=" ... "text" */
int target_op_parse(const char *s);               /* -1 if unknown */
const char *status_name(enum indicator_status s); /* "met" ... */
const char *status_label_zh(enum indicator_status s);

/* How a comparator is printed for people: "≥", ">", "≤", "<", and "" for
 * an exact target (the figure alone) and a text one. */
const char *target_op_symbol(enum target_op op);

/* Exact figures (core/exact.h); years are year-ends, so a point in time
 * is a year number that may have a fraction (2025-03 is 2024 + 3/12). */
struct target_line {
	enum target_op op;
	int has_base;
	struct exact base, target;
	int base_year, target_year;
};

/*
 * Status of a value at a point in time (see period_year_exact in
 * app/indicator_eval.c): met when the value satisfies the target; once the
 * target year has ended, a value short of it is missed; before that, on
 * track when the value is at least where the straight line from base to
 * target says it should be by now (at most, for <= and < targets; as near
 * the target as the line, for =), else behind. Without a base there is no
 * line, and a value short of the target is behind until the target year.
 * Every comparison is exact.
 */
enum indicator_status indicator_status(const struct target_line *t,
                                       int has_value, struct exact value,
                                       struct exact at_year);

/* Where the straight line from base to target stands at at_year (the
 * base before the base year, the target from the target year on): 1 and
 * *out, or 0 when there is no line (no base) or it cannot be computed. */
int indicator_expected(const struct target_line *t, struct exact at_year,
                       struct exact *out);

/*
 * Status of a text target ("建立") from a reported text: met when the text
 * says done (equal to the target text, or "done", "是", "已完成"); not done
 * is missed from the end of the target year on, on track before it; no
 * report is no data.
 */
enum indicator_status text_target_status(const char *target_text,
                                         const char *reported,
                                         struct exact at_year, int target_year);

#endif
