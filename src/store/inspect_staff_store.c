#include "store/inspect_staff_store.h"

#include "core/facility.h"
#include "core/id_search.h"
#include "store/db_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define STAFF_COLUMNS                                                          \
	"SELECT s.id, s.facility_id, f.name, f.region, f.kind, s.id_hash,"     \
	" s.id_sealed, s.name, s.occupation, s.certificate, s.cert_level,"     \
	" s.contract_from, s.contract_to, s.recorded_at FROM staff s"          \
	" JOIN facility f ON f.id = s.facility_id"

static void read_staff(struct arena *a, struct stmt *st, void *elem)
{
	struct staff_rec *s = elem;
	char kind[40];
	int hb;

	memset(s, 0, sizeof(*s));
	s->id = db_col_int64(st, 0);
	s->facility_id = db_col_int64(st, 1);
	s->facility_name = db_col_text(a, st, 2);
	s->region = db_col_text(a, st, 3);
	db_col_copy(kind, sizeof(kind), st, 4);
	s->facility_kind = enum_lookup(&facility_kind_names, kind);
	hb = db_col_bytes(st, 5);
	if (hb == STAFF_HASH_BYTES)
		memcpy(s->hash, db_col_blob(st, 5), STAFF_HASH_BYTES);
	s->sealed_len = (size_t)db_col_bytes(st, 6);
	s->sealed = arena_memdup(a, db_col_blob(st, 6), s->sealed_len);
	s->name = db_col_text(a, st, 7);
	s->occupation = db_col_text(a, st, 8);
	s->certificate = db_col_text(a, st, 9);
	s->cert_level = db_col_text(a, st, 10);
	db_col_copy(s->contract_from, sizeof(s->contract_from), st, 11);
	db_col_copy(s->contract_to, sizeof(s->contract_to), st, 12);
	db_col_copy(s->recorded_at, sizeof(s->recorded_at), st, 13);
}

int inspect_staff_store_add(struct db *db, struct staff_rec *s,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO staff (facility_id, id_hash, id_sealed, name,"
	    " occupation, certificate, cert_level, contract_from,"
	    " contract_to, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, s->facility_id);
	db_bind_blob(st, 2, s->hash, STAFF_HASH_BYTES);
	db_bind_blob(st, 3, s->sealed, s->sealed_len);
	db_bind_text(st, 4, s->name);
	db_bind_text(st, 5, s->occupation);
	db_bind_text(st, 6, s->certificate ? s->certificate : "");
	db_bind_text(st, 7, s->cert_level ? s->cert_level : "");
	db_bind_text(st, 8, s->contract_from);
	db_bind_opt_text(st, 9, s->contract_to);
	db_bind_text(st, 10, s->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "staff");
	s->id = db_last_id(db);
	return 0;
}

int inspect_staff_store_end(struct db *db, long long id, const char *to,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE staff SET contract_to = ? WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "staff");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ENOTFOUND, "id", "no staff %lld", id);
	return 0;
}

int inspect_staff_store_get(struct db *db, struct arena *a, long long id,
                            struct staff_rec *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, STAFF_COLUMNS " WHERE s.id = ?", err);
	struct staff_rec *rs;
	size_t n;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*rs), read_staff, (void **)&rs, &n,
	               "staff", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id", "no staff %lld", id);
	*out = rs[0];
	return 0;
}

int inspect_staff_store_list(struct db *db, struct arena *a, long long facility,
                             const char *region, int same_persons,
                             struct staff_rec **out, size_t *n,
                             struct lx_error *err)
{
	/* with same_persons the contracts of the people found there, at
	 * any facility */
	struct stmt *st = db_prepare(
	    db,
	    STAFF_COLUMNS
	    " WHERE (?4 = 0 AND (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	    "  AND (?3 = 0 OR s.facility_id = ?3))"
	    " OR (?4 = 1 AND s.id_hash IN (SELECT q.id_hash FROM staff q"
	    "  JOIN facility g ON g.id = q.facility_id"
	    "  WHERE (?1 IS NULL OR g.region BETWEEN ?1 AND ?2)"
	    "  AND (?3 = 0 OR q.facility_id = ?3)))"
	    " ORDER BY s.facility_id, s.name, s.id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_int64(st, 4, same_persons ? 1 : 0);
	return db_collect(db, a, st, sizeof(**out), read_staff, (void **)out, n,
	                  "staff", err);
}

static int add_event(struct db *db, const char *sql, struct staff_event *e,
                     int with_hours, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, e->staff_id);
	db_bind_text(st, 2, e->on);
	db_bind_text(st, 3, e->text ? e->text : "");
	if (with_hours) {
		db_bind_text(st, 4, e->kind);
		db_bind_int64(st, 5, e->hours);
	}
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "staff record");
	e->id = db_last_id(db);
	return 0;
}

int inspect_staff_store_add_training(struct db *db, struct staff_event *e,
                                     struct lx_error *err)
{
	return add_event(db,
	                 "INSERT INTO staff_training (staff_id, held_on,"
	                 " provider, kind, hours) VALUES (?, ?, ?, ?, ?)",
	                 e, 1, err);
}

int inspect_staff_store_add_check(struct db *db, struct staff_event *e,
                                  struct lx_error *err)
{
	snprintf(e->kind, sizeof(e->kind), "%s", "health_check");
	return add_event(db,
	                 "INSERT INTO staff_health_check (staff_id,"
	                 " checked_on, result) VALUES (?, ?, ?)",
	                 e, 0, err);
}

static void read_event(struct arena *a, struct stmt *st, void *elem)
{
	struct staff_event *e = elem;

	memset(e, 0, sizeof(*e));
	e->id = db_col_int64(st, 0);
	e->staff_id = db_col_int64(st, 1);
	db_col_copy(e->kind, sizeof(e->kind), st, 2);
	db_col_copy(e->on, sizeof(e->on), st, 3);
	e->hours = db_col_int64(st, 4);
	e->text = db_col_text(a, st, 5);
}

int inspect_staff_store_events(struct db *db, struct arena *a, long long staff,
                               long long facility, const char *region,
                               const char *day, struct staff_event **out,
                               size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT e.id, e.staff_id, e.kind, e.held_on, e.hours, e.text"
	    " FROM (SELECT id, staff_id, kind, held_on, hours,"
	    "  provider AS text FROM staff_training"
	    "  UNION ALL SELECT id, staff_id, 'health_check', checked_on, 0,"
	    "  result FROM staff_health_check) e"
	    " JOIN staff s ON s.id = e.staff_id"
	    " JOIN facility f ON f.id = s.facility_id"
	    " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	    " AND (?3 = 0 OR s.facility_id = ?3)"
	    " AND (?4 = 0 OR s.id = ?4)"
	    " AND (?5 IS NULL OR e.held_on <= ?5)"
	    " ORDER BY e.staff_id, e.held_on, e.kind, e.id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_int64(st, 4, staff);
	db_bind_opt_text(st, 5, day);
	return db_collect(db, a, st, sizeof(**out), read_event, (void **)out, n,
	                  "staff records", err);
}

size_t inspect_staff_events_from(const struct staff_event *e, size_t n,
                                 long long staff)
{
	return id_lower_bound(e, n, sizeof(*e),
	                      offsetof(struct staff_event, staff_id), staff);
}
