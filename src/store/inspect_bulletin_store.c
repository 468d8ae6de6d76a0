#include "store/inspect_bulletin_store.h"

#include "store/db_internal.h"

int inspect_bulletin_checks(struct db *db, const char *region, const char *from,
                            const char *to, struct inspect_bulletin_counts *out,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT (SELECT COUNT(*) FROM inspect_plan p"
	    "  WHERE p.region BETWEEN ?1 AND ?2"
	    "  AND substr(p.drawn_at, 1, 10) BETWEEN ?3 AND ?4),"
	    " (SELECT COUNT(*) FROM inspect_check c JOIN facility f"
	    "  ON f.id = c.facility_id WHERE f.region BETWEEN ?1 AND ?2"
	    "  AND c.status <> 'cancelled'"
	    "  AND c.scheduled_on BETWEEN ?3 AND ?4),"
	    " (SELECT COUNT(*) FROM inspect_check c JOIN facility f"
	    "  ON f.id = c.facility_id WHERE f.region BETWEEN ?1 AND ?2"
	    "  AND c.done_on BETWEEN ?3 AND ?4)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->plans = db_col_int64(st, 0);
		out->checks_scheduled = db_col_int64(st, 1);
		out->checks_done = db_col_int64(st, 2);
	}
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "bulletin counts");
}

static void read_domain(struct arena *a, struct stmt *st, void *elem)
{
	struct inspect_bulletin_domain *d = elem;

	d->domain = db_col_text(a, st, 0);
	d->found = db_col_int64(st, 1);
	d->closed = db_col_int64(st, 2);
	d->overdue = db_col_int64(st, 3);
}

int inspect_bulletin_hazards(struct db *db, struct arena *a, const char *region,
                             const char *from, const char *to,
                             struct inspect_bulletin_domain **out, size_t *n,
                             struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT h.domain,"
	    " SUM(CASE WHEN h.found_on BETWEEN ?3 AND ?4 THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN h.closed_on BETWEEN ?3 AND ?4 THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN h.found_on <= ?4 AND h.deadline < ?4"
	    "  AND (h.closed_on IS NULL OR h.closed_on > ?4) THEN 1 ELSE 0"
	    "  END)"
	    " FROM hazard h JOIN facility f ON f.id = h.facility_id"
	    " WHERE f.region BETWEEN ?1 AND ?2 AND h.found_on <= ?4"
	    " GROUP BY h.domain ORDER BY h.domain",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to);
	return db_collect(db, a, st, sizeof(**out), read_domain, (void **)out,
	                  n, "bulletin hazards", err);
}
