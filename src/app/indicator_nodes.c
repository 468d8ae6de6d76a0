#include "app/indicator_nodes.h"

#include "app/indicator_eval.h"
#include "app/indicators.h"
#include "app/params.h"
#include "app/result_cache.h"
#include "core/csv.h"
#include "core/region_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What was asked, checked. */
struct nodes_query {
	const char *region;
	struct period period;
	int csv;
};

/* The text is written by hand rather than through jansson: a city is
 * some 1,600 nodes times 44 indicators, and a tree of a quarter of a
 * million JSON values cost more than evaluating them. */

/* Exact figures as JSON strings of decimal text, never a JSON real: a
 * value rounded to its indicator's precision, a figure in full
 * (app/indicator_eval.h). */
static void put_json_figure(struct abuf *b, int has, struct exact v)
{
	char text[EXACT_TEXT_MAX];

	if (has)
		abuf_printf(b, "\"%s\"", ind_format_figure(v, text));
	else
		abuf_puts(b, "null");
}

static void put_json_value(struct abuf *b, const struct indicator_def *d,
                           int has, struct exact v)
{
	char text[EXACT_TEXT_MAX];

	if (has)
		abuf_printf(b, "\"%s\"", ind_format(d, v, text));
	else
		abuf_puts(b, "null");
}

static void put_json_string(struct abuf *b, const char *s)
{
	const char *run = s ? s : "", *p = run;

	abuf_puts(b, "\"");
	for (; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch != '"' && ch != '\\' && ch >= 0x20)
			continue;
		abuf_append(b, run, (size_t)(p - run));
		if (ch == '"' || ch == '\\')
			abuf_printf(b, "\\%c", ch);
		else
			abuf_printf(b, "\\u%04x", ch);
		run = p + 1;
	}
	abuf_append(b, run, (size_t)(p - run));
	abuf_puts(b, "\"");
}

static void put_json_opt_string(struct abuf *b, const char *s)
{
	if (s)
		put_json_string(b, s);
	else
		abuf_puts(b, "null");
}

/* The numerator is shown when it was computed, the denominator when it
 * was, as app_indicators shows them. */
static int has_num(const struct ind_result *r)
{
	return r->has_value || r->has_den;
}

static void json_head(struct abuf *b, struct ind_tree *t,
                      const struct nodes_query *q,
                      const struct policy_view *view)
{
	char per[8];

	period_format(q->period, per);
	abuf_puts(b, "{\"region\":");
	put_json_string(b, q->region);
	abuf_puts(b, ",\"period\":");
	put_json_string(b, per);
	abuf_puts(b, ",\"as_of\":");
	put_json_string(b, ind_tree_as_of(t));
	abuf_puts(b, ",\"jurisdiction\":");
	put_json_opt_string(b, view->jurisdiction);
	abuf_puts(b, ",\"indicators\":[");
	for (size_t k = 0; k < view->nindicators; k++) {
		const struct indicator_def *d = view->indicators[k];

		abuf_puts(b, k ? ",{\"id\":" : "{\"id\":");
		put_json_string(b, d->id);
		abuf_puts(b, ",\"group\":");
		put_json_string(b, d->group);
		abuf_printf(b, ",\"seq\":%d,\"name\":", d->seq);
		put_json_string(b, ind_name_at(d, q->region));
		abuf_puts(b, ",\"unit\":");
		put_json_opt_string(b, d->unit);
		abuf_puts(b, ",\"numerator\":");
		put_json_opt_string(b, d->numerator_text);
		abuf_puts(b, ",\"denominator\":");
		put_json_opt_string(b, d->denominator_text);
		abuf_puts(b, ",\"factor\":");
		put_json_figure(b, d->numerator != NULL, d->factor);
		/* values are rounded half up to places (at least 2 when
		 * not whole) */
		abuf_printf(b, ",\"places\":%d,\"rounding\":\"%s\"}", d->places,
		            IND_ROUNDING);
	}
	abuf_puts(b, "],\"nodes\":[");
}

static void json_node(struct abuf *b, struct ind_tree *t, size_t i,
                      const struct policy_view *view, int first)
{
	const struct region *r = ind_tree_node(t, i);

	abuf_puts(b, first ? "{\"code\":" : ",{\"code\":");
	put_json_string(b, r->code);
	abuf_puts(b, ",\"name\":");
	put_json_string(b, r->name);
	abuf_puts(b, ",\"level\":");
	put_json_opt_string(b, region_level_name(r->level));
	abuf_puts(b, ",\"parent\":");
	put_json_opt_string(b, r->parent[0] ? r->parent : NULL);
	abuf_puts(b, ",\"indicators\":{");
	for (size_t k = 0; k < view->nindicators; k++) {
		const struct indicator_def *d = view->indicators[k];
		struct ind_result res = ind_evaluate(t, i, view, d);

		if (k)
			abuf_puts(b, ",");
		put_json_string(b, d->id);
		abuf_puts(b, ":{\"value\":");
		put_json_value(b, d, res.has_value, res.value);
		/* a reported indicator has no formula, so no numerator or
		 * denominator, as in app_indicators */
		if (d->numerator) {
			abuf_puts(b, ",\"numerator\":");
			put_json_figure(b, has_num(&res), res.num);
			abuf_puts(b, ",\"denominator\":");
			put_json_figure(b, res.has_den, res.den);
		}
		abuf_puts(b, ",\"status\":");
		put_json_string(b, status_name(res.status));
		/* a value resting on an earlier period's report says when */
		if (res.stated && (res.has_value || res.text)) {
			abuf_puts(b, ",\"stated\":");
			put_json_string(b, res.stated);
		}
		/* a value on a partial population sum says how partial */
		if (res.partial_children && res.has_value)
			abuf_printf(b,
			            ",\"partial\":{\"covered\":%ld,"
			            "\"children\":%ld}",
			            res.partial_covered, res.partial_children);
		if (res.text) {
			abuf_puts(b, ",\"text\":");
			put_json_string(b, res.text);
		}
		abuf_puts(b, "}");
	}
	abuf_puts(b, "}}");
}

