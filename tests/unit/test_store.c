/*
 * The store (src/store/) against real SQLite files in a temporary
 * directory, or against fresh PostgreSQL databases when LAOXIAO_TEST_PG
 * names a test cluster (support.h: db_target). The struct db is opaque:
 * the tests use the store's functions, and open the same database with
 * sqlite3 or libpq only to look at or tamper with it from outside.
 * Expected list counts and summary sums are computed here from the input
 * table, by rules written out in the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unistd.h>

#include "core/population.h"
#include "core/region_code.h"
#include "store/audit_store.h"
#include "store/db.h"
#include "store/facility_store.h"
#include "store/population_store.h"
#include "store/region_store.h"

#include "support.h"

#define GOOD_CODE  "91511902MA62ABCD10" /* see test_facility.c */
#define GOOD_CODE2 "52511902MJ1234567D"
#define NOW        "2025-01-02T03:04:05Z"

static char tmpdir[256];
static struct arena *arena;

static int group_setup(void **state)
{
	(void)state;
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-store");
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(tmpdir);
}

static int setup(void **state)
{
	arena = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(arena);
	arena = NULL;
	return 0;
}

/* A fresh database named after name: a file in tmpdir, or a new
 * PostgreSQL database (arena-owned text). */
static const char *path_of(const char *name)
{
	char target[512];

	if (db_target(target, sizeof(target), tmpdir, name))
		fail_msg("no database for %s", name);
	return arena_strdup(arena, target);
}

/* ---- looking from outside ---- */

/* The first column of the first row, arena-owned, or NULL. */
static char *sql_first(const char *path, const char *sql)
{
	char v[512];

	if (sql_text(path, sql, 0, v, sizeof(v)))
		return NULL;
	return arena_strdup(arena, v);
}

/* ---- fixtures ---- */

static struct region region(const char *code, const char *name,
                            const char *parent)
{
	struct region r;

	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "%s", code);
	r.name = (char *)name;
	r.level = (int)region_code_level(code);
	r.kind = REGION_ADMIN;
	snprintf(r.parent, sizeof(r.parent), "%s", parent);
	return r;
}

static void put_region(struct db *db, const char *code, const char *name,
                       const char *parent)
{
	struct region r = region(code, name, parent);
	struct lx_error err;

	lx_error_clear(&err);
	if (region_store_insert(db, &r, &err))
		fail_msg("region %s: %s", code, err.message);
}

/* 四川省 > 巴中市 > 巴州区 (> 江北街道), 恩阳区, 通江县; 南充市 > 顺庆区. */
static void put_regions(struct db *db)
{
	put_region(db, "510000000000", "四川省", "");
	put_region(db, "511900000000", "巴中市", "510000000000");
	put_region(db, "511902000000", "巴州区", "511900000000");
	put_region(db, "511903000000", "恩阳区", "511900000000");
	put_region(db, "511921000000", "通江县", "511900000000");
	put_region(db, "511902001000", "江北街道", "511902000000");
	put_region(db, "511300000000", "南充市", "510000000000");
	put_region(db, "511302000000", "顺庆区", "511300000000");
}

/* ---- database file ---- */

