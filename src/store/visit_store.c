#include "store/visit_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

/* The people (person p) of a visit_scope: ?1 and ?2 the subtree, ?3 the
 * day. Those who live there now, and those who lived there on the day
 * and moved out later (found by the move): two parts of a UNION ALL,
 * each of which an index answers, where one OR of the two would have
 * PostgreSQL read every person of the city. The parts never overlap. */
#define HERE " p.region BETWEEN ?1 AND ?2"
#define MOVED                                                                  \
	" p.region NOT BETWEEN ?1 AND ?2 AND p.id IN (SELECT m0.person_id"     \
	"      FROM person_move m0 WHERE m0.from_region BETWEEN ?1 AND ?2"     \
	"      AND m0.moved_on > ?3)"
/* A query over the people of the subtree: head ends in WHERE, tail
 * continues the condition; an ORDER BY after it names output columns by
 * position. */
#define BOTH(head, tail) head HERE tail " UNION ALL " head MOVED tail
/* The candidates: elderly, alive and 60 on the day (?4 the latest birth
 * date of a 60-year-old), with some category in force. */
#define CAND_TAIL                                                              \
	" AND p.kind = 'elderly' AND p.birth_date <= ?4"                       \
	" AND (p.deceased_on IS NULL OR p.deceased_on > ?3)"                   \
	" AND EXISTS (SELECT 1 FROM person_category c0"                        \
	"      WHERE c0.person_id = p.id AND c0.start_date <= ?3"              \
	"      AND (c0.end_date IS NULL OR c0.end_date >= ?3))"

/* How a query binds the scope: the candidates themselves (?1-?4), or the
 * rows of other tables for the people of the subtree (?1-?3, and ?4 the
 * last moment when it reads visits or events). Those rows are read for
 * every person of the subtree, not only the candidates: the full test
 * once is cheaper than in every query, and app/ keeps only the rows of
 * candidates when it merges. */
enum scope_bind { BIND_CAND, BIND_ROWS, BIND_ROWS_UNTIL };

static struct stmt *prepare_scope(struct db *db, const char *sql,
                                  const struct visit_scope *s,
                                  enum scope_bind how, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);

	if (!st)
		return NULL;
	db_bind_subtree(st, 1, 2, s->root);
	db_bind_text(st, 3, s->day);
	if (how == BIND_CAND)
		db_bind_text(st, 4, s->born_by);
	else if (how == BIND_ROWS_UNTIL)
		db_bind_text(st, 4, s->until);
	return st;
}

static void read_cand(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_cand_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->name = db_col_text(a, st, 1);
	db_col_copy(r->sex, sizeof(r->sex), st, 2);
	db_col_copy(r->birth_date, sizeof(r->birth_date), st, 3);
	db_col_copy(r->region, sizeof(r->region), st, 4);
	r->address = db_col_text(a, st, 5);
	if (!r->address)
		r->address = "";
	db_col_copy(r->residence, sizeof(r->residence), st, 6);
}

int visit_store_candidates(struct db *db, struct arena *a,
                           const struct visit_scope *s,
                           struct visit_cand_row **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = prepare_scope(
	    db,
	    BOTH("SELECT p.id, p.name, p.sex, p.birth_date, p.region,"
	         " p.address, p.residence FROM person p WHERE",
	         CAND_TAIL) " ORDER BY 1",
	    s, BIND_CAND, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_cand, (void **)out, n,
	                  "visit targets", err);
}

static void read_cat(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_cat_row *r = elem;

	(void)a;
	r->person_id = db_col_int64(st, 0);
	db_col_copy(r->category, sizeof(r->category), st, 1);
	db_col_copy(r->start, sizeof(r->start), st, 2);
}

int visit_store_cand_categories(struct db *db, struct arena *a,
                                const struct visit_scope *s,
                                struct visit_cat_row **out, size_t *n,
                                struct lx_error *err)
{
	struct stmt *st = prepare_scope(
	    db,
	    BOTH("SELECT c.person_id, c.category, c.start_date FROM"
	         " person_category c JOIN person p ON p.id = c.person_id"
	         " WHERE",
	         " AND c.start_date <= ?3 AND (c.end_date IS NULL OR"
	         " c.end_date >= ?3)") " ORDER BY 1",
	    s, BIND_ROWS, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_cat, (void **)out, n,
	                  "visit target categories", err);
}

static void read_move(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_move_row *r = elem;

	(void)a;
	r->person_id = db_col_int64(st, 0);
	db_col_copy(r->from, sizeof(r->from), st, 1);
	db_col_copy(r->to, sizeof(r->to), st, 2);
	db_col_copy(r->on, sizeof(r->on), st, 3);
}

