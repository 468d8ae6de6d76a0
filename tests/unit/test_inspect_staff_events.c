/*
 * inspect_staff_events_from (store/inspect_staff_store.c): where a staff
 * member's events begin among events ordered by staff, found by binary
 * search. Checked over many random lists against the plain scan it
 * replaced: the first event not below the id, n when none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/inspect_staff_store.h"

/* The first index whose staff_id is not below staff, by walking. */
static size_t walked(const struct staff_event *e, size_t n, long long staff)
{
	size_t i = 0;

	while (i < n && e[i].staff_id < staff)
		i++;
	return i;
}

static void test_same_as_the_walk(void **state)
{
	struct staff_event e[64];

	(void)state;
	srand(20261205);
	for (int round = 0; round < 5000; round++) {
		size_t n = (size_t)(rand() % 64);
		long long id = 1 + rand() % 3;

		memset(e, 0, sizeof(e));
		/* ascending by staff, with runs and gaps */
		for (size_t i = 0; i < n; i++) {
			e[i].staff_id = id;
			if (rand() % 3 == 0)
				id += 1 + rand() % 4;
		}
		for (long long q = 0; q <= id + 2; q++)
			assert_int_equal(inspect_staff_events_from(e, n, q),
			                 walked(e, n, q));
	}
}

static void test_edges(void **state)
{
	struct staff_event e[3];

	(void)state;
	memset(e, 0, sizeof(e));
	e[0].staff_id = 5;
	e[1].staff_id = 5;
	e[2].staff_id = 9;
	assert_int_equal(inspect_staff_events_from(e, 0, 5), 0);
	assert_int_equal(inspect_staff_events_from(e, 3, 4), 0);
	assert_int_equal(inspect_staff_events_from(e, 3, 5), 0);
	assert_int_equal(inspect_staff_events_from(e, 3, 6), 2);
	assert_int_equal(inspect_staff_events_from(e, 3, 9), 2);
	assert_int_equal(inspect_staff_events_from(e, 3, 10), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_the_walk),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
