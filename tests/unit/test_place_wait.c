/*
 * Waiting lists (core/place_wait.c, app/place_wait_policy.c): the tier of
 * an applicant, the order of a list — a total order, the same whatever
 * order the applications arrive in, never a lower tier ahead of a higher
 * one, and equal to a sort key built here another way — over many random
 * lists; offers' deadlines and declines; the policy section's reader,
 * every refusal naming its key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/place_wait_policy.h"
#include "core/person.h"
#include "core/place_wait.h"

/* 特困 / poor and disabled / 高龄 / declared special contribution / all,
 * ordered by care level, waiting since, applied at: the seeds' ladder
 * (digest A8) and the policy files' default order. */
static void ladder(struct wait_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->ntiers = 5;
	r->tiers[0].code = "safety_net";
	r->tiers[0].has_rule = 1;
	r->tiers[0].rule.nsets = 2;
	r->tiers[0].rule.sets[0] = 1u << PC_TEKUN_CENTRALIZED;
	r->tiers[0].rule.sets[1] = 1u << PC_TEKUN_DISPERSED;
	r->tiers[0].always_admit_willing = 1;
	r->tiers[1].code = "poor_disabled";
	r->tiers[1].has_rule = 1;
	r->tiers[1].rule.nsets = 1;
	r->tiers[1].rule.sets[0] = (1u << PC_DIBAO) | (1u << PC_DISABLED);
	r->tiers[2].code = "priority_groups";
	r->tiers[2].has_rule = 1;
	r->tiers[2].rule.nsets = 1;
	r->tiers[2].rule.sets[0] = 1u << PC_ADVANCED_AGE;
	r->tiers[3].code = "special_contribution";
	r->tiers[3].declared = "special_contribution";
	r->tiers[4].code = "general";
	r->tiers[4].has_rule = 1;
	r->tiers[4].rule.nsets = 1;
	r->norder = 3;
	r->order[0] = WAIT_KEY_CARE_LEVEL;
	r->order[1] = WAIT_KEY_WAITING_SINCE;
	r->order[2] = WAIT_KEY_APPLIED_AT;
	r->offer_days = 7;
	r->declines_before_requeue = 2;
}

static void tiers_from_categories_and_flags(void **state)
{
	struct wait_rules r;
	const char *sc[] = { "special_contribution" };
	const char *other[] = { "war_veteran" };

	(void)state;
	ladder(&r);
	assert_int_equal(
	    wait_tier_of(&r, 1u << PC_TEKUN_DISPERSED, 70, NULL, 0), 0);
	/* 特困 and 高龄: the first tier that matches */
	assert_int_equal(
	    wait_tier_of(&r,
	                 (1u << PC_TEKUN_CENTRALIZED) | (1u << PC_ADVANCED_AGE),
	                 85, sc, 1),
	    0);
	/* 低保 alone is not enough for the second tier */
	assert_int_equal(wait_tier_of(&r, 1u << PC_DIBAO, 70, NULL, 0), 4);
	assert_int_equal(wait_tier_of(&r,
	                              (1u << PC_DIBAO) | (1u << PC_DISABLED),
	                              70, NULL, 0),
	                 1);
	assert_int_equal(wait_tier_of(&r, 1u << PC_ADVANCED_AGE, 81, sc, 1), 2);
	assert_int_equal(wait_tier_of(&r, 0, 70, sc, 1), 3);
	assert_int_equal(wait_tier_of(&r, 0, 70, other, 1), 4);
	assert_int_equal(wait_tier_of(&r, 0, 70, NULL, 0), 4);
}

static void ties_broken_by_each_key_in_turn(void **state)
{
	struct wait_rules r;
	struct wait_entry a = { 1, 2, 3, "2025-01-01", "2025-01-01T08:00:00Z" };
	struct wait_entry b = a;

	(void)state;
	ladder(&r);
	b.id = 2;
	assert_true(wait_entry_cmp(&r, &a, &b) < 0); /* only the id differs */
	b.applied_at[12] = '7';                      /* applied earlier */
	assert_true(wait_entry_cmp(&r, &a, &b) > 0);
	strcpy(b.waiting_since, "2025-01-02"); /* waiting less long */
	assert_true(wait_entry_cmp(&r, &a, &b) < 0);
	b.care_level = 4; /* more care needed */
	assert_true(wait_entry_cmp(&r, &a, &b) > 0);
	b.care_level = -1; /* not assessed: lowest */
	a.care_level = 0;
	assert_true(wait_entry_cmp(&r, &a, &b) < 0);
	b.tier = 1; /* a higher tier beats everything */
	assert_true(wait_entry_cmp(&r, &a, &b) > 0);
	assert_int_equal(wait_entry_cmp(&r, &a, &a), 0);
}

