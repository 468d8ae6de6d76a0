#include "store/review_store.h"

#include "store/db_internal.h"

#include <string.h>

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

int review_store_add(struct db *db, struct review_row *r, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO review (target_kind, facility_id, matter, region,"
	    " rating, comment, status, account_id, reviewed_on, created_at,"
	    " target, application_id) VALUES (?, ?, ?, ?, ?, ?, 'shown', ?,"
	    " ?, ?, ?, ?) ON CONFLICT DO NOTHING",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, r->target_kind);
	bind_opt_id(st, 2, r->facility_id);
	db_bind_text(st, 3, r->matter ? r->matter : "");
	db_bind_text(st, 4, r->region);
	db_bind_int64(st, 5, r->rating);
	db_bind_text(st, 6, r->comment ? r->comment : "");
	db_bind_int64(st, 7, r->account_id);
	db_bind_text(st, 8, r->reviewed_on);
	db_bind_text(st, 9, r->created_at);
	db_bind_text(st, 10, r->target);
	bind_opt_id(st, 11, r->application_id);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "review");
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "target",
		               "you have already reviewed this");
	r->id = db_last_id(db);
	r->version = 1;
	strcpy(r->status, "shown");
	return 0;
}

#define REVIEW_COLS                                                            \
	"r.id, r.target_kind, coalesce(r.facility_id, 0), r.matter,"           \
	" r.region, r.rating, r.comment, r.status, r.appeal,"                  \
	" coalesce(r.account_id, 0), r.reviewed_on, r.created_at, r.target,"   \
	" coalesce(r.application_id, 0), r.decision, r.version,"               \
	" coalesce(f.name, ''),"                                               \
	" coalesce(nullif(a.display_name, ''), a.username, '')"
#define REVIEW_FROM                                                            \
	" FROM review r LEFT JOIN facility f ON f.id = r.facility_id"          \
	" LEFT JOIN account a ON a.id = r.account_id"

static void read_review(struct arena *a, struct stmt *st, void *elem)
{
	struct review_row *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(st, 0);
	db_col_copy(r->target_kind, sizeof(r->target_kind), st, 1);
	r->facility_id = db_col_int64(st, 2);
	r->matter = db_col_text(a, st, 3);
	db_col_copy(r->region, sizeof(r->region), st, 4);
	r->rating = db_col_int(st, 5);
	r->comment = db_col_text(a, st, 6);
	db_col_copy(r->status, sizeof(r->status), st, 7);
	r->appeal = db_col_text(a, st, 8);
	r->account_id = db_col_int64(st, 9);
	db_col_copy(r->reviewed_on, sizeof(r->reviewed_on), st, 10);
	r->created_at = db_col_text(a, st, 11);
	r->target = db_col_text(a, st, 12);
	r->application_id = db_col_int64(st, 13);
	r->decision = db_col_text(a, st, 14);
	r->version = db_col_int64(st, 15);
	r->facility_name = db_col_text(a, st, 16);
	r->account_name = db_col_text(a, st, 17);
}

int review_store_get(struct db *db, struct arena *a, long long id,
                     struct review_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " REVIEW_COLS REVIEW_FROM " WHERE r.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_review(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "review");
	return lx_fail(err, LX_ENOTFOUND, "id", "no review %lld", id);
}

int review_store_list(struct db *db, struct arena *a,
                      const struct review_query *q, struct review_row **out,
                      size_t *n, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " REVIEW_COLS REVIEW_FROM
	               " WHERE (?1 IS NULL OR r.region BETWEEN ?1 AND ?2)"
	               " AND (?3 IS NULL OR r.status = ?3)"
	               " AND (?4 IS NULL OR r.reviewed_on >= ?4)"
	               " AND (?5 IS NULL OR r.reviewed_on <= ?5)"
	               " AND (?6 = 0 OR r.facility_id = ?6)"
	               " AND (?7 = 0 OR r.account_id = ?7)"
	               " ORDER BY r.reviewed_on DESC, r.id DESC",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2,
	                    q->region && *q->region ? q->region : NULL);
	db_bind_opt_text(st, 3, q->status);
	db_bind_opt_text(st, 4, q->from);
	db_bind_opt_text(st, 5, q->to);
	db_bind_int64(st, 6, q->facility_id);
	db_bind_int64(st, 7, q->account_id);
	return db_collect(db, a, st, sizeof(**out), read_review, (void **)out,
	                  n, "reviews", err);
}

