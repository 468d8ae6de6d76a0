/* CSV reading (RFC 4180) and writing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/csv.h"

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

static struct csv_table parse_ok(const char *s)
{
	struct csv_table t;
	struct lx_error err;

	lx_error_clear(&err);
	if (csv_parse(arena, s, strlen(s), &t, &err) != 0)
		fail_msg("parse failed: %s", err.message);
	return t;
}

static void assert_row(const struct csv_row *r, long line, size_t n, ...)
{
	va_list ap;

	assert_int_equal(r->line, line);
	assert_int_equal(r->nfields, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->fields[i], va_arg(ap, const char *));
	va_end(ap);
}

static void test_simple(void **state)
{
	struct csv_table t = parse_ok("name,age\n张三,80\n李四,75");

	assert_int_equal(t.nrows, 3);
	assert_row(&t.rows[0], 1, 2, "name", "age");
	assert_row(&t.rows[1], 2, 2, "张三", "80");
	assert_row(&t.rows[2], 3, 2, "李四", "75");
}

static void test_quotes(void **state)
{
	struct csv_table t =
	    parse_ok("\"a,b\",\"say \"\"hi\"\"\",c,\"\",\"\"\"\"\n");

	assert_int_equal(t.nrows, 1);
	assert_row(&t.rows[0], 1, 5, "a,b", "say \"hi\"", "c", "", "\"");
}

static void test_embedded_newline(void **state)
{
	struct csv_table t = parse_ok("h1,h2\n"
	                              "\"line one\nline two\nthree\",x\n"
	                              "next,row\n"
	                              "\"crlf\r\ninside\",y\r\n"
	                              "last,one");

	assert_int_equal(t.nrows, 5);
	assert_row(&t.rows[1], 2, 2, "line one\nline two\nthree", "x");
	assert_row(&t.rows[2], 5, 2, "next", "row");
	assert_row(&t.rows[3], 6, 2, "crlf\r\ninside", "y");
	assert_row(&t.rows[4], 8, 2, "last", "one");
}

static void test_line_ends(void **state)
{
	struct csv_table t = parse_ok("a,b\r\nc,d\r\n");

	assert_int_equal(t.nrows, 2);
	assert_row(&t.rows[0], 1, 2, "a", "b");
	assert_row(&t.rows[1], 2, 2, "c", "d");
	/* lone CR, as old Mac Excel wrote */
	t = parse_ok("a,b\rc,d\r");
	assert_int_equal(t.nrows, 2);
	assert_row(&t.rows[1], 2, 2, "c", "d");
	/* quoted field ending the file, no line end */
	t = parse_ok("a,\"b\"");
	assert_row(&t.rows[0], 1, 2, "a", "b");
}

static void test_blank_lines(void **state)
{
	struct csv_table t = parse_ok("\n\na\n\n\nb\r\n\r\nc\n\n");

	assert_int_equal(t.nrows, 3);
	assert_row(&t.rows[0], 3, 1, "a");
	assert_row(&t.rows[1], 6, 1, "b");
	assert_row(&t.rows[2], 8, 1, "c");
	/* commas and spaces are not blank */
	t = parse_ok(",,\n \na,\n");
	assert_int_equal(t.nrows, 3);
	assert_row(&t.rows[0], 1, 3, "", "", "");
	assert_row(&t.rows[1], 2, 1, " ");
	assert_row(&t.rows[2], 3, 2, "a", "");
	t = parse_ok("");
	assert_int_equal(t.nrows, 0);
	assert_null(t.rows);
	t = parse_ok("\r\n\n");
	assert_int_equal(t.nrows, 0);
}

static void test_bom_and_fields_not_trimmed(void **state)
{
	struct csv_table t = parse_ok("\xEF\xBB\xBFname, age \n x ,1\n");

	assert_row(&t.rows[0], 1, 2, "name", " age ");
	assert_row(&t.rows[1], 2, 2, " x ", "1");
}

