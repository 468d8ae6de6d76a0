/*
 * Encodings. GB18030 bytes computed independently with python3
 * ("巴中市".encode("gb18030") == b"\xb0\xcd\xd6\xd0\xca\xd0",
 * "€𝄞".encode("gb18030") == b"\xa2\xe3\x94\x32\xbe\x34",
 * "\ufeff巴".encode("gb18030") == b"\x84\x31\x95\x33\xb0\xcd");
 * python reports b"\xb0\xcd\xff\xff" invalid at position 2 and
 * b"\xb0\xcd\xd6" incomplete at position 2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"

#define BAZHONG_UTF8 "\xE5\xB7\xB4\xE4\xB8\xAD\xE5\xB8\x82"
#define BAZHONG_GB   "\xB0\xCD\xD6\xD0\xCA\xD0"

static int valid(const char *s)
{
	return text_utf8_valid(s, strlen(s));
}

static void test_utf8_valid(void **state)
{
	assert_true(valid("plain ascii, 123"));
	assert_true(valid(BAZHONG_UTF8));
	assert_true(valid("\xF0\x9F\x98\x80"));  /* U+1F600 */
	assert_true(valid("\xED\x9F\xBF"));      /* U+D7FF */
	assert_true(valid("\xEE\x80\x80"));      /* U+E000 */
	assert_true(valid("\xEF\xBF\xBF"));      /* U+FFFF */
	assert_true(valid("\xF4\x8F\xBF\xBF"));  /* U+10FFFF */
	assert_true(valid("\xC2\x80"));          /* U+0080 */
	assert_true(text_utf8_valid("a\0b", 3)); /* NUL is UTF-8 */
	assert_true(text_utf8_valid(NULL, 0));
	assert_false(valid("\x80"));             /* lone continuation */
	assert_false(valid("\xC0\xAF"));         /* overlong '/' */
	assert_false(valid("\xC1\xBF"));         /* overlong */
	assert_false(valid("\xE0\x80\xAF"));     /* overlong */
	assert_false(valid("\xE0\x9F\xBF"));     /* overlong U+07FF */
	assert_false(valid("\xF0\x8F\xBF\xBF")); /* overlong U+FFFF */
	assert_false(valid("\xED\xA0\x80"));     /* surrogate U+D800 */
	assert_false(valid("\xED\xBF\xBF"));     /* surrogate U+DFFF */
	assert_false(valid("\xF4\x90\x80\x80")); /* U+110000 */
	assert_false(valid("\xF5\x80\x80\x80"));
	assert_false(valid("\xFF"));
	assert_false(valid("\xE5\xB7")); /* truncated */
	assert_false(valid("\xE5\xB7"
	                   "a")); /* broken */
	assert_false(valid("ok" BAZHONG_GB));
}

static void test_utf8_length(void **state)
{
	assert_int_equal(text_utf8_length(BAZHONG_UTF8), 3);
	assert_int_equal(text_utf8_length("abc"), 3);
	assert_int_equal(text_utf8_length("a" BAZHONG_UTF8 "\xF0\x9F\x98\x80"),
	                 5);
	assert_int_equal(text_utf8_length(""), 0);
	assert_int_equal(text_utf8_length(NULL), 0);
}

static void test_passthrough(void **state)
{
	struct arena *a = arena_new();
	const char in[] = "name,city\n" BAZHONG_UTF8 ",x\n";
	const char *enc = NULL;
	size_t len = 0;
	char *out = text_to_utf8(a, in, sizeof(in) - 1, &len, &enc, NULL);

	assert_non_null(out);
	assert_string_equal(out, in);
	assert_int_equal(len, sizeof(in) - 1);
	assert_string_equal(enc, "utf-8");
	assert_true(out != in);
	out = text_to_utf8(a, "", 0, &len, &enc, NULL);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	assert_string_equal(enc, "utf-8");
	/* optional out-parameters */
	assert_string_equal(text_to_utf8(a, "ab", 2, NULL, NULL, NULL), "ab");
	arena_free(a);
}

static void test_bom(void **state)
{
	struct arena *a = arena_new();
	const char in[] = "\xEF\xBB\xBF" BAZHONG_UTF8;
	const char *enc = NULL;
	size_t len = 0;
	char *out = text_to_utf8(a, in, sizeof(in) - 1, &len, &enc, NULL);

	assert_string_equal(out, BAZHONG_UTF8);
	assert_int_equal(len, 9);
	assert_string_equal(enc, "utf-8-bom");
	out = text_to_utf8(a, "\xEF\xBB\xBF", 3, &len, &enc, NULL);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	arena_free(a);
}

