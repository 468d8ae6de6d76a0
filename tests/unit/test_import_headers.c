/* The words of imports (app/import_headers.c): every label the web client
 * shows for a coded value (web/js/i18n.js, for each code web/js/enums.js
 * lists) reads back as its code, read from the JS files themselves; and
 * headers are matched as an official types them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/import_headers.h"

static struct arena *arena;

static int setup(void **state)
{
	arena = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(arena);
	arena = NULL;
	return 0;
}

static char *slurp(const char *rel)
{
	char path[512];
	FILE *f;
	char *buf;
	long len;

	snprintf(path, sizeof(path), "%s/%s", LX_SOURCE_ROOT, rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* The quoted strings of "export const NAME = [ ... ];" in enums.js. */
static size_t js_array(const char *js, const char *name, char out[][64],
                       size_t max)
{
	char head[96];
	const char *p, *end;
	size_t n = 0;

	snprintf(head, sizeof(head), "export const %s = [", name);
	p = strstr(js, head);
	assert_non_null(p);
	end = strchr(p, ']');
	for (p += strlen(head); p < end && n < max; p++) {
		const char *q;

		if (*p != '\'')
			continue;
		q = strchr(p + 1, '\'');
		snprintf(out[n++], 64, "%.*s", (int)(q - p - 1), p + 1);
		p = q;
	}
	return n;
}

/* The Chinese label of key in the zh table of i18n.js (before "const en"). */
static char *zh_label(const char *js, const char *key)
{
	char pat[128];
	const char *en = strstr(js, "\nconst en = {");
	const char *p, *q;

	snprintf(pat, sizeof(pat), "'%s': '", key);
	p = strstr(js, pat);
	if (!p || (en && p > en))
		return NULL;
	p += strlen(pat);
	q = strchr(p, '\'');
	return arena_strndup(arena, p, (size_t)(q - p));
}

static void test_every_label_of_the_pages(void **state)
{
	/* enums.js array, i18n.js key prefix, import kind, column */
	static const char *const map[][4] = {
		{ "ELDERLY_KINDS", "kind", "facilities", "kind" },
		{ "CHILDCARE_KINDS", "kind", "facilities", "kind" },
		{ "OWNERSHIP", "ownership", "facilities", "ownership" },
		{ "OPERATION", "operation", "facilities", "operation" },
		{ "PROFIT", "profit", "facilities", "profit" },
		{ "FILING", "filing", "facilities", "filing_status" },
		{ "CLASS_TYPES", "class", "enrolments", "class_type" },
		{ "METRICS", "metric", "population", "metric" },
	};
	char *enums = slurp("web/js/enums.js"), *i18n = slurp("web/js/i18n.js");
	char codes[32][64];
	size_t checked = 0;

	for (size_t m = 0; m < sizeof(map) / sizeof(map[0]); m++) {
		size_t n = js_array(enums, map[m][0], codes, 32);

		assert_true(n >= 2);
		for (size_t i = 0; i < n; i++) {
			char key[128];
			char *label;

			snprintf(key, sizeof(key), "%.60s.%.63s", map[m][1],
			         codes[i]);
			label = zh_label(i18n, key);
			if (!label)
				fail_msg("no Chinese label for %s", key);
			if (strcmp(
			        import_value_code(map[m][2], map[m][3], label),
			        codes[i]))
				fail_msg("%s '%s' is not read as %s", key,
				         label, codes[i]);
			checked++;
		}
	}
	/* the people and region labels the pages show, with no enums.js
	 * array of their own */
	{
		static const char *const more[][4] = {
			{ "people.kind.elderly", "persons", "kind", "elderly" },
			{ "people.kind.infant", "persons", "kind", "infant" },
			{ "people.sex.M", "persons", "sex", "M" },
			{ "people.sex.F", "persons", "sex", "F" },
			{ "level.township", "regions", "level", "township" },
			{ "level.county", "regions", "level", "county" },
			{ "rkind.zone", "regions", "kind", "zone" },
		};

		for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
			char *label = zh_label(i18n, more[i][0]);

			assert_non_null(label);
			assert_string_equal(
			    import_value_code(more[i][1], more[i][2], label),
			    more[i][3]);
			checked++;
		}
	}
	assert_true(checked >= 40);
	free(enums);
	free(i18n);
}

static void test_values_pass_through(void **state)
{
	assert_string_equal(
	    import_value_code("facilities", "kind", "elderly_institution"),
	    "elderly_institution");
	assert_string_equal(import_value_code("facilities", "name", "养老机构"),
	                    "养老机构");
	assert_string_equal(
	    import_value_code("facilities", "kind", " 养老机构 "),
	    "elderly_institution");
	/* the person kind is not the facility kind */
	assert_string_equal(import_value_code("persons", "kind", "养老机构"),
	                    "养老机构");
}

static void test_headers(void **state)
{
	const struct import_kind *f = import_kind_find("facilities");
	const struct import_kind *p = import_kind_find("persons");
	static const char *const ways[][2] = {
		{ "机构名称", "name" },
		{ "机构名称（必填）", "name" },
		{ "机构名称(必填)", "name" },
		{ " 机构名称 *", "name" },
		{ "＊机构名称", "name" },
		{ "\xE3\x80\x80统一社会信用代码\xE3\x80\x80", "credit_code" },
		{ "name", "name" },
		{ "ｎａｍｅ", "name" },
		{ "床位数", "beds" },
		{ "床位总数", "beds" },
		{ "行政区划代码", "region" },
	};

	assert_non_null(f);
	for (size_t i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		const char *got = import_header_field(arena, f, ways[i][0]);

		if (!got || strcmp(got, ways[i][1]))
			fail_msg("header '%s' read as %s, not %s", ways[i][0],
			         got ? got : "nothing", ways[i][1]);
	}
	/* a facility's name is not a person's, nor the other way round */
	assert_null(import_header_field(arena, f, "姓名"));
	assert_null(import_header_field(arena, f, "身份证号码"));
	assert_string_equal(import_header_field(arena, p, "姓名"), "name");
	assert_null(import_header_field(arena, p, "机构名称"));
	assert_null(import_header_field(arena, f, "机构名"));
	assert_null(import_kind_find("nothing"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_label_of_the_pages),
		cmocka_unit_test(test_values_pass_through),
		cmocka_unit_test(test_headers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
