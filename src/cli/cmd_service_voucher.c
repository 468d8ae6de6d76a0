/* service voucher: service vouchers (消费券) from the shell: issue a batch
 * of a policy's kind to a region, the batches with their counts, one
 * batch by region, a person's vouchers. The command line acts as the
 * system administrator; a batch is audited as the API's are. */
#include "app/policy.h"
#include "app/service_voucher_batches.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao service voucher issue --region CODE --kind ID\n"
    "           [--name TEXT] [--on YYYY-MM-DD] [--db PATH]\n"
    "       laoxiao service voucher batches --region CODE [--json]\n"
    "       laoxiao service voucher show ID [--region CODE] [--json]\n"
    "       laoxiao service voucher list --person ID [--json]\n";

static void print_counts(json_t *c)
{
	char f[32];

	cli_yuan(cli_json_int(c, "redeemed_fen"), f);
	printf("发放 %lld 张  已使用 %lld 张（%s 元）  未使用 %lld 张  "
	       "已过期 %lld 张\n",
	       cli_json_int(c, "issued"), cli_json_int(c, "redeemed"), f,
	       cli_json_int(c, "unused"), cli_json_int(c, "expired"));
}

static void print_batch(json_t *b)
{
	char f[32];

	cli_yuan(cli_json_int(b, "face_fen"), f);
	printf("%-6lld %-20s 面额 %s 元  %s 至 %s  ", cli_json_int(b, "id"),
	       cli_json_str(b, "name"), f, cli_json_str(b, "issued_on"),
	       cli_json_str(b, "expires_on"));
}

static const char *state_said(const char *s)
{
	return !strcmp(s, "redeemed")  ? "已使用"
	       : !strcmp(s, "expired") ? "已过期"
	       : !strcmp(s, "not_yet") ? "未到期"
	                               : "未使用";
}

enum verb { ISSUE, BATCHES, SHOW, LIST };

int cmd_service_voucher(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "kind", required_argument, NULL, 'k' },
		{ "name", required_argument, NULL, 'n' },
		{ "on", required_argument, NULL, 'o' },
		{ "person", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const verbs[] = { "issue", "batches", "show",
		                             "list" };
	const char *path = DEFAULT_DB;
	json_t *in = json_object(), *out = NULL, *e;
	int verb = -1, c, json = 0, ret = 1;
	long long id = 0;
	struct app_ctx ctx;
	struct db *db;
	size_t i;

	for (int k = 0; argc >= 2 && k < 4; k++)
		if (!strcmp(argv[1], verbs[k]))
			verb = k;
	if (verb < 0)
		goto usage;
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
		case 'k':
			json_object_set_new(in, "kind", json_string(optarg));
			break;
		case 'n':
			json_object_set_new(in, "name", json_string(optarg));
			break;
		case 'o':
			json_object_set_new(in, "issued_on",
			                    json_string(optarg));
			break;
		case 'p':
			json_object_set_new(in, "person_id",
			                    json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != (verb == SHOW))
		goto usage;
	if (verb == SHOW && (id = atoll(argv[optind])) <= 0)
		goto usage;
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies) {
		switch ((enum verb)verb) {
		case ISSUE:
			out = app_voucher_issue(&ctx, in);
			break;
		case BATCHES:
			out = app_voucher_batches(&ctx, in);
			break;
		case SHOW:
			out = app_voucher_batch_get(&ctx, id, in);
			break;
		case LIST:
			out = app_voucher_list(&ctx, in);
			break;
		}
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			ret = 0;
			if (verb == ISSUE) {
				print_batch(out);
				printf("发放 %lld 张\n",
				       cli_json_int(out, "issued"));
			} else if (verb == BATCHES) {
				json_array_foreach(
				    json_object_get(out, "items"), i, e)
				{
					print_batch(e);
					print_counts(
					    json_object_get(e, "counts"));
				}
			} else if (verb == SHOW) {
				print_batch(out);
				putchar('\n');
				printf("%-12s %-12s ", "合计", "");
				print_counts(json_object_get(out, "total"));
				json_array_foreach(json_object_get(out, "rows"),
				                   i, e)
				{
					printf("%-12s %-12s ",
					       cli_json_str(e, "region"),
					       cli_json_str(e, "name"));
					print_counts(e);
				}
			} else {
				json_array_foreach(
				    json_object_get(out, "items"), i, e)
				{
					char f[32];

					cli_yuan(cli_json_int(e, "face_fen"),
					         f);
					printf("%-6lld %s  %-20s %s 元  至 %s  "
					       "%s\n",
					       cli_json_int(e, "id"),
					       cli_json_str(e, "code"),
					       cli_json_str(e, "batch_name"), f,
					       cli_json_str(e, "expires_on"),
					       state_said(
					           cli_json_str(e, "state")));
				}
			}
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
