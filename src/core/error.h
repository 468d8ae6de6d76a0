/*
 * Errors as values. A function that can fail returns -1 (or NULL) and fills
 * a struct lx_error; the front ends map the code once to an HTTP status or an
 * exit status. Messages are lowercase, the subject quoted.
 */
#ifndef LX_CORE_ERROR_H
#define LX_CORE_ERROR_H

#include <stdarg.h>

enum lx_code {
	LX_OK = 0,
	LX_EMALFORMED, /* the request itself cannot be read: 400 */
	LX_EAUTH,      /* not logged in or bad credentials: 401 */
	LX_EFORBIDDEN, /* logged in, not allowed: 403 */
	LX_ENOTFOUND,  /* 404 */
	LX_ECONFLICT,  /* duplicate or stale: 409 */
	LX_ETOOBIG,    /* body over the limit: 413 */
	LX_EMETHOD,    /* path exists, method does not: 405 */
	LX_EINVALID,   /* well-formed but a field is wrong: 422 */
	LX_EINTERNAL,  /* our fault: 500 */
	LX_ETHROTTLED, /* too many tries, wait: 429 */
	LX_EBUSY,      /* the server is at a limit, try again: 503 */
	LX_CODE__MAX
};

struct lx_error {
	enum lx_code code;
	char field[64];    /* the input field at fault, "" if none */
	char message[256]; /* human text, lowercase, subject quoted */
};

/* Fills err (which may be NULL) and returns -1, so callers can write
 * "return lx_fail(err, LX_EINVALID, "beds", "must be ...");". */
int lx_fail(struct lx_error *err, enum lx_code code, const char *field,
            const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Resets err to LX_OK with empty strings. */
void lx_error_clear(struct lx_error *err);

/* Stable machine name of a code, e.g. "invalid"; static storage. */
const char *lx_code_name(enum lx_code code);

/* HTTP status for a code. */
int lx_code_http_status(enum lx_code code);

#endif
