#include "app/report_form.h"

#include "app/indicator_eval.h"
#include "app/indicators.h"
#include "app/params.h"
#include "app/policy.h"
#include "app/task_directory.h"
#include "core/exact.h"
#include "core/indicator.h"
#include "core/period.h"
#include "core/role.h"
#include "core/task_duty.h"
#include "store/indicator_store.h"
#include "store/task_progress_store.h"
#include "store/task_store.h"

#include <stdio.h>
#include <string.h>

/* departments one 责任部门 cell may name */
enum { CELL_DEPTS = 16 };

struct row {
	const struct indicator_def *ind;
	struct task_duty depts[CELL_DEPTS];
	size_t ndepts;
	int mine; /* the caller's department is among depts */
	const struct reported *current, *last;
};

struct form {
	const char *region;
	char period[8];
	char last_day[11];
	const char *dept; /* a department official's own, else NULL */
	struct policy_view view;
	struct row *rows;
	size_t nrows;
	/* directories of the jurisdictions whose plans state indicators */
	struct task_directory dirs[8];
	size_t ndirs;
};

static const struct task_directory *
directory(struct app_ctx *ctx, struct form *f, const char *jurisdiction)
{
	for (size_t i = 0; i < f->ndirs; i++)
		if (!strcmp(f->dirs[i].region, jurisdiction))
			return &f->dirs[i];
	if (f->ndirs == sizeof(f->dirs) / sizeof(f->dirs[0]))
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "more plans on the region's path than expected"),
		       NULL;
	if (task_directory_load(ctx, jurisdiction, &f->dirs[f->ndirs]))
		return NULL;
	return &f->dirs[f->ndirs++];
}

/* The caller's department: a department official's own (its name, the
 * canonical one of the directory), NULL for an official of a region. */
static int own_department(struct app_ctx *ctx, struct form *f)
{
	struct task_dept_rec d;
	long long id = 0;

	f->dept = NULL;
	if (ctx->who->role != ROLE_DEPT_OFFICIAL)
		return 0;
	if (tp_store_account_department(ctx->db, ctx->who->account_id, &id,
	                                &ctx->err))
		return -1;
	if (!id)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "department",
		               "this account is bound to no department: an "
		               "administrator sets it on the account");
	if (task_store_dept_get(ctx->db, ctx->arena, id, &d, &ctx->err))
		return -1;
	f->dept = d.name;
	return 0;
}

/* when period a ends, compared as text: "2025" vs "2025Q1" by last day */
static void last_day_of(const char *period, char out[11])
{
	struct period p;
	struct lx_error e = { 0 };

	if (period_parse(period, &p, &e, "period"))
		out[0] = '\0';
	else
		period_last_day(p, out);
}

static int load_values(struct app_ctx *ctx, struct form *f, struct row *r)
{
	struct reported *h;
	size_t n;
	char best[11] = "", day[11];

	if (reported_store_history(ctx->db, ctx->arena, r->ind->id, f->region,
	                           &h, &n, &ctx->err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(h[i].period, f->period)) {
			r->current = &h[i];
			continue;
		}
		last_day_of(h[i].period, day);
		/* the latest period that ended before this one did */
		if (day[0] && strcmp(day, f->last_day) < 0 &&
		    strcmp(day, best) > 0) {
			memcpy(best, day, sizeof(best));
			r->last = &h[i];
		}
	}
	return 0;
}

