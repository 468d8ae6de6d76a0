#include "store/service_entitlement_store.h"

#include "store/db_internal.h"

#include <string.h>

#define ROW_COLS                                                               \
	"e.id, e.scheme, e.person_id, p.name, e.region, e.year,"               \
	" e.granted_fen, e.used_fen, e.basis, e.granted_by, e.granted_at"

static void read_row(struct arena *a, struct stmt *st, void *elem)
{
	struct entitlement_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->scheme = db_col_text(a, st, 1);
	r->person_id = db_col_int64(st, 2);
	r->person_name = db_col_text(a, st, 3);
	db_col_copy(r->region, sizeof(r->region), st, 4);
	r->year = db_col_int(st, 5);
	r->granted_fen = db_col_int64(st, 6);
	r->used_fen = db_col_int64(st, 7);
	r->basis = db_col_text(a, st, 8);
	r->granted_by = db_col_int64(st, 9);
	r->granted_at = db_col_text(a, st, 10);
}

int entitlement_store_insert(struct db *db, struct entitlement_row *r,
                             int *inserted, struct lx_error *err)
{
	/* the UNIQUE (scheme, person_id, year) makes a second grant, or a
	 * run racing another, a no-op rather than an error */
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO entitlement (scheme, person_id, region, year,"
	    " granted_fen, used_fen, basis, granted_by, granted_at)"
	    " VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)"
	    " ON CONFLICT (scheme, person_id, year) DO NOTHING",
	    err);
	int rc;

	*inserted = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, r->scheme);
	db_bind_int64(st, 2, r->person_id);
	db_bind_text(st, 3, r->region);
	db_bind_int64(st, 4, r->year);
	db_bind_int64(st, 5, r->granted_fen);
	db_bind_text(st, 6, r->basis ? r->basis : "");
	if (r->granted_by > 0)
		db_bind_int64(st, 7, r->granted_by);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, r->granted_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "entitlement");
	*inserted = db_changes(db) == 1;
	if (*inserted)
		r->id = db_last_id(db);
	return 0;
}

int entitlement_store_get(struct db *db, struct arena *a, long long id,
                          struct entitlement_row *out, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " ROW_COLS " FROM entitlement e JOIN person p ON"
	               " p.id = e.person_id WHERE e.id = ?",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_row(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no entitlement %lld",
		               id);
	return db_fail(db, err, "entitlement");
}

int entitlement_store_of_person(struct db *db, struct arena *a,
                                long long person_id, int year,
                                struct entitlement_row **out, size_t *n,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " ROW_COLS " FROM entitlement e JOIN person p ON"
	    " p.id = e.person_id WHERE e.person_id = ?1 AND (?2 = 0 OR"
	    " e.year = ?2) ORDER BY e.year DESC, e.scheme",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person_id);
	db_bind_int64(st, 2, year);
	return db_collect(db, a, st, sizeof(**out), read_row, (void **)out, n,
	                  "entitlements", err);
}

int entitlement_store_list(struct db *db, struct arena *a, const char *region,
                           int year, long offset, long limit,
                           struct entitlement_row **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " ROW_COLS " FROM entitlement e JOIN person p ON"
	    " p.id = e.person_id WHERE e.region BETWEEN ?1 AND ?2 AND"
	    " e.year = ?3 ORDER BY e.region, e.person_id, e.scheme"
	    " LIMIT ?4 OFFSET ?5",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, year);
	db_bind_int64(st, 4, limit);
	db_bind_int64(st, 5, offset);
	return db_collect(db, a, st, sizeof(**out), read_row, (void **)out, n,
	                  "entitlements", err);
}

/* One conditional UPDATE: the database, not this process, decides
 * whether the balance allows it, so two connections drawing at once
 * cannot both pass a check made on a stale read. */
static int change(struct db *db, const char *sql, long long id, long long fen,
                  int *done, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);
	int rc;

	*done = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, fen);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "entitlement");
	*done = db_changes(db) == 1;
	return 0;
}

int entitlement_store_draw(struct db *db, long long id, long long fen,
                           int *done, struct lx_error *err)
{
	return change(db,
	              "UPDATE entitlement SET used_fen = used_fen + ?1"
	              " WHERE id = ?2 AND used_fen + ?1 <="
	              " granted_fen",
	              id, fen, done, err);
}

