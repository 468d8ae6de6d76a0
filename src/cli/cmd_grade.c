/* laoxiao grade: grading and star ratings from the shell (docs/api.md
 * "Grading and star ratings"): the region's schemes, an assessment of a
 * facility with its section scores, the region's ratings, and recording
 * lapses. Acts as the system administrator, or as the account given by
 * --as; every write is audited as the API's is. */
#include "app/grade.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_scheme(json_t *s)
{
	json_t *e;
	size_t i;

	printf("%s（%s，%s）满分 %lld 分\n", cli_json_str(s, "name"),
	       cli_json_str(s, "code"), cli_json_str(s, "unit"),
	       cli_json_int(s, "total"));
	json_array_foreach(json_object_get(s, "sections"), i, e) printf(
	    "  %s %lld 分\n", cli_json_str(e, "name"), cli_json_int(e, "max"));
	json_array_foreach(json_object_get(s, "levels"), i, e)
	    printf("  %s：总分 ≥ %lld，各部分 ≥ 满分的 %lld%%\n",
	           cli_json_str(e, "name"), cli_json_int(e, "min_total"),
	           cli_json_int(e, "min_share"));
}

static void print_assessment(json_t *a)
{
	json_t *e;
	size_t i;

	printf("#%lld %s %s %s：总分 %s，%s", cli_json_int(a, "id"),
	       cli_json_str(a, "assessed_on"), cli_json_str(a, "scheme_name"),
	       cli_json_str(a, "kind_label"), cli_json_str(a, "total"),
	       cli_json_str(a, "outcome_label"));
	if (cli_json_int(a, "level"))
		printf(" %s", cli_json_str(a, "level_name"));
	if (*cli_json_str(a, "valid_until"))
		printf("，有效期至 %s（%s起可申请复评）",
		       cli_json_str(a, "valid_until"),
		       cli_json_str(a, "renewal_from"));
	if (*cli_json_str(a, "reason"))
		printf("；%s", cli_json_str(a, "reason"));
	putchar('\n');
	json_array_foreach(json_object_get(a, "sections"), i, e)
	    printf("  %s %s / %lld\n", cli_json_str(e, "name"),
	           cli_json_str(e, "score"), cli_json_int(e, "max"));
}

static void print_rating(json_t *r)
{
	printf("  %s（%s）%s %s，%s 至 %s", cli_json_str(r, "facility_name"),
	       cli_json_str(r, "kind_label"), cli_json_str(r, "scheme_name"),
	       cli_json_str(r, "level_name"), cli_json_str(r, "rated_on"),
	       cli_json_str(r, "valid_until"));
	if (*cli_json_str(r, "lapsed_on"))
		printf("，%s 起失效", cli_json_str(r, "lapsed_on"));
	putchar('\n');
}

static void print_list(json_t *out)
{
	json_t *e, *l, *g = json_object_get(out, "graded_elderly");
	json_t *pct = json_object_get(g, "percent");
	size_t i, j;

	printf("截至 %s\n", cli_json_str(out, "as_of"));
	json_array_foreach(json_object_get(out, "schemes"), i, e)
	{
		printf("%s：%lld 家", cli_json_str(e, "name"),
		       cli_json_int(e, "count"));
		json_array_foreach(json_object_get(e, "levels"), j, l)
		    printf("，%s %lld", cli_json_str(l, "name"),
		           cli_json_int(l, "count"));
		putchar('\n');
	}
	printf("养老机构评定一级及以上：%lld/%lld = %s%s（四舍五入）\n",
	       cli_json_int(g, "numerator"), cli_json_int(g, "denominator"),
	       json_is_string(pct) ? json_string_value(pct) : "—",
	       json_is_string(pct) ? "%" : "");
	printf("星级托育机构：%lld 家\n",
	       cli_json_int(json_object_get(out, "star_rated_childcare"),
	                    "count"));
	printf("有效评定：\n");
	json_array_foreach(json_object_get(out, "ratings"), i, e)
	    print_rating(e);
	printf("进入复评期：%zu\n",
	       json_array_size(json_object_get(out, "expiring")));
	json_array_foreach(json_object_get(out, "expiring"), i, e)
	    print_rating(e);
	printf("已失效：\n");
	json_array_foreach(json_object_get(out, "lapsed"), i, e)
	    print_rating(e);
	printf("年度综合评价待开展：%zu\n",
	       json_array_size(json_object_get(out, "annual_due")));
	json_array_foreach(json_object_get(out, "annual_due"), i, e) printf(
	    "  %s（%s）%s\n", cli_json_str(e, "facility_name"),
	    cli_json_str(e, "kind_label"), cli_json_str(e, "scheme_name"));
}

