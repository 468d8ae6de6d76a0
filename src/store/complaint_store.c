#include "store/complaint_store.h"

#include "store/db_internal.h"

#include <string.h>

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

static int add_step(struct db *db, long long id, long long version,
                    const char *step, const char *note, long long by,
                    const char *at, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO complaint_step (complaint_id, version, step, note,"
	    " account_id, at) VALUES (?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, version);
	db_bind_text(st, 3, step);
	db_bind_text(st, 4, note ? note : "");
	bind_opt_id(st, 5, by);
	db_bind_text(st, 6, at);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "complaint step");
}

int complaint_store_add(struct db *db, struct complaint_row *c, size_t hash_len,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO complaint (channel, facility_id, region, category,"
	    " serious, summary, complainant, phone_hash, phone_sealed,"
	    " received_on, assignee, deadline, status, version, filed_by,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?,"
	    " 'received', 1, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, c->channel);
	bind_opt_id(st, 2, c->facility_id);
	db_bind_text(st, 3, c->region);
	db_bind_text(st, 4, c->category);
	db_bind_int64(st, 5, c->serious);
	db_bind_text(st, 6, c->summary);
	db_bind_text(st, 7, c->complainant ? c->complainant : "");
	if (c->phone_sealed) {
		db_bind_blob(st, 8, c->phone_hash, hash_len);
		db_bind_blob(st, 9, c->phone_sealed, c->phone_sealed_len);
	} else {
		db_bind_null(st, 8);
		db_bind_null(st, 9);
	}
	db_bind_text(st, 10, c->received_on);
	db_bind_text(st, 11, c->deadline);
	bind_opt_id(st, 12, c->filed_by);
	db_bind_text(st, 13, c->created_at);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "complaint");
	c->id = db_last_id(db);
	c->version = 1;
	strcpy(c->status, "received");
	return add_step(db, c->id, 1, "received", c->summary, c->filed_by,
	                c->created_at, err);
}

#define COMPLAINT_COLS                                                         \
	"c.id, c.channel, coalesce(c.facility_id, 0), c.region, c.category,"   \
	" c.serious, c.summary, c.complainant, c.phone_hash, c.phone_sealed,"  \
	" c.received_on, c.assignee, coalesce(c.deadline, ''), c.status,"      \
	" coalesce(c.answered_on, ''), coalesce(c.called_back_on, ''),"        \
	" coalesce(c.satisfaction, 0), coalesce(c.hazard_id, 0), c.version,"   \
	" coalesce(c.filed_by, 0), c.created_at, c.answer,"                    \
	" coalesce(c.closed_on, ''), c.reopened, coalesce(c.on_time, -1),"     \
	" coalesce(f.name, ''), coalesce(g.name, ''),"                         \
	" coalesce(a.display_name, ''), coalesce(a.role, '')"
#define COMPLAINT_FROM                                                         \
	" FROM complaint c LEFT JOIN facility f ON f.id = c.facility_id"       \
	" LEFT JOIN region g ON g.code = c.region"                             \
	" LEFT JOIN account a ON a.id = c.filed_by"

static const unsigned char *blob_copy(struct arena *a, struct stmt *st, int i,
                                      size_t *len)
{
	const void *p = db_col_blob(st, i);
	int n = db_col_bytes(st, i);
	unsigned char *b;

	*len = 0;
	if (!p || n <= 0)
		return NULL;
	b = arena_alloc(a, (size_t)n);
	memcpy(b, p, (size_t)n);
	*len = (size_t)n;
	return b;
}

