/* service entitlement: government-purchased service entitlements from the
 * shell: grant one person, run a region's grants for a year, list them
 * (a region's, or a person's with their draws), and the use report. The
 * command line acts as the system administrator; grants are audited as
 * the API's are. */
#include "app/policy.h"
#include "app/service_entitlement_grants.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao service entitlement grant --person ID [--scheme ID]\n"
    "           [--year YYYY] [--db PATH]\n"
    "       laoxiao service entitlement run --region CODE [--year YYYY]\n"
    "       laoxiao service entitlement list (--region CODE | --person ID)\n"
    "           [--year YYYY] [--json]\n"
    "       laoxiao service entitlement report --region CODE [--year YYYY]\n"
    "           [--json]\n";

static void print_one(json_t *e)
{
	char g[32], u[32], b[32];

	cli_yuan(cli_json_int(e, "granted_fen"), g);
	cli_yuan(cli_json_int(e, "used_fen"), u);
	cli_yuan(cli_json_int(e, "balance_fen"), b);
	printf("%-6lld %-10s %d  %-16s 额度 %10s 元  已用 %10s 元  余额 %10s 元"
	       "  %s\n",
	       cli_json_int(e, "id"), cli_json_str(e, "person_name"),
	       (int)cli_json_int(e, "year"), cli_json_str(e, "scheme_name"), g,
	       u, b, cli_json_str(e, "basis"));
}

static void print_list(json_t *out)
{
	json_t *e, *d;
	size_t i, k;

	json_array_foreach(json_object_get(out, "items"), i, e)
	{
		char a[32];

		print_one(e);
		json_array_foreach(json_object_get(e, "draws"), k, d)
		{
			cli_yuan(cli_json_int(d, "amount_fen"), a);
			printf("       订单 %-8lld %-8s %10s 元 %s\n",
			       cli_json_int(d, "order_id"),
			       cli_json_str(d, "item_name"), a,
			       json_is_true(json_object_get(d, "released"))
			           ? "已退回"
			           : "");
		}
	}
}

static void print_row(json_t *r)
{
	char g[32], u[32];
	json_t *it;
	size_t i;

	cli_yuan(cli_json_int(r, "granted_fen"), g);
	cli_yuan(cli_json_int(r, "used_fen"), u);
	printf(
	    "%-12s %-12s %6lld 人  发放 %12s 元  已用 %12s 元  使用率 %s%s\n",
	    cli_json_str(r, "region"), cli_json_str(r, "name"),
	    cli_json_int(r, "persons"), g, u,
	    *cli_json_str(r, "use_rate") ? cli_json_str(r, "use_rate") : "—",
	    *cli_json_str(r, "use_rate") ? "%" : "");
	json_array_foreach(json_object_get(r, "items"), i, it)
	{
		cli_yuan(cli_json_int(it, "used_fen"), u);
		printf("%27s%-8s %6lld 单 %12s 元\n", "",
		       cli_json_str(it, "name"), cli_json_int(it, "orders"), u);
	}
}

static void print_report(json_t *out)
{
	json_t *r;
	size_t i;

	printf("%d 年政府购买服务额度使用情况（使用率 = 已用 ÷ 发放，"
	       "百分数保留两位小数，四舍五入）\n",
	       (int)cli_json_int(out, "year"));
	print_row(json_object_get(out, "total"));
	json_array_foreach(json_object_get(out, "rows"), i, r) print_row(r);
}

enum verb { GRANT, RUN, LIST, REPORT };

int cmd_service_entitlement(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "person", required_argument, NULL, 'p' },
		{ "scheme", required_argument, NULL, 's' },
		{ "year", required_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const verbs[] = { "grant", "run", "list", "report" };
	const char *path = DEFAULT_DB;
	json_t *in = json_object(), *out = NULL;
	int verb = -1, c, json = 0, ret = 1, body;
	struct app_ctx ctx;
	struct db *db;

	for (int i = 0; argc >= 2 && i < 4; i++)
		if (!strcmp(argv[1], verbs[i]))
			verb = i;
	if (verb < 0)
		goto usage;
	/* a body (grant, run) takes numbers; a query takes text */
	body = verb == GRANT || verb == RUN;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'r':
			json_object_set_new(in, "region", json_string(optarg));
			break;
		case 's':
			json_object_set_new(in, "scheme", json_string(optarg));
			break;
		case 'p':
			json_object_set_new(in, "person_id",
			                    body ? json_integer(atoll(optarg))
			                         : json_string(optarg));
			break;
		case 'y':
			json_object_set_new(in, "year",
			                    body ? json_integer(atoll(optarg))
			                         : json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc)
		goto usage;
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies) {
		switch ((enum verb)verb) {
		case GRANT:
			out = app_entitlement_grant(&ctx, in);
			break;
		case RUN:
			out = app_entitlement_run(&ctx, in);
			break;
		case LIST:
			out = app_entitlement_list(&ctx, in);
			break;
		case REPORT:
			out = app_entitlement_report(&ctx, in);
			break;
		}
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			if (verb == GRANT) {
				json_t *e;
				size_t i;

				json_array_foreach(
				    json_object_get(out, "granted"), i, e)
				    print_one(e);
			} else if (verb == RUN) {
				char f[32];

				cli_yuan(cli_json_int(out, "granted_fen"), f);
				printf("%s %d 年：核查 %lld 人，符合 %lld 人，"
				       "新发放 %lld 人（已有 %lld 人），"
				       "共 %s 元\n",
				       cli_json_str(out, "region"),
				       (int)cli_json_int(out, "year"),
				       cli_json_int(out, "scanned"),
				       cli_json_int(out, "eligible"),
				       cli_json_int(out, "granted"),
				       cli_json_int(out, "already"), f);
			} else if (verb == LIST) {
				print_list(out);
			} else {
				print_report(out);
			}
			ret = 0;
		}
	}
	json_decref(out);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
done:
	json_decref(in);
	return ret;
usage:
	json_decref(in);
	fputs(usage, stderr);
	return 2;
}
