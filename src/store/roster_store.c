#include "store/roster_store.h"

#include "store/db_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The level a roster shows is that of the latest assessment on or before
 * its day, so a roster "as of" a past day shows the level then. */
#define LEVEL_JOIN                                                             \
	" LEFT JOIN assessment l ON l.id = (SELECT id FROM assessment"         \
	" WHERE person_id = p.id AND assessed_on <= :asof"                     \
	" ORDER BY assessed_on DESC, id DESC LIMIT 1)"

#define HELD_ON(alias)                                                         \
	" " alias ".start_date <= :asof AND (" alias                           \
	".end_date IS NULL OR " alias ".end_date >= :asof)"

/* Ages by birth date: at least min years on as_of is born on or before
 * the day min years earlier; at most max is born after the day max + 1
 * years earlier. */
#define ROSTER_WHERE                                                           \
	" WHERE p.region BETWEEN :lo AND :hi"                                  \
	" AND (:kind IS NULL OR p.kind = :kind)"                               \
	" AND p.birth_date <= :asof"                                           \
	" AND (p.deceased_on IS NULL OR p.deceased_on > :asof)"                \
	" AND (:minage < 0 OR p.birth_date <="                                 \
	"      date(:asof, '-' || :minage || ' years'))"                       \
	" AND (:maxage < 0 OR p.birth_date >"                                  \
	"      date(:asof, '-' || (:maxage + 1) || ' years'))"                 \
	" AND (:cat IS NULL OR EXISTS (SELECT 1 FROM person_category c"        \
	"      WHERE c.person_id = p.id AND c.category = :cat"                 \
	"      AND" HELD_ON(                                                   \
	    "c") "))"                                                          \
	         " AND (:level = -1 OR (:level = -2 AND l.id IS NULL)"         \
	         "      OR l.final_level = :level)"

static void bind_query(struct stmt *st, const struct roster_query *q)
{
#define P(name) db_param(st, name)
	db_bind_subtree(st, P(":lo"), P(":hi"), q->region);
	db_bind_opt_text(st, P(":kind"), q->kind);
	db_bind_text(st, P(":asof"), q->as_of);
	db_bind_int64(st, P(":minage"), q->min_age);
	db_bind_int64(st, P(":maxage"), q->max_age);
	db_bind_opt_text(st, P(":cat"), q->category);
	db_bind_int64(st, P(":level"), q->level);
#undef P
}

static void read_row(struct arena *a, struct stmt *st, void *elem)
{
	struct roster_row *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(st, 0);
	r->id_sealed_len = (size_t)db_col_bytes(st, 1);
	r->id_sealed = db_col_null(st, 1) ? NULL
	                                  : arena_memdup(a, db_col_blob(st, 1),
	                                                 r->id_sealed_len);
	r->name = db_col_text(a, st, 2);
	db_col_copy(r->sex, sizeof(r->sex), st, 3);
	db_col_copy(r->birth_date, sizeof(r->birth_date), st, 4);
	db_col_copy(r->region, sizeof(r->region), st, 5);
	r->region_name = db_col_text(a, st, 6);
	r->township_name = db_col_text(a, st, 7);
	r->level = db_col_null(st, 8) ? -1 : db_col_int(st, 8);
	db_col_copy(r->level_on, sizeof(r->level_on), st, 9);
}

static int cmp_ptr_id(const void *x, const void *y)
{
	long long a = (*(struct roster_row *const *)x)->id;
	long long b = (*(struct roster_row *const *)y)->id;

	return (a > b) - (a < b);
}

static int cmp_key_id(const void *key, const void *elem)
{
	long long k = *(const long long *)key;
	long long e = (*(struct roster_row *const *)elem)->id;

	return (k > e) - (k < e);
}

/* The categories held on as_of by the rows of the page, in one query
 * rather than one per person. */
