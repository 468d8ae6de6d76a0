/* Visit targets, tiers and due dates (core/visit.c) and the "visits"
 * policy section (app/visit_policy.c). Expected dates are worked out by
 * hand from the calendar: 2025-03-01 was a Saturday, so 2025-03-03 a
 * Monday; 2026-01-01 a Thursday. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/policy.h"
#include "app/visit_policy.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/person.h"
#include "core/visit.h"

#define CAT(c) (1u << (c))

static const char *const section =
    "{\"source\": \"s\","
    " \"targets\": {\"categories\": [\"tekun_dispersed\", \"dibao\","
    "   \"disabled\", \"living_alone\", \"left_behind\"],"
    "   \"residence\": [\"home\"], \"source\": \"t\"},"
    " \"tiers\": ["
    "  {\"code\": \"high\", \"label\": \"高风险\", \"every\": \"week\","
    "   \"in_monthly_rate\": true},"
    "  {\"code\": \"key\", \"label\": \"重点\", \"every\": \"month\","
    "   \"in_monthly_rate\": true},"
    "  {\"code\": \"regular\", \"label\": \"一般\", \"every\": "
    "\"quarter\","
    "   \"in_monthly_rate\": false}],"
    " \"tier_rules\": ["
    "  {\"tier\": \"high\", \"all\": [\"living_alone\", \"disabled\"]},"
    "  {\"tier\": \"key\", \"any\": [\"tekun_dispersed\", \"dibao\"]}],"
    " \"default_tier\": \"regular\", \"risk_high_tier\": \"high\","
    " \"event_within_hours\": 24,"
    " \"events\": [{\"code\": \"fall\", \"label\": \"跌倒受伤\"}],"
    " \"modes\": [{\"code\": \"home\", \"label\": \"入户探访\"},"
    "   {\"code\": \"video\", \"label\": \"亲情视频\"}],"
    " \"aspects\": [{\"code\": \"safety\", \"label\": \"居住安全\"}],"
    " \"visitors_per_village\": 1}";

struct fx {
	struct arena *a;
	const struct visit_policy *p;
};

static int read_section(struct arena *a, const char *text,
                        const struct visit_policy **p, struct lx_error *err)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	int rc;

	if (!o)
		fail_msg("test JSON does not parse: %s", je.text);
	rc = visit_policy_read(a, "f.json", o, p, err);
	json_decref(o);
	return rc;
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct lx_error err;

	lx_error_clear(&err);
	fx->a = arena_new();
	if (read_section(fx->a, section, &fx->p, &err))
		fail_msg("section refused: %s", err.message);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	arena_free(fx->a);
	free(fx);
	return 0;
}

static void expect_period(enum visit_every e, const char *day,
                          const char *first, const char *last)
{
	char f[11], l[11];

	assert_int_equal(visit_period_of(e, day, f, l), 0);
	assert_string_equal(f, first);
	assert_string_equal(l, last);
}

static void test_periods(void **state)
{
	(void)state;
	expect_period(VISIT_WEEK, "2025-03-05", "2025-03-03", "2025-03-09");
	expect_period(VISIT_WEEK, "2025-03-03", "2025-03-03", "2025-03-09");
	expect_period(VISIT_WEEK, "2025-03-09", "2025-03-03", "2025-03-09");
	/* an ISO week across the new year */
	expect_period(VISIT_WEEK, "2025-12-31", "2025-12-29", "2026-01-04");
	expect_period(VISIT_MONTH, "2024-02-10", "2024-02-01", "2024-02-29");
	expect_period(VISIT_MONTH, "2025-02-10", "2025-02-01", "2025-02-28");
	expect_period(VISIT_QUARTER, "2025-05-20", "2025-04-01", "2025-06-30");
	expect_period(VISIT_QUARTER, "2025-12-31", "2025-10-01", "2025-12-31");
	expect_period(VISIT_QUARTER, "2025-01-01", "2025-01-01", "2025-03-31");
	{
		char f[11], l[11];

		assert_int_equal(
		    visit_period_of(VISIT_WEEK, "2025-02-30", f, l), -1);
	}
}

