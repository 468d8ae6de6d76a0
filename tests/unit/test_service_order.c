/*
 * Service orders (core/service_order.c): every (status, step, side) pair
 * against the table below, written from the life cycle the module states
 * (placed → accepted → scheduled → started → finished → rated, or
 * cancelled), and the money of an order over many random cases checked
 * against a computation made another way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/service_order.h"

/* For each step, the answer for each status (placed, accepted,
 * scheduled, started, finished, rated, cancelled) and side: four
 * characters per status, for the orderer, the provider, an official and
 * someone on no side: 'o' allowed, 'c' conflict on "status", 'f'
 * forbidden. */
static const struct {
	enum service_order_step step;
	const char *expect[SO_STATUS__MAX];
} table[] = {
	{ SO_ACCEPT,
	  { "foff", "fcff", "fcff", "fcff", "fcff", "fcff", "fcff" } },
	{ SO_SCHEDULE,
	  { "fcff", "foff", "foff", "fcff", "fcff", "fcff", "fcff" } },
	{ SO_START,
	  { "fcff", "fcff", "foff", "fcff", "fcff", "fcff", "fcff" } },
	{ SO_FINISH,
	  { "fcff", "fcff", "fcff", "foff", "fcff", "fcff", "fcff" } },
	{ SO_RATE, { "cfff", "cfff", "cfff", "cfff", "offf", "cfff", "cfff" } },
	{ SO_CANCEL,
	  { "ooof", "ooof", "ooof", "ccof", "cccf", "cccf", "cccf" } },
};

static const unsigned sides[4] = { SO_SIDE_ORDERER, SO_SIDE_PROVIDER,
	                           SO_SIDE_OFFICIAL, 0 };

static void every_status_step_and_side(void **state)
{
	(void)state;
	assert_int_equal(sizeof(table) / sizeof(table[0]), SO_STEP__MAX);
	for (size_t t = 0; t < SO_STEP__MAX; t++)
		for (int s = 0; s < SO_STATUS__MAX; s++)
			for (int k = 0; k < 4; k++) {
				struct lx_error err = { 0 };
				char want = table[t].expect[s][k];
				int rc = service_order_may(
				    sides[k], (enum service_order_status)s,
				    table[t].step, &err);

				if (want == 'o') {
					assert_int_equal(rc, 0);
					continue;
				}
				assert_int_equal(rc, -1);
				if (want == 'c') {
					assert_int_equal(err.code,
					                 LX_ECONFLICT);
					assert_string_equal(err.field,
					                    "status");
				} else {
					assert_int_equal(err.code,
					                 LX_EFORBIDDEN);
				}
			}
}

static void a_side_that_is_also_official_cancels_a_started_order(void **state)
{
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(service_order_may(SO_SIDE_ORDERER | SO_SIDE_OFFICIAL,
	                                   SO_STARTED, SO_CANCEL, &err),
	                 0);
	assert_int_equal(service_order_may(SO_SIDE_ORDERER | SO_SIDE_PROVIDER,
	                                   SO_STARTED, SO_CANCEL, &err),
	                 -1);
	assert_int_equal(err.code, LX_ECONFLICT);
}

