#include "app/inspect_hazard_notice.h"

#include "app/inspect_hazards.h"
#include "core/text.h"

#include <string.h>

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static void row(struct abuf *b, const char *label, const char *value)
{
	abuf_puts(b, "<tr><th>");
	text_html_escape(b, label);
	abuf_puts(b, "</th><td>");
	text_html_escape(b, *value ? value : "—");
	abuf_puts(b, "</td></tr>\n");
}

static const char *step_label(const char *kind)
{
	static const char *const k[][2] = {
		{ "found", "发现隐患" },
		{ "order", "下达整改通知" },
		{ "answer", "机构报告整改" },
		{ "recheck_passed", "复查通过，销号" },
		{ "recheck_failed", "复查未通过，重新限期整改" },
		{ "escalate_county", "逾期，报县级主管部门" },
		{ "escalate_city", "逾期，报市级主管部门" },
	};

	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (!strcmp(k[i][0], kind))
			return k[i][1];
	return kind;
}

int app_hazard_notice(struct app_ctx *ctx, long long id, char **html,
                      size_t *len)
{
	json_t *h = app_hazard_get(ctx, id), *f, *s;
	struct abuf b;
	size_t i;

	if (!h)
		return -1;
	f = json_object_get(h, "facility");
	abuf_init(&b, ctx->arena);
	abuf_puts(&b, "<!doctype html>\n<html lang=\"zh-CN\"><head>"
	              "<meta charset=\"utf-8\"><title>");
	abuf_printf(&b, "隐患整改通报（第 %lld 号）", id);
	abuf_puts(&b,
	          "</title><style>body{font-family:sans-serif;max-width:"
	          "48em;margin:2em auto;padding:0 1em}table{border-collapse:"
	          "collapse;width:100%}th,td{border:1px solid #999;padding:"
	          ".4em;text-align:left;vertical-align:top}th{width:9em;"
	          "background:#f3f4f6}@media print{body{margin:0}}</style>"
	          "</head><body>\n");
	abuf_printf(&b, "<h1>隐患整改通报（第 %lld 号）</h1>\n", id);
	abuf_puts(&b, "<table>\n");
	row(&b, "机构", str(f, "name"));
	row(&b, "所在地区", str(f, "region_name"));
	row(&b, "领域", str(h, "domain_label"));
	row(&b, "主管部门", str(h, "department"));
	row(&b, "检查项", str(h, "item_text"));
	row(&b, "发现的问题", str(h, "description"));
	row(&b, "隐患等级", str(h, "severity_label"));
	row(&b, "发现日期", str(h, "found_on"));
	row(&b, "下达整改日期", str(h, "ordered_on"));
	row(&b, "整改期限", str(h, "deadline"));
	row(&b, "责任人（主要负责人）", str(h, "responsible"));
	row(&b, "整改情况", str(h, "rectification"));
	row(&b, "整改完成日期", str(h, "rectified_on"));
	row(&b, "当前状态", str(h, "status_label"));
	row(&b, "逾期上报", str(h, "escalated_label"));
	row(&b, "复查销号日期", str(h, "closed_on"));
	if (json_is_true(json_object_get(h, "stops_admission")))
		row(&b, "处置措施",
		    !strcmp(str(h, "status"), "closed")
		        ? "重大事故隐患：整改期间停止收住，已复查销号"
		        : "重大事故隐患：停止收住，整改并经复查销号前不得收住");
	abuf_puts(&b, "</table>\n<h2>办理经过</h2>\n<table>\n"
	              "<tr><th>日期</th><th>环节</th><td><b>说明</b></td>"
	              "</tr>\n");
	json_array_foreach(json_object_get(h, "steps"), i, s)
	{
		const char *on = str(s, "on");

		abuf_puts(&b, "<tr><th>");
		text_html_escape(&b, *on ? on : str(s, "at"));
		abuf_puts(&b, "</th><th>");
		text_html_escape(&b, step_label(str(s, "kind")));
		abuf_puts(&b, "</th><td>");
		text_html_escape(&b, str(s, "note"));
		if (*str(s, "deadline") &&
		    (!strcmp(str(s, "kind"), "order") ||
		     !strcmp(str(s, "kind"), "recheck_failed"))) {
			abuf_puts(&b, "（整改期限 ");
			text_html_escape(&b, str(s, "deadline"));
			abuf_puts(&b, "）");
		}
		abuf_puts(&b, "</td></tr>\n");
	}
	abuf_printf(&b, "</table>\n<p>通报日期：%s</p>\n</body></html>\n",
	            ctx->today);
	json_decref(h);
	*html = b.data;
	*len = b.len;
	return 0;
}
