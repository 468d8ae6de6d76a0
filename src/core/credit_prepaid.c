#include "core/credit_prepaid.h"

#include <string.h>

void credit_prepaid_check(const struct credit_prepaid_rule *rule,
                          int64_t balance_fen, int64_t custody_fen,
                          struct credit_prepaid_check *out)
{
	struct exact share;

	memset(out, 0, sizeof(*out));
	/* compare in integers: custody × 100 < balance × percent; balances
	 * far below 2^63 / 100 fen (9e16 fen) are the only ones that exist */
	out->custody_short =
	    custody_fen * 100 < balance_fen * (int64_t)rule->custody_percent;
	out->custody_due_fen = (balance_fen * rule->custody_percent + 99) / 100;
	out->over_limit = rule->limit_fen > 0 && balance_fen > rule->limit_fen;
	if (balance_fen > 0 &&
	    !exact_frac(custody_fen * 100, balance_fen, &share))
		exact_format(share, 1, EXACT_HALF_UP, out->custody_share);
}
