/*
 * Major projects (core/project.c): 万元 text to fen and back, exactly,
 * over many random values; sums of the seeds' columns in fen; capacity
 * read from the seeds' free text (001 第437、446、455行, 004 第246–267行);
 * schedules; milestone order; the light on a day.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/project.h"

static void wan_examples(void **state)
{
	long long fen;
	char buf[32];

	(void)state;
	assert_int_equal(project_wan_parse("21005.72", &fen), 0);
	assert_true(fen == 21005720000LL);
	assert_int_equal(project_wan_parse("21 005.72", &fen), 0);
	assert_true(fen == 21005720000LL);
	assert_int_equal(project_wan_parse("１，２００．５", &fen), 0);
	assert_true(fen == 1200500000LL);
	assert_int_equal(project_wan_parse("4800", &fen), 0);
	assert_true(fen == 4800000000LL);
	assert_int_equal(project_wan_parse("0.01", &fen), 0);
	assert_true(fen == 10000LL);
	assert_int_equal(project_wan_parse("1.234", &fen), -1);
	assert_int_equal(project_wan_parse("", &fen), -1);
	assert_int_equal(project_wan_parse("12a", &fen), -1);
	assert_int_equal(project_wan_parse("-5", &fen), -1);
	assert_int_equal(project_wan_parse("5.", &fen), -1);
	assert_string_equal(project_wan_format(21005720000LL, buf, 32),
	                    "21005.72");
	assert_string_equal(project_wan_format(3620690000LL, buf, 32),
	                    "3620.69");
	assert_string_equal(project_wan_format(1200500000LL, buf, 32),
	                    "1200.5");
	assert_string_equal(project_wan_format(4800000000LL, buf, 32), "4800");
	assert_string_equal(project_wan_format(1, buf, 32), "0.000001");
}

/* Random 万元 with 0, 1 or 2 decimals, written the way a person would,
 * read back to the fen computed here by integer arithmetic and printed
 * back to the same canonical text. */
static void wan_round_trip(void **state)
{
	(void)state;
	srand(20261204);
	for (int i = 0; i < 20000; i++) {
		long long whole = ((long long)rand() << 8 ^ rand()) % 100000000;
		int places = rand() % 3;
		int frac = places == 0   ? 0
		           : places == 1 ? rand() % 10
		                         : rand() % 100;
		char text[64], canon[64], buf[32];
		long long fen, expect;

		if (places == 0)
			snprintf(text, sizeof(text), "%lld", whole);
		else if (places == 1)
			snprintf(text, sizeof(text), "%lld.%d", whole, frac);
		else
			snprintf(text, sizeof(text), "%lld.%02d", whole, frac);
		expect = whole * 1000000LL +
		         (places == 1 ? frac * 100000LL : frac * 10000LL);
		assert_int_equal(project_wan_parse(text, &fen), 0);
		assert_true(fen == expect);
		/* canonical: no trailing zeros in the fraction */
		if (places == 2 && frac % 10 == 0)
			frac /= 10, places = 1;
		if (frac == 0)
			places = 0;
		if (places == 0)
			snprintf(canon, sizeof(canon), "%lld", whole);
		else if (places == 1)
			snprintf(canon, sizeof(canon), "%lld.%d", whole, frac);
		else
			snprintf(canon, sizeof(canon), "%lld.%02d", whole,
			         frac);
		assert_string_equal(project_wan_format(fen, buf, 32), canon);
		assert_int_equal(project_wan_parse(buf, &fen), 0);
		assert_true(fen == expect);
	}
}

/* Column 7 of 004 T11 (第246–267行) sums to 411 073.41 万元; 001 T4's
 * column 计划投资 to 16 000 万元. Summed in fen, not floats. */
static void wan_sums(void **state)
{
	static const char *const jdz[] = {
		"13500",    "106000", "16480", "51000",   "15000", "12000",
		"21005.72", "19230",  "12000", "18000",   "2640",  "45000",
		"23000",    "5097",   "26000", "3620.69", "12000", "9500"
	};
	static const char *const dazhu[] = { "4800", "8000", "3200" };
	long long sum = 0, fen;
	char buf[32];

	(void)state;
	for (size_t i = 0; i < 18; i++) {
		assert_int_equal(project_wan_parse(jdz[i], &fen), 0);
		sum += fen;
	}
	assert_string_equal(project_wan_format(sum, buf, 32), "411073.41");
	sum = 0;
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(project_wan_parse(dazhu[i], &fen), 0);
		sum += fen;
	}
	assert_true(sum == 16000LL * 1000000);
	/* random sums: the text of the sum is the sum of the texts */
	srand(7);
	for (int k = 0; k < 2000; k++) {
		long long cents = 0;

		sum = 0;
		for (int j = 0; j < 1 + rand() % 20; j++) {
			long long c = rand() % 100000000;
			char t[32];

			snprintf(t, sizeof(t), "%lld.%02lld", c / 100, c % 100);
			assert_int_equal(project_wan_parse(t, &fen), 0);
			sum += fen;
			cents += c;
		}
		assert_true(sum == cents * 10000);
	}
}

