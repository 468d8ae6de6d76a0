/* app/population_nesting.c: the population figures synth and the
 * population API flag (a region's parts above it, an age group above its
 * whole), checked against a plain count over random trees; and
 * app/synth_assumed.c's figures against the sums they say they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "app/population_nesting.h"
#include "app/synth_assumed.h"
#include "core/population.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct region node(const char *code, const char *parent)
{
	struct region r = { 0 };

	snprintf(r.code, sizeof(r.code), "%.12s", code);
	snprintf(r.parent, sizeof(r.parent), "%.12s", parent);
	r.name = (char *)"测试";
	return r;
}

static struct pop_figure fig(const char *region, int metric, long long v)
{
	struct pop_figure f = { .year = 2020, .metric = metric, .value = v };

	snprintf(f.region, sizeof(f.region), "%.12s", region);
	return f;
}

static size_t count_kind(json_t *flags, const char *kind)
{
	size_t i, n = 0;
	json_t *f;

	json_array_foreach(flags, i, f) n +=
	    !strcmp(json_string_value(json_object_get(f, "kind")), kind);
	return n;
}

static void test_cases(void **state)
{
	/* ordered by code, as the store gives a subtree */
	struct region nodes[] = {
		node("469900000000", ""),
		node("469901000000", "469900000000"),
		node("469901001000", "469901000000"),
		node("469902000000", "469900000000"),
	};
	/* the county has no figure: the township's counts toward the city */
	struct pop_figure figs[] = {
		fig("469900000000", POP_RESIDENTS, 1000),
		fig("469901001000", POP_RESIDENTS, 700),
		fig("469902000000", POP_RESIDENTS, 400),
		fig("469902000000", POP_AGED_60, 401),
		fig("469902000000", POP_AGED_65, 300),
	};
	json_t *flags = json_array();

	population_nesting_flags(nodes, 4, figs, 5, flags);
	assert_int_equal(json_array_size(flags), 2);
	assert_int_equal(count_kind(flags, "children_exceed"), 1);
	assert_int_equal(count_kind(flags, "group_exceeds"), 1);
	json_t *c = json_array_get(flags, 0);
	if (strcmp(json_string_value(json_object_get(c, "kind")),
	           "children_exceed"))
		c = json_array_get(flags, 1);
	assert_string_equal(json_string_value(json_object_get(c, "region")),
	                    "469900000000");
	assert_int_equal(
	    json_integer_value(json_object_get(c, "against_value")), 1100);
	json_decref(flags);

	/* equal is not above */
	figs[2].value = 300;
	figs[3].value = 300;
	flags = json_array();
	population_nesting_flags(nodes, 4, figs, 5, flags);
	assert_int_equal(json_array_size(flags), 0);
	json_decref(flags);
}

/* Random trees: a city, counties, townships, villages; every region a
 * residents figure or none. The flags of children_exceed must be the
 * regions whose nearest descendants with a figure sum above it, counted
 * here by walking each figure up. */
static void test_random_trees(void **state)
{
	size_t flagged = 0;

	srand(22);
	for (int round = 0; round < 300; round++) {
		struct region nodes[64];
		struct pop_figure figs[64];
		long long value[64];
		int has[64];
		size_t nn = 0, nf = 0, want = 0;
		json_t *flags = json_array();
		int nc = 1 + rand() % 3;

		nodes[nn++] = node("469900000000", "");
		for (int c = 1; c <= nc; c++) {
			char cc[32], tc[32], vc[32];

			snprintf(cc, sizeof(cc), "4699%02u000000",
			         (unsigned)c % 100u);
			nodes[nn++] = node(cc, "469900000000");
			for (int t = 1; t <= 2; t++) {
				snprintf(tc, sizeof(tc), "%.6s%03d000", cc, t);
				nodes[nn++] = node(tc, cc);
				for (int v = 1; v <= 3; v++) {
					snprintf(vc, sizeof(vc), "%.9s%03d", tc,
					         v);
					nodes[nn++] = node(vc, tc);
				}
			}
		}
		for (size_t i = 0; i < nn; i++) {
			has[i] = rand() % 3 != 0;
			value[i] = rand() % 1000;
			if (has[i])
				figs[nf++] =
				    fig(nodes[i].code, POP_RESIDENTS, value[i]);
		}
		/* the plain count: each figure up to its nearest ancestor
		 * with one */
		for (size_t i = 0; i < nn; i++) {
			long long sum = 0;
			int any = 0;

			if (!has[i])
				continue;
			for (size_t k = 0; k < nn; k++) {
				const char *p = nodes[k].parent;
				size_t at = nn;

				if (!has[k] || k == i)
					continue;
				while (*p) {
					for (at = 0; at < nn; at++)
						if (!strcmp(nodes[at].code, p))
							break;
					if (has[at])
						break;
					p = nodes[at].parent;
				}
				if (*p && at == i) {
					sum += value[k];
					any = 1;
				}
			}
			want += any && sum > value[i];
		}
		population_nesting_flags(nodes, nn, figs, nf, flags);
		assert_int_equal(count_kind(flags, "children_exceed"), want);
		assert_int_equal(json_array_size(flags), want);
		flagged += want;
		json_decref(flags);
	}
	assert_true(flagged > 100); /* the trees did contradict themselves */
}

static void test_assumed(void **state)
{
	const struct synth_assumed_figure *f =
	    synth_assumed_figure("511724000000", POP_RESIDENTS);
	size_t n;
	const struct synth_named_township *t;

	/* 191000 ÷ 22.68 %, rounded half up, in integers */
	assert_non_null(f);
	assert_int_equal(f->value, (191000LL * 10000 * 2 + 2268) / (2268 * 2));
	assert_int_equal(f->value, 842152);
	assert_non_null(strstr(f->basis, "assumed: "));
	f = synth_assumed_figure("511700000000", POP_RESIDENTS);
	assert_non_null(f);
	assert_int_equal(f->value, 5385422);
	assert_null(synth_assumed_figure("511900000000", POP_RESIDENTS));
	t = synth_named_townships("500154000000", &n);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].name, "白鹤街道");
	assert_true(t[0].street);
	assert_null(synth_named_townships("511900000000", &n));
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_random_trees),
		cmocka_unit_test(test_assumed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