static void test_open_fresh(void **state)
{
	const char *path = path_of("fresh.db");
	struct db *db = db_open_ok(path);
	struct region r = region("511902000000", "巴州区", "511900000000");
	struct lx_error err;

	assert_true(db_schema_latest() >= 1);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(sql_schema_version(path), db_schema_latest());
	if (db_target_is_pg(path))
		/* the tables are made in the database given */
		assert_int_equal(
		    sql_int(path,
		            "SELECT count(*) FROM information_schema.tables"
		            " WHERE table_schema = current_schema()"
		            " AND table_name IN ('region', 'facility',"
		            " 'person', 'audit')"),
		    4);
	else
		assert_string_equal(sql_first(path, "PRAGMA journal_mode"),
		                    "wal");
	/* foreign keys are on for the store's connection: a region whose
	 * parent does not exist is refused */
	lx_error_clear(&err);
	assert_int_equal(region_store_insert(db, &r, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "parent");
	assert_false(region_store_exists(db, "511902000000"));
	db_close(db);
	db_close(NULL);
}

static void test_reopen(void **state)
{
	const char *path = path_of("reopen.db");
	struct db *db = db_open_ok(path);

	put_region(db, "510000000000", "四川省", "");
	db_close(db);
	for (int i = 0; i < 3; i++) {
		db = db_open_ok(path);
		assert_int_equal(db_schema_version(db), db_schema_latest());
		assert_true(region_store_exists(db, "510000000000"));
		db_close(db);
	}
	assert_int_equal(sql_int(path, "SELECT count(*) FROM region"), 1);
}

static void test_newer_refused(void **state)
{
	const char *path = path_of("newer.db");
	struct db *db = db_open_ok(path);
	struct lx_error err;

	db_close(db);
	sql_set_schema_version(path, db_schema_latest() + 1);

	lx_error_clear(&err);
	assert_null(db_open(path, &err));
	assert_int_equal(err.code, LX_EINTERNAL);
	assert_non_null(strstr(err.message, "newer"));
	/* left as it was */
	assert_int_equal(sql_schema_version(path), db_schema_latest() + 1);
}

static void test_older_upgraded(void **state)
{
	const char *path = path_of("older.db");
	struct db *db;

	sql_exec(path, "CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY,"
	               " note TEXT);"
	               "INSERT INTO legacy_notes (id, note) VALUES (1, '一'),"
	               " (2, '二');");
	assert_int_equal(sql_schema_version(path), 0);

	db = db_open_ok(path);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	put_region(db, "510000000000", "四川省", "");
	db_close(db);

	assert_int_equal(sql_schema_version(path), db_schema_latest());
	assert_int_equal(sql_int(path, "SELECT count(*) FROM legacy_notes"), 2);
	assert_string_equal(
	    sql_first(path, "SELECT note FROM legacy_notes WHERE id = 2"),
	    "二");
	assert_int_equal(sql_int(path, "SELECT count(*) FROM region"), 1);
}

static void expect_open_fails(const char *target, const char *word)
{
	struct lx_error err;

	lx_error_clear(&err);
	assert_null(db_open(target, &err));
	assert_int_equal(err.code, LX_EINTERNAL);
	assert_true(err.message[0] != '\0');
	if (!strstr(err.message, word))
		fail_msg("opening %s: expected a message naming %s, got \"%s\"",
		         target, word, err.message);
}

static void test_open_fails(void **state)
{
	const char *base = db_target_cluster();

	if (!base) {
		expect_open_fails(
		    arena_printf(arena, "%s/no/such/dir/x.db", tmpdir), "");
		return;
	}
	/* PostgreSQL: a server nobody listens for (port 1 refuses at once),
	 * and a database the cluster does not have; the message says which */
	expect_open_fails("postgresql://postgres@127.0.0.1:1/lx_unit",
	                  "127.0.0.1");
	expect_open_fails(
	    arena_printf(arena, "%s/lx_unit_no_such_database", base),
	    "lx_unit_no_such_database");
}

static void test_transactions(void **state)
{
	const char *path = path_of("tx.db");
	struct db *db = db_open_ok(path);
	struct lx_error err;

	lx_error_clear(&err);
	db_rollback(db); /* none open: harmless */
	assert_int_equal(db_begin(db, &err), 0);
	put_region(db, "510000000000", "四川省", "");
	db_rollback(db);
	assert_false(region_store_exists(db, "510000000000"));

	assert_int_equal(db_begin(db, &err), 0);
	put_region(db, "510000000000", "四川省", "");
	assert_int_equal(db_commit(db, &err), 0);
	assert_true(region_store_exists(db, "510000000000"));
	db_close(db);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM region"), 1);
}

/* ---- regions ---- */

static void test_regions(void **state)
{
	struct db *db = db_open_ok(path_of("regions.db"));
	struct region r, *v;
	size_t n;
	struct lx_error err;

	put_regions(db);
	lx_error_clear(&err);

	assert_int_equal(region_store_get(db, arena, "511902000000", &r, &err),
	                 0);
	assert_string_equal(r.code, "511902000000");
	assert_string_equal(r.name, "巴州区");
	assert_int_equal(r.level, REGION_COUNTY);
	assert_int_equal(r.kind, REGION_ADMIN);
	assert_string_equal(r.parent, "511900000000");
	assert_string_equal(r.closed_on, "");
	assert_string_equal(r.source, "");

	assert_int_equal(region_store_get(db, arena, "510000000000", &r, &err),
	                 0);
	assert_string_equal(r.parent, "");
	assert_int_equal(r.level, REGION_PROVINCE);

	assert_int_equal(region_store_get(db, arena, "511922000000", &r, &err),
	                 -1);
	assert_int_equal(err.code, LX_ENOTFOUND);
	assert_true(region_store_exists(db, "511921000000"));
	assert_false(region_store_exists(db, "511922000000"));

	/* children, ordered by code */
	assert_int_equal(
	    region_store_children(db, arena, "511900000000", &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].code, "511902000000");
	assert_string_equal(v[1].code, "511903000000");
	assert_string_equal(v[2].code, "511921000000");
	assert_string_equal(v[2].name, "通江县");
	assert_int_equal(region_store_count_children(db, "511900000000"), 3);
	assert_int_equal(region_store_count_children(db, "511902001000"), 0);
	assert_int_equal(region_store_children(db, arena, NULL, &v, &n, &err),
	                 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].code, "510000000000");
	assert_int_equal(region_store_children(db, arena, "", &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(
	    region_store_children(db, arena, "511902001000", &v, &n, &err), 0);
	assert_int_equal(n, 0);

	/* subtree: the root itself and everything below, by code */
	assert_int_equal(
	    region_store_subtree(db, arena, "511900000000", NULL, &v, &n, &err),
	    0);
	assert_int_equal(n, 5);
	assert_string_equal(v[0].code, "511900000000");
	assert_string_equal(v[1].code, "511902000000");
	assert_string_equal(v[2].code, "511902001000");
	assert_string_equal(v[3].code, "511903000000");
	assert_string_equal(v[4].code, "511921000000");
	assert_int_equal(
	    region_store_subtree(db, arena, "511902000000", NULL, &v, &n, &err),
	    0);
	assert_int_equal(n, 2);
	assert_int_equal(
	    region_store_subtree(db, arena, NULL, NULL, &v, &n, &err), 0);
	assert_int_equal(n, 8);
	assert_int_equal(
	    region_store_subtree(db, arena, "", "区", &v, &n, &err), 0);
	assert_int_equal(n, 3); /* 巴州区, 恩阳区, 顺庆区 */
	assert_string_equal(v[0].name, "顺庆区"); /* 511302 sorts first */
	assert_int_equal(
	    region_store_subtree(db, arena, "511900000000", "区", &v, &n, &err),
	    0);
	assert_int_equal(n, 2);
	assert_int_equal(
	    region_store_subtree(db, arena, "511900000000", "", &v, &n, &err),
	    0);
	assert_int_equal(n, 5);

	/* update */
	r = region("511921000000", "通江", "511900000000");
	r.kind = REGION_ZONE;
	memcpy(r.closed_on, "2024-12-31", 11);
	r.source = "测试";
	assert_int_equal(region_store_update(db, &r, &err), 0);
	assert_int_equal(region_store_get(db, arena, "511921000000", &r, &err),
	                 0);
	assert_string_equal(r.name, "通江");
	assert_int_equal(r.kind, REGION_ZONE);
	assert_string_equal(r.closed_on, "2024-12-31");
	assert_string_equal(r.source, "测试");
	r = region("511922000000", "南江县", "511900000000");
	assert_int_equal(region_store_update(db, &r, &err), -1);
	assert_int_equal(err.code, LX_ENOTFOUND);
	db_close(db);
}

static void test_region_conflict(void **state)
{
	struct db *db = db_open_ok(path_of("region-dup.db"));
	struct region r = region("510000000000", "四川", "");
	struct lx_error err;

	put_regions(db);
	lx_error_clear(&err);
	assert_int_equal(region_store_insert(db, &r, &err), -1);
	assert_int_equal(err.code, LX_ECONFLICT);
	assert_string_equal(err.field, "code");
	r = region("511902000000", "巴州", "511900000000");
	assert_int_equal(region_store_insert(db, &r, &err), -1);
	assert_int_equal(err.code, LX_ECONFLICT);
	/* the first one stays */
	assert_int_equal(region_store_get(db, arena, "511902000000", &r, &err),
	                 0);
	assert_string_equal(r.name, "巴州区");
	db_close(db);
}

/* ---- facilities ---- */

struct cap_spec {
	const char *date;
	long long beds, nursing, occupied, slots, affordable, enrolled;
};

struct fac_spec {
	const char *name;
	int kind;
	const char *region;
	const char *opened, *closed;
	struct cap_spec cap[2]; /* cap[1].date NULL: one entry only */
};

/* The registry the list and summary tests run over. */
static const struct fac_spec facs[] = {
	{ "福利院A",
	  FK_ELDERLY_INSTITUTION,
	  "511902001000",
	  "2020-01-01",
	  "",
	  { { "2020-01-01", 100, 40, 80, 0, 0, 0 },
	    { "2024-07-01", 150, 60, 90, 0, 0, 0 } } },
	{ "敬老院B",
	  FK_ELDERLY_INSTITUTION,
	  "511902000000",
	  "2021-01-01",
	  "2023-06-30",
	  { { "2021-01-01", 50, 10, 30, 0, 0, 0 } } },
	{ "托育C",
	  FK_CHILDCARE_INSTITUTION,
	  "511903000000",
	  "2022-01-01",
	  "",
	  { { "2022-01-01", 0, 0, 0, 60, 20, 45 },
	    { "2024-09-01", 0, 0, 0, 80, 30, 70 } } },
	{ "日间D",
	  FK_DAY_CARE_CENTER,
	  "511302000000",
	  "2019-01-01",
	  "",
	  { { "2019-01-01", 20, 0, 10, 0, 0, 0 } } },
	{ "养老E",
	  FK_ELDERLY_INSTITUTION,
	  "511903000000",
	  "2025-06-01",
	  "",
	  { { "2025-06-01", 200, 100, 0, 0, 0, 0 } } },
	{ "家庭托育F",
	  FK_FAMILY_CHILDCARE,
	  "511902001000",
	  "",
	  "",
	  { { "2023-01-01", 0, 0, 0, 5, 0, 4 } } },
	{ "日间G",
	  FK_DAY_CARE_CENTER,
	  "511903000000",
	  "2018-05-01",
	  "2024-12-31",
	  { { "2018-05-01", 30, 5, 25, 0, 0, 0 } } },
	{ "托育H",
	  FK_CHILDCARE_INSTITUTION,
	  "511902000000",
	  "2024-08-01",
	  "",
	  { { "2024-08-01", 0, 0, 0, 40, 10, 20 } } },
};
enum { NFACS = sizeof(facs) / sizeof(facs[0]) };

static void set_cap(struct facility *f, const struct cap_spec *c)
{
	snprintf(f->cap.date, sizeof(f->cap.date), "%s", c->date);
	f->cap.beds = c->beds;
	f->cap.nursing_beds = c->nursing;
	f->cap.occupied_beds = c->occupied;
	f->cap.slots = c->slots;
	f->cap.affordable_slots = c->affordable;
	f->cap.enrolled = c->enrolled;
}

static struct facility fac_from(const struct fac_spec *s)
{
	struct facility f;

	facility_init(&f);
	f.name = (char *)s->name;
	f.kind = s->kind;
	snprintf(f.region, sizeof(f.region), "%s", s->region);
	snprintf(f.opened_on, sizeof(f.opened_on), "%s", s->opened);
	snprintf(f.closed_on, sizeof(f.closed_on), "%s", s->closed);
	set_cap(&f, &s->cap[0]);
	return f;
}

/* Inserts facs[], the second capacity entries by update; ids[i] gets the
 * id of facs[i]. */
static void put_facilities(struct db *db, long long ids[NFACS])
{
	struct lx_error err;

	lx_error_clear(&err);
	for (size_t i = 0; i < NFACS; i++) {
		struct facility f = fac_from(&facs[i]);

		if (facility_store_insert(db, &f, NOW, 0, &err))
			fail_msg("facility %s: %s", facs[i].name, err.message);
		ids[i] = f.id;
		if (facs[i].cap[1].date) {
			set_cap(&f, &facs[i].cap[1]);
			if (facility_store_update(db, &f, 1, NOW, 0, &err))
				fail_msg("update %s: %s", facs[i].name,
				         err.message);
		}
	}
}

/* The expectations' rules: in the subtree when the region code starts
 * with prefix; open on day when opened on or before it (or never said)
 * and not closed on or before it; the capacity in force is the latest
 * entry dated on or before the day. */
static int in_subtree(const struct fac_spec *s, const char *prefix)
{
	return !strncmp(s->region, prefix, strlen(prefix));
}

static int open_on(const struct fac_spec *s, const char *day)
{
	return (!*s->opened || strcmp(s->opened, day) <= 0) &&
	       (!*s->closed || strcmp(s->closed, day) > 0);
}

static const struct cap_spec *cap_on(const struct fac_spec *s, const char *day)
{
	const struct cap_spec *c = NULL;

	for (int k = 0; k < 2; k++)
		if (s->cap[k].date && strcmp(s->cap[k].date, day) <= 0 &&
		    (!c || strcmp(s->cap[k].date, c->date) > 0))
			c = &s->cap[k];
	return c;
}

static void test_capacity_as_of(void **state)
{
	struct db *db = db_open_ok(path_of("asof.db"));
	struct facility f, g;
	struct capacity *h;
	size_t n;
	struct lx_error err;
	struct facility_class k = { CLASS_MIXED, 18, 12 };
	static const struct {
		const char *as_of;
		long long beds;
		const char *date;
	} cases[] = {
		{ "2024-06-30", 100, "2024-01-01" },
		{ "2024-01-01", 100, "2024-01-01" },
		{ "2024-07-01", 150, "2024-07-01" }, /* the change date */
		{ "2024-07-02", 150, "2024-07-01" },
		{ "2030-01-01", 150, "2024-07-01" },
		{ NULL, 150, "2024-07-01" },
		{ "", 150, "2024-07-01" },
		/* before the first entry: no capacity known */
		{ "2023-12-31", 0, "" },
	};

	put_regions(db);
	lx_error_clear(&err);
	facility_init(&f);
	f.name = "巴州区社会福利院";
	f.kind = FK_ELDERLY_INSTITUTION;
	memcpy(f.region, "511902000000", 13);
	f.credit_code = GOOD_CODE;
	f.address = "江北大道1号";
	f.has_coords = 3;
	f.lat = 31.8672;
	f.lon = 106.7479;
	f.ownership = OWN_PUBLIC;
	f.operation = OP_PUBLIC_PRIVATE;
	f.profit = PROFIT_NONPROFIT;
	f.medical_integration = 1;
	f.filing_status = FILING_FILED;
	memcpy(f.filing_date, "2023-11-20", 11);
	memcpy(f.opened_on, "2024-01-01", 11);
	f.caregivers = 9;
	memcpy(f.cap.date, "2024-01-01", 11);
	f.cap.beds = 100;
	f.cap.nursing_beds = 30;
	f.cap.occupied_beds = 70;
	assert_int_equal(facility_store_insert(db, &f, NOW, 0, &err), 0);
	assert_true(f.id > 0);

	/* a capacity change from 2024-07-01 */
	memcpy(f.cap.date, "2024-07-01", 11);
	f.cap.beds = 150;
	f.cap.nursing_beds = 50;
	f.caregivers = 14;
	assert_int_equal(facility_store_update(db, &f, 1, NOW, 0, &err), 0);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(facility_store_get(db, arena, f.id,
		                                    cases[i].as_of, &g, &err),
		                 0);
		if (g.cap.beds != cases[i].beds ||
		    strcmp(g.cap.date, cases[i].date))
			fail_msg("as of %s: %lld beds from '%s', expected %lld "
			         "from '%s'",
			         cases[i].as_of ? cases[i].as_of : "(null)",
			         g.cap.beds, g.cap.date, cases[i].beds,
			         cases[i].date);
		/* the attributes are the current ones whatever the date */
		assert_int_equal(g.caregivers, 14);
	}

	/* the rest of the record round-trips */
	assert_int_equal(facility_store_get(db, arena, f.id, NULL, &g, &err),
	                 0);
	assert_int_equal(g.id, f.id);
	assert_string_equal(g.name, "巴州区社会福利院");
	assert_int_equal(g.kind, FK_ELDERLY_INSTITUTION);
	assert_string_equal(g.region, "511902000000");
	assert_string_equal(g.credit_code, GOOD_CODE);
	assert_string_equal(g.address, "江北大道1号");
	assert_int_equal(g.has_coords, 3);
	assert_true(g.lat == 31.8672 && g.lon == 106.7479);
	assert_int_equal(g.ownership, OWN_PUBLIC);
	assert_int_equal(g.operation, OP_PUBLIC_PRIVATE);
	assert_int_equal(g.profit, PROFIT_NONPROFIT);
	assert_int_equal(g.medical_integration, 1);
	assert_int_equal(g.internal_clinic, 0);
	assert_int_equal(g.filing_status, FILING_FILED);
	assert_string_equal(g.filing_date, "2023-11-20");
	assert_string_equal(g.opened_on, "2024-01-01");
	assert_string_equal(g.closed_on, "");
	assert_int_equal(g.cap.nursing_beds, 50);
	assert_int_equal(g.cap.occupied_beds, 70);

	/* history, oldest first */
	assert_int_equal(facility_store_history(db, arena, f.id, &h, &n, &err),
	                 0);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].date, "2024-01-01");
	assert_int_equal(h[0].beds, 100);
	assert_string_equal(h[1].date, "2024-07-01");
	assert_int_equal(h[1].beds, 150);

	/* an update without capacity leaves the history alone */
	f.cap.beds = 999;
	f.caregivers = 15;
	assert_int_equal(facility_store_update(db, &f, 0, NOW, 0, &err), 0);
	assert_int_equal(facility_store_history(db, arena, f.id, &h, &n, &err),
	                 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[1].beds, 150);

	/* an entry of the same date replaces that entry */
	f.cap.beds = 160;
	assert_int_equal(facility_store_update(db, &f, 1, NOW, 0, &err), 0);
	assert_int_equal(facility_store_history(db, arena, f.id, &h, &n, &err),
	                 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[1].beds, 160);

	/* classes are stored with the capacity */
	memcpy(f.cap.date, "2024-09-01", 11);
	f.kind = FK_CHILDCARE_INSTITUTION;
	f.cap.slots = 18;
	f.cap.nclasses = 1;
	f.cap.classes = &k;
	assert_int_equal(facility_store_update(db, &f, 1, NOW, 0, &err), 0);
	assert_int_equal(facility_store_get(db, arena, f.id, NULL, &g, &err),
	                 0);
	assert_int_equal(g.kind, FK_CHILDCARE_INSTITUTION);
	assert_int_equal(g.cap.nclasses, 1);
	assert_int_equal(g.cap.classes[0].type, CLASS_MIXED);
	assert_int_equal(g.cap.classes[0].capacity, 18);
	assert_int_equal(g.cap.classes[0].enrolled, 12);
	assert_int_equal(
	    facility_store_get(db, arena, f.id, "2024-08-31", &g, &err), 0);
	assert_int_equal(g.cap.nclasses, 0);

	/* no such facility */
	assert_int_equal(
	    facility_store_get(db, arena, f.id + 100, NULL, &g, &err), -1);
	assert_int_equal(err.code, LX_ENOTFOUND);
	g.id = f.id + 100;
	assert_int_equal(facility_store_update(db, &g, 1, NOW, 0, &err), -1);
	assert_int_equal(err.code, LX_ENOTFOUND);
	db_close(db);
}

