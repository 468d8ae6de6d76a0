/*
 * The GB/T 42195-2022 instrument (core/assessment.c). Every expected value
 * was worked out by hand from the item vectors below; the dimension sums
 * are written next to each vector. Item order (maximum):
 *   B.1 进食 修饰 洗澡 穿/脱上衣 穿/脱裤子和鞋袜 小便控制 大便控制 如厕 (4
 * each) B.2 床上体位转移 床椅转移 平地行走 (4) 上下楼梯 (3) B.3 时间定向
 * 空间定向 人物定向 记忆 理解能力 表达能力 (4) 攻击行为 (1) 抑郁症状 (1)
 * 意识水平 (2) B.4 视力 (2) 听力 (2) 执行日常事务 (4) 使用交通工具外出 (3)
 *       社会交往能力 (4)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/assessment.h"

#define N ASSESS_ITEM_COUNT

/* every item at its maximum: 32 + 15 + 28 + 15 = 90 */
static const int v90[N] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 4,
	                    4, 4, 4, 4, 4, 1, 1, 2, 2, 2, 4, 3, 4 };
/* 抑郁症状 0: 32 + 15 + 27 + 15 = 89 */
static const int v89[N] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 4,
	                    4, 4, 4, 4, 4, 1, 0, 2, 2, 2, 4, 3, 4 };
/* 3×8 = 24; 3+3+3+2 = 11; 3+3+3+3+2+2+1+0+2 = 19; 2+2+3+2+3 = 12: 66 */
static const int v66[N] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3,
	                    3, 3, 3, 2, 2, 1, 0, 2, 2, 2, 3, 2, 3 };
/* v66 with 社会交往能力 2: B.4 2+2+3+2+2 = 11: 65 */
static const int v65[N] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3,
	                    3, 3, 3, 2, 2, 1, 0, 2, 2, 2, 3, 2, 2 };
/* 2×8 = 16; 2+2+2+1 = 7; 2×6+1+0+1 = 14; 1+1+2+2+3 = 9: 46 */
static const int v46[N] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2,
	                    2, 2, 2, 2, 2, 1, 0, 1, 1, 1, 2, 2, 3 };
/* v46 with 使用交通工具外出 1: B.4 1+1+2+1+3 = 8: 45 */
static const int v45[N] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2,
	                    2, 2, 2, 2, 2, 1, 0, 1, 1, 1, 2, 1, 3 };
/* 1×8 = 8; 1+1+1+1 = 4; 2+2+2+1+1+1+1+0+2 = 12; 1+1+1+1+2 = 6: 30 */
static const int v30[N] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2,
	                    2, 2, 1, 1, 1, 1, 0, 2, 1, 1, 1, 1, 2 };
/* v30 with 记忆 0: B.3 11: 29 */
static const int v29[N] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2,
	                    2, 2, 0, 1, 1, 1, 0, 2, 1, 1, 1, 1, 2 };
static const int v0[N] = { 0 };

static void score_ok(const int *v, const struct assess_background *bg,
                     const struct assess_policy *pol, struct assess_result *r)
{
	struct lx_error err = { 0 };

	if (assess_score(v, N, bg, pol, r, &err))
		fail_msg("assess_score failed: %s (%s)", err.message,
		         err.field);
}

struct boundary {
	const int *v;
	int dims[ASSESS_DIM__MAX];
	int total;
	enum assess_level level;
	enum assess_care care;
};

