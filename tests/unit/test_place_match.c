/*
 * Ranking candidates for a need (core/place_match.c): a few hand-made
 * cases read from the stated rule, then many random candidate sets where
 * every kept candidate has room, every candidate with room is kept, each
 * adjacent pair is in order by the rule as written again here (a
 * different formulation: a key tuple), and shuffling the input gives the
 * same output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/place_match.h"
#include "core/place_text.h"

static struct place_candidate cand(long long id, long long vacant, long long d,
                                   long long price)
{
	struct place_candidate c = { 0 };

	c.facility_id = id;
	c.vacant = vacant;
	c.has_distance = d >= 0;
	c.distance_m = d >= 0 ? d : 0;
	c.has_price = price >= 0;
	c.price_fen = price >= 0 ? price : 0;
	return c;
}

static void hand_made(void **state)
{
	struct place_match_rule r = { 1, 200000 };
	struct place_candidate c[] = {
		cand(1, 3, 500, 250000),  /* over budget */
		cand(2, 0, 100, 100000),  /* full: dropped */
		cand(3, 1, 2000, 150000), /* within, far */
		cand(4, 2, 800, 200000),  /* within (equal), near */
		cand(5, 1, -1, 100000),   /* within, no coordinates */
		cand(6, 1, 300, -1),      /* no price */
		cand(7, 1, 800,
		     180000), /* within, same distance as 4, cheaper */
	};
	size_t n = place_match_rank(c, 7, &r);
	long long want[] = { 7, 4, 3, 5, 6, 1 };

	(void)state;
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(c[i].facility_id, want[i]);
	assert_int_equal(place_match_reason_of(NULL, &c[0], &r), PMR_FIRST);
	assert_int_equal(place_match_reason_of(&c[0], &c[1], &r), PMR_PRICIER);
	assert_int_equal(place_match_reason_of(&c[1], &c[2], &r), PMR_FARTHER);
	assert_int_equal(place_match_reason_of(&c[2], &c[3], &r),
	                 PMR_NO_DISTANCE);
	assert_int_equal(place_match_reason_of(&c[3], &c[4], &r),
	                 PMR_PRICE_UNKNOWN_BUDGET);
	assert_int_equal(place_match_reason_of(&c[4], &c[5], &r), PMR_BUDGET);

	/* without a budget, distance leads */
	{
		struct place_match_rule none = { 0, 0 };
		struct place_candidate d[] = {
			cand(1, 3, 500, 250000),
			cand(6, 1, 300, -1),
			cand(9, 1, 300, 90000),
		};

		n = place_match_rank(d, 3, &none);
		assert_int_equal(n, 3);
		assert_int_equal(d[0].facility_id, 9);
		assert_int_equal(d[1].facility_id, 6);
		assert_int_equal(d[2].facility_id, 1);
		assert_int_equal(place_match_reason_of(&d[0], &d[1], &none),
		                 PMR_NO_PRICE);
		assert_int_equal(place_match_reason_of(&d[1], &d[2], &none),
		                 PMR_FARTHER);
	}
}

/* The rule again, as a tuple compared left to right. */
static void key_of(const struct place_candidate *c,
                   const struct place_match_rule *r, long long k[7])
{
	int band = 0;

	if (r->has_budget)
		band = !c->has_price                   ? 1
		       : c->price_fen <= r->budget_fen ? 0
		                                       : 2;
	k[0] = band;
	k[1] = !c->has_distance;
	k[2] = c->has_distance ? c->distance_m : 0;
	k[3] = !c->has_price;
	k[4] = c->has_price ? c->price_fen : 0;
	k[5] = c->facility_id;
	k[6] = 0;
}

static int key_le(const long long a[7], const long long b[7])
{
	for (int i = 0; i < 6; i++)
		if (a[i] != b[i])
			return a[i] < b[i];
	return 1;
}

static long long draw(long long n)
{
	return (long long)(rand() % (int)n);
}

static void random_sets(void **state)
{
	enum { N = 60 };
	(void)state;
	srand(20261204);
	for (int round = 0; round < 3000; round++) {
		struct place_candidate in[N], a[N], b[N];
		struct place_match_rule r = { (int)draw(2), draw(5) * 50000 };
		size_t n = (size_t)draw(N) + 1, room = 0, ka, kb;

		for (size_t i = 0; i < n; i++) {
			/* small ranges so ties on distance and price occur */
			in[i] = cand((long long)i + 1 + draw(3) * 1000,
			             draw(4) - 1 < 0 ? 0 : draw(4),
			             draw(5) ? draw(8) * 250 : -1,
			             draw(6) ? draw(6) * 50000 : -1);
			in[i].data = &in[i];
			room += in[i].vacant > 0;
		}
		/* distinct ids (the registry's) */
		for (size_t i = 0; i < n; i++)
			in[i].facility_id = (long long)i * 7 + draw(7);
		memcpy(a, in, sizeof(in[0]) * n);
		ka = place_match_rank(a, n, &r);
		assert_int_equal(ka, room);
		for (size_t i = 0; i < ka; i++) {
			long long k1[7], k2[7];

			assert_true(a[i].vacant > 0);
			if (!i)
				continue;
			key_of(&a[i - 1], &r, k1);
			key_of(&a[i], &r, k2);
			assert_true(key_le(k1, k2));
			assert_int_not_equal(
			    place_match_reason_of(&a[i - 1], &a[i], &r),
			    PMR_FIRST);
		}
		/* shuffled input, same output */
		memcpy(b, in, sizeof(in[0]) * n);
		for (size_t i = n - 1; i > 0; i--) {
			size_t j = (size_t)draw((long long)i + 1);
			struct place_candidate t = b[i];

			b[i] = b[j];
			b[j] = t;
		}
		kb = place_match_rank(b, n, &r);
		assert_int_equal(ka, kb);
		for (size_t i = 0; i < ka; i++) {
			assert_int_equal(a[i].facility_id, b[i].facility_id);
			assert_ptr_equal(a[i].data, b[i].data);
		}
	}
}

/* Figures for people: thousands separators, whole fen; metres under a
 * kilometre, else kilometres to one decimal, half up. */
static void texts(void **state)
{
	static const struct {
		long long fen;
		const char *want;
	} money[] = {
		{ 0, "0" },
		{ 5, "0.05" },
		{ 100000, "1,000" },
		{ 220000, "2,200" },
		{ 185050, "1,850.50" },
		{ 99999, "999.99" },
		{ 123456789, "1,234,567.89" },
		{ -5, "-0.05" },
	};
	static const struct {
		long long m;
		const char *want;
	} dist[] = {
		{ 0, "0 米" },          { 999, "999 米" },
		{ 1000, "1.0 公里" },   { 1049, "1.0 公里" },
		{ 1050, "1.1 公里" },   { 1250, "1.3 公里" },
		{ 21937, "21.9 公里" }, { 99950, "100.0 公里" },
	};
	char b[40];

	(void)state;
	for (size_t i = 0; i < sizeof(money) / sizeof(*money); i++)
		assert_string_equal(place_text_yuan(money[i].fen, b),
		                    money[i].want);
	for (size_t i = 0; i < sizeof(dist) / sizeof(*dist); i++)
		assert_string_equal(place_text_distance(dist[i].m, b),
		                    dist[i].want);
	assert_int_equal(place_text_round_m(1049.5), 1050);
	assert_int_equal(place_text_round_m(1049.49), 1049);
	assert_int_equal(place_text_round_m(-3.0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hand_made),
		cmocka_unit_test(texts),
		cmocka_unit_test(random_sets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
