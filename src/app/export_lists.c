#include "app/export_lists.h"

#include "app/applications.h"
#include "app/audit.h"
#include "app/export_sheet.h"
#include "app/facilities.h"
#include "app/indicators.h"
#include "app/people.h"
#include "app/planning.h"
#include "app/policy.h"
#include "app/subsidies.h"
#include "core/person.h"
#include "store/facility_store.h"
#include "store/person_store.h"
#include "store/region_store.h"

#include <string.h>

#define COLS(a) (a), sizeof(a) / sizeof((a)[0])

static const struct export_col facility_cols[] = {
	{ "name", "机构名称", EXPORT_TEXT, 30, 0, NULL },
	{ "kind", "机构类型", EXPORT_LABEL, 16, 0, &facility_kind_names },
	{ "region_name", "所在地区", EXPORT_TEXT, 14, 0, NULL },
	{ "ownership", "举办性质", EXPORT_LABEL, 12, 0, &ownership_names },
	{ "credit_code", "统一社会信用代码", EXPORT_TEXT, 22, 0, NULL },
	{ "address", "地址", EXPORT_TEXT, 30, 0, NULL },
	{ "filing_status", "备案状态", EXPORT_LABEL, 10, 0,
	  &filing_status_names },
	{ "filing_date", "备案日期", EXPORT_TEXT, 12, 0, NULL },
	{ "beds", "床位数", EXPORT_INT, 9, 1, NULL },
	{ "nursing_beds", "护理型床位", EXPORT_INT, 11, 1, NULL },
	{ "occupied_beds", "在住人数", EXPORT_INT, 9, 1, NULL },
	{ "slots", "托位数", EXPORT_INT, 9, 1, NULL },
	{ "affordable_slots", "普惠托位", EXPORT_INT, 9, 1, NULL },
	{ "enrolled", "在托人数", EXPORT_INT, 9, 1, NULL },
	{ "caregivers", "护理员", EXPORT_INT, 8, 1, NULL },
	{ "closed_on", "停业日期", EXPORT_TEXT, 12, 0, NULL },
};

static const struct export_col person_cols[] = {
	{ "name", "姓名", EXPORT_TEXT, 10, 0, NULL },
	{ "id_number", "身份证号码", EXPORT_TEXT, 22, 0, NULL },
	{ "kind_zh", "类别", EXPORT_TEXT, 8, 0, NULL },
	{ "sex_zh", "性别", EXPORT_TEXT, 6, 0, NULL },
	{ "birth_date", "出生日期", EXPORT_TEXT, 12, 0, NULL },
	{ "age", "年龄", EXPORT_INT, 6, 0, NULL },
	{ "region_name", "所在地区", EXPORT_TEXT, 16, 0, NULL },
	{ "categories", "人员类别", EXPORT_TAGS, 24, 0, NULL },
	{ "level.name", "能力等级", EXPORT_TEXT, 12, 0, NULL },
	{ "phone", "电话", EXPORT_TEXT, 14, 0, NULL },
	{ "deceased_on", "已故日期", EXPORT_TEXT, 12, 0, NULL },
};

static const struct export_col ledger_cols[] = {
	{ "id", "流水号", EXPORT_INT, 9, 0, NULL },
	{ "scheme_zh", "补贴项目", EXPORT_TEXT, 20, 0, NULL },
	{ "period", "期间", EXPORT_TEXT, 10, 0, NULL },
	{ "beneficiary_zh", "对象类型", EXPORT_TEXT, 8, 0, NULL },
	{ "beneficiary_id", "对象编号", EXPORT_INT, 9, 0, NULL },
	{ "beneficiary_name", "对象名称", EXPORT_TEXT, 20, 0, NULL },
	{ "region_name", "所在地区", EXPORT_TEXT, 14, 0, NULL },
	{ "kind_zh", "记账类型", EXPORT_TEXT, 8, 0, NULL },
	{ "fen", "金额（元）", EXPORT_FEN, 14, 1, NULL },
	{ "reason", "说明", EXPORT_TEXT, 30, 0, NULL },
	{ "created_at", "记账时间", EXPORT_TEXT, 20, 0, NULL },
};

