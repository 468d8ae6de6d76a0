#include "store/hold_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

int hold_store_add(struct db *db, struct hold_row *h, long long by,
                   const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO subsidy_hold (beneficiary_kind, beneficiary_id,"
	    " region, scheme, from_date, reason, created_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, h->beneficiary_kind);
	db_bind_int64(st, 2, h->beneficiary_id);
	db_bind_text(st, 3, h->region);
	db_bind_opt_text(st, 4, h->scheme);
	db_bind_text(st, 5, h->from_date);
	db_bind_text(st, 6, h->reason);
	if (by > 0)
		db_bind_int64(st, 7, by);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "hold");
	h->id = db_last_id(db);
	return 0;
}

int hold_store_lift(struct db *db, long long id, const char *lifted_on,
                    int back_pay, const char *reason, long long by,
                    const char *now, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE subsidy_hold SET lifted_on = ?, back_pay = ?,"
	               " lift_reason = ?, lifted_by = ?, lifted_at = ?"
	               " WHERE id = ? AND lifted_on IS NULL",
	               err);
	int rc, changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, lifted_on);
	db_bind_int64(st, 2, back_pay);
	db_bind_text(st, 3, reason);
	if (by > 0)
		db_bind_int64(st, 4, by);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, now);
	db_bind_int64(st, 6, id);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "hold");
	return changed ? 0
	               : lx_fail(err, LX_ECONFLICT, "id",
	                         "hold %lld is already lifted", id);
}

#define HOLD_COLS                                                              \
	"id, beneficiary_kind, beneficiary_id, region, scheme, from_date,"     \
	" reason, created_at, coalesce(lifted_on, ''), coalesce(back_pay, 0)," \
	" lift_reason"

static void read_hold(struct arena *a, struct stmt *st, void *elem)
{
	struct hold_row *h = elem;

	h->id = db_col_int64(st, 0);
	db_col_copy(h->beneficiary_kind, sizeof(h->beneficiary_kind), st, 1);
	h->beneficiary_id = db_col_int64(st, 2);
	db_col_copy(h->region, sizeof(h->region), st, 3);
	h->scheme = db_col_text(a, st, 4);
	db_col_copy(h->from_date, sizeof(h->from_date), st, 5);
	h->reason = db_col_text(a, st, 6);
	h->created_at = db_col_text(a, st, 7);
	db_col_copy(h->lifted_on, sizeof(h->lifted_on), st, 8);
	h->back_pay = db_col_int(st, 9);
	h->lift_reason = db_col_text(a, st, 10);
}

int hold_store_get(struct db *db, struct arena *a, long long id,
                   struct hold_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " HOLD_COLS " FROM subsidy_hold WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_hold(a, st, out);
	db_finish(db, st);
	return rc == DB_ROW
	           ? 0
	           : lx_fail(err, LX_ENOTFOUND, "id", "no hold %lld", id);
}

int hold_store_list(struct db *db, struct arena *a, const char *region,
                    const char *kind, long long id, struct hold_row **out,
                    size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " HOLD_COLS " FROM subsidy_hold"
	               " WHERE (?1 IS NULL OR region BETWEEN ?1 AND ?2)"
	               " AND (?3 IS NULL OR (beneficiary_kind = ?3 AND"
	               "  beneficiary_id = ?4))"
	               " ORDER BY beneficiary_kind, beneficiary_id, id",
	               err);

	if (!st)
		return -1;
	if (region && *region)
		db_bind_subtree(st, 1, 2, region);
	db_bind_opt_text(st, 3, kind);
	db_bind_int64(st, 4, id);
	return db_collect(db, a, st, sizeof(**out), read_hold, (void **)out, n,
	                  "holds", err);
}
