#include "core/subsidy_once.h"

#include <string.h>

int64_t subsidy_once_units_due(int64_t count, int64_t paid_elsewhere)
{
	if (paid_elsewhere < 0)
		paid_elsewhere = 0;
	return count > paid_elsewhere ? count - paid_elsewhere : 0;
}

static int64_t find(const struct subsidy_unit_count *v, size_t n,
                    const char *unit)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].unit, unit))
			return v[i].count;
	return 0;
}

void subsidy_once_subject(struct arena *a, const struct subsidy_subject *subj,
                          const struct subsidy_unit_count *paid, size_t n_paid,
                          struct subsidy_subject *out)
{
	struct subsidy_unit_count *u =
	    arena_alloc(a, (subj->n_units + 1) * sizeof(*u));

	*out = *subj;
	for (size_t i = 0; i < subj->n_units; i++) {
		u[i].unit = subj->units[i].unit;
		u[i].count = subsidy_once_units_due(
		    subj->units[i].count,
		    find(paid, n_paid, subj->units[i].unit));
	}
	out->units = u;
}

const char *subsidy_once_note(struct arena *a, const struct subsidy_version *v,
                              const struct subsidy_subject *due,
                              const struct subsidy_unit_count *paid,
                              size_t n_paid)
{
	struct abuf b;
	int any = 0;

	abuf_init(&b, a);
	for (size_t i = 0; i < v->amount.n_units; i++) {
		const struct subsidy_unit_rate *r = &v->amount.units[i];
		const char *m = r->measure_zh && *r->measure_zh
		                    ? r->measure_zh
		                    : "";
		int64_t before = find(paid, n_paid, r->unit);
		int64_t now = find(due->units, due->n_units, r->unit);
		char y[32];

		if (before <= 0)
			continue;
		abuf_printf(&b, "%s新增%s%lld%s", any ? "；" : "", r->label_zh,
		            (long long)now, m);
		if (now && !(r->amount.param && *r->amount.param))
			abuf_printf(&b, "，每%s%s元", *m ? m : "个",
			            subsidy_yuan(r->amount.fen, y));
		abuf_printf(&b, "；此前已补助%lld%s", (long long)before, m);
		any = 1;
	}
	return any ? b.data : NULL;
}
