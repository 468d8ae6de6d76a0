#include "store/project_store.h"

#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static void bind_opt_int(struct stmt *st, int i, long long v)
{
	if (v)
		db_bind_int64(st, i, v);
	else
		db_bind_null(st, i);
}

int project_store_insert(struct db *db, struct project_row *p, const char *now,
                         struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO project (plan_id, number, name, type, region, place,"
	    " start_year, end_year, duration_years, investment_fen,"
	    " implementer, department_id, beds, nursing_beds, slots,"
	    " floor_area, content, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	bind_opt_int(st, 1, p->plan_id);
	db_bind_text(st, 2, p->number ? p->number : "");
	db_bind_text(st, 3, p->name);
	db_bind_text(st, 4, p->type);
	db_bind_text(st, 5, p->region);
	db_bind_text(st, 6, p->place ? p->place : "");
	bind_opt_int(st, 7, p->start_year);
	bind_opt_int(st, 8, p->end_year);
	bind_opt_int(st, 9, p->duration_years);
	if (p->has_investment)
		db_bind_int64(st, 10, p->investment_fen);
	else
		db_bind_null(st, 10);
	db_bind_text(st, 11, p->implementer ? p->implementer : "");
	bind_opt_int(st, 12, p->department_id);
	db_bind_int64(st, 13, p->beds);
	db_bind_int64(st, 14, p->nursing_beds);
	db_bind_int64(st, 15, p->slots);
	db_bind_opt_text(
	    st, 16, p->floor_area && *p->floor_area ? p->floor_area : NULL);
	db_bind_text(st, 17, p->content ? p->content : "");
	db_bind_text(st, 18, now);
	rc = db_step(st);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "project");
	p->id = db_last_id(db);
	p->version = 1;
	return 0;
}

#define PROJECT_COLS                                                           \
	"id, coalesce(plan_id, 0), number, name, type, region, place,"         \
	" coalesce(start_year, 0), coalesce(end_year, 0),"                     \
	" coalesce(duration_years, 0), investment_fen IS NOT NULL,"            \
	" coalesce(investment_fen, 0), implementer,"                           \
	" coalesce(department_id, 0), beds, nursing_beds, slots,"              \
	" coalesce(floor_area, ''), content, coalesce(facility_id, 0),"        \
	" coalesce(in_use_on, ''), version, created_at"

static void read_project(struct arena *a, struct stmt *st, void *elem)
{
	struct project_row *p = elem;

	p->id = db_col_int64(st, 0);
	p->plan_id = db_col_int64(st, 1);
	p->number = db_col_text(a, st, 2);
	p->name = db_col_text(a, st, 3);
	p->type = db_col_text(a, st, 4);
	db_col_copy(p->region, sizeof(p->region), st, 5);
	p->place = db_col_text(a, st, 6);
	p->start_year = db_col_int(st, 7);
	p->end_year = db_col_int(st, 8);
	p->duration_years = db_col_int(st, 9);
	p->has_investment = db_col_int(st, 10);
	p->investment_fen = db_col_int64(st, 11);
	p->implementer = db_col_text(a, st, 12);
	p->department_id = db_col_int64(st, 13);
	p->beds = db_col_int64(st, 14);
	p->nursing_beds = db_col_int64(st, 15);
	p->slots = db_col_int64(st, 16);
	p->floor_area = db_col_text(a, st, 17);
	p->content = db_col_text(a, st, 18);
	p->facility_id = db_col_int64(st, 19);
	db_col_copy(p->in_use_on, sizeof(p->in_use_on), st, 20);
	p->version = db_col_int64(st, 21);
	p->created_at = db_col_text(a, st, 22);
}

int project_store_get(struct db *db, struct arena *a, long long id,
                      struct project_row *out, struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db, "SELECT " PROJECT_COLS " FROM project WHERE id = ?", err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		read_project(a, st, out);
	db_finish(db, st);
	return rc == DB_ROW
	           ? 0
	           : lx_fail(err, LX_ENOTFOUND, "id", "no project %lld", id);
}

