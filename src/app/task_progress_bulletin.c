#include "app/task_progress_bulletin.h"

#include "app/task_progress.h"
#include "core/csv.h"
#include "core/text.h"

#include <string.h>

enum { TCOLS = 10, LCOLS = 7 };

static const char *const task_head[TCOLS] = {
	"方案",       "任务编号",    "任务",      "牵头单位", "完成时限",
	"最新报告期", "报告进度(%)", "应完成(%)", "信号灯",   "原因"
};
static const char *const league_head[LCOLS] = {
	"名次", "部门", "牵头任务", "绿灯", "黄灯", "红灯", "按时报告率(%)"
};

struct section {
	size_t ntasks, nleague;
	const char *(*tasks)[TCOLS];
	const char *(*league)[LCOLS];
};

static const char *s_or(json_t *o, const char *key, const char *def)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

static const char *num(struct app_ctx *ctx, json_t *o, const char *key)
{
	return arena_printf(
	    ctx->arena, "%lld",
	    (long long)json_integer_value(json_object_get(o, key)));
}

/* 0 and s->ntasks 0 when the region has no tasks. */
static int build(struct app_ctx *ctx, const char *region, struct section *s)
{
	struct tp_view v;
	json_t *params, *league, *row;
	size_t i;

	memset(s, 0, sizeof(*s));
	if (tp_view_load(ctx, region, 0, 0, 0, ctx->today, &v))
		return -1;
	if (!v.ntasks)
		return 0;
	s->ntasks = v.ntasks;
	s->tasks = arena_alloc(ctx->arena, v.ntasks * sizeof(*s->tasks));
	for (i = 0; i < v.ntasks; i++) {
		const struct tp_task *k = &v.tasks[i];
		json_t *l = tp_light_json(ctx, k);
		const char **c = s->tasks[i];

		c[0] = k->t->plan_title;
		c[1] = k->t->number;
		c[2] = k->t->text;
		c[3] = k->lead ? k->lead->name : "";
		c[4] = arena_strdup(ctx->arena, s_or(l, "deadline_on", "长期"));
		c[5] = k->latest ? k->latest->period : "";
		c[6] =
		    k->latest && k->latest->percent ? k->latest->percent : "";
		c[7] = arena_strdup(ctx->arena, s_or(l, "expected", ""));
		c[8] = task_light_colour_zh[k->light.colour];
		c[9] = arena_strdup(ctx->arena, s_or(l, "why", ""));
		json_decref(l);
	}
	params = json_pack("{s:s}", "region", region);
	league = app_progress_league(ctx, params);
	json_decref(params);
	if (!league)
		return -1;
	s->nleague = json_array_size(json_object_get(league, "items"));
	s->league =
	    arena_alloc(ctx->arena, (s->nleague + 1) * sizeof(*s->league));
	json_array_foreach(json_object_get(league, "items"), i, row)
	{
		const char **c = s->league[i];

		c[0] = num(ctx, row, "rank");
		c[1] = arena_strdup(ctx->arena, s_or(row, "department", ""));
		c[2] = num(ctx, row, "tasks_led");
		c[3] = num(ctx, row, "green");
		c[4] = num(ctx, row, "yellow");
		c[5] = num(ctx, row, "red");
		c[6] =
		    arena_strdup(ctx->arena, s_or(row, "on_time_share", "—"));
	}
	json_decref(league);
	return 0;
}

static void csv_row(struct abuf *b, const char *const *c, int n)
{
	for (int k = 0; k < n; k++) {
		if (k)
			abuf_puts(b, ",");
		csv_write_field(b, c[k]);
	}
	abuf_puts(b, "\r\n");
}

int task_progress_bulletin_csv(struct app_ctx *ctx, const char *region,
                               struct abuf *b)
{
	struct section s;

	if (build(ctx, region, &s))
		return -1;
	if (!s.ntasks)
		return 0;
	abuf_printf(b, "\r\n重点任务进展（截至 %s）\r\n", ctx->today);
	csv_row(b, task_head, TCOLS);
	for (size_t i = 0; i < s.ntasks; i++)
		csv_row(b, s.tasks[i], TCOLS);
	abuf_puts(b, "\r\n部门进展汇总\r\n");
	csv_row(b, league_head, LCOLS);
	for (size_t i = 0; i < s.nleague; i++)
		csv_row(b, s.league[i], LCOLS);
	return 0;
}

static void html_table(struct abuf *b, const char *const *head, int n,
                       const char *(*rows)[TCOLS], const char *(*lrows)[LCOLS],
                       size_t nrows)
{
	abuf_puts(b, "<table><thead><tr>");
	for (int k = 0; k < n; k++) {
		abuf_puts(b, "<th>");
		text_html_escape(b, head[k]);
		abuf_puts(b, "</th>");
	}
	abuf_puts(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < nrows; i++) {
		const char *const *c = rows ? rows[i] : lrows[i];

		abuf_puts(b, "<tr>");
		for (int k = 0; k < n; k++) {
			abuf_puts(b, "<td>");
			text_html_escape(b, c[k]);
			abuf_puts(b, "</td>");
		}
		abuf_puts(b, "</tr>\n");
	}
	abuf_puts(b, "</tbody></table>\n");
}

int task_progress_bulletin_html(struct app_ctx *ctx, const char *region,
                                struct abuf *b)
{
	struct section s;

	if (build(ctx, region, &s))
		return -1;
	if (!s.ntasks)
		return 0;
	abuf_printf(b,
	            "<section class=\"tasks\"><h2>重点任务进展</h2>\n"
	            "<p>截至 %s · 信号灯按最新一次报告判断："
	            "应完成比例为已过时间占任务时限的比例（四舍五入）</p>\n",
	            ctx->today);
	html_table(b, task_head, TCOLS, s.tasks, NULL, s.ntasks);
	abuf_puts(b, "<h2>部门进展汇总</h2>\n");
	html_table(b, league_head, LCOLS, NULL, s.league, s.nleague);
	abuf_puts(b, "<p><small>按时报告率 = 按期报送的月报数 ÷ 应报月报数，"
	             "保留一位小数，四舍五入。</small></p></section>\n");
	return 0;
}

int task_progress_bulletin_xlsx(struct app_ctx *ctx, const char *region,
                                lxw_workbook *wb)
{
	struct section s;
	lxw_worksheet *ws;
	lxw_row_t row = 0;

	if (build(ctx, region, &s))
		return -1;
	if (!s.ntasks)
		return 0;
	ws = workbook_add_worksheet(wb, "重点任务进展");
	worksheet_write_string(
	    ws, row++, 0,
	    arena_printf(ctx->arena, "重点任务进展（截至 %s）", ctx->today),
	    NULL);
	for (int k = 0; k < TCOLS; k++)
		worksheet_write_string(ws, row, (lxw_col_t)k, task_head[k],
		                       NULL);
	row++;
	for (size_t i = 0; i < s.ntasks; i++, row++)
		for (int k = 0; k < TCOLS; k++)
			worksheet_write_string(ws, row, (lxw_col_t)k,
			                       s.tasks[i][k], NULL);
	ws = workbook_add_worksheet(wb, "部门进展汇总");
	for (int k = 0; k < LCOLS; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, league_head[k],
		                       NULL);
	for (size_t i = 0; i < s.nleague; i++)
		for (int k = 0; k < LCOLS; k++)
			worksheet_write_string(ws, (lxw_row_t)(i + 1),
			                       (lxw_col_t)k, s.league[i][k],
			                       NULL);
	return 0;
}
