/* plan: planning and gap analysis from the shell. Each verb builds the
 * same parameters the API takes and prints the same JSON, or a short
 * table for people. */
#include "app/planning.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The check takes numbers; options arrive as text. */
static json_t *check_from_options(struct app_ctx *ctx, json_t *params)
{
	static const char *const numeric[] = {
		"households", "residents", "floor_m2", "largest_facility_m2",
		"slots",      "land_m2",   NULL
	};
	json_t *body = json_deep_copy(params), *out;

	for (const char *const *k = numeric; *k; k++) {
		const char *s = json_string_value(json_object_get(body, *k));
		char *end;
		double v;

		if (!s)
			continue;
		v = strtod(s, &end);
		if (*end) {
			json_decref(body);
			return lx_fail(&ctx->err, LX_EINVALID, *k,
			               "'%s' must be a number", *k),
			       NULL;
		}
		json_object_set_new(body, *k, json_real(v));
	}
	out = app_plan_residential_check(ctx, body);
	json_decref(body);
	return out;
}

static void print_check(json_t *o)
{
	size_t i;
	json_t *r;

	printf("%s, %s district, %lld households, %lld residents: %lld of "
	       "%lld rules fail\n",
	       json_string_value(json_object_get(o, "region")),
	       json_string_value(json_object_get(o, "district")),
	       (long long)json_integer_value(json_object_get(o, "households")),
	       (long long)json_integer_value(json_object_get(o, "residents")),
	       (long long)json_integer_value(json_object_get(o, "failed")),
	       (long long)json_integer_value(json_object_get(o, "applicable")));
	json_array_foreach(json_object_get(o, "rules"), i, r)
	{
		json_t *req = json_object_get(r, "required");
		json_t *std = json_object_get(r, "standard");

		printf("  %-16s %-14s",
		       json_string_value(json_object_get(r, "rule")),
		       json_string_value(json_object_get(r, "verdict")));
		if (json_is_number(req))
			printf(
			    " required %.2f, provided %.2f (%s)",
			    json_number_value(req),
			    json_number_value(json_object_get(r, "provided")),
			    json_string_value(json_object_get(std, "source")));
		putchar('\n');
	}
}

static void print_staffing(json_t *o)
{
	json_t *cg = json_object_get(o, "caregivers");
	size_t i;
	json_t *b;

	printf("%s as of %s: %zu elderly-care institutions\n",
	       json_string_value(json_object_get(o, "region")),
	       json_string_value(json_object_get(o, "as_of")),
	       json_array_size(json_object_get(o, "institutions")));
	if (json_is_object(cg))
		printf("  caregivers needed %lld, on staff %lld (%s)\n",
		       (long long)json_integer_value(
		           json_object_get(cg, "needed")),
		       (long long)json_integer_value(
		           json_object_get(cg, "on_staff")),
		       json_string_value(json_object_get(cg, "rule")));
	printf("  institutions that must have a clinic and have none: %lld\n",
	       (long long)json_integer_value(
	           json_object_get(o, "clinics_missing")));
	json_array_foreach(json_object_get(o, "childcare_size_classes"), i, b)
	{
		printf("  childcare %-6s %lld\n",
		       json_string_value(json_object_get(b, "band")),
		       (long long)json_integer_value(
		           json_object_get(b, "institutions")));
	}
}

static const struct verb verbs[] = {
	{ "coverage", app_plan_coverage, print_coverage },
	{ "gap", app_plan_gap, print_gap },
	{ "check", check_from_options, print_check },
	{ "staffing", app_plan_staffing, print_staffing },
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
		{ "households", required_argument, NULL, 'H' },
		{ "residents", required_argument, NULL, 'e' },
		{ "district", required_argument, NULL, 'D' },
		{ "floor", required_argument, NULL, 'F' },
		{ "largest", required_argument, NULL, 'L' },
		{ "slots", required_argument, NULL, 'O' },
		{ "land", required_argument, NULL, 'N' },
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
		case 'H':
			key = "households";
			break;
		case 'e':
			key = "residents";
			break;
		case 'D':
			key = "district";
			break;
		case 'F':
			key = "floor_m2";
			break;
		case 'L':
			key = "largest_facility_m2";
			break;
		case 'O':
			key = "slots";
			break;
		case 'N':
			key = "land_m2";
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
	snprintf(dir, sizeof(dir), "%s", cli_policies_dir());
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