static void read_complaint(struct arena *a, struct stmt *st, void *elem)
{
	struct complaint_row *c = elem;
	size_t hl;

	memset(c, 0, sizeof(*c));
	c->id = db_col_int64(st, 0);
	db_col_copy(c->channel, sizeof(c->channel), st, 1);
	c->facility_id = db_col_int64(st, 2);
	db_col_copy(c->region, sizeof(c->region), st, 3);
	db_col_copy(c->category, sizeof(c->category), st, 4);
	c->serious = db_col_int(st, 5);
	c->summary = db_col_text(a, st, 6);
	c->complainant = db_col_text(a, st, 7);
	c->phone_hash = blob_copy(a, st, 8, &hl);
	c->phone_sealed = blob_copy(a, st, 9, &c->phone_sealed_len);
	db_col_copy(c->received_on, sizeof(c->received_on), st, 10);
	c->assignee = db_col_text(a, st, 11);
	db_col_copy(c->deadline, sizeof(c->deadline), st, 12);
	db_col_copy(c->status, sizeof(c->status), st, 13);
	db_col_copy(c->answered_on, sizeof(c->answered_on), st, 14);
	db_col_copy(c->called_back_on, sizeof(c->called_back_on), st, 15);
	c->satisfaction = db_col_int(st, 16);
	c->hazard_id = db_col_int64(st, 17);
	c->version = db_col_int64(st, 18);
	c->filed_by = db_col_int64(st, 19);
	c->created_at = db_col_text(a, st, 20);
	c->answer = db_col_text(a, st, 21);
	db_col_copy(c->closed_on, sizeof(c->closed_on), st, 22);
	c->reopened = db_col_int(st, 23);
	c->on_time = db_col_int(st, 24);
	c->facility_name = db_col_text(a, st, 25);
	c->region_name = db_col_text(a, st, 26);
	c->filed_by_name = db_col_text(a, st, 27);
	c->filed_by_family =
	    !strcmp(db_col_str(st, 28) ? db_col_str(st, 28) : "", "family");
}

int complaint_store_get(struct db *db, struct arena *a, long long id,
                        struct complaint_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " COMPLAINT_COLS COMPLAINT_FROM " WHERE c.id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_complaint(a, st, out);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, "complaint");
	return lx_fail(err, LX_ENOTFOUND, "id", "no complaint %lld", id);
}

static void read_step(struct arena *a, struct stmt *st, void *elem)
{
	struct complaint_step_row *s = elem;

	s->version = db_col_int64(st, 0);
	db_col_copy(s->step, sizeof(s->step), st, 1);
	s->note = db_col_text(a, st, 2);
	s->account_id = db_col_int64(st, 3);
	s->at = db_col_text(a, st, 4);
	s->by_name = db_col_text(a, st, 5);
}

int complaint_store_steps(struct db *db, struct arena *a, long long id,
                          struct complaint_step_row **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT s.version, s.step, s.note, coalesce(s.account_id, 0),"
	    " s.at, coalesce(nullif(a.display_name, ''), a.username, '')"
	    " FROM complaint_step s LEFT JOIN account a ON a.id = s.account_id"
	    " WHERE s.complaint_id = ? ORDER BY s.version",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	return db_collect(db, a, st, sizeof(**out), read_step, (void **)out, n,
	                  "complaint steps", err);
}

int complaint_store_step(struct db *db, long long id, long long version,
                         const struct complaint_change *ch, const char *step,
                         const char *note, long long by, const char *at,
                         struct lx_error *err)
{
	/* a reopening clears the answer and the call-back: the complaint is
	 * handled again, and the earlier ones stay in the steps */
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE complaint SET status = ?1, version = version + 1,"
	    " assignee = coalesce(?2, assignee),"
	    " deadline = coalesce(?3, deadline),"
	    " answered_on = CASE WHEN ?10 = 1 THEN NULL"
	    "  ELSE coalesce(?4, answered_on) END,"
	    " answer = CASE WHEN ?10 = 1 THEN '' ELSE coalesce(?5, answer) END,"
	    " called_back_on = CASE WHEN ?10 = 1 THEN NULL"
	    "  ELSE coalesce(?6, called_back_on) END,"
	    " closed_on = CASE WHEN ?10 = 1 THEN NULL"
	    "  ELSE coalesce(?7, closed_on) END,"
	    " satisfaction = CASE WHEN ?10 = 1 THEN NULL WHEN ?8 < 0"
	    "  THEN satisfaction ELSE ?8 END,"
	    " on_time = CASE WHEN ?10 = 1 THEN NULL WHEN ?9 = -1 THEN on_time"
	    "  ELSE ?9 END,"
	    " reopened = reopened + ?10"
	    " WHERE id = ?11 AND version = ?12",
	    err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, ch->status);
	db_bind_opt_text(st, 2, ch->assignee);
	db_bind_opt_text(st, 3, ch->deadline);
	db_bind_opt_text(st, 4, ch->answered_on);
	db_bind_opt_text(st, 5, ch->answer);
	db_bind_opt_text(st, 6, ch->called_back_on);
	db_bind_opt_text(st, 7, ch->closed_on);
	db_bind_int64(st, 8, ch->satisfaction);
	db_bind_int64(st, 9, ch->on_time);
	db_bind_int64(st, 10, ch->reopen ? 1 : 0);
	db_bind_int64(st, 11, id);
	db_bind_int64(st, 12, version);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "complaint");
	if (!changed)
		return lx_fail(err, LX_ECONFLICT, "version",
		               "complaint %lld changed since version %lld: "
		               "another step came first",
		               id, version);
	return add_step(db, id, version + 1, step, note, by, at, err);
}

