/*
 * Closure cases (机构退出) and their members in the database: opening a
 * case (one open case a facility, by the partial UNIQUE index of
 * migration 32), filling its members from the people in the facility,
 * each member's contract end and destination, taking the case once (a
 * conditional UPDATE on its version), and moving each member in the
 * registry when it closes.
 */
#ifndef LX_STORE_CLOSURE_STORE_H
#define LX_STORE_CLOSURE_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct closure_case_row {
	long long id, facility_id, successor_id;
	char *facility_name, *facility_kind, *successor_name; /* read only */
	char region[13];                                      /* facility's */
	char *reason;
	char planned_on[11];
	char status[12];
	char closed_on[11];
	long long version;
	long long opened_by;
	char opened_at[21];
	long long members, unplaced; /* read only */
};

struct closure_member_row {
	long long case_id, person_id;
	char *name;   /* read only, from the registry */
	char kind[8]; /* "elderly" or "infant" */
	char region[13];
	unsigned char *id_sealed; /* arena-owned */
	size_t id_sealed_len;
	char contract_ended_on[11]; /* "" when not yet */
	char destination[16];       /* "" when not yet */
	long long destination_facility_id;
	char *destination_name; /* read only; NULL for none */
	char *note;
	char settled_at[21];
};

/* Inserts c (id set, version 1). A facility that has an open case gives
 * LX_ECONFLICT. */
int closure_store_open(struct db *db, struct closure_case_row *c,
                       struct lx_error *err);

/* One case with its counts; LX_ENOTFOUND when none. Strings arena-owned. */
int closure_store_get(struct db *db, struct arena *a, long long id,
                      struct closure_case_row *out, struct lx_error *err);

/* Cases of facilities in the region's subtree (NULL: all), of one status
 * (NULL: any), of the facilities ids[0..nids) when only_ids; newest
 * first. */
int closure_store_list(struct db *db, struct arena *a, const char *region,
                       const char *status, int only_ids, const long long *ids,
                       size_t nids, struct closure_case_row **out, size_t *n,
                       struct lx_error *err);

/* Adds as members the people in the facility on day who are not yet
 * members: residents (person.facility_id, residence 'institution') and
 * children enrolled on day. *added counts the new ones. */
int closure_store_fill(struct db *db, long long case_id, long long facility,
                       const char *day, long long *added, struct lx_error *err);

/* Members of a case, by person id. */
int closure_store_members(struct db *db, struct arena *a, long long case_id,
                          struct closure_member_row **out, size_t *n,
                          struct lx_error *err);

/* Sets a member's contract end, destination and note (NULL keeps the
 * stored value; destination "" clears it). LX_ENOTFOUND when the person is
 * not a member. */
int closure_store_set_member(struct db *db, long long case_id, long long person,
                             const char *contract_ended_on,
                             const char *destination, long long dest_facility,
                             const char *note, struct lx_error *err);

/* Gives every member without a destination the successor; *n counts
 * them. */
int closure_store_to_successor(struct db *db, long long case_id,
                               long long successor, long long *n,
                               struct lx_error *err);

/* Marks a change to an open case's members (its version moves on), so
 * that a close prepared from the members as they were is refused.
 * LX_ECONFLICT on "status" when the case is no longer open. */
int closure_store_touch(struct db *db, long long id, struct lx_error *err);

/* Takes the case from open to status (closed or withdrawn) if it still
 * has version: the one writer who does gets 0; anyone else LX_ECONFLICT.
 * closed_on NULL for withdrawn. */
int closure_store_take(struct db *db, long long id, long long version,
                       const char *status, const char *closed_on,
                       struct lx_error *err);

/* Moves one member in the registry on day: the person's facility,
 * residence and, when to_region is not NULL, region (a child's enrolment in the
 * closing facility ends on day and, to another childcare facility, a new one
 * starts of the same class type), and marks the member settled at now. */
int closure_store_settle(struct db *db, const struct closure_member_row *m,
                         long long closing, const char *residence,
                         const char *to_region, const char *day,
                         const char *now, struct lx_error *err);

#endif
