/* Accounts, login and API tokens. Passwords are hashed with argon2id;
 * session cookies and API tokens are random and stored only as hashes. */
#ifndef LX_APP_ACCOUNTS_H
#define LX_APP_ACCOUNTS_H

#include "app/ctx.h"

/* A session lasts at most SESSION_HOURS, and ends sooner when left idle
 * (core/login_guard.h). A password change ends the account's other
 * sessions and revokes its API tokens. */
enum { PASSWORD_MIN_CHARS = 10, SESSION_HOURS = 12 };

/* Must be called once before any other function here (sodium_init). */
int app_crypto_init(void);

json_t *app_account_list(struct app_ctx *ctx);
json_t *app_account_create(struct app_ctx *ctx, json_t *body);
json_t *app_account_update(struct app_ctx *ctx, long long id, json_t *body);

/* Checks credentials and opens a session: fills cookie (the value to set,
 * 44 bytes with NUL) and returns {"user", "csrf_token"}. Wrong username
 * and wrong password give the same LX_EAUTH error, in the same time (an
 * unknown name is checked against a password hash all the same). Failures
 * are counted by account name and by address (the client's, "" when not
 * known): past the free tries of core/login_guard.h both are locked for a
 * time that doubles with each failure, and a locked login is refused with
 * LX_ETHROTTLED, even with the right password, with ctx->details
 * {"retry_after": seconds}. A successful login clears the account's
 * count. Failed logins are audited. */
json_t *app_login(struct app_ctx *ctx, const char *username,
                  const char *password, const char *addr, char cookie[64]);
void app_logout(struct app_ctx *ctx, const char *cookie);

/* Resolves a session cookie or bearer token to a principal whose strings
 * live in ctx->arena. csrf (65 bytes) gets the session's CSRF token ("" for
 * a bearer token). A session unused for idle_seconds (0: the default of
 * core/login_guard.h) has ended. -1 if neither is valid. */
int app_authenticate(struct app_ctx *ctx, const char *cookie,
                     const char *bearer, long idle_seconds,
                     struct principal *out, char *csrf);

/* The current account as {"user", "csrf_token"}. */
json_t *app_session_info(struct app_ctx *ctx, const char *csrf);

/* Creates an API token for the calling account: {"id", "name", "token"}. */
json_t *app_token_create(struct app_ctx *ctx, json_t *body);

/* The calling account's tokens (an admin: every account's, or one
 * account's with ?account=ID): id, name, account, created and revoked
 * dates; never the token. */
json_t *app_token_list(struct app_ctx *ctx, json_t *params);

/* Revokes a token of the calling account (an admin: any), audited. */
json_t *app_token_revoke(struct app_ctx *ctx, long long id, json_t *body);

/* When no account exists, creates "admin" with a random password written
 * to password (at least 20 bytes); returns 1 if created, 0 if accounts
 * already exist, -1 on error. */
int app_bootstrap_admin(struct app_ctx *ctx, char *password, size_t len);

/* Creates an account from plain values (CLI "user add"); areas, a
 * visitor's villages, comma-separated or NULL. */
int app_account_add(struct app_ctx *ctx, const char *username,
                    const char *password, const char *role, const char *region,
                    const char *areas);
/* Sets a password (CLI "user passwd"). */
int app_account_set_password(struct app_ctx *ctx, const char *username,
                             const char *password);

#endif
