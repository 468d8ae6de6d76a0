#include "store/closure_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

#define CASE_COLUMNS                                                           \
	"SELECT c.id, c.facility_id, f.name, f.kind, f.region, c.reason,"      \
	" c.planned_on, c.successor_id, s.name, c.status, c.closed_on,"        \
	" c.version, c.opened_by, c.opened_at,"                                \
	" (SELECT COUNT(*) FROM closure_member m WHERE m.case_id = c.id),"     \
	" (SELECT COUNT(*) FROM closure_member m WHERE m.case_id = c.id"       \
	"  AND (m.destination IS NULL OR (m.destination = 'institution'"       \
	"  AND m.destination_facility_id IS NULL)))"                           \
	" FROM closure_case c JOIN facility f ON f.id = c.facility_id"         \
	" LEFT JOIN facility s ON s.id = c.successor_id"

static void read_case(struct arena *a, struct stmt *st, void *elem)
{
	struct closure_case_row *c = elem;

	memset(c, 0, sizeof(*c));
	c->id = db_col_int64(st, 0);
	c->facility_id = db_col_int64(st, 1);
	c->facility_name = db_col_text(a, st, 2);
	c->facility_kind = db_col_text(a, st, 3);
	db_col_copy(c->region, sizeof(c->region), st, 4);
	c->reason = db_col_text(a, st, 5);
	db_col_copy(c->planned_on, sizeof(c->planned_on), st, 6);
	c->successor_id = db_col_null(st, 7) ? 0 : db_col_int64(st, 7);
	c->successor_name = db_col_text(a, st, 8);
	db_col_copy(c->status, sizeof(c->status), st, 9);
	db_col_copy(c->closed_on, sizeof(c->closed_on), st, 10);
	c->version = db_col_int64(st, 11);
	c->opened_by = db_col_null(st, 12) ? 0 : db_col_int64(st, 12);
	db_col_copy(c->opened_at, sizeof(c->opened_at), st, 13);
	c->members = db_col_int64(st, 14);
	c->unplaced = db_col_int64(st, 15);
}

int closure_store_open(struct db *db, struct closure_case_row *c,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO closure_case (facility_id, reason, planned_on,"
	    " successor_id, status, version, opened_by, opened_at)"
	    " VALUES (?, ?, ?, ?, 'open', 1, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, c->facility_id);
	db_bind_text(st, 2, c->reason);
	db_bind_text(st, 3, c->planned_on);
	if (c->successor_id > 0)
		db_bind_int64(st, 4, c->successor_id);
	else
		db_bind_null(st, 4);
	if (c->opened_by > 0)
		db_bind_int64(st, 5, c->opened_by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, c->opened_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "closure case");
		if (err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "facility_id",
			        "the facility already has an open closure "
			        "case");
		return -1;
	}
	c->id = db_last_id(db);
	c->version = 1;
	snprintf(c->status, sizeof(c->status), "open");
	return 0;
}

int closure_store_get(struct db *db, struct arena *a, long long id,
                      struct closure_case_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, CASE_COLUMNS " WHERE c.id = ?", err);
	struct closure_case_row *v;
	size_t n;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*v), read_case, (void **)&v, &n,
	               "closure case", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id", "no closure case %lld",
		               id);
	*out = v[0];
	return 0;
}

int closure_store_list(struct db *db, struct arena *a, const char *region,
                       const char *status, int only_ids, const long long *ids,
                       size_t nids, struct closure_case_row **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    CASE_COLUMNS " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                 " AND (?3 IS NULL OR c.status = ?3)"
	                 " ORDER BY c.opened_at DESC, c.id DESC",
	    err);
	struct closure_case_row *v;
	size_t k = 0;

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_opt_text(st, 3, status);
	if (db_collect(db, a, st, sizeof(*v), read_case, (void **)&v, n,
	               "closure cases", err))
		return -1;
	/* an operator's own facilities are few: filtered here */
	for (size_t i = 0; i < *n; i++) {
		int keep = !only_ids;

		for (size_t j = 0; !keep && j < nids; j++)
			keep = ids[j] == v[i].facility_id;
		if (keep)
			v[k++] = v[i];
	}
	*n = k;
	*out = v;
	return 0;
}