static void capacity_from_text(void **state)
{
	struct project_capacity c;

	(void)state;
	project_capacity_read("建设床位300张，建筑面积13350平方米", &c);
	assert_true(c.beds == 300);
	assert_string_equal(c.floor_area, "13350");
	assert_true(c.understood);
	project_capacity_read("总建筑面积 65000 平方米,建设自助居家老年供养房、"
	                      "康复中心、养老辅助设施、无障碍设施等。原有床"
	                      "位 120 张,扩建后新增床位 1400 张。",
	                      &c);
	assert_true(c.beds == 1400);
	assert_string_equal(c.floor_area, "65000");
	project_capacity_read("总建筑面积 7436.9 平方米,建设医养结合功能区,"
	                      "购置相关设备,新增 201个医养床位。",
	                      &c);
	assert_true(c.beds == 201);
	assert_string_equal(c.floor_area, "7436.9");
	project_capacity_read("总建筑面积约 16.92 万方米,建设护理院、养老服务设"
	                      "施等。",
	                      &c);
	assert_true(c.beds == 0);
	assert_string_equal(c.floor_area, "169200");
	assert_true(c.understood);
	project_capacity_read("总建筑面积 10.3 万平方米,建设门诊", &c);
	assert_string_equal(c.floor_area, "103000");
	project_capacity_read("项目总建筑面积约为61769.75平方米, 其中地上", &c);
	assert_string_equal(c.floor_area, "61769.75");
	project_capacity_read("总建筑面积 14667. 4 平方米,建设教学楼", &c);
	assert_string_equal(c.floor_area, "14667.4");
	project_capacity_read("新增托位120个", &c);
	assert_true(c.slots == 120);
	project_capacity_read("建设托育中心，提供150个托位", &c);
	assert_true(c.slots == 150);
	/* mentions beds in a way not read: left to the person importing */
	project_capacity_read("床位若干", &c);
	assert_false(c.understood);
}

static void schedules(void **state)
{
	struct project_schedule s;

	(void)state;
	assert_int_equal(project_schedule_read("2021-2023", &s), 0);
	assert_int_equal(s.start_year, 2021);
	assert_int_equal(s.end_year, 2023);
	assert_int_equal(s.duration_years, 3);
	assert_int_equal(project_schedule_read("2025", &s), 0);
	assert_int_equal(s.start_year, 2025);
	assert_int_equal(s.end_year, 2025);
	assert_int_equal(project_schedule_read("2 年", &s), 0);
	assert_int_equal(s.duration_years, 2);
	assert_int_equal(s.start_year, 0);
	assert_int_equal(project_schedule_read("1年", &s), 0);
	assert_int_equal(s.duration_years, 1);
	assert_int_equal(project_schedule_read("2023-2021", &s), -1);
	assert_int_equal(project_schedule_read("明年", &s), -1);
}

static void order_and_light(void **state)
{
	const char *actual[7] = { "2024-01-01", NULL, "2024-03-01",
		                  "2024-02-01", NULL, NULL,
		                  NULL };
	const char *planned[7] = { "2024-01-01", "2024-02-01", NULL, NULL,
		                   NULL,         NULL,         NULL };
	const char *none[7] = { NULL };
	int late;

	(void)state;
	assert_int_equal(project_milestone_order(actual, 7), 3);
	actual[3] = "2024-03-01";
	assert_int_equal(project_milestone_order(actual, 7), -1);
	/* stage 1 planned 2024-02-01, no actual date */
	assert_int_equal(
	    project_light_on(planned, actual, 7, "2024-02-01", 30, &late),
	    PROJECT_GREEN);
	assert_int_equal(late, -1);
	assert_int_equal(
	    project_light_on(planned, actual, 7, "2024-02-02", 30, &late),
	    PROJECT_YELLOW);
	assert_int_equal(late, 1);
	assert_int_equal(
	    project_light_on(planned, actual, 7, "2024-03-02", 30, &late),
	    PROJECT_YELLOW); /* 30 days late: not more than 30 */
	assert_int_equal(
	    project_light_on(planned, actual, 7, "2024-03-03", 30, &late),
	    PROJECT_RED);
	assert_int_equal(
	    project_light_on(planned, none, 7, "2024-01-02", 30, &late),
	    PROJECT_YELLOW);
	assert_int_equal(late, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wan_examples),
		cmocka_unit_test(wan_round_trip),
		cmocka_unit_test(wan_sums),
		cmocka_unit_test(capacity_from_text),
		cmocka_unit_test(schedules),
		cmocka_unit_test(order_and_light),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
