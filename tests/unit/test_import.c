/*
 * CSV import (app/transfer.c) against a real database in a temporary
 * directory, or a fresh PostgreSQL database when LAOXIAO_TEST_PG names a
 * test cluster, acting as the system admin. Import is all or nothing: the
 * tests check what is in the database afterwards with a second connection
 * of their own (sqlite3 or libpq). The GB18030 bytes were computed
 * independently with python3, e.g. python3 -c "print('名称'.encode('gb18030'))"
 * gives b'\xc3\xfb\xb3\xc6': 名称           c3 fb b3 c6 巴州区托育中心 b0 cd d6
 * dd c7 f8 cd d0 d3 fd d6 d0 d0 c4 托育机构       cd d0 d3 fd bb fa b9 b9
 *   江北街道养老院 bd ad b1 b1 bd d6 b5 c0 d1 f8 c0 cf d4 ba
 *   养老机构       d1 f8 c0 cf bb fa b9 b9
 * Failures are injected with triggers created on the test database only
 * (RAISE(ABORT) on the Nth insert, or a PL/pgSQL function raising an
 * exception: support.h, sql_fail_inserts).
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

#include "app/fields.h"
#include "app/transfer.h"
#include "core/person.h"
#include "core/population.h"
#include "core/region_code.h"
#include "store/population_store.h"
#include "store/region_store.h"

#include "support.h"

static char tmpdir[256];

struct fixture {
	char path[512];
	struct db *db;
	struct arena *arena;
};

static int group_setup(void **state)
{
	(void)state;
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-import");
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(tmpdir);
}

static void put_region(struct db *db, const char *code, const char *name,
                       const char *parent)
{
	struct region r;
	struct lx_error err;

	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "%s", code);
	r.name = (char *)name;
	r.level = (int)region_code_level(code);
	r.kind = REGION_ADMIN;
	snprintf(r.parent, sizeof(r.parent), "%s", parent);
	lx_error_clear(&err);
	if (region_store_insert(db, &r, &err))
		fail_msg("region %s: %s", code, err.message);
}

/* A fresh database per test with 四川省 > 巴中市 > 巴州区. */
static int setup(void **state)
{
	static int seq;
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct lx_error err;
	char name[32];

	if (!fx)
		return -1;
	snprintf(name, sizeof(name), "import-%d.db", ++seq);
	if (db_target(fx->path, sizeof(fx->path), tmpdir, name)) {
		free(fx);
		return -1;
	}
	lx_error_clear(&err);
	fx->db = db_open(fx->path, &err);
	if (!fx->db) {
		free(fx);
		return -1;
	}
	fx->arena = arena_new();
	put_region(fx->db, "510000000000", "四川省", "");
	put_region(fx->db, "511900000000", "巴中市", "510000000000");
	put_region(fx->db, "511902000000", "巴州区", "511900000000");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	db_close(fx->db);
	arena_free(fx->arena);
	free(fx);
	return 0;
}

/* ---- looking from outside ---- */

/* The n-th (from 0) row's first column as arena text, or NULL. */
static char *sql_text_row(struct fixture *fx, const char *sql, int n)
{
	char v[1024];

	if (sql_text(fx->path, sql, n, v, sizeof(v)))
		return NULL;
	return arena_strdup(fx->arena, v);
}

static long long count(struct fixture *fx, const char *table)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return sql_int(fx->path, sql);
}

/* ---- running an import ---- */

struct outcome {
	long long imported; /* -1 when refused */
	char encoding[16];
	enum lx_code code;
	char field[64];
	char message[256];
	json_t *errors; /* the details' list, own reference, or NULL */
};

