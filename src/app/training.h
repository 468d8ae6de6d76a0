/* Training providers and certified trainees (培训补贴, 景德镇): the
 * registry a scheme paying per certified trainee counts from. */
#ifndef LX_APP_TRAINING_H
#define LX_APP_TRAINING_H

#include "app/ctx.h"

/* body {provider_credit_code, provider_name, region, level, cert_no,
 * certified_on} → 201: the certificate, the provider registered on its
 * first certificate. level: level_5 … level_1 or certificate. */
json_t *app_trainee_cert_add(struct app_ctx *ctx, json_t *body);

/* params region (default: the caller's), from, to (dates): providers with
 * their certificates in those dates counted by level. */
json_t *app_training_providers(struct app_ctx *ctx, json_t *params);

#endif