static int load_categories(struct db *db, struct arena *a,
                           const struct roster_query *q, struct roster_row *v,
                           size_t n, struct lx_error *err)
{
	struct roster_row **by_id;
	struct stmt *st;
	size_t *cap;

	if (!n)
		return 0;
	/* the rows by id for the lookup; v keeps its order */
	by_id = arena_alloc(a, n * sizeof(*by_id));
	for (size_t i = 0; i < n; i++)
		by_id[i] = &v[i];
	qsort(by_id, n, sizeof(*by_id), cmp_ptr_id);
	cap = arena_alloc(a, n * sizeof(*cap));
	memset(cap, 0, n * sizeof(*cap));
	st = db_prepare(db,
	                "SELECT c.person_id, c.category FROM person_category c"
	                " WHERE c.person_id BETWEEN :plo AND :phi AND" HELD_ON(
	                    "c") " ORDER BY c.person_id, c.category",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, db_param(st, ":plo"), by_id[0]->id);
	db_bind_int64(st, db_param(st, ":phi"), by_id[n - 1]->id);
	db_bind_text(st, db_param(st, ":asof"), q->as_of);
	while (db_step(st) == DB_ROW) {
		long long pid = db_col_int64(st, 0);
		struct roster_row **hit =
		    bsearch(&pid, by_id, n, sizeof(*by_id), cmp_key_id);
		struct roster_row *r;

		if (!hit)
			continue;
		r = *hit;
		r->categories =
		    arena_grow(a, r->categories, r->ncategories,
		               &cap[hit - by_id], sizeof(*r->categories));
		r->categories[r->ncategories++] = db_col_text(a, st, 1);
	}
	db_finish(db, st);
	return 0;
}

int roster_store_list(struct db *db, struct arena *a,
                      const struct roster_query *q, struct roster_row **out,
                      size_t *n, long long *total, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT count(*) FROM person p" LEVEL_JOIN ROSTER_WHERE, err);
	int rc;

	if (!st)
		return -1;
	bind_query(st, q);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "roster count");
	st = db_prepare(
	    db,
	    "SELECT p.id, p.id_sealed, p.name, p.sex, p.birth_date, p.region,"
	    " (SELECT name FROM region WHERE code = p.region),"
	    " (SELECT name FROM region"
	    "   WHERE code = substr(p.region, 1, 9) || '000'),"
	    " l.final_level, l.assessed_on"
	    " FROM person p" LEVEL_JOIN ROSTER_WHERE
	    " ORDER BY p.region, p.id LIMIT :limit OFFSET :offset",
	    err);
	if (!st)
		return -1;
	bind_query(st, q);
	db_bind_int64(st, db_param(st, ":limit"),
	              q->per_page > 0 ? q->per_page : LLONG_MAX);
	db_bind_int64(st, db_param(st, ":offset"),
	              q->per_page > 0 ? (q->page - 1) * q->per_page : 0);
	if (db_collect(db, a, st, sizeof(**out), read_row, (void **)out, n,
	               "roster", err))
		return -1;
	return load_categories(db, a, q, *out, *n, err);
}

static void read_cell(struct arena *a, struct stmt *st, void *elem)
{
	struct roster_cell *c = elem;

	(void)a;
	db_col_copy(c->region, sizeof(c->region), st, 0);
	db_col_copy(c->birth_date, sizeof(c->birth_date), st, 1);
	c->level = db_col_null(st, 2) ? -1 : db_col_int(st, 2);
	c->n = db_col_int64(st, 3);
}

int roster_store_cells(struct db *db, struct arena *a,
                       const struct roster_query *q, struct roster_cell **out,
                       size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT p.region, p.birth_date, l.final_level, count(*)"
	               " FROM person p" LEVEL_JOIN ROSTER_WHERE
	               " GROUP BY p.region, p.birth_date, l.final_level"
	               " ORDER BY p.region, p.birth_date",
	               err);

	if (!st)
		return -1;
	bind_query(st, q);
	return db_collect(db, a, st, sizeof(**out), read_cell, (void **)out, n,
	                  "roster counts", err);
}

static void read_category(struct arena *a, struct stmt *st, void *elem)
{
	struct roster_category_count *c = elem;

	c->category = db_col_text(a, st, 0);
	c->n = db_col_int64(st, 1);
}

int roster_store_categories(struct db *db, struct arena *a,
                            const struct roster_query *q,
                            struct roster_category_count **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT k.category, count(DISTINCT p.id) FROM person p" LEVEL_JOIN
	    " JOIN person_category k ON k.person_id = p.id AND" HELD_ON("k")
	        ROSTER_WHERE " GROUP BY k.category ORDER BY k.category",
	    err);

	if (!st)
		return -1;
	bind_query(st, q);
	return db_collect(db, a, st, sizeof(**out), read_category, (void **)out,
	                  n, "roster categories", err);
}
