#include "store/visit_synth_store.h"

#include "store/db_internal.h"

#include <string.h>

int visit_synth_store_insert(struct db *db, const struct visit_synth_row *v,
                             struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO visit (person_id, region, visited_at, visited_on,"
	    " mode, visitor_id, visitor_name, findings, risk, source,"
	    " recorded_by, recorded_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'app', ?6, ?10)",
	    err);
	char day[11];
	int rc;

	if (!st)
		return -1;
	memcpy(day, v->visited_at, 10);
	day[10] = '\0';
	db_bind_int64(st, 1, v->person_id);
	db_bind_text(st, 2, v->region);
	db_bind_text(st, 3, v->visited_at);
	db_bind_text(st, 4, day);
	db_bind_text(st, 5, v->mode);
	db_bind_int64(st, 6, v->visitor_id);
	db_bind_text(st, 7, v->visitor_name);
	db_bind_text(st, 8, v->findings);
	db_bind_opt_text(st, 9, v->risk);
	db_bind_text(st, 10, v->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "visit");
}
