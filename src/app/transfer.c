#include "app/transfer.h"
#include "app/import_errors.h"
#include "app/import_headers.h"
#include "app/import_table.h"

#include "app/facilities.h"
#include "app/fields.h"
#include "app/indicators.h"
#include "app/infants.h"
#include "app/params.h"
#include "app/payee.h"
#include "app/people.h"
#include "app/planning.h"
#include "app/regions.h"
#include "app/training.h"
#include "core/accepted.h"
#include "core/csv.h"
#include "core/population.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/facility_store.h"
#include "store/indicator_store.h"
#include "store/point_store.h"
#include "store/population_store.h"
#include "store/region_store.h"

#include <stdlib.h>
#include <string.h>

/* ---- record tables for regions and population rows ---- */

#define RF(n, t, member, fl)                                                   \
	{                                                                      \
		.name = n, .type = t, .off = offsetof(struct region, member),  \
		.flags = fl                                                    \
	}
static const struct field_spec region_specs[] = {
	RF("code", FT_CODE, code, FF_REQUIRED),
	RF("name", FT_TEXT, name, FF_REQUIRED | FF_NAME),
	RF("level", FT_TEXT_OPT, source, 0), /* parsed by hand below */
	RF("kind", FT_TEXT_OPT, source, 0),
	RF("parent", FT_TEXT_OPT, source, 0),
	RF("source", FT_TEXT, source, 0),
};

#define PF(n, t, member, fl)                                                   \
	{                                                                      \
		.name = n, .type = t,                                          \
		.off = offsetof(struct pop_figure, member), .flags = fl        \
	}
static const struct field_spec pop_specs[] = {
	PF("region", FT_CODE, region, FF_REQUIRED),
	PF("year", FT_INT, year, FF_REQUIRED),
	PF("metric", FT_TEXT_OPT, source, FF_REQUIRED), /* by hand */
	PF("value", FT_COUNT, value, FF_REQUIRED | FF_POPULATION),
	PF("source", FT_TEXT, source, 0),
};

#define RV(n, t, member, fl)                                                   \
	{                                                                      \
		.name = n, .type = t,                                          \
		.off = offsetof(struct reported, member), .flags = fl          \
	}
static const struct field_spec reported_specs[] = {
	RV("element", FT_TEXT, element, FF_REQUIRED),
	RV("region", FT_CODE, region, FF_REQUIRED),
	RV("period", FT_TEXT_OPT, source, FF_REQUIRED), /* by hand */
	RV("value", FT_TEXT_OPT, source, 0),            /* by hand */
	RV("text", FT_TEXT_OPT, text, 0),
	RV("source", FT_TEXT, source, 0),
};

#define RP(n, t, member, fl)                                                   \
	{                                                                      \
		.name = n, .type = t,                                          \
		.off = offsetof(struct res_point, member), .flags = fl         \
	}
static const struct field_spec point_specs[] = {
	RP("region", FT_CODE, region, FF_REQUIRED),
	RP("name", FT_TEXT, name, FF_REQUIRED),
	RP("lat", FT_TEXT_OPT, source, FF_REQUIRED), /* by hand */
	RP("lon", FT_TEXT_OPT, source, FF_REQUIRED), /* by hand */
	RP("population", FT_COUNT, population, FF_REQUIRED | FF_POPULATION),
	RP("source", FT_TEXT, source, 0),
};

/* Person columns: read straight into a JSON object for app/people.c,
 * which checks them; the table gives only names and which are required. */
#define PN(n, fl)                                                              \
	{                                                                      \
		.name = n, .type = FT_TEXT_OPT, .off = 0, .flags = fl          \
	}
static const struct field_spec person_specs[] = {
	PN("kind", FF_REQUIRED), PN("id_number", FF_REQUIRED),
	PN("name", FF_REQUIRED), PN("sex", 0),
	PN("birth_date", 0),     PN("region", FF_REQUIRED),
	PN("address", 0),        PN("phone", 0),
	PN("contact_name", 0),   PN("contact_phone", 0),
	PN("guardian_name", 0),  PN("residence", 0),
	PN("facility_id", 0),    PN("deceased_on", 0),
	PN("categories", 0),     PN("household", 0),
};

