/* visit: visits to special-difficulty elderly from the shell: the
 * targets on a day, the worklist, recording a visit, importing paper
 * visits, the ledger of rural left-behind and empty-nest elderly, and the
 * villages without a visitor. The same app calls as the API. */
#include "app/pii.h"
#include "app/policy.h"
#include "app/visit_import.h"
#include "app/visit_lists.h"
#include "app/visits.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"
#include "store/visit_store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_targets(json_t *out)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "items"), i, e)
	    printf("%-8s %s  %s  %s  %s %s\n", cli_json_str(e, "name"),
	           cli_json_str(e, "id_masked"), cli_json_str(e, "region_name"),
	           cli_json_str(e, "tier_label"),
	           cli_json_str(e, "status_label"), cli_json_str(e, "due_on"));
	printf("%lld targets\n",
	       (long long)json_integer_value(json_object_get(out, "total")));
}

static void print_uncovered(json_t *out)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "villages"), i, e)
	    printf("%s %s：巡访员%lld名，应至少%lld名\n",
	           cli_json_str(e, "region"), cli_json_str(e, "name"),
	           (long long)json_integer_value(json_object_get(e, "count")),
	           (long long)json_integer_value(json_object_get(e, "needed")));
	printf("%lld of %lld villages and communities without enough "
	       "visitors\n",
	       (long long)json_integer_value(json_object_get(out, "uncovered")),
	       (long long)json_integer_value(json_object_get(out, "total")));
}

static void print_import_errors(const struct app_ctx *ctx)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(ctx->details, "errors"), i, e)
	    fprintf(stderr, "  row %lld, column '%s': %s\n",
	            (long long)json_integer_value(json_object_get(e, "row")),
	            cli_json_str(e, "column"), cli_json_str(e, "message"));
}

static int write_file(const char *outfile, const char *text, size_t len)
{
	FILE *f = outfile ? fopen(outfile, "wb") : stdout;
	int bad = !f || fwrite(text, 1, len, f) != len;

	if (f && outfile && fclose(f))
		bad = 1;
	if (bad)
		perror(outfile ? outfile : "stdout");
	return bad;
}

static const char *const verbs[] = { "targets", "worklist",  "record", "import",
	                             "ledger",  "uncovered", NULL };

/* One verb's call; out the answer to print, or NULL after an error. */
static int run(struct app_ctx *ctx, const char *verb, json_t *params,
               json_t *body, const char *visitor, const char *file,
               const char *outfile, int json)
{
	json_t *out = NULL;
	int ret = 1;

	if (!strcmp(verb, "import")) {
		size_t len;
		char *buf = cli_read_file(ctx->arena, file, &len);

		if (buf && (out = app_visit_import(ctx, buf, len)))
			printf("imported %lld visits (%s)\n",
			       (long long)json_integer_value(
			           json_object_get(out, "imported")),
			       cli_json_str(out, "encoding"));
		else if (buf) {
			cli_error(&ctx->err);
			print_import_errors(ctx);
		}
		ret = !out;
	} else if (!strcmp(verb, "ledger") &&
	           json_object_get(params, "format")) {
		char *text;
		size_t len;
		const char *type, *ext;

		if (app_visit_ledger_file(ctx, params, &text, &len, &type,
		                          &ext))
			return cli_error(&ctx->err);
		return write_file(outfile, text, len);
	} else if (!strcmp(verb, "record")) {
		long long vid = 0, id;

		if (visitor &&
		    !(vid = visit_store_visitor_by_name(ctx->db, visitor))) {
			fprintf(stderr, "laoxiao: no active visitor '%s'\n",
			        visitor);
			return 1;
		}
		if (app_visit_record_tx(ctx, body, vid, "app", &id))
			return cli_error(&ctx->err);
		out = app_visit_get(ctx, id, NULL);
		if (out && !json)
			printf("visit %lld: %s %s %s\n", id,
			       cli_json_str(out, "person_name"),
			       cli_json_str(out, "visited_at"),
			       cli_json_str(out, "mode_label"));
		ret = !out;
	} else {
		out = !strcmp(verb, "targets")
		          ? app_visit_targets_list(ctx, params)
		      : !strcmp(verb, "worklist")
		          ? app_visit_worklist(ctx, params)
		      : !strcmp(verb, "ledger")
		          ? app_visit_ledger(ctx, params)
		          : app_visit_coverage(ctx, params);
		if (!out)
			cli_error(&ctx->err);
		else if (!json && !strcmp(verb, "uncovered"))
			print_uncovered(out);
		else if (!json)
			print_targets(out);
		ret = !out;
	}
	if (out && json) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	}
	json_decref(out);
	return ret;
}

