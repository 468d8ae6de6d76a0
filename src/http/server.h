/* The HTTP front end: libmicrohttpd with a thread pool, one database
 * connection per worker thread, request bodies capped, JSON errors. */
#ifndef LX_HTTP_SERVER_H
#define LX_HTTP_SERVER_H

#include "core/error.h"

#include <stddef.h>

struct server_config {
	const char *db_path;
	const char *key_path; /* the sealing key file */
	const char *listen;   /* IPv4 address, loopback by default */
	int port;
	const char *web_root; /* static files */
	const char *policies; /* policy files folder */
	unsigned threads;
	size_t json_limit; /* bytes */
	size_t csv_limit;
	int secure_cookies; /* behind TLS: session cookies get Secure */
	long session_idle;  /* seconds; 0: the default (core/login_guard.h) */
	unsigned max_connections; /* open at once, in total */
	unsigned max_per_address; /* open at once from one address */
	unsigned idle_timeout;    /* seconds a connection may send nothing */
	size_t body_budget;       /* request bodies held at once, in bytes */
	int log_requests; /* a line per API request on stderr (errors always) */
};

/* Serves until SIGINT or SIGTERM. Prints the address when ready. */
int server_run(const struct server_config *cfg, struct lx_error *err);

#endif
