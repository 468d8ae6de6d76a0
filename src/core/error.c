#include "core/error.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int status;
} codes[LX_CODE__MAX] = {
	[LX_OK] = { "ok", 200 },
	[LX_EMALFORMED] = { "malformed", 400 },
	[LX_EAUTH] = { "unauthenticated", 401 },
	[LX_EFORBIDDEN] = { "forbidden", 403 },
	[LX_ENOTFOUND] = { "not_found", 404 },
	[LX_ECONFLICT] = { "conflict", 409 },
	[LX_ETOOBIG] = { "too_large", 413 },
	[LX_EMETHOD] = { "method_not_allowed", 405 },
	[LX_EINVALID] = { "invalid", 422 },
	[LX_EINTERNAL] = { "internal", 500 },
	[LX_ETHROTTLED] = { "too_many_requests", 429 },
	[LX_EBUSY] = { "busy", 503 },
};

/* A text cut to its buffer may end inside a UTF-8 character (a Chinese
 * column header in an import's error): the broken tail is dropped, so
 * the error still makes valid JSON. */
static void drop_partial_utf8(char *s)
{
	size_t n = strlen(s), lead = n;

	while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80 &&
	       n - lead < 3)
		lead--;
	if (lead > 0 && ((unsigned char)s[lead - 1] & 0x80)) {
		unsigned char c = (unsigned char)s[lead - 1];
		size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;

		if (n - (lead - 1) < want)
			s[lead - 1] = '\0';
	}
}

int lx_fail(struct lx_error *err, enum lx_code code, const char *field,
            const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	drop_partial_utf8(err->field);
	drop_partial_utf8(err->message);
	return -1;
}

void lx_error_clear(struct lx_error *err)
{
	memset(err, 0, sizeof(*err));
}

const char *lx_code_name(enum lx_code code)
{
	if ((unsigned)code >= LX_CODE__MAX)
		code = LX_EINTERNAL;
	return codes[code].name;
}

int lx_code_http_status(enum lx_code code)
{
	if ((unsigned)code >= LX_CODE__MAX)
		code = LX_EINTERNAL;
	return codes[code].status;
}
