#include "store/ledger_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

/* The lines in key order, summed here as they come: one pass over the
 * scheme's and period's index. Grouping in SQL and joining back to the
 * latest line for its region read every line twice, a sixth of a re-run
 * over a city. Within a beneficiary the lines come oldest first, so the
 * region kept is the latest line's. */
int ledger_store_sums(struct db *db, struct arena *a, const char *scheme,
                      const char *period, const char *region,
                      struct ledger_sum **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT beneficiary_kind, beneficiary_id, amount_fen, region"
	    " FROM ledger WHERE scheme = ?1 AND period = ?2"
	    " AND (?3 IS NULL OR region BETWEEN ?3 AND ?4)"
	    " ORDER BY beneficiary_kind, beneficiary_id, id",
	    err);
	struct ledger_sum *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	if (region && *region)
		db_bind_subtree(st, 3, 4, region);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *kind = db_col_str(st, 0);
		long long id = db_col_int64(st, 1);
		struct ledger_sum *s = len ? &v[len - 1] : NULL;

		if (!kind)
			kind = "";
		if (!s || s->beneficiary_id != id ||
		    strncmp(s->beneficiary_kind, kind,
		            sizeof(s->beneficiary_kind) - 1)) {
			v = arena_grow(a, v, len, &cap, sizeof(*v));
			s = &v[len++];
			memset(s, 0, sizeof(*s));
			db_col_copy(s->beneficiary_kind,
			            sizeof(s->beneficiary_kind), st, 0);
			s->beneficiary_id = id;
		}
		s->fen += db_col_int64(st, 2);
		s->lines++;
		db_col_copy(s->region, sizeof(s->region), st, 3);
	}
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "ledger sums");
	*out = v;
	*n = len;
	return 0;
}

static void read_unit_sum(struct arena *a, struct stmt *st, void *elem)
{
	struct ledger_unit_sum *s = elem;

	db_col_copy(s->beneficiary_kind, sizeof(s->beneficiary_kind), st, 0);
	s->beneficiary_id = db_col_int64(st, 1);
	s->unit = db_col_text(a, st, 2);
	s->earlier = db_col_int64(st, 3);
	s->here = db_col_int64(st, 4);
	s->later = db_col_int64(st, 5);
}

int ledger_store_unit_sums(struct db *db, struct arena *a, const char *scheme,
                           const char *period, struct ledger_unit_sum **out,
                           size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT l.beneficiary_kind, l.beneficiary_id, u.unit,"
	               " sum(CASE WHEN l.period < ?2 THEN u.count ELSE 0 END),"
	               " sum(CASE WHEN l.period = ?2 THEN u.count ELSE 0 END),"
	               " sum(CASE WHEN l.period > ?2 THEN u.count ELSE 0 END)"
	               " FROM ledger_unit u JOIN ledger l ON l.id = u.line_id"
	               " WHERE l.scheme = ?1"
	               " GROUP BY l.beneficiary_kind, l.beneficiary_id, u.unit"
	               " ORDER BY l.beneficiary_kind, l.beneficiary_id, u.unit",
	               err);

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	return db_collect(db, a, st, sizeof(**out), read_unit_sum, (void **)out,
	                  n, "ledger units", err);
}

int ledger_store_add_unit(struct db *db, long long line_id, const char *unit,
                          int64_t count, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO ledger_unit (line_id, unit, count) VALUES (?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, line_id);
	db_bind_text(st, 2, unit);
	db_bind_int64(st, 3, count);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "ledger unit");
}

static void read_unit(struct arena *a, struct stmt *st, void *elem)
{
	struct ledger_unit *u = elem;

	u->unit = db_col_text(a, st, 0);
	u->count = db_col_int64(st, 1);
}

int ledger_store_units(struct db *db, struct arena *a, long long line_id,
                       struct ledger_unit **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT unit, count FROM ledger_unit"
	                             " WHERE line_id = ? ORDER BY unit",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, line_id);
	return db_collect(db, a, st, sizeof(**out), read_unit, (void **)out, n,
	                  "ledger units", err);
}

