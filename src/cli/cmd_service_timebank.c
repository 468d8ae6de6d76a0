/* laoxiao service timebank: the time bank from the shell — volunteers,
 * the services that earn hours and their verification, transfers to kin,
 * accounts with their ledger. The command line acts as the system
 * administrator unless --as names an account; every write is audited as
 * the API's are. A service is verified by someone other than who
 * recorded it (the policy's verify_by_other): the system account is no
 * one, so a verification is taken --as an account. argv[0] is
 * "timebank". */
#include "app/pii.h"
#include "app/policy.h"
#include "app/service_timebank_ledger.h"
#include "app/service_volunteers.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao service timebank VERB [options] [--as USER] [--db PATH]\n"
    "       [--json]\n"
    "  volunteers [--region R] [--on DATE] [--all]   志愿者及老年志愿者占比\n"
    "  show ID [--unmask]                            一名志愿者及其亲属\n"
    "  register --id-number N --name NAME --region R [--phone P] [--team T]\n"
    "           [--registered-on DATE] [--facility ID] 登记志愿者\n"
    "  leave ID [--on DATE]                          志愿者退出\n"
    "  kin ID --person P --relation REL              记录配偶或直系亲属\n"
    "  services [--region R] [--volunteer V] [--status S]\n"
    "  record --volunteer V --item CODE --start T --end T [--person P]\n"
    "         [--note TEXT]                          记录一次志愿服务\n"
    "  verify ID --as USER | reject ID --reason TEXT 核实（存入时长）或驳回\n"
    "  transfer --volunteer V --person P --minutes M 转赠给亲属\n"
    "  accounts [--region R] | account ID            账户及其流水与来源\n"
    "Times are YYYY-MM-DDTHH:MM; relations spouse, parent, child,\n"
    "grandparent, grandchild. Hours are never cashed. A service is\n"
    "verified --as an account other than the one that recorded it.\n";

static const char *status_said(const char *s)
{
	return !strcmp(s, "recorded")   ? "待核实"
	       : !strcmp(s, "verified") ? "已核实"
	       : !strcmp(s, "rejected") ? "已驳回"
	                                : s;
}

static const char *kind_said(const char *s)
{
	static const char *const w[][2] = {
		{ "deposit", "存入" },      { "transfer_in", "转入" },
		{ "transfer_out", "转出" }, { "redeem", "兑换服务" },
		{ "refund", "退回" },
	};

	for (size_t i = 0; i < sizeof(w) / sizeof(*w); i++)
		if (!strcmp(s, w[i][0]))
			return w[i][1];
	return s;
}

static void print_volunteer(json_t *v)
{
	printf("%-6lld %-8s %s %s %3lld岁 %s %s 登记 %s%s%s 余额 %lld 分钟\n",
	       cli_json_int(v, "id"), cli_json_str(v, "name"),
	       cli_json_str(v, "id_number"),
	       !strcmp(cli_json_str(v, "sex"), "M") ? "男" : "女",
	       cli_json_int(v, "age"), cli_json_str(v, "region_name"),
	       cli_json_str(v, "team"), cli_json_str(v, "registered_on"),
	       *cli_json_str(v, "left_on") ? " 退出 " : "",
	       cli_json_str(v, "left_on"), cli_json_int(v, "balance_minutes"));
}

