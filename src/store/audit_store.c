#include "store/audit_store.h"

#include "store/db_internal.h"

int audit_store_insert(struct db *db, const struct audit_entry *e,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO audit (at, account_id, username, action, entity,"
	    " entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, e->at);
	if (e->account_id > 0)
		db_bind_int64(st, 2, e->account_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, e->username ? e->username : "");
	db_bind_text(st, 4, e->action);
	db_bind_text(st, 5, e->entity);
	db_bind_text(st, 6, e->entity_id ? e->entity_id : "");
	db_bind_text(st, 7, e->before);
	db_bind_text(st, 8, e->after);
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "audit");
	db_finish(db, st);
	return ret;
}

#define AUDIT_WHERE                                                            \
	" WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = "   \
	"?2)"                                                                  \
	" AND (?3 IS NULL OR username = ?3)"                                   \
	" AND (?4 IS NULL OR substr(at, 1, 10) >= ?4)"                         \
	" AND (?5 IS NULL OR substr(at, 1, 10) <= ?5)"

static void bind_filter(struct stmt *st, const struct audit_query *q)
{
	db_bind_opt_text(st, 1, q->entity);
	db_bind_opt_text(st, 2, q->entity_id);
	db_bind_opt_text(st, 3, q->username);
	db_bind_opt_text(st, 4, q->from);
	db_bind_opt_text(st, 5, q->to);
}

int audit_store_list(struct db *db, struct arena *a,
                     const struct audit_query *q, struct audit_entry **out,
                     size_t *n, long long *total, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT count(*) FROM audit" AUDIT_WHERE, err);
	struct audit_entry *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	bind_filter(st, q);
	*total = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	st = db_prepare(db,
	                "SELECT id, at, account_id, username, action, entity,"
	                " entity_id, before, after FROM audit" AUDIT_WHERE
	                " ORDER BY id DESC LIMIT ?6 OFFSET ?7",
	                err);
	if (!st)
		return -1;
	bind_filter(st, q);
	db_bind_int64(st, 6, q->per_page);
	db_bind_int64(st, 7, (q->page - 1) * q->per_page);
	while ((rc = db_step(st)) == DB_ROW) {
		struct audit_entry *e;

		v = arena_grow(a, v, len, &cap, sizeof(*v));
		e = &v[len++];
		e->id = db_col_int64(st, 0);
		e->at = db_col_text(a, st, 1);
		e->account_id = db_col_int64(st, 2);
		e->username = db_col_text(a, st, 3);
		e->action = db_col_text(a, st, 4);
		e->entity = db_col_text(a, st, 5);
		e->entity_id = db_col_text(a, st, 6);
		e->before = db_col_text(a, st, 7);
		e->after = db_col_text(a, st, 8);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "audit list");
	*out = v;
	*n = len;
	return 0;
}
