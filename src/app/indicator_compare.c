#include "app/indicator_compare.h"

#include "app/indicator_eval.h"
#include "app/indicators.h"
#include "app/policy.h"
#include "core/region.h"
#include "core/region_code.h"

#include <stdlib.h>
#include <string.h>

const char compare_rounding_zh[] =
    "数值按指标目标的小数位数四舍五入显示（非整数至少两位小数），"
    "名次按显示的数值比较，数值相同者名次相同";

const char *compare_children_label(int region_level)
{
	switch (region_level) {
	case REGION_PROVINCE:
		return "各市（州）";
	case REGION_CITY:
		return "各县（区）";
	case REGION_COUNTY:
		return "各乡镇（街道）";
	default:
		return "各村（社区）";
	}
}

char *compare_period_label(struct arena *a, struct period p)
{
	switch (p.kind) {
	case PERIOD_QUARTER:
		return arena_printf(a, "%d年第%d季度", p.year, p.index);
	case PERIOD_MONTH:
		return arena_printf(a, "%d年%d月", p.year, p.index);
	default:
		return arena_printf(a, "%d年", p.year);
	}
}

const char *compare_target_label(struct arena *a,
                                 const struct compare_target *t)
{
	if (!t->year)
		return "—";
	if (t->op == TOP_TEXT)
		return t->text ? t->text : "—";
	return arena_printf(a, "%s%s", target_op_symbol(t->op),
	                    t->value ? t->value : "");
}

/* The target a node reads (docs/policy.md "Whose target"). */
static struct compare_target target_at(const struct indicator_def *d,
                                       const char *code)
{
	const struct regional_target *g;
	struct compare_target t = { 0 };

	if (ind_target_for(d, code, &g) == TGT_NONE)
		return t;
	t.year = d->target_year;
	t.op = d->op;
	t.value = g ? g->value : d->target_value;
	t.text = d->target_text;
	return t;
}

static enum compare_better better_of(enum target_op op)
{
	switch (op) {
	case TOP_GE:
	case TOP_GT:
		return BETTER_HIGHER;
	case TOP_LE:
	case TOP_LT:
		return BETTER_LOWER;
	default:
		return BETTER_NONE;
	}
}

static const struct indicator_def *find_def(const struct policy_view *v,
                                            const char *id)
{
	for (size_t k = 0; k < v->nindicators; k++)
		if (!strcmp(v->indicators[k]->id, id))
			return v->indicators[k];
	return NULL;
}

/* qsort has no context argument: the direction of the sort at hand. */
static _Thread_local enum compare_better sort_better;

/* Rows with a value first, best first; equal values by code. */
static int row_order(const void *pa, const void *pb)
{
	const struct compare_row *a = pa, *b = pb;
	int c;

	if (a->has_value != b->has_value)
		return a->has_value ? -1 : 1;
	if (a->has_value) {
		c = exact_cmp(a->value, b->value);
		if (c)
			return sort_better == BETTER_LOWER ? c : -c;
	}
	return strcmp(a->code, b->code);
}

/* Competition ranking (1, 1, 3) over the sorted rows: a row equal to the
 * one before shares its rank. */
void indicator_compare_rank(struct compare_row *rows, size_t n,
                            enum compare_better better)
{
	sort_better = better;
	qsort(rows, n, sizeof(*rows), row_order);
	for (size_t i = 0; i < n; i++)
		rows[i].rank = 0;
	for (size_t i = 0; i < n && rows[i].has_value; i++)
		rows[i].rank = i && !exact_cmp(rows[i].value, rows[i - 1].value)
		                   ? rows[i - 1].rank
		                   : (int)i + 1;
}

/* One child's row from the node's evaluation with the node's own view
 * (as its own indicators page evaluates it). */
