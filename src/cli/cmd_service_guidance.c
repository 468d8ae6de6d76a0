/* service guidance: parenting-guidance activities (育儿指导) from the
 * shell: list, show, record with the infants reached, the coverage by
 * region, the policy's kinds. The command line acts as the system
 * administrator; a record is audited as the API's is. */
#include "app/policy.h"
#include "app/service_guidance.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao service guidance list [--region CODE] [--from DAY]"
    " [--to DAY]\n"
    "       laoxiao service guidance show ID\n"
    "       laoxiao service guidance record --kind K --title T --region CODE"
    " --date DAY --infants ID[,ID...] [--facility ID] [--provider P]"
    " [--families N] [--note N]\n"
    "       laoxiao service guidance coverage --region CODE [--date DAY]\n"
    "       laoxiao service guidance kinds --region CODE\n"
    "  options: --db PATH, --json\n";

static void print_act(json_t *a)
{
	printf("%-6lld %s %-8s %-20s %-12s 覆盖婴幼儿 %lld 名、家庭 %lld 户\n",
	       cli_json_int(a, "id"), cli_json_str(a, "held_on"),
	       cli_json_str(a, "kind_name"), cli_json_str(a, "title"),
	       cli_json_str(a, "region_name"), cli_json_int(a, "reached"),
	       cli_json_int(a, "families"));
}

static void print_out(int k, json_t *out)
{
	json_t *e;
	size_t i;

	switch (k) {
	case 0:
		json_array_foreach(json_object_get(out, "activities"), i, e)
		    print_act(e);
		printf("共 %lld 次活动\n", cli_json_int(out, "total"));
		break;
	case 3:
		printf(
		    "%s 截至 %s（自 %s 起）覆盖 %lld / %lld 名婴幼儿，%s%%\n",
		    cli_json_str(out, "region"), cli_json_str(out, "date"),
		    cli_json_str(out, "window_from"),
		    cli_json_int(out, "reached"), cli_json_int(out, "infants"),
		    json_is_string(json_object_get(out, "percent"))
		        ? cli_json_str(out, "percent")
		        : "—");
		json_array_foreach(json_object_get(out, "children"), i, e)
		    printf("  %-12s %-14s %lld / %lld %s\n",
		           cli_json_str(e, "code"), cli_json_str(e, "name"),
		           cli_json_int(e, "reached"),
		           cli_json_int(e, "infants"),
		           json_is_string(json_object_get(e, "percent"))
		               ? cli_json_str(e, "percent")
		               : "—");
		break;
	case 4:
		json_array_foreach(json_object_get(out, "kinds"), i, e)
		    printf("%s\n", cli_json_str(e, "name"));
		break;
	default:
		print_act(out);
		json_array_foreach(json_object_get(out, "infants"), i, e)
		    printf("  %s（%s 出生）\n", cli_json_str(e, "name"),
		           cli_json_str(e, "birth_date"));
	}
}

static json_t *parse_ids(const char *s)
{
	json_t *ids = json_array();
	char *copy = strdup(s), *save = NULL;

	for (char *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		json_array_append_new(ids, json_integer(atoll(tok)));
	free(copy);
	return ids;
}

int cmd_service_guidance(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "region", required_argument, NULL, 'r' },
		{ "facility", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "kind", required_argument, NULL, 'k' },
		{ "title", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'D' },
		{ "infants", required_argument, NULL, 'i' },
		{ "provider", required_argument, NULL, 'p' },
		{ "families", required_argument, NULL, 'm' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const verbs[] = { "list",     "show",  "record",
		                             "coverage", "kinds", NULL };
	const char *path = DEFAULT_DB;
	json_t *in = json_object(), *out = NULL;
	int c, json = 0, ret = 1, k;
	long long id = 0;
	struct app_ctx ctx;
	struct db *db;

	if (argc < 2)
		goto usage;
	for (k = 0; verbs[k] && strcmp(verbs[k], argv[1]); k++)
		;
	if (!verbs[k])
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
		case 'f':
			json_object_set_new(in, "facility_id",
			                    k == 2 ? json_integer(atoll(optarg))
			                           : json_string(optarg));
			break;
		case 'F':
			json_object_set_new(in, "from", json_string(optarg));
			break;
		case 'T':
			json_object_set_new(in, "to", json_string(optarg));
			break;
		case 'k':
			json_object_set_new(in, "kind", json_string(optarg));
			break;
		case 't':
			json_object_set_new(in, "title", json_string(optarg));
			break;
		case 'D':
			json_object_set_new(in, k == 2 ? "held_on" : "date",
			                    json_string(optarg));
			break;
		case 'i':
			json_object_set_new(in, "infants", parse_ids(optarg));
			break;
		case 'p':
			json_object_set_new(in, "provider",
			                    json_string(optarg));
			break;
		case 'm':
			json_object_set_new(in, "families",
			                    json_integer(atoll(optarg)));
			break;
		case 'n':
			json_object_set_new(in, "note", json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	if (k == 1) {
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
			out = app_guidance_list(&ctx, in);
		else if (k == 1)
			out = app_guidance_get(&ctx, id);
		else if (k == 2)
			out = app_guidance_create(&ctx, in);
		else if (k == 3)
			out = app_guidance_coverage(&ctx, in);
		else
			out = app_guidance_options(&ctx, in);
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			print_out(k, out);
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
