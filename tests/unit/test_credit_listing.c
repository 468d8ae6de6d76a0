/*
 * Red and black list entries (core/credit_listing.c): every (status, step)
 * pair against the table below, written from the life the module states
 * (proposed → noticed → heard → listed → published → removed, or
 * withdrawn before listing); over many random walks on random days, no
 * entry is listed before its notice day plus the notice days nor removed
 * before its listing day plus the years, the earliest day checked against
 * a day count made here; and the prepaid checks against integer sums.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/credit_listing.h"
#include "core/credit_prepaid.h"
#include "core/date.h"

/* For each step, per status (proposed, noticed, heard, listed,
 * published, removed, withdrawn): 'o' allowed, 'c' conflict. */
static const struct {
	enum credit_step step;
	const char *expect;
	enum credit_status to;
} table[] = {
	{ CS_NOTICE, "occcccc", CL_NOTICED },
	{ CS_HEARING,
	  "cocccc"
	  "c",
	  CL_HEARD },
	{ CS_LIST, "coocccc", CL_LISTED },
	{ CS_PUBLISH, "cccoccc", CL_PUBLISHED },
	{ CS_REMOVE, "cccoocc", CL_REMOVED },
	{ CS_WITHDRAW, "ooocccc", CL_WITHDRAWN },
};

static const struct credit_listing_rule rule = { 10, 2 };

static void every_status_and_step(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		for (int s = 0; s < CL__MAX; s++) {
			struct credit_listing_state st = { s, "2020-01-01",
				                           "2020-02-01" };
			struct lx_error err = { 0 };
			enum credit_status next = CL__MAX;
			char may[11];
			/* a day late enough for every step */
			int rc = credit_listing_step(&st, table[i].step,
			                             "2030-01-01", &rule, &next,
			                             may, &err);

			if (table[i].expect[s] == 'o') {
				assert_int_equal(rc, 0);
				assert_int_equal(next, table[i].to);
			} else {
				assert_int_equal(rc, -1);
				assert_int_equal(err.code, LX_ECONFLICT);
				assert_string_equal(err.field, "status");
			}
		}
}

static long days_of(const char *s)
{
	struct lx_date d;

	assert_int_equal(date_parse(s, &d), 0);
	return date_to_days(d);
}

static void edges(void **state)
{
	struct credit_listing_state st = { CL_NOTICED, "2024-04-01", "" };
	struct lx_error err = { 0 };
	enum credit_status next;
	char may[11];

	(void)state;
	/* 2024-04-01 + 10 days = 2024-04-11 */
	assert_int_equal(credit_listing_step(&st, CS_LIST, "2024-04-10", &rule,
	                                     &next, may, &err),
	                 -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "on");
	assert_string_equal(may, "2024-04-11");
	assert_int_equal(credit_listing_step(&st, CS_LIST, "2024-04-11", &rule,
	                                     &next, may, &err),
	                 0);
	/* listed on 29 February: 2 years on is 1 March */
	st.status = CL_LISTED;
	strcpy(st.listed_on, "2024-02-29");
	assert_int_equal(credit_listing_step(&st, CS_REMOVE, "2026-02-28",
	                                     &rule, &next, may, &err),
	                 -1);
	assert_string_equal(may, "2026-03-01");
	assert_int_equal(credit_listing_step(&st, CS_REMOVE, "2026-03-01",
	                                     &rule, &next, may, &err),
	                 0);
	assert_int_equal(credit_listing_step(&st, CS_REMOVE, "2026-02-30",
	                                     &rule, &next, may, &err),
	                 -1);
	assert_string_equal(err.field, "on");
}

static void random_walks_never_early(void **state)
{
	(void)state;
	srand(20261204);
	for (int walk = 0; walk < 2000; walk++) {
		struct credit_listing_rule r = { rand() % 30, 1 + rand() % 3 };
		struct credit_listing_state st = { CL_PROPOSED, "", "" };
		long base = days_of("2019-01-01");

		for (int k = 0; k < 12; k++) {
			enum credit_step s =
			    (enum credit_step)(rand() % CS__MAX);
			long day = base + rand() % 3000;
			char on[11], may[11];
			enum credit_status next;
			struct lx_error err = { 0 };

			date_format(date_from_days(day), on);
			if (credit_listing_step(&st, s, on, &r, &next, may,
			                        &err))
				continue;
			if (s == CS_LIST)
				assert_true(day >= days_of(st.noticed_on) +
				                       r.notice_days);
			if (s == CS_REMOVE) {
				struct lx_date l;
				int y;

				date_parse(st.listed_on, &l);
				y = l.y + r.removal_years;
				/* the anniversary, counted here by
				 * comparing (year, month, day) */
				assert_true(date_from_days(day).y > y ||
				            (date_from_days(day).y == y &&
				             (date_from_days(day).m > l.m ||
				              (date_from_days(day).m == l.m &&
				               date_from_days(day).d >= l.d))));
			}
			if (s == CS_NOTICE)
				strcpy(st.noticed_on, on);
			if (s == CS_LIST)
				strcpy(st.listed_on, on);
			st.status = next;
		}
	}
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < CL__MAX; s++)
		assert_int_equal(credit_status_parse(credit_status_name(s)), s);
	for (int s = 0; s < CS__MAX; s++)
		assert_int_equal(credit_step_parse(credit_step_name(s)), s);
	assert_int_equal(credit_status_parse("gone"), -1);
	assert_string_equal(credit_status_zh(CL_LISTED), "已列入");
}

static void months_clamped(void **state)
{
	char out[11];

	(void)state;
	credit_day_plus_months("2025-01-31", 12, out);
	assert_string_equal(out, "2026-01-31");
	credit_day_plus_months("2024-02-29", 36, out);
	assert_string_equal(out, "2027-02-28");
	credit_day_plus_months("2025-08-31", 3, out);
	assert_string_equal(out, "2025-11-30");
	credit_day_plus_months("x", 3, out);
	assert_string_equal(out, "");
}

static void prepaid_against_integers(void **state)
{
	(void)state;
	srand(7);
	for (int i = 0; i < 20000; i++) {
		struct credit_prepaid_rule r = {
			rand() % 101, (int64_t)(rand() % 3) * 1000000
		};
		int64_t bal = (int64_t)rand() % 5000000;
		int64_t cus = bal ? (int64_t)rand() % (bal + 1) : 0;
		struct credit_prepaid_check c;
		int64_t due = 0;

		credit_prepaid_check(&r, bal, cus, &c);
		/* the least custody: the smallest fen amount whose share is
		 * at least the percent, found by stepping down from above */
		due = bal * r.custody_percent / 100;
		if (due * 100 < bal * r.custody_percent)
			due++;
		assert_int_equal(c.custody_due_fen, due);
		assert_int_equal(c.custody_short, cus < due);
		assert_int_equal(c.over_limit,
		                 r.limit_fen > 0 && bal > r.limit_fen);
	}
	{
		struct credit_prepaid_rule r = { 100, 0 };
		struct credit_prepaid_check c;

		credit_prepaid_check(&r, 3, 2, &c);
		assert_string_equal(c.custody_share, "66.7");
		credit_prepaid_check(&r, 8, 1, &c);
		assert_string_equal(c.custody_share, "12.5");
		credit_prepaid_check(&r, 0, 0, &c);
		assert_string_equal(c.custody_share, "");
		assert_int_equal(c.custody_short, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_status_and_step),
		cmocka_unit_test(edges),
		cmocka_unit_test(random_walks_never_early),
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(months_clamped),
		cmocka_unit_test(prepaid_against_integers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
