#include "store/approval_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const duty_names[] = { "prepare", "check", "approve" };

int approval_store_duties(struct db *db, long long account, int *duties,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT duty FROM account_duty WHERE account_id = ?", err);
	int rc;

	*duties = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *d = db_col_str(st, 0);

		for (int i = 0; i < 3; i++)
			if (d && !strcmp(d, duty_names[i]))
				*duties |= 1 << i;
	}
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "duties");
}

int approval_store_set_duties(struct db *db, long long account, int duties,
                              struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "DELETE FROM account_duty WHERE account_id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "duties");
	for (int i = 0; i < 3; i++) {
		if (!(duties & (1 << i)))
			continue;
		st = db_prepare(db,
		                "INSERT INTO account_duty (account_id, duty)"
		                " VALUES (?, ?)",
		                err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, account);
		db_bind_text(st, 2, duty_names[i]);
		rc = db_step(st);
		db_finish(db, st);
		if (rc != DB_DONE)
			return db_fail(db, err, "duties");
	}
	return 0;
}

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

int approval_store_insert(struct db *db, struct approval_batch *b,
                          const char *now, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO approval_batch (scheme, period, region, status,"
	    " fingerprint, lines, total_fen, excluded, prepared_by,"
	    " prepared_at, prepare_note) VALUES (?, ?, ?, 'prepared', ?, ?,"
	    " ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, b->scheme);
	db_bind_text(st, 2, b->period);
	db_bind_text(st, 3, b->region);
	db_bind_text(st, 4, b->fingerprint);
	db_bind_int64(st, 5, b->lines);
	db_bind_int64(st, 6, b->total_fen);
	db_bind_int64(st, 7, b->excluded);
	bind_opt_id(st, 8, b->prepared_by);
	db_bind_text(st, 9, now);
	db_bind_text(st, 10, b->prepare_note ? b->prepare_note : "");
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "batch");
	b->id = db_last_id(db);
	return 0;
}

#define BATCH_COLS                                                             \
	"b.id, b.scheme, b.period, b.region, b.status, b.fingerprint,"         \
	" b.lines, b.total_fen, b.excluded, coalesce(b.prepared_by, 0),"       \
	" coalesce(b.checked_by, 0), coalesce(b.approved_by, 0),"              \
	" coalesce(b.returned_by, 0), coalesce(b.run_id, 0), b.prepared_at,"   \
	" b.prepare_note, b.checked_at, b.check_note, b.approved_at,"          \
	" b.approve_note, b.returned_at, b.return_note, ap.username,"          \
	" ac.username, aa.username, ar.username"                               \
	" FROM approval_batch b"                                               \
	" LEFT JOIN account ap ON ap.id = b.prepared_by"                       \
	" LEFT JOIN account ac ON ac.id = b.checked_by"                        \
	" LEFT JOIN account aa ON aa.id = b.approved_by"                       \
	" LEFT JOIN account ar ON ar.id = b.returned_by"

static void read_batch(struct arena *a, struct stmt *st, void *elem)
{
	struct approval_batch *b = elem;

	b->id = db_col_int64(st, 0);
	db_col_copy(b->scheme, sizeof(b->scheme), st, 1);
	db_col_copy(b->period, sizeof(b->period), st, 2);
	db_col_copy(b->region, sizeof(b->region), st, 3);
	db_col_copy(b->status, sizeof(b->status), st, 4);
	db_col_copy(b->fingerprint, sizeof(b->fingerprint), st, 5);
	b->lines = db_col_int64(st, 6);
	b->total_fen = db_col_int64(st, 7);
	b->excluded = db_col_int64(st, 8);
	b->prepared_by = db_col_int64(st, 9);
	b->checked_by = db_col_int64(st, 10);
	b->approved_by = db_col_int64(st, 11);
	b->returned_by = db_col_int64(st, 12);
	b->run_id = db_col_int64(st, 13);
	b->prepared_at = db_col_text(a, st, 14);
	b->prepare_note = db_col_text(a, st, 15);
	b->checked_at = db_col_text(a, st, 16);
	b->check_note = db_col_text(a, st, 17);
	b->approved_at = db_col_text(a, st, 18);
	b->approve_note = db_col_text(a, st, 19);
	b->returned_at = db_col_text(a, st, 20);
	b->return_note = db_col_text(a, st, 21);
	b->prepared_name = db_col_text(a, st, 22);
	b->checked_name = db_col_text(a, st, 23);
	b->approved_name = db_col_text(a, st, 24);
	b->returned_name = db_col_text(a, st, 25);
}

