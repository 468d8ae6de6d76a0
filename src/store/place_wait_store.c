#include "store/place_wait_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

#define APP_COLUMNS                                                            \
	"SELECT w.id, w.person_id, w.region, w.list_key, w.list_region,"       \
	" w.facility_id, w.tier, w.care_level, w.declared, w.declared_note,"   \
	" w.willing, w.status, w.on_hold, w.applied_on, w.applied_at,"         \
	" w.waiting_since, w.declines, w.placed_facility_id, w.placed_on,"     \
	" w.note, w.version, w.updated_at, p.name, f.name, pf.name, r.name,"   \
	" lr.name, w.closed_on"                                                \
	" FROM wait_application w JOIN person p ON p.id = w.person_id"         \
	" JOIN region r ON r.code = w.region"                                  \
	" JOIN region lr ON lr.code = w.list_region"                           \
	" LEFT JOIN facility f ON f.id = w.facility_id"                        \
	" LEFT JOIN facility pf ON pf.id = w.placed_facility_id"

static void read_app(struct arena *a, struct stmt *st, void *elem)
{
	struct wait_app_row *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(st, 0);
	r->person_id = db_col_int64(st, 1);
	db_col_copy(r->region, sizeof(r->region), st, 2);
	db_col_copy(r->list_key, sizeof(r->list_key), st, 3);
	db_col_copy(r->list_region, sizeof(r->list_region), st, 4);
	r->facility_id = db_col_null(st, 5) ? 0 : db_col_int64(st, 5);
	db_col_copy(r->tier, sizeof(r->tier), st, 6);
	r->care_level = db_col_null(st, 7) ? -1 : db_col_int(st, 7);
	r->declared = db_col_text(a, st, 8);
	r->declared_note = db_col_text(a, st, 9);
	r->willing = db_col_int(st, 10);
	db_col_copy(r->status, sizeof(r->status), st, 11);
	r->on_hold = db_col_text(a, st, 12);
	db_col_copy(r->applied_on, sizeof(r->applied_on), st, 13);
	db_col_copy(r->applied_at, sizeof(r->applied_at), st, 14);
	db_col_copy(r->waiting_since, sizeof(r->waiting_since), st, 15);
	r->declines = db_col_int(st, 16);
	r->placed_facility_id = db_col_null(st, 17) ? 0 : db_col_int64(st, 17);
	db_col_copy(r->placed_on, sizeof(r->placed_on), st, 18);
	r->note = db_col_text(a, st, 19);
	r->version = db_col_int64(st, 20);
	db_col_copy(r->updated_at, sizeof(r->updated_at), st, 21);
	r->person_name = db_col_text(a, st, 22);
	r->facility_name = db_col_text(a, st, 23);
	r->placed_facility_name = db_col_text(a, st, 24);
	r->region_name = db_col_text(a, st, 25);
	r->list_region_name = db_col_text(a, st, 26);
	db_col_copy(r->closed_on, sizeof(r->closed_on), st, 27);
}

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

int wait_store_apply(struct db *db, struct wait_app_row *r, long long by,
                     struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO wait_application (person_id, region, list_key,"
	    " list_region, facility_id, tier, care_level, declared,"
	    " declared_note, willing, status, applied_on, applied_at,"
	    " waiting_since, note, applied_by, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'waiting',"
	    " ?11, ?12, ?11, ?13, ?14, ?12)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->person_id);
	db_bind_text(st, 2, r->region);
	db_bind_text(st, 3, r->list_key);
	db_bind_text(st, 4, r->list_region);
	bind_opt_id(st, 5, r->facility_id);
	db_bind_text(st, 6, r->tier);
	if (r->care_level >= 0)
		db_bind_int64(st, 7, r->care_level);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, r->declared ? r->declared : "");
	db_bind_text(st, 9, r->declared_note ? r->declared_note : "");
	db_bind_int64(st, 10, r->willing);
	db_bind_text(st, 11, r->applied_on);
	db_bind_text(st, 12, r->applied_at);
	db_bind_text(st, 13, r->note ? r->note : "");
	bind_opt_id(st, 14, by);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "waiting-list application");
		if (err && err->code == LX_ECONFLICT)
			return lx_fail(err, LX_ECONFLICT, "person_id",
			               "person %lld is already waiting on this "
			               "list",
			               r->person_id);
		return -1;
	}
	r->id = db_last_id(db);
	snprintf(r->status, sizeof(r->status), "waiting");
	snprintf(r->waiting_since, sizeof(r->waiting_since), "%s",
	         r->applied_on);
	r->version = 1;
	return 0;
}

