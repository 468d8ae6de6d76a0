#include "app/credit_policy.h"

#include "app/policy_reader.h"

#include <string.h>

static const char *const supports[] = { "operating", "construction", NULL };

static const struct credit_code *find(const struct credit_code *c, size_t n,
                                      const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(c[i].code, code))
			return &c[i];
	return NULL;
}

const struct credit_code *credit_policy_kind(const struct credit_policy *p,
                                             const char *code)
{
	return p ? find(p->kinds, p->nkinds, code) : NULL;
}

const struct credit_code *credit_policy_ground(const struct credit_policy *p,
                                               const char *list,
                                               const char *code)
{
	if (!p || !list)
		return NULL;
	if (!strcmp(list, "black"))
		return find(p->black_grounds, p->nblack, code);
	if (!strcmp(list, "red"))
		return find(p->red_grounds, p->nred, code);
	return NULL;
}

int credit_policy_refuses(const struct credit_policy *p, const char *list,
                          const char *support)
{
	const char **v;
	size_t n;

	if (!p || !list || !support)
		return 0;
	if (!strcmp(list, "black")) {
		v = p->black_refuses;
		n = p->nblack_refuses;
	} else if (!strcmp(list, "membership")) {
		v = p->membership_refuses;
		n = p->nmembership_refuses;
	} else {
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], support))
			return 1;
	return 0;
}

static int read_codes(struct policy_reader *r, json_t *o, const char *key,
                      struct credit_code **out, size_t *n)
{
	static const char *const keys[] = { "code", "name", NULL };
	json_t *l = json_object_get(o, key), *e;
	size_t i;

	if (!json_is_array(l) || !json_array_size(l))
		return pr_bad(r, key, "must be a non-empty list");
	*n = json_array_size(l);
	*out = arena_alloc(r->a, *n * sizeof(**out));
	json_array_foreach(l, i, e)
	{
		const char *at = arena_printf(r->a, "%s[%zu]", key, i);

		if (!json_is_object(e))
			return pr_bad(r, at, "must be an object");
		if (pr_only_keys(r, e, at, keys) ||
		    pr_str(r, e, at, "code", 1, &(*out)[i].code) ||
		    pr_str(r, e, at, "name", 1, &(*out)[i].name))
			return -1;
		if (find(*out, i, (*out)[i].code))
			return pr_bad(r, pr_at(r, at, "code"),
			              "repeats an earlier code");
	}
	return 0;
}

static int read_supports(struct policy_reader *r, json_t *o, const char *path,
                         const char ***out, size_t *n)
{
	if (pr_str_list(r, o, path, "support", 1, n, out))
		return -1;
	for (size_t i = 0; i < *n; i++) {
		size_t k = 0;

		while (supports[k] && strcmp(supports[k], (*out)[i]))
			k++;
		if (!supports[k])
			return pr_bad(r, pr_at(r, path, "support"),
			              "must list \"operating\" or "
			              "\"construction\"");
	}
	return 0;
}

static int read_publication(struct policy_reader *r, json_t *o,
                            struct credit_policy *p)
{
	static const char *const keys[] = { "general_min_months",
		                            "general_max_months",
		                            "serious_min_months",
		                            "serious_max_months",
		                            "source",
		                            "note",
		                            NULL };
	const char *at = "penalty_publication", *s;
	json_t *e = json_object_get(o, at);
	long long v[4];

	if (!json_is_object(e))
		return pr_bad(r, at, "must be an object");
	if (pr_only_keys(r, e, at, keys) ||
	    pr_int(r, e, at, "general_min_months", 1, 0, 120, &v[0]) ||
	    pr_int(r, e, at, "general_max_months", 1, 1, 120, &v[1]) ||
	    pr_int(r, e, at, "serious_min_months", 1, 0, 120, &v[2]) ||
	    pr_int(r, e, at, "serious_max_months", 1, 1, 120, &v[3]) ||
	    pr_str(r, e, at, "source", 1, &s))
		return -1;
	if (v[0] > v[1])
		return pr_bad(r, pr_at(r, at, "general_min_months"),
		              "must not exceed general_max_months");
	if (v[2] > v[3])
		return pr_bad(r, pr_at(r, at, "serious_min_months"),
		              "must not exceed serious_max_months");
	p->general_min_months = (int)v[0];
	p->general_max_months = (int)v[1];
	p->serious_min_months = (int)v[2];
	p->serious_max_months = (int)v[3];
	return 0;
}

static int read_black_refuses(struct policy_reader *r, json_t *o,
                              struct credit_policy *p)
{
	static const char *const keys[] = { "support", "grading", "risk_class",
		                            "source",  "note",    NULL };
	const char *at = "black_refuses", *s;
	json_t *e = json_object_get(o, at), *g;

