/* Training providers and their certified trainees (培训补贴): the units a
 * scheme paying per certified trainee counts. */
#ifndef LX_STORE_TRAINING_STORE_H
#define LX_STORE_TRAINING_STORE_H

#include "core/arena.h"
#include "store/db.h"

/* The certificate levels, in the order of the counts below; the scheme
 * unit of level L is "trainees_" L. */
#define TRAINING_LEVELS 6
extern const char *const training_levels[TRAINING_LEVELS];

struct provider_row {
	long long id;
	char *credit_code, *name, *region;
	long counts[TRAINING_LEVELS]; /* certified in the asked dates */
};

/* The provider with this credit code: created with name and region the
 * first time; a later row naming another region is refused (field
 * "region"). */
int training_store_provider(struct db *db, const char *credit_code,
                            const char *name, const char *region, long long *id,
                            struct lx_error *err);
/* A certificate; its number is unique (field "cert_no"). */
int training_store_add_cert(struct db *db, long long provider,
                            const char *cert_no, const char *level,
                            const char *certified_on, const char *now,
                            struct lx_error *err);
/* Providers registered in region's subtree with their certificates dated
 * from..to (inclusive) counted by level, by id. */
int training_store_providers(struct db *db, struct arena *ar,
                             const char *region, const char *from,
                             const char *to, struct provider_row **out,
                             size_t *n, struct lx_error *err);

#endif
