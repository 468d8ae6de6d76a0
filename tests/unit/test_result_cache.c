/* The result cache (app/result_cache.h) against a real database (a SQLite
 * file, or PostgreSQL when LAOXIAO_TEST_PG is set), with threads each on
 * its own connection: many askers of one missing key make one
 * computation and all get its text; a failed computation leaves its
 * waiters to compute for themselves; a write committed while an answer is
 * being computed keeps that answer from being served afterwards, also
 * when every check asks one watching connection, as the server's do; no
 * answer older than the writes committed before it was asked for, with
 * many askers against a writer; and the hash table and size limit against a
 * plain model over random keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctx.h"
#include "app/result_cache.h"
#include "core/region.h"
#include "core/region_code.h"
#include "store/region_store.h"
#include "support.h"

/* after the store headers: cmocka defines a macro "fail" */
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

enum { ASKERS = 8 };

static char tmpdir[256];
static char target[512];

static int group_setup(void **state)
{
	(void)state;
	return scratch_make(tmpdir, sizeof(tmpdir), "lx-result-cache");
}

static int group_teardown(void **state)
{
	(void)state;
	return scratch_remove(tmpdir);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A write through the store on its own connection, as another request's
 * would be. */
static void write_region(struct db *db, const char *code)
{
	struct region r;
	struct lx_error err;

	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "%s", code);
	r.name = (char *)code;
	r.level = (int)region_code_level(code);
	r.kind = REGION_ADMIN;
	lx_error_clear(&err);
	if (region_store_insert(db, &r, &err))
		fail_msg("region %s: %s", code, err.message);
}

/* ---- what the computations do --------------------------------------- */

static atomic_int computed;     /* calls of compute() */
static atomic_int arrived;      /* askers about to ask */
static atomic_int fail_first;   /* the first call fails */
static atomic_int started;      /* a call is under way */
static atomic_int may_finish;   /* ... and may return */
static atomic_int hold_for_ask; /* compute() waits for may_finish */

/* The answer is the number of the call: two askers given the same text
 * were given one computation. It waits until every asker has arrived and
 * a little more, so that they are waiting when it ends. */
static int compute(struct app_ctx *ctx, void *arg, char **text, size_t *len)
{
	int n = atomic_fetch_add(&computed, 1) + 1;

	(void)arg;
	atomic_store(&started, 1);
	if (atomic_load(&hold_for_ask))
		while (!atomic_load(&may_finish))
			sleep_ms(2);
	else {
		while (atomic_load(&arrived) < ASKERS)
			sleep_ms(2);
		sleep_ms(150);
	}
	if (n == 1 && atomic_load(&fail_first))
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "injected failure");
	*text = arena_strdup(ctx->arena, n == 1 ? "answer 1" : "answer n");
	*len = strlen(*text);
	return 0;
}

static int constant(struct app_ctx *ctx, void *arg, char **text, size_t *len)
{
	*text = arena_strdup(ctx->arena, arg);
	*len = strlen(*text);
	return 0;
}

/* ---- askers ---------------------------------------------------------- */

struct asker {
	struct db *db;
	struct result_cache *cache;
	pthread_barrier_t *go;
	int ret, hit;
	char text[32];
};

static int ask(struct asker *a, const char *key,
               int (*fn)(struct app_ctx *, void *, char **, size_t *),
               void *arg)
{
	struct app_ctx ctx;
	char *text = NULL;
	size_t len = 0;
	int ret;

	app_ctx_init(&ctx, a->db, &app_system_principal);
	ctx.cache = a->cache;
	ret = app_cached_text(&ctx, key, fn, arg, &text, &len, &a->hit);
	snprintf(a->text, sizeof(a->text), "%s", ret ? "" : text);
	if (!ret)
		assert_int_equal(len, strlen(text));
	app_ctx_done(&ctx);
	return ret;
}

static void *asker_run(void *arg)
{
	struct asker *a = arg;

	pthread_barrier_wait(a->go);
	atomic_fetch_add(&arrived, 1);
	a->ret = ask(a, "dashboard/511900000000", compute, NULL);
	return NULL;
}

/* Opens ASKERS connections and has each look once, so that a first look
 * (which counts as a change) does not happen during the test. */
static void askers_open(struct asker *a, struct result_cache *cache,
                        pthread_barrier_t *go)
{
	for (int i = 0; i < ASKERS; i++) {
		memset(&a[i], 0, sizeof(a[i]));
		a[i].db = db_open_ok(target);
		a[i].cache = cache;
		a[i].go = go;
		assert_int_equal(ask(&a[i], "warm", constant, "warm"), 0);
	}
}

