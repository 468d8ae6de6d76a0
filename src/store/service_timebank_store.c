#include "store/service_timebank_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

static unsigned char *col_blob(struct arena *a, struct stmt *st, int i,
                               size_t *len)
{
	*len = db_col_null(st, i) ? 0 : (size_t)db_col_bytes(st, i);
	return *len ? arena_memdup(a, db_col_blob(st, i), *len) : NULL;
}

/* One statement run to its end, no rows; 0 or -1 naming what. */
static int run(struct db *db, struct stmt *st, const char *what,
               struct lx_error *err)
{
	int rc = db_step(st);

	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, what);
}

int tb_store_volunteer_add(struct db *db, struct volunteer_row *v,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO volunteer (id_hash, id_sealed, id_masked, name, sex,"
	    " birth_date, region, phone_sealed, phone_masked, person_id,"
	    " facility_id, team, registered_on, created_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_blob(st, 1, v->id_hash, sizeof(v->id_hash));
	db_bind_blob(st, 2, v->id_sealed, v->id_sealed_len);
	db_bind_text(st, 3, v->id_masked);
	db_bind_text(st, 4, v->name);
	db_bind_text(st, 5, v->sex);
	db_bind_text(st, 6, v->birth_date);
	db_bind_text(st, 7, v->region);
	if (v->phone_sealed)
		db_bind_blob(st, 8, v->phone_sealed, v->phone_sealed_len);
	else
		db_bind_null(st, 8);
	db_bind_text(st, 9, v->phone_masked ? v->phone_masked : "");
	bind_opt_id(st, 10, v->person_id);
	bind_opt_id(st, 11, v->facility_id);
	db_bind_text(st, 12, v->team ? v->team : "");
	db_bind_text(st, 13, v->registered_on);
	bind_opt_id(st, 14, v->created_by);
	db_bind_text(st, 15, v->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "volunteer");
		if (err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "id_number",
			        "a volunteer with this ID number is registered "
			        "already");
		return -1;
	}
	v->id = db_last_id(db);
	return 0;
}

#define VOLUNTEER_COLS                                                         \
	"v.id, v.id_sealed, v.id_masked, v.name, v.sex, v.birth_date,"         \
	" v.region, v.phone_sealed, v.phone_masked, coalesce(v.person_id, 0)," \
	" coalesce(v.facility_id, 0), v.team, v.registered_on,"                \
	" coalesce(v.left_on, ''), coalesce(v.created_by, 0), v.created_at,"   \
	" coalesce(g.name, ''), coalesce(f.name, ''), coalesce(t.id, 0),"      \
	" coalesce(t.balance_minutes, 0)"
#define VOLUNTEER_FROM                                                         \
	" FROM volunteer v LEFT JOIN region g ON g.code = v.region"            \
	" LEFT JOIN facility f ON f.id = v.facility_id"                        \
	" LEFT JOIN timebank_account t ON t.volunteer_id = v.id"

static void read_volunteer(struct arena *a, struct stmt *st, void *elem)
{
	struct volunteer_row *v = elem;

	memset(v, 0, sizeof(*v));
	v->id = db_col_int64(st, 0);
	v->id_sealed = col_blob(a, st, 1, &v->id_sealed_len);
	db_col_copy(v->id_masked, sizeof(v->id_masked), st, 2);
	v->name = db_col_text(a, st, 3);
	db_col_copy(v->sex, sizeof(v->sex), st, 4);
	db_col_copy(v->birth_date, sizeof(v->birth_date), st, 5);
	db_col_copy(v->region, sizeof(v->region), st, 6);
	v->phone_sealed = col_blob(a, st, 7, &v->phone_sealed_len);
	v->phone_masked = db_col_text(a, st, 8);
	v->person_id = db_col_int64(st, 9);
	v->facility_id = db_col_int64(st, 10);
	v->team = db_col_text(a, st, 11);
	db_col_copy(v->registered_on, sizeof(v->registered_on), st, 12);
	db_col_copy(v->left_on, sizeof(v->left_on), st, 13);
	v->created_by = db_col_int64(st, 14);
	v->created_at = db_col_text(a, st, 15);
	v->region_name = db_col_text(a, st, 16);
	v->facility_name = db_col_text(a, st, 17);
	v->account_id = db_col_int64(st, 18);
	v->balance = db_col_int64(st, 19);
}

