/*
 * CSV import and export of task-division tables, and the presets (see
 * task_import.h). The responsibility cell is read by core/task_duty.c with
 * the jurisdiction's aliases, so an export read back gives the same
 * departments and roles.
 */
#include "app/task_import.h"
#include "app/import_table.h"

#include "app/import_errors.h"
#include "app/task_directory.h"
#include "app/task_plans.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/task_duty.h"
#include "core/text.h"
#include "store/task_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col {
	C_NUMBER,
	C_SECTION,
	C_TEXT,
	C_DUTY,
	C_LEAD,
	C_DEADLINE,
	C_TARGETS,
	C__MAX
};

/* Accepted headings per column; the first is the one written. */
static const char *const col_names[C__MAX][4] = {
	[C_NUMBER] = { "序号", "编号", NULL },
	[C_SECTION] = { "章节", "分类", NULL },
	[C_TEXT] = { "重点任务", "任务", "主要任务", NULL },
	[C_DUTY] = { "责任单位", "部门", "责任部门", NULL },
	[C_LEAD] = { "牵头单位", "牵头部门", NULL },
	[C_DEADLINE] = { "完成时限", "时限", NULL },
	[C_TARGETS] = { "目标", "量化目标", NULL },
};

enum { MAX_DUTIES = 64 };

struct import {
	const struct csv_table *t;
	int col[C__MAX];
	struct import_errors found;
	long imported;
	long long plan_id;
	struct task_directory dir;
	json_t *fresh; /* new department names */
};

static const char *cell(const struct csv_row *row, int c)
{
	return c >= 0 && (size_t)c < row->nfields ? row->fields[c] : "";
}

/* A cell without surrounding spaces (ASCII and ideographic) as a new
 * arena string. */
static char *trimmed(struct app_ctx *ctx, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
	       !strncmp(s, "\xe3\x80\x80", 3))
		s +=
		    *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ? 1 : 3;
	char *out = arena_strdup(ctx->arena, s);
	size_t n = strlen(out);
	for (;;) {
		if (n && (out[n - 1] == ' ' || out[n - 1] == '\t' ||
		          out[n - 1] == '\r' || out[n - 1] == '\n'))
			n--;
		else if (n >= 3 && !strncmp(out + n - 3, "\xe3\x80\x80", 3))
			n -= 3;
		else
			break;
		out[n] = '\0';
	}
	return out;
}

static int header(struct app_ctx *ctx, struct import *im)
{
	const struct csv_row *hdr = &im->t->rows[0];

	for (int k = 0; k < C__MAX; k++)
		im->col[k] = -1;
	for (size_t c = 0; c < hdr->nfields; c++) {
		char h[128];
		int found = -1;
		if (task_duty_clean_name(hdr->fields[c], h, sizeof h))
			h[0] = '\0';
		for (int k = 0; k < C__MAX && found < 0; k++)
			for (int j = 0; col_names[k][j]; j++)
				if (!strcmp(h, col_names[k][j]))
					found = k;
		/* other columns (备注 …) are left alone */
		if (found >= 0 && im->col[found] >= 0)
			import_errors_add(&im->found, hdr->line, hdr->fields[c],
			                  "column appears twice");
		else if (found >= 0)
			im->col[found] = (int)c;
	}
	(void)ctx;
	if (im->col[C_NUMBER] < 0)
		import_errors_add(&im->found, hdr->line, "序号",
		                  "required column is missing");
	if (im->col[C_TEXT] < 0)
		import_errors_add(&im->found, hdr->line, "重点任务",
		                  "required column is missing");
	return im->found.first_row ? -1 : 0;
}

/* 完成时限: "", a year (2025, 2025年, 2025年底前) or a date. */
static int deadline(const char *s, int *year, const char **on)
{
	struct lx_date d;

	*year = 0;
	*on = NULL;
	if (!*s)
		return 0;
	if (!date_parse(s, &d)) {
		*on = s;
		*year = atoi(s);
		return 0;
	}
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	const char *rest = s + 4;
	if (*rest && strcmp(rest, "年") && strcmp(rest, "年底") &&
	    strcmp(rest, "年底前") && strcmp(rest, "年前"))
		return -1;
	*year = atoi(s);
	return *year >= 1990 && *year <= 2100 ? 0 : -1;
}

