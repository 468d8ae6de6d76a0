/*
 * What the public disclosure reads (src/store/disclose_store.c), on a
 * fresh database made through the store's own open and migrations (SQLite,
 * or PostgreSQL when LAOXIAO_TEST_PG names a test cluster), with rows the
 * grading, credit, complaints and supervision modules would write put in
 * directly: each section holds exactly the rows that belong on the page on
 * the day — a rating lapsed, expired or of a closed facility is not in
 * force; an unpublished, removed, red or future listing is not on the
 * black list; a neighbour township's rows never appear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/disclose_store.h"
#include "support.h"

#define DAY       "2026-06-01"
#define SINCE     "2025-06-01"
#define TOWN      "511903120000"
#define NEIGHBOUR "511903121000"
#define AT        "'2026-01-01T00:00:00Z'"

static char tmpdir[256];
static char target[512];
static struct db *db;
static struct arena *arena;
static const struct disclose_scope scope = { TOWN, DAY, SINCE };

static void facility(int id, const char *name, const char *kind,
                     const char *region, const char *filing,
                     const char *commitment, const char *closed)
{
	char sql[1024];

	snprintf(sql, sizeof(sql),
	         "INSERT INTO facility (id, name, kind, region, filing_status,"
	         " credit_commitment, opened_on, closed_on, created_at,"
	         " updated_at) VALUES (%d, '%s', '%s', '%s', '%s', '%s',"
	         " '2020-01-01', %s, " AT ", " AT ")",
	         id, name, kind, region, filing, commitment, closed);
	sql_exec(target, sql);
}

static int group_setup(void **state)
{
	(void)state;
	if (scratch_make(tmpdir, sizeof(tmpdir), "lx-disclose") ||
	    db_target(target, sizeof(target), tmpdir, "d.db"))
		return -1;
	db = db_open_ok(target);
	arena = arena_new();
	sql_exec(target,
	         "INSERT INTO region (code, name, level, parent) VALUES"
	         " ('510000000000', '四川省', 'province', NULL),"
	         " ('511900000000', '巴中市', 'city', '510000000000'),"
	         " ('511903000000', '恩阳区', 'county', '511900000000'),"
	         " ('511903120000', '公示镇', 'township', '511903000000'),"
	         " ('511903121000', '邻镇', 'township', '511903000000')");
	facility(1, "甲院", "elderly_institution", TOWN, "filed", "", "NULL");
	facility(2, "乙院", "elderly_institution", TOWN, "filed", "", "NULL");
	facility(3, "关院", "elderly_institution", TOWN, "filed", "",
	         "'2026-05-01'");
	facility(4, "邻院", "elderly_institution", NEIGHBOUR, "filed", "承诺甲",
	         "NULL");
	facility(5, "托甲", "childcare_institution", TOWN, "filed", "", "NULL");
	facility(6, "托乙", "family_childcare_point", TOWN, "pending",
	         "诚信承诺", "NULL");
	facility(7, "托关", "childcare_institution", TOWN, "filed", "",
	         "'2026-01-01'");
	facility(8, "邻托", "childcare_institution", NEIGHBOUR, "filed", "",
	         "NULL");
	/* ratings: 1 in force (a newer one of the same scheme wins), 2
	 * lapsed, 3 closed, 4 the neighbour's, 5 expired */
	sql_exec(
	    target,
	    "INSERT INTO facility_rating (id, facility_id, scheme, level,"
	    " rated_on, valid_until, recorded_at) VALUES"
	    " (1, 1, 'national_grade', 2, '2023-01-01', '2027-01-01', " AT "),"
	    " (2, 1, 'national_grade', 4, '2025-01-01', '2028-01-01', " AT "),"
	    " (3, 2, 'national_grade', 3, '2025-01-01', '2028-01-01', " AT "),"
	    " (4, 3, 'national_grade', 5, '2025-01-01', '2028-01-01', " AT "),"
	    " (5, 4, 'national_grade', 5, '2025-01-01', '2028-01-01', " AT "),"
	    " (6, 5, 'childcare_star', 3, '2020-01-01', '2026-05-31', " AT "),"
	    " (7, 6, 'childcare_star', 4, '2026-06-02', '2029-01-01', " AT ")");
	sql_exec(target,
	         "INSERT INTO grade_lapse (rating_id, facility_id, lapsed_on,"
	         " recorded_at) VALUES (3, 2, '2026-03-01', " AT "),"
	         " (5, 4, '2026-03-01', " AT "),"
	         " (1, 1, '2024-01-01', " AT ")");
	/* listings: only id 1 is on the public black list on DAY */
	sql_exec(
	    target,
	    "INSERT INTO credit_listing (id, subject_kind, subject_id,"
	    " facility_id, list, ground, status, listed_on, published_on,"
	    " removed_on, created_at) VALUES"
	    " (1, 'facility', 1, 1, 'black', 'g1', 'listed', '2026-01-01',"
	    "  '2026-01-05', NULL, " AT "),"
	    " (2, 'facility', 2, 2, 'black', 'g2', 'listed', '2026-01-01',"
	    "  NULL, NULL, " AT "),"
	    " (3, 'facility', 3, 3, 'black', 'g3', 'removed', '2025-01-01',"
	    "  '2025-01-05', '2026-02-01', " AT "),"
	    " (4, 'facility', 5, 5, 'red', 'g4', 'listed', '2026-01-01',"
	    "  '2026-01-05', NULL, " AT "),"
	    " (5, 'facility', 6, 6, 'black', 'g5', 'listed', '2026-07-01',"
	    "  '2026-07-05', NULL, " AT "),"
	    " (6, 'facility', 4, 4, 'black', 'g6', 'listed', '2026-01-01',"
	    "  '2026-01-05', NULL, " AT "),"
	    " (7, 'staff', 91, 1, 'black', 'g7', 'listed', '2026-01-01',"
	    "  '2026-01-05', NULL, " AT "),"
	    " (8, 'staff', 92, 1, 'black', 'g8', 'proposed', NULL,"
	    "  NULL, NULL, " AT "),"
	    " (9, 'staff', 93, 4, 'black', 'g9', 'listed', '2026-01-01',"
	    "  '2026-01-05', NULL, " AT "),"
	    " (10, 'facility', 2, 2, 'black', 'g10', 'removed', '2026-01-01',"
	    "  '2026-01-05', '2026-06-10', " AT ")");
	sql_exec(
	    target,
	    "INSERT INTO inspect_plan (id, region, period, title, seed,"
	    " algorithm, inputs, digest, status, drawn_at) VALUES"
	    " (1, '511903000000', '2026Q2', '区计划', 's1', 'a', '{}', 'd1',"
	    "  'published', '2026-04-01T00:00:00Z'),"
	    " (2, '511903120000', '2026Q3', '镇计划', 's2', 'a', '{}', 'd2',"
	    "  'published', '2026-05-01T00:00:00Z'),"
	    " (3, '511903120000', '2026Q4', '未公开', 's3', 'a', '{}', 'd3',"
	    "  'drawn', '2026-05-02T00:00:00Z'),"
	    " (4, '511903121000', '2026Q3', '邻镇', 's4', 'a', '{}', 'd4',"
	    "  'published', '2026-05-03T00:00:00Z')");
	sql_exec(
	    target,
	    "INSERT INTO inspect_check (id, plan_id, facility_id, kind,"
	    " scheduled_on, status, done_on, created_at) VALUES"
	    " (1, 2, 1, 'random', '2026-05-10', 'done', '2026-05-10', " AT "),"
	    " (2, 2, 1, 'random', '2026-05-20', 'done', '2026-05-20', " AT "),"
	    " (3, 2, 2, 'random', '2026-05-20', 'scheduled', NULL, " AT "),"
	    " (4, NULL, 1, 'random', '2024-05-20', 'done', '2024-05-20', " AT
	    ")");
	sql_exec(
	    target,
	    "INSERT INTO hazard (facility_id, domain, severity,"
	    " description, found_on, deadline, status, closed_on) VALUES"
	    " (1, 'fire', 'general', 'x', '2026-05-10', '2026-05-20', 'closed',"
	    "  '2026-05-15'),"
	    " (1, 'fire', 'general', 'x', '2026-05-10', '2026-05-20', "
	    "'ordered',"
	    "  NULL),"
	    " (2, 'fire', 'major', 'x', '2026-05-20', '2026-06-20', 'ordered',"
	    "  NULL),"
	    " (4, 'fire', 'major', 'x', '2026-05-20', '2026-06-20', 'ordered',"
	    "  NULL)");
	sql_exec(
	    target,
	    "INSERT INTO complaint (channel, facility_id, region, category,"
	    " summary, complainant, received_on, deadline, status,"
	    " answered_on, satisfaction, created_at) VALUES"
	    " ('12345', 1, '" TOWN
	    "', 'c', 's', 'p', '2026-05-01', '2026-05-10',"
	    "  'closed', '2026-05-09', 5, " AT "),"
	    " ('12345', 1, '" TOWN
	    "', 'c', 's', 'p', '2026-05-01', '2026-05-10',"
	    "  'closed', '2026-05-12', 3, " AT "),"
	    " ('12345', 1, '" TOWN
	    "', 'c', 's', 'p', '2026-05-02', '2026-05-10',"
	    "  'assigned', NULL, NULL, " AT "),"
	    " ('12345', 1, '" TOWN
	    "', 'c', 's', 'p', '2024-05-02', '2024-05-10',"
	    "  'closed', '2024-05-03', 1, " AT "),"
	    " ('12345', 2, '" TOWN
	    "', 'c', 's', 'p', '2026-05-02', '2026-05-10',"
	    "  'closed', '2026-05-03', 4, " AT "),"
	    " ('12345', 4, '" NEIGHBOUR "', 'c', 's', 'p', '2026-05-02',"
	    "  '2026-05-10', 'closed', '2026-05-03', 4, " AT ")");
	sql_exec(
	    target,
	    "INSERT INTO credit_record (subject_kind, subject_id,"
	    " facility_id, kind, happened_on, summary, public_until,"
	    " recorded_at) VALUES"
	    " ('facility', 2, 2, 'commitment', '2026-02-01', '守信', NULL, " AT
	    "),"
	    " ('facility', 2, 2, 'commitment', '2020-02-01', '过期', "
	    "'2021-01-01', " AT "),"
	    " ('facility', 2, 2, 'penalty', '2026-02-01', '罚款', NULL, " AT
	    "),"
	    " ('facility', 4, 4, 'commitment', '2026-02-01', '邻', NULL, " AT
	    ")");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	arena_free(arena);
	db_close(db);
	return scratch_remove(tmpdir);
}

