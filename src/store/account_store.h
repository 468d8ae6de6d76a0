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
	size_t nareas;
	char (*areas)[13]; /* a visitor's villages and communities */
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
/* Replaces the villages and communities a visitor account covers. */
int account_store_set_areas(struct db *db, const struct account *acc,
                            struct lx_error *err);
long long account_store_count(struct db *db);

/* Sessions: keyed by a hash of the cookie value. */
enum { TOKEN_HASH_BYTES = 32 };
int session_store_insert(struct db *db, const unsigned char *hash,
                         long long account, const char *csrf, const char *now,
                         const char *expires, struct lx_error *err);
/* Finds a live session: not expired at now, and used since idle_since
 * (seconds since the epoch; its creation counts as a use). Fills account
 * id, csrf (65 bytes) and *last_seen (0 when never used since creation).
 * -1 if none. */
int session_store_lookup(struct db *db, const unsigned char *hash,
                         const char *now, long long idle_since,
                         long long *account, char *csrf, long long *last_seen);
/* Records a use of the session at seen (seconds since the epoch). */
int session_store_touch(struct db *db, const unsigned char *hash,
                        long long seen);
int session_store_delete(struct db *db, const unsigned char *hash);
/* Ends every session of an account but the one whose hash is keep (NULL:
 * all). */
int session_store_delete_account(struct db *db, long long account,
                                 const unsigned char *keep,
                                 struct lx_error *err);

int token_store_insert(struct db *db, long long account, const char *name,
                       const unsigned char *hash, const char *now,
                       long long *id, struct lx_error *err);
int token_store_lookup(struct db *db, const unsigned char *hash,
                       long long *account);

struct token_row {
	long long id, account_id;
	char *username, *name, *created_at, *revoked_at; /* arena-owned */
	int revoked;
};

/* The tokens of an account (0: of every account), newest first. */
int token_store_list(struct db *db, struct arena *a, long long account,
                     struct token_row **out, size_t *n, struct lx_error *err);
/* Revokes one token; LX_ENOTFOUND when no token id exists. */
int token_store_revoke(struct db *db, long long id, const char *now,
                       struct lx_error *err);
/* Revokes every token of an account. */
int token_store_revoke_account(struct db *db, long long account,
                               const char *now, struct lx_error *err);

#endif
