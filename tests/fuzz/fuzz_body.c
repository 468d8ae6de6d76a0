/*
 * libFuzzer target for JSON request bodies through the validators: the
 * input is read as the HTTP layer reads a body (json_loadb, duplicate keys
 * refused) and given to the create use cases of a facility
 * (app/facilities.c, app/fields.c) and of a person (app/people.c), acting
 * as the admin on a database in a scratch folder that holds 四川省 >
 * 巴中市 > 巴州区. Each attempt runs inside a transaction that is rolled
 * back afterwards, so every input meets the same database. For every
 * input and each use case:
 *   - it either answers or fails, never both, and never with an internal
 *     error (bad input is the caller's fault, not a 500);
 *   - a refusal names a field the body holds, or a field of the record, or
 *     none for a body that is not an object; and it changes no row of any
 *     table;
 *   - an accepted facility adds one facility and one audit record; read
 *     back it is what was answered; and the answer, sent back as an
 *     update, is accepted and changes nothing (the output is valid input);
 *   - an accepted person adds one person and one audit record, and the
 *     answer shows no identity number in clear.
 * Any difference aborts. With LX_FUZZ_VERBOSE set, each answer is printed
 * (to see what a corpus reaches). Build and run: see tests/fuzz/README.md.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/ctx.h"
#include "app/facilities.h"
#include "app/fields.h"
#include "app/people.h"
#include "app/pii.h"
#include "core/region.h"
#include "core/region_code.h"
#include "store/db_internal.h"
#include "store/region_store.h"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char dir[64], db_path[128], key_path[128];
static struct db *db;
static struct pii_keys *keys;

static void cleanup(void)
{
	db_close(db);
	pii_keys_free(keys);
	unlink(db_path);
	unlink(key_path);
	for (const char *const *x = (const char *const[]){ "-wal", "-shm", 0 };
	     *x; x++) {
		char p[160];

		snprintf(p, sizeof(p), "%s%s", db_path, *x);
		unlink(p);
	}
	rmdir(dir);
}

static void put_region(const char *code, const char *name, const char *parent)
{
	struct region r;
	struct lx_error err = { 0 };

	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "%s", code);
	r.name = (char *)name;
	r.level = (int)region_code_level(code);
	r.kind = REGION_ADMIN;
	snprintf(r.parent, sizeof(r.parent), "%s", parent);
	CHECK(region_store_insert(db, &r, &err) == 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct lx_error err = { 0 };

	(void)argc;
	(void)argv;
	CHECK(sodium_init() >= 0); /* as main() does, for the sealed fields */
	snprintf(dir, sizeof(dir), "/tmp/lx-fuzz-body-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db_path, sizeof(db_path), "%s/fuzz.db", dir);
	snprintf(key_path, sizeof(key_path), "%s/fuzz.db.key", dir);
	db = db_open(db_path, &err);
	CHECK(db != NULL);
	keys = pii_keys_open(key_path, &err);
	CHECK(keys != NULL);
	atexit(cleanup);
	put_region("510000000000", "四川省", "");
	put_region("511900000000", "巴中市", "510000000000");
	put_region("511902000000", "巴州区", "511900000000");
	return 0;
}

/* Rows in every table, each counted: a refusal must leave all of them. */
static long long count(const char *table)
{
	struct lx_error err = { 0 };
	char sql[128];
	struct stmt *st;
	long long n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", table);
	CHECK((st = db_prepare(db, sql, &err)) != NULL);
	if (db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_finish(db, st);
	return n;
}

static json_t *all_counts(void)
{
	struct lx_error err = { 0 };
	json_t *o = json_object();
	struct stmt *st;

	CHECK((st = db_prepare(db,
	                       "SELECT name FROM sqlite_master WHERE type = "
	                       "'table' AND name NOT LIKE 'sqlite_%'",
	                       &err)) != NULL);
	while (db_step(st) == DB_ROW) {
		const char *t = db_col_str(st, 0);

		json_object_set_new(o, t, json_integer(count(t)));
	}
	db_finish(db, st);
	return o;
}

/* A key of the body, or one cut to fit the error's field (63 bytes). */
static int names_key(json_t *body, const char *f)
{
	size_t n = strlen(f);
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v)
	{
		if (!strcmp(key, f) ||
		    (n == sizeof(((struct lx_error *)0)->field) - 1 &&
		     !strncmp(key, f, n)))
			return 1;
	}
	return 0;
}

