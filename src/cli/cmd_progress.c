/* progress: task progress by department from the shell (DESIGN.md module
 * 10): file a report, list tasks with their traffic lights, reminders and
 * the league table, printed with Chinese labels. The command line acts as
 * the system administrator unless --as names an account; the use cases are
 * app/task_report.c and app/task_progress.c. */
#include "app/policy.h"
#include "app/task_progress.h"
#include "app/task_report.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum what { REPORT, LIST, REMINDERS, LEAGUE };

static void print_task(json_t *t)
{
	json_t *l = json_object_get(t, "light");

	printf("%-6lld %s  %s  %s\n       %s：%s\n", cli_json_int(t, "id"),
	       cli_json_str(t, "number"), cli_json_str(t, "text"),
	       cli_json_str(t, "plan"), cli_json_str(l, "colour_zh"),
	       cli_json_str(l, "why"));
}

static void print(enum what w, json_t *out)
{
	json_t *e;
	size_t i;

	switch (w) {
	case REPORT:
		printf(
		    "已报告：%s %s  %s\n",
		    cli_json_str(json_object_get(out, "report"), "department"),
		    cli_json_str(json_object_get(out, "report"), "period"),
		    cli_json_str(json_object_get(out, "light"), "why"));
		break;
	case LIST:
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_task(e);
		break;
	case REMINDERS:
		printf("报告期 %s\n逾期任务：\n", cli_json_str(out, "period"));
		json_array_foreach(json_object_get(out, "overdue"), i, e)
		    print_task(e);
		printf("未报告：\n");
		json_array_foreach(json_object_get(out, "missing"), i, e)
		    printf("  %s  任务 %s %s  应于 %s 前报送%s\n",
		           cli_json_str(e, "department"),
		           cli_json_str(e, "task_number"),
		           cli_json_str(e, "task"), cli_json_str(e, "due_on"),
		           json_is_true(json_object_get(e, "late"))
		               ? "（已逾期）"
		               : "");
		break;
	case LEAGUE:
		printf(
		    "名次  部门  牵头任务  绿灯 黄灯 红灯  按时报告率(%%)\n");
		json_array_foreach(json_object_get(out, "items"), i, e) printf(
		    "%-4lld  %s  %lld  %lld %lld %lld  %s\n",
		    cli_json_int(e, "rank"), cli_json_str(e, "department"),
		    cli_json_int(e, "tasks_led"), cli_json_int(e, "green"),
		    cli_json_int(e, "yellow"), cli_json_int(e, "red"),
		    json_is_string(json_object_get(e, "on_time_share"))
		        ? cli_json_str(e, "on_time_share")
		        : "—");
		break;
	}
}

static int run(enum what w, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "plan", required_argument, NULL, 'p' },
		{ "department", required_argument, NULL, 'D' },
		{ "on", required_argument, NULL, 'o' },
		{ "period", required_argument, NULL, 'P' },
		{ "percent", required_argument, NULL, 'c' },
		{ "quantity", required_argument, NULL, 'q' },
		{ "text", required_argument, NULL, 't' },
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *as = NULL;
	json_t *in = json_object(), *out = NULL;
	struct principal p;
	struct app_ctx ctx;
	struct db *db;
	long long task = 0;
	int c, json = 0, ret = 1, created = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		const char *key = NULL;

		switch (c) {
		case 'r':
			key = "region";
			break;
		case 'p':
			key = "plan";
			break;
		case 'o':
			key = w == REPORT ? "reported_on" : "on";
			break;
		case 'P':
			key = "period";
			break;
		case 'c':
			key = "percent";
			break;
		case 'q':
			key = "quantity";
			break;
		case 't':
			key = "text";
			break;
		case 'D':
			if (w == REPORT)
				json_object_set_new(
				    in, "department_id",
				    json_integer(atoll(optarg)));
			else
				json_object_set_new(in, "department",
				                    json_string(optarg));
			continue;
		case 'd':
			path = optarg;
			continue;
		case 'a':
			as = optarg;
			continue;
		case 'j':
			json = 1;
			continue;
		default:
			goto usage;
		}
		json_object_set_new(in, key, json_string(optarg));
	}
	if (w == REPORT &&
	    (argc - optind != 1 || (task = atoll(argv[optind])) <= 0))
		goto usage;
	if (w != REPORT && optind != argc)
		goto usage;
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies && (!as || !cli_act_as(&ctx, as, &p))) {
		out = w == REPORT
		          ? app_task_report_add(&ctx, task, in, &created)
		      : w == LIST      ? app_progress_list(&ctx, in)
		      : w == REMINDERS ? app_progress_reminders(&ctx, in)
		                       : app_progress_league(&ctx, in);
		if (!out) {
			cli_error(&ctx.err);
		} else {
			if (json) {
				json_dumpf(out, stdout, JSON_INDENT(2));
				putchar('\n');
			} else {
				print(w, out);
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
	return cli_usage("progress");
}

static int verb_report(int argc, char **argv)
{
	return run(REPORT, argc, argv);
}

static int verb_list(int argc, char **argv)
{
	return run(LIST, argc, argv);
}

static int verb_reminders(int argc, char **argv)
{
	return run(REMINDERS, argc, argv);
}

static int verb_league(int argc, char **argv)
{
	return run(LEAGUE, argc, argv);
}

static const struct cli_verb verbs[] = {
	{ "report", verb_report },
	{ "list", verb_list },
	{ "reminders", verb_reminders },
	{ "league", verb_league },
};

int cmd_progress(int argc, char **argv)
{
	return cli_dispatch("progress", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
