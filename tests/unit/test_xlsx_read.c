/* The XLSX reader (app/xlsx_read.c) on workbooks written here with
 * libxlsxwriter, and the cell texts of core/xlsx_cell.c. Expected values
 * are what the sheet shows a person, written by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "app/xlsx_read.h"
#include "core/xlsx_cell.h"

static struct arena *arena;

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

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

/* A workbook of a header and one row of every kind of cell;
 * constant_memory makes libxlsxwriter write inline strings instead of
 * shared ones. */
static char *make_book(int constant_memory, size_t *n)
{
	char path[] = "/tmp/lx_xlsx_XXXXXX";
	int fd = mkstemp(path);
	lxw_workbook_options opt = { .constant_memory =
		                         (uint8_t)constant_memory };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *date;
	lxw_datetime when = { 2024, 3, 1, 0, 0, 0 };
	char *buf;

	assert_true(fd >= 0);
	close(fd);
	wb = workbook_new_opt(path, &opt);
	ws = workbook_add_worksheet(wb, "机构");
	workbook_add_worksheet(wb, "second");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	worksheet_write_string(ws, 0, 0, "机构名称", NULL);
	worksheet_write_string(ws, 0, 1, "床位数", NULL);
	/* column C left empty in both rows */
	worksheet_write_string(ws, 0, 3, "开业日期", NULL);
	worksheet_write_string(ws, 0, 4, "身份证号码", NULL);
	worksheet_write_string(ws, 0, 5, "医养结合", NULL);
	worksheet_write_string(ws, 0, 6, "地址", NULL);
	worksheet_write_string(ws, 0, 7, "比例", NULL);
	worksheet_write_string(ws, 0, 8, "大数", NULL);
	/* row 2 (index 1) left empty: skipped as an empty line */
	worksheet_write_string(ws, 2, 0, "幸福里养老院", NULL);
	worksheet_write_number(ws, 2, 1, 12, NULL);
	worksheet_write_datetime(ws, 2, 3, &when, date);
	worksheet_write_string(ws, 2, 4, "511902195001011235", NULL);
	worksheet_write_boolean(ws, 2, 5, 1, NULL);
	worksheet_write_string(ws, 2, 6, "幸福路 1 号\n二楼", NULL);
	worksheet_write_number(ws, 2, 7, 0.1 + 0.2, NULL);
	worksheet_write_number(ws, 2, 8, 511902195001011235.0, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	buf = slurp(path, n);
	unlink(path);
	return buf;
}

static void check_book(int constant_memory)
{
	struct csv_table t;
	struct lx_error err = { 0 };
	size_t n;
	char *buf = make_book(constant_memory, &n);
	const struct csv_row *r;

	assert_true(xlsx_looks_like(buf, n));
	assert_int_equal(xlsx_read(arena, buf, n, &t, &err), 0);
	assert_int_equal(t.nrows, 2);
	r = &t.rows[0];
	assert_int_equal(r->line, 1);
	assert_int_equal(r->nfields, 9);
	assert_string_equal(r->fields[0], "机构名称");
	assert_string_equal(r->fields[2], "");
	assert_string_equal(r->fields[3], "开业日期");
	r = &t.rows[1];
	assert_int_equal(r->line, 3); /* the sheet's row number */
	assert_string_equal(r->fields[0], "幸福里养老院");
	assert_string_equal(r->fields[1], "12");
	assert_string_equal(r->fields[2], "");
	assert_string_equal(r->fields[3], "2024-03-01");
	assert_string_equal(r->fields[4], "511902195001011235");
	assert_string_equal(r->fields[5], "true");
	assert_string_equal(r->fields[6], "幸福路 1 号\n二楼");
	assert_string_equal(r->fields[7], "0.3");
	/* typed as a number, an ID number keeps 15 digits, as Excel shows */
	assert_string_equal(r->fields[8], "511902195001011000");
	free(buf);
}

static void test_shared_strings(void **state)
{
	check_book(0);
}

static void test_inline_strings(void **state)
{
	check_book(1);
}

static void test_not_a_workbook(void **state)
{
	static const char junk[] = "PK\x03\x04 this is no archive at all";
	struct csv_table t;
	struct lx_error err = { 0 };

	assert_false(xlsx_looks_like("name,kind\n", 10));
	assert_int_equal(xlsx_read(arena, junk, sizeof(junk) - 1, &t, &err),
	                 -1);
	assert_string_equal(err.field, "file");
	assert_non_null(strstr(err.message, ".xlsx"));
}

/* A zip holding the given parts. */
static char *make_zip(const char *const *names, const char *const *data,
                      const size_t *lens, int nparts, size_t *n)
{
	char path[] = "/tmp/lx_zip_XXXXXX";
	int fd = mkstemp(path), zerr;
	zip_t *z;
	char *buf;

	assert_true(fd >= 0);
	close(fd);
	z = zip_open(path, ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (int i = 0; i < nparts; i++) {
		zip_source_t *s = zip_source_buffer(z, data[i], lens[i], 0);

		assert_true(zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8) >=
		            0);
	}
	assert_int_equal(zip_close(z), 0);
	buf = slurp(path, n);
	unlink(path);
	return buf;
}

static void test_damaged_sheet(void **state)
{
	const char *names[] = { "xl/workbook.xml", "xl/worksheets/sheet1.xml" };
	const char *data[] = { "<workbook><sheets/></workbook>",
		               "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
		               "t=\"s\"><v>7</v></c></row></sheetData>"
		               "</worksheet>" };
	size_t lens[] = { strlen(data[0]), strlen(data[1]) }, n;
	char *buf = make_zip(names, data, lens, 2, &n);
	struct csv_table t;
	struct lx_error err = { 0 };

	/* a shared string the workbook does not have */
	assert_int_equal(xlsx_read(arena, buf, n, &t, &err), -1);
	assert_non_null(strstr(err.message, "shared string"));
	free(buf);
	/* no workbook part at all */
	buf = make_zip(names + 1, data + 1, lens + 1, 1, &n);
	assert_int_equal(xlsx_read(arena, buf, n, &t, &err), -1);
	assert_non_null(strstr(err.message, "xl/workbook.xml"));
	free(buf);
}

/* Excel's _xHHHH_ escapes in strings: a carriage return of a Windows line
 * end dropped, a character decoded, NUL and surrogates and a cut-off
 * escape kept as written; phonetic runs (<rPh>) left out; a cell without
 * r placed after the one before it. */
static void test_escapes_and_phonetics(void **state)
{
	const char *names[] = { "xl/workbook.xml", "xl/sharedStrings.xml",
		                "xl/worksheets/sheet1.xml" };
	const char *data[] = {
		"<workbook/>",
		"<sst><si><t>a_x000D_\nb</t></si><si><t>_x4E2D_文</t></si>"
		"<si><r><t>张</t></r><r><t>三</t></r><rPh><t>zhang</t></rPh>"
		"</si><si><t>_x0000__xD800_ end_x12</t></si></sst>",
		"<worksheet><sheetData><row r=\"4\"><c t=\"s\"><v>0</v></c>"
		"<c t=\"s\"><v>1</v></c><c r=\"D4\" t=\"s\"><v>2</v></c>"
		"<c t=\"s\"><v>3</v></c></row></sheetData></worksheet>",
	};
	size_t lens[] = { strlen(data[0]), strlen(data[1]), strlen(data[2]) },
	       n;
	char *buf = make_zip(names, data, lens, 3, &n);
	struct csv_table t;
	struct lx_error err = { 0 };
	const struct csv_row *r;

	assert_int_equal(xlsx_read(arena, buf, n, &t, &err), 0);
	assert_int_equal(t.nrows, 1);
	r = &t.rows[0];
	assert_int_equal(r->line, 4);
	assert_int_equal(r->nfields, 5);
	assert_string_equal(r->fields[0], "a\nb");
	assert_string_equal(r->fields[1], "中文");
	assert_string_equal(r->fields[2], "");
	assert_string_equal(r->fields[3], "张三");
	assert_string_equal(r->fields[4], "_x0000__xD800_ end_x12");
	free(buf);
}

/* A sheet of well-formed XML that inflates past the cap: refused with
 * the cap named, before the whole of it is read. */
static void test_zip_bomb(void **state)
{
	const char *names[] = { "xl/workbook.xml", "xl/worksheets/sheet1.xml" };
	size_t big = (size_t)XLSX_MAX_INFLATED + (1 << 20), n;
	char *sheet = malloc(big);
	const char *data[2] = { "<workbook/>", sheet };
	size_t lens[] = { strlen(data[0]), big };
	char *buf;
	struct csv_table t;
	struct lx_error err = { 0 };

	memset(sheet, ' ', big);
	memcpy(sheet, "<worksheet>", 11);
	buf = make_zip(names, data, lens, 2, &n);
	free(sheet);
	assert_true(n < big / 100); /* it is a bomb: tiny packed */
	assert_int_equal(xlsx_read(arena, buf, n, &t, &err), -1);
	assert_non_null(strstr(err.message, "MB"));
	free(buf);
}

static void test_too_many_rows(void **state)
{
	const char *names[] = { "xl/workbook.xml", "xl/worksheets/sheet1.xml" };
	const char *row = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
	size_t rl = strlen(row), nrows = XLSX_MAX_ROWS + 1, n;
	char *sheet = malloc(rl * nrows + 64), *p = sheet;
	const char *data[2] = { "<workbook/>", sheet };
	size_t lens[2];
	char *buf;
	struct csv_table t;
	struct lx_error err = { 0 };

	p += sprintf(p, "<worksheet><sheetData>");
	for (size_t i = 0; i < nrows; i++, p += rl)
		memcpy(p, row, rl);
	p += sprintf(p, "</sheetData></worksheet>");
	lens[0] = strlen(data[0]);
	lens[1] = (size_t)(p - sheet);
	buf = make_zip(names, data, lens, 2, &n);
	free(sheet);
	assert_int_equal(xlsx_read(arena, buf, n, &t, &err), -1);
	assert_non_null(strstr(err.message, "rows"));
	free(buf);
}

/* One value in column XFD per row: 16384 cells a row, refused once the
 * rows hold more than XLSX_MAX_CELLS. */
static void test_too_many_cells(void **state)
{
	const char *names[] = { "xl/workbook.xml", "xl/worksheets/sheet1.xml" };
	const char *row = "<row><c r=\"XFD1\"><v>1</v></c></row>";
	size_t rl = strlen(row), n;
	size_t nrows = XLSX_MAX_CELLS / XLSX_MAX_COLUMNS + 1;
	char *sheet = malloc(rl * nrows + 64), *p = sheet;
	const char *data[2] = { "<workbook/>", sheet };
	size_t lens[2];
	char *buf;
	struct csv_table t;
	struct lx_error err = { 0 };

	p += sprintf(p, "<worksheet><sheetData>");
	for (size_t i = 0; i < nrows; i++, p += rl)
		memcpy(p, row, rl);
	p += sprintf(p, "</sheetData></worksheet>");
	lens[0] = strlen(data[0]);
	lens[1] = (size_t)(p - sheet);
	buf = make_zip(names, data, lens, 2, &n);
	free(sheet);
	assert_int_equal(xlsx_read(arena, buf, n, &t, &err), -1);
	assert_non_null(strstr(err.message, "cells"));
	free(buf);
}

static void test_number_text(void **state)
{
	static const char *const cases[][2] = {
		{ "12", "12" },
		{ "-3.5", "-3.5" },
		{ "0", "0" },
		{ "1.5E-3", "0.0015" },
		{ "0.30000000000000004", "0.3" },
		{ "1.2345678901234567E+17", "123456789012346000" },
		{ "99999999999999999", "100000000000000000" },
		{ "0.000123456789012345678", "0.000123456789012346" },
		{ "100", "100" },
		{ "2.5E2", "250" },
	};
	char out[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(
		    xlsx_number_text(cases[i][0], out, sizeof(out)), 0);
		assert_string_equal(out, cases[i][1]);
	}
	assert_int_equal(xlsx_number_text("abc", out, sizeof(out)), -1);
	assert_int_equal(xlsx_number_text("1.2.3", out, sizeof(out)), -1);
	assert_int_equal(xlsx_number_text("", out, sizeof(out)), -1);
	assert_int_equal(xlsx_number_text("1E", out, sizeof(out)), -1);
}

/* Property: a whole number below 10^15 (a count, a sum in fen) reads as
 * its digits whichever way the file stored it: plain, with ".0", or in
 * the exponent form of 15 significant digits. */
static void test_whole_numbers_stay_whole(void **state)
{
	char in[64], out[64], want[32];

	srand(20261204);
	for (int i = 0; i < 20000; i++) {
		long long n =
		    ((long long)rand() << 31 | rand()) % 1000000000000000LL;
		int digits = i % 15 + 1;

		/* as many digits as the round asks, so small and large both
		 * come */
		for (int d = digits; d < 15; d++)
			n /= 10;
		if (i % 3 == 0)
			n = -n;
		snprintf(want, sizeof(want), "%lld", n);
		switch (i % 3) {
		case 0:
			snprintf(in, sizeof(in), "%lld", n);
			break;
		case 1:
			snprintf(in, sizeof(in), "%lld.0", n);
			break;
		default:
			snprintf(in, sizeof(in), "%.14E", (double)n);
		}
		assert_int_equal(xlsx_number_text(in, out, sizeof(out)), 0);
		if (strcmp(out, want))
			fail_msg("'%s' read as '%s', not '%s'", in, out, want);
	}
}

static void test_serial_date(void **state)
{
	char out[11];

	/* Excel: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01,
	 * 45352 = 2024-03-01, 25569 = 1970-01-01 */
	assert_int_equal(xlsx_serial_date("1", 0, out), 0);
	assert_string_equal(out, "1900-01-01");
	assert_int_equal(xlsx_serial_date("59", 0, out), 0);
	assert_string_equal(out, "1900-02-28");
	assert_int_equal(xlsx_serial_date("60", 0, out), -1);
	assert_int_equal(xlsx_serial_date("61", 0, out), 0);
	assert_string_equal(out, "1900-03-01");
	assert_int_equal(xlsx_serial_date("45352", 0, out), 0);
	assert_string_equal(out, "2024-03-01");
	assert_int_equal(xlsx_serial_date("45352.75", 0, out), 0);
	assert_string_equal(out, "2024-03-01");
	assert_int_equal(xlsx_serial_date("25569", 0, out), 0);
	assert_string_equal(out, "1970-01-01");
	/* the 1904 system: 0 = 1904-01-01 */
	assert_int_equal(xlsx_serial_date("0", 1, out), 0);
	assert_string_equal(out, "1904-01-01");
	assert_int_equal(xlsx_serial_date("-1", 0, out), -1);
	assert_int_equal(xlsx_serial_date("x", 0, out), -1);
}

static void test_date_formats(void **state)
{
	assert_true(xlsx_format_is_date(14, NULL));
	assert_true(xlsx_format_is_date(31, NULL)); /* yyyy"年"m"月"d"日" */
	assert_false(xlsx_format_is_date(0, NULL));
	assert_false(xlsx_format_is_date(49, NULL)); /* @ */
	assert_true(xlsx_format_is_date(164, "yyyy-mm-dd"));
	assert_true(xlsx_format_is_date(165, "yyyy\"年\"m\"月\"d\"日\""));
	assert_true(xlsx_format_is_date(166, "[$-804]yyyy/m/d"));
	assert_false(xlsx_format_is_date(167, "0.00"));
	assert_false(xlsx_format_is_date(168, "#,##0\"天\""));
	assert_false(xlsx_format_is_date(169, "[Red]0.00"));
	assert_false(xlsx_format_is_date(170, "h:mm:ss"));
	assert_false(xlsx_format_is_date(171, "\"day\"0"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_strings),
		cmocka_unit_test(test_inline_strings),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_damaged_sheet),
		cmocka_unit_test(test_escapes_and_phonetics),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_too_many_rows),
		cmocka_unit_test(test_too_many_cells),
		cmocka_unit_test(test_number_text),
		cmocka_unit_test(test_whole_numbers_stay_whole),
		cmocka_unit_test(test_serial_date),
		cmocka_unit_test(test_date_formats),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
