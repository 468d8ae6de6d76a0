/* service bed: family care beds (家庭养老床位) from the shell: list, show,
 * counts by region, apply, take a step, log a month. The command line
 * acts as the system administrator; every write is audited as the API's
 * are. */
#include "app/policy.h"
#include "app/service_beds.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao service bed list [--region CODE] [--facility ID]"
    " [--status S]\n"
    "       laoxiao service bed show ID\n"
    "       laoxiao service bed counts --region CODE [--date DAY]\n"
    "       laoxiao service bed apply --person ID --facility ID"
    " [--basis TEXT]\n"
    "       laoxiao service bed assess ID --date DAY [--care-level L]\n"
    "       laoxiao service bed set-up ID --date DAY --adaptation TEXT"
    " --devices TEXT --plan ITEM:TIMES[,ITEM:TIMES...]\n"
    "       laoxiao service bed activate ID --date DAY\n"
    "       laoxiao service bed remove ID --date DAY --reason TEXT\n"
    "       laoxiao service bed log ID --month YYYY-MM --visits N"
    " --minutes N [--items TEXT] [--note TEXT]\n"
    "  options: --db PATH, --json\n";

static void print_bed(json_t *b)
{
	printf("%-6lld %-6s %-10s %-12s 服务机构 %s 起 %s\n",
	       cli_json_int(b, "id"), cli_json_str(b, "status_label"),
	       cli_json_str(b, "person_name"), cli_json_str(b, "region_name"),
	       cli_json_str(b, "facility_name"),
	       json_is_string(json_object_get(b, "active_from"))
	           ? cli_json_str(b, "active_from")
	           : "—");
}

static void print_full(json_t *b)
{
	json_t *e;
	size_t i;

	print_bed(b);
	if (*cli_json_str(b, "care_level"))
		printf("  评估 %s %s\n", cli_json_str(b, "assessed_on"),
		       cli_json_str(b, "care_level"));
	if (*cli_json_str(b, "adaptation") || *cli_json_str(b, "devices"))
		printf("  适老化改造 %s；信息化改造 %s\n",
		       cli_json_str(b, "adaptation"),
		       cli_json_str(b, "devices"));
	json_array_foreach(json_object_get(b, "plan"), i, e)
	    printf("  服务计划 %s 每月 %lld 次\n", cli_json_str(e, "name"),
	           cli_json_int(e, "times"));
	json_array_foreach(json_object_get(b, "logs"), i, e)
	    printf("  %s 上门 %lld 次 %lld 分钟%s\n", cli_json_str(e, "month"),
	           cli_json_int(e, "visits"), cli_json_int(e, "minutes"),
	           json_is_true(json_object_get(e, "under_standard"))
	               ? "  低于服务标准"
	               : "");
	if (*cli_json_str(b, "removed_reason"))
		printf("  撤床 %s：%s\n", cli_json_str(b, "removed_on"),
		       cli_json_str(b, "removed_reason"));
}

static void print_out(const char *verb, json_t *out)
{
	json_t *e;
	size_t i;

	if (!strcmp(verb, "list")) {
		json_array_foreach(json_object_get(out, "beds"), i, e)
		    print_bed(e);
		printf("共 %lld 张\n", cli_json_int(out, "total"));
	} else if (!strcmp(verb, "counts")) {
		printf("%s %s 在床 %lld 张\n", cli_json_str(out, "region"),
		       cli_json_str(out, "date"), cli_json_int(out, "active"));
		json_array_foreach(json_object_get(out, "children"), i, e)
		    printf("  %-12s %-14s %lld\n", cli_json_str(e, "code"),
		           cli_json_str(e, "name"), cli_json_int(e, "active"));
	} else {
		print_full(out);
	}
}

/* "meal:4,bath:2" as [{"item": "meal", "times": 4}, ...]; NULL when
 * malformed. */