static void test_boundaries(void **state)
{
	static const struct boundary cases[] = {
		{ v90,
		  { 32, 15, 28, 15 },
		  90,
		  ASSESS_LEVEL_INTACT,
		  ASSESS_CARE_SELF },
		{ v89,
		  { 32, 15, 27, 15 },
		  89,
		  ASSESS_LEVEL_MILD,
		  ASSESS_CARE_SELF },
		{ v66,
		  { 24, 11, 19, 12 },
		  66,
		  ASSESS_LEVEL_MILD,
		  ASSESS_CARE_SELF },
		{ v65,
		  { 24, 11, 19, 11 },
		  65,
		  ASSESS_LEVEL_MODERATE,
		  ASSESS_CARE_PARTLY },
		{ v46,
		  { 16, 7, 14, 9 },
		  46,
		  ASSESS_LEVEL_MODERATE,
		  ASSESS_CARE_PARTLY },
		{ v45,
		  { 16, 7, 14, 8 },
		  45,
		  ASSESS_LEVEL_SEVERE,
		  ASSESS_CARE_DISABLED },
		{ v30,
		  { 8, 4, 12, 6 },
		  30,
		  ASSESS_LEVEL_SEVERE,
		  ASSESS_CARE_DISABLED },
		{ v29,
		  { 8, 4, 11, 6 },
		  29,
		  ASSESS_LEVEL_LOST,
		  ASSESS_CARE_DISABLED },
		{ v0,
		  { 0, 0, 0, 0 },
		  0,
		  ASSESS_LEVEL_LOST,
		  ASSESS_CARE_DISABLED },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct boundary *c = &cases[i];
		struct assess_result r;

		score_ok(c->v, NULL, NULL, &r);
		for (int d = 0; d < ASSESS_DIM__MAX; d++)
			if (r.dimension[d] != c->dims[d])
				fail_msg("total %d: dimension %d is %d, not %d",
				         c->total, d, r.dimension[d],
				         c->dims[d]);
		assert_int_equal(r.total, c->total);
		assert_int_equal(r.initial, c->level);
		assert_int_equal(r.final, c->level);
		assert_int_equal(r.nchanges, 0);
		assert_int_equal(r.care, c->care);
		assert_int_equal(r.scored, 1);
		assert_string_equal(r.instrument, "GB/T 42195-2022");
		assert_string_equal(r.stacking_note_en, "");
		assert_memory_equal(r.items, c->v, sizeof(r.items));
		assert_int_equal(assess_initial_level(c->total), c->level);
	}
}

static void test_level_names(void **state)
{
	(void)state;
	assert_string_equal(assess_level_zh(ASSESS_LEVEL_INTACT), "能力完好");
	assert_string_equal(assess_level_zh(ASSESS_LEVEL_MILD),
	                    "能力轻度受损（轻度失能）");
	assert_string_equal(assess_level_zh(ASSESS_LEVEL_MODERATE),
	                    "能力中度受损（中度失能）");
	assert_string_equal(assess_level_zh(ASSESS_LEVEL_SEVERE),
	                    "能力重度受损（重度失能）");
	assert_string_equal(assess_level_zh(ASSESS_LEVEL_LOST),
	                    "能力完全丧失（完全失能）");
	assert_string_equal(assess_level_en(ASSESS_LEVEL_INTACT), "intact");
	assert_string_equal(assess_level_zh(ASSESS_LEVEL__MAX), "unknown");
	assert_int_equal(assess_initial_level(-1), -1);
	assert_int_equal(assess_initial_level(91), -1);
	assert_string_equal(assess_care_code(ASSESS_CARE_DISABLED), "disabled");
	assert_string_equal(assess_care_zh(ASSESS_CARE_PARTLY), "半失能");
	assert_string_equal(assess_care_zh(ASSESS_CARE_SELF), "自理");
	assert_int_equal(assess_care_parse("partly"), ASSESS_CARE_PARTLY);
	assert_int_equal(assess_care_parse("half"), -1);
	assert_int_equal(assess_care_parse(NULL), -1);
	assert_string_equal(assess_rule_name(ASSESS_RULE_RISK_EVENTS),
	                    "risk_events");
}

