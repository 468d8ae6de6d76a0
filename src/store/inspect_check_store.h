/*
 * Checks as the hazards module records them (tables inspect_check,
 * inspect_check_inspector, inspect_result): reading a check with its
 * facility, whether an account is one of its inspectors, starting and
 * finishing it (conditional UPDATEs on status, so two inspectors cannot
 * both finish it), and each checklist item's result. Creating a check
 * here is for a check no plan drew (a case or special inspection).
 */
#ifndef LX_STORE_INSPECT_CHECK_STORE_H
#define LX_STORE_INSPECT_CHECK_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct icheck_row {
	long long id, plan_id, facility_id;
	char kind[16], status[16];
	char scheduled_on[11], notice_on[11], done_on[11];
	char *items, *note;
	char *facility_name, *facility_kind, *region_name;
	char region[13];
};

struct iresult_row {
	char *item, *outcome, *note;
};

/* The check id with its facility (arena-owned); LX_ENOTFOUND if none. */
int icheck_store_get(struct db *db, struct arena *a, long long id,
                     struct icheck_row *out, struct lx_error *err);

/* Whether account is one of the check's inspectors: 1, 0, or -1. */
int icheck_store_is_inspector(struct db *db, long long check, long long account,
                              struct lx_error *err);

/* The accounts of a check's inspectors with their names. */
int icheck_store_inspectors(struct db *db, struct arena *a, long long check,
                            char ***names, size_t *n, struct lx_error *err);

/* Starts a check (status in_progress) unless it is already started,
 * done or cancelled; finishes a started one (status done, done_on).
 * LX_ECONFLICT naming "status" when the guard fails: another step came
 * first. */
int icheck_store_start(struct db *db, long long id, struct lx_error *err);
int icheck_store_finish(struct db *db, long long id, const char *done_on,
                        struct lx_error *err);

/* Records (or replaces) the result of one item. */
int icheck_store_result_put(struct db *db, long long check, const char *item,
                            const char *outcome, const char *note,
                            struct lx_error *err);

/* The results of a check, by item. Arena-owned. */
int icheck_store_results(struct db *db, struct arena *a, long long check,
                         struct iresult_row **out, size_t *n,
                         struct lx_error *err);

#endif
