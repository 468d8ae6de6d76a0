/* Providers' offers of catalogue items (table service_offer, migration
 * 17) and the links of family accounts to the persons they order for
 * (table service_link). An offer is a price from a date over a service
 * area (a region and its subtree); a new price of the same facility,
 * item and area closes the one before, so every past price stays. */
#ifndef LX_STORE_SERVICE_OFFER_STORE_H
#define LX_STORE_SERVICE_OFFER_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct service_offer_row {
	long long id, facility_id;
	char item[40];
	long long price_fen;
	char area[13];
	char valid_from[11], valid_to[11]; /* valid_to "" while open */
	char *note;
	long long created_by; /* 0 none */
	char *created_at;
	/* read only, joined */
	char *facility_name, *area_name;
	char facility_region[13];
	int facility_kind;
	char facility_closed_on[11]; /* "" while open */
};

/* Inserts o (o->id set), first closing the open offer of the same
 * facility, item and area on closed_to (the day before o starts).
 * LX_ECONFLICT naming "valid_from" when an offer of the three starts on
 * or after o's date (a price is added at the end of its history). Run
 * inside a transaction. */
int service_offer_store_add(struct db *db, struct service_offer_row *o,
                            const char *closed_to, struct lx_error *err);

/* LX_ENOTFOUND (field "offer_id") when there is none. */
int service_offer_store_get(struct db *db, struct arena *a, long long id,
                            struct service_offer_row *out,
                            struct lx_error *err);

struct service_offer_query {
	long long facility_id; /* 0 all */
	const char *item;      /* NULL all */
	const char *area;      /* NULL all: exactly this area */
	const char *on;        /* NULL any date: in force that day */
	const char *region;    /* NULL all: the facility in this subtree */
};

/* Offers matching q, by item, facility, area and date. Arena-owned. */
int service_offer_store_list(struct db *db, struct arena *a,
                             const struct service_offer_query *q,
                             struct service_offer_row **out, size_t *n,
                             struct lx_error *err);

struct service_link_row {
	long long account_id, person_id;
	char *relation, *created_at;
	/* read only, joined from person */
	char *name, *region_name;
	char kind[8], region[13], birth_date[11], deceased_on[11];
	unsigned char *id_sealed;
	size_t id_sealed_len;
};

/* Adds the link; LX_ECONFLICT naming "id_number" when it is there. */
int service_link_store_add(struct db *db, long long account, long long person,
                           const char *relation, const char *now,
                           struct lx_error *err);

/* The account's links, by name. Arena-owned. */
int service_link_store_list(struct db *db, struct arena *a, long long account,
                            struct service_link_row **out, size_t *n,
                            struct lx_error *err);

/* *relation (arena) of the account to the person; NULL when they are
 * not linked. */
int service_link_store_relation(struct db *db, struct arena *a,
                                long long account, long long person,
                                char **relation, struct lx_error *err);

/* Removes the link; LX_ENOTFOUND naming "person_id" when there is none. */
int service_link_store_remove(struct db *db, long long account,
                              long long person, struct lx_error *err);

#endif
