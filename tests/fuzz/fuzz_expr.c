/*
 * libFuzzer target for the indicator expression language (core/expr.h).
 * For every input: parse; on refusal, check the error's shape; on success,
 * format, re-parse the canonical text, and check that it formats the same,
 * names the same elements, and evaluates to the same value (or the same
 * "no value") under a fixed lookup. Any difference aborts.
 * Build and run: see tests/fuzz/README.md. Not part of the Meson build.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/exact.h"
#include "core/expr.h"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every name has a value derived from its text, except names starting with
 * 'm' (missing) and the name "zero", which is 0 to reach divisions by zero
 * and if() guards. */
static int lookup(void *ctx, const char *name, struct exact *value)
{
	unsigned h = 0;

	(void)ctx;
	if (name[0] == 'm')
		return 0;
	if (strcmp(name, "zero") == 0) {
		*value = exact_int(0);
		return 1;
	}
	for (const char *c = name; *c; c++)
		h = h * 31 + (unsigned char)*c;
	*value = exact_int((long long)(h % 2001) - 1000); /* -1000 .. 1000 */
	return 1;
}

/* Checks a refusal: "at position N: reason" with N within the text. */
static void check_error(const struct lx_error *err, size_t len)
{
	unsigned long pos = 0;
	char colon = 0;

	CHECK(err->code == LX_EINVALID);
	CHECK(strcmp(err->field, "expression") == 0);
	CHECK(sscanf(err->message, "at position %lu%c", &pos, &colon) == 2);
	CHECK(colon == ':');
	CHECK(pos >= 1);
	CHECK(pos <= (len > EXPR_MAX_LEN ? EXPR_MAX_LEN : len) + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a;
	struct lx_error err = { 0 };
	struct expr *e, *again;
	const char **names, **names2;
	size_t n, n2, len;
	struct exact v = { 0, 1 }, v2 = { 0, 1 };
	int has, has2;
	char *text, *f, *g;

	if (size > 2 * EXPR_MAX_LEN)
		return 0;
	a = arena_new();
	/* the text ends at the first NUL, as a C string would */
	text = arena_strndup(a, (const char *)data, size);
	len = strlen(text);

	e = expr_parse(a, text, &err);
	if (!e) {
		check_error(&err, len);
		goto end;
	}
	CHECK(len <= EXPR_MAX_LEN);
	f = expr_format(e, a);
	n = expr_names(e, a, &names);
	has = expr_eval(e, lookup, NULL, &v);

	/* the canonical text may outgrow the limit: then it is refused */
	again = expr_parse(a, f, &err);
	if (strlen(f) > EXPR_MAX_LEN) {
		CHECK(!again);
		goto end;
	}
	if (!again) {
		fprintf(stderr, "canonical text refused: %s\n%s\n", err.message,
		        f);
		abort();
	}
	g = expr_format(again, a);
	if (strcmp(f, g) != 0) {
		fprintf(stderr, "round trip differs:\n%s\n%s\n", f, g);
		abort();
	}
	n2 = expr_names(again, a, &names2);
	CHECK(n == n2);
	for (size_t i = 0; i < n; i++)
		CHECK(strcmp(names[i], names2[i]) == 0);
	has2 = expr_eval(again, lookup, NULL, &v2);
	CHECK(has == has2);
	/* exact values: equal as fractions, and reduced alike */
	CHECK(!has || (v.num == v2.num && v.den == v2.den));
	CHECK(!has || v.den >= 1);
	/* with no lookup, a value means no name was needed */
	if (expr_eval(e, NULL, NULL, &v2))
		CHECK(has && v.num == v2.num && v.den == v2.den);
end:
	arena_free(a);
	return 0;
}
