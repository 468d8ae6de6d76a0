/* Applications for allowances. */
#ifndef LX_STORE_APPLICATION_STORE_H
#define LX_STORE_APPLICATION_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct application_row {
	long long id, person_id, applicant;
	char *scheme, *relation, *note, *status, *precheck;
	char *submitted_at, *decided_at, *decision_reason;
	char eligible_from[8]; /* a period, "" until approved */
	char region[13];       /* the person's, read only */
	char *person_name;     /* read only */
};

int application_store_insert(struct db *db, struct application_row *a,
                             const char *now, struct lx_error *err);
int application_store_get(struct db *db, struct arena *ar, long long id,
                          struct application_row *out, struct lx_error *err);
int application_store_decide(struct db *db, long long id, const char *status,
                             long long by, const char *now, const char *reason,
                             const char *eligible_from, struct lx_error *err);
/* Open (submitted or approved) applications of a person for a scheme. */
long application_store_open(struct db *db, long long person,
                            const char *scheme);
/* Applications by an applicant (applicant > 0), or of people in a region's
 * subtree (applicant 0), newest first; status NULL for any. */
int application_store_list(struct db *db, struct arena *ar, long long applicant,
                           const char *region, const char *status,
                           struct application_row **out, size_t *n,
                           struct lx_error *err);
/* The approved application's first period for a person and scheme, or
 * "" when there is none. out has room for 8. */
void application_store_approved_from(struct db *db, long long person,
                                     const char *scheme, char *out);

#endif
