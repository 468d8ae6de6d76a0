#include "store/inspect_plan_store.h"

#include "store/db_internal.h"

#include <string.h>

static void bind_opt_id(struct stmt *st, int i, long long id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

static int run(struct db *db, struct stmt *st, const char *what,
               struct lx_error *err)
{
	int rc = db_step(st);

	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, what);
}

int inspect_store_inspector_put(struct db *db, long long account,
                                const char *department, const char *region,
                                int active, const char *at,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO inspector (account_id, department, region, active,"
	    " recorded_at) VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (account_id) DO UPDATE SET"
	    " department = excluded.department, region = excluded.region,"
	    " active = excluded.active, recorded_at = excluded.recorded_at",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, department);
	db_bind_text(st, 3, region);
	db_bind_int64(st, 4, active ? 1 : 0);
	db_bind_text(st, 5, at);
	return run(db, st, "inspector", err);
}

#define INSPECTOR_COLUMNS                                                      \
	"SELECT i.account_id, a.username, a.display_name, i.department,"       \
	" i.region, i.active FROM inspector i JOIN account a ON a.id ="        \
	" i.account_id"

static void read_inspector(struct arena *a, struct stmt *st, void *elem)
{
	struct inspect_inspector_row *r = elem;

	r->account_id = db_col_int64(st, 0);
	r->username = db_col_text(a, st, 1);
	r->display_name = db_col_text(a, st, 2);
	r->department = db_col_text(a, st, 3);
	r->region = db_col_text(a, st, 4);
	r->active = db_col_int(st, 5);
}

int inspect_store_inspectors(struct db *db, struct arena *a, const char *region,
                             int active_only,
                             struct inspect_inspector_row **out, size_t *n,
                             struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               INSPECTOR_COLUMNS
	               " WHERE (?1 IS NULL OR i.region BETWEEN ?1 AND ?2)"
	               " AND (?3 = 0 OR (i.active = 1 AND"
	               " a.disabled = 0))"
	               " ORDER BY i.account_id",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, active_only ? 1 : 0);
	return db_collect(db, a, st, sizeof(**out), read_inspector,
	                  (void **)out, n, "inspectors", err);
}

int inspect_store_inspector_get(struct db *db, struct arena *a,
                                long long account,
                                struct inspect_inspector_row *out,
                                struct lx_error *err)
{
	struct inspect_inspector_row *rows;
	size_t n;
	struct stmt *st =
	    db_prepare(db, INSPECTOR_COLUMNS " WHERE i.account_id = ?", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	if (db_collect(db, a, st, sizeof(*rows), read_inspector, (void **)&rows,
	               &n, "inspector", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "account_id",
		               "account %lld is not on the roster of "
		               "inspectors",
		               account);
	*out = rows[0];
	return 0;
}

int inspect_store_tie_add(struct db *db, long long account, long long facility,
                          const char *reason, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO inspector_tie (account_id, facility_id, reason)"
	    " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, facility);
	db_bind_text(st, 3, reason);
	if (run(db, st, "inspector tie", err))
		return -1;
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "facility_id",
		               "the inspector is already tied to facility %lld",
		               facility);
	return 0;
}

int inspect_store_tie_remove(struct db *db, long long account,
                             long long facility, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "DELETE FROM inspector_tie WHERE"
	                             " account_id = ? AND facility_id = ?",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, facility);
	if (run(db, st, "inspector tie", err))
		return -1;
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ENOTFOUND, "facility_id",
		               "the inspector is not tied to facility %lld",
		               facility);
	return 0;
}

static void read_tie(struct arena *a, struct stmt *st, void *elem)
{
	struct inspect_tie_row *r = elem;

	r->account_id = db_col_int64(st, 0);
	r->facility_id = db_col_int64(st, 1);
	r->reason = db_col_text(a, st, 2);
	r->facility_name = db_col_text(a, st, 3);
}

int inspect_store_ties(struct db *db, struct arena *a, const char *region,
                       struct inspect_tie_row **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT t.account_id, t.facility_id, t.reason, f.name"
	    " FROM inspector_tie t JOIN inspector i ON i.account_id ="
	    " t.account_id JOIN facility f ON f.id = t.facility_id"
	    " WHERE (?1 IS NULL OR i.region BETWEEN ?1 AND ?2)"
	    " ORDER BY t.account_id, t.facility_id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	return db_collect(db, a, st, sizeof(**out), read_tie, (void **)out, n,
	                  "inspector ties", err);
}

static void read_target(struct arena *a, struct stmt *st, void *elem)
{
	struct inspect_target_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->name = db_col_text(a, st, 1);
	r->kind = db_col_text(a, st, 2);
	r->region = db_col_text(a, st, 3);
	r->address = db_col_text(a, st, 4);
	r->risk_class = db_col_text(a, st, 5);
	r->checked_in_year = db_col_int(st, 6);
}

