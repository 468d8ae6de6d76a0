#include "store/service_bed_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

#define BED_COLUMNS                                                            \
	"SELECT b.id, b.person_id, b.facility_id, b.region, b.status,"         \
	" p.name, f.name, r.name, b.basis, b.care_level, b.adaptation,"        \
	" b.devices, b.plan, b.assessed_on, b.set_up_on, b.active_from,"       \
	" b.removed_on, b.removed_reason, b.created_at, b.updated_at"          \
	" FROM family_bed b JOIN person p ON p.id = b.person_id"               \
	" JOIN facility f ON f.id = b.facility_id"                             \
	" JOIN region r ON r.code = b.region"

static void read_bed(struct arena *a, struct stmt *st, void *elem)
{
	struct bed_row *b = elem;

	memset(b, 0, sizeof(*b));
	b->id = db_col_int64(st, 0);
	b->person_id = db_col_int64(st, 1);
	b->facility_id = db_col_int64(st, 2);
	db_col_copy(b->region, sizeof(b->region), st, 3);
	db_col_copy(b->status, sizeof(b->status), st, 4);
	b->person_name = db_col_text(a, st, 5);
	b->facility_name = db_col_text(a, st, 6);
	b->region_name = db_col_text(a, st, 7);
	b->basis = db_col_text(a, st, 8);
	b->care_level = db_col_text(a, st, 9);
	b->adaptation = db_col_text(a, st, 10);
	b->devices = db_col_text(a, st, 11);
	b->plan = db_col_text(a, st, 12);
	db_col_copy(b->assessed_on, sizeof(b->assessed_on), st, 13);
	db_col_copy(b->set_up_on, sizeof(b->set_up_on), st, 14);
	db_col_copy(b->active_from, sizeof(b->active_from), st, 15);
	db_col_copy(b->removed_on, sizeof(b->removed_on), st, 16);
	b->removed_reason = db_col_text(a, st, 17);
	db_col_copy(b->created_at, sizeof(b->created_at), st, 18);
	db_col_copy(b->updated_at, sizeof(b->updated_at), st, 19);
}

int bed_store_add(struct db *db, struct bed_row *r, long long by,
                  struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO family_bed (person_id, region, facility_id, status,"
	    " basis, created_by, created_at, updated_at)"
	    " VALUES (?, ?, ?, 'applied', ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->person_id);
	db_bind_text(st, 2, r->region);
	db_bind_int64(st, 3, r->facility_id);
	db_bind_text(st, 4, r->basis ? r->basis : "");
	if (by > 0)
		db_bind_int64(st, 5, by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, r->created_at);
	db_bind_text(st, 7, r->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "family bed");
	r->id = db_last_id(db);
	return 0;
}

int bed_store_get(struct db *db, struct arena *a, long long id,
                  struct bed_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, BED_COLUMNS " WHERE b.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_bed(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no family bed %lld",
		               id);
	return db_fail(db, err, "family bed");
}

int bed_store_move(struct db *db, const struct bed_row *r, const char *from,
                   struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE family_bed SET status = ?, assessed_on = ?,"
	               " care_level = ?, adaptation = ?, devices = ?, plan = ?,"
	               " set_up_on = ?, active_from = ?, removed_on = ?,"
	               " removed_reason = ?, updated_at = ?"
	               " WHERE id = ? AND status = ?",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, r->status);
	db_bind_opt_text(st, 2, r->assessed_on);
	db_bind_text(st, 3, r->care_level ? r->care_level : "");
	db_bind_text(st, 4, r->adaptation ? r->adaptation : "");
	db_bind_text(st, 5, r->devices ? r->devices : "");
	db_bind_text(st, 6, r->plan ? r->plan : "");
	db_bind_opt_text(st, 7, r->set_up_on);
	db_bind_opt_text(st, 8, r->active_from);
	db_bind_opt_text(st, 9, r->removed_on);
	db_bind_text(st, 10, r->removed_reason ? r->removed_reason : "");
	db_bind_text(st, 11, r->updated_at);
	db_bind_int64(st, 12, r->id);
	db_bind_text(st, 13, from);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "family bed");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "family bed %lld is no longer '%s'", r->id,
		               from);
	return 0;
}

#define LIST_WHERE                                                             \
	" WHERE (?1 IS NULL OR b.region BETWEEN ?1 AND ?2)"                    \
	" AND (?3 = 0 OR b.facility_id = ?3)"                                  \
	" AND (?4 IS NULL OR b.status = ?4)"

