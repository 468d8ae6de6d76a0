/*
 * A waiting list ranked as it stands today (app/place_wait*.c): the open
 * applications of one list, each with its tier and care level computed
 * again from the registry (categories in force today, the latest
 * assessment), in the policy's order, with positions; and the JSON an
 * official or a family sees of one application.
 */
#ifndef LX_APP_PLACE_WAIT_RANK_H
#define LX_APP_PLACE_WAIT_RANK_H

#include "app/ctx.h"
#include "app/place_wait_policy.h"
#include "store/place_wait_store.h"

struct wait_ranked {
	struct wait_app_row row;
	size_t tier;    /* index into the policy's tiers, today */
	int care_level; /* today; -1 not assessed */
	int position;   /* 1-based, on the list in order */
	int must_place; /* willing, in an always-admit tier */
};

struct wait_list {
	const struct wait_policy *p;
	size_t n;
	struct wait_ranked *items; /* in order; arena-owned */
};

/* The waitlist section in force for region; NULL with LX_EINVALID on
 * field when no policy has one. */
const struct wait_policy *wait_policy_of(struct app_ctx *ctx,
                                         const char *region, const char *field);

/* The current tier and care level of an application's person. */
int wait_rank_one(struct app_ctx *ctx, const struct wait_policy *p,
                  const struct wait_app_row *r, size_t *tier, int *care_level);

/* Loads and orders the open applications of list_key under the policy
 * of list_region. */
int wait_list_load(struct app_ctx *ctx, const char *list_key,
                   const char *list_region, struct wait_list *out);

/* The ranked entry of application id in l, or NULL. */
const struct wait_ranked *wait_list_find(const struct wait_list *l,
                                         long long id);

/* Closes overdue open offers as expired, each in its own transaction
 * (a decline on the day after the deadline), of one list (list_key) or
 * of lists in region's subtree (NULL both: every list). *closed counts
 * them. */
int wait_expire_overdue(struct app_ctx *ctx, const char *list_key,
                        const char *region, long long *closed);

/* The application id if the caller may see it (a family: its linked
 * persons'; an operator: its institution's; others: in scope of the
 * applicant or the list); LX_ENOTFOUND on "id" otherwise. Defined in
 * app/place_wait.c. */
int wait_load_visible(struct app_ctx *ctx, long long id,
                      struct wait_app_row *r);

/* The list key of a facility's or a region's list. Arena-owned. */
const char *wait_list_key(struct app_ctx *ctx, long long facility_id,
                          const char *region);

/* An application as officials see it: the row, its tier and care level
 * now and when applying, position (0 when not on the list) and list size,
 * the open offer when there is one. New reference. */
json_t *wait_app_json(struct app_ctx *ctx, const struct wait_policy *p,
                      const struct wait_app_row *r,
                      const struct wait_ranked *ranked, size_t list_size);

/* What a family sees: its person's position, tier name, status and open
 * offer. New reference. */
json_t *wait_app_family_json(struct app_ctx *ctx, const struct wait_policy *p,
                             const struct wait_app_row *r,
                             const struct wait_ranked *ranked,
                             size_t list_size);

/* Chinese labels of the statuses and event kinds. */
const char *wait_status_zh(const char *status);
const char *wait_offer_status_zh(const char *status);
const char *wait_event_zh(const char *kind);

#endif
