/*
 * A family account's links to the persons it orders services for
 * ("子女下单、老年人体验服务", 000:323): made with the person's ID number
 * and name, matched against the registry the way an online application
 * is (app/applications.c), one neutral answer for every mismatch.
 */
#ifndef LX_APP_SERVICE_LINKS_H
#define LX_APP_SERVICE_LINKS_H

#include "app/ctx.h"

/* body {id_number, name, relation}: links the person (201). Only a
 * family account links. */
json_t *app_service_link_add(struct app_ctx *ctx, json_t *body);

/* The caller's linked persons: id, name, masked ID number, kind, age,
 * region and its name, relation. */
json_t *app_service_link_list(struct app_ctx *ctx, json_t *params);

/* Removes the caller's link to person_id. */
json_t *app_service_link_remove(struct app_ctx *ctx, long long person_id);

/* The relations a link may state; NULL-terminated, static. */
extern const char *const service_relations[];

#endif
