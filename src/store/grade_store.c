#include "store/grade_store.h"

#include "store/db_internal.h"

#include <string.h>

int grade_store_add_assessment(struct db *db, struct grade_assessment *x,
                               long long by, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO grade_assessment (facility_id, scheme, kind,"
	    " assessed_on, scores, total, applied_level, level, outcome,"
	    " reason, evaluator, recorded_by, recorded_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, x->facility_id);
	db_bind_text(st, 2, x->scheme);
	db_bind_text(st, 3, x->kind);
	db_bind_text(st, 4, x->assessed_on);
	db_bind_text(st, 5, x->scores);
	db_bind_text(st, 6, x->total);
	if (x->applied_level > 0)
		db_bind_int64(st, 7, x->applied_level);
	else
		db_bind_null(st, 7);
	if (x->level > 0)
		db_bind_int64(st, 8, x->level);
	else
		db_bind_null(st, 8);
	db_bind_text(st, 9, x->outcome);
	db_bind_text(st, 10, x->reason ? x->reason : "");
	db_bind_text(st, 11, x->evaluator ? x->evaluator : "");
	if (by > 0)
		db_bind_int64(st, 12, by);
	else
		db_bind_null(st, 12);
	db_bind_text(st, 13, x->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "grade assessment");
	x->id = db_last_id(db);
	return 0;
}

int grade_store_add_rating(struct db *db, long long facility,
                           const char *scheme, int level, const char *rated_on,
                           const char *valid_until, long long assessment,
                           long long by, const char *now, long long *id,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO facility_rating (facility_id, scheme, level,"
	    " rated_on, valid_until, note, recorded_by, recorded_at,"
	    " assessment_id) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)"
	    " ON CONFLICT DO NOTHING",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	db_bind_text(st, 2, scheme);
	db_bind_int64(st, 3, level);
	db_bind_text(st, 4, rated_on);
	db_bind_text(st, 5, valid_until);
	if (by > 0)
		db_bind_int64(st, 6, by);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, now);
	db_bind_int64(st, 8, assessment);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "facility rating");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "assessed_on",
		               "the facility already has a rating of this "
		               "scheme given on %s",
		               rated_on);
	*id = db_last_id(db);
	return 0;
}

static void read_assessment(struct arena *a, struct stmt *st, void *elem)
{
	struct grade_assessment *x = elem;

	memset(x, 0, sizeof(*x));
	x->id = db_col_int64(st, 0);
	x->facility_id = db_col_int64(st, 1);
	x->scheme = db_col_text(a, st, 2);
	x->kind = db_col_text(a, st, 3);
	db_col_copy(x->assessed_on, sizeof(x->assessed_on), st, 4);
	x->scores = db_col_text(a, st, 5);
	x->total = db_col_text(a, st, 6);
	x->applied_level = db_col_null(st, 7) ? 0 : db_col_int(st, 7);
	x->level = db_col_null(st, 8) ? 0 : db_col_int(st, 8);
	x->outcome = db_col_text(a, st, 9);
	x->reason = db_col_text(a, st, 10);
	x->evaluator = db_col_text(a, st, 11);
	db_col_copy(x->recorded_at, sizeof(x->recorded_at), st, 12);
	x->rating_id = db_col_null(st, 13) ? 0 : db_col_int64(st, 13);
	db_col_copy(x->valid_until, sizeof(x->valid_until), st, 14);
}

int grade_store_assessments(struct db *db, struct arena *a, long long facility,
                            struct grade_assessment **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT g.id, g.facility_id, g.scheme, g.kind, g.assessed_on,"
	    " g.scores, g.total, g.applied_level, g.level, g.outcome,"
	    " g.reason, g.evaluator, g.recorded_at,"
	    " (SELECT r.id FROM facility_rating r"
	    "  WHERE r.assessment_id = g.id),"
	    " (SELECT r.valid_until FROM facility_rating r"
	    "  WHERE r.assessment_id = g.id)"
	    " FROM grade_assessment g WHERE g.facility_id = ?"
	    " ORDER BY g.assessed_on DESC, g.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	return db_collect(db, a, st, sizeof(**out), read_assessment,
	                  (void **)out, n, "grade assessments", err);
}

int grade_store_history(struct db *db, long long facility, const char *scheme,
                        const char *day, int *before, char until[11],
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT (SELECT COUNT(*) FROM facility_rating"
	    "  WHERE facility_id = ?1 AND scheme = ?2 AND rated_on < ?3),"
	    " (SELECT MAX(valid_until) FROM facility_rating"
	    "  WHERE facility_id = ?1 AND scheme = ?2 AND rated_on <= ?3"
	    "  AND valid_until >= ?3)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	db_bind_text(st, 2, scheme);
	db_bind_text(st, 3, day);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*before = db_col_int64(st, 0) > 0;
		db_col_copy(until, 11, st, 1);
	}
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "facility ratings");
	return 0;
}

#define RATING_COLUMNS                                                         \
	"SELECT r.id, r.facility_id, r.assessment_id, f.name, f.kind,"         \
	" f.region, r.scheme, r.level, r.rated_on, r.valid_until"

static void read_rating(struct arena *a, struct stmt *st, void *elem)
{
	struct grade_rating *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(st, 0);
	r->facility_id = db_col_int64(st, 1);
	r->assessment_id = db_col_null(st, 2) ? 0 : db_col_int64(st, 2);
	r->facility_name = db_col_text(a, st, 3);
	r->kind = db_col_text(a, st, 4);
	r->region = db_col_text(a, st, 5);
	r->scheme = db_col_text(a, st, 6);
	r->level = db_col_int(st, 7);
	db_col_copy(r->rated_on, sizeof(r->rated_on), st, 8);
	db_col_copy(r->valid_until, sizeof(r->valid_until), st, 9);
}