static void test_facility_conflicts(void **state)
{
	const char *path = path_of("fac-dup.db");
	struct db *db = db_open_ok(path);
	struct facility a = fac_from(&facs[0]), b = fac_from(&facs[1]);
	struct facility c = fac_from(&facs[2]);
	struct lx_error err;

	put_regions(db);
	lx_error_clear(&err);
	a.credit_code = GOOD_CODE;
	b.credit_code = GOOD_CODE;
	c.credit_code = GOOD_CODE2;
	assert_int_equal(facility_store_insert(db, &a, NOW, 0, &err), 0);
	assert_int_equal(facility_store_insert(db, &b, NOW, 0, &err), -1);
	assert_int_equal(err.code, LX_ECONFLICT);
	assert_string_equal(err.field, "credit_code");
	assert_int_equal(facility_store_insert(db, &c, NOW, 0, &err), 0);
	/* taking another's code by update */
	c.credit_code = GOOD_CODE;
	lx_error_clear(&err);
	assert_int_equal(facility_store_update(db, &c, 0, NOW, 0, &err), -1);
	assert_int_equal(err.code, LX_ECONFLICT);
	assert_string_equal(err.field, "credit_code");

	assert_true(facility_store_credit_code_taken(db, GOOD_CODE, 0));
	assert_false(facility_store_credit_code_taken(db, GOOD_CODE, a.id));
	assert_true(facility_store_credit_code_taken(db, GOOD_CODE2, a.id));
	assert_false(facility_store_credit_code_taken(db, GOOD_CODE2, c.id));

	/* no credit code at all is not a conflict, however many */
	b.credit_code = NULL;
	assert_int_equal(facility_store_insert(db, &b, NOW, 0, &err), 0);
	b.credit_code = "";
	assert_int_equal(facility_store_insert(db, &b, NOW, 0, &err), 0);

	/* a region that does not exist */
	b = fac_from(&facs[1]);
	memcpy(b.region, "511922000000", 13);
	lx_error_clear(&err);
	assert_int_equal(facility_store_insert(db, &b, NOW, 0, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "region");
	db_close(db);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM facility"), 4);
}

static void expect_ids(const struct facility *v, size_t n, const long long *ids,
                       const char *what, const int *want, size_t nwant)
{
	if (n != nwant)
		fail_msg("%s: %zu items, expected %zu", what, n, nwant);
	for (size_t i = 0; i < n; i++)
		if (v[i].id != ids[want[i]])
			fail_msg("%s: item %zu is %lld, expected %s", what, i,
			         v[i].id, facs[want[i]].name);
}

static struct facility_query query(const char *region, const char *today)
{
	struct facility_query q = { .region = region,
		                    .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .status = FSTATUS_ALL,
		                    .today = today,
		                    .sort = "id" };
	return q;
}

/* The facilities of facs[] a query over prefix, kind (-1 any) and status
 * should list, in id order (= insertion order). */
static size_t expected(const char *prefix, int kind, int status,
                       const char *day, int *out)
{
	size_t n = 0;

	for (int i = 0; i < NFACS; i++) {
		const struct fac_spec *s = &facs[i];
		int closed = *s->closed && strcmp(s->closed, day) <= 0;

		if (!in_subtree(s, prefix) || (kind >= 0 && s->kind != kind))
			continue;
		if (status == FSTATUS_OPEN && !open_on(s, day))
			continue;
		if (status == FSTATUS_CLOSED && !closed)
			continue;
		out[n++] = i;
	}
	return n;
}

static void test_facility_list(void **state)
{
	struct db *db = db_open_ok(path_of("list.db"));
	long long ids[NFACS], total;
	struct facility *v;
	size_t n, nwant;
	int want[NFACS];
	struct lx_error err;
	struct facility_query q;
	static const struct {
		const char *region, *prefix;
		int kind, status;
		size_t hand; /* counted by hand from facs[] */
	} cases[] = {
		{ "511900000000", "5119", -1, FSTATUS_ALL, 7 },
		{ "511902000000", "511902", -1, FSTATUS_ALL, 4 },
		{ "511902001000", "511902001", -1, FSTATUS_ALL, 2 },
		{ "511300000000", "5113", -1, FSTATUS_ALL, 1 },
		{ NULL, "", -1, FSTATUS_ALL, 8 },
		{ "511900000000", "5119", FK_ELDERLY_INSTITUTION, FSTATUS_ALL,
		  3 },
		{ "511900000000", "5119", FK_DAY_CARE_CENTER, FSTATUS_ALL, 1 },
		{ "511900000000", "5119", FK_MEAL_POINT, FSTATUS_ALL, 0 },
		{ "511900000000", "5119", -1, FSTATUS_OPEN, 4 },
		{ "511900000000", "5119", -1, FSTATUS_CLOSED, 2 },
		{ NULL, "", -1, FSTATUS_OPEN, 5 },
		{ "511903000000", "511903", -1, FSTATUS_CLOSED, 1 },
		{ "511900000000", "5119", FK_ELDERLY_INSTITUTION, FSTATUS_OPEN,
		  1 },
	};

	put_regions(db);
	put_facilities(db, ids);
	lx_error_clear(&err);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char what[80];

		q = query(cases[i].region, "2024-12-31");
		q.kind = cases[i].kind;
		q.status = cases[i].status;
		nwant = expected(cases[i].prefix, cases[i].kind,
		                 cases[i].status, "2024-12-31", want);
		assert_int_equal(nwant, cases[i].hand);
		snprintf(what, sizeof(what), "case %zu", i);
		assert_int_equal(
		    facility_store_list(db, arena, &q, &v, &n, &total, &err),
		    0);
		assert_int_equal(total, nwant);
		expect_ids(v, n, ids, what, want, nwant);
	}

	/* as_of: only facilities open that day, with that day's capacity */
	q = query("511900000000", "2024-12-31");
	q.as_of = "2024-06-30";
	nwant = expected("5119", -1, FSTATUS_OPEN, "2024-06-30", want);
	assert_int_equal(nwant, 4); /* A, C, F, G */
	assert_int_equal(
	    facility_store_list(db, arena, &q, &v, &n, &total, &err), 0);
	assert_int_equal(total, 4);
	expect_ids(v, n, ids, "as_of", want, nwant);
	assert_int_equal(v[0].cap.beds, 100); /* A before its change */
	assert_int_equal(v[1].cap.slots, 60); /* C before its change */

	/* paging over the 7 in the city */
	q = query("511900000000", "2024-12-31");
	q.per_page = 3;
	nwant = expected("5119", -1, FSTATUS_ALL, "2024-12-31", want);
	for (long page = 1; page <= 4; page++) {
		size_t from = (size_t)(page - 1) * 3;
		size_t count = from >= nwant      ? 0
		               : nwant - from < 3 ? nwant - from
		                                  : 3;

		q.page = page;
		assert_int_equal(
		    facility_store_list(db, arena, &q, &v, &n, &total, &err),
		    0);
		assert_int_equal(total, 7);
		assert_int_equal(n, count);
		expect_ids(v, n, ids, "page", want + (from < nwant ? from : 0),
		           count);
	}
	assert_int_equal(n, 0); /* page 4 is past the end */

	/* sorted by beds, most first, then id */
	q = query("511900000000", "2024-12-31");
	q.sort = "-beds";
	assert_int_equal(
	    facility_store_list(db, arena, &q, &v, &n, &total, &err), 0);
	assert_int_equal(n, 7);
	assert_int_equal(v[0].id, ids[4]); /* E 200 */
	assert_int_equal(v[1].id, ids[0]); /* A 150 */
	assert_int_equal(v[2].id, ids[1]); /* B 50 */
	assert_int_equal(v[3].id, ids[6]); /* G 30 */

	/* a name search */
	q = query(NULL, "2024-12-31");
	q.q = "托育";
	assert_int_equal(
	    facility_store_list(db, arena, &q, &v, &n, &total, &err), 0);
	assert_int_equal(total, 3); /* C, F, H */

	/* restricted to ids */
	q = query(NULL, "2024-12-31");
	q.only_ids = 1;
	q.ids = &ids[3];
	q.nids = 2;
	assert_int_equal(
	    facility_store_list(db, arena, &q, &v, &n, &total, &err), 0);
	assert_int_equal(total, 2);
	assert_int_equal(v[0].id, ids[3]);
	assert_int_equal(v[1].id, ids[4]);
	q.nids = 0;
	assert_int_equal(
	    facility_store_list(db, arena, &q, &v, &n, &total, &err), 0);
	assert_int_equal(total, 0);

	/* an unknown sort key */
	q = query(NULL, "2024-12-31");
	q.sort = "colour";
	assert_int_equal(
	    facility_store_list(db, arena, &q, &v, &n, &total, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "sort");
	db_close(db);
}

static void test_facility_summary(void **state)
{
	struct db *db = db_open_ok(path_of("summary.db"));
	long long ids[NFACS];
	struct capacity_totals got[FK__MAX], want[FK__MAX];
	struct lx_error err;
	static const struct {
		const char *region, *prefix, *as_of;
	} cases[] = {
		{ "511900000000", "5119", "2024-06-30" },
		{ "511900000000", "5119", "2024-07-01" },
		{ "511900000000", "5119", "2024-12-31" },
		{ "511900000000", "5119", "2025-06-01" },
		{ "511900000000", "5119", "2022-12-31" },
		{ "511902000000", "511902", "2024-12-31" },
		{ "511903000000", "511903", "2024-12-30" },
		{ "511902001000", "511902001", "2023-01-01" },
		{ NULL, "", "2024-12-31" },
		{ "", "", "2019-06-01" },
	};

	put_regions(db);
	put_facilities(db, ids);
	lx_error_clear(&err);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(want, 0, sizeof(want));
		for (int f = 0; f < NFACS; f++) {
			const struct fac_spec *s = &facs[f];
			const struct cap_spec *c = cap_on(s, cases[i].as_of);
			struct capacity_totals *t = &want[s->kind];

			if (!in_subtree(s, cases[i].prefix) ||
			    !open_on(s, cases[i].as_of))
				continue;
			t->count++;
			if (!c)
				continue;
			t->beds += c->beds;
			t->nursing_beds += c->nursing;
			t->occupied_beds += c->occupied;
			t->slots += c->slots;
			t->affordable_slots += c->affordable;
			t->enrolled += c->enrolled;
		}
		memset(got, 0x55, sizeof(got));
		assert_int_equal(facility_store_summary(db, cases[i].region,
		                                        cases[i].as_of, got,
		                                        &err),
		                 0);
		for (int k = 0; k < FK__MAX; k++)
			if (memcmp(&got[k], &want[k], sizeof(got[k])))
				fail_msg("%s as of %s, %s: count %lld/%lld "
				         "beds %lld/%lld slots %lld/%lld "
				         "enrolled %lld/%lld",
				         cases[i].prefix, cases[i].as_of,
				         facility_kind_names.names[k],
				         got[k].count, want[k].count,
				         got[k].beds, want[k].beds,
				         got[k].slots, want[k].slots,
				         got[k].enrolled, want[k].enrolled);
	}

	/* two figures worked by hand, to check the rules above: in 巴中市
	 * on 2024-07-01 the elderly institutions open are A only (B closed
	 * 2023-06-30, E opens 2025-06-01), at its new 150 beds; on
	 * 2024-12-31 the childcare institutions are C (80 from 2024-09-01)
	 * and H (40): 120 slots. */
	assert_int_equal(
	    facility_store_summary(db, "511900000000", "2024-07-01", got, &err),
	    0);
	assert_int_equal(got[FK_ELDERLY_INSTITUTION].count, 1);
	assert_int_equal(got[FK_ELDERLY_INSTITUTION].beds, 150);
	assert_int_equal(
	    facility_store_summary(db, "511900000000", "2024-12-31", got, &err),
	    0);
	assert_int_equal(got[FK_CHILDCARE_INSTITUTION].count, 2);
	assert_int_equal(got[FK_CHILDCARE_INSTITUTION].slots, 120);
	assert_int_equal(got[FK_DAY_CARE_CENTER].count, 0); /* G closed */
	db_close(db);
}

