/*
 * The approval store (src/store/approval_store.c) on SQLite, or on
 * PostgreSQL when LAOXIAO_TEST_PG names a test cluster: duties, a batch's
 * steps (each only from the status before it), its lines paged and by
 * township, budgets found up the region tree. Expected pages and
 * township sums are computed here from the lines the test writes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/region_code.h"
#include "store/account_store.h"
#include "store/approval_store.h"
#include "store/db.h"
#include "store/region_store.h"
#include "support.h"

#define NOW "2025-06-02T03:04:05Z"

static char tmpdir[256];
static struct arena *arena;

static int group_setup(void **state)
{
	(void)state;
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-approval");
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(tmpdir);
}

static struct db *fresh(const char *name)
{
	char target[512];

	if (db_target(target, sizeof(target), tmpdir, name))
		fail_msg("no database for %s", name);
	return db_open_ok(target);
}

static void put_region(struct db *db, const char *code, const char *parent)
{
	struct region r;
	struct lx_error err;

	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "%s", code);
	r.name = (char *)code;
	r.level = (int)region_code_level(code);
	r.kind = REGION_ADMIN;
	snprintf(r.parent, sizeof(r.parent), "%s", parent);
	lx_error_clear(&err);
	if (region_store_insert(db, &r, &err))
		fail_msg("region %s: %s", code, err.message);
}

static long long put_account(struct db *db, const char *name)
{
	struct account acc;
	struct lx_error err;

	memset(&acc, 0, sizeof(acc));
	acc.username = (char *)name;
	acc.display_name = (char *)"";
	acc.password_hash = (char *)"x";
	acc.role = 0;
	lx_error_clear(&err);
	if (account_store_insert(db, &acc, NOW, &err))
		fail_msg("account %s: %s", name, err.message);
	return acc.id;
}

static void test_duties(void **state)
{
	struct db *db = fresh("duties.db");
	struct lx_error err;
	long long a = put_account(db, "a"), b = put_account(db, "b");
	int d;

	(void)state;
	lx_error_clear(&err);
	assert_int_equal(approval_store_duties(db, a, &d, &err), 0);
	assert_int_equal(d, 0);
	assert_int_equal(
	    approval_store_set_duties(db, a, DUTY_PREPARE | DUTY_APPROVE, &err),
	    0);
	assert_int_equal(approval_store_set_duties(db, b, DUTY_CHECK, &err), 0);
	assert_int_equal(approval_store_duties(db, a, &d, &err), 0);
	assert_int_equal(d, DUTY_PREPARE | DUTY_APPROVE);
	/* replaced, not added to */
	assert_int_equal(approval_store_set_duties(db, a, DUTY_CHECK, &err), 0);
	assert_int_equal(approval_store_duties(db, a, &d, &err), 0);
	assert_int_equal(d, DUTY_CHECK);
	assert_int_equal(approval_store_duties(db, b, &d, &err), 0);
	assert_int_equal(d, DUTY_CHECK);
	db_close(db);
}

