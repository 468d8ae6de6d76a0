/*
 * The "family_beds", "meals" and "guidance" sections' readers
 * (app/service_bed_policy.c, service_meal_policy.c,
 * service_guidance_policy.c): a good section read into its fields, and
 * each kind of bad key refused with the key path as the error's field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/service_bed_policy.h"
#include "app/service_guidance_policy.h"
#include "app/service_meal_policy.h"
#include "core/facility.h"
#include "core/person.h"

#define BED_OK                                                                 \
	"{\"source\": \"s\", \"eligible\": {\"any\": [[\"dibao\", "            \
	"\"disabled\"], [\"low_income\", \"partly_disabled\"]], "              \
	"\"min_age\": 60}, \"eligible_source\": \"002 第40行\", "            \
	"\"setup_steps\": [\"assessment\", \"adaptation\", \"plan\"], "        \
	"\"setup_source\": \"s\", \"min_visits_month\": 4, "                   \
	"\"min_minutes_month\": 240, \"standard_source\": \"s\"}"

#define MEAL_OK                                                                \
	"{\"village_codes\": {\"from\": 200, \"to\": 399}, "                   \
	"\"village_source\": \"s\", \"point_kinds\": [\"meal_point\", "        \
	"\"mutual_aid_point\"], \"point_source\": \"s\"}"

#define GUIDE_OK                                                               \
	"{\"kinds\": [{\"code\": \"home_visit\", \"name\": \"入户指导\", " \
	"\"source\": \"s\"}, {\"code\": \"live_stream\", \"name\": "           \
	"\"互联网直播\", \"source\": \"s\"}], \"reach_window\": "         \
	"\"twelve_months\", \"window_source\": \"s\"}"

enum section { BED, MEAL, GUIDE };

/* Reads text as the section; returns 0 or -1 with err filled. */
static int read_as(enum section s, const char *text, struct arena *a,
                   const void **out, struct lx_error *err)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	int rc;

	if (!o)
		fail_msg("test JSON: %s", je.text);
	lx_error_clear(err);
	if (s == BED)
		rc = family_bed_policy_read(
		    a, "t.json", o, (const struct family_bed_policy **)out,
		    err);
	else if (s == MEAL)
		rc = meal_policy_read(a, "t.json", o,
		                      (const struct meal_policy **)out, err);
	else
		rc = guidance_policy_read(
		    a, "t.json", o, (const struct guidance_policy **)out, err);
	json_decref(o);
	return rc;
}

static void refused(enum section s, const char *text, const char *field)
{
	struct arena *a = arena_new();
	const void *out = NULL;
	struct lx_error err;

	if (!read_as(s, text, a, &out, &err))
		fail_msg("accepted: %s", text);
	assert_int_equal(err.code, LX_EINVALID);
	if (strcmp(err.field, field))
		fail_msg("field %s, want %s (%s)", err.field, field,
		         err.message);
	arena_free(a);
}

static void good_sections(void **state)
{
	struct arena *a = arena_new();
	const struct family_bed_policy *b;
	const struct meal_policy *m;
	const struct guidance_policy *g;
	struct lx_error err;

	(void)state;
	assert_int_equal(read_as(BED, BED_OK, a, (const void **)&b, &err), 0);
	assert_int_equal(b->min_visits_month, 4);
	assert_int_equal(b->min_minutes_month, 240);
	assert_int_equal(b->needs_adaptation, 1);
	assert_int_equal(b->needs_devices, 0);
	assert_int_equal(b->eligible.nsets, 2);
	assert_int_equal(b->eligible.min_age, 60);
	assert_true(category_rule_match(&b->eligible,
	                                1u << PC_DIBAO | 1u << PC_DISABLED,
	                                70) >= 0);
	assert_int_equal(category_rule_match(&b->eligible, 1u << PC_DIBAO, 70),
	                 -1);
	assert_int_equal(read_as(MEAL, MEAL_OK, a, (const void **)&m, &err), 0);
	assert_int_equal(m->village_from, 200);
	assert_int_equal(m->village_to, 399);
	assert_int_equal(m->npoint_kinds, 2);
	assert_int_equal(m->point_kinds[1], FK_MUTUAL_AID_POINT);
	assert_int_equal(read_as(GUIDE, GUIDE_OK, a, (const void **)&g, &err),
	                 0);
	assert_int_equal(g->nkinds, 2);
	assert_int_equal(g->window, RW_TWELVE_MONTHS);
	assert_string_equal(guidance_policy_kind(g, "live_stream")->name,
	                    "互联网直播");
	assert_null(guidance_policy_kind(g, "dance"));
	/* no section: nothing, no error */
	assert_int_equal(family_bed_policy_read(a, "t.json", NULL, &b, &err),
	                 0);
	assert_null(b);
	arena_free(a);
}

static void bad_keys_named(void **state)
{
	(void)state;
	refused(BED, "{\"bogus\": 1}", "family_beds.bogus");
	refused(BED,
	        "{\"eligible\": {\"any\": [[\"dibao\"]]}, \"eligible_source\": "
	        "\"s\", \"setup_steps\": [\"paint\"], \"setup_source\": \"s\", "
	        "\"min_visits_month\": 4, \"min_minutes_month\": 240, "
	        "\"standard_source\": \"s\"}",
	        "family_beds.setup_steps");
	refused(BED,
	        "{\"eligible\": {\"any\": [[\"dibao\"]]}, \"eligible_source\": "
	        "\"s\", \"setup_steps\": [\"plan\"], \"setup_source\": \"s\", "
	        "\"min_visits_month\": -1, \"min_minutes_month\": 240, "
	        "\"standard_source\": \"s\"}",
	        "family_beds.min_visits_month");
	refused(MEAL,
	        "{\"village_codes\": {\"from\": 300, \"to\": 200}, "
	        "\"village_source\": \"s\", \"point_kinds\": [\"meal_point\"], "
	        "\"point_source\": \"s\"}",
	        "meals.village_codes.to");
	refused(MEAL,
	        "{\"village_codes\": {\"from\": 200, \"to\": 399}, "
	        "\"village_source\": \"s\", \"point_kinds\": "
	        "[\"elderly_institution\"], \"point_source\": \"s\"}",
	        "meals.point_kinds");
	refused(MEAL, "{\"village_source\": \"s\"}", "meals.village_codes");
	refused(GUIDE,
	        "{\"kinds\": [{\"code\": \"a\", \"name\": \"甲\", \"source\": "
	        "\"s\"}], \"reach_window\": \"weekly\", \"window_source\": "
	        "\"s\"}",
	        "guidance.reach_window");
	refused(GUIDE,
	        "{\"kinds\": [{\"code\": \"a\", \"name\": \"甲\", \"source\": "
	        "\"s\"}, {\"code\": \"a\", \"name\": \"乙\", \"source\": "
	        "\"s\"}], \"reach_window\": \"calendar_year\", "
	        "\"window_source\": \"s\"}",
	        "guidance.kinds[1].code");
	refused(GUIDE,
	        "{\"kinds\": [], \"reach_window\": \"calendar_year\", "
	        "\"window_source\": \"s\"}",
	        "guidance.kinds");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_sections),
		cmocka_unit_test(bad_keys_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
