#include "http/static_files.h"

#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/*
 * Why in memory and not .gz files beside the sources: the server serves
 * web/ straight from the source tree in development and in the tests, and
 * from a copy of it once installed; a precompressed file that a later edit
 * left stale would be served silently. A file is read and compressed once,
 * on its first request, and kept while its size, modification time and
 * inode stay the same; a changed file is read again. The web client is
 * about 1.5 MB, so the copies cost a few megabytes of memory.
 *
 * Why "no-cache" for every file: the URLs carry no release number, and a
 * page must see a new release at once. With no-cache the browser keeps
 * the file but asks each time with If-None-Match; an unchanged file
 * answers 304 with no body, so a reload costs round trips, not bytes.
 */

#define BIG_FILE ((off_t)64 << 20) /* larger files are not kept */

struct entry {
	struct entry *next;
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	unsigned char *plain;
	size_t plain_len;
	unsigned char *gz; /* NULL when compressing does not pay */
	size_t gz_len;
	char etag[40];    /* "hex" */
	char etag_gz[44]; /* "hex-gz": another representation, another tag */
	const char *type;
	int current; /* 0 once a newer read of the file replaced it */
};

/* Entries are never freed while serving: an answer in flight may still
 * point into one that a newer read of its file replaced. */
static struct entry *entries;
static pthread_mutex_t entries_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct {
	const char *ext, *type;
	int compress;
} types[] = {
	{ ".html", "text/html; charset=utf-8", 1 },
	{ ".js", "text/javascript; charset=utf-8", 1 },
	{ ".mjs", "text/javascript; charset=utf-8", 1 },
	{ ".css", "text/css; charset=utf-8", 1 },
	{ ".json", "application/json; charset=utf-8", 1 },
	{ ".svg", "image/svg+xml", 1 },
	{ ".png", "image/png", 0 },
	{ ".ico", "image/x-icon", 0 },
};

static int type_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return (int)i;
	return -1;
}

/* gzip (RFC 1952) of data at the highest level; 0 when it would not be
 * smaller than the data itself. */
static int gzip_of(const unsigned char *data, size_t len, unsigned char **out,
                   size_t *out_len)
{
	z_stream z = { 0 };
	uLong cap;
	unsigned char *buf;

	*out = NULL;
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)len) + 32;
	if (!(buf = malloc(cap))) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = buf;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out >= len) {
		deflateEnd(&z);
		free(buf);
		return 0;
	}
	*out_len = z.total_out;
	*out = buf;
	deflateEnd(&z);
	return 0;
}

static void entry_free(struct entry *e)
{
	free(e->path);
	free(e->plain);
	free(e->gz);
	free(e);
}

/* Reads the open file fd into a new entry; NULL when out of memory or
 * the read fails. */
static struct entry *entry_read(int fd, const char *path, const struct stat *st,
                                int type)
{
	struct entry *e = calloc(1, sizeof(*e));
	unsigned char hash[16];
	size_t got = 0;

	if (!e)
		return NULL;
	e->path = strdup(path);
	e->plain = malloc(st->st_size ? (size_t)st->st_size : 1);
	if (!e->path || !e->plain)
		goto fail;
	while (got < (size_t)st->st_size) {
		ssize_t n = pread(fd, e->plain + got, (size_t)st->st_size - got,
		                  (off_t)got);

		if (n <= 0)
			goto fail;
		got += (size_t)n;
	}
	e->plain_len = got;
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->size = st->st_size;
	e->mtime = st->st_mtim;
	e->type = type >= 0 ? types[type].type : "application/octet-stream";
	if (type >= 0 && types[type].compress &&
	    gzip_of(e->plain, e->plain_len, &e->gz, &e->gz_len))
		goto fail;
	/* strong: the same bytes give the same tag on every server */
	crypto_generichash(hash, sizeof(hash), e->plain, e->plain_len, NULL, 0);
	e->etag[0] = '"';
	sodium_bin2hex(e->etag + 1, 33, hash, sizeof(hash));
	strcpy(e->etag + 33, "\"");
	snprintf(e->etag_gz, sizeof(e->etag_gz), "\"%.32s-gz\"", e->etag + 1);
	e->current = 1;
	return e;
fail:
	entry_free(e);
	return NULL;
}

