/*
 * The context of one use case: the connection, the arena that dies with the
 * request or command, who is acting, the clock reading, and the error. Every
 * app_* function takes one; the front ends build it.
 */
#ifndef LX_APP_CTX_H
#define LX_APP_CTX_H

#include "core/arena.h"
#include "core/error.h"
#include "core/role.h"
#include "store/db.h"

#include <jansson.h>

struct policy_set;
struct pii_keys;
struct result_cache;

struct app_ctx {
	struct db *db;
	struct arena *arena;
	const struct principal *who; /* never NULL: the CLI acts as admin */
	char now[21];                /* UTC, 2026-11-22T10:53:08Z */
	char today[11];              /* local date, YYYY-MM-DD */
	struct lx_error err;
	json_t *details; /* extra error detail (import row errors); owned */
	struct policy_set
	    *policies; /* borrowed for the use case; may be NULL */
	const struct pii_keys *keys; /* borrowed; NULL: no personal data */
	struct result_cache *cache;  /* borrowed; NULL: nothing is cached */
	/* the hash of the session cookie the request came with, so that a
	 * password change can end the account's other sessions only */
	unsigned char session[32];
	int has_session;
};

/* The principal the CLI acts as: an admin with no region limit. */
extern const struct principal app_system_principal;

/* Fills ctx with a new arena and the clock; caller calls app_ctx_done(). */
void app_ctx_init(struct app_ctx *ctx, struct db *db,
                  const struct principal *who);
void app_ctx_done(struct app_ctx *ctx);

/* Records a write: action ("create", "update", "close", "delete",
 * "import", "login" ...), entity and id, before / after (borrowed, may be
 * NULL). Must run inside the write's transaction. */
int app_audit(struct app_ctx *ctx, const char *action, const char *entity,
              const char *entity_id, json_t *before, json_t *after);

/* Runs body inside a transaction: begins, calls fn, commits on 0, rolls
 * back on -1. Inside an open transaction it is a savepoint instead, so use
 * cases compose (an import calls them row by row, all or nothing).
 * ctx->err is set on failure. */
int app_transaction(struct app_ctx *ctx, int (*fn)(struct app_ctx *, void *),
                    void *arg);

#endif
