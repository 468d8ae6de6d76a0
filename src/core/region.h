/* A node of the administrative tree (统计用区划代码), and roll-up of figures
 * up the tree. */
#ifndef LX_CORE_REGION_H
#define LX_CORE_REGION_H

#include "core/error.h"

#include <stddef.h>

enum region_kind { REGION_ADMIN, REGION_ZONE, REGION_KIND__MAX };

struct region {
	char code[13];
	char *name;      /* arena-owned */
	int level;       /* enum region_level */
	int kind;        /* enum region_kind */
	char parent[13]; /* "" for a root */
	char closed_on[11];
	char *source;  /* arena-owned, may be NULL */
	long children; /* read only: number of child regions */
};

const char *region_kind_name(enum region_kind k);
int region_kind_parse(const char *s); /* -1 if unknown */

/* Checks code, name, level (must match the code's digits), kind and that
 * parent, when given, is a proper ancestor by code. Fills err naming the
 * field. Parent existence is checked by app/. */
int region_validate(const struct region *r, struct lx_error *err);

/*
 * Roll-up over a tree given as parallel arrays: node i has parent index
 * parent[i] (-1 for the root of the set), and maybe a direct value. The
 * value of a node is its direct value if it has one, else the sum of its
 * children's values over those that have one. Out arrays get value,
 * origin (0 none, 1 direct, 2 rollup) and the number of contributing
 * children. Nodes may come in any order. Returns 0, or -1 if parent indexes
 * form a cycle or are out of range.
 */
enum rollup_origin { ROLLUP_NONE, ROLLUP_DIRECT, ROLLUP_SUM };
int rollup_tree(size_t n, const long *parent, const int *has_direct,
                const long long *direct, long long *value, int *origin,
                long *children_counted);

#endif
