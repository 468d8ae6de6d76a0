#include "store/task_progress_store.h"

#include "store/db_internal.h"

#include <string.h>

/* the tasks in view: the plan's region in the subtree (?1..?2), the plan
 * (?3), a department named (?4), one task (?5) */
#define TASK_WHERE                                                             \
	" WHERE (?1 IS NULL OR p.region BETWEEN ?1 AND ?2)"                    \
	" AND (?3 = 0 OR t.plan_id = ?3)"                                      \
	" AND (?5 = 0 OR t.id = ?5)"

static void bind_where(struct stmt *st, const char *region, long long plan,
                       long long task)
{
	db_bind_opt_subtree(st, 1, 2, region);
	db_bind_int64(st, 3, plan);
	db_bind_int64(st, 5, task);
}

static void read_task(struct arena *a, struct stmt *st, void *elem)
{
	struct tp_task_row *t = elem;

	memset(t, 0, sizeof(*t));
	t->id = db_col_int64(st, 0);
	t->plan_id = db_col_int64(st, 1);
	db_col_copy(t->plan_region, sizeof(t->plan_region), st, 2);
	t->plan_title = db_col_text(a, st, 3);
	t->plan_number = db_col_text(a, st, 4);
	t->number = db_col_text(a, st, 5);
	t->section = db_col_text(a, st, 6);
	t->text = db_col_text(a, st, 7);
	t->deadline_year = db_col_null(st, 8) ? 0 : db_col_int(st, 8);
	db_col_copy(t->deadline_on, sizeof(t->deadline_on), st, 9);
	db_col_copy(t->start_on, sizeof(t->start_on), st, 10);
	db_col_copy(t->plan_issued_on, sizeof(t->plan_issued_on), st, 11);
	db_col_copy(t->plan_created_on, sizeof(t->plan_created_on), st, 12);
}

int tp_store_tasks(struct db *db, struct arena *a, const char *region,
                   long long plan_id, long long dept, long long task_id,
                   struct tp_task_row **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT t.id, t.plan_id, p.region, p.title, p.number, t.number,"
	    " t.section, t.text, t.deadline_year, t.deadline_on, t.start_on,"
	    " p.issued_on, SUBSTR(p.created_at, 1, 10)"
	    " FROM task t JOIN plan_doc p ON p.id = t.plan_id" TASK_WHERE
	    " AND (?4 = 0 OR EXISTS (SELECT 1 FROM task_department d"
	    "  WHERE d.task_id = t.id AND d.department_id = ?4))"
	    " ORDER BY t.plan_id, t.id",
	    err);

	if (!st)
		return -1;
	bind_where(st, region, plan_id, task_id);
	db_bind_int64(st, 4, dept);
	return db_collect(db, a, st, sizeof(**out), read_task, (void **)out, n,
	                  "tasks", err);
}

static void read_dept(struct arena *a, struct stmt *st, void *elem)
{
	struct tp_task_dept_row *d = elem;

	memset(d, 0, sizeof(*d));
	d->task_id = db_col_int64(st, 0);
	d->department_id = db_col_int64(st, 1);
	d->name = db_col_text(a, st, 2);
	d->role = db_col_text(a, st, 3);
	db_col_copy(d->region, sizeof(d->region), st, 4);
}

int tp_store_task_depts(struct db *db, struct arena *a, const char *region,
                        long long plan_id, long long task_id,
                        struct tp_task_dept_row **out, size_t *n,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT d.task_id, d.department_id, e.name, d.role, e.region"
	    " FROM task_department d JOIN task t ON t.id = d.task_id"
	    " JOIN plan_doc p ON p.id = t.plan_id"
	    " JOIN department e ON e.id = d.department_id" TASK_WHERE
	    " AND ?4 = 0 ORDER BY d.task_id, d.department_id, d.role",
	    err);

	if (!st)
		return -1;
	bind_where(st, region, plan_id, task_id);
	db_bind_int64(st, 4, 0);
	return db_collect(db, a, st, sizeof(**out), read_dept, (void **)out, n,
	                  "task departments", err);
}

static void read_report(struct arena *a, struct stmt *st, void *elem)
{
	struct tp_report_row *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(st, 0);
	r->task_id = db_col_int64(st, 1);
	r->department_id = db_col_int64(st, 2);
	r->department_name = db_col_text(a, st, 3);
	db_col_copy(r->period, sizeof(r->period), st, 4);
	r->text = db_col_text(a, st, 5);
	r->percent = db_col_null(st, 6) ? NULL : db_col_text(a, st, 6);
	r->quantity = db_col_null(st, 7) ? NULL : db_col_text(a, st, 7);
	db_col_copy(r->reported_on, sizeof(r->reported_on), st, 8);
	r->account_id = db_col_null(st, 9) ? 0 : db_col_int64(st, 9);
	r->version = db_col_int64(st, 10);
	db_col_copy(r->created_at, sizeof(r->created_at), st, 11);
	db_col_copy(r->updated_at, sizeof(r->updated_at), st, 12);
}

