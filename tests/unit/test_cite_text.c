/* core/cite_text.c and app/policy_cite.c: seed file names become the
 * plans' titles before an answer leaves the server. The titles expected
 * here are the "document" lines of the policy files, written out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/policy.h"
#include "app/policy_cite.h"
#include "core/cite_text.h"

#define PRESETS_DIR LX_SOURCE_ROOT "/policies"

#define BZ "000_e7311d885af442f3.txt"
#define DZ "001_e6026dc463d5175f.txt"

static const struct cite_doc docs[] = {
	{ BZ, "巴中市“一老一小”整体解决方案" },
	{ DZ, "大竹县“十四五”养老服务发展规划" },
};

static void test_titles(void **state)
{
	struct arena *a = arena_new();
	const char *plain = "GB 38600-2019《养老机构服务安全基本规范》";

	(void)state;
	/* the brief's row citation */
	assert_string_equal(
	    cite_text(a, BZ " 表1“十四五”时期养老服务主要发展指标 第3行", docs,
	              2),
	    "《巴中市“一老一小”整体解决方案》表1“十四五”时期养老服务主要发展指"
	    "标 "
	    "第3行");
	/* a name mid-sentence, two names, and a name at the end */
	assert_string_equal(
	    cite_text(a, "省内通行做法（" DZ " 第249行: 推行）；" BZ " 第1行",
	              docs, 2),
	    "省内通行做法（《大竹县“十四五”养老服务发展规划》第249行: "
	    "推行）；《巴中市“一老一小”整体解决方案》第1行");
	assert_string_equal(cite_text(a, "见" BZ, docs, 2),
	                    "见《巴中市“一老一小”整体解决方案》");
	/* an unknown file is not shown either */
	assert_string_equal(
	    cite_text(a, "999_0123456789abcdef.txt 第2行", docs, 2),
	    "所引方案第2行");
	assert_string_equal(cite_text(a, BZ, NULL, 0), "所引方案");
	/* no name: the same string, untouched */
	assert_ptr_equal(cite_text(a, plain, docs, 2), plain);
	assert_null(cite_text(a, NULL, docs, 2));
	/* near misses are not names */
	assert_false(cite_has_seed("000_e7311d885af442f.txt"));  /* 15 hex */
	assert_false(cite_has_seed("000_E7311D885AF442F3.txt")); /* upper */
	assert_false(cite_has_seed("00_e7311d885af442f3a.txt")); /* 2 digits */
	assert_false(cite_has_seed(&"000_e7311d885af442f3.txt"[1]));
	assert_false(cite_has_seed("a.txt"));
	assert_false(cite_has_seed(NULL));
	assert_true(cite_has_seed("x" BZ "y"));
	arena_free(a);
}

/* Every seed name in a random mix of text and names is replaced: none is
 * left, each title appears once per name, and the text between stays. */
static void test_random_mix(void **state)
{
	struct arena *a = arena_new();
	const char *bits[] = { BZ,     DZ,  "第",   "行",  " ",   "表1",
		               ".txt", "_", "000_", "abc", "《》" };

	(void)state;
	srand(22);
	for (int round = 0; round < 2000; round++) {
		char in[512] = "";
		size_t nb = 0, nd = 0, ntitles = 0;
		const char *out, *p;

		for (int k = rand() % 12; k > 0; k--) {
			const char *b = bits[rand() % 11];

			nb += b == bits[0];
			nd += b == bits[1];
			strcat(in, b);
		}
		out = cite_text(a, in, docs, 2);
		assert_false(cite_has_seed(out));
		for (p = out; (p = strstr(p, "《巴中市")) != NULL; p++)
			ntitles++;
		assert_int_equal(ntitles, nb);
		ntitles = 0;
		for (p = out; (p = strstr(p, "《大竹县")) != NULL; p++)
			ntitles++;
		assert_int_equal(ntitles, nd);
	}
	arena_free(a);
}

/* The answer's strings at any depth, with the titles of the real policy
 * files; keys and other strings untouched. */
static void test_json_with_presets(void **state)
{
	struct lx_error err;
	struct policy_set *s = policy_set_load(PRESETS_DIR, &err);
	struct arena *a = arena_new();
	json_t *j =
	    json_pack("{s:s, s:[{s:s}, s], s:i}", "source", BZ " 表2 第1行",
	              "items", "note", "004_4e88682039944ece.txt 第285行: 承接",
	              "高龄津贴", "count", 3);

	(void)state;
	assert_non_null(s);
	policy_cite_json(s, a, j);
	assert_string_equal(json_string_value(json_object_get(j, "source")),
	                    "《巴中市“一老一小”整体解决方案》表2 第1行");
	assert_string_equal(
	    json_string_value(json_object_get(
	        json_array_get(json_object_get(j, "items"), 0), "note")),
	    "《景德镇市“一老一小”整体解决方案（征求意见稿）》第285行: 承接");
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(j, "items"), 1)),
	    "高龄津贴");
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 3);
	/* every plan's own seed has a title */
	for (size_t i = 0; i < policy_set_count(s); i++) {
		const struct policy *p = policy_set_at(s, i);
		json_t *one = json_string(p->seed);

		policy_cite_json(s, a, one);
		assert_int_equal(json_string_value(one)[0], "《"[0]);
		assert_false(cite_has_seed(json_string_value(one)));
		json_decref(one);
	}
	policy_cite_json(s, a, NULL);
	json_decref(j);
	arena_free(a);
	policy_set_unref(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_random_mix),
		cmocka_unit_test(test_json_with_presets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