static void expect_error(const char *s, size_t n, const char *needle)
{
	struct csv_table t = { 99, (struct csv_row *)&t };
	struct lx_error err;

	lx_error_clear(&err);
	assert_int_equal(csv_parse(arena, s, n, &t, &err), -1);
	assert_int_equal(err.code, LX_EINVALID);
	assert_int_equal(t.nrows, 0);
	assert_null(t.rows);
	if (!strstr(err.message, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

static void test_errors(void **state)
{
	const char *s;

	s = "a,b\nc,\"unclosed\nmore\n";
	expect_error(s, strlen(s),
	             "field 2 starting on line 2 is never closed");
	s = "a,b\n\"x\nx\",\"\n";
	expect_error(s, strlen(s), "starting on line 3");
	s = "a,b\"c\n";
	expect_error(s, strlen(s), "line 1, field 2: a quote in a field");
	s = "a\n\"x\"y,z\n";
	expect_error(s, strlen(s), "line 2, field 1: text after the closing");
	s = "a\n \"x\"\n";
	expect_error(s, strlen(s), "line 2, field 1: a quote");
	expect_error("a\nb\0c\n", 6, "NUL byte on line 2");
	expect_error("\"a\0\"", 4, "NUL byte on line 1");
}

static void test_not_nul_terminated(void **state)
{
	struct csv_table t;
	const char buf[] = { 'a', ',', 'b', '\n', 'c', ',', 'd' };

	assert_int_equal(csv_parse(arena, buf, sizeof(buf), &t, NULL), 0);
	assert_int_equal(t.nrows, 2);
	assert_row(&t.rows[1], 2, 2, "c", "d");
	/* only the first 5 bytes: the last row is "c" */
	assert_int_equal(csv_parse(arena, buf, 5, &t, NULL), 0);
	assert_row(&t.rows[1], 2, 1, "c");
}

static void test_many_rows(void **state)
{
	struct abuf b;
	struct csv_table t;

	abuf_init(&b, arena);
	for (int i = 0; i < 20000; i++)
		abuf_printf(&b, "%d,\"q%d\",x,y,z,w,v,u,s,r,last\n", i, i);
	assert_int_equal(csv_parse(arena, b.data, b.len, &t, NULL), 0);
	assert_int_equal(t.nrows, 20000);
	assert_row(&t.rows[12345], 12346, 11, "12345", "q12345", "x", "y", "z",
	           "w", "v", "u", "s", "r", "last");
}

static void test_header_index(void **state)
{
	struct csv_table t =
	    parse_ok(" name ,年龄\xE3\x80\x80,\tid,name\n1,2,3\n");
	struct csv_table empty = { 0, NULL };

	assert_int_equal(csv_header_index(&t, "name"), 0);
	assert_int_equal(csv_header_index(&t, "年龄"), 1);
	assert_int_equal(csv_header_index(&t, "id"), 2);
	assert_int_equal(csv_header_index(&t, " id "), 2);
	assert_int_equal(csv_header_index(&t, "missing"), -1);
	assert_int_equal(csv_header_index(&t, "nam"), -1);
	assert_int_equal(csv_header_index(&t, ""), -1);
	assert_int_equal(csv_header_index(&t, NULL), -1);
	assert_int_equal(csv_header_index(&empty, "name"), -1);
	assert_int_equal(csv_header_index(NULL, "name"), -1);
}

static const char *write1(const char *s)
{
	struct abuf b;

	abuf_init(&b, arena);
	csv_write_field(&b, s);
	return b.data;
}

static void test_write_field(void **state)
{
	assert_string_equal(write1("abc"), "abc");
	assert_string_equal(write1("巴中市"), "巴中市");
	assert_string_equal(write1(""), "");
	assert_string_equal(write1(NULL), "");
	assert_string_equal(write1("a,b"), "\"a,b\"");
	assert_string_equal(write1("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(write1("\""), "\"\"\"\"");
	assert_string_equal(write1("two\nlines"), "\"two\nlines\"");
	assert_string_equal(write1("cr\r"), "\"cr\r\"");
	assert_string_equal(write1(" lead"), "\" lead\"");
	assert_string_equal(write1("trail "), "\"trail \"");
	assert_string_equal(write1("in side"), "in side");
}

static void test_injection_guard(void **state)
{
	assert_string_equal(write1("=SUM(A1:A9)"), "'=SUM(A1:A9)");
	assert_string_equal(write1("+cmd"), "'+cmd");
	assert_string_equal(write1("-2+3"), "'-2+3");
	assert_string_equal(write1("@SUM(1)"), "'@SUM(1)");
	assert_string_equal(write1("-"), "'-");
	assert_string_equal(write1("+86 138 0000 0000"), "'+86 138 0000 0000");
	assert_string_equal(write1("=1,2"), "\"'=1,2\"");
	assert_string_equal(write1("\t=1"), "\"'\t=1\"");
	/* plain numbers are left alone */
	assert_string_equal(write1("-12"), "-12");
	assert_string_equal(write1("+3.5"), "+3.5");
	assert_string_equal(write1("-.5"), "-.5");
	assert_string_equal(write1("-1e5"), "-1e5");
	assert_string_equal(write1("-1.5E-3"), "-1.5E-3");
	assert_string_equal(write1("-1e"), "'-1e");
	assert_string_equal(write1("-."), "'-.");
	/* only the first character matters */
	assert_string_equal(write1("a=b"), "a=b");
}

static void test_round_trip(void **state)
{
	static const char *const rows[][4] = {
		{ "name", "note", "empty", "num" },
		{ "张三", "line one\nline two", "", "80" },
		{ "a,b", "\"quoted\"", " spaced ", "-1.5" },
		{ "crlf\r\nin", ",", "\"", "x" },
	};
	struct abuf b;
	struct csv_table t;

	abuf_init(&b, arena);
	for (size_t r = 0; r < 4; r++) {
		for (size_t f = 0; f < 4; f++) {
			if (f)
				abuf_puts(&b, ",");
			csv_write_field(&b, rows[r][f]);
		}
		abuf_puts(&b, "\r\n");
	}
	assert_int_equal(csv_parse(arena, b.data, b.len, &t, NULL), 0);
	assert_int_equal(t.nrows, 4);
	for (size_t r = 0; r < 4; r++) {
		assert_int_equal(t.rows[r].nfields, 4);
		for (size_t f = 0; f < 4; f++)
			assert_string_equal(t.rows[r].fields[f], rows[r][f]);
	}
	assert_int_equal(t.rows[3].line, 4 + 1); /* row 2 spans two lines */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_embedded_newline),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_bom_and_fields_not_trimmed),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_not_nul_terminated),
		cmocka_unit_test(test_many_rows),
		cmocka_unit_test(test_header_index),
		cmocka_unit_test(test_write_field),
		cmocka_unit_test(test_injection_guard),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
