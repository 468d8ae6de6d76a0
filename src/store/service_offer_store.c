#include "store/service_offer_store.h"

#include "core/facility.h"
#include "store/db_internal.h"

#include <string.h>

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

int service_offer_store_add(struct db *db, struct service_offer_row *o,
                            const char *closed_to, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT count(*) FROM service_offer WHERE facility_id = ?1"
	    " AND item = ?2 AND area = ?3 AND valid_from >= ?4",
	    err);
	long long later = 0;
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, o->facility_id);
	db_bind_text(st, 2, o->item);
	db_bind_text(st, 3, o->area);
	db_bind_text(st, 4, o->valid_from);
	rc = db_step(st);
	if (rc == DB_ROW)
		later = db_col_int64(st, 0);
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "service offer");
	if (later)
		return lx_fail(err, LX_ECONFLICT, "valid_from",
		               "this facility already has a price for the item "
		               "and area from %s or later",
		               o->valid_from);
	st = db_prepare(db,
	                "UPDATE service_offer SET valid_to = ?1"
	                " WHERE facility_id = ?2 AND item = ?3 AND area = ?4"
	                " AND (valid_to IS NULL OR valid_to > ?1)",
	                err);
	if (!st)
		return -1;
	db_bind_text(st, 1, closed_to);
	db_bind_int64(st, 2, o->facility_id);
	db_bind_text(st, 3, o->item);
	db_bind_text(st, 4, o->area);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service offer");
	st = db_prepare(db,
	                "INSERT INTO service_offer (facility_id, item,"
	                " price_fen, area, valid_from, valid_to, note,"
	                " created_by, created_at)"
	                " VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, o->facility_id);
	db_bind_text(st, 2, o->item);
	db_bind_int64(st, 3, o->price_fen);
	db_bind_text(st, 4, o->area);
	db_bind_text(st, 5, o->valid_from);
	db_bind_text(st, 6, o->note ? o->note : "");
	bind_opt_id(st, 7, o->created_by);
	db_bind_text(st, 8, o->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service offer");
	o->id = db_last_id(db);
	o->valid_to[0] = 0;
	return 0;
}

#define OFFER_COLS                                                             \
	"o.id, o.facility_id, o.item, o.price_fen, o.area, o.valid_from,"      \
	" coalesce(o.valid_to, ''), o.note, coalesce(o.created_by, 0),"        \
	" o.created_at, f.name, coalesce(g.name, ''), f.region, f.kind,"       \
	" coalesce(f.closed_on, '')"
#define OFFER_FROM                                                             \
	" FROM service_offer o JOIN facility f ON f.id = o.facility_id"        \
	" LEFT JOIN region g ON g.code = o.area"

static int kind_of(const char *s)
{
	return enum_lookup(&facility_kind_names, s ? s : "");
}

static void read_offer(struct arena *a, struct stmt *st, void *elem)
{
	struct service_offer_row *o = elem;

	o->id = db_col_int64(st, 0);
	o->facility_id = db_col_int64(st, 1);
	db_col_copy(o->item, sizeof(o->item), st, 2);
	o->price_fen = db_col_int64(st, 3);
	db_col_copy(o->area, sizeof(o->area), st, 4);
	db_col_copy(o->valid_from, sizeof(o->valid_from), st, 5);
	db_col_copy(o->valid_to, sizeof(o->valid_to), st, 6);
	o->note = db_col_text(a, st, 7);
	o->created_by = db_col_int64(st, 8);
	o->created_at = db_col_text(a, st, 9);
	o->facility_name = db_col_text(a, st, 10);
	o->area_name = db_col_text(a, st, 11);
	db_col_copy(o->facility_region, sizeof(o->facility_region), st, 12);
	o->facility_kind = kind_of(db_col_str(st, 13));
	db_col_copy(o->facility_closed_on, sizeof(o->facility_closed_on), st,
	            14);
}

int service_offer_store_get(struct db *db, struct arena *a, long long id,
                            struct service_offer_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " OFFER_COLS OFFER_FROM " WHERE o.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_offer(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "service offer");
	return lx_fail(err, LX_ENOTFOUND, "offer_id", "no offer %lld", id);
}

int service_offer_store_list(struct db *db, struct arena *a,
                             const struct service_offer_query *q,
                             struct service_offer_row **out, size_t *n,
                             struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " OFFER_COLS OFFER_FROM
	               " WHERE (?1 = 0 OR o.facility_id = ?1)"
	               " AND (?2 IS NULL OR o.item = ?2)"
	               " AND (?3 IS NULL OR o.area = ?3)"
	               " AND (?4 IS NULL OR (o.valid_from <= ?4 AND"
	               "  (o.valid_to IS NULL OR o.valid_to >= ?4) AND"
	               "  (f.closed_on IS NULL OR f.closed_on > ?4)))"
	               " AND (?5 IS NULL OR f.region BETWEEN ?5 AND ?6)"
	               " ORDER BY o.item, o.facility_id, o.area, o.valid_from",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, q->facility_id);
	db_bind_opt_text(st, 2, q->item);
	db_bind_opt_text(st, 3, q->area);
	db_bind_opt_text(st, 4, q->on);
	db_bind_opt_subtree(st, 5, 6, q->region);
	return db_collect(db, a, st, sizeof(**out), read_offer, (void **)out, n,
	                  "service offers", err);
}