int cmd_visit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "on", required_argument, NULL, 'o' },
		{ "tier", required_argument, NULL, 't' },
		{ "status", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'O' },
		{ "person", required_argument, NULL, 'p' },
		{ "at", required_argument, NULL, 'A' },
		{ "mode", required_argument, NULL, 'm' },
		{ "risk", required_argument, NULL, 'k' },
		{ "note", required_argument, NULL, 'n' },
		{ "visitor", required_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *outfile = NULL, *visitor = NULL;
	const char *verb = argc > 1 ? argv[1] : "";
	json_t *params = json_object(), *body = json_object();
	struct pii_keys *keys;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1, known = 0;

	if (!strcmp(verb, "rate")) {
		json_decref(params);
		json_decref(body);
		return cmd_visit_rate(argc - 1, argv + 1);
	}
	for (int i = 0; verbs[i]; i++)
		known |= !strcmp(verb, verbs[i]);
	optind = 2;
	while (known && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'r':
			json_object_set_new(params, "region",
			                    json_string(optarg));
			break;
		case 'a':
			json_object_set_new(params, "as_of",
			                    json_string(optarg));
			break;
		case 'o':
			json_object_set_new(params, "on", json_string(optarg));
			break;
		case 't':
			json_object_set_new(params, "tier",
			                    json_string(optarg));
			break;
		case 's':
			json_object_set_new(params, "status",
			                    json_string(optarg));
			break;
		case 'f':
			json_object_set_new(params, "format",
			                    json_string(optarg));
			break;
		case 'O':
			outfile = optarg;
			break;
		case 'p':
			json_object_set_new(body, "person_id",
			                    json_integer(atoll(optarg)));
			break;
		case 'A':
			json_object_set_new(body, "visited_at",
			                    json_string(optarg));
			break;
		case 'm':
			json_object_set_new(body, "mode", json_string(optarg));
			break;
		case 'k':
			json_object_set_new(body, "risk", json_string(optarg));
			break;
		case 'n':
			json_object_set_new(body, "note", json_string(optarg));
			break;
		case 'v':
			visitor = optarg;
			break;
		case 'j':
			json = 1;
			break;
		default:
			known = 0;
		}
	}
	if (!known ||
	    (strcmp(verb, "import") ? optind != argc : optind != argc - 1)) {
		json_decref(params);
		json_decref(body);
		return cli_usage("visit");
	}
	if (!strcmp(verb, "uncovered"))
		json_object_set_new(params, "uncovered", json_string("1"));
	if (!strcmp(verb, "targets"))
		json_object_set_new(params, "limit", json_string("1000"));
	if (!(db = cli_open_db(path))) {
		json_decref(params);
		json_decref(body);
		return 1;
	}
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	keys = ctx.policies ? cli_open_keys(db, path) : NULL;
	ctx.keys = keys;
	if (keys)
		ret = run(&ctx, verb, params, body, visitor,
		          !strcmp(verb, "import") ? argv[optind] : NULL,
		          outfile, json);
	json_decref(params);
	json_decref(body);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	pii_keys_free(keys);
	db_close(db);
	return ret;
}