/* Care records, each row naming its person by ID number. */
static const struct field_spec assessment_specs[] = {
	PN("id_number", FF_REQUIRED),
	PN("assessed_on", FF_REQUIRED),
	PN("assessors", FF_REQUIRED),
	PN("items", 0),
	PN("coma", 0),
	PN("diagnosis", 0),
	PN("risk_events", 0),
	PN("reason", 0),
	PN("legacy_level", 0),
};
static const struct field_spec health_specs[] = {
	PN("id_number", FF_REQUIRED),
	PN("item", FF_REQUIRED),
	PN("done_on", FF_REQUIRED),
	PN("result", 0),
};
static const struct field_spec enrolment_specs[] = {
	PN("id_number", FF_REQUIRED),
	PN("facility_id", FF_REQUIRED),
	PN("class_type", FF_REQUIRED),
	PN("start", FF_REQUIRED),
	PN("end", 0),
};

/* One certified trainee per row, at the highest certificate obtained. */
static const struct field_spec trainee_specs[] = {
	PN("provider_credit_code", FF_REQUIRED),
	PN("provider_name", FF_REQUIRED),
	PN("region", FF_REQUIRED),
	PN("level", FF_REQUIRED),
	PN("cert_no", FF_REQUIRED),
	PN("certified_on", FF_REQUIRED),
};

/* Payee accounts, each row naming its person by ID number or its
 * institution by facility id (app/payee.c checks them). */
static const struct field_spec payee_specs[] = {
	PN("owner_kind", 0),       PN("id_number", 0),
	PN("facility_id", 0),      PN("bank", FF_REQUIRED),
	PN("branch", FF_REQUIRED), PN("account_number", FF_REQUIRED),
	PN("account_kind", 0),     PN("holder_name", 0),
	PN("holder_relation", 0),  PN("holder_id_number", 0),
};

const struct field_spec *transfer_specs(const char *kind, size_t *n)
{
	static const struct {
		const char *kind;
		const struct field_spec *specs;
		size_t n;
	} tab[] = {
		{ "regions", region_specs,
		  sizeof(region_specs) / sizeof(region_specs[0]) },
		{ "population", pop_specs,
		  sizeof(pop_specs) / sizeof(pop_specs[0]) },
		{ "assessments", assessment_specs,
		  sizeof(assessment_specs) / sizeof(assessment_specs[0]) },
		{ "health", health_specs,
		  sizeof(health_specs) / sizeof(health_specs[0]) },
		{ "enrolments", enrolment_specs,
		  sizeof(enrolment_specs) / sizeof(enrolment_specs[0]) },
		{ "trainees", trainee_specs,
		  sizeof(trainee_specs) / sizeof(trainee_specs[0]) },
		{ "persons", person_specs,
		  sizeof(person_specs) / sizeof(person_specs[0]) },
		{ "points", point_specs,
		  sizeof(point_specs) / sizeof(point_specs[0]) },
		{ "payees", payee_specs,
		  sizeof(payee_specs) / sizeof(payee_specs[0]) },
		{ "reported", reported_specs,
		  sizeof(reported_specs) / sizeof(reported_specs[0]) },
	};

	if (!strcmp(kind, "facilities")) {
		*n = facility_fields.count;
		return facility_fields.specs;
	}
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcmp(tab[i].kind, kind)) {
			*n = tab[i].n;
			return tab[i].specs;
		}
	*n = 0;
	return NULL;
}

struct import_state {
	const char *kind;
	const struct import_kind *words; /* Chinese headers and labels */
	struct arena *a;
	const struct csv_table *t;
	int *colmap; /* column -> spec index, -1 for "id" */
	const struct field_spec *specs;
	size_t nspecs;
	struct import_errors found;
	long imported;
	/* population rows seen, "region year metric" -> [row, value], so
	 * that one figure given twice with two values is caught */
	json_t *seen;
};

/* A cell's text. The export prefixes a quote to cells a spreadsheet would
 * run as a formula (core/csv.c); that quote is taken off again here so a
 * file round-trips exactly. */
static const char *cell(const struct csv_row *r, size_t i)
{
	const char *s = i < r->nfields ? r->fields[i] : "";

	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		return s + 1;
	return s;
}

/* Cell c of a row as the import reads it: a Chinese label of a coded
 * column (养老机构) as its code. */
static const char *value(const struct import_state *st, const struct csv_row *r,
                         size_t c)
{
	const char *s = cell(r, c);

	if (!st->words || !st->words->ncols || st->colmap[c] < 0)
		return s; /* a kind still headed by codes takes codes */
	return import_value_code(st->kind, st->specs[st->colmap[c]].name, s);
}

/* An error on field: named by the header the file gave it and by its
 * Chinese name. */