static int digits(const char *s, int dot_ok)
{
	int any = 0, dot = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			any = 1;
		else if (*s == '.' && dot_ok && !dot && any)
			dot = 1;
		else
			return 0;
	}
	return any && s[-1] != '.';
}

/* 目标: one target a line, "label|comparator|value|unit|year|indicator".
 * Returns the number read into out (at most cap), or -1 with *why. */
static int targets(struct app_ctx *ctx, const char *s,
                   struct task_target_rec *out, int cap, const char **why)
{
	char *copy = arena_strdup(ctx->arena, s);
	int n = 0;
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		char *f[6] = { 0 };
		int k = 0;
		char *p = trimmed(ctx, line);
		if (!*p)
			continue;
		if (n >= cap)
			return *why = "too many targets", -1;
		f[k++] = p;
		for (char *q = p; *q && k < 6; q++)
			if (*q == '|') {
				*q = '\0';
				f[k++] = q + 1;
			}
		if (k != 6)
			return *why =
			           "a target needs six parts: label|comparator|"
			           "value|unit|year|indicator",
			       -1;
		static const char *const cmps[] = { ">=", "<=", "=",
			                            ">",  "<",  NULL };
		int ok = 0;
		for (int c = 0; cmps[c]; c++)
			ok |= !strcmp(f[1], cmps[c]);
		if (!ok)
			return *why = "comparator must be >=, <=, =, > or <",
			       -1;
		if (*f[2] && !digits(f[2], 1))
			return *why = "a target's value must be a number", -1;
		if (*f[4] && (!digits(f[4], 0) || strlen(f[4]) != 4))
			return *why = "a target's year must be four digits", -1;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].label = f[0];
		out[n].comparator = f[1];
		out[n].value = *f[2] ? f[2] : NULL;
		out[n].unit = f[3];
		out[n].year = *f[4] ? atoi(f[4]) : 0;
		out[n].indicator_id = *f[5] ? f[5] : NULL;
		n++;
	}
	return n;
}

static int is_header_again(struct app_ctx *ctx, const struct import *im,
                           const struct csv_row *row)
{
	char h[64];
	(void)ctx;
	if (task_duty_clean_name(cell(row, im->col[C_NUMBER]), h, sizeof h))
		return 0;
	for (int j = 0; col_names[C_NUMBER][j]; j++)
		if (!strcmp(h, col_names[C_NUMBER][j]))
			return 1;
	return 0;
}

