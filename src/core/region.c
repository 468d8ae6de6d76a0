#include "core/region.h"

#include "core/date.h"
#include "core/region_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[REGION_KIND__MAX] = { "admin", "zone" };

const char *region_kind_name(enum region_kind k)
{
	return (unsigned)k < REGION_KIND__MAX ? kind_names[k] : "unknown";
}

int region_kind_parse(const char *s)
{
	for (int i = 0; s && i < REGION_KIND__MAX; i++)
		if (!strcmp(kind_names[i], s))
			return i;
	return -1;
}

/* "; its parent by code is the city 518800000000 (or a region above
 * it)": the region one level up, its digits below that level zeroed, so
 * that an import names the parent it expected. */
static const char *parent_hint(const struct region *r, char out[120])
{
	static const int digits[REGION_LEVEL__MAX] = { 2, 4, 6, 9, 12 };
	enum region_level lv = region_code_level(r->code);
	char code[13];

	if (lv == REGION_PROVINCE || lv == REGION_LEVEL__MAX)
		return "";
	memcpy(code, r->code, 13);
	memset(code + digits[lv - 1], '0', (size_t)(12 - digits[lv - 1]));
	snprintf(out, 120,
	         "; its parent by code is the %s %s (or a "
	         "region above it)",
	         region_level_name(lv - 1), code);
	return out;
}

int region_validate(const struct region *r, struct lx_error *err)
{
	struct lx_date d;
	char hint[120];

	if (!region_code_valid(r->code))
		return lx_fail(err, LX_EINVALID, "code",
		               "'code' must be a 12-digit division code, not "
		               "'%s'",
		               r->code);
	if (!r->name || !*r->name)
		return lx_fail(err, LX_EINVALID, "name", "'name' is required");
	if (r->level < 0 || r->level >= REGION_LEVEL__MAX)
		return lx_fail(err, LX_EINVALID, "level",
		               "'level' must be province, city, county, "
		               "township or village");
	if ((int)region_code_level(r->code) != r->level)
		return lx_fail(err, LX_EINVALID, "level",
		               "code '%s' is a %s code, not a %s", r->code,
		               region_level_name(region_code_level(r->code)),
		               region_level_name(r->level));
	if (r->kind < 0 || r->kind >= REGION_KIND__MAX)
		return lx_fail(err, LX_EINVALID, "kind",
		               "'kind' must be admin or zone");
	if (r->parent[0] &&
	    (!region_code_valid(r->parent) || !strcmp(r->parent, r->code) ||
	     !region_code_is_within(r->code, r->parent)))
		return lx_fail(err, LX_EINVALID, "parent",
		               "'parent' %s is not an ancestor of %s by code%s",
		               r->parent, r->code, parent_hint(r, hint));
	if (r->closed_on[0] &&
	    date_parse_field(r->closed_on, &d, err, "closed_on"))
		return -1;
	return 0;
}

/* Children before parents: process nodes by depth, deepest first, so each
 * node's value is final before its parent reads it. */
int rollup_tree(size_t n, const long *parent, const int *has_direct,
                const long long *direct, long long *value, int *origin,
                long *children_counted)
{
	long *depth = calloc(n ? n : 1, sizeof(*depth));
	size_t *order = calloc(n ? n : 1, sizeof(*order));
	long maxdepth = 0;
	size_t k = 0;
	int ret = -1;

	if (!depth || !order)
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		long d = 0;

		for (long p = parent[i]; p >= 0; p = parent[p]) {
			if ((size_t)p >= n || ++d > (long)n)
				goto cleanup;
		}
		depth[i] = d;
		if (d > maxdepth)
			maxdepth = d;
		value[i] = has_direct[i] ? direct[i] : 0;
		origin[i] = has_direct[i] ? ROLLUP_DIRECT : ROLLUP_NONE;
		children_counted[i] = 0;
	}
	for (long d = maxdepth; d >= 0; d--)
		for (size_t i = 0; i < n; i++)
			if (depth[i] == d)
				order[k++] = i;
	for (size_t j = 0; j < n; j++) {
		size_t i = order[j];
		long p = parent[i];

		if (p < 0 || origin[i] == ROLLUP_NONE || has_direct[p])
			continue;
		value[p] += value[i];
		origin[p] = ROLLUP_SUM;
		children_counted[p]++;
	}
	ret = 0;
cleanup:
	free(depth);
	free(order);
	return ret;
}
