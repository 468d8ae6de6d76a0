/* The indicator expression language. Expected values are worked out by
 * hand, not by running the code. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/expr.h"

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

/* A lookup over a table of names and values; records the names asked. */
struct binding {
	const char *name;
	const char *value; /* decimal text, read exactly */
};

struct env {
	const struct binding *b;
	size_t n;
	char asked[512]; /* names looked up, each followed by a space */
};

static int lookup(void *ctx, const char *name, struct exact *value)
{
	struct env *env = ctx;
	size_t used = strlen(env->asked);

	snprintf(env->asked + used, sizeof(env->asked) - used, "%s ", name);
	for (size_t i = 0; i < env->n; i++)
		if (strcmp(env->b[i].name, name) == 0) {
			assert_int_equal(exact_parse(env->b[i].value, value),
			                 0);
			return 1;
		}
	return 0;
}

static const struct binding seed[] = {
	{ "beds", "8749" },
	{ "nursing_beds", "4961" },
	{ "slots", "4662" },
	{ "residents", "2712900" },
	{ "beds.private", "3" },
	{ "facilities.childcare_institution.filed", "7" },
	{ "zero", "0" },
	{ "a", "1" },
	{ "b", "2" },
	{ "c", "3" },
	/* near the top of 64 bits: ten times it does not fit */
	{ "huge", "9000000000000000000" },
	{ "tenth", "0.1" },
};

static struct expr *parse_ok(const char *text)
{
	struct lx_error err;
	struct expr *e;

	lx_error_clear(&err);
	e = expr_parse(arena, text, &err);
	if (!e)
		fail_msg("\"%s\" refused: %s", text, err.message);
	return e;
}

/* Evaluates text against the bindings; returns 1 with *out or 0. */
static int eval_in(const char *text, const struct binding *b, size_t n,
                   struct exact *out)
{
	struct env env = { .b = b, .n = n };

	return expr_eval(parse_ok(text), lookup, &env, out);
}

/* The exact value written "p/q" or as a decimal ("-0.25"). */
static struct exact want_of(const char *want)
{
	struct exact w, q;
	const char *slash = strchr(want, '/');
	char head[64];

	if (!slash) {
		assert_int_equal(exact_parse(want, &w), 0);
		return w;
	}
	snprintf(head, sizeof(head), "%.*s", (int)(slash - want), want);
	assert_int_equal(exact_parse(head, &w), 0);
	assert_int_equal(exact_parse(slash + 1, &q), 0);
	assert_int_equal(exact_div(w, q, &w), 0);
	return w;
}

static void assert_value(const char *text, const char *want)
{
	struct exact v = { -12345, 1 }, w = want_of(want);

	if (!eval_in(text, seed, sizeof(seed) / sizeof(seed[0]), &v))
		fail_msg("\"%s\" has no value, want %s", text, want);
	if (v.num != w.num || v.den != w.den)
		fail_msg("\"%s\" = %lld/%lld, want %s", text, (long long)v.num,
		         (long long)v.den, want);
}

static void assert_no_value(const char *text)
{
	struct exact v = { -12345, 1 };

	if (eval_in(text, seed, sizeof(seed) / sizeof(seed[0]), &v))
		fail_msg("\"%s\" = %lld/%lld, want no value", text,
		         (long long)v.num, (long long)v.den);
	assert_true(v.num == -12345 && v.den == 1); /* untouched */
}

static void test_precedence(void **state)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{ "1-2-3", "-4" },     { "2*3+4", "10" },
		{ "2+3*4", "14" },     { "-2*3", "-6" },
		{ "(1+2)*3", "9" },    { "8/4/2", "1" },
		{ "1-(2-3)", "2" },    { "8/(4/2)", "4" },
		{ "2*-3", "-6" },      { "2--3", "5" },
		{ "--2", "2" },        { "-(2+3)", "-5" },
		{ "-2-3", "-5" },      { "10/4", "2.5" },
		{ "2*(3+4)*5", "70" }, { "12/3*2", "8" },
		{ "1+2*3-4/2", "5" },  { " \t7 ", "7" },
		{ "((((1))))", "1" },  { "0.5*4", "2" },
		{ "007", "7" },        { "-0.25+1", "0.75" },
		{ "3-3", "0" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_value(cases[i].text, cases[i].want);
}

