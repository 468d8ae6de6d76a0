/*
 * A subject's credit standing on a day, as the modules that a listing
 * binds ask it: grading (no rating while black-listed or within the
 * policy's years of a penalty), subsidy runs (a black-listed institution
 * is refused), the random draw (a listed institution is weighted up).
 * Reads credit_record and credit_listing (migration 30).
 */
#ifndef LX_STORE_CREDIT_STANDING_STORE_H
#define LX_STORE_CREDIT_STANDING_STORE_H

#include "core/error.h"
#include "store/db.h"

struct credit_standing {
	/* a black (red) list entry listed on or before the day and not
	 * removed by it; its id and listing day */
	long long black_id, red_id;
	char black_since[11], red_since[11];
	/* the latest penalty (行政处罚) on or before the day; "" when none */
	char last_penalty_on[11];
};

/* subject_kind "facility" or "staff". Fills out (zeroed when nothing is
 * on file). */
int credit_standing_get(struct db *db, const char *subject_kind,
                        long long subject_id, const char *day,
                        struct credit_standing *out, struct lx_error *err);

#endif