static struct outcome run(struct fixture *fx, const char *kind, const char *buf,
                          size_t len)
{
	struct app_ctx ctx;
	struct outcome o;
	json_t *res;

	memset(&o, 0, sizeof(o));
	app_ctx_init(&ctx, fx->db, NULL);
	res = app_import_csv(&ctx, kind, buf, len);
	if (res) {
		o.imported =
		    json_integer_value(json_object_get(res, "imported"));
		snprintf(o.encoding, sizeof(o.encoding), "%s",
		         json_string_value(json_object_get(res, "encoding")));
		json_decref(res);
	} else {
		o.imported = -1;
		o.code = ctx.err.code;
		snprintf(o.field, sizeof(o.field), "%s", ctx.err.field);
		snprintf(o.message, sizeof(o.message), "%s", ctx.err.message);
		o.errors = json_incref(json_object_get(ctx.details, "errors"));
	}
	app_ctx_done(&ctx);
	return o;
}

static struct outcome run_str(struct fixture *fx, const char *kind,
                              const char *text)
{
	return run(fx, kind, text, strlen(text));
}

static void outcome_done(struct outcome *o)
{
	json_decref(o->errors);
	o->errors = NULL;
}

static void expect_imported(struct outcome o, long long n)
{
	if (o.imported != n)
		fail_msg("imported %lld, expected %lld (%s: %s)", o.imported, n,
		         o.field, o.message);
}

/* The errors list's entry i is at row and column. */
static void expect_error(const struct outcome *o, size_t i, long row,
                         const char *column)
{
	json_t *e = json_array_get(o->errors, i);

	assert_non_null(e);
	assert_int_equal(json_integer_value(json_object_get(e, "row")), row);
	assert_string_equal(json_string_value(json_object_get(e, "column")),
	                    column);
	assert_true(strlen(json_string_value(json_object_get(e, "message"))) >
	            0);
}

/* ---- facilities ---- */

#define FAC_HEADER                                                             \
	"name,kind,region,beds,nursing_beds,occupied_beds,opened_on\n"
#define FAC_ROWS                                                               \
	"福利院甲,elderly_institution,511902000000,100,40,60,2020-01-01\n" \
	"福利院乙,养老机构,511902000000,80,20,50,2021-03-01\n"         \
	"日间照料丙,day_care_center,511900000000,20,0,10,\n"

static void test_last_row_bad(void **state)
{
	struct fixture *fx = *state;
	/* line 5: nursing_beds 30 > beds 20 */
	struct outcome o = run_str(
	    fx, "facilities",
	    FAC_HEADER FAC_ROWS
	    "福利院丁,elderly_institution,511902000000,20,30,10,2022-01-01\n");

	assert_int_equal(o.imported, -1);
	assert_int_equal(o.code, LX_EINVALID);
	assert_string_equal(o.field, "row 5, column nursing_beds");
	assert_non_null(strstr(o.message, "row 5"));
	assert_true(json_is_array(o.errors));
	assert_int_equal(json_array_size(o.errors), 1);
	expect_error(&o, 0, 5, "nursing_beds");
	outcome_done(&o);
	/* nothing written, not even the three good rows or their audit */
	assert_int_equal(count(fx, "facility"), 0);
	assert_int_equal(count(fx, "capacity"), 0);
	assert_int_equal(count(fx, "audit"), 0);

	/* the same file corrected */
	o = run_str(
	    fx, "facilities",
	    FAC_HEADER FAC_ROWS
	    "福利院丁,elderly_institution,511902000000,20,10,10,2022-01-01\n");
	expect_imported(o, 4);
	assert_string_equal(o.encoding, "utf-8");
	assert_int_equal(count(fx, "facility"), 4);
	assert_int_equal(count(fx, "capacity"), 4);
	/* a create per row and the import itself */
	assert_int_equal(count(fx, "audit"), 5);
	assert_string_equal(
	    sql_text_row(fx, "SELECT name FROM facility ORDER BY id", 0),
	    "福利院甲");
	assert_string_equal(
	    sql_text_row(fx, "SELECT name FROM facility ORDER BY id", 3),
	    "福利院丁");
	/* the Chinese kind label is stored as the machine name */
	assert_string_equal(sql_text_row(fx,
	                                 "SELECT kind FROM facility WHERE"
	                                 " name = '福利院乙'",
	                                 0),
	                    "elderly_institution");
	/* a new facility's first capacity is dated by its opening */
	assert_string_equal(sql_text_row(fx,
	                                 "SELECT effective_date FROM capacity"
	                                 " JOIN facility ON id = facility_id"
	                                 " WHERE name = '福利院乙'",
	                                 0),
	                    "2021-03-01");
	assert_int_equal(sql_int(fx->path, "SELECT sum(beds) FROM capacity"),
	                 100 + 80 + 20 + 20);
}

