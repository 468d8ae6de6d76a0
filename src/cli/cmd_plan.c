/* plan: planning and gap analysis from the shell. Each verb builds the
 * same parameters the API takes and prints the same JSON, or a short
 * table for people. */
#include "app/planning.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

struct verb {
	const char *name;
	json_t *(*fn)(struct app_ctx *ctx, json_t *params);
	void (*print)(json_t *out);
};

static void print_coverage(json_t *o)
{
	size_t i;
	json_t *u;
	json_t *share = json_object_get(o, "share");

	printf("%s %s circle, reach %.0f m (%s): %lld of %lld residents "
	       "covered (%s) by %lld sites; %lld points uncovered\n",
	       json_string_value(json_object_get(o, "region")),
	       json_string_value(json_object_get(o, "kind")),
	       json_number_value(json_object_get(o, "reach_m")),
	       json_string_value(json_object_get(o, "reach_source")),
	       (long long)json_integer_value(
	           json_object_get(o, "covered_population")),
	       (long long)json_integer_value(
	           json_object_get(o, "total_population")),
	       share ? json_string_value(json_object_get(share, "display"))
	             : "no residents",
	       (long long)json_integer_value(json_object_get(o, "sites")),
	       (long long)json_integer_value(
	           json_object_get(o, "uncovered_points")));
	json_array_foreach(json_object_get(o, "suggestions"), i, u)
	{
		printf("  suggest %zu: %s (%.5f, %.5f) adds %lld residents\n",
		       i + 1, json_string_value(json_object_get(u, "name")),
		       json_number_value(json_object_get(u, "lat")),
		       json_number_value(json_object_get(u, "lon")),
		       (long long)json_integer_value(
		           json_object_get(u, "adds_population")));
	}
}

static void print_section(const char *what, json_t *s)
{
	json_t *need = json_object_get(json_object_get(s, "need"), "value");
	json_t *sup = json_object_get(json_object_get(s, "supply"), "value");
	json_t *gap = json_object_get(s, "gap");
	json_t *rounded = json_object_get(s, "rounded");
	const char *kind = json_string_value(json_object_get(gap, "kind"));

	if (!need) {
		printf("%-13s no standard or no population\n", what);
		return;
	}
	printf("%-13s need %.2f", what, json_number_value(need));
	if (json_is_number(sup))
		printf(", supply %.0f (%s)", json_number_value(sup),
		       json_string_value(json_object_get(
		           json_object_get(s, "supply"), "origin")));
	if (kind)
		printf(", %s %.2f -> %.0f (%s)", kind,
		       json_number_value(json_object_get(gap, kind)),
		       json_number_value(json_object_get(rounded, kind)),
		       json_string_value(json_object_get(rounded, "rule")));
	putchar('\n');
}

static void print_gap(json_t *o)
{
	json_t *pop = json_object_get(o, "population");

	printf("%s %lld: residents %.0f (%s), aged 60+ %.0f (%s)%s\n",
	       json_string_value(json_object_get(o, "region")),
	       (long long)json_integer_value(json_object_get(o, "year")),
	       json_number_value(json_object_get(pop, "residents")),
	       json_string_value(json_object_get(pop, "residents_how")),
	       json_number_value(json_object_get(pop, "aged_60")),
	       json_string_value(json_object_get(pop, "aged_60_how")),
	       json_is_true(json_object_get(pop, "projection"))
	           ? " [projection]"
	           : "");
	print_section("slots", json_object_get(o, "slots"));
	print_section("beds", json_object_get(o, "beds"));
	if (json_object_get(o, "nursing_beds"))
		print_section("nursing beds",
		              json_object_get(o, "nursing_beds"));
}

static const struct verb verbs[] = {
	{ "coverage", app_plan_coverage, print_coverage },
	{ "gap", app_plan_gap, print_gap },
};

int cmd_plan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "policies", required_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		{ "region", required_argument, NULL, 'r' },
		{ "kind", required_argument, NULL, 'k' },
		{ "reach", required_argument, NULL, 'R' },
		{ "sites", required_argument, NULL, 's' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "year", required_argument, NULL, 'y' },
		{ "basis", required_argument, NULL, 'b' },
		{ "stated-slots", required_argument, NULL, 'S' },
		{ "stated-beds", required_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB, *policies = NULL;
	const struct verb *verb = NULL;
	json_t *params = json_object(), *out = NULL;
	struct app_ctx ctx;
	struct db *db;
	char dir[1024];
	int c, json = 0, ret = 1;

	if (argc < 2)
		goto usage;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(verbs[i].name, argv[1]))
			verb = &verbs[i];
	if (!verb)
		goto usage;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		const char *key = NULL;

		switch (c) {
		case 'd':
			path = optarg;
			continue;
		case 'P':
			policies = optarg;
			continue;
		case 'j':
			json = 1;
			continue;
		case 'r':
			key = "region";
			break;
		case 'k':
			key = "kind";
			break;
		case 'R':
			key = "reach";
			break;
		case 's':
			key = "k";
			break;
		case 'a':
			key = "as_of";
			break;
		case 'y':
			key = "year";
			break;
		case 'b':
			key = "basis";
			break;
		case 'S':
			key = "stated_slots";
			break;
		case 'B':
			key = "stated_beds";
			break;
		default:
			goto usage;
		}
		json_object_set_new(params, key, json_string(optarg));
	}
	if (optind != argc)
		goto usage;
	if (!(db = cli_open_db(path))) {
		json_decref(params);
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/policies", cli_data_root());
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(policies ? policies : dir);
	if (ctx.policies && (out = verb->fn(&ctx, params))) {
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			verb->print(out);
		}
		ret = 0;
	} else if (ctx.policies) {
		cli_error(&ctx.err);
	}
	json_decref(out);
	json_decref(params);
	policy_set_unref(ctx.policies);
	app_ctx_done(&ctx);
	db_close(db);
	return ret;
usage:
	json_decref(params);
	return cli_usage("plan");
}