static int same_file(const struct entry *e, const struct stat *st)
{
	return e->dev == st->st_dev && e->ino == st->st_ino &&
	       e->size == st->st_size &&
	       e->mtime.tv_sec == st->st_mtim.tv_sec &&
	       e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* The current entry for path, read again when the file changed. */
static struct entry *entry_for(int fd, const char *path, const struct stat *st,
                               int type)
{
	struct entry *e, *found = NULL;

	pthread_mutex_lock(&entries_lock);
	for (e = entries; e; e = e->next)
		if (e->current && !strcmp(e->path, path)) {
			found = e;
			break;
		}
	if (!found || !same_file(found, st)) {
		struct entry *fresh = entry_read(fd, path, st, type);

		if (fresh) {
			if (found)
				found->current = 0;
			fresh->next = entries;
			entries = fresh;
		}
		found = fresh;
	}
	pthread_mutex_unlock(&entries_lock);
	return found;
}

/* Whether the Accept-Encoding header lists gzip (or "*") with a q above
 * zero. */
static int accepts_gzip(struct MHD_Connection *conn)
{
	const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                            "Accept-Encoding");

	while (h && *h) {
		const char *end = strchr(h, ',');
		size_t n = end ? (size_t)(end - h) : strlen(h);
		size_t name;
		const char *q;

		while (n && (*h == ' ' || *h == '\t'))
			h++, n--;
		name = strcspn(h, " \t;,");
		if (name > n)
			name = n;
		if ((name == 4 && !strncasecmp(h, "gzip", 4)) ||
		    (name == 1 && *h == '*')) {
			q = memchr(h, ';', n);
			if (!q)
				return 1;
			q = strstr(q, "q=");
			if (!q || q > h + n || strtod(q + 2, NULL) > 0)
				return 1;
		}
		h = end ? end + 1 : NULL;
	}
	return 0;
}

/* Whether If-None-Match names either tag of e, or is "*". */
static int holds(struct MHD_Connection *conn, const struct entry *e)
{
	const char *h =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");

	if (!h)
		return 0;
	if (!strcmp(h, "*"))
		return 1;
	/* the tags are fixed-length hex in quotes: one cannot hide inside
	 * another, so a plain search is exact */
	return strstr(h, e->etag) || strstr(h, e->etag_gz);
}

static void add_headers(struct MHD_Response *resp, const struct entry *e,
                        const char *etag)
{
	MHD_add_response_header(resp, "Content-Type", e->type);
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	MHD_add_response_header(resp, "ETag", etag);
	if (e->gz)
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'self'; img-src 'self' data:; "
	                        "style-src 'self' 'unsafe-inline'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

enum MHD_Result static_files_serve(struct MHD_Connection *conn,
                                   const char *root, const char *url,
                                   int *found)
{
	char path[1024];
	struct stat st;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	struct entry *e;
	int fd, gz, type, status = MHD_HTTP_OK;

	*found = 0;
	if (!strcmp(url, "/"))
		url = "/index.html";
	if (strstr(url, "..") || strstr(url, "/.") || strlen(url) > 512)
		return MHD_YES;
	snprintf(path, sizeof(path), "%s%s", root, url);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return MHD_YES;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return MHD_YES;
	}
	*found = 1;
	type = type_of(path);
	if (st.st_size > BIG_FILE) {
		/* too big to keep: sent from the file as it is */
		resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
		if (!resp) {
			close(fd);
			return MHD_NO;
		}
		MHD_add_response_header(resp, "Content-Type",
		                        type >= 0 ? types[type].type
		                                  : "application/octet-stream");
		MHD_add_response_header(resp, "X-Content-Type-Options",
		                        "nosniff");
		ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
		MHD_destroy_response(resp);
		return ret;
	}
	e = entry_for(fd, path, &st, type);
	close(fd);
	if (!e)
		return MHD_NO;
	gz = e->gz && accepts_gzip(conn);
	if (holds(conn, e)) {
		status = MHD_HTTP_NOT_MODIFIED;
		resp = MHD_create_response_from_buffer(0, "",
		                                       MHD_RESPMEM_PERSISTENT);
	} else if (gz)
		resp = MHD_create_response_from_buffer(e->gz_len, e->gz,
		                                       MHD_RESPMEM_PERSISTENT);
	else
		resp = MHD_create_response_from_buffer(e->plain_len, e->plain,
		                                       MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	add_headers(resp, e, gz ? e->etag_gz : e->etag);
	if (gz && status == MHD_HTTP_OK)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

void static_files_done(void)
{
	pthread_mutex_lock(&entries_lock);
	while (entries) {
		struct entry *e = entries;

		entries = e->next;
		entry_free(e);
	}
	pthread_mutex_unlock(&entries_lock);
}