static void row_error(struct import_state *st, long line, const char *field,
                      const char *message)
{
	const struct csv_row *hdr = &st->t->rows[0];
	const struct import_column *col = import_column_find(st->words, field);
	const char *column = field;

	for (size_t c = 0; c < hdr->nfields; c++)
		if (st->colmap[c] >= 0 &&
		    !strcmp(st->specs[st->colmap[c]].name, field))
			column = hdr->fields[c];
	import_errors_add_field(
	    &st->found, line, column, field,
	    col ? arena_strndup(st->a, col->zh, strcspn(col->zh, "|")) : NULL,
	    message);
}

/* Fills rec from the row's cells; reports each bad cell. Returns the
 * number of bad cells. */
static int fill_row(struct app_ctx *ctx, struct import_state *st,
                    const struct csv_row *row, void *rec, const char **special,
                    size_t nspecial)
{
	const struct csv_row *hdr = &st->t->rows[0];
	int bad = 0;

	for (size_t c = 0; c < hdr->nfields; c++) {
		const struct field_spec *s;
		struct lx_error e = { 0 };
		int handled = 0;

		if (st->colmap[c] < 0)
			continue;
		s = &st->specs[st->colmap[c]];
		for (size_t k = 0; k < nspecial; k++)
			if (!strcmp(special[k], s->name)) {
				special[k + nspecial] = value(st, row, c);
				handled = 1;
			}
		if (handled)
			continue;
		if (field_from_text(ctx->arena, s, rec, value(st, row, c),
		                    &e)) {
			row_error(st, row->line, s->name, e.message);
			bad++;
		}
	}
	return bad;
}

static void report(struct import_state *st, long line, struct lx_error *e)
{
	row_error(st, line, e->field[0] ? e->field : "", e->message);
}

static void import_regions_row(struct app_ctx *ctx, struct import_state *st,
                               const struct csv_row *row)
{
	struct region r = { .level = -1, .kind = REGION_ADMIN };
	const char *special[6] = { "level", "kind", "parent" };
	struct lx_error saved;

	if (fill_row(ctx, st, row, &r, special, 3))
		return;
	if (special[3] && *special[3]) {
		enum region_level lv;

		if (region_level_parse(special[3], &lv)) {
			row_error(st, row->line, "level",
			          arena_printf(
			              ctx->arena, "unknown level '%.20s' (%s)",
			              special[3], app_region_level_names(ctx)));
			return;
		}
		r.level = (int)lv;
	}
	if (special[4] && *special[4] &&
	    (r.kind = region_kind_parse(special[4])) < 0) {
		row_error(st, row->line, "kind",
		          "'kind' must be admin or zone");
		return;
	}
	if (special[5] && *special[5]) {
		if (strlen(special[5]) != 12 ||
		    !region_code_valid(special[5])) {
			row_error(st, row->line, "parent",
			          "'parent' must be a 12-digit division code");
			return;
		}
		memcpy(r.parent, special[5], 13);
	}
	saved = ctx->err;
	if (app_region_save(ctx, &r, 1))
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	ctx->err = saved;
}

static void import_population_row(struct app_ctx *ctx, struct import_state *st,
                                  const struct csv_row *row)
{
	struct pop_figure f = { .metric = -1 };
	const char *special[2] = { "metric" };
	struct lx_error saved;

	if (fill_row(ctx, st, row, &f, special, 1))
		return;
	if ((f.metric = pop_metric_parse(special[1])) < 0) {
		row_error(
		    st, row->line, "metric",
		    arena_printf(ctx->arena, "unknown metric '%.40s' (%s)",
		                 special[1] ? special[1] : "",
		                 accepted_names(ctx->arena, special[1],
		                                pop_metric_names(), POP__MAX)));
		return;
	}
	{
		char *key = arena_printf(ctx->arena, "%s %d %s", f.region,
		                         f.year, special[1]);
		json_t *prev;

		if (!st->seen)
			st->seen = json_object();
		prev = json_object_get(st->seen, key);
		if (prev &&
		    json_integer_value(json_array_get(prev, 1)) != f.value) {
			row_error(
			    st, row->line, "value",
			    arena_printf(
			        ctx->arena,
			        "row %lld gives this figure "
			        "(%s, %d, %s) as %lld and this "
			        "row as %lld: keep one",
			        json_integer_value(json_array_get(prev, 0)),
			        f.region, f.year, special[1],
			        json_integer_value(json_array_get(prev, 1)),
			        f.value));
			return;
		}
		if (!prev)
			json_object_set_new(st->seen, key,
			                    json_pack("[I, I]",
			                              (json_int_t)row->line,
			                              (json_int_t)f.value));
	}
	saved = ctx->err;
	if (app_population_save(ctx, &f))
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	ctx->err = saved;
}

