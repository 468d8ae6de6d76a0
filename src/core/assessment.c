#include "core/assessment.h"

#include <stdio.h>
#include <string.h>

/* The common 5-step scale ("Std" in standards.md), by score. */
#define STD4 "独立完成，不需要协助"
#define STD3 "在他人指导或提示下完成"
#define STD2 "需要他人协助，但以自身完成为主"
#define STD1 "主要依靠他人协助，自身能给予配合"
#define STD0 "完全依赖他人协助，且不能给予配合"
#define STD_WORDING                                                            \
	{                                                                      \
		STD0, STD1, STD2, STD3, STD4                                   \
	}
#define STD_ALL 0x1fu /* scores 0..4 all worded by the common scale */

/*
 * The items in standards.md's order. An item with STD_WORDING and STD_ALL
 * has no wording of its own in standards.md: the common scale's text
 * stands in. Items scored on fewer than five steps (0–1, 0–2, 0–3) get no
 * common-scale text, since its steps do not fit them; their scores carry
 * only the wording standards.md gives, if any.
 */
static const struct assess_item items[ASSESS_ITEM_COUNT] = {
	/* B.1 自理能力 */
	{ "B.1.1",
	  ASSESS_DIM_SELF_CARE,
	  "进食",
	  "eating",
	  4,
	  { "完全依赖、吞咽困难或留置营养管", "大量协助、经常呛咳",
	    "少量接触式协助、偶尔呛咳", STD3, "独立、无呛咳" },
	  1u << 3 },
	{ "B.1.2", ASSESS_DIM_SELF_CARE, "修饰", "grooming", 4, STD_WORDING,
	  STD_ALL },
	{ "B.1.3", ASSESS_DIM_SELF_CARE, "洗澡", "bathing", 4, STD_WORDING,
	  STD_ALL },
	{ "B.1.4", ASSESS_DIM_SELF_CARE, "穿/脱上衣", "dressing the upper body",
	  4, STD_WORDING, STD_ALL },
	{ "B.1.5", ASSESS_DIM_SELF_CARE, "穿/脱裤子和鞋袜",
	  "dressing trousers, shoes and socks", 4, STD_WORDING, STD_ALL },
	/* only 0 is worded in standards.md; 1–4 are the common scale */
	{ "B.1.6",
	  ASSESS_DIM_SELF_CARE,
	  "小便控制",
	  "urinary control",
	  4,
	  { "失禁或留置导尿管", STD1, STD2, STD3, STD4 },
	  0x1eu },
	{ "B.1.7", ASSESS_DIM_SELF_CARE, "大便控制", "bowel control", 4,
	  STD_WORDING, STD_ALL },
	{ "B.1.8", ASSESS_DIM_SELF_CARE, "如厕", "toileting", 4, STD_WORDING,
	  STD_ALL },
	/* B.2 基础运动能力 */
	{ "B.2.1", ASSESS_DIM_MOTOR, "床上体位转移", "turning over in bed", 4,
	  STD_WORDING, STD_ALL },
	{ "B.2.2", ASSESS_DIM_MOTOR, "床椅转移", "bed-chair transfer", 4,
	  STD_WORDING, STD_ALL },
	/* only 4 is worded in standards.md; 0–3 are the common scale */
	{ "B.2.3",
	  ASSESS_DIM_MOTOR,
	  "平地行走",
	  "walking on level ground",
	  4,
	  { STD0, STD1, STD2, STD3, "独立走约50 m" },
	  0x0fu },
	{ "B.2.4",
	  ASSESS_DIM_MOTOR,
	  "上下楼梯",
	  "going up and down stairs",
	  3,
	  { NULL, NULL, NULL, "独立连续上下10–15级台阶", NULL },
	  0 },
	/* B.3 精神状态 */
	{ "B.3.1", ASSESS_DIM_MENTAL, "时间定向", "orientation to time", 4,
	  STD_WORDING, STD_ALL },
	{ "B.3.2", ASSESS_DIM_MENTAL, "空间定向", "orientation to place", 4,
	  STD_WORDING, STD_ALL },
	{ "B.3.3", ASSESS_DIM_MENTAL, "人物定向", "orientation to people", 4,
	  STD_WORDING, STD_ALL },
	{ "B.3.4", ASSESS_DIM_MENTAL, "记忆", "memory", 4, STD_WORDING,
	  STD_ALL },
	{ "B.3.5", ASSESS_DIM_MENTAL, "理解能力", "understanding", 4,
	  STD_WORDING, STD_ALL },
	{ "B.3.6", ASSESS_DIM_MENTAL, "表达能力", "expression", 4, STD_WORDING,
	  STD_ALL },
	{ "B.3.7",
	  ASSESS_DIM_MENTAL,
	  "攻击行为",
	  "aggressive behaviour",
	  1,
	  { NULL, "近一个月未出现", NULL, NULL, NULL },
	  0 },
	{ "B.3.8",
	  ASSESS_DIM_MENTAL,
	  "抑郁症状",
	  "depressive symptoms",
	  1,
	  { NULL, NULL, NULL, NULL, NULL },
	  0 },
	{ "B.3.9",
	  ASSESS_DIM_MENTAL,
	  "意识水平",
	  "level of consciousness",
	  2,
	  { "昏睡或昏迷", "嗜睡或意识模糊", "神志清醒", NULL, NULL },
	  0 },
	/* B.4 感知觉与社会参与 */
	{ "B.4.1",
	  ASSESS_DIM_PERCEPTION,
	  "视力",
	  "vision",
	  2,
	  { NULL, NULL, NULL, NULL, NULL },
	  0 },
	{ "B.4.2",
	  ASSESS_DIM_PERCEPTION,
	  "听力",
	  "hearing",
	  2,
	  { NULL, NULL, NULL, NULL, NULL },
	  0 },
	{ "B.4.3", ASSESS_DIM_PERCEPTION, "执行日常事务",
	  "managing daily affairs", 4, STD_WORDING, STD_ALL },
	{ "B.4.4",
	  ASSESS_DIM_PERCEPTION,
	  "使用交通工具外出",
	  "going out by transport",
	  3,
	  { NULL, NULL, NULL, NULL, NULL },
	  0 },
	{ "B.4.5", ASSESS_DIM_PERCEPTION, "社会交往能力", "social interaction",
	  4, STD_WORDING, STD_ALL },
};