int inspect_store_targets(struct db *db, struct arena *a, const char *region,
                          const char *day, const char *year_from,
                          const char *year_to, struct inspect_target_row **out,
                          size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT f.id, f.name, f.kind, f.region, f.address,"
	    " COALESCE(r.risk_class, 'unclassified'),"
	    " CASE WHEN EXISTS (SELECT 1 FROM inspect_check c"
	    "  WHERE c.facility_id = f.id AND c.status <> 'cancelled'"
	    "  AND c.scheduled_on BETWEEN ?4 AND ?5) THEN 1 ELSE 0 END"
	    " FROM facility f LEFT JOIN facility_risk r ON r.facility_id ="
	    " f.id WHERE f.region BETWEEN ?1 AND ?2"
	    " AND f.filing_status = 'filed'"
	    " AND (f.opened_on IS NULL OR f.opened_on <= ?3)"
	    " AND (f.closed_on IS NULL OR f.closed_on > ?3)"
	    " ORDER BY f.id",
	    err);

	if (!st)
		return -1;
	db_bind_subtree(st, 1, 2, region);
	db_bind_text(st, 3, day);
	db_bind_text(st, 4, year_from);
	db_bind_text(st, 5, year_to);
	return db_collect(db, a, st, sizeof(**out), read_target, (void **)out,
	                  n, "inspection targets", err);
}

int inspect_store_risk_set(struct db *db, long long facility,
                           const char *risk_class, long long by, const char *at,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO facility_risk (facility_id, risk_class, set_by,"
	    " set_at) VALUES (?, ?, ?, ?) ON CONFLICT (facility_id) DO UPDATE"
	    " SET risk_class = excluded.risk_class, set_by = excluded.set_by,"
	    " set_at = excluded.set_at",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, facility);
	db_bind_text(st, 2, risk_class);
	bind_opt_id(st, 3, by);
	db_bind_text(st, 4, at);
	return run(db, st, "facility risk class", err);
}

int inspect_store_plan_add(struct db *db, struct inspect_plan_row *p,
                           struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO inspect_plan (region, period, title, seed, algorithm,"
	    " inputs, digest, status, drawn_by, drawn_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, p->region);
	db_bind_text(st, 2, p->period);
	db_bind_text(st, 3, p->title);
	db_bind_text(st, 4, p->seed);
	db_bind_text(st, 5, p->algorithm);
	db_bind_text(st, 6, p->inputs);
	db_bind_text(st, 7, p->digest);
	db_bind_text(st, 8, p->status);
	bind_opt_id(st, 9, p->drawn_by);
	db_bind_text(st, 10, p->drawn_at);
	if (run(db, st, "inspection plan", err))
		return -1;
	p->id = db_last_id(db);
	return 0;
}

#define PLAN_COLUMNS                                                           \
	"SELECT id, region, period, title, seed, algorithm, inputs, digest,"   \
	" status, drawn_by, drawn_at FROM inspect_plan"

static void read_plan(struct arena *a, struct stmt *st, void *elem)
{
	struct inspect_plan_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->region = db_col_text(a, st, 1);
	r->period = db_col_text(a, st, 2);
	r->title = db_col_text(a, st, 3);
	r->seed = db_col_text(a, st, 4);
	r->algorithm = db_col_text(a, st, 5);
	r->inputs = db_col_text(a, st, 6);
	r->digest = db_col_text(a, st, 7);
	r->status = db_col_text(a, st, 8);
	r->drawn_by = db_col_int64(st, 9);
	r->drawn_at = db_col_text(a, st, 10);
}

int inspect_store_plans(struct db *db, struct arena *a, const char *region,
                        struct inspect_plan_row **out, size_t *n,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    PLAN_COLUMNS " WHERE (?1 IS NULL OR region BETWEEN ?1 AND ?2)"
	                 " ORDER BY id DESC",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	return db_collect(db, a, st, sizeof(**out), read_plan, (void **)out, n,
	                  "inspection plans", err);
}

int inspect_store_plan_get(struct db *db, struct arena *a, long long id,
                           struct inspect_plan_row *out, struct lx_error *err)
{
	struct inspect_plan_row *rows;
	size_t n;
	struct stmt *st = db_prepare(db, PLAN_COLUMNS " WHERE id = ?", err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*rows), read_plan, (void **)&rows, &n,
	               "inspection plan", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id",
		               "no inspection plan %lld", id);
	*out = rows[0];
	return 0;
}

int inspect_store_plan_status(struct db *db, long long id, const char *from,
                              const char *to, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "UPDATE inspect_plan SET status = ?"
	                             " WHERE id = ? AND status = ?",
	                             err);

	if (!st)
		return -1;
	db_bind_text(st, 1, to);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, from);
	if (run(db, st, "inspection plan", err))
		return -1;
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "the plan is not '%s'", from);
	return 0;
}

