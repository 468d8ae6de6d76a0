/* subsidy: allowance and subsidy runs from the shell. */
#include "app/policy.h"
#include "app/subsidies.h"
#include "cli/cli.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* Who was not paid for a data reason, one a line. */
static void print_exceptions(json_t *out)
{
	json_t *ex = json_object_get(out, "exceptions"), *e;
	size_t i;

	if (!json_array_size(ex))
		return;
	printf("未发放（数据原因）%lld人：\n",
	       (long long)json_integer_value(
	           json_object_get(out, "exceptions_count")));
	json_array_foreach(ex, i, e)
	{
		printf(
		    "  %s %lld %s（%s）：%s\n",
		    json_string_value(json_object_get(e, "beneficiary_kind")),
		    (long long)json_integer_value(
		        json_object_get(e, "beneficiary_id")),
		    json_string_value(json_object_get(e, "beneficiary")),
		    json_string_value(json_object_get(e, "region")),
		    json_string_value(json_object_get(e, "reason")));
	}
}

int cmd_subsidy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policies", required_argument, NULL, 'P' },
		{ "scheme", required_argument, NULL, 's' },
		{ "period", required_argument, NULL, 'p' },
		{ "region", required_argument, NULL, 'r' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *policies = NULL;
	json_t *body = json_object(), *out = NULL;
	struct app_ctx ctx;
	struct db *db;
	char dir[1024];
	int c, json = 0, ret = 1;

	if (argc < 2 || strcmp(argv[1], "run")) {
		json_decref(body);
		return cli_usage("subsidy");
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'P':
			policies = optarg;
			break;
		case 's':
			json_object_set_new(body, "scheme",
			                    json_string(optarg));
			break;
		case 'p':
			json_object_set_new(body, "period",
			                    json_string(optarg));
			break;
		case 'r':
			json_object_set_new(body, "region",
			                    json_string(optarg));
			break;
		case 'n':
			json_object_set_new(body, "dry_run", json_true());
			break;
		case 'j':
			json = 1;
			break;
		default:
			json_decref(body);
			return cli_usage("subsidy");
		}
	}
	if (optind != argc || !(db = cli_open_db(path))) {
		json_decref(body);
		return optind != argc ? cli_usage("subsidy") : 1;
	}
	snprintf(dir, sizeof(dir), "%s/policies", cli_data_root());
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(policies ? policies : dir);
	if (ctx.policies && (out = app_subsidy_run(&ctx, body))) {
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			printf(
			    "%s %s in %s%s: %lld evaluated, %lld eligible, "
			    "%lld lines, %s yuan\n",
			    json_string_value(json_object_get(out, "scheme")),
			    json_string_value(json_object_get(out, "period")),
			    json_string_value(json_object_get(out, "region")),
			    json_is_true(json_object_get(out, "dry_run"))
			        ? " (dry run, nothing written)"
			        : "",
			    (long long)json_integer_value(
			        json_object_get(out, "evaluated")),
			    (long long)json_integer_value(
			        json_object_get(out, "eligible")),
			    (long long)json_integer_value(
			        json_object_get(out, "lines")),
			    json_string_value(
			        json_object_get(out, "lines_yuan")));
			print_exceptions(out);
		}
		ret = 0;
	} else if (ctx.policies) {
		cli_error(&ctx.err);
	}
	json_decref(out);
	json_decref(body);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}
