/* What a run of a scheme that asks for annual verification (生存认证)
 * needs: every person's verifications around the period's first day and
 * the first period the scheme paid them, read once per run, and the
 * judgement for one person (core/subsidy_verify.h). app/subsidies.c calls
 * these. */
#ifndef LX_APP_VERIFY_RUN_H
#define LX_APP_VERIFY_RUN_H

#include "app/ctx.h"
#include "core/period.h"

struct subsidy_scheme;
struct verify_run;

/* Reads what a run of scheme s over period p needs into the ctx arena.
 * *out is NULL when the scheme asks no verification. 0 or -1 (ctx->err). */
int verify_run_load(struct app_ctx *ctx, const struct subsidy_scheme *s,
                    struct period p, struct verify_run **out);

/* Judges person for the run: *held is the reason the person is not paid
 * (arena, "未在规定期限内完成生存认证（上次认证…）") or NULL; *note, when
 * not held, says what a back payment rests on, or is NULL. 0 or -1
 * (ctx->err). */
int verify_run_check(struct app_ctx *ctx, struct arena *a,
                     const struct verify_run *v, long long person,
                     const char **held, const char **note);

#endif
