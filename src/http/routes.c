/* The route table and its handlers: each turns a request into one app_*
 * call. No rules live here. */
#include "http/route.h"

#include "app/accounts.h"
#include "app/applications.h"
#include "app/audit.h"
#include "app/bulletin.h"
#include "app/facilities.h"
#include "app/health.h"
#include "app/holds.h"
#include "app/indicator_nodes.h"
#include "app/indicators.h"
#include "app/infants.h"
#include "app/list_cache.h"
#include "app/payee.h"
#include "app/payee_bank.h"
#include "app/people.h"
#include "app/planning.h"
#include "app/policy.h"
#include "app/recoveries.h"
#include "app/regions.h"
#include "app/roster.h"
#include "app/subsidies.h"
#include "app/training.h"
#include "app/transfer.h"
#include "app/verify.h"
#include "http/policy_holder.h"
#include "http/routes_approval.h"
#include "http/routes_closure.h"
#include "http/routes_complaint.h"
#include "http/routes_credit.h"
#include "http/routes_disclose.h"
#include "http/routes_export.h"
#include "http/routes_grade.h"
#include "http/routes_import.h"
#include "http/routes_indicator_compare.h"
#include "http/routes_inspect_hazard.h"
#include "http/routes_inspect_plan.h"
#include "http/routes_inspect_staff.h"
#include "http/routes_place_match.h"
#include "http/routes_place_price.h"
#include "http/routes_place_wait.h"
#include "http/routes_project.h"
#include "http/routes_referral.h"
#include "http/routes_report_form.h"
#include "http/routes_review.h"
#include "http/routes_service_bed.h"
#include "http/routes_service_guidance.h"
#include "http/routes_service_money.h"
#include "http/routes_service_order.h"
#include "http/routes_service_timebank.h"
#include "http/routes_task.h"
#include "http/routes_task_progress.h"
#include "http/routes_visit.h"
#include "http/routes_visit_rate.h"

#include <stdlib.h>
#include <string.h>

static long long arg_id(struct hreq *r)
{
	char *end;
	long long id = strtoll(r->arg, &end, 10);

	return *end || id <= 0 ? -1 : id;
}

static void by_id(struct hreq *r,
                  json_t *(*fn)(struct app_ctx *, long long, json_t *),
                  json_t *in)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	else
		r->out = fn(r->ctx, id, in);
}

static void session_create(struct hreq *r)
{
	json_t *u = json_object_get(r->body, "username");
	json_t *p = json_object_get(r->body, "password");
	char cookie[64];

	if (!json_is_string(u) || !json_is_string(p))
		lx_fail(&r->ctx->err, LX_EINVALID,
		        json_is_string(u) ? "password" : "username",
		        "give 'username' and 'password'");
	else if ((r->out = app_login(r->ctx, json_string_value(u),
	                             json_string_value(p), r->addr, cookie)))
		snprintf(r->set_cookie, sizeof(r->set_cookie),
		         "lx_session=%s; Path=/; HttpOnly; SameSite=Strict; "
		         "Max-Age=%d%s",
		         cookie, SESSION_HOURS * 3600,
		         r->secure_cookies ? "; Secure" : "");
}

static void session_get(struct hreq *r)
{
	r->out = app_session_info(r->ctx, r->csrf);
}

static void session_delete(struct hreq *r)
{
	app_logout(r->ctx, r->cookie);
	snprintf(r->set_cookie, sizeof(r->set_cookie),
	         "lx_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	r->status = 204;
}

static void token_create(struct hreq *r)
{
	r->out = app_token_create(r->ctx, r->body);
	r->status = 201;
}

static void health(struct hreq *r)
{
	r->out = app_health(r->ctx);
}

static void token_list(struct hreq *r)
{
	r->out = app_token_list(r->ctx, r->query);
}

static void token_revoke(struct hreq *r)
{
	by_id(r, app_token_revoke, NULL);
}

static void users_list(struct hreq *r)
{
	r->out = app_account_list(r->ctx);
}

static void users_create(struct hreq *r)
{
	r->out = app_account_create(r->ctx, r->body);
	r->status = 201;
}

static void users_update(struct hreq *r)
{
	by_id(r, app_account_update, r->body);
}

static void regions_list(struct hreq *r)
{
	r->out = app_region_list(r->ctx, r->query);
}

static void regions_get(struct hreq *r)
{
	r->out = app_region_get(r->ctx, r->arg);
}

static void regions_create(struct hreq *r)
{
	r->out = app_region_create(r->ctx, r->body);
	r->status = 201;
}

static void regions_update(struct hreq *r)
{
	r->out = app_region_update(r->ctx, r->arg, r->body);
}

static void regions_close(struct hreq *r)
{
	r->out = app_region_close(r->ctx, r->arg, r->body);
}

static void population_get(struct hreq *r)
{
	r->out = app_population_get(r->ctx, r->query);
}

static void population_put(struct hreq *r)
{
	r->out = app_population_put(r->ctx, r->body);
}

static void population_delete(struct hreq *r)
{
	if (!app_population_delete(r->ctx, r->query))
		r->status = 204;
}

/* A list page's answer as cached text (app/list_cache.h). */
static void cached_list(struct hreq *r, const char *name,
                        json_t *(*fn)(struct app_ctx *ctx, json_t *params))
{
	int hit;

	if (!app_cached_list(r->ctx, name, r->query, fn, &r->text, &r->textlen,
	                     &hit)) {
		r->content_type = "application/json; charset=utf-8";
		r->cache = hit ? "hit" : "miss";
	}
}

static void facilities_list(struct hreq *r)
{
	cached_list(r, "facilities", app_facility_list);
}

/* the city's totals by kind with the capacity in force on a day: the
 * same answer to every official of a scope until something is written */
static void facilities_summary(struct hreq *r)
{
	cached_list(r, "facilities_summary", app_facility_summary);
}

static void facilities_create(struct hreq *r)
{
	r->out = app_facility_create(r->ctx, r->body);
	r->status = 201;
}

static void facilities_get(struct hreq *r)
{
	by_id(r, app_facility_get, r->query);
}

static void facilities_update(struct hreq *r)
{
	by_id(r, app_facility_update, r->body);
}

static void facilities_close(struct hreq *r)
{
	by_id(r, app_facility_close, r->body);
}

static json_t *history(struct app_ctx *ctx, long long id, json_t *unused)
{
	(void)unused;
	return app_facility_history(ctx, id);
}

static void facilities_history(struct hreq *r)
{
	by_id(r, history, NULL);
}

static void import_csv(struct hreq *r)
{
	r->out = app_import_csv(r->ctx, r->arg, r->raw, r->rawlen);
}

static void export_csv(struct hreq *r)
{
	if (!app_export_csv(r->ctx, r->arg, r->query, &r->text, &r->textlen)) {
		r->content_type = "text/csv; charset=utf-8";
		r->filename =
		    arena_printf(r->ctx->arena, "laoxiao-%s.csv", r->arg);
	}
}

static void audit_list(struct hreq *r)
{
	r->out = app_audit_list(r->ctx, r->query);
}

static void indicators_list(struct hreq *r)
{
	int hit;

	if (!app_indicators_cached(r->ctx, r->query, &r->text, &r->textlen,
	                           &hit)) {
		r->content_type = "application/json; charset=utf-8";
		r->cache = hit ? "hit" : "miss";
	}
}

static void indicators_evaluate(struct hreq *r)
{
	r->out = app_evaluate(r->ctx, r->query);
}

static void indicators_nodes(struct hreq *r)
{
	int hit;

	if (!app_indicator_nodes(r->ctx, r->query, &r->text, &r->textlen,
	                         &r->content_type, &hit))
		r->cache = hit ? "hit" : "miss";
}

static void indicators_series(struct hreq *r)
{
	r->out = app_indicator_series(r->ctx, r->arg, r->query);
}

static void reported_put(struct hreq *r)
{
	r->out = app_reported_put(r->ctx, r->body);
}

static void bulletin_get(struct hreq *r)
{
	const char *ext, *name;

	/* a download under the document's own Chinese title */
	if (!app_bulletin_named(r->ctx, r->query, &r->text, &r->textlen,
	                        &r->content_type, &ext, &name) &&
	    strcmp(ext, "html"))
		r->filename = name;
}

static void policies_list(struct hreq *r)
{
	json_t *items = json_array();

	for (size_t i = 0; i < policy_set_count(r->ctx->policies); i++) {
		const struct policy *p = policy_set_at(r->ctx->policies, i);

		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s, s:s?, s:i, s:i}", "jurisdiction",
		              p->code, "name", p->name, "file", p->file,
		              "document", p->document, "indicators",
		              (int)p->nindicators, "groups", (int)p->ngroups));
	}
	r->out = json_pack("{s:o}", "items", items);
}

