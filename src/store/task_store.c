#include "store/task_store.h"

#include "store/db_internal.h"

#include <string.h>

static int step_done(struct db *db, struct stmt *st, const char *what,
                     struct lx_error *err)
{
	int rc = db_step(st);

	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, what);
}

int task_store_plan_add(struct db *db, struct task_plan_rec *p,
                        const char *created_at, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO plan_doc (region, title, number, issued_on, source,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?)",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, p->region);
	db_bind_text(st, 2, p->title);
	db_bind_text(st, 3, p->number ? p->number : "");
	db_bind_opt_text(st, 4, p->issued_on);
	db_bind_text(st, 5, p->source ? p->source : "");
	db_bind_text(st, 6, created_at);
	if (step_done(db, st, "plan", err))
		return -1;
	p->id = db_last_id(db);
	return 0;
}

#define PLAN_COLUMNS                                                           \
	"SELECT id, region, title, number, issued_on, source FROM plan_doc"

static void read_plan(struct arena *a, struct stmt *st, void *elem)
{
	struct task_plan_rec *p = elem;

	p->id = db_col_int64(st, 0);
	p->region = db_col_text(a, st, 1);
	p->title = db_col_text(a, st, 2);
	p->number = db_col_text(a, st, 3);
	p->issued_on = db_col_text(a, st, 4);
	p->source = db_col_text(a, st, 5);
}

int task_store_plan_get(struct db *db, struct arena *a, long long id,
                        struct task_plan_rec *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, PLAN_COLUMNS " WHERE id = ?", err);
	struct task_plan_rec *rs;
	size_t n;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*rs), read_plan, (void **)&rs, &n,
	               "plan", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id", "no plan %lld", id);
	*out = rs[0];
	return 0;
}

int task_store_plan_list(struct db *db, struct arena *a, const char *region,
                         struct task_plan_rec **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    PLAN_COLUMNS " WHERE (?1 IS NULL OR region BETWEEN ?1 AND ?2)"
	                 " ORDER BY region, issued_on, id",
	    err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	return db_collect(db, a, st, sizeof(**out), read_plan, (void **)out, n,
	                  "plan", err);
}

int task_store_dept_add(struct db *db, struct task_dept_rec *d,
                        struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "INSERT INTO department (region, name, kind) VALUES (?, ?, ?)",
	    err);

	if (!st)
		return -1;
	db_bind_text(st, 1, d->region);
	db_bind_text(st, 2, d->name);
	db_bind_text(st, 3, d->kind ? d->kind : "department");
	if (step_done(db, st, "department", err))
		return -1;
	d->id = db_last_id(db);
	return 0;
}

static void read_dept(struct arena *a, struct stmt *st, void *elem)
{
	struct task_dept_rec *d = elem;

	d->id = db_col_int64(st, 0);
	d->region = db_col_text(a, st, 1);
	d->name = db_col_text(a, st, 2);
	d->kind = db_col_text(a, st, 3);
}

int task_store_dept_get(struct db *db, struct arena *a, long long id,
                        struct task_dept_rec *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT id, region, name, kind FROM department WHERE id = ?",
	    err);
	struct task_dept_rec *rs;
	size_t n;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_collect(db, a, st, sizeof(*rs), read_dept, (void **)&rs, &n,
	               "department", err))
		return -1;
	if (!n)
		return lx_fail(err, LX_ENOTFOUND, "id", "no department %lld",
		               id);
	*out = rs[0];
	return 0;
}

int task_store_dept_list(struct db *db, struct arena *a, const char *region,
                         struct task_dept_rec **out, size_t *n,
                         struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT id, region, name, kind FROM department"
	               " WHERE (?1 IS NULL OR region BETWEEN ?1 AND ?2)"
	               " ORDER BY region, id",
	               err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region);
	return db_collect(db, a, st, sizeof(**out), read_dept, (void **)out, n,
	                  "department", err);
}

int task_store_alias_add(struct db *db, const char *region, const char *alias,
                         long long department_id, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "INSERT INTO department_alias (region,"
	                             " alias, department_id) VALUES (?, ?, ?)",
	                             err);

	if (!st)
		return -1;
	db_bind_text(st, 1, region);
	db_bind_text(st, 2, alias);
	db_bind_int64(st, 3, department_id);
	return step_done(db, st, "alias", err);
}

static void read_alias(struct arena *a, struct stmt *st, void *elem)
{
	struct task_alias_rec *r = elem;

	r->department_id = db_col_int64(st, 0);
	r->alias = db_col_text(a, st, 1);
}

int task_store_alias_list(struct db *db, struct arena *a, const char *region,
                          struct task_alias_rec **out, size_t *n,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT department_id, alias FROM"
	                             " department_alias WHERE region = ?"
	                             " ORDER BY department_id, alias",
	                             err);

	if (!st)
		return -1;
	db_bind_text(st, 1, region);
	return db_collect(db, a, st, sizeof(**out), read_alias, (void **)out, n,
	                  "alias", err);
}

