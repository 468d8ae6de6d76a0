/*
 * A bulk load of a new SQLite file (src/store/db_sqlite.c): the secondary
 * indexes of the people and visit tables are dropped for the load, built
 * again by db_bulk_indexes when a later step must read by them (synth's
 * services read people by township), exactly as the migrations wrote
 * them, once; db_bulk_done then has none left to build and still brings
 * the journal back to WAL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "store/db.h"

#include "support.h"

static char tmpdir[256];

#define DEFERRED                                                               \
	" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND"     \
	" tbl_name IN ('person', 'person_category', 'assessment', 'visit')"

static int group_setup(void **state)
{
	(void)state;
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-dbbulk");
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(tmpdir);
}

static void index_sql(const char *path, char *out, size_t size)
{
	assert_int_equal(sql_text(path,
	                          "SELECT coalesce(group_concat(sql, ';'), '')"
	                          " FROM (SELECT sql" DEFERRED
	                          " ORDER BY name)",
	                          0, out, size),
	                 0);
}

static void test_indexes_back_once(void **state)
{
	char path[300], before[8192], after[8192];
	struct lx_error err = { 0 };
	struct db *db;
	long long n;

	(void)state;
	snprintf(path, sizeof(path), "%s/bulk.db", tmpdir);
	db = db_open_ok(path);
	index_sql(path, before, sizeof(before));
	n = sql_int(path, "SELECT count(*)" DEFERRED);
	/* person_region, person_masked, person_facility at least */
	assert_true(n >= 3);
	assert_non_null(strstr(before, "person_region"));

	assert_int_equal(db_bulk_load(db, &err), 0);
	assert_int_equal(sql_int(path, "SELECT count(*)" DEFERRED), 0);

	assert_int_equal(db_bulk_indexes(db, &err), 0);
	assert_int_equal(sql_int(path, "SELECT count(*)" DEFERRED), n);
	index_sql(path, after, sizeof(after));
	assert_string_equal(after, before);

	/* once: a second call and the end of the load build nothing more
	 * (a second CREATE INDEX of the same name would fail) */
	assert_int_equal(db_bulk_indexes(db, &err), 0);
	assert_int_equal(db_bulk_done(db, &err), 0);
	assert_int_equal(err.code, 0);
	assert_int_equal(sql_int(path, "SELECT count(*)" DEFERRED), n);
	db_close(db);
	assert_int_equal(
	    sql_text(path, "PRAGMA journal_mode", 0, after, sizeof(after)), 0);
	assert_string_equal(after, "wal");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indexes_back_once),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
