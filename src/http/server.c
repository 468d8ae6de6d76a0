#include "http/server.h"

#include "app/accounts.h"
#include "app/keys.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/policy_cite.h"
#include "app/result_cache.h"
#include "core/text.h"
#include "http/policy_holder.h"
#include "http/route.h"
#include "http/static_files.h"
#include "store/db.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Per-connection state between libmicrohttpd's calls for one request. */
struct request {
	struct arena *arena;
	struct abuf body;
	size_t limit;
	int too_big;
	int over_budget; /* the server's body budget was spent */
	size_t counted;  /* bytes of this body counted in bodies_in_flight */
};

static const struct server_config *config;

/* Request bodies held in memory by all connections together: past the
 * budget a body is refused (503) instead of growing the process. */
static size_t bodies_in_flight;
static pthread_mutex_t bodies_lock = PTHREAD_MUTEX_INITIALIZER;

static int take_body_bytes(struct request *req, size_t n)
{
	int ok;

	pthread_mutex_lock(&bodies_lock);
	ok = bodies_in_flight + n <= config->body_budget;
	if (ok) {
		bodies_in_flight += n;
		req->counted += n;
	}
	pthread_mutex_unlock(&bodies_lock);
	return ok;
}

static void give_body_bytes(struct request *req)
{
	pthread_mutex_lock(&bodies_lock);
	bodies_in_flight -= req->counted;
	pthread_mutex_unlock(&bodies_lock);
	req->counted = 0;
}

static struct pii_keys *keys; /* start-up configuration, read only after */
/* made at start-up; it guards its own entries (app/result_cache.h) */
static struct result_cache *cache;
static pthread_key_t db_key;

static void close_db(void *p)
{
	db_close(p);
}

/* One connection per worker thread, opened on first use and closed when
 * the thread ends. */
static struct db *thread_db(struct lx_error *err)
{
	struct db *db = pthread_getspecific(db_key);

	if (!db) {
		db = db_open(config->db_path, err);
		if (db)
			pthread_setspecific(db_key, db);
	}
	return db;
}

static void add_common_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

enum { DISPOSITION_MAX = 1024, DISPOSITION_ASCII_MAX = 200 };

/* Whether byte c stands for itself in an RFC 5987 value (attr-char). */
static int attr_char(unsigned char c)
{
	return c < 0x80 && (isalnum(c) || strchr("!#$&+-.^_`|~", c));
}

/* Content-Disposition for a download named name (UTF-8): the name itself
 * as RFC 5987 filename*=UTF-8''…, first, so 巴中市….xlsx arrives as named
 * (RFC 6266 prefers it, and a client reading the first filename finds
 * it), then an ASCII filename= for old clients, each non-ASCII character
 * as '_'. A name too long for the header is cut between characters. */
static void content_disposition(char out[DISPOSITION_MAX], const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)name, *q;
	size_t n = (size_t)snprintf(out, DISPOSITION_MAX,
	                            "attachment; filename*=UTF-8''");

	while (*p) {
		size_t len = 1, need = 0;

		/* one whole character at a time, leaving room for the
		 * fallback */
		while (p[len] && (p[len] & 0xC0) == 0x80)
			len++;
		for (size_t k = 0; k < len; k++)
			need += attr_char(p[k]) ? 1 : 3;
		if (n + need + DISPOSITION_ASCII_MAX + 20 >= DISPOSITION_MAX)
			break;
		for (size_t k = 0; k < len; k++, p++) {
			if (attr_char(*p)) {
				out[n++] = (char)*p;
				continue;
			}
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	n += (size_t)snprintf(out + n, DISPOSITION_MAX - n, "; filename=\"");
	for (q = (const unsigned char *)name;
	     *q && n < DISPOSITION_MAX - 3 &&
	     q - (const unsigned char *)name < DISPOSITION_ASCII_MAX;
	     q++) {
		if ((*q & 0xC0) == 0x80)
			continue; /* the rest of one character */
		out[n++] = *q >= 0x80 || *q < 0x20 || *q == '"' || *q == '\\'
		               ? '_'
		               : (char)*q;
	}
	out[n++] = '"';
	out[n] = 0;
}

static enum MHD_Result send_buffer(struct MHD_Connection *conn, int status,
                                   const char *type, const char *data,
                                   size_t len, struct hreq *r)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    len, (void *)data, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	if (type)
		MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control",
	                        r && r->cache_control ? r->cache_control
	                                              : "no-store");
	add_common_headers(resp);
	if (r && r->etag[0])
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r && r->cache)
		MHD_add_response_header(resp, "X-Cache", r->cache);
	if (r && r->set_cookie[0])
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r && r->request_id[0])
		MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	if (r)
		r->sent = status;
	if (r && r->retry_after > 0) {
		char secs[24];

		snprintf(secs, sizeof(secs), "%lld", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", secs);
	}
	if (r && r->filename) {
		char disp[DISPOSITION_MAX];

		content_disposition(disp, r->filename);
		MHD_add_response_header(resp, "Content-Disposition", disp);
	}
	ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *conn, int status,
                                 json_t *j, struct hreq *r)
{
	/* jansson's default precision round-trips every double: values are
	 * documented as unrounded */
	char *s = json_dumps(j, JSON_COMPACT);
	enum MHD_Result ret;

	if (!s)
		return MHD_NO;
	ret = send_buffer(conn, status, "application/json; charset=utf-8", s,
	                  strlen(s), r);
	free(s);
	return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *conn,
                                  const struct lx_error *e, json_t *details,
                                  struct hreq *r)
{
	json_t *body = json_pack("{s:{s:s, s:s, s:s}}", "error", "code",
	                         lx_code_name(e->code), "message", e->message,
	                         "field", e->field);
	enum MHD_Result ret;

