#include "core/inspect_staff.h"

#include "core/date.h"

#include <stdlib.h>
#include <string.h>

const char *const staff_sector_names[STAFF__MAX] = { "any", "elderly",
	                                             "childcare" };

int staff_sector_parse(const char *s)
{
	for (int i = 0; s && i < STAFF__MAX; i++)
		if (!strcmp(s, staff_sector_names[i]))
			return i;
	return -1;
}

static int open_end(const char *to)
{
	return !to || !*to;
}

int staff_active_on(const char *from, const char *to, const char *day)
{
	return strcmp(from, day) <= 0 && (open_end(to) || strcmp(day, to) <= 0);
}

int staff_contracts_overlap(const char *af, const char *at, const char *bf,
                            const char *bt)
{
	/* each starts no later than the other ends */
	return (open_end(bt) || strcmp(af, bt) <= 0) &&
	       (open_end(at) || strcmp(bf, at) <= 0);
}

static int by_hash(const void *x, const void *y)
{
	const struct staff_contract *a =
	    *(const struct staff_contract *const *)x;
	const struct staff_contract *b =
	    *(const struct staff_contract *const *)y;
	int c = memcmp(a->hash, b->hash, STAFF_HASH_BYTES);

	if (c)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

long staff_flag_duplicates(const struct staff_contract *c, size_t n, int *flag)
{
	const struct staff_contract **p;
	long count = 0;

	memset(flag, 0, n * sizeof(*flag));
	if (!n)
		return 0;
	p = malloc(n * sizeof(*p));
	if (!p)
		return -1;
	for (size_t i = 0; i < n; i++)
		p[i] = &c[i];
	/* one person's contracts side by side; each pair within a group */
	qsort(p, n, sizeof(*p), by_hash);
	for (size_t g = 0; g < n;) {
		size_t e = g + 1;

		while (e < n &&
		       !memcmp(p[e]->hash, p[g]->hash, STAFF_HASH_BYTES))
			e++;
		for (size_t i = g; i < e; i++)
			for (size_t j = i + 1; j < e; j++)
				if (p[i]->facility_id != p[j]->facility_id &&
				    staff_contracts_overlap(
				        p[i]->from, p[i]->to, p[j]->from,
				        p[j]->to)) {
					flag[p[i] - c] = 1;
					flag[p[j] - c] = 1;
				}
		g = e;
	}
	free(p);
	for (size_t i = 0; i < n; i++)
		count += flag[i];
	return count;
}

int staff_window_start(const char *day, int months, char out[11])
{
	struct lx_date d;
	int m;

	if (date_parse(day, &d) || months < 0)
		return -1;
	m = d.y * 12 + (d.m - 1) - months;
	d.y = m / 12;
	d.m = m % 12 + 1;
	if (d.d > date_days_in_month(d.y, d.m))
		d.d = date_days_in_month(d.y, d.m);
	date_format(d, out);
	return 0;
}

int staff_in_window(const char *date, const char *start, const char *day)
{
	return strcmp(date, start) > 0 && strcmp(date, day) <= 0;
}
