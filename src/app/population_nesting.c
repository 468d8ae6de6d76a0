#include "app/population_nesting.h"

#include "core/population.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a part and the whole it cannot exceed, in one region and year */
static const int groups[][2] = {
	{ POP_AGED_60, POP_RESIDENTS },
	{ POP_AGED_65, POP_AGED_60 },
	{ POP_AGED_80, POP_AGED_65 },
	{ POP_CHILDREN_0_3, POP_RESIDENTS },
	{ POP_AGED_0_14, POP_RESIDENTS },
	{ POP_URBAN_RESIDENTS, POP_RESIDENTS },
};

/* figures ordered by region, year and metric, for bsearch */
static int cmp_fig(const void *a, const void *b)
{
	const struct pop_figure *x = *(const struct pop_figure *const *)a,
	                        *y = *(const struct pop_figure *const *)b;
	int c = strcmp(x->region, y->region);

	if (c)
		return c;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return (x->metric > y->metric) - (x->metric < y->metric);
}

/* the index in sorted of the figure, or -1 */
static long find_at(const struct pop_figure **sorted, size_t nf,
                    const char *region, int year, int metric)
{
	struct pop_figure key = { .year = year, .metric = metric };
	const struct pop_figure *kp = &key, **hit;

	snprintf(key.region, sizeof(key.region), "%s", region);
	hit = bsearch(&kp, sorted, nf, sizeof(*sorted), cmp_fig);
	return hit ? (long)(hit - sorted) : -1;
}

static const struct pop_figure *find(const struct pop_figure **sorted,
                                     size_t nf, const char *region, int year,
                                     int metric)
{
	long at = find_at(sorted, nf, region, year, metric);

	return at < 0 ? NULL : sorted[at];
}

static int cmp_node(const void *a, const void *b)
{
	return strcmp(((const struct region *)a)->code,
	              ((const struct region *)b)->code);
}

/* nodes are ordered by code, as the region store returns a subtree */
static const struct region *node(const struct region *nodes, size_t nn,
                                 const char *code)
{
	struct region key;

	snprintf(key.code, sizeof(key.code), "%s", code);
	return bsearch(&key, nodes, nn, sizeof(*nodes), cmp_node);
}

static const char *name_of(const struct region *nodes, size_t nn,
                           const char *code)
{
	const struct region *r = node(nodes, nn, code);

	return r && r->name ? r->name : code;
}

static void add(json_t *flags, const char *kind, const struct pop_figure *f,
                const char *name, const char *against, long long against_value,
                const char *message)
{
	json_array_append_new(
	    flags,
	    json_pack("{s:s, s:s, s:s, s:i, s:s, s:I, s:s, s:I, s:s}", "kind",
	              kind, "region", f->region, "region_name", name, "year",
	              f->year, "metric", pop_metric_name(f->metric), "value",
	              (json_int_t)f->value, "against", against, "against_value",
	              (json_int_t)against_value, "message_zh", message));
}

void population_nesting_flags(const struct region *nodes, size_t nn,
                              const struct pop_figure *figs, size_t nf,
                              json_t *flags)
{
	const struct pop_figure **sorted = malloc((nf + 1) * sizeof(*sorted));
	long long *sum = calloc(nf + 1, sizeof(*sum));
	char *any = calloc(nf + 1, 1);
	char msg[512];

	if (!sorted || !sum || !any)
		goto done;
	for (size_t i = 0; i < nf; i++)
		sorted[i] = &figs[i];
	qsort(sorted, nf, sizeof(*sorted), cmp_fig);
	/* each figure added to that of its nearest ancestor with one, same
	 * year and metric (sum and any are indexed like sorted) */
	for (size_t i = 0; i < nf; i++) {
		const struct region *r = node(nodes, nn, sorted[i]->region);
		long p = -1;

		/* up to the nearest ancestor with a figure of its own: the
		 * regions between have none, so their parts are its parts */
		while (r && r->parent[0] && p < 0) {
			p = find_at(sorted, nf, r->parent, sorted[i]->year,
			            sorted[i]->metric);
			r = node(nodes, nn, r->parent);
		}
		if (p < 0)
			continue;
		sum[p] += sorted[i]->value;
		any[p] = 1;
	}
	for (size_t i = 0; i < nf; i++) {
		const struct pop_figure *f = sorted[i];

		if (any[i] && sum[i] > f->value) {
			snprintf(
			    msg, sizeof(msg),
			    "%s %d年%s：下级合计 %lld 人，超过本级 %lld 人",
			    name_of(nodes, nn, f->region), f->year,
			    pop_metric_label_zh(f->metric), sum[i], f->value);
			add(flags, "children_exceed", f,
			    name_of(nodes, nn, f->region), "children", sum[i],
			    msg);
		}
		for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]);
		     g++) {
			const struct pop_figure *whole;

			if (groups[g][0] != f->metric)
				continue;
			whole =
			    find(sorted, nf, f->region, f->year, groups[g][1]);
			if (!whole || f->value <= whole->value)
				continue;
			snprintf(msg, sizeof(msg),
			         "%s %d年%s %lld 人，超过%s %lld 人",
			         name_of(nodes, nn, f->region), f->year,
			         pop_metric_label_zh(f->metric), f->value,
			         pop_metric_label_zh(whole->metric),
			         whole->value);
			add(flags, "group_exceeds", f,
			    name_of(nodes, nn, f->region),
			    pop_metric_name(whole->metric), whole->value, msg);
		}
	}
done:
	free(sorted);
	free(sum);
	free(any);
}
