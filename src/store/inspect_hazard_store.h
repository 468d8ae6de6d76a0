/*
 * Hazards and their steps (tables hazard, hazard_step). Each step is a
 * conditional UPDATE on the version the caller read, so two steps cannot
 * both pass; an escalation is conditional on the level it raises from, so
 * it is recorded once even when two readers escalate lazily together. One
 * hazard per failed checklist item of a check is the unique index
 * hazard_check_item.
 */
#ifndef LX_STORE_INSPECT_HAZARD_STORE_H
#define LX_STORE_INSPECT_HAZARD_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct hazard_row {
	long long id, check_id, facility_id, version, found_by;
	long long hold_id; /* the subsidy hold a stopping hazard placed */
	char *domain, *item, *description, *responsible, *rectification;
	char severity[10], status[10], escalated_to[8];
	char found_on[11], deadline[11], ordered_on[11], rectified_on[11];
	char escalated_on[11], closed_on[11];
	int stops_admission;
	char created_at[21];
	/* read only */
	char *facility_name, *region_name;
	char region[13];
};

struct hazard_step_row {
	long long id;
	char at[21], kind[20], on_day[11], deadline[11];
	char *note, *by_name;
};

/* Inserts h in its status (h->id set). *added 0 when the check already
 * has a hazard for the item (nothing inserted). */
int hazard_store_add(struct db *db, struct hazard_row *h, int *added,
                     struct lx_error *err);

/* The hazard id (strings arena-owned); LX_ENOTFOUND when there is none. */
int hazard_store_get(struct db *db, struct arena *a, long long id,
                     struct hazard_row *out, struct lx_error *err);

/* Writes h's status, deadline, step fields and version + 1 where the
 * stored version is still h->version: LX_ECONFLICT naming "version" when
 * another step came first. */
int hazard_store_move(struct db *db, const struct hazard_row *h,
                      struct lx_error *err);

/* Raises the escalation level from `from` to `to` on day; *done 0 when
 * someone else already did. */
int hazard_store_escalate(struct db *db, long long id, const char *from,
                          const char *to, const char *day, int *done,
                          struct lx_error *err);

/* Records the subsidy hold the hazard placed. */
int hazard_store_set_hold(struct db *db, long long id, long long hold,
                          struct lx_error *err);

/* Appends a step. */
int hazard_store_step(struct db *db, long long hazard, const char *kind,
                      const char *note, const char *on_day,
                      const char *deadline, long long by, const char *at,
                      struct lx_error *err);

/* A hazard's steps in order. Arena-owned. */
int hazard_store_steps(struct db *db, struct arena *a, long long hazard,
                       struct hazard_step_row **out, size_t *n,
                       struct lx_error *err);

/* Hazards of the subtree of region (NULL: any), of facility (0: any), of
 * check (0: any), in status (NULL: any; "open": not closed), newest first.
 * Arena-owned. */
int hazard_store_list(struct db *db, struct arena *a, const char *region,
                      long long facility, long long check, const char *status,
                      struct hazard_row **out, size_t *n, struct lx_error *err);

/* The oldest open hazard of facility that stops admissions: *id 0 when
 * there is none; else its id and description (arena-owned). */
int hazard_store_stopping(struct db *db, struct arena *a, long long facility,
                          long long *id, char **description,
                          struct lx_error *err);

/* The facilities, among all, with an open hazard that stops admissions.
 * Arena-owned. */
int hazard_store_stopped_facilities(struct db *db, struct arena *a,
                                    long long **ids, size_t *n,
                                    struct lx_error *err);

#endif
