/*
 * Counts for the supervision bulletin (通报) of a region's subtree over a
 * period: plans drawn, checks scheduled and done, and hazards found,
 * closed and overdue by domain, in plain SQL over the foundation's
 * columns of inspect_plan, inspect_check and hazard.
 */
#ifndef LX_STORE_INSPECT_BULLETIN_STORE_H
#define LX_STORE_INSPECT_BULLETIN_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct inspect_bulletin_counts {
	long long plans, checks_scheduled, checks_done;
};

struct inspect_bulletin_domain {
	const char *domain;
	long long found, closed, overdue;
};

/* Plans drawn on a day from..to; checks not cancelled scheduled in it;
 * checks done in it: facilities (and plans) in region's subtree. */
int inspect_bulletin_checks(struct db *db, const char *region, const char *from,
                            const char *to, struct inspect_bulletin_counts *out,
                            struct lx_error *err);

/* By domain (sorted): hazards found from..to; closed from..to; overdue
 * at the end of `to`: found by then, not closed by then, deadline
 * before it. */
int inspect_bulletin_hazards(struct db *db, struct arena *a, const char *region,
                             const char *from, const char *to,
                             struct inspect_bulletin_domain **out, size_t *n,
                             struct lx_error *err);

#endif
