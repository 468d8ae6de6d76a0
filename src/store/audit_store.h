/* The audit log: one row per write, with before and after as JSON text. */
#ifndef LX_STORE_AUDIT_STORE_H
#define LX_STORE_AUDIT_STORE_H

#include "core/arena.h"
#include "store/db.h"

struct audit_entry {
	long long id;
	char *at;
	long long account_id;
	char *username, *action, *entity, *entity_id;
	char *before, *after; /* JSON text or NULL */
};

int audit_store_insert(struct db *db, const struct audit_entry *e,
                       struct lx_error *err);

struct audit_query {
	const char *entity, *entity_id, *username; /* NULL = any */
	/* days "YYYY-MM-DD", both included; NULL = open-ended */
	const char *from, *to;
	long page, per_page;
};

/* Newest first; arena-owned. */
int audit_store_list(struct db *db, struct arena *a,
                     const struct audit_query *q, struct audit_entry **out,
                     size_t *n, long long *total, struct lx_error *err);

#endif
