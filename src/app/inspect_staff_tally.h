/*
 * One staff member's part in the staff shares on a day (docs/policy.md
 * "Staff"): counted at all when the contract runs that day; in the
 * certified share's denominator when the occupation counts, and its
 * numerator when a certificate is held; pre-job trained when a training
 * of the policy's pre-job kind was held on or before the day; a childcare
 * facility's staff member meets the yearly rule with enough health checks
 * and health trainings in the window (start, day]. The API's shares and
 * the indicator elements both count with this.
 */
#ifndef LX_APP_INSPECT_STAFF_TALLY_H
#define LX_APP_INSPECT_STAFF_TALLY_H

#include "app/inspect_staff_policy.h"
#include "store/inspect_staff_store.h"

struct staff_tally {
	long long staff, cert_den, cert_num, trained, ch_den, ch_num;
};

/* Fills one with the member's counts (each 0 or 1) from its events
 * e[0..n) (any order; later than day ignored). The caller checks that the
 * contract runs on day. */
void inspect_staff_tally_one(const struct staff_rec *s,
                             const struct staff_policy *p,
                             const struct staff_event *e, size_t n,
                             const char *day, struct staff_tally *one);

#endif
