/*
 * A major hazard stops admissions (停止收住): while a facility has an open
 * hazard whose severity stops admissions (the "hazards" policy section
 * decides which; 重大 by default), no one is offered or admitted to it and
 * it drops out of matching and the public search. The one check that the
 * waiting lists, matching and the public search call.
 */
#ifndef LX_APP_INSPECT_STOP_H
#define LX_APP_INSPECT_STOP_H

#include "app/ctx.h"

#include <stddef.h>

/* 1 when facility may not admit now, with *hazard the hazard's id and
 * *reason a Chinese sentence naming it (arena-owned); 0 when it may; -1
 * on a database error (ctx->err). hazard and reason may be NULL. */
int app_facility_admission_stopped(struct app_ctx *ctx, long long facility,
                                   long long *hazard, const char **reason);

/* Fails with LX_ECONFLICT naming field when the facility is stopped:
 * "停止收住：…" with the hazard. 0 when it may admit. */
int app_facility_admission_check(struct app_ctx *ctx, long long facility,
                                 const char *field);

/* The stopped facilities, ascending (arena-owned), for lists that drop or
 * mark them without one query a row. */
int app_facilities_stopped(struct app_ctx *ctx, long long **ids, size_t *n);

/* Inside a transaction: a hazard that stops admissions also holds the
 * institution's subsidies (暂停发放, every scheme, from today) with a
 * reason naming it, recorded on the hazard and audited like any hold;
 * closing the hazard lifts the hold from the day it closes (without back
 * pay: the months stopped are not paid later). */
int app_stop_hold(struct app_ctx *ctx, long long hazard, long long facility,
                  const char *region, const char *description);
int app_stop_lift(struct app_ctx *ctx, long long hazard, long long hold);

/* Whether id is in the ascending list ids[0..n). */
int app_facility_in(const long long *ids, size_t n, long long id);

#endif
