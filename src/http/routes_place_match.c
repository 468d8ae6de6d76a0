/* Each handler turns a request into one app_place_* call
 * (app/place_ratings.c, app/place_match.c, app/place_public.c). */
#include "http/routes_place_match.h"

#include "app/place_match.h"
#include "app/place_public.h"
#include "app/place_ratings.h"

#include <sodium.h>
#include <stdlib.h>

/* The public answers may be kept by browsers and proxies this long: a
 * vacancy seen a few minutes late does no harm, and a phone on a weak
 * network asks again less. */
#define PUBLIC_MAX_AGE "public, max-age=300"

static long long facility_id(struct hreq *r)
{
	char *end;
	long long id = r->arg ? strtoll(r->arg, &end, 10) : -1;

	if (!r->arg || *end || id <= 0) {
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
		return -1;
	}
	return id;
}

void place_ratings_list(struct hreq *r)
{
	long long id = facility_id(r);

	if (id > 0)
		r->out = app_place_rating_list(r->ctx, id, r->query);
}

void place_ratings_add(struct hreq *r)
{
	long long id = facility_id(r);

	if (id > 0) {
		r->out = app_place_rating_add(r->ctx, id, r->body);
		r->status = r->out ? 201 : r->status;
	}
}

void place_match(struct hreq *r)
{
	r->out = app_place_match(r->ctx, r->query);
}

/* A cached public answer: JSON text with an ETag from its content, so a
 * browser that has it is told 304 (server.c). */
static void public_text(struct hreq *r, int rc, int hit)
{
	unsigned char h[16];

	if (rc)
		return;
	r->content_type = "application/json; charset=utf-8";
	r->cache = hit ? "hit" : "miss";
	r->cache_control = PUBLIC_MAX_AGE;
	crypto_generichash(h, sizeof(h), (const unsigned char *)r->text,
	                   r->textlen, NULL, 0);
	r->etag[0] = '"';
	sodium_bin2hex(r->etag + 1, sizeof(r->etag) - 2, h, sizeof(h));
	r->etag[33] = '"';
	r->etag[34] = '\0';
}

void place_public_search(struct hreq *r)
{
	int hit = 0;
	int rc = app_place_public_search(r->ctx, r->query, &r->text,
	                                 &r->textlen, &hit);

	public_text(r, rc, hit);
}

void place_public_regions(struct hreq *r)
{
	int hit = 0;
	int rc = app_place_public_regions(r->ctx, r->query, &r->text,
	                                  &r->textlen, &hit);

	public_text(r, rc, hit);
}
