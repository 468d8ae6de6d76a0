/*
 * Finding a place, the pure rules: shares as exact text (景德镇 004 line
 * 37 and lines 21, 131), the cap and review checks on a price at their
 * edges (景德镇 004 line 284), childcare carers and the health worker at
 * each class type's edge (托育机构设置标准（试行）), and vacancy never
 * negative; with random cases checked against computations made another
 * way (whole-number arithmetic in hundredths of a percent, a counting
 * loop for carers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/place_price_check.h"
#include "core/place_share.h"
#include "core/place_staffing.h"
#include "core/place_vacancy.h"

static const char *share(long long part, long long whole)
{
	static char buf[EXACT_TEXT_MAX];
	const char *s = place_share_percent(part, whole, buf);

	return s ? s : "(none)";
}

static void shares_from_the_seeds(void **state)
{
	(void)state;
	/* 景德镇 004 line 37: 2,163 beds in public institutions, 740 taken */
	assert_string_equal(share(740, 2163), "34.21");
	assert_string_equal(share(2163 - 740, 2163), "65.79");
	/* 004 lines 21, 131: 2,541 affordable of 4,036 */
	assert_string_equal(share(2541, 4036), "62.96");
	assert_string_equal(share(0, 10), "0.00");
	assert_string_equal(share(10, 10), "100.00");
	/* a tie rounds up: 1/8 = 12.5% exactly, 1/800 = 0.125% */
	assert_string_equal(share(1, 800), "0.13");
	assert_string_equal(share(1, 0), "(none)");
}

/* hundredths of a percent, rounded half up, by integer arithmetic */
static void shares_over_random_cases(void **state)
{
	(void)state;
	srand(16);
	for (int i = 0; i < 20000; i++) {
		long long whole = 1 + rand() % 100000;
		long long part = rand() % (whole + 1);
		long long h = (part * 20000 + whole) / (2 * whole);
		char want[32];

		snprintf(want, sizeof(want), "%lld.%02lld", h / 100, h % 100);
		assert_string_equal(share(part, whole), want);
	}
}

static struct place_price class_price(const char *code, int64_t fen,
                                      int affordable, const char *from)
{
	struct place_price p = { 0 };

	p.kind = PRICE_CLASS;
	p.code = code;
	p.mode = "full_day";
	p.amount_fen = fen;
	p.affordable = affordable;
	snprintf(p.effective_date, sizeof(p.effective_date), "%s", from);
	return p;
}

static void cap_at_its_edge(void **state)
{
	/* 景德镇 乳儿班: at most 2,200 yuan a month for an affordable class */
	struct place_price_rules r = { 1, 220000, 0, 3 };
	struct place_price_flags fl;
	struct place_price p = class_price("infant", 220000, 1, "2026-01-01");

	(void)state;
	place_price_check(&p, &r, "2026-06-01", &fl);
	assert_false(fl.over_cap);
	p.amount_fen = 220001; /* 2,200.01 */
	place_price_check(&p, &r, "2026-06-01", &fl);
	assert_true(fl.over_cap);
	assert_int_equal(fl.cap_fen, 220000);
	assert_int_equal(fl.excess_fen, 1);
	/* a market price is not capped unless the caps bind all */
	p.affordable = 0;
	place_price_check(&p, &r, "2026-06-01", &fl);
	assert_false(fl.over_cap);
	r.caps_bind_all = 1;
	place_price_check(&p, &r, "2026-06-01", &fl);
	assert_true(fl.over_cap);
	/* no cap set: nothing to exceed */
	r.has_cap = 0;
	p.amount_fen = 99999999;
	place_price_check(&p, &r, "2026-06-01", &fl);
	assert_false(fl.over_cap);
	/* a bed price is never a class price */
	r.has_cap = 1;
	p.kind = PRICE_BED;
	place_price_check(&p, &r, "2026-06-01", &fl);
	assert_false(fl.over_cap);
}

static void review_due_on_the_anniversary(void **state)
{
	struct place_price_rules r = { 0, 0, 0, 3 };
	struct place_price_flags fl;
	struct place_price p = class_price("infant", 180000, 1, "2023-03-01");

	(void)state;
	place_price_check(&p, &r, "2026-02-28", &fl);
	assert_false(fl.review_due);
	assert_string_equal(fl.review_due_on, "2026-03-01");
	place_price_check(&p, &r, "2026-03-01", &fl);
	assert_true(fl.review_due);
	place_price_check(&p, &r, "2027-01-01", &fl);
	assert_true(fl.review_due);
	/* 29 February: due on the 28th when the due year has no 29th */
	p = class_price("infant", 180000, 1, "2024-02-29");
	place_price_check(&p, &r, "2027-02-27", &fl);
	assert_false(fl.review_due);
	assert_string_equal(fl.review_due_on, "2027-02-28");
	place_price_check(&p, &r, "2027-02-28", &fl);
	assert_true(fl.review_due);
	/* only affordable prices are reviewed; no period, no review */
	p.affordable = 0;
	place_price_check(&p, &r, "2030-01-01", &fl);
	assert_false(fl.review_due);
	p.affordable = 1;
	r.review_years = 0;
	place_price_check(&p, &r, "2030-01-01", &fl);
	assert_false(fl.review_due);
	assert_string_equal(fl.review_due_on, "");
}

