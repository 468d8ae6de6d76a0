/*
 * Referrals (core/referral.c): the closed loop of steps, who may take
 * each, deadlines and escalation. Regions: 巴州区 511902000000 with the
 * township 511902001000 and its village 511902001001; the township
 * 511902002000 beside it; 恩阳区 511903000000.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/referral.h"

#define COUNTY    "511902000000"
#define TOWNSHIP  "511902001000"
#define VILLAGE   "511902001001"
#define TOWNSHIP2 "511902002000"
#define COUNTY2   "511903000000"

static struct principal make(enum role r, const char *region)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	p.account_id = 7;
	snprintf(p.username, sizeof(p.username), "%s", role_name(r));
	p.role = r;
	snprintf(p.region, sizeof(p.region), "%s", region);
	return p;
}

static void next_follows_the_loop_only(void **state)
{
	/* the whole table, written out here rather than derived: -1 where
	 * the step does not follow */
	static const int want[REFERRAL_STATUS__MAX][REFERRAL_STEP__MAX] = {
		/* accept, handle, feedback, close, reopen */
		[REFERRAL_ASSIGNED] = { REFERRAL_ACCEPTED, -1, -1, -1, -1 },
		[REFERRAL_ACCEPTED] = { -1, REFERRAL_HANDLED, -1, -1, -1 },
		[REFERRAL_HANDLED] = { -1, -1, REFERRAL_FED_BACK, -1, -1 },
		[REFERRAL_FED_BACK] = { -1, -1, -1, REFERRAL_CLOSED, -1 },
		[REFERRAL_CLOSED] = { -1, -1, -1, -1, REFERRAL_ASSIGNED },
	};

	(void)state;
	for (int s = 0; s < REFERRAL_STATUS__MAX; s++)
		for (int t = 0; t < REFERRAL_STEP__MAX; t++)
			if (referral_next(s, t) != want[s][t])
				fail_msg("%s from %s gives %d, not %d",
				         referral_step_name(t),
				         referral_status_name(s),
				         referral_next(s, t), want[s][t]);
}

static void never_closed_without_feedback(void **state)
{
	(void)state;
	/* every status that is not fed back refuses close */
	assert_int_equal(referral_next(REFERRAL_ASSIGNED, REFERRAL_CLOSE), -1);
	assert_int_equal(referral_next(REFERRAL_ACCEPTED, REFERRAL_CLOSE), -1);
	assert_int_equal(referral_next(REFERRAL_HANDLED, REFERRAL_CLOSE), -1);
	assert_int_equal(referral_next(REFERRAL_CLOSED, REFERRAL_CLOSE), -1);
	/* and any random walk of steps reaches closed only through
	 * fed_back */
	srand(14);
	for (int run = 0; run < 2000; run++) {
		enum referral_status s = REFERRAL_ASSIGNED;

		for (int i = 0; i < 30; i++) {
			int t = rand() % REFERRAL_STEP__MAX;
			int to = referral_next(s, t);

			if (to < 0)
				continue;
			if (to == REFERRAL_CLOSED)
				assert_int_equal(s, REFERRAL_FED_BACK);
			s = (enum referral_status)to;
		}
	}
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < REFERRAL_STATUS__MAX; s++)
		assert_int_equal(referral_status_parse(referral_status_name(s)),
		                 s);
	for (int s = 0; s < REFERRAL_STEP__MAX; s++)
		assert_int_equal(referral_step_parse(referral_step_name(s)), s);
	assert_string_equal(referral_step_record(REFERRAL_FEEDBACK),
	                    "fed_back");
	assert_string_equal(referral_step_record(REFERRAL_REOPEN), "reopened");
	assert_int_equal(referral_to_parse("facility"), REFERRAL_TO_FACILITY);
	assert_int_equal(referral_to_parse("closed"), -1);
	assert_int_equal(referral_status_parse(NULL), -1);
}

static const struct referral_facts to_dept = {
	.region = VILLAGE,
	.to_kind = REFERRAL_TO_DEPARTMENT,
	.created_by = 9,
	.status = REFERRAL_ASSIGNED,
};