int tb_store_volunteer_get(struct db *db, struct arena *a, long long id,
                           struct volunteer_row *out, struct lx_error *err)
{
	struct volunteer_row *rows;
	size_t n;
	struct stmt *st = db_prepare(
	    db, "SELECT " VOLUNTEER_COLS VOLUNTEER_FROM " WHERE v.id = ?", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*rows), read_volunteer, (void **)&rows,
	               &n, "volunteer", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id", "no volunteer %lld",
		               id);
	*out = rows[0];
	return 0;
}

int tb_store_volunteer_list(struct db *db, struct arena *a,
                            const struct volunteer_query *q,
                            struct volunteer_row **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " VOLUNTEER_COLS VOLUNTEER_FROM
	               " WHERE (?1 IS NULL OR v.region BETWEEN ?1 AND ?2)"
	               " AND (?3 = 0 OR v.facility_id = ?3)"
	               " AND (?4 IS NULL OR (v.registered_on <= ?4"
	               "  AND (v.left_on IS NULL OR v.left_on > ?4)))"
	               " ORDER BY v.region, v.id",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2,
	                    q->region && *q->region ? q->region : NULL);
	db_bind_int64(st, 3, q->facility_id);
	db_bind_opt_text(st, 4, q->on);
	return db_collect(db, a, st, sizeof(**out), read_volunteer,
	                  (void **)out, n, "volunteers", err);
}

int tb_store_volunteer_count(struct db *db, const char *region, const char *day,
                             int elderly, long long *n, struct lx_error *err)
{
	struct stmt *st;
	char cutoff[24];
	int rc;

	if (!day || strlen(day) != 10)
		return lx_fail(err, LX_EINVALID, "day",
		               "give the day as YYYY-MM-DD");
	st = db_prepare(db,
	                "SELECT count(*) FROM volunteer v"
	                " WHERE (?1 IS NULL OR v.region BETWEEN ?1 AND ?2)"
	                " AND v.registered_on <= ?3"
	                " AND (v.left_on IS NULL OR v.left_on > ?3)"
	                " AND (?4 IS NULL OR v.birth_date <= ?4)",
	                err);
	if (!st)
		return -1;
	/* aged 60 on day: born on or before the same month and day 60
	 * years before (compared as text, so 29 February falls right) */
	snprintf(cutoff, sizeof(cutoff), "%04d%.6s", atoi(day) - 60, day + 4);
	db_bind_opt_subtree(st, 1, 2, region && *region ? region : NULL);
	db_bind_text(st, 3, day);
	db_bind_opt_text(st, 4, elderly ? cutoff : NULL);
	rc = db_step(st);
	if (rc == DB_ROW)
		*n = db_col_int64(st, 0);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	return db_fail(db, err, "volunteers");
}

int tb_store_volunteer_leave(struct db *db, long long id, const char *day,
                             struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE volunteer SET left_on = ?1 WHERE id = ?2"
	               " AND left_on IS NULL AND registered_on < ?1",
	               err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, day);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "volunteer");
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "left_on",
		               "the volunteer has left already or registered "
		               "on or after that day");
	return 0;
}