static void ratings(void **state)
{
	struct disclose_rating *r;
	struct disclose_lapse *l;
	size_t n;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(
	    disclose_store_ratings(db, arena, &scope, &r, &n, &err), 0);
	/* 1's newer rating only: 2 lapsed, 3 closed, 4 elsewhere, 5
	 * expired the day before, 6's not yet rated */
	assert_int_equal(n, 1);
	assert_int_equal(r[0].facility_id, 1);
	assert_int_equal(r[0].level, 4);
	assert_string_equal(r[0].valid_until, "2028-01-01");
	assert_int_equal(disclose_store_lapses(db, arena, &scope, &l, &n, &err),
	                 0);
	/* lapses in the year: 2's, not the neighbour's, not 2024's */
	assert_int_equal(n, 1);
	assert_int_equal(l[0].facility_id, 2);
	assert_string_equal(l[0].lapsed_on, "2026-03-01");
}

static void black_list(void **state)
{
	struct disclose_listing *l;
	size_t n;
	long long staff;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(
	    disclose_store_black(db, arena, &scope, &l, &n, &staff, &err), 0);
	/* 1 listed and published; 10 removed only after the day */
	assert_int_equal(n, 2);
	assert_int_equal(l[0].facility_id + l[1].facility_id, 1 + 2);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l[i].published_on, "2026-01-05");
	assert_int_equal(staff, 1);
}