static const struct export_col application_cols[] = {
	{ "id", "申请编号", EXPORT_INT, 9, 0, NULL },
	{ "scheme_zh", "补贴项目", EXPORT_TEXT, 20, 0, NULL },
	{ "person_name", "申请对象", EXPORT_TEXT, 10, 0, NULL },
	{ "relation", "申请人关系", EXPORT_TEXT, 10, 0, NULL },
	{ "status_zh", "状态", EXPORT_TEXT, 8, 0, NULL },
	{ "submitted_at", "提交时间", EXPORT_TEXT, 20, 0, NULL },
	{ "decided_at", "办结时间", EXPORT_TEXT, 20, 0, NULL },
	{ "decision_reason", "审核意见", EXPORT_TEXT, 30, 0, NULL },
	{ "eligible_from", "享受起始日", EXPORT_TEXT, 12, 0, NULL },
};

static const struct export_col audit_cols[] = {
	{ "at", "时间", EXPORT_TEXT, 20, 0, NULL },
	{ "user", "账号", EXPORT_TEXT, 12, 0, NULL },
	{ "action", "操作", EXPORT_TEXT, 10, 0, NULL },
	{ "entity", "对象", EXPORT_TEXT, 12, 0, NULL },
	{ "entity_id", "对象编号", EXPORT_TEXT, 10, 0, NULL },
	{ "before", "修改前", EXPORT_JSON, 40, 0, NULL },
	{ "after", "修改后", EXPORT_JSON, 40, 0, NULL },
};

static const struct export_col gap_cols[] = {
	{ "item", "项目", EXPORT_TEXT, 16, 0, NULL },
	{ "standard.value", "标准", EXPORT_DEC, 10, 0, NULL },
	{ "need.value", "需求（精确）", EXPORT_DEC, 14, 0, NULL },
	{ "rounded.need", "需求（取整）", EXPORT_DEC, 14, 0, NULL },
	{ "supply.value", "现有", EXPORT_DEC, 12, 0, NULL },
	{ "supply.origin", "现有数来源", EXPORT_TEXT, 22, 0, NULL },
	{ "gap.label_zh", "结论", EXPORT_TEXT, 8, 0, NULL },
	{ "gap.shortfall", "缺口", EXPORT_DEC, 12, 0, NULL },
	{ "gap.surplus", "富余", EXPORT_DEC, 12, 0, NULL },
	{ "rounded.rule_zh", "取整规则", EXPORT_TEXT, 16, 0, NULL },
};

static const struct export_col staffing_cols[] = {
	{ "name", "机构名称", EXPORT_TEXT, 30, 0, NULL },
	{ "region_name", "所在地区", EXPORT_TEXT, 14, 0, NULL },
	{ "beds", "床位数", EXPORT_INT, 9, 1, NULL },
	{ "caregivers.residents.0", "自理老人", EXPORT_INT, 9, 1, NULL },
	{ "caregivers.residents.1", "部分失能老人", EXPORT_INT, 12, 1, NULL },
	{ "caregivers.residents.2", "失能老人", EXPORT_INT, 9, 1, NULL },
	{ "caregivers.needed", "应配护理员", EXPORT_INT, 11, 1, NULL },
	{ "caregivers.on_staff", "在岗护理员", EXPORT_INT, 11, 1, NULL },
	{ "caregivers.shortfall", "护理员缺口", EXPORT_INT, 11, 1, NULL },
	{ "clinic.required", "须设医务室", EXPORT_BOOL, 11, 0, NULL },
	{ "clinic.has", "已设医务室", EXPORT_BOOL, 11, 0, NULL },
};

static const struct export_col coverage_cols[] = {
	{ "name", "居住点", EXPORT_TEXT, 24, 0, NULL },
	{ "region_name", "所在地区", EXPORT_TEXT, 14, 0, NULL },
	{ "population", "未覆盖人口", EXPORT_INT, 11, 1, NULL },
	{ "suggested", "建议新设站点", EXPORT_BOOL, 12, 0, NULL },
	{ "adds_population", "新设后增加覆盖人口", EXPORT_INT, 18, 1, NULL },
	{ "lat", "纬度", EXPORT_DEC, 11, 0, NULL },
	{ "lon", "经度", EXPORT_DEC, 11, 0, NULL },
};

