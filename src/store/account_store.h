/* Accounts, login sessions and API tokens. Secrets are never stored: the
 * password as an argon2id string, session and API tokens as keyed hashes. */
#ifndef LX_STORE_ACCOUNT_STORE_H
#define LX_STORE_ACCOUNT_STORE_H

#include "core/arena.h"
#include "store/db.h"

#include <stddef.h>

struct account {
	long long id;
	char *username, *display_name, *password_hash; /* arena-owned */
	int role;                                      /* enum role */
	char region[13];                               /* "" = everywhere */
	int disabled;
	size_t nfacilities;
	long long *facilities; /* arena-owned */
};

int account_store_insert(struct db *db, struct account *acc, const char *now,
                         struct lx_error *err);
int account_store_update(struct db *db, const struct account *acc,
                         struct lx_error *err);
/* by id (username NULL) or by username; LX_ENOTFOUND if absent. */
int account_store_get(struct db *db, struct arena *a, long long id,
                      const char *username, struct account *out,
                      struct lx_error *err);
int account_store_list(struct db *db, struct arena *a, struct account **out,
                       size_t *n, struct lx_error *err);
/* Replaces the facilities an operator account is assigned. */
int account_store_set_facilities(struct db *db, const struct account *acc,
                                 struct lx_error *err);
long long account_store_count(struct db *db);

/* Sessions: keyed by a hash of the cookie value. */
enum { TOKEN_HASH_BYTES = 32 };
int session_store_insert(struct db *db, const unsigned char *hash,
                         long long account, const char *csrf, const char *now,
                         const char *expires, struct lx_error *err);
/* Finds a live session: fills account id and csrf (65 bytes). -1 if none. */
int session_store_lookup(struct db *db, const unsigned char *hash,
                         const char *now, long long *account, char *csrf);
int session_store_delete(struct db *db, const unsigned char *hash);

int token_store_insert(struct db *db, long long account, const char *name,
                       const unsigned char *hash, const char *now,
                       long long *id, struct lx_error *err);
int token_store_lookup(struct db *db, const unsigned char *hash,
                       long long *account);

#endif