static void test_items_and_dimensions(void **state)
{
	static const char *const names[N] = {
		"进食",
		"修饰",
		"洗澡",
		"穿/脱上衣",
		"穿/脱裤子和鞋袜",
		"小便控制",
		"大便控制",
		"如厕",
		"床上体位转移",
		"床椅转移",
		"平地行走",
		"上下楼梯",
		"时间定向",
		"空间定向",
		"人物定向",
		"记忆",
		"理解能力",
		"表达能力",
		"攻击行为",
		"抑郁症状",
		"意识水平",
		"视力",
		"听力",
		"执行日常事务",
		"使用交通工具外出",
		"社会交往能力",
	};
	static const char *const codes[N] = {
		"B.1.1", "B.1.2", "B.1.3", "B.1.4", "B.1.5", "B.1.6", "B.1.7",
		"B.1.8", "B.2.1", "B.2.2", "B.2.3", "B.2.4", "B.3.1", "B.3.2",
		"B.3.3", "B.3.4", "B.3.5", "B.3.6", "B.3.7", "B.3.8", "B.3.9",
		"B.4.1", "B.4.2", "B.4.3", "B.4.4", "B.4.5",
	};
	int count[ASSESS_DIM__MAX] = { 0 }, sum = 0, dims = 0;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		const struct assess_item *it = assess_item(i);

		assert_non_null(it);
		assert_string_equal(it->name_zh, names[i]);
		assert_string_equal(it->code, codes[i]);
		assert_non_null(it->name_en);
		assert_int_equal(it->max, v90[i]);
		/* the code's dimension is the item's */
		assert_memory_equal(it->code,
		                    assess_dimension_code(it->dimension), 3);
		count[it->dimension]++;
		sum += it->max;
		for (int s = it->max + 1; s < ASSESS_SCORE_STEPS; s++)
			assert_null(it->wording[s]);
	}
	assert_null(assess_item(N));
	assert_int_equal(count[ASSESS_DIM_SELF_CARE], 8);
	assert_int_equal(count[ASSESS_DIM_MOTOR], 4);
	assert_int_equal(count[ASSESS_DIM_MENTAL], 9);
	assert_int_equal(count[ASSESS_DIM_PERCEPTION], 5);
	assert_int_equal(assess_dimension_max(ASSESS_DIM_SELF_CARE), 32);
	assert_int_equal(assess_dimension_max(ASSESS_DIM_MOTOR), 15);
	assert_int_equal(assess_dimension_max(ASSESS_DIM_MENTAL), 28);
	assert_int_equal(assess_dimension_max(ASSESS_DIM_PERCEPTION), 15);
	for (int d = 0; d < ASSESS_DIM__MAX; d++)
		dims += assess_dimension_max(d);
	assert_int_equal(dims, 90);
	assert_int_equal(sum, 90);
	assert_int_equal(ASSESS_TOTAL_MAX, 90);
	assert_string_equal(assess_dimension_name_zh(ASSESS_DIM_PERCEPTION),
	                    "感知觉与社会参与");
	assert_string_equal(assess_dimension_code(ASSESS_DIM_MENTAL), "B.3");
}

static void test_wording(void **state)
{
	const struct assess_item *eat = assess_item(0), *groom = assess_item(1);
	const struct assess_item *urine = assess_item(5),
	                         *walk = assess_item(10);
	const struct assess_item *stairs = assess_item(11);
	const struct assess_item *aggr = assess_item(18);
	const struct assess_item *consc = assess_item(20);

	(void)state;
	assert_string_equal(eat->wording[4], "独立、无呛咳");
	assert_string_equal(eat->wording[2], "少量接触式协助、偶尔呛咳");
	assert_string_equal(eat->wording[1], "大量协助、经常呛咳");
	assert_string_equal(eat->wording[0], "完全依赖、吞咽困难或留置营养管");
	assert_string_equal(eat->wording[3], "在他人指导或提示下完成");
	assert_int_equal(eat->common_scale, 1u << 3);
	assert_string_equal(groom->wording[4], "独立完成，不需要协助");
	assert_string_equal(groom->wording[0],
	                    "完全依赖他人协助，且不能给予配合");
	assert_int_equal(groom->common_scale, 0x1f);
	assert_string_equal(urine->wording[0], "失禁或留置导尿管");
	assert_int_equal(urine->common_scale, 0x1e);
	assert_string_equal(walk->wording[4], "独立走约50 m");
	assert_int_equal(walk->common_scale, 0x0f);
	assert_string_equal(stairs->wording[3], "独立连续上下10–15级台阶");
	assert_null(stairs->wording[0]);
	assert_int_equal(stairs->common_scale, 0);
	assert_string_equal(aggr->wording[1], "近一个月未出现");
	assert_string_equal(consc->wording[2], "神志清醒");
	assert_string_equal(consc->wording[1], "嗜睡或意识模糊");
	assert_string_equal(consc->wording[0], "昏睡或昏迷");
}

static void test_diagnosis_alone(void **state)
{
	struct assess_background bg = { .diagnosis = 1 };
	struct assess_result r;

	(void)state;
	score_ok(v89, &bg, NULL, &r); /* 89: 轻度 -> 中度 */
	assert_int_equal(r.initial, ASSESS_LEVEL_MILD);
	assert_int_equal(r.final, ASSESS_LEVEL_MODERATE);
	assert_int_equal(r.care, ASSESS_CARE_PARTLY);
	assert_int_equal(r.nchanges, 1);
	assert_int_equal(r.changes[0].rule, ASSESS_RULE_DIAGNOSIS);
	assert_int_equal(r.changes[0].applied, 1);
	assert_int_equal(r.changes[0].from, ASSESS_LEVEL_MILD);
	assert_int_equal(r.changes[0].to, ASSESS_LEVEL_MODERATE);
	assert_non_null(strstr(r.changes[0].en, "dementia"));
	assert_non_null(strstr(r.changes[0].zh, "痴呆"));
	assert_int_equal(r.stacking_mattered, 0);
	assert_string_equal(r.stacking_note_en, "");

	score_ok(v90, &bg, NULL, &r); /* 90: 完好 -> 轻度 */
	assert_int_equal(r.final, ASSESS_LEVEL_MILD);
	assert_int_equal(r.care, ASSESS_CARE_SELF);
}

