/* The run's prefilter (subsidy_youngest_birth) never leaves out a person
 * the scheme pays: over random schemes (one to three versions, each age
 * rule, lower and upper bounds, age bands with gaps, fixed amounts),
 * random periods (months and years) and random people (birthdays
 * on every day of the month, 29 February among them, some dead), every
 * person the engine pays is born before the prefilter's day. And it
 * filters: a scheme whose youngest band is 80 reads nobody born in the
 * period's month 80 years back or later. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/period.h"
#include "core/subsidy.h"
#include "core/subsidy_prefilter.h"

static uint64_t seed = 2305843009213693951ULL;

static unsigned rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

static const char *const froms[] = { NULL, "2021-01-01", "2022-01-01" };
static const char *const tos[] = { "2020-12-31", "2021-12-31", NULL };
static const char *const codes[] = { "tekun_dispersed" };

struct made {
	struct subsidy_scheme s;
	struct subsidy_version v[3];
	struct subsidy_band bands[3][3];
};

static void make_version(struct subsidy_version *v,
                         struct subsidy_band bands[3])
{
	v->age_rule = (enum subsidy_age_rule)rnd(SUBSIDY_AGE_RULE__MAX);
	v->min_age = rnd(3) ? 0 : (int)rnd(101);
	v->max_age = rnd(3) ? 0 : v->min_age + 1 + (int)rnd(30);
	if (rnd(3)) {
		size_t n = 1 + rnd(3);
		int from = 55 + (int)rnd(40);

		for (size_t b = 0; b < n; b++) {
			bands[b].from_age = from;
			bands[b].to_age =
			    b + 1 == n && rnd(2) ? -1 : from + (int)rnd(12);
			bands[b].amount.fen = 1000 * (int64_t)(b + 1);
			if (bands[b].to_age < 0)
				n = b + 1;
			else
				from = bands[b].to_age + 1 + (int)rnd(3);
		}
		v->amount.kind = SUBSIDY_AMOUNT_AGE_BANDS;
		v->amount.bands = bands;
		v->amount.n_bands = n;
	} else {
		v->amount.kind = SUBSIDY_AMOUNT_FIXED;
		v->amount.fixed.fen = 5000;
	}
	if (!rnd(8)) {
		v->any_of = codes;
		v->n_any_of = 1;
	}
}

static void make_scheme(struct made *m)
{
	size_t first = rnd(3), n = 1 + rnd(3 - (unsigned)first);

	memset(m, 0, sizeof(*m));
	m->s.id = "test.prefilter";
	m->s.name_zh = "测试";
	m->s.beneficiary = SUBSIDY_PERSON;
	m->s.frequency = SUBSIDY_MONTHLY;
	m->s.ref_day = (enum subsidy_ref_day)rnd(SUBSIDY_REF_DAY__MAX);
	m->s.death = (enum subsidy_death_rule)rnd(SUBSIDY_DEATH_RULE__MAX);
	for (size_t i = 0; i < n; i++) {
		struct subsidy_version *v = &m->v[i];

		make_version(v, m->bands[i]);
		/* consecutive years, none overlapping */
		v->from = froms[first + i];
		v->to = i + 1 == n ? NULL : tos[first + i];
	}
	m->s.versions = m->v;
	m->s.n_versions = n;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100) || y % 400 == 0;
}

static void birth_day(int period_year, char out[11])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
		                    31, 31, 30, 31, 30, 31 };
	int y = period_year - (int)rnd(115), m = 1 + (int)rnd(12);
	int last = days[m - 1] + (m == 2 && leap(y));

	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	         (unsigned)m % 100u, (1u + rnd((unsigned)last)) % 100u);
}

static void test_never_leaves_out_a_payable_person(void **state)
{
	struct arena *a = arena_new();
	long paid = 0, read = 0, cases = 0;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		struct made m;
		struct lx_error e = { 0 };
		struct subsidy_batch b;
		int yearly = !rnd(4);
		struct period p = { yearly ? PERIOD_YEAR : PERIOD_MONTH,
			            2020 + (int)rnd(3),
			            yearly ? 0 : 1 + (int)rnd(12) };
		char end[11], born[11];

		make_scheme(&m);
		if (yearly)
			m.s.frequency = SUBSIDY_YEARLY;
		period_last_day(p, end);
		subsidy_youngest_birth(&m.s, end, born);
		if (subsidy_batch_init(&b, &m.s, p, NULL, 0, &e))
			fail_msg("scheme %d refused: %s", i, e.message);
		for (int j = 0; j < 200; j++) {
			struct subsidy_subject s = { .kind = SUBSIDY_PERSON };
			struct subsidy_span cat = { codes[0], NULL, NULL };
			struct subsidy_result r;
			char birth[11], death[11];

			birth_day(p.year, birth);
			s.birth = birth;
			if (!rnd(6)) {
				birth_day(p.year + 1, death);
				if (strcmp(death, birth) > 0)
					s.death = death;
			}
			if (rnd(2)) {
				s.categories = &cat;
				s.n_categories = 1;
			}
			cases++;
			if (subsidy_batch_decide(&b, a, &s, &r, &e))
				fail_msg("person %s refused: %s", birth,
				         e.message);
			if (!born[0] || strcmp(birth, born) < 0)
				read++;
			if (!r.eligible)
				continue;
			paid++;
			if (born[0] && strcmp(birth, born) >= 0)
				fail_msg("scheme %d, period ending %s: a "
				         "person born %s is paid %lld fen at "
				         "age %d, the prefilter reads only "
				         "those born before %s",
				         i, end, birth, (long long)r.fen, r.age,
				         born);
		}
		arena_free(a);
		a = arena_new();
	}
	/* the random cases pay some and leave some out */
	assert_true(paid > cases / 20);
	assert_true(read < cases);
	arena_free(a);
}

static const struct subsidy_band gaoling_bands[] = {
	{ 80, 89, { .fen = 6000 } },
	{ 90, 99, { .fen = 12000 } },
	{ 100, -1, { .fen = 60000 } },
};

static const struct subsidy_version gaoling_v[] = {
	{ .age_rule = SUBSIDY_AGE_NEXT_PERIOD,
	  .amount = { .kind = SUBSIDY_AMOUNT_AGE_BANDS,
	              .bands = gaoling_bands,
	              .n_bands = 3 } },
};

static const struct subsidy_scheme gaoling = {
	.id = "test.gaoling",
	.name_zh = "高龄津贴",
	.beneficiary = SUBSIDY_PERSON,
	.versions = gaoling_v,
	.n_versions = 1,
};

static void test_the_day_for_gaoling(void **state)
{
	char born[11];

	(void)state;
	subsidy_youngest_birth(&gaoling, "2021-03-31", born);
	assert_string_equal(born, "1941-04-01");
	subsidy_youngest_birth(&gaoling, "2021-12-31", born);
	assert_string_equal(born, "1942-01-01");
	subsidy_youngest_birth(&gaoling, "2024-02-29", born);
	assert_string_equal(born, "1944-03-01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_never_leaves_out_a_payable_person),
		cmocka_unit_test(test_the_day_for_gaoling),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
