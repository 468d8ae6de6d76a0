#include "app/xlsx_read.h"

#include "core/xlsx_cell.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* What the reader learns from the parts before the sheet. */
struct book {
	struct arena *a;
	zip_t *zip;
	size_t inflated; /* bytes inflated so far, all parts */
	int date1904;
	char *sheet_rid;  /* r:id of the first <sheet> */
	char *sheet_path; /* its part, from the workbook's relationships */
	char **strings;   /* shared strings */
	size_t nstrings, capstrings;
	unsigned char *xf_date; /* per cellXfs index: a date format */
	size_t nxf, capxf;
	struct {
		int id;
		char *code;
	} * fmts;
	size_t nfmts, capfmts;
	struct lx_error *err;
	int failed;
};

/* One part's parse: the handlers see this. */
struct part {
	struct book *b;
	XML_Parser xp;
	int depth;
	/* text being collected (a shared string, a cell's <v> or <t>) */
	struct abuf text;
	int collecting, in_phonetic;
	/* styles */
	int in_cellxfs;
	/* sheet */
	long row_no;    /* the current row's number */
	long last_row;  /* the previous row's number */
	long col;       /* the current cell's column, 0-based */
	long next_col;  /* where a cell without r goes */
	char ctype[12]; /* t of the current cell */
	long cstyle;    /* s of the current cell */
	int in_v, in_is;
	char *value;  /* the current cell's text */
	char **cells; /* the current row */
	size_t ncells, capcells;
	int row_has_value;
	struct csv_row *rows;
	size_t nrows, caprows;
	size_t ncells_all; /* cells of the rows kept */
};

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

static void fail(struct part *p, const char *msg)
{
	if (!p->b->failed)
		lx_fail(p->b->err, LX_EINVALID, "file", "%s", msg);
	p->b->failed = 1;
	XML_StopParser(p->xp, XML_FALSE);
}

/* Excel writes characters XML cannot hold as _xHHHH_ (a carriage return
 * is _x000D_); decoded in place, as UTF-8. */
static char *unescape(struct arena *a, const char *s)
{
	struct abuf o;

	if (!strstr(s, "_x"))
		return arena_strdup(a, s);
	abuf_init(&o, a);
	while (*s) {
		unsigned v = 0;
		/* each byte looked at only after the one before it was no
		 * NUL: the text may end anywhere */
		int ok = s[0] == '_' && s[1] == 'x' && s[2] && s[3] && s[4] &&
		         s[5] && s[6] == '_';

		for (int i = 2; ok && i < 6; i++) {
			char c = s[i];

			v = v * 16 +
			    (unsigned)(c >= '0' && c <= '9'   ? c - '0'
			               : c >= 'a' && c <= 'f' ? c - 'a' + 10
			               : c >= 'A' && c <= 'F' ? c - 'A' + 10
			                                      : (ok = 0));
		}
		/* NUL and lone surrogates are no characters: kept as
		 * written */
		if (!ok || v == 0 || (v >= 0xD800 && v <= 0xDFFF)) {
			abuf_append(&o, s++, 1);
			continue;
		}
		if (v == '\r') {
			/* Windows line ends in a multi-line cell read as
			 * the LF the CSV reader gives */
		} else if (v < 0x80) {
			char c = (char)v;

			abuf_append(&o, &c, 1);
		} else {
			char u[3];
			int k = v < 0x800 ? 2 : 3;

			if (k == 2) {
				u[0] = (char)(0xC0 | (v >> 6));
				u[1] = (char)(0x80 | (v & 0x3F));
			} else {
				u[0] = (char)(0xE0 | (v >> 12));
				u[1] = (char)(0x80 | ((v >> 6) & 0x3F));
				u[2] = (char)(0x80 | (v & 0x3F));
			}
			abuf_append(&o, u, (size_t)k);
		}
		s += 7;
	}
	return o.data;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct part *p = ud;

	if (p->collecting && !p->in_phonetic)
		abuf_append(&p->text, s, (size_t)len);
}

static void start_text(struct part *p)
{
	abuf_init(&p->text, p->b->a);
	p->collecting = 1;
}

/* ---- workbook, relationships, shared strings, styles ---- */

