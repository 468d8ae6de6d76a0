#include "core/payee.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = { "bank_card", "social_security_card",
	                                  "corporate" };
static const char *const kind_labels[] = { "银行卡", "社会保障卡", "对公账户" };

const struct enum_names payee_account_kind_names = { kind_names, kind_labels,
	                                             3 };

int payee_account_normalise(const char *s, char *out, size_t outlen,
                            struct lx_error *err, const char *field)
{
	size_t n = 0;

	for (; s && *s; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (*s < '0' || *s > '9')
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' must be the account's digits",
			               field);
		if (n + 1 >= outlen || n >= PAYEE_ACCOUNT_MAX)
			return lx_fail(err, LX_EINVALID, field,
			               "'%s' has more than %d digits", field,
			               PAYEE_ACCOUNT_MAX);
		out[n++] = *s;
	}
	out[n] = '\0';
	if (n < PAYEE_ACCOUNT_MIN)
		return lx_fail(err, LX_EINVALID, field,
		               "'%s' must have at least %d digits", field,
		               PAYEE_ACCOUNT_MIN);
	return 0;
}

void payee_account_mask(const char *account, char *out, size_t outlen)
{
	size_t n = strlen(account);

	if (n < 8)
		snprintf(out, outlen, "****");
	else
		snprintf(out, outlen, "%.4s **** **** %s", account,
		         account + n - 4);
}

char *payee_yuan2(int64_t fen, char out[32])
{
	/* via unsigned, so that INT64_MIN has a magnitude */
	uint64_t m = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "",
	         (unsigned long long)(m / 100), (unsigned long long)(m % 100));
	return out;
}

int payee_to_gb18030(struct arena *a, const char *utf8, size_t n, char **out,
                     size_t *outlen, struct lx_error *err)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	/* GB18030 takes at most 4 bytes a character, UTF-8 at least 1 */
	size_t cap = 4 * n + 1, left = cap;
	char *buf, *dst;
	char *src = (char *)utf8;
	size_t srcleft = n;

	if (cd == (iconv_t)-1)
		return lx_fail(err, LX_EINTERNAL, "encoding",
		               "this system has no GB18030 converter");
	buf = arena_alloc(a, cap);
	dst = buf;
	if (iconv(cd, &src, &srcleft, &dst, &left) == (size_t)-1) {
		int e = errno;

		iconv_close(cd);
		return lx_fail(err, LX_EINVALID, "encoding",
		               "the text cannot be written in GB18030 (byte "
		               "%zu: %s)",
		               n - srcleft, strerror(e));
	}
	iconv_close(cd);
	*dst = '\0';
	*out = buf;
	*outlen = (size_t)(dst - buf);
	return 0;
}
