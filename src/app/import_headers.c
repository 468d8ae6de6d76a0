#include "app/import_headers.h"

#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct import_column facility_cols[] = {
	{ "id", "机构编号", "更新已有机构时填写系统中的机构编号；新增留空",
	  "" },
	{ "name", "机构名称", "文字，最多 100 字", "幸福里养老院" },
	{ "kind", "机构类型", "从下拉列表选择", "养老机构" },
	{ "region", "所在地区代码|行政区划代码|地区代码",
	  "12 位统计用区划代码（乡镇/街道级）", "511902001000" },
	{ "credit_code", "统一社会信用代码", "18 位，含校验位", "" },
	{ "address", "地址|机构地址", "文字", "幸福路 1 号" },
	{ "lat", "纬度", "十进制度数，如 31.8672", "" },
	{ "lon", "经度", "十进制度数，如 106.7475", "" },
	{ "ownership", "性质|举办性质", "从下拉列表选择", "民办" },
	{ "operation", "运营方式|运营模式", "从下拉列表选择", "民办" },
	{ "profit", "营利性质|营利性", "从下拉列表选择", "非营利" },
	{ "medical_integration", "医养结合", "是 或 否", "否" },
	{ "internal_clinic", "内设医疗机构", "是 或 否", "否" },
	{ "filing_status", "备案状态", "从下拉列表选择", "已备案" },
	{ "filing_date", "备案日期", "日期，如 2024-03-01", "2024-03-01" },
	{ "credit_commitment", "信用承诺", "文字", "" },
	{ "opened_on", "开业日期|成立日期", "日期，如 2020-06-01",
	  "2020-06-01" },
	{ "closed_on", "停业日期", "日期；仍在运营留空", "" },
	{ "closed_reason", "停业原因", "文字", "" },
	{ "caregivers", "护理员人数|养老护理员人数", "整数", "6" },
	{ "social_workers", "社会工作者人数|社工人数", "整数", "1" },
	{ "capacity_date", "容量统计日期", "日期；留空为今天", "" },
	{ "beds", "床位数|床位总数", "整数（养老类机构）", "60" },
	{ "nursing_beds", "护理型床位数", "整数，不超过床位数", "30" },
	{ "occupied_beds", "在住人数|入住床位数", "整数，不超过床位数", "40" },
	{ "slots", "托位数", "整数（托育类机构）", "" },
	{ "affordable_slots", "普惠托位数", "整数，不超过托位数", "" },
	{ "enrolled", "在托人数", "整数", "" },
	{ "residents_selfcare", "自理老人数", "整数", "" },
	{ "residents_partly", "半失能老人数|部分失能老人数", "整数", "" },
	{ "residents_disabled", "失能老人数", "整数", "" },
	{ "affordable_beds", "普惠床位数", "整数，不超过床位数", "" },
	{ "classes", "班级",
	  "每班“班型:托位数:在托人数”，多班用 | 分隔，如 托小班:15:10", "" },
};

/* The example rows never carry an ID number: any valid one may be a real
 * person's, so the cell says what to write instead. */
static const struct import_column person_cols[] = {
	{ "kind", "人员类别|类别", "老年人 或 婴幼儿", "老年人" },
	{ "id_number", "身份证号码|公民身份号码|身份证号",
	  "18 位，设为文本格式，最后一位可为 X", "请填写 18 位身份证号码" },
	{ "name", "姓名", "文字", "张三" },
	{ "sex", "性别", "男 或 女；留空按身份证号码", "" },
	{ "birth_date", "出生日期", "日期；留空按身份证号码", "" },
	{ "region", "所在地区代码|户籍地区代码|地区代码", "12 位统计用区划代码",
	  "511902001001" },
	{ "address", "住址|居住地址", "文字", "" },
	{ "phone", "联系电话|本人电话", "手机或座机号码", "" },
	{ "contact_name", "紧急联系人", "文字", "" },
	{ "contact_phone", "紧急联系人电话", "手机或座机号码", "" },
	{ "guardian_name", "监护人姓名", "文字（婴幼儿）", "" },
	{ "residence", "居住方式", "从下拉列表选择", "" },
	{ "facility_id", "所在机构编号", "系统中的机构编号；不在机构留空", "" },
	{ "deceased_on", "死亡日期", "日期；健在留空", "" },
	{ "categories", "特殊群体类别", "类别代码:开始日期，多项用 | 分隔",
	  "" },
	{ "household", "户号", "文字", "" },
};

