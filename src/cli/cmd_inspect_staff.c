/* inspect food / inspect staff: canteens' food-safety grades and the staff
 * records of facilities from the shell. The `inspect` dispatcher hands
 * over argv[0] = "food" or "staff", argv[1] the verb. The command line
 * acts as the system administrator, or as the account given by --as;
 * every write is audited as the API's is. */
#include "app/inspect_food.h"
#include "app/inspect_staff.h"
#include "app/pii.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: laoxiao inspect food grade --facility ID --grade A|B|C --on DAY"
    " [--note TEXT]\n"
    "       laoxiao inspect food list [--facility ID] [--region CODE]"
    " [--as-of DAY] [--kind KIND]\n"
    "       laoxiao inspect staff add --facility ID --id-number N --name NAME"
    " --occupation CODE [--certificate TEXT --level CODE] --from DAY"
    " [--to DAY]\n"
    "       laoxiao inspect staff list [--region CODE] [--facility ID]"
    " [--as-of DAY]\n"
    "       laoxiao inspect staff show ID [--unmask]\n"
    "       laoxiao inspect staff end ID --to DAY\n"
    "       laoxiao inspect staff train ID --kind CODE --on DAY"
    " [--hours N] [--provider TEXT]\n"
    "       laoxiao inspect staff health ID --on DAY [--result TEXT]\n"
    "       laoxiao inspect staff duplicates [--region CODE]\n"
    "       laoxiao inspect staff shares [--region CODE] [--as-of DAY]\n"
    "  options: --db PATH, --json, --as USERNAME\n";

/* A share as "2/3 = 66.67%", or "—" when there is nothing to divide. */
static void print_share(const char *label, json_t *s)
{
	json_t *p = json_object_get(s, "percent");

	printf("  %s：%lld/%lld = %s%s\n", label, cli_json_int(s, "numerator"),
	       cli_json_int(s, "denominator"),
	       json_is_string(p) ? json_string_value(p) : "—",
	       json_is_string(p) ? "%" : "");
}

static void print_grade(json_t *g)
{
	printf("  %s %s（%s）%s\n", cli_json_str(g, "graded_on"),
	       cli_json_str(g, "grade"), cli_json_str(g, "grade_name"),
	       json_is_true(json_object_get(g, "good")) ? " B级以上" : "");
}

static void print_staff(json_t *s)
{
	json_t *to = json_object_get(s, "contract_to");

	printf("  #%lld %s %s %s %s%s%s 合同 %s 至 %s%s\n",
	       cli_json_int(s, "id"), cli_json_str(s, "name"),
	       cli_json_str(s, "id_number"), cli_json_str(s, "facility_name"),
	       cli_json_str(s, "occupation_name"),
	       *cli_json_str(s, "certificate") ? " 持证 " : " 无证",
	       cli_json_str(s, "cert_level_name"),
	       cli_json_str(s, "contract_from"),
	       json_is_string(to) ? json_string_value(to) : "无固定期限",
	       json_is_true(json_object_get(s, "duplicate")) ? "  重复在岗"
	                                                     : "");
}

static void print_tally(const char *label, json_t *t)
{
	printf("%s：在岗 %lld 人\n", label, cli_json_int(t, "staff"));
	print_share("持证上岗率", json_object_get(t, "certified"));
	print_share("岗前培训率", json_object_get(t, "pre_job_trained"));
	print_share("托育人员年度体检和卫生保健培训",
	            json_object_get(t, "childcare_health"));
}

