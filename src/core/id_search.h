/*
 * Binary search over arrays of records ordered by an id: the first record
 * whose id is not below a key. The stores return rows ordered by one id
 * (events by staff member, inspectors by check, accounts by owner) while
 * the callers walk another order, so each finds its rows in log n instead
 * of a scan.
 */
#ifndef LX_CORE_ID_SEARCH_H
#define LX_CORE_ID_SEARCH_H

#include <stddef.h>

/* The index of the first of the n records at base, each size bytes and
 * ordered by the long long at offset within it, whose id is not below
 * key; n when none is. */
size_t id_lower_bound(const void *base, size_t n, size_t size, size_t offset,
                      long long key);

#endif