int project_store_list(struct db *db, struct arena *a, const char *region,
                       long long plan_id, struct project_row **out, size_t *n,
                       struct lx_error *err)
{
	struct stmt *st = db_prepare(db,
	                             "SELECT " PROJECT_COLS " FROM project"
	                             " WHERE (?1 IS NULL OR region BETWEEN ?1"
	                             " AND ?2) AND (?3 = 0 OR plan_id = ?3)"
	                             " ORDER BY region, id",
	                             err);

	if (!st)
		return -1;
	db_bind_opt_subtree(st, 1, 2, region && *region ? region : NULL);
	db_bind_int64(st, 3, plan_id);
	return db_collect(db, a, st, sizeof(**out), read_project, (void **)out,
	                  n, "projects", err);
}

static void read_milestone(struct arena *a, struct stmt *st, void *elem)
{
	struct project_milestone_row *m = elem;

	m->project_id = db_col_int64(st, 0);
	m->stage = db_col_text(a, st, 1);
	db_col_copy(m->planned_on, sizeof(m->planned_on), st, 2);
	db_col_copy(m->actual_on, sizeof(m->actual_on), st, 3);
	m->note = db_col_text(a, st, 4);
}

int project_store_milestones(struct db *db, struct arena *a,
                             long long project_id,
                             struct project_milestone_row **out, size_t *n,
                             struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "SELECT project_id, stage, coalesce(planned_on, ''),"
	               " coalesce(actual_on, ''), note FROM project_milestone"
	               " WHERE project_id = ? ORDER BY stage",
	               err);

	if (!st)
		return -1;
	db_bind_int64(st, 1, project_id);
	return db_collect(db, a, st, sizeof(**out), read_milestone,
	                  (void **)out, n, "milestones", err);
}

int project_store_set_milestone(struct db *db,
                                const struct project_milestone_row *m,
                                struct lx_error *err)
{
	struct stmt *st = db_prepare(
	    db,
	    "INSERT INTO project_milestone (project_id, stage, planned_on,"
	    " actual_on, note) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (project_id, stage) DO UPDATE SET"
	    " planned_on = ?3, actual_on = ?4, note = ?5",
	    err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, m->project_id);
	db_bind_text(st, 2, m->stage);
	db_bind_opt_text(st, 3, *m->planned_on ? m->planned_on : NULL);
	db_bind_opt_text(st, 4, *m->actual_on ? m->actual_on : NULL);
	db_bind_text(st, 5, m->note ? m->note : "");
	rc = db_step(st);
	db_finish(db, st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "milestone");
}

int project_store_mark_in_use(struct db *db, long long id, long long version,
                              const char *on, long long facility_id,
                              struct lx_error *err)
{
	struct stmt *st =
	    db_prepare(db,
	               "UPDATE project SET in_use_on = ?, facility_id = ?,"
	               " version = version + 1"
	               " WHERE id = ? AND version = ? AND in_use_on IS NULL",
	               err);
	int rc;
	long long changed;

	if (!st)
		return -1;
	db_bind_text(st, 1, on);
	db_bind_int64(st, 2, facility_id);
	db_bind_int64(st, 3, id);
	db_bind_int64(st, 4, version);
	rc = db_step(st);
	changed = db_changes(db);
	db_finish(db, st);
	if (rc != DB_DONE)
		return db_fail(db, err, "project");
	return changed ? 0
	               : lx_fail(err, LX_ECONFLICT, "id",
	                         "project %lld is already in use", id);
}

static int region_of(struct db *db, const char *sql, long long id,
                     char region[13], const char *field, struct lx_error *err)
{
	struct stmt *st = db_prepare(db, sql, err);
	int rc;

	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		db_col_copy(region, 13, st, 0);
	db_finish(db, st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(db, err, field);
	return lx_fail(err, LX_EINVALID, field, "no %s %lld", field, id);
}

int project_store_plan_region(struct db *db, long long plan_id, char region[13],
                              struct lx_error *err)
{
	return region_of(db, "SELECT region FROM plan_doc WHERE id = ?",
	                 plan_id, region, "plan_id", err);
}

int project_store_department_region(struct db *db, long long department_id,
                                    char region[13], struct lx_error *err)
{
	return region_of(db, "SELECT region FROM department WHERE id = ?",
	                 department_id, region, "department_id", err);
}
