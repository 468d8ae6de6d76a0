/* Accounts, login and API tokens. Passwords are hashed with argon2id;
 * session cookies and API tokens are random and stored only as hashes. */
#ifndef LX_APP_ACCOUNTS_H
#define LX_APP_ACCOUNTS_H

#include "app/ctx.h"

enum { PASSWORD_MIN_CHARS = 10, SESSION_HOURS = 12 };

/* Must be called once before any other function here (sodium_init). */
int app_crypto_init(void);

json_t *app_account_list(struct app_ctx *ctx);
json_t *app_account_create(struct app_ctx *ctx, json_t *body);
json_t *app_account_update(struct app_ctx *ctx, long long id, json_t *body);

/* Checks credentials and opens a session: fills cookie (the value to set,
 * 44 bytes with NUL) and returns {"user", "csrf_token"}. Wrong username
 * and wrong password give the same LX_EAUTH error. */
json_t *app_login(struct app_ctx *ctx, const char *username,
                  const char *password, char cookie[64]);
void app_logout(struct app_ctx *ctx, const char *cookie);

/* Resolves a session cookie or bearer token to a principal whose strings
 * live in ctx->arena. csrf (65 bytes) gets the session's CSRF token ("" for
 * a bearer token). -1 if neither is valid. */
int app_authenticate(struct app_ctx *ctx, const char *cookie,
                     const char *bearer, struct principal *out, char *csrf);

/* The current account as {"user", "csrf_token"}. */
json_t *app_session_info(struct app_ctx *ctx, const char *csrf);

/* Creates an API token for the calling account: {"id", "name", "token"}. */
json_t *app_token_create(struct app_ctx *ctx, json_t *body);

/* When no account exists, creates "admin" with a random password written
 * to password (at least 20 bytes); returns 1 if created, 0 if accounts
 * already exist, -1 on error. */
int app_bootstrap_admin(struct app_ctx *ctx, char *password, size_t len);

/* Creates an account from plain values (CLI "user add"). */
int app_account_add(struct app_ctx *ctx, const char *username,
                    const char *password, const char *role, const char *region);
/* Sets a password (CLI "user passwd"). */
int app_account_set_password(struct app_ctx *ctx, const char *username,
                             const char *password);

#endif