static void csv_figure(struct abuf *b, int has, struct exact v)
{
	char text[EXACT_TEXT_MAX];

	abuf_puts(b, ",");
	if (has)
		abuf_puts(b, ind_format_figure(v, text));
}

static void csv_value(struct abuf *b, const struct indicator_def *d, int has,
                      struct exact v)
{
	char text[EXACT_TEXT_MAX];

	abuf_puts(b, ",");
	if (has)
		abuf_puts(b, ind_format(d, v, text));
}

static void csv_node(struct abuf *b, struct ind_tree *t, size_t i,
                     const struct policy_view *view)
{
	const struct region *r = ind_tree_node(t, i);

	for (size_t k = 0; k < view->nindicators; k++) {
		const struct indicator_def *d = view->indicators[k];
		struct ind_result res = ind_evaluate(t, i, view, d);

		csv_write_field(b, r->code);
		abuf_puts(b, ",");
		csv_write_field(b, r->name);
		abuf_puts(b, ",");
		csv_write_field(b, region_level_name(r->level));
		abuf_puts(b, ",");
		csv_write_field(b, d->id);
		csv_value(b, d, res.has_value, res.value);
		csv_figure(b, d->numerator && has_num(&res), res.num);
		csv_figure(b, d->numerator && res.has_den, res.den);
		abuf_puts(b, ",");
		csv_write_field(b, status_name(res.status));
		abuf_puts(b, "\r\n");
	}
}

/* Evaluates every node; runs inside app_cached_text's read snapshot. */
static int compute(struct app_ctx *ctx, void *arg, char **text, size_t *len)
{
	const struct nodes_query *q = arg;
	const struct policy_view **views;
	struct policy_view root_view;
	struct ind_tree *t;
	struct abuf b;

	if (app_policy_view(ctx, q->region, &root_view) ||
	    !(t = ind_tree_load(ctx, q->region, q->period)) ||
	    ind_tree_views(t, &root_view, &views))
		return -1;
	abuf_init(&b, ctx->arena);
	/* about 60 bytes per node and indicator */
	abuf_reserve(&b, ind_tree_count(t) * (root_view.nindicators + 2) * 64);
	if (q->csv)
		abuf_puts(&b, "\xEF\xBB\xBF"
		              "code,name,level,indicator,value,numerator,"
		              "denominator,status\r\n");
	else
		json_head(&b, t, q, &root_view);
	for (size_t i = 0; i < ind_tree_count(t); i++) {
		if (q->csv)
			csv_node(&b, t, i, views[i]);
		else
			json_node(&b, t, i, views[i], i == 0);
	}
	if (!q->csv)
		abuf_puts(&b, "]}");
	if (ind_tree_failed(t))
		return -1;
	*text = b.data;
	*len = b.len;
	return 0;
}

int app_indicator_nodes(struct app_ctx *ctx, json_t *params, char **text,
                        size_t *len, const char **type, int *hit)
{
	static const char *const allowed[] = { "region", "period", "format",
		                               NULL };
	const char *format = param_str(params, "format");
	struct nodes_query q = { 0 };
	char per[8];

	if (hit)
		*hit = 0;
	if (param_only(params, allowed, &ctx->err))
		return -1;
	if (!principal_is_official(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators and city and county "
		               "officials see every node's indicators");
	if (app_visible_region(ctx, params, &q.region) ||
	    period_parse(param_str(params, "period"), &q.period, &ctx->err,
	                 "period"))
		return -1;
	if (format && strcmp(format, "json") && strcmp(format, "csv"))
		return lx_fail(&ctx->err, LX_EINVALID, "format",
		               "'format' must be json or csv");
	q.csv = format && !strcmp(format, "csv");
	*type = q.csv ? "text/csv; charset=utf-8"
	              : "application/json; charset=utf-8";
	period_format(q.period, per);
	return app_cached_text(
	    ctx,
	    arena_printf(ctx->arena, "indicator-nodes/%s/%s/%s", q.region, per,
	                 q.csv ? "csv" : "json"),
	    compute, &q, text, len, hit);
}