int tb_store_kin_add(struct db *db, long long volunteer, long long person,
                     const char *relation, long long by, const char *at,
                     struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO timebank_kin (volunteer_id, person_id, relation,"
	    " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, volunteer);
	db_bind_int64(st, 2, person);
	db_bind_text(st, 3, relation);
	bind_opt_id(st, 4, by);
	db_bind_text(st, 5, at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc == DB_DONE)
		return 0;
	db_fail(db, err, "kin");
	if (err->code == LX_ECONFLICT)
		lx_fail(err, LX_ECONFLICT, "person_id",
		        "this person is recorded as the volunteer's kin "
		        "already");
	return -1;
}

static void read_kin(struct arena *a, struct stmt *st, void *elem)
{
	struct kin_row *k = elem;

	k->volunteer_id = db_col_int64(st, 0);
	k->person_id = db_col_int64(st, 1);
	db_col_copy(k->relation, sizeof(k->relation), st, 2);
	k->person_name = db_col_text(a, st, 3);
	db_col_copy(k->birth_date, sizeof(k->birth_date), st, 4);
	db_col_copy(k->region, sizeof(k->region), st, 5);
	k->recorded_at = db_col_text(a, st, 6);
}

int tb_store_kin_list(struct db *db, struct arena *a, long long volunteer,
                      struct kin_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT k.volunteer_id, k.person_id, k.relation, p.name,"
	    " p.birth_date, p.region, k.recorded_at FROM timebank_kin k"
	    " JOIN person p ON p.id = k.person_id WHERE k.volunteer_id = ?"
	    " ORDER BY k.recorded_at, k.person_id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, volunteer);
	return db_collect(db, a, st, sizeof(**out), read_kin, (void **)out, n,
	                  "kin", err);
}

int tb_store_kin_of(struct db *db, long long volunteer, long long person,
                    char relation[16], struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT relation FROM timebank_kin"
	               " WHERE volunteer_id = ? AND person_id = ?",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, volunteer);
	db_bind_int64(st, 2, person);
	rc = db_step(st);
	relation[0] = 0;
	if (rc == DB_ROW)
		db_col_copy(relation, 16, st, 0);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : db_fail(db, err, "kin");
}

int tb_store_service_add(struct db *db, struct vservice_row *s,
                         struct lx_error *err)
{
	/* one statement: inserted only when no service of the volunteer
	 * that is not rejected overlaps [started_at, finished_at); times
	 * are YYYY-MM-DDTHH:MM, so text order is time order */
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO volunteer_service (volunteer_id, person_id, item,"
	    " region, started_at, finished_at, minutes, note, recorded_by,"
	    " recorded_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10"
	    " WHERE NOT EXISTS (SELECT 1 FROM volunteer_service o"
	    " WHERE o.volunteer_id = ?1 AND o.rejected_reason = ''"
	    " AND o.started_at < ?6 AND ?5 < o.finished_at)",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_int64(st, 1, s->volunteer_id);
	bind_opt_id(st, 2, s->person_id);
	db_bind_text(st, 3, s->item);
	db_bind_text(st, 4, s->region);
	db_bind_text(st, 5, s->started_at);
	db_bind_text(st, 6, s->finished_at);
	db_bind_int64(st, 7, s->minutes);
	db_bind_text(st, 8, s->note ? s->note : "");
	bind_opt_id(st, 9, s->recorded_by);
	db_bind_text(st, 10, s->recorded_at);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "volunteer service");
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "started_at",
		               "the volunteer has another service at that "
		               "time");
	s->id = db_last_id(db);
	return 0;
}

#define SERVICE_COLS                                                           \
	"s.id, s.volunteer_id, coalesce(s.person_id, 0), s.item, s.region,"    \
	" s.started_at, s.finished_at, s.minutes, s.note,"                     \
	" coalesce(s.recorded_by, 0), s.recorded_at,"                          \
	" coalesce(s.verified_by, 0), s.verified_at, s.rejected_reason,"       \
	" v.name, coalesce(p.name, ''), coalesce(v.facility_id, 0),"           \
	" coalesce(e.minutes, 0), v.region"
#define SERVICE_FROM                                                           \
	" FROM volunteer_service s JOIN volunteer v ON v.id = s.volunteer_id"  \
	" LEFT JOIN person p ON p.id = s.person_id"                            \
	" LEFT JOIN timebank_entry e ON e.service_id = s.id"

