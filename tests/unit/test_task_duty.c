/*
 * Responsibility cells (core/task_duty.c) read into (department, role)
 * pairs. The cells are copied verbatim from the seeds (line breaks and PDF
 * spaces included); the expected pairs are read off the cells by hand.
 * A property test then checks over many random variants of every cell
 * that punctuation width and inserted spaces or line breaks never change
 * the result.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/task_duty.h"

/* The directory's aliases the 004 cells need (digest G3). */
static const struct task_duty_alias aliases[] = {
	{ "市卫健委", "市卫生健康委" },
	{ "市口健委", "市卫生健康委" },
	{ "市型 健委", "市卫生健康委" },
	{ "市发改委", "市发展改革委" },
	{ "市自规局", "市自然资源和规划局" },
	{ "市自然资源规划局", "市自然资源和规划局" },
	{ "市教体局", "市教育体育局" },
	{ "市人社局", "市人力资源社会保障局" },
};
#define N_ALIASES (sizeof aliases / sizeof aliases[0])

struct cell_case {
	const char *where, *cell;
	/* "role:name" separated by "|" in the expected order. */
	const char *expect;
};

static const struct cell_case cases[] = {
	{ "000:251",
	  "〔责任单位：市民政局牵头，市财政局、市人力资源社会保障局、市卫生健康"
	  "委"
	  "、市医保局，各县（区）人民政府、巴中经开区管委会按职责分工负责〕",
	  "lead:市民政局|participate:市财政局|participate:市人力资源社会保障局|"
	  "participate:市卫生健康委|participate:市医保局|local:"
	  "各县（区）人民政府|"
	  "local:巴中经开区管委会" },
	/* No 牵头: the departments answer jointly. */
	{ "000:277",
	  "〔责任单位：市卫生健康委、市财政局，各县（区）人民政府、巴中经开区管"
	  "委"
	  "会按职责分工负责〕",
	  "joint:市卫生健康委|joint:市财政局|local:各县（区）人民政府|local:"
	  "巴中"
	  "经开区管委会" },
	{ "000:282",
	  "〔责任单位：市卫生健康委牵头，市发展改革委、市市场监管局，各县（区）"
	  "人"
	  "民政府、巴中经开区管委会按职责分工负责〕",
	  "lead:市卫生健康委|participate:市发展改革委|participate:市市场监管局|"
	  "local:各县（区）人民政府|local:巴中经开区管委会" },
	{ "000:285",
	  "〔责任单位：市卫生健康委牵头，各县（区）人民政府、巴中经开区管委会按"
	  "职"
	  "责分工负责〕",
	  "lead:市卫生健康委|local:各县（区）人民政府|local:巴中经开区管委会" },
	{ "003:530",
	  "市卫生健康委牵头，市发展改革委、市民政局、市住房城\n\n乡建设局、市市"
	  "场监"
	  "管局参加。",
	  "lead:市卫生健康委|participate:市发展改革委|participate:市民政局|"
	  "participate:市住房城乡建设局|participate:市市场监管局" },
	{ "003:591",
	  "市民政局、市卫生健康委牵头，市发展改革委、市财政局、\n\n市国资委参加"
	  "；"
	  "各县（市、区）人民政府、达州高新区管\n\n委会、达州东部经开区管委会负"
	  "责。",
	  "lead:市民政局|lead:市卫生健康委|participate:市发展改革委|"
	  "participate:市"
	  "财政局|participate:市国资委|local:各县（市、区）人民政府|local:"
	  "达州高新"
	  "区管委会|local:达州东部经开区管委会" },
	/* Row 47: 「和」 joins the county governments. */
	{ "003:945",
	  "市民政局、市卫生健康委和各县（市、区）人民政府、达\n\n州高新区管委会"
	  "、达州"
	  "东部经开区管委会负责。",
	  "joint:市民政局|joint:市卫生健康委|local:各县（市、区）人民政府|"
	  "local:达州"
	  "高新区管委会|local:达州东部经开区管委会" },
	/* 「等有关部门（单位）」 names nobody in particular. */
	{ "003:1031",
	  "市卫生健康委牵头，市发展改革委、市民政局等有关部门（单位）\n\n参加；"
	  "各县（"
	  "市、区）人民政府、达州高新区管委会、达州东部经\n\n开区管委会负责。",
	  "lead:市卫生健康委|participate:市发展改革委|participate:市民政局|"
	  "local:各"
	  "县（市、区）人民政府|local:达州高新区管委会|local:"
	  "达州东部经开区管委会" },
	{ "003:795",
	  "市发展改革委牵头，各电力公司参加；各县（市、区）人民政府负责。",
	  "lead:市发展改革委|participate:各电力公司|local:"
	  "各县（市、区）人民政府" },
	{ "003:1046",
	  "市卫生健康委牵头，市民政局、市医保局参加；达川区人民政府负\n\n责。",
	  "lead:市卫生健康委|participate:市民政局|participate:市医保局|local:"
	  "达川区"
	  "人民政府" },
	{ "004:127",
	  "〔牵头单位:市民政局、市卫健委;责任单位:"
	  "市发改委、市财政局、市医保局、市自"
	  "规局、市住建局,各县(市、区)人民政府〕",
	  "lead:市民政局|lead:市卫生健康委|participate:市发展改革委|"
	  "participate:市"
	  "财政局|participate:市医保局|participate:市自然资源和规划局|"
	  "participate:"
	  "市住建局|local:各县（市、区）人民政府" },
	/* The bracket breaks across lines 149 and 151 and ends with "]". */
	{ "004:149",
	  "〔牵头单位: 市住建局; 责任单位: "
	  "市自规局、\n\n市民政局、市卫健委、市妇联,"
	  "各县(市、区)人民政府]",
	  "lead:市住建局|participate:市自然资源和规划局|participate:市民政局|"
	  "participate:市卫生健康委|participate:市妇联|local:"
	  "各县（市、区）人民政府" },
	/* 「牵头单 位」 and 「市市场监 管局」 carry PDF spaces. */
	{ "004:201",
	  "[牵头单 位: 市发改委、市民政局、市卫健委; 责任单位: 市市场监 "
	  "管局、市工信局"
	  "、市教体局, 各县(市、区)人民政府]",
	  "lead:市发展改革委|lead:市民政局|lead:市卫生健康委|participate:"
	  "市市场监管局"
	  "|participate:市工信局|participate:市教育体育局|local:"
	  "各县（市、区）人民政府" },
	{ "004:207",
	  "[牵头单位: 市委宣传 部; 责任单位: "
	  "团市委、市住建局、市文广新旅局、景德镇 日"
	  "报社、市民政局、市卫健委、市教体局, 各县(市、区) 人民政府〕",
	  "lead:市委宣传部|participate:团市委|participate:市住建局|participate:"
	  "市文"
	  "广新旅局|participate:景德镇日报社|participate:市民政局|participate:"
	  "市卫生"
	  "健康委|participate:市教育体育局|local:各县（市、区）人民政府" },
	{ "004:131 OCR",
	  "〔牵头单位:市发改委;责任单位:"
	  "市财政局、市口健委、市医保局、市自规局、市住"
	  "建局,各县(市、区)人民政府〕",
	  "lead:市发展改革委|participate:市财政局|participate:市卫生健康委|"
	  "participate:市医保局|participate:市自然资源和规划局|participate:"
	  "市住建局|"
	  "local:各县（市、区）人民政府" },
	{ "004:215",
	  "市发改委、市民政局、市卫健委等市直部门、各县(市、区)"
	  "人民政府按职责分工负责",
	  "joint:市发展改革委|joint:市民政局|joint:市卫生健康委|local:"
	  "各县（市、区）人"
	  "民政府" },
	{ "written so", "A、B牵头；C配合；各县（区）政府落实",
	  "lead:A|lead:B|participate:C|local:各县（区）政府" },
	{ "written so", "按职责分工负责", "" },
	{ "written so", "市 卫健委牵头", "lead:市卫生健康委" },
};

