/*
 * db_copy into the test target (tests/unit/support.h): on PostgreSQL the
 * rows go through COPY's text format (src/store/db_pg_copy.c), whose
 * escaping must keep every character: tab, newline, carriage return,
 * backslash, a text that reads "\N", an empty text beside NULL, bytes
 * with a backslash and a NUL. The people registry's forced row-level
 * security, lifted for its COPY, is in force again after a copy and after
 * a failed one, and a failed copy leaves no row. On SQLite the same
 * values go through the batched INSERTs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/db_copy.h"

#include "support.h"

static char tmpdir[256];

static int group_setup(void **state)
{
	(void)state;
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-pgcopy");
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(tmpdir);
}

/* The names the source's regions carry, by code: every character COPY's
 * text format escapes, and "\N", its NULL. */
static const struct {
	const char *code, *name;
} names[] = {
	{ "510000000000", "tab\there" },
	{ "511900000000", "line\nbreak\r\nand return" },
	{ "511921000000", "back\\slash \\t \\\\ end\\" },
	{ "511922000000", "\\N" },
	{ "511923000000", "巴中 \"q\" 's" },
};

static void make_source(const char *path)
{
	struct arena *ar = arena_new();

	db_close(db_open_ok(path));
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		/* SQLite's literals have no escapes: the characters as they
		 * are, a quote doubled */
		struct abuf b;

		abuf_init(&b, ar);
		abuf_printf(&b,
		            "INSERT INTO region (code, name, level, source,"
		            " parent) VALUES ('%s', '",
		            names[i].code);
		for (const char *p = names[i].name; *p; p++)
			abuf_append(&b, *p == '\'' ? "''" : p,
			            *p == '\'' ? 2 : 1);
		abuf_printf(&b, "', 'county', '', %s)",
		            i ? "'510000000000'" : "NULL");
		sql_exec(path, b.data);
	}
	sql_exec(path,
	         "UPDATE region SET closed_on = '' WHERE code = '511921000000';"
	         "INSERT INTO meta (name, value) VALUES ('bytes',"
	         " X'5c00ff5c4e0a09'), ('empty', X'');"
	         "INSERT INTO person (id, kind, id_hash, id_sealed,"
	         " id_masked_hash, name, sex, birth_date, region, created_at,"
	         " updated_at) VALUES (3, 'elderly', X'5c', X'00', X'0d0a',"
	         " 'a\tb', 'M', '1940-01-01', '511921000000', 't', 't'),"
	         " (4, 'elderly', X'01', X'02', X'03', 'c\\d', 'F',"
	         " '1941-02-03', '511922000000', 't', 't');");
	arena_free(ar);
}

/* Whether the target's people registry has its row-level security forced
 * (only PostgreSQL has any: 1 on SQLite). */
static int person_forced(const char *target)
{
	if (!db_target_is_pg(target))
		return 1;
	return (int)sql_int(target, "SELECT relforcerowsecurity::int FROM"
	                            " pg_class WHERE oid = 'person'::regclass");
}

static void test_escapes_kept(void **state)
{
	struct arena *ar = arena_new();
	char *a = arena_printf(ar, "%s/a.db", tmpdir);
	char b[512], got[256];
	struct db_copy_report rep;
	struct lx_error err;
	struct db *from, *to;

	(void)state;
	make_source(a);
	assert_int_equal(db_target(b, sizeof(b), tmpdir, "b.db"), 0);
	from = db_open_ok(a);
	to = db_open_ok(b);
	lx_error_clear(&err);
	if (db_copy(from, to, ar, &rep, &err))
		fail_msg("db_copy: %s", err.message);
	assert_true(rep.verified);
	db_close(from);
	db_close(to);

	/* from outside, character for character */
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char *sql = arena_printf(ar,
		                         "SELECT name FROM region WHERE"
		                         " code = '%s'",
		                         names[i].code);

		assert_int_equal(sql_text(b, sql, 0, got, sizeof(got)), 0);
		assert_string_equal(got, names[i].name);
	}
	/* an empty text is not NULL, and NULL stays NULL */
	assert_int_equal(sql_int(b, "SELECT count(*) FROM region"
	                            " WHERE closed_on = ''"),
	                 1);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM region"
	                            " WHERE closed_on IS NULL"),
	                 4);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM region"
	                            " WHERE parent IS NULL"),
	                 1);
	/* bytes: hex of what the database holds, in either dialect */
	assert_int_equal(sql_text(b,
	                          db_target_is_pg(b)
	                              ? "SELECT encode(value, 'hex') FROM meta"
	                                " WHERE name = 'bytes'"
	                              : "SELECT lower(hex(value)) FROM meta"
	                                " WHERE name = 'bytes'",
	                          0, got, sizeof(got)),
	                 0);
	assert_string_equal(got, "5c00ff5c4e0a09");
	assert_int_equal(sql_int(b, "SELECT length(value) FROM meta"
	                            " WHERE name = 'empty'"),
	                 0);
	assert_int_equal(sql_text(b, "SELECT name FROM person WHERE id = 3", 0,
	                          got, sizeof(got)),
	                 0);
	assert_string_equal(got, "a\tb");
	assert_int_equal(sql_text(b, "SELECT name FROM person WHERE id = 4", 0,
	                          got, sizeof(got)),
	                 0);
	assert_string_equal(got, "c\\d");
	assert_int_equal(person_forced(b), 1);
	arena_free(ar);
}

/* A row the target refuses half-way through the people: the copy fails
 * with the server's reason, nothing stays, and the registry's row-level
 * security is forced as before. */
static void test_failed_copy_leaves_nothing(void **state)
{
	struct arena *ar = arena_new();
	char *a = arena_printf(ar, "%s/c.db", tmpdir);
	char b[512];
	struct db_copy_report rep;
	struct lx_error err;
	struct db *from, *to;

	(void)state;
	make_source(a);
	assert_int_equal(db_target(b, sizeof(b), tmpdir, "d.db"), 0);
	db_close(db_open_ok(b));
	sql_fail_inserts(b, "person", "NEW.id = 4", 0);
	from = db_open_ok(a);
	to = db_open_ok(b);
	lx_error_clear(&err);
	assert_int_equal(db_copy(from, to, ar, &rep, &err), -1);
	assert_non_null(strstr(err.message, "injected failure"));
	db_close(from);
	db_close(to);
	sql_fail_inserts_end(b, "person");
	assert_int_equal(sql_int(b, "SELECT count(*) FROM person"), 0);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM region"), 0);
	assert_int_equal(person_forced(b), 1);
	arena_free(ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes_kept),
		cmocka_unit_test(test_failed_copy_leaves_nothing),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
