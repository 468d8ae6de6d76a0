/* Recording an assessment: the scores against the scheme's scorecard, the
 * rules against the registry and the credit file, a rating when one is
 * given. */
#include "app/grade.h"

#include "app/grade_policy.h"
#include "app/params.h"
#include "core/date.h"
#include "core/facility.h"
#include "core/grade_rules.h"
#include "core/role.h"
#include "store/credit_standing_store.h"
#include "store/facility_store.h"
#include "store/grade_store.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 200

static const char *outcome_zh(const char *o)
{
	if (!strcmp(o, "rated"))
		return "评定通过";
	if (!strcmp(o, "refused"))
		return "不予评定";
	return "已评价";
}

static int load_visible(struct app_ctx *ctx, long long id, struct facility *f)
{
	if (facility_store_get(ctx->db, ctx->arena, id, NULL, f, &ctx->err))
		return -1;
	if (!principal_sees_facility(ctx->who, f->region, f->id))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "id",
		               "no facility %lld", id);
	return 0;
}

static int text_of(struct app_ctx *ctx, json_t *body, const char *key,
                   int required, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = "";
	if (!v || json_is_null(v))
		return required ? lx_fail(&ctx->err, LX_EINVALID, key,
		                          "'%s' is required", key)
		                : 0;
	if (!json_is_string(v) || json_string_length(v) > TEXT_MAX ||
	    (required && !json_string_length(v)))
		return lx_fail(&ctx->err, LX_EINVALID, key,
		               "'%s' must be text of 1 to %d bytes", key,
		               TEXT_MAX);
	*out = json_string_value(v);
	return 0;
}

/* The score sheet: one score a section, as text with at most one decimal
 * place, none missing, none unknown. */
static int read_scores(struct app_ctx *ctx, const struct grade_scheme *s,
                       json_t *body, int64_t *tenths, json_t **canon)
{
	json_t *o = json_object_get(body, "scores"), *v;
	const char *key;

	if (!json_is_object(o))
		return lx_fail(&ctx->err, LX_EINVALID, "scores",
		               "'scores' must be an object of section scores");
	json_object_foreach(o, key, v)
	{
		if (grade_scheme_section(s, key) < 0)
			return lx_fail(
			    &ctx->err, LX_EINVALID,
			    arena_printf(ctx->arena, "scores.%s", key),
			    "'%s' is not a section of %s", key, s->name);
	}
	*canon = json_object();
	for (size_t i = 0; i < s->nsections; i++) {
		const char *code = s->sections[i].code;
		const char *field = arena_printf(ctx->arena, "scores.%s", code);

		v = json_object_get(o, code);
		if (!json_is_string(v) ||
		    grade_score_parse(json_string_value(v), s->sections[i].max,
		                      &tenths[i])) {
			json_decref(*canon);
			return lx_fail(
			    &ctx->err, LX_EINVALID, field,
			    "'%s' (%s) must be a score from 0 to %lld "
			    "written as text with at most one decimal "
			    "place",
			    field, s->sections[i].name,
			    (long long)s->sections[i].max);
		}
		json_object_set(*canon, code, v);
	}
	return 0;
}

struct assess {
	struct facility f;
	const struct grade_scheme *s;
	struct grade_assessment x;
	int reached;
	const int64_t *tenths;
	struct grade_decision d;
	char renewal_from[11];
	json_t *out;
};

