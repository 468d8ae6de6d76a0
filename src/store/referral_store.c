#include "store/referral_store.h"

#include "store/db_internal.h"

#include <string.h>

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

static int add_step(struct db *db, long long id, const char *step, long long by,
                    const char *at, const char *note, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO referral_step (referral_id, seq, step, by_account,"
	    " at, note) VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM"
	    " referral_step WHERE referral_id = ?1), ?2, ?3, ?4, ?5)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, step);
	bind_opt_id(st, 3, by);
	db_bind_text(st, 4, at);
	db_bind_text(st, 5, note ? note : "");
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "referral step");
}

int referral_store_add(struct db *db, struct referral_row *r,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO referral (visit_id, person_id, region, need,"
	    " severity, detail, to_kind, to_name, to_facility, status,"
	    " due_at, created_by, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'assigned', ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	bind_opt_id(st, 1, r->visit_id);
	db_bind_int64(st, 2, r->person_id);
	db_bind_text(st, 3, r->region);
	db_bind_text(st, 4, r->need);
	db_bind_text(st, 5, r->severity);
	db_bind_text(st, 6, r->detail ? r->detail : "");
	db_bind_text(st, 7, r->to_kind);
	db_bind_text(st, 8, r->to_name);
	bind_opt_id(st, 9, r->to_facility);
	db_bind_text(st, 10, r->due_at);
	bind_opt_id(st, 11, r->created_by);
	db_bind_text(st, 12, r->created_at);
	db_bind_text(st, 13, r->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "referral");
	r->id = db_last_id(db);
	r->updated_at = r->created_at;
	strcpy(r->status, "assigned");
	return add_step(db, r->id, "assigned", r->created_by, r->created_at,
	                r->detail, err);
}

int referral_store_step(struct db *db, long long id, const char *from,
                        const char *to, const char *record, const char *due_at,
                        long long by, const char *at, const char *note,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE referral SET status = ?1, updated_at = ?2,"
	    " due_at = coalesce(?3, due_at) WHERE id = ?4 AND status = ?5",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, at);
	db_bind_opt_text(st, 3, due_at);
	db_bind_int64(st, 4, id);
	db_bind_text(st, 5, from);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "referral");
	/* the status read before is stale: someone else took a step */
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "id",
		               "referral %lld is no longer '%s'", id, from);
	return add_step(db, id, record, by, at, note, err);
}

#define REFERRAL_COLS                                                          \
	"r.id, coalesce(r.visit_id, 0), r.person_id, r.region, r.need,"        \
	" r.severity, r.detail, r.to_kind, r.to_name,"                         \
	" coalesce(r.to_facility, 0), r.status, r.due_at,"                     \
	" coalesce(r.created_by, 0), r.created_at, r.updated_at,"              \
	" coalesce(p.name, ''), coalesce(g.name, ''), coalesce(f.name, ''),"   \
	" coalesce(a.username, '')"
#define REFERRAL_FROM                                                          \
	" FROM referral r LEFT JOIN person p ON p.id = r.person_id"            \
	" LEFT JOIN region g ON g.code = r.region"                             \
	" LEFT JOIN facility f ON f.id = r.to_facility"                        \
	" LEFT JOIN account a ON a.id = r.created_by"

static void read_referral(struct arena *a, struct stmt *st, void *elem)
{
	struct referral_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->visit_id = db_col_int64(st, 1);
	r->person_id = db_col_int64(st, 2);
	db_col_copy(r->region, sizeof(r->region), st, 3);
	r->need = db_col_text(a, st, 4);
	r->severity = db_col_text(a, st, 5);
	r->detail = db_col_text(a, st, 6);
	db_col_copy(r->to_kind, sizeof(r->to_kind), st, 7);
	r->to_name = db_col_text(a, st, 8);
	r->to_facility = db_col_int64(st, 9);
	db_col_copy(r->status, sizeof(r->status), st, 10);
	db_col_copy(r->due_at, sizeof(r->due_at), st, 11);
	r->created_by = db_col_int64(st, 12);
	r->created_at = db_col_text(a, st, 13);
	r->updated_at = db_col_text(a, st, 14);
	r->person_name = db_col_text(a, st, 15);
	r->region_name = db_col_text(a, st, 16);
	r->facility_name = db_col_text(a, st, 17);
	r->created_by_name = db_col_text(a, st, 18);
}

int referral_store_get(struct db *db, struct arena *a, long long id,
                       struct referral_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " REFERRAL_COLS REFERRAL_FROM " WHERE r.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_referral(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "referral");
	return lx_fail(err, LX_ENOTFOUND, "id", "no referral %lld", id);
}

static void read_step(struct arena *a, struct stmt *st, void *elem)
{
	struct referral_step_row *s = elem;

	s->seq = db_col_int(st, 0);
	db_col_copy(s->step, sizeof(s->step), st, 1);
	s->by = db_col_int64(st, 2);
	s->by_name = db_col_text(a, st, 3);
	s->at = db_col_text(a, st, 4);
	s->note = db_col_text(a, st, 5);
}

int referral_store_steps(struct db *db, struct arena *a, long long id,
                         struct referral_step_row **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT s.seq, s.step, coalesce(s.by_account, 0),"
	    " coalesce(a.username, ''), s.at, s.note FROM referral_step s"
	    " LEFT JOIN account a ON a.id = s.by_account"
	    " WHERE s.referral_id = ? ORDER BY s.seq",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	return db_collect(db, a, st, sizeof(**out), read_step, (void **)out, n,
	                  "referral steps", err);
}

int referral_store_list(struct db *db, struct arena *a,
                        const struct referral_query *q,
                        struct referral_row **out, size_t *n,
                        struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " REFERRAL_COLS REFERRAL_FROM
	               " WHERE (?1 IS NULL OR r.region BETWEEN ?1 AND ?2)"
	               " AND (?3 IS NULL OR r.status = ?3"
	               "  OR (?3 = 'open' AND r.status <> 'closed'))"
	               " AND (?4 = 0 OR r.person_id = ?4)"
	               " AND (?5 = 0 OR r.visit_id = ?5)"
	               " AND (?6 = 0 OR r.created_by = ?6)"
	               " ORDER BY r.due_at, r.id",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2,
	                    q->region && *q->region ? q->region : NULL);
	db_bind_opt_text(st, 3, q->status);
	db_bind_int64(st, 4, q->person_id);
	db_bind_int64(st, 5, q->visit_id);
	db_bind_int64(st, 6, q->created_by);
	return db_collect(db, a, st, sizeof(**out), read_referral, (void **)out,
	                  n, "referrals", err);
}

int referral_store_visit_person(struct db *db, long long visit,
                                long long *person, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT person_id FROM visit WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, visit);
	rc = db_step(st);
	if (rc == DB_ROW)
		*person = db_col_int64(st, 0);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "visit");
	return lx_fail(err, LX_EINVALID, "visit_id", "no visit %lld", visit);
}
