#include "core/service_timebank.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

static const char *const codes[TR__MAX] = { "spouse", "parent", "child",
	                                    "grandparent", "grandchild" };
static const char *const labels[TR__MAX] = { "配偶", "父母", "子女",
	                                     "祖父母、外祖父母",
	                                     "孙子女、外孙子女" };

int timebank_relation_parse(const char *code)
{
	for (int i = 0; code && i < TR__MAX; i++)
		if (!strcmp(codes[i], code))
			return i;
	return -1;
}

const char *timebank_relation_code(enum timebank_relation r)
{
	return (unsigned)r < TR__MAX ? codes[r] : "";
}

const char *timebank_relation_label(enum timebank_relation r)
{
	return (unsigned)r < TR__MAX ? labels[r] : "";
}

int timebank_may_benefit(const struct timebank_beneficiary *b, int min_age)
{
	if (b->is_holder)
		return 1;
	/* an unknown age never passes an age floor */
	return b->is_kin && b->relation_counts && b->age >= 0 &&
	       b->age >= min_age;
}

int timebank_fits_cap(long long balance, long long add, long long cap)
{
	if (add <= 0 || balance < 0 || balance > cap)
		return 0;
	return add <= cap - balance;
}

int timebank_verifier_independent(long long recorder, long long verifier)
{
	return verifier > 0 && verifier != recorder;
}

int timebank_take_oldest(const struct timebank_lot *lots, size_t n,
                         long long minutes, struct timebank_lot *take,
                         size_t *ntake)
{
	long long left = minutes;

	*ntake = 0;
	if (minutes <= 0)
		return -1;
	for (size_t i = 0; i < n && left > 0; i++) {
		long long m;

		if (lots[i].minutes <= 0)
			continue;
		m = lots[i].minutes < left ? lots[i].minutes : left;
		take[*ntake].service_id = lots[i].service_id;
		take[*ntake].minutes = m;
		(*ntake)++;
		left -= m;
	}
	return left ? -1 : 0;
}

void timebank_share_text(long long part, long long whole, int places, char *out,
                         size_t outlen)
{
	long long scale = 1, q, r, v;

	if (whole <= 0 || part < 0 || places < 0 || places > 6) {
		snprintf(out, outlen, "—");
		return;
	}
	for (int i = 0; i < places; i++)
		scale *= 10;
	/* part * 100 * scale / whole, half up; integers only */
	q = part * 100 * scale / whole;
	r = part * 100 * scale % whole;
	v = q + (2 * r >= whole);
	if (places)
		snprintf(out, outlen, "%lld.%0*lld%%", v / scale, places,
		         v % scale);
	else
		snprintf(out, outlen, "%lld%%", v);
}

/* Minutes since 1970-01-01T00:00 of "YYYY-MM-DDTHH:MM", or -1. */
static long long moment(const char *s)
{
	char day[11];
	struct lx_date d;
	int h, m;

	if (!s || strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
		return -1;
	memcpy(day, s, 10);
	day[10] = 0;
	if (date_parse(day, &d) || s[11] < '0' || s[11] > '9' || s[12] < '0' ||
	    s[12] > '9' || s[14] < '0' || s[14] > '9' || s[15] < '0' ||
	    s[15] > '9')
		return -1;
	h = (s[11] - '0') * 10 + (s[12] - '0');
	m = (s[14] - '0') * 10 + (s[15] - '0');
	if (h > 23 || m > 59)
		return -1;
	return (long long)date_to_days(d) * 1440 + h * 60 + m;
}

int timebank_minutes_between(const char *start, const char *end,
                             long long *minutes, int *bad)
{
	long long a = moment(start), b = moment(end);

	*bad = a < 0 ? 1 : 2;
	if (a < 0 || b < 0 || b <= a)
		return -1;
	*bad = 0;
	*minutes = b - a;
	return 0;
}