static void read_lapsed(struct arena *a, struct stmt *st, void *elem)
{
	struct grade_rating *r = elem;

	read_rating(a, st, elem);
	db_col_copy(r->lapsed_on, sizeof(r->lapsed_on), st, 10);
}

int grade_store_in_force(struct db *db, struct arena *a, const char *region,
                         long long facility, const char *day,
                         struct grade_rating **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    RATING_COLUMNS " FROM facility_rating r"
	                   " JOIN facility f ON f.id = r.facility_id"
	                   " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                   " AND (?3 = 0 OR r.facility_id = ?3)"
	                   " AND r.rated_on <= ?4 AND r.valid_until >= ?4"
	                   " AND (f.closed_on IS NULL OR f.closed_on = ''"
	                   "  OR f.closed_on > ?4)"
	                   " AND NOT EXISTS (SELECT 1 FROM facility_rating q"
	                   "  WHERE q.facility_id = r.facility_id"
	                   "  AND q.scheme = r.scheme"
	                   "  AND q.rated_on <= ?4 AND q.valid_until >= ?4"
	                   "  AND (q.rated_on > r.rated_on"
	                   "   OR (q.rated_on = r.rated_on AND q.id > r.id)))"
	                   " ORDER BY r.scheme, r.level DESC, r.facility_id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_text(st, 4, day);
	return db_collect(db, a, st, sizeof(**out), read_rating, (void **)out,
	                  n, "facility ratings", err);
}

int grade_store_lapse_due(struct db *db, struct arena *a, const char *region,
                          const char *day, struct grade_rating **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    RATING_COLUMNS " FROM facility_rating r"
	                   " JOIN facility f ON f.id = r.facility_id"
	                   " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                   " AND r.valid_until < ?3"
	                   " AND NOT EXISTS (SELECT 1 FROM grade_lapse l"
	                   "  WHERE l.rating_id = r.id)"
	                   " AND NOT EXISTS (SELECT 1 FROM facility_rating q"
	                   "  WHERE q.facility_id = r.facility_id"
	                   "  AND q.scheme = r.scheme AND q.id <> r.id"
	                   "  AND q.rated_on >= r.rated_on"
	                   "  AND q.rated_on <= r.valid_until"
	                   "  AND q.valid_until > r.valid_until)"
	                   " ORDER BY r.valid_until, r.id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_text(st, 3, day);
	return db_collect(db, a, st, sizeof(**out), read_rating, (void **)out,
	                  n, "facility ratings", err);
}

int grade_store_lapse_add(struct db *db, long long rating, long long facility,
                          const char *lapsed_on, const char *now, int *added,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO grade_lapse (rating_id, facility_id, lapsed_on,"
	    " recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, rating);
	db_bind_int64(st, 2, facility);
	db_bind_text(st, 3, lapsed_on);
	db_bind_text(st, 4, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "grade lapse");
	*added = db_changes(db) == 1;
	return 0;
}

int grade_store_lapses(struct db *db, struct arena *a, const char *region,
                       const char *day, struct grade_rating **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    RATING_COLUMNS ", l.lapsed_on FROM grade_lapse l"
	                   " JOIN facility_rating r ON r.id = l.rating_id"
	                   " JOIN facility f ON f.id = r.facility_id"
	                   " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	                   " AND l.lapsed_on <= ?3"
	                   " ORDER BY l.lapsed_on DESC, r.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_text(st, 3, day);
	return db_collect(db, a, st, sizeof(**out), read_lapsed, (void **)out,
	                  n, "grade lapses", err);
}

static void read_due(struct arena *a, struct stmt *st, void *elem)
{
	struct grade_due *d = elem;

	d->facility_id = db_col_int64(st, 0);
	d->name = db_col_text(a, st, 1);
	d->kind = db_col_text(a, st, 2);
	d->region = db_col_text(a, st, 3);
}

int grade_store_annual_due(struct db *db, struct arena *a, const char *region,
                           const char *scheme, const char *day,
                           const char *from, const char *to,
                           struct grade_due **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT f.id, f.name, f.kind, f.region FROM facility f"
	               " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	               " AND f.filing_status = 'filed'"
	               " AND (f.opened_on IS NULL OR f.opened_on <= ?3)"
	               " AND (f.closed_on IS NULL OR f.closed_on = ''"
	               "  OR f.closed_on > ?3)"
	               " AND NOT EXISTS (SELECT 1 FROM grade_assessment g"
	               "  WHERE g.facility_id = f.id AND g.scheme = ?4"
	               "  AND g.kind = 'annual'"
	               "  AND g.assessed_on BETWEEN ?5 AND ?6)"
	               " ORDER BY f.region, f.id",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_text(st, 3, day);
	db_bind_text(st, 4, scheme);
	db_bind_text(st, 5, from);
	db_bind_text(st, 6, to);
	return db_collect(db, a, st, sizeof(**out), read_due, (void **)out, n,
	                  "annual evaluations due", err);
}

int grade_store_count_open(struct db *db, const char *region, const char *kind,
                           const char *day, long long *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT COUNT(*) FROM facility f"
	               " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	               " AND f.kind = ?3"
	               " AND (f.opened_on IS NULL OR f.opened_on <= ?4)"
	               " AND (f.closed_on IS NULL OR f.closed_on = ''"
	               "  OR f.closed_on > ?4)",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, day);
	rc = db_step(st);
	if (rc == DB_ROW)
		*n = db_col_int64(st, 0);
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "facilities");
	return 0;
}
