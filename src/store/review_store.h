/*
 * Reviews (评价) by families of the institutions their relatives live or
 * lived in, and 好差评 of government matters after the application was
 * decided: table review (migration 31), one per account and target
 * (UNIQUE). An operator's appeal and an official's decision are
 * conditional UPDATEs on status and version, so each is taken once.
 * Service orders carry their own rating (table service_order); the
 * averages here read those beside the reviews.
 */
#ifndef LX_STORE_REVIEW_STORE_H
#define LX_STORE_REVIEW_STORE_H

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#include <stddef.h>

struct review_row {
	long long id, facility_id, application_id, account_id, version;
	char target_kind[16], status[16], region[13], reviewed_on[11];
	int rating;
	char *target, *matter, *comment, *appeal, *decision, *created_at;
	char *facility_name, *account_name;
};

/* Inserts r (r->id set). LX_ECONFLICT (field "target") when the account
 * has already reviewed r->target. */
int review_store_add(struct db *db, struct review_row *r, struct lx_error *err);

/* LX_ENOTFOUND (field "id") when there is none. */
int review_store_get(struct db *db, struct arena *a, long long id,
                     struct review_row *out, struct lx_error *err);

struct review_query {
	const char *region;    /* subtree; NULL every region */
	const char *status;    /* NULL any */
	const char *from, *to; /* reviewed_on range; NULL open */
	long long facility_id; /* 0 any */
	long long account_id;  /* 0 any */
};

int review_store_list(struct db *db, struct arena *a,
                      const struct review_query *q, struct review_row **out,
                      size_t *n, struct lx_error *err);

/* shown → appealed with the operator's reason; appealed → shown or
 * hidden with the official's decision. LX_ECONFLICT (field "version")
 * when the review is no longer in status from at version. */
int review_store_move(struct db *db, long long id, long long version,
                      const char *from, const char *to, const char *text,
                      long long by, struct lx_error *err);

/* 1 when account is linked (service_link) to a person who lives in
 * facility now, was enrolled there, or was a resident of a closure case
 * there; 0 when not; -1 on error. */
int review_store_used_facility(struct db *db, long long account,
                               long long facility, struct lx_error *err);

/* The application id made by account: *decided 1 when approved or
 * rejected, *region the person's region, *scheme its scheme (arena).
 * LX_ENOTFOUND (field "application_id") when it is not the account's. */
int review_store_application(struct db *db, struct arena *a, long long id,
                             long long account, int *decided, char region[13],
                             char **scheme, struct lx_error *err);

/* What account may review: the facilities its linked persons live in,
 * were enrolled in or left in a closure case (id, name), and its own
 * decided applications (id, scheme). Arena-owned. */
struct review_choice {
	long long id;
	char *name;
	char region[13];
};

int review_store_choices(struct db *db, struct arena *a, long long account,
                         struct review_choice **facilities, size_t *nf,
                         struct review_choice **applications, size_t *na,
                         struct lx_error *err);

/* Shown reviews of facility (count, sum of ratings) and the rated
 * service orders at it (count, sum). */
struct review_average {
	long reviews, review_sum, orders, order_sum;
};

int review_store_average(struct db *db, long long facility,
                         struct review_average *out, struct lx_error *err);

#endif
