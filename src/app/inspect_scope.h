/*
 * The region a supervision list or share is asked for ("region" in the
 * query), narrowed to the caller's scope: a region outside it is 404 as
 * if it did not exist; none given is the caller's own region (NULL, all,
 * for an administrator or an operator whose facilities are its scope).
 */
#ifndef LX_APP_INSPECT_SCOPE_H
#define LX_APP_INSPECT_SCOPE_H

#include "app/ctx.h"

int inspect_scope_region(struct app_ctx *ctx, json_t *params,
                         const char **region);

#endif
