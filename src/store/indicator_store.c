#include "store/indicator_store.h"

#include "core/facility.h"
#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

/* The registry totals query, with or without the facility's region as
 * the first grouping column (as_of is ?3, the subtree range ?1 and ?2). */
#define CELLS_SQL(REGION_COL, GROUP, ORDER)                                    \
	"SELECT " REGION_COL "f.kind, f.ownership, f.operation, f.profit,"     \
	" f.filing_status, f.medical_integration, count(*),"                   \
	" sum(c.beds), sum(c.nursing_beds), sum(c.occupied_beds),"             \
	" sum(c.slots), sum(c.affordable_slots), sum(c.enrolled),"             \
	" sum(f.caregivers), sum(c.affordable_beds),"                          \
	" sum(CASE WHEN c.beds > c.occupied_beds"                              \
	"  THEN c.beds - c.occupied_beds ELSE 0 END)"                          \
	" FROM facility f LEFT JOIN capacity c ON c.facility_id = f.id"        \
	" AND c.effective_date = (SELECT max(effective_date) FROM"             \
	" capacity WHERE facility_id = f.id AND effective_date <= ?3)"         \
	" WHERE f.region BETWEEN ?1 AND ?2"                                    \
	" AND (f.opened_on IS NULL OR f.opened_on <= ?3)"                      \
	" AND (f.closed_on IS NULL OR f.closed_on > ?3)"                       \
	" GROUP BY " GROUP ORDER

/* Reads the cells of a CELLS_SQL statement whose facet columns start at
 * column first; regions, if not NULL, gets column 0 of each row. */
static int read_cells(struct db *db, struct arena *a, struct stmt *st,
                      int first, struct registry_cell **out,
                      char (**regions)[13], size_t *n, struct lx_error *err)
{
	const struct enum_names *tables[FACET_MEDICAL] = {
		&facility_kind_names, &ownership_names,     &operation_names,
		&profit_names,        &filing_status_names,
	};
	struct registry_cell *v = NULL;
	char(*r)[13] = NULL;
	size_t len = 0, cap = 0, rcap = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		struct registry_cell *c;

		if (regions) {
			r = arena_grow(a, r, len, &rcap, sizeof(*r));
			snprintf(r[len], sizeof(r[len]), "%s",
			         db_col_str(st, 0));
		}
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		c = &v[len++];
		for (int f = 0; f < FACET_MEDICAL; f++)
			c->facet[f] =
			    enum_lookup(tables[f], db_col_str(st, first + f));
		c->facet[FACET_MEDICAL] =
		    db_col_int(st, first + FACET_MEDICAL) ? 1 : -1;
		for (int m = 0; m < M__MAX; m++)
			c->v[m] = db_col_int64(st, first + 6 + m);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "registry totals");
	*out = v;
	if (regions)
		*regions = r;
	*n = len;
	return 0;
}

int registry_store_cells(struct db *db, struct arena *a, const char *region,
                         const char *as_of, struct registry_cell **out,
                         size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, CELLS_SQL("", "1, 2, 3, 4, 5, 6", ""), err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_text(st, 3, as_of);
	return read_cells(db, a, st, 0, out, NULL, n, err);
}

int registry_store_cells_by_region(struct db *db, struct arena *a,
                                   const char *root, const char *as_of,
                                   struct registry_cell **out,
                                   char (**regions)[13], size_t *n,
                                   struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, CELLS_SQL("f.region, ", "1, 2, 3, 4, 5, 6, 7", " ORDER BY 1"),
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, root);
	db_bind_text(st, 3, as_of);
	return read_cells(db, a, st, 1, out, regions, n, err);
}

int reported_store_put(struct db *db, const struct reported *r, long long by,
                       const char *at, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO reported_value (element, region, period, value,"
	    " text, source, reported_by, reported_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (element, period, region) DO UPDATE SET"
	    " value = excluded.value, text = excluded.text,"
	    " source = excluded.source, reported_by = excluded.reported_by,"
	    " reported_at = excluded.reported_at",
	    err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, r->element);
	db_bind_text(st, 2, r->region);
	db_bind_text(st, 3, r->period);
	if (r->has_value)
		db_bind_double(st, 4, r->value);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, r->text);
	db_bind_text(st, 6, r->source ? r->source : "");
	if (by > 0)
		db_bind_int64(st, 7, by);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, at);
	if (db_step(st) != DB_DONE) {
		ret = db_fail(db, err, "reported value");
		if (err && db_fk_violation(db))
			lx_fail(err, LX_EINVALID, "region", "no region '%s'",
			        r->region);
	}
	db_finish(db, st);
	return ret;
}

static void read_reported(struct arena *a, struct stmt *st, void *elem)
{
	struct reported *r = elem;

	r->element = db_col_text(a, st, 0);
	snprintf(r->region, sizeof(r->region), "%s", db_col_str(st, 1));
	snprintf(r->period, sizeof(r->period), "%s", db_col_str(st, 2));
	r->has_value = !db_col_null(st, 3);
	r->value = db_col_double(st, 3);
	r->text = db_col_text(a, st, 4);
	r->source = db_col_text(a, st, 5);
	r->reported_at = db_col_text(a, st, 6);
	r->reported_by = db_col_text(a, st, 7);
}

/* The columns read_reported reads. */
#define REPORTED_COLS                                                          \
	"SELECT r.element, r.region, r.period, r.value, r.text, r.source,"     \
	" r.reported_at, coalesce(a.username, '') FROM reported_value r"       \
	" LEFT JOIN account a ON a.id = r.reported_by"

int reported_store_subtree(struct db *db, struct arena *a, const char *region,
                           const char *period, const char *element,
                           struct reported **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    REPORTED_COLS " WHERE r.period = ?3 AND r.region BETWEEN ?1 AND ?2"
	                  " AND (?4 IS NULL OR r.element = ?4)"
	                  " ORDER BY r.element, r.region",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_text(st, 3, period);
	db_bind_text(st, 4, element);
	return db_collect(db, a, st, sizeof(**out), read_reported, (void **)out,
	                  n, "reported values", err);
}

int reported_store_subtree_upto(struct db *db, struct arena *a,
                                const char *region, int up_to_year,
                                struct reported **out, size_t *n,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    REPORTED_COLS " WHERE r.region BETWEEN ?1 AND ?2"
	                  " AND CAST(substr(r.period, 1, 4) AS INTEGER) <= ?3"
	                  " ORDER BY r.element, r.region",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, up_to_year);
	return db_collect(db, a, st, sizeof(**out), read_reported, (void **)out,
	                  n, "reported values", err);
}

int reported_store_history(struct db *db, struct arena *a, const char *element,
                           const char *region, struct reported **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, REPORTED_COLS " WHERE r.element = ? AND r.region = ?", err);

	if (!st)
		return -1;
	db_bind_text(st, 1, element);
	db_bind_text(st, 2, region);
	return db_collect(db, a, st, sizeof(**out), read_reported, (void **)out,
	                  n, "reported history", err);
}