/* The default order as text that sorts the same way: tier, care level
 * reversed, waiting since, applied at, id. */
static void sort_key(const struct wait_entry *e, char *out, size_t n)
{
	snprintf(out, n, "%02zu|%d|%s|%s|%020lld", e->tier, 8 - e->care_level,
	         e->waiting_since, e->applied_at, e->id);
}

static void random_entry(struct wait_entry *e, long long id)
{
	static const char *const days[] = { "2025-01-10", "2025-01-11",
		                            "2025-02-10", "2025-03-12" };
	static const char *const times[] = { "2025-01-01T08:00:00Z",
		                             "2025-01-01T09:00:00Z",
		                             "2025-01-03T08:00:00Z" };

	memset(e, 0, sizeof(*e));
	e->id = id;
	e->tier = (size_t)(rand() % 5);
	e->care_level = rand() % 6 - 1;
	snprintf(e->waiting_since, sizeof(e->waiting_since), "%s",
	         days[rand() % 4]);
	snprintf(e->applied_at, sizeof(e->applied_at), "%s", times[rand() % 3]);
}

enum { CASES = 400, LIST_MAX = 60 };

static void order_over_random_lists(void **state)
{
	struct wait_rules r;
	struct wait_entry e[LIST_MAX], f[LIST_MAX];

	(void)state;
	ladder(&r);
	srand(20261204);
	for (int c = 0; c < CASES; c++) {
		size_t n = 1 + (size_t)(rand() % LIST_MAX);

		for (size_t i = 0; i < n; i++)
			/* ids not in list order, some far apart */
			random_entry(&e[i], (long long)((i * 7919) % 997) +
			                        1000 * (long long)(i % 3));
		memcpy(f, e, sizeof(e[0]) * n);
		wait_sort(&r, e, n);
		for (size_t i = 0; i + 1 < n; i++) {
			char ka[96], kb[96];

			/* strict: no two applications tie */
			assert_true(wait_entry_cmp(&r, &e[i], &e[i + 1]) < 0);
			assert_true(wait_entry_cmp(&r, &e[i + 1], &e[i]) > 0);
			assert_true(e[i].tier <= e[i + 1].tier);
			sort_key(&e[i], ka, sizeof(ka));
			sort_key(&e[i + 1], kb, sizeof(kb));
			assert_true(strcmp(ka, kb) < 0);
		}
		/* the same list shuffled sorts to the same order */
		for (size_t i = n; i > 1; i--) {
			size_t j = (size_t)rand() % i;
			struct wait_entry t = f[i - 1];

			f[i - 1] = f[j];
			f[j] = t;
		}
		wait_sort(&r, f, n);
		for (size_t i = 0; i < n; i++)
			assert_true(f[i].id == e[i].id);
		/* transitivity over random triples */
		for (int k = 0; k < 20; k++) {
			struct wait_entry *x = &f[rand() % (int)n];
			struct wait_entry *y = &f[rand() % (int)n];
			struct wait_entry *z = &f[rand() % (int)n];

			if (wait_entry_cmp(&r, x, y) <= 0 &&
			    wait_entry_cmp(&r, y, z) <= 0)
				assert_true(wait_entry_cmp(&r, x, z) <= 0);
		}
	}
}

static void offers_and_declines(void **state)
{
	struct wait_rules r;
	char by[11];
	int after;

	(void)state;
	ladder(&r);
	assert_int_equal(wait_respond_by(&r, "2026-02-25", by), 0);
	assert_string_equal(by, "2026-03-04");
	assert_false(wait_offer_expired(by, "2026-03-04"));
	assert_true(wait_offer_expired(by, "2026-03-05"));
	assert_int_equal(wait_respond_by(&r, "2026-02-30", by), -1);
	/* the second decline restarts the wait; the first does not */
	assert_int_equal(wait_after_decline(&r, 0, &after), 0);
	assert_int_equal(after, 1);
	assert_int_equal(wait_after_decline(&r, 1, &after), 1);
	assert_int_equal(after, 0);
	r.declines_before_requeue = 1;
	assert_int_equal(wait_after_decline(&r, 0, &after), 1);
}

static const char good[] =
    "{\"source\": \"s\", \"scope\": \"institution\", \"scope_source\": "
    "\"s\", \"facility_kinds\": [\"elderly_institution\"], \"ownerships\": "
    "[\"public\", \"state_owned\"], \"tiers\": ["
    "{\"code\": \"safety_net\", \"name\": \"特困\", \"rule\": {\"any\": "
    "[[\"tekun_centralized\"], [\"tekun_dispersed\"]]}, "
    "\"always_admit_willing\": true, \"source\": \"s\"},"
    "{\"code\": \"sc\", \"name\": \"特殊贡献\", \"declared\": "
    "\"special_contribution\", \"source\": \"s\"},"
    "{\"code\": \"general\", \"name\": \"社会老年人\", \"rule\": {\"any\": "
    "[[]]}, \"source\": \"s\"}], \"order\": [\"care_level\", "
    "\"waiting_since\", \"applied_at\"], \"order_source\": \"s\", "
    "\"offer_days\": 7, \"offer_days_source\": \"s\", "
    "\"declines_before_requeue\": 2, \"declines_source\": \"s\"}";

