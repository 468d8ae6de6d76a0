#include "store/payee_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int payee_store_put(struct db *db, const struct payee_row *p, long long by,
                    const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO payee_account (owner_kind, owner_id, region, bank,"
	    " branch, account_kind, account_sealed, holder_name,"
	    " holder_relation, holder_id_sealed, updated_by, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT (owner_kind, owner_id) DO UPDATE SET"
	    " region = excluded.region, bank = excluded.bank,"
	    " branch = excluded.branch, account_kind = excluded.account_kind,"
	    " account_sealed = excluded.account_sealed,"
	    " holder_name = excluded.holder_name,"
	    " holder_relation = excluded.holder_relation,"
	    " holder_id_sealed = excluded.holder_id_sealed,"
	    " updated_by = excluded.updated_by,"
	    " updated_at = excluded.updated_at",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, p->owner_kind);
	db_bind_int64(st, 2, p->owner_id);
	db_bind_text(st, 3, p->region);
	db_bind_text(st, 4, p->bank);
	db_bind_text(st, 5, p->branch);
	db_bind_text(st, 6, p->account_kind);
	db_bind_blob(st, 7, p->account_sealed, p->account_sealed_len);
	db_bind_text(st, 8, p->holder_name);
	db_bind_text(st, 9, p->holder_relation);
	if (p->holder_sealed)
		db_bind_blob(st, 10, p->holder_sealed, p->holder_sealed_len);
	else
		db_bind_null(st, 10);
	if (by > 0)
		db_bind_int64(st, 11, by);
	else
		db_bind_null(st, 11);
	db_bind_text(st, 12, now);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "payee account");
}

#define PAYEE_COLS                                                             \
	"owner_kind, owner_id, region, bank, branch, account_kind,"            \
	" account_sealed, holder_name, holder_relation, holder_id_sealed,"     \
	" updated_at"

static unsigned char *col_blob(struct arena *a, struct stmt *st, int i,
                               size_t *len)
{
	*len = 0;
	if (db_col_null(st, i))
		return NULL;
	*len = (size_t)db_col_bytes(st, i);
	return arena_memdup(a, db_col_blob(st, i), *len);
}

static void read_payee(struct arena *a, struct stmt *st, void *elem)
{
	struct payee_row *p = elem;

	db_col_copy(p->owner_kind, sizeof(p->owner_kind), st, 0);
	p->owner_id = db_col_int64(st, 1);
	db_col_copy(p->region, sizeof(p->region), st, 2);
	p->bank = db_col_text(a, st, 3);
	p->branch = db_col_text(a, st, 4);
	db_col_copy(p->account_kind, sizeof(p->account_kind), st, 5);
	p->account_sealed = col_blob(a, st, 6, &p->account_sealed_len);
	p->holder_name = db_col_text(a, st, 7);
	p->holder_relation = db_col_text(a, st, 8);
	p->holder_sealed = col_blob(a, st, 9, &p->holder_sealed_len);
	p->updated_at = db_col_text(a, st, 10);
}

int payee_store_get(struct db *db, struct arena *a, const char *kind,
                    long long id, struct payee_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT " PAYEE_COLS " FROM payee_account"
	                             " WHERE owner_kind = ? AND owner_id = ?",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, kind);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_payee(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return 1;
	return db_fail(db, err, "payee account");
}

int payee_store_delete(struct db *db, const char *kind, long long id,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "DELETE FROM payee_account"
	                             " WHERE owner_kind = ? AND owner_id = ?",
	                             err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, kind);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "payee account");
	return changed ? 0
	               : lx_fail(err, LX_ENOTFOUND, "id",
	                         "%s %lld has no payee account", kind, id);
}

static int cmp_owner(const void *x, const void *y)
{
	const struct payee_row *a = x, *b = y;

	return (a->owner_id > b->owner_id) - (a->owner_id < b->owner_id);
}

enum { PAYEE_BATCH = 500 };

/* ids[from..to) as a JSON array, for json_each. */
static const char *id_list(struct arena *a, const long long *ids, size_t from,
                           size_t to)
{
	struct abuf list;

	abuf_init(&list, a);
	abuf_puts(&list, "[");
	for (size_t i = from; i < to; i++)
		abuf_printf(&list, "%s%lld", i > from ? "," : "", ids[i]);
	abuf_puts(&list, "]");
	return list.data;
}