static const struct import_column assessment_cols[] = {
	{ "id_number", "身份证号码|公民身份号码", "18 位，设为文本格式",
	  "请填写 18 位身份证号码" },
	{ "assessed_on", "评估日期", "日期", "2025-03-01" },
	{ "assessors", "评估员", "两名评估员，用 、 分隔", "李四、王五" },
	{ "items", "评估项目得分", "26 项得分依次连写，或用空格、| 分隔",
	  "44444444444444444444444444" },
	{ "coma", "昏迷", "是 或 否", "否" },
	{ "diagnosis", "确诊痴呆等疾病|疾病诊断", "是 或 否", "否" },
	{ "risk_events", "近 30 天风险事件次数|风险事件", "整数", "0" },
	{ "reason", "评估原因", "文字", "首次评估" },
	{ "legacy_level", "原能力等级", "文字", "" },
};

static const struct import_column health_cols[] = {
	{ "id_number", "身份证号码|公民身份号码", "18 位，设为文本格式",
	  "请填写 18 位身份证号码" },
	{ "item", "检查项目|项目", "文字", "" },
	{ "done_on", "检查日期", "日期", "2025-03-01" },
	{ "result", "结果|检查结果", "文字", "" },
};

static const struct import_column enrolment_cols[] = {
	{ "id_number", "身份证号码|婴幼儿身份证号码", "18 位，设为文本格式",
	  "请填写 18 位身份证号码" },
	{ "facility_id", "托育机构编号|机构编号", "系统中的机构编号", "" },
	{ "class_type", "班型", "从下拉列表选择", "托小班" },
	{ "start", "入托日期", "日期", "2025-03-01" },
	{ "end", "离托日期", "日期；在托留空", "" },
};

static const struct import_column reported_cols[] = {
	{ "element", "指标要素|要素", "指标要素代码（见指标与通报）", "" },
	{ "region", "地区代码|所在地区代码", "12 位统计用区划代码", "" },
	{ "period", "统计期|统计期间", "如 2025 或 2025-Q1", "2025" },
	{ "value", "数值", "数字", "" },
	{ "text", "文字说明", "文字", "" },
	{ "source", "数据来源|来源", "文字", "" },
};

static const struct import_column population_cols[] = {
	{ "region", "地区代码|所在地区代码", "12 位统计用区划代码",
	  "511902000000" },
	{ "year", "年份", "四位年份", "2024" },
	{ "metric", "人口指标|指标", "从下拉列表选择", "常住人口" },
	{ "value", "数值|人数", "整数", "100000" },
	{ "source", "数据来源|来源", "文字", "统计年鉴" },
};

static const struct import_column region_cols[] = {
	{ "code", "区划代码", "12 位统计用区划代码", "511902001000" },
	{ "name", "名称|区划名称", "文字", "东城街道" },
	{ "level", "层级|级别", "从下拉列表选择", "乡镇/街道" },
	{ "kind", "区划类型|类型", "从下拉列表选择", "行政区" },
	{ "parent", "上级区划代码", "12 位统计用区划代码", "511902000000" },
	{ "source", "数据来源|来源", "文字", "" },
};

static const struct import_kind kinds[] = {
	{ "facilities", "机构", facility_cols, N(facility_cols) },
	{ "persons", "人员", person_cols, N(person_cols) },
	{ "assessments", "能力评估", assessment_cols, N(assessment_cols) },
	{ "health", "健康记录", health_cols, N(health_cols) },
	{ "enrolments", "入托登记", enrolment_cols, N(enrolment_cols) },
	{ "reported", "填报数值", reported_cols, N(reported_cols) },
	{ "population", "人口数据", population_cols, N(population_cols) },
	{ "regions", "行政区划", region_cols, N(region_cols) },
	/* headed by their codes still: named here for the template's file */
	{ "points", "居民点", NULL, 0 },
	{ "trainees", "培训证书", NULL, 0 },
	{ "payees", "收款账户", NULL, 0 },
};