static void test_numbers(void **state)
{
	/* each literal is read exactly: 0.1 is one tenth, not the double
	 * nearest to it */
	assert_value("0.5", "0.5");
	assert_value("98.40", "98.40");
	assert_value("0.05", "0.05");
	assert_value("0.1", "0.1");
	assert_value("123456789012", "123456789012");
	assert_value("0.1", "1/10");
	assert_value("98.40", "492/5");
	assert_value("0.000", "0");
	assert_value("1234.5678", "1234.5678");
	/* 400 digits cannot be held exactly: no value rather than a
	 * rounded one */
	{
		char big[402];

		memset(big, '9', 400);
		big[400] = '\0';
		assert_no_value(big);
	}
}

static void test_locale(void **state)
{
	/* main() calls setlocale(LC_ALL, ""); a decimal comma must not
	 * change how "0.5" reads. Skipped where no such locale exists. */
	static const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8",
		                         "ru_RU.UTF-8" };
	const char *set = NULL;

	for (size_t i = 0; i < 3 && !set; i++)
		set = setlocale(LC_NUMERIC, locales[i]);
	if (!set) {
		skip();
		return;
	}
	assert_value("0.5", "0.5");
	assert_value("98.40", "98.40");
	setlocale(LC_NUMERIC, "C");
}

static void test_names_with_dots(void **state)
{
	assert_value("beds.private + facilities.childcare_institution.filed",
	             "10");
	assert_value("beds.private * 2 - a", "5");
	/* a name may start with '_' and hold digits after its first
	 * character, also right after a dot */
	assert_non_null(parse_ok("_x.y_1 + beds.2023 + B9"));
}

static void test_names_list(void **state)
{
	const char **names = NULL;
	size_t n;

	n = expr_names(parse_ok("beds.private + beds * 2 / beds.private"
	                        " + if(x < y, z, beds) - sum(y, w)"),
	               arena, &names);
	assert_int_equal(n, 6);
	assert_string_equal(names[0], "beds.private");
	assert_string_equal(names[1], "beds");
	assert_string_equal(names[2], "x");
	assert_string_equal(names[3], "y");
	assert_string_equal(names[4], "z");
	assert_string_equal(names[5], "w");

	names = NULL;
	assert_int_equal(expr_names(parse_ok("1 + 2 * sum(3)"), arena, &names),
	                 0);
	assert_non_null(names);

	/* the strings live in the arena given, not the tree's */
	{
		struct arena *other = arena_new();
		struct expr *e = expr_parse(other, "nursing_beds / beds", NULL);

		assert_non_null(e);
		n = expr_names(e, arena, &names);
		arena_free(other);
		assert_int_equal(n, 2);
		assert_string_equal(names[0], "nursing_beds");
		assert_string_equal(names[1], "beds");
	}
}

static void test_no_value(void **state)
{
	struct exact v = { -1, 1 };

	assert_no_value("1/0");
	assert_no_value("a/(b-b)");
	assert_no_value("beds/zero");
	assert_no_value("1/(0.5-0.5)*0");
	assert_value("0/1", "0");
	assert_value("zero/beds", "0");
	/* a missing element, anywhere */
	assert_no_value("beds + unknown");
	assert_no_value("-unknown");
	assert_no_value("unknown * 0");
	/* a result that does not fit in 64 bits is refused, never
	 * wrapped */
	assert_no_value("huge * 10");
	assert_no_value("huge + huge");
	assert_no_value("-huge - huge");
	assert_value("huge * 0.5 * 2", "9000000000000000000"); /* exact steps */
	assert_value("huge / 3", "3000000000000000000");
	/* no lookup: names have no value, constants do */
	assert_int_equal(expr_eval(parse_ok("beds"), NULL, NULL, &v), 0);
	assert_int_equal(expr_eval(parse_ok("1 + 2"), NULL, NULL, &v), 1);
	assert_true(v.num == 3 && v.den == 1);
}

