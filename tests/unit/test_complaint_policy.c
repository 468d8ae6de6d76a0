/*
 * The "complaints" section of the policy files (app/complaint_policy.c):
 * each of the five presets reads, with the values docs/policy.md states
 * (15 working days, the five 好差评 levels with 5, 4 and 3 satisfied, the
 * 2025 calendar of the State Council's notice); and a bad section is
 * refused with the key path named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "app/complaint_policy.h"
#include "core/complaint_calendar.h"
#include "core/date.h"

static const char *const presets[] = {
	"511900000000-bazhong.json",    "511724000000-dazhu.json",
	"500154000000-kaizhou.json",    "511700000000-dazhou.json",
	"360200000000-jingdezhen.json",
};

static json_t *section_of(const char *file)
{
	char path[512];
	json_error_t je;
	json_t *doc, *s;

	snprintf(path, sizeof(path), "%s/policies/%s", LX_SOURCE_ROOT, file);
	doc = json_load_file(path, 0, &je);
	assert_non_null(doc);
	s = json_incref(json_object_get(doc, "complaints"));
	json_decref(doc);
	return s;
}

static long day(int y, int m, int d)
{
	return date_to_days((struct lx_date){ y, m, d });
}

static void every_preset_reads(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(presets) / sizeof(*presets); i++) {
		struct arena *a = arena_new();
		struct lx_error err = { 0 };
		const struct complaint_policy *p = NULL;
		json_t *s = section_of(presets[i]);

		assert_int_equal(
		    complaint_policy_read(a, presets[i], s, &p, &err), 0);
		assert_non_null(p);
		assert_int_equal(p->deadline_days, 15);
		assert_int_equal(p->nlevels, 5);
		assert_string_equal(complaint_policy_level(p, 5)->name,
		                    "非常满意");
		assert_string_equal(complaint_policy_level(p, 1)->name,
		                    "非常不满意");
		assert_int_equal(p->nsatisfied, 3);
		assert_non_null(complaint_policy_channel(p, "12345"));
		assert_non_null(complaint_policy_channel(p, "online"));
		assert_true(complaint_policy_category(p, "safety")->serious);
		assert_false(complaint_policy_category(p, "fees")->serious);
		assert_true(complaint_policy_reviews(p, "facility"));
		assert_true(complaint_policy_reviews(p, "government"));
		/* the 2025 notice: 1 October off, Sunday 28 September and
		 * Saturday 11 October worked */
		assert_false(
		    complaint_is_working_day(&p->calendar, day(2025, 10, 1)));
		assert_true(
		    complaint_is_working_day(&p->calendar, day(2025, 9, 28)));
		assert_true(
		    complaint_is_working_day(&p->calendar, day(2025, 10, 11)));
		assert_int_equal(complaint_add_working_days(
		                     &p->calendar, day(2025, 9, 26), 15),
		                 day(2025, 10, 23));
		json_decref(s);
		arena_free(a);
	}
}

/* The Bazhong section with one key set to v (NULL: removed). */
static void refused(const char *key, json_t *v, const char *path)
{
	struct arena *a = arena_new();
	struct lx_error err = { 0 };
	const struct complaint_policy *p = NULL;
	json_t *s = section_of(presets[0]), *c = json_deep_copy(s);

	if (v)
		json_object_set_new(c, key, v);
	else
		json_object_del(c, key);
	assert_int_equal(complaint_policy_read(a, "x.json", c, &p, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_non_null(strstr(err.message, path));
	json_decref(c);
	json_decref(s);
	arena_free(a);
}

static void bad_sections_name_the_key(void **state)
{
	(void)state;
	refused("deadline_days", json_integer(0), "deadline_days");
	refused("deadline_days", NULL, "deadline_days");
	refused("surprise", json_true(), "surprise");
	refused("channels", json_array(), "channels");
	refused("satisfaction",
	        json_pack("{s:[{s:i, s:s}], s:[i], s:s}", "levels", "level", 5,
	                  "name", "非常满意", "satisfied", 5, "source", "x"),
	        "satisfaction.levels");
	refused("calendar",
	        json_pack("{s:[s], s:[], s:s}", "holidays", "2025-02-30",
	                  "workdays", "source", "x"),
	        "calendar.holidays[0]");
	refused("hazard",
	        json_pack("{s:s, s:s, s:s}", "domain", "service_safety",
	                  "severity", "huge", "source", "x"),
	        "hazard.severity");
	refused("reviews",
	        json_pack("{s:[s], s:s, s:s}", "targets", "service", "source",
	                  "x", "appeal_source", "x"),
	        "reviews.targets[0]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_preset_reads),
		cmocka_unit_test(bad_sections_name_the_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
