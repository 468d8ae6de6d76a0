/*
 * Every person of a region with what an allowance run needs, in one pass:
 * four queries ordered by person id (people, their categories, moves and
 * assessments) stepped side by side like a merge join, instead of three
 * queries per person. A run over a city's 750,000 people is bound by this.
 *
 * Over a county, a city or more the people are read in the table's own
 * order, and the categories, moves and assessments whole in person order
 * without joining them to the people: reaching every person through the
 * region index and sorting, four times over, cost several times a plain
 * pass over the table (the region index visits the rows in region order,
 * so each read lands on another page). Rows of people the scan does not
 * read are skipped by the merge. A smaller region goes through the index.
 * Over a county or wider with a birth day (a scheme paying only the old)
 * the people come through the birth-date index instead, in id order; the
 * other three tables are still read whole, cheaper than restricting each
 * to the same set of ids (measured on 巴中 at scale 1). All this when the
 * region holds everyone in the database; a county or a city of a
 * province's database is read as open_narrowed says.
 */
#include "store/person_scan.h"

#include "store/db_internal.h"
#include "store/subtree.h"
#include "store/subtree_people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH = 4096 }; /* people per scratch arena */

struct cursor {
	struct stmt *st;
	int rc; /* DB_ROW while on a row */
};

/* Who the scan reads besides the region: born before a day (a scheme's
 * youngest payable age makes the others unpayable), and anyone with a
 * hold, whose suspension is listed with the run whatever their age. The
 * same condition goes on all four queries so that the cursors stay in
 * step. */
#define BORN_BEFORE                                                            \
	" AND (p.birth_date < ?3 OR p.id IN (SELECT beneficiary_id FROM"       \
	" subsidy_hold WHERE beneficiary_kind = 'person'))"

static int open_cursor(struct db *db, struct cursor *c, const char *head,
                       const char *tail, const char *region,
                       const char *born_before, struct lx_error *err)
{
	char sql[1024];

	snprintf(sql, sizeof(sql), "%s%s%s", head,
	         born_before && *born_before ? BORN_BEFORE : "", tail);
	if (!(c->st = db_prepare(db, sql, err)))
		return -1;
	db_bind_subtree(c->st, 1, 2, region);
	if (born_before && *born_before)
		db_bind_text(c->st, 3, born_before);
	c->rc = db_step(c->st);
	return 0;
}

/* A whole table in person order, without parameters. */
static int open_whole(struct db *db, struct cursor *c, const char *sql,
                      struct lx_error *err)
{
	if (!(c->st = db_prepare(db, sql, err)))
		return -1;
	c->rc = db_step(c->st);
	return 0;
}

/* Over a county or wider with a birth day: the people born before it
 * (through the birth-date index, migration 36) and anyone held, as a set
 * of ids the query walks in id order. A city's run of 高龄津贴 in 2021-03
 * reads 98,634 of 750,300 people this way; the table pass decoded every
 * row. BORN_SET(n) takes the birth day as parameter n. */
#define BORN_SET(n)                                                            \
	" IN (SELECT b.id FROM person b WHERE b.birth_date < ?" #n             \
	" UNION SELECT h.beneficiary_id FROM subsidy_hold h"                   \
	" WHERE h.beneficiary_kind = 'person')"

/* The four cursors of a county or wider, reading only the people born
 * before born_before (and anyone held). */