static void test_if_short_circuit(void **state)
{
	static const struct binding empty_home[] = { { "beds", "0" },
		                                     { "nursing_beds", "0" } };
	static const struct binding home[] = { { "beds", "10" },
		                               { "nursing_beds", "4" } };
	const char *ratio = "if(beds > 0, nursing_beds / beds, 0)";
	struct env env = { .b = empty_home, .n = 2 };
	struct exact v = { -1, 1 };

	assert_int_equal(expr_eval(parse_ok(ratio), lookup, &env, &v), 1);
	assert_true(v.num == 0);
	assert_string_equal(env.asked, "beds "); /* the branch not taken */

	env = (struct env){ .b = home, .n = 2 };
	assert_int_equal(expr_eval(parse_ok(ratio), lookup, &env, &v), 1);
	assert_true(v.num == 2 && v.den == 5); /* exactly 0.4 */
	assert_string_equal(env.asked, "beds nursing_beds beds ");

	/* the missing name sits in the branch not taken */
	assert_value("if(zero == 0, 1, unknown)", "1");
	assert_value("if(zero != 0, unknown, 2)", "2");
	assert_no_value("if(zero == 0, unknown, 1)");
	/* a condition without a value gives no value */
	assert_no_value("if(unknown > 0, 1, 2)");
	assert_no_value("if(1 > unknown, 1, 2)");
	assert_no_value("if(1/0 > 0, 1, 2)");
	/* a division by zero in the branch not taken does not matter */
	assert_value("if(zero > 0, 1/zero, 5)", "5");
}

static void test_comparisons(void **state)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{ "if(1 < 2, 1, 0)", "1" },
		{ "if(2 < 2, 1, 0)", "0" },
		{ "if(2 <= 2, 1, 0)", "1" },
		{ "if(3 <= 2, 1, 0)", "0" },
		{ "if(3 > 2, 1, 0)", "1" },
		{ "if(2 > 2, 1, 0)", "0" },
		{ "if(2 >= 2, 1, 0)", "1" },
		{ "if(1 >= 2, 1, 0)", "0" },
		{ "if(2 == 2, 1, 0)", "1" },
		{ "if(2 == 3, 1, 0)", "0" },
		{ "if(2 != 3, 1, 0)", "1" },
		{ "if(2 != 2, 1, 0)", "0" },
		{ "if(a+b == c, 7, 8)", "7" },
		{ "if(-a < a*0, 9, 8)", "9" },
		/* comparisons are exact: one tenth plus two tenths is three
		 * tenths (binary floating point says otherwise) */
		{ "if(0.1 + 0.2 == 0.3, 1, 0)", "1" },
		{ "if(tenth * 3 == 0.3, 1, 0)", "1" },
		{ "if(1 / 3 * 3 == 1, 1, 0)", "1" },
		{ "if(0.5 + 0.25 == 0.75, 1, 0)", "1" },
		/* if() nests, and its value takes part in arithmetic */
		{ "if(a < b, if(b < c, 1, 2), 3) * 10", "10" },
		{ "1 + if(a > b, 10, 20)", "21" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_value(cases[i].text, cases[i].want);
}

static void test_functions(void **state)
{
	assert_value("sum(1)", "1");
	assert_value("sum(1, 2, 3)", "6");
	assert_value("sum(a, b, c) / 3", "2");
	assert_value("min(3, 1, 2)", "1");
	assert_value("max(3, 1, 2)", "3");
	assert_value("min(-1, -5)", "-5");
	assert_value("max(-1, -5)", "-1");
	assert_value("max(2)", "2");
	assert_value("min(4)", "4");
	assert_value("-max(a, b)", "-2");
	assert_value("sum(min(a, b), max(b, c))", "4");
	assert_value("sum (1, 2)", "3"); /* a space before '(' */
	/* strict: one argument without a value takes the value away */
	assert_no_value("sum(a, unknown)");
	assert_no_value("sum(unknown, a)");
	assert_no_value("min(1, 1/0)");
	assert_no_value("max(huge, huge * 10)");
	assert_value("max(huge, 1)", "9000000000000000000");
	assert_no_value("sum(huge, huge)");
}

static void test_seed_ratios(void **state)
{
	struct exact v = { 0, 1 };
	size_t n = sizeof(seed) / sizeof(seed[0]);
	char text[EXACT_TEXT_MAX];

	/* 496100 / 8749 = 56.70362...: 8749 * 56 = 489944, and the remaining
	 * 6156 / 8749 = 0.70362; the fraction is kept whole */
	assert_int_equal(eval_in("nursing_beds*100/beds", seed, n, &v), 1);
	assert_true(v.num == 496100 && v.den == 8749);
	assert_string_equal(exact_format(v, 2, EXACT_HALF_UP, text), "56.70");

	/* 4662000 / 2712900 = 1.71845...: 2712900 * 1.7 = 4611930, and the
	 * remaining 50070 / 2712900 = 0.018456 */
	assert_int_equal(eval_in("slots * 1000 / residents", seed, n, &v), 1);
	assert_true(v.num * 2712900 == 4662000 * v.den);
	assert_string_equal(exact_format(v, 2, EXACT_HALF_UP, text), "1.72");

	/* 0.125 is a tie at two places: half up gives 0.13 */
	assert_int_equal(eval_in("1 / 8", seed, n, &v), 1);
	assert_string_equal(exact_format(v, 2, EXACT_HALF_UP, text), "0.13");
}

