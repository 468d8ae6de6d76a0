/* Online applications decided level by level where the scheme's policy
 * names the levels (approval.application_steps: village → township →
 * county): each level's official reviews in turn, and only the last
 * level's approval approves the application. */
#ifndef LX_APP_APPROVAL_APPLICATION_H
#define LX_APP_APPROVAL_APPLICATION_H

#include "app/ctx.h"

struct application_row;
struct subsidy_scheme;

/* A decision (approve 1, reject 0) on a submitted application a of
 * scheme s by the caller: it must be an official of the level whose
 * review is due (an administrator acts for any level), who has not
 * reviewed it at another level. An approval before the last level is
 * recorded (audited) and returns 1: the application stays submitted. The
 * last level's approval, and any rejection, return 0: the caller decides
 * the application as usual. -1 with ctx->err. */
int approval_application_review(struct app_ctx *ctx,
                                const struct application_row *a,
                                const struct subsidy_scheme *s, int approve,
                                const char *reason);

/* {"levels": [...], "reviews": [{level, by, at, reason}], "awaiting":
 * level or null} of application a, or NULL when its scheme names no
 * levels. New reference. */
json_t *approval_application_reviews(struct app_ctx *ctx,
                                     const struct application_row *a);

#endif
