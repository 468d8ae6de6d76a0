#include "core/place_wait.h"

#include "core/date.h"

#include <string.h>

static const char *const key_names[WAIT_KEY__MAX] = { "care_level",
	                                              "waiting_since",
	                                              "applied_at" };

const char *wait_key_name(enum wait_key k)
{
	return k >= 0 && k < WAIT_KEY__MAX ? key_names[k] : "";
}

int wait_key_parse(const char *s)
{
	for (int k = 0; s && k < WAIT_KEY__MAX; k++)
		if (!strcmp(s, key_names[k]))
			return k;
	return -1;
}

size_t wait_tier_of(const struct wait_rules *r, unsigned held, int age,
                    const char *const *declared, size_t ndeclared)
{
	for (size_t t = 0; t < r->ntiers; t++) {
		const struct wait_tier *w = &r->tiers[t];

		if (w->has_rule &&
		    category_rule_match(&w->rule, held, age) >= 0)
			return t;
		for (size_t k = 0; w->declared && k < ndeclared; k++)
			if (declared[k] && !strcmp(declared[k], w->declared))
				return t;
	}
	return r->ntiers ? r->ntiers - 1 : 0;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

int wait_entry_cmp(const struct wait_rules *r, const struct wait_entry *a,
                   const struct wait_entry *b)
{
	int c;

	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	for (size_t i = 0; i < r->norder; i++) {
		switch (r->order[i]) {
		case WAIT_KEY_CARE_LEVEL:
			/* the higher level is the greater need */
			if (a->care_level != b->care_level)
				return a->care_level > b->care_level ? -1 : 1;
			break;
		case WAIT_KEY_WAITING_SINCE:
			if ((c = strcmp(a->waiting_since, b->waiting_since)))
				return sign(c);
			break;
		case WAIT_KEY_APPLIED_AT:
			if ((c = strcmp(a->applied_at, b->applied_at)))
				return sign(c);
			break;
		default:
			break;
		}
	}
	return (a->id > b->id) - (a->id < b->id);
}

void wait_sort(const struct wait_rules *r, struct wait_entry *e, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct wait_entry x = e[i];
		size_t j = i;

		while (j > 0 && wait_entry_cmp(r, &e[j - 1], &x) > 0) {
			e[j] = e[j - 1];
			j--;
		}
		e[j] = x;
	}
}

int wait_respond_by(const struct wait_rules *r, const char *offered_on,
                    char out[11])
{
	struct lx_date d;

	if (date_parse(offered_on, &d))
		return -1;
	date_format(date_from_days(date_to_days(d) + r->offer_days), out);
	return 0;
}

int wait_offer_expired(const char *respond_by, const char *today)
{
	return strcmp(today, respond_by) > 0;
}

int wait_after_decline(const struct wait_rules *r, int declines,
                       int *declines_after)
{
	int n = declines + 1;

	if (r->declines_before_requeue > 0 && n >= r->declines_before_requeue) {
		*declines_after = 0;
		return 1;
	}
	*declines_after = n;
	return 0;
}
