/*
 * Vacancy and occupancy as of a day (docs/api.md "Vacancy, prices and
 * caps"): beds, occupied and vacant beds of elderly institutions, places,
 * enrolled and vacant places of childcare (class type by class type), the
 * affordable shares, for a region's subtree with a row per child region
 * and a page of facilities. Officials see their scope, an operator only
 * its own facilities.
 */
#ifndef LX_APP_PLACE_VACANCY_REPORT_H
#define LX_APP_PLACE_VACANCY_REPORT_H

#include "app/ctx.h"

#include <jansson.h>

/* GET /places/vacancy: params region, as_of (default today), kind
 * (elderly_institution or a childcare kind), ownership, page, per_page.
 * Returns a new reference, or NULL with ctx->err. */
json_t *app_place_vacancy(struct app_ctx *ctx, json_t *params);

#endif