	if (details)
		json_object_update(body, details);
	if (e->code == LX_ETHROTTLED && r)
		r->retry_after =
		    json_integer_value(json_object_get(details, "retry_after"));
	ret = send_json(conn, lx_code_http_status(e->code), body, r);
	json_decref(body);
	return ret;
}

static enum MHD_Result fail(struct MHD_Connection *conn, enum lx_code code,
                            const char *field, const char *msg)
{
	struct lx_error e;

	lx_fail(&e, code, field, "%s", msg);
	return send_error(conn, &e, NULL, NULL);
}

/* Query parameters into a JSON object of strings. jansson refuses invalid
 * UTF-8, so such a parameter is recorded under the key "" to be refused
 * as a whole rather than silently dropped. */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind,
                                   const char *key, const char *value)
{
	json_t *v = json_string(value ? value : "");

	(void)kind;
	if (!v || !text_utf8_valid(key, strlen(key))) {
		json_decref(v);
		json_object_set_new(cls, "", json_true());
		return MHD_YES;
	}
	json_object_set_new(cls, key, v);
	return MHD_YES;
}

/* Static files under web_root (http/static_files.c); no "..", no hidden
 * files. */
static enum MHD_Result serve_static(struct MHD_Connection *conn,
                                    const char *url)
{
	int found;
	enum MHD_Result ret =
	    static_files_serve(conn, config->web_root, url, &found);

	if (!found)
		return fail(conn, LX_ENOTFOUND, "", "no such page");
	return ret;
}

/* The client's address as text ("" when not known): what failed logins
 * are counted by, besides the account name. */
static const char *client_address(struct MHD_Connection *conn, char *out,
                                  size_t len)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	out[0] = '\0';
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		          out, (socklen_t)len);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		          &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
		          (socklen_t)len);
	return out;
}

/* A request's id: this process's random prefix and a counter, so that
 * a user's report, the answer's X-Request-Id and the log line meet. */
static unsigned request_prefix; /* drawn at start-up */
static unsigned long long request_counter;

static void new_request_id(char out[24])
{
	unsigned long long n =
	    __atomic_add_fetch(&request_counter, 1, __ATOMIC_RELAXED);

	snprintf(out, 24, "%08x-%llu", request_prefix, n);
}

/* One line per API request when asked (log_requests), and always for a
 * server error: when, the id, method, path (never the query, which may
 * hold a searched name or number), status, time taken, account. */
static void log_request(const struct hreq *r, const char *method,
                        const char *url, const struct timespec *t0,
                        const struct principal *who)
{
	struct timespec t1;
	char stamp[24];
	time_t now = time(NULL);
	struct tm tm;
	double ms;

	if (!config->log_requests && r->sent < 500)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	     (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s %s %s %d %.1fms account=%lld%s%s\n", stamp,
	        r->request_id, method, url, r->sent, ms,
	        who ? who->account_id : 0LL, r->sent >= 500 ? " error: " : "",
	        r->sent >= 500 ? r->ctx->err.message : "");
}

/* Whether If-None-Match names etag (or is "*"): the client already holds
 * this answer. */
