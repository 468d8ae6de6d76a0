/*
 * Who lives in a subtree, as the readers of a whole table need to know:
 * a database may hold a province while a run or a count asks for one of
 * its cities or counties. When nobody lives outside the subtree, a table
 * read whole is the subtree's; when someone does, a reader narrows its
 * reads to the range of the subtree's ids (person_scan.c,
 * visit_count_store.c say why a range and not a set).
 */
#ifndef LX_STORE_SUBTREE_PEOPLE_H
#define LX_STORE_SUBTREE_PEOPLE_H

#include "core/error.h"
#include "store/db.h"

/* *outside: whether anyone lives outside the codes lo..hi now (two seeks
 * of the region index). */
int subtree_people_outside(struct db *db, const char *lo, const char *hi,
                           int *outside, struct lx_error *err);

/* The smallest and the largest id of the people living in lo..hi now;
 * *first > *last when nobody does. */
int subtree_people_ids(struct db *db, const char *lo, const char *hi,
                       long long *first, long long *last, struct lx_error *err);

#endif
