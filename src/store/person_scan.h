/* Every person of a region with their categories, moves and assessments,
 * streamed in id order: what a run over a whole city reads. */
#ifndef LX_STORE_PERSON_SCAN_H
#define LX_STORE_PERSON_SCAN_H

#include "store/care_store.h"
#include "store/person_store.h"

struct person_scan_row {
	const struct person *person;  /* identifiers not loaded */
	const struct move_row *moves; /* oldest first */
	size_t nmoves;
	/* newest first, as assessment_store_list; only id, date, final
	 * level and instrument are filled */
	const struct assessment_row *assessments;
	size_t nassessments;
};

/* Called once per person; a is a scratch arena that lives for a batch of
 * people (copy what must outlive the call). Non-zero stops the scan, which
 * then returns -1 with err as fn left it. */
typedef int (*person_scan_fn)(void *arg, struct arena *a,
                              const struct person_scan_row *row);

int person_store_scan(struct db *db, const char *region, person_scan_fn fn,
                      void *arg, struct lx_error *err);

/* The same, reading only people born before born_before (YYYY-MM-DD; NULL
 * or "" for everyone) and anyone with a subsidy hold: what a run of a
 * scheme with a youngest payable age reads. The caller's rules still
 * decide; this only leaves out people they cannot pay. */
int person_store_scan_born(struct db *db, const char *region,
                           const char *born_before, person_scan_fn fn,
                           void *arg, struct lx_error *err);

#endif
