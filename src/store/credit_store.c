#include "store/credit_store.h"

#include "store/db_internal.h"

#include <string.h>

/* the name of a listing's or record's subject, on both backends */
#define SUBJECT_NAME(t)                                                        \
	" CASE WHEN " t ".subject_kind = 'staff' THEN (SELECT s.name FROM"     \
	" staff s WHERE s.id = " t ".subject_id) ELSE (SELECT g.name FROM"     \
	" facility g WHERE g.id = " t ".subject_id) END"

static void bind_by(struct stmt *st, int i, long long by)
{
	if (by > 0)
		db_bind_int64(st, i, by);
	else
		db_bind_null(st, i);
}

int credit_store_staff(struct db *db, struct arena *a, long long staff,
                       long long *facility, const char **name,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT facility_id, name FROM staff WHERE id = ?1", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, staff);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*facility = db_col_int64(st, 0);
		*name = db_col_text(a, st, 1);
	}
	db_finish(db, st);
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "subject_id",
		               "no staff member %lld", staff);
	if (rc != DB_ROW)
		return db_fail(db, err, "staff");
	return 0;
}

int credit_store_record_add(struct db *db, struct credit_record_row *r,
                            long long by, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO credit_record (subject_kind, subject_id,"
	    " facility_id, kind, happened_on, summary, authority, document,"
	    " public_until, recorded_by, recorded_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, r->subject_kind);
	db_bind_int64(st, 2, r->subject_id);
	db_bind_int64(st, 3, r->facility_id);
	db_bind_text(st, 4, r->kind);
	db_bind_text(st, 5, r->happened_on);
	db_bind_text(st, 6, r->summary);
	db_bind_text(st, 7, r->authority ? r->authority : "");
	db_bind_text(st, 8, r->document ? r->document : "");
	db_bind_opt_text(st, 9, r->public_until);
	bind_by(st, 10, by);
	db_bind_text(st, 11, r->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "credit record");
	r->id = db_last_id(db);
	return 0;
}

static void read_record(struct arena *a, struct stmt *st, void *elem)
{
	struct credit_record_row *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(st, 0);
	r->subject_kind = db_col_text(a, st, 1);
	r->subject_id = db_col_int64(st, 2);
	r->facility_id = db_col_int64(st, 3);
	r->kind = db_col_text(a, st, 4);
	r->happened_on = db_col_text(a, st, 5);
	r->summary = db_col_text(a, st, 6);
	r->authority = db_col_text(a, st, 7);
	r->document = db_col_text(a, st, 8);
	r->public_until = db_col_text(a, st, 9);
	r->recorded_at = db_col_text(a, st, 10);
	r->subject_name = db_col_text(a, st, 11);
}

int credit_store_records(struct db *db, struct arena *a,
                         const char *subject_kind, long long subject_id,
                         long long facility, struct credit_record_row **out,
                         size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT r.id, r.subject_kind, r.subject_id, r.facility_id,"
	    " r.kind, r.happened_on, r.summary, r.authority, r.document,"
	    " r.public_until, r.recorded_at," SUBJECT_NAME(
	        "r") " FROM credit_record r"
	             " WHERE (?1 IS NULL OR (r.subject_kind = ?1"
	             " AND r.subject_id = ?2))"
	             " AND (?3 IS NULL OR r.facility_id = ?3)"
	             " ORDER BY r.happened_on DESC, r.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_opt_text(st, 1, subject_kind);
	db_bind_int64(st, 2, subject_id);
	if (facility > 0)
		db_bind_int64(st, 3, facility);
	else
		db_bind_null(st, 3);
	return db_collect(db, a, st, sizeof(**out), read_record, (void **)out,
	                  n, "credit records", err);
}

int credit_store_listing_add(struct db *db, struct credit_listing_row *l,
                             long long by, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO credit_listing (subject_kind, subject_id,"
	    " facility_id, list, ground, facts, status, authority, version,"
	    " created_by, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'proposed', ?7, 1, ?8, ?9)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, l->subject_kind);
	db_bind_int64(st, 2, l->subject_id);
	db_bind_int64(st, 3, l->facility_id);
	db_bind_text(st, 4, l->list);
	db_bind_text(st, 5, l->ground);
	db_bind_text(st, 6, l->facts ? l->facts : "");
	db_bind_text(st, 7, l->authority ? l->authority : "");
	bind_by(st, 8, by);
	db_bind_text(st, 9, l->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "credit listing");
	l->id = db_last_id(db);
	l->version = 1;
	l->status = "proposed";
	return 0;
}

#define LISTING_COLUMNS                                                        \
	"SELECT l.id, l.subject_kind, l.subject_id, l.facility_id, l.list,"    \
	" l.ground, l.facts, l.status, l.noticed_on, l.hearing, l.listed_on,"  \
	" l.published_on, l.removed_on, l.removal_reason, l.authority,"        \
	" l.created_at, l.version," SUBJECT_NAME(                              \
	    "l") ", f.name, f.region"                                          \
	         " FROM credit_listing l JOIN facility f ON f.id = "           \
	         "l.facility_id"

static void read_listing(struct arena *a, struct stmt *st, void *elem)
{
	struct credit_listing_row *l = elem;

	memset(l, 0, sizeof(*l));
	l->id = db_col_int64(st, 0);
	l->subject_kind = db_col_text(a, st, 1);
	l->subject_id = db_col_int64(st, 2);
	l->facility_id = db_col_int64(st, 3);
	l->list = db_col_text(a, st, 4);
	l->ground = db_col_text(a, st, 5);
	l->facts = db_col_text(a, st, 6);
	l->status = db_col_text(a, st, 7);
	l->noticed_on = db_col_text(a, st, 8);
	l->hearing = db_col_text(a, st, 9);
	l->listed_on = db_col_text(a, st, 10);
	l->published_on = db_col_text(a, st, 11);
	l->removed_on = db_col_text(a, st, 12);
	l->removal_reason = db_col_text(a, st, 13);
	l->authority = db_col_text(a, st, 14);
	l->created_at = db_col_text(a, st, 15);
	l->version = db_col_int64(st, 16);
	l->subject_name = db_col_text(a, st, 17);
	l->facility_name = db_col_text(a, st, 18);
	l->region = db_col_text(a, st, 19);
}

int credit_store_listing_get(struct db *db, struct arena *a, long long id,
                             struct credit_listing_row *out,
                             struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, LISTING_COLUMNS " WHERE l.id = ?1", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_listing(a, st, out);
	db_finish(db, st);
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no listing %lld", id);
	if (rc != DB_ROW)
		return db_fail(db, err, "credit listing");
	return 0;
}

int credit_store_listings(struct db *db, struct arena *a, const char *region,
                          long long facility, const char *list,
                          const char *status, struct credit_listing_row **out,
                          size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    LISTING_COLUMNS " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                    " AND (?3 IS NULL OR l.facility_id = ?3)"
	                    " AND (?4 IS NULL OR l.list = ?4)"
	                    " AND (?5 IS NULL OR l.status = ?5)"
	                    " ORDER BY l.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	if (facility > 0)
		db_bind_int64(st, 3, facility);
	else
		db_bind_null(st, 3);
	db_bind_opt_text(st, 4, list);
	db_bind_opt_text(st, 5, status);
	return db_collect(db, a, st, sizeof(**out), read_listing, (void **)out,
	                  n, "credit listings", err);
}

int credit_store_listing_move(struct db *db, const struct credit_listing_row *l,
                              const char *from, int *moved,
                              struct lx_error *err)
{
	/* the version and the status both guard: a step raced by another
	 * changes nothing, and the caller answers 409 */
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE credit_listing SET status = ?1,"
	               " noticed_on = COALESCE(?2, noticed_on),"
	               " hearing = COALESCE(?3, hearing),"
	               " listed_on = COALESCE(?4, listed_on),"
	               " published_on = COALESCE(?5, published_on),"
	               " removed_on = COALESCE(?6, removed_on),"
	               " removal_reason = COALESCE(?7, removal_reason),"
	               " version = version + 1"
	               " WHERE id = ?8 AND version = ?9 AND status = ?10",
	               err);
	int rc;

	*moved = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, l->status);
	db_bind_opt_text(st, 2, l->noticed_on);
	db_bind_opt_text(st, 3, l->hearing);
	db_bind_opt_text(st, 4, l->listed_on);
	db_bind_opt_text(st, 5, l->published_on);
	db_bind_opt_text(st, 6, l->removed_on);
	db_bind_opt_text(st, 7, l->removal_reason);
	db_bind_int64(st, 8, l->id);
	db_bind_int64(st, 9, l->version);
	db_bind_text(st, 10, from);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "credit listing");
	*moved = db_changes(db) == 1;
	return 0;
}

