#include "store/inspect_hazard_store.h"

#include "store/db_internal.h"

#include <string.h>

#define HAZARD_COLUMNS                                                         \
	"SELECT h.id, h.check_id, h.facility_id, h.version, h.found_by,"       \
	" h.domain, h.item, h.description, h.responsible, h.rectification,"    \
	" h.severity, h.status, h.escalated_to, h.found_on, h.deadline,"       \
	" h.ordered_on, h.rectified_on, h.escalated_on, h.closed_on,"          \
	" h.stops_admission, h.created_at, f.name, f.region, r.name,"          \
	" h.hold_id"                                                           \
	" FROM hazard h JOIN facility f ON f.id = h.facility_id"               \
	" JOIN region r ON r.code = f.region"

static long long opt_id(struct stmt *st, int i)
{
	return db_col_null(st, i) ? 0 : db_col_int64(st, i);
}

static void read_hazard(struct arena *a, struct stmt *st, void *elem)
{
	struct hazard_row *h = elem;

	memset(h, 0, sizeof(*h));
	h->id = db_col_int64(st, 0);
	h->check_id = opt_id(st, 1);
	h->facility_id = db_col_int64(st, 2);
	h->version = db_col_int64(st, 3);
	h->found_by = opt_id(st, 4);
	h->domain = db_col_text(a, st, 5);
	h->item = db_col_text(a, st, 6);
	h->description = db_col_text(a, st, 7);
	h->responsible = db_col_text(a, st, 8);
	h->rectification = db_col_text(a, st, 9);
	db_col_copy(h->severity, sizeof(h->severity), st, 10);
	db_col_copy(h->status, sizeof(h->status), st, 11);
	db_col_copy(h->escalated_to, sizeof(h->escalated_to), st, 12);
	db_col_copy(h->found_on, sizeof(h->found_on), st, 13);
	db_col_copy(h->deadline, sizeof(h->deadline), st, 14);
	db_col_copy(h->ordered_on, sizeof(h->ordered_on), st, 15);
	db_col_copy(h->rectified_on, sizeof(h->rectified_on), st, 16);
	db_col_copy(h->escalated_on, sizeof(h->escalated_on), st, 17);
	db_col_copy(h->closed_on, sizeof(h->closed_on), st, 18);
	h->stops_admission = (int)db_col_int64(st, 19);
	db_col_copy(h->created_at, sizeof(h->created_at), st, 20);
	h->facility_name = db_col_text(a, st, 21);
	db_col_copy(h->region, sizeof(h->region), st, 22);
	h->region_name = db_col_text(a, st, 23);
	h->hold_id = opt_id(st, 24);
}

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

int hazard_store_add(struct db *db, struct hazard_row *h, int *added,
                     struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO hazard (check_id, facility_id, domain, item, severity,"
	    " description, responsible, found_on, deadline, status,"
	    " stops_admission, found_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT DO NOTHING",
	    err);
	int rc;

	if (!st)
		return -1;
	bind_opt_id(st, 1, h->check_id);
	db_bind_int64(st, 2, h->facility_id);
	db_bind_text(st, 3, h->domain);
	db_bind_text(st, 4, h->item ? h->item : "");
	db_bind_text(st, 5, h->severity);
	db_bind_text(st, 6, h->description);
	db_bind_text(st, 7, h->responsible ? h->responsible : "");
	db_bind_text(st, 8, h->found_on);
	db_bind_text(st, 9, h->deadline);
	db_bind_text(st, 10, h->status);
	db_bind_int64(st, 11, h->stops_admission);
	bind_opt_id(st, 12, h->found_by);
	db_bind_text(st, 13, h->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "hazard");
	*added = db_changes(db) == 1;
	if (*added)
		h->id = db_last_id(db);
	return 0;
}

int hazard_store_get(struct db *db, struct arena *a, long long id,
                     struct hazard_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, HAZARD_COLUMNS " WHERE h.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_hazard(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no hazard %lld", id);
	return db_fail(db, err, "hazard");
}

int hazard_store_move(struct db *db, const struct hazard_row *h,
                      struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE hazard SET status = ?, deadline = ?, responsible = ?,"
	    " rectification = ?, ordered_on = ?, rectified_on = ?,"
	    " closed_on = ?, stops_admission = ?, version = version + 1"
	    " WHERE id = ? AND version = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, h->status);
	db_bind_text(st, 2, h->deadline);
	db_bind_text(st, 3, h->responsible ? h->responsible : "");
	db_bind_text(st, 4, h->rectification ? h->rectification : "");
	db_bind_opt_text(st, 5, h->ordered_on);
	db_bind_opt_text(st, 6, h->rectified_on);
	db_bind_opt_text(st, 7, h->closed_on);
	db_bind_int64(st, 8, h->stops_admission);
	db_bind_int64(st, 9, h->id);
	db_bind_int64(st, 10, h->version);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "hazard");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "version",
		               "hazard %lld was changed by another step; read "
		               "it again",
		               h->id);
	return 0;
}