/* Renders pairs as the expect strings are written. */
static void render(const struct task_duty *d, size_t n, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t at = strlen(out);
		snprintf(out + at, cap - at, "%s%s:%s", i ? "|" : "",
		         task_role_names[d[i].role], d[i].name);
	}
}

static void parse_to(const char *cell, char *out, size_t cap)
{
	struct task_duty d[32];
	size_t n = 99;
	assert_int_equal(task_duty_parse(cell, aliases, N_ALIASES, d, 32, &n),
	                 0);
	render(d, n, out, cap);
}

static void test_seed_cells(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char got[4096];
		parse_to(cases[i].cell, got, sizeof got);
		if (strcmp(got, cases[i].expect) != 0)
			fail_msg("%s:\n got    %s\n expect %s", cases[i].where,
			         got, cases[i].expect);
	}
}

static void test_capacity_refused(void **state)
{
	(void)state;
	struct task_duty d[2];
	size_t n = 0;
	assert_int_equal(
	    task_duty_parse(cases[0].cell, aliases, N_ALIASES, d, 2, &n), -1);
	assert_int_equal(task_duty_parse("", aliases, N_ALIASES, d, 2, &n), 0);
	assert_int_equal(n, 0);
}

static void test_roles_and_local(void **state)
{
	(void)state;
	for (int r = 0; r < TASK_ROLE__MAX; r++)
		assert_int_equal(task_role_parse(task_role_names[r]), r);
	assert_int_equal(task_role_parse("boss"), -1);
	assert_true(task_duty_is_local("各县（区）人民政府"));
	assert_true(task_duty_is_local("巴中经开区管委会"));
	assert_false(task_duty_is_local("各电力公司"));
	assert_false(task_duty_is_local("市民政局"));
}