int service_link_store_add(struct db *db, long long account, long long person,
                           const char *relation, const char *now,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO service_link (account_id, person_id, relation,"
	    " created_at) SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1"
	    " FROM service_link WHERE account_id = ?1 AND person_id = ?2)",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, person);
	db_bind_text(st, 3, relation);
	db_bind_text(st, 4, now);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service link");
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "id_number",
		               "this person is already linked to the account");
	return 0;
}

static void read_link(struct arena *a, struct stmt *st, void *elem)
{
	struct service_link_row *l = elem;
	int len;
	const void *blob;

	l->account_id = db_col_int64(st, 0);
	l->person_id = db_col_int64(st, 1);
	l->relation = db_col_text(a, st, 2);
	l->created_at = db_col_text(a, st, 3);
	l->name = db_col_text(a, st, 4);
	db_col_copy(l->kind, sizeof(l->kind), st, 5);
	db_col_copy(l->region, sizeof(l->region), st, 6);
	l->region_name = db_col_text(a, st, 7);
	db_col_copy(l->birth_date, sizeof(l->birth_date), st, 8);
	db_col_copy(l->deceased_on, sizeof(l->deceased_on), st, 9);
	blob = db_col_blob(st, 10);
	len = db_col_bytes(st, 10);
	l->id_sealed = NULL;
	l->id_sealed_len = 0;
	if (blob && len > 0) {
		l->id_sealed = arena_alloc(a, (size_t)len);
		memcpy(l->id_sealed, blob, (size_t)len);
		l->id_sealed_len = (size_t)len;
	}
}

int service_link_store_list(struct db *db, struct arena *a, long long account,
                            struct service_link_row **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT l.account_id, l.person_id, l.relation, l.created_at,"
	    " p.name, p.kind, p.region, coalesce(g.name, ''), p.birth_date,"
	    " coalesce(p.deceased_on, ''), p.id_sealed"
	    " FROM service_link l JOIN person p ON p.id = l.person_id"
	    " LEFT JOIN region g ON g.code = p.region"
	    " WHERE l.account_id = ? ORDER BY p.name, p.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	return db_collect(db, a, st, sizeof(**out), read_link, (void **)out, n,
	                  "service links", err);
}

int service_link_store_relation(struct db *db, struct arena *a,
                                long long account, long long person,
                                char **relation, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT relation FROM service_link"
	                             " WHERE account_id = ? AND person_id = ?",
	                             err);
	int rc;

	*relation = NULL;
	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, person);
	rc = db_step(st);
	if (rc == DB_ROW)
		*relation = db_col_text(a, st, 0);
	db_finish(db, st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, err, "service link");
	return 0;
}

int service_link_store_remove(struct db *db, long long account,
                              long long person, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "DELETE FROM service_link WHERE account_id = ? AND person_id = ?",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, person);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service link");
	if (!changed)
		return lx_fail(err, LX_ENOTFOUND, "person_id",
		               "no link to person %lld", person);
	return 0;
}