static void print_out(const char *verb, json_t *out)
{
	json_t *e;
	size_t i;

	if (!strcmp(verb, "schemes")) {
		json_array_foreach(json_object_get(out, "schemes"), i, e)
		    print_scheme(e);
	} else if (!strcmp(verb, "assess")) {
		print_assessment(out);
	} else if (!strcmp(verb, "assessments")) {
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_assessment(e);
	} else if (!strcmp(verb, "list")) {
		print_list(out);
	} else {
		printf("%s：记录失效 %lld 项\n", cli_json_str(out, "day"),
		       cli_json_int(out, "recorded"));
		json_array_foreach(json_object_get(out, "items"), i, e)
		    print_rating(e);
	}
}

/* --score section=points into scores */
static int add_score(json_t *scores, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char key[64];

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(key))
		return -1;
	memcpy(key, arg, (size_t)(eq - arg));
	key[eq - arg] = '\0';
	json_object_set_new(scores, key, json_string(eq + 1));
	return 0;
}

static json_t *run(struct app_ctx *ctx, const char *verb, long long facility,
                   json_t *in)
{
	if (!strcmp(verb, "schemes"))
		return app_grade_schemes(ctx, in);
	if (!strcmp(verb, "assess"))
		return app_grade_assess(ctx, facility, in);
	if (!strcmp(verb, "assessments"))
		return app_grade_assessments(ctx, facility, in);
	if (!strcmp(verb, "list"))
		return app_grade_overview(ctx, in);
	return app_grade_lapse(ctx, in);
}

static int verb_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "as", required_argument, NULL, 'A' },
		{ "region", required_argument, NULL, 'r' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "scheme", required_argument, NULL, 's' },
		{ "kind", required_argument, NULL, 'k' },
		{ "on", required_argument, NULL, 'o' },
		{ "applied", required_argument, NULL, 'l' },
		{ "score", required_argument, NULL, 'S' },
		{ "evaluator", required_argument, NULL, 'e' },
		{ "day", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *verb = argv[0], *as = NULL;
	json_t *in = json_object(), *scores = json_object(), *out = NULL;
	int need_id = !strcmp(verb, "assess") || !strcmp(verb, "assessments");
	long long facility = 0;
	struct app_ctx ctx;
	struct principal p;
	struct db *db;
	int c, json = 0, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			path = optarg;
		else if (c == 'A')
			as = optarg;
		else if (c == 'j')
			json = 1;
		else if (c == 'r')
			json_object_set_new(in, "region", json_string(optarg));
		else if (c == 'a')
			json_object_set_new(in, "as_of", json_string(optarg));
		else if (c == 's')
			json_object_set_new(in, "scheme", json_string(optarg));
		else if (c == 'k')
			json_object_set_new(in, "kind", json_string(optarg));
		else if (c == 'o')
			json_object_set_new(in, "assessed_on",
			                    json_string(optarg));
		else if (c == 'l')
			json_object_set_new(in, "applied_level",
			                    json_integer(atoll(optarg)));
		else if (c == 'e')
			json_object_set_new(in, "evaluator",
			                    json_string(optarg));
		else if (c == 'D')
			json_object_set_new(in, "day", json_string(optarg));
		else if (c != 'S' || add_score(scores, optarg))
			goto usage;
	}
	if (argc - optind != need_id)
		goto usage;
	if (need_id && (facility = atoll(argv[optind])) <= 0)
		goto usage;
	if (!strcmp(verb, "assess"))
		json_object_set(in, "scores", scores);
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies && (!as || !cli_act_as(&ctx, as, &p))) {
		out = run(&ctx, verb, facility, in);
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
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
done:
	json_decref(in);
	json_decref(scores);
	return ret;
usage:
	json_decref(in);
	json_decref(scores);
	return cli_usage("grade");
}

static const struct cli_verb verbs[] = {
	{ "schemes", verb_run },     { "assess", verb_run },
	{ "assessments", verb_run }, { "list", verb_run },
	{ "lapse", verb_run },
};

int cmd_grade(int argc, char **argv)
{
	return cli_dispatch("grade", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
