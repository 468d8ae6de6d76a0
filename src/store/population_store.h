/* Population figures per region, year and metric. */
#ifndef LX_STORE_POPULATION_STORE_H
#define LX_STORE_POPULATION_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct pop_figure {
	char region[13];
	int year;
	int metric; /* enum pop_metric */
	long long value;
	char *source; /* arena-owned */
};

/* Sets (inserts or replaces) a direct figure, recording who and when. */
int population_store_put(struct db *db, const struct pop_figure *f,
                         long long by, const char *at, struct lx_error *err);

/* The direct figure for one region, year and metric: 1 and *out filled
 * (source arena-owned), or 0 when there is none. */
int population_store_get(struct db *db, struct arena *a, const char *region,
                         int year, int metric, struct pop_figure *out);

/* Deletes one figure; LX_ENOTFOUND if there was none. */
int population_store_delete(struct db *db, const char *region, int year,
                            int metric, struct lx_error *err);

/* Direct figures in the subtree of root (root included), for one year or
 * every year (year 0), ordered by region, year, metric. Arena-owned. */
int population_store_subtree(struct db *db, struct arena *a, const char *root,
                             int year, struct pop_figure **out, size_t *n,
                             struct lx_error *err);

#endif
