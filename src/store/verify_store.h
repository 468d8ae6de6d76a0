/* Verifications (生存认证 / 年审): that a person was found alive on a day,
 * how, and who recorded it. Rows are never changed or deleted. */
#ifndef LX_STORE_VERIFY_STORE_H
#define LX_STORE_VERIFY_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct verify_row {
	long long id, person_id;
	char verified_on[11];
	char method[12]; /* face, visit, in_person, other */
	char *note;
	char *recorded_by; /* account name; "" for the command line */
	char *recorded_at;
};

/* Inserts r (r->id set). The same person, day and method twice is
 * LX_ECONFLICT on "verified_on"; an unknown person LX_EINVALID. */
int verify_store_add(struct db *db, struct verify_row *r, long long by,
                     const char *now, struct lx_error *err);

/* A person's verifications, newest first; arena-owned. */
int verify_store_list(struct db *db, struct arena *a, long long person,
                      struct verify_row **out, size_t *n, struct lx_error *err);

/* Per verified person: the latest verification on or before day and the
 * earliest after it ("" for none), ordered by person id. */
struct verify_fact {
	long long person_id;
	char last[11], next[11];
};

int verify_store_facts(struct db *db, struct arena *a, const char *day,
                       struct verify_fact **out, size_t *n,
                       struct lx_error *err);

/* Per person a scheme has paid: the first period of a payment line
 * ("2025-03" or "2025"), ordered by person id. */
struct verify_first_paid {
	long long person_id;
	char period[8];
};

int verify_store_first_paid(struct db *db, struct arena *a, const char *scheme,
                            struct verify_first_paid **out, size_t *n,
                            struct lx_error *err);

#endif
