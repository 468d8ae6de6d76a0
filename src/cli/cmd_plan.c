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

/* A figure of the JSON as text: a decimal string as it is, a whole
 * number written out, "-" when absent. */
static const char *fig(json_t *v, char buf[32])
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return "-";
}

static void print_section(const char *what, json_t *s)
{
	json_t *need = json_object_get(json_object_get(s, "need"), "value");
	json_t *supply = json_object_get(s, "supply");
	json_t *gap = json_object_get(s, "gap");
	json_t *rounded = json_object_get(s, "rounded");
	const char *kind = json_string_value(json_object_get(gap, "kind"));
	char b1[32], b2[32];

	if (!need) {
		json_t *missing = json_object_get(s, "missing");

		printf("%-13s %s\n", what,
		       missing ? cli_json_str(missing, "text")
		               : "no standard in the policy");
		return;
	}
	printf("%-13s need %s", what, fig(need, b1));
	if (json_is_string(json_object_get(supply, "value")))
		printf(", supply %s (%s)",
		       fig(json_object_get(supply, "value"), b1),
		       cli_json_str(supply, "origin"));
	else
		printf(", supply unknown (%s)", cli_json_str(supply, "origin"));
	/* a surplus is said as a surplus, never as a gap */
	if (kind)
		printf(", %s %s -> %s (%s)", kind,
		       fig(json_object_get(gap, kind), b1),
		       fig(json_object_get(rounded, kind), b2),
		       cli_json_str(rounded, "rule"));
	putchar('\n');
}

static void print_population(json_t *pop, const char *key, const char *what)
{
	json_t *missing = json_object_get(
	    pop, key[0] == 'r' ? "residents_missing" : "aged_60_missing");
	json_t *cov = json_object_get(pop, key[0] == 'r' ? "residents_coverage"
	                                                 : "aged_60_coverage");
	char b[32];

	if (missing) {
		printf("%s: %s", what, cli_json_str(missing, "text"));
		return;
	}
	printf(
	    "%s %s (%s)", what, fig(json_object_get(pop, key), b),
	    cli_json_str(pop, key[0] == 'r' ? "residents_how" : "aged_60_how"));
	if (cov)
		printf(" [sum of %s only]", cli_json_str(cov, "text"));
}

static void print_audit(json_t *a)
{
	json_t *b = json_object_get(a, "basis");
	char b1[32], b2[32], b3[32];

	printf("  %s %d%s%s: stated %s, computed %s, difference %s (stated "
	       "to +/- %s): %s\n",
	       cli_json_str(a, "figure"),
	       (int)json_integer_value(json_object_get(a, "year")),
	       json_is_string(json_object_get(a, "scope")) ? ", " : "",
	       cli_json_str(a, "scope"), fig(json_object_get(a, "stated"), b1),
	       fig(json_object_get(a, "computed"), b2),
	       fig(json_object_get(a, "difference"), b3),
	       cli_json_str(a, "tolerance"),
	       json_is_true(json_object_get(a, "differs")) ? "DIFFERS"
	                                                   : "within");
	if (!b)
		return;
	printf("    the stated figure implies %s %s (%s, %s), held %s",
	       cli_json_str(b, "metric"),
	       cli_json_str(json_object_get(b, "implied"), "value"),
	       fig(json_object_get(b, "implied_rounded"), b1),
	       cli_json_str(b, "rule"), fig(json_object_get(b, "held"), b2));
	if (json_object_get(b, "differs"))
		printf(", difference %s (+/- %s): %s",
		       fig(json_object_get(b, "difference"), b3),
		       cli_json_str(b, "tolerance"),
		       json_is_true(json_object_get(b, "differs")) ? "DIFFERS"
		                                                   : "within");
	putchar('\n');
}

static void print_gap(json_t *o)
{
	json_t *pop = json_object_get(o, "population");
	json_t *occ = json_object_get(o, "occupancy");
	const char *key;
	json_t *v;
	size_t i;

	printf("%s %lld: ", cli_json_str(o, "region"),
	       (long long)json_integer_value(json_object_get(o, "year")));
	print_population(pop, "residents", "residents");
	printf(", ");
	print_population(pop, "aged_60", "aged 60+");
	printf("%s\n", json_is_true(json_object_get(pop, "projection"))
	                   ? " [projection]"
	                   : "");
	print_section("slots", json_object_get(o, "slots"));
	print_section("beds", json_object_get(o, "beds"));
	if (json_object_get(o, "nursing_beds"))
		print_section("nursing beds",
		              json_object_get(o, "nursing_beds"));
	if (json_object_get(o, "beds_target")) {
		json_t *t = json_object_get(o, "beds_target");

		print_section("beds target", t);
		printf("%-13s the plan's %s beds by %lld (%s)\n", "",
		       cli_json_str(json_object_get(t, "standard"), "value"),
		       (long long)json_integer_value(json_object_get(
		           json_object_get(t, "standard"), "year")),
		       cli_json_str(json_object_get(t, "standard"), "source"));
	}
	json_object_foreach(occ, key, v)
	{
		char b1[32], b2[32];

		printf("%-13s %s of %s beds occupied (%s): %s%%, vacancy "
		       "%s%% (%s)\n",
		       "occupancy", cli_json_str(v, "occupied"),
		       cli_json_str(v, "beds"), key,
		       fig(json_object_get(v, "rate_percent"), b1),
		       fig(json_object_get(v, "vacancy_percent"), b2),
		       cli_json_str(v, "rule"));
	}
	if (json_array_size(json_object_get(o, "audits")))
		printf("stated against computed:\n");
	json_array_foreach(json_object_get(o, "audits"), i, v)
	{
		print_audit(v);
	}
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
		/* the text as typed, so that 599.5 stays exactly 599.5 */
		(void)v;
		json_object_set_new(body, *k, json_string(s));
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
		char b1[32], b2[32];

		if (!json_is_null(req) && req)
			printf(" required %s, provided %s (%s)", fig(req, b1),
			       json_is_null(json_object_get(r, "provided"))
			           ? "not given"
			           : fig(json_object_get(r, "provided"), b2),
			       cli_json_str(std, "source"));
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
	const char *path = DEFAULT_DB;
	const struct verb *verb = NULL;
	json_t *params = json_object(), *out = NULL;
	struct app_ctx ctx;
	struct db *db;
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
	app_ctx_init(&ctx, db, NULL);
	ctx.policies = cli_load_policies(cli_policies_dir());
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
