#include "app/service_eligibility.h"

#include "app/indicators.h"
#include "app/policy.h"
#include "core/person.h"
#include "core/service_entitlement.h"
#include "core/subsidy.h"
#include "store/service_entitlement_store.h"

#include <string.h>

void service_person_on(struct arena *a, const struct person *p, const char *day,
                       unsigned *held, int *age)
{
	/* a run reads every person of a city: the usual few categories
	 * stay on the stack, not in the run's arena */
	struct service_held few[16];
	struct service_held *h =
	    p->ncategories <= 16 ? few
	                         : arena_alloc(a, p->ncategories * sizeof(*h));

	for (size_t i = 0; i < p->ncategories; i++) {
		h[i].category = p->categories[i].category;
		h[i].start = p->categories[i].start;
		h[i].end = p->categories[i].end;
	}
	*age = person_age_on(p->birth_date, day);
	*held = service_held_mask(h, p->ncategories, day, *age);
}

int service_person_qualifies(struct arena *a, const struct person *p,
                             const char *day, const struct category_rule *who,
                             const char **basis)
{
	unsigned held;
	int age, k;
	char buf[400];
	size_t off = 0;

	*basis = "";
	if (strcmp(p->kind, "elderly") ||
	    (p->deceased_on[0] && strcmp(p->deceased_on, day) <= 0))
		return 0;
	service_person_on(a, p, day, &held, &age);
	if ((k = category_rule_match(who, held, age)) < 0)
		return 0;
	buf[0] = '\0';
	for (int c = 0; who->nsets && c < PC__MAX; c++)
		if (who->sets[k] & (1u << c))
			off += (size_t)snprintf(
			    buf + off,
			    off < sizeof(buf) ? sizeof(buf) - off : 0, "%s%s",
			    off ? "、" : "",
			    person_category_names.labels_zh[c]);
	if (off < sizeof(buf))
		snprintf(buf + off, sizeof(buf) - off, "%s%d岁",
		         off ? "；" : "", age);
	*basis = arena_strdup(a, buf);
	return 1;
}

const struct policy_view *service_view_of(struct app_ctx *ctx,
                                          struct service_view_cache *c,
                                          const char *region)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->region[i], region))
			return c->ok[i] ? &c->views[i] : NULL;
	if (c->n == c->cap) {
		/* the arena keeps the old arrays; they are small */
		size_t cap = 2 * c->cap + 4;
		char(*r)[13] = arena_alloc(ctx->arena, cap * sizeof(*r));
		struct policy_view *v =
		    arena_alloc(ctx->arena, cap * sizeof(*v));
		int *ok = arena_alloc(ctx->arena, cap * sizeof(*ok));

		if (c->n) {
			memcpy(r, c->region, c->n * sizeof(*r));
			memcpy(v, c->views, c->n * sizeof(*v));
			memcpy(ok, c->ok, c->n * sizeof(*ok));
		}
		c->region = r;
		c->views = v;
		c->ok = ok;
		c->cap = cap;
	}
	snprintf(c->region[c->n], 13, "%s", region);
	c->ok[c->n] = !app_policy_view(ctx, region, &c->views[c->n]);
	lx_error_clear(&ctx->err);
	c->n++;
	return c->ok[c->n - 1] ? &c->views[c->n - 1] : NULL;
}

int service_may_read_person(struct app_ctx *ctx, const struct person *p)
{
	if (ctx->who->role == ROLE_FAMILY)
		/* the family orders for the persons it is linked to, and
		 * sees what may pay for them; no other */
		return service_store_linked(ctx->db, ctx->who->account_id,
		                            p->id, NULL) == 1;
	return principal_sees_region(ctx->who, p->region);
}

char *service_yuan(int64_t fen, char out[32])
{
	return subsidy_yuan(fen, out);
}
