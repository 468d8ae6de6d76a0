/* place wait: waiting lists (轮候) from the shell — a list in order,
 * apply, the steps of an application, and closing lapsed offers. The
 * command line acts as the system administrator; every write is audited
 * as the API's are. */
#include "app/place_wait.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao place wait list (--facility ID | --region CODE)\n"
    "       laoxiao place wait show ID\n"
    "       laoxiao place wait apply --person ID (--facility ID | --region"
    " CODE) [--willing] [--declared FLAG --declared-note TEXT]"
    " [--date DAY] [--note TEXT]\n"
    "       laoxiao place wait offer ID [--facility ID] [--date DAY]"
    " [--reason TEXT]\n"
    "       laoxiao place wait accept ID\n"
    "       laoxiao place wait decline|skip|withdraw ID --reason TEXT\n"
    "       laoxiao place wait expire [--region CODE]\n"
    "       laoxiao place wait must-place [--region CODE]\n"
    "  options: --db PATH, --json\n";

static const char *level_name(json_t *a)
{
	json_t *l = json_object_get(a, "care_level");

	return json_is_object(l) ? cli_json_str(l, "name") : "未评估";
}

static void print_app(json_t *a)
{
	printf(
	    "%-6lld %-10s %-22s %-10s 等候起算 %s %s%s%s\n",
	    cli_json_int(a, "id"), cli_json_str(a, "person_name"),
	    cli_json_str(json_object_get(a, "tier"), "name"), level_name(a),
	    cli_json_str(a, "waiting_since"), cli_json_str(a, "status_label"),
	    json_is_true(json_object_get(a, "must_place")) ? " 必须安置" : "",
	    *cli_json_str(a, "on_hold") ? " 暂缓" : "");
}

static void print_list(json_t *out)
{
	json_t *e;
	size_t i;

	printf("%s 轮候 %lld 人，必须安置 %lld 人\n",
	       json_is_string(json_object_get(out, "facility_name"))
	           ? cli_json_str(out, "facility_name")
	           : cli_json_str(out, "region"),
	       cli_json_int(out, "size"), cli_json_int(out, "must_place"));
	json_array_foreach(json_object_get(out, "items"), i, e)
	{
		printf("第%-3lld", cli_json_int(e, "position"));
		print_app(e);
	}
}

static void print_must(json_t *out)
{
	json_t *e, *f;
	size_t i, k;

	printf(
	    "必须安置（有集中供养意愿的特困人员）%lld 人，县内无空床 %lld 人\n",
	    cli_json_int(out, "must_place"), cli_json_int(out, "without_room"));
	json_array_foreach(json_object_get(out, "items"), i, e)
	{
		print_app(e);
		if (!json_is_true(json_object_get(e, "has_room")))
			printf("  ！%s\n", cli_json_str(e, "alert"));
		json_array_foreach(json_object_get(e, "institutions"), k, f)
		    printf(
		        "  %s %-20s 空床 %lld 待答复 %lld 可安排 %lld%s\n",
		        cli_json_str(f, "region_name"), cli_json_str(f, "name"),
		        cli_json_int(f, "vacant_beds"),
		        cli_json_int(f, "open_offers"), cli_json_int(f, "left"),
		        json_is_true(json_object_get(f, "same_township"))
		            ? " 本乡镇"
		            : "");
	}
}

int cmd_place_wait(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "region", required_argument, NULL, 'r' },
		{ "facility", required_argument, NULL, 'f' },
		{ "person", required_argument, NULL, 'p' },
		{ "willing", no_argument, NULL, 'w' },
		{ "declared", required_argument, NULL, 'x' },
		{ "declared-note", required_argument, NULL, 'X' },
		{ "date", required_argument, NULL, 'D' },
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const verbs[] = {
		"list", "show",     "apply",  "offer",      "accept", "decline",
		"skip", "withdraw", "expire", "must-place", NULL
	};
	const char *path = DEFAULT_DB, *verb;
	json_t *in = json_object(), *out = NULL;
	int c, json = 0, ret = 1, k, query;
	long long id = 0;
	struct app_ctx ctx;
	struct db *db;

	if (argc < 2)
		goto usage;
	verb = argv[1];
	for (k = 0; verbs[k] && strcmp(verbs[k], verb); k++)
		;
	if (!verbs[k])
		goto usage;
	query = k == 0 || k == 9; /* query parameters are text */
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
		case 'f':
			json_object_set_new(
			    in, query ? "facility" : "facility_id",
			    query ? json_string(optarg)
			          : json_integer(atoll(optarg)));
			break;
		case 'p':
			json_object_set_new(in, "person_id",
			                    json_integer(atoll(optarg)));
			break;
		case 'w':
			json_object_set_new(in, "willing", json_true());
			break;
		case 'x':
			json_object_set_new(in, "declared",
			                    json_pack("[s]", optarg));
			break;
		case 'X':
			json_object_set_new(in, "declared_note",
			                    json_string(optarg));
			break;
		case 'D':
			json_object_set_new(
			    in, k == 2 ? "applied_on" : "offered_on",
			    json_string(optarg));
			break;
		case 'n':
			json_object_set_new(in, "note", json_string(optarg));
			break;
		case 'R':
			json_object_set_new(in, "reason", json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	/* show and the steps name an application */
	if (k == 1 || (k >= 3 && k <= 7)) {
		if (argc - optind != 1 || (id = atoll(argv[optind])) <= 0)
			goto usage;
	} else if (argc != optind) {
		goto usage;
	}
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies) {
		if (k == 0)
			out = app_wait_list(&ctx, in);
		else if (k == 1)
			out = app_wait_get(&ctx, id, 1);
		else if (k == 2)
			out = app_wait_apply(&ctx, in);
		else if (k == 8)
			out = app_wait_expire(&ctx, in);
		else if (k == 9)
			out = app_wait_must_place(&ctx, in);
		else
			out = app_wait_step(&ctx, id, verbs[k], in);
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			if (k == 0)
				print_list(out);
			else if (k == 8)
				printf(
				    "%s 逾期未答复的入住通知已关闭 %lld 条\n",
				    cli_json_str(out, "on"),
				    cli_json_int(out, "expired"));
			else if (k == 9)
				print_must(out);
			else
				print_app(out);
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
