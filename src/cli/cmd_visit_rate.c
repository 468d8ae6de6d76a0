/* visit rate: the monthly visit rate (月探访率) of a region and its
 * children, computed from the visits (app/visit_rate.c), with the weekly
 * share of the weekly tiers. `laoxiao visit rate` runs it. */
#include "app/policy.h"
#include "app/visit_rate.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>

static const char *text_or(json_t *o, const char *key, const char *none)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : none;
}

static void print_line(json_t *o, const char *indent)
{
	json_t *w;
	size_t i;

	printf("%s%s %s：%lld/%lld，%s%%\n", indent, text_or(o, "region", ""),
	       text_or(o, "name", ""),
	       (long long)json_integer_value(json_object_get(o, "visited")),
	       (long long)json_integer_value(json_object_get(o, "targets")),
	       text_or(o, "rate", "—"));
	json_array_foreach(json_object_get(o, "weeks"), i, w)
	    printf("%s  %s 每周探访对象 %lld/%lld，%s%%\n", indent,
	           text_or(w, "week", ""),
	           (long long)json_integer_value(json_object_get(w, "visited")),
	           (long long)json_integer_value(json_object_get(w, "targets")),
	           text_or(w, "share", "—"));
}

int cmd_visit_rate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "month", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB;
	json_t *params = json_object(), *out = NULL, *kid;
	struct app_ctx ctx;
	struct db *db;
	int c, json = 0, ret = 1;
	size_t i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			path = optarg;
			break;
		case 'r':
			json_object_set_new(params, "region",
			                    json_string(optarg));
			break;
		case 'm':
			json_object_set_new(params, "month",
			                    json_string(optarg));
			break;
		case 'j':
			json = 1;
			break;
		default:
			json_decref(params);
			return cli_usage("visit");
		}
	}
	if (optind != argc || !json_object_get(params, "region")) {
		json_decref(params);
		return cli_usage("visit");
	}
	if (!(db = cli_open_db(path))) {
		json_decref(params);
		return 1;
	}
	app_ctx_init(&ctx, db, NULL);
	/* --policies is taken for every command by cli/config.c */
	ctx.policies = cli_load_policies(cli_policies_dir());
	if (ctx.policies && !(out = app_visit_rate(&ctx, params))) {
		cli_error(&ctx.err);
	} else if (out && json) {
		ret = json_dumpf(out, stdout, JSON_INDENT(2)) || puts("") < 0;
	} else if (out) {
		printf("%s 月探访率（截至%s，四舍五入保留两位小数）\n",
		       text_or(out, "month", ""), text_or(out, "as_of", ""));
		print_line(out, "");
		json_array_foreach(json_object_get(out, "children"), i, kid)
		    print_line(kid, "  ");
		ret = 0;
	}
	json_decref(out);
	json_decref(params);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
}