static int build(struct app_ctx *ctx, json_t *params, struct form *f)
{
	const char *period = param_str(params, "period");
	struct period p;

	memset(f, 0, sizeof(*f));
	if (app_visible_region(ctx, params, &f->region))
		return -1;
	if (!period || !*period)
		return lx_fail(&ctx->err, LX_EINVALID, "period",
		               "give the reporting period ('period': 2025, "
		               "2025Q1 or 2025-03)");
	if (period_parse(period, &p, &ctx->err, "period"))
		return -1;
	period_format(p, f->period);
	period_last_day(p, f->last_day);
	if (own_department(ctx, f) || app_policy_view(ctx, f->region, &f->view))
		return -1;
	f->rows = arena_alloc(ctx->arena,
	                      (f->view.nindicators + 1) * sizeof(*f->rows));
	for (size_t i = 0; i < f->view.nindicators; i++) {
		const struct indicator_def *ind = f->view.indicators[i];
		const struct task_directory *d;
		struct row *r = &f->rows[f->nrows];
		size_t n = 0, keep = 0;

		if (!ind->department || !*ind->department)
			continue;
		memset(r, 0, sizeof(*r));
		r->ind = ind;
		d = directory(
		    ctx, f, ind->jurisdiction ? ind->jurisdiction : f->region);
		if (!d)
			return -1;
		if (task_duty_parse(ind->department, d->aliases, d->n_aliases,
		                    r->depts, CELL_DEPTS, &n))
			continue;
		/* a county government is told to carry out, not to report */
		for (size_t k = 0; k < n; k++)
			if (r->depts[k].role != TASK_ROLE_LOCAL)
				r->depts[keep++] = r->depts[k];
		r->ndepts = keep;
		for (size_t k = 0; k < keep; k++)
			r->mine |=
			    f->dept && !strcmp(r->depts[k].name, f->dept);
		if (!keep || (f->dept && !r->mine))
			continue;
		if (load_values(ctx, f, r))
			return -1;
		f->nrows++;
	}
	return 0;
}

static json_t *value_json(const struct reported *r)
{
	struct exact v;
	char text[EXACT_TEXT_MAX];

	if (r->text)
		return json_string(r->text);
	if (!r->has_value || exact_from_double(r->value, &v))
		return json_null();
	return json_string(ind_format_figure(v, text));
}

static json_t *reported_json(const struct reported *r)
{
	if (!r)
		return json_null();
	return json_pack("{s:s, s:o, s:s, s:s?, s:s?}", "period", r->period,
	                 "value", value_json(r), "source",
	                 r->source ? r->source : "", "reported_at",
	                 r->reported_at, "reported_by", r->reported_by);
}

static json_t *row_json(const struct row *r)
{
	const struct indicator_def *d = r->ind;
	json_t *depts = json_array();
	/* a descriptive indicator is reported against no target */
	json_t *target =
	    d->op == TOP_NONE
	        ? json_null()
	        : json_pack("{s:i, s:s, s:s, s:s?}", "year", d->target_year,
	                    "op", target_op_name(d->op), "symbol",
	                    target_op_symbol(d->op), "value",
	                    d->op == TOP_TEXT ? d->target_text
	                                      : d->target_value);

	for (size_t k = 0; k < r->ndepts; k++)
		json_array_append_new(depts, json_string(r->depts[k].name));
	return json_pack(
	    "{s:s, s:s, s:s, s:s, s:s?, s:o, s:b, s:o, s:o, s:o, "
	    "s:s?}",
	    "indicator", d->id, "group", d->group ? d->group : "", "name",
	    d->name, "unit", d->unit ? d->unit : "", "attribute", d->attribute,
	    "departments", depts, "text", d->op == TOP_TEXT, "target", target,
	    "current", reported_json(r->current), "last",
	    reported_json(r->last), "source_label", d->source_label);
}

/* filled × 100 ÷ due, rounded half up to one decimal */
static json_t *rate_json(long long filled, long long due)
{
	struct exact x;
	char text[EXACT_TEXT_MAX];

	if (!due || exact_frac(filled * 100, due, &x))
		return json_null();
	return json_string(exact_format(x, 1, EXACT_HALF_UP, text));
}

