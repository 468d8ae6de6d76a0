#include "app/roster.h"
#include "app/xlsx_file.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/people.h"
#include "app/pii.h"
#include "core/assessment.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/media_type.h"
#include "core/person.h"
#include "store/region_store.h"
#include "store/roster_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What a roster was asked for. */
struct sel {
	struct roster_query q;
	const char *region;
	const char *group; /* the totals an export ends with */
	int unmask;        /* whole ID numbers (asked and allowed) */
	int full_birth;    /* whole birth dates (roles that may unmask) */
};

static const char *const groups[] = { "township", "village", "age_band",
	                              "level", "category" };
static const char *const groups_zh[] = { "乡镇（街道）", "村（社区）", "年龄段",
	                                 "能力等级", "类别" };
enum { NGROUPS = 5 };

static int group_index(const char *g)
{
	for (int i = 0; i < NGROUPS; i++)
		if (!strcmp(groups[i], g))
			return i;
	return -1;
}

/* "80-89", "100-", "80": ages from-to inclusive, to -1 for "and over". */
static int parse_band(const char *s, int *from, int *to)
{
	char *end;
	long a, b = -1;

	if (!s || !*s || *s < '0' || *s > '9')
		return -1;
	a = strtol(s, &end, 10);
	if (*end == '-') {
		if (end[1]) {
			if (end[1] < '0' || end[1] > '9')
				return -1;
			b = strtol(end + 1, &end, 10);
			if (*end)
				return -1;
		} else {
			end++;
		}
	} else if (*end) {
		return -1;
	} else {
		b = a;
	}
	if (a > 150 || b > 150 || (b >= 0 && b < a))
		return -1;
	*from = (int)a;
	*to = (int)b;
	return 0;
}

static int read_sel(struct app_ctx *ctx, json_t *params, int export,
                    struct sel *s)
{
	static const char *const allowed[] = { "region",   "as_of",    "kind",
		                               "category", "age_band", "level",
		                               "group",    "unmask",   "page",
		                               "per_page", "format",   NULL };
	const char *kind = param_str(params, "kind");
	const char *cat = param_str(params, "category");
	const char *band = param_str(params, "age_band");
	const char *level = param_str(params, "level");
	const char *unmask = param_str(params, "unmask");
	const char *as_of = NULL;
	json_t *q;
	int rc;

	memset(s, 0, sizeof(*s));
	s->q.min_age = s->q.max_age = -1;
	s->q.level = ROSTER_LEVEL_ANY;
	if (ctx->who->role == ROLE_FAMILY || ctx->who->role == ROLE_OPERATOR)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "rosters are for officials");
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the personal-data key is not loaded");
	if (param_only(params, allowed, &ctx->err) ||
	    param_date(params, "as_of", &as_of, &ctx->err) ||
	    param_long(params, "page", 1, 1, 1000000, &s->q.page, &ctx->err) ||
	    param_long(params, "per_page", 50, 1, 1000, &s->q.per_page,
	               &ctx->err))
		return -1;
	/* the caller's own region when none is named */
	q = json_pack("{s:s}", "region",
	              param_str(params, "region") ? param_str(params, "region")
	              : ctx->who->region[0]       ? ctx->who->region
	                                          : "");
	rc = app_visible_region(ctx, q, &s->region);
	if (!rc)
		s->region = arena_strdup(ctx->arena, s->region);
	json_decref(q);
	if (rc)
		return -1;
	s->q.region = s->region;
	s->q.as_of = as_of ? as_of : ctx->today;
	if (!kind || !strcmp(kind, "elderly"))
		s->q.kind = "elderly";
	else if (!strcmp(kind, "infant"))
		s->q.kind = "infant";
	else if (strcmp(kind, "all"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "kind",
		               "'kind' must be elderly, infant or all");
	if (cat) {
		int c = enum_lookup(&person_category_names, cat);

		if (c < 0)
			return lx_fail(&ctx->err, LX_EMALFORMED, "category",
			               "unknown category '%.40s'", cat);
		s->q.category = person_category_names.names[c];
	}
	if (band && parse_band(band, &s->q.min_age, &s->q.max_age))
		return lx_fail(&ctx->err, LX_EMALFORMED, "age_band",
		               "'age_band' must be like 80-89, 100- or 85 "
		               "(ages 0 to 150)");
	if (level && !strcmp(level, "none")) {
		s->q.level = ROSTER_LEVEL_NONE;
	} else if (level) {
		if (strlen(level) != 1 || level[0] < '0' ||
		    level[0] >= '0' + ASSESS_LEVEL__MAX)
			return lx_fail(&ctx->err, LX_EMALFORMED, "level",
			               "'level' must be 0 to %d (GB/T "
			               "42195-2022) or none",
			               ASSESS_LEVEL__MAX - 1);
		s->q.level = level[0] - '0';
	}
	s->group = param_str(params, "group") ? param_str(params, "group")
	                                      : "township";
	if (group_index(s->group) < 0)
		return lx_fail(&ctx->err, LX_EMALFORMED, "group",
		               "'group' must be township, village, age_band, "
		               "level or category");
	if (unmask && strcmp(unmask, "0") && strcmp(unmask, "1"))
		return lx_fail(&ctx->err, LX_EMALFORMED, "unmask",
		               "'unmask' must be 0 or 1");
	s->unmask = unmask && !strcmp(unmask, "1");
	if ((s->unmask || export) && !app_may_unmask(ctx))
		return lx_fail(&ctx->err, LX_EFORBIDDEN,
		               s->unmask ? "unmask" : "", "%s",
		               s->unmask ? "your role sees identifiers masked"
		                         : "your role may not export personal "
		                           "data");
	s->full_birth = app_may_unmask(ctx);
	if (export)
		s->q.per_page = 0;
	return 0;
}