int inspect_store_check_add(struct db *db, struct inspect_check_row *c,
                            long long by, const char *at, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO inspect_check (plan_id, facility_id, kind, items,"
	    " scheduled_on, notice_on, status, note, created_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);

	if (!st)
		return -1;
	bind_opt_id(st, 1, c->plan_id);
	db_bind_int64(st, 2, c->facility_id);
	db_bind_text(st, 3, c->kind);
	db_bind_text(st, 4, c->items);
	db_bind_text(st, 5, c->scheduled_on);
	db_bind_opt_text(st, 6, c->notice_on);
	db_bind_text(st, 7, c->status);
	db_bind_text(st, 8, c->note ? c->note : "");
	bind_opt_id(st, 9, by);
	db_bind_text(st, 10, at);
	if (run(db, st, "inspection check", err))
		return -1;
	c->id = db_last_id(db);
	return 0;
}

int inspect_store_check_inspector_add(struct db *db, long long check,
                                      long long account, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "INSERT INTO inspect_check_inspector"
	                             " (check_id, account_id) VALUES (?, ?)",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, check);
	db_bind_int64(st, 2, account);
	return run(db, st, "check inspector", err);
}

/* the filter as SQL over inspect_check c and facility f, parameters
 * ?1..?6 */
#define CHECK_WHERE                                                            \
	" WHERE (?1 = 0 OR c.plan_id = ?1)"                                    \
	" AND (?2 = 0 OR EXISTS (SELECT 1 FROM inspect_check_inspector x"      \
	"  WHERE x.check_id = c.id AND x.account_id = ?2))"                    \
	" AND (?3 IS NULL OR f.region BETWEEN ?3 AND ?4)"                      \
	" AND (?5 IS NULL OR c.scheduled_on >= ?5)"                            \
	" AND (?6 IS NULL OR c.scheduled_on <= ?6)"

static void bind_filter(struct stmt *st, const struct inspect_check_filter *f)
{
	db_bind_int64(st, 1, f->plan_id);
	db_bind_int64(st, 2, f->account_id);
	db_bind_opt_subtree(st, 3, 4, f->region);
	db_bind_opt_text(st, 5, f->day_from);
	db_bind_opt_text(st, 6, f->day_to);
}

static void read_check(struct arena *a, struct stmt *st, void *elem)
{
	struct inspect_check_row *r = elem;

	r->id = db_col_int64(st, 0);
	r->plan_id = db_col_int64(st, 1);
	r->facility_id = db_col_int64(st, 2);
	r->facility_name = db_col_text(a, st, 3);
	r->address = db_col_text(a, st, 4);
	r->region = db_col_text(a, st, 5);
	r->kind = db_col_text(a, st, 6);
	r->items = db_col_text(a, st, 7);
	r->scheduled_on = db_col_text(a, st, 8);
	r->notice_on = db_col_text(a, st, 9);
	r->status = db_col_text(a, st, 10);
	r->done_on = db_col_text(a, st, 11);
	r->note = db_col_text(a, st, 12);
}

int inspect_store_checks(struct db *db, struct arena *a,
                         const struct inspect_check_filter *f,
                         struct inspect_check_row **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT c.id, c.plan_id, c.facility_id, f.name, f.address,"
	    " f.region, c.kind, c.items, c.scheduled_on, c.notice_on,"
	    " c.status, c.done_on, c.note FROM inspect_check c"
	    " JOIN facility f ON f.id = c.facility_id" CHECK_WHERE
	    " ORDER BY c.scheduled_on, c.id",
	    err);

	if (!st)
		return -1;
	bind_filter(st, f);
	return db_collect(db, a, st, sizeof(**out), read_check, (void **)out, n,
	                  "inspection checks", err);
}

static void read_person(struct arena *a, struct stmt *st, void *elem)
{
	struct inspect_check_person *r = elem;

	r->check_id = db_col_int64(st, 0);
	r->account_id = db_col_int64(st, 1);
	r->display_name = db_col_text(a, st, 2);
	r->department = db_col_text(a, st, 3);
}

int inspect_store_check_people(struct db *db, struct arena *a,
                               const struct inspect_check_filter *f,
                               struct inspect_check_person **out, size_t *n,
                               struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT p.check_id, p.account_id, COALESCE(NULLIF(a.display_name,"
	    " ''), a.username), COALESCE(i.department, '')"
	    " FROM inspect_check_inspector p"
	    " JOIN account a ON a.id = p.account_id"
	    " LEFT JOIN inspector i ON i.account_id = p.account_id"
	    " JOIN inspect_check c ON c.id = p.check_id"
	    " JOIN facility f ON f.id = c.facility_id" CHECK_WHERE
	    " ORDER BY p.check_id, p.account_id",
	    err);

	if (!st)
		return -1;
	bind_filter(st, f);
	return db_collect(db, a, st, sizeof(**out), read_person, (void **)out,
	                  n, "check inspectors", err);
}
