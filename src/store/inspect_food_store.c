#include "store/inspect_food_store.h"

#include "store/db_internal.h"

#include <string.h>

static void read_grade(struct arena *a, struct stmt *st, void *elem)
{
	struct food_grade_rec *g = elem;

	memset(g, 0, sizeof(*g));
	g->id = db_col_int64(st, 0);
	g->facility_id = db_col_int64(st, 1);
	db_col_copy(g->grade, sizeof(g->grade), st, 2);
	db_col_copy(g->graded_on, sizeof(g->graded_on), st, 3);
	g->note = db_col_text(a, st, 4);
	db_col_copy(g->recorded_at, sizeof(g->recorded_at), st, 5);
}

int inspect_food_store_add(struct db *db, struct food_grade_rec *g,
                           long long by, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO food_grade (facility_id, grade, graded_on, note,"
	    " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, g->facility_id);
	db_bind_text(st, 2, g->grade);
	db_bind_text(st, 3, g->graded_on);
	db_bind_text(st, 4, g->note ? g->note : "");
	if (by > 0)
		db_bind_int64(st, 5, by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, g->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "food grade");
	g->id = db_last_id(db);
	return 0;
}

int inspect_food_store_list(struct db *db, struct arena *a, long long facility,
                            const char *region, const char *day,
                            struct food_grade_rec **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT g.id, g.facility_id, g.grade, g.graded_on, g.note,"
	    " g.recorded_at FROM food_grade g"
	    " JOIN facility f ON f.id = g.facility_id"
	    " WHERE (?1 IS NULL OR f.region BETWEEN ?1 AND ?2)"
	    " AND (?3 = 0 OR g.facility_id = ?3)"
	    " AND (?4 IS NULL OR g.graded_on <= ?4)"
	    " ORDER BY g.facility_id, g.graded_on DESC, g.id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, facility);
	db_bind_opt_text(st, 4, day);
	return db_collect(db, a, st, sizeof(**out), read_grade, (void **)out, n,
	                  "food grades", err);
}
