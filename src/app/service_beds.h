/*
 * Family care beds (家庭养老床位; docs/api.md "Family care beds"): a
 * provider (a facility: the operator of it, or an official of the
 * person's region) applies for an eligible elderly person, assesses, sets
 * up the home and the service plan, activates and removes the bed, and
 * logs each month's service, which is flagged when below the policy's
 * standard. Every step is audited; the rules are core/service_bed.c and
 * the policy's "family_beds" section.
 */
#ifndef LX_APP_SERVICE_BEDS_H
#define LX_APP_SERVICE_BEDS_H

#include "app/ctx.h"

/* body {person_id, facility_id, basis?}: a bed applied for (201). */
json_t *app_bed_create(struct app_ctx *ctx, json_t *body);

/* step "assess" {assessed_on, care_level?}, "set_up" {set_up_on,
 * adaptation, devices, plan: [{item, times}]}, "activate" {active_from},
 * "remove" {removed_on, reason}. Returns the bed. */
json_t *app_bed_step(struct app_ctx *ctx, long long id, const char *step,
                     json_t *body);

/* The bed with its monthly logs, each flagged against the standard. */
json_t *app_bed_get(struct app_ctx *ctx, long long id);

/* params region?, facility_id?, status?, limit?, offset?: the beds the
 * caller may see. */
json_t *app_bed_list(struct app_ctx *ctx, json_t *params);

/* body {month, visits, minutes, items?, note?}: the provider's log of a
 * month of an active bed. Returns the bed with its logs. */
json_t *app_bed_log(struct app_ctx *ctx, long long id, json_t *body);

/* params region, date?: active beds on the day in the region and in each
 * of its child regions. */
json_t *app_bed_counts(struct app_ctx *ctx, json_t *params);

#endif
