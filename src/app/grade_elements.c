#include "app/grade_elements.h"

#include "store/grade_store.h"

#include <stdio.h>
#include <string.h>

int app_grade_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                     enum grade_element e, struct region_count **out, size_t *n)
{
	struct grade_rating *rs;
	struct region_count *c;
	const char *scheme, *kind;
	size_t nr;
	int min;

	grade_element_def(e, &scheme, &kind, &min);
	if (grade_store_in_force(ctx->db, ctx->arena, root, 0, as_of, &rs, &nr,
	                         &ctx->err))
		return -1;
	/* one rating a facility and scheme: one entry a facility at most;
	 * sorted by region below */
	c = *out = arena_alloc(ctx->arena, (nr + 1) * sizeof(*c));
	*n = 0;
	for (size_t i = 0; i < nr; i++) {
		if (strcmp(rs[i].scheme, scheme) || strcmp(rs[i].kind, kind) ||
		    rs[i].level < min)
			continue;
		snprintf(c[*n].region, sizeof(c[*n].region), "%s",
		         rs[i].region);
		c[(*n)++].n = 1;
	}
	/* merge by region: insertion into a sorted prefix, the counts are
	 * small (facilities of a region) */
	for (size_t i = 1; i < *n; i++) {
		struct region_count x = c[i];
		size_t j = i;

		while (j > 0 && strcmp(c[j - 1].region, x.region) > 0) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = x;
	}
	{
		size_t k = 0;

		for (size_t i = 0; i < *n; i++) {
			if (k && !strcmp(c[k - 1].region, c[i].region))
				c[k - 1].n += c[i].n;
			else
				c[k++] = c[i];
		}
		*n = k;
	}
	return 0;
}
