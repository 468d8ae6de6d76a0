/* The public disclosure: one app_disclose_public call, its cached JSON
 * text sent with an ETag from its content, so a browser that has it is
 * told 304 (server.c). */
#include "http/routes_disclose.h"

#include "app/disclose_public.h"

#include <sodium.h>

/* The page may be kept by browsers and proxies this long: a listing or
 * rating seen a few minutes late does no harm, and a phone on a weak
 * network asks again less. */
#define DISCLOSE_MAX_AGE "public, max-age=300"

void disclose_public(struct hreq *r)
{
	unsigned char h[16];
	int hit = 0;

	if (app_disclose_public(r->ctx, r->query, &r->text, &r->textlen, &hit))
		return;
	r->content_type = "application/json; charset=utf-8";
	r->cache = hit ? "hit" : "miss";
	r->cache_control = DISCLOSE_MAX_AGE;
	crypto_generichash(h, sizeof(h), (const unsigned char *)r->text,
	                   r->textlen, NULL, 0);
	r->etag[0] = '"';
	sodium_bin2hex(r->etag + 1, sizeof(r->etag) - 2, h, sizeof(h));
	r->etag[33] = '"';
	r->etag[34] = '\0';
}