/* Full-width punctuation and its half-width twin. */
static const char *const twins[][2] = {
	{ "，", "," }, { "；", ";" }, { "：", ":" }, { "（", "(" },
	{ "）", ")" }, { "〔", "[" }, { "〕", "]" },
};
static const char *const blanks[] = { " ",  "\n",  "\n\n", "\xe3\x80\x80",
	                              "\t", "\r\n" };

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* A variant of cell: each punctuation mark maybe swapped to its other
 * width, a blank maybe put before each character. */
static void variant(const char *cell, char *out, size_t cap, unsigned *seed)
{
	size_t at = 0;
	for (const char *p = cell; *p;) {
		if (rand_r(seed) % 4 == 0) {
			const char *b =
			    blanks[rand_r(seed) %
			           (sizeof blanks / sizeof blanks[0])];
			size_t bl = strlen(b);
			assert_true(at + bl < cap);
			memcpy(out + at, b, bl);
			at += bl;
		}
		size_t len = utf8_len((unsigned char)*p);
		const char *put = NULL;
		for (size_t t = 0; t < sizeof twins / sizeof twins[0]; t++)
			for (int w = 0; w < 2; w++)
				if (strncmp(p, twins[t][w],
				            strlen(twins[t][w])) == 0) {
					len = strlen(twins[t][w]);
					put = twins[t][rand_r(seed) % 2];
				}
		if (!put) {
			assert_true(at + len < cap);
			memcpy(out + at, p, len);
			at += len;
		} else {
			assert_true(at + strlen(put) < cap);
			memcpy(out + at, put, strlen(put));
			at += strlen(put);
		}
		p += len;
	}
	out[at] = '\0';
}

static void test_property_width_and_spaces(void **state)
{
	(void)state;
	unsigned seed = 20261204u;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char want[4096];
		parse_to(cases[i].cell, want, sizeof want);
		for (int k = 0; k < 300; k++) {
			char cell[4096], got[4096];
			variant(cases[i].cell, cell, sizeof cell, &seed);
			parse_to(cell, got, sizeof got);
			if (strcmp(got, want) != 0)
				fail_msg(
				    "%s variant %d:\n cell   %s\n got    %s\n "
				    "expect %s",
				    cases[i].where, k, cell, got, want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_cells),
		cmocka_unit_test(test_capacity_refused),
		cmocka_unit_test(test_roles_and_local),
		cmocka_unit_test(test_property_width_and_spaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