static void read_sum(struct arena *a, struct stmt *st, void *elem)
{
	struct ledger_sum *s = elem;

	(void)a;
	db_col_copy(s->beneficiary_kind, sizeof(s->beneficiary_kind), st, 0);
	s->beneficiary_id = db_col_int64(st, 1);
	s->fen = db_col_int64(st, 2);
	s->lines = db_col_int64(st, 3);
	db_col_copy(s->region, sizeof(s->region), st, 4);
}

int ledger_store_blocked(struct db *db, struct arena *a, const char *scheme,
                         const char *period, struct ledger_sum **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT g.kind, g.id, 0, g.latest, r.region FROM"
	    " (SELECT l.beneficiary_kind AS kind, l.beneficiary_id AS id,"
	    "   max(l.id) AS latest FROM ledger l"
	    "  WHERE l.scheme = ? AND l.period = ? AND l.kind = 'reversal'"
	    "  AND NOT EXISTS (SELECT 1 FROM ledger_lift f"
	    "   WHERE f.reversal_id = l.id)"
	    "  GROUP BY l.beneficiary_kind, l.beneficiary_id) g"
	    " JOIN ledger r ON r.id = g.latest"
	    " ORDER BY g.kind, g.id",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	return db_collect(db, a, st, sizeof(**out), read_sum, (void **)out, n,
	                  "ledger reversals", err);
}

int ledger_store_lift(struct db *db, long long reversal_id, const char *reason,
                      long long by, const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO ledger_lift (reversal_id, reason, lifted_by,"
	    " lifted_at) VALUES (?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, reversal_id);
	db_bind_text(st, 2, reason);
	if (by > 0)
		db_bind_int64(st, 3, by);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "ledger lift");
		if (err && err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "id",
			        "reversal %lld is already lifted", reversal_id);
		return -1;
	}
	return 0;
}

int ledger_store_run(struct db *db, const char *scheme, const char *period,
                     const char *region, long long by, const char *now,
                     long long *id, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO subsidy_run (scheme, period, region, lines, total_fen,"
	    " run_by, run_at) VALUES (?, ?, ?, 0, 0, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	db_bind_text(st, 3, region);
	if (by > 0)
		db_bind_int64(st, 4, by);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "subsidy run");
	*id = db_last_id(db);
	return 0;
}

int ledger_store_run_done(struct db *db, long long id, long lines,
                          int64_t total, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE subsidy_run SET lines = ?, total_fen = ? WHERE id = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, lines);
	db_bind_int64(st, 2, total);
	db_bind_int64(st, 3, id);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "subsidy run");
}

