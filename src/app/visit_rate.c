#include "app/visit_rate.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/result_cache.h"
#include "core/date.h"
#include "core/exact.h"
#include "core/person.h"
#include "core/region_code.h"
#include "store/region_store.h"
#include "store/subtree.h"
#include "store/visit_count_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The visits sections that apply under root: the root's own (from its
 * ancestors' files) and those of files for regions inside it, which
 * replace it in their subtree (the nearest file's section, whole). */
struct visit_policies {
	const struct visit_policy *root;
	size_t n;
	const struct policy *inner[64];
};

static int policies_under(struct app_ctx *ctx, const char *root,
                          struct visit_policies *vp)
{
	struct policy_view view;
	size_t count = policy_set_count(ctx->policies);

	if (app_policy_view(ctx, root, &view))
		return -1;
	vp->root = view.visits;
	vp->n = 0;
	for (size_t i = 0; i < count && vp->n < 64; i++) {
		const struct policy *p = policy_set_at(ctx->policies, i);

		if (p->visits && strcmp(p->code, root) &&
		    region_code_is_within(p->code, root))
			vp->inner[vp->n++] = p;
	}
	return 0;
}

/* The section for people living in region: the deepest inner file
 * holding it, else the root's. */
static const struct visit_policy *policy_for(const struct visit_policies *vp,
                                             const char *region)
{
	const struct policy *best = NULL;

	for (size_t i = 0; i < vp->n; i++)
		if (region_code_is_within(region, vp->inner[i]->code) &&
		    (!best ||
		     region_code_is_within(vp->inner[i]->code, best->code)))
			best = vp->inner[i];
	return best ? best->visits : vp->root;
}

/* The latest birth date of someone old enough on day: ELDERLY_MIN_AGE
 * years before it (29 February stays: it is a leap year too). */
static void born_by(const char *day, char out[11])
{
	unsigned y = (unsigned)(atoi(day) - ELDERLY_MIN_AGE) % 10000u;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	memcpy(out + 4, day + 4, 6);
	out[10] = '\0';
}

int app_visit_counts(struct app_ctx *ctx, const char *root, const char *as_of,
                     const char *from, const char *to,
                     const struct visit_count_range *weeks, int nweeks,
                     const struct visit_element *e,
                     struct visit_region_count **out, size_t *n)
{
	static const struct visit_element weekly = { 0, VN_WEEKLY, "" };
	struct visit_policies vp;
	struct visit_count_group *g;
	struct visit_region_count *c;
	size_t ng, k = 0;
	char birth[11];

	if (!ctx->policies)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "no policies are loaded");
	born_by(as_of, birth);
	if (policies_under(ctx, root, &vp) ||
	    visit_count_store_groups(ctx->db, ctx->arena, root, as_of, birth,
	                             from, to, weeks, nweeks, &g, &ng,
	                             &ctx->err))
		return -1;
	c = arena_alloc(ctx->arena, (ng + 1) * sizeof(*c));
	for (size_t i = 0; i < ng; i++) {
		const struct visit_policy *p;

		/* groups come ordered by region: one policy look-up a
		 * region */
		if (!k || strcmp(c[k - 1].region, g[i].region)) {
			memset(&c[k], 0, sizeof(c[k]));
			memcpy(c[k].region, g[i].region, sizeof(c[k].region));
			k++;
		}
		p = policy_for(&vp, g[i].region);
		/* each week with the tier it began with: its risk is that
		 * of the latest visit before it */
		for (int w = 0; w < nweeks && w < VISIT_COUNT_RANGES_MAX; w++) {
			if (!visit_element_counts(p, &weekly, g[i].cats,
			                          g[i].residence, g[i].tier,
			                          g[i].highs & 1u << w ? "high"
			                                               : NULL))
				continue;
			c[k - 1].weekly[w] += g[i].n;
			if (g[i].weeks & 1u << w)
				c[k - 1].weekly_visited[w] += g[i].n;
		}
		if (!visit_element_counts(p, e, g[i].cats, g[i].residence,
		                          g[i].tier,
		                          g[i].risk[0] ? g[i].risk : NULL))
			continue;
		c[k - 1].targets += g[i].n;
		if (g[i].visited)
			c[k - 1].visited += g[i].n;
	}
	*out = c;
	*n = k;
	return 0;
}

/* ---- GET /api/v1/visits/rate ---- */