static const struct {
	const char *code, *zh, *en;
} dimensions[ASSESS_DIM__MAX] = {
	{ "B.1", "自理能力", "self-care" },
	{ "B.2", "基础运动能力", "basic mobility" },
	{ "B.3", "精神状态", "mental state" },
	{ "B.4", "感知觉与社会参与", "perception and social participation" },
};

static const struct {
	const char *zh, *en;
} levels[ASSESS_LEVEL__MAX] = {
	{ "能力完好", "intact" },
	{ "能力轻度受损（轻度失能）", "mildly impaired (mild disability)" },
	{ "能力中度受损（中度失能）",
	  "moderately impaired (moderate disability)" },
	{ "能力重度受损（重度失能）", "severely impaired (severe disability)" },
	{ "能力完全丧失（完全失能）", "ability lost (complete disability)" },
};

/* Short level names for the reasons, so a sentence stays readable. */
static const char *const levels_short_zh[ASSESS_LEVEL__MAX] = {
	"能力完好", "轻度失能", "中度失能", "重度失能", "能力完全丧失",
};

static const struct {
	const char *code, *zh, *en;
} cares[ASSESS_CARE__MAX] = {
	{ "self", "自理", "self-care" },
	{ "partly", "半失能", "partly disabled" },
	{ "disabled", "失能", "disabled" },
};

static const char *const rule_names[ASSESS_RULE__MAX] = {
	"coma",
	"diagnosis",
	"risk_events",
};

const struct assess_item *assess_item(size_t i)
{
	return i < ASSESS_ITEM_COUNT ? &items[i] : NULL;
}

const char *assess_dimension_code(enum assess_dimension d)
{
	return (unsigned)d < ASSESS_DIM__MAX ? dimensions[d].code : "unknown";
}

const char *assess_dimension_name_zh(enum assess_dimension d)
{
	return (unsigned)d < ASSESS_DIM__MAX ? dimensions[d].zh : "unknown";
}

const char *assess_dimension_name_en(enum assess_dimension d)
{
	return (unsigned)d < ASSESS_DIM__MAX ? dimensions[d].en : "unknown";
}

int assess_dimension_max(enum assess_dimension d)
{
	int sum = 0;

	for (size_t i = 0; i < ASSESS_ITEM_COUNT; i++)
		if (items[i].dimension == d)
			sum += items[i].max;
	return sum;
}

const char *assess_level_zh(enum assess_level l)
{
	return (unsigned)l < ASSESS_LEVEL__MAX ? levels[l].zh : "unknown";
}

const char *assess_level_en(enum assess_level l)
{
	return (unsigned)l < ASSESS_LEVEL__MAX ? levels[l].en : "unknown";
}

const char *assess_care_code(enum assess_care c)
{
	return (unsigned)c < ASSESS_CARE__MAX ? cares[c].code : "unknown";
}