static void test_risk_events_alone(void **state)
{
	struct assess_background bg = { .risk_events = 2 };
	struct assess_result r;

	(void)state;
	score_ok(v66, &bg, NULL, &r); /* 66: 轻度 -> 中度 */
	assert_int_equal(r.final, ASSESS_LEVEL_MODERATE);
	assert_int_equal(r.nchanges, 1);
	assert_int_equal(r.changes[0].rule, ASSESS_RULE_RISK_EVENTS);
	assert_int_equal(r.changes[0].applied, 1);
	assert_non_null(strstr(r.changes[0].en, "2 care-risk events"));

	bg.risk_events = 1; /* one event is not enough */
	score_ok(v66, &bg, NULL, &r);
	assert_int_equal(r.final, ASSESS_LEVEL_MILD);
	assert_int_equal(r.nchanges, 0);

	bg.risk_events = 7;
	score_ok(v46, &bg, NULL, &r); /* 46: 中度 -> 重度 */
	assert_int_equal(r.final, ASSESS_LEVEL_SEVERE);
	assert_int_equal(r.care, ASSESS_CARE_DISABLED);
}

static void test_coma_alone(void **state)
{
	struct assess_background bg = { .coma = 1 };
	struct assess_result r;

	(void)state;
	score_ok(v90, &bg, NULL, &r); /* 90: 完好 -> 完全丧失 directly */
	assert_int_equal(r.initial, ASSESS_LEVEL_INTACT);
	assert_int_equal(r.final, ASSESS_LEVEL_LOST);
	assert_int_equal(r.care, ASSESS_CARE_DISABLED);
	assert_int_equal(r.nchanges, 1);
	assert_int_equal(r.changes[0].rule, ASSESS_RULE_COMA);
	assert_int_equal(r.changes[0].applied, 1);
	assert_non_null(strstr(r.changes[0].zh, "昏迷"));

	score_ok(v0, &bg, NULL, &r); /* already 完全丧失 by the total */
	assert_int_equal(r.final, ASSESS_LEVEL_LOST);
	assert_int_equal(r.changes[0].applied, 0);
	assert_non_null(strstr(r.changes[0].en, "no change"));
}

static void test_both_unstacked(void **state)
{
	struct assess_background bg = { .diagnosis = 1, .risk_events = 3 };
	struct assess_policy pol = assess_policy_default();
	struct assess_result r;

	(void)state;
	assert_int_equal(pol.stack_changes, 0);
	score_ok(v65, &bg, &pol, &r); /* 65: 中度 -> 重度, one in total */
	assert_int_equal(r.initial, ASSESS_LEVEL_MODERATE);
	assert_int_equal(r.final, ASSESS_LEVEL_SEVERE);
	assert_int_equal(r.nchanges, 2);
	assert_int_equal(r.changes[0].rule, ASSESS_RULE_DIAGNOSIS);
	assert_int_equal(r.changes[0].applied, 1);
	assert_int_equal(r.changes[1].rule, ASSESS_RULE_RISK_EVENTS);
	assert_int_equal(r.changes[1].applied, 0);
	assert_non_null(strstr(r.changes[1].en, "counted once"));
	assert_int_equal(r.stack_changes, 0);
	assert_int_equal(r.stacking_mattered, 1);
	assert_non_null(strstr(r.stacking_note_en, "does not stack"));
	assert_non_null(strstr(r.stacking_note_en, "ability lost"));
	assert_non_null(strstr(r.stacking_note_zh, "不累加"));
}