int task_store_task_add(struct db *db, struct task_rec *t, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO task (plan_id, number, section, text, deadline_year,"
	    " deadline_on, start_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, t->plan_id);
	db_bind_text(st, 2, t->number);
	db_bind_text(st, 3, t->section ? t->section : "");
	db_bind_text(st, 4, t->text);
	if (t->deadline_year > 0)
		db_bind_int64(st, 5, t->deadline_year);
	else
		db_bind_null(st, 5);
	db_bind_opt_text(st, 6, t->deadline_on);
	db_bind_opt_text(st, 7, t->start_on);
	if (step_done(db, st, "task", err))
		return -1;
	t->id = db_last_id(db);
	return 0;
}

int task_store_task_dept_add(struct db *db, long long task_id,
                             long long department_id, const char *role,
                             int position, struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "INSERT INTO task_department (task_id,"
	                             " department_id, role, position)"
	                             " VALUES (?, ?, ?, ?)",
	                             err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, task_id);
	db_bind_int64(st, 2, department_id);
	db_bind_text(st, 3, role);
	db_bind_int64(st, 4, position);
	return step_done(db, st, "task department", err);
}

int task_store_target_add(struct db *db, const struct task_target_rec *t,
                          struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO task_target (task_id, label, value, unit, year,"
	    " comparator, indicator_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, t->task_id);
	db_bind_text(st, 2, t->label ? t->label : "");
	db_bind_opt_text(st, 3, t->value);
	db_bind_text(st, 4, t->unit ? t->unit : "");
	if (t->year > 0)
		db_bind_int64(st, 5, t->year);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, t->comparator ? t->comparator : ">=");
	db_bind_opt_text(st, 7, t->indicator_id);
	return step_done(db, st, "target", err);
}

static void read_task(struct arena *a, struct stmt *st, void *elem)
{
	struct task_rec *t = elem;

	t->id = db_col_int64(st, 0);
	t->plan_id = db_col_int64(st, 1);
	t->number = db_col_text(a, st, 2);
	t->section = db_col_text(a, st, 3);
	t->text = db_col_text(a, st, 4);
	t->deadline_year = db_col_null(st, 5) ? 0 : db_col_int(st, 5);
	t->deadline_on = db_col_text(a, st, 6);
	t->start_on = db_col_text(a, st, 7);
}

int task_store_tasks(struct db *db, struct arena *a, long long plan_id,
                     struct task_rec **out, size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT id, plan_id, number, section, text, deadline_year,"
	    " deadline_on, start_on FROM task WHERE plan_id = ? ORDER BY id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, plan_id);
	return db_collect(db, a, st, sizeof(**out), read_task, (void **)out, n,
	                  "task", err);
}

static void read_role(struct arena *a, struct stmt *st, void *elem)
{
	struct task_role_rec *r = elem;

	r->task_id = db_col_int64(st, 0);
	r->department_id = db_col_int64(st, 1);
	r->name = db_col_text(a, st, 2);
	r->role = db_col_text(a, st, 3);
	r->plan_id = db_col_int64(st, 4);
	r->number = db_col_text(a, st, 5);
	r->text = db_col_text(a, st, 6);
	r->plan_title = db_col_text(a, st, 7);
}

#define ROLE_COLUMNS                                                           \
	"SELECT td.task_id, td.department_id, d.name, td.role, t.plan_id,"     \
	" t.number, t.text, p.title FROM task_department td"                   \
	" JOIN department d ON d.id = td.department_id"                        \
	" JOIN task t ON t.id = td.task_id"                                    \
	" JOIN plan_doc p ON p.id = t.plan_id"

int task_store_task_roles(struct db *db, struct arena *a, long long plan_id,
                          struct task_role_rec **out, size_t *n,
                          struct lx_error *err)
{
	/* in the order the cell names them (position) */
	struct stmt *st =
	    db_prepare(db,
	               ROLE_COLUMNS " WHERE t.plan_id = ? ORDER BY td.task_id,"
	                            " td.position, d.id",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, plan_id);
	return db_collect(db, a, st, sizeof(**out), read_role, (void **)out, n,
	                  "task department", err);
}

static void read_target(struct arena *a, struct stmt *st, void *elem)
{
	struct task_target_rec *t = elem;

	t->task_id = db_col_int64(st, 0);
	t->label = db_col_text(a, st, 1);
	t->value = db_col_text(a, st, 2);
	t->unit = db_col_text(a, st, 3);
	t->year = db_col_null(st, 4) ? 0 : db_col_int(st, 4);
	t->comparator = db_col_text(a, st, 5);
	t->indicator_id = db_col_text(a, st, 6);
}

int task_store_targets(struct db *db, struct arena *a, long long plan_id,
                       struct task_target_rec **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "SELECT g.task_id, g.label, g.value, g.unit, g.year, g.comparator,"
	    " g.indicator_id FROM task_target g JOIN task t ON t.id = g.task_id"
	    " WHERE t.plan_id = ? ORDER BY g.task_id, g.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, plan_id);
	return db_collect(db, a, st, sizeof(**out), read_target, (void **)out,
	                  n, "target", err);
}

int task_store_dept_roles(struct db *db, struct arena *a,
                          long long department_id, struct task_role_rec **out,
                          size_t *n, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    ROLE_COLUMNS " WHERE td.department_id = ? ORDER BY t.plan_id, t.id",
	    err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, department_id);
	return db_collect(db, a, st, sizeof(**out), read_role, (void **)out, n,
	                  "task department", err);
}