static void test_gb18030(void **state)
{
	struct arena *a = arena_new();
	const char *enc = NULL;
	size_t len = 0;
	char *out;

	out = text_to_utf8(a, BAZHONG_GB, 6, &len, &enc, NULL);
	assert_string_equal(out, BAZHONG_UTF8);
	assert_int_equal(len, 9);
	assert_string_equal(enc, "gb18030");
	/* mixed with ASCII, a two-byte euro sign and a four-byte sequence */
	out = text_to_utf8(a, "id," BAZHONG_GB "\xA2\xE3\x94\x32\xBE\x34\r\n",
	                   17, &len, &enc, NULL);
	assert_string_equal(out, "id," BAZHONG_UTF8 "\xE2\x82\xAC"
	                         "\xF0\x9D\x84\x9E\r\n");
	assert_int_equal(len, strlen(out));
	/* a GB18030 byte order mark is dropped */
	out = text_to_utf8(a, "\x84\x31\x95\x33\xB0\xCD", 6, &len, &enc, NULL);
	assert_string_equal(out, "\xE5\xB7\xB4");
	assert_string_equal(enc, "gb18030");
	arena_free(a);
}

static void test_gb18030_large(void **state)
{
	struct arena *a = arena_new();
	enum { REPS = 50000 };
	char *in = arena_alloc(a, REPS * 7);
	char *want = arena_alloc(a, REPS * 10 + 1);
	size_t len = 0;
	char *out;

	for (size_t i = 0; i < REPS; i++) {
		memcpy(in + i * 7, BAZHONG_GB ",", 7);
		memcpy(want + i * 10, BAZHONG_UTF8 ",", 10);
	}
	out = text_to_utf8(a, in, REPS * 7, &len, NULL, NULL);
	assert_non_null(out);
	assert_int_equal(len, REPS * 10);
	assert_memory_equal(out, want, REPS * 10);
	assert_int_equal(out[len], '\0');
	arena_free(a);
}

static void expect_error(const char *in, size_t n, const char *needle)
{
	struct arena *a = arena_new();
	struct lx_error err;
	const char *enc = "untouched";

	lx_error_clear(&err);
	assert_null(text_to_utf8(a, in, n, NULL, &enc, &err));
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(enc, "untouched");
	if (!strstr(err.message, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
	arena_free(a);
}

static void test_errors(void **state)
{
	expect_error("\xB0\xCD\xFF\xFF", 4,
	             "invalid byte 0xff at byte offset 2");
	expect_error("abc\xFF", 4, "offset 3");
	expect_error("\xB0\xCD\xD6", 3,
	             "ends inside a character at byte "
	             "offset 2");
	expect_error("a\0b", 3, "NUL byte at byte offset 1");
	expect_error("n\0a\0m\0e\0", 8, "utf-16");
	expect_error("\xEF\xBB\xBF"
	             "ab\xFF",
	             6,
	             "byte order mark but has "
	             "invalid utf-8 at byte offset "
	             "5");
	expect_error("\xEF\xBB\xBF" BAZHONG_GB, 9, "offset 3");
}

static void test_excerpt(void **state)
{
	char out[16];

	text_excerpt("short", 40, out, sizeof(out));
	assert_string_equal(out, "short");
	text_excerpt("0123456789abcdefghij", 40, out, sizeof(out));
	assert_string_equal(out, "0123456789ab...");
	text_excerpt("0123456789", 4, out, sizeof(out));
	assert_string_equal(out, "0123...");
	/* cut between characters: 巴 fits in 4 bytes, 中 does not */
	text_excerpt(BAZHONG_UTF8, 4, out, sizeof(out));
	assert_string_equal(out, "\xE5\xB7\xB4...");
	text_excerpt("a\tb\x7F"
	             "c\xFF"
	             "d",
	             40, out, sizeof(out));
	assert_string_equal(out, "a?b?c?d");
	text_excerpt(NULL, 40, out, sizeof(out));
	assert_string_equal(out, "");
	text_excerpt("abcdef", 40, out, 4);
	assert_string_equal(out, "...");
	text_excerpt("abcdef", 40, out, 1);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_length),
		cmocka_unit_test(test_passthrough),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_gb18030_large),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_excerpt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