static json_t *assessment_json(const struct grade_scheme *s,
                               const struct grade_assessment *x,
                               const char *valid_until,
                               const char *renewal_from)
{
	json_t *sections = json_array(), *scores = NULL;

	if (s) {
		scores = json_loads(x->scores, 0, NULL);
		for (size_t i = 0; i < s->nsections; i++) {
			json_t *v =
			    scores
			        ? json_object_get(scores, s->sections[i].code)
			        : NULL;

			json_array_append_new(
			    sections, json_pack("{ss ss sI sO}", "code",
			                        s->sections[i].code, "name",
			                        s->sections[i].name, "max",
			                        (json_int_t)s->sections[i].max,
			                        "score", v ? v : json_null()));
		}
		json_decref(scores);
	}
	return json_pack(
	    "{ss sI sI ss ss ss ss ss so so? si ss so ss ss ss ss ss? ss? so}",
	    "evaluator", x->evaluator ? x->evaluator : "", "id",
	    (json_int_t)x->id, "facility_id", (json_int_t)x->facility_id,
	    "scheme", x->scheme, "scheme_name", s ? s->name : x->scheme, "kind",
	    x->kind, "kind_label",
	    !strcmp(x->kind, "annual") ? "年度综合评价" : "等级评定",
	    "assessed_on", x->assessed_on, "sections", sections,
	    "applied_level",
	    x->applied_level ? json_integer(x->applied_level) : NULL, "level",
	    x->level, "level_name", s ? grade_level_name(s, x->level) : "",
	    "total", json_string(x->total), "total_note",
	    "按各项得分相加，不作舍入", "outcome", x->outcome, "outcome_label",
	    outcome_zh(x->outcome), "reason", x->reason ? x->reason : "",
	    "valid_until", valid_until && *valid_until ? valid_until : NULL,
	    "renewal_from", renewal_from && *renewal_from ? renewal_from : NULL,
	    "rating_id",
	    x->rating_id ? json_integer(x->rating_id) : json_null());
}

static int assess_in_tx(struct app_ctx *ctx, void *arg)
{
	struct assess *a = arg;
	struct grade_facts facts;
	struct credit_standing cs;
	const char *day = a->x.assessed_on;

	memset(&facts, 0, sizeof(facts));
	if (grade_store_history(ctx->db, a->f.id, a->s->code, day,
	                        &facts.rated_before, facts.in_force_until,
	                        &ctx->err) ||
	    credit_standing_get(ctx->db, "facility", a->f.id, day, &cs,
	                        &ctx->err))
		return -1;
	facts.kind = a->f.kind;
	facts.filed = a->f.filing_status == FILING_FILED;
	facts.closed = a->f.closed_on[0] && strcmp(a->f.closed_on, day) <= 0;
	snprintf(facts.opened_on, sizeof(facts.opened_on), "%s",
	         a->f.opened_on);
	snprintf(facts.last_penalty_on, sizeof(facts.last_penalty_on), "%s",
	         cs.last_penalty_on);
	facts.black_listed = cs.black_id > 0;
	if (!strcmp(a->x.kind, "annual")) {
		/* a yearly evaluation grades nobody: it records the level the
		 * scores reach, to be published */
		a->x.level = a->reached;
		a->x.outcome = "evaluated";
	} else {
		if (grade_decide(a->s, &facts, day, a->x.applied_level,
		                 a->reached, &a->d))
			return lx_fail(&ctx->err, LX_EINVALID, "assessed_on",
			               "a date the rules cannot use");
		a->x.level = a->d.awarded;
		a->x.outcome = a->d.awarded ? "rated" : "refused";
		a->x.reason = arena_strdup(ctx->arena, a->d.reason);
	}
	if (grade_store_add_assessment(ctx->db, &a->x, ctx->who->account_id,
	                               &ctx->err))
		return -1;
	if (a->d.awarded) {
		if (grade_store_add_rating(
		        ctx->db, a->f.id, a->s->code, a->d.awarded, day,
		        a->d.valid_until, a->x.id, ctx->who->account_id,
		        ctx->now, &a->x.rating_id, &ctx->err) ||
		    grade_renewal_from(a->s, a->d.valid_until, a->renewal_from))
			return -1;
	}
	a->out =
	    assessment_json(a->s, &a->x, a->d.valid_until, a->renewal_from);
	return app_audit(ctx, "create", "grade_assessment",
	                 arena_printf(ctx->arena, "%lld", a->x.id), NULL,
	                 a->out);
}