static void XMLCALL workbook_start(void *ud, const XML_Char *name,
                                   const XML_Char **atts)
{
	struct part *p = ud;
	const char *n = local(name);

	if (!strcmp(n, "sheet") && !p->b->sheet_rid) {
		const char *id = attr(atts, "id");

		p->b->sheet_rid = arena_strdup(p->b->a, id ? id : "");
	} else if (!strcmp(n, "workbookPr")) {
		const char *d = attr(atts, "date1904");

		p->b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	}
}

static void XMLCALL rels_start(void *ud, const XML_Char *name,
                               const XML_Char **atts)
{
	struct part *p = ud;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");

	if (strcmp(local(name), "Relationship") || !id || !target ||
	    !p->b->sheet_rid || strcmp(id, p->b->sheet_rid))
		return;
	if (target[0] == '/')
		p->b->sheet_path = arena_strdup(p->b->a, target + 1);
	else
		p->b->sheet_path = arena_printf(p->b->a, "xl/%s", target);
}

static void XMLCALL strings_start(void *ud, const XML_Char *name,
                                  const XML_Char **atts)
{
	struct part *p = ud;
	const char *n = local(name);

	if (!strcmp(n, "si"))
		start_text(p);
	else if (!strcmp(n, "rPh"))
		p->in_phonetic = 1;
}

static void XMLCALL strings_end(void *ud, const XML_Char *name)
{
	struct part *p = ud;
	struct book *b = p->b;
	const char *n = local(name);

	if (!strcmp(n, "rPh")) {
		p->in_phonetic = 0;
	} else if (!strcmp(n, "si")) {
		b->strings = arena_grow(b->a, b->strings, b->nstrings,
		                        &b->capstrings, sizeof(*b->strings));
		b->strings[b->nstrings++] = unescape(b->a, p->text.data);
		p->collecting = 0;
	}
}

static void XMLCALL styles_start(void *ud, const XML_Char *name,
                                 const XML_Char **atts)
{
	struct part *p = ud;
	struct book *b = p->b;
	const char *n = local(name);

	if (!strcmp(n, "numFmt")) {
		const char *id = attr(atts, "numFmtId"),
		           *code = attr(atts, "formatCode");

		b->fmts = arena_grow(b->a, b->fmts, b->nfmts, &b->capfmts,
		                     sizeof(*b->fmts));
		b->fmts[b->nfmts].id = id ? atoi(id) : -1;
		b->fmts[b->nfmts++].code = arena_strdup(b->a, code ? code : "");
	} else if (!strcmp(n, "cellXfs")) {
		p->in_cellxfs = 1;
	} else if (!strcmp(n, "xf") && p->in_cellxfs) {
		const char *id = attr(atts, "numFmtId");
		int fid = id ? atoi(id) : 0;
		const char *code = NULL;

		for (size_t i = 0; i < b->nfmts; i++)
			if (b->fmts[i].id == fid)
				code = b->fmts[i].code;
		b->xf_date = arena_grow(b->a, b->xf_date, b->nxf, &b->capxf, 1);
		b->xf_date[b->nxf++] =
		    (unsigned char)xlsx_format_is_date(fid, code);
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct part *p = ud;

	if (!strcmp(local(name), "cellXfs"))
		p->in_cellxfs = 0;
}

/* ---- the sheet ---- */

/* "C5" -> column 2; -1 when the reference has no letters or too many. */
static long ref_column(const char *r)
{
	long c = 0;
	int n = 0;

	for (; *r >= 'A' && *r <= 'Z'; r++, n++)
		c = c * 26 + (*r - 'A' + 1);
	return n == 0 || n > 3 ? -1 : c - 1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name,
                                const XML_Char **atts)
{
	struct part *p = ud;
	const char *n = local(name);

	if (!strcmp(n, "row")) {
		const char *r = attr(atts, "r");

		p->row_no = r ? atol(r) : p->last_row + 1;
		if (p->row_no <= p->last_row)
			p->row_no = p->last_row + 1;
		p->ncells = 0;
		p->next_col = 0;
		p->row_has_value = 0;
	} else if (!strcmp(n, "c")) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"),
		           *s = attr(atts, "s");

		p->col = r ? ref_column(r) : p->next_col;
		if (p->col < 0 || p->col >= XLSX_MAX_COLUMNS) {
			fail(p, "a cell lies beyond the last column a "
			        "worksheet may have (XFD)");
			return;
		}
		snprintf(p->ctype, sizeof(p->ctype), "%s", t ? t : "n");
		p->cstyle = s ? atol(s) : 0;
		p->value = NULL;
	} else if (!strcmp(n, "v")) {
		p->in_v = 1;
		start_text(p);
	} else if (!strcmp(n, "is")) {
		p->in_is = 1;
		start_text(p);
	} else if (!strcmp(n, "rPh")) {
		p->in_phonetic = 1;
	}
}

