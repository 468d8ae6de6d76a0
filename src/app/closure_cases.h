/*
 * Closure cases (机构退出, docs/api.md "Closures"): a facility that exits
 * loses no one. Opening a case lists everyone in the facility; each needs
 * a destination before the case may close; closing closes the facility
 * in the registry from the planned day and moves each member. Writers
 * are administrators and city, county and department officials of the
 * facility's region; an operator reads its own facility's case and
 * records its members' contract ends; read-only accounts and inspectors
 * read their region. Every write is audited.
 */
#ifndef LX_APP_CLOSURE_CASES_H
#define LX_APP_CLOSURE_CASES_H

#include "app/ctx.h"

/* body: facility_id, reason (a code of the region's "closures" policy),
 * planned_on, successor_id (optional). 201 with the case and members;
 * LX_ECONFLICT when the facility has an open case. */
json_t *app_closure_open(struct app_ctx *ctx, json_t *body);

/* params: region (default the caller's scope), status. */
json_t *app_closure_list(struct app_ctx *ctx, json_t *params);

/* One case with its members (ID numbers masked unless the role may
 * unmask them). */
json_t *app_closure_get(struct app_ctx *ctx, long long id);

/* Adds the people now in the facility who are not yet members. */
json_t *app_closure_refresh(struct app_ctx *ctx, long long id);

/* body: person_id (a member), contract_ended_on, destination
 * (institution | home | successor | "" to clear), destination_facility_id,
 * note. Operators give contract_ended_on and note only. */
json_t *app_closure_member(struct app_ctx *ctx, long long id, json_t *body);

/* Settles every member still without a destination to the successor. */
json_t *app_closure_transfer(struct app_ctx *ctx, long long id, json_t *body);

/* Closes the case (once): refused while anyone lacks a destination
 * (422 naming them, masked); closes the facility from the planned day and
 * moves each member. body: version (optional, the case's version seen;
 * every change to the members moves it on, so a close prepared from an
 * older list of destinations is refused with LX_ECONFLICT). */
json_t *app_closure_close(struct app_ctx *ctx, long long id, json_t *body);

/* Withdraws an open case (once). body: version (optional), note. */
json_t *app_closure_withdraw(struct app_ctx *ctx, long long id, json_t *body);

#endif
