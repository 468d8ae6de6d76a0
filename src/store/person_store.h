/* The people registry: elderly residents and infants. Identifiers arrive
 * sealed and hashed (app/pii.c); this layer never sees them in clear. */
#ifndef LX_STORE_PERSON_STORE_H
#define LX_STORE_PERSON_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct person_category {
	char *category;
	char start[11], end[11]; /* end "" while in force */
};

struct person {
	long long id;
	char kind[8]; /* "elderly" or "infant" */
	unsigned char id_hash[32];
	unsigned char *id_sealed;
	size_t id_sealed_len;
	unsigned char id_masked_hash[32]; /* keyed hash of the masked form */
	char id_masked[19]; /* filled by app/ from the sealed number */
	char *name;
	char sex[2]; /* "M" or "F" */
	char birth_date[11];
	char region[13];
	char *region_name; /* read only */
	char *address;
	unsigned char *phone_sealed, *contact_phone_sealed;
	size_t phone_sealed_len, contact_phone_sealed_len;
	char *phone_masked, *contact_phone_masked;
	char *contact_name, *guardian_name;
	char *household;       /* 户: a household number or description */
	char residence[12];    /* home, institution, home_bed */
	long long facility_id; /* 0 for none */
	char deceased_on[11];
	size_t ncategories;
	struct person_category *categories;
	int level; /* latest assessment's final level, -1 for none */
	char level_on[11];
	char *level_instrument;
};

/* Inserts (p->id set) or, with p->id, updates; categories are replaced.
 * A taken id_hash gives LX_ECONFLICT on "id_number". */
int person_store_save(struct db *db, struct person *p, const char *now,
                      struct lx_error *err);

int person_store_get(struct db *db, struct arena *a, long long id,
                     struct person *out, struct lx_error *err);

/* The sealed ID numbers of persons ids[0..n): blob[i] and len[i] for
 * ids[i] (NULL and 0 for none), a few hundred ids a query rather than one
 * query a person. Arena-owned. */
int person_store_sealed_ids(struct db *db, struct arena *a,
                            const long long *ids, size_t n,
                            unsigned char **blob, size_t *len,
                            struct lx_error *err);

/* Id of the person with this identifier hash, or 0. */
long long person_store_find_hash(struct db *db, const unsigned char *hash);

struct person_query {
	const char *region;               /* subtree */
	const char *kind;                 /* NULL for both */
	const char *name;                 /* contains */
	const unsigned char *masked_hash; /* keyed hash of a masked ID */
	const unsigned char *id_hash;     /* keyed hash of a full ID */
	const char *category;             /* in force on today */
	const char *today;
	int only_facilities; /* operators: residents of these */
	size_t nfacilities;
	const long long *facilities;
	long page, per_page;
};

int person_store_list(struct db *db, struct arena *a,
                      const struct person_query *q, struct person **out,
                      size_t *n, long long *total, struct lx_error *err);

/* People alive and born on as_of in the subtree, of a kind ("" any),
 * with a category in force that day (NULL any), at least min_age. */
long long person_store_count(struct db *db, const char *region,
                             const char *as_of, const char *kind,
                             const char *category, int min_age);

struct region_count {
	char region[13];
	long long n;
};

/* The same counts per region of the subtree of root (the region people
 * live in, which may be any node), ordered by region; regions with nobody
 * counted are left out. Arena-owned. */
int person_store_count_by_region(struct db *db, struct arena *a,
                                 const char *root, const char *as_of,
                                 const char *kind, const char *category,
                                 int min_age, struct region_count **out,
                                 size_t *n, struct lx_error *err);

struct assessment_row {
	long long id, person_id;
	char *instrument;
	char assessed_on[11];
	char *assessors, *items, *changes, *reason;
	int has_total, total, initial_level, final_level;
};

int assessment_store_insert(struct db *db, struct assessment_row *r,
                            long long by, const char *now,
                            struct lx_error *err);
int assessment_store_list(struct db *db, struct arena *a, long long person,
                          struct assessment_row **out, size_t *n,
                          struct lx_error *err);

#endif