int payee_store_of(struct db *db, struct arena *a, const char *kind,
                   const long long *ids, size_t nids, struct payee_row **out,
                   size_t *n, struct lx_error *err)
{
	/* the ids go as one JSON array per batch (json_each reads it on
	 * both backends), so a file of 100 000 rows is 200 queries, not
	 * 100 000 */
	struct payee_row *all = NULL;
	size_t nall = 0, cap = 0;

	for (size_t from = 0; from < nids; from += PAYEE_BATCH) {
		size_t to =
		    from + PAYEE_BATCH < nids ? from + PAYEE_BATCH : nids;
		struct abuf list;
		struct stmt *st;
		struct payee_row *v;
		size_t nv;

		abuf_init(&list, a);
		abuf_puts(&list, "[");
		for (size_t i = from; i < to; i++)
			abuf_printf(&list, "%s%lld", i > from ? "," : "",
			            ids[i]);
		abuf_puts(&list, "]");
		st = db_prepare(db,
		                "SELECT " PAYEE_COLS " FROM payee_account"
		                " WHERE owner_kind = ? AND owner_id IN"
		                " (SELECT CAST(value AS INTEGER)"
		                "  FROM json_each(?))",
		                err);
		if (!st)
			return -1;
		db_bind_text(st, 1, kind);
		db_bind_text(st, 2, id_list(a, ids, from, to));
		if (db_collect(db, a, st, sizeof(*v), read_payee, (void **)&v,
		               &nv, "payee accounts", err))
			return -1;
		for (size_t i = 0; i < nv; i++) {
			all = arena_grow(a, all, nall, &cap, sizeof(*all));
			all[nall++] = v[i];
		}
	}
	if (nall)
		qsort(all, nall, sizeof(*all), cmp_owner);
	*out = all;
	*n = nall;
	return 0;
}

static void read_person_owner(struct arena *a, struct stmt *st, void *elem)
{
	struct payee_owner_row *o = elem;

	o->owner_id = db_col_int64(st, 0);
	o->name = db_col_text(a, st, 1);
	db_col_copy(o->region, sizeof(o->region), st, 2);
	o->id_sealed = col_blob(a, st, 3, &o->id_sealed_len);
	o->id_plain = "";
}

static void read_facility_owner(struct arena *a, struct stmt *st, void *elem)
{
	struct payee_owner_row *o = elem;

	o->owner_id = db_col_int64(st, 0);
	o->name = db_col_text(a, st, 1);
	db_col_copy(o->region, sizeof(o->region), st, 2);
	o->id_plain = db_col_text(a, st, 3);
	if (!o->id_plain)
		o->id_plain = "";
}

static int cmp_owner_row(const void *x, const void *y)
{
	const struct payee_owner_row *a = x, *b = y;

	return (a->owner_id > b->owner_id) - (a->owner_id < b->owner_id);
}

int payee_store_owners(struct db *db, struct arena *a, const char *kind,
                       const long long *ids, size_t nids,
                       struct payee_owner_row **out, size_t *n,
                       struct lx_error *err)
{
	int person = !strcmp(kind, "person");
	struct payee_owner_row *all = NULL;
	size_t nall = 0, cap = 0;

	if (!person && strcmp(kind, "institution")) {
		*out = NULL;
		*n = 0;
		return 0;
	}
	for (size_t from = 0; from < nids; from += PAYEE_BATCH) {
		size_t to =
		    from + PAYEE_BATCH < nids ? from + PAYEE_BATCH : nids;
		struct payee_owner_row *v;
		size_t nv;
		struct stmt *st = db_prepare(
		    db,
		    person
		        ? "SELECT id, name, region, id_sealed FROM person"
		          " WHERE id IN (SELECT CAST(value AS INTEGER)"
		          " FROM json_each(?))"
		        : "SELECT id, name, region, credit_code FROM facility"
		          " WHERE id IN (SELECT CAST(value AS INTEGER)"
		          " FROM json_each(?))",
		    err);

		if (!st)
			return -1;
		db_bind_text(st, 1, id_list(a, ids, from, to));
		if (db_collect(db, a, st, sizeof(*v),
		               person ? read_person_owner : read_facility_owner,
		               (void **)&v, &nv, "payees", err))
			return -1;
		for (size_t i = 0; i < nv; i++) {
			all = arena_grow(a, all, nall, &cap, sizeof(*all));
			all[nall++] = v[i];
		}
	}
	if (nall)
		qsort(all, nall, sizeof(*all), cmp_owner_row);
	*out = all;
	*n = nall;
	return 0;
}
