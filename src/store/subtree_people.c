#include "store/subtree_people.h"

#include "store/db_internal.h"

int subtree_people_outside(struct db *db, const char *lo, const char *hi,
                           int *outside, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT CASE WHEN EXISTS (SELECT 1 FROM person WHERE region < ?1)"
	    " OR EXISTS (SELECT 1 FROM person WHERE region > ?2)"
	    " THEN 1 ELSE 0 END",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	rc = db_step(st);
	if (rc == DB_ROW)
		*outside = db_col_int64(st, 0) != 0;
	else
		rc = db_fail(db, err, "people outside the region");
	db_finish(db, st);
	return rc == DB_ROW ? 0 : -1;
}

int subtree_people_ids(struct db *db, const char *lo, const char *hi,
                       long long *first, long long *last, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT min(id), max(id) FROM person"
	                             " WHERE region BETWEEN ?1 AND ?2",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*first = db_col_null(st, 0) ? 1 : db_col_int64(st, 0);
		*last = db_col_null(st, 1) ? 0 : db_col_int64(st, 1);
	} else {
		rc = db_fail(db, err, "people of the region");
	}
	db_finish(db, st);
	return rc == DB_ROW ? 0 : -1;
}