/* The cell's text as the sheet shows it. */
static char *cell_text(struct part *p, const char *v)
{
	struct book *b = p->b;
	char buf[160];

	if (!strcmp(p->ctype, "s")) {
		char *end;
		long i = strtol(v, &end, 10);

		if (*end || i < 0 || (size_t)i >= b->nstrings) {
			fail(p, "a cell refers to a shared string the "
			        "workbook does not have");
			return NULL;
		}
		return b->strings[i];
	}
	if (!strcmp(p->ctype, "b"))
		return arena_strdup(b->a, strcmp(v, "1") ? "false" : "true");
	if (!strcmp(p->ctype, "n") || !strcmp(p->ctype, "")) {
		if (p->cstyle >= 0 && (size_t)p->cstyle < b->nxf &&
		    b->xf_date[p->cstyle] &&
		    !xlsx_serial_date(v, b->date1904, buf))
			return arena_strdup(b->a, buf);
		if (!xlsx_number_text(v, buf, sizeof(buf)))
			return arena_strdup(b->a, buf);
	}
	/* str (a formula's text), e (an error such as #N/A), d (an ISO
	 * date), or a number we could not read: as written */
	return unescape(b->a, v);
}

static void put_cell(struct part *p, char *text)
{
	struct book *b = p->b;

	while (p->ncells <= (size_t)p->col) {
		p->cells = arena_grow(b->a, p->cells, p->ncells, &p->capcells,
		                      sizeof(*p->cells));
		p->cells[p->ncells++] = "";
	}
	p->cells[p->col] = text;
	if (*text)
		p->row_has_value = 1;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct part *p = ud;
	struct book *b = p->b;
	const char *n = local(name);

	if (!strcmp(n, "v") && p->in_v) {
		p->in_v = 0;
		p->collecting = 0;
		p->value = cell_text(p, p->text.data);
	} else if (!strcmp(n, "is") && p->in_is) {
		p->in_is = 0;
		p->collecting = 0;
		p->value = unescape(b->a, p->text.data);
	} else if (!strcmp(n, "rPh")) {
		p->in_phonetic = 0;
	} else if (!strcmp(n, "c")) {
		if (p->value)
			put_cell(p, p->value);
		p->next_col = p->col + 1;
	} else if (!strcmp(n, "row")) {
		p->last_row = p->row_no;
		if (!p->row_has_value)
			return;
		p->ncells_all += p->ncells;
		if (p->ncells_all > XLSX_MAX_CELLS) {
			char msg[120];

			snprintf(msg, sizeof(msg),
			         "the worksheet has more than %d cells: split "
			         "it into several files",
			         XLSX_MAX_CELLS);
			fail(p, msg);
			return;
		}
		if (p->nrows >= XLSX_MAX_ROWS) {
			char msg[120];

			snprintf(msg, sizeof(msg),
			         "the worksheet has more than %d rows: split "
			         "it into several files",
			         XLSX_MAX_ROWS);
			fail(p, msg);
			return;
		}
		p->rows = arena_grow(b->a, p->rows, p->nrows, &p->caprows,
		                     sizeof(*p->rows));
		p->rows[p->nrows].nfields = p->ncells;
		p->rows[p->nrows].fields =
		    arena_memdup(b->a, p->cells, p->ncells * sizeof(char *));
		p->rows[p->nrows++].line = p->row_no;
	}
}

/* ---- reading a part ---- */