/* ---- population ---- */

static void test_population(void **state)
{
	struct db *db = db_open_ok(path_of("population.db"));
	struct pop_figure f = { .region = "511902000000",
		                .year = 2023,
		                .metric = POP_RESIDENTS,
		                .value = 1000,
		                .source = "统计年鉴" };
	struct pop_figure *v;
	size_t n;
	struct lx_error err;

	put_regions(db);
	lx_error_clear(&err);
	assert_int_equal(population_store_put(db, &f, 0, NOW, &err), 0);
	/* replace */
	f.value = 1200;
	f.source = "七普";
	assert_int_equal(population_store_put(db, &f, 0, NOW, &err), 0);
	assert_int_equal(population_store_subtree(db, arena, "511902000000",
	                                          2023, &v, &n, &err),
	                 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].region, "511902000000");
	assert_int_equal(v[0].year, 2023);
	assert_int_equal(v[0].metric, POP_RESIDENTS);
	assert_int_equal(v[0].value, 1200);
	assert_string_equal(v[0].source, "七普");

	f = (struct pop_figure){ .region = "511902001000",
		                 .year = 2023,
		                 .metric = POP_AGED_60,
		                 .value = 300 };
	assert_int_equal(population_store_put(db, &f, 0, NOW, &err), 0);
	f = (struct pop_figure){ .region = "511902000000",
		                 .year = 2022,
		                 .metric = POP_RESIDENTS,
		                 .value = 900 };
	assert_int_equal(population_store_put(db, &f, 0, NOW, &err), 0);
	f = (struct pop_figure){ .region = "511302000000",
		                 .year = 2023,
		                 .metric = POP_RESIDENTS,
		                 .value = 5000 };
	assert_int_equal(population_store_put(db, &f, 0, NOW, &err), 0);

	/* every year, by region then year */
	assert_int_equal(population_store_subtree(db, arena, "511902000000", 0,
	                                          &v, &n, &err),
	                 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].region, "511902000000");
	assert_int_equal(v[0].year, 2022);
	assert_int_equal(v[0].value, 900);
	assert_string_equal(v[0].source, "");
	assert_string_equal(v[1].region, "511902000000");
	assert_int_equal(v[1].year, 2023);
	assert_string_equal(v[2].region, "511902001000");
	assert_int_equal(v[2].metric, POP_AGED_60);
	assert_int_equal(population_store_subtree(db, arena, "511900000000",
	                                          2023, &v, &n, &err),
	                 0);
	assert_int_equal(n, 2);
	assert_int_equal(
	    population_store_subtree(db, arena, NULL, 2023, &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(
	    population_store_subtree(db, arena, NULL, 1999, &v, &n, &err), 0);
	assert_int_equal(n, 0);

	/* delete, and delete again */
	assert_int_equal(population_store_delete(db, "511902000000", 2023,
	                                         POP_RESIDENTS, &err),
	                 0);
	assert_int_equal(population_store_delete(db, "511902000000", 2023,
	                                         POP_RESIDENTS, &err),
	                 -1);
	assert_int_equal(err.code, LX_ENOTFOUND);
	assert_int_equal(population_store_subtree(db, arena, "511902000000",
	                                          2023, &v, &n, &err),
	                 0);
	assert_int_equal(n, 1); /* the township's aged_60 remains */
	assert_int_equal(v[0].metric, POP_AGED_60);

	/* a region that does not exist */
	f.region[0] = '\0';
	snprintf(f.region, sizeof(f.region), "511922000000");
	lx_error_clear(&err);
	assert_int_equal(population_store_put(db, &f, 0, NOW, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "region");
	db_close(db);
}

/* ---- audit ---- */

static void test_audit(void **state)
{
	struct db *db = db_open_ok(path_of("audit.db"));
	static const struct {
		const char *at, *action, *entity, *id, *before, *after;
	} rows[] = {
		{ "2025-01-01T00:00:01Z", "create", "region", "511902000000",
		  NULL, "{\"name\":\"巴州区\"}" },
		{ "2025-01-01T00:00:02Z", "create", "facility", "1", NULL,
		  "{\"beds\":10}" },
		{ "2025-01-01T00:00:03Z", "update", "facility", "1",
		  "{\"beds\":10}", "{\"beds\":12}" },
	};
	struct audit_entry *v;
	struct audit_query q = { .page = 1, .per_page = 10 };
	size_t n;
	long long total;
	struct lx_error err;

	lx_error_clear(&err);
	for (size_t i = 0; i < 3; i++) {
		struct audit_entry e = { .at = (char *)rows[i].at,
			                 .account_id = 0,
			                 .username = "system",
			                 .action = (char *)rows[i].action,
			                 .entity = (char *)rows[i].entity,
			                 .entity_id = (char *)rows[i].id,
			                 .before = (char *)rows[i].before,
			                 .after = (char *)rows[i].after };

		assert_int_equal(audit_store_insert(db, &e, &err), 0);
	}

	assert_int_equal(audit_store_list(db, arena, &q, &v, &n, &total, &err),
	                 0);
	assert_int_equal(total, 3);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < 3; i++) {
		size_t r = 2 - i; /* newest first */

		assert_string_equal(v[i].at, rows[r].at);
		assert_string_equal(v[i].action, rows[r].action);
		assert_string_equal(v[i].entity, rows[r].entity);
		assert_string_equal(v[i].entity_id, rows[r].id);
		assert_string_equal(v[i].username, "system");
		assert_int_equal(v[i].account_id, 0);
		if (rows[r].before)
			assert_string_equal(v[i].before, rows[r].before);
		else
			assert_null(v[i].before);
		assert_string_equal(v[i].after, rows[r].after);
		if (i)
			assert_true(v[i].id < v[i - 1].id);
	}

	/* filters and paging */
	q.entity = "facility";
	assert_int_equal(audit_store_list(db, arena, &q, &v, &n, &total, &err),
	                 0);
	assert_int_equal(total, 2);
	assert_string_equal(v[0].action, "update");
	q.entity = NULL;
	q.username = "nobody";
	assert_int_equal(audit_store_list(db, arena, &q, &v, &n, &total, &err),
	                 0);
	assert_int_equal(total, 0);
	assert_int_equal(n, 0);
	q.username = NULL;
	q.per_page = 2;
	q.page = 2;
	assert_int_equal(audit_store_list(db, arena, &q, &v, &n, &total, &err),
	                 0);
	assert_int_equal(total, 3);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].at, rows[0].at); /* the oldest, last */
	db_close(db);
}

