#include "app/inspect_elements.h"

#include "app/indicators.h"
#include "app/inspect_food_policy.h"
#include "app/inspect_staff_policy.h"
#include "app/inspect_staff_tally.h"
#include "app/policy.h"
#include "core/facility.h"
#include "core/inspect_food.h"
#include "store/facility_store.h"
#include "store/inspect_food_store.h"
#include "store/inspect_staff_store.h"

#include <stdlib.h>
#include <string.h>

static int in_sector(enum staff_sector s, int kind)
{
	if (s == STAFF_ELDERLY)
		return facility_kind_is_elderly(kind);
	if (s == STAFF_CHILDCARE)
		return facility_kind_is_childcare(kind);
	return 1;
}

static int by_region(const void *x, const void *y)
{
	return strcmp(((const struct region_count *)x)->region,
	              ((const struct region_count *)y)->region);
}

/* c[0..n) sorted by region and one entry per region, summed. */
static size_t merge(struct region_count *c, size_t n)
{
	size_t k = 0;

	qsort(c, n, sizeof(*c), by_region);
	for (size_t i = 0; i < n; i++) {
		if (k && !strcmp(c[k - 1].region, c[i].region))
			c[k - 1].n += c[i].n;
		else
			c[k++] = c[i];
	}
	return k;
}

/* Rules by region, for a root whose own policy gives none (a province
 * above its cities' plans): every row is judged by the rules of its own
 * region, each distinct region looked up once; a row whose region has
 * none is not counted. */
struct rules_of {
	const char *region;
	const void *p;
};

static int by_code(const void *x, const void *y)
{
	return strcmp(((const struct rules_of *)x)->region,
	              ((const struct rules_of *)y)->region);
}

/* r[0..n) holds each row's region; sorts them, keeps one of each and
 * sets its food-safety or staff rules. */
static int region_rules(struct app_ctx *ctx, int food, struct rules_of *r,
                        size_t *n)
{
	size_t k = 0;

	qsort(r, *n, sizeof(*r), by_code);
	for (size_t i = 0; i < *n; i++)
		if (!k || strcmp(r[k - 1].region, r[i].region))
			r[k++] = r[i];
	for (size_t i = 0; i < k; i++) {
		struct policy_view view;

		if (app_policy_view(ctx, r[i].region, &view))
			return -1;
		r[i].p = food ? (const void *)view.food_safety
		              : (const void *)view.staff;
	}
	*n = k;
	return 0;
}

static const void *rules_for(const struct rules_of *r, size_t n,
                             const char *region)
{
	struct rules_of key = { region, NULL };
	const struct rules_of *f = bsearch(&key, r, n, sizeof(*r), by_code);

	return f ? f->p : NULL;
}

/* p the root's rules, or NULL to judge each row by its region's. */
static int food_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                       const struct inspect_element_ref *r,
                       const struct food_policy *p, struct region_count **out,
                       size_t *nc)
{
	struct facility_query q = { .region = root,
		                    .as_of = as_of,
		                    .today = ctx->today,
		                    .status = FSTATUS_OPEN,
		                    .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .sort = "id" };
	struct food_grade_rec *g;
	struct facility *v;
	size_t n, ng, gi = 0;
	long long total;

	struct region_count *c;
	struct rules_of *rules = NULL;
	size_t nrules = 0;

	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err) ||
	    inspect_food_store_list(ctx->db, ctx->arena, 0, root, as_of, &g,
	                            &ng, &ctx->err))
		return -1;
	if (!p) {
		rules = arena_alloc(ctx->arena, (n + 1) * sizeof(*rules));
		for (size_t i = 0; i < n; i++)
			rules[nrules++].region = v[i].region;
		if (region_rules(ctx, 1, rules, &nrules))
			return -1;
	}
	/* one entry per facility at most */
	c = *out = arena_alloc(ctx->arena, (n + 1) * sizeof(*c));
	*nc = 0;
	for (size_t i = 0; i < n; i++) {
		size_t from;
		long cur;
		const struct food_grade_def *d;
		const struct food_policy *rp =
		    p ? p : rules_for(rules, nrules, v[i].region);

		while (gi < ng && g[gi].facility_id < v[i].id)
			gi++;
		from = gi;
		while (gi < ng && g[gi].facility_id == v[i].id)
			gi++;
		if (!rp || !in_sector(r->sector, v[i].kind))
			continue;
		cur = food_grade_current(g + from, gi - from, as_of,
		                         rp->validity_years);
		if (cur < 0)
			continue;
		d = food_policy_grade(rp, g[from + cur].grade);
		if (r->e == IE_FOOD_GOOD && !(d && d->good))
			continue;
		snprintf(c[*nc].region, sizeof(c[*nc].region), "%s",
		         v[i].region);
		c[(*nc)++].n = 1;
	}
	return 0;
}

static int staff_counts(struct app_ctx *ctx, const char *root,
                        const char *as_of, const struct inspect_element_ref *r,
                        const struct staff_policy *p, struct region_count **out,
                        size_t *nc)
{
	struct staff_rec *s;
	struct staff_event *e;
	struct region_count *c;
	struct rules_of *rules = NULL;
	size_t n, ne, nrules = 0;

	if (inspect_staff_store_list(ctx->db, ctx->arena, 0, root, 0, &s, &n,
	                             &ctx->err) ||
	    inspect_staff_store_events(ctx->db, ctx->arena, 0, 0, root, as_of,
	                               &e, &ne, &ctx->err))
		return -1;
	if (!p) {
		rules = arena_alloc(ctx->arena, (n + 1) * sizeof(*rules));
		for (size_t i = 0; i < n; i++)
			rules[nrules++].region = s[i].region;
		if (region_rules(ctx, 0, rules, &nrules))
			return -1;
	}
	/* one entry per staff member at most */
	c = *out = arena_alloc(ctx->arena, (n + 1) * sizeof(*c));
	*nc = 0;
	for (size_t i = 0; i < n; i++) {
		struct staff_tally one;
		size_t from, to;
		long long v;
		const struct staff_policy *rp =
		    p ? p : rules_for(rules, nrules, s[i].region);

		if (!rp || !in_sector(r->sector, s[i].facility_kind) ||
		    !staff_active_on(s[i].contract_from, s[i].contract_to,
		                     as_of))
			continue;
		from = inspect_staff_events_from(e, ne, s[i].id);
		for (to = from; to < ne && e[to].staff_id == s[i].id; to++)
			;
		inspect_staff_tally_one(&s[i], rp, e + from, to - from, as_of,
		                        &one);
		v = r->e == IE_STAFF               ? one.staff
		    : r->e == IE_STAFF_CERTIFIABLE ? one.cert_den
		    : r->e == IE_STAFF_CERTIFIED   ? one.cert_num
		                                   : one.trained;
		if (!v)
			continue;
		snprintf(c[*nc].region, sizeof(c[*nc].region), "%s",
		         s[i].region);
		c[(*nc)++].n = v;
	}
	return 0;
}

int app_inspect_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                       const struct inspect_element_ref *ref,
                       struct region_count **out, size_t *n)
{
	struct policy_view view;
	int food = ref->e == IE_FOOD_GRADED || ref->e == IE_FOOD_GOOD;

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded");
	if (app_policy_view(ctx, root, &view))
		return -1;
	/* without rules of its own (a province above its cities' plans)
	 * each row is judged by its own region's */
	*out = NULL;
	*n = 0;
	if (food ? food_counts(ctx, root, as_of, ref, view.food_safety, out, n)
	         : staff_counts(ctx, root, as_of, ref, view.staff, out, n))
		return -1;
	*n = merge(*out, *n);
	return 0;
}
