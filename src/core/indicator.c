#include "core/indicator.h"

#include "core/facility.h"

#include <math.h>
#include <string.h>

static const char *const measures[M__MAX] = {
	"facilities",    "beds",       "nursing_beds",
	"occupied_beds", "slots",      "affordable_slots",
	"enrolled",      "caregivers",
};

/* filing status names, with "filed" the useful one; medical is a flag */
static int facet_value(const char *s, size_t n, int *facet, int *value)
{
	const struct enum_names *tables[] = {
		&facility_kind_names, &ownership_names,     &operation_names,
		&profit_names,        &filing_status_names,
	};
	char word[40];

	if (n >= sizeof(word))
		return -1;
	memcpy(word, s, n);
	word[n] = '\0';
	if (!strcmp(word, "medical")) {
		*facet = FACET_MEDICAL;
		*value = 1;
		return 0;
	}
	for (int f = 0; f < FACET_MEDICAL; f++)
		for (int i = 0; i < tables[f]->count; i++)
			if (!strcmp(tables[f]->names[i], word)) {
				*facet = f;
				*value = i;
				return 0;
			}
	return -1;
}

int element_ref_parse(const char *name, struct element_ref *out)
{
	size_t n = strcspn(name, ".");
	const char *p = name + n;

	out->measure = -1;
	for (int m = 0; m < M__MAX; m++)
		if (strlen(measures[m]) == n && !strncmp(measures[m], name, n))
			out->measure = m;
	if (out->measure < 0)
		return 0;
	for (int f = 0; f < FACET__MAX; f++)
		out->facet[f] = -1;
	while (*p == '.') {
		int facet, value;

		p++;
		n = strcspn(p, ".");
		if (!n || facet_value(p, n, &facet, &value) ||
		    out->facet[facet] >= 0)
			return -1;
		out->facet[facet] = value;
		p += n;
	}
	return 1;
}

long long element_sum(const struct element_ref *r,
                      const struct registry_cell *cells, size_t n)
{
	long long sum = 0;

	for (size_t i = 0; i < n; i++) {
		int match = 1;

		for (int f = 0; f < FACET__MAX && match; f++)
			if (r->facet[f] >= 0 &&
			    cells[i].facet[f] != r->facet[f])
				match = 0;
		if (match)
			sum += cells[i].v[r->measure];
	}
	return sum;
}

static const char *const op_names[TOP__MAX] = { ">=", ">", "<=",
	                                        "<",  "=", "text" };

const char *target_op_name(enum target_op op)
{
	return (unsigned)op < TOP__MAX ? op_names[op] : "?";
}

int target_op_parse(const char *s)
{
	for (int i = 0; s && i < TOP__MAX; i++)
		if (!strcmp(op_names[i], s))
			return i;
	return -1;
}

const char *status_name(enum indicator_status s)
{
	static const char *const names[ST__MAX] = { "met", "on_track", "behind",
		                                    "no_data" };

	return (unsigned)s < ST__MAX ? names[s] : "no_data";
}

const char *status_label_zh(enum indicator_status s)
{
	static const char *const labels[ST__MAX] = { "已达标", "进度正常",
		                                     "滞后", "无数据" };

	return (unsigned)s < ST__MAX ? labels[s] : "无数据";
}

/* Targets are stated to a few decimals; values computed as ratios carry
 * floating-point noise, which must not turn "55" into "54.9999999". */
#define EPS 1e-9

static int satisfies(enum target_op op, double v, double t)
{
	switch (op) {
	case TOP_GE:
		return v >= t - EPS;
	case TOP_GT:
		return v > t + EPS;
	case TOP_LE:
		return v <= t + EPS;
	case TOP_LT:
		return v < t - EPS;
	case TOP_EQ:
		return fabs(v - t) <= EPS;
	default:
		return 0;
	}
}

enum indicator_status indicator_status(const struct target_line *t,
                                       int has_value, double value,
                                       double at_year)
{
	double span, expected;

	if (!has_value || !isfinite(value))
		return ST_NO_DATA;
	if (satisfies(t->op, value, t->target))
		return ST_MET;
	if (at_year >= t->target_year - EPS || !t->has_base)
		return ST_BEHIND;
	span = t->target_year - t->base_year;
	if (span <= 0)
		return ST_BEHIND;
	expected = t->base + (t->target - t->base) *
	                         (fmax(at_year, t->base_year) - t->base_year) /
	                         span;
	switch (t->op) {
	case TOP_GE:
	case TOP_GT:
		return value >= expected - EPS ? ST_ON_TRACK : ST_BEHIND;
	case TOP_LE:
	case TOP_LT:
		return value <= expected + EPS ? ST_ON_TRACK : ST_BEHIND;
	case TOP_EQ:
		/* as close to the target as the line is by now */
		return fabs(t->target - value) <=
		               fabs(t->target - expected) + EPS
		           ? ST_ON_TRACK
		           : ST_BEHIND;
	default:
		return ST_BEHIND;
	}
}

enum indicator_status text_target_status(const char *target_text,
                                         const char *reported, double at_year,
                                         double target_year)
{
	if (!reported || !*reported)
		return ST_NO_DATA;
	if ((target_text && !strcmp(reported, target_text)) ||
	    !strcmp(reported, "done") || !strcmp(reported, "是") ||
	    !strcmp(reported, "已完成"))
		return ST_MET;
	return at_year >= target_year - EPS ? ST_BEHIND : ST_ON_TRACK;
}