static void test_every_bad_row_listed(void **state)
{
	struct fixture *fx = *state;
	struct outcome o = run_str(
	    fx, "facilities",
	    FAC_HEADER
	    "甲,elderly_institution,511902000000,10,0,0,\n"
	    "乙,elderly_institution,511902000000,10,0,11,\n" /* line 3 */
	    "丙,elderly_institution,511902000000,ten,0,0,\n" /* line 4 */
	    "丁,nursing_home,511902000000,10,0,0,\n"         /* line 5 */
	    "戊,elderly_institution,511999000000,10,0,0,\n"  /* line 6 */
	    "己,elderly_institution,511902000000,10,0,0,2024-02-30\n");

	assert_int_equal(o.imported, -1);
	assert_string_equal(o.field, "row 3, column occupied_beds");
	assert_int_equal(json_array_size(o.errors), 5);
	expect_error(&o, 0, 3, "occupied_beds");
	expect_error(&o, 1, 4, "beds");
	expect_error(&o, 2, 5, "kind");
	expect_error(&o, 3, 6, "region"); /* no such region */
	expect_error(&o, 4, 7, "opened_on");
	outcome_done(&o);
	assert_int_equal(count(fx, "facility"), 0);
}

static void test_gb18030(void **state)
{
	struct fixture *fx = *state;
	static const char csv[] =
	    "name,kind,region,beds,slots\r\n"
	    /* 巴州区托育中心,托育机构 */
	    "\xb0\xcd\xd6\xdd\xc7\xf8\xcd\xd0\xd3\xfd\xd6\xd0\xd0\xc4"
	    ","
	    "\xcd\xd0\xd3\xfd\xbb\xfa\xb9\xb9"
	    ",511902000000,0,60\r\n"
	    /* 江北街道养老院,养老机构 */
	    "\xbd\xad\xb1\xb1\xbd\xd6\xb5\xc0\xd1\xf8\xc0\xcf\xd4\xba"
	    ","
	    "\xd1\xf8\xc0\xcf\xbb\xfa\xb9\xb9"
	    ",511902000000,50,0\r\n";
	struct outcome o = run(fx, "facilities", csv, sizeof(csv) - 1);

	expect_imported(o, 2);
	assert_string_equal(o.encoding, "gb18030");
	assert_string_equal(
	    sql_text_row(fx, "SELECT name FROM facility ORDER BY id", 0),
	    "巴州区托育中心");
	assert_string_equal(
	    sql_text_row(fx, "SELECT name FROM facility ORDER BY id", 1),
	    "江北街道养老院");
	assert_string_equal(
	    sql_text_row(fx, "SELECT kind FROM facility ORDER BY id", 0),
	    "childcare_institution");
	assert_string_equal(
	    sql_text_row(fx, "SELECT kind FROM facility ORDER BY id", 1),
	    "elderly_institution");
	assert_int_equal(sql_int(fx->path,
	                         "SELECT count(*) FROM facility WHERE name ="
	                         " '巴州区托育中心'"),
	                 1);
}

static void test_gb18030_unknown_column(void **state)
{
	struct fixture *fx = *state;
	/* header 名称 instead of name: reported in UTF-8 */
	static const char csv[] = "\xc3\xfb\xb3\xc6"
	                          ",kind,region\n"
	                          "x,elderly_institution,511902000000\n";
	struct outcome o = run(fx, "facilities", csv, sizeof(csv) - 1);

	assert_int_equal(o.imported, -1);
	assert_int_equal(o.code, LX_EINVALID);
	assert_string_equal(o.field, "row 1, column 名称");
	expect_error(&o, 0, 1, "名称");
	/* and the name column is then missing */
	expect_error(&o, 1, 1, "name");
	outcome_done(&o);
	assert_int_equal(count(fx, "facility"), 0);
}