static int etag_matches(struct MHD_Connection *conn, const char *etag)
{
	const char *h =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
	size_t n = strlen(etag);

	if (!h)
		return 0;
	if (!strcmp(h, "*"))
		return 1;
	for (const char *p = strstr(h, etag); p; p = strstr(p + 1, etag))
		if ((p == h || p[-1] == ' ' || p[-1] == ',' || p[-1] == '/') &&
		    (!p[n] || p[n] == ',' || p[n] == ' '))
			return 1;
	return 0;
}

static int is_write(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD");
}

static enum MHD_Result dispatch(struct MHD_Connection *conn, const char *url,
                                const char *method, struct request *req)
{
	struct lx_error err = { 0 };
	struct db *db = thread_db(&err);
	struct principal who;
	struct app_ctx ctx;
	struct hreq r = { 0 };
	const struct route *rt;
	char csrf[65] = "", addr[INET6_ADDRSTRLEN] = "";
	struct timespec t0;
	const char *auth, *arg;
	int mismatch, authed = 0;
	json_t *query = json_object(), *body = NULL;
	enum MHD_Result ret;

	if (!db) {
		json_decref(query);
		return send_error(conn, &err, NULL, NULL);
	}
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = policy_holder_acquire();
	ctx.keys = keys;
	ctx.cache = cache;
	r.ctx = &ctx;
	r.status = 200;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	new_request_id(r.request_id);
	rt = route_find(ctx.arena, method, url, &arg, &mismatch);
	if (!rt) {
		lx_fail(&ctx.err, mismatch ? LX_EMETHOD : LX_ENOTFOUND, "",
		        mismatch ? "method %s is not allowed here"
		                 : "no such endpoint",
		        method);
		goto error;
	}
	r.arg = arg;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg,
	                          query);
	r.query = query;
	if (json_object_get(query, "")) {
		lx_fail(&ctx.err, LX_EMALFORMED, "",
		        "a query parameter is not valid UTF-8");
		goto error;
	}
	r.cookie =
	    MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "lx_session");
	r.addr = client_address(conn, addr, sizeof(addr));
	r.secure_cookies = config->secure_cookies;
	auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                   MHD_HTTP_HEADER_AUTHORIZATION);
	if (auth && strncmp(auth, "Bearer ", 7))
		auth = NULL;
	if (!app_authenticate(&ctx, auth ? NULL : r.cookie,
	                      auth ? auth + 7 : NULL, config->session_idle,
	                      &who, csrf)) {
		ctx.who = &who;
		authed = 1;
	}
	r.csrf = csrf;
	/* the database's own wall follows who is asking, on a connection
	 * the previous request may have left scoped to someone else */
	if (db_set_scope(db, authed ? principal_db_scope(&who) : "", &ctx.err))
		goto error;
	if (!(rt->flags & R_PUBLIC)) {
		const char *given;

		if (!authed) {
			lx_fail(&ctx.err, LX_EAUTH, "", "please log in");
			goto error;
		}
		/* the authorization matrix: a role the route is not for is
		 * refused before anything is read or checked */
		if (who.role < 0 || who.role >= ROLE__MAX ||
		    rt->access[who.role] == '-') {
			lx_fail(&ctx.err, LX_EFORBIDDEN, "",
			        "your role (%s) may not do this",
			        role_name(who.role));
			goto error;
		}
		given = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                    "X-CSRF-Token");
		/* a cookie is sent by the browser on its own; the header
		 * proves the page itself made the request */
		if (!auth && is_write(method) &&
		    (!given || strlen(given) != strlen(csrf) ||
		     sodium_memcmp(given, csrf, strlen(csrf)))) {
			lx_fail(&ctx.err, LX_EFORBIDDEN, "csrf",
			        "missing or wrong X-CSRF-Token header");
			goto error;
		}
	}
	if (rt->flags & R_JSON_BODY) {
		json_error_t jerr;

		if (!req->body.len) {
			lx_fail(&ctx.err, LX_EMALFORMED, "",
			        "the request needs a JSON body");
			goto error;
		}
		body = json_loadb(req->body.data, req->body.len,
		                  JSON_REJECT_DUPLICATES, &jerr);
		if (!body) {
			lx_fail(&ctx.err, LX_EMALFORMED, "",
			        "the body is not valid JSON: %s at line %d, "
			        "column %d",
			        jerr.text, jerr.line, jerr.column);
			goto error;
		}
		if (!json_is_object(body)) {
			lx_fail(&ctx.err, LX_EMALFORMED, "",
			        "the body must be a JSON object");
			goto error;
		}
		r.body = body;
	}
	r.raw = req->body.data;
	r.rawlen = req->body.len;
	rt->handler(&r);
	if (r.text && r.etag[0] && r.status == 200 &&
	    etag_matches(conn, r.etag))
		ret = send_buffer(conn, 304, NULL, "", 0, &r);
	else if (r.text)
		ret = send_buffer(conn, r.status, r.content_type, r.text,
		                  r.textlen, &r);
	else if (r.out) {
		policy_cite_json(ctx.policies, ctx.arena, r.out);
		ret = send_json(conn, r.status, r.out, &r);
	} else if (r.status == 204 && ctx.err.code == LX_OK)
		ret = send_buffer(conn, 204, NULL, "", 0, &r);
	else
		goto error;
	goto cleanup;
