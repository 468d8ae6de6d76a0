/*
 * The notice of one case (一案一通报, 004 line 239): a printable Chinese
 * page of one hazard — facility, finding, severity, the order, its
 * deadline and the responsible person, the rectification, each re-check,
 * and the closing. No personal data but the responsible person's name.
 */
#ifndef LX_APP_INSPECT_HAZARD_NOTICE_H
#define LX_APP_INSPECT_HAZARD_NOTICE_H

#include "app/ctx.h"

#include <stddef.h>

/* The notice as HTML (arena-owned); 0 or -1 with ctx->err. */
int app_hazard_notice(struct app_ctx *ctx, long long id, char **html,
                      size_t *len);

#endif