/* Reads good with the text from..to replaced by with. */
static int read_changed(struct arena *a, const char *from, const char *with,
                        const struct wait_policy **out, struct lx_error *err)
{
	static char buf[4096];
	const char *at = from ? strstr(good, from) : NULL;
	json_error_t je;
	json_t *o;
	int rc;

	if (from && !at)
		fail_msg("no '%s' in the good section", from);
	if (at)
		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - good), good,
		         with, at + strlen(from));
	else
		snprintf(buf, sizeof(buf), "%s", good);
	o = json_loads(buf, 0, &je);
	assert_non_null(o);
	rc = wait_policy_read(a, "t.json", o, out, err);
	json_decref(o);
	return rc;
}

static void reader_takes_the_good_section(void **state)
{
	const struct wait_policy *p;
	struct lx_error err = { 0 };
	struct arena *a = arena_new();

	(void)state;
	assert_int_equal(read_changed(a, NULL, NULL, &p, &err), 0);
	assert_int_equal(p->scope, WAIT_SCOPE_INSTITUTION);
	assert_int_equal(p->rules.ntiers, 3);
	assert_true(p->rules.tiers[0].always_admit_willing);
	assert_string_equal(p->rules.tiers[1].declared, "special_contribution");
	assert_int_equal(p->rules.offer_days, 7);
	assert_int_equal(p->rules.declines_before_requeue, 2);
	assert_int_equal(p->rules.order[1], WAIT_KEY_WAITING_SINCE);
	assert_true(wait_policy_covers(p, 0, 0));
	assert_false(wait_policy_covers(p, 0, 1));
	assert_true(wait_policy_declares(p, "special_contribution"));
	arena_free(a);
}

static void reader_refusals_name_the_key(void **state)
{
	static const struct {
		const char *from, *with, *field;
	} cases[] = {
		{ "\"institution\"", "\"town\"", "waitlist.scope" },
		{ "\"offer_days\": 7", "\"offer_days\": 0",
		  "waitlist.offer_days" },
		{ "\"declines_before_requeue\": 2",
		  "\"declines_before_requeue\": \"2\"",
		  "waitlist.declines_before_requeue" },
		{ "\"applied_at\"]", "\"age\"]", "waitlist.order[2]" },
		{ "\"waiting_since\", \"applied_at\"]",
		  "\"care_level\", \"applied_at\"]", "waitlist.order[1]" },
		{ "[\"public\",", "[\"municipal\",", "waitlist.ownerships[0]" },
		{ "[\"elderly_institution\"]", "[\"childcare_institution\"]",
		  "waitlist.facility_kinds" },
		{ "\"always_admit_willing\": true",
		  "\"always_admit_willing\": 1",
		  "waitlist.tiers[0].always_admit_willing" },
		{ "\"code\": \"sc\"", "\"code\": \"safety_net\"",
		  "waitlist.tiers[1].code" },
		{ "\"declared\": \"special_contribution\", ", "",
		  "waitlist.tiers[1]" },
		{ "[[]]}, \"source\"", "[[\"dibao\"]]}, \"source\"",
		  "waitlist.tiers[2].rule" },
		{ "\"offer_days\": 7,", "\"offer_days\": 7, \"days\": 1,",
		  "waitlist.days" },
		{ "\"order_source\": \"s\", ", "", "waitlist.order_source" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct wait_policy *p = NULL;
		struct lx_error err = { 0 };
		struct arena *a = arena_new();
		int rc =
		    read_changed(a, cases[i].from, cases[i].with, &p, &err);

		arena_free(a);
		if (rc != -1)
			fail_msg("case %zu (%s) was accepted", i,
			         cases[i].with);
		assert_int_equal(err.code, LX_EINVALID);
		if (strcmp(err.field, cases[i].field))
			fail_msg("case %zu: field '%s', expected '%s' (%s)", i,
			         err.field, cases[i].field, err.message);
		assert_non_null(strstr(err.message, "t.json"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tiers_from_categories_and_flags),
		cmocka_unit_test(ties_broken_by_each_key_in_turn),
		cmocka_unit_test(order_over_random_lists),
		cmocka_unit_test(offers_and_declines),
		cmocka_unit_test(reader_takes_the_good_section),
		cmocka_unit_test(reader_refusals_name_the_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