int review_store_move(struct db *db, long long id, long long version,
                      const char *from, const char *to, const char *text,
                      long long by, struct lx_error *err)
{
	int appeal = !strcmp(from, "shown");
	struct stmt *st = db_prepare(
	    db,
	    appeal ? "UPDATE review SET status = ?1, appeal = ?2,"
	             " appealed_by = ?3, version = version + 1"
	             " WHERE id = ?4 AND version = ?5 AND status = ?6"
	           : "UPDATE review SET status = ?1, decision = ?2,"
	             " decided_by = ?3, version = version + 1"
	             " WHERE id = ?4 AND version = ?5 AND status = ?6",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, text ? text : "");
	bind_opt_id(st, 3, by);
	db_bind_int64(st, 4, id);
	db_bind_int64(st, 5, version);
	db_bind_text(st, 6, from);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "review");
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "version",
		               "review %lld is no longer '%s' at version %lld",
		               id, from, version);
	return 0;
}

static int one_count(struct db *db, struct stmt *st, long long *out,
                     struct lx_error *err)
{
	int rc = db_step(st);

	if (rc == DB_ROW)
		*out = db_col_int64(st, 0);
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "review");
}

int review_store_used_facility(struct db *db, long long account,
                               long long facility, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT count(*) FROM service_link l WHERE l.account_id = ?1"
	    " AND (EXISTS (SELECT 1 FROM person p WHERE p.id = l.person_id"
	    "  AND p.facility_id = ?2)"
	    " OR EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id ="
	    "  l.person_id AND e.facility_id = ?2)"
	    " OR EXISTS (SELECT 1 FROM closure_member m JOIN closure_case k"
	    "  ON k.id = m.case_id WHERE m.person_id = l.person_id"
	    "  AND k.facility_id = ?2))",
	    err);
	long long n = 0;

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, facility);
	if (one_count(db, st, &n, err))
		return -1;
	return n > 0;
}

int review_store_application(struct db *db, struct arena *a, long long id,
                             long long account, int *decided, char region[13],
                             char **scheme, struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT x.status, p.region, x.scheme FROM application x"
	               " JOIN person p ON p.id = x.person_id"
	               " WHERE x.id = ? AND x.applicant = ?",
	               err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, account);
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_col_str(st, 0);

		*decided = s && strcmp(s, "submitted");
		db_col_copy(region, 13, st, 1);
		*scheme = db_col_text(a, st, 2);
	}
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "application");
	return lx_fail(err, LX_ENOTFOUND, "application_id",
	               "no application %lld of yours", id);
}

int review_store_average(struct db *db, long long facility,
                         struct review_average *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT (SELECT count(*) FROM review WHERE facility_id = ?1"
	    "  AND target_kind = 'facility' AND status <> 'hidden'),"
	    " (SELECT coalesce(sum(rating), 0) FROM review WHERE"
	    "  facility_id = ?1 AND target_kind = 'facility'"
	    "  AND status <> 'hidden'),"
	    " (SELECT count(*) FROM service_order WHERE facility_id = ?1"
	    "  AND rating IS NOT NULL),"
	    " (SELECT coalesce(sum(rating), 0) FROM service_order WHERE"
	    "  facility_id = ?1 AND rating IS NOT NULL)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->reviews = (long)db_col_int64(st, 0);
		out->review_sum = (long)db_col_int64(st, 1);
		out->orders = (long)db_col_int64(st, 2);
		out->order_sum = (long)db_col_int64(st, 3);
	}
	db_finish(db, st);
	return rc == DB_ROW ? 0 : db_fail(db, err, "review average");
}

static void read_choice(struct arena *a, struct stmt *st, void *elem)
{
	struct review_choice *c = elem;

	c->id = db_col_int64(st, 0);
	c->name = db_col_text(a, st, 1);
	db_col_copy(c->region, sizeof(c->region), st, 2);
}

int review_store_choices(struct db *db, struct arena *a, long long account,
                         struct review_choice **facilities, size_t *nf,
                         struct review_choice **applications, size_t *na,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT f.id, f.name, f.region FROM facility f WHERE EXISTS"
	    " (SELECT 1 FROM service_link l WHERE l.account_id = ?1 AND"
	    "  (EXISTS (SELECT 1 FROM person p WHERE p.id = l.person_id"
	    "   AND p.facility_id = f.id)"
	    "  OR EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id ="
	    "   l.person_id AND e.facility_id = f.id)"
	    "  OR EXISTS (SELECT 1 FROM closure_member m JOIN closure_case k"
	    "   ON k.id = m.case_id WHERE m.person_id = l.person_id"
	    "   AND k.facility_id = f.id)))"
	    " ORDER BY f.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	if (db_collect(db, a, st, sizeof(**facilities), read_choice,
	               (void **)facilities, nf, "review choices", err))
		return -1;
	st = db_prepare(db,
	                "SELECT x.id, x.scheme, p.region FROM application x"
	                " JOIN person p ON p.id = x.person_id"
	                " WHERE x.applicant = ? AND x.status <> 'submitted'"
	                " ORDER BY x.id",
	                err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	return db_collect(db, a, st, sizeof(**applications), read_choice,
	                  (void **)applications, na, "review choices", err);
}