int entitlement_store_give_back(struct db *db, long long id, long long fen,
                                int *done, struct lx_error *err)
{
	return change(db,
	              "UPDATE entitlement SET used_fen = used_fen - ?1"
	              " WHERE id = ?2 AND used_fen >= ?1",
	              id, fen, done, err);
}

int entitlement_store_payment(struct db *db, long long order_id,
                              long long *entitlement_id, long long *fen,
                              int *found, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT entitlement_id, amount_fen FROM service_payment"
	    " WHERE order_id = ? AND source = 'entitlement' AND released = 0"
	    " AND entitlement_id IS NOT NULL",
	    err);
	int rc;

	*found = 0;
	*entitlement_id = *fen = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, order_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*found = 1;
		*entitlement_id = db_col_int64(st, 0);
		*fen = db_col_int64(st, 1);
	}
	db_finish(db, st);
	return rc == DB_ROW || rc == DB_DONE
	           ? 0
	           : db_fail(db, err, "service payment");
}

int entitlement_store_payment_release(struct db *db, long long order_id,
                                      int *done, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE service_payment SET released = 1 WHERE order_id = ?"
	    " AND source = 'entitlement' AND released = 0",
	    err);
	int rc;

	*done = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, order_id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service payment");
	*done = db_changes(db) == 1;
	return 0;
}

static void read_draw(struct arena *a, struct stmt *st, void *elem)
{
	struct entitlement_draw *d = elem;

	d->order_id = db_col_int64(st, 0);
	d->item = db_col_text(a, st, 1);
	d->status = db_col_text(a, st, 2);
	d->total_fen = db_col_int64(st, 3);
	d->amount_fen = db_col_int64(st, 4);
	d->released = db_col_int(st, 5);
	d->created_at = db_col_text(a, st, 6);
}

int entitlement_store_draws(struct db *db, struct arena *a,
                            long long entitlement_id,
                            struct entitlement_draw **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT o.id, o.item, o.status, o.total_fen, sp.amount_fen,"
	    " sp.released, o.created_at FROM service_payment sp JOIN"
	    " service_order o ON o.id = sp.order_id WHERE sp.entitlement_id"
	    " = ? AND sp.source = 'entitlement' ORDER BY o.created_at, o.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, entitlement_id);
	return db_collect(db, a, st, sizeof(**out), read_draw, (void **)out, n,
	                  "entitlement draws", err);
}

int entitlement_store_totals(struct db *db, const char *region, int year,
                             struct entitlement_totals *out,
                             struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT count(DISTINCT person_id), coalesce(sum(granted_fen), 0),"
	    " coalesce(sum(used_fen), 0) FROM entitlement WHERE region"
	    " BETWEEN ?1 AND ?2 AND year = ?3",
	    err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, year);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->persons = db_col_int64(st, 0);
		out->granted_fen = db_col_int64(st, 1);
		out->used_fen = db_col_int64(st, 2);
	}
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "entitlement totals");
}

static void read_use(struct arena *a, struct stmt *st, void *elem)
{
	struct entitlement_item_use *u = elem;

	u->item = db_col_text(a, st, 0);
	u->orders = db_col_int64(st, 1);
	u->fen = db_col_int64(st, 2);
}

int entitlement_store_use_by_item(struct db *db, struct arena *a,
                                  const char *region, int year,
                                  struct entitlement_item_use **out, size_t *n,
                                  struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT o.item, count(*), coalesce(sum(sp.amount_fen), 0)"
	    " FROM service_payment sp JOIN entitlement e ON e.id ="
	    " sp.entitlement_id JOIN service_order o ON o.id = sp.order_id"
	    " WHERE sp.source = 'entitlement' AND sp.released = 0 AND"
	    " e.region BETWEEN ?1 AND ?2 AND e.year = ?3 GROUP BY o.item"
	    " ORDER BY o.item",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, year);
	return db_collect(db, a, st, sizeof(**out), read_use, (void **)out, n,
	                  "entitlement use", err);
}

int service_store_linked(struct db *db, long long account_id,
                         long long person_id, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT 1 FROM service_link WHERE"
	                             " account_id = ? AND person_id = ?",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, account_id);
	db_bind_int64(st, 2, person_id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : db_fail(db, err, "service link");
}