int credit_store_step_add(struct db *db, long long listing, const char *step,
                          const char *on_day, const char *note, long long by,
                          const char *at, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO credit_listing_step (listing_id, step, on_day,"
	    " note, account_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, listing);
	db_bind_text(st, 2, step);
	db_bind_text(st, 3, on_day);
	db_bind_text(st, 4, note ? note : "");
	bind_by(st, 5, by);
	db_bind_text(st, 6, at);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "listing step");
}

static void read_step(struct arena *a, struct stmt *st, void *elem)
{
	struct credit_step_row *s = elem;

	memset(s, 0, sizeof(*s));
	s->id = db_col_int64(st, 0);
	s->listing_id = db_col_int64(st, 1);
	s->step = db_col_text(a, st, 2);
	s->on_day = db_col_text(a, st, 3);
	s->note = db_col_text(a, st, 4);
	s->account_id = db_col_null(st, 5) ? 0 : db_col_int64(st, 5);
	s->at = db_col_text(a, st, 6);
}

int credit_store_steps(struct db *db, struct arena *a, long long listing,
                       struct credit_step_row **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, listing_id, step, on_day, note, account_id, at"
	    " FROM credit_listing_step WHERE listing_id = ?1 ORDER BY id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, listing);
	return db_collect(db, a, st, sizeof(**out), read_step, (void **)out, n,
	                  "listing steps", err);
}