const char *assess_care_zh(enum assess_care c)
{
	return (unsigned)c < ASSESS_CARE__MAX ? cares[c].zh : "unknown";
}

const char *assess_care_en(enum assess_care c)
{
	return (unsigned)c < ASSESS_CARE__MAX ? cares[c].en : "unknown";
}

int assess_care_parse(const char *s)
{
	for (int i = 0; s && i < ASSESS_CARE__MAX; i++)
		if (!strcmp(cares[i].code, s))
			return i;
	return -1;
}

const char *assess_rule_name(enum assess_rule r)
{
	return (unsigned)r < ASSESS_RULE__MAX ? rule_names[r] : "unknown";
}

int assess_initial_level(int total)
{
	if (total < 0 || total > ASSESS_TOTAL_MAX)
		return -1;
	if (total == ASSESS_TOTAL_MAX)
		return ASSESS_LEVEL_INTACT;
	if (total >= 66)
		return ASSESS_LEVEL_MILD;
	if (total >= 46)
		return ASSESS_LEVEL_MODERATE;
	if (total >= 30)
		return ASSESS_LEVEL_SEVERE;
	return ASSESS_LEVEL_LOST;
}

struct assess_policy assess_policy_default(void)
{
	struct assess_policy p = {
		.stack_changes = 0,
		.care_of = {
			[ASSESS_LEVEL_INTACT] = ASSESS_CARE_SELF,
			[ASSESS_LEVEL_MILD] = ASSESS_CARE_SELF,
			[ASSESS_LEVEL_MODERATE] = ASSESS_CARE_PARTLY,
			[ASSESS_LEVEL_SEVERE] = ASSESS_CARE_DISABLED,
			[ASSESS_LEVEL_LOST] = ASSESS_CARE_DISABLED,
		},
	};

	return p;
}

static int check_policy(const struct assess_policy *pol, struct lx_error *err)
{
	for (int l = 0; l < ASSESS_LEVEL__MAX; l++) {
		if ((unsigned)pol->care_of[l] < ASSESS_CARE__MAX)
			continue;
		lx_fail(err, LX_EINVALID, "",
		        "the care category of level %d must be 0–%d, not %d", l,
		        ASSESS_CARE__MAX - 1, (int)pol->care_of[l]);
		if (err)
			snprintf(err->field, sizeof(err->field), "care_of[%d]",
			         l);
		return -1;
	}
	return 0;
}

static enum assess_level worse(enum assess_level l)
{
	return l < ASSESS_LEVEL_LOST ? l + 1 : ASSESS_LEVEL_LOST;
}

static struct assess_change *add_change(struct assess_result *out,
                                        enum assess_rule rule,
                                        enum assess_level from,
                                        enum assess_level to)
{
	struct assess_change *c = &out->changes[out->nchanges++];

	c->rule = rule;
	c->from = from;
	c->to = to;
	c->applied = from != to;
	return c;
}

/* Why a rule that holds moved the level, or why it did not. */
static void explain(struct assess_change *c, const char *what_zh,
                    const char *what_en, const char *why_zh, const char *why_en)
{
	if (c->applied) {
		snprintf(c->zh, sizeof(c->zh), "%s：%s→%s", what_zh,
		         levels_short_zh[c->from], levels_short_zh[c->to]);
		snprintf(c->en, sizeof(c->en), "%s: %s -> %s", what_en,
		         levels[c->from].en, levels[c->to].en);
	} else {
		snprintf(c->zh, sizeof(c->zh), "%s：不改变等级（%s）", what_zh,
		         why_zh);
		snprintf(c->en, sizeof(c->en), "%s: no change (%s)", what_en,
		         why_en);
	}
}

#define CAP_ZH "已是能力完全丧失，等级不能再加重"
#define CAP_EN "already 能力完全丧失 (ability lost); a level cannot go past it"

int assess_apply_changes(enum assess_level initial,
                         const struct assess_background *bg,
                         const struct assess_policy *pol,
                         struct assess_result *out, struct lx_error *err)
{
	struct assess_policy def = assess_policy_default();
	struct assess_background none = { 0, 0, 0 };
	int coma, diagnosis, risk, both;
	enum assess_level level = initial, one, two;
	struct assess_change *c;
	char risk_zh[96], risk_en[128];