/* The township and village a person is registered in, by the code's
 * levels: a village code names both, a township code the township. */
static void places(const struct roster_row *r, const char **township,
                   const char **village)
{
	*township = *village = "";
	if (strcmp(r->region + 9, "000")) {
		*village = r->region_name ? r->region_name : "";
		*township = r->township_name ? r->township_name : "";
	} else if (strncmp(r->region + 6, "000", 3)) {
		*township = r->region_name ? r->region_name : "";
	}
}

/* The categories held, in Chinese, joined by 、. */
static const char *categories_zh(struct arena *a, const struct roster_row *r)
{
	struct abuf b;

	abuf_init(&b, a);
	abuf_puts(&b, "");
	for (size_t i = 0; i < r->ncategories; i++) {
		int c = enum_lookup(&person_category_names, r->categories[i]);

		abuf_printf(&b, "%s%s", i ? "、" : "",
		            c >= 0 ? person_category_names.labels_zh[c]
		                   : r->categories[i]);
	}
	return b.data;
}

enum { NCOLS = 11 };
static const char *const headers[NCOLS] = {
	"序号",     "姓名",     "公民身份号码", "性别",
	"出生日期", "年龄",     "乡镇（街道）", "村（社区）",
	"类别",     "能力等级", "评估日期"
};

/* One row's cells, as shown: the number masked unless s->unmask, the
 * birth date whole only for roles that may unmask (with the masked
 * number it gives the number back), the year otherwise. */
static void row_cells(struct app_ctx *ctx, const struct sel *s,
                      const struct roster_row *r, long seq,
                      const char *c[NCOLS])
{
	char *plain =
	    pii_open(ctx->keys, ctx->arena, r->id_sealed, r->id_sealed_len);
	char *masked = arena_alloc(ctx->arena, 19);
	const char *township, *village;

	if (plain)
		id_number_mask(plain, masked, 19);
	else
		snprintf(masked, 19, "%s", "******************");
	places(r, &township, &village);
	c[0] = arena_printf(ctx->arena, "%ld", seq);
	c[1] = r->name ? r->name : "";
	c[2] = s->unmask && plain ? plain : masked;
	c[3] = !strcmp(r->sex, "M") ? "男" : !strcmp(r->sex, "F") ? "女" : "";
	c[4] = s->full_birth ? r->birth_date
	                     : arena_strndup(ctx->arena, r->birth_date, 4);
	c[5] = arena_printf(ctx->arena, "%d",
	                    person_age_on(r->birth_date, s->q.as_of));
	c[6] = township;
	c[7] = village;
	c[8] = categories_zh(ctx->arena, r);
	c[9] = r->level >= 0 && r->level < ASSESS_LEVEL__MAX
	           ? assess_level_zh((enum assess_level)r->level)
	           : "未评估";
	c[10] = r->level >= 0 ? r->level_on : "";
}

