/*
 * Indicator arithmetic that needs no database: data element references
 * computed from registry totals, and an indicator's status against its
 * target (docs/policy.md).
 */
#ifndef LX_CORE_INDICATOR_H
#define LX_CORE_INDICATOR_H

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
enum indicator_status { ST_MET, ST_ON_TRACK, ST_BEHIND, ST_NO_DATA, ST__MAX };

const char *target_op_name(enum target_op op);    /* ">=" ... "text" */
int target_op_parse(const char *s);               /* -1 if unknown */
const char *status_name(enum indicator_status s); /* "met" ... */
const char *status_label_zh(enum indicator_status s);

struct target_line {
	enum target_op op;
	int has_base;
	double base, base_year;
	double target, target_year;
};

/*
 * Status of a value at a point in time (a year number, see
 * period_year_value): met when the value satisfies the target; otherwise
 * behind once the target year is reached; before it, on track when the
 * value is at least where the straight line from base to target says it
 * should be by now (at most, for <= and < targets), else behind. Without a
 * base there is no line, and a value short of the target is behind.
 */
enum indicator_status indicator_status(const struct target_line *t,
                                       int has_value, double value,
                                       double at_year);

/*
 * Status of a text target ("建立") from a reported text: met when the text
 * says done (equal to the target text, or "done", "是", "已完成"); not done
 * is behind from the target year on, on track before it; no report is no
 * data.
 */
enum indicator_status text_target_status(const char *target_text,
                                         const char *reported, double at_year,
                                         double target_year);

#endif
