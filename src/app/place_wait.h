/*
 * Waiting lists (轮候) for public institutions (docs/api.md "Waiting lists
 * (轮候)"): applications in the policy's priority tiers, the list in
 * order with positions, offers of a vacant bed with a deadline, accept
 * (admission: the person moves in, the institution's occupied beds rise
 * by one in a new capacity entry dated that day), decline, expiry (a
 * decline), skip (暂缓, keeps the place), withdraw; every change audited
 * and kept in the application's history.
 *
 * The tier and care level are recorded when the application is made and
 * computed again, from the person's categories in force today and latest
 * assessment, every time a list is read: the order always follows the
 * registry as it stands.
 *
 * Who: city and county officials and administrators in scope run the
 * lists; a township officer applies for the persons of the township and
 * sees their applications; a department official and a read-only
 * account read in scope; an operator reads its own institution's list
 * (placement is the civil-affairs bureau's decision); a family account
 * sees its linked persons' applications only: position, tier name,
 * status, never another applicant.
 */
#ifndef LX_APP_PLACE_WAIT_H
#define LX_APP_PLACE_WAIT_H

#include "app/ctx.h"

/* body {person_id, facility_id | region, willing, declared, declared_note,
 * applied_on, note}: a new application (201). */
json_t *app_wait_apply(struct app_ctx *ctx, json_t *body);

/* params facility= | region=: the list in order with positions, after
 * closing its overdue offers as expired. */
json_t *app_wait_list(struct app_ctx *ctx, json_t *params);

/* The applications the caller may see (a family: its linked persons'),
 * each with its position on its list; params person_id=, limit=. */
json_t *app_wait_applications(struct app_ctx *ctx, json_t *params);

/* One application; history adds its offers and events. */
json_t *app_wait_get(struct app_ctx *ctx, long long id, int history);

/* step is "offer", "accept", "decline", "skip" or "withdraw". */
json_t *app_wait_step(struct app_ctx *ctx, long long id, const char *step,
                      json_t *body);

/* Closes every overdue open offer in the caller's scope as expired (a
 * decline on the day after its deadline). body {} or {"region"}. */
json_t *app_wait_expire(struct app_ctx *ctx, json_t *body);

/* params region=: the willing applicants of the always-admit tier
 * (必须安置) and, for each, the institutions of its county with a vacant
 * bed, its own township's first, then most vacant first; when none has
 * room, says so with the institutions and the count the county must
 * place. */
json_t *app_wait_must_place(struct app_ctx *ctx, json_t *params);

#endif
