#include "app/result_cache.h"

#include "app/policy.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A kept answer: in one chain of the hash table and in the list from most
 * to least recently used. */
struct entry {
	char *key;
	uint64_t hash; /* of key: chains are passed over cheaply */
	struct policy_set *policies; /* a reference */
	uint64_t generation;
	char *text;
	size_t len;
	struct entry *chain;         /* next in the same bucket */
	struct entry *newer, *older; /* recency list */
};

/* An answer being computed: the first asker computes, later askers of the
 * same key, policy set and generation wait on done_cond for its text. */
struct flight {
	const char *key; /* the computer's; read only while on the list */
	uint64_t hash;
	const struct policy_set *policies;
	uint64_t generation;
	pthread_cond_t done_cond;
	int done, failed;
	char *text; /* a copy for the waiters, once done and not failed */
	size_t len;
	unsigned refs; /* the computer and each waiter; last one frees */
	struct flight *next;
};

struct result_cache {
	pthread_mutex_t lock;
	uint64_t generation;
	size_t max_bytes, bytes;
	struct entry **buckets; /* nbuckets, a power of two */
	size_t nbuckets, n;
	struct entry *newest, *oldest;
	/* at most one a connection asks for at a time, so a short list */
	struct flight *flights;
	/* the connection every check asks; NULL: each asker's own (see
	 * result_cache.h). Its checks run one at a time, outside the lock:
	 * checks_started and checks_done count them, checking says one is
	 * under way, check_cond is signalled when it ends. */
	struct db *watch;
	uint64_t checks_started, checks_done;
	int checking;
	pthread_cond_t check_cond;
};

enum { FIRST_BUCKETS = 64 };

struct result_cache *result_cache_new(size_t max_bytes)
{
	struct result_cache *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->buckets = calloc(FIRST_BUCKETS, sizeof(*c->buckets));
	if (!c->buckets || pthread_mutex_init(&c->lock, NULL)) {
		free(c->buckets);
		free(c);
		return NULL;
	}
	if (pthread_cond_init(&c->check_cond, NULL)) {
		pthread_mutex_destroy(&c->lock);
		free(c->buckets);
		free(c);
		return NULL;
	}
	c->nbuckets = FIRST_BUCKETS;
	c->max_bytes = max_bytes;
	return c;
}