static void expect_due(const struct visit_policy *p, const char *tier,
                       const char *now, const char *last, const char *since,
                       const char *event, enum visit_status status,
                       const char *due_on, const char *event_due)
{
	struct visit_due d;
	struct lx_error err;

	lx_error_clear(&err);
	if (visit_due_of(p, visit_tier_index(p, tier), now, last, since, event,
	                 &d, &err))
		fail_msg("refused: %s", err.message);
	if (d.status != status || strcmp(d.due_on, due_on) ||
	    strcmp(d.event_due, event_due))
		fail_msg("%s at %s, last '%s', since %s, event '%s': got %s %s "
		         "'%s', want %s %s '%s'",
		         tier, now, last, since, event,
		         visit_status_name(d.status), d.due_on, d.event_due,
		         visit_status_name(status), due_on, event_due);
}

static void test_weekly_due(void **state)
{
	struct fx *fx = *state;
	const struct visit_policy *p = fx->p;

	/* Wednesday 5 March 2025: the week is 3–9 March */
	expect_due(p, "high", "2025-03-05T10:00", "2025-03-03T09:00",
	           "2025-01-01", "", VISIT_DONE, "2025-03-16", "");
	expect_due(p, "high", "2025-03-05T10:00", "2025-02-26T09:00",
	           "2025-01-01", "", VISIT_DUE, "2025-03-09", "");
	/* nobody came in the whole week 24 February – 2 March */
	expect_due(p, "high", "2025-03-05T10:00", "2025-02-20T09:00",
	           "2025-01-01", "", VISIT_OVERDUE, "2025-03-02", "");
	expect_due(p, "high", "2025-03-05T10:00", "", "2025-01-01", "",
	           VISIT_OVERDUE, "2025-03-02", "");
	/* a target from Saturday 1 March was one at that week's end */
	expect_due(p, "high", "2025-03-05T10:00", "", "2025-03-01", "",
	           VISIT_OVERDUE, "2025-03-02", "");
	/* a target only from Tuesday is due this week, not overdue */
	expect_due(p, "high", "2025-03-05T10:00", "", "2025-03-04", "",
	           VISIT_DUE, "2025-03-09", "");
	/* not yet a target: nothing */
	expect_due(p, "high", "2025-03-05T10:00", "", "2025-03-06", "",
	           VISIT_NONE, "", "");
	expect_due(p, "high", "2025-03-05T10:00", "", "", "", VISIT_NONE, "",
	           "");
}

static void test_monthly_and_quarterly_due(void **state)
{
	struct fx *fx = *state;
	const struct visit_policy *p = fx->p;

	expect_due(p, "key", "2025-03-31T23:59", "2025-03-01T08:00",
	           "2024-06-01", "", VISIT_DONE, "2025-04-30", "");
	expect_due(p, "key", "2025-03-31T23:59", "2025-02-28T08:00",
	           "2024-06-01", "", VISIT_DUE, "2025-03-31", "");
	expect_due(p, "key", "2025-03-10T08:00", "2025-01-31T08:00",
	           "2024-06-01", "", VISIT_OVERDUE, "2025-02-28", "");
	/* 20 May 2025: the quarter is April–June */
	expect_due(p, "regular", "2025-05-20T08:00", "2025-04-02T08:00",
	           "2024-01-01", "", VISIT_DONE, "2025-09-30", "");
	expect_due(p, "regular", "2025-05-20T08:00", "2025-03-31T08:00",
	           "2024-01-01", "", VISIT_DUE, "2025-06-30", "");
	expect_due(p, "regular", "2025-05-20T08:00", "2024-12-31T08:00",
	           "2024-01-01", "", VISIT_OVERDUE, "2025-03-31", "");
	/* became a target in April: due by the end of June, not overdue */
	expect_due(p, "regular", "2025-05-20T08:00", "", "2025-04-15", "",
	           VISIT_DUE, "2025-06-30", "");
}