int closure_store_fill(struct db *db, long long case_id, long long facility,
                       const char *day, long long *added, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO closure_member (case_id, person_id)"
	    " SELECT ?1, p.id FROM person p WHERE p.facility_id = ?2"
	    " AND p.residence = 'institution' AND p.deceased_on IS NULL"
	    " UNION SELECT ?1, e.person_id FROM enrolment e"
	    " JOIN person q ON q.id = e.person_id"
	    " WHERE e.facility_id = ?2 AND e.start_date <= ?3"
	    " AND (e.end_date IS NULL OR e.end_date >= ?3)"
	    " AND q.deceased_on IS NULL"
	    " ON CONFLICT DO NOTHING",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, case_id);
	db_bind_int64(st, 2, facility);
	db_bind_text(st, 3, day);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "closure members");
	*added = db_changes(db);
	return 0;
}

static void read_member(struct arena *a, struct stmt *st, void *elem)
{
	struct closure_member_row *m = elem;
	int len;

	memset(m, 0, sizeof(*m));
	m->case_id = db_col_int64(st, 0);
	m->person_id = db_col_int64(st, 1);
	m->name = db_col_text(a, st, 2);
	db_col_copy(m->kind, sizeof(m->kind), st, 3);
	db_col_copy(m->region, sizeof(m->region), st, 4);
	len = db_col_bytes(st, 5);
	if (len > 0) {
		m->id_sealed = arena_alloc(a, (size_t)len);
		memcpy(m->id_sealed, db_col_blob(st, 5), (size_t)len);
		m->id_sealed_len = (size_t)len;
	}
	db_col_copy(m->contract_ended_on, sizeof(m->contract_ended_on), st, 6);
	db_col_copy(m->destination, sizeof(m->destination), st, 7);
	m->destination_facility_id =
	    db_col_null(st, 8) ? 0 : db_col_int64(st, 8);
	m->destination_name = db_col_text(a, st, 9);
	m->note = db_col_text(a, st, 10);
	db_col_copy(m->settled_at, sizeof(m->settled_at), st, 11);
}

int closure_store_members(struct db *db, struct arena *a, long long case_id,
                          struct closure_member_row **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT m.case_id, m.person_id, p.name, p.kind, p.region,"
	    " p.id_sealed, m.contract_ended_on, m.destination,"
	    " m.destination_facility_id, d.name, m.note, m.settled_at"
	    " FROM closure_member m JOIN person p ON p.id = m.person_id"
	    " LEFT JOIN facility d ON d.id = m.destination_facility_id"
	    " WHERE m.case_id = ? ORDER BY m.person_id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, case_id);
	return db_collect(db, a, st, sizeof(**out), read_member, (void **)out,
	                  n, "closure members", err);
}

int closure_store_set_member(struct db *db, long long case_id, long long person,
                             const char *contract_ended_on,
                             const char *destination, long long dest_facility,
                             const char *note, struct lx_error *err)
{
	/* ?3 NULL keeps the contract end; ?4 NULL keeps the destination,
	 * '' clears it */
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE closure_member SET"
	    " contract_ended_on = COALESCE(?3, contract_ended_on),"
	    " destination = CASE WHEN ?4 IS NULL THEN destination"
	    "  WHEN ?4 = '' THEN NULL ELSE ?4 END,"
	    " destination_facility_id = CASE WHEN ?4 IS NULL"
	    "  THEN destination_facility_id ELSE ?5 END,"
	    " note = COALESCE(?6, note)"
	    " WHERE case_id = ?1 AND person_id = ?2 AND settled_at IS NULL",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, case_id);
	db_bind_int64(st, 2, person);
	db_bind_opt_text(st, 3, contract_ended_on);
	db_bind_text(st, 4, destination);
	if (dest_facility > 0)
		db_bind_int64(st, 5, dest_facility);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, note);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "closure member");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ENOTFOUND, "person_id",
		               "person %lld is not a member of case %lld",
		               person, case_id);
	return 0;
}

