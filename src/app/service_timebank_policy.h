/*
 * The "timebank" section of a policy file (docs/policy.md "Services"):
 * the time bank (时间银行): the cap per account, who may redeem, transfers to
 * kin, the items that earn and that may be redeemed. app/policy.c calls
 * this for each file; the nearest file's section applies to a region,
 * whole.
 */
#ifndef LX_APP_SERVICE_TIMEBANK_POLICY_H
#define LX_APP_SERVICE_TIMEBANK_POLICY_H

#include "core/arena.h"
#include "core/error.h"

#include <jansson.h>
#include <stddef.h>

struct timebank_policy {
	const char *source, *note;
	long long cap_minutes; /* an account never holds more */
	/* relations (core/service_timebank.h codes) that count as spouse or
	 * lineal kin, and the age from which such kin may benefit */
	size_t nkin;
	const char **kin_relations;
	int kin_min_age;
	int transfer_to_kin; /* may a volunteer give minutes to kin */
	size_t nearn, nredeem;
	const char **earn_items;   /* catalogue codes a volunteer earns by */
	const char **redeem_items; /* catalogue codes minutes pay for */
	/* always 0: the reader refuses a file that would cash hours */
	int cashable;
	/* a service is verified only by an account other than the one that
	 * recorded it (1 when the file does not say) */
	int verify_by_other;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: timebank.<path>:
 * <what>". *out is arena-owned. */
int timebank_policy_read(struct arena *a, const char *file, json_t *o,
                         const struct timebank_policy **out,
                         struct lx_error *err);

/* Whether code is in the policy's list (earn_items, redeem_items,
 * kin_relations). */
int timebank_policy_earns(const struct timebank_policy *p, const char *item);
int timebank_policy_redeems(const struct timebank_policy *p, const char *item);
int timebank_policy_kin(const struct timebank_policy *p, const char *relation);

#endif