static size_t code_bound(const struct visit_region_count *c, size_t n,
                         const char *key, int after)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(c[mid].region, key);

		if (d < 0 || (after && d == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The sums over node's subtree. */
static struct visit_region_count subtree_sum(const struct visit_region_count *c,
                                             size_t n, const char *node,
                                             int nweeks)
{
	struct visit_region_count sum = { 0 };
	char lo[13], hi[13];
	size_t from, to;

	subtree_range(node, lo, hi);
	from = code_bound(c, n, lo, 0);
	to = code_bound(c, n, hi, 1);
	for (size_t i = from; i < to; i++) {
		sum.targets += c[i].targets;
		sum.visited += c[i].visited;
		for (int w = 0; w < nweeks; w++) {
			sum.weekly[w] += c[i].weekly[w];
			sum.weekly_visited[w] += c[i].weekly_visited[w];
		}
	}
	return sum;
}

static json_t *figure(long long targets, long long visited, const char *key)
{
	char buf[EXACT_TEXT_MAX];
	const char *rate = visit_rate_percent(visited, targets, buf);

	return json_pack("{s:I, s:I, s:s?}", "targets", (json_int_t)targets,
	                 "visited", (json_int_t)visited, key, rate);
}

struct week {
	struct visit_count_range r;
	char label[9];
};

static json_t *node_doc(const struct region *r,
                        const struct visit_region_count *c, size_t n,
                        const struct week *w, int nw)
{
	struct visit_region_count s = subtree_sum(c, n, r->code, nw);
	json_t *o = figure(s.targets, s.visited, "rate"), *arr = json_array();

	json_object_set_new(o, "region", json_string(r->code));
	json_object_set_new(o, "name", json_string(r->name ? r->name : ""));
	for (int i = 0; i < nw; i++) {
		json_t *f = figure(s.weekly[i], s.weekly_visited[i], "share");

		json_object_set_new(f, "week", json_string(w[i].label));
		json_object_set_new(f, "from", json_string(w[i].r.first));
		json_object_set_new(f, "to", json_string(w[i].r.last));
		json_array_append_new(arr, f);
	}
	json_object_set_new(o, "weeks", arr);
	return o;
}

/* What GET /api/v1/visits/rate asks, checked. */
struct rate_query {
	const char *region;
	struct period p;
};

static int rate_query(struct app_ctx *ctx, json_t *params, struct rate_query *q)
{
	static const char *const allowed[] = { "region", "month", NULL };
	const char *month = param_str(params, "month");
	char per[8], first[11];

	if (param_only(params, allowed, &ctx->err) ||
	    app_visible_region(ctx, params, &q->region))
		return -1;
	if (!month || !*month) {
		snprintf(per, sizeof(per), "%.7s", ctx->today);
		month = per;
	}
	if (period_parse(month, &q->p, &ctx->err, "month"))
		return -1;
	if (q->p.kind != PERIOD_MONTH)
		return lx_fail(&ctx->err, LX_EINVALID, "month",
		               "'month' must be a month, YYYY-MM");
	period_first_day(q->p, first);
	if (strcmp(first, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "month",
		               "month '%s' has not begun", month);
	return 0;
}

static json_t *rate_doc(struct app_ctx *ctx, void *arg)
{
	static const struct visit_element monthly = { 1, VN_MONTHLY, "" };
	const struct rate_query *q = arg;
	const char *region = q->region;
	char first[11], last[11], as_of[11], mon[VISIT_WEEKS_MAX][11],
	    sun[VISIT_WEEKS_MAX][11], per[8];
	struct week w[VISIT_WEEKS_MAX];
	struct visit_count_range ranges[VISIT_WEEKS_MAX];
	struct visit_region_count *c;
	struct region *nodes;
	size_t n, nn;
	int nw, kw = 0;
	json_t *doc, *kids;

	period_first_day(q->p, first);
	period_last_day(q->p, last);
	/* this month: the list as it stands today */
	memcpy(as_of, strcmp(last, ctx->today) > 0 ? ctx->today : last, 11);
	/* the weeks begun, with the targets of the month's list in a
	 * weekly tier when each began: one query for the month and its
	 * weeks */
	nw = visit_month_weeks(first, mon, sun);
	for (int i = 0; i < nw && strcmp(mon[i], ctx->today) <= 0; i++) {
		struct week *x = &w[kw];

		memcpy(x->r.first, mon[i], 11);
		memcpy(x->r.last, sun[i], 11);
		visit_week_label(mon[i], x->label);
		ranges[kw++] = x->r;
	}
	if (app_visit_counts(ctx, region, as_of, first, as_of, ranges, kw,
	                     &monthly, &c, &n))
		return NULL;
	if (region_store_subtree(ctx->db, ctx->arena, region, NULL, &nodes, &nn,
	                         &ctx->err))
		return NULL;
	doc = NULL;
	kids = json_array();
	for (size_t i = 0; i < nn; i++) {
		if (!strcmp(nodes[i].code, region))
			doc = node_doc(&nodes[i], c, n, w, kw);
		else if (!strcmp(nodes[i].parent, region))
			json_array_append_new(kids,
			                      node_doc(&nodes[i], c, n, w, kw));
	}
	if (!doc) {
		json_decref(kids);
		return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
		               "no region '%s'", region),
		       NULL;
	}
	period_format(q->p, per);
	json_object_set_new(doc, "month", json_string(per));
	json_object_set_new(doc, "as_of", json_string(as_of));
	json_object_set_new(doc, "rule", json_string("half_up"));
	json_object_set_new(doc, "children", kids);
	return doc;
}

json_t *app_visit_rate(struct app_ctx *ctx, json_t *params)
{
	struct rate_query q;

	return rate_query(ctx, params, &q) ? NULL : rate_doc(ctx, &q);
}

int app_visit_rate_cached(struct app_ctx *ctx, json_t *params, char **text,
                          size_t *len, int *hit)
{
	struct rate_query q;
	char per[8];

	if (rate_query(ctx, params, &q))
		return -1;
	period_format(q.p, per);
	/* the document depends on the region, the month and, for the month
	 * in progress, today: anyone who may see the region gets the same */
	return app_cached_json(ctx,
	                       arena_printf(ctx->arena, "visit-rate/%s/%s/%s",
	                                    q.region, per, ctx->today),
	                       rate_doc, &q, text, len, hit);
}
