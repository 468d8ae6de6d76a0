/* indicators and report: the plan's indicators from the shell. */
#include "app/bulletin.h"
#include "app/indicator_compare.h"
#include "app/indicator_nodes.h"
#include "app/indicators.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

struct ind_opts {
	const char *db, *region, *period, *format, *out, *compare, *expr;
	int json, csv, all_nodes;
};

static int parse(int argc, char **argv, const char *cmd, struct ind_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "all-nodes", no_argument, NULL, 'a' },
		{ "compare", required_argument, NULL, 'm' },
		{ "expr", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'r':
			o->region = optarg;
			break;
		case 'p':
			o->period = optarg;
			break;
		case 'f':
			o->format = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'c':
			o->csv = 1;
			break;
		case 'a':
			o->all_nodes = 1;
			break;
		case 'm':
			o->compare = optarg;
			break;
		case 'e':
			o->expr = optarg;
			break;
		default:
			return cli_usage(cmd);
		}
	}
	if (optind != argc || !o->region || !o->period || (o->json && o->csv) ||
	    (o->csv && !o->all_nodes) || (o->compare && o->all_nodes) ||
	    (o->expr && (o->compare || o->all_nodes || o->csv)))
		return cli_usage(cmd);
	return 0;
}

/* Opens the database and the policies into ctx; 0 or an exit status. */
static int open_ctx(struct ind_opts *o, struct app_ctx *ctx, struct db **db)
{
	/* --policies is taken for every command by cli/config.c */
	if (!(*db = cli_open_db(o->db)))
		return 1;
	app_ctx_init(ctx, *db, NULL);
	ctx->policies = cli_load_policies(cli_policies_dir());
	return ctx->policies ? 0 : 1;
}

static void close_ctx(struct app_ctx *ctx, struct db *db)
{
	policy_set_unref(ctx->policies);
	app_ctx_done(ctx);
	db_close(db);
}

static void print_table(json_t *doc)
{
	size_t i;
	json_t *ind;
	const char *group = "";

	printf("%s %s (as of %s)\n",
	       json_string_value(json_object_get(doc, "region")),
	       json_string_value(json_object_get(doc, "period")),
	       json_string_value(json_object_get(doc, "as_of")));
	json_array_foreach(json_object_get(doc, "indicators"), i, ind)
	{
		json_t *t = json_object_get(ind, "target");
		const char *g =
		    json_string_value(json_object_get(ind, "group"));
		const char *d =
		    json_string_value(json_object_get(ind, "display"));
		char cell[160];
		/* a stated figure of an earlier period says its date */
		const char *asof = json_string_value(
		    json_object_get(json_object_get(ind, "stated"), "label"));
		const char *tv = json_string_value(json_object_get(t, "value"));
		const char *tt = json_string_value(json_object_get(t, "text"));
		const char *op =
		    json_string_value(json_object_get(t, "op_label"));

		const char *part = json_string_value(json_object_get(
		    json_object_get(ind, "partial"), "note_zh"));

		snprintf(cell, sizeof(cell), "%s%s%s%s%s%s%s", d ? d : "—",
		         asof ? "（" : "", asof ? asof : "", asof ? "）" : "",
		         part ? "（仅" : "", part ? part : "",
		         part ? "）" : "");
		if (strcmp(g, group)) {
			printf("\n[%s]\n", g);
			group = g;
		}
		printf(
		    "%3lld  %-10s %-8s %s%s  %s (%s)\n",
		    (long long)json_integer_value(json_object_get(ind, "seq")),
		    cell,
		    json_string_value(json_object_get(ind, "status_label")),
		    op && tv ? op : "",
		    tv   ? tv
		    : tt ? tt
		         : "—",
		    json_string_value(json_object_get(ind, "name")),
		    json_string_value(json_object_get(ind, "unit"))
		        ? json_string_value(json_object_get(ind, "unit"))
		        : "");
	}
	/* an empty table is most often a policies folder not given: say so
	 * on standard error, where it does not spoil the table */
	if (!json_array_size(json_object_get(doc, "indicators")))
		fprintf(
		    stderr,
		    "laoxiao: no policy file applies to region '%s': write "
		    "one with 'laoxiao policy new', or give its folder with "
		    "--policies DIR\n",
		    json_string_value(json_object_get(doc, "region")));
}

/* Every node of the region's subtree, CSV unless --json. */
static int print_all_nodes(struct app_ctx *ctx, const struct ind_opts *o)
{
	json_t *params =
	    json_pack("{s:s, s:s, s:s}", "region", o->region, "period",
	              o->period, "format", o->json ? "json" : "csv");
	const char *type;
	char *text;
	size_t len;
	int ret = 0;

	if (app_indicator_nodes(ctx, params, &text, &len, &type, NULL))
		ret = cli_error(&ctx->err);
	else if (fwrite(text, 1, len, stdout) != len ||
	         (o->json && putchar('\n') == EOF))
		ret = 1;
	json_decref(params);
	return ret;
}