static void check_refusal(const struct app_ctx *ctx, json_t *body,
                          const struct field_table *fields)
{
	const char *f = ctx->err.field;

	CHECK(ctx->err.code != LX_OK);
	CHECK(ctx->err.code != LX_EINTERNAL);
	CHECK(ctx->err.message[0]);
	if (ctx->err.code == LX_EMALFORMED)
		return;
	/* "" only for a key that is "" */
	CHECK(f[0] || names_key(body, f));
	CHECK(!fields || field_find(fields, f) || names_key(body, f));
}

/* The counts before and after, less what an accepted create adds. */
static void check_counts(json_t *before, json_t *after, const char *table,
                         int added)
{
	const char *t;
	json_t *n;

	json_object_foreach(before, t, n)
	{
		long long want = json_integer_value(n);

		if (added && (!strcmp(t, table) || !strcmp(t, "audit")))
			want++;
		if (added && !strcmp(t, "capacity"))
			continue; /* a facility has a capacity entry or not */
		if (added && !strcmp(t, "person_category"))
			continue; /* one row per category given */
		if (want != json_integer_value(json_object_get(after, t))) {
			fprintf(stderr, "table %s: %lld rows, expected %lld\n",
			        t,
			        json_integer_value(json_object_get(after, t)),
			        want);
			abort();
		}
	}
}

static void facility(json_t *body)
{
	struct app_ctx ctx;
	struct lx_error err = { 0 };
	json_t *before, *after, *got, *read, *same, *again;
	long long id;

	CHECK(db_begin(db, &err) == 0);
	before = all_counts();
	app_ctx_init(&ctx, db, NULL);
	got = app_facility_create(&ctx, body);
	after = all_counts();
	if (getenv("LX_FUZZ_VERBOSE"))
		fprintf(stderr, "facility: %s %s\n",
		        got ? "accepted" : ctx.err.field,
		        got ? "" : ctx.err.message);
	if (!got) {
		check_refusal(&ctx, body, &facility_fields);
		check_counts(before, after, "facility", 0);
		goto end;
	}
	CHECK(ctx.err.code == LX_OK);
	check_counts(before, after, "facility", 1);
	id = json_integer_value(json_object_get(got, "id"));
	CHECK(id > 0);
	read = app_facility_get(&ctx, id, NULL);
	CHECK(read != NULL);
	CHECK(json_equal(read, got));

	/* what was answered is accepted back as is and changes nothing */
	same = json_deep_copy(got);
	json_object_del(same, "id");
	json_object_del(same, "region_name");
	again = app_facility_update(&ctx, id, same);
	if (!again) {
		fprintf(stderr, "answer refused as an update: %s: %s\n",
		        ctx.err.field, ctx.err.message);
		abort();
	}
	CHECK(json_equal(again, got));
	json_decref(again);
	json_decref(same);
	json_decref(read);
	json_decref(got);
end:
	json_decref(before);
	json_decref(after);
	app_ctx_done(&ctx);
	db_rollback(db);
}

static void person(json_t *body)
{
	struct app_ctx ctx;
	struct lx_error err = { 0 };
	json_t *before, *after, *got;
	const char *idn;
	char *text;

	CHECK(db_begin(db, &err) == 0);
	before = all_counts();
	app_ctx_init(&ctx, db, NULL);
	ctx.keys = keys;
	got = app_person_create(&ctx, body);
	after = all_counts();
	if (getenv("LX_FUZZ_VERBOSE"))
		fprintf(stderr, "person: %s %s\n",
		        got ? "accepted" : ctx.err.field,
		        got ? "" : ctx.err.message);
	if (!got) {
		check_refusal(&ctx, body, NULL);
		check_counts(before, after, "person", 0);
		goto end;
	}
	CHECK(ctx.err.code == LX_OK);
	check_counts(before, after, "person", 1);
	idn = json_string_value(json_object_get(body, "id_number"));
	text = json_dumps(got, 0);
	CHECK(text != NULL);
	if (idn && strlen(idn) >= 18) {
		/* unless another field of the body repeats it */
		json_t *rest = json_deep_copy(body);
		char *others;

		json_object_del(rest, "id_number");
		others = json_dumps(rest, 0);
		CHECK(others != NULL);
		CHECK(strstr(others, idn + 6) || !strstr(text, idn + 6));
		free(others);
		json_decref(rest);
	}
	free(text);
	json_decref(got);
end:
	json_decref(before);
	json_decref(after);
	app_ctx_done(&ctx);
	db_rollback(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *body;

	if (size > 64 * 1024)
		return 0;
	body =
	    json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!body)
		return 0;
	facility(body);
	person(body);
	json_decref(body);
	return 0;
}