static void who_takes_each_step(void **state)
{
	struct principal town = make(ROLE_TOWNSHIP, TOWNSHIP);
	struct principal other_town = make(ROLE_TOWNSHIP, TOWNSHIP2);
	struct principal county = make(ROLE_COUNTY_OFFICIAL, COUNTY);
	struct principal other_county = make(ROLE_COUNTY_OFFICIAL, COUNTY2);
	struct principal dept = make(ROLE_DEPT_OFFICIAL, COUNTY);
	struct principal ro = make(ROLE_READONLY, COUNTY);
	struct principal visitor = make(ROLE_VISITOR, TOWNSHIP);
	struct principal family = make(ROLE_FAMILY, COUNTY);
	struct principal admin = make(ROLE_ADMIN, "");

	(void)state;
	visitor.account_id = 9; /* it raised the referral */
	for (int t = 0; t < REFERRAL_STEP__MAX; t++) {
		assert_int_equal(referral_may_take(&town, &to_dept, t), LX_OK);
		assert_int_equal(referral_may_take(&county, &to_dept, t),
		                 LX_OK);
		assert_int_equal(referral_may_take(&admin, &to_dept, t), LX_OK);
		/* another township or county: not even told it exists */
		assert_int_equal(referral_may_take(&other_town, &to_dept, t),
		                 LX_ENOTFOUND);
		assert_int_equal(referral_may_take(&other_county, &to_dept, t),
		                 LX_ENOTFOUND);
		assert_int_equal(referral_may_take(&family, &to_dept, t),
		                 LX_ENOTFOUND);
		/* sees it, takes no step */
		assert_int_equal(referral_may_take(&visitor, &to_dept, t),
		                 LX_EFORBIDDEN);
		assert_int_equal(referral_may_take(&ro, &to_dept, t),
		                 LX_EFORBIDDEN);
	}
	/* the department receives, the township closes */
	assert_int_equal(referral_may_take(&dept, &to_dept, REFERRAL_ACCEPT),
	                 LX_OK);
	assert_int_equal(referral_may_take(&dept, &to_dept, REFERRAL_FEEDBACK),
	                 LX_OK);
	assert_int_equal(referral_may_take(&dept, &to_dept, REFERRAL_CLOSE),
	                 LX_EFORBIDDEN);
	assert_int_equal(referral_may_take(&dept, &to_dept, REFERRAL_REOPEN),
	                 LX_EFORBIDDEN);
	/* another visitor does not see what this one raised */
	visitor.account_id = 10;
	assert_int_equal(referral_may_take(&visitor, &to_dept, REFERRAL_CLOSE),
	                 LX_ENOTFOUND);
}

static void facility_referrals_go_to_its_operator(void **state)
{
	static const long long mine[] = { 5, 41 };
	struct principal op = make(ROLE_OPERATOR, COUNTY);
	struct principal dept = make(ROLE_DEPT_OFFICIAL, COUNTY);
	struct referral_facts f = to_dept;

	(void)state;
	op.nfacilities = 2;
	op.facilities = mine;
	f.to_kind = REFERRAL_TO_FACILITY;
	f.to_facility = 41;
	assert_true(referral_may_see(&op, &f));
	assert_int_equal(referral_may_take(&op, &f, REFERRAL_HANDLE), LX_OK);
	assert_int_equal(referral_may_take(&op, &f, REFERRAL_CLOSE),
	                 LX_EFORBIDDEN);
	/* a department official has nothing to do with a facility's */
	assert_int_equal(referral_may_take(&dept, &f, REFERRAL_ACCEPT),
	                 LX_ENOTFOUND);
	f.to_facility = 42;
	assert_int_equal(referral_may_take(&op, &f, REFERRAL_ACCEPT),
	                 LX_ENOTFOUND);
	f.to_kind = REFERRAL_TO_SERVICE;
	assert_false(referral_may_see(&op, &f));
}

static void who_raises(void **state)
{
	static const char areas[][13] = { VILLAGE };
	struct principal visitor = make(ROLE_VISITOR, TOWNSHIP);
	struct principal town = make(ROLE_TOWNSHIP, TOWNSHIP);
	struct principal dept = make(ROLE_DEPT_OFFICIAL, COUNTY);
	struct principal ro = make(ROLE_READONLY, COUNTY);

	(void)state;
	visitor.nareas = 1;
	visitor.areas = areas;
	assert_true(referral_may_raise(&visitor, VILLAGE));
	assert_false(referral_may_raise(&visitor, "511902001002"));
	assert_true(referral_may_raise(&town, "511902001002"));
	assert_false(referral_may_raise(&town, "511902002001"));
	assert_false(referral_may_raise(&dept, VILLAGE));
	assert_false(referral_may_raise(&ro, VILLAGE));
}