int closure_store_to_successor(struct db *db, long long case_id,
                               long long successor, long long *n,
                               struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE closure_member SET destination = 'successor',"
	               " destination_facility_id = ? WHERE case_id = ?"
	               " AND settled_at IS NULL AND (destination IS NULL"
	               " OR (destination = 'institution'"
	               " AND destination_facility_id IS NULL))",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, successor);
	db_bind_int64(st, 2, case_id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "closure members");
	*n = db_changes(db);
	return 0;
}

int closure_store_touch(struct db *db, long long id, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "UPDATE closure_case SET version ="
	                             " version + 1 WHERE id = ?"
	                             " AND status = 'open'",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "closure case");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "the case is no longer open");
	return 0;
}

int closure_store_take(struct db *db, long long id, long long version,
                       const char *status, const char *closed_on,
                       struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE closure_case SET status = ?, closed_on = ?,"
	               " version = version + 1"
	               " WHERE id = ? AND version = ? AND status = 'open'",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, status);
	db_bind_opt_text(st, 2, closed_on);
	db_bind_int64(st, 3, id);
	db_bind_int64(st, 4, version);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "closure case");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "version",
		               "the case changed meanwhile or is no longer "
		               "open");
	return 0;
}

static int run(struct db *db, struct stmt *st, const char *what,
               struct lx_error *err)
{
	int rc = db_step(st);

	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, what);
}

int closure_store_settle(struct db *db, const struct closure_member_row *m,
                         long long closing, const char *residence,
                         const char *to_region, const char *day,
                         const char *now, struct lx_error *err)
{
	long long to = m->destination_facility_id;
	struct stmt *st;

	if (!strcmp(m->kind, "infant")) {
		/* a child keeps living at home: the enrolment moves */
		st = db_prepare(db,
		                "INSERT INTO enrolment (person_id, facility_id,"
		                " class_type, start_date, end_date)"
		                " SELECT person_id, ?1, class_type, ?2, NULL"
		                " FROM enrolment WHERE person_id = ?3"
		                " AND facility_id = ?4 AND start_date <= ?2"
		                " AND (end_date IS NULL OR end_date >= ?2)",
		                err);
		if (!st)
			return -1;
		if (to > 0) {
			db_bind_int64(st, 1, to);
			db_bind_text(st, 2, day);
			db_bind_int64(st, 3, m->person_id);
			db_bind_int64(st, 4, closing);
			if (run(db, st, "enrolment", err))
				return -1;
		} else {
			db_finish(db, st);
		}
		st = db_prepare(db,
		                "UPDATE enrolment SET end_date = ?"
		                " WHERE person_id = ? AND facility_id = ?"
		                " AND (end_date IS NULL OR end_date > ?)",
		                err);
		if (!st)
			return -1;
		db_bind_text(st, 1, day);
		db_bind_int64(st, 2, m->person_id);
		db_bind_int64(st, 3, closing);
		db_bind_text(st, 4, day);
		if (run(db, st, "enrolment", err))
			return -1;
	} else {
		st = db_prepare(db,
		                "UPDATE person SET facility_id = ?,"
		                " residence = ?, updated_at = ?,"
		                " region = COALESCE(?, region) WHERE id = ?",
		                err);
		if (!st)
			return -1;
		if (to > 0)
			db_bind_int64(st, 1, to);
		else
			db_bind_null(st, 1);
		db_bind_text(st, 2, residence);
		db_bind_text(st, 3, now);
		db_bind_text(st, 4, to_region);
		db_bind_int64(st, 5, m->person_id);
		if (run(db, st, "person", err))
			return -1;
	}
	st = db_prepare(db,
	                "UPDATE closure_member SET settled_at = ?,"
	                " contract_ended_on = COALESCE(contract_ended_on, ?)"
	                " WHERE case_id = ? AND person_id = ?",
	                err);
	if (!st)
		return -1;
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, day);
	db_bind_int64(st, 3, m->case_id);
	db_bind_int64(st, 4, m->person_id);
	return run(db, st, "closure member", err);
}