static void askers_close(struct asker *a)
{
	for (int i = 0; i < ASKERS; i++)
		db_close(a[i].db);
}

static void run_askers(struct asker *a)
{
	pthread_t t[ASKERS];

	for (int i = 0; i < ASKERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, asker_run, &a[i]),
		                 0);
	for (int i = 0; i < ASKERS; i++)
		pthread_join(t[i], NULL);
}

static void reset(void)
{
	atomic_store(&computed, 0);
	atomic_store(&arrived, 0);
	atomic_store(&fail_first, 0);
	atomic_store(&started, 0);
	atomic_store(&may_finish, 0);
	atomic_store(&hold_for_ask, 0);
}

static void fresh_target(const char *name)
{
	struct db *db;

	if (db_target(target, sizeof(target), tmpdir, name))
		fail_msg("no database for %s", name);
	db = db_open_ok(target); /* migrates it */
	db_close(db);
}

/* ---- the tests ------------------------------------------------------- */

static void test_one_computation(void **state)
{
	struct result_cache *cache = result_cache_new(1 << 20);
	struct asker a[ASKERS];
	pthread_barrier_t go;
	int hits = 0;

	(void)state;
	reset();
	fresh_target("one");
	pthread_barrier_init(&go, NULL, ASKERS);
	askers_open(a, cache, &go);
	run_askers(a);
	assert_int_equal(atomic_load(&computed), 1);
	for (int i = 0; i < ASKERS; i++) {
		assert_int_equal(a[i].ret, 0);
		assert_string_equal(a[i].text, "answer 1");
		hits += a[i].hit;
	}
	/* the computer alone was not served */
	assert_int_equal(hits, ASKERS - 1);
	/* and it was kept: one more asker is served without computing */
	assert_int_equal(ask(&a[0], "dashboard/511900000000", compute, NULL),
	                 0);
	assert_string_equal(a[0].text, "answer 1");
	assert_int_equal(a[0].hit, 1);
	assert_int_equal(atomic_load(&computed), 1);
	askers_close(a);
	pthread_barrier_destroy(&go);
	result_cache_free(cache);
}

/* The failure is the computer's alone (its error, in its context); each
 * waiter then computes on its own and is answered. */
static void test_failed_computation(void **state)
{
	struct result_cache *cache = result_cache_new(1 << 20);
	struct asker a[ASKERS];
	pthread_barrier_t go;
	int failed = 0, answered = 0, n;

	(void)state;
	reset();
	atomic_store(&fail_first, 1);
	fresh_target("fail");
	pthread_barrier_init(&go, NULL, ASKERS);
	askers_open(a, cache, &go);
	run_askers(a);
	for (int i = 0; i < ASKERS; i++) {
		if (a[i].ret) {
			failed++;
		} else {
			assert_string_equal(a[i].text, "answer n");
			answered++;
		}
	}
	assert_int_equal(failed, 1);
	assert_int_equal(answered, ASKERS - 1);
	/* at least one more computation, at most one for each waiter */
	n = atomic_load(&computed);
	assert_true(n >= 2 && n <= ASKERS);
	askers_close(a);
	pthread_barrier_destroy(&go);
	result_cache_free(cache);
}

struct held {
	struct asker *a;
	int ret;
};

static void *held_run(void *arg)
{
	struct held *h = arg;

	h->ret = ask(h->a, "list/people", compute, NULL);
	return NULL;
}

/* An answer computed from a snapshot taken before a write, and finished
 * after it, is not served afterwards: the next asker, on any connection,
 * computes again. */
static void test_write_during_computation(void **state)
{
	struct result_cache *cache = result_cache_new(1 << 20);
	struct asker a[ASKERS];
	struct held h = { &a[0], -1 };
	pthread_barrier_t go;
	pthread_t t;

	(void)state;
	reset();
	atomic_store(&hold_for_ask, 1);
	fresh_target("write");
	pthread_barrier_init(&go, NULL, 1);
	askers_open(a, cache, &go);
	assert_int_equal(pthread_create(&t, NULL, held_run, &h), 0);
	while (!atomic_load(&started))
		sleep_ms(2);
	write_region(a[1].db, "510000000000");
	atomic_store(&may_finish, 1);
	pthread_join(t, NULL);
	assert_int_equal(h.ret, 0);
	assert_string_equal(a[0].text, "answer 1");
	for (int i = 2; i < 4; i++) {
		assert_int_equal(ask(&a[i], "list/people", compute, NULL), 0);
		assert_string_equal(a[i].text, "answer n");
	}
	/* the writer's own connection too */
	assert_int_equal(ask(&a[1], "list/people", compute, NULL), 0);
	assert_string_equal(a[1].text, "answer n");
	/* Each connection's first look after the write counts as a change
	 * (see result_cache.h), so each of those three computed again; from
	 * then on the answer is kept and served. */
	assert_int_equal(atomic_load(&computed), 4);
	assert_int_equal(ask(&a[2], "list/people", compute, NULL), 0);
	assert_string_equal(a[2].text, "answer n");
	assert_int_equal(a[2].hit, 1);
	assert_int_equal(atomic_load(&computed), 4);
	askers_close(a);
	pthread_barrier_destroy(&go);
	result_cache_free(cache);
}

