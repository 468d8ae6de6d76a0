/* Verifications (生存认证 / 年审) of persons: recorded one at a time or
 * imported from CSV, listed per person. Schemes that ask for one within a
 * window hold a person whose latest has lapsed (app/verify_run.h). Every
 * record is audited. */
#ifndef LX_APP_VERIFY_H
#define LX_APP_VERIFY_H

#include "app/ctx.h"

#include <stddef.h>

/* body {verified_on (YYYY-MM-DD, not after today, not before birth, not
 * after death), method (face, visit, in_person, other, or 人脸识别, 上门,
 * 到场, 其他), note (optional)}: records that person was verified alive.
 * Whoever may edit the person may record it. Returns the record; NULL
 * with ctx->err naming the field. */
json_t *app_verify_add(struct app_ctx *ctx, long long person, json_t *body);

/* {person_id, items: [newest first], last, count}: whoever may see the
 * person. */
json_t *app_verify_list(struct app_ctx *ctx, long long person);

/* CSV (UTF-8, UTF-8 with BOM, GB18030) with the columns id_number,
 * verified_on, method, note: every row recorded or none; {"imported": n,
 * "encoding": e}, or NULL with ctx->err naming the first "row R, column
 * C" and ctx->details {"errors": [{row, column, message}, …]}. */
json_t *app_verify_import(struct app_ctx *ctx, const char *buf, size_t len);

#endif
