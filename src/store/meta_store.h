/* Facts about the database itself, one named value each: the fingerprint
 * of the key that seals its personal data. */
#ifndef LX_STORE_META_STORE_H
#define LX_STORE_META_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

/* Copies the value named name into out (at most cap bytes) and sets *len.
 * Returns 1 when found, 0 when not, -1 on error (err set). */
int meta_store_get(struct db *db, const char *name, unsigned char *out,
                   size_t cap, size_t *len, struct lx_error *err);

/* Sets the value named name. Returns 0 or -1. */
int meta_store_set(struct db *db, const char *name, const unsigned char *v,
                   size_t len, struct lx_error *err);

/* One sealed identifier from the database, copied into the arena, so a
 * key can be tried on it: 1 with *blob and *len set, 0 when nothing is
 * sealed yet, -1 on error. */
int meta_store_sample_sealed(struct db *db, struct arena *a,
                             unsigned char **blob, size_t *len,
                             struct lx_error *err);

#endif