/* The residential points outside walking reach of a site, the most
 * populous first, each marked where a new site is suggested. */
static json_t *coverage_rows(struct app_ctx *ctx, json_t *params)
{
	json_t *doc = app_plan_coverage(ctx, params), *rows, *sugg;
	size_t i, k;
	json_t *row, *s;

	if (!doc)
		return NULL;
	rows = json_deep_copy(json_object_get(doc, "uncovered"));
	sugg = json_object_get(doc, "suggestions");
	json_array_foreach(rows, i, row)
	{
		json_int_t id = json_integer_value(json_object_get(row, "id"));
		const char *code =
		    json_string_value(json_object_get(row, "region"));
		struct region r;
		struct lx_error ignore = { 0 };

		json_object_set_new(row, "suggested", json_false());
		json_array_foreach(sugg, k, s)
		{
			if (json_integer_value(json_object_get(s, "point")) !=
			    id)
				continue;
			json_object_set_new(row, "suggested", json_true());
			json_object_set(row, "adds_population",
			                json_object_get(s, "adds_population"));
		}
		if (code &&
		    !region_store_get(ctx->db, ctx->arena, code, &r, &ignore))
			json_object_set_new(row, "region_name",
			                    json_string(r.name));
	}
	json_decref(doc);
	return rows;
}

/* The gap of places and beds as rows: 托位, 养老床位 (by the standard or
 * the province's target), 护理型床位, the plan's own bed total. */
static json_t *gap_rows(struct app_ctx *ctx, json_t *params)
{
	static const char *const parts[][2] = {
		{ "slots", "托位" },
		{ "beds", "养老床位" },
		{ "nursing_beds", "护理型床位" },
		{ "beds_target", "规划床位总量" },
	};
	json_t *gap = app_plan_gap(ctx, params), *rows;

	if (!gap)
		return NULL;
	rows = json_array();
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		json_t *part = json_object_get(gap, parts[i][0]);

		/* a part the policy does not plan for has no need */
		if (!json_is_object(json_object_get(part, "need")))
			continue;
		part = json_deep_copy(part);
		json_object_set_new(part, "item", json_string(parts[i][1]));
		json_array_append_new(rows, part);
	}
	json_decref(gap);
	return rows;
}

/* The staffing of each elderly-care institution, named by region. */
static json_t *staffing_rows(struct app_ctx *ctx, json_t *params)
{
	json_t *doc = app_plan_staffing(ctx, params), *rows;
	size_t i;
	json_t *row;

	if (!doc)
		return NULL;
	rows = json_deep_copy(json_object_get(doc, "institutions"));
	json_decref(doc);
	json_array_foreach(rows, i, row)
	{
		struct region r;
		struct lx_error ignore = { 0 };
		const char *code =
		    json_string_value(json_object_get(row, "region"));

		if (code &&
		    !region_store_get(ctx->db, ctx->arena, code, &r, &ignore))
			json_object_set_new(row, "region_name",
			                    json_string(r.name));
	}
	return rows;
}

typedef json_t *(*list_fn)(struct app_ctx *, json_t *);

/* A workbook is built in memory from the list's rows: a whole city's
 * people at full scale (hundreds of thousands) is narrowed first. */
#define EXPORT_MAX_ROWS 100000

/* Every page of a paged list (page/per_page/total), or the one answer of
 * an unpaged one. */