static void policies_reload(struct hreq *r)
{
	if (!principal_is_admin(r->ctx->who))
		lx_fail(&r->ctx->err, LX_EFORBIDDEN, "",
		        "only administrators reload policies");
	else if (!policy_holder_reload(&r->ctx->err))
		r->out = json_pack("{s:b}", "reloaded", 1);
}

static void plan_coverage(struct hreq *r)
{
	r->out = app_plan_coverage(r->ctx, r->query);
}

static void plan_gap(struct hreq *r)
{
	r->out = app_plan_gap(r->ctx, r->query);
}

static void plan_check(struct hreq *r)
{
	r->out = app_plan_residential_check(r->ctx, r->body);
}

static void plan_staffing(struct hreq *r)
{
	r->out = app_plan_staffing(r->ctx, r->query);
}

static void persons_list(struct hreq *r)
{
	cached_list(r, "persons", app_person_list);
}

static void persons_create(struct hreq *r)
{
	r->out = app_person_create(r->ctx, r->body);
	r->status = 201;
}

static void persons_get(struct hreq *r)
{
	by_id(r, app_person_get, r->query);
}

static void persons_update(struct hreq *r)
{
	by_id(r, app_person_update, r->body);
}

static void persons_assess(struct hreq *r)
{
	by_id(r, app_person_assess, r->body);
	r->status = r->out ? 201 : r->status;
}

static json_t *assessments(struct app_ctx *ctx, long long id, json_t *unused)
{
	(void)unused;
	return app_person_assessments(ctx, id);
}

static void persons_assessments(struct hreq *r)
{
	by_id(r, assessments, NULL);
}

static void persons_health_add(struct hreq *r)
{
	by_id(r, app_health_add, r->body);
	r->status = r->out ? 201 : r->status;
}

static json_t *health_list(struct app_ctx *ctx, long long id, json_t *unused)
{
	(void)unused;
	return app_health_list(ctx, id);
}

static void persons_health(struct hreq *r)
{
	by_id(r, health_list, NULL);
}

static void persons_enrol(struct hreq *r)
{
	by_id(r, app_enrol, r->body);
	r->status = r->out ? 201 : r->status;
}

static json_t *enrolments(struct app_ctx *ctx, long long id, json_t *unused)
{
	(void)unused;
	return app_enrolments(ctx, id);
}

static void persons_enrolments(struct hreq *r)
{
	by_id(r, enrolments, NULL);
}

static json_t *moves(struct app_ctx *ctx, long long id, json_t *unused)
{
	(void)unused;
	return app_person_moves(ctx, id);
}

static void persons_moves(struct hreq *r)
{
	by_id(r, moves, NULL);
}

static void instrument(struct hreq *r)
{
	r->out = app_assessment_instrument(r->ctx);
}

static void subsidy_run(struct hreq *r)
{
	r->out = app_subsidy_run(r->ctx, r->body);
}

/* A bank file as the answer's body, named for its scheme and period. */
static void bank_file_out(struct hreq *r, struct payee_bank_file *f)
{
	r->text = f->data;
	r->textlen = f->len;
	r->content_type = f->content_type;
	r->filename =
	    arena_printf(r->ctx->arena, "bank-%s.%s", f->template_name, f->ext);
	json_decref(f->exceptions);
}

static void ledger_list(struct hreq *r)
{
	const char *fmt =
	    json_string_value(json_object_get(r->query, "format"));
	struct payee_bank_file f;

	if (fmt && !strcmp(fmt, "summary")) {
		r->out = app_ledger_bank_summary(r->ctx, r->query);
		return;
	}
	if (fmt) {
		if (!app_ledger_bank_file(r->ctx, r->query, &f))
			bank_file_out(r, &f);
		return;
	}
	cached_list(r, "ledger", app_ledger_list);
}

static void ledger_reverse(struct hreq *r)
{
	by_id(r, app_ledger_reverse, r->body);
	r->status = r->out ? 201 : r->status;
}

static void ledger_send(struct hreq *r)
{
	struct payee_bank_file f;

	if (!app_ledger_bank_send(r->ctx, r->body, &f)) {
		bank_file_out(r, &f);
		r->status = 201;
	}
}

static void ledger_lift(struct hreq *r)
{
	by_id(r, app_ledger_lift, r->body);
	r->status = r->out ? 201 : r->status;
}

static void holds_list(struct hreq *r)
{
	r->out = app_holds_list(r->ctx, r->query);
}

