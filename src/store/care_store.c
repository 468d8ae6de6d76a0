#include "store/care_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

int health_store_insert(struct db *db, struct health_row *r, long long by,
                        const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO health_record (person_id, item, done_on, result,"
	    " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->person_id);
	db_bind_text(st, 2, r->item);
	db_bind_text(st, 3, r->done_on);
	db_bind_text(st, 4, r->result ? r->result : "");
	if (by > 0)
		db_bind_int64(st, 5, by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "health record");
	r->id = db_last_id(db);
	return 0;
}

static void read_health(struct arena *a, struct stmt *st, void *elem)
{
	struct health_row *r = elem;
	const char *s;

	r->id = db_col_int64(st, 0);
	r->person_id = db_col_int64(st, 1);
	r->item = db_col_text(a, st, 2);
	s = db_col_str(st, 3);
	snprintf(r->done_on, sizeof(r->done_on), "%s", s ? s : "");
	r->result = db_col_text(a, st, 4);
}

int health_store_list(struct db *db, struct arena *a, long long person,
                      struct health_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, person_id, item, done_on, result FROM health_record"
	    " WHERE person_id = ? ORDER BY done_on, id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	return db_collect(db, a, st, sizeof(**out), read_health, (void **)out,
	                  n, "health records", err);
}

int enrolment_store_insert(struct db *db, struct enrolment_row *r,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO enrolment (person_id, facility_id, class_type,"
	    " start_date, end_date) VALUES (?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->person_id);
	db_bind_int64(st, 2, r->facility_id);
	db_bind_text(st, 3, r->class_type);
	db_bind_text(st, 4, r->start);
	db_bind_opt_text(st, 5, r->end);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "enrolment");
	r->id = db_last_id(db);
	return 0;
}

static void read_enrolment(struct arena *a, struct stmt *st, void *elem)
{
	struct enrolment_row *r = elem;
	const char *s;

	r->id = db_col_int64(st, 0);
	r->person_id = db_col_int64(st, 1);
	r->facility_id = db_col_int64(st, 2);
	r->class_type = db_col_text(a, st, 3);
	s = db_col_str(st, 4);
	snprintf(r->start, sizeof(r->start), "%s", s ? s : "");
	s = db_col_str(st, 5);
	snprintf(r->end, sizeof(r->end), "%s", s ? s : "");
}

int enrolment_store_list(struct db *db, struct arena *a, long long person,
                         struct enrolment_row **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, person_id, facility_id, class_type, start_date,"
	    " end_date FROM enrolment WHERE person_id = ?"
	    " ORDER BY start_date DESC, id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	return db_collect(db, a, st, sizeof(**out), read_enrolment,
	                  (void **)out, n, "enrolments", err);
}

/* In force on day: started on or before it, not ended before it. */

long long enrolment_store_count(struct db *db, long long facility,
                                const char *class_type, const char *day)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT count(*) FROM enrolment WHERE facility_id = ?1"
	               " AND class_type = ?2 AND start_date <= ?3"
	               " AND (end_date IS NULL OR end_date >= ?3)",
	               NULL);
	long long n = 0;

	if (!st)
		return 0;
	db_bind_int64(st, 1, facility);
	db_bind_text(st, 2, class_type);
	db_bind_text(st, 3, day);
	if (db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_finish(db, st);
	return n;
}

int enrolment_store_overlaps(struct db *db, long long person, const char *start,
                             const char *end)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT 1 FROM enrolment WHERE person_id = ?1"
	               " AND (end_date IS NULL OR end_date >= ?2)"
	               " AND (?3 IS NULL OR start_date <= ?3)",
	               NULL);
	int found;

	if (!st)
		return 0;
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, start);
	db_bind_opt_text(st, 3, end);
	found = db_step(st) == DB_ROW;
	db_finish(db, st);
	return found;
}

static void read_day(struct arena *a, struct stmt *st, void *elem)
{
	const char *s = db_col_str(st, 0);

	(void)a;
	snprintf(elem, 11, "%s", s ? s : "");
}

int enrolment_store_start_days(struct db *db, struct arena *a,
                               long long facility, const char *class_type,
                               const char *start, const char *end,
                               char (**days)[11], size_t *n)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT ?3 UNION SELECT start_date FROM enrolment"
	    " WHERE facility_id = ?1 AND class_type = ?2"
	    " AND start_date > ?3 AND (?4 IS NULL OR start_date <= ?4)",
	    NULL);

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	db_bind_text(st, 2, class_type);
	db_bind_text(st, 3, start);
	db_bind_opt_text(st, 4, end);
	return db_collect(db, a, st, 11, read_day, (void **)days, n,
	                  "enrolment days", NULL);
}

int move_store_insert(struct db *db, long long person, const char *from,
                      const char *to, const char *on, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO person_move (person_id, from_region, to_region,"
	    " moved_on) VALUES (?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, on);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "move");
}

static void read_move(struct arena *a, struct stmt *st, void *elem)
{
	struct move_row *m = elem;

	(void)a;
	snprintf(m->from, sizeof(m->from), "%s", db_col_str(st, 0));
	snprintf(m->to, sizeof(m->to), "%s", db_col_str(st, 1));
	snprintf(m->on, sizeof(m->on), "%s", db_col_str(st, 2));
}

int move_store_list(struct db *db, struct arena *a, long long person,
                    struct move_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT from_region, to_region, moved_on FROM person_move"
	    " WHERE person_id = ? ORDER BY moved_on, rowid",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	return db_collect(db, a, st, sizeof(**out), read_move, (void **)out, n,
	                  "moves", err);
}
