/*
 * The "food_safety" and "staff" section readers (app/inspect_food_policy.c,
 * app/inspect_staff_policy.c): a good section read into its fields and
 * look-ups, and each kind of mistake refused with the key path as the
 * field, so a typo in a policy file is never read as "no rule".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/inspect_food_policy.h"
#include "app/inspect_staff_policy.h"

#define FOOD                                                                       \
	"{\"source\": \"s\", \"grades\": [{\"code\": \"A\", \"name\": "            \
	"\"优秀\"}, {\"code\": \"B\", \"name\": \"良好\"}, {\"code\": \"C\", " \
	"\"name\": \"一般\"}], \"good_grades\": [\"A\", \"B\"], "                \
	"\"good_grades_source\": \"g\"%s}"

#define STAFF                                                                       \
	"{\"source\": \"s\", \"occupations\": [{\"code\": "                         \
	"\"eldercare_worker\","                                                     \
	" \"name\": \"养老护理员\", \"sector\": \"%s\", \"certified\": true, " \
	"\"source\": \"x\"}, {\"code\": \"cook\", \"name\": \"厨师\", "           \
	"\"sector\": \"any\", \"certified\": false, \"source\": \"x\"}], "          \
	"\"cert_levels\": [{\"code\": \"5\", \"name\": \"五级\"}], "              \
	"\"cert_levels_source\": \"c\", \"training_kinds\": [{\"code\": "           \
	"\"pre_job\", \"name\": \"岗前培训\"}, {\"code\": \"health\", "         \
	"\"name\": \"卫生保健\"}], \"training_kinds_source\": \"t\", "          \
	"\"pre_job_kind\": \"%s\", \"pre_job_source\": \"p\", "                     \
	"\"childcare_health\": {\"window_months\": %d, \"min_checks\": 1, "         \
	"\"min_trainings\": 1, \"training_kind\": \"%s\", \"source\": "             \
	"\"h\"}%s}"

static int read_food(const char *extra, const struct food_policy **p,
                     struct lx_error *err, struct arena *a)
{
	char buf[2048];
	json_t *o;
	int rc;

	snprintf(buf, sizeof(buf), FOOD, extra);
	o = json_loads(buf, 0, NULL);
	assert_non_null(o);
	memset(err, 0, sizeof(*err));
	rc = food_policy_read(a, "t.json", o, p, err);
	json_decref(o);
	return rc;
}

static int read_staff(const char *sector, const char *pre, int window,
                      const char *kind, const char *extra,
                      const struct staff_policy **p, struct lx_error *err,
                      struct arena *a)
{
	char buf[4096];
	json_t *o;
	int rc;

	snprintf(buf, sizeof(buf), STAFF, sector, pre, window, kind, extra);
	o = json_loads(buf, 0, NULL);
	assert_non_null(o);
	memset(err, 0, sizeof(*err));
	rc = staff_policy_read(a, "t.json", o, p, err);
	json_decref(o);
	return rc;
}

static void test_food(void **state)
{
	struct arena *a = arena_new();
	const struct food_policy *p;
	struct lx_error err;

	(void)state;
	assert_int_equal(read_food("", &p, &err, a), 0);
	assert_int_equal((int)p->ngrades, 3);
	assert_true(food_policy_grade(p, "A")->good);
	assert_true(food_policy_grade(p, "B")->good);
	assert_false(food_policy_grade(p, "C")->good);
	assert_null(food_policy_grade(p, "D"));
	assert_int_equal((int)p->validity_years, 0);
	assert_int_equal(read_food(", \"validity_years\": 3", &p, &err, a), 0);
	assert_int_equal((int)p->validity_years, 3);
	assert_int_equal(read_food(", \"validity_years\": 0", &p, &err, a), -1);
	assert_string_equal(err.field, "food_safety.validity_years");
	assert_int_equal(read_food(", \"stars\": 3", &p, &err, a), -1);
	assert_string_equal(err.field, "food_safety.stars");
	assert_int_equal(err.code, LX_EINVALID);
	arena_free(a);
}

static void test_food_unknown_good_grade(void **state)
{
	struct arena *a = arena_new();
	const struct food_policy *p;
	struct lx_error err;
	json_t *o = json_loads(
	    "{\"source\": \"s\", \"grades\": [{\"code\": \"A\", \"name\": "
	    "\"优秀\"}], \"good_grades\": [\"A\", \"B\"], "
	    "\"good_grades_source\": \"g\"}",
	    0, NULL);

	(void)state;
	assert_int_equal(food_policy_read(a, "t.json", o, &p, &err), -1);
	assert_string_equal(err.field, "food_safety.good_grades[1]");
	json_decref(o);
	arena_free(a);
}

static void test_staff(void **state)
{
	struct arena *a = arena_new();
	const struct staff_policy *p;
	struct lx_error err;

	(void)state;
	assert_int_equal(
	    read_staff("elderly", "pre_job", 12, "health", "", &p, &err, a), 0);
	assert_int_equal((int)p->noccupations, 2);
	assert_int_equal(staff_policy_occupation(p, "eldercare_worker")->sector,
	                 STAFF_ELDERLY);
	assert_true(staff_policy_occupation(p, "eldercare_worker")->certified);
	assert_false(staff_policy_occupation(p, "cook")->certified);
	assert_null(staff_policy_occupation(p, "pilot"));
	assert_string_equal(staff_policy_level(p, "5")->name, "五级");
	assert_string_equal(staff_policy_kind(p, "health")->name, "卫生保健");
	assert_int_equal(p->health.window_months, 12);
	assert_string_equal(p->pre_job_kind, "pre_job");
	/* each mistake names its key */
	assert_int_equal(
	    read_staff("nursing", "pre_job", 12, "health", "", &p, &err, a),
	    -1);
	assert_string_equal(err.field, "staff.occupations[0].sector");
	assert_int_equal(
	    read_staff("elderly", "induction", 12, "health", "", &p, &err, a),
	    -1);
	assert_string_equal(err.field, "staff.pre_job_kind");
	assert_int_equal(
	    read_staff("elderly", "pre_job", 0, "health", "", &p, &err, a), -1);
	assert_string_equal(err.field, "staff.childcare_health.window_months");
	assert_int_equal(
	    read_staff("elderly", "pre_job", 12, "fire", "", &p, &err, a), -1);
	assert_string_equal(err.field, "staff.childcare_health.training_kind");
	assert_int_equal(read_staff("elderly", "pre_job", 12, "health",
	                            ", \"salaries\": 1", &p, &err, a),
	                 -1);
	assert_string_equal(err.field, "staff.salaries");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_food),
		cmocka_unit_test(test_food_unknown_good_grade),
		cmocka_unit_test(test_staff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
