#include "store/place_rating_store.h"

#include "store/db_internal.h"

#include <string.h>

#define RATING_COLUMNS                                                         \
	"SELECT r.id, r.facility_id, r.scheme, r.level, r.rated_on,"           \
	" r.valid_until, r.note, r.recorded_at FROM facility_rating r"

/* The schemes a family sees when choosing (core/place_rating.h); a local
 * scheme of the "grading" policy (a 景德镇 养老机构星级) is read through
 * the grading module (store/grade_store.h). */
#define FAMILY_SCHEMES "r.scheme IN ('national_grade', 'childcare_star')"

static void read_rating(struct arena *a, struct stmt *st, void *elem)
{
	struct place_rating *r = elem;
	char scheme[32];

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(st, 0);
	r->facility_id = db_col_int64(st, 1);
	db_col_copy(scheme, sizeof(scheme), st, 2);
	r->scheme = place_rating_scheme_parse(scheme);
	r->level = (int)db_col_int64(st, 3);
	db_col_copy(r->rated_on, sizeof(r->rated_on), st, 4);
	db_col_copy(r->valid_until, sizeof(r->valid_until), st, 5);
	r->note = db_col_text(a, st, 6);
	db_col_copy(r->recorded_at, sizeof(r->recorded_at), st, 7);
}

int place_rating_store_add(struct db *db, struct place_rating *r, long long by,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO facility_rating (facility_id, scheme, level,"
	    " rated_on, valid_until, note, recorded_by, recorded_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->facility_id);
	db_bind_text(st, 2, place_rating_scheme_name(r->scheme));
	db_bind_int64(st, 3, r->level);
	db_bind_text(st, 4, r->rated_on);
	db_bind_text(st, 5, r->valid_until);
	db_bind_text(st, 6, r->note ? r->note : "");
	if (by > 0)
		db_bind_int64(st, 7, by);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, r->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "facility rating");
	r->id = db_last_id(db);
	return 0;
}

int place_rating_store_list(struct db *db, struct arena *a, long long facility,
                            struct place_rating **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             RATING_COLUMNS " WHERE r.facility_id = ?"
	                                            " AND " FAMILY_SCHEMES
	                                            " ORDER BY r.rated_on DESC,"
	                                            " r.id DESC",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	return db_collect(db, a, st, sizeof(**out), read_rating, (void **)out,
	                  n, "facility ratings", err);
}

int place_rating_store_in_force(struct db *db, struct arena *a,
                                const char *region, long long facility,
                                const char *day, struct place_rating **out,
                                size_t *n, struct lx_error *err)
{
	/* in force and no later one (or the same day's with a higher id)
	 * also in force */
	struct stmt *st = db_prepare(
	    db,
	    RATING_COLUMNS " JOIN facility f ON f.id = r.facility_id"
	                   " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                   " AND (?3 = 0 OR r.facility_id = ?3)"
	                   " AND r.rated_on <= ?4 AND r.valid_until >= ?4"
	                   " AND " FAMILY_SCHEMES
	                   " AND NOT EXISTS (SELECT 1 FROM facility_rating q"
	                   "  WHERE q.facility_id = r.facility_id"
	                   "  AND q.scheme = r.scheme"
	                   "  AND q.rated_on <= ?4 AND q.valid_until >= ?4"
	                   "  AND (q.rated_on > r.rated_on"
	                   "   OR (q.rated_on = r.rated_on AND q.id > r.id)))"
	                   " ORDER BY r.facility_id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_text(st, 4, day);
	return db_collect(db, a, st, sizeof(**out), read_rating, (void **)out,
	                  n, "facility ratings", err);
}
