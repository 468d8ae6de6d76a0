#include "store/service_guidance_store.h"

#include "store/db_internal.h"

#include <string.h>

#define ACT_COLUMNS                                                            \
	"SELECT a.id, coalesce(a.facility_id, 0), a.kind, a.title,"            \
	" a.provider, a.note, a.region, r.name, f.name, a.held_on,"            \
	" a.families, (SELECT count(*) FROM guidance_reach g"                  \
	"   WHERE g.activity_id = a.id), a.recorded_at"                        \
	" FROM guidance_activity a JOIN region r ON r.code = a.region"         \
	" LEFT JOIN facility f ON f.id = a.facility_id"

static void read_act(struct arena *ar, struct stmt *st, void *elem)
{
	struct guidance_row *a = elem;

	memset(a, 0, sizeof(*a));
	a->id = db_col_int64(st, 0);
	a->facility_id = db_col_int64(st, 1);
	a->kind = db_col_text(ar, st, 2);
	a->title = db_col_text(ar, st, 3);
	a->provider = db_col_text(ar, st, 4);
	a->note = db_col_text(ar, st, 5);
	db_col_copy(a->region, sizeof(a->region), st, 6);
	a->region_name = db_col_text(ar, st, 7);
	a->facility_name = db_col_text(ar, st, 8);
	db_col_copy(a->held_on, sizeof(a->held_on), st, 9);
	a->families = db_col_int64(st, 10);
	a->reached = db_col_int64(st, 11);
	db_col_copy(a->recorded_at, sizeof(a->recorded_at), st, 12);
}

int guidance_store_add(struct db *db, struct guidance_row *a,
                       const long long *ids, size_t n, long long by,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO guidance_activity (kind, title, region, held_on,"
	    " facility_id, provider, families, note, recorded_by, recorded_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, a->kind);
	db_bind_text(st, 2, a->title);
	db_bind_text(st, 3, a->region);
	db_bind_text(st, 4, a->held_on);
	if (a->facility_id > 0)
		db_bind_int64(st, 5, a->facility_id);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, a->provider ? a->provider : "");
	db_bind_int64(st, 7, a->families);
	db_bind_text(st, 8, a->note ? a->note : "");
	if (by > 0)
		db_bind_int64(st, 9, by);
	else
		db_bind_null(st, 9);
	db_bind_text(st, 10, a->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "guidance activity");
	a->id = db_last_id(db);
	for (size_t i = 0; i < n; i++) {
		st = db_prepare(db,
		                "INSERT INTO guidance_reach (activity_id,"
		                " person_id) VALUES (?, ?)",
		                err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, a->id);
		db_bind_int64(st, 2, ids[i]);
		rc = db_step(st);
		db_finish(db, st);
		if (rc != DB_DONE)
			return db_fail(db, err, "guidance reach");
	}
	return 0;
}

int guidance_store_get(struct db *db, struct arena *a, long long id,
                       struct guidance_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, ACT_COLUMNS " WHERE a.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_act(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id",
		               "no guidance activity %lld", id);
	return db_fail(db, err, "guidance activity");
}

static void read_infant(struct arena *a, struct stmt *st, void *elem)
{
	struct guidance_infant *g = elem;

	memset(g, 0, sizeof(*g));
	g->person_id = db_col_int64(st, 0);
	g->name = db_col_text(a, st, 1);
	db_col_copy(g->region, sizeof(g->region), st, 2);
	db_col_copy(g->birth_date, sizeof(g->birth_date), st, 3);
}

int guidance_store_infants(struct db *db, struct arena *a, long long id,
                           struct guidance_infant **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT p.id, p.name, p.region, p.birth_date FROM guidance_reach g"
	    " JOIN person p ON p.id = g.person_id WHERE g.activity_id = ?"
	    " ORDER BY p.name, p.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	return db_collect(db, a, st, sizeof(**out), read_infant, (void **)out,
	                  n, "guidance infants", err);
}

#define LIST_WHERE                                                             \
	" WHERE (?1 IS NULL OR a.region BETWEEN ?1 AND ?2)"                    \
	" AND (?3 = 0 OR a.facility_id = ?3)"                                  \
	" AND (?4 IS NULL OR a.held_on >= ?4)"                                 \
	" AND (?5 IS NULL OR a.held_on <= ?5)"

static void bind_list(struct stmt *st, const char *region, long long facility,
                      const char *from, const char *to)
{
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_opt_text(st, 4, from);
	db_bind_opt_text(st, 5, to);
}

int guidance_store_list(struct db *db, struct arena *a, const char *region,
                        long long facility, const char *from, const char *to,
                        long limit, long offset, struct guidance_row **out,
                        size_t *n, long long *total, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT count(*) FROM guidance_activity a" LIST_WHERE, err);
	int rc;

	if (!st)
		return -1;
	bind_list(st, region, facility, from, to);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "guidance activities");
	st =
	    db_prepare(db,
	               ACT_COLUMNS LIST_WHERE
	               " ORDER BY a.held_on DESC, a.id DESC LIMIT ?6 OFFSET ?7",
	               err);
	if (!st)
		return -1;
	bind_list(st, region, facility, from, to);
	db_bind_int64(st, 6, limit);
	db_bind_int64(st, 7, offset);
	return db_collect(db, a, st, sizeof(**out), read_act, (void **)out, n,
	                  "guidance activities", err);
}