static void bind_list(struct stmt *st, const char *region, long long facility,
                      const char *status)
{
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_opt_text(st, 4, status);
}

int bed_store_list(struct db *db, struct arena *a, const char *region,
                   long long facility, const char *status, long limit,
                   long offset, struct bed_row **out, size_t *n,
                   long long *total, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT count(*) FROM family_bed b" LIST_WHERE, err);
	int rc;

	if (!st)
		return -1;
	bind_list(st, region, facility, status);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "family beds");
	st = db_prepare(
	    db, BED_COLUMNS LIST_WHERE " ORDER BY b.id DESC LIMIT ?5 OFFSET ?6",
	    err);
	if (!st)
		return -1;
	bind_list(st, region, facility, status);
	db_bind_int64(st, 5, limit);
	db_bind_int64(st, 6, offset);
	return db_collect(db, a, st, sizeof(**out), read_bed, (void **)out, n,
	                  "family beds", err);
}

int bed_store_log_put(struct db *db, const struct bed_log_row *l, long long by,
                      const char *at, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO family_bed_log (bed_id, month, visits, minutes, items,"
	    " note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT (bed_id, month) DO UPDATE SET"
	    " visits = excluded.visits, minutes = excluded.minutes,"
	    " items = excluded.items, note = excluded.note,"
	    " recorded_by = excluded.recorded_by,"
	    " recorded_at = excluded.recorded_at",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, l->bed_id);
	db_bind_text(st, 2, l->month);
	db_bind_int64(st, 3, l->visits);
	db_bind_int64(st, 4, l->minutes);
	db_bind_text(st, 5, l->items ? l->items : "");
	db_bind_text(st, 6, l->note ? l->note : "");
	if (by > 0)
		db_bind_int64(st, 7, by);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, at);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "family bed log");
}

static void read_log(struct arena *a, struct stmt *st, void *elem)
{
	struct bed_log_row *l = elem;

	memset(l, 0, sizeof(*l));
	l->bed_id = db_col_int64(st, 0);
	db_col_copy(l->month, sizeof(l->month), st, 1);
	l->visits = db_col_int64(st, 2);
	l->minutes = db_col_int64(st, 3);
	l->items = db_col_text(a, st, 4);
	l->note = db_col_text(a, st, 5);
	db_col_copy(l->recorded_at, sizeof(l->recorded_at), st, 6);
}

int bed_store_logs(struct db *db, struct arena *a, long long bed_id,
                   struct bed_log_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT bed_id, month, visits, minutes, items, note, recorded_at"
	    " FROM family_bed_log WHERE bed_id = ? ORDER BY month",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, bed_id);
	return db_collect(db, a, st, sizeof(**out), read_log, (void **)out, n,
	                  "family bed logs", err);
}

enum { LOG_IDS_PER_QUERY = 256 };

int bed_store_logs_of(struct db *db, struct arena *a, const long long *ids,
                      size_t n, struct bed_log_row **out, size_t *nout,
                      struct lx_error *err)
{
	struct bed_log_row *all = NULL;
	size_t total = 0;

	for (size_t from = 0; from < n; from += LOG_IDS_PER_QUERY) {
		size_t k =
		    n - from < LOG_IDS_PER_QUERY ? n - from : LOG_IDS_PER_QUERY;
		char *sql = arena_strdup(
		    a, "SELECT bed_id, month, visits, minutes, items, note,"
		       " recorded_at FROM family_bed_log WHERE bed_id IN (?");
		struct bed_log_row *got;
		size_t ngot;
		struct stmt *st;

		for (size_t j = 1; j < k; j++)
			sql = arena_printf(a, "%s, ?", sql);
		sql = arena_printf(a, "%s) ORDER BY bed_id, month", sql);
		if (!(st = db_prepare(db, sql, err)))
			return -1;
		for (size_t j = 0; j < k; j++)
			db_bind_int64(st, (int)j + 1, ids[from + j]);
		if (db_collect(db, a, st, sizeof(*got), read_log, (void **)&got,
		               &ngot, "family bed logs", err))
			return -1;
		if (!all) {
			all = got;
		} else if (ngot) {
			struct bed_log_row *both =
			    arena_alloc(a, (total + ngot) * sizeof(*both));

			memcpy(both, all, total * sizeof(*both));
			memcpy(both + total, got, ngot * sizeof(*both));
			all = both;
		}
		total += ngot;
	}
	*out = all;
	*nout = total;
	return 0;
}
