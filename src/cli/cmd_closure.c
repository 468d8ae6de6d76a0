/* closure: closure cases (机构退出) from the shell: list and show, with
 * Chinese labels. The command line acts as the system administrator
 * unless --as names an account; the use cases are app/closure_cases.c. */
#include "app/closure_cases.h"
#include "app/pii.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_case(json_t *c)
{
	printf(
	    "%-6lld %s  %s  计划退出日 %s  %s  成员 %lld 人，未安置 %lld 人\n",
	    cli_json_int(c, "id"), cli_json_str(c, "facility_name"),
	    cli_json_str(c, "reason_name"), cli_json_str(c, "planned_on"),
	    cli_json_str(c, "status_name"), cli_json_int(c, "members"),
	    cli_json_int(c, "unplaced"));
}

static void print_full(json_t *c)
{
	json_t *m;
	size_t i;

	print_case(c);
	if (json_is_string(json_object_get(c, "successor_name")))
		printf("       承接机构：%s\n",
		       cli_json_str(c, "successor_name"));
	json_array_foreach(json_object_get(c, "people"), i, m)
	{
		const char *dest = cli_json_str(m, "destination_name");

		printf("       %s  %s  %s%s%s  合同解除 %s%s\n",
		       cli_json_str(m, "name"), cli_json_str(m, "id_masked"),
		       *dest ? dest : "未安置",
		       json_is_string(
		           json_object_get(m, "destination_facility_name"))
		           ? "："
		           : "",
		       cli_json_str(m, "destination_facility_name"),
		       json_is_string(json_object_get(m, "contract_ended_on"))
		           ? cli_json_str(m, "contract_ended_on")
		           : "未记录",
		       json_is_string(json_object_get(m, "settled_at"))
		           ? "  已迁出"
		           : "");
	}
}

static int run(int show, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "status", required_argument, NULL, 's' },
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *as = NULL;
	json_t *in = json_object(), *out = NULL;
	struct pii_keys *keys = NULL;
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	long long id = 0;
	int c, json = 0, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r' && !show)
			json_object_set_new(in, "region", json_string(optarg));
		else if (c == 's' && !show)
			json_object_set_new(in, "status", json_string(optarg));
		else if (c == 'd')
			path = optarg;
		else if (c == 'a')
			as = optarg;
		else if (c == 'j')
			json = 1;
		else
			goto usage;
	}
	if (show && (argc - optind != 1 || (id = atoll(argv[optind])) <= 0))
		goto usage;
	if (!show && optind != argc)
		goto usage;
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	keys = ctx.policies ? cli_open_keys(db, path) : NULL;
	ctx.keys = keys;
	if (keys && (!as || !cli_act_as(&ctx, as, &p))) {
		out = show ? app_closure_get(&ctx, id)
		           : app_closure_list(&ctx, in);
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else if (show) {
			print_full(out);
			ret = 0;
		} else {
			json_t *e;
			size_t i;

			json_array_foreach(json_object_get(out, "items"), i, e)
			    print_case(e);
			ret = 0;
		}
	}
	json_decref(out);
	pii_keys_free(keys);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
done:
	json_decref(in);
	return ret;
usage:
	json_decref(in);
	return cli_usage("closure");
}

static int verb_list(int argc, char **argv)
{
	return run(0, argc, argv);
}

static int verb_show(int argc, char **argv)
{
	return run(1, argc, argv);
}

static const struct cli_verb verbs[] = {
	{ "list", verb_list },
	{ "show", verb_show },
};

int cmd_closure(int argc, char **argv)
{
	return cli_dispatch("closure", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
