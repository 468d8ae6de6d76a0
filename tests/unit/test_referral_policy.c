/*
 * The "referrals" section of policy files (app/referral_policy.c): the
 * five presets load, the nearest file's section applies to a region
 * whole (大竹 its own, 达州's other counties the city's), and a malformed
 * section is refused naming the file and the key path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/policy.h"
#include "app/referral_policy.h"

#define PRESETS_DIR LX_SOURCE_ROOT "/policies"

static const struct referral_policy *view_of(struct policy_set *s,
                                             struct arena *a,
                                             const char *const *path, size_t n)
{
	struct policy_view v;

	policy_view_build(s, a, path, n, &v);
	return v.referrals;
}

static void presets_load_and_the_nearest_applies(void **state)
{
	static const char *const dazhu[] = { "510000000000", "511700000000",
		                             "511724000000", "511724100000" };
	static const char *const tongchuan[] = { "510000000000", "511700000000",
		                                 "511702000000" };
	static const char *const bazhou[] = { "510000000000", "511900000000",
		                              "511902000000" };
	struct lx_error err = { 0 };
	struct policy_set *s = policy_set_load(PRESETS_DIR, &err);
	struct arena *a = arena_new();
	const struct referral_policy *p;

	(void)state;
	if (!s)
		fail_msg("presets: %s", err.message);
	p = view_of(s, a, dazhu, 4);
	assert_non_null(p);
	assert_non_null(strstr(p->source, "001_e6026dc463d5175f.txt 第249行"));
	p = view_of(s, a, tongchuan, 3);
	assert_non_null(p);
	assert_non_null(strstr(p->source, "003_b8a9dfd8cad781d5.txt"));
	p = view_of(s, a, bazhou, 3);
	assert_non_null(p);
	assert_non_null(strstr(p->source, "000_e7311d885af442f3.txt 第254行"));
	/* the figures the files state */
	assert_int_equal(referral_policy_severity(p, "urgent")->hours, 24);
	assert_int_equal(referral_policy_severity(p, "normal")->hours, 72);
	assert_int_equal(referral_policy_severity(p, "low")->hours, 168);
	assert_int_equal(p->nescalate, 2);
	assert_string_equal(p->escalate[1].level, "county");
	assert_int_equal(p->escalate[1].after_hours, 48);
	assert_int_equal(referral_policy_need(p, "care")->to_kind,
	                 REFERRAL_TO_FACILITY);
	assert_null(referral_policy_need(p, "care")->to);
	policy_set_unref(s);
	arena_free(a);
}

/* Reads text as a section: 0, or -1 with the field in err. */
static int read_text(const char *text, struct lx_error *err)
{
	struct arena *a = arena_new();
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	const struct referral_policy *p;
	int rc;

	if (!o)
		fail_msg("test JSON: %s", je.text);
	rc = referral_policy_read(a, "x.json", o, &p, err);
	assert_true(rc ? p == NULL : p != NULL);
	json_decref(o);
	arena_free(a);
	return rc;
}

#define NEEDS                                                                  \
	"\"needs\": [{\"code\": \"meal\", \"label\": \"助餐\", \"to_kind\":" \
	" \"service\", \"to\": \"助餐服务\"}]"
#define SEVS                                                                   \
	"\"severities\": [{\"code\": \"urgent\", \"label\": \"紧急\","       \
	" \"hours\": 24}]"
#define ESC "\"escalate\": [{\"level\": \"township\", \"after_hours\": 0}]"

static void bad_sections_name_the_key(void **state)
{
	static const struct {
		const char *text, *field;
	} cases[] = {
		{ "{\"source\": \"s\", " NEEDS ", " SEVS ", " ESC "}", NULL },
		{ "{" NEEDS ", " SEVS ", " ESC "}", "referrals.source" },
		{ "{\"source\": \"s\", " SEVS ", " ESC "}", "referrals.needs" },
		{ "{\"source\": \"s\", " NEEDS ", " SEVS ", " ESC
		  ", \"colour\": 1}",
		  "referrals.colour" },
		{ "{\"source\": \"s\", \"needs\": [{\"code\": \"m\", \"label\":"
		  " \"l\", \"to_kind\": \"army\", \"to\": \"x\"}], " SEVS
		  ", " ESC "}",
		  "referrals.needs[0].to_kind" },
		{ "{\"source\": \"s\", \"needs\": [{\"code\": \"m\", \"label\":"
		  " \"l\", \"to_kind\": \"department\"}], " SEVS ", " ESC "}",
		  "referrals.needs[0].to" },
		{ "{\"source\": \"s\", " NEEDS ", \"severities\": [{\"code\":"
		  " \"u\", \"label\": \"l\", \"hours\": \"24\"}], " ESC "}",
		  "referrals.severities[0].hours" },
		{ "{\"source\": \"s\", " NEEDS ", \"severities\": [{\"code\":"
		  " \"u\", \"label\": \"l\", \"hours\": 0}], " ESC "}",
		  "referrals.severities[0].hours" },
		{ "{\"source\": \"s\", " NEEDS ", " SEVS ", \"escalate\": ["
		  "{\"level\": \"county\", \"after_hours\": 48}, {\"level\":"
		  " \"city\", \"after_hours\": 12}]}",
		  "referrals.escalate[1].after_hours" },
		{ "{\"source\": \"s\", " NEEDS ", " SEVS ", \"escalate\": ["
		  "{\"level\": \"village\", \"after_hours\": 0}]}",
		  "referrals.escalate[0].level" },
		{ "[]", "referrals" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lx_error err = { 0 };
		int rc = read_text(cases[i].text, &err);

		if (!cases[i].field) {
			if (rc)
				fail_msg("case %zu refused: %s", i,
				         err.message);
			continue;
		}
		if (!rc)
			fail_msg("case %zu accepted", i);
		if (strcmp(err.field, cases[i].field))
			fail_msg("case %zu: field '%s', not '%s' (%s)", i,
			         err.field, cases[i].field, err.message);
		assert_int_equal(err.code, LX_EINVALID);
		assert_non_null(strstr(err.message, "x.json"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(presets_load_and_the_nearest_applies),
		cmocka_unit_test(bad_sections_name_the_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