static json_t *parse_plan(const char *s)
{
	json_t *plan = json_array();
	char *copy = strdup(s), *save = NULL;

	for (char *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');

		if (!colon || colon == tok || !colon[1]) {
			json_decref(plan);
			plan = NULL;
			break;
		}
		*colon = '\0';
		json_array_append_new(
		    plan, json_pack("{s:s, s:I}", "item", tok, "times",
		                    (json_int_t)atoll(colon + 1)));
	}
	free(copy);
	return plan;
}

static const char *date_key(const char *verb)
{
	if (!strcmp(verb, "assess"))
		return "assessed_on";
	if (!strcmp(verb, "set-up"))
		return "set_up_on";
	if (!strcmp(verb, "activate"))
		return "active_from";
	if (!strcmp(verb, "remove"))
		return "removed_on";
	return "date";
}

int cmd_service_bed(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "region", required_argument, NULL, 'r' },
		{ "facility", required_argument, NULL, 'f' },
		{ "status", required_argument, NULL, 's' },
		{ "person", required_argument, NULL, 'p' },
		{ "basis", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'D' },
		{ "care-level", required_argument, NULL, 'c' },
		{ "adaptation", required_argument, NULL, 'a' },
		{ "devices", required_argument, NULL, 'v' },
		{ "plan", required_argument, NULL, 'P' },
		{ "reason", required_argument, NULL, 'R' },
		{ "month", required_argument, NULL, 'm' },
		{ "visits", required_argument, NULL, 'V' },
		{ "minutes", required_argument, NULL, 'M' },
		{ "items", required_argument, NULL, 'i' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const verbs[] = { "list",     "show",   "counts",
		                             "apply",    "assess", "set-up",
		                             "activate", "remove", "log",
		                             NULL };
	const char *path = DEFAULT_DB, *verb;
	json_t *in = json_object(), *out = NULL, *plan;
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
	/* list and counts take query parameters (text); the rest bodies */
	query = k == 0 || k == 2;
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
			json_object_set_new(in, "status", json_string(optarg));
			break;
		case 'f':
			json_object_set_new(in, "facility_id",
			                    query
			                        ? json_string(optarg)
			                        : json_integer(atoll(optarg)));
			break;
		case 'p':
			json_object_set_new(in, "person_id",
			                    json_integer(atoll(optarg)));
			break;
		case 'b':
			json_object_set_new(in, "basis", json_string(optarg));
			break;
		case 'D':
			json_object_set_new(in, date_key(verb),
			                    json_string(optarg));
			break;
		case 'c':
			json_object_set_new(in, "care_level",
			                    json_string(optarg));
			break;
		case 'a':
			json_object_set_new(in, "adaptation",
			                    json_string(optarg));
			break;
		case 'v':
			json_object_set_new(in, "devices", json_string(optarg));
			break;
		case 'P':
			if (!(plan = parse_plan(optarg)))
				goto usage;
			json_object_set_new(in, "plan", plan);
			break;
		case 'R':
			json_object_set_new(in, "reason", json_string(optarg));
			break;
		case 'm':
			json_object_set_new(in, "month", json_string(optarg));
			break;
		case 'V':
			json_object_set_new(in, "visits",
			                    json_integer(atoll(optarg)));
			break;
		case 'M':
			json_object_set_new(in, "minutes",
			                    json_integer(atoll(optarg)));
			break;
		case 'i':
			json_object_set_new(in, "items", json_string(optarg));
			break;
		case 'n':
			json_object_set_new(in, "note", json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	/* show, the steps and log name a bed */
	if (k == 1 || k >= 4) {
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
			out = app_bed_list(&ctx, in);
		else if (k == 1)
			out = app_bed_get(&ctx, id);
		else if (k == 2)
			out = app_bed_counts(&ctx, in);
		else if (k == 3)
			out = app_bed_create(&ctx, in);
		else if (k == 8)
			out = app_bed_log(&ctx, id, in);
		else
			out = app_bed_step(&ctx, id,
			                   k == 5 ? "set_up" : verbs[k], in);
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			print_out(verb, out);
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
