#include "app/ctx.h"

#include "store/audit_store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

const struct principal app_system_principal = {
	.account_id = 0,
	.username = "system",
	.role = ROLE_ADMIN,
	.region = "",
};

void app_ctx_init(struct app_ctx *ctx, struct db *db,
                  const struct principal *who)
{
	time_t t = time(NULL);
	struct tm utc, local;

	memset(ctx, 0, sizeof(*ctx));
	ctx->db = db;
	ctx->arena = arena_new();
	ctx->who = who ? who : &app_system_principal;
	gmtime_r(&t, &utc);
	localtime_r(&t, &local);
	strftime(ctx->now, sizeof(ctx->now), "%Y-%m-%dT%H:%M:%SZ", &utc);
	strftime(ctx->today, sizeof(ctx->today), "%Y-%m-%d", &local);
}

void app_ctx_done(struct app_ctx *ctx)
{
	arena_free(ctx->arena);
	ctx->arena = NULL;
	if (ctx->details)
		json_decref(ctx->details);
	ctx->details = NULL;
}

static char *dump(struct app_ctx *ctx, json_t *j)
{
	char *s, *copy;

	if (!j)
		return NULL;
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	copy = arena_strdup(ctx->arena, s);
	free(s);
	return copy;
}

int app_audit(struct app_ctx *ctx, const char *action, const char *entity,
              const char *entity_id, json_t *before, json_t *after)
{
	struct audit_entry e = {
		.at = ctx->now,
		.account_id = ctx->who->account_id,
		.username = (char *)ctx->who->username,
		.action = (char *)action,
		.entity = (char *)entity,
		.entity_id = (char *)entity_id,
		.before = dump(ctx, before),
		.after = dump(ctx, after),
	};

	return audit_store_insert(ctx->db, &e, &ctx->err);
}

int app_transaction(struct app_ctx *ctx, int (*fn)(struct app_ctx *, void *),
                    void *arg)
{
	/* inside a caller's transaction (an import calling a use case per
	 * row) the work is a savepoint: undone alone on failure, committed
	 * or not with the whole */
	if (db_in_transaction(ctx->db)) {
		if (db_savepoint(ctx->db, &ctx->err))
			return -1;
		if (fn(ctx, arg)) {
			db_rollback_savepoint(ctx->db);
			return -1;
		}
		return db_release(ctx->db, &ctx->err);
	}
	if (db_begin(ctx->db, &ctx->err))
		return -1;
	if (fn(ctx, arg)) {
		db_rollback(ctx->db);
		return -1;
	}
	return db_commit(ctx->db, &ctx->err);
}
