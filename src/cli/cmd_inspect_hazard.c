/* inspect check / inspect hazard: recording a check and the closed loop of
 * its hazards from the shell — a check's checklist and results, an item's
 * result, finishing it; the three lists, a hazard's order, answer and
 * re-check, the escalation run and the per-case notice. The command line
 * acts as the system administrator; every write is audited as the API's
 * are. Reached as "laoxiao inspect check|hazard …" (argv[0] the noun). */
#include "app/inspect_checks.h"
#include "app/inspect_hazard_lists.h"
#include "app/inspect_hazard_notice.h"
#include "app/inspect_hazards.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao inspect check show ID\n"
    "       laoxiao inspect check result ID --item CODE --outcome"
    " pass|fail|na [--note TEXT]\n"
    "       laoxiao inspect check finish ID [--date DAY]\n"
    "       laoxiao inspect hazard list [--list hazards|rectifications|"
    "responsibilities] [--region CODE] [--status S] [--format csv]\n"
    "       laoxiao inspect hazard order ID --responsible NAME\n"
    "       laoxiao inspect hazard answer ID --rectification TEXT --date DAY\n"
    "       laoxiao inspect hazard recheck ID (--passed | --failed)"
    " [--note TEXT]\n"
    "       laoxiao inspect hazard escalate\n"
    "       laoxiao inspect hazard notice ID\n"
    "  options: --db PATH, --json\n";

static void print_hazard(json_t *h)
{
	printf("%-6lld %s  %s  %s（%s）%s  期限 %s%s%s\n",
	       cli_json_int(h, "id"),
	       cli_json_str(json_object_get(h, "facility"), "name"),
	       cli_json_str(h, "domain_label"), cli_json_str(h, "description"),
	       cli_json_str(h, "severity_label"),
	       cli_json_str(h, "status_label"), cli_json_str(h, "deadline"),
	       json_is_true(json_object_get(h, "overdue")) ? " 逾期" : "",
	       json_is_true(json_object_get(h, "stops_admission")) &&
	               strcmp(cli_json_str(h, "status"), "closed")
	           ? " 停止收住"
	           : "");
}

static const char *check_status_zh(const char *s)
{
	return !strcmp(s, "scheduled")     ? "待检查"
	       : !strcmp(s, "in_progress") ? "检查中"
	       : !strcmp(s, "done")        ? "已完成"
	       : !strcmp(s, "cancelled")   ? "已取消"
	                                   : s;
}

static void print_check(json_t *c)
{
	json_t *f = json_object_get(c, "facility"), *d, *i, *h;
	size_t k, m;

	printf("检查 %lld  %s（%s）  %s  计划日期 %s\n", cli_json_int(c, "id"),
	       cli_json_str(f, "name"), cli_json_str(f, "kind_label"),
	       check_status_zh(cli_json_str(c, "status")),
	       cli_json_str(c, "scheduled_on"));
	json_array_foreach(json_object_get(c, "domains"), k, d)
	{
		printf("【%s】（%s）\n", cli_json_str(d, "label"),
		       cli_json_str(d, "department"));
		json_array_foreach(json_object_get(d, "items"), m, i)
		    printf("  %-8s %s  %s\n",
		           json_is_string(json_object_get(i, "outcome_label"))
		               ? cli_json_str(i, "outcome_label")
		               : "未检查",
		           cli_json_str(i, "text"), cli_json_str(i, "code"));
	}
	json_array_foreach(json_object_get(c, "hazards"), k, h) print_hazard(h);
}