static void childcare(void **state)
{
	struct disclose_childcare *c;
	size_t n;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(
	    disclose_store_childcare(db, arena, &scope, &c, &n, &err), 0);
	assert_int_equal(n, 2);
	/* ordered by filing status then name: filed before pending */
	assert_int_equal(c[0].facility_id, 5);
	assert_string_equal(c[0].filing_status, "filed");
	assert_int_equal(c[1].facility_id, 6);
	assert_string_equal(c[1].filing_status, "pending");
}

static void plans_and_checks(void **state)
{
	struct disclose_plan *p;
	struct disclose_checks *c;
	size_t n;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(disclose_store_plans(db, arena, &scope, &p, &n, &err),
	                 0);
	/* the township's published plan and the county's above it */
	assert_int_equal(n, 2);
	assert_int_equal(p[0].id, 2);
	assert_string_equal(p[0].seed, "s2");
	assert_string_equal(p[0].digest, "d2");
	assert_int_equal(p[0].checks, 3);
	assert_int_equal(p[1].id, 1);
	assert_int_equal(disclose_store_checks(db, arena, &scope, &c, &n, &err),
	                 0);
	assert_int_equal(n, 2);
	/* by name: 乙院 (2) sorts after 甲院 (1) in neither order we rely
	 * on, so find them */
	for (size_t i = 0; i < n; i++) {
		if (c[i].facility_id == 1) {
			assert_int_equal(c[i].checks_done, 2);
			assert_int_equal(c[i].hazards_found, 2);
			assert_int_equal(c[i].hazards_closed, 1);
		} else {
			assert_int_equal(c[i].facility_id, 2);
			assert_int_equal(c[i].checks_done, 0);
			assert_int_equal(c[i].hazards_found, 1);
			assert_int_equal(c[i].hazards_closed, 0);
		}
	}
}

