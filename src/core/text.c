#include "core/text.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at p (n bytes available), or 0
 * if the bytes there are not one. Follows RFC 3629 section 4. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
	if (c == 0xE0)
		lo = 0xA0; /* overlong */
	else if (c == 0xED)
		hi = 0x9F; /* surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return len;
}

/* Offset of the first byte that does not start a well-formed sequence, or
 * n if all n bytes are valid. */
static size_t utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t len = utf8_seq(p + i, n - i);

		if (len == 0)
			return i;
		i += len;
	}
	return n;
}

int text_utf8_valid(const char *s, size_t n)
{
	if (n == 0)
		return 1;
	return s && utf8_invalid_at(s, n) == n;
}

size_t text_utf8_length(const char *s)
{
	size_t count = 0;

	if (!s)
		return 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			count++;
	return count;
}

static const char bom[] = "\xEF\xBB\xBF";

/* Fills err for a GB18030 conversion that stopped at byte off of buf with
 * errno e: EINVAL for a sequence cut short by the end, else EILSEQ. */
static void conversion_error(struct lx_error *err, const char *buf, size_t off,
                             int e)
{
	if (e == EINVAL)
		lx_fail(err, LX_EINVALID, NULL,
		        "file is neither utf-8 nor gb18030: it ends inside a "
		        "character at byte offset %zu",
		        off);
	else
		lx_fail(
		    err, LX_EINVALID, NULL,
		    "file is neither utf-8 nor gb18030: invalid byte 0x%02x "
		    "at byte offset %zu",
		    (unsigned char)buf[off], off);
}

/* Converts n bytes of GB18030 at buf into a new arena string; NULL and err
 * filled on failure. */
static char *from_gb18030(struct arena *a, const char *buf, size_t n,
                          size_t *len, struct lx_error *err)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	/* two-byte GBK characters become three UTF-8 bytes: 1.5 times */
	size_t cap = n + n / 2 + 16, inleft = n, outleft;
	char *in = (char *)buf, *out, *op;
	char *ret = NULL;

	if (cd == (iconv_t)-1) {
		lx_fail(err, LX_EINTERNAL, NULL,
		        "no gb18030 converter in this system's iconv");
		return NULL;
	}
	out = arena_alloc(a, cap);
	op = out;
	outleft = cap - 1;
	while (inleft > 0) {
		size_t used;
		char *bigger;

		if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1)
			break;
		if (errno != E2BIG) {
			conversion_error(err, buf, (size_t)(in - buf), errno);
			goto cleanup;
		}
		/* not reached while the 1.5 bound holds; kept for safety */
		used = (size_t)(op - out);
		bigger = arena_alloc(a, cap * 2);
		memcpy(bigger, out, used);
		cap *= 2;
		out = bigger;
		op = out + used;
		outleft = cap - 1 - used;
	}
	*op = '\0';
	*len = (size_t)(op - out);
	ret = out;
cleanup:
	iconv_close(cd);
	return ret;
}

char *text_to_utf8(struct arena *a, const char *buf, size_t n, size_t *outlen,
                   const char **detected, struct lx_error *err)
{
	const char *enc = "utf-8";
	const char *nul;
	size_t skip = 0, bad, len = 0;
	char *out;

	if (n == 0)
		buf = "";
	if (n >= 3 && memcmp(buf, bom, 3) == 0) {
		skip = 3;
		enc = "utf-8-bom";
	}
	nul = memchr(buf, '\0', n);
	if (nul) {
		lx_fail(err, LX_EINVALID, NULL,
		        "file has a NUL byte at byte offset %zu; save it as "
		        "utf-8 or gb18030 text, not utf-16",
		        (size_t)(nul - buf));
		return NULL;
	}
	bad = skip + utf8_invalid_at(buf + skip, n - skip);
	if (bad == n) {
		out = arena_strndup(a, buf + skip, n - skip);
		len = n - skip;
	} else if (skip) {
		/* the byte order mark says utf-8; do not guess further */
		lx_fail(err, LX_EINVALID, NULL,
		        "file starts with a utf-8 byte order mark but has "
		        "invalid utf-8 at byte offset %zu",
		        bad);
		return NULL;
	} else {
		out = from_gb18030(a, buf, n, &len, err);
		if (!out)
			return NULL;
		enc = "gb18030";
		if (len >= 3 && memcmp(out, bom, 3) == 0) {
			out += 3;
			len -= 3;
		}
	}
	if (outlen)
		*outlen = len;
	if (detected)
		*detected = enc;
	return out;
}

void text_excerpt(const char *s, size_t max, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t limit, n, i = 0, o = 0;

	if (outlen == 0)
		return;
	if (!s) {
		out[0] = '\0';
		return;
	}
	n = strlen(s);
	limit = outlen > 4 ? outlen - 4 : 0; /* room for "..." and NUL */
	if (max < limit)
		limit = max;
	while (i < n) {
		size_t len = utf8_seq(p + i, n - i);
		int replace = len == 0 || p[i] < 0x20 || p[i] == 0x7F;

		if (replace)
			len = 1;
		if (o + (replace ? 1 : len) > limit)
			break;
		if (replace)
			out[o++] = '?';
		else
			for (size_t k = 0; k < len; k++)
				out[o++] = (char)p[i + k];
		i += len;
	}
	if (i < n && outlen >= 4) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

void text_html_escape(struct abuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			abuf_puts(b, "&lt;");
			break;
		case '>':
			abuf_puts(b, "&gt;");
			break;
		case '&':
			abuf_puts(b, "&amp;");
			break;
		case '"':
			abuf_puts(b, "&quot;");
			break;
		default:
			abuf_append(b, s, 1);
		}
	}
}
