/* Rosters (花名册): the people of a region subtree who are alive on a day,
 * filtered by kind, category, age and ability level, with the current
 * level and its date; a page of them, or all, and counts to total them
 * by. Identifiers stay sealed here (app/roster.c opens and masks them). */
#ifndef LX_STORE_ROSTER_STORE_H
#define LX_STORE_ROSTER_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

enum { ROSTER_LEVEL_ANY = -1, ROSTER_LEVEL_NONE = -2 };

struct roster_query {
	const char *region;   /* subtree; required */
	const char *as_of;    /* YYYY-MM-DD: alive, ages, categories, level */
	const char *kind;     /* "elderly", "infant", NULL for both */
	const char *category; /* held on as_of; NULL for any */
	int min_age, max_age; /* on as_of, inclusive; -1 for no bound */
	/* the latest assessment on or before as_of: its final level 0..4,
	 * ROSTER_LEVEL_ANY, or ROSTER_LEVEL_NONE for never assessed */
	int level;
	long page, per_page; /* per_page 0: every row */
};

struct roster_row {
	long long id;
	unsigned char *id_sealed;
	size_t id_sealed_len;
	char *name;
	char sex[2];
	char birth_date[11];
	char region[13];
	char *region_name;   /* the region the person is registered in */
	char *township_name; /* of the 9-digit prefix's region; may be NULL */
	int level;           /* -1: never assessed by as_of */
	char level_on[11];
	char **categories; /* codes held on as_of, arena */
	size_t ncategories;
};

/* Rows in region and id order; *total counts every row the filters
 * select. 0 or -1 (err). */
int roster_store_list(struct db *db, struct arena *a,
                      const struct roster_query *q, struct roster_row **out,
                      size_t *n, long long *total, struct lx_error *err);

/* The selected people counted by region, birth date and level (level -1
 * for never assessed), for totals by township, village, age band and
 * level. */
struct roster_cell {
	char region[13];
	char birth_date[11];
	int level;
	long long n;
};

int roster_store_cells(struct db *db, struct arena *a,
                       const struct roster_query *q, struct roster_cell **out,
                       size_t *n, struct lx_error *err);

/* The selected people counted by each category they hold on as_of (one
 * person may count under several). */
struct roster_category_count {
	char *category;
	long long n;
};

int roster_store_categories(struct db *db, struct arena *a,
                            const struct roster_query *q,
                            struct roster_category_count **out, size_t *n,
                            struct lx_error *err);

#endif