static void test_both_stacked(void **state)
{
	struct assess_background bg = { .diagnosis = 1, .risk_events = 2 };
	struct assess_policy pol = assess_policy_default();
	struct assess_result r;

	(void)state;
	pol.stack_changes = 1;
	score_ok(v65, &bg, &pol, &r); /* 65: 中度 -> 重度 -> 完全丧失 */
	assert_int_equal(r.final, ASSESS_LEVEL_LOST);
	assert_int_equal(r.nchanges, 2);
	assert_int_equal(r.changes[0].applied, 1);
	assert_int_equal(r.changes[0].to, ASSESS_LEVEL_SEVERE);
	assert_int_equal(r.changes[1].applied, 1);
	assert_int_equal(r.changes[1].from, ASSESS_LEVEL_SEVERE);
	assert_int_equal(r.changes[1].to, ASSESS_LEVEL_LOST);
	assert_int_equal(r.stack_changes, 1);
	assert_int_equal(r.stacking_mattered, 1);
	assert_non_null(strstr(r.stacking_note_en, "two levels"));

	score_ok(v90, &bg, &pol, &r); /* 90: 完好 -> 轻度 -> 中度 */
	assert_int_equal(r.final, ASSESS_LEVEL_MODERATE);
	assert_int_equal(r.care, ASSESS_CARE_PARTLY);
}

static void test_coma_overrides(void **state)
{
	struct assess_background bg = { .coma = 1,
		                        .diagnosis = 1,
		                        .risk_events = 5 };
	struct assess_policy pol = assess_policy_default();
	struct assess_result r;

	(void)state;
	pol.stack_changes = 1;
	score_ok(v90, &bg, &pol, &r);
	assert_int_equal(r.final, ASSESS_LEVEL_LOST);
	assert_int_equal(r.nchanges, 3);
	assert_int_equal(r.changes[0].rule, ASSESS_RULE_COMA);
	assert_int_equal(r.changes[0].applied, 1);
	assert_int_equal(r.changes[1].rule, ASSESS_RULE_DIAGNOSIS);
	assert_int_equal(r.changes[1].applied, 0);
	assert_non_null(strstr(r.changes[1].en, "coma overrides"));
	assert_int_equal(r.changes[2].rule, ASSESS_RULE_RISK_EVENTS);
	assert_int_equal(r.changes[2].applied, 0);
	assert_int_equal(r.stacking_mattered, 0);
	assert_non_null(strstr(r.stacking_note_en, "coma overrides"));
}

static void test_cap(void **state)
{
	struct assess_background bg = { .diagnosis = 1, .risk_events = 2 };
	struct assess_policy pol = assess_policy_default();
	struct assess_result r;

	(void)state;
	pol.stack_changes = 1;
	score_ok(v45, &bg, &pol, &r); /* 45: 重度 -> 完全丧失, then capped */
	assert_int_equal(r.initial, ASSESS_LEVEL_SEVERE);
	assert_int_equal(r.final, ASSESS_LEVEL_LOST);
	assert_int_equal(r.changes[0].applied, 1);
	assert_int_equal(r.changes[1].applied, 0);
	assert_non_null(strstr(r.changes[1].en, "cannot go past"));
	assert_int_equal(r.stacking_mattered, 0);
	assert_non_null(strstr(r.stacking_note_en, "the same level"));

	bg.risk_events = 0; /* 29: already 完全丧失 */
	score_ok(v29, &bg, &pol, &r);
	assert_int_equal(r.final, ASSESS_LEVEL_LOST);
	assert_int_equal(r.nchanges, 1);
	assert_int_equal(r.changes[0].applied, 0);
	assert_non_null(strstr(r.changes[0].zh, "不能再加重"));
}

static void test_range_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < N; i++) {
		const struct assess_item *it = assess_item(i);
		int bad[2] = { it->max + 1, -1 };

		for (int k = 0; k < 2; k++) {
			int v[N];
			struct lx_error err = { 0 };
			struct assess_result r;
			char field[16], range[16];

			memcpy(v, v90, sizeof(v));
			v[i] = bad[k];
			assert_int_equal(
			    assess_score(v, N, NULL, NULL, &r, &err), -1);
			assert_int_equal(err.code, LX_EINVALID);
			snprintf(field, sizeof(field), "items[%zu]", i);
			assert_string_equal(err.field, field);
			snprintf(range, sizeof(range), "0–%d", it->max);
			if (!strstr(err.message, it->name_zh) ||
			    !strstr(err.message, range) ||
			    !strstr(err.message, it->code))
				fail_msg("items[%zu] = %d: '%s'", i, bad[k],
				         err.message);
		}
	}
}