static void test_unknown_column(void **state)
{
	struct fixture *fx = *state;
	struct outcome o =
	    run_str(fx, "facilities",
	            "name,kind,region,colour,beds\n"
	            "甲,elderly_institution,511902000000,red,10\n");

	assert_int_equal(o.imported, -1);
	assert_int_equal(o.code, LX_EINVALID);
	assert_string_equal(o.field, "row 1, column colour");
	assert_int_equal(json_array_size(o.errors), 1);
	expect_error(&o, 0, 1, "colour");
	outcome_done(&o);

	/* a column twice, and a required one missing */
	o = run_str(fx, "facilities",
	            "name,kind,beds,beds\n甲,elderly_institution,1,1\n");
	assert_int_equal(o.imported, -1);
	assert_string_equal(o.field, "row 1, column beds");
	assert_int_equal(json_array_size(o.errors), 2);
	expect_error(&o, 1, 1, "region");
	outcome_done(&o);

	/* not a kind of import at all */
	o = run_str(fx, "residents", "name\n张三\n");
	assert_int_equal(o.imported, -1);
	assert_int_equal(o.code, LX_ENOTFOUND);
	outcome_done(&o);

	/* an empty file */
	o = run(fx, "facilities", "", 0);
	assert_int_equal(o.imported, -1);
	assert_int_equal(o.code, LX_EINVALID);
	outcome_done(&o);
	assert_int_equal(count(fx, "facility"), 0);
	assert_int_equal(count(fx, "audit"), 0);
}

/* ---- regions and population ---- */

static void test_regions(void **state)
{
	struct fixture *fx = *state;
	struct region r;
	struct lx_error err;
	struct outcome o =
	    run_str(fx, "regions",
	            "code,name,level,kind,parent\n"
	            "511902001000,江北街道,township,admin,511902000000\n"
	            /* a village under the township made by the line above */
	            "511902001001,江北社区,,,511902001000\n");

	expect_imported(o, 2);
	lx_error_clear(&err);
	assert_int_equal(
	    region_store_get(fx->db, fx->arena, "511902001000", &r, &err), 0);
	assert_string_equal(r.name, "江北街道");
	assert_int_equal(r.level, REGION_TOWNSHIP);
	assert_int_equal(r.kind, REGION_ADMIN);
	assert_string_equal(r.parent, "511902000000");
	assert_int_equal(
	    region_store_get(fx->db, fx->arena, "511902001001", &r, &err), 0);
	assert_int_equal(r.level, REGION_VILLAGE);
	assert_string_equal(r.parent, "511902001000");
	assert_int_equal(region_store_count_children(fx->db, "511902000000"),
	                 1);

	/* a parent that does not exist, a level that does not fit: all
	 * refused, the good first row too */
	o = run_str(fx, "regions",
	            "code,name,level,kind,parent\n"
	            "511902002000,东城街道,township,admin,511902000000\n"
	            "511903001000,某镇,township,admin,511903000000\n"
	            "511902003000,西城街道,county,admin,511902000000\n");
	assert_int_equal(o.imported, -1);
	assert_string_equal(o.field, "row 3, column parent");
	assert_int_equal(json_array_size(o.errors), 2);
	expect_error(&o, 1, 4, "level");
	outcome_done(&o);
	assert_false(region_store_exists(fx->db, "511902002000"));
	assert_int_equal(count(fx, "region"), 5);
}