static void print_out(const char *what, const char *verb, json_t *out)
{
	json_t *e, *c;
	size_t i, j;

	if (!strcmp(what, "food") && !strcmp(verb, "grade")) {
		print_grade(out);
	} else if (!strcmp(what, "food") && json_object_get(out, "current")) {
		printf("当前等级（%s）：\n", cli_json_str(out, "as_of"));
		if (json_is_object(json_object_get(out, "current")))
			print_grade(json_object_get(out, "current"));
		else
			printf("  未评级\n");
		printf("历次评级：\n");
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_grade(e);
	} else if (!strcmp(what, "food")) {
		json_array_foreach(json_object_get(out, "items"), i, e)
		{
			c = json_object_get(e, "current");
			printf("  %s %s %s\n", cli_json_str(e, "name"),
			       cli_json_str(e, "kind_label"),
			       json_is_object(c) ? cli_json_str(c, "grade")
			                         : "未评级");
		}
		printf("机构 %lld 家，已评级 %lld 家，B级以上 %lld 家（截至 "
		       "%s，四舍五入）\n",
		       cli_json_int(out, "facilities"),
		       cli_json_int(out, "graded"), cli_json_int(out, "good"),
		       cli_json_str(out, "as_of"));
		print_share("B级以上占比", json_object_get(out, "share"));
	} else if (!strcmp(verb, "list")) {
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_staff(e);
	} else if (!strcmp(verb, "duplicates")) {
		json_array_foreach(json_object_get(out, "items"), i, e)
		{
			printf("%s 重复在岗：\n", cli_json_str(e, "id_number"));
			json_array_foreach(json_object_get(e, "contracts"), j,
			                   c) print_staff(c);
		}
		printf("共 %zu 人\n",
		       json_array_size(json_object_get(out, "items")));
	} else if (!strcmp(verb, "shares")) {
		print_tally("合计", out);
		print_tally("养老",
		            json_object_get(json_object_get(out, "by_sector"),
		                            "elderly"));
		print_tally("托育",
		            json_object_get(json_object_get(out, "by_sector"),
		                            "childcare"));
		json_array_foreach(json_object_get(out, "by_region"), i, e)
		    print_tally(cli_json_str(e, "region_name"), e);
		printf("截至 %s；百分比四舍五入到两位小数\n",
		       cli_json_str(out, "as_of"));
	} else if (!strcmp(verb, "train") || !strcmp(verb, "health")) {
		printf("  #%lld %s %s\n", cli_json_int(out, "id"),
		       cli_json_str(out, "kind_name"), cli_json_str(out, "on"));
	} else {
		print_staff(out);
		json_array_foreach(json_object_get(out, "trainings"), i, e)
		    printf("    培训 %s %s\n", cli_json_str(e, "on"),
		           cli_json_str(e, "kind_name"));
		json_array_foreach(json_object_get(out, "health_checks"), i, e)
		    printf("    体检 %s %s\n", cli_json_str(e, "on"),
		           cli_json_str(e, "text"));
	}
}

struct opt_key {
	const char *key;
	int num; /* a number in a body */
};

static json_t *run(struct app_ctx *ctx, const char *what, const char *verb,
                   long long id, long long facility, json_t *in)
{
	if (!strcmp(what, "food")) {
		if (!strcmp(verb, "grade"))
			return app_inspect_food_add(ctx, facility, in);
		if (!strcmp(verb, "list") && facility > 0)
			return app_inspect_food_list(ctx, facility, in);
		if (!strcmp(verb, "list"))
			return app_inspect_food_shares(ctx, in);
	} else if (!strcmp(verb, "add")) {
		if (facility > 0)
			json_object_set_new(in, "facility_id",
			                    json_integer(facility));
		return app_inspect_staff_add(ctx, in);
	} else if (!strcmp(verb, "list")) {
		if (facility > 0)
			json_object_set_new(in, "facility_id",
			                    json_string(arena_printf(
			                        ctx->arena, "%lld", facility)));
		return app_inspect_staff_list(ctx, in);
	} else if (!strcmp(verb, "show")) {
		return app_inspect_staff_get(ctx, id, in);
	} else if (!strcmp(verb, "end")) {
		return app_inspect_staff_end(ctx, id, in);
	} else if (!strcmp(verb, "train")) {
		return app_inspect_staff_train(ctx, id, in);
	} else if (!strcmp(verb, "health")) {
		return app_inspect_staff_health(ctx, id, in);
	} else if (!strcmp(verb, "duplicates")) {
		return app_inspect_staff_duplicates(ctx, in);
	} else if (!strcmp(verb, "shares")) {
		return app_inspect_staff_shares(ctx, in);
	}
	lx_fail(&ctx->err, LX_EMALFORMED, "", "unknown verb '%s'", verb);
	return NULL;
}

