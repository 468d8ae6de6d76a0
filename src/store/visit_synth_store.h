/*
 * Visits written by the synthetic city (app/synth_visits.c): rows of the
 * visit table as a visitor's phone would have recorded them, without the
 * checks a recorded visit goes through (the generator makes only what
 * those checks accept).
 */
#ifndef LX_STORE_VISIT_SYNTH_STORE_H
#define LX_STORE_VISIT_SYNTH_STORE_H

#include "core/error.h"
#include "store/db.h"

struct visit_synth_row {
	long long person_id, visitor_id;
	const char *region;       /* the person's village */
	const char *visited_at;   /* YYYY-MM-DDTHH:MM */
	const char *mode;         /* a mode of the policy */
	const char *visitor_name; /* borrowed */
	const char *findings;     /* JSON text */
	const char *risk;         /* low, medium, high */
	const char *recorded_at;
};

/* Inserts one visit; -1 and err on failure. */
int visit_synth_store_insert(struct db *db, const struct visit_synth_row *v,
                             struct lx_error *err);

#endif