error:
	if (ctx.err.code == LX_OK)
		lx_fail(&ctx.err, LX_EINTERNAL, "", "the request failed");
	ret = send_error(conn, &ctx.err, ctx.details, &r);
cleanup:
	log_request(&r, method, url, &t0, ctx.who);
	json_decref(r.out);
	json_decref(body);
	json_decref(query);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	return ret;
}

static int announces_body(struct MHD_Connection *conn, const char *len)
{
	const char *te = MHD_lookup_connection_value(
	    conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);

	return (len && strtoull(len, NULL, 10) > 0) || te;
}

/* Whether the body of a request may be read: a route that exists, and
 * either needs no login or comes with a live session or token. Checked
 * when the headers are in, so an unknown client costs no memory. */
static enum lx_code may_send_body(struct MHD_Connection *conn, const char *url,
                                  const char *method)
{
	struct lx_error err = { 0 };
	struct db *db;
	struct app_ctx ctx;
	struct principal who;
	const struct route *rt;
	const char *arg, *auth, *cookie;
	char csrf[65];
	int mismatch;
	enum lx_code code = LX_OK;

	if (strncmp(url, "/api/", 5))
		return LX_EMALFORMED;
	if (!(db = thread_db(&err)))
		return LX_EBUSY;
	app_ctx_init(&ctx, db, NULL);
	rt = route_find(ctx.arena, method, url, &arg, &mismatch);
	if (!rt) {
		code = mismatch ? LX_EMETHOD : LX_ENOTFOUND;
	} else if (!(rt->flags & R_PUBLIC)) {
		cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND,
		                                     "lx_session");
		auth = MHD_lookup_connection_value(
		    conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
		if (auth && strncmp(auth, "Bearer ", 7))
			auth = NULL;
		if (app_authenticate(&ctx, auth ? NULL : cookie,
		                     auth ? auth + 7 : NULL,
		                     config->session_idle, &who, csrf))
			code = LX_EAUTH;
		else if (who.role < 0 || who.role >= ROLE__MAX ||
		         rt->access[who.role] == '-')
			code = LX_EFORBIDDEN;
	}
	app_ctx_done(&ctx);
	return code;
}