static void print_out(const char *verb, json_t *out)
{
	json_t *e, *t;
	size_t i, j;

	if (!strcmp(verb, "volunteers")) {
		json_array_foreach(json_object_get(out, "volunteers"), i, e)
		    print_volunteer(e);
		json_array_foreach(json_object_get(out, "by_region"), i, e)
		    printf("%s: 在册 %lld 人，老年志愿者 %lld 人，占 %s\n",
		           cli_json_str(e, "region_name"),
		           cli_json_int(e, "registered"),
		           cli_json_int(e, "elderly"),
		           cli_json_str(e, "elderly_share"));
		e = json_object_get(out, "total");
		printf("合计（%s）: 在册 %lld 人，老年志愿者 %lld 人，占 %s\n",
		       cli_json_str(out, "on"), cli_json_int(e, "registered"),
		       cli_json_int(e, "elderly"),
		       cli_json_str(e, "elderly_share"));
	} else if (json_object_get(out, "services")) {
		json_array_foreach(json_object_get(out, "services"), i, e)
		    printf("%-6lld %-8s %-8s %s → %s %4lld 分钟 %s %s\n",
		           cli_json_int(e, "id"),
		           cli_json_str(e, "volunteer_name"),
		           cli_json_str(e, "item_name"),
		           cli_json_str(e, "started_at"),
		           cli_json_str(e, "finished_at"),
		           cli_json_int(e, "minutes"),
		           status_said(cli_json_str(e, "status")),
		           cli_json_str(e, "rejected_reason"));
	} else if (json_object_get(out, "accounts")) {
		json_array_foreach(json_object_get(out, "accounts"), i, e)
		    printf("%-6lld %-8s %s 余额 %lld 分钟\n",
		           cli_json_int(e, "id"), cli_json_str(e, "name"),
		           json_is_integer(json_object_get(e, "volunteer_id"))
		               ? "志愿者"
		               : "亲属",
		           cli_json_int(e, "balance_minutes"));
	} else if (json_object_get(out, "entries")) {
		printf("账户 %lld %s 余额 %lld 分钟\n", cli_json_int(out, "id"),
		       cli_json_str(out, "name"),
		       cli_json_int(out, "balance_minutes"));
		json_array_foreach(json_object_get(out, "entries"), i, e)
		{
			printf("  %s %-8s %+lld 分钟\n", cli_json_str(e, "at"),
			       kind_said(cli_json_str(e, "kind")),
			       cli_json_int(e, "minutes"));
			json_array_foreach(json_object_get(e, "traces"), j, t)
			    printf("      %+lld 分钟 来自服务 "
			           "%lld（%s，%s，%s）\n",
			           cli_json_int(t, "minutes"),
			           cli_json_int(t, "service_id"),
			           cli_json_str(t, "volunteer_name"),
			           cli_json_str(t, "item_name"),
			           cli_json_str(t, "finished_at"));
		}
	} else if (json_object_get(out, "item")) {
		printf("%-6lld %-8s %-8s %lld 分钟 %s\n",
		       cli_json_int(out, "id"),
		       cli_json_str(out, "volunteer_name"),
		       cli_json_str(out, "item_name"),
		       cli_json_int(out, "minutes"),
		       status_said(cli_json_str(out, "status")));
	} else if (json_object_get(out, "to_account")) {
		printf("已转赠 %lld 分钟：账户 %lld → %lld\n",
		       cli_json_int(out, "minutes"),
		       cli_json_int(out, "from_account"),
		       cli_json_int(out, "to_account"));
	} else {
		print_volunteer(out);
		json_array_foreach(json_object_get(out, "kin"), i, e) printf(
		    "  亲属 %s（%s，%lld 岁）\n", cli_json_str(e, "name"),
		    cli_json_str(e, "relation_name"), cli_json_int(e, "age"));
	}
}

/* What an option sets: a key of the body or query, and whether it is a
 * number in a body. */
struct opt_key {
	const char *key;
	int id;
};

