/* place vacancy / place price: vacancy and occupancy of a region on a day,
 * and facilities' prices (post, list with history, the flagged ones) from
 * the shell. The `place` dispatcher hands over argv[0] = "vacancy" or
 * "price". The command line acts as the system administrator; a price
 * posted is audited as the API's is. */
#include "app/place_prices.h"
#include "app/place_vacancy_report.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao place vacancy [--region CODE] [--as-of DAY]"
    " [--kind KIND] [--ownership O]\n"
    "       laoxiao place price add --facility ID --kind bed|care|class"
    " --code CODE [--mode full_day|half_day] --amount YUAN [--affordable]"
    " --from DAY [--basis TEXT]\n"
    "       laoxiao place price list --facility ID [--as-of DAY]\n"
    "       laoxiao place price flags [--region CODE] [--as-of DAY]\n"
    "  options: --db PATH, --json\n";

enum verb { V_VACANCY, V_ADD, V_LIST, V_FLAGS };

/* A share as "34.21%", or "—" when there is nothing to divide by. */
static const char *pct(json_t *o, const char *key, char out[64])
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		return "—";
	snprintf(out, 64, "%s%%", json_string_value(v));
	return out;
}

static void print_totals(const char *label, json_t *t)
{
	json_t *e = json_object_get(t, "elderly"),
	       *c = json_object_get(t, "childcare"), *k;
	char b1[64], b2[64], b3[64], b4[64];
	size_t i;

	printf("%s\n", label);
	printf("  养老机构 %lld 家：床位 %lld 张，入住 %lld 人，空置 %lld 张；"
	       "入住率 %s，空置率 %s；普惠床位 %lld 张（%s）\n",
	       cli_json_int(e, "facilities"), cli_json_int(e, "beds"),
	       cli_json_int(e, "occupied"), cli_json_int(e, "vacant"),
	       pct(e, "occupancy_rate", b1), pct(e, "vacancy_rate", b2),
	       cli_json_int(e, "affordable"), pct(e, "affordable_share", b3));
	printf("  托育 %lld 家：托位 %lld 个，在托 %lld 人，空余 %lld 个；"
	       "普惠托位 %lld 个（%s）\n",
	       cli_json_int(c, "facilities"), cli_json_int(c, "places"),
	       cli_json_int(c, "enrolled"), cli_json_int(c, "vacant"),
	       cli_json_int(c, "affordable"), pct(c, "affordable_share", b4));
	json_array_foreach(json_object_get(c, "classes"), i, k)
	    printf("    %s：%lld 个，在托 %lld，空余 %lld\n",
	           cli_json_str(k, "name"), cli_json_int(k, "capacity"),
	           cli_json_int(k, "enrolled"), cli_json_int(k, "vacant"));
}

static void print_price(json_t *p)
{
	json_t *fl = json_object_get(p, "flags");
	const char *mode = cli_json_str(p, "mode_name");

	printf(
	    "  %s %-6s %-10s%s%s %s 元/月%s  自 %s%s%s%s%s\n",
	    *cli_json_str(p, "facility_name") ? cli_json_str(p, "facility_name")
	                                      : "",
	    cli_json_str(p, "kind_name"), cli_json_str(p, "code_name"),
	    *mode ? " " : "", mode, cli_json_str(p, "amount_yuan"),
	    json_is_true(json_object_get(p, "affordable")) ? "（普惠）" : "",
	    cli_json_str(p, "effective_date"),
	    json_is_true(json_object_get(fl, "over_cap")) ? "  超出限价 " : "",
	    json_is_true(json_object_get(fl, "over_cap"))
	        ? cli_json_str(fl, "excess_yuan")
	        : "",
	    json_is_true(json_object_get(fl, "over_cap")) ? " 元" : "",
	    json_is_true(json_object_get(fl, "review_due")) ? "  到期未复核"
	                                                    : "");
}

