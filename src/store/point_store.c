#include "store/point_store.h"

#include "core/facility.h"
#include "store/db_internal.h"
#include "store/subtree.h"

#include <stdio.h>
#include <string.h>

int point_store_insert(struct db *db, struct res_point *p, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "INSERT INTO residential_point (region, name, lat, lon,"
	               " population, source) VALUES (?, ?, ?, ?, ?, ?)",
	               err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, p->region);
	db_bind_text(st, 2, p->name);
	db_bind_double(st, 3, p->lat);
	db_bind_double(st, 4, p->lon);
	db_bind_int64(st, 5, p->population);
	db_bind_text(st, 6, p->source ? p->source : "");
	if (db_step(st) != DB_DONE) {
		ret = db_fail(db, err, "residential point");
		if (err && db_fk_violation(db))
			lx_fail(err, LX_EINVALID, "region", "no region '%s'",
			        p->region);
	} else {
		p->id = db_last_id(db);
	}
	db_finish(db, st);
	return ret;
}

static void read_point(struct arena *a, struct stmt *st, void *elem)
{
	struct res_point *p = elem;

	p->id = db_col_int64(st, 0);
	snprintf(p->region, sizeof(p->region), "%s", db_col_str(st, 1));
	p->name = db_col_text(a, st, 2);
	p->lat = db_col_double(st, 3);
	p->lon = db_col_double(st, 4);
	p->population = db_col_int64(st, 5);
	p->source = db_col_text(a, st, 6);
}

int point_store_subtree(struct db *db, struct arena *a, const char *region,
                        struct res_point **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, region, name, lat, lon, population, source"
	    " FROM residential_point WHERE region BETWEEN ? AND ? ORDER BY id",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	return db_collect(db, a, st, sizeof(**out), read_point, (void **)out, n,
	                  "residential points", err);
}

int point_store_sites(struct db *db, struct arena *a, const char *region,
                      const char *as_of, const int *kinds, size_t nkinds,
                      struct site_row **out, size_t *n, struct lx_error *err)
{
	char lo[13], hi[13];
	struct stmt *st =
	    db_prepare(db,
	               "SELECT id, kind, lat, lon, name FROM facility"
	               " WHERE region BETWEEN ?1 AND ?2 AND lat IS NOT NULL"
	               " AND (opened_on IS NULL OR opened_on <= ?3)"
	               " AND (closed_on IS NULL OR closed_on > ?3) ORDER BY id",
	               err);
	struct site_row *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	subtree_range(region, lo, hi);
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	db_bind_text(st, 3, as_of);
	while ((rc = db_step(st)) == DB_ROW) {
		int kind = enum_lookup(&facility_kind_names, db_col_str(st, 1));
		int wanted = nkinds == 0;

		for (size_t k = 0; k < nkinds; k++)
			wanted |= kinds[k] == kind;
		if (!wanted)
			continue;
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		v[len].id = db_col_int64(st, 0);
		v[len].kind = kind;
		v[len].lat = db_col_double(st, 2);
		v[len].lon = db_col_double(st, 3);
		v[len].name = db_col_text(a, st, 4);
		len++;
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "service sites");
	*out = v;
	*n = len;
	return 0;
}
