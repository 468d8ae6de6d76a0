#include "store/place_price_store.h"

#include "store/db_internal.h"

#include <string.h>

#define PRICE_COLUMNS                                                          \
	"SELECT p.id, p.facility_id, p.kind, p.code, p.mode, p.amount_fen,"    \
	" p.affordable, p.effective_date, p.basis, p.recorded_at"              \
	" FROM facility_price p"

static void read_price(struct arena *a, struct stmt *st, void *elem)
{
	struct place_price *p = elem;
	char kind[16];

	memset(p, 0, sizeof(*p));
	p->id = db_col_int64(st, 0);
	p->facility_id = db_col_int64(st, 1);
	db_col_copy(kind, sizeof(kind), st, 2);
	p->kind = place_price_kind_parse(kind);
	p->code = db_col_text(a, st, 3);
	p->mode = db_col_text(a, st, 4);
	p->amount_fen = db_col_int64(st, 5);
	p->affordable = (int)db_col_int64(st, 6);
	db_col_copy(p->effective_date, sizeof(p->effective_date), st, 7);
	p->basis = db_col_text(a, st, 8);
	db_col_copy(p->recorded_at, sizeof(p->recorded_at), st, 9);
}

int place_price_store_add(struct db *db, struct place_price *p, long long by,
                          struct lx_error *err)
{
	struct stmt *st;
	int rc;

	if (p->kind < 0 || p->kind >= PRICE__MAX)
		return lx_fail(err, LX_EINVALID, "kind", "unknown price kind");
	st = db_prepare(db,
	                "SELECT 1 FROM facility_price WHERE facility_id = ?"
	                " AND kind = ? AND code = ? AND mode = ?"
	                " AND effective_date = ?",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, p->facility_id);
	db_bind_text(st, 2, place_price_kind_names[p->kind]);
	db_bind_text(st, 3, p->code);
	db_bind_text(st, 4, p->mode ? p->mode : "");
	db_bind_text(st, 5, p->effective_date);
	rc = db_step(st);
	db_finish(db, st);
	if (rc == DB_ROW)
		return lx_fail(err, LX_ECONFLICT, "effective_date",
		               "this price already has an entry from %s",
		               p->effective_date);
	if (rc != DB_DONE)
		return db_fail(db, err, "facility price");
	st = db_prepare(db,
	                "INSERT INTO facility_price (facility_id, kind, code,"
	                " mode, amount_fen, affordable, effective_date, basis,"
	                " recorded_by, recorded_at)"
	                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, p->facility_id);
	db_bind_text(st, 2, place_price_kind_names[p->kind]);
	db_bind_text(st, 3, p->code);
	db_bind_text(st, 4, p->mode ? p->mode : "");
	db_bind_int64(st, 5, p->amount_fen);
	db_bind_int64(st, 6, p->affordable ? 1 : 0);
	db_bind_text(st, 7, p->effective_date);
	db_bind_text(st, 8, p->basis ? p->basis : "");
	if (by > 0)
		db_bind_int64(st, 9, by);
	else
		db_bind_null(st, 9);
	db_bind_text(st, 10, p->recorded_at);
	rc = db_step(st);
	if (rc != DB_DONE) {
		/* two posts of the same entry at once: the UNIQUE constraint
		 * lets one through, the other is the same conflict as above */
		db_fail(db, err, "facility price");
		db_finish(db, st);
		if (err && err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "effective_date",
			        "this price already has an entry from %s",
			        p->effective_date);
		return -1;
	}
	db_finish(db, st);
	p->id = db_last_id(db);
	return 0;
}

int place_price_store_history(struct db *db, struct arena *a,
                              long long facility, struct place_price **out,
                              size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    PRICE_COLUMNS " WHERE p.facility_id = ?"
	                  " ORDER BY p.kind, p.code, p.mode, p.effective_date",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	return db_collect(db, a, st, sizeof(**out), read_price, (void **)out, n,
	                  "facility prices", err);
}

int place_price_store_in_force(struct db *db, struct arena *a,
                               const char *region, long long facility,
                               const char *as_of, struct place_price **out,
                               size_t *n, struct lx_error *err)
{
	/* the latest entry on or before the day: no later entry of the same
	 * key is also on or before it */
	struct stmt *st = db_prepare(
	    db,
	    PRICE_COLUMNS " JOIN facility f ON f.id = p.facility_id"
	                  " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                  " AND (?3 = 0 OR p.facility_id = ?3)"
	                  " AND p.effective_date <= ?4"
	                  " AND NOT EXISTS (SELECT 1 FROM facility_price q"
	                  "  WHERE q.facility_id = p.facility_id"
	                  "  AND q.kind = p.kind AND q.code = p.code"
	                  "  AND q.mode = p.mode"
	                  "  AND q.effective_date > p.effective_date"
	                  "  AND q.effective_date <= ?4)"
	                  " ORDER BY p.facility_id, p.kind, p.code, p.mode",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_text(st, 4, as_of);
	return db_collect(db, a, st, sizeof(**out), read_price, (void **)out, n,
	                  "facility prices", err);
}
