#include "app/payee_bank.h"
#include "app/xlsx_file.h"

#include "app/indicators.h"
#include "app/params.h"
#include "app/payee.h"
#include "app/payee_template.h"
#include "app/people.h"
#include "app/pii.h"
#include "app/policy.h"
#include "core/csv.h"
#include "core/id_number.h"
#include "core/media_type.h"
#include "core/payee.h"
#include "store/payee_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int payee_bank_opts_take(struct app_ctx *ctx, json_t *params,
                         struct payee_bank_opts *o)
{
	const char *f = param_str(params, "format");
	const char *e = param_str(params, "encoding");
	const char *t = param_str(params, "template");

	memset(o, 0, sizeof(*o));
	o->format = arena_strdup(ctx->arena, f && *f ? f : "csv");
	o->encoding = e && *e ? arena_strdup(ctx->arena, e) : NULL;
	o->template_name = t && *t ? arena_strdup(ctx->arena, t) : NULL;
	json_object_del(params, "format");
	json_object_del(params, "encoding");
	json_object_del(params, "template");
	if (strcmp(o->format, "csv") && strcmp(o->format, "xlsx") &&
	    strcmp(o->format, "summary"))
		return lx_fail(&ctx->err, LX_EINVALID, "format",
		               "'format' must be csv, xlsx or summary");
	if (o->encoding && !strcmp(o->encoding, "utf8"))
		o->encoding = "utf-8";
	if (o->encoding && !strcmp(o->encoding, "gbk"))
		o->encoding = "gb18030";
	if (o->encoding && strcmp(o->encoding, "utf-8") &&
	    strcmp(o->encoding, "gb18030"))
		return lx_fail(&ctx->err, LX_EINVALID, "encoding",
		               "'encoding' must be utf-8 or gb18030");
	return 0;
}

/* A payee as its bank row needs it. */
struct payee_line {
	const char *name, *id_number, *account, *bank, *branch, *kind_label;
	const char *beneficiary_name, *scheme_name;
};

/* The Chinese name of a scheme, looked up once per scheme in the policy
 * of the first region that pays it. */
static const char *scheme_name(struct app_ctx *ctx, json_t *cache,
                               const char *scheme, const char *region)
{
	json_t *v = json_object_get(cache, scheme);
	struct policy_view view;
	const struct subsidy_scheme *s;
	struct lx_error saved = ctx->err;

	if (v)
		return json_string_value(v);
	if (app_policy_view(ctx, region, &view) ||
	    !(s = policy_view_scheme(&view, scheme))) {
		ctx->err = saved;
		json_object_set_new(cache, scheme, json_string(scheme));
	} else {
		json_object_set_new(cache, scheme, json_string(s->name_zh));
	}
	return json_string_value(json_object_get(cache, scheme));
}

static const char *cell_text(struct app_ctx *ctx, enum payee_field f,
                             size_t seq, const struct payee_due *d,
                             const struct payee_line *p)
{
	char y[32];

	switch (f) {
	case PF_SEQ:
		return arena_printf(ctx->arena, "%zu", seq);
	case PF_NAME:
		return p->name;
	case PF_ID_NUMBER:
		return p->id_number;
	case PF_ACCOUNT:
		return p->account;
	case PF_BANK:
		return p->bank;
	case PF_BRANCH:
		return p->branch;
	case PF_ACCOUNT_KIND:
		return p->kind_label;
	case PF_YUAN:
		return arena_strdup(ctx->arena, payee_yuan2(d->fen, y));
	case PF_FEN:
		return arena_printf(ctx->arena, "%lld", (long long)d->fen);
	case PF_REMARK:
		return strcmp(p->name, p->beneficiary_name)
		           ? arena_printf(ctx->arena, "%s %s 代%s领取",
		                          p->scheme_name, d->period,
		                          p->beneficiary_name)
		           : arena_printf(ctx->arena, "%s %s", p->scheme_name,
		                          d->period);
	case PF_SCHEME:
		return d->scheme;
	case PF_SCHEME_NAME:
		return p->scheme_name;
	case PF_PERIOD:
		return d->period;
	case PF_BENEFICIARY_KIND:
		return d->kind;
	case PF_BENEFICIARY_ID:
		return arena_printf(ctx->arena, "%lld", d->id);
	case PF_BENEFICIARY_NAME:
		return p->beneficiary_name;
	case PF_REGION:
		return d->region;
	case PF_REASON:
		return d->reason ? d->reason : "";
	case PF_EMPTY:
	case PF__MAX:
		break;
	}
	return "";
}

