/* Reading the audit log (admins only). */
#ifndef LX_APP_AUDIT_H
#define LX_APP_AUDIT_H

#include "app/ctx.h"

json_t *app_audit_list(struct app_ctx *ctx, json_t *params);

#endif