int hazard_store_escalate(struct db *db, long long id, const char *from,
                          const char *to, const char *day, int *done,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE hazard SET escalated_to = ?, escalated_on = ?"
	    " WHERE id = ? AND escalated_to = ? AND status <> 'closed'",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, day);
	db_bind_int64(st, 3, id);
	db_bind_text(st, 4, from);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "hazard");
	*done = db_changes(db) == 1;
	return 0;
}

int hazard_store_set_hold(struct db *db, long long id, long long hold,
                          struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "UPDATE hazard SET hold_id = ? WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, hold);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "hazard");
}

int hazard_store_step(struct db *db, long long hazard, const char *kind,
                      const char *note, const char *on_day,
                      const char *deadline, long long by, const char *at,
                      struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO hazard_step (hazard_id, at, kind, note, on_day,"
	    " deadline, by_account) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, hazard);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, note ? note : "");
	db_bind_opt_text(st, 5, on_day);
	db_bind_opt_text(st, 6, deadline);
	bind_opt_id(st, 7, by);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "hazard step");
}

static void read_step(struct arena *a, struct stmt *st, void *elem)
{
	struct hazard_step_row *s = elem;

	memset(s, 0, sizeof(*s));
	s->id = db_col_int64(st, 0);
	db_col_copy(s->at, sizeof(s->at), st, 1);
	db_col_copy(s->kind, sizeof(s->kind), st, 2);
	s->note = db_col_text(a, st, 3);
	db_col_copy(s->on_day, sizeof(s->on_day), st, 4);
	db_col_copy(s->deadline, sizeof(s->deadline), st, 5);
	s->by_name = db_col_text(a, st, 6);
}

int hazard_store_steps(struct db *db, struct arena *a, long long hazard,
                       struct hazard_step_row **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT s.id, s.at, s.kind, s.note, s.on_day, s.deadline,"
	    " COALESCE(CASE WHEN a.display_name <> '' THEN a.display_name"
	    " ELSE a.username END, '')"
	    " FROM hazard_step s LEFT JOIN account a ON a.id = s.by_account"
	    " WHERE s.hazard_id = ? ORDER BY s.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, hazard);
	return db_collect(db, a, st, sizeof(**out), read_step, (void **)out, n,
	                  "hazard steps", err);
}

int hazard_store_list(struct db *db, struct arena *a, const char *region,
                      long long facility, long long check, const char *status,
                      struct hazard_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    HAZARD_COLUMNS " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                   " AND (?3 = 0 OR h.facility_id = ?3)"
	                   " AND (?4 = 0 OR h.check_id = ?4)"
	                   " AND (?5 IS NULL OR h.status = ?5"
	                   " OR (?5 = 'open' AND h.status <> 'closed'))"
	                   " ORDER BY h.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_int64(st, 4, check);
	db_bind_opt_text(st, 5, status);
	return db_collect(db, a, st, sizeof(**out), read_hazard, (void **)out,
	                  n, "hazards", err);
}

int hazard_store_stopping(struct db *db, struct arena *a, long long facility,
                          long long *id, char **description,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, description FROM hazard WHERE facility_id = ?"
	    " AND stops_admission = 1 AND status <> 'closed'"
	    " ORDER BY id LIMIT 1",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	rc = db_step(st);
	*id = 0;
	if (rc == DB_ROW) {
		*id = db_col_int64(st, 0);
		*description = db_col_text(a, st, 1);
	}
	db_finish(db, st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_fail(db, err, "hazard");
}

static void read_id(struct arena *a, struct stmt *st, void *elem)
{
	(void)a;
	*(long long *)elem = db_col_int64(st, 0);
}

int hazard_store_stopped_facilities(struct db *db, struct arena *a,
                                    long long **ids, size_t *n,
                                    struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT DISTINCT facility_id FROM hazard WHERE stops_admission = 1"
	    " AND status <> 'closed' ORDER BY facility_id",
	    err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(long long), read_id, (void **)ids,
	                  n, "stopped facilities", err);
}
