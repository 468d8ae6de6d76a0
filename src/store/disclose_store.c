#include "store/disclose_store.h"

#include "store/db_internal.h"

#include <string.h>

/* the facility f lies in the subtree bound to ?1 and ?2 */
#define IN_REGION " f.region BETWEEN ?1 AND ?2"
/* f is open on the day bound to ?3 */
#define OPEN_ON                                                                \
	" (f.opened_on IS NULL OR f.opened_on <= ?3)"                          \
	" AND (f.closed_on IS NULL OR f.closed_on > ?3)"

static struct stmt *prepare(struct db *db, const char *sql,
                            const struct disclose_scope *s,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);

	if (!st)
		return NULL;
	db_bind_subtree(st, 1, 2, s->region);
	db_bind_text(st, 3, s->day);
	if (strstr(sql, "?4"))
		db_bind_text(st, 4, s->since);
	return st;
}

static void read_rating(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_rating *r = elem;

	r->facility_id = db_col_int64(st, 0);
	r->facility_name = db_col_text(a, st, 1);
	r->facility_kind = db_col_text(a, st, 2);
	r->scheme = db_col_text(a, st, 3);
	r->level = db_col_int(st, 4);
	db_col_copy(r->rated_on, sizeof(r->rated_on), st, 5);
	db_col_copy(r->valid_until, sizeof(r->valid_until), st, 6);
}

int disclose_store_ratings(struct db *db, struct arena *a,
                           const struct disclose_scope *s,
                           struct disclose_rating **out, size_t *n,
                           struct lx_error *err)
{
	/* the latest rating in force, as the place search shows it; one
	 * that has lapsed (grade_lapse) before day is not in force */
	struct stmt *st = prepare(
	    db,
	    "SELECT f.id, f.name, f.kind, r.scheme, r.level, r.rated_on,"
	    " r.valid_until FROM facility_rating r"
	    " JOIN facility f ON f.id = r.facility_id"
	    " WHERE" IN_REGION " AND" OPEN_ON
	    " AND r.rated_on <= ?3 AND r.valid_until >= ?3"
	    " AND NOT EXISTS (SELECT 1 FROM grade_lapse g"
	    "  WHERE g.rating_id = r.id AND g.lapsed_on <= ?3)"
	    " AND NOT EXISTS (SELECT 1 FROM facility_rating q"
	    "  WHERE q.facility_id = r.facility_id AND q.scheme = r.scheme"
	    "  AND q.rated_on <= ?3 AND q.valid_until >= ?3"
	    "  AND (q.rated_on > r.rated_on"
	    "   OR (q.rated_on = r.rated_on AND q.id > r.id)))"
	    " ORDER BY r.level DESC, f.name, f.id",
	    s, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_rating, (void **)out,
	                  n, "ratings", err);
}

static void read_lapse(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_lapse *l = elem;

	l->facility_id = db_col_int64(st, 0);
	l->facility_name = db_col_text(a, st, 1);
	l->scheme = db_col_text(a, st, 2);
	l->level = db_col_int(st, 3);
	db_col_copy(l->lapsed_on, sizeof(l->lapsed_on), st, 4);
}

int disclose_store_lapses(struct db *db, struct arena *a,
                          const struct disclose_scope *s,
                          struct disclose_lapse **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = prepare(
	    db,
	    "SELECT f.id, f.name, r.scheme, r.level, g.lapsed_on"
	    " FROM grade_lapse g JOIN facility_rating r ON r.id = g.rating_id"
	    " JOIN facility f ON f.id = g.facility_id"
	    " WHERE" IN_REGION " AND g.lapsed_on <= ?3 AND g.lapsed_on >= ?4"
	    " ORDER BY g.lapsed_on DESC, f.id",
	    s, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_lapse, (void **)out, n,
	                  "lapses", err);
}

/* a listing on the public black list on day ?3 */
#define BLACK_ON                                                               \
	" l.list = 'black'"                                                    \
	" AND l.status IN ('listed', 'published', 'removed')"                  \
	" AND l.listed_on IS NOT NULL AND l.listed_on <= ?3"                   \
	" AND l.published_on IS NOT NULL AND l.published_on <= ?3"             \
	" AND (l.removed_on IS NULL OR l.removed_on > ?3)"

static void read_listing(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_listing *l = elem;

	l->facility_id = db_col_int64(st, 0);
	l->facility_name = db_col_text(a, st, 1);
	l->ground = db_col_text(a, st, 2);
	l->authority = db_col_text(a, st, 3);
	db_col_copy(l->listed_on, sizeof(l->listed_on), st, 4);
	db_col_copy(l->published_on, sizeof(l->published_on), st, 5);
}

