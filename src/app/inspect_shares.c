#include "app/inspect_shares.h"

#include "core/inspect_share.h"

json_t *inspect_share_json(long long num, long long den)
{
	char t[EXACT_TEXT_MAX];

	inspect_percent_text(num, den, t);
	return json_pack("{sI sI so ss}", "numerator", (json_int_t)num,
	                 "denominator", (json_int_t)den, "percent",
	                 den > 0 ? json_string(t) : json_null(), "rounding",
	                 "half_up");
}