static int blank(const struct csv_row *row)
{
	for (size_t c = 0; c < row->nfields; c++)
		for (const char *p = row->fields[c]; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				return 0;
	return 1;
}

/* One row inside the import's transaction: 0, or -1 with ctx->err naming
 * the column (its heading). */
static int one_row(struct app_ctx *ctx, struct import *im,
                   const struct csv_row *row)
{
	struct task_rec t = { 0 };
	struct task_duty duties[MAX_DUTIES];
	struct task_target_rec gs[16];
	size_t nd = 0;
	const char *why = NULL;
	int ng;

	t.plan_id = im->plan_id;
	t.number = trimmed(ctx, cell(row, im->col[C_NUMBER]));
	t.section = trimmed(ctx, cell(row, im->col[C_SECTION]));
	t.text = trimmed(ctx, cell(row, im->col[C_TEXT]));
	if (!*t.number)
		return lx_fail(&ctx->err, LX_EINVALID, "序号",
		               "the task's number is empty");
	if (!*t.text)
		return lx_fail(&ctx->err, LX_EINVALID, "重点任务",
		               "the task's text is empty");
	const char *dl = trimmed(ctx, cell(row, im->col[C_DEADLINE]));
	const char *on;
	if (deadline(dl, &t.deadline_year, &on))
		return lx_fail(&ctx->err, LX_EINVALID, "完成时限",
		               "'%s' is not a year (2025, 2025年) or a date "
		               "(2025-12-31)",
		               dl);
	t.deadline_on = (char *)on;
	ng = targets(ctx, cell(row, im->col[C_TARGETS]), gs, 16, &why);
	if (ng < 0)
		return lx_fail(&ctx->err, LX_EINVALID, "目标", "%s", why);
	const char *lead = trimmed(ctx, cell(row, im->col[C_LEAD]));
	const char *duty = trimmed(ctx, cell(row, im->col[C_DUTY]));
	const char *whole =
	    *lead ? arena_printf(ctx->arena, "牵头单位：%s；责任单位：%s", lead,
	                         duty)
	          : duty;
	if (task_duty_parse(whole, im->dir.aliases, im->dir.n_aliases, duties,
	                    MAX_DUTIES, &nd))
		return lx_fail(
		    &ctx->err, LX_EINVALID, *lead ? "牵头单位" : "责任单位",
		    "more than %d departments, or a name too long", MAX_DUTIES);
	if (task_store_task_add(ctx->db, &t, &ctx->err)) {
		if (ctx->err.code == LX_ECONFLICT)
			lx_fail(&ctx->err, LX_EINVALID, "序号",
			        "the plan has a task numbered '%s' already",
			        t.number);
		return -1;
	}
	for (size_t i = 0; i < nd; i++) {
		long long id;
		int created;
		if (task_directory_resolve(ctx, &im->dir, duties[i].name,
		                           duties[i].role, &id, &created))
			return -1;
		if (created)
			json_array_append_new(im->fresh,
			                      json_string(duties[i].name));
		if (task_store_task_dept_add(ctx->db, t.id, id,
		                             task_role_names[duties[i].role],
		                             (int)i, &ctx->err)) {
			/* one department under one role twice: once */
			if (ctx->err.code != LX_ECONFLICT)
				return -1;
			return lx_fail(&ctx->err, LX_EINVALID, "责任单位",
			               "'%s' is named twice", duties[i].name);
		}
	}
	for (int i = 0; i < ng; i++) {
		gs[i].task_id = t.id;
		if (task_store_target_add(ctx->db, &gs[i], &ctx->err))
			return -1;
	}
	return 0;
}

static const char *heading(int c)
{
	return c >= 0 && c < C__MAX ? col_names[c][0] : "";
}

static int import_rows(struct app_ctx *ctx, void *arg)
{
	struct import *im = arg;

	for (size_t i = 1; i < im->t->nrows; i++) {
		const struct csv_row *row = &im->t->rows[i];
		struct lx_error saved = ctx->err;

		/* PDFs and spreadsheets repeat the heading at page breaks */
		if (blank(row) || is_header_again(ctx, im, row))
			continue;
		if (one_row(ctx, im, row))
			import_errors_add(&im->found, row->line,
			                  ctx->err.field[0] ? ctx->err.field
			                                    : heading(C_NUMBER),
			                  ctx->err.message);
		else
			im->imported++;
		ctx->err = saved;
		if (import_still_open(ctx, row->line))
			return -1;
	}
	return import_errors_finish(&im->found, ctx, "task", im->imported);
}

/* The import inside the caller's transaction. */
static int import_tx(struct app_ctx *ctx, long long plan_id, const char *buf,
                     size_t len, json_t **out)
{
	struct import im;
	struct csv_table t;
	struct task_plan_rec p;
	const char *enc = "";

	memset(&im, 0, sizeof(im));
	*out = NULL;
	if (task_plan_visible(ctx, plan_id, &p))
		return -1;
	if (import_table_read(ctx->arena, buf, len, &t, &enc, &ctx->err))
		return -1;
	if (t.nrows < 1)
		return lx_fail(&ctx->err, LX_EINVALID, "row 1",
		               "the file is empty: it needs a header row");
	im.t = &t;
	im.plan_id = plan_id;
	im.found.list = json_array();
	im.fresh = json_array();
	int rc = -1;
	if (header(ctx, &im))
		import_errors_fail(&im.found, ctx);
	else if (!task_directory_load(ctx, p.region, &im.dir) &&
	         !app_transaction(ctx, import_rows, &im))
		rc = 0;
	if (rc == 0) {
		json_decref(im.found.list);
		*out = json_pack("{s:I, s:o, s:s}", "imported",
		                 (json_int_t)im.imported, "new_departments",
		                 im.fresh, "encoding", enc);
		return 0;
	}
	json_decref(im.fresh);
	json_decref(ctx->details);
	json_decref(ctx->details); /* any earlier one is replaced */
	ctx->details = json_pack("{s:o}", "errors", im.found.list);
	return -1;
}

json_t *app_task_import(struct app_ctx *ctx, long long plan_id, const char *buf,
                        size_t len)
{
	json_t *out;

	return import_tx(ctx, plan_id, buf, len, &out) ? NULL : out;
}

/* The responsibility cell written back: leads, participants, joint and
 * local governments, each group with its role word, so task_duty reads
 * the same roles. */
static void duty_cell(struct abuf *b, const struct task_role_rec *rs, size_t nr,
                      long long task_id)
{
	static const char *const words[TASK_ROLE__MAX] = { "牵头", "参加",
		                                           "按职责分工负责",
		                                           "负责" };
	int clauses = 0;
	for (int r = 0; r < TASK_ROLE__MAX; r++) {
		int names = 0;
		for (size_t k = 0; k < nr; k++) {
			if (rs[k].task_id != task_id ||
			    strcmp(rs[k].role, task_role_names[r]))
				continue;
			if (!names && clauses)
				abuf_puts(b, "；");
			if (names)
				abuf_puts(b, "、");
			abuf_puts(b, rs[k].name);
			names++;
		}
		if (names) {
			abuf_puts(b, words[r]);
			clauses++;
		}
	}
}

int app_task_export(struct app_ctx *ctx, long long plan_id, char **text,
                    size_t *len)
{
	struct task_plan_rec p;
	struct task_rec *ts;
	struct task_role_rec *rs;
	struct task_target_rec *gs;
	size_t nt, nr, ng;
	struct abuf b, f;

	if (task_plan_visible(ctx, plan_id, &p) ||
	    task_store_tasks(ctx->db, ctx->arena, plan_id, &ts, &nt,
	                     &ctx->err) ||
	    task_store_task_roles(ctx->db, ctx->arena, plan_id, &rs, &nr,
	                          &ctx->err) ||
	    task_store_targets(ctx->db, ctx->arena, plan_id, &gs, &ng,
	                       &ctx->err))
		return -1;
	abuf_init(&b, ctx->arena);
	abuf_puts(&b, "序号,章节,重点任务,责任单位,完成时限,目标\r\n");
	for (size_t i = 0; i < nt; i++) {
		csv_write_field(&b, ts[i].number);
		abuf_puts(&b, ",");
		csv_write_field(&b, ts[i].section);
		abuf_puts(&b, ",");
		csv_write_field(&b, ts[i].text);
		abuf_puts(&b, ",");
		abuf_init(&f, ctx->arena);
		abuf_puts(&f, "");
		duty_cell(&f, rs, nr, ts[i].id);
		csv_write_field(&b, f.data);
		abuf_puts(&b, ",");
		if (ts[i].deadline_on && ts[i].deadline_on[0])
			csv_write_field(&b, ts[i].deadline_on);
		else if (ts[i].deadline_year)
			abuf_printf(&b, "%d", ts[i].deadline_year);
		abuf_puts(&b, ",");
		abuf_init(&f, ctx->arena);
		abuf_puts(&f, "");
		int lines = 0;
		for (size_t k = 0; k < ng; k++) {
			if (gs[k].task_id != ts[i].id)
				continue;
			if (lines++)
				abuf_puts(&f, "\n");
			abuf_printf(&f, "%s|%s|%s|%s|", gs[k].label,
			            gs[k].comparator,
			            gs[k].value ? gs[k].value : "", gs[k].unit);
			if (gs[k].year)
				abuf_printf(&f, "%d", gs[k].year);
			abuf_printf(&f, "|%s",
			            gs[k].indicator_id ? gs[k].indicator_id
			                               : "");
		}
		csv_write_field(&b, f.data);
		abuf_puts(&b, "\r\n");
	}
	*text = b.data;
	*len = b.len;
	return 0;
}

/* ---- presets ---- */

struct preset {
	const char *region;
	const struct csv_table *depts, *plans;
	task_preset_reader read;
	void *arg;
	json_t *out;
};

static const char *field(const struct csv_table *t, const struct csv_row *row,
                         const char *name)
{
	int c = csv_header_index(t, name);
	return cell(row, c);
}

static int preset_depts(struct app_ctx *ctx, struct preset *ps)
{
	long n = 0;
	for (size_t i = 1; i < ps->depts->nrows; i++) {
		const struct csv_row *row = &ps->depts->rows[i];
		const char *region = field(ps->depts, row, "region");
		if (ps->region && strcmp(region, ps->region))
			continue;
		json_t *aliases = json_array();
		char *al =
		    arena_strdup(ctx->arena, field(ps->depts, row, "aliases"));
		for (char *a = strtok(al, "|"); a; a = strtok(NULL, "|"))
			json_array_append_new(aliases, json_string(a));
		json_t *body = json_pack(
		    "{s:s, s:s, s:s, s:o}", "region", region, "name",
		    field(ps->depts, row, "name"), "kind",
		    field(ps->depts, row, "kind"), "aliases", aliases);
		json_t *out = app_task_department_create(ctx, body);
		json_decref(body);
		if (!out) {
			struct lx_error e = ctx->err;
			return lx_fail(&ctx->err, e.code, e.field,
			               "departments.csv line %ld: %s",
			               row->line, e.message);
		}
		json_decref(out);
		n++;
	}
	json_object_set_new(ps->out, "departments", json_integer(n));
	return 0;
}

static int preset_tx(struct app_ctx *ctx, void *arg)
{
	struct preset *ps = arg;
	json_t *plans = json_object_get(ps->out, "plans");

	if (preset_depts(ctx, ps))
		return -1;
	for (size_t i = 1; i < ps->plans->nrows; i++) {
		const struct csv_row *row = &ps->plans->rows[i];
		const char *region = field(ps->plans, row, "region");
		const char *file = field(ps->plans, row, "file");
		size_t len;
		long long id;
		json_t *out;

		if (ps->region && strcmp(region, ps->region))
			continue;
		json_t *body =
		    json_pack("{s:s, s:s, s:s, s:s, s:s}", "region", region,
		              "title", field(ps->plans, row, "title"), "number",
		              field(ps->plans, row, "number"), "issued_on",
		              field(ps->plans, row, "issued_on"), "source",
		              field(ps->plans, row, "source"));
		int rc = app_task_plan_create_tx(ctx, body, &id);
		json_decref(body);
		if (rc)
			return -1;
		char *buf = ps->read(ctx, ps->arg, file, &len);
		if (!buf)
			return lx_fail(&ctx->err, LX_EINVALID, "file",
			               "cannot read the preset '%s'", file);
		if (import_tx(ctx, id, buf, len, &out)) {
			struct lx_error e = ctx->err;
			return lx_fail(&ctx->err, e.code, e.field, "%s: %s",
			               file, e.message);
		}
		json_array_append_new(
		    plans, json_pack("{s:I, s:s, s:O}", "id", (json_int_t)id,
		                     "file", file, "imported",
		                     json_object_get(out, "imported")));
		json_decref(out);
	}
	return 0;
}

json_t *app_task_preset(struct app_ctx *ctx, const char *region,
                        const char *departments_csv, size_t dlen,
                        const char *plans_csv, size_t plen,
                        task_preset_reader read, void *arg)
{
	struct csv_table d, p;
	struct preset ps = { region, &d, &p, read, arg, NULL };

	if (csv_parse(ctx->arena, departments_csv, dlen, &d, &ctx->err) ||
	    csv_parse(ctx->arena, plans_csv, plen, &p, &ctx->err))
		return NULL;
	ps.out = json_pack("{s:s?, s:[]}", "region", region, "plans");
	if (app_transaction(ctx, preset_tx, &ps)) {
		json_decref(ps.out);
		return NULL;
	}
	return ps.out;
}