static void import_facility_row(struct app_ctx *ctx, struct import_state *st,
                                const struct csv_row *row, int id_col)
{
	struct facility f;
	struct lx_error saved = ctx->err;
	const char *id = id_col >= 0 ? cell(row, (size_t)id_col) : "";

	facility_init(&f);
	if (*id) {
		char *end;
		long long n = strtoll(id, &end, 10);

		if (*end || n <= 0 ||
		    facility_store_get(ctx->db, ctx->arena, n, NULL, &f,
		                       NULL) ||
		    !principal_sees_facility(ctx->who, f.region, f.id)) {
			row_error(st, row->line, "id", "no such facility");
			return;
		}
		f.cap.date[0] = '\0';
	}
	if (fill_row(ctx, st, row, &f, NULL, 0))
		return;
	if (app_facility_save(ctx, &f))
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	ctx->err = saved;
}

static void import_reported_row(struct app_ctx *ctx, struct import_state *st,
                                const struct csv_row *row)
{
	struct reported r = { 0 };
	const char *special[4] = { "period", "value" };
	struct lx_error saved = ctx->err;
	json_t *body, *res;

	if (fill_row(ctx, st, row, &r, special, 2))
		return;
	body = json_pack("{s:s, s:s, s:s, s:s}", "element",
	                 r.element ? r.element : "", "region", r.region,
	                 "period", special[2] ? special[2] : "", "source",
	                 r.source ? r.source : "");
	if (special[3] && *special[3]) {
		char *end;
		double v = strtod(special[3], &end);

		if (*end) {
			row_error(st, row->line, "value",
			          "'value' must be a number");
			json_decref(body);
			return;
		}
		json_object_set_new(body, "value", json_real(v));
	}
	if (r.text && *r.text)
		json_object_set_new(body, "text", json_string(r.text));
	res = app_reported_check_and_put(ctx, body);
	if (!res)
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	json_decref(res);
	json_decref(body);
	ctx->err = saved;
}

static int parse_coord(struct import_state *st, long line, const char *col,
                       const char *text, double *out)
{
	char *end;

	*out = text ? strtod(text, &end) : 0;
	if (!text || !*text || *end) {
		row_error(st, line, col, "must be a number");
		return -1;
	}
	return 0;
}

static void import_point_row(struct app_ctx *ctx, struct import_state *st,
                             const struct csv_row *row)
{
	struct res_point p = { 0 };
	const char *special[4] = { "lat", "lon" };
	struct lx_error saved = ctx->err;

	if (fill_row(ctx, st, row, &p, special, 2) ||
	    parse_coord(st, row->line, "lat", special[2], &p.lat) ||
	    parse_coord(st, row->line, "lon", special[3], &p.lon))
		return;
	if (app_point_save(ctx, &p))
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	ctx->err = saved;
}

/* "tekun_dispersed:2020-01-01|advanced_age:2021-05-01:2023-12-31" */
static json_t *categories_json(const char *s)
{
	json_t *arr = json_array();
	char buf[1024];
	char *save = NULL;

	snprintf(buf, sizeof(buf), "%s", s);
	for (char *tok = strtok_r(buf, "|", &save); tok;
	     tok = strtok_r(NULL, "|", &save)) {
		char *c1 = strchr(tok, ':'),
		     *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (c1)
			*c1 = '\0';
		if (c2)
			*c2 = '\0';
		json_array_append_new(
		    arr, json_pack("{s:s, s:s?, s:s?}", "category", tok,
		                   "start", c1 ? c1 + 1 : NULL, "end",
		                   c2 && c2[1] ? c2 + 1 : NULL));
	}
	return arr;
}

static void import_person_row(struct app_ctx *ctx, struct import_state *st,
                              const struct csv_row *row)
{
	const struct csv_row *hdr = &st->t->rows[0];
	struct lx_error saved = ctx->err;
	json_t *body = json_object();
	long long id;

	for (size_t c = 0; c < hdr->nfields; c++) {
		const char *name = st->specs[st->colmap[c]].name;
		const char *v = value(st, row, c);

		if (!*v)
			continue;
		if (!strcmp(name, "facility_id")) {
			char *end;
			long long n = strtoll(v, &end, 10);

			if (*end || n <= 0) {
				row_error(
				    st, row->line, name,
				    "'facility_id' must be a facility id");
				json_decref(body);
				return;
			}
			json_object_set_new(body, name, json_integer(n));
		} else if (!strcmp(name, "categories")) {
			json_object_set_new(body, name, categories_json(v));
		} else {
			json_object_set_new(body, name, json_string(v));
		}
	}
	if (app_person_save_json(ctx, body, &id))
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	json_decref(body);
	ctx->err = saved;
}

