/*
 * The "inspections" policy section (app/inspect_plan_policy.c): the five
 * files' sections read, and a bad section refused naming the key at fault.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/inspect_plan_policy.h"

static const char *const good =
    "{\"source\": \"s\", \"items\": [{\"code\": \"civil_general\", \"name\": "
    "\"综合\", \"domain\": \"general\", \"department\": \"民政\", \"kinds\": "
    "[\"elderly_institution\"], \"rate_percent\": 30, \"source\": \"s\"}, "
    "{\"code\": \"fire\", \"name\": \"消防\", \"domain\": \"fire\", "
    "\"department\": \"消防救援\", \"kinds\": [\"elderly_institution\", "
    "\"childcare_institution\"], \"rate_percent\": 25, \"source\": \"s\"}], "
    "\"rate_source\": \"s\", \"inspectors_per_check\": 2, "
    "\"inspectors_source\": \"s\", \"floor_item\": \"civil_general\", "
    "\"floor_kinds\": [\"elderly_institution\"], \"floor_source\": \"s\", "
    "\"notice_working_days\": 3, \"notice_source\": \"s\", \"holidays\": "
    "[\"2027-01-01\"], \"risk_weights\": {\"unclassified\": 1, \"D\": 4}, "
    "\"risk_weights_source\": \"s\"}";

static int read_text(const char *text, const struct inspection_policy **p,
                     struct lx_error *err, struct arena *a)
{
	json_error_t jerr;
	json_t *o = json_loads(text, 0, &jerr);
	int rc;

	assert_non_null(o);
	rc = inspection_policy_read(a, "test.json", o, p, err);
	json_decref(o);
	return rc;
}

static void reads_a_section(void **state)
{
	struct arena *a = arena_new();
	const struct inspection_policy *p;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(read_text(good, &p, &err, a), 0);
	assert_int_equal(p->nitems, 2);
	assert_int_equal(p->items[1].rate, 25);
	assert_int_equal(p->items[1].kinds, (1u << 0) | (1u << 7));
	assert_int_equal(p->inspectors_per_check, 2);
	assert_int_equal(p->notice_working_days, 3);
	assert_int_equal(p->nholidays, 1);
	assert_string_equal(inspection_policy_item(p, "fire")->department,
	                    "消防救援");
	assert_null(inspection_policy_item(p, "nope"));
	assert_int_equal(inspection_policy_weight(p, "D"), 4);
	assert_int_equal(inspection_policy_weight(p, "B"), 1);
	arena_free(a);
}

/* each change to the good section and the key its error names */
static void refuses_naming_the_key(void **state)
{
	static const struct {
		const char *from, *to, *key;
	} cases[] = {
		{ "\"inspectors_per_check\": 2", "\"inspectors_per_check\": 1",
		  "inspectors_per_check" },
		{ "\"floor_item\": \"civil_general\"", "\"floor_item\": \"x\"",
		  "floor_item" },
		{ "\"rate_percent\": 25", "\"rate_percent\": 101",
		  "rate_percent" },
		{ "\"childcare_institution\"]", "\"nursery\"]", "kinds" },
		{ "\"domain\": \"fire\"", "\"domain\": \"weather\"", "domain" },
		{ "\"code\": \"fire\"", "\"code\": \"civil_general\"", "code" },
		{ "\"2027-01-01\"", "\"2027-02-30\"", "holidays" },
		{ "\"unclassified\": 1,", "", "risk_weights" },
		{ "\"D\": 4", "\"D\": 0", "risk_weights.D" },
		{ "\"notice_source\": \"s\",", "", "notice_source" },
		{ "\"source\": \"s\", \"items\"",
		  "\"source\": \"s\", \"extra\": 1, "
		  "\"items\"",
		  "extra" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct arena *a = arena_new();
		const struct inspection_policy *p;
		struct lx_error err = { 0 };
		const char *at = strstr(good, cases[i].from);
		char text[4096];

		assert_non_null(at);
		snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - good), good,
		         cases[i].to, at + strlen(cases[i].from));
		assert_int_equal(read_text(text, &p, &err, a), -1);
		assert_int_equal(err.code, LX_EINVALID);
		if (!strstr(err.message, cases[i].key) &&
		    !strstr(err.field, cases[i].key))
			fail_msg("case %zu: '%s' not named in '%s' / '%s'", i,
			         cases[i].key, err.field, err.message);
		arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_a_section),
		cmocka_unit_test(refuses_naming_the_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
