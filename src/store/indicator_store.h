/* What indicators are computed from: registry totals by facet as of a day,
 * and values reported by departments. */
#ifndef LX_STORE_INDICATOR_STORE_H
#define LX_STORE_INDICATOR_STORE_H

#include "core/arena.h"
#include "core/indicator.h"
#include "store/db.h"

/* Totals of every measure over the facilities open on as_of in the subtree
 * of region, one cell per combination of facet values. Arena-owned. */
int registry_store_cells(struct db *db, struct arena *a, const char *region,
                         const char *as_of, struct registry_cell **out,
                         size_t *n, struct lx_error *err);

/* The same for every region of the subtree of root at once: cells per
 * facility region and combination of facet values, ordered by region;
 * regions[i] is the region of cells[i]. A subtree's totals are the sum of
 * the cells whose region lies in it. Arena-owned. */
int registry_store_cells_by_region(struct db *db, struct arena *a,
                                   const char *root, const char *as_of,
                                   struct registry_cell **out,
                                   char (**regions)[13], size_t *n,
                                   struct lx_error *err);

struct reported {
	char *element;
	char region[13];
	char period[8];
	int has_value;
	double value;
	char *text; /* NULL when a number was reported */
	char *source;
	char *reported_at;
	char *reported_by; /* username */
};

/* Sets a reported value (insert or replace). */
int reported_store_put(struct db *db, const struct reported *r, long long by,
                       const char *at, struct lx_error *err);

/* Reported values of one period in the subtree of region (root included),
 * for one element or all (element NULL). Arena-owned, ordered by element
 * then region. */
int reported_store_subtree(struct db *db, struct arena *a, const char *region,
                           const char *period, const char *element,
                           struct reported **out, size_t *n,
                           struct lx_error *err);

/* Every reported value in the subtree of region (root included) for a
 * period of up_to_year or before, all periods: what is in force at a
 * period is chosen from these (app/indicator_eval.c). Arena-owned, ordered
 * by element, then region. */
int reported_store_subtree_upto(struct db *db, struct arena *a,
                                const char *region, int up_to_year,
                                struct reported **out, size_t *n,
                                struct lx_error *err);

/* Every period's reported value of one element at one region (not its
 * subtree). Arena-owned, unordered. */
int reported_store_history(struct db *db, struct arena *a, const char *element,
                           const char *region, struct reported **out, size_t *n,
                           struct lx_error *err);

#endif