int wait_store_get(struct db *db, struct arena *a, long long id,
                   struct wait_app_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, APP_COLUMNS " WHERE w.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_app(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id",
		               "no waiting-list application %lld", id);
	return db_fail(db, err, "waiting-list application");
}

int wait_store_list(struct db *db, struct arena *a, const char *list_key,
                    struct wait_app_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    APP_COLUMNS " WHERE w.list_key = ?"
	                " AND w.status IN ('waiting', 'offered') ORDER BY w.id",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, list_key);
	return db_collect(db, a, st, sizeof(**out), read_app, (void **)out, n,
	                  "waiting list", err);
}

int wait_store_find(struct db *db, struct arena *a, const char *region,
                    long long linked_to, long long person_id, long limit,
                    struct wait_app_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               APP_COLUMNS
	               " WHERE (?1 IS NULL OR w.region BETWEEN ?1 AND ?2)"
	               " AND (?3 = 0 OR w.person_id IN (SELECT l.person_id FROM"
	               " service_link l WHERE l.account_id = ?3))"
	               " AND (?4 = 0 OR w.person_id = ?4)"
	               " ORDER BY w.id DESC LIMIT ?5",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, linked_to);
	db_bind_int64(st, 4, person_id);
	db_bind_int64(st, 5, limit);
	return db_collect(db, a, st, sizeof(**out), read_app, (void **)out, n,
	                  "waiting-list applications", err);
}

int wait_store_must_place(struct db *db, struct arena *a, const char *region,
                          const char *tier, struct wait_app_row **out,
                          size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    APP_COLUMNS " WHERE (?1 IS NULL OR w.list_region BETWEEN ?1 AND ?2)"
	                " AND (?3 IS NULL OR w.tier = ?3) AND w.willing = 1"
	                " AND w.status IN ('waiting', 'offered') ORDER BY w.id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_text(st, 3, tier);
	return db_collect(db, a, st, sizeof(**out), read_app, (void **)out, n,
	                  "must-place applicants", err);
}

int wait_store_move(struct db *db, const struct wait_app_row *r,
                    const char *from, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE wait_application SET status = ?1, on_hold = ?2,"
	    " waiting_since = ?3, declines = ?4, placed_facility_id = ?5,"
	    " placed_on = ?6, updated_at = ?7, closed_on = ?11,"
	    " version = version + 1"
	    " WHERE id = ?8 AND status = ?9 AND version = ?10",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, r->status);
	db_bind_text(st, 2, r->on_hold ? r->on_hold : "");
	db_bind_text(st, 3, r->waiting_since);
	db_bind_int64(st, 4, r->declines);
	bind_opt_id(st, 5, r->placed_facility_id);
	db_bind_opt_text(st, 6, r->placed_on);
	db_bind_text(st, 7, r->updated_at);
	db_bind_int64(st, 8, r->id);
	db_bind_text(st, 9, from);
	db_bind_int64(st, 10, r->version);
	db_bind_opt_text(st, 11, r->closed_on);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "waiting-list application");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "application %lld changed meanwhile: it is no "
		               "longer '%s' as read",
		               r->id, from);
	return 0;
}

#define OFFER_COLUMNS                                                          \
	"SELECT o.id, o.application_id, o.facility_id, o.offered_on,"          \
	" o.respond_by, o.status, o.responded_on, o.reason, o.skip_reason,"    \
	" o.offered_at, f.name FROM wait_offer o"                              \
	" JOIN facility f ON f.id = o.facility_id"

static void read_offer(struct arena *a, struct stmt *st, void *elem)
{
	struct wait_offer_row *o = elem;

	memset(o, 0, sizeof(*o));
	o->id = db_col_int64(st, 0);
	o->application_id = db_col_int64(st, 1);
	o->facility_id = db_col_int64(st, 2);
	db_col_copy(o->offered_on, sizeof(o->offered_on), st, 3);
	db_col_copy(o->respond_by, sizeof(o->respond_by), st, 4);
	db_col_copy(o->status, sizeof(o->status), st, 5);
	db_col_copy(o->responded_on, sizeof(o->responded_on), st, 6);
	o->reason = db_col_text(a, st, 7);
	o->skip_reason = db_col_text(a, st, 8);
	db_col_copy(o->offered_at, sizeof(o->offered_at), st, 9);
	o->facility_name = db_col_text(a, st, 10);
}

