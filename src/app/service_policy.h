/*
 * The "services" section of a policy file (docs/policy.md "Services"):
 * the service catalogue (助餐, 助浴, … and the infant items 全日托, 半日托,
 * 计时托, 育儿指导) with who may receive each item, and the basic
 * elderly-service list (基本养老服务清单: target group, content, standard,
 * who pays). The nearest file's section applies to a region, whole.
 */
#ifndef LX_APP_SERVICE_POLICY_H
#define LX_APP_SERVICE_POLICY_H

#include "core/arena.h"
#include "core/category_rule.h"
#include "core/error.h"

#include <jansson.h>

enum service_unit {
	SU_VISIT, /* 次 */
	SU_MEAL,  /* 餐 */
	SU_HOUR,  /* 小时 */
	SU_DAY,   /* 天 */
	SU_MONTH, /* 月 */
	SU__MAX
};

const char *service_unit_name(enum service_unit u);     /* "visit" … */
const char *service_unit_label_zh(enum service_unit u); /* "次" … */

enum service_for { SF_ELDERLY, SF_INFANT, SF__MAX };

struct service_item {
	const char *code; /* "meal", "bath", "daycare_full", … */
	const char *name; /* 助餐 */
	const char *category; /* 生活照料, 医疗康复, 托育, … (a label) */
	int unit;             /* enum service_unit */
	int for_whom;         /* enum service_for */
	/* elderly items: who may receive it (categories, age); no sets
	 * means any elderly person of the age */
	struct category_rule who;
	const char *source;
};

/* One row of the basic elderly-service list. */
struct basic_service {
	const char *item; /* a catalogue code, or NULL */
	const char *target, *content, *standard, *payer;
	const char *source;
};

struct service_policy {
	size_t nitems;
	const struct service_item *items;
	size_t nbasic;
	const struct basic_service *basic;
	const char *source, *note;
};

/* Reads the section o (NULL when the file has none: *out NULL, 0). On a
 * bad key returns -1 with err LX_EINVALID naming "<file>: services.<path>:
 * <what>". *out is arena-owned. */
int service_policy_read(struct arena *a, const char *file, json_t *o,
                        const struct service_policy **out,
                        struct lx_error *err);

/* The item of that code, or NULL. */
const struct service_item *service_policy_item(const struct service_policy *p,
                                               const char *code);

#endif