int approval_store_get(struct db *db, struct arena *a, long long id,
                       struct approval_batch *out, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db, "SELECT " BATCH_COLS " WHERE b.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_batch(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return lx_fail(err, LX_ENOTFOUND, "id", "no batch %lld", id);
	return db_fail(db, err, "batch");
}

int approval_store_list(struct db *db, struct arena *a, const char *region,
                        const char *status, struct approval_batch **out,
                        size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " BATCH_COLS
	               " WHERE (?1 IS NULL OR b.region BETWEEN ?1 AND ?2)"
	               " AND (?3 IS NULL OR b.status = ?3) ORDER BY b.id DESC",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_opt_text(st, 3, status);
	return db_collect(db, a, st, sizeof(**out), read_batch, (void **)out, n,
	                  "batches", err);
}

int approval_store_open(struct db *db, const char *scheme, const char *period,
                        const char *region, long long *id, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id FROM approval_batch WHERE scheme = ? AND period = ?"
	    " AND region = ? AND status IN ('prepared', 'checked')",
	    err);
	int rc;

	*id = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, period);
	db_bind_text(st, 3, region);
	rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_finish(db, st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_fail(db, err, "batch");
}

int approval_store_step(struct db *db, long long id, const char *from,
                        const char *to, long long by, const char *now,
                        const char *note, long long run_id,
                        struct lx_error *err)
{
	/* one statement per step: the columns of the step it records */
	const char *sql =
	    !strcmp(to, "checked")
	        ? "UPDATE approval_batch SET status = ?, checked_by = ?,"
	          " checked_at = ?, check_note = ? WHERE id = ? AND status = ?"
	    : !strcmp(to, "approved")
	        ? "UPDATE approval_batch SET status = ?, approved_by = ?,"
	          " approved_at = ?, approve_note = ?, run_id = ?"
	          " WHERE id = ? AND status = ?"
	        : "UPDATE approval_batch SET status = ?, returned_by = ?,"
	          " returned_at = ?, return_note = ? WHERE id = ? AND status = "
	          "?";
	struct stmt *st = db_prepare(db, sql, err);
	int rc, k = 5;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	bind_opt_id(st, 2, by);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, note);
	if (!strcmp(to, "approved"))
		bind_opt_id(st, k++, run_id);
	db_bind_int64(st, k++, id);
	db_bind_text(st, k, from);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "batch");
	return changed ? 0
	               : lx_fail(err, LX_ECONFLICT, "id",
	                         "batch %lld is no longer %s", id, from);
}

int approval_store_add_line(struct db *db, long long batch,
                            const struct approval_line *l, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO approval_line (batch_id, excluded, seq, kind,"
	    " beneficiary_kind, beneficiary_id, name, region, amount_fen,"
	    " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, batch);
	db_bind_int64(st, 2, l->excluded);
	db_bind_int64(st, 3, l->seq);
	db_bind_text(st, 4, l->kind);
	db_bind_text(st, 5, l->beneficiary_kind);
	db_bind_int64(st, 6, l->beneficiary_id);
	db_bind_text(st, 7, l->name ? l->name : "");
	db_bind_text(st, 8, l->region);
	db_bind_int64(st, 9, l->fen);
	db_bind_text(st, 10, l->reason ? l->reason : "");
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "batch line");
}