int wait_store_offer_add(struct db *db, struct wait_offer_row *o, long long by,
                         const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO wait_offer (application_id, facility_id, offered_on,"
	    " respond_by, status, skip_reason, offered_by, offered_at)"
	    " VALUES (?, ?, ?, ?, 'open', ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, o->application_id);
	db_bind_int64(st, 2, o->facility_id);
	db_bind_text(st, 3, o->offered_on);
	db_bind_text(st, 4, o->respond_by);
	db_bind_text(st, 5, o->skip_reason ? o->skip_reason : "");
	bind_opt_id(st, 6, by);
	db_bind_text(st, 7, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "offer");
		if (err && err->code == LX_ECONFLICT)
			return lx_fail(err, LX_ECONFLICT, "id",
			               "application %lld already has an open "
			               "offer",
			               o->application_id);
		return -1;
	}
	o->id = db_last_id(db);
	snprintf(o->status, sizeof(o->status), "open");
	return 0;
}

int wait_store_offer_open(struct db *db, struct arena *a, long long app_id,
                          struct wait_offer_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    OFFER_COLUMNS " WHERE o.application_id = ? AND o.status = 'open'",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, app_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_offer(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "application %lld has no open offer", app_id);
	return db_fail(db, err, "offer");
}

int wait_store_offers(struct db *db, struct arena *a, long long app_id,
                      struct wait_offer_row **out, size_t *n,
                      struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, OFFER_COLUMNS " WHERE o.application_id = ? ORDER BY o.id", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, app_id);
	return db_collect(db, a, st, sizeof(**out), read_offer, (void **)out, n,
	                  "offers", err);
}

int wait_store_offer_close(struct db *db, long long offer_id,
                           const char *status, const char *day,
                           const char *reason, long long by,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE wait_offer SET status = ?, responded_on = ?, reason = ?,"
	    " answered_by = ? WHERE id = ? AND status = 'open'",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, status);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, reason ? reason : "");
	bind_opt_id(st, 4, by);
	db_bind_int64(st, 5, offer_id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "offer");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "offer %lld is no longer open", offer_id);
	return 0;
}

int wait_store_open_offers_at(struct db *db, long long facility_id,
                              long long *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT count(*) FROM wait_offer WHERE"
	                             " facility_id = ? AND status = 'open'",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		*n = db_col_int64(st, 0);
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "offers");
}

static void read_id(struct arena *a, struct stmt *st, void *elem)
{
	(void)a;
	*(long long *)elem = db_col_int64(st, 0);
}

int wait_store_overdue(struct db *db, struct arena *a, const char *today,
                       const char *list_key, const char *region,
                       long long **ids, size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT w.id FROM wait_offer o"
	               " JOIN wait_application w ON w.id = o.application_id"
	               " WHERE o.status = 'open' AND o.respond_by < ?1"
	               " AND (?2 IS NULL OR w.list_key = ?2)"
	               " AND (?3 IS NULL OR w.list_region BETWEEN ?3 AND ?4)"
	               " ORDER BY w.id",
	               err);

	if (!st)
		return -1;
	db_bind_text(st, 1, today);
	db_bind_text(st, 2, list_key);
	db_bind_opt_subtree(st, 3, 4, region);
	return db_collect(db, a, st, sizeof(**ids), read_id, (void **)ids, n,
	                  "overdue offers", err);
}

int wait_store_event(struct db *db, long long app_id, const char *at,
                     const char *kind, const char *detail, long long by,
                     struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO wait_event (application_id, at, kind, detail,"
	    " by_account) VALUES (?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, app_id);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, detail ? detail : "");
	bind_opt_id(st, 5, by);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "waiting-list history");
}

static void read_event(struct arena *a, struct stmt *st, void *elem)
{
	struct wait_event_row *e = elem;

	memset(e, 0, sizeof(*e));
	e->id = db_col_int64(st, 0);
	e->application_id = db_col_int64(st, 1);
	db_col_copy(e->at, sizeof(e->at), st, 2);
	e->kind = db_col_text(a, st, 3);
	e->detail = db_col_text(a, st, 4);
	e->by_name = db_col_text(a, st, 5);
}

int wait_store_events(struct db *db, struct arena *a, long long app_id,
                      struct wait_event_row **out, size_t *n,
                      struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT e.id, e.application_id, e.at, e.kind, e.detail,"
	               " ac.username FROM wait_event e"
	               " LEFT JOIN account ac ON ac.id = e.by_account"
	               " WHERE e.application_id = ? ORDER BY e.id",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, app_id);
	return db_collect(db, a, st, sizeof(**out), read_event, (void **)out, n,
	                  "waiting-list history", err);
}

int wait_store_place_person(struct db *db, long long person_id,
                            long long facility_id, const char *now,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE person SET residence = 'institution', facility_id = ?,"
	    " updated_at = ? WHERE id = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility_id);
	db_bind_text(st, 2, now);
	db_bind_int64(st, 3, person_id);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "person");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ENOTFOUND, "person_id", "no person %lld",
		               person_id);
	return 0;
}