/* A cell as the JSON value the use case takes: whole numbers, flags,
 * lists (assessors 甲、乙 or 甲|乙; items as 26 digits or separated). */
static json_t *care_value(const char *name, const char *v)
{
	if (!strcmp(name, "facility_id") || !strcmp(name, "risk_events")) {
		char *end;
		long long n = strtoll(v, &end, 10);

		return *end ? json_string(v) : json_integer(n);
	}
	if (!strcmp(name, "coma") || !strcmp(name, "diagnosis"))
		return json_boolean(!strcmp(v, "1") || !strcmp(v, "true") ||
		                    !strcmp(v, "是"));
	if (!strcmp(name, "assessors")) {
		json_t *arr = json_array();
		char buf[512], *save = NULL;

		snprintf(buf, sizeof(buf), "%s", v);
		for (char *t = strtok_r(buf, "|、,", &save); t;
		     t = strtok_r(NULL, "|、,", &save))
			json_array_append_new(arr, json_string(t));
		return arr;
	}
	if (!strcmp(name, "items")) {
		json_t *arr = json_array();
		int separated = strpbrk(v, " |;") != NULL;

		for (const char *p = v; *p; p++) {
			if (*p >= '0' && *p <= '9') {
				if (separated) {
					json_array_append_new(
					    arr,
					    json_integer(strtol(p, NULL, 10)));
					while (p[1] >= '0' && p[1] <= '9')
						p++;
				} else {
					json_array_append_new(
					    arr, json_integer(*p - '0'));
				}
			} else if (!strchr(" |;", *p)) {
				json_array_append_new(arr, json_string(p));
				break;
			}
		}
		return arr;
	}
	return json_string(v);
}

static void import_care_row(struct app_ctx *ctx, struct import_state *st,
                            const struct csv_row *row)
{
	const struct csv_row *hdr = &st->t->rows[0];
	struct lx_error saved = ctx->err;
	json_t *body = json_object(), *out = NULL;
	const char *number = "";
	long long id;

	for (size_t c = 0; c < hdr->nfields; c++) {
		const char *name = st->specs[st->colmap[c]].name;
		const char *v = value(st, row, c);

		if (!strcmp(name, "id_number"))
			number = v;
		else if (*v)
			json_object_set_new(body, name, care_value(name, v));
	}
	id = app_person_by_number(ctx, number);
	if (id && !strcmp(st->kind, "assessments"))
		out = app_person_assess(ctx, id, body);
	else if (id && !strcmp(st->kind, "health"))
		out = app_health_add(ctx, id, body);
	else if (id)
		out = app_enrol(ctx, id, body);
	if (!out)
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	json_decref(out);
	json_decref(body);
	ctx->err = saved;
}

static void import_trainee_row(struct app_ctx *ctx, struct import_state *st,
                               const struct csv_row *row)
{
	const struct csv_row *hdr = &st->t->rows[0];
	struct lx_error saved = ctx->err;
	json_t *body = json_object(), *out;

	for (size_t c = 0; c < hdr->nfields; c++)
		json_object_set_new(body, st->specs[st->colmap[c]].name,
		                    json_string(value(st, row, c)));
	out = app_trainee_cert_add(ctx, body);
	if (!out)
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	json_decref(out);
	json_decref(body);
	ctx->err = saved;
}

static void import_payee_row(struct app_ctx *ctx, struct import_state *st,
                             const struct csv_row *row)
{
	const struct csv_row *hdr = &st->t->rows[0];
	struct lx_error saved = ctx->err;
	json_t *body = json_object();

	for (size_t c = 0; c < hdr->nfields; c++)
		if (*value(st, row, c))
			json_object_set_new(body, st->specs[st->colmap[c]].name,
			                    json_string(value(st, row, c)));
	if (app_payee_import_row(ctx, body))
		report(st, row->line, &ctx->err);
	else
		st->imported++;
	json_decref(body);
	ctx->err = saved;
}