/* ---- totals ---- */

/* Age bands of the totals: ten-year groups from 60 (the usual grouping of
 * elderly statistics), one for those under 60 (infants' rosters). */
static const char *band_of(struct arena *a, int age)
{
	if (age < 60)
		return "0-59";
	if (age >= 100)
		return "100-";
	return arena_printf(a, "%d-%d", age / 10 * 10, age / 10 * 10 + 9);
}

static void bump(json_t *counts, const char *key, long long n)
{
	json_t *v = json_object_get(counts, key);

	json_object_set_new(counts, key,
	                    json_integer((v ? json_integer_value(v) : 0) + n));
}

static int cmp_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* "60-69" before "100-": by the band's first age */
static int cmp_band(const void *x, const void *y)
{
	return atoi(*(const char *const *)x) - atoi(*(const char *const *)y);
}

static const char *region_label(struct app_ctx *ctx, const char *code)
{
	struct region r;

	return region_store_get(ctx->db, ctx->arena, code, &r, NULL) ? code
	                                                             : r.name;
}

/* {"township": [{key, label, count}], "village": […], "age_band": […],
 * "level": […], "category": […]}, each in key order. */
static json_t *totals(struct app_ctx *ctx, const struct sel *s)
{
	struct roster_cell *cells;
	struct roster_category_count *cats;
	size_t n, nc;
	json_t *by[NGROUPS], *out;

	if (roster_store_cells(ctx->db, ctx->arena, &s->q, &cells, &n,
	                       &ctx->err) ||
	    roster_store_categories(ctx->db, ctx->arena, &s->q, &cats, &nc,
	                            &ctx->err))
		return NULL;
	for (int g = 0; g < NGROUPS; g++)
		by[g] = json_object();
	for (size_t i = 0; i < n; i++) {
		const struct roster_cell *c = &cells[i];
		char town[13] = "", village[13] = "";

		if (strcmp(c->region + 9, "000"))
			snprintf(village, sizeof(village), "%s", c->region);
		if (strncmp(c->region + 6, "000", 3))
			snprintf(town, sizeof(town), "%.9s000", c->region);
		bump(by[0], town, c->n);
		bump(by[1], village, c->n);
		bump(by[2],
		     band_of(ctx->arena,
		             person_age_on(c->birth_date, s->q.as_of)),
		     c->n);
		bump(by[3],
		     c->level >= 0 ? arena_printf(ctx->arena, "%d", c->level)
		                   : "none",
		     c->n);
	}
	for (size_t i = 0; i < nc; i++)
		bump(by[4], cats[i].category, cats[i].n);
	out = json_object();
	for (int g = 0; g < NGROUPS; g++) {
		json_t *list = json_array(), *v;
		const char *key;
		const char **keys = arena_alloc(
		    ctx->arena, (json_object_size(by[g]) + 1) * sizeof(*keys));
		size_t nk = 0;

		json_object_foreach(by[g], key, v) keys[nk++] = key;
		qsort(keys, nk, sizeof(*keys), g == 2 ? cmp_band : cmp_text);
		for (size_t k = 0; k < nk; k++) {
			const char *label = keys[k];

			key = keys[k];
			v = json_object_get(by[g], key);

			if (g <= 1)
				label = *key     ? region_label(ctx, key)
				        : g == 0 ? "（未到乡镇）"
				                 : "（未到村）";
			else if (g == 3)
				label = !strcmp(key, "none")
				            ? "未评估"
				            : assess_level_zh(
				                  (enum assess_level)atoi(key));
			else if (g == 4) {
				int c =
				    enum_lookup(&person_category_names, key);

				label = c >= 0
				            ? person_category_names.labels_zh[c]
				            : key;
			} else if (g == 2)
				label = arena_printf(ctx->arena, "%s周岁", key);
			json_array_append_new(
			    list, json_pack("{s:s, s:s, s:O}", "key", key,
			                    "label", label, "count", v));
		}
		json_decref(by[g]);
		json_object_set_new(out, groups[g], list);
	}
	return out;
}

static int audit_roster(struct app_ctx *ctx, void *arg)
{
	json_t *after = arg;

	return app_audit(
	    ctx,
	    json_is_true(json_object_get(after, "export")) ? "export"
	                                                   : "view_unmasked",
	    "roster", json_string_value(json_object_get(after, "region")), NULL,
	    after);
}

