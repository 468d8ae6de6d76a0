#include "store/service_voucher_store.h"

#include "store/db_internal.h"

#include <string.h>

#define BATCH_COLS                                                             \
	"b.id, b.kind, b.name, b.region, b.face_fen, b.min_order_fen,"         \
	" b.items, b.issued_on, b.expires_on, b.issued_count, b.created_by,"   \
	" b.created_at"

static void read_batch_at(struct arena *a, struct stmt *st, int c,
                          struct voucher_batch_row *b)
{
	b->id = db_col_int64(st, c);
	b->kind = db_col_text(a, st, c + 1);
	b->name = db_col_text(a, st, c + 2);
	db_col_copy(b->region, sizeof(b->region), st, c + 3);
	b->face_fen = db_col_int64(st, c + 4);
	b->min_order_fen = db_col_int64(st, c + 5);
	b->items = db_col_text(a, st, c + 6);
	db_col_copy(b->issued_on, sizeof(b->issued_on), st, c + 7);
	db_col_copy(b->expires_on, sizeof(b->expires_on), st, c + 8);
	b->issued_count = db_col_int64(st, c + 9);
	b->created_by = db_col_int64(st, c + 10);
	b->created_at = db_col_text(a, st, c + 11);
}

static void read_batch(struct arena *a, struct stmt *st, void *elem)
{
	read_batch_at(a, st, 0, elem);
}

int voucher_store_batch_insert(struct db *db, struct voucher_batch_row *b,
                               struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO voucher_batch (kind, name, region, face_fen,"
	    " min_order_fen, items, issued_on, expires_on, issued_count,"
	    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, b->kind);
	db_bind_text(st, 2, b->name);
	db_bind_text(st, 3, b->region);
	db_bind_int64(st, 4, b->face_fen);
	db_bind_int64(st, 5, b->min_order_fen);
	db_bind_text(st, 6, b->items ? b->items : "");
	db_bind_text(st, 7, b->issued_on);
	db_bind_text(st, 8, b->expires_on);
	if (b->created_by > 0)
		db_bind_int64(st, 9, b->created_by);
	else
		db_bind_null(st, 9);
	db_bind_text(st, 10, b->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "voucher batch");
	b->id = db_last_id(db);
	return 0;
}

int voucher_store_batch_counted(struct db *db, long long id, long long count,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE voucher_batch SET issued_count = ? WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, count);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "voucher batch");
}

int voucher_store_batch_get(struct db *db, struct arena *a, long long id,
                            struct voucher_batch_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " BATCH_COLS " FROM voucher_batch b WHERE b.id = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_batch(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no voucher batch %lld",
		               id);
	return db_fail(db, err, "voucher batch");
}

int voucher_store_batches(struct db *db, struct arena *a, const char *region,
                          struct voucher_batch_row **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " BATCH_COLS " FROM voucher_batch b WHERE b.region"
	    " BETWEEN ?1 AND ?2 OR EXISTS (SELECT 1 FROM voucher v WHERE"
	    " v.batch_id = b.id AND v.region BETWEEN ?1 AND ?2)"
	    " ORDER BY b.issued_on DESC, b.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	return db_collect(db, a, st, sizeof(**out), read_batch, (void **)out, n,
	                  "voucher batches", err);
}

int voucher_store_insert(struct db *db, long long batch_id, long long person_id,
                         const char *region, const char *code,
                         struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "INSERT INTO voucher (batch_id, person_id, region, code)"
	               " VALUES (?, ?, ?, ?)",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, batch_id);
	db_bind_int64(st, 2, person_id);
	db_bind_text(st, 3, region);
	db_bind_text(st, 4, code);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "voucher");
}

#define VOUCHER_COLS                                                           \
	"v.id, v.batch_id, v.person_id, p.name, v.region, v.code,"             \
	" v.redeemed_order, v.redeemed_fen, v.redeemed_at, " BATCH_COLS

static void read_voucher(struct arena *a, struct stmt *st, void *elem)
{
	struct voucher_row *v = elem;

	v->id = db_col_int64(st, 0);
	v->batch_id = db_col_int64(st, 1);
	v->person_id = db_col_int64(st, 2);
	v->person_name = db_col_text(a, st, 3);
	db_col_copy(v->region, sizeof(v->region), st, 4);
	v->code = db_col_text(a, st, 5);
	v->redeemed_order = db_col_int64(st, 6);
	v->redeemed_fen = db_col_int64(st, 7);
	v->redeemed_at = db_col_text(a, st, 8);
	read_batch_at(a, st, 9, &v->batch);
}

int voucher_store_get(struct db *db, struct arena *a, long long id,
                      struct voucher_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " VOUCHER_COLS " FROM voucher v JOIN voucher_batch b ON"
	    " b.id = v.batch_id JOIN person p ON p.id = v.person_id"
	    " WHERE v.id = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_voucher(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "voucher_id",
		               "no voucher %lld", id);
	return db_fail(db, err, "voucher");
}

int voucher_store_of_person(struct db *db, struct arena *a, long long person_id,
                            struct voucher_row **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " VOUCHER_COLS " FROM voucher v JOIN voucher_batch b ON"
	    " b.id = v.batch_id JOIN person p ON p.id = v.person_id"
	    " WHERE v.person_id = ? ORDER BY b.issued_on DESC, v.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person_id);
	return db_collect(db, a, st, sizeof(**out), read_voucher, (void **)out,
	                  n, "vouchers", err);
}

int voucher_store_redeem(struct db *db, long long id, long long order_id,
                         long long fen, const char *at, int *done,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE voucher SET redeemed_order = ?, redeemed_fen = ?,"
	    " redeemed_at = ? WHERE id = ? AND redeemed_order IS NULL",
	    err);
	int rc;

	*done = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, order_id);
	db_bind_int64(st, 2, fen);
	db_bind_text(st, 3, at);
	db_bind_int64(st, 4, id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "voucher");
	*done = db_changes(db) == 1;
	return 0;
}

int voucher_store_release(struct db *db, long long order_id, long long *n,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE voucher SET redeemed_order = NULL, redeemed_fen = 0,"
	    " redeemed_at = NULL WHERE redeemed_order = ?1",
	    err);
	int rc;

	*n = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, order_id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "voucher");
	*n = db_changes(db);
	return 0;
}

int voucher_store_counts(struct db *db, long long batch_id, const char *region,
                         const char *day, struct voucher_counts *out,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT count(*),"
	    " coalesce(sum(CASE WHEN v.redeemed_order IS NULL THEN 0 ELSE 1"
	    " END), 0), coalesce(sum(v.redeemed_fen), 0),"
	    " coalesce(sum(CASE WHEN v.redeemed_order IS NULL AND"
	    " b.expires_on >= ?4 THEN 1 ELSE 0 END), 0),"
	    " coalesce(sum(CASE WHEN v.redeemed_order IS NULL AND"
	    " b.expires_on < ?4 THEN 1 ELSE 0 END), 0)"
	    " FROM voucher v JOIN voucher_batch b ON b.id = v.batch_id"
	    " WHERE (?3 = 0 OR v.batch_id = ?3) AND v.region BETWEEN ?1 AND ?2",
	    err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, batch_id);
	db_bind_text(st, 4, day);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->issued = db_col_int64(st, 0);
		out->redeemed = db_col_int64(st, 1);
		out->redeemed_fen = db_col_int64(st, 2);
		out->unused = db_col_int64(st, 3);
		out->expired = db_col_int64(st, 4);
	}
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "voucher counts");
}