static void next_status_of_each_step(void **state)
{
	(void)state;
	assert_int_equal(service_order_next(SO_PLACED, SO_ACCEPT), SO_ACCEPTED);
	assert_int_equal(service_order_next(SO_ACCEPTED, SO_SCHEDULE),
	                 SO_SCHEDULED);
	assert_int_equal(service_order_next(SO_SCHEDULED, SO_SCHEDULE),
	                 SO_SCHEDULED);
	assert_int_equal(service_order_next(SO_SCHEDULED, SO_START),
	                 SO_STARTED);
	assert_int_equal(service_order_next(SO_STARTED, SO_FINISH),
	                 SO_FINISHED);
	assert_int_equal(service_order_next(SO_FINISHED, SO_RATE), SO_RATED);
	assert_int_equal(service_order_next(SO_STARTED, SO_CANCEL),
	                 SO_CANCELLED);
	assert_int_equal(service_order_next(SO_STARTED, SO_START), -1);
	assert_int_equal(service_order_next(SO_RATED, SO_RATE), -1);
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < SO_STATUS__MAX; s++)
		assert_int_equal(
		    service_order_status_parse(service_order_status_name(
		        (enum service_order_status)s)),
		    s);
	for (int s = 0; s < SO_STEP__MAX; s++)
		assert_int_equal(
		    service_order_step_parse(
		        service_order_step_name((enum service_order_step)s)),
		    s);
	assert_int_equal(service_order_status_parse("done"), -1);
	assert_int_equal(service_order_step_parse(NULL), -1);
	assert_string_equal(service_order_status_zh(SO_CANCELLED), "已取消");
}

static long long rnd(long long n)
{
	return (long long)(((unsigned long long)rand() << 31 ^
	                    (unsigned long long)rand()) %
	                   (unsigned long long)n);
}

/* quantity × price as repeated addition; minutes at an hourly price from
 * the quotient and remainder, half up when twice the remainder reaches
 * the divisor. */
static void money_over_random_cases(void **state)
{
	struct lx_error err = { 0 };

	(void)state;
	srand(20261204);
	for (int i = 0; i < 20000; i++) {
		long long q = 1 + rnd(50), price = rnd(SERVICE_PRICE_MAX + 1);
		long long sum = 0, total = -1;

		for (long long k = 0; k < q; k++)
			sum += price;
		assert_int_equal(service_order_total(q, price, &total, &err),
		                 0);
		assert_true(total == sum);
	}
	for (int i = 0; i < 20000; i++) {
		long long m = rnd(100000), h = rnd(200000);
		long long whole = m * h / 60, rem = m * h % 60;
		long long want = whole + (2 * rem >= 60);

		assert_true(service_minutes_fen(m, h) == want);
	}
	/* 30 minutes at 3 fen an hour is 1.5 fen: half up, 2 */
	assert_true(service_minutes_fen(30, 3) == 2);
	assert_true(service_minutes_fen(29, 3) == 1);
	assert_true(service_minutes_fen(90, 4000) == 6000);
	assert_int_equal(service_order_total(0, 100, &(long long){ 0 }, &err),
	                 -1);
	assert_string_equal(err.field, "quantity");
	assert_int_equal(service_order_total(SERVICE_ORDER_QUANTITY_MAX + 1,
	                                     100, &(long long){ 0 }, &err),
	                 -1);
	assert_int_equal(service_order_total(1, -1, &(long long){ 0 }, &err),
	                 -1);
	assert_string_equal(err.field, "unit_fen");
}

static void coordinates_as_exact_text(void **state)
{
	(void)state;
	assert_int_equal(service_coord_check("31.8672", 90), 0);
	assert_int_equal(service_coord_check("-106.7470123", 180), 0);
	assert_int_equal(service_coord_check("90", 90), 0);
	assert_int_equal(service_coord_check("90.0000", 90), 0);
	assert_int_equal(service_coord_check("90.0001", 90), -1);
	assert_int_equal(service_coord_check("180.5", 180), -1);
	assert_int_equal(service_coord_check("1.12345678", 90), -1);
	assert_int_equal(service_coord_check("1e3", 180), -1);
	assert_int_equal(service_coord_check("", 90), -1);
	assert_int_equal(service_coord_check(".5", 90), -1);
	assert_int_equal(service_coord_check("5.", 90), -1);
	assert_int_equal(service_coord_check("1000", 180), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_status_step_and_side),
		cmocka_unit_test(
		    a_side_that_is_also_official_cancels_a_started_order),
		cmocka_unit_test(next_status_of_each_step),
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(money_over_random_cases),
		cmocka_unit_test(coordinates_as_exact_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