static void test_event_rule(void **state)
{
	struct fx *fx = *state;
	const struct visit_policy *p = fx->p;

	/* visited on 2 March (done for the month), then a fall reported at
	 * 15:30 on 10 March: a visit is due by 15:30 the next day */
	expect_due(p, "key", "2025-03-10T16:00", "2025-03-02T10:00",
	           "2024-06-01", "2025-03-10T15:30", VISIT_DUE, "2025-03-11",
	           "2025-03-11T15:30");
	expect_due(p, "key", "2025-03-11T15:30", "2025-03-02T10:00",
	           "2024-06-01", "2025-03-10T15:30", VISIT_DUE, "2025-03-11",
	           "2025-03-11T15:30");
	expect_due(p, "key", "2025-03-11T15:31", "2025-03-02T10:00",
	           "2024-06-01", "2025-03-10T15:30", VISIT_OVERDUE,
	           "2025-03-11", "2025-03-11T15:30");
	/* a visit at the minute of the report meets it; one before not */
	expect_due(p, "key", "2025-03-12T09:00", "2025-03-10T15:30",
	           "2024-06-01", "2025-03-10T15:30", VISIT_DONE, "2025-04-30",
	           "");
	expect_due(p, "key", "2025-03-12T09:00", "2025-03-10T15:29",
	           "2024-06-01", "2025-03-10T15:30", VISIT_OVERDUE,
	           "2025-03-11", "2025-03-11T15:30");
	/* across a month's end and a leap day */
	expect_due(p, "key", "2024-02-29T12:00", "2024-02-01T10:00",
	           "2023-06-01", "2024-02-29T08:00", VISIT_DUE, "2024-03-01",
	           "2024-03-01T08:00");
	{
		char out[17];

		assert_int_equal(
		    visit_time_add_hours("2024-02-28T23:30", 48, out), 0);
		assert_string_equal(out, "2024-03-01T23:30");
		assert_int_equal(
		    visit_time_add_hours("2025-12-31T00:00", 24, out), 0);
		assert_string_equal(out, "2026-01-01T00:00");
		assert_int_equal(visit_time_check("2025-03-10 15:30"), -1);
		assert_int_equal(visit_time_check("2025-03-10T24:00"), -1);
		assert_int_equal(visit_time_check("2025-02-29T10:00"), -1);
		assert_int_equal(visit_time_check("2025-03-10T23:59"), 0);
	}
}

/* ---- every input: due status against a day-by-day computation ---- */

/* Monday 0 … Sunday 6 by Zeller's congruence, not by a day count. */
static int zeller_weekday(struct lx_date d)
{
	int y = d.y, m = d.m, h;

	if (m < 3) {
		m += 12;
		y--;
	}
	h = (d.d + 13 * (m + 1) / 5 + y % 100 + y % 100 / 4 + y / 100 / 4 +
	     5 * (y / 100)) %
	    7; /* 0 Saturday */
	return (h + 5) % 7;
}

static int starts_period(enum visit_every e, long n)
{
	struct lx_date d = date_from_days(n);

	if (e == VISIT_WEEK)
		return zeller_weekday(d) == 0;
	if (e == VISIT_MONTH)
		return d.d == 1;
	return d.d == 1 && (d.m - 1) % 3 == 0;
}

static long first_by_steps(enum visit_every e, long n)
{
	while (!starts_period(e, n))
		n--;
	return n;
}

static long last_by_steps(enum visit_every e, long n)
{
	n++;
	while (!starts_period(e, n))
		n++;
	return n - 1;
}

static void day_text(long n, char out[11])
{
	date_format(date_from_days(n), out);
}

