/* Recovery of overpayments (追缴, DESIGN.md module 7): what each
 * beneficiary owes (store/recovery_store.h says how it is counted), and
 * repayments recorded by an official. Runs set what is owed against later
 * payments (app/subsidies.c). */
#ifndef LX_APP_RECOVERIES_H
#define LX_APP_RECOVERIES_H

#include "app/ctx.h"

/* params region: beneficiaries with anything overpaid, what they owe now
 * and how it was recovered. */
json_t *app_owed_list(struct app_ctx *ctx, json_t *params);

/* body {beneficiary_kind, beneficiary_id, yuan, reason}: a repayment of
 * at most what is owed. */
json_t *app_owed_repaid(struct app_ctx *ctx, json_t *body);

#endif