static int hazard_verb(struct app_ctx *ctx, int k, long long id, json_t *in,
                       int json)
{
	json_t *out = NULL;
	char *text = NULL;
	size_t len = 0;
	const char *type, *ext;
	int ret = 1;

	switch (k) {
	case 0:
		if (app_hazard_lists(ctx, in, &out, &text, &len, &type, &ext))
			return cli_error(&ctx->err);
		if (text) {
			fwrite(text, 1, len, stdout);
			return 0;
		}
		break;
	case 1:
	case 2:
	case 3:
		out = app_hazard_step(ctx, id,
		                      k == 1   ? "order"
		                      : k == 2 ? "answer"
		                               : "recheck",
		                      in);
		break;
	case 4:
		out = app_hazard_escalate(ctx, in);
		break;
	default:
		if (app_hazard_notice(ctx, id, &text, &len))
			return cli_error(&ctx->err);
		fwrite(text, 1, len, stdout);
		return 0;
	}
	if (!out)
		return cli_error(&ctx->err);
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (k == 0) {
		json_t *h;
		size_t i;

		printf("%s（截至 %s）共 %lld 条\n", cli_json_str(out, "label"),
		       cli_json_str(out, "as_of"), cli_json_int(out, "count"));
		json_array_foreach(json_object_get(out, "items"), i, h)
		    print_hazard(h);
	} else if (k == 4) {
		printf("%s 逾期隐患上报 %lld 条\n", cli_json_str(out, "today"),
		       cli_json_int(out, "escalated"));
	} else {
		print_hazard(out);
	}
	ret = 0;
	json_decref(out);
	return ret;
}

static int check_verb(struct app_ctx *ctx, int k, long long id, json_t *in,
                      int json)
{
	json_t *out;

	if (k == 0) {
		out = app_icheck_get(ctx, id);
	} else if (k == 1) {
		json_t *body = json_pack("{s:[O]}", "results", in);

		out = app_icheck_results(ctx, id, body);
		json_decref(body);
	} else {
		out = app_icheck_finish(ctx, id, in);
	}
	if (!out)
		return cli_error(&ctx->err);
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		print_check(out);
	}
	json_decref(out);
	return 0;
}

int cmd_inspect_hazard(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "item", required_argument, NULL, 'i' },
		{ "outcome", required_argument, NULL, 'o' },
		{ "note", required_argument, NULL, 'n' },
		{ "date", required_argument, NULL, 'D' },
		{ "list", required_argument, NULL, 'l' },
		{ "region", required_argument, NULL, 'r' },
		{ "status", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "responsible", required_argument, NULL, 'R' },
		{ "rectification", required_argument, NULL, 'x' },
		{ "passed", no_argument, NULL, 'P' },
		{ "failed", no_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const check_verbs[] = { "show", "result", "finish",
		                                   NULL };
	static const char *const hazard_verbs[] = {
		"list", "order", "answer", "recheck", "escalate", "notice", NULL
	};
	const char *path = DEFAULT_DB;
	const char *const *verbs;
	json_t *in = json_object();
	int c, json = 0, ret = 1, k, is_check, needs_id;
	long long id = 0;
	struct app_ctx ctx;
	struct db *db;

	if (argc < 2)
		goto usage;
	is_check = !strcmp(argv[0], "check");
	if (!is_check && strcmp(argv[0], "hazard"))
		goto usage;
	verbs = is_check ? check_verbs : hazard_verbs;
	for (k = 0; verbs[k] && strcmp(verbs[k], argv[1]); k++)
		;
	if (!verbs[k])
		goto usage;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		const char *key = NULL;
		json_t *v = NULL;

		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'i':
			key = "item";
			break;
		case 'o':
			key = "outcome";
			break;
		case 'n':
			key = "note";
			break;
		case 'D':
			key = is_check ? "done_on" : "rectified_on";
			break;
		case 'l':
			key = "list";
			break;
		case 'r':
			key = "region";
			break;
		case 's':
			key = "status";
			break;
		case 'F':
			key = "format";
			break;
		case 'R':
			key = "responsible";
			break;
		case 'x':
			key = "rectification";
			break;
		case 'P':
		case 'N':
			json_object_set_new(in, "passed",
			                    c == 'P' ? json_true()
			                             : json_false());
			break;
		default:
			goto usage;
		}
		if (key) {
			v = json_string(optarg);
			json_object_set_new(in, key, v);
		}
	}
	needs_id = is_check || (k != 0 && k != 4);
	if (needs_id) {
		if (argc - optind != 1 || (id = atoll(argv[optind])) <= 0)
			goto usage;
	} else if (argc != optind) {
		goto usage;
	}
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies)
		ret = is_check ? check_verb(&ctx, k, id, in, json)
		               : hazard_verb(&ctx, k, id, in, json);
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
