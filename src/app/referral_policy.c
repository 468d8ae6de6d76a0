#include "app/referral_policy.h"

int referral_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct referral_policy **out,
                         struct lx_error *err)
{
	(void)a;
	*out = NULL;
	if (!o)
		return 0;
	return lx_fail(err, LX_EINVALID, "referrals",
	               "%s: referrals: not read yet", file);
}