/* every department the rows name, in the order first named */
static json_t *completeness(const struct form *f)
{
	json_t *list = json_array();

	for (size_t i = 0; i < f->nrows; i++)
		for (size_t k = 0; k < f->rows[i].ndepts; k++) {
			const char *name = f->rows[i].depts[k].name;
			long long due = 0, filled = 0;
			int seen = 0;

			for (size_t j = 0; j < i && !seen; j++)
				for (size_t m = 0; m < f->rows[j].ndepts; m++)
					seen |= !strcmp(
					    f->rows[j].depts[m].name, name);
			for (size_t m = 0; m < k; m++)
				seen |= !strcmp(f->rows[i].depts[m].name, name);
			if (seen || (f->dept && strcmp(name, f->dept)))
				continue;
			for (size_t j = 0; j < f->nrows; j++)
				for (size_t m = 0; m < f->rows[j].ndepts; m++)
					if (!strcmp(f->rows[j].depts[m].name,
					            name)) {
						due++;
						filled += !!f->rows[j].current;
						break;
					}
			json_array_append_new(
			    list,
			    json_pack("{s:s, s:I, s:I, s:o}", "department",
			              name, "due", (json_int_t)due, "filled",
			              (json_int_t)filled, "rate",
			              rate_json(filled, due)));
		}
	return list;
}

static json_t *form_json(const struct form *f)
{
	json_t *rows = json_array();
	long long filled = 0;

	for (size_t i = 0; i < f->nrows; i++) {
		json_array_append_new(rows, row_json(&f->rows[i]));
		filled += !!f->rows[i].current;
	}
	return json_pack("{s:s, s:s, s:s?, s:o, s:I, s:I, s:o, s:s}", "region",
	                 f->region, "period", f->period, "department", f->dept,
	                 "rows", rows, "filled", (json_int_t)filled, "due",
	                 (json_int_t)f->nrows, "completeness", completeness(f),
	                 "rate_rule_zh",
	                 "完成率 = 已填 ÷ 应填 × 100%，四舍五入保留一位小数");
}

json_t *app_report_form_get(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "region", "period", NULL };
	struct form f;

	if (param_only(params, allowed, &ctx->err) || build(ctx, params, &f))
		return NULL;
	return form_json(&f);
}

/* ---- saving ---- */

struct item {
	const struct row *row;
	const char *value; /* decimal text or the text of a text target */
	const char *note;
};

struct save {
	struct form *f;
	struct item *items;
	size_t n;
};

static void item_error(json_t *errors, const char *indicator, const char *name,
                       const char *field, const char *zh)
{
	json_array_append_new(errors,
	                      json_pack("{s:s, s:s?, s:s, s:s}", "indicator",
	                                indicator ? indicator : "", "name",
	                                name, "field", field, "message", zh));
}

/* A number a person typed: decimal text that the store keeps exactly
 * (at most 15 significant digits), never negative. */
static int decimal_ok(const char *s)
{
	struct exact x, back;

	return !exact_parse(s, &x) && exact_cmp(x, exact_int(0)) >= 0 &&
	       !exact_from_double(exact_to_double(x), &back) &&
	       !exact_cmp(back, x);
}

static const struct row *row_of(const struct form *f, const char *id)
{
	for (size_t i = 0; i < f->nrows; i++)
		if (!strcmp(f->rows[i].ind->id, id))
			return &f->rows[i];
	return NULL;
}

static int check_items(struct app_ctx *ctx, json_t *values, struct save *s,
                       json_t *errors)
{
	size_t i;
	json_t *it;

	s->items = arena_alloc(ctx->arena, (json_array_size(values) + 1) *
	                                       sizeof(*s->items));
	json_array_foreach(values, i, it)
	{
		json_t *id = json_object_get(it, "indicator"),
		       *v = json_object_get(it, "value"),
		       *note = json_object_get(it, "note");
		const char *ids = json_string_value(id), *text;
		const struct row *r;
		char num[64];

		if (!json_is_object(it) || !ids) {
			item_error(errors, NULL, NULL, "indicator",
			           "每一项须写明指标（indicator）");
			continue;
		}
		if (!(r = row_of(s->f, ids))) {
			item_error(errors, ids, NULL, "indicator",
			           "不是本部门在此地区填报的指标");
			continue;
		}
		if (note && !json_is_null(note) &&
		    (!json_is_string(note) ||
		     strlen(json_string_value(note)) > 200)) {
			item_error(errors, ids, r->ind->name, "note",
			           "备注须为不超过200字节的文字");
			continue;
		}
		if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld",
			         (long long)json_integer_value(v));
			text = arena_strdup(ctx->arena, num);
		} else {
			text = json_string_value(v);
		}
		if (!v || json_is_null(v) || (text && !*text))
			continue; /* blank: not given, nothing written */
		for (size_t k = 0; k < s->n; k++)
			if (s->items[k].row == r) {
				item_error(errors, ids, r->ind->name,
				           "indicator", "同一指标填了两次");
				r = NULL;
				break;
			}
		if (!r)
			continue;
		if (!text || (r->ind->op == TOP_TEXT ? strlen(text) > 200
		                                     : !decimal_ok(text))) {
			item_error(errors, ids, r->ind->name, "value",
			           r->ind->op == TOP_TEXT
			               ? "须填写不超过200字节的文字"
			               : "须填写不小于0的十进制数，如 96.45，"
			                 "最多15位有效数字");
			continue;
		}
		s->items[s->n++] = (struct item){
			.row = r,
			.value = text,
			.note = json_string_value(note),
		};
	}
	return 0;
}