static int audit(struct app_ctx *ctx, const struct sel *s, long long rows,
                 int export)
{
	json_t *after = json_pack("{s:s, s:I, s:b, s:b}", "region", s->region,
	                          "rows", (json_int_t)rows, "unmasked",
	                          s->unmask, "export", export);
	int ret = app_transaction(ctx, audit_roster, after);

	json_decref(after);
	return ret;
}

json_t *app_roster(struct app_ctx *ctx, json_t *params)
{
	struct sel s;
	struct roster_row *v;
	size_t n;
	long long total;
	json_t *items, *tot;

	if (read_sel(ctx, params, 0, &s) ||
	    roster_store_list(ctx->db, ctx->arena, &s.q, &v, &n, &total,
	                      &ctx->err) ||
	    !(tot = totals(ctx, &s)))
		return NULL;
	/* every unmasked roster is on the record before it is shown */
	if (s.unmask && audit(ctx, &s, (long long)n, 0)) {
		json_decref(tot);
		return NULL;
	}
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *c[NCOLS];
		json_t *cats = json_array();

		row_cells(ctx, &s, &v[i],
		          (long)((s.q.page - 1) * s.q.per_page + (long)i + 1),
		          c);
		for (size_t k = 0; k < v[i].ncategories; k++)
			json_array_append_new(cats,
			                      json_string(v[i].categories[k]));
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s,"
		              " s:o, s:s, s:o, s:s?, s:s?}",
		              "id", (json_int_t)v[i].id, "name", c[1],
		              "id_number", c[2], "sex", v[i].sex, "birth_date",
		              c[4], "age", atoi(c[5]), "region", v[i].region,
		              "township", c[6], "village", c[7], "categories",
		              cats, "categories_zh", c[8], "level",
		              v[i].level >= 0 ? json_integer(v[i].level)
		                              : json_null(),
		              "level_zh", v[i].level >= 0 ? c[9] : NULL,
		              "level_on", v[i].level >= 0 ? c[10] : NULL));
	}
	return json_pack("{s:s, s:s, s:I, s:i, s:i, s:b, s:o, s:o}", "region",
	                 s.region, "as_of", s.q.as_of, "total",
	                 (json_int_t)total, "page", (int)s.q.page, "per_page",
	                 (int)s.q.per_page, "unmasked", s.unmask, "items",
	                 items, "totals", tot);
}

/* ---- export ---- */

static const char *title(struct app_ctx *ctx, const struct sel *s)
{
	return arena_printf(ctx->arena, "%s 花名册（截至%s）",
	                    region_label(ctx, s->region), s->q.as_of);
}

static void csv_row(struct abuf *b, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			abuf_puts(b, ",");
		csv_write_field(b, cells[i]);
	}
	abuf_puts(b, "\r\n");
}

static int render_csv(struct app_ctx *ctx, const struct sel *s,
                      const struct roster_row *v, size_t n, json_t *tot,
                      char **out, size_t *len)
{
	struct abuf b;
	json_t *list = json_object_get(tot, s->group), *e;
	const char *gz = groups_zh[group_index(s->group)];
	size_t i;

	abuf_init(&b, ctx->arena);
	abuf_puts(&b, "\xEF\xBB\xBF");
	csv_row(&b, headers, NCOLS);
	for (i = 0; i < n; i++) {
		const char *c[NCOLS];

		row_cells(ctx, s, &v[i], (long)i + 1, c);
		csv_row(&b, c, NCOLS);
	}
	/* the totals after a blank line: the grouping asked, then all */
	abuf_puts(&b, "\r\n");
	csv_row(&b,
	        (const char *[]){ arena_printf(ctx->arena, "按%s合计", gz),
	                          "人数" },
	        2);
	json_array_foreach(list, i, e)
	{
		long long k = json_integer_value(json_object_get(e, "count"));

		csv_row(&b,
		        (const char *[]){
		            json_string_value(json_object_get(e, "label")),
		            arena_printf(ctx->arena, "%lld", k) },
		        2);
	}
	/* a person holds several categories or none: the category totals
	 * do not add up to the roster; the rows are the total */
	csv_row(&b,
	        (const char *[]){ "总计", arena_printf(ctx->arena, "%zu", n) },
	        2);
	*out = b.data;
	*len = b.len;
	return 0;
}