static void test_due_every_input(void **state)
{
	struct fx *fx = *state;
	const struct visit_policy *p = fx->p;
	unsigned seed = 20251203u;
	long base = date_to_days((struct lx_date){ 2023, 1, 1 });

	for (int i = 0; i < 5000; i++) {
		int tier = (int)(rand_r(&seed) % 3);
		enum visit_every e = p->tiers[tier].every;
		long now = base + (long)(rand_r(&seed) % 1800);
		long since = now - (long)(rand_r(&seed) % 400);
		int visited = rand_r(&seed) % 5 != 0;
		long last = now - (long)(rand_r(&seed) % 200);
		long cf = first_by_steps(e, now), cl = last_by_steps(e, now);
		long pf = first_by_steps(e, cf - 1), pl = cf - 1;
		char now_t[17], last_t[17], since_d[11], want_due[11];
		enum visit_status want;
		struct visit_due got;
		struct lx_error err;

		day_text(now, now_t);
		memcpy(now_t + 10, "T12:00", 7);
		day_text(last, last_t);
		memcpy(last_t + 10, "T08:30", 7);
		day_text(since, since_d);
		if (visited && last >= cf) {
			want = VISIT_DONE;
			day_text(last_by_steps(e, cl + 1), want_due);
		} else if (since <= pl && (!visited || last < pf)) {
			want = VISIT_OVERDUE;
			day_text(pl, want_due);
		} else {
			want = VISIT_DUE;
			day_text(cl, want_due);
		}
		lx_error_clear(&err);
		assert_int_equal(visit_due_of(p, tier, now_t,
		                              visited ? last_t : "", since_d,
		                              "", &got, &err),
		                 0);
		if (got.status != want || strcmp(got.due_on, want_due))
			fail_msg("case %d: %s at %s, last %s, since %s: got %s "
			         "%s, want %s %s",
			         i, visit_every_name(e), now_t,
			         visited ? last_t : "none", since_d,
			         visit_status_name(got.status), got.due_on,
			         visit_status_name(want), want_due);
	}
}

static void test_tier_precedence(void **state)
{
	struct fx *fx = *state;
	const struct visit_policy *p = fx->p;
	int high = visit_tier_index(p, "high"),
	    key = visit_tier_index(p, "key"),
	    regular = visit_tier_index(p, "regular");
	unsigned alone_disabled = CAT(PC_LIVING_ALONE) | CAT(PC_DISABLED);

	assert_int_equal(high, 0);
	assert_int_equal(key, 1);
	assert_int_equal(regular, 2);
	/* "all": both categories, not one */
	assert_int_equal(visit_tier_of(p, alone_disabled, NULL, NULL), high);
	assert_int_equal(visit_tier_of(p, CAT(PC_LIVING_ALONE), NULL, NULL),
	                 regular);
	/* "any": one is enough; the first matching rule wins */
	assert_int_equal(visit_tier_of(p, CAT(PC_DIBAO), NULL, NULL), key);
	assert_int_equal(
	    visit_tier_of(p, alone_disabled | CAT(PC_DIBAO), NULL, NULL), high);
	/* a high risk found on the latest visit raises it */
	assert_int_equal(visit_tier_of(p, CAT(PC_DIBAO), NULL, "high"), high);
	assert_int_equal(visit_tier_of(p, CAT(PC_DIBAO), NULL, "medium"), key);
	/* an override wins over both; an unknown one is ignored */
	assert_int_equal(visit_tier_of(p, CAT(PC_DIBAO), "regular", "high"),
	                 regular);
	assert_int_equal(visit_tier_of(p, alone_disabled, "key", NULL), key);
	assert_int_equal(visit_tier_of(p, CAT(PC_DIBAO), "nosuch", NULL), key);
}

static void test_is_target(void **state)
{
	struct fx *fx = *state;
	const struct visit_policy *p = fx->p;

	assert_true(visit_is_target(p, CAT(PC_DIBAO), "home"));
	assert_true(visit_is_target(p, CAT(PC_DIBAO) | CAT(PC_URBAN), "home"));
	assert_false(visit_is_target(p, CAT(PC_DIBAO), "institution"));
	assert_false(visit_is_target(p, CAT(PC_URBAN), "home"));
	assert_false(visit_is_target(p, CAT(PC_ADVANCED_AGE), "home"));
	assert_false(visit_is_target(p, 0, "home"));
	assert_false(visit_is_target(NULL, CAT(PC_DIBAO), "home"));
	assert_int_equal(p->nmodes, 2);
	assert_string_equal(p->modes[1].label, "亲情视频");
	assert_int_equal(p->event_within_hours, 24);
	assert_true(p->tiers[1].in_monthly_rate);
	assert_false(p->tiers[2].in_monthly_rate);
}

