#include "app/complaint_stats.h"

#include "app/complaints.h"
#include "app/params.h"
#include "app/reviews.h"
#include "core/complaint.h"
#include "core/exact.h"
#include "store/review_store.h"

#include <stdio.h>
#include <string.h>

json_t *complaint_percent_json(long num, long den)
{
	struct exact e;
	char buf[EXACT_TEXT_MAX];

	if (den <= 0 || exact_frac((int64_t)num * 100, den, &e))
		return json_null();
	return json_string(exact_format(e, 1, EXACT_HALF_UP, buf));
}

struct group {
	const char *key, *name;
	long long facility_id;
	long received, closed, answered, on_time, overdue, called_back;
	long satisfied;
};

static struct group *find(struct app_ctx *ctx, struct group **g, size_t *n,
                          size_t *cap, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*g)[i].key, key))
			return &(*g)[i];
	if (*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 16;
		struct group *m = arena_alloc(ctx->arena, nc * sizeof(*m));

		if (*n)
			memcpy(m, *g, *n * sizeof(*m));
		*g = m;
		*cap = nc;
	}
	memset(&(*g)[*n], 0, sizeof(**g));
	(*g)[*n].key = key;
	return &(*g)[(*n)++];
}

static void count(struct group *g, const struct complaint_row *c,
                  const struct complaint_policy *p, long today)
{
	g->received++;
	g->closed += !strcmp(c->status, "closed");
	g->answered += c->answered_on[0] != 0;
	g->on_time += c->on_time == 1;
	g->overdue += complaint_row_overdue(c, today);
	g->called_back += c->satisfaction > 0;
	g->satisfied += c->satisfaction > 0 &&
	                complaint_is_satisfied(c->satisfaction, p->satisfied,
	                                       p->nsatisfied);
}

static json_t *group_json(const struct group *g)
{
	return json_pack(
	    "{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:o,"
	    " s:o, s:o}",
	    "key", g->key, "name", g->name ? g->name : g->key, "received",
	    (int)g->received, "closed", (int)g->closed, "answered",
	    (int)g->answered, "on_time", (int)g->on_time, "overdue",
	    (int)g->overdue, "called_back", (int)g->called_back, "satisfied",
	    (int)g->satisfied, "on_time_rate",
	    complaint_percent_json(g->on_time, g->answered), "callback_rate",
	    complaint_percent_json(g->called_back, g->answered),
	    "satisfaction_rate",
	    complaint_percent_json(g->satisfied, g->called_back));
}

