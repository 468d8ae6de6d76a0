#include "core/service_voucher.h"

#include "core/date.h"

#include <string.h>

/* Crockford's base 32: the digits and letters people read back without
 * confusing them. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int service_voucher_for_item(const char *items, const char *item)
{
	size_t n;

	if (!items || !*items)
		return 1;
	if (!item || !*item)
		return 0;
	n = strlen(item);
	for (const char *p = items; *p;) {
		size_t k = strcspn(p, ",");

		if (k == n && !strncmp(p, item, n))
			return 1;
		p += k;
		if (*p == ',')
			p++;
	}
	return 0;
}

enum service_voucher_verdict
service_voucher_check(const struct service_voucher_facts *v,
                      long long person_id, const char *item, const char *day,
                      long long order_fen, long long *pays)
{
	struct lx_date d;

	*pays = 0;
	if (date_parse(day, &d) || order_fen < 0)
		return SV_BAD_INPUT;
	if (v->person_id != person_id)
		return SV_NOT_PERSON;
	if (v->redeemed_order)
		return SV_REDEEMED;
	if (strcmp(day, v->issued_on) < 0)
		return SV_NOT_YET;
	if (strcmp(day, v->expires_on) > 0)
		return SV_EXPIRED;
	if (!service_voucher_for_item(v->items, item))
		return SV_ITEM;
	if (order_fen < v->min_order_fen || order_fen == 0)
		return SV_MIN_ORDER;
	*pays = v->face_fen < order_fen ? v->face_fen : order_fen;
	return SV_OK;
}

int service_voucher_expiry(const char *issued_on, long long days, char out[11])
{
	struct lx_date d;

	if (date_parse(issued_on, &d) || days < 1 || days > 100000)
		return -1;
	date_format(date_from_days(date_to_days(d) + (long)days - 1), out);
	return 0;
}

void service_voucher_code(const unsigned char rnd[SERVICE_VOUCHER_CODE_LEN],
                          char out[SERVICE_VOUCHER_CODE_LEN + 1])
{
	for (int i = 0; i < SERVICE_VOUCHER_CODE_LEN; i++)
		out[i] = alphabet[rnd[i] & 31];
	out[SERVICE_VOUCHER_CODE_LEN] = '\0';
}

int service_voucher_code_valid(const char *s)
{
	if (!s || strlen(s) != SERVICE_VOUCHER_CODE_LEN)
		return 0;
	for (; *s; s++)
		if (!strchr(alphabet, *s))
			return 0;
	return 1;
}
