/*
 * Plan documents, the department directory with aliases, and tasks with
 * their departments and targets (migration 33).
 */
#ifndef LX_STORE_TASK_STORE_H
#define LX_STORE_TASK_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct task_plan_rec {
	long long id;
	char *region, *title, *number, *issued_on, *source;
};

struct task_dept_rec {
	long long id;
	char *region, *name, *kind;
};

struct task_alias_rec {
	long long department_id;
	char *alias;
};

struct task_rec {
	long long id, plan_id;
	char *number, *section, *text, *deadline_on, *start_on;
	int deadline_year; /* 0: none */
};

/* A task's department with its role; plan_* filled by the department
 * view. */
struct task_role_rec {
	long long task_id, department_id, plan_id;
	char *name, *role, *number, *text, *plan_title;
};

struct task_target_rec {
	long long task_id;
	char *label, *value, *unit, *comparator, *indicator_id;
	int year; /* 0: none */
};

int task_store_plan_add(struct db *db, struct task_plan_rec *p,
                        const char *created_at, struct lx_error *err);
int task_store_plan_get(struct db *db, struct arena *a, long long id,
                        struct task_plan_rec *out, struct lx_error *err);
/* Plans of region's subtree (NULL: all), by region, date, id. */
int task_store_plan_list(struct db *db, struct arena *a, const char *region,
                         struct task_plan_rec **out, size_t *n,
                         struct lx_error *err);

/* LX_ECONFLICT when the region has the name already. */
int task_store_dept_add(struct db *db, struct task_dept_rec *d,
                        struct lx_error *err);
int task_store_dept_get(struct db *db, struct arena *a, long long id,
                        struct task_dept_rec *out, struct lx_error *err);
int task_store_dept_list(struct db *db, struct arena *a, const char *region,
                         struct task_dept_rec **out, size_t *n,
                         struct lx_error *err);
/* LX_ECONFLICT when the region has the alias already. */
int task_store_alias_add(struct db *db, const char *region, const char *alias,
                         long long department_id, struct lx_error *err);
/* Aliases of the departments of exactly region. */
int task_store_alias_list(struct db *db, struct arena *a, const char *region,
                          struct task_alias_rec **out, size_t *n,
                          struct lx_error *err);

/* LX_ECONFLICT when the plan has the number already. */
int task_store_task_add(struct db *db, struct task_rec *t,
                        struct lx_error *err);
/* position: where the cell names the department (0 first). */
int task_store_task_dept_add(struct db *db, long long task_id,
                             long long department_id, const char *role,
                             int position, struct lx_error *err);
int task_store_target_add(struct db *db, const struct task_target_rec *t,
                          struct lx_error *err);

/* A plan's tasks in insertion order (id). */
int task_store_tasks(struct db *db, struct arena *a, long long plan_id,
                     struct task_rec **out, size_t *n, struct lx_error *err);
/* The departments of a plan's tasks, by task id, then in insertion
 * order. */
int task_store_task_roles(struct db *db, struct arena *a, long long plan_id,
                          struct task_role_rec **out, size_t *n,
                          struct lx_error *err);
int task_store_targets(struct db *db, struct arena *a, long long plan_id,
                       struct task_target_rec **out, size_t *n,
                       struct lx_error *err);
/* The tasks of one department with its role, by plan and task id. */
int task_store_dept_roles(struct db *db, struct arena *a,
                          long long department_id, struct task_role_rec **out,
                          size_t *n, struct lx_error *err);

#endif
