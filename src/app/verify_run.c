#include "app/verify_run.h"

#include "core/subsidy.h"
#include "core/subsidy_verify.h"
#include "store/verify_store.h"

#include <stdlib.h>
#include <string.h>

struct verify_run {
	const struct subsidy_verify_rule *rule;
	char start[11]; /* the period's first day: the day it is judged */
	struct verify_fact *facts;
	size_t nfacts;
	struct verify_first_paid *first;
	size_t nfirst;
};

int verify_run_load(struct app_ctx *ctx, const struct subsidy_scheme *s,
                    struct period p, struct verify_run **out)
{
	struct verify_run *v;

	*out = NULL;
	if (!s->verification)
		return 0;
	v = arena_alloc(ctx->arena, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->rule = s->verification;
	period_first_day(p, v->start);
	if (verify_store_facts(ctx->db, ctx->arena, v->start, &v->facts,
	                       &v->nfacts, &ctx->err) ||
	    verify_store_first_paid(ctx->db, ctx->arena, s->id, &v->first,
	                            &v->nfirst, &ctx->err))
		return -1;
	*out = v;
	return 0;
}

/* Both arrays are ordered by person id and start with it. */
static int cmp_person(const void *key, const void *elem)
{
	long long a = *(const long long *)key, b = *(const long long *)elem;

	return (a > b) - (a < b);
}

int verify_run_check(struct app_ctx *ctx, struct arena *a,
                     const struct verify_run *v, long long person,
                     const char **held, const char **note)
{
	const struct verify_fact *f =
	    v->nfacts ? bsearch(&person, v->facts, v->nfacts, sizeof(*v->facts),
	                        cmp_person)
	              : NULL;
	const struct verify_first_paid *fp =
	    v->nfirst ? bsearch(&person, v->first, v->nfirst, sizeof(*v->first),
	                        cmp_person)
	              : NULL;
	struct subsidy_verify_facts facts = { 0 };
	struct subsidy_verify_verdict out;
	char first[11];

	*held = *note = NULL;
	if (f) {
		facts.last = f->last;
		facts.next = f->next;
	}
	if (fp) {
		struct period p;

		/* a period's first day: "2025-03" → 2025-03-01 */
		if (!period_parse(fp->period, &p, NULL, "period")) {
			period_first_day(p, first);
			facts.first_paid = first;
		}
	}
	if (subsidy_verify_judge(a, v->rule, v->start, &facts, &out, &ctx->err))
		return -1;
	if (out.held)
		*held = out.reason_zh;
	else if (out.state == SUBSIDY_VERIFY_BACK_PAY)
		*note = out.reason_zh;
	return 0;
}
