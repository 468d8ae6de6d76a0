#include "core/exact.h"

#include <stdio.h>
#include <string.h>

/* 128-bit integers are a GCC and Clang extension; __extension__ keeps
 * -pedantic quiet about it. */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

const char *const exact_rounding_names[EXACT_ROUNDING__MAX] = { "half_up", "up",
	                                                        "down",
	                                                        "half_even" };
const char *const exact_rounding_zh[EXACT_ROUNDING__MAX] = {
	"四舍五入", "向上取整", "向下取整", "四舍六入五成双"
};

int exact_rounding_parse(const char *s)
{
	for (int i = 0; s && i < EXACT_ROUNDING__MAX; i++)
		if (!strcmp(s, exact_rounding_names[i]))
			return i;
	return -1;
}

static u128 gcd(u128 a, u128 b)
{
	while (b) {
		u128 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static u128 uabs(i128 v)
{
	return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

/* n/d in lowest terms into *out when both fit; d != 0. */
static int reduce(i128 n, i128 d, struct exact *out)
{
	int neg = (n < 0) != (d < 0);
	u128 un = uabs(n), ud = uabs(d), g;

	if (!ud)
		return -1;
	if (!un) {
		*out = (struct exact){ 0, 1 };
		return 0;
	}
	g = gcd(un, ud);
	un /= g;
	ud /= g;
	if (un > (u128)INT64_MAX || ud > (u128)INT64_MAX)
		return -1;
	out->num = neg ? -(int64_t)un : (int64_t)un;
	out->den = (int64_t)ud;
	return 0;
}

struct exact exact_int(int64_t n)
{
	/* INT64_MIN has no positive counterpart: the nearest that does */
	return (struct exact){ n == INT64_MIN ? -INT64_MAX : n, 1 };
}

int exact_frac(int64_t num, int64_t den, struct exact *out)
{
	return reduce(num, den, out);
}

int exact_parse(const char *s, struct exact *out)
{
	i128 n = 0, d = 1;
	int neg = 0, digits = 0;

	if (!s || strlen(s) > 30)
		return -1;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		n = n * 10 + (*s - '0');
	if (!digits)
		return -1;
	if (*s == '.') {
		s++;
		digits = 0;
		for (; *s >= '0' && *s <= '9'; s++, digits++) {
			n = n * 10 + (*s - '0');
			d *= 10;
		}
		if (!digits)
			return -1;
	}
	if (*s)
		return -1;
	return reduce(neg ? -n : n, d, out);
}

int exact_add(struct exact a, struct exact b, struct exact *out)
{
	return reduce((i128)a.num * b.den + (i128)b.num * a.den,
	              (i128)a.den * b.den, out);
}

int exact_sub(struct exact a, struct exact b, struct exact *out)
{
	return reduce((i128)a.num * b.den - (i128)b.num * a.den,
	              (i128)a.den * b.den, out);
}

int exact_mul(struct exact a, struct exact b, struct exact *out)
{
	return reduce((i128)a.num * b.num, (i128)a.den * b.den, out);
}

int exact_div(struct exact a, struct exact b, struct exact *out)
{
	if (!b.num)
		return -1;
	return reduce((i128)a.num * b.den, (i128)a.den * b.num, out);
}

int exact_cmp(struct exact a, struct exact b)
{
	i128 l = (i128)a.num * b.den, r = (i128)b.num * a.den;

	return (l > r) - (l < r);
}

int exact_is_zero(struct exact a)
{
	return a.num == 0;
}

int exact_is_integer(struct exact a)
{
	return a.den == 1;
}

/* |n| / d rounded by rule, d > 0; the sign is the caller's. */
static u128 round_quotient(u128 n, u128 d, enum exact_rounding rule)
{
	u128 q = n / d, r = n % d;

	switch (rule) {
	case EXACT_UP:
		return q + (r != 0);
	case EXACT_DOWN:
		return q;
	case EXACT_HALF_EVEN:
		return q + (2 * r > d || (2 * r == d && (q & 1)));
	case EXACT_HALF_UP:
	default:
		return q + (2 * r >= d);
	}
}

int exact_scaled(struct exact a, int places, enum exact_rounding rule,
                 int64_t *out)
{
	u128 n = uabs(a.num), q;

	if (places < 0 || places > 12 || a.den < 1)
		return -1;
	for (int i = 0; i < places; i++)
		n *= 10;
	q = round_quotient(n, (u128)a.den, rule);
	if (q > (u128)INT64_MAX)
		return -1;
	*out = a.num < 0 ? -(int64_t)q : (int64_t)q;
	return 0;
}

int exact_round_int(struct exact a, enum exact_rounding rule, int64_t *out)
{
	return exact_scaled(a, 0, rule, out);
}

int exact_round(struct exact a, int places, enum exact_rounding rule,
                struct exact *out)
{
	int64_t s, p = 1;

	if (exact_scaled(a, places, rule, &s))
		return -1;
	for (int i = 0; i < places; i++)
		p *= 10;
	return reduce(s, p, out);
}

char *exact_format(struct exact a, int places, enum exact_rounding rule,
                   char out[EXACT_TEXT_MAX])
{
	int64_t s, p = 1;
	uint64_t u, whole, frac;

	out[0] = '\0';
	if (exact_scaled(a, places, rule, &s))
		return out;
	for (int i = 0; i < places; i++)
		p *= 10;
	u = s < 0 ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
	whole = u / (uint64_t)p;
	frac = u % (uint64_t)p;
	if (places)
		snprintf(out, EXACT_TEXT_MAX, "%s%llu.%0*llu", s < 0 ? "-" : "",
		         (unsigned long long)whole, places,
		         (unsigned long long)frac);
	else
		snprintf(out, EXACT_TEXT_MAX, "%s%llu", s < 0 ? "-" : "",
		         (unsigned long long)whole);
	return out;
}

/* Decimal places a's expansion needs, or -1 when it does not end. */
static int terminating_places(struct exact a)
{
	int64_t d = a.den;
	int twos = 0, fives = 0;

	while (d % 2 == 0) {
		d /= 2;
		twos++;
	}
	while (d % 5 == 0) {
		d /= 5;
		fives++;
	}
	return d == 1 ? (twos > fives ? twos : fives) : -1;
}

char *exact_format_plain(struct exact a, int max_places, int *exact,
                         char out[EXACT_TEXT_MAX])
{
	int places = terminating_places(a);
	int whole = places >= 0 && places <= max_places;
	char *dot, *end;

	if (exact)
		*exact = whole;
	exact_format(a, whole ? places : max_places, EXACT_HALF_UP, out);
	dot = strchr(out, '.');
	if (!dot)
		return out;
	end = out + strlen(out);
	while (end > dot + 1 && end[-1] == '0')
		*--end = '\0';
	if (end == dot + 1)
		*dot = '\0';
	return out;
}

double exact_to_double(struct exact a)
{
	return (double)a.num / (double)a.den;
}
