/* app/policy_scaffold.c: the starting policy file of a new jurisdiction.
 * Its text is read back with jansson and loaded by the policy loader, for
 * hand-picked codes and for random ones of every level above the village. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <jansson.h>

#include "app/policy.h"
#include "app/policy_scaffold.h"
#include "core/indicator.h"
#include "support.h"

static void test_code(void **state)
{
	struct lx_error err = { 0 };
	char out[13];

	(void)state;
	assert_int_equal(policy_scaffold_code("440300", "code", out, &err), 0);
	assert_string_equal(out, "440300000000");
	assert_int_equal(
	    policy_scaffold_code("511724000000", "code", out, &err), 0);
	assert_string_equal(out, "511724000000");
	assert_int_equal(policy_scaffold_code("4403", "code", out, &err), -1);
	assert_string_equal(err.field, "code");
	/* province 99 does not exist (11 to 82) */
	assert_int_equal(policy_scaffold_code("990300", "parent", out, &err),
	                 -1);
	assert_string_equal(err.field, "parent");
	assert_int_equal(policy_scaffold_code("44030a", "code", out, &err), -1);
	assert_int_equal(policy_scaffold_code(NULL, "code", out, &err), -1);
}

static void test_refused(void **state)
{
	struct arena *a = arena_new();
	struct lx_error err = { 0 };

	(void)state;
	assert_null(policy_scaffold(a, "440300", "", NULL, &err));
	assert_string_equal(err.field, "name");
	/* a sibling, the region itself and a region below are not parents */
	assert_null(policy_scaffold(a, "440300", "深圳市", "450000", &err));
	assert_string_equal(err.field, "parent");
	assert_null(policy_scaffold(a, "440300", "深圳市", "440300", &err));
	assert_string_equal(err.field, "parent");
	assert_null(
	    policy_scaffold(a, "440300", "深圳市", "440304000000", &err));
	assert_string_equal(err.field, "parent");
	arena_free(a);
}

static void test_text(void **state)
{
	struct arena *a = arena_new();
	struct lx_error err = { 0 };
	char *text = policy_scaffold(a, "511724", "大竹县", "511700", &err);
	json_error_t jerr;
	json_t *doc, *ind, *plan, *v;
	const char *key;
	size_t i;
	int ratio = 0, count = 0, reported = 0, textual = 0;

	(void)state;
	assert_non_null(text);
	assert_int_equal(text[strlen(text) - 1], '\n');
	doc = json_loads(text, 0, &jerr);
	assert_non_null(doc);
	assert_string_equal(
	    json_string_value(json_object_get(doc, "jurisdiction")),
	    "511724000000");
	assert_string_equal(json_string_value(json_object_get(doc, "parent")),
	                    "511700000000");
	assert_string_equal(
	    json_string_value(json_object_get(
	        json_array_get(json_object_get(doc, "regions"), 0), "code")),
	    "511724000000");
	assert_int_equal(json_array_size(json_object_get(doc, "schemes")), 0);
	assert_true(json_is_array(json_object_get(doc, "schemes")));
	plan = json_object_get(doc, "planning");
	assert_int_equal(json_object_size(plan), 3);
	json_object_foreach(plan, key, v)
	{
		assert_non_null(
		    json_string_value(json_object_get(v, "source")));
		assert_non_null(
		    strstr(json_string_value(json_object_get(v, "note")),
		           "国家默认值"));
	}
	assert_string_equal(
	    json_string_value(json_object_get(
	        json_object_get(plan, "slots_per_1000"), "value")),
	    "4.5");
	json_array_foreach(json_object_get(doc, "indicators"), i, ind)
	{
		json_t *t = json_object_get(ind, "target");
		int has_num = json_is_string(json_object_get(ind, "numerator"));
		int has_den =
		    json_is_string(json_object_get(ind, "denominator"));

		assert_memory_equal(
		    json_string_value(json_object_get(ind, "note")), "例：",
		    strlen("例："));
		if (json_is_null(t)) {
			/* the count is the descriptive example: no target */
			assert_true(has_num && !has_den);
			count++;
		} else if (!strcmp(json_string_value(json_object_get(t, "op")),
		                   "text")) {
			textual++;
			assert_false(has_num || has_den);
		} else if (!has_num) {
			reported++;
		} else if (has_den) {
			ratio++;
			assert_int_equal(
			    json_integer_value(json_object_get(ind, "factor")),
			    100);
		} else {
			count++;
		}
	}
	assert_int_equal(ratio, 1);
	assert_int_equal(count, 1);
	assert_int_equal(reported, 1);
	assert_int_equal(textual, 1);
	json_decref(doc);
	arena_free(a);
}

/* Writes the scaffold of code into a fresh folder as CODE.json and loads
 * the folder: the loader's word on it. */
static void loads(const char *code, const char *parent)
{
	struct arena *a = arena_new();
	struct lx_error err = { 0 };
	char dir[256], c12[13];
	char *text = policy_scaffold(a, code, "某地", parent, &err);
	struct policy_set *s;
	FILE *f;

	if (!text)
		fail_msg("%s: %s: %s", code, err.field, err.message);
	assert_int_equal(scratch_make(dir, sizeof(dir), "lx-scaffold"), 0);
	assert_int_equal(policy_scaffold_code(code, "code", c12, &err), 0);
	f = fopen(arena_printf(a, "%s/%s.json", dir, c12), "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	lx_error_clear(&err);
	s = policy_set_load(dir, &err);
	if (!s)
		fail_msg("%s refused: %s", code, err.message);
	assert_int_equal(policy_set_find(s, c12)->nindicators, 4);
	assert_int_equal(policy_set_find(s, c12)->nreported, 2);
	assert_int_equal(policy_set_find(s, c12)->indicators[3].op, TOP_TEXT);
	policy_set_unref(s);
	assert_int_equal(scratch_remove(dir), 0);
	arena_free(a);
}

static void test_loads(void **state)
{
	unsigned seed = 24;

	(void)state;
	loads("440300", "440000");
	loads("511724000000", NULL);
	loads("110000000000", NULL);
	/* random province, city, county and township codes, each under
	 * its province as parent */
	for (int i = 0; i < 24; i++) {
		char code[13], parent[13];
		int level = i % 4;

		snprintf(code, sizeof(code), "%02u%02u%02u%03u000",
		         11 + rand_r(&seed) % 72,
		         level > 0 ? 1 + rand_r(&seed) % 99 : 0,
		         level > 1 ? 1 + rand_r(&seed) % 99 : 0,
		         level > 2 ? 1 + rand_r(&seed) % 999 : 0);
		snprintf(parent, sizeof(parent), "%.2s0000000000", code);
		loads(code, level ? parent : NULL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_loads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