static void read_line(struct arena *a, struct stmt *st, void *elem)
{
	struct approval_line *l = elem;

	l->excluded = db_col_int(st, 0);
	l->seq = db_col_int64(st, 1);
	db_col_copy(l->kind, sizeof(l->kind), st, 2);
	db_col_copy(l->beneficiary_kind, sizeof(l->beneficiary_kind), st, 3);
	l->beneficiary_id = db_col_int64(st, 4);
	l->name = db_col_text(a, st, 5);
	db_col_copy(l->region, sizeof(l->region), st, 6);
	l->fen = db_col_int64(st, 7);
	l->reason = db_col_text(a, st, 8);
	l->id_sealed_len = (size_t)db_col_bytes(st, 9);
	l->id_sealed = l->id_sealed_len ? arena_memdup(a, db_col_blob(st, 9),
	                                               l->id_sealed_len)
	                                : NULL;
}

int approval_store_lines(struct db *db, struct arena *a, long long batch,
                         int excluded, long long offset, long long limit,
                         struct approval_line **out, size_t *n,
                         long long *total, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT count(*) FROM approval_line WHERE batch_id = ?"
	               " AND excluded = ?",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, batch);
	db_bind_int64(st, 2, excluded);
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	if (rc != DB_ROW)
		return db_fail(db, err, "batch lines");
	st = db_prepare(db,
	                "SELECT l.excluded, l.seq, l.kind, l.beneficiary_kind,"
	                " l.beneficiary_id, l.name, l.region, l.amount_fen,"
	                " l.reason, p.id_sealed FROM approval_line l"
	                " LEFT JOIN person p ON l.beneficiary_kind = 'person'"
	                " AND p.id = l.beneficiary_id"
	                " WHERE l.batch_id = ? AND l.excluded = ?"
	                " ORDER BY l.seq LIMIT ? OFFSET ?",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, batch);
	db_bind_int64(st, 2, excluded);
	db_bind_int64(st, 3, limit > 0 ? limit : *total + 1);
	db_bind_int64(st, 4, offset);
	return db_collect(db, a, st, sizeof(**out), read_line, (void **)out, n,
	                  "batch lines", err);
}

static void read_town(struct arena *a, struct stmt *st, void *elem)
{
	struct approval_town *t = elem;
	char code[10];

	(void)a;
	db_col_copy(code, sizeof(code), st, 0);
	snprintf(t->township, sizeof(t->township), "%.9s000", code);
	t->lines = db_col_int64(st, 1);
	t->fen = db_col_int64(st, 2);
}

int approval_store_towns(struct db *db, struct arena *a, long long batch,
                         struct approval_town **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT substr(region, 1, 9) t, count(*), sum(amount_fen)"
	    " FROM approval_line WHERE batch_id = ? AND excluded = 0"
	    " GROUP BY substr(region, 1, 9) ORDER BY t",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, batch);
	return db_collect(db, a, st, sizeof(**out), read_town, (void **)out, n,
	                  "townships", err);
}

int approval_store_budget_set(struct db *db, const struct budget_row *b,
                              long long by, const char *now,
                              struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "DELETE FROM subsidy_budget WHERE scheme = ? AND year = ?"
	    " AND region = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, b->scheme);
	db_bind_int64(st, 2, b->year);
	db_bind_text(st, 3, b->region);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "budget");
	st =
	    db_prepare(db,
	               "INSERT INTO subsidy_budget (scheme, year, region,"
	               " amount_fen, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)",
	               err);
	if (!st)
		return -1;
	db_bind_text(st, 1, b->scheme);
	db_bind_int64(st, 2, b->year);
	db_bind_text(st, 3, b->region);
	db_bind_int64(st, 4, b->fen);
	bind_opt_id(st, 5, by);
	db_bind_text(st, 6, now);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "budget");
}