json_t *app_grade_assess(struct app_ctx *ctx, long long facility, json_t *body)
{
	static const char *const keys[] = { "scheme",      "kind",
		                            "assessed_on", "applied_level",
		                            "scores",      "evaluator",
		                            NULL };
	struct assess a;
	const struct grade_policy *p;
	const char *scheme, *kind, *on, *evaluator;
	struct lx_date d;
	json_t *applied, *canon = NULL;
	int64_t *tenths;
	char *js;
	struct exact total;
	char t[EXACT_TEXT_MAX];

	memset(&a, 0, sizeof(a));
	if (load_visible(ctx, facility, &a.f))
		return NULL;
	if (!grade_may_write(ctx->who, a.f.region))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only officials of the facility's region record "
		               "assessments"),
		       NULL;
	if (body_only(body, keys, &ctx->err) ||
	    text_of(ctx, body, "scheme", 1, &scheme) ||
	    text_of(ctx, body, "kind", 0, &kind) ||
	    text_of(ctx, body, "assessed_on", 1, &on) ||
	    text_of(ctx, body, "evaluator", 0, &evaluator))
		return NULL;
	p = grade_policy_for(ctx, a.f.region);
	if (!p)
		return NULL;
	a.s = grade_policy_scheme(p, scheme);
	if (!a.s)
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "'%s' is not a rating scheme of the facility's "
		               "region",
		               scheme),
		       NULL;
	if (!*kind)
		kind = "rating";
	if (strcmp(kind, "rating") && strcmp(kind, "annual"))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "'kind' must be rating (等级评定) or annual "
		               "(年度综合评价)"),
		       NULL;
	if (!(a.s->kinds & (1u << a.f.kind)))
		return lx_fail(&ctx->err, LX_EINVALID, "scheme",
		               "%s does not rate a %s", a.s->name,
		               facility_kind_names.labels_zh[a.f.kind]),
		       NULL;
	if (date_parse_field(on, &d, &ctx->err, "assessed_on"))
		return NULL;
	if (strcmp(on, ctx->today) > 0)
		return lx_fail(&ctx->err, LX_EINVALID, "assessed_on",
		               "'assessed_on' must not be after today"),
		       NULL;
	applied = json_object_get(body, "applied_level");
	if (applied && !json_is_null(applied)) {
		if (!json_is_integer(applied) ||
		    json_integer_value(applied) < 1 ||
		    json_integer_value(applied) > (json_int_t)a.s->nlevels)
			return lx_fail(&ctx->err, LX_EINVALID, "applied_level",
			               "'applied_level' must be a whole number "
			               "1 to %zu",
			               a.s->nlevels),
			       NULL;
		a.x.applied_level = (int)json_integer_value(applied);
	}
	tenths = arena_alloc(ctx->arena, a.s->nsections * sizeof(*tenths));
	if (read_scores(ctx, a.s, body, tenths, &canon))
		return NULL;
	grade_score_compute(a.s, tenths, &total, &a.reached);
	a.x.facility_id = a.f.id;
	a.x.scheme = a.s->code;
	a.x.kind = kind;
	snprintf(a.x.assessed_on, sizeof(a.x.assessed_on), "%s", on);
	js = json_dumps(canon, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(canon);
	a.x.scores = arena_strdup(ctx->arena, js ? js : "{}");
	free(js);
	a.x.total =
	    arena_strdup(ctx->arena, exact_format_plain(total, 1, NULL, t));
	a.x.evaluator = evaluator;
	a.x.reason = "";
	snprintf(a.x.recorded_at, sizeof(a.x.recorded_at), "%s", ctx->now);
	if (app_transaction(ctx, assess_in_tx, &a))
		return NULL;
	return a.out;
}

json_t *app_grade_assessments(struct app_ctx *ctx, long long facility,
                              json_t *params)
{
	static const char *const allowed[] = { NULL };
	const struct grade_policy *p;
	struct grade_assessment *xs;
	struct facility f;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err) ||
	    load_visible(ctx, facility, &f) ||
	    grade_store_assessments(ctx->db, ctx->arena, facility, &xs, &n,
	                            &ctx->err))
		return NULL;
	p = grade_policy_for(ctx, f.region);
	if (!p)
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct grade_scheme *s =
		    grade_policy_scheme(p, xs[i].scheme);
		char from[11] = "";

		if (s && xs[i].valid_until[0])
			grade_renewal_from(s, xs[i].valid_until, from);
		json_array_append_new(
		    items, assessment_json(s, &xs[i], xs[i].valid_until, from));
	}
	return json_pack("{sI so}", "facility_id", (json_int_t)facility,
	                 "items", items);
}
