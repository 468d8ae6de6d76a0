/* Personal identifiers at rest: the key file, sealing, hashing, masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "app/pii.h"

/* An ID number made for tests (GB 11643 example address and date). */
static const char *const ID = "11010519491231002X";

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/lx-pii-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static char *path(const char *name)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static void test_created_private_and_stable(void **state)
{
	struct lx_error err = { 0 };
	struct pii_keys *a, *b;
	unsigned char h1[PII_HASH_BYTES], h2[PII_HASH_BYTES];
	struct stat st;
	char *p = path("one.key");

	(void)state;
	a = pii_keys_open(p, &err);
	assert_non_null(a);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	b = pii_keys_open(p, &err);
	assert_non_null(b);
	pii_hash(a, ID, h1);
	pii_hash(b, ID, h2);
	assert_memory_equal(h1, h2, PII_HASH_BYTES);
	pii_keys_free(a);
	pii_keys_free(b);
}

static void test_hash_depends_on_key(void **state)
{
	struct lx_error err = { 0 };
	struct pii_keys *a = pii_keys_open(path("a.key"), &err);
	struct pii_keys *b = pii_keys_open(path("b.key"), &err);
	unsigned char h1[PII_HASH_BYTES], h2[PII_HASH_BYTES], plain[32];

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	pii_hash(a, ID, h1);
	pii_hash(b, ID, h2);
	assert_memory_not_equal(h1, h2, PII_HASH_BYTES);
	/* and is not the unkeyed hash anyone could compute */
	crypto_generichash(plain, sizeof(plain), (const unsigned char *)ID,
	                   strlen(ID), NULL, 0);
	assert_memory_not_equal(h1, plain, PII_HASH_BYTES);
	pii_keys_free(a);
	pii_keys_free(b);
}

static void test_seal_round_trip_and_tamper(void **state)
{
	struct lx_error err = { 0 };
	struct pii_keys *k = pii_keys_open(path("s.key"), &err);
	struct pii_keys *other = pii_keys_open(path("t.key"), &err);
	struct arena *a = arena_new();
	size_t len, len2;
	unsigned char *blob = pii_seal(k, a, ID, &len);
	unsigned char *blob2 = pii_seal(k, a, ID, &len2);

	(void)state;
	assert_int_equal(len, len2);
	/* a fresh nonce each time: equal numbers do not give equal blobs */
	assert_memory_not_equal(blob, blob2, len);
	/* the plaintext does not appear in the blob */
	assert_null(memmem(blob, len, ID, strlen(ID)));
	assert_string_equal(pii_open(k, a, blob, len), ID);
	assert_null(pii_open(other, a, blob, len));
	blob[len - 1] ^= 1;
	assert_null(pii_open(k, a, blob, len));
	assert_null(pii_open(k, a, blob, 5));
	arena_free(a);
	pii_keys_free(k);
	pii_keys_free(other);
}

static void test_refused_files(void **state)
{
	struct lx_error err = { 0 };
	char *p = path("open.key");
	struct pii_keys *k = pii_keys_open(p, &err);
	FILE *f;

	(void)state;
	assert_non_null(k);
	pii_keys_free(k);
	assert_int_equal(chmod(p, 0644), 0);
	assert_null(pii_keys_open(p, &err));
	assert_non_null(strstr(err.message, "chmod 600"));
	p = path("short.key");
	f = fopen(p, "w");
	fputs("short", f);
	fclose(f);
	assert_int_equal(chmod(p, 0600), 0);
	assert_null(pii_keys_open(p, &err));
	assert_non_null(strstr(err.message, "not a laoxiao key file"));
}

static void test_mask_phone(void **state)
{
	char out[32];

	(void)state;
	pii_mask_phone("13812345678", out, sizeof(out));
	assert_string_equal(out, "138****5678");
	pii_mask_phone("1234567", out, sizeof(out));
	assert_string_equal(out, "*******");
}

static void test_key_path(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_string_equal(pii_key_path(a, "data/laoxiao.db"),
	                    "data/laoxiao.db.key");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_created_private_and_stable),
		cmocka_unit_test(test_hash_depends_on_key),
		cmocka_unit_test(test_seal_round_trip_and_tamper),
		cmocka_unit_test(test_refused_files),
		cmocka_unit_test(test_mask_phone),
		cmocka_unit_test(test_key_path),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