int tp_store_reports(struct db *db, struct arena *a, const char *region,
                     long long plan_id, long long task_id,
                     struct tp_report_row **out, size_t *n,
                     struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT r.id, r.task_id, r.department_id, e.name, r.period, r.text,"
	    " r.percent, r.quantity, r.reported_on, r.account_id, r.version,"
	    " r.created_at, r.updated_at"
	    " FROM task_report r JOIN task t ON t.id = r.task_id"
	    " JOIN plan_doc p ON p.id = t.plan_id"
	    " JOIN department e ON e.id = r.department_id" TASK_WHERE
	    " AND ?4 = 0 ORDER BY r.task_id, r.period, r.reported_on, r.id",
	    err);

	if (!st)
		return -1;
	bind_where(st, region, plan_id, task_id);
	db_bind_int64(st, 4, 0);
	return db_collect(db, a, st, sizeof(**out), read_report, (void **)out,
	                  n, "task reports", err);
}

static void read_department(struct arena *a, struct stmt *st, void *elem)
{
	struct tp_department_row *d = elem;

	memset(d, 0, sizeof(*d));
	d->id = db_col_int64(st, 0);
	db_col_copy(d->region, sizeof(d->region), st, 1);
	d->name = db_col_text(a, st, 2);
	d->kind = db_col_text(a, st, 3);
}

int tp_store_department(struct db *db, struct arena *a, long long id,
                        const char *field, struct tp_department_row *out,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT id, region, name, kind FROM department WHERE id = ?",
	    err);
	struct tp_department_row *v;
	size_t n;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*v), read_department, (void **)&v, &n,
	               "department", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, field, "no department %lld",
		               id);
	*out = v[0];
	return 0;
}

int tp_store_account_department(struct db *db, long long account_id,
                                long long *dept, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT department_id FROM account WHERE id = ?", err);
	int rc;

	*dept = 0;
	if (!st)
		return -1;
	db_bind_int64(st, 1, account_id);
	rc = db_step(st);
	if (rc == DB_ROW && !db_col_null(st, 0))
		*dept = db_col_int64(st, 0);
	db_finish(db, st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, err, "account department");
	return 0;
}

int tp_store_account_set_department(struct db *db, long long account_id,
                                    long long dept, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "UPDATE account SET department_id = ? WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	if (dept > 0)
		db_bind_int64(st, 1, dept);
	else
		db_bind_null(st, 1);
	db_bind_int64(st, 2, account_id);
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "account department");
}

static void bind_opt(struct stmt *st, int i, const char *s)
{
	if (s)
		db_bind_text(st, i, s);
	else
		db_bind_null(st, i);
}

int tp_store_report_add(struct db *db, struct tp_report_row *r, const char *now,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO task_report (task_id, department_id, period, text,"
	    " percent, quantity, reported_on, account_id, created_at, version)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, r->task_id);
	db_bind_int64(st, 2, r->department_id);
	db_bind_text(st, 3, r->period);
	db_bind_text(st, 4, r->text ? r->text : "");
	bind_opt(st, 5, r->percent);
	bind_opt(st, 6, r->quantity);
	db_bind_text(st, 7, r->reported_on);
	if (r->account_id > 0)
		db_bind_int64(st, 8, r->account_id);
	else
		db_bind_null(st, 8);
	db_bind_text(st, 9, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE) {
		db_fail(db, err, "task report");
		if (err->code == LX_ECONFLICT)
			lx_fail(err, LX_ECONFLICT, "period",
			        "the department has already reported on this "
			        "task for %s",
			        r->period);
		return -1;
	}
	r->id = db_last_id(db);
	r->version = 1;
	return 0;
}

int tp_store_report_correct(struct db *db, struct tp_report_row *r,
                            long long seen, const char *now,
                            struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "UPDATE task_report SET text = ?, percent = ?, quantity = ?,"
	    " reported_on = ?, updated_at = ?, version = version + 1"
	    " WHERE task_id = ? AND department_id = ? AND period = ?"
	    " AND account_id = ? AND version = ?",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, r->text ? r->text : "");
	bind_opt(st, 2, r->percent);
	bind_opt(st, 3, r->quantity);
	db_bind_text(st, 4, r->reported_on);
	db_bind_text(st, 5, now);
	db_bind_int64(st, 6, r->task_id);
	db_bind_int64(st, 7, r->department_id);
	db_bind_text(st, 8, r->period);
	db_bind_int64(st, 9, r->account_id);
	db_bind_int64(st, 10, seen);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "task report");
	if (db_changes(db) != 1)
		return lx_fail(err, LX_ECONFLICT, "version",
		               "the report was changed meanwhile or was filed "
		               "by another account: reload it");
	r->version = seen + 1;
	return 0;
}