static void times_against_the_c_library(void **state)
{
	long long t;
	char s[21], want[21];

	(void)state;
	assert_int_equal(referral_time_parse("2026-12-04T08:30:00Z", &t), 0);
	assert_int_equal(t, 1796373000LL);
	assert_int_equal(referral_time_parse("2026-12-04T08:30Z", &t), 0);
	assert_int_equal(t, 1796373000LL);
	assert_int_equal(referral_time_parse("2026-12-04T08:30:00", &t), -1);
	assert_int_equal(referral_time_parse("2026-02-30T08:30:00Z", &t), -1);
	assert_int_equal(referral_time_parse("2026-12-04T24:00:00Z", &t), -1);
	assert_int_equal(referral_time_parse("2026-12-04 08:30:00Z", &t), -1);
	assert_int_equal(referral_time_parse(NULL, &t), -1);
	/* formatting and parsing agree with gmtime and timegm over random
	 * moments from 1970 to 2100 */
	srand(4);
	for (int i = 0; i < 20000; i++) {
		time_t v =
		    (time_t)(((long long)rand() << 16 ^ rand()) % 4102444800LL);
		struct tm tm;

		gmtime_r(&v, &tm);
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
		referral_time_format((long long)v, s);
		assert_string_equal(s, want);
		assert_int_equal(referral_time_parse(want, &t), 0);
		assert_int_equal(t, (long long)timegm(&tm));
	}
}

static const struct referral_escalation ladder[] = {
	{ "township", 0 },
	{ "county", 48 },
};
static const struct referral_severity sev[] = {
	{ "urgent", "紧急", 24 },
	{ "normal", "一般", 72 },
};
static const struct referral_need needs[] = {
	{ "medical", "就医", REFERRAL_TO_DEPARTMENT, "卫生健康部门" },
};
static const struct referral_policy pol = {
	.nneeds = 1,
	.needs = needs,
	.nseverities = 2,
	.severities = sev,
	.nescalate = 2,
	.escalate = ladder,
};

static void escalation_township_then_county(void **state)
{
	long long raised, due;

	(void)state;
	assert_int_equal(referral_time_parse("2026-12-01T09:00:00Z", &raised),
	                 0);
	due = raised + referral_policy_severity(&pol, "urgent")->hours * 3600;
	/* on time: neither overdue nor escalated, the deadline itself
	 * included */
	assert_false(referral_overdue_at(REFERRAL_ASSIGNED, due, due));
	assert_int_equal(
	    referral_escalation_at(&pol, REFERRAL_ASSIGNED, due, due), -1);
	/* a second past the deadline: the township */
	assert_true(referral_overdue_at(REFERRAL_ACCEPTED, due, due + 1));
	assert_int_equal(
	    referral_escalation_at(&pol, REFERRAL_ACCEPTED, due, due + 1), 0);
	assert_int_equal(referral_escalation_at(&pol, REFERRAL_HANDLED, due,
	                                        due + 48 * 3600),
	                 0);
	/* 48 hours past it: the county */
	assert_int_equal(referral_escalation_at(&pol, REFERRAL_HANDLED, due,
	                                        due + 48 * 3600 + 1),
	                 1);
	/* fed back or closed: the receiver has done its part */
	assert_false(referral_overdue_at(REFERRAL_FED_BACK, due, due + 999999));
	assert_int_equal(
	    referral_escalation_at(&pol, REFERRAL_CLOSED, due, due + 999999),
	    -1);
}

static void policy_check_names_the_key(void **state)
{
	struct referral_policy p = pol;
	struct referral_severity bad_sev[] = { { "urgent", "紧急", 0 } };
	struct referral_escalation bad_ladder[] = { { "township", 24 },
		                                    { "county", 24 } };
	struct referral_escalation odd[] = { { "village", 0 } };
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(referral_policy_check(&pol, &err), 0);
	p.severities = bad_sev;
	p.nseverities = 1;
	assert_int_equal(referral_policy_check(&p, &err), -1);
	assert_string_equal(err.field, "severities[0].hours");
	p = pol;
	p.escalate = bad_ladder;
	assert_int_equal(referral_policy_check(&p, &err), -1);
	assert_string_equal(err.field, "escalate[1].after_hours");
	p.escalate = odd;
	p.nescalate = 1;
	assert_int_equal(referral_policy_check(&p, &err), -1);
	assert_string_equal(err.field, "escalate[0].level");
	p = pol;
	p.nneeds = 0;
	assert_int_equal(referral_policy_check(&p, &err), -1);
	assert_string_equal(err.field, "needs");
	assert_null(referral_policy_need(&pol, "meal"));
	assert_string_equal(referral_policy_need(&pol, "medical")->to,
	                    "卫生健康部门");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(next_follows_the_loop_only),
		cmocka_unit_test(never_closed_without_feedback),
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(who_takes_each_step),
		cmocka_unit_test(facility_referrals_go_to_its_operator),
		cmocka_unit_test(who_raises),
		cmocka_unit_test(times_against_the_c_library),
		cmocka_unit_test(escalation_township_then_county),
		cmocka_unit_test(policy_check_names_the_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
