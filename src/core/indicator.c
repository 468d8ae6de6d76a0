#include "core/indicator.h"

#include "core/facility.h"

#include <string.h>

static const char *const measures[M__MAX] = {
	"facilities",    "beds",       "nursing_beds",
	"occupied_beds", "slots",      "affordable_slots",
	"enrolled",      "caregivers", "affordable_beds",
	"vacant_beds",
};

const char *measure_name(int m)
{
	return m >= 0 && m < M__MAX ? measures[m] : NULL;
}

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

const char *target_op_symbol(enum target_op op)
{
	static const char *const symbols[TOP__MAX] = { "≥", ">", "≤",
		                                       "<", "",  "" };

	return (unsigned)op < TOP__MAX ? symbols[op] : "";
}

const char *status_name(enum indicator_status s)
{
	static const char *const names[ST__MAX] = {
		"met", "on_track", "behind", "no_data", "missed", "no_target",
	};

	return (unsigned)s < ST__MAX ? names[s] : "no_data";
}

const char *status_label_zh(enum indicator_status s)
{
	static const char *const labels[ST__MAX] = {
		"已达标", "进度正常", "滞后", "无数据", "未达标", "无本级目标",
	};

	return (unsigned)s < ST__MAX ? labels[s] : "无数据";
}

static int satisfies(enum target_op op, struct exact v, struct exact t)
{
	int c = exact_cmp(v, t);

	switch (op) {
	case TOP_GE:
		return c >= 0;
	case TOP_GT:
		return c > 0;
	case TOP_LE:
		return c <= 0;
	case TOP_LT:
		return c < 0;
	case TOP_EQ:
		return c == 0;
	default:
		return 0;
	}
}

/* Whether the target year has ended at at_year. */
static int due(struct exact at_year, int target_year)
{
	return exact_cmp(at_year, exact_int(target_year)) >= 0;
}

int indicator_expected(const struct target_line *t, struct exact at_year,
                       struct exact *out)
{
	struct exact from = exact_int(t->base_year), span, step, gap;

	if (!t->has_base || t->target_year <= t->base_year)
		return 0;
	if (exact_cmp(at_year, from) < 0)
		at_year = from;
	if (due(at_year, t->target_year)) {
		*out = t->target;
		return 1;
	}
	/* base + (target - base) * (at - base_year) / (target_year -
	 * base_year) */
	span = exact_int(t->target_year - t->base_year);
	if (exact_sub(at_year, from, &step) || exact_div(step, span, &step) ||
	    exact_sub(t->target, t->base, &gap) || exact_mul(gap, step, &gap) ||
	    exact_add(t->base, gap, out))
		return 0;
	return 1;
}

/* |a - b|, or -1 when it does not fit. */
static int distance(struct exact a, struct exact b, struct exact *out)
{
	if (exact_sub(a, b, out))
		return -1;
	if (out->num < 0)
		out->num = -out->num;
	return 0;
}

enum indicator_status indicator_status(const struct target_line *t,
                                       int has_value, struct exact value,
                                       struct exact at_year)
{
	struct exact expected, d_value, d_line;

	if (!has_value)
		return ST_NO_DATA;
	if (satisfies(t->op, value, t->target))
		return ST_MET;
	if (due(at_year, t->target_year))
		return ST_MISSED;
	if (!indicator_expected(t, at_year, &expected))
		return ST_BEHIND;
	switch (t->op) {
	case TOP_GE:
	case TOP_GT:
		return exact_cmp(value, expected) >= 0 ? ST_ON_TRACK
		                                       : ST_BEHIND;
	case TOP_LE:
	case TOP_LT:
		return exact_cmp(value, expected) <= 0 ? ST_ON_TRACK
		                                       : ST_BEHIND;
	case TOP_EQ:
		/* as close to the target as the line is by now */
		if (distance(t->target, value, &d_value) ||
		    distance(t->target, expected, &d_line))
			return ST_BEHIND;
		return exact_cmp(d_value, d_line) <= 0 ? ST_ON_TRACK
		                                       : ST_BEHIND;
	default:
		return ST_BEHIND;
	}
}

enum indicator_status text_target_status(const char *target_text,
                                         const char *reported,
                                         struct exact at_year, int target_year)
{
	if (!reported || !*reported)
		return ST_NO_DATA;
	if ((target_text && !strcmp(reported, target_text)) ||
	    !strcmp(reported, "done") || !strcmp(reported, "是") ||
	    !strcmp(reported, "已完成"))
		return ST_MET;
	return due(at_year, target_year) ? ST_MISSED : ST_ON_TRACK;
}
