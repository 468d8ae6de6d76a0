/* Failed logins counted by account name and by client address, so that
 * guessing passwords is slowed down on both (app/accounts.c). */
#ifndef LX_STORE_LOGIN_STORE_H
#define LX_STORE_LOGIN_STORE_H

#include "store/db.h"

struct login_failures {
	long failures;
	long long last_at;      /* seconds since the epoch */
	long long locked_until; /* seconds since the epoch; 0 for none */
};

/* scope is "account" or "address". Returns 1 and fills out when a row
 * exists, 0 when none (out zeroed), -1 on error. */
int login_store_get(struct db *db, const char *scope, const char *key,
                    struct login_failures *out, struct lx_error *err);
int login_store_put(struct db *db, const char *scope, const char *key,
                    const struct login_failures *f, struct lx_error *err);
int login_store_clear(struct db *db, const char *scope, const char *key,
                      struct lx_error *err);

#endif