static json_t *all_rows(struct app_ctx *ctx, list_fn fn, json_t *params,
                        int paged)
{
	json_t *q = json_deep_copy(params ? params : json_object());
	json_t *rows = json_array();

	for (long page = 1;; page++) {
		json_t *res, *items;

		if (paged) {
			json_object_set_new(
			    q, "page",
			    json_string(arena_printf(ctx->arena, "%ld", page)));
			json_object_set_new(q, "per_page", json_string("1000"));
		}
		res = fn(ctx, q);
		if (!res) {
			json_decref(q);
			json_decref(rows);
			return NULL;
		}
		items = json_object_get(res, "items");
		if (paged && json_integer_value(json_object_get(res, "total")) >
		                 EXPORT_MAX_ROWS) {
			lx_fail(
			    &ctx->err, LX_EINVALID, "region",
			    "%lld rows are more than one export holds (%d): "
			    "narrow the region or the filters",
			    (long long)json_integer_value(
			        json_object_get(res, "total")),
			    EXPORT_MAX_ROWS);
			json_decref(res);
			json_decref(q);
			json_decref(rows);
			return NULL;
		}
		json_array_extend(rows, items);
		if (!paged || !json_array_size(items) ||
		    (json_int_t)json_array_size(rows) >=
		        json_integer_value(json_object_get(res, "total"))) {
			json_decref(res);
			break;
		}
		json_decref(res);
	}
	json_decref(q);
	return rows;
}

/* Sets key to the Chinese text of a code in each row. */
static void name_codes(json_t *rows, const char *from, const char *to,
                       const char *const *pairs)
{
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row)
	{
		const char *code =
		    json_string_value(json_object_get(row, from));
		const char *zh = code;

		for (const char *const *p = pairs; code && p[0]; p += 2)
			if (!strcmp(p[0], code))
				zh = p[1];
		if (zh)
			json_object_set_new(row, to, json_string(zh));
	}
}

/* scheme ids as their names, from the policy of each row's region (or
 * the caller's); an id no policy names stays as it is. */
static void name_schemes(struct app_ctx *ctx, json_t *rows)
{
	struct policy_view view;
	const char *seen = NULL; /* the region view is of */
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row)
	{
		const char *id =
		    json_string_value(json_object_get(row, "scheme"));
		const char *region =
		    json_string_value(json_object_get(row, "region"));
		const char *zh = id;

		if (!id)
			continue;
		json_object_set_new(row, "scheme_zh", json_string(id));
		if (!region || !*region)
			region = ctx->who->region[0] ? ctx->who->region : NULL;
		if (!region || !ctx->policies)
			continue;
		if (!seen || strcmp(seen, region)) {
			if (app_policy_view(ctx, region, &view)) {
				/* a region without policies keeps the id */
				memset(&ctx->err, 0, sizeof(ctx->err));
				seen = NULL;
				continue;
			}
			seen = arena_strdup(ctx->arena, region);
		}
		for (size_t k = 0; k < view.nschemes; k++)
			if (!strcmp(view.schemes[k]->id, id))
				zh = view.schemes[k]->name_zh;
		json_object_set_new(row, "scheme_zh", json_string(zh));
	}
}

/* The name of each line's beneficiary (a person or an institution; a
 * service provider keeps its number) and of its region, each looked up
 * once however many lines name it. */
static void name_beneficiaries(struct app_ctx *ctx, json_t *rows)
{
	json_t *seen = json_object();
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row)
	{
		const char *kind =
		    json_string_value(json_object_get(row, "beneficiary_kind"));
		long long id =
		    json_integer_value(json_object_get(row, "beneficiary_id"));
		const char *region =
		    json_string_value(json_object_get(row, "region"));
		const char *key =
		    arena_printf(ctx->arena, "%s:%lld", kind ? kind : "", id);
		json_t *name = json_object_get(seen, key);
		struct lx_error ignore = { 0 };

		if (!name) {
			struct person p;
			struct facility f;

			if (kind && !strcmp(kind, "person") &&
			    !person_store_get(ctx->db, ctx->arena, id, &p,
			                      &ignore))
				name = json_string(p.name);
			else if (kind && !strcmp(kind, "institution") &&
			         !facility_store_get(ctx->db, ctx->arena, id,
			                             NULL, &f, &ignore))
				name = json_string(f.name);
			else
				name = json_null();
			json_object_set_new(seen, key, name);
		}
		json_object_set(row, "beneficiary_name", name);
		if (region && !json_object_get(seen, region)) {
			struct region r;

			json_object_set_new(
			    seen, region,
			    !region_store_get(ctx->db, ctx->arena, region, &r,
			                      &ignore)
			        ? json_string(r.name)
			        : json_string(region));
		}
		if (region)
			json_object_set(row, "region_name",
			                json_object_get(seen, region));
	}
	json_decref(seen);
}

