/*
 * Service vouchers (消费券), the rules that need no database: the last day
 * a voucher is valid, whether it may pay for an order and how much, and
 * the printed code. Money in fen. Pure.
 */
#ifndef LX_CORE_SERVICE_VOUCHER_H
#define LX_CORE_SERVICE_VOUCHER_H

#include <stddef.h>

/* A voucher as redeeming sees it. items: catalogue codes separated by
 * commas, "" for any item. */
struct service_voucher_facts {
	long long person_id;
	const char *issued_on, *expires_on; /* YYYY-MM-DD, both valid days */
	long long face_fen, min_order_fen;
	const char *items;
	long long redeemed_order; /* 0 while unredeemed */
};

enum service_voucher_verdict {
	SV_OK,
	SV_NOT_PERSON, /* someone else's voucher */
	SV_NOT_YET,    /* the day is before the issue day */
	SV_EXPIRED,    /* the day is after the last valid day */
	SV_ITEM,       /* not for the item */
	SV_MIN_ORDER,  /* the order is under the minimum */
	SV_REDEEMED,   /* already paid for an order */
	SV_BAD_INPUT,  /* a bad day or a negative order */
};

/* Whether the voucher may pay for an order of order_fen for item on day
 * by person_id; on SV_OK *pays is min(face, order). */
enum service_voucher_verdict
service_voucher_check(const struct service_voucher_facts *v,
                      long long person_id, const char *item, const char *day,
                      long long order_fen, long long *pays);

/* The last valid day of a voucher issued on issued_on and valid for days
 * days, the issue day counted as the first: issued 2026-01-01 for 90 days
 * is valid to 2026-03-31. 0, or -1 on a bad date or days < 1. */
int service_voucher_expiry(const char *issued_on, long long days, char out[11]);

/* Whether item is one of the comma-separated codes (any when ""). */
int service_voucher_for_item(const char *items, const char *item);

/* The printed code: 12 characters of an alphabet without look-alikes
 * (no 0/O, 1/I/L, U), each from one random byte's low 5 bits, so every
 * code of the 32^12 (about 1.2 × 10^18) is equally likely. */
enum { SERVICE_VOUCHER_CODE_LEN = 12 };
void service_voucher_code(const unsigned char rnd[SERVICE_VOUCHER_CODE_LEN],
                          char out[SERVICE_VOUCHER_CODE_LEN + 1]);
/* Whether s is a code of that form. */
int service_voucher_code_valid(const char *s);

#endif