static int open_county_born(struct db *db, struct cursor *p, struct cursor *cat,
                            struct cursor *mv, struct cursor *as,
                            const char *region, const char *born_before,
                            struct lx_error *err)
{
	if (!(p->st = db_prepare(
	          db,
	          "SELECT p.id, p.kind, p.name, p.sex, p.birth_date,"
	          " p.region, p.deceased_on, p.residence, p.facility_id"
	          " FROM person p WHERE p.id" BORN_SET(
	              3) " AND"
	                 " p.region || '' BETWEEN ?1 AND ?2 ORDER BY p.id",
	          err)))
		return -1;
	db_bind_subtree(p->st, 1, 2, region);
	db_bind_text(p->st, 3, born_before);
	p->rc = db_step(p->st);
	return open_whole(db, cat,
	                  "SELECT c.person_id, c.category, c.start_date,"
	                  " c.end_date FROM person_category c"
	                  " ORDER BY c.person_id",
	                  err) ||
	       open_whole(db, mv,
	                  "SELECT m.person_id, m.from_region, m.to_region,"
	                  " m.moved_on FROM person_move m"
	                  " ORDER BY m.person_id, m.moved_on, m.rowid",
	                  err) ||
	       open_whole(db, as,
	                  "SELECT a.person_id, a.assessed_on, a.final_level,"
	                  " a.instrument FROM assessment a"
	                  " ORDER BY a.person_id, a.assessed_on DESC,"
	                  " a.id DESC",
	                  err);
}

/* A whole table in person order, narrowed to the ids first..last
 * (?1, ?2). */
static int open_range(struct db *db, struct cursor *c, const char *sql,
                      long long first, long long last, struct lx_error *err)
{
	if (!(c->st = db_prepare(db, sql, err)))
		return -1;
	db_bind_int64(c->st, 1, first);
	db_bind_int64(c->st, 2, last);
	c->rc = db_step(c->st);
	return 0;
}

/* The four cursors of a county or wider in a database that holds people
 * outside it (a county's or a city's run in a province's database): the
 * people through the region index (on PostgreSQL, the city's partition
 * alone), the other three over the range of the region's ids. Read whole,
 * a county of a ten-city province read every city's people born early
 * enough and all their categories, moves and assessments; a city's ids
 * mostly come in a block, registered together. */
static int open_narrowed(struct db *db, struct cursor *p, struct cursor *cat,
                         struct cursor *mv, struct cursor *as,
                         const char *region, const char *born_before,
                         long long first, long long last, struct lx_error *err)
{
	return open_cursor(db, p,
	                   "SELECT p.id, p.kind, p.name, p.sex,"
	                   " p.birth_date, p.region, p.deceased_on,"
	                   " p.residence, p.facility_id FROM person p"
	                   " WHERE p.region BETWEEN ?1 AND ?2",
	                   " ORDER BY p.id", region, born_before, err) ||
	       open_range(db, cat,
	                  "SELECT c.person_id, c.category, c.start_date,"
	                  " c.end_date FROM person_category c"
	                  " WHERE c.person_id BETWEEN ?1 AND ?2"
	                  " ORDER BY c.person_id",
	                  first, last, err) ||
	       open_range(db, mv,
	                  "SELECT m.person_id, m.from_region,"
	                  " m.to_region, m.moved_on FROM person_move m"
	                  " WHERE m.person_id BETWEEN ?1 AND ?2"
	                  " ORDER BY m.person_id, m.moved_on, m.rowid",
	                  first, last, err) ||
	       open_range(db, as,
	                  "SELECT a.person_id, a.assessed_on, a.final_level,"
	                  " a.instrument FROM assessment a"
	                  " WHERE a.person_id BETWEEN ?1 AND ?2"
	                  " ORDER BY a.person_id, a.assessed_on DESC,"
	                  " a.id DESC",
	                  first, last, err);
}

/* A county or more: a code whose last six digits are zeros (or none).
 * A county holds tens of thousands of people; a pass over the whole table
 * reads them in order faster than the index reaches them one by one. */
static int county_or_wider(const char *region)
{
	size_t n = region ? strlen(region) : 0;

	if (n != 12)
		return n == 0;
	for (size_t i = 6; i < 12; i++)
		if (region[i] != '0')
			return 0;
	return 1;
}

/* Moves c past the rows of people before id (people the scan skips). */
static void skip_before(struct cursor *c, long long id)
{
	while (c->rc == DB_ROW && db_col_int64(c->st, 0) < id)
		c->rc = db_step(c->st);
}

static long long cursor_id(const struct cursor *c)
{
	return c->rc == DB_ROW ? db_col_int64(c->st, 0) : -1;
}

