/*
 * Family care beds and their monthly service log (tables family_bed,
 * family_bed_log). A step is a conditional UPDATE from the status the
 * caller read, so two concurrent steps cannot both pass; one open bed per
 * person is the unique index family_bed_open.
 */
#ifndef LX_STORE_SERVICE_BED_STORE_H
#define LX_STORE_SERVICE_BED_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct bed_row {
	long long id, person_id, facility_id;
	char region[13];
	char status[10];
	char *person_name, *facility_name, *region_name; /* read only */
	char *basis, *care_level, *adaptation, *devices;
	char *plan; /* JSON text: [{"item", "times"}] */
	char assessed_on[11], set_up_on[11], active_from[11], removed_on[11];
	char *removed_reason;
	char created_at[21], updated_at[21];
};

struct bed_log_row {
	long long bed_id;
	char month[8];
	long long visits, minutes;
	char *items, *note;
	char recorded_at[21];
};

/* Inserts r in status applied (r->id set). A person with an open bed:
 * LX_ECONFLICT. */
int bed_store_add(struct db *db, struct bed_row *r, long long by,
                  struct lx_error *err);

/* The bed id (strings arena-owned); LX_ENOTFOUND when there is none. */
int bed_store_get(struct db *db, struct arena *a, long long id,
                  struct bed_row *out, struct lx_error *err);

/* Writes r's status and step fields where the bed is still in status
 * from: LX_ECONFLICT (naming "status") when another step came first. */
int bed_store_move(struct db *db, const struct bed_row *r, const char *from,
                   struct lx_error *err);

/* Beds of the subtree of region (NULL: any), of facility (0: any), in
 * status (NULL: any), newest first, at most limit from offset; *total all
 * that match. Arena-owned. */
int bed_store_list(struct db *db, struct arena *a, const char *region,
                   long long facility, const char *status, long limit,
                   long offset, struct bed_row **out, size_t *n,
                   long long *total, struct lx_error *err);

/* Records (or replaces) a month's log of a bed. */
int bed_store_log_put(struct db *db, const struct bed_log_row *l, long long by,
                      const char *at, struct lx_error *err);

/* A bed's logs, month by month. Arena-owned. */
int bed_store_logs(struct db *db, struct arena *a, long long bed_id,
                   struct bed_log_row **out, size_t *n, struct lx_error *err);

/* The logs of beds ids[0..n), ordered by bed and month: one query for a
 * page of beds rather than one a bed. Arena-owned. */
int bed_store_logs_of(struct db *db, struct arena *a, const long long *ids,
                      size_t n, struct bed_log_row **out, size_t *nout,
                      struct lx_error *err);

#endif
