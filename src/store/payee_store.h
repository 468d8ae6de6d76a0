/* Payee accounts (收款账户): one per person or institution, the account
 * number (and a guardian holder's ID number) sealed by app/payee.c
 * before it arrives here. */
#ifndef LX_STORE_PAYEE_STORE_H
#define LX_STORE_PAYEE_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct payee_row {
	char owner_kind[12]; /* "person" or "institution" */
	long long owner_id;
	char region[13]; /* the owner's region when last saved */
	char *bank, *branch;
	char account_kind[24];
	unsigned char *account_sealed;
	size_t account_sealed_len;
	char *holder_name;
	char *holder_relation; /* "self" or 子女, 配偶, 监护人 … */
	unsigned char *holder_sealed; /* NULL: the owner holds it */
	size_t holder_sealed_len;
	char *updated_at;
};

/* Inserts or replaces the owner's account. */
int payee_store_put(struct db *db, const struct payee_row *p, long long by,
                    const char *now, struct lx_error *err);

/* The owner's account: 0 and *out, 1 when it has none, -1 on error.
 * Strings and blobs arena-owned. */
int payee_store_get(struct db *db, struct arena *a, const char *kind,
                    long long id, struct payee_row *out, struct lx_error *err);

/* Removes the owner's account; LX_ENOTFOUND when it has none. */
int payee_store_delete(struct db *db, const char *kind, long long id,
                       struct lx_error *err);

/* The accounts of the owners of one kind among ids (sorted or not):
 * *out ordered by owner_id, *n of them. One query per 500 owners. */
int payee_store_of(struct db *db, struct arena *a, const char *kind,
                   const long long *ids, size_t nids, struct payee_row **out,
                   size_t *n, struct lx_error *err);

/* Who the owners among ids are, as a bank file names them: a person's
 * name, region and sealed ID number, an institution's name, region and
 * credit code (in id_plain). *out ordered by owner_id; owners that do not
 * exist are absent. Batched as payee_store_of. */
struct payee_owner_row {
	long long owner_id;
	char *name;
	char region[13];
	unsigned char *id_sealed; /* persons */
	size_t id_sealed_len;
	char *id_plain; /* institutions: the credit code, "" when none */
};

int payee_store_owners(struct db *db, struct arena *a, const char *kind,
                       const long long *ids, size_t nids,
                       struct payee_owner_row **out, size_t *n,
                       struct lx_error *err);

#endif