static int import_rows(struct app_ctx *ctx, void *arg)
{
	struct import_state *st = arg;
	int id_col = -1;

	for (size_t c = 0; c < st->t->rows[0].nfields; c++)
		if (st->colmap[c] == -1)
			id_col = (int)c;
	for (size_t i = 1; i < st->t->nrows; i++) {
		const struct csv_row *row = &st->t->rows[i];

		if (!strcmp(st->kind, "regions"))
			import_regions_row(ctx, st, row);
		else if (!strcmp(st->kind, "population"))
			import_population_row(ctx, st, row);
		else if (!strcmp(st->kind, "reported"))
			import_reported_row(ctx, st, row);
		else if (!strcmp(st->kind, "points"))
			import_point_row(ctx, st, row);
		else if (!strcmp(st->kind, "persons"))
			import_person_row(ctx, st, row);
		else if (!strcmp(st->kind, "trainees"))
			import_trainee_row(ctx, st, row);
		else if (!strcmp(st->kind, "payees"))
			import_payee_row(ctx, st, row);
		else if (!strcmp(st->kind, "assessments") ||
		         !strcmp(st->kind, "health") ||
		         !strcmp(st->kind, "enrolments"))
			import_care_row(ctx, st, row);
		else
			import_facility_row(ctx, st, row, id_col);
		if (import_still_open(ctx, row->line))
			return -1;
	}
	return import_errors_finish(&st->found, ctx, st->kind, st->imported);
}

json_t *app_import_csv(struct app_ctx *ctx, const char *kind, const char *buf,
                       size_t len)
{
	struct import_state st = { .kind = kind, .a = ctx->arena };
	struct csv_table t;
	const char *enc = "";
	const struct csv_row *hdr;
	const char **names;
	int in_chinese = 0; /* a header of the file is a Chinese name */

	if (!(st.specs = transfer_specs(kind, &st.nspecs)))
		return lx_fail(&ctx->err, LX_ENOTFOUND, "kind",
		               "nothing to import as '%.30s'", kind),
		       NULL;
	if (import_table_read(ctx->arena, buf, len, &t, &enc, &ctx->err))
		return NULL;
	if (t.nrows < 1)
		return lx_fail(&ctx->err, LX_EINVALID, "row 1",
		               "the file is empty: it needs a header row"),
		       NULL;
	st.t = &t;
	st.words = import_kind_find(kind);
	hdr = &t.rows[0];
	/* each header as the field it names: the code, or its Chinese */
	names = arena_alloc(ctx->arena, (hdr->nfields + 1) * sizeof(*names));
	for (size_t c = 0; c < hdr->nfields; c++) {
		const char *f =
		    import_header_field(ctx->arena, st.words, hdr->fields[c]);
		const char *folded =
		    import_header_fold(ctx->arena, hdr->fields[c]);

		names[c] = f ? f : folded;
		in_chinese |= f && strcmp(f, folded);
	}
	st.colmap = arena_alloc(ctx->arena, (hdr->nfields + 1) * sizeof(int));
	st.found.list = json_array();
	for (size_t c = 0; c < hdr->nfields; c++) {
		const char *name = names[c];
		int found = -2;

		for (size_t k = 0; k < st.nspecs; k++)
			if (!strcmp(st.specs[k].name, name))
				found = (int)k;
		if (found == -2 && !strcmp(kind, "facilities") &&
		    !strcmp(name, "id"))
			found = -1;
		if (found == -2)
			import_errors_add(&st.found, hdr->line, hdr->fields[c],
			                  "unknown column");
		for (size_t d = 0; d < c; d++)
			if (!strcmp(names[d], name))
				import_errors_add(&st.found, hdr->line,
				                  hdr->fields[c],
				                  "column appears twice");
		st.colmap[c] = found;
	}
	for (size_t k = 0; k < st.nspecs; k++) {
		int present = 0;

		for (size_t c = 0; c < hdr->nfields; c++)
			present |= !strcmp(names[c], st.specs[k].name);
		if ((st.specs[k].flags & FF_REQUIRED) && !present) {
			/* the file has no header for it: named in the
			 * file's own way, by its Chinese name when the file
			 * heads its columns in Chinese, else by its code */
			const struct import_column *col =
			    import_column_find(st.words, st.specs[k].name);
			const char *zh =
			    col ? arena_strndup(ctx->arena, col->zh,
			                        strcspn(col->zh, "|"))
			        : NULL;

			import_errors_add_field(
			    &st.found, hdr->line,
			    zh && in_chinese ? zh : st.specs[k].name,
			    st.specs[k].name, zh, "required column is missing");
		}
	}
	if (!import_errors_fail(&st.found, ctx) &&
	    !app_transaction(ctx, import_rows, &st)) {
		json_decref(st.found.list);
		json_decref(st.seen);
		return json_pack("{s:I, s:s}", "imported",
		                 (json_int_t)st.imported, "encoding", enc);
	}
	json_decref(st.seen);
	json_decref(ctx->details); /* a row's own, replaced by the file's */
	ctx->details = import_errors_details(&st.found);
	return NULL;
}

