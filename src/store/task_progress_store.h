/*
 * Storage of task progress (DESIGN.md module 10): the tasks of plans with
 * their departments, as the progress views read them, and the reports
 * departments file per task and month (task_report). The plans, tasks and
 * departments themselves are written by the tasks module.
 */
#ifndef LX_STORE_TASK_PROGRESS_STORE_H
#define LX_STORE_TASK_PROGRESS_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct tp_task_row {
	long long id, plan_id;
	char plan_region[13];
	const char *plan_title, *plan_number, *number, *section, *text;
	int deadline_year;    /* 0 when none */
	char deadline_on[11]; /* "" when none */
	char start_on[11];    /* "" when none */
	char plan_issued_on[11];
	char plan_created_on[11];
};

struct tp_task_dept_row {
	long long task_id, department_id;
	const char *name, *role;
	char region[13];
};

struct tp_report_row {
	long long id, task_id, department_id, account_id, version;
	const char *department_name, *text, *percent, *quantity;
	char period[8], reported_on[11];
	char created_at[21], updated_at[21];
};

struct tp_department_row {
	long long id;
	char region[13];
	const char *name, *kind;
};

/* Tasks of plans whose region lies in region's subtree (NULL: all), of
 * plan plan_id (0: all), naming department dept (0: any); by plan, then
 * task id. */
int tp_store_tasks(struct db *db, struct arena *a, const char *region,
                   long long plan_id, long long dept, long long task_id,
                   struct tp_task_row **out, size_t *n, struct lx_error *err);

/* The departments of the same tasks, by task and role. */
int tp_store_task_depts(struct db *db, struct arena *a, const char *region,
                        long long plan_id, long long task_id,
                        struct tp_task_dept_row **out, size_t *n,
                        struct lx_error *err);

/* Reports of the same tasks, by task, period, reported_on, id. */
int tp_store_reports(struct db *db, struct arena *a, const char *region,
                     long long plan_id, long long task_id,
                     struct tp_report_row **out, size_t *n,
                     struct lx_error *err);

/* A department by id; LX_ENOTFOUND naming field when none. */
int tp_store_department(struct db *db, struct arena *a, long long id,
                        const char *field, struct tp_department_row *out,
                        struct lx_error *err);

/* The department an account reports for; *dept 0 when none. */
int tp_store_account_department(struct db *db, long long account_id,
                                long long *dept, struct lx_error *err);

/* Sets (dept > 0) or clears (0) the department of an account. */
int tp_store_account_set_department(struct db *db, long long account_id,
                                    long long dept, struct lx_error *err);

/* Files a report (UNIQUE per task, department and period: LX_ECONFLICT
 * when one exists). Sets r->id and r->version 1. */
int tp_store_report_add(struct db *db, struct tp_report_row *r, const char *now,
                        struct lx_error *err);

/* Corrects the report of r's task, department and period when it was filed
 * by r->account_id and still has version `seen` (one conditional UPDATE);
 * LX_ECONFLICT otherwise. r->version becomes seen + 1. */
int tp_store_report_correct(struct db *db, struct tp_report_row *r,
                            long long seen, const char *now,
                            struct lx_error *err);

#endif