int disclose_store_black(struct db *db, struct arena *a,
                         const struct disclose_scope *s,
                         struct disclose_listing **out, size_t *n,
                         long long *staff, struct lx_error *err)
{
	struct stmt *st =
	    prepare(db,
	            "SELECT f.id, f.name, l.ground, l.authority, l.listed_on,"
	            " l.published_on FROM credit_listing l"
	            " JOIN facility f ON f.id = l.subject_id"
	            " WHERE l.subject_kind = 'facility' AND" IN_REGION
	            " AND" BLACK_ON " ORDER BY l.published_on DESC, f.id",
	            s, err);
	int rc;

	if (!st || db_collect(db, a, st, sizeof(**out), read_listing,
	                      (void **)out, n, "black list", err))
		return -1;
	st = prepare(db,
	             "SELECT COUNT(*) FROM credit_listing l"
	             " JOIN facility f ON f.id = l.facility_id"
	             " WHERE l.subject_kind = 'staff' AND" IN_REGION
	             " AND" BLACK_ON,
	             s, err);
	if (!st)
		return -1;
	rc = db_step(st);
	*staff = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "black list");
}

static void read_childcare(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_childcare *c = elem;

	c->facility_id = db_col_int64(st, 0);
	c->name = db_col_text(a, st, 1);
	c->kind = db_col_text(a, st, 2);
	c->filing_status = db_col_text(a, st, 3);
	db_col_copy(c->filing_date, sizeof(c->filing_date), st, 4);
}

int disclose_store_childcare(struct db *db, struct arena *a,
                             const struct disclose_scope *s,
                             struct disclose_childcare **out, size_t *n,
                             struct lx_error *err)
{
	struct stmt *st = prepare(
	    db,
	    "SELECT f.id, f.name, f.kind, f.filing_status, f.filing_date"
	    " FROM facility f WHERE" IN_REGION " AND" OPEN_ON
	    " AND f.kind IN ('childcare_institution', 'family_childcare_point',"
	    " 'kindergarten_nursery')"
	    " ORDER BY f.filing_status, f.name, f.id",
	    s, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_childcare,
	                  (void **)out, n, "childcare facilities", err);
}

static void read_plan(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_plan *p = elem;

	p->id = db_col_int64(st, 0);
	db_col_copy(p->region, sizeof(p->region), st, 1);
	p->region_name = db_col_text(a, st, 2);
	p->period = db_col_text(a, st, 3);
	p->title = db_col_text(a, st, 4);
	p->seed = db_col_text(a, st, 5);
	p->algorithm = db_col_text(a, st, 6);
	p->digest = db_col_text(a, st, 7);
	db_col_copy(p->drawn_at, sizeof(p->drawn_at), st, 8);
	p->checks = db_col_int64(st, 9);
}

/* The codes of the regions above code (province, city, county,
 * township): its first 2, 4, 6 and 9 digits with zeros after. */
static void ancestors(const char *code, char out[4][13])
{
	static const int keep[4] = { 2, 4, 6, 9 };

	size_t len = code ? strlen(code) : 0;

	for (int i = 0; i < 4; i++) {
		memset(out[i], '0', 12);
		memcpy(out[i], code,
		       len < (size_t)keep[i] ? len : (size_t)keep[i]);
		out[i][12] = '\0';
	}
}

int disclose_store_plans(struct db *db, struct arena *a,
                         const struct disclose_scope *s,
                         struct disclose_plan **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT p.id, p.region, g.name, p.period, p.title, p.seed,"
	    " p.algorithm, p.digest, p.drawn_at,"
	    " (SELECT COUNT(*) FROM inspect_check c WHERE c.plan_id = p.id)"
	    " FROM inspect_plan p JOIN region g ON g.code = p.region"
	    " WHERE p.status = 'published'"
	    " AND (p.region BETWEEN ?1 AND ?2"
	    "  OR p.region IN (?3, ?4, ?5, ?6))"
	    " ORDER BY p.drawn_at DESC, p.id DESC",
	    err);
	char up[4][13];

	if (!st)
		return -1;
	ancestors(s->region, up);
	db_bind_subtree(st, 1, 2, s->region);
	for (int i = 0; i < 4; i++)
		db_bind_text(st, 3 + i, up[i]);
	return db_collect(db, a, st, sizeof(**out), read_plan, (void **)out, n,
	                  "inspection plans", err);
}

static void read_checks(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_checks *c = elem;

	c->facility_id = db_col_int64(st, 0);
	c->facility_name = db_col_text(a, st, 1);
	c->checks_done = db_col_int64(st, 2);
	c->hazards_found = db_col_int64(st, 3);
	c->hazards_closed = db_col_int64(st, 4);
}