	if (!pol)
		pol = &def;
	if (!bg)
		bg = &none;
	if ((unsigned)initial >= ASSESS_LEVEL__MAX)
		return lx_fail(err, LX_EINVALID, "initial",
		               "initial level must be 0–%d, not %d",
		               ASSESS_LEVEL__MAX - 1, (int)initial);
	if (bg->risk_events < 0)
		return lx_fail(err, LX_EINVALID, "risk_events",
		               "'risk_events' must be 0 or more, not %d",
		               bg->risk_events);
	coma = bg->coma != 0;
	diagnosis = bg->diagnosis != 0;
	risk = bg->risk_events >= 2;
	both = diagnosis && risk;
	snprintf(risk_zh, sizeof(risk_zh), "近30天发生照护风险事件%d次（≥2次）",
	         bg->risk_events);
	snprintf(risk_en, sizeof(risk_en),
	         "%d care-risk events in the last 30 days (2 or more)",
	         bg->risk_events);

	out->initial = initial;
	out->nchanges = 0;
	out->stack_changes = pol->stack_changes != 0;
	out->stacking_mattered = 0;
	out->stacking_note_zh[0] = out->stacking_note_en[0] = '\0';

	if (coma) {
		c = add_change(out, ASSESS_RULE_COMA, level, ASSESS_LEVEL_LOST);
		explain(c, "昏迷，直接评定为能力完全丧失（C.4 第1条）",
		        "coma (昏迷): directly 能力完全丧失 (C.4 rule 1)",
		        "总分已评定为能力完全丧失",
		        "the total already gives 能力完全丧失");
		level = ASSESS_LEVEL_LOST;
		if (diagnosis)
			explain(add_change(out, ASSESS_RULE_DIAGNOSIS, level,
			                   level),
			        "确诊痴呆或精神科医师诊断的精神和行为障碍",
			        "diagnosed dementia or mental disorder",
			        "昏迷已直接评定为能力完全丧失",
			        "coma overrides it");
		if (risk)
			explain(add_change(out, ASSESS_RULE_RISK_EVENTS, level,
			                   level),
			        risk_zh, risk_en,
			        "昏迷已直接评定为能力完全丧失",
			        "coma overrides it");
		if (both) {
			snprintf(out->stacking_note_zh,
			         sizeof(out->stacking_note_zh), "%s",
			         "诊断与风险事件两条同时适用，但昏迷优先，"
			         "是否累加不影响结果");
			snprintf(out->stacking_note_en,
			         sizeof(out->stacking_note_en), "%s",
			         "the diagnosis and the risk events both "
			         "apply, but coma overrides them: stacking "
			         "does not matter");
		}
		out->final = level;
		return 0;
	}

	if (diagnosis) {
		c = add_change(out, ASSESS_RULE_DIAGNOSIS, level, worse(level));
		explain(
		    c,
		    "确诊痴呆或精神科医师诊断的精神和行为障碍，加重一级"
		    "（C.4 第2条）",
		    "diagnosed dementia (F00–F03) or a mental or behavioural "
		    "disorder diagnosed by a psychiatrist: one level worse "
		    "(C.4 rule 2)",
		    CAP_ZH, CAP_EN);
		level = c->to;
	}
	if (risk) {
		char what_zh[160], what_en[224];

		snprintf(what_zh, sizeof(what_zh), "%s，加重一级（C.4 第3条）",
		         risk_zh);
		snprintf(what_en, sizeof(what_en),
		         "%s: one level worse (C.4 rule 3)", risk_en);
		if (both && !pol->stack_changes) {
			c = add_change(out, ASSESS_RULE_RISK_EVENTS, level,
			               level);
			explain(c, what_zh, what_en,
			        "与诊断合计只加重一级，不累加",
			        "counted once with the diagnosis: stacking "
			        "is off, one level in total");
		} else {
			c = add_change(out, ASSESS_RULE_RISK_EVENTS, level,
			               worse(level));
			explain(c, what_zh, what_en, CAP_ZH, CAP_EN);
			level = c->to;
		}
	}
	out->final = level;
	if (!both)
		return 0;

	one = worse(initial);
	two = worse(one);
	out->stacking_mattered = one != two;
	if (pol->stack_changes)
		snprintf(out->stacking_note_zh, sizeof(out->stacking_note_zh),
		         "诊断与风险事件两条同时适用：政策为逐条累加，"
		         "共加重两级；不累加则为%s（标准此处不明确）",
		         levels_short_zh[one]);
	else
		snprintf(out->stacking_note_zh, sizeof(out->stacking_note_zh),
		         "诊断与风险事件两条同时适用：政策为不累加，"
		         "合计加重一级；累加则为%s（标准此处不明确）",
		         levels_short_zh[two]);
	snprintf(out->stacking_note_en, sizeof(out->stacking_note_en),
	         "the diagnosis and the risk events both apply; the standard "
	         "is uncertain whether they add up: the policy %s (%s), the "
	         "other reading gives %s%s",
	         pol->stack_changes ? "stacks them, two levels"
	                            : "does not stack them, one level in total",
	         pol->stack_changes ? "stack_changes 1" : "stack_changes 0",
	         pol->stack_changes ? levels[one].en : levels[two].en,
	         out->stacking_mattered ? "" : ", the same level");
	return 0;
}

