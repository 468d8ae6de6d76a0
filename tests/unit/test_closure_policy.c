/*
 * The "closures" section reader (app/closure_policy.c): a good section
 * read into its reasons, destinations and days of notice; each mistake
 * refused with the key path as the field (a destination the platform
 * cannot settle a person to, a repeated code, days out of range, an
 * unknown key); a section not yet written (only "source") read as a
 * policy without reasons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/closure_policy.h"

#define SECTION                                                                \
	"{\"source\": \"s\", \"reasons\": [{\"code\": \"voluntary\", "         \
	"\"name\": \"主动终止\", \"source\": \"r\"}, {\"code\": \"%s\", "  \
	"\"name\": \"责令关停\", \"source\": \"r\"}], \"destinations\": "  \
	"[{\"code\": \"home\", \"name\": \"回家\", \"source\": \"d\"}, "     \
	"{\"code\": \"%s\", \"name\": \"承接\", \"source\": \"d\"}], "       \
	"\"notice_days\": %d, \"notice_source\": \"n\"%s}"

static int read(const char *reason, const char *dest, int days,
                const char *extra, const struct closure_policy **p,
                struct lx_error *err, struct arena *a)
{
	char buf[2048];
	json_t *o;
	int rc;

	snprintf(buf, sizeof(buf), SECTION, reason, dest, days, extra);
	o = json_loads(buf, 0, NULL);
	assert_non_null(o);
	memset(err, 0, sizeof(*err));
	rc = closure_policy_read(a, "t.json", o, p, err);
	json_decref(o);
	return rc;
}

static void good_section(void **state)
{
	struct arena *a = arena_new();
	const struct closure_policy *p;
	struct lx_error err;

	(void)state;
	assert_int_equal(read("ordered", "successor", 60, "", &p, &err, a), 0);
	assert_int_equal(p->nreasons, 2);
	assert_int_equal(p->ndestinations, 2);
	assert_int_equal(p->notice_days, 60);
	assert_string_equal(closure_policy_reason(p, "ordered")->name,
	                    "责令关停");
	assert_null(closure_policy_reason(p, "bored"));
	assert_non_null(closure_policy_destination(p, "successor"));
	assert_null(closure_policy_destination(p, "institution"));
	assert_null(closure_policy_reason(NULL, "ordered"));
	arena_free(a);
}

static void mistakes(void **state)
{
	struct arena *a = arena_new();
	const struct closure_policy *p;
	struct lx_error err;

	(void)state;
	assert_int_equal(read("ordered", "moon", 60, "", &p, &err, a), -1);
	assert_string_equal(err.field, "closures.destinations[1].code");
	assert_int_equal(read("voluntary", "home", 60, "", &p, &err, a), -1);
	assert_string_equal(err.field, "closures.reasons[1].code");
	assert_int_equal(read("ordered", "successor", 400, "", &p, &err, a),
	                 -1);
	assert_string_equal(err.field, "closures.notice_days");
	assert_int_equal(
	    read("ordered", "successor", 60, ", \"colour\": 1", &p, &err, a),
	    -1);
	assert_string_equal(err.field, "closures.colour");
	arena_free(a);
}

static void not_yet_written(void **state)
{
	struct arena *a = arena_new();
	const struct closure_policy *p;
	struct lx_error err = { 0 };
	json_t *o = json_loads("{\"source\": \"placeholder\"}", 0, NULL);

	(void)state;
	assert_int_equal(closure_policy_read(a, "t.json", o, &p, &err), 0);
	assert_non_null(p);
	assert_int_equal(p->nreasons, 0);
	assert_int_equal(p->notice_days, -1);
	assert_int_equal(closure_policy_read(a, "t.json", NULL, &p, &err), 0);
	assert_null(p);
	json_decref(o);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_section),
		cmocka_unit_test(mistakes),
		cmocka_unit_test(not_yet_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