static const char *fill(struct app_ctx *ctx, const char *cell, size_t rows,
                        int64_t total)
{
	struct abuf b;
	char y[32];

	abuf_init(&b, ctx->arena);
	abuf_puts(&b, "");
	for (const char *c = cell; *c;) {
		if (!strncmp(c, "{count}", 7)) {
			abuf_printf(&b, "%zu", rows);
			c += 7;
		} else if (!strncmp(c, "{total}", 7)) {
			abuf_puts(&b, payee_yuan2(total, y));
			c += 7;
		} else if (!strncmp(c, "{date}", 6)) {
			abuf_puts(&b, ctx->today);
			c += 6;
		} else {
			abuf_append(&b, c, 1);
			c++;
		}
	}
	return b.data;
}

/* The file as a grid of cells: head rows, the header, the payees, the
 * foot rows. */
struct grid {
	size_t nrows, cap;
	const char ***cells;
	size_t *len;
};

static void grid_add(struct arena *a, struct grid *g, const char **cells,
                     size_t n)
{
	size_t cap = g->cap;

	g->cells =
	    arena_grow(a, g->cells, g->nrows, &g->cap, sizeof(*g->cells));
	g->len = arena_grow(a, g->len, g->nrows, &cap, sizeof(*g->len));
	g->cells[g->nrows] = cells;
	g->len[g->nrows++] = n;
}

static void grid_fixed(struct app_ctx *ctx, struct grid *g,
                       const char *const *const *rows, const size_t *lens,
                       size_t n, size_t count, int64_t total)
{
	for (size_t i = 0; i < n; i++) {
		const char **c =
		    arena_alloc(ctx->arena, (lens[i] + 1) * sizeof(*c));

		for (size_t k = 0; k < lens[i]; k++)
			c[k] = fill(ctx, rows[i][k], count, total);
		grid_add(ctx->arena, g, c, lens[i]);
	}
}

static int render_csv(struct app_ctx *ctx, const struct grid *g,
                      const char *encoding, struct payee_bank_file *out)
{
	struct abuf b;

	abuf_init(&b, ctx->arena);
	if (!strcmp(encoding, "utf-8"))
		abuf_puts(&b, "\xEF\xBB\xBF");
	for (size_t r = 0; r < g->nrows; r++) {
		for (size_t c = 0; c < g->len[r]; c++) {
			if (c)
				abuf_puts(&b, ",");
			csv_write_field(&b, g->cells[r][c]);
		}
		abuf_puts(&b, "\r\n");
	}
	out->content_type = !strcmp(encoding, "utf-8")
	                        ? "text/csv; charset=utf-8"
	                        : "text/csv; charset=gb18030";
	out->ext = "csv";
	if (!strcmp(encoding, "gb18030"))
		return payee_to_gb18030(ctx->arena, b.data, b.len, &out->data,
		                        &out->len, &ctx->err);
	out->data = b.data;
	out->len = b.len;
	return 0;
}

/* libxlsxwriter writes to a file; the bytes are read back into the arena
 * and the file removed. Every cell is text: an account or ID number as a
 * number would lose digits, and an amount as a binary double is not the
 * exact decimal the ledger holds. */
static int render_xlsx(struct app_ctx *ctx, const struct grid *g,
                       size_t header_row, struct payee_bank_file *out)
{
	struct xlsx_file x;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *text, *head;

	if (xlsx_file_open(ctx, &x, 0))
		return -1;
	wb = x.wb;
	ws = workbook_add_worksheet(wb, "代发明细");
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	head = workbook_add_format(wb);
	format_set_num_format(head, "@");
	format_set_bold(head);
	worksheet_set_column(ws, 0, 20, 20, text);
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < g->len[r]; c++)
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
			                       g->cells[r][c],
			                       r == header_row ? head : text);
	if (xlsx_file_close(ctx, &x, &out->data, &out->len))
		return -1;
	out->content_type = MEDIA_TYPE_XLSX;
	out->ext = "xlsx";
	return 0;
}

/* The accounts of the rows' payees, by kind: sorted by owner id. */
struct accounts {
	struct payee_row *v[3];
	size_t n[3];
	struct payee_owner_row *o[3]; /* who they are */
	size_t no[3];
};

static const char *const kinds[3] = { "person", "institution", "provider" };