static void carers_at_each_class_edge(void **state)
{
	(void)state;
	/* 乳儿班 1:3, 托小班 1:5, 托大班 1:7 */
	assert_int_equal(place_carers_for(3, 3), 1);
	assert_int_equal(place_carers_for(4, 3), 2);
	assert_int_equal(place_carers_for(5, 5), 1);
	assert_int_equal(place_carers_for(6, 5), 2);
	assert_int_equal(place_carers_for(7, 7), 1);
	assert_int_equal(place_carers_for(8, 7), 2);
	assert_int_equal(place_carers_for(0, 7), 0);
	assert_int_equal(place_carers_for(5, 0), -1);
	assert_int_equal(place_health_workers_for(149, 150), 0);
	assert_int_equal(place_health_workers_for(150, 150), 1);
	assert_int_equal(place_health_workers_for(500, 0), 0);
}

static void carers_by_counting(void **state)
{
	(void)state;
	srand(3);
	for (int i = 0; i < 5000; i++) {
		long long per = 1 + rand() % 9, kids = rand() % 60, carers = 0,
		          room = 0;

		/* add a carer while a child has no room */
		for (long long k = 0; k < kids; k++) {
			if (!room) {
				carers++;
				room = per;
			}
			room--;
		}
		assert_int_equal(place_carers_for(kids, per), carers);
	}
}

static void a_facility_staffing(void **state)
{
	struct facility_class cls[] = {
		{ CLASS_INFANT, 10, 4 },         /* 2 carers */
		{ CLASS_TODDLER_SMALL, 15, 16 }, /* over 15: 4 carers */
		{ CLASS_TODDLER_LARGE, 20, 7 },  /* 1 carer */
		{ CLASS_MIXED, 18, 12 },         /* no ratio */
	};
	struct capacity c = { .enrolled = 150, .nclasses = 4, .classes = cls };
	struct place_staffing_rules r = { { 10, 15, 20, 18 },
		                          { 3, 5, 7, 0 },
		                          150 };
	struct place_class_need need[4];
	struct place_staffing s;

	(void)state;
	place_staffing_of(&c, &r, need, &s);
	assert_int_equal(need[0].carers, 2);
	assert_int_equal(need[1].carers, 4);
	assert_true(need[1].over_size);
	assert_false(need[0].over_size);
	assert_int_equal(need[2].carers, 1);
	assert_false(need[3].ratio_set);
	assert_int_equal(s.carers_needed, 7);
	assert_int_equal(s.children_unrated, 12);
	assert_int_equal(s.over_size_classes, 1);
	assert_int_equal(s.health_workers_needed, 1);
	c.enrolled = 149;
	place_staffing_of(&c, &r, need, &s);
	assert_int_equal(s.health_workers_needed, 0);
}

static void vacancy_never_negative(void **state)
{
	struct facility_class cls[] = { { CLASS_INFANT, 10, 12 },
		                        { CLASS_TODDLER_SMALL, 15, 5 } };
	struct capacity c = { .beds = 10,
		              .occupied_beds = 12,
		              .slots = 25,
		              .enrolled = 17,
		              .nclasses = 2,
		              .classes = cls };
	struct place_vacancy v;

	(void)state;
	place_vacancy_of(&c, &v);
	assert_int_equal(v.vacant_beds, 0);
	assert_int_equal(v.vacant_slots, 8);
	assert_int_equal(v.class_vacant[CLASS_INFANT], 0);
	assert_int_equal(v.class_vacant[CLASS_TODDLER_SMALL], 10);
}

/* random capacity entries: vacancy by subtraction, never negative, and
 * the class figures summed class type by class type */
static void vacancy_over_random_cases(void **state)
{
	(void)state;
	srand(37);
	for (int i = 0; i < 5000; i++) {
		struct facility_class cls[6];
		struct capacity c = { 0 };
		struct place_vacancy v;
		long long cap[CLASS__MAX] = { 0 }, enr[CLASS__MAX] = { 0 };

		c.beds = rand() % 200;
		c.occupied_beds = rand() % 250; /* a register may show more */
		c.slots = rand() % 100;
		c.enrolled = rand() % 120;
		c.nclasses = (size_t)(rand() % 7);
		c.classes = cls;
		for (size_t k = 0; k < c.nclasses; k++) {
			cls[k].type = rand() % CLASS__MAX;
			cls[k].capacity = rand() % 21;
			cls[k].enrolled = rand() % 25;
			cap[cls[k].type] += cls[k].capacity;
			enr[cls[k].type] += cls[k].enrolled;
		}
		place_vacancy_of(&c, &v);
		assert_int_equal(v.vacant_beds, c.beds > c.occupied_beds
		                                    ? c.beds - c.occupied_beds
		                                    : 0);
		assert_int_equal(v.vacant_slots, c.slots > c.enrolled
		                                     ? c.slots - c.enrolled
		                                     : 0);
		assert_int_equal(v.has_classes, c.nclasses > 0);
		for (int t = 0; t < CLASS__MAX; t++) {
			assert_int_equal(v.class_capacity[t], cap[t]);
			assert_int_equal(v.class_enrolled[t], enr[t]);
			assert_int_equal(v.class_vacant[t],
			                 cap[t] > enr[t] ? cap[t] - enr[t] : 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shares_from_the_seeds),
		cmocka_unit_test(shares_over_random_cases),
		cmocka_unit_test(cap_at_its_edge),
		cmocka_unit_test(review_due_on_the_anniversary),
		cmocka_unit_test(carers_at_each_class_edge),
		cmocka_unit_test(carers_by_counting),
		cmocka_unit_test(a_facility_staffing),
		cmocka_unit_test(vacancy_never_negative),
		cmocka_unit_test(vacancy_over_random_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