static void text(char *dst, size_t n, struct stmt *st, int i)
{
	const char *s = db_col_str(st, i);
	size_t len = s ? strlen(s) : 0;

	if (len >= n)
		len = n - 1;
	memcpy(dst, s ? s : "", len);
	dst[len] = '\0';
}

static int by_start(const void *a, const void *b)
{
	const struct person_category *x = a, *y = b;
	int c = strcmp(x->start, y->start);

	return c ? c : strcmp(x->category, y->category);
}

int person_store_scan(struct db *db, const char *region, person_scan_fn fn,
                      void *arg, struct lx_error *err)
{
	return person_store_scan_born(db, region, NULL, fn, arg, err);
}

int person_store_scan_born(struct db *db, const char *region,
                           const char *born_before, person_scan_fn fn,
                           void *arg, struct lx_error *err)
{
	struct cursor p = { 0 }, cat = { 0 }, mv = { 0 }, as = { 0 };
	struct arena *a = NULL;
	int ret = -1;
	long in_batch = 0;

	int whole = county_or_wider(region), narrow = 0;
	long long first = 0, last = 0;

	if (whole && region && *region) {
		char lo[13], hi[13];

		subtree_range(region, lo, hi);
		if (subtree_people_outside(db, lo, hi, &narrow, err) ||
		    (narrow &&
		     subtree_people_ids(db, lo, hi, &first, &last, err)))
			goto done;
	}
	if (narrow) {
		if (open_narrowed(db, &p, &cat, &mv, &as, region, born_before,
		                  first, last, err))
			goto done;
	} else if (whole && born_before && *born_before) {
		if (open_county_born(db, &p, &cat, &mv, &as, region,
		                     born_before, err))
			goto done;
	} else {
		/* `region || ''` keeps the region index out of the county's
		 * plan: the table is read in id order, no sort */
		if (open_cursor(
		        db, &p,
		        whole ? "SELECT p.id, p.kind, p.name, p.sex,"
		                " p.birth_date, p.region, p.deceased_on,"
		                " p.residence, p.facility_id FROM person p"
		                " WHERE p.region || '' BETWEEN ?1 AND ?2"
		              : "SELECT p.id, p.kind, p.name, p.sex,"
		                " p.birth_date, p.region, p.deceased_on,"
		                " p.residence, p.facility_id FROM person p"
		                " WHERE p.region BETWEEN ?1 AND ?2",
		        " ORDER BY p.id", region, born_before, err))
			goto done;
		if (whole) {
			if (open_whole(
			        db, &cat,
			        "SELECT c.person_id, c.category, c.start_date,"
			        " c.end_date FROM person_category c"
			        " ORDER BY c.person_id",
			        err) ||
			    open_whole(
			        db, &mv,
			        "SELECT m.person_id, m.from_region,"
			        " m.to_region, m.moved_on FROM person_move m"
			        " ORDER BY m.person_id, m.moved_on, m.rowid",
			        err) ||
			    open_whole(
			        db, &as,
			        "SELECT a.person_id, a.assessed_on,"
			        " a.final_level, a.instrument FROM assessment a"
			        " ORDER BY a.person_id, a.assessed_on DESC,"
			        " a.id DESC",
			        err))
				goto done;
		} else if (
		    open_cursor(
		        db, &cat,
		        "SELECT c.person_id, c.category, c.start_date,"
		        " c.end_date FROM person_category c JOIN person p"
		        " ON p.id = c.person_id WHERE p.region BETWEEN ?1"
		        " AND ?2",
		        " ORDER BY c.person_id", region, born_before, err) ||
		    open_cursor(
		        db, &mv,
		        "SELECT m.person_id, m.from_region, m.to_region,"
		        " m.moved_on FROM person_move m JOIN person p"
		        " ON p.id = m.person_id WHERE p.region BETWEEN ?1"
		        " AND ?2",
		        " ORDER BY m.person_id, m.moved_on, m.rowid", region,
		        born_before, err) ||
		    open_cursor(
		        db, &as,
		        "SELECT a.person_id, a.assessed_on, a.final_level,"
		        " a.instrument FROM assessment a JOIN person p"
		        " ON p.id = a.person_id WHERE p.region BETWEEN ?1"
		        " AND ?2",
		        " ORDER BY a.person_id, a.assessed_on DESC,"
		        " a.id DESC",
		        region, born_before, err))
			goto done;
	}
	while (p.rc == DB_ROW) {
		struct person_scan_row row = { 0 };
		struct move_row *moves = NULL;
		struct assessment_row *rows = NULL;
		struct person *pe;
		long long id = db_col_int64(p.st, 0);
		size_t cap = 0;

		if (!a || in_batch++ == BATCH) {
			arena_free(a);
			if (!(a = arena_new())) {
				lx_fail(err, LX_EINTERNAL, "", "out of memory");
				goto done;
			}
			in_batch = 1;
		}
		pe = arena_alloc(a, sizeof(*pe));
		pe->id = id;
		text(pe->kind, sizeof(pe->kind), p.st, 1);
		pe->name = db_col_text(a, p.st, 2);
		text(pe->sex, sizeof(pe->sex), p.st, 3);
		text(pe->birth_date, sizeof(pe->birth_date), p.st, 4);
		text(pe->region, sizeof(pe->region), p.st, 5);
		text(pe->deceased_on, sizeof(pe->deceased_on), p.st, 6);
		text(pe->residence, sizeof(pe->residence), p.st, 7);
		pe->facility_id = db_col_int64(p.st, 8);
		pe->level = -1;
		/* rows of people the scan does not read (over a county, where
		 * the tables are read whole) are passed over */
		skip_before(&cat, id);
		skip_before(&mv, id);
		skip_before(&as, id);
		for (; cursor_id(&cat) == id; cat.rc = db_step(cat.st)) {
			struct person_category *c;

			pe->categories =
			    arena_grow(a, pe->categories, pe->ncategories, &cap,
			               sizeof(*pe->categories));
			c = &pe->categories[pe->ncategories++];
			c->category = db_col_text(a, cat.st, 1);
			text(c->start, sizeof(c->start), cat.st, 2);
			text(c->end, sizeof(c->end), cat.st, 3);
		}
		if (pe->ncategories > 1)
			qsort(pe->categories, pe->ncategories,
			      sizeof(*pe->categories), by_start);
		cap = 0;
		for (; cursor_id(&mv) == id; mv.rc = db_step(mv.st)) {
			struct move_row *m;

			moves = arena_grow(a, moves, row.nmoves, &cap,
			                   sizeof(*moves));
			m = &moves[row.nmoves++];
			text(m->from, sizeof(m->from), mv.st, 1);
			text(m->to, sizeof(m->to), mv.st, 2);
			text(m->on, sizeof(m->on), mv.st, 3);
		}
		cap = 0;
		for (; cursor_id(&as) == id; as.rc = db_step(as.st)) {
			struct assessment_row *r;

			rows = arena_grow(a, rows, row.nassessments, &cap,
			                  sizeof(*rows));
			r = &rows[row.nassessments++];
			memset(r, 0, sizeof(*r));
			r->person_id = id;
			text(r->assessed_on, sizeof(r->assessed_on), as.st, 1);
			r->final_level = db_col_int(as.st, 2);
			r->instrument = db_col_text(a, as.st, 3);
		}
		row.person = pe;
		row.moves = moves;
		row.assessments = rows;
		if (fn(arg, a, &row))
			goto done;
		p.rc = db_step(p.st);
	}
	/* over a county the other cursors may stop on rows of people after
	 * the last one read */
	if (p.rc != DB_DONE ||
	    (cat.rc != DB_DONE && (!whole || cat.rc != DB_ROW)) ||
	    (mv.rc != DB_DONE && (!whole || mv.rc != DB_ROW)) ||
	    (as.rc != DB_DONE && (!whole || as.rc != DB_ROW))) {
		db_fail(db, err, "people");
		goto done;
	}
	ret = 0;
done:
	arena_free(a);
	db_finish(db, p.st);
	db_finish(db, cat.st);
	db_finish(db, mv.st);
	db_finish(db, as.st);
	return ret;
}
