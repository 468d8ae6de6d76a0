#include "store/verify_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

int verify_store_add(struct db *db, struct verify_row *r, long long by,
                     const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO person_verification (person_id, verified_on, method,"
	    " note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->person_id);
	db_bind_text(st, 2, r->verified_on);
	db_bind_text(st, 3, r->method);
	db_bind_text(st, 4, r->note ? r->note : "");
	if (by > 0)
		db_bind_int64(st, 5, by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "verification");
		if (err && err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "verified_on",
			        "person %lld's verification of %s by this "
			        "method is already recorded",
			        r->person_id, r->verified_on);
		return -1;
	}
	r->id = db_last_id(db);
	return 0;
}

static void read_row(struct arena *a, struct stmt *st, void *elem)
{
	struct verify_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->person_id = db_col_int64(st, 1);
	db_col_copy(r->verified_on, sizeof(r->verified_on), st, 2);
	db_col_copy(r->method, sizeof(r->method), st, 3);
	r->note = db_col_text(a, st, 4);
	r->recorded_by = db_col_text(a, st, 5);
	if (!r->recorded_by)
		r->recorded_by = "";
	r->recorded_at = db_col_text(a, st, 6);
}

int verify_store_list(struct db *db, struct arena *a, long long person,
                      struct verify_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT v.id, v.person_id, v.verified_on, v.method, v.note,"
	    " (SELECT username FROM account WHERE id = v.recorded_by),"
	    " v.recorded_at FROM person_verification v WHERE v.person_id = ?"
	    " ORDER BY v.verified_on DESC, v.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	return db_collect(db, a, st, sizeof(**out), read_row, (void **)out, n,
	                  "verifications", err);
}

static void read_fact(struct arena *a, struct stmt *st, void *elem)
{
	struct verify_fact *f = elem;

	(void)a;
	f->person_id = db_col_int64(st, 0);
	db_col_copy(f->last, sizeof(f->last), st, 1);
	db_col_copy(f->next, sizeof(f->next), st, 2);
}

int verify_store_facts(struct db *db, struct arena *a, const char *day,
                       struct verify_fact **out, size_t *n,
                       struct lx_error *err)
{
	/* one row per verified person, however many verifications: a run
	 * needs only the two around its period's first day */
	struct stmt *st = db_prepare(
	    db,
	    "SELECT person_id,"
	    " max(CASE WHEN verified_on <= ?1 THEN verified_on END),"
	    " min(CASE WHEN verified_on > ?1 THEN verified_on END)"
	    " FROM person_verification GROUP BY person_id ORDER BY person_id",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, day);
	return db_collect(db, a, st, sizeof(**out), read_fact, (void **)out, n,
	                  "verification facts", err);
}

static void read_first(struct arena *a, struct stmt *st, void *elem)
{
	struct verify_first_paid *f = elem;

	(void)a;
	f->person_id = db_col_int64(st, 0);
	db_col_copy(f->period, sizeof(f->period), st, 1);
}

int verify_store_first_paid(struct db *db, struct arena *a, const char *scheme,
                            struct verify_first_paid **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT beneficiary_id, min(period) FROM ledger"
	               " WHERE scheme = ? AND beneficiary_kind = 'person'"
	               " AND kind = 'payment' GROUP BY beneficiary_id"
	               " ORDER BY beneficiary_id",
	               err);

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	return db_collect(db, a, st, sizeof(**out), read_first, (void **)out, n,
	                  "first payments", err);
}
