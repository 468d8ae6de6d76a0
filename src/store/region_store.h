/* Regions in the database. Lists are arena-owned arrays. */
#ifndef LX_STORE_REGION_STORE_H
#define LX_STORE_REGION_STORE_H

#include "core/arena.h"
#include "core/region.h"
#include "store/db.h"

/* Loads one region; LX_ENOTFOUND if absent. */
int region_store_get(struct db *db, struct arena *a, const char *code,
                     struct region *out, struct lx_error *err);
int region_store_exists(struct db *db, const char *code);

/* Insert fails with LX_ECONFLICT if the code exists. */
int region_store_insert(struct db *db, const struct region *r,
                        struct lx_error *err);
/* Replaces name, kind, closed_on, source of an existing code. */
int region_store_update(struct db *db, const struct region *r,
                        struct lx_error *err);

/* Children of parent (parent NULL or "": the roots), ordered by code. */
int region_store_children(struct db *db, struct arena *a, const char *parent,
                          struct region **out, size_t *n, struct lx_error *err);
long region_store_count_children(struct db *db, const char *code);

/* Every region in the subtree of root (root itself included; NULL or "":
 * all), ordered by code; q, if not NULL, filters names containing it. */
int region_store_subtree(struct db *db, struct arena *a, const char *root,
                         const char *q, struct region **out, size_t *n,
                         struct lx_error *err);

#endif