int visit_store_cand_moves(struct db *db, struct arena *a,
                           const struct visit_scope *s,
                           struct visit_move_row **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = prepare_scope(
	    db,
	    BOTH("SELECT m.person_id, m.from_region, m.to_region, m.moved_on,"
	         " m.rowid FROM person_move m JOIN person p ON p.id ="
	         " m.person_id WHERE",
	         "") " ORDER BY 1, 4, 5",
	    s, BIND_ROWS, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_move, (void **)out, n,
	                  "visit target moves", err);
}

static void read_tier(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_tier_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->person_id = db_col_int64(st, 1);
	db_col_copy(r->tier, sizeof(r->tier), st, 2);
	r->reason = db_col_text(a, st, 3);
	db_col_copy(r->start, sizeof(r->start), st, 4);
	db_col_copy(r->end, sizeof(r->end), st, 5);
}

int visit_store_cand_tiers(struct db *db, struct arena *a,
                           const struct visit_scope *s,
                           struct visit_tier_row **out, size_t *n,
                           struct lx_error *err)
{
	struct stmt *st = prepare_scope(
	    db,
	    BOTH("SELECT t.id, t.person_id, t.tier, t.reason, t.start_date,"
	         " t.end_date FROM visit_tier t JOIN person p ON p.id ="
	         " t.person_id WHERE",
	         " AND t.start_date <= ?3 AND (t.end_date IS NULL OR"
	         " t.end_date > ?3)") " ORDER BY 2, 5 DESC, 1 DESC",
	    s, BIND_ROWS, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_tier, (void **)out, n,
	                  "visit tiers", err);
}

static void read_last(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_last_row *r = elem;

	(void)a;
	r->person_id = db_col_int64(st, 0);
	r->visit_id = db_col_int64(st, 1);
	db_col_copy(r->visited_at, sizeof(r->visited_at), st, 2);
	db_col_copy(r->mode, sizeof(r->mode), st, 3);
	db_col_copy(r->risk, sizeof(r->risk), st, 4);
	r->has_point = !db_col_null(st, 5) && !db_col_null(st, 6);
	r->lat = db_col_double(st, 5);
	r->lon = db_col_double(st, 6);
}

int visit_store_cand_last(struct db *db, struct arena *a,
                          const struct visit_scope *s,
                          struct visit_last_row **out, size_t *n,
                          struct lx_error *err)
{
	/* each person's latest visit by one seek of visit(person_id,
	 * visited_on): cheaper than grouping a year of visits */
	struct stmt *st = prepare_scope(
	    db,
	    "SELECT v.person_id, v.id, v.visited_at, v.mode, v.risk, v.lat,"
	    " v.lon FROM visit v WHERE v.id IN (" BOTH(
	        "SELECT (SELECT v2.id FROM visit v2 WHERE v2.person_id = p.id"
	        " AND v2.visited_at <= ?4 ORDER BY v2.visited_on DESC,"
	        " v2.visited_at DESC, v2.id DESC LIMIT 1) FROM person p WHERE",
	        "") ") ORDER BY v.person_id",
	    s, BIND_ROWS_UNTIL, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_last, (void **)out, n,
	                  "last visits", err);
}

static void read_event(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_event_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->person_id = db_col_int64(st, 1);
	db_col_copy(r->region, sizeof(r->region), st, 2);
	db_col_copy(r->kind, sizeof(r->kind), st, 3);
	db_col_copy(r->occurred_at, sizeof(r->occurred_at), st, 4);
	db_col_copy(r->reported_at, sizeof(r->reported_at), st, 5);
	r->note = db_col_text(a, st, 6);
	if (!r->note)
		r->note = "";
	r->reported_by = db_col_text(a, st, 7);
	if (!r->reported_by)
		r->reported_by = "";
}

#define EVENT_COLS                                                             \
	"e.id, e.person_id, e.region, e.kind, e.occurred_at, e.reported_at,"   \
	" e.note, (SELECT username FROM account WHERE id = e.reported_by)"

int visit_store_cand_events(struct db *db, struct arena *a,
                            const struct visit_scope *s,
                            struct visit_event_row **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = prepare_scope(
	    db,
	    BOTH("SELECT " EVENT_COLS " FROM visit_event e JOIN person p ON"
	         " p.id = e.person_id WHERE",
	         " AND e.reported_at <= ?4") " ORDER BY 2, 6 DESC, 1 DESC",
	    s, BIND_ROWS_UNTIL, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_event, (void **)out, n,
	                  "visit events", err);
}

static void read_count(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_count_row *r = elem;

	(void)a;
	r->person_id = db_col_int64(st, 0);
	r->n = db_col_int64(st, 1);
}

