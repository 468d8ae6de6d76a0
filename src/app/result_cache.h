/*
 * Results worth keeping between requests (the indicators of every node of
 * a city take a few hundred milliseconds to compute, and a dashboard asks
 * again and again): text keyed by what was asked, valid while nothing is
 * written to the database and the policy set is the same one.
 *
 * Why a hit is never stale. The cache keeps a generation number; every
 * entry is tagged with the generation current when the snapshot it was
 * computed from was taken. Each lookup first takes a read snapshot on its
 * connection and, under the cache's lock, asks that connection whether
 * anything changed since it last asked (db_data_changed: PRAGMA
 * data_version moves when any other connection, in this process or
 * another, commits; the connection's own total of changed rows moves when
 * it writes; a connection asking for the first time counts as changed).
 * If so the generation goes up. Take a write committed at some moment:
 * the first check after that moment, on whichever connection, is on a
 * connection whose previous check came before the write (or that never
 * checked), so it sees the change and raises the generation. Every entry
 * whose snapshot missed the write was tagged at a check before it, so with
 * a lower generation, and can no longer be hit. The snapshot is taken in
 * the same locked step as the check, so no write slips between them.
 * Policy reloads make a new set: an entry holds a reference to its set,
 * so a set's address is never reused while an entry names it. A rise of
 * the generation drops every entry at once (none could be hit again).
 * A cost of this scheme: after a write, each connection's first look
 * raises the generation again, so a key may be computed once more per
 * connection before it stays kept.
 *
 * A server avoids that cost with a watching connection of its own
 * (result_cache_watch): every check asks it, under the lock, instead of
 * the asker's connection, so a write raises the generation once, at the
 * first check after it, and a connection asking for the first time is
 * not a change. The asker's snapshot is then taken after the check (by
 * its computation's first read), never before it: at the check, every
 * write committed before the previous check was seen by that check, and
 * any committed since is seen now, so an entry of the current generation
 * was computed from a snapshot holding every write committed before this
 * check, and is what this asker would have computed (or newer, which only
 * drops it earlier). A hit or a wait then takes no snapshot at all.
 *
 * The watching connection's checks run one at a time and without the
 * lock (on PostgreSQL each is a round trip to the server): an asker waits
 * for the first check that begins after it asked, or runs it when none is
 * under way. A check under way when it asked may have read the version
 * before a write the asker already saw committed, so it does not count;
 * the next one does, as if the asker had made it itself, and serves at
 * once every asker that came meanwhile. One round trip then answers a
 * crowd, not one request, and no request holds the lock across it.
 *
 * One computation per miss. The first asker of a missing key computes it
 * as a "flight" tagged with the generation it saw; whoever then asks for
 * the same key, policy set and generation waits (on the flight's
 * condition variable, holding no snapshot) and is given its text, as it
 * would have been given an entry kept under that generation: the same
 * freshness argument holds. An asker that saw a newer generation starts a
 * flight of its own, and the older flight's answer is not kept (keep
 * refuses a past generation). If the computation fails, its error stays
 * with its own asker (it may be that request's alone: out of memory, a
 * lost connection) and each waiter computes for itself, without a flight,
 * so that they do not queue behind each other's failures; nothing failed
 * is ever kept. A computation's own cached calls run inside its snapshot
 * and are computed directly, so no flight waits on another.
 *
 * Entries are found through a hash table and evicted least recently used
 * first from a list, both in constant time.
 */
#ifndef LX_APP_RESULT_CACHE_H
#define LX_APP_RESULT_CACHE_H

#include "app/ctx.h"

#include <stddef.h>

struct result_cache;

/* A cache holding at most max_bytes of text (least recently used goes
 * first). NULL if out of memory. */
struct result_cache *result_cache_new(size_t max_bytes);
void result_cache_free(struct result_cache *c); /* NULL is a no-op */

/* Every check asks db from now on (see above); the cache owns db and
 * closes it when freed. Called before the cache is shared: askers read
 * the setting without the lock. */
void result_cache_watch(struct result_cache *c, struct db *db);

/* The text for key: from ctx->cache when an entry is still valid, else
 * computed by fn (inside one read snapshot, so its queries agree with each
 * other) and kept. Without ctx->cache it is just computed. *text is
 * arena-owned; *hit, if not NULL, says whether it came from the cache or
 * from another asker's computation.
 * fn returns 0, or -1 with ctx->err (nothing is kept then). */
int app_cached_text(struct app_ctx *ctx, const char *key,
                    int (*fn)(struct app_ctx *ctx, void *arg, char **text,
                              size_t *len),
                    void *arg, char **text, size_t *len, int *hit);

/* The same for a JSON document: fn builds it (NULL with ctx->err), kept
 * as its compact text. */
int app_cached_json(struct app_ctx *ctx, const char *key,
                    json_t *(*fn)(struct app_ctx *ctx, void *arg), void *arg,
                    char **text, size_t *len, int *hit);

#endif
