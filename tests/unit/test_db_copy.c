/*
 * db_copy (src/store/db_copy.c) between two SQLite files: values of every
 * kind come out as they went in, as the copy's own check says and as
 * sqlite3 sees them from outside (an empty blob stays a blob, a double
 * keeps every bit, an integer past 2^53 its last digit, a rowid its
 * value); a target with rows is refused and left alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/db_copy.h"

#include "support.h"

static char tmpdir[256];

static int group_setup(void **state)
{
	(void)state;
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-dbcopy");
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(tmpdir);
}

/* A source with the awkward values, written from outside the store. */
static void make_source(const char *path)
{
	db_close(db_open_ok(path));
	sql_exec(path,
	         "INSERT INTO region (code, name, level, parent) VALUES"
	         " ('510000000000', '四川省 \"q\" ''s', 'province', NULL),"
	         " ('511900000000', '巴中市', 'city', '510000000000');"
	         "INSERT INTO meta (name, value) VALUES ('empty', X''),"
	         " ('bytes', X'00ff7f');"
	         "INSERT INTO facility (id, name, kind, region, lat, lon,"
	         " created_at, updated_at) VALUES"
	         " (7, 'a', 'elderly', '511900000000', 0.1, NULL, 't', 't'),"
	         " (42, 'b', 'elderly', '511900000000', -2.5e-300,"
	         "  1.7976931348623157e308, 't', 't');"
	         "INSERT INTO population (region, year, metric, value,"
	         " entered_at) VALUES ('511900000000', 2025, 'm',"
	         " 9007199254740993, 't');"
	         "INSERT INTO person (id, kind, id_hash, id_sealed,"
	         " id_masked_hash, name, sex, birth_date, region, created_at,"
	         " updated_at) VALUES (3, 'elderly', X'01', X'02', X'03', 'n',"
	         " 'M', '1940-01-01', '511900000000', 't', 't');"
	         "INSERT INTO person_move (rowid, person_id, from_region,"
	         " to_region, moved_on) VALUES (9, 3, 'b', 'c', 'e'),"
	         " (5, 3, 'a', 'b', 'd');");
}

/* Rows (with their rowid) of table in one file and not the other, both
 * ways, as sqlite3 compares them: by value and type. */
static long long rows_apart(const char *path, const char *other,
                            const char *table)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char sql[512];
	long long n = -1;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	snprintf(sql, sizeof(sql), "ATTACH '%s' AS other", other);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	snprintf(sql, sizeof(sql),
	         "SELECT (SELECT count(*) FROM (SELECT rowid, * FROM other.%s"
	         " EXCEPT SELECT rowid, * FROM main.%s))"
	         " + (SELECT count(*) FROM (SELECT rowid, * FROM main.%s"
	         " EXCEPT SELECT rowid, * FROM other.%s))",
	         table, table, table, table);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static const struct db_copy_table *table_of(const struct db_copy_report *r,
                                            const char *name)
{
	for (size_t i = 0; i < r->count; i++)
		if (!strcmp(r->tables[i].name, name))
			return &r->tables[i];
	fail_msg("no table '%s' in the report", name);
	return NULL;
}