/* One indicator across the region's children, ranked
 * (app/indicator_compare.h): JSON unless --format says csv or xlsx, to
 * --out or standard output. */
static int print_compare(struct app_ctx *ctx, const struct ind_opts *o)
{
	json_t *params = json_pack("{s:s, s:s, s:s, s:s}", "region", o->region,
	                           "period", o->period, "indicator", o->compare,
	                           "format", o->format ? o->format : "json");
	const char *type, *name;
	char *text;
	size_t len;
	int ret = 0;

	if (app_indicator_compare(ctx, params, &text, &len, &type, &name)) {
		ret = cli_error(&ctx->err);
	} else {
		FILE *f = o->out ? fopen(o->out, "wb") : stdout;

		ret = !f || fwrite(text, 1, len, f) != len;
		if (f && o->out && fclose(f))
			ret = 1;
		if (ret)
			perror(o->out ? o->out : "stdout");
	}
	json_decref(params);
	return ret;
}

/* One ad-hoc expression (app_evaluate): its value with the numerator and
 * denominator it divides, or the API's document with --json. */
static int print_expr(struct app_ctx *ctx, const struct ind_opts *o)
{
	static const char *const lines[] = { "value", "numerator",
		                             "denominator", NULL };
	json_t *params = json_pack("{s:s, s:s, s:s}", "region", o->region,
	                           "period", o->period, "expression", o->expr);
	json_t *doc = app_evaluate(ctx, params);
	json_decref(params);
	if (!doc) {
		/* the option, not the API's parameter, is what the user wrote
		 */
		if (!strcmp(ctx->err.field, "expression")) {
			fprintf(stderr, "laoxiao: --expr: %s\n",
			        ctx->err.message);
			return 1;
		}
		return cli_error(&ctx->err);
	}
	if (o->json) {
		json_dumpf(doc, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		for (int i = 0; lines[i]; i++) {
			const char *v =
			    json_string_value(json_object_get(doc, lines[i]));

			printf("%s: %s\n", lines[i], v ? v : "—");
		}
		if (json_object_get(doc, "places"))
			printf("rounding: half up (四舍五入) to %lld places\n",
			       (long long)json_integer_value(
			           json_object_get(doc, "places")));
	}
	json_decref(doc);
	return 0;
}

int cmd_indicators(int argc, char **argv)
{
	struct ind_opts o = { .db = DEFAULT_DB };
	struct app_ctx ctx;
	struct db *db;
	json_t *params, *doc;
	int ret;

	if ((ret = parse(argc, argv, "indicators", &o)))
		return ret;
	if ((ret = open_ctx(&o, &ctx, &db))) {
		if (db)
			close_ctx(&ctx, db);
		return ret;
	}
	if (o.all_nodes || o.compare || o.expr) {
		ret = o.expr      ? print_expr(&ctx, &o)
		      : o.compare ? print_compare(&ctx, &o)
		                  : print_all_nodes(&ctx, &o);
		close_ctx(&ctx, db);
		return ret;
	}
	params =
	    json_pack("{s:s, s:s}", "region", o.region, "period", o.period);
	doc = app_indicators(&ctx, params);
	if (!doc) {
		ret = cli_error(&ctx.err);
	} else if (o.json) {
		json_dumpf(doc, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		print_table(doc);
	}
	json_decref(doc);
	json_decref(params);
	close_ctx(&ctx, db);
	return ret;
}

int cmd_report(int argc, char **argv)
{
	struct ind_opts o = { .db = DEFAULT_DB, .format = "html" };
	struct app_ctx ctx;
	struct db *db;
	json_t *params;
	char *text;
	size_t len;
	const char *type, *ext;
	int ret;

	if ((ret = parse(argc, argv, "report", &o)))
		return ret;
	if ((ret = open_ctx(&o, &ctx, &db))) {
		if (db)
			close_ctx(&ctx, db);
		return ret;
	}
	params = json_pack("{s:s, s:s, s:s}", "region", o.region, "period",
	                   o.period, "format", o.format);
	if (app_bulletin(&ctx, params, &text, &len, &type, &ext)) {
		ret = cli_error(&ctx.err);
	} else {
		FILE *f = o.out ? fopen(o.out, "wb") : stdout;

		ret = !f || fwrite(text, 1, len, f) != len;
		if (f && o.out && fclose(f))
			ret = 1;
		if (ret)
			perror(o.out ? o.out : "stdout");
	}
	json_decref(params);
	close_ctx(&ctx, db);
	return ret;
}
