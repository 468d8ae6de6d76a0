/* The starting policy file. Examples are real rows the loader checks like
 * any other, marked 例： in their note and grouped under 示例 so a page
 * shows them as examples until they are deleted (docs/policy.md, "A new
 * jurisdiction"). */
#include "app/policy_scaffold.h"

#include "core/region_code.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* National figures the loader's planning keys take, each with the national
 * document that sets it; a city replaces them with its own plan's. */
static const struct {
	const char *key, *value, *source;
} national[] = {
	{ "slots_per_1000", "4.5",
	  "《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标"
	  "纲要》专栏1 经济社会发展主要指标：每千人口拥有3岁以下婴幼儿托位数 "
	  "2025年 4.5个" },
	{ "nursing_share_percent", "55",
	  "国发〔2021〕35号《“十四五”国家老龄事业发展和养老服务体系规划》"
	  "专栏1 主要指标：养老机构护理型床位占比 55%" },
	{ "land_m2_per_resident", "0.1",
	  "国发〔2013〕35号《国务院关于加快发展养老服务业的若干意见》：按照"
	  "人均用地不少于0.1平方米的标准，分区分级规划设置养老服务设施" },
};

static const char *const national_note =
    "国家默认值：请换成本地规划文件的数字与出处（文件名、条款或表号、行）";

int policy_scaffold_code(const char *in, const char *field, char out[13],
                         struct lx_error *err)
{
	size_t n = in ? strlen(in) : 0;