int credit_store_prepaid_add(struct db *db, struct credit_prepaid_row *p,
                             long long by, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO prepaid_report (facility_id, as_of, members,"
	    " balance_fen, custody_bank, custody_fen, recorded_by,"
	    " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, p->facility_id);
	db_bind_text(st, 2, p->as_of);
	db_bind_int64(st, 3, p->members);
	db_bind_int64(st, 4, p->balance_fen);
	db_bind_text(st, 5, p->custody_bank ? p->custody_bank : "");
	db_bind_int64(st, 6, p->custody_fen);
	bind_by(st, 7, by);
	db_bind_text(st, 8, p->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "prepaid report");
		if (err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "as_of",
			        "the facility has already reported its prepaid "
			        "balance as of %s",
			        p->as_of);
		return -1;
	}
	p->id = db_last_id(db);
	return 0;
}

static void read_prepaid(struct arena *a, struct stmt *st, void *elem)
{
	struct credit_prepaid_row *p = elem;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int64(st, 0);
	p->facility_id = db_col_int64(st, 1);
	p->as_of = db_col_text(a, st, 2);
	p->members = db_col_int64(st, 3);
	p->balance_fen = db_col_int64(st, 4);
	p->custody_bank = db_col_text(a, st, 5);
	p->custody_fen = db_col_int64(st, 6);
	p->recorded_at = db_col_text(a, st, 7);
	p->facility_name = db_col_text(a, st, 8);
	p->region = db_col_text(a, st, 9);
	p->membership = db_col_int(st, 10);
}

int credit_store_prepaid_latest(struct db *db, struct arena *a,
                                const char *region, long long facility,
                                const char *day,
                                struct credit_prepaid_row **out, size_t *n,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT p.id, p.facility_id, p.as_of, p.members, p.balance_fen,"
	    " p.custody_bank, p.custody_fen, p.recorded_at, f.name,"
	    " f.region, f.membership"
	    " FROM prepaid_report p JOIN facility f ON f.id = p.facility_id"
	    " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	    " AND (?3 IS NULL OR p.facility_id = ?3)"
	    " AND p.as_of = (SELECT MAX(q.as_of) FROM prepaid_report q"
	    "  WHERE q.facility_id = p.facility_id AND q.as_of <= ?4)"
	    " ORDER BY p.facility_id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	if (facility > 0)
		db_bind_int64(st, 3, facility);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, day);
	return db_collect(db, a, st, sizeof(**out), read_prepaid, (void **)out,
	                  n, "prepaid reports", err);
}

int credit_store_membership_set(struct db *db, long long facility, int on,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE facility SET membership = ?1 WHERE id = ?2", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, on ? 1 : 0);
	db_bind_int64(st, 2, facility);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "facility membership");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ENOTFOUND, "id", "no facility %lld",
		               facility);
	return 0;
}

int credit_store_membership(struct db *db, long long facility, int *on,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT membership FROM facility WHERE id = ?1", err);
	int rc;

	*on = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	rc = db_step(st);
	if (rc == DB_ROW)
		*on = db_col_int(st, 0);
	db_finish(db, st);
	return rc == DB_ROW || rc == DB_DONE
	           ? 0
	           : db_fail(db, err, "facility membership");
}