/* The server's own labels (core/facility.c, core/person.c) first, then the
 * words the web client shows where they differ (web/js/i18n.js), as aliases. */
static const struct import_label labels[] = {
	{ "kind", "elderly_institution", "养老机构", 0 },
	{ "kind", "community_complex", "社区养老服务综合体", 0 },
	{ "kind", "day_care_center", "日间照料中心", 0 },
	{ "kind", "regional_center", "区域性养老服务中心", 0 },
	{ "kind", "mutual_aid_point", "互助养老点", 0 },
	{ "kind", "meal_point", "助餐点", 0 },
	{ "kind", "home_bed_provider", "家庭养老床位", 0 },
	{ "kind", "childcare_institution", "托育机构", 0 },
	{ "kind", "family_childcare_point", "家庭托育点", 0 },
	{ "kind", "kindergarten_nursery", "幼儿园托班", 0 },
	{ "ownership", "public", "公办", 0 },
	{ "ownership", "private", "民办", 0 },
	{ "ownership", "state_owned", "国企", 0 },
	{ "operation", "public_run", "公办公营", 0 },
	{ "operation", "public_private", "公建民营", 0 },
	{ "operation", "private_run", "民办", 0 },
	{ "operation", "private_run", "民办民营", 1 },
	{ "profit", "nonprofit", "非营利", 0 },
	{ "profit", "forprofit", "营利", 0 },
	{ "profit", "nonprofit", "非营利性", 1 },
	{ "profit", "forprofit", "营利性", 1 },
	{ "filing_status", "unfiled", "未备案", 0 },
	{ "filing_status", "pending", "备案中", 0 },
	{ "filing_status", "filed", "已备案", 0 },
	{ "filing_status", "rejected", "未通过", 0 },
	{ "filing_status", "revoked", "已撤销", 0 },
	{ "filing_status", "pending", "备案审核中", 1 },
	{ "filing_status", "rejected", "备案未通过", 1 },
	{ "filing_status", "revoked", "备案已撤销", 1 },
	{ "class_type", "infant", "乳儿班", 0 },
	{ "class_type", "toddler_small", "托小班", 0 },
	{ "class_type", "toddler_large", "托大班", 0 },
	{ "class_type", "mixed", "混合编班", 0 },
	{ "sex", "M", "男", 0 },
	{ "sex", "F", "女", 0 },
	{ "metric", "residents", "常住人口", 0 },
	{ "metric", "urban_residents", "城镇常住人口", 0 },
	{ "metric", "registered", "户籍人口", 0 },
	{ "metric", "households", "户数", 0 },
	{ "metric", "aged_60", "60岁及以上", 0 },
	{ "metric", "aged_65", "65岁及以上", 0 },
	{ "metric", "aged_80", "80岁及以上", 0 },
	{ "metric", "children_0_3", "0–3岁婴幼儿", 0 },
	{ "metric", "aged_0_14", "0–14岁", 0 },
	{ "metric", "family_households", "家庭户户数", 0 },
	{ "metric", "family_household_persons", "家庭户人口", 0 },
	{ "metric", "children_0_3", "0-3岁婴幼儿", 1 },
	{ "metric", "aged_0_14", "0-14岁", 1 },
	{ "level", "province", "省级", 0 },
	{ "level", "city", "市级", 0 },
	{ "level", "county", "县级", 0 },
	{ "level", "township", "乡镇/街道", 0 },
	{ "level", "village", "村/社区", 0 },
	/* an assessment's two flags, read as app/transfer.c's care_value()
	 * reads 1 and 0 */
	{ "coma", "1", "是", 0 },
	{ "coma", "0", "否", 0 },
	{ "diagnosis", "1", "是", 0 },
	{ "diagnosis", "0", "否", 0 },
};

/* the person kind and the region kind share the column name "kind" with
 * the facility kind: their own tables */