json_t *app_complaint_stats(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "from", "to",
		                               "by",     "on",   NULL };
	struct complaint_query q = { 0 };
	struct complaint_row *v;
	struct group *g = NULL, total = { .key = "total", .name = "合计" };
	size_t n, ng = 0, cap = 0;
	const char *by = param_str(params, "by"), *on;
	const struct complaint_policy *p = NULL;
	char pregion[13] = "";
	long today;
	json_t *rows;

	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "on", &on, &ctx->err))
		return NULL;
	if (!by)
		by = "facility";
	if (strcmp(by, "facility") && strcmp(by, "category") &&
	    strcmp(by, "region"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "by",
		               "'by' must be facility, category or region"),
		       NULL;
	today = complaint_day(on ? on : ctx->today);
	if (complaint_rows_visible(ctx, params, &q, &v, &n))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct complaint_row *c = &v[i];
		struct group *x;

		if (!p || strcmp(pregion, c->region)) {
			if (!(p = complaint_policy_for(ctx, c->region,
			                               "region")))
				return NULL;
			snprintf(pregion, sizeof(pregion), "%s", c->region);
		}
		if (!strcmp(by, "facility")) {
			x = find(ctx, &g, &ng, &cap,
			         c->facility_id
			             ? arena_printf(ctx->arena, "%lld",
			                            c->facility_id)
			             : "none");
			x->facility_id = c->facility_id;
			x->name = c->facility_id ? c->facility_name
			                         : "未涉及具体机构";
		} else if (!strcmp(by, "category")) {
			const struct complaint_code *cat =
			    complaint_policy_category(p, c->category);

			x = find(ctx, &g, &ng, &cap,
			         arena_strdup(ctx->arena, c->category));
			x->name = cat ? cat->name : c->category;
		} else {
			x = find(ctx, &g, &ng, &cap,
			         arena_strdup(ctx->arena, c->region));
			x->name = c->region_name;
		}
		count(x, c, p, today);
		count(&total, c, p, today);
	}
	rows = json_array();
	for (size_t i = 0; i < ng; i++) {
		json_t *o = group_json(&g[i]);

		if (g[i].facility_id) {
			struct review_average a = { 0 };

			if (review_store_average(ctx->db, g[i].facility_id, &a,
			                         &ctx->err)) {
				json_decref(o);
				json_decref(rows);
				return NULL;
			}
			json_object_set_new(o, "reviews",
			                    json_integer(a.reviews));
			json_object_set_new(
			    o, "review_average",
			    review_average_json(a.review_sum, a.reviews));
			/* service orders keep their own rating: shown beside */
			json_object_set_new(o, "rated_orders",
			                    json_integer(a.orders));
			json_object_set_new(
			    o, "order_average",
			    review_average_json(a.order_sum, a.orders));
		}
		json_array_append_new(rows, o);
	}
	return json_pack(
	    "{s:s, s:o, s:o, s:s, s:s, s:s?, s:s?}", "by", by, "rows", rows,
	    "total", group_json(&total), "rounding",
	    "比率为百分数，保留一位小数，四舍五入；平均评分保留两位小数，"
	    "四舍五入",
	    "rates",
	    "按时答复率 = 按期答复件数 ÷ 已答复件数；回访率 = 已回访件数 ÷ "
	    "已答复件数；满意率 = 满意件数 ÷ 已回访件数",
	    "from", q.from, "to", q.to);
}

json_t *app_complaint_public_stats(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "from", "to", NULL };
	struct complaint_public_row *v;
	const struct complaint_policy *p;
	const char *region, *from, *to;
	size_t n;
	json_t *rows;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &region, &ctx->err) ||
	    param_date(params, "from", &from, &ctx->err) ||
	    param_date(params, "to", &to, &ctx->err))
		return NULL;
	if (!region)
		return lx_fail(&ctx->err, LX_EMALFORMED, "region",
		               "give the region's 12-digit code"),
		       NULL;
	if (!(p = complaint_policy_for(ctx, region, "region")) ||
	    complaint_store_public_stats(ctx->db, ctx->arena, region, from, to,
	                                 &v, &n, &ctx->err))
		return NULL;
	rows = json_array();
	for (size_t i = 0; i < n; i++) {
		long sat = 0;

		for (size_t k = 0; k < p->nsatisfied; k++)
			if (p->satisfied[k] >= 1 && p->satisfied[k] <= 5)
				sat += v[i].by_level[p->satisfied[k]];
		json_array_append_new(
		    rows,
		    json_pack(
		        "{s:I, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i,"
		        " s:o, s:o}",
		        "facility_id", (json_int_t)v[i].facility_id,
		        "facility_name", v[i].facility_name, "region",
		        v[i].region, "received", (int)v[i].received, "answered",
		        (int)v[i].answered, "on_time", (int)v[i].on_time,
		        "closed", (int)v[i].closed, "called_back",
		        (int)v[i].called_back, "satisfied", (int)sat,
		        "on_time_rate",
		        complaint_percent_json(v[i].on_time, v[i].answered),
		        "satisfaction_rate",
		        complaint_percent_json(sat, v[i].called_back)));
	}
	return json_pack("{s:o, s:s}", "rows", rows, "rounding",
	                 "比率为百分数，保留一位小数，四舍五入");
}