static void complaints(void **state)
{
	struct disclose_complaints *c;
	size_t n;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(
	    disclose_store_complaints(db, arena, &scope, 4, &c, &n, &err), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (c[i].facility_id == 1) {
			/* 2024's is outside the year */
			assert_int_equal(c[i].received, 3);
			assert_int_equal(c[i].closed, 2);
			assert_int_equal(c[i].on_time, 1);
			assert_int_equal(c[i].rated, 2);
			assert_int_equal(c[i].satisfied, 1);
		} else {
			assert_int_equal(c[i].facility_id, 2);
			assert_int_equal(c[i].received, 1);
			assert_int_equal(c[i].satisfied, 1);
		}
	}
}

static void commitments(void **state)
{
	struct disclose_commitment *c;
	size_t n;
	int registry = 0, record = 0;
	struct lx_error err = { 0 };

	(void)state;
	assert_int_equal(
	    disclose_store_commitments(db, arena, &scope, &c, &n, &err), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(c[i].source, "registry")) {
			registry++;
			assert_int_equal(c[i].facility_id, 6);
			assert_string_equal(c[i].text, "诚信承诺");
		} else {
			record++;
			assert_int_equal(c[i].facility_id, 2);
			assert_string_equal(c[i].text, "守信");
			assert_string_equal(c[i].on, "2026-02-01");
		}
	}
	assert_int_equal(registry + record * 10, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ratings),
		cmocka_unit_test(black_list),
		cmocka_unit_test(childcare),
		cmocka_unit_test(plans_and_checks),
		cmocka_unit_test(complaints),
		cmocka_unit_test(commitments),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