static int save_tx(struct app_ctx *ctx, void *arg)
{
	struct save *s = arg;
	json_t *done = json_array(), *after;
	int rc = 0;

	for (size_t i = 0; i < s->n && !rc; i++) {
		const struct item *it = &s->items[i];
		const char *who = s->f->dept ? s->f->dept : "指标填报";
		json_t *body = json_pack(
		    "{s:s, s:s, s:s, s:s}", "element", it->row->ind->id,
		    "region", s->f->region, "period", s->f->period, "source",
		    it->note && *it->note
		        ? arena_printf(ctx->arena, "%s填报：%s", who, it->note)
		        : arena_printf(ctx->arena, "%s填报", who));
		json_t *out;

		json_object_set_new(
		    body, it->row->ind->op == TOP_TEXT ? "text" : "value",
		    json_string(it->value));
		out = app_reported_check_and_put(ctx, body);
		json_decref(body);
		if (!out) {
			rc = -1;
			break;
		}
		json_decref(out);
		json_array_append_new(done, json_pack("{s:s, s:s}", "indicator",
		                                      it->row->ind->id, "value",
		                                      it->value));
	}
	if (rc) {
		json_decref(done);
		return -1;
	}
	after =
	    json_pack("{s:s, s:s, s:s?, s:o}", "region", s->f->region, "period",
	              s->f->period, "department", s->f->dept, "values", done);
	rc = app_audit(
	    ctx, "report", "report_form",
	    arena_printf(ctx->arena, "%s/%s", s->f->region, s->f->period), NULL,
	    after);
	json_decref(after);
	return rc;
}

json_t *app_report_form_save(struct app_ctx *ctx, json_t *body)
{
	static const char *const allowed[] = { "region", "period", "values",
		                               NULL };
	json_t *values = json_object_get(body, "values"), *errors, *params;
	struct form f;
	struct save s = { .f = &f };
	int rc;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (param_only(body, allowed, &ctx->err))
		return NULL;
	if (!json_is_array(values))
		return lx_fail(&ctx->err, LX_EINVALID, "values",
		               "'values' must be a list of {indicator, value}"),
		       NULL;
	params =
	    json_pack("{s:O?, s:O?}", "region", json_object_get(body, "region"),
	              "period", json_object_get(body, "period"));
	rc = build(ctx, params, &f);
	json_decref(params);
	if (rc)
		return NULL;
	errors = json_array();
	check_items(ctx, values, &s, errors);
	if (json_array_size(errors)) {
		size_t n = json_array_size(errors);

		json_decref(ctx->details);
		ctx->details = json_pack("{s:o}", "errors", errors);
		return lx_fail(&ctx->err, LX_EINVALID, "values",
		               "%zu value%s not valid: nothing was saved", n,
		               n == 1 ? " is" : "s are"),
		       NULL;
	}
	json_decref(errors);
	if (app_transaction(ctx, save_tx, &s))
		return NULL;
	if (build(ctx, body, &f)) /* read back what was saved */
		return NULL;
	return form_json(&f);
}
