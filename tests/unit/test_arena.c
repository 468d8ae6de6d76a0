/* Arena allocation and growable buffers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"

static int aligned(const void *p)
{
	return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

static void test_many_small(void **state)
{
	struct arena *a = arena_new();
	enum { N = 100000 };
	int **ptrs = arena_alloc(a, N * sizeof(*ptrs));

	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(i % 37 + 1) * sizeof(int);

		ptrs[i] = arena_alloc(a, n);
		assert_true(aligned(ptrs[i]));
		for (size_t k = 0; k < n / sizeof(int); k++) {
			assert_int_equal(ptrs[i][k], 0); /* zeroed */
			ptrs[i][k] = i;
		}
	}
	/* nothing overlapped */
	for (int i = 0; i < N; i++)
		for (size_t k = 0; k < (size_t)(i % 37 + 1); k++)
			assert_int_equal(ptrs[i][k], i);
	arena_free(a);
}

static void test_large(void **state)
{
	struct arena *a = arena_new();
	char *small1 = arena_alloc(a, 100);
	char *big = arena_alloc(a, 10 * 1024 * 1024);
	char *small2 = arena_alloc(a, 100);
	char *big2 = arena_alloc(a, 64 * 1024);

	assert_true(aligned(big));
	assert_true(aligned(big2));
	for (size_t i = 0; i < 10 * 1024 * 1024; i += 4096)
		assert_int_equal(big[i], 0);
	memset(big, 'x', 10 * 1024 * 1024);
	memset(small1, 'a', 100);
	memset(small2, 'b', 100);
	memset(big2, 'y', 64 * 1024);
	assert_int_equal(small1[99], 'a');
	assert_int_equal(small2[0], 'b');
	assert_int_equal(big[10 * 1024 * 1024 - 1], 'x');
	/* the small block stays in use after a large one */
	assert_true(small2 > small1 && small2 - small1 < 64 * 1024);
	arena_free(a);
}

static void test_zero_size(void **state)
{
	struct arena *a = arena_new();
	void *p = arena_alloc(a, 0);
	void *q = arena_alloc(a, 0);

	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_free(a);
	arena_free(NULL);
}

static void test_strings(void **state)
{
	struct arena *a = arena_new();
	const char src[] = "巴中市 elderly care";
	char *s = arena_strdup(a, src);
	char *big;

	assert_string_equal(s, src);
	assert_ptr_not_equal(s, src);
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(arena_strndup(a, "ab", 10), "ab");
	assert_string_equal(arena_strndup(a, "ab", 0), "");
	assert_null(arena_strdup(a, NULL));
	assert_null(arena_strndup(a, NULL, 5));
	assert_memory_equal(arena_memdup(a, "a\0b", 3), "a\0b", 3);
	assert_string_equal(arena_printf(a, "%s-%04d-%.2f", "x", 7, 1.5),
	                    "x-0007-1.50");
	big = arena_printf(a, "%100000d|", 1);
	assert_int_equal(strlen(big), 100001);
	assert_int_equal(big[99999], '1');
	arena_free(a);
}

static void test_abuf(void **state)
{
	struct arena *a = arena_new();
	struct abuf b;

	abuf_init(&b, a);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	for (int i = 0; i < 100000; i++)
		abuf_append(&b, &"0123456789"[i % 10], 1);
	assert_int_equal(b.len, 100000);
	assert_int_equal(b.data[b.len], '\0');
	assert_true(b.cap > b.len);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], '0' + i % 10);

	abuf_init(&b, a);
	abuf_puts(&b, "head:");
	abuf_printf(&b, "%d;", 42);
	abuf_printf(&b, "%1000s", "r"); /* past the initial capacity */
	abuf_puts(&b, ":tail");
	assert_int_equal(b.len, 5 + 3 + 1000 + 5);
	assert_memory_equal(b.data, "head:42; ", 9);
	assert_string_equal(b.data + b.len - 6, "r:tail");
	abuf_append(&b, "", 0);
	assert_int_equal(b.len, 1013);
	arena_free(a);
}

static void test_grow(void **state)
{
	struct arena *a = arena_new();
	long *v = NULL;
	size_t n = 0, cap = 0;

	for (long i = 0; i < 10000; i++) {
		v = arena_grow(a, v, n, &cap, sizeof(*v));
		assert_true(cap > n);
		assert_true(aligned(v));
		v[n++] = i * 7;
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (long)i * 7);
	/* room left: the same array comes back */
	assert_ptr_equal(arena_grow(a, v, n - 1, &cap, sizeof(*v)), v);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_small),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_zero_size),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_abuf),
		cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