/* A bad section is refused with the key named; nothing is returned. */
static void expect_bad(const char *from, const char *to, const char *field)
{
	struct arena *a = arena_new();
	const struct visit_policy *p = (const void *)1;
	struct lx_error err;
	const char *at = strstr(section, from);
	char *text;

	assert_non_null(at);
	text = arena_printf(a, "%.*s%s%s", (int)(at - section), section, to,
	                    at + strlen(from));
	lx_error_clear(&err);
	if (read_section(a, text, &p, &err) != -1)
		fail_msg("accepted with %s -> %s", from, to);
	assert_null(p);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, field);
	assert_non_null(strstr(err.message, "f.json"));
	arena_free(a);
}

static void test_bad_sections(void **state)
{
	(void)state;
	expect_bad("\"tekun_dispersed\", \"dibao\",", "\"tekun\", \"dibao\",",
	           "visits.targets.categories[0]");
	expect_bad("\"every\": \"week\"", "\"every\": \"fortnight\"",
	           "visits.tiers[0].every");
	expect_bad("\"default_tier\": \"regular\"", "\"default_tier\": \"low\"",
	           "visits.default_tier");
	expect_bad("\"event_within_hours\": 24", "\"event_within_hours\": 0",
	           "visits.event_within_hours");
	expect_bad("{\"tier\": \"high\", \"all\"",
	           "{\"tier\": \"top\", \"all\"", "visits.tier_rules[0].tier");
	expect_bad("\"visitors_per_village\": 1",
	           "\"visitors_per_village\": 1,"
	           " \"every\": 3",
	           "visits.every");
	expect_bad("\"in_monthly_rate\": true},", "\"in_monthly_rate\": 1},",
	           "visits.tiers[0].in_monthly_rate");
}

/* The five presets each have a section, and 大竹's replaces 达州's. */
static void test_presets(void **state)
{
	struct lx_error err;
	struct policy_set *s;
	struct arena *a = arena_new();
	static const char *const codes[] = { "511900000000", "511724000000",
		                             "500154000000", "511700000000",
		                             "360200000000" };

	(void)state;
	lx_error_clear(&err);
	s = policy_set_load(LX_SOURCE_ROOT "/policies", &err);
	if (!s)
		fail_msg("presets refused: %s", err.message);
	for (size_t i = 0; i < 5; i++) {
		const struct policy *p = policy_set_find(s, codes[i]);
		const struct visit_policy *v;

		assert_non_null(p);
		v = p->visits;
		if (!v)
			fail_msg("%s has no visits section", codes[i]);
		/* the monthly rate counts some tier, and 24 hours is the
		 * provincial practice every preset cites */
		assert_true(v->ntiers >= 1);
		assert_int_equal(v->event_within_hours, 24);
		assert_int_equal(v->visitors_per_village, 1);
		/* 开州's text names no left-behind elderly */
		assert_int_equal((v->categories & CAT(PC_LEFT_BEHIND)) != 0,
		                 strcmp(codes[i], "500154000000") != 0);
	}
	/* 004:145 adds every disabled person; 001:239 names 失智 */
	assert_true(policy_set_find(s, "360200000000")->visits->categories &
	            CAT(PC_DISABLED));
	assert_true(policy_set_find(s, "511724000000")->visits->categories &
	            CAT(PC_DEMENTIA));
	{
		const char *path[] = { "511700000000", "511724000000" };
		struct policy_view v;

		policy_view_build(s, a, path, 2, &v);
		assert_string_equal(v.visits_by, "511724000000");
		policy_view_build(s, a, path, 1, &v);
		assert_string_equal(v.visits_by, "511700000000");
	}
	policy_set_unref(s);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods),
		cmocka_unit_test_setup_teardown(test_weekly_due, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_monthly_and_quarterly_due,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_event_rule, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_due_every_input, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_tier_precedence, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_is_target, setup,
		                                teardown),
		cmocka_unit_test(test_bad_sections),
		cmocka_unit_test(test_presets),
	};

	return cmocka_run_group_tests_name("visit", tests, NULL, NULL);
}