static void test_steps_and_lines(void **state)
{
	static const char *const villages[] = { "511724101001", "511724101002",
		                                "511724102001" };
	struct db *db = fresh("steps.db");
	struct lx_error err;
	struct approval_batch b, got;
	struct approval_line *v;
	struct approval_town *t;
	size_t n, nt;
	long long total, open, seen[40] = { 0 };
	long long a;
	int64_t town_fen[2] = { 0 }, all = 0;
	long town_n[2] = { 0 };

	(void)state;
	lx_error_clear(&err);
	put_region(db, "510000000000", "");
	put_region(db, "511700000000", "510000000000");
	put_region(db, "511724000000", "511700000000");
	put_region(db, "511724101000", "511724000000");
	put_region(db, "511724102000", "511724000000");
	a = put_account(db, "prep");
	memset(&b, 0, sizeof(b));
	snprintf(b.scheme, sizeof(b.scheme), "dazhu.gaoling");
	snprintf(b.period, sizeof(b.period), "2025-06");
	snprintf(b.region, sizeof(b.region), "511724000000");
	snprintf(b.fingerprint, sizeof(b.fingerprint), "%064d", 0);
	b.prepared_by = a;
	b.prepare_note = (char *)"六月";
	assert_int_equal(approval_store_insert(db, &b, NOW, &err), 0);
	assert_true(b.id > 0);
	for (int i = 0; i < 37; i++) {
		struct approval_line l;
		int k = i % 3;

		memset(&l, 0, sizeof(l));
		l.seq = i + 1;
		snprintf(l.kind, sizeof(l.kind), "payment");
		snprintf(l.beneficiary_kind, sizeof(l.beneficiary_kind),
		         "person");
		l.beneficiary_id = 100 + i;
		l.name = (char *)"某";
		l.reason = (char *)"";
		snprintf(l.region, sizeof(l.region), "%s", villages[k]);
		l.fen = 6000 + 100 * i;
		assert_int_equal(approval_store_add_line(db, b.id, &l, &err),
		                 0);
		town_fen[k == 2] += l.fen;
		town_n[k == 2]++;
		all += l.fen;
	}
	/* pages of 5 cover every line once */
	for (long long off = 0; off < 37; off += 5) {
		assert_int_equal(approval_store_lines(db, arena, b.id, 0, off,
		                                      5, &v, &n, &total, &err),
		                 0);
		assert_int_equal(total, 37);
		assert_int_equal(n, off + 5 <= 37 ? 5 : 37 - off);
		for (size_t i = 0; i < n; i++)
			seen[v[i].seq]++;
	}
	for (int i = 1; i <= 37; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(approval_store_lines(db, arena, b.id, 1, 0, 0, &v, &n,
	                                      &total, &err),
	                 0);
	assert_int_equal(total, 0);
	assert_int_equal(approval_store_towns(db, arena, b.id, &t, &nt, &err),
	                 0);
	assert_int_equal(nt, 2);
	assert_string_equal(t[0].township, "511724101000");
	assert_int_equal(t[0].lines, town_n[0]);
	assert_int_equal(t[0].fen, town_fen[0]);
	assert_string_equal(t[1].township, "511724102000");
	assert_int_equal(t[1].fen, town_fen[1]);
	assert_int_equal(t[0].fen + t[1].fen, all);

	/* each step only from the status before it */
	assert_int_equal(approval_store_open(db, "dazhu.gaoling", "2025-06",
	                                     "511724000000", &open, &err),
	                 0);
	assert_int_equal(open, b.id);
	assert_int_equal(approval_store_step(db, b.id, "checked", "approved", a,
	                                     NOW, "", 0, &err),
	                 -1);
	assert_int_equal(err.code, LX_ECONFLICT);
	assert_int_equal(approval_store_step(db, b.id, "prepared", "checked", a,
	                                     NOW, "核对", 0, &err),
	                 0);
	assert_int_equal(approval_store_step(db, b.id, "prepared", "checked", a,
	                                     NOW, "again", 0, &err),
	                 -1);
	assert_int_equal(approval_store_step(db, b.id, "checked", "returned", a,
	                                     NOW, "退回", 0, &err),
	                 0);
	assert_int_equal(approval_store_get(db, arena, b.id, &got, &err), 0);
	assert_string_equal(got.status, "returned");
	assert_string_equal(got.check_note, "核对");
	assert_string_equal(got.return_note, "退回");
	assert_string_equal(got.prepared_name, "prep");
	assert_int_equal(approval_store_open(db, "dazhu.gaoling", "2025-06",
	                                     "511724000000", &open, &err),
	                 0);
	assert_int_equal(open, 0);
	db_close(db);
}

static void test_budget_nearest(void **state)
{
	struct db *db = fresh("budget.db");
	struct lx_error err;
	struct budget_row b, got;
	const char *anc[] = { "511724101000", "511724000000", "511700000000" };
	int found;

	(void)state;
	lx_error_clear(&err);
	put_region(db, "510000000000", "");
	put_region(db, "511700000000", "510000000000");
	put_region(db, "511724000000", "511700000000");
	put_region(db, "511724101000", "511724000000");
	memset(&b, 0, sizeof(b));
	snprintf(b.scheme, sizeof(b.scheme), "dazhu.gaoling");
	b.year = 2025;
	snprintf(b.region, sizeof(b.region), "511700000000");
	b.fen = 100000;
	assert_int_equal(approval_store_budget_set(db, &b, 0, NOW, &err), 0);
	assert_int_equal(approval_store_budget_find(db, arena, "dazhu.gaoling",
	                                            2025, anc, 3, &got, &found,
	                                            &err),
	                 0);
	assert_true(found);
	assert_string_equal(got.region, "511700000000");
	/* the county's own is nearer than the city's */
	snprintf(b.region, sizeof(b.region), "511724000000");
	b.fen = 5000;
	assert_int_equal(approval_store_budget_set(db, &b, 0, NOW, &err), 0);
	b.fen = 7000; /* set again: replaced */
	assert_int_equal(approval_store_budget_set(db, &b, 0, NOW, &err), 0);
	assert_int_equal(approval_store_budget_find(db, arena, "dazhu.gaoling",
	                                            2025, anc, 3, &got, &found,
	                                            &err),
	                 0);
	assert_string_equal(got.region, "511724000000");
	assert_int_equal(got.fen, 7000);
	assert_int_equal(approval_store_budget_find(db, arena, "dazhu.gaoling",
	                                            2024, anc, 3, &got, &found,
	                                            &err),
	                 0);
	assert_false(found);
	db_close(db);
}

static int setup(void **state)
{
	(void)state;
	arena = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(arena);
	arena = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_duties, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps_and_lines, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_budget_nearest, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
