/* Major projects and their milestones (migration 35). */
#ifndef LX_STORE_PROJECT_STORE_H
#define LX_STORE_PROJECT_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* Strings arena-owned ("" when empty); years and ids 0 when unknown;
 * has_investment 0 when the list gave none. */
struct project_row {
	long long id, plan_id, department_id, facility_id;
	char *number, *name, *type, *place, *implementer, *content;
	char *floor_area; /* exact text in m², "" when not known */
	char region[13];
	int start_year, end_year, duration_years;
	int has_investment;
	long long investment_fen;
	long long beds, nursing_beds, slots;
	char in_use_on[11];
	long long version;
	char *created_at;
};

struct project_milestone_row {
	long long project_id;
	char *stage;
	char planned_on[11], actual_on[11];
	char *note;
};

int project_store_insert(struct db *db, struct project_row *p, const char *now,
                         struct lx_error *err);
int project_store_get(struct db *db, struct arena *a, long long id,
                      struct project_row *out, struct lx_error *err);
/* Projects in region's subtree (NULL: all), of plan plan_id (0: any),
 * ordered by region then id. */
int project_store_list(struct db *db, struct arena *a, const char *region,
                       long long plan_id, struct project_row **out, size_t *n,
                       struct lx_error *err);

int project_store_milestones(struct db *db, struct arena *a,
                             long long project_id,
                             struct project_milestone_row **out, size_t *n,
                             struct lx_error *err);
/* Inserts or replaces one stage's dates. */
int project_store_set_milestone(struct db *db,
                                const struct project_milestone_row *m,
                                struct lx_error *err);

/* Marks the project in use on `on` with facility_id, once: a conditional
 * UPDATE on version and in_use_on; LX_ECONFLICT when another call got
 * there first. */
int project_store_mark_in_use(struct db *db, long long id, long long version,
                              const char *on, long long facility_id,
                              struct lx_error *err);

/* The region of a plan document or department (for scope checks), or
 * LX_EINVALID naming field when there is none. */
int project_store_plan_region(struct db *db, long long plan_id, char region[13],
                              struct lx_error *err);
int project_store_department_region(struct db *db, long long department_id,
                                    char region[13], struct lx_error *err);

#endif