/* The same with a watching connection, as the server runs it: the write
 * is seen once, at the first check after it, on whichever connection
 * asks; the answer computed before it is not served, the one computed
 * after it is served to every other connection, the writer's too, and a
 * connection asking for the first time is served what is kept. */
static void test_watched_write_during_computation(void **state)
{
	struct result_cache *cache = result_cache_new(1 << 20);
	struct asker a[ASKERS], fresh = { 0 };
	struct held h = { &a[0], -1 };
	pthread_barrier_t go;
	pthread_t t;

	(void)state;
	reset();
	atomic_store(&hold_for_ask, 1);
	fresh_target("watched");
	result_cache_watch(cache, db_open_ok(target));
	pthread_barrier_init(&go, NULL, 1);
	askers_open(a, cache, &go);
	assert_int_equal(pthread_create(&t, NULL, held_run, &h), 0);
	while (!atomic_load(&started))
		sleep_ms(2);
	write_region(a[1].db, "510000000000");
	atomic_store(&may_finish, 1);
	pthread_join(t, NULL);
	assert_int_equal(h.ret, 0);
	assert_string_equal(a[0].text, "answer 1");
	assert_int_equal(ask(&a[2], "list/people", compute, NULL), 0);
	assert_string_equal(a[2].text, "answer n");
	assert_int_equal(a[2].hit, 0);
	for (int i = 1; i < ASKERS; i++) {
		assert_int_equal(ask(&a[i], "list/people", compute, NULL), 0);
		assert_string_equal(a[i].text, "answer n");
		assert_int_equal(a[i].hit, 1);
	}
	fresh.db = db_open_ok(target);
	fresh.cache = cache;
	assert_int_equal(ask(&fresh, "list/people", compute, NULL), 0);
	assert_string_equal(fresh.text, "answer n");
	assert_int_equal(fresh.hit, 1);
	assert_int_equal(atomic_load(&computed), 2);
	/* a write from a connection that never asked is seen too */
	write_region(fresh.db, "520000000000");
	assert_int_equal(ask(&a[5], "list/people", compute, NULL), 0);
	assert_int_equal(a[5].hit, 0);
	assert_int_equal(atomic_load(&computed), 3);
	db_close(fresh.db);
	askers_close(a);
	pthread_barrier_destroy(&go);
	result_cache_free(cache);
}

/* ---- never older than what was committed before the asking ---------- */

static atomic_int committed; /* writes the writer has committed */
static atomic_int writing;   /* the writer is still at it */

enum { WRITES = 40 };

/* The number of regions, in the asker's snapshot. */
static int count_regions(struct app_ctx *ctx, void *arg, char **text,
                         size_t *len)
{
	struct region *rs;
	size_t n;

	(void)arg;
	if (region_store_subtree(ctx->db, ctx->arena, NULL, NULL, &rs, &n,
	                         &ctx->err))
		return -1;
	*text = arena_printf(ctx->arena, "%zu", n);
	*len = strlen(*text);
	return 0;
}

static void *writer_run(void *arg)
{
	struct db *db = arg;

	for (int k = 0; k < WRITES; k++) {
		char code[13];

		snprintf(code, sizeof(code), "%02d0000000000", 11 + k);
		write_region(db, code);
		atomic_store(&committed, k + 1);
		sleep_ms(k % 3);
	}
	atomic_store(&writing, 0);
	return NULL;
}

struct counter {
	struct asker a;
	int base, asked, stale;
};

/* Asks again and again while the writer writes: each answer must count
 * every write committed before the asking began. */
static void *counter_run(void *arg)
{
	struct counter *c = arg;

	while (atomic_load(&writing)) {
		int before = atomic_load(&committed);

		if (ask(&c->a, "regions", count_regions, NULL)) {
			c->stale = -1;
			break;
		}
		c->asked++;
		if (atoi(c->a.text) < c->base + before)
			c->stale++;
	}
	return NULL;
}