/* Inflates the part name (absent: 0 when optional) through the parser,
 * counting every byte against XLSX_MAX_INFLATED. */
static int read_part(struct book *b, struct part *p, const char *name,
                     int optional, XML_StartElementHandler start,
                     XML_EndElementHandler end)
{
	zip_int64_t idx = zip_name_locate(b->zip, name, ZIP_FL_NOCASE);
	zip_file_t *f;
	char chunk[1 << 16];
	int ret = 0;

	if (idx < 0) {
		if (optional)
			return 0;
		return lx_fail(b->err, LX_EINVALID, "file",
		               "the file is not an Excel workbook (.xlsx): it "
		               "has no part '%.100s'",
		               name);
	}
	f = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
	if (!f)
		return lx_fail(b->err, LX_EINVALID, "file",
		               "the workbook is damaged: part '%.100s' cannot "
		               "be opened",
		               name);
	p->b = b;
	p->xp = XML_ParserCreate("UTF-8");
	XML_SetUserData(p->xp, p);
	XML_SetElementHandler(p->xp, start, end);
	XML_SetCharacterDataHandler(p->xp, on_text);
	for (;;) {
		zip_int64_t got = zip_fread(f, chunk, sizeof(chunk));

		if (got < 0) {
			ret = lx_fail(b->err, LX_EINVALID, "file",
			              "the workbook is damaged: part '%.100s' "
			              "cannot be read",
			              name);
			break;
		}
		b->inflated += (size_t)got;
		if (b->inflated > XLSX_MAX_INFLATED) {
			ret =
			    lx_fail(b->err, LX_EINVALID, "file",
			            "the workbook unpacks to more than %d MB: "
			            "split it into several files",
			            XLSX_MAX_INFLATED >> 20);
			break;
		}
		if (XML_Parse(p->xp, chunk, (int)got, got == 0) !=
		    XML_STATUS_OK) {
			if (!b->failed)
				lx_fail(
				    b->err, LX_EINVALID, "file",
				    "the workbook is damaged: part '%.100s' "
				    "line %lu: %s",
				    name,
				    (unsigned long)XML_GetCurrentLineNumber(
				        p->xp),
				    XML_ErrorString(XML_GetErrorCode(p->xp)));
			ret = -1;
			break;
		}
		if (got == 0)
			break;
	}
	XML_ParserFree(p->xp);
	zip_fclose(f);
	return ret;
}

int xlsx_looks_like(const char *buf, size_t n)
{
	return n >= 4 && !memcmp(buf, "PK\x03\x04", 4);
}

int xlsx_read(struct arena *a, const char *buf, size_t n, struct csv_table *out,
              struct lx_error *err)
{
	struct book b = { .a = a, .err = err };
	struct part wb = { 0 }, rels = { 0 }, ss = { 0 }, st = { 0 },
	            sh = { 0 };
	zip_source_t *src;
	zip_error_t ze;
	int ret = -1;

	out->nrows = 0;
	out->rows = NULL;
	zip_error_init(&ze);
	src = zip_source_buffer_create(buf, n, 0, &ze);
	if (src)
		b.zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!b.zip) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return lx_fail(err, LX_EINVALID, "file",
		               "the file is not an Excel workbook (.xlsx) or "
		               "is damaged: save it again as .xlsx or .csv");
	}
	zip_error_fini(&ze);
	if (read_part(&b, &wb, "xl/workbook.xml", 0, workbook_start, NULL) ||
	    read_part(&b, &rels, "xl/_rels/workbook.xml.rels", 1, rels_start,
	              NULL) ||
	    read_part(&b, &ss, "xl/sharedStrings.xml", 1, strings_start,
	              strings_end) ||
	    read_part(&b, &st, "xl/styles.xml", 1, styles_start, styles_end))
		goto done;
	if (!b.sheet_path)
		b.sheet_path = "xl/worksheets/sheet1.xml";
	if (read_part(&b, &sh, b.sheet_path, 0, sheet_start, sheet_end))
		goto done;
	out->rows = sh.rows;
	out->nrows = sh.nrows;
	ret = 0;
done:
	zip_discard(b.zip);
	return ret;
}
