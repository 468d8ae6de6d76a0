/* complaint: complaints and reviews from the shell: list, show and
 * statistics of complaints, and the list of reviews. The command line
 * acts as the system administrator (or --as USERNAME); it reads, the
 * steps are taken on the desk or through the API. */
#include "app/complaint_stats.h"
#include "app/complaints.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/reviews.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum verb { LIST, SHOW, STATS, REVIEWS, PUBLIC };

static void print_one(json_t *c)
{
	printf(
	    "%-6lld %-6s %-10s %-8s 受理 %s 期限 %s %s%s %s\n",
	    cli_json_int(c, "id"), cli_json_str(c, "status_label"),
	    cli_json_str(c, "channel_name"), cli_json_str(c, "category_name"),
	    cli_json_str(c, "received_on"), cli_json_str(c, "deadline"),
	    json_is_true(json_object_get(c, "overdue")) ? "逾期 " : "",
	    *cli_json_str(c, "facility_name") ? cli_json_str(c, "facility_name")
	                                      : cli_json_str(c, "region_name"),
	    cli_json_str(c, "summary"));
}

static void print_list(json_t *out)
{
	json_t *e, *counts = json_object_get(out, "counts");
	size_t i;

	json_array_foreach(json_object_get(out, "items"), i, e) print_one(e);
	printf("共 %lld 件；未办结 %lld 件，逾期 %lld 件（%s）\n",
	       cli_json_int(out, "total"), cli_json_int(counts, "open"),
	       cli_json_int(counts, "overdue"), cli_json_str(out, "on"));
}

static void print_full(json_t *c)
{
	json_t *e;
	size_t i;

	print_one(c);
	printf("  投诉人 %s  电话 %s  承办 %s\n",
	       cli_json_str(c, "complainant"), cli_json_str(c, "phone"),
	       cli_json_str(c, "assignee"));
	if (*cli_json_str(c, "answer"))
		printf("  答复 %s：%s\n", cli_json_str(c, "answered_on"),
		       cli_json_str(c, "answer"));
	if (*cli_json_str(c, "satisfaction_name"))
		printf("  回访 %s：%s\n", cli_json_str(c, "called_back_on"),
		       cli_json_str(c, "satisfaction_name"));
	if (json_is_integer(json_object_get(c, "hazard_id")))
		printf("  已转监管隐患 %lld\n", cli_json_int(c, "hazard_id"));
	json_array_foreach(json_object_get(c, "steps"), i, e)
	    printf("  %lld. %-6s %s %s %s\n", cli_json_int(e, "version"),
	           cli_json_str(e, "label"), cli_json_str(e, "at"),
	           cli_json_str(e, "by"), cli_json_str(e, "note"));
}

static const char *pct(json_t *o, const char *key)
{
	const char *s = cli_json_str(o, key);

	return *s ? s : "—";
}

static void print_stats_row(json_t *r)
{
	printf("%-24s 受理 %-4lld 办结 %-4lld 答复 %-4lld 按时 %-4lld 逾期 "
	       "%-4lld 回访率 %s%% 满意率 %s%%",
	       cli_json_str(r, "name"), cli_json_int(r, "received"),
	       cli_json_int(r, "closed"), cli_json_int(r, "answered"),
	       cli_json_int(r, "on_time"), cli_json_int(r, "overdue"),
	       pct(r, "callback_rate"), pct(r, "satisfaction_rate"));
	if (json_object_get(r, "review_average"))
		printf(" 评价 %lld 条 平均 %s", cli_json_int(r, "reviews"),
		       pct(r, "review_average"));
	putchar('\n');
}

static void print_stats(json_t *out)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "rows"), i, e)
	    print_stats_row(e);
	print_stats_row(json_object_get(out, "total"));
	printf("（%s）\n", cli_json_str(out, "rounding"));
}

static void print_public(json_t *out)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "rows"), i, e)
	    printf("%-24s 受理 %-4lld 答复 %-4lld 按时 %-4lld 办结 %-4lld "
	           "回访 %-4lld 满意率 %s%%\n",
	           cli_json_str(e, "facility_name"),
	           cli_json_int(e, "received"), cli_json_int(e, "answered"),
	           cli_json_int(e, "on_time"), cli_json_int(e, "closed"),
	           cli_json_int(e, "called_back"), pct(e, "satisfaction_rate"));
	printf("（%s）\n", cli_json_str(out, "rounding"));
}