	if (!json_is_object(e))
		return pr_bad(r, at, "must be an object");
	if (pr_only_keys(r, e, at, keys) ||
	    read_supports(r, e, at, &p->black_refuses, &p->nblack_refuses) ||
	    pr_str(r, e, at, "risk_class", 1, &p->black_risk_class) ||
	    pr_str(r, e, at, "source", 1, &s))
		return -1;
	g = json_object_get(e, "grading");
	if (!json_is_boolean(g))
		return pr_bad(r, pr_at(r, at, "grading"),
		              "must be true or false");
	p->black_refuses_grading = json_is_true(g);
	return 0;
}

static int read_membership(struct policy_reader *r, json_t *o,
                           struct credit_policy *p)
{
	static const char *const keys[] = { "support", "source", "note", NULL };
	const char *at = "membership_refuses", *s;
	json_t *e = json_object_get(o, at);

	if (!json_is_object(e))
		return pr_bad(r, at, "must be an object");
	return pr_only_keys(r, e, at, keys) ||
	               read_supports(r, e, at, &p->membership_refuses,
	                             &p->nmembership_refuses) ||
	               pr_str(r, e, at, "source", 1, &s)
	           ? -1
	           : 0;
}

static int read_prepaid(struct policy_reader *r, json_t *o,
                        struct credit_policy *p)
{
	static const char *const keys[] = { "custody_percent", "balance_limit",
		                            "source", "note", NULL };
	const char *at = "prepaid", *s;
	json_t *e = json_object_get(o, at);
	long long pct;

	if (!json_is_object(e))
		return pr_bad(r, at, "must be an object");
	if (pr_only_keys(r, e, at, keys) ||
	    pr_int(r, e, at, "custody_percent", 1, 0, 100, &pct) ||
	    pr_yuan(r, e, at, "balance_limit", 1, &p->prepaid.limit_fen) ||
	    pr_str(r, e, at, "source", 1, &s))
		return -1;
	p->prepaid.custody_percent = (int)pct;
	return 0;
}

int credit_policy_read(struct arena *a, const char *file, json_t *o,
                       const struct credit_policy **out, struct lx_error *err)
{
	static const char *const keys[] = { "source",
		                            "note",
		                            "record_kinds",
		                            "record_kinds_source",
		                            "black_grounds",
		                            "black_grounds_source",
		                            "black_grounds_note",
		                            "red_grounds",
		                            "red_grounds_source",
		                            "red_grounds_note",
		                            "notice_days",
		                            "notice_source",
		                            "notice_note",
		                            "removal_years",
		                            "removal_source",
		                            "penalty_publication",
		                            "black_refuses",
		                            "membership_refuses",
		                            "prepaid",
		                            NULL };
	struct policy_reader r = { a, file, "credit", err };
	struct credit_policy *p;
	const char *s;
	long long days, years;

	*out = NULL;
	if (!o)
		return 0;
	if (!json_is_object(o))
		return pr_bad(&r, "", "must be an object");
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	if (pr_only_keys(&r, o, "", keys) ||
	    pr_str(&r, o, "", "source", 1, &p->source) ||
	    read_codes(&r, o, "record_kinds", &p->kinds, &p->nkinds) ||
	    pr_str(&r, o, "", "record_kinds_source", 1, &s) ||
	    read_codes(&r, o, "black_grounds", &p->black_grounds, &p->nblack) ||
	    pr_str(&r, o, "", "black_grounds_source", 1, &s) ||
	    read_codes(&r, o, "red_grounds", &p->red_grounds, &p->nred) ||
	    pr_str(&r, o, "", "red_grounds_source", 1, &s) ||
	    pr_int(&r, o, "", "notice_days", 1, 0, 365, &days) ||
	    pr_str(&r, o, "", "notice_source", 1, &s) ||
	    pr_int(&r, o, "", "removal_years", 1, 0, 20, &years) ||
	    pr_str(&r, o, "", "removal_source", 1, &s) ||
	    read_publication(&r, o, p) || read_black_refuses(&r, o, p) ||
	    read_membership(&r, o, p) || read_prepaid(&r, o, p))
		return -1;
	p->listing.notice_days = (int)days;
	p->listing.removal_years = (int)years;
	/* the platform keeps penalties as the kind the standing reads */
	if (!credit_policy_kind(p, "penalty"))
		return pr_bad(&r, "record_kinds",
		              "must include the kind \"penalty\"");
	if (!credit_policy_kind(p, "commitment"))
		return pr_bad(&r, "record_kinds",
		              "must include the kind \"commitment\"");
	*out = p;
	return 0;
}