static void read_budget(struct arena *a, struct stmt *st, void *elem)
{
	struct budget_row *b = elem;

	db_col_copy(b->scheme, sizeof(b->scheme), st, 0);
	b->year = db_col_int(st, 1);
	db_col_copy(b->region, sizeof(b->region), st, 2);
	b->fen = db_col_int64(st, 3);
	b->set_at = db_col_text(a, st, 4);
}

int approval_store_budget_find(struct db *db, struct arena *a,
                               const char *scheme, int year,
                               const char *const *ancestors, size_t nanc,
                               struct budget_row *out, int *found,
                               struct lx_error *err)
{
	*found = 0;
	for (size_t i = 0; i < nanc && !*found; i++) {
		struct stmt *st = db_prepare(
		    db,
		    "SELECT scheme, year, region, amount_fen, set_at"
		    " FROM subsidy_budget WHERE scheme = ? AND year = ?"
		    " AND region = ?",
		    err);
		int rc;

		if (!st)
			return -1;
		db_bind_text(st, 1, scheme);
		db_bind_int64(st, 2, year);
		db_bind_text(st, 3, ancestors[i]);
		rc = db_step(st);
		if (rc == DB_ROW) {
			read_budget(a, st, out);
			*found = 1;
		}
		db_finish(db, st);
		if (rc != DB_ROW && rc != DB_DONE)
			return db_fail(db, err, "budget");
	}
	return 0;
}

int approval_store_budget_list(struct db *db, struct arena *a,
                               const char *region, int year,
                               struct budget_row **out, size_t *n,
                               struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT scheme, year, region, amount_fen, set_at"
	    " FROM subsidy_budget WHERE (?1 IS NULL OR region BETWEEN ?1 AND"
	    " ?2) AND (?3 = 0 OR year = ?3) ORDER BY year, scheme, region",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, year);
	return db_collect(db, a, st, sizeof(**out), read_budget, (void **)out,
	                  n, "budgets", err);
}

int approval_store_spent(struct db *db, const char *scheme, int year,
                         const char *region, int64_t *fen, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT coalesce(sum(amount_fen), 0) FROM ledger"
	               " WHERE scheme = ?1 AND substr(period, 1, 4) = ?2"
	               " AND (?3 IS NULL OR region BETWEEN ?3 AND ?4)",
	               err);
	char y[8];
	int rc;

	if (!st)
		return -1;
	snprintf(y, sizeof(y), "%04d", year);
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, y);
	db_bind_opt_subtree(st, 3, 4, region);
	rc = db_step(st);
	*fen = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "spent");
}

static void read_review(struct arena *a, struct stmt *st, void *elem)
{
	struct app_review *r = elem;

	db_col_copy(r->level, sizeof(r->level), st, 0);
	r->by = db_col_int64(st, 1);
	r->by_name = db_col_text(a, st, 2);
	r->at = db_col_text(a, st, 3);
	r->reason = db_col_text(a, st, 4);
}

int approval_store_app_reviews(struct db *db, struct arena *a,
                               long long application, struct app_review **out,
                               size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT r.level, coalesce(r.reviewed_by, 0), coalesce(c.username,"
	    " ''), r.reviewed_at, r.reason FROM application_review r"
	    " LEFT JOIN account c ON c.id = r.reviewed_by"
	    " WHERE r.application_id = ? ORDER BY r.reviewed_at, r.level DESC",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, application);
	return db_collect(db, a, st, sizeof(**out), read_review, (void **)out,
	                  n, "reviews", err);
}

int approval_store_app_review_add(struct db *db, long long application,
                                  const char *level, long long by,
                                  const char *now, const char *reason,
                                  struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO application_review (application_id, level,"
	    " reviewed_by, reviewed_at, reason) VALUES (?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, application);
	db_bind_text(st, 2, level);
	bind_opt_id(st, 3, by);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, reason);
	rc = db_step(st);
	db_finish(db, st);
	if (rc == DB_DONE)
		return 0;
	return db_fail(db, err, "review");
}