static void unlink_recency(struct result_cache *c, struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(struct result_cache *c, struct entry *e)
{
	e->newer = NULL;
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	else
		c->oldest = e;
	c->newest = e;
}

static void free_entry(struct entry *e)
{
	free(e->key);
	free(e->text);
	policy_set_unref(e->policies);
	free(e);
}

static void drop(struct result_cache *c, struct entry *e)
{
	struct entry **p = &c->buckets[e->hash & (c->nbuckets - 1)];

	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	unlink_recency(c, e);
	c->bytes -= e->len;
	c->n--;
	free_entry(e);
}

/* Every entry goes: each was kept under the generation that just ended
 * (keep refuses any other), so none can be hit again. */
static void drop_all(struct result_cache *c)
{
	struct entry *e = c->newest;

	while (e) {
		struct entry *older = e->older;

		free_entry(e);
		e = older;
	}
	memset(c->buckets, 0, c->nbuckets * sizeof(*c->buckets));
	c->newest = c->oldest = NULL;
	c->n = 0;
	c->bytes = 0;
}

void result_cache_free(struct result_cache *c)
{
	if (!c)
		return;
	drop_all(c);
	db_close(c->watch);
	free(c->buckets);
	pthread_cond_destroy(&c->check_cond);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void result_cache_watch(struct result_cache *c, struct db *db)
{
	pthread_mutex_lock(&c->lock);
	db_close(c->watch);
	c->watch = db;
	pthread_mutex_unlock(&c->lock);
}

/* A change seen: every kept entry is of the generation that ends. Lock
 * held. */
static void changed_now(struct result_cache *c)
{
	c->generation++;
	drop_all(c);
}

/*
 * A check of the watching connection that began after this call, waited
 * for or run (see result_cache.h). Called and returns with the lock held;
 * the round trip itself runs without it, so one check serves every asker
 * that came while the one before was under way. A failed check counts
 * for no one: its error is its runner's, and whoever waits starts
 * another.
 */
static int watched_check(struct result_cache *c, struct lx_error *err)
{
	uint64_t need = c->checks_started + 1;

	while (c->checks_done < need) {
		int changed = 0, rc;

		if (c->checking) {
			pthread_cond_wait(&c->check_cond, &c->lock);
			continue;
		}
		c->checking = 1;
		c->checks_started++;
		pthread_mutex_unlock(&c->lock);
		rc = db_data_changed(c->watch, &changed, err);
		pthread_mutex_lock(&c->lock);
		c->checking = 0;
		if (rc)
			c->checks_started = c->checks_done;
		else
			c->checks_done = c->checks_started;
		if (!rc && changed)
			changed_now(c);
		pthread_cond_broadcast(&c->check_cond);
		if (rc)
			return -1;
	}
	return 0;
}

/* FNV-1a: list pages make many keys that differ only near the end. */
static uint64_t key_hash(const char *key)
{
	uint64_t h = 14695981039346656037ULL;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

static struct entry *find(struct result_cache *c, const char *key,
                          uint64_t hash, const struct policy_set *policies)
{
	for (struct entry *e = c->buckets[hash & (c->nbuckets - 1)]; e;
	     e = e->chain)
		if (e->hash == hash && e->generation == c->generation &&
		    e->policies == policies && !strcmp(e->key, key))
			return e;
	return NULL;
}

/* Twice the buckets once there are as many entries as buckets, so chains
 * stay about one long. Out of memory leaves the table as it was. */
static void grow(struct result_cache *c)
{
	size_t nb = 2 * c->nbuckets;
	struct entry **b = calloc(nb, sizeof(*b));

	if (!b)
		return;
	for (size_t i = 0; i < c->nbuckets; i++)
		for (struct entry *e = c->buckets[i], *next; e; e = next) {
			next = e->chain;
			e->chain = b[e->hash & (nb - 1)];
			b[e->hash & (nb - 1)] = e;
		}
	free(c->buckets);
	c->buckets = b;
	c->nbuckets = nb;
}

/* Keeps a copy of text if it was computed under the current generation,
 * dropping the least recently used until it fits. Called with the lock
 * held. */
static void keep(struct result_cache *c, struct app_ctx *ctx, const char *key,
                 uint64_t hash, uint64_t generation, const char *text,
                 size_t len)
{
	struct entry *e;
	size_t b;

	if (len > c->max_bytes || generation != c->generation ||
	    find(c, key, hash, ctx->policies))
		return;
	while (c->oldest && c->bytes + len > c->max_bytes)
		drop(c, c->oldest);
	if (c->n >= c->nbuckets)
		grow(c);
	e = calloc(1, sizeof(*e));
	if (!e)
		return;
	e->key = strdup(key);
	e->text = malloc(len + 1);
	if (!e->key || !e->text) {
		free(e->key);
		free(e->text);
		free(e);
		return;
	}
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	e->len = len;
	e->hash = hash;
	e->generation = generation;
	e->policies = policy_set_ref(ctx->policies);
	b = hash & (c->nbuckets - 1);
	e->chain = c->buckets[b];
	c->buckets[b] = e;
	push_newest(c, e);
	c->n++;
	c->bytes += len;
}

static struct flight *find_flight(struct result_cache *c, const char *key,
                                  uint64_t hash,
                                  const struct policy_set *policies,
                                  uint64_t generation)
{
	for (struct flight *f = c->flights; f; f = f->next)
		if (f->hash == hash && f->generation == generation &&
		    f->policies == policies && !strcmp(f->key, key))
			return f;
	return NULL;
}

static struct flight *start_flight(struct result_cache *c, const char *key,
                                   uint64_t hash,
                                   const struct policy_set *policies,
                                   uint64_t generation)
{
	struct flight *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	if (pthread_cond_init(&f->done_cond, NULL)) {
		free(f);
		return NULL;
	}
	f->key = key;
	f->hash = hash;
	f->policies = policies;
	f->generation = generation;
	f->refs = 1;
	f->next = c->flights;
	c->flights = f;
	return f;
}

/* Called with the lock held by each of the computer and the waiters. */
static void release_flight(struct flight *f)
{
	if (--f->refs)
		return;
	pthread_cond_destroy(&f->done_cond);
	free(f->text);
	free(f);
}

/* The computer's end of a flight: off the list (no one joins any more),
 * its answer (or failure) handed to whoever waits. Lock held. */
static void land_flight(struct result_cache *c, struct flight *f,
                        const char *text, size_t len, int failed)
{
	struct flight **p = &c->flights;

	while (*p != f)
		p = &(*p)->next;
	*p = f->next;
	f->done = 1;
	f->failed = failed;
	if (!failed && f->refs > 1) {
		f->text = malloc(len + 1);
		if (f->text) {
			memcpy(f->text, text, len);
			f->text[len] = '\0';
			f->len = len;
		} else {
			f->failed = 1; /* the waiters compute it themselves */
		}
	}
	pthread_cond_broadcast(&f->done_cond);
	release_flight(f);
}

int app_cached_text(struct app_ctx *ctx, const char *key,
                    int (*fn)(struct app_ctx *ctx, void *arg, char **text,
                              size_t *len),
                    void *arg, char **text, size_t *len, int *hit)
{
	struct result_cache *c = ctx->cache;
	uint64_t generation = 0, hash = key_hash(key);
	struct flight *mine = NULL;
	struct db *watch;
	int changed, ret, may_wait = 1;

	if (hit)
		*hit = 0;
	/* inside a caller's transaction the data may hold its uncommitted
	 * writes, which a rollback would undo behind the cache's back */
	if (db_in_transaction(ctx->db))
		c = NULL;
	/* set once at start-up, before any asker */
	watch = c ? c->watch : NULL;
again:
	/* with a watching connection the asker's snapshot is taken after the
	 * check, by fn's first read (see result_cache.h); a hit or a wait
	 * needs none */
	if (!watch && db_begin_read(ctx->db, &ctx->err))
		return -1;
	if (c) {
		struct entry *e;
		struct flight *f;

		pthread_mutex_lock(&c->lock);
		if (watch ? watched_check(c, &ctx->err)
		          : db_data_changed(ctx->db, &changed, &ctx->err)) {
			pthread_mutex_unlock(&c->lock);
			db_end_read(ctx->db);
			return -1;
		}
		if (!watch && changed)
			changed_now(c);
		generation = c->generation;
		if ((e = find(c, key, hash, ctx->policies))) {
			unlink_recency(c, e);
			push_newest(c, e);
			*text = arena_memdup(ctx->arena, e->text, e->len + 1);
			*len = e->len;
			pthread_mutex_unlock(&c->lock);
			db_end_read(ctx->db);
			if (hit)
				*hit = 1;
			return 0;
		}
		f = may_wait
		        ? find_flight(c, key, hash, ctx->policies, generation)
		        : NULL;
		if (f) {
			/* Computed from a snapshot of this same generation:
			 * as good as an entry it would have kept, which this
			 * check would have hit. No snapshot is held while
			 * waiting. */
			db_end_read(ctx->db);
			f->refs++;
			while (!f->done)
				pthread_cond_wait(&f->done_cond, &c->lock);
			if (!f->failed) {
				*text = arena_memdup(ctx->arena, f->text,
				                     f->len + 1);
				*len = f->len;
				if (hit)
					*hit = 1;
			}
			ret = f->failed ? -1 : 0;
			release_flight(f);
			pthread_mutex_unlock(&c->lock);
			if (!ret)
				return 0;
			/* The failure was the computer's (its error is in its
			 * own context): this asker computes on its own, not
			 * as a flight others would queue behind one by one. */
			may_wait = 0;
			goto again;
		}
		/* fn runs inside the read snapshot, so any cached call it
		 * makes itself computes directly (see above): a computer
		 * never waits on another flight, and no two wait on each
		 * other. */
		if (may_wait)
			mine = start_flight(c, key, hash, ctx->policies,
			                    generation);
		pthread_mutex_unlock(&c->lock);
	}
	/* computed outside the lock: other requests go on meanwhile */
	ret = watch && db_begin_read(ctx->db, &ctx->err)
	          ? -1
	          : fn(ctx, arg, text, len);
	db_end_read(ctx->db);
	if (c) {
		pthread_mutex_lock(&c->lock);
		if (!ret)
			keep(c, ctx, key, hash, generation, *text, *len);
		if (mine)
			land_flight(c, mine, ret ? NULL : *text, ret ? 0 : *len,
			            ret != 0);
		pthread_mutex_unlock(&c->lock);
	}
	return ret;
}

struct json_builder {
	json_t *(*fn)(struct app_ctx *ctx, void *arg);
	void *arg;
};

static int json_text(struct app_ctx *ctx, void *arg, char **text, size_t *len)
{
	const struct json_builder *b = arg;
	json_t *doc = b->fn(ctx, b->arg);
	char *dumped;

	if (!doc)
		return -1;
	dumped = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (!dumped)
		return lx_fail(&ctx->err, LX_EINTERNAL, "", "out of memory");
	*len = strlen(dumped);
	*text = arena_memdup(ctx->arena, dumped, *len + 1);
	free(dumped);
	return 0;
}

int app_cached_json(struct app_ctx *ctx, const char *key,
                    json_t *(*fn)(struct app_ctx *ctx, void *arg), void *arg,
                    char **text, size_t *len, int *hit)
{
	struct json_builder b = { fn, arg };

	return app_cached_text(ctx, key, json_text, &b, text, len, hit);
}