/* ---- export ---- */

static void put_row(struct abuf *b, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			abuf_puts(b, ",");
		csv_write_field(b, cells[i] ? cells[i] : "");
	}
	abuf_puts(b, "\r\n");
}

static int export_regions(struct app_ctx *ctx, const char *root, struct abuf *b)
{
	static const char *const hdr[] = { "code", "name",   "level",
		                           "kind", "parent", "source" };
	struct region *v;
	size_t n;

	if (region_store_subtree(ctx->db, ctx->arena, root, NULL, &v, &n,
	                         &ctx->err))
		return -1;
	put_row(b, hdr, 6);
	for (size_t i = 0; i < n; i++) {
		const char *cells[6] = { v[i].code,
			                 v[i].name,
			                 region_level_name(v[i].level),
			                 region_kind_name(v[i].kind),
			                 v[i].parent,
			                 v[i].source };
		put_row(b, cells, 6);
	}
	return 0;
}

static int export_population(struct app_ctx *ctx, const char *root,
                             struct abuf *b)
{
	static const char *const hdr[] = { "region", "year", "metric", "value",
		                           "source" };
	struct pop_figure *v;
	size_t n;

	if (population_store_subtree(ctx->db, ctx->arena, root, 0, &v, &n,
	                             &ctx->err))
		return -1;
	put_row(b, hdr, 5);
	for (size_t i = 0; i < n; i++) {
		const char *cells[5] = {
			v[i].region, arena_printf(ctx->arena, "%d", v[i].year),
			pop_metric_name(v[i].metric),
			arena_printf(ctx->arena, "%lld", v[i].value),
			v[i].source
		};
		put_row(b, cells, 5);
	}
	return 0;
}

/* Without ids the file recreates the facilities anywhere (a new
 * database, another system); with ids it updates them in place when
 * imported back, which is how a spreadsheet edit comes home. */
static int export_facilities(struct app_ctx *ctx, const char *root,
                             int with_ids, const char *as_of, struct abuf *b)
{
	/* with as_of the store lists only those open that day, with the
	 * capacity in force then */
	struct facility_query q = { .region = root,
		                    .kind = -1,
		                    .ownership = -1,
		                    .filing = -1,
		                    .status = FSTATUS_ALL,
		                    .as_of = as_of,
		                    .today = ctx->today,
		                    .sort = "id" };
	const char **cells = arena_alloc(
	    ctx->arena, (facility_fields.count + 1) * sizeof(*cells));
	struct facility *v;
	size_t n;
	long long total;

	if (ctx->who->role == ROLE_OPERATOR) {
		q.only_ids = 1;
		q.ids = ctx->who->facilities;
		q.nids = ctx->who->nfacilities;
	}
	if (facility_store_list(ctx->db, ctx->arena, &q, &v, &n, &total,
	                        &ctx->err))
		return -1;
	cells[0] = "id";
	for (size_t k = 0; k < facility_fields.count; k++)
		cells[k + 1] = facility_fields.specs[k].name;
	put_row(b, cells + !with_ids, facility_fields.count + !!with_ids);
	for (size_t i = 0; i < n; i++) {
		cells[0] = arena_printf(ctx->arena, "%lld", v[i].id);
		for (size_t k = 0; k < facility_fields.count; k++)
			cells[k + 1] = field_to_text(
			    ctx->arena, &facility_fields.specs[k], &v[i]);
		put_row(b, cells + !with_ids,
		        facility_fields.count + !!with_ids);
	}
	return 0;
}

