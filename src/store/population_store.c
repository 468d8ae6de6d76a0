#include "store/population_store.h"

#include "core/population.h"
#include "store/db_internal.h"
#include "store/subtree.h"

#include <stdio.h>
#include <string.h>

int population_store_put(struct db *db, const struct pop_figure *f,
                         long long by, const char *at, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO population (region, year, metric, value, source,"
	    " entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (region, year, metric) DO UPDATE SET"
	    " value = excluded.value, source = excluded.source,"
	    " entered_by = excluded.entered_by,"
	    " entered_at = excluded.entered_at",
	    err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, f->region);
	db_bind_int64(st, 2, f->year);
	db_bind_text(st, 3, pop_metric_name(f->metric));
	db_bind_int64(st, 4, f->value);
	db_bind_text(st, 5, f->source ? f->source : "");
	if (by > 0)
		db_bind_int64(st, 6, by);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, at);
	if (db_step(st) != DB_DONE) {
		ret = db_fail(db, err, "population");
		if (err && db_fk_violation(db))
			lx_fail(err, LX_EINVALID, "region", "no region '%s'",
			        f->region);
	}
	db_finish(db, st);
	return ret;
}

int population_store_get(struct db *db, struct arena *a, const char *region,
                         int year, int metric, struct pop_figure *out)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT value, source FROM population"
	                             " WHERE region = ? AND year = ?"
	                             " AND metric = ?",
	                             NULL);
	int found = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, region);
	db_bind_int64(st, 2, year);
	db_bind_text(st, 3, pop_metric_name(metric));
	if (db_step(st) == DB_ROW) {
		snprintf(out->region, sizeof(out->region), "%s", region);
		out->year = year;
		out->metric = metric;
		out->value = db_col_int64(st, 0);
		out->source = db_col_text(a, st, 1);
		found = 1;
	}
	db_finish(db, st);
	return found;
}

int population_store_delete(struct db *db, const char *region, int year,
                            int metric, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "DELETE FROM population WHERE region = ?"
	                             " AND year = ? AND metric = ?",
	                             err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, region);
	db_bind_int64(st, 2, year);
	db_bind_text(st, 3, pop_metric_name(metric));
	if (db_step(st) != DB_DONE)
		ret = db_fail(db, err, "population");
	else if (db_changes(db) == 0)
		ret = lx_fail(err, LX_ENOTFOUND, "metric",
		              "no %s figure for '%s' in %d",
		              pop_metric_name(metric), region, year);
	db_finish(db, st);
	return ret;
}

int population_store_subtree(struct db *db, struct arena *a, const char *root,
                             int year, struct pop_figure **out, size_t *n,
                             struct lx_error *err)
{
	char lo[13], hi[13];
	struct stmt *st = db_prepare(
	    db,
	    "SELECT region, year, metric, value, source FROM population"
	    " WHERE region BETWEEN ?1 AND ?2 AND (?3 = 0 OR year = ?3)"
	    " ORDER BY region, year, metric",
	    err);
	size_t cap = 0, len = 0;
	struct pop_figure *v = NULL;
	int rc;

	if (!st)
		return -1;
	subtree_range(root, lo, hi);
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	db_bind_int64(st, 3, year);
	while ((rc = db_step(st)) == DB_ROW) {
		struct pop_figure *f;

		v = arena_grow(a, v, len, &cap, sizeof(*v));
		f = &v[len++];
		snprintf(f->region, sizeof(f->region), "%s", db_col_str(st, 0));
		f->year = db_col_int(st, 1);
		f->metric = pop_metric_parse(db_col_str(st, 2));
		f->value = db_col_int64(st, 3);
		f->source = db_col_text(a, st, 4);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "population list");
	*out = v;
	*n = len;
	return 0;
}