/* Property: for random integers and decimals, + - * of the expression
 * language agree with integer arithmetic in hundredths. */
static void test_exact_property(void **state)
{
	uint64_t x = 0x9E3779B97F4A7C15ull;

	for (int k = 0; k < 2000; k++) {
		long long a, b;
		char text[128], want[64];
		struct exact v, w;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		a = (long long)(x % 2000001) - 1000000; /* hundredths */
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		b = (long long)(x % 2000001) - 1000000;
		/* (a/100) + (b/100) - (a/100) * 3 = (b - 2a) / 100 */
		snprintf(text, sizeof(text),
		         "%s%lld.%02lld + %s%lld.%02lld - %s%lld.%02lld * 3",
		         a < 0 ? "-" : "", llabs(a) / 100, llabs(a) % 100,
		         b < 0 ? "-" : "", llabs(b) / 100, llabs(b) % 100,
		         a < 0 ? "-" : "", llabs(a) / 100, llabs(a) % 100);
		assert_int_equal(eval_in(text, seed, 0, &v), 1);
		snprintf(want, sizeof(want), "%lld/100", b - 2 * a);
		w = want_of(want);
		if (v.num != w.num || v.den != w.den)
			fail_msg("%s = %lld/%lld, want %s", text,
			         (long long)v.num, (long long)v.den, want);
	}
}

/* --- errors --- */