int complaint_store_set_hazard(struct db *db, long long id, long long hazard,
                               struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE complaint SET hazard_id = ? WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, hazard);
	db_bind_int64(st, 2, id);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "complaint");
}

int complaint_store_list(struct db *db, struct arena *a,
                         const struct complaint_query *q,
                         struct complaint_row **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT " COMPLAINT_COLS COMPLAINT_FROM
	               " WHERE (?1 IS NULL OR c.region BETWEEN ?1 AND ?2)"
	               " AND (?3 IS NULL OR c.status = ?3"
	               "  OR (?3 = 'open' AND c.status <> 'closed'))"
	               " AND (?4 IS NULL OR c.received_on >= ?4)"
	               " AND (?5 IS NULL OR c.received_on <= ?5)"
	               " AND (?6 IS NULL OR c.category = ?6)"
	               " AND (?7 = 0 OR c.facility_id = ?7)"
	               " AND (?8 = 0 OR c.filed_by = ?8)"
	               " ORDER BY c.received_on DESC, c.id DESC",
	               err);
	struct complaint_row *v;
	size_t m, k = 0;

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2,
	                    q->region && *q->region ? q->region : NULL);
	db_bind_opt_text(st, 3, q->status);
	db_bind_opt_text(st, 4, q->from);
	db_bind_opt_text(st, 5, q->to);
	db_bind_opt_text(st, 6, q->category);
	db_bind_int64(st, 7, q->facility_id);
	db_bind_int64(st, 8, q->filed_by);
	if (db_collect(db, a, st, sizeof(*v), read_complaint, (void **)&v, &m,
	               "complaints", err))
		return -1;
	/* an operator's facilities are few: filtered here, not in SQL */
	for (size_t i = 0; i < m; i++) {
		int keep = !q->facilities;

		for (size_t j = 0; !keep && j < q->nfacilities; j++)
			keep = q->facilities[j] == v[i].facility_id;
		if (keep)
			v[k++] = v[i];
	}
	*out = v;
	*n = k;
	return 0;
}

static void read_public(struct arena *a, struct stmt *st, void *elem)
{
	struct complaint_public_row *r = elem;

	memset(r, 0, sizeof(*r));
	r->facility_id = db_col_int64(st, 0);
	r->facility_name = db_col_text(a, st, 1);
	db_col_copy(r->region, sizeof(r->region), st, 2);
	r->received = (long)db_col_int64(st, 3);
	r->answered = (long)db_col_int64(st, 4);
	r->on_time = (long)db_col_int64(st, 5);
	r->closed = (long)db_col_int64(st, 6);
	r->called_back = (long)db_col_int64(st, 7);
	for (int l = 1; l <= 5; l++)
		r->by_level[l] = (long)db_col_int64(st, 7 + l);
}

int complaint_store_public_stats(struct db *db, struct arena *a,
                                 const char *region, const char *from,
                                 const char *to,
                                 struct complaint_public_row **out, size_t *n,
                                 struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT f.id, f.name, f.region, count(*),"
	    " sum(CASE WHEN c.answered_on IS NOT NULL THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.on_time = 1 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.satisfaction IS NOT NULL THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.satisfaction = 1 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.satisfaction = 2 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.satisfaction = 3 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.satisfaction = 4 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN c.satisfaction = 5 THEN 1 ELSE 0 END)"
	    " FROM complaint c JOIN facility f ON f.id = c.facility_id"
	    " WHERE (?1 IS NULL OR c.region BETWEEN ?1 AND ?2)"
	    " AND (?3 IS NULL OR c.received_on >= ?3)"
	    " AND (?4 IS NULL OR c.received_on <= ?4)"
	    " GROUP BY f.id, f.name, f.region ORDER BY f.id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region && *region ? region : NULL);
	db_bind_opt_text(st, 3, from);
	db_bind_opt_text(st, 4, to);
	return db_collect(db, a, st, sizeof(**out), read_public, (void **)out,
	                  n, "complaint statistics", err);
}