int visit_store_cand_referrals(struct db *db, struct arena *a,
                               const struct visit_scope *s,
                               struct visit_count_row **out, size_t *n,
                               struct lx_error *err)
{
	struct stmt *st = prepare_scope(
	    db,
	    BOTH("SELECT r.person_id, count(*) FROM referral r JOIN person p"
	         " ON p.id = r.person_id WHERE",
	         " AND r.status <> 'closed' GROUP BY r.person_id") " ORDER BY"
	                                                           " 1",
	    s, BIND_ROWS, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_count, (void **)out, n,
	                  "open referrals", err);
}

int visit_store_insert(struct db *db, struct visit_row *v, long long by,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO visit (person_id, region, visited_at, visited_on,"
	    " mode, visitor_id, visitor_name, findings, risk, note, lat, lon,"
	    " source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, v->person_id);
	db_bind_text(st, 2, v->region);
	db_bind_text(st, 3, v->visited_at);
	db_bind_text(st, 4, v->visited_on);
	db_bind_text(st, 5, v->mode);
	if (v->visitor_id > 0)
		db_bind_int64(st, 6, v->visitor_id);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, v->visitor_name ? v->visitor_name : "");
	db_bind_text(st, 8, v->findings ? v->findings : "{}");
	db_bind_opt_text(st, 9, v->risk[0] ? v->risk : NULL);
	db_bind_text(st, 10, v->note ? v->note : "");
	if (v->has_point) {
		db_bind_double(st, 11, v->lat);
		db_bind_double(st, 12, v->lon);
	} else {
		db_bind_null(st, 11);
		db_bind_null(st, 12);
	}
	db_bind_text(st, 13, v->source ? v->source : "app");
	if (by > 0)
		db_bind_int64(st, 14, by);
	else
		db_bind_null(st, 14);
	db_bind_text(st, 15, v->recorded_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "visit");
		if (err && err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "visited_at",
			        "this visitor's visit to person %lld at %s is "
			        "already recorded",
			        v->person_id, v->visited_at);
		return -1;
	}
	v->id = db_last_id(db);
	return 0;
}

int visit_store_exists(struct db *db, long long person, long long visitor,
                       const char *visited_at)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT 1 FROM visit WHERE person_id = ?1 AND visited_at = ?2"
	    " AND ((?3 = 0 AND visitor_id IS NULL) OR visitor_id = ?3)",
	    NULL);
	int found;

	if (!st)
		return 0;
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, visited_at);
	db_bind_int64(st, 3, visitor);
	found = db_step(st) == DB_ROW;
	db_finish(db, st);
	return found;
}

#define VISIT_COLS                                                             \
	"v.id, v.person_id, v.region, v.visited_at, v.visited_on, v.mode,"     \
	" v.visitor_id, v.visitor_name, v.findings, v.risk, v.note, v.lat,"    \
	" v.lon, v.source, v.recorded_at, p.name, r.name"                      \
	" FROM visit v JOIN person p ON p.id = v.person_id"                    \
	" LEFT JOIN region r ON r.code = v.region"

static void read_visit(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_row *v = elem;

	v->id = db_col_int64(st, 0);
	v->person_id = db_col_int64(st, 1);
	db_col_copy(v->region, sizeof(v->region), st, 2);
	db_col_copy(v->visited_at, sizeof(v->visited_at), st, 3);
	db_col_copy(v->visited_on, sizeof(v->visited_on), st, 4);
	db_col_copy(v->mode, sizeof(v->mode), st, 5);
	v->visitor_id = db_col_int64(st, 6);
	v->visitor_name = db_col_text(a, st, 7);
	v->findings = db_col_text(a, st, 8);
	db_col_copy(v->risk, sizeof(v->risk), st, 9);
	v->note = db_col_text(a, st, 10);
	v->has_point = !db_col_null(st, 11) && !db_col_null(st, 12);
	v->lat = db_col_double(st, 11);
	v->lon = db_col_double(st, 12);
	v->source = db_col_text(a, st, 13);
	v->recorded_at = db_col_text(a, st, 14);
	v->person_name = db_col_text(a, st, 15);
	v->region_name = db_col_text(a, st, 16);
}

int visit_store_get(struct db *db, struct arena *a, long long id,
                    struct visit_row *out, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT " VISIT_COLS " WHERE v.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_visit(a, st, out);
	db_finish(db, st);
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no visit %lld", id);
	if (rc != DB_ROW)
		return db_fail(db, err, "visit");
	return 0;
}

int visit_store_list(struct db *db, struct arena *a,
                     const struct visit_query *q, struct visit_row **out,
                     size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " VISIT_COLS " WHERE (?1 IS NULL OR v.region BETWEEN ?1"
	    " AND ?2) AND (?3 = 0 OR v.person_id = ?3) AND (?4 IS NULL OR"
	    " v.visited_on >= ?4) AND (?5 IS NULL OR v.visited_on <= ?5)"
	    " ORDER BY v.visited_at DESC, v.id DESC LIMIT ?6",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, q->region);
	db_bind_int64(st, 3, q->person);
	db_bind_opt_text(st, 4, q->from);
	db_bind_opt_text(st, 5, q->to);
	db_bind_int64(st, 6, q->limit);
	return db_collect(db, a, st, sizeof(**out), read_visit, (void **)out, n,
	                  "visits", err);
}

