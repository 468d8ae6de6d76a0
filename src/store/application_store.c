#include "store/application_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

int application_store_insert(struct db *db, struct application_row *a,
                             const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO application (scheme, person_id, applicant, relation,"
	    " note, status, precheck, submitted_at) VALUES (?, ?, ?, ?, ?,"
	    " 'submitted', ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, a->scheme);
	db_bind_int64(st, 2, a->person_id);
	db_bind_int64(st, 3, a->applicant);
	db_bind_text(st, 4, a->relation ? a->relation : "");
	db_bind_text(st, 5, a->note ? a->note : "");
	db_bind_text(st, 6, a->precheck ? a->precheck : "");
	db_bind_text(st, 7, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "application");
	a->id = db_last_id(db);
	return 0;
}

#define APP_COLS                                                               \
	"a.id, a.person_id, a.applicant, a.scheme, a.relation, a.note,"        \
	" a.status, a.precheck, a.submitted_at, a.decided_at,"                 \
	" a.decision_reason, coalesce(a.eligible_from, ''), p.region, p.name"

static void read_app(struct arena *ar, struct stmt *st, void *elem)
{
	struct application_row *a = elem;
	const char *s;

	a->id = db_col_int64(st, 0);
	a->person_id = db_col_int64(st, 1);
	a->applicant = db_col_int64(st, 2);
	a->scheme = db_col_text(ar, st, 3);
	a->relation = db_col_text(ar, st, 4);
	a->note = db_col_text(ar, st, 5);
	a->status = db_col_text(ar, st, 6);
	a->precheck = db_col_text(ar, st, 7);
	a->submitted_at = db_col_text(ar, st, 8);
	a->decided_at = db_col_text(ar, st, 9);
	a->decision_reason = db_col_text(ar, st, 10);
	s = db_col_str(st, 11);
	snprintf(a->eligible_from, sizeof(a->eligible_from), "%s", s ? s : "");
	s = db_col_str(st, 12);
	snprintf(a->region, sizeof(a->region), "%s", s ? s : "");
	a->person_name = db_col_text(ar, st, 13);
}

int application_store_get(struct db *db, struct arena *ar, long long id,
                          struct application_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT " APP_COLS " FROM application a"
	                             " JOIN person p ON p.id = a.person_id"
	                             " WHERE a.id = ?",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_app(ar, st, out);
	db_finish(db, st);
	return rc == DB_ROW ? 0
	                    : lx_fail(err, LX_ENOTFOUND, "id",
	                              "no application %lld", id);
}

int application_store_decide(struct db *db, long long id, const char *status,
                             long long by, const char *now, const char *reason,
                             const char *eligible_from, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE application SET status = ?, decided_by = ?, decided_at = ?,"
	    " decision_reason = ?, eligible_from = ? WHERE id = ?"
	    " AND status = 'submitted'",
	    err);
	int rc, changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, status);
	if (by > 0)
		db_bind_int64(st, 2, by);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, reason);
	db_bind_opt_text(st, 5, eligible_from);
	db_bind_int64(st, 6, id);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "application");
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "id",
		               "application %lld is already decided", id);
	return 0;
}

long application_store_open(struct db *db, long long person, const char *scheme)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT count(*) FROM application WHERE person_id = ?"
	    " AND scheme = ? AND status IN ('submitted', 'approved')",
	    NULL);
	long n = 0;

	if (!st)
		return 0;
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, scheme);
	if (db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_finish(db, st);
	return n;
}

int application_store_list(struct db *db, struct arena *ar, long long applicant,
                           const char *region, const char *status,
                           struct application_row **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " APP_COLS " FROM application a"
	               " JOIN person p ON p.id = a.person_id"
	               " WHERE (?1 = 0 OR a.applicant = ?1)"
	               " AND (?1 <> 0 OR p.region BETWEEN ?2 AND ?3)"
	               " AND (?4 IS NULL OR a.status = ?4) ORDER BY a.id DESC",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, applicant);
	db_bind_subtree(st, 2, 3, region);
	db_bind_opt_text(st, 4, status);
	return db_collect(db, ar, st, sizeof(**out), read_app, (void **)out, n,
	                  "applications", err);
}

void application_store_approved_from(struct db *db, long long person,
                                     const char *scheme, char *out)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT eligible_from FROM application WHERE person_id = ?"
	    " AND scheme = ? AND status = 'approved' ORDER BY eligible_from"
	    " LIMIT 1",
	    NULL);

	out[0] = '\0';
	if (!st)
		return;
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, scheme);
	if (db_step(st) == DB_ROW && db_col_str(st, 0))
		snprintf(out, 8, "%s", db_col_str(st, 0));
	db_finish(db, st);
}