int disclose_store_checks(struct db *db, struct arena *a,
                          const struct disclose_scope *s,
                          struct disclose_checks **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = prepare(
	    db,
	    "SELECT f.id, f.name,"
	    " (SELECT COUNT(*) FROM inspect_check c WHERE c.facility_id = f.id"
	    "  AND c.status = 'done' AND c.done_on >= ?4"
	    "  AND c.done_on <= ?3),"
	    " (SELECT COUNT(*) FROM hazard h WHERE h.facility_id = f.id"
	    "  AND h.found_on >= ?4 AND h.found_on <= ?3),"
	    " (SELECT COUNT(*) FROM hazard h WHERE h.facility_id = f.id"
	    "  AND h.found_on >= ?4 AND h.found_on <= ?3"
	    "  AND h.status = 'closed' AND h.closed_on <= ?3)"
	    " FROM facility f WHERE" IN_REGION
	    " AND (EXISTS (SELECT 1 FROM inspect_check c"
	    "  WHERE c.facility_id = f.id AND c.status = 'done'"
	    "  AND c.done_on >= ?4 AND c.done_on <= ?3)"
	    " OR EXISTS (SELECT 1 FROM hazard h WHERE h.facility_id = f.id"
	    "  AND h.found_on >= ?4 AND h.found_on <= ?3))"
	    " ORDER BY f.name, f.id",
	    s, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_checks, (void **)out,
	                  n, "checks", err);
}

static void read_complaints(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_complaints *c = elem;

	c->facility_id = db_col_int64(st, 0);
	c->facility_name = db_col_text(a, st, 1);
	c->received = db_col_int64(st, 2);
	c->closed = db_col_int64(st, 3);
	c->on_time = db_col_int64(st, 4);
	c->rated = db_col_int64(st, 5);
	c->satisfied = db_col_int64(st, 6);
}

int disclose_store_complaints(struct db *db, struct arena *a,
                              const struct disclose_scope *s,
                              long long satisfied_from,
                              struct disclose_complaints **out, size_t *n,
                              struct lx_error *err)
{
	/* counts only: not a column of the complaint itself leaves */
	struct stmt *st = prepare(
	    db,
	    "SELECT f.id, f.name, COUNT(*),"
	    " SUM(CASE WHEN k.status = 'closed' THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN k.answered_on IS NOT NULL AND k.deadline IS NOT"
	    "  NULL AND k.answered_on <= k.deadline THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN k.satisfaction IS NOT NULL THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN k.satisfaction >= ?5 THEN 1 ELSE 0 END)"
	    " FROM complaint k JOIN facility f ON f.id = k.facility_id"
	    " WHERE" IN_REGION " AND k.received_on >= ?4"
	    " AND k.received_on <= ?3"
	    " GROUP BY f.id, f.name ORDER BY f.name, f.id",
	    s, err);

	if (!st)
		return -1;
	db_bind_int64(st, 5, satisfied_from);
	return db_collect(db, a, st, sizeof(**out), read_complaints,
	                  (void **)out, n, "complaints", err);
}

static void read_commitment(struct arena *a, struct stmt *st, void *elem)
{
	struct disclose_commitment *c = elem;

	c->facility_id = db_col_int64(st, 0);
	c->facility_name = db_col_text(a, st, 1);
	c->text = db_col_text(a, st, 2);
	db_col_copy(c->on, sizeof(c->on), st, 3);
	db_col_copy(c->source, sizeof(c->source), st, 4);
}

int disclose_store_commitments(struct db *db, struct arena *a,
                               const struct disclose_scope *s,
                               struct disclose_commitment **out, size_t *n,
                               struct lx_error *err)
{
	struct stmt *st = prepare(
	    db,
	    "SELECT f.id, f.name, f.credit_commitment, '', 'registry'"
	    " FROM facility f WHERE" IN_REGION " AND" OPEN_ON
	    " AND f.credit_commitment <> ''"
	    " UNION ALL"
	    " SELECT f.id, f.name, r.summary, r.happened_on, 'record'"
	    " FROM credit_record r JOIN facility f ON f.id = r.subject_id"
	    " WHERE r.subject_kind = 'facility' AND r.kind = 'commitment'"
	    " AND" IN_REGION " AND r.happened_on <= ?3"
	    " AND (r.public_until IS NULL OR r.public_until >= ?3)"
	    " ORDER BY 2, 1, 4",
	    s, err);

	if (!st)
		return -1;
	return db_collect(db, a, st, sizeof(**out), read_commitment,
	                  (void **)out, n, "commitments", err);
}