static void holds_add(struct hreq *r)
{
	r->out = app_hold_add(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

static void holds_lift(struct hreq *r)
{
	by_id(r, app_hold_lift, r->body);
}

static void owed_list(struct hreq *r)
{
	r->out = app_owed_list(r->ctx, r->query);
}

static void owed_repaid(struct hreq *r)
{
	r->out = app_owed_repaid(r->ctx, r->body);
	r->status = r->out ? 201 : r->status;
}

static void training_cert_add(struct hreq *r)
{
	r->out = app_trainee_cert_add(r->ctx, r->body);
	r->status = 201;
}

static void training_providers(struct hreq *r)
{
	r->out = app_training_providers(r->ctx, r->query);
}

static void subsidy_schemes(struct hreq *r)
{
	r->out = app_subsidy_schemes(r->ctx, r->query);
}

static void applications_submit(struct hreq *r)
{
	r->out = app_application_submit(r->ctx, r->body);
	r->status = 201;
}

static void applications_list(struct hreq *r)
{
	r->out = app_application_list(r->ctx, r->query);
}

static void applications_get(struct hreq *r)
{
	by_id(r, app_application_get, r->query);
}

static void applications_decide(struct hreq *r)
{
	by_id(r, app_application_decide, r->body);
}

static void verifications_add(struct hreq *r)
{
	by_id(r, app_verify_add, r->body);
	r->status = r->out ? 201 : r->status;
}

static json_t *verifications(struct app_ctx *ctx, long long id, json_t *unused)
{
	(void)unused;
	return app_verify_list(ctx, id);
}

static void verifications_list(struct hreq *r)
{
	by_id(r, verifications, NULL);
}

static void verifications_import(struct hreq *r)
{
	r->out = app_verify_import(r->ctx, r->raw, r->rawlen);
}

static void roster_get(struct hreq *r)
{
	const char *ext;

	if (!json_object_get(r->query, "format")) {
		r->out = app_roster(r->ctx, r->query);
		return;
	}
	if (!app_roster_export(r->ctx, r->query, &r->text, &r->textlen,
	                       &r->content_type, &ext))
		r->filename = arena_printf(r->ctx->arena, "roster.%s", ext);
}

static long long payee_owner(struct hreq *r)
{
	long long id = arg_id(r);

	if (id < 0)
		lx_fail(&r->ctx->err, LX_ENOTFOUND, "id", "no such id");
	return id;
}

static void person_payee_get(struct hreq *r)
{
	long long id = payee_owner(r);

	if (id > 0)
		r->out = app_payee_get(r->ctx, "person", id, r->query);
}

static void person_payee_put(struct hreq *r)
{
	long long id = payee_owner(r);

	if (id > 0)
		r->out = app_payee_put(r->ctx, "person", id, r->body);
}

static void person_payee_delete(struct hreq *r)
{
	long long id = payee_owner(r);

	if (id > 0)
		r->out = app_payee_delete(r->ctx, "person", id, r->body);
}

static void facility_payee_get(struct hreq *r)
{
	long long id = payee_owner(r);

	if (id > 0)
		r->out = app_payee_get(r->ctx, "institution", id, r->query);
}

static void facility_payee_put(struct hreq *r)
{
	long long id = payee_owner(r);

	if (id > 0)
		r->out = app_payee_put(r->ctx, "institution", id, r->body);
}

static void facility_payee_delete(struct hreq *r)
{
	long long id = payee_owner(r);

	if (id > 0)
		r->out = app_payee_delete(r->ctx, "institution", id, r->body);
}

static const struct route routes[] = {
	/* access, per role in enum role order (admin, city, county, dept,
	 * operator, readonly, family, visitor, township, inspector): '*' no
	 * login needed, 'a' everything (or nothing tied to a region), 'r'
	 * within the role's region (others are 404), 'o' its own facilities and
	 * their residents (others 404), 's' its own (tokens, applications), '-'
	 * refused (403) before the handler runs. docs/api.md prints this table
	 * (laoxiao routes). */
	{ "GET", "/api/v1/health", health, R_PUBLIC, "**********" },
	{ "POST", "/api/v1/session", session_create, R_PUBLIC | R_JSON_BODY,
	  "**********" },
	{ "GET", "/api/v1/session", session_get, 0, "aaaaaaaaaa" },
	{ "DELETE", "/api/v1/session", session_delete, 0, "aaaaaaaaaa" },
	{ "POST", "/api/v1/tokens", token_create, R_JSON_BODY, "asssssssss" },
	{ "GET", "/api/v1/tokens", token_list, 0, "asssssssss" },
	{ "DELETE", "/api/v1/tokens/{}", token_revoke, 0, "asssssssss" },
	{ "GET", "/api/v1/users", users_list, 0, "a---------" },
	{ "POST", "/api/v1/users", users_create, R_JSON_BODY, "a---------" },
	{ "PATCH", "/api/v1/users/{}", users_update, R_JSON_BODY,
	  "a---------" },
	{ "GET", "/api/v1/regions", regions_list, 0, "arrrrrrrrr" },
	{ "POST", "/api/v1/regions", regions_create, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/regions/{}", regions_get, 0, "arrrrrrrrr" },
	{ "PATCH", "/api/v1/regions/{}", regions_update, R_JSON_BODY,
	  "arr-------" },
	{ "POST", "/api/v1/regions/{}/close", regions_close, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/population", population_get, 0, "arrrrr--r-" },
	{ "PUT", "/api/v1/population", population_put, R_JSON_BODY,
	  "arr-------" },
	{ "DELETE", "/api/v1/population", population_delete, 0, "arr-------" },
	{ "GET", "/api/v1/facilities", facilities_list, 0, "arrror--rr" },
	{ "POST", "/api/v1/facilities", facilities_create, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/facilities/summary", facilities_summary, 0,
	  "arrr-r--r-" },
	{ "GET", "/api/v1/facilities/{}", facilities_get, 0, "arrror--rr" },
	{ "PATCH", "/api/v1/facilities/{}", facilities_update, R_JSON_BODY,
	  "arrro-----" },
	{ "POST", "/api/v1/facilities/{}/close", facilities_close, R_JSON_BODY,
	  "arrro-----" },
	{ "GET", "/api/v1/facilities/{}/history", facilities_history, 0,
	  "arrror--rr" },
	{ "POST", "/api/v1/import/{}", import_csv, R_RAW_BODY, "arrr------" },
	{ "GET", "/api/v1/export/{}", export_csv, 0, "arrr-r--r-" },
	{ "GET", "/api/v1/audit", audit_list, 0, "a---------" },
	{ "GET", "/api/v1/indicators", indicators_list, 0, "arrrrr--r-" },
	{ "GET", "/api/v1/indicators/evaluate", indicators_evaluate, 0,
	  "arrrrr--r-" },
	{ "GET", "/api/v1/indicators/nodes", indicators_nodes, 0,
	  "arr-------" },
	{ "GET", "/api/v1/indicators/{}/series", indicators_series, 0,
	  "arrrrr--r-" },
	{ "PUT", "/api/v1/reported", reported_put, R_JSON_BODY, "arrr------" },
	{ "GET", "/api/v1/reports/bulletin", bulletin_get, 0, "arrrrr--r-" },
	{ "GET", "/api/v1/policies", policies_list, 0, "arrrrr--r-" },
	{ "GET", "/api/v1/plan/coverage", plan_coverage, 0, "arrrrr--r-" },
	{ "GET", "/api/v1/plan/gap", plan_gap, 0, "arrrrr--r-" },
	{ "POST", "/api/v1/plan/residential-check", plan_check, R_JSON_BODY,
	  "arrrrr----" },
	{ "GET", "/api/v1/plan/staffing", plan_staffing, 0, "arrrrr--r-" },
	{ "GET", "/api/v1/persons", persons_list, 0, "arrror--r-" },
	{ "POST", "/api/v1/persons", persons_create, R_JSON_BODY,
	  "arr-o-----" },
	{ "GET", "/api/v1/persons/{}", persons_get, 0, "arrror--r-" },
	{ "PATCH", "/api/v1/persons/{}", persons_update, R_JSON_BODY,
	  "arr-o-----" },
	{ "POST", "/api/v1/persons/{}/assessments", persons_assess, R_JSON_BODY,
	  "arr-o-----" },
	{ "GET", "/api/v1/persons/{}/assessments", persons_assessments, 0,
	  "arrror--r-" },
	{ "POST", "/api/v1/persons/{}/health", persons_health_add, R_JSON_BODY,
	  "arr-o-----" },
	{ "GET", "/api/v1/persons/{}/health", persons_health, 0, "arrror--r-" },
	{ "POST", "/api/v1/persons/{}/enrolments", persons_enrol, R_JSON_BODY,
	  "arr-o-----" },
	{ "GET", "/api/v1/persons/{}/enrolments", persons_enrolments, 0,
	  "arrror--r-" },
	{ "GET", "/api/v1/persons/{}/moves", persons_moves, 0, "arrror--r-" },
	{ "GET", "/api/v1/assessment/instrument", instrument, 0, "aaaaaaaaaa" },
	{ "POST", "/api/v1/subsidies/runs", subsidy_run, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/subsidies/schemes", subsidy_schemes, 0,
	  "arr---r---" },
	{ "POST", "/api/v1/training/certificates", training_cert_add,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/training/providers", training_providers, 0,
	  "arr-------" },
	{ "POST", "/api/v1/applications", applications_submit, R_JSON_BODY,
	  "arr---s---" },
	{ "GET", "/api/v1/applications", applications_list, 0, "arr---s---" },
	{ "GET", "/api/v1/applications/{}", applications_get, 0, "arr---s---" },
	{ "POST", "/api/v1/applications/{}/decision", applications_decide,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/subsidies/ledger", ledger_list, 0, "arr-------" },
	{ "POST", "/api/v1/subsidies/ledger/{}/reverse", ledger_reverse,
	  R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/subsidies/ledger/{}/lift", ledger_lift, R_JSON_BODY,
	  "arr-------" },
	{ "POST", "/api/v1/subsidies/ledger/send", ledger_send, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/subsidies/holds", holds_list, 0, "arr-------" },
	{ "POST", "/api/v1/subsidies/holds", holds_add, R_JSON_BODY,
	  "arr-------" },
	{ "POST", "/api/v1/subsidies/holds/{}/lift", holds_lift, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/subsidies/owed", owed_list, 0, "arr-------" },
	{ "POST", "/api/v1/subsidies/owed/repaid", owed_repaid, R_JSON_BODY,
	  "arr-------" },
	{ "POST", "/api/v1/policies/reload", policies_reload, 0, "a---------" },
	{ "POST", "/api/v1/persons/{}/verifications", verifications_add,
	  R_JSON_BODY, "arr-o-----" },
	{ "GET", "/api/v1/persons/{}/verifications", verifications_list, 0,
	  "arrror--r-" },
	{ "POST", "/api/v1/verifications/import", verifications_import,
	  R_RAW_BODY, "arr-------" },
	{ "GET", "/api/v1/roster", roster_get, 0, "arrr-r--r-" },
	/* three-step approval, the 公示 list and budgets
	 * (routes_approval.c) */
	{ "GET", "/api/v1/users/duties", approval_duties_list, 0,
	  "a---------" },
	{ "PUT", "/api/v1/users/{}/duties", approval_duties_set, R_JSON_BODY,
	  "a---------" },
	{ "GET", "/api/v1/subsidies/batches", approval_batches_list, 0,
	  "arr-------" },
	{ "POST", "/api/v1/subsidies/batches", approval_batches_prepare,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/subsidies/batches/{}", approval_batches_get, 0,
	  "arr-------" },
	{ "POST", "/api/v1/subsidies/batches/{}/check", approval_batches_check,
	  R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/subsidies/batches/{}/approve",
	  approval_batches_approve, R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/subsidies/batches/{}/return",
	  approval_batches_return, R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/subsidies/batches/{}/notice", approval_batches_notice,
	  0, "arr-------" },
	{ "GET", "/api/v1/subsidies/budgets", approval_budgets_list, 0,
	  "arr-------" },
	{ "PUT", "/api/v1/subsidies/budgets", approval_budgets_set, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/persons/{}/payee", person_payee_get, 0,
	  "arr-o-----" },
	{ "PUT", "/api/v1/persons/{}/payee", person_payee_put, R_JSON_BODY,
	  "arr-------" },
	{ "DELETE", "/api/v1/persons/{}/payee", person_payee_delete, 0,
	  "arr-------" },
	{ "GET", "/api/v1/facilities/{}/payee", facility_payee_get, 0,
	  "arr-o-----" },
	{ "PUT", "/api/v1/facilities/{}/payee", facility_payee_put, R_JSON_BODY,
	  "arr-------" },
	{ "DELETE", "/api/v1/facilities/{}/payee", facility_payee_delete, 0,
	  "arr-------" },
	/* referrals of needs found on visits (routes_referral.c): the
	 * receiving side takes the first steps, the township closes */
	{ "GET", "/api/v1/referrals", referrals_list, 0, "arrror-sr-" },
	{ "POST", "/api/v1/referrals", referrals_create, R_JSON_BODY,
	  "arr----sr-" },
	{ "GET", "/api/v1/referrals/options", referrals_options, 0,
	  "arrr-r-rr-" },
	{ "GET", "/api/v1/referrals/{}", referrals_get, 0, "arrror-sr-" },
	{ "POST", "/api/v1/referrals/{}/accept", referrals_accept, R_JSON_BODY,
	  "arrro---r-" },
	{ "POST", "/api/v1/referrals/{}/handle", referrals_handle, R_JSON_BODY,
	  "arrro---r-" },
	{ "POST", "/api/v1/referrals/{}/feedback", referrals_feedback,
	  R_JSON_BODY, "arrro---r-" },
	{ "POST", "/api/v1/referrals/{}/close", referrals_close, R_JSON_BODY,
	  "arr-----r-" },
	{ "POST", "/api/v1/referrals/{}/reopen", referrals_reopen, R_JSON_BODY,
	  "arr-----r-" },
	/* visits to special-difficulty elderly (routes_visit.c) */
	{ "GET", "/api/v1/visits/targets", visit_targets_get, 0, "arrr-r-rr-" },
	{ "GET", "/api/v1/visits/worklist", visit_worklist_get, 0,
	  "arrr-r-rr-" },
	{ "POST", "/api/v1/visits", visit_record, R_JSON_BODY, "arr----rr-" },
	{ "GET", "/api/v1/visits", visit_list, 0, "arrr-r-rr-" },
	{ "GET", "/api/v1/visits/{}", visit_get, 0, "arrr-r-rr-" },
	{ "POST", "/api/v1/visits/import", visit_import, R_RAW_BODY,
	  "arr----rr-" },
	{ "POST", "/api/v1/visits/events", visit_event_add, R_JSON_BODY,
	  "arr----rr-" },
	{ "GET", "/api/v1/visits/events", visit_event_list, 0, "arrr-r-rr-" },
	{ "GET", "/api/v1/visits/ledger", visit_ledger_get, 0, "arrr-r-rr-" },
	{ "GET", "/api/v1/visits/coverage", visit_coverage_get, 0,
	  "arrr-r--r-" },
	{ "PUT", "/api/v1/persons/{}/visit-tier", visit_tier_put, R_JSON_BODY,
	  "arr-----r-" },
	{ "DELETE", "/api/v1/persons/{}/visit-tier", visit_tier_delete, 0,
	  "arr-----r-" },
	{ "GET", "/api/v1/visits/options", visit_options_get, 0, "arrr-r-rr-" },
	/* the monthly visit rate (routes_visit_rate.c) */
	{ "GET", "/api/v1/visits/rate", visit_rate_get, 0, "arrr-r--r-" },
	/* home and community services: the catalogue, providers' offers,
	 * family links and orders (routes_service_order.c); the provider
	 * takes the order's steps, whoever placed it rates it */
	{ "GET", "/api/v1/services/catalogue", service_catalogue_get, 0,
	  "arrrrrrrr-" },
	{ "GET", "/api/v1/services/offers", service_offers_list, 0,
	  "arrrrrrrr-" },
	{ "POST", "/api/v1/services/offers", service_offers_add, R_JSON_BODY,
	  "arrro-----" },
	{ "GET", "/api/v1/services/links", service_links_list, 0,
	  "------s---" },
	{ "POST", "/api/v1/services/links", service_links_add, R_JSON_BODY,
	  "------s---" },
	{ "DELETE", "/api/v1/services/links/{}", service_links_remove, 0,
	  "------s---" },
	{ "GET", "/api/v1/services/orders", service_orders_list, 0,
	  "arrrorsrr-" },
	{ "POST", "/api/v1/services/orders", service_orders_place, R_JSON_BODY,
	  "arrr--srr-" },
	{ "GET", "/api/v1/services/orders/{}", service_orders_get, 0,
	  "arrrorsrr-" },
	{ "POST", "/api/v1/services/orders/{}/accept", service_orders_accept,
	  R_JSON_BODY, "----o-----" },
	{ "POST", "/api/v1/services/orders/{}/schedule",
	  service_orders_schedule, R_JSON_BODY, "----o-----" },
	{ "POST", "/api/v1/services/orders/{}/start", service_orders_start,
	  R_JSON_BODY, "----o-----" },
	{ "POST", "/api/v1/services/orders/{}/finish", service_orders_finish,
	  R_JSON_BODY, "----o-----" },
	{ "POST", "/api/v1/services/orders/{}/rate", service_orders_rate,
	  R_JSON_BODY, "arrr--srr-" },
	{ "POST", "/api/v1/services/orders/{}/cancel", service_orders_cancel,
	  R_JSON_BODY, "arrro-srr-" },
	{ "GET", "/api/v1/services/queue", service_queue_get, 0, "arrro---r-" },
	{ "GET", "/api/v1/services/use", service_use_get, 0, "arrr-r--r-" },
	/* government-purchased service entitlements and vouchers
	 * (routes_service_money.c): officials grant and issue, everyone
	 * of an official's kind reads within the region, a family reads
	 * the persons it is linked to */
	{ "GET", "/api/v1/services/entitlements", service_entitlements_list, 0,
	  "arrr-rs-r-" },
	{ "POST", "/api/v1/services/entitlements", service_entitlements_grant,
	  R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/services/entitlements/run", service_entitlements_run,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/services/entitlements/report",
	  service_entitlements_report, 0, "arrr-r--r-" },
	{ "GET", "/api/v1/services/voucher-batches",
	  service_voucher_batches_list, 0, "arrr-r--r-" },
	{ "POST", "/api/v1/services/voucher-batches",
	  service_voucher_batches_issue, R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/services/voucher-batches/{}",
	  service_voucher_batches_get, 0, "arrr-r--r-" },
	{ "GET", "/api/v1/services/vouchers", service_vouchers_list, 0,
	  "arrr-rs-r-" },
	{ "GET", "/api/v1/services/money-options", service_money_options, 0,
	  "arrr-r--r-" },
	/* the time bank: volunteers, the services that earn hours, accounts
	 * and transfers to kin (routes_service_timebank.c) */
	{ "GET", "/api/v1/timebank/options", timebank_options, 0,
	  "arrror--r-" },
	{ "GET", "/api/v1/timebank/volunteers", timebank_volunteers_list, 0,
	  "arrror--r-" },
	{ "POST", "/api/v1/timebank/volunteers", timebank_volunteers_create,
	  R_JSON_BODY, "arrro---r-" },
	{ "GET", "/api/v1/timebank/volunteers/{}", timebank_volunteer_get, 0,
	  "arrror--r-" },
	{ "POST", "/api/v1/timebank/volunteers/{}/leave",
	  timebank_volunteer_leave, R_JSON_BODY, "arrro---r-" },
	{ "POST", "/api/v1/timebank/volunteers/{}/kin", timebank_volunteer_kin,
	  R_JSON_BODY, "arrr----r-" },
	{ "GET", "/api/v1/timebank/services", timebank_services_list, 0,
	  "arrror--r-" },
	{ "POST", "/api/v1/timebank/services", timebank_services_create,
	  R_JSON_BODY, "arrro---r-" },
	{ "POST", "/api/v1/timebank/services/{}/verify",
	  timebank_service_verify, R_JSON_BODY, "arrro---r-" },
	{ "POST", "/api/v1/timebank/services/{}/reject",
	  timebank_service_reject, R_JSON_BODY, "arrro---r-" },
	{ "POST", "/api/v1/timebank/transfers", timebank_transfer, R_JSON_BODY,
	  "arrr----r-" },
	{ "GET", "/api/v1/timebank/accounts", timebank_accounts_list, 0,
	  "arrror--r-" },
	{ "GET", "/api/v1/timebank/accounts/{}", timebank_account_get, 0,
	  "arrror--r-" },
	/* family care beds (routes_service_bed.c): officials of the
	 * person's region and the providing facility's operator */
	{ "GET", "/api/v1/family-beds", beds_list, 0, "arrror--r-" },
	{ "POST", "/api/v1/family-beds", beds_create, R_JSON_BODY,
	  "arrro-----" },
	{ "GET", "/api/v1/family-beds/counts", beds_counts, 0, "arrr-r--r-" },
	{ "GET", "/api/v1/family-beds/{}", beds_get, 0, "arrror--r-" },
	{ "POST", "/api/v1/family-beds/{}/assess", beds_assess, R_JSON_BODY,
	  "arrro-----" },
	{ "POST", "/api/v1/family-beds/{}/set-up", beds_set_up, R_JSON_BODY,
	  "arrro-----" },
	{ "POST", "/api/v1/family-beds/{}/activate", beds_activate, R_JSON_BODY,
	  "arrro-----" },
	{ "POST", "/api/v1/family-beds/{}/remove", beds_remove, R_JSON_BODY,
	  "arrro-----" },
	/* the month's service is the provider's own record */
	{ "PUT", "/api/v1/family-beds/{}/log", beds_log, R_JSON_BODY,
	  "a---o-----" },
	/* parenting guidance (routes_service_guidance.c): officials and
	 * childcare operators record activities with the infants reached */
	{ "GET", "/api/v1/guidance/activities", guidance_list, 0,
	  "arrror--r-" },
	{ "POST", "/api/v1/guidance/activities", guidance_create, R_JSON_BODY,
	  "arrro-----" },
	{ "GET", "/api/v1/guidance/activities/{}", guidance_get, 0,
	  "arrror--r-" },
	{ "GET", "/api/v1/guidance/coverage", guidance_coverage, 0,
	  "arrr-r--r-" },
	{ "GET", "/api/v1/guidance/options", guidance_options, 0,
	  "arrrrr--r-" },
	/* vacancy and prices (routes_place_price.c): officials in scope and
	 * read-only accounts see a region, an operator its own facilities;
	 * an operator posts prices for its own, officials in scope */
	{ "GET", "/api/v1/places/vacancy", place_vacancy_get, 0, "arrror--r-" },
	{ "GET", "/api/v1/places/prices", place_prices_get, 0, "arrror--r-" },
	{ "GET", "/api/v1/facilities/{}/prices", facility_prices_get, 0,
	  "arrror--rr" },
	{ "POST", "/api/v1/facilities/{}/prices", facility_prices_add,
	  R_JSON_BODY, "arrro-----" },
	/* finding a place: ratings, matching and the public search
	 * (routes_place_match.c). Officials rate facilities of their
	 * region; matching is for officials and township officers in
	 * scope and for a family for a person linked to it; the public
	 * search needs no login and answers registry facts only */
	{ "GET", "/api/v1/facilities/{}/ratings", place_ratings_list, 0,
	  "arrror--rr" },
	{ "POST", "/api/v1/facilities/{}/ratings", place_ratings_add,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/places/match", place_match, 0, "arrr--s-r-" },
	{ "GET", "/api/v1/public/places", place_public_search, R_PUBLIC,
	  "**********" },
	{ "GET", "/api/v1/public/places/regions", place_public_regions,
	  R_PUBLIC, "**********" },
	/* waiting lists, 轮候 (routes_place_wait.c): city and county
	 * officials run the lists; a township officer applies for its
	 * people; an operator reads its institution's list; a family sees
	 * its linked persons' applications only */
	{ "GET", "/api/v1/waitlist", waitlist_list, 0, "arrror--r-" },
	{ "GET", "/api/v1/waitlist/applications", waitlist_applications, 0,
	  "arrrors-r-" },
	{ "POST", "/api/v1/waitlist/applications", waitlist_apply, R_JSON_BODY,
	  "arr-----r-" },
	{ "GET", "/api/v1/waitlist/applications/{}", waitlist_get, 0,
	  "arrrors-r-" },
	{ "GET", "/api/v1/waitlist/applications/{}/history", waitlist_history,
	  0, "arrror--r-" },
	{ "POST", "/api/v1/waitlist/applications/{}/offer", waitlist_offer,
	  R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/waitlist/applications/{}/accept", waitlist_accept,
	  R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/waitlist/applications/{}/decline", waitlist_decline,
	  R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/waitlist/applications/{}/skip", waitlist_skip,
	  R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/waitlist/applications/{}/withdraw",
	  waitlist_withdraw, R_JSON_BODY, "arr-------" },
	{ "POST", "/api/v1/waitlist/expire", waitlist_expire, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/waitlist/must-place", waitlist_must_place, 0,
	  "arrr-r----" },
	/* random inspections, 双随机、一公开 (routes_inspect_plan.c): city
	 * and county officials keep the roster of inspectors, draw and
	 * publish plans; department officials and readers read them; anyone
	 * reads a published draw; an inspector sees only the checks it is
	 * on */
	{ "GET", "/api/v1/inspectors", inspect_inspectors_list, 0,
	  "arrr-r----" },
	{ "PUT", "/api/v1/inspectors/{}", inspect_inspector_put, R_JSON_BODY,
	  "arr-------" },
	{ "POST", "/api/v1/inspectors/{}/ties", inspect_tie_add, R_JSON_BODY,
	  "arr-------" },
	{ "DELETE", "/api/v1/inspectors/{}/ties", inspect_tie_remove,
	  R_JSON_BODY, "arr-------" },
	{ "PUT", "/api/v1/inspect/facilities/{}/risk", inspect_risk_put,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/inspect/plans", inspect_plans_list, 0, "arrr-r----" },
	{ "POST", "/api/v1/inspect/plans", inspect_plan_create, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/inspect/plans/{}", inspect_plan_get, 0,
	  "arrr-r----" },
	{ "GET", "/api/v1/inspect/plans/{}/verify", inspect_plan_verify, 0,
	  "arrr-r----" },
	{ "POST", "/api/v1/inspect/plans/{}/publish", inspect_plan_publish,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/public/inspect/plans/{}", inspect_public_plan,
	  R_PUBLIC, "**********" },
	{ "GET", "/api/v1/inspect/checks", inspect_checks_list, 0,
	  "arrr-r---s" },
	{ "POST", "/api/v1/inspect/checks", inspect_check_create, R_JSON_BODY,
	  "arr-------" },
	{ "GET", "/api/v1/inspect/bulletin", inspect_bulletin, 0,
	  "arrr-r----" },
	/* checks and hazards (routes_inspect_hazard.c): a check is recorded
	 * by its inspectors or an official of its region; hazards are read
	 * by officials, inspectors of the region and the facility's
	 * operator, who alone answers a rectification order; inspectors and
	 * officials order and re-check */
	{ "GET", "/api/v1/inspect/checks/{}", icheck_get, 0, "arrr-r---r" },
	{ "POST", "/api/v1/inspect/checks/{}/start", icheck_start, R_JSON_BODY,
	  "arr------r" },
	{ "PUT", "/api/v1/inspect/checks/{}/results", icheck_results,
	  R_JSON_BODY, "arr------r" },
	{ "POST", "/api/v1/inspect/checks/{}/finish", icheck_finish,
	  R_JSON_BODY, "arr------r" },
	{ "POST", "/api/v1/inspect/checks/{}/hazards", icheck_hazard_add,
	  R_JSON_BODY, "arr------r" },
	{ "GET", "/api/v1/inspect/hazards", hazard_list, 0, "arrror---r" },
	{ "POST", "/api/v1/inspect/hazards/escalate", hazard_escalate,
	  R_JSON_BODY, "arr-------" },
	{ "GET", "/api/v1/inspect/hazards/{}", hazard_get, 0, "arrror---r" },
	{ "GET", "/api/v1/inspect/hazards/{}/notice", hazard_notice, 0,
	  "arrror---r" },
	{ "POST", "/api/v1/inspect/hazards/{}/order", hazard_order, R_JSON_BODY,
	  "arr------r" },
	{ "POST", "/api/v1/inspect/hazards/{}/answer", hazard_answer,
	  R_JSON_BODY, "a---o-----" },
	{ "POST", "/api/v1/inspect/hazards/{}/recheck", hazard_recheck,
	  R_JSON_BODY, "arr------r" },
	/* food-safety grades and staff records (routes_inspect_staff.c):
	 * officials in scope (a department's too) grade canteens; an
	 * operator keeps its own facility's staff, officials any in scope;
	 * inspectors read what they check */
	{ "GET", "/api/v1/facilities/{}/food-grades", inspect_food_grades_get,
	  0, "arrror--rr" },
	{ "POST", "/api/v1/facilities/{}/food-grades", inspect_food_grades_add,
	  R_JSON_BODY, "arrr------" },
	{ "GET", "/api/v1/inspect/food", inspect_food_get, 0, "arrror--rr" },
	{ "GET", "/api/v1/inspect/staff", inspect_staff_list, 0, "arrror--rr" },
	{ "POST", "/api/v1/inspect/staff", inspect_staff_add, R_JSON_BODY,
	  "arrro-----" },
	{ "GET", "/api/v1/inspect/staff/duplicates", inspect_staff_duplicates,
	  0, "arrr-r---r" },
	{ "GET", "/api/v1/inspect/staff/shares", inspect_staff_shares, 0,
	  "arrr-r---r" },
	{ "POST", "/api/v1/inspect/staff/import", inspect_staff_import,
	  R_RAW_BODY, "arrro-----" },
	{ "GET", "/api/v1/inspect/staff/options", inspect_staff_options, 0,
	  "arrror--rr" },
	{ "GET", "/api/v1/inspect/staff/{}", inspect_staff_get, 0,
	  "arrror--rr" },
	{ "POST", "/api/v1/inspect/staff/{}/end", inspect_staff_end,
	  R_JSON_BODY, "arrro-----" },
	{ "POST", "/api/v1/inspect/staff/{}/trainings", inspect_staff_train,
	  R_JSON_BODY, "arrro-----" },
	{ "POST", "/api/v1/inspect/staff/{}/health-checks",
	  inspect_staff_health, R_JSON_BODY, "arrro-----" },
	/* credit files, red and black lists, prepaid fees (routes_credit.c):
	 * officials in scope (a department's too) keep records and take a
	 * listing's steps; an operator reads its own file and listings and
	 * reports its prepaid balance; readers and inspectors read their
	 * region */
	{ "POST", "/api/v1/credit/records", credit_records_add, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/credit/records", credit_records_list, 0,
	  "arrror---r" },
	{ "GET", "/api/v1/facilities/{}/credit", credit_file_get, 0,
	  "arrror---r" },
	{ "PUT", "/api/v1/facilities/{}/membership", credit_membership_put,
	  R_JSON_BODY, "arrro-----" },
	{ "POST", "/api/v1/credit/listings", credit_listings_add, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/credit/listings", credit_listings_list, 0,
	  "arrror---r" },
	{ "GET", "/api/v1/credit/listings/{}", credit_listing_get, 0,
	  "arrror---r" },
	{ "POST", "/api/v1/credit/listings/{}/notice", credit_listing_notice,
	  R_JSON_BODY, "arrr------" },
	{ "POST", "/api/v1/credit/listings/{}/hearing", credit_listing_hearing,
	  R_JSON_BODY, "arrr------" },
	{ "POST", "/api/v1/credit/listings/{}/list", credit_listing_list,
	  R_JSON_BODY, "arrr------" },
	{ "POST", "/api/v1/credit/listings/{}/publish", credit_listing_publish,
	  R_JSON_BODY, "arrr------" },
	{ "POST", "/api/v1/credit/listings/{}/remove", credit_listing_remove,
	  R_JSON_BODY, "arrr------" },
	{ "POST", "/api/v1/credit/listings/{}/withdraw",
	  credit_listing_withdraw, R_JSON_BODY, "arrr------" },
	{ "POST", "/api/v1/facilities/{}/prepaid", credit_prepaid_add,
	  R_JSON_BODY, "arrro-----" },
	{ "GET", "/api/v1/credit/prepaid", credit_prepaid_list, 0,
	  "arrr-r---r" },
	/* credit and quality: closures, 机构退出 (routes_closure.c):
	 * officials of the region open, place, close and withdraw; an
	 * operator reads its own facility's case and records contract
	 * ends; read-only accounts and inspectors read their region. The
	 * public disclosure, 信息公示 (routes_disclose.c), needs no login
	 * and answers registry and supervision facts only */
	{ "GET", "/api/v1/closures", closure_list, 0, "arrror---r" },
	{ "POST", "/api/v1/closures", closure_open, R_JSON_BODY, "arrr------" },
	{ "GET", "/api/v1/closures/{}", closure_get, 0, "arrror---r" },
	{ "POST", "/api/v1/closures/{}/members", closure_member, R_JSON_BODY,
	  "arrro-----" },
	{ "POST", "/api/v1/closures/{}/refresh", closure_refresh, R_JSON_BODY,
	  "arrr------" },
	{ "POST", "/api/v1/closures/{}/transfer", closure_transfer, R_JSON_BODY,
	  "arrr------" },
	{ "POST", "/api/v1/closures/{}/close", closure_close, R_JSON_BODY,
	  "arrr------" },
	{ "POST", "/api/v1/closures/{}/withdraw", closure_withdraw, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/public/disclosure", disclose_public, R_PUBLIC,
	  "**********" },
	/* grading and star ratings (routes_grade.c): officials of the
	 * region (a department's too) record assessments and lapses; an
	 * operator reads its own facility's; readers and inspectors read
	 * their region */
	{ "GET", "/api/v1/grading/schemes", grade_schemes_get, 0,
	  "arrr-r---r" },
	{ "GET", "/api/v1/grading", grade_overview_get, 0, "arrror---r" },
	{ "POST", "/api/v1/grading/lapse", grade_lapse_run, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/facilities/{}/assessments", grade_assess_list, 0,
	  "arrror---r" },
	{ "POST", "/api/v1/facilities/{}/assessments", grade_assess_add,
	  R_JSON_BODY, "arrr------" },
	/* complaints and reviews (routes_complaint.c, routes_review.c):
	 * officials and township officers in scope take complaints from any
	 * channel and take their steps; a family files online and follows
	 * its own, gives its call-back rating and reviews what its relative
	 * used; an operator reads those about its facilities and appeals a
	 * review; read-only accounts and inspectors read their region */
	{ "GET", "/api/v1/complaints", complaints_list, 0, "arrrors-rr" },
	{ "POST", "/api/v1/complaints", complaints_create, R_JSON_BODY,
	  "arrr--s-r-" },
	{ "GET", "/api/v1/complaints/options", complaints_options, 0,
	  "arrrors-rr" },
	{ "GET", "/api/v1/complaints/stats", complaints_stats, 0,
	  "arrror--rr" },
	{ "GET", "/api/v1/complaints/{}", complaints_get, 0, "arrrors-rr" },
	{ "POST", "/api/v1/complaints/{}/assign", complaints_assign,
	  R_JSON_BODY, "arrr----r-" },
	{ "POST", "/api/v1/complaints/{}/answer", complaints_answer,
	  R_JSON_BODY, "arrr----r-" },
	{ "POST", "/api/v1/complaints/{}/callback", complaints_callback,
	  R_JSON_BODY, "arrr--s-r-" },
	{ "POST", "/api/v1/complaints/{}/close", complaints_close, R_JSON_BODY,
	  "arrr----r-" },
	{ "POST", "/api/v1/complaints/{}/reopen", complaints_reopen,
	  R_JSON_BODY, "arrr--s-r-" },
	{ "GET", "/api/v1/reviews", reviews_list, 0, "arrrors-rr" },
	{ "POST", "/api/v1/reviews", reviews_create, R_JSON_BODY,
	  "------s---" },
	{ "GET", "/api/v1/reviews/options", reviews_options, 0, "------s---" },
	{ "POST", "/api/v1/reviews/{}/appeal", reviews_appeal, R_JSON_BODY,
	  "----o-----" },
	{ "POST", "/api/v1/reviews/{}/decide", reviews_decide, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/facilities/{}/reviews", facility_reviews, 0,
	  "arrrora-rr" },
	/* plans, tasks and departments (routes_task.c): officials of the
	 * plan's region and administrators write; every official and
	 * read-only account reads its region's */
	{ "GET", "/api/v1/plans", task_plans_list, 0, "arrr-r----" },
	{ "POST", "/api/v1/plans", task_plans_create, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/plans/{}", task_plan_get, 0, "arrr-r----" },
	{ "GET", "/api/v1/plans/{}/tasks", task_plan_tasks, 0, "arrr-r----" },
	{ "GET", "/api/v1/plans/{}/tasks.csv", task_plan_export, 0,
	  "arrr-r----" },
	{ "POST", "/api/v1/plans/{}/tasks/import", task_plan_import, R_RAW_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/plans/{}/departments", task_plan_departments, 0,
	  "arrr-r----" },
	{ "GET", "/api/v1/departments", task_departments_list, 0,
	  "arrr-r----" },
	{ "POST", "/api/v1/departments", task_departments_create, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/departments/{}/tasks", task_department_tasks, 0,
	  "arrr-r----" },
	/* major projects (routes_project.c): admin, city, county and
	 * department officials in scope register projects, date their
	 * milestones, import lists and put a project into use (adding its
	 * capacity to the registry); every official and read-only account in
	 * scope reads them. Fixed paths come before "{}". */
	{ "GET", "/api/v1/projects/summary", project_summary, 0, "arrr-r--r-" },
	{ "POST", "/api/v1/projects/import", project_import, R_RAW_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/projects/export", project_export, 0, "arrr-r--r-" },
	{ "GET", "/api/v1/projects", project_list, 0, "arrr-r--r-" },
	{ "POST", "/api/v1/projects", project_create, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/projects/{}", project_get, 0, "arrr-r--r-" },
	{ "POST", "/api/v1/projects/{}/milestones", project_milestone,
	  R_JSON_BODY, "arrr------" },
	{ "POST", "/api/v1/projects/{}/in-use", project_in_use, R_JSON_BODY,
	  "arrr------" },
	/* tasks and projects: progress by department (routes_task_progress.c):
	 * a department official reports for its department on the tasks
	 * naming it; administrators, city and county officials report for
	 * any department in scope (audited as on behalf); read-only accounts
	 * read the lights, reminders and league table of their region */
	{ "POST", "/api/v1/tasks/{}/reports", task_report_add, R_JSON_BODY,
	  "arrr------" },
	{ "GET", "/api/v1/tasks/{}/reports", task_report_list, 0,
	  "arrr-r----" },
	{ "GET", "/api/v1/progress", task_progress_list, 0, "arrr-r----" },
	{ "GET", "/api/v1/progress/reminders", task_progress_reminders, 0,
	  "arrr-r----" },
	{ "GET", "/api/v1/progress/league", task_progress_league, 0,
	  "arrr-r----" },
	{ "GET", "/api/v1/progress/mine", task_progress_mine, 0, "arrr------" },
	/* one indicator across the children of a region, ranked
	 * (routes_indicator_compare.c): whoever reads the region's
	 * indicators reads its comparison, as JSON, CSV or XLSX */
	{ "GET", "/api/v1/indicators/compare", indicators_compare, 0,
	  "arrrrr--r-" },
	/* 导出Excel of the lists officials work from (routes_export.c): each
	 * takes its list's filters and is open to whom the list is; the
	 * people's sheet is masked as the list is for the caller's role, the
	 * audit log's takes from/to days; the planning results as their
	 * pages show them */
	{ "GET", "/api/v1/exports/facilities.xlsx", export_facilities, 0,
	  "arrror--rr" },
	{ "GET", "/api/v1/exports/persons.xlsx", export_persons, 0,
	  "arrror--r-" },
	{ "GET", "/api/v1/exports/ledger.xlsx", export_ledger, 0,
	  "arr-------" },
	{ "GET", "/api/v1/exports/applications.xlsx", export_applications, 0,
	  "arr-------" },
	{ "GET", "/api/v1/exports/audit.xlsx", export_audit, 0, "a---------" },
	{ "GET", "/api/v1/exports/plan-gap.xlsx", export_plan_gap, 0,
	  "arrrrr--r-" },
	{ "GET", "/api/v1/exports/plan-staffing.xlsx", export_plan_staffing, 0,
	  "arrrrr--r-" },
	{ "GET", "/api/v1/exports/plan-coverage.xlsx", export_plan_coverage, 0,
	  "arrrrr--r-" },
	/* the department reporting form (routes_report_form.c): a department
	 * official fills its department's indicators; administrators, city
	 * and county officials see every department's and may fill any;
	 * read-only accounts read the completeness */
	{ "GET", "/api/v1/report-form", report_form_get, 0, "arrr-r----" },
	{ "POST", "/api/v1/report-form", report_form_save, R_JSON_BODY,
	  "arrr------" },
	/* import templates: whoever may import a kind may fetch its
	 * fill-in workbook (app/transfer_template.c) */
	{ "GET", "/api/v1/import/{}/template", import_template, 0,
	  "arrr------" },
};

/* Matches path against pattern segment by segment; "{}" takes one
 * non-empty segment. */
static int match(const char *pattern, const char *path, const char **seg,
                 size_t *seglen)
{
	while (*pattern && *path) {
		if (pattern[0] == '{' && pattern[1] == '}') {
			size_t n = strcspn(path, "/");

			if (!n)
				return 0;
			*seg = path;
			*seglen = n;
			path += n;
			pattern += 2;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

const struct route *route_find(struct arena *a, const char *method,
                               const char *path, const char **arg,
                               int *method_mismatch)
{
	*method_mismatch = 0;
	*arg = NULL;
	/* literal routes first, so "/facilities/summary" beats "/{}" */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]);
		     i++) {
			const struct route *rt = &routes[i];
			const char *seg = NULL;
			size_t seglen = 0;

			if ((strstr(rt->pattern, "{}") != NULL) != pass)
				continue;
			if (!match(rt->pattern, path, &seg, &seglen))
				continue;
			if (strcmp(rt->method, method)) {
				*method_mismatch = 1;
				continue;
			}
			if (seg)
				*arg = arena_strndup(a, seg, seglen);
			return rt;
		}
	return NULL;
}

const struct route *route_table(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}

int route_table_check(struct lx_error *err)
{
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *rt = &routes[i];
		int public = (rt->flags & R_PUBLIC) != 0;

		if (!rt->access || strlen(rt->access) != ROLE__MAX)
			goto bad;
		for (const char *c = rt->access; *c; c++)
			if (public ? *c != '*' : !strchr("aros-", *c))
				goto bad;
		continue;
	bad:
		return lx_fail(err, LX_EINTERNAL, "",
		               "route %s %s: its access must give one of "
		               "'*aros-' for each of the %d roles",
		               rt->method, rt->pattern, (int)ROLE__MAX);
	}
	return 0;
}
