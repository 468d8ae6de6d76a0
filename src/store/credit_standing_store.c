#include "store/credit_standing_store.h"

#include "store/db_internal.h"

#include <string.h>

int credit_standing_get(struct db *db, const char *subject_kind,
                        long long subject_id, const char *day,
                        struct credit_standing *out, struct lx_error *err)
{
	struct stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	/* the earliest entry of each list still in force on the day */
	st = db_prepare(db,
	                "SELECT list, id, listed_on FROM credit_listing"
	                " WHERE subject_kind = ?1 AND subject_id = ?2"
	                " AND status IN ('listed', 'published', 'removed')"
	                " AND listed_on IS NOT NULL AND listed_on <= ?3"
	                " AND (removed_on IS NULL OR removed_on > ?3)"
	                " ORDER BY listed_on DESC, id DESC",
	                err);
	if (!st)
		return -1;
	db_bind_text(st, 1, subject_kind);
	db_bind_int64(st, 2, subject_id);
	db_bind_text(st, 3, day);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *list = db_col_str(st, 0);

		if (list && strcmp(list, "black") == 0) {
			out->black_id = db_col_int64(st, 1);
			db_col_copy(out->black_since, sizeof(out->black_since),
			            st, 2);
		} else if (list && strcmp(list, "red") == 0) {
			out->red_id = db_col_int64(st, 1);
			db_col_copy(out->red_since, sizeof(out->red_since), st,
			            2);
		}
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "credit listings");
	st = db_prepare(db,
	                "SELECT MAX(happened_on) FROM credit_record"
	                " WHERE subject_kind = ?1 AND subject_id = ?2"
	                " AND kind = 'penalty' AND happened_on <= ?3",
	                err);
	if (!st)
		return -1;
	db_bind_text(st, 1, subject_kind);
	db_bind_int64(st, 2, subject_id);
	db_bind_text(st, 3, day);
	rc = db_step(st);
	if (rc == DB_ROW && !db_col_null(st, 0))
		db_col_copy(out->last_penalty_on, sizeof(out->last_penalty_on),
		            st, 0);
	db_finish(db, st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, err, "credit records");
	return 0;
}
