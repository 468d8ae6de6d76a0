#include "core/subsidy_once.h"

#include <string.h>

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

int64_t subsidy_once_units_due(int64_t count, const struct subsidy_once_paid *p)
{
	int64_t earlier = max64(p->earlier, 0), later = max64(p->later, 0);
	int64_t here = max64(p->here, 0);

	return max64(
	    0, min64(count - earlier, max64(count - earlier - later, here)));
}

static const struct subsidy_once_paid *find(const struct subsidy_once_paid *v,
                                            size_t n, const char *unit)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].unit, unit))
			return &v[i];
	return NULL;
}

static int64_t count_of(const struct subsidy_unit_count *v, size_t n,
                        const char *unit)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].unit, unit))
			return v[i].count;
	return 0;
}

void subsidy_once_subject(struct arena *a, const struct subsidy_subject *subj,
                          const struct subsidy_once_paid *paid, size_t n_paid,
                          struct subsidy_subject *out)
{
	static const struct subsidy_once_paid none = { "", 0, 0, 0 };
	struct subsidy_unit_count *u =
	    arena_alloc(a, (subj->n_units + 1) * sizeof(*u));

	*out = *subj;
	for (size_t i = 0; i < subj->n_units; i++) {
		const struct subsidy_once_paid *p =
		    find(paid, n_paid, subj->units[i].unit);

		u[i].unit = subj->units[i].unit;
		u[i].count =
		    subsidy_once_units_due(subj->units[i].count, p ? p : &none);
	}
	out->units = u;
}

const char *subsidy_once_note(struct arena *a, const struct subsidy_version *v,
                              const struct subsidy_subject *due,
                              const struct subsidy_once_paid *paid,
                              size_t n_paid)
{
	struct abuf b;
	int any = 0;

	abuf_init(&b, a);
	for (size_t i = 0; i < v->amount.n_units; i++) {
		const struct subsidy_unit_rate *r = &v->amount.units[i];
		const char *m =
		    r->measure_zh && *r->measure_zh ? r->measure_zh : "";
		const struct subsidy_once_paid *p = find(paid, n_paid, r->unit);
		int64_t before = p ? p->earlier : 0;
		int64_t now = count_of(due->units, due->n_units, r->unit);
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
