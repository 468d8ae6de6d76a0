/* import and export: CSV files and Excel workbooks into the registry, CSV
 * out of it, and the fill-in template of each import. */
#include "app/pii.h"
#include "app/policy.h"
#include "app/transfer.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static int valid_kind(const char *kind)
{
	return !strcmp(kind, "regions") || !strcmp(kind, "population") ||
	       !strcmp(kind, "facilities") || !strcmp(kind, "reported") ||
	       !strcmp(kind, "points") || !strcmp(kind, "persons") ||
	       !strcmp(kind, "assessments") || !strcmp(kind, "health") ||
	       !strcmp(kind, "enrolments") || !strcmp(kind, "trainees") ||
	       !strcmp(kind, "payees");
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB;
	struct pii_keys *keys;
	struct app_ctx ctx;
	struct db *db;
	char *buf;
	size_t len;
	json_t *res;
	int c, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return cli_usage("import");
		path = optarg;
	}
	if (argc - optind != 2 || !valid_kind(argv[optind]))
		return cli_usage("import");
	if (!(db = cli_open_db(path)))
		return 1;
	app_ctx_init(&ctx, db, NULL);
	keys = cli_open_keys(db, path);
	ctx.keys = keys;
	if (!strcmp(argv[optind], "reported")) {
		/* a reported element must be one the region's policies name */
		if (!(ctx.policies = cli_load_policies(cli_policies_dir()))) {
			app_ctx_done(&ctx);
			pii_keys_free(keys);
			db_close(db);
			return 1;
		}
	}
	buf = keys ? cli_read_file(ctx.arena, argv[optind + 1], &len) : NULL;
	if (buf && (res = app_import_csv(&ctx, argv[optind], buf, len))) {
		printf("imported %lld %s from '%s' (%s)\n",
		       (long long)json_integer_value(
		           json_object_get(res, "imported")),
		       argv[optind], argv[optind + 1],
		       json_string_value(json_object_get(res, "encoding")));
		json_decref(res);
		ret = 0;
	} else if (buf) {
		json_t *errors = json_object_get(ctx.details, "errors");
		size_t i;
		json_t *e;

		fprintf(stderr,
		        "laoxiao: '%s' was not imported; nothing "
		        "changed.\n",
		        argv[optind + 1]);
		if (json_array_size(errors)) {
			json_array_foreach(errors, i, e)
			{
				fprintf(stderr, "  row %lld, column '%s': %s\n",
				        (long long)json_integer_value(
				            json_object_get(e, "row")),
				        json_string_value(
				            json_object_get(e, "column")),
				        json_string_value(
				            json_object_get(e, "message")));
			}
			if (json_integer_value(json_object_get(
			        ctx.details, "total")) > (json_int_t)i)
				fprintf(
				    stderr, "  (%lld errors in all)\n",
				    (long long)json_integer_value(
				        json_object_get(ctx.details, "total")));
		} else {
			cli_error(&ctx.err);
		}
	}
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	pii_keys_free(keys);
	db_close(db);
	return ret;
}

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		{ "with-ids", no_argument, NULL, 'i' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "template", no_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *region = NULL, *out = NULL;
	const char *as_of = NULL, *format = NULL, *name;
	int with_ids = 0, template = 0;
	struct pii_keys *keys;
	struct app_ctx ctx;
	struct db *db;
	json_t *params;
	char *text;
	size_t len;
	int c, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'r':
			region = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'i':
			with_ids = 1;
			break;
		case 'a':
			as_of = optarg;
			break;
		case 't':
			template = 1;
			break;
		case 'f':
			format = optarg;
			break;
		default:
			return cli_usage("export");
		}
	}
	if (argc - optind != 1 || !valid_kind(argv[optind]))
		return cli_usage("export");
	if (!(db = cli_open_db(path)))
		return 1;
	app_ctx_init(&ctx, db, NULL);
	keys = cli_open_keys(db, path);
	ctx.keys = keys;
	if (!keys) {
		app_ctx_done(&ctx);
		db_close(db);
		return 1;
	}
	params = json_pack("{s:s?, s:s?}", "region", region, "as_of", as_of);
	if (with_ids)
		json_object_set_new(params, "with_ids", json_string("1"));
	if (template
	        ? app_import_template(&ctx, argv[optind], format, &text, &len,
	                              &name)
	        : app_export_csv(&ctx, argv[optind], params, &text, &len)) {
		cli_error(&ctx.err);
	} else {
		FILE *f = out ? fopen(out, "wb") : stdout;

		if (!f) {
			perror(out);
		} else {
			ret = fwrite(text, 1, len, f) == len ? 0 : 1;
			if (out && fclose(f))
				ret = 1;
		}
	}
	json_decref(params);
	app_ctx_done(&ctx);
	pii_keys_free(keys);
	db_close(db);
	return ret;
}