int ledger_store_add(struct db *db, struct ledger_line *l, long long by,
                     const char *now, struct lx_error *err)
{
	/* on a database server the new id comes back with the insert, one
	 * round trip a line instead of two; SQLite knows it without asking,
	 * and its RETURNING costs a scratch table per statement (a month's
	 * run over a city writes 94,000 lines) */
	int returning = strcmp(db_backend_name(db), "sqlite") != 0;
	struct stmt *st = db_prepare(
	    db,
	    returning ? "INSERT INTO ledger (run_id, scheme, period,"
	                " beneficiary_kind, beneficiary_id, region, kind,"
	                " amount_fen, reason, reverses, created_by,"
	                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	                " ?, ?) RETURNING id"
	              : "INSERT INTO ledger (run_id, scheme, period,"
	                " beneficiary_kind, beneficiary_id, region, kind,"
	                " amount_fen, reason, reverses, created_by,"
	                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	                " ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	if (l->run_id)
		db_bind_int64(st, 1, l->run_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, l->scheme);
	db_bind_text(st, 3, l->period);
	db_bind_text(st, 4, l->beneficiary_kind);
	db_bind_int64(st, 5, l->beneficiary_id);
	db_bind_text(st, 6, l->region);
	db_bind_text(st, 7, l->kind);
	db_bind_int64(st, 8, l->fen);
	db_bind_text(st, 9, l->reason);
	if (l->reverses)
		db_bind_int64(st, 10, l->reverses);
	else
		db_bind_null(st, 10);
	if (by > 0)
		db_bind_int64(st, 11, by);
	else
		db_bind_null(st, 11);
	db_bind_text(st, 12, now);
	rc = db_step(st);
	if (rc == DB_ROW)
		l->id = db_col_int64(st, 0);
	else if (rc == DB_DONE && !returning)
		l->id = db_last_id(db);
	db_finish(db, st);
	if (rc != (returning ? DB_ROW : DB_DONE)) {
		db_fail(db, err, "ledger line");
		if (err && err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "id",
			        "line %lld is already reversed", l->reverses);
		return -1;
	}
	return 0;
}

int ledger_store_add_later(struct db *db, struct arena *a,
                           struct ledger_batch *b, const struct ledger_line *l,
                           long long by, const char *now, struct lx_error *err)
{
	struct ledger_line *r;

	/* one batch holds the lines of one account at one time */
	if (b->n && (b->by != by || strcmp(b->now, now)) &&
	    ledger_store_flush(db, b, err))
		return -1;
	r = &b->rows[b->n++];
	*r = *l;
	r->scheme = arena_strdup(a, l->scheme);
	r->reason = arena_strdup(a, l->reason);
	b->by = by;
	b->now = arena_strdup(a, now);
	return b->n == LEDGER_BATCH ? ledger_store_flush(db, b, err) : 0;
}

int ledger_store_flush(struct db *db, struct ledger_batch *b,
                       struct lx_error *err)
{
	static const char head[] =
	    "INSERT INTO ledger (run_id, scheme, period, beneficiary_kind,"
	    " beneficiary_id, region, kind, amount_fen, reason, reverses,"
	    " created_by, created_at) VALUES ";
	static const char row[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	char sql[sizeof(head) + LEDGER_BATCH * sizeof(row)];
	size_t len = sizeof(head) - 1, n = b->n;
	struct stmt *st;
	int rc;

	if (!n)
		return 0;
	b->n = 0;
	memcpy(sql, head, len);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sql[len++] = ',';
		memcpy(sql + len, row, sizeof(row) - 1);
		len += sizeof(row) - 1;
	}
	sql[len] = '\0';
	if (!(st = db_prepare(db, sql, err)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct ledger_line *l = &b->rows[i];
		int k = (int)i * 12;

		if (l->run_id)
			db_bind_int64(st, k + 1, l->run_id);
		else
			db_bind_null(st, k + 1);
		db_bind_text(st, k + 2, l->scheme);
		db_bind_text(st, k + 3, l->period);
		db_bind_text(st, k + 4, l->beneficiary_kind);
		db_bind_int64(st, k + 5, l->beneficiary_id);
		db_bind_text(st, k + 6, l->region);
		db_bind_text(st, k + 7, l->kind);
		db_bind_int64(st, k + 8, l->fen);
		db_bind_text(st, k + 9, l->reason);
		if (l->reverses)
			db_bind_int64(st, k + 10, l->reverses);
		else
			db_bind_null(st, k + 10);
		if (b->by > 0)
			db_bind_int64(st, k + 11, b->by);
		else
			db_bind_null(st, k + 11);
		db_bind_text(st, k + 12, b->now);
	}
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "ledger lines");
	return 0;
}

#define LINE_COLS                                                              \
	"id, coalesce(run_id, 0), scheme, period, beneficiary_kind,"           \
	" beneficiary_id, region, kind, amount_fen, reason,"                   \
	" coalesce(reverses, 0), created_at,"                                  \
	" (SELECT group_concat(unit || ':' || count, ',') FROM"                \
	"   (SELECT unit, count FROM ledger_unit"                              \
	"    WHERE line_id = ledger.id ORDER BY unit) u),"                     \
	" EXISTS (SELECT 1 FROM ledger_lift WHERE reversal_id = ledger.id),"   \
	" EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = ledger.id)"

static void read_line(struct arena *a, struct stmt *st, void *elem)
{
	struct ledger_line *l = elem;

	l->id = db_col_int64(st, 0);
	l->run_id = db_col_int64(st, 1);
	l->scheme = db_col_text(a, st, 2);
	db_col_copy(l->period, sizeof(l->period), st, 3);
	db_col_copy(l->beneficiary_kind, sizeof(l->beneficiary_kind), st, 4);
	l->beneficiary_id = db_col_int64(st, 5);
	db_col_copy(l->region, sizeof(l->region), st, 6);
	db_col_copy(l->kind, sizeof(l->kind), st, 7);
	l->fen = db_col_int64(st, 8);
	l->reason = db_col_text(a, st, 9);
	l->reverses = db_col_int64(st, 10);
	l->created_at = db_col_text(a, st, 11);
	l->units = db_col_text(a, st, 12);
	l->lifted = db_col_int(st, 13);
	l->reversed = db_col_int(st, 14);
}

int ledger_store_get(struct db *db, struct arena *a, long long id,
                     struct ledger_line *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " LINE_COLS " FROM ledger WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_line(a, st, out);
	db_finish(db, st);
	return rc == DB_ROW ? 0
	                    : lx_fail(err, LX_ENOTFOUND, "id",
	                              "no ledger line %lld", id);
}

int ledger_store_list(struct db *db, struct arena *a, const char *scheme,
                      const char *period, const char *region,
                      struct ledger_line **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT " LINE_COLS " FROM ledger"
	    " WHERE (?1 IS NULL OR scheme = ?1) AND (?2 IS NULL OR period = ?2)"
	    " AND region BETWEEN ?3 AND ?4 ORDER BY id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_text(st, 1, scheme);
	db_bind_opt_text(st, 2, period);
	db_bind_subtree(st, 3, 4, region);
	return db_collect(db, a, st, sizeof(**out), read_line, (void **)out, n,
	                  "ledger", err);
}

static void read_id(struct arena *a, struct stmt *st, void *elem)
{
	(void)a;
	*(long long *)elem = db_col_int64(st, 0);
}

int ledger_store_movers(struct db *db, struct arena *a, const char *region,
                        const char *day, long long **out, size_t *n,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT DISTINCT person_id FROM person_move"
	    " WHERE from_region BETWEEN ?1 AND ?2 AND moved_on > ?3"
	    " AND to_region NOT BETWEEN ?1 AND ?2 ORDER BY person_id",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_text(st, 3, day);
	return db_collect(db, a, st, sizeof(**out), read_id, (void **)out, n,
	                  "moves", err);
}

static void read_cert(struct arena *a, struct stmt *st, void *elem)
{
	struct ledger_cert *c = elem;

	c->cert_no = db_col_text(a, st, 0);
	db_col_copy(c->level, sizeof(c->level), st, 1);
	c->here = db_col_int64(st, 2);
	c->elsewhere = db_col_int64(st, 3);
}

int ledger_store_certs(struct db *db, struct arena *a, const char *scheme,
                       const char *period, long long provider, const char *from,
                       const char *to, struct ledger_cert **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT t.cert_no, t.level,"
	    " coalesce((SELECT sum(c.count) FROM ledger_cert c JOIN ledger l"
	    "   ON l.id = c.line_id WHERE c.cert_no = t.cert_no"
	    "   AND l.scheme = ?1 AND l.period = ?2), 0),"
	    " coalesce((SELECT sum(c.count) FROM ledger_cert c JOIN ledger l"
	    "   ON l.id = c.line_id WHERE c.cert_no = t.cert_no"
	    "   AND l.scheme = ?1 AND l.period <> ?2), 0)"
	    " FROM trainee_cert t WHERE t.provider_id = ?3"
	    " AND t.certified_on BETWEEN ?4 AND ?5 ORDER BY t.cert_no",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	db_bind_int64(st, 3, provider);
	db_bind_text(st, 4, from);
	db_bind_text(st, 5, to);
	return db_collect(db, a, st, sizeof(**out), read_cert, (void **)out, n,
	                  "certificates", err);
}

int ledger_store_add_cert(struct db *db, long long line_id, const char *cert_no,
                          int count, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "INSERT INTO ledger_cert (line_id, "
	                             "cert_no, count) VALUES (?, ?, ?)",
	                             err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, line_id);
	db_bind_text(st, 2, cert_no);
	db_bind_int64(st, 3, count);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "ledger certificate");
}

int ledger_store_line_certs(struct db *db, struct arena *a, long long line_id,
                            struct ledger_unit **out, size_t *n,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT cert_no, count FROM ledger_cert"
	                             " WHERE line_id = ? ORDER BY cert_no",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, line_id);
	return db_collect(db, a, st, sizeof(**out), read_unit, (void **)out, n,
	                  "ledger certificates", err);
}

int ledger_store_reversal_of(struct db *db, long long id, long long *rev,
                             struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT id FROM ledger WHERE reverses = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	*rev = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	return rc == DB_ROW || rc == DB_DONE
	           ? 0
	           : db_fail(db, err, "ledger reversal");
}
