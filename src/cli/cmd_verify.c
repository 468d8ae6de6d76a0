/* verify: annual verifications (生存认证 / 年审) from the shell: record
 * one, import a file of them, list a person's. */
#include "app/people.h"
#include "app/pii.h"
#include "app/verify.h"
#include "cli/cli.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_list(json_t *out)
{
	json_t *e;
	size_t i;

	printf("%lld：认证%lld次\n",
	       (long long)json_integer_value(json_object_get(out, "person_id")),
	       (long long)json_integer_value(json_object_get(out, "count")));
	json_array_foreach(json_object_get(out, "items"), i, e)
	    printf("  %s %s %s%s%s\n",
	           json_string_value(json_object_get(e, "verified_on")),
	           json_string_value(json_object_get(e, "method_zh")),
	           json_string_value(json_object_get(e, "recorded_by")),
	           *json_string_value(json_object_get(e, "note")) ? "：" : "",
	           json_string_value(json_object_get(e, "note")));
}

static void print_import_errors(const struct app_ctx *ctx)
{
	json_t *errors = json_object_get(ctx->details, "errors"), *e;
	size_t i;

	json_array_foreach(errors, i, e)
	    fprintf(stderr, "  row %lld, column '%s': %s\n",
	            (long long)json_integer_value(json_object_get(e, "row")),
	            json_string_value(json_object_get(e, "column")),
	            json_string_value(json_object_get(e, "message")));
}

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "person", required_argument, NULL, 'p' },
		{ "id-number", required_argument, NULL, 'i' },
		{ "on", required_argument, NULL, 'o' },
		{ "method", required_argument, NULL, 'm' },
		{ "note", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *number = NULL, *verb;
	json_t *body = json_object(), *out = NULL;
	long long person = 0;
	struct pii_keys *keys = NULL;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1;

	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "list") &&
	                 strcmp(argv[1], "import"))) {
		json_decref(body);
		return cli_usage("verify");
	}
	verb = argv[1];
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'p':
			person = atoll(optarg);
			break;
		case 'i':
			number = optarg;
			break;
		case 'o':
			json_object_set_new(body, "verified_on",
			                    json_string(optarg));
			break;
		case 'm':
			json_object_set_new(body, "method",
			                    json_string(optarg));
			break;
		case 'n':
			json_object_set_new(body, "note", json_string(optarg));
			break;
		case 'j':
			json = 1;
			break;
		default:
			json_decref(body);
			return cli_usage("verify");
		}
	}
	if (strcmp(verb, "import") ? optind != argc || (!person && !number)
	                           : optind != argc - 1) {
		json_decref(body);
		return cli_usage("verify");
	}
	if (!(db = cli_open_db(path))) {
		json_decref(body);
		return 1;
	}
	app_ctx_init(&ctx, db, NULL);
	keys = cli_open_keys(db, path);
	ctx.keys = keys;
	if (keys && number && !(person = app_person_by_number(&ctx, number)))
		cli_error(&ctx.err);
	else if (keys && !strcmp(verb, "import")) {
		size_t len;
		char *buf = cli_read_file(ctx.arena, argv[optind], &len);

		if (buf && (out = app_verify_import(&ctx, buf, len))) {
			printf("imported %lld verifications (%s)\n",
			       (long long)json_integer_value(
			           json_object_get(out, "imported")),
			       json_string_value(
			           json_object_get(out, "encoding")));
			ret = 0;
		} else if (buf) {
			cli_error(&ctx.err);
			print_import_errors(&ctx);
		}
	} else if (keys) {
		out = !strcmp(verb, "add") ? app_verify_add(&ctx, person, body)
		                           : app_verify_list(&ctx, person);
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else if (!strcmp(verb, "add")) {
			printf("verification %lld: person %lld, %s, %s\n",
			       (long long)json_integer_value(
			           json_object_get(out, "id")),
			       person,
			       json_string_value(
			           json_object_get(out, "verified_on")),
			       json_string_value(
			           json_object_get(out, "method_zh")));
			ret = 0;
		} else {
			print_list(out);
			ret = 0;
		}
	}
	json_decref(out);
	json_decref(body);
	app_ctx_done(&ctx);
	pii_keys_free(keys);
	db_close(db);
	return ret;
}