static void print_out(enum verb v, json_t *out)
{
	json_t *e;
	size_t i;

	switch (v) {
	case V_VACANCY:
		print_totals(*cli_json_str(out, "region")
		                 ? cli_json_str(out, "region")
		                 : "全部",
		             json_object_get(out, "total"));
		json_array_foreach(json_object_get(out, "regions"), i, e)
		    print_totals(cli_json_str(e, "name"), e);
		printf("截至 %s；%s\n", cli_json_str(out, "as_of"),
		       cli_json_str(out, "rounding_zh"));
		break;
	case V_ADD:
		print_price(out);
		break;
	case V_LIST:
		printf("%s：%s 执行的价格\n",
		       cli_json_str(out, "facility_name"),
		       cli_json_str(out, "as_of"));
		json_array_foreach(json_object_get(out, "in_force"), i, e)
		    print_price(e);
		printf("历次价格\n");
		json_array_foreach(json_object_get(out, "history"), i, e)
		    print_price(e);
		break;
	case V_FLAGS:
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_price(e);
		printf("共 %lld 项需关注（截至 %s）\n",
		       cli_json_int(out, "flagged"),
		       cli_json_str(out, "as_of"));
		break;
	}
}

int cmd_place_price(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "region", required_argument, NULL, 'r' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "kind", required_argument, NULL, 'k' },
		{ "ownership", required_argument, NULL, 'o' },
		{ "facility", required_argument, NULL, 'f' },
		{ "code", required_argument, NULL, 'c' },
		{ "mode", required_argument, NULL, 'm' },
		{ "amount", required_argument, NULL, 'y' },
		{ "affordable", no_argument, NULL, 'A' },
		{ "from", required_argument, NULL, 'F' },
		{ "basis", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB;
	json_t *in = json_object(), *out = NULL;
	int c, json = 0, ret = 1, first;
	enum verb v;
	long long facility = 0;
	struct app_ctx ctx;
	struct db *db;

	if (argc >= 1 && !strcmp(argv[0], "vacancy")) {
		v = V_VACANCY;
		first = 1;
	} else if (argc >= 2 && !strcmp(argv[0], "price")) {
		if (!strcmp(argv[1], "add"))
			v = V_ADD;
		else if (!strcmp(argv[1], "list"))
			v = V_LIST;
		else if (!strcmp(argv[1], "flags"))
			v = V_FLAGS;
		else
			goto usage;
		first = 2;
	} else {
		goto usage;
	}
	optind = first;
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
		case 'a':
			json_object_set_new(in, "as_of", json_string(optarg));
			break;
		case 'k':
			json_object_set_new(in, "kind", json_string(optarg));
			break;
		case 'o':
			json_object_set_new(in, "ownership",
			                    json_string(optarg));
			break;
		case 'f':
			facility = atoll(optarg);
			break;
		case 'c':
			json_object_set_new(in, "code", json_string(optarg));
			break;
		case 'm':
			json_object_set_new(in, "mode", json_string(optarg));
			break;
		case 'y':
			json_object_set_new(in, "amount_yuan",
			                    json_string(optarg));
			break;
		case 'A':
			json_object_set_new(in, "affordable", json_true());
			break;
		case 'F':
			json_object_set_new(in, "effective_date",
			                    json_string(optarg));
			break;
		case 'b':
			json_object_set_new(in, "basis", json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	if (argc != optind || ((v == V_ADD || v == V_LIST) && facility <= 0))
		goto usage;
	if (v == V_FLAGS)
		json_object_set_new(in, "flagged", json_string("1"));
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies) {
		if (v == V_VACANCY)
			out = app_place_vacancy(&ctx, in);
		else if (v == V_ADD)
			out = app_place_price_add(&ctx, facility, in);
		else if (v == V_LIST)
			out = app_place_price_history(&ctx, facility, in);
		else
			out = app_place_prices(&ctx, in);
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			print_out(v, out);
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