int cmd_inspect_staff(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "as", required_argument, NULL, 'A' },
		{ "unmask", no_argument, NULL, 'u' },
		{ "facility", required_argument, NULL, 'f' },
		{ "region", required_argument, NULL, 'r' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "kind", required_argument, NULL, 'k' },
		{ "grade", required_argument, NULL, 'g' },
		{ "on", required_argument, NULL, 'o' },
		{ "note", required_argument, NULL, 'n' },
		{ "id-number", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'N' },
		{ "occupation", required_argument, NULL, 'O' },
		{ "certificate", required_argument, NULL, 'c' },
		{ "level", required_argument, NULL, 'l' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 't' },
		{ "hours", required_argument, NULL, 'h' },
		{ "provider", required_argument, NULL, 'p' },
		{ "result", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct opt_key keys_of[128] = {
		['r'] = { "region", 0 },        ['a'] = { "as_of", 0 },
		['k'] = { "kind", 0 },          ['g'] = { "grade", 0 },
		['n'] = { "note", 0 },          ['i'] = { "id_number", 0 },
		['N'] = { "name", 0 },          ['O'] = { "occupation", 0 },
		['c'] = { "certificate", 0 },   ['l'] = { "cert_level", 0 },
		['F'] = { "contract_from", 0 }, ['h'] = { "hours", 1 },
		['p'] = { "provider", 0 },      ['R'] = { "result", 0 },
	};
	static const char *const with_id[] = { "show", "end", "train", "health",
		                               NULL };
	const char *path = DEFAULT_DB, *what, *verb, *as = NULL;
	json_t *in = json_object(), *out = NULL;
	long long id = 0, facility = 0;
	struct app_ctx ctx;
	struct pii_keys *keys = NULL;
	struct principal p;
	struct db *db;
	int c, json = 0, ret = 1, need_id = 0;

	if (argc < 2 || (strcmp(argv[0], "food") && strcmp(argv[0], "staff")))
		goto usage;
	what = argv[0];
	verb = argv[1];
	for (int i = 0; !strcmp(what, "staff") && with_id[i]; i++)
		need_id |= !strcmp(verb, with_id[i]);
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			path = optarg;
		} else if (c == 'A') {
			as = optarg;
		} else if (c == 'j') {
			json = 1;
		} else if (c == 'u') {
			json_object_set_new(in, "unmask", json_string("1"));
		} else if (c == 'f') {
			facility = atoll(optarg);
		} else if (c == 'o') {
			/* the day of a grade, a training or a check */
			json_object_set_new(in,
			                    !strcmp(what, "food") ? "graded_on"
			                    : !strcmp(verb, "train")
			                        ? "held_on"
			                        : "checked_on",
			                    json_string(optarg));
		} else if (c == 't') {
			json_object_set_new(in, "contract_to",
			                    json_string(optarg));
		} else if (c > 0 && c < 128 && keys_of[c].key) {
			json_object_set_new(in, keys_of[c].key,
			                    keys_of[c].num
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
	if (!strcmp(what, "food") && !strcmp(verb, "grade") && facility <= 0)
		goto usage;
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	keys = ctx.policies ? cli_open_keys(db, path) : NULL;
	ctx.keys = keys;
	if (keys && (!as || !cli_act_as(&ctx, as, &p))) {
		out = run(&ctx, what, verb, id, facility, in);
		if (!out) {
			cli_error(&ctx.err);
		} else {
			if (json) {
				json_dumpf(out, stdout, JSON_INDENT(2));
				putchar('\n');
			} else {
				print_out(what, verb, out);
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