/* Many askers against a writer, with each connection's own checks and
 * with one watching connection's checks shared by every asker (one check
 * serving all who came while the one before was under way): no answer is
 * older than the writes committed before it was asked for. */
static void test_never_older_than_the_asking(void **state)
{
	(void)state;
	for (int watched = 0; watched < 2; watched++) {
		struct result_cache *cache = result_cache_new(1 << 20);
		struct counter c[ASKERS];
		pthread_t t[ASKERS], w;
		struct db *wdb;
		int base;

		reset();
		fresh_target(watched ? "never-older-watched" : "never-older");
		if (watched)
			result_cache_watch(cache, db_open_ok(target));
		wdb = db_open_ok(target);
		for (int i = 0; i < ASKERS; i++) {
			memset(&c[i], 0, sizeof(c[i]));
			c[i].a.db = db_open_ok(target);
			c[i].a.cache = cache;
		}
		assert_int_equal(ask(&c[0].a, "regions", count_regions, NULL),
		                 0);
		base = atoi(c[0].a.text);
		atomic_store(&committed, 0);
		atomic_store(&writing, 1);
		for (int i = 0; i < ASKERS; i++) {
			c[i].base = base;
			assert_int_equal(
			    pthread_create(&t[i], NULL, counter_run, &c[i]), 0);
		}
		assert_int_equal(pthread_create(&w, NULL, writer_run, wdb), 0);
		pthread_join(w, NULL);
		for (int i = 0; i < ASKERS; i++) {
			pthread_join(t[i], NULL);
			assert_int_equal(c[i].stale, 0);
			assert_true(c[i].asked > 0);
		}
		/* and once it is over, every asker sees every write */
		for (int i = 0; i < ASKERS; i++) {
			assert_int_equal(
			    ask(&c[i].a, "regions", count_regions, NULL), 0);
			assert_int_equal(atoi(c[i].a.text), base + WRITES);
			db_close(c[i].a.db);
		}
		db_close(wdb);
		result_cache_free(cache);
	}
}

/* Random keys against a model of the least-recently-used order: every
 * text served is the one kept for that key, and a key is served from the
 * cache exactly when the model still holds it within the byte limit. */
static void test_lru_model(void **state)
{
	enum { KEYS = 300, STEPS = 20000, LIMIT = 4000 };
	struct result_cache *cache = result_cache_new(LIMIT);
	static long used[KEYS]; /* the model: last use, 0 when not held */
	static size_t size[KEYS];
	struct asker a = { 0 };
	long clock = 0;
	unsigned seed = 23;

	(void)state;
	reset();
	fresh_target("lru");
	a.db = db_open_ok(target);
	a.cache = cache;
	memset(used, 0, sizeof(used));
	for (int k = 0; k < KEYS; k++)
		size[k] = 5 + (size_t)(k * 7919 % 23);
	/* the connection's first look (a change) before the model starts */
	assert_int_equal(ask(&a, "first", constant, "first"), 0);
	result_cache_free(cache);
	cache = a.cache = result_cache_new(LIMIT);
	for (int step = 0; step < STEPS; step++) {
		int k = (int)(rand_r(&seed) % KEYS);
		char key[32], text[40];
		size_t bytes = 0;

		snprintf(key, sizeof(key), "key/%d", k);
		snprintf(text, sizeof(text), "%0*d", (int)size[k], k);
		assert_int_equal(ask(&a, key, constant, text), 0);
		assert_string_equal(a.text, text);
		if (used[k]) {
			assert_int_equal(a.hit, 1);
		} else {
			assert_int_equal(a.hit, 0);
		}
		used[k] = ++clock;
		/* evict from the model as the cache must, oldest first */
		for (int i = 0; i < KEYS; i++)
			if (used[i])
				bytes += size[i];
		while (bytes > LIMIT) {
			int old = -1;

			for (int i = 0; i < KEYS; i++)
				if (used[i] && (old < 0 || used[i] < used[old]))
					old = i;
			bytes -= size[old];
			used[old] = 0;
		}
	}
	db_close(a.db);
	result_cache_free(cache);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_computation),
		cmocka_unit_test(test_failed_computation),
		cmocka_unit_test(test_write_during_computation),
		cmocka_unit_test(test_watched_write_during_computation),
		cmocka_unit_test(test_never_older_than_the_asking),
		cmocka_unit_test(test_lru_model),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
