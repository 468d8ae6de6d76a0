/* Residents of an institution as subsidy units count them: the people
 * whose facility is the institution, alive on a day and holding, that day,
 * one of a list of categories (经济困难: 特困, 低保, 低收入). */
#ifndef LX_STORE_RESIDENT_STORE_H
#define LX_STORE_RESIDENT_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct resident_row {
	char birth_date[11];
	int level; /* final level of the latest assessment on or before the
	            * day; -1 for none */
};

/* categories: n codes, at least one held on day. */
int resident_store_list(struct db *db, struct arena *a, long long facility,
                        const char *day, const char *const *categories,
                        size_t n, struct resident_row **out, size_t *nout,
                        struct lx_error *err);

#endif