	if (n != 6 && n != 12)
		return lx_fail(err, LX_EINVALID, field,
		               "must be a 12-digit division code (or its "
		               "first 6 digits)");
	memcpy(out, in, n);
	memset(out + n, '0', 12 - n);
	out[12] = '\0';
	if (!region_code_valid(out))
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' is not a division code", in);
	return 0;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *planning(void)
{
	json_t *o = json_object();

	for (size_t i = 0; i < sizeof(national) / sizeof(national[0]); i++)
		json_object_set_new(o, national[i].key,
		                    json_pack("{s:s, s:s, s:s}", "value",
		                              national[i].value, "source",
		                              national[i].source, "note",
		                              national_note));
	return o;
}

/* One example row; numerator/denominator NULL for none, op "text" with
 * value the target's text, op NULL for a descriptive row (no target). */
static json_t *example(const char *id, int seq, const char *name,
                       const char *unit, const char *numerator,
                       const char *denominator, int factor, const char *op,
                       const char *value, const char *source, const char *note)
{
	json_t *target =
	    op ? json_pack("{s:i, s:s}", "year", 2025, "op", op) : NULL;
	json_t *row = json_object();

	if (target)
		json_object_set_new(target,
		                    strcmp(op, "text") ? "value" : "text",
		                    json_string(value));
	json_object_set_new(row, "id", json_string(id));
	json_object_set_new(row, "group", json_string("example"));
	json_object_set_new(row, "seq", json_integer(seq));
	json_object_set_new(row, "name", json_string(name));
	json_object_set_new(row, "unit", str_or_null(unit));
	json_object_set_new(row, "base",
	                    json_pack("{s:n, s:n}", "year", "value"));
	json_object_set_new(row, "target", target ? target : json_null());
	json_object_set_new(row, "numerator", str_or_null(numerator));
	if (denominator)
		json_object_set_new(row, "denominator",
		                    json_string(denominator));
	if (factor != 1)
		json_object_set_new(row, "factor", json_integer(factor));
	json_object_set_new(row, "source", json_string(source));
	json_object_set_new(row, "note", json_string(note));
	return row;
}

static json_t *examples(void)
{
	json_t *v = json_array();

	json_array_append_new(
	    v,
	    example("example_ratio", 1, "护理型养老床位占比", "%",
	            "nursing_beds", "beds", 100, ">=", "55", national[1].source,
	            "例：计算的比率（分子÷分母×100），分子分母为数据元素。"
	            "换成本地指标后删除。"));
	json_array_append_new(
	    v,
	    example(
	        "example_count", 2, "养老机构床位数", "张",
	        "beds.elderly_institution", NULL, 1, NULL, NULL,
	        "例：本地规划的出处（文件名、表号、行）",
	        "例：计数（只有分子），不设目标（target 为 null）：只看数值，"
	        "不考核达标；有规划目标时写上 target。换成本地指标后删除。"));
	json_array_append_new(
	    v, example("example_reported", 3, "基本养老保险参保率", "%", NULL,
	               NULL, 1, ">=", "95",
	               "例：本地规划的出处（文件名、表号、行）",
	               "例：部门填报的数值（numerator 为 null，"
	               "reported_elements 中有与 id 同名的填报项）。"
	               "目标值仅为示意；换成本地指标后与填报项一并删除。"));
	json_array_append_new(
	    v, example("example_text", 4, "建立老年人能力综合评估制度", NULL,
	               NULL, NULL, 1, "text", "建立",
	               "例：本地规划的出处（文件名、条款）",
	               "例：文字目标（op 为 text，部门填报完成情况，"
	               "reported_elements 中有与 id 同名的填报项），不写分子"
	               "分母。换成本地指标后与填报项一并删除。"));
	return v;
}

char *policy_scaffold(struct arena *a, const char *code, const char *name,
                      const char *parent, struct lx_error *err)
{
	char c[13], pc[13];
	json_t *doc = NULL;
	char *text = NULL, *out = NULL;

	if (policy_scaffold_code(code, "code", c, err))
		goto cleanup;
	if (!name || !*name) {
		lx_fail(err, LX_EINVALID, "name",
		        "is required: the jurisdiction's name, e.g. 某某市");
		goto cleanup;
	}
	if (parent && policy_scaffold_code(parent, "parent", pc, err))
		goto cleanup;
	if (parent && (!strcmp(pc, c) || !region_code_is_within(c, pc))) {
		lx_fail(err, LX_EINVALID, "parent",
		        "'%s' is not a region above '%s'", pc, c);
		goto cleanup;
	}
	doc = json_object();
	json_object_set_new(doc, "jurisdiction", json_string(c));
	json_object_set_new(doc, "name", json_string(name));
	if (parent)
		json_object_set_new(doc, "parent", json_string(pc));
	json_object_set_new(
	    doc, "note",
	    json_string("起始文件：规划标准为国家默认值，请换成本地规划的数字"
	                "与出处；示例组中的四行指标（说明以“例：”开头）与两个"
	                "填报项 example_reported、example_text "
	                "为示例，照其格式填写本地指标后"
	                "删除。"));
	json_object_set_new(
	    doc, "regions",
	    json_pack("[{s:s, s:s, s:s}]", "code", c, "name", name, "note",
	              "本级。下辖区域按国家统计局统计用区划代码补充"));
	json_object_set_new(
	    doc, "groups",
	    json_pack("[{s:s, s:s, s:s}]", "id", "example", "name",
	              "示例（填写本地指标后删除）", "name_en",
	              "Examples (delete after adding local indicators)"));
	json_object_set_new(
	    doc, "reported_elements",
	    json_pack("[{s:s, s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}]",
	              "name", "example_reported", "label", "基本养老保险参保率",
	              "unit", "%", "aggregation", "none", "note",
	              "例：部门填报的数值；与示例指标一并删除", "name",
	              "example_text", "label", "建立老年人能力综合评估制度",
	              "aggregation", "none", "note",
	              "例：部门填报的完成情况；与示例指标一并删除"));
	json_object_set_new(doc, "indicators", examples());
	json_object_set_new(doc, "planning", planning());
	json_object_set_new(doc, "schemes", json_array());
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text) {
		lx_fail(err, LX_EINTERNAL, "", "cannot write the policy text");
		goto cleanup;
	}
	out = arena_printf(a, "%s\n", text);
cleanup:
	free(text);
	json_decref(doc);
	return out;
}