static void test_population(void **state)
{
	struct fixture *fx = *state;
	struct pop_figure *v;
	size_t n;
	struct lx_error err;
	struct outcome o;

	put_region(fx->db, "511902001000", "江北街道", "511902000000");
	o = run_str(fx, "population",
	            "region,year,metric,value,source\n"
	            "511902000000,2023,aged_60,85000,七普\n"
	            "511902001000,2023,常住人口,12000,\n"
	            "511902001000,2022,residents,11800,统计年鉴\n");
	expect_imported(o, 3);

	lx_error_clear(&err);
	assert_int_equal(population_store_subtree(fx->db, fx->arena,
	                                          "511902000000", 0, &v, &n,
	                                          &err),
	                 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].region, "511902000000");
	assert_int_equal(v[0].year, 2023);
	assert_int_equal(v[0].metric, POP_AGED_60);
	assert_int_equal(v[0].value, 85000);
	assert_string_equal(v[0].source, "七普");
	assert_string_equal(v[1].region, "511902001000");
	assert_int_equal(v[1].year, 2022);
	assert_int_equal(v[1].value, 11800);
	assert_int_equal(v[2].year, 2023);
	assert_int_equal(v[2].metric, POP_RESIDENTS);
	assert_int_equal(v[2].value, 12000);

	/* the same figures again replace them; a bad metric refuses all */
	o = run_str(fx, "population",
	            "region,year,metric,value\n"
	            "511902000000,2023,aged_60,86000\n"
	            "511902000000,2023,aged_99,1\n");
	assert_int_equal(o.imported, -1);
	assert_string_equal(o.field, "row 3, column metric");
	outcome_done(&o);
	assert_int_equal(sql_int(fx->path,
	                         "SELECT value FROM population WHERE metric ="
	                         " 'aged_60'"),
	                 85000);
	o = run_str(fx, "population",
	            "region,year,metric,value\n"
	            "511902000000,2023,aged_60,86000\n");
	expect_imported(o, 1);
	assert_int_equal(sql_int(fx->path,
	                         "SELECT value FROM population WHERE metric ="
	                         " 'aged_60'"),
	                 86000);
	assert_int_equal(count(fx, "population"), 3);
}

/* ---- failure injection ---- */

#define FIVE_ROWS                                                              \
	"name,kind,region,beds\n"                                              \
	"一院,elderly_institution,511902000000,10\n"                         \
	"二院,elderly_institution,511902000000,20\n"                         \
	"三院,elderly_institution,511902000000,30\n"                         \
	"四院,elderly_institution,511902000000,40\n"                         \
	"五院,elderly_institution,511902000000,50\n"

static void expect_nothing_left(struct fixture *fx)
{
	assert_int_equal(count(fx, "facility"), 0);
	assert_int_equal(count(fx, "capacity"), 0);
	assert_int_equal(count(fx, "audit"), 0);
}

static void test_fail_third_facility(void **state)
{
	struct fixture *fx = *state;
	struct outcome o;

	sql_fail_inserts(fx->path, "facility",
	                 "(SELECT count(*) FROM facility) >= 2", 0);
	o = run_str(fx, "facilities", FIVE_ROWS);
	assert_int_equal(o.imported, -1);
	/* the third facility is on line 4 */
	assert_int_equal(strncmp(o.field, "row 4, column", 13), 0);
	assert_non_null(strstr(o.message, "injected failure"));
	expect_error(&o, 0, 4, "");
	outcome_done(&o);
	expect_nothing_left(fx);

	/* without the fault the same file goes in whole */
	sql_fail_inserts_end(fx->path, "facility");
	o = run_str(fx, "facilities", FIVE_ROWS);
	expect_imported(o, 5);
	assert_int_equal(count(fx, "facility"), 5);
	assert_int_equal(count(fx, "capacity"), 5);
}

static void test_fail_third_capacity(void **state)
{
	struct fixture *fx = *state;
	struct outcome o;

	/* the third facility row is written, its capacity is not */
	sql_fail_inserts(fx->path, "capacity",
	                 "(SELECT count(*) FROM capacity) >= 2", 0);
	o = run_str(fx, "facilities", FIVE_ROWS);
	assert_int_equal(o.imported, -1);
	assert_int_equal(strncmp(o.field, "row 4, column", 13), 0);
	outcome_done(&o);
	expect_nothing_left(fx);
}