static void read_service(struct arena *a, struct stmt *st, void *elem)
{
	struct vservice_row *s = elem;

	memset(s, 0, sizeof(*s));
	s->id = db_col_int64(st, 0);
	s->volunteer_id = db_col_int64(st, 1);
	s->person_id = db_col_int64(st, 2);
	s->item = db_col_text(a, st, 3);
	db_col_copy(s->region, sizeof(s->region), st, 4);
	s->started_at = db_col_text(a, st, 5);
	s->finished_at = db_col_text(a, st, 6);
	s->minutes = db_col_int64(st, 7);
	s->note = db_col_text(a, st, 8);
	s->recorded_by = db_col_int64(st, 9);
	s->recorded_at = db_col_text(a, st, 10);
	s->decided_by = db_col_int64(st, 11);
	s->decided_at = db_col_text(a, st, 12);
	s->rejected_reason = db_col_text(a, st, 13);
	s->volunteer_name = db_col_text(a, st, 14);
	s->person_name = db_col_text(a, st, 15);
	s->facility_id = db_col_int64(st, 16);
	s->deposited = db_col_int64(st, 17);
	db_col_copy(s->volunteer_region, sizeof(s->volunteer_region), st, 18);
	strcpy(s->status, !s->decided_at        ? "recorded"
	                  : *s->rejected_reason ? "rejected"
	                                        : "verified");
}

int tb_store_service_get(struct db *db, struct arena *a, long long id,
                         struct vservice_row *out, struct lx_error *err)
{
	struct vservice_row *rows;
	size_t n;
	struct stmt *st = db_prepare(
	    db, "SELECT " SERVICE_COLS SERVICE_FROM " WHERE s.id = ?", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*rows), read_service, (void **)&rows,
	               &n, "volunteer service", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id",
		               "no volunteer service %lld", id);
	*out = rows[0];
	return 0;
}

int tb_store_service_list(struct db *db, struct arena *a,
                          const struct vservice_query *q,
                          struct vservice_row **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " SERVICE_COLS SERVICE_FROM
	               " WHERE (?1 IS NULL OR s.region BETWEEN ?1 AND ?2)"
	               " AND (?3 = 0 OR s.volunteer_id = ?3)"
	               " AND (?4 IS NULL"
	               "  OR (?4 = 'recorded' AND s.verified_at IS NULL)"
	               "  OR (?4 = 'verified' AND s.verified_at IS NOT NULL"
	               "   AND s.rejected_reason = '')"
	               "  OR (?4 = 'rejected' AND s.rejected_reason <> ''))"
	               " ORDER BY s.started_at DESC, s.id DESC",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2,
	                    q->region && *q->region ? q->region : NULL);
	db_bind_int64(st, 3, q->volunteer_id);
	db_bind_opt_text(st, 4, q->status);
	return db_collect(db, a, st, sizeof(**out), read_service, (void **)out,
	                  n, "volunteer services", err);
}

int tb_store_service_decide(struct db *db, long long id, long long by,
                            const char *at, const char *reason,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE volunteer_service SET verified_by = ?, verified_at = ?,"
	    " rejected_reason = ? WHERE id = ? AND verified_at IS NULL",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	bind_opt_id(st, 1, by);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, reason ? reason : "");
	db_bind_int64(st, 4, id);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "volunteer service");
	/* a concurrent decision came first: this one changes nothing */
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "id",
		               "volunteer service %lld is decided already", id);
	return 0;
}

int tb_store_account_of(struct db *db, long long volunteer, long long person,
                        const char *at, long long *id, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "INSERT INTO timebank_account (volunteer_id, person_id,"
	               " created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
	               err);
	int rc;

	if (!st)
		return -1;
	bind_opt_id(st, 1, volunteer);
	bind_opt_id(st, 2, person);
	db_bind_text(st, 3, at);
	if (run(db, st, "time-bank account", err))
		return -1;
	st = db_prepare(db,
	                "SELECT id FROM timebank_account WHERE"
	                " (?1 > 0 AND volunteer_id = ?1) OR"
	                " (?2 > 0 AND person_id = ?2)",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, volunteer);
	db_bind_int64(st, 2, person);
	rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	return db_fail(db, err, "time-bank account");
}

#define ACCOUNT_COLS                                                           \
	"t.id, coalesce(t.volunteer_id, 0), coalesce(t.person_id, 0),"         \
	" t.balance_minutes, t.created_at, coalesce(v.name, p.name),"          \
	" coalesce(v.region, p.region), coalesce(v.birth_date, p.birth_date)," \
	" coalesce(v.person_id, t.person_id, 0), coalesce(v.facility_id, 0)"
#define ACCOUNT_FROM                                                           \
	" FROM timebank_account t LEFT JOIN volunteer v ON v.id ="             \
	" t.volunteer_id LEFT JOIN person p ON p.id = t.person_id"

