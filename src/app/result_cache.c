#include "app/result_cache.h"

#include "app/policy.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;
	uint64_t hash; /* of key: most entries are passed over without strcmp */
	struct policy_set *policies; /* a reference */
	uint64_t generation;
	uint64_t used; /* clock of the last hit, for eviction */
	char *text;
	size_t len;
};

struct result_cache {
	pthread_mutex_t lock;
	uint64_t generation, clock;
	size_t max_bytes, bytes;
	struct entry *v;
	size_t n, cap;
};

struct result_cache *result_cache_new(size_t max_bytes)
{
	struct result_cache *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	if (pthread_mutex_init(&c->lock, NULL)) {
		free(c);
		return NULL;
	}
	c->max_bytes = max_bytes;
	return c;
}

static void drop(struct result_cache *c, size_t i)
{
	struct entry *e = &c->v[i];

	c->bytes -= e->len;
	free(e->key);
	free(e->text);
	policy_set_unref(e->policies);
	c->v[i] = c->v[--c->n];
}

void result_cache_free(struct result_cache *c)
{
	if (!c)
		return;
	while (c->n)
		drop(c, c->n - 1);
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
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
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].hash == hash &&
		    c->v[i].generation == c->generation &&
		    c->v[i].policies == policies && !strcmp(c->v[i].key, key))
			return &c->v[i];
	return NULL;
}

/* Keeps a copy of text, dropping entries of older generations and then
 * the least recently used until it fits. Called with the lock held. */
static void keep(struct result_cache *c, struct app_ctx *ctx, const char *key,
                 uint64_t hash, uint64_t generation, const char *text,
                 size_t len)
{
	struct entry e = { 0 };

	if (len > c->max_bytes || generation != c->generation ||
	    find(c, key, hash, ctx->policies))
		return;
	for (size_t i = c->n; i-- > 0;)
		if (c->v[i].generation != c->generation)
			drop(c, i);
	while (c->n && c->bytes + len > c->max_bytes) {
		size_t old = 0;

		for (size_t i = 1; i < c->n; i++)
			if (c->v[i].used < c->v[old].used)
				old = i;
		drop(c, old);
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 8;
		struct entry *v = realloc(c->v, cap * sizeof(*v));

		if (!v)
			return;
		c->v = v;
		c->cap = cap;
	}
	e.key = strdup(key);
	e.hash = hash;
	e.text = malloc(len + 1);
	if (!e.key || !e.text) {
		free(e.key);
		free(e.text);
		return;
	}
	memcpy(e.text, text, len);
	e.text[len] = '\0';
	e.len = len;
	e.generation = generation;
	e.used = ++c->clock;
	e.policies = policy_set_ref(ctx->policies);
	c->v[c->n++] = e;
	c->bytes += len;
}

int app_cached_text(struct app_ctx *ctx, const char *key,
                    int (*fn)(struct app_ctx *ctx, void *arg, char **text,
                              size_t *len),
                    void *arg, char **text, size_t *len, int *hit)
{
	struct result_cache *c = ctx->cache;
	uint64_t generation = 0, hash = key_hash(key);
	int changed, ret;

	if (hit)
		*hit = 0;
	/* inside a caller's transaction the data may hold its uncommitted
	 * writes, which a rollback would undo behind the cache's back */
	if (db_in_transaction(ctx->db))
		c = NULL;
	if (db_begin_read(ctx->db, &ctx->err))
		return -1;
	if (c) {
		struct entry *e;

		pthread_mutex_lock(&c->lock);
		if (db_data_changed(ctx->db, &changed, &ctx->err)) {
			pthread_mutex_unlock(&c->lock);
			db_end_read(ctx->db);
			return -1;
		}
		if (changed)
			c->generation++;
		generation = c->generation;
		if ((e = find(c, key, hash, ctx->policies))) {
			e->used = ++c->clock;
			*text = arena_memdup(ctx->arena, e->text, e->len + 1);
			*len = e->len;
			pthread_mutex_unlock(&c->lock);
			db_end_read(ctx->db);
			if (hit)
				*hit = 1;
			return 0;
		}
		pthread_mutex_unlock(&c->lock);
	}
	/* computed outside the lock: other requests go on meanwhile */
	ret = fn(ctx, arg, text, len);
	db_end_read(ctx->db);
	if (!ret && c) {
		pthread_mutex_lock(&c->lock);
		keep(c, ctx, key, hash, generation, *text, *len);
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