static void test_fail_final_audit(void **state)
{
	struct fixture *fx = *state;
	struct outcome o;

	/* every row written, then the import's own audit entry fails */
	sql_fail_inserts(fx->path, "audit", "NEW.action = 'import'", 0);
	o = run_str(fx, "facilities", FIVE_ROWS);
	assert_int_equal(o.imported, -1);
	assert_int_not_equal(o.code, LX_OK);
	outcome_done(&o);
	expect_nothing_left(fx);
}

static void test_fail_regions(void **state)
{
	struct fixture *fx = *state;
	struct outcome o;

	sql_fail_inserts(fx->path, "region", "NEW.code = '511902003000'", 0);
	o = run_str(fx, "regions",
	            "code,name,level,kind,parent\n"
	            "511902001000,一街道,township,admin,511902000000\n"
	            "511902002000,二街道,township,admin,511902000000\n"
	            "511902003000,三街道,township,admin,511902000000\n");
	assert_int_equal(o.imported, -1);
	assert_int_equal(strncmp(o.field, "row 4", 5), 0);
	outcome_done(&o);
	assert_int_equal(count(fx, "region"), 3);
	assert_int_equal(count(fx, "audit"), 0);
}

/*
 * Regression: a database error that makes SQLite roll back the whole
 * transaction by itself (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, or
 * RAISE(ROLLBACK) as here) once let the rows after it run in autocommit
 * mode and stay. The import now stops at that row.
 */
static void test_rollback_mid_import(void **state)
{
	struct fixture *fx = *state;
	struct outcome o;

	sql_fail_inserts(fx->path, "facility",
	                 "(SELECT count(*) FROM facility) >= 2", 1);
	o = run_str(fx, "facilities", FIVE_ROWS);
	assert_int_equal(o.imported, -1);
	outcome_done(&o);
	expect_nothing_left(fx);
}

/* An empty filing_status cell means "not given" (field_from_text), so a
 * new facility should be unfiled; today it is refused as "out of range". */
static void test_blank_filing_status(void **state)
{
	struct fixture *fx = *state;
	struct outcome o = run_str(fx, "facilities",
	                           "name,kind,region,filing_status\n"
	                           "甲,elderly_institution,511902000000,\n");

	expect_imported(o, 1);
	assert_string_equal(
	    sql_text_row(fx, "SELECT filing_status FROM facility", 0),
	    "unfiled");
}

/* A coded value out of a long list (more than 12) names the three nearest,
 * by edit distance worked out by hand: "urbn" is 1 from urban (insert a),
 * 3 from rural (insert r, b→a, n→l), 4 from dibao (u→d, r→i, insert a,
 * n→o) and more from every other category. */
static void test_long_enum_names_nearest(void **state)
{
	const struct field_spec spec = { .name = "category",
		                         .type = FT_ENUM,
		                         .names = &person_category_names };
	struct arena *a = arena_new();
	struct lx_error err;
	int v = -1;

	lx_error_clear(&err);
	assert_int_equal(field_from_text(a, &spec, &v, "urbn", &err), -1);
	assert_string_equal(err.field, "category");
	assert_string_equal(err.message,
	                    "'category' must be one of 15 values, not 'urbn' "
	                    "(nearest: urban, rural, dibao)");
	assert_int_equal(v, -1);
	arena_free(a);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_last_row_bad),
		T(test_every_bad_row_listed),
		T(test_gb18030),
		T(test_gb18030_unknown_column),
		T(test_unknown_column),
		T(test_regions),
		T(test_population),
		T(test_fail_third_facility),
		T(test_fail_third_capacity),
		T(test_fail_final_audit),
		T(test_fail_regions),
		T(test_rollback_mid_import),
		T(test_blank_filing_status),
		cmocka_unit_test(test_long_enum_names_nearest),
	};
#undef T

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