static void read_account(struct arena *a, struct stmt *st, void *elem)
{
	struct tb_account_row *t = elem;

	t->id = db_col_int64(st, 0);
	t->volunteer_id = db_col_int64(st, 1);
	t->person_id = db_col_int64(st, 2);
	t->balance = db_col_int64(st, 3);
	t->created_at = db_col_text(a, st, 4);
	t->name = db_col_text(a, st, 5);
	db_col_copy(t->region, sizeof(t->region), st, 6);
	db_col_copy(t->birth_date, sizeof(t->birth_date), st, 7);
	t->holder_person = db_col_int64(st, 8);
	t->facility_id = db_col_int64(st, 9);
}

int tb_store_account_get(struct db *db, struct arena *a, long long id,
                         struct tb_account_row *out, struct lx_error *err)
{
	struct tb_account_row *rows;
	size_t n;
	struct stmt *st = db_prepare(
	    db, "SELECT " ACCOUNT_COLS ACCOUNT_FROM " WHERE t.id = ?", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*rows), read_account, (void **)&rows,
	               &n, "time-bank account", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id",
		               "no time-bank account %lld", id);
	*out = rows[0];
	return 0;
}

int tb_store_account_list(struct db *db, struct arena *a, const char *region,
                          struct tb_account_row **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " ACCOUNT_COLS ACCOUNT_FROM
	               " WHERE (?1 IS NULL OR coalesce(v.region, p.region)"
	               " BETWEEN ?1 AND ?2) ORDER BY t.id",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region && *region ? region : NULL);
	return db_collect(db, a, st, sizeof(**out), read_account, (void **)out,
	                  n, "time-bank accounts", err);
}

int tb_store_account_move(struct db *db, long long id, long long delta,
                          long long cap, struct lx_error *err)
{
	/* the guard is in the UPDATE itself, so two concurrent movements
	 * cannot both pass a check made on a stale balance */
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE timebank_account SET balance_minutes = balance_minutes"
	    " + ?1 WHERE id = ?2 AND balance_minutes + ?1 >= 0"
	    " AND (?3 <= 0 OR balance_minutes + ?1 <= ?3)",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_int64(st, 1, delta);
	db_bind_int64(st, 2, id);
	db_bind_int64(st, 3, cap);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "time-bank account");
	return changed ? 0 : 1;
}

int tb_store_entry_add(struct db *db, struct tb_entry_row *e,
                       struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "INSERT INTO timebank_entry (account_id, kind, minutes,"
	               " service_id, order_id, counterpart, by_account, at)"
	               " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, e->account_id);
	db_bind_text(st, 2, e->kind);
	db_bind_int64(st, 3, e->minutes);
	bind_opt_id(st, 4, e->service_id);
	bind_opt_id(st, 5, e->order_id);
	bind_opt_id(st, 6, e->counterpart);
	bind_opt_id(st, 7, e->by);
	db_bind_text(st, 8, e->at);
	if (run(db, st, "time-bank entry", err))
		return -1;
	e->id = db_last_id(db);
	return 0;
}

int tb_store_trace_add(struct db *db, long long entry, long long service,
                       long long minutes, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "INSERT INTO timebank_trace (entry_id,"
	                             " service_id, minutes) VALUES (?, ?, ?)",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, entry);
	db_bind_int64(st, 2, service);
	db_bind_int64(st, 3, minutes);
	return run(db, st, "time-bank trace", err);
}

static void read_lot(struct arena *a, struct stmt *st, void *elem)
{
	struct timebank_lot *l = elem;

	(void)a;
	l->service_id = db_col_int64(st, 0);
	l->minutes = db_col_int64(st, 1);
}

int tb_store_lots(struct db *db, struct arena *a, long long account,
                  struct timebank_lot **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT t.service_id, sum(t.minutes) FROM timebank_trace t"
	    " JOIN timebank_entry e ON e.id = t.entry_id"
	    " JOIN volunteer_service s ON s.id = t.service_id"
	    " WHERE e.account_id = ? GROUP BY t.service_id, s.finished_at"
	    " HAVING sum(t.minutes) > 0 ORDER BY s.finished_at, t.service_id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	return db_collect(db, a, st, sizeof(**out), read_lot, (void **)out, n,
	                  "time-bank lots", err);
}

