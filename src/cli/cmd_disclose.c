/* disclose: the public disclosure (信息公示) of a region printed from the
 * shell, the same sections the public page shows (app/disclose_public.c):
 * facts about facilities only. */
#include "app/disclose_public.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *share(json_t *s)
{
	json_t *p = json_object_get(s, "percent");

	return json_is_string(p) ? json_string_value(p) : "—";
}

static void print_doc(json_t *d)
{
	json_t *e, *sec;
	size_t i;

	printf("信息公示：%s（%s）  统计起 %s\n",
	       cli_json_str(d, "region_name"), cli_json_str(d, "day"),
	       cli_json_str(d, "since"));
	printf("\n等级评定与星级（有效期内）\n");
	sec = json_object_get(d, "ratings");
	json_array_foreach(json_object_get(sec, "in_force"), i, e) printf(
	    "  %s  %s%s  %s 至 %s\n", cli_json_str(e, "facility_name"),
	    cli_json_str(e, "scheme_name"), cli_json_str(e, "level_name"),
	    cli_json_str(e, "rated_on"), cli_json_str(e, "valid_until"));
	json_array_foreach(json_object_get(sec, "lapsed"), i, e)
	    printf("  已失效：%s  %s%s  %s\n", cli_json_str(e, "facility_name"),
	           cli_json_str(e, "scheme_name"),
	           cli_json_str(e, "level_name"), cli_json_str(e, "lapsed_on"));
	printf("\n黑名单\n");
	sec = json_object_get(d, "black_list");
	json_array_foreach(json_object_get(sec, "institutions"), i, e) printf(
	    "  %s  列入 %s  公布 %s  %s\n", cli_json_str(e, "facility_name"),
	    cli_json_str(e, "listed_on"), cli_json_str(e, "published_on"),
	    cli_json_str(e, "authority"));
	printf("  从业人员 %lld 人（不公示姓名）\n",
	       cli_json_int(sec, "staff_count"));
	printf("\n托育机构备案\n");
	sec = json_object_get(d, "childcare");
	json_array_foreach(json_object_get(sec, "items"), i, e)
	    printf("  %s  %s  %s\n", cli_json_str(e, "name"),
	           cli_json_str(e, "kind_name"),
	           cli_json_str(e, "filing_status_name"));
	printf("  备案率 %s%%\n", share(json_object_get(sec, "filed_share")));
	printf("\n双随机抽查\n");
	sec = json_object_get(d, "inspections");
	json_array_foreach(json_object_get(sec, "plans"), i, e) printf(
	    "  %s  %s  %s  种子 %s  摘要 %s\n", cli_json_str(e, "region_name"),
	    cli_json_str(e, "period"), cli_json_str(e, "title"),
	    cli_json_str(e, "seed"), cli_json_str(e, "digest"));
	json_array_foreach(json_object_get(sec, "facilities"), i, e) printf(
	    "  %s  检查 %lld 次  隐患 %lld 处，已销号 %lld 处\n",
	    cli_json_str(e, "facility_name"), cli_json_int(e, "checks_done"),
	    cli_json_int(e, "hazards_found"),
	    cli_json_int(e, "hazards_closed"));
	printf("\n投诉处理\n");
	sec = json_object_get(d, "complaints");
	json_array_foreach(json_object_get(sec, "items"), i, e)
	    printf("  %s  受理 %lld 件  办结 %lld 件  按时 %s%%  满意 %s%%\n",
	           cli_json_str(e, "facility_name"),
	           cli_json_int(e, "received"), cli_json_int(e, "closed"),
	           share(json_object_get(e, "on_time_share")),
	           share(json_object_get(e, "satisfied_share")));
	printf("\n信用承诺\n");
	json_array_foreach(json_object_get(d, "commitments"), i, e)
	    printf("  %s：%s\n", cli_json_str(e, "facility_name"),
	           cli_json_str(e, "text"));
	printf("\n价格与空余床位（托位）：公众查询页 #/find\n");
}

int cmd_disclose(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *region = NULL;
	struct app_ctx ctx;
	struct db *db;
	json_t *out;
	int c, json = 0, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			region = optarg;
		else if (c == 'd')
			path = optarg;
		else if (c == 'j')
			json = 1;
		else
			return cli_usage("disclose");
	}
	if (!region || optind != argc)
		return cli_usage("disclose");
	if (!(db = cli_open_db(path)))
		return 1;
	/* the public page reads no personal data: no keys are opened */
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies) {
		out = app_disclose_doc(&ctx, region);
		if (!out) {
			cli_error(&ctx.err);
		} else {
			if (json) {
				json_dumpf(out, stdout, JSON_INDENT(2));
				putchar('\n');
			} else {
				print_doc(out);
			}
			json_decref(out);
			ret = 0;
		}
	}
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}