static const char *refusal(enum lx_code code)
{
	switch (code) {
	case LX_EAUTH:
		return "please log in";
	case LX_EFORBIDDEN:
		return "your role may not do this";
	case LX_ENOTFOUND:
		return "no such endpoint";
	case LX_EMETHOD:
		return "this method is not allowed here";
	case LX_EBUSY:
		return "the database cannot be read";
	default:
		return "only GET is allowed here";
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct request *req = *con_cls;

	(void)cls;
	(void)version;
	if (!req) {
		const char *len;
		struct arena *a = arena_new();

		req = arena_alloc(a, sizeof(*req));
		req->arena = a;
		abuf_init(&req->body, a);
		req->limit = strncmp(url, "/api/v1/import/", 15)
		                 ? config->json_limit
		                 : config->csv_limit;
		*con_cls = req;
		len = MHD_lookup_connection_value(
		    conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (len && strtoull(len, NULL, 10) > req->limit)
			req->too_big = 1;
		/* nobody's body is read before they are known: a body for a
		 * route that needs a login is refused at its headers, and the
		 * connection closed without reading it */
		if (announces_body(conn, len)) {
			enum lx_code code = may_send_body(conn, url, method);

			if (code != LX_OK)
				return fail(conn, code, "", refusal(code));
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (req->too_big || req->over_budget ||
		    req->body.len + *upload_data_size > req->limit)
			req->too_big = !req->over_budget;
		else if (!take_body_bytes(req, *upload_data_size))
			req->over_budget = 1;
		else
			abuf_append(&req->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (req->over_budget)
		return fail(conn, LX_EBUSY, "",
		            "the server is receiving too much at once: try "
		            "again in a moment");
	if (req->too_big)
		return fail(conn, LX_ETOOBIG, "",
		            "the request body is larger than allowed");
	if (strncmp(url, "/api/", 5)) {
		if (strcmp(method, "GET") && strcmp(method, "HEAD"))
			return fail(conn, LX_EMALFORMED, "",
			            "only GET is allowed here");
		return serve_static(conn, url);
	}
	return dispatch(conn, url, method, req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct request *req = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (req) {
		give_body_bytes(req);
		arena_free(req->arena);
	}
	*con_cls = NULL;
}

static volatile sig_atomic_t stop_requested, reload_requested;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		reload_requested = 1;
	else
		stop_requested = 1;
}

int server_run(const struct server_config *cfg, struct lx_error *err)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	struct MHD_Daemon *d;
	struct sigaction sa = { .sa_handler = on_signal };

	config = cfg;
	request_prefix = randombytes_random();
	if (route_table_check(err))
		return -1;
	{
		/* every connection is a descriptor: allow as many as the
		 * limit says, when the system lets us */
		struct rlimit rl;

		if (!getrlimit(RLIMIT_NOFILE, &rl) &&
		    rl.rlim_cur < (rlim_t)cfg->max_connections + 64 &&
		    rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	{
		/* the key is checked against the database before anything is
		 * served: a missing or foreign key stops the start */
		struct db *db = db_open(cfg->db_path, err);

		keys = db ? app_keys_open(db, cfg->key_path, err) : NULL;
		db_close(db);
		if (!keys)
			return -1;
	}
	if (policy_holder_init(cfg->policies, err)) {
		pii_keys_free(keys);
		return -1;
	}
	/* a city's every-node indicators are a few megabytes of text */
	if (!(cache = result_cache_new((size_t)256 << 20))) {
		policy_holder_done();
		pii_keys_free(keys);
		return lx_fail(err, LX_EINTERNAL, "", "out of memory");
	}
	{
		/* one connection that every cache check asks: a write ends
		 * the kept answers once, not once more per worker thread
		 * (app/result_cache.h) */
		struct db *watch = db_open(cfg->db_path, err);

		if (!watch) {
			result_cache_free(cache);
			policy_holder_done();
			pii_keys_free(keys);
			return -1;
		}
		result_cache_watch(cache, watch);
	}
	if (inet_pton(AF_INET, cfg->listen, &addr.sin_addr) != 1)
		return lx_fail(err, LX_EINVALID, "listen",
		               "'%s' is not an IPv4 address", cfg->listen);
	addr.sin_port = htons((uint16_t)cfg->port);
	if (pthread_key_create(&db_key, close_db))
		return lx_fail(err, LX_EINTERNAL, "", "pthread_key_create");
	d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG,
	    (uint16_t)cfg->port, NULL, NULL, on_request, NULL,
	    MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_THREAD_POOL_SIZE,
	    cfg->threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    /* each connection's buffer for the request line, headers and
	     * the response headers; libmicrohttpd zeroes all of it between
	     * two requests on a kept-alive connection, so its size is paid
	     * on every request (128 KiB was a seventh of a cached list
	     * page's time): bodies stream through it in pieces, and a
	     * request's headers fit many times over */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
	    /* a client that opens many connections, or keeps them open
	     * without sending, cannot lock others out: connections are
	     * limited in total and per address, and a connection that sends
	     * nothing for the timeout is closed */
	    MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_address,
	    MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout, MHD_OPTION_END);
	if (!d)
		return lx_fail(err, LX_EINTERNAL, "port",
		               "cannot listen on %s:%d: %s", cfg->listen,
		               cfg->port, strerror(errno));
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	{
		const union MHD_DaemonInfo *info =
		    MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);

		printf("laoxiao: listening on http://%s:%u/\n", cfg->listen,
		       info ? info->port : (unsigned)cfg->port);
	}
	fflush(stdout);
	while (!stop_requested) {
		pause();
		if (reload_requested) {
			struct lx_error rerr = { 0 };

			reload_requested = 0;
			if (policy_holder_reload(&rerr))
				fprintf(stderr,
				        "laoxiao: policies not reloaded, the "
				        "running set stays: %s\n",
				        rerr.message);
			else
				fprintf(stderr, "laoxiao: policies reloaded\n");
		}
	}
	MHD_stop_daemon(d);
	static_files_done();
	result_cache_free(cache);
	cache = NULL;
	policy_holder_done();
	pii_keys_free(keys);
	keys = NULL;
	pthread_key_delete(db_key);
	return 0;
}