static void read_entry(struct arena *a, struct stmt *st, void *elem)
{
	struct tb_entry_row *e = elem;

	e->id = db_col_int64(st, 0);
	e->account_id = db_col_int64(st, 1);
	db_col_copy(e->kind, sizeof(e->kind), st, 2);
	e->minutes = db_col_int64(st, 3);
	e->service_id = db_col_int64(st, 4);
	e->order_id = db_col_int64(st, 5);
	e->counterpart = db_col_int64(st, 6);
	e->by = db_col_int64(st, 7);
	e->at = db_col_text(a, st, 8);
}

#define ENTRY_COLS                                                             \
	"e.id, e.account_id, e.kind, e.minutes, coalesce(e.service_id, 0),"    \
	" coalesce(e.order_id, 0), coalesce(e.counterpart, 0),"                \
	" coalesce(e.by_account, 0), e.at"

int tb_store_entries(struct db *db, struct arena *a, long long account,
                     struct tb_entry_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " ENTRY_COLS " FROM timebank_entry e WHERE"
	               " e.account_id = ? ORDER BY e.id DESC",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	return db_collect(db, a, st, sizeof(**out), read_entry, (void **)out, n,
	                  "time-bank entries", err);
}

static void read_trace(struct arena *a, struct stmt *st, void *elem)
{
	struct tb_trace_row *t = elem;

	t->entry_id = db_col_int64(st, 0);
	t->service_id = db_col_int64(st, 1);
	t->minutes = db_col_int64(st, 2);
	t->item = db_col_text(a, st, 3);
	t->volunteer_name = db_col_text(a, st, 4);
	t->finished_at = db_col_text(a, st, 5);
}

#define TRACE_SELECT                                                           \
	"SELECT t.entry_id, t.service_id, t.minutes, s.item, v.name,"          \
	" s.finished_at FROM timebank_trace t"                                 \
	" JOIN timebank_entry e ON e.id = t.entry_id"                          \
	" JOIN volunteer_service s ON s.id = t.service_id"                     \
	" JOIN volunteer v ON v.id = s.volunteer_id"

int tb_store_traces(struct db *db, struct arena *a, long long account,
                    struct tb_trace_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               TRACE_SELECT " WHERE e.account_id = ?"
	                            " ORDER BY t.entry_id, s.finished_at,"
	                            " t.service_id",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	return db_collect(db, a, st, sizeof(**out), read_trace, (void **)out, n,
	                  "time-bank traces", err);
}

int tb_store_order_redeemed(struct db *db, struct arena *a, long long order,
                            struct tb_entry_row *e, struct tb_trace_row **tr,
                            size_t *ntr, struct lx_error *err)
{
	struct tb_entry_row *rows;
	size_t n;
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " ENTRY_COLS " FROM timebank_entry e WHERE e.order_id = ?1"
	    " AND e.kind = 'redeem' AND NOT EXISTS (SELECT 1 FROM"
	    " timebank_entry r WHERE r.order_id = ?1 AND r.kind = 'refund')",
	    err);

	*ntr = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, order);
	if (db_collect(db, a, st, sizeof(*rows), read_entry, (void **)&rows, &n,
	               "time-bank entries", err))
		return -1;
	if (!n)
		return 0;
	*e = rows[0];
	st = db_prepare(db,
	                TRACE_SELECT " WHERE t.entry_id = ?"
	                             " ORDER BY t.service_id",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, e->id);
	if (db_collect(db, a, st, sizeof(**tr), read_trace, (void **)tr, ntr,
	               "time-bank traces", err))
		return -1;
	return 1;
}

int tb_store_order_item(struct db *db, struct arena *a, long long order,
                        char **item, char region[13], struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT item, region FROM service_order WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, order);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*item = db_col_text(a, st, 0);
		db_col_copy(region, 13, st, 1);
	}
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "service order");
	return lx_fail(err, LX_EINVALID, "payment.timebank",
	               "no service order %lld", order);
}
