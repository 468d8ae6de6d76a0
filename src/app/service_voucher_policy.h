/*
 * The "vouchers" section of a policy file (docs/policy.md "Services"):
 * service vouchers (消费券): kinds, face value, who may receive them, validity.
 * app/policy.c calls this for each file; the nearest file's section applies to
 * a region, whole. A file without kinds issues no vouchers.
 */
#ifndef LX_APP_SERVICE_VOUCHER_POLICY_H
#define LX_APP_SERVICE_VOUCHER_POLICY_H

#include "core/arena.h"
#include "core/category_rule.h"
#include "core/error.h"

#include <jansson.h>
#include <stdint.h>

struct service_policy;

struct voucher_kind {
	const char *id;   /* "care_voucher" */
	const char *name; /* 养老服务消费券 */
	int64_t face_fen;
	struct category_rule who;
	size_t nitems;
	const char **items;    /* catalogue codes; 0 items: any item */
	long long valid_days;  /* from the issue day, that day counted */
	int64_t min_order_fen; /* 0: no minimum */
	const char *source, *note;
};

struct voucher_policy {
	size_t nkinds;
	const struct voucher_kind *kinds;
	const char *source, *note;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: vouchers.<path>:
 * <what>". *out is arena-owned. */
int voucher_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct voucher_policy **out,
                        struct lx_error *err);

/* Every kind's items must be codes of the same file's catalogue. */
int voucher_policy_check_items(struct arena *a, const char *file,
                               const struct voucher_policy *p,
                               const struct service_policy *services,
                               struct lx_error *err);

/* The kind of that id, or NULL (p may be NULL). */
const struct voucher_kind *voucher_policy_kind(const struct voucher_policy *p,
                                               const char *id);

#endif