int assess_score(const int *scores, size_t n,
                 const struct assess_background *bg,
                 const struct assess_policy *pol, struct assess_result *out,
                 struct lx_error *err)
{
	struct assess_policy def = assess_policy_default();
	int total = 0;

	if (!pol)
		pol = &def;
	if (n != ASSESS_ITEM_COUNT || !scores)
		return lx_fail(err, LX_EINVALID, "items",
		               "an assessment has %d item scores, not %zu",
		               ASSESS_ITEM_COUNT, scores ? n : (size_t)0);
	for (size_t i = 0; i < n; i++) {
		if (scores[i] >= 0 && scores[i] <= items[i].max)
			continue;
		lx_fail(err, LX_EINVALID, "",
		        "item '%s' (%s %s) must be 0–%d, not %d",
		        items[i].name_zh, items[i].code, items[i].name_en,
		        items[i].max, scores[i]);
		if (err)
			snprintf(err->field, sizeof(err->field), "items[%zu]",
			         i);
		return -1;
	}
	if (check_policy(pol, err))
		return -1;

	memset(out, 0, sizeof(*out));
	out->instrument = ASSESS_INSTRUMENT;
	out->scored = 1;
	for (size_t i = 0; i < n; i++) {
		out->items[i] = scores[i];
		out->dimension[items[i].dimension] += scores[i];
		total += scores[i];
	}
	out->total = total;
	if (assess_apply_changes(assess_initial_level(total), bg, pol, out,
	                         err))
		return -1;
	out->care = pol->care_of[out->final];
	return 0;
}

/* MZ/T 039-2013's four levels, and the GB/T 42195-2022 names of the same
 * index that a converted record may carry. */
static const char *const legacy_names[][3] = {
	{ "能力完好", "能力完好", "intact" },
	{ "轻度失能", "能力轻度受损（轻度失能）", "mild" },
	{ "中度失能", "能力中度受损（中度失能）", "moderate" },
	{ "重度失能", "能力重度受损（重度失能）", "severe" },
};

#define LEGACY_LEVELS (int)(sizeof(legacy_names) / sizeof(legacy_names[0]))

static int legacy_index(const char *s, size_t len)
{
	if (len == 1 && s[0] >= '0' && s[0] < '0' + LEGACY_LEVELS)
		return s[0] - '0';
	for (int i = 0; i < LEGACY_LEVELS; i++)
		for (int k = 0; k < 3; k++)
			if (strlen(legacy_names[i][k]) == len &&
			    !memcmp(legacy_names[i][k], s, len))
				return i;
	return -1;
}

int assess_legacy(const char *level, const struct assess_policy *pol,
                  struct assess_result *out, struct lx_error *err)
{
	struct assess_policy def = assess_policy_default();
	const char *s = level, *e;
	int idx;

	if (!pol)
		pol = &def;
	if (!level)
		return lx_fail(err, LX_EINVALID, "level",
		               "an %s level is required",
		               ASSESS_LEGACY_INSTRUMENT);
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == s)
		return lx_fail(err, LX_EINVALID, "level",
		               "an %s level is required",
		               ASSESS_LEGACY_INSTRUMENT);
	if ((size_t)(e - s) >= sizeof(out->legacy_level))
		return lx_fail(err, LX_EINVALID, "level",
		               "an %s level is at most %zu bytes",
		               ASSESS_LEGACY_INSTRUMENT,
		               sizeof(out->legacy_level) - 1);
	idx = legacy_index(s, (size_t)(e - s));
	if (idx < 0)
		return lx_fail(err, LX_EINVALID, "level",
		               "'%.*s' is not an %s level (0–3, 能力完好, "
		               "轻度失能, 中度失能, 重度失能)",
		               (int)(e - s), s, ASSESS_LEGACY_INSTRUMENT);
	if (check_policy(pol, err))
		return -1;

	memset(out, 0, sizeof(*out));
	out->instrument = ASSESS_LEGACY_INSTRUMENT;
	out->scored = 0;
	out->total = -1;
	for (int d = 0; d < ASSESS_DIM__MAX; d++)
		out->dimension[d] = -1;
	out->initial = out->final = (enum assess_level)idx;
	out->stack_changes = pol->stack_changes != 0;
	out->care = pol->care_of[idx];
	memcpy(out->legacy_level, s, (size_t)(e - s));
	return 0;
}