static void test_values_kept(void **state)
{
	char *a = NULL, *b = NULL;
	struct arena *ar = arena_new();
	struct db_copy_report rep;
	struct lx_error err;
	struct db *from, *to;
	const char *const tables[] = { "region",     "meta",   "facility",
		                       "population", "person", "person_move" };

	(void)state;
	a = arena_printf(ar, "%s/a.db", tmpdir);
	b = arena_printf(ar, "%s/b.db", tmpdir);
	make_source(a);
	from = db_open_ok(a);
	to = db_open_ok(b);
	lx_error_clear(&err);
	if (db_copy(from, to, ar, &rep, &err))
		fail_msg("db_copy: %s", err.message);
	assert_true(rep.verified);
	assert_int_equal(rep.rows, 10);
	assert_int_equal(table_of(&rep, "person_move")->target_rows, 2);
	assert_int_equal(table_of(&rep, "meta")->source_rows, 2);
	assert_string_equal(table_of(&rep, "facility")->source_sum,
	                    table_of(&rep, "facility")->target_sum);
	/* parents first */
	for (size_t i = 0; i < rep.count; i++)
		if (!strcmp(rep.tables[i].name, "person"))
			for (size_t k = i; k < rep.count; k++)
				assert_string_not_equal(rep.tables[k].name,
				                        "region");
	db_close(from);
	db_close(to);

	/* from outside: the same rows, value for value and type for type */
	for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++)
		assert_int_equal(rows_apart(b, a, tables[i]), 0);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM region"), 2);
	assert_int_equal(
	    sql_int(b, "SELECT typeof(value) = 'blob' AND length(value) = 0"
	               " FROM meta WHERE name = 'empty'"),
	    1);
	assert_int_equal(sql_int(b, "SELECT value = X'00ff7f' FROM meta"
	                            " WHERE name = 'bytes'"),
	                 1);
	assert_int_equal(sql_int(b, "SELECT lat = 0.1 AND lon IS NULL"
	                            " FROM facility WHERE id = 7"),
	                 1);
	assert_int_equal(sql_int(b,
	                         "SELECT lat = -2.5e-300 AND"
	                         " lon = 1.7976931348623157e308 FROM facility"
	                         " WHERE id = 42"),
	                 1);
	assert_int_equal(sql_int(b, "SELECT value FROM population"),
	                 9007199254740993LL);
	assert_int_equal(sql_int(b, "SELECT name = '四川省 \"q\" ''s'"
	                            " FROM region WHERE parent IS NULL"),
	                 1);
	assert_int_equal(sql_int(b, "SELECT sum(rowid) * 100 + count(*)"
	                            " FROM person_move"),
	                 1402);
	assert_int_equal(
	    sql_int(b, "SELECT rowid FROM person_move WHERE moved_on = 'd'"),
	    5);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM sqlite_master"
	                            " WHERE name IN ('person_region',"
	                            " 'person_masked', 'assessment_person')"),
	                 3);
	/* a new row after the copied ones */
	sql_exec(b, "INSERT INTO facility (name, kind, region, created_at,"
	            " updated_at) VALUES ('c', 'elderly', '511900000000', 't',"
	            " 't')");
	assert_int_equal(sql_int(b, "SELECT max(id) FROM facility"), 43);
	arena_free(ar);
}

static void test_target_with_rows_refused(void **state)
{
	struct arena *ar = arena_new();
	char *a = arena_printf(ar, "%s/c.db", tmpdir);
	char *b = arena_printf(ar, "%s/d.db", tmpdir);
	struct db_copy_report rep;
	struct lx_error err;
	struct db *from, *to;

	(void)state;
	make_source(a);
	db_close(db_open_ok(b));
	sql_exec(b, "INSERT INTO meta (name, value) VALUES ('mine', X'01')");
	from = db_open_ok(a);
	to = db_open_ok(b);
	lx_error_clear(&err);
	assert_int_equal(db_copy(from, to, ar, &rep, &err), -1);
	assert_int_equal(err.code, LX_ECONFLICT);
	assert_string_equal(err.field, "to");
	assert_non_null(strstr(err.message, "'meta'"));
	db_close(from);
	db_close(to);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM meta"), 1);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM region"), 0);
	/* the indexes a load sets aside are there */
	assert_int_equal(sql_int(b, "SELECT count(*) FROM sqlite_master"
	                            " WHERE name = 'person_region'"),
	                 1);
	arena_free(ar);
}

/* A target that changes what it is given (a trigger here; a broken
 * conversion in real life): the check finds the table, and nothing
 * stays. */
static void test_difference_found(void **state)
{
	struct arena *ar = arena_new();
	char *a = arena_printf(ar, "%s/e.db", tmpdir);
	char *b = arena_printf(ar, "%s/f.db", tmpdir);
	struct db_copy_report rep;
	struct lx_error err;
	struct db *from, *to;

	(void)state;
	make_source(a);
	db_close(db_open_ok(b));
	sql_exec(b, "CREATE TRIGGER altered AFTER INSERT ON facility BEGIN"
	            " UPDATE facility SET lat = lat + 1e-9"
	            " WHERE id = NEW.id; END");
	from = db_open_ok(a);
	to = db_open_ok(b);
	lx_error_clear(&err);
	assert_int_equal(db_copy(from, to, ar, &rep, &err), -1);
	assert_int_equal(err.code, LX_EINTERNAL);
	assert_true(rep.compared);
	assert_false(rep.verified);
	for (size_t i = 0; i < rep.count; i++) {
		const struct db_copy_table *t = &rep.tables[i];

		assert_int_equal(t->ok, strcmp(t->name, "facility") != 0);
		assert_int_equal(t->source_rows, t->target_rows);
	}
	assert_string_not_equal(table_of(&rep, "facility")->source_sum,
	                        table_of(&rep, "facility")->target_sum);
	db_close(from);
	db_close(to);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM facility"), 0);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM region"), 0);
	arena_free(ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_kept),
		cmocka_unit_test(test_target_with_rows_refused),
		cmocka_unit_test(test_difference_found),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