static const char *const person_kinds[] = { "elderly", "老年人", "infant",
	                                    "婴幼儿", NULL };
static const char *const sexes[] = { "M", "男", "F", "女", NULL };
static const char *const beneficiaries[] = {
	"person", "个人", "institution", "机构", "facility", "机构", NULL
};
static const char *const line_kinds[] = { "payment", "发放",     "adjustment",
	                                  "补差",    "reversal", "冲正",
	                                  NULL };
static const char *const app_statuses[] = { "submitted", "待审核",   "approved",
	                                    "已批准",    "rejected", "未批准",
	                                    NULL };

/* The region the file is named after: the filter's, else the caller's. */
static const char *region_name(struct app_ctx *ctx, json_t *params)
{
	const char *code = json_string_value(json_object_get(params, "region"));
	struct region r;
	struct lx_error ignore = { 0 };

	if (!code || !*code)
		code = ctx->who->region[0] ? ctx->who->region : NULL;
	if (code && !region_store_get(ctx->db, ctx->arena, code, &r, &ignore))
		return r.name;
	return "全部地区";
}

int app_export_list_xlsx(struct app_ctx *ctx, const char *kind, json_t *params,
                         char **out, size_t *len, const char **filename)
{
	struct export_sheet s = { 0 };
	json_t *rows;
	int ret;

	if (!strcmp(kind, "facilities")) {
		s = (struct export_sheet){ "机构名录", COLS(facility_cols), 1 };
		rows = all_rows(ctx, app_facility_list, params, 1);
	} else if (!strcmp(kind, "persons")) {
		s = (struct export_sheet){ "人员名册", COLS(person_cols), 0 };
		rows = all_rows(ctx, app_person_list, params, 1);
		if (rows) {
			name_codes(rows, "kind", "kind_zh", person_kinds);
			name_codes(rows, "sex", "sex_zh", sexes);
		}
	} else if (!strcmp(kind, "ledger")) {
		s = (struct export_sheet){ "补贴台账", COLS(ledger_cols), 1 };
		rows = all_rows(ctx, app_ledger_list, params, 0);
		if (rows) {
			name_codes(rows, "beneficiary_kind", "beneficiary_zh",
			           beneficiaries);
			name_codes(rows, "kind", "kind_zh", line_kinds);
			name_schemes(ctx, rows);
			name_beneficiaries(ctx, rows);
		}
	} else if (!strcmp(kind, "applications")) {
		s = (struct export_sheet){ "补贴申请", COLS(application_cols),
			                   0 };
		rows = all_rows(ctx, app_application_list, params, 0);
		if (rows) {
			name_codes(rows, "status", "status_zh", app_statuses);
			name_schemes(ctx, rows);
		}
	} else if (!strcmp(kind, "audit")) {
		s = (struct export_sheet){ "操作日志", COLS(audit_cols), 0 };
		rows = all_rows(ctx, app_audit_list, params, 1);
	} else if (!strcmp(kind, "plan-gap")) {
		s = (struct export_sheet){ "规划缺口", COLS(gap_cols), 0 };
		rows = gap_rows(ctx, params);
	} else if (!strcmp(kind, "plan-coverage")) {
		s = (struct export_sheet){ "覆盖缺口", COLS(coverage_cols), 1 };
		rows = coverage_rows(ctx, params);
	} else if (!strcmp(kind, "plan-staffing")) {
		s = (struct export_sheet){ "人员配备", COLS(staffing_cols), 1 };
		rows = staffing_rows(ctx, params);
	} else {
		return lx_fail(&ctx->err, LX_ENOTFOUND, "kind",
		               "nothing to export as '%.30s'", kind);
	}
	if (!rows)
		return -1;
	ret = export_sheet_xlsx(ctx, &s, rows, out, len);
	json_decref(rows);
	if (!ret)
		*filename = arena_printf(ctx->arena, "%s-%s-%s.xlsx", s.title,
		                         region_name(ctx, params), ctx->today);
	return ret;
}