static const struct import_label person_kind_labels[] = {
	{ "kind", "elderly", "老年人", 0 },
	{ "kind", "infant", "婴幼儿", 0 },
};
static const struct import_label region_kind_labels[] = {
	{ "kind", "admin", "行政区", 0 },
	{ "kind", "zone", "开发区", 0 },
};

static const struct import_label *labels_for(const char *kind,
                                             const char *field, size_t *n)
{
	if (!strcmp(field, "kind") && !strcmp(kind, "persons")) {
		*n = N(person_kind_labels);
		return person_kind_labels;
	}
	if (!strcmp(field, "kind") && !strcmp(kind, "regions")) {
		*n = N(region_kind_labels);
		return region_kind_labels;
	}
	*n = N(labels);
	return labels;
}

const struct import_kind *import_kind_find(const char *kind)
{
	for (size_t i = 0; i < N(kinds); i++)
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	return NULL;
}

const struct import_column *import_column_find(const struct import_kind *k,
                                               const char *field)
{
	for (size_t i = 0; k && i < k->ncols; i++)
		if (!strcmp(k->cols[i].field, field))
			return &k->cols[i];
	return NULL;
}

static int ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);

	return n >= t && !memcmp(s + n - t, tail, t);
}

char *import_header_fold(struct arena *a, const char *header)
{
	struct abuf b;
	const unsigned char *p = (const unsigned char *)header;
	char *s;
	size_t n, start = 0;
	int again = 1;

	abuf_init(&b, a);
	/* full-width ASCII U+FF01..U+FF5E (EF BC 81 .. EF BD 9E) and the
	 * ideographic space to their half-width forms */
	while (*p) {
		if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2]) {
			unsigned cp = ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);

			cp |= 0xF000u;
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				char c = (char)(cp - 0xFF01 + 0x21);

				abuf_append(&b, &c, 1);
				p += 3;
				continue;
			}
		}
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			abuf_append(&b, " ", 1);
			p += 3;
			continue;
		}
		abuf_append(&b, p, 1);
		p++;
	}
	s = b.data;
	n = b.len;
	while (again) {
		again = 0;
		while (n > start && strchr(" \t\r\n", s[n - 1]))
			n--, again = 1;
		while (start < n && strchr(" \t\r\n", s[start]))
			start++, again = 1;
		if (ends_with(s + start, n - start, "(必填)")) {
			n -= strlen("(必填)");
			again = 1;
		} else if (ends_with(s + start, n - start, "*")) {
			n--;
			again = 1;
		}
		if (n > start && s[start] == '*') {
			start++;
			again = 1;
		}
	}
	s[n] = '\0';
	return s + start;
}

static int among(const char *alts, const char *word)
{
	size_t w = strlen(word);

	for (const char *p = alts; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);

		if (len == w && !memcmp(p, word, w))
			return 1;
		p += len + (bar != NULL);
	}
	return 0;
}

const char *import_header_field(struct arena *a, const struct import_kind *k,
                                const char *header)
{
	char *h = import_header_fold(a, header);

	for (size_t i = 0; k && i < k->ncols; i++)
		if (!strcmp(k->cols[i].field, h) || among(k->cols[i].zh, h))
			return k->cols[i].field;
	return NULL;
}

const char *import_value_code(const char *kind, const char *field,
                              const char *value)
{
	size_t n, vlen = strlen(value), s = 0;
	const struct import_label *l = labels_for(kind, field, &n);

	/* surrounding spaces, as a drop-down never leaves them */
	while (vlen > s && value[vlen - 1] == ' ')
		vlen--;
	while (s < vlen && value[s] == ' ')
		s++;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(l[i].field, field) &&
		    strlen(l[i].label) == vlen - s &&
		    !memcmp(l[i].label, value + s, vlen - s))
			return l[i].code;
	return value;
}

size_t import_labels(struct arena *a, const char *kind, const char *field,
                     const char ***out)
{
	size_t n, k = 0;
	const struct import_label *l = labels_for(kind, field, &n);

	*out = arena_alloc(a, (n + 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(l[i].field, field) && !l[i].alias)
			(*out)[k++] = l[i].label;
	return k;
}
