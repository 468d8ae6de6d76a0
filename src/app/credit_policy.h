/*
 * The "credit" section of a policy file (docs/policy.md "Credit"): credit files
 * and the red and black lists: the grounds of listing, notice and hearing,
 * publication periods of penalty records, removal, what a listing refuses, and
 * prepaid-fee limits. The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_CREDIT_POLICY_H
#define LX_APP_CREDIT_POLICY_H

#include "core/arena.h"
#include "core/credit_listing.h"
#include "core/credit_prepaid.h"
#include "core/error.h"

#include <jansson.h>

/* A code with its Chinese name: a record kind, a ground of listing. */
struct credit_code {
	const char *code, *name;
};

struct credit_policy {
	const char *source;
	struct credit_code *kinds; /* record kinds: commitment, penalty, … */
	size_t nkinds;
	struct credit_code *black_grounds, *red_grounds;
	size_t nblack, nred;
	struct credit_listing_rule listing; /* notice days, removal years */
	/* how long a penalty record stays public (信用修复): the longest
	 * period, general and serious, in months; a record is public until
	 * its day plus the longest, and may be repaired after the shortest */
	int general_min_months, general_max_months;
	int serious_min_months, serious_max_months;
	/* what a black listing refuses: subsidy support kinds ("operating",
	 * "construction"), grading, and the risk class taken in the draw */
	const char **black_refuses;
	size_t nblack_refuses;
	int black_refuses_grading;
	const char *black_risk_class;
	/* support kinds refused to institutions run on prepaid membership */
	const char **membership_refuses;
	size_t nmembership_refuses;
	struct credit_prepaid_rule prepaid;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: credit.<path>:
 * <what>". *out is arena-owned. */
int credit_policy_read(struct arena *a, const char *file, json_t *o,
                       const struct credit_policy **out, struct lx_error *err);

/* The record kind, black ground or red ground named code; NULL if none
 * (or p NULL). Borrowed from p. */
const struct credit_code *credit_policy_kind(const struct credit_policy *p,
                                             const char *code);
const struct credit_code *credit_policy_ground(const struct credit_policy *p,
                                               const char *list,
                                               const char *code);

/* 1 when a black listing (list "black") or a membership (list
 * "membership") refuses the support kind. */
int credit_policy_refuses(const struct credit_policy *p, const char *list,
                          const char *support);

#endif