int app_export_csv(struct app_ctx *ctx, const char *kind, json_t *params,
                   char **out, size_t *len)
{
	static const char *const allowed[] = { "region", "with_ids", "unmask",
		                               "as_of", NULL };
	const char *root, *as_of;
	struct abuf b;
	int ret;

	if (param_only(params, allowed, &ctx->err) ||
	    param_region(params, "region", &root, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err))
		return -1;
	if (as_of && strcmp(kind, "facilities"))
		return lx_fail(&ctx->err, LX_EINVALID, "as_of",
		               "only facilities are exported as of a day");
	if (root) {
		if (!principal_sees_region(ctx->who, root) ||
		    !region_store_exists(ctx->db, root))
			return lx_fail(&ctx->err, LX_ENOTFOUND, "region",
			               "no region '%.12s'", root);
	} else {
		root = ctx->who->region[0] ? ctx->who->region : NULL;
	}
	abuf_init(&b, ctx->arena);
	abuf_puts(&b, "\xEF\xBB\xBF");
	if (!strcmp(kind, "regions"))
		ret = export_regions(ctx, root, &b);
	else if (!strcmp(kind, "population"))
		ret = export_population(ctx, root, &b);
	else if (!strcmp(kind, "persons"))
		ret = app_person_export(
		    ctx, root,
		    param_str(params, "unmask") &&
		        !strcmp(param_str(params, "unmask"), "1"),
		    &b);
	else if (!strcmp(kind, "facilities"))
		ret = export_facilities(ctx, root,
		                        param_str(params, "with_ids") != NULL,
		                        as_of, &b);
	else
		ret = lx_fail(&ctx->err, LX_ENOTFOUND, "kind",
		              "nothing to export as '%.30s'", kind);
	if (ret)
		return -1;
	*out = b.data;
	*len = b.len;
	return 0;
}

/* ---- presets ---- */

struct preset {
	json_t *doc;
	const char *file;
};

static int preset_fail(struct app_ctx *ctx, const char *file, const char *at)
{
	char msg[sizeof(ctx->err.message)];

	snprintf(msg, sizeof(msg), "%s", ctx->err.message);
	return lx_fail(&ctx->err, LX_EINVALID, ctx->err.field, "%s: %s: %s",
	               file, at, msg);
}

static int preset_in_tx(struct app_ctx *ctx, void *arg)
{
	struct preset *p = arg;
	json_t *regions = json_object_get(p->doc, "regions");
	json_t *pop = json_object_get(p->doc, "population");
	size_t i;
	json_t *item;

	if (!json_is_array(regions))
		return lx_fail(&ctx->err, LX_EINVALID, "regions",
		               "%s: 'regions' must be a list", p->file);
	json_array_foreach(regions, i, item)
	{
		struct region r = { .level = -1, .kind = REGION_ADMIN };
		const char *code =
		    json_string_value(json_object_get(item, "code"));
		const char *parent =
		    json_string_value(json_object_get(item, "parent"));
		const char *level =
		    json_string_value(json_object_get(item, "level"));
		const char *kind =
		    json_string_value(json_object_get(item, "kind"));
		enum region_level lv;

		snprintf(r.code, sizeof(r.code), "%s", code ? code : "");
		snprintf(r.parent, sizeof(r.parent), "%s",
		         parent ? parent : "");
		r.name =
		    (char *)json_string_value(json_object_get(item, "name"));
		r.source =
		    (char *)json_string_value(json_object_get(item, "source"));
		if (level && !region_level_parse(level, &lv))
			r.level = (int)lv;
		if (kind)
			r.kind = region_kind_parse(kind);
		if (app_region_save(ctx, &r, 1) || !db_in_transaction(ctx->db))
			return preset_fail(
			    ctx, p->file,
			    arena_printf(ctx->arena, "regions[%zu]", i));
	}
	json_array_foreach(pop, i, item)
	{
		struct pop_figure f = { .metric = -1 };
		const char *region =
		    json_string_value(json_object_get(item, "region"));
		json_t *year = json_object_get(item, "year");
		json_t *value = json_object_get(item, "value");

		snprintf(f.region, sizeof(f.region), "%s",
		         region ? region : "");
		f.metric = pop_metric_parse(
		    json_string_value(json_object_get(item, "metric")));
		f.year =
		    json_is_integer(year) ? (int)json_integer_value(year) : 0;
		f.value =
		    json_is_integer(value) ? json_integer_value(value) : -1;
		f.source =
		    (char *)json_string_value(json_object_get(item, "source"));
		if (app_population_save(ctx, &f) || !db_in_transaction(ctx->db))
			return preset_fail(
			    ctx, p->file,
			    arena_printf(ctx->arena, "population[%zu]", i));
	}
	return 0;
}

int app_preset_apply(struct app_ctx *ctx, json_t *doc, const char *file)
{
	struct preset p = { doc, file };

	return app_transaction(ctx, preset_in_tx, &p);
}
