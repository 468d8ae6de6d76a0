/* One HTTP request as the route handlers see it, and the route table. */
#ifndef LX_HTTP_ROUTE_H
#define LX_HTTP_ROUTE_H

#include "app/ctx.h"

#include <stddef.h>

struct hreq {
	struct app_ctx *ctx;
	const char *arg; /* the {…} path segment, if the pattern has one */
	json_t *query;   /* query parameters, strings; borrowed */
	json_t *body;    /* parsed JSON body or NULL; borrowed */
	const char *raw; /* raw body (CSV routes) */
	size_t rawlen;
	const char *cookie; /* session cookie value or NULL */
	const char *addr;   /* the client's address, "" when not known */
	int secure_cookies; /* served behind TLS: cookies get Secure */
	const char *csrf;   /* session CSRF token, "" for bearer auth */
	/* out */
	int status;
	json_t *out; /* owned; NULL means ctx->err */
	char *text;  /* arena text body instead of JSON */
	size_t textlen;
	const char *content_type;
	const char *filename; /* Content-Disposition attachment */
	const char *cache;    /* X-Cache: "hit" or "miss" for cached results */
	const char *cache_control; /* NULL: "no-store" */
	char etag[40];             /* quoted; "" for none */
	char set_cookie[200];
	long long retry_after; /* seconds, for a Retry-After header; 0: none */
	char request_id[24];   /* in X-Request-Id and the server's log */
	int sent;              /* the status sent */
};

enum route_flags {
	R_PUBLIC = 1,    /* no login needed */
	R_JSON_BODY = 2, /* body must be a JSON object */
	R_RAW_BODY = 4,  /* body passed raw, the larger CSV limit applies */
};

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/facilities/{}" */
	void (*handler)(struct hreq *r);
	unsigned flags;
	/* one character per role, in enum role order: who may call it and
	 * within what ('*' public, 'a' all, 'r' region, 'o' own facilities,
	 * 's' own records, '-' refused); see routes.c */
	const char *access;
};

/* The whole table, for the authorization matrix (laoxiao routes). */
const struct route *route_table(size_t *n);

/* Whether every route's access string has one known character per role,
 * and a public route is '*' for all: 0, or -1 naming the first that is
 * not in err. */
int route_table_check(struct lx_error *err);

/* Finds the route for method and path; *arg gets the {} segment (arena
 * copy). *method_mismatch is set when the path matches another method. */
const struct route *route_find(struct arena *a, const char *method,
                               const char *path, const char **arg,
                               int *method_mismatch);

#endif