/* The workbook through app/xlsx_file.h. */
static int render_xlsx(struct app_ctx *ctx, const struct sel *s,
                       const struct roster_row *v, size_t n, json_t *tot,
                       char **out, size_t *len)
{
	struct xlsx_file x;
	lxw_workbook *wb;
	lxw_worksheet *ws, *sum;
	lxw_format *head, *bold;
	size_t k;
	int row = 0;

	/* a city's roster is hundreds of thousands of rows: each row goes
	 * to the file as it is written instead of staying in memory */
	if (xlsx_file_open(ctx, &x, 1))
		return -1;
	wb = x.wb;
	ws = workbook_add_worksheet(wb, "花名册");
	sum = workbook_add_worksheet(wb, "汇总");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_font_size(bold, 14);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xF3F4F6);
	format_set_border(head, LXW_BORDER_THIN);
	worksheet_write_string(ws, 0, 0, title(ctx, s), bold);
	for (int c = 0; c < NCOLS; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, headers[c], head);
	worksheet_set_column(ws, 2, 2, 22, NULL);
	worksheet_set_column(ws, 6, 8, 16, NULL);
	for (size_t i = 0; i < n; i++) {
		const char *c[NCOLS];

		row_cells(ctx, s, &v[i], (long)i + 1, c);
		for (int j = 0; j < NCOLS; j++) {
			/* the sequence number and age as numbers */
			if (j == 0 || j == 5)
				worksheet_write_number(ws, (lxw_row_t)(i + 2),
				                       (lxw_col_t)j, atof(c[j]),
				                       NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(i + 2),
				                       (lxw_col_t)j, c[j],
				                       NULL);
		}
	}
	worksheet_freeze_panes(ws, 2, 2);
	worksheet_write_string(sum, row++, 0, title(ctx, s), bold);
	worksheet_write_string(sum, row, 0, "总计", head);
	worksheet_write_number(sum, row++, 1, (double)n, NULL);
	/* the grouping asked first, then the others */
	for (int pass = 0; pass < 2; pass++)
		for (int g = 0; g < NGROUPS; g++) {
			json_t *e;

			if ((pass == 0) != !strcmp(groups[g], s->group))
				continue;
			row++;
			worksheet_write_string(
			    sum, row, 0,
			    arena_printf(ctx->arena, "按%s", groups_zh[g]),
			    head);
			worksheet_write_string(sum, row++, 1, "人数", head);
			json_array_foreach(json_object_get(tot, groups[g]), k,
			                   e)
			{
				worksheet_write_string(
				    sum, row, 0,
				    json_string_value(
				        json_object_get(e, "label")),
				    NULL);
				worksheet_write_number(
				    sum, row++, 1,
				    (double)json_integer_value(
				        json_object_get(e, "count")),
				    NULL);
			}
		}
	worksheet_set_column(sum, 0, 0, 30, NULL);
	return xlsx_file_close(ctx, &x, out, len);
}

int app_roster_export(struct app_ctx *ctx, json_t *params, char **out,
                      size_t *len, const char **type, const char **ext)
{
	const char *format = param_str(params, "format");
	struct sel s;
	struct roster_row *v;
	size_t n;
	long long total;
	json_t *tot;
	int ret;

	if (!format || (strcmp(format, "csv") && strcmp(format, "xlsx")))
		return lx_fail(&ctx->err, LX_EMALFORMED, "format",
		               "'format' must be csv or xlsx");
	if (read_sel(ctx, params, 1, &s) ||
	    roster_store_list(ctx->db, ctx->arena, &s.q, &v, &n, &total,
	                      &ctx->err) ||
	    !(tot = totals(ctx, &s)))
		return -1;
	/* the export is on the record before it leaves */
	if (audit(ctx, &s, (long long)n, 1)) {
		json_decref(tot);
		return -1;
	}
	if (!strcmp(format, "csv")) {
		ret = render_csv(ctx, &s, v, n, tot, out, len);
		*type = "text/csv; charset=utf-8";
		*ext = "csv";
	} else {
		ret = render_xlsx(ctx, &s, v, n, tot, out, len);
		*type = MEDIA_TYPE_XLSX;
		*ext = "xlsx";
	}
	json_decref(tot);
	return ret;
}
