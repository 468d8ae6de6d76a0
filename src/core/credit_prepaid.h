/*
 * Prepaid-fee (预收费, 会员卡) safeguards: the share of the members'
 * balance an institution keeps in third-party custody at a commercial bank
 * (商业银行第三方存管) and a ceiling on the balance. Pure.
 */
#ifndef LX_CORE_CREDIT_PREPAID_H
#define LX_CORE_CREDIT_PREPAID_H

#include "core/exact.h"

#include <stdint.h>

struct credit_prepaid_rule {
	int custody_percent; /* 0..100: the least share kept in custody */
	int64_t limit_fen;   /* the most balance; 0 means no ceiling */
};

struct credit_prepaid_check {
	int custody_short;       /* custody below the share of the balance */
	int over_limit;          /* balance over the ceiling */
	int64_t custody_due_fen; /* the least custody, rounded up to a fen */
	/* custody / balance in percent, 1 decimal, rounded half up; "" when
	 * the balance is 0 */
	char custody_share[EXACT_TEXT_MAX];
};

/* Checks a report. Amounts are >= 0 (the caller validates them). */
void credit_prepaid_check(const struct credit_prepaid_rule *rule,
                          int64_t balance_fen, int64_t custody_fen,
                          struct credit_prepaid_check *out);

#endif