static void assert_error(const char *text, const char *message)
{
	struct lx_error err;

	lx_error_clear(&err);
	if (expr_parse(arena, text, &err))
		fail_msg("\"%s\" accepted, want \"%s\"", text, message);
	assert_int_equal(err.code, LX_EINVALID);
	assert_string_equal(err.field, "expression");
	if (strcmp(err.message, message) != 0)
		fail_msg("\"%s\": got \"%s\", want \"%s\"", text, err.message,
		         message);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{ "1 +", "at position 4: unexpected end of expression" },
		{ "", "at position 1: unexpected end of expression" },
		{ "   ", "at position 4: unexpected end of expression" },
		{ "-", "at position 2: unexpected end of expression" },
		{ "(1 + 2", "at position 7: expected ')'" },
		{ "(1 + 2 3)", "at position 8: expected ')'" },
		{ "avg(1)", "at position 1: unknown function 'avg'" },
		{ "1 + AVG(1)", "at position 5: unknown function 'AVG'" },
		{ "Sum(1)", "at position 1: unknown function 'Sum'" },
		{ "a.b(1)", "at position 1: unknown function 'a.b'" },
		{ "a $ b", "at position 3: unexpected character '$'" },
		{ ".5", "at position 1: unexpected character '.'" },
		{ "a ! b", "at position 3: unexpected character '!'" },
		{ "a = b", "at position 3: unexpected character '=' "
		           "(did you mean '=='?)" },
		{ "1 + \xef\xbc\x88"
		  "2\xef\xbc\x89",
		  "at position 5: unexpected character '\xef\xbc\x88'" },
		{ "a \xff", "at position 3: unexpected byte 0xFF" },
		{ "a \xe4\xb8", "at position 3: unexpected byte 0xE4" },
		{ "a\nb", "at position 2: unexpected byte 0x0A" },
		{ "a < b", "at position 3: a comparison is only allowed as the "
		           "condition of if()" },
		{ "sum(a < b)", "at position 7: a comparison is only allowed "
		                "as the condition of if()" },
		{ "if((a < b), 1, 2)", "at position 7: a comparison is only "
		                       "allowed as the condition of if()" },
		{ "if(a < 1, b >= 2, 3)", "at position 13: a comparison is "
		                          "only allowed as the condition of "
		                          "if()" },
		{ "if(a, 1, 2)", "at position 5: expected a comparison in the "
		                 "condition of if()" },
		{ "if(a < b < c, 1, 2)",
		  "at position 10: comparisons cannot be chained" },
		{ "if(a < , 1, 2)", "at position 8: unexpected ','" },
		{ "if(a < b, 1)", "at position 12: if() takes 3 arguments" },
		{ "if(a < b, 1, 2, 3)",
		  "at position 15: if() takes 3 arguments" },
		{ "if()", "at position 4: if() takes 3 arguments" },
		{ "sum()", "at position 5: sum() takes at least 1 argument" },
		{ "sum(1 2)", "at position 7: expected ',' or ')'" },
		{ "sum(1,)", "at position 7: unexpected ')'" },
		{ "sum(1", "at position 6: expected ',' or ')'" },
		{ "sum + 1", "at position 5: expected '(' after 'sum'" },
		{ "if", "at position 3: expected '(' after 'if'" },
		{ "beds..x", "at position 1: malformed name 'beds..x'" },
		{ "beds.", "at position 1: malformed name 'beds.'" },
		{ "1 + beds.private.", "at position 5: malformed name "
		                       "'beds.private.'" },
		{ "1.2.3", "at position 1: malformed number '1.2.3'" },
		{ "5.", "at position 1: malformed number '5.'" },
		{ "2x", "at position 1: malformed number '2x'" },
		{ "1e3", "at position 1: malformed number '1e3'" },
		{ "1 2", "at position 3: unexpected '2'" },
		{ "(1))", "at position 4: unexpected ')'" },
		{ "*2", "at position 1: unexpected '*'" },
		{ "+2", "at position 1: unexpected '+'" },
		{ "1 + )", "at position 5: unexpected ')'" },
		{ "()", "at position 2: unexpected ')'" },
		{ "a b", "at position 3: unexpected 'b'" },
		{ "1 +\t*", "at position 5: unexpected '*'" },
		/* long tokens are cut to 40 bytes in the message */
		{ "x + abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij(1)",
		  "at position 5: unknown function "
		  "'abcdefghijabcdefghijabcdefghijabcdefghij'" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_error(cases[i].text, cases[i].message);

	/* err may be NULL */
	assert_null(expr_parse(arena, "1 +", NULL));
}

/* n levels of "open" + "1" + n of ")" */
static char *nest(const char *open, int n)
{
	size_t len = strlen(open);
	char *s = malloc((size_t)n * (len + 1) + 2), *q = s;

	for (int i = 0; i < n; i++, q += len)
		memcpy(q, open, len);
	*q++ = '1';
	for (int i = 0; i < n; i++)
		*q++ = ')';
	*q = '\0';
	return s;
}

static void test_depth(void **state)
{
	char *s;

	s = nest("(", 64);
	assert_value(s, "1");
	free(s);
	s = nest("(", 65);
	assert_error(s, "at position 65: nested deeper than 64 levels");
	free(s);

	/* a function call is a level too: the 65th "sum(" ends at 4 * 65 */
	s = nest("sum(", 64);
	assert_value(s, "1");
	free(s);
	s = nest("sum(", 65);
	assert_error(s, "at position 260: nested deeper than 64 levels");
	free(s);

	/* depth counts open parentheses, not operators: a long chain of
	 * unary minuses or additions at depth 0 is fine */
	{
		char minus[201];

		memset(minus, '-', 199);
		minus[199] = '1';
		minus[200] = '\0';
		assert_value(minus, "-1"); /* 199 minuses: odd */
	}
}

static void test_length(void **state)
{
	char s[EXPR_MAX_LEN + 2];

	/* "a" and 2047 times "+a" is 4095 bytes; one space makes 4096 */
	s[0] = 'a';
	for (size_t i = 1; i < 4095; i += 2) {
		s[i] = '+';
		s[i + 1] = 'a';
	}
	s[4095] = ' ';
	s[4096] = '\0';
	assert_int_equal(strlen(s), 4096);
	assert_value(s, "2048");

	s[4096] = ' ';
	s[4097] = '\0';
	assert_error(s, "at position 4097: longer than 4096 bytes");
}

/* --- canonical form --- */

static void test_format_round_trip(void **state)
{
	static const struct {
		const char *text, *canonical;
	} cases[] = {
		{ "1-2-3", "1 - 2 - 3" },
		{ "1-(2-3)", "1 - (2 - 3)" },
		{ "(1+2)*3", "(1 + 2) * 3" },
		{ "2*3+4", "2 * 3 + 4" },
		{ "2+(3*4)", "2 + 3 * 4" },
		{ "a+(b+c)", "a + (b + c)" },
		{ "8/4/2", "8 / 4 / 2" },
		{ "8/(4/2)", "8 / (4 / 2)" },
		{ "8/(4*2)", "8 / (4 * 2)" },
		{ "(8/4)*2", "8 / 4 * 2" },
		{ "(a-b)-(c-d)", "a - b - (c - d)" },
		{ "a/(b*c)*d", "a / (b * c) * d" },
		{ "-2*3", "-2 * 3" },
		{ "-(2*3)", "-(2 * 3)" },
		{ "--a", "--a" },
		{ "- ( - a )", "--a" },
		{ "2--3", "2 - -3" },
		{ "a*-b", "a * -b" },
		{ "-(a+b)", "-(a + b)" },
		{ "((((a))))", "a" },
		{ "-sum(a)", "-sum(a)" },
		{ "sum( a,b , c )", "sum(a, b, c)" },
		{ "min(a)", "min(a)" },
		{ "max(a+1,(b))", "max(a + 1, b)" },
		{ "if(beds>0,nursing_beds*100/beds,0)",
		  "if(beds > 0, nursing_beds * 100 / beds, 0)" },
		{ "if((a+b)<=c*2,-1,sum(x,y))",
		  "if(a + b <= c * 2, -1, sum(x, y))" },
		{ "if(a!=-b,1,2)", "if(a != -b, 1, 2)" },
		{ "if(a==b,1,2)", "if(a == b, 1, 2)" },
		{ "if(a<b,1,2)+if(a>b,1,2)",
		  "if(a < b, 1, 2) + if(a > b, 1, 2)" },
		{ "\t0.50 +007", "0.50 + 007" },
		{ "beds.private/ (beds.public+beds.private)",
		  "beds.private / (beds.public + beds.private)" },
		{ "facilities.childcare_institution.filed",
		  "facilities.childcare_institution.filed" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct expr *e, *again;
		char *f, *g;

		e = parse_ok(cases[i].text);
		f = expr_format(e, arena);
		if (strcmp(f, cases[i].canonical) != 0)
			fail_msg("\"%s\" formats as \"%s\", want \"%s\"",
			         cases[i].text, f, cases[i].canonical);
		again = parse_ok(f);
		g = expr_format(again, arena);
		assert_string_equal(g, f);
	}
}

/* A ratio read as numerator, denominator and factor: the parts written
 * out by hand, and for every case the parts' value num / den × factor
 * equal to the whole expression's over the seed bindings. */
static void test_ratio_parts(void **state)
{
	static const struct {
		const char *text, *num, *den, *factor; /* num NULL: no ratio */
	} cases[] = {
		{ "nursing_beds / beds * 100", "nursing_beds", "beds", "100" },
		{ "100 * nursing_beds / beds", "nursing_beds", "beds", "100" },
		{ "slots / (residents / 1000)", "slots", "residents", "1000" },
		{ "a * b / c", "a * b", "c", "1" },
		{ "a / b / c * 10", "a", "b * c", "10" },
		{ "1 / beds", "1", "beds", "1" },
		{ "a / (b / (c * 2))", "a * c", "b", "2" },
		{ "(a + b) / c / 4", "a + b", "c", "1/4" },
		{ "beds", NULL, NULL, NULL },
		{ "beds * 100", NULL, NULL, NULL },
		{ "a / b + c", NULL, NULL, NULL },
		{ "beds / 0", NULL, NULL, NULL },
		{ "beds / 4", NULL, NULL, NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct expr *e = parse_ok(cases[i].text), *num, *den;
		struct exact f, whole, vn, vd, v;
		struct env env = { .b = seed,
			           .n = sizeof(seed) / sizeof(seed[0]) };
		int split = expr_ratio_parts(e, arena, &num, &den, &f);

		if (!cases[i].num) {
			if (split)
				fail_msg("\"%s\" read as a ratio",
				         cases[i].text);
			continue;
		}
		if (!split)
			fail_msg("\"%s\" not read as a ratio", cases[i].text);
		assert_string_equal(expr_format(num, arena), cases[i].num);
		assert_string_equal(expr_format(den, arena), cases[i].den);
		assert_int_equal(exact_cmp(f, want_of(cases[i].factor)), 0);
		assert_int_equal(expr_eval(e, lookup, &env, &whole), 1);
		assert_int_equal(expr_eval(num, lookup, &env, &vn), 1);
		assert_int_equal(expr_eval(den, lookup, &env, &vd), 1);
		assert_int_equal(exact_div(vn, vd, &v), 0);
		assert_int_equal(exact_mul(v, f, &v), 0);
		assert_int_equal(exact_cmp(v, whole), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_names_with_dots),
		cmocka_unit_test(test_names_list),
		cmocka_unit_test(test_no_value),
		cmocka_unit_test(test_if_short_circuit),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_functions),
		cmocka_unit_test(test_seed_ratios),
		cmocka_unit_test(test_exact_property),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_ratio_parts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