static void test_count_errors(void **state)
{
	int v[N + 1];
	struct lx_error err = { 0 };
	struct assess_result r;
	struct assess_background bg = { .risk_events = -1 };
	struct assess_policy pol = assess_policy_default();

	(void)state;
	memcpy(v, v90, sizeof(v90));
	v[N] = 0;
	assert_int_equal(assess_score(v, N - 1, NULL, NULL, &r, &err), -1);
	assert_string_equal(err.field, "items");
	assert_non_null(strstr(err.message, "not 25"));
	assert_int_equal(assess_score(v, N + 1, NULL, NULL, &r, &err), -1);
	assert_string_equal(err.field, "items");
	assert_int_equal(assess_score(NULL, N, NULL, NULL, &r, &err), -1);
	assert_string_equal(err.field, "items");
	assert_int_equal(assess_score(v, 0, NULL, NULL, &r, NULL), -1);

	assert_int_equal(assess_score(v90, N, &bg, NULL, &r, &err), -1);
	assert_string_equal(err.field, "risk_events");

	pol.care_of[ASSESS_LEVEL_MODERATE] = ASSESS_CARE__MAX;
	assert_int_equal(assess_score(v90, N, NULL, &pol, &r, &err), -1);
	assert_string_equal(err.field, "care_of[2]");
}

static void test_care_table(void **state)
{
	struct assess_policy pol = assess_policy_default();
	struct assess_result r;

	(void)state;
	/* a jurisdiction counting 轻度 as partly disabled */
	pol.care_of[ASSESS_LEVEL_MILD] = ASSESS_CARE_PARTLY;
	score_ok(v66, NULL, &pol, &r);
	assert_int_equal(r.care, ASSESS_CARE_PARTLY);
	score_ok(v90, NULL, &pol, &r);
	assert_int_equal(r.care, ASSESS_CARE_SELF);
}

static void test_apply_changes(void **state)
{
	struct assess_background bg = { .diagnosis = 1 };
	struct assess_result r;
	struct lx_error err = { 0 };

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(
	    assess_apply_changes(ASSESS_LEVEL_SEVERE, &bg, NULL, &r, &err), 0);
	assert_int_equal(r.final, ASSESS_LEVEL_LOST);
	assert_int_equal(
	    assess_apply_changes(ASSESS_LEVEL__MAX, &bg, NULL, &r, &err), -1);
	assert_string_equal(err.field, "initial");
}

static void test_legacy(void **state)
{
	struct assess_result r;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(assess_legacy("重度失能", NULL, &r, &err), 0);
	assert_string_equal(r.instrument, "MZ/T 039-2013");
	assert_int_equal(r.scored, 0);
	assert_int_equal(r.total, -1);
	assert_int_equal(r.dimension[0], -1);
	assert_int_equal(r.final, ASSESS_LEVEL_SEVERE);
	assert_int_equal(r.care, ASSESS_CARE_DISABLED);
	assert_int_equal(r.nchanges, 0);
	assert_string_equal(r.legacy_level, "重度失能");

	assert_int_equal(assess_legacy(" 2 ", NULL, &r, &err), 0);
	assert_int_equal(r.final, ASSESS_LEVEL_MODERATE);
	assert_int_equal(r.care, ASSESS_CARE_PARTLY);
	assert_string_equal(r.legacy_level, "2");

	assert_int_equal(assess_legacy("能力完好", NULL, &r, &err), 0);
	assert_int_equal(r.final, ASSESS_LEVEL_INTACT);
	assert_int_equal(
	    assess_legacy("能力轻度受损（轻度失能）", NULL, &r, &err), 0);
	assert_int_equal(r.final, ASSESS_LEVEL_MILD);

	/* MZ/T 039-2013 has no 能力完全丧失 */
	assert_int_equal(assess_legacy("能力完全丧失", NULL, &r, &err), -1);
	assert_string_equal(err.field, "level");
	assert_int_equal(assess_legacy("4", NULL, &r, &err), -1);
	assert_int_equal(assess_legacy("  ", NULL, &r, &err), -1);
	assert_int_equal(assess_legacy(NULL, NULL, &r, &err), -1);
	assert_string_equal(err.field, "level");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_level_names),
		cmocka_unit_test(test_items_and_dimensions),
		cmocka_unit_test(test_wording),
		cmocka_unit_test(test_diagnosis_alone),
		cmocka_unit_test(test_risk_events_alone),
		cmocka_unit_test(test_coma_alone),
		cmocka_unit_test(test_both_unstacked),
		cmocka_unit_test(test_both_stacked),
		cmocka_unit_test(test_coma_overrides),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_range_errors),
		cmocka_unit_test(test_count_errors),
		cmocka_unit_test(test_care_table),
		cmocka_unit_test(test_apply_changes),
		cmocka_unit_test(test_legacy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