static struct compare_row child_row(struct app_ctx *ctx, struct ind_tree *t,
                                    size_t i, const struct policy_view *view,
                                    const struct indicator_def *d)
{
	const struct region *r = ind_tree_node(t, i);
	struct ind_result res = ind_evaluate(t, i, view, d);
	struct compare_row row = { 0 };
	char text[EXACT_TEXT_MAX];

	row.code = r->code;
	row.name = r->name;
	row.status = res.status;
	row.target = target_at(d, r->code);
	row.text = res.text;
	row.display = res.text ? res.text : "—";
	if (res.has_value) {
		/* the value as shown, so equal figures rank equal */
		row.places = ind_places(d, res.value);
		ind_format(d, res.value, text);
		row.display = arena_strdup(ctx->arena, text);
		row.has_value = !exact_parse(text, &row.value);
	}
	return row;
}

/* One comparison from a loaded tree (t rooted at the region). */
static int compare_fill(struct app_ctx *ctx, struct ind_tree *t,
                        const struct policy_view *root_view,
                        const struct policy_view **views, struct period p,
                        const char *id, struct indicator_compare *out)
{
	const struct region *root = ind_tree_node(t, ind_tree_root(t));
	const struct indicator_def *d;
	size_t n = 0, total = ind_tree_count(t);

	memset(out, 0, sizeof(*out));
	if (!id || !*id)
		return lx_fail(&ctx->err, LX_EMALFORMED, "indicator",
		               "give the indicator's id");
	if (!(d = find_def(root_view, id)))
		return lx_fail(&ctx->err, LX_EMALFORMED, "indicator",
		               "no indicator '%s' in the region's plans", id);
	out->region = root->code;
	out->region_name = root->name;
	out->region_level = root->level;
	out->level = region_level_name(root->level);
	out->p = p;
	period_format(p, out->period);
	out->as_of = ind_tree_as_of(t);
	out->id = d->id;
	out->name = ind_name_at(d, root->code);
	out->unit = d->unit;
	out->attribute = d->attribute;
	out->department = d->department;
	out->target = target_at(d, root->code);
	out->better = out->target.year ? better_of(d->op) : BETTER_NONE;
	out->rows =
	    arena_alloc(ctx->arena, (total ? total : 1) * sizeof(*out->rows));
	for (size_t i = 0; i < total; i++) {
		const struct indicator_def *cd;

		if (strcmp(ind_tree_node(t, i)->parent, root->code))
			continue;
		/* a child's own plan may restate the indicator */
		cd = find_def(views[i], id);
		out->rows[n] = child_row(ctx, t, i, views[i], cd ? cd : d);
		out->with_data += out->rows[n].has_value || out->rows[n].text;
		out->count[out->rows[n].status]++;
		n++;
	}
	if (ind_tree_failed(t))
		return -1;
	out->nrows = n;
	indicator_compare_rank(out->rows, n, out->better);
	/* no target, no better or worse: listed highest first, not ranked */
	if (d->op == TOP_NONE)
		for (size_t k = 0; k < n; k++)
			out->rows[k].rank = 0;
	return 0;
}

int indicator_compare_many(struct app_ctx *ctx, const char *region,
                           struct period p, const char *const *ids, size_t n,
                           struct indicator_compare *out)
{
	const struct policy_view **views;
	struct policy_view root_view;
	struct ind_tree *t;

	if (app_policy_view(ctx, region, &root_view))
		return -1;
	/* the question first: no tree is loaded for an unknown indicator */
	for (size_t k = 0; k < n; k++) {
		if (!ids[k] || !*ids[k])
			return lx_fail(&ctx->err, LX_EMALFORMED, "indicator",
			               "give the indicator's id");
		if (!find_def(&root_view, ids[k]))
			return lx_fail(
			    &ctx->err, LX_EMALFORMED, "indicator",
			    "no indicator '%s' in the region's plans", ids[k]);
	}
	if (!(t = ind_tree_load(ctx, region, p)) ||
	    ind_tree_views(t, &root_view, &views))
		return -1;
	for (size_t k = 0; k < n; k++)
		if (compare_fill(ctx, t, &root_view, views, p, ids[k], &out[k]))
			return -1;
	return 0;
}

int indicator_compare_build(struct app_ctx *ctx, const char *region,
                            struct period p, const char *id,
                            struct indicator_compare *out)
{
	memset(out, 0, sizeof(*out));
	return indicator_compare_many(ctx, region, p, &id, 1, out);
}