int visit_store_add_event(struct db *db, struct visit_event_row *e,
                          long long by, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO visit_event (person_id, region, kind, occurred_at,"
	    " note, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, e->person_id);
	db_bind_text(st, 2, e->region);
	db_bind_text(st, 3, e->kind);
	db_bind_text(st, 4, e->occurred_at);
	db_bind_text(st, 5, e->note ? e->note : "");
	if (by > 0)
		db_bind_int64(st, 6, by);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, e->reported_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "visit event");
	e->id = db_last_id(db);
	return 0;
}

int visit_store_events(struct db *db, struct arena *a, const char *region,
                       const char *since, long limit,
                       struct visit_event_row **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " EVENT_COLS " FROM visit_event e WHERE (?1 IS NULL OR"
	    " e.region BETWEEN ?1 AND ?2) AND (?3 IS NULL OR e.reported_at >="
	    " ?3) ORDER BY e.reported_at DESC, e.id DESC LIMIT ?4",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_opt_text(st, 3, since);
	db_bind_int64(st, 4, limit);
	return db_collect(db, a, st, sizeof(**out), read_event, (void **)out, n,
	                  "visit events", err);
}

int visit_store_tier_current(struct db *db, struct arena *a, long long person,
                             const char *day, struct visit_tier_row *out,
                             struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, person_id, tier, reason, start_date, end_date FROM"
	    " visit_tier WHERE person_id = ?1 AND start_date <= ?2 AND"
	    " (end_date IS NULL OR end_date > ?2) ORDER BY start_date DESC,"
	    " id DESC LIMIT 1",
	    err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	db_bind_int64(st, 1, person);
	db_bind_text(st, 2, day);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_tier(a, st, out);
	db_finish(db, st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, err, "visit tier");
	return 0;
}

int visit_store_tier_end(struct db *db, long long id, const char *end,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE visit_tier SET end_date = ? WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, end);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "visit tier");
}

int visit_store_tier_add(struct db *db, struct visit_tier_row *t, long long by,
                         const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO visit_tier (person_id, tier, reason, start_date,"
	    " end_date, set_by, set_at) VALUES (?, ?, ?, ?, NULL, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, t->person_id);
	db_bind_text(st, 2, t->tier);
	db_bind_text(st, 3, t->reason);
	db_bind_text(st, 4, t->start);
	if (by > 0)
		db_bind_int64(st, 5, by);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "visit tier");
	t->id = db_last_id(db);
	return 0;
}

static void read_area(struct arena *a, struct stmt *st, void *elem)
{
	struct visitor_area_row *r = elem;

	r->account_id = db_col_int64(st, 0);
	db_col_copy(r->region, sizeof(r->region), st, 1);
	r->username = db_col_text(a, st, 2);
	r->display_name = db_col_text(a, st, 3);
	if (!r->display_name)
		r->display_name = "";
}

int visit_store_visitor_areas(struct db *db, struct arena *a,
                              struct visitor_area_row **out, size_t *n,
                              struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT aa.account_id, aa.region, a.username, a.display_name FROM"
	    " account_area aa JOIN account a ON a.id = aa.account_id WHERE"
	    " a.role = 'visitor' AND a.disabled = 0 ORDER BY aa.region,"
	    " a.username",
	    err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_area, (void **)out, n,
	                  "visitor areas", err);
}

long long visit_store_visitor_by_name(struct db *db, const char *username)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id FROM account WHERE username = ? AND role = 'visitor'"
	    " AND disabled = 0",
	    NULL);
	long long id = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, username);
	if (db_step(st) == DB_ROW)
		id = db_col_int64(st, 0);
	db_finish(db, st);
	return id;
}

static void read_point(struct arena *a, struct stmt *st, void *elem)
{
	struct visit_point_row *r = elem;

	(void)a;
	db_col_copy(r->region, sizeof(r->region), st, 0);
	r->lat = db_col_double(st, 1);
	r->lon = db_col_double(st, 2);
}

int visit_store_region_points(struct db *db, struct arena *a, const char *root,
                              struct visit_point_row **out, size_t *n,
                              struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT region, avg(lat), avg(lon) FROM residential_point WHERE"
	    " region BETWEEN ?1 AND ?2 GROUP BY region ORDER BY region",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, root);
	return db_collect(db, a, st, sizeof(**out), read_point, (void **)out, n,
	                  "residential points", err);
}
