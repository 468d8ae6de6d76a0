#include "app/payee_template.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const field_names[PF__MAX] = {
	"seq",
	"name",
	"id_number",
	"account",
	"bank",
	"branch",
	"account_kind",
	"yuan",
	"fen",
	"remark",
	"scheme",
	"scheme_name",
	"period",
	"beneficiary_kind",
	"beneficiary_id",
	"beneficiary_name",
	"region",
	"reason",
	"empty",
};

const char *payee_field_name(enum payee_field f)
{
	return f < PF__MAX ? field_names[f] : "";
}

static int field_lookup(const char *s)
{
	for (int i = 0; s && i < PF__MAX; i++)
		if (!strcmp(field_names[i], s))
			return i;
	return -1;
}

static int only_json(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && d->d_name[0] != '.' &&
	       !strcmp(d->d_name + n - 5, ".json");
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* A cell of a head or foot row: text with {count}, {total} or {date}. */
static int placeholders_ok(const char *s)
{
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{'))
		if (strncmp(p, "{count}", 7) && strncmp(p, "{total}", 7) &&
		    strncmp(p, "{date}", 6))
			return 0;
	return 1;
}

static int read_rows(struct arena *a, const char *file, const char *key,
                     json_t *v, const char *const ***rows, size_t **lens,
                     size_t *n, struct lx_error *err)
{
	size_t i, k;
	json_t *row, *c;

	*n = 0;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return lx_fail(err, LX_EINVALID, "",
		               "%s: %s: must be a list of rows", file, key);
	*rows = arena_alloc(a, (json_array_size(v) + 1) * sizeof(**rows));
	*lens = arena_alloc(a, (json_array_size(v) + 1) * sizeof(**lens));
	json_array_foreach(v, i, row)
	{
		const char **cells;

		if (!json_is_array(row))
			return lx_fail(err, LX_EINVALID, "",
			               "%s: %s[%zu]: must be a list of cells",
			               file, key, i);
		cells =
		    arena_alloc(a, (json_array_size(row) + 1) * sizeof(*cells));
		json_array_foreach(row, k, c)
		{
			if (!json_is_string(c) ||
			    !placeholders_ok(json_string_value(c)))
				return lx_fail(
				    err, LX_EINVALID, "",
				    "%s: %s[%zu][%zu]: must be text, with "
				    "{count}, {total} or {date} only",
				    file, key, i, k);
			cells[k] = arena_strdup(a, json_string_value(c));
		}
		(*rows)[i] = cells;
		(*lens)[i] = json_array_size(row);
	}
	*n = json_array_size(v);
	return 0;
}

static const char *text_of(json_t *doc, const char *key)
{
	json_t *v = json_object_get(doc, key);

	return json_is_string(v) && *json_string_value(v) ? json_string_value(v)
	                                                  : NULL;
}

static int read_template(struct arena *a, const char *file, json_t *doc,
                         struct payee_template *t, struct lx_error *err)
{
	static const char *const keys[] = { "label",   "source",    "encoding",
		                            "columns", "head_rows", "foot_rows",
		                            "note",    "internal",  NULL };
	const char *key;
	json_t *v, *cols;
	size_t i;

	if (!json_is_object(doc))
		return lx_fail(err, LX_EINVALID, "", "%s: must be an object",
		               file);
	json_object_foreach(doc, key, v)
	{
		const char *const *k = keys;

		while (*k && strcmp(*k, key))
			k++;
		if (!*k)
			return lx_fail(err, LX_EINVALID, "",
			               "%s: %s: unknown key", file, key);
	}
	t->label = arena_strdup(a, text_of(doc, "label"));
	t->source = arena_strdup(a, text_of(doc, "source"));
	t->encoding = arena_strdup(a, text_of(doc, "encoding"));
	if (!t->label || !t->source)
		return lx_fail(err, LX_EINVALID, "",
		               "%s: %s: required, as text", file,
		               t->label ? "source" : "label");
	if (!t->encoding)
		t->encoding = "utf-8";
	v = json_object_get(doc, "internal");
	if (v && !json_is_boolean(v))
		return lx_fail(err, LX_EINVALID, "",
		               "%s: internal: must be true or false", file);
	t->internal = json_is_true(v);
	if (strcmp(t->encoding, "utf-8") && strcmp(t->encoding, "gb18030"))
		return lx_fail(err, LX_EINVALID, "",
		               "%s: encoding: must be utf-8 or gb18030", file);
	cols = json_object_get(doc, "columns");
	if (!json_is_array(cols) || !json_array_size(cols))
		return lx_fail(err, LX_EINVALID, "",
		               "%s: columns: must list the file's columns",
		               file);
	t->ncolumns = json_array_size(cols);
	t->columns = arena_alloc(a, (t->ncolumns + 1) * sizeof(*t->columns));
	json_array_foreach(cols, i, v)
	{
		const char *h = text_of(v, "header");
		int f = field_lookup(text_of(v, "field"));

		if (!json_is_object(v) || json_object_size(v) != 2 || !h ||
		    f < 0)
			return lx_fail(
			    err, LX_EINVALID, "",
			    "%s: columns[%zu]: give exactly \"header\" "
			    "and a known \"field\"",
			    file, i);
		t->columns[i].header = arena_strdup(a, h);
		t->columns[i].field = (enum payee_field)f;
	}
	if (read_rows(a, file, "head_rows", json_object_get(doc, "head_rows"),
	              &t->head, &t->head_len, &t->nhead, err) ||
	    read_rows(a, file, "foot_rows", json_object_get(doc, "foot_rows"),
	              &t->foot, &t->foot_len, &t->nfoot, err))
		return -1;
	return 0;
}

int payee_templates_load(struct arena *a, const char *dir,
                         struct payee_template **out, size_t *n,
                         struct lx_error *err)
{
	char *bank = arena_printf(a, "%s/bank", dir ? dir : "");
	struct dirent **names = NULL;
	int nn = dir ? scandir(bank, &names, only_json, by_name) : -1;
	int ret = 0;

	*out = NULL;
	*n = 0;
	if (nn < 0)
		return 0; /* no folder: no templates */
	*out = arena_alloc(a, ((size_t)nn + 1) * sizeof(**out));
	for (int i = 0; i < nn; i++) {
		const char *file = names[i]->d_name;
		json_error_t jerr;
		json_t *doc;
		struct payee_template *t = &(*out)[*n];

		if (ret)
			continue;
		doc = json_load_file(arena_printf(a, "%s/%s", bank, file),
		                     JSON_REJECT_DUPLICATES, &jerr);
		if (!doc) {
			ret = lx_fail(err, LX_EINVALID, "",
			              "bank/%s: line %d: %s", file, jerr.line,
			              jerr.text);
			continue;
		}
		t->name = arena_strndup(a, file, strlen(file) - 5);
		ret = read_template(a, arena_printf(a, "bank/%s", file), doc, t,
		                    err);
		json_decref(doc);
		if (!ret)
			(*n)++;
	}
	for (int i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	return ret;
}

const struct payee_template *payee_template_find(const struct payee_template *v,
                                                 size_t n, const char *name,
                                                 struct lx_error *err)
{
	if (!name || !*name)
		name = "default";
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	lx_fail(err, LX_EINVALID, "template",
	        n ? "no bank file template '%.60s' (policies/bank/)"
	          : "no bank file template '%.60s': the policies folder has "
	            "no bank/ templates",
	        name);
	return NULL;
}