/*
 * Regression: the store once turned every LX_EINVALID from SQLite into a
 * missing region or parent, CHECK constraint failures included.
 */
static void test_check_failures_mislabelled(void **state)
{
	struct db *db = db_open_ok(path_of("mislabel.db"));
	struct pop_figure f = { .region = "511902000000",
		                .year = 2023,
		                .metric = POP_RESIDENTS,
		                .value = -5 };
	struct region r = region("511904000000", "", "511900000000");
	struct lx_error err;

	put_regions(db);
	/* population CHECK (value >= 0): today field "region", message
	 * "no region '511902000000'" for a region that exists */
	lx_error_clear(&err);
	assert_int_equal(population_store_put(db, &f, 0, NOW, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_not_equal(err.field, "region");
	/* region CHECK (name <> ''): today field "parent", message "parent
	 * region '511900000000' does not exist" for a parent that exists */
	lx_error_clear(&err);
	assert_int_equal(region_store_insert(db, &r, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_not_equal(err.field, "parent");
	db_close(db);
}

/* ---- whether the data changed (what the result cache relies on) ---- */

static int changed(struct db *db)
{
	struct lx_error err;
	int c = -1;

	lx_error_clear(&err);
	assert_int_equal(db_begin_read(db, &err), 0);
	if (db_data_changed(db, &c, &err))
		fail_msg("db_data_changed: %s", err.message);
	db_end_read(db);
	return c;
}

static void test_data_changed(void **state)
{
	const char *path = path_of("changed.db");
	struct db *a = db_open_ok(path), *b = db_open_ok(path);
	struct pop_figure f = { .region = "511900000000",
		                .year = 2020,
		                .metric = POP_RESIDENTS,
		                .value = 100,
		                .source = "test" };
	struct lx_error err;

	(void)state;
	lx_error_clear(&err);
	assert_int_equal(changed(a), 1); /* nothing to compare with yet */
	assert_int_equal(changed(b), 1);
	assert_int_equal(changed(a), 0);
	assert_int_equal(changed(b), 0);

	/* a writes: a sees its own change, b another connection's */
	put_region(a, "511900000000", "巴中市", "");
	assert_int_equal(population_store_put(a, &f, 0, NOW, &err), 0);
	assert_int_equal(changed(a), 1);
	assert_int_equal(changed(a), 0);
	assert_int_equal(changed(b), 1);
	assert_int_equal(changed(b), 0);

	/* a write from outside the program (the sqlite3 shell, say) */
	sql_exec(path, "UPDATE population SET value = 101");
	assert_int_equal(changed(a), 1);
	assert_int_equal(changed(b), 1);
	assert_int_equal(changed(a), 0);

	/* a transaction that writes then rolls back may say changed once:
	 * harmless; afterwards it is quiet again */
	assert_int_equal(db_begin(b, &err), 0);
	f.value = 7;
	assert_int_equal(population_store_put(b, &f, 0, NOW, &err), 0);
	db_rollback(b);
	changed(b);
	assert_int_equal(changed(b), 0);
	assert_int_equal(changed(a), 0);
	assert_int_equal(sql_int(path, "SELECT value FROM population"), 101);

	db_close(a);
	db_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_fresh, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_refused, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_older_upgraded, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_open_fails, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_regions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_conflict, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_capacity_as_of, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_facility_conflicts, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_facility_list, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_facility_summary, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_population, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_changed, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_check_failures_mislabelled,
		                                setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