static int load_accounts(struct app_ctx *ctx, const struct payee_due *rows,
                         size_t n, struct accounts *acc)
{
	for (int k = 0; k < 3; k++) {
		long long *ids =
		    arena_alloc(ctx->arena, (n + 1) * sizeof(*ids));
		size_t nids = 0;

		for (size_t i = 0; i < n; i++)
			if (!strcmp(rows[i].kind, kinds[k]))
				ids[nids++] = rows[i].id;
		acc->v[k] = NULL;
		acc->n[k] = 0;
		acc->o[k] = NULL;
		acc->no[k] = 0;
		if (nids &&
		    (payee_store_of(ctx->db, ctx->arena, kinds[k], ids, nids,
		                    &acc->v[k], &acc->n[k], &ctx->err) ||
		     payee_store_owners(ctx->db, ctx->arena, kinds[k], ids,
		                        nids, &acc->o[k], &acc->no[k],
		                        &ctx->err)))
			return -1;
	}
	return 0;
}

static const struct payee_row *account_of(const struct accounts *acc,
                                          const char *kind, long long id)
{
	for (int k = 0; k < 3; k++) {
		size_t lo = 0, hi = acc->n[k];

		if (strcmp(kind, kinds[k]))
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (acc->v[k][mid].owner_id < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < acc->n[k] && acc->v[k][lo].owner_id == id
		           ? &acc->v[k][lo]
		           : NULL;
	}
	return NULL;
}

/* Who a row's payee is, from the owners loaded with the accounts: the
 * name, the ID number (opened) and its masked form, the region. */
static void owner_of(struct app_ctx *ctx, const struct accounts *acc,
                     const struct payee_due *d, struct payee_owner *w)
{
	*w = (struct payee_owner){ "", "", "", d->region };
	for (int k = 0; k < 3; k++) {
		size_t lo = 0, hi = acc->no[k];
		const struct payee_owner_row *o;

		if (strcmp(d->kind, kinds[k]))
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (acc->o[k][mid].owner_id < d->id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == acc->no[k] || acc->o[k][lo].owner_id != d->id)
			return;
		o = &acc->o[k][lo];
		w->name = o->name ? o->name : "";
		w->region = o->region;
		if (o->id_sealed) {
			char *plain = pii_open(ctx->keys, ctx->arena,
			                       o->id_sealed, o->id_sealed_len);
			char masked[24];

			if (plain) {
				id_number_mask(plain, masked, sizeof(masked));
				w->id_number = plain;
				w->id_masked = arena_strdup(ctx->arena, masked);
			}
		} else {
			w->id_number = o->id_plain;
			w->id_masked = o->id_plain;
		}
		return;
	}
}

int payee_bank_render(struct app_ctx *ctx, const struct payee_bank_opts *o,
                      struct payee_due *rows, size_t n,
                      struct payee_bank_file *out)
{
	struct payee_template *tv;
	const struct payee_template *t;
	size_t ntv, header_row = 0;
	struct accounts acc;
	struct grid g = { 0 };
	json_t *names = json_object();
	const char **hdr;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->exceptions = json_array();
	if (!app_may_unmask(ctx)) {
		lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		        "the bank file holds full ID and account numbers: only "
		        "roles that may see them produce it");
		goto done;
	}
	if (!ctx->keys) {
		lx_fail(&ctx->err, LX_EINTERNAL, "",
		        "the personal-data key is not loaded");
		goto done;
	}
	if (payee_templates_load(ctx->arena, policy_set_dir(ctx->policies), &tv,
	                         &ntv, &ctx->err) ||
	    !(t = payee_template_find(tv, ntv, o->template_name, &ctx->err)) ||
	    load_accounts(ctx, rows, n, &acc))
		goto done;
	out->template_name = t->name;
	out->internal = t->internal;
	out->encoding = o->encoding ? o->encoding : t->encoding;
	/* the payees first: the head rows may give the count and total */
	{
		const char ***body =
		    arena_alloc(ctx->arena, (n + 1) * sizeof(*body));
		size_t nb = 0;

		for (size_t i = 0; i < n; i++) {
			struct payee_due *d = &rows[i];
			const struct payee_row *a =
			    account_of(&acc, d->kind, d->id);
			struct payee_owner w;
			struct payee_line p;
			char *acct;
			int k;

			if (!a && out->nexceptions++ >= PAYEE_MISSING_LISTED)
				continue; /* counted; the list stops there */
			owner_of(ctx, &acc, d, &w);
			if (!a) {
				char y[32];

				json_array_append_new(
				    out->exceptions,
				    json_pack("{s:s, s:I, s:s, s:s, s:s, s:s,"
				              " s:s, s:I, s:s, s:s}",
				              "beneficiary_kind", d->kind,
				              "beneficiary_id",
				              (json_int_t)d->id, "name", w.name,
				              "id_masked", w.id_masked,
				              "region", d->region, "scheme",
				              d->scheme, "period", d->period,
				              "fen", (json_int_t)d->fen, "yuan",
				              payee_yuan2(d->fen, y), "reason",
				              "无收款账户"));
				continue;
			}
			acct =
			    pii_open(ctx->keys, ctx->arena, a->account_sealed,
			             a->account_sealed_len);
			if (!acct) {
				lx_fail(&ctx->err, LX_EINTERNAL, "",
				        "the account of %s %lld cannot be "
				        "opened with this key",
				        d->kind, d->id);
				goto done;
			}
			k = enum_lookup(&payee_account_kind_names,
			                a->account_kind);
			p.name = a->holder_name;
			p.id_number = a->holder_sealed
			                  ? pii_open(ctx->keys, ctx->arena,
			                             a->holder_sealed,
			                             a->holder_sealed_len)
			                  : w.id_number;
			if (!p.id_number)
				p.id_number = "";
			p.account = acct;
			p.bank = a->bank;
			p.branch = a->branch;
			p.kind_label =
			    k >= 0 ? payee_account_kind_names.labels_zh[k] : "";
			p.beneficiary_name = w.name;
			p.scheme_name =
			    scheme_name(ctx, names, d->scheme, d->region);
			d->included = 1;
			out->rows++;
			out->total += d->fen;
			body[nb] = arena_alloc(ctx->arena, (t->ncolumns + 1) *
			                                       sizeof(**body));
			for (size_t c = 0; c < t->ncolumns; c++)
				body[nb][c] = cell_text(
				    ctx, t->columns[c].field, out->rows, d, &p);
			nb++;
		}
		if (!strcmp(o->format, "summary")) {
			ret = 0;
			goto done;
		}
		grid_fixed(ctx, &g, t->head, t->head_len, t->nhead, out->rows,
		           out->total);
		header_row = g.nrows;
		hdr = arena_alloc(ctx->arena, (t->ncolumns + 1) * sizeof(*hdr));
		for (size_t c = 0; c < t->ncolumns; c++)
			hdr[c] = t->columns[c].header;
		grid_add(ctx->arena, &g, hdr, t->ncolumns);
		for (size_t i = 0; i < nb; i++)
			grid_add(ctx->arena, &g, body[i], t->ncolumns);
		grid_fixed(ctx, &g, t->foot, t->foot_len, t->nfoot, out->rows,
		           out->total);
	}
	ret = !strcmp(o->format, "xlsx")
	          ? render_xlsx(ctx, &g, header_row, out)
	          : render_csv(ctx, &g, out->encoding, out);
done:
	json_decref(names);
	if (ret) {
		json_decref(out->exceptions);
		out->exceptions = NULL;
	}
	return ret;
}

json_t *payee_bank_summary(struct app_ctx *ctx, struct payee_bank_file *f)
{
	struct payee_template *tv;
	size_t ntv;
	json_t *templates = json_array();
	char y[32];
	struct lx_error e = { 0 };

	if (!payee_templates_load(ctx->arena, policy_set_dir(ctx->policies),
	                          &tv, &ntv, &e))
		for (size_t i = 0; i < ntv; i++)
			json_array_append_new(
			    templates,
			    json_pack("{s:s, s:s, s:s, s:b}", "name",
			              tv[i].name, "label", tv[i].label,
			              "encoding", tv[i].encoding, "internal",
			              tv[i].internal));
	{
		json_t *out = json_pack(
		    "{s:I, s:I, s:s, s:o, s:I, s:s?, s:s?, s:o}", "rows",
		    (json_int_t)f->rows, "total_fen", (json_int_t)f->total,
		    "total_yuan", payee_yuan2(f->total, y), "exceptions",
		    f->exceptions ? f->exceptions : json_array(),
		    "exceptions_count", (json_int_t)f->nexceptions, "template",
		    f->template_name, "encoding", f->encoding, "templates",
		    templates);

		f->exceptions = NULL;
		return out;
	}
}