int cmd_service_timebank(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'A' },
		{ "json", no_argument, NULL, 'j' },
		{ "unmask", no_argument, NULL, 'u' },
		{ "all", no_argument, NULL, 'a' },
		{ "region", required_argument, NULL, 'r' },
		{ "on", required_argument, NULL, 'o' },
		{ "id-number", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "team", required_argument, NULL, 't' },
		{ "registered-on", required_argument, NULL, 'R' },
		{ "facility", required_argument, NULL, 'f' },
		{ "person", required_argument, NULL, 'P' },
		{ "relation", required_argument, NULL, 'L' },
		{ "volunteer", required_argument, NULL, 'v' },
		{ "status", required_argument, NULL, 's' },
		{ "item", required_argument, NULL, 'I' },
		{ "start", required_argument, NULL, 'S' },
		{ "end", required_argument, NULL, 'E' },
		{ "note", required_argument, NULL, 'N' },
		{ "reason", required_argument, NULL, 'x' },
		{ "minutes", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct opt_key keys_of[128] = {
		['r'] = { "region", 0 },      ['i'] = { "id_number", 0 },
		['n'] = { "name", 0 },        ['p'] = { "phone", 0 },
		['t'] = { "team", 0 },        ['R'] = { "registered_on", 0 },
		['f'] = { "facility_id", 1 }, ['P'] = { "person_id", 1 },
		['L'] = { "relation", 0 },    ['v'] = { "volunteer_id", 1 },
		['s'] = { "status", 0 },      ['I'] = { "item", 0 },
		['S'] = { "started_at", 0 },  ['E'] = { "finished_at", 0 },
		['N'] = { "note", 0 },        ['x'] = { "reason", 0 },
		['m'] = { "minutes", 1 },
	};
	static const char *const with_id[] = { "show",   "leave",  "kin",
		                               "verify", "reject", "account",
		                               NULL };
	static const char *const queries[] = { "volunteers", "show",
		                               "services",   "accounts",
		                               "account",    NULL };
	const char *path = DEFAULT_DB, *verb, *as = NULL;
	json_t *in = json_object(), *out = NULL;
	long long id = 0;
	struct app_ctx ctx;
	struct pii_keys *keys = NULL;
	struct principal p;
	struct db *db;
	int c, json = 0, ret = 1, need_id = 0, query = 0;

	if (argc < 2)
		goto usage;
	verb = argv[1];
	for (int i = 0; with_id[i]; i++)
		need_id |= !strcmp(verb, with_id[i]);
	for (int i = 0; queries[i]; i++)
		query |= !strcmp(verb, queries[i]);
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			path = optarg;
		} else if (c == 'A') {
			as = optarg;
		} else if (c == 'j') {
			json = 1;
		} else if (c == 'u' || c == 'a') {
			json_object_set_new(in, c == 'u' ? "unmask" : "all",
			                    json_string("1"));
		} else if (c == 'o') {
			json_object_set_new(
			    in, strcmp(verb, "leave") ? "on" : "left_on",
			    json_string(optarg));
		} else if (c > 0 && c < 128 && keys_of[c].key) {
			/* ids are numbers in a body, text in a query */
			json_object_set_new(in, keys_of[c].key,
			                    keys_of[c].id && !query
			                        ? json_integer(atoll(optarg))
			                        : json_string(optarg));
		} else {
			goto usage;
		}
	}
	if (argc - optind != need_id)
		goto usage;
	if (need_id && (id = atoll(argv[optind])) <= 0)
		goto usage;
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	keys = ctx.policies ? cli_open_keys(db, path) : NULL;
	ctx.keys = keys;
	if (keys && (!as || !cli_act_as(&ctx, as, &p))) {
		if (!strcmp(verb, "volunteers"))
			out = app_volunteer_list(&ctx, in);
		else if (!strcmp(verb, "show"))
			out = app_volunteer_get(&ctx, id, in);
		else if (!strcmp(verb, "register"))
			out = app_volunteer_register(&ctx, in);
		else if (!strcmp(verb, "leave"))
			out = app_volunteer_leave(&ctx, id, in);
		else if (!strcmp(verb, "kin"))
			out = app_volunteer_kin_add(&ctx, id, in);
		else if (!strcmp(verb, "services"))
			out = app_vservice_list(&ctx, in);
		else if (!strcmp(verb, "record"))
			out = app_vservice_record(&ctx, in);
		else if (!strcmp(verb, "verify"))
			out = app_vservice_verify(&ctx, id, in);
		else if (!strcmp(verb, "reject"))
			out = app_vservice_reject(&ctx, id, in);
		else if (!strcmp(verb, "transfer"))
			out = app_timebank_transfer(&ctx, in);
		else if (!strcmp(verb, "accounts"))
			out = app_timebank_accounts(&ctx, in);
		else if (!strcmp(verb, "account"))
			out = app_timebank_account(&ctx, id, in);
		else
			lx_fail(&ctx.err, LX_EMALFORMED, "",
			        "unknown verb '%s'", verb);
		if (!out) {
			cli_error(&ctx.err);
		} else {
			if (json) {
				json_dumpf(out, stdout, JSON_INDENT(2));
				putchar('\n');
			} else {
				print_out(verb, out);
			}
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
	fputs(usage, stderr);
	return 2;
}
