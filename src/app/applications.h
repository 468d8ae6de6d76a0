/* Online applications for allowances (网上申办): a family member applies
 * for a person, the same engine pre-checks eligibility, an official
 * approves or rejects with a reason, and approval lets a scheme that
 * requires it pay from the next period. */
#ifndef LX_APP_APPLICATIONS_H
#define LX_APP_APPLICATIONS_H

#include "app/ctx.h"

/* body {scheme, id_number, name, relation, note} → 201 the application. */
json_t *app_application_submit(struct app_ctx *ctx, json_t *body);
/* params status: the caller's own (family) or those in their scope. */
json_t *app_application_list(struct app_ctx *ctx, json_t *params);
json_t *app_application_get(struct app_ctx *ctx, long long id, json_t *params);
/* body {decision: approve | reject, reason}. */
json_t *app_application_decide(struct app_ctx *ctx, long long id, json_t *body);

#endif
