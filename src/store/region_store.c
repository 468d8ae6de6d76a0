#include "store/region_store.h"

#include "core/region_code.h"
#include "store/db_internal.h"
#include "store/subtree.h"

#include <stdio.h>
#include <string.h>

#define REGION_COLS "code, name, level, kind, parent, closed_on, source"
/* the same, with the number of children, for reads */
#define REGION_READ                                                            \
	REGION_COLS                                                            \
	", (SELECT count(*) FROM region c WHERE c.parent = region.code)"

static void read_row(struct arena *a, struct stmt *st, struct region *r)
{
	const char *s;
	enum region_level lv;

	memset(r, 0, sizeof(*r));
	snprintf(r->code, sizeof(r->code), "%s", db_col_str(st, 0));
	r->name = db_col_text(a, st, 1);
	r->level =
	    region_level_parse(db_col_str(st, 2), &lv) == 0 ? (int)lv : -1;
	r->kind = region_kind_parse(db_col_str(st, 3));
	if ((s = db_col_str(st, 4)))
		snprintf(r->parent, sizeof(r->parent), "%s", s);
	if ((s = db_col_str(st, 5)))
		snprintf(r->closed_on, sizeof(r->closed_on), "%s", s);
	r->source = db_col_text(a, st, 6);
	r->children = db_col_int64(st, 7);
}

int region_store_get(struct db *db, struct arena *a, const char *code,
                     struct region *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " REGION_READ " FROM region WHERE code = ?", err);
	int rc, ret = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	rc = db_step(st);
	if (rc == DB_ROW) {
		read_row(a, st, out);
		ret = 0;
	} else if (rc == DB_DONE) {
		lx_fail(err, LX_ENOTFOUND, "code", "no region '%s'", code);
	} else {
		db_fail(db, err, "region lookup");
	}
	db_finish(db, st);
	return ret;
}

int region_store_exists(struct db *db, const char *code)
{
	struct stmt *st =
	    db_prepare(db, "SELECT 1 FROM region WHERE code = ?", NULL);
	int found;

	if (!st)
		return 0;
	db_bind_text(st, 1, code);
	found = db_step(st) == DB_ROW;
	db_finish(db, st);
	return found;
}

static int write_region(struct db *db, const char *sql, const struct region *r,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, r->code);
	db_bind_text(st, 2, r->name);
	db_bind_text(st, 3, region_level_name(r->level));
	db_bind_text(st, 4, region_kind_name(r->kind));
	db_bind_opt_text(st, 5, r->parent);
	db_bind_opt_text(st, 6, r->closed_on);
	db_bind_text(st, 7, r->source ? r->source : "");
	if (db_step(st) != DB_DONE) {
		ret = db_fail(db, err, "region");
		if (err && err->code == LX_ECONFLICT) {
			snprintf(err->field, sizeof(err->field), "code");
			snprintf(err->message, sizeof(err->message),
			         "region '%s' already exists", r->code);
		} else if (err && db_fk_violation(db)) {
			snprintf(err->field, sizeof(err->field), "parent");
			snprintf(err->message, sizeof(err->message),
			         "parent region '%s' does not exist",
			         r->parent);
		}
	} else if (db_changes(db) == 0) {
		ret = lx_fail(err, LX_ENOTFOUND, "code", "no region '%s'",
		              r->code);
	}
	db_finish(db, st);
	return ret;
}

int region_store_insert(struct db *db, const struct region *r,
                        struct lx_error *err)
{
	return write_region(db,
	                    "INSERT INTO region (" REGION_COLS
	                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	                    r, err);
}

int region_store_update(struct db *db, const struct region *r,
                        struct lx_error *err)
{
	return write_region(
	    db,
	    "UPDATE region SET name = ?2, level = ?3, kind = ?4,"
	    " parent = ?5, closed_on = ?6, source = ?7"
	    " WHERE code = ?1",
	    r, err);
}

static int collect(struct db *db, struct arena *a, struct stmt *st,
                   struct region **out, size_t *n, struct lx_error *err)
{
	size_t cap = 0, len = 0;
	struct region *v = NULL;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		read_row(a, st, &v[len++]);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "region list");
	*out = v;
	*n = len;
	return 0;
}

int region_store_children(struct db *db, struct arena *a, const char *parent,
                          struct region **out, size_t *n, struct lx_error *err)
{
	struct stmt *st;

	if (parent && *parent) {
		st = db_prepare(db,
		                "SELECT " REGION_READ " FROM region"
		                " WHERE parent = ? ORDER BY code",
		                err);
		if (st)
			db_bind_text(st, 1, parent);
	} else {
		st = db_prepare(db,
		                "SELECT " REGION_READ " FROM region"
		                " WHERE parent IS NULL ORDER BY code",
		                err);
	}
	if (!st)
		return -1;
	return collect(db, a, st, out, n, err);
}

long region_store_count_children(struct db *db, const char *code)
{
	struct stmt *st = db_prepare(
	    db, "SELECT count(*) FROM region WHERE parent = ?", NULL);
	long n = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, code);
	if (db_step(st) == DB_ROW)
		n = db_col_int64(st, 0);
	db_finish(db, st);
	return n;
}

int region_store_subtree(struct db *db, struct arena *a, const char *root,
                         const char *q, struct region **out, size_t *n,
                         struct lx_error *err)
{
	char lo[13], hi[13];
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " REGION_READ " FROM region"
	    " WHERE code BETWEEN ?1 AND ?2"
	    "   AND (?3 IS NULL OR instr(name, ?3) > 0) ORDER BY code",
	    err);

	if (!st)
		return -1;
	subtree_range(root, lo, hi);
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	db_bind_opt_text(st, 3, q);
	return collect(db, a, st, out, n, err);
}
