/* roster: a region's roster (花名册) from the shell, as totals on the
 * terminal or every row as CSV or XLSX. */
#include "app/pii.h"
#include "app/roster.h"
#include "cli/cli.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void print_totals(json_t *out, const char *group)
{
	json_t *e;
	size_t i;

	printf("%s 截至%s：%lld人\n",
	       json_string_value(json_object_get(out, "region")),
	       json_string_value(json_object_get(out, "as_of")),
	       (long long)json_integer_value(json_object_get(out, "total")));
	json_array_foreach(
	    json_object_get(json_object_get(out, "totals"), group), i, e)
	    printf("  %s：%lld\n",
	           json_string_value(json_object_get(e, "label")),
	           (long long)json_integer_value(json_object_get(e, "count")));
}

int cmd_roster(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "kind", required_argument, NULL, 'k' },
		{ "category", required_argument, NULL, 'c' },
		{ "age-band", required_argument, NULL, 'b' },
		{ "level", required_argument, NULL, 'l' },
		{ "group", required_argument, NULL, 'g' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "unmask", no_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const keys_of[] = {
		['r'] = "region",   ['a'] = "as_of",    ['k'] = "kind",
		['c'] = "category", ['b'] = "age_band", ['l'] = "level",
		['g'] = "group",    ['f'] = "format",
	};
	const char *path = DEFAULT_DB, *outfile = NULL;
	json_t *params = json_object(), *out = NULL;
	struct pii_keys *keys;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'o':
			outfile = optarg;
			break;
		case 'u':
			json_object_set_new(params, "unmask", json_string("1"));
			break;
		case 'j':
			json = 1;
			break;
		case 'r':
		case 'a':
		case 'k':
		case 'c':
		case 'b':
		case 'l':
		case 'g':
		case 'f':
			json_object_set_new(params, keys_of[c],
			                    json_string(optarg));
			break;
		default:
			json_decref(params);
			return cli_usage("roster");
		}
	}
	if (optind != argc || !json_object_get(params, "region")) {
		json_decref(params);
		return cli_usage("roster");
	}
	if (!(db = cli_open_db(path))) {
		json_decref(params);
		return 1;
	}
	app_ctx_init(&ctx, db, NULL);
	keys = cli_open_keys(db, path);
	ctx.keys = keys;
	if (keys && json_object_get(params, "format")) {
		char *text;
		size_t len;
		const char *type, *ext;

		if (app_roster_export(&ctx, params, &text, &len, &type, &ext)) {
			cli_error(&ctx.err);
		} else {
			FILE *f = outfile ? fopen(outfile, "wb") : stdout;

			ret = !f || fwrite(text, 1, len, f) != len;
			if (f && outfile && fclose(f))
				ret = 1;
			if (ret)
				perror(outfile ? outfile : "stdout");
		}
	} else if (keys) {
		json_object_set_new(params, "per_page", json_string("1000"));
		if (!(out = app_roster(&ctx, params))) {
			cli_error(&ctx.err);
		} else {
			const char *g =
			    json_string_value(json_object_get(params, "group"));

			if (json) {
				json_dumpf(out, stdout, JSON_INDENT(2));
				putchar('\n');
			} else {
				print_totals(out, g ? g : "township");
			}
			ret = 0;
		}
	}
	json_decref(out);
	json_decref(params);
	app_ctx_done(&ctx);
	pii_keys_free(keys);
	db_close(db);
	return ret;
}