static void print_reviews(json_t *out)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(out, "items"), i, e) printf(
	    "%-6lld %s %d星 %-6s %s %s\n", cli_json_int(e, "id"),
	    cli_json_str(e, "reviewed_on"), (int)cli_json_int(e, "rating"),
	    cli_json_str(e, "status_label"),
	    *cli_json_str(e, "facility_name") ? cli_json_str(e, "facility_name")
	                                      : cli_json_str(e, "matter"),
	    cli_json_str(e, "comment"));
	printf("共 %lld 条评价\n", cli_json_int(out, "total"));
}

static int run(enum verb verb, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'A' },
		{ "region", required_argument, NULL, 'r' },
		{ "status", required_argument, NULL, 's' },
		{ "category", required_argument, NULL, 'c' },
		{ "facility", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "on", required_argument, NULL, 'o' },
		{ "by", required_argument, NULL, 'b' },
		{ "overdue", no_argument, NULL, 'O' },
		{ "public", no_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const keys_of[] = {
		['r'] = "region",      ['s'] = "status", ['c'] = "category",
		['f'] = "facility_id", ['F'] = "from",   ['T'] = "to",
		['o'] = "on",          ['b'] = "by",
	};
	const char *path = DEFAULT_DB, *as = NULL;
	json_t *in = json_object(), *out = NULL;
	struct pii_keys *keys = NULL;
	struct principal who;
	long long id = 0;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'A':
			as = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'O':
			json_object_set_new(in, "overdue", json_string("1"));
			break;
		case 'P':
			if (verb != STATS)
				goto usage;
			verb = PUBLIC;
			break;
		case 'r':
		case 's':
		case 'c':
		case 'f':
		case 'F':
		case 'T':
		case 'o':
		case 'b':
			json_object_set_new(in, keys_of[c],
			                    json_string(optarg));
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != (verb == SHOW))
		goto usage;
	if (verb == SHOW && (id = atoll(argv[optind])) <= 0)
		goto usage;
	if (!(db = cli_open_db(path)))
		goto done;
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
	keys = ctx.policies ? cli_open_keys(db, path) : NULL;
	ctx.keys = keys;
	if (ctx.policies && (!as || !cli_act_as(&ctx, as, &who))) {
		switch (verb) {
		case LIST:
			out = app_complaint_list(&ctx, in);
			break;
		case SHOW:
			out = app_complaint_get(&ctx, id);
			break;
		case STATS:
			out = app_complaint_stats(&ctx, in);
			break;
		case REVIEWS:
			out = app_review_list(&ctx, in);
			break;
		case PUBLIC:
			out = app_complaint_public_stats(&ctx, in);
			break;
		}
		if (!out) {
			cli_error(&ctx.err);
		} else if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
			ret = 0;
		} else {
			if (verb == LIST)
				print_list(out);
			else if (verb == SHOW)
				print_full(out);
			else if (verb == STATS)
				print_stats(out);
			else if (verb == PUBLIC)
				print_public(out);
			else
				print_reviews(out);
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
	return cli_usage("complaint");
}

static int verb_list(int argc, char **argv)
{
	return run(LIST, argc, argv);
}

static int verb_show(int argc, char **argv)
{
	return run(SHOW, argc, argv);
}

static int verb_stats(int argc, char **argv)
{
	return run(STATS, argc, argv);
}

/* laoxiao complaint review list */
static int verb_review(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list"))
		return cli_usage("complaint");
	return run(REVIEWS, argc - 1, argv + 1);
}

int cmd_complaint(int argc, char **argv)
{
	static const struct cli_verb verbs[] = {
		{ "list", verb_list },
		{ "show", verb_show },
		{ "stats", verb_stats },
		{ "review", verb_review },
	};

	return cli_dispatch("complaint", verbs, sizeof(verbs) / sizeof(*verbs),
	                    argc, argv);
}
